//! Discarding a draft review on a real SQLite file: kept with who, when and why, audited, out of
//! every draft and due list, and the person can be given a new draft.

use chrono::{Days, NaiveDate};
use dsr::domain::review::{ReviewKind, ReviewStatus, ReviewType};
use dsr::store::reviews::{self, ReviewText};
use dsr::store::{Store, StoreError};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

fn demo(path: &std::path::Path, user: &str) -> Store {
    let mut store = Store::open(path, user).expect("open");
    dsr::demo::generate(
        &mut store,
        dsr::demo::DemoSpec {
            people: 60,
            seed: 7,
            today: today(),
        },
        |_| {},
    )
    .expect("demo");
    store
}

/// Someone due a review within four weeks, with no draft yet.
fn due_person(store: &Store) -> i64 {
    let horizon = today() + Days::new(28);
    reviews::due_people(store.conn(), horizon)
        .expect("due list")
        .first()
        .map(|d| d.person_id)
        .expect("someone is due")
}

fn start(store: &mut Store, person: i64) -> i64 {
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
        .expect("create")
}

fn is_due(store: &Store, person: i64) -> bool {
    reviews::due_people(store.conn(), today() + Days::new(28))
        .expect("due list")
        .iter()
        .any(|d| d.person_id == person)
}

/// The hazard: a draft started by mistake could not be removed, so the person stayed off the
/// due list (a draft hides them) and every new review resumed the mistaken one.
#[test]
fn discarded_draft_returns_the_person_to_the_due_list_and_allows_a_new_draft() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = demo(&dir.path().join("r.db"), "jo");
    let person = due_person(&store);
    let draft = start(&mut store, person);
    store
        .write(|w| reviews::set_text(w, draft, ReviewText::Place, "Room 4"))
        .expect("typed");
    assert!(
        !is_due(&store, person),
        "a draft takes the person off the due list"
    );

    store
        .write(|w| reviews::discard(w, draft, "  started for the wrong person "))
        .expect("discard");

    let kept = reviews::get(store.conn(), draft).expect("the draft is kept");
    assert_eq!(kept.status, ReviewStatus::Discarded);
    assert_eq!(
        kept.place.as_deref(),
        Some("Room 4"),
        "nothing typed is lost"
    );
    assert_eq!(
        kept.discard_reason.as_deref(),
        Some("started for the wrong person")
    );
    assert_eq!(kept.discarded_by.as_deref(), Some("jo"));
    assert!(kept.discarded_at.is_some());
    assert_eq!(
        reviews::draft_of_person(store.conn(), person).expect("draft"),
        None
    );
    assert!(is_due(&store, person), "back on the due list");

    let audited: Vec<(String, Option<String>)> = store
        .conn()
        .prepare(
            "SELECT field, new FROM audit WHERE entity = 'review' AND entity_id = ?1
             AND field IN ('status', 'discard_reason') ORDER BY id",
        )
        .expect("prepare")
        .query_map([draft], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(
        audited,
        vec![
            ("status".into(), Some("discarded".into())),
            (
                "discard_reason".into(),
                Some("started for the wrong person".into())
            ),
        ]
    );

    let again = start(&mut store, person);
    assert_ne!(again, draft, "a new draft, not the discarded one resumed");
    assert_eq!(
        reviews::draft_of_person(store.conn(), person).expect("draft"),
        Some(again)
    );
}

#[test]
fn a_discarded_draft_cannot_be_changed_discarded_twice_or_discarded_without_a_reason() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = demo(&dir.path().join("r.db"), "jo");
    let person = due_person(&store);
    let draft = start(&mut store, person);
    let no_reason = store.write(|w| reviews::discard(w, draft, "   "));
    assert!(
        matches!(&no_reason, Err(StoreError::Invalid(m)) if m.contains("say why")),
        "{no_reason:?}"
    );
    assert_eq!(
        reviews::get(store.conn(), draft).expect("get").status,
        ReviewStatus::Draft,
        "a refusal changes nothing"
    );
    store
        .write(|w| reviews::discard(w, draft, "duplicate"))
        .expect("discard");
    let typed = store.write(|w| reviews::set_text(w, draft, ReviewText::Place, "x"));
    assert!(
        matches!(&typed, Err(StoreError::Invalid(m)) if m.contains("was discarded")),
        "{typed:?}"
    );
    let twice = store.write(|w| reviews::discard(w, draft, "again"));
    assert!(twice.is_err(), "{twice:?}");
}

#[test]
fn a_draft_someone_else_is_typing_in_is_not_discarded_under_them() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("r.db");
    let mut jo = demo(&path, "jo");
    let person = due_person(&jo);
    let draft = start(&mut jo, person);
    let mut sam = Store::open(&path, "sam").expect("open as sam");
    sam.write(|w| reviews::claim_field(w, draft, "place"))
        .expect("sam types in the place");
    let refused = jo.write(|w| reviews::discard(w, draft, "wrong person"));
    assert!(
        matches!(&refused, Err(StoreError::Held { who, .. }) if who == "sam"),
        "{refused:?}"
    );
    sam.write(|w| reviews::release_fields(w))
        .expect("sam moves on");
    jo.write(|w| reviews::discard(w, draft, "wrong person"))
        .expect("discarded once nobody is typing");
}

/// `dsr export` and `dsr check` read a register holding a discarded draft.
#[test]
fn export_and_check_cope_with_a_discarded_draft() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = demo(&dir.path().join("r.db"), "jo");
    let person = due_person(&store);
    let draft = start(&mut store, person);
    store
        .write(|w| reviews::discard(w, draft, "wrong person"))
        .expect("discard");
    let export = dsr::report::export::build(&store, today()).expect("export");
    let mut out = Vec::new();
    dsr::report::export::write_json(&export, &mut out).expect("json");
    let json = String::from_utf8(out).expect("utf-8");
    assert!(
        json.contains("\"status\": \"discarded\""),
        "export names the status"
    );
    assert!(json.contains("\"discard_reason\": \"wrong person\""));
    let check: String = store
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity check");
    assert_eq!(check, "ok");
    assert_eq!(
        dsr::store::check::unreadable_dates(store.conn()).expect("check"),
        Vec::<String>::new()
    );
}
