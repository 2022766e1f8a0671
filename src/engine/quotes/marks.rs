//! Pairing quotation marks inside one paragraph.
//!
//! Curly and straight double quotes, and single quotes only when they clearly pair (an
//! opening `‘`/`'` before a word, a closing one after a word and not inside a word, so
//! "don’t", "Russia’s" and "’90s" are apostrophes). An opening mark that is never closed
//! runs to the end of its paragraph and is flagged, so the caller can continue it into the
//! next paragraph (news convention) or keep it bounded. One linear pass.

/// A quotation inside a paragraph: `open..close_end` includes both marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte offset just past the closing mark, or the paragraph end when unclosed.
    pub end: usize,
    /// Content span (inside the marks).
    pub content_start: usize,
    pub content_end: usize,
    pub closed: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Double,
    Single,
}

fn is_open_context(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–' | '-' | ':' | '/' | '―'),
    }
}

fn is_close_context(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '—' | '–' | '-' | '―' | '…'
                )
                || matches!(c, '"' | '”' | '’' | '\'')
        }
    }
}

/// Finds the top-level quotations in `text[start..end]` (offsets into `text`).
pub fn regions(text: &str, start: usize, end: usize) -> Vec<Region> {
    let Some(slice) = text.get(start..end) else {
        return Vec::new();
    };
    // Two apostrophes ('') stand for a straight double quote in some wire copy.
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(slice.len());
    let mut raw = slice.char_indices().peekable();
    while let Some((i, c)) = raw.next() {
        if c == '\'' && raw.peek().is_some_and(|&(_, n)| n == '\'') {
            raw.next();
            chars.push((i, '"'));
        } else {
            chars.push((i, c));
        }
    }
    let width = |k: usize| -> usize {
        let (i, c) = chars[k];
        if c == '"' && slice[i..].starts_with("''") {
            2
        } else {
            c.len_utf8()
        }
    };
    let mut out = Vec::new();
    let mut open: Option<(usize, usize, Style)> = None; // (mark offset, content start, style)
    for (k, &(i, c)) in chars.iter().enumerate() {
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(k + 1).map(|n| n.1);
        let here = start + i;
        let after = here + width(k);
        match (open, c) {
            (None, '“' | '„' | '«') => open = Some((here, after, Style::Double)),
            (None, '"') if is_open_context(prev) && next.is_some_and(|n| !n.is_whitespace()) => {
                open = Some((here, after, Style::Double));
            }
            (None, '‘' | '\'')
                if is_open_context(prev)
                    && next.is_some_and(|n| n.is_alphabetic() || n == '“' || n == '"') =>
            {
                open = Some((here, after, Style::Single));
            }
            (Some((_, _, Style::Double)), '“' | '„' | '«') => {
                // A second opening mark: the first one was never closed. Restart here.
                open = Some((here, after, Style::Double));
            }
            (Some((mark, content, Style::Double)), '”' | '»' | '"') => {
                if c == '"' && is_open_context(prev) && !is_close_context(next) {
                    // A straight mark that opens: the previous one was stray.
                    open = Some((here, after, Style::Double));
                    continue;
                }
                out.push(Region {
                    open: mark,
                    end: after,
                    content_start: content,
                    content_end: here,
                    closed: true,
                });
                open = None;
            }
            (Some((mark, content, Style::Single)), '’' | '\'') => {
                let inside_word = prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric);
                let closes = !inside_word
                    && prev.is_some_and(|p| !p.is_whitespace())
                    && is_close_context(next);
                if closes {
                    out.push(Region {
                        open: mark,
                        end: after,
                        content_start: content,
                        content_end: here,
                        closed: true,
                    });
                    open = None;
                }
            }
            (Some((_, _, Style::Single)), '“' | '"') if is_open_context(prev) => {
                // Double quotes win over an unpaired single one (it was an apostrophe).
                open = Some((here, after, Style::Double));
            }
            _ => {}
        }
    }
    if let Some((mark, content, style)) = open {
        // A single mark that never closes was an apostrophe; a double one runs to the end.
        if style == Style::Double {
            out.push(Region {
                open: mark,
                end,
                content_start: content,
                content_end: end,
                closed: false,
            });
        }
    }
    out
}

/// Whether a paragraph begins with an opening quotation mark.
pub fn starts_with_open_mark(text: &str, start: usize, end: usize) -> bool {
    text.get(start..end)
        .and_then(|s| s.trim_start().chars().next())
        .is_some_and(|c| matches!(c, '“' | '"' | '„' | '«' | '‘'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents(text: &str) -> Vec<(&str, bool)> {
        regions(text, 0, text.len())
            .into_iter()
            .map(|r| (&text[r.content_start..r.content_end], r.closed))
            .collect()
    }

    #[test]
    fn curly_and_straight_double_quotes_pair() {
        assert_eq!(
            contents("“We won,” he said. \"Really,\" she added."),
            vec![("We won,", true), ("Really,", true)]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(contents("Russia’s leaders don’t like the ’90s or leaders’ views.").is_empty());
        assert!(contents("It's Britain's plan, isn't it?").is_empty());
        assert_eq!(
            contents("He called it ‘a disaster’ today."),
            vec![("a disaster", true)]
        );
    }

    #[test]
    fn unclosed_quote_runs_to_paragraph_end_and_is_flagged() {
        assert_eq!(
            contents("He said: “We will fight on"),
            vec![("We will fight on", false)]
        );
    }

    #[test]
    fn a_second_opening_mark_restarts_an_unclosed_quote() {
        assert_eq!(
            contents("A stray “mark. Then “a real quote” here."),
            vec![("a real quote", true)]
        );
    }

    #[test]
    fn nested_single_quotes_stay_inside() {
        assert_eq!(
            contents("“He told me ‘never’ twice,” she said."),
            vec![("He told me ‘never’ twice,", true)]
        );
    }

    #[test]
    fn doubled_apostrophes_are_double_quotes() {
        assert_eq!(
            contents("''It works,'' he said."),
            vec![("It works,", true)]
        );
    }

    #[test]
    fn inches_mark_does_not_open() {
        assert!(contents("He is 5'10\" tall and proud.").is_empty());
    }
}
