//! Quotes: a sortable, filterable table of every quote (virtual rows over a pre-sorted
//! index), optionally grouped by speaker; the selected quote shows in its article.

use super::article_text::{self, ArticleLayout, Highlight, LayoutKey};
use crate::app::command::Command;
use crate::app::index::{DisplayIndex, article_name};
use crate::engine::{Analysis, QuoteId, QuoteKind, SpeakerId};
use egui::{RichText, TextStyle};
use egui_extras::{Column, TableBuilder};
use std::cmp::Ordering;

/// A column of the quotes table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuoteColumn {
    Speaker,
    Role,
    Quote,
    Kind,
    Cue,
    Article,
    AlsoIn,
}

impl QuoteColumn {
    pub const ALL: [QuoteColumn; 7] = [
        QuoteColumn::Speaker,
        QuoteColumn::Role,
        QuoteColumn::Quote,
        QuoteColumn::Kind,
        QuoteColumn::Cue,
        QuoteColumn::Article,
        QuoteColumn::AlsoIn,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Speaker => "Speaker",
            Self::Role => "Role",
            Self::Quote => "Quote",
            Self::Kind => "Kind",
            Self::Cue => "Cue",
            Self::Article => "Article",
            Self::AlsoIn => "Also in",
        }
    }
}

/// A row of the table: a speaker heading (when grouping) or a quote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteRow {
    /// A speaker's heading: the first quote of the group and the number of quotes.
    Speaker {
        first: QuoteId,
        count: u32,
    },
    Quote(QuoteId),
}

#[derive(Clone, Debug, PartialEq)]
struct RowsKey {
    filter: String,
    speaker: Option<SpeakerId>,
    sort: QuoteColumn,
    ascending: bool,
    group_by_speaker: bool,
}

/// Lower-case sort and search keys, built once per analysis.
#[derive(Debug, Default)]
struct Keys {
    speaker: Vec<String>,
    role: Vec<String>,
    text: Vec<String>,
    cue: Vec<String>,
    article: Vec<String>,
}

impl Keys {
    fn new(analysis: &Analysis) -> Self {
        let article_names: Vec<String> = analysis
            .articles
            .iter()
            .map(|a| article_name(analysis, a.id).to_lowercase())
            .collect();
        let lower = |s: Option<&String>| s.map(|s| s.to_lowercase()).unwrap_or_default();
        let quotes = &analysis.quotes;
        Self {
            speaker: quotes
                .iter()
                .map(|q| lower(q.speaker.as_ref().or(q.speaker_text.as_ref())))
                .collect(),
            role: quotes.iter().map(|q| lower(q.role.as_ref())).collect(),
            text: quotes.iter().map(|q| q.text.to_lowercase()).collect(),
            cue: quotes.iter().map(|q| lower(q.cue.as_ref())).collect(),
            article: quotes
                .iter()
                .map(|q| {
                    article_names
                        .get(q.article.index())
                        .cloned()
                        .unwrap_or_default()
                })
                .collect(),
        }
    }
}

/// The state of the Quotes tab.
#[derive(Debug)]
pub struct QuotesState {
    pub filter: String,
    /// Only quotes of this speaker (chosen in the Speakers tab).
    pub speaker: Option<SpeakerId>,
    pub sort: QuoteColumn,
    pub ascending: bool,
    pub group_by_speaker: bool,
    pub selected: Option<QuoteId>,
    scroll_detail: bool,
    keys: Option<Keys>,
    rows: Option<(RowsKey, Vec<QuoteRow>)>,
    layouts: Vec<ArticleLayout>,
    /// How many times the rows were sorted (for tests: sorting must not run every frame).
    pub sort_count: usize,
}

impl Default for QuotesState {
    fn default() -> Self {
        Self {
            filter: String::new(),
            speaker: None,
            sort: QuoteColumn::Article,
            ascending: true,
            group_by_speaker: false,
            selected: None,
            scroll_detail: false,
            keys: None,
            rows: None,
            layouts: Vec::new(),
            sort_count: 0,
        }
    }
}

impl QuotesState {
    pub fn reset(&mut self) {
        self.speaker = None;
        self.selected = None;
        self.keys = None;
        self.rows = None;
        self.layouts.clear();
    }

