//! Writes the training data of the selection model (`src/engine/quotes/selection.rs`): one
//! line per candidate attribution, `label<TAB>speaker_label<TAB>article<TAB>start<TAB>end<TAB>feature<TAB>…`
//! (the content as a byte span; a feature is a flag, or a number written `#name=value`).
//!
//! `cargo run --release --no-default-features --example selection_data -- \
//!     ../shared/eval/polnear/train.jsonl /tmp/selection-train.txt`
//!
//! With `FOLDS` tagger weight files after the paths (`examples/tagger_data.rs` with
//! `FOLD FOLDS`, then `scripts/train_tagger.py`), article `i` is read by the tagger fitted
//! without it, file `i % FOLDS`: the tagger then reads train as it reads new text, and the
//! model does not learn to trust it more than it should. Each file may be followed, after
//! commas, by the neural taggers fitted on the same fold (`scripts/train_neural_tagger.py`),
//! which are then averaged with it as the committed ones are. Without them the committed tagger
//! reads every article (right for dev, which it has not seen).
//!
//! A candidate is labelled 1 when its content overlaps an annotated content with a Jaccard
//! overlap of at least 0.5 (in bytes), as the scorer counts a match, else 0; its speaker
//! label is 1 when, besides, its source overlaps that attribution's source (or neither has
//! one). The output holds
//! article words as feature values: it is for `scripts/train_selection.py` and must not be
//! committed.

use std::io::Write;

use anyhow::Context;
use parallax::engine::quotes::{TaggerNetwork, TaggerWeights, selection_candidates};

mod attribution_gold;

/// Jaccard overlap of a span with a set of disjoint spans, in bytes.
fn jaccard((start, end): (usize, usize), spans: &[(usize, usize)]) -> f64 {
    let inter: usize = spans
        .iter()
        .map(|&(a, b)| b.min(end).saturating_sub(a.max(start)))
        .sum();
    let total: usize = spans.iter().map(|(a, b)| b - a).sum::<usize>() + (end - start);
    let union = total - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: selection_data GOLD.jsonl OUT.txt [TAGGER_FOLD.tsv.gz[,NETWORK_FOLD.bin.gz...] ...]";
    let gold_path = args.next().context(usage)?;
    let out_path = args.next().context(usage)?;
    let folds: Vec<TaggerWeights> = args
        .map(|arg| {
            let mut paths = arg.split(',');
            let path = paths.next().unwrap_or_default();
            let gz = std::fs::read(path).with_context(|| path.to_owned())?;
            let weights = TaggerWeights::from_gz(&gz).with_context(|| path.to_owned())?;
            paths.try_fold(weights, |weights, path| {
                let gz = std::fs::read(path).with_context(|| path.to_owned())?;
                let network = TaggerNetwork::from_gz(&gz).with_context(|| path.to_owned())?;
                anyhow::Ok(weights.with_network(network))
            })
        })
        .collect::<anyhow::Result<_>>()?;
    let mut out = std::io::BufWriter::new(std::fs::File::create(&out_path)?);
    let (mut candidates, mut positives) = (0usize, 0usize);
    for (index, annotated) in attribution_gold::load(&gold_path)?.iter().enumerate() {
        type Spans = Vec<(usize, usize)>;
        let contents: Vec<(Spans, Spans)> = annotated
            .attributions
            .iter()
            .map(|a| {
                (
                    annotated.byte_spans(a.get("content")),
                    annotated.byte_spans(a.get("source")),
                )
            })
            .filter(|(c, _)| !c.is_empty())
            .collect();
        let tagger = match folds.len() {
            0 => TaggerWeights::committed(),
            n => &folds[index % n],
        };
        for (quote, features) in selection_candidates(&annotated.article, tagger) {
            let best = contents
                .iter()
                .map(|(c, source)| (jaccard((quote.start, quote.end), c), source))
                .max_by(|a, b| a.0.total_cmp(&b.0));
            let matched = best.is_some_and(|(j, _)| j >= 0.5);
            let speaker_right = best.is_some_and(|(j, source)| {
                j >= 0.5
                    && match quote.speaker {
                        Some((s, e)) => source.iter().any(|&(a, b)| a < e && s < b),
                        None => source.is_empty(),
                    }
            });
            write!(
                out,
                "{}\t{}\t{index}\t{}\t{}",
                u8::from(matched),
                u8::from(speaker_right),
                quote.start,
                quote.end
            )?;
            for f in &features.flags {
                write!(out, "\t{f}")?;
            }
            for (name, value) in &features.values {
                write!(out, "\t#{name}={value:.4}")?;
            }
            writeln!(out)?;
            candidates += 1;
            positives += usize::from(matched);
        }
    }
    out.flush()?;
    eprintln!("{candidates} candidates, {positives} matching a content");
    Ok(())
}
