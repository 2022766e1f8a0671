//! Splitting an article's blocks into claims (sentences and bullets).
//!
//! Sentence bounds come from sentencex (abbreviations, initials, decimals, quotes), then a
//! merge pass fixes its known misses: a split after an abbreviation that never ends a
//! sentence ("approx. 190"), after a time followed by a day ("5 p.m. Friday"), or before
//! a lower-case word. Only Summary, Bullet and Paragraph blocks are split; a span is always
//! trimmed and on char boundaries.

use super::model::{Article, Claim, ClaimId, GroupId};
use super::text::trim_span;

/// Fewer words than this is a label or a fragment ("Biden", "Published on"), not a claim.
const MIN_CLAIM_WORDS: usize = 3;

/// The claims of one article, in text order. Ids and groups are placeholders, set later.
pub fn claims_of(article: &Article) -> Vec<Claim> {
    let text = &article.text;
    let mut claims = Vec::new();
    for block in article.blocks.iter().filter(|b| b.kind.has_claims()) {
        let (start, end) = trim_span(text, block.start, block.end);
        for (s, e) in sentence_spans(&text[start..end]) {
            let (s, e) = (start + s, start + e);
            let sentence = &text[s..e];
            if sentence.split_whitespace().count() < MIN_CLAIM_WORDS
                || !sentence.chars().any(char::is_alphabetic)
            {
                continue;
            }
            claims.push(Claim {
                id: ClaimId(0),
                article: article.id,
                text: sentence.to_owned(),
                start: s,
                end: e,
                group: GroupId(0),
            });
        }
    }
    claims
}

/// Byte spans of the sentences of `text`, trimmed, in order.
pub fn sentence_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut covered = 0;
    for bound in sentencex::get_sentence_boundaries("en", text) {
        // Guard against any overlap or gap oddity: spans must grow and stay in the text.
        let begin = bound.start_byte.max(covered).min(text.len());
        let end = bound.end_byte.min(text.len()).max(begin);
        if !text.is_char_boundary(begin) || !text.is_char_boundary(end) {
            continue;
        }
        covered = end;
        let (s, e) = trim_span(text, begin, end);
        if s < e {
            spans.push((s, e));
        }
    }
    if spans.is_empty() {
        let (s, e) = trim_span(text, 0, text.len());
        if s < e {
            spans.push((s, e));
        }
    }
    merge_false_breaks(text, spans)
}

/// Joins sentences split after a word that cannot end one.
fn merge_false_breaks(text: &str, spans: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (s, e) in spans {
        if let Some(last) = merged.last_mut()
            && is_false_break(&text[last.0..last.1], &text[s..e])
        {
            last.1 = e;
        } else {
            merged.push((s, e));
        }
    }
    merged
}

fn is_false_break(before: &str, after: &str) -> bool {
    let last_word = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .trim_start_matches(['(', '[', '"', '“', '\''])
        .to_lowercase();
    let first = after
        .trim_start_matches(['(', '[', '"', '“', '\'', '‘'])
        .chars()
        .next();
    let next_is_lower_or_digit = first.is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
    // Abbreviations that never end a sentence: whatever follows belongs to it.
    if matches!(
        last_word.as_str(),
        "approx." | "approx" | "ca." | "cf." | "vs." | "e.g." | "i.e." | "no." | "nos." | "est."
    ) {
        return true;
    }
    // Abbreviations that may end one: only a lower-case or numeric continuation, or, after a
    // clock time, a day or month ("5 p.m. Friday").
    if matches!(last_word.as_str(), "a.m." | "p.m.") {
        let next_word = after
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("")
            .to_lowercase();
        return next_is_lower_or_digit || is_day_or_month(&next_word);
    }
    if last_word.ends_with('.') && last_word.len() <= 5 && next_is_lower_or_digit {
        // "Inc. said", "Gen. who …": a short abbreviation and a continuing sentence.
        return true;
    }
    // A sentence never starts lower case: sentencex split inside a quote or parenthesis.
    first.is_some_and(char::is_lowercase) && !before.ends_with(['!', '?'])
}

