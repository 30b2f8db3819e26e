//! Hospital stays: admit, transfer, edit, discharge, and barriers to discharge. An episode is one
//! stay in hospital however many hospitals it passes through: a transfer closes one admission row
//! and opens the next, linked, so the person stays BLUE and the length of stay runs on.

use super::people::{append_rating, date, iso, opt_date, person};
use super::schedule::{community_review_before, refresh_schedule};
use super::{Result, StoreError, Writer};
use crate::domain::person::Setting;
use crate::domain::rating::Rating;
use crate::domain::rules::{self, RuleField, RuleViolation, Stay};
use crate::domain::schedule::Security;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

mod to_complete;
pub use to_complete::{complete_admission, mark_to_complete};

#[derive(Debug, Clone, Serialize)]
pub struct Admission {
    pub id: i64,
    pub person_id: i64,
    pub hospital: String,
    pub ward_type: String,
    pub security: Security,
    pub legal_status: String,
    pub planned: bool,
    pub out_of_area: bool,
    pub distance_km: Option<i64>,
    pub admitted_on: NaiveDate,
    pub planned_discharge: Option<NaiveDate>,
    pub barriers: Option<String>,
    pub discharged_on: Option<NaiveDate>,
    pub discharge_destination: Option<String>,
    pub version: i64,
    /// The admission this one continues after a transfer between hospitals.
    pub transfer_from: Option<i64>,
    /// The person's setting before the episode began, offered back at discharge.
    pub setting_before: Option<Setting>,
    /// Why no community C(E)TR was held before the admission (each such admission is reviewed).
    pub no_community_review_reason: Option<String>,
    /// Why a notifiable admission (a child on an adult ward, DoLS under 18) went ahead.
    pub notifiable_reason: Option<String>,
    /// The first admission of this episode; equals `admitted_on` unless transferred in.
    pub episode_start: NaiveDate,
    /// What is still to be recorded (an admission imported from a BLUE rating alone).
    pub to_complete: Option<String>,
}

impl Admission {
    /// Days in hospital in this episode, up to this row's end or `today` while still in.
    pub fn length_of_stay(&self, today: NaiveDate) -> i64 {
        rules::length_of_stay(self.episode_start, self.discharged_on, today)
    }
    /// Closed by a transfer to another hospital rather than a discharge.
    pub fn ended_by_transfer(&self, all: &[Admission]) -> bool {
        all.iter().any(|a| a.transfer_from == Some(self.id))
    }
}

/// What staff enter to admit someone.
#[derive(Debug, Clone)]
pub struct NewAdmission {
    pub hospital: String,
    pub ward_type: String,
    pub security: Security,
    pub legal_status: String,
    pub planned: bool,
    pub out_of_area: bool,
    pub distance_km: Option<i64>,
    pub admitted_on: NaiveDate,
    pub planned_discharge: Option<NaiveDate>,
    /// Required when the admission is notifiable (`rules::notifiable`).
    pub notifiable_reason: String,
    /// Required when no community C(E)TR was held in the run-up to the admission.
    pub no_community_review_reason: String,
}

/// Where the person moves to on a transfer between hospitals.
#[derive(Debug, Clone)]
pub struct Transfer {
    pub on: NaiveDate,
    pub hospital: String,
    pub ward_type: String,
    pub security: Security,
    pub legal_status: String,
    pub notifiable_reason: String,
}

/// The fields of an open admission that change during a stay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdmissionEdit {
    pub ward_type: String,
    pub security: Security,
    pub legal_status: String,
    pub planned_discharge: Option<NaiveDate>,
    pub notifiable_reason: String,
}

pub(crate) const ADMISSION_COLUMNS: &str = "id, person_id, hospital, ward_type, security, legal_status, planned, out_of_area,
    distance_km, admitted_on, planned_discharge, barriers, discharged_on, discharge_destination, version,
    transfer_from, setting_before, no_community_review_reason, notifiable_reason, to_complete";

fn conversion(msg: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, msg.into())
}

