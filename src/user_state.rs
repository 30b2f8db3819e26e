//! What one user leaves behind on one register between sessions, kept in their per-user state
//! directory (`~/.local/state/dsr` on Linux): where they were (pane, filters, selection, the
//! review open in the wizard) and any typed input a hang-up (SIGHUP, SIGTERM) cut short.
//!
//! The file holds what was typed about people, so it is treated like the register: owner-only
//! (0600) in an owner-only directory, written to a new file and renamed into place (a crash
//! leaves the old file or the new one, never half of either), and never read or written through
//! a symbolic link someone planted at its name. One file per register and user for the place, and
//! one per cut-off form, so two sessions of one user (two terminals) never overwrite each other's
//! kept typing.

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

/// What one file holds: a place or a draft, with the register and user it belongs to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UserState {
    /// The register and the user, so a file is never applied to another (names are hashed).
    pub register: String,
    pub user: String,
    pub place: Option<Place>,
    pub draft: Option<TypedDraft>,
}

/// What a session leaves for the next: where it was, typing it was cut off in, and the kept
/// drafts it took back or discarded (their files go).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Leaving {
    pub place: Option<Place>,
    pub draft: Option<TypedDraft>,
    pub taken: Vec<PathBuf>,
}

/// A kept draft and the file it is in (to remove once it is taken back or discarded).
#[derive(Debug, Clone, PartialEq)]
pub struct KeptDraft {
    pub file: PathBuf,
    pub draft: TypedDraft,
}

/// Everything kept for one user on one register.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Kept {
    pub place: Option<Place>,
    /// Oldest first.
    pub drafts: Vec<KeptDraft>,
}

/// The state files of one user on one register, inside `dir`.
#[derive(Debug, Clone)]
pub struct StateFile {
    dir: PathBuf,
    /// The hash that starts every file name of this register and user.
    stem: String,
    register: String,
    user: String,
}

impl StateFile {
    /// The files for `user` on the register at `register` (its canonical path, so two spellings
    /// of one file share a state).
    pub fn new(dir: &Path, register: &Path, user: &str) -> StateFile {
        let register = std::fs::canonicalize(register)
            .unwrap_or_else(|_| register.to_path_buf())
            .display()
            .to_string();
        let mut h = Sha256::new();
        h.update(register.as_bytes());
        h.update([0]);
        h.update(user.as_bytes());
        let stem: String = h.finalize()[..12]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        StateFile {
            dir: dir.to_path_buf(),
            stem,
            register,
            user: user.to_string(),
        }
    }

    /// The file that keeps the place.
    pub fn path(&self) -> PathBuf {
        self.dir.join(format!("{}.json", self.stem))
    }

    /// What was kept. A file for another register or user (a hash collision, a copied file)
    /// counts as nothing.
    pub fn load(&self) -> Result<Kept> {
        let place = self.read(&self.path())?.and_then(|s| s.place);
        let prefix = format!("{}-draft-", self.stem);
        let mut drafts = Vec::new();
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Kept { place, drafts });
            }
            Err(e) => {
                return Err(e).wrap_err_with(|| format!("cannot read {}", self.dir.display()));
            }
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !(name.starts_with(&prefix) && name.ends_with(".json")) {
                continue;
            }
            let file = entry.path();
            if let Some(draft) = self.read(&file)?.and_then(|s| s.draft) {
                drafts.push(KeptDraft { file, draft });
            }
        }
        drafts.sort_by_key(|d| d.draft.saved_at);
        Ok(Kept { place, drafts })
    }

    fn read(&self, path: &Path) -> Result<Option<UserState>> {
        let Some(text) =
            read_no_follow(path).wrap_err_with(|| format!("cannot read {}", path.display()))?
        else {
            return Ok(None);
        };
        let state: UserState = serde_json::from_str(&text)
            .wrap_err_with(|| format!("{} is not a dsr state file", path.display()))?;
        Ok((state.register == self.register && state.user == self.user).then_some(state))
    }

    /// Keep where the user is (or forget it, with None).
    pub fn save_place(&self, place: Option<&Place>) -> Result<()> {
        match place {
            Some(p) => self.write(
                &self.path(),
                &UserState {
                    place: Some(p.clone()),
                    ..self.blank()
                },
            ),
            None => remove(&self.path()),
        }
    }

    /// Keep typing cut off in a form, in a file of its own.
    pub fn keep_draft(&self, draft: &TypedDraft) -> Result<PathBuf> {
        let file = self.dir.join(format!(
            "{}-draft-{}-{}.json",
            self.stem,
            draft.saved_at.timestamp_micros(),
            std::process::id()
        ));
        self.write(
            &file,
            &UserState {
                draft: Some(draft.clone()),
                ..self.blank()
            },
        )?;
        Ok(file)
    }

    /// Forget a kept draft (taken back or discarded). Only files of this register and user.
    pub fn drop_draft(&self, file: &Path) -> Result<()> {
        let ours = file.parent() == Some(self.dir.as_path())
            && file
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(&self.stem));
        if ours { remove(file) } else { Ok(()) }
    }

    fn blank(&self) -> UserState {
        UserState {
            register: self.register.clone(),
            user: self.user.clone(),
            ..UserState::default()
        }
    }

    fn write(&self, path: &Path, state: &UserState) -> Result<()> {
        let json = serde_json::to_vec_pretty(state).wrap_err("cannot encode the state")?;
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
        tmp.persist(path)
            .wrap_err_with(|| format!("cannot write {}", path.display()))?;
        Ok(())
    }
}

fn remove(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(e).wrap_err_with(|| format!("cannot remove {}", path.display()))
        }
        _ => Ok(()),
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
