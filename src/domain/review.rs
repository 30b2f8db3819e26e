//! C(E)TR structure: kinds, types, the four questions, the eight principles, panel roles.

use super::age::{age_on, birthday};
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// CETR for children and young people, CTR for adults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum ReviewKind {
    Cetr,
    Ctr,
}

impl ReviewKind {
    pub fn code(self) -> &'static str {
        match self {
            ReviewKind::Cetr => "CETR",
            ReviewKind::Ctr => "CTR",
        }
    }
    pub fn title(self) -> &'static str {
        match self {
            ReviewKind::Cetr => "Care, Education and Treatment Review",
            ReviewKind::Ctr => "Care and Treatment Review",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_uppercase().as_str() {
            "CETR" => Some(ReviewKind::Cetr),
            "CTR" => Some(ReviewKind::Ctr),
            _ => None,
        }
    }
}

/// Design rule (DSR policy): CETR when under 18, or under 25 with an EHCP; otherwise CTR.
pub fn suggest_kind(dob: NaiveDate, ehcp: bool, review_on: NaiveDate) -> ReviewKind {
    let age = age_on(dob, review_on);
    if age < 18 || (age < 25 && ehcp) {
        ReviewKind::Cetr
    } else {
        ReviewKind::Ctr
    }
}

/// Months ahead of the 18th birthday when a person is flagged for transition planning.
pub const TRANSITION_MONTHS: u32 = 6;

/// True for a child whose 18th birthday falls within the next six months (inclusive).
pub fn is_transition(dob: NaiveDate, today: NaiveDate) -> bool {
    let eighteenth = birthday(dob, 18);
    let horizon = today
        .checked_add_months(Months::new(TRANSITION_MONTHS))
        .unwrap_or(NaiveDate::MAX);
    eighteenth > today && eighteenth <= horizon
}

/// True for a young adult with an EHCP whose 25th birthday, when their reviews become CTRs, falls
/// within the next six months (inclusive): the same flag as transition at 18.
pub fn is_cetr_ending(dob: NaiveDate, ehcp: bool, today: NaiveDate) -> bool {
    let twenty_fifth = birthday(dob, 25);
    let horizon = today
        .checked_add_months(Months::new(TRANSITION_MONTHS))
        .unwrap_or(NaiveDate::MAX);
    ehcp && age_on(dob, today) >= 18 && twenty_fifth > today && twenty_fifth <= horizon
}

/// The review types of the national policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewType {
    Community,
    Emergency,
    PostAdmission,
    InpatientRoutine,
    OnRequest,
}

impl ReviewType {
    pub const ALL: [ReviewType; 5] = [
        ReviewType::Community,
        ReviewType::Emergency,
        ReviewType::PostAdmission,
        ReviewType::InpatientRoutine,
        ReviewType::OnRequest,
    ];
    pub fn code(self) -> &'static str {
        match self {
            ReviewType::Community => "community",
            ReviewType::Emergency => "emergency",
            ReviewType::PostAdmission => "post_admission",
            ReviewType::InpatientRoutine => "inpatient_routine",
            ReviewType::OnRequest => "on_request",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            ReviewType::Community => "Community",
            ReviewType::Emergency => "Emergency meeting (LAEP / blue light)",
            ReviewType::PostAdmission => "Post-admission",
            ReviewType::InpatientRoutine => "Inpatient routine",
            ReviewType::OnRequest => "On request",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == s.trim())
    }
    /// Emergency meetings run without independent experts (DSR policy, "Types").
    pub fn needs_independent_panel(self) -> bool {
        self.is_cetr()
    }
    /// False only for an emergency meeting: its own kind of meeting, never a C(E)TR, so it never
    /// satisfies a due date.
    pub fn is_cetr(self) -> bool {
        self != ReviewType::Emergency
    }
    /// What the meeting is called for a person on this kind of review: an emergency meeting is a
    /// Local Area Emergency Protocol (LAEP) meeting for children, a "blue light" meeting for adults.
    pub fn meeting_name(self, kind: ReviewKind) -> &'static str {
        match (self, kind) {
            (ReviewType::Emergency, ReviewKind::Cetr) => "LAEP meeting",
            (ReviewType::Emergency, ReviewKind::Ctr) => "Blue light meeting",
            (_, ReviewKind::Cetr) => "CETR",
            (_, ReviewKind::Ctr) => "CTR",
        }
    }
}

