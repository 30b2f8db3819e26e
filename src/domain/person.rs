//! A person on the register: the fields staff edit, and the rules a record must meet.

use super::nhs_number::NhsNumber;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

macro_rules! coded_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $code:literal / $label:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name { $($variant),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// Stored and exported form.
            pub fn code(self) -> &'static str { match self { $($name::$variant => $code),+ } }
            /// Shown on screen.
            pub fn label(self) -> &'static str { match self { $($name::$variant => $label),+ } }
            pub fn parse(s: &str) -> Option<Self> {
                let s = s.trim();
                Self::ALL.iter().copied().find(|v| v.code().eq_ignore_ascii_case(s) || v.label().eq_ignore_ascii_case(s))
            }
        }
    };
}
pub(crate) use coded_enum;

coded_enum!(
    /// Learning disability, autism or both (the register's entry condition).
    Diagnosis {
        LearningDisability = "ld" / "Learning disability",
        Autism = "autism" / "Autism",
        Both = "both" / "Learning disability and autism",
    }
);

coded_enum!(
    /// Where the person lives now.
    Setting {
        FamilyHome = "family_home" / "Family home",
        Placement52Week = "placement_52_week" / "52-week placement",
        SupportedLiving = "supported_living" / "Supported living",
        ResidentialCare = "residential_care" / "Residential care",
        Hospital = "hospital" / "Hospital",
        Other = "other" / "Other",
    }
);

/// The editable record of a person. Ratings, admissions, reviews and actions are kept apart
/// because each has its own history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonDetails {
    pub nhs_number: Option<NhsNumber>,
    pub local_id: Option<String>,
    pub given_name: String,
    pub family_name: String,
    pub preferred_name: Option<String>,
    pub date_of_birth: NaiveDate,
    pub sex: Option<String>,
    pub gender_identity: Option<String>,
    pub ethnicity: Option<String>,
    pub diagnosis: Diagnosis,
    pub ehcp: bool,
    pub gp_practice: Option<String>,
    pub local_authority: Option<String>,
    pub setting: Option<Setting>,
    pub keyworker: Option<String>,
    pub care_coordinator: Option<String>,
    pub objection_to_reporting: Option<NaiveDate>,
    pub referral_date: Option<NaiveDate>,
    pub referral_route: Option<String>,
    pub referrer: Option<String>,
    pub notes: Option<String>,
    /// Codes from the inclusion criteria lookup; at least one is required.
    pub criteria: Vec<String>,
}

/// A rule a record breaks, tied to the field to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: &'static str,
    pub message: String,
}

impl PersonDetails {
    /// Whole-record rules (field formats are checked when parsed).
    pub fn problems(&self, today: NaiveDate) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut need = |ok: bool, field: &'static str, message: &str| {
            if !ok {
                out.push(Problem {
                    field,
                    message: message.to_string(),
                });
            }
        };
        need(
            !self.given_name.trim().is_empty(),
            "given_name",
            "given name is required",
        );
        need(
            !self.family_name.trim().is_empty(),
            "family_name",
            "family name is required",
        );
        need(
            !self.criteria.is_empty(),
            "criteria",
            "tick at least one inclusion criterion (domain: a person needs at least one to be on the register)",
        );
        need(
            self.date_of_birth <= today,
            "date_of_birth",
            "date of birth is in the future",
        );
        need(
            self.date_of_birth >= NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN),
            "date_of_birth",
            "date of birth is before 1900",
        );
        out
    }

    /// The name used on screen: preferred name when there is one.
    pub fn display_name(&self) -> String {
        display_name(
            &self.given_name,
            self.preferred_name.as_deref(),
            &self.family_name,
        )
    }
}

/// "Family, Given (Preferred)" so lists sort and scan by family name.
pub fn display_name(given: &str, preferred: Option<&str>, family: &str) -> String {
    match preferred.filter(|p| !p.trim().is_empty() && *p != given) {
        Some(p) => format!("{family}, {given} ({p})"),
        None => format!("{family}, {given}"),
    }
}

#[cfg(test)]
mod tests;
