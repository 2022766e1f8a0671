//! Writing an analysis out: JSON (the full contract), CSV tables, Markdown and HTML reports.
//!
//! The CLI (`parallax analyze --format …`) and the window's File ▸ Export use these same
//! writers. Every writer is deterministic: the same analysis gives the same bytes.

use super::model::{Analysis, Article, ArticleId, Claim, Group, GroupStatus, Quote};
use super::text::counted;
use std::fmt::Write as _;
use std::io::Write;

/// An output format of `parallax analyze` and File ▸ Export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// The full analysis.
    Json,
    /// The quotes table.
    QuotesCsv,
    /// Claim groups × articles.
    ClaimsCsv,
    /// A readable report.
    Markdown,
    /// A standalone HTML report.
    Html,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Json,
        Format::QuotesCsv,
        Format::ClaimsCsv,
        Format::Markdown,
        Format::Html,
    ];

    /// Sentence-case name for menus.
    pub fn label(self) -> &'static str {
        match self {
            Format::Json => "Full analysis (JSON)",
            Format::QuotesCsv => "Quotes table (CSV)",
            Format::ClaimsCsv => "Claims matrix (CSV)",
            Format::Markdown => "Report (Markdown)",
            Format::Html => "Report (HTML)",
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::QuotesCsv | Format::ClaimsCsv => "csv",
            Format::Markdown => "md",
            Format::Html => "html",
        }
    }

    /// A default file name for a corpus called `corpus_name`.
    pub fn default_file_name(self, corpus_name: &str) -> String {
        let stem: String = corpus_name
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let suffix = match self {
            Format::Json => "analysis",
            Format::QuotesCsv => "quotes",
            Format::ClaimsCsv => "claims",
            Format::Markdown | Format::Html => "report",
        };
        format!("{stem}-{suffix}.{}", self.extension())
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    #[error(transparent)]
    Csv(#[from] csv::Error),
}

/// Writes `analysis` in `format`.
pub fn write(analysis: &Analysis, format: Format, out: &mut dyn Write) -> Result<(), ExportError> {
    match format {
        Format::Json => write_json(analysis, out),
        Format::QuotesCsv => write_quotes_csv(analysis, out),
        Format::ClaimsCsv => write_claims_csv(analysis, out),
        Format::Markdown => Ok(out.write_all(markdown_report(analysis).as_bytes())?),
        Format::Html => Ok(out.write_all(html_report(analysis).as_bytes())?),
    }
}

/// The JSON contract of the evaluation README, pretty-printed, with a final newline.
pub fn write_json(analysis: &Analysis, out: &mut dyn Write) -> Result<(), ExportError> {
    serde_json::to_writer_pretty(&mut *out, analysis)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// Outlet, or the file name when the outlet is unknown.
pub fn source_label(article: &Article) -> String {
    match &article.outlet {
        Some(outlet) => outlet.clone(),
        None => file_name(&article.path).to_owned(),
    }
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

fn other_outlets(analysis: &Analysis, articles: &[ArticleId]) -> String {
    articles
        .iter()
        .map(|&a| source_label(analysis.article(a)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The quotes table: one row per quote, in article then text order.
pub fn write_quotes_csv(analysis: &Analysis, out: &mut dyn Write) -> Result<(), ExportError> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record([
        "id",
        "speaker",
        "role",
        "quote",
        "kind",
        "cue",
        "speaker_as_written",
        "article",
        "outlet",
        "date",
        "file",
        "start",
        "end",
        "also_in",
    ])?;
    for quote in &analysis.quotes {
        let article = analysis.article(quote.article);
        writer.write_record([
            quote.id.to_string().as_str(),
            quote.speaker.as_deref().unwrap_or(""),
            quote.role.as_deref().unwrap_or(""),
            &quote.text,
            quote.kind.label(),
            quote.cue.as_deref().unwrap_or(""),
            quote.speaker_text.as_deref().unwrap_or(""),
            &article.title,
            article.outlet.as_deref().unwrap_or(""),
            article.date.as_deref().unwrap_or(""),
            &article.path,
            &quote.start.to_string(),
            &quote.end.to_string(),
            &other_outlets(analysis, &quote.also_in),
        ])?;
    }
    writer.flush()?;
    Ok(())
}

/// The claims matrix: one row per claim group, one column per article holding that
/// article's claim text (empty when the article does not make the claim).
pub fn write_claims_csv(analysis: &Analysis, out: &mut dyn Write) -> Result<(), ExportError> {
    let mut writer = csv::Writer::from_writer(out);
    let mut header = vec![
        "group".to_owned(),
        "status".to_owned(),
        "articles".to_owned(),
        "differences".to_owned(),
    ];
    header.extend(
        analysis
            .articles
            .iter()
            .map(|a| file_name(&a.path).to_owned()),
    );
    writer.write_record(&header)?;
    for group in &analysis.groups {
        let mut row = vec![
            group.id.to_string(),
            group.status.label().to_owned(),
            group.articles.len().to_string(),
            differences_summary(analysis, group),
        ];
        row.extend(analysis.articles.iter().map(|article| {
            group_claims_in(analysis, group, article.id)
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join(" | ")
        }));
        writer.write_record(&row)?;
    }
    writer.flush()?;
    Ok(())
}

fn group_claims_in<'a>(
    analysis: &'a Analysis,
    group: &'a Group,
    article: ArticleId,
) -> impl Iterator<Item = &'a Claim> {
    group
        .claims
        .iter()
        .map(|&c| analysis.claim(c))
        .filter(move |c| c.article == article)
}

/// "number: $175 billion | $56.2 billion; status: …"
fn differences_summary(analysis: &Analysis, group: &Group) -> String {
    group
        .differences
        .iter()
        .map(|difference| {
            let values: Vec<String> = analysis
                .distinct_values(difference)
                .into_iter()
                .map(|d| format!("{} ({})", d.value, other_outlets(analysis, &d.articles)))
                .collect();
            format!("{}: {}", kind_label(difference.kind), values.join(" | "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn kind_label(kind: super::model::DifferenceKind) -> &'static str {
    use super::model::DifferenceKind as K;
    match kind {
        K::Number => "number",
        K::Status => "status",
        K::Negation => "negation",
        K::Name => "name",
        K::Date => "date",
    }
}

/// The claims only `article` makes, in text order.
fn unique_claims(analysis: &Analysis, article: ArticleId) -> Vec<&Claim> {
    analysis
        .claims_of(article)
        .filter(|c| analysis.group(c.group).status == GroupStatus::Unique)
        .collect()
}

/// Groups of several articles first (differing, then shared), most articles first.
fn report_order(analysis: &Analysis) -> Vec<&Group> {
    let mut groups: Vec<&Group> = analysis
        .groups
        .iter()
        .filter(|g| g.status != GroupStatus::Unique)
        .collect();
    groups.sort_by_key(|g| (g.status, std::cmp::Reverse(g.articles.len()), g.id));
    groups
}

/// Quote ids grouped by speaker (unattributed last), speakers by number of quotes.
fn quotes_by_speaker(analysis: &Analysis) -> Vec<(String, Vec<&Quote>)> {
    let mut by_speaker: std::collections::BTreeMap<String, Vec<&Quote>> = Default::default();
    for quote in &analysis.quotes {
        let name = quote
            .speaker
            .clone()
            .unwrap_or_else(|| "Unattributed".to_owned());
        by_speaker.entry(name).or_default().push(quote);
    }
    let mut list: Vec<_> = by_speaker.into_iter().collect();
    list.sort_by(|(a_name, a), (b_name, b)| {
        (a_name == "Unattributed", std::cmp::Reverse(a.len()), a_name).cmp(&(
            b_name == "Unattributed",
            std::cmp::Reverse(b.len()),
            b_name,
        ))
    });
    list
}

fn article_line(article: &Article) -> String {
    let mut parts = vec![source_label(article)];
    if let Some(date) = &article.date {
        parts.push(date.clone());
    }
    if let Some(author) = &article.author {
        parts.push(format!("by {author}"));
    }
    parts.push(counted(article.word_count, "word", "words"));
    parts.join(" · ")
}

/// Escapes text for Markdown paragraphs and table cells.
fn md(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '\n' | '\r' => escaped.push(' '),
            _ => escaped.push(c),
        }
    }
    escaped
}

/// A readable report: articles, claim groups with their differences, unique claims,
/// quotes by speaker, problems.
pub fn markdown_report(analysis: &Analysis) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Parallax report\n");
    let counts = |status| {
        analysis
            .groups
            .iter()
            .filter(|g| g.status == status)
            .count()
    };
    let _ = writeln!(
        out,
        "{} · {} · {} shared and {} differing claim groups · {} · {} from {}\n",
        counted(analysis.articles.len(), "article", "articles"),
        counted(analysis.claims.len(), "claim", "claims"),
        counts(GroupStatus::Shared),
        counts(GroupStatus::Differing),
        counted(counts(GroupStatus::Unique), "unique claim", "unique claims"),
        counted(analysis.quotes.len(), "quote", "quotes"),
        counted(analysis.speakers.len(), "speaker", "speakers"),
    );

    let _ = writeln!(out, "## Articles\n");
    for article in &analysis.articles {
        let _ = writeln!(
            out,
            "- **{}** — {} (`{}`)",
            md(&article.title),
            md(&article_line(article)),
            article.path.replace('`', "'")
        );
    }

    let _ = writeln!(out, "\n## Claims made by several articles\n");
    let groups = report_order(analysis);
    if groups.is_empty() {
        let _ = writeln!(out, "No claim is made by more than one article.");
    }
    for group in groups {
        let _ = writeln!(
            out,
            "### {} ({}, {})\n",
            group.id,
            group.status.label(),
            counted(group.articles.len(), "article", "articles")
        );
        for difference in &group.differences {
            let values: Vec<String> = analysis
                .distinct_values(difference)
                .into_iter()
                .map(|d| {
                    let outlets = other_outlets(analysis, &d.articles);
                    format!("“{}” ({})", md(d.value), md(&outlets))
                })
                .collect();
            let _ = writeln!(
                out,
                "- **Differs in {}:** {}",
                kind_label(difference.kind),
                values.join(" vs ")
            );
        }
        for &claim in &group.claims {
            let claim = analysis.claim(claim);
            let _ = writeln!(
                out,
                "- {}: {}",
                md(&source_label(analysis.article(claim.article))),
                md(&claim.text)
            );
        }
        let missing: Vec<String> = analysis
            .articles
            .iter()
            .filter(|a| group.articles.binary_search(&a.id).is_err())
            .map(|a| md(&source_label(a)))
            .collect();
        if !missing.is_empty() {
            let _ = writeln!(out, "- *Not in:* {}", missing.join(", "));
        }
        let _ = writeln!(out);
    }

    let _ = writeln!(out, "## Unique claims\n");
    for article in &analysis.articles {
        let unique = unique_claims(analysis, article.id);
        if unique.is_empty() {
            continue;
        }
        let _ = writeln!(out, "### {}\n", md(&source_label(article)));
        for claim in unique {
            let _ = writeln!(out, "- {}", md(&claim.text));
        }
        let _ = writeln!(out);
    }

    let _ = writeln!(out, "## Quotes by speaker\n");
    if analysis.quotes.is_empty() {
        let _ = writeln!(out, "No quotes found.\n");
    }
    for (speaker, quotes) in quotes_by_speaker(analysis) {
        let _ = writeln!(
            out,
            "### {} ({})\n",
            md(&speaker),
            counted(quotes.len(), "quote", "quotes")
        );
        for quote in quotes {
            let article = analysis.article(quote.article);
            let mut line = format!(
                "- {} “{}” — {}",
                quote.kind.label(),
                md(&quote.text),
                md(&source_label(article))
            );
            if let Some(cue) = &quote.cue {
                let _ = write!(line, ", cue “{}”", md(cue));
            }
            if !quote.also_in.is_empty() {
                let _ = write!(
                    line,
                    "; also in {}",
                    md(&other_outlets(analysis, &quote.also_in))
                );
            }
            let _ = writeln!(out, "{line}");
        }
        let _ = writeln!(out);
    }

    if !analysis.problems.is_empty() {
        let _ = writeln!(out, "## Problems\n");
        for problem in &analysis.problems {
            let _ = writeln!(
                out,
                "- `{}`: {}",
                problem.path.replace('`', "'"),
                md(&problem.message)
            );
        }
    }
    out
}

/// Escapes text for HTML element content and attribute values.
fn html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            _ => escaped.push(c),
        }
    }
    escaped
}

const HTML_STYLE: &str = "body{font:16px/1.5 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222}\
h1,h2,h3{line-height:1.2}table{border-collapse:collapse;width:100%;margin:1rem 0}\
td,th{border:1px solid #ccc;padding:.4rem;vertical-align:top;text-align:left}\
th{background:#f3f3f3}.shared{background:#e3f1e5}.differing{background:#fdf0d5}.unique{background:#e8eef8}\
.value{text-decoration:underline;font-weight:600}.muted{color:#666}\
@media (prefers-color-scheme:dark){body{background:#1c1c1c;color:#ddd}th{background:#2a2a2a}td,th{border-color:#444}\
.shared{background:#20372a}.differing{background:#3d3220}.unique{background:#223049}.muted{color:#999}}";

/// A standalone HTML report (no external resources) with the same content as the
/// Markdown report, laid out as tables.
pub fn html_report(analysis: &Analysis) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Parallax report</title>\n<style>{HTML_STYLE}</style>\n</head>\n<body>\n<h1>Parallax report</h1>\n"
    );

    let _ = writeln!(
        out,
        "<h2>Articles</h2>\n<table>\n<tr><th>Title</th><th>Outlet</th><th>Date</th><th>Words</th><th>Shared</th><th>Differing</th><th>Unique</th><th>File</th></tr>"
    );
    for article in &analysis.articles {
        let counts = analysis.status_counts(article.id);
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"muted\">{}</td></tr>",
            html(&article.title),
            html(article.outlet.as_deref().unwrap_or("")),
            html(article.date.as_deref().unwrap_or("")),
            article.word_count,
            counts.shared,
            counts.differing,
            counts.unique,
            html(&article.path)
        );
    }
    let _ = writeln!(out, "</table>");

    let _ = writeln!(
        out,
        "<h2>Claims made by several articles</h2>\n<table>\n<tr><th>Status</th>"
    );
    for article in &analysis.articles {
        let _ = write!(out, "<th>{}</th>", html(&source_label(article)));
    }
    let _ = writeln!(out, "</tr>");
    for group in report_order(analysis) {
        let class = group.status.label();
        let _ = write!(out, "<tr class=\"{class}\"><td>{class}</td>");
        for article in &analysis.articles {
            let cells: Vec<String> = group_claims_in(analysis, group, article.id)
                .map(|claim| claim_html(analysis, group, claim))
                .collect();
            let _ = write!(out, "<td>{}</td>", cells.join("<br>"));
        }
        let _ = writeln!(out, "</tr>");
    }
    let _ = writeln!(out, "</table>");

    let _ = writeln!(out, "<h2>Unique claims</h2>");
    for article in &analysis.articles {
        let unique = unique_claims(analysis, article.id);
        if unique.is_empty() {
            continue;
        }
        let _ = writeln!(out, "<h3>{}</h3>\n<ul>", html(&source_label(article)));
        for claim in unique {
            let _ = writeln!(out, "<li class=\"unique\">{}</li>", html(&claim.text));
        }
        let _ = writeln!(out, "</ul>");
    }

    let _ = writeln!(
        out,
        "<h2>Quotes by speaker</h2>\n<table>\n<tr><th>Speaker</th><th>Role</th><th>Quote</th><th>Kind</th><th>Cue</th><th>Article</th><th>Also in</th></tr>"
    );
    for (speaker, quotes) in quotes_by_speaker(analysis) {
        for quote in quotes {
            let article = analysis.article(quote.article);
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                html(&speaker),
                html(quote.role.as_deref().unwrap_or("")),
                html(&quote.text),
                quote.kind.label(),
                html(quote.cue.as_deref().unwrap_or("")),
                html(&source_label(article)),
                html(&other_outlets(analysis, &quote.also_in))
            );
        }
    }
    let _ = writeln!(out, "</table>");

    if !analysis.problems.is_empty() {
        let _ = writeln!(out, "<h2>Problems</h2>\n<ul>");
        for problem in &analysis.problems {
            let _ = writeln!(
                out,
                "<li><code>{}</code>: {}</li>",
                html(&problem.path),
                html(&problem.message)
            );
        }
        let _ = writeln!(out, "</ul>");
    }
    let _ = writeln!(out, "</body>\n</html>");
    out
}

