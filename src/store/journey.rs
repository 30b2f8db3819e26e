//! Person-level facts of the C(E)TR journey: the policy time limits, and advocacy.

use super::people;
use super::{Result, StoreError, Writer};
use crate::domain::journey::{ADVOCACY, JourneyPolicy, advocacy_label};
use crate::domain::policy::Interval;
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::HashMap;

/// The journey's time limits from the policy table (defaults fill any gap).
pub fn journey_policy(conn: &Connection) -> Result<JourneyPolicy> {
    let sql = "SELECT key, amount, unit FROM policy_interval";
    let rows: Vec<(String, u32, String)> =
        super::collect(conn, sql, [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(JourneyPolicy::from_rows(rows.iter().filter_map(
        |(k, n, u)| Interval::parse(*n, u).map(|i| (k.as_str(), i)),
    )))
}

/// The type of advocacy the person receives (a code of the advocacy lookup), if recorded.
pub fn advocacy(conn: &Connection, person_id: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT advocacy FROM person WHERE id = ?1",
            [person_id],
            |r| r.get::<_, Option<String>>(0),
        )
        .optional()?
        .flatten())
}

/// Everyone's recorded advocacy, by person id, for exports.
pub fn all_advocacy(conn: &Connection) -> Result<HashMap<i64, String>> {
    let rows = super::collect(
        conn,
        "SELECT id, advocacy FROM person WHERE advocacy IS NOT NULL",
        [],
        |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
    )?;
    Ok(rows.into_iter().collect())
}

/// Record the type of advocacy the person receives.
pub fn set_advocacy(w: &mut Writer, person_id: i64, code: &str) -> Result<()> {
    if advocacy_label(code).is_none() {
        let known: Vec<&str> = ADVOCACY.iter().map(|(c, _)| *c).collect();
        return Err(StoreError::Invalid(format!(
            "unknown type of advocacy {code:?}: use one of {}",
            known.join(", ")
        )));
    }
    people::person(&w.tx, person_id)?;
    let old = advocacy(&w.tx, person_id)?;
    if old.as_deref() == Some(code.trim()) {
        return Ok(());
    }
    w.tx.execute(
        "UPDATE person SET advocacy = ?1 WHERE id = ?2",
        params![code.trim(), person_id],
    )?;
    w.audit(
        "person",
        person_id,
        "advocacy",
        old.as_deref(),
        Some(code.trim()),
    )
}
