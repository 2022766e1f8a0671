//! A sequence tagger for attributions: a linear-chain CRF over the tokens of a paragraph.
//!
//! The rules and the learned pass look at one cue at a time. Many attributions in news are
//! only recognisable from the whole clause around them ("Clinton is expected to …", "the
//! poll shows …", "documents released Friday reveal …"), and their content boundaries
//! depend on what comes after. The tagger labels every token of a paragraph as outside,
//! content (begin / inside), cue or source, and is given the rules' own reading of the
//! paragraph as features, so it learns both when to trust them and what they miss.
//!
//! Features per token: the word, its neighbours three either side, the bigrams and trigram
//! around it, a crude stem of it and its neighbours, its shape and suffix, the
//! word lists (reporting verbs, pronouns, function words, group and organisation nouns),
//! the word classes learned from unannotated news (`word_classes.rs`) of it and its
//! neighbours, whether it is inside quotation marks, the distance to the nearest listed cue
//! in its sentence, its position in the sentence, and the label the rules give it.
//!
//! With networks (`neural.rs`, one committed with the program; the selection's training
//! reads several) their scores are averaged into one model whose marginal probabilities are
//! mixed with the CRF's, and [`Lattice`]
//! gives the probability of a whole span.
//!
//! The weights (`tagger_weights.tsv.gz`) are fitted on PolNeAR train by
//! `scripts/train_tagger.py` (python-crfsuite, L-BFGS with L1 + L2) from the features that
//! `examples/tagger_data.rs` writes; only hashed feature names and numbers are stored.

use std::borrow::Cow;
use std::io::Read as _;
use std::ops::Range;
use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::feature_hash::{feature_key, parse_key};
use super::neural::Network;
use super::tokens::{Token, TokenKind};
use super::{Para, QuoteKind, RawQuote, first_char, is_capitalised, lexicon, word_classes};

/// A token's label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Label {
    Outside,
    ContentBegin,
    ContentInside,
    Cue,
    Source,
}

impl Label {
    pub const ALL: [Label; 5] = [
        Label::Outside,
        Label::ContentBegin,
        Label::ContentInside,
        Label::Cue,
        Label::Source,
    ];

    /// The short name used in the weights file and the training data.
    pub fn name(self) -> &'static str {
        match self {
            Label::Outside => "O",
            Label::ContentBegin => "B",
            Label::ContentInside => "I",
            Label::Cue => "Q",
            Label::Source => "S",
        }
    }

    fn from_name(name: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.name() == name)
    }

    fn index(self) -> usize {
        self as usize
    }

    fn is_content(self) -> bool {
        matches!(self, Label::ContentBegin | Label::ContentInside)
    }
}

pub const N_LABELS: usize = Label::ALL.len();

/// The gzipped weights: a `labels` line naming the columns, `transition<TAB>from<TAB>to<TAB>
/// weight` lines and one `state<TAB>feature key<TAB>weight per label` line per feature, the
/// key in hexadecimal (see [`feature_key`]).
const WEIGHTS_GZ: &[u8] = include_bytes!("tagger_weights.tsv.gz");

/// A gzipped weights file as text.
fn gunzip(gz: &[u8]) -> std::io::Result<String> {
    let mut tsv = String::new();
    flate2::read::GzDecoder::new(gz).read_to_string(&mut tsv)?;
    Ok(tsv)
}

/// The gzipped weights of the neural taggers, see [`Network`]: their scores are averaged,
/// so more than one (the same recipe from other random starts, `SEED=1, 2, …`) may be
/// listed. One is: two scored the same on PolNeAR dev (F1 0.760 against 0.761 for the
/// second seed alone) at twice the time, which broke the speed rule on processors that run a
/// 256-bit multiply-add as two halves (round 54).
const NETWORKS_GZ: [(&str, &[u8]); 1] = [(
    "neural_weights_seed2.bin.gz",
    include_bytes!("neural_weights_seed2.bin.gz"),
)];

/// The tagger's weights: the committed ones ([`Weights::committed`]) or, for training the
/// selection model on text the tagger has not seen, another fit's.
pub struct Weights {
    /// By [`feature_key`] (lookups then compare integers, not strings): what each model adds
    /// for the feature, so that one lookup serves the CRF and every network.
    features: FxHashMap<u64, FeatureEntry>,
    transition: [[f32; N_LABELS]; N_LABELS],
    /// The neural taggers, if any: their scores are averaged into one model, whose
    /// marginals are averaged with the linear one's.
    networks: Vec<Network>,
}

/// How many networks [`FeatureEntry`] holds rows for; later ones are looked up in their own
/// map.
const MAX_INDEXED_NETWORKS: usize = 3;

/// Everything a feature adds to a token, found with one lookup instead of one per model
/// (the lookups were most of the time spent reading features).
#[derive(Clone, Copy)]
struct FeatureEntry {
    /// The CRF's weight per label, if it has the feature.
    state: Option<[f32; N_LABELS]>,
    /// Each network's embedding row, [`NO_ROW`] where it has none.
    rows: [u32; MAX_INDEXED_NETWORKS],
}

const NO_ROW: u32 = u32::MAX;

impl FeatureEntry {
    fn new(state: Option<[f32; N_LABELS]>) -> FeatureEntry {
        FeatureEntry {
            state,
            rows: [NO_ROW; MAX_INDEXED_NETWORKS],
        }
    }
}

static WEIGHTS: LazyLock<Weights> = LazyLock::new(|| {
    // The files are compiled in, so they are known to be valid. Read side by side, since
    // they are a noticeable part of a small run's time: on threads of their own, not rayon's,
    // whose work stealing could start a quote search here that waits for these weights.
    std::thread::scope(|scope| {
        let networks = NETWORKS_GZ.map(|(name, gz)| {
            scope.spawn(move || Network::from_gz(gz).unwrap_or_else(|e| panic!("{name}: {e}")))
        });
        let linear = Weights::parse(
            &gunzip(WEIGHTS_GZ).expect("tagger_weights.tsv.gz is valid gzipped UTF-8"),
        );
        networks.into_iter().fold(linear, |weights, network| {
            // A panic in the thread is raised again here.
            weights.with_network(
                network
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            )
        })
    })
});

