//! Running the real `dsr` binary from end-to-end tests, on a fixed "today".
#![allow(dead_code)]

use super::pty::Tui;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// Every end-to-end test runs on this date (DSR_TODAY), so demo registers and screens are stable.
pub const TODAY: &str = "2026-11-24";

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_dsr"))
}

/// How long a test waits for a screen or an exit before failing: long enough for a loaded machine;
/// a passing test never waits it out.
pub const WAIT: Duration = Duration::from_secs(20);

/// The app on `db` in an 80×24 pseudo-terminal, as user "e2e" on [`TODAY`] without colour, once
/// the register is on screen.
pub fn spawn(db: &Path) -> Tui {
    let tui = Tui::spawn(
        &bin(),
        &["--db", db.to_str().expect("utf-8 path"), "--user", "e2e"],
        &[("DSR_TODAY", TODAY), ("NO_COLOR", "1")],
        80,
        24,
    );
    tui.wait_for("Register", WAIT).expect("register shown");
    tui
}

/// Quit with `q` and wait for the app to exit (it asks nothing when no typing is open).
pub fn quit(tui: &mut Tui) {
    tui.keys("q");
    tui.wait_exit(WAIT).expect("quits");
}

/// A fixed-seed demo register of `people` in `dir`.
pub fn demo_db(dir: &Path, people: usize) -> PathBuf {
    let db = dir.join("register.db");
    let status = Command::new(bin())
        .args(["demo", "--db"])
        .arg(&db)
        .args(["--people", &people.to_string(), "--seed", "7"])
        .env("DSR_TODAY", TODAY)
        .status()
        .expect("run dsr demo");
    assert!(status.success(), "dsr demo failed");
    db
}

/// Run `dsr ARGS --db DB`, insist it succeeds, and return what it printed.
pub fn dsr_ok(db: &Path, args: &[&str]) -> Vec<u8> {
    let out = Command::new(bin())
        .args(args)
        .arg("--db")
        .arg(db)
        .env("DSR_TODAY", TODAY)
        .output()
        .expect("run dsr");
    assert!(
        out.status.success(),
        "dsr {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// As [`dsr_ok`], parsed as JSON.
pub fn dsr_json(db: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_slice(&dsr_ok(db, args)).expect("valid JSON")
}
