//! Coming back to the register, through the real binary in a pseudo-terminal: typing in a form
//! survives a hang-up (SIGHUP, SIGTERM) and is offered back; relaunching returns to the filters,
//! search and selection the user left; a draft review they were in is offered to resume; a
//! discard reason or an addendum typed in the Reviews pane survives a hang-up too.

mod support;

use std::path::Path;
use std::time::Duration;
use support::cli::{TODAY, WAIT, bin, demo_db, quit};
use support::pty::{Key, Tui};

fn spawn(db: &Path, state: &Path, extra: &[&str]) -> Tui {
    let mut args = vec!["--db", db.to_str().expect("utf-8 path"), "--user", "e2e"];
    args.extend_from_slice(extra);
    let tui = Tui::spawn(
        &bin(),
        &args,
        &[
            ("DSR_TODAY", TODAY),
            ("NO_COLOR", "1"),
            ("XDG_STATE_HOME", state.to_str().expect("utf-8 path")),
        ],
        80,
        24,
    );
    tui.wait_for("Register", WAIT).expect("register shown");
    tui
}

fn signal(pid: u32, sig: i32) {
    // SAFETY: kill(2) on our own child's pid with a valid signal number.
    let rc = unsafe { libc::kill(pid as i32, sig) };
    assert_eq!(rc, 0, "kill {sig}");
}

/// The drafts kept in `state` (one file per form cut off).
fn kept_drafts(state: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(state.join("dsr"))
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.to_string_lossy().contains("-draft-"))
                .collect()
        })
        .unwrap_or_default()
}

/// The text of the row drawn in reverse video (the selection).
fn selected_line(tui: &Tui) -> String {
    tui.with_screen(|s| {
        let (rows, cols) = s.size();
        (2..rows)
            .find(|r| (4..cols / 2).all(|c| s.cell(*r, c).is_some_and(|cell| cell.inverse())))
            .map(|r| s.contents_between(r, 0, r, cols))
            .unwrap_or_default()
    })
}

#[cfg(target_os = "linux")]
#[test]
fn hangup_keeps_the_person_form_and_offers_it_back() {
    use std::os::unix::fs::PermissionsExt;
    for (sig, name) in [(libc::SIGHUP, "Hangup"), (libc::SIGTERM, "Termed")] {
        let dir = tempfile::tempdir().expect("dir");
        let db = demo_db(dir.path(), 10);
        let state = dir.path().join("state");
        let mut tui = spawn(&db, &state, &[]);
        tui.keys("a");
        tui.wait_for("Add a person", WAIT).expect("form opens");
        tui.key(Key::Tab);
        tui.key(Key::Tab);
        tui.keys(name);
        tui.key(Key::Tab);
        tui.keys("Typedbefore");
        tui.wait_for("Typedbefore", WAIT).expect("typed");
        signal(tui.pid().expect("pid"), sig);
        tui.wait_exit(WAIT).expect("leaves on the signal");

        let files = kept_drafts(&state);
        assert_eq!(files.len(), 1, "signal {sig}: one draft kept");
        let meta = std::fs::metadata(&files[0]).expect("meta");
        assert_eq!(meta.permissions().mode() & 0o777, 0o600, "owner-only");
        let text = std::fs::read_to_string(&files[0]).expect("read");
        assert!(
            text.contains(name) && text.contains("Typedbefore"),
            "{text}"
        );

        let mut tui = spawn(&db, &state, &[]);
        tui.wait_for("session was cut off", WAIT)
            .expect("the typing is offered back");
        tui.key(Key::Enter);
        tui.wait_for("Add a person", WAIT).expect("the form again");
        tui.wait_for("Typedbefore", WAIT)
            .expect("with what was typed");
        tui.wait_for(name, WAIT).expect("every field");
        // Restored, the form is unsaved work like any other: Esc asks first.
        tui.key(Key::Esc);
        tui.wait_for("Discard what you typed", WAIT)
            .expect("asks before discarding");
        tui.keys("y");
        tui.wait_for_gone("Typedbefore", WAIT).expect("discarded");
        quit(&mut tui);
        assert_eq!(kept_drafts(&state), Vec::<std::path::PathBuf>::new());

        // Taken back, it is not offered again.
        let mut tui = spawn(&db, &state, &[]);
        std::thread::sleep(Duration::from_millis(300));
        assert!(!tui.screen().contains("cut off"), "{}", tui.screen());
        quit(&mut tui);
    }
}

