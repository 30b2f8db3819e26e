//! Ages and birthdays, computed against an injected date so results are stable in tests.

use chrono::{Datelike, Months, NaiveDate};

/// Whole years between `dob` and `on` (0 before the first birthday).
pub fn age_on(dob: NaiveDate, on: NaiveDate) -> u32 {
    let mut years = on.year() - dob.year();
    if (on.month(), on.day()) < (dob.month(), dob.day()) {
        years -= 1;
    }
    years.max(0) as u32
}

/// The date someone turns `years` old (29 February birthdays fall on 28 February in common years).
pub fn birthday(dob: NaiveDate, years: u32) -> NaiveDate {
    dob.checked_add_months(Months::new(years * 12))
        .unwrap_or(NaiveDate::MAX)
}

/// Age bands used by pseudonymised exports (no date of birth leaves the register).
pub fn age_band(age: u32) -> &'static str {
    match age {
        0..=4 => "0-4",
        5..=10 => "5-10",
        11..=15 => "11-15",
        16..=17 => "16-17",
        18..=24 => "18-24",
        25..=34 => "25-34",
        35..=44 => "35-44",
        45..=54 => "45-54",
        55..=64 => "55-64",
        _ => "65+",
    }
}

#[cfg(test)]
mod tests {
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

    // Rule: a 29 February birthday is celebrated on 28 February in a common year.
    #[test]
    fn leap_day_birthday() {
        assert_eq!(birthday(d("2008-02-29"), 18), d("2026-02-28"));
        assert_eq!(age_on(d("2008-02-29"), d("2026-02-28")), 17);
        assert_eq!(age_on(d("2008-02-29"), d("2026-03-01")), 18);
    }

    #[test]
    fn bands_cover_children_and_adults() {
        assert_eq!(age_band(17), "16-17");
        assert_eq!(age_band(18), "18-24");
        assert_eq!(age_band(80), "65+");
    }
}