    /// Shows `quote` in the article pane.
    pub fn show_quote(&mut self, quote: QuoteId) {
        self.selected = Some(quote);
        self.scroll_detail = true;
    }

    /// Sorts by `column`, or flips the order when it is already the sort column.
    pub fn sort_by(&mut self, column: QuoteColumn) {
        if self.sort == column {
            self.ascending = !self.ascending;
        } else {
            self.sort = column;
            self.ascending = true;
        }
    }

    /// The rows shown, in display order; re-sorted only when the sort or filter changes.
    pub fn rows(&mut self, analysis: &Analysis) -> &[QuoteRow] {
        let key = RowsKey {
            filter: self.filter.trim().to_lowercase(),
            speaker: self.speaker,
            sort: self.sort,
            ascending: self.ascending,
            group_by_speaker: self.group_by_speaker,
        };
        if self.rows.as_ref().is_some_and(|(k, _)| *k == key) {
            return self.rows.as_ref().map_or(&[], |(_, r)| r.as_slice());
        }
        let keys = self.keys.get_or_insert_with(|| Keys::new(analysis));
        let mut order: Vec<u32> = (0..analysis.quotes.len() as u32)
            .filter(|&i| {
                let quote = &analysis.quotes[i as usize];
                key.speaker.is_none_or(|s| quote.speaker_id == Some(s))
                    && (key.filter.is_empty()
                        || keys.speaker[i as usize].contains(&key.filter)
                        || keys.text[i as usize].contains(&key.filter))
            })
            .collect();
        let compare = |a: &u32, b: &u32| -> Ordering {
            let (qa, qb) = (&analysis.quotes[*a as usize], &analysis.quotes[*b as usize]);
            let (ia, ib) = (*a as usize, *b as usize);
            let by_column = match key.sort {
                QuoteColumn::Speaker => empty_last(&keys.speaker[ia], &keys.speaker[ib]),
                QuoteColumn::Role => empty_last(&keys.role[ia], &keys.role[ib]),
                QuoteColumn::Quote => keys.text[ia].cmp(&keys.text[ib]),
                QuoteColumn::Kind => qa.kind.cmp(&qb.kind),
                QuoteColumn::Cue => empty_last(&keys.cue[ia], &keys.cue[ib]),
                QuoteColumn::Article => keys.article[ia]
                    .cmp(&keys.article[ib])
                    .then(qa.article.cmp(&qb.article))
                    .then(qa.start.cmp(&qb.start)),
                QuoteColumn::AlsoIn => qa.also_in.len().cmp(&qb.also_in.len()),
            };
            let by_column = if key.ascending {
                by_column
            } else {
                by_column.reverse()
            };
            by_column.then(a.cmp(b))
        };
        if key.group_by_speaker {
            order.sort_unstable_by(|a, b| {
                empty_last(&keys.speaker[*a as usize], &keys.speaker[*b as usize])
                    .then_with(|| compare(a, b))
            });
        } else {
            order.sort_unstable_by(compare);
        }
        self.sort_count += 1;

        let mut rows = Vec::with_capacity(order.len());
        if key.group_by_speaker {
            let mut start = 0;
            while start < order.len() {
                let speaker = &keys.speaker[order[start] as usize];
                let mut end = start + 1;
                while end < order.len() && keys.speaker[order[end] as usize] == *speaker {
                    end += 1;
                }
                rows.push(QuoteRow::Speaker {
                    first: QuoteId(order[start]),
                    count: (end - start) as u32,
                });
                rows.extend(
                    order[start..end]
                        .iter()
                        .map(|i| QuoteRow::Quote(QuoteId(*i))),
                );
                start = end;
            }
        } else {
            rows.extend(order.iter().map(|i| QuoteRow::Quote(QuoteId(*i))));
        }
        self.rows = Some((key, rows));
        self.rows.as_ref().map_or(&[], |(_, r)| r.as_slice())
    }
}

/// Orders strings with empty ones (no speaker, no role) last.
fn empty_last(a: &str, b: &str) -> Ordering {
    match (a.is_empty(), b.is_empty()) {
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        _ => a.cmp(b),
    }
}

