//! Speakers: each person or group quoted, with aliases, roles and counts. Selecting one
//! filters the quotes table.

use crate::app::command::{Command, Tab};
use crate::engine::{Analysis, SpeakerId};
use egui::{RichText, TextStyle};
use egui_extras::{Column, TableBuilder};

/// The state of the Speakers tab.
#[derive(Debug, Default)]
pub struct SpeakersState {
    pub filter: String,
    rows: Option<(String, Vec<u32>)>,
}

impl SpeakersState {
    pub fn reset(&mut self) {
        self.rows = None;
    }

    /// Speakers matching the filter, most quoted first.
    fn rows(&mut self, analysis: &Analysis) -> &[u32] {
        let needle = self.filter.trim().to_lowercase();
        if self.rows.as_ref().is_none_or(|(f, _)| *f != needle) {
            let mut rows: Vec<u32> = analysis
                .speakers
                .iter()
                .enumerate()
                .filter(|(_, s)| {
                    needle.is_empty()
                        || s.name.to_lowercase().contains(&needle)
                        || s.aliases.iter().any(|a| a.to_lowercase().contains(&needle))
                        || s.roles.iter().any(|r| r.to_lowercase().contains(&needle))
                })
                .map(|(i, _)| i as u32)
                .collect();
            rows.sort_by(|a, b| {
                let (sa, sb) = (
                    &analysis.speakers[*a as usize],
                    &analysis.speakers[*b as usize],
                );
                sb.quotes
                    .len()
                    .cmp(&sa.quotes.len())
                    .then_with(|| sa.name.cmp(&sb.name))
            });
            self.rows = Some((needle, rows));
        }
        self.rows.as_ref().map_or(&[], |(_, r)| r.as_slice())
    }
}

/// The Speakers tab. `selected` is the speaker filtering the quotes table.
pub fn speakers_ui(
    ui: &mut egui::Ui,
    analysis: &Analysis,
    state: &mut SpeakersState,
    selected: Option<SpeakerId>,
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Filter speakers");
        ui.add(
            egui::TextEdit::singleline(&mut state.filter)
                .id(crate::app::desktop::filter_id("speakers"))
                .hint_text("name, alias or role")
                .desired_width(220.0),
        )
        .labelled_by(label.id);
        ui.separator();
        if let Some(speaker) = selected.and_then(|s| analysis.speakers.get(s.index())) {
            if ui
                .button(format!("Show quotes of {}", speaker.name))
                .clicked()
            {
                commands.push(Command::SelectTab(Tab::Quotes));
            }
            if ui.small_button("Clear selection").clicked() {
                commands.push(Command::FilterQuotesBySpeaker(None));
            }
        }
    });
    let rows = state.rows(analysis).to_vec();
    ui.label(
        RichText::new(format!(
            "{}. Select one to filter the quotes table; double-click to open its quotes.",
            super::counted(rows.len(), "speaker", "speakers")
        ))
        .weak(),
    );
    ui.separator();
    if analysis.speakers.is_empty() {
        ui.label(RichText::new("No quoted speakers were found.").weak());
        return;
    }

    let row_height = ui.text_style_height(&TextStyle::Body) + 10.0;
    TableBuilder::new(ui)
        .id_salt("speakers table")
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .auto_shrink([false, false])
        .column(Column::initial(220.0).at_least(100.0).clip(true))
        .column(Column::remainder().at_least(200.0).clip(true))
        .column(Column::initial(260.0).at_least(120.0).clip(true))
        .column(Column::exact(70.0))
        .column(Column::exact(70.0))
        .header(26.0, |mut header| {
            for title in ["Speaker", "Also called", "Roles", "Quotes", "Articles"] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(row_height, rows.len(), |mut row| {
                let Some(speaker) = rows
                    .get(row.index())
                    .and_then(|i| analysis.speakers.get(*i as usize))
                else {
                    return;
                };
                row.set_selected(selected == Some(speaker.id));
                row.col(|ui| {
                    let mut name = RichText::new(&speaker.name).strong();
                    if speaker.is_group {
                        name = name.italics();
                    }
                    ui.add(egui::Label::new(name).truncate());
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(speaker.aliases.join(", ")).truncate());
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(speaker.roles.join(", ")).truncate());
                });
                row.col(|ui| {
                    ui.label(speaker.quotes.len().to_string());
                });
                row.col(|ui| {
                    ui.label(speaker.articles.len().to_string());
                });
                let response = row.response();
                if response.double_clicked() {
                    commands.push(Command::FilterQuotesBySpeaker(Some(speaker.id)));
                    commands.push(Command::SelectTab(Tab::Quotes));
                } else if response.clicked() {
                    commands.push(Command::FilterQuotesBySpeaker(Some(speaker.id)));
                }
            });
        });
}
