//! What a review still needs before it can be finalised: one rule for the store, the wizard's
//! progress rail and its summary. Each missing item names the wizard section that fixes it.
//!
//! To add a requirement: add a `Missing` variant (its section and wording beside it) and push it
//! from `finalise_missing`; the store refuses and the wizard lists it without further changes.

use super::consent::{ReviewConsentGap, ScopeState, review_consent_gap};
use super::rating::Rating;
use super::review::{
    PanelRole, QUESTION_SHORT, ReviewKind, ReviewType, missing_panel_roles, panel_role_waivable,
};
use super::rules::{RuleViolation, check_rating_fits};
use chrono::NaiveDate;
use std::fmt;

/// The part of the review where a missing item is put right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    Setup,
    Panel,
    /// Question 1 to 4.
    Question(u8),
    Outcome,
    Recommendations,
}

/// One panel row as entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PanelSeat {
    pub role: PanelRole,
    pub named: bool,
}

/// What finalising looks at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinaliseDraft {
    pub kind: ReviewKind,
    pub review_type: ReviewType,
    pub held_on: NaiveDate,
    /// Whether the person was in hospital on the meeting date (decides which types fit).
    pub in_hospital_on_meeting_date: bool,
    /// Whether the person is in hospital now (decides which rating can be proposed).
    pub in_hospital_now: bool,
    /// What the person's consent records say today about the review.
    pub review_consent: ScopeState,
    /// The review records a reason to go ahead without consent (e.g. a best-interests meeting).
    pub consent_reason_given: bool,
    pub panel: Vec<PanelSeat>,
    /// Roles whose absence the review recorded with a reason (education, social care on a CETR).
    pub waived: Vec<PanelRole>,
    /// Whether each of the four questions has findings.
    pub findings: [bool; 4],
    pub community_needs_met: Option<bool>,
    pub proposed_rating: Option<Rating>,
    pub rating_reason_given: bool,
    /// Whether each recommendation has text, a named owner and a due date.
    pub recommendations_complete: Vec<bool>,
}

/// Something that blocks finalising.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    MeetingInFuture,
    /// A community review while in hospital, or an inpatient one while not.
    TypeDoesNotFitSetting {
        review_type: ReviewType,
        in_hospital: bool,
    },
    /// Consent to the review is not given (and, when missing, no reason to go ahead is recorded).
    Consent(ReviewConsentGap),
    PanelRole(PanelRole),
    UnnamedPanelMember(PanelRole),
    /// Question 1 to 4 has no findings.
    Findings(u8),
    CommunityNeedsMet,
    ProposedRating,
    RatingDoesNotFit(RuleViolation),
    RatingReason,
    /// Recommendation 1, 2, ... lacks text, owner or due date.
    Recommendation(usize),
}

impl Missing {
    pub fn section(&self) -> Section {
        match self {
            Missing::MeetingInFuture
            | Missing::TypeDoesNotFitSetting { .. }
            | Missing::Consent(_) => Section::Setup,
            Missing::PanelRole(_) | Missing::UnnamedPanelMember(_) => Section::Panel,
            Missing::Findings(q) => Section::Question(*q),
            Missing::CommunityNeedsMet
            | Missing::ProposedRating
            | Missing::RatingDoesNotFit(_)
            | Missing::RatingReason => Section::Outcome,
            Missing::Recommendation(_) => Section::Recommendations,
        }
    }
}

