//! A person's gender as the text shows it: an honorific or a title in a mention (`Mr.`,
//! `Ms.`, `congresswoman`), a pronoun, or a first name that news articles have marked one
//! way (`first_name_genders.tsv`, learned from how articles pair first names with honorifics
//! by `scripts/learn_name_genders.py`). Used only to tell apart the people a pronoun or a
//! bare surname could mean, and to tell a first name from a descriptor before it
//! ("Republican Amy Silva"); never shown.

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// `name<TAB>m|f<TAB>votes`, lower case.
const FIRST_NAMES_TSV: &str = include_str!("first_name_genders.tsv");

static FIRST_NAMES: LazyLock<FxHashMap<&'static str, Gender>> = LazyLock::new(|| {
    FIRST_NAMES_TSV
        .lines()
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let name = fields.next()?;
            let gender = match fields.next()? {
                "m" => Gender::Male,
                "f" => Gender::Female,
                _ => return None,
            };
            Some((name, gender))
        })
        .collect()
});

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

/// The gender a mention's own words state: an honorific or a title ending in "-woman".
pub fn stated(mention: &str) -> Option<Gender> {
    mention.split_whitespace().find_map(|w| {
        let w = w.trim_end_matches('.').to_lowercase();
        match w.as_str() {
            "mr" | "sir" | "messrs" => Some(Gender::Male),
            "mrs" | "ms" | "miss" | "dame" => Some(Gender::Female),
            _ if w.len() > 5 && w.ends_with("woman") => Some(Gender::Female),
            _ => None,
        }
    })
}

/// The gender of a personal pronoun (lower case).
pub fn of_pronoun(word_lower: &str) -> Option<Gender> {
    match word_lower {
        "he" | "him" | "his" => Some(Gender::Male),
        "she" | "her" | "hers" => Some(Gender::Female),
        _ => None,
    }
}

/// The gender the learned table gives a first name, when it has one.
pub fn of_first_name(name: &str) -> Option<Gender> {
    of_lowercase_first_name(&name.to_lowercase())
}

/// [`of_first_name`] for a name already in lower case (no allocation).
pub fn of_lowercase_first_name(name: &str) -> Option<Gender> {
    FIRST_NAMES.get(name).copied()
}

/// Whether a word (lower case) is probably a first name: one the table knows, or one of the
/// word class most of the table's names fall in (`quotes::word_classes`, learned from how
/// words are used in news: "Zephyr" sits where "Ana" does).
pub fn is_probably_first_name(word_lower: &str) -> bool {
    static FIRST_NAME_CLASS: LazyLock<Option<u16>> = LazyLock::new(|| {
        let mut counts: FxHashMap<u16, usize> = FxHashMap::default();
        for name in FIRST_NAMES.keys() {
            if let Some(classes) = crate::engine::quotes::word_classes(name) {
                *counts.entry(classes[0]).or_default() += 1;
            }
        }
        // The most common class, the smaller number on a tie (deterministic).
        counts
            .into_iter()
            .max_by_key(|&(class, n)| (n, std::cmp::Reverse(class)))
            .map(|(class, _)| class)
    });
    FIRST_NAMES.contains_key(word_lower)
        || crate::engine::quotes::word_classes(word_lower)
            .is_some_and(|classes| Some(classes[0]) == *FIRST_NAME_CLASS)
}

/// The gender of a person's name as written: stated in it, else its first name's (the first
/// capitalised word before the surname that the table knows).
pub fn of_name(mention: &str) -> Option<Gender> {
    stated(mention).or_else(|| {
        let words: Vec<&str> = mention.split_whitespace().collect();
        let (_, before_surname) = words.split_last()?;
        before_surname
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .find_map(|w| of_first_name(w.trim_end_matches(['.', ','])))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn honorifics_titles_pronouns_and_first_names() {
        assert_eq!(stated("Mr. Okafor"), Some(Gender::Male));
        assert_eq!(stated("Congresswoman Ana Silva"), Some(Gender::Female));
        assert_eq!(stated("Senator Ana Silva"), None);
        assert_eq!(of_pronoun("she"), Some(Gender::Female));
        assert_eq!(of_name("President John Okafor"), Some(Gender::Male));
        assert_eq!(of_name("Sarah Okafor"), Some(Gender::Female));
        assert_eq!(of_name("Okafor"), None);
        assert_eq!(of_name("the Okafor Foundation"), None);
        assert!(is_probably_first_name("sarah") && is_probably_first_name("amy"));
        assert!(!is_probably_first_name("national") && !is_probably_first_name("said"));
    }
}
