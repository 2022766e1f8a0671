//! Quantities in text: "$175 billion", "50,000 soldiers", "approximately 190 miles".
//!
//! [`quantities`] finds each number with its magnitude ("billion"), currency or unit, and
//! the hedge in front of it ("over", "about", "an estimated"). Spans are byte ranges into
//! the text given, so a value can be underlined where it is written.

use super::text::{self, Word};

/// How a number is qualified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hedge {
    /// "about", "approximately", "an estimated", "some", "roughly".
    About,
    /// "over", "more than", "at least".
    AtLeast,
    /// "under", "less than", "up to", "nearly", "almost".
    AtMost,
}

/// A number as written, with what it counts.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// The value with its magnitude applied: "$56.2 billion" → 5.62e10.
    pub value: f64,
    /// "USD", "EUR", "GBP", "percent", or the stem of the counted noun ("mile", "troop").
    pub unit: Option<String>,
    pub hedge: Option<Hedge>,
    /// A bare four-digit year ("in 2022").
    pub is_year: bool,
    /// The value as written, without the hedge: "$56.2 billion", "190 miles".
    pub start: usize,
    pub end: usize,
}

impl Quantity {
    /// Whether two quantities measure the same kind of thing (and could be compared).
    pub fn same_dimension(&self, other: &Quantity) -> bool {
        self.is_year == other.is_year && self.unit == other.unit
    }

    /// Whether two quantities of one dimension state the same value, allowing for rounding
    /// (1%) or for a hedge (10%).
    pub fn agrees_with(&self, other: &Quantity) -> bool {
        let tolerance = if self.hedge.is_some() || other.hedge.is_some() {
            0.10
        } else {
            0.01
        };
        let scale = self.value.abs().max(other.value.abs());
        (self.value - other.value).abs() <= tolerance * scale
    }
}

/// Finds the quantities in `text`, in order.
pub fn quantities(text: &str) -> Vec<Quantity> {
    quantities_in(text, &text::words(text))
}

/// [`quantities`] of `text` already split into `words` (from [`text::words`] of that text).
pub fn quantities_in(text: &str, words: &[Word]) -> Vec<Quantity> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        match number_at(text, words, i) {
            Some((quantity, next)) => {
                found.push(quantity);
                i = next;
            }
            None => i += 1,
        }
    }
    found
}

/// Parses a quantity starting at word `i`; returns it and the index of the next word.
fn number_at(text: &str, words: &[Word], i: usize) -> Option<(Quantity, usize)> {
    let word = &words[i];
    let raw = &text[word.start..word.end];
    let (mut value, mut next, magnitude_given) = if word.is_number {
        let (digits, suffix) = split_number(raw)?;
        let value: f64 = digits.replace(',', "").parse().ok()?;
        match suffix {
            "" => (value, i + 1, false),
            s => (value * magnitude(s)?, i + 1, true),
        }
    } else {
        let (value, next) = spelled_number(text, words, i)?;
        (value, next, false)
    };
    let mut end = words[next - 1].end;
    let mut start = word.start;

    // Magnitude word: "175 billion", "$70-million".
    if let Some(w) = words.get(next)
        && !magnitude_given
        && let Some(m) = magnitude(&w.norm)
        && (gap_is_blank(text, end, w.start) || text.get(end..w.start) == Some("-"))
    {
        value *= m;
        end = w.end;
        next += 1;
    }

    // Currency in front: "$175", "US$ 5", "€3".
    let before = text[..start].trim_end_matches(' ');
    let mut unit = None;
    for (symbol, code) in [("US$", "USD"), ("$", "USD"), ("€", "EUR"), ("£", "GBP")] {
        if before.ends_with(symbol) {
            unit = Some(code.to_owned());
            start = before.len() - symbol.len();
            break;
        }
    }

    // Percent or unit after.
    let after = &text[end..];
    if unit.is_none() && after.starts_with('%') {
        unit = Some("percent".to_owned());
        end += 1;
    } else if let Some(w) = words.get(next)
        && gap_is_blank(text, end, w.start)
    {
        if let Some(code) = currency_word(&w.norm) {
            if unit.is_none() {
                unit = Some(code.to_owned());
                end = w.end;
                next += 1;
            }
        } else if w.stem == "percent" {
            unit = Some("percent".to_owned());
            end = w.end;
            next += 1;
        } else if unit.is_none() && !w.is_stop && !w.is_number && !w.is_capitalised {
            unit = Some(w.stem.clone());
            end = w.end;
            next += 1;
        }
    }

    let is_year = unit.is_none()
        && word.is_number
        && raw.len() == 4
        && raw.bytes().all(|b| b.is_ascii_digit())
        && (1800.0..=2100.0).contains(&value);
    let hedge = hedge_before(words, i);
    Some((
        Quantity {
            value,
            unit,
            hedge,
            is_year,
            start,
            end,
        },
        next,
    ))
}