/// One admission row; `episode_start` is filled in by `with_episodes` once the chain is known.
pub(crate) fn admission_row(r: &Row) -> rusqlite::Result<Admission> {
    let security: String = r.get(4)?;
    let admitted_on = date(&r.get::<_, String>(9)?)?;
    Ok(Admission {
        id: r.get(0)?,
        person_id: r.get(1)?,
        hospital: r.get(2)?,
        ward_type: r.get(3)?,
        security: Security::parse(&security)
            .ok_or_else(|| conversion(format!("unknown security {security}")))?,
        legal_status: r.get(5)?,
        planned: r.get(6)?,
        out_of_area: r.get(7)?,
        distance_km: r.get(8)?,
        admitted_on,
        planned_discharge: opt_date(r.get(10)?)?,
        barriers: r.get(11)?,
        discharged_on: opt_date(r.get(12)?)?,
        discharge_destination: r.get(13)?,
        version: r.get(14)?,
        transfer_from: r.get(15)?,
        setting_before: r
            .get::<_, Option<String>>(16)?
            .as_deref()
            .and_then(Setting::parse),
        no_community_review_reason: r.get(17)?,
        notifiable_reason: r.get(18)?,
        episode_start: admitted_on,
        to_complete: r.get(19)?,
    })
}

/// Fill in each row's episode start by following transfers back (rows in admission order).
pub(crate) fn with_episodes(mut rows: Vec<Admission>) -> Vec<Admission> {
    for i in 0..rows.len() {
        if let Some(from) = rows[i].transfer_from
            && let Some(start) = rows[..i]
                .iter()
                .find(|a| a.id == from)
                .map(|a| a.episode_start)
        {
            rows[i].episode_start = start;
        }
    }
    rows
}

pub fn admissions_of(conn: &Connection, person_id: i64) -> Result<Vec<Admission>> {
    let sql = format!(
        "SELECT {ADMISSION_COLUMNS} FROM admission WHERE person_id = ?1 ORDER BY admitted_on, id"
    );
    Ok(with_episodes(super::collect(
        conn,
        &sql,
        [person_id],
        admission_row,
    )?))
}

pub fn all_admissions(conn: &Connection) -> Result<Vec<Admission>> {
    let sql =
        format!("SELECT {ADMISSION_COLUMNS} FROM admission ORDER BY person_id, admitted_on, id");
    let rows = super::collect(conn, &sql, [], admission_row)?;
    // Chains never cross people, and rows are grouped by person in admission order.
    Ok(with_episodes(rows))
}

/// The open admission, with its episode start.
pub fn open_admission(conn: &Connection, person_id: i64) -> Result<Option<Admission>> {
    Ok(admissions_of(conn, person_id)?
        .into_iter()
        .find(|a| a.discharged_on.is_none()))
}

/// The end of the last episode before the open one, if any.
pub(crate) fn previous_discharge(all: &[Admission]) -> Option<NaiveDate> {
    let open = all.iter().find(|a| a.discharged_on.is_none())?;
    all.iter()
        .filter(|a| a.episode_start < open.episode_start)
        .filter_map(|a| a.discharged_on)
        .max()
}

fn stays(all: &[Admission]) -> Vec<Stay> {
    all.iter()
        .map(|a| Stay {
            admitted_on: a.admitted_on,
            discharged_on: a.discharged_on,
        })
        .collect()
}

fn claim_person(w: &Writer, id: i64, version: i64, name: &str) -> Result<()> {
    w.claim_version("person", id, version, &format!("The record of {name}"))
}

/// Record an admission: the person becomes BLUE and their setting hospital (the setting before is
/// kept for the discharge). Notifiable admissions and admissions with no community C(E)TR in
/// their run-up need a reason.
pub fn admit(
    w: &mut Writer,
    id: i64,
    version: i64,
    a: &NewAdmission,
    reason: &str,
    today: NaiveDate,
) -> Result<i64> {
    let before = person(&w.tx, id)?;
    let born = before.details.date_of_birth;
    let existing = admissions_of(&w.tx, id)?;
    rules::check_admission(
        born,
        &stays(&existing),
        &a.hospital,
        a.admitted_on,
        a.planned_discharge,
        today,
    )?;
    let flags = rules::notifiable(born, &a.ward_type, &a.legal_status, a.admitted_on);
    let last_out = existing.iter().filter_map(|x| x.discharged_on).max();
    let had_review = community_review_before(w, id, a.admitted_on, last_out)?;
    rules::check_confirmations(
        &flags,
        &a.notifiable_reason,
        had_review,
        &a.no_community_review_reason,
    )?;
    claim_person(w, id, version, &before.details.display_name())?;
    let kept = |s: &str| Some(s.trim()).filter(|s| !s.is_empty()).map(str::to_string);
    let setting_before = before
        .details
        .setting
        .filter(|s| *s != Setting::Hospital)
        .map(|s| s.code());
    w.tx.execute(
        "INSERT INTO admission (person_id, hospital, ward_type, security, legal_status, planned, out_of_area,
             distance_km, admitted_on, planned_discharge, setting_before, no_community_review_reason,
             notifiable_reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            id,
            a.hospital.trim(),
            a.ward_type,
            a.security.code(),
            a.legal_status,
            a.planned,
            a.out_of_area,
            a.distance_km,
            iso(a.admitted_on),
            a.planned_discharge.map(iso),
            setting_before,
            (!had_review).then(|| kept(&a.no_community_review_reason)).flatten(),
            (!flags.is_empty()).then(|| kept(&a.notifiable_reason)).flatten(),
        ],
    )?;
    let adm_id = w.tx.last_insert_rowid();
    w.audit(
        "admission",
        adm_id,
        "created",
        None,
        Some(&format!("{} on {}", a.hospital.trim(), iso(a.admitted_on))),
    )?;
    if !had_review {
        w.audit(
            "admission",
            adm_id,
            "no_community_review_reason",
            None,
            Some(a.no_community_review_reason.trim()),
        )?;
    }
    if !flags.is_empty() {
        w.audit(
            "admission",
            adm_id,
            "notifiable_reason",
            None,
            Some(a.notifiable_reason.trim()),
        )?;
    }
    let reason = Some(reason.trim())
        .filter(|r| !r.is_empty())
        .unwrap_or("admitted to hospital");
    if before.rating != Rating::Blue {
        append_rating(
            w,
            id,
            Some(before.rating),
            Rating::Blue,
            reason,
            a.admitted_on,
            None,
        )?;
    }
    if before.details.setting != Some(Setting::Hospital) {
        w.tx.execute("UPDATE person SET setting = 'hospital' WHERE id = ?1", [id])?;
        w.audit(
            "person",
            id,
            "setting",
            before.details.setting.map(|s| s.code()),
            Some("hospital"),
        )?;
    }
    refresh_schedule(w, id)?;
    Ok(adm_id)
}

