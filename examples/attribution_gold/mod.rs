//! Reading PolNeAR gold for the training examples (`train_attributions`, `tagger_data`):
//! each article parsed as the engine parses it, and the gold spans as byte spans.

use std::path::Path;

use anyhow::Context;
use parallax::engine::corpus::Document;
use parallax::engine::model::{Article, ArticleId, SourceFormat};
use parallax::engine::parse;
use serde_json::Value;

/// One article of a PolNeAR split with its annotated attributions.
pub struct Annotated {
    pub article: Article,
    /// The `attributions` of the gold record: `{source, cue, content, type}` each.
    pub attributions: Vec<Value>,
    /// Byte offset of each code point of the text, and the text's length after the last.
    char_to_byte: Vec<usize>,
}

impl Annotated {
    /// Byte spans of a gold part (`{spans: [[start, end], ...]}` in code points); none when
    /// the part is missing.
    pub fn byte_spans(&self, part: Option<&Value>) -> Vec<(usize, usize)> {
        let Some(spans) = part.and_then(|p| p.get("spans")).and_then(Value::as_array) else {
            return Vec::new();
        };
        spans
            .iter()
            .filter_map(|s| {
                let a = s.get(0)?.as_u64()? as usize;
                let b = s.get(1)?.as_u64()? as usize;
                Some((*self.char_to_byte.get(a)?, *self.char_to_byte.get(b)?))
            })
            .collect()
    }
}

/// Every article of a gold file (`polnear/{train,dev}.jsonl`), read from the text folder
/// beside it. Fails when the engine would analyse a text other than the file's, since the
/// gold offsets would then not fit.
pub fn load(gold_path: &str) -> anyhow::Result<Vec<Annotated>> {
    let base = Path::new(gold_path).parent().unwrap_or(Path::new("."));
    let mut out = Vec::new();
    for (index, line) in std::fs::read_to_string(gold_path)?.lines().enumerate() {
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
        anyhow::ensure!(
            article.text == text,
            "{file}: analysed text differs from the file"
        );
        let attributions = record["attributions"]
            .as_array()
            .context("attributions")?
            .clone();
        out.push(Annotated {
            article,
            attributions,
            char_to_byte,
        });
    }
    Ok(out)
}
