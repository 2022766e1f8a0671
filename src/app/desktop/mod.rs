//! Desktop behaviour: opening corpora (system dialogs, drag and drop, the Recent menu, a
//! typed path), watching the open folder, exports, zoom and theme, and settings that
//! persist between sessions.
//!
//! The window owns one [`Desktop`]. It calls [`Desktop::show`] once per frame, draws the
//! menu items with [`Desktop::file_menu`] and [`Desktop::view_menu`], runs [`Action`]s, and
//! carries out the [`Request`]s that come back (load these paths, reload, focus the filter).

pub mod actions;
pub mod dialogs;
pub mod export_menu;
pub mod icon;
pub mod recent;
pub mod settings;
pub mod watch;

use crate::engine::{Analysis, ArticleId, QuoteId, export::Format};
use dialogs::{Chosen, DialogMode, Dialogs, Purpose, Suggestion};
use egui::{Key, KeyboardShortcut, Modifiers};
use settings::{Settings, ThemeChoice};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The app id: the settings folder name and, on Linux, the window class the desktop
/// entry matches (`StartupWMClass`).
pub const APP_ID: &str = "parallax";

/// Something the user can do from a menu or with a shortcut.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Action {
    OpenFolder,
    OpenFiles,
    OpenPath,
    OpenRecent(usize),
    ClearRecent,
    Reload,
    Export(Format),
    ZoomIn,
    ZoomOut,
    ZoomReset,
    Theme(ThemeChoice),
    FocusFilter,
    Quit,
}

/// Keyboard shortcuts. `COMMAND` is Ctrl, or ⌘ on macOS.
pub mod shortcuts {
    use super::*;

    const fn cmd(key: Key) -> KeyboardShortcut {
        KeyboardShortcut::new(Modifiers::COMMAND, key)
    }
    const fn cmd_shift(key: Key) -> KeyboardShortcut {
        KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
    }

    pub const OPEN_FOLDER: KeyboardShortcut = cmd(Key::O);
    pub const OPEN_FILES: KeyboardShortcut = cmd_shift(Key::O);
    pub const OPEN_PATH: KeyboardShortcut = cmd(Key::L);
    pub const RELOAD: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F5);
    pub const EXPORT_JSON: KeyboardShortcut = cmd(Key::E);
    pub const EXPORT_QUOTES_CSV: KeyboardShortcut = cmd_shift(Key::Q);
    pub const EXPORT_CLAIMS_CSV: KeyboardShortcut = cmd_shift(Key::K);
    pub const EXPORT_MARKDOWN: KeyboardShortcut = cmd_shift(Key::M);
    pub const EXPORT_HTML: KeyboardShortcut = cmd_shift(Key::E);
    pub const FOCUS_FILTER: KeyboardShortcut = cmd(Key::F);
    pub const QUIT: KeyboardShortcut = cmd(Key::Q);
    /// Copy the selected quote with its citation (handled by the quotes view).
    pub const COPY_CITATION: KeyboardShortcut = cmd_shift(Key::C);
    /// Open the selected article's file (handled by the views).
    pub const OPEN_ARTICLE_FILE: KeyboardShortcut = cmd_shift(Key::Enter);
    // Zoom uses egui's own shortcuts (Ctrl+Plus, Ctrl+Minus, Ctrl+0), handled by egui.
    pub use egui::gui_zoom::kb_shortcuts::{ZOOM_IN, ZOOM_OUT, ZOOM_RESET};
}

