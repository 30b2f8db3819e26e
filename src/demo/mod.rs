//! A deterministic synthetic register of fictional people for demos, screenshots and benchmarks.
//! Same `seed`, `people` and `today` give the same register. NHS numbers come only from the
//! never-issued 999 test range.
//!
//! Each person's history is simulated with the policy schedule itself, so reviews are mostly held
//! on time and a few are overdue by days or weeks, as on a real register; the rows then go in
//! through the store's bulk loader in one transaction, recorded by one audit entry.

mod discussions;
mod names;
mod person;
mod review;
mod texts;

use crate::domain::calendar::Holidays;
use crate::domain::policy::PolicyIntervals;
use crate::domain::review::ReviewType;
use crate::store::bulk;
use crate::store::schedule::{holidays, policy_intervals};
use crate::store::{Result, Store, StoreError, Writer, meta};
use chrono::{Days, NaiveDate};
use rand::SeedableRng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;
use std::path::{Path, PathBuf};

/// Demo generation settings.
#[derive(Debug, Clone, Copy)]
pub struct DemoSpec {
    pub people: usize,
    pub seed: u64,
    pub today: NaiveDate,
}

fn pick<T: Copy>(rng: &mut ChaCha8Rng, items: &[T]) -> T {
    *items.choose(rng).unwrap_or(&items[0])
}

fn days_ago(today: NaiveDate, n: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(n)).unwrap_or(today)
}

fn days_ahead(today: NaiveDate, n: u64) -> NaiveDate {
    today.checked_add_days(Days::new(n)).unwrap_or(today)
}

/// Fill an empty register. Runs as one transaction: a failure leaves the file as it was.
pub fn generate(store: &mut Store, spec: DemoSpec, mut progress: impl FnMut(usize)) -> Result<()> {
    store.write(|w| {
        let paused = bulk::start(w)?;
        let mut g = Generator {
            w,
            rng: ChaCha8Rng::seed_from_u64(spec.seed),
            // A separate stream, so the people stay the same whatever happens to their actions.
            triage: ChaCha8Rng::seed_from_u64(spec.seed ^ 0xAC71_0000),
            // Its own stream too, so adding it left every person's history as it was.
            meeting: ChaCha8Rng::seed_from_u64(spec.seed ^ 0xD15C_0000),
            today: spec.today,
            policy: policy_intervals(w.tx())?,
            holidays: holidays(w.tx())?,
        };
        for i in 0..spec.people {
            g.person(i)?;
            if i % 1000 == 999 {
                progress(i + 1);
            }
        }
        paused.resume(w)?;
        bulk::finish(
            w,
            &format!(
                "demo register of {} fictional people generated (seed {})",
                spec.people, spec.seed
            ),
        )?;
        // Test-range NHS numbers are expected here, and warned about on any other register.
        meta::mark_demo(w, &format!("{} people, seed {}", spec.people, spec.seed))
    })
}

/// Write a demo register to `path`, replacing whatever is there. It is built in a new file beside
/// `path` and moved into place only once complete, so a failure or an interrupted run leaves
/// `path` as it was. Whether replacing `path` is allowed is the caller's decision.
pub fn write_file(
    path: &Path,
    user: &str,
    spec: DemoSpec,
    progress: impl FnMut(usize),
) -> Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "register".into());
    let building = path.with_file_name(format!(".{name}.building-{}", std::process::id()));
    let built = (|| {
        remove_register_files(&building)?;
        let mut store = Store::open(&building, user)?;
        bulk::unseen(&mut store, |s| generate(s, spec, progress))?;
        store.checkpoint()
    })();
    if let Err(e) = built {
        // Best effort: the half-built file is ours alone and of no use.
        let _ = remove_register_files(&building);
        return Err(e);
    }
    // The old register's journal files belong to the old file: left beside the new one, SQLite
    // would try to apply them to it.
    remove_register_files(path)?;
    let io = |context: String| move |source| StoreError::Io { context, source };
    std::fs::rename(&building, path).map_err(io(format!(
        "cannot move the new register into place at {}",
        path.display()
    )))?;
    remove_register_files(&building)
}

/// Remove a register file and its journal files, where they exist.
fn remove_register_files(path: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let p = PathBuf::from(format!("{}{suffix}", path.display()));
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => {
                return Err(StoreError::Io {
                    context: format!("cannot remove {}", p.display()),
                    source,
                });
            }
        }
    }
    Ok(())
}

struct Generator<'w, 'a> {
    w: &'w Writer<'a>,
    rng: ChaCha8Rng,
    triage: ChaCha8Rng,
    meeting: ChaCha8Rng,
    today: NaiveDate,
    policy: PolicyIntervals,
    holidays: Holidays,
}

/// A finished or draft review to write.
struct Held {
    on: NaiveDate,
    review_type: ReviewType,
    finished: bool,
}
