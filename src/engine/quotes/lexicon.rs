//! Word lists for attribution: reporting verbs with their inflections, pronouns, function
//! words, titles and group nouns. All lookups are on lowercase words.

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

/// How a reporting verb introduces what was said.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueClass {
    /// "say", "argue": the reported clause may follow without "that".
    Clause,
    /// "add", "show", "confirm": often takes a plain object ("added 200 jobs"), so indirect
    /// speech needs "that" (or a quotation) after it.
    NeedsThat,
}

/// Whether a verb form is a participle like "saying" (used in ", saying that …").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cue {
    pub class: CueClass,
    pub participle: bool,
    /// "tell", "inform", "assure": an object (the hearer) comes before the clause.
    pub takes_hearer: bool,
    /// Past participle forms that read as passive after "was"/"is" ("was told").
    pub past: bool,
    /// Verbs whose plain object is what was said ("stressed the need for talks"): the
    /// content then includes the verb.
    pub names_object: bool,
    /// Verbs of intention whose content is a "to" clause ("agreed to pay").
    pub takes_to: bool,
    /// Statement verbs whose plain object is reported with the verb ("stressed the need").
    pub verb_in_content: bool,
    /// A present form of a verb that is also a common noun ("support", "plans", "state"):
    /// a verb only after a pronoun, a name or an auxiliary.
    pub noun_like: bool,
    /// The bare lemma ("support", "underscore"): as a present-tense verb it needs a plural
    /// or first/second-person subject.
    pub base: bool,
    /// Learned from annotated news rather than listed by hand: a weaker cue, not trusted in
    /// Title Case headlines.
    pub learned: bool,
}

