//! Queries behind the NHS England returns and the dashboard. Each is one statement (or a handful),
//! aggregated in SQL or filtered to the reporting period, so a register of 100,000 people reports
//! in well under a second and the dashboard never loads the register row by row.

use super::Result;
use super::admissions::{ADMISSION_COLUMNS, Admission, admission_row};
use super::people::{date, iso, opt_date, rating};
use super::schedule::meetings_of_people;
use crate::domain::rating::Rating;
use crate::domain::returns::EpisodeFacts;
use crate::domain::review::ReviewType;
use crate::domain::schedule::{Meeting, Security};
use chrono::NaiveDate;
use rusqlite::{Connection, Row, params};
use std::collections::HashMap;

/// A person on the register at some point of a period, with their state at the cut.
#[derive(Debug, Clone)]
pub struct PeriodPerson {
    pub id: i64,
    pub nhs_number: Option<String>,
    pub local_id: Option<String>,
    pub given_name: String,
    pub family_name: String,
    pub date_of_birth: NaiveDate,
    pub ehcp: bool,
    pub keyworker: Option<String>,
    /// When they objected to national reporting, if they did.
    pub objection_date: Option<NaiveDate>,
    pub added_on: NaiveDate,
    pub removed_on: Option<NaiveDate>,
    /// The rating in force at the cut and the date it took effect.
    pub rating_at_cut: Option<(Rating, NaiveDate)>,
    /// The latest finished review held on or before the cut.
    pub last_review: Option<(NaiveDate, ReviewType)>,
    /// The admission open at the cut (admitted on, security).
    pub in_hospital_at_cut: Option<(NaiveDate, Security)>,
    /// Whether the latest finished review found the person's needs can be met in the community.
    pub last_review_outcome: Option<bool>,
    pub diagnosis: String,
    /// Where the person lives, as on the record now.
    pub setting: Option<String>,
    /// Where they lived before the admission open now, if any.
    pub setting_before_now: Option<String>,
}

/// A rating change that took effect within a period.
#[derive(Debug, Clone)]
pub struct PeriodRatingChange {
    pub person_id: i64,
    pub effective: NaiveDate,
    pub from: Option<Rating>,
    pub to: Rating,
}

fn review_type(s: Option<String>) -> rusqlite::Result<Option<ReviewType>> {
    s.map(|t| {
        ReviewType::parse(&t).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                0,
                rusqlite::types::Type::Text,
                format!("unknown review type {t}").into(),
            )
        })
    })
    .transpose()
}

/// "Rating at D": the last recorded change (by entry order) that took effect on or before D, so a
/// correction entered later wins over an earlier entry for the same day.
const RATING_AT: &str = "SELECT id FROM rating_change WHERE person_id = p.id AND effective <= ?2 ORDER BY id DESC LIMIT 1";
// `+status` keeps SQLite on the (person_id, held_on) index; the (status, held_on) one would scan
// every finished review for each person.
const LAST_REVIEW_AT: &str = "SELECT id FROM review WHERE person_id = p.id AND +status = 'final' AND held_on <= ?2 ORDER BY held_on DESC, id DESC LIMIT 1";
const OPEN_ADMISSION_AT: &str = "SELECT id FROM admission WHERE person_id = p.id AND admitted_on <= ?2 AND (discharged_on IS NULL OR discharged_on > ?2) ORDER BY admitted_on DESC, id DESC LIMIT 1";

