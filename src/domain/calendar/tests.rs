use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

// Hazard: a holiday typed on a weekend would silently not shift any clock.
#[test]
fn seeded_bank_holidays_fall_on_weekdays_and_cover_2025_to_2028() {
    let h = Holidays::england();
    assert_eq!(h.0.len(), ENGLAND_BANK_HOLIDAYS.len());
    for day in &h.0 {
        assert!(
            !matches!(day.weekday(), Weekday::Sat | Weekday::Sun),
            "{day}"
        );
    }
    for year in 2025..=2028 {
        assert_eq!(h.0.iter().filter(|x| x.year() == year).count(), 8);
    }
}

// Hazard: counting a weekend as a working day makes a child's post-admission review late.
#[test]
fn working_days_skip_weekends() {
    let h = Holidays::default();
    // Friday + 5 working days = next Friday.
    assert_eq!(h.add_working_days(d("2026-11-06"), 5), d("2026-11-13"));
    // Saturday admission: Monday is working day 1.
    assert_eq!(h.add_working_days(d("2026-11-07"), 1), d("2026-11-09"));
    assert_eq!(h.add_working_days(d("2026-11-07"), 0), d("2026-11-07"));
}

// Hazard: counting a bank holiday as a working day shortens the clock.
#[test]
fn working_days_skip_england_bank_holidays() {
    let h = Holidays::england();
    // Wed 23 Dec 2026: 24 (Thu) 1, 25 holiday, 28 holiday, 29 (Tue) 2, 30 3, 31 4, 1 Jan holiday, 4 Jan 5.
    assert_eq!(h.add_working_days(d("2026-12-23"), 5), d("2027-01-04"));
    // Easter 2027: Thu 25 Mar + 1 skips Good Friday, the weekend and Easter Monday.
    assert_eq!(h.add_working_days(d("2027-03-25"), 1), d("2027-03-30"));
}
