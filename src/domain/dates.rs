//! Dates as staff type them: `dd/mm/yyyy` (the UK habit), `d/m/yy`, ISO, or relative to today.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DateError {}

const HINT: &str = "use dd/mm/yyyy or yyyy-mm-dd";
const TYPED_HINT: &str =
    "use dd/mm/yyyy, yyyy-mm-dd, today, yesterday, +10d, +2w, +3m, -1w or a weekday such as fri";

/// The forms a date field on screen takes, short enough for its placeholder.
pub const TYPED_FORMS: &str = "dd/mm/yyyy, today, +2w, -3d, fri";

/// The years the register holds: nobody on it, and nothing it plans, falls outside them, and a
/// date beyond them (`+99999m`) would be stored in a form nothing can read back.
pub const FIRST_YEAR: i32 = 1900;
pub const LAST_YEAR: i32 = 2100;

/// How far ahead a due date may be: further is a typing slip (`+100m`), not a plan.
pub const DUE_HORIZON_YEARS: u32 = 5;

/// Refuse a date outside [`FIRST_YEAR`]..=[`LAST_YEAR`], naming the year.
pub fn within_bounds(d: NaiveDate) -> Result<NaiveDate, DateError> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&d.year()) {
        Ok(d)
    } else {
        Err(DateError(format!(
            "the year {} is outside {FIRST_YEAR}-{LAST_YEAR}; check the date",
            d.year()
        )))
    }
}

/// Refuse a due date more than [`DUE_HORIZON_YEARS`] ahead of `today`.
pub fn due_within_horizon(d: NaiveDate, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let limit = today
        .checked_add_months(Months::new(DUE_HORIZON_YEARS * 12))
        .unwrap_or(today);
    if d > limit {
        return Err(DateError(format!(
            "{} is more than {DUE_HORIZON_YEARS} years ahead; a due date must be before {}",
            uk(d),
            uk(limit)
        )));
    }
    within_bounds(d)
}

/// Which way a two-digit year reads: a birth date or a past event lies behind today, a due date
/// ahead of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearDirection {
    Behind,
    Ahead,
}

/// The full year for a two-digit `yy`: the nearest year ending in those digits on the side of
/// today's year that the field expects (`31/01/27` due is 2027, never 1927; born `95` is 1995).
pub fn two_digit_year(yy: i32, today: NaiveDate, direction: YearDirection) -> i32 {
    let this = today.year();
    let same_century = this / 100 * 100 + yy;
    match direction {
        YearDirection::Behind if same_century > this => same_century - 100,
        YearDirection::Ahead if same_century < this => same_century + 100,
        _ => same_century,
    }
}

/// Parse a calendar date, without relative forms: what import files and date-of-birth fields hold.
/// Two-digit years read backwards from today (`3/4/95` is 1995).
pub fn parse_date(input: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    parse_calendar_date(input, today, YearDirection::Behind).and_then(within_bounds)
}

fn parse_calendar_date(
    input: &str,
    today: NaiveDate,
    direction: YearDirection,
) -> Result<NaiveDate, DateError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(DateError(format!("no date given: {HINT}")));
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(d);
    }
    let parts: Vec<&str> = s.split(['/', '.', '-']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(DateError(format!("{s:?} is not a date: {HINT}")));
    }
    let num = |p: &str| {
        p.parse::<u32>()
            .map_err(|_| DateError(format!("{s:?} is not a date: {HINT}")))
    };
    let (day, month) = (num(parts[0])?, num(parts[1])?);
    let year = match parts[2].len() {
        4 => num(parts[2])? as i32,
        2 => two_digit_year(num(parts[2])? as i32, today, direction),
        _ => return Err(DateError(format!("{s:?}: the year needs 4 digits (or 2)"))),
    };
    if !(1..=12).contains(&month) {
        return Err(DateError(format!(
            "{s:?}: there is no month {month}; dates are day/month/year"
        )));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        DateError(format!(
            "{s:?} is not a real date: {} has no day {day}",
            month_name(month, year)
        ))
    })
}

/// Parse a due date: what [`parse_typed_date`] takes, read ahead of today, within
/// [`DUE_HORIZON_YEARS`].
pub fn parse_due_date(input: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    typed_date(input, today, YearDirection::Ahead).and_then(|d| due_within_horizon(d, today))
}

