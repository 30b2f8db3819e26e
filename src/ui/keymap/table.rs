//! The key table of one mode: actions (declared with [`actions!`]), keys bound to them, and the
//! rows help and the hint bar show.

use super::key::{Key, KeyParseError};
use ratatui::crossterm::event::KeyEvent;
use std::fmt;

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
