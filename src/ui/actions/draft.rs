//! Typed input in an open Actions dialog, kept when the session is cut off (SIGHUP, SIGTERM)
//! and put back next time: the same step on the same actions, refilled with what was typed.

use super::ActionsPane;
use super::dialog::DialogKind;
use super::keys::ActionsAction;
use crate::ui::keymap::Action;
use crate::ui::pane::{Ctx, PaneId};
use crate::user_state::TypedDraft;

impl ActionsPane {
    /// What the open dialog holds, as plain data, when it holds typed input.
    pub(super) fn draft(&self) -> Option<TypedDraft> {
        let d = self.dialog.as_ref().filter(|d| d.form.is_dirty())?;
        let action = match d.kind {
            DialogKind::Done => ActionsAction::Done,
            DialogKind::Escalate => ActionsAction::Escalate,
            DialogKind::Reassign => ActionsAction::Reassign,
            DialogKind::Redate => ActionsAction::Redate,
            DialogKind::Cancel => ActionsAction::Cancel,
            DialogKind::Add => ActionsAction::Add,
            DialogKind::MyName => ActionsAction::SetMine,
        };
        Some(TypedDraft {
            pane: PaneId::Actions.title().to_string(),
            action: action.name().to_string(),
            person: None,
            on_card: false,
            records: d.targets.clone(),
            title: d.title().trim().to_string(),
            values: d.form.values(),
            saved_at: chrono::Utc::now(),
        })
    }

    /// Open the dialog `t` was typed in again, on the same actions, and refill it.
    pub(super) fn restore(&mut self, t: &TypedDraft, ctx: &mut Ctx) -> Result<(), String> {
        let gone = || format!("\"{}\" cannot be opened again", t.title);
        let action = ActionsAction::by_name(&t.action).ok_or_else(gone)?;
        if t.records.iter().any(|id| self.list.by_id(*id).is_none()) {
            return Err(format!(
                "\"{}\" cannot be opened again: an action it was for is no longer listed",
                t.title
            ));
        }
        self.dialog = None;
        self.detail = None;
        self.search = None;
        // Marked, they are the dialog's targets, as when the user marked them.
        self.marked = t.records.iter().copied().collect();
        self.perform(action, ctx);
        let d = self.dialog.as_mut().ok_or_else(gone)?;
        d.form.restore(&t.values);
        Ok(())
    }
}
