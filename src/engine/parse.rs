//! Parsing a decoded document into an article: title, metadata and blocks.
//!
//! Each format has its own extractor that turns the file into text plus raw blocks
//! with a structural hint ([`Shape`]): [`text`] (lines and bullets of a plain-text file),
//! [`markdown`] (pulldown-cmark events) and [`html`] (the article's block elements).
//! One shared classifier then decides what each block is — headline, section label,
//! metadata, standfirst, subheading, caption, source list, page boilerplate or body —
//! because news text looks the same whichever format it arrives in.

mod classify;
mod html;
mod markdown;
mod metadata;
mod text;

use super::corpus::Document;
use super::model::{Article, ArticleId, SourceFormat};
use std::ops::Range;

/// What the file's structure says about a block, before classification.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// A line or paragraph of unknown role (plain text, HTML `<p>`/`<div>`).
    Line,
    /// A list item (a bullet or number in plain text, `<li>`, Markdown `-`).
    Bullet,
    /// A marked-up heading of this level (`<h2>`, `## …`).
    Heading(u8),
    /// A block quotation.
    Quote,
    /// A marked-up caption (`<figcaption>`).
    Caption,
}

/// A block found by an extractor: a byte range of the text and its shape.
#[derive(Clone, Debug, PartialEq, Eq)]
struct RawBlock {
    start: usize,
    end: usize,
    shape: Shape,
    /// Whether a blank line (or a block boundary in markup) separates it from the block
    /// before: a headline is followed by one, a sentence in a one-sentence-a-line file
    /// is not.
    separated: bool,
}