impl Action {
    /// Actions with a shortcut, checked in this order: a shortcut with Shift before the
    /// same one without, because egui matches Ctrl+O when Ctrl+Shift+O is pressed.
    const WITH_SHORTCUTS: [Action; 11] = [
        Action::OpenFiles,
        Action::OpenFolder,
        Action::OpenPath,
        Action::Reload,
        Action::Export(Format::Html),
        Action::Export(Format::QuotesCsv),
        Action::Export(Format::ClaimsCsv),
        Action::Export(Format::Markdown),
        Action::Export(Format::Json),
        Action::FocusFilter,
        Action::Quit,
    ];

    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        use shortcuts::*;
        Some(match self {
            Action::OpenFolder => OPEN_FOLDER,
            Action::OpenFiles => OPEN_FILES,
            Action::OpenPath => OPEN_PATH,
            Action::Reload => RELOAD,
            Action::Export(Format::Json) => EXPORT_JSON,
            Action::Export(Format::QuotesCsv) => EXPORT_QUOTES_CSV,
            Action::Export(Format::ClaimsCsv) => EXPORT_CLAIMS_CSV,
            Action::Export(Format::Markdown) => EXPORT_MARKDOWN,
            Action::Export(Format::Html) => EXPORT_HTML,
            Action::ZoomIn => ZOOM_IN,
            Action::ZoomOut => ZOOM_OUT,
            Action::ZoomReset => ZOOM_RESET,
            Action::FocusFilter => FOCUS_FILTER,
            Action::Quit => QUIT,
            Action::OpenRecent(_) | Action::ClearRecent | Action::Theme(_) => return None,
        })
    }

    pub fn label(self) -> String {
        match self {
            Action::OpenFolder => "Open folder…".into(),
            Action::OpenFiles => "Open files…".into(),
            Action::OpenPath => "Open path…".into(),
            Action::OpenRecent(i) => format!("Recent corpus {}", i + 1),
            Action::ClearRecent => "Clear recent".into(),
            Action::Reload => "Reload".into(),
            Action::Export(format) => export_menu::label(format).into(),
            Action::ZoomIn => "Zoom in".into(),
            Action::ZoomOut => "Zoom out".into(),
            Action::ZoomReset => "Actual size".into(),
            Action::Theme(theme) => theme.label().into(),
            Action::FocusFilter => "Find…".into(),
            Action::Quit => "Quit".into(),
        }
    }
}

/// What the desktop layer asks the window to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    /// Load these folders/files (absolute paths) as the new corpus (also Reload).
    Open(Vec<PathBuf>),
    /// Load the bundled seeds (Reload while they are open).
    OpenBundled,
    /// Move the keyboard focus to the current view's filter field.
    FocusFilter,
}

