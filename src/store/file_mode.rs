//! Who may read the register file. It holds special-category health data, so it is owner-only
//! (0600), with one exception for a team register: group read/write bits are kept when the folder
//! it sits in is a team folder (open to its group, closed to everyone else), which is how a team
//! shares a register in a group-owned folder (`chgrp team dir; chmod 2770 dir`). Bits for "other" are
//! always removed, and the person opening it is told once. A file that exists but is not a SQLite
//! database is refused before anything about it is changed.

use super::{Result, StoreError};
use std::path::Path;

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Make `path` ready for SQLite: create it owner-only, or check and tighten an existing one.
/// Returns what to tell the user when permissions were changed.
#[cfg(unix)]
pub(super) fn prepare(path: &Path) -> Result<Option<String>> {
    use std::io::Read;
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
    let mut head = Vec::with_capacity(16);
    (&mut file)
        .take(16)
        .read_to_end(&mut head)
        .map_err(io(format!("cannot read {}", path.display())))?;
    if !head.is_empty() && head.as_slice() != SQLITE_HEADER {
        return Err(StoreError::Invalid(format!(
            "{} is not a dsr register (not a SQLite database); it was left as it was. Check the --db path",
            path.display()
        )));
    }
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

#[cfg(not(unix))]
pub(super) fn prepare(_path: &Path) -> Result<Option<String>> {
    Ok(None)
}