#[cfg(target_os = "linux")]
#[test]
fn relaunching_returns_to_the_filters_search_and_selection() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo_db(dir.path(), 30);
    let state = dir.path().join("state");
    let mut tui = spawn(&db, &state, &[]);
    tui.keys("f");
    tui.keys("a");
    tui.wait_for("filter: A", WAIT).expect("filtered");
    tui.keys("s");
    tui.wait_for("sort: name", WAIT).expect("sorted");
    tui.keys("/e");
    tui.key(Key::Tab);
    tui.wait_for("Esc clears, / edits", WAIT)
        .expect("search kept");
    tui.keys("jj");
    std::thread::sleep(Duration::from_millis(300));
    let selected = selected_line(&tui);
    assert!(!selected.trim().is_empty(), "{}", tui.screen());
    quit(&mut tui);

    let mut tui = spawn(&db, &state, &[]);
    tui.wait_for("filter: A", WAIT).expect("filter back");
    tui.wait_for("sort: name", WAIT).expect("sort back");
    tui.wait_for(" /e ", WAIT).expect("search back");
    assert_eq!(selected_line(&tui), selected, "{}", tui.screen());
    quit(&mut tui);

    // With resume turned off in the settings file, the register opens as new.
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "resume = false\n").expect("config");
    let mut tui = spawn(&db, &state, &["--config", config.to_str().expect("utf-8")]);
    std::thread::sleep(Duration::from_millis(300));
    assert!(!tui.screen().contains("filter: A"), "{}", tui.screen());
    quit(&mut tui);
}

#[cfg(target_os = "linux")]
#[test]
fn a_draft_review_left_open_is_offered_to_resume() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo_db(dir.path(), 10);
    let state = dir.path().join("state");
    let mut tui = spawn(&db, &state, &[]);
    tui.keys("R");
    tui.wait_for("Start a new C(E)TR draft", WAIT)
        .expect("R asks first");
    tui.keys("y");
    tui.wait_for("Step 1/11", WAIT).expect("wizard opens");
    tui.key(Key::CtrlC);
    tui.wait_exit(WAIT).expect("quits");

    let mut tui = spawn(&db, &state, &[]);
    tui.wait_for("open since", WAIT)
        .expect("the draft is offered");
    assert!(tui.screen().contains("Draft C"), "{}", tui.screen());
    tui.key(Key::Enter);
    tui.wait_for("Step 1/11", WAIT)
        .expect("resumed in the wizard");
    tui.key(Key::CtrlC);
    tui.wait_exit(WAIT).expect("quits");

    // Any other key carries on with what it does, and the offer goes.
    let mut tui = spawn(&db, &state, &[]);
    tui.wait_for("open since", WAIT).expect("offered again");
    tui.keys("4");
    tui.wait_for_gone("open since", WAIT).expect("offer gone");
    tui.key(Key::CtrlC);
    tui.wait_exit(WAIT).expect("quits");
}

#[cfg(target_os = "linux")]
#[test]
fn hangup_keeps_an_actions_dialog_for_the_same_action() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo_db(dir.path(), 20);
    let state = dir.path().join("state");
    let mut tui = spawn(&db, &state, &[]);
    tui.keys("3");
    tui.wait_for("Owner", WAIT).expect("actions listed");
    tui.keys("e");
    tui.wait_for("Escalate '", WAIT).expect("escalate dialog");
    tui.keys("Chased twice");
    tui.wait_for("Chased twice", WAIT).expect("typed");
    signal(tui.pid().expect("pid"), libc::SIGHUP);
    tui.wait_exit(WAIT).expect("leaves on the signal");

    let mut tui = spawn(&db, &state, &[]);
    tui.wait_for("session was cut off", WAIT)
        .expect("offered back");
    tui.key(Key::Enter);
    tui.wait_for("Escalate '", WAIT).expect("the same dialog");
    tui.wait_for("Chased twice", WAIT).expect("with the note");
    tui.key(Key::Enter);
    tui.wait_for("escalated 1 action", WAIT)
        .expect("saves as if never interrupted");
    quit(&mut tui);
}

