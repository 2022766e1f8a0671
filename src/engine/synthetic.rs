//! Synthetic corpora for benchmarks and scale tests: many stories, each covered by a
//! handful of outlets that share, reword, contradict and add claims, with quotes.
//!
//! Deterministic: the same `(articles, seed)` gives the same corpus.

use super::corpus::{Corpus, Document};
use super::model::SourceFormat;
use std::fmt::Write as _;

/// A tiny deterministic PRNG (SplitMix64), so corpora do not depend on a crate's algorithm.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const PLACES: &[&str] = &[
    "Ardania", "Belmora", "Castrel", "Dunmere", "Elvaria", "Fenwick", "Galdor", "Harrow", "Istria",
    "Jorvik", "Kestrel", "Lunaria", "Marrow", "Norland", "Oskar", "Pellam",
];
const AGENCIES: &[&str] = &[
    "the health ministry",
    "the central bank",
    "the election commission",
    "the transport agency",
    "the energy regulator",
    "the defense ministry",
    "the city council",
    "the water authority",
];
const ACTIONS: &[(&str, &str)] = &[
    ("approved", "is considering"),
    ("announced", "may announce"),
    ("signed", "is expected to sign"),
    ("rejected", "could reject"),
    ("launched", "plans to launch"),
];
const OBJECTS: &[&str] = &[
    "a new budget for rural hospitals",
    "an emergency loan to regional farmers",
    "a ban on diesel buses in the capital",
    "a plan to rebuild the northern bridge",
    "new limits on foreign investment",
    "a reform of the pension system",
    "a program to expand broadband access",
    "tighter rules for drone flights",
    "a review of the nuclear plant's safety",
    "higher fines for illegal fishing",
];
const UNITS: &[&str] = &[
    "million dollars",
    "billion euros",
    "workers",
    "households",
    "miles",
    "tonnes",
];
const FIRST_NAMES: &[&str] = &[
    "Maria", "Tomas", "Aisha", "Viktor", "Lena", "Oscar", "Priya", "Jonas", "Elena", "Samuel",
];
const LAST_NAMES: &[&str] = &[
    "Kovacs",
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Tanaka",
    "Rahman",
    "Petrov",
    "Alvarez",
    "Novak",
    "Brennan",
];
const ROLES: &[&str] = &[
    "Finance Minister",
    "Mayor",
    "Senator",
    "spokeswoman",
    "Prime Minister",
    "economist",
];
const VERBS: &[&str] = &["said", "told reporters", "warned", "added", "stated"];
const FILLER_SUBJECTS: &[&str] = &[
    "Local residents",
    "Business groups",
    "Opposition lawmakers",
    "Analysts",
    "Union leaders",
    "Environmental groups",
    "Critics",
    "Teachers",
    "Farmers",
    "Shop owners",
];
const FILLER_PREDICATES: &[&str] = &[
    "have long complained about delays in the {place} region",
    "expect the decision to affect prices in {place} next spring",
    "organized a protest outside the parliament of {place} on {day}",
    "questioned whether {place} can pay for the plan without new taxes",
    "pointed to a similar measure that failed in {place} a decade ago",
    "called for a public hearing in {place} before the end of the month",
];
const DAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
const OUTLETS: &[&str] = &[
    "Daily Ledger",
    "Morning Post",
    "Evening Star",
    "Harbor Times",
    "Valley News",
    "Capital Wire",
];

/// A story: the facts that several outlets report, each in its own words.
struct Story {
    place: &'static str,
    agency: &'static str,
    action: (&'static str, &'static str),
    object: &'static str,
    amount: usize,
    unit: &'static str,
    person: String,
    role: &'static str,
    quote: String,
    closing_quote: String,
}

