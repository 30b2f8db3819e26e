//! The eleven steps of a C(E)TR, in the order the meeting walks them (the review's structure in
//! the Care, Education and Treatment Review code and toolkit: setup, panel, documents, the four
//! questions, principles, outcome, recommendations, summary).

use crate::domain::finalise::Section;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    Setup,
    Panel,
    Documents,
    Safe,
    Care,
    Future,
    Home,
    Principles,
    Outcome,
    Recommendations,
    Summary,
}

impl Step {
    /// The step where a finalise blocker's section is put right.
    pub fn of_section(section: Section) -> Step {
        match section {
            Section::Setup => Step::Setup,
            Section::Panel => Step::Panel,
            Section::Question(1) => Step::Safe,
            Section::Question(2) => Step::Care,
            Section::Question(3) => Step::Future,
            Section::Question(_) => Step::Home,
            Section::Outcome => Step::Outcome,
            Section::Recommendations => Step::Recommendations,
        }
    }

    pub const ALL: [Step; 11] = [
        Step::Setup,
        Step::Panel,
        Step::Documents,
        Step::Safe,
        Step::Care,
        Step::Future,
        Step::Home,
        Step::Principles,
        Step::Outcome,
        Step::Recommendations,
        Step::Summary,
    ];
    pub const COUNT: usize = Step::ALL.len();

    pub fn title(self) -> &'static str {
        match self {
            Step::Setup => "Setup and consent",
            Step::Panel => "Panel",
            Step::Documents => "Documents",
            Step::Safe => "Q1 Is the person safe?",
            Step::Care => "Q2 Good care and treatment?",
            Step::Future => "Q3 Plans for the future?",
            Step::Home => "Q4 Care at home and in the community?",
            Step::Principles => "Principles",
            Step::Outcome => "Outcome and rating",
            Step::Recommendations => "Recommendations",
            Step::Summary => "Summary and finalise",
        }
    }

    /// The label in the progress rail.
    pub fn short(self) -> &'static str {
        match self {
            Step::Setup => "Setup",
            Step::Panel => "Panel",
            Step::Documents => "Docs",
            Step::Safe => "Q1 Safe",
            Step::Care => "Q2 Care",
            Step::Future => "Q3 Future",
            Step::Home => "Q4 Home",
            Step::Principles => "Principles",
            Step::Outcome => "Outcome",
            Step::Recommendations => "Actions",
            Step::Summary => "Finalise",
        }
    }

    /// Position from 0, as the draft stores it.
    pub fn index(self) -> usize {
        self as usize
    }

    /// Position from 1, as the screen and `g` show it.
    pub fn number(self) -> usize {
        self.index() + 1
    }

    /// The step stored at position `i`; a position past the end (a newer version's draft) is
    /// the last step.
    pub fn from_index(i: usize) -> Step {
        Step::ALL[i.min(Step::COUNT - 1)]
    }

    /// The step numbered `n` from 1, if there is one.
    pub fn numbered(n: usize) -> Option<Step> {
        n.checked_sub(1).and_then(|i| Step::ALL.get(i).copied())
    }

    /// The next step, staying on the last.
    pub fn next(self) -> Step {
        Step::from_index(self.index() + 1)
    }

    /// The previous step, staying on the first.
    pub fn previous(self) -> Step {
        Step::from_index(self.index().saturating_sub(1))
    }

    /// The question (1 to 4) a question step asks.
    pub fn question(self) -> Option<u8> {
        match self {
            Step::Safe => Some(1),
            Step::Care => Some(2),
            Step::Future => Some(3),
            Step::Home => Some(4),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_number_from_one_and_stay_in_range() {
        assert_eq!(Step::Setup.number(), 1);
        assert_eq!(Step::Summary.number(), 11);
        assert_eq!(Step::numbered(4), Some(Step::Safe));
        assert_eq!(Step::numbered(0), None);
        assert_eq!(Step::numbered(12), None);
        assert_eq!(Step::Summary.next(), Step::Summary);
        assert_eq!(Step::Setup.previous(), Step::Setup);
        assert_eq!(Step::from_index(99), Step::Summary);
        assert_eq!(Step::Home.question(), Some(4));
        assert!(Step::ALL.iter().enumerate().all(|(i, s)| s.index() == i));
    }
}
