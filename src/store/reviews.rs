//! C(E)TRs: drafts written field by field as the meeting goes, and finalising in one transaction.

use super::actions::{self, NewAction};
use super::people::{self, date, iso, opt_date, rating};
use super::{Result, StoreError, Writer};
use crate::domain::rating::Rating;
use crate::domain::review::{PanelRole, ReviewKind, ReviewStatus, ReviewType, missing_panel_roles};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct ReviewRow {
    pub id: i64,
    pub person_id: i64,
    pub person_name: String,
    pub kind: ReviewKind,
    pub review_type: ReviewType,
    pub status: ReviewStatus,
    pub held_on: NaiveDate,
    pub place: Option<String>,
    pub virtual_meeting: bool,
    pub consent_note: Option<String>,
    pub community_needs_met: Option<bool>,
    pub outcome_notes: Option<String>,
    pub proposed_rating: Option<Rating>,
    pub rating_reason: Option<String>,
    pub current_step: i64,
    pub current_field: i64,
    pub finalised_at: Option<String>,
    pub finalised_by: Option<String>,
    pub version: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct PanelMember {
    pub id: i64,
    pub role: PanelRole,
    pub name: String,
    pub organisation: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Recommendation {
    pub id: i64,
    pub question: Option<u8>,
    pub text: String,
    pub owner: String,
    pub organisation: String,
    pub due: Option<NaiveDate>,
}

const REVIEW_SQL: &str = "
SELECT r.id, r.person_id, p.family_name || ', ' || p.given_name, r.kind, r.type, r.status, r.held_on, r.place,
       r.virtual, r.consent_note, r.community_needs_met, r.outcome_notes, r.proposed_rating, r.rating_reason,
       r.current_step, r.current_field, r.finalised_at, r.finalised_by, r.version
FROM review r JOIN person p ON p.id = r.person_id";

fn bad(what: &str, value: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("unknown {what} {value}").into(),
    )
}

fn review_row(r: &Row) -> rusqlite::Result<ReviewRow> {
    let kind: String = r.get(3)?;
    let rtype: String = r.get(4)?;
    let status: String = r.get(5)?;
    Ok(ReviewRow {
        id: r.get(0)?,
        person_id: r.get(1)?,
        person_name: r.get(2)?,
        kind: ReviewKind::parse(&kind).ok_or_else(|| bad("review kind", &kind))?,
        review_type: ReviewType::parse(&rtype).ok_or_else(|| bad("review type", &rtype))?,
        status: ReviewStatus::parse(&status).ok_or_else(|| bad("review status", &status))?,
        held_on: date(&r.get::<_, String>(6)?)?,
        place: r.get(7)?,
        virtual_meeting: r.get(8)?,
        consent_note: r.get(9)?,
        community_needs_met: r.get(10)?,
        outcome_notes: r.get(11)?,
        proposed_rating: r
            .get::<_, Option<String>>(12)?
            .as_deref()
            .map(rating)
            .transpose()?,
        rating_reason: r.get(13)?,
        current_step: r.get(14)?,
        current_field: r.get(15)?,
        finalised_at: r.get(16)?,
        finalised_by: r.get(17)?,
        version: r.get(18)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<ReviewRow> {
    let sql = format!("{REVIEW_SQL} WHERE r.id = ?1");
    conn.prepare_cached(&sql)?
        .query_row([id], review_row)
        .optional()?
        .ok_or(StoreError::NotFound {
            what: format!("review {id}"),
        })
}

pub fn all(conn: &Connection) -> Result<Vec<ReviewRow>> {
    let sql = format!("{REVIEW_SQL} ORDER BY r.id");
    let rows = conn
        .prepare_cached(&sql)?
        .query_map([], review_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn of_person(conn: &Connection, person_id: i64) -> Result<Vec<ReviewRow>> {
    let sql = format!("{REVIEW_SQL} WHERE r.person_id = ?1 ORDER BY r.held_on DESC, r.id DESC");
    let rows = conn
        .prepare_cached(&sql)?
        .query_map([person_id], review_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Start a draft review.
pub fn create(
    w: &mut Writer,
    person_id: i64,
    kind: ReviewKind,
    review_type: ReviewType,
    held_on: NaiveDate,
    place: Option<&str>,
    virtual_meeting: bool,
) -> Result<i64> {
    people::person(&w.tx, person_id)?;
    w.tx.execute(
        "INSERT INTO review (person_id, kind, type, held_on, place, virtual, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![person_id, kind.code(), review_type.code(), iso(held_on), place, virtual_meeting, w.at(), w.user()],
    )?;
    let id = w.tx.last_insert_rowid();
    w.audit(
        "review",
        id,
        "created",
        None,
        Some(&format!(
            "{} {} for person {person_id}",
            kind.code(),
            review_type.code()
        )),
    )?;
    Ok(id)
}

fn ensure_draft(w: &Writer, review_id: i64) -> Result<()> {
    let status: Option<String> =
        w.tx.query_row(
            "SELECT status FROM review WHERE id = ?1",
            [review_id],
            |r| r.get(0),
        )
        .optional()?;
    match status.as_deref() {
        Some("draft") => Ok(()),
        Some(_) => Err(StoreError::Invalid(format!(
            "review {review_id} is final and cannot be changed; add a dated addendum instead"
        ))),
        None => Err(StoreError::NotFound {
            what: format!("review {review_id}"),
        }),
    }
}

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
    w.audit(
        "review",
        review_id,
        &format!("q{question}.findings"),
        old.as_deref(),
        Some(text),
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

pub fn add_panel_member(
    w: &mut Writer,
    review_id: i64,
    role: PanelRole,
    name: &str,
    organisation: Option<&str>,
) -> Result<i64> {
    ensure_draft(w, review_id)?;
    if name.trim().is_empty() {
        return Err(StoreError::Invalid("a panel member needs a name".into()));
    }
    w.tx.execute(
        "INSERT INTO review_panel (review_id, role, name, organisation) VALUES (?1, ?2, ?3, ?4)",
        params![review_id, role.code(), name.trim(), organisation],
    )?;
    let id = w.tx.last_insert_rowid();
    w.audit(
        "review",
        review_id,
        "panel",
        None,
        Some(&format!("{}: {}", role.label(), name.trim())),
    )?;
    Ok(id)
}

pub fn panel(conn: &Connection, review_id: i64) -> Result<Vec<PanelMember>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, role, name, organisation FROM review_panel WHERE review_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([review_id], |r| {
            let role: String = r.get(1)?;
            Ok(PanelMember {
                id: r.get(0)?,
                role: PanelRole::parse(&role).ok_or_else(|| bad("panel role", &role))?,
                name: r.get(2)?,
                organisation: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
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
        "INSERT INTO review_recommendation (review_id, question, text, owner, organisation, due) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![review_id, question, text, owner, organisation, due.map(iso)],
    )?;
    let id = w.tx.last_insert_rowid();
    w.audit("review", review_id, "recommendation", None, Some(text))?;
    Ok(id)
}

pub fn recommendations(conn: &Connection, review_id: i64) -> Result<Vec<Recommendation>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, question, text, owner, organisation, due FROM review_recommendation WHERE review_id = ?1 ORDER BY id",
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
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Set the outcome: can needs be met in the community, and the proposed new rating with its reason.
pub fn set_outcome(
    w: &mut Writer,
    review_id: i64,
    community_needs_met: Option<bool>,
    proposed: Option<Rating>,
    reason: &str,
) -> Result<()> {
    ensure_draft(w, review_id)?;
    let before = get(&w.tx, review_id)?;
    w.tx.execute(
        "UPDATE review SET community_needs_met = ?1, proposed_rating = ?2, rating_reason = ?3 WHERE id = ?4",
        params![community_needs_met, proposed.map(|r| r.code()), reason, review_id],
    )?;
    w.audit(
        "review",
        review_id,
        "proposed_rating",
        before.proposed_rating.map(|r| r.code()),
        proposed.map(|r| r.code()),
    )?;
    w.audit(
        "review",
        review_id,
        "rating_reason",
        before.rating_reason.as_deref(),
        Some(reason),
    )
}

/// What still blocks finalising, as sentences; empty when the review can be finalised.
pub fn finalise_blockers(conn: &Connection, review_id: i64) -> Result<Vec<String>> {
    let review = get(conn, review_id)?;
    let person = people::person(conn, review.person_id)?;
    let roles: Vec<PanelRole> = panel(conn, review_id)?
        .into_iter()
        .map(|m| m.role)
        .collect();
    let mut out: Vec<String> = missing_panel_roles(review.review_type, &roles)
        .into_iter()
        .map(|r| format!("add the {} to the panel", r.label().to_lowercase()))
        .collect();
    if person.details.consent.is_none()
        && review
            .consent_note
            .as_deref()
            .is_none_or(|n| n.trim().is_empty())
    {
        out.push(
            "record consent on the person's record, or a reason why it could not be given".into(),
        );
    }
    for rec in recommendations(conn, review_id)? {
        if rec.text.trim().is_empty() || rec.owner.trim().is_empty() || rec.due.is_none() {
            out.push(format!(
                "recommendation {} needs text, a named owner and a due date",
                rec.id
            ));
        }
    }
    if review.proposed_rating.is_some()
        && review
            .rating_reason
            .as_deref()
            .is_none_or(|r| r.trim().is_empty())
    {
        out.push("give a reason for the proposed rating".into());
    }
    Ok(out)
}

/// Finalise in one transaction: apply the new rating (the review as its reason), turn each
/// recommendation into an action, and lock the review. Any failure leaves the draft untouched.
pub fn finalise(w: &mut Writer, review_id: i64, version: i64) -> Result<Vec<i64>> {
    ensure_draft(w, review_id)?;
    let blockers = finalise_blockers(&w.tx, review_id)?;
    if !blockers.is_empty() {
        return Err(StoreError::Invalid(format!(
            "cannot finalise yet: {}",
            blockers.join("; ")
        )));
    }
    let review = get(&w.tx, review_id)?;
    w.claim_version("review", review_id, version, &format!("Review {review_id}"))?;
    let mut created = Vec::new();
    for rec in recommendations(&w.tx, review_id)? {
        let due = rec
            .due
            .ok_or_else(|| StoreError::Invalid("a recommendation has no due date".into()))?;
        created.push(actions::create(
            w,
            &NewAction {
                person_id: review.person_id,
                review_id: Some(review_id),
                question: rec.question,
                text: rec.text,
                owner: rec.owner,
                organisation: rec.organisation,
                due,
            },
        )?);
    }
    w.tx.execute(
        "UPDATE review SET status = 'final', finalised_at = ?1, finalised_by = ?2 WHERE id = ?3",
        params![w.at(), w.user(), review_id],
    )?;
    w.audit("review", review_id, "status", Some("draft"), Some("final"))?;
    let person = people::person(&w.tx, review.person_id)?;
    if let Some(new) = review.proposed_rating.filter(|r| *r != person.rating) {
        let reason = format!(
            "{} {} held {}: {}",
            review.kind.code(),
            review.review_type.label().to_lowercase(),
            iso(review.held_on),
            review.rating_reason.as_deref().unwrap_or("").trim()
        );
        people::rerate(
            w,
            review.person_id,
            person.version,
            new,
            &reason,
            review.held_on,
            Some(review_id),
        )?;
    } else {
        people::refresh_schedule(w, review.person_id)?;
    }
    Ok(created)
}
