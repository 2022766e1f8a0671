//! Parallax compares news articles about one story, claim by claim.
//!
//! [`engine`] is the analysis (no UI); `app` is the eframe window (feature `gui`).

pub mod engine;

#[cfg(feature = "gui")]
pub mod app;
