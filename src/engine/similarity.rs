//! How alike two claims are: the pair matcher behind claim groups and `parallax pairs`.
//!
//! A [`Matcher`] holds document frequencies of word stems over the texts at hand (all claims
//! of a corpus, or all sentences of a pairs file), so rare shared words weigh more than
//! common ones. [`Matcher::features`] measures a pair in a dozen ways (IDF-weighted overlap,
//! bigrams, numbers, names, length, negation, word order), and a logistic regression over
//! those features gives the score. Its weights were fitted on MSRP train by
//! `scripts/train_matcher.py` (see docs/accuracy.md); they are plain constants below.

use super::numbers::{self, Quantity};
use super::text::{self, Word};
use rustc_hash::{FxHashMap, FxHashSet};

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
    /// Similarity, 0 (nothing in common) to 1 (same claim).
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

/// A claim prepared for matching: its words, content stems, bigrams, numbers and names.
#[derive(Clone, Debug, Default)]
pub struct Profile {
    pub words: Vec<Word>,
    /// Distinct content stems with their IDF weight.
    pub stems: FxHashMap<String, f64>,
    /// Distinct pairs of neighbouring content stems.
    pub bigrams: FxHashSet<(String, String)>,
    pub quantities: Vec<Quantity>,
    /// Capitalised words that are not sentence-initial and not stop words (name parts).
    pub names: FxHashSet<String>,
    pub negations: usize,
    /// Sum of the IDF weights of `stems`.
    pub mass: f64,
}

/// Number of features [`Matcher::features`] returns.
pub const FEATURE_COUNT: usize = 12;

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
];

/// Logistic-regression weights over [`FEATURE_NAMES`], then the bias. Fitted by
/// `scripts/train_matcher.py` on MSRP train (paraphrase or not) plus STS-B train (similarity
/// / 5 as a soft label), so the score both separates paraphrases and ranks partial overlap.
const WEIGHTS: [f64; FEATURE_COUNT] = [
    4.798, 0.003542, 0.8923, -1.64, 1.834, -0.4699, 0.08794, 0.168, -0.485, 0.05616, -0.91, 0.01408,
];
const BIAS: f64 = -3.214;
/// The score is `sigmoid(SCORE_SCALE * logit + SCORE_SHIFT)`: monotone in the regression's
/// logit, calibrated on STS-B train so it reads as a similarity.
const SCORE_SCALE: f64 = 0.55;
const SCORE_SHIFT: f64 = 0.0795;
/// Score at or above which a pair states the same thing.
pub const SAME_THRESHOLD: f64 = 0.5622;

/// Pair scorer with document frequencies of stems over a set of texts.
#[derive(Clone, Debug, Default)]
pub struct Matcher {
    document_frequency: FxHashMap<String, u32>,
    documents: u32,
}

