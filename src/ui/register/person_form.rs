//! The add / edit person form: fields, field-by-field checks (on leaving a field, and as you type
//! once a field has shown an error), and conversion to `PersonDetails` for the store.

use crate::domain::dates::{YearDirection, parse_date_of_birth, uk};
use crate::domain::nhs_number::NhsNumber;
use crate::domain::person::{Diagnosis, PersonDetails, Setting};
use crate::domain::rating::Rating;
use crate::store::people::PersonRecord;
use crate::ui::widgets::{Checks, Choice, Field, Form, Item};
use chrono::NaiveDate;

/// The form's fields, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonField {
    Nhs,
    LocalId,
    Given,
    Family,
    Preferred,
    DateOfBirth,
    Sex,
    Gender,
    Ethnicity,
    Diagnosis,
    Ehcp,
    Setting,
    Keyworker,
    Coordinator,
    Gp,
    LocalAuthority,
    Objection,
    ReferralDate,
    ReferralRoute,
    Referrer,
    Criteria,
    /// Only when adding: the first rating and why.
    FirstRating,
    FirstReason,
}

use PersonField as P;

/// Ratings a new person can start on (BLUE follows from recording an admission).
const FIRST_RATINGS: [Rating; 3] = [Rating::Red, Rating::Amber, Rating::Green];

pub struct PersonForm {
    pub form: Form<PersonField>,
    /// `None` when adding.
    pub editing: Option<(i64, i64)>,
    /// Whom an edit is for, named in the title.
    name: Option<String>,
    criteria_codes: Vec<String>,
    /// A problem the whole form has (e.g. the store refused), shown under the fields.
    pub message: Option<String>,
}

fn labels<T: Copy>(all: &[T], f: impl Fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|x| f(*x)).collect()
}

fn date_text(d: Option<NaiveDate>) -> String {
    d.map(uk).unwrap_or_default()
}

