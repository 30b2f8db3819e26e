//! Keeping each person's next dates: the store gathers what the domain schedule needs, runs it,
//! and stores the result so a register of 100,000 loads in one query. Every write that can move a
//! date calls `refresh_schedule`; register reviews ("discussed today") are recorded here.

use super::admissions::{admissions_of, previous_discharge};
use super::people::{date, iso, opt_date, rating};
use super::{Result, Writer};
use crate::domain::calendar::Holidays;
use crate::domain::policy::{Interval, PolicyIntervals};
use crate::domain::review::{PanelRole, ReviewKind, ReviewType};
use crate::domain::schedule::{
    Episode, Meeting, ScheduleInput, community_review_before_admission, schedule,
};
use chrono::NaiveDate;
use rusqlite::{Connection, params};
use serde::Serialize;
use std::collections::HashMap;

/// Policy intervals from their table (defaults fill any gap).
pub fn policy_intervals(conn: &Connection) -> Result<PolicyIntervals> {
    let sql = "SELECT key, amount, unit FROM policy_interval";
    let rows: Vec<(String, u32, String)> =
        super::collect(conn, sql, [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(PolicyIntervals::from_rows(rows.iter().filter_map(
        |(k, n, u)| Interval::parse(*n, u).map(|i| (k.as_str(), i)),
    )))
}

/// The register's bank holiday table.
pub fn holidays(conn: &Connection) -> Result<Holidays> {
    let days = super::collect(conn, "SELECT on_date FROM bank_holiday", [], |r| {
        date(&r.get::<_, String>(0)?)
    })?;
    Ok(Holidays::new(days))
}

/// A meeting with its person: the columns of `review r` that [`meeting_row`] reads. A discarded
/// draft was never a meeting.
const MEETING_SQL: &str = "SELECT r.person_id, r.held_on, r.type, r.status = 'final',
           (SELECT group_concat(p.role) FROM review_panel p
            WHERE p.review_id = r.id AND trim(p.name) <> ''),
           (SELECT group_concat(x.role) FROM review_panel_waiver x WHERE x.review_id = r.id),
           r.kind
    FROM review r WHERE r.status <> 'discarded'";

fn meeting_row(r: &rusqlite::Row) -> rusqlite::Result<(i64, Meeting)> {
    let roles = |s: Option<String>| -> Vec<PanelRole> {
        s.unwrap_or_default()
            .split(',')
            .filter_map(PanelRole::parse)
            .collect()
    };
    Ok((
        r.get(0)?,
        Meeting {
            held_on: date(&r.get::<_, String>(1)?)?,
            // A CETR asks for more of its panel; an unreadable kind is held to that.
            kind: ReviewKind::parse(&r.get::<_, String>(6)?).unwrap_or(ReviewKind::Cetr),
            // An unknown stored type is treated as an emergency meeting: it can never count.
            review_type: ReviewType::parse(&r.get::<_, String>(2)?)
                .unwrap_or(ReviewType::Emergency),
            finalised: r.get(3)?,
            panel: roles(r.get(4)?),
            waived: roles(r.get(5)?),
        },
    ))
}

/// Every review and emergency meeting of a person, with the roles of named panel members.
pub fn meetings_of(conn: &Connection, person_id: i64) -> Result<Vec<Meeting>> {
    let sql = format!("{MEETING_SQL} AND r.person_id = ?1 ORDER BY r.held_on, r.id");
    let rows = super::collect(conn, &sql, [person_id], meeting_row)?;
    Ok(rows.into_iter().map(|(_, m)| m).collect())
}

/// The meetings of everyone `people` (an SQL query of person ids) selects, read through
/// `review_person`.
pub(crate) fn meetings_sql(people: &str) -> String {
    format!("{MEETING_SQL} AND r.person_id IN ({people}) ORDER BY r.person_id, r.held_on, r.id")
}

/// The meetings of everyone `people` selects (an SQL query of person ids taking `params`), per
/// person: one statement for a whole return or dashboard figure.
pub fn meetings_of_people(
    conn: &Connection,
    people: &str,
    params: impl rusqlite::Params,
) -> Result<HashMap<i64, Vec<Meeting>>> {
    let sql = meetings_sql(people);
    let mut out: HashMap<i64, Vec<Meeting>> = HashMap::new();
    for (person, m) in super::collect(conn, &sql, params, meeting_row)? {
        out.entry(person).or_default().push(m);
    }
    Ok(out)
}

/// Whether a community C(E)TR was held in the run-up to an admission on `admitted_on`.
pub(crate) fn community_review_before(
    w: &Writer,
    person_id: i64,
    admitted_on: NaiveDate,
    previous_discharge: Option<NaiveDate>,
) -> Result<bool> {
    Ok(community_review_before_admission(
        &meetings_of(&w.tx, person_id)?,
        admitted_on,
        previous_discharge,
        &policy_intervals(&w.tx)?,
        &holidays(&w.tx)?,
        w.today(),
    )
    .is_some())
}

/// Recompute and store a person's next C(E)TR and next register review.
pub fn refresh_schedule(w: &Writer, id: i64) -> Result<()> {
    refresh_with(w, id, &policy_intervals(&w.tx)?, &holidays(&w.tx)?)
}

fn refresh_with(w: &Writer, id: i64, policy: &PolicyIntervals, holidays: &Holidays) -> Result<()> {
    let (dob, ehcp, rating_code, rating_since, added_on): (String, bool, String, String, String) =
        w.tx.prepare_cached(
            "SELECT date_of_birth, ehcp, rating, rating_since, added_on FROM person WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?;
    let last_discussed: Option<String> =
        w.tx.prepare_cached("SELECT max(discussed_on) FROM register_review WHERE person_id = ?1")?
            .query_row([id], |r| r.get(0))?;
    let stays = admissions_of(&w.tx, id)?;
    let episode = stays
        .iter()
        .find(|a| a.discharged_on.is_none())
        .map(|a| Episode {
            admitted_on: a.episode_start,
            security: a.security,
            previous_discharge: previous_discharge(&stays),
        });
    let meetings = meetings_of(&w.tx, id)?;
    let input = ScheduleInput {
        date_of_birth: date(&dob)?,
        ehcp,
        rating: rating(&rating_code)?,
        rating_since: date(&rating_since)?,
        added_on: date(&added_on)?,
        episode,
        meetings: &meetings,
        last_discussed: opt_date(last_discussed)?,
    };
    let s = schedule(&input, policy, holidays, w.today());
    w.tx.prepare_cached(
        "UPDATE person SET next_review_due = ?1, next_review_type = ?2, register_review_due = ?3
         WHERE id = ?4",
    )?
    .execute(params![
        s.review.map(|d| iso(d.due)),
        s.review.map(|d| d.review_type.code()),
        iso(s.register_review),
        id
    ])?;
    Ok(())
}

/// People whose next dates have never been worked out (a register opened for the first time by
/// this version), brought up to date in one transaction.
pub fn backfill(w: &Writer) -> Result<usize> {
    let ids: Vec<i64> = super::collect(
        &w.tx,
        "SELECT id FROM person WHERE register_review_due IS NULL",
        [],
        |r| r.get(0),
    )?;
    for id in &ids {
        refresh_schedule(w, *id)?;
    }
    Ok(ids.len())
}

/// One "discussed at the DSR meeting" entry.
#[derive(Debug, Clone, Serialize)]
pub struct RegisterReview {
    pub id: i64,
    pub person_id: i64,
    pub discussed_on: NaiveDate,
    pub note: String,
    pub by_user: String,
}

/// Record that the person was discussed at the DSR meeting on `on`, with an optional note; their
/// next register review moves on by their rating's cadence.
pub fn record_register_review(
    w: &mut Writer,
    person_id: i64,
    on: NaiveDate,
    note: &str,
) -> Result<i64> {
    w.tx.execute(
        "INSERT INTO register_review (person_id, discussed_on, note, at, by_user) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![person_id, iso(on), note.trim(), w.at(), w.user()],
    )?;
    let id = w.tx.last_insert_rowid();
    w.audit("register_review", id, "discussed_on", None, Some(&iso(on)))?;
    refresh_schedule(w, person_id)?;
    Ok(id)
}

pub fn register_reviews_of(conn: &Connection, person_id: i64) -> Result<Vec<RegisterReview>> {
    let sql = "SELECT id, person_id, discussed_on, note, by_user FROM register_review
               WHERE person_id = ?1 ORDER BY discussed_on, id";
    super::collect(conn, sql, [person_id], |r| {
        Ok(RegisterReview {
            id: r.get(0)?,
            person_id: r.get(1)?,
            discussed_on: date(&r.get::<_, String>(2)?)?,
            note: r.get(3)?,
            by_user: r.get(4)?,
        })
    })
}
