//! A learned pass for attributions the hand-written rules miss.
//!
//! News reports far more than speech: "the poll shows …", "Trump wants to …", "Reid has
//! been pounding Trump as …", "Democrats fretted about …". The words that carry such
//! attributions are too many and too ambiguous to list ("shows", "support", "plan"), so this
//! pass proposes a candidate at every content word outside quotation marks that the lexicon
//! does not list (listed reporting verbs are the rules' to judge), when a subject that can
//! hold a view stands before it, and lets two logistic models decide:
//! - the cue model: the word, a crude lemma, its suffix, the word classes around it, the
//!   auxiliaries before it, a passive, its particle, the subject's kind and distance, the
//!   first word of the content;
//! - the ending model: where the content (the rest of the clause after the cue and its
//!   particles) ends: at the sentence end, at the first comma, dash, semicolon, colon or
//!   bracket, or before a clause word; its length and the word it stops before.
//!
//! The weights (`attribution_weights.tsv`) are fitted on the PolNeAR train split by
//! `examples/train_attributions.rs`; only feature names and numbers are stored. Each ending
//! of a candidate is proposed with cue probability × ending probability, and the selection
//! model (`selection.rs`) judges it beside the rules' and the tagger's proposals.

use std::ops::Range;
use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::tokens::Token;
use super::{
    PREPOSITIONS, Para, agentive, first_char, governing_phrase, is_background_subordinator,
    is_capitalised, is_dash, is_group_noun, is_punct, lexicon, lower, main_subject,
    object_of_preposition, skip_aux_back, subject_before, trim_end,
};

/// `model<TAB>feature<TAB>weight` lines.
const WEIGHTS_TSV: &str = include_str!("attribution_weights.tsv");

static WEIGHTS: LazyLock<FxHashMap<(&'static str, &'static str), f32>> = LazyLock::new(|| {
    WEIGHTS_TSV
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut fields = l.split('\t');
            let (model, name, weight) = (fields.next()?, fields.next()?, fields.next()?);
            Some(((model, name), weight.parse().ok()?))
        })
        .collect()
});

/// One proposed attribution cue, as token ranges into its paragraph, with the ways its
/// content may end.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// The source: the subject of the cue, or none for a passive ("he is expected to …":
    /// who expects it is not said).
    pub speaker: Option<Range<usize>>,
    pub cue: Range<usize>,
    /// Sparse binary features of the cue and its context, by name.
    pub features: Vec<String>,
    pub endings: Vec<Ending>,
}

/// One possible content of a candidate.
#[derive(Clone, Debug)]
pub struct Ending {
    pub content: Range<usize>,
    /// Sparse binary features of this ending, by name.
    pub features: Vec<String>,
}

/// Which of the two models a weight belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Model {
    /// Whether a word is an attribution cue here.
    Cue,
    /// Whether a content span ends in the right place, given a cue.
    Ending,
}

impl Model {
    pub fn name(self) -> &'static str {
        match self {
            Model::Cue => "cue",
            Model::Ending => "ending",
        }
    }
}

/// Reads the weights now rather than at their first use.
pub fn load() {
    LazyLock::force(&WEIGHTS);
}

/// The probability one of the models gives to a set of features.
pub fn probability(model: Model, features: &[String]) -> f32 {
    let weights = &*WEIGHTS;
    let name = model.name();
    let weight = |f: &str| weights.get(&(name, f)).copied();
    let score: f32 =
        features.iter().filter_map(|f| weight(f)).sum::<f32>() + weight("bias").unwrap_or(0.0);
    1.0 / (1.0 + (-score).exp())
}

/// Words after a verb that belong to it rather than to what it reports ("fretted about",
/// "called for", "known as").
const PARTICLES: &[&str] = &[
    "about", "for", "of", "on", "in", "with", "against", "over", "at", "into", "from", "by", "up",
    "out", "off", "as", "upon", "toward", "towards",
];

fn bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2 => "2",
        3..=5 => "3-5",
        6..=10 => "6-10",
        11..=20 => "11-20",
        _ => "21+",
    }
}

