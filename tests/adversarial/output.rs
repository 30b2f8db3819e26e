//! `-o FILE` on every command that takes it: the register, a SQLite file, a symbolic link and an
//! existing file are never overwritten (the last only with `--force`); new files are owner-only.

use crate::support::cli::{TODAY, bin, demo_db};
use std::path::Path;
use std::process::{Command, Output};

/// Every command that writes with `-o`, as arguments before `-o`.
const WRITERS: &[&[&str]] = &[
    &["export", "--format", "csv"],
    &["export", "--format", "json"],
    &["report", "monthly", "--month", "2026-10"],
    &["report", "weekly", "--week-ending", "2026-11-22"],
    &["review", "export", "1"],
    &["actions", "--format", "csv"],
];

fn run(db: &Path, args: &[&str], out: &Path, force: bool) -> Output {
    let mut cmd = Command::new(bin());
    cmd.args(args).arg("-o").arg(out).arg("--db").arg(db);
    if force {
        cmd.arg("--force");
    }
    cmd.env("DSR_TODAY", TODAY)
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("run dsr")
}

fn refused(out: &Output, words: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "should refuse; stderr: {err}");
    assert!(err.contains(words), "stderr should say {words:?}: {err}");
}

#[test]
fn output_onto_the_register_is_refused_by_every_command_even_with_force() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo_db(dir.path(), 12);
    let before = std::fs::read(&db).expect("read register");
    for args in WRITERS {
        for force in [false, true] {
            let out = run(&db, args, &db, force);
            refused(&out, "is the register itself");
        }
    }
    assert_eq!(std::fs::read(&db).expect("read register"), before);
}

#[test]
fn output_onto_another_sqlite_file_is_refused_even_with_force() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo_db(dir.path(), 12);
    let other = dir.path().join("other.db");
    std::fs::copy(&db, &other).expect("copy");
    let before = std::fs::read(&other).expect("read");
    for args in WRITERS {
        refused(&run(&db, args, &other, true), "is a SQLite database");
    }
    assert_eq!(std::fs::read(&other).expect("read"), before);
}

#[cfg(unix)]
#[test]
fn output_through_a_symlink_is_refused_and_its_target_untouched() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("dir");
    let db = demo_db(dir.path(), 12);
    let target = dir.path().join("notes.txt");
    std::fs::write(&target, "my notes").expect("seed");
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    for args in WRITERS {
        for force in [false, true] {
            refused(&run(&db, args, &link, force), "is a symbolic link");
        }
    }
    assert_eq!(std::fs::read_to_string(&target).expect("read"), "my notes");
    let mode = std::fs::metadata(&target)
        .expect("meta")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o644, "the target's mode is not changed");
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink()
    );
}

#[cfg(unix)]
#[test]
fn an_existing_file_is_replaced_only_with_force_and_stays_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("dir");
    let db = demo_db(dir.path(), 12);
    for (i, args) in WRITERS.iter().enumerate() {
        let file = dir.path().join(format!("out{i}"));
        std::fs::write(&file, "yesterday's export").expect("seed");
        refused(&run(&db, args, &file, false), "--force");
        assert_eq!(
            std::fs::read_to_string(&file).expect("read"),
            "yesterday's export"
        );
        let out = run(&db, args, &file, true);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = std::fs::read_to_string(&file).expect("read");
        assert!(
            text.len() > 20 && !text.contains("yesterday"),
            "{args:?} replaced it"
        );
        let mode = std::fs::metadata(&file).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{args:?}");
    }
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .expect("ls")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".dsr-output"))
        .collect();
    assert!(left.is_empty(), "no temporary file is left behind");
}
