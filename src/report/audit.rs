//! `dsr audit`: the audit trail (or one person's timeline) newest first, as CSV or JSON. Field
//! names are a contract documented in README.md.

use super::csv_out::CsvOut;
use crate::domain::nhs_number::NhsNumber;
use crate::store::timeline::{self, AuditLine};
use crate::store::{Store, StoreError, people};
use std::io::Write;

/// Who `--person` names: an NHS number (10 digits, spaces allowed) or the register's record id.
pub fn find_person(store: &Store, given: &str) -> Result<i64, StoreError> {
    let digits: String = given.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() == 10 {
        let nhs = NhsNumber::parse(&digits).map_err(|e| {
            StoreError::Invalid(format!(
                "--person {given}: {e}; give an NHS number or a record id"
            ))
        })?;
        return people::person_with_nhs_number(store.conn(), &nhs, None)?
            .map(|(id, _)| id)
            .ok_or_else(|| StoreError::NotFound {
                what: format!("a person with NHS number {nhs}"),
            });
    }
    let id: i64 = digits.parse().map_err(|_| {
        StoreError::Invalid(format!(
            "--person {given}: give an NHS number (10 digits) or a record id (as in dsr export)"
        ))
    })?;
    people::person(store.conn(), id)?;
    Ok(id)
}

/// The rows asked for: one person's timeline, or the whole trail; from `since` (ISO) on.
pub fn lines(
    store: &Store,
    person: Option<i64>,
    since: Option<&str>,
) -> Result<Vec<AuditLine>, StoreError> {
    match person {
        Some(id) => timeline::of_person(store.conn(), id, since),
        None => timeline::all(store.conn(), since),
    }
}

pub const COLUMNS: &[&str] = &[
    "id",
    "at",
    "by_user",
    "os_user",
    "kind",
    "entity",
    "entity_id",
    "person_id",
    "field",
    "old",
    "new",
];

pub fn write_json(lines: &[AuditLine], out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, lines)?;
    writeln!(out)
}

pub fn write_csv(lines: &[AuditLine], out: &mut dyn Write) -> csv::Result<()> {
    let mut w = CsvOut::new(out, COLUMNS)?;
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    for l in lines {
        w.row([
            l.id.to_string(),
            l.at.clone(),
            l.by_user.clone(),
            opt(&l.os_user),
            l.kind.clone(),
            l.entity.clone(),
            l.entity_id.to_string(),
            l.person_id.map(|p| p.to_string()).unwrap_or_default(),
            l.field.clone(),
            opt(&l.old),
            opt(&l.new),
        ])?;
    }
    w.finish()
}
