//! Ages and birthdays, computed against an injected date so results are stable in tests.

use chrono::{Datelike, NaiveDate};

/// Whole years between `dob` and `on` (0 before the first birthday), by the one birthday rule.
pub fn age_on(dob: NaiveDate, on: NaiveDate) -> u32 {
    let years = (on.year() - dob.year()).max(0) as u32;
    if years > 0 && on < birthday(dob, years) {
        years - 1
    } else {
        years
    }
}

/// The date someone turns `years` old. One rule for ages, transitions and review kinds: someone
/// born on 29 February has their birthday on 1 March in a common year (the day after 28 February,
/// the reading usually given for England and Wales), so they are never older a day early.
pub fn birthday(dob: NaiveDate, years: u32) -> NaiveDate {
    let year = dob.year() + years as i32;
    NaiveDate::from_ymd_opt(year, dob.month(), dob.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
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
mod tests;
