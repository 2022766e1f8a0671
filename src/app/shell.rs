//! The window's shell: the app state, loading, panels, and applying commands.

use super::command::{Command, Tab};
use super::desktop::{self, Desktop, Request};
use super::index::DisplayIndex;
use super::loader::{Loaded, Loader, Source};
use super::menu::{self, MenuContext};
use super::views::{
    claims::{self, ClaimsState},
    compare::{self, CompareState},
    library::{self, LibraryState},
    problems,
    quotes::{self, QuotesState},
    speakers::{self, SpeakersState},
};
use crate::engine::{Analysis, ArticleId, GroupId, Problem};
use egui::RichText;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

/// The corpus on screen.
#[derive(Debug)]
pub struct Shown {
    pub source: Source,
    pub name: String,
    pub analysis: Arc<Analysis>,
    pub index: DisplayIndex,
}

/// The Parallax window.
pub struct ParallaxApp {
    loader: Loader,
    egui_ctx: Arc<OnceLock<egui::Context>>,
    shown: Option<Shown>,
    tab: Tab,
    library: LibraryState,
    compare: CompareState,
    claims: ClaimsState,
    quotes: QuotesState,
    speakers: SpeakersState,
    problems_open: bool,
    /// Dialogs, Recent menu, exports, watching, zoom, theme and saved settings.
    desktop: Desktop,
    commands: Vec<Command>,
    window_title: String,
    started: Instant,
    /// Frames started so far, up to 2 (for the start-up log).
    frames_started: u8,
    log_startup: bool,
}

impl std::fmt::Debug for ParallaxApp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParallaxApp")
            .field("tab", &self.tab)
            .field("loading", &self.loader.is_loading())
            .field("name", &self.shown.as_ref().map(|s| &s.name))
            .finish_non_exhaustive()
    }
}

impl ParallaxApp {
    /// A window that starts loading `paths` (the bundled seeds when empty).
    pub fn new(paths: Vec<PathBuf>) -> Self {
        let mut app = Self::empty();
        app.load(paths);
        app
    }

    /// Loads `paths` (the bundled seeds when empty), cancelling any load in progress: at
    /// start-up, the corpus remembered from the last session replaces what [`Self::new`]
    /// started once the window's storage has been read.
    pub fn load(&mut self, paths: Vec<PathBuf>) {
        let source = if paths.is_empty() {
            Source::Bundled
        } else {
            Source::Paths(paths)
        };
        self.loader.start(source);
    }

    /// The same as [`Self::new`]; the name says that tests drive it without a window.
    pub fn new_for_test(paths: Vec<PathBuf>) -> Self {
        Self::new(paths)
    }

    /// A window showing a ready-made analysis (tests and benchmarks).
    pub fn from_analysis(name: &str, analysis: Analysis) -> Self {
        let mut app = Self::empty();
        app.show_loaded(Loaded {
            source: Source::Paths(Vec::new()),
            name: name.to_owned(),
            analysis: Arc::new(analysis),
            elapsed: Duration::ZERO,
        });
        app
    }

    fn empty() -> Self {
        let egui_ctx: Arc<OnceLock<egui::Context>> = Arc::new(OnceLock::new());
        let wake_ctx = Arc::clone(&egui_ctx);
        let wake = Arc::new(move || {
            if let Some(ctx) = wake_ctx.get() {
                ctx.request_repaint();
            }
        });
        Self {
            loader: Loader::new(wake),
            egui_ctx,
            shown: None,
            tab: Tab::default(),
            library: LibraryState::default(),
            compare: CompareState::default(),
            claims: ClaimsState::default(),
            quotes: QuotesState::default(),
            speakers: SpeakersState::default(),
            problems_open: false,
            desktop: Desktop::new(None, None),
            commands: Vec::new(),
            window_title: String::new(),
            started: super::process_start(),
            frames_started: 0,
            log_startup: std::env::var_os("PARALLAX_LOG_STARTUP").is_some(),
        }
    }

    /// Uses `desktop` (with settings read from eframe's storage) for dialogs, menus and
    /// settings.
    pub fn with_desktop(mut self, desktop: Desktop) -> Self {
        self.desktop = desktop;
        self
    }

    // Accessors, mainly for tests.

