use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn open() -> ActionState {
    ActionState {
        status: ActionStatus::Open,
        due: d("2026-11-01"),
        owner: "Jo Hartley".into(),
        organisation: "Keyworker service".into(),
        completed_on: None,
        evidence: None,
    }
}

// Rule: done keeps an optional note and evidence, and the completion date.
#[test]
fn done_records_completion_and_evidence() {
    let after = apply(
        &open(),
        &Change::Done {
            on: d("2026-11-24"),
            note: String::new(),
            evidence: " letter on file ".into(),
        },
    )
    .expect("done");
    assert_eq!(after.status, ActionStatus::Done);
    assert_eq!(after.completed_on, Some(d("2026-11-24")));
    assert_eq!(after.evidence.as_deref(), Some("letter on file"));
    let plain = apply(
        &open(),
        &Change::Done {
            on: d("2026-11-24"),
            note: String::new(),
            evidence: String::new(),
        },
    )
    .expect("done without note");
    assert_eq!(plain.evidence, None);
}

// Rule (DSR policy): re-dating must give a reason; escalate and cancel need one too.
#[test]
fn reasons_required() {
    let redate = Change::Redate {
        due: d("2026-12-08"),
        reason: "  ".into(),
    };
    assert!(
        apply(&open(), &redate)
            .expect_err("no reason")
            .0
            .contains("reason")
    );
    let esc = Change::Escalate { note: "".into() };
    assert!(apply(&open(), &esc).is_err());
    let cancel = Change::Cancel { reason: "".into() };
    assert!(apply(&open(), &cancel).is_err());
    let ok = Change::Redate {
        due: d("2026-12-08"),
        reason: "provider asked for two weeks".into(),
    };
    assert_eq!(apply(&open(), &ok).expect("redate").due, d("2026-12-08"));
    let same = Change::Redate {
        due: d("2026-11-01"),
        reason: "x".into(),
    };
    assert!(apply(&open(), &same).is_err());
}

// Rule: closed actions take no more triage; undo can reopen them.
#[test]
fn closed_actions_only_undo() {
    let done = apply(
        &open(),
        &Change::Done {
            on: d("2026-11-24"),
            note: String::new(),
            evidence: "e".into(),
        },
    )
    .expect("done");
    assert!(
        apply(
            &done,
            &Change::InProgress {
                note: String::new()
            }
        )
        .is_err()
    );
    assert!(
        apply(
            &done,
            &Change::Redate {
                due: d("2027-01-01"),
                reason: "r".into()
            }
        )
        .is_err()
    );
    let back = apply(
        &done,
        &Change::Undo {
            restore: open(),
            what: "marked done".into(),
        },
    )
    .expect("undo");
    assert_eq!(back, open());
    assert_eq!(
        Change::Undo {
            restore: open(),
            what: "marked done".into()
        }
        .reason()
        .as_deref(),
        Some("undo of: marked done")
    );
}

// Rule: reassigning needs a named owner who differs from the current one.
#[test]
fn reassign_rules() {
    let same = Change::Reassign {
        owner: "Jo Hartley".into(),
        organisation: "Keyworker service".into(),
        reason: String::new(),
    };
    assert!(apply(&open(), &same).is_err());
    let none = Change::Reassign {
        owner: " ".into(),
        organisation: "x".into(),
        reason: String::new(),
    };
    assert!(apply(&open(), &none).is_err());
    let ok = Change::Reassign {
        owner: "Priya Natt".into(),
        organisation: "Adult social care".into(),
        reason: String::new(),
    };
    let after = apply(&open(), &ok).expect("reassign");
    assert_eq!(after.owner, "Priya Natt");
    assert_eq!(after.status, ActionStatus::Open);
}

// Rule: a re-date into the past asks for confirmation; today does not.
#[test]
fn past_redate_confirmation() {
    let today = d("2026-11-24");
    assert!(past_due_needs_confirmation(d("2026-11-23"), today));
    assert!(!past_due_needs_confirmation(today, today));
}
