//! The per-user settings file (TOML): theme, how dates are shown, the name "mine" means, privacy
//! and mouse on start, and key bindings. A bad value never stops the app: each problem is reported with its
//! line and key, and that one setting keeps its default, so a typo cannot lock anyone out.

use crate::domain::dates::DateFormat;
use crate::ui::keymap::Keymaps;
use crate::ui::theme::ThemeName;
use color_eyre::eyre::{Result, WrapErr};
use std::fmt;
use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue};

/// The file's name inside the per-user config directory.
pub const FILE_NAME: &str = "config.toml";

/// Where the settings file lives unless `--config` says otherwise
/// (`~/.config/dsr/config.toml` on Linux), or None without a home directory.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("uk.nhs", "dsr", "dsr").map(|d| d.config_dir().join(FILE_NAME))
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// None: the default theme, or monochrome when the environment asks for no colour.
    pub theme: Option<ThemeName>,
    /// How every date on screen is shown (typed dates take every form whatever it is).
    pub date_format: DateFormat,
    /// The action owner name the "mine" filter starts with, when the register holds none for you.
    pub display_name: Option<String>,
    pub privacy: bool,
    pub mouse: bool,
    /// Return to where you left the register (pane, filters, selection) on launch; None: on.
    pub resume: Option<bool>,
    pub keys: Vec<KeyOverride>,
}

/// `[keys.MODE] action = "key"` (or a list of keys): replaces that action's keys in that mode.
/// Only overrides that the key tables accept are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyOverride {
    pub mode: String,
    pub action: String,
    pub keys: Vec<String>,
}

impl Config {
    /// Whether launching returns to where this user left the register (on unless turned off).
    pub fn resume(&self) -> bool {
        self.resume != Some(false)
    }

    /// The key tables with this file's overrides applied.
    pub fn keymaps(&self) -> Keymaps {
        let mut maps = Keymaps::default();
        for k in &self.keys {
            let keys: Vec<&str> = k.keys.iter().map(String::as_str).collect();
            // Every override was tried in `parse` in this same order; none can fail here.
            let _ = maps.rebind(&k.mode, &k.action, &keys);
        }
        maps
    }
}

/// One thing wrong in the file: where, which key, what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    /// The dotted key (`theme`, `keys.register.search`), or None for a syntax error.
    pub key: Option<String>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.key {
            Some(k) => write!(f, "line {}, {k}: {}", self.line, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

/// The settings file as read: what applies, and every problem found on the way.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub config: Config,
    pub problems: Vec<Problem>,
}

impl Loaded {
    /// One line for the status bar, or None when the file was clean.
    pub fn summary(&self, path: &Path) -> Option<String> {
        let first = self.problems.first()?;
        let more = match self.problems.len() {
            1 => String::new(),
            n => format!(" (and {} more: run dsr config)", n - 1),
        };
        Some(format!(
            "Settings {} {first}; using the default for it{more}",
            path.display()
        ))
    }
}

/// Read the settings file; a missing file means all defaults, and only an unreadable one is an
/// error (what to do about a bad value is the caller's choice: the problems list says).
pub fn load(path: &Path) -> Result<Loaded> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(parse(&text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Loaded::default()),
        Err(e) => {
            Err(e).wrap_err_with(|| format!("cannot read the settings file {}", path.display()))
        }
    }
}

