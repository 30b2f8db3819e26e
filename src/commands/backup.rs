//! `dsr backup`: an owner-only, checked copy of the register.

use super::open_existing;
use crate::report;
use color_eyre::eyre::{Result, WrapErr, eyre};
use std::io::Write;
use std::path::Path;

pub fn run(path: &Path, user: &str, dest: &Path, force: bool) -> Result<()> {
    let mut store = open_existing(path, user)?;
    let file =
        report::output::OutputFile::create_database(dest, force, &[path]).map_err(|e| eyre!(e))?;
    let copied = store
        .backup_to(file.temp_path())
        .wrap_err_with(|| format!("the backup failed; {} was not written", dest.display()))?;
    file.finish()
        .wrap_err_with(|| format!("could not put the backup in place at {}", dest.display()))?;
    say!(
        "Backed up {} people to {} (owner-only; integrity ok; audit trail whole, {} rows, head {})",
        copied.people,
        dest.display(),
        copied.audit_rows,
        copied.audit_head
    );
    Ok(())
}