/// (lemma, irregular forms or empty, class). Regular forms are generated.
const VERBS: &[(&str, &[&str], CueClass)] = &[
    ("say", &["says", "said", "saying"], CueClass::Clause),
    ("tell", &["tells", "told", "telling"], CueClass::Clause),
    (
        "write",
        &["writes", "wrote", "written", "writing"],
        CueClass::Clause,
    ),
    (
        "think",
        &["thinks", "thought", "thinking"],
        CueClass::Clause,
    ),
    ("feel", &["feels", "felt", "feeling"], CueClass::NeedsThat),
    ("find", &["finds", "found", "finding"], CueClass::NeedsThat),
    (
        "know",
        &["knows", "knew", "known", "knowing"],
        CueClass::NeedsThat,
    ),
    ("tweet", &[], CueClass::Clause),
    ("add", &[], CueClass::NeedsThat),
    ("note", &[], CueClass::Clause),
    ("report", &[], CueClass::NeedsThat),
    ("announce", &[], CueClass::NeedsThat),
    ("claim", &[], CueClass::Clause),
    ("argue", &[], CueClass::Clause),
    ("suggest", &[], CueClass::Clause),
    ("warn", &[], CueClass::Clause),
    ("acknowledge", &[], CueClass::Clause),
    (
        "admit",
        &["admits", "admitted", "admitting"],
        CueClass::Clause,
    ),
    ("insist", &[], CueClass::Clause),
    ("maintain", &[], CueClass::Clause),
    ("explain", &[], CueClass::Clause),
    ("state", &[], CueClass::NeedsThat),
    ("declare", &[], CueClass::Clause),
    ("assert", &[], CueClass::Clause),
    ("emphasize", &[], CueClass::Clause),
    ("emphasise", &[], CueClass::Clause),
    (
        "stress",
        &["stresses", "stressed", "stressing"],
        CueClass::Clause,
    ),
    ("contend", &[], CueClass::Clause),
    ("predict", &[], CueClass::Clause),
    ("reveal", &[], CueClass::NeedsThat),
    ("confirm", &[], CueClass::NeedsThat),
    (
        "deny",
        &["denies", "denied", "denying"],
        CueClass::NeedsThat,
    ),
    ("believe", &[], CueClass::Clause),
    (
        "agree",
        &["agrees", "agreed", "agreeing"],
        CueClass::NeedsThat,
    ),
    ("indicate", &[], CueClass::Clause),
    ("recall", &[], CueClass::NeedsThat),
    ("respond", &[], CueClass::NeedsThat),
    (
        "reply",
        &["replies", "replied", "replying"],
        CueClass::NeedsThat,
    ),
    ("answer", &[], CueClass::NeedsThat),
    ("hint", &[], CueClass::NeedsThat),
    ("urge", &[], CueClass::NeedsThat),
    ("promise", &[], CueClass::NeedsThat),
    ("pledge", &[], CueClass::NeedsThat),
    ("vow", &[], CueClass::NeedsThat),
    ("estimate", &[], CueClass::NeedsThat),
    ("conclude", &[], CueClass::NeedsThat),
    (
        "show",
        &["shows", "showed", "shown", "showing"],
        CueClass::NeedsThat,
    ),
    ("concede", &[], CueClass::Clause),
    ("complain", &[], CueClass::Clause),
    (
        "refer",
        &["refers", "referred", "referring"],
        CueClass::NeedsThat,
    ),
    ("talk", &[], CueClass::NeedsThat),
    ("focus", &[], CueClass::NeedsThat),
    ("allege", &[], CueClass::Clause),
    (
        "testify",
        &["testifies", "testified", "testifying"],
        CueClass::Clause,
    ),
    ("speculate", &[], CueClass::NeedsThat),
    (
        "worry",
        &["worries", "worried", "worrying"],
        CueClass::NeedsThat,
    ),
    ("fear", &[], CueClass::NeedsThat),
    ("hope", &[], CueClass::NeedsThat),
    ("expect", &[], CueClass::NeedsThat),
    ("observe", &[], CueClass::NeedsThat),
    ("remark", &[], CueClass::NeedsThat),
    ("comment", &[], CueClass::NeedsThat),
    ("mention", &[], CueClass::NeedsThat),
    ("boast", &[], CueClass::NeedsThat),
    (
        "brag",
        &["brags", "bragged", "bragging"],
        CueClass::NeedsThat,
    ),
    ("charge", &[], CueClass::NeedsThat),
    ("caution", &[], CueClass::NeedsThat),
    ("counter", &[], CueClass::NeedsThat),
    ("reiterate", &[], CueClass::NeedsThat),
    ("repeat", &[], CueClass::NeedsThat),
    (
        "signal",
        &["signals", "signaled", "signalled", "signaling"],
        CueClass::NeedsThat,
    ),
    ("underscore", &[], CueClass::NeedsThat),
    ("underline", &[], CueClass::NeedsThat),
    ("disclose", &[], CueClass::NeedsThat),
    ("proclaim", &[], CueClass::NeedsThat),
    ("affirm", &[], CueClass::NeedsThat),
    ("reaffirm", &[], CueClass::NeedsThat),
    ("assure", &[], CueClass::NeedsThat),
    ("inform", &[], CueClass::NeedsThat),
    ("remind", &[], CueClass::NeedsThat),
    ("advise", &[], CueClass::NeedsThat),
    ("joke", &[], CueClass::NeedsThat),
    (
        "quip",
        &["quips", "quipped", "quipping"],
        CueClass::NeedsThat,
    ),
    ("lament", &[], CueClass::NeedsThat),
    (
        "clarify",
        &["clarifies", "clarified", "clarifying"],
        CueClass::NeedsThat,
    ),
    ("continue", &[], CueClass::NeedsThat),
    ("threaten", &[], CueClass::NeedsThat),
    ("demand", &[], CueClass::NeedsThat),
    ("propose", &[], CueClass::NeedsThat),
    ("recommend", &[], CueClass::NeedsThat),
    ("question", &[], CueClass::NeedsThat),
    ("wonder", &[], CueClass::NeedsThat),
    ("ask", &[], CueClass::NeedsThat),
    (
        "understand",
        &["understands", "understood", "understanding"],
        CueClass::NeedsThat,
    ),
    (
        "learn",
        &["learns", "learned", "learnt", "learning"],
        CueClass::NeedsThat,
    ),
    (
        "forecast",
        &["forecasts", "forecast", "forecasted", "forecasting"],
        CueClass::NeedsThat,
    ),
    ("project", &[], CueClass::NeedsThat),
    ("dispute", &[], CueClass::NeedsThat),
    ("doubt", &[], CueClass::NeedsThat),
    ("posit", &[], CueClass::NeedsThat),
    ("accuse", &[], CueClass::NeedsThat),
    ("suspect", &[], CueClass::NeedsThat),
    (
        "imply",
        &["implies", "implied", "implying"],
        CueClass::NeedsThat,
    ),
    ("acknowledge", &[], CueClass::Clause),
    ("voice", &[], CueClass::NeedsThat),
    (
        "express",
        &["expresses", "expressed", "expressing"],
        CueClass::NeedsThat,
    ),
    ("call", &[], CueClass::NeedsThat),
    (
        "plan",
        &["plans", "planned", "planning"],
        CueClass::NeedsThat,
    ),
    ("want", &[], CueClass::NeedsThat),
    ("refuse", &[], CueClass::NeedsThat),
    ("decline", &[], CueClass::NeedsThat),
    ("seek", &["seeks", "sought", "seeking"], CueClass::NeedsThat),
    ("intend", &[], CueClass::NeedsThat),
    ("criticize", &[], CueClass::NeedsThat),
    ("criticise", &[], CueClass::NeedsThat),
    ("praise", &[], CueClass::NeedsThat),
    ("attack", &[], CueClass::NeedsThat),
    ("blast", &[], CueClass::NeedsThat),
    ("condemn", &[], CueClass::NeedsThat),
    ("describe", &[], CueClass::NeedsThat),
    ("cite", &[], CueClass::NeedsThat),
    (
        "slam",
        &["slams", "slammed", "slamming"],
        CueClass::NeedsThat,
    ),
    ("defend", &[], CueClass::NeedsThat),
    ("reject", &[], CueClass::NeedsThat),
    ("endorse", &[], CueClass::NeedsThat),
    ("chant", &[], CueClass::NeedsThat),
    (
        "sing",
        &["sings", "sang", "sung", "singing"],
        CueClass::NeedsThat,
    ),
    ("shout", &[], CueClass::NeedsThat),
    ("yell", &[], CueClass::NeedsThat),
    ("scream", &[], CueClass::NeedsThat),
    ("exclaim", &[], CueClass::NeedsThat),
    ("scold", &[], CueClass::NeedsThat),
    ("laugh", &[], CueClass::NeedsThat),
    ("support", &[], CueClass::NeedsThat),
    ("oppose", &[], CueClass::NeedsThat),
    ("back", &[], CueClass::NeedsThat),
    ("favor", &[], CueClass::NeedsThat),
    (
        "discuss",
        &["discusses", "discussed", "discussing"],
        CueClass::NeedsThat,
    ),
    ("blame", &[], CueClass::NeedsThat),
    ("tout", &[], CueClass::NeedsThat),
    ("highlight", &[], CueClass::NeedsThat),
    ("welcome", &[], CueClass::NeedsThat),
    ("applaud", &[], CueClass::NeedsThat),
    (
        "decry",
        &["decries", "decried", "decrying"],
        CueClass::NeedsThat,
    ),
    ("denounce", &[], CueClass::NeedsThat),
    ("hail", &[], CueClass::NeedsThat),
    (
        "dismiss",
        &["dismisses", "dismissed", "dismissing"],
        CueClass::NeedsThat,
    ),
    ("decide", &[], CueClass::NeedsThat),
    ("vote", &[], CueClass::NeedsThat),
    ("offer", &[], CueClass::NeedsThat),
    ("liken", &[], CueClass::NeedsThat),
    ("point", &[], CueClass::NeedsThat),
    (
        "speak",
        &["speaks", "spoke", "spoken", "speaking"],
        CueClass::NeedsThat,
    ),
];

