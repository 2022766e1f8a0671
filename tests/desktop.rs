//! Desktop behaviour driven through egui_kittest (headless, no GPU): dropping a folder,
//! the Recent menu, the typed-path fallback, and every export format through the same
//! path field the user would type into.
#![cfg(feature = "gui")]

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use parallax::app::desktop::dialogs::DialogMode;
use parallax::app::desktop::{Action, Desktop, Request};
use parallax::engine::{self, Analysis, export::Format};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

/// A window with a File menu and the desktop layer, recording what it asks for.
struct TestWindow {
    desktop: Option<Desktop>,
    analysis: Option<Analysis>,
    requests: Vec<Request>,
    /// Actions to run at the start of the next frame (like a menu click would).
    queued: Vec<Action>,
}

impl TestWindow {
    fn new(analysis: Option<Analysis>) -> Self {
        Self {
            desktop: None,
            analysis,
            requests: Vec::new(),
            queued: Vec::new(),
        }
    }

    fn desktop(&self) -> &Desktop {
        self.desktop.as_ref().expect("the first frame ran")
    }

    fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let desktop = self.desktop.get_or_insert_with(|| {
            // No stored settings: the state of a first start.
            let mut desktop = Desktop::new(None, None);
            desktop.set_dialog_mode(DialogMode::PathField);
            desktop
        });
        for action in self.queued.drain(..) {
            desktop.run(action, &ctx);
        }
        let has_analysis = self.analysis.is_some();
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                ui.menu_button("File", |ui| desktop.file_menu(ui, has_analysis));
                ui.menu_button("View", |ui| desktop.view_menu(ui));
            });
        });
        self.requests
            .extend(desktop.show(ui, self.analysis.as_ref()));
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label("Articles");
        });
    }
}

fn harness(window: TestWindow) -> Harness<'static, TestWindow> {
    Harness::builder()
        .with_size(egui::vec2(1000.0, 700.0))
        .build_ui_state(|ui, window: &mut TestWindow| window.ui(ui), window)
}

/// A file dropped on the window (egui 0.37 hands out `Arc<dyn DroppedFile>`).
#[derive(Debug)]
struct DroppedPath(PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Types `text` into the field labelled `label`, replacing what it suggested.
fn replace_text(harness: &mut Harness<'static, TestWindow>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run_ok();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run_ok();
    harness.get_by_label(label).type_text(text);
    harness.run_ok();
    assert_eq!(harness.get_by_label(label).value().as_deref(), Some(text));
}

fn write_articles(dir: &Path) {
    std::fs::write(
        dir.join("a.txt"),
        "Talks resume in Geneva\n\nDaily Planet\n\nThe talks resumed on Monday, officials said.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("b.txt"),
        "Geneva talks restart\n\nMorning Star\n\nThe talks restarted on Monday, a spokesman said.\n",
    )
    .unwrap();
}

fn seeds_analysis() -> Analysis {
    let cancel = AtomicBool::new(false);
    let progress = engine::no_progress();
    let control = engine::RunControl {
        progress: &progress,
        cancel: &cancel,
    };
    engine::analyze(engine::corpus::bundled(), control)
        .expect("the seeds analyse")
        .0
}

#[test]
fn dropping_a_folder_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    write_articles(dir.path());
    let mut harness = harness(TestWindow::new(None));
    harness.run_ok();
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(dir.path().to_path_buf())));
    harness.run_ok();
    assert_eq!(
        harness.state().requests,
        vec![Request::Open(vec![dir.path().to_path_buf()])]
    );
}

#[test]
fn dropping_only_unreadable_files_explains_instead_of_opening() {
    let dir = tempfile::tempdir().unwrap();
    let picture = dir.path().join("photo.jpg");
    std::fs::write(&picture, [0xff, 0xd8]).unwrap();
    let mut harness = harness(TestWindow::new(None));
    harness.run_ok();
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(picture)));
    harness.run_ok();
    assert!(harness.state().requests.is_empty());
    harness.get_by_label_contains("Nothing to open there");
}