fn period_person(r: &Row) -> rusqlite::Result<PeriodPerson> {
    let rating_at_cut = match (
        r.get::<_, Option<String>>(10)?,
        r.get::<_, Option<String>>(11)?,
    ) {
        (Some(code), Some(on)) => Some((rating(&code)?, date(&on)?)),
        _ => None,
    };
    let last_review = match (
        opt_date(r.get(12)?)?,
        review_type(r.get::<_, Option<String>>(13)?)?,
    ) {
        (Some(on), Some(t)) => Some((on, t)),
        _ => None,
    };
    let in_hospital_at_cut = match (opt_date(r.get(14)?)?, r.get::<_, Option<String>>(15)?) {
        (Some(on), Some(sec)) => Some((on, Security::parse(&sec).unwrap_or(Security::None))),
        _ => None,
    };
    Ok(PeriodPerson {
        id: r.get(0)?,
        nhs_number: r.get(1)?,
        local_id: r.get(2)?,
        given_name: r.get(3)?,
        family_name: r.get(4)?,
        date_of_birth: date(&r.get::<_, String>(5)?)?,
        ehcp: r.get(6)?,
        keyworker: r.get(7)?,
        added_on: date(&r.get::<_, String>(8)?)?,
        removed_on: opt_date(r.get(9)?)?,
        rating_at_cut,
        last_review,
        in_hospital_at_cut,
        objection_date: opt_date(r.get(16)?)?,
        last_review_outcome: r.get(17)?,
        diagnosis: r.get(18)?,
        setting: r.get(19)?,
        setting_before_now: r.get(20)?,
    })
}

/// Everyone on the register at any point from `start` to `cut` and born after `born_after`
/// (a cheap pre-filter; the caller applies the exact age rule), ordered by name.
pub fn people_in_period(
    conn: &Connection,
    start: NaiveDate,
    cut: NaiveDate,
    born_after: NaiveDate,
) -> Result<Vec<PeriodPerson>> {
    let sql = format!(
        "WITH x AS MATERIALIZED (
             SELECT p.id, p.nhs_number, p.local_id, p.given_name, p.family_name, p.date_of_birth,
                    p.ehcp, p.keyworker, p.added_on, p.removed_on, p.objection_date, p.diagnosis,
                    p.setting, ({RATING_AT}) AS rc_id, ({LAST_REVIEW_AT}) AS rv_id, ({OPEN_ADMISSION_AT}) AS ad_id
             FROM person p
             WHERE p.added_on <= ?2 AND (p.removed_on IS NULL OR p.removed_on >= ?1)
               AND p.date_of_birth > ?3)
         SELECT x.id, x.nhs_number, x.local_id, x.given_name, x.family_name, x.date_of_birth, x.ehcp,
                x.keyworker, x.added_on, x.removed_on, rc.to_rating, rc.effective, rv.held_on, rv.type,
                ad.admitted_on, ad.security, x.objection_date, rv.community_needs_met, x.diagnosis,
                x.setting, (SELECT now.setting_before FROM admission now
                            WHERE now.person_id = x.id AND now.discharged_on IS NULL)
         FROM x
         LEFT JOIN rating_change rc ON rc.id = x.rc_id
         LEFT JOIN review rv ON rv.id = x.rv_id
         LEFT JOIN admission ad ON ad.id = x.ad_id
         ORDER BY x.family_name, x.given_name, x.id"
    );
    let rows = conn
        .prepare(&sql)?
        .query_map(
            params![iso(start), iso(cut), iso(born_after)],
            period_person,
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Rating changes that took effect from `start` to `cut`, per person in entry order.
pub fn rating_changes_in(
    conn: &Connection,
    start: NaiveDate,
    cut: NaiveDate,
) -> Result<HashMap<i64, Vec<PeriodRatingChange>>> {
    let mut out: HashMap<i64, Vec<PeriodRatingChange>> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT person_id, effective, from_rating, to_rating FROM rating_change
         WHERE effective BETWEEN ?1 AND ?2 ORDER BY person_id, id",
    )?;
    let rows = stmt.query_map(params![iso(start), iso(cut)], |r| {
        Ok(PeriodRatingChange {
            person_id: r.get(0)?,
            effective: date(&r.get::<_, String>(1)?)?,
            from: r
                .get::<_, Option<String>>(2)?
                .as_deref()
                .map(rating)
                .transpose()?,
            to: rating(&r.get::<_, String>(3)?)?,
        })
    })?;
    for row in rows {
        let row = row?;
        out.entry(row.person_id).or_default().push(row);
    }
    Ok(out)
}

