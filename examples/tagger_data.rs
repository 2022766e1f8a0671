//! Writes the training data of the attribution tagger (`src/engine/quotes/tagger.rs`): one
//! line per token, `label<TAB>feature<TAB>…`, and a blank line after each paragraph.
//!
//! `cargo run --release --no-default-features --example tagger_data -- \
//!     ../shared/eval/polnear/train.jsonl /tmp/tagger-train.txt`
//!
//! Labels come from the annotated attributions: tokens inside a content are content (the
//! outermost content when attributions nest; `B` where a content starts), tokens of a cue or
//! source outside every content are cue or source, everything else is outside. The output
//! holds article words as feature values: it is for `scripts/train_tagger.py` and must not be
//! committed.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use parallax::engine::corpus::Document;
use parallax::engine::model::{ArticleId, SourceFormat};
use parallax::engine::parse;
use parallax::engine::quotes::{TaggerLabel as Label, tagger_sequences, write_tagger_sequence};
use serde_json::Value;

/// Byte spans of a gold part (`{spans: [[start, end], ...]}` in code points).
fn byte_spans(part: Option<&Value>, char_to_byte: &[usize]) -> Vec<(usize, usize)> {
    let Some(spans) = part.and_then(|p| p.get("spans")).and_then(Value::as_array) else {
        return Vec::new();
    };
    spans
        .iter()
        .filter_map(|s| {
            let a = s.get(0)?.as_u64()? as usize;
            let b = s.get(1)?.as_u64()? as usize;
            Some((*char_to_byte.get(a)?, *char_to_byte.get(b)?))
        })
        .collect()
}

fn inside(spans: &[(usize, usize)], token: (usize, usize)) -> bool {
    spans.iter().any(|&(a, b)| a <= token.0 && token.1 <= b)
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: tagger_data GOLD.jsonl OUT.txt";
    let gold_path = args.next().context(usage)?;
    let out_path = args.next().context(usage)?;
    let base = Path::new(&gold_path).parent().unwrap_or(Path::new("."));
    let mut out = std::io::BufWriter::new(std::fs::File::create(&out_path)?);
    let (mut tokens, mut paragraphs) = (0usize, 0usize);
    for (index, line) in std::fs::read_to_string(&gold_path)?.lines().enumerate() {
        let record: Value = serde_json::from_str(line)?;
        let file = record["text_file"].as_str().context("text_file")?;
        let text = std::fs::read_to_string(base.join(file))?;
        let mut char_to_byte: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        char_to_byte.push(text.len());
        let document = Document {
            path: file.to_owned(),
            format: SourceFormat::Text,
            text: text.clone(),
        };
        let article = parse::parse(ArticleId::from(index), &document);
        anyhow::ensure!(article.text == text, "{file}: analysed text differs");
        type Spans = Vec<(usize, usize)>;
        // (content, cue, source) of each attribution, longest content first so that the
        // outermost of nested contents labels its tokens.
        let mut golds: Vec<(Spans, Spans, Spans)> = record["attributions"]
            .as_array()
            .context("attributions")?
            .iter()
            .map(|a| {
                (
                    byte_spans(a.get("content"), &char_to_byte),
                    byte_spans(a.get("cue"), &char_to_byte),
                    byte_spans(a.get("source"), &char_to_byte),
                )
            })
            .filter(|(content, _, _)| !content.is_empty())
            .collect();
        let length = |s: &Spans| s.iter().map(|(a, b)| b - a).sum::<usize>();
        golds.sort_by_key(|g| std::cmp::Reverse(length(&g.0)));
        for (spans, features) in tagger_sequences(&article) {
            let mut labels = Vec::with_capacity(spans.len());
            let mut previous_content: Option<usize> = None;
            for &token in &spans {
                let content = golds.iter().position(|g| inside(&g.0, token));
                let label = match content {
                    Some(g) if previous_content == Some(g) => Label::ContentInside,
                    Some(_) => Label::ContentBegin,
                    None if golds.iter().any(|g| inside(&g.1, token)) => Label::Cue,
                    None if golds.iter().any(|g| inside(&g.2, token)) => Label::Source,
                    None => Label::Outside,
                };
                previous_content = content;
                labels.push(label);
            }
            let mut buffer = String::new();
            write_tagger_sequence(&mut buffer, &features, &labels);
            out.write_all(buffer.as_bytes())?;
            tokens += spans.len();
            paragraphs += 1;
        }
    }
    out.flush()?;
    eprintln!("{paragraphs} paragraphs, {tokens} tokens");
    Ok(())
}
