//! Keys as data. Each pane names what a user can do as an `Action` enum (one variant per intent,
//! each with a stable name and a description); each mode of a pane has one [`Keymap`] table from
//! keys to those actions. Dispatch, the `?` help, the hint bar, the command palette and the user's
//! key-binding config all read the same tables, so what the screen offers is what the keys do.
//!
//! The tables in use are built once at start-up ([`Keymaps::default`], then any overrides from
//! the user's config through [`Keymaps::rebind`]) and installed with [`install`]; panes read them
//! with [`keys`].

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::fmt;
use std::sync::OnceLock;

/// One key as the tables hold it: a key code and the modifiers that matter (Ctrl, Alt, and Shift
/// on keys without a case). A letter's case carries Shift: `R` is `Char('R')` with no modifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub const fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        Key { code, mods }
    }

    /// The key as the tables hold it, from a terminal event: terminals disagree on whether a
    /// capital letter or Shift-Tab also carries the Shift flag, so it is dropped there.
    pub fn from_event(key: &KeyEvent) -> Key {
        let mut mods =
            key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        if matches!(key.code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        let code = match key.code {
            // Ctrl-letter arrives in either case depending on the terminal.
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            c => c,
        };
        Key { code, mods }
    }

    /// Parse a key as written in the config file and in the tables: `j`, `R`, `?`, `enter`,
    /// `esc`, `tab`, `shift-tab`, `space`, `up`, `pgdn`, `home`, `f1`, `ctrl-u`, `alt-x`.
    pub fn parse(s: &str) -> Result<Key, KeyParseError> {
        let bad = || KeyParseError(s.to_string());
        let mut mods = KeyModifiers::NONE;
        let mut rest = s.trim();
        loop {
            let lower = rest.to_ascii_lowercase();
            let (m, len) = if lower.starts_with("ctrl-") {
                (KeyModifiers::CONTROL, 5)
            } else if lower.starts_with("alt-") {
                (KeyModifiers::ALT, 4)
            } else if lower.starts_with("shift-") {
                (KeyModifiers::SHIFT, 6)
            } else {
                break;
            };
            // "ctrl--" is Ctrl and the minus key; a lone "-" stays a key.
            if rest.len() == len {
                break;
            }
            mods |= m;
            rest = &rest[len..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if mods.contains(KeyModifiers::SHIFT) => {
                    mods.remove(KeyModifiers::SHIFT);
                    KeyCode::BackTab
                }
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "space" => KeyCode::Char(' '),
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pgup" | "pageup" => KeyCode::PageUp,
                "pgdn" | "pagedown" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "backspace" => KeyCode::Backspace,
                "del" | "delete" => KeyCode::Delete,
                "insert" | "ins" => KeyCode::Insert,
                f if f.starts_with('f') => match f[1..].parse::<u8>() {
                    Ok(n @ 1..=12) => KeyCode::F(n),
                    _ => return Err(bad()),
                },
                _ => return Err(bad()),
            },
        };
        let code = match code {
            KeyCode::Char(c) if mods.contains(KeyModifiers::SHIFT) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c.to_ascii_uppercase())
            }
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            c => c,
        };
        if let KeyCode::Char(c) = code
            && c.is_control()
        {
            return Err(bad());
        }
        Ok(Key { code, mods })
    }

    /// Does this terminal event press this key?
    pub fn matches(&self, key: &KeyEvent) -> bool {
        Key::from_event(key) == *self
    }

    /// The modifier prefix as shown, e.g. "Ctrl-".
    fn prefix(&self) -> String {
        let mut p = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            p.push_str("Ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            p.push_str("Alt-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            p.push_str("Shift-");
        }
        p
    }

    /// The key without its modifiers, as shown.
    fn base(&self) -> String {
        match self.code {
            KeyCode::Char(' ') => "Space".into(),
            KeyCode::Char(c) if self.mods.contains(KeyModifiers::CONTROL) => {
                c.to_ascii_uppercase().to_string()
            }
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Insert => "Ins".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.prefix(), self.base())
    }
}

