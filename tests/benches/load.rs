//! Benchmark (run with `cargo bench --bench load`): how many staff can share one register. For
//! 10, 20 and 50 simulated users (`DSR_LOAD_USERS=10,20` to choose), each its own process on the
//! same file for `DSR_LOAD_SECS` (default 20) seconds: a fifth type in a review draft at typing
//! speed (5 keys a second), two fifths edit someone every 2-5 seconds, and two fifths sit idle
//! with the app's model open, ticking as the app does (every 160 ms) and refreshing from others'
//! commits. Prints p99 write latency, writes refused as busy, and CPU per idle user. The register
//! has `DSR_BENCH_PEOPLE` people (default 10,000, so 50 processes fit in memory). Prints figures;
//! never fails on a time.

use chrono::NaiveDate;
use dsr::domain::review::{ReviewKind, ReviewType};
use dsr::store::reviews::{self, ReviewText};
use dsr::store::{Store, StoreError, people};
use dsr::ui::app::App;
use dsr::ui::theme::Theme;
use rand::{Rng, SeedableRng};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TODAY: &str = "2026-11-24";

fn today() -> NaiveDate {
    NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").expect("date")
}

/// User plus system CPU seconds of this process (Linux /proc; ticks of 1/100 s).
fn own_cpu() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    let Some(end) = stat.rfind(')') else {
        return 0.0;
    };
    let f: Vec<&str> = stat[end + 2..].split_whitespace().collect();
    let tick = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (tick(11) + tick(12)) / 100.0
}

/// One simulated user (a child process). Prints one line: role, then the write latencies in
/// microseconds, the busy refusals and the CPU seconds used.
fn user(db: &Path, role: &str, n: u64, secs: u64) {
    let mut store = Store::open(db, &format!("user{n}")).expect("open");
    let end = Instant::now() + Duration::from_secs(secs);
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(n);
    let mut latencies = Vec::new();
    let mut busy = 0;
    let ids: Vec<i64> = people::register_rows(store.conn(), today())
        .expect("rows")
        .iter()
        .filter(|r| !r.archived)
        .map(|r| r.id)
        .collect();
    let mut write = |store: &mut Store, f: &mut dyn FnMut(&mut Store) -> dsr::store::Result<()>| {
        let t = Instant::now();
        match f(store) {
            Ok(()) => latencies.push(t.elapsed().as_micros()),
            Err(StoreError::Locked) => busy += 1,
            Err(e) => eprintln!("user{n}: {e}"),
        }
    };
    let cpu = own_cpu();
    match role {
        "idle" => {
            let mut app = App::new(store, today(), Theme::colour(), false);
            app.load_active();
            let cpu = own_cpu();
            while Instant::now() < end {
                app.tick();
                std::thread::sleep(Duration::from_millis(160));
            }
            println!("idle - 0 {}", own_cpu() - cpu);
            return;
        }
        "typist" => {
            let person = ids[rng.random_range(0..ids.len())];
            let review = match reviews::draft_of_person(store.conn(), person).expect("draft") {
                Some(id) => id,
                None => store
                    .write(|w| {
                        reviews::create(
                            w,
                            person,
                            ReviewKind::Ctr,
                            ReviewType::Community,
                            today(),
                            None,
                            false,
                        )
                    })
                    .expect("draft"),
            };
            let mut text = String::new();
            while Instant::now() < end {
                text.push(if rng.random_bool(0.2) { ' ' } else { 'a' });
                write(&mut store, &mut |s: &mut Store| {
                    s.write(|w| reviews::set_text(w, review, ReviewText::OutcomeNotes, &text))
                });
                std::thread::sleep(Duration::from_millis(200));
            }
        }
        _ => {
            while Instant::now() < end {
                let id = ids[rng.random_range(0..ids.len())];
                write(&mut store, &mut |s: &mut Store| {
                    let p = people::person(s.conn(), id)?;
                    let mut d = p.details.clone();
                    d.preferred_name = Some(format!("Load{n}"));
                    s.write(|w| people::update_person(w, id, p.version, &d, today()))
                });
                std::thread::sleep(Duration::from_millis(rng.random_range(2_000..5_000)));
            }
        }
    }
    let list: Vec<String> = latencies.iter().map(|l| l.to_string()).collect();
    println!(
        "{role} {} {busy} {}",
        if list.is_empty() {
            "-".to_string()
        } else {
            list.join(",")
        },
        own_cpu() - cpu
    );
}

