//! One person's full record (for the card, the edit form and exports), and the inclusion criteria.

use super::{conversion, date, iso, opt_date, rating};
use crate::domain::nhs_number::NhsNumber;
use crate::domain::person::{Diagnosis, PersonDetails, Setting};
use crate::domain::rating::Rating;
use crate::store::{Result, StoreError};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;

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

const PERSON_COLUMNS: &str = "id, version, nhs_number, local_id, given_name, family_name, preferred_name,
    date_of_birth, sex, gender_identity, ethnicity, diagnosis, ehcp, gp_practice, local_authority, setting,
    keyworker, care_coordinator, objection_date, referral_date, referral_route, referrer, notes, rating, rating_since,
    next_review_due, next_review_type, added_on, removed_on, removed_reason, register_review_due";

fn person_record(r: &Row, criteria: Vec<String>) -> rusqlite::Result<PersonRecord> {
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
            objection_to_reporting: opt_date(r.get(18)?)?,
            referral_date: opt_date(r.get(19)?)?,
            referral_route: r.get(20)?,
            referrer: r.get(21)?,
            notes: r.get(22)?,
            criteria,
        },
        rating: rating(&r.get::<_, String>(23)?)?,
        rating_since: date(&r.get::<_, String>(24)?)?,
        next_review_due: opt_date(r.get(25)?)?,
        next_review_type: r.get(26)?,
        added_on: date(&r.get::<_, String>(27)?)?,
        removed_on: opt_date(r.get(28)?)?,
        removed_reason: r.get(29)?,
        register_review_due: opt_date(r.get(30)?)?,
    })
}

pub fn criteria_of(conn: &Connection, person_id: i64) -> Result<Vec<String>> {
    let sql = "SELECT code FROM person_criterion WHERE person_id = ?1 ORDER BY code";
    crate::store::collect(conn, sql, [person_id], |r| r.get(0))
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

/// The criteria lookup: (code, label).
pub fn criteria_lookup(conn: &Connection) -> Result<Vec<(String, String)>> {
    let sql = "SELECT code, label FROM criterion WHERE active ORDER BY sort, code";
    crate::store::collect(conn, sql, [], |r| Ok((r.get(0)?, r.get(1)?)))
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
        ("objection_date", d.objection_to_reporting.map(iso)),
        ("referral_date", d.referral_date.map(iso)),
        ("referral_route", s(&d.referral_route)),
        ("referrer", s(&d.referrer)),
        ("notes", s(&d.notes)),
    ]
}
