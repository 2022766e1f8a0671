//! Article text laid out for display: one galley per block, claims tinted by status,
//! differing values underlined. Layouts are cached by the caller and rebuilt only when
//! the width, theme or display options change; painting only touches visible blocks.

use crate::app::index::{DisplayIndex, claim_status, slice};
use crate::app::theme;
use crate::engine::{Analysis, ArticleId, BlockKind, ClaimId, GroupId, GroupStatus};
use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Color32, FontFamily, FontId, Galley, Pos2, Rect, Sense, Stroke, pos2, vec2};
use std::ops::Range;
use std::sync::Arc;

/// Space between blocks, in points.
const BLOCK_SPACING: f32 = 12.0;

/// Everything a layout depends on besides the article.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayoutKey {
    pub article: ArticleId,
    pub wrap_width: f32,
    pub only_differences: bool,
    pub hide_unique: bool,
    pub dark_mode: bool,
}

/// A claim's place in a block, in chars of the block text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimSpan {
    pub claim: ClaimId,
    pub chars: Range<usize>,
}

/// One laid-out block.
#[derive(Debug)]
pub struct BlockLayout {
    /// Top of the block in content coordinates.
    pub top: f32,
    pub galley: Arc<Galley>,
    pub bytes: Range<usize>,
    /// Sorted by start.
    pub claims: Vec<ClaimSpan>,
}

impl BlockLayout {
    fn bottom(&self) -> f32 {
        self.top + self.galley.size().y
    }
}

/// The laid-out text of one article.
#[derive(Debug)]
pub struct ArticleLayout {
    pub key: LayoutKey,
    pub blocks: Vec<BlockLayout>,
    pub height: f32,
    /// (claim, block index), sorted by claim.
    claim_blocks: Vec<(ClaimId, usize)>,
}

