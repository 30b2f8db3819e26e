//! What every top-level screen (pane) provides to the app, and what it can ask of the app.

use super::keymap::Binding;
use super::theme::Theme;
use crate::store::Store;
use crate::store::changes::Changes;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaneId {
    Register,
    Reviews,
    Actions,
    Dashboard,
}

impl PaneId {
    pub const ALL: [PaneId; 4] = [
        PaneId::Register,
        PaneId::Reviews,
        PaneId::Actions,
        PaneId::Dashboard,
    ];
    pub fn title(self) -> &'static str {
        match self {
            PaneId::Register => "Register",
            PaneId::Reviews => "Reviews",
            PaneId::Actions => "Actions",
            PaneId::Dashboard => "Dashboard",
        }
    }
    pub fn index(self) -> usize {
        Self::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }
    /// What the pane's help says before its keys: how the pane orders what it lists.
    pub fn help_note(self) -> Option<&'static str> {
        match self {
            PaneId::Actions => Some(
                "Triage order: overdue first; among overdue actions the person's risk comes first (BLUE, RED, AMBER, GREEN), then the most days overdue; then actions due within 7 days, then the rest, by due date.",
            ),
            _ => None,
        }
    }
}

/// A one-line message in the status area: confirmations and errors after a keystroke.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flash {
    Info(String),
    Error(String),
}

/// What a pane may ask the app to do after handling a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    Quit,
    Show(PaneId),
    /// Start a C(E)TR for this person in the Reviews pane.
    StartReview {
        person_id: i64,
    },
    /// The pane wrote to the register; other panes reload when next shown.
    DataChanged,
    /// As `DataChanged`, and the pane is done: show the pane the user came from.
    Return(PaneId),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Not a key this pane uses: the app may treat it as a global key.
    Ignored,
    Consumed,
    Request(Request),
}

/// Everything a pane may use while handling input. Only `update` code gets the store.
pub struct Ctx<'a> {
    pub store: &'a mut Store,
    pub today: NaiveDate,
    pub theme: Theme,
    pub flash: &'a mut Option<Flash>,
}

impl Ctx<'_> {
    pub fn info(&mut self, msg: impl Into<String>) {
        *self.flash = Some(Flash::Info(msg.into()));
    }
    pub fn error(&mut self, msg: impl Into<String>) {
        *self.flash = Some(Flash::Error(msg.into()));
    }
}

/// What a pane may read while drawing (no store: views only read their own state).
#[derive(Debug, Clone, Copy)]
pub struct View {
    pub today: NaiveDate,
    pub theme: Theme,
    /// Privacy mode is on: names show as initials and NHS numbers as their last three digits.
    pub privacy: bool,
}

/// What another user's commit meant for a pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// Nothing it holds changed.
    Unaffected,
    /// Brought up to date in place.
    Patched,
    /// It must load again (when next shown).
    Reload,
}

pub trait Pane {
    /// Reload from the store (on first show and after data changed).
    fn load(&mut self, ctx: &mut Ctx) -> crate::store::Result<()>;
    /// Others committed `changes`: patch what the pane holds, or ask to reload. By default any
    /// logged change means a reload.
    fn apply_changes(
        &mut self,
        changes: &Changes,
        _ctx: &mut Ctx,
    ) -> crate::store::Result<Applied> {
        Ok(if changes.is_empty() {
            Applied::Unaffected
        } else {
            Applied::Reload
        })
    }
    /// Loading takes seconds on a large register (whole-register aggregates): load only when the
    /// user shows the pane or asks for a refresh, never behind their back while idle.
    fn loads_on_demand(&self) -> bool {
        false
    }
    /// Load just enough to draw a first frame at once; `true` means `load` must follow.
    fn preview(&mut self, _ctx: &mut Ctx) -> crate::store::Result<bool> {
        Ok(false)
    }
    fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Outcome;
    /// Bracketed paste: a pasted paragraph arrives as one string.
    fn handle_paste(&mut self, _text: &str, _ctx: &mut Ctx) -> Outcome {
        Outcome::Ignored
    }
    fn render(&mut self, frame: &mut Frame, area: Rect, view: &View);
    /// Every key of the pane in its current mode, for help and the hint bar: the rows of the
    /// mode's key tables (see [`super::keymap`]).
    fn bindings(&self) -> Vec<Binding>;
    /// Persist anything pending (called on quit and on SIGHUP/SIGTERM).
    fn flush(&mut self, _ctx: &mut Ctx) {}
    /// Typed text that quitting now would lose (a dirty form or dialog), named for the
    /// question Ctrl-C asks: e.g. "what you typed in Record an admission: Abbott, Hana".
    fn unsaved(&self) -> Option<String> {
        None
    }
    /// Typed input that a hang-up would lose, as plain data to keep until the next session.
    fn typed_draft(&self) -> Option<crate::user_state::TypedDraft> {
        None
    }
    /// Open again the form `draft` was typed in, refilled; Err says why it cannot be.
    fn restore_draft(
        &mut self,
        draft: &crate::user_state::TypedDraft,
        _ctx: &mut Ctx,
    ) -> Result<(), String> {
        Err(format!("\"{}\" cannot be opened again", draft.title))
    }
    /// A text field has focus: global letter keys (q, 1-3, ?) must reach the pane as text.
    fn captures_text(&self) -> bool {
        false
    }
}