/// The id of a view's filter field, so Ctrl+F can focus it. `view` names the view
/// ("library", "claims", "quotes", "speakers").
pub fn filter_id(view: &str) -> egui::Id {
    egui::Id::unique(("parallax-filter", view))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Level {
    Info,
    Error,
}

#[derive(Clone, Debug)]
struct Notice {
    text: String,
    level: Level,
    shown_at: Instant,
}

/// The width of a notice, in points.
const NOTICE_WIDTH: f32 = 380.0;

/// How long an information notice stays up; errors stay until dismissed.
const NOTICE_TIME: Duration = Duration::from_secs(6);

/// The desktop state of the window.
#[derive(Debug)]
pub struct Desktop {
    pub settings: Settings,
    dialogs: Dialogs,
    watcher: Option<watch::CorpusWatcher>,
    /// The open corpus: its paths (empty for the bundled seeds) and name.
    corpus_paths: Vec<PathBuf>,
    corpus_name: String,
    /// Article files changed on disk since the corpus was loaded.
    changed: BTreeSet<PathBuf>,
    /// Files this window wrote (exports), which the watcher must not report.
    own_writes: BTreeSet<PathBuf>,
    /// The corpus changed: start watching its paths at the next frame.
    watch_pending: bool,
    notices: Vec<Notice>,
    requests: Vec<Request>,
}

impl Desktop {
    /// Reads the settings (apply them with [`Desktop::apply_settings`] once the window's
    /// own style is set). `settings_file` is eframe's `app.ron`, to tell a damaged file
    /// from a first start.
    pub fn new(storage: Option<&dyn eframe::Storage>, settings_file: Option<&Path>) -> Self {
        let loaded = Settings::load(storage, settings_file);
        let mut desktop = Self {
            settings: loaded.settings,
            dialogs: Dialogs::default(),
            watcher: None,
            corpus_paths: Vec::new(),
            corpus_name: "Bundled seeds".to_owned(),
            changed: BTreeSet::new(),
            own_writes: BTreeSet::new(),
            watch_pending: false,
            notices: Vec::new(),
            requests: Vec::new(),
        };
        if let Some(notice) = loaded.notice {
            desktop.notify_error(notice);
        }
        desktop
    }

    /// Sets the saved theme and zoom on the window.
    pub fn apply_settings(&self, ctx: &egui::Context) {
        self.settings.apply(ctx);
    }

    /// Saves the settings (call from `eframe::App::save`).
    pub fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.settings.save(storage);
    }

    /// Uses the path field instead of system dialogs (tests, or no dialog available).
    pub fn set_dialog_mode(&mut self, mode: DialogMode) {
        self.dialogs.set_mode(mode);
    }

    /// What to open at start: the paths given on the command line, else the last corpus
    /// if it still exists, else nothing (the bundled seeds).
    pub fn startup_paths(&self, command_line: &[PathBuf]) -> Vec<PathBuf> {
        if !command_line.is_empty() {
            return command_line.iter().map(|p| absolute(p)).collect();
        }
        match &self.settings.last_corpus {
            Some(paths) if !paths.is_empty() && paths.iter().all(|p| p.exists()) => paths.clone(),
            _ => Vec::new(),
        }
    }

    /// The window loaded a corpus from `paths` (empty for the bundled seeds): remember it
    /// (Recent menu, next start), and watch it for changes from the next frame on.
    pub fn corpus_opened(&mut self, paths: &[PathBuf], name: &str) {
        let paths: Vec<PathBuf> = paths.iter().map(|p| absolute(p)).collect();
        self.changed.clear();
        self.corpus_paths = paths.clone();
        self.corpus_name = name.to_owned();
        self.settings.recent.push(paths.clone());
        self.settings.last_corpus = (!paths.is_empty()).then_some(paths);
        self.watch_pending = true;
        if let Some(watcher) = &self.watcher {
            // Changes from before (or during) the load are in this result already.
            watcher.take_changes();
        }
    }

    fn update_watcher(&mut self, ctx: &egui::Context) {
        if !std::mem::take(&mut self.watch_pending) {
            return;
        }
        let paths = &self.corpus_paths;
        if self
            .watcher
            .as_ref()
            .is_some_and(|w| w.roots() == paths.as_slice())
        {
            return;
        }
        self.watcher = None;
        if paths.is_empty() {
            return;
        }
        let wake = ctx.clone();
        match watch::CorpusWatcher::new(paths, move || wake.request_repaint()) {
            Ok(watcher) => self.watcher = Some(watcher),
            Err(err) => self.notify(format!(
                "Changes to these articles will not be noticed: {err}"
            )),
        }
    }

    /// The paths of the open corpus (empty for the bundled seeds).
    pub fn corpus_paths(&self) -> &[PathBuf] {
        &self.corpus_paths
    }

    /// Whether the open corpus is the bundled seeds.
    pub fn is_bundled(&self) -> bool {
        self.corpus_paths().is_empty()
    }

    /// Article files changed on disk since the last load.
    pub fn changed_files(&self) -> &BTreeSet<PathBuf> {
        &self.changed
    }

    /// Shows an information notice.
    pub fn notify(&mut self, text: impl Into<String>) {
        self.push_notice(text.into(), Level::Info);
    }

    /// Shows an error notice; it stays until dismissed.
    pub fn notify_error(&mut self, text: impl Into<String>) {
        self.push_notice(text.into(), Level::Error);
    }

    fn push_notice(&mut self, text: String, level: Level) {
        if self.notices.iter().any(|n| n.text == text) {
            return;
        }
        self.notices.push(Notice {
            text,
            level,
            shown_at: Instant::now(),
        });
    }

    /// Runs an action from a menu, a shortcut or a test.
    pub fn run(&mut self, action: Action, ctx: &egui::Context) {
        match action {
            Action::OpenFolder => {
                self.dialogs
                    .ask(Purpose::OpenFolder, self.open_suggestion(), ctx)
            }
            Action::OpenFiles => self
                .dialogs
                .ask(Purpose::OpenFiles, self.open_suggestion(), ctx),
            Action::OpenPath => self
                .dialogs
                .ask(Purpose::OpenPath, self.open_suggestion(), ctx),
            Action::OpenRecent(index) => match self.settings.recent.get(index) {
                Some(paths) if paths.iter().all(|p| p.exists()) => {
                    self.requests.push(Request::Open(paths.to_vec()));
                }
                Some(paths) => {
                    let label = recent::label(paths);
                    self.settings.recent.remove(index);
                    self.notify_error(format!(
                        "{label} is no longer there; it was removed from the Recent menu."
                    ));
                }
                None => {}
            },
            Action::ClearRecent => self.settings.recent.clear(),
            Action::Reload => {
                let request = if self.corpus_paths.is_empty() {
                    Request::OpenBundled
                } else {
                    Request::Open(self.corpus_paths.clone())
                };
                self.requests.push(request);
            }
            Action::Export(format) => {
                let suggestion = Suggestion {
                    folder: self.export_folder(),
                    file_name: Some(export_menu::suggested_file_name(&self.corpus_name, format)),
                };
                self.dialogs.ask(Purpose::Save(format), suggestion, ctx);
            }
            Action::ZoomIn => {
                egui::gui_zoom::zoom_in(ctx);
            }
            Action::ZoomOut => {
                egui::gui_zoom::zoom_out(ctx);
            }
            Action::ZoomReset => ctx.set_zoom_factor(1.0),
            Action::Theme(theme) => {
                self.settings.theme = theme;
                ctx.set_theme(theme.preference());
            }
            Action::FocusFilter => self.requests.push(Request::FocusFilter),
            Action::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    fn open_suggestion(&self) -> Suggestion {
        let folder = self
            .corpus_paths()
            .first()
            .and_then(|p| p.parent())
            .map(Path::to_path_buf)
            .or_else(home_folder);
        Suggestion {
            folder,
            file_name: None,
        }
    }

    fn export_folder(&self) -> Option<PathBuf> {
        // Beside the corpus folder, not inside it (that would look like a new article).
        self.corpus_paths()
            .first()
            .and_then(|p| p.parent())
            .map(Path::to_path_buf)
            .or_else(home_folder)
    }

    /// Keyboard shortcuts of the desktop actions. Zoom keys are egui's own.
    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        for action in Action::WITH_SHORTCUTS {
            let Some(shortcut) = action.shortcut() else {
                continue;
            };
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.run(action, ctx);
            }
        }
    }

    /// Files dropped on the window open as the new corpus.
    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|file| file.path().to_path_buf())
                .filter(|path| !path.as_os_str().is_empty())
                .collect()
        });
        if dropped.is_empty() {
            return;
        }
        let usable: Vec<PathBuf> = dropped
            .iter()
            .filter(|p| p.is_dir() || watch::is_article_path(p))
            .map(|p| absolute(p))
            .collect();
        if usable.is_empty() {
            self.notify_error(
                "Nothing to open there: drop a folder, or .txt, .md or .html article files.",
            );
        } else {
            self.requests.push(Request::Open(usable));
        }
    }

    /// Once per frame, before the central panel: handles shortcuts, dropped files, dialog
    /// results and file changes; draws the "articles changed" bar, the path field and
    /// notices. Returns what the window must do.
    pub fn show(&mut self, ui: &mut egui::Ui, analysis: Option<&Analysis>) -> Vec<Request> {
        let ctx = ui.ctx().clone();
        // Zoom changes through egui's own shortcuts too; remember whatever it is now.
        self.settings.zoom = settings::clamp_zoom(ctx.zoom_factor());
        self.handle_shortcuts(&ctx);
        self.handle_dropped_files(&ctx);

        let mut chosen = self.dialogs.poll(&ctx);
        if let Some(from_prompt) = self.dialogs.show_prompt(&ctx) {
            chosen = Some(from_prompt);
        }
        match chosen {
            Some(Chosen::Open(paths)) => self
                .requests
                .push(Request::Open(paths.iter().map(|p| absolute(p)).collect())),
            Some(Chosen::Save(format, path)) => self.export(analysis, format, &path),
            None => {}
        }

        if let Some(article) = ctx.data_mut(|d| d.remove_temp::<ArticleId>(open_file_request_id()))
        {
            match analysis {
                Some(analysis) => self.open_article(analysis, article),
                None => self.notify_error("The articles are still loading."),
            }
        }
        self.update_watcher(&ctx);
        self.collect_changes();
        self.changed_bar(ui);
        self.drop_overlay(&ctx);
        self.show_notices(&ctx);
        std::mem::take(&mut self.requests)
    }

    /// Writes an export now (also the test hook: no dialog involved).
    pub fn export(&mut self, analysis: Option<&Analysis>, format: Format, path: &Path) {
        let Some(analysis) = analysis else {
            self.notify_error("Nothing to export yet: the articles are still loading.");
            return;
        };
        self.own_writes.insert(absolute(path));
        match export_menu::write_file(analysis, format, path) {
            Ok(()) => self.notify(format!("Exported to {}", path.display())),
            Err(message) => self.notify_error(message),
        }
    }

    fn collect_changes(&mut self) {
        let Some(watcher) = &self.watcher else {
            return;
        };
        let changes = watcher.take_changes();
        for path in changes {
            if !self.own_writes.contains(&path) {
                self.changed.insert(path);
            }
        }
    }

    /// "Articles changed: reload" — the window never reloads by itself.
    fn changed_bar(&mut self, ui: &mut egui::Ui) {
        if self.changed.is_empty() {
            return;
        }
        let mut reload = false;
        let mut dismiss = false;
        egui::Panel::top("parallax-changed-bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                let count = self.changed.len();
                let what = if count == 1 {
                    let name = self
                        .changed
                        .first()
                        .and_then(|p| p.file_name())
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    format!("An article changed on disk ({name}).")
                } else {
                    format!("{count} articles changed on disk.")
                };
                ui.label(what);
                if ui
                    .button("Reload")
                    .on_hover_text(format!(
                        "Load the articles again ({})",
                        ui.ctx().format_shortcut(&shortcuts::RELOAD)
                    ))
                    .clicked()
                {
                    reload = true;
                }
                if ui.button("Not now").clicked() {
                    dismiss = true;
                }
            });
        });
        if reload {
            let ctx = ui.ctx().clone();
            self.run(Action::Reload, &ctx);
        }
        if reload || dismiss {
            self.changed.clear();
        }
    }

    fn drop_overlay(&self, ctx: &egui::Context) {
        if ctx.input(|i| i.raw.hovered_files.is_empty()) {
            return;
        }
        let screen = ctx.content_rect();
        let painter = ctx.layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            egui::Id::unique("parallax-drop-overlay"),
        ));
        painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(170));
        painter.text(
            screen.center(),
            egui::Align2::CENTER_CENTER,
            "Drop a folder or article files to open them",
            egui::FontId::proportional(22.0),
            egui::Color32::WHITE,
        );
    }

    fn show_notices(&mut self, ctx: &egui::Context) {
        self.notices
            .retain(|n| n.level == Level::Error || n.shown_at.elapsed() < NOTICE_TIME);
        if self.notices.is_empty() {
            return;
        }
        if self.notices.iter().any(|n| n.level == Level::Info) {
            ctx.request_repaint_after(Duration::from_millis(500));
        }
        let mut dismissed = None;
        egui::Area::new(egui::Id::unique("parallax-notices"))
            // Above the status bar.
            .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -40.0))
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                for (index, notice) in self.notices.iter().enumerate() {
                    egui::Frame::popup(ui.style()).show(ui, |ui| {
                        // A fixed width, so long paths wrap instead of leaving the window.
                        ui.set_width(NOTICE_WIDTH);
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::TOP), |ui| {
                            if ui.small_button("×").on_hover_text("Dismiss").clicked() {
                                dismissed = Some(index);
                            }
                            let text = egui::RichText::new(&notice.text);
                            let text = match notice.level {
                                Level::Info => text,
                                Level::Error => text.color(ui.visuals().warn_fg_color),
                            };
                            ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                                ui.add(egui::Label::new(text).wrap());
                            });
                        });
                    });
                }
            });
        if let Some(index) = dismissed {
            self.notices.remove(index);
        }
    }

    /// Adds a menu button for `action`, with its shortcut shown; runs it when clicked.
    pub fn action_button(&mut self, ui: &mut egui::Ui, action: Action, enabled: bool) {
        let mut button = egui::Button::new(action.label());
        if let Some(shortcut) = action.shortcut() {
            button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
        }
        if ui.add_enabled(enabled, button).clicked() {
            let ctx = ui.ctx().clone();
            self.run(action, &ctx);
        }
    }

    /// The File menu's items: open, recent, reload, export, quit.
    pub fn file_menu(&mut self, ui: &mut egui::Ui, has_analysis: bool) {
        self.open_menu_items(ui);
        ui.separator();
        self.export_menu_item(ui, has_analysis);
        ui.separator();
        self.action_button(ui, Action::Quit, true);
    }

    /// Open folder…, Open files…, Open path…, Recent ▸, Reload.
    pub fn open_menu_items(&mut self, ui: &mut egui::Ui) {
        self.action_button(ui, Action::OpenFolder, true);
        self.action_button(ui, Action::OpenFiles, true);
        self.action_button(ui, Action::OpenPath, true);
        ui.menu_button("Recent", |ui| self.recent_menu(ui));
        self.action_button(ui, Action::Reload, true);
    }

    /// Export ▸ with the five formats (disabled until there is an analysis).
    pub fn export_menu_item(&mut self, ui: &mut egui::Ui, has_analysis: bool) {
        ui.menu_button("Export", |ui| {
            for format in export_menu::FORMATS {
                self.action_button(ui, Action::Export(format), has_analysis);
            }
        });
    }

    /// The Recent submenu: the last corpora, newest first.
    pub fn recent_menu(&mut self, ui: &mut egui::Ui) {
        if self.settings.recent.is_empty() {
            ui.add_enabled(false, egui::Button::new("No recent corpora"));
            return;
        }
        let mut picked = None;
        for (index, paths) in self.settings.recent.iter().enumerate() {
            let hover = paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join("\n");
            if ui
                .button(recent::label(paths))
                .on_hover_text(hover)
                .clicked()
            {
                picked = Some(index);
            }
        }
        ui.separator();
        let mut clear = false;
        if ui.button(Action::ClearRecent.label()).clicked() {
            clear = true;
        }
        let ctx = ui.ctx().clone();
        if let Some(index) = picked {
            self.run(Action::OpenRecent(index), &ctx);
        }
        if clear {
            self.run(Action::ClearRecent, &ctx);
        }
    }

    /// The View menu's desktop items: zoom and theme.
    pub fn view_menu(&mut self, ui: &mut egui::Ui) {
        self.action_button(ui, Action::FocusFilter, true);
        ui.separator();
        let zoom = ui.ctx().zoom_factor();
        self.action_button(ui, Action::ZoomIn, zoom < *settings::ZOOM_RANGE.end());
        self.action_button(ui, Action::ZoomOut, zoom > *settings::ZOOM_RANGE.start());
        self.action_button(ui, Action::ZoomReset, zoom != 1.0);
        ui.separator();
        ui.menu_button("Theme", |ui| {
            for theme in ThemeChoice::ALL {
                let selected = self.settings.theme == theme;
                if ui.radio(selected, theme.label()).clicked() {
                    let ctx = ui.ctx().clone();
                    self.run(Action::Theme(theme), &ctx);
                }
            }
        });
    }

    /// Copies a quote with its citation (speaker, outlet, date, file) to the clipboard.
    pub fn copy_quote(&mut self, ctx: &egui::Context, analysis: &Analysis, quote: QuoteId) {
        if let Some(citation) = actions::quote_citation(analysis, quote) {
            ctx.copy_text(citation);
            self.notify("Quote copied with its citation.");
        }
    }

    /// Opens an article's file in the system's default app.
    pub fn open_article(&mut self, analysis: &Analysis, article: ArticleId) {
        if let Err(err) = actions::open_article_file(analysis, article, self.is_bundled()) {
            self.notify_error(err.to_string());
        }
    }

    /// The path field, if open (for tests and screenshots).
    pub fn path_prompt(&self) -> Option<&dialogs::PathPrompt> {
        self.dialogs.prompt()
    }
}

