//! Identity before adding: a possible duplicate (same date of birth, similar name) is shown and
//! asked about before a second record is written; a test-range NHS number on a register that is
//! not a demo warns; `dsr demo` marks its registers as demos. Render tests through the real app.

mod support;

use chrono::NaiveDate;
use dsr::domain::dates::uk;
use dsr::store::people::{self, RegisterRow};
use dsr::store::{Store, meta};
use dsr::ui::app::App;
use dsr::ui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::screen::{draw, fixed_demo_store, text};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

fn key(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn typ(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn screen(app: &mut App) -> String {
    text(&draw(app, 160, 50))
}

/// Tab until the field labelled `label` has the focus.
fn tab_to(app: &mut App, label: &str) {
    for _ in 0..60 {
        if screen(app).contains(&format!("▸{label}")) {
            return;
        }
        key(app, KeyCode::Tab);
    }
    panic!("no field {label:?}:\n{}", screen(app));
}

/// Open the add form and fill what a new record needs; leaves the form open, unsaved.
fn fill_add_form(app: &mut App, nhs: &str, given: &str, family: &str, born: NaiveDate) {
    key(app, KeyCode::Char('a'));
    assert!(screen(app).contains("Add a person to the register"));
    typ(app, nhs);
    tab_to(app, "Given name");
    typ(app, given);
    tab_to(app, "Family name");
    typ(app, family);
    tab_to(app, "Date of birth");
    typ(app, &uk(born));
    tab_to(app, "Inclusion criteria");
    typ(app, "2");
}

/// Enter on the form.
fn submit(app: &mut App) {
    key(app, KeyCode::Enter);
}

fn people_count(app_store: &Store) -> usize {
    people::register_rows(app_store.conn(), today())
        .expect("rows")
        .len()
}

#[test]
fn possible_duplicate_is_shown_before_adding() {
    let store = fixed_demo_store("identity-ui", "duplicate", 60, today());
    assert!(
        meta::is_demo(store.conn()).expect("meta"),
        "dsr demo marks its register"
    );
    let rows = people::register_rows(store.conn(), today()).expect("rows");
    let twin: RegisterRow = rows.into_iter().next().expect("someone");
    let mut app = App::new(store, today(), Theme::mono(), false);
    app.load_active();
    // One letter off the family name, same given name, same date of birth.
    let family = format!("{}e", twin.family_name);
    fill_add_form(&mut app, "", &twin.given_name, &family, twin.date_of_birth);
    submit(&mut app);
    let s = screen(&mut app);
    let named = format!(
        "{}, {} (record {})",
        twin.family_name, twin.given_name, twin.id
    );
    assert!(
        s.contains("Same date of birth, similar name") && s.contains(&named),
        "the possible duplicate is named before adding: {s}"
    );
    assert!(
        !s.contains("test range"),
        "a demo register does not warn about test numbers: {s}"
    );
    // No: nothing is written and the form is still there to open the other record instead.
    key(&mut app, KeyCode::Char('n'));
    let s = screen(&mut app);
    assert!(s.contains("Add a person to the register"), "{s}");
    let check = Store::open(
        std::path::Path::new("target/identity-ui/duplicate.db"),
        "checker",
    )
    .expect("reopen");
    assert_eq!(people_count(&check), 60);
    // Asked again on saving; yes adds the record.
    key(&mut app, KeyCode::Enter);
    assert!(screen(&mut app).contains("Same date of birth, similar name"));
    key(&mut app, KeyCode::Char('y'));
    let s = screen(&mut app);
    assert!(s.contains(&format!("Added {family}, ")), "{s}");
    assert_eq!(people_count(&check), 61);
}

#[test]
fn test_range_nhs_number_on_a_live_register_warns() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("live.db"), "tester").expect("open");
    assert!(!meta::is_demo(store.conn()).expect("meta"));
    let mut app = App::new(store, today(), Theme::mono(), false);
    app.load_active();
    let born = NaiveDate::from_ymd_opt(2001, 5, 17).expect("date");
    fill_add_form(&mut app, "9990000018", "Ada", "Testperson", born);
    submit(&mut app);
    let s = screen(&mut app);
    assert!(
        s.contains("The NHS number is from the 999 test range") && s.contains("not a demo"),
        "{s}"
    );
    assert!(!s.contains("similar name"), "{s}");
    key(&mut app, KeyCode::Char('y'));
    let s = screen(&mut app);
    assert!(s.contains("Added Testperson, Ada"), "{s}");
    // Consent is asked next; Esc leaves it to be asked later.
    assert!(s.contains("Consent: Testperson, Ada"), "{s}");
    key(&mut app, KeyCode::Esc);
    // A real-range number saves without a question.
    fill_add_form(
        &mut app,
        "9434765919",
        "Bea",
        "Otherperson",
        NaiveDate::from_ymd_opt(1999, 1, 2).expect("date"),
    );
    submit(&mut app);
    let s = screen(&mut app);
    assert!(s.contains("Added Otherperson, Bea"), "{s}");
}
