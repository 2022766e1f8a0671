//! Small desktop actions on what is shown: copying a quote with its citation, opening an
//! article's file in the system's default app.

use crate::engine::{Analysis, ArticleId, QuoteId, QuoteKind};
use std::path::Path;

/// A quote with who said it, where and when, ready to paste:
/// `"We will not back down," said Jane Doe (Foreign Minister) — Daily News, 2024-02-03 (stories/a.txt)`.
pub fn quote_citation(analysis: &Analysis, quote: QuoteId) -> Option<String> {
    let quote = analysis.quotes.get(quote.index())?;
    let article = analysis.articles.get(quote.article.index())?;
    let mut text = match quote.kind {
        QuoteKind::Direct => format!("\u{201c}{}\u{201d}", quote.text.trim()),
        QuoteKind::Indirect => quote.text.trim().to_owned(),
    };
    let speaker = quote
        .speaker
        .as_deref()
        .or(quote.speaker_text.as_deref())
        .unwrap_or("Unattributed");
    text.push_str(" \u{2014} ");
    text.push_str(speaker);
    if let Some(role) = quote.role.as_deref().filter(|r| !r.is_empty()) {
        text.push_str(&format!(" ({role})"));
    }
    let mut source = Vec::new();
    if let Some(outlet) = article.outlet.as_deref().filter(|o| !o.is_empty()) {
        source.push(outlet.to_owned());
    }
    if !article.title.is_empty() {
        source.push(format!("\u{201c}{}\u{201d}", article.title));
    }
    if let Some(date) = article.date.as_deref().filter(|d| !d.is_empty()) {
        source.push(date.to_owned());
    }
    if !source.is_empty() {
        text.push_str(". ");
        text.push_str(&source.join(", "));
    }
    text.push_str(&format!(". File: {}", article.path));
    Some(text)
}

/// Why an article's file cannot be opened.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum OpenError {
    #[error("“{title}” is a bundled sample article; it has no file on disk to open.")]
    Bundled { title: String },
    #[error("The file {path} no longer exists.")]
    Missing { path: String },
    #[error("Could not open {path}: {message}")]
    Failed { path: String, message: String },
}

/// Opens an article's file with the system's default app (a text editor or browser).
/// `bundled` says the corpus is the embedded seeds, whose paths are not real files.
pub fn open_article_file(
    analysis: &Analysis,
    article: ArticleId,
    bundled: bool,
) -> Result<(), OpenError> {
    let Some(article) = analysis.articles.get(article.index()) else {
        return Err(OpenError::Missing {
            path: String::new(),
        });
    };
    if bundled {
        return Err(OpenError::Bundled {
            title: article.title.clone(),
        });
    }
    let path = Path::new(&article.path);
    if !path.exists() {
        return Err(OpenError::Missing {
            path: article.path.clone(),
        });
    }
    open::that_detached(path).map_err(|err| OpenError::Failed {
        path: article.path.clone(),
        message: err.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Article, Quote, SourceFormat};

    fn analysis() -> Analysis {
        Analysis {
            articles: vec![Article {
                id: ArticleId(0),
                path: "/news/a.txt".into(),
                title: "Talks resume".into(),
                outlet: Some("Daily News".into()),
                date: Some("2024-02-03".into()),
                author: None,
                section: None,
                format: SourceFormat::Text,
                word_count: 3,
                text: String::new(),
                blocks: Vec::new(),
            }],
            quotes: vec![Quote {
                id: QuoteId(0),
                article: ArticleId(0),
                kind: QuoteKind::Direct,
                text: "We will not back down".into(),
                start: 0,
                end: 0,
                speaker: Some("Jane Doe".into()),
                speaker_id: None,
                speaker_text: Some("Doe".into()),
                speaker_start: None,
                speaker_end: None,
                role: Some("Foreign Minister".into()),
                cue: Some("said".into()),
                also_in: Vec::new(),
            }],
            ..Analysis::default()
        }
    }

    #[test]
    fn citation_names_speaker_outlet_date_and_file() {
        let citation = quote_citation(&analysis(), QuoteId(0)).unwrap();
        assert_eq!(
            citation,
            "“We will not back down” — Jane Doe (Foreign Minister). Daily News, “Talks resume”, \
             2024-02-03. File: /news/a.txt"
        );
        assert_eq!(quote_citation(&analysis(), QuoteId(5)), None);
    }

    #[test]
    fn bundled_and_missing_files_are_not_opened() {
        let analysis = analysis();
        assert!(matches!(
            open_article_file(&analysis, ArticleId(0), true),
            Err(OpenError::Bundled { .. })
        ));
        assert!(matches!(
            open_article_file(&analysis, ArticleId(0), false),
            Err(OpenError::Missing { .. })
        ));
    }
}
