//! Settings that outlive a session: theme, zoom, the last corpus and the recent list.
//!
//! They are stored through eframe's persistence (`app.ron`) under one key, as a JSON
//! string. Loading reads each field on its own, so a damaged or foreign value resets only
//! that field, and a damaged file never stops the app: the user gets a one-time notice.

use super::recent::RecentList;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The storage key of [`Settings`].
pub const STORAGE_KEY: &str = "parallax.desktop";

/// The smallest and largest zoom factors offered.
pub const ZOOM_RANGE: std::ops::RangeInclusive<f32> = 0.5..=3.0;

/// Which colour theme the window uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeChoice {
    /// Follow the operating system.
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [Self::System, Self::Light, Self::Dark];

    pub fn label(self) -> &'static str {
        match self {
            Self::System => "Follow system",
            Self::Light => "Light",
            Self::Dark => "Dark",
        }
    }

    pub fn preference(self) -> egui::ThemePreference {
        match self {
            Self::System => egui::ThemePreference::System,
            Self::Light => egui::ThemePreference::Light,
            Self::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// Everything the desktop layer remembers between sessions. (The window size and position
/// are kept by eframe itself: `NativeOptions::persist_window`.)
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub theme: ThemeChoice,
    /// The UI zoom factor (`Context::zoom_factor`).
    pub zoom: f32,
    /// The paths of the corpus open at exit; `None` for the bundled seeds.
    pub last_corpus: Option<Vec<PathBuf>>,
    pub recent: RecentList,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: ThemeChoice::System,
            zoom: 1.0,
            last_corpus: None,
            recent: RecentList::default(),
        }
    }
}

/// The result of reading settings: the values, plus a message when something was wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub settings: Settings,
    /// Shown once to the user when the stored settings could not be read.
    pub notice: Option<String>,
}

impl Settings {
    /// Reads settings from eframe's storage.
    ///
    /// `settings_file` is the `app.ron` file behind the storage, when known: eframe quietly
    /// starts empty when that whole file is unreadable, so a non-empty file without our key
    /// means it was damaged.
    pub fn load(storage: Option<&dyn eframe::Storage>, settings_file: Option<&Path>) -> Loaded {
        let stored = storage.and_then(|s| s.get_string(STORAGE_KEY));
        match stored {
            Some(text) => Self::from_json(&text),
            None => {
                let damaged_file = settings_file
                    .and_then(|file| std::fs::metadata(file).ok())
                    .is_some_and(|meta| meta.len() > 0);
                Loaded {
                    settings: Settings::default(),
                    notice: damaged_file.then(|| {
                        "The settings file could not be read, so default settings are used. \
                         It will be rewritten when Parallax closes."
                            .to_owned()
                    }),
                }
            }
        }
    }

    /// Parses the stored JSON one field at a time; bad fields fall back to their defaults.
    pub fn from_json(text: &str) -> Loaded {
        let defaults = Settings::default();
        let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(text)
        else {
            return Loaded {
                settings: defaults,
                notice: Some(
                    "The saved settings could not be read, so default settings are used."
                        .to_owned(),
                ),
            };
        };
        let mut damaged = Vec::new();
        let mut settings = defaults;
        if let Some(value) = map.get("theme").cloned() {
            match serde_json::from_value(value) {
                Ok(theme) => settings.theme = theme,
                Err(_) => damaged.push("theme"),
            }
        }
        if let Some(value) = map.get("zoom").cloned() {
            match serde_json::from_value::<f32>(value) {
                Ok(zoom) if zoom.is_finite() => settings.zoom = clamp_zoom(zoom),
                _ => damaged.push("zoom"),
            }
        }
        if let Some(value) = map.get("last_corpus").cloned() {
            match serde_json::from_value(value) {
                Ok(last) => settings.last_corpus = last,
                Err(_) => damaged.push("last corpus"),
            }
        }
        if let Some(value) = map.get("recent").cloned() {
            match RecentList::from_json_value(value) {
                Some(recent) => settings.recent = recent,
                None => damaged.push("recent corpora"),
            }
        }
        let notice = (!damaged.is_empty()).then(|| {
            format!(
                "Some saved settings could not be read and were reset: {}.",
                damaged.join(", ")
            )
        });
        Loaded { settings, notice }
    }