/// A review's suggested type: the one the policy schedule says is due next, else inpatient routine
/// for someone in hospital, else community (DSR policy, "Types").
pub fn suggest_type(next_due_type: Option<&str>, in_hospital: bool) -> ReviewType {
    match next_due_type.and_then(ReviewType::parse) {
        Some(t) => t,
        None if in_hospital => ReviewType::InpatientRoutine,
        None => ReviewType::Community,
    }
}

/// The per-review document checklist (DSR policy, "Preparation"): (code, label, children only).
pub const DOCUMENTS: [(&str, &str, bool); 8] = [
    ("planner", "Review planner with consent form", false),
    (
        "previous_report",
        "Previous review report and action plan",
        false,
    ),
    ("risk", "Risk assessments", false),
    ("care_plan", "Care plan", false),
    ("pbs", "Positive behaviour support plan", false),
    ("medication", "Medication list", false),
    ("ehcp", "Education, Health and Care plan (EHCP)", true),
    ("education", "School or college report", true),
];

/// The documents a review of this kind asks for: children's items only for a CETR.
pub fn documents_for(kind: ReviewKind) -> impl Iterator<Item = (&'static str, &'static str)> {
    DOCUMENTS
        .into_iter()
        .filter(move |(_, _, child)| !child || kind == ReviewKind::Cetr)
        .map(|(code, label, _)| (code, label))
}

/// The four questions every C(E)TR asks (seed 003).
pub const QUESTIONS: [&str; 4] = [
    "Is the person safe?",
    "Are they getting good care and treatment?",
    "What are their plans for the future?",
    "Can care and treatment happen in their own home and their own community?",
];

/// Short names for narrow screens and report headings.
pub const QUESTION_SHORT: [&str; 4] = [
    "Safe",
    "Care and treatment",
    "Future plans",
    "Home and community",
];

/// The eight principles (seed 003).
pub const PRINCIPLES: [&str; 8] = [
    "Person centred and family centred",
    "Evidence based",
    "Rights led",
    "Seeing the whole person",
    "Open, independent and challenging",
    "Nothing about us without us",
    "Action focused",
    "Life in the Community",
];

/// The nine "I" statements, offered in every review, in the words of the local "Homes not
/// hospitals" page (written for children, young people and adults alike).
pub const I_STATEMENTS: [&str; 9] = [
    "I have an interesting life that I enjoy",
    "My care and support is well planned",
    "I have choice and control about my care and support",
    "I live in the community with the support I need",
    "I have choice about where I live and who I live with",
    "I get good care from health services",
    "I get help from experts in the community when I need it",
    "I get help to stay out of trouble with the police if I need it",
    "If I have to go into hospital because my health needs cannot be met in the community, it is high quality and I don't stay there longer than I need to",
];

/// Panel roles; the first three are required to finalise (DSR policy, "Panel").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PanelRole {
    Chair,
    ClinicalExpert,
    ExpertByExperience,
    Education,
    SocialCare,
    /// Older records named one member for both; a CETR now needs each named.
    EducationOrSocialCare,
    Pharmacist,
    Person,
    Family,
    Professional,
    Other,
}

impl PanelRole {
    pub const REQUIRED: [PanelRole; 3] = [
        PanelRole::Chair,
        PanelRole::ClinicalExpert,
        PanelRole::ExpertByExperience,
    ];
    /// Also required for a CETR: health, education and social care all have to be involved.
    pub const REQUIRED_CETR: [PanelRole; 2] = [PanelRole::Education, PanelRole::SocialCare];
    pub const ALL: [PanelRole; 11] = [
        PanelRole::Chair,
        PanelRole::ClinicalExpert,
        PanelRole::ExpertByExperience,
        PanelRole::Education,
        PanelRole::SocialCare,
        PanelRole::EducationOrSocialCare,
        PanelRole::Pharmacist,
        PanelRole::Person,
        PanelRole::Family,
        PanelRole::Professional,
        PanelRole::Other,
    ];
    pub fn code(self) -> &'static str {
        match self {
            PanelRole::Chair => "chair",
            PanelRole::ClinicalExpert => "clinical_expert",
            PanelRole::ExpertByExperience => "expert_by_experience",
            PanelRole::Education => "education",
            PanelRole::SocialCare => "social_care",
            PanelRole::EducationOrSocialCare => "education_social_care",
            PanelRole::Pharmacist => "pharmacist",
            PanelRole::Person => "person",
            PanelRole::Family => "family",
            PanelRole::Professional => "professional",
            PanelRole::Other => "other",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            PanelRole::Chair => "Chair",
            PanelRole::ClinicalExpert => "Independent clinical expert",
            PanelRole::ExpertByExperience => "Expert by experience",
            PanelRole::Education => "Education",
            PanelRole::SocialCare => "Social care",
            PanelRole::EducationOrSocialCare => "Education / social care (older record)",
            PanelRole::Pharmacist => "Pharmacist",
            PanelRole::Person => "The person",
            PanelRole::Family => "Family / carer",
            PanelRole::Professional => "Professional",
            PanelRole::Other => "Other",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == s.trim())
    }
}

