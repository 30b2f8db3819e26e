use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

// Rule (design): CETR under 18.
#[test]
fn child_gets_cetr_adult_ctr() {
    let today = d("2026-11-24");
    assert_eq!(
        suggest_kind(d("2010-01-01"), false, today),
        ReviewKind::Cetr
    );
    assert_eq!(suggest_kind(d("1990-01-01"), false, today), ReviewKind::Ctr);
}

// Rule: CETR from the 18th birthday only with an EHCP, up to 25.
#[test]
fn ehcp_extends_cetr_to_25() {
    let today = d("2026-11-24");
    assert_eq!(suggest_kind(d("2005-06-01"), true, today), ReviewKind::Cetr); // 21
    assert_eq!(suggest_kind(d("2005-06-01"), false, today), ReviewKind::Ctr);
    assert_eq!(suggest_kind(d("2001-11-24"), true, today), ReviewKind::Ctr); // 25 today
    assert_eq!(suggest_kind(d("2001-11-25"), true, today), ReviewKind::Cetr); // 24
}

// Rule: the review date, not today, decides (a review booked after the 18th birthday is a CTR).
#[test]
fn kind_uses_review_date() {
    let dob = d("2008-12-01");
    assert_eq!(suggest_kind(dob, false, d("2026-11-30")), ReviewKind::Cetr);
    assert_eq!(suggest_kind(dob, false, d("2026-12-01")), ReviewKind::Ctr);
}

// Rule: flag people turning 18 within 6 months.
#[test]
fn transition_within_six_months() {
    let today = d("2026-11-24");
    assert!(is_transition(d("2009-05-24"), today)); // 18 on 2027-05-24, exactly 6 months
    assert!(!is_transition(d("2009-05-25"), today)); // a day beyond
    assert!(is_transition(d("2008-11-25"), today)); // tomorrow
    assert!(!is_transition(d("2008-11-24"), today)); // already 18 today
    assert!(!is_transition(d("2015-01-01"), today));
}

// Hazard: a young adult with an EHCP moving from CETR to CTR at 25 without warning.
#[test]
fn ehcp_holder_flagged_before_25() {
    let today = d("2026-11-24");
    assert!(is_cetr_ending(d("2002-03-01"), true, today)); // 25 on 2027-03-01
    assert!(!is_cetr_ending(d("2002-03-01"), false, today));
    assert!(!is_cetr_ending(d("2001-11-24"), true, today)); // 25 today: already a CTR
    assert!(!is_cetr_ending(d("2005-03-01"), true, today));
}

// Rule: a review cannot be finalised without chair, clinical expert and expert by experience;
// emergency meetings have no independent experts.
#[test]
fn required_panel_roles() {
    let ctr = ReviewKind::Ctr;
    assert_eq!(
        missing_panel_roles(ctr, ReviewType::Community, &[PanelRole::Chair], &[]),
        vec![PanelRole::ClinicalExpert, PanelRole::ExpertByExperience]
    );
    assert!(missing_panel_roles(ctr, ReviewType::Emergency, &[PanelRole::Chair], &[]).is_empty());
    assert_eq!(
        missing_panel_roles(ctr, ReviewType::Emergency, &[], &[]),
        vec![PanelRole::Chair]
    );
}

// Hazard: a child's review is finalised with nobody from education or social care, though
// health, education and social care all have to be involved in a CETR.
#[test]
fn cetr_without_education_or_social_care_cannot_finalise() {
    let core = [
        PanelRole::Chair,
        PanelRole::ClinicalExpert,
        PanelRole::ExpertByExperience,
    ];
    assert_eq!(
        missing_panel_roles(ReviewKind::Cetr, ReviewType::Community, &core, &[]),
        vec![PanelRole::Education, PanelRole::SocialCare]
    );
    assert!(missing_panel_roles(ReviewKind::Ctr, ReviewType::Community, &core, &[]).is_empty());
    // The older combined role names neither.
    let mut old = core.to_vec();
    old.push(PanelRole::EducationOrSocialCare);
    assert_eq!(
        missing_panel_roles(ReviewKind::Cetr, ReviewType::InpatientRoutine, &old, &[]).len(),
        2
    );
    // A recorded reason stands in for education or social care, never for a core role.
    assert_eq!(
        missing_panel_roles(
            ReviewKind::Cetr,
            ReviewType::Community,
            &[PanelRole::Chair, PanelRole::Education],
            &[PanelRole::SocialCare, PanelRole::ClinicalExpert],
        ),
        vec![PanelRole::ClinicalExpert, PanelRole::ExpertByExperience]
    );
    assert!(panel_role_waivable(PanelRole::SocialCare));
    assert!(!panel_role_waivable(PanelRole::Chair));
}

// Rule (DSR policy, "Types"): the schedule's due type first; in hospital, inpatient routine.
#[test]
fn suggested_type_follows_schedule() {
    assert_eq!(
        suggest_type(Some("post_admission"), true),
        ReviewType::PostAdmission
    );
    assert_eq!(suggest_type(None, true), ReviewType::InpatientRoutine);
    assert_eq!(suggest_type(None, false), ReviewType::Community);
    assert_eq!(suggest_type(Some("nonsense"), false), ReviewType::Community);
}

// Rule (DSR policy, "Preparation"): the EHCP and school report are asked for in a CETR only.
#[test]
fn children_documents_only_for_cetr() {
    assert_eq!(documents_for(ReviewKind::Cetr).count(), 8);
    assert_eq!(documents_for(ReviewKind::Ctr).count(), 6);
    assert!(documents_for(ReviewKind::Ctr).all(|(c, _)| c != "ehcp"));
}

#[test]
fn structure_matches_seeds() {
    assert_eq!(QUESTIONS.len(), 4);
    assert_eq!(PRINCIPLES.len(), 8);
    assert_eq!(I_STATEMENTS.len(), 9);
    assert_eq!(
        I_STATEMENTS[8],
        "If I have to go into hospital because my health needs cannot be met in the community, it is high quality and I don't stay there longer than I need to"
    );
    for t in ReviewType::ALL {
        assert_eq!(ReviewType::parse(t.code()), Some(t));
    }
}
