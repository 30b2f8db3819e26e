//! Store tests on real SQLite files: opening safely, migrations, audit, optimistic concurrency,
//! and the failures staff will meet (busy register, full disk, killed process).

mod support;

use chrono::NaiveDate;
use dsr::domain::person::{PersonDetails, Setting};
use dsr::domain::rating::Rating;
use dsr::store::{Store, StoreError, migrations, people};
use std::path::Path;
use std::time::Duration;
use support::people::nhs_number;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

fn details(nhs: &str, given: &str) -> PersonDetails {
    PersonDetails {
        nhs_number: nhs_number(nhs),
        given_name: given.into(),
        family_name: "Example".into(),
        ehcp: true,
        setting: Some(Setting::FamilyHome),
        keyworker: Some("Jo Hartley".into()),
        ..support::people::details(NaiveDate::from_ymd_opt(2011, 3, 9).expect("date"))
    }
}

fn add(store: &mut Store, nhs: &str, given: &str) -> i64 {
    store
        .write(|w| {
            people::add_person(
                w,
                &details(nhs, given),
                Rating::Amber,
                "referral accepted",
                today(),
            )
        })
        .expect("add person")
}

fn audit_rows(
    store: &Store,
    entity: &str,
    id: i64,
) -> Vec<(String, String, Option<String>, Option<String>)> {
    let mut stmt = store
        .conn()
        .prepare("SELECT by_user, field, old, new FROM audit WHERE entity = ?1 AND entity_id = ?2 ORDER BY id")
        .expect("prepare");
    stmt.query_map(rusqlite::params![entity, id], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })
    .expect("query")
    .collect::<Result<_, _>>()
    .expect("rows")
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

// Rule: the file is created owner-only, in WAL mode, with foreign keys on.
#[test]
#[cfg(unix)]
fn new_register_is_owner_only_wal_with_foreign_keys() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sub").join("register.db");
    let mut store = Store::open(&path, "tester").expect("open");
    assert_eq!(mode(&path), 0o600);
    assert_eq!(
        mode(&dir.path().join("sub")),
        0o700,
        "a folder dsr creates is private"
    );
    assert_eq!(store.journal_mode().expect("mode"), "wal");
    let fk: i64 = store
        .conn()
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .expect("pragma");
    assert_eq!(fk, 1);
    add(&mut store, "9990000018", "Ada");
    // The -wal file SQLite creates takes the database file's mode.
    let wal = dir.path().join("sub").join("register.db-wal");
    assert!(wal.exists());
    assert_eq!(mode(&wal), 0o600);
    // A register someone left world-readable is tightened when opened.
    drop(store);
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o644))
        .expect("chmod");
    Store::open(&path, "tester").expect("reopen");
    assert_eq!(mode(&path), 0o600);
}

// Rule: migrations are versioned in user_version and run from an empty (zero-byte) file.
#[test]
fn migrates_an_empty_file_and_reopens_with_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("register.db");
    std::fs::write(&path, b"").expect("empty file");
    let mut store = Store::open(&path, "tester").expect("open empty file");
    assert_eq!(
        store.schema_version().expect("version"),
        migrations::SCHEMA_VERSION
    );
    let criteria = people::criteria_lookup(store.conn()).expect("criteria");
    assert!(criteria.len() >= 7, "national criteria seeded");
    let sources: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM policy_interval WHERE source <> ''",
            [],
            |r| r.get(0),
        )
        .expect("intervals");
    assert!(sources >= 5, "every policy interval carries its source");
    let id = add(&mut store, "9990000026", "Bea");
    drop(store);
    let store = Store::open(&path, "tester").expect("reopen after close");
    let p = people::person(store.conn(), id).expect("person survives reopen");
    assert_eq!(p.details.given_name, "Bea");
    assert_eq!(p.rating, Rating::Amber);
    assert!(store.integrity_problems().expect("check").is_empty());
}

// Rule: a register written by a newer dsr is refused with a message, not damaged.
#[test]
fn refuses_a_newer_schema() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("register.db");
    drop(Store::open(&path, "tester").expect("create"));
    let conn = rusqlite::Connection::open(&path).expect("raw open");
    conn.pragma_update(None, "user_version", migrations::SCHEMA_VERSION + 5)
        .expect("bump");
    drop(conn);
    let err = Store::open(&path, "tester").err().expect("refused");
    assert!(matches!(err, StoreError::TooNew { .. }), "{err}");
    assert!(err.to_string().contains("update dsr"), "{err}");
}

// Rule: every change is written to the audit trail with who and when, in the same transaction.
#[test]
fn writes_audit_rows_with_user_and_old_new_values() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("r.db"), "sam.jones").expect("open");
    let id = add(&mut store, "9990000018", "Ada");
    let created = audit_rows(&store, "person", id);
    assert!(created.iter().all(|(who, ..)| who == "sam.jones"));
    assert!(created.iter().any(|(_, f, old, new)| f == "nhs_number"
        && old.is_none()
        && new.as_deref() == Some("9990000018")));
    let version = people::person(store.conn(), id).expect("person").version;
    store
        .write(|w| {
            people::rerate(
                w,
                id,
                version,
                Rating::Red,
                "placement breaking down",
                today(),
                None,
            )
        })
        .expect("rerate");
    let rows = audit_rows(&store, "person", id);
    assert!(
        rows.iter().any(|(_, f, old, new)| f == "rating"
            && old.as_deref() == Some("AMBER")
            && new.as_deref() == Some("RED")),
        "{rows:?}"
    );
    let history = people::rating_history(store.conn(), id).expect("history");
    assert_eq!(history.len(), 2);
    assert_eq!(history[1].reason, "placement breaking down");
    assert_eq!(history[1].by_user, "sam.jones");
    // The trail itself cannot be edited.
    let tamper = store
        .conn()
        .execute("UPDATE audit SET by_user = 'someone'", []);
    assert!(tamper.is_err(), "audit must be append-only");
}

