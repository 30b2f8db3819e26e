//! What other users changed since an open app last looked, read from the change log the triggers
//! keep (see the `change_log` migration): the people concerned and the tables touched, so each
//! pane re-reads only those people, or nothing at all.

use super::Result;
use rusqlite::{Connection, OptionalExtension};

/// Past this many entries an app reloads everything once rather than re-read person by person
/// (a policy change that re-dates every review touches every person).
pub const MAX_ENTRIES: i64 = 2_000;

/// Changes committed after one point of the log.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// The last entry read: the next call asks for what came after it.
    pub upto: i64,
    /// Too many to read one by one, or the app fell behind the pruned log: reload everything.
    pub everything: bool,
    /// People concerned, ascending, each once.
    pub people: Vec<i64>,
    /// Tables touched, each once.
    pub tables: Vec<String>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        !self.everything && self.tables.is_empty()
    }

    /// Does the change concern any of these tables (or everything)?
    pub fn touches(&self, tables: &[&str]) -> bool {
        self.everything || self.tables.iter().any(|t| tables.contains(&t.as_str()))
    }
}

/// The newest entry of the log (0 when empty): where an app that has just loaded starts from.
pub fn latest(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT coalesce(max(id), 0) FROM change_log")?
        .query_row([], |r| r.get(0))?)
}

/// Everything logged after entry `seen`.
pub fn since(conn: &Connection, seen: i64) -> Result<Changes> {
    let (first, last): (Option<i64>, Option<i64>) = conn
        .prepare_cached("SELECT min(id), max(id) FROM change_log")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((None, None));
    let (Some(first), Some(last)) = (first, last) else {
        return Ok(Changes {
            upto: seen,
            ..Changes::default()
        });
    };
    if last <= seen {
        return Ok(Changes {
            upto: seen.max(last),
            ..Changes::default()
        });
    }
    // Entries are numbered without gaps and pruned from the oldest end, so the count is
    // `last - seen`, and an oldest entry past `seen + 1` means some were pruned unread.
    if first > seen + 1 || last - seen > MAX_ENTRIES {
        return Ok(Changes {
            upto: last,
            everything: true,
            ..Changes::default()
        });
    }
    let mut people = Vec::new();
    let mut tables: Vec<String> = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT tbl, person_id FROM change_log WHERE id > ?1 AND id <= ?2 ORDER BY id",
    )?;
    let mut rows = stmt.query([seen, last])?;
    while let Some(r) = rows.next()? {
        let table: String = r.get(0)?;
        if !tables.contains(&table) {
            tables.push(table);
        }
        if let Some(p) = r.get::<_, Option<i64>>(1)? {
            people.push(p);
        }
    }
    people.sort_unstable();
    people.dedup();
    Ok(Changes {
        upto: last,
        everything: false,
        people,
        tables,
    })
}
