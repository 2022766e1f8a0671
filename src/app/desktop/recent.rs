//! The Recent menu: the last corpora opened, newest first.

use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// How many corpora the Recent menu keeps.
pub const MAX_RECENT: usize = 10;

/// Recently opened corpora (each one the list of folders/files that was opened).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RecentList {
    entries: Vec<Vec<PathBuf>>,
}

impl RecentList {
    /// Moves `paths` to the top, dropping a repeat and the oldest entry beyond [`MAX_RECENT`].
    /// An empty list (the bundled seeds) is not recorded.
    pub fn push(&mut self, paths: Vec<PathBuf>) {
        if paths.is_empty() {
            return;
        }
        self.entries.retain(|entry| *entry != paths);
        self.entries.insert(0, paths);
        self.entries.truncate(MAX_RECENT);
    }

    pub fn remove(&mut self, index: usize) {
        if index < self.entries.len() {
            self.entries.remove(index);
        }
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }

    pub fn get(&self, index: usize) -> Option<&[PathBuf]> {
        self.entries.get(index).map(Vec::as_slice)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &[PathBuf]> {
        self.entries.iter().map(Vec::as_slice)
    }

    /// Reads a stored list, skipping entries that are not lists of paths.
    /// `None` when the value is not a list at all.
    pub fn from_json_value(value: serde_json::Value) -> Option<Self> {
        let serde_json::Value::Array(items) = value else {
            return None;
        };
        let mut list = Self::default();
        for item in items {
            if let Ok(paths) = serde_json::from_value::<Vec<PathBuf>>(item)
                && !paths.is_empty()
                && !list.entries.contains(&paths)
                && list.entries.len() < MAX_RECENT
            {
                list.entries.push(paths);
            }
        }
        Some(list)
    }
}

/// A menu label for a corpus: the folder or file name, with the parent folder to tell
/// apart two folders of the same name ("ukraine-aid — ~/stories").
pub fn label(paths: &[PathBuf]) -> String {
    let name = |path: &PathBuf| {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string())
    };
    match paths {
        [] => "Bundled seeds".to_owned(),
        [one] => match one.parent().filter(|p| !p.as_os_str().is_empty()) {
            Some(parent) => format!("{} — {}", name(one), shorten_home(parent)),
            None => name(one),
        },
        [first, rest @ ..] => format!("{} and {} more", name(first), rest.len()),
    }
}

/// Writes the home folder as `~`.
fn shorten_home(path: &std::path::Path) -> String {
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && !home.as_os_str().is_empty()
        && let Ok(rest) = path.strip_prefix(&home)
    {
        return if rest.as_os_str().is_empty() {
            "~".to_owned()
        } else {
            format!("~/{}", rest.display())
        };
    }
    path.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(name: &str) -> Vec<PathBuf> {
        vec![PathBuf::from(format!("/stories/{name}"))]
    }

    #[test]
    fn newest_first_without_repeats_and_capped() {
        let mut list = RecentList::default();
        for i in 0..12 {
            list.push(paths(&format!("s{i}")));
        }
        assert_eq!(list.len(), MAX_RECENT);
        assert_eq!(list.get(0), Some(paths("s11").as_slice()));
        list.push(paths("s5"));
        assert_eq!(list.get(0), Some(paths("s5").as_slice()));
        assert_eq!(list.len(), MAX_RECENT);
        assert_eq!(
            list.iter().filter(|p| *p == paths("s5").as_slice()).count(),
            1
        );
        list.push(Vec::new());
        assert_eq!(list.get(0), Some(paths("s5").as_slice()));
    }

    #[test]
    fn stored_list_skips_bad_entries() {
        let value = serde_json::json!([["/a"], 3, "x", [], ["/b", "/c"], ["/a"]]);
        let list = RecentList::from_json_value(value).unwrap();
        assert_eq!(list.len(), 2);
        assert!(RecentList::from_json_value(serde_json::json!({"a": 1})).is_none());
    }

    #[test]
    fn labels_name_the_folder_and_its_parent() {
        assert_eq!(label(&paths("aid")), "aid — /stories");
        assert_eq!(
            label(&[PathBuf::from("/x/a.txt"), PathBuf::from("/x/b.txt")]),
            "a.txt and 1 more"
        );
        assert_eq!(label(&[]), "Bundled seeds");
    }
}
