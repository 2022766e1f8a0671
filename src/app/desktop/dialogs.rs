//! Choosing files: the system's file dialog, run off the UI thread, with an in-app path
//! field as the fallback.
//!
//! On Linux without a desktop portal or zenity, rfd returns `None` after a few
//! milliseconds, exactly like a cancel. A "cancel" faster than any human could click is
//! taken to mean there is no dialog, and the path field opens instead. File ▸ Open path…
//! always opens the path field, so nobody is ever stuck.

use egui::{Id, Key};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

/// A dialog "cancelled" faster than this had no window to cancel.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(400);

/// What a file choice is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    OpenFolder,
    OpenFiles,
    /// The typed-path field, for a folder or a file.
    OpenPath,
    /// Where to save an export.
    Save(engine::export::Format),
}

use crate::engine;

impl Purpose {
    fn is_save(self) -> bool {
        matches!(self, Self::Save(_))
    }

    fn title(self) -> String {
        match self {
            Self::OpenFolder => "Open a folder of articles".to_owned(),
            Self::OpenFiles => "Open article files".to_owned(),
            Self::OpenPath => "Open a folder or article file".to_owned(),
            Self::Save(format) => {
                let what = super::export_menu::label(format).trim_end_matches('…');
                let mut chars = what.chars();
                let first = chars.next().map(|c| c.to_lowercase().to_string());
                format!("Export {}{}", first.unwrap_or_default(), chars.as_str())
            }
        }
    }
}

/// A finished choice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Chosen {
    Open(Vec<PathBuf>),
    Save(engine::export::Format, PathBuf),
}

/// Where a dialog starts: a folder and, for saving, a file name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Suggestion {
    pub folder: Option<PathBuf>,
    pub file_name: Option<String>,
}

/// How files are chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogMode {
    /// The system dialog, falling back to the path field when there is none.
    Native,
    /// Always the in-app path field (no system dialog here, or forced by
    /// `PARALLAX_FILE_DIALOG=path`, or by tests).
    PathField,
}

struct Pending {
    purpose: Purpose,
    /// For the path field, if the dialog turns out not to exist.
    suggestion: Suggestion,
    started: Instant,
    result: Receiver<Option<Vec<PathBuf>>>,
}

/// The in-app path field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathPrompt {
    pub purpose: Purpose,
    pub text: String,
    /// Why the field is shown, or what was wrong with the last path.
    pub message: Option<String>,
    suggestion: Suggestion,
    focus: bool,
}

/// File dialogs and the path field.
pub struct Dialogs {
    mode: DialogMode,
    pending: Option<Pending>,
    prompt: Option<PathPrompt>,
}

impl std::fmt::Debug for Dialogs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dialogs")
            .field("mode", &self.mode)
            .field("pending", &self.pending.as_ref().map(|p| p.purpose))
            .field("prompt", &self.prompt)
            .finish()
    }
}

impl Default for Dialogs {
    fn default() -> Self {
        Self::new(default_mode())
    }
}

impl Dialogs {
    pub fn new(mode: DialogMode) -> Self {
        Self {
            mode,
            pending: None,
            prompt: None,
        }
    }

    pub fn mode(&self) -> DialogMode {
        self.mode
    }

    pub fn set_mode(&mut self, mode: DialogMode) {
        self.mode = mode;
    }

    /// Whether a system dialog is open.
    pub fn is_waiting(&self) -> bool {
        self.pending.is_some()
    }

    pub fn prompt(&self) -> Option<&PathPrompt> {
        self.prompt.as_ref()
    }

    /// Asks the user for a path: the system dialog, or the path field.
    pub fn ask(&mut self, purpose: Purpose, suggestion: Suggestion, ctx: &egui::Context) {
        if self.pending.is_some() {
            // One system dialog at a time; it is already in front.
            return;
        }
        if purpose == Purpose::OpenPath {
            self.open_prompt(purpose, suggestion, None);
            return;
        }
        if self.mode == DialogMode::PathField {
            let message = "No system file dialog is available here (no desktop portal or \
                           zenity), so type the path instead."
                .to_owned();
            self.open_prompt(purpose, suggestion, Some(message));
            return;
        }
        let (sender, receiver) = std::sync::mpsc::channel();
        let ctx = ctx.clone();
        let dialog_suggestion = suggestion.clone();
        let spawned = std::thread::Builder::new()
            .name("file-dialog".to_owned())
            .spawn(move || {
                let chosen = block_on(run_native_dialog(purpose, &dialog_suggestion));
                let _ = sender.send(chosen);
                ctx.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.pending = Some(Pending {
                    purpose,
                    suggestion,
                    started: Instant::now(),
                    result: receiver,
                });
            }
            Err(_) => self.open_prompt(
                purpose,
                suggestion,
                Some("The file dialog could not be started. Type a path instead.".to_owned()),
            ),
        }
    }