/// "56.2" → ("56.2", ""), "5bn" → ("5", "bn"); None for "1st", "3D", "10am".
fn split_number(raw: &str) -> Option<(&str, &str)> {
    let split = raw
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(raw.len());
    let (digits, suffix) = raw.split_at(split);
    let digits = digits.trim_end_matches(['.', ',']);
    if digits.is_empty() {
        return None;
    }
    if suffix.is_empty() || magnitude(&suffix.to_lowercase()).is_some() {
        Some((digits, suffix))
    } else {
        None
    }
}

fn magnitude(word: &str) -> Option<f64> {
    Some(match word.to_lowercase().as_str() {
        "thousand" | "k" => 1e3,
        "million" | "m" | "mn" | "mln" => 1e6,
        "billion" | "bn" | "b" => 1e9,
        "trillion" | "tn" => 1e12,
        _ => return None,
    })
}

fn currency_word(norm: &str) -> Option<&'static str> {
    Some(match norm {
        "dollar" | "dollars" => "USD",
        "euro" | "euros" => "EUR",
        "pound" | "pounds" => "GBP",
        _ => return None,
    })
}

fn small_number(norm: &str) -> Option<f64> {
    const UNITS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(n) = UNITS.iter().position(|u| *u == norm) {
        return Some(n as f64);
    }
    TENS.iter()
        .position(|t| *t == norm)
        .map(|n| (n as f64 + 2.0) * 10.0)
}

/// "five", "twenty-five", "fifty thousand", "a dozen". Skips "one of", "no one".
fn spelled_number(text: &str, words: &[Word], i: usize) -> Option<(f64, usize)> {
    let word = &words[i];
    let mut value = if word.norm == "dozen" {
        12.0
    } else {
        small_number(&word.norm)?
    };
    if word.norm == "one" {
        // "one of them", "no one", "one day": a pronoun or a determiner, not a count.
        let next_is_of = words.get(i + 1).is_some_and(|w| w.norm == "of");
        let prev_is_no =
            i > 0 && matches!(words[i - 1].norm.as_str(), "no" | "any" | "every" | "the");
        if next_is_of || prev_is_no {
            return None;
        }
    }
    let mut next = i + 1;
    // "twenty-five"
    if value >= 20.0
        && let Some(w) = words.get(next)
        && text[words[next - 1].end..w.start] == *"-"
        && let Some(unit) = small_number(&w.norm).filter(|u| *u < 10.0)
    {
        value += unit;
        next += 1;
    }
    if let Some(w) = words.get(next)
        && w.norm == "hundred"
        && gap_is_blank(text, words[next - 1].end, w.start)
    {
        value *= 100.0;
        next += 1;
    }
    Some((value, next))
}

fn gap_is_blank(text: &str, from: usize, to: usize) -> bool {
    from <= to
        && text
            .get(from..to)
            .is_some_and(|gap| gap.trim().is_empty() && gap.len() <= 2)
}

