//! The wizard's writes: changing a choice or date, adding and removing panel members and
//! recommendations, saving typed text, and finalising. Each is one transaction with the
//! position, so what the screen shows is what the store holds.

use super::{Field, Step, Wizard};
use crate::domain::dates::uk;
use crate::domain::journey::Attendance;
use crate::domain::rating::Rating;
use crate::domain::review::{KloeJudgement, PanelRole, Reflection, ReviewKind, ReviewType};
use crate::domain::rules::{OlderReviewChoice, RuleViolation};
use crate::domain::triage::past_due_needs_confirmation;
use crate::store::reviews::{self, Attendee, PanelText, RecText, ReviewText};
use crate::store::{Result as StoreResult, StoreError, Writer};
use crate::ui::pane::Ctx;
use crate::ui::rule_text::{error_message, rule_message};
use chrono::{Days, NaiveDate};

impl Wizard {
    /// Write the editor's text to its field (with the cursor) before the frame is drawn. If the
    /// write fails the edit is undone, so the screen never shows what was not saved.
    pub(super) fn commit_text(&mut self, ctx: &mut Ctx) {
        let Some(ed) = self.editor.as_ref() else {
            return;
        };
        let (field, text, today) = (ed.field, ed.text(), self.today);
        let d = &self.data;
        let id = d.review.id;
        let key = field.lease_key();
        let ok = self.write(ctx, move |w| {
            reviews::hold_field(w, id, &key, "This field")?;
            write_text(w, id, field, &text, today)
        });
        if !ok && let Some(ed) = self.editor.as_mut() {
            ed.area.undo();
        }
    }

    /// Space / arrows / + - on a choice or date field.
    pub(super) fn change(&mut self, delta: i64, ctx: &mut Ctx) {
        let Some(field) = self.focused() else { return };
        let d = &self.data;
        let id = d.review.id;
        let fwd = delta > 0;
        let ok = match field {
            Field::Kind => {
                let k = match d.review.kind {
                    ReviewKind::Cetr => ReviewKind::Ctr,
                    ReviewKind::Ctr => ReviewKind::Cetr,
                };
                self.write(ctx, |w| reviews::set_kind(w, id, k))
            }
            Field::Type => {
                let t = cycle(&ReviewType::ALL, d.review.review_type, fwd);
                self.write(ctx, |w| reviews::set_type(w, id, t))
            }
            Field::HeldOn => {
                let on = if delta >= 0 {
                    d.review
                        .held_on
                        .checked_add_days(Days::new(delta.unsigned_abs()))
                } else {
                    d.review
                        .held_on
                        .checked_sub_days(Days::new(delta.unsigned_abs()))
                };
                let on = on.unwrap_or(d.review.held_on);
                self.write(ctx, |w| reviews::set_held_on(w, id, on))
            }
            Field::Virtual => {
                let v = !d.review.virtual_meeting;
                self.write(ctx, |w| reviews::set_virtual(w, id, v))
            }
            Field::Ready => {
                let v = !d.review.ready;
                let today = self.today;
                self.write(ctx, |w| reviews::set_ready(w, id, v, today))
            }
            Field::PanelRole(m) => {
                let Some(cur) = d.panel.iter().find(|p| p.id == m).map(|p| p.role) else {
                    return;
                };
                let r = cycle(&PanelRole::ALL, cur, fwd);
                self.write(ctx, |w| reviews::set_panel_role(w, m, r))
            }
            Field::Document(i) => {
                let Some(doc) = d.documents.get(i).cloned() else {
                    return;
                };
                self.write(ctx, |w| {
                    reviews::set_document(w, id, &doc.code, &doc.label, !doc.received)
                })
            }
            Field::Judgement(k) => {
                let Some(cur) = d.kloes.iter().find(|x| x.kloe_id == k).map(|x| x.judgement) else {
                    return;
                };
                let j = cycle(&KloeJudgement::ALL, cur, fwd);
                self.write(ctx, |w| reviews::set_kloe_judgement(w, id, k, j))
            }
            Field::Reflection(kind, n) => {
                let Some(cur) = d
                    .principles
                    .iter()
                    .find(|p| p.kind == kind && p.number == n)
                    .map(|p| p.reflection)
                else {
                    return;
                };
                let r = cycle(&Reflection::ALL, cur, fwd);
                self.write(ctx, |w| reviews::set_reflection(w, id, kind, n, r))
            }
            Field::NeedsMet => {
                let v = cycle(
                    &[None, Some(true), Some(false)],
                    d.review.community_needs_met,
                    fwd,
                );
                self.write(ctx, |w| reviews::set_community_needs_met(w, id, v))
            }
            Field::Proposed => {
                let options = [
                    None,
                    Some(Rating::Green),
                    Some(Rating::Amber),
                    Some(Rating::Red),
                    Some(Rating::Blue),
                ];
                let v = cycle(&options, d.review.proposed_rating, fwd);
                self.write(ctx, |w| reviews::set_proposed_rating(w, id, v))
            }
            Field::PersonAttendance | Field::FamilyAttendance => {
                let (who, cur) = if field == Field::PersonAttendance {
                    (Attendee::Person, d.review.person_attendance)
                } else {
                    (Attendee::Family, d.review.family_attendance)
                };
                let options = [
                    None,
                    Some(Attendance::Attended),
                    Some(Attendance::ContributedOtherWay),
                    Some(Attendance::Declined),
                ];
                let v = cycle(&options, cur, fwd);
                self.write(ctx, |w| reviews::set_attendance(w, id, who, v))
            }
            Field::RecQuestion(r) => {
                let Some(cur) = d.recs.iter().find(|x| x.id == r).map(|x| x.question) else {
                    return;
                };
                let q = cycle(&[None, Some(1), Some(2), Some(3), Some(4)], cur, fwd);
                self.write(ctx, |w| reviews::set_recommendation_question(w, r, q))
            }
            _ => return,
        };
        let _ = ok;
    }

