//! Plain-text files: every non-blank line is a block (lines of a hard-wrapped paragraph
//! are joined); a line starting with a bullet or a number is a list item, and its span
//! leaves out the marker. The text itself is kept unchanged.

use super::{Extracted, RawBlock, Shape};

/// Characters that start a bulleted line when followed by a space.
const BULLETS: [char; 12] = ['•', '-', '*', '·', '–', '‣', '◦', '▪', '●', '○', '■', '►'];

/// One non-blank line: its content range (without the bullet marker) and layout facts.
#[derive(Clone, Debug)]
struct Line {
    start: usize,
    end: usize,
    bullet: bool,
    blank_before: bool,
}

/// The length of a list marker at the start of `line` ("• ", "- ", "1. ", "12) ",
/// "(3) "), including the spaces after it.
pub(super) fn bullet_marker_len(line: &str) -> Option<usize> {
    let mut chars = line.char_indices();
    let (_, first) = chars.next()?;
    let marker_end = if BULLETS.contains(&first) {
        first.len_utf8()
    } else {
        // A number of up to three digits (or one letter in parentheses) then "." or ")".
        let open = usize::from(first == '(');
        let digits = line[open..]
            .chars()
            .take_while(char::is_ascii_digit)
            .count();
        if !(1..=3).contains(&digits) {
            return None;
        }
        let after = open + digits;
        match line[after..].chars().next() {
            Some('.') if open == 0 => after + 1,
            Some(')') => after + 1,
            _ => return None,
        }
    };
    let rest = &line[marker_end..];
    let spaces = rest.len() - rest.trim_start().len();
    // The marker must be followed by a space and then by text.
    (spaces > 0 && !rest.trim().is_empty()).then_some(marker_end + spaces)
}

fn lines_of(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut offset = 0;
    let mut blank_before = true;
    for raw in text.split_inclusive('\n') {
        let line_start = offset;
        offset += raw.len();
        let content = raw.trim_end_matches(['\n', '\r']);
        let trimmed_start = content.trim_start();
        // A byte-order mark that survived decoding is not text.
        let trimmed_start = trimmed_start.trim_start_matches('\u{feff}').trim_start();
        if trimmed_start.trim_end().is_empty() {
            blank_before = true;
            continue;
        }
        let start = line_start + (content.len() - trimmed_start.len());
        let end = start + trimmed_start.trim_end().len();
        let (start, bullet) = match bullet_marker_len(&text[start..end]) {
            Some(marker) => (start + marker, true),
            None => (start, false),
        };
        lines.push(Line {
            start,
            end,
            bullet,
            blank_before,
        });
        blank_before = false;
    }
    lines
}

/// The line width of a hard-wrapped file, or `None` if its paragraphs are single lines.
fn wrap_width(text: &str, lines: &[Line]) -> Option<usize> {
    let chars = |line: &Line| text[line.start..line.end].chars().count();
    let mut lengths: Vec<usize> = lines.iter().map(chars).collect();
    if lengths.len() < 4 {
        return None;
    }
    lengths.sort_unstable();
    let p90 = lengths[lengths.len() * 9 / 10];
    if p90 > 100 {
        return None;
    }
    // Wrapped files have many long lines directly followed by another line.
    let continued = lines
        .windows(2)
        .filter(|pair| !pair[1].blank_before && !pair[1].bullet && chars(&pair[0]) >= 50)
        .count();
    (continued >= 3).then_some(p90)
}

/// Splits a plain-text file into line blocks.
pub(super) fn extract(text: &str) -> Extracted {
    let lines = lines_of(text);
    let width = wrap_width(text, &lines);
    let mut blocks: Vec<RawBlock> = Vec::with_capacity(lines.len());
    let mut previous_chars = 0;
    for line in &lines {
        let chars = text[line.start..line.end].chars().count();
        let joins_previous = match (width, blocks.last()) {
            // A wrapped line continues the previous one when that one reached the margin.
            (Some(width), Some(_)) => {
                !line.blank_before && !line.bullet && previous_chars * 10 >= width * 6
            }
            _ => false,
        };
        match blocks.last_mut() {
            Some(last) if joins_previous => last.end = line.end,
            _ => blocks.push(RawBlock {
                start: line.start,
                end: line.end,
                shape: if line.bullet {
                    Shape::Bullet
                } else {
                    Shape::Line
                },
                separated: line.blank_before,
            }),
        }
        previous_chars = chars;
    }
    Extracted {
        text: text.to_owned(),
        blocks,
        stated: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(&str, Shape)> {
        extract(text)
            .blocks
            .iter()
            .map(|b| (&text[b.span()], b.shape))
            .collect()
    }

    #[test]
    fn bullets_lose_their_markers() {
        let text = "Intro line\n  • First point.\n- Second point\n* Third\n1. Fourth\n12) Fifth\n(3) Sixth\n";
        assert_eq!(
            spans(text),
            [
                ("Intro line", Shape::Line),
                ("First point.", Shape::Bullet),
                ("Second point", Shape::Bullet),
                ("Third", Shape::Bullet),
                ("Fourth", Shape::Bullet),
                ("Fifth", Shape::Bullet),
                ("Sixth", Shape::Bullet),
            ]
        );
    }

    #[test]
    fn not_bullets() {
        for line in [
            "-5 degrees",
            "2024. A year",
            "1.5 million",
            "•",
            "5 p.m. Friday",
            "1234. x",
        ] {
            assert_eq!(bullet_marker_len(line), None, "{line}");
        }
    }

    #[test]
    fn crlf_and_bom_are_not_in_spans() {
        let text = "\u{feff}Title\r\n\r\nBody line.\r\n";
        assert_eq!(
            spans(text),
            [("Title", Shape::Line), ("Body line.", Shape::Line)]
        );
        let blocks = extract(text).blocks;
        assert!(blocks[1].separated);
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let text = "A Headline\n\n\
            The first paragraph of this story is wrapped at a fixed width of\n\
            about seventy characters, as plain-text mail and archives often are,\n\
            and it ends here.\n\n\
            A second paragraph is also wrapped at the same fixed width so that\n\
            the detector sees enough continued lines to be sure about the file.\n\n\
            - A bullet that is long enough to reach the margin of the text and\n\
              then continues on the next line.\n";
        let found = spans(text);
        assert_eq!(found.len(), 4, "{found:?}");
        assert!(found[1].0.ends_with("and it ends here."));
        assert_eq!(found[3].1, Shape::Bullet);
        assert!(found[3].0.ends_with("next line."));
    }
}
