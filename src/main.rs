use color_eyre::eyre::{Result, WrapErr, bail, eyre};
use dsr::cli::{self, Cli, Command, RequestCommand, ReviewCommand};
use dsr::commands::{self, db_path, open_existing, say};
use dsr::domain::dates::parse_date;
use dsr::{clock, config, report};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

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
            let _ = writeln!(std::io::stderr(), "{e:?}");
            ExitCode::FAILURE
        }
        Err(e) => {
            let _ = writeln!(
                std::io::stderr(),
                "dsr: {}",
                dsr::text::clean(&format!("{e:#}"))
            );
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
        None => commands::tui::run(&cli, &user),
        Some(Command::Config { init, force }) => commands::settings::run(&cli, init, force),
        Some(Command::Completions { shell }) => {
            let mut out = std::io::stdout().lock();
            cli::write_completions(shell, &mut out);
            out.flush()
                .wrap_err("could not write the completion script")
        }
        Some(Command::Man) => {
            let mut out = std::io::stdout().lock();
            cli::write_man(commands::config_path(&cli).ok().as_deref(), &mut out)
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
            commands::demo::write(&path, &user, people, seed, force)
        }
        Some(Command::Check) => commands::check::run(&db_path(&cli)?, &user),
        Some(Command::Backup { ref dest, force }) => {
            commands::backup::run(&db_path(&cli)?, &user, dest, force)
        }
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
            commands::audit::trail(
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
            commands::export::register(&db_path(&cli)?, &user, format, output, pseudonymised, since)
        }
        Some(Command::Report { ref report }) => {
            commands::returns::run(&db_path(&cli)?, &user, report)
        }
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
        }) => commands::lists::requests(&db_path(&cli)?, &user, open, format, output),
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
        }) => commands::export::review(&db_path(&cli)?, &user, id, format, family, output),
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
            commands::lists::actions(&db_path(&cli)?, &user, &query, format, output)
        }
    }
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