/// A key the config file names that no terminal sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyParseError(pub String);

impl fmt::Display for KeyParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\"{}\" is not a key: write a letter or symbol (j, R, ?), a name (enter, esc, tab, \
             shift-tab, space, up, down, left, right, pgup, pgdn, home, end, backspace, del, f1-f12), \
             optionally after ctrl- or alt-",
            self.0
        )
    }
}

impl std::error::Error for KeyParseError {}

/// What a user can do in one pane or widget: a stable name (used by the config file and the
/// palette) and the description shown in help, hints and the palette.
pub trait Action: Copy + Eq + fmt::Debug + 'static {
    const ALL: &'static [Self];
    fn name(self) -> &'static str;
    fn desc(self) -> &'static str;
    /// Look an action up by its stable name.
    fn by_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|a| a.name() == name)
    }
}

/// Declare an action enum: each variant with its stable name and description, in one place.
macro_rules! actions {
    ($(#[$meta:meta])* $vis:vis enum $name:ident {
        $($(#[$vmeta:meta])* $variant:ident = $id:literal, $desc:literal;)*
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $name {
            $($(#[$vmeta])* $variant,)*
        }
        impl $crate::ui::keymap::Action for $name {
            const ALL: &'static [Self] = &[$($name::$variant,)*];
            fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $id,)*
                }
            }
            fn desc(self) -> &'static str {
                match self {
                    $($name::$variant => $desc,)*
                }
            }
        }
    };
}
pub(crate) use actions;

/// How important a hint is: when the hint bar is too narrow, the least important go first.
pub type Rank = u8;
/// Always in the hint bar (`?` and `q`).
pub const ALWAYS: Rank = 0;

#[derive(Debug, Clone)]
enum Entry<A> {
    /// Keys bound to an action. `joined` shows it in one help row with the entry before it.
    Bind {
        action: A,
        keys: Vec<Key>,
        hint: Option<Rank>,
        joined: Option<&'static str>,
    },
    /// Keys a widget handles itself (typing, editing), described for help and hints only.
    Note {
        keys: &'static str,
        desc: &'static str,
        hint: Option<Rank>,
    },
}

/// The key table of one mode: key → action, in the order help lists them.
#[derive(Debug, Clone)]
pub struct Keymap<A> {
    mode: &'static str,
    entries: Vec<Entry<A>>,
}

fn parse_all(keys: &[&str]) -> Vec<Key> {
    keys.iter()
        .filter_map(|k| {
            let parsed = Key::parse(k);
            debug_assert!(parsed.is_ok(), "bad key {k:?} in a default table");
            parsed.ok()
        })
        .collect()
}

impl<A: Action> Keymap<A> {
    /// An empty table for a mode; the mode name is how the config file refers to it.
    pub fn new(mode: &'static str) -> Keymap<A> {
        Keymap {
            mode,
            entries: Vec::new(),
        }
    }

    pub fn mode(&self) -> &'static str {
        self.mode
    }

    /// Bind `keys` (written as for [`Key::parse`]) to `action`.
    pub fn on(mut self, keys: &[&str], action: A) -> Self {
        self.entries.push(Entry::Bind {
            action,
            keys: parse_all(keys),
            hint: None,
            joined: None,
        });
        self
    }

    /// Also show the entry just added in the hint bar, with this rank (1 most important).
    pub fn hint(mut self, rank: Rank) -> Self {
        match self.entries.last_mut() {
            Some(Entry::Bind { hint, .. } | Entry::Note { hint, .. }) => *hint = Some(rank),
            None => {}
        }
        self
    }

    /// Show the entry just added in one row with the entry before it, described as `desc`
    /// (e.g. "move" for down and up).
    pub fn join(mut self, desc: &'static str) -> Self {
        if let Some(Entry::Bind { joined, .. }) = self.entries.last_mut() {
            *joined = Some(desc);
        }
        self
    }

    /// Describe keys a widget handles itself (e.g. "type" for text).
    pub fn note(mut self, keys: &'static str, desc: &'static str) -> Self {
        self.entries.push(Entry::Note {
            keys,
            desc,
            hint: None,
        });
        self
    }

    /// The action a key press means in this mode.
    pub fn action(&self, key: &KeyEvent) -> Option<A> {
        let k = Key::from_event(key);
        self.entries.iter().find_map(|e| match e {
            Entry::Bind { action, keys, .. } if keys.contains(&k) => Some(*action),
            _ => None,
        })
    }

    /// The keys bound to an action (first is the one hints show).
    pub fn keys_of(&self, a: A) -> Vec<Key> {
        self.entries
            .iter()
            .filter_map(|e| match e {
                Entry::Bind { action, keys, .. } if *action == a => Some(keys.clone()),
                _ => None,
            })
            .flatten()
            .collect()
    }

    /// Every action bound in this table, with its keys.
    pub fn bound(&self) -> Vec<(A, Vec<Key>)> {
        self.entries
            .iter()
            .filter_map(|e| match e {
                Entry::Bind { action, keys, .. } => Some((*action, keys.clone())),
                Entry::Note { .. } => None,
            })
            .collect()
    }

    /// Rows for help and the hint bar, in table order, joined entries merged.
    pub fn bindings(&self) -> Vec<Binding> {
        let mut out: Vec<Binding> = Vec::new();
        for e in &self.entries {
            match e {
                Entry::Bind {
                    action,
                    keys,
                    hint,
                    joined,
                } => {
                    if let (Some(desc), Some(last)) = (joined, out.last_mut())
                        && last.note.is_none()
                    {
                        last.keys.push(keys.clone());
                        last.desc = desc;
                        last.hint = match (last.hint, *hint) {
                            (Some(a), Some(b)) => Some(a.min(b)),
                            (a, b) => a.or(b),
                        };
                        continue;
                    }
                    out.push(Binding {
                        keys: vec![keys.clone()],
                        note: None,
                        desc: action.desc(),
                        hint: *hint,
                    });
                }
                Entry::Note { keys, desc, hint } => out.push(Binding {
                    keys: Vec::new(),
                    note: Some(keys),
                    desc,
                    hint: *hint,
                }),
            }
        }
        out
    }

    /// Replace the keys of one action (by its stable name), as the user's config asks. A key
    /// another action of this mode already uses is refused, so no key means two things.
    pub fn rebind(&mut self, action: &str, keys: &[Key]) -> Result<(), BindError> {
        let Some(a) = A::by_name(action) else {
            return Err(BindError::UnknownAction {
                mode: self.mode.to_string(),
                action: action.to_string(),
                known: A::ALL.iter().map(|a| a.name()).collect(),
            });
        };
        for e in &self.entries {
            if let Entry::Bind {
                action: other,
                keys: theirs,
                ..
            } = e
                && *other != a
                && let Some(k) = keys.iter().find(|k| theirs.contains(k))
            {
                return Err(BindError::Taken {
                    mode: self.mode.to_string(),
                    key: k.to_string(),
                    by: other.name().to_string(),
                });
            }
        }
        let mut found = false;
        for e in &mut self.entries {
            if let Entry::Bind {
                action: this,
                keys: mine,
                ..
            } = e
                && *this == a
            {
                // Every entry for the action gets the new keys once: the first keeps them all.
                *mine = if found { Vec::new() } else { keys.to_vec() };
                found = true;
            }
        }
        if !found {
            self.entries.push(Entry::Bind {
                action: a,
                keys: keys.to_vec(),
                hint: None,
                joined: None,
            });
        }
        Ok(())
    }

    /// Keys bound to more than one action (a table mistake the tests refuse).
    pub fn clashes(&self) -> Vec<Key> {
        let mut seen: Vec<Key> = Vec::new();
        let mut clash = Vec::new();
        for (_, keys) in self.bound() {
            for k in keys {
                if seen.contains(&k) {
                    clash.push(k);
                } else {
                    seen.push(k);
                }
            }
        }
        clash
    }
}

