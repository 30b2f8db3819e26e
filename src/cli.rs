//! Command-line definitions (clap). Parsing, plus the shell completions and man page generated
//! from the same definitions so they never drift from the real flags; `main` runs the command.

use crate::report::export::pseudonymised::{BirthDetail, DateDetail};
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};

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
    #[arg(long, global = true)]
    pub demo: bool,

    /// Name recorded in the audit trail (default: your login name).
    #[arg(long, global = true, value_name = "NAME")]
    pub user: Option<String>,

    /// Settings file (TOML). Default: config.toml in the per-user config directory.
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

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
    /// Check the register's integrity and its audit trail's hash chain; print schema version and
    /// counts. Exits non-zero on a problem.
    Check,
    /// Copy the register to DEST while others keep working (SQLite's online backup): owner-only,
    /// checked (integrity and audit chain) before it is kept.
    Backup {
        /// The backup file to write.
        dest: PathBuf,
        /// Replace DEST if it exists (an older backup); never the register itself or a link.
        #[arg(long)]
        force: bool,
    },
    /// The audit trail, newest first: every change and every time a record was opened.
    Audit {
        /// Only rows about this person (their record, admissions, reviews, actions, requests):
        /// NHS number or record id.
        #[arg(long, value_name = "NHS|ID")]
        person: Option<String>,
        /// Only rows on or after DATE.
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
        #[command(flatten)]
        output: Output,
    },
    /// Export the whole register (files are written owner-only).
    Export {
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
        #[command(flatten)]
        output: Output,
        /// Nothing that names a person: no names, local ids, record ids, staff names or free
        /// text; the NHS number and every record id replaced by a keyed pseudonym, stable across
        /// exports made with the same key; hospitals generalised to ward type and area.
        #[arg(long)]
        pseudonymise: bool,
        /// Secret key for --pseudonymise (else the DSR_PSEUDONYM_KEY environment variable).
        #[arg(long, value_name = "FILE", requires = "pseudonymise")]
        key_file: Option<PathBuf>,
        /// With --pseudonymise: keep the year and month of birth, or only an age band.
        #[arg(long, value_enum, default_value_t, requires = "pseudonymise")]
        birth: BirthDetail,
        /// With --pseudonymise: event dates to the month, shifted per person (intervals kept), or exact.
        #[arg(long, value_enum, default_value_t, requires = "pseudonymise")]
        dates: DateDetail,
        /// With --pseudonymise: keep free text (findings, reasons, action wording, hospital names),
        /// which can name people. Check it before it leaves the team.
        #[arg(long, requires = "pseudonymise")]
        include_free_text: bool,
        /// Only people whose record, ratings, admissions, reviews or actions changed on or after DATE.
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
    },
    /// The NHS England returns: monthly (children and young people) and weekly (inpatients).
    Report {
        #[command(subcommand)]
        report: ReportCommand,
    },
    /// Bring people in from a spreadsheet saved as CSV. A dry run unless --commit.
    Import {
        /// The CSV file (UTF-8, with or without BOM; comma-separated; first row is the header).
        file: PathBuf,
        /// Apply the changes, all in one transaction: any problem and nothing changes.
        #[arg(long)]
        commit: bool,
        /// Inclusion criterion code for new people whose row has no criteria column or value.
        #[arg(long, value_name = "CODE")]
        default_criterion: Option<String>,
        /// Diagnosis (LD, autism or both) for rows whose file has no diagnosis column or an empty cell.
        #[arg(long, value_name = "LD|AUTISM|BOTH")]
        default_diagnosis: Option<String>,
    },
    /// C(E)TR reviews: export a report or a family action plan.
    Review {
        #[command(subcommand)]
        command: ReviewCommand,
    },
    /// Requests for a C(E)TR: log who asked and why, record the decision, list them.
    Request {
        #[command(subcommand)]
        command: RequestCommand,
    },
    /// The key lines of enquiry lookup: list every template's lines, or reword one.
    Kloes {
        #[command(subcommand)]
        command: Option<KloeCommand>,
    },
    /// Record the type of advocacy a person receives (none, self, family, independent, imha, imca,
    /// care_act, not_known).
    Advocacy {
        /// The person's id (shown on the card and in `dsr export`).
        person: i64,
        /// The advocacy code.
        code: String,
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
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
        #[command(flatten)]
        output: Output,
    },
    /// Show the settings file's path and check it; --init writes a commented default.
    Config {
        /// Write a commented default settings file (owner-only).
        #[arg(long)]
        init: bool,
        /// With --init: replace an existing settings file.
        #[arg(long, requires = "init")]
        force: bool,
    },
    /// Print a shell completion script: `dsr completions bash > ~/.local/share/bash-completion/completions/dsr`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `dsr man > dsr.1; man ./dsr.1`.
    Man,
}

