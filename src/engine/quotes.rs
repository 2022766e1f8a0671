//! Finding direct and indirect quotes in an article.
//!
//! TODO(quotes helper).

use super::model::{Article, QuoteKind};

/// A quote found in one article, before speakers are merged across the corpus.
#[derive(Clone, Debug, PartialEq)]
pub struct RawQuote {
    pub kind: QuoteKind,
    pub start: usize,
    pub end: usize,
    /// The speaker mention as written, as a byte span.
    pub speaker: Option<(usize, usize)>,
    /// The speech verb, as a byte span.
    pub cue: Option<(usize, usize)>,
}

/// The quotes of one article, in text order.
pub fn extract(_article: &Article) -> Vec<RawQuote> {
    Vec::new()
}
