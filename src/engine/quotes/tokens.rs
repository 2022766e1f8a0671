//! A small tokenizer and sentence splitter for attribution patterns.
//!
//! Words keep internal apostrophes, hyphens and periods ("Russia’s", "Secretary-General",
//! "U.S."), and known abbreviations keep their final period ("Mr.", "Gen."), so that the
//! sentence splitter only has to look at lone `.`, `!` and `?` tokens. Everything is a byte
//! span into the article text; one pass, no backtracking.

use super::lexicon;

/// Whether a token is a word (letters or digits) or a single punctuation character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Punct,
}

/// A token as a byte span into the article text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Characters that may join two word parts: "don’t", "Secretary-General", "U.S", "3.5".
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '&' | '‑')
}

/// Tokenizes `text[start..end]`; spans are into `text`.
pub fn tokenize(text: &str, start: usize, end: usize) -> Vec<Token> {
    let Some(slice) = text.get(start..end) else {
        return Vec::new();
    };
    let mut tokens = Vec::new();
    let mut chars = slice.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if !is_word_char(c) {
            tokens.push(Token {
                start: start + i,
                end: start + i + c.len_utf8(),
                kind: TokenKind::Punct,
            });
            continue;
        }
        let mut word_end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            if is_word_char(d) {
                word_end = j + d.len_utf8();
                chars.next();
                continue;
            }
            if is_joiner(d) {
                // A joiner continues the word only when a word character follows it.
                let after = slice[j + d.len_utf8()..].chars().next();
                if after.is_some_and(is_word_char) {
                    word_end = j + d.len_utf8();
                    chars.next();
                    continue;
                }
            }
            break;
        }
        // Keep the final period of abbreviations ("Mr.", "U.S.", "Gen.").
        if let Some(&(j, '.')) = chars.peek() {
            let word = &slice[i..word_end];
            if lexicon::is_abbreviation(word) {
                word_end = j + 1;
                chars.next();
            }
        }
        tokens.push(Token {
            start: start + i,
            end: start + word_end,
            kind: TokenKind::Word,
        });
    }
    tokens
}

/// Whether the character opens or closes a quotation (any style).
pub fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '”' | '„' | '‟' | '«' | '»' | '\'' | '‘' | '’' | '‹' | '›'
    )
}

fn first_char(token: &Token, text: &str) -> char {
    token.text(text).chars().next().unwrap_or(' ')
}

/// Splits tokens into sentences (ranges of token indices). `protected` holds byte ranges
/// (quotations) inside which no split happens.
pub fn sentences(
    text: &str,
    tokens: &[Token],
    protected: &[(usize, usize)],
) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut sentence_start = 0;
    let mut region = 0;
    let mut i = 0;
    while i < tokens.len() {
        let token = tokens[i];
        while region < protected.len() && protected[region].1 <= token.start {
            region += 1;
        }
        // A sentence may end inside a quotation only right before its closing mark.
        let closes_region = tokens
            .get(i + 1)
            .is_some_and(|n| region < protected.len() && n.end == protected[region].1);
        let inside = region < protected.len()
            && protected[region].0 < token.start
            && token.end < protected[region].1
            && !closes_region;
        // Abbreviations keep their period inside the word, so they never end a sentence.
        let ends = token.kind == TokenKind::Punct
            && matches!(first_char(&token, text), '.' | '!' | '?' | '…');
        if ends && !inside {
            // Closing marks and brackets belong to the sentence they end.
            let mut j = i + 1;
            while j < tokens.len()
                && tokens[j].kind == TokenKind::Punct
                && !protected.iter().any(|r| r.0 == tokens[j].start)
                && matches!(
                    first_char(&tokens[j], text),
                    '"' | '”' | '’' | '\'' | ')' | ']' | '»' | '.' | '!' | '?'
                )
            {
                j += 1;
            }
            let next_starts = match tokens.get(j) {
                None => true,
                Some(next) => {
                    let c = first_char(next, text);
                    c.is_uppercase() || c.is_numeric() || is_quote_mark(c) || c == '('
                }
            };
            if next_starts {
                out.push(sentence_start..j);
                sentence_start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if sentence_start < tokens.len() {
        out.push(sentence_start..tokens.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text, 0, text.len())
            .iter()
            .map(|t| t.text(text))
            .collect()
    }

    #[test]
    fn words_keep_apostrophes_abbreviations_and_hyphens() {
        assert_eq!(
            words("Mr. Smith’s U.S. plan, Secretary-General don't."),
            vec![
                "Mr.",
                "Smith’s",
                "U.S.",
                "plan",
                ",",
                "Secretary-General",
                "don't",
                "."
            ]
        );
        assert_eq!(
            words("“Yes,” he said"),
            vec!["“", "Yes", ",", "”", "he", "said"]
        );
    }

    #[test]
    fn sentences_split_on_end_marks_but_not_abbreviations() {
        let text = "Gen. Smith spoke. He left! “Go. Now,” she said. it was late";
        let tokens = tokenize(text, 0, text.len());
        let quote_start = text.find('“').unwrap();
        let quote_end = text.find('”').unwrap() + '”'.len_utf8();
        let spans: Vec<&str> = sentences(text, &tokens, &[(quote_start, quote_end)])
            .into_iter()
            .map(|r| &text[tokens[r.start].start..tokens[r.end - 1].end])
            .collect();
        assert_eq!(
            spans,
            vec![
                "Gen. Smith spoke.",
                "He left!",
                "“Go. Now,” she said. it was late"
            ]
        );
    }
}
