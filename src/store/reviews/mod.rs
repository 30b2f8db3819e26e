//! C(E)TRs: drafts written field by field as the meeting goes, and finalising in one transaction.
//! One module per part of the review, in the order the wizard walks them.

mod addenda;
mod data;
mod discard;
mod documents;
mod draft;
mod due;
mod export;
mod finalise;
mod findings;
mod kloes;
mod lease;
mod panel;
mod principles;
mod recommendations;
mod report_sent;

pub use addenda::*;
pub use data::*;
pub use discard::*;
pub use documents::*;
pub use draft::*;
pub use due::*;
pub use export::*;
pub use finalise::*;
pub use findings::*;
pub use kloes::*;
pub use lease::*;
pub use panel::*;
pub use principles::*;
pub use recommendations::*;
pub use report_sent::*;

use super::people::{self, date, iso, opt_date, rating};
use super::{Result, StoreError, Writer};
use crate::domain::journey::{Attendance, ReportSent};
use crate::domain::kloe::KloeTemplate;
use crate::domain::rating::Rating;
use crate::domain::review::{ReviewKind, ReviewStatus, ReviewType};
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
    /// Cursor in the focused text field (line, column), so a reopened draft resumes mid-sentence.
    pub cursor_row: i64,
    pub cursor_col: i64,
    /// Consent checked and papers may be circulated (never set without consent recorded).
    pub ready: bool,
    pub finalised_at: Option<String>,
    pub finalised_by: Option<String>,
    pub version: i64,
    pub person_attendance: Option<Attendance>,
    pub family_attendance: Option<Attendance>,
    /// The template whose lines of enquiry a final review was asked (drafts follow kind and type).
    pub kloe_template: Option<KloeTemplate>,
    pub report_sent_on: Option<NaiveDate>,
    pub report_sent_to: Option<String>,
    pub family_plan_sent_on: Option<NaiveDate>,
    pub family_plan_sent_to: Option<String>,
    /// A discarded draft: when (UTC, RFC 3339), by whom and why.
    pub discarded_at: Option<String>,
    pub discarded_by: Option<String>,
    pub discard_reason: Option<String>,
}

impl ReviewRow {
    /// When the report and the family's plan went out.
    pub fn sent(&self) -> ReportSent {
        ReportSent {
            report: self.report_sent_on,
            family_plan: self.family_plan_sent_on,
        }
    }
}

const REVIEW_SQL: &str = "
SELECT r.id, r.person_id, p.family_name || ', ' || p.given_name, r.kind, r.type, r.status, r.held_on, r.place,
       r.virtual, r.consent_note, r.community_needs_met, r.outcome_notes, r.proposed_rating, r.rating_reason,
       r.current_step, r.current_field, r.finalised_at, r.finalised_by, r.version,
       r.cursor_row, r.cursor_col, r.ready, r.person_attendance, r.family_attendance, r.kloe_template,
       r.report_sent_on, r.report_sent_to, r.family_plan_sent_on, r.family_plan_sent_to,
       r.discarded_at, r.discarded_by, r.discard_reason
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
        person_attendance: attendance(r.get(22)?)?,
        family_attendance: attendance(r.get(23)?)?,
        kloe_template: r
            .get::<_, Option<String>>(24)?
            .map(|t| {
                KloeTemplate::parse(&t).ok_or_else(|| bad("key lines of enquiry template", &t))
            })
            .transpose()?,
        report_sent_on: opt_date(r.get(25)?)?,
        report_sent_to: r.get(26)?,
        family_plan_sent_on: opt_date(r.get(27)?)?,
        family_plan_sent_to: r.get(28)?,
        discarded_at: r.get(29)?,
        discarded_by: r.get(30)?,
        discard_reason: r.get(31)?,
    })
}

fn attendance(code: Option<String>) -> rusqlite::Result<Option<Attendance>> {
    code.map(|c| Attendance::parse(&c).ok_or_else(|| bad("attendance", &c)))
        .transpose()
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

/// Start a draft review, or return the person's open draft (a person has at most one).
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
    // Someone else may have started one since the caller looked: this write transaction holds
    // the register's write lock, so whoever is second finds the first's draft and joins it.
    if let Some(existing) = draft_of_person(&w.tx, person_id)? {
        return Ok(existing);
    }
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
        Some("discarded") => Err(StoreError::Invalid(format!(
            "review {review_id} was discarded and cannot be changed; start a new review instead"
        ))),
        Some(_) => Err(StoreError::Invalid(format!(
            "review {review_id} is final and cannot be changed; add a dated addendum instead"
        ))),
        None => Err(StoreError::NotFound {
            what: format!("review {review_id}"),
        }),
    }
}
