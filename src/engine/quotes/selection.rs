//! Choosing the attributions among what the three passes propose.
//!
//! The rules, the learned pass and the tagger each propose attributions; they agree on most
//! and each is wrong in its own way (the rules take "said after the meeting" for a content,
//! the tagger stretches a content over the next clause). Rather than trusting the rules and
//! adding the others' proposals behind hand-made filters, every proposal becomes a candidate,
//! and two models of gradient-boosted trees ([`Forest`]) score it from who proposed it, how
//! closely the others agree, the taggers' probabilities at its boundaries and over its span,
//! its cue, its source and its shape:
//! - the content model: how likely its content is an attribution's, which decides whether
//!   it can be kept at all (down to [`MIN_PROBABILITY`]);
//! - the attribution model: how likely its content and its source are both right, which
//!   with the first decides which of overlapping candidates is kept (their mean is the
//!   rank; the kept set is the non-overlapping one with the largest total, see [`select`]).
//!   Ranking by the content alone kept contents with the wrong source.
//!
//! The trees (`selection_trees.tsv`) are fitted on PolNeAR train by
//! `scripts/train_selection.py` from the candidates that `examples/selection_data.rs` writes;
//! only hashed feature names, thresholds and leaf values are stored.

use std::ops::Range;
use std::sync::LazyLock;

use rustc_hash::FxHashMap;

pub use super::forest::Features;
use super::forest::Forest;
use super::tagger::{Label, Lattice, N_LABELS};
use super::{
    Para, QuoteKind, RawQuote, can_hold_view, is_background_subordinator, is_capitalised, is_punct,
    lexicon, lower, token_range,
};

/// Candidates at or above this probability are kept. Chosen on PolNeAR dev, the only data
/// held out from the shipped networks: the trees are fitted on candidates of networks
/// trained on three quarters of train, which are less sure than the shipped ones. Dev F1 is
/// flat from 0.40 to 0.50 (0.747 / 0.747 / 0.747 / 0.746 / 0.747 / 0.746 at 0.40 / 0.42 /
/// 0.44 / 0.46 / 0.48 / 0.50); 0.44 is the middle of the plateau.
pub const MIN_PROBABILITY: f32 = 0.44;

/// Cue phrases up to this many words are features of their own ("said", "according_to",
/// "has_long_argued"); longer ones share one feature.
const MAX_CUE_PHRASE_WORDS: usize = 3;

/// The trees of both models, as `scripts/train_selection.py` writes them (see [`Forest`];
/// feature names are stored as their [`feature_key`](super::feature_hash::feature_key)s:
/// names such as cue phrases are pieces of the training text).
const TREES_TSV: &str = include_str!("selection_trees.tsv");

static FOREST: LazyLock<Forest> =
    LazyLock::new(|| Forest::parse(TREES_TSV, &Model::ALL.map(Model::name)));

/// The two selection models.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Model {
    /// Whether the content is an attribution's.
    Content,
    /// Whether the content and the source both are.
    Attribution,
}

impl Model {
    const ALL: [Model; 2] = [Model::Content, Model::Attribution];

    fn name(self) -> &'static str {
        match self {
            Model::Content => "content",
            Model::Attribution => "attribution",
        }
    }
}

/// A candidate's two probabilities.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scores {
    pub content: f32,
    pub attribution: f32,
}

/// Reads the trees now rather than at their first use.
pub fn load() {
    LazyLock::force(&FOREST);
}

impl Scores {
    /// Each candidate's scores, from its features.
    pub fn of_all(candidates: &[Features]) -> Vec<Scores> {
        FOREST
            .scores(candidates)
            .into_iter()
            .zip(candidates)
            .map(|(z, features)| Scores {
                content: probability_of_log_odds(
                    Model::Content,
                    z[Model::Content as usize],
                    features,
                ),
                attribution: probability_of_log_odds(
                    Model::Attribution,
                    z[Model::Attribution as usize],
                    features,
                ),
            })
            .collect()
    }

    fn rank(self) -> f32 {
        (self.content + self.attribution) / 2.0
    }
}

/// Which pass proposed a candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    Rules,
    Learned,
    Tagger,
    /// Another proposal cut short at a clause boundary.
    Cut,
    /// The tagger's labels read from marginal probabilities above a floor.
    Posterior,
}

impl Origin {
    const ALL: [Origin; 5] = [
        Origin::Rules,
        Origin::Learned,
        Origin::Tagger,
        Origin::Cut,
        Origin::Posterior,
    ];

    fn letter(self) -> char {
        match self {
            Origin::Rules => 'R',
            Origin::Learned => 'L',
            Origin::Tagger => 'T',
            Origin::Cut => 'C',
            Origin::Posterior => 'P',
        }
    }
}

/// Facts about a tagger proposal that the hand-made filters used to judge.
#[derive(Clone, Copy, Debug, Default)]
pub struct TaggerFlags {
    pub passive_cue: bool,
}

/// One proposed attribution and who proposed it.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub quote: RawQuote,
    pub origins: [bool; Origin::ALL.len()],
    /// The learned pass's probability, when it proposed this span.
    pub learned_probability: Option<f32>,
    pub flags: TaggerFlags,
}

impl Candidate {
    pub fn new(quote: RawQuote, origin: Origin) -> Self {
        let mut origins = [false; Origin::ALL.len()];
        origins[origin as usize] = true;
        Candidate {
            quote,
            origins,
            learned_probability: None,
            flags: TaggerFlags::default(),
        }
    }

    pub fn has(&self, origin: Origin) -> bool {
        self.origins[origin as usize]
    }
}

