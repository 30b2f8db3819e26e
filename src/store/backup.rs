//! `dsr backup`: a consistent copy of the register taken while others keep working, checked
//! before it is trusted.

use super::error::{Result, StoreError};
use super::{Store, audit};
use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};
use std::path::Path;
use std::time::Duration;

/// What the copy holds, once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    pub people: i64,
    pub audit_rows: i64,
    pub audit_head: String,
}

impl Store {
    /// Copy the register into the (empty, private) file at `dest` with SQLite's online backup,
    /// then check the copy: integrity, foreign keys and the audit chain. The backup is recorded in
    /// the trail first, so the copy's own trail shows it was taken.
    pub fn backup_to(&mut self, dest: &Path) -> Result<Copied> {
        self.record_access("register", 0, "backup")?;
        let mut copy = Connection::open(dest)?;
        {
            // One step copies every page under one read transaction: in WAL mode writers carry on,
            // and the copy is the register as it was at that moment (stepping page by page would
            // start over each time someone saved).
            let backup = Backup::new(&self.conn, &mut copy)?;
            let mut waited = Duration::ZERO;
            loop {
                match backup.step(-1)? {
                    StepResult::Done => break,
                    // Only the destination can be busy (the source is read in WAL mode): wait
                    // as a write would.
                    StepResult::Busy | StepResult::Locked | StepResult::More
                        if waited < super::BUSY_TIMEOUT =>
                    {
                        std::thread::sleep(Duration::from_millis(50));
                        waited += Duration::from_millis(50);
                    }
                    _ => {
                        return Err(StoreError::Invalid(
                            "the register stayed busy; try the backup again in a moment".into(),
                        ));
                    }
                }
            }
        }
        // A backup is one self-contained file, not a WAL database needing companions.
        let _mode: String = copy.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        let copied = Store::check_copy(&copy)?;
        copy.close().map_err(|(_, e)| e)?;
        Ok(copied)
    }

    fn check_copy(copy: &Connection) -> Result<Copied> {
        let integrity: String = copy.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if integrity != "ok" {
            return Err(StoreError::Invalid(format!(
                "the copy failed its integrity check ({integrity}); it was not kept. Run dsr check on the register"
            )));
        }
        let (problems, head) = audit::verify(copy)?;
        if let Some(p) = problems.first() {
            return Err(StoreError::Invalid(format!(
                "the copy's audit trail does not check ({p}); it was not kept. Run dsr check on the register"
            )));
        }
        Ok(Copied {
            people: copy.query_row("SELECT count(*) FROM person", [], |r| r.get(0))?,
            audit_rows: head.rows,
            audit_head: head.hash,
        })
    }
}
