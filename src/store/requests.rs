//! The log of requests for a C(E)TR, per person: who asked and why, and what was decided.

use super::people::{self, date, iso, opt_date};
use super::{Result, StoreError, Writer};
use crate::domain::request::{RequestOutcome, RequestedBy, decision_problem};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Request {
    pub id: i64,
    pub person_id: i64,
    pub person_name: String,
    pub requested_on: NaiveDate,
    pub requested_by: RequestedBy,
    /// Who exactly asked (a name or a role), as recorded.
    pub requester: String,
    pub reason: String,
    pub outcome: Option<RequestOutcome>,
    pub decided_on: Option<NaiveDate>,
    pub decided_by: Option<String>,
    /// Why it was declined (or any note on the decision).
    pub decision_reason: Option<String>,
    /// The review (or emergency meeting) the request led to.
    pub review_id: Option<i64>,
    pub version: i64,
}

/// A new request as typed.
#[derive(Debug, Clone)]
pub struct NewRequest {
    pub person_id: i64,
    pub requested_on: NaiveDate,
    pub requested_by: RequestedBy,
    pub requester: String,
    pub reason: String,
}

/// A decision as typed.
#[derive(Debug, Clone)]
pub struct Decision {
    pub outcome: RequestOutcome,
    pub decided_on: NaiveDate,
    pub decided_by: String,
    pub reason: String,
    pub review_id: Option<i64>,
}

const REQUEST_SQL: &str = "
SELECT q.id, q.person_id, p.family_name || ', ' || p.given_name, q.requested_on, q.requested_by,
       q.requester, q.reason, q.outcome, q.decided_on, q.decided_by, q.decision_reason, q.review_id,
       q.version
FROM review_request q JOIN person p ON p.id = q.person_id";

fn unknown(what: &str, value: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("unknown {what} {value}").into(),
    )
}

fn request_row(r: &Row) -> rusqlite::Result<Request> {
    let by: String = r.get(4)?;
    let outcome: Option<String> = r.get(7)?;
    Ok(Request {
        id: r.get(0)?,
        person_id: r.get(1)?,
        person_name: r.get(2)?,
        requested_on: date(&r.get::<_, String>(3)?)?,
        requested_by: RequestedBy::parse(&by).ok_or_else(|| unknown("requester", &by))?,
        requester: r.get(5)?,
        reason: r.get(6)?,
        outcome: outcome
            .map(|o| RequestOutcome::parse(&o).ok_or_else(|| unknown("request outcome", &o)))
            .transpose()?,
        decided_on: opt_date(r.get(8)?)?,
        decided_by: r.get(9)?,
        decision_reason: r.get(10)?,
        review_id: r.get(11)?,
        version: r.get(12)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Request> {
    let sql = format!("{REQUEST_SQL} WHERE q.id = ?1");
    super::one(conn, &sql, [id], request_row, || format!("request {id}"))
}

/// One person's requests, newest first.
pub fn of_person(conn: &Connection, person_id: i64) -> Result<Vec<Request>> {
    let sql =
        format!("{REQUEST_SQL} WHERE q.person_id = ?1 ORDER BY q.requested_on DESC, q.id DESC");
    super::collect(conn, &sql, [person_id], request_row)
}

/// Every request awaiting a decision for someone still on the register, longest waiting first.
pub fn open(conn: &Connection) -> Result<Vec<Request>> {
    let sql = format!(
        "{REQUEST_SQL} WHERE q.outcome IS NULL AND p.removed_on IS NULL ORDER BY q.requested_on, q.id"
    );
    super::collect(conn, &sql, [], request_row)
}

/// Every request, oldest first, for lists and exports.
pub fn all(conn: &Connection) -> Result<Vec<Request>> {
    let sql = format!("{REQUEST_SQL} ORDER BY q.requested_on, q.id");
    super::collect(conn, &sql, [], request_row)
}

/// Log a request. It may be dated in the past (a letter arrives late) but not in the future.
pub fn add(w: &mut Writer, new: &NewRequest, today: NaiveDate) -> Result<i64> {
    people::person(&w.tx, new.person_id)?;
    if new.requested_on > today {
        return Err(StoreError::Invalid(
            "a request cannot be dated after today: give the day it was made".into(),
        ));
    }
    w.tx.execute(
        "INSERT INTO review_request (person_id, requested_on, requested_by, requester, reason, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            new.person_id,
            iso(new.requested_on),
            new.requested_by.code(),
            new.requester.trim(),
            new.reason.trim(),
            w.at(),
            w.user()
        ],
    )?;
    let id = w.tx.last_insert_rowid();
    w.audit(
        "review_request",
        id,
        "created",
        None,
        Some(&format!(
            "by {} for person {}",
            new.requested_by.code(),
            new.person_id
        )),
    )?;
    Ok(id)
}

/// Record the decision on a request (once: a decided request is not decided again).
pub fn decide(w: &mut Writer, id: i64, version: i64, d: &Decision, today: NaiveDate) -> Result<()> {
    let req = get(&w.tx, id)?;
    if let Some(o) = req.outcome {
        return Err(StoreError::Invalid(format!(
            "request {id} was already decided ({}); log a new request if they ask again",
            o.label()
        )));
    }
    if let Some(problem) = decision_problem(d.outcome, &d.decided_by, &d.reason) {
        return Err(StoreError::Invalid(problem));
    }
    if d.decided_on < req.requested_on || d.decided_on > today {
        return Err(StoreError::Invalid(
            "the decision date must fall between the request and today".into(),
        ));
    }
    if let Some(rid) = d.review_id {
        let person: Option<i64> =
            w.tx.query_row("SELECT person_id FROM review WHERE id = ?1", [rid], |r| {
                r.get(0)
            })
            .optional()?;
        if person != Some(req.person_id) {
            return Err(StoreError::Invalid(format!(
                "review {rid} is not a review of {}",
                req.person_name
            )));
        }
    }
    w.claim_version("review_request", id, version, &format!("Request {id}"))?;
    w.tx.execute(
        "UPDATE review_request SET outcome = ?1, decided_on = ?2, decided_by = ?3,
                decision_reason = ?4, review_id = ?5 WHERE id = ?6",
        params![
            d.outcome.code(),
            iso(d.decided_on),
            d.decided_by.trim(),
            Some(d.reason.trim()).filter(|r| !r.is_empty()),
            d.review_id,
            id
        ],
    )?;
    w.audit(
        "review_request",
        id,
        "outcome",
        None,
        Some(&format!(
            "{} on {} by {}",
            d.outcome.code(),
            iso(d.decided_on),
            d.decided_by.trim()
        )),
    )
}
