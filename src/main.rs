use color_eyre::eyre::{Result, WrapErr, bail, eyre};
use dsr::cli::{
    self, Cli, Command, ExportFormat, Output, ReportCommand, RequestCommand, ReviewCommand,
    ReviewFormat,
};
use dsr::domain::consent::Scope;
use dsr::domain::dates::parse_date;
use dsr::domain::returns::{month_period, week_period};
use dsr::store::{Store, migrations};
use dsr::{clock, config, demo, report, ui};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

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

fn main() -> ExitCode {
    restore_default_sigpipe();
    // Users read one plain line: no report, source location or colour unless RUST_BACKTRACE asks
    // (and colour only on a terminal without NO_COLOR).
    let verbose = std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0");
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let theme = if colour {
        color_eyre::config::Theme::dark()
    } else {
        color_eyre::config::Theme::new()
    };
    let installed = color_eyre::config::HookBuilder::default()
        .theme(theme)
        .display_location_section(verbose)
        .display_env_section(false)
        .install();
    match installed.and_then(|()| run()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if verbose => {
            note!("{e:?}");
            ExitCode::FAILURE
        }
        Err(e) => {
            note!("dsr: {}", dsr::text::clean(&format!("{e:#}")));
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<()> {
    let cli = Cli::parse_with_config_path(config::default_path().as_deref());
    // The name goes into the audit trail and onto every screen: no control characters in it.
    let user = dsr::text::clean_input(&cli.user.clone().unwrap_or_else(clock::os_user))
        .trim()
        .to_string();
    if user.is_empty() {
        bail!("--user needs a name to record in the audit trail");
    }
    match cli.command {
        None => run_tui(&cli, &user),
        Some(Command::Config { init, force }) => settings(&cli, init, force),
        Some(Command::Completions { shell }) => {
            let mut out = std::io::stdout().lock();
            cli::write_completions(shell, &mut out);
            out.flush()
                .wrap_err("could not write the completion script")
        }
        Some(Command::Man) => {
            let mut out = std::io::stdout().lock();
            cli::write_man(config_path(&cli).ok().as_deref(), &mut out)
                .and_then(|()| out.flush())
                .wrap_err("could not write the manual page")
        }
        Some(Command::Demo {
            people,
            seed,
            force,
        }) => {
            let path = cli
                .db
                .clone()
                .ok_or_else(|| eyre!("dsr demo needs --db PATH: the file to write"))?;
            write_demo(&path, &user, people, seed, force)
        }
        Some(Command::Check) => check(&db_path(&cli)?, &user),
        Some(Command::Backup { ref dest, force }) => backup(&db_path(&cli)?, &user, dest, force),
        Some(Command::Audit {
            ref person,
            ref since,
            format,
            ref output,
        }) => {
            let since = since
                .as_deref()
                .map(|s| parse_date(s, clock::today()))
                .transpose()
                .map_err(|e| eyre!("--since: {e}"))?;
            audit_trail(
                &db_path(&cli)?,
                &user,
                person.as_deref(),
                since,
                format,
                output,
            )
        }
        Some(Command::Export {
            format,
            ref output,
            pseudonymise,
            ref key_file,
            birth,
            dates,
            include_free_text,
            ref since,
        }) => {
            let since = since
                .as_deref()
                .map(|s| parse_date(s, clock::today()))
                .transpose()
                .map_err(|e| eyre!("--since: {e}"))?;
            let key = if pseudonymise {
                Some(
                    report::pseudonymise::PseudonymKey::load(
                        key_file.as_deref(),
                        std::env::var(report::pseudonymise::KEY_VAR).ok(),
                    )
                    .map_err(|e| eyre!(e))?,
                )
            } else {
                None
            };
            let options = report::export::pseudonymised::Options {
                birth,
                dates,
                free_text: include_free_text,
            };
            let pseudonymised = key.as_ref().map(|k| (k, options));
            export(&db_path(&cli)?, &user, format, output, pseudonymised, since)
        }
        Some(Command::Report { ref report }) => run_report(&db_path(&cli)?, &user, report),
        Some(Command::Import {
            ref file,
            commit,
            ref default_criterion,
            ref default_diagnosis,
        }) => {
            let code = report::import::run(
                &db_path(&cli)?,
                &user,
                file,
                commit,
                default_criterion.as_deref(),
                default_diagnosis.as_deref(),
                clock::today(),
            )?;
            std::process::exit(code);
        }
        Some(Command::Request {
            command:
                RequestCommand::List {
                    open,
                    format,
                    ref output,
                },
        }) => list_requests(&db_path(&cli)?, &user, open, format, output),
        Some(Command::Request { ref command }) => {
            let path = db_path(&cli)?;
            let mut store = open_existing(&path, &user)?;
            say(report::journey::request_write(
                &mut store,
                command,
                clock::today(),
            ))
        }
        Some(Command::Kloes { ref command }) => {
            let path = db_path(&cli)?;
            let mut store = open_existing(&path, &user)?;
            say(report::journey::kloes(&mut store, command.as_ref()))
        }
        Some(Command::Advocacy { person, ref code }) => {
            let path = db_path(&cli)?;
            let mut store = open_existing(&path, &user)?;
            say(report::journey::advocacy(&mut store, person, code))
        }
        Some(Command::Review {
            command:
                ReviewCommand::Sent {
                    id,
                    family,
                    ref to,
                    ref on,
                },
        }) => {
            let path = db_path(&cli)?;
            let mut store = open_existing(&path, &user)?;
            say(report::journey::review_sent(
                &mut store,
                id,
                family,
                to,
                on.as_deref(),
                clock::today(),
            ))
        }
        Some(Command::Review {
            command:
                ReviewCommand::Export {
                    id,
                    format,
                    family,
                    ref output,
                },
        }) => export_review(&db_path(&cli)?, &user, id, format, family, output),
        Some(Command::Actions {
            overdue,
            ref owner,
            all,
            format,
            ref output,
        }) => {
            let query = report::actions::ActionQuery {
                overdue,
                owner: owner.clone(),
                include_closed: all,
            };
            list_actions(&db_path(&cli)?, &user, &query, format, output)
        }
    }
}

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

fn run_report(path: &Path, user: &str, which: &ReportCommand) -> Result<()> {
    if !path.exists() {
        bail!("no register at {}", path.display());
    }
    let store = open(path, user)?;
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

fn data_dir() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("uk.nhs", "dsr", "dsr")
        .ok_or_else(|| eyre!("cannot find a home directory for the register; pass --db PATH"))?;
    Ok(dirs.data_dir().to_path_buf())
}

/// `--db`, else the demo or default register in the per-user data directory.
fn db_path(cli: &Cli) -> Result<PathBuf> {
    match &cli.db {
        Some(p) => Ok(p.clone()),
        None => Ok(data_dir()?.join(if cli.demo { "demo.db" } else { "register.db" })),
    }
}

/// Open a register that must already exist (a command that records something never creates one).
fn open_existing(path: &Path, user: &str) -> Result<Store> {
    if !path.exists() {
        bail!("no register at {}", path.display());
    }
    open(path, user)
}

/// Print what a journey command did, or fail with its message (the register is untouched).
fn say(done: dsr::store::Result<String>) -> Result<()> {
    let line = done.map_err(|e| eyre!("{e}"))?;
    say!("{}", dsr::text::clean_multiline(&line));
    Ok(())
}

fn list_requests(
    path: &Path,
    user: &str,
    open_only: bool,
    format: ExportFormat,
    output: &Output,
) -> Result<()> {
    let store = open_existing(path, user)?;
    let policy = dsr::store::journey::journey_policy(store.conn())?;
    let all = dsr::store::requests::all(store.conn()).map_err(|e| unreadable(&store, e))?;
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

/// `--config`, else config.toml in the per-user config directory.
fn config_path(cli: &Cli) -> Result<PathBuf> {
    match &cli.config {
        Some(p) => Ok(p.clone()),
        None => config::default_path().ok_or_else(|| {
            eyre!("cannot find a home directory for the settings; pass --config PATH")
        }),
    }
}

/// `dsr config`: say where the settings file is and what is wrong with it; `--init` writes one.
fn settings(cli: &Cli, init: bool, force: bool) -> Result<()> {
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

/// A read that failed on a stored value the app cannot read: name the record and field (as
/// `dsr check` does) instead of "conversion error", so the damage can be found and corrected.
/// Nothing has been written yet when this is called.
fn unreadable(store: &Store, e: impl std::fmt::Display) -> color_eyre::Report {
    let hint = format!(
        "nothing was written. dsr check --db {} lists every such value",
        store.path().display()
    );
    match dsr::store::check::unreadable_dates(store.conn()) {
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

fn run_tui(cli: &Cli, user: &str) -> Result<()> {
    let path = db_path(cli)?;
    let mut store = open(&path, user)?;
    if cli.demo && store.count("person")? == 0 {
        note!("Creating the demo register at {} ...", path.display());
        demo::generate(
            &mut store,
            demo::DemoSpec {
                people: 300,
                seed: 1,
                today: clock::today(),
            },
            |_| {},
        )
        .wrap_err("could not write the demo register")?;
    }
    // A bad settings file never stops the app: the problem is shown on the first screen and the
    // bad setting keeps its default.
    let (settings, notice) = match config_path(cli) {
        Ok(p) => match config::load(&p) {
            Ok(loaded) => {
                let notice = loaded.summary(&p);
                (loaded.config, notice)
            }
            Err(e) => (config::Config::default(), Some(format!("{e:#}"))),
        },
        Err(e) => (config::Config::default(), Some(e.to_string())),
    };
    // A register whose permissions were just tightened says so once, with the settings' notice.
    let notice = match (store.open_notice(), notice) {
        (Some(a), Some(b)) => Some(format!("{a}. {b}")),
        (a, b) => a.map(str::to_string).or(b),
    };
    ui::keymap::install(settings.keymaps());
    ui::run(
        store,
        ui::Options {
            demo: cli.demo,
            today: clock::today(),
            theme: ui::theme::Theme::from_env(settings.theme),
            notice,
            privacy: settings.privacy,
            display_name: settings.display_name,
            mouse: settings.mouse,
            settings_path: config_path(cli).ok(),
        },
    )
}

fn write_demo(path: &Path, user: &str, people: usize, seed: u64, force: bool) -> Result<()> {
    refuse_to_replace(path, user, force)?;
    let started = std::time::Instant::now();
    demo::write_file(
        path,
        user,
        demo::DemoSpec {
            people,
            seed,
            today: clock::today(),
        },
        |n| {
            if n % 10_000 == 0 {
                note!("  {n} people written");
            }
        },
    )
    .wrap_err("could not write the demo register; the file is unchanged")?;
    note!(
        "Wrote a demo register of {people} fictional people (seed {seed}) to {} in {:.1}s",
        path.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Every reason not to replace the file at `path` with a demo register.
fn refuse_to_replace(path: &Path, user: &str, force: bool) -> Result<()> {
    let existing = path.exists() && open(path, user)?.count("person")? > 0;
    if existing && !force {
        bail!(
            "{} already holds a register; refusing to overwrite it. Use --force to replace it, or choose another --db",
            path.display()
        );
    }
    // Replacing a register someone has open would leave them typing into a deleted file.
    let holder = dsr::store::presence::open_elsewhere(path)
        .wrap_err_with(|| format!("cannot tell whether {} is in use", path.display()))?;
    if let Some(h) = holder {
        bail!(
            "{} is open in {h}; nothing was replaced. Ask them to close dsr, then run dsr demo --force again",
            path.display()
        );
    }
    Ok(())
}

fn check(path: &Path, user: &str) -> Result<()> {
    if !path.exists() {
        bail!(
            "no register at {}; create one with dsr demo --db PATH or open it with dsr --db PATH",
            path.display()
        );
    }
    let store = open(path, user)?;
    say!("register:       {}", path.display());
    say!(
        "schema version: {} (this build: {})",
        store.schema_version()?,
        migrations::SCHEMA_VERSION
    );
    say!("journal mode:   {}", store.journal_mode()?);
    if store.is_read_only() {
        say!("access:         read-only (checked as it is; nothing can be changed)");
    }
    for table in [
        "person",
        "rating_change",
        "admission",
        "review",
        "action",
        "audit",
    ] {
        say!("{table:<15} {}", store.count(table)?);
    }
    let mut problems = store.integrity_problems()?;
    let (chain, head) = dsr::store::audit::verify(store.conn())?;
    problems.extend(chain.iter().map(ToString::to_string));
    problems.extend(dsr::store::check::unreadable_dates(store.conn())?);
    if problems.is_empty() {
        say!("integrity:      ok");
        say!(
            "audit chain:    whole, {} rows; head row {} hash {}",
            head.rows,
            head.last_id,
            head.hash
        );
        Ok(())
    } else {
        for p in &problems {
            say!("problem: {p}");
        }
        bail!(
            "{} integrity problem(s) found; restore from a backup",
            problems.len()
        )
    }
}

fn backup(path: &Path, user: &str, dest: &Path, force: bool) -> Result<()> {
    if !path.exists() {
        bail!("no register at {}", path.display());
    }
    let mut store = open(path, user)?;
    let file =
        report::output::OutputFile::create_database(dest, force, &[path]).map_err(|e| eyre!(e))?;
    let copied = store
        .backup_to(file.temp_path())
        .wrap_err_with(|| format!("the backup failed; {} was not written", dest.display()))?;
    file.finish()
        .wrap_err_with(|| format!("could not put the backup in place at {}", dest.display()))?;
    println!(
        "Backed up {} people to {} (owner-only; integrity ok; audit trail whole, {} rows, head {})",
        copied.people,
        dest.display(),
        copied.audit_rows,
        copied.audit_head
    );
    Ok(())
}

fn audit_trail(
    path: &Path,
    user: &str,
    person: Option<&str>,
    since: Option<chrono::NaiveDate>,
    format: ExportFormat,
    output: &Output,
) -> Result<()> {
    if !path.exists() {
        bail!("no register at {}", path.display());
    }
    let mut store = open(path, user)?;
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

fn list_actions(
    path: &Path,
    user: &str,
    query: &report::actions::ActionQuery,
    format: ExportFormat,
    output: &Output,
) -> Result<()> {
    if !path.exists() {
        bail!("no register at {}", path.display());
    }
    let store = open(path, user)?;
    let mut out = output_to(output, path)?;
    let rows = dsr::store::actions::all(store.conn()).map_err(|e| unreadable(&store, e))?;
    let sharing = dsr::store::consent::people_with(store.conn(), Scope::Sharing, clock::today())
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

fn export(
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
    if !path.exists() {
        bail!("no register at {}", path.display());
    }
    let store = open(path, user)?;
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

fn export_review(
    path: &Path,
    user: &str,
    id: i64,
    format: ReviewFormat,
    family: bool,
    output: &Output,
) -> Result<()> {
    if !path.exists() {
        bail!("no register at {}", path.display());
    }
    let store = open(path, user)?;
    let mut out = output_to(output, path)?;
    let data = dsr::store::reviews::ReviewData::load(store.conn(), id, clock::today())
        .wrap_err_with(|| format!("cannot read review {id}; see the Reviews pane for ids"))?;
    if let Some(why) = dsr::domain::consent::sharing_refusal(&data.sharing_consent) {
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

/// `dsr report monthly | head` should stop quietly when `head` has read enough, as other
/// command-line tools do. Rust ignores SIGPIPE, which turns every later print into a panic.
#[cfg(unix)]
fn restore_default_sigpipe() {
    // SAFETY: called first thing in main, before any thread exists; SIG_DFL is always valid.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn restore_default_sigpipe() {}
