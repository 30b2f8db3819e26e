//! Saving the add / edit person form: before a new record is written, staff see anyone already on
//! the register who may be the same person (same date of birth, similar name), and a test-range
//! NHS number on a register that is not a demo; either asks before saving.

use super::list::Filters;
use super::person_form::{PersonField, PersonForm};
use super::{Asking, Dialog, RegisterPane};
use crate::domain::identity::test_number_on_live_register;
use crate::domain::person::PersonDetails;
use crate::store::{meta, people};
use crate::ui::pane::{Ctx, Outcome};
use crate::ui::widgets::{Confirm, Item};

/// Possible duplicates named in the question; the rest are counted.
const NAMED: usize = 2;

impl RegisterPane {
    /// Validate and write the person form. `identity_checked`: staff have already answered the
    /// duplicate / test-number question for what is in the form.
    pub(super) fn save_person(&mut self, identity_checked: bool, ctx: &mut Ctx) -> Outcome {
        let Some(Dialog::Person(p)) = self.dialog.as_mut() else {
            return Outcome::Consumed;
        };
        let Some((details, first, reason)) = p.validate(ctx.today) else {
            return Outcome::Consumed;
        };
        if !identity_checked && let Some(q) = identity_question(p, &details, ctx) {
            let confirm = Confirm::new(q).titled(&p.title());
            self.confirm = Some((confirm, Asking::SaveDespiteIdentity));
            return Outcome::Consumed;
        }
        let today = ctx.today;
        let editing = p.editing;
        let res = ctx.store.write(|w| match editing {
            Some((id, version)) => {
                people::update_person(w, id, version, &details, today).map(|_| id)
            }
            None => people::add_person(w, &details, first, &reason, today),
        });
        match res {
            Ok(id) => {
                self.dialog = None;
                if editing.is_none() {
                    // Show the new person even when filters or a search would hide them.
                    self.list.set_filters(Filters::default());
                    self.list.set_query("");
                }
                let outcome = self.written(id, ctx, String::new());
                if editing.is_none()
                    && let Some(t) = self.target(ctx).filter(|t| t.id == id)
                {
                    // Consent is asked next, with nothing chosen for the person; Esc leaves it
                    // missing, which the card then shows.
                    self.open_consent_for(t, ctx);
                }
                ctx.info(if editing.is_some() {
                    format!("Saved the changes to {}", details.display_name())
                } else {
                    format!(
                        "Added {} to the register as {}: now record their consent",
                        details.display_name(),
                        first.code()
                    )
                });
                outcome
            }
            Err(e) => {
                let msg = match editing {
                    Some((id, _)) => self.refused(id, ctx, &e),
                    None => e.to_string(),
                };
                if let Some(Dialog::Person(p)) = self.dialog.as_mut() {
                    p.show_store_error(msg);
                }
                Outcome::Consumed
            }
        }
    }
}

/// What to ask before saving, if anything: possible duplicates (when adding) and a test-range NHS
/// number typed on a register that is not a demo.
fn identity_question(p: &PersonForm, d: &PersonDetails, ctx: &Ctx) -> Option<String> {
    let conn = ctx.store.conn();
    let mut parts = Vec::new();
    if p.editing.is_none() {
        let dups =
            people::possible_duplicates(conn, d.date_of_birth, &d.given_name, &d.family_name, None)
                .unwrap_or_default();
        if !dups.is_empty() {
            let mut names: Vec<String> = dups
                .iter()
                .take(NAMED)
                .map(|(id, name)| format!("{name} (record {id})"))
                .collect();
            if dups.len() > NAMED {
                names.push(format!("{} more", dups.len() - NAMED));
            }
            parts.push(format!(
                "Same date of birth, similar name: {}. Same person?",
                names.join(", ")
            ));
        }
    }
    let nhs_changed =
        p.editing.is_none() || p.form.item(PersonField::Nhs).is_some_and(Item::is_dirty);
    // An unreadable marker counts as a live register: the warning is the safe side.
    let demo = meta::is_demo(conn).unwrap_or(false);
    if nhs_changed && test_number_on_live_register(d.nhs_number.as_ref(), demo) {
        parts.push(
            "The NHS number is from the 999 test range and this is not a demo register.".into(),
        );
    }
    if parts.is_empty() {
        return None;
    }
    parts.push(if p.editing.is_none() {
        "Add anyway?".into()
    } else {
        "Save anyway?".into()
    });
    Some(parts.join(" "))
}

/// On leaving the NHS number field: say at once if someone already has that number.
pub(super) fn duplicate_hint(p: &mut PersonForm, ctx: &Ctx) {
    let v = p.form.text(PersonField::Nhs).to_string();
    let Ok(n) = crate::domain::NhsNumber::parse(&v) else {
        return;
    };
    let except = p.editing.map(|(id, _)| id);
    if let Ok(Some((id, name))) = people::person_with_nhs_number(ctx.store.conn(), &n, except) {
        p.form.set_error(
            PersonField::Nhs,
            Some(format!(
                "NHS number {n} is already on the register for {name} (record {id})"
            )),
        );
    }
}
