use clap::Parser;
use color_eyre::eyre::{Result, WrapErr, bail, eyre};
use dsr::cli::{Cli, Command, ExportFormat};
use dsr::store::{Store, migrations};
use dsr::{clock, demo, report, ui};
use std::io::Write;
use std::path::{Path, PathBuf};

fn main() -> Result<()> {
    // Users read these messages: no source locations or environment hints, unless RUST_BACKTRACE asks.
    color_eyre::config::HookBuilder::default()
        .display_location_section(std::env::var_os("RUST_BACKTRACE").is_some())
        .display_env_section(false)
        .install()?;
    let cli = Cli::parse();
    let user = cli.user.clone().unwrap_or_else(clock::os_user);
    match cli.command {
        None => run_tui(&cli, &user),
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
        Some(Command::Export { format, ref output }) => {
            export(&db_path(&cli)?, &user, format, output.as_deref())
        }
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
            list_actions(&db_path(&cli)?, &user, &query, format, output.as_deref())
        }
    }
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

fn open(path: &Path, user: &str) -> Result<Store> {
    Store::open(path, user).wrap_err_with(|| format!("cannot open the register {}", path.display()))
}

fn run_tui(cli: &Cli, user: &str) -> Result<()> {
    let path = db_path(cli)?;
    let mut store = open(&path, user)?;
    if cli.demo && store.count("person")? == 0 {
        eprintln!("Creating the demo register at {} ...", path.display());
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
    ui::run(
        store,
        ui::Options {
            demo: cli.demo,
            today: clock::today(),
        },
    )
}

fn write_demo(path: &Path, user: &str, people: usize, seed: u64, force: bool) -> Result<()> {
    let existing = path.exists() && open(path, user)?.count("person")? > 0;
    if existing && !force {
        bail!(
            "{} already holds a register; refusing to overwrite it. Use --force to replace it, or choose another --db",
            path.display()
        );
    }
    if existing {
        for suffix in ["", "-wal", "-shm"] {
            let p = PathBuf::from(format!("{}{suffix}", path.display()));
            if p.exists() {
                std::fs::remove_file(&p)
                    .wrap_err_with(|| format!("cannot remove {}", p.display()))?;
            }
        }
    }
    let mut store = open(path, user)?;
    let started = std::time::Instant::now();
    demo::generate(
        &mut store,
        demo::DemoSpec {
            people,
            seed,
            today: clock::today(),
        },
        |n| {
            if n % 10_000 == 0 {
                eprintln!("  {n} people written");
            }
        },
    )
    .wrap_err("could not write the demo register; the file is unchanged")?;
    eprintln!(
        "Wrote a demo register of {people} fictional people (seed {seed}) to {} in {:.1}s",
        path.display(),
        started.elapsed().as_secs_f64()
    );
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
    println!("register:       {}", path.display());
    println!(
        "schema version: {} (this build: {})",
        store.schema_version()?,
        migrations::SCHEMA_VERSION
    );
    println!("journal mode:   {}", store.journal_mode()?);
    for table in [
        "person",
        "rating_change",
        "admission",
        "review",
        "action",
        "audit",
    ] {
        println!("{table:<15} {}", store.count(table)?);
    }
    let problems = store.integrity_problems()?;
    if problems.is_empty() {
        println!("integrity:      ok");
        Ok(())
    } else {
        for p in &problems {
            println!("problem: {p}");
        }
        bail!(
            "{} integrity problem(s) found; restore from a backup",
            problems.len()
        )
    }
}

/// Standard output, or a new file at `output`.
fn out_file(output: Option<&Path>) -> Result<Box<dyn Write>> {
    Ok(match output {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).wrap_err_with(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    })
}

fn list_actions(
    path: &Path,
    user: &str,
    query: &report::actions::ActionQuery,
    format: ExportFormat,
    output: Option<&Path>,
) -> Result<()> {
    if !path.exists() {
        bail!("no register at {}", path.display());
    }
    let store = open(path, user)?;
    let rows = dsr::store::actions::all(store.conn())?;
    let lines = report::actions::select(rows, query, clock::today());
    let mut out = out_file(output)?;
    match format {
        ExportFormat::Json => report::actions::write_json(&lines, &mut out)?,
        ExportFormat::Csv => report::actions::write_csv(&lines, &mut out)?,
    }
    out.flush()
        .wrap_err("could not finish writing the action list")?;
    Ok(())
}

fn export(path: &Path, user: &str, format: ExportFormat, output: Option<&Path>) -> Result<()> {
    if !path.exists() {
        bail!("no register at {}", path.display());
    }
    let store = open(path, user)?;
    let data = report::export::build(&store, clock::today())?;
    let mut out: Box<dyn Write> = match output {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).wrap_err_with(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    match format {
        ExportFormat::Json => report::export::write_json(&data, &mut out)?,
        ExportFormat::Csv => report::export::write_csv(&data, &mut out)?,
    }
    out.flush()
        .wrap_err("could not finish writing the export")?;
    Ok(())
}
