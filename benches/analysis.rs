//! Load and analysis speed: the bundled seeds, synthetic corpora of 500 to 4,000 articles,
//! and (when `../shared/eval` is beside the project) the 840 PolNeAR train articles.
//!
//! `cargo bench --bench analysis`; the figures are in the README.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use parallax::engine::{self, RunControl, corpus, synthetic};
use std::hint::black_box;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

fn run(corpus: corpus::Corpus) -> engine::Analysis {
    let cancel = AtomicBool::new(false);
    let progress = engine::no_progress();
    let control = RunControl {
        progress: &progress,
        cancel: &cancel,
    };
    match engine::analyze(corpus, control) {
        Ok((analysis, _)) => analysis,
        Err(err) => panic!("analysis failed: {err}"),
    }
}

fn seeds(c: &mut Criterion) {
    c.bench_function("analyze/seeds", |b| {
        b.iter(|| black_box(run(corpus::bundled())))
    });
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    c.bench_function("load+analyze/seeds folder", |b| {
        b.iter(|| {
            let cancel = AtomicBool::new(false);
            let progress = engine::no_progress();
            let control = RunControl {
                progress: &progress,
                cancel: &cancel,
            };
            black_box(engine::analyze_paths(std::slice::from_ref(&dir), control).ok())
        })
    });
}

fn synthetic_corpora(c: &mut Criterion) {
    let mut group = c.benchmark_group("analyze/synthetic");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    for articles in [500, 1_000, 2_000, 4_000] {
        let corpus = synthetic::corpus(articles, 42);
        group.throughput(Throughput::Elements(articles as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(articles),
            &corpus,
            |b, corpus| {
                b.iter_batched(
                    || corpus.clone(),
                    |corpus| black_box(run(corpus)),
                    criterion::BatchSize::LargeInput,
                )
            },
        );
    }
    group.finish();
}

fn polnear(c: &mut Criterion) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/polnear/train/text");
    if !dir.is_dir() {
        eprintln!(
            "skipping load+analyze/polnear train: {} not found",
            dir.display()
        );
        return;
    }
    let mut group = c.benchmark_group("load+analyze");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("polnear train (840 articles)", |b| {
        b.iter(|| {
            let cancel = AtomicBool::new(false);
            let progress = engine::no_progress();
            let control = RunControl {
                progress: &progress,
                cancel: &cancel,
            };
            black_box(engine::analyze_paths(std::slice::from_ref(&dir), control).ok())
        })
    });
    group.finish();
}

/// The attribution tagger's networks alone (most of the time of finding quotes): one
/// network over the paragraphs of 1 and of 32 articles of nine paragraphs, 10 to 60 tokens.
fn tagger_networks(c: &mut Criterion) {
    use parallax::engine::quotes::TaggerWeights;
    let weights = TaggerWeights::committed();
    let network = &weights.networks()[0];
    let words = [
        "w=he", "w=said", "w=the", "w=.", "w=,", "w=that", "w=it", "w=would",
    ];
    let rows: Vec<u32> = words
        .iter()
        .filter_map(|w| network.row(parallax::engine::quotes::feature_key(w)))
        .collect();
    let paragraphs = |articles: usize| -> Vec<Vec<f32>> {
        (0..articles * 9)
            .map(|p| {
                let n_tokens = 10 + (p * 37) % 51;
                let mut inputs = network.empty_inputs(n_tokens);
                for token in 0..n_tokens {
                    for k in 0..3 {
                        network.add_row(&mut inputs, token, rows[(p + token * 3 + k) % rows.len()]);
                    }
                }
                inputs
            })
            .collect()
    };
    let mut group = c.benchmark_group("tagger network");
    for articles in [1, 32] {
        let inputs = paragraphs(articles);
        let n_tokens: usize = inputs.iter().map(|x| x.len()).sum::<usize>() / network.input_size();
        group.throughput(Throughput::Elements(n_tokens as u64));
        group.bench_with_input(
            BenchmarkId::new("articles", articles),
            &inputs,
            |b, inputs| b.iter(|| black_box(network.emissions_many(inputs))),
        );
    }
    group.finish();
}

criterion_group!(benches, seeds, synthetic_corpora, polnear, tagger_networks);
criterion_main!(benches);
