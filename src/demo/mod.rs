//! A deterministic synthetic register of fictional people for demos, screenshots and benchmarks.
//! Same `seed`, `people` and `today` give the same register. NHS numbers come only from the
//! never-issued 999 test range.
//!
//! Each person's history is simulated with the policy schedule itself, so reviews are mostly held
//! on time and a few are overdue by days or weeks, as on a real register; the rows then go in
//! through the store's bulk loader in one transaction, recorded by one audit entry.

mod discussions;
mod names;

use crate::domain::age::{age_on, birthday};
use crate::domain::calendar::Holidays;
use crate::domain::consent::{
    ConsentBasis, ConsentRecord, Decision, Giver, Scope, ScopeState, scope_state,
};
use crate::domain::journey::Attendance;
use crate::domain::kloe::template_for;
use crate::domain::lookups::{CRITERIA, DISCHARGE_DESTINATIONS, LEGAL_STATUSES, WARD_TYPES};
use crate::domain::nhs_number::NhsNumber;
use crate::domain::person::{Diagnosis, PersonDetails, Setting};
use crate::domain::policy::PolicyIntervals;
use crate::domain::rating::Rating;
use crate::domain::request::{RequestOutcome, RequestedBy};
use crate::domain::review::{PanelRole, QUESTIONS, ReviewKind, ReviewType, suggest_kind};
use crate::domain::schedule::{DueReview, Episode, Meeting, ScheduleInput, Security, schedule};
use crate::domain::triage::Change;
use crate::store::admissions::NewAdmission;
use crate::store::bulk::{self, NewAction, NewReview, PersonNow};
use crate::store::schedule::{holidays, policy_intervals};
use crate::store::{Result, Store, StoreError, Writer, meta};
use chrono::{Days, NaiveDate};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::path::{Path, PathBuf};

const KEYWORKERS: &[&str] = &[
    "Jo Hartley",
    "Sunita Rao",
    "Mark Ellis",
    "Claire Dunn",
    "Femi Adeyemi",
    "Rachel Stone",
    "Tom Whitby",
    "Nadia Karim",
    "Paul Greaves",
    "Hannah Lowe",
    "Gareth Price",
    "Ifeoma Obi",
];
const HOSPITALS: &[&str] = &[
    "Riverside Unit",
    "Oakwood Hospital",
    "Larkfield Centre",
    "St Brannock's",
    "Meadowbank House",
    "Hollins Park Unit",
];
const OWNERS: &[(&str, &str)] = &[
    ("Jo Hartley", "Keyworker service"),
    ("Sunita Rao", "ICB commissioning"),
    ("Mark Ellis", "Children's social care"),
    ("Claire Dunn", "Community LD team"),
    ("Dr Amir Shah", "CAMHS"),
    ("Lucy Fenwick", "SEND team"),
    ("Priya Natt", "Adult social care"),
    ("Dr Helen Moss", "Inpatient provider"),
];
const ACTION_TEXTS: &[&str] = &[
    "Arrange a sensory assessment by an occupational therapist",
    "Review medication with the psychiatrist (STOMP)",
    "Update the crisis plan and share it with the family",
    "Identify a supported living provider near the family home",
    "Refer to independent advocacy",
    "Convene a multi-agency meeting on the placement",
    "Agree funding for the community package",
    "Write a positive behaviour support plan",
    "Confirm the school place for September",
    "Set a planned discharge date and share it with the family",
    "Offer a carer's assessment to the parents",
    "Arrange short breaks with a specialist provider",
];
const FINDINGS: [&str; 4] = [
    "No safeguarding concerns. Restrictive practice reduced.",
    "Care plan person centred; medication reviewed.",
    "Wants to live near family; discharge plan drafted.",
    "Community package possible with funding agreed.",
];
const DONE_NOTES: &[&str] = &[
    "completed as planned",
    "confirmed at the follow-up call",
    "",
];
const EVIDENCE: &[&str] = &[
    "letter on file",
    "email from the provider",
    "minutes of the multi-agency meeting",
    "",
];
const ESCALATION_NOTES: &[&str] = &[
    "no reply from the provider after three reminders",
    "funding panel deferred twice: raised with the head of commissioning",
    "placement at risk: raised at the weekly DSR meeting",
];
const REDATE_REASONS: &[&str] = &[
    "provider asked for two more weeks",
    "waiting for the funding panel",
    "family asked to wait until after the school holidays",
];

