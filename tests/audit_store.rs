//! The audit trail on real SQLite files: editing bursts (one row per field holding before and
//! after), the OS account beside the audit name, access rows, and the hash chain that `dsr check`
//! verifies (tampering with sqlite directly is named by row).

mod support;

use chrono::NaiveDate;
use dsr::domain::review::{ReviewKind, ReviewType};
use dsr::store::audit::{self, ChainProblem};
use dsr::store::reviews::{self, ReviewText};
use dsr::store::{Store, people};
use rusqlite::Connection;
use std::path::Path;
use std::process::Command;
use support::cli::{TODAY, bin};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

fn demo(path: &Path) -> Store {
    let mut store = Store::open(path, "tester").expect("open");
    dsr::demo::generate(
        &mut store,
        dsr::demo::DemoSpec {
            people: 20,
            seed: 7,
            today: today(),
        },
        |_| {},
    )
    .expect("demo");
    // The demo is one audit entry: add everyday changes, one row each, for the chain to cover.
    for person in 1..=10 {
        store
            .write(|w| w.audit("person", person, "notes", None, Some("checked")))
            .expect("change");
    }
    store
}

fn draft(store: &mut Store) -> i64 {
    let pid: i64 = store
        .conn()
        .query_row(
            "SELECT id FROM person WHERE rating = 'GREEN' ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("a GREEN person");
    store
        .write(|w| {
            reviews::create(
                w,
                pid,
                ReviewKind::Ctr,
                ReviewType::Community,
                today(),
                None,
                false,
            )
        })
        .expect("start a review")
}

/// Type `text` into question `q`'s findings one character at a time, as the wizard saves it.
fn type_findings(store: &mut Store, id: i64, q: u8, start: &str, text: &str) {
    let mut typed = start.to_string();
    for c in text.chars() {
        typed.push(c);
        store
            .write(|w| reviews::set_findings(w, id, q, &typed))
            .expect("keystroke");
    }
}

type Row = (String, Option<String>, Option<String>);

fn rows(store: &Store, id: i64, field: &str) -> Vec<Row> {
    let mut stmt = store
        .conn()
        .prepare(
            "SELECT field, old, new FROM audit
             WHERE entity = 'review' AND entity_id = ?1 AND field = ?2 ORDER BY id",
        )
        .expect("prepare");
    stmt.query_map(rusqlite::params![id, field], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })
    .expect("query")
    .collect::<Result<_, _>>()
    .expect("rows")
}

fn row(field: &str, old: Option<&str>, new: Option<&str>) -> Row {
    (field.into(), old.map(Into::into), new.map(Into::into))
}

fn age_bursts(path: &Path, secs: i64) {
    let then = (chrono::Utc::now() - chrono::Duration::seconds(secs))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    Connection::open(path)
        .and_then(|c| c.execute("UPDATE audit_burst SET last_at = ?1", [then]))
        .expect("time passes");
}

#[test]
fn a_burst_of_typing_is_one_row_holding_the_whole_change() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = demo(&dir.path().join("r.db"));
    let id = draft(&mut store);
    let before = store.count("audit").expect("count");
    type_findings(&mut store, id, 1, "", "Safe at home, no restraint.");
    assert_eq!(
        store.count("audit").expect("count"),
        before,
        "nothing reaches the trail while the field is being typed in"
    );
    store.end_editing().expect("leave the field");
    assert_eq!(
        rows(&store, id, "q1.findings"),
        vec![row(
            "q1.findings",
            None,
            Some("Safe at home, no restraint.")
        )]
    );
    assert_eq!(store.count("audit").expect("count"), before + 1);
    // Coming back later is a second burst, holding the text it started from.
    type_findings(
        &mut store,
        id,
        1,
        "Safe at home, no restraint.",
        " Mum agrees.",
    );
    store.end_editing().expect("leave the field");
    assert_eq!(
        rows(&store, id, "q1.findings")[1],
        row(
            "q1.findings",
            Some("Safe at home, no restraint."),
            Some("Safe at home, no restraint. Mum agrees.")
        )
    );
}

#[test]
fn moving_to_another_field_or_change_ends_the_burst() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = demo(&dir.path().join("r.db"));
    let id = draft(&mut store);
    type_findings(&mut store, id, 1, "", "Quiet week.");
    type_findings(&mut store, id, 2, "", "Plan followed.");
    assert_eq!(
        rows(&store, id, "q1.findings"),
        vec![row("q1.findings", None, Some("Quiet week."))],
        "typing in question 2 ended the burst in question 1"
    );
    store
        .write(|w| reviews::set_text(w, id, ReviewText::Place, "Leeds"))
        .expect("place");
    store
        .write(|w| reviews::set_type(w, id, ReviewType::OnRequest))
        .expect("type");
    let fields: Vec<String> = store
        .conn()
        .prepare("SELECT field FROM audit WHERE entity = 'review' AND entity_id = ?1 ORDER BY id")
        .and_then(|mut s| {
            s.query_map([id], |r| r.get(0))?
                .collect::<Result<Vec<String>, _>>()
        })
        .expect("fields");
    assert_eq!(
        fields,
        ["created", "q1.findings", "q2.findings", "place", "type"],
        "the trail reads in the order things happened"
    );
}

