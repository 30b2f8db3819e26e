//! The audit trail: append-only, hash-chained, one row per field per editing burst.
//!
//! Every row carries a SHA-256 over its own content and the previous row's hash, computed inside
//! the writing transaction (which is IMMEDIATE, so two processes appending take turns and the chain
//! never forks). Free text typed in the wizard is saved on every keystroke, but audited as one row
//! per field per editing burst: the burst is kept in `audit_burst` (a working table, not the trail)
//! and written to the trail, with the text before and after, when the writer moves to another field
//! or another kind of change, leaves the review, or after a minute without typing.

use super::error::Result;
use chrono::DateTime;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use sha2::{Digest, Sha256};
use std::cell::RefCell;

/// A burst ends after this long without an edit to its field.
pub const BURST_IDLE_SECS: i64 = 60;

/// The triggers that keep the trail append-only and sealed; `dsr check` insists on each.
pub const TRIGGERS: &[&str] = &["audit_no_update", "audit_no_delete", "audit_sealed"];

/// What a row records: a change to the register, or someone reading a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Change,
    Access,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Change => "change",
            Kind::Access => "access",
        }
    }

    pub fn from_code(code: &str) -> Option<Kind> {
        [Kind::Change, Kind::Access]
            .into_iter()
            .find(|k| k.code() == code)
    }
}

/// One row of the trail as written (everything the hash covers except the previous hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'a> {
    pub at: &'a str,
    pub by_user: &'a str,
    pub os_user: Option<&'a str>,
    pub kind: Kind,
    pub entity: &'a str,
    pub entity_id: i64,
    pub field: &'a str,
    pub old: Option<&'a str>,
    pub new: Option<&'a str>,
}

