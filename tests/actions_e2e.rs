//! End-to-end: the Actions pane in the real binary in a pseudo-terminal. Mark two overdue actions
//! with Space, re-date them with a reason, mark a third done and undo that, then check the result
//! through `dsr export --format json` and `dsr actions --overdue --format json`.

mod support;

use support::cli::{TODAY, WAIT, bin, demo_db, dsr_json};

use serde_json::Value;
use std::process::Command;
use support::pty::{Key, Tui};

fn ids(list: &Value) -> Vec<i64> {
    list.as_array()
        .expect("array")
        .iter()
        .map(|a| a["id"].as_i64().expect("id"))
        .collect()
}

/// The action with this id from `dsr export` (nested under its person).
fn exported(export: &Value, id: i64) -> Value {
    export["people"]
        .as_array()
        .expect("people")
        .iter()
        .flat_map(|p| p["actions"].as_array().expect("actions").iter())
        .find(|a| a["id"].as_i64() == Some(id))
        .cloned()
        .unwrap_or_else(|| panic!("action {id} not in the export"))
}

fn kinds(action: &Value) -> Vec<String> {
    action["history"]
        .as_array()
        .expect("history")
        .iter()
        .map(|e| e["kind"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn mark_two_redate_undo_one_then_check_exports() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = demo_db(dir.path(), 60);
    let before = dsr_json(&db, &["actions", "--overdue", "--format", "json"]);
    let overdue_before = ids(&before);
    assert!(overdue_before.len() >= 3, "{overdue_before:?}");
    let (a, b, c) = (overdue_before[0], overdue_before[1], overdue_before[2]);

    let db_str = db.to_str().expect("utf-8 path");
    let mut tui = Tui::spawn(
        &bin(),
        &["--db", db_str],
        &[("DSR_TODAY", TODAY), ("NO_COLOR", "1")],
        80,
        24,
    );
    tui.wait_for("Register:", WAIT).expect("register shown");
    tui.keys("3");
    tui.wait_for("overdue", WAIT).expect("actions pane shown");
    let n = overdue_before.len();
    assert!(
        tui.screen().contains(&format!("{n} overdue")),
        "{}",
        tui.screen()
    );
    // Two marks, then re-date both: date, Tab, reason, Enter.
    tui.keys(" ");
    tui.keys(" ");
    tui.wait_for("2 marked", WAIT).expect("two marked");
    tui.keys("t");
    tui.wait_for("Re-date 2 actions", WAIT)
        .expect("re-date dialog");
    tui.keys("+2w");
    tui.key(Key::Tab);
    tui.keys("provider asked for two weeks");
    tui.key(Key::Enter);
    tui.wait_for("re-dated 2 actions to 08/12/2026", WAIT)
        .expect("re-dated");
    tui.wait_for(&format!("{} overdue", n - 2), WAIT)
        .expect("counts follow");
    // The next most overdue action: done with a note, then undone.
    tui.keys("g");
    tui.keys("d");
    tui.wait_for("Mark done '", WAIT).expect("done dialog");
    tui.keys("letter sent");
    tui.key(Key::Enter);
    tui.wait_for("marked done 1 action", WAIT).expect("done");
    tui.wait_for(&format!("{} overdue", n - 3), WAIT)
        .expect("count drops");
    tui.keys("u");
    tui.wait_for("Undid: marked done", WAIT).expect("undone");
    tui.wait_for(&format!("{} overdue", n - 2), WAIT)
        .expect("count back");
    tui.keys("q");
    assert!(tui.wait_exit(WAIT).expect("exits").success());

    // The export keeps the new dates with their reason, and the undo in the history.
    let export = dsr_json(&db, &["export", "--format", "json"]);
    for id in [a, b] {
        let action = exported(&export, id);
        assert_eq!(action["due"], "2026-12-08", "{action}");
        let last = action["history"]
            .as_array()
            .and_then(|h| h.last())
            .cloned()
            .expect("history");
        assert_eq!(last["kind"], "redated", "{action}");
        assert_eq!(last["reason"], "provider asked for two weeks");
        assert_eq!(last["to_value"], "2026-12-08");
    }
    let undone = exported(&export, c);
    assert_eq!(
        undone["status"], before[2]["status"],
        "status restored: {undone}"
    );
    assert_eq!(undone["completed_on"], Value::Null);
    let k = kinds(&undone);
    assert_eq!(&k[k.len() - 2..], ["done", "undo"], "{k:?}");

    // The overdue list no longer has the two re-dated actions; the undone one leads it again.
    let overdue_after = ids(&dsr_json(
        &db,
        &["actions", "--overdue", "--format", "json"],
    ));
    assert!(!overdue_after.contains(&a) && !overdue_after.contains(&b));
    assert_eq!(overdue_after.first(), Some(&c));
    assert_eq!(overdue_after.len(), n - 2);
    let out = Command::new(bin())
        .args(["check", "--db", db_str])
        .output()
        .expect("check");
    assert!(out.status.success());
}
