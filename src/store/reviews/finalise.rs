//! What still blocks finalising, and finalising in one transaction.

use super::kloes::freeze_kloes;
use super::{Result, StoreError, Writer, ensure_draft, get, panel, panel_waivers, recommendations};
use crate::domain::rating::Rating;
use crate::domain::review::{PanelRole, missing_panel_roles, panel_role_waivable};
use crate::store::actions::{self, NewAction};
use crate::store::people::{self, iso};
use rusqlite::{Connection, params};

/// What still blocks finalising, as sentences; empty when the review can be finalised.
pub fn finalise_blockers(conn: &Connection, review_id: i64) -> Result<Vec<String>> {
    let review = get(conn, review_id)?;
    let person = people::person(conn, review.person_id)?;
    let roles: Vec<PanelRole> = panel(conn, review_id)?
        .into_iter()
        .map(|m| m.role)
        .collect();
    let waived: Vec<PanelRole> = panel_waivers(conn, review_id)?
        .into_iter()
        .map(|(r, _)| r)
        .collect();
    let mut out: Vec<String> =
        missing_panel_roles(review.kind, review.review_type, &roles, &waived)
            .into_iter()
            .map(|r| {
                if panel_role_waivable(r) {
                    format!(
                        "add {} to the panel, or record why nobody from {} could take part",
                        r.label().to_lowercase(),
                        r.label().to_lowercase()
                    )
                } else {
                    format!("add the {} to the panel", r.label().to_lowercase())
                }
            })
            .collect();
    if person.details.consent.is_none()
        && review
            .consent_note
            .as_deref()
            .is_none_or(|n| n.trim().is_empty())
    {
        out.push(
            "record consent on the person's record, or a reason why it could not be given".into(),
        );
    }
    for m in panel(conn, review_id)? {
        if m.name.trim().is_empty() {
            out.push(format!(
                "give the {} on the panel a name (or remove the empty row)",
                m.role.label().to_lowercase()
            ));
        }
    }
    let in_hospital = people::open_admission(conn, review.person_id)?.is_some();
    match review.proposed_rating {
        Some(r) if in_hospital && r != Rating::Blue => out.push(format!(
            "the person is in hospital, so stays BLUE: propose BLUE, or record the discharge before finalising a {} rating",
            r.code()
        )),
        Some(Rating::Blue) if !in_hospital => out.push(
            "BLUE means in hospital: propose another rating, or record the admission first".into(),
        ),
        _ => {}
    }
    for (n, rec) in recommendations(conn, review_id)?.iter().enumerate() {
        if rec.text.trim().is_empty() || rec.owner.trim().is_empty() || rec.due.is_none() {
            out.push(format!(
                "recommendation {} needs text, a named owner and a due date",
                n + 1
            ));
        }
    }
    if review.proposed_rating.is_some()
        && review
            .rating_reason
            .as_deref()
            .is_none_or(|r| r.trim().is_empty())
    {
        out.push("give a reason for the proposed rating".into());
    }
    Ok(out)
}

/// Finalise in one transaction: apply the new rating (the review as its reason), turn each
/// recommendation into an action, and lock the review. Any failure leaves the draft untouched.
pub fn finalise(w: &mut Writer, review_id: i64, version: i64) -> Result<Vec<i64>> {
    ensure_draft(w, review_id)?;
    let blockers = finalise_blockers(&w.tx, review_id)?;
    if !blockers.is_empty() {
        return Err(StoreError::Invalid(format!(
            "cannot finalise yet: {}",
            blockers.join("; ")
        )));
    }
    let review = get(&w.tx, review_id)?;
    w.claim_version("review", review_id, version, &format!("Review {review_id}"))?;
    let mut created = Vec::new();
    for rec in recommendations(&w.tx, review_id)? {
        let due = rec
            .due
            .ok_or_else(|| StoreError::Invalid("a recommendation has no due date".into()))?;
        let rec_id = rec.id;
        let action_id = actions::create(
            w,
            &NewAction {
                person_id: review.person_id,
                review_id: Some(review_id),
                question: rec.question,
                text: rec.text,
                owner: rec.owner,
                organisation: rec.organisation,
                due,
            },
        )?;
        w.tx.execute(
            "UPDATE review_recommendation SET action_id = ?1 WHERE id = ?2",
            params![action_id, rec_id],
        )?;
        created.push(action_id);
    }
    freeze_kloes(w, &review)?;
    w.tx.execute(
        "UPDATE review SET status = 'final', finalised_at = ?1, finalised_by = ?2 WHERE id = ?3",
        params![w.at(), w.user(), review_id],
    )?;
    w.audit("review", review_id, "status", Some("draft"), Some("final"))?;
    let person = people::person(&w.tx, review.person_id)?;
    if let Some(new) = review.proposed_rating.filter(|r| *r != person.rating) {
        let reason = format!(
            "{} {} held {}: {}",
            review.kind.code(),
            review.review_type.label().to_lowercase(),
            iso(review.held_on),
            review.rating_reason.as_deref().unwrap_or("").trim()
        );
        people::rerate(
            w,
            review.person_id,
            person.version,
            new,
            &reason,
            review.held_on,
            Some(review_id),
        )?;
    } else {
        people::refresh_schedule(w, review.person_id)?;
    }
    Ok(created)
}