/// Demo generation settings.
#[derive(Debug, Clone, Copy)]
pub struct DemoSpec {
    pub people: usize,
    pub seed: u64,
    pub today: NaiveDate,
}

fn pick<T: Copy>(rng: &mut ChaCha8Rng, items: &[T]) -> T {
    *items.choose(rng).unwrap_or(&items[0])
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
        share_with.push("Community learning disability team".to_string());
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

fn days_ago(today: NaiveDate, n: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(n)).unwrap_or(today)
}

fn days_ahead(today: NaiveDate, n: u64) -> NaiveDate {
    today.checked_add_days(Days::new(n)).unwrap_or(today)
}

/// Fill an empty register. Runs as one transaction: a failure leaves the file as it was.
pub fn generate(store: &mut Store, spec: DemoSpec, mut progress: impl FnMut(usize)) -> Result<()> {
    store.write(|w| {
        let paused = bulk::start(w)?;
        let mut g = Generator {
            w,
            rng: ChaCha8Rng::seed_from_u64(spec.seed),
            // A separate stream, so the people stay the same whatever happens to their actions.
            triage: ChaCha8Rng::seed_from_u64(spec.seed ^ 0xAC71_0000),
            today: spec.today,
            policy: policy_intervals(w.tx())?,
            holidays: holidays(w.tx())?,
        };
        for i in 0..spec.people {
            g.person(i)?;
            if i % 1000 == 999 {
                progress(i + 1);
            }
        }
        // Its own random stream, so adding it left every person's history as it was.
        let mut meeting = ChaCha8Rng::seed_from_u64(spec.seed ^ 0xD15C_0000);
        discussions::discussions(g.w, &mut meeting, spec.today, &g.policy, &g.holidays)?;
        bulk::finish(
            w,
            &format!(
                "demo register of {} fictional people generated (seed {})",
                spec.people, spec.seed
            ),
        )?;
        // Test-range NHS numbers are expected here, and warned about on any other register.
        meta::mark_demo(w, &format!("{} people, seed {}", spec.people, spec.seed))?;
        paused.resume(w)
    })
}

/// Write a demo register to `path`, replacing whatever is there. It is built in a new file beside
/// `path` and moved into place only once complete, so a failure or an interrupted run leaves
/// `path` as it was. Whether replacing `path` is allowed is the caller's decision.
pub fn write_file(
    path: &Path,
    user: &str,
    spec: DemoSpec,
    progress: impl FnMut(usize),
) -> Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "register".into());
    let building = path.with_file_name(format!(".{name}.building-{}", std::process::id()));
    let built = (|| {
        remove_register_files(&building)?;
        let mut store = Store::open(&building, user)?;
        generate(&mut store, spec, progress)?;
        store.checkpoint()
    })();
    if let Err(e) = built {
        // Best effort: the half-built file is ours alone and of no use.
        let _ = remove_register_files(&building);
        return Err(e);
    }
    // The old register's journal files belong to the old file: left beside the new one, SQLite
    // would try to apply them to it.
    remove_register_files(path)?;
    let io = |context: String| move |source| StoreError::Io { context, source };
    std::fs::rename(&building, path).map_err(io(format!(
        "cannot move the new register into place at {}",
        path.display()
    )))?;
    remove_register_files(&building)
}

/// Remove a register file and its journal files, where they exist.
fn remove_register_files(path: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let p = PathBuf::from(format!("{}{suffix}", path.display()));
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => {
                return Err(StoreError::Io {
                    context: format!("cannot remove {}", p.display()),
                    source,
                });
            }
        }
    }
    Ok(())
}

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

struct Generator<'w, 'a> {
    w: &'w Writer<'a>,
    rng: ChaCha8Rng,
    triage: ChaCha8Rng,
    today: NaiveDate,
    policy: PolicyIntervals,
    holidays: Holidays,
}