/// The hedge in the few words before word `i`.
fn hedge_before(words: &[Word], i: usize) -> Option<Hedge> {
    let lower = |k: usize| -> Option<&str> { i.checked_sub(k).map(|j| words[j].norm.as_str()) };
    // A currency sign is not a word, so "over $5" looks back one word.
    let one = lower(1);
    let two = lower(2);
    match (two, one) {
        (Some("more" | "greater"), Some("than")) | (Some("at"), Some("least")) => {
            Some(Hedge::AtLeast)
        }
        (Some("less" | "fewer"), Some("than")) | (Some("up"), Some("to")) => Some(Hedge::AtMost),
        (Some("close"), Some("to")) => Some(Hedge::About),
        (_, Some("over" | "above" | "upwards" | "exceeding")) => Some(Hedge::AtLeast),
        (_, Some("under" | "below" | "nearly" | "almost")) => Some(Hedge::AtMost),
        (
            _,
            Some(
                "about" | "around" | "approximately" | "approx" | "roughly" | "some" | "estimated"
                | "circa" | "ca",
            ),
        ) => Some(Hedge::About),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Quantity {
        let found = quantities(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
    }

    fn written<'a>(text: &'a str, q: &Quantity) -> &'a str {
        &text[q.start..q.end]
    }

    #[test]
    fn currency_with_magnitude() {
        let text = "Aid reached $175 billion this year.";
        let q = one(text);
        assert_eq!(q.value, 1.75e11);
        assert_eq!(q.unit.as_deref(), Some("USD"));
        assert_eq!(written(text, &q), "$175 billion");
        assert_eq!(q.hedge, None);
    }

    #[test]
    fn hedged_decimal_amount_keeps_value_without_hedge() {
        let text = "having provided over $56.2 billion in security assistance";
        let q = one(text);
        assert!((q.value - 5.62e10).abs() < 1.0);
        assert_eq!(q.hedge, Some(Hedge::AtLeast));
        assert_eq!(written(text, &q), "$56.2 billion");
    }

    #[test]
    fn counts_with_units() {
        let text = "an estimated 50,000 soldiers";
        let q = one(text);
        assert_eq!(q.value, 50_000.0);
        assert_eq!(q.unit.as_deref(), Some("troop"));
        assert_eq!(q.hedge, Some(Hedge::About));
        assert_eq!(written(text, &q), "50,000 soldiers");

        let q = one("a range of approximately 190 miles");
        assert_eq!(q.value, 190.0);
        assert_eq!(q.unit.as_deref(), Some("mile"));
        assert_eq!(q.hedge, Some(Hedge::About));
    }

    #[test]
    fn percent_and_spelled_numbers() {
        let q = one("Prices rose 4.5% last month");
        assert_eq!((q.value, q.unit.as_deref()), (4.5, Some("percent")));
        let q = one("Prices rose 12 percent");
        assert_eq!((q.value, q.unit.as_deref()), (12.0, Some("percent")));
        let q = one("five people were hurt");
        assert_eq!((q.value, q.unit.as_deref()), (5.0, Some("peopl")));
        let q = one("twenty-five ships sailed");
        assert_eq!(q.value, 25.0);
        assert!(quantities("one of the ships sailed").is_empty());
        let q = one("fifty thousand marched");
        assert_eq!(q.value, 50_000.0);
    }

    #[test]
    fn years_and_suffixes() {
        let q = one("the invasion began in February 2022.");
        assert!(q.is_year);
        let q = one("a $70-million program");
        assert_eq!(q.value, 7e7);
        let q = one("a $5bn deal");
        assert_eq!(q.value, 5e9);
        assert!(quantities("the 1st time").is_empty());
    }

    #[test]
    fn agreement_allows_rounding_and_hedges() {
        let a = one("$175 billion");
        let b = one("$56.2 billion");
        assert!(a.same_dimension(&b) && !a.agrees_with(&b));
        let c = one("about $170 billion");
        assert!(a.agrees_with(&c));
        let d = one("190 miles");
        assert!(!a.same_dimension(&d));
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "$", "$.", "1,", ",5", "£€$ 3", "1e9999", "９９", "- five -", "twenty-",
        ] {
            let _ = quantities(text);
        }
    }
}
