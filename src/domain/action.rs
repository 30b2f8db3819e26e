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
mod tests;
