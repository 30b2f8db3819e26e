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
const DUE_HINT: &str = "use dd/mm/yyyy, yyyy-mm-dd, today, +10d, +2w, +3m or a weekday such as fri";

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

/// Parse a due date: anything `parse_date` takes, plus `today`, `tomorrow`, `+Nd`, `+Nw`, `+Nm`
/// and weekday names (the next such day after today).
pub fn parse_due_date(input: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    parse_any_due_date(input, today).and_then(|d| due_within_horizon(d, today))
}

fn parse_any_due_date(input: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let s = input.trim().to_ascii_lowercase();
    match s.as_str() {
        "today" | "tod" => return Ok(today),
        "tomorrow" | "tom" => return Ok(today + Days::new(1)),
        _ => {}
    }
    if let Some(rest) = s.strip_prefix('+') {
        let (num, unit) = rest.split_at(
            rest.find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len()),
        );
        let n: u32 = num
            .parse()
            .map_err(|_| DateError(format!("{input:?}: {DUE_HINT}")))?;
        let out = match unit {
            "" | "d" => today.checked_add_days(Days::new(n.into())),
            "w" => today.checked_add_days(Days::new(u64::from(n) * 7)),
            "m" => today.checked_add_months(Months::new(n)),
            _ => None,
        };
        return out.ok_or_else(|| DateError(format!("{input:?}: {DUE_HINT}")));
    }
    if let Some(wd) = weekday(&s) {
        let ahead = (7 + wd.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
        let ahead = if ahead == 0 { 7 } else { ahead };
        return Ok(today + Days::new(ahead.into()));
    }
    // A due date lies ahead: two-digit years read forwards (`31/01/27` is 2027).
    parse_calendar_date(input, today, YearDirection::Ahead)
        .and_then(within_bounds)
        .map_err(|e| DateError(e.0.replace(HINT, DUE_HINT)))
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
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }
    const TODAY: &str = "2026-11-24"; // a Tuesday

    // Rule: UK day-first dates, ISO, and d/m/yy.
    #[test]
    fn formats() {
        let t = d(TODAY);
        assert_eq!(parse_date("03/04/2012", t), Ok(d("2012-04-03")));
        assert_eq!(parse_date("2012-04-03", t), Ok(d("2012-04-03")));
        assert_eq!(parse_date("3/4/12", t), Ok(d("2012-04-03")));
        assert_eq!(parse_date("3/4/95", t), Ok(d("1995-04-03")));
        assert_eq!(parse_date("3/4/26", t), Ok(d("2026-04-03")));
    }

    // Hazard: a due date typed as 31/01/27 became 31 January 1927 (and so long overdue).
    #[test]
    fn two_digit_due_year_reads_forward_and_birth_year_back() {
        let t = d(TODAY);
        assert_eq!(parse_due_date("31/01/27", t), Ok(d("2027-01-31")));
        assert_eq!(parse_date_of_birth("31/01/27", t), Ok(d("1927-01-31")));
        assert_eq!(parse_date_of_birth("3/4/12", t), Ok(d("2012-04-03")));
        // This year's digits stay in this year both ways (a past due date is then asked about).
        assert_eq!(parse_due_date("01/01/26", t), Ok(d("2026-01-01")));
        assert_eq!(two_digit_year(99, t, YearDirection::Ahead), 2099);
        assert_eq!(two_digit_year(99, t, YearDirection::Behind), 1999);
    }

    // Rule: impossible dates get a message that says why.
    #[test]
    fn impossible_dates() {
        let t = d(TODAY);
        let e = parse_date("31/02/2020", t).expect_err("no 31 Feb");
        assert!(e.0.contains("February 2020 has no day 31"), "{e}");
        assert!(
            parse_date("12/13/2020", t)
                .expect_err("month 13")
                .0
                .contains("no month 13")
        );
        assert!(parse_date("soon", t).is_err());
        assert!(parse_date("", t).is_err());
    }

    // Rule: relative due dates.
    #[test]
    fn relative() {
        let t = d(TODAY);
        assert_eq!(parse_due_date("+2w", t), Ok(d("2026-12-08")));
        assert_eq!(parse_due_date("+10d", t), Ok(d("2026-12-04")));
        assert_eq!(parse_due_date("+1m", t), Ok(d("2026-12-24")));
        assert_eq!(parse_due_date("fri", t), Ok(d("2026-11-27")));
        assert_eq!(parse_due_date("tue", t), Ok(d("2026-12-01")));
        assert_eq!(parse_due_date("today", t), Ok(t));
        assert!(parse_due_date("+2y", t).is_err());
    }

    // Hazard: a far-future due date (`+99999m`) stored as `+10360-02-29` made the review unreadable
    // and broke the whole export; every accepted date is within 1900-2100, due dates within 5 years.
    #[test]
    fn far_future_and_ancient_dates_are_refused() {
        let t = d(TODAY);
        let e = parse_due_date("+99999m", t).expect_err("far future");
        assert!(e.0.contains("more than 5 years ahead"), "{e}");
        assert!(parse_due_date("+61m", t).is_err());
        assert_eq!(parse_due_date("+60m", t), Ok(d("2031-11-24")));
        assert!(parse_due_date("31/12/2099", t).is_err());
        let e = parse_date("01/01/2101", t).expect_err("2101");
        assert!(e.0.contains("outside 1900-2100"), "{e}");
        assert!(parse_date("1899-12-31", t).is_err());
        assert!(parse_due_date("+4294967295d", t).is_err());
    }

    // A calendar date has no relative forms, and its hint does not offer them.
    #[test]
    fn calendar_date_hint_offers_only_what_it_takes() {
        let t = d(TODAY);
        let e = parse_date("fri", t).expect_err("weekday");
        assert!(!e.0.contains("fri") || e.0.starts_with("\"fri\""), "{e}");
        assert!(e.0.contains("dd/mm/yyyy or yyyy-mm-dd"), "{e}");
        let e = parse_due_date("soon", t).expect_err("not a date");
        assert!(e.0.contains("weekday such as fri"), "{e}");
    }

    // Rule: date of birth not in the future and not before 1900.
    #[test]
    fn date_of_birth_bounds() {
        let t = d(TODAY);
        assert!(
            parse_date_of_birth("25/11/2026", t)
                .expect_err("future")
                .0
                .contains("future")
        );
        assert!(
            parse_date_of_birth("01/01/1899", t)
                .expect_err("old")
                .0
                .contains("1900")
        );
        assert_eq!(parse_date_of_birth("24/11/2026", t), Ok(t));
    }
}
