//! Rules of the NHS England returns and the dashboard figures: reporting periods, who counts as a
//! child or young person, and what "a review before admission" means. Pure: dates come in as values.

use super::age::age_on;
use super::review::{ReviewKind, ReviewType, suggest_kind};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// A reporting period: both ends inclusive. `cut` is the date the figures are taken "as at":
/// the last day of the period, or today when the period has not finished yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub cut: NaiveDate,
}

/// `YYYY-MM` → the calendar month (seed 004 / DSR policy: the national cut is midnight on the last
/// day of the month). A month that has not started yet is refused; the current month is "so far".
pub fn month_period(text: &str, today: NaiveDate) -> Result<Period, String> {
    let bad = || format!("{text:?} is not a month: use YYYY-MM, e.g. 2026-10");
    let (y, m) = text.trim().split_once('-').ok_or_else(bad)?;
    let (year, month): (i32, u32) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    let start = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(bad)?;
    let end = start
        .checked_add_months(Months::new(1))
        .and_then(|d| d.pred_opt())
        .ok_or_else(bad)?;
    if start > today {
        return Err(format!(
            "{} has not started yet (today is {today}); choose a month up to {}",
            text.trim(),
            today.format("%Y-%m")
        ));
    }
    Ok(Period {
        start,
        end,
        cut: end.min(today),
    })
}

/// The week ending on Sunday `end` (the national weekly cut is Sunday midnight): Monday to Sunday.
/// Any other weekday is refused with the Sundays either side, so a typo cannot shift the week.
pub fn week_period(end: NaiveDate, today: NaiveDate) -> Result<Period, String> {
    if end.weekday() != Weekday::Sun {
        let back = end.weekday().num_days_from_monday() + 1;
        let before = end - Days::new(back.into());
        let after = before + Days::new(7);
        return Err(format!(
            "{end} is a {}; the weekly cut is on Sundays: use {before} or {after}",
            end.format("%A")
        ));
    }
    let start = end - Days::new(6);
    if start > today {
        return Err(format!(
            "the week ending {end} has not started yet (today is {today})"
        ));
    }
    Ok(Period {
        start,
        end,
        cut: end.min(today),
    })
}

/// Whether a return leaves out a person's identifiers (NHS number, local id, name, date of birth).
/// Someone who objected to national reporting is still counted, as a marked row without them; the
/// objection holds for every return made after it is recorded, whatever period the return covers.
pub fn withholds_identifiers(objection: Option<NaiveDate>) -> bool {
    objection.is_some()
}

/// The monthly return covers children and young people: anyone who is under 18, or under 25 with an
/// EHCP, on any day of the month — the same line that makes their review a CETR (DSR policy).
/// Being that age on the first day of the month is enough (they may turn 18 or 25 during it).
pub fn is_child_or_young_person(dob: NaiveDate, ehcp: bool, period: &Period) -> bool {
    dob <= period.end && suggest_kind(dob, ehcp, period.start.max(dob)) == ReviewKind::Cetr
}

/// Months before an admission in which a finished community C(E)TR counts as "a community
/// C(E)TR before admission" for the dashboard (design; the policy asks for a community C(E)TR
/// before any admission, and seed 004 asks one for every child).
pub const REVIEW_BEFORE_ADMISSION_MONTHS: u32 = 6;

/// Review types that count towards the "community C(E)TR before admission" measure NHS England
/// holds areas to: only a community C(E)TR. An emergency meeting is not a C(E)TR, and a review on
/// request, though it may stand in for a due community review in the schedule, would inflate the
/// measure.
pub fn counts_as_pre_admission(t: ReviewType) -> bool {
    t == ReviewType::Community
}

/// NHS England's standard: a community C(E)TR before at least this share (percent) of admissions.
pub const COMMUNITY_BEFORE_ADMISSION_STANDARD: u64 = 90;

/// The last day of each of the `n` months ending with the month holding `today`, oldest first;
/// the current month's entry is `today` itself (figures "so far").
pub fn month_ends(today: NaiveDate, n: u32) -> Vec<NaiveDate> {
    let first = today.with_day(1).unwrap_or(today);
    (0..n)
        .rev()
        .filter_map(|back| {
            let start = first.checked_sub_months(Months::new(back))?;
            let end = start.checked_add_months(Months::new(1))?.pred_opt()?;
            Some(end.min(today))
        })
        .collect()
}

/// Length-of-stay bands for the dashboard (upper bounds in days, exclusive) and their labels.
pub const STAY_BANDS: [(i64, &str); 6] = [
    (31, "<1m"),
    (92, "1-3m"),
    (183, "3-6m"),
    (365, "6-12m"),
    (730, "1-2y"),
    (i64::MAX, "2y+"),
];

pub fn stay_band(days: i64) -> usize {
    STAY_BANDS
        .iter()
        .position(|(upper, _)| days < *upper)
        .unwrap_or(STAY_BANDS.len() - 1)
}

/// Age in whole years on the cut date, for returns.
pub fn age_at(dob: NaiveDate, cut: NaiveDate) -> u32 {
    age_on(dob, cut)
}

#[cfg(test)]
mod tests;
