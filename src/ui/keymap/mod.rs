//! Keys as data. Each pane names what a user can do as an `Action` enum (one variant per intent,
//! each with a stable name and a description); each mode of a pane has one [`Keymap`] table from
//! keys to those actions. Dispatch, the `?` help, the hint bar, the command palette and the user's
//! key-binding config all read the same tables, so what the screen offers is what the keys do.
//!
//! The tables in use are built once at start-up ([`Keymaps::default`], then any overrides from
//! the user's config through [`Keymaps::rebind`]) and installed with [`install`]; panes read them
//! with [`keys`].

mod key;
mod table;
#[cfg(test)]
mod tests;

pub use key::{Key, KeyParseError};
pub(crate) use table::actions;
pub use table::{ALWAYS, Action, BindError, Binding, Keymap, Rank, Table};

use ratatui::crossterm::event::KeyEvent;
use std::sync::OnceLock;

actions! {
    /// Keys that work in every pane unless a text field has focus.
    pub enum Global {
        Register = "pane-register", "show the Register";
        Reviews = "pane-reviews", "show Reviews";
        Actions = "pane-actions", "show Actions";
        Dashboard = "pane-dashboard", "show the Dashboard";
        NextPane = "next-pane", "next pane";
        PrevPane = "previous-pane", "previous pane";
        Help = "help", "help: all keys";
        Palette = "palette", "command palette";
        Privacy = "privacy", "privacy: initials and last 3 NHS digits (for projecting)";
        Theme = "theme", "next colour theme: default, high-contrast, monochrome";
        Quit = "quit", "quit";
        ForceQuit = "force-quit", "quit (always)";
    }
}

actions! {
    /// Cursor movement shared by every list: j/k and arrows, g/G, Home/End, PgUp/PgDn.
    pub enum Motion {
        Down = "down", "move down";
        Up = "up", "move up";
        Top = "top", "first";
        Bottom = "bottom", "last";
        PageDown = "page-down", "page down";
        PageUp = "page-up", "page up";
    }
}

fn global_table() -> Keymap<Global> {
    use Global::*;
    Keymap::new("global")
        .on(&["1"], Register)
        .hint(3)
        .on(&["2"], Reviews)
        .join("switch pane: Register, Reviews, Actions, Dashboard")
        .on(&["3"], Actions)
        .join("switch pane: Register, Reviews, Actions, Dashboard")
        .on(&["4"], Dashboard)
        .join("switch pane: Register, Reviews, Actions, Dashboard")
        .on(&["tab"], NextPane)
        .on(&["shift-tab"], PrevPane)
        .join("next / previous pane")
        .on(&["?"], Help)
        .hint(ALWAYS)
        .on(&["P"], Privacy)
        .on(&["T"], Theme)
        .on(&["q"], Quit)
        .hint(ALWAYS)
        .on(&[":"], Palette)
        .hint(ALWAYS)
        .on(&["ctrl-c"], ForceQuit)
}

fn motion_table() -> Keymap<Motion> {
    use Motion::*;
    Keymap::new("motion")
        .on(&["j", "down"], Down)
        .hint(2)
        .on(&["k", "up"], Up)
        .join("move")
        .on(&["g", "home"], Top)
        .on(&["G", "end"], Bottom)
        .join("first / last")
        .on(&["pgdn"], PageDown)
        .on(&["pgup"], PageUp)
        .join("page down / up")
}

/// Every table the app uses. Panes read theirs through [`keys`].
#[derive(Debug, Clone)]
pub struct Keymaps {
    pub global: Keymap<Global>,
    pub motion: Keymap<Motion>,
    pub register: super::register::keys::Keys,
    pub reviews: super::reviews::keys::Keys,
    pub wizard: super::wizard::keys::Keys,
    pub actions: super::actions::keys::Keys,
    pub dashboard: super::dashboard::keys::Keys,
    pub widgets: super::widgets::keys::Keys,
    pub help: Keymap<super::help::HelpAction>,
    pub palette: Keymap<super::palette::PaletteAction>,
}

