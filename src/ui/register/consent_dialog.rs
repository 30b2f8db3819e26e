//! The consent dialog, opened from the card (`c`) and after adding a person: record a decision
//! (given or declined, by whom, on what basis, for which scopes) or withdraw one given earlier.
//! Nothing is ticked or chosen for the person: staff ask, and record what was said. The domain's
//! rules check the record; a refusal lands on the field it concerns.

use super::dialogs::Target;
use crate::domain::consent::{
    CHOOSABLE_BASES, ConsentRecord, Decision, Giver, Scope, check_record,
};
use crate::domain::dates::{YearDirection, uk};
use crate::store::consent::ConsentRow;
use crate::ui::pane::View;
use crate::ui::widgets::{Checks, Choice, Field, Form, Item, form_modal};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;

/// The dialog's fields, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsentField {
    /// Record a new decision, or withdraw one of the given records.
    What,
    Decision,
    Giver,
    GiverName,
    CapacityAssessed,
    Basis,
    /// The date of the decision, or of the withdrawal.
    On,
    Scopes,
    ShareWith,
}

use ConsentField as C;

/// What a saved dialog asks the store to do.
pub enum ConsentSave {
    Record(ConsentRecord),
    Withdraw {
        id: i64,
        version: i64,
        on: NaiveDate,
    },
}

pub struct ConsentDialog {
    pub target: Target,
    date_of_birth: NaiveDate,
    /// The given records that can be withdrawn, in the order the `What` choice lists them.
    withdrawable: Vec<(i64, i64)>,
    pub form: Form<ConsentField>,
    pub message: Option<String>,
}

impl ConsentDialog {
    pub fn new(
        target: Target,
        date_of_birth: NaiveDate,
        records: &[ConsentRow],
        today: NaiveDate,
    ) -> ConsentDialog {
        let given: Vec<&ConsentRow> = records
            .iter()
            .filter(|r| r.record.decision == Decision::Given)
            .collect();
        let mut what = vec!["record a decision".to_string()];
        what.extend(given.iter().map(|r| {
            let scopes: Vec<&str> = r.record.scopes.iter().map(|s| s.label()).collect();
            format!(
                "withdraw: {} {} ({})",
                r.record.giver.label().to_lowercase(),
                uk(r.record.decided_on),
                scopes.join(", ")
            )
        }));
        let givers: Vec<&str> = Giver::ALL.iter().map(|g| g.label()).collect();
        let bases: Vec<&str> = CHOOSABLE_BASES.iter().map(|b| b.label()).collect();
        let scopes: Vec<&str> = Scope::ALL.iter().map(|s| s.label()).collect();
        let form = Form::new(vec![
            (C::What, Item::choice(Choice::new("What", &what))),
            (
                C::Decision,
                Item::choice(Choice::new("Decision", &["given", "declined"])),
            ),
            // Who gave it is asked, never assumed.
            (
                C::Giver,
                Item::choice(Choice::new("Given by *", &givers).optional()),
            ),
            (
                C::GiverName,
                Item::text(
                    Field::new("Their name")
                        .with_placeholder("the parent or carer, or who made the decision"),
                ),
            ),
            (
                C::CapacityAssessed,
                Item::text(Field::date(
                    "Capacity assessed on (best interests)",
                    YearDirection::Behind,
                )),
            ),
            (C::Basis, Item::choice(Choice::new("Basis", &bases))),
            (
                C::On,
                Item::text(Field::date("Date *", YearDirection::Behind).with_value(&uk(today))),
            ),
            (
                C::Scopes,
                Item::checks(Checks::new("Covers * (ask each)", &scopes)),
            ),
            (
                C::ShareWith,
                Item::text(
                    Field::new("Share with").with_placeholder("organisations, separated by ;"),
                ),
            ),
        ]);
        ConsentDialog {
            target,
            date_of_birth,
            withdrawable: given.iter().map(|r| (r.id, r.version)).collect(),
            form,
            message: None,
        }
    }

    /// The given record picked for withdrawal, if the dialog is withdrawing one.
    fn withdrawing(&self) -> Option<(i64, i64)> {
        let i = self.form.choice(C::What).and_then(Choice::selected)?;
        i.checked_sub(1)
            .and_then(|i| self.withdrawable.get(i).copied())
    }

