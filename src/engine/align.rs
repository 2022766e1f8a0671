//! Linking claims across articles into groups, and finding their differences.
//!
//! TODO(claims helper): candidate index, grouping, differences.

use super::model::{Article, Claim, Group, GroupId, GroupStatus};

/// Groups `claims` (all articles, in id order) and sets each claim's `group`.
/// `progress(done, total)` counts claims processed.
pub fn group_claims(
    _articles: &[Article],
    claims: &mut [Claim],
    progress: &dyn Fn(usize, usize),
) -> Vec<Group> {
    let groups = claims
        .iter_mut()
        .enumerate()
        .map(|(index, claim)| {
            claim.group = GroupId::from(index);
            Group {
                id: GroupId::from(index),
                status: GroupStatus::Unique,
                claims: vec![claim.id],
                articles: vec![claim.article],
                differences: Vec::new(),
            }
        })
        .collect();
    progress(claims.len(), claims.len());
    groups
}
