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
