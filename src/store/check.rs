//! Stored values the app cannot read back. A date outside the years the app accepts (written by an
//! older build, or edited in by hand) makes its record fail to load and its export fail with it;
//! `dsr check` names each one so it can be corrected, instead of one review breaking everything.

use super::Result;
use crate::domain::dates::{FIRST_YEAR, LAST_YEAR};
use rusqlite::Connection;

/// Columns that hold a calendar date (`YYYY-MM-DD`), found by name in every table: `*_on`,
/// `*_date`, `*_due`, `due`, `date_of_birth`, `rating_since`, `effective`, `planned_discharge`.
fn date_columns(conn: &Connection) -> Result<Vec<(String, String)>> {
    let tables = super::collect(
        conn,
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        [],
        |r| r.get::<_, String>(0),
    )?;
    let mut out = Vec::new();
    for table in tables {
        let columns = super::collect(
            conn,
            "SELECT name FROM pragma_table_info(?1)",
            [&table],
            |r| r.get::<_, String>(0),
        )?;
        for c in columns {
            let is_date = c.ends_with("_on")
                || c.ends_with("_date")
                || c.ends_with("_due")
                || matches!(
                    c.as_str(),
                    "due" | "date_of_birth" | "rating_since" | "effective" | "planned_discharge"
                );
            if is_date {
                out.push((table.clone(), c));
            }
        }
    }
    Ok(out)
}

/// One line per stored date the app cannot read: which record, which field, what it holds.
pub fn unreadable_dates(conn: &Connection) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for (table, column) in date_columns(conn)? {
        let sql = format!(
            "SELECT rowid, \"{column}\" FROM \"{table}\" WHERE \"{column}\" IS NOT NULL AND \"{column}\" != '' \
             AND (typeof(\"{column}\") != 'text' \
                  OR \"{column}\" NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' \
                  OR date(\"{column}\") IS NOT \"{column}\" \
                  OR CAST(substr(\"{column}\", 1, 4) AS INTEGER) NOT BETWEEN ?1 AND ?2)"
        );
        let rows = super::collect(conn, &sql, [FIRST_YEAR, LAST_YEAR], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get_ref(1)?
                    .as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|_| "(not text)".into()),
            ))
        })?;
        for (id, value) in rows {
            problems.push(format!(
                "{table} {id}: {column} holds {value:?}, which is not a date between {FIRST_YEAR} and {LAST_YEAR}; correct it, or restore from a backup"
            ));
        }
    }
    Ok(problems)
}
