//! The dashboard's figures. Each measure is one aggregate query over indexed columns, reading only
//! the rows it counts (overdue reviews, open admissions, this year's admissions...) rather than
//! the whole register; the `hot_queries_use_their_indexes` test holds them to that. A new measure
//! is a field of [`Dashboard`], a function here with its query, and a line in [`dashboard`].

use super::Result;
use super::people::{date, iso, opt_date};
use crate::domain::action::ActionStatus;
use crate::domain::rating::Rating;
use crate::domain::returns::{STAY_BANDS, month_ends};
use chrono::{Datelike, NaiveDate};
use journey::{JourneyFigures, journey_figures};
use rusqlite::{Connection, params};

/// Admissions and discharges in one calendar month.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MonthFlow {
    /// `YYYY-MM`
    pub month: String,
    pub admitted_unplanned: u64,
    pub admitted_planned: u64,
    pub discharged: u64,
}

/// Everything the dashboard draws.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dashboard {
    /// People on the register now, in B, R, A, G order.
    pub ratings_now: [u64; 4],
    /// (month end or today, counts in B, R, A, G order), oldest first.
    pub ratings_by_month: Vec<(NaiveDate, [u64; 4])>,
    pub flows: Vec<MonthFlow>,
    /// Current inpatients per `domain::returns::STAY_BANDS` band.
    pub stay_bands: Vec<u64>,
    pub longest_stay_days: i64,
    /// The C(E)TR journey over the same months as `flows`.
    pub journey: JourneyFigures,
    /// Overdue next reviews per review type code, most first.
    pub reviews_overdue: Vec<(String, u64)>,
    /// Overdue actions per organisation, most first.
    pub actions_overdue: Vec<(String, u64)>,
    /// People per keyworker, most first.
    pub caseloads: Vec<(String, u64)>,
    pub children_without_keyworker: u64,
}

/// The dashboard's figures as at `today`.
pub fn dashboard(conn: &Connection, today: NaiveDate) -> Result<Dashboard> {
    let t = iso(today);
    let ends = month_ends(today, 12);
    let ratings_now = ratings_now(conn)?;
    let (stay_bands, longest_stay_days) = stay_bands(conn, &t)?;
    let months: Vec<String> = ends.iter().map(|d| d.format("%Y-%m").to_string()).collect();
    let first = ends.first().and_then(|d| d.with_day(1)).unwrap_or(today);
    Ok(Dashboard {
        ratings_by_month: ratings_at_month_ends(conn, &ends, today, ratings_now)?,
        ratings_now,
        flows: flows(conn, &months, first, &t)?,
        stay_bands,
        longest_stay_days,
        journey: journey_figures(conn, &months, first, today)?,
        reviews_overdue: most_first(pairs(conn, REVIEWS_OVERDUE, &[&t])?),
        actions_overdue: most_first(pairs(conn, &actions_overdue_sql(), &[&t])?),
        caseloads: most_first(pairs(conn, CASELOADS, &[])?),
        children_without_keyworker: count(conn, CHILDREN_WITHOUT_KEYWORKER, &[&t])?,
    })
}

const RATINGS_NOW: &str =
    "SELECT rating, count(*) FROM person WHERE removed_on IS NULL GROUP BY rating";
/// Only the overdue rows are read (`person_next_review`).
const REVIEWS_OVERDUE: &str = "SELECT coalesce(next_review_type, '?'), count(*) FROM person
     WHERE removed_on IS NULL AND next_review_due < ?1 GROUP BY 1";
/// Keyworkers in index order, so no sort (`person_keyworker`).
const CASELOADS: &str = "SELECT keyworker, count(*) FROM person
     WHERE removed_on IS NULL AND keyworker > '' GROUP BY keyworker";
const CHILDREN_WITHOUT_KEYWORKER: &str = "SELECT count(*) FROM person
     WHERE removed_on IS NULL AND (keyworker IS NULL OR keyworker = '')
       AND date_of_birth > date(?1, '-18 years')";
/// Admissions that began an episode (a transfer between hospitals does not), counted while the
/// person was on the register: an archived person's past stays still count, nothing after they
/// left does.
const ADMITTED_BY_MONTH: &str = "SELECT substr(a.admitted_on, 1, 7), a.planned, count(*)
     FROM admission a JOIN person p ON p.id = a.person_id
     WHERE a.admitted_on BETWEEN ?1 AND ?2 AND a.transfer_from IS NULL
       AND (p.removed_on IS NULL OR p.removed_on >= a.admitted_on)
     GROUP BY 1, 2";
/// Discharges that ended an episode (a row closed by a transfer did not), by the same rule.
const DISCHARGED_BY_MONTH: &str = "SELECT substr(a.discharged_on, 1, 7), count(*)
     FROM admission a JOIN person p ON p.id = a.person_id
     WHERE a.discharged_on BETWEEN ?1 AND ?2
       AND NOT EXISTS (SELECT 1 FROM admission n WHERE n.transfer_from = a.id)
       AND (p.removed_on IS NULL OR p.removed_on >= a.discharged_on)
     GROUP BY 1";