/// The hash of row `id` holding `e`, chained to `prev` (empty for the first row). Each part is
/// length-prefixed so that moving text from one field to the next changes the hash.
fn row_hash(prev: &str, id: i64, e: &Entry) -> String {
    let mut h = Sha256::new();
    let mut part = |p: Option<&[u8]>| match p {
        None => h.update([0u8]),
        Some(b) => {
            h.update([1u8]);
            h.update((b.len() as u64).to_le_bytes());
            h.update(b);
        }
    };
    part(Some(prev.as_bytes()));
    part(Some(id.to_string().as_bytes()));
    part(Some(e.at.as_bytes()));
    part(Some(e.by_user.as_bytes()));
    part(e.os_user.map(str::as_bytes));
    part(Some(e.kind.code().as_bytes()));
    part(Some(e.entity.as_bytes()));
    part(Some(e.entity_id.to_string().as_bytes()));
    part(Some(e.field.as_bytes()));
    part(e.old.map(str::as_bytes));
    part(e.new.map(str::as_bytes));
    let digest = h.finalize();
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The last row's id and hash, read once per transaction and then carried forward.
#[derive(Debug, Default)]
pub(crate) struct Chain {
    head: RefCell<Option<(i64, String)>>,
}

impl Chain {
    /// Append `e` to the trail in `tx`, chained to the row before it.
    pub(crate) fn append(&self, tx: &Transaction, e: &Entry) -> Result<()> {
        let mut head = self.head.borrow_mut();
        let (last_id, last_hash) = match head.take() {
            Some(h) => h,
            None => tx
                .prepare_cached(
                    "SELECT id, coalesce(hash, '') FROM audit ORDER BY id DESC LIMIT 1",
                )?
                .query_row([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
                .optional()?
                .unwrap_or((0, String::new())),
        };
        let id = last_id + 1;
        let hash = row_hash(&last_hash, id, e);
        tx.prepare_cached(
            "INSERT INTO audit (id, at, by_user, os_user, kind, entity, entity_id, field, old, new, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?
        .execute(params![
            id,
            e.at,
            e.by_user,
            e.os_user,
            e.kind.code(),
            e.entity,
            e.entity_id,
            e.field,
            e.old,
            e.new,
            hash
        ])?;
        *head = Some((id, hash));
        Ok(())
    }
}

/// Who is typing: bursts are per person at the keyboard, so two staff in one draft keep their own.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Typist<'a> {
    pub by_user: &'a str,
    pub os_user: &'a str,
}

fn seconds_between(earlier: &str, later: &str) -> Option<i64> {
    let a = DateTime::parse_from_rfc3339(earlier).ok()?;
    let b = DateTime::parse_from_rfc3339(later).ok()?;
    Some((b - a).num_seconds())
}

struct Burst {
    id: i64,
    by_user: String,
    os_user: String,
    entity: String,
    entity_id: i64,
    field: String,
    last_at: String,
    old: Option<String>,
    new: Option<String>,
}

const BURST_COLUMNS: &str = "id, by_user, os_user, entity, entity_id, field, last_at, old, new";

fn burst_row(r: &rusqlite::Row) -> rusqlite::Result<Burst> {
    Ok(Burst {
        id: r.get(0)?,
        by_user: r.get(1)?,
        os_user: r.get(2)?,
        entity: r.get(3)?,
        entity_id: r.get(4)?,
        field: r.get(5)?,
        last_at: r.get(6)?,
        old: r.get(7)?,
        new: r.get(8)?,
    })
}

/// Write a finished burst to the trail (dated at its last edit) and forget it. A burst that ended
/// where it began (typed, then deleted) changed nothing and leaves no row.
fn close(tx: &Transaction, chain: &Chain, b: &Burst) -> Result<()> {
    tx.prepare_cached("DELETE FROM audit_burst WHERE id = ?1")?
        .execute([b.id])?;
    if b.old == b.new {
        return Ok(());
    }
    chain.append(
        tx,
        &Entry {
            at: &b.last_at,
            by_user: &b.by_user,
            os_user: Some(&b.os_user),
            kind: Kind::Change,
            entity: &b.entity,
            entity_id: b.entity_id,
            field: &b.field,
            old: b.old.as_deref(),
            new: b.new.as_deref(),
        },
    )
}

fn close_all(tx: &Transaction, chain: &Chain, bursts: Vec<Burst>) -> Result<()> {
    for b in &bursts {
        close(tx, chain, b)?;
    }
    Ok(())
}

/// End every burst of `who` (they moved on to something else), except the one on `keep`.
pub(crate) fn end_bursts(
    tx: &Transaction,
    chain: &Chain,
    who: Typist,
    keep: Option<(&str, i64, &str)>,
) -> Result<()> {
    let (ke, kid, kf) = keep.unwrap_or(("", 0, ""));
    let bursts = super::collect(
        tx,
        &format!(
            "SELECT {BURST_COLUMNS} FROM audit_burst
             WHERE by_user = ?1 AND os_user = ?2 AND (entity, entity_id, field) IS NOT (?3, ?4, ?5)
             ORDER BY id"
        ),
        params![who.by_user, who.os_user, ke, kid, kf],
        burst_row,
    )?;
    close_all(tx, chain, bursts)
}

/// End every burst, whoever typed it, that has had no edit for [`BURST_IDLE_SECS`] by `now`
/// (including those of a process that was killed mid-sentence).
pub(crate) fn end_idle_bursts(tx: &Transaction, chain: &Chain, now: &str) -> Result<()> {
    let all = super::collect(
        tx,
        &format!("SELECT {BURST_COLUMNS} FROM audit_burst ORDER BY id"),
        [],
        burst_row,
    )?;
    let idle = all
        .into_iter()
        .filter(|b| seconds_between(&b.last_at, now).is_none_or(|s| s >= BURST_IDLE_SECS))
        .collect();
    close_all(tx, chain, idle)
}

/// Whether any burst is open (so opening the register only writes when there is something to end).
pub(crate) fn any_bursts(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM audit_burst)")?
        .query_row([], |r| r.get(0))?)
}

/// Record one edit of free text `field` as part of the typist's burst on it: the first edit keeps
/// the text before, each later one the text after. A pause of a minute starts a new burst.
#[allow(clippy::too_many_arguments)]
pub(crate) fn edit(
    tx: &Transaction,
    chain: &Chain,
    who: Typist,
    at: &str,
    entity: &str,
    entity_id: i64,
    field: &str,
    old: Option<&str>,
    new: Option<&str>,
) -> Result<()> {
    end_bursts(tx, chain, who, Some((entity, entity_id, field)))?;
    let open = tx
        .prepare_cached(&format!(
            "SELECT {BURST_COLUMNS} FROM audit_burst
             WHERE by_user = ?1 AND os_user = ?2 AND entity = ?3 AND entity_id = ?4 AND field = ?5"
        ))?
        .query_row(
            params![who.by_user, who.os_user, entity, entity_id, field],
            burst_row,
        )
        .optional()?;
    if let Some(b) = &open {
        if seconds_between(&b.last_at, at).is_some_and(|s| s < BURST_IDLE_SECS) {
            tx.prepare_cached("UPDATE audit_burst SET last_at = ?1, new = ?2 WHERE id = ?3")?
                .execute(params![at, new, b.id])?;
            return Ok(());
        }
        close(tx, chain, b)?;
    }
    tx.prepare_cached(
        "INSERT INTO audit_burst (by_user, os_user, entity, entity_id, field, started_at, last_at, old, new)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?8)",
    )?
    .execute(params![
        who.by_user,
        who.os_user,
        entity,
        entity_id,
        field,
        at,
        old,
        new
    ])?;
    Ok(())
}

/// A row as stored, read back to seal or verify it.
struct Stored {
    id: i64,
    at: String,
    by_user: String,
    os_user: Option<String>,
    kind: String,
    entity: String,
    entity_id: i64,
    field: String,
    old: Option<String>,
    new: Option<String>,
    hash: Option<String>,
}

const STORED_SQL: &str =
    "SELECT id, at, by_user, os_user, kind, entity, entity_id, field, old, new, hash
                          FROM audit ORDER BY id";

fn stored(r: &rusqlite::Row) -> rusqlite::Result<Stored> {
    Ok(Stored {
        id: r.get(0)?,
        at: r.get(1)?,
        by_user: r.get(2)?,
        os_user: r.get(3)?,
        kind: r.get(4)?,
        entity: r.get(5)?,
        entity_id: r.get(6)?,
        field: r.get(7)?,
        old: r.get(8)?,
        new: r.get(9)?,
        hash: r.get(10)?,
    })
}

impl Stored {
    fn entry(&self, kind: Kind) -> Entry<'_> {
        Entry {
            at: &self.at,
            by_user: &self.by_user,
            os_user: self.os_user.as_deref(),
            kind,
            entity: &self.entity,
            entity_id: self.entity_id,
            field: &self.field,
            old: self.old.as_deref(),
            new: self.new.as_deref(),
        }
    }
}

