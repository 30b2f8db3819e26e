//! Store tests for the incremental refresh, on real files with two connections as two users' open
//! apps: one writes, the other asks the change log what changed since it last looked.

mod support;

use chrono::NaiveDate;
use dsr::demo::{DemoSpec, generate};
use dsr::domain::rating::Rating;
use dsr::domain::review::{ReviewKind, ReviewType};
use dsr::store::changes::{self, MAX_ENTRIES};
use dsr::store::reviews::{self, ReviewText};
use dsr::store::{Store, people};
use dsr::ui::app::App;
use dsr::ui::pane::PaneId;
use dsr::ui::theme::Theme;
use std::path::Path;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

/// A demo register of 30 people at `path`, written by "writer".
fn register(path: &Path) -> Store {
    let mut store = Store::open(path, "writer").expect("open");
    generate(
        &mut store,
        DemoSpec {
            people: 30,
            seed: 3,
            today: today(),
        },
        |_| {},
    )
    .expect("demo register");
    store
}

fn rename(store: &mut Store, id: i64, given: &str) {
    let p = people::person(store.conn(), id).expect("person");
    let mut details = p.details.clone();
    details.given_name = given.into();
    store
        .write(|w| people::update_person(w, id, p.version, &details, today()))
        .expect("rename");
}

// Rule (no refresh storm): another user's edit of one person reaches an open app as that one
// person, not as a reload of the register.
#[test]
fn another_users_edit_lists_only_that_person() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("dsr.db");
    let mut writer = register(&path);
    let reader = Store::open(&path, "reader").expect("second user");
    let seen = changes::latest(reader.conn()).expect("latest");
    assert!(
        changes::since(reader.conn(), seen)
            .expect("since")
            .is_empty()
    );

    rename(&mut writer, 7, "Zebedee");
    let c = changes::since(reader.conn(), seen).expect("since");
    assert_eq!(c.people, vec![7]);
    assert_eq!(c.tables, vec!["person".to_string()]);
    assert!(!c.everything);

    // Asked again from where it got to: nothing new.
    assert!(
        changes::since(reader.conn(), c.upto)
            .expect("since")
            .is_empty()
    );

    // A re-rating (someone not in hospital, so BLUE is not involved) lists that one person too.
    let row = people::register_rows(writer.conn(), today())
        .expect("rows")
        .into_iter()
        .find(|r| r.rating == Rating::Green)
        .expect("someone rated GREEN");
    writer
        .write(|w| {
            people::rerate(
                w,
                row.id,
                row.version,
                Rating::Amber,
                "worries at school",
                today(),
                None,
            )
        })
        .expect("re-rate");
    let c2 = changes::since(reader.conn(), c.upto).expect("since");
    assert_eq!(c2.people, vec![row.id]);
    assert!(c2.touches(&["rating_change"]));
}

// Rule (no refresh storm): typing in a review draft (its text and cursor, saved on every
// keystroke) is not something any other pane shows, so it logs nothing for others to re-read.
#[test]
fn typing_in_a_review_draft_logs_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("dsr.db");
    let mut writer = register(&path);
    let reader = Store::open(&path, "reader").expect("second user");
    let review = writer
        .write(|w| {
            reviews::create(
                w,
                3,
                ReviewKind::Ctr,
                ReviewType::Community,
                today(),
                None,
                false,
            )
        })
        .expect("draft");
    let seen = changes::latest(reader.conn()).expect("latest");
    let started = changes::since(reader.conn(), 0).expect("since");
    assert!(started.touches(&["review"]), "a new draft is listed");

    for text in ["M", "Me", "Met", "Met at home"] {
        writer
            .write(|w| reviews::set_text(w, review, ReviewText::OutcomeNotes, text))
            .expect("keystroke");
    }
    assert!(
        changes::since(reader.conn(), seen)
            .expect("since")
            .is_empty()
    );
}

// Rule (no refresh storm): an app that fell behind the log (too many changes to re-read one by
// one, or entries pruned before it looked) reloads everything once instead of missing some.
#[test]
fn falling_behind_the_log_means_one_full_reload() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("dsr.db");
    let writer = register(&path);
    let reader = Store::open(&path, "reader").expect("second user");
    let seen = changes::latest(reader.conn()).expect("latest");
    let log = |n: i64| {
        writer
            .conn()
            .execute(
                "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?1)
                 INSERT INTO change_log (tbl, row_id, person_id, kind)
                 SELECT 'person', 1, 1, 'update' FROM k",
                [n],
            )
            .expect("log entries")
    };
    log(MAX_ENTRIES + 1);
    let c = changes::since(reader.conn(), seen).expect("since");
    assert!(c.everything);
    assert_eq!(c.upto, changes::latest(reader.conn()).expect("latest"));

    // The log prunes its oldest entries: a reader from before them cannot trust what is left.
    log(30_000);
    let first: i64 = writer
        .conn()
        .query_row("SELECT min(id) FROM change_log", [], |r| r.get(0))
        .expect("oldest");
    assert!(first > c.upto, "pruned past the reader");
    let count: i64 = writer
        .conn()
        .query_row("SELECT count(*) FROM change_log", [], |r| r.get(0))
        .expect("count");
    assert!(count <= 21_000, "the log stays small: {count}");
    assert!(
        changes::since(reader.conn(), c.upto)
            .expect("since")
            .everything
    );
}

// Rule (demo generation): a generated register starts with its change-log triggers in place and
// nothing in the log (nobody had it open while it was built).
#[test]
fn a_demo_register_keeps_its_triggers_and_starts_with_an_empty_log() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = register(&dir.path().join("dsr.db"));
    let triggers: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'change_log%'",
            [],
            |r| r.get(0),
        )
        .expect("triggers");
    // Ten logged tables (consent among them), three triggers each, and the pruning trigger.
    assert_eq!(triggers, 10 * 3 + 1);
    assert_eq!(changes::latest(store.conn()).expect("latest"), 0);
}

fn screen(app: &mut App) -> String {
    support::screen::text(&support::screen::draw(app, 120, 40))
}

// Rule (no refresh storm): an idle app patches the one row another user changed, in place; the
// hidden panes that list people reload only when shown, not behind the user's back.
#[test]
fn an_open_register_shows_another_users_edit_by_patching_the_row() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("dsr.db");
    let mut writer = register(&path);
    let mut app = App::new(
        Store::open(&path, "reader").expect("second user"),
        today(),
        Theme::mono(),
        false,
    );
    app.load_active();
    // Reviews and Actions load once shown; back on the register, they are hidden but loaded.
    for pane in [PaneId::Reviews, PaneId::Actions, PaneId::Register] {
        app.show(pane);
    }
    assert_eq!(app.stale_panes(), 1, "only the dashboard, never shown");
    assert!(!screen(&mut app).contains("Zebedee"));

    rename(&mut writer, 1, "Zebedee");
    assert!(app.tick(), "the changed row is drawn again");
    assert!(screen(&mut app).contains("Zebedee"), "{}", screen(&mut app));
    // Reviews and Actions list people by name: stale, but left for when they are shown.
    assert_eq!(app.stale_panes(), 3);
    for _ in 0..3 {
        assert!(!app.tick());
    }
    assert_eq!(app.stale_panes(), 3);
}