impl Weights {
    /// The weights compiled into the binary.
    pub fn committed() -> &'static Weights {
        &WEIGHTS
    }

    /// Weights from a gzipped file in the committed format, without a network.
    pub fn from_gz(gz: &[u8]) -> std::io::Result<Weights> {
        Ok(Weights::parse(&gunzip(gz)?))
    }

    /// These weights with one more neural tagger to average with.
    pub fn with_network(mut self, network: Network) -> Weights {
        let n = self.networks.len();
        for (key, row) in network.rows() {
            let entry = self.features.entry(key).or_insert(FeatureEntry::new(None));
            if n < MAX_INDEXED_NETWORKS {
                entry.rows[n] = row;
            }
        }
        self.networks.push(network);
        self
    }

    /// The neural taggers averaged with the linear one.
    pub fn networks(&self) -> &[Network] {
        &self.networks
    }

    /// The keys of the features the linear CRF has weights for.
    #[cfg(test)]
    fn linear_features(&self) -> impl Iterator<Item = u64> + '_ {
        self.features
            .iter()
            .filter(|(_, entry)| entry.state.is_some())
            .map(|(&key, _)| key)
    }

    fn parse(tsv: &str) -> Weights {
        let mut weights = Weights {
            features: FxHashMap::default(),
            transition: [[0.0; N_LABELS]; N_LABELS],
            networks: Vec::new(),
        };
        let mut columns: Vec<Option<Label>> = Vec::new();
        for line in tsv.lines().filter(|l| !l.starts_with('#')) {
            let mut fields = line.split('\t');
            match fields.next() {
                Some("labels") => columns = fields.map(Label::from_name).collect(),
                Some("transition") => {
                    if let (Some(from), Some(to), Some(Ok(weight))) = (
                        fields.next().and_then(Label::from_name),
                        fields.next().and_then(Label::from_name),
                        fields.next().map(str::parse),
                    ) {
                        weights.transition[from.index()][to.index()] = weight;
                    }
                }
                Some("state") => {
                    let Some(key) = fields.next().and_then(parse_key) else {
                        continue;
                    };
                    let mut row = [0.0; N_LABELS];
                    for (label, weight) in columns.iter().zip(fields) {
                        if let (Some(label), Ok(weight)) = (label, weight.parse()) {
                            row[label.index()] = weight;
                        }
                    }
                    weights.features.insert(key, FeatureEntry::new(Some(row)));
                }
                _ => {}
            }
        }
        weights
    }
}

/// What the rules say about each token of a paragraph.
fn rule_labels(p: &Para, rules: &[RawQuote]) -> Vec<&'static str> {
    let mut out = vec!["O"; p.tokens.len()];
    for q in rules {
        if q.end <= p.start || q.start >= p.end {
            continue;
        }
        let kind = match q.kind {
            QuoteKind::Direct => "d",
            _ => "i",
        };
        // Tokens are sorted and disjoint: the ones inside a span form one index range.
        let inside = |(s, e): (usize, usize)| {
            p.tokens.partition_point(|t| t.start < s)..p.tokens.partition_point(|t| t.end <= e)
        };
        let content = inside((q.start, q.end));
        for k in content.clone() {
            out[k] = match (kind, k == content.start) {
                ("d", true) => "Bd",
                ("d", false) => "Id",
                (_, true) => "Bi",
                _ => "Ii",
            };
        }
        for (span, name) in [(q.cue, "Q"), (q.speaker, "S")] {
            for k in span.map(inside).unwrap_or_default() {
                if out[k] == "O" {
                    out[k] = name;
                }
            }
        }
    }
    out
}

fn shape(text: &str, token: &Token) -> Cow<'static, str> {
    if token.kind == TokenKind::Punct {
        return format!("p{}", first_char(text, token)).into();
    }
    let word = token.text(text);
    let shape = if word
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        "d"
    } else if word.chars().all(char::is_uppercase) {
        "X"
    } else if is_capitalised(text, token) {
        "Xx"
    } else {
        "x"
    };
    shape.into()
}

/// A word without its inflection ("championed" → "champion"), keeping four bytes at least.
fn crude_stem(word: &str) -> &str {
    lexicon::strip_inflection(word, 4)
}

fn bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2 => "2",
        3..=4 => "3-4",
        5..=8 => "5-8",
        _ => "9+",
    }
}

/// A word's classes from the lexicon, as short tags.
fn classes(word: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    if let Some(cue) = lexicon::cue(word) {
        out.push(if cue.learned { "cueL" } else { "cue" });
    }
    if lexicon::is_pronoun(word) {
        out.push("pron");
    }
    if lexicon::is_function_word(word) {
        out.push("func");
    }
    if lexicon::is_group_noun(word) {
        out.push("group");
    }
    if lexicon::is_org_word(word) {
        out.push("org");
    }
    if lexicon::is_statement_noun(word) {
        out.push("stmt");
    }
    if lexicon::is_auxiliary(word) {
        out.push("aux");
    }
    out
}

/// For each token of `order` (indices from `offset`), the last one before it in that order
/// whose flag is set.
fn nearest_flagged(
    flags: &[bool],
    order: impl ExactSizeIterator<Item = usize>,
    offset: usize,
) -> Vec<Option<usize>> {
    let mut out = vec![None; order.len()];
    let mut last = None;
    for k in order {
        out[k - offset] = last;
        if flags[k] {
            last = Some(k);
        }
    }
    out
}

/// A piece of a feature name, written as `format!` would write it.
trait NamePart {
    fn push_to(&self, out: &mut String);
}

