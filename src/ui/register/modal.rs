//! The register's modal modes: the add / edit, re-rate, admit, discharge, remove and keyworker
//! dialogs, and the yes/no questions over them. Each dialog's save is one store write; a refused
//! write keeps the dialog open with what was typed and says why.

use super::consent_dialog::{ConsentDialog, ConsentSave};
use super::dialogs::{DialogKey, FormDialog, FormSave, Rerate, Target};
use super::keys::RegisterAction;
use super::person_form::{PersonField, PersonForm};
use super::stay::{StayDialog, StaySave};
use super::{Asking, Dialog, RegisterPane};
use crate::domain::dates::uk;
use crate::domain::rating::Rating;
use crate::domain::review::{ReviewType, suggest_kind};
use crate::store::{StoreError, admissions, consent, people, schedule};
use crate::ui::pane::{Ctx, Outcome, Request};
use crate::ui::widgets::{Confirm, ConfirmEvent, FormEvent};
use ratatui::crossterm::event::KeyEvent;

impl RegisterPane {
    pub(super) fn open_add(&mut self, ctx: &mut Ctx) -> Outcome {
        self.dialog = Some(Dialog::Person(Box::new(PersonForm::new(
            None,
            &self.criteria,
            ctx.today,
        ))));
        Outcome::Consumed
    }

    pub(super) fn open_edit(&mut self, ctx: &mut Ctx) -> Outcome {
        let Some(t) = self.target(ctx) else {
            return Outcome::Consumed;
        };
        match people::person(ctx.store.conn(), t.id) {
            Ok(rec) => {
                self.dialog = Some(Dialog::Person(Box::new(PersonForm::new(
                    Some(&rec),
                    &self.criteria,
                    ctx.today,
                ))))
            }
            Err(e) => ctx.error(e.to_string()),
        }
        Outcome::Consumed
    }

    /// The consent dialog for the card's person (or the selected row's).
    pub(super) fn open_consent(&mut self, ctx: &mut Ctx) -> Outcome {
        let Some(t) = self.target(ctx) else {
            return Outcome::Consumed;
        };
        self.open_consent_for(t, ctx);
        Outcome::Consumed
    }

    pub(super) fn open_consent_for(&mut self, t: Target, ctx: &mut Ctx) {
        let conn = ctx.store.conn();
        match people::person(conn, t.id).and_then(|p| {
            consent::consents_of(conn, t.id).map(|rows| (p.details.date_of_birth, rows))
        }) {
            Ok((dob, rows)) => {
                self.dialog = Some(Dialog::Consent(Box::new(ConsentDialog::new(
                    t, dob, &rows, ctx.today,
                ))))
            }
            Err(e) => ctx.error(e.to_string()),
        }
    }

    pub(super) fn open_target_dialog(&mut self, action: RegisterAction, ctx: &mut Ctx) -> Outcome {
        let Some(t) = self.target(ctx) else {
            return Outcome::Consumed;
        };
        let archived = self
            .card
            .as_ref()
            .map(|c| c.person.removed_on.is_some())
            .unwrap_or_else(|| self.selected_row().is_some_and(|r| r.archived));
        if archived && action != RegisterAction::Archive {
            ctx.error(format!(
                "{} is not on the register (archived): restore them first with x",
                t.name
            ));
            return Outcome::Consumed;
        }
        self.dialog = match action {
            RegisterAction::Rerate => Some(Dialog::Rerate(Box::new(Rerate::new(t)))),
            RegisterAction::Admit if t.in_hospital => {
                ctx.error(format!(
                    "{} is already in hospital: record the discharge with o",
                    t.name
                ));
                None
            }
            RegisterAction::Admit => Some(Dialog::Form(Box::new(FormDialog::admit(t, ctx.today)))),
            RegisterAction::Discharge if !t.in_hospital => {
                ctx.error(format!("{} has no open admission to discharge", t.name));
                None
            }
            RegisterAction::Discharge => {
                let before = people::open_admission(ctx.store.conn(), t.id)
                    .ok()
                    .flatten()
                    .and_then(|a| a.setting_before);
                Some(Dialog::Form(Box::new(FormDialog::discharge(
                    t, before, ctx.today,
                ))))
            }
            RegisterAction::Discussed => Some(Dialog::Form(Box::new(FormDialog::discussed(t)))),
            RegisterAction::Archive if archived => {
                self.confirm = Some((
                    Confirm::new(format!("Put {} back on the register?", t.name))
                        .titled(&format!("Restore to the register: {}", t.name)),
                    Asking::Restore(t),
                ));
                None
            }
            RegisterAction::Archive => Some(Dialog::Form(Box::new(FormDialog::archive(t)))),
            _ => None,
        };
        Outcome::Consumed
    }

