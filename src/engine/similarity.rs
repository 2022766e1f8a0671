//! How alike two claims are: the pair matcher behind claim groups and `parallax pairs`.
//!
//! A [`Matcher`] holds document frequencies of word stems over the texts at hand (all claims
//! of a corpus, or all sentences of a pairs file), so rare shared words weigh more than
//! common ones. [`Matcher::features`] measures a pair in 34 ways (IDF-weighted overlap,
//! word and character n-gram precision, numbers, names, length, negation, word order and
//! edit rate), and two fitted models over those features judge it:
//! - the same-claim model (gradient-boosted regression trees blended with a logistic
//!   regression, fitted on MSRP train: paraphrase or not) decides whether two claims state
//!   the same thing;
//! - the score model (trees blended with a logistic regression like the same-claim model,
//!   fitted on STS-B train and calibrated on it) gives the graded similarity score.
//!
//! Both are fitted by `scripts/train_matcher.py` and written out as tables in
//! `similarity/model.rs` (see docs/accuracy.md). Graded similarity and "same claim or not"
//! are kept apart because fitting one model to both costs accuracy on the second.

use super::numbers::{self, Quantity};
use super::text::{self, Word};
use rustc_hash::FxHashMap;
use std::hash::BuildHasher as _;

/// What two claims from different articles about one story are to each other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    /// They state the same thing.
    Same,
    /// They state the same thing but disagree on a value.
    Differing,
    /// They state different things.
    Unrelated,
}

impl Relation {
    pub fn label(self) -> &'static str {
        match self {
            Relation::Same => "same",
            Relation::Differing => "differing",
            Relation::Unrelated => "unrelated",
        }
    }
}

/// The matcher's verdict on a pair of claims.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Judgement {
    /// Similarity, 0 (nothing in common) to 1 (same claim). Graded: it ranks pairs, while
    /// `relation` comes from a model of its own, so a `Same` pair may score below an
    /// `Unrelated` one now and then.
    pub score: f64,
    pub relation: Relation,
}

/// Judges two claim texts as two claims from different articles about one story, with no
/// corpus statistics (every word weighs the same). Prefer a [`Matcher`] built over the
/// corpus.
pub fn judge(a: &str, b: &str) -> Judgement {
    let matcher = Matcher::default();
    matcher.judge(&matcher.profile(a), &matcher.profile(b))
}

/// A content stem of a claim, with its IDF weight.
#[derive(Clone, Debug, Default)]
pub struct Stem {
    /// Hash of `text`: profiles compare sorted ids, not strings.
    pub id: u64,
    pub idf: f64,
    pub text: String,
}

/// A pair of neighbouring content stems.
#[derive(Clone, Copy, Debug, Default)]
pub struct Bigram {
    pub id: u64,
    /// IDF weight of the phrase itself ([`Matcher::phrase_idf`]): how rare it is as a
    /// whole, which its two stems need not be.
    pub idf: f64,
    /// The larger IDF weight of its two stems.
    pub word_idf: f64,
    /// The mean IDF weight of its two stems.
    pub mean_word_idf: f64,
}

/// A claim prepared for matching: its words, content stems, n-grams, numbers and names,
/// each as a sorted vector of ids so a pair is compared by merging, without hashing.
#[derive(Clone, Debug, Default)]
pub struct Profile {
    pub words: Vec<Word>,
    /// Distinct content stems, sorted by id.
    pub stems: Vec<Stem>,
    /// Distinct pairs of neighbouring content stems, sorted by id.
    pub bigrams: Vec<Bigram>,
    /// Distinct n-grams (n = 1 to 4) of the stems of all words, stop words included, sorted.
    ngrams: [Vec<u64>; 4],
    /// Stem ids of all words, in order (for word order and edit distance).
    sequence: Vec<u64>,
    /// Distinct character 4-grams of the normalised words joined by spaces, sorted.
    chars: Vec<u64>,
    /// Capitalised words that are not sentence-initial and not stop words (name parts),
    /// sorted by id, distinct.
    names: Vec<(u64, String)>,
    /// Ids of the normalised forms of all words, sorted, distinct.
    norms: Vec<u64>,
    pub quantities: Vec<Quantity>,
    pub negations: usize,
    /// Sum of the IDF weights of `stems`.
    pub mass: f64,
    /// Has a quotation mark.
    quoted: bool,
}

impl Profile {
    /// Whether the claim has the content stem `id`.
    pub fn has_stem(&self, id: u64) -> bool {
        self.stems.binary_search_by_key(&id, |s| s.id).is_ok()
    }

    /// IDF weight of the content stem `id` (0 when absent).
    pub fn stem_idf(&self, id: u64) -> f64 {
        self.stems
            .binary_search_by_key(&id, |s| s.id)
            .map_or(0.0, |i| self.stems[i].idf)
    }
}

/// Id of a string: a stable 64-bit hash (collisions among a corpus' words are negligible).
pub fn string_id(text: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(text)
}