    fn date(&self, k: ConsentField, today: NaiveDate) -> Result<Option<NaiveDate>, String> {
        self.form
            .date(k, today)
            .transpose()
            .map_err(|e| e.to_string())
    }

    /// The record as typed so far (dates that do not parse are left out; their fields say why).
    fn record(&self, today: NaiveDate, user: &str) -> ConsentRecord {
        let f = &self.form;
        let choice = |k: ConsentField| f.choice(k).and_then(Choice::selected);
        ConsentRecord {
            giver: choice(C::Giver)
                .and_then(|i| Giver::ALL.get(i).copied())
                .unwrap_or(Giver::Person),
            giver_name: Some(f.text(C::GiverName).trim().to_string()).filter(|s| !s.is_empty()),
            capacity_assessed_on: self.date(C::CapacityAssessed, today).ok().flatten(),
            basis: choice(C::Basis)
                .and_then(|i| CHOOSABLE_BASES.get(i).copied())
                .unwrap_or(CHOOSABLE_BASES[0]),
            decided_on: self.date(C::On, today).ok().flatten().unwrap_or(today),
            scopes: f
                .checks(C::Scopes)
                .map(Checks::ticked)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|i| Scope::ALL.get(i).copied())
                .collect(),
            share_with: f
                .text(C::ShareWith)
                .split(';')
                .map(|o| o.trim().to_string())
                .filter(|o| !o.is_empty())
                .collect(),
            decision: if choice(C::Decision) == Some(1) {
                Decision::Declined
            } else {
                Decision::Given
            },
            recorded_by: user.to_string(),
        }
    }

    /// Every problem, on its field.
    fn problems(&self, today: NaiveDate, user: &str) -> Vec<(ConsentField, String)> {
        let mut out = Vec::new();
        for k in [C::On, C::CapacityAssessed] {
            if let Err(e) = self.date(k, today) {
                out.push((k, e));
            }
        }
        if self.form.text(C::On).trim().is_empty() {
            out.push((C::On, "a date is required (dd/mm/yyyy)".into()));
        }
        if self.withdrawing().is_some() {
            return out;
        }
        if self
            .form
            .choice(C::Giver)
            .and_then(Choice::selected)
            .is_none()
        {
            out.push((
                C::Giver,
                "choose who gave (or declined) consent (←/→): the person, someone with parental responsibility, or a best-interests decision".into(),
            ));
            return out;
        }
        let record = self.record(today, user);
        for p in check_record(&record, self.date_of_birth, today) {
            let field = match p.field {
                "decided_on" | "withdrawn_on" => C::On,
                "scopes" => C::Scopes,
                "share_with" => C::ShareWith,
                "giver" => C::Giver,
                "giver_name" => C::GiverName,
                _ => C::CapacityAssessed,
            };
            if !out.iter().any(|(k, _)| *k == field) {
                out.push((field, p.message));
            }
        }
        out
    }

    /// Re-check one field when it is left (only its own problem is shown).
    pub fn check(&mut self, k: ConsentField, today: NaiveDate, user: &str) {
        let problem = self
            .problems(today, user)
            .into_iter()
            .find(|(f, _)| *f == k)
            .map(|(_, m)| m);
        self.form.set_error(k, problem);
    }

    /// Check everything; on success, what to write.
    pub fn validate(&mut self, today: NaiveDate, user: &str) -> Option<ConsentSave> {
        self.form.clear_errors();
        let problems = self.problems(today, user);
        if let Some((first, _)) = problems.first() {
            let first = *first;
            for (k, m) in problems {
                self.form.set_error(k, Some(m));
            }
            self.form.set_focus(first);
            self.message = Some("fix the marked fields to save".into());
            return None;
        }
        let on = self.date(C::On, today).ok().flatten()?;
        Some(match self.withdrawing() {
            Some((id, version)) => ConsentSave::Withdraw { id, version, on },
            None => ConsentSave::Record(self.record(today, user)),
        })
    }

    pub fn title(&self) -> String {
        format!(" Consent: {} ", self.target.name)
    }

    pub fn render(&mut self, frame: &mut Frame, area: Rect, view: &View) {
        form_modal(
            frame,
            area,
            96,
            0,
            &self.title(),
            &mut self.form,
            self.message.as_deref(),
            "Enter saves · Tab/↓ next · ←/→ choose · Space ticks · Esc cancels",
            view.theme,
        );
    }
}