impl RawBlock {
    fn span(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// Metadata a format states outright (HTML `<meta>`, Markdown front matter).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct StatedMetadata {
    title: Option<String>,
    outlet: Option<String>,
    date: Option<String>,
    author: Option<String>,
    section: Option<String>,
}

/// What an extractor produces.
#[derive(Clone, Debug, Default)]
struct Extracted {
    text: String,
    blocks: Vec<RawBlock>,
    stated: StatedMetadata,
}

fn extract(document: &Document) -> Extracted {
    match document.format {
        SourceFormat::Text => text::extract(&document.text),
        SourceFormat::Markdown => markdown::extract(&document.text),
        SourceFormat::Html => html::extract(&document.text),
    }
}

/// Whether a document has any article text at all (an HTML page of scripts does not).
pub fn has_article_text(document: &Document) -> bool {
    match document.format {
        SourceFormat::Html => !html::extract(&document.text).blocks.is_empty(),
        _ => !document.text.trim().is_empty(),
    }
}

/// Parses one document.
pub fn parse(id: ArticleId, document: &Document) -> Article {
    let Extracted {
        text,
        blocks: raw,
        stated,
    } = extract(document);
    let found = classify::classify(&text, &raw, stated.title.as_deref());
    let title = found
        .title
        .or(stated.title)
        .unwrap_or_else(|| file_stem(&document.path));
    Article {
        id,
        path: document.path.clone(),
        title,
        outlet: stated.outlet.or(found.outlet),
        date: stated.date.or(found.date),
        author: stated.author.or(found.author),
        section: stated.section.or(found.section),
        format: document.format,
        // Words with at least one letter or digit: bullets and dashes do not count.
        word_count: text
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count(),
        blocks: found.blocks,
        text,
    }
}

/// The file name without folders and extension: the title of last resort.
fn file_stem(path: &str) -> String {
    std::path::Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::{BlockKind, SourceFormat};

    fn parse_as(format: SourceFormat, text: &str) -> Article {
        parse(
            ArticleId(0),
            &Document {
                path: "dir/story.txt".into(),
                format,
                text: text.into(),
            },
        )
    }

    #[test]
    fn every_block_span_is_valid_in_every_format() {
        let inputs = [
            "Tït “le”\n\n  • bü\n\nPäragraph ends. «Quote»",
            "# Tïtle\n\n- ítem\n\n> quøte\n\n```\ncode\n```",
            "<p>Tïtle<br>more</p><ul><li>ïtem</li></ul>",
            "",
            "\u{feff}",
            "\"unbalanced quote\n\n“also",
        ];
        for format in [
            SourceFormat::Text,
            SourceFormat::Markdown,
            SourceFormat::Html,
        ] {
            for input in inputs {
                let article = parse_as(format, input);
                for block in &article.blocks {
                    assert!(block.start < block.end, "{format:?} {input:?} {block:?}");
                    assert!(
                        article.text.get(block.span()).is_some(),
                        "{format:?} {input:?}"
                    );
                    let slice = &article.text[block.span()];
                    assert_eq!(slice, slice.trim(), "{format:?} {input:?}");
                }
                for pair in article.blocks.windows(2) {
                    assert!(pair[0].end <= pair[1].start, "{format:?} {input:?}");
                }
            }
        }
    }

    #[test]
    fn plain_text_article_structure() {
        let text = "World\n\nMinisters Agree on a New Trade Deal After Long Talks\n\n\
            November 18, 2024\n\nBy Jane Doe\n\n\
            The agreement cuts tariffs on steel and grain, officials said on Monday.\n\n\
            What Changes\n\n\
            Tariffs on steel fall to 5 percent from 25 percent next year. Grain tariffs go.\n\n\
            Sources:\n\n1. Ministers agree on trade deal\n2. Tariffs fall\n\n\
            Leave a Reply\n\nGreat article, I think the tariffs are far too low and will hurt us.";
        let article = parse_as(SourceFormat::Text, text);
        assert_eq!(
            article.title,
            "Ministers Agree on a New Trade Deal After Long Talks"
        );
        assert_eq!(article.section.as_deref(), Some("World"));
        assert_eq!(article.date.as_deref(), Some("2024-11-18"));
        assert_eq!(article.author.as_deref(), Some("Jane Doe"));
        let kinds: Vec<(BlockKind, &str)> = article
            .blocks
            .iter()
            .map(|b| (b.kind, &article.text[b.span()]))
            .collect();
        assert_eq!(
            kinds,
            [
                (BlockKind::Section, "World"),
                (
                    BlockKind::Title,
                    "Ministers Agree on a New Trade Deal After Long Talks"
                ),
                (BlockKind::Meta, "November 18, 2024"),
                (BlockKind::Meta, "By Jane Doe"),
                (
                    BlockKind::Summary,
                    "The agreement cuts tariffs on steel and grain, officials said on Monday."
                ),
                (BlockKind::Heading, "What Changes"),
                (
                    BlockKind::Paragraph,
                    "Tariffs on steel fall to 5 percent from 25 percent next year. Grain tariffs go."
                ),
                (BlockKind::Heading, "Sources:"),
                (BlockKind::Source, "Ministers agree on trade deal"),
                (BlockKind::Source, "Tariffs fall"),
                (BlockKind::Boilerplate, "Leave a Reply"),
                (
                    BlockKind::Boilerplate,
                    "Great article, I think the tariffs are far too low and will hurt us."
                ),
            ]
        );
    }

    #[test]
    fn caption_between_headline_and_standfirst() {
        let text = "Storm Floods the Coastal Towns of the North\n\n\
            Rescuers wading through a flooded street at dawn.\n\n\
            Heavy rain flooded dozens of towns overnight, forcing thousands to leave their homes.\n\n\
            Key Points\n\n\
            • Thousands left their homes.\n• Two bridges collapsed.\n\n\
            The storm arrived on Sunday evening and stalled over the coast for two days.";
        let article = parse_as(SourceFormat::Text, text);
        let kinds: Vec<BlockKind> = article.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Title,
                BlockKind::Caption,
                BlockKind::Summary,
                BlockKind::Heading,
                BlockKind::Bullet,
                BlockKind::Bullet,
                BlockKind::Paragraph,
            ]
        );
        // Bullet spans exclude the marker.
        assert_eq!(
            &article.text[article.blocks[4].span()],
            "Thousands left their homes."
        );
    }

    #[test]
    fn text_without_headline_keeps_its_first_paragraph_as_body() {
        let text = "WASHINGTON — The president signed the bill on Tuesday after weeks of debate in \
            Congress, aides said, ending a standoff that had threatened to close parts of the \
            government before the holidays and unsettled markets around the world.\n\n\
            The bill passed the Senate on Monday.";
        let article = parse_as(SourceFormat::Text, text);
        assert_eq!(article.title, "story");
        assert_eq!(article.blocks[0].kind, BlockKind::Paragraph);
        assert_eq!(article.blocks[1].kind, BlockKind::Paragraph);
    }

    #[test]
    fn one_sentence_a_line_has_no_false_headline() {
        let text = "The coach was fired on Monday after the club lost nine of its first fourteen games this season.\n\
            His assistant will take over for the rest of the year.\n\
            Fans had expected a better start.\n";
        let article = parse_as(SourceFormat::Text, text);
        assert!(
            article
                .blocks
                .iter()
                .all(|b| b.kind == BlockKind::Paragraph),
            "{:?}",
            article.blocks
        );
    }
}