impl NamePart for str {
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl<T: NamePart + ?Sized> NamePart for &T {
    fn push_to(&self, out: &mut String) {
        (**self).push_to(out);
    }
}

impl NamePart for String {
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl NamePart for Cow<'_, str> {
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl NamePart for bool {
    fn push_to(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl NamePart for usize {
    fn push_to(&self, out: &mut String) {
        out.push_str(itoa::Buffer::new().format(*self));
    }
}

impl NamePart for u16 {
    fn push_to(&self, out: &mut String) {
        out.push_str(itoa::Buffer::new().format(*self));
    }
}

/// Calls `emit(token, feature)` for every feature of every token of a paragraph, given the
/// rules' quotes. One buffer is reused for all feature names.
fn for_each_feature(text: &str, p: &Para, rules: &[RawQuote], mut emit: impl FnMut(usize, &str)) {
    let n = p.tokens.len();
    let words: Vec<String> = p
        .tokens
        .iter()
        .map(|t| t.text(text).to_lowercase())
        .collect();
    let shapes: Vec<Cow<str>> = p.tokens.iter().map(|t| shape(text, t)).collect();
    let word_classes: Vec<Vec<&'static str>> = words.iter().map(|w| classes(w)).collect();
    let learned_classes: Vec<Option<word_classes::Classes>> =
        words.iter().map(|w| word_classes::classes(w)).collect();
    let is_cue: Vec<bool> = word_classes
        .iter()
        .map(|c| c.first().is_some_and(|c| c.starts_with("cue")))
        .collect();
    let rule = rule_labels(p, rules);
    let word_at = |k: isize| -> &str {
        if k < 0 {
            "<s>"
        } else {
            words.get(k as usize).map_or("</s>", String::as_str)
        }
    };
    let mut buffer = String::with_capacity(64);
    // Names are assembled from their parts with plain pushes: `format_args!` cost about 5% of
    // a whole analysis here.
    let mut put = |k: usize, parts: &[&dyn NamePart]| {
        buffer.clear();
        for part in parts {
            part.push_to(&mut buffer);
        }
        emit(k, &buffer);
    };
    for (sentence_index, sentence) in p.sentences.iter().enumerate() {
        let sentence_has_rule = rule[sentence.clone()].iter().any(|r| *r != "O");
        // The nearest listed cue on each side of every token, within the sentence.
        let cue_left = nearest_flagged(&is_cue, sentence.clone(), sentence.start);
        let cue_right = nearest_flagged(&is_cue, sentence.clone().rev(), sentence.start);
        for k in sentence.clone() {
            let i = k as isize;
            put(k, &[&"w=", &words[k]]);
            put(k, &[&"w-1=", &word_at(i - 1)]);
            put(k, &[&"w+1=", &word_at(i + 1)]);
            put(k, &[&"w-2=", &word_at(i - 2)]);
            put(k, &[&"w+2=", &word_at(i + 2)]);
            put(k, &[&"w-1w=", &word_at(i - 1), &"|", &words[k]]);
            put(k, &[&"ww+1=", &words[k], &"|", &word_at(i + 1)]);
            put(k, &[&"shape=", &shapes[k]]);
            put(
                k,
                &[
                    &"shape-1+1=",
                    &k.checked_sub(1)
                        .and_then(|j| shapes.get(j))
                        .map_or("<s>", |s| s.as_ref()),
                    &"|",
                    &shapes.get(k + 1).map_or("</s>", |s| s.as_ref()),
                ],
            );
            put(k, &[&"w-3=", &word_at(i - 3)]);
            put(k, &[&"w+3=", &word_at(i + 3)]);
            put(
                k,
                &[
                    &"w-1ww+1=",
                    &word_at(i - 1),
                    &"|",
                    &words[k],
                    &"|",
                    &word_at(i + 1),
                ],
            );
            put(k, &[&"stem=", &crude_stem(&words[k])]);
            put(k, &[&"stem-1=", &crude_stem(word_at(i - 1))]);
            put(k, &[&"stem+1=", &crude_stem(word_at(i + 1))]);
            // The last three characters of a word of four or more.
            if let Some((at, _)) = words[k].char_indices().rev().nth(2)
                && at > 0
            {
                put(k, &[&"suf3=", &&words[k][at..]]);
            }
            for c in &word_classes[k] {
                put(k, &[&"c=", &c]);
            }
            // Learned classes: the word's at each level, its neighbours' at the middle one.
            if let Some([k1, k2, k3]) = learned_classes[k] {
                put(k, &[&"k1=", &k1]);
                put(k, &[&"k2=", &k2]);
                put(k, &[&"k3=", &k3]);
            }
            for (offset, name) in [(-1isize, "k2-1"), (1, "k2+1")] {
                let j = i + offset;
                if j >= 0
                    && let Some(Some(c)) = learned_classes.get(j as usize)
                {
                    put(k, &[&name, &"=", &c[1]]);
                }
            }
            for (offset, name) in [(-1isize, "c-1"), (1, "c+1"), (-2, "c-2"), (2, "c+2")] {
                let j = i + offset;
                if j >= 0 && (j as usize) < n {
                    for c in &word_classes[j as usize] {
                        put(k, &[&name, &"=", &c]);
                    }
                }
            }
            // Nearest listed cue in the sentence, on each side.
            let (left, right) = (cue_left[k - sentence.start], cue_right[k - sentence.start]);
            put(k, &[&"cueL=", &left.map_or("none", |j| bucket(k - j))]);
            put(k, &[&"cueR=", &right.map_or("none", |j| bucket(j - k))]);
            if let Some(j) = left {
                put(k, &[&"cueLw=", &words[j]]);
            }
            if let Some(j) = right {
                put(k, &[&"cueRw=", &words[j]]);
            }
            put(k, &[&"pos=", &bucket(k - sentence.start)]);
            put(k, &[&"posEnd=", &bucket(sentence.end - 1 - k)]);
            put(k, &[&"sent=", &sentence_index.min(2)]);
            if p.region_around(k).is_some() {
                put(k, &[&"inq"]);
            }
            put(k, &[&"r=", &rule[k]]);
            put(k, &[&"r-1=", &k.checked_sub(1).map_or("<s>", |j| rule[j])]);
            put(k, &[&"r+1=", &rule.get(k + 1).copied().unwrap_or("</s>")]);
            put(k, &[&"r|w=", &rule[k], &"|", &words[k]]);
            put(k, &[&"rsent=", &sentence_has_rule]);
        }
    }
}

/// The features of every token of a paragraph, given the rules' quotes (for training).
pub fn features(text: &str, p: &Para, rules: &[RawQuote]) -> Vec<Vec<String>> {
    let mut out = vec![Vec::new(); p.tokens.len()];
    for_each_feature(text, p, rules, |k, feature| out[k].push(feature.to_owned()));
    out
}

/// The most probable labels of a paragraph, given the rules' quotes.
#[cfg(test)]
pub fn tag(text: &str, p: &Para, rules: &[RawQuote]) -> Vec<Label> {
    tag_with_marginals(Weights::committed(), text, p, rules).labels
}

/// How the tagger reads a paragraph.
pub struct Reading {
    pub labels: Vec<Label>,
    /// Each token's marginal label probabilities, indexed like [`Label::ALL`].
    pub marginals: Vec<[f32; N_LABELS]>,
    /// One lattice per model, for the probabilities of whole spans.
    pub lattices: Vec<Lattice>,
}

/// The linear model's share of the marginals when there are networks too (chosen on train
/// with the selection fitted 4-fold, and on dev: 0.3 over 0.2 and 0.5).
const LINEAR_SHARE: f32 = 0.3;
const NEURAL_SHARE: f32 = 1.0 - LINEAR_SHARE;

/// The labels of a paragraph and each token's marginal label probabilities: see
/// [`read_all`].
#[cfg(test)]
pub fn tag_with_marginals(weights: &Weights, text: &str, p: &Para, rules: &[RawQuote]) -> Reading {
    let pending = prepare(weights, text, std::slice::from_ref(p), rules);
    read_all(weights, vec![pending])
        .pop()
        .and_then(|mut article| article.pop())
        .expect("one reading of one paragraph")
}

/// An article's paragraphs as the linear CRF reads them, and the networks' inputs: what
/// [`read_all`] needs to finish reading them together with other articles.
pub struct Pending {
    linear: Vec<Lattice>,
    /// Per network, per paragraph.
    inputs: Vec<Vec<Vec<f32>>>,
}

/// Reads an article's paragraphs with the linear CRF and sums the networks' inputs.
pub fn prepare(weights: &Weights, text: &str, paras: &[Para], rules: &[RawQuote]) -> Pending {
    let mut inputs: Vec<Vec<Vec<f32>>> = weights
        .networks
        .iter()
        .map(|_| Vec::with_capacity(paras.len()))
        .collect();
    let linear = paras
        .iter()
        .map(|p| {
            let (state, per_network) = state_scores(weights, text, p, rules);
            for (all, one) in inputs.iter_mut().zip(per_network) {
                all.push(one);
            }
            Lattice::new(weights.transition, state)
        })
        .collect();
    Pending { linear, inputs }
}

/// Each article's paragraphs' labels and each token's marginal label probabilities. With the
/// linear CRF alone: its most probable labelling (Viterbi) and its marginals
/// (forward-backward). With networks too: the mean of the two models' marginals and, per
/// token, the label most probable under that mean.
///
/// The networks read every paragraph of every article at once, which is several times
/// faster than one at a time and gives the same numbers: how articles are grouped into calls
/// changes nothing in the result.
pub fn read_all(weights: &Weights, articles: Vec<Pending>) -> Vec<Vec<Reading>> {
    if weights.networks.is_empty() {
        return articles
            .into_iter()
            .map(|article| {
                article
                    .linear
                    .into_iter()
                    .map(|linear| Reading {
                        labels: viterbi(&weights.transition, &linear.state),
                        marginals: linear.marginals(),
                        lattices: vec![linear],
                    })
                    .collect()
            })
            .collect();
    }
    // One model whose scores are the networks' mean (a product of experts).
    let share = 1.0 / weights.networks.len() as f32;
    let mut transition = [[0.0f32; N_LABELS]; N_LABELS];
    let mut emissions: Vec<Vec<[f32; N_LABELS]>> = articles
        .iter()
        .flat_map(|article| &article.linear)
        .map(|lattice| vec![[0.0f32; N_LABELS]; lattice.state.len()])
        .collect();
    let mut linear: Vec<Vec<Lattice>> = Vec::with_capacity(articles.len());
    let mut inputs: Vec<Vec<Vec<f32>>> = weights.networks.iter().map(|_| Vec::new()).collect();
    for article in articles {
        linear.push(article.linear);
        for (all, one) in inputs.iter_mut().zip(article.inputs) {
            all.extend(one);
        }
    }
    for (network, inputs) in weights.networks.iter().zip(inputs) {
        let pairs = transition.iter_mut().zip(&network.transition);
        for (a, b) in pairs.flat_map(|(a, b)| a.iter_mut().zip(b)) {
            *a += share * b;
        }
        for (sums, scores) in emissions.iter_mut().zip(network.emissions_many(&inputs)) {
            let pairs = sums.iter_mut().zip(scores);
            for (a, b) in pairs.flat_map(|(a, b)| a.iter_mut().zip(b)) {
                *a += share * b;
            }
        }
    }
    let mut emissions = emissions.into_iter();
    linear
        .into_iter()
        .map(|article| {
            article
                .into_iter()
                .zip(emissions.by_ref())
                .map(|(linear, emissions)| {
                    let neural = Lattice::new(transition, emissions);
                    let mean: Vec<[f32; N_LABELS]> = linear
                        .marginals()
                        .iter()
                        .zip(&neural.marginals())
                        .map(|(a, b)| {
                            std::array::from_fn(|y| LINEAR_SHARE * a[y] + NEURAL_SHARE * b[y])
                        })
                        .collect();
                    Reading {
                        labels: most_probable_labels(&mean),
                        marginals: mean,
                        lattices: vec![linear, neural],
                    }
                })
                .collect()
        })
        .collect()
}

/// The index of the highest score; the first on a tie.
fn argmax(scores: &[f32; N_LABELS]) -> usize {
    (0..N_LABELS)
        .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)))
        .unwrap_or(0)
}

/// Each token's most probable label.
fn most_probable_labels(marginals: &[[f32; N_LABELS]]) -> Vec<Label> {
    marginals.iter().map(|m| Label::ALL[argmax(m)]).collect()
}

/// Each token's label scores from its features, and each network's inputs.
fn state_scores(
    weights: &Weights,
    text: &str,
    p: &Para,
    rules: &[RawQuote],
) -> (Vec<[f32; N_LABELS]>, Vec<Vec<f32>>) {
    let mut state = vec![[0.0f32; N_LABELS]; p.tokens.len()];
    let mut inputs: Vec<Vec<f32>> = weights
        .networks
        .iter()
        .map(|n| n.empty_inputs(p.tokens.len()))
        .collect();
    for_each_feature(text, p, rules, |k, feature| {
        let key = feature_key(feature);
        let Some(entry) = weights.features.get(&key) else {
            return;
        };
        if let Some(w) = &entry.state {
            for (a, b) in state[k].iter_mut().zip(w) {
                *a += b;
            }
        }
        for (n, (network, inputs)) in weights.networks.iter().zip(&mut inputs).enumerate() {
            let row = match entry.rows.get(n) {
                Some(&row) => (row != NO_ROW).then_some(row),
                None => network.row(key),
            };
            if let Some(row) = row {
                network.add_row(inputs, k, row);
            }
        }
    });
    (state, inputs)
}

fn viterbi(transition: &[[f32; N_LABELS]; N_LABELS], state: &[[f32; N_LABELS]]) -> Vec<Label> {
    let n = state.len();
    if n == 0 {
        return Vec::new();
    }
    let mut score = state[0];
    let mut back = vec![[0u8; N_LABELS]; n];
    for k in 1..n {
        let mut next = [f32::NEG_INFINITY; N_LABELS];
        for to in 0..N_LABELS {
            for (from, previous) in score.iter().enumerate() {
                let s = previous + transition[from][to];
                if s > next[to] {
                    next[to] = s;
                    back[k][to] = from as u8;
                }
            }
            next[to] += state[k][to];
        }
        score = next;
    }
    let mut best = argmax(&score);
    let mut labels = vec![Label::Outside; n];
    for k in (0..n).rev() {
        labels[k] = Label::ALL[best];
        best = back[k][best] as usize;
    }
    labels
}

/// Labels read from marginal probabilities: content where content (begin or inside) reaches
/// `min_probability` (a begin where that is likelier than inside, or after a non-content),
/// else cue or source where that does, else outside.
pub fn likely_labels(marginals: &[[f32; N_LABELS]], min_probability: f32) -> Vec<Label> {
    let mut out: Vec<Label> = Vec::with_capacity(marginals.len());
    for m in marginals {
        let (begin, inside) = (
            m[Label::ContentBegin as usize],
            m[Label::ContentInside as usize],
        );
        let label = if begin + inside >= min_probability {
            let after_content = out.last().is_some_and(|l| l.is_content());
            if begin > inside || !after_content {
                Label::ContentBegin
            } else {
                Label::ContentInside
            }
        } else if m[Label::Cue as usize] >= min_probability {
            Label::Cue
        } else if m[Label::Source as usize] >= min_probability {
            Label::Source
        } else {
            Label::Outside
        };
        out.push(label);
    }
    out
}

/// `ln(sum(exp(x)))` without overflow.
fn log_sum_exp(values: impl Iterator<Item = f32> + Clone) -> f32 {
    let max = values.clone().fold(f32::NEG_INFINITY, f32::max);
    if max == f32::NEG_INFINITY {
        return max;
    }
    max + values.map(|v| (v - max).exp()).sum::<f32>().ln()
}

/// A CRF's scores over one paragraph with their forward and backward sums (log space), from
/// which the probability of any labelling of a stretch follows.
pub struct Lattice {
    transition: [[f32; N_LABELS]; N_LABELS],
    state: Vec<[f32; N_LABELS]>,
    /// `alpha[k][y]`: log-sum of every labelling of tokens `..=k` that ends in `y`.
    alpha: Vec<[f32; N_LABELS]>,
    /// `beta[k][y]`: log-sum of every labelling of tokens `k + 1..` after `y` at `k`.
    beta: Vec<[f32; N_LABELS]>,
    log_z: f32,
}

const BEGIN: usize = Label::ContentBegin as usize;
const INSIDE: usize = Label::ContentInside as usize;

impl Lattice {
    fn new(transition: [[f32; N_LABELS]; N_LABELS], state: Vec<[f32; N_LABELS]>) -> Lattice {
        let n = state.len();
        let mut alpha = vec![[0.0f32; N_LABELS]; n];
        let mut beta = vec![[0.0f32; N_LABELS]; n];
        if n > 0 {
            alpha[0] = state[0];
            for k in 1..n {
                for to in 0..N_LABELS {
                    alpha[k][to] = state[k][to]
                        + log_sum_exp(
                            (0..N_LABELS).map(|from| alpha[k - 1][from] + transition[from][to]),
                        );
                }
            }
            for k in (0..n - 1).rev() {
                for from in 0..N_LABELS {
                    beta[k][from] = log_sum_exp(
                        (0..N_LABELS)
                            .map(|to| transition[from][to] + state[k + 1][to] + beta[k + 1][to]),
                    );
                }
            }
        }
        let log_z = alpha.last().map_or(0.0, |a| log_sum_exp(a.iter().copied()));
        Lattice {
            transition,
            state,
            alpha,
            beta,
            log_z,
        }
    }

