//! Recognising metadata and boilerplate lines: dates, bylines, outlets, and the generic
//! furniture of web pages (share buttons, comment forms, "Trending", copyright lines).

use regex::Regex;
use std::sync::LazyLock;

const MONTHS: [(&str, u32); 12] = [
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("may", 5),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

const MONTH_PATTERN: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";

static ISO_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})(?:\b|T)").expect("valid regex")
});

static NUMERIC_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2}) ?/ ?(\d{1,2}) ?/ ?((?:19|20)\d\d)\b").expect("valid regex")
});

static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b({MONTH_PATTERN})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b"
    ))
    .expect("valid regex")
});

static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH_PATTERN})\.?,?\s+((?:19|20)\d\d)\b"
    ))
    .expect("valid regex")
});

/// A valid calendar date as `YYYY-MM-DD`.
fn iso(year: u32, month: u32, day: u32) -> Option<String> {
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days_in_month)
        .contains(&day)
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    MONTHS
        .iter()
        .find(|(prefix, _)| lower.starts_with(prefix))
        .map(|(_, n)| *n)
}

/// The first date written in `text` ("2024-11-18", "November 18, 2024", "Nov. 18th
/// 2024", "18 November 2024"), as `YYYY-MM-DD`, with its byte range.
pub fn find_date(text: &str) -> Option<(String, std::ops::Range<usize>)> {
    // (regex, which capture groups hold year, month, day)
    // Numeric dates are read the American way (month first) unless the first number
    // cannot be a month.
    let forms: [(&Regex, [usize; 3]); 5] = [
        (&ISO_DATE, [1, 2, 3]),
        (&MONTH_DAY_YEAR, [3, 1, 2]),
        (&DAY_MONTH_YEAR, [3, 2, 1]),
        (&NUMERIC_DATE, [3, 1, 2]),
        (&NUMERIC_DATE, [3, 2, 1]),
    ];
    let mut best: Option<(String, std::ops::Range<usize>)> = None;
    for (regex, [year, month, day]) in forms {
        for caps in regex.captures_iter(text) {
            let Some(all) = caps.get(0) else { continue };
            let part = |i: usize| caps.get(i).map(|m| m.as_str()).unwrap_or_default();
            let month_value = part(month)
                .parse()
                .ok()
                .or_else(|| month_number(part(month)));
            let date = match (part(year).parse(), month_value, part(day).parse()) {
                (Ok(y), Some(m), Ok(d)) => iso(y, m, d),
                _ => None,
            };
            let Some(date) = date else { continue };
            if best
                .as_ref()
                .is_none_or(|(_, range)| all.start() < range.start)
            {
                best = Some((date, all.start()..all.end()));
            }
            break;
        }
    }
    best
}

/// Words of a line, split on whitespace.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Whether a line is only a date with a few words around it ("Published November 18,
/// 2024", "Last Updated: Tuesday, 14 March 2006, 09:10 GMT").
pub fn date_line(line: &str) -> Option<String> {
    if line.len() > MAX_FURNITURE_BYTES {
        return None;
    }
    let (date, range) = find_date(line)?;
    let rest = format!("{} {}", &line[..range.start], &line[range.end..]);
    let rest_words = rest
        .split(|c: char| c.is_whitespace() || c == '|' || c == '·' || c == '•')
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    (rest_words <= 6 && !ends_sentence_with_period(line)).then_some(date)
}

/// Whether the line ends like prose ("… said."), not like a label or date.
fn ends_sentence_with_period(line: &str) -> bool {
    let trimmed = line.trim_end();
    trimmed.ends_with('.') && word_count(trimmed) > 8
}

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:by|written by|words by|author|authors|reporter|reported by|posted by)\s*[:\-–—]?\s+(.+)$")
        .expect("valid regex")
});

/// Lowercase words allowed inside a person's name ("Ursula von der Leyen").
const NAME_PARTICLES: [&str; 10] = [
    "and", "de", "der", "van", "von", "la", "le", "da", "di", "bin",
];

