//! Watching the open corpus for changed article files.
//!
//! Changes are only collected here; the window offers a reload and never reloads on its
//! own, so nothing moves while someone is reading.

use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long the file system must be quiet before changes are reported.
const DEBOUNCE: Duration = Duration::from_millis(400);

/// File extensions the corpus reader takes (see `engine::corpus`).
const ARTICLE_EXTENSIONS: [&str; 5] = ["txt", "md", "markdown", "html", "htm"];

/// Watches folders (recursively) and files; collects changed article paths.
pub struct CorpusWatcher {
    // Dropping the debouncer stops watching.
    _debouncer: notify_debouncer_full::Debouncer<
        notify_debouncer_full::notify::RecommendedWatcher,
        notify_debouncer_full::RecommendedCache,
    >,
    changed: Arc<Mutex<BTreeSet<PathBuf>>>,
    roots: Vec<PathBuf>,
}

impl std::fmt::Debug for CorpusWatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CorpusWatcher")
            .field("roots", &self.roots)
            .finish_non_exhaustive()
    }
}

impl CorpusWatcher {
    /// Starts watching `paths`; `wake` runs (on the watcher's thread) after each batch of
    /// relevant changes, e.g. to request a repaint.
    pub fn new(
        paths: &[PathBuf],
        wake: impl Fn() + Send + 'static,
    ) -> Result<Self, notify_debouncer_full::notify::Error> {
        let changed = Arc::new(Mutex::new(BTreeSet::new()));
        let sink = Arc::clone(&changed);
        let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
            let Ok(events) = result else { return };
            let mut relevant = false;
            if let Ok(mut changed) = sink.lock() {
                for event in events {
                    if !changes_content(event.event.kind) {
                        continue;
                    }
                    for path in &event.event.paths {
                        if is_article_path(path) {
                            changed.insert(path.clone());
                            relevant = true;
                        }
                    }
                }
            }
            if relevant {
                wake();
            }
        })?;
        let mut roots = Vec::new();
        for path in paths {
            let mode = if path.is_dir() {
                RecursiveMode::Recursive
            } else {
                RecursiveMode::NonRecursive
            };
            debouncer.watch(path, mode)?;
            roots.push(path.clone());
        }
        Ok(Self {
            _debouncer: debouncer,
            changed,
            roots,
        })
    }

    /// The paths that changed since the last call.
    pub fn take_changes(&self) -> BTreeSet<PathBuf> {
        self.changed
            .lock()
            .map(|mut changed| std::mem::take(&mut *changed))
            .unwrap_or_default()
    }

    pub fn roots(&self) -> &[PathBuf] {
        &self.roots
    }
}

/// Whether an event can change what the corpus reads (not mere access).
fn changes_content(kind: EventKind) -> bool {
    matches!(
        kind,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Any
    ) && !matches!(
        kind,
        EventKind::Modify(notify_debouncer_full::notify::event::ModifyKind::Metadata(
            _
        ))
    )
}

/// An article file the corpus reader would take, not a hidden or editor backup file.
pub fn is_article_path(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    if name.starts_with('.') || name.ends_with('~') {
        return false;
    }
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|ext| {
            ARTICLE_EXTENSIONS
                .iter()
                .any(|known| ext.eq_ignore_ascii_case(known))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn only_article_files_count() {
        assert!(is_article_path(Path::new("/a/story.txt")));
        assert!(is_article_path(Path::new("/a/story.HTML")));
        assert!(!is_article_path(Path::new("/a/.story.txt.swp")));
        assert!(!is_article_path(Path::new("/a/.hidden.txt")));
        assert!(!is_article_path(Path::new("/a/story.txt~")));
        assert!(!is_article_path(Path::new("/a/export.json")));
        assert!(!is_article_path(Path::new("/a/export.csv")));
    }

    #[test]
    fn reports_a_new_article_in_a_watched_folder() {
        let dir = tempfile::tempdir().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let watcher = CorpusWatcher::new(&[dir.path().to_path_buf()], move || {
            let _ = tx.send(());
        })
        .unwrap();
        std::fs::write(dir.path().join("notes.json"), "{}").unwrap();
        std::fs::write(dir.path().join("new.txt"), "A new article.").unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut changes = BTreeSet::new();
        while Instant::now() < deadline && changes.is_empty() {
            let _ = rx.recv_timeout(Duration::from_millis(200));
            changes.extend(watcher.take_changes());
        }
        let names: Vec<_> = changes
            .iter()
            .filter_map(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["new.txt".to_owned()]);
    }
}
