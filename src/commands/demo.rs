//! `dsr demo`: write a register of fictional people.

use super::open;
use crate::{clock, demo};
use color_eyre::eyre::{Result, WrapErr, bail};
use std::io::Write;
use std::path::Path;

pub fn write(path: &Path, user: &str, people: usize, seed: u64, force: bool) -> Result<()> {
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
    let holder = crate::store::presence::open_elsewhere(path)
        .wrap_err_with(|| format!("cannot tell whether {} is in use", path.display()))?;
    if let Some(h) = holder {
        bail!(
            "{} is open in {h}; nothing was replaced. Ask them to close dsr, then run dsr demo --force again",
            path.display()
        );
    }
    Ok(())
}
