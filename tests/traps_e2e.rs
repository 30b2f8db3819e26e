//! End-to-end, in the real binary at 80×24: the keys that used to lose typed text or create
//! records by accident now ask first, and answering "no" leaves everything as it was.

mod support;

use std::path::Path;
use std::time::Duration;
use support::cli::{WAIT, dsr_ok, quit, spawn};
use support::pty::{Key, Tui};

fn demo(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("register.db");
    dsr_ok(&db, &["demo", "--people", "40", "--seed", "3"]);
    db
}

// Staff on Windows terminals press Ctrl-C to copy: with a form half typed, it asks; "no" keeps
// the typed text; a second Ctrl-C while asking still leaves.
#[test]
fn ctrl_c_in_a_typed_form_asks_before_quitting() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = demo(dir.path());
    let mut tui = spawn(&db);
    tui.keys("a");
    tui.wait_for("Add a person", WAIT).expect("add form");
    tui.keys("9990017824");
    tui.key(Key::CtrlC);
    tui.wait_for("Quit and lose what you typed", WAIT)
        .expect("Ctrl-C asks");
    tui.keys("n");
    tui.wait_for_gone("Quit and lose", WAIT)
        .expect("question gone");
    assert!(tui.screen().contains("9990017824"), "{}", tui.screen());
    tui.key(Key::CtrlC);
    tui.wait_for("Quit and lose", WAIT).expect("asks again");
    tui.key(Key::CtrlC);
    tui.wait_exit(WAIT).expect("a second Ctrl-C leaves");
}

fn drafts(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("open the register");
    conn.query_row(
        "SELECT count(*) FROM review WHERE status = 'draft'",
        [],
        |r| r.get(0),
    )
    .expect("count drafts")
}

// With nothing typed, Ctrl-C quits at once, as it always has.
#[test]
fn ctrl_c_with_nothing_typed_quits() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = demo(dir.path());
    let mut tui = spawn(&db);
    tui.key(Key::CtrlC);
    tui.wait_exit(WAIT).expect("quits");
}

// `R` creates a record others see (a draft C(E)TR): it asks, and "no" creates nothing.
#[test]
fn r_asks_before_creating_a_draft() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = demo(dir.path());
    let drafts_before = drafts(&db);
    let mut tui = spawn(&db);
    tui.keys("G");
    tui.keys("R");
    tui.wait_for("Start a new C(E)TR draft for", WAIT)
        .expect("R asks");
    tui.keys("n");
    tui.wait_for_gone("Start a new C(E)TR draft", WAIT)
        .expect("question gone");
    quit(&mut tui);
    assert_eq!(drafts(&db), drafts_before, "no draft was created");
}

// Esc in a half-written addendum to a final review asks before throwing it away.
#[test]
fn esc_in_an_addendum_asks_before_discarding() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = demo(dir.path());
    let mut tui = spawn(&db);
    tui.keys("2");
    tui.wait_for("Reviews:", WAIT).expect("reviews pane");
    // `f` cycles the filters, each saying what it shows; finished reviews come last.
    for label in ["requests", "drafts", "due", "overdue reports", "finished"] {
        tui.keys("f");
        tui.wait_for(&format!("Showing {label} reviews"), WAIT)
            .expect("next filter");
    }
    tui.key(Key::Enter);
    tui.wait_for("Step", WAIT).expect("wizard");
    tui.keys("g11");
    tui.key(Key::Enter);
    tui.wait_for("Step 11", WAIT).expect("summary step");
    tui.keys("a");
    tui.wait_for("New addendum", WAIT).expect("addendum box");
    tui.keys("Date of birth corrected");
    tui.key(Key::Esc);
    tui.wait_for("Discard the addendum", WAIT)
        .expect("Esc asks");
    tui.keys("n");
    tui.wait_for_gone("Discard the addendum", WAIT)
        .expect("question gone");
    assert!(
        tui.screen().contains("Date of birth corrected"),
        "{}",
        tui.screen()
    );
}

/// Start a draft C(E)TR for the last person on the register and open it at step `n`.
fn wizard_at_step(tui: &mut Tui, n: usize) {
    tui.keys("G");
    tui.keys("R");
    tui.wait_for("Start a new C(E)TR draft for", WAIT)
        .expect("R asks");
    tui.keys("y");
    tui.wait_for("Step 1/11", WAIT).expect("wizard opens");
    tui.keys(&format!("g{n}"));
    tui.key(Key::Enter);
    tui.wait_for(&format!("Step {n}/11"), WAIT)
        .expect("jumped to the step");
}

