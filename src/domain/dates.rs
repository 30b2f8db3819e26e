//! Dates as staff type them: `dd/mm/yyyy` (the UK habit), `d/m/yy`, ISO, `24 Nov 2026`, or
//! relative to today; and the one form they are shown in.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use std::fmt;
use std::sync::OnceLock;

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
    let parts: Vec<&str> = s
        .split(['/', '.', '-', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    let named_month = parts
        .get(1)
        .filter(|m| m.chars().all(|c| c.is_ascii_alphabetic()));
    if let (3, Some(word)) = (parts.len(), named_month) {
        let month = month_by_name(word)
            .ok_or_else(|| DateError(format!("{s:?}: {word:?} is not a month; {HINT}")))?;
        return day_month_year(s, parts[0], month, parts[2], today, direction);
    }
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(DateError(format!("{s:?} is not a date: {HINT}")));
    }
    let month = parts[1]
        .parse::<u32>()
        .map_err(|_| DateError(format!("{s:?} is not a date: {HINT}")))?;
    if !(1..=12).contains(&month) {
        return Err(DateError(format!(
            "{s:?}: there is no month {month}; dates are day/month/year"
        )));
    }
    day_month_year(s, parts[0], month, parts[2], today, direction)
}

/// The date of a typed day, month and year (two-digit years read the way the field looks).
fn day_month_year(
    s: &str,
    day: &str,
    month: u32,
    year: &str,
    today: NaiveDate,
    direction: YearDirection,
) -> Result<NaiveDate, DateError> {
    let num = |p: &str| {
        p.parse::<u32>()
            .map_err(|_| DateError(format!("{s:?} is not a date: {HINT}")))
    };
    let day = num(day)?;
    let year = match year.len() {
        4 => num(year)? as i32,
        2 => two_digit_year(num(year)? as i32, today, direction),
        _ => return Err(DateError(format!("{s:?}: the year needs 4 digits (or 2)"))),
    };
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

/// How dates are shown on screen (the settings file's `date_format`). Every form is also accepted
/// wherever a date is typed, so a pre-filled date field always reads back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateFormat {
    /// 24/11/2026, the UK habit.
    #[default]
    DayMonthYear,
    /// 2026-11-24, sorting as text and read the same in every country.
    Iso,
    /// 24 Nov 2026: the month in words, so nobody reads it month first.
    DayMonthName,
}

impl DateFormat {
    pub const ALL: [DateFormat; 3] = [
        DateFormat::DayMonthYear,
        DateFormat::Iso,
        DateFormat::DayMonthName,
    ];

    /// The setting's value for this form.
    pub fn name(self) -> &'static str {
        match self {
            DateFormat::DayMonthYear => "dd/mm/yyyy",
            DateFormat::Iso => "yyyy-mm-dd",
            DateFormat::DayMonthName => "d mmm yyyy",
        }
    }

    pub fn parse(s: &str) -> Option<DateFormat> {
        let s = s.trim().to_ascii_lowercase();
        Self::ALL.into_iter().find(|f| f.name() == s)
    }

    pub fn format(self, d: NaiveDate) -> String {
        let pattern = match self {
            DateFormat::DayMonthYear => "%d/%m/%Y",
            DateFormat::Iso => "%Y-%m-%d",
            DateFormat::DayMonthName => "%-d %b %Y",
        };
        d.format(pattern).to_string()
    }

    /// For a narrow column: a two-digit year, except in ISO form, whose point is the full year
    /// first.
    pub fn short(self, d: NaiveDate) -> String {
        let pattern = match self {
            DateFormat::DayMonthYear => "%d/%m/%y",
            DateFormat::Iso => "%Y-%m-%d",
            DateFormat::DayMonthName => "%-d %b %y",
        };
        d.format(pattern).to_string()
    }

    /// The most columns [`DateFormat::format`] takes, so a table column never cuts a year off.
    pub fn width(self) -> u16 {
        match self {
            DateFormat::DayMonthYear | DateFormat::Iso => 10,
            DateFormat::DayMonthName => 11,
        }
    }

    /// The most columns [`DateFormat::short`] takes.
    pub fn short_width(self) -> u16 {
        match self {
            DateFormat::DayMonthYear => 8,
            DateFormat::Iso => 10,
            DateFormat::DayMonthName => 9,
        }
    }
}

/// The form chosen for this run; like the key bindings, set once at start-up by the app.
static SHOWN: OnceLock<DateFormat> = OnceLock::new();

/// Show dates in `format` from now on (the app, from the settings file). Commands that write
/// files never call it, so exports, returns and reports keep `dd/mm/yyyy`. False when a form was
/// already chosen.
pub fn install_display_format(format: DateFormat) -> bool {
    SHOWN.set(format).is_ok()
}

/// The form dates are shown in: the one installed, else `dd/mm/yyyy`.
pub fn display_format() -> DateFormat {
    SHOWN.get().copied().unwrap_or_default()
}

/// A date as shown: 24/11/2026, unless the settings chose another form for the screen. The one
/// function every date on screen goes through.
pub fn uk(d: NaiveDate) -> String {
    display_format().format(d)
}

/// A month named in words (`nov`, `November`: at least three letters), as its number.
fn month_by_name(word: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let w = word.to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    NAMES
        .iter()
        .position(|n| n.starts_with(&w))
        .and_then(|i| u32::try_from(i + 1).ok())
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
