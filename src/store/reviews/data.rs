//! A whole review, for the wizard and the report.

use super::{
    Addendum, DocumentRow, KloeAnswer, PanelMember, PrincipleAnswer, Recommendation, Result,
    ReviewRow, addenda, documents, finalise_blockers, findings, get, kloes, panel, panel_waivers,
    principles, recommendations,
};
use crate::domain::finalise::Missing;
use crate::domain::review::{PanelRole, ReviewStatus};
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
}

impl ReviewData {
    /// Load review `id`; `today` decides what blocks finalising (a meeting not yet held).
    pub fn load(conn: &Connection, id: i64, today: NaiveDate) -> Result<ReviewData> {
        let review = get(conn, id)?;
        let person = people::person(conn, review.person_id)?;
        let final_ = review.status == ReviewStatus::Final;
        Ok(ReviewData {
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

    pub fn has_consent(&self) -> bool {
        self.person.details.consent.is_some()
    }
}
