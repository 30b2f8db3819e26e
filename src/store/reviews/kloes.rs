//! Key lines of enquiry: a judgement and a note per line.

use super::draft::audit_text;
use super::{Result, ReviewRow, StoreError, Writer, bad, ensure_draft, get};
use crate::domain::kloe::{KloeTemplate, template_for};
use crate::domain::review::{KloeJudgement, ReviewStatus};
use crate::store::people;
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

/// The lines of enquiry a review asks, in order. A draft asks the active lines of the template
/// its kind and type call for (and keeps any other line it already answered); a final review
/// shows exactly the lines it was asked, in the words it was asked them.
pub fn kloes(conn: &Connection, review_id: i64) -> Result<Vec<KloeAnswer>> {
    let review = get(conn, review_id)?;
    let template = template_of(conn, &review)?;
    let mut stmt = conn.prepare_cached(
        "SELECT k.id, k.question, k.text, coalesce(rk.judgement, 'not_covered'), coalesce(rk.note, '')
         FROM kloe k LEFT JOIN review_kloe rk ON rk.kloe_id = k.id AND rk.review_id = ?1
         WHERE (?3 = 0 AND k.active = 1 AND k.template = ?2) OR rk.kloe_id IS NOT NULL
         ORDER BY k.question, k.sort, k.id",
    )?;
    let is_final = review.status == ReviewStatus::Final;
    let rows = stmt
        .query_map(params![review_id, template.code(), is_final], |r| {
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

/// The template a review asks: the one it was finalised with, else the one its kind and type
/// (and, for a review on request, whether the person is in hospital) call for.
pub fn template_of(conn: &Connection, review: &ReviewRow) -> Result<KloeTemplate> {
    Ok(match review.kloe_template {
        Some(t) => t,
        None => template_for(
            review.kind,
            review.review_type,
            people::open_admission(conn, review.person_id)?.is_some(),
        ),
    })
}

/// On finalising: keep a row for every line the review was asked, so later rewording of the
/// lookup never changes what a finished review says it asked.
pub(super) fn freeze_kloes(w: &Writer, review: &ReviewRow) -> Result<()> {
    let template = template_of(&w.tx, review)?;
    w.tx.execute(
        "INSERT OR IGNORE INTO review_kloe (review_id, kloe_id)
         SELECT ?1, id FROM kloe WHERE active = 1 AND template = ?2",
        params![review.id, template.code()],
    )?;
    w.tx.execute(
        "UPDATE review SET kloe_template = ?1 WHERE id = ?2",
        params![template.code(), review.id],
    )?;
    w.audit(
        "review",
        review.id,
        "kloe_template",
        None,
        Some(template.code()),
    )
}

/// One row of the editable lookup of key lines of enquiry.
#[derive(Debug, Clone, Serialize)]
pub struct KloeLine {
    pub id: i64,
    pub template: String,
    pub question: u8,
    pub text: String,
    pub source: String,
    pub active: bool,
    /// The line this wording replaced.
    pub replaces: Option<i64>,
}

/// The whole lookup, current lines first, by template and question.
pub fn kloe_lookup(conn: &Connection) -> Result<Vec<KloeLine>> {
    super::super::collect(
        conn,
        "SELECT id, template, question, text, source, active, replaces FROM kloe
         ORDER BY active DESC, template, question, sort, id",
        [],
        |r| {
            Ok(KloeLine {
                id: r.get(0)?,
                template: r.get(1)?,
                question: r.get(2)?,
                text: r.get(3)?,
                source: r.get(4)?,
                active: r.get(5)?,
                replaces: r.get(6)?,
            })
        },
    )
}

/// Reword a line: the old wording is retired (reviews that asked it keep it) and a new line takes
/// its place in the same template, question and order. Returns the new line's id.
pub fn reword_kloe(w: &mut Writer, kloe_id: i64, text: &str, source: &str) -> Result<i64> {
    let text = text.trim();
    if text.is_empty() || source.trim().is_empty() {
        return Err(StoreError::Invalid(
            "a line of enquiry needs its wording and a source (where the wording comes from)"
                .into(),
        ));
    }
    let old: Option<(String, bool)> =
        w.tx.query_row(
            "SELECT text, active FROM kloe WHERE id = ?1",
            [kloe_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((old_text, true)) = old else {
        return Err(StoreError::Invalid(format!(
            "line of enquiry {kloe_id} is not a current line: list them with `dsr kloes`"
        )));
    };
    w.tx.execute(
        "INSERT INTO kloe (question, template, text, source, sort, replaces)
         SELECT question, template, ?2, ?3, sort, id FROM kloe WHERE id = ?1",
        params![kloe_id, text, source.trim()],
    )?;
    let id = w.tx.last_insert_rowid();
    w.tx.execute("UPDATE kloe SET active = 0 WHERE id = ?1", [kloe_id])?;
    w.audit("kloe", kloe_id, "active", Some("1"), Some("0"))?;
    w.audit("kloe", id, "text", Some(&old_text), Some(text))?;
    Ok(id)
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
