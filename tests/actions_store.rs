//! Store tests for action triage: each step on a real SQLite file, with its history and audit rows.

use chrono::NaiveDate;
use dsr::demo::{self, DemoSpec};
use dsr::domain::action::ActionStatus;
use dsr::store::actions::{self, NewAction};
use dsr::store::{Store, StoreError, settings};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

const TODAY: &str = "2026-11-24";

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    id: i64,
}

/// A small demo register plus one known action (due 01/11/2026, so 23 days overdue).
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("r.db"), "tester").expect("open");
    demo::generate(
        &mut store,
        DemoSpec {
            people: 8,
            seed: 7,
            today: d(TODAY),
        },
        |_| {},
    )
    .expect("demo");
    let id = store
        .write(|w| {
            actions::create(
                w,
                &NewAction {
                    person_id: 1,
                    review_id: None,
                    question: None,
                    text: "Refer to independent advocacy".into(),
                    owner: "Jo Hartley".into(),
                    organisation: "Keyworker service".into(),
                    due: d("2026-11-01"),
                },
            )
        })
        .expect("create");
    Fixture {
        _dir: dir,
        store,
        id,
    }
}

fn audit_fields(store: &Store, id: i64) -> Vec<(String, Option<String>, Option<String>)> {
    let mut stmt = store
        .conn()
        .prepare("SELECT field, old, new FROM audit WHERE entity = 'action' AND entity_id = ?1 ORDER BY id")
        .expect("prepare");
    stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

fn kinds(store: &Store, id: i64) -> Vec<String> {
    actions::history(store.conn(), id)
        .expect("history")
        .into_iter()
        .map(|e| e.kind)
        .collect()
}

// Issue 6: done keeps a completion date, note and evidence; history and audit record it.
#[test]
fn mark_done_with_note_and_evidence() {
    let mut f = fixture();
    let id = f.id;
    let row = f
        .store
        .write(|w| actions::mark_done(w, id, 1, d(TODAY), "advocate allocated", "email 20/11"))
        .expect("done");
    assert_eq!(row.status, ActionStatus::Done);
    assert_eq!(row.completed_on, Some(d(TODAY)));
    assert_eq!(row.evidence.as_deref(), Some("email 20/11"));
    assert_eq!(row.version, 2);
    let h = actions::history(f.store.conn(), id).expect("history");
    let last = h.last().expect("an event");
    assert_eq!(last.kind, "done");
    assert_eq!(last.by_user, "tester");
    assert_eq!(last.from_value.as_deref(), Some("open"));
    assert_eq!(last.to_value.as_deref(), Some("done"));
    let reason = last.reason.as_deref().unwrap_or("");
    assert!(
        reason.contains("advocate allocated") && reason.contains("email 20/11"),
        "{reason}"
    );
    let audit = audit_fields(&f.store, id);
    assert!(audit.contains(&("status".into(), Some("open".into()), Some("done".into()))));
    assert!(audit.contains(&("completed_on".into(), None, Some(TODAY.into()))));
    assert!(audit.contains(&("evidence".into(), None, Some("email 20/11".into()))));
}

// Issue 6: in progress, escalate (note required), cancel (reason required).
#[test]
fn status_steps_and_required_notes() {
    let mut f = fixture();
    let id = f.id;
    let row = f
        .store
        .write(|w| actions::mark_in_progress(w, id, 1, ""))
        .expect("in progress");
    assert_eq!(row.status, ActionStatus::InProgress);
    let err = f
        .store
        .write(|w| actions::escalate(w, id, 2, "  "))
        .expect_err("note required");
    assert!(
        matches!(err, StoreError::Invalid(ref m) if m.contains("note")),
        "{err}"
    );
    let row = f
        .store
        .write(|w| actions::escalate(w, id, 2, "no reply from provider in 3 weeks"))
        .expect("escalate");
    assert_eq!(row.status, ActionStatus::Escalated);
    assert!(
        f.store.write(|w| actions::cancel(w, id, 3, "")).is_err(),
        "cancel needs a reason"
    );
    let row = f
        .store
        .write(|w| actions::cancel(w, id, 3, "superseded by the new placement plan"))
        .expect("cancel");
    assert_eq!(row.status, ActionStatus::Cancelled);
    assert_eq!(
        kinds(&f.store, id),
        ["created", "in_progress", "escalated", "cancelled"]
    );
    let h = actions::history(f.store.conn(), id).expect("history");
    assert_eq!(
        h[2].reason.as_deref(),
        Some("no reply from provider in 3 weeks")
    );
    // A refused step wrote nothing: versions and audit rows line up with the three steps.
    let statuses: Vec<_> = audit_fields(&f.store, id)
        .into_iter()
        .filter(|(field, ..)| field == "status")
        .collect();
    assert_eq!(statuses.len(), 3);
}

// Issue 6: reassign changes owner and organisation, with history "from → to".
#[test]
fn reassign_owner_and_organisation() {
    let mut f = fixture();
    let id = f.id;
    let row = f
        .store
        .write(|w| {
            actions::reassign(
                w,
                id,
                1,
                "Priya Natt",
                "Adult social care",
                "moved to adult team",
            )
        })
        .expect("reassign");
    assert_eq!(
        (row.owner.as_str(), row.organisation.as_str()),
        ("Priya Natt", "Adult social care")
    );
    let h = actions::history(f.store.conn(), id).expect("history");
    let e = h.last().expect("event");
    assert_eq!(e.kind, "reassigned");
    assert_eq!(
        e.from_value.as_deref(),
        Some("Jo Hartley (Keyworker service)")
    );
    assert_eq!(
        e.to_value.as_deref(),
        Some("Priya Natt (Adult social care)")
    );
    let audit = audit_fields(&f.store, id);
    assert!(audit.contains(&(
        "owner".into(),
        Some("Jo Hartley".into()),
        Some("Priya Natt".into())
    )));
    assert!(audit.contains(&(
        "organisation".into(),
        Some("Keyworker service".into()),
        Some("Adult social care".into())
    )));
}

// Domain.md: re-dating must give a reason; the history keeps old date, new date and reason.
#[test]
fn redate_needs_reason_and_is_kept() {
    let mut f = fixture();
    let id = f.id;
    assert!(
        f.store
            .write(|w| actions::redate(w, id, 1, d("2026-12-08"), ""))
            .is_err()
    );
    let row = f
        .store
        .write(|w| actions::redate(w, id, 1, d("2026-12-08"), "provider asked for two weeks"))
        .expect("redate");
    assert_eq!(row.due, d("2026-12-08"));
    let e = actions::history(f.store.conn(), id)
        .expect("history")
        .pop()
        .expect("event");
    assert_eq!(
        (
            e.kind.as_str(),
            e.from_value.as_deref(),
            e.to_value.as_deref(),
            e.reason.as_deref()
        ),
        (
            "redated",
            Some("2026-11-01"),
            Some("2026-12-08"),
            Some("provider asked for two weeks")
        )
    );
    assert!(audit_fields(&f.store, id).contains(&(
        "due".into(),
        Some("2026-11-01".into()),
        Some("2026-12-08".into())
    )));
}

// Architecture rule: a stale version is refused with a message naming the action.
#[test]
fn stale_version_is_refused() {
    let mut f = fixture();
    let id = f.id;
    f.store
        .write(|w| actions::mark_in_progress(w, id, 1, ""))
        .expect("first writer");
    let err = f
        .store
        .write(|w| actions::redate(w, id, 1, d("2026-12-08"), "late"))
        .expect_err("stale");
    assert!(matches!(err, StoreError::Stale { .. }), "{err}");
    let msg = err.to_string();
    assert!(
        msg.contains(&format!("Action {id}")) && msg.contains("advocacy"),
        "{msg}"
    );
    assert_eq!(
        actions::get(f.store.conn(), id).expect("get").due,
        d("2026-11-01")
    );
}

// Issue 6: undo restores the earlier state and is itself recorded; no history row is deleted.
#[test]
fn undo_is_recorded_never_deleting_history() {
    let mut f = fixture();
    let id = f.id;
    let before = actions::get(f.store.conn(), id).expect("get");
    let after = f
        .store
        .write(|w| actions::mark_done(w, id, 1, d(TODAY), "", "letter"))
        .expect("done");
    let events_before_undo = actions::history(f.store.conn(), id).expect("h").len();
    let back = f
        .store
        .write(|w| actions::undo(w, id, after.version, &before.state(), "marked done"))
        .expect("undo");
    assert_eq!(back.state(), before.state());
    assert_eq!(back.version, 3);
    let h = actions::history(f.store.conn(), id).expect("history");
    assert_eq!(h.len(), events_before_undo + 1);
    let e = h.last().expect("undo event");
    assert_eq!(e.kind, "undo");
    assert_eq!(e.reason.as_deref(), Some("undo of: marked done"));
    assert!(
        e.from_value
            .as_deref()
            .unwrap_or("")
            .contains("status=done")
    );
    assert!(e.to_value.as_deref().unwrap_or("").contains("status=open"));
    let audit = audit_fields(&f.store, id);
    assert!(audit.contains(&("status".into(), Some("done".into()), Some("open".into()))));
    assert!(audit.contains(&("evidence".into(), Some("letter".into()), None)));
    // Undo at a stale version (someone changed it since) is refused.
    assert!(
        f.store
            .write(|w| actions::undo(w, id, after.version, &after.state(), "x"))
            .is_err()
    );
}

// The "mine" filter's owner name is a per-user setting, audited.
#[test]
fn my_owner_name_is_per_user() {
    let mut f = fixture();
    f.store
        .write(|w| settings::set(w, settings::MY_OWNER_NAME, " Sunita Rao "))
        .expect("set");
    let conn = f.store.conn();
    assert_eq!(
        settings::get(conn, "tester", settings::MY_OWNER_NAME)
            .expect("get")
            .as_deref(),
        Some("Sunita Rao")
    );
    assert_eq!(
        settings::get(conn, "someone else", settings::MY_OWNER_NAME).expect("get"),
        None
    );
    let n: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit WHERE entity = 'user_setting'",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(n, 1);
}

// Adding an action by hand finds the person by name, local id or NHS number.
#[test]
fn find_people_for_a_new_action() {
    let f = fixture();
    let conn = f.store.conn();
    let by_id = actions::find_people(conn, "dsr00001", 5).expect("find");
    assert_eq!(by_id.len(), 1);
    assert_eq!(by_id[0].id, 1);
    let by_nhs = actions::find_people(conn, "999 000 0", 50).expect("find");
    assert!(by_nhs.len() >= 5, "{by_nhs:?}");
    assert!(actions::find_people(conn, "%", 5).expect("find").is_empty());
    assert!(actions::find_people(conn, "", 5).expect("find").is_empty());
}

// `dsr actions`: --owner matches the full name in any case; open only unless --all; CSV has a header.
#[test]
fn action_list_filters_and_csv() {
    use dsr::report::actions::{ActionQuery, select, write_csv};
    let mut f = fixture();
    let id = f.id;
    f.store
        .write(|w| actions::reassign(w, id, 1, "=Zed Example", "Nowhere", ""))
        .expect("reassign");
    let rows = |s: &Store| actions::all(s.conn()).expect("rows");
    let q = ActionQuery {
        owner: Some(" =zed EXAMPLE ".into()),
        ..Default::default()
    };
    let mine = select(rows(&f.store), &q, d(TODAY));
    assert_eq!(mine.len(), 1);
    assert_eq!(
        (mine[0].id, mine[0].days_overdue, mine[0].overdue),
        (id, 23, true)
    );
    let mut out = Vec::new();
    write_csv(&mine, &mut out).expect("csv");
    let text = String::from_utf8(out).expect("utf-8");
    assert!(
        text.starts_with("id,person_id,person,rating,text,owner,"),
        "{text}"
    );
    assert!(
        text.contains(",'=Zed Example,"),
        "formula neutralised: {text}"
    );
    f.store
        .write(|w| actions::cancel(w, id, 2, "not needed"))
        .expect("cancel");
    assert!(
        select(rows(&f.store), &q, d(TODAY)).is_empty(),
        "closed actions are left out"
    );
    let all = ActionQuery {
        include_closed: true,
        ..q
    };
    assert_eq!(
        select(rows(&f.store), &all, d(TODAY))[0].status,
        "cancelled"
    );
}
