//! `dsr config`: say where the settings file is and what is wrong with it; `--init` writes one.

use super::config_path;
use crate::cli::Cli;
use crate::config;
use color_eyre::eyre::{Result, WrapErr, bail};
use std::io::Write;

pub fn run(cli: &Cli, init: bool, force: bool) -> Result<()> {
    let path = config_path(cli)?;
    if init {
        config::write_default(&path, force)?;
        say!(
            "Wrote {} (every setting commented out, at its default)",
            path.display()
        );
        return Ok(());
    }
    if !path.exists() {
        say!(
            "No settings file at {}; every setting is at its default. dsr config --init writes a commented one.",
            path.display()
        );
        return Ok(());
    }
    let loaded = config::load(&path)?;
    say!("settings file: {}", path.display());
    if loaded.problems.is_empty() {
        say!("settings:      ok");
        return Ok(());
    }
    for p in &loaded.problems {
        say!("problem: {p}");
    }
    bail!(
        "{} problem(s) in {}; each bad setting keeps its default until fixed",
        loaded.problems.len(),
        path.display()
    )
}