#[test]
fn recent_menu_lists_corpora_and_opens_the_one_picked() {
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    let mut harness = harness(TestWindow::new(None));
    harness.run_ok();
    {
        let desktop = harness.state_mut().desktop.as_mut().unwrap();
        desktop.corpus_opened(&[first.path().to_path_buf()], "first");
        desktop.corpus_opened(&[second.path().to_path_buf()], "second");
        assert_eq!(desktop.settings.recent.len(), 2);
    }
    harness.get_by_label("File").click();
    harness.run_ok();
    harness.get_by_label("Recent").hover();
    harness.run_ok();
    harness.get_by_label("Recent").click();
    harness.run_ok();
    let first_name = first
        .path()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    // Newest first: the second folder is at the top, the first below it.
    harness.get_by_label_contains(&first_name).click();
    harness.run_ok();
    assert_eq!(
        harness.state().requests,
        vec![Request::Open(vec![first.path().to_path_buf()])]
    );
}

#[test]
fn open_path_field_loads_a_typed_folder() {
    let dir = tempfile::tempdir().unwrap();
    write_articles(dir.path());
    let mut harness = harness(TestWindow::new(None));
    harness.run_ok();
    harness.get_by_label("File").click();
    harness.run_ok();
    harness.get_by_label_contains("Open path…").click();
    harness.run_ok();
    assert!(harness.state().desktop().path_prompt().is_some());
    replace_text(
        &mut harness,
        "Folder or file path",
        &dir.path().display().to_string(),
    );
    harness.get_by_label("Open").click();
    harness.run_ok();
    assert_eq!(
        harness.state().requests,
        vec![Request::Open(vec![dir.path().to_path_buf()])]
    );
    assert!(harness.state().desktop().path_prompt().is_none());
}

#[test]
fn open_path_field_says_when_a_path_does_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-folder");
    let mut harness = harness(TestWindow::new(None));
    harness.state_mut().queued.push(Action::OpenPath);
    harness.run_ok();
    replace_text(
        &mut harness,
        "Folder or file path",
        &missing.display().to_string(),
    );
    harness.get_by_label("Open").click();
    harness.run_ok();
    assert!(harness.state().requests.is_empty());
    harness.get_by_label_contains("There is no file or folder");
}

#[test]
fn ctrl_shift_o_opens_files_not_the_folder_dialog() {
    let mut harness = harness(TestWindow::new(None));
    harness.run_ok();
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::O,
    );
    harness.run_ok();
    harness.get_by_label("Open article files");
}

/// Exports `format` through File ▸ Export ▸ … and the path field; returns the file text.
fn export_through_menu(format: Format, file_name: &str) -> (String, Analysis) {
    let dir = tempfile::tempdir().unwrap();
    let analysis = seeds_analysis();
    let mut harness = harness(TestWindow::new(Some(analysis.clone())));
    harness.run_ok();
    harness.get_by_label("File").click();
    harness.run_ok();
    harness.get_by_label("Export").hover();
    harness.run_ok();
    harness.get_by_label("Export").click();
    harness.run_ok();
    harness
        .get_by_label_contains(parallax::app::desktop::export_menu::label(format))
        .click();
    harness.run_ok();
    let target = dir.path().join(file_name);
    replace_text(&mut harness, "Save as", &target.display().to_string());
    harness.get_by_label("Save").click();
    harness.run_ok();
    let text = std::fs::read_to_string(&target)
        .unwrap_or_else(|err| panic!("{} was not written: {err}", target.display()));
    harness.get_by_label_contains("Exported to");
    (text, analysis)
}

#[test]
fn export_json_parses_back_into_the_analysis() {
    let (text, analysis) = export_through_menu(Format::Json, "out.json");
    let back: Analysis = serde_json::from_str(&text).expect("valid JSON analysis");
    assert_eq!(back, analysis);
}

