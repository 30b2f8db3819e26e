//! Dialogs on an open hospital stay, from the card: transfer to another hospital (one episode,
//! BLUE throughout), edit the ward type, security, legal status and planned discharge date, and
//! raise or resolve a barrier to discharge. Each builds the store call's input; the pane makes it.

use super::dialogs::Target;
use crate::domain::dates::{TYPED_FORMS, YearDirection, parse_due_date, parse_typed_date, uk};
use crate::domain::lookups::{LEGAL_STATUSES, WARD_TYPES};
use crate::domain::rules::{RuleField, RuleViolation};
use crate::domain::schedule::Security;
use crate::store::admissions::{Admission, AdmissionEdit, Barrier, Transfer};
use crate::ui::pane::View;
use crate::ui::rule_text::rule_message;
use crate::ui::widgets::{Choice, Field, Form, Item, form_modal};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StayKind {
    Transfer,
    Edit,
    AddBarrier,
    ResolveBarrier,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StayField {
    /// The transfer date, the date a barrier was raised, or the date it was resolved.
    On,
    Hospital,
    Ward,
    Security,
    Legal,
    PlannedDischarge,
    /// Why a notifiable placement (a child on an adult ward, DoLS under 18) goes ahead.
    NotifiableReason,
    Barrier,
    Note,
}

use StayField as F;

/// What a saved stay dialog asks the store to do.
pub enum StaySave {
    Transfer(Transfer),
    Edit {
        admission_id: i64,
        version: i64,
        edit: AdmissionEdit,
    },
    AddBarrier {
        admission_id: i64,
        code: String,
        raised_on: NaiveDate,
        note: String,
    },
    ResolveBarrier {
        barrier_id: i64,
        on: NaiveDate,
    },
}

pub struct StayDialog {
    pub kind: StayKind,
    pub target: Target,
    pub admission: Admission,
    /// What the barrier choice offers: (code, label) to raise, or (id, label) of open ones to resolve.
    options: Vec<(String, String)>,
    pub form: Form<StayField>,
    pub message: Option<String>,
}

/// A choice over a lookup list that starts on the current value, keeping a value no longer in the
/// list as an option so an edit never silently changes it.
fn lookup_choice(label: &str, list: &[&str], current: &str) -> Choice {
    let mut options: Vec<&str> = list.to_vec();
    let at = match options.iter().position(|o| *o == current) {
        Some(i) => i,
        None => {
            options.push(current);
            options.len() - 1
        }
    };
    Choice::new(label, &options).with_selected(Some(at))
}

fn security_choice(current: Security) -> Choice {
    let codes: Vec<&str> = Security::ALL.iter().map(|s| s.code()).collect();
    let at = Security::ALL.iter().position(|s| *s == current);
    Choice::new("Security", &codes).with_selected(at)
}

/// A date of something that happened (a transfer, a barrier raised or resolved).
fn date_field(label: &str, value: &str) -> Item {
    Item::text(Field::date(label, YearDirection::Behind).with_value(value))
}

fn notifiable_field() -> Item {
    Item::text(
        Field::new("Notifiable: reason")
            .with_placeholder("asked for a child on an adult ward or DoLS under 18"),
    )
}

impl StayDialog {
    fn new(
        kind: StayKind,
        target: Target,
        admission: Admission,
        options: Vec<(String, String)>,
        items: Vec<(StayField, Item)>,
    ) -> StayDialog {
        StayDialog {
            kind,
            target,
            admission,
            options,
            form: Form::new(items),
            message: None,
        }
    }

    pub fn transfer(target: Target, a: Admission, today: NaiveDate) -> StayDialog {
        let items = vec![
            (F::Hospital, Item::text(Field::new("To hospital *"))),
            (F::On, date_field("Transferred on *", &uk(today))),
            (
                F::Ward,
                Item::choice(lookup_choice("Ward type", &WARD_TYPES, &a.ward_type)),
            ),
            (F::Security, Item::choice(security_choice(a.security))),
            (
                F::Legal,
                Item::choice(lookup_choice(
                    "Legal status",
                    &LEGAL_STATUSES,
                    &a.legal_status,
                )),
            ),
            (F::NotifiableReason, notifiable_field()),
        ];
        StayDialog::new(StayKind::Transfer, target, a, Vec::new(), items)
    }

    pub fn edit(target: Target, a: Admission) -> StayDialog {
        let planned = a.planned_discharge.map(uk).unwrap_or_default();
        let items = vec![
            (
                F::Ward,
                Item::choice(lookup_choice("Ward type", &WARD_TYPES, &a.ward_type)),
            ),
            (F::Security, Item::choice(security_choice(a.security))),
            (
                F::Legal,
                Item::choice(lookup_choice(
                    "Legal status",
                    &LEGAL_STATUSES,
                    &a.legal_status,
                )),
            ),
            (
                F::PlannedDischarge,
                Item::text(
                    Field::date("Planned discharge", YearDirection::Ahead)
                        .with_value(&planned)
                        .with_placeholder("blank if not known: dd/mm/yyyy, +3m, fri"),
                ),
            ),
            (F::NotifiableReason, notifiable_field()),
        ];
        StayDialog::new(StayKind::Edit, target, a, Vec::new(), items)
    }

    /// `lookup` is the barriers list, (code, label).
    pub fn add_barrier(
        target: Target,
        a: Admission,
        lookup: Vec<(String, String)>,
        today: NaiveDate,
    ) -> StayDialog {
        let labels: Vec<&str> = lookup.iter().map(|(_, l)| l.as_str()).collect();
        let items = vec![
            (F::Barrier, Item::choice(Choice::new("Barrier *", &labels))),
            (F::On, date_field("Raised on *", &uk(today))),
            (
                F::Note,
                Item::text(Field::new("Note").with_placeholder("who is working on it (optional)")),
            ),
        ];
        StayDialog::new(StayKind::AddBarrier, target, a, lookup, items)
    }

    /// `open` are the episode's unresolved barriers.
    pub fn resolve_barrier(
        target: Target,
        a: Admission,
        open: &[Barrier],
        today: NaiveDate,
    ) -> StayDialog {
        let options: Vec<(String, String)> = open
            .iter()
            .map(|b| {
                (
                    b.id.to_string(),
                    format!("{} (raised {})", b.label, uk(b.raised_on)),
                )
            })
            .collect();
        let labels: Vec<&str> = options.iter().map(|(_, l)| l.as_str()).collect();
        let items = vec![
            (F::Barrier, Item::choice(Choice::new("Barrier *", &labels))),
            (F::On, date_field("Resolved on *", &uk(today))),
        ];
        StayDialog::new(StayKind::ResolveBarrier, target, a, options, items)
    }

    pub fn title(&self) -> String {
        let what = match self.kind {
            StayKind::Transfer => "Transfer to another hospital",
            StayKind::Edit => "Edit the admission",
            StayKind::AddBarrier => "Add a barrier to discharge",
            StayKind::ResolveBarrier => "Resolve a barrier to discharge",
        };
        format!(" {what}: {} ", self.target.name)
    }

    /// The first date this dialog's date may be: a transfer leaves the current hospital, a
    /// barrier belongs to the whole episode.
    fn earliest(&self) -> NaiveDate {
        match self.kind {
            StayKind::Transfer | StayKind::Edit => self.admission.admitted_on,
            StayKind::AddBarrier | StayKind::ResolveBarrier => self.admission.episode_start,
        }
    }

    fn problem(&self, i: StayField, today: NaiveDate) -> Option<String> {
        let f = &self.form;
        let date = |required: bool| -> Option<String> {
            let v = f.text(i).trim();
            if v.is_empty() {
                return required.then(|| format!("a date is required ({TYPED_FORMS})"));
            }
            // A planned discharge lies ahead (`31/01/27` is 2027) within the due-date horizon.
            let parsed = if i == F::PlannedDischarge {
                parse_due_date(v, today)
            } else {
                parse_typed_date(v, today, YearDirection::Behind)
            };
            match parsed {
                Err(e) => Some(e.to_string()),
                Ok(d) if d > today && i == F::On => Some(format!(
                    "{} is in the future: record it when it happens",
                    uk(d)
                )),
                Ok(d) if d < self.earliest() && i == F::On => Some(format!(
                    "{} is before the admission on {}",
                    uk(d),
                    uk(self.earliest())
                )),
                Ok(_) => None,
            }
        };
        match i {
            F::On => date(true),
            F::PlannedDischarge => date(false),
            F::Hospital => f
                .text(i)
                .trim()
                .is_empty()
                .then(|| "the hospital's name is required".into()),
            F::Barrier => self
                .options
                .is_empty()
                .then(|| "there is nothing to choose".into()),
            _ => None,
        }
    }

    pub fn check(&mut self, i: StayField, today: NaiveDate) {
        let e = self.problem(i, today);
        self.form.set_error(i, e);
    }

    /// Show a refused rule on the field it concerns and move there.
    pub fn show_rule(&mut self, v: &RuleViolation) {
        let field = match (v, v.field()) {
            (RuleViolation::ConfirmNotifiable(_), _) => Some(F::NotifiableReason),
            (_, RuleField::Hospital) => Some(F::Hospital),
            (_, RuleField::PlannedDischarge) => Some(F::PlannedDischarge),
            (_, RuleField::TransferDate | RuleField::ResolvedDate) => Some(F::On),
            _ => None,
        };
        let msg = rule_message(v);
        if let Some(i) = field.filter(|i| self.form.item(*i).is_some()) {
            self.form.set_error(i, Some(msg.clone()));
            self.form.set_focus(i);
        }
        self.message = Some(format!("not saved: {msg}"));
    }

    /// Check everything; on success, what to write.
    pub fn validate(&mut self, today: NaiveDate) -> Option<StaySave> {
        for k in self.form.keys().to_vec() {
            self.check(k, today);
        }
        if let Some(i) = self.form.first_error() {
            self.form.set_focus(i);
            self.message = Some("fix the marked fields to save".into());
            return None;
        }
        let f = &self.form;
        let text = |i: StayField| f.text(i).trim().to_string();
        let label = |i: StayField| {
            f.choice(i)
                .and_then(|c| c.selected_label())
                .unwrap_or("Other")
                .to_string()
        };
        let security = || {
            f.choice(F::Security)
                .and_then(|c| c.selected())
                .and_then(|i| Security::ALL.get(i).copied())
                .unwrap_or(Security::None)
        };
        let on = || f.date(F::On, today).and_then(Result::ok);
        let option = f
            .choice(F::Barrier)
            .and_then(|c| c.selected())
            .and_then(|i| self.options.get(i));
        Some(match self.kind {
            StayKind::Transfer => StaySave::Transfer(Transfer {
                on: on()?,
                hospital: text(F::Hospital),
                ward_type: label(F::Ward),
                security: security(),
                legal_status: label(F::Legal),
                notifiable_reason: text(F::NotifiableReason),
            }),
            StayKind::Edit => StaySave::Edit {
                admission_id: self.admission.id,
                version: self.admission.version,
                edit: AdmissionEdit {
                    ward_type: label(F::Ward),
                    security: security(),
                    legal_status: label(F::Legal),
                    planned_discharge: parse_due_date(f.text(F::PlannedDischarge), today).ok(),
                    notifiable_reason: text(F::NotifiableReason),
                },
            },
            StayKind::AddBarrier => StaySave::AddBarrier {
                admission_id: self.admission.id,
                code: option?.0.clone(),
                raised_on: on()?,
                note: text(F::Note),
            },
            StayKind::ResolveBarrier => StaySave::ResolveBarrier {
                barrier_id: option?.0.parse().ok()?,
                on: on()?,
            },
        })
    }

    pub fn render(&mut self, frame: &mut Frame, area: Rect, view: &View) {
        form_modal(
            frame,
            area,
            84,
            0,
            &self.title(),
            &mut self.form,
            self.message.as_deref(),
            "Enter saves · Tab/↓ next · ←/→ choose · Esc cancels",
            view.theme,
        );
    }
}
