//! `parallax analyze` on awkward inputs: odd encodings, binary, empty, huge and
//! unsupported files, nested folders, symbolic-link loops, HTML with scripts. The run
//! must succeed, read the good files correctly, list the bad ones as problems, and leave
//! the user's files untouched.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::SystemTime;

fn parallax(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run parallax")
}

fn analyze_json(path: &Path) -> Value {
    let path = path.to_str().expect("UTF-8 temp path");
    let output = parallax(&["analyze", path, "--format", "json"]);
    assert!(
        output.status.success(),
        "parallax failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("valid JSON")
}

/// The article whose path ends with `name`.
fn article<'v>(analysis: &'v Value, name: &str) -> &'v Value {
    analysis["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .find(|a| a["path"].as_str().is_some_and(|p| p.ends_with(name)))
        .unwrap_or_else(|| panic!("{name} is not among the articles"))
}

/// The problem message for the file whose path ends with `name`.
fn problem<'v>(analysis: &'v Value, name: &str) -> &'v str {
    analysis["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .find(|p| p["path"].as_str().is_some_and(|p| p.ends_with(name)))
        .and_then(|p| p["message"].as_str())
        .unwrap_or_else(|| panic!("no problem listed for {name}: {}", analysis["problems"]))
}

/// Every file under `root` with its bytes and modification time.
fn snapshot(root: &Path) -> Vec<(PathBuf, Vec<u8>, SystemTime)> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.expect("walk");
        if entry.file_type().is_file() {
            let metadata = entry.metadata().expect("metadata");
            let bytes = if metadata.len() > 1_000_000 {
                // The big file: its length and time are enough.
                metadata.len().to_le_bytes().to_vec()
            } else {
                std::fs::read(entry.path()).expect("read")
            };
            files.push((
                entry.path().to_path_buf(),
                bytes,
                metadata.modified().expect("mtime"),
            ));
        }
    }
    files
}

const STORY: &str = "Council Approves New Budget\n\n\
    The city council approved the budget on Tuesday, officials said.\n\n\
    The vote was seven to two after a long debate.\n";

/// Builds a folder with one file of every awkward kind.
fn awkward_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    let write = |name: &str, bytes: &[u8]| {
        let path = root.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(path, bytes).expect("write");
    };
    write("good.txt", STORY.as_bytes());
    write(
        "latin1.txt",
        b"Caf\xe9 Owners Protest\n\nThe caf\xe9 owners said the new rules were unfair to small businesses.\n",
    );
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "Zelensky Thanks Allies\n\nZelensky thanked the allies for the na\u{ef}ve promise.\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    write("utf16.txt", &utf16);
    write(
        "binary.txt",
        b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00junk\x00\xff\xfe",
    );
    write("empty.txt", b"");
    write("blank.md", b"   \n\n\t\n");
    write(
        "quote.txt",
        "Unbalanced Quote\n\nThe minister said “we will never give up and left the room.\n\n\
         He returned \"later.\n"
            .as_bytes(),
    );
    write(
        "nested/deeper/inner.md",
        b"# Inner Story Headline\n\nA paragraph from a nested folder, written in Markdown.\n",
    );
    write(
        "page.html",
        br#"<html><head><title>Storm Hits Coast | Planet</title>
            <meta property="og:site_name" content="Planet">
            <script>var leaked = "SCRIPT-CONTENT-MARKER";</script></head>
            <body><nav>Home World</nav><article><h1>Storm Hits Coast</h1>
            <p>The storm hit the coast on Sunday, forecasters said.</p>
            <script>document.write("INLINE-SCRIPT-MARKER")</script>
            <style>.x { color: red }</style></article></body></html>"#,
    );
    write(
        "scripts-only.html",
        b"<html><head><script>alert(1)</script></head><body><script>x()</script></body></html>",
    );
    write("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n");
    write("letter.docx", b"PK\x03\x04\x14\x00\x06\x00");
    write(".hidden.txt", b"Hidden file that must not be read.\n");
    // 25 MB, sparse: the size check must refuse it without reading it.
    let big = std::fs::File::create(root.join("huge.txt")).expect("create");
    big.set_len(25 * 1024 * 1024).expect("set_len");
    #[cfg(unix)]
    std::os::unix::fs::symlink(root, root.join("nested/loop")).expect("symlink");
    dir
}

