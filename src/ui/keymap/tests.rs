//! Tests of keys, tables and the default keymaps: every action reachable, no key bound twice in
//! a mode, help rows built from the tables, and config rebinding.

use super::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
