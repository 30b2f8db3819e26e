//! Two staff in one draft: the text field one of them is typing in is leased to their session, and
//! shown to everyone else as "being edited by NAME since HH:MM" and read-only, instead of each
//! keystroke silently overwriting the other's. A lease lives while its session's heartbeat does, so
//! a dropped SSH session or a killed process frees the field within [`LEASE_LAPSES_AFTER`].
//! Leases are coordination, not recorded facts: they are not audited.

use super::{Result, StoreError, Writer};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use std::time::Duration;

/// How long a lease outlives its session's last sign of life.
pub const LEASE_LAPSES_AFTER: Duration = Duration::from_secs(30);
/// How often an idle session renews its leases: well inside [`LEASE_LAPSES_AFTER`].
pub const HEARTBEAT_EVERY: Duration = Duration::from_secs(10);

/// Someone else editing a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaseHolder {
    /// Their audit name.
    pub who: String,
    /// When they started editing the field (UTC, RFC 3339, as audit stamps).
    pub since: String,
}

/// Leases whose heartbeat is older than this have lapsed.
pub(super) fn lapsed_before(at: &str) -> String {
    let now = DateTime::parse_from_rfc3339(at).map_or_else(|_| Utc::now(), |t| t.to_utc());
    let cutoff = now - chrono::Duration::from_std(LEASE_LAPSES_AFTER).unwrap_or_default();
    cutoff.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Take (or keep) `field` of review `review_id` for this session, giving up any other field it
/// held: a session edits one field at a time. Returns who holds it when someone else's session
/// does (and this one must not write to it).
pub fn claim_field(w: &Writer, review_id: i64, field: &str) -> Result<Option<LeaseHolder>> {
    w.tx.prepare_cached("DELETE FROM field_lease WHERE heartbeat < ?1")?
        .execute([lapsed_before(w.at())])?;
    let current: Option<(String, String, String)> =
        w.tx.prepare_cached(
            "SELECT holder, session, since FROM field_lease WHERE review_id = ?1 AND field = ?2",
        )?
        .query_row(params![review_id, field], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    // The same person in another session is taken to be them reconnecting (a dropped SSH session
    // leaves its lease behind): their field is theirs again at once, not in half a minute.
    if let Some((who, session, since)) = &current
        && session != w.session()
        && who != w.user()
    {
        return Ok(Some(LeaseHolder {
            who: who.clone(),
            since: since.clone(),
        }));
    }
    w.tx.prepare_cached(
        "DELETE FROM field_lease WHERE session = ?1 AND NOT (review_id = ?2 AND field = ?3)",
    )?
    .execute(params![w.session(), review_id, field])?;
    match current {
        Some(_) => {
            w.tx.prepare_cached(
                "UPDATE field_lease SET session = ?1, heartbeat = ?2 WHERE review_id = ?3 AND field = ?4",
            )?
            .execute(params![w.session(), w.at(), review_id, field])?
        }
        None => {
            w.tx.prepare_cached(
                "INSERT INTO field_lease (review_id, field, holder, session, since, heartbeat)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            )?
            .execute(params![review_id, field, w.user(), w.session(), w.at()])?
        }
    };
    Ok(None)
}

/// As [`claim_field`], for a write to the field: refused, naming the holder, when someone else
/// is editing it.
pub fn hold_field(w: &Writer, review_id: i64, field: &str, what: &str) -> Result<()> {
    match claim_field(w, review_id, field)? {
        None => Ok(()),
        Some(h) => Err(StoreError::Held {
            what: what.to_string(),
            who: h.who,
            since: h.since,
        }),
    }
}

/// Who else is editing `field` now, if anyone (a read: for drawing the field read-only).
pub fn field_holder(
    conn: &Connection,
    review_id: i64,
    field: &str,
    user: &str,
) -> Result<Option<LeaseHolder>> {
    let cutoff = lapsed_before(&crate::store::now_stamp());
    Ok(conn
        .prepare_cached(
            "SELECT holder, since FROM field_lease
             WHERE review_id = ?1 AND field = ?2 AND holder != ?3 AND heartbeat >= ?4",
        )?
        .query_row(params![review_id, field, user, cutoff], |r| {
            Ok(LeaseHolder {
                who: r.get(0)?,
                since: r.get(1)?,
            })
        })
        .optional()?)
}

/// Give up every field this session holds (it left the field or the review).
pub fn release_fields(w: &Writer) -> Result<()> {
    w.tx.prepare_cached("DELETE FROM field_lease WHERE session = ?1")?
        .execute([w.session()])?;
    Ok(())
}

/// Whether this session holds any lease (so its heartbeat matters).
pub fn holds_leases(conn: &Connection, session: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM field_lease WHERE session = ?1)")?
        .query_row([session], |r| r.get(0))?)
}

/// This session is still here: its leases stay.
pub fn heartbeat(w: &Writer) -> Result<()> {
    w.tx.prepare_cached("UPDATE field_lease SET heartbeat = ?1 WHERE session = ?2")?
        .execute(params![w.at(), w.session()])?;
    Ok(())
}
