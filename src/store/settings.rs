//! Per-user settings kept in the register, keyed by the audit name (`--user`, else the login name),
//! so they follow the person to any terminal that opens the same register file.

use super::{Result, Writer};
use rusqlite::{Connection, OptionalExtension, params};

/// The owner name (as actions spell it, e.g. "Sunita Rao") that the Actions pane's "mine" filter uses.
pub const MY_OWNER_NAME: &str = "actions.my_owner_name";

pub fn get(conn: &Connection, user: &str, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM user_setting WHERE user = ?1 AND key = ?2")?
        .query_row(params![user, key], |r| r.get(0))
        .optional()?)
}

/// Set (or with an empty value, clear) one of the writing user's settings; audited like any change.
pub fn set(w: &mut Writer, key: &str, value: &str) -> Result<()> {
    let value = value.trim();
    let user = w.user().to_string();
    let old: Option<(i64, String)> =
        w.tx.query_row(
            "SELECT id, value FROM user_setting WHERE user = ?1 AND key = ?2",
            params![user, key],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match (old, value.is_empty()) {
        (Some((id, old)), true) => {
            w.tx.execute("DELETE FROM user_setting WHERE id = ?1", [id])?;
            w.audit("user_setting", id, key, Some(&old), None)?;
        }
        (Some((id, old)), false) => {
            if old != value {
                w.tx.execute(
                    "UPDATE user_setting SET value = ?1, version = version + 1 WHERE id = ?2",
                    params![value, id],
                )?;
                w.audit("user_setting", id, key, Some(&old), Some(value))?;
            }
        }
        (None, true) => {}
        (None, false) => {
            w.tx.execute(
                "INSERT INTO user_setting (user, key, value) VALUES (?1, ?2, ?3)",
                params![user, key, value],
            )?;
            let id = w.tx.last_insert_rowid();
            w.audit("user_setting", id, key, None, Some(value))?;
        }
    }
    Ok(())
}
