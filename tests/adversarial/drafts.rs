//! Two staff in one review draft, on two connections to one register file: starting a review at
//! once gives both the same draft, and a field one of them is typing in is theirs until they move
//! on or their session goes quiet; the other is told who has it, and nothing is overwritten.

use crate::support::cli::demo_db;
use dsr::domain::review::{ReviewKind, ReviewType};
use dsr::store::reviews::{self, ReviewText};
use dsr::store::{Store, StoreError};
use std::path::Path;

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

fn person_without_draft(store: &Store) -> i64 {
    store
        .conn()
        .query_row(
            "SELECT min(id) FROM person WHERE id NOT IN (SELECT person_id FROM review WHERE status = 'draft')",
            [],
            |r| r.get(0),
        )
        .expect("a person")
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
        .expect("start")
}

fn two(db: &Path) -> (Store, Store) {
    (
        Store::open(db, "alice").expect("alice"),
        Store::open(db, "bob").expect("bob"),
    )
}

#[test]
fn two_staff_pressing_r_at_once_get_the_same_draft() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo_db(dir.path(), 8);
    let (mut alice, mut bob) = two(&db);
    let person = person_without_draft(&alice);
    // Both looked, and both saw no draft.
    assert_eq!(
        reviews::draft_of_person(alice.conn(), person).expect("read"),
        None
    );
    assert_eq!(
        reviews::draft_of_person(bob.conn(), person).expect("read"),
        None
    );
    let a = start(&mut alice, person);
    let b = start(&mut bob, person);
    assert_eq!(a, b, "the second joins the first's draft");
    let drafts: i64 = alice
        .conn()
        .query_row(
            "SELECT count(*) FROM review WHERE person_id = ?1 AND status = 'draft'",
            [person],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(drafts, 1);
    // The register itself refuses a second draft, whatever writes it.
    let second = alice.conn().execute(
        "INSERT INTO review (person_id, kind, type, held_on, virtual, created_at, created_by)
         VALUES (?1, 'ctr', 'community', '2026-11-24', 0, '2026-11-24T10:00:00Z', 'x')",
        [person],
    );
    assert!(second.is_err(), "unique index: one draft per person");
}

#[test]
fn a_field_being_typed_in_is_held_for_its_typist_and_named_to_the_other() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo_db(dir.path(), 8);
    let (mut alice, mut bob) = two(&db);
    let person = person_without_draft(&alice);
    let id = start(&mut alice, person);
    let field = "RatingReason";
    let typed = alice.write(|w| {
        reviews::hold_field(w, id, field, "the reason")?;
        reviews::set_text(w, id, ReviewText::RatingReason, "settled at home")
    });
    typed.expect("alice types");
    let holder = reviews::field_holder(bob.conn(), id, field, bob.user())
        .expect("read")
        .expect("bob sees who has it");
    assert_eq!(holder.who, "alice");
    let refused = bob
        .write(|w| {
            reviews::hold_field(w, id, field, "the reason")?;
            reviews::set_text(w, id, ReviewText::RatingReason, "bob's words")
        })
        .expect_err("bob's keystroke must not overwrite alice's");
    assert!(matches!(refused, StoreError::Held { .. }), "{refused}");
    let message = refused.to_string();
    assert!(message.contains("being edited by alice since"), "{message}");
    let kept = reviews::get(alice.conn(), id)
        .expect("review")
        .rating_reason;
    assert_eq!(
        kept.as_deref(),
        Some("settled at home"),
        "nothing overwritten"
    );
    // Alice moves on: the field is free for Bob.
    alice
        .write(|w| reviews::release_fields(w))
        .expect("release");
    assert_eq!(
        reviews::field_holder(bob.conn(), id, field, bob.user()).expect("read"),
        None
    );
    bob.write(|w| {
        reviews::hold_field(w, id, field, "the reason")?;
        reviews::set_text(
            w,
            id,
            ReviewText::RatingReason,
            "settled at home, with support",
        )
    })
    .expect("bob types now");
}

