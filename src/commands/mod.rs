//! What each `dsr` subcommand does once its arguments are parsed: open the register, do the work,
//! write the output. `main` only parses and dispatches.

use crate::cli::{Cli, Output};
use crate::store::Store;
use crate::{config, report};
use color_eyre::eyre::{Result, WrapErr, bail, eyre};
use std::path::{Path, PathBuf};

/// Print a line on standard output. A full or closed output (`dsr check > /dev/full`) is an error
/// to report, never a panic.
macro_rules! say {
    ($($arg:tt)*) => {
        writeln!(std::io::stdout(), $($arg)*).wrap_err("cannot write to standard output")?
    };
}

/// Progress and notes on standard error: losing them (`2>/dev/full`) must not stop the work.
macro_rules! note {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

pub mod audit;
pub mod backup;
pub mod check;
pub mod demo;
pub mod export;
pub mod lists;
pub mod returns;
pub mod settings;
pub mod tui;

/// Standard output, or the `-o` file, checked before any work so a refusal costs nothing.
fn output_to(output: &Output, register: &Path) -> Result<report::output::Output> {
    report::output::Output::open(output.file.as_deref(), output.force, register).map_err(|e| {
        // A refusal already names the file and what to do; other errors need the name added.
        let named = match &output.file {
            Some(p) => format!("cannot write {}", p.display()),
            None => "cannot write to standard output".to_string(),
        };
        match e
            .get_ref()
            .and_then(|r| r.downcast_ref::<report::output::Refusal>())
        {
            Some(_) => eyre!(e),
            None => eyre!(e).wrap_err(named),
        }
    })
}

fn data_dir() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("uk.nhs", "dsr", "dsr")
        .ok_or_else(|| eyre!("cannot find a home directory for the register; pass --db PATH"))?;
    Ok(dirs.data_dir().to_path_buf())
}

/// `--db`, else the demo or default register in the per-user data directory.
pub fn db_path(cli: &Cli) -> Result<PathBuf> {
    match &cli.db {
        Some(p) => Ok(p.clone()),
        None => Ok(data_dir()?.join(if cli.demo { "demo.db" } else { "register.db" })),
    }
}

/// Open a register that must already exist (a command that records something never creates one).
pub fn open_existing(path: &Path, user: &str) -> Result<Store> {
    if !path.exists() {
        bail!("no register at {}", path.display());
    }
    open(path, user)
}

/// Print what a journey command did, or fail with its message (the register is untouched).
pub fn say(done: crate::store::Result<String>) -> Result<()> {
    use std::io::Write;
    let line = done.map_err(|e| eyre!("{e}"))?;
    say!("{}", crate::text::clean_multiline(&line));
    Ok(())
}

/// `--config`, else config.toml in the per-user config directory.
pub fn config_path(cli: &Cli) -> Result<PathBuf> {
    match &cli.config {
        Some(p) => Ok(p.clone()),
        None => config::default_path().ok_or_else(|| {
            eyre!("cannot find a home directory for the settings; pass --config PATH")
        }),
    }
}

/// A read that failed on a stored value the app cannot read: name the record and field (as
/// `dsr check` does) instead of "conversion error", so the damage can be found and corrected.
/// Nothing has been written yet when this is called.
fn unreadable(store: &Store, e: impl std::fmt::Display) -> color_eyre::Report {
    let hint = format!(
        "nothing was written. dsr check --db {} lists every such value",
        store.path().display()
    );
    match crate::store::check::unreadable_dates(store.conn()) {
        Ok(found) if !found.is_empty() => eyre!(
            "cannot read {}{}; {hint}",
            found[0],
            match found.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            }
        ),
        _ => eyre!("cannot read the register ({e}); {hint}"),
    }
}

fn open(path: &Path, user: &str) -> Result<Store> {
    Store::open(path, user).wrap_err_with(|| format!("cannot open the register {}", path.display()))
}
