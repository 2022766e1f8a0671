//! Reading a speaker mention: its role or title, its name, and whether it is a person,
//! a group or something else (an outlet, an agency).
//!
//! "Foreign Minister Radoslaw Sikorski" → role "Foreign Minister", person "Radoslaw
//! Sikorski"; "U.S. officials" → group; "The New York Times" → other.

use crate::engine::quotes::{is_group_noun, is_honorific, is_name_particle, is_org_word, titles};
use crate::engine::{gender, text};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::sync::LazyLock;

/// What a mention names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A person: the surname (and first name when given), normalised for matching.
    Person {
        first: Option<String>,
        surname: String,
    },
    /// A group of people ("U.S. officials").
    Group,
    /// An organisation, outlet or a bare role ("the mayor").
    Other,
}

/// A parsed mention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The role or title as written ("Foreign Minister"), if any.
    pub role: Option<String>,
    /// The name as written, without role, honorific or leading article.
    pub name: String,
    pub kind: Kind,
}

/// Normalises a name part for matching: ASCII, lowercase, no possessive.
pub fn fold(word: &str) -> String {
    let w = text::without_possessive(word).trim_end_matches(['’', '\'', ',', '.']);
    deunicode::deunicode(w).to_lowercase()
}

/// Title phrases, longest first (so "Prime Minister" wins over "Minister").
static TITLE_MATCHER: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(titles())
        .ok()
});

/// Whether the word (any case) is, or ends, a title ("Secretary-General", "Minister").
fn is_title_word(word: &str) -> bool {
    let l = word.to_lowercase();
    let Some(m) = TITLE_MATCHER.as_ref() else {
        return titles().contains(&l.as_str());
    };
    // The whole word must be a title, or its last hyphen part ("U.N.-appointed envoy" no).
    m.find_iter(&l)
        .any(|f| f.start() == 0 && f.end() == l.len())
        || titles().contains(&l.as_str())
}

pub(super) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "another", "some", "many", "most", "several",
];

/// Words that pick from a list before a name whose partner the mention leaves out ("Both
/// Democrat Amy Silva [and …]"): not part of the name, though a group keeps them ("Both
/// candidates").
const QUANTIFIERS: &[&str] = &["both", "each", "either", "neither"];

/// Words that open a sentence before its subject's name: prepositions ("Like President
/// Silva, she said") and a question's auxiliary or adverb (a headline's "Did Silva …?").
const SENTENCE_OPENERS: &[&str] = &[
    "like", "unlike", "as", "with", "for", "from", "by", "did", "does", "is", "are", "was", "were",
    "has", "have", "had", "should", "would", "could", "why", "how",
];

/// Words that describe a person before their name without being a title: a party, a
/// stance in the race ("Republican Ana Silva", "rival Tom Okafor"). Part of the role, never
/// a first name, when a first name follows ("Democratic National Committee" stays whole).
const DESCRIPTORS: &[&str] = &[
    "democrat",
    "democratic",
    "republican",
    "gop",
    "independent",
    "libertarian",
    "conservative",
    "liberal",
    "progressive",
    "rival",
    "opponent",
    "challenger",
    "incumbent",
    "presumptive",
    "presidential",
    "billionaire",
    "businessman",
    "businesswoman",
    "activist",
];

/// Whether a word is one of the [`DESCRIPTORS`] (any case).
fn is_descriptor(word: &str) -> bool {
    DESCRIPTORS.contains(&word.to_lowercase().as_str())
}

/// Whether a mention joins names with "and" or "&": a capitalised word before the
/// conjunction and a capitalised word (after any determiner) right after it.
fn names_several(words: &[&str]) -> bool {
    words.iter().enumerate().any(|(i, w)| {
        let after = words[i + 1..]
            .iter()
            .find(|w| !DETERMINERS.contains(&w.to_lowercase().as_str()));
        matches!(*w, "and" | "&")
            && words[..i].iter().any(|w| is_capitalised(w))
            && after.is_some_and(|w| is_capitalised(w))
    })
}