#[test]
fn a_pause_of_a_minute_starts_a_new_row() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("r.db");
    let mut store = demo(&path);
    let id = draft(&mut store);
    type_findings(&mut store, id, 3, "", "Moving home in May.");
    age_bursts(&path, audit::BURST_IDLE_SECS + 1);
    type_findings(&mut store, id, 3, "Moving home in May.", " Viewing booked.");
    store.end_editing().expect("leave the field");
    assert_eq!(
        rows(&store, id, "q3.findings"),
        vec![
            row("q3.findings", None, Some("Moving home in May.")),
            row(
                "q3.findings",
                Some("Moving home in May."),
                Some("Moving home in May. Viewing booked.")
            ),
        ]
    );
}

#[test]
fn typed_and_deleted_again_leaves_no_row() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = demo(&dir.path().join("r.db"));
    let id = draft(&mut store);
    type_findings(&mut store, id, 4, "", "x");
    store
        .write(|w| reviews::set_findings(w, id, 4, ""))
        .expect("delete it");
    store.end_editing().expect("leave the field");
    assert!(rows(&store, id, "q4.findings").is_empty());
}

#[test]
fn two_typists_in_one_draft_keep_their_own_bursts() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("r.db");
    let mut jo = demo(&path);
    let id = draft(&mut jo);
    let mut sam = Store::open(&path, "sam").expect("second user");
    type_findings(&mut jo, id, 1, "", "ab");
    type_findings(&mut sam, id, 2, "", "cd");
    type_findings(&mut jo, id, 1, "ab", "e");
    jo.end_editing().expect("jo leaves");
    sam.end_editing().expect("sam leaves");
    assert_eq!(
        rows(&jo, id, "q1.findings"),
        vec![row("q1.findings", None, Some("abe"))]
    );
    assert_eq!(
        rows(&jo, id, "q2.findings"),
        vec![row("q2.findings", None, Some("cd"))]
    );
}

#[test]
fn rows_record_the_os_account_beside_the_audit_name() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("r.db");
    let mut store = Store::open(&path, "Someone Else").expect("open");
    store
        .write(|w| w.audit("person", 1, "notes", None, Some("x")))
        .expect("write");
    let (by, os): (String, String) = store
        .conn()
        .query_row("SELECT by_user, os_user FROM audit", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("row");
    assert_eq!(by, "Someone Else");
    assert_eq!(os, dsr::clock::os_user());
    assert_eq!(store.os_user(), os);
}

#[test]
fn opening_a_record_writes_an_access_row() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = demo(&dir.path().join("r.db"));
    let pid = people::all_people(store.conn()).expect("people")[0].id;
    store.record_access("person", pid, "card").expect("access");
    let (kind, field, by): (String, String, String) = store
        .conn()
        .query_row(
            "SELECT kind, field, by_user FROM audit WHERE entity = 'person' AND entity_id = ?1
             ORDER BY id DESC LIMIT 1",
            [pid],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("access row");
    assert_eq!(
        (kind.as_str(), field.as_str(), by.as_str()),
        ("access", "card", "tester")
    );
}

fn verify(path: &Path) -> Vec<ChainProblem> {
    let conn = Connection::open(path).expect("open");
    audit::verify(&conn).expect("verify").0
}

/// Open the file as someone with sqlite3 would, lifting the protection first.
fn tamper(path: &Path, sql: &str) {
    let conn = Connection::open(path).expect("open");
    conn.execute_batch(&format!(
        "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete; DROP TRIGGER audit_sealed; {sql}"
    ))
    .expect("tamper");
}

fn broken_at(problems: &[ChainProblem]) -> Option<i64> {
    problems.iter().find_map(|p| match p {
        ChainProblem::Broken { id, .. } => Some(*id),
        ChainProblem::MissingTrigger(_) => None,
    })
}

#[test]
fn the_chain_is_whole_after_ordinary_use() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("r.db");
    let mut store = demo(&path);
    let id = draft(&mut store);
    type_findings(&mut store, id, 1, "", "Fine.");
    store.end_editing().expect("leave");
    drop(store);
    assert_eq!(verify(&path), vec![]);
}

#[test]
fn the_trail_refuses_edits_and_unsealed_rows() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("r.db");
    drop(demo(&path));
    let conn = Connection::open(&path).expect("open");
    for sql in [
        "UPDATE audit SET new = 'x' WHERE id = 1",
        "DELETE FROM audit WHERE id = 1",
        "INSERT INTO audit (at, by_user, entity, entity_id, field) VALUES ('2026-01-01T00:00:00Z', 'x', 'person', 1, 'f')",
    ] {
        assert!(conn.execute(sql, []).is_err(), "{sql} was allowed");
    }
}