/// Verbs whose plain object is the statement itself.
const OBJECT_VERBS: &[&str] = &[
    "show",
    "announce",
    "underscore",
    "underline",
    "stress",
    "emphasize",
    "emphasise",
    "reiterate",
    "assert",
    "affirm",
    "reaffirm",
    "acknowledge",
    "voice",
    "express",
    "signal",
    "deny",
    "confirm",
    "predict",
    "call",
    "criticize",
    "criticise",
    "praise",
    "attack",
    "blast",
    "condemn",
    "describe",
    "cite",
    "slam",
    "defend",
    "reject",
    "endorse",
    "support",
    "oppose",
    "back",
    "favor",
    "mention",
    "discuss",
    "propose",
    "blame",
    "tout",
    "highlight",
    "welcome",
    "applaud",
    "decry",
    "denounce",
    "hail",
    "dismiss",
    "question",
    "accuse",
    "recommend",
    "liken",
];

/// Object verbs where the verb itself carries the statement ("underscored commitment").
const STATEMENT_VERBS: &[&str] = &[
    "underscore",
    "underline",
    "stress",
    "emphasize",
    "emphasise",
    "reiterate",
    "assert",
    "affirm",
    "reaffirm",
    "voice",
    "express",
    "signal",
];

/// Verbs whose present forms are also common nouns.
const NOUN_LIKE: &[&str] = &[
    "state",
    "call",
    "question",
    "plan",
    "support",
    "back",
    "report",
    "claim",
    "comment",
    "charge",
    "promise",
    "pledge",
    "hope",
    "fear",
    "estimate",
    "offer",
    "vote",
    "point",
    "demand",
    "answer",
    "counter",
    "signal",
    "repeat",
    "project",
    "doubt",
    "dispute",
    "favor",
    "blame",
    "tout",
    "welcome",
    "hail",
    "highlight",
    "seek",
    "tell",
    "show",
    "note",
    "remark",
    "forecast",
    "cite",
    "attack",
    "reply",
    "respond",
    "warn",
    "think",
];

/// Verbs of intention or request with a "to" clause as content.
const TO_VERBS: &[&str] = &[
    "agree", "plan", "want", "refuse", "decline", "seek", "intend", "vow", "pledge", "promise",
    "threaten", "urge", "ask", "expect", "hope", "vote", "demand", "offer", "call", "decide",
];

/// Verbs whose first object is the hearer ("told reporters that …").
const HEARER_VERBS: &[&str] = &[
    "tell", "inform", "assure", "remind", "advise", "warn", "urge", "ask", "promise",
];

fn regular_forms(lemma: &str) -> [String; 4] {
    let third = if lemma.ends_with('s') || lemma.ends_with("sh") || lemma.ends_with("ch") {
        format!("{lemma}es")
    } else {
        format!("{lemma}s")
    };
    let (past, ing) = if let Some(stem) = lemma.strip_suffix('e') {
        (format!("{lemma}d"), format!("{stem}ing"))
    } else {
        (format!("{lemma}ed"), format!("{lemma}ing"))
    };
    [lemma.to_owned(), third, past, ing]
}

