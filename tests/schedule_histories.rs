//! Generated histories against the one schedule: admissions, transfers, discharges, re-rates,
//! register discussions and meetings of every kind (finalised or not, full panel or not, on time,
//! early or in the future), from a seeded generator so a failure replays exactly.
//!
//! After every step: every person has a next date, and an inpatient or an un-reviewed RED person
//! has a C(E)TR due. After every meeting: unless it is a valid C(E)TR of a type that satisfies
//! what was due, the schedule is exactly what it was before the meeting.

use chrono::{Days, NaiveDate};
use dsr::domain::calendar::Holidays;
use dsr::domain::policy::PolicyIntervals;
use dsr::domain::rating::Rating;
use dsr::domain::review::{PanelRole, ReviewKind, ReviewType};
use dsr::domain::schedule::{
    Episode, Meeting, Schedule, ScheduleInput, Security, counts_as_cetr, satisfies, schedule,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// How many histories run; the count is printed (run with `--nocapture` to see it).
const HISTORIES: u64 = 4_000;
const STEPS: usize = 40;

struct Person {
    dob: NaiveDate,
    ehcp: bool,
    rating: Rating,
    rating_since: NaiveDate,
    added_on: NaiveDate,
    episode: Option<Episode>,
    last_out: Option<NaiveDate>,
    meetings: Vec<Meeting>,
    last_discussed: Option<NaiveDate>,
}

impl Person {
    fn run(&self, today: NaiveDate, policy: &PolicyIntervals, holidays: &Holidays) -> Schedule {
        schedule(
            &ScheduleInput {
                date_of_birth: self.dob,
                ehcp: self.ehcp,
                rating: self.rating,
                rating_since: self.rating_since,
                added_on: self.added_on,
                episode: self.episode,
                meetings: &self.meetings,
                last_discussed: self.last_discussed,
            },
            policy,
            holidays,
            today,
        )
    }
}

fn pick<T: Copy>(rng: &mut ChaCha8Rng, xs: &[T]) -> T {
    xs[rng.random_range(0..xs.len())]
}

fn community_rating(rng: &mut ChaCha8Rng, not: Rating) -> Rating {
    loop {
        let r = pick(rng, &[Rating::Red, Rating::Amber, Rating::Green]);
        if r != not {
            return r;
        }
    }
}

fn random_meeting(rng: &mut ChaCha8Rng, today: NaiveDate) -> Meeting {
    let held_on = match rng.random_range(0..10) {
        // Mostly held recently; sometimes dated in the future (never counts until it happens).
        0 => today + Days::new(rng.random_range(1..100)),
        _ => today - Days::new(rng.random_range(0..20)),
    };
    let panel: Vec<PanelRole> = PanelRole::ALL
        .into_iter()
        .filter(|_| rng.random::<f64>() < 0.8)
        .collect();
    Meeting {
        held_on,
        kind: pick(rng, &[ReviewKind::Cetr, ReviewKind::Ctr]),
        review_type: pick(rng, &ReviewType::ALL),
        finalised: rng.random::<f64>() < 0.7,
        panel,
        waived: Vec::new(),
    }
}

#[test]
fn every_history_keeps_a_next_date_and_only_a_valid_cetr_clears_a_due_one() {
    let policy = PolicyIntervals::default();
    let holidays = Holidays::england();
    let start = NaiveDate::from_ymd_opt(2025, 1, 6).expect("date");
    let (mut meetings_checked, mut cleared) = (0u64, 0u64);
    for seed in 0..HISTORIES {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let dob = start - Days::new(rng.random_range(5 * 365..60 * 365));
        let mut today = start;
        let mut p = Person {
            dob,
            ehcp: rng.random::<f64>() < 0.3,
            rating: community_rating(&mut rng, Rating::Blue),
            rating_since: today,
            added_on: today,
            episode: None,
            last_out: None,
            meetings: Vec::new(),
            last_discussed: None,
        };
        for step in 0..STEPS {
            today = today + Days::new(rng.random_range(0..25));
            let before = p.run(today, &policy, &holidays);
            match rng.random_range(0..7) {
                0 if p.episode.is_none() => {
                    p.episode = Some(Episode {
                        admitted_on: today,
                        security: pick(&mut rng, &Security::ALL),
                        previous_discharge: p.last_out,
                    });
                    p.rating = Rating::Blue;
                    p.rating_since = today;
                }
                1 if p.episode.is_some() => {
                    // A transfer: same episode, another ward's security.
                    let security = pick(&mut rng, &Security::ALL);
                    p.episode = p.episode.map(|e| Episode { security, ..e });
                }
                2 if p.episode.is_some() => {
                    p.episode = None;
                    p.last_out = Some(today);
                    p.rating = community_rating(&mut rng, Rating::Blue);
                    p.rating_since = today;
                }
                3 if p.episode.is_none() => {
                    p.rating = community_rating(&mut rng, p.rating);
                    p.rating_since = today;
                }
                4 => p.last_discussed = Some(today),
                _ => {
                    let m = random_meeting(&mut rng, today);
                    // Valid: a C(E)TR of the type due, or a community C(E)TR recorded late but
                    // held before the admission (the run-up review the inpatient clocks start from).
                    let before_admission = p.episode.is_some_and(|e| {
                        m.held_on < e.admitted_on && satisfies(ReviewType::Community, m.review_type)
                    });
                    let valid = counts_as_cetr(&m, today)
                        && before.review.is_some_and(|due| {
                            satisfies(due.review_type, m.review_type) || before_admission
                        });
                    p.meetings.push(m.clone());
                    let after = p.run(today, &policy, &holidays);
                    meetings_checked += 1;
                    if valid {
                        cleared += u64::from(after.review != before.review);
                    } else {
                        assert_eq!(
                            after, before,
                            "seed {seed} step {step}: {m:?} is not a valid C(E)TR of the type due, yet it moved the schedule"
                        );
                    }
                }
            }
            let s = p.run(today, &policy, &holidays);
            assert!(
                s.next().due() < NaiveDate::MAX,
                "seed {seed} step {step}: no next date"
            );
            if p.episode.is_some() {
                let due = s.review.unwrap_or_else(|| {
                    panic!("seed {seed} step {step}: an inpatient with no C(E)TR due")
                });
                assert!(
                    matches!(
                        due.review_type,
                        ReviewType::PostAdmission | ReviewType::InpatientRoutine
                    ),
                    "seed {seed} step {step}: {due:?}"
                );
            }
            if p.rating == Rating::Red
                && p.episode.is_none()
                && !p.meetings.iter().any(|m| {
                    counts_as_cetr(m, today)
                        && satisfies(ReviewType::Community, m.review_type)
                        && m.held_on >= p.rating_since
                })
            {
                assert_eq!(
                    s.review.map(|d| d.review_type),
                    Some(ReviewType::Community),
                    "seed {seed} step {step}: RED without its community C(E)TR"
                );
                assert!(s.consider_emergency_meeting);
            }
        }
    }
    println!(
        "schedule histories: {HISTORIES} histories of {STEPS} steps, {meetings_checked} meetings checked, {cleared} valid C(E)TRs moved a due date"
    );
    assert!(cleared > 0, "the generator never produced a valid C(E)TR");
}
