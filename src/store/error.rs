//! Store errors worded for the person at the keyboard: each says what happened and what to do.

use rusqlite::ErrorCode;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "{what} was changed by someone else since you opened it; nothing was saved. Reload it (Esc, then reopen) and make your change again"
    )]
    Stale { what: String },
    /// Someone else's session is editing the field (a field lease).
    #[error(
        "{what} is being edited by {who} since {}; nothing was saved. Wait until they move on, or ask them",
        crate::store::time_of_day(.since)
    )]
    Held {
        what: String,
        who: String,
        since: String,
    },
    #[error("{0}")]
    Duplicate(String),
    #[error("{0}")]
    Invalid(String),
    /// A register rule refused the change; the UI words it and focuses its field.
    #[error("{0}")]
    Rule(#[from] crate::domain::rules::RuleViolation),
    /// Finalising a review was refused; every missing item is listed with its section.
    #[error("cannot finalise yet: {}", list(.0))]
    CannotFinalise(Vec<crate::domain::finalise::Missing>),
    #[error("{what} was not found; it may have been removed by someone else")]
    NotFound { what: String },
    #[error(
        "the register is busy: another user or process holds a lock on it. Nothing was saved; try again in a moment"
    )]
    Locked,
    #[error("the disk is full: nothing was saved. Free some space and try again")]
    DiskFull,
    #[error(
        "the register is read-only (its file or folder cannot be written): nothing was saved. Ask whoever looks after it for write access"
    )]
    ReadOnly,
    #[error(
        "this register was written by a newer dsr (schema version {found}, this build knows {known}); update dsr"
    )]
    TooNew { found: i64, known: i64 },
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Locked,
            Some(ErrorCode::DiskFull) => StoreError::DiskFull,
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly,
            _ => StoreError::Sqlite(e),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

fn list(items: &[crate::domain::finalise::Missing]) -> String {
    items
        .iter()
        .map(|m| m.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}