static CUES: LazyLock<FxHashMap<String, Cue>> = LazyLock::new(|| {
    let mut map = FxHashMap::default();
    for &(lemma, irregular, class) in VERBS {
        let forms: Vec<String> = if irregular.is_empty() {
            regular_forms(lemma).to_vec()
        } else {
            std::iter::once(lemma.to_owned())
                .chain(irregular.iter().map(|s| (*s).to_owned()))
                .collect()
        };
        let takes_hearer = HEARER_VERBS.contains(&lemma);
        let names_object = OBJECT_VERBS.contains(&lemma);
        let takes_to = TO_VERBS.contains(&lemma);
        let verb_in_content = STATEMENT_VERBS.contains(&lemma);
        let noun_lemma = NOUN_LIKE.contains(&lemma);
        for form in forms {
            let present = form == lemma
                || form.strip_suffix('s').is_some_and(|stem| stem == lemma)
                || form.strip_suffix("es").is_some_and(|stem| stem == lemma);
            let noun_like = noun_lemma && present;
            let participle = form.ends_with("ing");
            let base = form == lemma;
            let past = !participle && form != lemma && !form.ends_with('s') || form.ends_with("ed");
            map.entry(form).or_insert(Cue {
                class,
                participle,
                takes_hearer,
                past,
                names_object,
                takes_to,
                verb_in_content,
                noun_like,
                base,
                learned: false,
            });
        }
    }
    for learned in learned_cues() {
        map.entry(learned.form.to_owned())
            .or_insert_with(|| learned.to_cue());
    }
    map
});

/// Cue words learned from the PolNeAR train split by `scripts/learn_cues.py` (one TSV line
/// each: form, times annotated as a cue, occurrences, then the shares of cue occurrences
/// whose content is a "that" clause, a "to" clause, other words after the cue, or words
/// before it). Only word forms and counts; no article text.
const LEARNED_CUES_TSV: &str = include_str!("learned_cues.tsv");

/// Learned forms count as cues when annotators marked at least this share of their
/// occurrences (tuned on PolNeAR dev).
const LEARNED_MIN_P_CUE: f32 = 0.5;

/// One learned cue form with the constructions it was seen in.
#[derive(Clone, Copy, Debug)]
struct LearnedCue {
    form: &'static str,
    p_cue: f32,
    p_that: f32,
    p_to: f32,
    p_after: f32,
    p_before: f32,
}

impl LearnedCue {
    fn parse(line: &'static str) -> Option<Self> {
        let mut fields = line.split('\t');
        let form = fields.next()?;
        let mut numbers = fields.skip(2).map(|f| f.trim().parse::<f32>().ok());
        Some(Self {
            form,
            p_cue: numbers.next()??,
            p_that: numbers.next()??,
            p_to: numbers.next()??,
            p_after: numbers.next()??,
            p_before: numbers.next()??,
        })
    }

    /// Whether the form is used: frequent enough as a cue, with the content after it
    /// (forms like "seemed" whose content comes first need their own construction).
    fn usable(&self) -> bool {
        self.p_cue >= LEARNED_MIN_P_CUE && self.p_before < 0.5 && self.form.is_ascii()
    }

    fn to_cue(self) -> Cue {
        let participle = self.form.ends_with("ing");
        let past = self.form.ends_with("ed");
        let third = !participle && !past && self.form.ends_with('s');
        Cue {
            class: CueClass::NeedsThat,
            participle,
            takes_hearer: false,
            past,
            // "mocked the plan": the object is what was said when a "that" clause is rare.
            names_object: self.p_after >= 0.5 && self.p_that < 0.3,
            takes_to: self.p_to >= 0.3,
            verb_in_content: false,
            noun_like: !participle && !past,
            base: !participle && !past && !third,
            learned: true,
        }
    }
}

/// Every form of the learned table, usable as a cue or not.
fn learned_forms() -> impl Iterator<Item = LearnedCue> {
    LEARNED_CUES_TSV
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(LearnedCue::parse)
}

fn learned_cues() -> impl Iterator<Item = LearnedCue> {
    learned_forms().filter(LearnedCue::usable)
}

/// Every learned form, also those too rare as cues in running text: in a headline the
/// selection model judges them.
static HEADLINE_CUES: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| learned_forms().map(|c| c.form).collect());

/// Builds the cue tables now rather than at their first use.
pub fn load() {
    LazyLock::force(&CUES);
    LazyLock::force(&HEADLINE_CUES);
}

/// Whether a lowercase word may be the reporting verb of a headline ("Senator Slams Plan"):
/// a listed cue, or any form of the learned table (annotated as a cue in at least 20% of its
/// train occurrences, the table's floor).
pub fn is_headline_cue(word_lower: &str) -> bool {
    CUES.contains_key(word_lower) || HEADLINE_CUES.contains(word_lower)
}

