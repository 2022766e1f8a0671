//! The views of the window, one module each, as small `*_ui` functions over plain state.

pub mod article_text;
pub mod claims;
pub mod compare;
pub mod library;
pub mod problems;
pub mod quotes;
pub mod speakers;

use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{Color32, FontId, Galley};
use std::sync::Arc;

pub use crate::engine::text::counted;

/// Text wrapped to `width` and cut with "…" after `max_rows` rows.
pub fn clipped_galley(
    ui: &egui::Ui,
    text: &str,
    width: f32,
    max_rows: usize,
    font_id: FontId,
    color: Color32,
) -> Arc<Galley> {
    let mut job = LayoutJob::single_section(
        text.to_owned(),
        TextFormat {
            font_id,
            color,
            ..Default::default()
        },
    );
    job.wrap = TextWrapping {
        max_width: width.max(10.0),
        max_rows,
        break_anywhere: false,
        overflow_character: Some('…'),
    };
    ui.painter().layout_job(job)
}

/// Paints text wrapped to the available width and cut after `max_rows` rows;
/// the full text shows on hover when cut.
pub fn clipped_label(ui: &mut egui::Ui, text: &str, max_rows: usize, color: Option<Color32>) {
    let font_id = egui::TextStyle::Body.resolve(ui.style());
    let color = color.unwrap_or_else(|| ui.visuals().text_color());
    let galley = clipped_galley(ui, text, ui.available_width(), max_rows, font_id, color);
    let elided = galley.elided;
    let response = ui.add(egui::Label::new(galley).selectable(false));
    if elided {
        response.on_hover_text(text);
    }
}