/// A finished or draft review to write.
struct Held {
    on: NaiveDate,
    review_type: ReviewType,
    finished: bool,
}

impl Generator<'_, '_> {
    fn person(&mut self, i: usize) -> Result<()> {
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

        let id = bulk::person(
            self.w,
            &PersonNow {
                details: &details,
                rating,
                rating_since,
                added_on: joined,
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
        let in_hospital_now = stays.iter().any(|(_, out)| out.is_none());
        self.requests_and_advocacy(id, in_hospital_now)?;
        Ok(())
    }

    fn review(
        &mut self,
        person_id: i64,
        details: &PersonDetails,
        h: &Held,
        rating: Rating,
        in_hospital: bool,
        consented: bool,
    ) -> Result<()> {
        let w = self.w;
        let rng = &mut self.rng;
        let no_consent = !consented && h.finished;
        let kind = suggest_kind(details.date_of_birth, details.ehcp, h.on);
        let rid = bulk::review(
            w,
            &NewReview {
                person_id,
                kind,
                review_type: h.review_type,
                held_on: h.on,
                place: "Virtual (Teams)",
                final_: h.finished,
                consent_note: no_consent
                    .then_some("consent form requested; best-interests meeting booked"),
                community_needs_met: h.finished.then_some(!in_hospital),
                proposed: (h.finished && !in_hospital).then_some(rating),
                rating_reason: h.finished.then_some("agreed by the panel"),
            },
        )?;
        let chair = pick(rng, &["Sunita Rao", "Gareth Price"]);
        bulk::panel_member(w, rid, PanelRole::Chair, chair, "ICB")?;
        let expert = pick(rng, &["Dr Ola Bright", "Dr Kim Lau"]);
        bulk::panel_member(w, rid, PanelRole::ClinicalExpert, expert, "Independent")?;
        if h.finished {
            let ebe = pick(rng, &["Jamie Cole", "Ruth Akers"]);
            bulk::panel_member(w, rid, PanelRole::ExpertByExperience, ebe, "Independent")?;
            // A CETR also has education and social care (fixed names keep the random sequence).
            if kind == ReviewKind::Cetr {
                bulk::panel_member(w, rid, PanelRole::Education, "Priya Shah", "SEND team")?;
                let social = "Children's social care";
                bulk::panel_member(w, rid, PanelRole::SocialCare, "Tom Edwards", social)?;
            }
        }
        let answered = if h.finished {
            4
        } else {
            rng.random_range(0..3)
        };
        for (q, text) in FINDINGS.iter().enumerate().take(answered) {
            bulk::findings(w, rid, q as u8 + 1, text)?;
        }
        if !h.finished {
            return Ok(());
        }
        self.journey(rid, kind, h, in_hospital)?;
        for _ in 0..self.rng.random_range(1..3) {
            let rng = &mut self.rng;
            let (owner, organisation) = pick(rng, OWNERS);
            // Due dates straddle today so some actions are overdue.
            let due = days_ahead(h.on, rng.random_range(7..120));
            let question = rng.random_range(1..=QUESTIONS.len() as u8);
            let text = pick(rng, ACTION_TEXTS);
            let steps = self.triage_steps(due);
            bulk::action(
                w,
                &NewAction {
                    person_id,
                    review_id: rid,
                    question,
                    text,
                    owner,
                    organisation,
                    due,
                },
                &steps,
            )?;
        }
        Ok(())
    }

    /// The lines of enquiry a finished review asked, who took part, and when its papers went out:
    /// most within the 14 days, a few late, a few (and the most recent) not yet. Drawn from the
    /// review's id, not the random stream, so the rest of the register stays as it was.
    fn journey(&mut self, rid: i64, kind: ReviewKind, h: &Held, in_hospital: bool) -> Result<()> {
        let k = rid.rem_euclid(20) as u64;
        let sent = |after: u64| Some(days_ahead(h.on, after)).filter(|d| *d <= self.today);
        let (report, plan) = match k {
            0..=15 => (sent(2 + k % 8), sent(4 + k % 10)),
            16 | 17 => (sent(10), sent(15 + k)),
            _ => (None, None),
        };
        let person_attendance = match rid.rem_euclid(5) {
            3 => Attendance::ContributedOtherWay,
            4 => Attendance::Declined,
            _ => Attendance::Attended,
        };
        let family_attendance = if rid.rem_euclid(4) == 3 {
            Attendance::ContributedOtherWay
        } else {
            Attendance::Attended
        };
        bulk::review_journey(
            self.w,
            rid,
            &bulk::ReviewJourney {
                template: template_for(kind, h.review_type, in_hospital),
                person_attendance,
                family_attendance,
                report_sent: report.map(|on| (on, "everyone who took part")),
                family_plan_sent: plan.map(|on| (on, "the person and family")),
            },
        )
    }

    /// A few people have asked for a review: some decided, some waiting (one past the target);
    /// everyone has an advocacy type recorded. Drawn from the person's id, as above.
    fn requests_and_advocacy(&mut self, person_id: i64, in_hospital: bool) -> Result<()> {
        let code = if in_hospital {
            ["imha", "independent", "family"][person_id.rem_euclid(3) as usize]
        } else {
            [
                "none",
                "self",
                "family",
                "independent",
                "care_act",
                "not_known",
            ][person_id.rem_euclid(6) as usize]
        };
        bulk::advocacy(self.w, person_id, code)?;
        let by = RequestedBy::ALL[person_id.rem_euclid(3) as usize];
        match person_id.rem_euclid(17) {
            0 => {
                let on = days_ago(self.today, (person_id.rem_euclid(45)) as u64);
                bulk::request(self.w, person_id, on, by, "worried about rising risk", None)
            }
            5 => {
                let on = days_ago(self.today, 60 + person_id.rem_euclid(90) as u64);
                let decided = days_ahead(on, 10);
                let outcome = if person_id.rem_euclid(2) == 0 {
                    RequestOutcome::ReviewBooked
                } else {
                    RequestOutcome::EmergencyMeeting
                };
                let chair = "Sunita Rao";
                bulk::request(
                    self.w,
                    person_id,
                    on,
                    by,
                    "placement at risk",
                    Some((outcome, decided, chair)),
                )
            }
            _ => Ok(()),
        }
    }

    /// What staff have done with an action so far: long-past ones closed, recent ones mostly
    /// done, some in progress or escalated, a few re-dated or cancelled, and some left open
    /// (overdue by days or weeks once past due).
    fn triage_steps(&mut self, due: NaiveDate) -> Vec<Change> {
        // Cumulative shares of done, cancelled, in progress, escalated and re-dated.
        const LONG_PAST: [f64; 5] = [0.92, 1.0, 1.0, 1.0, 1.0];
        const PAST: [f64; 5] = [0.55, 0.62, 0.72, 0.80, 0.86];
        const FUTURE: [f64; 5] = [0.06, 0.08, 0.33, 0.38, 0.44];
        let (today, rng) = (self.today, &mut self.triage);
        let roll: f64 = rng.random();
        let cut = if due < days_ago(today, 90) {
            LONG_PAST
        } else if due < today {
            PAST
        } else {
            FUTURE
        };
        let change = if roll < cut[0] {
            // Done around the due date: a few days early to a week or so late, never after today.
            Change::Done {
                on: days_ahead(days_ago(due, 5), rng.random_range(0..15)).min(today),
                note: pick(rng, DONE_NOTES).into(),
                evidence: pick(rng, EVIDENCE).into(),
            }
        } else if roll < cut[1] {
            Change::Cancel {
                reason: "no longer needed after the new placement plan".into(),
            }
        } else if roll < cut[2] {
            Change::InProgress {
                note: String::new(),
            }
        } else if roll < cut[3] {
            Change::Escalate {
                note: pick(rng, ESCALATION_NOTES).into(),
            }
        } else if roll < cut[4] {
            Change::Redate {
                due: days_ahead(today.max(due), rng.random_range(7..45)),
                reason: pick(rng, REDATE_REASONS).into(),
            }
        } else {
            return Vec::new();
        };
        vec![change]
    }
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
