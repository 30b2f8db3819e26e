//! End-to-end: the real binary in a pseudo-terminal on a demo register.

mod support;

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;
use support::pty::Tui;

const TODAY: &str = "2026-11-24";
const WAIT: Duration = Duration::from_secs(20);

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_dsr"))
}

fn demo_db(dir: &tempfile::TempDir, people: usize) -> PathBuf {
    let db = dir.path().join("register.db");
    let status = Command::new(bin())
        .args(["demo", "--db"])
        .arg(&db)
        .args(["--people", &people.to_string(), "--seed", "7"])
        .env("DSR_TODAY", TODAY)
        .status()
        .expect("run dsr demo");
    assert!(status.success());
    db
}

#[test]
fn shows_register_and_quits_cleanly_on_q() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = demo_db(&dir, 60);
    let db = db.to_str().expect("utf-8 path");
    let mut tui = Tui::spawn(
        &bin(),
        &["--db", db],
        &[("DSR_TODAY", TODAY), ("NO_COLOR", "1")],
        80,
        24,
    );
    tui.wait_for("Register: 60 people", WAIT)
        .expect("register shown");
    let screen = tui.screen();
    assert!(screen.contains("NHS number"), "{screen}");
    assert!(
        screen.contains("999 "),
        "NHS numbers in 3-3-4 form:\n{screen}"
    );
    tui.keys("q");
    let status = tui.wait_exit(WAIT).expect("exits");
    assert!(status.success(), "exit status {status:?}");
}
