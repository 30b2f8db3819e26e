//! End-to-end: the request log, the report sent, advocacy and the lines of enquiry lookup from
//! the real binary.

mod support;

use std::process::Command;
use support::cli::{TODAY, bin, demo_db, dsr_json, dsr_ok};

fn dsr_err(db: &std::path::Path, args: &[&str]) -> String {
    let out = Command::new(bin())
        .args(args)
        .arg("--db")
        .arg(db)
        .env("DSR_TODAY", TODAY)
        .output()
        .expect("run dsr");
    assert!(!out.status.success(), "dsr {args:?} should fail");
    String::from_utf8_lossy(&out.stderr).to_string()
}

#[test]
fn request_logged_listed_overdue_and_decided() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo_db(dir.path(), 20);
    let said = dsr_ok(
        &db,
        &[
            "request",
            "add",
            "3",
            "--by",
            "family",
            "--requester",
            "Mother",
            "--reason",
            "crises at school",
            "--on",
            "2026-10-01",
        ],
    );
    let said = String::from_utf8_lossy(&said);
    assert!(said.contains("a decision is due by 29/10/2026"), "{said}");
    let list = dsr_json(&db, &["request", "list", "--open", "--format", "json"]);
    let rows = list.as_array().expect("array");
    let open_before = rows.len();
    let mine = rows
        .iter()
        .find(|r| r["reason"] == "crises at school")
        .expect("the request is listed");
    assert_eq!(mine["requested_by"], "family");
    assert_eq!(mine["overdue"], true);
    let id = mine["id"].as_i64().expect("id").to_string();

    let err = dsr_err(
        &db,
        &[
            "request",
            "decide",
            &id,
            "--outcome",
            "declined",
            "--by",
            "Jo Hartley",
        ],
    );
    assert!(err.contains("reason"), "{err}");
    dsr_ok(
        &db,
        &[
            "request",
            "decide",
            &id,
            "--outcome",
            "declined",
            "--by",
            "Jo Hartley",
            "--reason",
            "community support increased instead",
        ],
    );
    let csv = String::from_utf8(dsr_ok(&db, &["request", "list"])).expect("utf-8");
    assert!(
        csv.starts_with("id,person_id,person,requested_on,requested_by"),
        "{csv}"
    );
    assert!(csv.contains("declined"), "{csv}");
    let open = dsr_json(&db, &["request", "list", "--open", "--format", "json"]);
    assert_eq!(open.as_array().map(Vec::len), Some(open_before - 1));
}

#[test]
fn advocacy_and_kloe_lookup_from_the_command_line() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo_db(dir.path(), 10);
    dsr_ok(&db, &["advocacy", "2", "imha"]);
    let err = dsr_err(&db, &["advocacy", "2", "psychic"]);
    assert!(err.contains("imca"), "{err}");
    let lines = String::from_utf8(dsr_ok(&db, &["kloes"])).expect("utf-8");
    assert!(lines.contains("child_inpatient"), "{lines}");
    let id = lines
        .lines()
        .find(|l| l.contains("adult_community") && l.contains("Crisis support"))
        .and_then(|l| l.split_whitespace().next())
        .expect("a line id")
        .to_string();
    dsr_ok(
        &db,
        &[
            "kloes",
            "reword",
            &id,
            "Crisis support day and night",
            "--source",
            "local edit",
        ],
    );
    let lines = String::from_utf8(dsr_ok(&db, &["kloes"])).expect("utf-8");
    assert!(lines.contains("Crisis support day and night"), "{lines}");
}
