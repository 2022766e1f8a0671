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
//!
//! With `FOLD FOLDS` after the paths, the articles whose index is `FOLD` modulo `FOLDS` are
//! left out: a tagger fitted on the rest reads them as unseen text, for the selection model's
//! training data (`examples/selection_data.rs`).

use std::io::Write;

use anyhow::Context;
use parallax::engine::quotes::{TaggerLabel as Label, tagger_sequences, write_tagger_sequence};

mod attribution_gold;

fn inside(spans: &[(usize, usize)], token: (usize, usize)) -> bool {
    spans.iter().any(|&(a, b)| a <= token.0 && token.1 <= b)
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: tagger_data GOLD.jsonl OUT.txt [FOLD FOLDS]";
    let gold_path = args.next().context(usage)?;
    let out_path = args.next().context(usage)?;
    let fold: Option<(usize, usize)> = match (args.next(), args.next()) {
        (Some(k), Some(n)) => Some((k.parse()?, n.parse()?)),
        _ => None,
    };
    let mut out = std::io::BufWriter::new(std::fs::File::create(&out_path)?);
    let (mut tokens, mut paragraphs) = (0usize, 0usize);
    for (index, annotated) in attribution_gold::load(&gold_path)?.into_iter().enumerate() {
        if fold.is_some_and(|(k, n)| index % n == k) {
            continue;
        }
        type Spans = Vec<(usize, usize)>;
        // (content, cue, source) of each attribution, longest content first so that the
        // outermost of nested contents labels its tokens.
        let mut golds: Vec<(Spans, Spans, Spans)> = annotated
            .attributions
            .iter()
            .map(|a| {
                (
                    annotated.byte_spans(a.get("content")),
                    annotated.byte_spans(a.get("cue")),
                    annotated.byte_spans(a.get("source")),
                )
            })
            .filter(|(content, _, _)| !content.is_empty())
            .collect();
        let length = |s: &Spans| s.iter().map(|(a, b)| b - a).sum::<usize>();
        golds.sort_by_key(|g| std::cmp::Reverse(length(&g.0)));
        for (spans, features) in tagger_sequences(&annotated.article) {
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