    pub fn desktop(&self) -> &Desktop {
        &self.desktop
    }

    pub fn desktop_mut(&mut self) -> &mut Desktop {
        &mut self.desktop
    }

    pub fn is_loading(&self) -> bool {
        self.loader.is_loading()
    }

    pub fn analysis(&self) -> Option<&Analysis> {
        self.shown.as_ref().map(|s| s.analysis.as_ref())
    }

    pub fn corpus_name(&self) -> Option<&str> {
        self.shown.as_ref().map(|s| s.name.as_str())
    }

    pub fn tab(&self) -> Tab {
        self.tab
    }

    pub fn selected_articles(&self) -> &[ArticleId] {
        &self.library.selection
    }

    pub fn problems(&self) -> &[Problem] {
        self.shown
            .as_ref()
            .map_or(&[], |s| s.analysis.problems.as_slice())
    }

    pub fn problems_open(&self) -> bool {
        self.problems_open
    }

    pub fn compare(&self) -> &CompareState {
        &self.compare
    }

    pub fn quotes(&self) -> &QuotesState {
        &self.quotes
    }

    pub fn quotes_mut(&mut self) -> &mut QuotesState {
        &mut self.quotes
    }

    pub fn library_mut(&mut self) -> &mut LibraryState {
        &mut self.library
    }

    pub fn compare_mut(&mut self) -> &mut CompareState {
        &mut self.compare
    }

    pub fn window_title(&self) -> &str {
        &self.window_title
    }

    /// The quotes table's rows in display order.
    pub fn quote_rows(&mut self) -> Vec<quotes::QuoteRow> {
        match &self.shown {
            Some(shown) => self.quotes.rows(&shown.analysis).to_vec(),
            None => Vec::new(),
        }
    }

    /// The window title for the corpus on screen.
    pub fn title(&self) -> String {
        match &self.shown {
            Some(shown) => {
                let count = shown.analysis.articles.len();
                let noun = if count == 1 { "article" } else { "articles" };
                format!("Parallax — {} ({count} {noun})", shown.name)
            }
            None => "Parallax".to_owned(),
        }
    }

    /// Queues a command, applied at the end of the next frame.
    pub fn push_command(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Waits for the running load to finish (tests and benchmarks).
    pub fn wait_for_load(&mut self, timeout: Duration) {
        if let Some(loaded) = self.loader.wait(timeout) {
            self.show_loaded(loaded);
        }
    }

    fn show_loaded(&mut self, loaded: Loaded) {
        let index = DisplayIndex::new(&loaded.analysis);
        self.library.reset(&loaded.analysis);
        self.compare.reset();
        self.claims.reset();
        self.quotes.reset();
        self.speakers.reset();
        // A load that found nothing readable explains itself in the problems panel.
        if loaded.analysis.articles.is_empty() && !loaded.analysis.problems.is_empty() {
            self.problems_open = true;
        }
        if self.log_startup {
            eprintln!(
                "parallax: analysis of {} ready after {:.1} ms ({:.1} ms in the engine)",
                loaded.name,
                self.started.elapsed().as_secs_f64() * 1e3,
                loaded.elapsed.as_secs_f64() * 1e3
            );
        }
        let paths = match &loaded.source {
            Source::Paths(paths) => paths.clone(),
            Source::Bundled => Vec::new(),
        };
        self.desktop.corpus_opened(&paths, &loaded.name);
        self.shown = Some(Shown {
            source: loaded.source,
            name: loaded.name,
            analysis: loaded.analysis,
            index,
        });
    }

    /// One frame of the whole window.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if self.egui_ctx.get().is_none() {
            let _ = self.egui_ctx.set(ctx.clone());
            super::theme::apply(&ctx);
            self.desktop.apply_settings(&ctx);
        }
        if let Some(loaded) = self.loader.poll() {
            self.show_loaded(loaded);
        }
        if self.frames_started < 2 {
            self.frames_started += 1;
            if self.log_startup {
                let state = if self.shown.is_some() {
                    "articles shown"
                } else {
                    "still loading"
                };
                // The second frame starts after the first was painted and presented.
                let event = if self.frames_started == 1 {
                    "first frame starts"
                } else {
                    "first frame presented"
                };
                eprintln!(
                    "parallax: {event} after {:.1} ms ({state})",
                    self.started.elapsed().as_secs_f64() * 1e3
                );
            }
        }
        let shortcuts = Command::from_shortcuts(&ctx);
        self.commands.extend(shortcuts);

