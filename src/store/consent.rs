//! Consent records: several per person, added and withdrawn, never rewritten or deleted. What they
//! mean today is the domain's rule (`domain::consent`); this module only stores and reads them.

use super::people::{date, iso, opt_date};
use super::{Result, StoreError, Writer};
use crate::domain::consent::{
    ConsentBasis, ConsentRecord, Decision, Giver, Scope, ScopeState, check_record, needs_asking,
    scope_state,
};
use chrono::NaiveDate;
use rusqlite::{Connection, Row, params};
use std::collections::{HashMap, HashSet};

/// A stored consent record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentRow {
    pub id: i64,
    pub person_id: i64,
    pub version: i64,
    pub record: ConsentRecord,
}

const COLUMNS: &str = "id, person_id, version, giver, giver_name, capacity_assessed_on, basis,
    decided_on, scopes, share_with, status, withdrawn_on, recorded_by";

fn conversion(msg: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, msg.into())
}

pub(crate) fn scopes_code(scopes: &[Scope]) -> String {
    Scope::ALL
        .iter()
        .filter(|s| scopes.contains(s))
        .map(|s| s.code())
        .collect::<Vec<_>>()
        .join(",")
}

fn consent_row(r: &Row) -> rusqlite::Result<ConsentRow> {
    let giver: String = r.get(3)?;
    let basis: String = r.get(6)?;
    let status: String = r.get(10)?;
    let share_with: String = r.get(9)?;
    let decision = match (status.as_str(), opt_date(r.get(11)?)?) {
        ("given", _) => Decision::Given,
        ("declined", _) => Decision::Declined,
        ("withdrawn", Some(on)) => Decision::Withdrawn(on),
        _ => return Err(conversion(format!("unknown consent status {status}"))),
    };
    Ok(ConsentRow {
        id: r.get(0)?,
        person_id: r.get(1)?,
        version: r.get(2)?,
        record: ConsentRecord {
            giver: Giver::parse(&giver)
                .ok_or_else(|| conversion(format!("unknown consent giver {giver}")))?,
            giver_name: r.get(4)?,
            capacity_assessed_on: opt_date(r.get(5)?)?,
            basis: ConsentBasis::parse(&basis)
                .ok_or_else(|| conversion(format!("unknown consent basis {basis}")))?,
            decided_on: date(&r.get::<_, String>(7)?)?,
            scopes: r
                .get::<_, String>(8)?
                .split(',')
                .filter_map(Scope::parse)
                .collect(),
            share_with: serde_json::from_str(&share_with)
                .map_err(|e| conversion(format!("stored organisations unreadable: {e}")))?,
            decision,
            recorded_by: r.get(12)?,
        },
    })
}

/// A person's consent records, oldest decision first.
pub fn consents_of(conn: &Connection, person_id: i64) -> Result<Vec<ConsentRow>> {
    let sql = format!("SELECT {COLUMNS} FROM consent WHERE person_id = ?1 ORDER BY decided_on, id");
    super::collect(conn, &sql, [person_id], consent_row)
}

/// Everyone's consent records by person, for exports and the register's consent filter.
pub fn all_consents(conn: &Connection) -> Result<HashMap<i64, Vec<ConsentRecord>>> {
    let sql = format!("SELECT {COLUMNS} FROM consent ORDER BY person_id, decided_on, id");
    let mut out: HashMap<i64, Vec<ConsentRecord>> = HashMap::new();
    for row in super::collect(conn, &sql, [], consent_row)? {
        out.entry(row.person_id).or_default().push(row.record);
    }
    Ok(out)
}

/// Everyone's date of birth and consent records, for the whole-register questions below.
fn everyone(conn: &Connection) -> Result<Vec<(i64, NaiveDate, Vec<ConsentRecord>)>> {
    let mut records = all_consents(conn)?;
    let people = super::collect(conn, "SELECT id, date_of_birth FROM person", [], |r| {
        Ok((r.get::<_, i64>(0)?, date(r.get_ref(1)?.as_str()?)?))
    })?;
    Ok(people
        .into_iter()
        .map(|(id, dob)| (id, dob, records.remove(&id).unwrap_or_default()))
        .collect())
}

/// The people whose consent for `scope` is given today.
pub fn people_with(conn: &Connection, scope: Scope, today: NaiveDate) -> Result<HashSet<i64>> {
    Ok(everyone(conn)?
        .into_iter()
        .filter(|(_, dob, recs)| scope_state(recs, *dob, today, scope).is_given())
        .map(|(id, _, _)| id)
        .collect())
}

/// The people with any scope missing or expired today (the register's consent filter).
pub fn people_to_ask(conn: &Connection, today: NaiveDate) -> Result<HashSet<i64>> {
    Ok(everyone(conn)?
        .into_iter()
        .filter(|(_, dob, recs)| needs_asking(recs, *dob, today))
        .map(|(id, _, _)| id)
        .collect())
}

