// Hazard: a person who objected to national reporting is named in a return to NHS England.
#[test]
fn an_objection_withholds_identifiers_from_every_later_return() {
    assert!(!withholds_identifiers(None));
    let on = NaiveDate::from_ymd_opt(2026, 10, 1).expect("date");
    assert!(withholds_identifiers(Some(on)));
}

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}
const TODAY: &str = "2026-11-24";

// Rule (DSR policy, reporting): the monthly cut is the last day of the month; the current month
// is cut at today; future months are refused.
#[test]
fn month_bounds() {
    let t = d(TODAY);
    let p = month_period("2026-02", t).expect("feb");
    assert_eq!(
        (p.start, p.end, p.cut),
        (d("2026-02-01"), d("2026-02-28"), d("2026-02-28"))
    );
    let p = month_period("2024-02", t).expect("leap");
    assert_eq!(p.end, d("2024-02-29"));
    let p = month_period("2026-11", t).expect("current");
    assert_eq!((p.end, p.cut), (d("2026-11-30"), t));
    assert!(
        month_period("2026-12", t)
            .unwrap_err()
            .contains("not started")
    );
    assert!(month_period("2026-13", t).unwrap_err().contains("YYYY-MM"));
    assert!(month_period("Oct 2026", t).is_err());
}

// Rule (DSR policy): the weekly cut is Sunday midnight; other days are refused, naming Sundays.
#[test]
fn weeks_end_on_sunday() {
    let t = d(TODAY);
    let p = week_period(d("2026-11-22"), t).expect("sunday");
    assert_eq!(
        (p.start, p.end, p.cut),
        (d("2026-11-16"), d("2026-11-22"), d("2026-11-22"))
    );
    let e = week_period(d("2026-11-24"), t).unwrap_err();
    assert!(
        e.contains("Tuesday") && e.contains("2026-11-22") && e.contains("2026-11-29"),
        "{e}"
    );
    let p = week_period(d("2026-11-29"), t).expect("current week");
    assert_eq!(p.cut, t);
    assert!(week_period(d("2026-12-06"), t).is_err());
}

// Rule (DSR policy, CETR line): under 18, or under 25 with an EHCP, on any day of the month.
#[test]
fn children_and_young_people() {
    let p = month_period("2026-10", d(TODAY)).expect("oct");
    assert!(is_child_or_young_person(d("2010-01-01"), false, &p));
    // Turns 18 on 15 October: still a child on 1 October.
    assert!(is_child_or_young_person(d("2008-10-15"), false, &p));
    assert!(!is_child_or_young_person(d("2008-09-30"), false, &p));
    assert!(is_child_or_young_person(d("2004-01-01"), true, &p));
    assert!(!is_child_or_young_person(d("2001-01-01"), true, &p));
    // Born after the month: not yet anyone.
    assert!(!is_child_or_young_person(d("2026-11-02"), false, &p));
    // Born during the month counts.
    assert!(is_child_or_young_person(d("2026-10-20"), false, &p));
}

#[test]
fn month_ends_run_oldest_first_and_stop_at_today() {
    let ends = month_ends(d(TODAY), 3);
    assert_eq!(
        ends,
        vec![d("2026-09-30"), d("2026-10-31"), d("2026-11-24")]
    );
    assert_eq!(month_ends(d(TODAY), 12)[0], d("2025-12-31"));
}

#[test]
fn stay_bands_and_pre_admission_types() {
    assert_eq!(STAY_BANDS[stay_band(0)].1, "<1m");
    assert_eq!(STAY_BANDS[stay_band(31)].1, "1-3m");
    assert_eq!(STAY_BANDS[stay_band(800)].1, "2y+");
    assert!(counts_as_pre_admission(ReviewType::Community));
    assert!(!counts_as_pre_admission(ReviewType::PostAdmission));
    assert!(!counts_as_pre_admission(ReviewType::Emergency));
    // Hazard: on-request and emergency meetings inflating the community-review measure.
    assert!(!counts_as_pre_admission(ReviewType::OnRequest));
}

fn meeting(on: &str, t: ReviewType) -> Meeting {
    Meeting {
        held_on: d(on),
        kind: ReviewKind::Ctr,
        review_type: t,
        finalised: true,
        panel: crate::domain::review::PanelRole::REQUIRED.to_vec(),
        waived: vec![],
    }
}

/// An adult admitted on 2026-11-10 who joined the register in 2025.
fn adult_episode() -> EpisodeFacts {
    EpisodeFacts {
        admitted_on: d("2026-11-10"),
        previous_discharge: None,
        left_hospital: None,
        date_of_birth: d("1990-05-01"),
        ehcp: false,
        added_to_register: d("2025-01-06"),
    }
}

