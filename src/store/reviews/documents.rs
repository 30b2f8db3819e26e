//! The documents checklist.

use super::{Result, Writer, ensure_draft};
use crate::domain::review::{ReviewKind, documents_for};
use rusqlite::{Connection, params};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct DocumentRow {
    pub code: String,
    pub label: String,
    pub received: bool,
}

/// The checklist for a review: the standard list for its kind, with what has been ticked.
pub fn documents(conn: &Connection, review_id: i64, kind: ReviewKind) -> Result<Vec<DocumentRow>> {
    let mut ticked = std::collections::HashMap::new();
    let mut stmt = conn
        .prepare_cached("SELECT code, label, received FROM review_document WHERE review_id = ?1")?;
    for row in stmt.query_map([review_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, bool>(2)?,
        ))
    })? {
        let (code, label, received) = row?;
        ticked.insert(code, (label, received));
    }
    let mut out: Vec<DocumentRow> = documents_for(kind)
        .map(|(code, label)| DocumentRow {
            code: code.into(),
            label: label.into(),
            received: ticked.remove(code).is_some_and(|(_, r)| r),
        })
        .collect();
    let mut rest: Vec<DocumentRow> = ticked
        .into_iter()
        .map(|(code, (label, received))| DocumentRow {
            code,
            label,
            received,
        })
        .collect();
    rest.sort_by(|a, b| a.code.cmp(&b.code));
    out.extend(rest);
    Ok(out)
}

pub fn set_document(
    w: &mut Writer,
    review_id: i64,
    code: &str,
    label: &str,
    received: bool,
) -> Result<()> {
    ensure_draft(w, review_id)?;
    w.tx.execute(
        "INSERT INTO review_document (review_id, code, label, received) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (review_id, code) DO UPDATE SET received = excluded.received",
        params![review_id, code, label, received],
    )?;
    w.audit(
        "review",
        review_id,
        &format!("document.{code}"),
        None,
        Some(if received { "received" } else { "not received" }),
    )
}
