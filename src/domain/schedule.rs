//! When a person's next C(E)TR is due, from policy intervals that live in an editable table.

use super::age::age_on;
use super::review::ReviewType;
use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// Ward security level of an admission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Security {
    None,
    Low,
    Medium,
    High,
}

impl Security {
    pub const ALL: [Security; 4] = [
        Security::None,
        Security::Low,
        Security::Medium,
        Security::High,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Security::None => "none",
            Security::Low => "low",
            Security::Medium => "medium",
            Security::High => "high",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|x| x.code() == s.trim().to_ascii_lowercase())
    }
    pub fn is_secure(self) -> bool {
        self != Security::None
    }
}

/// A length of time as policy states it: in days, weeks or months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Interval {
    Days(u32),
    Months(u32),
}

impl Interval {
    pub fn after(self, date: NaiveDate) -> NaiveDate {
        match self {
            Interval::Days(n) => date.checked_add_days(Days::new(n.into())),
            Interval::Months(n) => date.checked_add_months(Months::new(n)),
        }
        .unwrap_or(NaiveDate::MAX)
    }
    /// Parse the stored form: a number and a unit, e.g. `14 days`, `2 weeks`, `6 months`.
    pub fn parse(amount: u32, unit: &str) -> Option<Self> {
        match unit.trim().trim_end_matches('s') {
            "day" => Some(Interval::Days(amount)),
            "week" => Some(Interval::Days(amount * 7)),
            "month" => Some(Interval::Months(amount)),
            _ => None,
        }
    }
}

/// The intervals the schedule uses. Keys match rows of the `policy_interval` table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyIntervals {
    pub post_admission_child: Interval,
    pub post_admission_adult: Interval,
    pub inpatient_child: Interval,
    pub inpatient_adult: Interval,
    pub inpatient_adult_secure: Interval,
    pub community_red: Interval,
}

/// One default row: key, amount, unit, what it is, where it comes from.
pub struct IntervalDefault {
    pub key: &'static str,
    pub amount: u32,
    pub unit: &'static str,
    pub label: &'static str,
    pub source: &'static str,
}

pub const INTERVAL_DEFAULTS: [IntervalDefault; 6] = [
    IntervalDefault {
        key: "post_admission_child",
        amount: 2,
        unit: "weeks",
        label: "Post-admission CETR for a child, after admission",
        source: "policy default: DSR and C(E)TR policy 2023 (children within 2 weeks)",
    },
    IntervalDefault {
        key: "post_admission_adult",
        amount: 4,
        unit: "weeks",
        label: "Post-admission CTR for an adult, after admission",
        source: "policy default: DSR and C(E)TR policy 2023 (adults within 4 weeks)",
    },
    IntervalDefault {
        key: "inpatient_child",
        amount: 3,
        unit: "months",
        label: "Inpatient routine CETR for a child",
        source: "policy default: children every 3 months",
    },
    IntervalDefault {
        key: "inpatient_adult",
        amount: 6,
        unit: "months",
        label: "Inpatient routine CTR for an adult",
        source: "policy default: adults every 6 months",
    },
    IntervalDefault {
        key: "inpatient_adult_secure",
        amount: 12,
        unit: "months",
        label: "Inpatient routine CTR for an adult on a secure ward",
        source: "policy default: adults in secure wards every 12 months",
    },
    IntervalDefault {
        key: "community_red",
        amount: 2,
        unit: "weeks",
        label: "Community C(E)TR after a person is rated RED",
        source: "local practice: policy says 'urgently'; two weeks is this register's default",
    },
];

impl Default for PolicyIntervals {
    fn default() -> Self {
        Self::from_rows(std::iter::empty::<(&str, Interval)>())
    }
}

impl PolicyIntervals {
    /// Build from stored rows; any key missing from the table keeps its policy default.
    pub fn from_rows<'a>(rows: impl IntoIterator<Item = (&'a str, Interval)>) -> Self {
        let default_of = |key: &str| {
            INTERVAL_DEFAULTS
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
        };
        for (key, interval) in rows {
            match key {
                "post_admission_child" => p.post_admission_child = interval,
                "post_admission_adult" => p.post_admission_adult = interval,
                "inpatient_child" => p.inpatient_child = interval,
                "inpatient_adult" => p.inpatient_adult = interval,
                "inpatient_adult_secure" => p.inpatient_adult_secure = interval,
                "community_red" => p.community_red = interval,
                _ => {}
            }
        }
        p
    }
}

/// An open admission as the schedule sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CurrentAdmission {
    pub admitted_on: NaiveDate,
    pub security: Security,
}

/// What the schedule needs to know about a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewState {
    pub date_of_birth: NaiveDate,
    pub admission: Option<CurrentAdmission>,
    /// Date of the most recent finished review, if any.
    pub last_review: Option<NaiveDate>,
    /// When the person was last rated RED, if they are RED now.
    pub red_since: Option<NaiveDate>,
}

/// The next review a person needs and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueReview {
    pub review_type: ReviewType,
    pub due: NaiveDate,
}

impl DueReview {
    /// Overdue when the due date has passed; a review due today is not yet overdue.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.due < today
    }
}