impl PersonForm {
    /// A blank form for a new referral, or one filled from `record` to edit it.
    pub fn new(
        record: Option<&PersonRecord>,
        criteria: &[(String, String)],
        today: NaiveDate,
    ) -> PersonForm {
        let d = record.map(|r| &r.details);
        let text = |label: &str, v: Option<&str>| {
            Item::text(Field::new(label).with_value(v.unwrap_or("")))
        };
        let pos = |all: &[&str], v: Option<&str>| v.and_then(|v| all.iter().position(|x| *x == v));
        let criteria_labels: Vec<&str> = criteria.iter().map(|(_, l)| l.as_str()).collect();
        let ticked: Vec<usize> = d
            .map(|d| {
                criteria
                    .iter()
                    .enumerate()
                    .filter(|(_, (code, _))| d.criteria.contains(code))
                    .map(|(i, _)| i)
                    .collect()
            })
            .unwrap_or_default();
        let diagnoses = labels(Diagnosis::ALL, Diagnosis::label);
        let settings = labels(Setting::ALL, Setting::label);
        let mut items = vec![
            (
                P::Nhs,
                Item::text(
                    Field::new("NHS number")
                        .with_value(
                            &d.and_then(|d| d.nhs_number.as_ref())
                                .map(|n| n.to_string())
                                .unwrap_or_default(),
                        )
                        .with_placeholder("10 digits, optional for a referral")
                        .with_max_chars(14),
                ),
            ),
            (
                P::LocalId,
                text("Local id", d.and_then(|d| d.local_id.as_deref())),
            ),
            (
                P::Given,
                text("Given name *", d.map(|d| d.given_name.as_str())),
            ),
            (
                P::Family,
                text("Family name *", d.map(|d| d.family_name.as_str())),
            ),
            (
                P::Preferred,
                text(
                    "Preferred name",
                    d.and_then(|d| d.preferred_name.as_deref()),
                ),
            ),
            (
                P::DateOfBirth,
                Item::text(
                    Field::new("Date of birth *")
                        .with_value(&date_text(d.map(|d| d.date_of_birth)))
                        .with_placeholder("dd/mm/yyyy")
                        .with_max_chars(12),
                ),
            ),
            (P::Sex, text("Sex", d.and_then(|d| d.sex.as_deref()))),
            (
                P::Gender,
                text(
                    "Gender identity",
                    d.and_then(|d| d.gender_identity.as_deref()),
                ),
            ),
            (
                P::Ethnicity,
                text("Ethnicity", d.and_then(|d| d.ethnicity.as_deref())),
            ),
            (
                P::Diagnosis,
                Item::choice(
                    Choice::new("Diagnosis", &diagnoses)
                        .with_selected(d.and_then(|d| pos(&diagnoses, Some(d.diagnosis.label())))),
                ),
            ),
            (
                P::Ehcp,
                Item::choice(
                    Choice::new("EHCP", &["no", "yes"])
                        .with_selected(d.map(|d| usize::from(d.ehcp))),
                ),
            ),
            (
                P::Setting,
                Item::choice(
                    Choice::new("Setting", &settings)
                        .optional()
                        .with_selected(pos(
                            &settings,
                            d.and_then(|d| d.setting.map(|s| s.label())),
                        )),
                ),
            ),
            (
                P::Keyworker,
                text("Keyworker", d.and_then(|d| d.keyworker.as_deref())),
            ),
            (
                P::Coordinator,
                text(
                    "Care coordinator",
                    d.and_then(|d| d.care_coordinator.as_deref()),
                ),
            ),
            (
                P::Gp,
                text("GP practice", d.and_then(|d| d.gp_practice.as_deref())),
            ),
            (
                P::LocalAuthority,
                text(
                    "Local authority",
                    d.and_then(|d| d.local_authority.as_deref()),
                ),
            ),
            (
                P::Objection,
                Item::text(
                    Field::date("Objects to reporting", YearDirection::Behind)
                        .with_value(&date_text(d.and_then(|d| d.objection_to_reporting)))
                        .with_placeholder("date of objection, if any"),
                ),
            ),
            (
                P::ReferralDate,
                Item::text(
                    Field::date("Referral date", YearDirection::Behind).with_value(&date_text(
                        d.and_then(|d| d.referral_date)
                            .or(record.is_none().then_some(today)),
                    )),
                ),
            ),
            (
                P::ReferralRoute,
                text(
                    "Referral route",
                    d.and_then(|d| d.referral_route.as_deref()),
                ),
            ),
            (
                P::Referrer,
                text("Referrer", d.and_then(|d| d.referrer.as_deref())),
            ),
            (
                P::Criteria,
                Item::checks(
                    Checks::new("Inclusion criteria * (at least one)", &criteria_labels)
                        .with_ticked(&ticked),
                ),
            ),
        ];
        if record.is_none() {
            let first = labels(&FIRST_RATINGS, Rating::code);
            items.push((
                P::FirstRating,
                Item::choice(Choice::new("First rating", &first).with_selected(Some(1))),
            ));
            items.push((
                P::FirstReason,
                Item::text(Field::new("Why this rating *").with_value("added to the register")),
            ));
        }
        PersonForm {
            form: Form::new(items),
            editing: record.map(|r| (r.id, r.version)),
            name: record.map(|r| format!("{}, {}", r.details.family_name, r.details.given_name)),
            criteria_codes: criteria.iter().map(|(c, _)| c.clone()).collect(),
            message: None,
        }
    }

    pub fn title(&self) -> String {
        match &self.name {
            Some(name) => format!(" Edit person: {name} "),
            None => " Add a person to the register ".to_string(),
        }
    }

    /// Check one item; sets or clears its error. Returns true when it is fine.
    pub fn check(&mut self, i: PersonField, today: NaiveDate) -> bool {
        let err = self.problem(i, today);
        let ok = err.is_none();
        self.form.set_error(i, err);
        ok
    }

    /// Re-check an item only if it already shows an error (so the error clears as soon as the
    /// input is fixed), and the NHS number as soon as it has ten digits.
    pub fn recheck_while_typing(&mut self, i: PersonField, today: NaiveDate) {
        let has_error = self.form.item(i).and_then(|it| it.error()).is_some();
        let nhs_complete = i == P::Nhs
            && self
                .form
                .text(P::Nhs)
                .chars()
                .filter(char::is_ascii_digit)
                .count()
                >= 10;
        if has_error || nhs_complete {
            self.check(i, today);
        }
    }

