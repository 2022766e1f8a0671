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
//! overlap of at least 0.5 (in bytes), as the scorer counts a match, and no other candidate
//! overlaps that content by [`MAX_SHORTFALL`] more, else 0; its speaker
//! label is 1 when, besides, its source overlaps that attribution's source (or neither has
//! one). The output holds
//! article words as feature values: it is for `scripts/train_selection.py` and must not be
//! committed.

use std::io::Write;

use anyhow::Context;
use parallax::engine::quotes::{TaggerNetwork, TaggerWeights, selection_candidates};

mod attribution_gold;

/// The overlap at which the scorer counts a match.
const MIN_OVERLAP: f64 = 0.5;

/// How much less than the best candidate a matching candidate may overlap its annotated
/// content and still be labelled 1. Without it a content cut short at a clause boundary
/// counts as right as soon as it passes [`MIN_OVERLAP`], and the models learn no preference
/// between it and the whole: on PolNeAR dev, F1 at overlap 0.8 fell from 0.604 to 0.580 when
/// contents were also cut at prepositions. With it, 0.630.
const MAX_SHORTFALL: f64 = 0.3;

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
        let candidates_here = selection_candidates(&annotated.article, tagger);
        // Each candidate's best-overlapping annotated content, and each content's best overlap
        // by any candidate.
        let best_of: Vec<Option<(f64, usize)>> = candidates_here
            .iter()
            .map(|(quote, _)| {
                contents
                    .iter()
                    .enumerate()
                    .map(|(k, (c, _))| (jaccard((quote.start, quote.end), c), k))
                    .max_by(|a, b| a.0.total_cmp(&b.0))
            })
            .collect();
        let mut best_overlap = vec![0.0f64; contents.len()];
        for &(j, k) in best_of.iter().flatten() {
            best_overlap[k] = best_overlap[k].max(j);
        }
        for ((quote, features), best) in candidates_here.iter().zip(best_of) {
            let best = best.map(|(j, k)| (j, &contents[k].1, best_overlap[k]));
            let matched =
                best.is_some_and(|(j, _, top)| j >= MIN_OVERLAP && j >= top - MAX_SHORTFALL);
            let speaker_right = best.is_some_and(|(_, source, _)| {
                matched
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
