//! The DSR meeting's own history for a demo register: when each person was last discussed. A
//! well-run register discusses everyone at their rating's cadence, so most next register reviews
//! fall within the cadence ahead and a few are overdue by days or weeks, never years.

use crate::domain::calendar::Holidays;
use crate::domain::policy::PolicyIntervals;
use crate::domain::schedule::register_cadence;
use crate::store::bulk;
use crate::store::{Result, Writer};
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

pub fn discussions(
    w: &Writer,
    rng: &mut ChaCha8Rng,
    today: NaiveDate,
    policy: &PolicyIntervals,
    holidays: &Holidays,
) -> Result<()> {
    for (id, rating, added_on) in bulk::people_on_register(w)? {
        let cadence = (register_cadence(rating, policy).after(today, holidays) - today)
            .num_days()
            .max(1) as u64;
        let back = if rng.random_ratio(1, OVERDUE_ONE_IN) {
            cadence + rng.random_range(7..=42)
        } else {
            rng.random_range(0..cadence)
        };
        let Some(on) = today.checked_sub_days(Days::new(back)) else {
            continue;
        };
        // Someone added since then has not been to a meeting yet: their first is due from joining.
        if on < added_on {
            continue;
        }
        let note = NOTES.choose(rng).copied().unwrap_or_default();
        bulk::register_review(w, id, on, note)?;
    }
    Ok(())
}
