//! `dsr export` (the whole register, plain or pseudonymised) and `dsr review export` (one review).

use super::{open_existing, output_to, unreadable};
use crate::cli::{ExportFormat, Output, ReviewFormat};
use crate::{clock, report};
use color_eyre::eyre::{Result, WrapErr, bail};
use std::io::Write;
use std::path::Path;

pub fn register(
    path: &Path,
    user: &str,
    format: ExportFormat,
    output: &Output,
    pseudonymised: Option<(
        &report::pseudonymise::PseudonymKey,
        report::export::pseudonymised::Options,
    )>,
    since: Option<chrono::NaiveDate>,
) -> Result<()> {
    let store = open_existing(path, user)?;
    let mut out = output_to(output, path)?;
    let data = report::export::build_since(&store, clock::today(), since)
        .map_err(|e| unreadable(&store, e))?;
    match (format, pseudonymised) {
        (ExportFormat::Json, None) => report::export::write_json(&data, &mut out)?,
        (ExportFormat::Csv, None) => report::export::write_csv(&data, &mut out)?,
        (format, Some((key, options))) => {
            use report::export::pseudonymised as p;
            let data = p::pseudonymise(data, key, options);
            match format {
                ExportFormat::Json => p::write_json(&data, &mut out)?,
                ExportFormat::Csv => p::write_csv(&data, &mut out)?,
            }
        }
    }
    out.finish()
        .wrap_err("could not finish writing the export")?;
    Ok(())
}

pub fn review(
    path: &Path,
    user: &str,
    id: i64,
    format: ReviewFormat,
    family: bool,
    output: &Output,
) -> Result<()> {
    let store = open_existing(path, user)?;
    let mut out = output_to(output, path)?;
    let data = crate::store::reviews::ReviewData::load(store.conn(), id, clock::today())
        .wrap_err_with(|| format!("cannot read review {id}; see the Reviews pane for ids"))?;
    if let Some(why) = crate::domain::consent::sharing_refusal(&data.sharing_consent) {
        bail!(
            "review {id} names {}, whose {why}; nothing was written",
            data.person.details.display_name()
        );
    }
    let format = match format {
        ReviewFormat::Md => report::review::Format::Markdown,
        ReviewFormat::Txt => report::review::Format::Text,
    };
    let text = if family {
        report::review::family_plan(&data, format)
    } else {
        report::review::report(&data, format)
    };
    out.write_all(text.as_bytes())
        .and_then(|()| out.finish())
        .wrap_err("could not write the review")?;
    Ok(())
}