/// The reporting verb this lowercase word is a form of, if any.
pub fn cue(word_lower: &str) -> Option<Cue> {
    CUES.get(word_lower).copied()
}

fn set(words: &[&'static str]) -> FxHashSet<&'static str> {
    words.iter().copied().collect()
}

static ABBREVIATIONS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "mr", "mrs", "ms", "dr", "gen", "sen", "sens", "rep", "reps", "gov", "lt", "col", "capt",
        "sgt", "adm", "maj", "prof", "rev", "st", "jr", "sr", "no", "vs", "inc", "corp", "co",
        "ltd", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "ft", "mt",
        "calif", "fla", "ill", "mass", "pa", "va", "wash", "ariz", "colo", "conn", "del", "ga",
        "ind", "kan", "ky", "la", "md", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla",
        "ore", "tenn", "tex", "vt", "wis", "wyo", "approx", "est", "dept", "gov't", "atty", "supt",
        "cmdr", "pres", "messrs", "e.g", "i.e", "etc",
    ])
});

/// Whether `word` (without its period) is an abbreviation that keeps its period.
pub fn is_abbreviation(word: &str) -> bool {
    if word.contains('.') {
        return true; // "U.S", "a.m", "D.C"
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_uppercase(); // initials: "John F. Kennedy"
    }
    ABBREVIATIONS.contains(word.to_lowercase().as_str())
}

static PRONOUNS: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| set(&["he", "she", "they", "it", "i", "we", "you", "who", "which"]));

/// Whether a lowercase word is an object pronoun ("him", "them").
pub fn is_object_pronoun(word_lower: &str) -> bool {
    matches!(word_lower, "him" | "her" | "them" | "us" | "me")
}

/// A subject pronoun fused with an auxiliary ("he’s", "they’ve").
pub fn is_contracted_subject(word_lower: &str) -> bool {
    let w = word_lower.replace('’', "'");
    w.split_once('\'').is_some_and(|(subject, aux)| {
        matches!(
            subject,
            "he" | "she" | "it" | "they" | "we" | "i" | "you" | "who"
        ) && matches!(aux, "s" | "re" | "ve" | "d" | "ll" | "m")
    })
}

/// Nouns that report a statement when followed by "that" ("his claim that …").
pub fn is_statement_noun(word_lower: &str) -> bool {
    let w = crate::engine::text::without_possessive(word_lower);
    matches!(
        w,
        "claim"
            | "claims"
            | "report"
            | "reports"
            | "assertion"
            | "statement"
            | "suggestion"
            | "argument"
            | "belief"
            | "allegation"
            | "allegations"
            | "insistence"
            | "warning"
            | "promise"
            | "pledge"
            | "prediction"
            | "announcement"
            | "contention"
            | "charge"
            | "accusation"
            | "view"
            | "assurance"
            | "admission"
            | "concern"
            | "fear"
            | "hope"
            | "insinuation"
            | "theory"
            | "message"
            | "comment"
            | "comments"
            | "remark"
            | "remarks"
            | "finding"
            | "findings"
            | "conclusion"
            | "estimate"
    )
}

/// Nouns that name an attitude held by someone ("their skepticism", "the mayor's anger"),
/// besides the statement nouns: with a possessive before them, the possessor holds the view.
pub fn is_attitude_noun(word_lower: &str) -> bool {
    is_statement_noun(word_lower)
        || matches!(
            word_lower,
            "wariness"
                | "skepticism"
                | "scepticism"
                | "doubt"
                | "doubts"
                | "worry"
                | "worries"
                | "fears"
                | "concerns"
                | "hopes"
                | "views"
                | "criticism"
                | "opposition"
                | "support"
                | "anger"
                | "frustration"
                | "suspicion"
                | "distrust"
                | "mistrust"
                | "optimism"
                | "pessimism"
                | "enthusiasm"
                | "reluctance"
                | "hesitance"
                | "hesitancy"
                | "caution"
                | "unease"
                | "outrage"
                | "alarm"
                | "confidence"
                | "displeasure"
                | "disappointment"
                | "approval"
                | "disapproval"
                | "objection"
                | "objections"
                | "reservations"
                | "misgivings"
                | "position"
                | "stance"
                | "assessment"
        )
}

/// A word without its first inflectional ending ("-ing", "-ed", "-es", "-s") that leaves a
/// stem of at least `min_stem_bytes`: a crude lemma, enough to group "warns" with "warned".
pub fn strip_inflection(word: &str, min_stem_bytes: usize) -> &str {
    ["ing", "ed", "es", "s"]
        .into_iter()
        .find_map(|suffix| {
            word.strip_suffix(suffix)
                .filter(|stem| stem.len() >= min_stem_bytes)
        })
        .unwrap_or(word)
}

/// Subject pronouns that can be speakers ("he", "who").
pub fn is_pronoun(word_lower: &str) -> bool {
    PRONOUNS.contains(word_lower)
}

