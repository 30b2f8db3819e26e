//! How screens word the register's rule violations: the domain names the rule and the field, the
//! screen adds which key puts it right.

use crate::domain::rules::RuleViolation;
use crate::store::StoreError;

/// The message for a refused change, with the key to use where one helps.
pub fn rule_message(v: &RuleViolation) -> String {
    match v {
        RuleViolation::BlueNeedsAdmission => {
            "BLUE means in hospital: record an admission with i instead, which makes the person BLUE"
                .into()
        }
        RuleViolation::InHospitalStaysBlue => {
            "this person is in hospital, so stays BLUE: record the discharge with o to change the rating"
                .into()
        }
        RuleViolation::ArchiveInpatient => {
            "this person is in hospital: record the discharge with o before removing them from the register"
                .into()
        }
        other => other.to_string(),
    }
}

/// A store error as the screen shows it.
pub fn error_message(e: &StoreError) -> String {
    match e {
        StoreError::Rule(v) => rule_message(v),
        other => other.to_string(),
    }
}
