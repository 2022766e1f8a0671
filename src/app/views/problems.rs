//! Problems: files that were skipped or read with trouble, with the reason.

use crate::engine::Problem;
use egui::RichText;

/// The problems panel contents. Returns true when the user closes it.
pub fn problems_ui(ui: &mut egui::Ui, problems: &[Problem]) -> bool {
    let mut close = false;
    ui.horizontal(|ui| {
        ui.heading("Problems");
        ui.label(
            RichText::new(format!(
                "{} skipped or read with trouble",
                super::counted(problems.len(), "file", "files")
            ))
            .weak(),
        );
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Close").clicked() {
                close = true;
            }
        });
    });
    ui.separator();
    if problems.is_empty() {
        ui.label(RichText::new("No problems: every file was read.").weak());
        return close;
    }
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    egui::ScrollArea::vertical()
        .id_salt("problems")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, problems.len(), |ui, range| {
            egui::Grid::new("problems grid")
                .num_columns(2)
                .striped(true)
                .spacing([16.0, 6.0])
                .start_row(range.start)
                .show(ui, |ui| {
                    for problem in &problems[range] {
                        ui.label(RichText::new(&problem.path).monospace());
                        ui.label(&problem.message);
                        ui.end_row();
                    }
                });
        });
    close
}
