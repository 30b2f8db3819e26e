//! Facts about the register file itself, one row per key. `dsr demo` marks the registers it
//! makes, so the screens can warn when test-range NHS numbers appear on a register that is not
//! a demo.

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

/// Mark the register as made by `dsr demo` (`what`: how many people, which seed). Written inside
/// the demo's load, whose one audit entry records the whole generated register, this included.
pub fn mark_demo(w: &Writer, what: &str) -> Result<()> {
    w.tx.execute(
        "INSERT INTO register_meta (key, value, at, by_user) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, at = excluded.at,
             by_user = excluded.by_user",
        params![DEMO, what, w.at(), w.user()],
    )?;
    Ok(())
}

/// Was this register made by `dsr demo`?
pub fn is_demo(conn: &Connection) -> Result<bool> {
    Ok(get(conn, DEMO)?.is_some())
}
