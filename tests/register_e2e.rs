//! End-to-end: the real binary in a pseudo-terminal. Add a person with an invalid NHS number (see
//! the error), fix it, save, re-rate them with a reason, and find all of it in `dsr export`.

mod support;

use support::cli::{TODAY, WAIT, bin, demo_db};

use std::process::Command;
use support::pty::{Key, Tui};

fn tabs(tui: &mut Tui, n: usize) {
    for _ in 0..n {
        tui.key(Key::Tab);
    }
}

#[test]
fn add_with_invalid_then_fixed_nhs_number_rerate_and_export() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = demo_db(dir.path(), 60);
    let db_s = db.to_str().expect("utf-8 path");
    let mut tui = Tui::spawn(
        &bin(),
        &["--db", db_s, "--user", "e2e"],
        &[("DSR_TODAY", TODAY), ("NO_COLOR", "1")],
        100,
        40,
    );
    tui.wait_for("Register: 60 people", WAIT)
        .expect("register shown");

    // Add: an NHS number with a wrong check digit is named as such on leaving the field.
    tui.keys("a");
    tui.wait_for("Add a person to the register", WAIT)
        .expect("form open");
    tui.keys("943 476 5918");
    tui.key(Key::Tab);
    tui.wait_for("check digit should be 9, not 8", WAIT)
        .expect("Mod 11 error naming the expected digit");
    // Saving now is refused: nothing is written while the form is invalid.
    tui.key(Key::Enter);
    tui.wait_for("to fix before saving", WAIT)
        .expect("save refused");
    // Fix it: saving moved the focus to the first problem, the NHS number; clear it and retype.
    tui.wait_for("▸NHS number", WAIT)
        .expect("NHS field focused");
    tui.key(Key::Ctrl('e'));
    tui.key(Key::Ctrl('u'));
    tui.keys("9434765919");
    tui.key(Key::Tab);
    tui.wait_for_gone("check digit should be", WAIT)
        .expect("error clears once fixed");
    // Local id (1) → given (2), family (3), preferred (4), date of birth (5).
    tui.key(Key::Tab);
    tui.keys("Ada");
    tui.key(Key::Tab);
    tui.keys("Testperson");
    tabs(&mut tui, 2);
    tui.keys("04/03/2011");
    // … keyworker (12).
    tabs(&mut tui, 7);
    tui.keys("Sam Patel");
    // Inclusion criteria (20): tick the second, previous hospital stay.
    tabs(&mut tui, 8);
    tui.keys("2");
    tui.key(Key::Enter);
    tui.wait_for("Added Testperson, Ada to the register", WAIT)
        .expect("saved");
    tui.wait_for("Register: 61 people", WAIT)
        .expect("row added at once");
    // Consent is asked next, nothing chosen: a parent of this 15-year-old gave it for the
    // register and the review (given by: → → someone with parental responsibility).
    tui.wait_for("Consent: Testperson, Ada", WAIT)
        .expect("consent dialog");
    tabs(&mut tui, 2);
    tui.key(Key::Right);
    tui.key(Key::Right);
    tui.key(Key::Tab);
    tui.keys("Grace Testperson");
    tabs(&mut tui, 4);
    tui.keys("12");
    tui.key(Key::Enter);
    tui.wait_for("Consent given for Testperson, Ada", WAIT)
        .expect("consent saved");

    // Re-rate the new person (selected after saving): r, g picks GREEN, a reason, Enter.
    tui.keys("r");
    tui.wait_for("Change rating", WAIT).expect("re-rate dialog");
    tui.keys("g");
    tui.keys("calmer after home visit");
    tui.key(Key::Enter);
    tui.wait_for("Testperson, Ada is now GREEN", WAIT)
        .expect("re-rated");
    tui.keys("q");
    let status = tui.wait_exit(WAIT).expect("exits");
    assert!(status.success(), "exit status {status:?}");

    // The export shows the person, their validated fields, and the appended history.
    let out = Command::new(bin())
        .args(["export", "--format", "json", "--db", db_s])
        .env("DSR_TODAY", TODAY)
        .output()
        .expect("run export");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let people = json["people"].as_array().expect("people");
    assert_eq!(people.len(), 61);
    let ada = people
        .iter()
        .find(|p| p["nhs_number"] == "9434765919")
        .expect("the new person, by NHS number");
    assert_eq!(ada["given_name"], "Ada");
    assert_eq!(ada["family_name"], "Testperson");
    assert_eq!(ada["date_of_birth"], "2011-03-04");
    assert_eq!(ada["keyworker"], "Sam Patel");
    assert_eq!(ada["consent"][0]["giver"], "parental");
    assert_eq!(ada["consent"][0]["giver_name"], "Grace Testperson");
    assert_eq!(
        ada["consent"][0]["scopes"],
        serde_json::json!(["register", "review"])
    );
    assert_eq!(ada["consent_status"]["review"], "given");
    assert_eq!(ada["consent_status"]["sharing"], "missing");
    assert_eq!(ada["criteria"], serde_json::json!(["previous_inpatient"]));
    assert_eq!(ada["rating"], "GREEN");
    let history = ada["rating_history"].as_array().expect("history");
    assert_eq!(history.len(), 2, "{history:?}");
    assert_eq!(history[0]["to"], "AMBER");
    assert_eq!(history[1]["from"], "AMBER");
    assert_eq!(history[1]["to"], "GREEN");
    assert_eq!(history[1]["reason"], "calmer after home visit");
    assert_eq!(history[1]["by_user"], "e2e");
    assert!(
        !people.iter().any(|p| p["nhs_number"] == "9434765918"),
        "the invalid number was never written"
    );

    // And the audit trail has the additions and the rating change, by the user who made them.
    let conn = rusqlite::Connection::open(&db).expect("open db");
    let id = ada["id"].as_i64().expect("id");
    let rows: Vec<(String, Option<String>, Option<String>)> = conn
        .prepare(
            "SELECT field, old, new FROM audit WHERE entity = 'person' AND entity_id = ?1 AND by_user = 'e2e'",
        )
        .expect("prepare")
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert!(rows.contains(&("nhs_number".into(), None, Some("9434765919".into()))));
    assert!(rows.contains(&("rating".into(), Some("AMBER".into()), Some("GREEN".into()))));
}
