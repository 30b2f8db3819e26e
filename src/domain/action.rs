//! Actions that reviews produce: status, overdue rule, triage order.

use super::rating::Rating;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    Open,
    InProgress,
    Escalated,
    Done,
    Cancelled,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 5] = [
        ActionStatus::Open,
        ActionStatus::InProgress,
        ActionStatus::Escalated,
        ActionStatus::Done,
        ActionStatus::Cancelled,
    ];
    pub fn code(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::InProgress => "in_progress",
            ActionStatus::Escalated => "escalated",
            ActionStatus::Done => "done",
            ActionStatus::Cancelled => "cancelled",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::InProgress => "in progress",
            ActionStatus::Escalated => "escalated",
            ActionStatus::Done => "done",
            ActionStatus::Cancelled => "cancelled",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.code() == s.trim())
    }
    /// Done and cancelled actions need no more chasing.
    pub fn is_closed(self) -> bool {
        matches!(self, ActionStatus::Done | ActionStatus::Cancelled)
    }
}

/// Rule (DSR policy, "Actions"): overdue = not done/cancelled and due before today.
pub fn is_overdue(status: ActionStatus, due: NaiveDate, today: NaiveDate) -> bool {
    !status.is_closed() && due < today
}

/// Whole days past the due date (0 when not overdue).
pub fn days_overdue(status: ActionStatus, due: NaiveDate, today: NaiveDate) -> i64 {
    if is_overdue(status, due, today) {
        (today - due).num_days()
    } else {
        0
    }
}

/// Triage buckets in the order a commissioner works through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Urgency {
    Overdue,
    DueThisWeek,
    Later,
    Closed,
}

/// Days ahead that count as "due this week".
pub const DUE_SOON_DAYS: i64 = 7;

pub fn urgency(status: ActionStatus, due: NaiveDate, today: NaiveDate) -> Urgency {
    if status.is_closed() {
        Urgency::Closed
    } else if due < today {
        Urgency::Overdue
    } else if (due - today).num_days() <= DUE_SOON_DAYS {
        Urgency::DueThisWeek
    } else {
        Urgency::Later
    }
}

/// Where an action sorts in triage: its urgency, then (overdue only) the person's risk, then its
/// due date.
pub type TriageKey = (Urgency, Option<Rating>, NaiveDate);

/// Overdue first and, among overdue actions, the person's risk (BLUE, RED, AMBER, GREEN) before
/// how long overdue (most days at the top); then due within 7 days, then the rest, by due date.
pub fn triage_key(
    status: ActionStatus,
    due: NaiveDate,
    risk: Rating,
    today: NaiveDate,
) -> TriageKey {
    let u = urgency(status, due, today);
    (u, (u == Urgency::Overdue).then_some(risk), due)
}

/// The triage order of two actions, each given as (status, due, the person's rating).
pub fn triage_order(
    a: (ActionStatus, NaiveDate, Rating),
    b: (ActionStatus, NaiveDate, Rating),
    today: NaiveDate,
) -> Ordering {
    triage_key(a.0, a.1, a.2, today).cmp(&triage_key(b.0, b.1, b.2, today))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    // Rule (DSR policy): overdue = not done/cancelled and due before today; due today is not overdue.
    #[test]
    fn overdue_day_boundary() {
        let today = d("2026-11-24");
        assert!(!is_overdue(ActionStatus::Open, d("2026-11-24"), today));
        assert!(is_overdue(ActionStatus::Open, d("2026-11-23"), today));
        assert_eq!(days_overdue(ActionStatus::Open, d("2026-11-23"), today), 1);
        assert_eq!(days_overdue(ActionStatus::Open, d("2026-11-24"), today), 0);
    }

    // Rule: an action due today is "due this week", not overdue; yesterday is overdue.
    #[test]
    fn due_today_is_due_this_week() {
        let today = d("2026-11-24");
        assert_eq!(
            urgency(ActionStatus::Open, today, today),
            Urgency::DueThisWeek
        );
        assert_eq!(
            urgency(ActionStatus::InProgress, d("2026-11-23"), today),
            Urgency::Overdue
        );
        assert_eq!(
            urgency(ActionStatus::Done, d("2026-11-23"), today),
            Urgency::Closed
        );
    }

    // Rule: closed actions are never overdue; escalated and in-progress ones can be.
    #[test]
    fn closed_never_overdue() {
        let today = d("2026-11-24");
        let old = d("2026-01-01");
        assert!(!is_overdue(ActionStatus::Done, old, today));
        assert!(!is_overdue(ActionStatus::Cancelled, old, today));
        assert!(is_overdue(ActionStatus::Escalated, old, today));
        assert!(is_overdue(ActionStatus::InProgress, old, today));
    }

    // Hazard: a GREEN person's long-overdue action listed above a RED or BLUE person's.
    #[test]
    fn overdue_actions_sort_by_risk_before_days_overdue() {
        let today = d("2026-11-24");
        let mut v = [
            (ActionStatus::Open, d("2026-01-01"), Rating::Green),
            (ActionStatus::Open, d("2026-11-20"), Rating::Red),
            (ActionStatus::Open, d("2026-11-23"), Rating::Blue),
            (ActionStatus::Open, d("2026-10-01"), Rating::Red),
            (ActionStatus::Open, d("2026-11-25"), Rating::Blue),
        ];
        v.sort_by(|a, b| triage_order(*a, *b, today));
        let order: Vec<_> = v.iter().map(|x| (x.2, x.1.to_string())).collect();
        assert_eq!(
            order,
            [
                (Rating::Blue, "2026-11-23".to_string()),
                (Rating::Red, "2026-10-01".to_string()),
                (Rating::Red, "2026-11-20".to_string()),
                (Rating::Green, "2026-01-01".to_string()),
                (Rating::Blue, "2026-11-25".to_string()),
            ]
        );
    }

    // Rule: overdue first, most overdue at top, then due within 7 days, then the rest.
    #[test]
    fn triage_ordering() {
        let today = d("2026-11-24");
        let g = Rating::Green;
        let mut v = [
            (ActionStatus::Open, d("2027-01-01"), g),
            (ActionStatus::Open, d("2026-11-30"), g),
            (ActionStatus::Open, d("2026-11-20"), g),
            (ActionStatus::Done, d("2026-01-01"), g),
            (ActionStatus::Escalated, d("2026-10-01"), g),
            (ActionStatus::Open, d("2026-11-24"), g),
        ];
        v.sort_by(|a, b| triage_order(*a, *b, today));
        let dues: Vec<_> = v.iter().map(|x| x.1.to_string()).collect();
        assert_eq!(
            dues,
            [
                "2026-10-01",
                "2026-11-20",
                "2026-11-24",
                "2026-11-30",
                "2027-01-01",
                "2026-01-01"
            ]
        );
        assert_eq!(
            urgency(ActionStatus::Open, d("2026-12-01"), today),
            Urgency::DueThisWeek
        );
        assert_eq!(
            urgency(ActionStatus::Open, d("2026-12-02"), today),
            Urgency::Later
        );
    }
}
