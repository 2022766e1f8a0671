//! Colours and text styles: one place for the look of the window.

use crate::engine::GroupStatus;
use egui::{Color32, FontFamily, FontId, TextStyle};

/// The size of article text in points.
pub const ARTICLE_FONT_SIZE: f32 = 15.0;
/// The line height of article text in points.
pub const ARTICLE_LINE_HEIGHT: f32 = 22.0;

/// Sets readable text sizes and follows the system's dark or light mode.
pub fn apply(ctx: &egui::Context) {
    ctx.options_mut(|options| options.theme_preference = egui::ThemePreference::System);
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (
                TextStyle::Small,
                FontId::new(11.5, FontFamily::Proportional),
            ),
            (TextStyle::Body, FontId::new(14.0, FontFamily::Proportional)),
            (
                TextStyle::Button,
                FontId::new(14.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Heading,
                FontId::new(19.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(13.0, FontFamily::Monospace),
            ),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 5.0);
        // Table rows and list entries are clicked, not selected as text.
        style.interaction.selectable_labels = false;
        style.spacing.button_padding = egui::vec2(6.0, 3.0);
    });
}

/// The strong colour of a status (legend swatches, labels).
pub fn status_color(status: GroupStatus, dark_mode: bool) -> Color32 {
    match (status, dark_mode) {
        (GroupStatus::Shared, true) => Color32::from_rgb(110, 200, 130),
        (GroupStatus::Shared, false) => Color32::from_rgb(30, 120, 55),
        (GroupStatus::Differing, true) => Color32::from_rgb(245, 170, 70),
        (GroupStatus::Differing, false) => Color32::from_rgb(175, 95, 0),
        (GroupStatus::Unique, true) => Color32::from_rgb(130, 165, 255),
        (GroupStatus::Unique, false) => Color32::from_rgb(50, 90, 200),
    }
}

/// The background tint of a claim with this status in article text.
pub fn status_background(status: GroupStatus, dark_mode: bool) -> Color32 {
    match (status, dark_mode) {
        (GroupStatus::Shared, true) => Color32::from_rgb(28, 58, 36),
        (GroupStatus::Shared, false) => Color32::from_rgb(214, 240, 218),
        (GroupStatus::Differing, true) => Color32::from_rgb(76, 52, 18),
        (GroupStatus::Differing, false) => Color32::from_rgb(255, 228, 186),
        (GroupStatus::Unique, true) => Color32::from_rgb(34, 40, 60),
        (GroupStatus::Unique, false) => Color32::from_rgb(230, 236, 252),
    }
}

/// The fill behind the claims of the hovered or selected group.
pub fn focus_background(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgba_unmultiplied(255, 230, 120, 40)
    } else {
        Color32::from_rgba_unmultiplied(255, 200, 0, 60)
    }
}

/// The outline around the claims of the hovered or selected group.
pub fn focus_stroke(dark_mode: bool) -> egui::Stroke {
    if dark_mode {
        egui::Stroke::new(1.5, Color32::from_rgb(255, 220, 110))
    } else {
        egui::Stroke::new(1.5, Color32::from_rgb(200, 120, 0))
    }
}

/// The fill behind a quote shown from the quotes table.
pub fn quote_background(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgba_unmultiplied(200, 120, 255, 45)
    } else {
        Color32::from_rgba_unmultiplied(170, 80, 230, 40)
    }
}

/// The outline of a quote shown from the quotes table.
pub fn quote_stroke(dark_mode: bool) -> egui::Stroke {
    if dark_mode {
        egui::Stroke::new(1.5, Color32::from_rgb(205, 150, 255))
    } else {
        egui::Stroke::new(1.5, Color32::from_rgb(140, 50, 200))
    }
}

/// A small coloured square followed by a label, for legends.
pub fn legend_item(ui: &mut egui::Ui, status: GroupStatus, text: &str) {
    let dark_mode = ui.visuals().dark_mode;
    // One unit, so a wrapping toolbar never parts the swatch from its label.
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        let size = egui::vec2(12.0, 12.0);
        let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
        ui.painter()
            .rect_filled(rect, 2.0, status_background(status, dark_mode));
        ui.painter().rect_stroke(
            rect,
            2.0,
            egui::Stroke::new(1.0, status_color(status, dark_mode)),
            egui::StrokeKind::Inside,
        );
        ui.label(text);
    });
}

/// A small triangle showing the sort direction (the bundled font has no arrow glyphs).
pub fn sort_arrow(ui: &mut egui::Ui, ascending: bool) {
    let size = egui::vec2(10.0, 10.0);
    let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
    let color = ui.visuals().strong_text_color();
    let (c, h) = (rect.center(), 3.5);
    let points = if ascending {
        vec![
            c + egui::vec2(0.0, -h),
            c + egui::vec2(h, h),
            c + egui::vec2(-h, h),
        ]
    } else {
        vec![
            c + egui::vec2(-h, -h),
            c + egui::vec2(h, -h),
            c + egui::vec2(0.0, h),
        ]
    };
    ui.painter().add(egui::Shape::convex_polygon(
        points,
        color,
        egui::Stroke::NONE,
    ));
}