/// Parse a date as staff type it into any date field: a calendar date, `today`, `tomorrow`,
/// `yesterday`, `+Nd`/`+Nw`/`+Nm` and `-Nd`/`-Nw`/`-Nm` from today, or a weekday name. Which
/// way the field looks decides a weekday (the next one ahead, the last one behind) and a
/// two-digit year. Every form the error message lists is accepted, in every field.
pub fn parse_typed_date(
    input: &str,
    today: NaiveDate,
    direction: YearDirection,
) -> Result<NaiveDate, DateError> {
    typed_date(input, today, direction).and_then(within_bounds)
}

/// [`parse_typed_date`] before the bounds check, so a due date far ahead hears about the
/// horizon rather than the year.
fn typed_date(
    input: &str,
    today: NaiveDate,
    direction: YearDirection,
) -> Result<NaiveDate, DateError> {
    let hint = || DateError(format!("{input:?}: {TYPED_HINT}"));
    let s = input.trim().to_ascii_lowercase();
    match s.as_str() {
        "today" | "tod" => return Ok(today),
        "tomorrow" | "tom" => return today.checked_add_days(Days::new(1)).ok_or_else(hint),
        "yesterday" | "yest" => return today.checked_sub_days(Days::new(1)).ok_or_else(hint),
        _ => {}
    }
    let signed = s
        .strip_prefix('+')
        .map(|r| (true, r))
        .or_else(|| s.strip_prefix('-').map(|r| (false, r)));
    if let Some((ahead, rest)) = signed {
        let (num, unit) = rest.split_at(
            rest.find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len()),
        );
        let n: u32 = num.parse().map_err(|_| hint())?;
        let days = |k: u64| Days::new(u64::from(n) * k);
        let out = match (unit, ahead) {
            ("" | "d", true) => today.checked_add_days(days(1)),
            ("" | "d", false) => today.checked_sub_days(days(1)),
            ("w", true) => today.checked_add_days(days(7)),
            ("w", false) => today.checked_sub_days(days(7)),
            ("m", true) => today.checked_add_months(Months::new(n)),
            ("m", false) => today.checked_sub_months(Months::new(n)),
            _ => None,
        };
        return out.ok_or_else(hint);
    }
    if let Some(wd) = weekday(&s) {
        let (from, to) = (
            today.weekday().num_days_from_monday(),
            wd.num_days_from_monday(),
        );
        return Ok(match direction {
            YearDirection::Ahead => {
                let ahead = (7 + to - from) % 7;
                today + Days::new(if ahead == 0 { 7 } else { ahead }.into())
            }
            YearDirection::Behind => {
                let behind = (7 + from - to) % 7;
                today - Days::new(if behind == 0 { 7 } else { behind }.into())
            }
        });
    }
    parse_calendar_date(input, today, direction)
        .map_err(|e| DateError(e.0.replace(HINT, TYPED_HINT)))
}

/// A date of birth: a real date, not in the future, not before 1900.
pub fn parse_date_of_birth(input: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let d = parse_date(input, today)?;
    check_date_of_birth(d, today)?;
    Ok(d)
}

pub fn check_date_of_birth(d: NaiveDate, today: NaiveDate) -> Result<(), DateError> {
    if d > today {
        return Err(DateError(format!(
            "date of birth {} is in the future",
            uk(d)
        )));
    }
    if d.year() < 1900 {
        return Err(DateError(format!(
            "date of birth {} is before 1900; check the year",
            uk(d)
        )));
    }
    Ok(())
}

/// UK display form used on screen: 24/11/2026.
pub fn uk(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

fn weekday(s: &str) -> Option<Weekday> {
    const NAMES: [(&str, Weekday); 7] = [
        ("monday", Weekday::Mon),
        ("tuesday", Weekday::Tue),
        ("wednesday", Weekday::Wed),
        ("thursday", Weekday::Thu),
        ("friday", Weekday::Fri),
        ("saturday", Weekday::Sat),
        ("sunday", Weekday::Sun),
    ];
    if s.len() < 3 {
        return None;
    }
    NAMES
        .iter()
        .find(|(name, _)| name.starts_with(s))
        .map(|(_, w)| *w)
}

fn month_name(month: u32, year: i32) -> String {
    NaiveDate::from_ymd_opt(year, month, 1)
        .map(|d| d.format("%B %Y").to_string())
        .unwrap_or_else(|| format!("month {month}"))
}

#[cfg(test)]
mod tests;
