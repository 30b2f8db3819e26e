//! Files that leave or enter the register: exports, the NHS England returns, and imports.

pub mod actions;
pub mod export;
pub mod import;
pub mod pseudonymise;
pub mod returns;
pub mod review;

use std::fs::File;
use std::path::Path;

/// Create (or truncate) `path` readable and writable by its owner only: exports hold special-category
/// health data. An existing file with looser permissions is tightened before anything is written.
pub fn create_private(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        let file = options.open(path)?;
        if file.metadata()?.permissions().mode() & 0o077 != 0 {
            file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        }
        Ok(file)
    }
    #[cfg(not(unix))]
    {
        options.open(path)
    }
}
