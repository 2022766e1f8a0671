//! Loading and analysing a corpus on a background thread.
//!
//! Each load gets a generation number and its own cancel flag. Starting a new load
//! cancels the old one, and results of older generations are dropped, so a slow old run
//! can never replace a newer one.

use crate::engine::{self, Analysis, Problem, Progress, RunControl, Stage};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

/// What to load.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// The four articles embedded in the binary.
    Bundled,
    /// Folders (read recursively) and files.
    Paths(Vec<PathBuf>),
}

/// A finished load.
#[derive(Debug)]
pub struct Loaded {
    pub source: Source,
    /// Short name for the window title.
    pub name: String,
    pub analysis: Arc<Analysis>,
    pub elapsed: Duration,
}

/// The progress of the running load, written by the worker and read by the UI.
#[derive(Debug, Default)]
struct ProgressCell {
    stage: AtomicU8,
    done: AtomicUsize,
    total: AtomicUsize,
}

impl ProgressCell {
    fn store(&self, progress: Progress) {
        let stage = Stage::ALL
            .iter()
            .position(|s| *s == progress.stage)
            .unwrap_or(0);
        self.stage.store(stage as u8, Ordering::Relaxed);
        self.done.store(progress.done, Ordering::Relaxed);
        self.total.store(progress.total, Ordering::Relaxed);
    }

    fn load(&self) -> Progress {
        let stage = Stage::ALL
            .get(self.stage.load(Ordering::Relaxed) as usize)
            .copied()
            .unwrap_or(Stage::Reading);
        Progress {
            stage,
            done: self.done.load(Ordering::Relaxed),
            total: self.total.load(Ordering::Relaxed),
        }
    }
}

struct Job {
    generation: u64,
    source: Source,
    cancel: Arc<AtomicBool>,
    progress: Arc<ProgressCell>,
    started: Instant,
}

struct Finished {
    generation: u64,
    loaded: Loaded,
}

/// Starts loads and collects their results.
pub struct Loader {
    generation: u64,
    running: Option<Job>,
    sender: Sender<Finished>,
    receiver: Receiver<Finished>,
    /// Called by the worker to wake the UI (egui's `request_repaint`).
    wake: Arc<dyn Fn() + Send + Sync>,
}

impl std::fmt::Debug for Loader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Loader")
            .field("generation", &self.generation)
            .field("running", &self.running.is_some())
            .finish()
    }
}

/// What the status bar shows about a running load.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadStatus {
    pub progress: Progress,
    pub elapsed: Duration,
}

impl Loader {
    pub fn new(wake: Arc<dyn Fn() + Send + Sync>) -> Self {
        let (sender, receiver) = channel();
        Self {
            generation: 0,
            running: None,
            sender,
            receiver,
            wake,
        }
    }

    /// Starts loading `source`, cancelling the load in progress.
    pub fn start(&mut self, source: Source) {
        self.cancel();
        self.generation += 1;
        let job = Job {
            generation: self.generation,
            source: source.clone(),
            cancel: Arc::new(AtomicBool::new(false)),
            progress: Arc::new(ProgressCell::default()),
            started: Instant::now(),
        };
        let generation = job.generation;
        let cancel = Arc::clone(&job.cancel);
        let progress = Arc::clone(&job.progress);
        let sender = self.sender.clone();
        let wake = Arc::clone(&self.wake);
        let started = job.started;
        let spawned = std::thread::Builder::new()
            .name("parallax-analysis".to_owned())
            .spawn(move || {
                let result = run_job(&source, &cancel, &progress, wake.as_ref());
                if let Some((name, analysis)) = result {
                    let loaded = Loaded {
                        source,
                        name,
                        analysis: Arc::new(analysis),
                        elapsed: started.elapsed(),
                    };
                    // The receiver is gone only when the window closed.
                    let _ = sender.send(Finished { generation, loaded });
                }
                wake();
            });
        match spawned {
            Ok(_) => self.running = Some(job),
            Err(err) => {
                // No thread: report it as the result, so the user sees why nothing loaded.
                let loaded = failed_load(job.source, format!("cannot start: {err}"));
                let _ = self.sender.send(Finished { generation, loaded });
            }
        }
    }

