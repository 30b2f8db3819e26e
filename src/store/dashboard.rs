//! The dashboard's figures. Each measure is one aggregate query over indexed columns, reading only
//! the rows it counts (overdue reviews, open admissions, this year's admissions...) rather than
//! the whole register; the `hot_queries_use_their_indexes` test holds them to that. A new measure
//! is a field of [`Dashboard`], a function here with its query, and a line in [`dashboard`].

use super::Result;
use super::people::iso;
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
/// People whose rating changed with effect after `?3` (`rating_change_effective`), or who left
/// the register since.
const CHANGED_AFTER: &str = "SELECT DISTINCT id FROM (
     SELECT person_id AS id FROM rating_change WHERE effective > ?3
     UNION ALL SELECT id FROM person WHERE removed_on > ?3)";

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
        (journey::REPORTS_SENT.into(), "review_status"),
        (journey::OUTCOMES.into(), "review_status"),
        (journey::REQUESTS_WAITING.into(), "review_request_open"),
        (CHANGED_AFTER.into(), "rating_change_effective"),
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
/// after it, clipped to the person's time on the register; SQL reduces each span to (first month
/// end it covers, first it does not) and counts those pairs, and a prefix over the ends finishes.
fn ratings_at_month_ends(
    conn: &Connection,
    ends: &[NaiveDate],
    today: NaiveDate,
    now: [u64; 4],
) -> Result<Vec<(NaiveDate, [u64; 4])>> {
    let Some(first) = ends.first() else {
        return Ok(Vec::new());
    };
    let n = ends.len() as i64;
    let m0 = i64::from(first.year()) * 12 + i64::from(first.month());
    let slot = |col: &str| {
        format!(
            "CASE WHEN {col} > ?1 THEN {n} ELSE max(0, min({last}, CAST(substr({col}, 1, 4) AS INTEGER) * 12
                 + CAST(substr({col}, 6, 2) AS INTEGER) - ?2)) END",
            last = n - 1
        )
    };
    let changed = format!("WITH changed AS MATERIALIZED ({CHANGED_AFTER})");
    let walked = format!(
        "{changed}
         SELECT to_rating, fs, fe, count(*) FROM (
             SELECT to_rating, {} AS fs, {} AS fe FROM (
                 SELECT rc.to_rating, max(rc.effective, p.added_on) AS st,
                        min(coalesce(min(rc.effective) OVER (PARTITION BY rc.person_id ORDER BY rc.id
                                     ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING), '9999-12-31'),
                            coalesce(p.removed_on, '9999-12-31')) AS sp
                 FROM changed c JOIN rating_change rc ON rc.person_id = c.id
                 JOIN person p ON p.id = rc.person_id))
         WHERE fs < fe GROUP BY 1, 2, 3",
        slot("st"),
        slot("sp")
    );
    let e0 = iso(*first);
    // Everyone changed since the first end, as they stand now: taken out of the constant part.
    let mut steady = now;
    let changed_now = super::collect(
        conn,
        &format!(
            "{changed} SELECT p.rating, count(*) FROM changed c JOIN person p ON p.id = c.id
             WHERE p.removed_on IS NULL GROUP BY 1"
        ),
        params![iso(today), m0, e0],
        |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?.max(0) as u64)),
    )?;
    for (code, k) in changed_now {
        if let Ok(r) = code.parse::<Rating>() {
            steady[r as usize] = steady[r as usize].saturating_sub(k);
        }
    }
    let mut counts = vec![steady; ends.len()];
    let spans = super::collect(conn, &walked, params![iso(today), m0, e0], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, i64>(3)?,
        ))
    })?;
    for (code, from, to, k) in spans {
        let Ok(rating) = code.parse::<Rating>() else {
            continue;
        };
        for slot in counts
            .iter_mut()
            .take(to.clamp(0, n) as usize)
            .skip(from.clamp(0, n) as usize)
        {
            slot[rating as usize] += k.max(0) as u64;
        }
    }
    Ok(ends.iter().copied().zip(counts).collect())
}

pub mod journey;
#[cfg(test)]
mod tests;