fn home_folder() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

/// An absolute form of `path` (for the Recent menu and the watcher), without resolving
/// symbolic links the user chose to go through.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The window options for desktop use: icon, app id, remembered window size.
pub fn native_options(persistence_path: Option<PathBuf>) -> eframe::NativeOptions {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Parallax")
        .with_app_id(APP_ID)
        .with_inner_size([1280.0, 820.0])
        .with_min_inner_size([960.0, 600.0])
        .with_drag_and_drop(true);
    if let Some(icon) = icon::window_icon() {
        viewport = viewport.with_icon(icon);
    }
    eframe::NativeOptions {
        viewport,
        persist_window: true,
        persistence_path,
        ..Default::default()
    }
}

/// The settings file behind [`native_options`]' persistence.
pub fn settings_file(persistence_path: Option<&Path>) -> Option<PathBuf> {
    match persistence_path {
        Some(path) => Some(path.to_path_buf()),
        None => settings::default_settings_file(APP_ID),
    }
}

/// "Copy with citation" and "Open article file" buttons for a quote (quote details).
pub fn quote_buttons_ui(
    ui: &mut egui::Ui,
    quote: &crate::engine::Quote,
    commands: &mut Vec<crate::app::Command>,
) {
    ui.horizontal(|ui| {
        let copy = egui::Button::new("Copy with citation")
            .shortcut_text(ui.ctx().format_shortcut(&shortcuts::COPY_CITATION));
        if ui
            .add(copy)
            .on_hover_text("Copy the quote with speaker, outlet, date and file")
            .clicked()
        {
            commands.push(crate::app::Command::CopyQuoteCitation(quote.id));
        }
        let open = egui::Button::new("Open article file")
            .shortcut_text(ui.ctx().format_shortcut(&shortcuts::OPEN_ARTICLE_FILE));
        if ui
            .add(open)
            .on_hover_text("Open the article in the system's default app")
            .clicked()
        {
            commands.push(crate::app::Command::OpenArticleFile(quote.article));
        }
    });
}

fn open_file_request_id() -> egui::Id {
    egui::Id::unique("parallax-open-article-file")
}

/// A right-click menu for an article (library rows): open its file in the system's default
/// app, or copy its path. The request is carried out by [`Desktop::show`] on the next frame.
pub fn article_context_menu(response: &egui::Response, article: &crate::engine::Article) {
    response.context_menu(|ui| {
        if ui.button("Open article file").clicked() {
            let id = article.id;
            ui.ctx()
                .data_mut(|d| d.insert_temp(open_file_request_id(), id));
            ui.ctx().request_repaint();
        }
        if ui.button("Copy file path").clicked() {
            ui.ctx().copy_text(article.path.clone());
        }
    });
}
