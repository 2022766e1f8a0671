//! The desktop window (eframe/egui).
//!
//! [`shell::ParallaxApp`] holds the state and draws the panels; [`views`] has one module
//! per view; [`command::Command`] is everything the user can ask for, applied in one
//! place; [`loader`] runs the engine on a background thread.

pub mod command;
pub mod index;
pub mod loader;
pub mod menu;
pub mod shell;
pub mod theme;
pub mod views;

pub use command::{Command, Tab};
pub use shell::ParallaxApp;

pub mod desktop;

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Instant;

static PROCESS_START: OnceLock<Instant> = OnceLock::new();

/// When the window was asked for (for the startup log).
pub fn process_start() -> Instant {
    *PROCESS_START.get_or_init(Instant::now)
}

/// Opens the window on `paths`, or on the bundled seeds when `paths` is empty.
pub fn run(paths: Vec<PathBuf>) -> anyhow::Result<()> {
    process_start();
    // Start analysing the command-line paths (or the seeds) now, while the window and the
    // GPU are set up, so the first frames can show the articles.
    let mut app = ParallaxApp::new(paths.clone());
    // Icon, app id, remembered window size (see `desktop`).
    let options = desktop::native_options(None);
    let settings_file = desktop::settings_file(options.persistence_path.as_deref());
    eframe::run_native(
        "Parallax",
        options,
        Box::new(move |cc| {
            let desktop = desktop::Desktop::new(cc.storage, settings_file.as_deref());
            // The command line wins; else the corpus open at last exit; else the seeds.
            let startup_paths = desktop.startup_paths(&paths);
            if startup_paths != paths {
                app.load(startup_paths);
            }
            Ok(Box::new(app.with_desktop(desktop)))
        }),
    )
    .map_err(|err| anyhow::anyhow!("cannot open the window: {err}"))
}
