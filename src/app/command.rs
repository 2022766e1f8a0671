//! Everything the user can ask the window to do, as data.
//!
//! Menus, buttons, shortcuts and views push a [`Command`]; the shell applies them all in
//! one place ([`crate::app::ParallaxApp::apply`]) at the end of the frame.

use crate::engine::{ArticleId, GroupId, QuoteId, SpeakerId};
use std::path::PathBuf;

/// The main views, shown as tabs in the centre.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Tab {
    #[default]
    Compare,
    Claims,
    Quotes,
    Speakers,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Compare, Tab::Claims, Tab::Quotes, Tab::Speakers];

    pub fn label(self) -> &'static str {
        match self {
            Tab::Compare => "Compare",
            Tab::Claims => "Claims",
            Tab::Quotes => "Quotes",
            Tab::Speakers => "Speakers",
        }
    }
}

/// A request from the user, applied by the shell.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Shows the native folder dialog (off the UI thread).
    OpenFolderDialog,
    /// Shows the in-app field for typing a path.
    OpenPathPrompt,
    /// Loads these folders and files (cancels a load in progress).
    OpenPaths(Vec<PathBuf>),
    /// Loads the bundled seed articles.
    OpenBundled,
    SelectTab(Tab),
    /// Shows a claim group in Compare: selects its articles and scrolls to it.
    ShowGroup(GroupId),
    /// Shows a quote highlighted in its article.
    ShowQuote(QuoteId),
    /// Filters the quotes table by a speaker (`None` clears the filter).
    FilterQuotesBySpeaker(Option<SpeakerId>),
    NextDifference,
    PreviousDifference,
    /// Opens or closes the problems panel.
    ToggleProblems,
    /// Moves the keyboard focus to the current view's filter (Ctrl+F).
    FocusFilter,
    /// Copies a quote with speaker, outlet, date and file to the clipboard.
    CopyQuoteCitation(QuoteId),
    /// Opens an article's file in the system's default app.
    OpenArticleFile(ArticleId),
    Quit,
}

impl Command {
    /// Commands for the keyboard shortcuts pressed this frame.
    pub fn from_shortcuts(ctx: &egui::Context) -> Vec<Command> {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let previous = KeyboardShortcut::new(Modifiers::SHIFT, Key::F7);
        let next = KeyboardShortcut::new(Modifiers::NONE, Key::F7);
        let mut commands = Vec::new();
        ctx.input_mut(|input| {
            // The shortcut with more modifiers first, so Shift+F7 is not read as F7.
            if input.consume_shortcut(&previous) {
                commands.push(Command::PreviousDifference);
            }
            if input.consume_shortcut(&next) {
                commands.push(Command::NextDifference);
            }
            // Ctrl+O and the other file shortcuts belong to `desktop::Desktop::show`.
        });
        commands
    }
}
