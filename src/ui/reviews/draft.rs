//! Typed input in an open Reviews dialog (a discard reason, a report sent, a name in the
//! new-review picker) or in the wizard's addendum box, kept when the session is cut off (SIGHUP,
//! SIGTERM) and put back next time: the same dialog on the same review, refilled.

use super::keys::ReviewsAction;
use super::{Entry, Filter, ReviewsPane};
use crate::domain::review::ReviewStatus;
use crate::ui::keymap::Action;
use crate::ui::pane::{Ctx, PaneId};
use crate::user_state::{FieldValue, TypedDraft};

/// The kept draft's action for the addendum box (a wizard key, not a list action).
const ADDENDUM: &str = "addendum";

impl ReviewsPane {
    /// What the open dialog or addendum box holds, as plain data, when it holds typed input.
    pub(super) fn draft(&self) -> Option<TypedDraft> {
        let kept = |action: &str, records: Vec<i64>, title: &str, values| TypedDraft {
            pane: PaneId::Reviews.title().to_string(),
            action: action.to_string(),
            person: None,
            on_card: false,
            records,
            title: title.trim().to_string(),
            values,
            saved_at: chrono::Utc::now(),
        };
        if let Some(w) = &self.wizard {
            let text = w.addendum_text()?;
            let title = format!(
                "Addendum to review {} for {}",
                w.review_id(),
                crate::ui::sanitize::clean(&w.data.review.person_name)
            );
            return Some(kept(
                ADDENDUM,
                vec![w.review_id()],
                &title,
                vec![("Addendum".to_string(), FieldValue::Text(text))],
            ));
        }
        if let Some(d) = self.sent.as_ref().filter(|d| d.form.is_dirty()) {
            let action = ReviewsAction::Sent.name();
            return Some(kept(action, vec![d.review_id], &d.title, d.form.values()));
        }
        if let Some(d) = self.discard.as_ref().filter(|d| d.form.is_dirty()) {
            let action = ReviewsAction::Discard.name();
            return Some(kept(action, vec![d.review_id], &d.title, d.form.values()));
        }
        let query = self.picker_query()?;
        Some(kept(
            ReviewsAction::New.name(),
            Vec::new(),
            "Start a review for…",
            vec![("Name".to_string(), FieldValue::Text(query.to_string()))],
        ))
    }

    /// Open the dialog `t` was typed in again, on the same review, and refill it.
    pub(super) fn restore(&mut self, t: &TypedDraft, ctx: &mut Ctx) -> Result<(), String> {
        let gone = || format!("\"{}\" cannot be opened again", t.title);
        let text = match t.values.first() {
            Some((_, FieldValue::Text(text))) => Some(text.as_str()),
            _ => None,
        };
        if t.action == ReviewsAction::New.name() {
            self.close_wizard(ctx);
            let query = text.ok_or_else(gone)?;
            return self
                .restore_picker(query, ctx)
                .then_some(())
                .ok_or_else(gone);
        }
        let id = *t.records.first().ok_or_else(gone)?;
        if t.action == ADDENDUM {
            let text = text.ok_or_else(gone)?;
            self.open(id, ctx);
            let w = self.wizard.as_mut().ok_or_else(gone)?;
            return w
                .restore_addendum(text, ctx)
                .map_err(|why| format!("{}: {why}", gone()));
        }
        let action = ReviewsAction::by_name(&t.action)
            .filter(|a| matches!(a, ReviewsAction::Sent | ReviewsAction::Discard))
            .ok_or_else(gone)?;
        self.close_wizard(ctx);
        self.sent = None;
        self.discard = None;
        self.confirm_start = None;
        self.picker = None;
        // The row must be listed to be chosen, whatever filter or search was left on.
        self.filter = Filter::All;
        self.search.clear();
        self.searching = false;
        self.rebuild();
        let row = self.shown.iter().position(|i| match &self.entries[*i] {
            Entry::Review(r) if action == ReviewsAction::Discard => {
                r.id == id && r.status == ReviewStatus::Draft
            }
            Entry::Review(r) => r.id == id && r.finalised_at.is_some(),
            Entry::ReportDue(o) => action == ReviewsAction::Sent && o.review_id == id,
            Entry::Request(..) | Entry::Due(_) => false,
        });
        self.selected = row.ok_or_else(|| {
            format!(
                "\"{}\" cannot be opened again: the review it was for is no longer listed",
                t.title
            )
        })?;
        self.perform(action, ctx);
        if action == ReviewsAction::Sent {
            let d = self.sent.as_mut().ok_or_else(gone)?;
            d.form.restore(&t.values);
        } else {
            let d = self.discard.as_mut().ok_or_else(gone)?;
            d.form.restore(&t.values);
        }
        Ok(())
    }
}