/// The author named on a byline ("By Jane Doe", "Author: Yan", "By JANE DOE and
/// John Roe | Reuters"), or `None` if the line is not a byline.
pub fn byline(line: &str) -> Option<String> {
    let line = line.trim();
    if line.len() > MAX_FURNITURE_BYTES || word_count(line) > 14 {
        return None;
    }
    let caps = BYLINE.captures(line)?;
    let names = caps.get(1)?.as_str();
    // Cut at whatever follows the names: a separator, a date, a role.
    let cut = names
        .find([',', '|', '·', '•', '(', '\u{2014}', '\u{2013}'])
        .unwrap_or(names.len());
    let mut names = names[..cut].trim();
    if let Some((_, range)) = find_date(names) {
        names = names[..range.start].trim();
    }
    for separator in [" - ", " on ", " for ", " Published", " Updated"] {
        if let Some(at) = names.find(separator) {
            names = names[..at].trim();
        }
    }
    let names = names.trim_end_matches(['.', ':', ';']).trim();
    let words: Vec<&str> = names.split_whitespace().collect();
    let name_words = words
        .iter()
        .filter(|w| !NAME_PARTICLES.contains(&w.to_lowercase().as_str()))
        .count();
    let looks_like_names = !words.is_empty()
        && name_words <= 8
        && words.iter().all(|w| {
            NAME_PARTICLES.contains(&w.to_lowercase().as_str())
                || w.chars().next().is_some_and(char::is_uppercase)
        })
        && words.first().is_some_and(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && !["The", "A", "An", "This", "That"].contains(w)
        });
    looks_like_names.then(|| names.to_owned())
}

static SOURCE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?i:source|via|originally published (?:by|in|at|on))\s*:?\s+([A-Z][\w.&' -]*?)\.?$",
    )
    .expect("valid regex")
});

static COPYRIGHT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:©|\(c\)|(?i:copyright))\s*(?:©\s*)?(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?)?\s*,?\s*([A-Z][\w.&' -]*?)(?:[.,]?\s*(?i:all rights reserved)\.?)?\.?$")
        .expect("valid regex")
});

/// The outlet a line names: "Source: Reuters", "© 2024 The Daily Planet. All rights
/// reserved."
pub fn outlet_line(line: &str) -> Option<String> {
    let line = line.trim();
    if line.len() > MAX_FURNITURE_BYTES || word_count(line) > 12 {
        return None;
    }
    let caps = SOURCE_LINE
        .captures(line)
        .or_else(|| COPYRIGHT_LINE.captures(line))?;
    let name = caps.get(1)?.as_str().trim();
    (!name.is_empty() && word_count(name) <= 6).then(|| name.to_owned())
}

/// Lines longer than this are never page furniture.
const MAX_FURNITURE_BYTES: usize = 400;

/// Whether a line is a copyright notice.
pub fn is_copyright(line: &str) -> bool {
    if line.len() > MAX_FURNITURE_BYTES {
        return false;
    }
    let lower = line.trim().to_lowercase();
    lower.starts_with('©')
        || lower.starts_with("(c) ")
        || (lower.starts_with("copyright") && word_count(&lower) <= 15)
        || (lower.contains("all rights reserved") && word_count(&lower) <= 15)
}

/// The lowercase form of a line used to match boilerplate: no trailing punctuation or
/// decoration, single spaces.
pub fn normalized_label(line: &str) -> String {
    let words: Vec<&str> = line.split_whitespace().collect();
    words
        .join(" ")
        .trim_matches(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    ':' | '.' | '…' | '!' | '|' | '»' | '›' | '→' | '-' | '–' | '—' | '*' | '#'
                )
        })
        .to_lowercase()
}

/// Lines that start a page's comment section or its trailing link lists: everything
/// after one of them is boilerplate.
const TAIL_MARKERS: [&str; 16] = [
    "leave a reply",
    "leave a comment",
    "post a comment",
    "add a comment",
    "add comment",
    "comments",
    "join the conversation",
    "join the discussion",
    "comments are closed",
    "related",
    "related articles",
    "related posts",
    "related stories",
    "you may also like",
    "more stories",
    "recommended for you",
];

/// Whether a line starts the comment section or the trailing link lists of a page.
pub fn is_tail_marker(line: &str) -> bool {
    if line.len() > 60 {
        return false;
    }
    let label = normalized_label(line);
    if TAIL_MARKERS.contains(&label.as_str()) {
        return true;
    }
    // "3 Comments", "Comments (12)", "Read next".
    let without_digits: String = label
        .chars()
        .filter(|c| !c.is_ascii_digit() && !matches!(c, '(' | ')'))
        .collect();
    matches!(
        without_digits.trim(),
        "comments" | "comment" | "responses" | "read next" | "more from this author"
    )
}

