//! The DSR meeting's own history for a demo register: when each person was last discussed. A
//! well-run register discusses everyone at their rating's cadence, so most next register reviews
//! fall within the cadence ahead and a few are overdue by days or weeks, never years.

use crate::domain::calendar::Holidays;
use crate::domain::policy::PolicyIntervals;
use crate::domain::rating::Rating;
use crate::domain::schedule::register_cadence;
use chrono::{Days, NaiveDate};
use rand::Rng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

/// Notes the meeting leaves, one drawn per discussion.
const NOTES: &[&str] = &[
    "",
    "no change; plan on track",
    "keyworker to update the family",
    "risk reviewed with the team",
    "awaiting the community review",
];

/// One in this many people is overdue for discussion (by 1 to 6 weeks).
const OVERDUE_ONE_IN: u32 = 15;

/// When a person rated `rating` who joined on `added_on` was last discussed, with the note the
/// meeting left; none for someone who joined since (their first discussion is due from joining).
/// Drawn from the meeting's own random stream, person by person in the order they were added.
pub fn last_discussed(
    rng: &mut ChaCha8Rng,
    rating: Rating,
    added_on: NaiveDate,
    today: NaiveDate,
    policy: &PolicyIntervals,
    holidays: &Holidays,
) -> Option<(NaiveDate, &'static str)> {
    let cadence = (register_cadence(rating, policy).after(today, holidays) - today)
        .num_days()
        .max(1) as u64;
    let back = if rng.random_ratio(1, OVERDUE_ONE_IN) {
        cadence + rng.random_range(7..=42)
    } else {
        rng.random_range(0..cadence)
    };
    let on = today
        .checked_sub_days(Days::new(back))
        .filter(|on| *on >= added_on)?;
    Some((on, NOTES.choose(rng).copied().unwrap_or_default()))
}
