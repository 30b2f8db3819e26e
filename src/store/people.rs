//! People on the register: add, edit, re-rate, admit, discharge, archive; and the rows the UI lists.

// Reviews reach these through the people module; they live with admissions and the schedule.
pub use super::admissions::open_admission;
pub use super::schedule::refresh_schedule;
use super::{Result, StoreError, Writer};
use crate::domain::nhs_number::NhsNumber;
use crate::domain::person::{
    Consent, ConsentBasis, ConsentScope, Diagnosis, PersonDetails, Setting, display_name,
};
use crate::domain::rating::Rating;
use crate::domain::rules;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

/// One line of the register as the UI lists it; cheap to hold 100,000 of.
#[derive(Debug, Clone, Serialize)]
pub struct RegisterRow {
    pub id: i64,
    pub nhs_number: Option<NhsNumber>,
    pub local_id: Option<String>,
    pub given_name: String,
    pub family_name: String,
    pub preferred_name: Option<String>,
    pub date_of_birth: NaiveDate,
    pub ehcp: bool,
    pub rating: Rating,
    pub keyworker: Option<String>,
    pub setting: Option<Setting>,
    pub next_review_due: Option<NaiveDate>,
    pub next_review_type: Option<String>,
    /// When the person is next due to be discussed at the DSR meeting.
    pub register_review_due: Option<NaiveDate>,
    pub open_actions: u32,
    pub overdue_actions: u32,
    pub archived: bool,
    pub version: i64,
}

impl RegisterRow {
    pub fn display_name(&self) -> String {
        display_name(
            &self.given_name,
            self.preferred_name.as_deref(),
            &self.family_name,
        )
    }
}

/// A full person record with its version, for the card and the edit form.
#[derive(Debug, Clone, Serialize)]
pub struct PersonRecord {
    pub id: i64,
    pub version: i64,
    pub details: PersonDetails,
    pub rating: Rating,
    pub rating_since: NaiveDate,
    pub next_review_due: Option<NaiveDate>,
    pub next_review_type: Option<String>,
    pub register_review_due: Option<NaiveDate>,
    pub added_on: NaiveDate,
    pub removed_on: Option<NaiveDate>,
    pub removed_reason: Option<String>,
}

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

/// Stored dates are always `YYYY-MM-DD` (the store writes them); parsing them by hand is several
/// times faster than a format string, which matters when loading 100,000 rows.
pub(crate) fn date(s: &str) -> rusqlite::Result<NaiveDate> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let parsed = (b.len() == 10 && b[4] == b'-' && b[7] == b'-')
        .then(|| NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?))
        .flatten();
    parsed.ok_or_else(|| conversion(format!("stored date {s:?} is not YYYY-MM-DD")))
}

pub(crate) fn opt_date(s: Option<String>) -> rusqlite::Result<Option<NaiveDate>> {
    s.as_deref().map(date).transpose()
}

fn conversion(msg: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, msg.into())
}

pub(crate) fn rating(s: &str) -> rusqlite::Result<Rating> {
    s.parse()
        .map_err(|e: crate::domain::rating::UnknownRating| conversion(e.to_string()))
}

pub(crate) fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

const REGISTER_SQL: &str = "
SELECT p.id, p.nhs_number, p.local_id, p.given_name, p.family_name, p.preferred_name,
       p.date_of_birth, p.ehcp, p.rating, p.keyworker, p.setting, p.next_review_due,
       p.next_review_type, p.removed_on IS NOT NULL, p.version, p.register_review_due
FROM person p";

/// Open and overdue action counts per person, in person id order.
const ACTION_COUNTS_SQL: &str = "
SELECT person_id, count(*), sum(due < ?1) FROM action
WHERE status NOT IN ('done', 'cancelled') GROUP BY person_id ORDER BY person_id";

/// The same for one person, through the `action_person` index (an `OR` would defeat the index).
const PERSON_ACTION_COUNTS_SQL: &str = "
SELECT person_id, count(*), sum(due < ?1) FROM action
WHERE person_id = ?2 AND status NOT IN ('done', 'cancelled') GROUP BY person_id";

