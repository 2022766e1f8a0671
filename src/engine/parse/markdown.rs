//! Markdown files: blocks come from pulldown-cmark's events with source offsets, so a
//! block's span covers its content and leaves out the markup around it (`#`, `- `, `>`).
//! Code blocks, raw HTML, tables and images are left out. YAML front matter (`title:`,
//! `date:`, `author:`) is read as stated metadata. The text itself is kept unchanged.

use super::{Extracted, RawBlock, Shape, StatedMetadata, metadata};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The block being collected.
struct Open {
    start: usize,
    end: usize,
    shape: Shape,
}

struct Collector<'t> {
    text: &'t str,
    blocks: Vec<RawBlock>,
    open: Option<Open>,
}

impl Collector<'_> {
    fn extend(&mut self, range: std::ops::Range<usize>, shape: Shape) {
        match &mut self.open {
            Some(open) => {
                open.start = open.start.min(range.start);
                open.end = open.end.max(range.end);
            }
            None => {
                self.open = Some(Open {
                    start: range.start,
                    end: range.end,
                    shape,
                });
            }
        }
    }

    fn flush(&mut self) {
        let Some(open) = self.open.take() else { return };
        let Some(slice) = self.text.get(open.start..open.end) else {
            return;
        };
        let start = open.start + (slice.len() - slice.trim_start().len());
        let end = open.start + slice.trim_end().len();
        if start < end {
            self.blocks.push(RawBlock {
                start,
                end,
                shape: open.shape,
                separated: true,
            });
        }
    }
}

fn heading_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Reads `key: value` lines of YAML front matter.
fn front_matter(yaml: &str) -> StatedMetadata {
    let mut stated = StatedMetadata::default();
    for line in yaml.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_matches(['"', '\'']).trim();
        if value.is_empty() {
            continue;
        }
        let value = value.to_owned();
        match key.trim().to_ascii_lowercase().as_str() {
            "title" => stated.title = Some(value),
            "author" | "byline" => stated.author = Some(value),
            "date" | "published" | "pubdate" => {
                stated.date = metadata::find_date(&value).map(|(d, _)| d);
            }
            "outlet" | "publisher" | "source" | "site" => stated.outlet = Some(value),
            "section" | "category" => stated.section = Some(value),
            _ => {}
        }
    }
    stated
}

/// Splits a Markdown file into blocks.
pub(super) fn extract(text: &str) -> Extracted {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut collector = Collector {
        text,
        blocks: Vec::new(),
        open: None,
    };
    let mut stated = StatedMetadata::default();
    // Nesting of the containers that decide a paragraph's shape or hide text.
    let mut items = 0usize;
    let mut quotes = 0usize;
    let mut hidden = 0usize;
    let mut in_front_matter = false;
    let mut heading: Option<u8> = None;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        let shape = match heading {
            Some(level) => Shape::Heading(level),
            None if items > 0 => Shape::Bullet,
            None if quotes > 0 => Shape::Quote,
            None => Shape::Line,
        };
        // Inline markup spans (emphasis, links) are taken whole so the block's span
        // never cuts a `**` pair in half.
        let inline = matches!(
            &event,
            Event::Start(
                Tag::Emphasis
                    | Tag::Strong
                    | Tag::Strikethrough
                    | Tag::Link { .. }
                    | Tag::Superscript
                    | Tag::Subscript
            ) | Event::End(
                TagEnd::Emphasis
                    | TagEnd::Strong
                    | TagEnd::Strikethrough
                    | TagEnd::Link
                    | TagEnd::Superscript
                    | TagEnd::Subscript
            )
        );
        if inline && hidden == 0 && !in_front_matter {
            collector.extend(range, shape);
            continue;
        }
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => {
                    collector.flush();
                    heading = Some(heading_number(level));
                }
                Tag::Paragraph | Tag::List(_) | Tag::DefinitionListDefinition => {
                    collector.flush();
                }
                Tag::Item => {
                    collector.flush();
                    items += 1;
                }
                Tag::BlockQuote(_) => {
                    collector.flush();
                    quotes += 1;
                }
                Tag::MetadataBlock(_) => in_front_matter = true,
                Tag::CodeBlock(_)
                | Tag::HtmlBlock
                | Tag::Table(_)
                | Tag::Image { .. }
                | Tag::FootnoteDefinition(_) => {
                    collector.flush();
                    hidden += 1;
                }
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::Heading(_) => {
                    collector.flush();
                    heading = None;
                }
                TagEnd::Paragraph | TagEnd::DefinitionListDefinition => collector.flush(),
                TagEnd::Item => {
                    collector.flush();
                    items = items.saturating_sub(1);
                }
                TagEnd::BlockQuote(_) => {
                    collector.flush();
                    quotes = quotes.saturating_sub(1);
                }
                TagEnd::MetadataBlock(_) => in_front_matter = false,
                TagEnd::CodeBlock
                | TagEnd::HtmlBlock
                | TagEnd::Table
                | TagEnd::Image
                | TagEnd::FootnoteDefinition => {
                    hidden = hidden.saturating_sub(1);
                }
                _ => {}
            },
            Event::Text(content) if in_front_matter => {
                stated = front_matter(&content);
            }
            Event::Text(_) | Event::Code(_) | Event::InlineMath(_) if hidden == 0 => {
                collector.extend(range, shape);
            }
            _ => {}
        }
    }
    collector.flush();
    Extracted {
        text: text.to_owned(),
        blocks: collector.blocks,
        stated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_leave_out_markup() {
        let text = "---\ntitle: Front Title\ndate: 2024-11-18\nauthor: Jane Doe\n---\n\n\
            # The *Headline*\n\nA paragraph with a [link](https://example.com).\n\n\
            - first item\n- second **item**\n\n> A quoted line.\n\n\
            ```\nlet code = 1;\n```\n\n![alt text](img.png)\n\n## Sub head\n";
        let extracted = extract(text);
        let found: Vec<(&str, Shape)> = extracted
            .blocks
            .iter()
            .map(|b| (&text[b.span()], b.shape))
            .collect();
        assert_eq!(
            found,
            [
                ("The *Headline*", Shape::Heading(1)),
                (
                    "A paragraph with a [link](https://example.com).",
                    Shape::Line
                ),
                ("first item", Shape::Bullet),
                ("second **item**", Shape::Bullet),
                ("A quoted line.", Shape::Quote),
                ("Sub head", Shape::Heading(2)),
            ]
        );
        assert_eq!(extracted.stated.title.as_deref(), Some("Front Title"));
        assert_eq!(extracted.stated.date.as_deref(), Some("2024-11-18"));
        assert_eq!(extracted.stated.author.as_deref(), Some("Jane Doe"));
    }
}