impl Matcher {
    /// Builds the stem statistics over `texts` (each text counts once per stem).
    pub fn new<'a>(texts: impl IntoIterator<Item = &'a str>) -> Self {
        let mut document_frequency: FxHashMap<String, u32> = FxHashMap::default();
        let mut documents = 0u32;
        for text in texts {
            documents = documents.saturating_add(1);
            let stems: FxHashSet<String> = text::content_stems(text).into_iter().collect();
            for stem in stems {
                *document_frequency.entry(stem).or_default() += 1;
            }
        }
        Self {
            document_frequency,
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
        if self.documents < 20 {
            return 1.0;
        }
        let n = f64::from(self.documents);
        let df = f64::from(self.document_frequency(stem));
        let idf = ((n + 1.0) / (df + 1.0)).ln() / (n + 1.0).ln();
        0.1 + 0.9 * idf.clamp(0.0, 1.0)
    }

    /// Prepares a text for matching.
    pub fn profile(&self, text: &str) -> Profile {
        let words = text::words(text);
        let mut stems = FxHashMap::default();
        let mut bigrams = FxHashSet::default();
        let mut names = FxHashSet::default();
        let mut previous: Option<&str> = None;
        let mut negations = 0;
        for (index, word) in words.iter().enumerate() {
            negations += usize::from(word.is_negation);
            if word.is_stop {
                continue;
            }
            stems
                .entry(word.stem.clone())
                .or_insert_with(|| self.idf(&word.stem));
            if let Some(prev) = previous {
                bigrams.insert((prev.to_owned(), word.stem.clone()));
            }
            previous = Some(&word.stem);
            if word.is_capitalised && index > 0 && !word.is_number {
                names.insert(word.norm.clone());
            }
        }
        let mass = stems.values().sum();
        Profile {
            quantities: numbers::quantities(text),
            words,
            stems,
            bigrams,
            names,
            negations,
            mass,
        }
    }

    /// The features of a pair, in [`FEATURE_NAMES`] order; each is in 0..=1 or a count-like
    /// value of similar scale.
    pub fn features(&self, a: &Profile, b: &Profile) -> [f64; FEATURE_COUNT] {
        let (shared_a, shared_b) = shared_mass(a, b);
        let shared = (shared_a + shared_b) / 2.0;
        let idf_dice = ratio(2.0 * shared, a.mass + b.mass);
        let idf_min_containment = ratio(shared, a.mass.min(b.mass));
        let common_stems = a.stems.keys().filter(|s| b.stems.contains_key(*s)).count();
        let stem_dice = ratio(
            2.0 * common_stems as f64,
            (a.stems.len() + b.stems.len()) as f64,
        );
        let common_bigrams = a.bigrams.intersection(&b.bigrams).count();
        let bigram_dice = ratio(
            2.0 * common_bigrams as f64,
            (a.bigrams.len() + b.bigrams.len()) as f64,
        );
        let word_lcs = lcs_ratio(&a.words, &b.words);
        let all_a: FxHashSet<&str> = a.words.iter().map(|w| w.stem.as_str()).collect();
        let all_b: FxHashSet<&str> = b.words.iter().map(|w| w.stem.as_str()).collect();
        let all_word_dice = ratio(
            2.0 * all_a.intersection(&all_b).count() as f64,
            (all_a.len() + all_b.len()) as f64,
        );
        let length_ratio = ratio(
            a.stems.len().min(b.stems.len()) as f64,
            a.stems.len().max(b.stems.len()) as f64,
        );
        let (number_match, number_conflict) = number_agreement(&a.quantities, &b.quantities);
        let name_mismatch = name_mismatch(a, b);
        let negation_mismatch = f64::from(u8::from((a.negations > 0) != (b.negations > 0)));
        let unmatched_idf_max = (a.mass - shared_a).max(b.mass - shared_b);
        [
            idf_dice,
            idf_min_containment,
            stem_dice,
            bigram_dice,
            word_lcs,
            all_word_dice,
            length_ratio,
            number_match,
            number_conflict,
            name_mismatch,
            negation_mismatch,
            unmatched_idf_max,
        ]
    }

    /// The probability that `a` and `b` state the same thing.
    pub fn score(&self, a: &Profile, b: &Profile) -> f64 {
        let features = self.features(a, b);
        logistic(&features)
    }

    /// Score and relation of a pair. A pair that scores as the same claim but disagrees on a
    /// number is `Differing`.
    pub fn judge(&self, a: &Profile, b: &Profile) -> Judgement {
        let features = self.features(a, b);
        let score = logistic(&features);
        let relation = if score >= SAME_THRESHOLD {
            if features[8] > 0.0 {
                Relation::Differing
            } else {
                Relation::Same
            }
        } else {
            // Would it be the same claim if the numbers agreed?
            let mut agreeing = features;
            agreeing[8] = 0.0;
            if features[8] > 0.0 && logistic(&agreeing) >= SAME_THRESHOLD {
                Relation::Differing
            } else {
                Relation::Unrelated
            }
        };
        Judgement { score, relation }
    }

    /// Judges two texts.
    pub fn judge_texts(&self, a: &str, b: &str) -> Judgement {
        self.judge(&self.profile(a), &self.profile(b))
    }
}