/// Move an inpatient to another hospital or ward: one episode, still BLUE, no new post-admission
/// review, the length of stay running on; the transfer shows in the admission history.
pub fn transfer(
    w: &mut Writer,
    id: i64,
    version: i64,
    t: &Transfer,
    today: NaiveDate,
) -> Result<i64> {
    let before = person(&w.tx, id)?;
    let all = admissions_of(&w.tx, id)?;
    let cur = all
        .iter()
        .find(|a| a.discharged_on.is_none())
        .ok_or(RuleViolation::NotInHospital)?;
    if t.hospital.trim().is_empty() {
        return Err(RuleViolation::HospitalRequired.into());
    }
    rules::check_leaving(RuleField::TransferDate, t.on, cur.admitted_on, today)?;
    if t.hospital.trim() == cur.hospital && t.ward_type == cur.ward_type {
        return Err(RuleViolation::SameHospital.into());
    }
    let flags = rules::notifiable(
        before.details.date_of_birth,
        &t.ward_type,
        &t.legal_status,
        t.on,
    );
    rules::check_confirmations(&flags, &t.notifiable_reason, true, "")?;
    claim_person(w, id, version, &before.details.display_name())?;
    w.claim_version("admission", cur.id, cur.version, "The admission")?;
    let dest = format!("transferred to {}", t.hospital.trim());
    w.tx.execute(
        "UPDATE admission SET discharged_on = ?1, discharge_destination = ?2 WHERE id = ?3",
        params![iso(t.on), dest, cur.id],
    )?;
    w.audit(
        "admission",
        cur.id,
        "transferred_on",
        None,
        Some(&iso(t.on)),
    )?;
    w.tx.execute(
        "INSERT INTO admission (person_id, hospital, ward_type, security, legal_status, planned, out_of_area,
             distance_km, admitted_on, planned_discharge, transfer_from, setting_before,
             no_community_review_reason, notifiable_reason)
         SELECT person_id, ?1, ?2, ?3, ?4, planned, out_of_area, distance_km, ?5, planned_discharge, id,
             setting_before, no_community_review_reason, ?6
         FROM admission WHERE id = ?7",
        params![
            t.hospital.trim(),
            t.ward_type,
            t.security.code(),
            t.legal_status,
            iso(t.on),
            (!flags.is_empty()).then(|| t.notifiable_reason.trim().to_string()),
            cur.id
        ],
    )?;
    let new_id = w.tx.last_insert_rowid();
    w.audit(
        "admission",
        new_id,
        "transfer",
        Some(&cur.hospital),
        Some(t.hospital.trim()),
    )?;
    w.tx.execute(
        "UPDATE admission_barrier SET admission_id = ?1 WHERE admission_id = ?2 AND resolved_on IS NULL",
        params![new_id, cur.id],
    )?;
    refresh_schedule(w, id)?;
    Ok(new_id)
}