/// Admissions that began or ended from `start` to `cut`, per person, oldest first.
pub fn admissions_touching(
    conn: &Connection,
    start: NaiveDate,
    cut: NaiveDate,
) -> Result<HashMap<i64, Vec<Admission>>> {
    let mut out: HashMap<i64, Vec<Admission>> = HashMap::new();
    let sql = format!(
        "SELECT {ADMISSION_COLUMNS} FROM admission
         WHERE admitted_on BETWEEN ?1 AND ?2 OR discharged_on BETWEEN ?1 AND ?2
         ORDER BY person_id, admitted_on, id"
    );
    let mut stmt = conn.prepare(&sql)?;
    for row in stmt.query_map(params![iso(start), iso(cut)], admission_row)? {
        let row = row?;
        out.entry(row.person_id).or_default().push(row);
    }
    Ok(out)
}

/// A hospital episode that began in a period (a transfer between hospitals does not begin one),
/// with what the journey measures need to judge it.
#[derive(Debug, Clone)]
pub struct EpisodeBegun {
    pub admission_id: i64,
    pub person_id: i64,
    pub planned: bool,
    pub facts: EpisodeFacts,
}

/// The person's discharge before this admission, and this episode's own discharge (a row closed
/// by a transfer is not one), each from `admission_person`.
const EPISODE_ENDS: &str = "(SELECT max(b.discharged_on) FROM admission b
        WHERE b.person_id = a.person_id AND b.admitted_on < a.admitted_on),
    (SELECT min(b.discharged_on) FROM admission b
        WHERE b.person_id = a.person_id AND b.admitted_on >= a.admitted_on AND b.discharged_on IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM admission c WHERE c.transfer_from = b.id))";

/// Episodes that began from `?1` to `?2` while the person was on the register (or before they
/// joined: their history), oldest first, read through `admission_admitted`.
pub(crate) fn episodes_begun_sql() -> String {
    format!(
        "SELECT a.id, a.person_id, a.planned, a.admitted_on, {EPISODE_ENDS},
                p.date_of_birth, p.ehcp, p.added_on
         FROM admission a JOIN person p ON p.id = a.person_id
         WHERE a.admitted_on BETWEEN ?1 AND ?2 AND a.transfer_from IS NULL
           AND (p.removed_on IS NULL OR p.removed_on >= a.admitted_on)
         ORDER BY a.admitted_on, a.id"
    )
}

/// The people whose episodes [`episodes_begun_sql`] reads, for their meetings.
pub(crate) const PEOPLE_ADMITTED: &str =
    "SELECT person_id FROM admission WHERE admitted_on BETWEEN ?1 AND ?2 AND transfer_from IS NULL";

/// Every meeting of each person, by person id.
pub type MeetingsByPerson = HashMap<i64, Vec<Meeting>>;

