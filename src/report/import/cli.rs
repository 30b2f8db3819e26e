//! The `dsr import` command: the dry run on a private snapshot, and the printed outcome.

use super::{
    EXIT_CONFLICT, EXIT_OK, EXIT_PROBLEMS, ImportOptions, ImportOutcome, conflict_message,
    import_bytes,
};
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use std::io::{IsTerminal, Write};
use std::path::Path;

/// The `dsr import` command: prints changes and problems, returns the exit code
/// (0: clean, and applied with --commit; 3: problems found, nothing changed).
pub fn run(
    db: &Path,
    user: &str,
    file: &Path,
    commit: bool,
    default_criterion: Option<&str>,
    default_diagnosis: Option<&str>,
    today: NaiveDate,
) -> color_eyre::Result<i32> {
    use color_eyre::eyre::WrapErr;
    let bytes = std::fs::read(file).wrap_err_with(|| format!("cannot read {}", file.display()))?;
    // A dry run works on a private snapshot (a folder only this user can open): it never takes
    // the register's write lock, so nobody typing waits for it, it cannot change the register
    // even on a full disk, and a register that does not exist yet is not created.
    let scratch = if commit {
        None
    } else {
        Some(
            dry_run_snapshot(db, &std::env::temp_dir())
                .wrap_err("cannot prepare the dry run; nothing was changed")?,
        )
    };
    let target = scratch
        .as_ref()
        .map_or(db.to_path_buf(), |(_, p)| p.clone());
    let result = (|| {
        let mut store = Store::open(&target, user)
            .wrap_err_with(|| format!("cannot open the register {}", db.display()))?;
        let options = ImportOptions {
            commit,
            default_criterion: default_criterion.map(str::to_string),
            default_diagnosis: default_diagnosis.map(str::to_string),
            source_name: file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "a file".into()),
            progress: std::io::stderr().is_terminal(),
        };
        import_bytes(&mut store, &bytes, &options, today)
            .wrap_err("the import failed; nothing was changed")
    })();
    drop(scratch);
    let conflict = result
        .as_ref()
        .err()
        .and_then(|e| e.downcast_ref::<StoreError>())
        .and_then(conflict_message);
    if let Some(message) = conflict {
        let _ = writeln!(std::io::stderr(), "dsr: {}", crate::text::clean(&message));
        return Ok(EXIT_CONFLICT);
    }
    let out = result?;
    print_outcome(&out, file, db, commit);
    Ok(if out.problems.is_empty() {
        EXIT_OK
    } else {
        EXIT_PROBLEMS
    })
}

/// A copy of the register (or an empty one, when there is none yet) in a new folder under `tmp`
/// that only this user can open, with a random name, so nobody sharing the temporary directory
/// can read the copy or plant a symlink where it will be written; removed with the returned
/// guard. `VACUUM INTO` reads a consistent snapshot without blocking anyone who is writing.
fn dry_run_snapshot(
    db: &Path,
    tmp: &Path,
) -> color_eyre::Result<(tempfile::TempDir, std::path::PathBuf)> {
    use color_eyre::eyre::WrapErr;
    let mut builder = tempfile::Builder::new();
    builder.prefix("dsr-import-dry-run-");
    // tempfile leaves a folder's mode to the umask (0755 under the usual 022): ask for owner-only.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o700));
    }
    let dir = builder
        .tempdir_in(tmp)
        .wrap_err("cannot create a private temporary folder")?;
    let copy = dir.path().join("snapshot.db");
    if db.exists() {
        let conn =
            rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                .wrap_err_with(|| format!("cannot open the register {}", db.display()))?;
        conn.busy_timeout(crate::store::BUSY_TIMEOUT)?;
        conn.execute("VACUUM INTO ?1", [copy.to_string_lossy()])
            .wrap_err_with(|| {
                format!("cannot read the register {} for the dry run", db.display())
            })?;
    }
    Ok((dir, copy))
}

/// Control characters (a line break inside a quoted name, an escape sequence) shown escaped, so
/// each message stays on one line and nothing from the file drives the terminal.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn print_outcome(out: &ImportOutcome, file: &Path, db: &Path, commit: bool) {
    use std::io::Write;
    let stdout = std::io::stdout();
    let mut o = std::io::BufWriter::new(stdout.lock());
    let _ = writeln!(
        o,
        "{} {} into {}",
        if commit { "Importing" } else { "Dry run of" },
        file.display(),
        db.display()
    );
    if !out.ignored_columns.is_empty() {
        let _ = writeln!(
            o,
            "Columns not imported (derived or unknown): {}",
            out.ignored_columns.join(", ")
        );
    }
    if !out.read_by_meaning.is_empty() {
        let _ = writeln!(
            o,
            "Criteria read by meaning (check each before --commit; write the code to be exact):"
        );
        for (words, code) in &out.read_by_meaning {
            let _ = writeln!(o, "  {:?} -> {code}", printable(words));
        }
    }
    for line in out.changes.iter().chain(&out.problems) {
        let _ = writeln!(o, "{}", printable(line));
    }
    let _ = writeln!(
        o,
        "{} rows: {} to add, {} to update, {} unchanged, {} problem(s).",
        out.rows,
        out.added,
        out.updated,
        out.unchanged,
        out.problems.len()
    );
    let verdict = match (commit, out.problems.is_empty(), out.committed) {
        (_, false, _) => "Nothing was changed: fix the problems above and run the import again.",
        (true, true, true) => "Applied: all rows were written in one transaction.",
        (true, true, false) => "Nothing to change: the register already matches the file.",
        (false, true, _) => "Nothing was changed (dry run). Add --commit to apply.",
    };
    let _ = writeln!(o, "{verdict}");
    let _ = o.flush();
}

#[cfg(all(test, unix))]
mod tests;
