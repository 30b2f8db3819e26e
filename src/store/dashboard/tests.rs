use super::*;
use crate::store::Store;

// The dashboard must not read the whole register to draw a dozen numbers: every hot query is
// planned through its index (a plan that scans the table instead fails here).
#[test]
fn hot_queries_use_their_indexes() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("r.db"), "t").expect("open");
    for (sql, index) in hot_queries() {
        let mut stmt = store
            .conn()
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .expect("prepare");
        let values: [&dyn rusqlite::ToSql; 3] = [&"2026-11-24", &24312, &"2025-12-31"];
        let bound = &values[..stmt.parameter_count()];
        let plan: Vec<String> = stmt
            .query_map(bound, |r| r.get::<_, String>(3))
            .expect("plan")
            .collect::<rusqlite::Result<_>>()
            .expect("plan rows");
        let plan = plan.join("\n");
        // A bare name asks for that index; a phrase ("COVERING INDEX name") for exactly that.
        let wanted = match index.contains(' ') {
            true => index.to_string(),
            false => format!("INDEX {index}"),
        };
        assert!(
            plan.contains(&wanted),
            "{wanted} unused by\n{sql}\nplan:\n{plan}"
        );
        for table in ["person", "admission", "rating_change", "action"] {
            assert!(
                !plan.lines().any(|l| l.trim() == format!("SCAN {table}")),
                "{sql} scans {table}:\n{plan}"
            );
        }
    }
}

// Speed budget: the Reviews pane's "due" list reads the open drafts once, not once per person
// due (a correlated subquery walked every draft for every person: half a minute at 100,000).
#[test]
fn the_due_list_reads_open_drafts_once() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("r.db"), "t").expect("open");
    let plan: Vec<String> = store
        .conn()
        .prepare(&format!(
            "EXPLAIN QUERY PLAN {}",
            crate::store::reviews::DUE_PEOPLE_SQL
        ))
        .expect("prepare")
        .query_map(["2026-11-24"], |r| r.get::<_, String>(3))
        .expect("plan")
        .collect::<rusqlite::Result<_>>()
        .expect("plan rows");
    assert!(
        !plan.iter().any(|l| l.contains("CORRELATED")),
        "{}",
        plan.join("\n")
    );
}