    pub(super) fn press(&mut self, ctx: &mut Ctx) {
        match self.focused() {
            Some(Field::AddPanel | Field::AddRec) => self.add_row(ctx),
            Some(Field::Finalise) => self.finalise(ctx),
            _ => {}
        }
    }

    /// `a` on the panel or recommendations step: a new row, focused on its first text field.
    pub(super) fn add_row(&mut self, ctx: &mut Ctx) {
        let id = self.review_id();
        let today = self.today;
        let target = match self.step {
            Step::Panel => {
                let role = self.data.next_missing_role();
                let mut new_id = 0;
                if self.write(ctx, |w| {
                    new_id = reviews::add_panel_slot(w, id, role)?;
                    Ok(())
                }) {
                    Some(Field::PanelName(new_id))
                } else {
                    None
                }
            }
            Step::Recommendations => {
                let mut new_id = 0;
                if self.write(ctx, |w| {
                    new_id = reviews::add_recommendation_slot(w, id, None, today)?;
                    Ok(())
                }) {
                    Some(Field::RecText(new_id))
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some(f) = target {
            self.focus_field(f, ctx);
        }
    }

    pub(super) fn focus_field(&mut self, f: Field, ctx: &mut Ctx) {
        if let Some(i) = self.fields().iter().position(|x| *x == f) {
            self.focus = i;
            self.enter_field(None, ctx);
        }
    }

    /// `d` on a panel member or recommendation removes that row (drafts only).
    pub(super) fn delete_row(&mut self, ctx: &mut Ctx) {
        let panel = matches!(
            self.focused(),
            Some(Field::PanelRole(_) | Field::PanelName(_) | Field::PanelOrg(_))
        );
        let ok = match self.focused() {
            Some(Field::PanelRole(m) | Field::PanelName(m) | Field::PanelOrg(m)) => {
                self.write(ctx, |w| reviews::remove_panel_member(w, m))
            }
            Some(
                Field::RecText(r)
                | Field::RecQuestion(r)
                | Field::RecOwner(r)
                | Field::RecOrg(r)
                | Field::RecDue(r),
            ) => self.write(ctx, |w| reviews::remove_recommendation(w, r)),
            _ => return,
        };
        if ok {
            if panel {
                // The add button, not the text fields that follow the members on this step.
                self.focus_field(Field::AddPanel, ctx);
            } else {
                let n = self.fields().len();
                self.focus = self.focus.min(n.saturating_sub(1));
                self.enter_field(None, ctx);
            }
            ctx.info("Removed");
        }
    }

    pub(super) fn finalise(&mut self, ctx: &mut Ctx) {
        if self.read_only() {
            ctx.error("This review is already final");
            return;
        }
        if let Some(first) = self.data.blockers.first() {
            ctx.error(format!(
                "Cannot finalise yet ({} to do, listed below): {first}",
                self.data.blockers.len()
            ));
            return;
        }
        if !self.confirm_finalise {
            self.confirm_finalise = true;
            // A recommendation due before today becomes an overdue action the moment it is
            // created: usually a slip in the date, so say so while asking.
            let past: Vec<String> = self
                .data
                .recs
                .iter()
                .filter_map(|r| r.due.filter(|d| past_due_needs_confirmation(*d, ctx.today)))
                .map(uk)
                .collect();
            if past.is_empty() {
                ctx.info("Press Enter again to finalise: the rating changes, actions are created and the review locks");
            } else {
                ctx.error(format!(
                    "{} recommendation(s) due in the past ({}) would become overdue actions at once: fix the date at step {}, or press Enter again to finalise anyway",
                    past.len(),
                    past.join(", "),
                    Step::Recommendations.number()
                ));
            }
            return;
        }
        self.confirm_finalise = false;
        self.write_final(None, ctx);
    }

    /// Finalise for real; `choice` answers the question asked when the meeting was older than
    /// the person's current rating.
    pub(super) fn write_final(&mut self, choice: Option<OlderReviewChoice>, ctx: &mut Ctx) {
        let (id, version, today) = (self.review_id(), self.data.review.version, ctx.today);
        match ctx
            .store
            .write(|w| reviews::finalise(w, id, version, choice, today))
        {
            Ok(actions) => {
                ctx.info(format!(
                    "Review finalised: {} action(s) created; the review is now read-only",
                    actions.len()
                ));
                self.reload(ctx);
                self.editor = None;
                self.editing = false;
                self.register_changed = true;
            }
            Err(StoreError::Rule(v @ RuleViolation::ReviewOlderThanRating { .. })) => {
                self.older_review = true;
                ctx.error(format!(
                    "{}: press a to apply it as of today, k to keep the newer rating, any other key to wait",
                    rule_message(&v)
                ));
            }
            Err(e) => {
                ctx.error(error_message(&e));
                self.reload(ctx);
            }
        }
    }
}

/// The next or previous value in a list (wrapping).
fn cycle<T: Copy + PartialEq>(all: &[T], cur: T, forward: bool) -> T {
    let n = all.len();
    let i = all.iter().position(|x| *x == cur).unwrap_or(0);
    let j = if forward {
        (i + 1) % n
    } else {
        (i + n - 1) % n
    };
    all[j]
}

/// Save the text of one field of review `id`.
fn write_text(
    w: &mut Writer,
    id: i64,
    field: Field,
    text: &str,
    today: NaiveDate,
) -> StoreResult<()> {
    match field {
        Field::Place => reviews::set_text(w, id, ReviewText::Place, text),
        Field::ConsentNote => reviews::set_text(w, id, ReviewText::ConsentNote, text),
        Field::RatingReason => reviews::set_text(w, id, ReviewText::RatingReason, text),
        Field::OutcomeNotes => reviews::set_text(w, id, ReviewText::OutcomeNotes, text),
        Field::PanelName(m) => reviews::set_panel_text(w, m, PanelText::Name, text),
        Field::PanelOrg(m) => reviews::set_panel_text(w, m, PanelText::Organisation, text),
        Field::Findings(q) => reviews::set_findings(w, id, q, text),
        Field::KloeNote(k) => reviews::set_kloe_note(w, id, k, text),
        Field::PrincipleNote(kind, n) => reviews::set_principle_note(w, id, kind, n, text),
        Field::RecText(r) => reviews::set_recommendation_text(w, r, RecText::Text, text, today),
        Field::RecOwner(r) => reviews::set_recommendation_text(w, r, RecText::Owner, text, today),
        Field::RecOrg(r) => {
            reviews::set_recommendation_text(w, r, RecText::Organisation, text, today)
        }
        Field::RecDue(r) => reviews::set_recommendation_text(w, r, RecText::Due, text, today),
        Field::Waiver(role) => reviews::set_panel_waiver(w, id, role, text),
        _ => Ok(()),
    }
}
