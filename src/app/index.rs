//! Look-up tables for display, built once per analysis: which claims an article has,
//! where the differing values are, the order of differences. No analysis happens here.

use crate::engine::{Analysis, ArticleId, ClaimId, GroupId, GroupStatus, QuoteId, StatusCounts};
use std::ops::Range;

/// Display look-ups for one [`Analysis`].
#[derive(Debug, Default)]
pub struct DisplayIndex {
    /// For each article, the range of its claims in `analysis.claims`.
    pub claims_of_article: Vec<Range<usize>>,
    /// For each article, its claim counts by status.
    pub status_counts: Vec<StatusCounts>,
    /// For each claim, the byte spans of its differing values (for underlining).
    pub difference_spans: Vec<Vec<Range<usize>>>,
    /// For each article, its quotes in text order.
    pub quotes_of_article: Vec<Vec<QuoteId>>,
    /// Lower-case searchable text of each article (outlet, title, path).
    pub article_search_text: Vec<String>,
}

impl DisplayIndex {
    pub fn new(analysis: &Analysis) -> Self {
        let article_count = analysis.articles.len();
        let mut claims_of_article = vec![0..0; article_count];
        let mut start = 0;
        while start < analysis.claims.len() {
            let article = analysis.claims[start].article;
            let mut end = start + 1;
            while end < analysis.claims.len() && analysis.claims[end].article == article {
                end += 1;
            }
            if let Some(range) = claims_of_article.get_mut(article.index()) {
                *range = start..end;
            }
            start = end;
        }

        let status_counts = (0..article_count)
            .map(|i| {
                let mut counts = StatusCounts::default();
                for claim in &analysis.claims[claims_of_article[i].clone()] {
                    match analysis.groups.get(claim.group.index()).map(|g| g.status) {
                        Some(GroupStatus::Shared) => counts.shared += 1,
                        Some(GroupStatus::Differing) => counts.differing += 1,
                        Some(GroupStatus::Unique) | None => counts.unique += 1,
                    }
                }
                counts
            })
            .collect();

        let mut difference_spans = vec![Vec::new(); analysis.claims.len()];
        for group in &analysis.groups {
            for difference in &group.differences {
                for value in &difference.values {
                    if let (Some(start), Some(end)) = (value.start, value.end)
                        && start < end
                        && let Some(spans) = difference_spans.get_mut(value.claim.index())
                    {
                        spans.push(start..end);
                    }
                }
            }
        }
        for spans in &mut difference_spans {
            spans.sort_by_key(|s| (s.start, s.end));
        }

        let mut quotes_of_article = vec![Vec::new(); article_count];
        for quote in &analysis.quotes {
            if let Some(list) = quotes_of_article.get_mut(quote.article.index()) {
                list.push(quote.id);
            }
        }
        for list in &mut quotes_of_article {
            list.sort_by_key(|q| analysis.quotes[q.index()].start);
        }

        let article_search_text = analysis
            .articles
            .iter()
            .map(|a| {
                format!(
                    "{} {} {} {}",
                    a.outlet.as_deref().unwrap_or(""),
                    a.title,
                    a.date.as_deref().unwrap_or(""),
                    a.path
                )
                .to_lowercase()
            })
            .collect();

        Self {
            claims_of_article,
            status_counts,
            difference_spans,
            quotes_of_article,
            article_search_text,
        }
    }

    /// The claims of `article`, in text order.
    pub fn claims<'a>(
        &self,
        analysis: &'a Analysis,
        article: ArticleId,
    ) -> &'a [crate::engine::Claim] {
        match self.claims_of_article.get(article.index()) {
            Some(range) => analysis.claims.get(range.clone()).unwrap_or(&[]),
            None => &[],
        }
    }

    pub fn status_counts(&self, article: ArticleId) -> StatusCounts {
        self.status_counts
            .get(article.index())
            .copied()
            .unwrap_or_default()
    }
}

/// The status of a claim's group (unique when the group is missing).
pub fn claim_status(analysis: &Analysis, claim: ClaimId) -> GroupStatus {
    analysis
        .claims
        .get(claim.index())
        .and_then(|c| analysis.groups.get(c.group.index()))
        .map_or(GroupStatus::Unique, |g| g.status)
}

/// The first claim of `group` in `article`, if the article carries it.
pub fn partner_in(analysis: &Analysis, group: GroupId, article: ArticleId) -> Option<ClaimId> {
    let group = analysis.groups.get(group.index())?;
    group.claims.iter().copied().find(|c| {
        analysis
            .claims
            .get(c.index())
            .is_some_and(|c| c.article == article)
    })
}

/// A short name for an article: its outlet, else its file name.
pub fn article_name(analysis: &Analysis, article: ArticleId) -> String {
    let Some(article) = analysis.articles.get(article.index()) else {
        return format!("{article}");
    };
    match &article.outlet {
        Some(outlet) if !outlet.trim().is_empty() => outlet.clone(),
        _ => std::path::Path::new(&article.path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| article.path.clone()),
    }
}

/// The text of `range` in `text`, or "" when the range is not on char boundaries.
pub fn slice(text: &str, range: Range<usize>) -> &str {
    text.get(range).unwrap_or("")
}
