//! Image snapshots of every view on the bundled seeds at 1600×1000, rendered with wgpu.
//!
//! Behind the `snapshots` feature because it needs a GPU adapter; `.ci/run` installs Mesa's
//! software Vulkan (lavapipe) and runs `cargo test --features snapshots --test snapshots`.
//! After a deliberate change of the look or of the analysis, regenerate the images with
//! `UPDATE_SNAPSHOTS=1 cargo test --features snapshots --test snapshots` and look at them.

#![cfg(feature = "snapshots")]

use egui_kittest::Harness;
use parallax::app::{Command, ParallaxApp, Tab};
use std::time::{Duration, Instant};

fn seeds_harness() -> Harness<'static, ParallaxApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .wgpu()
        .build_ui_state(
            |ui, app: &mut ParallaxApp| app.show(ui),
            ParallaxApp::new_for_test(Vec::new()),
        );
    let deadline = Instant::now() + Duration::from_secs(60);
    while harness.state().is_loading() || harness.state().analysis().is_none() {
        assert!(Instant::now() < deadline, "the seeds did not load in time");
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    harness.run_steps(6);
    harness
}

#[test]
fn every_view_on_the_seeds() {
    let mut harness = seeds_harness();
    for (tab, name) in [
        (Tab::Compare, "compare"),
        (Tab::Claims, "claims"),
        (Tab::Quotes, "quotes"),
        (Tab::Speakers, "speakers"),
    ] {
        harness.state_mut().push_command(Command::SelectTab(tab));
        harness.run_steps(6);
        assert_eq!(harness.state().tab(), tab);
        harness.snapshot(name);
    }
}