/// The speaker of a quote as shown: the canonical name, else the mention.
fn speaker_label(quote: &crate::engine::Quote) -> &str {
    quote
        .speaker
        .as_deref()
        .or(quote.speaker_text.as_deref())
        .unwrap_or("(unattributed)")
}

/// The Quotes tab.
pub fn quotes_ui(
    ui: &mut egui::Ui,
    analysis: &Analysis,
    index: &DisplayIndex,
    state: &mut QuotesState,
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Filter quotes");
        ui.add(
            egui::TextEdit::singleline(&mut state.filter)
                .id(crate::app::desktop::filter_id("quotes"))
                .hint_text("speaker or words")
                .desired_width(220.0),
        )
        .labelled_by(label.id);
        if let Some(speaker) = state.speaker.and_then(|s| analysis.speakers.get(s.index())) {
            ui.label(RichText::new(format!("Speaker: {}", speaker.name)).strong());
            if ui.small_button("Show all speakers").clicked() {
                commands.push(Command::FilterQuotesBySpeaker(None));
            }
        }
        ui.separator();
        ui.checkbox(&mut state.group_by_speaker, "Group by speaker");
    });
    let rows = state.rows(analysis).to_vec();
    let quote_count = rows
        .iter()
        .filter(|r| matches!(r, QuoteRow::Quote(_)))
        .count();
    ui.label(
        RichText::new(format!(
            "{quote_count} of {}. Click a header to sort, a row to see the quote in its article.",
            super::counted(analysis.quotes.len(), "quote", "quotes")
        ))
        .weak(),
    );
    ui.separator();

    if let Some(selected) = state.selected.filter(|q| q.index() < analysis.quotes.len()) {
        egui::Panel::right("quote article")
            .resizable(true)
            .default_size(400.0)
            .size_range(280.0..=900.0)
            .show(ui, |ui| {
                detail_ui(ui, analysis, index, state, selected, commands)
            });
    }

    // The table fills what the article pane leaves.
    egui::CentralPanel::no_frame().show(ui, |ui| {
        quotes_table_ui(ui, analysis, state, &rows, commands);
    });
}

fn quotes_table_ui(
    ui: &mut egui::Ui,
    analysis: &Analysis,
    state: &mut QuotesState,
    rows: &[QuoteRow],
    commands: &mut Vec<Command>,
) {
    let row_height = ui.text_style_height(&TextStyle::Body) + 10.0;
    let mut clicked_header = None;
    let mut clicked_quote = None;
    let (sort, ascending) = (state.sort, state.ascending);
    // Column widths are remembered per table id: a separate id for the narrow table
    // beside the article pane keeps every column on screen in both layouts.
    let table_id = if state.selected.is_some() {
        "quotes table beside article"
    } else {
        "quotes table"
    };
    TableBuilder::new(ui)
        .id_salt(table_id)
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .auto_shrink([false, false])
        .column(Column::initial(150.0).at_least(80.0).clip(true))
        .column(Column::initial(120.0).at_least(60.0).clip(true))
        .column(Column::remainder().at_least(160.0).clip(true))
        .column(Column::initial(66.0).at_least(60.0).clip(true))
        .column(Column::initial(84.0).at_least(50.0).clip(true))
        .column(Column::initial(110.0).at_least(60.0).clip(true))
        .column(Column::initial(90.0).at_least(50.0).clip(true))
        .header(26.0, |mut header| {
            for column in QuoteColumn::ALL {
                header.col(|ui| {
                    ui.horizontal(|ui| {
                        ui.spacing_mut().item_spacing.x = 2.0;
                        let button =
                            egui::Button::new(RichText::new(column.label()).strong()).frame(false);
                        if ui
                            .add(button)
                            .on_hover_text("Sort by this column")
                            .clicked()
                        {
                            clicked_header = Some(column);
                        }
                        if sort == column {
                            crate::app::theme::sort_arrow(ui, ascending);
                        }
                    });
                });
            }
        })
        .body(|body| {
            body.rows(row_height, rows.len(), |mut row| {
                let Some(entry) = rows.get(row.index()).copied() else {
                    return;
                };
                match entry {
                    QuoteRow::Speaker { first, count } => {
                        let Some(quote) = analysis.quotes.get(first.index()) else {
                            return;
                        };
                        row.col(|ui| {
                            ui.add(
                                egui::Label::new(RichText::new(speaker_label(quote)).strong())
                                    .truncate(),
                            );
                        });
                        row.col(|_| {});
                        row.col(|ui| {
                            let noun = if count == 1 { "quote" } else { "quotes" };
                            ui.label(RichText::new(format!("{count} {noun}")).strong());
                        });
                        for _ in 0..4 {
                            row.col(|_| {});
                        }
                    }
                    QuoteRow::Quote(id) => {
                        let Some(quote) = analysis.quotes.get(id.index()) else {
                            return;
                        };
                        row.set_selected(state.selected == Some(id));
                        row.col(|ui| {
                            ui.add(egui::Label::new(speaker_label(quote)).truncate());
                        });
                        row.col(|ui| {
                            ui.add(
                                egui::Label::new(quote.role.as_deref().unwrap_or("")).truncate(),
                            );
                        });
                        row.col(|ui| {
                            let text = match quote.kind {
                                QuoteKind::Direct => format!("“{}”", quote.text),
                                QuoteKind::Indirect => quote.text.clone(),
                            };
                            ui.add(egui::Label::new(text).truncate());
                        });
                        row.col(|ui| {
                            ui.label(quote.kind.label());
                        });
                        row.col(|ui| {
                            ui.add(egui::Label::new(quote.cue.as_deref().unwrap_or("")).truncate());
                        });
                        row.col(|ui| {
                            ui.add(
                                egui::Label::new(article_name(analysis, quote.article)).truncate(),
                            );
                        });
                        row.col(|ui| {
                            let names: Vec<String> = quote
                                .also_in
                                .iter()
                                .take(4)
                                .map(|a| article_name(analysis, *a))
                                .collect();
                            let mut text = names.join(", ");
                            if quote.also_in.len() > names.len() {
                                text.push_str(&format!(" +{}", quote.also_in.len() - names.len()));
                            }
                            ui.add(egui::Label::new(text).truncate());
                        });
                        if row.response().clicked() {
                            clicked_quote = Some(id);
                        }
                    }
                }
            });
        });
    if let Some(column) = clicked_header {
        state.sort_by(column);
    }
    if let Some(quote) = clicked_quote {
        commands.push(Command::ShowQuote(quote));
    }
}

