//! Key lines of enquiry come in four templates, as NHS England publishes them: adult or child,
//! community or inpatient. A review asks the lines of the template its kind and type call for.

use super::review::{ReviewKind, ReviewType};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KloeTemplate {
    AdultCommunity,
    AdultInpatient,
    ChildCommunity,
    ChildInpatient,
}

impl KloeTemplate {
    pub const ALL: [KloeTemplate; 4] = [
        KloeTemplate::AdultCommunity,
        KloeTemplate::AdultInpatient,
        KloeTemplate::ChildCommunity,
        KloeTemplate::ChildInpatient,
    ];
    pub fn code(self) -> &'static str {
        match self {
            KloeTemplate::AdultCommunity => "adult_community",
            KloeTemplate::AdultInpatient => "adult_inpatient",
            KloeTemplate::ChildCommunity => "child_community",
            KloeTemplate::ChildInpatient => "child_inpatient",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            KloeTemplate::AdultCommunity => "adult, community",
            KloeTemplate::AdultInpatient => "adult, inpatient",
            KloeTemplate::ChildCommunity => "child, community",
            KloeTemplate::ChildInpatient => "child, inpatient",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == s.trim())
    }
    fn is_child(self) -> bool {
        matches!(
            self,
            KloeTemplate::ChildCommunity | KloeTemplate::ChildInpatient
        )
    }
    fn is_inpatient(self) -> bool {
        matches!(
            self,
            KloeTemplate::AdultInpatient | KloeTemplate::ChildInpatient
        )
    }
}

/// The template a review asks: a CETR uses a child template and a CTR an adult one; post-admission
/// and inpatient routine reviews use the inpatient template, community reviews and emergency
/// meetings the community one, and a review on request follows where the person is.
pub fn template_for(kind: ReviewKind, review_type: ReviewType, in_hospital: bool) -> KloeTemplate {
    let inpatient = match review_type {
        ReviewType::PostAdmission | ReviewType::InpatientRoutine => true,
        ReviewType::Community | ReviewType::Emergency => false,
        ReviewType::OnRequest => in_hospital,
    };
    match (kind, inpatient) {
        (ReviewKind::Ctr, false) => KloeTemplate::AdultCommunity,
        (ReviewKind::Ctr, true) => KloeTemplate::AdultInpatient,
        (ReviewKind::Cetr, false) => KloeTemplate::ChildCommunity,
        (ReviewKind::Cetr, true) => KloeTemplate::ChildInpatient,
    }
}

pub const TEMPLATE_SOURCE: &str = "starter set drawn from NHS England's C(E)TR templates (adult / child x community / inpatient): edit to match the published templates";

/// Who a starter line is for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum For {
    All,
    Child,
    Adult,
    Community,
    Inpatient,
}

/// Starter lines: (question, for, text).
const STARTER: [(u8, For, &str); 24] = [
    (
        1,
        For::All,
        "Safeguarding: concerns raised and how they were handled",
    ),
    (
        1,
        For::All,
        "Restrictive practice: restraint, seclusion, segregation",
    ),
    (1, For::All, "Risk assessment and crisis plan are current"),
    (1, For::Adult, "Physical health and medication (STOMP)"),
    (1, For::Child, "Physical health and medication (STAMP)"),
    (2, For::All, "Care plan is person centred and followed"),
    (2, For::All, "Communication needs are met"),
    (2, For::All, "Positive behaviour support plan in place"),
    (2, For::All, "Advocacy (IMHA / IMCA / independent) offered"),
    (2, For::All, "Family involvement in care"),
    (
        2,
        For::Inpatient,
        "Therapeutic activity and time off the ward",
    ),
    (
        3,
        For::Child,
        "Education: school or college place, EHCP reviewed",
    ),
    (3, For::Adult, "Work, volunteering or day activities"),
    (3, For::Child, "Transition to adult services planned"),
    (3, For::Inpatient, "Discharge plan with a date"),
    (
        3,
        For::Community,
        "What would prevent an admission, and who does it",
    ),
    (3, For::All, "Person's own goals and hopes recorded"),
    (4, For::Community, "Housing and accommodation are stable"),
    (
        4,
        For::Community,
        "Community support and provider identified",
    ),
    (4, For::Community, "Crisis support available at home"),
    (
        4,
        For::All,
        "Funding agreed (health, social care, education)",
    ),
    (
        4,
        For::Inpatient,
        "Barriers to discharge and who will resolve them",
    ),
    (
        4,
        For::Inpatient,
        "Home and provider to go back to identified",
    ),
    (4, For::Child, "Short breaks and support for the family"),
];

/// The starter lines of one template, in order: (question, text).
pub fn starter(template: KloeTemplate) -> impl Iterator<Item = (u8, &'static str)> {
    STARTER
        .into_iter()
        .filter(move |(_, who, _)| match who {
            For::All => true,
            For::Child => template.is_child(),
            For::Adult => !template.is_child(),
            For::Community => !template.is_inpatient(),
            For::Inpatient => template.is_inpatient(),
        })
        .map(|(q, _, text)| (q, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    // Hazard: a child in hospital is reviewed with the adult community questions.
    #[test]
    fn template_follows_kind_type_and_setting() {
        use KloeTemplate::*;
        use ReviewKind::*;
        use ReviewType::*;
        assert_eq!(template_for(Cetr, Community, false), ChildCommunity);
        assert_eq!(template_for(Cetr, PostAdmission, true), ChildInpatient);
        assert_eq!(template_for(Ctr, InpatientRoutine, true), AdultInpatient);
        assert_eq!(template_for(Ctr, Emergency, false), AdultCommunity);
        assert_eq!(template_for(Ctr, OnRequest, true), AdultInpatient);
        assert_eq!(template_for(Cetr, OnRequest, false), ChildCommunity);
    }

    // Community reviews do not ask for a discharge date; adults are not asked about transition.
    #[test]
    fn starter_lines_fit_their_template() {
        let has = |t: KloeTemplate, s: &str| starter(t).any(|(_, x)| x.contains(s));
        assert!(!has(
            KloeTemplate::AdultCommunity,
            "Discharge plan with a date"
        ));
        assert!(!has(
            KloeTemplate::ChildCommunity,
            "Discharge plan with a date"
        ));
        assert!(has(
            KloeTemplate::ChildInpatient,
            "Discharge plan with a date"
        ));
        assert!(!has(
            KloeTemplate::AdultInpatient,
            "Transition to adult services"
        ));
        assert!(has(
            KloeTemplate::ChildCommunity,
            "Transition to adult services"
        ));
        for t in KloeTemplate::ALL {
            for q in 1..=4 {
                assert!(starter(t).any(|(n, _)| n == q), "{t:?} asks question {q}");
            }
        }
    }
}
