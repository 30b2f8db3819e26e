//! `dsr request list` and `dsr actions`: the open work, as CSV or JSON.

use super::{open_existing, output_to, unreadable};
use crate::cli::{ExportFormat, Output};
use crate::domain::consent::Scope;
use crate::{clock, report};
use color_eyre::eyre::{Result, WrapErr};
use std::path::Path;

pub fn requests(
    path: &Path,
    user: &str,
    open_only: bool,
    format: ExportFormat,
    output: &Output,
) -> Result<()> {
    let store = open_existing(path, user)?;
    let policy = crate::store::journey::journey_policy(store.conn())?;
    let all = crate::store::requests::all(store.conn()).map_err(|e| unreadable(&store, e))?;
    let lines = report::journey::request_lines(all, open_only, &policy, clock::today());
    let mut out = output_to(output, path)?;
    match format {
        ExportFormat::Json => report::journey::write_requests_json(&lines, &mut out)?,
        ExportFormat::Csv => report::journey::write_requests_csv(&lines, &mut out)?,
    }
    out.finish()
        .wrap_err("could not finish writing the request list")?;
    Ok(())
}

pub fn actions(
    path: &Path,
    user: &str,
    query: &report::actions::ActionQuery,
    format: ExportFormat,
    output: &Output,
) -> Result<()> {
    let store = open_existing(path, user)?;
    let mut out = output_to(output, path)?;
    let rows = crate::store::actions::all(store.conn()).map_err(|e| unreadable(&store, e))?;
    let sharing = crate::store::consent::people_with(store.conn(), Scope::Sharing, clock::today())
        .map_err(|e| unreadable(&store, e))?;
    let lines = report::actions::withhold_names(
        report::actions::select(rows, query, clock::today()),
        &sharing,
    );
    match format {
        ExportFormat::Json => report::actions::write_json(&lines, &mut out)?,
        ExportFormat::Csv => report::actions::write_csv(&lines, &mut out)?,
    }
    out.finish()
        .wrap_err("could not finish writing the action list")?;
    Ok(())
}