/// A claim's text with its differing values underlined.
fn claim_html(analysis: &Analysis, group: &Group, claim: &Claim) -> String {
    let text = &analysis.article(claim.article).text;
    let mut spans: Vec<(usize, usize)> = group
        .differences
        .iter()
        .flat_map(|d| &d.values)
        .filter(|v| v.claim == claim.id)
        .filter_map(|v| Some((v.start?, v.end?)))
        .filter(|&(s, e)| claim.start <= s && s < e && e <= claim.end)
        .collect();
    spans.sort_unstable();
    let mut out = String::new();
    let mut at = claim.start;
    for (start, end) in spans {
        if start < at || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        out.push_str(&html(&text[at..start]));
        let _ = write!(
            out,
            "<span class=\"value\">{}</span>",
            html(&text[start..end])
        );
        at = end;
    }
    if text.is_char_boundary(at) && text.is_char_boundary(claim.end) && at <= claim.end {
        out.push_str(&html(&text[at..claim.end]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::*;

    /// Two articles, one differing group, one unique claim, one quote.
    fn sample() -> Analysis {
        let text_a = "Aid reaches $175 billion. Only A says this.".to_owned();
        let text_b = "Aid reaches $56.2 billion.".to_owned();
        let article = |id: u32, path: &str, text: String| Article {
            id: ArticleId(id),
            path: path.to_owned(),
            title: format!("Title <{id}>"),
            outlet: Some(format!("Outlet {id}")),
            date: Some("2024-11-18".to_owned()),
            author: None,
            section: None,
            format: SourceFormat::Text,
            word_count: text.split_whitespace().count(),
            blocks: vec![Block {
                kind: BlockKind::Paragraph,
                start: 0,
                end: text.len(),
            }],
            text,
        };
        let claim = |id: u32, article: u32, text: &str, start: usize, group: u32| Claim {
            id: ClaimId(id),
            article: ArticleId(article),
            text: text.to_owned(),
            start,
            end: start + text.len(),
            group: GroupId(group),
        };
        Analysis {
            articles: vec![
                article(0, "dir/a.txt", text_a),
                article(1, "dir/b.txt", text_b),
            ],
            claims: vec![
                claim(0, 0, "Aid reaches $175 billion.", 0, 0),
                claim(1, 0, "Only A says this.", 26, 1),
                claim(2, 1, "Aid reaches $56.2 billion.", 0, 0),
            ],
            groups: vec![
                Group {
                    id: GroupId(0),
                    status: GroupStatus::Differing,
                    claims: vec![ClaimId(0), ClaimId(2)],
                    articles: vec![ArticleId(0), ArticleId(1)],
                    differences: vec![Difference {
                        kind: DifferenceKind::Number,
                        values: vec![
                            DifferenceValue {
                                claim: ClaimId(0),
                                value: "$175 billion".into(),
                                start: Some(12),
                                end: Some(24),
                            },
                            DifferenceValue {
                                claim: ClaimId(2),
                                value: "$56.2 billion".into(),
                                start: Some(12),
                                end: Some(25),
                            },
                        ],
                    }],
                },
                Group {
                    id: GroupId(1),
                    status: GroupStatus::Unique,
                    claims: vec![ClaimId(1)],
                    articles: vec![ArticleId(0)],
                    differences: vec![],
                },
            ],
            quotes: vec![Quote {
                id: QuoteId(0),
                article: ArticleId(0),
                kind: QuoteKind::Direct,
                text: "We want peace, \"fair\" peace".to_owned(),
                start: 0,
                end: 5,
                speaker: Some("Antonio Guterres".to_owned()),
                speaker_id: Some(SpeakerId(0)),
                speaker_text: Some("Guterres".to_owned()),
                speaker_start: Some(0),
                speaker_end: Some(3),
                role: Some("U.N. Secretary-General".to_owned()),
                cue: Some("said".to_owned()),
                also_in: vec![ArticleId(1)],
            }],
            speakers: vec![Speaker {
                id: SpeakerId(0),
                name: "Antonio Guterres".to_owned(),
                aliases: vec!["Guterres".to_owned()],
                roles: vec!["U.N. Secretary-General".to_owned()],
                quotes: vec![QuoteId(0)],
                articles: vec![ArticleId(0)],
                is_group: false,
            }],
            problems: vec![Problem {
                path: "dir/x.bin".into(),
                message: "binary file".into(),
            }],
        }
    }

    fn written(analysis: &Analysis, format: Format) -> String {
        let mut bytes = Vec::new();
        write(analysis, format, &mut bytes).unwrap();
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn json_parses_back_to_the_same_analysis() {
        let analysis = sample();
        let json = written(&analysis, Format::Json);
        let back: Analysis = serde_json::from_str(&json).unwrap();
        assert_eq!(back, analysis);
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["quotes"][0]["speaker_id"], "s0");
        assert_eq!(value["groups"][0]["status"], "differing");
        assert_eq!(value["claims"][2]["group"], "g0");
    }

    #[test]
    fn quotes_csv_has_one_row_per_quote_with_escaped_text() {
        let csv_text = written(&sample(), Format::QuotesCsv);
        let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
        let headers = reader.headers().unwrap().clone();
        assert_eq!(&headers[1], "speaker");
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1);
        assert_eq!(&rows[0][3], "We want peace, \"fair\" peace");
        assert_eq!(&rows[0][13], "Outlet 1");
    }

    #[test]
    fn claims_csv_is_a_groups_by_articles_matrix() {
        let csv_text = written(&sample(), Format::ClaimsCsv);
        let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
        assert_eq!(reader.headers().unwrap().len(), 4 + 2);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][1], "differing");
        assert_eq!(&rows[0][4], "Aid reaches $175 billion.");
        assert_eq!(&rows[0][5], "Aid reaches $56.2 billion.");
        assert!(rows[0][3].contains("$56.2 billion (Outlet 1)"));
        assert_eq!(&rows[1][5], "");
    }

    #[test]
    fn markdown_report_lists_differences_unique_claims_and_quotes() {
        let report = written(&sample(), Format::Markdown);
        assert!(report.starts_with("# Parallax report"));
        assert!(report.contains(
            "**Differs in number:** “$175 billion” (Outlet 0) vs “$56.2 billion” (Outlet 1)"
        ));
        assert!(report.contains("## Unique claims\n\n### Outlet 0\n\n- Only A says this."));
        assert!(report.contains("### Antonio Guterres (1 quote)"));
        assert!(
            report.contains("Title \\<0\\>"),
            "markup in titles is escaped"
        );
        assert!(report.contains("## Problems"));
    }

    #[test]
    fn html_report_is_standalone_escaped_and_underlines_values() {
        let report = written(&sample(), Format::Html);
        assert!(report.starts_with("<!DOCTYPE html>"));
        assert!(report.trim_end().ends_with("</html>"));
        assert!(report.contains("Title &lt;0&gt;"));
        assert!(report.contains("Aid reaches <span class=\"value\">$175 billion</span>."));
        assert!(report.contains("We want peace, &quot;fair&quot; peace"));
        assert!(!report.contains("http"), "no external resources");
    }

    #[test]
    fn default_file_names_are_safe() {
        assert_eq!(
            Format::QuotesCsv.default_file_name("my corpus/x"),
            "my_corpus_x-quotes.csv"
        );
        assert_eq!(Format::Html.default_file_name("seeds"), "seeds-report.html");
    }
}