static DETERMINERS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "the",
        "a",
        "an",
        "another",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "your",
        "this",
        "these",
        "those",
        "that",
        "some",
        "many",
        "most",
        "several",
        "other",
        "both",
        "each",
        "every",
        "few",
        "all",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "dozens",
        "hundreds",
        "thousands",
        "numerous",
        "any",
        "no",
    ])
});

/// Words that start a noun phrase ("the", "another", "several").
pub fn is_determiner(word_lower: &str) -> bool {
    DETERMINERS.contains(word_lower)
}

static AUXILIARIES: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "has",
        "have",
        "had",
        "is",
        "was",
        "were",
        "are",
        "am",
        "be",
        "been",
        "being",
        "will",
        "would",
        "could",
        "can",
        "may",
        "might",
        "must",
        "should",
        "shall",
        "did",
        "does",
        "do",
        "also",
        "later",
        "previously",
        "repeatedly",
        "again",
        "once",
        "never",
        "recently",
        "often",
        "always",
        "still",
        "then",
        "now",
        "already",
        "even",
        "just",
        "himself",
        "herself",
        "themselves",
        "itself",
        "not",
        "n't",
        "reportedly",
        "first",
        "last",
        "initially",
        "long",
        "since",
        "ultimately",
        "simply",
        "only",
        "has't",
        "hasn't",
        "didn't",
        "doesn't",
        "don't",
        "wasn't",
        "haven't",
        "had't",
        "hadn't",
        "won't",
        "wouldn't",
        "continue",
        "continues",
        "continued",
    ])
});

/// Auxiliaries and adverbs that may sit between a speaker and the verb ("has also said").
pub fn is_auxiliary(word_lower: &str) -> bool {
    AUXILIARIES.contains(word_lower)
        || word_lower.len() > 4 && word_lower.ends_with("ly") && !word_lower.ends_with("ply")
}

/// Past participles that read as adjectives of a state of mind, whose subject holds the view
/// ("voters are worried about …").
pub fn is_state_of_mind(word_lower: &str) -> bool {
    matches!(
        word_lower,
        "worried"
            | "concerned"
            | "convinced"
            | "persuaded"
            | "assured"
            | "satisfied"
            | "pleased"
            | "disappointed"
            | "frustrated"
            | "alarmed"
            | "encouraged"
            | "troubled"
            | "dismayed"
            | "angered"
            | "outraged"
            | "divided"
            | "united"
            | "committed"
            | "determined"
            | "opposed"
            | "inclined"
            | "prepared"
            | "surprised"
            | "shocked"
            | "relieved"
    )
}

/// Forms of "be" (a past participle after them is passive: "was told").
pub fn is_be(word_lower: &str) -> bool {
    matches!(
        word_lower,
        "is" | "was" | "were" | "are" | "am" | "be" | "been" | "being"
    )
}

static FUNCTION_WORDS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "and",
        "or",
        "but",
        "nor",
        "so",
        "yet",
        "if",
        "when",
        "while",
        "whereas",
        "because",
        "since",
        "although",
        "though",
        "as",
        "after",
        "before",
        "until",
        "unless",
        "where",
        "whether",
        "than",
        "then",
        "that",
        "which",
        "what",
        "whom",
        "whose",
        "why",
        "how",
        "in",
        "on",
        "at",
        "by",
        "to",
        "from",
        "with",
        "without",
        "into",
        "onto",
        "about",
        "over",
        "under",
        "against",
        "between",
        "among",
        "through",
        "during",
        "despite",
        "like",
        "near",
        "across",
        "toward",
        "towards",
        "upon",
        "within",
        "per",
        "via",
        "amid",
        "not",
        "is",
        "was",
        "were",
        "are",
        "am",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "will",
        "would",
        "could",
        "can",
        "may",
        "might",
        "must",
        "should",
        "shall",
        "did",
        "does",
        "do",
        "him",
        "her",
        "them",
        "us",
        "me",
        "there",
        "here",
        "also",
        "however",
        "meanwhile",
        "moreover",
        "instead",
        "even",
        "just",
        "only",
        "too",
        "very",
        "more",
        "less",
        "such",
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "who",
        "says",
        "said",
        "say",
        "told",
        "tells",
        "according",
        "whom",
        "else",
        "yesterday",
        "today",
        "tonight",
        "ago",
        "now",
        "including",
        "among",
        "out",
        "up",
        "down",
        "off",
        "around",
        "along",
        "because",
        "get",
        "got",
        "make",
        "made",
        "take",
        "took",
        "go",
        "went",
        "come",
        "came",
        "see",
        "saw",
        "seen",
        "want",
        "wanted",
        "need",
        "needed",
        "like",
        "liked",
    ])
});

/// Function words and common verbs: they end a speaker noun phrase.
pub fn is_function_word(word_lower: &str) -> bool {
    FUNCTION_WORDS.contains(word_lower)
}

