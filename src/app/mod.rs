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
    // Start the analysis before the window: it runs while the window and the GPU are set
    // up, so the first frame usually shows the articles already.
    let app = ParallaxApp::new(paths);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Parallax")
            .with_app_id("parallax")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([960.0, 600.0]),
        ..Default::default()
    };
    eframe::run_native("Parallax", options, Box::new(move |_cc| Ok(Box::new(app))))
        .map_err(|err| anyhow::anyhow!("cannot open the window: {err}"))
}