fn csv_records(text: &str) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().expect("a CSV header").clone();
    let rows = reader
        .records()
        .collect::<Result<Vec<_>, _>>()
        .expect("well-formed CSV rows");
    (header, rows)
}

#[test]
fn export_quotes_csv_parses_with_one_row_per_quote() {
    let (text, analysis) = export_through_menu(Format::QuotesCsv, "quotes.csv");
    let (header, rows) = csv_records(&text);
    assert!(header.len() >= 3, "header: {header:?}");
    assert_eq!(rows.len(), analysis.quotes.len());
}

#[test]
fn export_claims_csv_is_a_claims_by_articles_matrix() {
    let (text, analysis) = export_through_menu(Format::ClaimsCsv, "claims.csv");
    let (header, rows) = csv_records(&text);
    // One column per article (plus descriptive columns), one row per claim group.
    assert!(header.len() > analysis.articles.len(), "header: {header:?}");
    assert_eq!(rows.len(), analysis.groups.len());
}

#[test]
fn export_markdown_report_has_headings() {
    let (text, analysis) = export_through_menu(Format::Markdown, "report.md");
    assert!(!text.trim().is_empty());
    assert!(text.lines().any(|l| l.starts_with("# ")), "no top heading");
    assert!(
        text.lines().any(|l| l.starts_with("## ")),
        "no section headings"
    );
    assert!(!analysis.articles.is_empty());
}

#[test]
fn export_html_report_is_a_page_with_the_article_titles() {
    let (text, analysis) = export_through_menu(Format::Html, "report.html");
    assert!(text.to_lowercase().contains("<html"), "not an HTML page");
    for article in &analysis.articles {
        // Titles may contain characters that HTML escapes; compare the escaped form.
        let escaped = article
            .title
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        assert!(
            text.contains(&article.title) || text.contains(&escaped),
            "missing title {:?}",
            article.title
        );
    }
}

#[test]
fn export_without_an_analysis_is_disabled_in_the_menu() {
    let mut harness = harness(TestWindow::new(None));
    harness.run_ok();
    harness.get_by_label("File").click();
    harness.run_ok();
    harness.get_by_label("Export").hover();
    harness.run_ok();
    harness.get_by_label("Export").click();
    harness.run_ok();
    let json =
        harness.get_by_label_contains(parallax::app::desktop::export_menu::label(Format::Json));
    assert!(json.accesskit_node().is_disabled());
}

// ---- The real window (`ParallaxApp`) with the desktop layer wired in. ----

use parallax::app::ParallaxApp;
use std::time::Duration;

fn app_harness(app: ParallaxApp) -> Harness<'static, ParallaxApp> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        // The views use a few symbols (sort arrows) the test font lacks.
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut ParallaxApp| app.show(ui), app)
}

fn app_with_path_field(app: ParallaxApp) -> ParallaxApp {
    let mut app = app;
    app.desktop_mut().set_dialog_mode(DialogMode::PathField);
    app
}

#[test]
fn window_loads_a_dropped_folder_and_lists_it_under_recent() {
    let dir = tempfile::tempdir().unwrap();
    write_articles(dir.path());
    let mut harness = app_harness(app_with_path_field(ParallaxApp::new(Vec::new())));
    harness.state_mut().wait_for_load(Duration::from_secs(30));
    harness.run_steps(3);
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(dir.path().to_path_buf())));
    harness.run_steps(2);
    harness.state_mut().wait_for_load(Duration::from_secs(30));
    harness.run_steps(2);
    let app = harness.state();
    assert_eq!(app.analysis().map(|a| a.articles.len()), Some(2));
    assert_eq!(
        app.desktop().settings.recent.get(0),
        Some([dir.path().to_path_buf()].as_slice())
    );
    assert_eq!(
        app.desktop().settings.last_corpus,
        Some(vec![dir.path().to_path_buf()])
    );
}