/// Episodes begun from `start` to `end`, with every meeting of the people admitted.
pub fn episodes_begun(
    conn: &Connection,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<(Vec<EpisodeBegun>, MeetingsByPerson)> {
    let (s, e) = (iso(start), iso(end));
    let episodes = super::collect(conn, &episodes_begun_sql(), params![s, e], |r| {
        Ok(EpisodeBegun {
            admission_id: r.get(0)?,
            person_id: r.get(1)?,
            planned: r.get(2)?,
            facts: EpisodeFacts {
                admitted_on: date(&r.get::<_, String>(3)?)?,
                previous_discharge: opt_date(r.get(4)?)?,
                left_hospital: opt_date(r.get(5)?)?,
                date_of_birth: date(&r.get::<_, String>(6)?)?,
                ehcp: r.get(7)?,
                added_to_register: date(&r.get::<_, String>(8)?)?,
            },
        })
    })?;
    let meetings = meetings_of_people(conn, PEOPLE_ADMITTED, params![s, e])?;
    Ok((episodes, meetings))
}

/// An admission open at some point of a week, with its person and their last review at the cut.
#[derive(Debug, Clone)]
pub struct WeekInpatient {
    pub admission: Admission,
    pub nhs_number: Option<String>,
    pub local_id: Option<String>,
    pub given_name: String,
    pub family_name: String,
    pub date_of_birth: NaiveDate,
    pub last_review: Option<(NaiveDate, ReviewType)>,
    pub ehcp: bool,
    /// When they objected to national reporting, if they did.
    pub objection_date: Option<NaiveDate>,
    pub added_on: NaiveDate,
    pub advocacy: Option<String>,
    /// This row was closed by a transfer to another hospital, not by a discharge.
    pub ended_by_transfer: bool,
    /// The end of the person's previous episode, if any.
    pub previous_discharge: Option<NaiveDate>,
}

/// Admissions open at any point from `start` to `cut` (so people discharged during the week are
/// listed once more, marked as discharged), ordered by admission date.
pub fn inpatients_in_week(
    conn: &Connection,
    start: NaiveDate,
    cut: NaiveDate,
) -> Result<Vec<WeekInpatient>> {
    let cols: Vec<String> = ADMISSION_COLUMNS
        .split(',')
        .map(|c| format!("a.{}", c.trim()))
        .collect();
    let sql = format!(
        "WITH x AS MATERIALIZED (
             SELECT a.id AS aid, ({1}) AS rv_id FROM admission a
             WHERE a.admitted_on <= ?2 AND (a.discharged_on IS NULL OR a.discharged_on >= ?1))
         SELECT {0}, p.nhs_number, p.local_id, p.given_name, p.family_name, p.date_of_birth,
                rv.held_on, rv.type, p.ehcp, p.objection_date, p.added_on, p.advocacy,
                EXISTS (SELECT 1 FROM admission n WHERE n.transfer_from = a.id),
                (SELECT max(b.discharged_on) FROM admission b
                 WHERE b.person_id = a.person_id AND b.admitted_on < a.admitted_on)
         FROM x JOIN admission a ON a.id = x.aid JOIN person p ON p.id = a.person_id
         LEFT JOIN review rv ON rv.id = x.rv_id
         ORDER BY a.admitted_on, a.id",
        cols.join(", "),
        LAST_REVIEW_AT.replace("p.id", "a.person_id")
    );
    let n = cols.len();
    let rows = conn
        .prepare(&sql)?
        .query_map(params![iso(start), iso(cut)], |r| {
            let last_review = match (
                opt_date(r.get(n + 5)?)?,
                review_type(r.get::<_, Option<String>>(n + 6)?)?,
            ) {
                (Some(on), Some(t)) => Some((on, t)),
                _ => None,
            };
            Ok(WeekInpatient {
                admission: admission_row(r)?,
                nhs_number: r.get(n)?,
                local_id: r.get(n + 1)?,
                given_name: r.get(n + 2)?,
                family_name: r.get(n + 3)?,
                date_of_birth: date(&r.get::<_, String>(n + 4)?)?,
                last_review,
                ehcp: r.get(n + 7)?,
                objection_date: opt_date(r.get(n + 8)?)?,
                added_on: date(&r.get::<_, String>(n + 9)?)?,
                advocacy: r.get(n + 10)?,
                ended_by_transfer: r.get(n + 11)?,
                previous_discharge: opt_date(r.get(n + 12)?)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // A transfer keeps one episode: each row's stay is counted from the episode's first admission,
    // and the previous episode is the one before that.
    let mut rows = rows;
    for row in &mut rows {
        if row.admission.transfer_from.is_some() {
            let person = row.admission.person_id;
            let all = super::admissions::admissions_of(conn, person)?;
            if let Some(a) = all.iter().find(|a| a.id == row.admission.id) {
                row.admission.episode_start = a.episode_start;
                row.previous_discharge = all
                    .iter()
                    .filter(|b| b.admitted_on < a.episode_start)
                    .filter_map(|b| b.discharged_on)
                    .max();
            }
        }
    }
    Ok(rows)
}

/// The people with an admission open at some point from `?1` to `?2`, for their meetings.
pub(crate) const PEOPLE_IN_HOSPITAL: &str = "SELECT person_id FROM admission
     WHERE admitted_on <= ?2 AND (discharged_on IS NULL OR discharged_on >= ?1)";

/// Every meeting of the people in hospital at some point from `start` to `cut`.
pub fn meetings_of_inpatients(
    conn: &Connection,
    start: NaiveDate,
    cut: NaiveDate,
) -> Result<MeetingsByPerson> {
    meetings_of_people(conn, PEOPLE_IN_HOSPITAL, params![iso(start), iso(cut)])
}

/// Barriers to discharge open at `?2` (raised by then, not resolved by then) on admissions open
/// at some point from `?1` to `?2`, through `admission_barrier_admission`.
pub(crate) const BARRIERS_OPEN_AT: &str = "SELECT b.admission_id, b.code FROM admission_barrier b
     WHERE b.admission_id IN (SELECT id FROM admission
                              WHERE admitted_on <= ?2 AND (discharged_on IS NULL OR discharged_on >= ?1))
       AND b.raised_on <= ?2 AND (b.resolved_on IS NULL OR b.resolved_on > ?2)
     ORDER BY b.admission_id, b.raised_on, b.id";

/// Codes of the barriers to discharge open at `cut`, per admission, oldest first.
pub fn barriers_open_at(
    conn: &Connection,
    start: NaiveDate,
    cut: NaiveDate,
) -> Result<HashMap<i64, Vec<String>>> {
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    let rows = super::collect(conn, BARRIERS_OPEN_AT, params![iso(start), iso(cut)], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
    })?;
    for (admission, code) in rows {
        out.entry(admission).or_default().push(code);
    }
    Ok(out)
}

/// Finished reviews held from `start` to `cut`: person → [(held on, type)].
pub fn reviews_held_in(
    conn: &Connection,
    start: NaiveDate,
    cut: NaiveDate,
) -> Result<HashMap<i64, Vec<(NaiveDate, ReviewType)>>> {
    let mut out: HashMap<i64, Vec<(NaiveDate, ReviewType)>> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT person_id, held_on, type FROM review
         WHERE status = 'final' AND held_on BETWEEN ?1 AND ?2 ORDER BY person_id, held_on, id",
    )?;
    let rows = stmt.query_map(params![iso(start), iso(cut)], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            date(&r.get::<_, String>(1)?)?,
            review_type(Some(r.get::<_, String>(2)?))?,
        ))
    })?;
    for row in rows {
        let (id, on, t) = row?;
        if let Some(t) = t {
            out.entry(id).or_default().push((on, t));
        }
    }
    Ok(out)
}

