//! Compare: the chosen articles side by side, claims tinted by status, linked scrolling.

use super::article_text::{self, ArticleLayout, Highlight, LayoutKey};
use crate::app::command::Command;
use crate::app::index::{DisplayIndex, partner_in};
use crate::app::theme;
use crate::engine::{Analysis, ArticleId, ClaimId, GroupId, GroupStatus};
use egui::{Align, Layout, Rect, RichText, vec2};

/// Columns never get narrower than this; more articles scroll sideways.
pub const MIN_COLUMN_WIDTH: f32 = 380.0;
/// Text lines longer than this are hard to read.
const MAX_TEXT_WIDTH: f32 = 820.0;
/// Where a claim lands when a column scrolls to it with no anchor, from the top.
const DEFAULT_SCROLL_MARGIN: f32 = 60.0;

/// Scroll the columns to a group's claims on the next frame.
#[derive(Clone, Debug, PartialEq)]
struct ScrollRequest {
    group: GroupId,
    /// The column the user clicked in (not scrolled) and where the claim is in its view,
    /// so partners land at the same height.
    anchor: Option<(ArticleId, f32)>,
}

/// Where a column was on the last frame.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnInfo {
    pub article: ArticleId,
    pub offset: f32,
    /// Screen rect of the visible text.
    pub view_rect: Rect,
}

/// The state of the Compare view.
#[derive(Debug, Default)]
pub struct CompareState {
    pub only_differences: bool,
    pub hide_unique: bool,
    pub hovered_group: Option<GroupId>,
    pub selected_group: Option<GroupId>,
    pub selected_claim: Option<ClaimId>,
    pending_scroll: Option<ScrollRequest>,
    layouts: Vec<ArticleLayout>,
    /// The scroll offsets set by the last jump, per article.
    pub last_scroll_targets: Vec<(ArticleId, f32)>,
    /// The columns as shown on the last frame.
    pub columns: Vec<ColumnInfo>,
    differences: Option<(Vec<ArticleId>, Vec<GroupId>)>,
}

impl CompareState {
    /// Forgets everything tied to the previous analysis.
    pub fn reset(&mut self) {
        *self = Self {
            only_differences: self.only_differences,
            hide_unique: self.hide_unique,
            ..Self::default()
        };
    }

    /// Selects a group and scrolls every column to it.
    pub fn focus_group(&mut self, group: GroupId) {
        self.selected_group = Some(group);
        self.selected_claim = None;
        self.pending_scroll = Some(ScrollRequest {
            group,
            anchor: None,
        });
    }

    /// Differing groups of the chosen articles, in reading order of the first column.
    pub fn differing_groups(
        &mut self,
        analysis: &Analysis,
        index: &DisplayIndex,
        selection: &[ArticleId],
    ) -> &[GroupId] {
        let stale = self
            .differences
            .as_ref()
            .is_none_or(|(for_selection, _)| for_selection != selection);
        if stale {
            let mut seen = vec![false; analysis.groups.len()];
            let mut groups = Vec::new();
            for &article in selection {
                for claim in index.claims(analysis, article) {
                    let Some(group) = analysis.groups.get(claim.group.index()) else {
                        continue;
                    };
                    if group.status == GroupStatus::Differing
                        && !seen[claim.group.index()]
                        && group
                            .articles
                            .iter()
                            .filter(|a| selection.contains(a))
                            .count()
                            >= 2
                    {
                        seen[claim.group.index()] = true;
                        groups.push(claim.group);
                    }
                }
            }
            self.differences = Some((selection.to_vec(), groups));
        }
        self.differences.as_ref().map_or(&[], |(_, g)| g.as_slice())
    }

    /// Moves to the next (`forward`) or previous differing group.
    pub fn step_difference(
        &mut self,
        analysis: &Analysis,
        index: &DisplayIndex,
        selection: &[ArticleId],
        forward: bool,
    ) {
        let current = self.selected_group;
        let groups = self.differing_groups(analysis, index, selection);
        if groups.is_empty() {
            return;
        }
        let position = current.and_then(|g| groups.iter().position(|x| *x == g));
        let next = match (position, forward) {
            (Some(i), true) => (i + 1) % groups.len(),
            (Some(i), false) => (i + groups.len() - 1) % groups.len(),
            (None, true) => 0,
            (None, false) => groups.len() - 1,
        };
        let group = groups[next];
        self.focus_group(group);
    }