/// Id of a sequence continued by one more id.
fn chain(previous: u64, next: u64) -> u64 {
    (previous.rotate_left(23) ^ next).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Number of features [`Matcher::features`] returns.
pub const FEATURE_COUNT: usize = 34;

/// Names of the features, in order (for `parallax pairs --features` and the training script).
pub const FEATURE_NAMES: [&str; FEATURE_COUNT] = [
    "idf_dice",
    "idf_min_containment",
    "stem_dice",
    "bigram_dice",
    "word_lcs",
    "all_word_dice",
    "length_ratio",
    "number_match",
    "number_conflict",
    "name_mismatch",
    "negation_mismatch",
    "unmatched_idf_max",
    "unmatched_idf_min",
    "unmatched_stems_max",
    "unmatched_stems_min",
    "ngram1_precision_min",
    "ngram1_precision_max",
    "ngram2_precision_min",
    "ngram2_precision_max",
    "ngram3_precision_min",
    "ngram3_precision_max",
    "ngram4_precision_min",
    "ngram4_precision_max",
    "char4_precision_min",
    "char4_precision_max",
    "edit_rate",
    "longest_run",
    "words_min",
    "words_difference",
    "names_missing",
    "quantities_unmatched",
    "quote_mismatch",
    "bleu_min",
    "number_conflict_beyond_rounding",
];

/// How many of the first features [`Matcher::similarity`] uses (word overlap, numbers,
/// names, negation).
pub const LINK_FEATURES: usize = 12;

/// Index of `number_conflict_beyond_rounding` in the features: the conflict that makes a
/// pair `Differing` ("1.2 percent" does not conflict with "1.23 percent").
const NUMBER_CONFLICT: usize = 33;

mod model;

/// A fitted ensemble of regression trees ([`model::SAME`], [`model::SCORE`]): its log-odds
/// for a pair are `base` plus one leaf of each tree.
struct Forest {
    base: f64,
    /// Index of each tree's root in `nodes`.
    roots: &'static [u16],
    nodes: &'static [Node],
}

impl Forest {
    /// The log-odds of a pair with these features: the sum of the trees' leaves.
    fn logit(&self, features: &[f64; FEATURE_COUNT]) -> f64 {
        let mut total = self.base;
        for &root in self.roots {
            let Some(mut node) = self.nodes.get(usize::from(root)) else {
                continue;
            };
            while node.feature != Node::LEAF {
                let value = features
                    .get(usize::from(node.feature))
                    .copied()
                    .unwrap_or(0.0);
                let next = if value <= node.threshold {
                    node.left
                } else {
                    node.right
                };
                let Some(child) = self.nodes.get(usize::from(next)) else {
                    break;
                };
                node = child;
            }
            if node.feature == Node::LEAF {
                total += node.threshold;
            }
        }
        total
    }
}

/// A linear model over the features ([`model::SAME_LINEAR`]): its log-odds are `bias` plus
/// the weighted features.
struct Linear {
    weights: [f64; FEATURE_COUNT],
    bias: f64,
}

impl Linear {
    fn logit(&self, features: &[f64; FEATURE_COUNT]) -> f64 {
        self.bias
            + features
                .iter()
                .zip(&self.weights)
                .map(|(f, w)| f * w)
                .sum::<f64>()
    }
}

/// A node of a regression tree of a [`Forest`]: a split on one feature, or a leaf with its
/// value.
#[derive(Clone, Copy, Debug)]
struct Node {
    /// Feature index, or [`Node::LEAF`].
    feature: u8,
    /// Split: go left when the feature is at most this. Leaf: the value.
    threshold: f64,
    left: u16,
    right: u16,
}

impl Node {
    const LEAF: u8 = u8::MAX;

    const fn split(feature: u8, threshold: f64, left: u16, right: u16) -> Self {
        Self {
            feature,
            threshold,
            left,
            right,
        }
    }

    const fn leaf(value: f64) -> Self {
        Self {
            feature: Self::LEAF,
            threshold: value,
            left: 0,
            right: 0,
        }
    }
}

/// Pair scorer with document frequencies of stems (and of phrases of two content stems)
/// over a set of texts.
#[derive(Clone, Debug, Default)]
pub struct Matcher {
    document_frequency: FxHashMap<String, u32>,
    /// Texts with each pair of neighbouring content stems, by [`Bigram::id`].
    phrase_frequency: FxHashMap<u64, u32>,
    documents: u32,
}

impl Matcher {
    /// Builds the stem and phrase statistics over `texts` (each text counts once per stem).
    pub fn new<'a>(texts: impl IntoIterator<Item = &'a str>) -> Self {
        let words: Vec<Vec<Word>> = texts.into_iter().map(text::words).collect();
        Self::from_words(&words)
    }

    /// [`Matcher::new`] over texts already split by [`text::words`].
    pub fn from_words(texts: &[Vec<Word>]) -> Self {
        let mut document_frequency: FxHashMap<String, u32> = FxHashMap::default();
        let mut phrase_frequency: FxHashMap<u64, u32> = FxHashMap::default();
        let mut documents = 0u32;
        for words in texts {
            documents = documents.saturating_add(1);
            let mut stems: Vec<&str> = words
                .iter()
                .filter(|w| !w.is_stop)
                .map(|w| w.stem.as_str())
                .collect();
            let mut phrases: Vec<u64> = stems
                .windows(2)
                .map(|pair| chain(string_id(pair[0]), string_id(pair[1])))
                .collect();
            phrases.sort_unstable();
            phrases.dedup();
            for phrase in phrases {
                *phrase_frequency.entry(phrase).or_default() += 1;
            }
            stems.sort_unstable();
            stems.dedup();
            for stem in stems {
                if let Some(count) = document_frequency.get_mut(stem) {
                    *count += 1;
                } else {
                    document_frequency.insert(stem.to_owned(), 1);
                }
            }
        }
        Self {
            document_frequency,
            phrase_frequency,
            documents,
        }
    }

    /// How many texts contain `stem`.
    pub fn document_frequency(&self, stem: &str) -> u32 {
        self.document_frequency.get(stem).copied().unwrap_or(0)
    }

    /// Inverse document frequency, scaled so a stem in every text weighs about 0.1 and an
    /// unseen one about 1. Without statistics every stem weighs 1.
    pub fn idf(&self, stem: &str) -> f64 {
        self.scaled_idf(self.document_frequency(stem))
    }

    /// [`Matcher::idf`] of a phrase of two neighbouring content stems ([`Bigram::id`]).
    pub fn phrase_idf(&self, phrase: u64) -> f64 {
        self.scaled_idf(self.phrase_frequency.get(&phrase).copied().unwrap_or(0))
    }

    fn scaled_idf(&self, document_frequency: u32) -> f64 {
        if self.documents < 20 {
            return 1.0;
        }
        let n = f64::from(self.documents);
        let df = f64::from(document_frequency);
        let idf = ((n + 1.0) / (df + 1.0)).ln() / (n + 1.0).ln();
        0.1 + 0.9 * idf.clamp(0.0, 1.0)
    }

    /// Prepares a text for matching.
    pub fn profile(&self, text: &str) -> Profile {
        self.profile_words(text, text::words(text))
    }

    /// [`Matcher::profile`] of `text` already split into `words` by [`text::words`].
    pub fn profile_words(&self, text: &str, words: Vec<Word>) -> Profile {
        let mut stems: Vec<Stem> = Vec::new();
        let mut bigrams: Vec<Bigram> = Vec::new();
        let mut names: Vec<(u64, String)> = Vec::new();
        let mut previous: Option<(u64, f64)> = None;
        let mut negations = 0;
        let sequence: Vec<u64> = words.iter().map(|w| string_id(&w.stem)).collect();
        let mut norms: Vec<u64> = words.iter().map(|w| string_id(&w.norm)).collect();
        for (index, (word, &id)) in words.iter().zip(&sequence).enumerate() {
            negations += usize::from(word.is_negation);
            if word.is_stop {
                continue;
            }
            let idf = self.idf(&word.stem);
            stems.push(Stem {
                id,
                idf,
                text: word.stem.clone(),
            });
            if let Some((prev, prev_idf)) = previous {
                let phrase = chain(prev, id);
                bigrams.push(Bigram {
                    id: phrase,
                    idf: self.phrase_idf(phrase),
                    word_idf: idf.max(prev_idf),
                    mean_word_idf: (idf + prev_idf) / 2.0,
                });
            }
            previous = Some((id, idf));
            if word.is_capitalised && index > 0 && !word.is_number {
                names.push((norms[index], word.norm.clone()));
            }
        }
        stems.sort_by_key(|s| s.id);
        stems.dedup_by_key(|s| s.id);
        bigrams.sort_by_key(|b| b.id);
        bigrams.dedup_by_key(|b| b.id);
        names.sort_unstable();
        names.dedup_by_key(|n| n.0);
        norms.sort_unstable();
        norms.dedup();
        let ngrams = std::array::from_fn(|n| {
            let mut grams: Vec<u64> = sequence
                .windows(n + 1)
                .map(|w| w.iter().copied().reduce(chain).unwrap_or(0))
                .collect();
            grams.sort_unstable();
            grams.dedup();
            grams
        });
        let mut joined = Vec::with_capacity(text.len() + 2);
        joined.push(b' ');
        for word in &words {
            joined.extend_from_slice(word.norm.as_bytes());
            joined.push(b' ');
        }
        let mut chars: Vec<u64> = joined
            .windows(4)
            .map(|w| w.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b)))
            .collect();
        chars.sort_unstable();
        chars.dedup();
        let mass = stems.iter().map(|s| s.idf).sum();
        Profile {
            quantities: numbers::quantities_in(text, &words),
            quoted: text.contains(['"', '“', '”']),
            words,
            stems,
            bigrams,
            ngrams,
            sequence,
            chars,
            names,
            norms,
            negations,
            mass,
        }
    }

    /// The features of a pair, in [`FEATURE_NAMES`] order; each is in 0..=1 or a count-like
    /// value of similar scale. Symmetric in `a` and `b`.
    pub fn features(&self, a: &Profile, b: &Profile) -> [f64; FEATURE_COUNT] {
        self.measure(a, b, true)
    }

    /// The features; with `all` false only the first [`LINK_FEATURES`] (the rest are 0),
    /// which is all [`Matcher::similarity`] needs and much cheaper.
    fn measure(&self, a: &Profile, b: &Profile, all: bool) -> [f64; FEATURE_COUNT] {
        let side_a = side_overlap(a, b);
        let side_b = side_overlap(b, a);
        let shared = (side_a.shared_mass + side_b.shared_mass) / 2.0;
        let idf_dice = ratio(2.0 * shared, a.mass + b.mass);
        let idf_min_containment = ratio(shared, a.mass.min(b.mass));
        let common_stems = common_count(a.stems.iter().map(|s| s.id), b.stems.iter().map(|s| s.id));
        let stem_dice = ratio(
            2.0 * common_stems as f64,
            (a.stems.len() + b.stems.len()) as f64,
        );
        let common_bigrams = common_count(
            a.bigrams.iter().map(|g| g.id),
            b.bigrams.iter().map(|g| g.id),
        );
        let bigram_dice = ratio(
            2.0 * common_bigrams as f64,
            (a.bigrams.len() + b.bigrams.len()) as f64,
        );
        let alignment = if all {
            align_sequences(&a.sequence, &b.sequence)
        } else {
            Alignment {
                lcs: lcs_length(&a.sequence, &b.sequence),
                edits: 0,
                longest_run: 0,
            }
        };
        let longest = a.sequence.len().max(b.sequence.len()).max(1) as f64;
        let shortest = a.sequence.len().min(b.sequence.len()).max(1) as f64;
        let mut precisions = [(0.0, 0.0); 4];
        let mut all_word_dice = 0.0;
        // BLEU-like: geometric mean of the smoothed n-gram precisions, each way.
        let (mut log_bleu_a, mut log_bleu_b) = (0.0, 0.0);
        let orders = if all { 4 } else { 1 };
        for (n, (grams_a, grams_b)) in a.ngrams.iter().zip(&b.ngrams).take(orders).enumerate() {
            let common = common_count(grams_a.iter().copied(), grams_b.iter().copied()) as f64;
            let (count_a, count_b) = (grams_a.len() as f64, grams_b.len() as f64);
            let (pa, pb) = (ratio(common, count_a), ratio(common, count_b));
            precisions[n] = (pa.min(pb), pa.max(pb));
            log_bleu_a += ((common + 1.0) / (count_a + 1.0)).ln() / 4.0;
            log_bleu_b += ((common + 1.0) / (count_b + 1.0)).ln() / 4.0;
            if n == 0 {
                all_word_dice = ratio(2.0 * common, count_a + count_b);
            }
        }
        let bleu_min = log_bleu_a.min(log_bleu_b).exp();
        let common_chars = if all {
            common_count(a.chars.iter().copied(), b.chars.iter().copied()) as f64
        } else {
            0.0
        };
        let (char_a, char_b) = (
            ratio(common_chars, a.chars.len() as f64),
            ratio(common_chars, b.chars.len() as f64),
        );
        let length_ratio = ratio(
            a.stems.len().min(b.stems.len()) as f64,
            a.stems.len().max(b.stems.len()) as f64,
        );
        let (number_match, number_conflict, quantities_unmatched) =
            number_agreement(&a.quantities, &b.quantities);
        let conflict_beyond_rounding = if all && number_conflict > 0.0 {
            f64::from(u8::from(conflicts_beyond_rounding(a, b)))
        } else {
            0.0
        };
        let (name_mismatch, names_missing) = name_mismatch(a, b);
        let negation_mismatch = f64::from(u8::from((a.negations > 0) != (b.negations > 0)));
        let unmatched_a = a.mass - side_a.shared_mass;
        let unmatched_b = b.mass - side_b.shared_mass;
        [
            idf_dice,
            idf_min_containment,
            stem_dice,
            bigram_dice,
            alignment.lcs as f64 / longest,
            all_word_dice,
            length_ratio,
            number_match,
            number_conflict,
            name_mismatch,
            negation_mismatch,
            unmatched_a.max(unmatched_b),
            unmatched_a.min(unmatched_b),
            side_a.unmatched.max(side_b.unmatched) as f64,
            side_a.unmatched.min(side_b.unmatched) as f64,
            precisions[0].0,
            precisions[0].1,
            precisions[1].0,
            precisions[1].1,
            precisions[2].0,
            precisions[2].1,
            precisions[3].0,
            precisions[3].1,
            char_a.min(char_b),
            char_a.max(char_b),
            alignment.edits as f64 / longest,
            alignment.longest_run as f64 / shortest,
            shortest / 10.0,
            (longest - shortest) / 10.0,
            names_missing as f64,
            quantities_unmatched as f64,
            f64::from(u8::from(a.quoted != b.quoted)),
            bleu_min,
            conflict_beyond_rounding,
        ]
    }

    /// How alike `a` and `b` are, 0 to 1 (graded, calibrated on STS-B).
    pub fn score(&self, a: &Profile, b: &Profile) -> f64 {
        score(&self.features(a, b))
    }

    /// How closely `a` and `b` are related, 0 to 1, for linking claims of one story: a
    /// logistic regression over the same features, fitted with the trees. Unlike the trees'
    /// score it is smooth where two claims share only part of their words, which is where
    /// claims of one story about the same point meet (MSRP pairs nearly all overlap much).
    pub fn similarity(&self, a: &Profile, b: &Profile) -> f64 {
        let features = self.measure(a, b, false);
        let z: f64 = model::LINK_BIAS
            + features
                .iter()
                .zip(model::LINK_WEIGHTS.iter())
                .map(|(f, w)| f * w)
                .sum::<f64>();
        1.0 / (1.0 + (-(model::LINK_SCALE * z + model::LINK_SHIFT)).exp())
    }

    /// Score and relation of a pair. A pair that the same-claim model takes for one claim
    /// but that disagrees on a number is `Differing`.
    pub fn judge(&self, a: &Profile, b: &Profile) -> Judgement {
        let features = self.features(a, b);
        let relation = if is_same_claim(&features) {
            if features[NUMBER_CONFLICT] > 0.0 {
                Relation::Differing
            } else {
                Relation::Same
            }
        } else {
            // Would it be the same claim if the numbers agreed?
            let mut agreeing = features;
            agreeing[NUMBER_CONFLICT] = 0.0;
            if features[NUMBER_CONFLICT] > 0.0 && is_same_claim(&agreeing) {
                Relation::Differing
            } else {
                Relation::Unrelated
            }
        };
        Judgement {
            score: score(&features),
            relation,
        }
    }

    /// Judges two texts.
    pub fn judge_texts(&self, a: &str, b: &str) -> Judgement {
        self.judge(&self.profile(a), &self.profile(b))
    }
}

