//! The dashboard's C(E)TR journey figures: community C(E)TR before admission per month (children
//! against NHS England's standard), post-admission reviews on time, reports sent on time, review
//! outcomes and requests waiting. SQL reads only the rows a figure counts, through their indexes;
//! each row is then judged by the domain's own rule (the same one the schedule and the returns
//! use), so a figure can never disagree with the register about a person.

use super::super::Result;
use super::super::journey::journey_policy;
use super::super::people::{date, iso, opt_date};
use super::super::reports::episodes_begun;
use super::super::schedule::{holidays, policy_intervals};
use crate::domain::journey::ReportSent;
use crate::domain::returns::{
    BeforeAdmission, PostAdmissionReview, community_cetr_before_admission, post_admission_review,
};
use crate::domain::review::ReviewType;
use chrono::NaiveDate;
use rusqlite::{Connection, params};

/// Episodes begun in one month, and how many had a community C(E)TR before admission.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BeforeAdmissionMonth {
    /// `YYYY-MM`
    pub month: String,
    pub all: Tally,
    /// Admissions of children and young people (on a CETR on the admission day).
    pub children: Tally,
}

/// Admissions, those with a community C(E)TR before, and those the register cannot judge.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub admissions: u64,
    pub with_review: u64,
    pub not_known: u64,
}

impl Tally {
    fn add(&mut self, judged: BeforeAdmission) {
        self.admissions += 1;
        match judged {
            BeforeAdmission::Yes => self.with_review += 1,
            BeforeAdmission::NotKnown => self.not_known += 1,
            BeforeAdmission::No => {}
        }
    }
    fn plus(self, o: Tally) -> Tally {
        Tally {
            admissions: self.admissions + o.admissions,
            with_review: self.with_review + o.with_review,
            not_known: self.not_known + o.not_known,
        }
    }
    /// Whole percent with a review; `None` with no admissions.
    pub fn percent(self) -> Option<u64> {
        (self.admissions > 0)
            .then(|| (self.with_review * 100 + self.admissions / 2) / self.admissions)
    }
}

/// Things judged on time or not: on time, late, not yet judged (still within their time), not
/// needed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OnTime {
    pub on_time: u64,
    pub late: u64,
    pub pending: u64,
    pub not_needed: u64,
}

impl OnTime {
    pub fn judged(self) -> u64 {
        self.on_time + self.late
    }
}

/// Finished reviews of one type by what the meeting found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcomes {
    /// Review type code.
    pub review_type: String,
    pub needs_met_in_community: u64,
    pub needs_not_met: u64,
    pub not_recorded: u64,
}

/// The journey figures of the dashboard, over the months of the flows chart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JourneyFigures {
    pub before_admission: Vec<BeforeAdmissionMonth>,
    /// The run-up window of the policy table, e.g. `6 months`.
    pub run_up: String,
    /// Post-admission reviews of the episodes begun in the period.
    pub post_admission: OnTime,
    /// Reports and family plans of the reviews finished in the period.
    pub reports: OnTime,
    /// Of the late ones, those whose report or family plan is still unsent.
    pub reports_unsent: u64,
    /// The report target of the policy table, e.g. `14 days`.
    pub report_due: String,
    pub outcomes: Vec<Outcomes>,
    pub requests_waiting: u64,
    /// Waiting longer than the local target.
    pub requests_overdue: u64,
    pub request_target: String,
}

impl JourneyFigures {
    /// All admissions of the period, and children's.
    pub fn totals(&self) -> (Tally, Tally) {
        self.before_admission
            .iter()
            .fold((Tally::default(), Tally::default()), |(a, c), m| {
                (a.plus(m.all), c.plus(m.children))
            })
    }
}

/// Finished reviews held from `?1` to `?2` by the day they were held and when their papers went
/// out, from the index alone (`review_status` holds those columns).
pub(super) const REPORTS_SENT: &str =
    "SELECT held_on, report_sent_on, family_plan_sent_on, count(*)
     FROM review WHERE status = 'final' AND held_on BETWEEN ?1 AND ?2 GROUP BY 1, 2, 3";
/// Finished reviews held from `?1` to `?2` by type and outcome, from the index alone
/// (`review_status`).
pub(super) const OUTCOMES: &str = "SELECT type, community_needs_met, count(*)
     FROM review WHERE status = 'final' AND held_on BETWEEN ?1 AND ?2 GROUP BY 1, 2";
