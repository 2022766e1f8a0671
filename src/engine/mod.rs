//! The analysis engine: plain data in, plain data out, no UI.
//!
//! The pipeline runs in stages, each in its own module:
//! [`corpus`] (find and decode files) → [`parse`] (title, metadata, blocks) →
//! [`segment`] (claims) → [`align`] (claim groups and differences, scored by
//! [`similarity`]) → [`quotes`] and [`speakers`] → [`export`].
//!
//! [`analyze`] runs them all, reports progress, and can be cancelled.

pub mod align;
pub mod corpus;
pub mod differences;
pub mod export;
pub mod gender;
pub mod model;
pub mod numbers;
pub mod parse;
pub mod quotes;
pub mod segment;
pub mod similarity;
pub mod speakers;
pub mod synthetic;
pub mod text;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

pub use corpus::{Corpus, Document};
pub use model::*;

/// A stage of the pipeline, in the order they run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    Reading,
    Parsing,
    Segmenting,
    Grouping,
    Quotes,
    Speakers,
}

impl Stage {
    pub const ALL: [Stage; 6] = [
        Stage::Reading,
        Stage::Parsing,
        Stage::Segmenting,
        Stage::Grouping,
        Stage::Quotes,
        Stage::Speakers,
    ];

    /// Sentence-case label for progress displays.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Reading => "Reading files",
            Stage::Parsing => "Parsing articles",
            Stage::Segmenting => "Finding claims",
            Stage::Grouping => "Linking claims",
            Stage::Quotes => "Finding quotes",
            Stage::Speakers => "Merging speakers",
        }
    }
}

/// Where the pipeline is: `done` of `total` items of `stage`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub stage: Stage,
    pub done: usize,
    pub total: usize,
}

/// Receives progress reports; called from the analysing thread (and from rayon workers).
pub trait ProgressSink: Sync {
    fn report(&self, progress: Progress);
}

impl<F: Fn(Progress) + Sync> ProgressSink for F {
    fn report(&self, progress: Progress) {
        self(progress);
    }
}

/// A sink that ignores progress.
pub fn no_progress() -> impl ProgressSink {
    |_: Progress| {}
}

/// Wall-clock time of each stage that ran.
#[derive(Clone, Debug, Default)]
pub struct Timings {
    pub stages: Vec<(Stage, Duration)>,
}

impl Timings {
    pub fn total(&self) -> Duration {
        self.stages.iter().map(|(_, d)| *d).sum()
    }
}

impl std::fmt::Display for Timings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (stage, duration) in &self.stages {
            writeln!(
                f,
                "{:<18} {:>10.1} ms",
                stage.label(),
                duration.as_secs_f64() * 1e3
            )?;
        }
        write!(
            f,
            "{:<18} {:>10.1} ms",
            "Total",
            self.total().as_secs_f64() * 1e3
        )
    }
}

/// Why an analysis stopped without a result.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("cancelled")]
    Cancelled,
    #[error(transparent)]
    Corpus(#[from] corpus::CorpusError),
}

/// Options for a run of the pipeline.
#[derive(Clone, Copy)]
pub struct RunControl<'a> {
    pub progress: &'a dyn ProgressSink,
    /// Set from another thread to stop the run at the next checkpoint.
    pub cancel: &'a AtomicBool,
}

impl std::fmt::Debug for RunControl<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunControl")
            .field("cancel", &self.cancel)
            .finish_non_exhaustive()
    }
}

impl RunControl<'_> {
    fn check(&self) -> Result<(), EngineError> {
        if self.cancel.load(Ordering::Relaxed) {
            Err(EngineError::Cancelled)
        } else {
            Ok(())
        }
    }

    fn report(&self, stage: Stage, done: usize, total: usize) {
        self.progress.report(Progress { stage, done, total });
    }
}

/// Reads `paths` (folders and files) and analyses them.
pub fn analyze_paths(
    paths: &[PathBuf],
    control: RunControl<'_>,
) -> Result<(Analysis, Timings), EngineError> {
    let started = Instant::now();
    let corpus = corpus::load_paths(paths, &|done, total| {
        control.report(Stage::Reading, done, total);
    })?;
    let reading = started.elapsed();
    control.check()?;
    let (analysis, mut timings) = analyze(corpus, control)?;
    timings.stages.insert(0, (Stage::Reading, reading));
    Ok((analysis, timings))
}

