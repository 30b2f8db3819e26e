//! The schedule's rules as rows of the editable `policy_interval` table, each with its source.

use super::calendar::Holidays;
use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// A length of time as policy states it: in days, working days or months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Interval {
    Days(u32),
    /// Weekends and the bank holidays in the register's table do not count.
    WorkingDays(u32),
    Months(u32),
}

impl Interval {
    pub fn after(self, date: NaiveDate, holidays: &Holidays) -> NaiveDate {
        match self {
            Interval::Days(n) => date.checked_add_days(Days::new(n.into())),
            Interval::WorkingDays(n) => Some(holidays.add_working_days(date, n)),
            Interval::Months(n) => date.checked_add_months(Months::new(n)),
        }
        .unwrap_or(NaiveDate::MAX)
    }

    /// Parse the stored form: a number and a unit, e.g. `14 days`, `5 working days`, `6 months`.
    pub fn parse(amount: u32, unit: &str) -> Option<Self> {
        match unit.trim().trim_end_matches('s') {
            "day" => Some(Interval::Days(amount)),
            "working day" => Some(Interval::WorkingDays(amount)),
            "week" => Some(Interval::Days(amount * 7)),
            "month" => Some(Interval::Months(amount)),
            _ => None,
        }
    }
}

impl std::fmt::Display for Interval {
    /// As policy states it: `6 months`, `14 days`, `5 working days`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (n, unit) = match *self {
            Interval::Days(n) => (n, "day"),
            Interval::WorkingDays(n) => (n, "working day"),
            Interval::Months(n) => (n, "month"),
        };
        write!(f, "{n} {unit}{}", if n == 1 { "" } else { "s" })
    }
}

/// The rules the schedule uses. Field names match keys of the `policy_interval` table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyIntervals {
    /// Post-admission review for anyone on a CETR (children, and young people with an EHCP).
    pub post_admission_child: Interval,
    pub post_admission_adult: Interval,
    pub inpatient_child: Interval,
    pub inpatient_adult: Interval,
    pub inpatient_adult_secure: Interval,
    pub community_red: Interval,
    /// How far before an admission a community C(E)TR counts as held "in the run-up" to it.
    pub community_before_admission: Interval,
    pub register_red: Interval,
    pub register_amber: Interval,
    pub register_green: Interval,
    pub register_blue: Interval,
}

/// One default row: key, amount, unit, what it is, where it comes from.
pub struct IntervalDefault {
    pub key: &'static str,
    pub amount: u32,
    pub unit: &'static str,
    pub label: &'static str,
    pub source: &'static str,
}

const fn row(
    key: &'static str,
    amount: u32,
    unit: &'static str,
    label: &'static str,
    source: &'static str,
) -> IntervalDefault {
    IntervalDefault {
        key,
        amount,
        unit,
        label,
        source,
    }
}

/// Every rule of the schedule as shipped; a register's own table may change any of them.
pub const POLICY_DEFAULTS: [IntervalDefault; 11] = [
    row(
        "post_admission_child",
        5,
        "working days",
        "Post-admission CETR (children, and anyone on a CETR), after admission",
        "policy default: NHS England interim standard, 5 working days (the 2023 DSR and C(E)TR policy said 10)",
    ),
    row(
        "post_admission_adult",
        28,
        "days",
        "Post-admission CTR for an adult, after admission",
        "policy default: DSR and C(E)TR policy 2023 (adults within 28 days)",
    ),
    row(
        "inpatient_child",
        3,
        "months",
        "Inpatient routine CETR (children, and anyone on a CETR)",
        "policy default: DSR and C(E)TR policy 2023 (children every 3 months)",
    ),
    row(
        "inpatient_adult",
        6,
        "months",
        "Inpatient routine CTR for an adult",
        "policy default: DSR and C(E)TR policy 2023 (adults every 6 months)",
    ),
    row(
        "inpatient_adult_secure",
        12,
        "months",
        "Inpatient routine CTR for an adult on a secure ward",
        "policy default: DSR and C(E)TR policy 2023 (adults in secure wards every 12 months)",
    ),
    row(
        "community_red",
        14,
        "days",
        "Community C(E)TR after a person is rated RED (consider an emergency meeting meanwhile)",
        "local practice: policy says 'urgently'; two weeks is this register's default",
    ),
    row(
        "community_before_admission",
        6,
        "months",
        "A community C(E)TR this long before an admission means no post-admission review is needed",
        "local practice: policy asks for a community C(E)TR before admission without a time limit",
    ),
    row(
        "register_red",
        7,
        "days",
        "Register review (discussed at the DSR meeting) for a RED person",
        "local practice: RED at every weekly DSR meeting",
    ),
    row(
        "register_amber",
        1,
        "months",
        "Register review for an AMBER person",
        "local practice: AMBER at least monthly",
    ),
    row(
        "register_green",
        3,
        "months",
        "Register review for a GREEN person",
        "local practice: GREEN at least every 3 months",
    ),
    row(
        "register_blue",
        7,
        "days",
        "Register review for a BLUE person (the weekly inpatient list)",
        "local practice: BLUE on the weekly inpatient list, besides the inpatient C(E)TR cycle",
    ),
];

