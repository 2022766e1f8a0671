//! Claims: one row per claim group with its status, coverage, the claim as each article
//! words it, the differing values side by side, and the articles that lack it.

use super::clipped_galley;
use crate::app::command::Command;
use crate::app::index::article_name;
use crate::app::theme;
use crate::engine::{Analysis, ArticleId, GroupId, GroupStatus};
use egui::{RichText, TextStyle};
use egui_extras::{Column, TableBuilder};

/// How the claims table is ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ClaimSort {
    /// Differing first, then shared, then unique; then by coverage.
    #[default]
    Status,
    /// Most articles first.
    Coverage,
    /// In the order the engine found them.
    Position,
}

impl ClaimSort {
    fn label(self) -> &'static str {
        match self {
            Self::Status => "Status",
            Self::Coverage => "Coverage",
            Self::Position => "Position",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
struct RowsKey {
    filter: String,
    sort: ClaimSort,
    statuses: [bool; 3],
}

/// The state of the Claims tab.
#[derive(Debug)]
pub struct ClaimsState {
    pub filter: String,
    pub sort: ClaimSort,
    pub show_shared: bool,
    pub show_differing: bool,
    pub show_unique: bool,
    rows: Option<(RowsKey, Vec<u32>)>,
    /// Lower-case text of each group's claims, built when first filtered.
    search_text: Vec<String>,
}

impl Default for ClaimsState {
    fn default() -> Self {
        Self {
            filter: String::new(),
            sort: ClaimSort::default(),
            show_shared: true,
            show_differing: true,
            show_unique: true,
            rows: None,
            search_text: Vec::new(),
        }
    }
}

impl ClaimsState {
    pub fn reset(&mut self) {
        self.rows = None;
        self.search_text.clear();
    }

    /// The groups shown, in display order.
    pub fn rows(&mut self, analysis: &Analysis) -> &[u32] {
        let key = RowsKey {
            filter: self.filter.trim().to_lowercase(),
            sort: self.sort,
            statuses: [self.show_shared, self.show_differing, self.show_unique],
        };
        if self.rows.as_ref().is_none_or(|(k, _)| *k != key) {
            if !key.filter.is_empty() && self.search_text.len() != analysis.groups.len() {
                self.search_text = analysis
                    .groups
                    .iter()
                    .map(|g| {
                        g.claims
                            .iter()
                            .filter_map(|c| analysis.claims.get(c.index()))
                            .map(|c| c.text.to_lowercase())
                            .collect::<Vec<_>>()
                            .join("\n")
                    })
                    .collect();
            }
            let shows = |status: GroupStatus| match status {
                GroupStatus::Shared => key.statuses[0],
                GroupStatus::Differing => key.statuses[1],
                GroupStatus::Unique => key.statuses[2],
            };
            let mut rows: Vec<u32> = analysis
                .groups
                .iter()
                .enumerate()
                .filter(|(i, g)| {
                    shows(g.status)
                        && (key.filter.is_empty()
                            || self
                                .search_text
                                .get(*i)
                                .is_some_and(|t| t.contains(&key.filter)))
                })
                .map(|(i, _)| i as u32)
                .collect();
            let status_rank = |status: GroupStatus| match status {
                GroupStatus::Differing => 0,
                GroupStatus::Shared => 1,
                GroupStatus::Unique => 2,
            };
            let group = |i: &u32| &analysis.groups[*i as usize];
            match key.sort {
                ClaimSort::Status => rows.sort_by_key(|i| {
                    let g = group(i);
                    (
                        status_rank(g.status),
                        std::cmp::Reverse(g.articles.len()),
                        *i,
                    )
                }),
                ClaimSort::Coverage => rows.sort_by_key(|i| {
                    let g = group(i);
                    (
                        std::cmp::Reverse(g.articles.len()),
                        status_rank(g.status),
                        *i,
                    )
                }),
                ClaimSort::Position => {}
            }
            self.rows = Some((key, rows));
        }
        self.rows.as_ref().map_or(&[], |(_, r)| r.as_slice())
    }
}

/// The Claims tab.
pub fn claims_ui(
    ui: &mut egui::Ui,
    analysis: &Analysis,
    state: &mut ClaimsState,
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Filter claims");
        ui.add(
            egui::TextEdit::singleline(&mut state.filter)
                .id(crate::app::desktop::filter_id("claims"))
                .hint_text("words in the claim")
                .desired_width(220.0),
        )
        .labelled_by(label.id);
        ui.separator();
        let label = ui.label("Sort by");
        egui::ComboBox::from_id_salt("claims sort")
            .selected_text(state.sort.label())
            .show_ui(ui, |ui| {
                for sort in [ClaimSort::Status, ClaimSort::Coverage, ClaimSort::Position] {
                    ui.selectable_value(&mut state.sort, sort, sort.label());
                }
            })
            .response
            .labelled_by(label.id);
        ui.separator();
        ui.checkbox(&mut state.show_differing, "Differing");
        ui.checkbox(&mut state.show_shared, "Shared");
        ui.checkbox(&mut state.show_unique, "Unique");
    });
    let rows = state.rows(analysis).to_vec();
    ui.label(
        RichText::new(format!(
            "{} of {} claim groups. Click a row to show it in Compare.",
            rows.len(),
            analysis.groups.len()
        ))
        .weak(),
    );
    ui.separator();