/// Which required panel roles are missing. An emergency meeting needs only a chair of the three
/// core roles; a CETR of any type also needs education and social care, unless the review records
/// why one of those could not take part (`waived`). The core roles cannot be waived.
pub fn missing_panel_roles(
    kind: ReviewKind,
    review_type: ReviewType,
    present: &[PanelRole],
    waived: &[PanelRole],
) -> Vec<PanelRole> {
    let core = PanelRole::REQUIRED
        .into_iter()
        .filter(|r| review_type.needs_independent_panel() || *r == PanelRole::Chair);
    let cetr = PanelRole::REQUIRED_CETR
        .into_iter()
        .filter(|_| kind == ReviewKind::Cetr)
        .filter(|r| !waived.contains(r));
    core.chain(cetr).filter(|r| !present.contains(r)).collect()
}

/// Whether a role's absence may be recorded with a reason instead of a member.
pub fn panel_role_waivable(role: PanelRole) -> bool {
    PanelRole::REQUIRED_CETR.contains(&role)
}

/// How a key line of enquiry was answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KloeJudgement {
    NotCovered,
    Assured,
    Concern,
}

impl KloeJudgement {
    pub const ALL: [KloeJudgement; 3] = [
        KloeJudgement::NotCovered,
        KloeJudgement::Assured,
        KloeJudgement::Concern,
    ];
    pub fn label(self) -> &'static str {
        match self {
            KloeJudgement::NotCovered => "not covered",
            KloeJudgement::Assured => "assured",
            KloeJudgement::Concern => "concern",
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            KloeJudgement::NotCovered => "not_covered",
            KloeJudgement::Assured => "assured",
            KloeJudgement::Concern => "concern",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [
            KloeJudgement::NotCovered,
            KloeJudgement::Assured,
            KloeJudgement::Concern,
        ]
        .into_iter()
        .find(|j| j.code() == s)
    }
}

/// How well the person's care reflects a principle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reflection {
    NotDiscussed,
    Well,
    Partly,
    NotReflected,
}

impl Reflection {
    pub const ALL: [Reflection; 4] = [
        Reflection::NotDiscussed,
        Reflection::Well,
        Reflection::Partly,
        Reflection::NotReflected,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Reflection::NotDiscussed => "not discussed",
            Reflection::Well => "reflected well",
            Reflection::Partly => "partly",
            Reflection::NotReflected => "not reflected",
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Reflection::NotDiscussed => "not_discussed",
            Reflection::Well => "well",
            Reflection::Partly => "partly",
            Reflection::NotReflected => "not_reflected",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [
            Reflection::NotDiscussed,
            Reflection::Well,
            Reflection::Partly,
            Reflection::NotReflected,
        ]
        .into_iter()
        .find(|j| j.code() == s)
    }
}

/// Draft while being recorded; final once locked (corrections become addenda).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    Draft,
    Final,
    /// A draft set aside with a reason (started by mistake, a meeting that never happened): kept,
    /// read-only, and never counted or listed as a draft again.
    Discarded,
}

impl ReviewStatus {
    pub fn code(self) -> &'static str {
        match self {
            ReviewStatus::Draft => "draft",
            ReviewStatus::Final => "final",
            ReviewStatus::Discarded => "discarded",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "draft" => Some(ReviewStatus::Draft),
            "final" => Some(ReviewStatus::Final),
            "discarded" => Some(ReviewStatus::Discarded),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests;
