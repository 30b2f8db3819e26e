//! Who may read the register file. It holds special-category health data, so it is owner-only
//! (0600), with one exception for a team register: group read/write bits are kept when the folder
//! it sits in is a team folder (open to its group, closed to everyone else), which is how a team
//! shares a register in a group-owned folder (`chgrp team dir; chmod 2770 dir`). Bits for "other" are
//! always removed, and the person opening it is told once. A file that exists but is not a SQLite
//! database is refused before anything about it is changed. A register nobody may write (its
//! mode has no write bit, or its folder cannot be written) is opened read-only and left as it is.

use super::{Result, StoreError};
use std::path::Path;

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Make `path` ready for SQLite: create it owner-only, or check and tighten an existing one.
/// Returns what to tell the user when permissions were changed.
#[cfg(unix)]
pub(super) fn prepare(path: &Path) -> Result<Option<String>> {
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
    let io = |context: String| move |source| StoreError::Io { context, source };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.exists() {
        // Folders we create for a register are private too (the per-user data directory).
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(io(format!("cannot create folder {}", dir.display())))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .read(true)
        .append(true)
        .mode(0o600)
        .open(path)
        .map_err(io(format!("cannot open register {}", path.display())))?;
    refuse_other_files(&mut file, path)?;
    let mode = file
        .metadata()
        .map_err(io(format!("cannot read {}", path.display())))?
        .permissions()
        .mode()
        & 0o777;
    // A team folder: the group may enter it, nobody else may.
    let dir_closed = std::fs::metadata(dir).is_ok_and(|m| {
        let d = m.permissions().mode();
        d & 0o070 != 0 && d & 0o007 == 0
    });
    let allowed = if dir_closed { 0o660 } else { 0o600 };
    if mode & !allowed == 0 {
        return Ok(None);
    }
    let tightened = mode & allowed;
    file.set_permissions(std::fs::Permissions::from_mode(tightened))
        .map_err(io(format!(
            "cannot restrict who can read {}",
            path.display()
        )))?;
    Ok(Some(format!(
        "{} could be read by others (mode {mode:o}); it is now {tightened:o}{}",
        path.display(),
        if dir_closed {
            " (the team's group keeps access: the folder is closed to others)"
        } else {
            ", owner-only. To share it with a team, put it in a folder only the team's group can open"
        }
    )))
}

/// Refuse a file that exists but is not a SQLite database (an empty one is new).
fn refuse_other_files(file: &mut std::fs::File, path: &Path) -> Result<()> {
    use std::io::Read;
    let mut head = Vec::with_capacity(16);
    file.take(16)
        .read_to_end(&mut head)
        .map_err(|source| StoreError::Io {
            context: format!("cannot read {}", path.display()),
            source,
        })?;
    if !head.is_empty() && head.as_slice() != SQLITE_HEADER {
        return Err(StoreError::Invalid(format!(
            "{} is not a dsr register (not a SQLite database); it was left as it was. Check the --db path",
            path.display()
        )));
    }
    Ok(())
}

/// Check an existing register that will be opened read-only, changing nothing about it.
pub(super) fn check_read_only(path: &Path) -> Result<()> {
    let mut file = std::fs::File::open(path).map_err(|source| StoreError::Io {
        context: format!("cannot open register {}", path.display()),
        source,
    })?;
    refuse_other_files(&mut file, path)
}

/// Whether an existing register must be opened read-only: nobody may write the file (no write
/// bit at all, which even an administrator's account honours here: someone made it read-only on
/// purpose), this account may not, or its folder cannot take SQLite's journal files.
#[cfg(unix)]
pub(super) fn is_read_only(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let no_write_bit = |m: &std::fs::Metadata| m.permissions().mode() & 0o222 == 0;
    no_write_bit(&meta)
        || std::fs::metadata(dir).is_ok_and(|m| no_write_bit(&m))
        || !may_write(path)
        || !may_write(dir)
}

#[cfg(unix)]
fn may_write(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
        return true;
    };
    // SAFETY: access(2) reads a NUL-terminated path we own and has no other effect.
    unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
}

/// SQLite reports a full disk met while growing its shared-memory file as "disk I/O error";
/// when the register's disk has no space left, say that instead.
pub(super) fn name_a_full_disk(e: StoreError, path: &Path) -> StoreError {
    let io_error = matches!(&e, StoreError::Sqlite(s)
        if s.sqlite_error_code() == Some(rusqlite::ErrorCode::SystemIoFailure));
    if io_error && no_space_left(path) {
        StoreError::DiskFull
    } else {
        e
    }
}

#[cfg(unix)]
fn no_space_left(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(c) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: a zeroed statvfs is a valid value for statvfs(2) to fill in.
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: statvfs(2) reads a NUL-terminated path we own and writes only `st`.
    unsafe { libc::statvfs(c.as_ptr(), &mut st) == 0 && st.f_bavail == 0 }
}

#[cfg(not(unix))]
fn no_space_left(_path: &Path) -> bool {
    false
}

#[cfg(not(unix))]
pub(super) fn is_read_only(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly())
}

#[cfg(not(unix))]
pub(super) fn prepare(_path: &Path) -> Result<Option<String>> {
    Ok(None)
}