    let body_height = ui.text_style_height(&TextStyle::Body);
    let small_height = ui.text_style_height(&TextStyle::Small);
    let row_height = small_height + body_height * 3.0 + 10.0;
    let dark_mode = ui.visuals().dark_mode;
    let article_count = analysis.articles.len();

    TableBuilder::new(ui)
        .id_salt("claims table")
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .auto_shrink([false, false])
        .column(Column::exact(84.0))
        .column(Column::exact(72.0))
        .column(Column::remainder().at_least(300.0).clip(true))
        .column(Column::initial(220.0).at_least(120.0).clip(true))
        .column(Column::initial(170.0).at_least(100.0).clip(true))
        .header(24.0, |mut header| {
            for title in [
                "Status",
                "Articles",
                "Claim in each article",
                "Differing values",
                "Not in",
            ] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(row_height, rows.len(), |mut row| {
                let Some(group) = rows
                    .get(row.index())
                    .and_then(|i| analysis.groups.get(*i as usize))
                else {
                    return;
                };
                row.col(|ui| {
                    ui.label(
                        RichText::new(group.status.label())
                            .color(theme::status_color(group.status, dark_mode))
                            .strong(),
                    );
                });
                row.col(|ui| {
                    ui.label(format!("{} of {article_count}", group.articles.len()));
                });
                row.col(|ui| claim_texts_ui(ui, analysis, group.id, row_height));
                row.col(|ui| differences_ui(ui, analysis, group.id));
                row.col(|ui| {
                    let missing: Vec<String> = analysis
                        .articles
                        .iter()
                        .filter(|a| group.articles.binary_search(&a.id).is_err())
                        .take(6)
                        .map(|a| article_name(analysis, a.id))
                        .collect();
                    let more = article_count
                        .saturating_sub(group.articles.len())
                        .saturating_sub(missing.len());
                    // One article per line, each cut short with "…" rather than wrapped:
                    // names are often long file names.
                    let weak = Some(ui.visuals().weak_text_color());
                    ui.spacing_mut().item_spacing.y = 0.0;
                    let shown_lines = if more > 0 { 2 } else { 3 };
                    for name in missing.iter().take(shown_lines) {
                        super::clipped_label(ui, name, 1, weak);
                    }
                    let hidden = more + missing.len().saturating_sub(shown_lines);
                    if hidden > 0 {
                        let all = missing.join("\n");
                        ui.label(RichText::new(format!("and {hidden} more")).weak())
                            .on_hover_text(all);
                    }
                });
                if row.response().clicked() {
                    commands.push(Command::ShowGroup(group.id));
                }
            });
        });
}

