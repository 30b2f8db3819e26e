//! Admissions known only from a spreadsheet's BLUE rating. The register must show the person as an
//! inpatient (BLUE is exactly "in hospital"), but the file named no hospital or date: the admission
//! is recorded with what is still to be recorded, shown on the card and found by the register's
//! filter, until someone completes it with the real hospital and date.

use super::{ADMISSION_COLUMNS, admission_row, admissions_of, stays};
use crate::domain::rules;
use crate::store::people::{iso, person};
use crate::store::schedule::refresh_schedule;
use crate::store::{Result, StoreError, Writer};
use chrono::NaiveDate;
use rusqlite::params;

/// Mark a just-recorded admission as still to complete, saying what is missing.
pub fn mark_to_complete(w: &mut Writer, admission_id: i64, what: &str) -> Result<()> {
    w.tx.execute(
        "UPDATE admission SET to_complete = ?1 WHERE id = ?2",
        params![what, admission_id],
    )?;
    w.audit("admission", admission_id, "to_complete", None, Some(what))
}

/// Record the real hospital and admission date of an admission marked to complete, under the
/// same rules as a new admission (not before birth, not in the future, no overlap).
pub fn complete_admission(
    w: &mut Writer,
    admission_id: i64,
    version: i64,
    hospital: &str,
    admitted_on: NaiveDate,
) -> Result<()> {
    let sql = format!("SELECT {ADMISSION_COLUMNS} FROM admission WHERE id = ?1");
    let cur = crate::store::one(&w.tx, &sql, [admission_id], admission_row, || {
        format!("admission {admission_id}")
    })?;
    if cur.to_complete.is_none() {
        return Err(StoreError::Invalid(
            "this admission is already complete: edit it from the card instead".into(),
        ));
    }
    let born = person(&w.tx, cur.person_id)?.details.date_of_birth;
    let others: Vec<_> = admissions_of(&w.tx, cur.person_id)?
        .into_iter()
        .filter(|a| a.id != admission_id)
        .collect();
    rules::check_admission(
        born,
        &stays(&others),
        hospital,
        admitted_on,
        cur.planned_discharge,
        w.today(),
    )?;
    w.claim_version("admission", admission_id, version, "The admission")?;
    w.tx.execute(
        "UPDATE admission SET hospital = ?1, admitted_on = ?2, to_complete = NULL WHERE id = ?3",
        params![hospital.trim(), iso(admitted_on), admission_id],
    )?;
    w.audit(
        "admission",
        admission_id,
        "hospital",
        Some(&cur.hospital),
        Some(hospital.trim()),
    )?;
    w.audit(
        "admission",
        admission_id,
        "admitted_on",
        Some(&iso(cur.admitted_on)),
        Some(&iso(admitted_on)),
    )?;
    w.audit(
        "admission",
        admission_id,
        "to_complete",
        cur.to_complete.as_deref(),
        None,
    )?;
    refresh_schedule(w, cur.person_id)
}