    /// Each token's marginal label probabilities.
    fn marginals(&self) -> Vec<[f32; N_LABELS]> {
        self.alpha
            .iter()
            .zip(&self.beta)
            .map(|(a, b)| std::array::from_fn(|y| (a[y] + b[y] - self.log_z).exp()))
            .collect()
    }

    /// Log-sum of the labellings up to token `k` in which an inside label at `k` follows a
    /// token that is no content (a content can start so as well as with a begin label).
    fn log_start_inside(&self, k: usize) -> f32 {
        let before = if k == 0 {
            0.0
        } else {
            log_sum_exp(
                [Label::Outside, Label::Cue, Label::Source]
                    .map(|y| self.alpha[k - 1][y as usize] + self.transition[y as usize][INSIDE])
                    .into_iter(),
            )
        };
        self.state[k][INSIDE] + before
    }

    /// Log-sum of the labellings from token `k` on, given content at `k - 1` (label
    /// `last`), in which that content ends before `k`.
    fn log_end(&self, last: usize, k: usize) -> f32 {
        if k == self.state.len() {
            return 0.0;
        }
        log_sum_exp(
            (0..N_LABELS)
                .filter(|&y| y != INSIDE)
                .map(|y| self.transition[last][y] + self.state[k][y] + self.beta[k][y]),
        )
    }