    /// The screen rect of a claim's first row on the last frame, if its column is shown.
    pub fn claim_screen_rect(&self, analysis: &Analysis, claim: ClaimId) -> Option<Rect> {
        let article = analysis.claims.get(claim.index())?.article;
        let column = self.columns.iter().find(|c| c.article == article)?;
        let layout = self
            .layouts
            .iter()
            .rev()
            .find(|l| l.key.article == article)?;
        let rect = *layout.claim_rects(claim).first()?;
        Some(rect.translate(column.view_rect.min.to_vec2() - vec2(0.0, column.offset)))
    }

    /// The claims outlined on screen: those of the hovered and the selected group.
    pub fn highlighted_claims(&self, analysis: &Analysis) -> Vec<ClaimId> {
        let mut claims: Vec<ClaimId> = [self.hovered_group, self.selected_group]
            .into_iter()
            .flatten()
            .filter_map(|g| analysis.groups.get(g.index()))
            .flat_map(|g| g.claims.iter().copied())
            .collect();
        claims.sort_unstable();
        claims.dedup();
        claims
    }
}

/// The Compare tab.
pub fn compare_ui(
    ui: &mut egui::Ui,
    analysis: &Analysis,
    index: &DisplayIndex,
    selection: &[ArticleId],
    state: &mut CompareState,
    commands: &mut Vec<Command>,
) {
    toolbar_ui(ui, analysis, index, selection, state, commands);
    ui.separator();
    if selection.is_empty() {
        ui.centered_and_justified(|ui| {
            ui.label("Choose articles in the library to compare them.");
        });
        return;
    }

    let count = selection.len() as f32;
    // Space between columns, with a thin line in the middle.
    let gap = 16.0;
    let available = ui.available_width();
    let column_width = ((available - gap * (count - 1.0)) / count).max(MIN_COLUMN_WIDTH);
    let height = ui.available_height();
    let dark_mode = ui.visuals().dark_mode;
    let highlight = Highlight {
        hovered_group: state.hovered_group,
        selected_group: state.selected_group,
        quote: None,
    };
    let pending = state.pending_scroll.take();
    if pending.is_some() {
        state.last_scroll_targets.clear();
    }
    let mut hovered = None;
    let mut clicked = None;
    let mut columns = Vec::with_capacity(selection.len());

    // Columns scroll sideways; only those in view are laid out and painted, so choosing
    // hundreds of articles stays cheap.
    let inner_height = (height - ui.spacing().scroll.bar_width - 4.0).max(100.0);
    let stride = column_width + gap;
    let total_width = stride * count - gap;
    egui::ScrollArea::horizontal()
        .id_salt("compare columns")
        .auto_shrink([false, false])
        .show_viewport(ui, |ui, viewport| {
            let (content, _) =
                ui.allocate_exact_size(vec2(total_width, inner_height), egui::Sense::hover());
            let first = ((viewport.left() / stride).floor().max(0.0)) as usize;
            let last = ((viewport.right() / stride).ceil().max(0.0)) as usize;
            for (position, &article) in selection
                .iter()
                .enumerate()
                .skip(first)
                .take(last.saturating_sub(first) + 1)
            {
                let left = content.left() + position as f32 * stride;
                let rect = Rect::from_min_size(
                    egui::pos2(left, content.top()),
                    vec2(column_width, inner_height),
                );
                if position > 0 {
                    let x = left - gap / 2.0;
                    ui.painter().vline(
                        x,
                        content.y_range(),
                        ui.visuals().widgets.noninteractive.bg_stroke,
                    );
                }
                let mut column_ui = ui.new_child(
                    egui::UiBuilder::new()
                        .id_salt(("compare column ui", article))
                        .max_rect(rect)
                        .layout(Layout::top_down(Align::Min)),
                );
                let ui = &mut column_ui;
                article_header_ui(ui, analysis, index, article);
                ui.separator();
                let scrollbar = ui.spacing().scroll.bar_width + 8.0;
                let wrap_width = (column_width - scrollbar).clamp(100.0, MAX_TEXT_WIDTH);
                let key = LayoutKey {
                    article,
                    wrap_width: wrap_width.round(),
                    only_differences: state.only_differences,
                    hide_unique: state.hide_unique,
                    dark_mode,
                };
                let layout =
                    article_text::cached_layout(&mut state.layouts, ui, analysis, index, key);
                let scroll_to = pending.as_ref().and_then(|request| {
                    if request.anchor.is_some_and(|(a, _)| a == article) {
                        return None;
                    }
                    let partner = partner_in(analysis, request.group, article)?;
                    let top = layout.claim_top(partner)?;
                    let margin = request.anchor.map_or(DEFAULT_SCROLL_MARGIN, |(_, y)| y);
                    Some((top - margin).max(0.0))
                });
                if let Some(target) = scroll_to {
                    state.last_scroll_targets.push((article, target));
                }
                let out = article_text::text_column_ui(
                    ui,
                    ("compare column", article),
                    analysis,
                    layout,
                    &highlight,
                    scroll_to,
                );
                if out.hovered.is_some() {
                    hovered = out.hovered;
                }
                if let Some(claim) = out.clicked {
                    clicked = Some((article, claim, out.clicked_offset_in_view));
                }
                columns.push(ColumnInfo {
                    article,
                    offset: out.offset,
                    view_rect: out.view_rect,
                });
            }
        });

    state.columns = columns;
    let hovered_group = hovered
        .and_then(|c| analysis.claims.get(c.index()))
        .map(|c| c.group);
    if hovered_group != state.hovered_group {
        state.hovered_group = hovered_group;
        ui.ctx().request_repaint();
    }
    if let Some((article, claim, offset_in_view)) = clicked
        && let Some(group) = analysis.claims.get(claim.index()).map(|c| c.group)
    {
        state.selected_group = Some(group);
        state.selected_claim = Some(claim);
        state.pending_scroll = Some(ScrollRequest {
            group,
            anchor: Some((article, offset_in_view)),
        });
        ui.ctx().request_repaint();
    }
}

