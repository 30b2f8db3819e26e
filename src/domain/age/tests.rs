use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

// Rule: age increases on the birthday itself, not the day after.
#[test]
fn age_turns_on_birthday() {
    assert_eq!(age_on(d("2008-11-24"), d("2026-11-23")), 17);
    assert_eq!(age_on(d("2008-11-24"), d("2026-11-24")), 18);
}

// Hazard: ages and birthdays disagreeing for someone born on 29 February (a CETR/CTR or
// transition flag flipping on different days).
#[test]
fn leap_day_birthday_is_one_rule_for_age_and_birthday() {
    let dob = d("2008-02-29");
    assert_eq!(birthday(dob, 18), d("2026-03-01"));
    assert_eq!(age_on(dob, d("2026-02-28")), 17);
    assert_eq!(age_on(dob, d("2026-03-01")), 18);
    assert_eq!(birthday(dob, 16), d("2024-02-29"));
    assert_eq!(age_on(dob, d("2024-02-29")), 16);
    for years in 0..30 {
        let b = birthday(dob, years);
        assert_eq!(age_on(dob, b), years, "{b}");
        assert_eq!(
            age_on(dob, b.pred_opt().expect("day")),
            years.saturating_sub(1)
        );
    }
}

#[test]
fn bands_cover_children_and_adults() {
    assert_eq!(age_band(17), "16-17");
    assert_eq!(age_band(18), "18-24");
    assert_eq!(age_band(80), "65+");
}
