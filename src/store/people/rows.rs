//! The register as the UI lists it: one cheap row per person, with open and overdue action counts.

use super::{date, iso, rating};
use crate::domain::nhs_number::NhsNumber;
use crate::domain::person::{Setting, display_name};
use crate::domain::rating::Rating;
use crate::store::{Result, StoreError};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

/// One line of the register as the UI lists it; cheap to hold 100,000 of.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegisterRow {
    pub id: i64,
    pub nhs_number: Option<NhsNumber>,
    pub local_id: Option<String>,
    pub given_name: String,
    pub family_name: String,
    pub preferred_name: Option<String>,
    pub date_of_birth: NaiveDate,
    pub ehcp: bool,
    pub rating: Rating,
    pub keyworker: Option<String>,
    pub setting: Option<Setting>,
    pub next_review_due: Option<NaiveDate>,
    pub next_review_type: Option<String>,
    /// When the person is next due to be discussed at the DSR meeting.
    pub register_review_due: Option<NaiveDate>,
    pub open_actions: u32,
    pub overdue_actions: u32,
    pub archived: bool,
    pub version: i64,
    /// An admission imported from a BLUE rating alone still needs its hospital and date.
    pub admission_to_complete: bool,
}

impl RegisterRow {
    pub fn display_name(&self) -> String {
        display_name(
            &self.given_name,
            self.preferred_name.as_deref(),
            &self.family_name,
        )
    }
}

const REGISTER_SQL: &str = "
SELECT p.id, p.nhs_number, p.local_id, p.given_name, p.family_name, p.preferred_name,
       p.date_of_birth, p.ehcp, p.rating, p.keyworker, p.setting, p.next_review_due,
       p.next_review_type, p.removed_on IS NOT NULL, p.version, p.register_review_due,
       EXISTS (SELECT 1 FROM admission a WHERE a.person_id = p.id AND a.to_complete IS NOT NULL)
FROM person p";

/// Open and overdue action counts per person, in person id order.
const ACTION_COUNTS_SQL: &str = "
SELECT person_id, count(*), sum(due < ?1) FROM action
WHERE status NOT IN ('done', 'cancelled') GROUP BY person_id ORDER BY person_id";

/// The same for one person, through the `action_person` index (an `OR` would defeat the index).
const PERSON_ACTION_COUNTS_SQL: &str = "
SELECT person_id, count(*), sum(due < ?1) FROM action
WHERE person_id = ?2 AND status NOT IN ('done', 'cancelled') GROUP BY person_id";

fn register_row(r: &Row) -> rusqlite::Result<RegisterRow> {
    Ok(RegisterRow {
        id: r.get(0)?,
        nhs_number: r
            .get::<_, Option<String>>(1)?
            .and_then(NhsNumber::from_stored),
        local_id: r.get(2)?,
        given_name: r.get(3)?,
        family_name: r.get(4)?,
        preferred_name: r.get(5)?,
        date_of_birth: date(r.get_ref(6)?.as_str()?)?,
        ehcp: r.get(7)?,
        rating: rating(r.get_ref(8)?.as_str()?)?,
        keyworker: r.get(9)?,
        setting: r.get_ref(10)?.as_str_or_null()?.and_then(Setting::parse),
        next_review_due: r.get_ref(11)?.as_str_or_null()?.map(date).transpose()?,
        next_review_type: r.get(12)?,
        open_actions: 0,
        overdue_actions: 0,
        archived: r.get(13)?,
        version: r.get(14)?,
        register_review_due: r.get_ref(15)?.as_str_or_null()?.map(date).transpose()?,
        admission_to_complete: r.get(16)?,
    })
}

fn action_counts(
    conn: &Connection,
    today: NaiveDate,
    person: Option<i64>,
) -> Result<Vec<(i64, u32, u32)>> {
    let map = |r: &Row| Ok((r.get(0)?, r.get(1)?, r.get(2)?));
    match person {
        Some(id) => {
            crate::store::collect(conn, PERSON_ACTION_COUNTS_SQL, params![iso(today), id], map)
        }
        None => crate::store::collect(conn, ACTION_COUNTS_SQL, params![iso(today)], map),
    }
}

/// Attach a row's open and overdue action counts from `counts` (in person id order), passing
/// over the counts of people before it: rows taken in id order are merged in one pass.
fn take_counts(
    row: &mut RegisterRow,
    counts: &mut std::iter::Peekable<impl Iterator<Item = (i64, u32, u32)>>,
) {
    while counts.next_if(|c| c.0 < row.id).is_some() {}
    if let Some((_, open, overdue)) = counts.next_if(|c| c.0 == row.id) {
        row.open_actions = open;
        row.overdue_actions = overdue;
    }
}

/// Every person (archived included; the UI hides them by default), with action counts as of `today`.
pub fn register_rows(conn: &Connection, today: NaiveDate) -> Result<Vec<RegisterRow>> {
    let mut rows = Vec::new();
    each_register_row(conn, today, |r| rows.push(r))?;
    Ok(rows)
}