/// Next review due, by policy. Children are judged by their age on the date the clock starts
/// (admission or last review), because that is when the policy interval is set.
pub fn next_review(state: &ReviewState, policy: &PolicyIntervals) -> Option<DueReview> {
    if let Some(adm) = state.admission {
        let reviewed_since_admission = state.last_review.filter(|r| *r >= adm.admitted_on);
        return Some(match reviewed_since_admission {
            None => {
                let child = age_on(state.date_of_birth, adm.admitted_on) < 18;
                let interval = if child {
                    policy.post_admission_child
                } else {
                    policy.post_admission_adult
                };
                DueReview {
                    review_type: ReviewType::PostAdmission,
                    due: interval.after(adm.admitted_on),
                }
            }
            Some(last) => {
                let interval = if age_on(state.date_of_birth, last) < 18 {
                    policy.inpatient_child
                } else if adm.security.is_secure() {
                    policy.inpatient_adult_secure
                } else {
                    policy.inpatient_adult
                };
                DueReview {
                    review_type: ReviewType::InpatientRoutine,
                    due: interval.after(last),
                }
            }
        });
    }
    let red_since = state.red_since?;
    if state.last_review.is_some_and(|r| r >= red_since) {
        return None;
    }
    Some(DueReview {
        review_type: ReviewType::Community,
        due: policy.community_red.after(red_since),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }
    fn inpatient(dob: &str, admitted: &str, security: Security, last: Option<&str>) -> ReviewState {
        ReviewState {
            date_of_birth: d(dob),
            admission: Some(CurrentAdmission {
                admitted_on: d(admitted),
                security,
            }),
            last_review: last.map(d),
            red_since: None,
        }
    }
    const P: fn() -> PolicyIntervals = PolicyIntervals::default;

    // Rule (policy default): post-admission review for a child within 2 weeks of admission.
    #[test]
    fn post_admission_child_two_weeks() {
        let due = next_review(
            &inpatient("2012-01-01", "2026-11-01", Security::None, None),
            &P(),
        )
        .expect("due");
        assert_eq!(
            due,
            DueReview {
                review_type: ReviewType::PostAdmission,
                due: d("2026-11-15")
            }
        );
    }

    // Rule (policy default): post-admission review for an adult within 4 weeks.
    #[test]
    fn post_admission_adult_four_weeks() {
        let due = next_review(
            &inpatient("1990-01-01", "2026-11-01", Security::Low, None),
            &P(),
        )
        .expect("due");
        assert_eq!(due.due, d("2026-11-29"));
    }

    // Rule: a review before this admission does not count as the post-admission review.
    #[test]
    fn review_before_admission_does_not_count() {
        let s = inpatient(
            "1990-01-01",
            "2026-11-01",
            Security::None,
            Some("2026-10-20"),
        );
        assert_eq!(
            next_review(&s, &P()).expect("due").review_type,
            ReviewType::PostAdmission
        );
    }

    // Rule (policy default): inpatient routine every 3 months child, 6 months adult, 12 months adult secure.
    #[test]
    fn inpatient_routine_cycles() {
        let child = inpatient(
            "2012-01-01",
            "2026-01-01",
            Security::None,
            Some("2026-02-10"),
        );
        assert_eq!(next_review(&child, &P()).expect("due").due, d("2026-05-10"));
        let adult = inpatient(
            "1990-01-01",
            "2026-01-01",
            Security::None,
            Some("2026-02-10"),
        );
        assert_eq!(next_review(&adult, &P()).expect("due").due, d("2026-08-10"));
        let secure = inpatient(
            "1990-01-01",
            "2026-01-01",
            Security::Medium,
            Some("2026-02-10"),
        );
        assert_eq!(
            next_review(&secure, &P()).expect("due").due,
            d("2027-02-10")
        );
        // A child on a secure ward still follows the children's 3-month cycle.
        let child_secure = inpatient(
            "2012-01-01",
            "2026-01-01",
            Security::High,
            Some("2026-02-10"),
        );
        assert_eq!(
            next_review(&child_secure, &P()).expect("due").due,
            d("2026-05-10")
        );
    }

    // Rule: intervals come from the table, not from code.
    #[test]
    fn intervals_from_table_override_defaults() {
        let policy = PolicyIntervals::from_rows([("inpatient_adult", Interval::Months(4))]);
        let adult = inpatient(
            "1990-01-01",
            "2026-01-01",
            Security::None,
            Some("2026-02-10"),
        );
        assert_eq!(
            next_review(&adult, &policy).expect("due").due,
            d("2026-06-10")
        );
        assert_eq!(policy.post_admission_child, Interval::Days(14));
    }

    // Rule: overdue means the due date is before today; due today is not overdue.
    #[test]
    fn overdue_boundary() {
        let due = DueReview {
            review_type: ReviewType::Community,
            due: d("2026-11-24"),
        };
        assert!(!due.is_overdue(d("2026-11-24")));
        assert!(due.is_overdue(d("2026-11-25")));
        assert!(!due.is_overdue(d("2026-11-23")));
    }

    // Rule (policy default): RED in the community prompts a community C(E)TR; a review since clears it.
    #[test]
    fn community_red() {
        let mut s = ReviewState {
            date_of_birth: d("2000-01-01"),
            admission: None,
            last_review: None,
            red_since: Some(d("2026-11-01")),
        };
        assert_eq!(
            next_review(&s, &P()),
            Some(DueReview {
                review_type: ReviewType::Community,
                due: d("2026-11-15")
            })
        );
        s.last_review = Some(d("2026-11-10"));
        assert_eq!(next_review(&s, &P()), None);
        s.red_since = None;
        s.last_review = None;
        assert_eq!(next_review(&s, &P()), None);
    }

    #[test]
    fn interval_units() {
        assert_eq!(Interval::parse(2, "weeks"), Some(Interval::Days(14)));
        assert_eq!(Interval::parse(1, "month"), Some(Interval::Months(1)));
        assert_eq!(Interval::parse(1, "fortnight"), None);
    }
}
