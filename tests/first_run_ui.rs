//! A first run on an empty register says what to do first, with the keys and commands.

mod support;

use chrono::NaiveDate;
use dsr::store::Store;
use dsr::ui::app::App;
use dsr::ui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::screen::{draw, text};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

#[test]
fn empty_register_shows_what_to_do_first_at_80x24() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("r.db"), "tester").expect("open");
    let mut app = App::new(store, today(), Theme::mono(), false);
    app.load_active();
    let screen = text(&draw(&mut app, 80, 24));
    for want in [
        "The register is empty. What to do first:",
        "Add a person",
        "dsr import FILE.csv",
        "--commit",
        "dsr --demo",
        "fictional",
    ] {
        assert!(screen.contains(want), "{want:?} missing from\n{screen}");
    }
    // The key it names is the one that works: `a` opens the add form.
    assert!(screen.contains("  a    "), "the add key is shown\n{screen}");
    app.on_key(KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE));
    let screen = text(&draw(&mut app, 80, 24));
    assert!(screen.contains("Given name"), "a opens the form\n{screen}");
}

#[test]
fn a_register_with_people_shows_its_list_not_the_first_steps() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::open(&dir.path().join("r.db"), "tester").expect("open");
    dsr::demo::generate(
        &mut store,
        dsr::demo::DemoSpec {
            people: 3,
            seed: 1,
            today: today(),
        },
        |_| {},
    )
    .expect("demo");
    let mut app = App::new(store, today(), Theme::mono(), false);
    app.load_active();
    let screen = text(&draw(&mut app, 80, 24));
    assert!(!screen.contains("What to do first"), "{screen}");
}