fn register_row(r: &Row) -> rusqlite::Result<RegisterRow> {
    Ok(RegisterRow {
        id: r.get(0)?,
        nhs_number: r
            .get::<_, Option<String>>(1)?
            .and_then(NhsNumber::from_stored),
        local_id: r.get(2)?,
        given_name: r.get(3)?,
        family_name: r.get(4)?,
        preferred_name: r.get(5)?,
        date_of_birth: date(r.get_ref(6)?.as_str()?)?,
        ehcp: r.get(7)?,
        rating: rating(r.get_ref(8)?.as_str()?)?,
        keyworker: r.get(9)?,
        setting: r.get_ref(10)?.as_str_or_null()?.and_then(Setting::parse),
        next_review_due: r.get_ref(11)?.as_str_or_null()?.map(date).transpose()?,
        next_review_type: r.get(12)?,
        open_actions: 0,
        overdue_actions: 0,
        archived: r.get(13)?,
        version: r.get(14)?,
        register_review_due: r.get_ref(15)?.as_str_or_null()?.map(date).transpose()?,
    })
}

fn action_counts(
    conn: &Connection,
    today: NaiveDate,
    person: Option<i64>,
) -> Result<Vec<(i64, u32, u32)>> {
    let map = |r: &Row| Ok((r.get(0)?, r.get(1)?, r.get(2)?));
    match person {
        Some(id) => super::collect(conn, PERSON_ACTION_COUNTS_SQL, params![iso(today), id], map),
        None => super::collect(conn, ACTION_COUNTS_SQL, params![iso(today)], map),
    }
}

/// Attach counts (both lists in person id order) in one merge pass.
fn merge_counts(rows: &mut [RegisterRow], counts: &[(i64, u32, u32)]) {
    let mut counts = counts.iter().peekable();
    for row in rows.iter_mut() {
        while counts.next_if(|c| c.0 < row.id).is_some() {}
        if let Some((_, open, overdue)) = counts.next_if(|c| c.0 == row.id) {
            row.open_actions = *open;
            row.overdue_actions = *overdue;
        }
    }
}

/// Every person (archived included; the UI hides them by default), with action counts as of `today`.
/// The counts are read on a second connection in parallel: on a register of 100,000 people this
/// halves the time to the first frame.
pub fn register_rows(conn: &Connection, today: NaiveDate) -> Result<Vec<RegisterRow>> {
    let path = conn
        .path()
        .filter(|p| !p.is_empty())
        .map(std::path::PathBuf::from);
    let counts_thread = path.map(|path| {
        std::thread::spawn(move || -> Result<Vec<(i64, u32, u32)>> {
            let other =
                Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
            other.busy_timeout(super::BUSY_TIMEOUT)?;
            action_counts(&other, today, None)
        })
    });
    let mut rows = super::collect(
        conn,
        &format!("{REGISTER_SQL} ORDER BY p.id"),
        [],
        register_row,
    )?;
    let counts = match counts_thread {
        Some(handle) => handle.join().map_err(|_| {
            StoreError::Invalid("reading action counts failed unexpectedly".into())
        })??,
        None => action_counts(conn, today, None)?,
    };
    merge_counts(&mut rows, &counts);
    Ok(rows)
}

/// Ratings in severity order as SQL; the `person_register_order` index is built on this exact
/// expression, so queries must use it verbatim (with the table aliased `p` or unaliased alike).
pub(crate) const SEVERITY_SQL: &str =
    "CASE rating WHEN 'BLUE' THEN 0 WHEN 'RED' THEN 1 WHEN 'AMBER' THEN 2 ELSE 3 END";

/// People on the register (archived excluded) per rating, in B, R, A, G order.
pub fn rating_counts(conn: &Connection) -> Result<[usize; 4]> {
    let sql = "SELECT rating, count(*) FROM person WHERE removed_on IS NULL GROUP BY rating";
    let mut out = [0; 4];
    for (code, n) in super::collect(conn, sql, [], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
    })? {
        out[rating(&code)? as usize] = n as usize;
    }
    Ok(out)
}

