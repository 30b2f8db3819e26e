//! The palette's lines come from the key tables, and its search ranks what was typed first.

use super::*;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn press(p: &mut Palette, code: KeyCode) -> PaletteEvent {
    p.handle_key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn typed(p: &mut Palette, text: &str) {
    for c in text.chars() {
        press(p, KeyCode::Char(c));
    }
}

fn line(items: &[Item], command: Command) -> &Item {
    items
        .iter()
        .find(|i| i.command == command)
        .unwrap_or_else(|| panic!("no line for {command:?}: {items:#?}"))
}

#[test]
fn every_pane_action_is_offered_with_its_key() {
    let items = commands(&Keymaps::default());
    let rerate = line(&items, Command::Register(RegisterAction::Rerate));
    assert_eq!(
        (rerate.label.as_str(), rerate.keys.as_str()),
        ("Register: re-rate", "r")
    );
    assert_eq!(
        line(&items, Command::Register(RegisterAction::FilterRed)).keys,
        "f r"
    );
    assert_eq!(
        line(&items, Command::Register(RegisterAction::History)).keys,
        "card: h"
    );
    assert_eq!(line(&items, Command::Reviews(ReviewsAction::New)).keys, "n");
    assert_eq!(
        line(&items, Command::Actions(ActionsAction::SetMine)).keys,
        "M"
    );
    assert_eq!(
        line(&items, Command::Dashboard(DashboardAction::Refresh)).keys,
        "r"
    );
    assert_eq!(line(&items, Command::Global(Global::Privacy)).keys, "P");
    assert_eq!(line(&items, Command::Global(Global::Reviews)).keys, "2");
    assert_eq!(
        line(&items, Command::Theme(ThemeName::HighContrast)).keys,
        "T"
    );
    // "Back" actions (Esc where they are bound) and the palette itself are not offered.
    assert!(
        !items
            .iter()
            .any(|i| i.command == Command::Register(RegisterAction::FilterCancel))
    );
    assert!(
        !items
            .iter()
            .any(|i| i.command == Command::Global(Global::Palette))
    );
    // Each action once, though the register's list and card both bind re-rate.
    let rerates = items
        .iter()
        .filter(|i| i.command == Command::Register(RegisterAction::Rerate))
        .count();
    assert_eq!(rerates, 1);
}

#[test]
fn a_rebound_key_shows_in_the_palette() {
    let mut k = Keymaps::default();
    k.rebind("register", "rerate", &["ctrl-r"]).expect("rebind");
    let items = commands(&k);
    assert_eq!(
        line(&items, Command::Register(RegisterAction::Rerate)).keys,
        "Ctrl-R"
    );
}

#[test]
fn typing_ranks_the_closest_command_first_and_enter_runs_it() {
    let mut p = Palette::new(commands(&Keymaps::default()), Vec::new());
    typed(&mut p, "privacy");
    assert_eq!(p.shown()[0].command, Command::Global(Global::Privacy));
    assert_eq!(
        press(&mut p, KeyCode::Enter),
        PaletteEvent::Run(Command::Global(Global::Privacy))
    );
}

#[test]
fn arrows_choose_and_esc_closes() {
    let mut p = Palette::new(commands(&Keymaps::default()), Vec::new());
    let second = p.shown()[1].command;
    press(&mut p, KeyCode::Down);
    assert_eq!(press(&mut p, KeyCode::Enter), PaletteEvent::Run(second));
    assert_eq!(press(&mut p, KeyCode::Esc), PaletteEvent::Close);
}

#[test]
fn people_found_come_before_commands_and_nothing_found_runs_nothing() {
    let mut p = Palette::new(commands(&Keymaps::default()), Vec::new());
    typed(&mut p, "griffiths");
    p.set_people(vec![Item::new(
        "open Griffiths, Usman · 999 001 7824".into(),
        "Enter".into(),
        Command::OpenPerson(7),
    )]);
    assert_eq!(p.shown()[0].command, Command::OpenPerson(7));
    typed(&mut p, "zzzzqqqq");
    p.set_people(Vec::new());
    assert!(p.shown().is_empty());
    assert_eq!(press(&mut p, KeyCode::Enter), PaletteEvent::Pending);
}