    pub(super) fn dialog_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Outcome {
        let Some(dialog) = self.dialog.as_mut() else {
            return Outcome::Ignored;
        };
        match dialog {
            Dialog::Keyworker(p) => match p.handle_key(key) {
                DialogKey::Stay => {}
                DialogKey::Cancel => self.dialog = None,
                DialogKey::Save => {
                    let chosen = p.chosen();
                    self.dialog = None;
                    let mut f = self.list.filters().clone();
                    f.keyworker = chosen;
                    self.keep_selection(|l| l.set_filters(f));
                }
            },
            Dialog::Rerate(d) => match d.handle_key(key) {
                DialogKey::Stay => {}
                DialogKey::Cancel => {
                    if d.reason.is_empty() {
                        self.dialog = None;
                    } else {
                        self.ask_discard();
                    }
                }
                DialogKey::Save => {
                    let (t, to, reason) = (d.target.clone(), d.pick, d.reason.value().to_string());
                    let Some(to) = to else {
                        return Outcome::Consumed;
                    };
                    let today = ctx.today;
                    let res = ctx
                        .store
                        .write(|w| people::rerate(w, t.id, t.version, to, &reason, today, None));
                    return match res {
                        Ok(()) => {
                            self.dialog = None;
                            let out = self.written(
                                t.id,
                                ctx,
                                format!("{} is now {}: saved with your reason", t.name, to.code()),
                            );
                            if to == Rating::Red {
                                self.ask_emergency_meeting(&t, ctx);
                            }
                            out
                        }
                        Err(e) => {
                            let msg = self.refused(t.id, ctx, &e);
                            if let Some(Dialog::Rerate(d)) = self.dialog.as_mut() {
                                d.error = Some(msg);
                            }
                            Outcome::Consumed
                        }
                    };
                }
            },
            Dialog::Stay(_) => return self.stay_key(key, ctx),
            Dialog::Form(d) => match d.form.handle_key(key) {
                FormEvent::Left(i) => d.check(i, ctx.today),
                FormEvent::Changed(i) => {
                    if d.form.item(i).and_then(|it| it.error()).is_some() {
                        d.check(i, ctx.today);
                    }
                }
                FormEvent::Cancel => {
                    if d.form.is_dirty() {
                        self.ask_discard();
                    } else {
                        self.dialog = None;
                    }
                }
                FormEvent::Submit => {
                    let Some(save) = d.validate(ctx.today) else {
                        return Outcome::Consumed;
                    };
                    let t = d.target.clone();
                    let res = ctx.store.write(|w| match &save {
                        FormSave::Admit(a, reason) => {
                            admissions::admit(w, t.id, t.version, a, reason, ctx.today).map(|_| ())
                        }
                        FormSave::Discharge {
                            on,
                            destination,
                            setting,
                            rating,
                            reason,
                        } => admissions::discharge(
                            w,
                            t.id,
                            t.version,
                            *on,
                            destination,
                            *setting,
                            *rating,
                            reason,
                            ctx.today,
                        ),
                        FormSave::Archive(reason) => {
                            people::archive(w, t.id, t.version, reason, ctx.today)
                        }
                        FormSave::Discussed(note) => {
                            schedule::record_register_review(w, t.id, ctx.today, note).map(|_| ())
                        }
                    });
                    let done = match &save {
                        FormSave::Admit(a, _) => format!(
                            "{} admitted to {} on {}: now BLUE",
                            t.name,
                            a.hospital,
                            uk(a.admitted_on)
                        ),
                        FormSave::Discharge { rating, on, .. } => format!(
                            "{} discharged on {}: now {}",
                            t.name,
                            uk(*on),
                            rating.code()
                        ),
                        FormSave::Archive(_) => format!(
                            "{} removed from the register (f x shows archived people)",
                            t.name
                        ),
                        FormSave::Discussed(_) => format!(
                            "{} discussed at the DSR meeting today: the next register review moves on",
                            t.name
                        ),
                    };
                    return match res {
                        Ok(()) => {
                            self.dialog = None;
                            if matches!(save, FormSave::Archive(_)) {
                                self.card = None;
                            }
                            self.written(t.id, ctx, done)
                        }
                        Err(e) => {
                            let msg = self.refused(t.id, ctx, &e);
                            if let Some(Dialog::Form(d)) = self.dialog.as_mut() {
                                match &e {
                                    StoreError::Rule(v) => d.show_rule(v),
                                    _ => d.message = Some(format!("not saved: {msg}")),
                                }
                            }
                            Outcome::Consumed
                        }
                    };
                }
                FormEvent::Consumed | FormEvent::Ignored => {}
            },
            Dialog::Consent(d) => match d.form.handle_key(key) {
                FormEvent::Left(i) => d.check(i, ctx.today, ctx.store.user()),
                FormEvent::Changed(i) => {
                    if d.form.item(i).and_then(|it| it.error()).is_some() {
                        d.check(i, ctx.today, ctx.store.user());
                    }
                }
                FormEvent::Cancel => {
                    if d.form.is_dirty() {
                        self.ask_discard();
                    } else {
                        self.dialog = None;
                    }
                }
                FormEvent::Submit => {
                    let user = ctx.store.user().to_string();
                    let Some(save) = d.validate(ctx.today, &user) else {
                        return Outcome::Consumed;
                    };
                    let (t, today) = (d.target.clone(), ctx.today);
                    let res = ctx.store.write(|w| match &save {
                        ConsentSave::Record(r) => {
                            consent::record_consent(w, t.id, r, today).map(|_| ())
                        }
                        ConsentSave::Withdraw { id, version, on } => {
                            consent::withdraw_consent(w, *id, *version, *on, today)
                        }
                    });
                    let done = match &save {
                        ConsentSave::Record(r) => {
                            format!("Consent {} for {}: saved", r.decision.code(), t.name)
                        }
                        ConsentSave::Withdraw { on, .. } => {
                            format!("Consent withdrawn for {} on {}", t.name, uk(*on))
                        }
                    };
                    return match res {
                        Ok(()) => {
                            self.dialog = None;
                            self.written(t.id, ctx, done)
                        }
                        Err(e) => {
                            let msg = self.refused(t.id, ctx, &e);
                            if let Some(Dialog::Consent(d)) = self.dialog.as_mut() {
                                d.message = Some(format!("not saved: {msg}"));
                            }
                            Outcome::Consumed
                        }
                    };
                }
                FormEvent::Consumed | FormEvent::Ignored => {}
            },
            Dialog::Person(p) => match p.form.handle_key(key) {
                FormEvent::Left(i) => {
                    p.check(i, ctx.today);
                    if i == PersonField::Nhs {
                        super::person_save::duplicate_hint(p, ctx);
                    }
                }
                FormEvent::Changed(i) => p.recheck_while_typing(i, ctx.today),
                FormEvent::Cancel => {
                    if p.form.is_dirty() {
                        self.ask_discard();
                    } else {
                        self.dialog = None;
                    }
                }
                FormEvent::Submit => return self.save_person(false, ctx),
                FormEvent::Consumed | FormEvent::Ignored => {}
            },
        }
        Outcome::Consumed
    }