/// People whose rating changed with effect after `?1` (`rating_change_effective`), or who left
/// the register since.
const CHANGED_AFTER: &str = "SELECT DISTINCT id FROM (
     SELECT person_id AS id FROM rating_change WHERE effective > ?1
     UNION ALL SELECT id FROM person WHERE removed_on > ?1)";

/// The whole rating history of everyone [`CHANGED_AFTER`] finds, per person in entry order
/// (`rating_change_person`, so no sort), with their time on the register and rating now.
fn history_of_changed_sql() -> String {
    format!(
        "WITH changed AS MATERIALIZED ({CHANGED_AFTER})
         SELECT rc.person_id, rc.effective, rc.to_rating, p.added_on, p.removed_on, p.rating
         FROM rating_change rc JOIN person p ON p.id = rc.person_id
         WHERE rc.person_id IN changed ORDER BY rc.person_id, rc.id"
    )
}

/// Open actions due before `?1`, per organisation, through `action_open_due` (one range per open
/// status, as the domain's status rule lists them).
fn actions_overdue_sql() -> String {
    let open: Vec<String> = ActionStatus::ALL
        .iter()
        .filter(|s| !s.is_closed())
        .map(|s| format!("'{}'", s.code()))
        .collect();
    format!(
        "SELECT CASE WHEN trim(organisation) = '' THEN '(no organisation)' ELSE organisation END,
                count(*)
         FROM action WHERE status IN ({}) AND due < ?1 GROUP BY 1",
        open.join(", ")
    )
}

/// Open admissions per length-of-stay band (the domain's bands) with the longest stay, reading
/// only the open admissions (`admission_one_open`).
fn stays_sql() -> String {
    let bands: String = STAY_BANDS
        .iter()
        .enumerate()
        .filter(|(_, (upper, _))| *upper < i64::MAX)
        .map(|(i, (upper, _))| format!("WHEN d < {upper} THEN {i} "))
        .collect();
    format!(
        "SELECT CASE {bands} ELSE {} END, count(*), max(d) FROM (
             SELECT CAST(julianday(?1) - julianday(admitted_on) AS INTEGER) AS d
             FROM admission WHERE discharged_on IS NULL)
         GROUP BY 1",
        STAY_BANDS.len() - 1
    )
}

/// Every hot query of the dashboard and the returns, with the index it must use, for the
/// query-plan test.
#[cfg(test)]
fn hot_queries() -> Vec<(String, &'static str)> {
    use super::reports;
    vec![
        (RATINGS_NOW.into(), "person_rating"),
        (REVIEWS_OVERDUE.into(), "person_next_review"),
        (CASELOADS.into(), "person_keyworker"),
        (CHILDREN_WITHOUT_KEYWORKER.into(), "person_keyworker"),
        (stays_sql(), "admission_one_open"),
        (ADMITTED_BY_MONTH.into(), "admission_admitted"),
        (DISCHARGED_BY_MONTH.into(), "admission_discharged"),
        (DISCHARGED_BY_MONTH.into(), "admission_transfer_from"),
        (reports::episodes_begun_sql(), "admission_admitted"),
        (reports::episodes_begun_sql(), "admission_transfer_from"),
        (
            super::schedule::meetings_sql(reports::PEOPLE_ADMITTED),
            "review_person",
        ),
        (
            super::schedule::meetings_sql(reports::PEOPLE_IN_HOSPITAL),
            "review_person",
        ),
        (
            reports::BARRIERS_OPEN_AT.into(),
            "admission_barrier_admission",
        ),
        (journey::REPORTS_SENT.into(), "COVERING INDEX review_status"),
        (journey::OUTCOMES.into(), "COVERING INDEX review_status"),
        (journey::REQUESTS_WAITING.into(), "review_request_open"),
        (history_of_changed_sql(), "rating_change_effective"),
        (history_of_changed_sql(), "rating_change_person"),
        (actions_overdue_sql(), "action_open_due"),
        (super::reviews::DUE_PEOPLE_SQL.into(), "person_next_review"),
    ]
}

fn count(conn: &Connection, sql: &str, p: &[&dyn rusqlite::ToSql]) -> Result<u64> {
    let n: i64 = conn.prepare_cached(sql)?.query_row(p, |r| r.get(0))?;
    Ok(n.max(0) as u64)
}

fn pairs(conn: &Connection, sql: &str, p: &[&dyn rusqlite::ToSql]) -> Result<Vec<(String, u64)>> {
    super::collect(conn, sql, p, |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?.max(0) as u64))
    })
}

