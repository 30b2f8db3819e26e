//! Command-line definitions (clap). Parsing only; `main` runs the chosen command.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "dsr",
    version,
    about = "Dynamic Support Register and C(E)TR reviews in the terminal"
)]
pub struct Cli {
    /// Register file (SQLite). Default: register.db in the per-user data directory.
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Open the demo register of fictional people (created on first use) in the data directory.
    #[arg(long)]
    pub demo: bool,

    /// Name recorded in the audit trail (default: your login name).
    #[arg(long, global = true, value_name = "NAME")]
    pub user: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a deterministic synthetic register of fictional people (NHS numbers from the 999 test range).
    Demo {
        /// How many people.
        #[arg(long, default_value_t = 300)]
        people: usize,
        /// Random seed: the same seed (and DSR_TODAY) gives the same register.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Replace a register that already holds people.
        #[arg(long)]
        force: bool,
    },
    /// Check the register's integrity; print schema version and counts. Exits non-zero on a problem.
    Check,
    /// Export the whole register.
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Output file (default: standard output).
        #[arg(short = 'o', long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// List actions in triage order (overdue first), for emails and meeting packs.
    Actions {
        /// Only overdue actions.
        #[arg(long)]
        overdue: bool,
        /// Only actions of this owner (case-insensitive full name, e.g. "Jo Hartley").
        #[arg(long, value_name = "NAME")]
        owner: Option<String>,
        /// Include done and cancelled actions (default: open ones only).
        #[arg(long)]
        all: bool,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Output file (default: standard output).
        #[arg(short = 'o', long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
}