/// A refused key binding from the user's config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BindError {
    UnknownMode {
        mode: String,
        known: Vec<&'static str>,
    },
    UnknownAction {
        mode: String,
        action: String,
        known: Vec<&'static str>,
    },
    Taken {
        mode: String,
        key: String,
        by: String,
    },
    BadKey(KeyParseError),
}

impl fmt::Display for BindError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BindError::UnknownMode { mode, known } => write!(
                f,
                "there is no key mode \"{mode}\": use one of {}",
                known.join(", ")
            ),
            BindError::UnknownAction {
                mode,
                action,
                known,
            } => write!(
                f,
                "mode \"{mode}\" has no action \"{action}\": use one of {}",
                known.join(", ")
            ),
            BindError::Taken { mode, key, by } => write!(
                f,
                "{key} is already \"{by}\" in mode \"{mode}\": rebind that action first"
            ),
            BindError::BadKey(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for BindError {}

/// One row of help or the hint bar: one or more actions with their keys (or a note for keys a
/// widget handles), and the description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// For each action in the row, its keys.
    pub keys: Vec<Vec<Key>>,
    /// Keys described in words instead ("type", "Space or 1-9").
    pub note: Option<&'static str>,
    pub desc: &'static str,
    /// In the hint bar too, with this rank.
    pub hint: Option<Rank>,
}

