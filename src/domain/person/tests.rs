use super::*;

pub(crate) fn sample() -> PersonDetails {
    PersonDetails {
        nhs_number: NhsNumber::parse("9990000018").ok(),
        local_id: None,
        given_name: "Alex".into(),
        family_name: "Test".into(),
        preferred_name: None,
        date_of_birth: NaiveDate::from_ymd_opt(2010, 5, 1).expect("date"),
        sex: None,
        gender_identity: None,
        ethnicity: None,
        diagnosis: Diagnosis::Autism,
        ehcp: true,
        gp_practice: None,
        local_authority: None,
        setting: Some(Setting::FamilyHome),
        keyworker: None,
        care_coordinator: None,
        objection_to_reporting: None,
        referral_date: None,
        referral_route: None,
        referrer: None,
        notes: None,
        criteria: vec!["specialist_services".into()],
    }
}

// Rule (DSR policy): at least one inclusion criterion must be ticked; names are required.
#[test]
fn needs_criterion_and_names() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
    assert!(sample().problems(today).is_empty());
    let mut p = sample();
    p.criteria.clear();
    p.given_name = " ".into();
    let fields: Vec<_> = p.problems(today).iter().map(|p| p.field).collect();
    assert_eq!(fields, ["given_name", "criteria"]);
}

#[test]
fn coded_enums_round_trip_and_names_show_preferred() {
    for s in Setting::ALL {
        assert_eq!(Setting::parse(s.code()), Some(*s));
    }
    assert_eq!(Diagnosis::parse("Both"), Some(Diagnosis::Both));
    assert_eq!(
        display_name("Alexander", Some("Alex"), "Test"),
        "Test, Alexander (Alex)"
    );
    assert_eq!(display_name("Alex", Some(""), "Test"), "Test, Alex");
}
