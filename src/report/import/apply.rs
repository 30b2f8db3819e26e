//! Writing a planned import: every change under a savepoint inside the caller's transaction.

use super::{Loc, Op, PlannedAdmission, problem};
use crate::domain::rating::Rating;
use crate::store::admissions;
use crate::store::people;
use crate::store::{StoreError, Writer};
use chrono::NaiveDate;

/// Apply every planned change, each under a savepoint so a refused row leaves nothing behind, and
/// list the rows the register refused. A full disk, a lock or an I/O error stops everything at
/// once: SQLite may have ended the transaction, and carrying on would write rows outside it.
pub(super) fn apply_all(
    w: &mut Writer,
    ops: &[Op],
    reason: &str,
    today: NaiveDate,
    progress: Option<&indicatif::ProgressBar>,
) -> Result<Vec<String>, StoreError> {
    let mut found = Vec::new();
    for op in ops {
        if let Some(bar) = progress {
            bar.inc(1);
        }
        w.tx().execute_batch("SAVEPOINT import_row")?;
        match apply(w, op, reason, today) {
            Ok(()) => w.tx().execute_batch("RELEASE import_row")?,
            Err((_, e)) if is_fatal(&e) || w.tx().is_autocommit() => return Err(e),
            // Someone changed this person after the file was checked against the register: the
            // plan no longer holds, so the whole import stops (see `conflict_message`).
            Err((line, StoreError::Stale { what })) => {
                return Err(StoreError::Stale {
                    what: format!("{what} (line {line} of the file)"),
                });
            }
            Err((line, e)) => {
                w.tx()
                    .execute_batch("ROLLBACK TO import_row; RELEASE import_row")?;
                found.push(problem(line, None, e));
            }
        }
    }
    Ok(found)
}

/// Errors about the file or the machine, not about one row.
fn is_fatal(e: &StoreError) -> bool {
    match e {
        StoreError::DiskFull
        | StoreError::Locked
        | StoreError::ReadOnly
        | StoreError::Io { .. } => true,
        StoreError::Sqlite(e) => matches!(
            e.sqlite_error_code(),
            Some(
                rusqlite::ErrorCode::SystemIoFailure
                    | rusqlite::ErrorCode::DatabaseCorrupt
                    | rusqlite::ErrorCode::NotADatabase
                    | rusqlite::ErrorCode::OutOfMemory
            )
        ),
        _ => false,
    }
}

fn apply(w: &mut Writer, op: &Op, reason: &str, today: NaiveDate) -> Result<(), (Loc, StoreError)> {
    match op {
        Op::Add {
            line,
            details,
            rating,
            admission,
        } => {
            let id =
                people::add_person(w, details, *rating, reason, today).map_err(|e| (*line, e))?;
            if let Some(a) = admission {
                admit(w, id, 1, a, reason, today).map_err(|e| (*line, e))?;
            }
        }
        Op::Update {
            line,
            id,
            version,
            details,
            rating,
            admission,
        } => {
            let mut v = *version;
            if let Some(d) = details {
                people::update_person(w, *id, v, d, today).map_err(|e| (*line, e))?;
                v += 1;
            }
            if let Some(a) = admission {
                admit(w, *id, v, a, reason, today).map_err(|e| (*line, e))?;
                v += 1;
            }
            if let Some(r) = rating.filter(|r| admission.is_none() || *r != Rating::Blue) {
                people::rerate(w, *id, v, r, reason, today, None).map_err(|e| (*line, e))?;
            }
        }
    }
    Ok(())
}

fn admit(
    w: &mut Writer,
    id: i64,
    version: i64,
    a: &PlannedAdmission,
    reason: &str,
    today: NaiveDate,
) -> Result<(), StoreError> {
    let admission_id = admissions::admit(w, id, version, &a.new, reason, today)?;
    match &a.to_complete {
        Some(what) => admissions::mark_to_complete(w, admission_id, what),
        None => Ok(()),
    }
}
