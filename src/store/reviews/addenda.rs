//! Addenda: dated corrections to a final review.

use super::{Result, StoreError, Writer, get};
use crate::domain::review::ReviewStatus;
use rusqlite::{Connection, params};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Addendum {
    pub id: i64,
    pub at: String,
    pub by_user: String,
    pub text: String,
}

/// A dated, audited correction to a final review (drafts are simply edited).
pub fn add_addendum(w: &mut Writer, review_id: i64, text: &str) -> Result<i64> {
    let review = get(&w.tx, review_id)?;
    if review.status != ReviewStatus::Final {
        return Err(StoreError::Invalid(
            "this review is still a draft: change it directly instead of adding an addendum".into(),
        ));
    }
    let text = text.trim();
    if text.is_empty() {
        return Err(StoreError::Invalid("an addendum needs some text".into()));
    }
    w.tx.execute(
        "INSERT INTO review_addendum (review_id, at, by_user, text) VALUES (?1, ?2, ?3, ?4)",
        params![review_id, w.at(), w.user(), text],
    )?;
    let id = w.tx.last_insert_rowid();
    w.audit("review", review_id, "addendum", None, Some(text))?;
    Ok(id)
}

pub fn addenda(conn: &Connection, review_id: i64) -> Result<Vec<Addendum>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, by_user, text FROM review_addendum WHERE review_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([review_id], |r| {
            Ok(Addendum {
                id: r.get(0)?,
                at: r.get(1)?,
                by_user: r.get(2)?,
                text: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