impl fmt::Display for Missing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Missing::MeetingInFuture => {
                f.write_str("the meeting date is in the future: finalise after the meeting")
            }
            Missing::TypeDoesNotFitSetting {
                review_type,
                in_hospital: true,
            } => write!(
                f,
                "the person was in hospital on the meeting date: a {} review does not fit; choose post-admission, inpatient or on request",
                review_type.label().to_lowercase()
            ),
            Missing::TypeDoesNotFitSetting { review_type, .. } => write!(
                f,
                "the person was not in hospital on the meeting date: a {} review does not fit; choose community or on request",
                review_type.label().to_lowercase()
            ),
            Missing::Consent(gap) => gap.fmt(f),
            Missing::PanelRole(r) if panel_role_waivable(*r) => {
                let role = r.label().to_lowercase();
                write!(
                    f,
                    "add {role} to the panel, or record why nobody from {role} could take part"
                )
            }
            Missing::PanelRole(r) => {
                write!(f, "add the {} to the panel", r.label().to_lowercase())
            }
            Missing::UnnamedPanelMember(r) => write!(
                f,
                "give the {} on the panel a name (or remove the empty row)",
                r.label().to_lowercase()
            ),
            Missing::Findings(q) => write!(
                f,
                "record findings for question {q} ({})",
                QUESTION_SHORT
                    .get(usize::from(*q).wrapping_sub(1))
                    .unwrap_or(&"?")
            ),
            Missing::CommunityNeedsMet => {
                f.write_str("say whether the person's needs can be met in the community")
            }
            Missing::ProposedRating => f.write_str("propose a rating"),
            Missing::RatingDoesNotFit(v) => write!(f, "the proposed rating does not fit: {v}"),
            Missing::RatingReason => f.write_str("give a reason for the proposed rating"),
            Missing::Recommendation(n) => write!(
                f,
                "recommendation {n} needs text, a named owner and a due date"
            ),
        }
    }
}

/// Every item that still blocks finalising, in wizard order; empty when the review can be final.
/// An emergency meeting (LAEP / blue light) is not a C(E)TR: it needs its date, consent and a
/// chair, but not the four questions, an outcome or a rating.
pub fn finalise_missing(d: &FinaliseDraft, today: NaiveDate) -> Vec<Missing> {
    let mut out = Vec::new();
    if d.held_on > today {
        out.push(Missing::MeetingInFuture);
    }
    let fits = match d.review_type {
        ReviewType::Community => !d.in_hospital_on_meeting_date,
        ReviewType::PostAdmission | ReviewType::InpatientRoutine => d.in_hospital_on_meeting_date,
        ReviewType::OnRequest | ReviewType::Emergency => true,
    };
    if !fits {
        out.push(Missing::TypeDoesNotFitSetting {
            review_type: d.review_type,
            in_hospital: d.in_hospital_on_meeting_date,
        });
    }
    if let Some(gap) = review_consent_gap(&d.review_consent, d.consent_reason_given) {
        out.push(Missing::Consent(gap));
    }
    let named: Vec<PanelRole> = d.panel.iter().filter(|s| s.named).map(|s| s.role).collect();
    out.extend(
        missing_panel_roles(d.kind, d.review_type, &named, &d.waived)
            .into_iter()
            .map(Missing::PanelRole),
    );
    out.extend(
        d.panel
            .iter()
            .filter(|s| !s.named)
            .map(|s| Missing::UnnamedPanelMember(s.role)),
    );
    let cetr = d.review_type.is_cetr();
    if cetr {
        out.extend(
            (1..=4u8)
                .filter(|q| !d.findings[usize::from(*q) - 1])
                .map(Missing::Findings),
        );
        if d.community_needs_met.is_none() {
            out.push(Missing::CommunityNeedsMet);
        }
    }
    match d.proposed_rating {
        None if cetr => out.push(Missing::ProposedRating),
        None => {}
        Some(r) => {
            if let Err(v) = check_rating_fits(r, d.in_hospital_now) {
                out.push(Missing::RatingDoesNotFit(v));
            }
            if !d.rating_reason_given {
                out.push(Missing::RatingReason);
            }
        }
    }
    out.extend(
        d.recommendations_complete
            .iter()
            .enumerate()
            .filter(|(_, ok)| !**ok)
            .map(|(n, _)| Missing::Recommendation(n + 1)),
    );
    out
}

#[cfg(test)]
mod tests;
