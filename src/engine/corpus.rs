//! Finding article files and decoding them to text.
//!
//! Folders are walked recursively (hidden entries skipped, symbolic-link loops reported),
//! files are read in parallel and decoded (UTF-8 with or without a byte-order mark,
//! UTF-16 with a byte-order mark, legacy single-byte encodings guessed with chardetng).
//! Anything that cannot be read as an article becomes a [`Problem`]; only a path that
//! does not exist stops the whole load.

use super::model::{Problem, SourceFormat};
use rayon::prelude::*;
use std::borrow::Cow;
use std::io::Read as _;
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

/// Files larger than this are skipped: no news article is this long, and reading one
/// would only make the analysis slow.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// How many leading bytes are checked for NUL bytes to recognise binary files.
const BINARY_SNIFF_BYTES: usize = 8 * 1024;

/// Files read between two progress reports.
const READ_CHUNK: usize = 32;

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

/// The format a file name stands for, from its extension (any case).
pub fn format_of(path: &Path) -> Option<SourceFormat> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "txt" | "text" => Some(SourceFormat::Text),
        "md" | "markdown" => Some(SourceFormat::Markdown),
        "html" | "htm" | "xhtml" => Some(SourceFormat::Html),
        _ => None,
    }
}

/// Reads folders (recursively) and files. `progress(done, total)` counts files read.
pub fn load_paths(
    paths: &[PathBuf],
    progress: &dyn Fn(usize, usize),
) -> Result<Corpus, CorpusError> {
    // A missing path is almost certainly a typo: stop before doing any work.
    if let Some(missing) = paths.iter().find(|p| std::fs::metadata(p).is_err()) {
        // A dangling symbolic link exists but cannot be read: report it as missing too.
        return Err(CorpusError::NotFound {
            path: display(missing),
        });
    }

    let mut problems = Vec::new();
    let mut files = Vec::new();
    let mut folders = 0;
    for path in paths {
        if path.is_dir() {
            folders += 1;
            walk_folder(path, &mut files, &mut problems);
        } else {
            // A file named on the command line is read whatever its name looks like,
            // unless its extension is not one we understand.
            files.push(path.clone());
        }
    }
    files.sort();
    files.dedup();
    let files = without_duplicate_files(files);

    let total = files.len();
    progress(0, total);
    let mut documents = Vec::with_capacity(total);
    let mut done = 0;
    for chunk in files.chunks(READ_CHUNK) {
        let results: Vec<Result<(Document, Option<String>), String>> =
            chunk.par_iter().map(|file| read_document(file)).collect();
        for (file, result) in chunk.iter().zip(results) {
            match result {
                Ok((document, note)) => {
                    if let Some(message) = note {
                        problems.push(Problem {
                            path: document.path.clone(),
                            message,
                        });
                    }
                    documents.push(document);
                }
                Err(message) => problems.push(Problem {
                    path: display(file),
                    message,
                }),
            }
        }
        done += chunk.len();
        progress(done, total);
    }
    problems.sort();
    problems.dedup();

    let name = match paths {
        [one] if folders == 1 => folder_name(one),
        _ => super::text::counted(documents.len(), "file", "files"),
    };
    Ok(Corpus {
        name,
        documents,
        problems,
    })
}

