//! The register's SQLite file: opening it safely, migrations, and one module per aggregate.
//! Every write goes through [`Store::write`], which runs it in one transaction with its audit rows.

pub mod actions;
pub mod admissions;
pub mod audit;
pub mod backup;
pub mod bulk;
pub mod changes;
pub mod check;
pub mod consent;
pub mod dashboard;
pub mod error;
mod file_mode;
pub mod import;
pub mod journey;
pub mod meta;
pub mod migrations;
pub mod names;
pub mod people;
pub mod presence;
pub mod reports;
pub mod requests;
pub mod reviews;
pub mod schedule;
pub mod settings;
pub mod timeline;

pub use error::{Result, StoreError};

use chrono::{SecondsFormat, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, params};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a write waits for another user's transaction before reporting the register busy.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

pub struct Store {
    conn: Connection,
    path: PathBuf,
    user: String,
    /// The operating-system account running this process, recorded beside `user` (which anyone
    /// can set with `--user`), so the trail always shows who really made a change.
    os_user: String,
    notice: Option<String>,
    /// Opened read-only (the file or its folder cannot be written): every write is refused.
    read_only: bool,
    /// This process's connection, told apart from the same person's other windows: a field
    /// lease belongs to one session, not to a name.
    session: String,
    /// When this session last told the register its field leases are still in use.
    heartbeat: std::time::Instant,
}

/// Whether anyone's next dates still need working out: asked at every launch, so it is answered
/// from the `person_unscheduled` index, empty once everyone is scheduled.
pub(crate) const UNSCHEDULED_SQL: &str =
    "SELECT EXISTS (SELECT 1 FROM person WHERE register_review_due IS NULL)";

impl Store {
    /// Open (creating if needed) the register at `path` as `user`, owner-only, WAL, foreign keys on,
    /// migrated to the current schema.
    /// A register that cannot be written is opened read-only instead (see [`Store::is_read_only`]).
    pub fn open(path: &Path, user: &str) -> Result<Store> {
        if file_mode::is_read_only(path) {
            return Self::open_read_only(path, user);
        }
        let notice = file_mode::prepare(path)?;
        let opened = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(StoreError::from)
        .and_then(|conn| Self::from_connection(conn, path, user));
        let mut store = opened.map_err(|e| file_mode::name_a_full_disk(e, path))?;
        store.notice = notice;
        Ok(store)
    }