/// The claim as each article words it, side by side (up to four articles).
fn claim_texts_ui(ui: &mut egui::Ui, analysis: &Analysis, group: GroupId, row_height: f32) {
    let Some(group) = analysis.groups.get(group.index()) else {
        return;
    };
    // One claim per article: the first.
    let mut per_article: Vec<(ArticleId, &str)> = Vec::new();
    for claim in group
        .claims
        .iter()
        .filter_map(|c| analysis.claims.get(c.index()))
    {
        if per_article.last().is_none_or(|(a, _)| *a != claim.article) {
            per_article.push((claim.article, claim.text.as_str()));
        }
    }
    const MAX_SHOWN: usize = 4;
    // Narrower than this, words break in the middle: show fewer articles instead.
    const MIN_CELL_WIDTH: f32 = 150.0;
    let gap = 10.0;
    let width = ui.available_width();
    let fitting = ((width + gap) / (MIN_CELL_WIDTH + gap)).floor().max(1.0) as usize;
    let shown = per_article.len().min(MAX_SHOWN).min(fitting);
    if shown == 0 {
        return;
    }
    let cell_width = ((width - gap * (shown as f32 - 1.0)) / shown as f32).max(60.0);
    let top_left = ui.max_rect().min;
    let small = TextStyle::Small.resolve(ui.style());
    let body = TextStyle::Body.resolve(ui.style());
    let strong = ui.visuals().strong_text_color();
    let text_color = ui.visuals().text_color();
    let small_height = ui.text_style_height(&TextStyle::Small);
    for (i, (article, text)) in per_article.iter().take(shown).enumerate() {
        let x = top_left.x + i as f32 * (cell_width + gap);
        let mut name = article_name(analysis, *article);
        if i + 1 == shown && per_article.len() > shown {
            // In front, so that a clipped file name does not hide it.
            name = format!("+{} more · {name}", per_article.len() - shown);
        }
        let name_galley = clipped_galley(ui, &name, cell_width, 1, small.clone(), strong);
        let text_galley = clipped_galley(ui, text, cell_width, 3, body.clone(), text_color);
        let painter = ui.painter();
        painter.galley(egui::pos2(x, top_left.y + 2.0), name_galley, strong);
        painter.galley(
            egui::pos2(x, top_left.y + 3.0 + small_height),
            text_galley,
            text_color,
        );
    }
    ui.allocate_space(egui::vec2(width, row_height - 4.0));
}

/// The values that differ, side by side: "$175 billion | $56.2 billion".
fn differences_ui(ui: &mut egui::Ui, analysis: &Analysis, group: GroupId) {
    let Some(group) = analysis.groups.get(group.index()) else {
        return;
    };
    if group.differences.is_empty() {
        return;
    }
    let dark_mode = ui.visuals().dark_mode;
    let color = theme::status_color(GroupStatus::Differing, dark_mode);
    let background = theme::status_background(GroupStatus::Differing, dark_mode);
    ui.vertical(|ui| {
        for difference in group.differences.iter().take(3) {
            ui.horizontal_wrapped(|ui| {
                ui.spacing_mut().item_spacing.x = 4.0;
                // Each value once, with how many articles give it; their names on hover.
                for (i, distinct) in analysis.distinct_values(difference).iter().enumerate() {
                    if i > 0 {
                        ui.label(RichText::new("|").weak());
                    }
                    ui.label(
                        RichText::new(distinct.value)
                            .color(color)
                            .background_color(background)
                            .underline(),
                    )
                    .on_hover_ui(|ui| {
                        for &article in &distinct.articles {
                            ui.label(article_name(analysis, article));
                        }
                    });
                    ui.label(RichText::new(format!("({})", distinct.articles.len())).weak())
                        .on_hover_text("Number of articles that give this value");
                }
            });
        }
    });
}