fn is_day_or_month(word: &str) -> bool {
    super::text::is_weekday(word)
        || super::text::is_month_name(word)
        || matches!(
            word,
            "today" | "tomorrow" | "yesterday" | "tonight" | "local" | "et" | "est" | "gmt" | "utc"
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::{ArticleId, Block, BlockKind, SourceFormat};

    fn sentences(text: &str) -> Vec<&str> {
        sentence_spans(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn abbreviations_and_decimals_do_not_split() {
        let text = "The U.S. and the U.N. met on Jan. 5 with Gen. Smith and Mr. Jones. \
                    They pledged $56.2 billion in aid.";
        assert_eq!(
            sentences(text),
            [
                "The U.S. and the U.N. met on Jan. 5 with Gen. Smith and Mr. Jones.",
                "They pledged $56.2 billion in aid."
            ]
        );
    }

    #[test]
    fn known_misses_are_merged() {
        let text = "The missiles fly approx. 190 miles. The vote is at 5 p.m. Friday in the hall. \
                    It passed.";
        assert_eq!(
            sentences(text),
            [
                "The missiles fly approx. 190 miles.",
                "The vote is at 5 p.m. Friday in the hall.",
                "It passed."
            ]
        );
    }

    #[test]
    fn initials_stay_with_the_name() {
        let text = "A leader that V.Putin understands met J. K. Rowling today. Then he left.";
        assert_eq!(sentences(text).len(), 2, "{:?}", sentences(text));
    }

    #[test]
    fn closing_quote_belongs_to_its_sentence() {
        let text = "He said: “We are ready. We will go.” The crowd cheered.";
        let got = sentences(text);
        assert_eq!(got.last(), Some(&"The crowd cheered."), "{got:?}");
        assert!(got.iter().any(|s| s.ends_with('”')), "{got:?}");
    }

    #[test]
    fn parentheses_do_not_split() {
        let text = "The system (known as ATACMS, i.e. a missile) has a range (approx. 190 mi.) that matters. Next one.";
        assert_eq!(sentences(text).len(), 2, "{:?}", sentences(text));
    }

    #[test]
    fn odd_input_never_panics_and_spans_are_trimmed() {
        for text in [
            "",
            "   ",
            "“",
            "a. b. c.",
            "…",
            "\u{feff}Hi. Ho.",
            "“Unbalanced. quote",
        ] {
            for (s, e) in sentence_spans(text) {
                assert!(s < e && text.is_char_boundary(s) && text.is_char_boundary(e));
                assert_eq!(text[s..e].trim(), &text[s..e]);
            }
        }
    }

    #[test]
    fn claims_come_from_claim_blocks_only() {
        let text = "Title here\n\nFirst claim is here. Second claim is here too.\n\nPhoto by someone famous.";
        let body = text.find("First").unwrap();
        let caption = text.find("Photo").unwrap();
        let article = Article {
            id: ArticleId(2),
            path: "x.txt".into(),
            title: "Title here".into(),
            outlet: None,
            date: None,
            author: None,
            section: None,
            format: SourceFormat::Text,
            word_count: 0,
            text: text.into(),
            blocks: vec![
                Block {
                    kind: BlockKind::Title,
                    start: 0,
                    end: 10,
                },
                Block {
                    kind: BlockKind::Paragraph,
                    start: body,
                    end: caption - 2,
                },
                Block {
                    kind: BlockKind::Caption,
                    start: caption,
                    end: text.len(),
                },
            ],
        };
        let claims = claims_of(&article);
        assert_eq!(claims.len(), 2);
        assert_eq!(claims[1].text, "Second claim is here too.");
        assert_eq!(&text[claims[1].span()], claims[1].text);
        assert!(claims.iter().all(|c| c.article == ArticleId(2)));
    }
}
