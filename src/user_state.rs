//! What one user leaves behind on one register between sessions, kept in their per-user state
//! directory (`~/.local/state/dsr` on Linux): where they were (pane, filters, selection, the
//! review open in the wizard) and any typed input a hang-up (SIGHUP, SIGTERM) cut short.
//!
//! The file holds what was typed about people, so it is treated like the register: owner-only
//! (0600) in an owner-only directory, written to a new file and renamed into place (a crash
//! leaves the old file or the new one, never half of either), and never read or written through
//! a symbolic link someone planted at its name. One file per register and user.

use chrono::{DateTime, Utc};
use color_eyre::eyre::{Result, WrapErr, bail};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The per-user state directory, or None without a home directory.
pub fn default_dir() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("uk.nhs", "dsr", "dsr")?;
    // Only Linux has a state directory; elsewhere local data is the nearest.
    Some(
        dirs.state_dir()
            .map_or_else(|| dirs.data_local_dir().join("state"), Path::to_path_buf),
    )
}

/// Where one user was on one register when they left.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// The pane's title ("Register", "Reviews", ...).
    pub pane: String,
    pub register: RegisterPlace,
    /// A draft review open in the wizard.
    pub review: Option<i64>,
}

/// The register list as it was left.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RegisterPlace {
    pub query: String,
    /// B, R, A, G ticked.
    pub ratings: [bool; 4],
    pub keyworker: Option<String>,
    pub overdue_review: bool,
    pub transition: bool,
    pub archived: bool,
    pub to_complete: bool,
    /// The consent filter was on (who it lists is worked out again on return).
    pub consent: bool,
    /// The sort's label ("severity", "name", ...).
    pub sort: String,
    /// The selected person.
    pub selected: Option<i64>,
    /// The person whose card was open.
    pub card: Option<i64>,
}

/// Typed input in a form or dialog that was open when the session was cut off.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypedDraft {
    /// The pane's title.
    pub pane: String,
    /// The action that opened the dialog, by its stable key-table name ("add", "rerate", ...).
    pub action: String,
    /// The person it was about, and whether their card was open.
    pub person: Option<i64>,
    pub on_card: bool,
    /// The records it acted on (the actions marked for a triage step).
    #[serde(default)]
    pub records: Vec<i64>,
    /// The dialog's title, to name it when offering it back.
    pub title: String,
    /// Each item by its field name.
    pub values: Vec<(String, FieldValue)>,
    pub saved_at: DateTime<Utc>,
}

/// One item's value. Choices are kept by their label, not position, so a lookup list that
/// changed meanwhile cannot turn one answer into another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum FieldValue {
    Text(String),
    Choice(Option<String>),
    Checks(Vec<String>),
}

/// Everything kept for one user on one register.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UserState {
    /// The register and the user, so a file is never applied to another (names are hashed).
    pub register: String,
    pub user: String,
    pub place: Option<Place>,
    pub draft: Option<TypedDraft>,
}

/// The state file of one user on one register, inside `dir`.
#[derive(Debug, Clone)]
pub struct StateFile {
    dir: PathBuf,
    path: PathBuf,
    register: String,
    user: String,
}

impl StateFile {
    /// The file for `user` on the register at `register` (its canonical path, so two spellings of
    /// one file share a state).
    pub fn new(dir: &Path, register: &Path, user: &str) -> StateFile {
        let register = std::fs::canonicalize(register)
            .unwrap_or_else(|_| register.to_path_buf())
            .display()
            .to_string();
        let mut h = Sha256::new();
        h.update(register.as_bytes());
        h.update([0]);
        h.update(user.as_bytes());
        let name: String = h.finalize()[..12]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        StateFile {
            dir: dir.to_path_buf(),
            path: dir.join(format!("{name}.json")),
            register,
            user: user.to_string(),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// An empty state for this register and user.
    pub fn blank(&self) -> UserState {
        UserState {
            register: self.register.clone(),
            user: self.user.clone(),
            ..UserState::default()
        }
    }

    /// What was kept, or None when nothing was. A file for another register or user (a hash
    /// collision, a copied file) counts as nothing.
    pub fn load(&self) -> Result<Option<UserState>> {
        let Some(text) = read_no_follow(&self.path)
            .wrap_err_with(|| format!("cannot read {}", self.path.display()))?
        else {
            return Ok(None);
        };
        let state: UserState = serde_json::from_str(&text)
            .wrap_err_with(|| format!("{} is not a dsr state file", self.path.display()))?;
        Ok((state.register == self.register && state.user == self.user).then_some(state))
    }

    /// Keep `state` (or remove the file when it holds nothing).
    pub fn save(&self, state: &UserState) -> Result<()> {
        if state.place.is_none() && state.draft.is_none() {
            return match std::fs::remove_file(&self.path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    Err(e).wrap_err_with(|| format!("cannot remove {}", self.path.display()))
                }
                _ => Ok(()),
            };
        }
        let state = UserState {
            register: self.register.clone(),
            user: self.user.clone(),
            ..state.clone()
        };
        let json = serde_json::to_vec_pretty(&state).wrap_err("cannot encode the state")?;
        private_dir(&self.dir)?;
        // A new file (created owner-only, never an existing name) renamed over the old one: the
        // rename replaces whatever is at the name, a planted link included, without following it.
        let mut tmp = tempfile::Builder::new()
            .prefix(".state-")
            .tempfile_in(&self.dir)
            .wrap_err_with(|| format!("cannot write in {}", self.dir.display()))?;
        tmp.write_all(&json)
            .and_then(|()| tmp.as_file().sync_all())
            .wrap_err_with(|| format!("cannot write in {}", self.dir.display()))?;
        tmp.persist(&self.path)
            .wrap_err_with(|| format!("cannot write {}", self.path.display()))?;
        Ok(())
    }
}

/// Create `dir` owner-only if it is missing; refuse one that is a link or that others can write.
fn private_dir(dir: &Path) -> Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .wrap_err_with(|| format!("cannot create {}", dir.display()))?;
    let meta = std::fs::symlink_metadata(dir)
        .wrap_err_with(|| format!("cannot read {}", dir.display()))?;
    if meta.file_type().is_symlink() || !meta.is_dir() {
        bail!(
            "{} is not a plain folder (a link?): nothing kept there",
            dir.display()
        );
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        // SAFETY: getuid has no preconditions and cannot fail.
        let me = unsafe { libc::getuid() };
        if meta.uid() != me || meta.permissions().mode() & 0o022 != 0 {
            bail!(
                "{} belongs to someone else or others can write in it: nothing kept there",
                dir.display()
            );
        }
    }
    Ok(())
}

/// The text of the regular file at `path`, opened without following a link; None when missing.
fn read_no_follow(path: &Path) -> std::io::Result<Option<String>> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let mut file = match options.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    let mut text = String::new();
    file.read_to_string(&mut text)?;
    Ok(Some(text))
}

#[cfg(all(test, unix))]
mod tests;