    /// Stops the load in progress, if any.
    pub fn cancel(&mut self) {
        if let Some(job) = self.running.take() {
            job.cancel.store(true, Ordering::Relaxed);
        }
    }

    /// Whether a load is running.
    pub fn is_loading(&self) -> bool {
        self.running.is_some()
    }

    /// The source of the load in progress.
    pub fn loading_source(&self) -> Option<&Source> {
        self.running.as_ref().map(|job| &job.source)
    }

    pub fn status(&self) -> Option<LoadStatus> {
        self.running.as_ref().map(|job| LoadStatus {
            progress: job.progress.load(),
            elapsed: job.started.elapsed(),
        })
    }

    /// The newest finished load, if one arrived since the last call.
    pub fn poll(&mut self) -> Option<Loaded> {
        let mut newest = None;
        while let Ok(finished) = self.receiver.try_recv() {
            if finished.generation == self.generation {
                self.running = None;
                newest = Some(finished.loaded);
            }
        }
        newest
    }

    /// Waits (up to `timeout`) for the running load to finish; for tests and benchmarks.
    pub fn wait(&mut self, timeout: Duration) -> Option<Loaded> {
        let deadline = Instant::now() + timeout;
        while self.running.is_some() {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            match self.receiver.recv_timeout(left) {
                Ok(finished) if finished.generation == self.generation => {
                    self.running = None;
                    return Some(finished.loaded);
                }
                Ok(_) => {}
                Err(_) => return None,
            }
        }
        None
    }
}

/// Runs one load; `None` when it was cancelled.
fn run_job(
    source: &Source,
    cancel: &AtomicBool,
    progress: &ProgressCell,
    wake: &(dyn Fn() + Send + Sync),
) -> Option<(String, Analysis)> {
    let report = |p: Progress| {
        progress.store(p);
        wake();
    };
    // The engine must never panic, but a window must not die if it does.
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let corpus = match source {
            Source::Bundled => engine::corpus::bundled(),
            Source::Paths(paths) => {
                let reading = |done, total| {
                    report(Progress {
                        stage: Stage::Reading,
                        done,
                        total,
                    });
                };
                match engine::corpus::load_paths(paths, &reading) {
                    Ok(corpus) => corpus,
                    Err(err) => return Ok(failed_corpus(paths, err.to_string())),
                }
            }
        };
        let name = corpus.name.clone();
        let control = RunControl {
            progress: &report,
            cancel,
        };
        engine::analyze(corpus, control).map(|(analysis, _)| (name, analysis))
    }));
    match outcome {
        Ok(Ok(result)) => Some(result),
        Ok(Err(engine::EngineError::Cancelled)) => None,
        Ok(Err(err)) => Some((
            source_name(source),
            analysis_with_problem(source, err.to_string()),
        )),
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown error".to_owned());
            Some((
                source_name(source),
                analysis_with_problem(source, format!("analysis failed: {message}")),
            ))
        }
    }
}

fn failed_corpus(paths: &[PathBuf], message: String) -> (String, Analysis) {
    let source = Source::Paths(paths.to_vec());
    (
        source_name(&source),
        analysis_with_problem(&source, message),
    )
}

fn failed_load(source: Source, message: String) -> Loaded {
    Loaded {
        name: source_name(&source),
        analysis: Arc::new(analysis_with_problem(&source, message)),
        source,
        elapsed: Duration::ZERO,
    }
}

fn analysis_with_problem(source: &Source, message: String) -> Analysis {
    let path = match source {
        Source::Bundled => "bundled seeds".to_owned(),
        Source::Paths(paths) => paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", "),
    };
    Analysis {
        problems: vec![Problem { path, message }],
        ..Analysis::default()
    }
}

/// A name for a source when the corpus could not be read.
pub fn source_name(source: &Source) -> String {
    match source {
        Source::Bundled => "Bundled seeds".to_owned(),
        Source::Paths(paths) => match paths.as_slice() {
            [one] => one
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| one.display().to_string()),
            _ => format!("{} paths", paths.len()),
        },
    }
}
