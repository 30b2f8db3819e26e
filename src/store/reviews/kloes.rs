//! Key lines of enquiry: a judgement and a note per line.

use super::draft::audit_text;
use super::{Result, Writer, bad, ensure_draft};
use crate::domain::review::KloeJudgement;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct KloeAnswer {
    pub kloe_id: i64,
    pub question: u8,
    pub text: String,
    pub judgement: KloeJudgement,
    pub note: String,
}

/// Every active line of enquiry (and any retired one this review already answered), in order.
pub fn kloes(conn: &Connection, review_id: i64) -> Result<Vec<KloeAnswer>> {
    let mut stmt = conn.prepare_cached(
        "SELECT k.id, k.question, k.text, coalesce(rk.judgement, 'not_covered'), coalesce(rk.note, '')
         FROM kloe k LEFT JOIN review_kloe rk ON rk.kloe_id = k.id AND rk.review_id = ?1
         WHERE k.active = 1 OR rk.kloe_id IS NOT NULL
         ORDER BY k.question, k.sort, k.id",
    )?;
    let rows = stmt
        .query_map([review_id], |r| {
            let j: String = r.get(3)?;
            Ok(KloeAnswer {
                kloe_id: r.get(0)?,
                question: r.get(1)?,
                text: r.get(2)?,
                judgement: KloeJudgement::parse(&j).ok_or_else(|| bad("judgement", &j))?,
                note: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

fn kloe_current(w: &Writer, review_id: i64, kloe_id: i64) -> Result<(String, String)> {
    Ok(w.tx
        .prepare_cached(
            "SELECT judgement, note FROM review_kloe WHERE review_id = ?1 AND kloe_id = ?2",
        )?
        .query_row(params![review_id, kloe_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or_else(|| ("not_covered".into(), String::new())))
}

pub fn set_kloe_judgement(
    w: &mut Writer,
    review_id: i64,
    kloe_id: i64,
    j: KloeJudgement,
) -> Result<()> {
    ensure_draft(w, review_id)?;
    let (old, _) = kloe_current(w, review_id, kloe_id)?;
    if old == j.code() {
        return Ok(());
    }
    w.tx.prepare_cached(
        "INSERT INTO review_kloe (review_id, kloe_id, judgement) VALUES (?1, ?2, ?3)
         ON CONFLICT (review_id, kloe_id) DO UPDATE SET judgement = excluded.judgement",
    )?
    .execute(params![review_id, kloe_id, j.code()])?;
    w.audit(
        "review",
        review_id,
        &format!("kloe.{kloe_id}"),
        Some(&old),
        Some(j.code()),
    )
}

pub fn set_kloe_note(w: &mut Writer, review_id: i64, kloe_id: i64, note: &str) -> Result<()> {
    ensure_draft(w, review_id)?;
    let (_, old) = kloe_current(w, review_id, kloe_id)?;
    if old == note {
        return Ok(());
    }
    w.tx.prepare_cached(
        "INSERT INTO review_kloe (review_id, kloe_id, note) VALUES (?1, ?2, ?3)
         ON CONFLICT (review_id, kloe_id) DO UPDATE SET note = excluded.note",
    )?
    .execute(params![review_id, kloe_id, note])?;
    audit_text(w, review_id, &format!("kloe.{kloe_id}.note"), &old, note)
}
