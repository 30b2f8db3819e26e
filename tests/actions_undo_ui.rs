//! `u` in the Actions pane says what it undid (the step, the action's words, whose it is) and
//! leaves that action selected, even when the filters in force would now hide it.

mod support;

use support::screen::{draw, fixed_demo_store, lines};

use chrono::NaiveDate;
use dsr::ui::app::App;
use dsr::ui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Modifier;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

fn actions_app(name: &str) -> App {
    let store = fixed_demo_store("actions_undo_ui", name, 60, today());
    let mut app = App::new(store, today(), Theme::mono(), false);
    app.load_active();
    press(&mut app, KeyCode::Char('3'));
    app
}

fn press(app: &mut App, c: KeyCode) {
    app.on_key(KeyEvent::new(c, KeyModifiers::NONE));
}

fn typ(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// The selected row (drawn in reverse video), as text.
fn selected(buf: &Buffer) -> Option<String> {
    let rows = lines(buf);
    (3..buf.area.height)
        .find(|y| buf[(4, *y)].modifier.contains(Modifier::REVERSED))
        .map(|y| rows[y as usize].clone())
}

#[test]
fn undo_names_the_action_and_person_and_selects_it() {
    let mut app = actions_app("undo_done");
    let buf = draw(&mut app, 120, 30);
    let first = selected(&buf).expect("a selected action");
    press(&mut app, KeyCode::Char('d'));
    typ(&mut app, "letter sent");
    press(&mut app, KeyCode::Enter);
    assert_ne!(selected(&draw(&mut app, 120, 30)), Some(first.clone()));
    press(&mut app, KeyCode::Char('u'));
    let buf = draw(&mut app, 120, 30);
    let status = lines(&buf)[24..29].join(" ");
    assert!(status.contains("Undid: marked done '"), "{status}");
    // The person's name as the list shows it ("Family, Given") is in the message.
    let name = first
        .split("  ")
        .map(str::trim)
        .find(|c| c.contains(", "))
        .unwrap_or_default()
        .to_string();
    assert!(
        !name.is_empty() && status.contains(&name),
        "{name:?} in {status}"
    );
    assert_eq!(selected(&buf), Some(first), "the undone action is selected");
}

#[test]
fn undo_of_an_action_the_view_now_hides_shows_all_and_selects_it() {
    let mut app = actions_app("undo_hidden");
    let first = selected(&draw(&mut app, 120, 30)).expect("a selected action");
    press(&mut app, KeyCode::Char('x'));
    typ(&mut app, "no longer needed");
    press(&mut app, KeyCode::Enter);
    // The done/cancelled view, where the cancelled action is.
    for _ in 0..3 {
        press(&mut app, KeyCode::Char('f'));
    }
    let buf = draw(&mut app, 120, 30);
    assert!(
        lines(&buf)[1].contains("done/cancelled"),
        "{}",
        lines(&buf)[1]
    );
    press(&mut app, KeyCode::Char('u'));
    let buf = draw(&mut app, 120, 30);
    let screen = lines(&buf).join("\n");
    assert!(screen.contains("Undid: cancelled '"), "{screen}");
    assert!(screen.contains("showing all actions"), "{screen}");
    let now = selected(&buf).expect("still a selection");
    // The same action, open again as it was.
    assert_eq!(now, first, "{screen}");
}