impl Binding {
    /// All the keys, as help shows them: "Esc/h" for one action; "j/k ↓/↑" and
    /// "Ctrl-N/P PgDn/PgUp" for two, each action's first keys together, then their second.
    pub fn label(&self) -> String {
        if let Some(n) = self.note {
            return n.to_string();
        }
        if let [only] = self.keys.as_slice() {
            return column(only.iter());
        }
        let depth = self.keys.iter().map(Vec::len).max().unwrap_or(0);
        (0..depth)
            .map(|i| column(self.keys.iter().filter_map(|k| k.get(i))))
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The first key of each action, as the hint bar shows them: "j/k", "Ctrl-N/P".
    pub fn short(&self) -> String {
        match self.note {
            Some(n) => n.to_string(),
            None => column(self.keys.iter().filter_map(|k| k.first())),
        }
    }

    /// Does this row bind this key?
    pub fn binds(&self, key: &Key) -> bool {
        self.keys.iter().any(|k| k.contains(key))
    }
}

/// Keys of several actions shown as one: "j/k", and "Ctrl-N/P" rather than "Ctrl-N/Ctrl-P".
fn column<'a>(keys: impl Iterator<Item = &'a Key>) -> String {
    let keys: Vec<&Key> = keys.collect();
    let Some(first) = keys.first() else {
        return String::new();
    };
    let prefix = first.prefix();
    if keys.len() > 1 && !prefix.is_empty() && keys.iter().all(|k| k.prefix() == prefix) {
        let bases: Vec<String> = keys.iter().map(|k| k.base()).collect();
        return format!("{prefix}{}", bases.join("/"));
    }
    keys.iter()
        .map(|k| k.to_string())
        .collect::<Vec<_>>()
        .join("/")
}

/// Any mode's table, for code that treats them all alike (the config file, help, tests).
pub trait Table {
    fn mode(&self) -> &'static str;
    /// The action enum the table maps to (several modes may share one).
    fn kind(&self) -> &'static str;
    fn bindings(&self) -> Vec<Binding>;
    /// (stable name, description, keys) of every action the mode's enum declares.
    fn actions(&self) -> Vec<(&'static str, &'static str, Vec<Key>)>;
    fn rebind(&mut self, action: &str, keys: &[Key]) -> Result<(), BindError>;
    fn clashes(&self) -> Vec<Key>;
}