static CAPITALISED_STOPS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "but",
        "and",
        "or",
        "so",
        "when",
        "while",
        "if",
        "as",
        "since",
        "after",
        "before",
        "although",
        "though",
        "because",
        "also",
        "however",
        "meanwhile",
        "then",
        "still",
        "yet",
        "in",
        "on",
        "at",
        "for",
        "from",
        "with",
        "by",
        "of",
        "to",
        "last",
        "this",
        "that",
        "there",
        "here",
        "now",
        "even",
        "instead",
        "moreover",
        "nevertheless",
        "furthermore",
        "indeed",
        "later",
        "earlier",
        "today",
        "yesterday",
        "tomorrow",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "what",
        "why",
        "how",
        "where",
        "until",
        "unless",
        "during",
        "despite",
        "amid",
        "under",
        "over",
        "about",
        "against",
        "through",
        "once",
        "asked",
        "speaking",
        "separately",
        "similarly",
        "additionally",
        "finally",
        "first",
        "second",
        "recently",
    ])
});

/// Capitalised words that start a clause rather than a name ("But", "When", "Monday").
pub fn is_capitalised_stop(word_lower: &str) -> bool {
    CAPITALISED_STOPS.contains(word_lower)
}

static NAME_PARTICLES: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "von", "van", "der", "den", "de", "da", "del", "della", "di", "du", "la", "le", "al", "el",
        "bin", "ben", "ibn", "ter", "dos", "das", "st.",
    ])
});

/// Lowercase particles inside names ("Ursula von der Leyen").
pub fn is_name_particle(word_lower: &str) -> bool {
    NAME_PARTICLES.contains(word_lower)
}

/// Words for time that may follow a verb before the reported clause ("said Monday that").
pub fn is_time_word(word_lower: &str) -> bool {
    crate::engine::text::is_weekday(word_lower)
        || matches!(
            word_lower,
            "yesterday"
                | "today"
                | "tonight"
                | "earlier"
                | "later"
                | "recently"
                | "previously"
                | "morning"
                | "afternoon"
                | "evening"
                | "night"
                | "last"
                | "this"
                | "week"
                | "month"
                | "year"
                | "then"
                | "again"
                | "also"
                | "privately"
                | "publicly"
                | "repeatedly"
                | "flatly"
                | "bluntly"
                | "simply"
                | "once"
                | "on"
        )
}

static TITLES: &[&str] = &[
    "president",
    "vice president",
    "president-elect",
    "vice president-elect",
    "prime minister",
    "deputy prime minister",
    "minister",
    "foreign minister",
    "defense minister",
    "defence minister",
    "finance minister",
    "secretary",
    "secretary of state",
    "secretary-general",
    "secretary general",
    "undersecretary",
    "under secretary",
    "senator",
    "sen.",
    "sens.",
    "representative",
    "rep.",
    "reps.",
    "congressman",
    "congresswoman",
    "governor",
    "gov.",
    "lt. gov.",
    "mayor",
    "general",
    "gen.",
    "lt.",
    "col.",
    "capt.",
    "sgt.",
    "adm.",
    "admiral",
    "maj.",
    "major",
    "colonel",
    "lieutenant",
    "captain",
    "commander",
    "chief",
    "chancellor",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "ambassador",
    "envoy",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "press secretary",
    "chairman",
    "chairwoman",
    "chair",
    "director",
    "judge",
    "justice",
    "attorney general",
    "attorney",
    "speaker",
    "leader",
    "majority leader",
    "minority leader",
    "chief of staff",
    "adviser",
    "advisor",
    "aide",
    "official",
    "dr.",
    "prof.",
    "professor",
    "ceo",
    "founder",
    "candidate",
    "nominee",
    "host",
    "anchor",
    "commissioner",
    "sheriff",
    "chief executive",
    "executive director",
    "manager",
    "campaign manager",
    "strategist",
    "analyst",
    "economist",
    "researcher",
    "lawmaker",
    "sheikh",
    "foreign secretary",
    "head",
    "emir",
    "ayatollah",
    "rev.",
    "reverend",
    "father",
    "bishop",
    "archbishop",
    "coach",
    "detective",
    "officer",
    "deputy",
    "superintendent",
    "pastor",
    "rabbi",
    "counsel",
    "state department spokesman",
    "ceo",
    "president elect",
    "former",
    "then",
    "nominee",
    "co-founder",
    "editor",
    "correspondent",
    "reporter",
    "columnist",
    "author",
    "writer",
    "journalist",
    "moderator",
    "lawyer",
    "historian",
    "pollster",
    "consultant",
];

/// The title gazetteer (lowercase, may be several words).
pub fn titles() -> &'static [&'static str] {
    TITLES
}

/// Honorifics that are not roles ("Mr.", "Mrs.").
pub fn is_honorific(word_lower: &str) -> bool {
    matches!(
        word_lower,
        "mr." | "mrs." | "ms." | "miss" | "mr" | "mrs" | "ms" | "messrs." | "dame" | "sir"
    )
}