/// Whether the same-claim model takes a pair with these features for one claim. Its
/// log-odds are those of its trees plus those of its linear part: a blend that generalises
/// better than either alone (the trees are sharp where pairs are many, the linear part
/// is smooth where they are few).
fn is_same_claim(features: &[f64; FEATURE_COUNT]) -> bool {
    model::SAME.logit(features) + model::SAME_LINEAR.logit(features) >= model::SAME_LOGIT_THRESHOLD
}

/// The score of a pair with these features: the score model's log-odds (trees plus linear
/// part), rescaled (monotone) so it reads as a similarity (calibrated on STS-B train).
fn score(features: &[f64; FEATURE_COUNT]) -> f64 {
    let z = model::SCORE.logit(features) + model::SCORE_LINEAR.logit(features);
    1.0 / (1.0 + (-(model::SCORE_SCALE * z + model::SCORE_SHIFT)).exp())
}

fn ratio(numerator: f64, denominator: f64) -> f64 {
    if denominator > 0.0 {
        (numerator / denominator).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// Number of ids two sorted, distinct sequences share.
fn common_count(a: impl Iterator<Item = u64>, b: impl Iterator<Item = u64>) -> usize {
    let mut b = b.peekable();
    let mut count = 0;
    for x in a {
        while b.next_if(|&y| y < x).is_some() {}
        if b.next_if_eq(&x).is_some() {
            count += 1;
        }
    }
    count
}

/// How much of one side's content the other side has.
struct SideOverlap {
    /// IDF mass of the stems the other side has, exactly or as a close spelling
    /// ("Zelensky" ~ "Zelenskyy", counted at 0.8).
    shared_mass: f64,
    /// Content stems the other side lacks.
    unmatched: usize,
}

fn side_overlap(x: &Profile, y: &Profile) -> SideOverlap {
    let mut shared_mass = 0.0;
    let mut unmatched = 0;
    let mut j = 0;
    for stem in &x.stems {
        while j < y.stems.len() && y.stems[j].id < stem.id {
            j += 1;
        }
        if y.stems.get(j).is_some_and(|other| other.id == stem.id) {
            shared_mass += stem.idf;
        } else if stem.text.len() >= 4
            && y.stems
                .iter()
                .any(|other| related_stems(&stem.text, &other.text))
        {
            shared_mass += 0.8 * stem.idf;
        } else {
            unmatched += 1;
        }
    }
    SideOverlap {
        shared_mass,
        unmatched,
    }
}

/// Stems of one word family or spelling: "russia" ~ "russian", "zelenski" ~ "zelenskyy".
fn related_stems(a: &str, b: &str) -> bool {
    // Both tests below need the same first letter; checking it first keeps this cheap.
    if a.as_bytes().first() != b.as_bytes().first() {
        return false;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() >= 4 && long.starts_with(short) && long.len() - short.len() <= 3 {
        return true;
    }
    // Cheap gates first: Jaro-Winkler dominated the whole analysis when run on every pair
    // of stems. Spellings of one word share their first letter and differ little in length.
    short.len() >= 5 && long.len() - short.len() <= 3 && strsim::jaro_winkler(a, b) >= 0.93
}

/// Word-order measures of two stem sequences.
#[derive(Debug, PartialEq)]
struct Alignment {
    /// Longest common subsequence.
    lcs: usize,
    /// Word edits (insert, delete, substitute) turning one into the other.
    edits: usize,
    /// Longest run of words both have in a row.
    longest_run: usize,
}

/// Length of the longest common subsequence (the first [`Alignment`] measure alone).
fn lcs_length(a: &[u64], b: &[u64]) -> usize {
    let a = &a[..a.len().min(200)];
    let b = &b[..b.len().min(200)];
    let mut row = vec![0u16; b.len() + 1];
    for x in a {
        let mut diagonal = 0u16;
        for (j, y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    usize::from(row[b.len()])
}

/// One dynamic-programming pass for LCS, edit distance and longest common run.
fn align_sequences(a: &[u64], b: &[u64]) -> Alignment {
    // Long inputs: cap the work; claims are sentences.
    let a = &a[..a.len().min(200)];
    let b = &b[..b.len().min(200)];
    let width = b.len() + 1;
    let mut lcs = vec![0u16; width];
    let mut run = vec![0u16; width];
    let mut edits: Vec<u16> = (0..width as u16).collect();
    let mut longest_run = 0u16;
    for (i, x) in a.iter().enumerate() {
        let (mut lcs_diagonal, mut run_diagonal, mut edit_diagonal) = (0u16, 0u16, edits[0]);
        edits[0] = i as u16 + 1;
        for (j, y) in b.iter().enumerate() {
            let (lcs_above, run_above, edit_above) = (lcs[j + 1], run[j + 1], edits[j + 1]);
            if x == y {
                lcs[j + 1] = lcs_diagonal + 1;
                run[j + 1] = run_diagonal + 1;
                longest_run = longest_run.max(run[j + 1]);
                edits[j + 1] = edit_diagonal;
            } else {
                lcs[j + 1] = lcs_above.max(lcs[j]);
                run[j + 1] = 0;
                edits[j + 1] = 1 + edit_diagonal.min(edit_above).min(edits[j]);
            }
            (lcs_diagonal, run_diagonal, edit_diagonal) = (lcs_above, run_above, edit_above);
        }
    }
    Alignment {
        lcs: usize::from(lcs[b.len()]),
        edits: usize::from(edits[b.len()]),
        longest_run: usize::from(longest_run),
    }
}

/// (share of quantities with an agreeing counterpart, whether some quantity conflicts,
/// quantities without an agreeing counterpart): a conflict is a quantity of a dimension both
/// sides give where no value agrees.
fn number_agreement(a: &[Quantity], b: &[Quantity]) -> (f64, f64, usize) {
    if a.is_empty() && b.is_empty() {
        return (1.0, 0.0, 0);
    }
    let matched = |x: &Quantity, ys: &[Quantity]| ys.iter().any(|y| same_value(x, y));
    let agreeing =
        a.iter().filter(|x| matched(x, b)).count() + b.iter().filter(|y| matched(y, a)).count();
    let total = a.len() + b.len();
    let number_match = agreeing as f64 / total as f64;
    let conflict = a
        .iter()
        .any(|x| !matched(x, b) && b.iter().any(|y| x.same_dimension(y) && !matched(y, a)));
    (
        number_match,
        f64::from(u8::from(conflict)),
        total - agreeing,
    )
}

/// Same value, allowing a unit to be left out on one side ("50,000" ~ "50,000 troops").
fn same_value(x: &Quantity, y: &Quantity) -> bool {
    x.is_year == y.is_year
        && (x.unit == y.unit || x.unit.is_none() || y.unit.is_none())
        && x.agrees_with(y)
}

/// Whether some quantity conflicts (as in [`number_agreement`]) even when a value written
/// with fewer digits may be a rounding of the other ("1.2 percent" ~ "1.23 percent",
/// "$1.2 billion" ~ "$1.23 billion", "12 percent" ~ "12.4 percent"; not "40" ~ "43").
fn conflicts_beyond_rounding(a: &Profile, b: &Profile) -> bool {
    let agrees = |x: &Quantity, from: &Profile, ys: &[Quantity], other: &Profile| {
        ys.iter().any(|y| {
            same_value(x, y) || rounds_to(x, from, y, other) || rounds_to(y, other, x, from)
        })
    };
    a.quantities.iter().any(|x| {
        !agrees(x, a, &b.quantities, b)
            && b.quantities
                .iter()
                .any(|y| x.same_dimension(y) && !agrees(y, b, &a.quantities, a))
    })
}

/// Whether `rounded` (of `rounded_in`) is `exact` (of `exact_in`) rounded to the digits
/// `rounded` is written with: within half a unit of its last written digit, and written
/// with fewer decimals than `exact`.
fn rounds_to(
    rounded: &Quantity,
    rounded_in: &Profile,
    exact: &Quantity,
    exact_in: &Profile,
) -> bool {
    if rounded.is_year != exact.is_year || rounded.unit != exact.unit {
        return false;
    }
    let (Some((written, decimals)), Some((_, exact_decimals))) = (
        written_number(rounded, rounded_in),
        written_number(exact, exact_in),
    ) else {
        return false;
    };
    if decimals >= exact_decimals || written == 0.0 {
        return false;
    }
    // "$1.2 billion": the value is 1.2e9, written 1.2; the magnitude scales the half unit.
    let magnitude = rounded.value / written;
    let half_unit = 0.5 * 10f64.powi(-(decimals as i32)) * magnitude.abs();
    (rounded.value - exact.value).abs() <= half_unit * (1.0 + 1e-9)
}

/// The first number word of a quantity as written ("1.23" of "$1.23 billion") and how many
/// decimals it has.
fn written_number(quantity: &Quantity, profile: &Profile) -> Option<(f64, usize)> {
    let word = profile
        .words
        .iter()
        .find(|w| w.is_number && w.start >= quantity.start && w.end <= quantity.end)?;
    let digits = word.norm.trim_end_matches(|c: char| !c.is_ascii_digit());
    let value: f64 = digits.parse().ok()?;
    let decimals = digits
        .split_once('.')
        .map_or(0, |(_, fraction)| fraction.len());
    Some((value, decimals))
}

/// (share of the names on either side that the other side lacks, how many): a name is
/// there when the other side has it as a word or as a close spelling.
fn name_mismatch(a: &Profile, b: &Profile) -> (f64, usize) {
    let total = a.names.len() + b.names.len();
    if total == 0 {
        return (0.0, 0);
    }
    let missing_from = |names: &[(u64, String)], other: &Profile| {
        names
            .iter()
            .filter(|(id, name)| {
                other.norms.binary_search(id).is_err()
                    && !other.names.iter().any(|(_, n)| close_spelling(n, name))
            })
            .count()
    };
    let missing = missing_from(&a.names, b) + missing_from(&b.names, a);
    (missing as f64 / total as f64, missing)
}

/// Two spellings of one name ("Zelensky" ~ "Zelenskyy"): same first letter, lengths within
/// three, Jaro-Winkler at least 0.93.
fn close_spelling(a: &str, b: &str) -> bool {
    a.as_bytes().first() == b.as_bytes().first()
        && a.len().abs_diff(b.len()) <= 3
        && strsim::jaro_winkler(a, b) >= 0.93
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_claims_are_the_same() {
        let j = judge(
            "President Biden authorized the use of long-range missiles.",
            "President Biden authorized the use of long-range missiles.",
        );
        assert_eq!(j.relation, Relation::Same);
        assert!(j.score > 0.8);
    }

    #[test]
    fn paraphrase_scores_above_unrelated() {
        let a = "The company said profits rose 5 percent in the third quarter.";
        let b = "Profits at the firm increased 5 percent in the third quarter, it said.";
        let c = "Heavy rain flooded several roads in the north of the country.";
        assert!(judge(a, b).score > judge(a, c).score);
        assert_eq!(judge(a, c).relation, Relation::Unrelated);
    }

    #[test]
    fn number_conflict_makes_a_difference() {
        let a = "The government sent $175 billion in aid to the region last year.";
        let b = "The government sent $56 billion in aid to the region last year.";
        assert_eq!(judge(a, b).relation, Relation::Differing);
    }

    #[test]
    fn idf_weighs_rare_stems_more() {
        let mut texts = vec!["the war goes on"; 30];
        texts.push("satellites fly far");
        let matcher = Matcher::new(texts);
        assert!(matcher.idf("satellit") > matcher.idf("war"));
        assert!(matcher.idf("unseen") >= matcher.idf("satellit"));
    }

    #[test]
    fn features_are_bounded_and_symmetric() {
        let matcher = Matcher::default();
        let a = matcher.profile("Zelensky did not get 30 missiles on Friday.");
        let b = matcher.profile("Zelenskyy got 30 missiles from the U.S. on Friday.");
        let ab = matcher.features(&a, &b);
        let ba = matcher.features(&b, &a);
        for (x, y) in ab.iter().zip(ba.iter()) {
            assert!((x - y).abs() < 1e-9);
        }
        assert_eq!(ab[10], 1.0, "negation mismatch");
        assert_eq!(ab[7], 1.0, "numbers agree");
    }

    #[test]
    fn alignment_counts_lcs_edits_and_runs() {
        let a = [1, 2, 3, 4, 5];
        let b = [1, 2, 9, 4, 5, 6];
        let found = align_sequences(&a, &b);
        assert_eq!(
            found,
            Alignment {
                lcs: 4,
                edits: 2,
                longest_run: 2
            }
        );
        let empty = align_sequences(&[], &b);
        assert_eq!((empty.lcs, empty.edits, empty.longest_run), (0, 6, 0));
    }

    #[test]
    fn lcs_length_agrees_with_the_full_alignment() {
        let a = [4, 1, 2, 3, 4, 5, 1];
        let b = [1, 2, 9, 4, 5, 6, 4];
        assert_eq!(lcs_length(&a, &b), align_sequences(&a, &b).lcs);
    }

    #[test]
    fn the_link_features_are_the_first_of_all_features() {
        let matcher = Matcher::default();
        let a = matcher.profile("Rain flooded the main road through the valley on Monday.");
        let b = matcher.profile("The main road through the valley was flooded by rain.");
        let all = matcher.measure(&a, &b, true);
        let link = matcher.measure(&a, &b, false);
        assert_eq!(all[..LINK_FEATURES], link[..LINK_FEATURES]);
        assert!(all[LINK_FEATURES..].iter().any(|f| *f != 0.0));
    }

    #[test]
    fn common_count_merges_sorted_ids() {
        assert_eq!(
            common_count([1, 3, 5, 7].into_iter(), [2, 3, 7, 8].into_iter()),
            2
        );
        assert_eq!(common_count([1, 2].into_iter(), std::iter::empty()), 0);
    }

    #[test]
    fn ngram_and_character_precision_see_word_order() {
        let matcher = Matcher::default();
        let a = matcher.profile("the dog bit the man in the park");
        let same_order = matcher.profile("the dog bit the man in the garden");
        let swapped = matcher.profile("the man bit the dog in the park");
        let index = |name: &str| FEATURE_NAMES.iter().position(|n| *n == name).unwrap();
        let f_same = matcher.features(&a, &same_order);
        let f_swapped = matcher.features(&a, &swapped);
        // Swapped words: every unigram is shared, but fewer longer n-grams are.
        assert_eq!(f_swapped[index("ngram1_precision_min")], 1.0);
        assert!(f_same[index("ngram4_precision_min")] > f_swapped[index("ngram4_precision_min")]);
        assert!(f_swapped[index("edit_rate")] > 0.0);
        assert!(f_same[index("longest_run")] > f_swapped[index("longest_run")]);
        assert!(f_same[index("char4_precision_max")] < 1.0);
    }

    #[test]
    fn missing_names_and_numbers_are_counted() {
        let matcher = Matcher::default();
        let a = matcher.profile("Officials in Kyiv said 30 drones hit the city of Lviv.");
        let b = matcher.profile("Officials said 30 drones hit the city.");
        let f = matcher.features(&a, &b);
        let index = |name: &str| FEATURE_NAMES.iter().position(|n| *n == name).unwrap();
        assert_eq!(f[index("names_missing")], 2.0);
        assert_eq!(f[index("quantities_unmatched")], 0.0);
        assert_eq!(f[index("unmatched_stems_max")], 2.0);
        assert_eq!(f[index("unmatched_stems_min")], 0.0);
    }

    #[test]
    fn the_model_tables_are_well_formed() {
        assert_eq!(model::LINK_WEIGHTS.len(), LINK_FEATURES);
        for forest in [&model::SAME, &model::SCORE] {
            assert!(!forest.roots.is_empty());
            for &root in forest.roots {
                assert!(usize::from(root) < forest.nodes.len());
            }
            for (index, node) in forest.nodes.iter().enumerate() {
                if node.feature != Node::LEAF {
                    assert!(usize::from(node.feature) < FEATURE_COUNT);
                    // Children come after their parent: no tree can loop.
                    assert!(
                        usize::from(node.left) > index
                            && usize::from(node.left) < forest.nodes.len()
                    );
                    assert!(
                        usize::from(node.right) > index
                            && usize::from(node.right) < forest.nodes.len()
                    );
                }
            }
        }
    }

    #[test]
    fn a_rounded_value_does_not_conflict_with_the_exact_one() {
        let matcher = Matcher::default();
        let index = |name: &str| FEATURE_NAMES.iter().position(|n| *n == name).unwrap();
        let exact = matcher.profile("The index slipped 1.23 percent to close at 981.");
        let rounded = matcher.profile("The index slipped 1.2 percent to close at 981.");
        let other = matcher.profile("The index slipped 1.5 percent to close at 981.");
        let f = matcher.features(&exact, &rounded);
        assert_eq!(f[index("number_conflict")], 1.0, "1% tolerance alone");
        assert_eq!(f[index("number_conflict_beyond_rounding")], 0.0);
        let f = matcher.features(&exact, &other);
        assert_eq!(f[index("number_conflict_beyond_rounding")], 1.0);
        // Whole numbers written alike are not roundings of each other.
        let forty = matcher.profile("Shares remain 40 percent below their peak.");
        let forty_three = matcher.profile("Shares remain 43 percent below their peak.");
        let f = matcher.features(&forty, &forty_three);
        assert_eq!(f[index("number_conflict_beyond_rounding")], 1.0);
        // Magnitudes scale the rounding: $1.2 billion may be $1.23 billion, not $1.3 billion.
        let billions = |text| matcher.profile(text);
        let f = matcher.features(
            &billions("The deal is worth $1.23 billion, the firm said."),
            &billions("The deal is worth $1.2 billion, the firm said."),
        );
        assert_eq!(f[index("number_conflict_beyond_rounding")], 0.0);
        let f = matcher.features(
            &billions("The deal is worth $1.34 billion, the firm said."),
            &billions("The deal is worth $1.2 billion, the firm said."),
        );
        assert_eq!(f[index("number_conflict_beyond_rounding")], 1.0);
        assert_eq!(
            matcher.judge(&exact, &rounded).relation,
            Relation::Same,
            "a rounding is no difference"
        );
    }

    #[test]
    fn a_linear_model_weighs_the_features() {
        let mut weights = [0.0; FEATURE_COUNT];
        weights[0] = 2.0;
        weights[FEATURE_COUNT - 1] = -1.0;
        let linear = Linear { weights, bias: 0.5 };
        let mut features = [1.0; FEATURE_COUNT];
        assert_eq!(linear.logit(&features), 0.5 + 2.0 - 1.0);
        features[0] = 0.0;
        assert_eq!(linear.logit(&features), 0.5 - 1.0);
    }

    #[test]
    fn a_forest_sums_one_leaf_per_tree() {
        static NODES: [Node; 4] = [
            Node::split(0, 0.5, 1, 2),
            Node::leaf(-1.0),
            Node::leaf(2.0),
            Node::leaf(0.25),
        ];
        let forest = Forest {
            base: 0.5,
            roots: &[0, 3],
            nodes: &NODES,
        };
        let mut features = [0.0; FEATURE_COUNT];
        assert_eq!(forest.logit(&features), 0.5 - 1.0 + 0.25);
        features[0] = 0.9;
        assert_eq!(forest.logit(&features), 0.5 + 2.0 + 0.25);
    }

    #[test]
    fn the_relation_and_the_score_agree_on_clear_cases() {
        let matcher = Matcher::default();
        let a = matcher.profile("Heavy rain flooded the main road through the valley on Monday.");
        let same =
            matcher.profile("On Monday heavy rain flooded the main road through the valley.");
        let other = matcher.profile("The central bank kept its interest rate unchanged.");
        let close = matcher.judge(&a, &same);
        let far = matcher.judge(&a, &other);
        assert_eq!(close.relation, Relation::Same);
        assert_eq!(far.relation, Relation::Unrelated);
        assert!(close.score > 0.7 && far.score < 0.3, "{close:?} {far:?}");
    }
}