impl<A: Action> Table for Keymap<A> {
    fn mode(&self) -> &'static str {
        self.mode
    }
    fn kind(&self) -> &'static str {
        std::any::type_name::<A>()
    }
    fn bindings(&self) -> Vec<Binding> {
        Keymap::bindings(self)
    }
    fn actions(&self) -> Vec<(&'static str, &'static str, Vec<Key>)> {
        A::ALL
            .iter()
            .map(|a| (a.name(), a.desc(), self.keys_of(*a)))
            .collect()
    }
    fn rebind(&mut self, action: &str, keys: &[Key]) -> Result<(), BindError> {
        Keymap::rebind(self, action, keys)
    }
    fn clashes(&self) -> Vec<Key> {
        Keymap::clashes(self)
    }
}

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
        .on(&["q"], Quit)
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
        }
    }
}

impl Keymaps {
    /// Every table, for the config file and the tests.
    pub fn tables(&self) -> Vec<&dyn Table> {
        let mut t: Vec<&dyn Table> = vec![&self.global, &self.motion, &self.help];
        t.extend(self.register.tables());
        t.extend(self.reviews.tables());
        t.extend(self.wizard.tables());
        t.extend(self.actions.tables());
        t.extend(self.dashboard.tables());
        t.extend(self.widgets.tables());
        t
    }

    fn tables_mut(&mut self) -> Vec<&mut dyn Table> {
        let mut t: Vec<&mut dyn Table> = vec![&mut self.global, &mut self.motion, &mut self.help];
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

#[cfg(test)]
mod tests {
    use super::*;

    // Rule (speed budget): the window stays put while the selection is inside it, jumps half a
    // page when it leaves, and never shows past the end of the list.
    #[test]
    fn scroll_offset_jumps_half_pages() {
        assert_eq!(scroll_offset(5, 0, 20, 100), 0);
        assert_eq!(scroll_offset(20, 0, 20, 100), 11);
        assert_eq!(scroll_offset(21, 11, 20, 100), 11);
        assert_eq!(scroll_offset(10, 11, 20, 100), 0);
        assert_eq!(scroll_offset(99, 0, 20, 100), 80);
        assert_eq!(scroll_offset(3, 50, 20, 10), 0);
        assert_eq!(scroll_offset(0, 0, 0, 0), 0);
    }

    #[test]
    fn motions_clamp() {
        assert_eq!(apply_motion(0, 10, 5, Motion::Up), 0);
        assert_eq!(apply_motion(9, 10, 5, Motion::Down), 9);
        assert_eq!(apply_motion(2, 10, 5, Motion::PageDown), 7);
        assert_eq!(apply_motion(8, 10, 5, Motion::PageDown), 9);
        assert_eq!(apply_motion(3, 10, 5, Motion::Bottom), 9);
        assert_eq!(apply_motion(3, 0, 5, Motion::Bottom), 0);
    }

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn keys_parse_as_the_config_writes_them() {
        let k = |s| Key::parse(s).map(|k| k.to_string());
        assert_eq!(k("ctrl-u"), Ok("Ctrl-U".into()));
        assert_eq!(k("Ctrl-U"), Ok("Ctrl-U".into()));
        assert_eq!(k("R"), Ok("R".into()));
        assert_eq!(k("shift-r"), Ok("R".into()));
        assert_eq!(k("enter"), Ok("Enter".into()));
        assert_eq!(k("shift-tab"), Ok("Shift-Tab".into()));
        assert_eq!(k("pgdn"), Ok("PgDn".into()));
        assert_eq!(k("space"), Ok("Space".into()));
        assert_eq!(k("-"), Ok("-".into()));
        assert_eq!(k("ctrl--"), Ok("Ctrl--".into()));
        assert_eq!(k("f5"), Ok("F5".into()));
        assert!(Key::parse("hyper-x").is_err());
        assert!(Key::parse("f13").is_err());
        assert!(Key::parse("").is_err());
        let msg = Key::parse("enterr").unwrap_err().to_string();
        assert!(
            msg.contains("\"enterr\" is not a key") && msg.contains("ctrl-"),
            "{msg}"
        );
    }

    #[test]
    fn events_match_whatever_the_terminal_sends_for_shift() {
        let r = Key::parse("R").expect("key");
        assert!(r.matches(&ev(KeyCode::Char('R'), KeyModifiers::SHIFT)));
        assert!(r.matches(&ev(KeyCode::Char('R'), KeyModifiers::NONE)));
        let bt = Key::parse("shift-tab").expect("key");
        assert!(bt.matches(&ev(KeyCode::BackTab, KeyModifiers::SHIFT)));
        let cu = Key::parse("ctrl-u").expect("key");
        assert!(cu.matches(&ev(KeyCode::Char('u'), KeyModifiers::CONTROL)));
        assert!(cu.matches(&ev(KeyCode::Char('U'), KeyModifiers::CONTROL)));
        assert!(!cu.matches(&ev(KeyCode::Char('u'), KeyModifiers::NONE)));
    }

    // Every action of every enum can be reached by some key in some mode, so nothing the
    // help or palette lists is a dead end.
    #[test]
    fn every_action_is_reachable() {
        let k = Keymaps::default();
        let tables = k.tables();
        let mut dead = Vec::new();
        for t in &tables {
            for (name, _, _) in t.actions() {
                // An enum shared by several modes need only be bound in one of them.
                let bound = tables.iter().filter(|o| o.kind() == t.kind()).any(|o| {
                    o.actions()
                        .iter()
                        .any(|(n, _, keys)| *n == name && !keys.is_empty())
                });
                if !bound {
                    dead.push(format!("{}.{name}", t.mode()));
                }
            }
        }
        assert!(dead.is_empty(), "actions with no key: {dead:?}");
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for t in Keymaps::default().tables() {
            assert!(t.clashes().is_empty(), "{}: {:?}", t.mode(), t.clashes());
        }
    }

    #[test]
    fn mode_names_are_unique() {
        let k = Keymaps::default();
        let mut names: Vec<&str> = k.tables().iter().map(|t| t.mode()).collect();
        let n = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), n, "{names:?}");
    }

