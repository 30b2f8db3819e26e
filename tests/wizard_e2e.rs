//! End-to-end: run a C(E)TR in the real binary in an 80×24 pseudo-terminal by keyboard alone.
//! Start it with `R` on the register, type findings in two questions, `kill -9` mid-sentence,
//! restart, resume from the Reviews pane in the same field, finish every step, finalise, and check
//! through `dsr export --format json` (and the review report) that every typed character, the new
//! rating and the actions are there.

mod support;

use support::cli::{TODAY, WAIT, bin, dsr_ok, spawn};

use serde_json::Value;
use std::process::Command;
use support::pty::{Key, Tui};

fn next_step(tui: &mut Tui, n: usize) {
    tui.key(Key::Ctrl('n'));
    tui.wait_for(&format!("Step {n}/11"), WAIT)
        .unwrap_or_else(|e| panic!("step {n}: {e}"));
}

const Q1: &str = "Safe and quiet at home; no restraint since June. Mum says q is fine.";
const Q2_BEFORE_KILL: &str = "Care plan followed; PBS plan upd";
const Q2_AFTER: &str = "ated with the family.";
const PLACE: &str = "Family home, Leeds";
const CONSENT: &str = "Mum signed the form; copy on file";
const REASON: &str = "Mum is unwell; risk of placement breakdown";
const ACTION: &str = "Update the crisis plan with mum";

