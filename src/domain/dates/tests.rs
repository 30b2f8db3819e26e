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

// Rule: every date field takes every form its error message lists, both ways from today
// (planned discharge once refused `+3m` while the message offered it).
#[test]
fn typed_dates_take_every_listed_form_in_either_direction() {
    let t = d(TODAY);
    let ahead = |s| parse_typed_date(s, t, YearDirection::Ahead);
    let behind = |s| parse_typed_date(s, t, YearDirection::Behind);
    assert_eq!(ahead("+3m"), Ok(d("2027-02-24")));
    assert_eq!(behind("-1w"), Ok(d("2026-11-17")));
    assert_eq!(behind("-10d"), Ok(d("2026-11-14")));
    assert_eq!(behind("yesterday"), Ok(d("2026-11-23")));
    assert_eq!(ahead("tomorrow"), Ok(d("2026-11-25")));
    assert_eq!(ahead("fri"), Ok(d("2026-11-27")));
    assert_eq!(
        behind("fri"),
        Ok(d("2026-11-20")),
        "the last Friday, for a past event"
    );
    assert_eq!(behind("tue"), Ok(d("2026-11-17")));
    assert_eq!(behind("24/11/26"), Ok(t));
    assert_eq!(ahead("2027-01-31"), Ok(d("2027-01-31")));
    let e = behind("soon").expect_err("not a date");
    for form in ["dd/mm/yyyy", "today", "yesterday", "+3m", "-1w", "fri"] {
        assert!(e.0.contains(form), "the message lists {form}: {e}");
        let sample = match form {
            "dd/mm/yyyy" => "01/02/2026",
            f => f,
        };
        assert!(behind(sample).is_ok(), "{sample} is accepted");
        assert!(ahead(sample).is_ok(), "{sample} is accepted");
    }
    assert!(ahead("-99999m").is_err());
}

#[test]
fn each_display_format_shows_the_date_in_its_form() {
    let day = d("2026-11-04");
    let shown: Vec<String> = DateFormat::ALL.iter().map(|f| f.format(day)).collect();
    assert_eq!(shown, ["04/11/2026", "2026-11-04", "4 Nov 2026"]);
    let short: Vec<String> = DateFormat::ALL.iter().map(|f| f.short(day)).collect();
    assert_eq!(short, ["04/11/26", "2026-11-04", "4 Nov 26"]);
    for f in DateFormat::ALL {
        assert_eq!(DateFormat::parse(f.name()), Some(f));
        for day in [d("2026-11-24"), d("2026-09-30"), d("1999-01-01")] {
            assert!(f.format(day).chars().count() <= usize::from(f.width()));
            assert!(f.short(day).chars().count() <= usize::from(f.short_width()));
        }
    }
    assert_eq!(DateFormat::parse("mm/dd/yyyy"), None);
    // Nothing installed in this process: the screen's default.
    assert_eq!(uk(day), "04/11/2026");
}

/// A date field pre-filled in the form the settings chose reads back as the same date, in every
/// kind of date field.
#[test]
fn every_display_format_reads_back_wherever_a_date_is_typed() {
    let today = d("2026-11-24");
    for f in DateFormat::ALL {
        for day in [d("2026-11-24"), d("2027-01-31"), d("1995-03-04")] {
            let shown = f.format(day);
            for dir in [YearDirection::Behind, YearDirection::Ahead] {
                assert_eq!(parse_typed_date(&shown, today, dir), Ok(day), "{shown}");
            }
            assert_eq!(parse_date(&shown, today), Ok(day), "{shown}");
        }
    }
    assert_eq!(parse_date("24 November 2026", today), Ok(today));
    assert_eq!(parse_date("24-nov-2026", today), Ok(today));
    assert_eq!(parse_due_date("3 Feb 27", today), Ok(d("2027-02-03")));
    let bad = parse_date("24 Novt 2026", today).map_err(|e| e.to_string());
    assert!(bad.is_err_and(|e| e.contains("is not a month")));
    let bad = parse_date("31 Feb 2027", today).map_err(|e| e.to_string());
    assert!(bad.is_err_and(|e| e.contains("February 2027 has no day 31")));
}
