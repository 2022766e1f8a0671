//! Parsing a decoded document into an article: title, metadata and blocks.
//!
//! TODO(ingest helper): real parsing of text, Markdown and HTML.

use super::corpus::Document;
use super::model::{Article, ArticleId, Block, BlockKind};

/// Parses one document.
pub fn parse(id: ArticleId, document: &Document) -> Article {
    let text = document.text.clone();
    let mut blocks = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let start = offset + (line.len() - line.trim_start().len());
            let kind = if blocks.is_empty() {
                BlockKind::Title
            } else {
                BlockKind::Paragraph
            };
            blocks.push(Block {
                kind,
                start,
                end: start + trimmed.len(),
            });
        }
        offset += line.len();
    }
    let title = blocks
        .first()
        .map(|b| text[b.span()].to_owned())
        .unwrap_or_default();
    Article {
        id,
        path: document.path.clone(),
        title,
        outlet: None,
        date: None,
        author: None,
        section: None,
        format: document.format,
        word_count: text.split_whitespace().count(),
        text,
        blocks,
    }
}
