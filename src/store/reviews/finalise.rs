//! What still blocks finalising, and finalising in one transaction.

use super::kloes::freeze_kloes;
use super::{
    Result, StoreError, Writer, ensure_draft, findings, get, panel, panel_waivers, recommendations,
};
use crate::domain::consent::Scope;
use crate::domain::finalise::{FinaliseDraft, Missing, PanelSeat, finalise_missing};
use crate::domain::rules::{OlderReviewChoice, ReviewRating, RuleViolation, review_rating};
use crate::store::actions::{self, NewAction};
use crate::store::admissions::admissions_of;
use crate::store::consent::scope_state_of;
use crate::store::people::{self, iso};
use chrono::NaiveDate;
use rusqlite::{Connection, params};

/// What finalising looks at, read from the review, its person, their consent records (as they
/// stand `today`) and their admissions.
pub fn finalise_draft(
    conn: &Connection,
    review_id: i64,
    today: NaiveDate,
) -> Result<FinaliseDraft> {
    let review = get(conn, review_id)?;
    let stays = admissions_of(conn, review.person_id)?;
    let held = review.held_on;
    let findings = findings(conn, review_id)?;
    Ok(FinaliseDraft {
        kind: review.kind,
        review_type: review.review_type,
        held_on: held,
        in_hospital_on_meeting_date: stays
            .iter()
            .any(|a| a.admitted_on <= held && a.discharged_on.is_none_or(|out| out > held)),
        in_hospital_now: stays.iter().any(|a| a.discharged_on.is_none()),
        review_consent: scope_state_of(conn, review.person_id, Scope::Review, today)?,
        consent_reason_given: review
            .consent_note
            .as_deref()
            .is_some_and(|n| !n.trim().is_empty()),
        panel: panel(conn, review_id)?
            .into_iter()
            .map(|m| PanelSeat {
                role: m.role,
                named: !m.name.trim().is_empty(),
            })
            .collect(),
        waived: panel_waivers(conn, review_id)?
            .into_iter()
            .map(|(r, _)| r)
            .collect(),
        findings: findings.map(|f| !f.trim().is_empty()),
        community_needs_met: review.community_needs_met,
        proposed_rating: review.proposed_rating,
        rating_reason_given: review
            .rating_reason
            .as_deref()
            .is_some_and(|r| !r.trim().is_empty()),
        recommendations_complete: recommendations(conn, review_id)?
            .iter()
            .map(|r| !r.text.trim().is_empty() && !r.owner.trim().is_empty() && r.due.is_some())
            .collect(),
    })
}

/// What still blocks finalising (the domain's one rule); empty when the review can be finalised.
pub fn finalise_blockers(
    conn: &Connection,
    review_id: i64,
    today: NaiveDate,
) -> Result<Vec<Missing>> {
    Ok(finalise_missing(
        &finalise_draft(conn, review_id, today)?,
        today,
    ))
}

/// Finalise in one transaction: apply the new rating (the review as its reason), turn each
/// recommendation into an action, and lock the review. Any failure leaves the draft untouched.
///
/// A review held before the person's current rating was set never overwrites it silently: without
/// `choice` finalising is refused with `RuleViolation::ReviewOlderThanRating`; with one, the
/// answer is applied and recorded.
pub fn finalise(
    w: &mut Writer,
    review_id: i64,
    version: i64,
    choice: Option<OlderReviewChoice>,
    today: NaiveDate,
) -> Result<Vec<i64>> {
    ensure_draft(w, review_id)?;
    let blockers = finalise_blockers(&w.tx, review_id, today)?;
    if !blockers.is_empty() {
        return Err(StoreError::CannotFinalise(blockers));
    }
    let review = get(&w.tx, review_id)?;
    let person = people::person(&w.tx, review.person_id)?;
    let decision = review_rating(
        review.proposed_rating,
        review.held_on,
        person.rating,
        person.rating_since,
        choice,
        today,
    );
    if decision == ReviewRating::AskOlderReview {
        return Err(RuleViolation::ReviewOlderThanRating {
            rating: person.rating,
            since: person.rating_since,
        }
        .into());
    }
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
    if let Some(c) = choice.filter(|_| review.held_on < person.rating_since) {
        w.audit(
            "review",
            review_id,
            "older_than_rating",
            None,
            Some(c.code()),
        )?;
    }
    if let ReviewRating::Apply(new, effective) = decision {
        let reason = format!(
            "{} {} held {}: {}",
            review.kind.code(),
            review.review_type.label().to_lowercase(),
            iso(review.held_on),
            review.rating_reason.as_deref().unwrap_or("").trim()
        );
        let version = people::person(&w.tx, review.person_id)?.version;
        people::rerate(
            w,
            review.person_id,
            version,
            new,
            &reason,
            effective,
            Some(review_id),
        )?;
    } else {
        people::refresh_schedule(w, review.person_id)?;
    }
    Ok(created)
}
