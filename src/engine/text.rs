//! Shared text helpers: words with byte spans, normalisation, stems, stop words.
//!
//! Every claim comparison goes through [`words`]: one pass that gives, for each word, its
//! span in the input, a normalised form (lower case, ASCII, no dots in acronyms, no
//! possessive) and a Snowball stem, plus a few flags the matcher and the difference finder
//! need (stop word, capitalised, number, negation).

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::LazyLock;
use unicode_segmentation::UnicodeSegmentation as _;

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// A word of a text, with its byte span into that text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    /// Lower case ASCII, acronym dots and possessive `'s` removed ("U.S." → "us").
    pub norm: String,
    /// Snowball stem of `norm`, with a few synonyms folded together.
    pub stem: String,
    /// A function word that carries no content ("the", "of", "has").
    pub is_stop: bool,
    /// Starts with an upper-case letter (a name candidate, unless sentence-initial).
    pub is_capitalised: bool,
    /// Starts with a digit ("175", "56.2", "50,000").
    pub is_number: bool,
    /// Negates ("not", "never", "didn't").
    pub is_negation: bool,
}

/// Splits `text` into words (Unicode word boundaries, so "U.S.", "56.2" and "Ukraine's"
/// stay whole) and normalises each.
pub fn words(text: &str) -> Vec<Word> {
    text.unicode_word_indices()
        .filter_map(|(start, raw)| word(start, raw))
        .collect()
}

fn word(start: usize, raw: &str) -> Option<Word> {
    let first = raw.chars().next()?;
    if !first.is_alphanumeric() {
        return None;
    }
    let lower = deunicode::deunicode(raw).to_lowercase();
    let is_negation = is_negation_word(&lower);
    // "Ukraine's" → "ukraine"; "didn't" → "did" (the negation flag keeps the "not").
    let trimmed = lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix("n't"))
        .unwrap_or(&lower);
    let is_number = first.is_ascii_digit();
    let norm: String = if is_number {
        trimmed.replace(',', "")
    } else {
        trimmed
            .chars()
            .filter(|c| *c != '.' && *c != '\'')
            .collect()
    };
    if norm.is_empty() {
        return None;
    }
    let is_stop = !is_number && (STOP_WORDS.contains(&lower.as_str()) || is_negation);
    let stem = if is_number {
        norm.clone()
    } else {
        fold_synonym(&STEMMER.stem(&norm)).to_owned()
    };
    Some(Word {
        start,
        end: start + raw.len(),
        norm,
        stem,
        is_stop,
        is_capitalised: first.is_uppercase(),
        is_number,
        is_negation,
    })
}

/// Stems of a text's content words (no stop words), in order.
pub fn content_stems(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .filter(|w| !w.is_stop)
        .map(|w| w.stem)
        .collect()
}

/// Whether a lower-case word negates what follows.
pub fn is_negation_word(lower: &str) -> bool {
    matches!(
        lower,
        "not" | "no" | "never" | "nobody" | "none" | "nothing" | "neither" | "nor" | "cannot"
    ) || lower.ends_with("n't")
}

/// Folds stems of common synonyms onto one stem, so "aid" and "assistance" or "said" and
/// "told" count as the same word. Kept small and general: news reporting verbs and nouns.
fn fold_synonym(stem: &str) -> &str {
    match stem {
        "assist" | "help" => "aid",
        "say" | "said" | "tell" | "told" | "state" | "add" => "say",
        "percent" | "pct" => "percent",
        "kill" | "dead" | "die" => "kill",
        "troop" | "soldier" | "forc" => "troop",
        "arm" | "weapon" | "weaponri" | "missil" | "rocket" => "weapon",
        "use" | "utilis" | "utiliz" | "employ" => "use",
        "support" => "aid",
        "allow" | "permit" | "author" | "authoris" | "approv" | "greenlight" => "allow",
        "us" | "usa" | "america" | "american" => "us",
        "uk" | "britain" | "british" => "uk",
        "rise" | "rose" | "increas" | "climb" | "gain" | "jump" => "rise",
        "fall" | "fell" | "drop" | "declin" | "decreas" => "fall",
        "buy" | "bought" | "acquir" | "purchas" => "buy",
        "begin" | "began" | "start" => "start",
        "compani" | "firm" => "compani",
        "big" | "larg" => "larg",
        "wide" | "wider" | "broad" | "broader" => "wide",
        "fear" | "concern" | "worri" => "concern",
        "near" | "almost" => "near",
        other => other,
    }
}

