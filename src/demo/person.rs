//! One fictional person: details, consent, rating history, stays in hospital and the reviews the
//! policy schedule asks for, held mostly on time.

use super::review::{advocacy, panel};
use super::texts::{HOSPITALS, KEYWORKERS};
use super::{Generator, Held, days_ago, days_ahead, pick};
use super::{discussions, names};
use crate::domain::age::{age_on, birthday};
use crate::domain::consent::{
    ConsentBasis, ConsentRecord, Decision, Giver, Scope, ScopeState, scope_state,
};
use crate::domain::lookups::{CRITERIA, DISCHARGE_DESTINATIONS, LEGAL_STATUSES, WARD_TYPES};
use crate::domain::nhs_number::NhsNumber;
use crate::domain::person::{Diagnosis, PersonDetails, Setting};
use crate::domain::rating::Rating;
use crate::domain::review::{PanelRole, ReviewType, suggest_kind};
use crate::domain::schedule::{DueReview, Episode, Meeting, ScheduleInput, Security, schedule};
use crate::store::Result;
use crate::store::admissions::NewAdmission;
use crate::store::bulk::{self, PersonNow};
use chrono::NaiveDate;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// One rating change of a person's history: from, to, why, effective.
type Step = (Option<Rating>, Rating, &'static str, NaiveDate);

/// The rating in force on `on`: the last change effective on or before it.
fn rating_on(history: &[Step], on: NaiveDate) -> Rating {
    history
        .iter()
        .rev()
        .find(|s| s.3 <= on)
        .or(history.first())
        .map_or(Rating::Green, |s| s.1)
}

impl Generator<'_, '_> {
    pub(super) fn person(&mut self, i: usize) -> Result<()> {
        let (today, rng) = (self.today, &mut self.rng);
        // 999 000 0000 + a stride keeps numbers unique and spread; skip numbers with no check digit.
        let nhs =
            (0..11u32).find_map(|k| NhsNumber::from_first_nine(999_000_000 + (i as u32) * 11 + k));
        let age_days: u64 = rng.random_range(3 * 365..75 * 365 + 300);
        let dob = days_ago(today, age_days);
        let child = age_days < 18 * 365;
        let rating = match rng.random::<f64>() {
            r if r < 0.10 => Rating::Blue,
            r if r < 0.25 => Rating::Red,
            r if r < 0.55 => Rating::Amber,
            _ => Rating::Green,
        };
        let mut criteria: Vec<String> =
            vec![CRITERIA[rng.random_range(1..CRITERIA.len())].0.to_string()];
        if rating == Rating::Blue {
            criteria.push("inpatient_now".into());
        }
        criteria.sort();
        criteria.dedup();
        // Drawn in this order so the rest of the register stays the same seed for seed.
        let consent = (rng.random::<f64>() < 0.92).then(|| {
            let adult_giver =
                (!child).then(|| pick(rng, &[Giver::Person, Giver::BestInterests, Giver::Person]));
            let on = days_ago(today, rng.random_range(30..900));
            let by = pick(rng, KEYWORKERS);
            (adult_giver, on, by, rng.random::<bool>())
        });
        let female = rng.random::<bool>();
        let (given, preferred) = names::given(rng, female);
        let details = PersonDetails {
            nhs_number: nhs,
            local_id: Some(format!("DSR{:05}", i + 1)),
            given_name: given.to_string(),
            preferred_name: preferred.map(str::to_string),
            family_name: names::surname(rng),
            date_of_birth: dob,
            sex: Some(if female { "Female" } else { "Male" }.to_string()),
            gender_identity: None,
            ethnicity: None,
            diagnosis: pick(rng, Diagnosis::ALL),
            ehcp: child || (age_days < 25 * 365 && rng.random::<f64>() < 0.4),
            gp_practice: Some(format!("Practice {}", rng.random_range(1..40))),
            local_authority: Some(
                pick(rng, &["Northshire", "Eastborough", "Westvale"]).to_string(),
            ),
            setting: Some(if rating == Rating::Blue {
                Setting::Hospital
            } else {
                pick(
                    rng,
                    &[
                        Setting::FamilyHome,
                        Setting::FamilyHome,
                        Setting::SupportedLiving,
                        Setting::ResidentialCare,
                        Setting::Placement52Week,
                    ],
                )
            }),
            keyworker: (child || rng.random::<f64>() < 0.3)
                .then(|| pick(rng, KEYWORKERS).to_string()),
            care_coordinator: Some(pick(rng, KEYWORKERS).to_string()),
            objection_to_reporting: None,
            referral_date: Some(days_ago(today, rng.random_range(30..1500))),
            referral_route: Some(pick(rng, &["professional", "parent/carer", "self"]).to_string()),
            referrer: Some(pick(rng, KEYWORKERS).to_string()),
            notes: None,
            criteria,
        };
        let consents = consent.map_or_else(Vec::new, |(giver, on, by, sharing)| {
            demo_consents(&details, giver, on, by, sharing, today)
        });
        let joined = days_ago(today, rng.random_range(200..1500)).max(dob);

        // A few people's next review is overdue by days or weeks: a recent admission or RED
        // rating whose review has not happened yet.
        let late = rng.random::<f64>() < 0.15;
        // The rating history and stays in hospital, oldest first.
        let first = match rating {
            Rating::Blue => Rating::Red,
            Rating::Red if rng.random::<f64>() < 0.7 => Rating::Amber,
            r => r,
        };
        let mut history: Vec<Step> =
            vec![(None, first, "added to the register after referral", joined)];
        let mut stays: Vec<(NewAdmission, Option<(NaiveDate, &str)>)> = Vec::new();
        if rating == Rating::Blue {
            let ago = if late { 30..70 } else { 3..500 };
            let admitted = days_ago(today, rng.random_range(ago));
            let adm = admission(rng, today, child, admitted);
            let adm = NewAdmission {
                admitted_on: adm.admitted_on.max(joined),
                ..adm
            };
            history.push((
                Some(first),
                Rating::Blue,
                "admitted to hospital",
                adm.admitted_on,
            ));
            stays.push((adm, None));
        } else if rng.random::<f64>() < 0.15 {
            // A past stay, discharged.
            let admitted = days_ago(today, rng.random_range(120..700)).max(days_ahead(joined, 1));
            let mut adm = admission(rng, today, child, admitted);
            adm.planned_discharge = None;
            let out = days_ahead(admitted, rng.random_range(20..110)).min(today);
            history.push((Some(first), Rating::Blue, "admitted to hospital", admitted));
            history.push((
                Some(Rating::Blue),
                Rating::Red,
                "discharged: RED for 14 days with enhanced support",
                out,
            ));
            if rating != Rating::Red {
                let settled = days_ahead(out, rng.random_range(14..60)).min(today);
                history.push((
                    Some(Rating::Red),
                    rating,
                    "settled at home after discharge",
                    settled,
                ));
            }
            stays.push((adm, Some((out, pick(rng, &DISCHARGE_DESTINATIONS)))));
        } else if rating != first {
            let ago = if late { 16..60 } else { 1..120 };
            let on = days_ago(today, rng.random_range(ago)).max(joined);
            history.push((
                Some(first),
                rating,
                "risk of placement breakdown increased",
                on,
            ));
        }
        let Some(&(_, _, _, rating_since)) = history.last() else {
            return Ok(());
        };

        // Reviews: perhaps an earlier community review, then whatever the schedule asks for,
        // held on time (up to a week early) except for a few people whose review is overdue.
        let open = stays.iter().find(|(_, out)| out.is_none()).map(|(a, _)| a);
        let episode = open.map(|a| Episode {
            admitted_on: a.admitted_on,
            security: a.security,
            previous_discharge: stays.iter().filter_map(|(_, out)| out.map(|o| o.0)).max(),
        });
        let red_since = (rating == Rating::Red).then_some(rating_since);
        let mut meetings: Vec<Meeting> = Vec::new();
        let (policy, holidays) = (&self.policy, &self.holidays);
        let due_of = |meetings: &[Meeting]| -> Option<DueReview> {
            let input = ScheduleInput {
                date_of_birth: dob,
                ehcp: details.ehcp,
                rating,
                rating_since,
                added_on: joined,
                episode,
                meetings,
                last_discussed: None,
            };
            schedule(&input, policy, holidays, today).review
        };
        let done = |on: NaiveDate, review_type: ReviewType| Meeting {
            held_on: on,
            kind: suggest_kind(dob, details.ehcp, on),
            review_type,
            finalised: true,
            panel: PanelRole::ALL.to_vec(),
            waived: Vec::new(),
        };
        let mut held: Vec<Held> = Vec::new();
        // An earlier community review, never during a past stay.
        let out_last = stays.iter().filter_map(|(_, out)| out.map(|o| o.0)).max();
        if rng.random::<f64>() < 0.25 {
            let on = days_ago(today, rng.random_range(5..200))
                .max(joined)
                .max(out_last.unwrap_or(joined));
            if open.is_none_or(|a| on < a.admitted_on) {
                held.push(Held {
                    on,
                    review_type: ReviewType::Community,
                    finished: true,
                });
                meetings.push(done(on, ReviewType::Community));
            }
        }
        for _ in 0..12 {
            let Some(due) = due_of(&meetings) else {
                break;
            };
            if due.due >= today || (late && (today - due.due).num_days() <= 60) {
                break;
            }
            let floor = [
                episode.map(|e| e.admitted_on),
                red_since,
                out_last,
                meetings.last().map(|m| days_ahead(m.held_on, 1)),
            ]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(joined);
            let on = days_ago(due.due, rng.random_range(0..8))
                .max(floor)
                .min(today);
            held.push(Held {
                on,
                review_type: due.review_type,
                finished: true,
            });
            meetings.push(done(on, due.review_type));
        }
        if rng.random::<f64>() < 0.03 {
            let review_type = due_of(&meetings).map_or(
                if open.is_some() {
                    ReviewType::InpatientRoutine
                } else {
                    ReviewType::Community
                },
                |d| d.review_type,
            );
            held.push(Held {
                on: today,
                review_type,
                finished: false,
            });
        }

        // The next dates the everyday writes would store, worked out from the rows about to be
        // written (meetings in the order the store reads them) instead of read back afterwards.
        let mut written: Vec<Meeting> = held
            .iter()
            .map(|h| {
                let kind = suggest_kind(dob, details.ehcp, h.on);
                Meeting {
                    held_on: h.on,
                    kind,
                    review_type: h.review_type,
                    finalised: h.finished,
                    panel: panel(kind, h.finished).iter().map(|s| s.role).collect(),
                    waived: Vec::new(),
                }
            })
            .collect();
        written.sort_by_key(|m| m.held_on);
        let discussed =
            discussions::last_discussed(&mut self.meeting, rating, joined, today, policy, holidays);
        let input = ScheduleInput {
            date_of_birth: dob,
            ehcp: details.ehcp,
            rating,
            rating_since,
            added_on: joined,
            episode,
            meetings: &written,
            last_discussed: discussed.map(|(on, _)| on),
        };
        let next = schedule(&input, policy, holidays, today);
        let id = bulk::person(
            self.w,
            &PersonNow {
                details: &details,
                rating,
                rating_since,
                added_on: joined,
                next: Some(&next),
                // On an empty register each person's id is their number counted from 1.
                advocacy: Some(advocacy(i as i64 + 1, open.is_some())),
            },
        )?;
        for c in &consents {
            bulk::consent(self.w, id, c)?;
        }
        for (from, to, reason, on) in &history {
            bulk::rating_change(self.w, id, *from, *to, reason, *on)?;
        }
        for (adm, out) in &stays {
            bulk::admission(self.w, id, adm, *out)?;
        }
        for h in &held {
            let in_hospital = stays
                .iter()
                .any(|(a, out)| a.admitted_on <= h.on && out.is_none_or(|(d, _)| d > h.on));
            let consented = scope_state(&consents, dob, h.on, Scope::Review) == ScopeState::Given;
            self.review(
                id,
                &details,
                h,
                rating_on(&history, h.on),
                in_hospital,
                consented,
            )?;
        }
        if let Some((on, note)) = discussed {
            bulk::register_review(self.w, id, on, note)?;
        }
        self.requests(id)
    }
}

/// A person's consent records: a parent's while they were a child (and, from 16, their own as
/// well), else their own or a best-interests decision; never a parent's for an adult.
fn demo_consents(
    p: &PersonDetails,
    adult_giver: Option<Giver>,
    on: NaiveDate,
    by: &str,
    sharing: bool,
    today: NaiveDate,
) -> Vec<ConsentRecord> {
    let mut scopes = vec![Scope::Register, Scope::Review];
    let mut share_with = Vec::new();
    if sharing {
        scopes.push(Scope::Sharing);
        share_with.push(format!(
            "{} Council",
            p.local_authority.as_deref().unwrap_or("Northshire")
        ));
        share_with.push("Community LD team".to_string());
    }
    let record = |giver: Giver, decided_on: NaiveDate| ConsentRecord {
        giver,
        giver_name: match giver {
            Giver::Person => None,
            Giver::ParentalResponsibility => Some(format!("Parent or carer ({})", p.family_name)),
            Giver::BestInterests => Some(by.to_string()),
        },
        capacity_assessed_on: (giver == Giver::BestInterests)
            .then(|| days_ago(decided_on, 7).max(p.date_of_birth)),
        basis: if giver == Giver::BestInterests {
            ConsentBasis::DecisionRecord
        } else {
            ConsentBasis::Form
        },
        decided_on,
        scopes: scopes.clone(),
        share_with: share_with.clone(),
        decision: Decision::Given,
        recorded_by: by.to_string(),
    };
    let age = age_on(p.date_of_birth, on);
    if age >= 18 {
        let giver = adult_giver.unwrap_or(Giver::Person);
        return vec![record(giver, on)];
    }
    let mut out = vec![record(Giver::ParentalResponsibility, on)];
    if age >= 16 {
        out.push(record(Giver::Person, on));
    } else if birthday(p.date_of_birth, 16) <= today {
        // Asked again on turning 16, as the consent forms for young people expect.
        out.push(record(Giver::Person, birthday(p.date_of_birth, 16)));
    }
    out
}

/// An admission to one of the demo hospitals on `on` (children to a children's ward).
fn admission(rng: &mut ChaCha8Rng, today: NaiveDate, child: bool, on: NaiveDate) -> NewAdmission {
    NewAdmission {
        hospital: pick(rng, HOSPITALS).to_string(),
        ward_type: (if child {
            WARD_TYPES[0]
        } else {
            pick(rng, &WARD_TYPES[1..])
        })
        .to_string(),
        security: if child {
            Security::None
        } else {
            pick(rng, &Security::ALL)
        },
        legal_status: pick(rng, &LEGAL_STATUSES).to_string(),
        planned: rng.random::<f64>() < 0.3,
        out_of_area: rng.random::<f64>() < 0.4,
        distance_km: Some(rng.random_range(5..250)),
        admitted_on: on,
        planned_discharge: (rng.random::<f64>() < 0.5)
            .then(|| days_ahead(today, rng.random_range(10..200))),
        notifiable_reason: String::new(),
        no_community_review_reason: String::new(),
    }
}