        let mut commands = std::mem::take(&mut self.commands);
        self.panels_ui(ui, &mut commands);
        for command in commands {
            self.apply(command, &ctx);
        }

        let title = self.title();
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
        if self.loader.is_loading() {
            // Keep the progress bar moving even when progress reports are rare.
            ctx.request_repaint_after(Duration::from_millis(100));
        }
    }

    fn panels_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let context = MenuContext {
            tab: self.tab,
            problems_open: self.problems_open,
            problem_count: self.problems().len(),
            has_analysis: self.shown.is_some(),
        };
        egui::Panel::top("menu bar").show(ui, |ui| {
            menu::menu_bar_ui(ui, context, &mut self.desktop, commands);
        });
        // Shortcuts, dropped files, dialogs, exports, the "articles changed" bar, notices.
        let analysis = self.shown.as_ref().map(|s| Arc::clone(&s.analysis));
        for request in self.desktop.show(ui, analysis.as_deref()) {
            commands.push(match request {
                Request::Open(paths) => Command::OpenPaths(paths),
                Request::OpenBundled => Command::OpenBundled,
                Request::FocusFilter => Command::FocusFilter,
            });
        }
        if let Some(quote) = self.quotes.selected.filter(|_| self.tab == Tab::Quotes) {
            let ctx = ui.ctx().clone();
            if ctx.input_mut(|i| i.consume_shortcut(&desktop::shortcuts::COPY_CITATION)) {
                commands.push(Command::CopyQuoteCitation(quote));
            }
            if ctx.input_mut(|i| i.consume_shortcut(&desktop::shortcuts::OPEN_ARTICLE_FILE)) {
                if let Some(q) = analysis
                    .as_deref()
                    .and_then(|a| a.quotes.get(quote.index()))
                {
                    commands.push(Command::OpenArticleFile(q.article));
                }
            }
        }
        egui::Panel::bottom("status bar").show(ui, |ui| self.status_bar_ui(ui, commands));
        if self.problems_open {
            let problems = self.problems().to_vec();
            egui::Panel::bottom("problems")
                .resizable(true)
                .default_size(180.0)
                .size_range(100.0..=600.0)
                .show(ui, |ui| {
                    if problems::problems_ui(ui, &problems) {
                        commands.push(Command::ToggleProblems);
                    }
                });
        }
        let Self {
            shown,
            tab,
            library,
            compare,
            claims,
            quotes,
            speakers,
            ..
        } = self;
        let Some(shown) = shown.as_ref() else {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.centered_and_justified(|ui| {
                    ui.label(RichText::new("Loading…").heading());
                });
            });
            return;
        };
        let analysis = shown.analysis.as_ref();
        egui::Panel::left("library")
            .resizable(true)
            .default_size(300.0)
            .size_range(220.0..=520.0)
            .show(ui, |ui| {
                library::library_ui(ui, analysis, &shown.index, library)
            });
        egui::CentralPanel::default().show(ui, |ui| {
            tabs_ui(ui, *tab, commands);
            ui.separator();
            match *tab {
                Tab::Compare => compare::compare_ui(
                    ui,
                    analysis,
                    &shown.index,
                    &library.selection,
                    compare,
                    commands,
                ),
                Tab::Claims => claims::claims_ui(ui, analysis, claims, commands),
                Tab::Quotes => quotes::quotes_ui(ui, analysis, &shown.index, quotes, commands),
                Tab::Speakers => {
                    speakers::speakers_ui(ui, analysis, speakers, quotes.speaker, commands);
                }
            }
        });
    }

    fn status_bar_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            if let Some(status) = self.loader.status() {
                let progress = status.progress;
                let fraction = if progress.total > 0 {
                    progress.done as f32 / progress.total as f32
                } else {
                    0.0
                };
                let text = if progress.total > 0 {
                    format!(
                        "{} {} of {}",
                        progress.stage.label(),
                        progress.done,
                        progress.total
                    )
                } else {
                    format!("{}…", progress.stage.label())
                };
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .desired_width(260.0)
                        .text(text)
                        .animate(true),
                );
                if ui.button("Cancel").clicked() {
                    self.loader.cancel();
                }
                ui.separator();
            }
            match &self.shown {
                Some(shown) => {
                    let a = &shown.analysis;
                    let count = crate::app::views::counted;
                    ui.label(format!(
                        "{}: {} · {} in {} · {} · {}",
                        shown.name,
                        count(a.articles.len(), "article", "articles"),
                        count(a.claims.len(), "claim", "claims"),
                        count(a.groups.len(), "group", "groups"),
                        count(a.quotes.len(), "quote", "quotes"),
                        count(a.speakers.len(), "speaker", "speakers")
                    ));
                }
                None if !self.loader.is_loading() => {
                    ui.label("Nothing loaded");
                }
                None => {}
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let count = self.problems().len();
                let text = match count {
                    0 => "No problems".to_owned(),
                    1 => "1 problem".to_owned(),
                    n => format!("{n} problems"),
                };
                let mut text = RichText::new(text);
                if count > 0 {
                    text = text.color(ui.visuals().warn_fg_color);
                }
                if ui
                    .add(egui::Button::selectable(self.problems_open, text))
                    .on_hover_text("Show the files that were skipped or read with trouble")
                    .clicked()
                {
                    commands.push(Command::ToggleProblems);
                }
            });
        });
    }

    /// Applies one command. Every menu item, button and shortcut ends up here.
    pub fn apply(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::OpenFolderDialog => self.desktop.run(desktop::Action::OpenFolder, ctx),
            Command::OpenPathPrompt => self.desktop.run(desktop::Action::OpenPath, ctx),
            Command::FocusFilter => {
                let view = match self.tab {
                    Tab::Compare => "library",
                    Tab::Claims => "claims",
                    Tab::Quotes => "quotes",
                    Tab::Speakers => "speakers",
                };
                ctx.memory_mut(|m| m.request_focus(desktop::filter_id(view)));
            }
            Command::CopyQuoteCitation(quote) => {
                if let Some(shown) = &self.shown {
                    self.desktop.copy_quote(ctx, &shown.analysis, quote);
                }
            }
            Command::OpenArticleFile(article) => {
                if let Some(shown) = &self.shown {
                    self.desktop.open_article(&shown.analysis, article);
                }
            }
            Command::OpenPaths(paths) => {
                if !paths.is_empty() {
                    self.loader.start(Source::Paths(paths));
                }
            }
            Command::OpenBundled => self.loader.start(Source::Bundled),
            Command::SelectTab(tab) => self.tab = tab,
            Command::ShowGroup(group) => self.show_group(group),
            Command::ShowQuote(quote) => {
                self.tab = Tab::Quotes;
                self.quotes.show_quote(quote);
            }
            Command::FilterQuotesBySpeaker(speaker) => self.quotes.speaker = speaker,
            Command::NextDifference | Command::PreviousDifference => {
                if let Some(shown) = &self.shown {
                    self.tab = Tab::Compare;
                    self.compare.step_difference(
                        &shown.analysis,
                        &shown.index,
                        &self.library.selection,
                        command == Command::NextDifference,
                    );
                }
            }
            Command::ToggleProblems => self.problems_open = !self.problems_open,
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
        ctx.request_repaint();
    }

    fn show_group(&mut self, group: GroupId) {
        let Some(shown) = &self.shown else {
            return;
        };
        let Some(articles) = shown
            .analysis
            .groups
            .get(group.index())
            .map(|g| &g.articles)
        else {
            return;
        };
        if articles.len() >= 2 {
            // Exactly the articles that carry the claim, side by side.
            self.library.selection = articles.clone();
        } else {
            self.library.include(articles);
        }
        self.tab = Tab::Compare;
        self.compare.focus_group(group);
    }
}

/// The tab bar above the views.
fn tabs_ui(ui: &mut egui::Ui, current: Tab, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        for tab in Tab::ALL {
            if ui
                .selectable_label(current == tab, RichText::new(tab.label()).strong())
                .clicked()
            {
                commands.push(Command::SelectTab(tab));
            }
        }
    });
}

impl eframe::App for ParallaxApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.desktop.save(storage);
    }
}
