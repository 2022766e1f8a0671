//! Fits the weights of the learned attribution pass (`src/engine/quotes/learned.rs`) on
//! PolNeAR train, and writes them as `feature<TAB>weight` lines.
//!
//! `cargo run --release --no-default-features --example train_attributions -- \
//!     ../shared/eval/polnear/train.jsonl src/engine/quotes/attribution_weights.tsv`
//!
//! Every candidate the rules leave is an example; it is positive when its content overlaps
//! an annotated content that no rule quote already matches with a Jaccard overlap of at least
//! 0.5 (the scorer's criterion). The model is an L2-regularised logistic regression fitted
//! with AdaGrad in a fixed order, so the output is deterministic. Only feature names seen at
//! least `MIN_COUNT` times and their weights are written: no article text. For
//! experiments, the environment variables `MIN_COUNT` (3), `EPOCHS` (12), `LR` (0.2) and `L2`
//! (1e-5) override the committed settings.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use anyhow::Context;
use parallax::engine::quotes;

mod attribution_gold;

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
const MATCH: f64 = 0.5;

fn jaccard(gold: &[(usize, usize)], pred: (usize, usize)) -> f64 {
    let gold_len: usize = gold.iter().map(|(a, b)| b - a).sum();
    let inter: usize = gold
        .iter()
        .map(|&(a, b)| b.min(pred.1).saturating_sub(a.max(pred.0)))
        .sum();
    let union = gold_len + (pred.1 - pred.0) - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

fn main() -> anyhow::Result<()> {
    let settings = Settings {
        min_count: env_or("MIN_COUNT", 3),
        epochs: env_or("EPOCHS", 12),
        learning_rate: env_or("LR", 0.2),
        l2: env_or("L2", 1e-5),
    };
    let mut args = std::env::args().skip(1);
    let usage = "usage: train_attributions TRAIN.jsonl OUT.tsv";
    let gold_path = args.next().context(usage)?;
    let out_path = args.next().context(usage)?;

    let mut cue_model = Examples::default();
    let mut ending_model = Examples::default();
    let (mut gold_total, mut gold_by_rules, mut reachable) = (0, 0, 0);
    for annotated in attribution_gold::load(&gold_path)? {
        // (content, cue) byte spans of each annotated attribution.
        type Spans = Vec<(usize, usize)>;
        let golds: Vec<(Spans, Spans)> = annotated
            .attributions
            .iter()
            .filter_map(|a| {
                let content = annotated.byte_spans(a.get("content"));
                let cue = annotated.byte_spans(a.get("cue"));
                (!content.is_empty()).then_some((content, cue))
            })
            .collect();
        let (rules, candidates) = quotes::training_candidates(&annotated.article);
        let open: Vec<&(Spans, Spans)> = golds
            .iter()
            .filter(|(g, _)| !rules.iter().any(|r| jaccard(g, (r.start, r.end)) >= MATCH))
            .collect();
        gold_total += golds.len();
        gold_by_rules += golds.len() - open.len();
        let mut reached = vec![false; open.len()];
        for candidate in candidates {
            // The annotated attributions whose cue holds the candidate's cue word (a
            // neighbouring word with a similar content is not the attribution), and which
            // one of its endings can match.
            let (cs, ce) = candidate.cue;
            let at_cue: Vec<usize> = open
                .iter()
                .enumerate()
                .filter(|(_, (_, cue))| cue.iter().any(|&(a, b)| a < ce && cs < b))
                .map(|(g, _)| g)
                .collect();
            let good: Vec<bool> = candidate
                .endings
                .iter()
                .map(|(span, _)| at_cue.iter().any(|&g| jaccard(&open[g].0, *span) >= MATCH))
                .collect();
            for &g in &at_cue {
                if candidate
                    .endings
                    .iter()
                    .any(|(span, _)| jaccard(&open[g].0, *span) >= MATCH)
                {
                    reached[g] = true;
                }
            }
            let is_cue = good.iter().any(|&g| g);
            cue_model.push(candidate.features, is_cue);
            if is_cue {
                for ((_, features), good) in candidate.endings.into_iter().zip(good) {
                    ending_model.push(features, good);
                }
            }
        }
        reachable += reached.iter().filter(|&&r| r).count();
    }
    eprintln!(
        "{gold_total} gold contents, {gold_by_rules} matched by the rules, {reachable} more reachable by candidates"
    );
    let mut out = std::io::BufWriter::new(std::fs::File::create(&out_path)?);
    writeln!(
        out,
        "# model\tfeature\tweight: fitted by examples/train_attributions.rs on PolNeAR train"
    )?;
    for (name, examples) in [("cue", cue_model), ("ending", ending_model)] {
        let (bias, weights) = examples.fit(&settings, name);
        writeln!(out, "{name}\tbias\t{bias:.4}")?;
        for (feature, weight) in weights {
            writeln!(out, "{name}\t{feature}\t{weight:.4}")?;
        }
    }
    eprintln!("wrote {out_path}");
    Ok(())
}

struct Settings {
    min_count: usize,
    epochs: usize,
    learning_rate: f64,
    l2: f64,
}

/// Examples of one model, with interned feature names.
#[derive(Default)]
struct Examples {
    names: HashMap<String, usize>,
    counts: Vec<usize>,
    rows: Vec<(Vec<usize>, bool)>,
}

impl Examples {
    fn push(&mut self, features: Vec<String>, positive: bool) {
        let ids = features
            .into_iter()
            .map(|f| {
                let next = self.names.len();
                let id = *self.names.entry(f).or_insert(next);
                if id == self.counts.len() {
                    self.counts.push(0);
                }
                self.counts[id] += 1;
                id
            })
            .collect();
        self.rows.push((ids, positive));
    }

    /// AdaGrad logistic regression; features seen fewer than `min_count` times are
    /// ignored. Returns the bias and the weights by feature name, sorted.
    fn fit(self, settings: &Settings, label: &str) -> (f64, BTreeMap<String, f64>) {
        let Examples {
            names,
            counts,
            rows,
        } = self;
        let positives = rows.iter().filter(|r| r.1).count();
        eprintln!(
            "{label}: {} examples, {positives} positive, {} features",
            rows.len(),
            names.len()
        );
        let kept = |f: usize| counts[f] >= settings.min_count;
        let mut weights = vec![0.0f64; names.len()];
        let mut squared = vec![1e-8f64; names.len()];
        let (mut bias, mut bias_squared) = (0.0f64, 1e-8f64);
        let mut order: Vec<usize> = (0..rows.len()).collect();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for epoch in 0..settings.epochs {
            for i in (1..order.len()).rev() {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                order.swap(i, (seed >> 33) as usize % (i + 1));
            }
            let mut loss = 0.0;
            for &e in &order {
                let (ids, positive) = &rows[e];
                let z: f64 = bias
                    + ids
                        .iter()
                        .filter(|&&f| kept(f))
                        .map(|&f| weights[f])
                        .sum::<f64>();
                let p = 1.0 / (1.0 + (-z).exp());
                loss -= if *positive {
                    p.max(1e-12).ln()
                } else {
                    (1.0 - p).max(1e-12).ln()
                };
                let g = p - if *positive { 1.0 } else { 0.0 };
                bias_squared += g * g;
                bias -= settings.learning_rate * g / bias_squared.sqrt();
                for &f in ids.iter().filter(|&&f| kept(f)) {
                    let gf = g + settings.l2 * weights[f];
                    squared[f] += gf * gf;
                    weights[f] -= settings.learning_rate * gf / squared[f].sqrt();
                }
            }
            eprintln!(
                "{label} epoch {epoch}: mean loss {:.4}",
                loss / rows.len().max(1) as f64
            );
        }
        let sorted = names
            .into_iter()
            .filter(|&(_, id)| kept(id) && weights[id].abs() >= 1e-3)
            .map(|(name, id)| (name, weights[id]))
            .collect();
        (bias, sorted)
    }
}