#[test]
fn awkward_files_are_read_or_listed_as_problems() {
    let dir = awkward_folder();
    let root = dir.path();
    let before = snapshot(root);
    let analysis = analyze_json(root);

    let good = article(&analysis, "good.txt");
    assert_eq!(good["title"], "Council Approves New Budget");
    assert_eq!(good["text"], STORY, "plain text is kept unchanged");

    let latin1 = article(&analysis, "latin1.txt");
    assert_eq!(latin1["title"], "Café Owners Protest");
    assert!(latin1["text"].as_str().unwrap().contains("The café owners"));

    let utf16 = article(&analysis, "utf16.txt");
    assert_eq!(utf16["title"], "Zelensky Thanks Allies");
    assert!(utf16["text"].as_str().unwrap().contains("naïve promise"));

    let quote = article(&analysis, "quote.txt");
    assert!(quote["text"].as_str().unwrap().contains("“we will never"));

    let inner = article(&analysis, "nested/deeper/inner.md");
    assert_eq!(inner["title"], "Inner Story Headline");
    assert_eq!(inner["format"], "markdown");

    let page = article(&analysis, "page.html");
    assert_eq!(page["title"], "Storm Hits Coast");
    assert_eq!(page["outlet"], "Planet");
    assert!(
        page["text"]
            .as_str()
            .unwrap()
            .contains("The storm hit the coast")
    );

    // Script and style content never reaches any article, claim or quote.
    let json = analysis.to_string();
    for marker in [
        "SCRIPT-CONTENT-MARKER",
        "INLINE-SCRIPT-MARKER",
        "color: red",
    ] {
        assert!(!json.contains(marker), "{marker} leaked into the analysis");
    }
    assert!(!json.contains("Hidden file"), "hidden files are skipped");

    assert!(problem(&analysis, "binary.txt").contains("binary"));
    assert_eq!(problem(&analysis, "empty.txt"), "empty file");
    assert_eq!(problem(&analysis, "blank.md"), "empty file");
    assert_eq!(
        problem(&analysis, "huge.txt"),
        "file is 25.0 MB; the limit is 20 MB"
    );
    assert_eq!(
        problem(&analysis, "scripts-only.html"),
        "no article text found"
    );
    assert!(problem(&analysis, "report.pdf").contains(".pdf"));
    assert!(problem(&analysis, "letter.docx").contains(".docx"));
    #[cfg(unix)]
    assert!(problem(&analysis, "nested/loop").contains("loop"));

    let paths: Vec<&str> = analysis["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 6, "{paths:?}");
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "articles come in path order");

    // Every block span slices the article text on character boundaries.
    for article in analysis["articles"].as_array().unwrap() {
        let text = article["text"].as_str().unwrap();
        for block in article["blocks"].as_array().unwrap() {
            let start = block["start"].as_u64().unwrap() as usize;
            let end = block["end"].as_u64().unwrap() as usize;
            assert!(text.get(start..end).is_some(), "{}", article["path"]);
        }
    }

    assert_eq!(snapshot(root), before, "the user's files are not modified");
}

#[test]
fn a_second_run_gives_identical_output() {
    let dir = awkward_folder();
    let path = dir.path().to_str().unwrap();
    let first = parallax(&["analyze", path, "--format", "json"]);
    let second = parallax(&["analyze", path, "--format", "json"]);
    assert!(first.status.success());
    assert_eq!(first.stdout, second.stdout);
}

#[test]
fn single_files_can_be_named() {
    let dir = awkward_folder();
    let good = dir.path().join("good.txt");
    let page = dir.path().join("page.html");
    let output = parallax(&[
        "analyze",
        good.to_str().unwrap(),
        page.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(output.status.success());
    let analysis: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(analysis["articles"].as_array().unwrap().len(), 2);
    assert_eq!(
        article(&analysis, "good.txt")["path"],
        good.to_str().unwrap()
    );
}

#[test]
fn a_missing_path_fails_with_one_line() {
    let dir = awkward_folder();
    let missing = dir.path().join("not-there");
    let good = dir.path().join("good.txt");
    let output = parallax(&["analyze", good.to_str().unwrap(), missing.to_str().unwrap()]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
    assert!(stderr.starts_with("parallax:"), "{stderr}");
    assert!(stderr.contains("not-there"), "{stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn a_folder_without_articles_gives_an_empty_analysis() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("image.png"), b"\x89PNG\r\n").unwrap();
    let analysis = analyze_json(dir.path());
    assert_eq!(analysis["articles"].as_array().unwrap().len(), 0);
    assert_eq!(analysis["problems"].as_array().unwrap().len(), 1);
}

#[test]
fn seeds_folder_with_a_trailing_slash_matches_the_bundled_corpus() {
    let output = parallax(&["analyze", "seeds/", "--format", "json"]);
    assert!(output.status.success());
    let bundled = parallax::engine::analyze_bundled();
    let mut expected = Vec::new();
    parallax::engine::export::write_json(&bundled, &mut expected).unwrap();
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(expected).unwrap()
    );
}