    fn problem(&self, i: PersonField, today: NaiveDate) -> Option<String> {
        let f = &self.form;
        let date_opt = |i: PersonField| -> Option<String> {
            match f.date(i, today)? {
                Err(e) => Some(e.to_string()),
                Ok(d) if d > today => Some(format!("{} is in the future", uk(d))),
                Ok(_) => None,
            }
        };
        match i {
            P::Nhs => {
                let v = f.text(P::Nhs);
                if v.trim().is_empty() {
                    None
                } else {
                    NhsNumber::parse(v).err().map(|e| e.to_string())
                }
            }
            P::Given => f
                .text(P::Given)
                .trim()
                .is_empty()
                .then(|| "given name is required".into()),
            P::Family => f
                .text(P::Family)
                .trim()
                .is_empty()
                .then(|| "family name is required".into()),
            P::DateOfBirth => {
                let v = f.text(P::DateOfBirth);
                if v.trim().is_empty() {
                    Some("date of birth is required (dd/mm/yyyy)".into())
                } else {
                    parse_date_of_birth(v, today).err().map(|e| e.to_string())
                }
            }
            P::Objection | P::ReferralDate => date_opt(i),
            P::Criteria => f
                .checks(P::Criteria)
                .is_none_or(|c| c.ticked().is_empty())
                .then(|| "tick at least one inclusion criterion (Space or its number)".into()),
            P::FirstReason => f
                .text(P::FirstReason)
                .trim()
                .is_empty()
                .then(|| "say why this rating (it goes in the rating history)".into()),
            _ => None,
        }
    }

    /// Check every item; on success, the details to save (and, when adding, the first rating
    /// and its reason). Focus moves to the first problem.
    pub fn validate(&mut self, today: NaiveDate) -> Option<(PersonDetails, Rating, String)> {
        let mut ok = true;
        for k in self.form.keys().to_vec() {
            ok &= self.check(k, today);
        }
        if !ok {
            self.form.focus_first_error();
            let n = self.form.error_count();
            self.message = Some(format!(
                "{n} field{} to fix before saving",
                if n == 1 { "" } else { "s" }
            ));
            return None;
        }
        self.message = None;
        let f = &self.form;
        let opt = |i: PersonField| {
            f.item(i).and_then(|it| match it {
                Item::Text(t) => t.optional(),
                _ => None,
            })
        };
        let date = |i: PersonField| f.date(i, today).and_then(Result::ok);
        let choice = |i: PersonField| f.choice(i).and_then(Choice::selected);
        let details = PersonDetails {
            nhs_number: opt(P::Nhs).and_then(|v| NhsNumber::parse(&v).ok()),
            local_id: opt(P::LocalId),
            given_name: opt(P::Given).unwrap_or_default(),
            family_name: opt(P::Family).unwrap_or_default(),
            preferred_name: opt(P::Preferred),
            date_of_birth: parse_date_of_birth(f.text(P::DateOfBirth), today).ok()?,
            sex: opt(P::Sex),
            gender_identity: opt(P::Gender),
            ethnicity: opt(P::Ethnicity),
            diagnosis: choice(P::Diagnosis)
                .and_then(|i| Diagnosis::ALL.get(i).copied())
                .unwrap_or(Diagnosis::Autism),
            ehcp: choice(P::Ehcp) == Some(1),
            setting: choice(P::Setting).and_then(|i| Setting::ALL.get(i).copied()),
            keyworker: opt(P::Keyworker),
            care_coordinator: opt(P::Coordinator),
            gp_practice: opt(P::Gp),
            local_authority: opt(P::LocalAuthority),
            objection_to_reporting: date(P::Objection),
            referral_date: date(P::ReferralDate),
            referral_route: opt(P::ReferralRoute),
            referrer: opt(P::Referrer),
            notes: None,
            criteria: f
                .checks(P::Criteria)
                .map(Checks::ticked)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|i| self.criteria_codes.get(i).cloned())
                .collect(),
        };
        let first = choice(P::FirstRating)
            .and_then(|i| FIRST_RATINGS.get(i).copied())
            .unwrap_or(Rating::Amber);
        let reason = opt(P::FirstReason).unwrap_or_default();
        Some((details, first, reason))
    }

    /// Put a store refusal on the field it concerns (duplicate NHS number or local id), or under
    /// the form.
    pub fn show_store_error(&mut self, msg: String) {
        if msg.starts_with("NHS number") {
            self.form.refuse(P::Nhs, msg);
            self.message = Some("not saved: see the NHS number".into());
        } else if msg.starts_with("local id") {
            self.form.refuse(P::LocalId, msg);
            self.message = Some("not saved: see the local id".into());
        } else {
            self.message = Some(format!("not saved: {msg}"));
        }
    }
}