/// Change ward type, security, legal status or planned discharge date of an open admission,
/// each change audited. Becoming notifiable needs a reason, as at admission.
pub fn edit_admission(
    w: &mut Writer,
    admission_id: i64,
    version: i64,
    e: &AdmissionEdit,
) -> Result<()> {
    let sql = format!("SELECT {ADMISSION_COLUMNS} FROM admission WHERE id = ?1");
    let cur = super::one(&w.tx, &sql, [admission_id], admission_row, || {
        format!("admission {admission_id}")
    })?;
    if cur.discharged_on.is_some() {
        return Err(RuleViolation::NotInHospital.into());
    }
    if e.planned_discharge.is_some_and(|d| d < cur.admitted_on) {
        return Err(RuleViolation::PlannedDischargeBeforeAdmission.into());
    }
    let born = person(&w.tx, cur.person_id)?.details.date_of_birth;
    let flags = rules::notifiable(born, &e.ward_type, &e.legal_status, w.today());
    let was = rules::notifiable(born, &cur.ward_type, &cur.legal_status, w.today());
    let newly: Vec<_> = flags.iter().filter(|f| !was.contains(f)).copied().collect();
    rules::check_confirmations(&newly, &e.notifiable_reason, true, "")?;
    w.claim_version("admission", admission_id, version, "The admission")?;
    let changes = [
        (
            "ward_type",
            Some(cur.ward_type.clone()),
            Some(e.ward_type.clone()),
        ),
        (
            "security",
            Some(cur.security.code().to_string()),
            Some(e.security.code().to_string()),
        ),
        (
            "legal_status",
            Some(cur.legal_status.clone()),
            Some(e.legal_status.clone()),
        ),
        (
            "planned_discharge",
            cur.planned_discharge.map(iso),
            e.planned_discharge.map(iso),
        ),
    ];
    for (col, old, new) in changes {
        if old != new {
            w.tx.execute(
                &format!("UPDATE admission SET {col} = ?1 WHERE id = ?2"),
                params![new, admission_id],
            )?;
            w.audit(
                "admission",
                admission_id,
                col,
                old.as_deref(),
                new.as_deref(),
            )?;
        }
    }
    if !newly.is_empty() {
        w.tx.execute(
            "UPDATE admission SET notifiable_reason = ?1 WHERE id = ?2",
            params![e.notifiable_reason.trim(), admission_id],
        )?;
        w.audit(
            "admission",
            admission_id,
            "notifiable_reason",
            cur.notifiable_reason.as_deref(),
            Some(e.notifiable_reason.trim()),
        )?;
    }
    refresh_schedule(w, cur.person_id)
}

/// Record a discharge and the rating that follows it (local practice offers RED). The setting goes
/// to `new_setting`, else back to the setting before the admission: never left as hospital.
#[allow(clippy::too_many_arguments)]
pub fn discharge(
    w: &mut Writer,
    id: i64,
    version: i64,
    on: NaiveDate,
    destination: &str,
    new_setting: Option<Setting>,
    new_rating: Rating,
    reason: &str,
    today: NaiveDate,
) -> Result<()> {
    let before = person(&w.tx, id)?;
    let adm = open_admission(&w.tx, id)?.ok_or(RuleViolation::NotInHospital)?;
    rules::check_leaving(RuleField::DischargeDate, on, adm.admitted_on, today)?;
    rules::check_rerate(Rating::Blue, new_rating, false, reason)?;
    claim_person(w, id, version, &before.details.display_name())?;
    w.claim_version("admission", adm.id, adm.version, "The admission")?;
    w.tx.execute(
        "UPDATE admission SET discharged_on = ?1, discharge_destination = ?2 WHERE id = ?3",
        params![iso(on), destination, adm.id],
    )?;
    w.audit("admission", adm.id, "discharged_on", None, Some(&iso(on)))?;
    w.audit(
        "admission",
        adm.id,
        "discharge_destination",
        None,
        Some(destination),
    )?;
    append_rating(
        w,
        id,
        Some(before.rating),
        new_rating,
        reason.trim(),
        on,
        None,
    )?;
    let setting = new_setting
        .or(adm.setting_before)
        .filter(|s| *s != Setting::Hospital);
    if setting != before.details.setting {
        w.tx.execute(
            "UPDATE person SET setting = ?1 WHERE id = ?2",
            params![setting.map(|s| s.code()), id],
        )?;
        w.audit(
            "person",
            id,
            "setting",
            before.details.setting.map(|x| x.code()),
            setting.map(|s| s.code()),
        )?;
    }
    refresh_schedule(w, id)
}