/// Give every row written before the trail was chained its hash, in id order (run once, by the
/// migration that introduced the chain, with the append-only triggers briefly lifted). Rows are
/// streamed: an old register may hold millions.
pub(crate) fn seal_existing(tx: &Transaction) -> rusqlite::Result<()> {
    let mut select = tx.prepare(STORED_SQL)?;
    let mut update = tx.prepare("UPDATE audit SET hash = ?1 WHERE id = ?2")?;
    let mut rows = select.query([])?;
    let mut prev = String::new();
    while let Some(r) = rows.next()? {
        let row = stored(r)?;
        prev = row_hash(&prev, row.id, &row.entry(Kind::Change));
        update.execute(params![prev, row.id])?;
    }
    Ok(())
}

/// What `dsr check` found wrong with the trail: a missing trigger, or the first row whose hash
/// does not follow from its content and the row before it (rewritten, deleted before it, or forged).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainProblem {
    MissingTrigger(String),
    Broken { id: i64, why: String },
}

impl std::fmt::Display for ChainProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChainProblem::MissingTrigger(t) => write!(
                f,
                "the audit trigger {t} is missing: the trail is no longer protected from edits"
            ),
            ChainProblem::Broken { id, why } => {
                write!(f, "the audit chain breaks at row {id}: {why}")
            }
        }
    }
}

