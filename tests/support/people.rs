//! One fictional person for store and screen tests: the fewest details the register accepts, so a
//! test spells out only the fields it is about (`PersonDetails { ehcp: true, ..details(born) }`).
#![allow(dead_code)]

use chrono::NaiveDate;
use dsr::domain::nhs_number::NhsNumber;
use dsr::domain::person::{Diagnosis, PersonDetails};

/// Ada Okafor, born `born`, autistic with a learning disability, on the register for a risk of
/// placement breakdown; no NHS number and nothing optional.
pub fn details(born: NaiveDate) -> PersonDetails {
    PersonDetails {
        nhs_number: None,
        local_id: None,
        given_name: "Ada".into(),
        family_name: "Okafor".into(),
        preferred_name: None,
        date_of_birth: born,
        sex: None,
        gender_identity: None,
        ethnicity: None,
        diagnosis: Diagnosis::Both,
        ehcp: false,
        gp_practice: None,
        local_authority: None,
        setting: None,
        keyworker: None,
        care_coordinator: None,
        objection_to_reporting: None,
        referral_date: None,
        referral_route: None,
        referrer: None,
        notes: None,
        criteria: vec!["breakdown_risk".into()],
    }
}

/// A test NHS number (the 999 range), which must be valid.
pub fn nhs_number(digits: &str) -> Option<NhsNumber> {
    Some(NhsNumber::parse(digits).expect("valid test NHS number"))
}
