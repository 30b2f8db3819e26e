//! What the wizard derives from a loaded review: field texts, missing roles, unfinished steps.

use super::{Field, Step};
use crate::domain::review::{PanelRole, missing_panel_roles};
pub use crate::store::reviews::ReviewData;
use crate::store::reviews::{PrincipleKind, Recommendation};

impl ReviewData {
    /// The stored text behind a text field.
    pub fn text_of(&self, f: Field) -> String {
        let r = &self.review;
        let s: Option<&str> = match f {
            Field::Place => r.place.as_deref(),
            Field::ConsentNote => r.consent_note.as_deref(),
            Field::RatingReason => r.rating_reason.as_deref(),
            Field::OutcomeNotes => r.outcome_notes.as_deref(),
            Field::PanelName(m) => self
                .panel
                .iter()
                .find(|p| p.id == m)
                .map(|p| p.name.as_str()),
            Field::PanelOrg(m) => self
                .panel
                .iter()
                .find(|p| p.id == m)
                .and_then(|p| p.organisation.as_deref()),
            Field::Findings(q) => self
                .findings
                .get(usize::from(q).wrapping_sub(1))
                .map(String::as_str),
            Field::KloeNote(k) => self
                .kloes
                .iter()
                .find(|x| x.kloe_id == k)
                .map(|x| x.note.as_str()),
            Field::PrincipleNote(kind, n) => self
                .principles
                .iter()
                .find(|p| p.kind == kind && p.number == n)
                .map(|p| p.note.as_str()),
            Field::RecText(id) => self.rec(id).map(|x| x.text.as_str()),
            Field::RecOwner(id) => self.rec(id).map(|x| x.owner.as_str()),
            Field::RecOrg(id) => self.rec(id).map(|x| x.organisation.as_str()),
            Field::RecDue(id) => self.rec(id).map(|x| x.due_text.as_str()),
            Field::Waiver(role) => self
                .panel_waivers
                .iter()
                .find(|(r, _)| *r == role)
                .map(|(_, reason)| reason.as_str()),
            _ => None,
        };
        s.unwrap_or("").to_string()
    }

    pub fn rec(&self, id: i64) -> Option<&Recommendation> {
        self.recs.iter().find(|r| r.id == id)
    }

    /// Roles the review records a reason for going without.
    fn waived_roles(&self) -> Vec<PanelRole> {
        self.panel_waivers.iter().map(|(r, _)| *r).collect()
    }

    /// Required roles not yet on the panel, in order.
    pub fn missing_roles(&self) -> Vec<PanelRole> {
        let roles: Vec<PanelRole> = self
            .panel
            .iter()
            .filter(|m| !m.name.trim().is_empty())
            .map(|m| m.role)
            .collect();
        missing_panel_roles(
            self.review.kind,
            self.review.review_type,
            &roles,
            &self.waived_roles(),
        )
    }

    /// The role a new panel row starts with: the first required one missing, else "other".
    pub fn next_missing_role(&self) -> PanelRole {
        let present: Vec<PanelRole> = self.panel.iter().map(|m| m.role).collect();
        missing_panel_roles(
            self.review.kind,
            self.review.review_type,
            &present,
            &self.waived_roles(),
        )
        .first()
        .copied()
        .unwrap_or(PanelRole::Other)
    }

    /// Does this step still lack something? (For the progress rail.)
    pub fn step_incomplete(&self, step: Step) -> bool {
        match step {
            // What blocks finalising comes from the domain's one rule; the other steps may stay
            // unfinished.
            Step::Setup
            | Step::Panel
            | Step::Safe
            | Step::Care
            | Step::Future
            | Step::Home
            | Step::Outcome => self.blocks(step),
            Step::Documents => self.documents.iter().any(|d| !d.received),
            Step::Principles => self
                .principles
                .iter()
                .filter(|p| p.kind == PrincipleKind::Principle)
                .any(|p| p.reflection == crate::domain::review::Reflection::NotDiscussed),
            Step::Recommendations => self.recs.is_empty() || self.blocks(step),
            Step::Summary => !self.is_final(),
        }
    }

    /// Whether a finalise blocker sends the user to this step.
    fn blocks(&self, step: Step) -> bool {
        self.blockers
            .iter()
            .any(|b| Step::of_section(b.section()) == step)
    }

    /// Every step's [`ReviewData::step_incomplete`], in order.
    pub fn incomplete(&self) -> [bool; Step::COUNT] {
        Step::ALL.map(|s| self.step_incomplete(s))
    }
}
