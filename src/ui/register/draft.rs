//! Typed input in an open dialog, kept when the session is cut off (SIGHUP, SIGTERM) and put
//! back next time: the dialog is opened again the way the user opened it (same action, same
//! person, from the card or the list), then refilled with what they had typed.

use super::dialogs::FormKind;
use super::keys::RegisterAction;
use super::stay::StayKind;
use super::{Dialog, RegisterPane};
use crate::ui::keymap::Action;
use crate::ui::pane::{Ctx, PaneId};
use crate::user_state::{FieldValue, TypedDraft};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The re-rate dialog's two items, named as a form's would be.
const PICK: &str = "Rating";
const REASON: &str = "Reason";

impl RegisterPane {
    /// The open dialog's title, when something typed in it would be lost.
    pub(super) fn typed_title(&self) -> Option<String> {
        let (dirty, title) = match self.dialog.as_ref()? {
            Dialog::Person(p) => (p.form.is_dirty(), p.title()),
            Dialog::Rerate(r) => (!r.reason.is_empty(), format!("Re-rate {}", r.target.name)),
            Dialog::Form(f) => (f.form.is_dirty(), f.title()),
            Dialog::Stay(f) => (f.form.is_dirty(), f.title()),
            Dialog::Consent(d) => (d.form.is_dirty(), d.title()),
            Dialog::Keyworker(_) => (false, String::new()),
        };
        dirty.then(|| title.trim().to_string())
    }

    /// What the open dialog holds, as plain data, when it holds typed input.
    pub(super) fn draft(&self) -> Option<TypedDraft> {
        let title = self.typed_title()?;
        let (action, person, values) = match self.dialog.as_ref()? {
            Dialog::Person(p) => match p.editing {
                Some((id, _)) => (RegisterAction::Edit, Some(id), p.form.values()),
                None => (RegisterAction::Add, None, p.form.values()),
            },
            Dialog::Rerate(r) => (
                RegisterAction::Rerate,
                Some(r.target.id),
                vec![
                    (
                        PICK.to_string(),
                        FieldValue::Choice(r.pick.map(|p| p.code().to_string())),
                    ),
                    (
                        REASON.to_string(),
                        FieldValue::Text(r.reason.value().to_string()),
                    ),
                ],
            ),
            Dialog::Form(f) => {
                let action = match f.kind {
                    FormKind::Admit => RegisterAction::Admit,
                    FormKind::Discharge => RegisterAction::Discharge,
                    FormKind::Archive => RegisterAction::Archive,
                    FormKind::Discussed => RegisterAction::Discussed,
                };
                (action, Some(f.target.id), f.form.values())
            }
            Dialog::Stay(d) => {
                let action = match d.kind {
                    StayKind::Transfer => RegisterAction::Transfer,
                    StayKind::Edit => RegisterAction::EditAdmission,
                    StayKind::AddBarrier => RegisterAction::AddBarrier,
                    StayKind::ResolveBarrier => RegisterAction::ResolveBarrier,
                };
                (action, Some(d.target.id), d.form.values())
            }
            Dialog::Consent(d) => (RegisterAction::Consent, Some(d.target.id), d.form.values()),
            Dialog::Keyworker(_) => return None,
        };
        Some(TypedDraft {
            pane: PaneId::Register.title().to_string(),
            action: action.name().to_string(),
            person,
            on_card: self.card.is_some(),
            records: Vec::new(),
            title,
            values,
            saved_at: chrono::Utc::now(),
        })
    }

    /// Open the dialog `d` was typed in again and refill it. Err says why it cannot be.
    pub(super) fn restore(&mut self, d: &TypedDraft, ctx: &mut Ctx) -> Result<(), String> {
        let gone = || format!("\"{}\" cannot be opened again", d.title);
        let action = RegisterAction::by_name(&d.action).ok_or_else(gone)?;
        self.confirm = None;
        self.dialog = None;
        self.search = None;
        if let Some(id) = d.person {
            match self.list.position_of(id) {
                Some(p) if !d.on_card => {
                    self.card = None;
                    self.selected = p;
                }
                _ => self.open_person(id, ctx),
            }
        }
        self.perform(action, ctx);
        match self.dialog.as_mut() {
            Some(Dialog::Person(p)) => p.form.restore(&d.values),
            Some(Dialog::Form(f)) => f.form.restore(&d.values),
            Some(Dialog::Stay(f)) => f.form.restore(&d.values),
            Some(Dialog::Consent(f)) => f.form.restore(&d.values),
            Some(Dialog::Rerate(r)) => {
                for (name, v) in &d.values {
                    match (name.as_str(), v) {
                        // Picked as the user would, so the rules on which rating may be
                        // chosen apply again to the person as they are now.
                        (PICK, FieldValue::Choice(Some(code))) => {
                            if let Ok(rating) = code.parse::<crate::domain::rating::Rating>() {
                                r.handle_key(KeyEvent::new(
                                    KeyCode::Char(rating.letter()),
                                    KeyModifiers::NONE,
                                ));
                            }
                        }
                        (REASON, FieldValue::Text(t)) => r.reason.set_value(t),
                        _ => {}
                    }
                }
            }
            Some(Dialog::Keyworker(_)) | None => return Err(gone()),
        }
        Ok(())
    }
}
