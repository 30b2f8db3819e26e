//! `dsr audit`: the audit trail, for one person or the whole register.

use super::{open_existing, output_to};
use crate::cli::{ExportFormat, Output};
use crate::report;
use color_eyre::eyre::{Result, WrapErr};
use std::path::Path;

pub fn trail(
    path: &Path,
    user: &str,
    person: Option<&str>,
    since: Option<chrono::NaiveDate>,
    format: ExportFormat,
    output: &Output,
) -> Result<()> {
    let mut store = open_existing(path, user)?;
    let mut out = output_to(output, path)?;
    let person = person
        .map(|p| report::audit::find_person(&store, p))
        .transpose()?;
    // Reading the trail is itself recorded: it shows who did what to whom.
    match person {
        Some(id) => store.record_access("person", id, "audit trail")?,
        None => store.record_access("register", 0, "audit trail")?,
    }
    let since = since.map(|d| d.to_string());
    let lines = report::audit::lines(&store, person, since.as_deref())?;
    match format {
        ExportFormat::Json => report::audit::write_json(&lines, &mut out)?,
        ExportFormat::Csv => report::audit::write_csv(&lines, &mut out)?,
    }
    out.finish()
        .wrap_err("could not finish writing the audit trail")?;
    Ok(())
}
