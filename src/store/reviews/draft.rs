//! The wizard's field-by-field autosave: every keystroke is a small write, audited per editing burst.

use super::{Result, StoreError, Writer, ensure_draft, get};
use crate::domain::consent::{Scope, review_consent_gap};
use crate::domain::rating::Rating;
use crate::domain::review::{ReviewKind, ReviewType};
use crate::store::consent::scope_state_of;
use crate::store::people::iso;
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};

/// Audit a free-text edit saved as it is typed: one row per field per editing burst, holding the
/// text before the burst and after it (the draft itself is still saved on every keystroke).
pub(super) fn audit_text(
    w: &Writer,
    review_id: i64,
    field: &str,
    old: &str,
    new: &str,
) -> Result<()> {
    let text = |s: &str| Some(s.to_string()).filter(|s| !s.is_empty());
    w.audit_edit(
        "review",
        review_id,
        field,
        text(old).as_deref(),
        text(new).as_deref(),
    )
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

/// Free-text fields on the review itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewText {
    Place,
    /// Why consent could not be recorded (lets a review finalise without consent).
    ConsentNote,
    OutcomeNotes,
    RatingReason,
}

impl ReviewText {
    fn column(self) -> &'static str {
        match self {
            ReviewText::Place => "place",
            ReviewText::ConsentNote => "consent_note",
            ReviewText::OutcomeNotes => "outcome_notes",
            ReviewText::RatingReason => "rating_reason",
        }
    }
}

/// Columns typed into keystroke by keystroke.
const FREE_TEXT: [&str; 9] = [
    "place",
    "consent_note",
    "outcome_notes",
    "rating_reason",
    "name",
    "organisation",
    "text",
    "owner",
    "due_text",
];

fn value_text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::Integer(i) => Some(i.to_string()),
        Value::Real(f) => Some(f.to_string()),
        Value::Text(t) => Some(t.clone()),
        Value::Blob(_) => Some("(binary)".into()),
    }
}