/// Analyses a loaded corpus.
pub fn analyze(
    corpus: Corpus,
    control: RunControl<'_>,
) -> Result<(Analysis, Timings), EngineError> {
    let mut timings = Timings::default();
    // The quote models load while the stages before them run. A failure (a bug: they are
    // compiled in and tested) shows again, as a problem, where the quote stage uses them.
    rayon::spawn(|| {
        let _ = std::panic::catch_unwind(quotes::load_models);
    });
    let Corpus {
        documents,
        mut problems,
        ..
    } = corpus;

    // Parsing. A bug in one stage on one article must not take the whole run down (nor
    // the window): each per-article step runs guarded, and a failure becomes a problem.
    let started = Instant::now();
    let parsed = map_guarded(
        &documents,
        (Stage::Parsing, "parsing"),
        &control,
        |document| &document.path,
        |index, document| parse::parse(ArticleId::from(index), document),
    )?;
    let mut articles = Vec::with_capacity(parsed.len());
    for result in parsed {
        match result {
            Ok(mut article) => {
                article.id = ArticleId::from(articles.len());
                articles.push(article);
            }
            Err(problem) => problems.push(problem),
        }
    }
    timings.stages.push((Stage::Parsing, started.elapsed()));
    control.check()?;

    // Segmenting.
    let started = Instant::now();
    let per_article = map_guarded(
        &articles,
        (Stage::Segmenting, "finding claims"),
        &control,
        |article| &article.path,
        |_, article| segment::claims_of(article),
    )?;
    let mut claims = Vec::new();
    for result in per_article {
        match result {
            Ok(found) => claims.extend(found),
            Err(problem) => problems.push(problem),
        }
    }
    for (index, claim) in claims.iter_mut().enumerate() {
        claim.id = ClaimId::from(index);
    }
    timings.stages.push((Stage::Segmenting, started.elapsed()));
    control.check()?;

    // Grouping.
    let started = Instant::now();
    // On failure every claim's group is reset below, so a half-done run leaves no trace.
    let linked = guarded(|| {
        align::group_claims(&articles, &mut claims, &|done, total| {
            control.report(Stage::Grouping, done, total);
        })
    });
    let groups = match linked {
        Ok(groups) => groups,
        Err(message) => {
            problems.push(internal_problem(
                "(all articles)",
                "linking claims",
                &message,
            ));
            singleton_groups(&mut claims)
        }
    };
    timings.stages.push((Stage::Grouping, started.elapsed()));
    control.check()?;

    // Quotes, a few articles at a time: the tagger's networks read them together.
    let started = Instant::now();
    let per_article = map_guarded_in_chunks(
        &articles,
        (Stage::Quotes, "finding quotes"),
        &control,
        |article| &article.path,
        quotes::extract_many,
    )?;
    let mentions: Vec<Vec<quotes::RawQuote>> = per_article
        .into_iter()
        .map(|result| {
            result.unwrap_or_else(|problem| {
                problems.push(problem);
                Vec::new()
            })
        })
        .collect();
    timings.stages.push((Stage::Quotes, started.elapsed()));
    control.check()?;

    // Speakers.
    let started = Instant::now();
    let (quotes, speakers) =
        guarded(|| speakers::attribute(&articles, mentions)).unwrap_or_else(|message| {
            problems.push(internal_problem(
                "(all articles)",
                "merging speakers",
                &message,
            ));
            (Vec::new(), Vec::new())
        });
    control.report(Stage::Speakers, articles.len(), articles.len());
    timings.stages.push((Stage::Speakers, started.elapsed()));

    problems.sort();
    Ok((
        Analysis {
            articles,
            claims,
            groups,
            quotes,
            speakers,
            problems,
        },
        timings,
    ))
}

/// Runs one per-item stage in parallel, guarded (a panic becomes a problem about that item's
/// file, named by `doing`), reporting progress as each item is done. Stops with
/// [`EngineError::Cancelled`] once the run is cancelled.
fn map_guarded<I: Sync, T: Send>(
    items: &[I],
    stage: (Stage, &str),
    control: &RunControl<'_>,
    path_of: impl Fn(&I) -> &str + Sync,
    step: impl Fn(usize, &I) -> T + Sync,
) -> Result<Vec<Result<T, Problem>>, EngineError> {
    map_guarded_chunks(items, stage, control, path_of, 1, |first, chunk| {
        (first..)
            .zip(chunk)
            .map(|(index, item)| step(index, item))
            .collect()
    })
}

/// [`map_guarded`] for a step that is faster on several items at once: `step_many` runs on
/// chunks of items in parallel and returns one output per item.
fn map_guarded_in_chunks<I: Sync, T: Send>(
    items: &[I],
    stage: (Stage, &str),
    control: &RunControl<'_>,
    path_of: impl Fn(&I) -> &str + Sync,
    step_many: impl Fn(&[I]) -> Vec<T> + Sync,
) -> Result<Vec<Result<T, Problem>>, EngineError> {
    /// Enough chunks per thread to balance the load; beyond this size a chunk is no faster.
    const CHUNKS_PER_THREAD: usize = 4;
    const MAX_CHUNK_SIZE: usize = 32;
    let chunk_size =
        (items.len() / (CHUNKS_PER_THREAD * rayon::current_num_threads())).clamp(1, MAX_CHUNK_SIZE);
    map_guarded_chunks(items, stage, control, path_of, chunk_size, |_, chunk| {
        step_many(chunk)
    })
}