/// Requests awaiting a decision, of people on the register, by the day they were made
/// (`review_request_open`).
pub(super) const REQUESTS_WAITING: &str = "SELECT q.requested_on, count(*)
     FROM review_request q JOIN person p ON p.id = q.person_id
     WHERE q.outcome IS NULL AND p.removed_on IS NULL GROUP BY 1";

/// The journey figures for the months from `first` (a month's first day) to `today`.
pub fn journey_figures(
    conn: &Connection,
    months: &[String],
    first: NaiveDate,
    today: NaiveDate,
) -> Result<JourneyFigures> {
    let (policy, holidays, journey) = (
        policy_intervals(conn)?,
        holidays(conn)?,
        journey_policy(conn)?,
    );
    let mut before_admission: Vec<BeforeAdmissionMonth> = months
        .iter()
        .map(|m| BeforeAdmissionMonth {
            month: m.clone(),
            ..BeforeAdmissionMonth::default()
        })
        .collect();
    let mut post_admission = OnTime::default();
    let (episodes, meetings) = episodes_begun(conn, first, today)?;
    for e in &episodes {
        let held = meetings.get(&e.person_id).map(Vec::as_slice).unwrap_or(&[]);
        let month = e.facts.admitted_on.format("%Y-%m").to_string();
        if let Some(m) = before_admission.iter_mut().find(|m| m.month == month) {
            let judged = community_cetr_before_admission(&e.facts, held, &policy, &holidays, today);
            m.all.add(judged);
            if e.facts.is_child() {
                m.children.add(judged);
            }
        }
        match post_admission_review(&e.facts, held, &policy, &holidays, today) {
            PostAdmissionReview::OnTime => post_admission.on_time += 1,
            PostAdmissionReview::Late => post_admission.late += 1,
            PostAdmissionReview::NotYetDue => post_admission.pending += 1,
            PostAdmissionReview::NotNeeded => post_admission.not_needed += 1,
        }
    }
    let span = params![iso(first), iso(today)];
    let mut reports = OnTime::default();
    let sent = super::super::collect(conn, REPORTS_SENT, span, |r| {
        Ok((
            date(&r.get::<_, String>(0)?)?,
            ReportSent {
                report: opt_date(r.get(1)?)?,
                family_plan: opt_date(r.get(2)?)?,
            },
            r.get::<_, i64>(3)?.max(0) as u64,
        ))
    })?;
    let mut reports_unsent = 0;
    for (held_on, papers, n) in sent {
        match journey.report_on_time(held_on, papers, today) {
            Some(true) => reports.on_time += n,
            Some(false) => reports.late += n,
            None => reports.pending += n,
        }
        if journey.report_overdue(held_on, papers, today) {
            reports_unsent += n;
        }
    }
    let mut outcomes: Vec<Outcomes> = Vec::new();
    let rows = super::super::collect(conn, OUTCOMES, span, |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<bool>>(1)?,
            r.get::<_, i64>(2)?.max(0) as u64,
        ))
    })?;
    for (review_type, met, n) in rows {
        let i = match outcomes.iter().position(|o| o.review_type == review_type) {
            Some(i) => i,
            None => {
                outcomes.push(Outcomes {
                    review_type,
                    ..Outcomes::default()
                });
                outcomes.len() - 1
            }
        };
        let o = &mut outcomes[i];
        match met {
            Some(true) => o.needs_met_in_community += n,
            Some(false) => o.needs_not_met += n,
            None => o.not_recorded += n,
        }
    }
    outcomes.sort_by_key(|o| {
        ReviewType::ALL
            .iter()
            .position(|t| t.code() == o.review_type)
            .unwrap_or(ReviewType::ALL.len())
    });
    let (mut requests_waiting, mut requests_overdue) = (0, 0);
    let waiting = super::super::collect(conn, REQUESTS_WAITING, [], |r| {
        Ok((
            date(&r.get::<_, String>(0)?)?,
            r.get::<_, i64>(1)?.max(0) as u64,
        ))
    })?;
    for (requested_on, n) in waiting {
        requests_waiting += n;
        if journey.request_overdue(requested_on, false, today) {
            requests_overdue += n;
        }
    }
    Ok(JourneyFigures {
        before_admission,
        run_up: policy.community_before_admission.to_string(),
        post_admission,
        reports,
        reports_unsent,
        report_due: journey.report_due.to_string(),
        outcomes,
        requests_waiting,
        requests_overdue,
        request_target: journey.request_decision.to_string(),
    })
}