/// The intervals as the register was first seeded (the `policy_interval` table's original unit
/// check allows only days, weeks and months); a later migration brings them up to `POLICY_DEFAULTS`.
pub const INTERVAL_DEFAULTS: [IntervalDefault; 6] = [
    row(
        "post_admission_child",
        2,
        "weeks",
        "Post-admission CETR for a child, after admission",
        "policy default: DSR and C(E)TR policy 2023 (children within 2 weeks)",
    ),
    row(
        "post_admission_adult",
        4,
        "weeks",
        "Post-admission CTR for an adult, after admission",
        "policy default: DSR and C(E)TR policy 2023 (adults within 4 weeks)",
    ),
    row(
        "inpatient_child",
        3,
        "months",
        "Inpatient routine CETR for a child",
        "policy default: children every 3 months",
    ),
    row(
        "inpatient_adult",
        6,
        "months",
        "Inpatient routine CTR for an adult",
        "policy default: adults every 6 months",
    ),
    row(
        "inpatient_adult_secure",
        12,
        "months",
        "Inpatient routine CTR for an adult on a secure ward",
        "policy default: adults in secure wards every 12 months",
    ),
    row(
        "community_red",
        2,
        "weeks",
        "Community C(E)TR after a person is rated RED",
        "local practice: policy says 'urgently'; two weeks is this register's default",
    ),
];

impl Default for PolicyIntervals {
    fn default() -> Self {
        Self::from_rows(std::iter::empty::<(&str, Interval)>())
    }
}

impl PolicyIntervals {
    /// Build from stored rows; any key missing from the table keeps its default.
    pub fn from_rows<'a>(rows: impl IntoIterator<Item = (&'a str, Interval)>) -> Self {
        let default_of = |key: &str| {
            POLICY_DEFAULTS
                .iter()
                .find(|d| d.key == key)
                .and_then(|d| Interval::parse(d.amount, d.unit))
                .unwrap_or(Interval::Days(0))
        };
        let mut p = PolicyIntervals {
            post_admission_child: default_of("post_admission_child"),
            post_admission_adult: default_of("post_admission_adult"),
            inpatient_child: default_of("inpatient_child"),
            inpatient_adult: default_of("inpatient_adult"),
            inpatient_adult_secure: default_of("inpatient_adult_secure"),
            community_red: default_of("community_red"),
            community_before_admission: default_of("community_before_admission"),
            register_red: default_of("register_red"),
            register_amber: default_of("register_amber"),
            register_green: default_of("register_green"),
            register_blue: default_of("register_blue"),
        };
        for (key, interval) in rows {
            let slot = match key {
                "post_admission_child" => &mut p.post_admission_child,
                "post_admission_adult" => &mut p.post_admission_adult,
                "inpatient_child" => &mut p.inpatient_child,
                "inpatient_adult" => &mut p.inpatient_adult,
                "inpatient_adult_secure" => &mut p.inpatient_adult_secure,
                "community_red" => &mut p.community_red,
                "community_before_admission" => &mut p.community_before_admission,
                "register_red" => &mut p.register_red,
                "register_amber" => &mut p.register_amber,
                "register_green" => &mut p.register_green,
                "register_blue" => &mut p.register_blue,
                _ => continue,
            };
            *slot = interval;
        }
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Hazard: the child post-admission clock left at the superseded 14 calendar days.
    #[test]
    fn child_post_admission_default_is_five_working_days() {
        let p = PolicyIntervals::default();
        assert_eq!(p.post_admission_child, Interval::WorkingDays(5));
        assert_eq!(p.post_admission_adult, Interval::Days(28));
    }

    // Hazard: a rule hard-coded where staff cannot see or change it.
    #[test]
    fn every_default_parses_and_names_its_source() {
        for d in POLICY_DEFAULTS.iter().chain(INTERVAL_DEFAULTS.iter()) {
            assert!(Interval::parse(d.amount, d.unit).is_some(), "{}", d.key);
            assert!(
                d.source.starts_with("policy default") || d.source.starts_with("local practice"),
                "{}",
                d.key
            );
        }
    }

    // Rule: intervals come from the table, not from code.
    #[test]
    fn stored_rows_override_defaults() {
        let p = PolicyIntervals::from_rows([("inpatient_adult", Interval::Months(4))]);
        assert_eq!(p.inpatient_adult, Interval::Months(4));
        assert_eq!(p.inpatient_child, Interval::Months(3));
    }

    #[test]
    fn interval_units() {
        assert_eq!(Interval::parse(2, "weeks"), Some(Interval::Days(14)));
        assert_eq!(Interval::parse(1, "month"), Some(Interval::Months(1)));
        assert_eq!(
            Interval::parse(5, "working days"),
            Some(Interval::WorkingDays(5))
        );
        assert_eq!(Interval::parse(1, "fortnight"), None);
    }
}