// Rule: optimistic concurrency — a write based on an old version is refused and names the record.
#[test]
fn stale_write_is_refused_and_names_the_record() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("r.db");
    let mut alice = Store::open(&path, "alice").expect("open");
    let mut bob = Store::open(&path, "bob").expect("open");
    let id = add(&mut alice, "9990000018", "Ada");
    let seen_by_bob = people::person(bob.conn(), id).expect("read");
    let seen_by_alice = people::person(alice.conn(), id).expect("read");
    let mut edited = seen_by_alice.details.clone();
    edited.keyworker = Some("Nadia Karim".into());
    alice
        .write(|w| people::update_person(w, id, seen_by_alice.version, &edited, today()))
        .expect("alice saves");
    let mut bobs = seen_by_bob.details.clone();
    bobs.keyworker = Some("Mark Ellis".into());
    let err = bob
        .write(|w| people::update_person(w, id, seen_by_bob.version, &bobs, today()))
        .expect_err("stale");
    assert!(matches!(err, StoreError::Stale { .. }), "{err}");
    assert!(
        err.to_string().contains("Example, Ada"),
        "message names the record: {err}"
    );
    let now = people::person(bob.conn(), id).expect("read");
    assert_eq!(
        now.details.keyworker.as_deref(),
        Some("Nadia Karim"),
        "alice's change kept"
    );
}

// Rule: a duplicate NHS number is refused with the existing record's name, and nothing is written.
#[test]
fn duplicate_nhs_number_names_the_existing_record_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("r.db"), "t").expect("open");
    add(&mut store, "9990000018", "Ada");
    let audits_before = store.count("audit").expect("count");
    let err = store
        .write(|w| {
            people::add_person(
                w,
                &details("999 000 0018", "Other"),
                Rating::Green,
                "referral",
                today(),
            )
        })
        .expect_err("duplicate");
    assert!(err.to_string().contains("Example, Ada"), "{err}");
    assert_eq!(store.count("person").expect("count"), 1);
    assert_eq!(
        store.count("audit").expect("count"),
        audits_before,
        "no audit rows from a failed write"
    );
}

// Rule: a locked register gives a message that says what to do, and the register is untouched.
#[test]
fn busy_register_reports_locked_and_keeps_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("r.db");
    let mut store = Store::open(&path, "t").expect("open");
    add(&mut store, "9990000018", "Ada");
    let holder = rusqlite::Connection::open(&path).expect("second connection");
    holder
        .execute_batch("BEGIN IMMEDIATE")
        .expect("hold the write lock");
    store
        .set_busy_timeout(Duration::from_millis(100))
        .expect("timeout");
    let err = store
        .write(|w| {
            people::add_person(
                w,
                &details("9990000026", "Bea"),
                Rating::Green,
                "r",
                today(),
            )
        })
        .expect_err("busy");
    assert!(matches!(err, StoreError::Locked), "{err}");
    assert!(err.to_string().contains("try again"), "{err}");
    holder.execute_batch("ROLLBACK").expect("release");
    assert_eq!(store.count("person").expect("count"), 1);
    add(&mut store, "9990000026", "Bea");
    assert_eq!(
        store.count("person").expect("count"),
        2,
        "works again once the lock is released"
    );
}

// Rule: a full disk is reported as such, and the transaction leaves the register as it was.
// SQLite's max_page_count makes the file "full" without filling a real disk.
#[test]
fn full_disk_reports_and_rolls_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("r.db");
    let mut store = Store::open(&path, "t").expect("open");
    add(&mut store, "9990000018", "Ada");
    store
        .conn()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .expect("checkpoint");
    let pages: i64 = store
        .conn()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .expect("pages");
    let _: i64 = store
        .conn()
        .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |r| {
            r.get(0)
        })
        .expect("cap");
    let mut big = details("9990000026", "Bea");
    big.notes = Some("x".repeat(64 * 1024));
    let err = store
        .write(|w| people::add_person(w, &big, Rating::Green, "referral", today()))
        .expect_err("full");
    assert!(matches!(err, StoreError::DiskFull), "{err}");
    assert!(err.to_string().contains("nothing was saved"), "{err}");
    assert_eq!(store.count("person").expect("count"), 1);
    assert!(store.integrity_problems().expect("check").is_empty());
}

// Rule: BLUE follows admissions only; a reason is required to re-rate.
#[test]
fn rerate_rules() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("r.db"), "t").expect("open");
    let id = add(&mut store, "9990000018", "Ada");
    let v = people::person(store.conn(), id).expect("p").version;
    let err = store
        .write(|w| people::rerate(w, id, v, Rating::Red, "  ", today(), None))
        .expect_err("no reason");
    assert!(err.to_string().contains("reason"), "{err}");
    let err = store
        .write(|w| people::rerate(w, id, v, Rating::Blue, "in hospital", today(), None))
        .expect_err("blue");
    assert!(err.to_string().contains("admission"), "{err}");
}
