//! C(E)TRs: drafts written field by field as the meeting goes, and finalising in one transaction.

use super::actions::{self, NewAction};
use super::people::{self, date, iso, opt_date, rating};
use super::{Result, StoreError, Writer};
use crate::domain::dates::{parse_due_date, uk};
use crate::domain::rating::Rating;
use crate::domain::review::{
    I_STATEMENTS, KloeJudgement, PRINCIPLES, PanelRole, Reflection, ReviewKind, ReviewStatus,
    ReviewType, documents_for, missing_panel_roles,
};
use chrono::NaiveDate;
use rusqlite::types::Value;
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
    /// Cursor in the focused text field (line, column), so a reopened draft resumes mid-sentence.
    pub cursor_row: i64,
    pub cursor_col: i64,
    /// Consent checked and papers may be circulated (never set without consent recorded).
    pub ready: bool,
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
    /// The due date as typed (`+2w`, `fri`, `31/12/2026`); `due` holds it once it parses.
    pub due_text: String,
    /// The action this recommendation became when the review was finalised.
    pub action_id: Option<i64>,
}

const REVIEW_SQL: &str = "
SELECT r.id, r.person_id, p.family_name || ', ' || p.given_name, r.kind, r.type, r.status, r.held_on, r.place,
       r.virtual, r.consent_note, r.community_needs_met, r.outcome_notes, r.proposed_rating, r.rating_reason,
       r.current_step, r.current_field, r.finalised_at, r.finalised_by, r.version,
       r.cursor_row, r.cursor_col, r.ready
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
        cursor_row: r.get(19)?,
        cursor_col: r.get(20)?,
        ready: r.get(21)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<ReviewRow> {
    let sql = format!("{REVIEW_SQL} WHERE r.id = ?1");
    super::one(conn, &sql, [id], review_row, || format!("review {id}"))
}

pub fn all(conn: &Connection) -> Result<Vec<ReviewRow>> {
    let sql = format!("{REVIEW_SQL} ORDER BY r.id");
    super::collect(conn, &sql, [], review_row)
}

