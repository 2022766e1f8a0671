//! Finding article files and decoding them to text.
//!
//! TODO(ingest helper): recursive walk, encodings, problems for bad files.

use super::model::{Problem, SourceFormat};
use std::path::{Path, PathBuf};

/// A decoded file, before parsing.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// Display path: the path as given, joined with the file's path inside the folder.
    pub path: String,
    pub format: SourceFormat,
    /// The decoded file content.
    pub text: String,
}

/// Everything read from the inputs, in a deterministic order (sorted by path).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Corpus {
    /// A short name for window titles: the folder name, or "Bundled seeds".
    pub name: String,
    pub documents: Vec<Document>,
    pub problems: Vec<Problem>,
}

/// Why nothing could be loaded at all.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("{path}: no such file or folder")]
    NotFound { path: String },
}

/// The four seed articles, embedded in the binary.
pub const BUNDLED_SEEDS: [(&str, &str); 4] = [
    (
        "000_1f555386ab9d0382.txt",
        include_str!("../../seeds/000_1f555386ab9d0382.txt"),
    ),
    (
        "001_67203c20ee23465f.txt",
        include_str!("../../seeds/001_67203c20ee23465f.txt"),
    ),
    (
        "002_122aecb40d6d6ca5.txt",
        include_str!("../../seeds/002_122aecb40d6d6ca5.txt"),
    ),
    (
        "003_49e61176c3a46121.txt",
        include_str!("../../seeds/003_49e61176c3a46121.txt"),
    ),
];

/// The bundled seed corpus, as `parallax analyze seeds` would read it.
pub fn bundled() -> Corpus {
    Corpus {
        name: "Bundled seeds".to_owned(),
        documents: BUNDLED_SEEDS
            .iter()
            .map(|(name, text)| Document {
                path: format!("seeds/{name}"),
                format: SourceFormat::Text,
                text: (*text).to_owned(),
            })
            .collect(),
        problems: Vec::new(),
    }
}

/// Reads folders (recursively) and files. `progress(done, total)` counts files read.
pub fn load_paths(
    paths: &[PathBuf],
    progress: &dyn Fn(usize, usize),
) -> Result<Corpus, CorpusError> {
    let mut corpus = Corpus::default();
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            if let Ok(entries) = std::fs::read_dir(path) {
                for entry in entries.flatten() {
                    files.push(entry.path());
                }
            }
        } else if path.exists() {
            files.push(path.clone());
        } else {
            return Err(CorpusError::NotFound {
                path: path.display().to_string(),
            });
        }
    }
    files.sort();
    let total = files.len();
    for (done, file) in files.iter().enumerate() {
        if let Some(document) = read_file(file, &mut corpus.problems) {
            corpus.documents.push(document);
        }
        progress(done + 1, total);
    }
    corpus.name = corpus_name(paths);
    Ok(corpus)
}

fn corpus_name(paths: &[PathBuf]) -> String {
    match paths {
        [one] => one
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| one.display().to_string()),
        _ => format!("{} paths", paths.len()),
    }
}

fn read_file(file: &Path, problems: &mut Vec<Problem>) -> Option<Document> {
    let path = file.display().to_string();
    let format = match file.extension().and_then(|e| e.to_str()) {
        Some("txt") => SourceFormat::Text,
        Some("md") => SourceFormat::Markdown,
        Some("html" | "htm") => SourceFormat::Html,
        _ => {
            problems.push(Problem {
                path,
                message: "not a .txt, .md or .html file".into(),
            });
            return None;
        }
    };
    match std::fs::read(file) {
        Ok(bytes) => Some(Document {
            path,
            format,
            text: String::from_utf8_lossy(&bytes).into_owned(),
        }),
        Err(err) => {
            problems.push(Problem {
                path,
                message: format!("cannot read: {err}"),
            });
            None
        }
    }
}