/// Function words: articles, pronouns, auxiliaries, prepositions, conjunctions. A curated
/// list: the large ISO lists drop words like "first" or "million" that carry content.
pub const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "may",
    "might",
    "must",
    "shall",
    "s",
    "t",
    "also",
    "yet",
    "its",
    "upon",
    "per",
    "via",
    "amid",
    "amidst",
    "among",
    "within",
    "whose",
    "says",
    "said",
    "mr",
    "mrs",
    "ms",
    "dr",
];

/// A day of the week, lower case ("monday").
pub fn is_weekday(lower: &str) -> bool {
    matches!(
        lower,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
    )
}

/// A month's full name, lower case ("march"). "March" and "May" are also ordinary words;
/// callers that cannot tell them apart leave those two out.
pub fn is_month_name(lower: &str) -> bool {
    matches!(
        lower,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

/// A count with its noun in the right number: "1 speaker", "2 speakers".
pub fn counted(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// The word without its possessive ending ("Russia’s" → "Russia", "BIDEN'S" → "BIDEN"), if it
/// has one. A bare apostrophe ("leaders’") is left alone: it is also a closing quotation mark.
pub fn strip_possessive(word: &str) -> Option<&str> {
    ["’s", "'s", "’S", "'S"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix))
}

/// The word without its possessive ending, or the word as it is.
pub fn without_possessive(word: &str) -> &str {
    strip_possessive(word).unwrap_or(word)
}

/// The byte index of the char boundary at or before `index`.
pub fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// `range` of `text` with surrounding whitespace removed, as a byte range.
pub fn trim_span(text: &str, start: usize, end: usize) -> (usize, usize) {
    let start = floor_char_boundary(text, start);
    let end = floor_char_boundary(text, end).max(start);
    let slice = &text[start..end];
    let left = slice.len() - slice.trim_start().len();
    let right = slice.trim_end().len();
    (start + left, start + right.max(left))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_acronyms_decimals_and_possessives_whole() {
        let ws = words("The U.S. gave $56.2 billion to Kyiv's army.");
        let norms: Vec<&str> = ws.iter().map(|w| w.norm.as_str()).collect();
        assert_eq!(
            norms,
            ["the", "us", "gave", "562", "billion", "to", "kyiv", "army"]
                .iter()
                .map(|s| if *s == "562" { "56.2" } else { s })
                .collect::<Vec<_>>()
        );
        let kyiv = &ws[6];
        assert_eq!(
            &"The U.S. gave $56.2 billion to Kyiv's army."[kyiv.start..kyiv.end],
            "Kyiv's"
        );
        assert!(ws[0].is_stop && ws[0].is_capitalised);
        assert!(ws[3].is_number && !ws[3].is_stop);
    }

    #[test]
    fn numbers_lose_thousands_separators() {
        let ws = words("50,000 soldiers");
        assert_eq!(ws[0].norm, "50000");
        assert_eq!(ws[1].stem, "troop");
    }

    #[test]
    fn negations_are_flagged_and_stopped() {
        let ws = words("He didn't sign it and will never do so.");
        assert!(ws[1].is_negation && ws[1].norm == "did");
        assert!(ws.iter().any(|w| w.norm == "never" && w.is_negation));
        assert!(!ws.iter().any(|w| w.norm == "sign" && w.is_negation));
    }

    #[test]
    fn stems_fold_inflections_and_synonyms() {
        assert_eq!(content_stems("authorized"), content_stems("approves"));
        assert_eq!(content_stems("assistance"), content_stems("aid"));
        assert_ne!(content_stems("missiles"), content_stems("troops"));
        assert_eq!(content_stems("the satellites"), vec!["satellit".to_owned()]);
    }

    #[test]
    fn trim_span_respects_char_boundaries() {
        let text = "  “Zelensky”  ";
        let (s, e) = trim_span(text, 0, text.len());
        assert_eq!(&text[s..e], "“Zelensky”");
        assert_eq!(floor_char_boundary(text, 3), 2);
    }

    #[test]
    fn counts_agree_with_their_nouns() {
        assert_eq!(counted(0, "quote", "quotes"), "0 quotes");
        assert_eq!(counted(1, "quote", "quotes"), "1 quote");
        assert_eq!(counted(2, "file", "files"), "2 files");
    }

    #[test]
    fn possessive_endings_come_off_once() {
        assert_eq!(strip_possessive("Russia’s"), Some("Russia"));
        assert_eq!(strip_possessive("BIDEN'S"), Some("BIDEN"));
        assert_eq!(strip_possessive("leaders’"), None);
        assert_eq!(strip_possessive("Paris"), None);
        assert_eq!(without_possessive("Jones's's"), "Jones's");
        assert_eq!(without_possessive("’s"), "");
    }
}