/// Show the Reviews pane with the filter `label` on (`f` cycles them in this order).
fn reviews_filtered(tui: &mut Tui, label: &str) {
    tui.keys("2");
    tui.wait_for("Reviews:", WAIT).expect("reviews pane");
    for l in ["requests", "drafts", "due", "overdue reports", "finished"] {
        tui.keys("f");
        tui.wait_for(&format!("Showing {l} reviews"), WAIT)
            .expect("next filter");
        if l == label {
            return;
        }
    }
}

#[cfg(target_os = "linux")]
#[test]
fn hangup_keeps_typing_in_the_reviews_pane_and_its_addendum() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo_db(dir.path(), 40);
    let state = dir.path().join("state");

    // A discard reason, cut off by SIGHUP.
    let mut tui = spawn(&db, &state, &[]);
    tui.keys("R");
    tui.wait_for("Start a new C(E)TR draft", WAIT)
        .expect("R asks first");
    tui.keys("y");
    tui.wait_for("Step 1/11", WAIT).expect("wizard opens");
    tui.key(Key::Esc);
    tui.wait_for_gone("Step 1/11", WAIT).expect("wizard left");
    reviews_filtered(&mut tui, "drafts");
    tui.wait_for("DRAFT", WAIT).expect("a draft listed");
    tui.keys("x");
    tui.wait_for("Discard draft", WAIT).expect("discard dialog");
    tui.keys("Started for the wrong person");
    tui.wait_for("Started for the wrong person", WAIT)
        .expect("typed");
    signal(tui.pid().expect("pid"), libc::SIGHUP);
    tui.wait_exit(WAIT).expect("leaves on the signal");
    assert_eq!(kept_drafts(&state).len(), 1, "the reason is kept");

    let mut tui = spawn(&db, &state, &[]);
    tui.wait_for("session was cut off", WAIT)
        .expect("offered back");
    tui.key(Key::Enter);
    tui.wait_for("Discard draft", WAIT)
        .expect("the same dialog");
    tui.wait_for("Started for the wrong person", WAIT)
        .expect("with the reason");
    tui.key(Key::Enter);
    tui.wait_for("Discarded draft review", WAIT)
        .expect("discards as if never interrupted");

    // An addendum to a final review, cut off by SIGTERM.
    reviews_filtered(&mut tui, "finished");
    tui.key(Key::Enter);
    tui.wait_for("Step", WAIT).expect("wizard");
    tui.keys("g11");
    tui.key(Key::Enter);
    tui.wait_for("Step 11", WAIT).expect("summary step");
    tui.keys("a");
    tui.wait_for("New addendum", WAIT).expect("addendum box");
    tui.keys("Date of birth corrected");
    tui.wait_for("Date of birth corrected", WAIT)
        .expect("typed");
    signal(tui.pid().expect("pid"), libc::SIGTERM);
    tui.wait_exit(WAIT).expect("leaves on the signal");

    let mut tui = spawn(&db, &state, &[]);
    tui.wait_for("session was cut off", WAIT)
        .expect("offered back");
    tui.key(Key::Enter);
    tui.wait_for("New addendum", WAIT)
        .expect("the addendum box");
    tui.wait_for("Date of birth corrected", WAIT)
        .expect("with the text");
    tui.key(Key::Enter);
    tui.wait_for("Addendum added", WAIT)
        .expect("adds as if never interrupted");
    quit(&mut tui);
    assert_eq!(kept_drafts(&state), Vec::<std::path::PathBuf>::new());

    // A name typed in the new-review picker, cut off by SIGHUP.
    let mut tui = spawn(&db, &state, &[]);
    tui.keys("2");
    tui.wait_for("Reviews:", WAIT).expect("reviews pane");
    tui.keys("n");
    tui.wait_for("Start a review for", WAIT).expect("picker");
    for _ in 0..60 {
        tui.key(Key::Backspace);
    }
    tui.keys("zq");
    tui.wait_for("Nobody matches", WAIT).expect("typed");
    signal(tui.pid().expect("pid"), libc::SIGHUP);
    tui.wait_exit(WAIT).expect("leaves on the signal");

    let mut tui = spawn(&db, &state, &[]);
    tui.wait_for("session was cut off", WAIT)
        .expect("offered back");
    tui.key(Key::Enter);
    tui.wait_for("zq_", WAIT).expect("the picker with the name");
    tui.key(Key::Esc);
    quit(&mut tui);
}
