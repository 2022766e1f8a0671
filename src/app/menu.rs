//! The menu bar. Items only push [`Command`]s; the shell applies them.

use super::command::{Command, Tab};

/// What the menus need to know to show check marks and enabled states.
#[derive(Clone, Copy, Debug, Default)]
pub struct MenuContext {
    pub tab: Tab,
    pub problems_open: bool,
    pub problem_count: usize,
    pub has_analysis: bool,
}

/// The menu bar at the top of the window.
pub fn menu_bar_ui(ui: &mut egui::Ui, context: MenuContext, commands: &mut Vec<Command>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file_menu_ui(ui, commands));
        ui.menu_button("View", |ui| view_menu_ui(ui, context, commands));
        ui.menu_button("Go", |ui| go_menu_ui(ui, context, commands));
    });
}

fn shortcut_button(ui: &mut egui::Ui, text: &str, shortcut: &str) -> egui::Response {
    ui.add(egui::Button::new(text).shortcut_text(shortcut))
}

fn file_menu_ui(ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    let command_key = if cfg!(target_os = "macos") {
        "Cmd+O"
    } else {
        "Ctrl+O"
    };
    if shortcut_button(ui, "Open folder…", command_key).clicked() {
        commands.push(Command::OpenFolderDialog);
    }
    if ui.button("Open path…").clicked() {
        commands.push(Command::OpenPathPrompt);
    }
    if ui.button("Open bundled seeds").clicked() {
        commands.push(Command::OpenBundled);
    }
    ui.separator();
    if ui.button("Quit").clicked() {
        commands.push(Command::Quit);
    }
}

fn view_menu_ui(ui: &mut egui::Ui, context: MenuContext, commands: &mut Vec<Command>) {
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
    ui.label("Theme");
    egui::widgets::global_theme_preference_buttons(ui);
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