impl Story {
    fn new(rng: &mut Rng) -> Self {
        Self {
            place: rng.pick(PLACES),
            agency: rng.pick(AGENCIES),
            action: ACTIONS[rng.below(ACTIONS.len())],
            object: rng.pick(OBJECTS),
            amount: 5 + rng.below(995),
            unit: rng.pick(UNITS),
            person: format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES)),
            role: rng.pick(ROLES),
            // Quotes belong to one story (its outlets carry them), as in real news: a
            // quote that every article of the corpus carried would make `also_in` grow
            // with the square of the corpus.
            quote: format!(
                "We will not let {} down, and we will finish the work on all {} sites by {}",
                rng.pick(FILLER_SUBJECTS).to_lowercase(),
                10 + rng.below(990),
                rng.pick(DAYS)
            ),
            closing_quote: format!(
                "a turning point for {} after {} months",
                rng.pick(FILLER_SUBJECTS).to_lowercase(),
                2 + rng.below(98)
            ),
        }
    }
}

/// A corpus of `articles` plain-text articles, about `articles / 5` stories.
pub fn corpus(articles: usize, seed: u64) -> Corpus {
    let mut rng = Rng::new(seed);
    let stories: Vec<Story> = (0..articles.div_ceil(5).max(1))
        .map(|_| Story::new(&mut rng))
        .collect();
    let documents = (0..articles)
        .map(|index| {
            let story = &stories[index / 5];
            Document {
                path: format!("synthetic/{index:05}.txt"),
                format: SourceFormat::Text,
                text: article_text(story, index, &mut rng),
            }
        })
        .collect();
    Corpus {
        name: format!("Synthetic ({articles} articles)"),
        documents,
        problems: Vec::new(),
    }
}

fn article_text(story: &Story, index: usize, rng: &mut Rng) -> String {
    let Story {
        place,
        agency,
        action,
        object,
        amount,
        unit,
        person,
        role,
        quote,
        closing_quote,
    } = story;
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{} of {place} {} {object}\n",
        capitalise(agency),
        action.0
    );
    let _ = writeln!(
        text,
        "By {} {}\n",
        rng.pick(FIRST_NAMES),
        rng.pick(LAST_NAMES)
    );
    let _ = writeln!(text, "{}\n", OUTLETS[index % OUTLETS.len()]);
    // Some outlets report the decision as only under consideration: a status difference.
    let verb = if rng.chance(20) { action.1 } else { action.0 };
    let _ = writeln!(
        text,
        "On {}, {agency} of {place} {verb} {object}, officials said.",
        rng.pick(DAYS)
    );
    // Some outlets give another figure: a number difference.
    let reported = if rng.chance(25) {
        amount + 1 + rng.below(50)
    } else {
        *amount
    };
    let _ = write!(
        text,
        "The measure is worth about {reported} {unit}, according to budget documents. "
    );
    let _ = writeln!(text, "It is the largest such step in {place} in years.\n");
    let _ = writeln!(
        text,
        "\"{quote},\" {role} {person} {} on {}.\n",
        rng.pick(VERBS),
        rng.pick(DAYS)
    );
    for _ in 0..(6 + rng.below(8)) {
        let predicate = rng
            .pick(FILLER_PREDICATES)
            .replace("{place}", rng.pick(PLACES))
            .replace("{day}", rng.pick(DAYS));
        let _ = write!(text, "{} {predicate}. ", rng.pick(FILLER_SUBJECTS));
        if rng.chance(30) {
            let _ = write!(
                text,
                "{} {} that the plan would cost {} {} more than promised. ",
                rng.pick(FILLER_SUBJECTS),
                rng.pick(&["said", "warned", "argued"]),
                1 + rng.below(90),
                rng.pick(UNITS)
            );
        }
        if rng.chance(40) {
            text.push_str("\n\n");
        }
    }
    let last = person.rsplit(' ').next().unwrap_or(person);
    let _ = writeln!(
        text,
        "\n\n{last} has pushed for {object} since taking office. He said the vote in {place} was \"{closing_quote}\"."
    );
    text
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpora_are_deterministic_and_sized() {
        let a = corpus(12, 7);
        let b = corpus(12, 7);
        assert_eq!(a, b);
        assert_eq!(a.documents.len(), 12);
        assert_ne!(corpus(12, 8), a);
        assert!(a.documents.iter().all(|d| d.text.len() > 300));
    }
}
