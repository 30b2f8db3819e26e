//! Who might already be on the register: the same NHS number or local id refuses a save.

use crate::domain::nhs_number::NhsNumber;
use crate::domain::person::PersonDetails;
use crate::store::{Result, StoreError, Writer};
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
