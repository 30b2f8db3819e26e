//! Whether anyone else has the register open. Every SQLite connection to a WAL database holds a
//! shared lock on the "DMS" byte of the `-shm` file (byte 128 on Unix, as SQLite's WAL file format
//! documents) for as long as it is open, so asking the kernel who would block an exclusive lock
//! there answers "who has it open", with their process id.
//!
//! Call it only while this process has no connection to the file: closing any descriptor of a
//! file drops this process's POSIX locks on it, including SQLite's.

use std::path::Path;

/// Byte of the `-shm` file every open connection holds a shared lock on.
#[cfg(unix)]
const DMS_LOCK_BYTE: i64 = 128;

/// Someone who has the register open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub pid: u32,
    /// Their login name and program, when the system says.
    pub who: Option<String>,
}

impl std::fmt::Display for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.who {
            Some(w) => write!(f, "{w} (process {})", self.pid),
            None => write!(f, "process {}", self.pid),
        }
    }
}

/// The first other process found holding `db` open, if any.
#[cfg(unix)]
pub fn open_elsewhere(db: &Path) -> std::io::Result<Option<Holder>> {
    use std::os::fd::AsRawFd;
    let shm = std::path::PathBuf::from(format!("{}-shm", db.display()));
    let file = match std::fs::File::open(&shm) {
        Ok(f) => f,
        // No shared-memory file: nobody has it open in WAL mode.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    // SAFETY: a zeroed flock is a valid value; the fields that matter are set below.
    let mut lock: libc::flock = unsafe { std::mem::zeroed() };
    lock.l_type = libc::F_WRLCK as _;
    lock.l_whence = libc::SEEK_SET as _;
    lock.l_start = DMS_LOCK_BYTE as _;
    lock.l_len = 1;
    // SAFETY: F_GETLK reads and writes only the flock passed, on a descriptor we own.
    if unsafe { libc::fcntl(file.as_raw_fd(), libc::F_GETLK, &mut lock) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    if i32::from(lock.l_type) == libc::F_UNLCK {
        return Ok(None);
    }
    let pid = lock.l_pid as u32;
    Ok(Some(Holder {
        pid,
        who: describe(pid),
    }))
}

#[cfg(not(unix))]
pub fn open_elsewhere(_db: &Path) -> std::io::Result<Option<Holder>> {
    Ok(None)
}

/// "login, program" from /proc and /etc/passwd, where the system has them.
#[cfg(unix)]
fn describe(pid: u32) -> Option<String> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let program = std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .map(|c| c.trim().to_string())
        .unwrap_or_default();
    let uid = status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))?
        .split_whitespace()
        .next()?
        .to_string();
    let login = std::fs::read_to_string("/etc/passwd")
        .ok()
        .and_then(|p| {
            p.lines().find_map(|l| {
                let f: Vec<&str> = l.split(':').collect();
                (f.len() > 2 && f[2] == uid).then(|| f[0].to_string())
            })
        })
        .unwrap_or_else(|| format!("uid {uid}"));
    Some(if program.is_empty() {
        login
    } else {
        format!("{login}, {program}")
    })
}
