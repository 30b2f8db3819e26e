//! Imports on a full disk and beside someone typing: every write, trial or real, is inside one
//! transaction; a failed trial leaves the register byte-for-byte as it was; a dry run never takes
//! the write lock.

use crate::support::cli::{TODAY, bin, demo_db};
use dsr::domain::nhs_number::NhsNumber;
use dsr::report::import::{ImportOptions, import_bytes};
use dsr::store::Store;
use std::path::Path;
use std::process::Command;

/// A spreadsheet of `n` new people, all valid, with NHS numbers from the test range.
fn new_people_csv(n: u32) -> String {
    let mut csv = String::from("NHS number,Surname,First name,DOB,RAG,Diagnosis,Criteria,Notes\n");
    let mut made = 0;
    let mut first_nine = 999_500_000;
    while made < n {
        first_nine += 1;
        if let Some(nhs) = NhsNumber::from_first_nine(first_nine) {
            made += 1;
            csv.push_str(&format!(
                "{},Family{made},Given{made},03/04/2012,amber,ld,yot,{}\n",
                nhs.digits(),
                "a long note to fill pages ".repeat(20)
            ));
        }
    }
    csv
}

fn people(db: &Path) -> i64 {
    rusqlite::Connection::open(db)
        .expect("open")
        .query_row("SELECT count(*) FROM person", [], |r| r.get(0))
        .expect("count")
}

/// Checkpoint so the main file holds everything, then read it.
fn settled_bytes(db: &Path) -> Vec<u8> {
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .expect("checkpoint");
    drop(conn);
    std::fs::read(db).expect("read")
}

/// Import on a register whose disk is "full" two pages from now.
fn import_on_full_disk(db: &Path, commit: bool) -> Result<bool, String> {
    let mut store = Store::open(db, "tester").expect("open");
    let pages: i64 = store
        .conn()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .expect("pages");
    store
        .conn()
        .pragma_update(None, "max_page_count", pages + 2)
        .expect("limit");
    let options = ImportOptions {
        commit,
        source_name: "full.csv".into(),
        ..ImportOptions::default()
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
    import_bytes(&mut store, new_people_csv(200).as_bytes(), &options, today)
        .map(|out| out.committed)
        .map_err(|e| e.to_string())
}

#[test]
fn a_dry_run_on_a_full_disk_changes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo_db(dir.path(), 10);
    let before = settled_bytes(&db);
    let result = import_on_full_disk(&db, false);
    assert!(
        matches!(&result, Err(e) if e.contains("disk is full")),
        "{result:?}"
    );
    assert_eq!(people(&db), 10);
    assert!(settled_bytes(&db) == before, "the register changed");
}

#[test]
fn a_commit_on_a_full_disk_changes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo_db(dir.path(), 10);
    let before = settled_bytes(&db);
    let result = import_on_full_disk(&db, true);
    assert!(
        matches!(&result, Err(e) if e.contains("disk is full")),
        "{result:?}"
    );
    assert_eq!(people(&db), 10);
    assert!(settled_bytes(&db) == before, "the register changed");
}

#[test]
fn a_dry_run_does_not_wait_for_a_writer() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo_db(dir.path(), 10);
    let file = dir.path().join("new.csv");
    std::fs::write(&file, new_people_csv(20)).expect("csv");
    // Someone is in the middle of a write (a typist's transaction, or a long import).
    let typist = rusqlite::Connection::open(&db).expect("open");
    typist.execute_batch("BEGIN IMMEDIATE").expect("lock");
    let out = Command::new(bin())
        .arg("import")
        .arg(&file)
        .arg("--db")
        .arg(&db)
        .env("DSR_TODAY", TODAY)
        .output()
        .expect("run");
    typist.execute_batch("ROLLBACK").expect("unlock");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("20 to add"), "{stdout}");
    assert_eq!(people(&db), 10);
}

/// Someone changes a person between the import reading the register and writing it: the import
/// stops with nothing changed and says, in command-line words, to run it again (not "Esc, then
/// reopen", which only means something in the app).
#[test]
fn an_import_that_meets_a_colleague_s_change_stops_and_says_run_it_again() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo_db(dir.path(), 8);
    let mut store = Store::open(&db, "tester").expect("open");
    let people: Vec<(i64, String)> = {
        let mut stmt = store
            .conn()
            .prepare("SELECT id, nhs_number FROM person WHERE nhs_number IS NOT NULL ORDER BY id LIMIT 2")
            .expect("prepare");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows")
    };
    let [(first, nhs1), (second, nhs2)] = people.as_slice() else {
        panic!("two people with NHS numbers")
    };
    // A colleague's edit of the second person lands while the first is being written.
    store
        .conn()
        .execute_batch(&format!(
            "CREATE TEMP TRIGGER colleague AFTER UPDATE ON main.person WHEN NEW.id = {first}
             BEGIN UPDATE main.person SET version = version + 1 WHERE id = {second}; END;"
        ))
        .expect("trigger");
    let csv = format!("NHS number,Preferred name\n{nhs1},Sam\n{nhs2},Jo\n");
    let before = settled_bytes(&db);
    let options = ImportOptions {
        commit: true,
        source_name: "update.csv".into(),
        ..ImportOptions::default()
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
    let err =
        import_bytes(&mut store, csv.as_bytes(), &options, today).expect_err("the import stops");
    let message = dsr::report::import::conflict_message(&err).expect("a conflict");
    assert!(
        message.contains("line 3") && message.contains("run the same dsr import again"),
        "{message}"
    );
    assert!(!message.contains("Esc"), "{message}");
    drop(store);
    assert_eq!(settled_bytes(&db), before, "nothing changed");
    assert_eq!(dsr::report::import::EXIT_CONFLICT, 4);
}