fn toolbar_ui(
    ui: &mut egui::Ui,
    analysis: &Analysis,
    index: &DisplayIndex,
    selection: &[ArticleId],
    state: &mut CompareState,
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        let selected = state.selected_group;
        let groups = state.differing_groups(analysis, index, selection);
        let total = groups.len();
        let position = selected.and_then(|g| groups.iter().position(|x| *x == g));
        let enabled = total > 0;
        if ui
            .add_enabled(enabled, egui::Button::new("Previous difference"))
            .on_hover_text("Shift+F7")
            .clicked()
        {
            commands.push(Command::PreviousDifference);
        }
        if ui
            .add_enabled(enabled, egui::Button::new("Next difference"))
            .on_hover_text("F7")
            .clicked()
        {
            commands.push(Command::NextDifference);
        }
        let counter = match position {
            Some(i) => format!("Difference {} of {total}", i + 1),
            None if total == 1 => "1 difference".to_owned(),
            None => format!("{total} differences"),
        };
        ui.label(RichText::new(counter).weak());
        ui.separator();
        if ui
            .checkbox(&mut state.only_differences, "Only differences")
            .changed()
        {
            state.layouts.clear();
        }
        if ui.checkbox(&mut state.hide_unique, "Hide unique").changed() {
            state.layouts.clear();
        }
        ui.separator();
        theme::legend_item(ui, GroupStatus::Shared, "Shared");
        theme::legend_item(ui, GroupStatus::Differing, "Differing (value underlined)");
        theme::legend_item(ui, GroupStatus::Unique, "Unique");
    });
}

/// Title, outlet, date and counts above an article's text.
pub fn article_header_ui(
    ui: &mut egui::Ui,
    analysis: &Analysis,
    index: &DisplayIndex,
    article_id: ArticleId,
) {
    let Some(article) = analysis.articles.get(article_id.index()) else {
        return;
    };
    let name = crate::app::index::article_name(analysis, article_id);
    ui.label(RichText::new(name).strong().small());
    let title = if article.title.trim().is_empty() {
        "(untitled)"
    } else {
        article.title.as_str()
    };
    ui.add(egui::Label::new(RichText::new(title).heading()).wrap());
    let mut meta = Vec::new();
    if let Some(date) = &article.date {
        meta.push(date.clone());
    }
    if let Some(author) = &article.author {
        meta.push(author.clone());
    }
    meta.push(super::counted(article.word_count, "word", "words"));
    ui.label(RichText::new(meta.join(" · ")).weak());
    super::library::status_counts_ui(ui, index.status_counts(article_id));
}