impl ArticleLayout {
    /// Lays out `key.article`.
    pub fn new(ui: &egui::Ui, analysis: &Analysis, index: &DisplayIndex, key: LayoutKey) -> Self {
        let Some(article) = analysis.articles.get(key.article.index()) else {
            return Self {
                key,
                blocks: Vec::new(),
                height: 0.0,
                claim_blocks: Vec::new(),
            };
        };
        let claims = index.claims(analysis, key.article);
        let fallback_block;
        let blocks: &[crate::engine::Block] = if article.blocks.is_empty() {
            fallback_block = [crate::engine::Block {
                kind: BlockKind::Paragraph,
                start: 0,
                end: article.text.len(),
            }];
            &fallback_block
        } else {
            &article.blocks
        };
        let text_color = ui.visuals().text_color();
        let weak_color = ui.visuals().weak_text_color();
        let strong_color = ui.visuals().strong_text_color();

        let mut laid_out = Vec::new();
        let mut claim_blocks = Vec::new();
        let mut top = 0.0;
        let mut first_claim = 0; // claims are sorted by start: skip those before the block
        for block in blocks {
            if block.kind == BlockKind::Title || block.start >= block.end {
                continue;
            }
            while first_claim < claims.len() && claims[first_claim].end <= block.start {
                first_claim += 1;
            }
            let in_block: Vec<&crate::engine::Claim> = claims[first_claim..]
                .iter()
                .take_while(|c| c.start < block.end)
                .filter(|c| c.end > block.start)
                .collect();
            let shows_status = |status: GroupStatus| match status {
                GroupStatus::Differing => true,
                GroupStatus::Shared => !key.only_differences,
                GroupStatus::Unique => !key.only_differences && !key.hide_unique,
            };
            if key.only_differences
                && !in_block
                    .iter()
                    .any(|c| claim_status(analysis, c.id) == GroupStatus::Differing)
            {
                continue;
            }

            let (font_size, color) = match block.kind {
                BlockKind::Heading => (theme::ARTICLE_FONT_SIZE + 2.0, strong_color),
                BlockKind::Summary => (theme::ARTICLE_FONT_SIZE + 1.0, text_color),
                BlockKind::Meta
                | BlockKind::Section
                | BlockKind::Caption
                | BlockKind::Source
                | BlockKind::Boilerplate => (theme::ARTICLE_FONT_SIZE - 2.0, weak_color),
                _ => (theme::ARTICLE_FONT_SIZE, text_color),
            };
            let base = TextFormat {
                font_id: FontId::new(font_size, FontFamily::Proportional),
                line_height: Some(
                    font_size * (theme::ARTICLE_LINE_HEIGHT / theme::ARTICLE_FONT_SIZE),
                ),
                color,
                ..Default::default()
            };

            // Cut points: block edges, claim edges and differing-value edges.
            let mut cuts = vec![block.start, block.end];
            for claim in &in_block {
                cuts.push(claim.start.clamp(block.start, block.end));
                cuts.push(claim.end.clamp(block.start, block.end));
                if let Some(spans) = index.difference_spans.get(claim.id.index()) {
                    for span in spans {
                        cuts.push(span.start.clamp(block.start, block.end));
                        cuts.push(span.end.clamp(block.start, block.end));
                    }
                }
            }
            cuts.retain(|&c| article.text.is_char_boundary(c));
            cuts.sort_unstable();
            cuts.dedup();

            let mut job = LayoutJob {
                wrap: egui::text::TextWrapping::wrap_at_width(key.wrap_width),
                ..Default::default()
            };
            let mut char_pos = 0;
            let mut spans: Vec<ClaimSpan> = Vec::new();
            for pair in cuts.windows(2) {
                let (start, end) = (pair[0], pair[1]);
                let piece = slice(&article.text, start..end);
                if piece.is_empty() {
                    continue;
                }
                let mut format = base.clone();
                // The innermost (last starting) claim covering this piece.
                let claim = in_block
                    .iter()
                    .rev()
                    .find(|c| c.start <= start && end <= c.end);
                if let Some(claim) = claim {
                    let status = claim_status(analysis, claim.id);
                    if shows_status(status) {
                        format.background = theme::status_background(status, key.dark_mode);
                    }
                    let differing = index
                        .difference_spans
                        .get(claim.id.index())
                        .is_some_and(|s| s.iter().any(|s| s.start <= start && end <= s.end));
                    if differing && status == GroupStatus::Differing {
                        format.underline = Stroke::new(
                            2.0,
                            theme::status_color(GroupStatus::Differing, key.dark_mode),
                        );
                        format.color = strong_color;
                    }
                }
                let piece_chars = piece.chars().count();
                if let Some(claim) = claim {
                    match spans.last_mut() {
                        Some(last) if last.claim == claim.id && last.chars.end == char_pos => {
                            last.chars.end += piece_chars;
                        }
                        _ => spans.push(ClaimSpan {
                            claim: claim.id,
                            chars: char_pos..char_pos + piece_chars,
                        }),
                    }
                }
                job.append(piece, 0.0, format);
                char_pos += piece_chars;
            }
            if job.text.is_empty() {
                continue;
            }
            let galley = ui.painter().layout_job(job);
            let block_index = laid_out.len();
            for span in &spans {
                claim_blocks.push((span.claim, block_index));
            }
            let height = galley.size().y;
            laid_out.push(BlockLayout {
                top,
                galley,
                bytes: block.start..block.end,
                claims: spans,
            });
            top += height + BLOCK_SPACING;
        }
        claim_blocks.sort_unstable();
        claim_blocks.dedup();
        Self {
            key,
            blocks: laid_out,
            height: (top - BLOCK_SPACING).max(0.0),
            claim_blocks,
        }
    }

    /// The block under a content-space y.
    fn block_at(&self, y: f32) -> Option<usize> {
        let i = self.blocks.partition_point(|b| b.bottom() < y);
        (i < self.blocks.len() && self.blocks[i].top <= y).then_some(i)
    }

    /// The claim under a point in content coordinates.
    pub fn claim_at(&self, pos: Pos2) -> Option<ClaimId> {
        let block = &self.blocks[self.block_at(pos.y)?];
        let local = pos - vec2(0.0, block.top);
        let galley = &block.galley;
        // Only count the pointer when it is over a row's text, not beside it.
        let row = galley
            .rows
            .iter()
            .find(|r| r.min_y() <= local.y && local.y < r.max_y())?;
        if local.x < row.pos.x || local.x > row.pos.x + row.size.x {
            return None;
        }
        let char_index = galley.cursor_from_pos(local.to_vec2()).index.0;
        block
            .claims
            .iter()
            .find(|s| s.chars.start <= char_index && char_index < s.chars.end)
            .map(|s| s.claim)
    }

