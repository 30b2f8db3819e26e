use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

// Rule: headers match case-insensitively with common synonyms.
#[test]
fn header_synonyms() {
    for (h, f) in [
        ("NHS No", Field::NhsNumber),
        ("nhs number", Field::NhsNumber),
        ("NHS No.", Field::NhsNumber),
        ("nhs_number", Field::NhsNumber),
        ("DOB", Field::DateOfBirth),
        ("Date of Birth", Field::DateOfBirth),
        ("date_of_birth", Field::DateOfBirth),
        ("RAG", Field::Rating),
        ("Rating", Field::Rating),
        ("STATUS", Field::Rating),
        ("Surname", Field::FamilyName),
        ("family_name", Field::FamilyName),
        ("First Name", Field::GivenName),
        ("given_name", Field::GivenName),
        ("local_id", Field::LocalId),
        ("Key Worker", Field::Keyworker),
        ("Inclusion criteria", Field::Criteria),
    ] {
        assert_eq!(field_for_header(h), Some(f), "{h}");
    }
    assert_eq!(field_for_header("age"), None);
    assert_eq!(field_for_header(""), None);
    assert_eq!(field_for_header("open_actions"), None);
}

// Rule: ratings as words or letters in any case; others named in the message.
#[test]
fn ratings() {
    assert_eq!(parse_rating("amber"), Ok(Rating::Amber));
    assert_eq!(parse_rating("R"), Ok(Rating::Red));
    assert!(parse_rating("purple").unwrap_err().contains("purple"));
}

// Rule (DSR policy): NHS numbers are checked, and the message names the expected check digit.
#[test]
fn nhs_numbers() {
    assert!(parse_nhs("943 476 5919").is_ok());
    let e = parse_nhs("9434765918").unwrap_err();
    assert!(e.contains("should be 9"), "{e}");
}

// Rule: dates as dd/mm/yyyy, d/m/yy or ISO; impossible or future births refused.
#[test]
fn dates_of_birth() {
    let t = d("2026-11-24");
    assert_eq!(parse_dob("03/04/2012", t), Ok(d("2012-04-03")));
    assert_eq!(parse_dob("3/4/12", t), Ok(d("2012-04-03")));
    assert_eq!(parse_dob("2012-04-03", t), Ok(d("2012-04-03")));
    assert!(
        parse_dob("31/02/2012", t)
            .unwrap_err()
            .contains("no day 31")
    );
    assert!(parse_dob("01/01/2030", t).unwrap_err().contains("future"));
}

#[test]
fn cells() {
    assert_eq!(parse_diagnosis("LD & Autism"), Ok(Diagnosis::Both));
    assert_eq!(parse_diagnosis("ASD"), Ok(Diagnosis::Autism));
    assert_eq!(parse_diagnosis("ld"), Ok(Diagnosis::LearningDisability));
    assert!(parse_diagnosis("ADHD").is_err());
    assert_eq!(parse_setting("Home"), Ok(Setting::FamilyHome));
    assert_eq!(
        parse_setting("supported_living"),
        Ok(Setting::SupportedLiving)
    );
    assert_eq!(parse_yes_no("Y"), Ok(true));
    assert_eq!(parse_yes_no(""), Ok(false));
    assert!(parse_yes_no("maybe").is_err());
    let lookup = vec![
        (
            "yot".to_string(),
            "Receiving youth offending team services".to_string(),
        ),
        (
            "mha_dols".to_string(),
            "Subject to the Mental Health Act and/or DoLS".to_string(),
        ),
    ];
    assert_eq!(
        parse_criteria("MHA_DOLS; yot", &lookup).map(|r| r.codes),
        Ok(vec!["mha_dols".to_string(), "yot".to_string()])
    );
    assert_eq!(
        parse_criteria("receiving youth offending team services", &lookup),
        Ok(CriteriaRead {
            codes: vec!["yot".to_string()],
            by_meaning: vec![],
        })
    );
    assert!(
        parse_criteria("made up", &lookup)
            .unwrap_err()
            .contains("made up")
    );
}

fn full_lookup() -> Vec<(String, String)> {
    crate::domain::lookups::CRITERIA
        .iter()
        .map(|(c, l, _)| (c.to_string(), l.to_string()))
        .collect()
}

#[test]
fn a_teams_own_words_for_a_criterion_are_read_by_meaning_and_listed() {
    let lookup = full_lookup();
    for (cell, code) in [
        (
            "Living in a 52-week residential placement",
            "placement_52_week",
        ),
        ("Known to YOS", "yot"),
        ("Sectioned", "mha_dols"),
        ("Risk of placement breakdown", "breakdown_risk"),
        ("Discharged recently", "recent_discharge"),
        ("A&E attendance last month", "crisis_presentation"),
        ("currently an inpatient", "inpatient_now"),
    ] {
        let read = parse_criteria(cell, &lookup).unwrap_or_default();
        assert_eq!(read.codes, vec![code.to_string()], "{cell}");
        assert_eq!(read.by_meaning, vec![(cell.to_string(), code.to_string())]);
    }
}

#[test]
fn an_ambiguous_criterion_is_refused_naming_the_candidates_never_guessed() {
    let lookup = full_lookup();
    let e = parse_criteria("Hospital", &lookup).unwrap_err();
    assert!(
        e.contains("could mean") && e.contains("inpatient_now"),
        "{e}"
    );
    assert!(e.contains("previous_inpatient"), "{e}");
    assert!(parse_criteria("likes trains", &lookup).is_err());
}