/// Parse settings text. Each bad value is reported and left at its default; the rest apply.
pub fn parse(text: &str) -> Loaded {
    let mut out = Loaded::default();
    let table = match DeTable::parse(text) {
        Ok(t) => t.into_inner(),
        Err(e) => {
            out.problems.push(Problem {
                line: line_of(text, e.span().map_or(0, |s| s.start)),
                key: None,
                message: format!("{}; no settings from this file apply", e.message().trim()),
            });
            return out;
        }
    };
    let mut p = Parser {
        text,
        problems: Vec::new(),
    };
    for (k, v) in &table {
        let key = k.get_ref().as_ref();
        let line = line_of(text, k.span().start);
        let c = &mut out.config;
        match key {
            "theme" => {
                if let Some(s) = p.string(key, line, v.get_ref()) {
                    match ThemeName::parse(s) {
                        Some(t) => c.theme = Some(t),
                        None => p.problem(
                            key,
                            line,
                            format!(
                                "\"{s}\" is not a theme; use {}",
                                ThemeName::ALL.map(ThemeName::name).join(", ")
                            ),
                        ),
                    }
                }
            }
            "date_format" => {
                if let Some(s) = p.string(key, line, v.get_ref()) {
                    match DateFormat::parse(s) {
                        Some(f) => c.date_format = f,
                        None => p.problem(
                            key,
                            line,
                            format!(
                                "\"{s}\" is not a date format; use {}",
                                DateFormat::ALL.map(DateFormat::name).join(", ")
                            ),
                        ),
                    }
                }
            }
            "display_name" => {
                if let Some(s) = p.string(key, line, v.get_ref()) {
                    let s = s.trim();
                    if s.chars().any(char::is_control) {
                        p.problem(key, line, "holds a control character".into());
                    } else {
                        c.display_name = (!s.is_empty()).then(|| s.to_string());
                    }
                }
            }
            "privacy" => {
                if let Some(b) = p.boolean(key, line, v.get_ref()) {
                    c.privacy = b;
                }
            }
            "mouse" => {
                if let Some(b) = p.boolean(key, line, v.get_ref()) {
                    c.mouse = b;
                }
            }
            "resume" => {
                if let Some(b) = p.boolean(key, line, v.get_ref()) {
                    c.resume = Some(b);
                }
            }
            "keys" => match v.get_ref().as_table() {
                Some(modes) => p.keys(modes, &mut c.keys),
                None => p.problem(key, line, "must be a table: [keys.MODE]".into()),
            },
            _ => p.problem(
                key,
                line,
                "unknown setting; known: theme, date_format, display_name, privacy, mouse, resume, \
                 [keys.MODE]"
                    .into(),
            ),
        }
    }
    out.problems = p.problems;
    // The table is keyed by name, not file order; people read problems top to bottom.
    out.problems.sort_by_key(|p| p.line);
    out
}

struct Parser<'t> {
    text: &'t str,
    problems: Vec<Problem>,
}

