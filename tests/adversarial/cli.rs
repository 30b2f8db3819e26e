//! The command line under bad luck and bad input: full outputs, unreadable stored values, and
//! errors that are one plain line with what to do, never a report with colours or source locations.

use crate::support::cli::{TODAY, bin, demo_db};
use std::path::Path;
use std::process::{Command, Stdio};

fn dsr(db: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(bin());
    cmd.args(args)
        .arg("--db")
        .arg(db)
        .env("DSR_TODAY", TODAY)
        .env_remove("RUST_BACKTRACE")
        .env_remove("NO_COLOR");
    cmd
}

fn one_plain_line(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr).into_owned();
    assert!(text.starts_with("dsr: "), "{text:?}");
    assert_eq!(text.trim_end().lines().count(), 1, "{text:?}");
    assert!(!text.contains('\u{1b}'), "no colour: {text:?}");
    assert!(
        !text.contains("Location") && !text.contains("src/"),
        "{text:?}"
    );
    text
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_output_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo_db(dir.path(), 5);
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full")
    };
    let out = dsr(&db, &["check"]).stdout(full()).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    let text = one_plain_line(&out.stderr);
    assert!(text.contains("cannot write to standard output"), "{text}");
    // The backup is made before its summary line; a full output loses only the line.
    let copy = dir.path().join("copy.db");
    let out = dsr(&db, &["backup"])
        .arg(&copy)
        .stdout(full())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let text = one_plain_line(&out.stderr);
    assert!(text.contains("cannot write to standard output"), "{text}");
    assert!(copy.exists(), "the backup is in place");
    let other = dir.path().join("other.db");
    let out = dsr(&other, &["demo", "--people", "5"])
        .stderr(full())
        .stdout(Stdio::null())
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "demo with a full stderr still writes the register"
    );
}

#[test]
fn errors_are_one_plain_line_with_a_true_hint() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo_db(dir.path(), 5);
    let out = dsr(&db, &["export", "--format", "csv", "--since", "fri"])
        .output()
        .expect("run");
    assert!(!out.status.success());
    let text = one_plain_line(&out.stderr);
    assert!(
        text.contains("dd/mm/yyyy") && !text.contains("such as fri"),
        "the hint offers only what --since takes: {text}"
    );
    let out = dsr(&dir.path().join("missing.db"), &["check"])
        .output()
        .expect("run");
    one_plain_line(&out.stderr);
}

#[test]
fn check_names_a_stored_date_the_app_cannot_read() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo_db(dir.path(), 30);
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.execute(
        "UPDATE review_recommendation SET due = '+10360-02-29' WHERE id = (SELECT min(id) FROM review_recommendation)",
        [],
    )
    .expect("plant");
    let out = dsr(&db, &["check"]).output().expect("run");
    assert!(!out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("review_recommendation") && stdout.contains("+10360-02-29"),
        "{stdout}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn demo_force_refuses_a_register_someone_has_open() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo_db(dir.path(), 5);
    // A colleague's dsr: an open connection that has read the register.
    let colleague = rusqlite::Connection::open(&db).expect("open");
    let _: i64 = colleague
        .query_row("SELECT count(*) FROM person", [], |r| r.get(0))
        .expect("read");
    let out = dsr(&db, &["demo", "--people", "8", "--force"])
        .output()
        .expect("run");
    assert!(!out.status.success(), "refused while open");
    let text = one_plain_line(&out.stderr);
    assert!(
        text.contains("is open in") && text.contains(&format!("process {}", std::process::id())),
        "{text}"
    );
    let count: i64 = colleague
        .query_row("SELECT count(*) FROM person", [], |r| r.get(0))
        .expect("still readable");
    assert_eq!(count, 5, "the colleague's register is untouched");
    drop(colleague);
    let out = dsr(&db, &["demo", "--people", "8", "--force"])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// One damaged value must not leave staff with "database error: conversion error": every command
/// that reads the whole register names the record and field, writes nothing, and points to
/// `dsr check`.
#[test]
fn export_names_an_unreadable_stored_value_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo_db(dir.path(), 30);
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.execute(
        "UPDATE review_recommendation SET due = '+10360-02-29' WHERE id = (SELECT min(id) FROM review_recommendation)",
        [],
    )
    .expect("plant");
    drop(conn);
    let out_file = dir.path().join("export.csv");
    for args in [
        vec!["export", "--format", "csv"],
        vec!["export", "--format", "json", "-o", "export.csv"],
    ] {
        let out = dsr(&db, &args)
            .current_dir(dir.path())
            .output()
            .expect("run");
        assert!(!out.status.success(), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}: nothing half-written");
        let text = one_plain_line(&out.stderr);
        assert!(
            text.contains("review_recommendation")
                && text.contains("+10360-02-29")
                && text.contains("dsr check"),
            "{args:?}: {text}"
        );
    }
    assert!(!out_file.exists(), "no partial export file");
}
