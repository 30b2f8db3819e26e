//! The register's small dialogs: re-rate, admit, discharge, remove from register, discussed today.
//! Each holds what it needs to write (person id and version) and builds the store call's input;
//! the pane makes the call.

use crate::domain::dates::{TYPED_FORMS, YearDirection, parse_due_date, uk};
use crate::domain::lookups::{DISCHARGE_DESTINATIONS, LEGAL_STATUSES, WARD_TYPES};
use crate::domain::person::Setting;
use crate::domain::rating::Rating;
use crate::domain::rules::RuleField;
use crate::domain::rules::{RuleViolation, check_rating_fits};
use crate::domain::schedule::Security;
use crate::store::admissions::NewAdmission;
use crate::text::wrap;
use crate::ui::keymap::{Binding, keys};
use crate::ui::pane::View;
use crate::ui::rule_text::rule_message;
use crate::ui::sanitize::clean;
use crate::ui::theme::rating_badge;
use crate::ui::widgets::dialog::footer;
use crate::ui::widgets::keys::FormAction;
use crate::ui::widgets::{Choice, Field, FieldKey, Form, Item, form_modal, modal};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Who a dialog acts on.
#[derive(Debug, Clone)]
pub struct Target {
    pub id: i64,
    pub version: i64,
    pub name: String,
    pub rating: Rating,
    pub in_hospital: bool,
}

/// The re-rate dialog's keys: rating letters and the reason are typed; the rest is the form's.
pub fn rerate_bindings() -> Vec<Binding> {
    let form = &keys().widgets.form;
    let row = |a: FormAction, desc: &'static str| Binding {
        keys: vec![form.keys_of(a)],
        note: None,
        desc,
        hint: Some(1),
    };
    vec![
        Binding {
            keys: Vec::new(),
            note: Some("b r a g"),
            desc: "choose the rating",
            hint: Some(1),
        },
        Binding {
            keys: Vec::new(),
            note: Some("type"),
            desc: "the reason",
            hint: Some(1),
        },
        row(FormAction::Submit, "save"),
        Binding {
            hint: None,
            ..row(FormAction::Previous, "choose the rating again")
        },
        row(FormAction::Cancel, "cancel"),
    ]
}

/// What a key did to a dialog.
pub enum DialogKey {
    Stay,
    Cancel,
    Save,
}

// ---------------------------------------------------------------------------------------------
// Re-rate: b/r/a/g picks, then the reason; Enter saves.

pub struct Rerate {
    pub target: Target,
    pub pick: Option<Rating>,
    pub reason: Field,
    pub error: Option<String>,
}