    /// Opens the path field.
    pub fn open_prompt(
        &mut self,
        purpose: Purpose,
        suggestion: Suggestion,
        message: Option<String>,
    ) {
        let text = match (&suggestion.folder, &suggestion.file_name) {
            (Some(folder), Some(name)) if purpose.is_save() => {
                folder.join(name).display().to_string()
            }
            // A trailing separator, so typing goes on inside the folder.
            (Some(folder), _) => {
                let mut text = folder.display().to_string();
                if !text.ends_with(std::path::MAIN_SEPARATOR) {
                    text.push(std::path::MAIN_SEPARATOR);
                }
                text
            }
            (None, Some(name)) if purpose.is_save() => name.clone(),
            _ => String::new(),
        };
        self.prompt = Some(PathPrompt {
            purpose,
            text,
            message,
            suggestion,
            focus: true,
        });
    }

    pub fn close_prompt(&mut self) {
        self.prompt = None;
    }

    /// Collects a finished system dialog. Call every frame.
    pub fn poll(&mut self, ctx: &egui::Context) -> Option<Chosen> {
        let pending = self.pending.as_ref()?;
        match pending.result.try_recv() {
            Err(TryRecvError::Empty) => {
                // The dialog thread wakes us when it is done; this is a safety net.
                ctx.request_repaint_after(Duration::from_millis(250));
                None
            }
            Err(TryRecvError::Disconnected) => {
                let (purpose, suggestion) = (pending.purpose, pending.suggestion.clone());
                self.pending = None;
                self.mode = DialogMode::PathField;
                self.open_prompt(
                    purpose,
                    suggestion,
                    Some("The file dialog failed. Type a path instead.".to_owned()),
                );
                None
            }
            Ok(Some(paths)) => {
                let purpose = pending.purpose;
                self.pending = None;
                chosen(purpose, paths)
            }
            Ok(None) => {
                let (purpose, suggestion) = (pending.purpose, pending.suggestion.clone());
                // Too quick for a person to cancel, or nothing here could show a dialog
                // (rfd may take a while to find out that there is no session bus).
                let no_dialog =
                    pending.started.elapsed() < NO_DIALOG_WITHIN || !native_dialog_possible();
                self.pending = None;
                if no_dialog {
                    // No dialog was shown: use the path field from now on.
                    self.mode = DialogMode::PathField;
                    self.open_prompt(
                        purpose,
                        suggestion,
                        Some(
                            "No system file dialog is available here (no desktop portal or \
                             zenity). Type a path instead."
                                .to_owned(),
                        ),
                    );
                }
                None
            }
        }
    }

    /// Shows the path field, if open. Returns the path once the user confirms it.
    pub fn show_prompt(&mut self, ctx: &egui::Context) -> Option<Chosen> {
        let prompt = self.prompt.as_mut()?;
        let mut submit = false;
        let mut cancel = false;
        let modal = egui::Modal::new(Id::unique("parallax-path-prompt")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading(prompt.purpose.title());
            match &prompt.message {
                Some(message) => ui.label(message),
                None if prompt.purpose.is_save() => {
                    ui.label("Type where to save the file. ~ is your home folder.")
                }
                None => ui.label(
                    "Type or paste the path of a folder of articles or of one article \
                     file. ~ is your home folder.",
                ),
            };
            ui.add_space(4.0);
            let label = ui.label(if prompt.purpose.is_save() {
                "Save as"
            } else {
                "Folder or file path"
            });
            let field = ui.add(
                egui::TextEdit::singleline(&mut prompt.text)
                    .desired_width(f32::INFINITY)
                    .hint_text("~/stories/ukraine-aid")
                    .id_salt("parallax-path-field"),
            );
            let field = field.labelled_by(label.id);
            if prompt.focus {
                field.request_focus();
                prompt.focus = false;
            }
            if field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                submit = true;
            }
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                let action = if prompt.purpose.is_save() {
                    "Save"
                } else {
                    "Open"
                };
                if ui.button(action).clicked() {
                    submit = true;
                }
                if ui.button("Cancel").clicked() {
                    cancel = true;
                }
            });
        });
        if modal.should_close() {
            cancel = true;
        }
        if cancel {
            self.prompt = None;
            return None;
        }
        if !submit {
            return None;
        }
        match check_typed_path(prompt.purpose, &prompt.text, &prompt.suggestion) {
            Ok(chosen) => {
                self.prompt = None;
                Some(chosen)
            }
            Err(message) => {
                prompt.message = Some(message);
                prompt.focus = true;
                None
            }
        }
    }
}

