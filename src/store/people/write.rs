//! Adding, editing, archiving and restoring people; every change audited.

use super::identity::duplicate_check;
use super::{append_rating, columns, iso, open_admission, person, refresh_schedule};
use crate::domain::person::PersonDetails;
use crate::domain::rating::Rating;
use crate::domain::rules;
use crate::store::{Result, StoreError, Writer};
use chrono::NaiveDate;
use rusqlite::params;

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
