//! The `parallax` command on the bundled seeds: output formats, determinism, `pairs`, errors.

use std::path::PathBuf;
use std::process::{Command, Output};

fn parallax(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run parallax")
}

fn stdout_of(args: &[&str]) -> String {
    let output = parallax(args);
    assert!(
        output.status.success(),
        "parallax {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

#[test]
fn json_follows_the_contract_and_is_deterministic() {
    let first = stdout_of(&["analyze", "seeds", "--format", "json"]);
    let second = stdout_of(&["analyze", "seeds"]);
    assert_eq!(first, second, "same input gives byte-identical JSON");

    let value: serde_json::Value = serde_json::from_str(&first).expect("valid JSON");
    for key in [
        "articles", "claims", "groups", "quotes", "speakers", "problems",
    ] {
        assert!(value[key].is_array(), "{key} is a list");
    }
    let articles = value["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 4);
    for article in articles {
        for key in ["id", "path", "title", "outlet", "date", "author", "text"] {
            assert!(article.get(key).is_some(), "article has {key}");
        }
        assert!(article["path"].as_str().unwrap().starts_with("seeds/"));
    }
    // Every claim span slices the article text to the claim text.
    let claims = value["claims"].as_array().unwrap();
    assert!(!claims.is_empty());
    for claim in claims {
        let article = articles
            .iter()
            .find(|a| a["id"] == claim["article"])
            .expect("claim's article exists");
        let text = article["text"].as_str().unwrap();
        let (start, end) = (
            claim["start"].as_u64().unwrap() as usize,
            claim["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[start..end], claim["text"].as_str().unwrap());
        assert!(claim["group"].as_str().unwrap().starts_with('g'));
    }
    for group in value["groups"].as_array().unwrap() {
        let status = group["status"].as_str().unwrap();
        assert!(["shared", "differing", "unique"].contains(&status));
    }
}

#[test]
fn the_folder_and_the_bundled_copy_give_the_same_analysis() {
    let from_folder = stdout_of(&["analyze", "seeds"]);
    let bundled = parallax::engine::analyze_bundled();
    let mut bytes = Vec::new();
    parallax::engine::export::write_json(&bundled, &mut bytes).unwrap();
    assert_eq!(from_folder, String::from_utf8(bytes).unwrap());
}

#[test]
fn csv_markdown_and_html_formats() {
    let csv_text = stdout_of(&["analyze", "seeds", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[1], "speaker");
    assert!(reader.records().all(|r| r.is_ok()));

    let claims_csv = stdout_of(&["analyze", "seeds", "--format", "claims-csv"]);
    let mut reader = csv::Reader::from_reader(claims_csv.as_bytes());
    assert_eq!(
        reader.headers().unwrap().len(),
        4 + 4,
        "four fixed columns and one per article"
    );

    let markdown = stdout_of(&["analyze", "seeds", "--format", "markdown"]);
    assert!(markdown.starts_with("# Parallax report"));
    assert!(markdown.contains("## Quotes by speaker"));

    let html = stdout_of(&["analyze", "seeds", "--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>"));
}

#[test]
fn out_file_and_timings() {
    let dir = tempfile::tempdir().unwrap();
    let out: PathBuf = dir.path().join("analysis.json");
    let output = parallax(&[
        "analyze",
        "seeds",
        "--out",
        out.to_str().unwrap(),
        "--timings",
    ]);
    assert!(output.status.success());
    assert!(output.stdout.is_empty(), "--out writes nothing to stdout");
    let stderr = String::from_utf8_lossy(&output.stderr);
    for stage in [
        "Parsing articles",
        "Finding claims",
        "Linking claims",
        "Finding quotes",
        "Total",
    ] {
        assert!(stderr.contains(stage), "timings name {stage}: {stderr}");
    }
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(written, stdout_of(&["analyze", "seeds"]));
}

#[test]
fn pairs_judges_each_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pairs.tsv");
    std::fs::write(
        &file,
        "p1\tThe minister resigned on Monday.\tThe minister resigned on Monday.\n\
         p2\tThe river flooded three villages.\tA new stadium opened downtown with a concert.\n",
    )
    .unwrap();
    let stdout = stdout_of(&["pairs", file.to_str().unwrap()]);
    let rows: Vec<Vec<&str>> = stdout.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0][0], "p1");
    assert_eq!(rows[0][2], "same");
    assert_eq!(rows[1][2], "unrelated");
    let score = |row: &[&str]| row[1].parse::<f64>().unwrap();
    assert!(score(&rows[0]) > score(&rows[1]));
}

#[test]
fn errors_are_one_line_with_a_non_zero_exit() {
    let output = parallax(&["analyze", "no/such/folder"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
    assert!(stderr.starts_with("parallax: "));

    let output = parallax(&["pairs", "no/such/file.tsv"]);
    assert!(!output.status.success());

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.tsv");
    std::fs::write(&file, "only-one-field\n").unwrap();
    let output = parallax(&["pairs", file.to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("line 1"));
}