// Ctrl-U means "clear the line" in every text field, the wizard's editors included, and no
// longer undoes there; undo has its own key (Ctrl-Y), so nobody loses a line by reflex.
#[test]
fn ctrl_u_clears_the_line_everywhere_and_ctrl_y_undoes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = demo(dir.path());
    let mut tui = spawn(&db);
    tui.keys("a");
    tui.wait_for("Add a person", WAIT).expect("add form");
    tui.keys("Zebedee");
    tui.wait_for("Zebedee", WAIT).expect("typed");
    tui.key(Key::Left);
    tui.key(Key::Ctrl('u'));
    tui.wait_for_gone("Zebedee", WAIT)
        .expect("Ctrl-U cleared the whole field");
    tui.key(Key::Ctrl('y'));
    tui.wait_for("Zebedee", WAIT)
        .expect("Ctrl-Y undid the clear");
    tui.key(Key::Esc);
    tui.wait_for("Discard", WAIT)
        .expect("asks before discarding");
    tui.keys("y");
    tui.wait_for_gone("Add a person", WAIT)
        .expect("form closed");

    wizard_at_step(&mut tui, 4);
    tui.keys("Settled at home with support");
    tui.wait_for("Settled at home with support", WAIT)
        .expect("findings typed");
    tui.key(Key::Ctrl('u'));
    tui.wait_for_gone("Settled at home", WAIT)
        .expect("Ctrl-U cleared the findings line");
    tui.key(Key::Ctrl('y'));
    tui.wait_for("Settled at home with support", WAIT)
        .expect("Ctrl-Y brought it back");
    assert!(
        tui.screen().contains("Ctrl-Y: undo"),
        "the findings label names the undo key: {}",
        tui.screen()
    );
}

// A refused save puts the cursor on the field in error with the wrong value selected: the
// correction typed next replaces the bad date and never lands in the reason.
#[test]
fn after_a_refused_redate_the_correction_replaces_the_bad_date() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = demo(dir.path());
    let mut tui = spawn(&db);
    tui.keys("3");
    tui.wait_for("overdue", WAIT).expect("actions pane");
    tui.keys("t");
    tui.wait_for("Re-date '", WAIT).expect("re-date dialog");
    tui.keys("soon");
    tui.key(Key::Tab);
    tui.keys("provider asked");
    tui.key(Key::Enter);
    tui.wait_for("⚠", WAIT).expect("the bad date is refused");
    tui.keys("+2w");
    // The refusal lists "+2w" among the forms it takes: wait for it in the field.
    tui.wait_for("New date  +2w", WAIT).expect("typed");
    let screen = tui.screen();
    assert!(
        screen.contains("New date  +2w") && screen.contains("Reason    provider asked"),
        "the date was replaced and the reason kept: {screen}"
    );
    tui.key(Key::Enter);
    tui.wait_for("re-dated 1 action", WAIT)
        .expect("saved with the corrected date");
}

/// Tab through a form until `label` has the cursor (robust to fields added before it).
fn tab_to(tui: &mut Tui, label: &str) {
    let marked = format!("▸{label}");
    for _ in 0..20 {
        if tui.wait_for(&marked, Duration::from_millis(300)).is_ok() {
            return;
        }
        tui.key(Key::Tab);
    }
    tui.wait_for(&marked, WAIT)
        .unwrap_or_else(|e| panic!("{label} never had the cursor: {e}"));
}

// Every date field takes every form its message lists: a planned discharge of `+3m` (once
// refused while the hint offered it) is three months from today.
#[test]
fn planned_discharge_takes_plus_three_months() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = demo(dir.path());
    let mut tui = spawn(&db);
    tui.keys("G");
    tui.keys("i");
    tui.wait_for("Record an admission", WAIT)
        .expect("admission dialog");
    tui.keys("Riverside Unit");
    tab_to(&mut tui, "Planned discharge");
    tui.keys("+3m");
    tui.key(Key::Enter);
    tui.wait_until(WAIT, |s| {
        s.contains("admitted to Riverside") || s.contains("▸No community C(E)TR")
    })
    .expect("saved, or asked why there was no community C(E)TR");
    if tui.screen().contains("▸No community C(E)TR") {
        tui.keys("crisis at night");
        tui.wait_for("crisis at night", WAIT).expect("reason typed");
        tui.key(Key::Enter);
    }
    tui.wait_for("admitted to Riverside Unit", WAIT)
        .expect("admitted");
    let conn = rusqlite::Connection::open(&db).expect("open the register");
    let planned: String = conn
        .query_row(
            "SELECT planned_discharge FROM admission ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("the admission");
    assert_eq!(planned, "2027-02-24");
}