/// Every person as [`register_rows`] lists them, in id order, handed to `f` one at a time as
/// they are read, so a caller that keeps them in another form never holds the whole register
/// twice. The action counts are read on a second connection at the same time and merged in as
/// the rows arrive (both come in person id order): on a register of 100,000 people this takes
/// a third off the load.
pub fn each_register_row(
    conn: &Connection,
    today: NaiveDate,
    mut f: impl FnMut(RegisterRow),
) -> Result<()> {
    let path = conn
        .path()
        .filter(|p| !p.is_empty())
        .map(std::path::PathBuf::from);
    let (counts, reader): (Box<dyn Iterator<Item = (i64, u32, u32)>>, _) = match path {
        Some(path) => {
            let (tx, rx) = std::sync::mpsc::channel();
            let reader = std::thread::spawn(move || -> Result<()> {
                let other =
                    Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
                other.busy_timeout(crate::store::BUSY_TIMEOUT)?;
                let mut stmt = other.prepare(ACTION_COUNTS_SQL)?;
                let mut rows = stmt.query(params![iso(today)])?;
                while let Some(r) = rows.next()? {
                    // The receiver stops listening only when the register read failed.
                    if tx.send((r.get(0)?, r.get(1)?, r.get(2)?)).is_err() {
                        break;
                    }
                }
                Ok(())
            });
            (Box::new(rx.into_iter()), Some(reader))
        }
        // An in-memory register has no second connection to read from.
        None => (
            Box::new(action_counts(conn, today, None)?.into_iter()),
            None,
        ),
    };
    let mut counts = counts.peekable();
    let mut stmt = conn.prepare_cached(&format!("{REGISTER_SQL} ORDER BY p.id"))?;
    let mut rows = stmt.query([])?;
    let read = (|| -> Result<()> {
        while let Some(r) = rows.next()? {
            let mut row = register_row(r)?;
            take_counts(&mut row, &mut counts);
            f(row);
        }
        Ok(())
    })();
    // Let the counts reader finish (or see that nobody listens) before reporting.
    drop(counts);
    let counted = match reader {
        Some(handle) => handle
            .join()
            .map_err(|_| StoreError::Invalid("reading action counts failed unexpectedly".into()))?,
        None => Ok(()),
    };
    read.and(counted)
}

/// Ratings in severity order as SQL; the `person_register_order` index is built on this exact
/// expression, so queries must use it verbatim (with the table aliased `p` or unaliased alike).
pub(crate) const SEVERITY_SQL: &str =
    "CASE rating WHEN 'BLUE' THEN 0 WHEN 'RED' THEN 1 WHEN 'AMBER' THEN 2 ELSE 3 END";

/// Drawn on the first frame, so read through the `person_rating` index.
const RATING_COUNTS_SQL: &str =
    "SELECT rating, count(*) FROM person WHERE removed_on IS NULL GROUP BY rating";

/// People on the register (archived excluded) per rating, in B, R, A, G order.
pub fn rating_counts(conn: &Connection) -> Result<[usize; 4]> {
    let mut out = [0; 4];
    for (code, n) in crate::store::collect(conn, RATING_COUNTS_SQL, [], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
    })? {
        out[rating(&code)? as usize] = n as usize;
    }
    Ok(out)
}

/// The first `limit` people in register order (most severe rating, then name), for drawing the first
/// frame before the whole register has loaded, through the `person_register_order` index.
pub fn register_first_page(
    conn: &Connection,
    today: NaiveDate,
    limit: usize,
) -> Result<Vec<RegisterRow>> {
    let sql = format!(
        "{REGISTER_SQL} WHERE p.removed_on IS NULL
         ORDER BY {SEVERITY_SQL}, p.family_name, p.given_name, p.id LIMIT ?1"
    );
    let mut rows = crate::store::collect(conn, &sql, [limit as i64], register_row)?;
    for row in &mut rows {
        let counts = action_counts(conn, today, Some(row.id))?;
        take_counts(row, &mut counts.into_iter().peekable());
    }
    Ok(rows)
}

/// One register row, to refresh the list after a write without reloading everything.
pub fn register_row_by_id(
    conn: &Connection,
    id: i64,
    today: NaiveDate,
) -> Result<Option<RegisterRow>> {
    let sql = format!("{REGISTER_SQL} WHERE p.id = ?1");
    let Some(mut row) = conn
        .prepare_cached(&sql)?
        .query_row([id], register_row)
        .optional()?
    else {
        return Ok(None);
    };
    let counts = action_counts(conn, today, Some(id))?;
    take_counts(&mut row, &mut counts.into_iter().peekable());
    Ok(Some(row))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn plan(conn: &Connection, sql: &str) -> String {
        let mut stmt = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .expect("prepare");
        let n = stmt.parameter_count();
        let values: Vec<i64> = (0..n as i64).map(|_| 1).collect();
        let rows: Vec<String> = stmt
            .query_map(rusqlite::params_from_iter(values), |r| r.get(3))
            .expect("plan")
            .collect::<rusqlite::Result<_>>()
            .expect("plan rows");
        rows.join("\n")
    }

    // Speed budget (launch to first frame): what a launch reads before the first frame must
    // come from indexes, never a pass over every person, or a register of 100,000 people keeps
    // staff waiting a tenth of a second at each start.
    #[test]
    fn the_first_frame_reads_only_indexes() {
        let dir = tempfile::tempdir().expect("dir");
        let store = Store::open(&dir.path().join("r.db"), "t").expect("open");
        let first_page = format!(
            "{REGISTER_SQL} WHERE p.removed_on IS NULL
             ORDER BY {SEVERITY_SQL}, p.family_name, p.given_name, p.id LIMIT ?1"
        );
        for (sql, index) in [
            (crate::store::UNSCHEDULED_SQL, "INDEX person_unscheduled"),
            (RATING_COUNTS_SQL, "INDEX person_rating"),
            (first_page.as_str(), "INDEX person_register_order"),
            (PERSON_ACTION_COUNTS_SQL, "INDEX action_person"),
        ] {
            let plan = plan(store.conn(), sql);
            assert!(
                plan.contains(index),
                "{index} unused by\n{sql}\nplan:\n{plan}"
            );
            assert!(
                !plan
                    .lines()
                    .any(|l| l.trim() == "SCAN person" || l.contains("TEMP B-TREE")),
                "{sql} reads every person:\n{plan}"
            );
        }
    }
}