fn logistic(features: &[f64; FEATURE_COUNT]) -> f64 {
    let z: f64 = BIAS
        + features
            .iter()
            .zip(WEIGHTS.iter())
            .map(|(f, w)| f * w)
            .sum::<f64>();
    1.0 / (1.0 + (-(SCORE_SCALE * z + SCORE_SHIFT)).exp())
}

fn ratio(numerator: f64, denominator: f64) -> f64 {
    if denominator > 0.0 {
        (numerator / denominator).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// IDF mass of each side's stems that the other side has, exactly or as a close spelling
/// ("Zelensky" ~ "Zelenskyy").
fn shared_mass(a: &Profile, b: &Profile) -> (f64, f64) {
    let side = |x: &Profile, y: &Profile| -> f64 {
        x.stems
            .iter()
            .map(|(stem, weight)| {
                if y.stems.contains_key(stem) {
                    *weight
                } else if stem.len() >= 4 && y.stems.keys().any(|other| related_stems(stem, other))
                {
                    0.8 * weight
                } else {
                    0.0
                }
            })
            .sum()
    };
    (side(a, b), side(b, a))
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

/// Longest common subsequence of the two word sequences (by stem), over the longer length.
fn lcs_ratio(a: &[Word], b: &[Word]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    // Long inputs: cap the work; claims are sentences.
    let a = &a[..a.len().min(200)];
    let b = &b[..b.len().min(200)];
    let mut row = vec![0u16; b.len() + 1];
    for x in a {
        let mut diagonal = 0u16;
        for (j, y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x.stem == y.stem {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    f64::from(row[b.len()]) / a.len().max(b.len()) as f64
}

/// (share of quantities with an agreeing counterpart, whether some quantity conflicts): a
/// conflict is a quantity of a dimension both sides give where no value agrees.
fn number_agreement(a: &[Quantity], b: &[Quantity]) -> (f64, f64) {
    if a.is_empty() && b.is_empty() {
        return (1.0, 0.0);
    }
    let matched = |x: &Quantity, ys: &[Quantity]| ys.iter().any(|y| same_value(x, y));
    let agreeing =
        a.iter().filter(|x| matched(x, b)).count() + b.iter().filter(|y| matched(y, a)).count();
    let number_match = agreeing as f64 / (a.len() + b.len()) as f64;
    let conflict = a
        .iter()
        .any(|x| !matched(x, b) && b.iter().any(|y| x.same_dimension(y) && !matched(y, a)));
    (number_match, f64::from(u8::from(conflict)))
}

/// Same value, allowing a unit to be left out on one side ("50,000" ~ "50,000 troops").
fn same_value(x: &Quantity, y: &Quantity) -> bool {
    x.is_year == y.is_year
        && (x.unit == y.unit || x.unit.is_none() || y.unit.is_none())
        && x.agrees_with(y)
}

/// Share of the names on either side that the other side lacks (no close spelling either).
fn name_mismatch(a: &Profile, b: &Profile) -> f64 {
    let total = a.names.len() + b.names.len();
    if total == 0 {
        return 0.0;
    }
    let has = |names: &FxHashSet<String>, name: &str, words: &[Word]| {
        names.contains(name)
            || words.iter().any(|w| w.norm == name)
            || names.iter().any(|n| strsim::jaro_winkler(n, name) >= 0.93)
    };
    let missing = a
        .names
        .iter()
        .filter(|n| !has(&b.names, n, &b.words))
        .count()
        + b.names
            .iter()
            .filter(|n| !has(&a.names, n, &a.words))
            .count();
    missing as f64 / total as f64
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
}