    /// The probability that tokens `range` are exactly one content: a begin label or an
    /// inside label after a non-content, inside labels, then no inside label.
    pub fn span_probability(&self, range: Range<usize>) -> f32 {
        if range.is_empty() || range.end > self.state.len() {
            return 0.0;
        }
        let paths = [
            (BEGIN, self.alpha[range.start][BEGIN]),
            (INSIDE, self.log_start_inside(range.start)),
        ]
        .map(|(first, start)| {
            let mut score = start;
            let mut last = first;
            for k in range.start + 1..range.end {
                score += self.transition[last][INSIDE] + self.state[k][INSIDE];
                last = INSIDE;
            }
            score + self.log_end(last, range.end)
        });
        (log_sum_exp(paths.into_iter()) - self.log_z).exp()
    }

    /// The probability that a content starts at token `k`.
    pub fn start_probability(&self, k: usize) -> f32 {
        if k >= self.state.len() {
            return 0.0;
        }
        let begin = self.alpha[k][BEGIN] + self.beta[k][BEGIN];
        let inside = self.log_start_inside(k) + self.beta[k][INSIDE];
        (log_sum_exp([begin, inside].into_iter()) - self.log_z).exp()
    }

    /// The probability that a content ends right before token `end`.
    pub fn end_probability(&self, end: usize) -> f32 {
        if end == 0 || end > self.state.len() {
            return 0.0;
        }
        let k = end - 1;
        let paths = [BEGIN, INSIDE].map(|last| self.alpha[k][last] + self.log_end(last, end));
        (log_sum_exp(paths.into_iter()) - self.log_z).exp()
    }
}

/// Runs of consecutive tokens whose label passes `wanted`, as token ranges; a
/// [`Label::ContentBegin`] starts a new run.
fn runs(labels: &[Label], wanted: impl Fn(Label) -> bool) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (k, &label) in labels.iter().enumerate() {
        if !wanted(label) {
            continue;
        }
        match out.last_mut() {
            Some(last) if last.end == k && label != Label::ContentBegin => last.end = k + 1,
            _ => out.push(k..k + 1),
        }
    }
    out
}