#[test]
fn rewriting_a_row_is_named() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("r.db");
    drop(demo(&path));
    tamper(&path, "UPDATE audit SET by_user = 'nobody' WHERE id = 5;");
    let problems = verify(&path);
    assert_eq!(broken_at(&problems), Some(5));
    assert!(
        problems
            .iter()
            .any(|p| p.to_string().contains("audit_no_update is missing")),
        "{problems:?}"
    );
}

#[test]
fn deleting_a_row_is_named() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("r.db");
    drop(demo(&path));
    tamper(&path, "DELETE FROM audit WHERE id = 7;");
    let problems = verify(&path);
    assert_eq!(broken_at(&problems), Some(8));
    assert!(
        problems
            .iter()
            .any(|p| p.to_string().contains("row 7 is missing"))
    );
}

#[test]
fn a_forged_row_is_named() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("r.db");
    drop(demo(&path));
    let last: i64 = Connection::open(&path)
        .and_then(|c| c.query_row("SELECT max(id) FROM audit", [], |r| r.get(0)))
        .expect("last id");
    tamper(
        &path,
        &format!(
            "INSERT INTO audit (id, at, by_user, os_user, kind, entity, entity_id, field, old, new, hash)
             VALUES ({}, '2026-11-24T09:00:00Z', 'tester', 'tester', 'change', 'person', 1, 'rating', 'RED', 'GREEN',
                     '{}');",
            last + 1,
            "0".repeat(64)
        ),
    );
    assert_eq!(broken_at(&verify(&path)), Some(last + 1));
}

#[test]
fn two_processes_appending_keep_one_chain() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("r.db");
    drop(demo(&path));
    let workers: Vec<_> = ["a", "b"]
        .into_iter()
        .map(|who| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&path, who).expect("open");
                for i in 0..100 {
                    store
                        .write(|w| w.audit("person", 1, "notes", None, Some(&format!("{who}{i}"))))
                        .expect("append");
                }
            })
        })
        .collect();
    for w in workers {
        w.join().expect("worker");
    }
    assert_eq!(verify(&path), vec![]);
}

#[test]
fn dsr_check_fails_naming_the_first_broken_row() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("r.db");
    drop(demo(&path));
    let check = || {
        Command::new(bin())
            .args(["check", "--db"])
            .arg(&path)
            .env("DSR_TODAY", TODAY)
            .output()
            .expect("run dsr check")
    };
    let ok = check();
    assert!(ok.status.success());
    assert!(String::from_utf8_lossy(&ok.stdout).contains("audit chain:    whole"));
    tamper(&path, "UPDATE audit SET new = 'GREEN' WHERE id = 3;");
    let out = check();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        !out.status.success(),
        "check passed after tampering:\n{text}"
    );
    assert!(text.contains("the audit chain breaks at row 3"), "{text}");
    assert!(text.contains("audit_no_delete is missing"), "{text}");
}

#[test]
fn dsr_audit_lists_a_persons_timeline_newest_first() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("r.db");
    let mut store = demo(&path);
    let id = draft(&mut store);
    let pid = reviews::get(store.conn(), id).expect("review").person_id;
    let nhs: String = store
        .conn()
        .query_row("SELECT nhs_number FROM person WHERE id = ?1", [pid], |r| {
            r.get(0)
        })
        .expect("nhs");
    store
        .record_access("person", pid, "card")
        .expect("open card");
    type_findings(&mut store, id, 1, "", "Settled.");
    store.end_editing().expect("leave");
    drop(store);
    let out = Command::new(bin())
        .args(["audit", "--person", &nhs, "--format", "json", "--db"])
        .arg(&path)
        .env("DSR_TODAY", TODAY)
        .output()
        .expect("run dsr audit");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("json");
    assert!(rows.iter().all(|r| r["person_id"] == pid), "{rows:?}");
    let fields: Vec<&str> = rows.iter().filter_map(|r| r["field"].as_str()).collect();
    let findings = fields
        .iter()
        .position(|f| *f == "q1.findings")
        .expect("typed");
    let card = fields.iter().position(|f| *f == "card").expect("opened");
    assert!(findings < card, "newest first: {fields:?}");
    assert!(rows[findings]["os_user"].is_string());
    // Reading the trail was itself recorded, and a person who is not there is a clear error.
    let conn = Connection::open(&path).expect("open");
    let read: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit WHERE kind = 'access' AND field = 'audit trail' AND entity_id = ?1",
            [pid],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(read, 1);
    let missing = Command::new(bin())
        .args(["audit", "--person", "9990000000", "--db"])
        .arg(&path)
        .output()
        .expect("run dsr audit");
    assert!(!missing.status.success());
}
