//! Who might already be on the register: the same NHS number or local id refuses a save; the
//! same date of birth with a similar name is shown to staff before adding.

use super::iso;
use crate::domain::identity::similar_names;
use crate::domain::nhs_number::NhsNumber;
use crate::domain::person::PersonDetails;
use crate::store::{Result, StoreError, Writer};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

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

pub(super) fn duplicate_check(
    w: &Writer,
    details: &PersonDetails,
    except: Option<i64>,
) -> Result<()> {
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

/// People already on the register (archived included) born on `date_of_birth` whose names are
/// close to these (`identity::similar_names`), as (id, "Family, Given"): shown before adding.
pub fn possible_duplicates(
    conn: &Connection,
    date_of_birth: NaiveDate,
    given: &str,
    family: &str,
    except: Option<i64>,
) -> Result<Vec<(i64, String)>> {
    let sql = "SELECT id, given_name, family_name FROM person
               WHERE date_of_birth = ?1 AND id IS NOT ?2 ORDER BY id";
    let born: Vec<(i64, String, String)> =
        crate::store::collect(conn, sql, params![iso(date_of_birth), except], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    Ok(born
        .into_iter()
        .filter(|(_, g, f)| similar_names(given, family, g, f))
        .map(|(id, g, f)| (id, format!("{f}, {g}")))
        .collect())
}
