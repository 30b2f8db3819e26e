//! The terminal under job control and signals, in a real pseudo-terminal: Ctrl-Z suspends, `fg`
//! (SIGCONT) brings back raw mode and the same screen with nothing typed lost; SIGINT, SIGQUIT and
//! SIGTERM leave the terminal restored.

use crate::support::cli::{WAIT, demo_db, quit, spawn};
use crate::support::pty::Key;
use std::time::Duration;

/// The process state letter from /proc (`T`: stopped).
fn state(pid: u32) -> char {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            s.rsplit_once(')')
                .and_then(|(_, rest)| rest.trim().chars().next())
        })
        .unwrap_or('?')
}

fn wait_state(pid: u32, want: char) {
    let until = std::time::Instant::now() + WAIT;
    while state(pid) != want {
        assert!(
            std::time::Instant::now() < until,
            "process never reached state {want}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn signal(pid: u32, sig: i32) {
    // SAFETY: kill(2) on our own child's pid with a valid signal number.
    let rc = unsafe { libc::kill(pid as i32, sig) };
    assert_eq!(rc, 0, "kill {sig}");
}

#[cfg(target_os = "linux")]
#[test]
fn ctrl_z_then_fg_keeps_the_wizard_text_and_raw_mode() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo_db(dir.path(), 20);
    let mut tui = spawn(&db);
    tui.keys("R");
    tui.wait_for("Start a new C(E)TR draft", WAIT)
        .expect("R asks before creating a draft");
    tui.keys("y");
    tui.wait_for("Step 1/11", WAIT).expect("wizard opens");
    tui.key(Key::Tab);
    tui.key(Key::Tab);
    tui.key(Key::Tab);
    tui.keys("Before the stop");
    tui.wait_for("Before the stop", WAIT).expect("typed");
    let pid = tui.pid().expect("pid");

    tui.key(Key::Ctrl('z'));
    wait_state(pid, 'T');
    // Stopped: the app left the alternate screen, so patient data is not left on show.
    tui.wait_for_gone("Before the stop", WAIT)
        .expect("screen handed back");
    assert!(
        !tui.with_screen(|s| s.alternate_screen()),
        "alternate screen left"
    );

    signal(pid, libc::SIGCONT);
    wait_state(pid, 'S');
    tui.wait_for("Before the stop", WAIT)
        .expect("redrawn after fg");
    // Raw mode again: each key arrives at once (cooked mode would hold them until Enter).
    tui.keys(", and after");
    tui.wait_for("Before the stop, and after", WAIT)
        .expect("typing goes on in raw mode");
    tui.key(Key::Esc);
    tui.key(Key::Esc);
    quit(&mut tui);
    let conn = rusqlite::Connection::open(&db).expect("open");
    let place: String = conn
        .query_row(
            "SELECT place FROM review WHERE status = 'draft' ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("draft");
    assert_eq!(place, "Before the stop, and after");
}

#[cfg(target_os = "linux")]
#[test]
fn sigint_sigquit_and_sigterm_restore_the_terminal() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo_db(dir.path(), 20);
    for sig in [libc::SIGINT, libc::SIGQUIT, libc::SIGTERM] {
        let mut tui = spawn(&db);
        assert!(tui.with_screen(|s| s.alternate_screen()));
        signal(tui.pid().expect("pid"), sig);
        tui.wait_exit(WAIT).expect("leaves");
        let (alternate, hidden) = tui.with_screen(|s| (s.alternate_screen(), s.hide_cursor()));
        assert!(!alternate, "signal {sig}: still on the alternate screen");
        assert!(!hidden, "signal {sig}: cursor left hidden");
    }
}