/// The display form of a path.
fn display(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn folder_name(folder: &Path) -> String {
    let named = folder
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| !n.is_empty() && n != "." && n != "..");
    named
        .or_else(|| {
            let absolute = std::fs::canonicalize(folder).ok()?;
            Some(absolute.file_name()?.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| display(folder))
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// Collects the article files under `folder`, reporting unsupported files and walk errors.
fn walk_folder(folder: &Path, files: &mut Vec<PathBuf>, problems: &mut Vec<Problem>) {
    let walker = walkdir::WalkDir::new(folder)
        // Follow links so a linked folder of articles is read; walkdir detects loops.
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        // The folder itself is read even if its name starts with a dot (".", "./x").
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
    for entry in walker {
        match entry {
            Ok(entry) => {
                if entry.file_type().is_dir() {
                    continue;
                }
                let path = entry.into_path();
                if format_of(&path).is_some() {
                    files.push(path);
                } else {
                    problems.push(Problem {
                        path: display(&path),
                        message: unsupported_message(&path),
                    });
                }
            }
            Err(err) => {
                let path = err.path().map(display).unwrap_or_else(|| display(folder));
                let message = if err.loop_ancestor().is_some() {
                    "symbolic link loop; skipped".to_owned()
                } else if let Some(io) = err.io_error() {
                    match io.kind() {
                        std::io::ErrorKind::NotFound => "broken link; skipped".to_owned(),
                        std::io::ErrorKind::PermissionDenied => {
                            "cannot read: permission denied".to_owned()
                        }
                        _ => format!("cannot read: {io}"),
                    }
                } else {
                    format!("cannot read: {err}")
                };
                problems.push(Problem { path, message });
            }
        }
    }
}

fn unsupported_message(path: &Path) -> String {
    match path.extension() {
        Some(extension) => format!(
            "skipped: .{} files are not read (only .txt, .md and .html)",
            extension.to_string_lossy()
        ),
        None => "skipped: not a .txt, .md or .html file".to_owned(),
    }
}

/// Drops files reached twice (a folder and a file inside it, or two links to one file),
/// keeping the first display path.
fn without_duplicate_files(files: Vec<PathBuf>) -> Vec<PathBuf> {
    // Resolving a path takes a system call per folder on the way: in parallel, then in order.
    let real_paths: Vec<Option<PathBuf>> = files
        .par_iter()
        .map(|file| std::fs::canonicalize(file).ok())
        .collect();
    let mut seen = rustc_hash::FxHashSet::default();
    files
        .into_iter()
        .zip(real_paths)
        .filter_map(|(file, real)| match real {
            Some(real) => seen.insert(real).then_some(file),
            None => Some(file),
        })
        .collect()
}

/// Reads and decodes one file. `Ok` may carry a note about trouble that did not stop it.
fn read_document(file: &Path) -> Result<(Document, Option<String>), String> {
    let format = format_of(file).ok_or_else(|| unsupported_message(file))?;
    let bytes = read_limited(file)?;
    let decoded = decode(&bytes, format)?;
    let document = Document {
        path: display(file),
        format,
        text: decoded.text,
    };
    if !super::parse::has_article_text(&document) {
        return Err("no article text found".to_owned());
    }
    Ok((document, decoded.note))
}

fn cannot_read(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::PermissionDenied => "cannot read: permission denied".to_owned(),
        std::io::ErrorKind::NotFound => "cannot read: the file disappeared".to_owned(),
        _ => format!("cannot read: {err}"),
    }
}

fn size_message(bytes: u64) -> String {
    let mib = bytes as f64 / (1024.0 * 1024.0);
    format!(
        "file is {mib:.1} MB; the limit is {} MB",
        MAX_FILE_BYTES / (1024 * 1024)
    )
}

/// Reads a file, refusing files over [`MAX_FILE_BYTES`] before reading them.
fn read_limited(file: &Path) -> Result<Vec<u8>, String> {
    let metadata = std::fs::metadata(file).map_err(|e| cannot_read(&e))?;
    if !metadata.is_file() {
        return Err("skipped: not a regular file".to_owned());
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(size_message(metadata.len()));
    }
    let handle = std::fs::File::open(file).map_err(|e| cannot_read(&e))?;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    // The file may grow between the size check and the read: never read past the limit.
    handle
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| cannot_read(&e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(size_message(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Decoded text and, if decoding had trouble, a note for the problems list.
#[derive(Debug, PartialEq)]
pub struct Decoded {
    pub text: String,
    pub note: Option<String>,
}

/// Decodes file bytes to text. `Err` holds why the file is not text at all.
pub fn decode(bytes: &[u8], format: SourceFormat) -> Result<Decoded, String> {
    let (text, note) = if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        // A byte-order mark is the strongest signal there is (and UTF-16 text is full
        // of NUL bytes, so this comes before the binary check).
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let note = had_errors.then(|| format!("invalid {} replaced", encoding.name()));
        (text.into_owned(), note)
    } else if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        let note = had_errors.then(|| format!("invalid {} replaced", encoding.name()));
        (text.into_owned(), note)
    } else if bytes[..bytes.len().min(BINARY_SNIFF_BYTES)].contains(&0) {
        return Err("skipped: binary file, not text".to_owned());
    } else {
        match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_owned(), None),
            Err(_) => decode_non_utf8(bytes, format),
        }
    };
    if text.trim().is_empty() {
        return Err("empty file".to_owned());
    }
    Ok(Decoded { text, note })
}

/// Recognises UTF-16 without a byte-order mark: ASCII-range text has a NUL in every
/// other byte.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let sample = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES) & !1];
    let pairs = sample.len() / 2;
    if pairs < 8 {
        return None;
    }
    let even_nuls = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nuls = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    // Mostly-NUL on one side and almost no NUL on the other.
    if odd_nuls * 10 >= pairs * 7 && even_nuls * 20 <= pairs {
        Some(encoding_rs::UTF_16LE)
    } else if even_nuls * 10 >= pairs * 7 && odd_nuls * 20 <= pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Bytes that are not valid UTF-8: mostly-UTF-8 text with a few bad bytes is decoded
/// as UTF-8 with replacement characters; anything else as the legacy encoding an HTML
/// `<meta charset>` declares or chardetng guesses.
fn decode_non_utf8(bytes: &[u8], format: SourceFormat) -> (String, Option<String>) {
    let declared = match format {
        SourceFormat::Html => html_declared_encoding(bytes),
        _ => None,
    };
    if let Some(encoding) = declared.filter(|e| *e != encoding_rs::UTF_8) {
        let (text, _, _) = encoding.decode(bytes);
        return (text.into_owned(), None);
    }
    let (valid_multibyte, invalid) = utf8_sequence_counts(bytes);
    if valid_multibyte > 0 && invalid * 4 <= valid_multibyte {
        let text = String::from_utf8_lossy(bytes).into_owned();
        return (text, Some("invalid UTF-8 replaced".to_owned()));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    if encoding != encoding_rs::WINDOWS_1252
        && let Some(text) = windows_1252_typography(bytes)
    {
        return (text, None);
    }
    let (text, _, had_errors) = encoding.decode(bytes);
    let note = had_errors.then(|| format!("invalid {} replaced", encoding.name()));
    (text.into_owned(), note)
}

/// The text read as Windows-1252, when every non-ASCII byte is punctuation or a symbol there
/// (`\x93` “, `\xab` «, `\x96` –). With only such bytes the detector has no letters to go on
/// and may read `«the rent»` as Central European `Ťthe rentť`; in English text they are
/// typography. A text in another legacy encoding has letters that are letters in
/// Windows-1252 too (`\xe1` á), so this does not take it over. (Every byte has a meaning in
/// Windows-1252, so there is nothing to replace.)
fn windows_1252_typography(bytes: &[u8]) -> Option<String> {
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    let mut non_ascii = text.chars().filter(|c| !c.is_ascii()).peekable();
    let typography = non_ascii.peek().is_some() && non_ascii.all(|c| !c.is_alphanumeric());
    typography.then(|| text.into_owned())
}

/// Counts well-formed multi-byte UTF-8 sequences and bytes that are not part of one.
fn utf8_sequence_counts(mut bytes: &[u8]) -> (usize, usize) {
    let mut valid_multibyte = 0;
    let mut invalid = 0;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(rest) => {
                valid_multibyte += rest.chars().filter(|c| !c.is_ascii()).count();
                return (valid_multibyte, invalid);
            }
            Err(err) => {
                let (good, after) = bytes.split_at(err.valid_up_to());
                valid_multibyte += std::str::from_utf8(good)
                    .map(|s| s.chars().filter(|c| !c.is_ascii()).count())
                    .unwrap_or(0);
                let skip = err.error_len().unwrap_or(after.len()).max(1);
                invalid += 1;
                bytes = after.get(skip..).unwrap_or_default();
            }
        }
    }
}

/// The encoding an HTML file declares in `<meta charset=…>` or
/// `<meta http-equiv="Content-Type" content="…; charset=…">` in its first kilobytes.
fn html_declared_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let head: Cow<'_, str> = String::from_utf8_lossy(head);
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find("charset") {
        let after = from + found + "charset".len();
        let rest = lower[after..].trim_start();
        if let Some(value) = rest.strip_prefix('=') {
            let value = value.trim_start().trim_start_matches(['"', '\'']);
            let label: String = value
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
                .collect();
            if let Some(encoding) = encoding_rs::Encoding::for_label(label.as_bytes()) {
                return Some(encoding);
            }
        }
        from = after;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_text(bytes: &[u8]) -> Decoded {
        decode(bytes, SourceFormat::Text).expect("decodes")
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode_text("café".as_bytes()).text, "café");
        let with_bom = [&[0xEF, 0xBB, 0xBF][..], "café".as_bytes()].concat();
        let decoded = decode_text(&with_bom);
        assert_eq!(decoded.text, "café");
        assert_eq!(decoded.note, None);
    }

    #[test]
    fn utf16_with_bom_both_byte_orders() {
        let text = "Zelensky said “peace” — café";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode_text(&le).text, text);
        assert_eq!(decode_text(&be).text, text);
    }

    #[test]
    fn utf16_without_bom_is_not_mistaken_for_binary() {
        let text = "A plain English sentence about the news.";
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(decode_text(&le).text, text);
    }

    #[test]
    fn latin1_bytes_are_guessed() {
        // "Le café est très bon, à bientôt." in ISO-8859-1 / Windows-1252.
        let bytes = b"Le caf\xe9 est tr\xe8s bon, \xe0 bient\xf4t. The caf\xe9 opened on Monday.";
        let decoded = decode_text(bytes);
        assert!(decoded.text.contains("café"), "{:?}", decoded.text);
        assert!(decoded.text.contains("très"));
        assert_eq!(decoded.note, None);
    }

    #[test]
    fn windows_1252_curly_quotes_are_guessed() {
        let bytes = b"He said \x93we are working on it\x94 and left \x96 quickly.";
        let decoded = decode_text(bytes);
        assert_eq!(
            decoded.text,
            "He said \u{201c}we are working on it\u{201d} and left \u{2013} quickly."
        );
    }

    #[test]
    fn guillemets_alone_are_read_as_windows_1252() {
        // The detector alone reads these two bytes as ISO-8859-2 `Ť` and `ť`.
        let bytes = b"The mayor said \xabthe rent is too high\xbb on Tuesday.";
        let decoded = decode_text(bytes);
        assert_eq!(
            decoded.text,
            "The mayor said \u{ab}the rent is too high\u{bb} on Tuesday."
        );
        assert_eq!(decoded.note, None);
        // Letters keep the detector's reading: Central European text stays Central European.
        assert!(
            windows_1252_typography(b"P\xf8\xedli\x9a \xbelu\x9dou\xe8k\xfd k\xf9\xf2").is_none()
        );
        assert!(windows_1252_typography(b"plain ASCII").is_none());
    }

    #[test]
    fn mostly_utf8_with_a_bad_byte_is_replaced_and_noted() {
        let mut bytes = "Biden’s “plan” for Ukraine’s café, naïve résumé. "
            .as_bytes()
            .to_vec();
        bytes.push(0xFF);
        bytes.extend_from_slice(b" The end.");
        let decoded = decode_text(&bytes);
        assert!(decoded.text.contains("Biden’s “plan”"));
        assert!(decoded.text.contains('\u{FFFD}'));
        assert_eq!(decoded.note.as_deref(), Some("invalid UTF-8 replaced"));
    }

    #[test]
    fn truncated_utf8_never_panics() {
        for bytes in [
            &b"\xE2\x80"[..],
            b"abc\xF0\x9F",
            b"\xC3",
            b"ok \xE2\x80\x9C",
        ] {
            let _ = decode(bytes, SourceFormat::Text);
            let _ = decode(bytes, SourceFormat::Html);
        }
    }

    #[test]
    fn binary_and_empty_files_are_refused() {
        let binary = b"%PDF-1.7\n\x00\x01\x02\x03binary stuff\x00\x00\xff";
        assert_eq!(
            decode(binary, SourceFormat::Text).unwrap_err(),
            "skipped: binary file, not text"
        );
        assert_eq!(decode(b"", SourceFormat::Text).unwrap_err(), "empty file");
        assert_eq!(
            decode(b" \n\t\r\n  ", SourceFormat::Markdown).unwrap_err(),
            "empty file"
        );
        let bom_only = [0xEF, 0xBB, 0xBF, b'\n'];
        assert_eq!(
            decode(&bom_only, SourceFormat::Text).unwrap_err(),
            "empty file"
        );
    }

    #[test]
    fn html_meta_charset_is_honoured() {
        let html = b"<html><head><meta charset=\"iso-8859-1\"></head><body><p>Caf\xe9 news.</p></body></html>";
        let decoded = decode(html, SourceFormat::Html).expect("decodes");
        assert!(decoded.text.contains("Café news."), "{:?}", decoded.text);
        let http_equiv = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><p>\x93Hi\x94 there.</p>";
        let decoded = decode(http_equiv, SourceFormat::Html).expect("decodes");
        assert!(decoded.text.contains("\u{201c}Hi\u{201d}"));
    }

    #[test]
    fn formats_from_extensions_ignore_case() {
        assert_eq!(format_of(Path::new("a/B.TXT")), Some(SourceFormat::Text));
        assert_eq!(
            format_of(Path::new("x.Markdown")),
            Some(SourceFormat::Markdown)
        );
        assert_eq!(format_of(Path::new("x.HTM")), Some(SourceFormat::Html));
        assert_eq!(format_of(Path::new("x.pdf")), None);
        assert_eq!(format_of(Path::new("README")), None);
    }

    #[test]
    fn size_limit_is_checked_before_reading() {
        let dir = tempfile::tempdir().expect("temp dir");
        let big = dir.path().join("big.txt");
        let file = std::fs::File::create(&big).expect("create");
        // A sparse file: the size check must refuse it without reading 25 MB.
        file.set_len(25 * 1024 * 1024).expect("set_len");
        assert_eq!(
            read_limited(&big).unwrap_err(),
            "file is 25.0 MB; the limit is 20 MB"
        );
        let small = dir.path().join("small.txt");
        std::fs::write(&small, "Hello.").expect("write");
        assert_eq!(read_limited(&small).expect("reads"), b"Hello.");
    }

    #[test]
    fn seeds_folder_reads_like_the_bundled_corpus() {
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let loaded = load_paths(&[seeds], &|_, _| {}).expect("seeds load");
        let bundled = bundled();
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert_eq!(loaded.documents.len(), bundled.documents.len());
        for (read, embedded) in loaded.documents.iter().zip(&bundled.documents) {
            assert!(read.path.ends_with(&embedded.path), "{}", read.path);
            assert_eq!(read.text, embedded.text);
            assert_eq!(read.format, embedded.format);
        }
    }

    #[test]
    fn folders_are_walked_in_order_and_problems_listed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/deeper")).expect("dirs");
        std::fs::create_dir_all(root.join(".hidden")).expect("dirs");
        std::fs::write(root.join("b/deeper/z.md"), "# Title\n\nBody text here.").expect("w");
        std::fs::write(root.join("a.TXT"), "Headline\n\nBody text.").expect("w");
        std::fs::write(root.join(".secret.txt"), "hidden").expect("w");
        std::fs::write(root.join(".hidden/x.txt"), "hidden").expect("w");
        std::fs::write(root.join("notes.pdf"), "%PDF").expect("w");
        std::fs::write(root.join("empty.txt"), "  \n").expect("w");
        let reports = std::cell::RefCell::new(Vec::new());
        let corpus = load_paths(&[root.to_path_buf()], &|done, total| {
            reports.borrow_mut().push((done, total));
        })
        .expect("loads");
        let names: Vec<String> = corpus
            .documents
            .iter()
            .map(|d| d.path[root.to_string_lossy().len()..].to_owned())
            .collect();
        assert_eq!(names, ["/a.TXT", "/b/deeper/z.md"]);
        let problems: Vec<(String, String)> = corpus
            .problems
            .iter()
            .map(|p| {
                (
                    p.path[root.to_string_lossy().len()..].to_owned(),
                    p.message.clone(),
                )
            })
            .collect();
        assert_eq!(
            problems,
            [
                ("/empty.txt".to_owned(), "empty file".to_owned()),
                (
                    "/notes.pdf".to_owned(),
                    "skipped: .pdf files are not read (only .txt, .md and .html)".to_owned()
                ),
            ]
        );
        assert_eq!(reports.borrow().last(), Some(&(3, 3)));
    }

    #[test]
    fn missing_path_is_an_error() {
        let err = load_paths(&[PathBuf::from("/no/such/folder/anywhere")], &|_, _| {})
            .expect_err("missing");
        assert_eq!(
            err.to_string(),
            "/no/such/folder/anywhere: no such file or folder"
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_reported_not_followed_forever() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("sub")).expect("dirs");
        std::fs::write(root.join("sub/a.txt"), "Title\n\nText.").expect("w");
        std::os::unix::fs::symlink(root, root.join("sub/loop")).expect("symlink");
        let corpus = load_paths(&[root.to_path_buf()], &|_, _| {}).expect("loads");
        assert_eq!(corpus.documents.len(), 1);
        assert!(
            corpus
                .problems
                .iter()
                .any(|p| p.path.ends_with("sub/loop") && p.message.contains("loop")),
            "{:?}",
            corpus.problems
        );
    }
}
