//! Recommendations, which become actions when the review is finalised.

use super::draft::set_value;
use super::{Result, StoreError, Writer, ensure_draft};
use crate::domain::dates::{parse_due_date, uk};
use crate::store::people::{iso, opt_date};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Recommendation {
    pub id: i64,
    pub question: Option<u8>,
    pub text: String,
    pub owner: String,
    pub organisation: String,
    pub due: Option<NaiveDate>,
    /// The due date as typed (`+2w`, `fri`, `31/12/2026`); `due` holds it once it parses.
    pub due_text: String,
    /// The action this recommendation became when the review was finalised.
    pub action_id: Option<i64>,
}

pub fn add_recommendation(
    w: &mut Writer,
    review_id: i64,
    question: Option<u8>,
    text: &str,
    owner: &str,
    organisation: &str,
    due: Option<NaiveDate>,
) -> Result<i64> {
    ensure_draft(w, review_id)?;
    w.tx.execute(
        "INSERT INTO review_recommendation (review_id, question, text, owner, organisation, due, due_text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![review_id, question, text, owner, organisation, due.map(iso), due.map(uk).unwrap_or_default()],
    )?;
    let id = w.tx.last_insert_rowid();
    w.audit("review", review_id, "recommendation", None, Some(text))?;
    Ok(id)
}

pub fn recommendations(conn: &Connection, review_id: i64) -> Result<Vec<Recommendation>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, question, text, owner, organisation, due, due_text, action_id FROM review_recommendation WHERE review_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([review_id], |r| {
            Ok(Recommendation {
                id: r.get(0)?,
                question: r.get(1)?,
                text: r.get(2)?,
                owner: r.get(3)?,
                organisation: r.get(4)?,
                due: opt_date(r.get(5)?)?,
                due_text: r.get(6)?,
                action_id: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecText {
    Text,
    Owner,
    Organisation,
    /// As typed; parsed into the due date when it reads as one.
    Due,
}

fn rec_review(w: &Writer, rec_id: i64) -> Result<i64> {
    let id: Option<i64> =
        w.tx.prepare_cached("SELECT review_id FROM review_recommendation WHERE id = ?1")?
            .query_row([rec_id], |r| r.get(0))
            .optional()?;
    let id = id.ok_or_else(|| StoreError::NotFound {
        what: format!("recommendation {rec_id}"),
    })?;
    ensure_draft(w, id)?;
    Ok(id)
}

/// A new empty recommendation, due in four weeks unless changed.
pub fn add_recommendation_slot(
    w: &mut Writer,
    review_id: i64,
    question: Option<u8>,
    today: NaiveDate,
) -> Result<i64> {
    let due = today
        .checked_add_days(chrono::Days::new(28))
        .unwrap_or(today);
    add_recommendation(w, review_id, question, "", "", "", Some(due))
}

pub fn set_recommendation_text(
    w: &mut Writer,
    rec_id: i64,
    field: RecText,
    text: &str,
    today: NaiveDate,
) -> Result<()> {
    let rid = rec_review(w, rec_id)?;
    let column = match field {
        RecText::Text => "text",
        RecText::Owner => "owner",
        RecText::Organisation => "organisation",
        RecText::Due => "due_text",
    };
    let audit = format!("recommendation.{rec_id}.{column}");
    set_value(
        w,
        rid,
        "review_recommendation",
        rec_id,
        column,
        Value::Text(text.into()),
        &audit,
    )?;
    if field == RecText::Due {
        let due = parse_due_date(text, today).ok();
        let v = due.map_or(Value::Null, |d| Value::Text(iso(d)));
        set_value(
            w,
            rid,
            "review_recommendation",
            rec_id,
            "due",
            v,
            &format!("recommendation.{rec_id}.due"),
        )?;
    }
    Ok(())
}

pub fn set_recommendation_question(w: &mut Writer, rec_id: i64, q: Option<u8>) -> Result<()> {
    let rid = rec_review(w, rec_id)?;
    let v = q.map_or(Value::Null, |q| Value::Integer(q.into()));
    set_value(
        w,
        rid,
        "review_recommendation",
        rec_id,
        "question",
        v,
        &format!("recommendation.{rec_id}.question"),
    )
}

pub fn remove_recommendation(w: &mut Writer, rec_id: i64) -> Result<()> {
    let rid = rec_review(w, rec_id)?;
    let text: String = w.tx.query_row(
        "SELECT text FROM review_recommendation WHERE id = ?1",
        [rec_id],
        |r| r.get(0),
    )?;
    w.tx.execute("DELETE FROM review_recommendation WHERE id = ?1", [rec_id])?;
    w.audit("review", rid, "recommendation", Some(&text), None)
}