/// One barrier to discharge on an admission.
#[derive(Debug, Clone, Serialize)]
pub struct Barrier {
    pub id: i64,
    pub admission_id: i64,
    pub code: String,
    pub label: String,
    pub raised_on: NaiveDate,
    pub resolved_on: Option<NaiveDate>,
    pub note: String,
}

/// The barriers lookup: (code, label), active ones in order.
pub fn barrier_lookup(conn: &Connection) -> Result<Vec<(String, String)>> {
    let sql = "SELECT code, label FROM discharge_barrier WHERE active ORDER BY sort, code";
    super::collect(conn, sql, [], |r| Ok((r.get(0)?, r.get(1)?)))
}

fn barrier_row(r: &Row) -> rusqlite::Result<Barrier> {
    Ok(Barrier {
        id: r.get(0)?,
        admission_id: r.get(1)?,
        code: r.get(2)?,
        label: r.get(3)?,
        raised_on: date(&r.get::<_, String>(4)?)?,
        resolved_on: opt_date(r.get(5)?)?,
        note: r.get(6)?,
    })
}

const BARRIER_SQL: &str =
    "SELECT b.id, b.admission_id, b.code, l.label, b.raised_on, b.resolved_on, b.note
    FROM admission_barrier b JOIN discharge_barrier l ON l.code = b.code";

/// Barriers on the admissions of one episode (or any admission id), oldest first.
pub fn barriers_of(conn: &Connection, admission_id: i64) -> Result<Vec<Barrier>> {
    let sql = format!("{BARRIER_SQL} WHERE b.admission_id = ?1 ORDER BY b.raised_on, b.id");
    super::collect(conn, &sql, [admission_id], barrier_row)
}

/// Every barrier on any of a person's admissions, oldest first (the card).
pub fn barriers_of_person(conn: &Connection, person_id: i64) -> Result<Vec<Barrier>> {
    let sql = format!(
        "{BARRIER_SQL} JOIN admission a ON a.id = b.admission_id
         WHERE a.person_id = ?1 ORDER BY b.raised_on, b.id"
    );
    super::collect(conn, &sql, [person_id], barrier_row)
}

/// Every barrier, for the weekly return.
pub fn all_barriers(conn: &Connection) -> Result<Vec<Barrier>> {
    let sql = format!("{BARRIER_SQL} ORDER BY b.admission_id, b.raised_on, b.id");
    super::collect(conn, &sql, [], barrier_row)
}

/// Raise a barrier to discharge on an open admission.
pub fn add_barrier(
    w: &mut Writer,
    admission_id: i64,
    code: &str,
    raised_on: NaiveDate,
    note: &str,
) -> Result<i64> {
    let open: Option<Option<String>> =
        w.tx.query_row(
            "SELECT discharged_on FROM admission WHERE id = ?1",
            [admission_id],
            |r| r.get(0),
        )
        .optional()?;
    match open {
        None => {
            return Err(StoreError::NotFound {
                what: format!("admission {admission_id}"),
            });
        }
        Some(Some(_)) => return Err(RuleViolation::NotInHospital.into()),
        Some(None) => {}
    }
    let known: bool = w.tx.query_row(
        "SELECT count(*) FROM discharge_barrier WHERE code = ?1",
        [code],
        |r| r.get(0),
    )?;
    if !known {
        return Err(StoreError::Invalid(format!(
            "unknown barrier to discharge {code:?}: choose one from the list"
        )));
    }
    w.tx.execute(
        "INSERT INTO admission_barrier (admission_id, code, raised_on, note) VALUES (?1, ?2, ?3, ?4)",
        params![admission_id, code, iso(raised_on), note.trim()],
    )?;
    let id = w.tx.last_insert_rowid();
    w.audit("admission_barrier", id, "raised", None, Some(code))?;
    Ok(id)
}

/// Mark a barrier resolved on a date.
pub fn resolve_barrier(w: &mut Writer, barrier_id: i64, on: NaiveDate) -> Result<()> {
    let sql = format!("{BARRIER_SQL} WHERE b.id = ?1");
    let b = super::one(&w.tx, &sql, [barrier_id], barrier_row, || {
        format!("barrier {barrier_id}")
    })?;
    if on < b.raised_on {
        return Err(RuleViolation::ResolvedBeforeRaised {
            raised_on: b.raised_on,
        }
        .into());
    }
    w.tx.execute(
        "UPDATE admission_barrier SET resolved_on = ?1 WHERE id = ?2",
        params![iso(on), barrier_id],
    )?;
    w.audit(
        "admission_barrier",
        barrier_id,
        "resolved_on",
        b.resolved_on.map(iso).as_deref(),
        Some(&iso(on)),
    )
}
