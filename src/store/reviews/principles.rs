//! The eight principles and the nine "I" statements.

use super::draft::audit_text;
use super::{Result, Writer, bad, ensure_draft};
use crate::domain::review::{I_STATEMENTS, PRINCIPLES, Reflection};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

/// `principle` (the eight) or `i_statement` (the nine of seed 004).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PrincipleKind {
    Principle,
    IStatement,
}

impl PrincipleKind {
    pub fn code(self) -> &'static str {
        match self {
            PrincipleKind::Principle => "principle",
            PrincipleKind::IStatement => "i_statement",
        }
    }
    pub fn texts(self) -> &'static [&'static str] {
        match self {
            PrincipleKind::Principle => &PRINCIPLES,
            PrincipleKind::IStatement => &I_STATEMENTS,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PrincipleAnswer {
    pub kind: PrincipleKind,
    /// 1-based.
    pub number: u8,
    pub text: &'static str,
    pub reflection: Reflection,
    pub note: String,
}

/// The eight principles then the nine "I" statements, answered or not.
pub fn principles(conn: &Connection, review_id: i64) -> Result<Vec<PrincipleAnswer>> {
    let mut got = std::collections::HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT kind, number, reflection, note FROM review_principle WHERE review_id = ?1",
    )?;
    for row in stmt.query_map([review_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, u8>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })? {
        let (kind, number, reflection, note) = row?;
        let reflection =
            Reflection::parse(&reflection).ok_or_else(|| bad("reflection", &reflection))?;
        got.insert((kind, number), (reflection, note));
    }
    let mut out = Vec::new();
    for kind in [PrincipleKind::Principle, PrincipleKind::IStatement] {
        for (i, text) in kind.texts().iter().enumerate() {
            let number = i as u8 + 1;
            let (reflection, note) = got
                .remove(&(kind.code().to_string(), number))
                .unwrap_or((Reflection::NotDiscussed, String::new()));
            out.push(PrincipleAnswer {
                kind,
                number,
                text,
                reflection,
                note,
            });
        }
    }
    Ok(out)
}

fn principle_current(
    w: &Writer,
    review_id: i64,
    kind: PrincipleKind,
    number: u8,
) -> Result<(String, String)> {
    Ok(w
        .tx
        .prepare_cached(
            "SELECT reflection, note FROM review_principle WHERE review_id = ?1 AND kind = ?2 AND number = ?3",
        )?
        .query_row(params![review_id, kind.code(), number], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?
        .unwrap_or_else(|| ("not_discussed".into(), String::new())))
}

pub fn set_reflection(
    w: &mut Writer,
    review_id: i64,
    kind: PrincipleKind,
    number: u8,
    reflection: Reflection,
) -> Result<()> {
    ensure_draft(w, review_id)?;
    let (old, _) = principle_current(w, review_id, kind, number)?;
    if old == reflection.code() {
        return Ok(());
    }
    w.tx.prepare_cached(
        "INSERT INTO review_principle (review_id, kind, number, reflection) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (review_id, kind, number) DO UPDATE SET reflection = excluded.reflection",
    )?
    .execute(params![review_id, kind.code(), number, reflection.code()])?;
    w.audit(
        "review",
        review_id,
        &format!("{}.{number}", kind.code()),
        Some(&old),
        Some(reflection.code()),
    )
}

pub fn set_principle_note(
    w: &mut Writer,
    review_id: i64,
    kind: PrincipleKind,
    number: u8,
    note: &str,
) -> Result<()> {
    ensure_draft(w, review_id)?;
    let (_, old) = principle_current(w, review_id, kind, number)?;
    if old == note {
        return Ok(());
    }
    w.tx.prepare_cached(
        "INSERT INTO review_principle (review_id, kind, number, note) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (review_id, kind, number) DO UPDATE SET note = excluded.note",
    )?
    .execute(params![review_id, kind.code(), number, note])?;
    audit_text(
        w,
        review_id,
        &format!("{}.{number}.note", kind.code()),
        &old,
        note,
    )
}
