//! A whole review, for the wizard and the report.

use super::{
    Addendum, DocumentRow, KloeAnswer, PanelMember, PrincipleAnswer, Recommendation, Result,
    ReviewRow, addenda, documents, finalise_blockers, findings, get, kloes, panel, panel_waivers,
    principles, recommendations,
};
use crate::domain::consent::{Scope, ScopeState, scope_state};
use crate::domain::finalise::Missing;
use crate::domain::review::{PanelRole, ReviewStatus};
use crate::store::consent::{ConsentRow, consents_of};
use crate::store::people;
use chrono::NaiveDate;
use rusqlite::Connection;

/// Everything recorded in one review, read in one go (a dozen small indexed queries).
pub struct ReviewData {
    pub review: ReviewRow,
    pub person: people::PersonRecord,
    pub in_hospital: bool,
    pub panel: Vec<PanelMember>,
    /// Why a CETR went without education or social care, per role.
    pub panel_waivers: Vec<(PanelRole, String)>,
    pub documents: Vec<DocumentRow>,
    pub findings: [String; 4],
    pub kloes: Vec<KloeAnswer>,
    pub principles: Vec<PrincipleAnswer>,
    pub recs: Vec<Recommendation>,
    pub addenda: Vec<Addendum>,
    /// What still stops finalising (empty when it can be finalised).
    pub blockers: Vec<Missing>,
    /// The person's consent records, oldest first.
    pub consents: Vec<ConsentRow>,
    /// What they mean for the review as of the day it was loaded.
    pub review_consent: ScopeState,
    /// And for sharing (the report and family plan leave the register only with it).
    pub sharing_consent: ScopeState,
}

impl ReviewData {
    /// Load review `id`; `today` decides what blocks finalising (a meeting not yet held).
    pub fn load(conn: &Connection, id: i64, today: NaiveDate) -> Result<ReviewData> {
        let review = get(conn, id)?;
        let person = people::person(conn, review.person_id)?;
        let final_ = review.status == ReviewStatus::Final;
        let consents = consents_of(conn, review.person_id)?;
        let records: Vec<_> = consents.iter().map(|c| c.record.clone()).collect();
        Ok(ReviewData {
            review_consent: scope_state(
                &records,
                person.details.date_of_birth,
                today,
                Scope::Review,
            ),
            sharing_consent: scope_state(
                &records,
                person.details.date_of_birth,
                today,
                Scope::Sharing,
            ),
            consents,
            in_hospital: people::open_admission(conn, review.person_id)?.is_some(),
            panel: panel(conn, id)?,
            panel_waivers: panel_waivers(conn, id)?,
            documents: documents(conn, id, review.kind)?,
            findings: findings(conn, id)?,
            kloes: kloes(conn, id)?,
            principles: principles(conn, id)?,
            recs: recommendations(conn, id)?,
            addenda: addenda(conn, id)?,
            blockers: if final_ {
                Vec::new()
            } else {
                finalise_blockers(conn, id, today)?
            },
            review,
            person,
        })
    }

    pub fn is_final(&self) -> bool {
        self.review.status == ReviewStatus::Final
    }

    /// Consent to the review is given, or a reason to go ahead without it is recorded: the
    /// domain's rule for "ready".
    pub fn may_be_ready(&self) -> bool {
        let reason = self
            .review
            .consent_note
            .as_deref()
            .is_some_and(|n| !n.trim().is_empty());
        crate::domain::consent::review_consent_gap(&self.review_consent, reason).is_none()
    }
}
