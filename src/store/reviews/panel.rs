//! Who sat on the panel.

use super::draft::set_value;
use super::{Result, StoreError, Writer, bad, ensure_draft};
use crate::domain::journey::Attendance;
use crate::domain::review::{PanelRole, panel_role_waivable};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct PanelMember {
    pub id: i64,
    pub role: PanelRole,
    pub name: String,
    pub organisation: Option<String>,
}

pub fn add_panel_member(
    w: &mut Writer,
    review_id: i64,
    role: PanelRole,
    name: &str,
    organisation: Option<&str>,
) -> Result<i64> {
    ensure_draft(w, review_id)?;
    if name.trim().is_empty() {
        return Err(StoreError::Invalid("a panel member needs a name".into()));
    }
    w.tx.execute(
        "INSERT INTO review_panel (review_id, role, name, organisation) VALUES (?1, ?2, ?3, ?4)",
        params![review_id, role.code(), name.trim(), organisation],
    )?;
    let id = w.tx.last_insert_rowid();
    w.audit(
        "review",
        review_id,
        "panel",
        None,
        Some(&format!("{}: {}", role.label(), name.trim())),
    )?;
    Ok(id)
}

pub fn panel(conn: &Connection, review_id: i64) -> Result<Vec<PanelMember>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, role, name, organisation FROM review_panel WHERE review_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([review_id], |r| {
            let role: String = r.get(1)?;
            Ok(PanelMember {
                id: r.get(0)?,
                role: PanelRole::parse(&role).ok_or_else(|| bad("panel role", &role))?,
                name: r.get(2)?,
                organisation: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelText {
    Name,
    Organisation,
}

fn panel_review(w: &Writer, member_id: i64) -> Result<i64> {
    let id: Option<i64> =
        w.tx.prepare_cached("SELECT review_id FROM review_panel WHERE id = ?1")?
            .query_row([member_id], |r| r.get(0))
            .optional()?;
    let id = id.ok_or_else(|| StoreError::NotFound {
        what: format!("panel member {member_id}"),
    })?;
    ensure_draft(w, id)?;
    Ok(id)
}

/// A new, unnamed panel row the wizard fills in field by field.
pub fn add_panel_slot(w: &mut Writer, review_id: i64, role: PanelRole) -> Result<i64> {
    ensure_draft(w, review_id)?;
    w.tx.execute(
        "INSERT INTO review_panel (review_id, role, name, organisation) VALUES (?1, ?2, '', '')",
        params![review_id, role.code()],
    )?;
    let id = w.tx.last_insert_rowid();
    w.audit("review", review_id, "panel", None, Some(role.label()))?;
    Ok(id)
}

pub fn set_panel_role(w: &mut Writer, member_id: i64, role: PanelRole) -> Result<()> {
    let rid = panel_review(w, member_id)?;
    set_value(
        w,
        rid,
        "review_panel",
        member_id,
        "role",
        Value::Text(role.code().into()),
        &format!("panel.{member_id}.role"),
    )
}

pub fn set_panel_text(w: &mut Writer, member_id: i64, field: PanelText, text: &str) -> Result<()> {
    let rid = panel_review(w, member_id)?;
    let column = match field {
        PanelText::Name => "name",
        PanelText::Organisation => "organisation",
    };
    set_value(
        w,
        rid,
        "review_panel",
        member_id,
        column,
        Value::Text(text.to_string()),
        &format!("panel.{member_id}.{column}"),
    )
}

pub fn remove_panel_member(w: &mut Writer, member_id: i64) -> Result<()> {
    let rid = panel_review(w, member_id)?;
    let (role, name): (String, String) = w.tx.query_row(
        "SELECT role, name FROM review_panel WHERE id = ?1",
        [member_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    w.tx.execute("DELETE FROM review_panel WHERE id = ?1", [member_id])?;
    w.audit(
        "review",
        rid,
        "panel",
        Some(&format!("{role}: {name}")),
        None,
    )
}

/// Why a CETR went ahead without education or social care, per role.
pub fn panel_waivers(conn: &Connection, review_id: i64) -> Result<Vec<(PanelRole, String)>> {
    super::super::collect(
        conn,
        "SELECT role, reason FROM review_panel_waiver WHERE review_id = ?1 ORDER BY role",
        [review_id],
        |r| {
            let role: String = r.get(0)?;
            Ok((
                PanelRole::parse(&role).ok_or_else(|| bad("panel role", &role))?,
                r.get(1)?,
            ))
        },
    )
}

/// Record why a required member could not take part (an empty reason removes the record).
/// Only education and social care can be excused; the core panel never can.
pub fn set_panel_waiver(
    w: &mut Writer,
    review_id: i64,
    role: PanelRole,
    reason: &str,
) -> Result<()> {
    ensure_draft(w, review_id)?;
    if !panel_role_waivable(role) {
        return Err(StoreError::Invalid(format!(
            "the {} cannot be excused: name one on the panel",
            role.label().to_lowercase()
        )));
    }
    let old: Option<String> =
        w.tx.query_row(
            "SELECT reason FROM review_panel_waiver WHERE review_id = ?1 AND role = ?2",
            params![review_id, role.code()],
            |r| r.get(0),
        )
        .optional()?;
    let reason = reason.trim();
    if old.as_deref().unwrap_or("") == reason {
        return Ok(());
    }
    if reason.is_empty() {
        w.tx.execute(
            "DELETE FROM review_panel_waiver WHERE review_id = ?1 AND role = ?2",
            params![review_id, role.code()],
        )?;
    } else {
        w.tx.execute(
            "INSERT INTO review_panel_waiver (review_id, role, reason) VALUES (?1, ?2, ?3)
             ON CONFLICT (review_id, role) DO UPDATE SET reason = excluded.reason",
            params![review_id, role.code(), reason],
        )?;
    }
    w.audit(
        "review",
        review_id,
        &format!("panel_waiver.{}", role.code()),
        old.as_deref(),
        Some(reason).filter(|r| !r.is_empty()),
    )
}

/// Who took part: the person themselves, or their family and carers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attendee {
    Person,
    Family,
}

/// Record whether the person, or their family, took part (`None`: not yet known).
pub fn set_attendance(
    w: &mut Writer,
    review_id: i64,
    who: Attendee,
    how: Option<Attendance>,
) -> Result<()> {
    ensure_draft(w, review_id)?;
    let column = match who {
        Attendee::Person => "person_attendance",
        Attendee::Family => "family_attendance",
    };
    set_value(
        w,
        review_id,
        "review",
        review_id,
        column,
        how.map_or(Value::Null, |a| Value::Text(a.code().into())),
        column,
    )
}
