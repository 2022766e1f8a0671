//! The menu bar. Items only push [`Command`]s; the shell applies them.

use super::command::{Command, Tab};
use super::desktop::Desktop;

/// What the menus need to know to show check marks and enabled states.
#[derive(Clone, Copy, Debug, Default)]
pub struct MenuContext {
    pub tab: Tab,
    pub problems_open: bool,
    pub problem_count: usize,
    pub has_analysis: bool,
}

/// The menu bar at the top of the window.
pub fn menu_bar_ui(
    ui: &mut egui::Ui,
    context: MenuContext,
    desktop: &mut Desktop,
    commands: &mut Vec<Command>,
) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file_menu_ui(ui, context, desktop, commands));
        ui.menu_button("View", |ui| view_menu_ui(ui, context, desktop, commands));
        ui.menu_button("Go", |ui| go_menu_ui(ui, context, commands));
    });
}

fn shortcut_button(ui: &mut egui::Ui, text: &str, shortcut: &str) -> egui::Response {
    ui.add(egui::Button::new(text).shortcut_text(shortcut))
}

fn file_menu_ui(
    ui: &mut egui::Ui,
    context: MenuContext,
    desktop: &mut Desktop,
    commands: &mut Vec<Command>,
) {
    // Open folder/files/path, Recent, Reload (see `desktop`).
    desktop.open_menu_items(ui);
    if ui.button("Open bundled seeds").clicked() {
        commands.push(Command::OpenBundled);
    }
    ui.separator();
    desktop.export_menu_item(ui, context.has_analysis);
    ui.separator();
    desktop.action_button(ui, super::desktop::Action::Quit, true);
}

fn view_menu_ui(
    ui: &mut egui::Ui,
    context: MenuContext,
    desktop: &mut Desktop,
    commands: &mut Vec<Command>,
) {
    for tab in Tab::ALL {
        if ui
            .add(egui::Button::selectable(context.tab == tab, tab.label()))
            .clicked()
        {
            commands.push(Command::SelectTab(tab));
        }
    }
    ui.separator();
    let label = format!("Problems ({})", context.problem_count);
    if ui
        .add(egui::Button::selectable(context.problems_open, label))
        .clicked()
    {
        commands.push(Command::ToggleProblems);
    }
    ui.separator();
    // Find, zoom and theme (saved between sessions).
    desktop.view_menu(ui);
}

fn go_menu_ui(ui: &mut egui::Ui, context: MenuContext, commands: &mut Vec<Command>) {
    ui.add_enabled_ui(context.has_analysis, |ui| {
        if shortcut_button(ui, "Next difference", "F7").clicked() {
            commands.push(Command::NextDifference);
        }
        if shortcut_button(ui, "Previous difference", "Shift+F7").clicked() {
            commands.push(Command::PreviousDifference);
        }
    });
}