// Hazard: reviews on request, emergency meetings, short panels or reviews from before an earlier
// stay inflating the community-C(E)TR-before-admission measure NHS England holds areas to.
#[test]
fn only_a_community_cetr_in_the_run_up_counts_before_admission() {
    let (p, h, cut) = (PolicyIntervals::default(), Holidays::default(), d(TODAY));
    let e = adult_episode();
    let judge =
        |m: &[Meeting], e: &EpisodeFacts| community_cetr_before_admission(e, m, &p, &h, cut);
    assert_eq!(
        judge(&[meeting("2026-10-01", ReviewType::Community)], &e),
        BeforeAdmission::Yes
    );
    for t in [
        ReviewType::OnRequest,
        ReviewType::Emergency,
        ReviewType::PostAdmission,
    ] {
        assert_eq!(
            judge(&[meeting("2026-10-01", t)], &e),
            BeforeAdmission::No,
            "{t:?}"
        );
    }
    let mut short = meeting("2026-10-01", ReviewType::Community);
    short.panel.pop();
    assert_eq!(judge(&[short], &e), BeforeAdmission::No, "short panel");
    // Outside the 6-month run-up, on the admission day itself, or before a previous discharge.
    assert_eq!(
        judge(&[meeting("2026-04-01", ReviewType::Community)], &e),
        BeforeAdmission::No
    );
    assert_eq!(
        judge(&[meeting("2026-11-10", ReviewType::Community)], &e),
        BeforeAdmission::No
    );
    let readmitted = EpisodeFacts {
        previous_discharge: Some(d("2026-10-15")),
        ..e
    };
    assert_eq!(
        judge(&[meeting("2026-10-01", ReviewType::Community)], &readmitted),
        BeforeAdmission::No
    );
    // Someone who joined the register on the admission day: the register cannot know.
    let joined = EpisodeFacts {
        added_to_register: d("2026-11-10"),
        ..e
    };
    assert_eq!(judge(&[], &joined), BeforeAdmission::NotKnown);
    assert_eq!(
        judge(&[meeting("2026-10-01", ReviewType::Community)], &joined),
        BeforeAdmission::Yes
    );
    assert!(!e.is_child());
}

// Hazard: a late post-admission review (or none at all) reported as on time, or one demanded
// after a community C(E)TR in the run-up. Adults: 28 days; children: 5 working days.
#[test]
fn post_admission_review_on_time_late_pending_or_not_needed() {
    let (p, h) = (PolicyIntervals::default(), Holidays::default());
    let e = adult_episode();
    let judge =
        |m: &[Meeting], e: &EpisodeFacts, cut: &str| post_admission_review(e, m, &p, &h, d(cut));
    // Due 2026-12-08 (28 days after 10 November).
    assert_eq!(judge(&[], &e, "2026-12-08"), PostAdmissionReview::NotYetDue);
    assert_eq!(judge(&[], &e, "2026-12-09"), PostAdmissionReview::Late);
    let on_day = [meeting("2026-12-08", ReviewType::PostAdmission)];
    assert_eq!(
        judge(&on_day, &e, "2026-12-20"),
        PostAdmissionReview::OnTime
    );
    let late = [meeting("2026-12-09", ReviewType::PostAdmission)];
    assert_eq!(judge(&late, &e, "2026-12-20"), PostAdmissionReview::Late);
    // An emergency meeting never stands in for it.
    let blue_light = [meeting("2026-11-11", ReviewType::Emergency)];
    assert_eq!(
        judge(&blue_light, &e, "2026-12-20"),
        PostAdmissionReview::Late
    );
    // A community C(E)TR (or one on request) in the run-up: none needed.
    let before = [meeting("2026-10-01", ReviewType::OnRequest)];
    assert_eq!(
        judge(&before, &e, "2026-12-20"),
        PostAdmissionReview::NotNeeded
    );
    // Discharged before it fell due.
    let left = EpisodeFacts {
        left_hospital: Some(d("2026-11-20")),
        ..e
    };
    assert_eq!(
        judge(&[], &left, "2026-12-20"),
        PostAdmissionReview::NotNeeded
    );
    // A child admitted on Friday 2026-11-06 is due on Friday 13th (5 working days).
    let child = EpisodeFacts {
        admitted_on: d("2026-11-06"),
        date_of_birth: d("2012-03-01"),
        ..e
    };
    assert!(child.is_child());
    assert_eq!(
        judge(&[], &child, "2026-11-13"),
        PostAdmissionReview::NotYetDue
    );
    assert_eq!(judge(&[], &child, "2026-11-16"), PostAdmissionReview::Late);
    assert_eq!(
        [PostAdmissionReview::OnTime, PostAdmissionReview::Late].map(|r| r.code()),
        ["yes", "no"]
    );
}

#[test]
fn review_outcome_codes() {
    assert_eq!(
        review_outcome_code(Some(true)),
        Some("needs_met_in_community")
    );
    assert_eq!(
        review_outcome_code(Some(false)),
        Some("needs_not_met_in_community")
    );
    assert_eq!(review_outcome_code(None), None);
}
