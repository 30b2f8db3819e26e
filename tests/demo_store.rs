//! The demo register: built in bulk with one audit entry, deterministic for a seed, realistic
//! enough to demonstrate with (reviews mostly on time), and written beside its target.

use chrono::NaiveDate;
use dsr::demo::{self, DemoSpec};
use dsr::store::Store;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

fn spec(people: usize) -> DemoSpec {
    DemoSpec {
        people,
        seed: 7,
        today: today(),
    }
}

fn rows(store: &Store, sql: &str) -> Vec<String> {
    let mut stmt = store.conn().prepare(sql).expect("prepare");
    stmt.query_map([], |r| r.get::<_, String>(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

// A generated register is recorded once, by whom and what, not field by field (millions of rows).
#[test]
fn demo_is_one_audit_entry_and_deterministic() {
    let dir = tempfile::tempdir().expect("dir");
    let mut a = Store::open(&dir.path().join("a.db"), "trainer").expect("open");
    demo::generate(&mut a, spec(300), |_| {}).expect("demo");
    let mut b = Store::open(&dir.path().join("b.db"), "someone else").expect("open");
    demo::generate(&mut b, spec(300), |_| {}).expect("demo");
    let audit = rows(
        &a,
        "SELECT by_user || ': ' || entity || ' ' || field || ' ' || new FROM audit",
    );
    assert_eq!(audit.len(), 1, "{audit:?}");
    assert!(
        audit[0].starts_with("trainer: register generated demo register of 300"),
        "{audit:?}"
    );
    let everything = "SELECT p.id || p.family_name || p.given_name || coalesce(p.preferred_name, '')
             || p.rating || coalesce(p.next_review_due, '') || coalesce((SELECT group_concat(held_on || status)
             FROM review r WHERE r.person_id = p.id), '') || coalesce((SELECT group_concat(a.due || a.status)
             FROM action a WHERE a.person_id = p.id), '')
         FROM person p ORDER BY p.id";
    assert_eq!(
        rows(&a, everything),
        rows(&b, everything),
        "same seed, same register"
    );
}

// The bulk loader must leave what the everyday writes would: recomputing every person's next
// review the everyday way changes nothing, and the file passes the integrity check.
#[test]
fn demo_matches_what_everyday_writes_derive() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::open(&dir.path().join("r.db"), "trainer").expect("open");
    demo::generate(&mut store, spec(400), |_| {}).expect("demo");
    let due =
        "SELECT id || ':' || coalesce(next_review_due, '-') || coalesce(next_review_type, '-')
               || ':' || coalesce(register_review_due, '-')
           FROM person ORDER BY id";
    let before = rows(&store, due);
    let ids: Vec<i64> = rows(&store, "SELECT CAST(id AS TEXT) FROM person")
        .iter()
        .filter_map(|s| s.parse().ok())
        .collect();
    store
        .write(|w| {
            for id in &ids {
                dsr::store::people::refresh_schedule(w, *id)?;
            }
            Ok(())
        })
        .expect("refresh");
    assert_eq!(before, rows(&store, due));
    assert!(store.integrity_problems().expect("check").is_empty());
}

// The loader sets the indexes and the change log's triggers aside while it runs: a demo register
// must end with every one of them back, as on a register made the everyday way.
#[test]
fn demo_keeps_every_index_and_trigger() {
    let dir = tempfile::tempdir().expect("dir");
    let schema = "SELECT type || ' ' || name || ': ' || sql FROM sqlite_master
         WHERE type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY name";
    let empty = Store::open(&dir.path().join("empty.db"), "trainer").expect("open");
    let path = dir.path().join("demo.db");
    demo::write_file(&path, "trainer", spec(50), |_| {}).expect("demo");
    let store = Store::open(&path, "reader").expect("open");
    let expected = rows(&empty, schema);
    assert!(
        expected.iter().any(|r| r.starts_with("index ")),
        "{expected:?}"
    );
    assert!(
        expected
            .iter()
            .any(|r| r.starts_with("trigger change_log_")),
        "{expected:?}"
    );
    assert_eq!(rows(&store, schema), expected);
    assert_eq!(store.journal_mode().expect("mode"), "wal");
    assert!(store.integrity_problems().expect("check").is_empty());
}

// Reviews on a demo register are mostly on time; the few overdue are late by days or weeks, not
// years, as on a register that is kept.
#[test]
fn demo_reviews_are_mostly_on_time() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::open(&dir.path().join("r.db"), "trainer").expect("open");
    demo::generate(&mut store, spec(2_000), |_| {}).expect("demo");
    let count = |sql: &str| -> i64 { store.conn().query_row(sql, [], |r| r.get(0)).expect(sql) };
    let scheduled = count("SELECT count(*) FROM person WHERE next_review_due IS NOT NULL");
    let overdue = count("SELECT count(*) FROM person WHERE next_review_due < '2026-11-24'");
    let years = count("SELECT count(*) FROM person WHERE next_review_due < '2026-08-24'");
    assert!(overdue > 0, "a few overdue reviews to triage");
    assert!(overdue * 5 < scheduled, "{overdue} of {scheduled} overdue");
    assert_eq!(years, 0, "nobody overdue by more than a few months");
    let old_open = count(
        "SELECT count(*) FROM action WHERE status NOT IN ('done', 'cancelled') AND due < '2026-08-24'",
    );
    assert_eq!(old_open, 0, "actions are not left open for years");
    // Everyone on the register has been, or is due to be, discussed at the DSR meeting on time.
    let on_register = count("SELECT count(*) FROM person WHERE removed_on IS NULL");
    let discussion_overdue = count(
        "SELECT count(*) FROM person WHERE removed_on IS NULL AND register_review_due < '2026-11-24'",
    );
    let discussion_years = count(
        "SELECT count(*) FROM person WHERE removed_on IS NULL AND register_review_due < '2026-08-24'",
    );
    assert!(discussion_overdue > 0, "a few discussions overdue to show");
    assert!(
        discussion_overdue * 8 < on_register,
        "{discussion_overdue} of {on_register} overdue for discussion"
    );
    assert_eq!(discussion_years, 0, "nobody left undiscussed for months");
    assert!(count("SELECT count(*) FROM register_review") * 2 > on_register);
}

// `dsr demo` builds beside the target and moves the finished file into place: the old register
// and its journal are replaced whole, and no half-built file is left behind.
#[test]
fn demo_file_replaces_the_target_whole() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("demo.db");
    demo::write_file(&path, "trainer", spec(50), |_| {}).expect("first");
    demo::write_file(
        &path,
        "trainer",
        DemoSpec {
            seed: 8,
            ..spec(80)
        },
        |_| {},
    )
    .expect("second");
    let store = Store::open(&path, "reader").expect("open");
    assert_eq!(store.count("person").expect("count"), 80);
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("building"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

// Whoever generates a demo has never opened one of its reviews: launching on it must not greet
// them with "carry on where you were?" over a draft the generator wrote. The demo's reviews are
// started by their fictional chairs.
#[test]
fn a_fresh_demo_offers_its_generator_no_draft_to_resume() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::open(&dir.path().join("r.db"), "trainer").expect("open");
    demo::generate(&mut store, spec(300), |_| {}).expect("demo");
    let drafts = rows(
        &store,
        "SELECT CAST(id AS TEXT) FROM review WHERE status = 'draft'",
    );
    assert!(!drafts.is_empty(), "the demo has drafts to practise on");
    let offer = dsr::store::reviews::draft_to_resume(store.conn(), "trainer", None).expect("read");
    assert!(
        offer.is_none(),
        "offered {:?}",
        offer.map(|d| d.person_name)
    );
    let starters = rows(
        &store,
        "SELECT DISTINCT created_by FROM review ORDER BY created_by",
    );
    assert_eq!(starters, ["Gareth Price", "Sunita Rao"], "the chairs");
}