/// Summary of a sound trail, printed by `dsr check` so the head can be noted elsewhere (a chain
/// alone cannot show rows cut from its end).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainHead {
    pub rows: i64,
    pub last_id: i64,
    pub hash: String,
}

/// Check the triggers and walk the whole chain; the problems found (empty when sound) and the head.
pub fn verify(conn: &Connection) -> Result<(Vec<ChainProblem>, ChainHead)> {
    let mut problems = Vec::new();
    for t in TRIGGERS {
        let found: bool = conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?1 AND tbl_name = 'audit')",
            )?
            .query_row([t], |r| r.get(0))?;
        if !found {
            problems.push(ChainProblem::MissingTrigger(t.to_string()));
        }
    }
    let mut stmt = conn.prepare(STORED_SQL)?;
    let mut rows = stmt.query([])?;
    let mut prev = String::new();
    let mut expected_id = 1;
    let mut count = 0;
    while let Some(r) = rows.next()? {
        let row = stored(r)?;
        let id = row.id;
        count += 1;
        let Some(kind) = Kind::from_code(&row.kind) else {
            problems.push(ChainProblem::Broken {
                id,
                why: format!(
                    "its kind {:?} is not one the register writes (forged)",
                    row.kind
                ),
            });
            break;
        };
        let want = row_hash(&prev, id, &row.entry(kind));
        let why = if id != expected_id {
            Some(format!(
                "row {expected_id} is missing (deleted), the next row is {id}"
            ))
        } else if row.hash.is_none() {
            Some("it has no hash (written around the register's own writer)".to_string())
        } else if row.hash.as_deref() != Some(want.as_str()) {
            Some(
                "its hash does not match its content and the row before it (changed, or forged)"
                    .to_string(),
            )
        } else {
            None
        };
        if let Some(why) = why {
            problems.push(ChainProblem::Broken { id, why });
            break;
        }
        prev = want;
        expected_id = id + 1;
    }
    Ok((
        problems,
        ChainHead {
            rows: count,
            last_id: expected_id - 1,
            hash: prev,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry<'a>(field: &'a str, old: Option<&'a str>, new: Option<&'a str>) -> Entry<'a> {
        entry_of(Kind::Change, field, old, new)
    }

    fn entry_of<'a>(
        kind: Kind,
        field: &'a str,
        old: Option<&'a str>,
        new: Option<&'a str>,
    ) -> Entry<'a> {
        Entry {
            at: "2026-11-24T10:00:00Z",
            by_user: "jo",
            os_user: Some("jhartley"),
            kind,
            entity: "person",
            entity_id: 7,
            field,
            old,
            new,
        }
    }

    #[test]
    fn hash_depends_on_the_previous_row_and_every_field() {
        let e = entry("notes", Some("a"), Some("b"));
        let base = row_hash("", 1, &e);
        assert_eq!(base.len(), 64);
        assert_eq!(base, row_hash("", 1, &e), "the same row hashes the same");
        assert_ne!(base, row_hash("x", 1, &e));
        assert_ne!(base, row_hash("", 2, &e));
        assert_ne!(base, row_hash("", 1, &entry("notes", Some("a"), Some("c"))));
        let access = entry_of(Kind::Access, "notes", Some("a"), Some("b"));
        assert_ne!(base, row_hash("", 1, &access));
    }

    #[test]
    fn moving_text_between_fields_changes_the_hash() {
        let a = row_hash("", 1, &entry("notes", Some("ab"), None));
        let b = row_hash("", 1, &entry("notes", Some("a"), Some("b")));
        let c = row_hash("", 1, &entry("notes", None, Some("ab")));
        assert_ne!(a, b);
        assert_ne!(a, c);
        assert_ne!(b, c);
    }
}
