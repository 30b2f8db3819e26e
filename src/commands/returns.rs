//! `dsr report monthly|weekly`: the NHS England returns.

use super::{open_existing, output_to, unreadable};
use crate::cli::{ExportFormat, Output, ReportCommand};
use crate::clock;
use crate::domain::dates::parse_date;
use crate::domain::returns::{month_period, week_period};
use crate::report::returns::{self, MONTHLY_COLUMNS, Return, WEEKLY_COLUMNS};
use crate::store::Store;
use color_eyre::eyre::{Result, WrapErr, eyre};
use serde::Serialize;
use std::path::Path;

pub fn run(path: &Path, user: &str, which: &ReportCommand) -> Result<()> {
    let store = open_existing(path, user)?;
    let today = clock::today();
    match which {
        ReportCommand::Monthly {
            month,
            format,
            output,
        } => {
            let period = month_period(month, today).map_err(|e| eyre!("--month: {e}"))?;
            write(&store, path, output, *format, MONTHLY_COLUMNS, || {
                returns::monthly(&store, period, today)
            })
        }
        ReportCommand::Weekly {
            week_ending,
            format,
            output,
        } => {
            let end = parse_date(week_ending, today).map_err(|e| eyre!("--week-ending: {e}"))?;
            let period = week_period(end, today).map_err(|e| eyre!("--week-ending: {e}"))?;
            write(&store, path, output, *format, WEEKLY_COLUMNS, || {
                returns::weekly(&store, period, today)
            })
        }
    }
}

/// Work out a return and write it; the output is checked first, so a refusal costs no work.
fn write<R: Serialize, E: std::fmt::Display>(
    store: &Store,
    path: &Path,
    output: &Output,
    format: ExportFormat,
    columns: &[&str],
    build: impl FnOnce() -> std::result::Result<Return<R>, E>,
) -> Result<()> {
    let mut out = output_to(output, path)?;
    let ret = build().map_err(|e| unreadable(store, e))?;
    match format {
        ExportFormat::Json => returns::write_json(&ret, &mut out)?,
        ExportFormat::Csv => returns::write_csv(&ret, columns, &mut out)?,
    }
    out.finish()
        .wrap_err("could not finish writing the return")?;
    Ok(())
}