/// A coarse class of a token, for context features.
fn word_class(text: &str, toks: &[Token], k: usize, lo: usize) -> String {
    let t = &toks[k];
    let l = lower(text, t);
    if !t.is_word() {
        return format!("punct:{}", t.text(text));
    }
    if first_char(text, t).is_numeric() {
        return "num".into();
    }
    if is_capitalised(text, t) && k > lo && !lexicon::is_function_word(&l) {
        return "cap".into();
    }
    if lexicon::is_function_word(&l)
        || lexicon::is_auxiliary(&l)
        || lexicon::is_pronoun(&l)
        || lexicon::cue(&l).is_some()
    {
        return l;
    }
    if l.ends_with("ly") {
        return "adv".into();
    }
    "word".into()
}

/// What kind of subject a phrase is.
fn subject_class(text: &str, toks: &[Token], subject: &Range<usize>) -> &'static str {
    let head = &toks[subject.end - 1];
    let l = lower(text, head);
    if lexicon::is_pronoun(&l) || lexicon::is_contracted_subject(&l) {
        "pronoun"
    } else if is_capitalised(text, head) {
        "name"
    } else if is_group_noun(&l) {
        "group"
    } else {
        "noun"
    }
}

/// A crude lemma: the form without its inflection ("shows" -> "show", "worried" -> "worri").
fn crude_lemma(form: &str) -> &str {
    lexicon::strip_inflection(form, 3)
}

/// Verbs in the lexicon's function-word list that may still report ("voters need to see
/// …"); "say", "tell" and "want" are listed cues, left to the rules.
const REPORTING_FUNCTION_WORDS: &[&str] = &["need", "needed", "see", "saw", "seen", "liked"];

/// Whether a word may head a candidate cue: a lowercase word that is not a function word.
fn may_be_cue(text: &str, token: &Token) -> bool {
    if !token.is_word() || is_capitalised(text, token) || first_char(text, token).is_numeric() {
        return false;
    }
    let l = lower(text, token);
    l.len() >= 3
        && l.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '’' | '\''))
        && (!lexicon::is_function_word(&l) || REPORTING_FUNCTION_WORDS.contains(&l.as_str()))
        && !lexicon::is_auxiliary(&l)
        && !lexicon::is_pronoun(&l)
        && !lexicon::is_determiner(&l)
        && !PREPOSITIONS.contains(&l.as_str())
}