    /// Transfer, edit the admission, or raise / resolve a barrier: only during a stay.
    pub(super) fn open_stay_dialog(&mut self, action: RegisterAction, ctx: &mut Ctx) -> Outcome {
        let Some(t) = self.target(ctx) else {
            return Outcome::Consumed;
        };
        let conn = ctx.store.conn();
        let open = match people::open_admission(conn, t.id) {
            Ok(Some(a)) => a,
            Ok(None) => {
                ctx.error(format!(
                    "{} is not in hospital: record an admission with i first",
                    t.name
                ));
                return Outcome::Consumed;
            }
            Err(e) => {
                ctx.error(e.to_string());
                return Outcome::Consumed;
            }
        };
        let today = ctx.today;
        let dialog = match action {
            RegisterAction::Transfer => StayDialog::transfer(t, open, today),
            RegisterAction::EditAdmission => StayDialog::edit(t, open),
            RegisterAction::AddBarrier => match admissions::barrier_lookup(conn) {
                Ok(lookup) => StayDialog::add_barrier(t, open, lookup, today),
                Err(e) => {
                    ctx.error(e.to_string());
                    return Outcome::Consumed;
                }
            },
            _ => {
                let unresolved: Vec<_> = match admissions::barriers_of(conn, open.id) {
                    Ok(b) => b.into_iter().filter(|b| b.resolved_on.is_none()).collect(),
                    Err(e) => {
                        ctx.error(e.to_string());
                        return Outcome::Consumed;
                    }
                };
                if unresolved.is_empty() {
                    ctx.error(format!(
                        "{} has no open barrier to discharge: b adds one",
                        t.name
                    ));
                    return Outcome::Consumed;
                }
                StayDialog::resolve_barrier(t, open, &unresolved, today)
            }
        };
        self.dialog = Some(Dialog::Stay(Box::new(dialog)));
        Outcome::Consumed
    }