/// Whole lines that are page furniture, compared with [`normalized_label`].
const BOILERPLATE_LINES: [&str; 52] = [
    "trending",
    "trending now",
    "exit mobile version",
    "advertisement",
    "advertisements",
    "advertisement - scroll to continue",
    "scroll to continue with content",
    "story continues below advertisement",
    "article continues below advertisement",
    "sponsored",
    "sponsored content",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share article",
    "tweet",
    "email",
    "print",
    "like this",
    "like",
    "loading",
    "subscribe",
    "sign up",
    "sign in",
    "log in",
    "skip to content",
    "skip to main content",
    "menu",
    "search",
    "home",
    "read more",
    "continue reading",
    "click here",
    "close",
    "follow us",
    "newsletter",
    "back to top",
    "all rights reserved",
    "your email address will not be published",
    "required fields are marked",
    "most popular",
    "most read",
    "editor's picks",
    "editors' picks",
    "facebook",
    "twitter",
    "linkedin",
    "whatsapp",
    "reddit",
    "pinterest",
    "copy link",
];

/// Prefixes of page-furniture lines, compared with [`normalized_label`].
const BOILERPLATE_PREFIXES: [&str; 32] = [
    "click to share on",
    "click to email",
    "click to print",
    "click here to",
    "share on ",
    "share this:",
    "share via",
    "subscribe to ",
    "sign up for ",
    "sign up to ",
    "follow us on ",
    "follow @",
    "related:",
    "read more:",
    "read also:",
    "see also:",
    "also read:",
    "tags:",
    "filed under",
    "posted in ",
    "read the rest",
    "read the full",
    "download the app",
    "get the latest",
    "we use cookies",
    "this site uses cookies",
    "by continuing to use",
    "your email address will not be published",
    "this article was originally published",
    "this story was originally published",
    "this entry was posted in",
    "support our journalism",
];

/// Whether a line is generic web-page furniture rather than article content.
pub fn is_boilerplate(line: &str) -> bool {
    // Page furniture is short; skipping long paragraphs early keeps parsing fast.
    if line.len() > MAX_FURNITURE_BYTES {
        return false;
    }
    let label = normalized_label(line);
    if label.is_empty() {
        return false;
    }
    BOILERPLATE_LINES.contains(&label.as_str())
        || (word_count(&label) <= 25 && BOILERPLATE_PREFIXES.iter().any(|p| label.starts_with(p)))
        || is_copyright(line)
        || is_tail_marker(line)
}

/// Whether a line is a bare publication label ("Published", "on", "Updated", "Posted").
pub fn is_publication_label(line: &str) -> bool {
    line.len() <= 30
        && matches!(
            normalized_label(line).as_str(),
            "published"
                | "on"
                | "updated"
                | "posted"
                | "published on"
                | "last updated"
                | "posted on"
        )
}

/// Whether a line is a web address.
pub fn is_url_line(line: &str) -> bool {
    let start = line.trim_start();
    if !["http", "www", "HTTP", "WWW"]
        .iter()
        .any(|p| start.starts_with(p))
    {
        return false;
    }
    let compact: String = line.split_whitespace().collect();
    let lower = compact.to_lowercase();
    word_count(line) <= 80
        && (lower.starts_with("http:") || lower.starts_with("https:") || lower.starts_with("www."))
}

