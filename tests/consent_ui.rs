//! Render tests of consent in the Register pane, on TestBackend through the real app and a
//! fixed-seed demo register: the card's one-line status per scope, the consent dialog (refusing a
//! parent's consent for an adult, then recording the person's own), the dialog that follows adding
//! a person with nothing chosen for them, and the "consent missing or expired" filter.

mod support;

use support::screen::{draw, find, fixed_demo_store, text};

use chrono::NaiveDate;
use dsr::domain::consent::{ConsentBasis, ConsentRecord, Decision, Giver, Scope};
use dsr::store::{Store, consent};
use dsr::ui::app::App;
use dsr::ui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;

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

/// The first adult on the demo register (id, "family given"), with their consent records cleared.
fn adult_without_consent(store: &Store) -> (i64, String) {
    let (id, name): (i64, String) = store
        .conn()
        .query_row(
            "SELECT id, family_name || ' ' || given_name FROM person
             WHERE date_of_birth < '1995-01-01' AND removed_on IS NULL ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("an adult");
    store
        .conn()
        .execute("DELETE FROM consent WHERE person_id = ?1", [id])
        .expect("clear");
    (id, name)
}

fn open_card(app: &mut App, name: &str) {
    key(app, KeyCode::Char('/'));
    typ(app, name);
    key(app, KeyCode::Enter);
}

// Hazard: the card showed "consent recorded" while consent covered only the register, so nobody
// saw that papers could not circulate.
#[test]
fn card_shows_each_scope_at_a_glance() {
    let mut store = fixed_demo_store("consent-ui", "glance", 60, today());
    let (id, name) = adult_without_consent(&store);
    let register_only = ConsentRecord {
        giver: Giver::Person,
        giver_name: None,
        capacity_assessed_on: None,
        basis: ConsentBasis::Form,
        decided_on: NaiveDate::from_ymd_opt(2026, 3, 3).expect("date"),
        scopes: vec![Scope::Register],
        share_with: vec![],
        decision: Decision::Declined,
        recorded_by: String::new(),
    };
    store
        .write(|w| consent::record_consent(w, id, &register_only, today()))
        .expect("record");
    let mut app = App::new(store, today(), Theme::colour(), false);
    app.load_active();
    open_card(&mut app, &name);
    let buf = draw(&mut app, 120, 40);
    let screen = text(&buf);
    assert!(
        screen.contains(
            "Consent: Register ✗ declined 03/03/2026 · C(E)TR ⚠ missing · Sharing ⚠ missing"
        ),
        "{screen}"
    );
    let (x, y) = find(&buf, "⚠ missing").expect("missing");
    assert_eq!(buf[(x, y)].fg, Color::Red, "missing is a warning");
    assert!(screen.contains("declined by the person"), "{screen}");
    assert!(
        screen.contains("C(E)TR: missing: the person's own consent"),
        "{screen}"
    );
}

// Hazard: a parent's consent was accepted for an adult.
#[test]
fn dialog_refuses_a_parents_consent_for_an_adult_then_records_their_own() {
    let store = fixed_demo_store("consent-ui", "dialog", 60, today());
    let (_, name) = adult_without_consent(&store);
    let mut app = App::new(store, today(), Theme::colour(), false);
    app.load_active();
    open_card(&mut app, &name);
    key(&mut app, KeyCode::Char('c'));
    let screen = text(&draw(&mut app, 120, 40));
    assert!(screen.contains("Consent: "), "{screen}");
    assert!(screen.contains("Given by *"), "{screen}");
    assert!(
        screen.contains("[ ] Register"),
        "nothing ticked for the person:\n{screen}"
    );
    // Given by → → someone with parental responsibility; a name; covers the register.
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "Grace Okafor");
    for _ in 0..4 {
        key(&mut app, KeyCode::Tab);
    }
    typ(&mut app, "12");
    key(&mut app, KeyCode::Enter);
    let screen = text(&draw(&mut app, 120, 40));
    assert!(screen.contains("only for under-18s"), "{screen}");
    assert!(screen.contains("fix the marked fields"), "{screen}");
    // Focus went to "Given by": ← picks the person themselves; Enter saves.
    key(&mut app, KeyCode::Left);
    key(&mut app, KeyCode::Enter);
    let screen = text(&draw(&mut app, 120, 40));
    assert!(screen.contains("Consent given for"), "{screen}");
    assert!(
        screen.contains("Consent: Register ✓ given · C(E)TR ✓ given · Sharing ⚠ missing"),
        "{screen}"
    );
}

// Hazard: the add form ticked "register" for the person by default.
#[test]
fn adding_a_person_asks_consent_next_with_nothing_chosen() {
    let store = fixed_demo_store("consent-ui", "add", 60, today());
    let mut app = App::new(store, today(), Theme::colour(), false);
    app.load_active();
    key(&mut app, KeyCode::Char('a'));
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "Ada");
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "Consentless");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "04/03/1990");
    // Inclusion criteria is field 20 (the date of birth is 5).
    for _ in 0..15 {
        key(&mut app, KeyCode::Tab);
    }
    typ(&mut app, "1");
    key(&mut app, KeyCode::Enter);
    let screen = text(&draw(&mut app, 120, 40));
    assert!(screen.contains("Consent: Consentless, Ada"), "{screen}");
    assert!(screen.contains("now record their consent"), "{screen}");
    assert!(screen.contains("[ ] Register"), "{screen}");
    assert!(screen.contains("[ ] C(E)TR"), "{screen}");
    // Esc leaves consent missing, and the card says so.
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Enter);
    let screen = text(&draw(&mut app, 120, 40));
    assert!(
        screen.contains("Consent: Register ⚠ missing · C(E)TR ⚠ missing · Sharing ⚠ missing"),
        "{screen}"
    );
}

#[test]
fn register_filter_lists_people_whose_consent_is_missing_or_expired() {
    let store = fixed_demo_store("consent-ui", "filter", 60, today());
    let (_, name) = adult_without_consent(&store);
    let expected = consent::people_to_ask(store.conn(), today()).expect("to ask");
    let on_register = expected
        .iter()
        .filter(|id| {
            store
                .conn()
                .query_row(
                    "SELECT removed_on IS NULL FROM person WHERE id = ?1",
                    [**id],
                    |r| r.get::<_, bool>(0),
                )
                .expect("person")
        })
        .count();
    let mut app = App::new(store, today(), Theme::colour(), false);
    app.load_active();
    key(&mut app, KeyCode::Char('f'));
    key(&mut app, KeyCode::Char('n'));
    let buf = draw(&mut app, 120, 40);
    let screen = text(&buf);
    assert!(screen.contains("consent missing or expired"), "{screen}");
    assert!(
        screen.contains(&format!("Register: {on_register} people")),
        "{on_register} people expected:\n{screen}"
    );
    let family = name.split(' ').next().expect("family name");
    assert!(
        screen.contains(family),
        "{family} has no consent:\n{screen}"
    );
}
