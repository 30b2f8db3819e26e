//! Every review's details at once, for the export (one query per table).

use super::{
    Addendum, KloeAnswer, PanelMember, PrincipleAnswer, PrincipleKind, Recommendation, Result, bad,
};
use crate::domain::review::{KloeJudgement, PanelRole, Reflection};
use crate::store::people::opt_date;
use rusqlite::Connection;
use serde::Serialize;

/// What a review recorded beyond its own row: for `dsr export`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReviewDetails {
    pub panel: Vec<PanelMember>,
    pub documents_received: Vec<String>,
    /// Only the lines of enquiry the review judged or noted.
    pub kloes: Vec<KloeAnswer>,
    /// Only the principles and "I" statements the review discussed or noted.
    pub principles: Vec<PrincipleAnswer>,
    pub recommendations: Vec<Recommendation>,
    pub addenda: Vec<Addendum>,
}

pub fn all_details(conn: &Connection) -> Result<std::collections::HashMap<i64, ReviewDetails>> {
    let mut out: std::collections::HashMap<i64, ReviewDetails> = std::collections::HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT review_id, id, role, name, organisation FROM review_panel ORDER BY review_id, id",
    )?;
    for row in stmt.query_map([], |r| {
        let role: String = r.get(2)?;
        Ok((
            r.get::<_, i64>(0)?,
            PanelMember {
                id: r.get(1)?,
                role: PanelRole::parse(&role).ok_or_else(|| bad("panel role", &role))?,
                name: r.get(3)?,
                organisation: r.get(4)?,
            },
        ))
    })? {
        let (id, m) = row?;
        out.entry(id).or_default().panel.push(m);
    }
    let mut stmt = conn.prepare(
        "SELECT review_id, code FROM review_document WHERE received = 1 ORDER BY review_id, code",
    )?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (id, code) = row?;
        out.entry(id).or_default().documents_received.push(code);
    }
    let mut stmt = conn.prepare(
        "SELECT rk.review_id, k.id, k.question, k.text, rk.judgement, rk.note
         FROM review_kloe rk JOIN kloe k ON k.id = rk.kloe_id
         WHERE rk.judgement <> 'not_covered' OR rk.note <> ''
         ORDER BY rk.review_id, k.question, k.sort, k.id",
    )?;
    for row in stmt.query_map([], |r| {
        let j: String = r.get(4)?;
        Ok((
            r.get::<_, i64>(0)?,
            KloeAnswer {
                kloe_id: r.get(1)?,
                question: r.get(2)?,
                text: r.get(3)?,
                judgement: KloeJudgement::parse(&j).ok_or_else(|| bad("judgement", &j))?,
                note: r.get(5)?,
            },
        ))
    })? {
        let (id, k) = row?;
        out.entry(id).or_default().kloes.push(k);
    }
    let mut stmt = conn.prepare(
        "SELECT review_id, kind, number, reflection, note FROM review_principle
         WHERE reflection <> 'not_discussed' OR note <> ''
         ORDER BY review_id, kind DESC, number",
    )?;
    for row in stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, u8>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
        ))
    })? {
        let (id, kind, number, reflection, note) = row?;
        let kind = if kind == "i_statement" {
            PrincipleKind::IStatement
        } else {
            PrincipleKind::Principle
        };
        let Some(text) = kind.texts().get(usize::from(number).wrapping_sub(1)) else {
            continue;
        };
        let reflection =
            Reflection::parse(&reflection).ok_or_else(|| bad("reflection", &reflection))?;
        out.entry(id).or_default().principles.push(PrincipleAnswer {
            kind,
            number,
            text,
            reflection,
            note,
        });
    }
    let mut stmt = conn.prepare(
        "SELECT review_id, id, question, text, owner, organisation, due, due_text, action_id
         FROM review_recommendation ORDER BY review_id, id",
    )?;
    for row in stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            Recommendation {
                id: r.get(1)?,
                question: r.get(2)?,
                text: r.get(3)?,
                owner: r.get(4)?,
                organisation: r.get(5)?,
                due: opt_date(r.get(6)?)?,
                due_text: r.get(7)?,
                action_id: r.get(8)?,
            },
        ))
    })? {
        let (id, rec) = row?;
        out.entry(id).or_default().recommendations.push(rec);
    }
    let mut stmt = conn.prepare(
        "SELECT review_id, id, at, by_user, text FROM review_addendum ORDER BY review_id, id",
    )?;
    for row in stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            Addendum {
                id: r.get(1)?,
                at: r.get(2)?,
                by_user: r.get(3)?,
                text: r.get(4)?,
            },
        ))
    })? {
        let (id, a) = row?;
        out.entry(id).or_default().addenda.push(a);
    }
    Ok(out)
}