/// Runs `step` on chunks of `chunk_size` items in parallel (given the index of each chunk's
/// first item; one output per item), reporting progress and stopping when cancelled. If it
/// panics on a chunk of several items, it runs again on each of them alone, so that the
/// problem names the right file.
fn map_guarded_chunks<I: Sync, T: Send>(
    items: &[I],
    (stage, doing): (Stage, &str),
    control: &RunControl<'_>,
    path_of: impl Fn(&I) -> &str + Sync,
    chunk_size: usize,
    step: impl Fn(usize, &[I]) -> Vec<T> + Sync,
) -> Result<Vec<Result<T, Problem>>, EngineError> {
    use rayon::prelude::*;

    let total = items.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    control.report(stage, 0, total);
    let problem = |item: &I, message: &str| internal_problem(path_of(item), doing, message);
    let per_chunk: Vec<Vec<Result<T, Problem>>> = items
        .par_chunks(chunk_size)
        .enumerate()
        .map(|(c, chunk)| {
            control.check()?;
            let first = c * chunk_size;
            let results = match guarded(|| step(first, chunk)) {
                Ok(outputs) if outputs.len() == chunk.len() => {
                    outputs.into_iter().map(Ok).collect()
                }
                Err(message) if chunk.len() == 1 => vec![Err(problem(&chunk[0], &message))],
                _ => (first..)
                    .zip(chunk)
                    .map(|(index, item)| {
                        guarded(|| step(index, std::slice::from_ref(item)).pop())
                            .and_then(|output| output.ok_or_else(|| "no output".to_owned()))
                            .map_err(|message| problem(item, &message))
                    })
                    .collect(),
            };
            let now_done = done.fetch_add(chunk.len(), Ordering::Relaxed) + chunk.len();
            control.report(stage, now_done, total);
            Ok(results)
        })
        .collect::<Result<_, EngineError>>()?;
    Ok(per_chunk.into_iter().flatten().collect())
}

/// Runs `f`, turning a panic into its message.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown error".to_owned())
    })
}

fn internal_problem(path: &str, stage: &str, message: &str) -> Problem {
    Problem {
        path: path.to_owned(),
        message: format!("internal error while {stage} ({message}); please report it"),
    }
}

/// Every claim in a group of its own: the fallback when linking fails.
fn singleton_groups(claims: &mut [Claim]) -> Vec<Group> {
    claims
        .iter_mut()
        .enumerate()
        .map(|(index, claim)| {
            claim.group = GroupId::from(index);
            Group {
                id: claim.group,
                status: GroupStatus::Unique,
                claims: vec![claim.id],
                articles: vec![claim.article],
                differences: Vec::new(),
            }
        })
        .collect()
}

/// Analyses the bundled seed corpus.
pub fn analyze_bundled() -> Analysis {
    let cancel = AtomicBool::new(false);
    let control = RunControl {
        progress: &no_progress(),
        cancel: &cancel,
    };
    match analyze(corpus::bundled(), control) {
        Ok((analysis, _)) => analysis,
        Err(_) => unreachable!("a run that is never cancelled cannot fail"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn every_per_article_stage_reports_each_article() {
        let reports = Mutex::new(Vec::new());
        let progress = |p: Progress| reports.lock().unwrap().push(p);
        let cancel = AtomicBool::new(false);
        let control = RunControl {
            progress: &progress,
            cancel: &cancel,
        };
        analyze(corpus::bundled(), control).expect("not cancelled");
        let reports = reports.into_inner().unwrap();
        let total = corpus::bundled().documents.len();
        for stage in [Stage::Segmenting, Stage::Quotes] {
            let mut done: Vec<usize> = reports
                .iter()
                .filter(|p| p.stage == stage)
                .inspect(|p| assert_eq!(p.total, total))
                .map(|p| p.done)
                .collect();
            done.sort_unstable();
            done.dedup();
            assert_eq!(done, (0..=total).collect::<Vec<_>>(), "{stage:?}");
        }
    }

    #[test]
    fn cancelling_while_finding_quotes_stops_the_run() {
        let cancel = AtomicBool::new(false);
        let progress = |p: Progress| {
            if p.stage == Stage::Quotes {
                cancel.store(true, Ordering::Relaxed);
            }
        };
        let control = RunControl {
            progress: &progress,
            cancel: &cancel,
        };
        assert!(matches!(
            analyze(corpus::bundled(), control),
            Err(EngineError::Cancelled)
        ));
    }
}