/// A paragraph with the tagger's labels and marginal probabilities.
pub struct Tagged<'a> {
    pub para: &'a Para,
    pub labels: Vec<Label>,
    pub marginals: Vec<[f32; N_LABELS]>,
    /// The tagger's models, for the probability of a whole content span.
    pub lattices: Vec<Lattice>,
}

/// A content span without the quotation marks, punctuation and spaces at its edges, so that
/// `"We want peace,"` and `We want peace` are one candidate.
fn core_span(text: &str, (start, end): (usize, usize)) -> (usize, usize) {
    let edge = |c: char| !c.is_alphanumeric();
    let inner = text[start..end].trim_start_matches(edge);
    let start = end - inner.len();
    let inner = inner.trim_end_matches(edge);
    (start, start + inner.len())
}

/// Candidates merged by content span as they are proposed.
#[derive(Default)]
pub struct Proposals {
    candidates: Vec<Candidate>,
    /// The position in `candidates` of each core content span (see [`core_span`]).
    by_core: FxHashMap<(usize, usize), usize>,
}

impl Proposals {
    /// Adds a candidate, merging it into an earlier one with the same content span (up to
    /// the marks and punctuation at its edges); the earlier one's span, kind and source stay.
    pub fn add(&mut self, text: &str, candidate: Candidate) {
        let core = core_span(text, (candidate.quote.start, candidate.quote.end));
        let Some(&i) = self.by_core.get(&core) else {
            self.by_core.insert(core, self.candidates.len());
            self.candidates.push(candidate);
            return;
        };
        let c = &mut self.candidates[i];
        for (a, b) in c.origins.iter_mut().zip(candidate.origins) {
            *a |= b;
        }
        c.learned_probability = c.learned_probability.or(candidate.learned_probability);
        c.flags.passive_cue |= candidate.flags.passive_cue;
        if c.quote.speaker.is_none() {
            c.quote.speaker = candidate.quote.speaker;
            c.quote.cue = c.quote.cue.or(candidate.quote.cue);
        }
    }

    /// The candidates in the order they were first proposed.
    pub fn candidates(&self) -> &[Candidate] {
        &self.candidates
    }

    pub fn into_candidates(self) -> Vec<Candidate> {
        self.candidates
    }
}

/// Gives each candidate without a source the source and cue of the most similar candidate
/// that has one (rules first), when their contents overlap by half or more: the tagger often
/// finds a content without its cue, which the rules read.
pub fn borrow_sources(candidates: &mut [Candidate]) {
    let lenders: Vec<(usize, RawQuote)> = candidates
        .iter()
        .enumerate()
        .filter(|(_, c)| c.quote.speaker.is_some())
        .map(|(i, c)| (i, c.quote.clone()))
        .collect();
    // Contents overlapping by half have to overlap.
    let index = SpanIndex::new(lenders.iter().map(|(_, q)| (q.start, q.end)));
    for c in candidates.iter_mut().filter(|c| c.quote.speaker.is_none()) {
        let best = index
            .overlapping((c.quote.start, c.quote.end))
            .into_iter()
            .map(|k| &lenders[k])
            .map(|(i, q)| (jaccard(&c.quote, q), std::cmp::Reverse(*i), q))
            .filter(|(j, _, _)| *j >= 0.5)
            .max_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        if let Some((_, _, q)) = best {
            c.quote.speaker = q.speaker;
            c.quote.cue = q.cue;
        }
    }
}

fn decile(p: f32) -> u32 {
    ((p * 10.0).floor() as u32).min(9)
}

/// A probability's bin, finer near zero where most spans are.
fn probability_bin(p: f32) -> u32 {
    const UPPER_BOUNDS: [f32; 9] = [0.001, 0.01, 0.03, 0.1, 0.2, 0.35, 0.5, 0.7, 0.9];
    UPPER_BOUNDS.iter().take_while(|&&b| p >= b).count() as u32
}

/// Byte ranges indexed by start, to find those overlapping a range without a scan of all:
/// comparing every candidate with every other would cost time quadratic in an article's
/// length.
struct SpanIndex {
    /// (start, end, index in the input), by start.
    by_start: Vec<(usize, usize, usize)>,
    /// At each position of `by_start`, the largest end up to it.
    max_end: Vec<usize>,
}

impl SpanIndex {
    fn new(spans: impl Iterator<Item = (usize, usize)>) -> Self {
        let mut by_start: Vec<(usize, usize, usize)> =
            spans.enumerate().map(|(i, (s, e))| (s, e, i)).collect();
        by_start.sort_unstable();
        let max_end = by_start
            .iter()
            .scan(0, |max, &(_, end, _)| {
                *max = end.max(*max);
                Some(*max)
            })
            .collect();
        SpanIndex { by_start, max_end }
    }

    /// Whether some span contains `start..end`.
    fn contains(&self, (start, end): (usize, usize)) -> bool {
        let upto = self.by_start.partition_point(|&(s, _, _)| s <= start);
        upto > 0 && self.max_end[upto - 1] >= end
    }

    /// The indices, in input order, of the spans that overlap or touch `start..end`.
    fn overlapping(&self, (start, end): (usize, usize)) -> Vec<usize> {
        let upto = self.by_start.partition_point(|&(s, _, _)| s <= end);
        let mut found: Vec<usize> = (0..upto)
            .rev()
            .take_while(|&k| self.max_end[k] >= start)
            .filter(|&k| self.by_start[k].1 >= start)
            .map(|k| self.by_start[k].2)
            .collect();
        found.sort_unstable();
        found
    }
}