    /// The rectangles (one per row) of a claim, in content coordinates.
    pub fn claim_rects(&self, claim: ClaimId) -> Vec<Rect> {
        let first = self.claim_blocks.partition_point(|(c, _)| *c < claim);
        let mut rects = Vec::new();
        for &(c, block_index) in &self.claim_blocks[first..] {
            if c != claim {
                break;
            }
            let block = &self.blocks[block_index];
            for span in block.claims.iter().filter(|s| s.claim == claim) {
                rects.extend(
                    char_range_rects(&block.galley, span.chars.clone())
                        .into_iter()
                        .map(|r| r.translate(vec2(0.0, block.top))),
                );
            }
        }
        rects
    }

    /// The top of a claim in content coordinates.
    pub fn claim_top(&self, claim: ClaimId) -> Option<f32> {
        self.claim_rects(claim).first().map(|r| r.top())
    }

    /// The rectangles of a byte range of the article text, in content coordinates.
    pub fn byte_range_rects(&self, text: &str, range: Range<usize>) -> Vec<Rect> {
        let mut rects = Vec::new();
        for block in &self.blocks {
            let start = range.start.max(block.bytes.start);
            let end = range.end.min(block.bytes.end);
            if start >= end {
                continue;
            }
            let chars_before = |byte: usize| slice(text, block.bytes.start..byte).chars().count();
            let chars = chars_before(start)..chars_before(end);
            rects.extend(
                char_range_rects(&block.galley, chars)
                    .into_iter()
                    .map(|r| r.translate(vec2(0.0, block.top))),
            );
        }
        rects
    }

    /// The claims with their rects in content coordinates, for blocks within `y_range`.
    fn visible_blocks(&self, viewport: Rect) -> impl Iterator<Item = &BlockLayout> {
        let first = self.blocks.partition_point(|b| b.bottom() < viewport.top());
        self.blocks[first..]
            .iter()
            .take_while(move |b| b.top <= viewport.bottom())
    }
}

/// Row rectangles covering chars `chars` of a galley.
fn char_range_rects(galley: &Galley, chars: Range<usize>) -> Vec<Rect> {
    if chars.start >= chars.end {
        return Vec::new();
    }
    let start = galley.layout_from_cursor(CCursor::new(chars.start));
    let end = galley.layout_from_cursor(CCursor::new(chars.end));
    let mut rects = Vec::new();
    for row_index in start.row..=end.row.min(galley.rows.len().saturating_sub(1)) {
        let row = &galley.rows[row_index];
        let left = if row_index == start.row {
            row.pos.x + row.x_offset(start.column)
        } else {
            row.pos.x
        };
        let right = if row_index == end.row {
            row.pos.x + row.x_offset(end.column)
        } else {
            row.pos.x + row.size.x
        };
        if right > left {
            rects.push(Rect::from_min_max(
                pos2(left, row.min_y()),
                pos2(right, row.max_y()),
            ));
        }
    }
    rects
}

/// What to emphasise while painting a column.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Highlight {
    /// The group the pointer is over (in any column).
    pub hovered_group: Option<GroupId>,
    /// The group the user clicked or navigated to.
    pub selected_group: Option<GroupId>,
    /// A quote span to mark, in bytes of the article text.
    pub quote: Option<Range<usize>>,
}

/// What happened in a column this frame.
#[derive(Clone, Debug)]
pub struct ColumnOutput {
    pub hovered: Option<ClaimId>,
    pub clicked: Option<ClaimId>,
    /// Where the clicked claim's top is, relative to the top of the visible area.
    pub clicked_offset_in_view: f32,
    /// The scroll offset after this frame.
    pub offset: f32,
    /// The height of the visible area.
    pub viewport_height: f32,
    /// The screen rect of the visible area.
    pub view_rect: Rect,
}