    /// Read a register that cannot be written, changing nothing: no migration, no permission
    /// change, no audit rows (so what is opened is not recorded: there is nowhere to record it).
    fn open_read_only(path: &Path, user: &str) -> Result<Store> {
        file_mode::check_read_only(path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let (conn, found) = match migrations::schema_version(&conn) {
            Ok(found) => (conn, found),
            // SQLite cannot create the shared-memory file beside a WAL register in a folder it
            // may not write. With no write-ahead log either, nobody can be writing to it, so the
            // file alone is the whole register: read it as an unchanging file.
            Err(e) if !wal_path(path).exists() => {
                drop(e);
                let uri = format!("file:{}?immutable=1", uri_path(path));
                let conn = Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)?;
                let found = migrations::schema_version(&conn)?;
                (conn, found)
            }
            Err(e) => return Err(e),
        };
        if found > migrations::SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                found,
                known: migrations::SCHEMA_VERSION,
            });
        }
        if found < migrations::SCHEMA_VERSION {
            return Err(StoreError::Invalid(format!(
                "{} is read-only and was written by an older dsr (schema version {found}, this build {}); open it once with write access so it can be brought up to date",
                path.display(),
                migrations::SCHEMA_VERSION
            )));
        }
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            user: user.to_string(),
            os_user: crate::clock::os_user(),
            session: new_session(),
            heartbeat: std::time::Instant::now(),
            notice: Some(format!(
                "{} is read-only: you can read it but not change it, and what you open is not recorded in its audit trail",
                path.display()
            )),
            read_only: true,
        })
    }

    /// Whether this register was opened read-only: its file has no write permission for anyone
    /// (made read-only on purpose), or this account cannot write the file or its folder.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Something the person opening the register should be told once (its permissions were
    /// tightened).
    pub fn open_notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    fn from_connection(mut conn: Connection, path: &Path, user: &str) -> Result<Store> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "foreign_keys", true)?;
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Invalid(format!(
                "could not switch {} to WAL mode (got {mode}); is it on a network share?",
                path.display()
            )));
        }
        // NORMAL in WAL mode survives a killed process or a dropped session (the wizard's promise);
        // only power loss can drop the last commits, and FULL would cost an fsync per keystroke.
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        migrations::migrate(&mut conn)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            user: user.to_string(),
            os_user: crate::clock::os_user(),
            notice: None,
            read_only: false,
            session: new_session(),
            heartbeat: std::time::Instant::now(),
        };
        // Bursts left open by a process that was killed or walked away from reach the trail now.
        if audit::any_bursts(&store.conn)? {
            store.write(|w| audit::end_idle_bursts(&w.tx, &w.chain, &w.at))?;
        }
        // A register first opened by this version gets everyone's next dates worked out once.
        let unscheduled: bool = store.conn.query_row(UNSCHEDULED_SQL, [], |r| r.get(0))?;
        if unscheduled {
            store.write(|w| schedule::backfill(w))?;
        }
        Ok(store)
    }

    /// How long a write waits for another user's lock before reporting the register busy.
    pub fn set_busy_timeout(&self, timeout: Duration) -> Result<()> {
        Ok(self.conn.busy_timeout(timeout)?)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn user(&self) -> &str {
        &self.user
    }

    /// This process's connection, told apart from the same person's other windows.
    pub fn session(&self) -> &str {
        &self.session
    }

    /// Tell the register this session is still here, so the fields it is editing stay leased
    /// to it (see `reviews::lease`). Called whenever the app is idle; writes at most every few
    /// seconds, and only when this session holds a lease.
    pub fn keep_leases_alive(&mut self) -> Result<()> {
        if self.read_only || self.heartbeat.elapsed() < reviews::HEARTBEAT_EVERY {
            return Ok(());
        }
        self.heartbeat = std::time::Instant::now();
        if reviews::holds_leases(&self.conn, &self.session)? {
            self.write(|w| reviews::heartbeat(w))?;
        }
        Ok(())
    }

    pub fn os_user(&self) -> &str {
        &self.os_user
    }

    /// Record that the user opened `what` (e.g. a person's card) of `entity` `id`: an access row.
    /// A read-only register has nowhere to record it (its opening notice says so).
    pub fn record_access(&mut self, entity: &str, id: i64, what: &str) -> Result<()> {
        if self.read_only {
            return Ok(());
        }
        self.write(|w| w.access(entity, id, what))
    }

    /// End this user's editing bursts now (they left the review): the trail gets their rows.
    pub fn end_editing(&mut self) -> Result<()> {
        self.write(|w| w.end_editing())
    }

    /// Read-only access for queries.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// One IMMEDIATE transaction with the audit context every write carries (who, when, the chain).
    fn begin(&mut self) -> Result<Writer<'_>> {
        if self.read_only {
            return Err(StoreError::ReadOnly);
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        Ok(Writer {
            tx,
            session: &self.session,
            user: &self.user,
            os_user: &self.os_user,
            at: now_stamp(),
            chain: audit::Chain::default(),
        })
    }

    /// Run `f` in one IMMEDIATE transaction: all its changes and audit rows land together or not at all.
    pub fn write<T>(&mut self, f: impl FnOnce(&mut Writer) -> Result<T>) -> Result<T> {
        let mut w = self.begin()?;
        let out = f(&mut w)?;
        w.tx.commit()?;
        Ok(out)
    }

    /// Run `f` as [`Store::write`] does, then roll everything back: a dry run that meets every rule
    /// a real write would (duplicates, lookups, versions) and leaves the file untouched.
    pub fn dry_run<T>(&mut self, f: impl FnOnce(&mut Writer) -> Result<T>) -> Result<T> {
        let mut w = self.begin()?;
        let out = f(&mut w);
        // `finish` rolls back, unless SQLite already ended the transaction itself (a full disk
        // or an I/O error can); then the error from `f` says why.
        w.tx.finish()?;
        out
    }

    /// Run `f` in one IMMEDIATE transaction and keep its changes only when it returns `true`
    /// with its value: a trial and a commit in one pass, so the write lock is taken once.
    pub fn write_or_discard<T>(
        &mut self,
        f: impl FnOnce(&mut Writer) -> Result<(T, bool)>,
    ) -> Result<T> {
        let mut w = self.begin()?;
        let (out, keep) = f(&mut w)?;
        if keep {
            w.tx.commit()?;
        } else {
            w.tx.finish()?;
        }
        Ok(out)
    }

    /// `PRAGMA integrity_check` and foreign key check; returns the problems found (empty when sound).
    pub fn integrity_problems(&self) -> Result<Vec<String>> {
        let mut out = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let row = row?;
            if row != "ok" {
                out.push(row);
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        for row in stmt.query_map([], |r| {
            Ok(format!(
                "foreign key broken in {}: row {}",
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?
            ))
        })? {
            out.push(row?);
        }
        Ok(out)
    }

    pub fn schema_version(&self) -> Result<i64> {
        migrations::schema_version(&self.conn)
    }

    /// Changes whenever another connection commits to the file (PRAGMA data_version).
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Copy everything from the write-ahead log into the main file and empty the log, so the file
    /// alone holds the whole register (before it is moved or copied).
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    pub fn journal_mode(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))?)
    }

    /// Rows in a table, for `dsr check`.
    pub fn count(&self, table: &str) -> Result<i64> {
        Ok(self.conn.query_row(
            &format!("SELECT count(*) FROM \"{}\"", table.replace('"', "")),
            [],
            |r| r.get(0),
        )?)
    }
}

/// A transaction in progress, which knows who is writing and when.
pub struct Writer<'a> {
    pub(crate) tx: Transaction<'a>,
    session: &'a str,
    user: &'a str,
    os_user: &'a str,
    at: String,
    chain: audit::Chain,
}