fn register(people: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("dsr-bench-load");
    std::fs::create_dir_all(&dir).expect("bench dir");
    let db = dir.join(format!("register-{people}.db"));
    let ok = Command::new(env!("CARGO_BIN_EXE_dsr"))
        .args([
            "demo",
            "--people",
            &people.to_string(),
            "--seed",
            "1",
            "--force",
            "--db",
        ])
        .arg(&db)
        .env("DSR_TODAY", TODAY)
        .stdout(Stdio::null())
        .status()
        .expect("dsr demo")
        .success();
    assert!(ok, "dsr demo failed");
    db
}

fn main() {
    let env_num = |k: &str, d: u64| {
        std::env::var(k)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(d)
    };
    let secs = env_num("DSR_LOAD_SECS", 20);
    if let Ok(role) = std::env::var("DSR_LOAD_ROLE") {
        let db = PathBuf::from(std::env::var("DSR_LOAD_DB").expect("DSR_LOAD_DB"));
        user(&db, &role, env_num("DSR_LOAD_N", 0), secs);
        return;
    }
    let people = env_num("DSR_BENCH_PEOPLE", 10_000) as usize;
    let counts: Vec<u64> = std::env::var("DSR_LOAD_USERS")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10, 20, 50]);
    let db = register(people);
    let me = std::env::current_exe().expect("own path");
    println!("dsr load benchmark: {people} people, {secs} s per run");
    for n in counts {
        let children: Vec<_> = (0..n)
            .map(|i| {
                let role = match i % 5 {
                    0 => "typist",
                    1 | 2 => "writer",
                    _ => "idle",
                };
                Command::new(&me)
                    .env("DSR_LOAD_ROLE", role)
                    .env("DSR_LOAD_DB", &db)
                    .env("DSR_LOAD_N", i.to_string())
                    .env("DSR_LOAD_SECS", secs.to_string())
                    .stdout(Stdio::piped())
                    .spawn()
                    .expect("spawn a user")
            })
            .collect();
        let mut latencies: Vec<f64> = Vec::new();
        let mut busy = 0u64;
        let mut idle_cpu = Vec::new();
        for c in children {
            let out = c.wait_with_output().expect("user finished");
            let text = String::from_utf8_lossy(&out.stdout);
            let f: Vec<&str> = text.split_whitespace().collect();
            let [role, lat, b, cpu] = f[..] else {
                eprintln!("a user printed {text:?}");
                continue;
            };
            latencies.extend(
                lat.split(',')
                    .filter_map(|v| v.parse::<f64>().ok())
                    .map(|us| us / 1e3),
            );
            busy += b.parse::<u64>().unwrap_or(0);
            if role == "idle" {
                idle_cpu.push(cpu.parse::<f64>().unwrap_or(0.0));
            }
        }
        latencies.sort_by(f64::total_cmp);
        let at = |p: f64| {
            latencies
                .get(((latencies.len().max(1) - 1) as f64 * p).round() as usize)
                .copied()
                .unwrap_or(0.0)
        };
        let idle = idle_cpu.iter().sum::<f64>() / idle_cpu.len().max(1) as f64;
        println!(
            "{n:>3} users: {} writes, latency median {:.1} ms, p99 {:.1} ms, max {:.1} ms; busy refusals {busy}; CPU per idle user {:.2} % of a core",
            latencies.len(),
            at(0.5),
            at(0.99),
            at(1.0),
            idle / secs as f64 * 100.0
        );
    }
}
