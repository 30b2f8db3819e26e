//! `x` in the Reviews pane: discard a draft review started by mistake, with a reason. The draft is
//! kept (read-only, with who discarded it, when and why, in its audit trail) and leaves the list,
//! so the person can be given a new draft.

use super::{Entry, ReviewsPane};
use crate::domain::dates::uk;
use crate::domain::review::ReviewStatus;
use crate::store::reviews;
use crate::ui::pane::{Ctx, Outcome, Request, View};
use crate::ui::sanitize::clean;
use crate::ui::widgets::dialog::form_modal;
use crate::ui::widgets::field::Field;
use crate::ui::widgets::form::{Form, FormEvent, Item};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DiscardField {
    Reason,
}

pub(super) struct DiscardDialog {
    pub(super) review_id: i64,
    person: String,
    pub(super) title: String,
    pub(super) form: Form<DiscardField>,
    problem: Option<String>,
}

impl ReviewsPane {
    /// Ask for the reason to discard the selected draft.
    pub(super) fn open_discard(&mut self, ctx: &mut Ctx) {
        let Some(Entry::Review(r)) = self
            .selected_entry()
            .filter(|e| matches!(e, Entry::Review(r) if r.status == ReviewStatus::Draft))
        else {
            ctx.error("x discards a draft review: choose a DRAFT row first");
            return;
        };
        let person = clean(&r.person_name).into_owned();
        let title = format!(
            " Discard draft {} {} of {} for {person} ",
            r.id,
            r.kind.code(),
            uk(r.held_on)
        );
        let form = Form::new(vec![(
            DiscardField::Reason,
            Item::text(Field::new("Reason").with_placeholder("e.g. started for the wrong person")),
        )]);
        self.discard = Some(DiscardDialog {
            review_id: r.id,
            person,
            title,
            form,
            problem: None,
        });
    }

    /// Typed text in the dialog, for the question Ctrl-C asks.
    pub(super) fn discard_unsaved(&self) -> Option<String> {
        self.discard
            .as_ref()
            .filter(|d| d.form.is_dirty())
            .map(|d| format!("the reason typed in \"{}\"", d.title.trim()))
    }

    pub(super) fn discard_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Outcome {
        let Some(d) = self.discard.as_mut() else {
            return Outcome::Ignored;
        };
        match d.form.handle_key(key) {
            FormEvent::Cancel => {
                self.discard = None;
                Outcome::Consumed
            }
            FormEvent::Submit => {
                let reason = d.form.text(DiscardField::Reason).trim().to_string();
                if reason.is_empty() {
                    d.form.refuse(
                        DiscardField::Reason,
                        "say why it is discarded; it is kept with the draft",
                    );
                    return Outcome::Consumed;
                }
                let id = d.review_id;
                match ctx.store.write(|w| reviews::discard(w, id, &reason)) {
                    Ok(()) => {
                        ctx.info(format!(
                            "Discarded draft review {id} for {}: kept with your reason, and a new review can be started",
                            d.person
                        ));
                        self.discard = None;
                        self.reload_or_say(ctx);
                        Outcome::Request(Request::DataChanged)
                    }
                    Err(e) => {
                        d.problem = Some(e.to_string());
                        Outcome::Consumed
                    }
                }
            }
            _ => Outcome::Consumed,
        }
    }

    pub(super) fn render_discard(&mut self, frame: &mut Frame, area: Rect, view: &View) {
        let Some(d) = self.discard.as_mut() else {
            return;
        };
        form_modal(
            frame,
            area,
            72,
            6,
            &d.title,
            &mut d.form,
            d.problem.as_deref(),
            "Enter discard · Esc keep the draft",
            view.theme,
        );
    }
}
