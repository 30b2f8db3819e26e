//! The launch offers on ratatui's TestBackend: a draft review and typing kept from a cut-off
//! session are offered in a box that fits 80×24, name the person only as privacy mode allows,
//! and Enter takes them back.

mod support;

use chrono::{NaiveDate, TimeZone, Utc};
use dsr::domain::review::{ReviewKind, ReviewType};
use dsr::store::{Store, reviews};
use dsr::ui::app::App;
use dsr::ui::theme::Theme;
use dsr::user_state::{FieldValue, Kept, KeptDraft, TypedDraft};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::screen::{draw, text};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

/// A small demo register with one draft review started by this user: its person's name.
fn register(dir: &tempfile::TempDir) -> (Store, String) {
    let mut store = Store::open(&dir.path().join("r.db"), "tester").expect("open");
    dsr::demo::generate(
        &mut store,
        dsr::demo::DemoSpec {
            people: 5,
            seed: 3,
            today: today(),
        },
        |_| {},
    )
    .expect("demo");
    let person = store
        .conn()
        .query_row(
            "SELECT p.id FROM person p WHERE NOT EXISTS
               (SELECT 1 FROM review r WHERE r.person_id = p.id AND r.status = 'draft')
             ORDER BY p.id LIMIT 1",
            [],
            |r| r.get::<_, i64>(0),
        )
        .expect("a person without a draft");
    store
        .write(|w| {
            reviews::create(
                w,
                person,
                ReviewKind::Ctr,
                ReviewType::Community,
                today(),
                None,
                false,
            )
        })
        .expect("draft");
    let draft = reviews::draft_to_resume(store.conn(), "tester", None)
        .expect("read")
        .expect("offered");
    (store, draft.person_name)
}

fn enter(app: &mut App) {
    app.on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
}

#[test]
fn a_draft_review_is_offered_and_enter_resumes_it() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, name) = register(&dir);
    let mut app = App::new(store, today(), Theme::mono(), false);
    app.load_active();
    app.resume(Kept::default(), true);
    let screen = text(&draw(&mut app, 80, 24));
    assert!(
        screen.contains(&format!("for {name} open since")),
        "{screen}"
    );
    assert!(screen.contains("Enter to resume"), "{screen}");
    enter(&mut app);
    let screen = text(&draw(&mut app, 80, 24));
    assert!(
        screen.contains("Step 1/11"),
        "resumed in the wizard\n{screen}"
    );
}

#[test]
fn privacy_mode_hides_the_name_in_the_offer() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, name) = register(&dir);
    let mut app = App::new(store, today(), Theme::mono(), false);
    app.set_privacy(true);
    app.load_active();
    app.resume(Kept::default(), true);
    let screen = text(&draw(&mut app, 80, 24));
    assert!(screen.contains("open since"), "{screen}");
    let family = name.split(',').next().unwrap_or_default();
    assert!(
        !screen.contains(family),
        "{family} shown in privacy mode\n{screen}"
    );
}

#[test]
fn kept_typing_is_offered_and_enter_reopens_the_form_filled() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, _) = register(&dir);
    let mut app = App::new(store, today(), Theme::mono(), false);
    app.load_active();
    let draft = TypedDraft {
        pane: "Register".into(),
        action: "add".into(),
        person: None,
        on_card: false,
        records: Vec::new(),
        title: "Add a person to the register".into(),
        values: vec![
            ("Given".into(), FieldValue::Text("Wilhelmina".into())),
            ("Family".into(), FieldValue::Text("Quarrington".into())),
        ],
        saved_at: Utc
            .with_ymd_and_hms(2026, 11, 24, 9, 30, 0)
            .single()
            .expect("time"),
    };
    app.resume(
        Kept {
            place: None,
            drafts: vec![KeptDraft {
                file: dir.path().join("kept.json"),
                draft,
            }],
        },
        true,
    );
    let screen = text(&draw(&mut app, 80, 24));
    assert!(screen.contains("session was cut off"), "{screen}");
    assert!(screen.contains("Add a person to the register"), "{screen}");
    enter(&mut app);
    let screen = text(&draw(&mut app, 80, 24));
    assert!(screen.contains("Wilhelmina"), "{screen}");
    assert!(screen.contains("Quarrington"), "{screen}");
    // The draft review's offer waits for the next launch: the form has the keys now.
    assert!(!screen.contains("open since"), "{screen}");
}
