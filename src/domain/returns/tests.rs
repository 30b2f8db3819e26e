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