/// Tokens between two ranges (zero when they touch or overlap).
fn gap(a: &Range<usize>, b: &Range<usize>) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

/// The attributions in a tagged paragraph: each run of content tokens (cut at sentence ends
/// outside quotation marks), with the nearest cue run in its sentence and the source run
/// nearest that cue in the cue's sentence.
pub fn attributions(p: &Para, labels: &[Label]) -> Vec<RawQuote> {
    let mut starts_sentence = vec![false; p.tokens.len()];
    for s in &p.sentences {
        if let Some(start) = starts_sentence.get_mut(s.start) {
            *start = true;
        }
    }
    let mut contents: Vec<Range<usize>> = Vec::new();
    for run in runs(labels, Label::is_content) {
        let mut from = run.start;
        for (k, &starts) in starts_sentence
            .iter()
            .enumerate()
            .take(run.end)
            .skip(run.start + 1)
        {
            if starts && p.region_around(k).is_none() {
                contents.push(from..k);
                from = k;
            }
        }
        contents.push(from..run.end);
    }
    let cues = runs(labels, |l| l == Label::Cue);
    let sources = runs(labels, |l| l == Label::Source);
    let sentence_of = |k: usize| p.sentences.partition_point(|s| s.end <= k);
    let span = |r: &Range<usize>| (p.tokens[r.start].start, p.tokens[r.end - 1].end);
    let mut out = Vec::new();
    for content in contents {
        if !p.tokens[content.clone()].iter().any(Token::is_word) {
            continue;
        }
        let in_content_sentence = |r: &&Range<usize>| {
            let s = sentence_of(r.start);
            s == sentence_of(content.start) || s == sentence_of(content.end - 1)
        };
        let cue = cues
            .iter()
            .filter(in_content_sentence)
            .min_by_key(|c| gap(c, &content));
        let speaker = cue.and_then(|c| {
            sources
                .iter()
                .filter(|s| sentence_of(s.start) == sentence_of(c.start))
                .min_by_key(|s| gap(s, c))
        });
        let (start, end) = span(&content);
        let inside_marks = p
            .regions
            .iter()
            .any(|r| r.content_start <= start && end <= r.content_end);
        out.push(RawQuote {
            kind: if inside_marks {
                QuoteKind::Direct
            } else {
                QuoteKind::Indirect
            },
            start,
            end,
            speaker: speaker.map(span),
            cue: cue.map(span),
            antecedent: None,
        });
    }
    out
}