/// Shows a laid-out article in a vertical scroll area. `scroll_to` jumps to an offset.
pub fn text_column_ui(
    ui: &mut egui::Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    analysis: &Analysis,
    layout: &ArticleLayout,
    highlight: &Highlight,
    scroll_to: Option<f32>,
) -> ColumnOutput {
    let mut area = egui::ScrollArea::vertical()
        .id_salt(id_salt)
        .auto_shrink([false, false]);
    if let Some(offset) = scroll_to {
        area = area.vertical_scroll_offset(offset.max(0.0));
    }
    let dark_mode = ui.visuals().dark_mode;
    let article_text = analysis
        .articles
        .get(layout.key.article.index())
        .map_or("", |a| a.text.as_str());
    let mut out = ColumnOutput {
        hovered: None,
        clicked: None,
        clicked_offset_in_view: 0.0,
        offset: 0.0,
        viewport_height: 0.0,
        view_rect: Rect::NOTHING,
    };
    let scroll = area.show_viewport(ui, |ui, viewport| {
        let size = vec2(layout.key.wrap_width, layout.height.max(1.0));
        let (rect, response) = ui.allocate_exact_size(size, Sense::click());
        let origin = rect.min.to_vec2();
        let painter = ui.painter();

        let group_of = |claim: ClaimId| analysis.claims.get(claim.index()).map(|c| c.group);
        let focused = |claim: ClaimId| {
            let group = group_of(claim);
            group.is_some()
                && (group == highlight.hovered_group || group == highlight.selected_group)
        };

        for block in layout.visible_blocks(viewport) {
            let block_origin = pos2(0.0, block.top) + origin;
            painter.galley(
                block_origin,
                Arc::clone(&block.galley),
                Color32::PLACEHOLDER,
            );
            // Marks go over the text: claim tints are part of the galley and would hide them.
            for span in block.claims.iter().filter(|s| focused(s.claim)) {
                for r in char_range_rects(&block.galley, span.chars.clone()) {
                    let r = r.translate(block_origin.to_vec2()).expand(1.0);
                    painter.rect_filled(r, 3.0, theme::focus_background(dark_mode));
                    painter.rect_stroke(
                        r,
                        3.0,
                        theme::focus_stroke(dark_mode),
                        egui::StrokeKind::Outside,
                    );
                }
            }
        }
        if let Some(quote) = &highlight.quote {
            for r in layout.byte_range_rects(article_text, quote.clone()) {
                let r = r.translate(origin).expand(1.0);
                if r.intersects(viewport.translate(origin)) {
                    painter.rect_filled(r, 3.0, theme::quote_background(dark_mode));
                    painter.rect_stroke(
                        r,
                        3.0,
                        theme::quote_stroke(dark_mode),
                        egui::StrokeKind::Outside,
                    );
                }
            }
        }

        if let Some(pointer) = response.hover_pos() {
            out.hovered = layout.claim_at(pointer - origin);
        }
        if response.clicked()
            && let Some(pointer) = response.interact_pointer_pos()
        {
            out.clicked = layout.claim_at(pointer - origin);
            if let Some(top) = out.clicked.and_then(|c| layout.claim_top(c)) {
                out.clicked_offset_in_view = top - viewport.top();
            }
        }
        if out.hovered.is_some() {
            ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
        }
    });
    out.offset = scroll.state.clamped_offset().y;
    out.viewport_height = scroll.inner_rect.height();
    out.view_rect = scroll.inner_rect;
    out
}

/// Lays out `key` unless `cache` already holds it.
pub fn cached_layout<'a>(
    cache: &'a mut Vec<ArticleLayout>,
    ui: &egui::Ui,
    analysis: &Analysis,
    index: &DisplayIndex,
    key: LayoutKey,
) -> &'a ArticleLayout {
    // Few articles are on screen at once; a small list beats a map here.
    const CAPACITY: usize = 32;
    if let Some(position) = cache.iter().position(|l| l.key == key) {
        return &cache[position];
    }
    cache.retain(|l| l.key.article != key.article);
    if cache.len() >= CAPACITY {
        cache.remove(0);
    }
    cache.push(ArticleLayout::new(ui, analysis, index, key));
    let last = cache.len() - 1;
    &cache[last]
}
