//! Working days: policy clocks such as "within 5 working days" skip weekends and the bank holidays
//! of England. The holidays are a seeded, editable table; this is its starting content.

use chrono::{Datelike, NaiveDate, Weekday};
use std::collections::BTreeSet;

/// Where the seeded holidays come from, stored beside each row so staff can check and extend them.
pub const BANK_HOLIDAY_SOURCE: &str =
    "GOV.UK \"UK bank holidays\" (England and Wales), www.gov.uk/bank-holidays";

/// England and Wales bank holidays 2025-2028 (substitute days where the day falls at a weekend).
pub const ENGLAND_BANK_HOLIDAYS: [(&str, &str); 32] = [
    ("2025-01-01", "New Year's Day"),
    ("2025-04-18", "Good Friday"),
    ("2025-04-21", "Easter Monday"),
    ("2025-05-05", "Early May bank holiday"),
    ("2025-05-26", "Spring bank holiday"),
    ("2025-08-25", "Summer bank holiday"),
    ("2025-12-25", "Christmas Day"),
    ("2025-12-26", "Boxing Day"),
    ("2026-01-01", "New Year's Day"),
    ("2026-04-03", "Good Friday"),
    ("2026-04-06", "Easter Monday"),
    ("2026-05-04", "Early May bank holiday"),
    ("2026-05-25", "Spring bank holiday"),
    ("2026-08-31", "Summer bank holiday"),
    ("2026-12-25", "Christmas Day"),
    ("2026-12-28", "Boxing Day (substitute day)"),
    ("2027-01-01", "New Year's Day"),
    ("2027-03-26", "Good Friday"),
    ("2027-03-29", "Easter Monday"),
    ("2027-05-03", "Early May bank holiday"),
    ("2027-05-31", "Spring bank holiday"),
    ("2027-08-30", "Summer bank holiday"),
    ("2027-12-27", "Christmas Day (substitute day)"),
    ("2027-12-28", "Boxing Day (substitute day)"),
    ("2028-01-03", "New Year's Day (substitute day)"),
    ("2028-04-14", "Good Friday"),
    ("2028-04-17", "Easter Monday"),
    ("2028-05-01", "Early May bank holiday"),
    ("2028-05-29", "Spring bank holiday"),
    ("2028-08-28", "Summer bank holiday"),
    ("2028-12-25", "Christmas Day"),
    ("2028-12-26", "Boxing Day"),
];

/// The days that are not working days besides weekends.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Holidays(BTreeSet<NaiveDate>);

impl Holidays {
    pub fn new(days: impl IntoIterator<Item = NaiveDate>) -> Self {
        Holidays(days.into_iter().collect())
    }

    /// The seeded England table, for tests and for a register whose table is empty.
    pub fn england() -> Self {
        Self::new(
            ENGLAND_BANK_HOLIDAYS
                .iter()
                .filter_map(|(d, _)| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
        )
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !self.0.contains(&d)
    }

    /// The `n`th working day after `from` (the day itself does not count, as "within 5 working
    /// days of admission" starts counting the next day).
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate {
        let mut d = from;
        let mut left = n;
        while left > 0 {
            match d.succ_opt() {
                Some(next) => d = next,
                None => return NaiveDate::MAX,
            }
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        d
    }

    /// The last date the table covers, so screens can warn when a clock runs past it.
    pub fn last(&self) -> Option<NaiveDate> {
        self.0.last().copied()
    }
}

#[cfg(test)]
mod tests;