/// Where a command writes: standard output, or a file that is never a link, a database or the
/// register, and replaced only with `--force`.
#[derive(Debug, Clone, Args)]
pub struct Output {
    /// Output file (default: standard output). Written in full, then moved into place.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Replace FILE if it already exists (never a database, the register or a symbolic link).
    #[arg(long, requires = "file")]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum RequestCommand {
    /// Log a request for a review.
    Add {
        /// The person's id.
        person: i64,
        /// Who asked: person, family or professional.
        #[arg(long = "by", value_name = "WHO")]
        by: String,
        /// Who exactly (a name or role), e.g. "Mother" or "CAMHS nurse".
        #[arg(long, value_name = "TEXT", default_value = "")]
        requester: String,
        /// Why they asked.
        #[arg(long, value_name = "TEXT", default_value = "")]
        reason: String,
        /// The day it was made (default today; YYYY-MM-DD or dd/mm/yyyy).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
    /// Record the decision on a request.
    Decide {
        /// The request's id (shown by `dsr request list`).
        id: i64,
        /// booked (a review), emergency (an emergency meeting instead) or declined.
        #[arg(long, value_name = "OUTCOME")]
        outcome: String,
        /// Who made the decision.
        #[arg(long = "by", value_name = "NAME")]
        by: String,
        /// Why (required when declined: the family is told).
        #[arg(long, value_name = "TEXT", default_value = "")]
        reason: String,
        /// The day of the decision (default today).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
        /// The review (or emergency meeting) it led to.
        #[arg(long, value_name = "ID")]
        review: Option<i64>,
    },
    /// List requests, longest waiting first, with their decision due date and whether overdue.
    List {
        /// Only those still awaiting a decision.
        #[arg(long)]
        open: bool,
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
        #[command(flatten)]
        output: Output,
    },
}

#[derive(Debug, Subcommand)]
pub enum KloeCommand {
    /// Replace a line's wording (the old wording stays with the reviews that asked it).
    Reword {
        /// The line's id (shown by `dsr kloes`).
        id: i64,
        /// The new wording.
        text: String,
        /// Where the wording comes from, e.g. "NHS England CETR template 2023".
        #[arg(long, value_name = "TEXT")]
        source: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// Record that a final review's report or family action plan was sent.
    Sent {
        /// The review's id.
        id: i64,
        /// The family's plain-English action plan (default: the review report).
        #[arg(long)]
        family: bool,
        /// Who it went to.
        #[arg(long, value_name = "WHO")]
        to: String,
        /// The day it was sent (default today).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
    /// Write a review's report (for everyone who took part), or with --family the plain-English
    /// action plan for the person and their family.
    Export {
        /// The review's id (shown in the Reviews pane and in `dsr export`).
        id: i64,
        #[arg(long, value_enum, default_value = "md")]
        format: ReviewFormat,
        /// The plain-English action plan for the person and family instead of the full report.
        #[arg(long)]
        family: bool,
        #[command(flatten)]
        output: Output,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReviewFormat {
    /// Markdown.
    Md,
    /// Plain text.
    Txt,
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// One row per child or young person on the register at any point in the month.
    Monthly {
        /// The month, YYYY-MM.
        #[arg(long, value_name = "YYYY-MM")]
        month: String,
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
        #[command(flatten)]
        output: Output,
    },
    /// One row per inpatient in the week ending on a Sunday.
    Weekly {
        /// The Sunday the week ends on (YYYY-MM-DD or dd/mm/yyyy).
        #[arg(long, value_name = "DATE")]
        week_ending: String,
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
        #[command(flatten)]
        output: Output,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
}

impl Cli {
    /// Parse the process arguments. `dsr --help` names the settings file at `config_path`, which
    /// is only known at run time.
    pub fn parse_with_config_path(config_path: Option<&Path>) -> Cli {
        let matches = command(config_path).get_matches();
        Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
    }
}

/// The clap command, with the settings file's path in the long help.
pub fn command(config_path: Option<&Path>) -> clap::Command {
    let where_ = match config_path {
        Some(p) => format!("Settings file: {}", p.display()),
        None => "Settings file: none (no home directory found); pass --config PATH".to_string(),
    };
    Cli::command().after_help(format!(
        "{where_}\n`dsr config --init` writes a commented one; `dsr config` checks it.\n\
         NO_COLOR=1 or TERM=dumb: monochrome screens. DSR_TODAY=YYYY-MM-DD: the date taken as today."
    ))
}

/// The completion script for `shell`.
pub fn write_completions(shell: clap_complete::Shell, out: &mut dyn Write) {
    clap_complete::generate(shell, &mut Cli::command(), "dsr", out);
}

/// The manual page, as roff (its closing section names the settings file, as `--help` does).
pub fn write_man(config_path: Option<&Path>, out: &mut dyn Write) -> std::io::Result<()> {
    clap_mangen::Man::new(command(config_path)).render(out)
}