static GROUP_NOUNS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "officials",
        "experts",
        "analysts",
        "representatives",
        "sources",
        "lawmakers",
        "leaders",
        "diplomats",
        "critics",
        "observers",
        "researchers",
        "scientists",
        "economists",
        "investigators",
        "prosecutors",
        "authorities",
        "aides",
        "advisers",
        "advisors",
        "members",
        "republicans",
        "democrats",
        "conservatives",
        "liberals",
        "voters",
        "residents",
        "witnesses",
        "supporters",
        "opponents",
        "activists",
        "police",
        "people",
        "americans",
        "senators",
        "legislators",
        "commanders",
        "generals",
        "military",
        "spokespeople",
        "insiders",
        "strategists",
        "pollsters",
        "historians",
        "scholars",
        "doctors",
        "lawyers",
        "attorneys",
        "protesters",
        "organizers",
        "organisers",
        "staff",
        "staffers",
        "negotiators",
        "ministers",
        "governments",
        "allies",
        "partners",
        "countries",
        "nations",
        "citizens",
        "workers",
        "unions",
        "groups",
        "agencies",
        "reports",
        "polls",
        "studies",
        "surveys",
        "documents",
        "emails",
        "records",
        "statements",
        "media",
        "journalists",
        "reporters",
        "others",
        "many",
        "some",
        "both",
        "executives",
        "investors",
        "traders",
        "donors",
        "delegates",
        "senior",
        "administration",
        "white",
        "military",
    ])
});

/// Plural nouns that name a group of speakers ("officials", "experts").
pub fn is_group_noun(word_lower: &str) -> bool {
    GROUP_NOUNS.contains(word_lower)
}

static ORG_WORDS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "house",
        "party",
        "department",
        "university",
        "times",
        "post",
        "journal",
        "council",
        "campaign",
        "committee",
        "news",
        "press",
        "ministry",
        "army",
        "forces",
        "union",
        "nations",
        "court",
        "senate",
        "congress",
        "administration",
        "agency",
        "office",
        "service",
        "center",
        "centre",
        "institute",
        "foundation",
        "bank",
        "fund",
        "company",
        "corp.",
        "inc.",
        "group",
        "network",
        "association",
        "commission",
        "board",
        "bureau",
        "government",
        "kremlin",
        "pentagon",
        "nato",
        "fbi",
        "cia",
        "cnn",
        "bbc",
        "reuters",
        "associated",
        "tribune",
        "herald",
        "gazette",
        "daily",
        "weekly",
        "magazine",
        "republicans",
        "democrats",
        "state",
        "states",
        "city",
        "county",
        "republic",
        "kingdom",
        "federation",
        "organization",
        "organisation",
        "alliance",
        "coalition",
        "police",
        "politifact",
        "twitter",
        "facebook",
        "fox",
        "msnbc",
        "abc",
        "cbs",
        "nbc",
        "npr",
        "poll",
        "survey",
        "report",
        "study",
        "data",
        "force",
        "navy",
        "guard",
        "cabinet",
        "parliament",
        "assembly",
        "embassy",
        "airlines",
        "motors",
        "media",
        "club",
        "church",
        "school",
        "college",
        "hospital",
        "station",
        "square",
        "street",
        "avenue",
        "road",
        "review",
        "radio",
        "tv",
        "television",
        "channel",
        "journal",
        "security",
        "intelligence",
        "ministry",
        "commission",
        "monitor",
        "watch",
        "council",
        "secretariat",
        "street",
        "hall",
        "trust",
        "times",
        "wire",
        "blog",
        "website",
        "site",
        "people",
        "research",
        "ukraine",
        "russia",
        "america",
        "china",
        "europe",
        "iran",
    ])
});

/// Words that mark an organisation or place rather than a person ("House", "Times").
pub fn is_org_word(word_lower: &str) -> bool {
    ORG_WORDS.contains(word_lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strip_inflection_keeps_a_stem_of_the_given_length() {
        assert_eq!(strip_inflection("warning", 3), "warn");
        assert_eq!(strip_inflection("warned", 3), "warn");
        assert_eq!(strip_inflection("shows", 3), "show");
        assert_eq!(strip_inflection("wishes", 3), "wish");
        // "-ing" would leave two bytes, "-s" does not match: the word stays.
        assert_eq!(strip_inflection("sing", 3), "sing");
        assert_eq!(strip_inflection("says", 4), "says");
        assert_eq!(strip_inflection("says", 3), "say");
        assert_eq!(strip_inflection("", 3), "");
    }

    #[test]
    fn cue_forms_are_generated() {
        for form in [
            "said", "says", "warned", "warning", "noted", "argues", "denied",
        ] {
            assert!(cue(form).is_some(), "{form}");
        }
        assert!(cue("saying").is_some_and(|c| c.participle));
        assert!(cue("told").is_some_and(|c| c.takes_hearer && c.past));
        assert!(cue("table").is_none());
    }

    #[test]
    fn abbreviations_and_initials() {
        assert!(is_abbreviation("Mr"));
        assert!(is_abbreviation("U.S"));
        assert!(is_abbreviation("F"));
        assert!(!is_abbreviation("said"));
    }
}
