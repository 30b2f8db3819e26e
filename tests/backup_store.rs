//! `dsr backup` on real files: a consistent, checked, owner-only copy taken while another user is
//! saving, and the refusals that keep a mistyped name from destroying anything.

mod support;

use chrono::NaiveDate;
use dsr::store::{Store, audit};
use rusqlite::Connection;
use std::path::Path;
use std::process::{Command, Output};
use support::cli::{TODAY, bin};

fn demo(path: &Path) -> Store {
    let mut store = Store::open(path, "tester").expect("open");
    dsr::demo::generate(
        &mut store,
        dsr::demo::DemoSpec {
            people: 30,
            seed: 7,
            today: NaiveDate::from_ymd_opt(2026, 11, 24).expect("date"),
        },
        |_| {},
    )
    .expect("demo");
    store
}

#[test]
fn backup_while_another_connection_writes_is_whole_and_checked() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("r.db");
    let mut store = demo(&path);
    let writer = {
        let path = path.clone();
        std::thread::spawn(move || {
            let mut other = Store::open(&path, "colleague").expect("second user");
            for i in 0..400 {
                other
                    .write(|w| w.audit("person", 1, "notes", None, Some(&format!("edit {i}"))))
                    .expect("the colleague keeps saving");
            }
        })
    };
    let copy = dir.path().join("copy.db");
    std::fs::File::create(&copy).expect("empty file");
    let mut copies = Vec::new();
    for _ in 0..5 {
        copies.push(store.backup_to(&copy).expect("backup"));
    }
    writer.join().expect("writer");
    let conn = Connection::open(&copy).expect("open copy");
    let (problems, head) = audit::verify(&conn).expect("verify");
    assert_eq!(problems, vec![]);
    let people: i64 = conn
        .query_row("SELECT count(*) FROM person", [], |r| r.get(0))
        .expect("people");
    assert_eq!(people, 30);
    assert_eq!(copies.last().map(|c| c.audit_rows), Some(head.rows));
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "delete", "a backup is one self-contained file");
}

fn dsr(db: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .arg("--db")
        .arg(db)
        .env("DSR_TODAY", TODAY)
        .output()
        .expect("run dsr")
}

#[test]
fn dsr_backup_is_owner_only_refuses_to_overwrite_and_restores() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("r.db");
    drop(demo(&path));
    let dest = dir.path().join("backup.db");
    let dest_arg = dest.to_str().expect("utf-8");
    let out = dsr(&path, &["backup", dest_arg]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Backed up 30 people"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&dest).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "owner-only");
    }
    let again = dsr(&path, &["backup", dest_arg]);
    assert!(!again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("--force"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert!(
        dsr(&path, &["backup", dest_arg, "--force"])
            .status
            .success()
    );
    let onto_register = dsr(&path, &["backup", path.to_str().expect("utf-8"), "--force"]);
    assert!(!onto_register.status.success());
    assert!(String::from_utf8_lossy(&onto_register.stderr).contains("register itself"));
    // Restoring is copying the file back: the copy opens as a register and checks clean.
    let check = dsr(&dest, &["check"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let audit = dsr(&dest, &["audit", "--format", "json"]);
    assert!(String::from_utf8_lossy(&audit.stdout).contains("\"backup\""));
}