/// Writes one paragraph's tokens as `label<TAB>feature<TAB>…` lines and a blank line, for
/// `examples/tagger_data.rs`.
pub fn write_sequence(out: &mut String, features: &[Vec<String>], labels: &[Label]) {
    for (f, label) in features.iter().zip(labels) {
        out.push_str(label.name());
        for feature in f {
            out.push('\t');
            out.push_str(&feature.replace(['\t', '\n'], " "));
        }
        out.push('\n');
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> Para {
        Para::new(text, 0, text.len())
    }

    /// Labels from a string of one letter per token (`O`, `B`, `I`, `Q`, `S`).
    fn labels(letters: &str) -> Vec<Label> {
        letters
            .chars()
            .map(|c| Label::from_name(&c.to_string()).expect("a label letter"))
            .collect()
    }

    fn text_of(text: &str, span: Option<(usize, usize)>) -> &str {
        span.map_or("", |(s, e)| &text[s..e])
    }

    #[test]
    fn every_state_line_is_read_under_its_own_key() {
        let tsv = gunzip(WEIGHTS_GZ).unwrap();
        let lines = tsv.lines().filter(|l| l.starts_with("state\t")).count();
        // Two names with one key would have been written as two lines with one key.
        assert_eq!(WEIGHTS.linear_features().count(), lines);
        // The file holds keys, not the names, which may be n-grams of the training text.
        assert!(!tsv.contains("w=said"));
        assert!(
            WEIGHTS
                .linear_features()
                .any(|key| key == feature_key("w=said"))
        );
    }

    #[test]
    fn every_committed_network_file_is_compiled_in() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/engine/quotes");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|name| name.starts_with("neural_weights") && name.ends_with(".bin.gz"))
            .collect();
        files.sort();
        let mut compiled: Vec<&str> = NETWORKS_GZ.iter().map(|(name, _)| *name).collect();
        compiled.sort();
        assert_eq!(files, compiled);
        assert_eq!(WEIGHTS.networks().len(), NETWORKS_GZ.len());
    }

    #[test]
    fn weights_are_loaded() {
        let weights = &*WEIGHTS;
        let n_linear = weights.linear_features().count();
        assert!(n_linear > 10_000, "{n_linear}");
        // Content continues content far more readily than it starts after a cue's source.
        let (b, i) = (Label::ContentBegin.index(), Label::ContentInside.index());
        assert!(weights.transition[b][i] > weights.transition[b][Label::Source.index()]);
    }

    #[test]
    fn decodes_content_with_its_cue_and_source() {
        let text = "The mayor said the plan would fail.";
        //          The mayor said the plan would fail .
        let p = para(text);
        let found = attributions(&p, &labels("SSQBIIIO"));
        assert_eq!(found.len(), 1);
        let q = &found[0];
        assert_eq!(&text[q.start..q.end], "the plan would fail");
        assert_eq!(text_of(text, q.cue), "said");
        assert_eq!(text_of(text, q.speaker), "The mayor");
        assert_eq!(q.kind, QuoteKind::Indirect);
    }

    #[test]
    fn content_stops_at_a_sentence_end_and_takes_no_cue_from_another_sentence() {
        let text = "Aides said it failed. Then it rained.";
        //          Aides said it failed . Then it rained .
        let p = para(text);
        assert_eq!(p.sentences.len(), 2);
        let found = attributions(&p, &labels("SQBIIIII"));
        let contents: Vec<(&str, &str)> = found
            .iter()
            .map(|q| (&text[q.start..q.end], text_of(text, q.cue)))
            .collect();
        assert_eq!(
            contents,
            [("it failed.", "said"), ("Then it rained", "")],
            "{found:?}"
        );
    }

    #[test]
    fn a_begin_label_starts_a_new_content_and_punctuation_alone_is_none() {
        let text = "He said , cuts , and taxes .";
        let p = para(text);
        let found = attributions(&p, &labels("SQBIBIII"));
        let contents: Vec<&str> = found.iter().map(|q| &text[q.start..q.end]).collect();
        assert_eq!(contents, [", cuts", ", and taxes ."]);
        let only_punctuation = attributions(&p, &labels("SQBOBOOO"));
        assert!(only_punctuation.is_empty(), "{only_punctuation:?}");
    }

    #[test]
    fn content_inside_quotation_marks_is_direct() {
        let text = "He said: “We will win.”";
        let p = para(text);
        let tags: Vec<Label> = p
            .tokens
            .iter()
            .map(|t| match t.text(text) {
                "He" => Label::Source,
                "said" => Label::Cue,
                "We" => Label::ContentBegin,
                "will" | "win" | "." => Label::ContentInside,
                _ => Label::Outside,
            })
            .collect();
        let found = attributions(&p, &tags);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].kind, QuoteKind::Direct);
        assert_eq!(&text[found[0].start..found[0].end], "We will win.");
    }

    #[test]
    fn features_name_the_word_its_context_and_the_rules_reading() {
        let text = "Officials said the plan works.";
        let p = para(text);
        let rules = [RawQuote {
            kind: QuoteKind::Indirect,
            start: text.find("the plan").unwrap(),
            end: text.find('.').unwrap(),
            speaker: Some((0, 9)),
            cue: Some((10, 14)),
            antecedent: None,
        }];
        let features = features(text, &p, &rules);
        assert_eq!(features.len(), p.tokens.len());
        let said = &features[1];
        for expected in ["w=said", "w-1=officials", "c=cue", "r=Q", "shape=x"] {
            assert!(said.iter().any(|f| f == expected), "{expected}: {said:?}");
        }
        let the = &features[2];
        for expected in ["r=Bi", "r-1=Q", "cueL=1", "cueLw=said"] {
            assert!(the.iter().any(|f| f == expected), "{expected}: {the:?}");
        }
        // Learned classes: the word's three levels, and its neighbours' middle one.
        let [_, said_middle, _] = word_classes::classes("said").expect("said has classes");
        for prefix in ["k1=", "k2=", "k3=", "k2+1="] {
            assert!(
                said.iter().any(|f| f.starts_with(prefix)),
                "{prefix}: {said:?}"
            );
        }
        let expected = format!("k2-1={said_middle}");
        assert!(the.contains(&expected), "{expected}: {the:?}");
    }

    #[test]
    fn tags_every_token_and_nothing_in_an_empty_paragraph() {
        let text = "Officials said the plan works.";
        let p = para(text);
        assert_eq!(tag(text, &p, &[]).len(), p.tokens.len());
        assert!(tag("", &para(""), &[]).is_empty());
    }

    #[test]
    fn marginals_are_distributions_and_agree_with_viterbi_on_a_clear_case() {
        let text = "The mayor said that the dam will hold through the winter.";
        let p = para(text);
        let weights = Weights::committed();
        let reading = tag_with_marginals(weights, text, &p, &[]);
        let (best, marginals) = (reading.labels, reading.marginals);
        assert_eq!(marginals.len(), p.tokens.len());
        for m in &marginals {
            assert!((m.iter().sum::<f32>() - 1.0).abs() < 1e-3, "{m:?}");
        }
        // Where one label is far likelier than the rest, it is the most probable path's.
        for (label, m) in best.iter().zip(&marginals) {
            let (top, p) = m
                .iter()
                .enumerate()
                .max_by(|a, b| a.1.total_cmp(b.1))
                .expect("five labels");
            if *p > 0.9 {
                assert_eq!(label.index(), top);
            }
        }
        assert_eq!(tag(text, &p, &[]), best);
    }

    #[test]
    fn span_probabilities_match_brute_force_enumeration() {
        // Arbitrary scores over four tokens; every one of the 5^4 labellings is summed.
        let value = |i: usize| ((i * 7919 % 23) as f32 - 11.0) / 5.0;
        let transition = std::array::from_fn(|a| std::array::from_fn(|b| value(a * 5 + b + 3)));
        let state: Vec<[f32; N_LABELS]> = (0..4)
            .map(|k| std::array::from_fn(|y| value(k * 5 + y + 40)))
            .collect();
        let lattice = Lattice::new(transition, state.clone());
        let (mut z, mut span, mut start, mut end) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
        let is_content = |y: usize| y == BEGIN || y == INSIDE;
        for code in 0..N_LABELS.pow(4) {
            let y: Vec<usize> = (0..4)
                .map(|k| code / N_LABELS.pow(k as u32) % N_LABELS)
                .collect();
            let score: f32 = (0..4).map(|k| state[k][y[k]]).sum::<f32>()
                + (1..4).map(|k| transition[y[k - 1]][y[k]]).sum::<f32>();
            let w = f64::from(score).exp();
            z += w;
            let starts_at =
                |k: usize| y[k] == BEGIN || (y[k] == INSIDE && (k == 0 || !is_content(y[k - 1])));
            let ends_before = |e: usize| is_content(y[e - 1]) && (e == 4 || y[e] != INSIDE);
            if starts_at(1) && y[2] == INSIDE && ends_before(3) {
                span += w;
            }
            if starts_at(1) {
                start += w;
            }
            if ends_before(3) {
                end += w;
            }
        }
        let close = |a: f32, b: f64| (f64::from(a) - b / z).abs() < 1e-4;
        assert!(close(lattice.span_probability(1..3), span));
        assert!(close(lattice.start_probability(1), start));
        assert!(close(lattice.end_probability(3), end));
        assert_eq!(lattice.span_probability(2..2), 0.0);
        assert_eq!(lattice.span_probability(3..9), 0.0);
    }

    #[test]
    fn every_network_row_is_under_its_key() {
        let weights = Weights::committed();
        assert!(!weights.networks.is_empty());
        for (n, network) in weights.networks.iter().enumerate() {
            for (key, row) in network.rows() {
                assert_eq!(weights.features[&key].rows[n], row);
            }
        }
        let rows_in_entries = weights
            .features
            .values()
            .flat_map(|e| e.rows)
            .filter(|&row| row != NO_ROW)
            .count();
        let rows_in_networks: usize = weights.networks.iter().map(|n| n.rows().count()).sum();
        assert_eq!(rows_in_entries, rows_in_networks);
    }

    #[test]
    fn name_parts_are_written_as_format_writes_them() {
        let written = |part: &dyn NamePart| {
            let mut out = String::new();
            part.push_to(&mut out);
            out
        };
        for n in [0usize, 7, 10, 639, 1_000_001, usize::MAX] {
            assert_eq!(written(&n), n.to_string());
        }
        for n in [0u16, 42, u16::MAX] {
            assert_eq!(written(&n), n.to_string());
        }
        assert_eq!(written(&true), "true");
        assert_eq!(written(&&"w="), "w=");
        assert_eq!(written(&Cow::Borrowed("Xx")), "Xx");
    }

    #[test]
    fn likely_labels_read_marginals_above_a_floor() {
        let m = |o: f32, b: f32, i: f32, q: f32, s: f32| [o, b, i, q, s];
        let marginals = [
            m(0.1, 0.0, 0.0, 0.0, 0.9),
            m(0.2, 0.0, 0.0, 0.8, 0.0),
            m(0.6, 0.3, 0.1, 0.0, 0.0),
            m(0.5, 0.1, 0.4, 0.0, 0.0),
            m(0.9, 0.0, 0.1, 0.0, 0.0),
        ];
        assert_eq!(likely_labels(&marginals, 0.4), labels("SQBIO"));
        assert_eq!(likely_labels(&marginals, 0.95), labels("OOOOO"));
    }
}
