//! The Reviews pane's lists: who is due, and the person picker.

use super::Result;
use crate::domain::rating::Rating;
use crate::domain::review::ReviewType;
use crate::store::people::{date, iso, rating};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

/// A person whose next review by the policy schedule falls on or before the horizon.
#[derive(Debug, Clone, Serialize)]
pub struct DueRow {
    pub person_id: i64,
    pub person_name: String,
    pub rating: Rating,
    pub due: NaiveDate,
    pub review_type: Option<ReviewType>,
    /// What the kind (CETR or CTR) is suggested from.
    pub date_of_birth: NaiveDate,
    pub ehcp: bool,
}

/// The people `due_people` lists. The open drafts are read once as a list: asked per person (a
/// correlated `NOT EXISTS`), SQLite walked every draft for every person due, half a minute at
/// 100,000 people.
pub const DUE_PEOPLE_SQL: &str =
    "SELECT p.id, p.family_name || ', ' || p.given_name, p.rating, p.next_review_due, p.next_review_type,
            p.date_of_birth, p.ehcp
     FROM person p
     WHERE p.removed_on IS NULL AND p.next_review_due IS NOT NULL AND p.next_review_due <= ?1
       AND p.id NOT IN (SELECT person_id FROM review WHERE status = 'draft')
     ORDER BY p.next_review_due, p.family_name, p.given_name";

/// People due a review by `horizon` (overdue first), excluding those with a draft already open.
pub fn due_people(conn: &Connection, horizon: NaiveDate) -> Result<Vec<DueRow>> {
    let mut stmt = conn.prepare_cached(DUE_PEOPLE_SQL)?;
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
                date_of_birth: date(&r.get::<_, String>(5)?)?,
                ehcp: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
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