    pub fn to_json(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Writes the settings into eframe's storage (call from `App::save`).
    pub fn save(&self, storage: &mut dyn eframe::Storage) {
        storage.set_string(STORAGE_KEY, self.to_json());
    }

    /// Applies theme and zoom to the window.
    pub fn apply(&self, ctx: &egui::Context) {
        ctx.set_theme(self.theme.preference());
        ctx.set_zoom_factor(self.zoom);
    }
}

/// Keeps a zoom factor inside [`ZOOM_RANGE`], rounded to a tenth.
pub fn clamp_zoom(zoom: f32) -> f32 {
    if !zoom.is_finite() {
        return 1.0;
    }
    let zoom = zoom.clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
    (zoom * 10.0).round() / 10.0
}

/// The `app.ron` file eframe uses for `app_id`, unless `NativeOptions::persistence_path`
/// overrides it.
pub fn default_settings_file(app_id: &str) -> Option<PathBuf> {
    eframe::storage_dir(app_id).map(|dir| dir.join("app.ron"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[derive(Default)]
    struct MemoryStorage(HashMap<String, String>);

    impl eframe::Storage for MemoryStorage {
        fn get_string(&self, key: &str) -> Option<String> {
            self.0.get(key).cloned()
        }
        fn set_string(&mut self, key: &str, value: String) {
            self.0.insert(key.to_owned(), value);
        }
        fn remove_string(&mut self, key: &str) {
            self.0.remove(key);
        }
        fn flush(&mut self) {}
    }

    #[test]
    fn settings_round_trip_through_storage() {
        let mut settings = Settings {
            theme: ThemeChoice::Dark,
            zoom: 1.3,
            last_corpus: Some(vec![PathBuf::from("/tmp/story")]),
            ..Settings::default()
        };
        settings.recent.push(vec![PathBuf::from("/tmp/story")]);
        let mut storage = MemoryStorage::default();
        settings.save(&mut storage);
        let loaded = Settings::load(Some(&storage), None);
        assert_eq!(loaded.notice, None);
        assert_eq!(loaded.settings, settings);
    }

    #[test]
    fn garbage_gives_defaults_and_a_notice() {
        let loaded = Settings::from_json("{not json");
        assert_eq!(loaded.settings, Settings::default());
        assert!(loaded.notice.is_some());
        let loaded = Settings::from_json("[1, 2]");
        assert!(loaded.notice.is_some());
    }

    #[test]
    fn one_bad_field_resets_only_that_field() {
        let loaded =
            Settings::from_json(r#"{"theme": "dark", "zoom": "huge", "last_corpus": null}"#);
        assert_eq!(loaded.settings.theme, ThemeChoice::Dark);
        assert_eq!(loaded.settings.zoom, 1.0);
        let notice = loaded.notice.unwrap_or_default();
        assert!(notice.contains("zoom"), "{notice}");
        assert!(!notice.contains("theme"), "{notice}");
    }

    #[test]
    fn out_of_range_zoom_is_clamped() {
        assert_eq!(Settings::from_json(r#"{"zoom": 40.0}"#).settings.zoom, 3.0);
        assert_eq!(clamp_zoom(f32::NAN), 1.0);
        assert_eq!(clamp_zoom(1.26), 1.3);
    }

    #[test]
    fn missing_key_with_a_damaged_file_gives_a_notice() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("app.ron");
        std::fs::write(&file, "(((( not ron").unwrap();
        let storage = MemoryStorage::default();
        let loaded = Settings::load(Some(&storage), Some(&file));
        assert_eq!(loaded.settings, Settings::default());
        assert!(loaded.notice.is_some());
        // No file at all is a first start, not an error.
        let loaded = Settings::load(Some(&storage), Some(&dir.path().join("none.ron")));
        assert_eq!(loaded.notice, None);
    }
}
