//! The findings written under each of the four questions.

use super::draft::audit_text;
use super::{Result, Writer, ensure_draft};
use rusqlite::{Connection, OptionalExtension, params};

/// Save the findings text of one question (called on every keystroke by the wizard).
pub fn set_findings(w: &mut Writer, review_id: i64, question: u8, text: &str) -> Result<()> {
    ensure_draft(w, review_id)?;
    let old: Option<String> =
        w.tx.query_row(
            "SELECT findings FROM review_answer WHERE review_id = ?1 AND question = ?2",
            params![review_id, question],
            |r| r.get(0),
        )
        .optional()?;
    if old.as_deref() == Some(text) {
        return Ok(());
    }
    w.tx.execute(
        "INSERT INTO review_answer (review_id, question, findings) VALUES (?1, ?2, ?3)
         ON CONFLICT (review_id, question) DO UPDATE SET findings = excluded.findings",
        params![review_id, question, text],
    )?;
    audit_text(
        w,
        review_id,
        &format!("q{question}.findings"),
        old.as_deref().unwrap_or(""),
        text,
    )
}

pub fn findings(conn: &Connection, review_id: i64) -> Result<[String; 4]> {
    let mut out: [String; 4] = Default::default();
    let mut stmt =
        conn.prepare_cached("SELECT question, findings FROM review_answer WHERE review_id = ?1")?;
    for row in stmt.query_map([review_id], |r| {
        Ok((r.get::<_, u8>(0)?, r.get::<_, String>(1)?))
    })? {
        let (q, text) = row?;
        if let Some(slot) = out.get_mut(usize::from(q).wrapping_sub(1)) {
            *slot = text;
        }
    }
    Ok(out)
}

/// Findings of every review, keyed by review id, for exports.
pub fn all_findings(conn: &Connection) -> Result<std::collections::HashMap<i64, [String; 4]>> {
    let mut out: std::collections::HashMap<i64, [String; 4]> = std::collections::HashMap::new();
    let mut stmt = conn.prepare("SELECT review_id, question, findings FROM review_answer")?;
    for row in stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, u8>(1)?,
            r.get::<_, String>(2)?,
        ))
    })? {
        let (id, q, text) = row?;
        if let Some(slot) = out
            .entry(id)
            .or_default()
            .get_mut(usize::from(q).wrapping_sub(1))
        {
            *slot = text;
        }
    }
    Ok(out)
}