impl Parser<'_> {
    fn problem(&mut self, key: &str, line: usize, message: String) {
        self.problems.push(Problem {
            line,
            key: Some(key.to_string()),
            message,
        });
    }

    fn string<'v>(&mut self, key: &str, line: usize, v: &'v DeValue) -> Option<&'v str> {
        let s = v.as_str();
        if s.is_none() {
            self.problem(
                key,
                line,
                format!("must be text in quotes, not {}", v.type_str()),
            );
        }
        s
    }

    fn boolean(&mut self, key: &str, line: usize, v: &DeValue) -> Option<bool> {
        let b = v.as_bool();
        if b.is_none() {
            self.problem(
                key,
                line,
                format!("must be true or false, not {}", v.type_str()),
            );
        }
        b
    }

    /// Each override is tried on the key tables as it is read, in file order, so an unknown mode
    /// or action, a bad key or a key another action holds is reported against its own line.
    fn keys(&mut self, modes: &DeTable, out: &mut Vec<KeyOverride>) {
        let mut maps = Keymaps::default();
        for (mode, actions) in modes {
            self.mode_keys(&mut maps, mode.get_ref(), actions, out);
        }
    }

    /// `[keys.MODE]`: actions, and sub-modes as nested tables (`[keys.register.card]` is the
    /// mode "register.card").
    fn mode_keys(
        &mut self,
        maps: &mut Keymaps,
        mode: &str,
        actions: &toml::Spanned<DeValue>,
        out: &mut Vec<KeyOverride>,
    ) {
        let Some(actions) = actions.get_ref().as_table() else {
            let line = line_of(self.text, actions.span().start);
            self.problem(
                &format!("keys.{mode}"),
                line,
                "must be a table of action = \"key\"".into(),
            );
            return;
        };
        for (action, keys) in actions {
            let dotted = format!("keys.{mode}.{}", action.get_ref());
            let line = line_of(self.text, action.span().start);
            let texts: Option<Vec<&str>> = match keys.get_ref() {
                DeValue::Table(_) => {
                    let sub = format!("{mode}.{}", action.get_ref());
                    self.mode_keys(maps, &sub, keys, out);
                    continue;
                }
                DeValue::String(s) => Some(vec![s.as_ref()]),
                DeValue::Array(a) => a.iter().map(|k| k.get_ref().as_str()).collect(),
                _ => None,
            };
            let Some(texts) = texts.filter(|t| !t.is_empty()) else {
                self.problem(
                    &dotted,
                    line,
                    "must be a key in quotes or a list of them, e.g. [\"/\", \"f3\"]".into(),
                );
                continue;
            };
            match maps.rebind(mode, action.get_ref(), &texts) {
                Ok(()) => out.push(KeyOverride {
                    mode: mode.to_string(),
                    action: action.get_ref().to_string(),
                    keys: texts.iter().map(ToString::to_string).collect(),
                }),
                Err(e) => self.problem(&dotted, line, e.to_string()),
            }
        }
    }
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// The commented file `dsr config --init` writes: every setting at its default.
pub const DEFAULT_TEXT: &str = r#"# dsr settings. Every line is optional: a setting left out keeps its default.
# A bad value is reported when dsr starts (and by `dsr config`) and keeps its default.

# Colours: "default", "high-contrast" or "monochrome". With NO_COLOR set, or TERM=dumb,
# dsr is always monochrome.
# theme = "default"

# How dates are shown on screen: "dd/mm/yyyy" (24/11/2026), "yyyy-mm-dd" (2026-11-24) or
# "d mmm yyyy" (24 Nov 2026). Date fields take every form whichever is chosen.
# date_format = "dd/mm/yyyy"

# The action owner name the "mine" filter (m in the Actions pane) uses, until you set one
# with M, which is kept in the register.
# display_name = "Jo Hartley"

# Start in privacy mode: names as initials, NHS numbers as their last three digits
# (for projecting the screen in a meeting). P toggles it.
# privacy = false

# Mouse: click a row to select it, the wheel scrolls. Off by default so the terminal's own
# text selection (copy) keeps working.
# mouse = false

# On launch, return to the pane, filters, search and selection you left this register on.
# (A draft review you were in, or typing cut off by a dropped connection, is offered back
# either way.)
# resume = true

# Key bindings: [keys.MODE] then action = "key" or action = ["key", "other key"], which
# replaces that action's keys in that mode. The ? help lists each mode's actions.
# Keys: a letter ("q", "R"), a name (enter, esc, tab, space, up, down, left, right, home,
# end, pageup, pagedown, backspace, delete, f1-f12), or ctrl-/alt-/shift- before one.
# Over SSH prefer plain letters: some terminals swallow ctrl-s, ctrl-q and alt chords.
#
# [keys.register]
# search = ["/", "f3"]
"#;

