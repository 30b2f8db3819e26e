//! Discarding a draft review started by mistake: nothing is deleted. The draft keeps every row it
//! had, gains who discarded it, when and why, and is never again listed, counted or resumed as a
//! draft, so the person can have a new one.

use super::{Result, StoreError, Writer, ensure_draft, get};
use crate::store::schedule::refresh_schedule;
use rusqlite::{OptionalExtension, params};

/// Discard draft `review_id` with a reason (required). Refused while someone else is typing in
/// it: their next keystroke would be refused and what they had typed since lost to them.
pub fn discard(w: &mut Writer, review_id: i64, reason: &str) -> Result<()> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(StoreError::Invalid(
            "say why the draft is discarded (e.g. started for the wrong person); nothing was changed"
                .into(),
        ));
    }
    ensure_draft(w, review_id)?;
    let review = get(&w.tx, review_id)?;
    let cutoff = super::lease::lapsed_before(w.at());
    let editing: Option<(String, String)> =
        w.tx.prepare_cached(
            "SELECT holder, since FROM field_lease
             WHERE review_id = ?1 AND session != ?2 AND holder != ?3 AND heartbeat >= ?4
             ORDER BY since LIMIT 1",
        )?
        .query_row(params![review_id, w.session(), w.user(), cutoff], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    if let Some((who, since)) = editing {
        return Err(StoreError::Held {
            what: format!("the draft review for {}", review.person_name),
            who,
            since,
        });
    }
    w.tx.prepare_cached("DELETE FROM field_lease WHERE review_id = ?1")?
        .execute([review_id])?;
    w.tx.prepare_cached(
        "UPDATE review SET status = 'discarded', discarded_at = ?1, discarded_by = ?2,
             discard_reason = ?3
         WHERE id = ?4 AND status = 'draft'",
    )?
    .execute(params![w.at(), w.user(), reason, review_id])?;
    w.audit(
        "review",
        review_id,
        "status",
        Some("draft"),
        Some("discarded"),
    )?;
    w.audit("review", review_id, "discard_reason", None, Some(reason))?;
    // A draft never moves a due date; this keeps the person's next dates exactly as a register
    // without the draft would have them.
    refresh_schedule(w, review.person_id)
}