pub fn of_person(conn: &Connection, person_id: i64) -> Result<Vec<ReviewRow>> {
    let sql = format!("{REVIEW_SQL} WHERE r.person_id = ?1 ORDER BY r.held_on DESC, r.id DESC");
    super::collect(conn, &sql, [person_id], review_row)
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

pub(crate) fn ensure_draft(w: &Writer, review_id: i64) -> Result<()> {
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
    audit_text(
        w,
        review_id,
        &format!("q{question}.findings"),
        old.as_deref().unwrap_or(""),
        text,
    )
}

/// The smallest edit turning `old` into `new`: (character offset, removed, inserted). Typing one
/// letter is (n, "", "x"); a paste is its text; an undo is the reverse.
pub fn text_change(old: &str, new: &str) -> (usize, String, String) {
    let prefix: usize = old
        .chars()
        .zip(new.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let old_rest: Vec<char> = old.chars().skip(prefix).collect();
    let new_rest: Vec<char> = new.chars().skip(prefix).collect();
    let suffix = old_rest
        .iter()
        .rev()
        .zip(new_rest.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let removed: String = old_rest[..old_rest.len() - suffix].iter().collect();
    let inserted: String = new_rest[..new_rest.len() - suffix].iter().collect();
    (prefix, removed, inserted)
}

/// Audit a free-text edit as the change itself, in field `name@offset`: a keystroke in a long
/// answer writes one character to the trail, not two copies of the whole text, while the trail
/// still replays every edit in order (who, when, what was removed, what was inserted).
fn audit_text(w: &Writer, review_id: i64, field: &str, old: &str, new: &str) -> Result<()> {
    let (at, removed, inserted) = text_change(old, new);
    w.audit(
        "review",
        review_id,
        &format!("{field}@{at}"),
        Some(removed.as_str()).filter(|s| !s.is_empty()),
        Some(inserted.as_str()).filter(|s| !s.is_empty()),
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
    for m in panel(conn, review_id)? {
        if m.name.trim().is_empty() {
            out.push(format!(
                "give the {} on the panel a name (or remove the empty row)",
                m.role.label().to_lowercase()
            ));
        }
    }
    let in_hospital = people::open_admission(conn, review.person_id)?.is_some();
    match review.proposed_rating {
        Some(r) if in_hospital && r != Rating::Blue => out.push(format!(
            "the person is in hospital, so stays BLUE: propose BLUE, or record the discharge before finalising a {} rating",
            r.code()
        )),
        Some(Rating::Blue) if !in_hospital => out.push(
            "BLUE means in hospital: propose another rating, or record the admission first".into(),
        ),
        _ => {}
    }
    for (n, rec) in recommendations(conn, review_id)?.iter().enumerate() {
        if rec.text.trim().is_empty() || rec.owner.trim().is_empty() || rec.due.is_none() {
            out.push(format!(
                "recommendation {} needs text, a named owner and a due date",
                n + 1
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
        let rec_id = rec.id;
        let action_id = actions::create(
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
        )?;
        w.tx.execute(
            "UPDATE review_recommendation SET action_id = ?1 WHERE id = ?2",
            params![action_id, rec_id],
        )?;
        created.push(action_id);
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

// ---- The wizard's field-by-field autosave -------------------------------------------------------

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
fn set_value(
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

/// Mark the review ready (papers may be read). Refused while the person has no consent recorded:
/// without consent the panel must not read the circulated papers (domain.md, "Consent").
pub fn set_ready(w: &mut Writer, review_id: i64, ready: bool) -> Result<()> {
    ensure_draft(w, review_id)?;
    if ready {
        let review = get(&w.tx, review_id)?;
        if people::person(&w.tx, review.person_id)?
            .details
            .consent
            .is_none()
        {
            return Err(StoreError::Invalid(
                "consent is not recorded, so the panel must not read the papers: record consent on the person's record first".into(),
            ));
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

// ---- Panel ----

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelText {
    Name,
    Organisation,
}

fn panel_review(w: &Writer, member_id: i64) -> Result<i64> {
    let id: Option<i64> =
        w.tx.prepare_cached("SELECT review_id FROM review_panel WHERE id = ?1")?
            .query_row([member_id], |r| r.get(0))
            .optional()?;
    let id = id.ok_or_else(|| StoreError::NotFound {
        what: format!("panel member {member_id}"),
    })?;
    ensure_draft(w, id)?;
    Ok(id)
}

/// A new, unnamed panel row the wizard fills in field by field.
pub fn add_panel_slot(w: &mut Writer, review_id: i64, role: PanelRole) -> Result<i64> {
    ensure_draft(w, review_id)?;
    w.tx.execute(
        "INSERT INTO review_panel (review_id, role, name, organisation) VALUES (?1, ?2, '', '')",
        params![review_id, role.code()],
    )?;
    let id = w.tx.last_insert_rowid();
    w.audit("review", review_id, "panel", None, Some(role.label()))?;
    Ok(id)
}

pub fn set_panel_role(w: &mut Writer, member_id: i64, role: PanelRole) -> Result<()> {
    let rid = panel_review(w, member_id)?;
    set_value(
        w,
        rid,
        "review_panel",
        member_id,
        "role",
        Value::Text(role.code().into()),
        &format!("panel.{member_id}.role"),
    )
}

pub fn set_panel_text(w: &mut Writer, member_id: i64, field: PanelText, text: &str) -> Result<()> {
    let rid = panel_review(w, member_id)?;
    let column = match field {
        PanelText::Name => "name",
        PanelText::Organisation => "organisation",
    };
    set_value(
        w,
        rid,
        "review_panel",
        member_id,
        column,
        Value::Text(text.to_string()),
        &format!("panel.{member_id}.{column}"),
    )
}

pub fn remove_panel_member(w: &mut Writer, member_id: i64) -> Result<()> {
    let rid = panel_review(w, member_id)?;
    let (role, name): (String, String) = w.tx.query_row(
        "SELECT role, name FROM review_panel WHERE id = ?1",
        [member_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    w.tx.execute("DELETE FROM review_panel WHERE id = ?1", [member_id])?;
    w.audit(
        "review",
        rid,
        "panel",
        Some(&format!("{role}: {name}")),
        None,
    )
}

// ---- Documents ----

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

// ---- Key lines of enquiry ----

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

// ---- Principles and "I" statements ----

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

// ---- Recommendations ----

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

// ---- Addenda (corrections to a final review) ----

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

// ---- The Reviews pane's "due" section ----

/// A person whose next review by the policy schedule falls on or before the horizon.
#[derive(Debug, Clone, Serialize)]
pub struct DueRow {
    pub person_id: i64,
    pub person_name: String,
    pub rating: Rating,
    pub due: NaiveDate,
    pub review_type: Option<ReviewType>,
}

/// People due a review by `horizon` (overdue first), excluding those with a draft already open.
pub fn due_people(conn: &Connection, horizon: NaiveDate) -> Result<Vec<DueRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.family_name || ', ' || p.given_name, p.rating, p.next_review_due, p.next_review_type
         FROM person p
         WHERE p.removed_on IS NULL AND p.next_review_due IS NOT NULL AND p.next_review_due <= ?1
           AND NOT EXISTS (SELECT 1 FROM review r WHERE r.person_id = p.id AND r.status = 'draft')
         ORDER BY p.next_review_due, p.family_name, p.given_name",
    )?;
    let rows = stmt
        .query_map([iso(horizon)], |r| {
            Ok(DueRow {
                person_id: r.get(0)?,
                person_name: r.get(1)?,
                rating: rating(&r.get::<_, String>(2)?)?,
                due: date(&r.get::<_, String>(3)?)?,
                review_type: r
                    .get::<_, Option<String>>(4)?
                    .as_deref()
                    .and_then(ReviewType::parse),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

// ---- A whole review, for the wizard and the report ----

/// Everything recorded in one review, read in one go (a dozen small indexed queries).
pub struct ReviewData {
    pub review: ReviewRow,
    pub person: people::PersonRecord,
    pub in_hospital: bool,
    pub panel: Vec<PanelMember>,
    pub documents: Vec<DocumentRow>,
    pub findings: [String; 4],
    pub kloes: Vec<KloeAnswer>,
    pub principles: Vec<PrincipleAnswer>,
    pub recs: Vec<Recommendation>,
    pub addenda: Vec<Addendum>,
    /// What still stops finalising (empty when it can be finalised).
    pub blockers: Vec<String>,
}

impl ReviewData {
    pub fn load(conn: &Connection, id: i64) -> Result<ReviewData> {
        let review = get(conn, id)?;
        let person = people::person(conn, review.person_id)?;
        let final_ = review.status == ReviewStatus::Final;
        Ok(ReviewData {
            in_hospital: people::open_admission(conn, review.person_id)?.is_some(),
            panel: panel(conn, id)?,
            documents: documents(conn, id, review.kind)?,
            findings: findings(conn, id)?,
            kloes: kloes(conn, id)?,
            principles: principles(conn, id)?,
            recs: recommendations(conn, id)?,
            addenda: addenda(conn, id)?,
            blockers: if final_ {
                Vec::new()
            } else {
                finalise_blockers(conn, id)?
            },
            review,
            person,
        })
    }

    pub fn is_final(&self) -> bool {
        self.review.status == ReviewStatus::Final
    }

    pub fn has_consent(&self) -> bool {
        self.person.details.consent.is_some()
    }
}

/// Everyone on the register (not archived) as (id, "Family, Given", rating), for the person
/// picker: loaded once when it opens, then filtered in memory as the user types.
pub fn person_names(conn: &Connection) -> Result<Vec<(i64, String, Rating)>> {
    // A plain table scan, sorted here: walking the name index would visit the table in random order.
    let mut stmt = conn.prepare(
        "SELECT id, family_name || ', ' || given_name, rating FROM person WHERE removed_on IS NULL",
    )?;
    let mut rows = stmt
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, rating(&r.get::<_, String>(2)?)?))
        })?
        .collect::<rusqlite::Result<Vec<(i64, String, Rating)>>>()?;
    rows.sort_by(|a, b| (&a.1, a.0).cmp(&(&b.1, b.0)));
    Ok(rows)
}

// ---- Every review's details at once, for the export (one query per table) ----

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

#[cfg(test)]
mod tests {
    use super::text_change;

    #[test]
    fn text_change_is_the_smallest_edit() {
        assert_eq!(text_change("abc", "abcd"), (3, "".into(), "d".into()));
        assert_eq!(text_change("abcd", "abc"), (3, "d".into(), "".into()));
        assert_eq!(text_change("", "x"), (0, "".into(), "x".into()));
        assert_eq!(text_change("a—b", "a—xb"), (2, "".into(), "x".into()));
        assert_eq!(text_change("aaa", "aa"), (2, "a".into(), "".into()));
        assert_eq!(
            text_change("hello world", "hello there world"),
            (6, "".into(), "there ".into())
        );
        assert_eq!(text_change("same", "same"), (4, "".into(), "".into()));
    }
}