#[test]
fn review_survives_kill_9_and_finalises() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("register.db");
    dsr_ok(&db, &["demo", "--people", "60", "--seed", "7"]);

    // --- First session: start from the register, type, then die mid-sentence. ---
    let mut tui = spawn(&db);
    tui.keys("G"); // the last row: a GREEN person, living in the community
    tui.keys("R");
    tui.wait_for("Start a new C(E)TR draft", WAIT)
        .expect("R asks before creating a draft");
    tui.keys("y");
    tui.wait_for("Step 1/11", WAIT)
        .expect("wizard opens on step 1");
    tui.key(Key::Tab);
    tui.key(Key::Tab);
    tui.key(Key::Tab);
    tui.keys(PLACE);
    tui.key(Key::Tab);
    tui.key(Key::Tab);
    tui.keys(CONSENT);
    tui.wait_for(CONSENT, WAIT).expect("consent note typed");
    tui.key(Key::Esc);

    next_step(&mut tui, 2);
    // Education and social care too: a CETR needs them (for a CTR they join as "other").
    for name in [
        "Sunita Rao",
        "Dr Kim Lau",
        "Ruth Akers",
        "Priya Shah",
        "Tom Edwards",
    ] {
        tui.keys("a");
        tui.keys(name);
        tui.wait_for(name, WAIT).expect("panel member typed");
        tui.key(Key::Esc);
    }
    tui.wait_for("Everyone the panel needs is named", WAIT)
        .expect("panel complete");

    next_step(&mut tui, 3);
    tui.keys(" ");
    tui.wait_for("1 of", WAIT).expect("a document ticked");

    next_step(&mut tui, 4);
    tui.keys(Q1);
    tui.wait_for("Mum says q is fine.", WAIT)
        .expect("typing lands in the findings editor, q included");
    next_step(&mut tui, 5);
    tui.keys(Q2_BEFORE_KILL);
    tui.wait_for(Q2_BEFORE_KILL, WAIT).expect("on screen");
    tui.kill_hard();

    // --- Second session: resume from the Reviews pane in the same field, mid-word. ---
    let mut tui = spawn(&db);
    tui.keys("2");
    // Requests come first; filter to the drafts (all -> requests -> drafts).
    tui.keys("ff");
    tui.wait_for("Showing drafts", WAIT).expect("drafts only");
    tui.wait_for("DRAFT", WAIT).expect("the draft listed");
    tui.key(Key::Enter);
    tui.wait_for("Step 5/11", WAIT)
        .expect("resumes on question 2");
    tui.wait_for(Q2_BEFORE_KILL, WAIT)
        .expect("every character survived");
    tui.keys(Q2_AFTER);
    tui.wait_for("PBS plan updated with the family.", WAIT)
        .expect("cursor resumed at the end of the sentence");

    // Every question needs findings before the review can be finalised.
    next_step(&mut tui, 6);
    tui.keys("College place agreed for September.");
    tui.wait_for("College place agreed", WAIT)
        .expect("Q3 typed");
    next_step(&mut tui, 7);
    tui.keys("Yes, at home with the right support.");
    tui.wait_for("at home with the right support", WAIT)
        .expect("Q4 typed");
    next_step(&mut tui, 8);
    tui.keys(" "); // principle 1 reflected well
    next_step(&mut tui, 9);
    tui.keys(" "); // needs can be met in the community: yes
    tui.key(Key::Tab);
    tui.keys("  "); // not chosen -> GREEN -> AMBER
    tui.wait_for("AMBER (was GREEN)", WAIT)
        .expect("new rating proposed");
    tui.key(Key::Tab);
    tui.keys(REASON);
    tui.wait_for(REASON, WAIT).expect("reason typed");
    tui.key(Key::Esc);

    next_step(&mut tui, 10);
    tui.keys("a");
    tui.keys(ACTION);
    tui.key(Key::Tab);
    tui.keys(" "); // from question 1
    tui.key(Key::Tab);
    tui.keys("Sam Jones");
    tui.key(Key::Tab);
    tui.keys("CLDT");
    tui.wait_for("CLDT", WAIT).expect("organisation typed");
    tui.key(Key::Esc);

    next_step(&mut tui, 11);
    tui.wait_for("Ready to finalise", WAIT)
        .expect("nothing blocks");
    tui.key(Key::Enter);
    tui.wait_for("Press Enter again", WAIT)
        .expect("asks to confirm");
    tui.key(Key::Enter);
    tui.wait_for("FINAL", WAIT).expect("finalised");
    tui.key(Key::Esc);
    tui.wait_for("Reviews:", WAIT).expect("back to the list");
    tui.keys("q");
    let status = tui.wait_exit(WAIT).expect("exits");
    assert!(status.success(), "{status:?}");

    // --- Check the register through the export. ---
    let export: Value =
        serde_json::from_slice(&dsr_ok(&db, &["export", "--format", "json"])).expect("json");
    let people = export["people"].as_array().expect("people");
    let person = people
        .iter()
        .find(|p| {
            p["reviews"]
                .as_array()
                .is_some_and(|rs| rs.iter().any(|r| r["findings"][0].as_str() == Some(Q1)))
        })
        .expect("the person whose review we ran");
    let review = person["reviews"]
        .as_array()
        .expect("reviews")
        .iter()
        .find(|r| r["findings"][0].as_str() == Some(Q1))
        .expect("review");
    assert_eq!(review["status"], "final");
    assert_eq!(
        review["findings"][1].as_str(),
        Some(format!("{Q2_BEFORE_KILL}{Q2_AFTER}").as_str()),
        "the sentence cut by kill -9 continues where it stopped"
    );
    assert_eq!(review["proposed_rating"], "AMBER");
    assert_eq!(review["rating_reason"].as_str(), Some(REASON));
    assert_eq!(person["rating"], "AMBER", "the new rating is applied");
    let last = person["rating_history"]
        .as_array()
        .and_then(|h| h.last())
        .expect("history");
    assert_eq!(last["review_id"], review["id"]);
    let action = person["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["review_id"] == review["id"])
        .expect("an action from the review");
    assert_eq!(action["text"].as_str(), Some(ACTION));
    assert_eq!(action["owner"].as_str(), Some("Sam Jones"));
    assert_eq!(action["organisation"].as_str(), Some("CLDT"));
    assert_eq!(action["question"], 1);
    assert_eq!(action["due"], "2026-12-22");

    // Every other typed field is in the export too.
    assert_eq!(review["place"].as_str(), Some(PLACE));
    assert_eq!(review["consent_note"].as_str(), Some(CONSENT));
    let names: Vec<&str> = review["panel"]
        .as_array()
        .expect("panel")
        .iter()
        .filter_map(|m| m["name"].as_str())
        .collect();
    for name in ["Sunita Rao", "Dr Kim Lau", "Ruth Akers"] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
    assert_eq!(review["documents_received"][0], "planner");
    assert_eq!(review["principles"][0]["reflection"], "well");
    assert_eq!(review["recommendations"][0]["text"].as_str(), Some(ACTION));
    assert_eq!(review["recommendations"][0]["action_id"], action["id"]);

    // The report and the family plan name the person: without consent to share they stay in.
    let id = review["id"].as_i64().expect("id").to_string();
    let refused = Command::new(bin())
        .args(["review", "export", &id, "--family", "--db"])
        .arg(&db)
        .env("DSR_TODAY", TODAY)
        .output()
        .expect("run");
    assert!(
        !refused.status.success(),
        "the demo person has not agreed to share"
    );
    {
        let err = String::from_utf8_lossy(&refused.stderr);
        assert!(err.contains("consent to share is"), "{err}");
        assert!(refused.stdout.is_empty(), "nothing written");
        let person_id = person["id"].as_i64().expect("person id");
        rusqlite::Connection::open(&db)
            .expect("open")
            .execute(
                "INSERT INTO consent (person_id, giver, basis, decided_on, scopes, share_with, status,
                     recorded_by, recorded_at)
                 VALUES (?1, 'person', 'form', '2026-11-01', 'register,review,sharing',
                     '[\"CLDT\"]', 'given', 'e2e', '2026-11-01T10:00:00Z')",
                [person_id],
            )
            .expect("consent to share");
    }

    // And in the review report.
    let report = String::from_utf8(dsr_ok(&db, &["review", "export", &id, "--format", "txt"]))
        .expect("utf-8");
    for typed in [PLACE, CONSENT, "Sunita Rao", "Dr Kim Lau", "Ruth Akers"] {
        assert!(
            report.contains(typed),
            "{typed:?} missing from the report:\n{report}"
        );
    }
    let plan = String::from_utf8(dsr_ok(
        &db,
        &["review", "export", &id, "--format", "md", "--family"],
    ))
    .expect("utf-8");
    assert!(plan.contains("Sam Jones"), "{plan}");
    assert!(plan.contains("Tuesday 22 December 2026"), "{plan}");
    assert!(
        plan.contains("CLDT (community learning disability team)"),
        "{plan}"
    );
}