fn most_first(mut v: Vec<(String, u64)>) -> Vec<(String, u64)> {
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

fn ratings_now(conn: &Connection) -> Result<[u64; 4]> {
    let mut out = [0; 4];
    for (code, n) in pairs(conn, RATINGS_NOW, &[])? {
        if let Ok(r) = code.parse::<Rating>() {
            out[r as usize] = n;
        }
    }
    Ok(out)
}

/// Current inpatients per length-of-stay band, and the longest stay.
fn stay_bands(conn: &Connection, today: &str) -> Result<(Vec<u64>, i64)> {
    let mut bands = vec![0u64; STAY_BANDS.len()];
    let mut longest = 0;
    let rows = super::collect(conn, &stays_sql(), [today], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })?;
    for (band, n, most) in rows {
        if let Some(slot) = bands.get_mut(band.max(0) as usize) {
            *slot += n.max(0) as u64;
        }
        longest = longest.max(most);
    }
    Ok((bands, longest))
}

/// Admissions (planned or not) and discharges per month of `months`, from `first`.
fn flows(
    conn: &Connection,
    months: &[String],
    first: NaiveDate,
    today: &str,
) -> Result<Vec<MonthFlow>> {
    let first_month = iso(first);
    let mut flows: Vec<MonthFlow> = months
        .iter()
        .map(|m| MonthFlow {
            month: m.clone(),
            ..MonthFlow::default()
        })
        .collect();
    let admitted = super::collect(conn, ADMITTED_BY_MONTH, params![first_month, today], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, bool>(1)?,
            r.get::<_, i64>(2)?.max(0) as u64,
        ))
    })?;
    for (m, planned, n) in admitted {
        if let Some(f) = flows.iter_mut().find(|f| f.month == m) {
            if planned {
                f.admitted_planned += n;
            } else {
                f.admitted_unplanned += n;
            }
        }
    }
    for (m, n) in pairs(conn, DISCHARGED_BY_MONTH, &[&first_month, &today])? {
        if let Some(f) = flows.iter_mut().find(|f| f.month == m) {
            f.discharged += n;
        }
    }
    Ok(flows)
}

/// Counts by rating at each of `ends` (month ends, oldest first, the last being `today`).
///
/// As in the returns, the rating on a day is the last change recorded with an effective date on or
/// before it, counted while the person is on the register. Someone whose history has no change
/// effective after the first month end, and who was not removed since, holds their current rating
/// at every end: they are counted once, from `now` (the current counts, from an index). Only the
/// people changed since (found through `rating_change_effective`) have their history walked: each
/// change holds from its effective date until the earliest effective date of any change recorded
/// after it, clipped to the person's time on the register, and counts at the month ends that span
/// covers. The walk is a pass over rows SQL hands over in order: done in SQL (a window function
/// and a grouping) it cost four times as much.
fn ratings_at_month_ends(
    conn: &Connection,
    ends: &[NaiveDate],
    today: NaiveDate,
    now: [u64; 4],
) -> Result<Vec<(NaiveDate, [u64; 4])>> {
    let Some(first) = ends.first() else {
        return Ok(Vec::new());
    };
    let n = ends.len();
    let month = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month());
    // The first of `ends` on or after `d` (each end is its month's last day, the last is today);
    // `n` when none is (after today, or never).
    let end_from = |d: Option<NaiveDate>| match d {
        Some(d) if d <= today => (month(d) - month(*first)).clamp(0, n as i64 - 1) as usize,
        _ => n,
    };
    let rows = super::collect(conn, &history_of_changed_sql(), [iso(*first)], |r| {
        Ok(Walked {
            person: r.get(0)?,
            effective: date(&r.get::<_, String>(1)?)?,
            to: r.get::<_, String>(2)?.parse().ok(),
            added_on: date(&r.get::<_, String>(3)?)?,
            removed_on: opt_date(r.get(4)?)?,
            now: r.get::<_, String>(5)?.parse().ok(),
        })
    })?;
    let mut steady = now;
    let mut counts = vec![[0u64; 4]; n];
    for history in rows.chunk_by(|a, b| a.person == b.person) {
        let someone = &history[0];
        // Counted in `now`, but walked here instead.
        if let (None, Some(r)) = (someone.removed_on, someone.now) {
            steady[r as usize] = steady[r as usize].saturating_sub(1);
        }
        let mut superseded: Option<NaiveDate> = None;
        for change in history.iter().rev() {
            let from = end_from(Some(change.effective.max(someone.added_on)));
            let until = end_from(match (superseded, someone.removed_on) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            });
            superseded = Some(superseded.map_or(change.effective, |s| s.min(change.effective)));
            let Some(rating) = change.to else {
                continue;
            };
            for at in counts.iter_mut().take(until).skip(from) {
                at[rating as usize] += 1;
            }
        }
    }
    for at in &mut counts {
        for (c, s) in at.iter_mut().zip(steady) {
            *c += s;
        }
    }
    Ok(ends.iter().copied().zip(counts).collect())
}

/// One row of a changed person's rating history, for the walk.
struct Walked {
    person: i64,
    effective: NaiveDate,
    to: Option<Rating>,
    added_on: NaiveDate,
    removed_on: Option<NaiveDate>,
    now: Option<Rating>,
}

pub mod journey;
#[cfg(test)]
mod tests;
