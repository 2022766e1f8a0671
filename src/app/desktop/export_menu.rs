//! File ▸ Export: the five formats of `parallax analyze`, written by the same writers
//! ([`engine::export::write`]).

use crate::engine::{self, Analysis, export::Format};
use std::io::Write as _;
use std::path::Path;

/// The export formats in menu order.
pub const FORMATS: [Format; 5] = [
    Format::Json,
    Format::QuotesCsv,
    Format::ClaimsCsv,
    Format::Markdown,
    Format::Html,
];

/// The menu label of an export format.
pub fn label(format: Format) -> &'static str {
    match format {
        Format::Json => "Full analysis (JSON)…",
        Format::QuotesCsv => "Quotes table (CSV)…",
        Format::ClaimsCsv => "Claims × articles (CSV)…",
        Format::Markdown => "Report (Markdown)…",
        Format::Html => "Report (HTML)…",
    }
}

/// The save dialog's filter: a description and the file extension.
pub fn filter(format: Format) -> (&'static str, &'static str) {
    match format {
        Format::Json => ("JSON", "json"),
        Format::QuotesCsv | Format::ClaimsCsv => ("CSV", "csv"),
        Format::Markdown => ("Markdown", "md"),
        Format::Html => ("HTML", "html"),
    }
}

/// A file name for an export of `corpus_name` ("ukraine-aid-quotes.csv").
pub fn suggested_file_name(corpus_name: &str, format: Format) -> String {
    let stem: String = corpus_name
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem.trim_matches('-');
    let stem = if stem.is_empty() { "parallax" } else { stem };
    let suffix = match format {
        Format::Json => "analysis",
        Format::QuotesCsv => "quotes",
        Format::ClaimsCsv => "claims",
        Format::Markdown | Format::Html => "report",
    };
    format!("{stem}-{suffix}.{}", filter(format).1)
}

/// Writes `analysis` to `path` in `format`. The file is written next to its final name
/// and renamed at the end, so a failed export never leaves half a file behind.
pub fn write_file(analysis: &Analysis, format: Format, path: &Path) -> Result<(), String> {
    let fail = |err: &dyn std::fmt::Display| format!("Could not write {}: {err}", path.display());
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".to_owned());
    let partial = path.with_file_name(format!(".{file_name}.partial"));
    let result = (|| -> Result<(), String> {
        let file = std::fs::File::create(&partial).map_err(|e| fail(&e))?;
        let mut writer = std::io::BufWriter::new(file);
        engine::export::write(analysis, format, &mut writer).map_err(|e| fail(&e))?;
        writer.flush().map_err(|e| fail(&e))?;
        drop(writer);
        std::fs::rename(&partial, path).map_err(|e| fail(&e))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_and_carry_the_extension() {
        assert_eq!(
            suggested_file_name("Ukraine aid (Feb)", Format::QuotesCsv),
            "ukraine-aid--feb-quotes.csv"
        );
        assert_eq!(
            suggested_file_name("", Format::Json),
            "parallax-analysis.json"
        );
        assert_eq!(suggested_file_name("../x", Format::Html), "x-report.html");
    }

    #[test]
    fn writes_json_that_parses_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        let analysis = Analysis::default();
        write_file(&analysis, Format::Json, &path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let back: Analysis = serde_json::from_str(&text).unwrap();
        assert_eq!(back, analysis);
        // No partial file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_missing_folder_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing").join("a.json");
        assert!(write_file(&Analysis::default(), Format::Json, &path).is_err());
    }
}