/// A dropped SSH session sends SIGHUP: the app flushes, restores the terminal and exits cleanly,
/// and the draft holds everything typed.
#[test]
fn hangup_mid_review_exits_cleanly_with_the_draft_saved() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("register.db");
    dsr_ok(&db, &["demo", "--people", "30", "--seed", "7"]);
    let mut tui = spawn(&db);
    tui.keys("G");
    tui.keys("R");
    tui.wait_for("Start a new C(E)TR draft", WAIT)
        .expect("R asks before creating a draft");
    tui.keys("y");
    tui.wait_for("Step 1/11", WAIT).expect("wizard");
    for n in 2..=4 {
        next_step(&mut tui, n);
    }
    let text = "Typed just before the connection dropped";
    tui.keys(text);
    tui.wait_for(text, WAIT).expect("on screen");
    let pid = tui.pid().expect("pid").to_string();
    let status = Command::new("kill")
        .args(["-HUP", &pid])
        .status()
        .expect("kill -HUP");
    assert!(status.success());
    let exit = tui.wait_exit(WAIT).expect("exits after SIGHUP");
    assert!(exit.success(), "{exit:?}");
    let export: Value =
        serde_json::from_slice(&dsr_ok(&db, &["export", "--format", "json"])).expect("json");
    let found = export["people"]
        .as_array()
        .expect("people")
        .iter()
        .flat_map(|p| p["reviews"].as_array().cloned().unwrap_or_default())
        .any(|r| r["status"] == "draft" && r["findings"][0].as_str() == Some(text));
    assert!(found, "the draft holds the text typed before the hangup");
}
