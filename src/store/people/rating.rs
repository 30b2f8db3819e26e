//! Ratings: the one place a rating changes, its append-only history, and re-rating by hand.

use super::{date, iso, open_admission, person, rating, refresh_schedule};
use crate::domain::rating::Rating;
use crate::domain::rules;
use crate::store::{Result, Writer};
use chrono::NaiveDate;
use rusqlite::{Connection, Row, params};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct RatingChange {
    pub id: i64,
    pub person_id: i64,
    pub at: String,
    pub effective: NaiveDate,
    pub by_user: String,
    pub from: Option<Rating>,
    pub to: Rating,
    pub reason: String,
    pub review_id: Option<i64>,
}

fn rating_change_row(r: &Row) -> rusqlite::Result<RatingChange> {
    Ok(RatingChange {
        id: r.get(0)?,
        person_id: r.get(1)?,
        at: r.get(2)?,
        effective: date(&r.get::<_, String>(3)?)?,
        by_user: r.get(4)?,
        from: r
            .get::<_, Option<String>>(5)?
            .as_deref()
            .map(rating)
            .transpose()?,
        to: rating(&r.get::<_, String>(6)?)?,
        reason: r.get(7)?,
        review_id: r.get(8)?,
    })
}

const RATING_CHANGE_COLUMNS: &str =
    "id, person_id, at, effective, by_user, from_rating, to_rating, reason, review_id";

pub fn rating_history(conn: &Connection, person_id: i64) -> Result<Vec<RatingChange>> {
    let sql = format!(
        "SELECT {RATING_CHANGE_COLUMNS} FROM rating_change WHERE person_id = ?1 ORDER BY id"
    );
    crate::store::collect(conn, &sql, [person_id], rating_change_row)
}

pub fn all_rating_changes(conn: &Connection) -> Result<Vec<RatingChange>> {
    let sql = format!("SELECT {RATING_CHANGE_COLUMNS} FROM rating_change ORDER BY person_id, id");
    crate::store::collect(conn, &sql, [], rating_change_row)
}

pub(crate) fn append_rating(
    w: &Writer,
    id: i64,
    from: Option<Rating>,
    to: Rating,
    reason: &str,
    effective: NaiveDate,
    review_id: Option<i64>,
) -> Result<()> {
    w.tx.execute(
        "INSERT INTO rating_change (person_id, at, effective, by_user, from_rating, to_rating, reason, review_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![id, w.at(), iso(effective), w.user(), from.map(|r| r.code()), to.code(), reason, review_id],
    )?;
    if from.is_some() {
        w.tx.execute(
            "UPDATE person SET rating = ?1, rating_since = ?2 WHERE id = ?3",
            params![to.code(), iso(effective), id],
        )?;
        w.audit(
            "person",
            id,
            "rating",
            from.map(|r| r.code()),
            Some(to.code()),
        )?;
    }
    Ok(())
}

/// Change a rating with a mandatory reason; history is appended, never rewritten. Refused when the
/// rating would not change (its clock keeps running) or would break "BLUE exactly when in hospital".
pub fn rerate(
    w: &mut Writer,
    id: i64,
    version: i64,
    to: Rating,
    reason: &str,
    effective: NaiveDate,
    review_id: Option<i64>,
) -> Result<()> {
    let before = person(&w.tx, id)?;
    let in_hospital = open_admission(&w.tx, id)?.is_some();
    rules::check_rerate(before.rating, to, in_hospital, reason)?;
    let reason = reason.trim();
    w.claim_version(
        "person",
        id,
        version,
        &format!("The record of {}", before.details.display_name()),
    )?;
    append_rating(w, id, Some(before.rating), to, reason, effective, review_id)?;
    refresh_schedule(w, id)
}