fn chosen(purpose: Purpose, paths: Vec<PathBuf>) -> Option<Chosen> {
    if paths.is_empty() {
        return None;
    }
    Some(match purpose {
        Purpose::Save(format) => Chosen::Save(format, paths.into_iter().next()?),
        _ => Chosen::Open(paths),
    })
}

/// Turns a typed path into a choice, or says what is wrong with it.
pub fn check_typed_path(
    purpose: Purpose,
    text: &str,
    suggestion: &Suggestion,
) -> Result<Chosen, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("Type a path first.".to_owned());
    }
    let path = expand_home(text);
    match purpose {
        Purpose::Save(format) => {
            let path = if path.is_dir() {
                path.join(suggestion.file_name.as_deref().unwrap_or("parallax-export"))
            } else {
                path
            };
            let folder = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            if !folder.is_dir() {
                return Err(format!("There is no folder {}.", folder.display()));
            }
            Ok(Chosen::Save(format, path))
        }
        _ => {
            if path.exists() {
                Ok(Chosen::Open(vec![path]))
            } else {
                Err(format!("There is no file or folder {}.", path.display()))
            }
        }
    }
}

/// `~` and `~/…` mean the home folder.
pub fn expand_home(text: &str) -> PathBuf {
    let home = || {
        std::env::var_os("HOME")
            .filter(|h| !h.is_empty())
            .map(PathBuf::from)
    };
    if text == "~" {
        if let Some(home) = home() {
            return home;
        }
    } else if let Some(rest) = text.strip_prefix("~/")
        && let Some(home) = home()
    {
        return home.join(rest);
    }
    PathBuf::from(text)
}

/// The mode to start in: the path field when no system dialog can work here.
pub fn default_mode() -> DialogMode {
    match std::env::var("PARALLAX_FILE_DIALOG").as_deref() {
        Ok("path") => return DialogMode::PathField,
        Ok("native") => return DialogMode::Native,
        _ => {}
    }
    if native_dialog_possible() {
        DialogMode::Native
    } else {
        DialogMode::PathField
    }
}