#[test]
fn a_lease_lapses_when_its_session_goes_quiet() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo_db(dir.path(), 8);
    let (mut alice, mut bob) = two(&db);
    let person = person_without_draft(&alice);
    let id = start(&mut alice, person);
    alice
        .write(|w| reviews::hold_field(w, id, "Place", "the place"))
        .expect("alice takes the field");
    assert!(reviews::holds_leases(alice.conn(), alice.session()).expect("read"));
    // Alice's SSH session dropped: no heartbeat since long before the lapse time.
    alice
        .conn()
        .execute(
            "UPDATE field_lease SET heartbeat = '2026-01-01T00:00:00Z'",
            [],
        )
        .expect("age the heartbeat");
    assert_eq!(
        reviews::field_holder(bob.conn(), id, "Place", bob.user()).expect("read"),
        None,
        "a lapsed lease holds nothing"
    );
    bob.write(|w| reviews::hold_field(w, id, "Place", "the place"))
        .expect("bob takes it over");
    let back = alice
        .write(|w| reviews::hold_field(w, id, "Place", "the place"))
        .expect_err("alice's old lease does not come back over bob's");
    assert!(back.to_string().contains("bob"), "{back}");
}

/// The same person back after a dropped session (their old process still holds the lease, or
/// died holding it) gets their field at once: they cannot be typing in two places.
#[test]
fn the_same_person_reconnecting_gets_their_field_back_at_once() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo_db(dir.path(), 8);
    let mut first = Store::open(&db, "alice").expect("first session");
    let person = person_without_draft(&first);
    let id = start(&mut first, person);
    first
        .write(|w| reviews::hold_field(w, id, "Place", "the place"))
        .expect("alice types");
    let mut again = Store::open(&db, "alice").expect("reconnected");
    again
        .write(|w| reviews::hold_field(w, id, "Place", "the place"))
        .expect("her field, at once");
    let mut bob = Store::open(&db, "bob").expect("bob");
    let refused = bob
        .write(|w| reviews::hold_field(w, id, "Place", "the place"))
        .expect_err("still hers for anyone else");
    assert!(refused.to_string().contains("alice"), "{refused}");
}

/// Two `dsr` processes on one register, as two staff over SSH: both start the review of the same
/// person and land in one draft; the field Alice is typing in is shown to Bob as hers and he
/// cannot type over it; when she moves on, he can.
#[cfg(target_os = "linux")]
#[test]
fn two_dsr_processes_in_one_draft_never_overwrite_each_other() {
    use crate::support::cli::{TODAY, bin};
    use crate::support::pty::{Key, Tui};
    let wait = std::time::Duration::from_secs(20);
    let dir = tempfile::tempdir().expect("dir");
    let db = demo_db(dir.path(), 8);
    let spawn = |user: &str| {
        let tui = Tui::spawn(
            &bin(),
            &["--db", db.to_str().expect("utf-8"), "--user", user],
            &[("DSR_TODAY", TODAY), ("NO_COLOR", "1")],
            100,
            30,
        );
        tui.wait_for("Register", wait).expect("register shown");
        tui
    };
    let mut alice = spawn("alice");
    let mut bob = spawn("bob");
    alice.keys("R");
    alice
        .wait_for("Start a new C(E)TR draft", wait)
        .expect("asks");
    alice.keys("y");
    alice.wait_for("Step 1/11", wait).expect("wizard opens");
    for _ in 0..3 {
        alice.key(Key::Tab);
    }
    alice.keys("Town hall");
    alice.wait_for("Town hall", wait).expect("typed");

    bob.keys("R");
    bob.wait_for("Step 1/11", wait)
        .expect("bob joins the same draft");
    bob.wait_for("Being edited by alice since", wait)
        .expect("bob is told who is typing there");
    bob.keys("Bob was here");
    alice.keys(", room 2");
    alice
        .wait_for("Town hall, room 2", wait)
        .expect("alice goes on");
    let place = |db: &Path| -> String {
        rusqlite::Connection::open(db)
            .expect("open")
            .query_row(
                "SELECT coalesce(place, '') FROM review WHERE status = 'draft'",
                [],
                |r| r.get(0),
            )
            .expect("one draft")
    };
    assert_eq!(place(&db), "Town hall, room 2", "nothing of alice's lost");

    // Alice moves on; Bob asks for the field again and gets it.
    alice.key(Key::Tab);
    std::thread::sleep(std::time::Duration::from_millis(200));
    bob.key(Key::Enter);
    bob.keys(" (main entrance)");
    bob.wait_for("(main entrance)", wait)
        .expect("bob types now");
    alice.kill_hard();
    bob.kill_hard();
    assert_eq!(place(&db), "Town hall, room 2 (main entrance)");
}