/// What person `person_id`'s records mean today for `scope`.
pub fn scope_state_of(
    conn: &Connection,
    person_id: i64,
    scope: Scope,
    today: NaiveDate,
) -> Result<ScopeState> {
    let dob: String = super::one(
        conn,
        "SELECT date_of_birth FROM person WHERE id = ?1",
        [person_id],
        |r| r.get(0),
        || format!("person record {person_id}"),
    )?;
    let records: Vec<ConsentRecord> = consents_of(conn, person_id)?
        .into_iter()
        .map(|c| c.record)
        .collect();
    Ok(scope_state(&records, date(&dob)?, today, scope))
}

/// Record a consent decision (given or declined) for person `person_id`, checked by the domain's
/// rules against their age on the day it was made.
pub fn record_consent(
    w: &mut Writer,
    person_id: i64,
    record: &ConsentRecord,
    today: NaiveDate,
) -> Result<i64> {
    let (dob, name): (String, String) = super::one(
        &w.tx,
        "SELECT date_of_birth, family_name || ', ' || given_name FROM person WHERE id = ?1",
        [person_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
        || format!("person record {person_id}"),
    )?;
    if matches!(record.decision, Decision::Withdrawn(_)) {
        return Err(StoreError::Invalid(
            "record the decision as given or declined; withdraw it afterwards".into(),
        ));
    }
    if let Some(p) = check_record(record, date(&dob)?, today).into_iter().next() {
        return Err(StoreError::Invalid(format!(
            "consent for {name}: {}",
            p.message
        )));
    }
    let share_with: Vec<String> = record
        .share_with
        .iter()
        .map(|o| o.trim().to_string())
        .filter(|o| !o.is_empty())
        .collect();
    let share_json = serde_json::to_string(&share_with)
        .map_err(|e| StoreError::Invalid(format!("organisations could not be stored: {e}")))?;
    let giver_name = record
        .giver_name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    w.tx.execute(
        "INSERT INTO consent (person_id, giver, giver_name, capacity_assessed_on, basis, decided_on,
             scopes, share_with, status, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            person_id,
            record.giver.code(),
            giver_name,
            record.capacity_assessed_on.map(iso),
            record.basis.code(),
            iso(record.decided_on),
            scopes_code(&record.scopes),
            share_json,
            record.decision.code(),
            w.user(),
            w.at(),
        ],
    )?;
    let id = w.tx.last_insert_rowid();
    w.audit("consent", id, "created", None, Some(record.decision.code()))?;
    let fields = [
        ("giver", Some(record.giver.code().to_string())),
        ("giver_name", giver_name.map(str::to_string)),
        ("capacity_assessed_on", record.capacity_assessed_on.map(iso)),
        ("basis", Some(record.basis.code().to_string())),
        ("decided_on", Some(iso(record.decided_on))),
        ("scopes", Some(scopes_code(&record.scopes))),
        (
            "share_with",
            Some(share_with.join("; ")).filter(|s| !s.is_empty()),
        ),
    ];
    for (field, value) in fields {
        if value.is_some() {
            w.audit("consent", id, field, None, value.as_deref())?;
        }
    }
    Ok(id)
}

/// Withdraw a given consent on date `on`. The record stays, marked withdrawn, so the history of
/// what was agreed and when is kept.
pub fn withdraw_consent(
    w: &mut Writer,
    consent_id: i64,
    version: i64,
    on: NaiveDate,
    today: NaiveDate,
) -> Result<()> {
    let row = super::one(
        &w.tx,
        &format!("SELECT {COLUMNS} FROM consent WHERE id = ?1"),
        [consent_id],
        consent_row,
        || format!("consent record {consent_id}"),
    )?;
    // A stale form is told so first: someone else may have withdrawn it meanwhile.
    w.claim_version("consent", consent_id, version, "This consent record")?;
    if row.record.decision != Decision::Given {
        return Err(StoreError::Invalid(format!(
            "only consent that was given can be withdrawn; this record is {}",
            row.record.decision.code()
        )));
    }
    if on < row.record.decided_on || on > today {
        return Err(StoreError::Invalid(format!(
            "the withdrawal date must fall between the decision ({}) and today",
            iso(row.record.decided_on)
        )));
    }
    w.tx.execute(
        "UPDATE consent SET status = 'withdrawn', withdrawn_on = ?1 WHERE id = ?2",
        params![iso(on), consent_id],
    )?;
    w.audit(
        "consent",
        consent_id,
        "status",
        Some("given"),
        Some("withdrawn"),
    )?;
    w.audit("consent", consent_id, "withdrawn_on", None, Some(&iso(on)))
}
