//! End-to-end, in the real binary at 80×24: `:` opens the command palette, a typed command runs
//! with Enter, and a typed name opens the person's card.

mod support;

use support::cli::{WAIT, dsr_ok, quit, spawn};
use support::pty::Key;

#[test]
fn colon_opens_the_palette_and_enter_runs_what_was_typed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("register.db");
    dsr_ok(&db, &["demo", "--people", "30", "--seed", "3"]);
    let mut tui = spawn(&db);
    tui.keys(":");
    tui.wait_for("Command palette", WAIT)
        .expect("palette opens");
    tui.keys("show actions");
    tui.key(Key::Enter);
    tui.wait_for_gone("Command palette", WAIT)
        .expect("Enter runs and closes");
    tui.wait_for("overdue ·", WAIT).expect("the Actions pane");
    tui.keys(":");
    tui.wait_for("Command palette", WAIT).expect("opens again");
    tui.key(Key::Esc);
    tui.wait_for_gone("Command palette", WAIT)
        .expect("Esc closes");
    quit(&mut tui);
}
