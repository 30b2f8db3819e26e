use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

// Hazard: a request for a review sits unanswered and nobody notices.
#[test]
fn request_waiting_longer_than_four_weeks_is_overdue() {
    let p = JourneyPolicy::default();
    let asked = d("2026-11-02");
    assert_eq!(p.decision_due(asked), d("2026-11-30"));
    assert!(!p.request_overdue(asked, false, d("2026-11-30")));
    assert!(p.request_overdue(asked, false, d("2026-12-01")));
    assert!(!p.request_overdue(asked, true, d("2027-03-01")));
}

// The target is local practice: an edited policy row moves the deadline.
#[test]
fn request_target_follows_the_policy_row() {
    let p = JourneyPolicy::from_rows([("request_decision", Interval::Days(7))]);
    assert!(p.request_overdue(d("2026-11-02"), false, d("2026-11-10")));
    assert_eq!(p.report_due, Interval::Days(14));
}

// Hazard: the family never receives the action plan and nobody chases it.
#[test]
fn report_due_fourteen_days_after_the_meeting() {
    let p = JourneyPolicy::default();
    let held = d("2026-11-02");
    assert_eq!(p.report_due(held), d("2026-11-16"));
    let only_report = ReportSent {
        report: Some(d("2026-11-05")),
        family_plan: None,
    };
    assert!(!p.report_overdue(held, only_report, d("2026-11-16")));
    assert!(p.report_overdue(held, only_report, d("2026-11-17")));
    assert_eq!(p.report_on_time(held, only_report, d("2026-11-10")), None);
    assert_eq!(
        p.report_on_time(held, only_report, d("2026-11-17")),
        Some(false)
    );
    let both = ReportSent {
        report: Some(d("2026-11-05")),
        family_plan: Some(d("2026-11-16")),
    };
    assert!(!p.report_overdue(held, both, d("2027-01-01")));
    assert_eq!(p.report_on_time(held, both, d("2027-01-01")), Some(true));
    let late = ReportSent {
        report: Some(d("2026-11-05")),
        family_plan: Some(d("2026-11-17")),
    };
    assert_eq!(p.report_on_time(held, late, d("2027-01-01")), Some(false));
}

#[test]
fn advocacy_lookup_has_the_national_types() {
    for code in ["none", "self", "family", "independent", "imha", "imca"] {
        assert!(advocacy_label(code).is_some(), "{code}");
    }
    assert_eq!(advocacy_label("telepathy"), None);
}
