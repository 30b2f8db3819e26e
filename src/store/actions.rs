//! Actions: created by finished reviews (or by hand), each change kept in its history.

use super::people::{date, iso, opt_date, rating};
use super::{Result, StoreError, Writer};
use crate::domain::action::ActionStatus;
use crate::domain::rating::Rating;
use crate::domain::triage::{self, ActionState, Change};
use chrono::NaiveDate;
use rusqlite::{Connection, Row, params};
use serde::Serialize;

#[derive(Debug, Clone)]
pub struct NewAction {
    pub person_id: i64,
    pub review_id: Option<i64>,
    pub question: Option<u8>,
    pub text: String,
    pub owner: String,
    pub organisation: String,
    pub due: NaiveDate,
}

/// An action with enough of its person to list it.
#[derive(Debug, Clone, Serialize)]
pub struct ActionRow {
    pub id: i64,
    pub person_id: i64,
    pub person_name: String,
    pub person_rating: Rating,
    pub review_id: Option<i64>,
    pub question: Option<u8>,
    pub text: String,
    pub owner: String,
    pub organisation: String,
    pub due: NaiveDate,
    pub status: ActionStatus,
    pub completed_on: Option<NaiveDate>,
    pub evidence: Option<String>,
    pub created_at: String,
    pub version: i64,
}

impl ActionRow {
    /// The fields triage changes (and undo restores).
    pub fn state(&self) -> ActionState {
        ActionState {
            status: self.status,
            due: self.due,
            owner: self.owner.clone(),
            organisation: self.organisation.clone(),
            completed_on: self.completed_on,
            evidence: self.evidence.clone(),
        }
    }

    /// How a stale-write message names this action.
    pub fn what(&self) -> String {
        describe(self.id, &self.person_name, &self.text)
    }
}