/// The first `limit` people in register order (most severe rating, then name), for drawing the first
/// frame before the whole register has loaded, through the `person_register_order` index.
pub fn register_first_page(
    conn: &Connection,
    today: NaiveDate,
    limit: usize,
) -> Result<Vec<RegisterRow>> {
    let sql = format!(
        "{REGISTER_SQL} WHERE p.removed_on IS NULL
         ORDER BY {SEVERITY_SQL}, p.family_name, p.given_name, p.id LIMIT ?1"
    );
    let mut rows = super::collect(conn, &sql, [limit as i64], register_row)?;
    for row in &mut rows {
        let counts = action_counts(conn, today, Some(row.id))?;
        merge_counts(std::slice::from_mut(row), &counts);
    }
    Ok(rows)
}

/// One register row, to refresh the list after a write without reloading everything.
pub fn register_row_by_id(
    conn: &Connection,
    id: i64,
    today: NaiveDate,
) -> Result<Option<RegisterRow>> {
    let sql = format!("{REGISTER_SQL} WHERE p.id = ?1");
    let Some(mut row) = conn
        .prepare_cached(&sql)?
        .query_row([id], register_row)
        .optional()?
    else {
        return Ok(None);
    };
    merge_counts(
        std::slice::from_mut(&mut row),
        &action_counts(conn, today, Some(id))?,
    );
    Ok(Some(row))
}

const PERSON_COLUMNS: &str = "id, version, nhs_number, local_id, given_name, family_name, preferred_name,
    date_of_birth, sex, gender_identity, ethnicity, diagnosis, ehcp, gp_practice, local_authority, setting,
    keyworker, care_coordinator, consent_basis, consent_date, consent_recorded_by, consent_scope,
    objection_date, referral_date, referral_route, referrer, notes, rating, rating_since,
    next_review_due, next_review_type, added_on, removed_on, removed_reason, register_review_due";

fn person_record(r: &Row, criteria: Vec<String>) -> rusqlite::Result<PersonRecord> {
    let consent = match (
        r.get::<_, Option<String>>(18)?,
        r.get::<_, Option<String>>(19)?,
    ) {
        (Some(basis), Some(d)) => Some(Consent {
            basis: ConsentBasis::parse(&basis)
                .ok_or_else(|| conversion(format!("unknown consent basis {basis}")))?,
            date: date(&d)?,
            recorded_by: r.get::<_, Option<String>>(20)?.unwrap_or_default(),
            scope: ConsentScope::from_code(&r.get::<_, Option<String>>(21)?.unwrap_or_default()),
        }),
        _ => None,
    };
    let diagnosis: String = r.get(11)?;
    Ok(PersonRecord {
        id: r.get(0)?,
        version: r.get(1)?,
        details: PersonDetails {
            nhs_number: r
                .get::<_, Option<String>>(2)?
                .and_then(|s| NhsNumber::parse(&s).ok()),
            local_id: r.get(3)?,
            given_name: r.get(4)?,
            family_name: r.get(5)?,
            preferred_name: r.get(6)?,
            date_of_birth: date(&r.get::<_, String>(7)?)?,
            sex: r.get(8)?,
            gender_identity: r.get(9)?,
            ethnicity: r.get(10)?,
            diagnosis: Diagnosis::parse(&diagnosis)
                .ok_or_else(|| conversion(format!("unknown diagnosis {diagnosis}")))?,
            ehcp: r.get(12)?,
            gp_practice: r.get(13)?,
            local_authority: r.get(14)?,
            setting: r
                .get::<_, Option<String>>(15)?
                .as_deref()
                .and_then(Setting::parse),
            keyworker: r.get(16)?,
            care_coordinator: r.get(17)?,
            consent,
            objection_to_reporting: opt_date(r.get(22)?)?,
            referral_date: opt_date(r.get(23)?)?,
            referral_route: r.get(24)?,
            referrer: r.get(25)?,
            notes: r.get(26)?,
            criteria,
        },
        rating: rating(&r.get::<_, String>(27)?)?,
        rating_since: date(&r.get::<_, String>(28)?)?,
        next_review_due: opt_date(r.get(29)?)?,
        next_review_type: r.get(30)?,
        added_on: date(&r.get::<_, String>(31)?)?,
        removed_on: opt_date(r.get(32)?)?,
        removed_reason: r.get(33)?,
        register_review_due: opt_date(r.get(34)?)?,
    })
}

