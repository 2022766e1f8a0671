//! The library: every article with its metadata and claim counts; checkboxes choose
//! the articles to compare.

use crate::app::index::{DisplayIndex, article_name};
use crate::app::theme;
use crate::engine::{Analysis, ArticleId, GroupStatus, StatusCounts};
use egui::RichText;

/// The state of the library panel.
#[derive(Debug, Default)]
pub struct LibraryState {
    pub filter: String,
    /// The articles chosen for Compare, sorted by id.
    pub selection: Vec<ArticleId>,
    filtered: Option<(String, Vec<ArticleId>)>,
}

impl LibraryState {
    /// Chooses the first two articles of a new analysis.
    pub fn reset(&mut self, analysis: &Analysis) {
        self.selection = analysis.articles.iter().take(2).map(|a| a.id).collect();
        self.filtered = None;
    }

    /// Adds articles to the selection.
    pub fn include(&mut self, articles: &[ArticleId]) {
        for article in articles {
            if !self.selection.contains(article) {
                self.selection.push(*article);
            }
        }
        self.selection.sort_unstable();
    }

    pub fn set_selected(&mut self, article: ArticleId, selected: bool) {
        if selected {
            self.include(&[article]);
        } else {
            self.selection.retain(|a| *a != article);
        }
    }

    fn filtered(&mut self, analysis: &Analysis, index: &DisplayIndex) -> &[ArticleId] {
        let needle = self.filter.trim().to_lowercase();
        let stale = self.filtered.as_ref().is_none_or(|(f, _)| *f != needle);
        if stale {
            let list = analysis
                .articles
                .iter()
                .filter(|a| {
                    needle.is_empty()
                        || index
                            .article_search_text
                            .get(a.id.index())
                            .is_some_and(|t| t.contains(&needle))
                })
                .map(|a| a.id)
                .collect();
            self.filtered = Some((needle, list));
        }
        self.filtered.as_ref().map_or(&[], |(_, l)| l.as_slice())
    }
}

/// "12 shared · 3 differing · 5 unique", coloured by status.
pub fn status_counts_ui(ui: &mut egui::Ui, counts: StatusCounts) {
    let dark_mode = ui.visuals().dark_mode;
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        for (status, count) in [
            (GroupStatus::Shared, counts.shared),
            (GroupStatus::Differing, counts.differing),
            (GroupStatus::Unique, counts.unique),
        ] {
            ui.label(
                RichText::new(format!("{count} {}", status.label()))
                    .small()
                    .color(theme::status_color(status, dark_mode)),
            );
        }
    });
}

/// The library panel.
pub fn library_ui(
    ui: &mut egui::Ui,
    analysis: &Analysis,
    index: &DisplayIndex,
    state: &mut LibraryState,
) {
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.heading("Library");
        ui.label(
            RichText::new(super::counted(
                analysis.articles.len(),
                "article",
                "articles",
            ))
            .weak(),
        );
    });
    ui.horizontal(|ui| {
        let label = ui.label("Filter articles");
        ui.add(
            egui::TextEdit::singleline(&mut state.filter)
                .id(crate::app::desktop::filter_id("library"))
                .hint_text("outlet, title or date")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    });
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("{} chosen", state.selection.len())).weak());
        if ui.small_button("Choose all").clicked() {
            let all: Vec<ArticleId> = state.filtered(analysis, index).to_vec();
            state.include(&all);
        }
        if ui.small_button("Clear").clicked() {
            state.selection.clear();
        }
    });
    ui.separator();

    let row_height = ui.text_style_height(&egui::TextStyle::Body) * 3.0
        + ui.text_style_height(&egui::TextStyle::Small)
        + ui.spacing().item_spacing.y * 4.0
        + 6.0;
    let filtered = state.filtered(analysis, index).to_vec();
    if filtered.is_empty() {
        ui.label(RichText::new("No article matches the filter.").weak());
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("library")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, filtered.len(), |ui, rows| {
            for &article_id in &filtered[rows] {
                let Some(article) = analysis.articles.get(article_id.index()) else {
                    continue;
                };
                let mut selected = state.selection.contains(&article_id);
                let (rect, _) = ui.allocate_exact_size(
                    egui::vec2(ui.available_width(), row_height),
                    egui::Sense::hover(),
                );
                let mut row_ui = ui.new_child(
                    egui::UiBuilder::new()
                        .max_rect(rect)
                        .layout(egui::Layout::top_down(egui::Align::Min)),
                );
                row_ui.set_clip_rect(rect.intersect(ui.clip_rect()));
                if selected {
                    row_ui.painter().rect_filled(
                        rect.expand2(egui::vec2(2.0, 0.0)),
                        4.0,
                        ui.visuals().faint_bg_color,
                    );
                }
                let ui = &mut row_ui;
                let name = article_name(analysis, article_id);
                let response = ui
                    .checkbox(&mut selected, RichText::new(name).strong())
                    .on_hover_text(&article.path);
                // Right click: open the file, copy its path.
                crate::app::desktop::article_context_menu(&response, article);
                if response.changed() {
                    state.set_selected(article_id, selected);
                }
                let title = if article.title.trim().is_empty() {
                    "(untitled)"
                } else {
                    article.title.as_str()
                };
                ui.add(egui::Label::new(title).truncate());
                let date = article.date.as_deref().unwrap_or("no date");
                ui.label(
                    RichText::new(format!("{date} · {} words", article.word_count))
                        .weak()
                        .small(),
                );
                status_counts_ui(ui, index.status_counts(article_id));
            }
        });
}
