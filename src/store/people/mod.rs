//! People on the register: the rows the UI lists (`rows`), one person's full record (`record`),
//! adding, editing and archiving (`write`), ratings and their history (`rating`), and who might
//! already be on the register (`identity`). Stored-value conversions every store module shares
//! live here.

mod identity;
mod rating;
mod record;
mod rows;
mod write;

// Reviews reach these through the people module; they live with admissions and the schedule.
pub use super::admissions::open_admission;
pub use super::schedule::refresh_schedule;
pub use identity::*;
pub use rating::*;
pub use record::*;
pub use rows::*;
pub use write::*;

use crate::domain::rating::Rating;
use chrono::NaiveDate;

/// Stored dates are always `YYYY-MM-DD` (the store writes them); parsing them by hand is several
/// times faster than a format string, which matters when loading 100,000 rows.
pub(crate) fn date(s: &str) -> rusqlite::Result<NaiveDate> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let parsed = (b.len() == 10 && b[4] == b'-' && b[7] == b'-')
        .then(|| NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?))
        .flatten();
    parsed.ok_or_else(|| conversion(format!("stored date {s:?} is not YYYY-MM-DD")))
}

pub(crate) fn opt_date(s: Option<String>) -> rusqlite::Result<Option<NaiveDate>> {
    s.as_deref().map(date).transpose()
}

fn conversion(msg: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, msg.into())
}

pub(crate) fn rating(s: &str) -> rusqlite::Result<Rating> {
    s.parse()
        .map_err(|e: crate::domain::rating::UnknownRating| conversion(e.to_string()))
}

pub(crate) fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}
