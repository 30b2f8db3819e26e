//! A held or draft review of a demo person: its panel, findings, journey and actions, plus the
//! person's review requests and advocacy.

use super::texts::{
    ACTION_TEXTS, DONE_NOTES, ESCALATION_NOTES, EVIDENCE, FINDINGS, OWNERS, REDATE_REASONS,
};
use super::{Generator, Held, days_ago, days_ahead, pick};
use crate::domain::journey::Attendance;
use crate::domain::kloe::template_for;
use crate::domain::person::PersonDetails;
use crate::domain::rating::Rating;
use crate::domain::request::{RequestOutcome, RequestedBy};
use crate::domain::review::{PanelRole, QUESTIONS, ReviewKind, suggest_kind};
use crate::domain::triage::Change;
use crate::store::Result;
use crate::store::bulk::{self, NewAction, NewReview};
use chrono::NaiveDate;
use rand::Rng;

/// A seat on a review's panel: its role, who may sit in it (one is drawn when several may) and
/// their organisation.
pub(super) struct Seat {
    pub(super) role: PanelRole,
    names: &'static [&'static str],
    organisation: &'static str,
}

const CHAIR: Seat = Seat {
    role: PanelRole::Chair,
    names: &["Sunita Rao", "Gareth Price"],
    organisation: "ICB",
};
const CLINICAL_EXPERT: Seat = Seat {
    role: PanelRole::ClinicalExpert,
    names: &["Dr Ola Bright", "Dr Kim Lau"],
    organisation: "Independent",
};
const EXPERT_BY_EXPERIENCE: Seat = Seat {
    role: PanelRole::ExpertByExperience,
    names: &["Jamie Cole", "Ruth Akers"],
    organisation: "Independent",
};
const EDUCATION: Seat = Seat {
    role: PanelRole::Education,
    names: &["Priya Shah"],
    organisation: "SEND team",
};
const SOCIAL_CARE: Seat = Seat {
    role: PanelRole::SocialCare,
    names: &["Tom Edwards"],
    organisation: "Children's social care",
};

/// Who sits on a review's panel: a chair and a clinical expert while it is a draft; a finished
/// review also has an expert by experience, and a finished CETR education and social care too.
pub(super) fn panel(kind: ReviewKind, finished: bool) -> &'static [Seat] {
    match (finished, kind) {
        (false, _) => &[CHAIR, CLINICAL_EXPERT],
        (true, ReviewKind::Cetr) => &[
            CHAIR,
            CLINICAL_EXPERT,
            EXPERT_BY_EXPERIENCE,
            EDUCATION,
            SOCIAL_CARE,
        ],
        (true, _) => &[CHAIR, CLINICAL_EXPERT, EXPERT_BY_EXPERIENCE],
    }
}

/// The type of advocacy a person receives (an advocacy lookup code), drawn from their id as
/// their requests are.
pub(super) fn advocacy(person_id: i64, in_hospital: bool) -> &'static str {
    if in_hospital {
        ["imha", "independent", "family"][person_id.rem_euclid(3) as usize]
    } else {
        [
            "none",
            "self",
            "family",
            "independent",
            "care_act",
            "not_known",
        ][person_id.rem_euclid(6) as usize]
    }
}

impl Generator<'_, '_> {
    pub(super) fn review(
        &mut self,
        person_id: i64,
        details: &PersonDetails,
        h: &Held,
        rating: Rating,
        in_hospital: bool,
        consented: bool,
    ) -> Result<()> {
        let w = self.w;
        let rng = &mut self.rng;
        let no_consent = !consented && h.finished;
        let kind = suggest_kind(details.date_of_birth, details.ehcp, h.on);
        // The panel is drawn first so the chair can be the one who started the review.
        let seats: Vec<(&Seat, &str)> = panel(kind, h.finished)
            .iter()
            .map(|seat| {
                // A seat with one name draws nothing, which keeps the random sequence.
                let name = match seat.names {
                    [one] => *one,
                    several => pick(rng, several),
                };
                (seat, name)
            })
            .collect();
        let rid = bulk::review(
            w,
            &NewReview {
                person_id,
                kind,
                review_type: h.review_type,
                held_on: h.on,
                place: "Virtual (Teams)",
                final_: h.finished,
                consent_note: no_consent
                    .then_some("consent form requested; best-interests meeting booked"),
                community_needs_met: h.finished.then_some(!in_hospital),
                proposed: (h.finished && !in_hospital).then_some(rating),
                rating_reason: h.finished.then_some("agreed by the panel"),
                started_by: seats.first().map_or("", |s| s.1),
            },
        )?;
        for (seat, name) in seats {
            bulk::panel_member(w, rid, seat.role, name, seat.organisation)?;
        }
        let answered = if h.finished {
            4
        } else {
            rng.random_range(0..3)
        };
        for (q, text) in FINDINGS.iter().enumerate().take(answered) {
            bulk::findings(w, rid, q as u8 + 1, text)?;
        }
        if !h.finished {
            return Ok(());
        }
        self.journey(rid, kind, h, in_hospital)?;
        for _ in 0..self.rng.random_range(1..3) {
            let rng = &mut self.rng;
            let (owner, organisation) = pick(rng, OWNERS);
            // Due dates straddle today so some actions are overdue.
            let due = days_ahead(h.on, rng.random_range(7..120));
            let question = rng.random_range(1..=QUESTIONS.len() as u8);
            let text = pick(rng, ACTION_TEXTS);
            let steps = self.triage_steps(due);
            bulk::action(
                w,
                &NewAction {
                    person_id,
                    review_id: rid,
                    question,
                    text,
                    owner,
                    organisation,
                    due,
                },
                &steps,
            )?;
        }
        Ok(())
    }