#[test]
fn window_exports_through_file_menu_and_path_field() {
    let dir = tempfile::tempdir().unwrap();
    let analysis = seeds_analysis();
    let app = ParallaxApp::from_analysis("Seeds", analysis.clone());
    let mut harness = app_harness(app_with_path_field(app));
    harness.run_steps(3);
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label("Export").click();
    harness.run_steps(2);
    harness
        .get_by_label_contains(parallax::app::desktop::export_menu::label(Format::Json))
        .click();
    harness.run_steps(2);
    let target = dir.path().join("seeds.json");
    harness.get_by_label("Save as").focus();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run_steps(1);
    harness
        .get_by_label("Save as")
        .type_text(&target.display().to_string());
    harness.run_steps(1);
    harness.get_by_label("Save").click();
    harness.run_steps(2);
    let back: Analysis = serde_json::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(back, analysis);
}

#[test]
fn window_ctrl_f_focuses_the_filter_of_the_current_view() {
    let app = ParallaxApp::from_analysis("Seeds", seeds_analysis());
    let mut harness = app_harness(app);
    harness.run_steps(3);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run_steps(2);
    let focused = harness.ctx.memory(|m| m.focused());
    assert_eq!(
        focused,
        Some(parallax::app::desktop::filter_id("library")),
        "Compare tab: the library filter"
    );
}

/// eframe's storage, in memory.
#[derive(Default)]
struct MemoryStorage(std::collections::HashMap<String, String>);

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
fn window_settings_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    write_articles(dir.path());
    let mut storage = MemoryStorage::default();
    {
        let app = app_with_path_field(ParallaxApp::new(vec![dir.path().to_path_buf()]));
        let mut harness = app_harness(app);
        harness.state_mut().wait_for_load(Duration::from_secs(30));
        harness.run_steps(2);
        harness.get_by_label("View").click();
        harness.run_steps(2);
        harness.get_by_label_contains("Zoom in").click();
        harness.run_steps(3);
        eframe::App::save(harness.state_mut(), &mut storage);
    }
    // The next start: same storage, no paths on the command line.
    let desktop = Desktop::new(Some(&storage), None);
    assert_eq!(desktop.settings.zoom, 1.1);
    assert_eq!(
        desktop.startup_paths(&[]),
        vec![dir.path().to_path_buf()],
        "reopens the last corpus"
    );
    assert_eq!(
        desktop.settings.recent.get(0),
        Some([dir.path().to_path_buf()].as_slice())
    );
}

#[test]
fn window_starts_with_a_notice_when_settings_are_damaged() {
    let mut storage = MemoryStorage::default();
    eframe::Storage::set_string(
        &mut storage,
        parallax::app::desktop::settings::STORAGE_KEY,
        "{\"zoom\": \"very large\", \"recent\": 12".to_owned(),
    );
    let desktop = Desktop::new(Some(&storage), None);
    assert_eq!(desktop.settings, Default::default());
    let app = ParallaxApp::from_analysis("Seeds", seeds_analysis()).with_desktop(desktop);
    let mut harness = app_harness(app);
    harness.run_steps(3);
    harness.get_by_label_contains("settings could not be read");
}

#[test]
fn window_explains_that_bundled_seeds_have_no_file_to_open() {
    let mut harness = app_harness(ParallaxApp::new(Vec::new()));
    harness.state_mut().wait_for_load(Duration::from_secs(30));
    harness.run_steps(3);
    let first = harness.state().analysis().unwrap().articles[0].path.clone();
    let name = first.rsplit('/').next().unwrap().to_owned();
    harness
        .get_by_role_and_label(egui::accesskit::Role::CheckBox, &name)
        .click_secondary();
    harness.run_steps(2);
    harness.get_by_label("Open article file").click();
    harness.run_steps(3);
    harness.get_by_label_contains("bundled sample article");
}