    #[test]
    fn help_rows_come_from_the_table() {
        let k = Keymaps::default();
        let rows = k.motion.bindings();
        assert_eq!(rows[0].label(), "j/k ↓/↑");
        assert_eq!(rows[0].short(), "j/k");
        assert_eq!(rows[0].desc, "move");
        let rows = k.global.bindings();
        assert!(rows.iter().any(|r| r.short() == "1/2/3/4"));
        assert!(
            rows.iter()
                .any(|r| r.short() == "q" && r.hint == Some(ALWAYS))
        );
    }

    #[test]
    fn rebinding_changes_dispatch_help_and_refuses_clashes() {
        let mut k = Keymaps::default();
        k.rebind("global", "quit", &["ctrl-q", "Q"])
            .expect("rebind");
        let quit = k
            .global
            .action(&ev(KeyCode::Char('q'), KeyModifiers::CONTROL));
        assert_eq!(quit, Some(Global::Quit));
        assert_eq!(
            k.global.action(&ev(KeyCode::Char('q'), KeyModifiers::NONE)),
            None
        );
        assert!(k.global.bindings().iter().any(|b| b.label() == "Ctrl-Q/Q"));
        let taken = k.rebind("global", "help", &["1"]).unwrap_err();
        assert!(
            taken.to_string().contains("already \"pane-register\""),
            "{taken}"
        );
        let e = k.rebind("nowhere", "quit", &["q"]).unwrap_err();
        assert!(e.to_string().contains("no key mode \"nowhere\""), "{e}");
        let e = k.rebind("global", "explode", &["x"]).unwrap_err();
        assert!(e.to_string().contains("no action \"explode\""), "{e}");
        let e = k.rebind("global", "quit", &["nope-key"]).unwrap_err();
        assert!(matches!(e, BindError::BadKey(_)), "{e}");
    }
}