    /// The lines of enquiry a finished review asked, who took part, and when its papers went out:
    /// most within the 14 days, a few late, a few (and the most recent) not yet. Drawn from the
    /// review's id, not the random stream, so the rest of the register stays as it was.
    fn journey(&mut self, rid: i64, kind: ReviewKind, h: &Held, in_hospital: bool) -> Result<()> {
        let k = rid.rem_euclid(20) as u64;
        let sent = |after: u64| Some(days_ahead(h.on, after)).filter(|d| *d <= self.today);
        let (report, plan) = match k {
            0..=15 => (sent(2 + k % 8), sent(4 + k % 10)),
            16 | 17 => (sent(10), sent(15 + k)),
            _ => (None, None),
        };
        let person_attendance = match rid.rem_euclid(5) {
            3 => Attendance::ContributedOtherWay,
            4 => Attendance::Declined,
            _ => Attendance::Attended,
        };
        let family_attendance = if rid.rem_euclid(4) == 3 {
            Attendance::ContributedOtherWay
        } else {
            Attendance::Attended
        };
        bulk::review_journey(
            self.w,
            rid,
            &bulk::ReviewJourney {
                template: template_for(kind, h.review_type, in_hospital),
                person_attendance,
                family_attendance,
                report_sent: report.map(|on| (on, "everyone who took part")),
                family_plan_sent: plan.map(|on| (on, "the person and family")),
            },
        )
    }

    /// A few people have asked for a review: some decided, some waiting (one past the target).
    /// Drawn from the person's id, as above.
    pub(super) fn requests(&mut self, person_id: i64) -> Result<()> {
        let by = RequestedBy::ALL[person_id.rem_euclid(3) as usize];
        match person_id.rem_euclid(17) {
            0 => {
                let on = days_ago(self.today, (person_id.rem_euclid(45)) as u64);
                bulk::request(self.w, person_id, on, by, "worried about rising risk", None)
            }
            5 => {
                let on = days_ago(self.today, 60 + person_id.rem_euclid(90) as u64);
                let decided = days_ahead(on, 10);
                let outcome = if person_id.rem_euclid(2) == 0 {
                    RequestOutcome::ReviewBooked
                } else {
                    RequestOutcome::EmergencyMeeting
                };
                let chair = "Sunita Rao";
                bulk::request(
                    self.w,
                    person_id,
                    on,
                    by,
                    "placement at risk",
                    Some((outcome, decided, chair)),
                )
            }
            _ => Ok(()),
        }
    }

    /// What staff have done with an action so far: long-past ones closed, recent ones mostly
    /// done, some in progress or escalated, a few re-dated or cancelled, and some left open
    /// (overdue by days or weeks once past due).
    fn triage_steps(&mut self, due: NaiveDate) -> Vec<Change> {
        // Cumulative shares of done, cancelled, in progress, escalated and re-dated.
        const LONG_PAST: [f64; 5] = [0.92, 1.0, 1.0, 1.0, 1.0];
        const PAST: [f64; 5] = [0.55, 0.62, 0.72, 0.80, 0.86];
        const FUTURE: [f64; 5] = [0.06, 0.08, 0.33, 0.38, 0.44];
        let (today, rng) = (self.today, &mut self.triage);
        let roll: f64 = rng.random();
        let cut = if due < days_ago(today, 90) {
            LONG_PAST
        } else if due < today {
            PAST
        } else {
            FUTURE
        };
        let change = if roll < cut[0] {
            // Done around the due date: a few days early to a week or so late, never after today.
            Change::Done {
                on: days_ahead(days_ago(due, 5), rng.random_range(0..15)).min(today),
                note: pick(rng, DONE_NOTES).into(),
                evidence: pick(rng, EVIDENCE).into(),
            }
        } else if roll < cut[1] {
            Change::Cancel {
                reason: "no longer needed after the new placement plan".into(),
            }
        } else if roll < cut[2] {
            Change::InProgress {
                note: String::new(),
            }
        } else if roll < cut[3] {
            Change::Escalate {
                note: pick(rng, ESCALATION_NOTES).into(),
            }
        } else if roll < cut[4] {
            Change::Redate {
                due: days_ahead(today.max(due), rng.random_range(7..45)),
                reason: pick(rng, REDATE_REASONS).into(),
            }
        } else {
            return Vec::new();
        };
        vec![change]
    }
}
