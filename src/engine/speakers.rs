//! Speakers: resolving mentions (pronouns, titles) and merging aliases across the corpus.
//!
//! TODO(quotes helper).

use super::model::{Article, Quote, Speaker};
use super::quotes::RawQuote;

/// Turns each article's raw quotes into quotes with canonical speakers.
/// `raw[i]` belongs to `articles[i]`.
pub fn attribute(_articles: &[Article], _raw: Vec<Vec<RawQuote>>) -> (Vec<Quote>, Vec<Speaker>) {
    (Vec::new(), Vec::new())
}
