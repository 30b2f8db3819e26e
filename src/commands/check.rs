//! `dsr check`: schema, counts, integrity and the audit chain of a register.

use super::open;
use crate::store::migrations;
use color_eyre::eyre::{Result, WrapErr, bail};
use std::io::Write;
use std::path::Path;

pub fn run(path: &Path, user: &str) -> Result<()> {
    if !path.exists() {
        bail!(
            "no register at {}; create one with dsr demo --db PATH or open it with dsr --db PATH",
            path.display()
        );
    }
    let store = open(path, user)?;
    say!("register:       {}", path.display());
    say!(
        "schema version: {} (this build: {})",
        store.schema_version()?,
        migrations::SCHEMA_VERSION
    );
    say!("journal mode:   {}", store.journal_mode()?);
    if store.is_read_only() {
        say!("access:         read-only (checked as it is; nothing can be changed)");
    }
    for table in [
        "person",
        "rating_change",
        "admission",
        "review",
        "action",
        "audit",
    ] {
        say!("{table:<15} {}", store.count(table)?);
    }
    let mut problems = store.integrity_problems()?;
    let (chain, head) = crate::store::audit::verify(store.conn())?;
    problems.extend(chain.iter().map(ToString::to_string));
    problems.extend(crate::store::check::unreadable_dates(store.conn())?);
    if problems.is_empty() {
        say!("integrity:      ok");
        say!(
            "audit chain:    whole, {} rows; head row {} hash {}",
            head.rows,
            head.last_id,
            head.hash
        );
        Ok(())
    } else {
        for p in &problems {
            say!("problem: {p}");
        }
        bail!(
            "{} integrity problem(s) found; restore from a backup",
            problems.len()
        )
    }
}