/// Change one column of a row (`table` and `column` are ours, never user input) with its audit
/// row; nothing is written when the value is unchanged.
pub(super) fn set_value(
    w: &Writer,
    review_id: i64,
    table: &'static str,
    row_id: i64,
    column: &'static str,
    new: Value,
    audit_field: &str,
) -> Result<()> {
    let old: Value =
        w.tx.prepare_cached(&format!(
            "SELECT \"{column}\" FROM \"{table}\" WHERE id = ?1"
        ))?
        .query_row([row_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::NotFound {
            what: format!("{table} {row_id}"),
        })?;
    if old == new {
        return Ok(());
    }
    w.tx.prepare_cached(&format!(
        "UPDATE \"{table}\" SET \"{column}\" = ?1 WHERE id = ?2"
    ))?
    .execute(params![new, row_id])?;
    // Free text is audited as the edit itself; codes, dates and flags as old and new values.
    if FREE_TEXT.contains(&column)
        && let Value::Text(n) = &new
    {
        let o = value_text(&old).unwrap_or_default();
        return audit_text(w, review_id, audit_field, &o, n);
    }
    w.audit(
        "review",
        review_id,
        audit_field,
        value_text(&old).as_deref(),
        value_text(&new).as_deref(),
    )
}

/// Save one free-text field of the review (every keystroke in the wizard).
pub fn set_text(w: &mut Writer, review_id: i64, field: ReviewText, text: &str) -> Result<()> {
    ensure_draft(w, review_id)?;
    set_value(
        w,
        review_id,
        "review",
        review_id,
        field.column(),
        Value::Text(text.to_string()),
        field.column(),
    )
}

pub fn set_kind(w: &mut Writer, review_id: i64, kind: ReviewKind) -> Result<()> {
    ensure_draft(w, review_id)?;
    set_value(
        w,
        review_id,
        "review",
        review_id,
        "kind",
        Value::Text(kind.code().into()),
        "kind",
    )
}

pub fn set_type(w: &mut Writer, review_id: i64, t: ReviewType) -> Result<()> {
    ensure_draft(w, review_id)?;
    set_value(
        w,
        review_id,
        "review",
        review_id,
        "type",
        Value::Text(t.code().into()),
        "type",
    )
}

pub fn set_held_on(w: &mut Writer, review_id: i64, on: NaiveDate) -> Result<()> {
    ensure_draft(w, review_id)?;
    set_value(
        w,
        review_id,
        "review",
        review_id,
        "held_on",
        Value::Text(iso(on)),
        "held_on",
    )
}

pub fn set_virtual(w: &mut Writer, review_id: i64, virtual_meeting: bool) -> Result<()> {
    ensure_draft(w, review_id)?;
    set_value(
        w,
        review_id,
        "review",
        review_id,
        "virtual",
        Value::Integer(virtual_meeting.into()),
        "virtual",
    )
}

/// Mark the review ready (papers may be read). Refused while consent to the review is not given
/// and no reason to go ahead without it is recorded: the panel must not read the circulated papers
/// (DSR policy, "Consent"). The same rule as finalising, from the domain.
pub fn set_ready(w: &mut Writer, review_id: i64, ready: bool, today: NaiveDate) -> Result<()> {
    ensure_draft(w, review_id)?;
    if ready {
        let review = get(&w.tx, review_id)?;
        let state = scope_state_of(&w.tx, review.person_id, Scope::Review, today)?;
        let reason = review
            .consent_note
            .as_deref()
            .is_some_and(|n| !n.trim().is_empty());
        if let Some(gap) = review_consent_gap(&state, reason) {
            return Err(StoreError::Invalid(format!(
                "the review cannot be marked ready: {gap}"
            )));
        }
    }
    set_value(
        w,
        review_id,
        "review",
        review_id,
        "ready",
        Value::Integer(ready.into()),
        "ready",
    )
}

pub fn set_community_needs_met(w: &mut Writer, review_id: i64, met: Option<bool>) -> Result<()> {
    ensure_draft(w, review_id)?;
    let v = met.map_or(Value::Null, |b| Value::Integer(b.into()));
    set_value(
        w,
        review_id,
        "review",
        review_id,
        "community_needs_met",
        v,
        "community_needs_met",
    )
}

pub fn set_proposed_rating(w: &mut Writer, review_id: i64, r: Option<Rating>) -> Result<()> {
    ensure_draft(w, review_id)?;
    let v = r.map_or(Value::Null, |r| Value::Text(r.code().into()));
    set_value(
        w,
        review_id,
        "review",
        review_id,
        "proposed_rating",
        v,
        "proposed_rating",
    )
}

/// Where the wizard is: step, field and cursor. Not audited (it changes no recorded fact); written
/// in the same transaction as the keystroke's change, so a resumed draft opens exactly there.
pub fn save_position(
    w: &mut Writer,
    review_id: i64,
    step: usize,
    field: usize,
    cursor: (usize, usize),
) -> Result<()> {
    w.tx.prepare_cached(
        "UPDATE review SET current_step = ?1, current_field = ?2, cursor_row = ?3, cursor_col = ?4
         WHERE id = ?5 AND status = 'draft'
           AND (current_step, current_field, cursor_row, cursor_col) IS NOT (?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        step as i64,
        field as i64,
        cursor.0 as i64,
        cursor.1 as i64,
        review_id
    ])?;
    Ok(())
}

/// The person's draft review, if one is open (starting a review twice resumes it instead).
pub fn draft_of_person(conn: &Connection, person_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM review WHERE person_id = ?1 AND status = 'draft' ORDER BY id DESC LIMIT 1",
        )?
        .query_row([person_id], |r| r.get(0))
        .optional()?)
}

/// A draft review its author may want to return to on launch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftToResume {
    pub id: i64,
    pub person_id: i64,
    /// "Family, Given".
    pub person_name: String,
    /// CETR or CTR.
    pub kind: String,
    /// When it was started (UTC, RFC 3339).
    pub created_at: String,
}

/// The draft review `left_open` when it is still a draft (the user was in it when they left),
/// else the latest draft `user` started.
pub fn draft_to_resume(
    conn: &Connection,
    user: &str,
    left_open: Option<i64>,
) -> Result<Option<DraftToResume>> {
    Ok(conn
        .prepare_cached(
            "SELECT r.id, r.person_id, p.family_name || ', ' || p.given_name, r.kind, r.created_at
             FROM review r JOIN person p ON p.id = r.person_id
             WHERE r.status = 'draft' AND (r.id IS ?2 OR r.created_by = ?1)
             ORDER BY r.id IS ?2 DESC, r.id DESC LIMIT 1",
        )?
        .query_row(params![user, left_open], |r| {
            Ok(DraftToResume {
                id: r.get(0)?,
                person_id: r.get(1)?,
                person_name: r.get(2)?,
                kind: r.get(3)?,
                created_at: r.get(4)?,
            })
        })
        .optional()?)
}
