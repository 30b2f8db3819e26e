//! `dsr report monthly|weekly`: the NHS England returns.

use super::{open_existing, output_to, unreadable};
use crate::cli::{ExportFormat, ReportCommand};
use crate::domain::dates::parse_date;
use crate::domain::returns::{month_period, week_period};
use crate::{clock, report};
use color_eyre::eyre::{Result, WrapErr, eyre};
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
            let mut out = output_to(output, path)?;
            let ret = report::returns::monthly(&store, period, today)
                .map_err(|e| unreadable(&store, e))?;
            match format {
                ExportFormat::Json => report::returns::write_json(&ret, &mut out)?,
                ExportFormat::Csv => {
                    report::returns::write_csv(&ret, report::returns::MONTHLY_COLUMNS, &mut out)?
                }
            }
            out.finish()
                .wrap_err("could not finish writing the return")?;
        }
        ReportCommand::Weekly {
            week_ending,
            format,
            output,
        } => {
            let end = parse_date(week_ending, today).map_err(|e| eyre!("--week-ending: {e}"))?;
            let period = week_period(end, today).map_err(|e| eyre!("--week-ending: {e}"))?;
            let mut out = output_to(output, path)?;
            let ret = report::returns::weekly(&store, period, today)
                .map_err(|e| unreadable(&store, e))?;
            match format {
                ExportFormat::Json => report::returns::write_json(&ret, &mut out)?,
                ExportFormat::Csv => {
                    report::returns::write_csv(&ret, report::returns::WEEKLY_COLUMNS, &mut out)?
                }
            }
            out.finish()
                .wrap_err("could not finish writing the return")?;
        }
    }
    Ok(())
}