impl Writer<'_> {
    pub fn user(&self) -> &str {
        self.user
    }
    /// This process's session (see [`Store::session`]).
    pub fn session(&self) -> &str {
        self.session
    }
    pub fn at(&self) -> &str {
        &self.at
    }
    /// The date of this write (UTC), for rules that must not count what has not happened yet.
    pub fn today(&self) -> chrono::NaiveDate {
        chrono::NaiveDate::parse_from_str(self.at.get(..10).unwrap_or(""), "%Y-%m-%d")
            .unwrap_or_else(|_| Utc::now().date_naive())
    }
    pub fn tx(&self) -> &Transaction<'_> {
        &self.tx
    }

    fn typist(&self) -> audit::Typist<'_> {
        audit::Typist {
            by_user: self.user,
            os_user: self.os_user,
        }
    }

    fn append(
        &self,
        kind: audit::Kind,
        entity: &str,
        entity_id: i64,
        field: &str,
        old: Option<&str>,
        new: Option<&str>,
    ) -> Result<()> {
        self.chain.append(
            &self.tx,
            &audit::Entry {
                at: &self.at,
                by_user: self.user,
                os_user: Some(self.os_user),
                kind,
                entity,
                entity_id,
                field,
                old,
                new,
            },
        )
    }

    /// Record one changed field in the audit trail. Any text this user was typing is done with,
    /// so its burst is written first and the trail reads in the order things happened.
    pub fn audit(
        &self,
        entity: &str,
        entity_id: i64,
        field: &str,
        old: Option<&str>,
        new: Option<&str>,
    ) -> Result<()> {
        audit::end_bursts(&self.tx, &self.chain, self.typist(), None)?;
        self.append(audit::Kind::Change, entity, entity_id, field, old, new)
    }

    /// Record one edit of free text saved as it is typed: one audit row per field per editing
    /// burst, holding the text before the burst and after it.
    pub fn audit_edit(
        &self,
        entity: &str,
        entity_id: i64,
        field: &str,
        old: Option<&str>,
        new: Option<&str>,
    ) -> Result<()> {
        audit::edit(
            &self.tx,
            &self.chain,
            self.typist(),
            &self.at,
            entity,
            entity_id,
            field,
            old,
            new,
        )
    }

    /// End this user's editing bursts (they moved to another field or left the review).
    pub fn end_editing(&self) -> Result<()> {
        audit::end_bursts(&self.tx, &self.chain, self.typist(), None)
    }

    /// Record that this user opened `what` of `entity` `entity_id` (reads are audited too).
    pub fn access(&self, entity: &str, entity_id: i64, what: &str) -> Result<()> {
        self.append(audit::Kind::Access, entity, entity_id, what, None, None)
    }

    /// Bump a row's version if it is still the one the caller read, or report a stale write naming `what`.
    pub fn claim_version(&self, table: &str, id: i64, expected: i64, what: &str) -> Result<()> {
        let sql =
            format!("UPDATE \"{table}\" SET version = version + 1 WHERE id = ?1 AND version = ?2");
        if self.tx.execute(&sql, params![id, expected])? == 1 {
            return Ok(());
        }
        let exists: Option<i64> = self
            .tx
            .query_row(
                &format!("SELECT version FROM \"{table}\" WHERE id = ?1"),
                [id],
                |r| r.get(0),
            )
            .optional()?;
        Err(match exists {
            Some(_) => StoreError::Stale {
                what: what.to_string(),
            },
            None => StoreError::NotFound {
                what: what.to_string(),
            },
        })
    }
}

/// Run a cached query and collect every row through `map`: the one way the store reads lists.
pub(crate) fn collect<T, P: rusqlite::Params>(
    conn: &Connection,
    sql: &str,
    params: P,
    map: impl FnMut(&rusqlite::Row) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt
        .query_map(params, map)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Read the one row `sql` selects, or report `what` (the record, in words) as not found.
pub(crate) fn one<T, P: rusqlite::Params>(
    conn: &Connection,
    sql: &str,
    params: P,
    map: impl FnOnce(&rusqlite::Row) -> rusqlite::Result<T>,
    what: impl FnOnce() -> String,
) -> Result<T> {
    conn.prepare_cached(sql)?
        .query_row(params, map)
        .optional()?
        .ok_or_else(|| StoreError::NotFound { what: what() })
}

/// A session id no other process sharing the register will in practice have: the process id and
/// the moment it started, to the nanosecond.
fn new_session() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{}-{nanos}", std::process::id())
}

/// SQLite's write-ahead log beside the register.
fn wal_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push("-wal");
    PathBuf::from(name)
}

/// `path` for a `file:` URI: characters URIs give meaning to are percent-encoded.
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' | ' ' => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// "10:42": a stored timestamp as the local time of day staff read it in.
pub fn time_of_day(stamp: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(stamp).map_or_else(
        |_| stamp.to_string(),
        |t| t.with_timezone(&chrono::Local).format("%H:%M").to_string(),
    )
}

/// Audit timestamps: UTC, second precision, RFC 3339.
pub fn now_stamp() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true)
}
