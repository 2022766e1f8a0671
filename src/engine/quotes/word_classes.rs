//! Word classes learned from unannotated news text, as features for the taggers.
//!
//! The taggers see a word's form, suffix and shape and a few hand classes; a word the
//! annotated training text has few examples of tells them little. Words found between the
//! same neighbours tend to play the same part in a sentence (verbs of saying, titles, time
//! words), so `scripts/word_classes.py` clusters the words of about 1.3 million tokens of
//! news by their neighbours, at three granularities. The table (`word_classes.tsv`) holds
//! only word forms and class numbers: `word<TAB>k1<TAB>k2<TAB>k3`, lowercased.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

const TABLE_TSV: &str = include_str!("word_classes.tsv");

/// A word's class at each granularity, coarsest first.
pub type Classes = [u16; 3];

static TABLE: LazyLock<FxHashMap<&'static str, Classes>> = LazyLock::new(|| {
    TABLE_TSV
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut fields = l.split('\t');
            let word = fields.next()?;
            let mut classes = [0; 3];
            for class in &mut classes {
                *class = fields.next()?.parse().ok()?;
            }
            Some((word, classes))
        })
        .collect()
});

/// Reads the table now rather than at its first use.
pub fn load() {
    LazyLock::force(&TABLE);
}

/// The classes of a lowercased word, if the table has it.
pub fn classes(word: &str) -> Option<Classes> {
    TABLE.get(word).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_parses_and_groups_reporting_verbs() {
        assert!(TABLE.len() > 5_000, "{} words", TABLE.len());
        // Levels nest: a middle class lies inside one coarse class.
        let mut coarse_of_middle = FxHashMap::default();
        for c in TABLE.values() {
            assert_eq!(*coarse_of_middle.entry(c[1]).or_insert(c[0]), c[0]);
        }
        assert_eq!(
            TABLE_TSV.lines().filter(|l| !l.starts_with('#')).count(),
            TABLE.len()
        );
        // Verbs of saying share their middle class (one of 160) far more often than chance.
        let said = classes("said").expect("said is in the table");
        let verbs = ["added", "argued", "claimed", "acknowledged", "admitted"];
        let same = verbs
            .iter()
            .filter(|w| classes(w).is_some_and(|c| c[1] == said[1]))
            .count();
        assert!(same >= 3, "{same} of {} share said's class", verbs.len());
        assert_eq!(classes("zzzz-not-a-word"), None);
    }
}