impl Rerate {
    pub fn new(target: Target) -> Rerate {
        Rerate {
            target,
            pick: None,
            reason: Field::new("Reason *").with_placeholder("why the rating changes (required)"),
            error: None,
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> DialogKey {
        let action = keys().widgets.form.action(&key);
        if action == Some(FormAction::Cancel) {
            return DialogKey::Cancel;
        }
        if self.pick.is_none() {
            if let KeyCode::Char(c) = key.code
                && let Ok(r) = c.to_string().parse::<Rating>()
            {
                self.error = self.refusal(r);
                if self.error.is_none() {
                    self.pick = Some(r);
                }
            }
            return DialogKey::Stay;
        }
        if action == Some(FormAction::Submit) {
            if self.reason.is_empty() {
                self.reason
                    .set_error(Some("a reason is required to change a rating".into()));
                return DialogKey::Stay;
            }
            return DialogKey::Save;
        }
        if action == Some(FormAction::Previous) {
            // Back to choosing the rating.
            self.pick = None;
            return DialogKey::Stay;
        }
        if self.reason.handle_key(key) == FieldKey::Changed && !self.reason.is_empty() {
            self.reason.set_error(None);
        }
        DialogKey::Stay
    }

    /// Why the store would refuse this rating for this person, said before they type a reason.
    fn refusal(&self, r: Rating) -> Option<String> {
        let violation = match check_rating_fits(r, self.target.in_hospital) {
            Err(v) => v,
            Ok(()) if r == self.target.rating => RuleViolation::SameRating(r),
            Ok(()) => return None,
        };
        Some(rule_message(&violation))
    }

    /// Each rating's description wraps under itself (they are the national wording, and cut
    /// at the border they lose the part that tells RED from AMBER); the box grows to fit them,
    /// the reason and the footer.
    pub fn render(&mut self, frame: &mut Frame, area: Rect, view: &View) {
        let t = view.theme;
        let width = 76.min(area.width);
        let inner_width = width.saturating_sub(2);
        let mut lines = vec![Line::from(vec![
            Span::raw(format!("{}  now ", clean(&self.target.name))),
            Span::styled(
                rating_badge(self.target.rating),
                t.rating(self.target.rating),
            ),
            Span::raw(format!(" {}", self.target.rating.code())),
        ])];
        lines.push(Line::raw(""));
        for r in Rating::ALL {
            let chosen = self.pick == Some(r);
            let mark = if chosen { "▸" } else { " " };
            let mut head = vec![
                Span::raw(mark),
                Span::styled(format!("{}", r.letter().to_ascii_lowercase()), t.key()),
                Span::raw(" "),
                Span::styled(rating_badge(r), t.rating(r)),
                Span::styled(
                    format!(" {:<6} ", r.code()),
                    if chosen { t.selected() } else { t.dim() },
                ),
            ];
            let indent: usize = head.iter().map(Span::width).sum();
            let meaning = wrap(
                r.meaning(),
                usize::from(inner_width).saturating_sub(indent),
                "",
            );
            for part in meaning {
                head.push(Span::styled(part, t.dim()));
                lines.push(Line::from(std::mem::take(&mut head)));
                head.push(Span::raw(" ".repeat(indent)));
            }
        }
        lines.push(Line::raw(""));
        let hint = if self.pick.is_none() {
            "press b, r, a or g to choose the new rating; Esc cancels"
        } else {
            "type the reason, Enter saves; Shift-Tab changes the rating; Esc cancels"
        };
        let foot = footer(self.error.as_deref(), hint, inner_width, t);
        let n = lines.len() as u16;
        let reason_h = self.reason.height(inner_width);
        let height = n + reason_h + foot.len() as u16 + 2;
        let title = format!(" Change rating: {} ", self.target.name);
        let inner = modal(frame, area, width, height, &title, t);
        frame.render_widget(Paragraph::new(lines), inner);
        let field_area = Rect {
            y: inner.y + n,
            height: reason_h.min(inner.height.saturating_sub(n)),
            ..inner
        };
        self.reason
            .render(frame, field_area, 10, self.pick.is_some(), t);
        let y = field_area.y + field_area.height;
        if y < inner.y + inner.height {
            frame.render_widget(
                Paragraph::new(foot),
                Rect {
                    y,
                    height: inner.y + inner.height - y,
                    ..inner
                },
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Form-based dialogs share one shape: a form, a message line, and what to do on save.

pub struct FormDialog {
    pub kind: FormKind,
    pub target: Target,
    pub form: Form<DialogField>,
    pub message: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    Admit,
    Discharge,
    Archive,
    /// Discussed at the DSR meeting today, with a note: the register review.
    Discussed,
}

/// The fields of the admit, discharge and remove dialogs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogField {
    Hospital,
    Ward,
    Security,
    Legal,
    Planned,
    OutOfArea,
    Distance,
    AdmittedOn,
    PlannedDischarge,
    /// The note for the rating history (admit).
    Note,
    DischargedOn,
    Destination,
    NewSetting,
    NewRating,
    /// Why: the discharge rating's reason, or why someone leaves the register.
    Reason,
    /// Why no community C(E)TR was held before this admission (asked when none was).
    NoCommunityReview,
    /// Why a notifiable admission goes ahead (a child on an adult ward, DoLS under 18).
    NotifiableReason,
}

use DialogField as F;

const AFTER_DISCHARGE: [Rating; 3] = [Rating::Red, Rating::Amber, Rating::Green];

/// What a saved form dialog asks the store to do.
pub enum FormSave {
    Admit(NewAdmission, String),
    Discharge {
        on: NaiveDate,
        destination: String,
        setting: Option<Setting>,
        rating: Rating,
        reason: String,
    },
    Archive(String),
    Discussed(String),
}

impl FormDialog {
    pub fn admit(target: Target, today: NaiveDate) -> FormDialog {
        let security: Vec<&str> = Security::ALL.iter().map(|s| s.code()).collect();
        let form = Form::new(vec![
            (F::Hospital, Item::text(Field::new("Hospital *"))),
            (F::Ward, Item::choice(Choice::new("Ward type", &WARD_TYPES))),
            (
                F::Security,
                Item::choice(Choice::new("Security", &security)),
            ),
            (
                F::Legal,
                Item::choice(Choice::new("Legal status", &LEGAL_STATUSES)),
            ),
            (
                F::Planned,
                Item::choice(Choice::new("Planned?", &["unplanned", "planned"])),
            ),
            (
                F::OutOfArea,
                Item::choice(Choice::new("Out of area?", &["no", "yes"])),
            ),
            (
                F::Distance,
                Item::text(Field::new("Distance (km)").with_max_chars(6)),
            ),
            (
                F::AdmittedOn,
                Item::text(
                    Field::date("Admitted on *", YearDirection::Behind).with_value(&uk(today)),
                ),
            ),
            (
                F::PlannedDischarge,
                Item::text(
                    Field::date("Planned discharge", YearDirection::Ahead)
                        .with_placeholder("if known: dd/mm/yyyy, +3m, fri"),
                ),
            ),
            (
                F::Note,
                Item::text(Field::new("Note for history").with_value("admitted to hospital")),
            ),
            (
                F::NoCommunityReview,
                Item::text(
                    Field::new("No community C(E)TR: why")
                        .with_placeholder("asked when none was held before this admission"),
                ),
            ),
            (
                F::NotifiableReason,
                Item::text(
                    Field::new("Notifiable: reason")
                        .with_placeholder("asked for a child on an adult ward or DoLS under 18"),
                ),
            ),
        ]);
        FormDialog {
            kind: FormKind::Admit,
            target,
            form,
            message: None,
        }
    }

    /// The setting before the admission is offered back, so a discharge never leaves "Hospital".
    pub fn discharge(
        target: Target,
        setting_before: Option<Setting>,
        today: NaiveDate,
    ) -> FormDialog {
        let settings: Vec<&str> = Setting::ALL.iter().map(|s| s.label()).collect();
        let before = setting_before.and_then(|b| Setting::ALL.iter().position(|s| *s == b));
        let setting_label = match setting_before {
            Some(b) => format!("New setting (before: {})", b.label()),
            None => "New setting".to_string(),
        };
        let ratings: Vec<&str> = AFTER_DISCHARGE.iter().map(|r| r.code()).collect();
        let form = Form::new(vec![
            (
                F::DischargedOn,
                Item::text(
                    Field::date("Discharged on *", YearDirection::Behind).with_value(&uk(today)),
                ),
            ),
            (
                F::Destination,
                Item::choice(Choice::new("Destination", &DISCHARGE_DESTINATIONS)),
            ),
            (
                F::NewSetting,
                Item::choice(
                    Choice::new(setting_label, &settings)
                        .optional()
                        .with_selected(before),
                ),
            ),
            // Local practice (DSR policy): RED for at least 14 days after discharge, so RED is offered.
            (
                F::NewRating,
                Item::choice(Choice::new("New rating", &ratings).with_selected(Some(0))),
            ),
            (
                F::Reason,
                Item::text(Field::new("Why this rating *").with_value(
                    "discharged from hospital: RED with enhanced support for at least 14 days",
                )),
            ),
        ]);
        FormDialog {
            kind: FormKind::Discharge,
            target,
            form,
            message: None,
        }
    }

    pub fn archive(target: Target) -> FormDialog {
        let form = Form::new(vec![(
            F::Reason,
            Item::text(
                Field::new("Reason *")
                    .with_placeholder("e.g. moved out of area, no longer meets criteria"),
            ),
        )]);
        FormDialog {
            kind: FormKind::Archive,
            target,
            form,
            message: None,
        }
    }

    pub fn discussed(target: Target) -> FormDialog {
        let form = Form::new(vec![(
            F::Note,
            Item::text(
                Field::new("Note")
                    .with_placeholder("what the DSR meeting said or agreed (optional)"),
            ),
        )]);
        FormDialog {
            kind: FormKind::Discussed,
            target,
            form,
            message: None,
        }
    }

    pub fn title(&self) -> String {
        let what = match self.kind {
            FormKind::Admit => "Record an admission",
            FormKind::Discharge => "Record the discharge",
            FormKind::Archive => "Remove from the register",
            FormKind::Discussed => "Discussed at the DSR meeting today",
        };
        format!(" {what}: {} ", self.target.name)
    }

    fn problem(&self, i: DialogField, today: NaiveDate) -> Option<String> {
        let f = &self.form;
        let date = |i: DialogField, required: bool| -> Option<String> {
            match f.date(i, today) {
                None => required.then(|| format!("a date is required ({TYPED_FORMS})")),
                Some(Err(e)) => Some(e.to_string()),
                Some(Ok(_)) => None,
            }
        };
        match (self.kind, i) {
            (FormKind::Admit, F::Hospital) => f
                .text(i)
                .trim()
                .is_empty()
                .then(|| "the hospital's name is required".into()),
            (FormKind::Admit, F::Distance) => {
                let v = f.text(i).trim();
                (!v.is_empty() && v.parse::<u32>().is_err())
                    .then(|| "distance is a whole number of kilometres".into())
            }
            (FormKind::Admit, F::AdmittedOn) => date(i, true).or_else(|| {
                f.date(i, today)
                    .and_then(Result::ok)
                    .filter(|d| *d > today)
                    .map(|d| format!("admission date {} is in the future", uk(d)))
            }),
            // A planned discharge lies ahead: `31/01/27` is 2027.
            (FormKind::Admit, F::PlannedDischarge) => {
                let v = f.text(i).trim();
                (!v.is_empty())
                    .then(|| parse_due_date(v, today).err().map(|e| e.to_string()))
                    .flatten()
            }
            (FormKind::Discharge, F::DischargedOn) => date(i, true).or_else(|| {
                f.date(i, today)
                    .and_then(Result::ok)
                    .filter(|d| *d > today)
                    .map(|d| format!("discharge date {} is in the future", uk(d)))
            }),
            (FormKind::Discharge | FormKind::Archive, F::Reason) => f
                .text(i)
                .trim()
                .is_empty()
                .then(|| "a reason is required".into()),
            _ => None,
        }
    }

    /// Show a refused rule on the field it concerns and move there.
    pub fn show_rule(&mut self, v: &RuleViolation) {
        let field = match (self.kind, v.field(), v) {
            (FormKind::Admit, _, RuleViolation::ConfirmNotifiable(_)) => Some(F::NotifiableReason),
            (FormKind::Admit, _, RuleViolation::ExplainNoCommunityReview) => {
                Some(F::NoCommunityReview)
            }
            (FormKind::Admit, RuleField::Hospital, _) => Some(F::Hospital),
            (FormKind::Admit, RuleField::AdmissionDate, _) => Some(F::AdmittedOn),
            (FormKind::Admit, RuleField::PlannedDischarge, _) => Some(F::PlannedDischarge),
            (FormKind::Discharge, RuleField::DischargeDate, _) => Some(F::DischargedOn),
            (FormKind::Discharge, RuleField::Rating, _) => Some(F::NewRating),
            (FormKind::Discharge | FormKind::Archive, RuleField::Reason, _) => Some(F::Reason),
            _ => None,
        };
        let msg = rule_message(v);
        if let Some(i) = field {
            self.form.refuse(i, msg.clone());
        }
        self.message = Some(format!("not saved: {msg}"));
    }

    pub fn check(&mut self, i: DialogField, today: NaiveDate) {
        let e = self.problem(i, today);
        self.form.set_error(i, e);
    }

    /// Check everything; on success, what to write.
    pub fn validate(&mut self, today: NaiveDate) -> Option<FormSave> {
        for k in self.form.keys().to_vec() {
            self.check(k, today);
        }
        if self.form.focus_first_error().is_some() {
            self.message = Some("fix the marked fields to save".into());
            return None;
        }
        let f = &self.form;
        let text = |i: DialogField| f.text(i).trim().to_string();
        let date = |i: DialogField| f.date(i, today).and_then(Result::ok);
        let choice = |i: DialogField| f.choice(i).and_then(|c| c.selected());
        Some(match self.kind {
            FormKind::Admit => FormSave::Admit(
                NewAdmission {
                    hospital: text(F::Hospital),
                    ward_type: f
                        .choice(F::Ward)
                        .and_then(|c| c.selected_label())
                        .unwrap_or("Other")
                        .to_string(),
                    security: choice(F::Security)
                        .and_then(|i| Security::ALL.get(i).copied())
                        .unwrap_or(Security::None),
                    legal_status: f
                        .choice(F::Legal)
                        .and_then(|c| c.selected_label())
                        .unwrap_or("Other")
                        .to_string(),
                    planned: choice(F::Planned) == Some(1),
                    out_of_area: choice(F::OutOfArea) == Some(1),
                    distance_km: text(F::Distance).parse().ok(),
                    admitted_on: date(F::AdmittedOn)?,
                    planned_discharge: parse_due_date(f.text(F::PlannedDischarge), today).ok(),
                    no_community_review_reason: text(F::NoCommunityReview),
                    notifiable_reason: text(F::NotifiableReason),
                },
                text(F::Note),
            ),
            FormKind::Discharge => FormSave::Discharge {
                on: date(F::DischargedOn)?,
                destination: f
                    .choice(F::Destination)
                    .and_then(|c| c.selected_label())
                    .unwrap_or("Other")
                    .to_string(),
                setting: choice(F::NewSetting).and_then(|i| Setting::ALL.get(i).copied()),
                rating: choice(F::NewRating)
                    .and_then(|i| AFTER_DISCHARGE.get(i).copied())
                    .unwrap_or(Rating::Red),
                reason: text(F::Reason),
            },
            FormKind::Archive => FormSave::Archive(text(F::Reason)),
            FormKind::Discussed => FormSave::Discussed(text(F::Note)),
        })
    }

    pub fn render(&mut self, frame: &mut Frame, area: Rect, view: &View) {
        let t = view.theme;
        form_modal(
            frame,
            area,
            76,
            0,
            &self.title(),
            &mut self.form,
            self.message.as_deref(),
            "Enter saves · Tab/↓ next · ←/→ choose · Esc cancels",
            t,
        );
    }
}
