use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}
const TODAY: &str = "2026-11-30";

fn complete() -> FinaliseDraft {
    FinaliseDraft {
        kind: ReviewKind::Ctr,
        review_type: ReviewType::Community,
        held_on: d("2026-11-20"),
        in_hospital_on_meeting_date: false,
        in_hospital_now: false,
        review_consent: ScopeState::Given,
        consent_reason_given: false,
        panel: PanelRole::REQUIRED
            .iter()
            .map(|r| PanelSeat {
                role: *r,
                named: true,
            })
            .collect(),
        waived: vec![],
        findings: [true; 4],
        community_needs_met: Some(true),
        proposed_rating: Some(Rating::Amber),
        rating_reason_given: true,
        recommendations_complete: vec![true],
    }
}

#[test]
fn a_complete_review_can_be_finalised() {
    assert_eq!(finalise_missing(&complete(), d(TODAY)), vec![]);
}

// Hazard: a review dated three months ahead with no findings, outcome or rating was finalised.
#[test]
fn future_empty_review_lists_every_missing_item_with_its_section() {
    let draft = FinaliseDraft {
        held_on: d("2027-02-28"),
        panel: vec![PanelSeat {
            role: PanelRole::Chair,
            named: true,
        }],
        findings: [false; 4],
        community_needs_met: None,
        proposed_rating: None,
        rating_reason_given: false,
        ..complete()
    };
    let missing = finalise_missing(&draft, d(TODAY));
    let sections: Vec<Section> = missing.iter().map(Missing::section).collect();
    assert_eq!(
        missing,
        vec![
            Missing::MeetingInFuture,
            Missing::PanelRole(PanelRole::ClinicalExpert),
            Missing::PanelRole(PanelRole::ExpertByExperience),
            Missing::Findings(1),
            Missing::Findings(2),
            Missing::Findings(3),
            Missing::Findings(4),
            Missing::CommunityNeedsMet,
            Missing::ProposedRating,
        ]
    );
    assert_eq!(sections[0], Section::Setup);
    assert_eq!(sections[1], Section::Panel);
    assert_eq!(sections[3], Section::Question(1));
    assert_eq!(sections[8], Section::Outcome);
    assert!(missing[3].to_string().contains("question 1 (Safe)"));
}

// Hazard: a proposed rating that contradicts where the person is (RED while in hospital).
#[test]
fn proposed_rating_must_fit_hospital_status() {
    let draft = FinaliseDraft {
        review_type: ReviewType::InpatientRoutine,
        in_hospital_on_meeting_date: true,
        in_hospital_now: true,
        proposed_rating: Some(Rating::Red),
        ..complete()
    };
    assert_eq!(
        finalise_missing(&draft, d(TODAY)),
        vec![Missing::RatingDoesNotFit(
            RuleViolation::InHospitalStaysBlue
        )]
    );
}

// Hazard: a community review recorded during an admission satisfying the inpatient clock.
#[test]
fn review_type_must_fit_where_the_person_was() {
    let draft = FinaliseDraft {
        in_hospital_on_meeting_date: true,
        in_hospital_now: true,
        proposed_rating: Some(Rating::Blue),
        ..complete()
    };
    assert!(matches!(
        finalise_missing(&draft, d(TODAY)).as_slice(),
        [Missing::TypeDoesNotFitSetting { .. }]
    ));
}

// Rule: an emergency meeting needs a chair, not the four questions or a rating.
#[test]
fn emergency_meeting_needs_chair_not_findings() {
    let draft = FinaliseDraft {
        review_type: ReviewType::Emergency,
        panel: vec![PanelSeat {
            role: PanelRole::Chair,
            named: true,
        }],
        findings: [false; 4],
        community_needs_met: None,
        proposed_rating: None,
        ..complete()
    };
    assert_eq!(finalise_missing(&draft, d(TODAY)), vec![]);
    let no_chair = FinaliseDraft {
        panel: vec![],
        ..draft
    };
    assert_eq!(
        finalise_missing(&no_chair, d(TODAY)),
        vec![Missing::PanelRole(PanelRole::Chair)]
    );
}

#[test]
fn unnamed_members_and_incomplete_recommendations_block() {
    let mut draft = complete();
    draft.panel.push(PanelSeat {
        role: PanelRole::Pharmacist,
        named: false,
    });
    draft.recommendations_complete = vec![true, false];
    assert_eq!(
        finalise_missing(&draft, d(TODAY)),
        vec![
            Missing::UnnamedPanelMember(PanelRole::Pharmacist),
            Missing::Recommendation(2)
        ]
    );
}

// Hazard: a review was finalised (papers read) for someone whose consent covered only the register.
#[test]
fn review_without_review_consent_is_not_finalised_unless_a_reason_is_recorded() {
    use crate::domain::consent::Needed;
    let draft = FinaliseDraft {
        review_consent: ScopeState::Missing(vec![Needed::Person]),
        ..complete()
    };
    let missing = finalise_missing(&draft, d(TODAY));
    assert!(
        matches!(missing.as_slice(), [Missing::Consent(_)]),
        "{missing:?}"
    );
    assert_eq!(missing[0].section(), Section::Setup);
    assert!(missing[0].to_string().contains("the person's own consent"));
    let with_reason = FinaliseDraft {
        consent_reason_given: true,
        ..draft
    };
    assert_eq!(finalise_missing(&with_reason, d(TODAY)), vec![]);
    let withdrawn = FinaliseDraft {
        review_consent: ScopeState::Withdrawn(d("2026-11-01")),
        consent_reason_given: true,
        ..complete()
    };
    let missing = finalise_missing(&withdrawn, d(TODAY));
    assert!(
        missing[0].to_string().contains("withdrawn on 1 Nov 2026"),
        "{missing:?}"
    );
}