/// On Linux and the BSDs rfd needs the desktop portal (over the D-Bus session bus) or
/// zenity; elsewhere the system always has a dialog.
fn native_dialog_possible() -> bool {
    if !cfg!(any(
        target_os = "linux",
        target_os = "freebsd",
        target_os = "openbsd",
        target_os = "netbsd",
        target_os = "dragonfly"
    )) {
        return true;
    }
    let has_session_bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS")
        .is_some_and(|v| !v.is_empty())
        || std::env::var_os("XDG_RUNTIME_DIR")
            .is_some_and(|dir| Path::new(&dir).join("bus").exists());
    has_session_bus || on_path("zenity")
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

async fn run_native_dialog(purpose: Purpose, suggestion: &Suggestion) -> Option<Vec<PathBuf>> {
    let mut dialog = rfd::AsyncFileDialog::new().set_title(purpose.title());
    if let Some(folder) = &suggestion.folder {
        dialog = dialog.set_directory(folder);
    }
    match purpose {
        Purpose::OpenFolder | Purpose::OpenPath => dialog
            .pick_folder()
            .await
            .map(|handle| vec![handle.path().to_path_buf()]),
        Purpose::OpenFiles => dialog
            .add_filter("Articles", &["txt", "md", "html", "htm"])
            .add_filter("All files", &["*"])
            .pick_files()
            .await
            .map(|handles| handles.iter().map(|h| h.path().to_path_buf()).collect()),
        Purpose::Save(format) => {
            if let Some(name) = &suggestion.file_name {
                dialog = dialog.set_file_name(name);
            }
            let (kind, extension) = super::export_menu::filter(format);
            dialog
                .add_filter(kind, &[extension])
                .set_can_create_directories(true)
                .save_file()
                .await
                .map(|handle| vec![handle.path().to_path_buf()])
        }
    }
}

/// Runs a future to completion on this thread (the dialog thread).
fn block_on<F: std::future::Future>(future: F) -> F::Output {
    use std::sync::Arc;
    use std::task::{Context, Poll, Wake, Waker};

    struct ThreadWaker(std::thread::Thread);
    impl Wake for ThreadWaker {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }

    let waker = Waker::from(Arc::new(ThreadWaker(std::thread::current())));
    let mut context = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        match future.as_mut().poll(&mut context) {
            Poll::Ready(output) => return output,
            Poll::Pending => std::thread::park(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::export::Format;

    #[test]
    fn typed_open_path_must_exist() {
        let dir = tempfile::tempdir().unwrap();
        let typed = dir.path().display().to_string();
        assert_eq!(
            check_typed_path(
                Purpose::OpenPath,
                &format!("  {typed} "),
                &Suggestion::default()
            ),
            Ok(Chosen::Open(vec![dir.path().to_path_buf()]))
        );
        let missing = dir.path().join("nope");
        assert!(
            check_typed_path(
                Purpose::OpenPath,
                &missing.display().to_string(),
                &Suggestion::default()
            )
            .is_err()
        );
        assert!(check_typed_path(Purpose::OpenFolder, "   ", &Suggestion::default()).is_err());
    }

    #[test]
    fn typed_save_path_needs_an_existing_folder_and_takes_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let suggestion = Suggestion {
            folder: None,
            file_name: Some("story.json".to_owned()),
        };
        let purpose = Purpose::Save(Format::Json);
        assert_eq!(
            check_typed_path(purpose, &dir.path().display().to_string(), &suggestion),
            Ok(Chosen::Save(Format::Json, dir.path().join("story.json")))
        );
        let bad = dir.path().join("missing").join("x.json");
        assert!(check_typed_path(purpose, &bad.display().to_string(), &suggestion).is_err());
    }

    #[test]
    fn tilde_means_home() {
        if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
            assert_eq!(expand_home("~/a"), PathBuf::from(home).join("a"));
        }
        assert_eq!(expand_home("/x/~"), PathBuf::from("/x/~"));
    }

    fn pending(purpose: Purpose, answer: Option<Vec<PathBuf>>) -> Pending {
        let (sender, receiver) = std::sync::mpsc::channel();
        sender.send(answer).unwrap();
        Pending {
            purpose,
            suggestion: Suggestion {
                folder: Some(PathBuf::from("/stories")),
                file_name: None,
            },
            started: Instant::now(),
            result: receiver,
        }
    }

    #[test]
    fn a_dialog_that_answers_nothing_at_once_opens_the_path_field() {
        let ctx = egui::Context::default();
        let mut dialogs = Dialogs::new(DialogMode::Native);
        dialogs.pending = Some(pending(Purpose::OpenFolder, None));
        assert_eq!(dialogs.poll(&ctx), None);
        assert_eq!(dialogs.mode(), DialogMode::PathField);
        let prompt = dialogs.prompt().expect("the path field opens");
        assert_eq!(prompt.purpose, Purpose::OpenFolder);
        assert_eq!(
            prompt.text,
            format!("/stories{}", std::path::MAIN_SEPARATOR)
        );
        assert!(
            prompt
                .message
                .as_deref()
                .unwrap_or("")
                .contains("No system file dialog")
        );
    }

    #[test]
    fn a_chosen_folder_comes_back_once() {
        let ctx = egui::Context::default();
        let mut dialogs = Dialogs::new(DialogMode::Native);
        let folder = PathBuf::from("/stories/aid");
        dialogs.pending = Some(pending(Purpose::OpenFolder, Some(vec![folder.clone()])));
        assert_eq!(dialogs.poll(&ctx), Some(Chosen::Open(vec![folder])));
        assert!(!dialogs.is_waiting());
        assert_eq!(dialogs.poll(&ctx), None);
        assert_eq!(dialogs.mode(), DialogMode::Native);
        let path = PathBuf::from("/out/a.csv");
        dialogs.pending = Some(pending(
            Purpose::Save(Format::ClaimsCsv),
            Some(vec![path.clone()]),
        ));
        assert_eq!(
            dialogs.poll(&ctx),
            Some(Chosen::Save(Format::ClaimsCsv, path))
        );
    }

    #[test]
    fn block_on_runs_a_ready_future() {
        assert_eq!(block_on(async { 7 }), 7);
    }
}