/// The selected quote in its article.
fn detail_ui(
    ui: &mut egui::Ui,
    analysis: &Analysis,
    index: &DisplayIndex,
    state: &mut QuotesState,
    selected: QuoteId,
    commands: &mut Vec<Command>,
) {
    let quote = &analysis.quotes[selected.index()];
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.strong(speaker_label(quote));
        if let Some(role) = &quote.role {
            ui.label(RichText::new(role).weak());
        }
    });
    crate::app::desktop::quote_buttons_ui(ui, quote, commands);
    let mut details = vec![quote.kind.label().to_owned()];
    if let Some(cue) = &quote.cue {
        details.push(format!("cue “{cue}”"));
    }
    if !quote.also_in.is_empty() {
        details.push(format!(
            "also in {}",
            super::counted(quote.also_in.len(), "article", "articles")
        ));
    }
    ui.label(RichText::new(details.join(" · ")).weak());
    ui.separator();
    super::compare::article_header_ui(ui, analysis, index, quote.article);
    ui.separator();
    let wrap_width = (ui.available_width() - ui.spacing().scroll.bar_width - 8.0).max(100.0);
    let key = LayoutKey {
        article: quote.article,
        wrap_width: wrap_width.round(),
        only_differences: false,
        hide_unique: false,
        dark_mode: ui.visuals().dark_mode,
    };
    let layout = article_text::cached_layout(&mut state.layouts, ui, analysis, index, key);
    let scroll_to = if std::mem::take(&mut state.scroll_detail) {
        layout
            .byte_range_rects(
                analysis
                    .articles
                    .get(quote.article.index())
                    .map_or("", |a| &a.text),
                quote.span(),
            )
            .first()
            .map(|r| (r.top() - 80.0).max(0.0))
    } else {
        None
    };
    let highlight = Highlight {
        quote: Some(quote.span()),
        ..Highlight::default()
    };
    article_text::text_column_ui(
        ui,
        ("quote article", quote.article),
        analysis,
        layout,
        &highlight,
        scroll_to,
    );
}
