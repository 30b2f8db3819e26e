//! The C(E)TR journey around the meeting: how long a request may wait for a decision, when the
//! report is due, who took part, and what advocacy the person has. Both time limits live in the
//! editable `policy_interval` table beside the schedule's, each row with its source.

use super::calendar::Holidays;
use super::policy::{Interval, IntervalDefault};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The journey's policy rows, seeded into `policy_interval` and editable there.
pub const JOURNEY_DEFAULTS: [IntervalDefault; 2] = [
    IntervalDefault {
        key: "request_decision",
        amount: 4,
        unit: "weeks",
        label: "Decision on a request for a C(E)TR, after the request",
        source: "local practice: decide within 4 weeks of a referral or request",
    },
    IntervalDefault {
        key: "report_due",
        amount: 14,
        unit: "days",
        label: "Review report and family action plan sent, after the meeting",
        source: "policy default: report and action plan to everyone who took part within 2 weeks",
    },
];

/// The journey's time limits. Keys match rows of the `policy_interval` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct JourneyPolicy {
    pub request_decision: Interval,
    pub report_due: Interval,
}

impl Default for JourneyPolicy {
    fn default() -> Self {
        Self::from_rows(std::iter::empty::<(&str, Interval)>())
    }
}

impl JourneyPolicy {
    /// Build from stored rows; a key missing from the table keeps its default.
    pub fn from_rows<'a>(rows: impl IntoIterator<Item = (&'a str, Interval)>) -> Self {
        let default_of = |key: &str| {
            JOURNEY_DEFAULTS
                .iter()
                .find(|d| d.key == key)
                .and_then(|d| Interval::parse(d.amount, d.unit))
                .unwrap_or(Interval::Days(0))
        };
        let mut p = JourneyPolicy {
            request_decision: default_of("request_decision"),
            report_due: default_of("report_due"),
        };
        for (key, interval) in rows {
            match key {
                "request_decision" => p.request_decision = interval,
                "report_due" => p.report_due = interval,
                _ => {}
            }
        }
        p
    }

    /// The last day a request made on `requested_on` may wait for its decision.
    pub fn decision_due(&self, requested_on: NaiveDate) -> NaiveDate {
        // Journey limits are set in calendar days and weeks; a working-days limit skips weekends.
        self.request_decision
            .after(requested_on, &Holidays::default())
    }

    /// A request is overdue once it has waited for a decision longer than the local target: on the
    /// target day itself it is still in time.
    pub fn request_overdue(
        &self,
        requested_on: NaiveDate,
        decided: bool,
        today: NaiveDate,
    ) -> bool {
        !decided && today > self.decision_due(requested_on)
    }

    /// The day the report and the family's action plan are due, counted from the meeting.
    pub fn report_due(&self, held_on: NaiveDate) -> NaiveDate {
        self.report_due.after(held_on, &Holidays::default())
    }

    /// Overdue while the report or the family plan is still unsent after its due day.
    pub fn report_overdue(&self, held_on: NaiveDate, sent: ReportSent, today: NaiveDate) -> bool {
        today > self.report_due(held_on) && sent.last().is_none()
    }

    /// Both the report and the family plan went out on or before the due day. `None` while one is
    /// unsent and the due day has not passed (it cannot be judged yet).
    pub fn report_on_time(
        &self,
        held_on: NaiveDate,
        sent: ReportSent,
        today: NaiveDate,
    ) -> Option<bool> {
        let due = self.report_due(held_on);
        match sent.last() {
            Some(last) => Some(last <= due),
            None if today > due => Some(false),
            None => None,
        }
    }
}

/// When the review report and the family's plain-English action plan went out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReportSent {
    pub report: Option<NaiveDate>,
    pub family_plan: Option<NaiveDate>,
}

impl ReportSent {
    /// The day the second of the two went out; `None` while either is unsent.
    pub fn last(self) -> Option<NaiveDate> {
        Some(self.report?.max(self.family_plan?))
    }
}

/// Whether the person, or their family and carers, took part in the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attendance {
    Attended,
    /// Views given another way: a letter, a video, a visit beforehand, through an advocate.
    ContributedOtherWay,
    Declined,
}

impl Attendance {
    pub const ALL: [Attendance; 3] = [
        Attendance::Attended,
        Attendance::ContributedOtherWay,
        Attendance::Declined,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Attendance::Attended => "attended",
            Attendance::ContributedOtherWay => "contributed",
            Attendance::Declined => "declined",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Attendance::Attended => "attended",
            Attendance::ContributedOtherWay => "contributed another way",
            Attendance::Declined => "declined",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.code() == s.trim())
    }
}

/// Types of advocacy a person may receive (code, label): the national collection asks which.
pub const ADVOCACY: [(&str, &str); 8] = [
    ("none", "None"),
    ("self", "Self-advocacy"),
    ("family", "Family advocacy"),
    ("independent", "Independent advocate"),
    ("imha", "IMHA (Independent Mental Health Advocate)"),
    ("imca", "IMCA (Independent Mental Capacity Advocate)"),
    ("care_act", "Care Act advocate"),
    ("not_known", "Not known"),
];

/// The label of an advocacy code, or `None` for a code not in the lookup.
pub fn advocacy_label(code: &str) -> Option<&'static str> {
    ADVOCACY
        .iter()
        .find(|(c, _)| *c == code.trim())
        .map(|(_, l)| *l)
}

#[cfg(test)]
mod tests;