/// Reads a mention.
pub fn parse(mention: &str) -> Mention {
    let mut words: Vec<&str> = mention.split_whitespace().collect();
    // Determiners, and a sentence opener before a name ("Like President Silva, she …", a
    // headline's "Did Silva …?"): neither belongs to the name or the role.
    while let Some(first) = words.first().map(|w| w.to_lowercase()) {
        let opener = SENTENCE_OPENERS.contains(&first.as_str()) && words.len() > 1;
        if !(opener || DETERMINERS.contains(&first.as_str())) {
            break;
        }
        words.remove(0);
    }
    let whole = words.join(" ");
    if names_several(&words) {
        // "Silva and Okafor", "Britain and France": they speak together, and neither alone
        // is the speaker. A name with "and" in it ("the Institute for Soil and Water
        // Studies") is kept whole too.
        return Mention {
            role: None,
            name: whole,
            kind: Kind::Group,
        };
    }
    if words.len() > 1
        && QUANTIFIERS.contains(&words[0].to_lowercase().as_str())
        && is_capitalised(words[1])
    {
        words.remove(0);
    }
    let Some(last) = words.last() else {
        return Mention {
            role: None,
            name: whole,
            kind: Kind::Other,
        };
    };
    let last_lower = last.to_lowercase();
    let plural = last_lower.len() > 3
        && last_lower.ends_with('s')
        && !last_lower.ends_with("ss")
        && text::strip_possessive(&last_lower).is_none()
        && !last_lower.ends_with("us")
        && !is_capitalised(last);
    if is_group_noun(&last_lower) || plural {
        return Mention {
            role: None,
            name: whole,
            kind: Kind::Group,
        };
    }
    // The name is the capitalised run after the last title word (or descriptor or
    // possessive, when a name follows it: "NBC's Amy Silva", "NBC's Dante Okafor").
    let last_index = words.len() - 1;
    let title_end = words
        .iter()
        .enumerate()
        .rposition(|(i, w)| {
            let first_name_next =
                i < last_index && gender::is_probably_first_name(&fold(words[i + 1]));
            is_title_word(w)
                || (is_descriptor(w) && first_name_next)
                || (text::strip_possessive(w).is_some() && (first_name_next || i + 2 <= last_index))
                || !is_capitalised(w) && !is_name_particle(w)
        })
        .map_or(0, |i| i + 1);
    let name_words: Vec<&str> = words[title_end..]
        .iter()
        .copied()
        .skip_while(|w| is_honorific(&w.to_lowercase()))
        .collect();
    let role_words: Vec<&str> = words[..title_end]
        .iter()
        .copied()
        .filter(|w| !is_honorific(&w.to_lowercase()))
        .collect();
    // "recent Russian": words before a name are a role only when one of them is a title.
    let role = role_words
        .iter()
        .any(|w| is_title_word(w) || is_descriptor(w))
        .then(|| role_words.join(" "));
    // "an attorney for Ana Silva", "an adviser to Mr. Silva": the role of someone else, who
    // stays unnamed, not the person named right after the preposition. A capitalised title
    // before the preposition is the person's own ("Secretary of State Ana Silva").
    let of_someone_else = match role_words.as_slice() {
        [.., noun, preposition] => {
            matches!(
                preposition.to_lowercase().as_str(),
                "for" | "of" | "to" | "with" | "at" | "from"
            ) && !is_capitalised(noun)
        }
        _ => false,
    };
    if name_words.is_empty() || of_someone_else {
        return Mention {
            role: None,
            name: whole,
            kind: Kind::Other,
        };
    }
    let org = name_words.iter().any(|w| is_org_word(&fold(w)));
    let name = name_words.join(" ");
    if org {
        return Mention {
            role: None,
            name: whole,
            kind: Kind::Other,
        };
    }
    // Suffixes are not surnames ("Martin Luther King Jr.").
    let core: Vec<&str> = name_words
        .iter()
        .copied()
        .filter(|w| !matches!(fold(w).as_str(), "jr" | "sr" | "ii" | "iii" | "iv"))
        .collect();
    let surname = core.last().map_or_else(String::new, |w| fold(w));
    let first = (core.len() >= 2).then(|| fold(core[0]));
    Mention {
        role,
        name: text::without_possessive(&name).to_owned(),
        kind: Kind::Person { first, surname },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(mention: &str) -> (Option<String>, String, Option<String>, String) {
        let m = parse(mention);
        match m.kind {
            Kind::Person { first, surname } => (m.role, m.name, first, surname),
            other => panic!("{mention}: {other:?}"),
        }
    }

    #[test]
    fn titles_split_into_roles() {
        assert_eq!(
            person("Foreign Minister Ana Silva"),
            (
                Some("Foreign Minister".into()),
                "Ana Silva".into(),
                Some("ana".into()),
                "silva".into()
            )
        );
        assert_eq!(
            person("U.N. Secretary-General Kofi Mensah").0.as_deref(),
            Some("U.N. Secretary-General")
        );
        assert_eq!(
            person("Mr. Okafor"),
            (None, "Okafor".into(), None, "okafor".into())
        );
        assert_eq!(person("Chief Ursula von der Berg").1, "Ursula von der Berg");
        assert_eq!(
            person("Stein spokeswoman Maria Lopez").0.as_deref(),
            Some("Stein spokeswoman")
        );
        assert_eq!(person("Łukasz Nowak’s").3, "nowak");
        assert_eq!(person("longtime Ana Silva").0, None);
        // A party or a stance before the name is a role, not a first name.
        assert_eq!(
            person("Republican Amy Silva"),
            (
                Some("Republican".into()),
                "Amy Silva".into(),
                Some("amy".into()),
                "silva".into()
            )
        );
        assert_eq!(person("Rival Tom Okafor").2.as_deref(), Some("tom"));
        assert_eq!(
            person("Democratic rival Tom Okafor").0.as_deref(),
            Some("Democratic rival")
        );
        // So is an employer's or a place's possessive ("NBC's", "Ohio's").
        assert_eq!(
            person("NBC’s Amy Silva"),
            (None, "Amy Silva".into(), Some("amy".into()), "silva".into())
        );
        assert_eq!(person("Ohio's Tom Okafor").1, "Tom Okafor");
        assert_eq!(person("Channel Four's Dante Okafor").1, "Dante Okafor");
    }

    #[test]
    fn groups_and_others() {
        assert_eq!(parse("U.S. officials").kind, Kind::Group);
        assert_eq!(parse("Experts").kind, Kind::Group);
        assert_eq!(parse("White House representatives").kind, Kind::Group);
        assert_eq!(parse("The New York Times").kind, Kind::Other);
        assert_eq!(parse("the mayor").kind, Kind::Other);
        assert_eq!(parse("an attorney for Ana Silva").kind, Kind::Other);
        assert_eq!(parse("an adviser to Mr. Silva").kind, Kind::Other);
        assert_eq!(person("Mayor Ana Silva").1, "Ana Silva");
    }

    #[test]
    fn names_joined_by_and_speak_together() {
        for mention in [
            "Mr. Silva and Mr. Okafor",
            "Britain and France",
            "the Urban Institute and the Policy Center",
            "Institute for Soil and Water Studies",
        ] {
            let m = parse(mention);
            assert_eq!(m.kind, Kind::Group, "{mention}");
            assert!(m.name.contains(" and "), "{mention}: {}", m.name);
        }
        assert_eq!(parse("Federal and state officials").kind, Kind::Group);
        assert_ne!(parse("Ana Silva, a lawyer and activist").kind, Kind::Group);
    }

    #[test]
    fn a_sentence_opener_is_not_the_name_or_role() {
        assert_eq!(
            person("Like President Ana Silva").0.as_deref(),
            Some("President")
        );
        assert_eq!(person("Like Ana Silva").1, "Ana Silva");
        assert_eq!(person("Did Silva").2, None);
    }
}