impl Default for Keymaps {
    fn default() -> Keymaps {
        Keymaps {
            global: global_table(),
            motion: motion_table(),
            register: Default::default(),
            reviews: Default::default(),
            wizard: Default::default(),
            actions: Default::default(),
            dashboard: Default::default(),
            widgets: Default::default(),
            help: super::help::table(),
            palette: super::palette::table(),
        }
    }
}

impl Keymaps {
    /// Every table, for the config file and the tests.
    pub fn tables(&self) -> Vec<&dyn Table> {
        let mut t: Vec<&dyn Table> = vec![&self.global, &self.motion, &self.help, &self.palette];
        t.extend(self.register.tables());
        t.extend(self.reviews.tables());
        t.extend(self.wizard.tables());
        t.extend(self.actions.tables());
        t.extend(self.dashboard.tables());
        t.extend(self.widgets.tables());
        t
    }

    fn tables_mut(&mut self) -> Vec<&mut dyn Table> {
        let mut t: Vec<&mut dyn Table> = vec![
            &mut self.global,
            &mut self.motion,
            &mut self.help,
            &mut self.palette,
        ];
        t.extend(self.register.tables_mut());
        t.extend(self.reviews.tables_mut());
        t.extend(self.wizard.tables_mut());
        t.extend(self.actions.tables_mut());
        t.extend(self.dashboard.tables_mut());
        t.extend(self.widgets.tables_mut());
        t
    }

    /// Bind an action of a mode to new keys, each written as for [`Key::parse`]: what the
    /// config file's `[keys.<mode>] <action> = ["ctrl-u", "R"]` asks for.
    pub fn rebind(&mut self, mode: &str, action: &str, keys: &[&str]) -> Result<(), BindError> {
        let keys = keys
            .iter()
            .map(|k| Key::parse(k))
            .collect::<Result<Vec<_>, _>>()
            .map_err(BindError::BadKey)?;
        let known: Vec<&'static str> = self.tables().iter().map(|t| t.mode()).collect();
        match self.tables_mut().into_iter().find(|t| t.mode() == mode) {
            Some(t) => t.rebind(action, &keys),
            None => Err(BindError::UnknownMode {
                mode: mode.to_string(),
                known,
            }),
        }
    }
}

static INSTALLED: OnceLock<Keymaps> = OnceLock::new();

/// Use these tables for the rest of the run (call once, before the first key). Returns false
/// when tables were in use already (the first ones stay).
pub fn install(keymaps: Keymaps) -> bool {
    INSTALLED.set(keymaps).is_ok()
}

/// The tables in use: those installed, else the defaults.
pub fn keys() -> &'static Keymaps {
    INSTALLED.get_or_init(Keymaps::default)
}

/// Apply a motion to a selection in a list of `len` rows with `page` rows visible.
pub fn apply_motion(selected: usize, len: usize, page: usize, m: Motion) -> usize {
    if len == 0 {
        return 0;
    }
    let last = len - 1;
    let page = page.max(1);
    match m {
        Motion::Up => selected.saturating_sub(1),
        Motion::Down => (selected + 1).min(last),
        Motion::PageUp => selected.saturating_sub(page),
        Motion::PageDown => (selected + page).min(last),
        Motion::Top => 0,
        Motion::Bottom => last,
    }
}

/// The list motion a key means, if any.
pub fn motion(key: &KeyEvent) -> Option<Motion> {
    keys().motion.action(key)
}

/// The first row to show so that `selected` is visible in a window of `page` rows over `len`.
/// When the selection leaves the window, the window jumps by half a page rather than one row:
/// scrolling one row repaints every row (about 1.8 KiB at 80x24), so jumping keeps nine moves in
/// ten at the cost of two repainted rows (under 300 bytes) for users on slow links.
pub fn scroll_offset(selected: usize, offset: usize, page: usize, len: usize) -> usize {
    let page = page.max(1);
    let last_start = len.saturating_sub(page);
    let offset = if selected < offset {
        selected.saturating_sub(page / 2)
    } else if selected >= offset + page {
        (selected + 1 + page / 2).saturating_sub(page)
    } else {
        offset
    };
    offset.min(last_start)
}