/// The candidates whose extents (content, source and cue together) overlap a given quote's.
/// Every feature that compares candidates looks only at those.
pub struct Neighbours<'a> {
    all: &'a [Candidate],
    index: SpanIndex,
}

impl<'a> Neighbours<'a> {
    pub fn new(all: &'a [Candidate]) -> Self {
        let index = SpanIndex::new(all.iter().map(|c| extent(&c.quote)));
        Neighbours { all, index }
    }

    /// The candidates whose extents overlap or touch the quote's, itself included if it is
    /// one, in the order of `all`.
    pub fn of(&self, q: &RawQuote) -> Vec<&'a Candidate> {
        let overlapping = self.index.overlapping(extent(q));
        overlapping.into_iter().map(|i| &self.all[i]).collect()
    }
}

/// The byte range a quote's content, source and cue cover together.
fn extent(q: &RawQuote) -> (usize, usize) {
    [q.speaker, q.cue]
        .into_iter()
        .flatten()
        .fold((q.start, q.end), |(s, e), (a, b)| (s.min(a), e.max(b)))
}

fn jaccard(a: &RawQuote, b: &RawQuote) -> f32 {
    let inter = a.end.min(b.end).saturating_sub(a.start.max(b.start));
    let union = a.end.max(b.end) - a.start.min(b.start);
    if union == 0 {
        0.0
    } else {
        inter as f32 / union as f32
    }
}

fn words_bucket(n: usize) -> &'static str {
    match n {
        0..=1 => "1",
        2 => "2",
        3..=5 => "3-5",
        6..=10 => "6-10",
        11..=20 => "11-20",
        21..=40 => "21-40",
        _ => "41+",
    }
}

/// A word as a feature value: lowercase, with no spaces.
fn feature_word(text: &str) -> String {
    text.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("_")
}

/// The features of one candidate, given the candidates of its article around it (its
/// [`Neighbours`]) and its paragraph as tagged (none for headlines, which the tagger does not
/// read).
pub fn features(
    text: &str,
    candidate: &Candidate,
    all: &[&Candidate],
    tagged: Option<&Tagged>,
) -> Features {
    let q = &candidate.quote;
    let mut values = Vec::new();
    let origins: String = Origin::ALL
        .iter()
        .map(|&o| if candidate.has(o) { o.letter() } else { '-' })
        .collect();
    let mut out = vec![
        "bias".to_owned(),
        format!("o={origins}"),
        format!("k={}", q.kind.label()),
    ];
    for o in Origin::ALL.into_iter().filter(|&o| !candidate.has(o)) {
        let best = all
            .iter()
            .filter(|c| c.has(o))
            .map(|c| jaccard(q, &c.quote))
            .fold(0.0f32, f32::max);
        let bucket = match best {
            b if b >= 0.8 => "hi",
            b if b >= 0.5 => "mid",
            b if b > 0.0 => "lo",
            _ => "none",
        };
        out.push(format!("j{}={bucket}", o.letter()));
        // Inside a longer proposal, or holding a shorter one: which one ran on.
        let contains = |outer: &RawQuote, inner: &RawQuote| {
            outer.start <= inner.start && inner.end <= outer.end && outer != inner
        };
        if all.iter().any(|c| c.has(o) && contains(&c.quote, q)) {
            out.push(format!("in{}", o.letter()));
        }
        if all.iter().any(|c| c.has(o) && contains(q, &c.quote)) {
            out.push(format!("holds{}", o.letter()));
        }
    }
    // A content holding another proposal's source and cue has run over that attribution;
    // a source and cue inside another's content are an embedded attribution.
    let inside = |span: Option<(usize, usize)>, outer: &RawQuote| {
        span.is_some_and(|(s, e)| outer.start <= s && e <= outer.end)
    };
    for o in [Origin::Rules, Origin::Tagger] {
        let others = || all.iter().filter(move |c| c.has(o) && c.quote != *q);
        if others().any(|c| inside(c.quote.speaker, q) && inside(c.quote.cue, q)) {
            out.push(format!("swallows{}", o.letter()));
        }
        if others().any(|c| inside(q.speaker, &c.quote) && inside(q.cue, &c.quote)) {
            out.push(format!("embedded{}", o.letter()));
        }
    }
    if let Some(p) = candidate.learned_probability {
        out.push(format!("lp={}", decile(p)));
        values.push(("lp", p));
    }
    if candidate.flags.passive_cue {
        out.push("passive".into());
    }

    let mut shape = Vec::new();
    match q.cue {
        Some((cs, ce)) => {
            let cue = feature_word(&text[cs..ce]);
            let head = cue.rsplit('_').next().unwrap_or("").to_owned();
            shape.push(format!(
                "cue_listed={}",
                lexicon::cue(&head).is_some() || cue == "according_to"
            ));
            out.push(format!("cueh={head}"));
            // Longer phrases would copy the training articles' words into the weights file.
            if cue.split('_').count() <= MAX_CUE_PHRASE_WORDS {
                out.push(format!("cue={cue}"));
            } else {
                out.push("cue=long".into());
            }
            let position = if ce <= q.start {
                "before"
            } else if cs >= q.end {
                "after"
            } else {
                "inside"
            };
            shape.push(format!("cpos={position}"));
        }
        None => shape.push("cue=none".into()),
    }

    match tagged {
        Some(t) => {
            if candidate.has(Origin::Rules) && is_canonical_report(text, q, t) {
                out.push(CANONICAL.into());
            }
            if candidate.has(Origin::Rules) && is_trailing_report(text, q, t) {
                out.push(TRAILING_REPORT.into());
            }
            tagged_features(text, q, t, &mut out, &mut shape, &mut values)
        }
        None => shape.push("headline".into()),
    }
    let o = origins;
    out.extend(shape.iter().map(|f| format!("{o}|{f}")));
    out.extend(shape);
    Features { flags: out, values }
}