    fn stay_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Outcome {
        let Some(Dialog::Stay(d)) = self.dialog.as_mut() else {
            return Outcome::Ignored;
        };
        match d.form.handle_key(key) {
            FormEvent::Left(i) => d.check(i, ctx.today),
            FormEvent::Changed(i) => {
                if d.form.item(i).and_then(|it| it.error()).is_some() {
                    d.check(i, ctx.today);
                }
            }
            FormEvent::Cancel => {
                if d.form.is_dirty() {
                    self.ask_discard();
                } else {
                    self.dialog = None;
                }
            }
            FormEvent::Submit => {
                let Some(save) = d.validate(ctx.today) else {
                    return Outcome::Consumed;
                };
                let t = d.target.clone();
                let today = ctx.today;
                let res = ctx.store.write(|w| match &save {
                    StaySave::Transfer(tr) => {
                        admissions::transfer(w, t.id, t.version, tr, today).map(|_| ())
                    }
                    StaySave::Edit {
                        admission_id,
                        version,
                        edit,
                    } => admissions::edit_admission(w, *admission_id, *version, edit),
                    StaySave::AddBarrier {
                        admission_id,
                        code,
                        raised_on,
                        note,
                    } => admissions::add_barrier(w, *admission_id, code, *raised_on, note)
                        .map(|_| ()),
                    StaySave::ResolveBarrier { barrier_id, on } => {
                        admissions::resolve_barrier(w, *barrier_id, *on)
                    }
                });
                let done = match &save {
                    StaySave::Transfer(tr) => format!(
                        "{} transferred to {} on {}: the same stay, still BLUE",
                        t.name,
                        tr.hospital,
                        uk(tr.on)
                    ),
                    StaySave::Edit { .. } => format!("Saved the changes to {}'s admission", t.name),
                    StaySave::AddBarrier { .. } => {
                        format!("Barrier to discharge added for {}", t.name)
                    }
                    StaySave::ResolveBarrier { on, .. } => {
                        format!("Barrier to discharge resolved on {}", uk(*on))
                    }
                };
                return match res {
                    Ok(()) => {
                        self.dialog = None;
                        self.written(t.id, ctx, done)
                    }
                    Err(e) => {
                        let msg = self.refused(t.id, ctx, &e);
                        if let Some(Dialog::Stay(d)) = self.dialog.as_mut() {
                            match &e {
                                StoreError::Rule(v) => d.show_rule(v),
                                _ => d.message = Some(format!("not saved: {msg}")),
                            }
                        }
                        Outcome::Consumed
                    }
                };
            }
            FormEvent::Consumed | FormEvent::Ignored => {}
        }
        Outcome::Consumed
    }

    /// RED asks for a community C(E)TR urgently; when there is no time for one, the policy's
    /// answer is an emergency meeting (LAEP for a child, blue light for an adult), so say so at
    /// the moment of re-rating and offer to start the review.
    fn ask_emergency_meeting(&mut self, t: &Target, ctx: &mut Ctx) {
        let Ok(p) = people::person(ctx.store.conn(), t.id) else {
            return;
        };
        let kind = suggest_kind(p.details.date_of_birth, p.details.ehcp, ctx.today);
        self.confirm = Some((
            Confirm::new(format!(
                "{} is RED: community {} due urgently; if there is no time, consider a {}. Start a review now?",
                t.name,
                kind.code(),
                ReviewType::Emergency.meeting_name(kind)
            ))
            .titled(&format!("Start a C(E)TR: {}", t.name)),
            Asking::StartReview(t.id),
        ));
    }

    pub(super) fn ask_discard(&mut self) {
        self.confirm = Some((
            Confirm::new("Discard what you typed in this form?")
                .titled(&self.typed_title().unwrap_or_default()),
            Asking::Discard,
        ));
    }

    pub(super) fn confirm_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Outcome {
        let Some((c, _)) = &self.confirm else {
            return Outcome::Ignored;
        };
        match c.handle_key(key) {
            ConfirmEvent::Pending => Outcome::Consumed,
            ConfirmEvent::No => {
                self.confirm = None;
                Outcome::Consumed
            }
            ConfirmEvent::Yes => match self.confirm.take().map(|(_, a)| a) {
                Some(Asking::Discard) => {
                    self.dialog = None;
                    Outcome::Consumed
                }
                Some(Asking::SaveDespiteIdentity) => self.save_person(true, ctx),
                Some(Asking::StartReview(person_id)) => {
                    Outcome::Request(Request::StartReview { person_id })
                }
                Some(Asking::Restore(t)) => {
                    match ctx.store.write(|w| people::restore(w, t.id, t.version)) {
                        Ok(()) => {
                            self.written(t.id, ctx, format!("{} is back on the register", t.name))
                        }
                        Err(e) => {
                            let msg = self.refused(t.id, ctx, &e);
                            ctx.error(msg);
                            Outcome::Consumed
                        }
                    }
                }
                None => Outcome::Consumed,
            },
        }
    }
}
