//! End-to-end: the real binary in a pseudo-terminal on a demo register.

mod support;

use support::cli::{TODAY, WAIT, bin, demo_db};

use std::process::Command;
use support::pty::Tui;

#[test]
fn shows_register_and_quits_cleanly_on_q() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = demo_db(dir.path(), 60);
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
    // The terminal is restored: main screen back, cursor visible.
    tui.with_screen(|s| {
        assert!(
            !s.alternate_screen(),
            "still on the alternate screen after quit"
        );
        assert!(!s.hide_cursor(), "cursor left hidden after quit");
    });
}

#[test]
fn ctrl_c_quits_and_sighup_exits_cleanly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = demo_db(dir.path(), 20);
    let db = db.to_str().expect("utf-8 path");
    let mut tui = Tui::spawn(&bin(), &["--db", db], &[("DSR_TODAY", TODAY)], 80, 24);
    tui.wait_for("Register: 20 people", WAIT)
        .expect("register shown");
    tui.key(support::pty::Key::CtrlC);
    assert!(tui.wait_exit(WAIT).expect("exits").success());

    let mut tui = Tui::spawn(&bin(), &["--db", db], &[("DSR_TODAY", TODAY)], 80, 24);
    tui.wait_for("Register: 20 people", WAIT)
        .expect("register shown");
    let pid = tui.pid().expect("pid");
    let sent = Command::new("kill")
        .args(["-HUP", &pid.to_string()])
        .status();
    if sent.is_ok_and(|s| s.success()) {
        assert!(
            tui.wait_exit(WAIT).expect("exits on hangup").success(),
            "a dropped session exits cleanly"
        );
    }
}

#[test]
fn killed_process_leaves_a_sound_register() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = demo_db(dir.path(), 20);
    let db_str = db.to_str().expect("utf-8 path");
    let mut tui = Tui::spawn(&bin(), &["--db", db_str], &[("DSR_TODAY", TODAY)], 80, 24);
    tui.wait_for("Register: 20 people", WAIT)
        .expect("register shown");
    tui.keys("jjj");
    tui.kill_hard();
    let out = Command::new(bin())
        .args(["check", "--db", db_str])
        .output()
        .expect("run check");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "check after kill -9 failed:\n{text}");
    assert!(text.contains("integrity:      ok"), "{text}");
    assert!(text.contains("person          20"), "{text}");
}

#[test]
fn demo_refuses_to_overwrite_without_force_and_export_is_valid() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = demo_db(dir.path(), 40);
    let again = Command::new(bin())
        .args(["demo", "--people", "5", "--db"])
        .arg(&db)
        .output()
        .expect("run");
    assert!(
        !again.status.success(),
        "overwrote a register without --force"
    );
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    let out = Command::new(bin())
        .args(["export", "--format", "json", "--db"])
        .arg(&db)
        .env("DSR_TODAY", TODAY)
        .output()
        .expect("export");
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let people = json["people"].as_array().expect("people array");
    assert_eq!(people.len(), 40);
    for p in people {
        let nhs = p["nhs_number"]
            .as_str()
            .expect("demo people have NHS numbers");
        assert!(nhs.starts_with("999"), "{nhs} outside the test range");
        dsr::domain::nhs_number::NhsNumber::parse(nhs).expect("valid Mod 11");
        assert!(["BLUE", "RED", "AMBER", "GREEN"].contains(&p["rating"].as_str().expect("rating")));
        assert!(
            p["rating_history"]
                .as_array()
                .is_some_and(|h| !h.is_empty())
        );
    }
    assert!(json["schema_version"].as_i64().is_some());
    let csv = Command::new(bin())
        .args(["export", "--format", "csv", "--db"])
        .arg(&db)
        .output()
        .expect("csv");
    assert_eq!(
        String::from_utf8_lossy(&csv.stdout).lines().count(),
        41,
        "header plus one row per person"
    );
}

// Rule: a reader that stops early (`dsr export | head`) ends the export quietly, without a crash report.
#[test]
#[cfg(unix)]
fn export_into_a_closed_pipe_stops_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = demo_db(dir.path(), 300);
    let mut child = Command::new(bin())
        .args(["export", "--format", "json", "--db"])
        .arg(&db)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn export");
    let mut first = String::new();
    let stdout = child.stdout.take().expect("stdout");
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("first line");
    assert!(first.starts_with('{'), "{first}");
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
        "{stderr}"
    );
}
