//! `s` in the Reviews pane: record that a final review's report or the family's action plan went
//! out, when and to whom.

use super::{Entry, ReviewsPane};
use crate::domain::dates::{TYPED_FORMS, YearDirection, uk};
use crate::store::reviews::{self, Paper};
use crate::ui::pane::{Ctx, Outcome, Request, View};
use crate::ui::widgets::dialog::form_modal;
use crate::ui::widgets::field::Field;
use crate::ui::widgets::form::{Choice, Form, FormEvent, Item};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SentField {
    Paper,
    On,
    To,
}

pub(super) struct SentDialog {
    pub(super) review_id: i64,
    pub(super) title: String,
    pub(super) form: Form<SentField>,
    problem: Option<String>,
}

impl ReviewsPane {
    /// Open the dialog for the selected final review (or overdue report), starting on the paper
    /// still unsent.
    pub(super) fn open_sent(&mut self, ctx: &mut Ctx) {
        let (review_id, name, family_first) = match self.selected_entry() {
            Some(Entry::Review(r)) if r.finalised_at.is_some() => (
                r.id,
                r.person_name.clone(),
                r.report_sent_on.is_some() && r.family_plan_sent_on.is_none(),
            ),
            Some(Entry::ReportDue(o)) => (
                o.review_id,
                o.person_name.clone(),
                o.report_sent && !o.family_plan_sent,
            ),
            _ => {
                ctx.error(
                    "Choose a finished review, or an overdue report, to record what was sent",
                );
                return;
            }
        };
        let form = Form::new(vec![
            (
                SentField::Paper,
                Item::choice(
                    Choice::new("Paper", &["review report", "family action plan"])
                        .with_selected(Some(usize::from(family_first))),
                ),
            ),
            (
                SentField::On,
                Item::text(
                    Field::date("Sent on", YearDirection::Behind).with_value(&uk(ctx.today)),
                ),
            ),
            (
                SentField::To,
                Item::text(Field::new("Sent to").with_placeholder("everyone who took part")),
            ),
        ]);
        self.sent = Some(SentDialog {
            review_id,
            title: format!(" Sent: {} ", crate::ui::sanitize::clean(&name)),
            form,
            problem: None,
        });
    }

    /// Typed text in the dialog, for the question Ctrl-C asks.
    pub(super) fn sent_unsaved(&self) -> Option<String> {
        self.sent
            .as_ref()
            .filter(|d| d.form.is_dirty())
            .map(|d| format!("what you typed in \"{}\"", d.title.trim()))
    }

    pub(super) fn sent_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Outcome {
        let Some(d) = self.sent.as_mut() else {
            return Outcome::Ignored;
        };
        match d.form.handle_key(key) {
            FormEvent::Cancel => {
                self.sent = None;
                Outcome::Consumed
            }
            FormEvent::Submit => {
                let paper = if d.form.choice(SentField::Paper).and_then(Choice::selected) == Some(1)
                {
                    Paper::FamilyPlan
                } else {
                    Paper::Report
                };
                let on = match d.form.date(SentField::On, ctx.today) {
                    Some(Ok(on)) => on,
                    None => {
                        d.form
                            .refuse(SentField::On, format!("a date is required ({TYPED_FORMS})"));
                        return Outcome::Consumed;
                    }
                    Some(Err(e)) => {
                        d.problem = None;
                        d.form.refuse(SentField::On, e.to_string());
                        return Outcome::Consumed;
                    }
                };
                let to = d.form.text(SentField::To).to_string();
                let (id, today) = (d.review_id, ctx.today);
                match ctx
                    .store
                    .write(|w| reviews::set_sent(w, id, paper, on, &to, today))
                {
                    Ok(()) => {
                        self.sent = None;
                        ctx.info(format!("Recorded: {} sent {}", paper.label(), uk(on)));
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

    pub(super) fn render_sent(&mut self, frame: &mut Frame, area: Rect, view: &View) {
        let Some(d) = self.sent.as_mut() else { return };
        form_modal(
            frame,
            area,
            64,
            8,
            &d.title,
            &mut d.form,
            d.problem.as_deref(),
            "Enter save · Esc cancel",
            view.theme,
        );
    }
}
