//! Facts about the register file itself, one row per key, each change audited. `dsr demo` marks
//! the registers it makes, so the screens can warn when test-range NHS numbers appear on a
//! register that is not a demo.

use super::{Result, Writer};
use rusqlite::{Connection, OptionalExtension, params};

/// Set by `dsr demo`: the register holds generated, fictional people.
pub const DEMO: &str = "demo";

pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM register_meta WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

pub fn set(w: &mut Writer, key: &str, value: &str) -> Result<()> {
    let old = get(&w.tx, key)?;
    if old.as_deref() == Some(value) {
        return Ok(());
    }
    w.tx.execute(
        "INSERT INTO register_meta (key, value, at, by_user) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, at = excluded.at,
             by_user = excluded.by_user",
        params![key, value, w.at(), w.user()],
    )?;
    // The trail is per entity and id; the meta table has one row per key, so id 0 names it.
    w.audit("register_meta", 0, key, old.as_deref(), Some(value))
}

/// Was this register made by `dsr demo`?
pub fn is_demo(conn: &Connection) -> Result<bool> {
    Ok(get(conn, DEMO)?.is_some())
}
