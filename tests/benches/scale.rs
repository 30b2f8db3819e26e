//! Benchmark (run with `cargo bench --bench scale`): how the speed and size budgets grow with the
//! register, at 1,000, 10,000 and 100,000 people (`DSR_BENCH_SIZES=1000,10000` to choose). For each
//! size it builds a demo register and prints min / median / p99 of: demo generation and file
//! size, the monthly and weekly returns (whole CLI run), the dashboard, the register load beside
//! `sqlite3` reading the same rows (when installed, with the ratio), and on the real binary in a
//! pseudo-terminal: launch to first frame, resident memory, bytes per cursor move, and the CPU an
//! idle app uses while another user commits every 0.5 s. Prints figures; never fails on a time.

#[path = "../support/pty.rs"]
mod pty;

use chrono::NaiveDate;
use dsr::store::{Store, people};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TODAY: &str = "2026-11-24";
const COLS: u16 = 120;
const ROWS: u16 = 40;

fn today() -> NaiveDate {
    NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").expect("date")
}

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_dsr"))
}

fn dsr(args: &[&str]) -> Command {
    let mut c = Command::new(bin());
    c.args(args)
        .env("DSR_TODAY", TODAY)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

fn at(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// One line: label, then min / median / p99 in milliseconds (or the unit given).
fn line(label: &str, mut samples: Vec<f64>, unit: &str) -> f64 {
    samples.sort_by(f64::total_cmp);
    let median = at(&samples, 0.5);
    println!(
        "  {label:<46} min {:>9.1}  median {:>9.1}  p99 {:>9.1} {unit}  (n={})",
        samples[0],
        median,
        at(&samples, 0.99),
        samples.len()
    );
    median
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Wall-clock and CPU milliseconds of each of `n` runs.
struct Timed {
    wall: Vec<f64>,
    cpu: Vec<f64>,
}

/// CPU time used so far by this process and the children it has waited for. On a machine others
/// are loading, wall-clock time includes waiting for a core; CPU time is the steadier figure.
fn cpu_ms() -> f64 {
    let used = |who| {
        // SAFETY: getrusage only writes into the zeroed struct it is handed.
        let mut u: libc::rusage = unsafe { std::mem::zeroed() };
        unsafe { libc::getrusage(who, &mut u) };
        let ms = |t: libc::timeval| t.tv_sec as f64 * 1e3 + t.tv_usec as f64 / 1e3;
        ms(u.ru_utime) + ms(u.ru_stime)
    };
    used(libc::RUSAGE_SELF) + used(libc::RUSAGE_CHILDREN)
}

fn time_runs(n: usize, mut f: impl FnMut()) -> Timed {
    let (mut wall, mut cpu) = (Vec::new(), Vec::new());
    for _ in 0..n {
        let (t, c) = (Instant::now(), cpu_ms());
        f();
        wall.push(ms(t.elapsed()));
        cpu.push(cpu_ms() - c);
    }
    Timed { wall, cpu }
}

/// The wall-clock line, then the CPU-time line; returns the wall-clock median.
fn timed(label: &str, t: Timed) -> f64 {
    let median = line(label, t.wall, "ms");
    line("  CPU time of the same runs", t.cpu, "ms");
    median
}

fn file_size(path: &Path) -> u64 {
    ["", "-wal"]
        .iter()
        .filter_map(|s| std::fs::metadata(format!("{}{s}", path.display())).ok())
        .map(|m| m.len())
        .sum()
}

/// Build the register (timed) in this build's own scratch directory, replacing any earlier one
/// (several checkouts benchmarking at once on one machine never share a register).
fn demo(people: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("dsr-bench-scale");
    std::fs::create_dir_all(&dir).expect("bench dir");
    let db = dir.join(format!("register-{people}.db"));
    let runs = if people >= 100_000 { 1 } else { 3 };
    let samples = time_runs(runs, || {
        let ok = dsr(&["demo", "--people", &people.to_string(), "--seed", "1"])
            .args(["--force", "--db"])
            .arg(&db)
            .status()
            .expect("run dsr demo")
            .success();
        assert!(ok, "dsr demo failed");
    });
    timed("dsr demo (whole CLI run)", samples);
    println!(
        "  {:<46} {:>9.1} MB",
        "register file",
        file_size(&db) as f64 / 1e6
    );
    db
}

fn returns(db: &Path) {
    let db = db.to_str().expect("utf-8 path");
    let run = |args: &[&str]| {
        time_runs(9, || {
            let ok = dsr(args).status().expect("run dsr report").success();
            assert!(ok, "dsr report failed");
        })
    };
    timed(
        "monthly return (whole CLI run)",
        run(&["report", "monthly", "--month", "2026-10", "--db", db]),
    );
    timed(
        "weekly return (whole CLI run)",
        run(&[
            "report",
            "weekly",
            "--week-ending",
            "2026-11-22",
            "--db",
            db,
        ]),
    );
}

fn in_process(db: &Path) {
    let store = Store::open(db, "bench").expect("open");
    timed(
        "dashboard figures (in process)",
        time_runs(9, || {
            dsr::store::dashboard::dashboard(store.conn(), today()).expect("dashboard");
        }),
    );
    let ours = timed(
        "register rows load (in process)",
        time_runs(9, || {
            people::register_rows(store.conn(), today()).expect("rows");
        }),
    );
    // The same columns read by the sqlite3 shell, when installed, for scale.
    let sql = "SELECT id, nhs_number, local_id, given_name, family_name, preferred_name, \
               date_of_birth, ehcp, rating, keyworker, setting, next_review_due, \
               next_review_type, removed_on IS NOT NULL, version, register_review_due FROM person";
    let has_sqlite3 = Command::new("sqlite3")
        .arg("-version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if has_sqlite3 {
        let theirs = timed(
            "sqlite3 shell, same rows (whole run)",
            time_runs(9, || {
                Command::new("sqlite3")
                    .arg(db)
                    .arg(sql)
                    .stdout(Stdio::null())
                    .status()
                    .expect("sqlite3");
            }),
        );
        println!(
            "  {:<46} {:>9.2} x",
            "ratio dsr load / sqlite3 shell",
            ours / theirs
        );
    } else {
        println!("  sqlite3 not installed: no side-by-side figure");
    }
    let has_vd = Command::new("vd")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !has_vd {
        println!("  visidata (vd) not installed: no side-by-side figure");
    }
}

fn rss_mib(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// User plus system CPU time a process has used (Linux /proc; clock ticks of 1/100 s).
fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

/// Another user, writing every 0.5 s for `secs` seconds: `draft` types into a review draft,
/// otherwise a person's name is edited.
fn other_user(db: &Path, secs: u64, draft: bool) {
    use dsr::domain::review::{ReviewKind, ReviewType};
    use dsr::store::reviews::{self, ReviewText};
    let mut store = Store::open(db, "colleague").expect("open");
    let rows = people::register_rows(store.conn(), today()).expect("rows");
    let someone = rows.iter().find(|r| !r.archived).expect("someone").id;
    let review = draft.then(|| {
        reviews::draft_of_person(store.conn(), someone)
            .expect("draft")
            .unwrap_or_else(|| {
                store
                    .write(|w| {
                        reviews::create(
                            w,
                            someone,
                            ReviewKind::Ctr,
                            ReviewType::Community,
                            today(),
                            None,
                            false,
                        )
                    })
                    .expect("new draft")
            })
    });
    let end = Instant::now() + Duration::from_secs(secs);
    let mut i = 0;
    while Instant::now() < end {
        i += 1;
        match review {
            Some(id) => store
                .write(|w| {
                    reviews::set_text(w, id, ReviewText::OutcomeNotes, &"typed ".repeat(i % 20))
                })
                .expect("keystroke"),
            None => {
                let p = people::person(store.conn(), someone).expect("person");
                let mut d = p.details.clone();
                d.preferred_name = Some(format!("Pref{}", i % 10));
                store
                    .write(|w| people::update_person(w, someone, p.version, &d, today()))
                    .expect("edit");
            }
        }
        std::thread::sleep(Duration::from_millis(500));
    }
}

fn terminal(db: &Path) {
    let path = db.to_str().expect("utf-8 path");
    let env = [("DSR_TODAY", TODAY)];
    let launches = (0..7)
        .map(|_| {
            let t = Instant::now();
            let tui = pty::Tui::spawn(&bin(), &["--db", path], &env, COLS, ROWS);
            tui.wait_for("Register:", Duration::from_secs(60))
                .expect("first frame");
            ms(t.elapsed())
        })
        .collect();
    line("launch to first frame (PTY 120x40)", launches, "ms");
    let mut tui = pty::Tui::spawn(&bin(), &["--db", path], &env, COLS, ROWS);
    tui.wait_for("Register:", Duration::from_secs(60))
        .expect("first frame");
    tui.wait_for_gone("loading", Duration::from_secs(120))
        .expect("whole register loaded");
    // Hidden panes load while idle: wait for them, then measure the settled app.
    std::thread::sleep(Duration::from_secs(3));
    let pid = tui.pid();
    if let Some(m) = pid.and_then(rss_mib) {
        println!(
            "  {:<46} {:>9.1} MiB",
            "resident memory, register loaded", m
        );
    }
    let moves = (0..40)
        .map(|_| {
            let before = tui.bytes_received();
            tui.keys("j");
            std::thread::sleep(Duration::from_millis(60));
            (tui.bytes_received() - before) as f64
        })
        .collect();
    line("bytes sent per cursor move (j)", moves, "B");
    const SECS: u64 = 10;
    for (label, draft) in [
        ("idle CPU, other user edits a person / 0.5 s", false),
        ("idle CPU, other user types a draft / 0.5 s", true),
    ] {
        let before = pid.and_then(cpu_seconds);
        let t = Instant::now();
        other_user(db, SECS, draft);
        let after = pid.and_then(cpu_seconds);
        if let (Some(a), Some(b)) = (before, after) {
            println!(
                "  {label:<46} {:>9.1} % of a core",
                (b - a) / t.elapsed().as_secs_f64() * 100.0
            );
        }
    }
    if let Some(m) = pid.and_then(rss_mib) {
        println!(
            "  {:<46} {:>9.1} MiB",
            "resident memory after others' writes", m
        );
    }
    tui.keys("q");
    let _ = tui.wait_exit(Duration::from_secs(10));
}

fn main() {
    let sizes: Vec<usize> = std::env::var("DSR_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000]);
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!("dsr scale benchmark, {TODAY}, {cores} cores");
    for people in sizes {
        println!("{people} people");
        let db = demo(people);
        returns(&db);
        in_process(&db);
        terminal(&db);
    }
}