/// The features that need the paragraph: the content's words and edges, the source, and
/// the tagger's marginal probabilities at the content, its edges, the cue and the source.
fn tagged_features(
    text: &str,
    q: &RawQuote,
    t: &Tagged,
    out: &mut Vec<String>,
    shape: &mut Vec<String>,
    values: &mut Vec<(&'static str, f32)>,
) {
    let p = t.para;
    let content = token_range(p, (q.start, q.end));
    if content.is_empty() {
        shape.push("empty".into());
        return;
    }
    let toks = &p.tokens;
    let words = toks[content.clone()].iter().filter(|t| t.is_word()).count();
    shape.push(format!("w={}", words_bucket(words)));
    values.push(("w", words as f32));
    let first = &toks[content.start];
    let first_word =
        if content.start > p.sentence_of(content.start).start && is_capitalised(text, first) {
            "CAP".to_owned()
        } else {
            lower(text, first)
        };
    out.push(format!("f={first_word}"));
    let next = match toks.get(content.end) {
        None => "</p>".to_owned(),
        Some(t) if !t.is_word() => lower(text, t),
        Some(t) => {
            let l = lower(text, t);
            if lexicon::is_function_word(&l) {
                l
            } else {
                "W".to_owned()
            }
        }
    };
    shape.push(format!("nx={next}"));
    let last = lower(text, &toks[content.end - 1]);
    out.push(format!(
        "l={}",
        if last.chars().all(char::is_alphanumeric) {
            "w"
        } else {
            &last
        }
    ));
    let sentence = p.sentence_of(content.start);
    shape.push(format!(
        "sent={}{}",
        u8::from(sentence.start == content.start),
        u8::from(p.sentence_of(content.end - 1).end == content.end)
    ));
    let inside_marks = p
        .regions
        .iter()
        .any(|r| r.content_start <= q.start && q.end <= r.content_end);
    let any_marks = p.regions.iter().any(|r| r.open < q.end && q.start < r.end);
    shape.push(format!(
        "marks={}",
        if inside_marks {
            "in"
        } else if any_marks {
            "part"
        } else {
            "none"
        }
    ));

    // A listed cue inside the content, outside quotation marks and not the candidate's own:
    // the content has run over another attribution ("…, while leaders like X underscored …").
    let own_cue = q.cue.map(|cue| token_range(p, cue));
    let inner_cue = content.clone().any(|k| {
        own_cue.as_ref().is_none_or(|r| !r.contains(&k))
            && p.region_around(k).is_none()
            && toks[k].is_word()
            && lexicon::cue(&lower(text, &toks[k])).is_some()
    });
    if inner_cue {
        shape.push("inner_cue".into());
    }
    // ", while …", "; but …": a contrasting clause mostly starts another statement.
    let contrast = content.clone().skip(1).any(|k| contrast_at(text, p, k));
    if contrast {
        shape.push("contrast_inside".into());
    }
    let m = &t.marginals;
    let content_p =
        |k: usize| m[k][Label::ContentBegin as usize] + m[k][Label::ContentInside as usize];
    let mean = |r: Range<usize>, f: &dyn Fn(usize) -> f32| {
        let n = r.len().max(1) as f32;
        r.map(f).sum::<f32>() / n
    };
    let begin = m[content.start][Label::ContentBegin as usize];
    let inside = mean(content.clone(), &content_p);
    let min = content.clone().map(content_p).fold(1.0f32, f32::min);
    shape.push(format!("pb={}", decile(begin)));
    shape.push(format!("pin={}", decile(inside)));
    shape.push(format!("pmin={}", decile(min)));
    values.extend([("pb", begin), ("pin", inside), ("pmin", min)]);
    if content.start > 0 {
        let before = content_p(content.start - 1);
        out.push(format!("pbef={}", decile(before)));
        values.push(("pbef", before));
    }
    if content.end < m.len() {
        let after = m[content.end][Label::ContentInside as usize];
        out.push(format!("paft={}", decile(after)));
        values.push(("paft", after));
    }
    // The models' probability that exactly these tokens are one content, and that one
    // starts or ends here: sharper about boundaries than the per-token marginals.
    let by_model: Vec<[f32; 3]> = t
        .lattices
        .iter()
        .map(|l| {
            [
                l.span_probability(content.clone()),
                l.start_probability(content.start),
                l.end_probability(content.end),
            ]
        })
        .collect();
    let mean_over_models =
        |i: usize| by_model.iter().map(|p| p[i]).sum::<f32>() / by_model.len().max(1) as f32;
    let (span, start, end) = (
        mean_over_models(0),
        mean_over_models(1),
        mean_over_models(2),
    );
    shape.push(format!("pspan={}", probability_bin(span)));
    out.push(format!("pstart={}", probability_bin(start)));
    out.push(format!("pend={}", probability_bin(end)));
    values.extend([("pspan", span), ("pstart", start), ("pend", end)]);
    // Each model's own: where the linear CRF and the networks disagree, the trees learn
    // which to believe.
    const BY_MODEL: [[&str; 3]; 2] = [
        ["pspan_crf", "pstart_crf", "pend_crf"],
        ["pspan_net", "pstart_net", "pend_net"],
    ];
    for (p, names) in by_model.iter().zip(BY_MODEL) {
        values.extend(names.into_iter().zip(*p));
    }
    // Where the paragraph stands in the article (leads and closing paragraphs report
    // differently), its length, and how much of its sentence the content takes.
    values.push(("para_at", p.start as f32 / text.len().max(1) as f32));
    values.push(("para_tokens", toks.len() as f32));
    values.push((
        "sentence_share",
        content.len() as f32 / sentence.len().max(1) as f32,
    ));
    if let Some(cue) = q.cue {
        let r = token_range(p, cue);
        let gap = if r.start >= content.end {
            r.start - content.end
        } else {
            content.start.saturating_sub(r.end)
        };
        values.push(("cue_gap_tokens", gap as f32));
        if r.start < toks.len() && p.sentence_of(r.start).start == r.start {
            shape.push("cue_opens".into());
        }
        if !r.is_empty() {
            let cue_p = mean(r, &|k| m[k][Label::Cue as usize]);
            shape.push(format!("pq={}", decile(cue_p)));
            values.push(("pq", cue_p));
        }
    }
    match q.speaker {
        Some(span) => {
            let r = token_range(p, span);
            if r.is_empty() {
                shape.push("spk=empty".into());
                return;
            }
            let source_p = mean(r.clone(), &|k| m[k][Label::Source as usize]);
            values.push(("source_tokens", r.len() as f32));
            out.push(format!("ps={}", decile(source_p)));
            values.push(("ps", source_p));
            let head = lower(text, &toks[r.end - 1]);
            let kind = if lexicon::is_pronoun(&head) {
                "pron"
            } else if is_capitalised(text, &toks[r.end - 1]) {
                "cap"
            } else {
                "lower"
            };
            shape.push(format!("spk={kind}"));
            shape.push(format!("view={}", can_hold_view(text, p, r)));
        }
        None => shape.push("spk=none".into()),
    }
    if q.kind == QuoteKind::Direct {
        shape.push("direct".into());
    }
}

/// Whether a candidate reads as an imperative: with no source, its cue opens its sentence
/// ("Understand the implications …") or follows the imperative's verb ("Stay tuned to
/// see …"); or its source is the sentence's one opening word, which cannot hold a view,
/// right before the cue or one word before it (the tagger may read `Stay` as the source).
/// Nobody holds that view, so it is never kept.
pub fn is_imperative(text: &str, candidate: &Candidate, tagged: Option<&Tagged>) -> bool {
    let q = &candidate.quote;
    let (Some(cue), Some(t)) = (q.cue, tagged) else {
        return false;
    };
    let p = t.para;
    let cue = token_range(p, cue);
    if cue.start >= p.tokens.len() {
        return false;
    }
    let opens = |k: usize| p.sentence_of(k).start == k;
    match q.speaker {
        // The cue opens the sentence, or follows one or two opening words (no punctuation)
        // whose first is neither a function word ("But don't expect …", "After saying …")
        // nor one that can hold a view: the verb of an imperative ("Stay tuned to see …").
        None => {
            let start = p.sentence_of(cue.start).start;
            cue.start == start
                || (cue.start - start <= 2
                    && p.tokens[start..cue.start].iter().all(|t| t.is_word())
                    && !lexicon::is_function_word(&lower(text, &p.tokens[start]))
                    && !can_hold_view(text, p, start..start + 1))
        }
        Some(span) => {
            // A capital opening a sentence may be a name ("Trump said"); a word that the
            // tagger does not read as a source there is the verb of an imperative.
            let source = token_range(p, span);
            source.len() == 1
                && (source.end..=source.end + 1).contains(&cue.start)
                && opens(source.start)
                && t.marginals[source.start][Label::Source as usize] < 0.7
                && !can_hold_view(text, p, source)
        }
    }
}

/// Whether a candidate is an intention in a time or reason clause ("talks continue as both
/// nations seek to …"): background, as the rules read it, so it is never kept.
pub fn is_background_intention(text: &str, candidate: &Candidate, tagged: Option<&Tagged>) -> bool {
    let q = &candidate.quote;
    match (q.speaker, tagged) {
        (Some(span), Some(t)) => {
            // The subordinator may stand before a determiner the source left out ("as both
            // nations seek to …").
            let start = token_range(t.para, span).start;
            let subordinated = (1..=3).take_while(|&back| back <= start).any(|back| {
                let before = lower(text, &t.para.tokens[start - back]);
                let only_determiners_between = (1..back)
                    .all(|b| lexicon::is_determiner(&lower(text, &t.para.tokens[start - b])));
                only_determiners_between && is_background_subordinator(&before)
            });
            subordinated && text[q.start..q.end].starts_with("to ")
        }
        _ => false,
    }
}

/// Whether a candidate's content runs over a contrasting clause that holds another
/// attribution ("Poland emphasized A, while leaders like X underscored B"): what follows
/// "while" is X's, never the first source's, so it is never kept.
pub fn runs_over_contrast(
    text: &str,
    candidate: &Candidate,
    all: &[&Candidate],
    tagged: Option<&Tagged>,
) -> bool {
    let Some(t) = tagged else {
        return false;
    };
    let (p, q) = (t.para, &candidate.quote);
    let content = token_range(p, (q.start, q.end));
    content.skip(1).any(|k| {
        let at = p.tokens[k].start;
        contrast_at(text, p, k)
            && all.iter().any(|c| {
                c.has(Origin::Rules)
                    && c.quote.speaker.is_some_and(|(s, _)| at < s && s < q.end)
                    && c.quote.cue.is_some_and(|(s, e)| at < s && e <= q.end)
            })
    })
}

/// Whether token `k` opens a contrasting clause after a comma or semicolon (", while …").
fn contrast_at(text: &str, p: &Para, k: usize) -> bool {
    k > 0
        && is_punct(text, &p.tokens[k - 1], &[',', ';'])
        && matches!(
            lower(text, &p.tokens[k]).as_str(),
            "while" | "whereas" | "but" | "although" | "though" | "yet"
        )
        && p.region_around(k).is_none()
}

/// The feature of a rule quote in the canonical form of reported speech.
const CANONICAL: &str = "canonical";

/// The feature of a rule quote in the other canonical form, the attribution after the
/// clause ("The road is unsafe, local officials said").
const TRAILING_REPORT: &str = "trailing_report";

/// The feature of a rule quote of an object verb ("X underscored commitment to …") whose
/// source can hold a view; kept like a canonical report.
pub const OBJECT_VERB_REPORT: &str = "object_verb_report";

/// Whether a quote is reported speech in its canonical form: a listed reporting verb, a
/// "that" clause, and a source that can hold a view ("White House officials maintained that
/// …"). Four in five of the rules' quotes of this form are annotated on PolNeAR train, so the
/// model's doubts (an unusual verb, a tagger that has not seen it) do not drop them.
fn is_canonical_report(text: &str, q: &RawQuote, t: &Tagged) -> bool {
    listed_report(text, q, t).is_some_and(|(content, cue)| {
        lower(text, &t.para.tokens[content.start]) == "that" && cue.end <= content.start
    })
}

/// Whether a quote is reported speech with its attribution after it: a clause that opens its
/// sentence, unquoted, then a comma, a source that can hold a view and a listed reporting
/// verb ("The road is unsafe, local officials said"). Seven in ten of the rules' quotes of
/// this form are annotated on PolNeAR train; with the trees alone, short ones in a paragraph
/// of their own fell just under [`MIN_PROBABILITY`]. (Keeping them costs 0.001 F1 on train.)
fn is_trailing_report(text: &str, q: &RawQuote, t: &Tagged) -> bool {
    let p = t.para;
    listed_report(text, q, t).is_some_and(|(content, cue)| {
        cue.start >= content.end
            && p.sentence_of(content.start).start == content.start
            && p.tokens
                .get(content.end)
                .is_some_and(|t| lower(text, t) == ",")
            && !p.regions.iter().any(|r| r.open < q.end && q.start < r.end)
    })
}

/// The token ranges of a quote's content and cue, both non-empty, when the cue ends with a
/// listed reporting verb and the source can hold a view: what both canonical forms need.
fn listed_report(text: &str, q: &RawQuote, t: &Tagged) -> Option<(Range<usize>, Range<usize>)> {
    let p = t.para;
    let content = token_range(p, (q.start, q.end));
    let cue = token_range(p, q.cue?);
    let source = token_range(p, q.speaker?);
    let listed = !cue.is_empty() && lexicon::cue(&lower(text, &p.tokens[cue.end - 1])).is_some();
    (!content.is_empty() && listed && can_hold_view(text, p, source)).then_some((content, cue))
}

/// The probability a model gives a candidate from its log-odds; for the content model at
/// least [`MIN_PROBABILITY`] for a rule quote in the canonical form or of an object verb.
fn probability_of_log_odds(model: Model, z: f32, features: &Features) -> f32 {
    let p = 1.0 / (1.0 + (-z).exp());
    let kept_anyway = [CANONICAL, TRAILING_REPORT, OBJECT_VERB_REPORT];
    if model == Model::Content && kept_anyway.iter().any(|f| features.has(f)) {
        p.max(MIN_PROBABILITY)
    } else {
        p
    }
}

/// A content at least this probable makes the doubtful candidates inside it pieces, see
/// [`drop_pieces`].
const WHOLE_MIN_PROBABILITY: f32 = 0.9;

/// A candidate under this content probability is dropped when it lies inside a whole.
const PIECE_MAX_PROBABILITY: f32 = 0.5;

/// The candidates less the doubtful pieces of confident contents: a candidate under
/// [`PIECE_MAX_PROBABILITY`] whose core span (see [`core_span`]) lies inside the core span of
/// one at [`WHOLE_MIN_PROBABILITY`] or more. A direct quote split by its attribution (`"A,"
/// she said. "B."`) is one attribution, and each half is proposed too; since [`select`]
/// adds gains, the doubtful first half beside the confident second one would outweigh the
/// whole.
pub fn drop_pieces(text: &str, scored: Vec<(Scores, RawQuote)>) -> Vec<(Scores, RawQuote)> {
    let core = |q: &RawQuote| core_span(text, (q.start, q.end));
    let wholes = SpanIndex::new(
        scored
            .iter()
            .filter(|(s, _)| s.content >= WHOLE_MIN_PROBABILITY)
            .map(|(_, q)| core(q)),
    );
    scored
        .into_iter()
        .filter(|(s, q)| s.content >= PIECE_MAX_PROBABILITY || !wholes.contains(core(q)))
        .collect()
}

/// What keeping a candidate costs in [`select`]: a kept candidate adds its rank less this.
/// Tuned on PolNeAR dev (0.1 to 0.25 give the same F1 within 0.0003).
const KEEP_COST: f32 = 0.2;

/// The candidates to keep, in text order: among those whose content probability reaches
/// [`MIN_PROBABILITY`], the set of non-overlapping ones with the largest sum of rank less
/// [`KEEP_COST`] (weighted interval scheduling). Unlike keeping the best ranked first, two
/// good adjacent contents win over one span that runs over both.
pub fn select(scored: Vec<(Scores, RawQuote)>) -> Vec<RawQuote> {
    let mut scored: Vec<(f32, RawQuote)> = scored
        .into_iter()
        .filter(|(s, _)| s.content >= MIN_PROBABILITY)
        .map(|(s, q)| (s.rank() - KEEP_COST, q))
        .filter(|(gain, _)| *gain > 0.0)
        .collect();
    scored.sort_by(|a, b| {
        (a.1.end, a.1.start)
            .cmp(&(b.1.end, b.1.start))
            .then(b.0.total_cmp(&a.0))
    });
    // best[k]: the largest sum over the first k candidates (by end); took[k]: whether that
    // sum keeps candidate k - 1.
    let mut best = vec![0.0f32; scored.len() + 1];
    let mut took = vec![false; scored.len() + 1];
    for (k, (gain, q)) in scored.iter().enumerate() {
        let compatible = scored[..k].partition_point(|(_, p)| p.end <= q.start);
        let with = best[compatible] + gain;
        if with > best[k] {
            best[k + 1] = with;
            took[k + 1] = true;
        } else {
            best[k + 1] = best[k];
        }
    }
    let mut kept = Vec::new();
    let mut k = scored.len();
    while k > 0 {
        if took[k] {
            let q = &scored[k - 1].1;
            kept.push(q.clone());
            k = scored[..k - 1].partition_point(|(_, p)| p.end <= q.start);
        } else {
            k -= 1;
        }
    }
    kept.reverse();
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(start: usize, end: usize, speaker: Option<(usize, usize)>) -> RawQuote {
        RawQuote {
            kind: QuoteKind::Indirect,
            start,
            end,
            speaker,
            cue: None,
            antecedent: None,
        }
    }

    fn scores(content: f32, attribution: f32) -> Scores {
        Scores {
            content,
            attribution,
        }
    }

    #[test]
    fn select_keeps_the_best_ranked_of_overlapping_candidates_in_text_order() {
        let kept = select(vec![
            (scores(0.9, 0.1), quote(0, 10, None)),
            // Overlaps the first and ranks higher by the mean of the two.
            (scores(0.7, 0.9), quote(5, 20, None)),
            (scores(0.5, 0.5), quote(30, 40, None)),
            // Below the content threshold, whatever its attribution probability.
            (scores(MIN_PROBABILITY - 0.01, 1.0), quote(50, 60, None)),
        ]);
        let spans: Vec<(usize, usize)> = kept.iter().map(|q| (q.start, q.end)).collect();
        assert_eq!(spans, [(5, 20), (30, 40)]);
    }

    #[test]
    fn a_doubtful_piece_of_a_confident_content_is_dropped() {
        let text = r#""Prices rose," she said. "Wages did not.""#;
        let whole = quote(1, text.len() - 1, None);
        let first_half = quote(0, 14, None);
        let second_half = quote(25, text.len(), None);
        let kept = drop_pieces(
            text,
            vec![
                (scores(0.99, 0.99), whole.clone()),
                (scores(0.45, 0.45), first_half),
                (scores(0.95, 0.95), second_half.clone()),
            ],
        );
        let kept: Vec<RawQuote> = kept.into_iter().map(|(_, q)| q).collect();
        assert_eq!(kept, vec![whole.clone(), second_half]);
        // Without a confident whole, nothing is a piece.
        let kept = drop_pieces(
            text,
            vec![
                (scores(0.85, 0.85), whole),
                (scores(0.45, 0.45), quote(0, 14, None)),
            ],
        );
        assert_eq!(kept.len(), 2);
    }

    #[test]
    fn select_prefers_two_adjacent_contents_to_one_over_both() {
        let kept = select(vec![
            (scores(0.8, 0.8), quote(0, 40, None)),
            (scores(0.7, 0.7), quote(0, 20, None)),
            (scores(0.7, 0.7), quote(21, 40, None)),
        ]);
        let spans: Vec<(usize, usize)> = kept.iter().map(|q| (q.start, q.end)).collect();
        assert_eq!(spans, [(0, 20), (21, 40)]);
    }

    #[test]
    fn select_finds_the_best_set_of_every_small_mix() {
        // Fixed pseudo-random mixes of nested, touching and disjoint spans, each checked
        // against every subset.
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) % n
        };
        for _ in 0..200 {
            let scored: Vec<(Scores, RawQuote)> = (0..10)
                .map(|_| {
                    let start = next(100) as usize;
                    let end = start + 1 + next(30) as usize;
                    let content = 0.3 + next(70) as f32 / 100.0;
                    let attribution = next(100) as f32 / 100.0;
                    (scores(content, attribution), quote(start, end, None))
                })
                .collect();
            let gain = |s: &Scores| s.rank() - KEEP_COST;
            let mut best_sum = 0.0f32;
            for subset in 0u32..1 << scored.len() {
                let chosen: Vec<&(Scores, RawQuote)> = (0..scored.len())
                    .filter(|i| subset & (1 << i) != 0)
                    .map(|i| &scored[i])
                    .collect();
                let eligible = chosen
                    .iter()
                    .all(|(s, _)| s.content >= MIN_PROBABILITY && gain(s) > 0.0);
                let disjoint = chosen.iter().enumerate().all(|(i, (_, a))| {
                    chosen[i + 1..]
                        .iter()
                        .all(|(_, b)| a.end <= b.start || b.end <= a.start)
                });
                if eligible && disjoint {
                    best_sum = best_sum.max(chosen.iter().map(|(s, _)| gain(s)).sum());
                }
            }
            let kept = select(scored.clone());
            let kept_sum: f32 = kept
                .iter()
                .map(|q| {
                    let (s, _) = scored
                        .iter()
                        .filter(|(s, c)| (c.start, c.end) == (q.start, q.end) && gain(s) > 0.0)
                        .max_by(|a, b| a.0.rank().total_cmp(&b.0.rank()))
                        .expect("a kept span is a candidate");
                    gain(s)
                })
                .sum();
            assert!(kept.windows(2).all(|w| w[0].end <= w[1].start));
            assert!(
                (kept_sum - best_sum).abs() < 1e-4,
                "{kept_sum} vs {best_sum}"
            );
        }
    }

    #[test]
    fn add_merges_spans_that_differ_only_in_marks_and_punctuation() {
        let text = "\u{201c}We want peace,\u{201d} he said.";
        let inner_start = "\u{201c}".len();
        let inner_end = inner_start + "We want peace,".len();
        let mut proposals = Proposals::default();
        let mut direct = quote(inner_start, inner_end, Some((30, 32)));
        direct.kind = QuoteKind::Direct;
        proposals.add(text, Candidate::new(direct, Origin::Rules));
        let with_marks = quote(0, inner_end + "\u{201d}".len(), None);
        proposals.add(text, Candidate::new(with_marks, Origin::Tagger));
        assert_eq!(proposals.candidates().len(), 1);
        let c = &proposals.candidates()[0];
        assert!(c.has(Origin::Rules) && c.has(Origin::Tagger) && !c.has(Origin::Learned));
        assert_eq!(
            (c.quote.start, c.quote.kind),
            (inner_start, QuoteKind::Direct)
        );
        // A different content stays apart.
        proposals.add(text, Candidate::new(quote(0, 5, None), Origin::Tagger));
        assert_eq!(proposals.into_candidates().len(), 2);
    }

    #[test]
    fn neighbours_are_the_candidates_whose_extents_overlap_or_touch() {
        let mut with_cue = quote(50, 60, Some((40, 45)));
        with_cue.cue = Some((46, 49));
        let all = vec![
            Candidate::new(quote(0, 100, None), Origin::Rules),
            Candidate::new(quote(10, 20, None), Origin::Tagger),
            Candidate::new(with_cue, Origin::Rules),
            Candidate::new(quote(200, 300, None), Origin::Tagger),
            Candidate::new(quote(300, 310, None), Origin::Tagger),
        ];
        let neighbours = Neighbours::new(&all);
        let found = |q: &RawQuote| -> Vec<(usize, usize)> {
            neighbours
                .of(q)
                .iter()
                .map(|c| (c.quote.start, c.quote.end))
                .collect()
        };
        // Brute force over every pair agrees.
        for c in &all {
            let (s, e) = extent(&c.quote);
            let expected: Vec<(usize, usize)> = all
                .iter()
                .filter(|o| {
                    let (a, b) = extent(&o.quote);
                    a <= e && s <= b
                })
                .map(|o| (o.quote.start, o.quote.end))
                .collect();
            assert_eq!(found(&c.quote), expected);
        }
        // The source and cue count: a span over them alone finds the quote.
        assert_eq!(found(&quote(41, 42, None)), [(0, 100), (50, 60)]);
        assert!(found(&quote(150, 160, None)).is_empty());
    }

    #[test]
    fn a_sourceless_candidate_borrows_the_source_of_a_similar_one() {
        let mut candidates = vec![
            Candidate::new(quote(0, 100, Some((110, 115))), Origin::Rules),
            Candidate::new(quote(10, 100, None), Origin::Tagger),
            Candidate::new(quote(200, 300, None), Origin::Tagger),
        ];
        borrow_sources(&mut candidates);
        assert_eq!(candidates[1].quote.speaker, Some((110, 115)));
        assert_eq!(candidates[2].quote.speaker, None);
    }

    #[test]
    fn every_committed_tree_is_read_and_scores_are_probabilities() {
        // Every node line is read into a well-formed tree of one of the two models.
        let lines: Vec<Vec<&str>> = TREES_TSV
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| l.split('\t').collect())
            .collect();
        let trees = |model: Model| {
            let mut ids: Vec<&str> = lines
                .iter()
                .filter(|l| l[0] == model.name())
                .map(|l| l[1])
                .collect();
            ids.dedup();
            ids.len()
        };
        assert_eq!(
            FOREST.tree_counts(),
            [trees(Model::Content), trees(Model::Attribution)]
        );
        assert!(FOREST.tree_counts().iter().all(|&n| n > 0));
        assert_eq!(FOREST.node_count(), lines.len());
        // The file holds keys, not names, which may be phrases of the training text.
        assert!(!TREES_TSV.contains("cue="));

        let plain = Features {
            flags: vec!["bias".into()],
            values: vec![("pspan", 0.2)],
        };
        let mut unknown = plain.clone();
        unknown.flags.push("no such feature".into());
        let mut canonical = plain.clone();
        canonical.flags.push(CANONICAL.into());
        let scores = Scores::of_all(&[plain, unknown, canonical]);
        assert_eq!(scores[0], scores[1]);
        assert!(
            scores
                .iter()
                .all(|s| (0.0..=1.0).contains(&s.content) && (0.0..=1.0).contains(&s.attribution))
        );
        assert!(scores[2].content >= MIN_PROBABILITY);
    }
}