/// Write [`DEFAULT_TEXT`] to `path`, owner-only. Refuses to replace an existing file unless
/// `force`, so a tuned file is never lost to a second `--init`.
pub fn write_default(path: &Path, force: bool) -> Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .wrap_err_with(|| format!("cannot create the directory {}", dir.display()))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        // create_new also refuses a symlink planted at the path.
        options.create_new(true);
    }
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            color_eyre::eyre::eyre!(
                "{} already exists; refusing to overwrite it (use --force to replace it)",
                path.display()
            )
        } else {
            color_eyre::eyre::eyre!("cannot write {}: {e}", path.display())
        }
    })?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // A forced rewrite keeps the old file's mode; settings are nobody else's business.
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
            .wrap_err_with(|| format!("cannot make {} owner-only", path.display()))?;
    }
    file.write_all(DEFAULT_TEXT.as_bytes())
        .and_then(|()| file.flush())
        .wrap_err_with(|| format!("cannot write {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_file_parses_clean_to_the_defaults() {
        let loaded = parse(DEFAULT_TEXT);
        assert_eq!(loaded.problems, vec![]);
        assert_eq!(loaded.config, Config::default());
        let uncommented: String = DEFAULT_TEXT
            .lines()
            .map(|l| {
                l.strip_prefix("# ").filter(|l| {
                    let setting = l.split_once(" = ").is_some_and(|(k, _)| !k.contains(' '));
                    setting || (l.starts_with('[') && l.ends_with(']'))
                })
            })
            .map(|l| l.unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n");
        let loaded = parse(&uncommented);
        assert_eq!(loaded.problems, vec![], "{uncommented}");
        assert_eq!(loaded.config.display_name.as_deref(), Some("Jo Hartley"));
        assert_eq!(loaded.config.keys.len(), 1);
    }

    #[test]
    fn resume_is_on_unless_the_file_turns_it_off() {
        assert!(parse("").config.resume());
        assert!(parse("resume = true\n").config.resume());
        let off = parse("resume = false\n");
        assert_eq!(off.problems, vec![]);
        assert!(!off.config.resume());
        let bad = parse("resume = \"no\"\n");
        assert!(bad.config.resume(), "a bad value keeps the default");
        assert_eq!(bad.problems.len(), 1);
    }

    #[test]
    fn a_good_file_sets_every_setting() {
        let loaded = parse(
            "theme = \"high-contrast\"\ndisplay_name = \" Sam Okafor \"\n\
             date_format = \"d mmm yyyy\"\nprivacy = true\nmouse = true\n\
             [keys.register]\nsearch = [\"/\", \"ctrl-f\"]\n",
        );
        assert_eq!(loaded.problems, vec![]);
        let c = loaded.config;
        assert_eq!(c.theme, Some(ThemeName::HighContrast));
        assert_eq!(c.display_name.as_deref(), Some("Sam Okafor"));
        assert_eq!(c.date_format, DateFormat::DayMonthName);
        assert!(c.privacy && c.mouse);
        assert_eq!(
            c.keys,
            vec![KeyOverride {
                mode: "register".into(),
                action: "search".into(),
                keys: vec!["/".into(), "ctrl-f".into()],
            }]
        );
    }

    #[test]
    fn a_partial_file_keeps_the_defaults_for_what_it_leaves_out() {
        let loaded = parse("# only this\nprivacy = true\n");
        assert_eq!(loaded.problems, vec![]);
        assert_eq!(
            loaded.config,
            Config {
                privacy: true,
                ..Config::default()
            }
        );
    }

    #[test]
    fn bad_values_name_their_line_and_key_and_only_they_fall_back() {
        let loaded = parse(
            "theme = \"pink\"\nprivacy = \"yes\"\nmouse = true\ncolour = 3\n\
             display_name = 7\n[keys.register]\nsearch = \"ctrl-banana\"\n",
        );
        let shown: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 5, "{shown:#?}");
        let dates = parse("date_format = \"mm/dd/yyyy\"\n");
        assert_eq!(
            dates.problems.first().map(ToString::to_string).as_deref(),
            Some(
                "line 1, date_format: \"mm/dd/yyyy\" is not a date format; \
                 use dd/mm/yyyy, yyyy-mm-dd, d mmm yyyy"
            )
        );
        assert_eq!(dates.config.date_format, DateFormat::DayMonthYear);
        assert!(
            shown[0].starts_with(
                "line 1, theme: \"pink\" is not a theme; use default, high-contrast, monochrome"
            ),
            "{}",
            shown[0]
        );
        assert!(
            shown[1].starts_with("line 2, privacy: must be true or false, not string"),
            "{}",
            shown[1]
        );
        assert!(
            shown[2].starts_with("line 4, colour: unknown setting"),
            "{}",
            shown[2]
        );
        assert!(
            shown[3].starts_with("line 5, display_name: must be text in quotes, not integer"),
            "{}",
            shown[3]
        );
        assert!(
            shown[4].starts_with("line 7, keys.register.search: \"ctrl-banana\" is not a key"),
            "{}",
            shown[4]
        );
        assert_eq!(
            loaded.config,
            Config {
                mouse: true,
                ..Config::default()
            }
        );
    }

    #[test]
    fn a_syntax_error_names_its_line_and_nothing_applies() {
        let loaded = parse("privacy = true\nmouse = \n");
        assert_eq!(loaded.config, Config::default());
        assert_eq!(loaded.problems.len(), 1);
        assert_eq!(loaded.problems[0].line, 2, "{:?}", loaded.problems);
        let summary = loaded
            .summary(Path::new("/home/x/config.toml"))
            .unwrap_or_default();
        assert!(
            summary.starts_with("Settings /home/x/config.toml line 2: "),
            "{summary}"
        );
    }

    #[test]
    fn key_overrides_apply_in_file_order_and_bad_ones_name_their_line() {
        let loaded = parse(
            "[keys.register]\nadd = \"A\"\nsearch = [\"/\", \"a\"]\nedit = \"r\"\nfly = \"z\"\n\
             [keys.register.card]\nrerate = \"ctrl-r\"\n[keys.nowhere]\nquit = \"q\"\n",
        );
        let shown: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 3, "{shown:#?}");
        assert!(
            shown[0].starts_with("line 4, keys.register.edit: r is already \"rerate\""),
            "{}",
            shown[0]
        );
        assert!(
            shown[1]
                .starts_with("line 5, keys.register.fly: mode \"register\" has no action \"fly\""),
            "{}",
            shown[1]
        );
        assert!(
            shown[2].starts_with("line 9, keys.nowhere.quit: there is no key mode \"nowhere\""),
            "{}",
            shown[2]
        );
        let maps = loaded.config.keymaps();
        let list = maps.tables().into_iter().find(|t| t.mode() == "register");
        let keys_of = |action: &str| {
            list.and_then(|t| t.actions().into_iter().find(|(name, _, _)| *name == action))
                .map(|(_, _, keys)| keys.iter().map(ToString::to_string).collect::<Vec<_>>())
        };
        assert_eq!(keys_of("add"), Some(vec!["A".to_string()]));
        assert_eq!(
            keys_of("search"),
            Some(vec!["/".to_string(), "a".to_string()])
        );
        assert_eq!(keys_of("edit"), Some(vec!["e".to_string()]));
        let card = maps
            .tables()
            .into_iter()
            .find(|t| t.mode() == "register.card");
        let rerate = card.and_then(|t| t.actions().into_iter().find(|(n, _, _)| *n == "rerate"));
        assert_eq!(rerate.map(|(_, _, k)| k.len()), Some(1));
    }

    #[test]
    fn init_refuses_to_overwrite_without_force_and_is_owner_only() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("sub").join(FILE_NAME);
        write_default(&path, false).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(&path, "privacy = true\n").unwrap_or_else(|e| panic!("{e}"));
        let refused =
            write_default(&path, false).map_or_else(|e| e.to_string(), |()| String::new());
        assert!(refused.contains("refusing to overwrite"), "{refused}");
        assert_eq!(
            std::fs::read_to_string(&path).ok().as_deref(),
            Some("privacy = true\n")
        );
        write_default(&path, true).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            std::fs::read_to_string(&path).ok().as_deref(),
            Some(DEFAULT_TEXT)
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).map(|m| m.permissions().mode() & 0o777);
            assert_eq!(mode.ok(), Some(0o600));
        }
    }
}