pub fn criteria_of(conn: &Connection, person_id: i64) -> Result<Vec<String>> {
    let sql = "SELECT code FROM person_criterion WHERE person_id = ?1 ORDER BY code";
    super::collect(conn, sql, [person_id], |r| r.get(0))
}

pub fn person(conn: &Connection, id: i64) -> Result<PersonRecord> {
    let criteria = criteria_of(conn, id)?;
    conn.prepare_cached(&format!(
        "SELECT {PERSON_COLUMNS} FROM person WHERE id = ?1"
    ))?
    .query_row([id], |r| person_record(r, criteria))
    .optional()?
    .ok_or(StoreError::NotFound {
        what: format!("person record {id}"),
    })
}

/// Every person, in id order, for exports. Criteria are attached in one pass.
pub fn all_people(conn: &Connection) -> Result<Vec<PersonRecord>> {
    let mut crit: std::collections::HashMap<i64, Vec<String>> = std::collections::HashMap::new();
    let mut stmt =
        conn.prepare("SELECT person_id, code FROM person_criterion ORDER BY person_id, code")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (id, code) = row?;
        crit.entry(id).or_default().push(code);
    }
    let mut stmt = conn.prepare(&format!("SELECT {PERSON_COLUMNS} FROM person ORDER BY id"))?;
    let rows = stmt
        .query_map([], |r| {
            let id: i64 = r.get(0)?;
            person_record(r, crit.remove(&id).unwrap_or_default())
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
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
    super::collect(conn, &sql, [person_id], rating_change_row)
}

pub fn all_rating_changes(conn: &Connection) -> Result<Vec<RatingChange>> {
    let sql = format!("SELECT {RATING_CHANGE_COLUMNS} FROM rating_change ORDER BY person_id, id");
    super::collect(conn, &sql, [], rating_change_row)
}

/// The criteria lookup: (code, label).
pub fn criteria_lookup(conn: &Connection) -> Result<Vec<(String, String)>> {
    let sql = "SELECT code, label FROM criterion WHERE active ORDER BY sort, code";
    super::collect(conn, sql, [], |r| Ok((r.get(0)?, r.get(1)?)))
}

/// Who already holds this NHS number (other than `except`), as (id, "Family, Given").
pub fn person_with_nhs_number(
    conn: &Connection,
    nhs: &NhsNumber,
    except: Option<i64>,
) -> Result<Option<(i64, String)>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, family_name || ', ' || given_name FROM person WHERE nhs_number = ?1 AND id IS NOT ?2",
        )?
        .query_row(params![nhs.digits(), except], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

fn duplicate_check(w: &Writer, details: &PersonDetails, except: Option<i64>) -> Result<()> {
    let clash = |column: &str, value: &str| -> Result<Option<(i64, String)>> {
        let sql = format!(
            "SELECT id, family_name || ', ' || given_name FROM person WHERE {column} = ?1 AND id IS NOT ?2"
        );
        Ok(w.tx
            .query_row(&sql, params![value, except], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    };
    if let Some(nhs) = &details.nhs_number
        && let Some((id, name)) = person_with_nhs_number(&w.tx, nhs, except)?
    {
        return Err(StoreError::Duplicate(format!(
            "NHS number {nhs} is already on the register for {name} (record {id}); open that record instead"
        )));
    }
    if let Some(local) = details.local_id.as_deref().filter(|l| !l.is_empty())
        && let Some((id, name)) = clash("local_id", local)?
    {
        return Err(StoreError::Duplicate(format!(
            "local id {local} is already used by {name} (record {id})"
        )));
    }
    Ok(())
}

/// The person's fields as (column, stored value) pairs, in a fixed order, for insert, update and audit.
pub(crate) fn columns(d: &PersonDetails) -> Vec<(&'static str, Option<String>)> {
    let s = |v: &Option<String>| {
        v.as_ref()
            .map(|x| x.trim().to_string())
            .filter(|x| !x.is_empty())
    };
    vec![
        (
            "nhs_number",
            d.nhs_number.as_ref().map(|n| n.digits().to_string()),
        ),
        ("local_id", s(&d.local_id)),
        ("given_name", Some(d.given_name.trim().to_string())),
        ("family_name", Some(d.family_name.trim().to_string())),
        ("preferred_name", s(&d.preferred_name)),
        ("date_of_birth", Some(iso(d.date_of_birth))),
        ("sex", s(&d.sex)),
        ("gender_identity", s(&d.gender_identity)),
        ("ethnicity", s(&d.ethnicity)),
        ("diagnosis", Some(d.diagnosis.code().to_string())),
        ("ehcp", Some(if d.ehcp { "1" } else { "0" }.to_string())),
        ("gp_practice", s(&d.gp_practice)),
        ("local_authority", s(&d.local_authority)),
        ("setting", d.setting.map(|x| x.code().to_string())),
        ("keyworker", s(&d.keyworker)),
        ("care_coordinator", s(&d.care_coordinator)),
        (
            "consent_basis",
            d.consent.as_ref().map(|c| c.basis.code().to_string()),
        ),
        ("consent_date", d.consent.as_ref().map(|c| iso(c.date))),
        (
            "consent_recorded_by",
            d.consent.as_ref().map(|c| c.recorded_by.clone()),
        ),
        (
            "consent_scope",
            d.consent.as_ref().map(|c| c.scope.to_code()),
        ),
        ("objection_date", d.objection_to_reporting.map(iso)),
        ("referral_date", d.referral_date.map(iso)),
        ("referral_route", s(&d.referral_route)),
        ("referrer", s(&d.referrer)),
        ("notes", s(&d.notes)),
    ]
}

fn check_details(
    w: &Writer,
    details: &PersonDetails,
    today: NaiveDate,
    except: Option<i64>,
) -> Result<()> {
    if let Some(p) = details.problems(today).into_iter().next() {
        return Err(StoreError::Invalid(p.message));
    }
    for code in &details.criteria {
        let known: bool = w.tx.query_row(
            "SELECT count(*) FROM criterion WHERE code = ?1",
            [code],
            |r| r.get(0),
        )?;
        if !known {
            return Err(StoreError::Invalid(format!(
                "unknown inclusion criterion {code:?}"
            )));
        }
    }
    duplicate_check(w, details, except)
}

fn write_criteria(w: &Writer, id: i64, criteria: &[String]) -> Result<()> {
    w.tx.execute("DELETE FROM person_criterion WHERE person_id = ?1", [id])?;
    for code in criteria {
        w.tx.execute(
            "INSERT OR IGNORE INTO person_criterion (person_id, code) VALUES (?1, ?2)",
            params![id, code],
        )?;
    }
    Ok(())
}

/// Add a person with their first rating. `today` is the date they join the register.
pub fn add_person(
    w: &mut Writer,
    details: &PersonDetails,
    first: Rating,
    reason: &str,
    today: NaiveDate,
) -> Result<i64> {
    check_details(w, details, today, None)?;
    let cols = columns(details);
    let names: Vec<&str> = cols.iter().map(|(c, _)| *c).collect();
    let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
    let n = cols.len();
    let sql = format!(
        "INSERT INTO person ({}, rating, rating_since, added_on) VALUES ({}, ?{}, ?{}, ?{})",
        names.join(", "),
        marks.join(", "),
        n + 1,
        n + 2,
        n + 3
    );
    let mut values: Vec<Option<String>> = cols.into_iter().map(|(_, v)| v).collect();
    values.extend([
        Some(first.code().to_string()),
        Some(iso(today)),
        Some(iso(today)),
    ]);
    w.tx.execute(&sql, rusqlite::params_from_iter(values.iter()))?;
    let id = w.tx.last_insert_rowid();
    write_criteria(w, id, &details.criteria)?;
    w.audit("person", id, "created", None, Some(&details.display_name()))?;
    for (col, v) in columns(details) {
        if v.is_some() {
            w.audit("person", id, col, None, v.as_deref())?;
        }
    }
    w.audit(
        "person",
        id,
        "criteria",
        None,
        Some(&details.criteria.join(",")),
    )?;
    append_rating(w, id, None, first, reason, today, None)?;
    refresh_schedule(w, id)?;
    Ok(id)
}

/// Save edited details if nobody else changed the record since `version` was read.
pub fn update_person(
    w: &mut Writer,
    id: i64,
    version: i64,
    details: &PersonDetails,
    today: NaiveDate,
) -> Result<()> {
    let before = person(&w.tx, id)?;
    check_details(w, details, today, Some(id))?;
    w.claim_version(
        "person",
        id,
        version,
        &format!("The record of {}", before.details.display_name()),
    )?;
    let old = columns(&before.details);
    for ((col, new), (_, was)) in columns(details).into_iter().zip(old) {
        if new != was {
            w.tx.execute(
                &format!("UPDATE person SET {col} = ?1 WHERE id = ?2"),
                params![new, id],
            )?;
            w.audit("person", id, col, was.as_deref(), new.as_deref())?;
        }
    }
    let mut new_criteria = details.criteria.clone();
    new_criteria.sort();
    new_criteria.dedup();
    if new_criteria != before.details.criteria {
        write_criteria(w, id, &new_criteria)?;
        w.audit(
            "person",
            id,
            "criteria",
            Some(&before.details.criteria.join(",")),
            Some(&new_criteria.join(",")),
        )?;
    }
    refresh_schedule(w, id)
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

/// Take someone off the register with a reason; nothing is deleted.
pub fn archive(w: &mut Writer, id: i64, version: i64, reason: &str, on: NaiveDate) -> Result<()> {
    let before = person(&w.tx, id)?;
    if let Some(on) = before.removed_on {
        return Err(StoreError::Invalid(format!(
            "{} was already removed from the register on {}",
            before.details.display_name(),
            iso(on)
        )));
    }
    rules::check_archive(open_admission(&w.tx, id)?.is_some(), reason)?;
    w.claim_version(
        "person",
        id,
        version,
        &format!("The record of {}", before.details.display_name()),
    )?;
    w.tx.execute(
        "UPDATE person SET removed_on = ?1, removed_reason = ?2 WHERE id = ?3",
        params![iso(on), reason.trim(), id],
    )?;
    w.audit("person", id, "removed_on", None, Some(&iso(on)))?;
    w.audit("person", id, "removed_reason", None, Some(reason.trim()))?;
    Ok(())
}

/// Put an archived person back on the register.
pub fn restore(w: &mut Writer, id: i64, version: i64) -> Result<()> {
    let before = person(&w.tx, id)?;
    if before.removed_on.is_none() {
        return Err(StoreError::Invalid(format!(
            "{} is on the register already: nothing to restore",
            before.details.display_name()
        )));
    }
    w.claim_version(
        "person",
        id,
        version,
        &format!("The record of {}", before.details.display_name()),
    )?;
    w.tx.execute(
        "UPDATE person SET removed_on = NULL, removed_reason = NULL WHERE id = ?1",
        [id],
    )?;
    w.audit(
        "person",
        id,
        "removed_on",
        before.removed_on.map(iso).as_deref(),
        None,
    )?;
    w.audit(
        "person",
        id,
        "removed_reason",
        before.removed_reason.as_deref(),
        None,
    )?;
    refresh_schedule(w, id)
}