/// Whether a short line is a photo credit or caption label ("Photo: Reuters",
/// "(AP Photo/Evan Vucci)", "Getty Images").
pub fn is_credit_line(line: &str) -> bool {
    if line.len() > 200 {
        return false;
    }
    let trimmed = line.trim().trim_start_matches(['(', '[']);
    let lower = trimmed.to_lowercase();
    if word_count(&lower) > 15 {
        return false;
    }
    const PREFIXES: [&str; 10] = [
        "photo:",
        "photo by",
        "photograph:",
        "photograph by",
        "image:",
        "image by",
        "picture:",
        "credit:",
        "photo credit",
        "file photo",
    ];
    PREFIXES.iter().any(|p| lower.starts_with(p))
        || (word_count(&lower) <= 6
            && [
                "getty",
                "ap photo",
                "/ap",
                "/reuters",
                "/afp",
                "shutterstock",
                "/instagram",
            ]
            .iter()
            .any(|credit| lower.contains(credit)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_common_forms() {
        let date = |s: &str| find_date(s).map(|(d, _)| d);
        assert_eq!(date("2024-11-18").as_deref(), Some("2024-11-18"));
        assert_eq!(date("2024-11-18T09:30:00Z").as_deref(), Some("2024-11-18"));
        assert_eq!(date("November 18, 2024").as_deref(), Some("2024-11-18"));
        assert_eq!(date("Nov. 18, 2024").as_deref(), Some("2024-11-18"));
        assert_eq!(date("Sept. 3rd 2023").as_deref(), Some("2023-09-03"));
        assert_eq!(date("18 November 2024").as_deref(), Some("2024-11-18"));
        assert_eq!(
            date("Tuesday, 14 March 2006, 09:10 GMT").as_deref(),
            Some("2006-03-14")
        );
        assert_eq!(date("February 30, 2024"), None);
        assert_eq!(date("May 2024"), None);
        assert_eq!(date("8 / 2 / 2013").as_deref(), Some("2013-08-02"));
        assert_eq!(date("25/12/2013").as_deref(), Some("2013-12-25"));
        assert_eq!(date("in 2024 alone"), None);
    }

    #[test]
    fn date_lines_are_short() {
        assert_eq!(
            date_line("Published November 18, 2024 at 3:05 p.m.").as_deref(),
            Some("2024-11-18")
        );
        assert_eq!(
            date_line("Last Updated: Tuesday, 14 March 2006, 09:10 GMT").as_deref(),
            Some("2006-03-14")
        );
        assert_eq!(
            date_line(
                "The treaty, signed on November 18, 2024, ended a long and bitter war between them."
            ),
            None
        );
    }

    #[test]
    fn bylines() {
        assert_eq!(byline("By Jane Doe").as_deref(), Some("Jane Doe"));
        assert_eq!(byline("Author: Yan").as_deref(), Some("Yan"));
        assert_eq!(byline("By JANE DOE, Reuters").as_deref(), Some("JANE DOE"));
        assert_eq!(
            byline("By Jane Doe and John Roe | November 18, 2024").as_deref(),
            Some("Jane Doe and John Roe")
        );
        assert_eq!(
            byline("By Ursula von der Leyen").as_deref(),
            Some("Ursula von der Leyen")
        );
        assert_eq!(byline("By the numbers"), None);
        assert_eq!(byline("By The Way, nothing here"), None);
        assert_eq!(byline("Bypass road closed"), None);
        assert_eq!(
            byline(
                "By Monday, officials said they would have decided whether the missiles go to Kyiv or stay home."
            ),
            None
        );
    }

    #[test]
    fn outlets_from_source_and_copyright_lines() {
        assert_eq!(outlet_line("Source: Reuters").as_deref(), Some("Reuters"));
        assert_eq!(
            outlet_line("© 2024 The Daily Planet. All rights reserved.").as_deref(),
            Some("The Daily Planet")
        );
        assert_eq!(
            outlet_line("Copyright 2019-2024 Example News").as_deref(),
            Some("Example News")
        );
        assert_eq!(outlet_line("Sources:"), None);
        assert_eq!(outlet_line("The source said the talks failed."), None);
    }

    #[test]
    fn boilerplate_lines() {
        for line in [
            "Leave a Reply",
            "Your email address will not be published. Required fields are marked *",
            "Trending",
            "Exit mobile version",
            "Share this:",
            "Click to share on Twitter (Opens in new window)",
            "Subscribe to our newsletter",
            "Advertisement",
            "Related",
            "© 2024 Example Media",
            "12 Comments",
        ] {
            assert!(is_boilerplate(line), "{line}");
        }
        for line in [
            "Trending stocks fell on Monday after the announcement.",
            "Share prices rose.",
            "The related talks continue.",
            "Comments by the minister angered Moscow.",
        ] {
            assert!(!is_boilerplate(line), "{line}");
        }
        assert!(is_tail_marker("Leave a Reply"));
        assert!(!is_tail_marker("Trending"));
    }

    #[test]
    fn urls_labels_and_credits() {
        assert!(is_url_line("http: / / www. example. com / story - 1. html"));
        assert!(is_url_line("https://example.com/a"));
        assert!(!is_url_line(
            "Visit www.example.com. Then read the report carefully, he said."
        ));
        assert!(is_publication_label("Published"));
        assert!(is_publication_label("on"));
        assert!(!is_publication_label("Published reports say so."));
        assert!(is_credit_line("(AP Photo/Evan Vucci)"));
        assert!(is_credit_line("Photo: Reuters"));
        assert!(is_credit_line("Getty/Instagram."));
        assert!(!is_credit_line("The photo showed the damage."));
    }
}
