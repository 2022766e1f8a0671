//! Splitting an article's blocks into claims (sentences and bullets).
//!
//! TODO(claims helper): real sentence segmentation.

use super::model::{Article, Claim, ClaimId, GroupId};

/// The claims of one article, in text order. Ids and groups are placeholders, set later.
pub fn claims_of(article: &Article) -> Vec<Claim> {
    article
        .blocks
        .iter()
        .filter(|b| b.kind.has_claims())
        .map(|b| Claim {
            id: ClaimId(0),
            article: article.id,
            text: article.text[b.span()].to_owned(),
            start: b.start,
            end: b.end,
            group: GroupId(0),
        })
        .collect()
}
