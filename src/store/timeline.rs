//! Reading the audit trail back: a person's timeline (every change to their record, admissions,
//! reviews, actions and requests, and every time someone opened them), or the whole trail.

use super::error::Result;
use rusqlite::{Connection, params};
use serde::Serialize;

/// One row of the trail, with the person it concerns when it concerns one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditLine {
    pub id: i64,
    pub at: String,
    pub by_user: String,
    pub os_user: Option<String>,
    pub kind: String,
    pub entity: String,
    pub entity_id: i64,
    pub person_id: Option<i64>,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

fn line(r: &rusqlite::Row) -> rusqlite::Result<AuditLine> {
    Ok(AuditLine {
        id: r.get(0)?,
        at: r.get(1)?,
        by_user: r.get(2)?,
        os_user: r.get(3)?,
        kind: r.get(4)?,
        entity: r.get(5)?,
        entity_id: r.get(6)?,
        person_id: r.get(7)?,
        field: r.get(8)?,
        old: r.get(9)?,
        new: r.get(10)?,
    })
}

const COLUMNS: &str =
    "a.id, a.at, a.by_user, a.os_user, a.kind, a.entity, a.entity_id, o.person_id,
                       a.field, a.old, a.new";

/// The records that belong to a person, by the entity name the trail uses for them.
const OWNED: &[(&str, &str)] = &[
    ("admission", "admission"),
    ("review", "review"),
    ("action", "action"),
    ("review_request", "review_request"),
    ("consent", "consent"),
];

/// Every row about person `person_id`, newest first, from `since` (an ISO date or timestamp) on.
/// Each part reads through the trail's (entity, entity_id) index, so a timeline is quick on a
/// register with millions of rows.
pub fn of_person(conn: &Connection, person_id: i64, since: Option<&str>) -> Result<Vec<AuditLine>> {
    let mut parts = vec![format!(
        "SELECT {COLUMNS} FROM audit a JOIN (SELECT ?1 AS person_id) o
         WHERE a.entity = 'person' AND a.entity_id = ?1"
    )];
    for (entity, table) in OWNED {
        parts.push(format!(
            "SELECT {COLUMNS} FROM \"{table}\" o JOIN audit a ON a.entity = '{entity}' AND a.entity_id = o.id
             WHERE o.person_id = ?1"
        ));
    }
    let sql = format!(
        "SELECT * FROM ({}) WHERE ?2 IS NULL OR at >= ?2 ORDER BY at DESC, id DESC",
        parts.join(" UNION ALL ")
    );
    super::collect(conn, &sql, params![person_id, since], line)
}

/// The whole trail from `since` on, newest first, each row with its person where it has one.
pub fn all(conn: &Connection, since: Option<&str>) -> Result<Vec<AuditLine>> {
    let owners = OWNED
        .iter()
        .map(|(entity, table)| format!("SELECT '{entity}', id, person_id FROM \"{table}\""))
        .collect::<Vec<_>>()
        .join(" UNION ALL ");
    let sql = format!(
        "WITH owner (entity, id, person_id) AS (SELECT 'person', id, id FROM person UNION ALL {owners})
         SELECT {COLUMNS} FROM audit a LEFT JOIN owner o ON o.entity = a.entity AND o.id = a.entity_id
         WHERE ?1 IS NULL OR a.at >= ?1
         ORDER BY a.at DESC, a.id DESC"
    );
    super::collect(conn, &sql, params![since], line)
}