/// Edits to admissions (ward, security, legal status, planned discharge, ...) recorded in the audit
/// trail on days from `start` to `cut`: admission id → ["field: old -> new"]. Admission and
/// discharge themselves are reported from their dates, not from here.
pub fn admission_edits_in(
    conn: &Connection,
    start: NaiveDate,
    cut: NaiveDate,
) -> Result<HashMap<i64, Vec<String>>> {
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT entity_id, field, old, new FROM audit
         WHERE entity = 'admission' AND kind = 'change' AND field NOT IN ('created', 'discharged_on', 'discharge_destination')
           AND substr(at, 1, 10) BETWEEN ?1 AND ?2
         ORDER BY entity_id, id",
    )?;
    let rows = stmt.query_map(params![iso(start), iso(cut)], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<String>>(3)?,
        ))
    })?;
    for row in rows {
        let (id, field, old, new) = row?;
        out.entry(id).or_default().push(format!(
            "{field}: {} -> {}",
            old.as_deref().unwrap_or("(none)"),
            new.as_deref().unwrap_or("(none)")
        ));
    }
    Ok(out)
}

/// People with any change on or after `since` by the audit trail: their record, ratings, admissions,
/// reviews or actions (audit times are UTC; the day is compared). Someone only looking at a record
/// is not a change.
pub fn people_changed_since(conn: &Connection, since: NaiveDate) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare(
        "WITH changed AS (
             SELECT entity, entity_id FROM audit WHERE kind = 'change' AND substr(at, 1, 10) >= ?1
         )
         SELECT entity_id FROM changed WHERE entity = 'person'
         UNION SELECT person_id FROM rating_change WHERE substr(at, 1, 10) >= ?1
         UNION SELECT a.person_id FROM admission a JOIN changed c ON c.entity = 'admission' AND c.entity_id = a.id
         UNION SELECT r.person_id FROM review r JOIN changed c ON c.entity = 'review' AND c.entity_id = r.id
         UNION SELECT a.person_id FROM action a JOIN changed c ON c.entity = 'action' AND c.entity_id = a.id
         UNION SELECT a.person_id FROM action a JOIN action_event e ON e.action_id = a.id
               WHERE substr(e.at, 1, 10) >= ?1
         ORDER BY 1",
    )?;
    let rows = stmt
        .query_map([iso(since)], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(rows)
}