fn describe(id: i64, person: &str, text: &str) -> String {
    let short: String = text.chars().take(40).collect();
    let more = if text.chars().count() > 40 { "…" } else { "" };
    format!("Action {id} for {person} (\"{short}{more}\")")
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionEvent {
    pub id: i64,
    pub action_id: i64,
    pub at: String,
    pub by_user: String,
    pub kind: String,
    pub from_value: Option<String>,
    pub to_value: Option<String>,
    pub reason: Option<String>,
}

/// Create an action; its first history entry says where it came from.
pub fn create(w: &mut Writer, a: &NewAction) -> Result<i64> {
    for (value, what) in [(&a.text, "the action's text"), (&a.owner, "a named owner")] {
        if value.trim().is_empty() {
            return Err(StoreError::Invalid(format!("{what} is required")));
        }
    }
    w.tx.execute(
        "INSERT INTO action (person_id, review_id, question, text, owner, organisation, due, status, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'open', ?8, ?9)",
        params![
            a.person_id,
            a.review_id,
            a.question,
            a.text.trim(),
            a.owner.trim(),
            a.organisation.trim(),
            iso(a.due),
            w.at(),
            w.user()
        ],
    )?;
    let id = w.tx.last_insert_rowid();
    event(
        w,
        id,
        "created",
        None,
        Some(&iso(a.due)),
        Some(&created_reason(a.review_id)),
    )?;
    w.audit("action", id, "created", None, Some(a.text.trim()))?;
    Ok(id)
}

/// Where a new action came from, as its first history entry says.
pub(crate) fn created_reason(review_id: Option<i64>) -> String {
    match review_id {
        Some(r) => format!("from review {r}"),
        None => "added by hand".to_string(),
    }
}

/// Append to an action's own history (the audit row is written by the caller for each field).
pub fn event(
    w: &Writer,
    action_id: i64,
    kind: &str,
    from: Option<&str>,
    to: Option<&str>,
    reason: Option<&str>,
) -> Result<()> {
    w.tx.execute(
        "INSERT INTO action_event (action_id, at, by_user, kind, from_value, to_value, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![action_id, w.at(), w.user(), kind, from, to, reason],
    )?;
    Ok(())
}

const ACTION_SQL: &str = "
SELECT a.id, a.person_id, p.family_name || ', ' || p.given_name, p.rating, a.review_id, a.question, a.text,
       a.owner, a.organisation, a.due, a.status, a.completed_on, a.evidence, a.created_at, a.version
FROM action a JOIN person p ON p.id = a.person_id";

fn action_row(r: &Row) -> rusqlite::Result<ActionRow> {
    let status: String = r.get(10)?;
    Ok(ActionRow {
        id: r.get(0)?,
        person_id: r.get(1)?,
        person_name: r.get(2)?,
        person_rating: rating(&r.get::<_, String>(3)?)?,
        review_id: r.get(4)?,
        question: r.get(5)?,
        text: r.get(6)?,
        owner: r.get(7)?,
        organisation: r.get(8)?,
        due: date(&r.get::<_, String>(9)?)?,
        status: ActionStatus::parse(&status).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                10,
                rusqlite::types::Type::Text,
                format!("unknown status {status}").into(),
            )
        })?,
        completed_on: opt_date(r.get(11)?)?,
        evidence: r.get(12)?,
        created_at: r.get(13)?,
        version: r.get(14)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<ActionRow> {
    let sql = format!("{ACTION_SQL} WHERE a.id = ?1");
    super::one(conn, &sql, [id], action_row, || format!("action {id}"))
}

/// Every action, in id order.
pub fn all(conn: &Connection) -> Result<Vec<ActionRow>> {
    let sql = format!("{ACTION_SQL} ORDER BY a.id");
    super::collect(conn, &sql, [], action_row)
}

/// Open actions only (not done or cancelled), in id order: what the Actions pane needs first.
pub fn open(conn: &Connection) -> Result<Vec<ActionRow>> {
    let sql = format!("{ACTION_SQL} WHERE a.status NOT IN ('done', 'cancelled') ORDER BY a.id");
    super::collect(conn, &sql, [], action_row)
}

/// Done and cancelled actions, in id order (read when a view needs them).
pub fn closed(conn: &Connection) -> Result<Vec<ActionRow>> {
    let sql = format!("{ACTION_SQL} WHERE a.status IN ('done', 'cancelled') ORDER BY a.id");
    super::collect(conn, &sql, [], action_row)
}

pub fn of_person(conn: &Connection, person_id: i64) -> Result<Vec<ActionRow>> {
    let sql = format!("{ACTION_SQL} WHERE a.person_id = ?1 ORDER BY a.due, a.id");
    super::collect(conn, &sql, [person_id], action_row)
}

pub fn history(conn: &Connection, action_id: i64) -> Result<Vec<ActionEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, action_id, at, by_user, kind, from_value, to_value, reason FROM action_event WHERE action_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([action_id], event_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Every history entry of every action, in id order (for exports: one query, not one per action).
pub fn all_events(conn: &Connection) -> Result<Vec<ActionEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, action_id, at, by_user, kind, from_value, to_value, reason FROM action_event ORDER BY id",
    )?;
    let rows = stmt
        .query_map([], event_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

fn event_row(r: &Row) -> rusqlite::Result<ActionEvent> {
    Ok(ActionEvent {
        id: r.get(0)?,
        action_id: r.get(1)?,
        at: r.get(2)?,
        by_user: r.get(3)?,
        kind: r.get(4)?,
        from_value: r.get(5)?,
        to_value: r.get(6)?,
        reason: r.get(7)?,
    })
}

fn owner_label(owner: &str, organisation: &str) -> String {
    if organisation.is_empty() {
        owner.to_string()
    } else {
        format!("{owner} ({organisation})")
    }
}

/// "status=done; due=2026-12-08": the fields that differ, as an undo entry records them.
fn summary(a: &ActionState, b: &ActionState) -> String {
    let mut parts = Vec::new();
    if a.status != b.status {
        parts.push(format!("status={}", a.status.code()));
    }
    if a.due != b.due {
        parts.push(format!("due={}", iso(a.due)));
    }
    if a.owner != b.owner || a.organisation != b.organisation {
        parts.push(format!("owner={}", owner_label(&a.owner, &a.organisation)));
    }
    if a.completed_on != b.completed_on {
        parts.push(format!(
            "completed_on={}",
            a.completed_on.map(iso).unwrap_or_default()
        ));
    }
    if a.evidence != b.evidence {
        parts.push(format!("evidence={}", a.evidence.as_deref().unwrap_or("")));
    }
    parts.join("; ")
}

/// Apply one triage step to one action at `version` (optimistic concurrency): checks the rules,
/// updates the row, appends a history entry (who, when, what, why) and an audit row per changed
/// field, all in the caller's transaction. Returns the action as it now stands.
pub fn triage(w: &mut Writer, id: i64, version: i64, change: &Change) -> Result<ActionRow> {
    let row = get(&w.tx, id)?;
    let before = row.state();
    let after = triage::apply(&before, change)
        .map_err(|e| StoreError::Invalid(format!("{}: {e}", row.what())))?;
    w.claim_version("action", id, version, &row.what())?;
    w.tx.execute(
        "UPDATE action SET status = ?1, due = ?2, owner = ?3, organisation = ?4, completed_on = ?5, evidence = ?6
         WHERE id = ?7",
        params![
            after.status.code(),
            iso(after.due),
            after.owner,
            after.organisation,
            after.completed_on.map(iso),
            after.evidence,
            id
        ],
    )?;
    let opt = |d: Option<NaiveDate>| d.map(iso);
    let fields: [(&str, Option<String>, Option<String>); 6] = [
        (
            "status",
            Some(before.status.code().into()),
            Some(after.status.code().into()),
        ),
        ("due", Some(iso(before.due)), Some(iso(after.due))),
        (
            "owner",
            Some(before.owner.clone()),
            Some(after.owner.clone()),
        ),
        (
            "organisation",
            Some(before.organisation.clone()),
            Some(after.organisation.clone()),
        ),
        (
            "completed_on",
            opt(before.completed_on),
            opt(after.completed_on),
        ),
        ("evidence", before.evidence.clone(), after.evidence.clone()),
    ];
    for (field, old, new) in fields.iter().filter(|(_, o, n)| o != n) {
        w.audit("action", id, field, old.as_deref(), new.as_deref())?;
    }
    let (from, to, reason) = history_entry(&before, &after, change);
    event(
        w,
        id,
        change.kind(),
        Some(&from),
        Some(&to),
        reason.as_deref(),
    )?;
    get(&w.tx, id)
}

/// What the action's history records for one triage step: from, to and the reason.
pub(crate) fn history_entry(
    before: &ActionState,
    after: &ActionState,
    change: &Change,
) -> (String, String, Option<String>) {
    let (from, to) = match change {
        Change::Redate { .. } => (iso(before.due), iso(after.due)),
        Change::Reassign { .. } => (
            owner_label(&before.owner, &before.organisation),
            owner_label(&after.owner, &after.organisation),
        ),
        Change::Undo { .. } => (summary(before, after), summary(after, before)),
        _ => (before.status.code().into(), after.status.code().into()),
    };
    let mut reason = change.reason();
    if let (Change::Done { .. }, Some(e)) = (change, &after.evidence) {
        reason = Some(match reason {
            Some(r) => format!("{r} (evidence: {e})"),
            None => format!("evidence: {e}"),
        });
    }
    (from, to, reason)
}

/// Mark done on `on` with an optional completion note and evidence.
pub fn mark_done(
    w: &mut Writer,
    id: i64,
    version: i64,
    on: NaiveDate,
    note: &str,
    evidence: &str,
) -> Result<ActionRow> {
    let change = Change::Done {
        on,
        note: note.into(),
        evidence: evidence.into(),
    };
    triage(w, id, version, &change)
}

pub fn mark_in_progress(w: &mut Writer, id: i64, version: i64, note: &str) -> Result<ActionRow> {
    triage(w, id, version, &Change::InProgress { note: note.into() })
}

/// Escalate; the note is required.
pub fn escalate(w: &mut Writer, id: i64, version: i64, note: &str) -> Result<ActionRow> {
    triage(w, id, version, &Change::Escalate { note: note.into() })
}

pub fn reassign(
    w: &mut Writer,
    id: i64,
    version: i64,
    owner: &str,
    organisation: &str,
    reason: &str,
) -> Result<ActionRow> {
    let change = Change::Reassign {
        owner: owner.into(),
        organisation: organisation.into(),
        reason: reason.into(),
    };
    triage(w, id, version, &change)
}

/// A new due date; the reason is required.
pub fn redate(
    w: &mut Writer,
    id: i64,
    version: i64,
    due: NaiveDate,
    reason: &str,
) -> Result<ActionRow> {
    let change = Change::Redate {
        due,
        reason: reason.into(),
    };
    triage(w, id, version, &change)
}

/// Cancel; the reason is required.
pub fn cancel(w: &mut Writer, id: i64, version: i64, reason: &str) -> Result<ActionRow> {
    triage(
        w,
        id,
        version,
        &Change::Cancel {
            reason: reason.into(),
        },
    )
}

/// Put an action back as it was before an earlier step (`what` names it). The undo is itself a
/// history entry: history rows are never deleted.
pub fn undo(
    w: &mut Writer,
    id: i64,
    version: i64,
    restore: &ActionState,
    what: &str,
) -> Result<ActionRow> {
    let change = Change::Undo {
        restore: restore.clone(),
        what: what.into(),
    };
    triage(w, id, version, &change)
}

/// A person an action can be linked to, found by name, local id or NHS number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonMatch {
    pub id: i64,
    pub name: String,
    pub local_id: Option<String>,
    pub rating: Rating,
}

/// People on the register (not archived) whose name, local id or NHS number contains `query`
/// (case-insensitive; spaces in NHS numbers ignored), at most `limit`, by name.
pub fn find_people(conn: &Connection, query: &str, limit: usize) -> Result<Vec<PersonMatch>> {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return Ok(Vec::new());
    }
    let like = format!(
        "%{}%",
        q.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    let mut digits: String = q.chars().filter(|c| !c.is_whitespace()).collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        digits.clear();
    }
    let digits_like = format!("%{digits}%");
    let mut stmt = conn.prepare_cached(
        "SELECT id, family_name || ', ' || given_name, local_id, rating FROM person
         WHERE removed_on IS NULL AND (
               lower(family_name || ', ' || given_name) LIKE ?1 ESCAPE '\\'
            OR lower(given_name || ' ' || family_name) LIKE ?1 ESCAPE '\\'
            OR lower(coalesce(preferred_name, '')) LIKE ?1 ESCAPE '\\'
            OR lower(coalesce(local_id, '')) LIKE ?1 ESCAPE '\\'
            OR (length(?2) >= 3 AND coalesce(nhs_number, '') LIKE ?3))
         ORDER BY family_name, given_name, id LIMIT ?4",
    )?;
    let rows = stmt
        .query_map(params![like, digits, digits_like, limit as i64], |r| {
            Ok(PersonMatch {
                id: r.get(0)?,
                name: r.get(1)?,
                local_id: r.get(2)?,
                rating: rating(&r.get::<_, String>(3)?)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
