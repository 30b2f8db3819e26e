//! Actions: created by finished reviews (or by hand), each change kept in its history.

use super::people::{date, iso, opt_date, rating};
use super::{Result, StoreError, Writer};
use crate::domain::action::ActionStatus;
use crate::domain::rating::Rating;
use chrono::NaiveDate;
use rusqlite::{Connection, Row, params};
use serde::Serialize;

#[derive(Debug, Clone)]
pub struct NewAction {
    pub person_id: i64,
    pub review_id: Option<i64>,
    pub question: Option<u8>,
    pub text: String,
    pub owner: String,
    pub organisation: String,
    pub due: NaiveDate,
}

/// An action with enough of its person to list it.
#[derive(Debug, Clone, Serialize)]
pub struct ActionRow {
    pub id: i64,
    pub person_id: i64,
    pub person_name: String,
    pub person_rating: Rating,
    pub review_id: Option<i64>,
    pub question: Option<u8>,
    pub text: String,
    pub owner: String,
    pub organisation: String,
    pub due: NaiveDate,
    pub status: ActionStatus,
    pub completed_on: Option<NaiveDate>,
    pub evidence: Option<String>,
    pub created_at: String,
    pub version: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionEvent {
    pub id: i64,
    pub action_id: i64,
    pub at: String,
    pub by_user: String,
    pub kind: String,
    pub from_value: Option<String>,
    pub to_value: Option<String>,
    pub reason: Option<String>,
}

/// Create an action; its first history entry says where it came from.
pub fn create(w: &mut Writer, a: &NewAction) -> Result<i64> {
    for (value, what) in [(&a.text, "the action's text"), (&a.owner, "a named owner")] {
        if value.trim().is_empty() {
            return Err(StoreError::Invalid(format!("{what} is required")));
        }
    }
    w.tx.execute(
        "INSERT INTO action (person_id, review_id, question, text, owner, organisation, due, status, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'open', ?8, ?9)",
        params![
            a.person_id,
            a.review_id,
            a.question,
            a.text.trim(),
            a.owner.trim(),
            a.organisation.trim(),
            iso(a.due),
            w.at(),
            w.user()
        ],
    )?;
    let id = w.tx.last_insert_rowid();
    let source = match a.review_id {
        Some(r) => format!("from review {r}"),
        None => "added by hand".to_string(),
    };
    event(w, id, "created", None, Some(&iso(a.due)), Some(&source))?;
    w.audit("action", id, "created", None, Some(a.text.trim()))?;
    Ok(id)
}

/// Append to an action's own history (the audit row is written by the caller for each field).
pub fn event(
    w: &Writer,
    action_id: i64,
    kind: &str,
    from: Option<&str>,
    to: Option<&str>,
    reason: Option<&str>,
) -> Result<()> {
    w.tx.execute(
        "INSERT INTO action_event (action_id, at, by_user, kind, from_value, to_value, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![action_id, w.at(), w.user(), kind, from, to, reason],
    )?;
    Ok(())
}

const ACTION_SQL: &str = "
SELECT a.id, a.person_id, p.family_name || ', ' || p.given_name, p.rating, a.review_id, a.question, a.text,
       a.owner, a.organisation, a.due, a.status, a.completed_on, a.evidence, a.created_at, a.version
FROM action a JOIN person p ON p.id = a.person_id";

fn action_row(r: &Row) -> rusqlite::Result<ActionRow> {
    let status: String = r.get(10)?;
    Ok(ActionRow {
        id: r.get(0)?,
        person_id: r.get(1)?,
        person_name: r.get(2)?,
        person_rating: rating(&r.get::<_, String>(3)?)?,
        review_id: r.get(4)?,
        question: r.get(5)?,
        text: r.get(6)?,
        owner: r.get(7)?,
        organisation: r.get(8)?,
        due: date(&r.get::<_, String>(9)?)?,
        status: ActionStatus::parse(&status).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                10,
                rusqlite::types::Type::Text,
                format!("unknown status {status}").into(),
            )
        })?,
        completed_on: opt_date(r.get(11)?)?,
        evidence: r.get(12)?,
        created_at: r.get(13)?,
        version: r.get(14)?,
    })
}

/// Every action, in id order.
pub fn all(conn: &Connection) -> Result<Vec<ActionRow>> {
    let sql = format!("{ACTION_SQL} ORDER BY a.id");
    let rows = conn
        .prepare_cached(&sql)?
        .query_map([], action_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn of_person(conn: &Connection, person_id: i64) -> Result<Vec<ActionRow>> {
    let sql = format!("{ACTION_SQL} WHERE a.person_id = ?1 ORDER BY a.due, a.id");
    let rows = conn
        .prepare_cached(&sql)?
        .query_map([person_id], action_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn history(conn: &Connection, action_id: i64) -> Result<Vec<ActionEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, action_id, at, by_user, kind, from_value, to_value, reason FROM action_event WHERE action_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([action_id], |r| {
            Ok(ActionEvent {
                id: r.get(0)?,
                action_id: r.get(1)?,
                at: r.get(2)?,
                by_user: r.get(3)?,
                kind: r.get(4)?,
                from_value: r.get(5)?,
                to_value: r.get(6)?,
                reason: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