/// Candidates in one sentence (token range `sentence` of paragraph `p`).
pub fn candidates(text: &str, p: &Para, sentence: Range<usize>) -> Vec<Candidate> {
    let toks = &p.tokens;
    let (lo, hi) = (sentence.start, sentence.end.min(toks.len()));
    let quoted_sentence = (lo..hi).any(|k| p.region_around(k).is_some());
    let mut out = Vec::new();
    let mut sentence_subject: Option<Option<Range<usize>>> = None;
    for i in lo..hi {
        let t = &toks[i];
        if p.region_around(i).is_some() || !may_be_cue(text, t) {
            continue;
        }
        let form = lower(text, t);
        // Reporting verbs the lexicon knows are the rules' to judge ("added 200 jobs" is not
        // a statement, "was said to" has no source): this pass covers the other words.
        // Raising verbs ("Biden seems poised to …") report no one's view: the rules leave
        // them out of the speakers on purpose.
        if lexicon::cue(&form).is_some() || matches!(crude_lemma(&form), "seem" | "appear") {
            continue;
        }
        // The cue's particles.
        let mut cue_end = i + 1;
        while cue_end < hi
            && cue_end - i <= 2
            && toks[cue_end].is_word()
            && PARTICLES.contains(&lower(text, &toks[cue_end]).as_str())
        {
            cue_end += 1;
        }
        if cue_end >= hi {
            continue;
        }
        let sentence_end = trim_end(text, p, cue_end, hi);
        if sentence_end <= cue_end {
            continue;
        }
        let clause_end = (cue_end + 1..sentence_end)
            .find(|&k| {
                p.region_around(k).is_none()
                    && (is_punct(text, &toks[k], &[',', ';', '(', ':']) || is_dash(text, &toks[k]))
            })
            .map(|k| trim_end(text, p, cue_end, k))
            .filter(|&e| e > cue_end && e < sentence_end);
        // "… the subpoena because of …", "… the plan, which …": a clause that ends early.
        let subordinate_end = (cue_end + 2..sentence_end)
            .find(|&k| {
                p.region_around(k).is_none()
                    && toks[k].is_word()
                    && matches!(
                        lower(text, &toks[k]).as_str(),
                        "which"
                            | "who"
                            | "while"
                            | "because"
                            | "although"
                            | "though"
                            | "but"
                            | "whereas"
                            | "after"
                            | "before"
                            | "when"
                            | "since"
                            | "unless"
                            | "until"
                            | "as"
                    )
            })
            .map(|k| trim_end(text, p, cue_end, k))
            .filter(|&e| e > cue_end && e < sentence_end && Some(e) != clause_end);
        let (aux, passive) = skip_aux_back(text, toks, lo, i);
        let mut subject = subject_before(text, toks, lo, aux);
        // "…, adding that …", "X sent a letter urging …": when nothing stands right before
        // the verb, the subject of the sentence. Only a verb takes it: a participle, or a
        // verb after a comma or a conjunction; not a noun ("…, a decision that could …").
        let verb_like = form.ends_with("ing")
            || i > lo
                && matches!(
                    lower(text, &toks[i - 1]).as_str(),
                    "," | "and" | "but" | "then" | "also"
                );
        let from_main_clause = subject.is_none() && verb_like;
        if from_main_clause {
            subject = sentence_subject
                .get_or_insert_with(|| main_subject(text, p, lo))
                .clone()
                .filter(|s| s.end <= i && s.start >= lo);
        }
        let from_main_clause = from_main_clause && subject.is_some();
        // "Floods along the river highlight …": the phrase after a preposition is not the
        // subject; the phrase it hangs from is, when that can hold a view.
        let mut subject_head = subject.as_ref().map(|s| s.end - 1);
        if let Some(s) = subject.clone()
            && object_of_preposition(text, toks, lo, &s)
        {
            let governing = governing_phrase(text, toks, lo, s);
            subject_head = governing.as_ref().map(|(_, head)| *head);
            subject = governing.map(|(phrase, _)| phrase);
        }
        // An attribution needs a source that can hold a view: a name, a pronoun, a group,
        // a role or a document ("Questions arise about …" is not one).
        let Some(subject) =
            subject.filter(|_| subject_head.is_some_and(|h| agentive(text, toks, lo, h)))
        else {
            continue;
        };
        // "as both nations seek to …": an intention in a time or reason clause is background,
        // as in the rules.
        let in_subordinate_clause = subject.start > lo
            && is_background_subordinator(&lower(text, &toks[subject.start - 1]));
        if in_subordinate_clause && lower(text, &toks[cue_end]) == "to" {
            continue;
        }
        let mut shared = vec![
            format!("w={form}"),
            format!("lem={}", crude_lemma(&form)),
            format!(
                "suf={}",
                &form[crate::engine::text::floor_char_boundary(
                    &form,
                    form.len().saturating_sub(3)
                )..]
            ),
            format!(
                "p1={}",
                if i > lo {
                    word_class(text, toks, i - 1, lo)
                } else {
                    "<s>".into()
                }
            ),
            format!(
                "p2={}",
                if i > lo + 1 {
                    word_class(text, toks, i - 2, lo)
                } else {
                    "<s>".into()
                }
            ),
            format!("n1={}", word_class(text, toks, i + 1, lo)),
            format!("posn={}", bucket(i - lo)),
            format!("aux={}", bucket(i - aux)),
            format!(
                "particle={}",
                if cue_end > i + 1 {
                    lower(text, &toks[i + 1])
                } else {
                    "-".into()
                }
            ),
        ];
        if i + 2 < hi {
            shared.push(format!("n2={}", word_class(text, toks, i + 2, lo)));
        }
        if i > lo {
            let previous = lower(text, &toks[i - 1]);
            if crate::engine::text::strip_possessive(&previous).is_some() {
                shared.push("after_possessive".into());
            }
        }
        // "be" before a participle (not "is warning").
        let passive = passive && (form.ends_with("ed") || form.ends_with("en"));
        if passive {
            shared.push("passive".into());
            shared.push(format!("passive_w={form}"));
        }
        shared.push(format!("sdist={}", bucket(aux.saturating_sub(subject.end))));
        let subject_kind = subject_class(text, toks, &subject);
        let subject_kind = if from_main_clause {
            match subject_kind {
                "pronoun" => "main-pronoun",
                "name" => "main-name",
                "group" => "main-group",
                _ => "main-noun",
            }
        } else {
            subject_kind
        };
        shared.push(format!("subj={subject_kind}"));
        if quoted_sentence {
            shared.push("quoted_sentence".into());
        }
        let first = word_class(text, toks, cue_end, lo);
        shared.push(format!("c0={first}"));
        let mut endings = Vec::new();
        for (end, end_kind) in [(sentence_end, "sentence")]
            .into_iter()
            .chain(clause_end.map(|e| (e, "clause")))
            .chain(subordinate_end.map(|e| (e, "subordinate")))
        {
            let words = (cue_end..end).filter(|&k| toks[k].is_word()).count();
            if words == 0 {
                continue;
            }
            let mut features = vec![
                format!("end={end_kind}"),
                format!("clen={}", bucket(words)),
                format!("c0_end={first}|{end_kind}"),
                format!("clen_end={}|{end_kind}", bucket(words)),
            ];
            if end < hi {
                features.push(format!("cut={}", word_class(text, toks, end, lo)));
                features.push(format!(
                    "cut_after={}",
                    word_class(text, toks, (end + 1).min(hi - 1), lo)
                ));
            }
            endings.push(Ending {
                content: cue_end..end,
                features,
            });
        }
        if let Some(longest) = endings.first() {
            let words = longest
                .content
                .clone()
                .filter(|&k| toks[k].is_word())
                .count();
            shared.push(format!("slen={}", bucket(words)));
            shared.push(format!("endings={}", endings.len()));
            out.push(Candidate {
                speaker: (!passive).then_some(subject),
                cue: i..cue_end,
                features: shared,
                endings,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> Para {
        Para::new(text, 0, text.len())
    }

    #[test]
    fn proposes_the_clause_after_the_cue_and_its_particle() {
        let text = "Democrats fretted about a lack of passion, officials noted.";
        let p = para(text);
        let found = candidates(text, &p, p.sentences[0].clone());
        let fretted = found
            .iter()
            .find(|c| p.tokens[c.cue.start].text(text) == "fretted")
            .expect("a candidate at the verb");
        let span = |r: &Range<usize>| &text[p.tokens[r.start].start..p.tokens[r.end - 1].end];
        assert_eq!(span(&fretted.cue), "fretted about");
        assert_eq!(
            span(fretted.speaker.as_ref().expect("a speaker")),
            "Democrats"
        );
        let contents: Vec<&str> = fretted.endings.iter().map(|e| span(&e.content)).collect();
        assert_eq!(
            contents,
            ["a lack of passion, officials noted", "a lack of passion"]
        );
        assert!(
            fretted.features.contains(&"subj=name".to_owned()),
            "{:?}",
            fretted.features
        );
    }

    #[test]
    fn a_source_must_be_able_to_hold_a_view() {
        let text = "Questions arise about the plan. Officials fret about the plan.";
        let p = para(text);
        let cues: Vec<&str> = p
            .sentences
            .iter()
            .flat_map(|s| candidates(text, &p, s.clone()))
            .map(|c| p.tokens[c.cue.start].text(text))
            .collect();
        assert!(cues.contains(&"fret"), "{cues:?}");
        assert!(!cues.contains(&"arise"), "{cues:?}");
    }

    #[test]
    fn no_candidates_inside_quotation_marks_at_function_words_or_lexicon_cues() {
        let text = "He fretted about “the plan that works well” and it was over.";
        let p = para(text);
        let cues: Vec<&str> = candidates(text, &p, p.sentences[0].clone())
            .iter()
            .map(|c| p.tokens[c.cue.start].text(text))
            .collect();
        assert!(cues.contains(&"fretted"), "{cues:?}");
        assert!(
            !cues.contains(&"plan") && !cues.contains(&"works"),
            "{cues:?}"
        );
        assert!(!cues.contains(&"was") && !cues.contains(&"and"), "{cues:?}");
        let text = "Officials said the plan works.";
        let p = para(text);
        assert!(candidates(text, &p, p.sentences[0].clone()).is_empty());
    }

    #[test]
    fn probability_is_a_probability_for_any_features() {
        for model in [Model::Cue, Model::Ending] {
            for features in [vec![], vec!["w=said".to_owned(), "nonsense".to_owned()]] {
                let p = probability(model, &features);
                assert!((0.0..=1.0).contains(&p), "{p}");
            }
        }
    }
}
