//! A deterministic synthetic register of fictional people for demos, screenshots and benchmarks.
//! Same `seed`, `people` and `today` give the same register. NHS numbers come only from the
//! never-issued 999 test range.

use crate::domain::lookups::{CRITERIA, DISCHARGE_DESTINATIONS, LEGAL_STATUSES, WARD_TYPES};
use crate::domain::nhs_number::NhsNumber;
use crate::domain::person::{
    Consent, ConsentBasis, ConsentScope, Diagnosis, PersonDetails, Setting,
};
use crate::domain::rating::Rating;
use crate::domain::review::{PanelRole, QUESTIONS, ReviewKind, ReviewType, suggest_kind};
use crate::domain::schedule::Security;
use crate::store::actions;
use crate::store::people::{self, NewAdmission};
use crate::store::{Result, Store, Writer, reviews};
use chrono::{Days, NaiveDate};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const GIVEN: &[&str] = &[
    "Alex", "Amara", "Ben", "Bethany", "Callum", "Chloe", "Daniel", "Demi", "Eli", "Erin", "Finn",
    "Freya", "George", "Grace", "Harvey", "Hana", "Isaac", "Isla", "Jacob", "Jade", "Kai", "Keira",
    "Leo", "Lily", "Mason", "Maya", "Noah", "Niamh", "Oscar", "Olivia", "Priya", "Reuben", "Rosie",
    "Sam", "Sofia", "Theo", "Tia", "Usman", "Violet", "Will", "Yusuf", "Zara", "Aisha", "Owen",
    "Megan", "Ravi", "Sian", "Tomasz",
];
const FAMILY: &[&str] = &[
    "Abbott",
    "Ahmed",
    "Baker",
    "Bennett",
    "Carter",
    "Chowdhury",
    "Davies",
    "Dixon",
    "Evans",
    "Fisher",
    "Foster",
    "Gill",
    "Griffiths",
    "Hughes",
    "Hussain",
    "Jenkins",
    "Kaur",
    "Khan",
    "Lewis",
    "Lloyd",
    "Marsh",
    "Morgan",
    "Nowak",
    "Okafor",
    "Owen",
    "Patel",
    "Price",
    "Quinn",
    "Reid",
    "Roberts",
    "Shaw",
    "Singh",
    "Taylor",
    "Thomas",
    "Turner",
    "Underwood",
    "Vaughan",
    "Walsh",
    "Ward",
    "Webb",
    "Williams",
    "Young",
];
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
    "No safeguarding concerns raised. Restrictive practice reduced over the last month.",
    "Care plan is person centred; communication passport in use. Medication reviewed.",
    "Wants to go back to college and live near family. Discharge plan drafted.",
    "A community package is possible with a specialist provider and funding agreed.",
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

fn days_ago(today: NaiveDate, n: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(n)).unwrap_or(today)
}

fn days_ahead(today: NaiveDate, n: u64) -> NaiveDate {
    today.checked_add_days(Days::new(n)).unwrap_or(today)
}

/// Fill an empty register. Runs as one transaction: a failure leaves the file as it was.
pub fn generate(store: &mut Store, spec: DemoSpec, mut progress: impl FnMut(usize)) -> Result<()> {
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
    let today = spec.today;
    store.write(|w| {
        for i in 0..spec.people {
            person(w, &mut rng, i, today)?;
            if i % 1000 == 999 {
                progress(i + 1);
            }
        }
        // A separate stream, so the people above stay the same whatever happens to their actions.
        let mut rng = ChaCha8Rng::seed_from_u64(spec.seed ^ 0xAC71_0000);
        triage_actions(w, &mut rng, today)
    })
}

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

/// Give the review actions a realistic mix, through the same store functions staff use: most older
/// ones done, some in progress or escalated, a few re-dated or cancelled, and some left overdue.
fn triage_actions(w: &mut Writer, rng: &mut ChaCha8Rng, today: NaiveDate) -> Result<()> {
    // Cumulative shares of done, cancelled, in progress, escalated and re-dated; the rest stay open.
    const PAST: [f64; 5] = [0.55, 0.62, 0.72, 0.80, 0.86];
    const FUTURE: [f64; 5] = [0.06, 0.08, 0.33, 0.38, 0.44];
    for a in actions::all(w.tx())? {
        let roll: f64 = rng.random();
        let cut = if a.due < today { PAST } else { FUTURE };
        let (id, v) = (a.id, a.version);
        if roll < cut[0] {
            // Done around the due date: a few days early to a week or so late, never after today.
            let on = days_ahead(days_ago(a.due, 5), rng.random_range(0..15)).min(today);
            actions::mark_done(w, id, v, on, pick(rng, DONE_NOTES), pick(rng, EVIDENCE))?;
        } else if roll < cut[1] {
            actions::cancel(w, id, v, "no longer needed after the new placement plan")?;
        } else if roll < cut[2] {
            actions::mark_in_progress(w, id, v, "")?;
        } else if roll < cut[3] {
            actions::escalate(w, id, v, pick(rng, ESCALATION_NOTES))?;
        } else if roll < cut[4] {
            let due = days_ahead(today.max(a.due), rng.random_range(7..45));
            actions::redate(w, id, v, due, pick(rng, REDATE_REASONS))?;
        }
    }
    Ok(())
}

fn person(w: &mut Writer, rng: &mut ChaCha8Rng, i: usize, today: NaiveDate) -> Result<()> {
    // 999 000 0000 + a stride keeps numbers unique and spread; skip numbers with no check digit.
    let nhs =
        (0..11u32).find_map(|k| NhsNumber::from_first_nine(999_000_000 + (i as u32) * 11 + k));
    let age_days: u64 = rng.random_range(3 * 365..75 * 365 + 300);
    let dob = days_ago(today, age_days);
    let child = age_days < 18 * 365;
    let roll: f64 = rng.random();
    let rating = match roll {
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
    let consent = (rng.random::<f64>() < 0.92).then(|| Consent {
        basis: if child {
            ConsentBasis::ParentalResponsibility
        } else {
            pick(rng, ConsentBasis::ALL)
        },
        date: days_ago(today, rng.random_range(30..900)),
        recorded_by: pick(rng, KEYWORKERS).to_string(),
        scope: ConsentScope {
            register: true,
            review: true,
            sharing: rng.random(),
        },
    });
    let given = pick(rng, GIVEN).to_string();
    let details = PersonDetails {
        nhs_number: nhs,
        local_id: Some(format!("DSR{:05}", i + 1)),
        preferred_name: (rng.random::<f64>() < 0.1).then(|| given.chars().take(3).collect()),
        given_name: given,
        family_name: pick(rng, FAMILY).to_string(),
        date_of_birth: dob,
        sex: Some(pick(rng, &["Female", "Male"]).to_string()),
        gender_identity: None,
        ethnicity: None,
        diagnosis: pick(rng, Diagnosis::ALL),
        ehcp: child || (age_days < 25 * 365 && rng.random::<f64>() < 0.4),
        gp_practice: Some(format!("Practice {}", rng.random_range(1..40))),
        local_authority: Some(pick(rng, &["Northshire", "Eastborough", "Westvale"]).to_string()),
        setting: Some(pick(
            rng,
            &[
                Setting::FamilyHome,
                Setting::FamilyHome,
                Setting::SupportedLiving,
                Setting::ResidentialCare,
                Setting::Placement52Week,
            ],
        )),
        keyworker: (child || rng.random::<f64>() < 0.3).then(|| pick(rng, KEYWORKERS).to_string()),
        care_coordinator: Some(pick(rng, KEYWORKERS).to_string()),
        consent,
        objection_to_reporting: None,
        referral_date: Some(days_ago(today, rng.random_range(30..1500))),
        referral_route: Some(pick(rng, &["professional", "parent/carer", "self"]).to_string()),
        referrer: Some(pick(rng, KEYWORKERS).to_string()),
        notes: None,
        criteria,
    };
    let first = if rating == Rating::Blue {
        Rating::Red
    } else {
        rating
    };
    let joined = days_ago(today, rng.random_range(200..1500)).max(dob);
    let id = people::add_person(
        w,
        &details,
        first,
        "added to the register after referral",
        joined,
    )?;
    let mut version = 1;
    if rating == Rating::Blue {
        let adm = NewAdmission {
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
            admitted_on: days_ago(today, rng.random_range(3..500)),
            planned_discharge: (rng.random::<f64>() < 0.5)
                .then(|| days_ahead(today, rng.random_range(10..200))),
        };
        people::admit(w, id, version, &adm, "admitted to hospital")?;
    } else if rng.random::<f64>() < 0.15 {
        // A past stay, discharged.
        let admitted = days_ago(today, rng.random_range(120..700));
        let adm = NewAdmission {
            hospital: pick(rng, HOSPITALS).to_string(),
            ward_type: pick(rng, &WARD_TYPES).to_string(),
            security: Security::None,
            legal_status: pick(rng, &LEGAL_STATUSES).to_string(),
            planned: rng.random::<f64>() < 0.3,
            out_of_area: rng.random::<f64>() < 0.3,
            distance_km: Some(rng.random_range(5..150)),
            admitted_on: admitted,
            planned_discharge: None,
        };
        people::admit(w, id, version, &adm, "admitted to hospital")?;
        let out = admitted
            .checked_add_days(Days::new(rng.random_range(20..110)))
            .unwrap_or(today)
            .min(today);
        people::discharge(
            w,
            id,
            version + 1,
            out,
            pick(rng, &DISCHARGE_DESTINATIONS),
            Some(Setting::FamilyHome),
            Rating::Red,
            "discharged: RED for 14 days with enhanced support",
        )?;
        version += 2;
        if rating != Rating::Red {
            people::rerate(
                w,
                id,
                version,
                rating,
                "settled at home after discharge",
                days_ago(today, rng.random_range(1..100)),
                None,
            )?;
        }
    }
    let has_consent = details.consent.is_some();
    if rng.random::<f64>() < 0.45 {
        review(
            w,
            rng,
            id,
            dob,
            details.ehcp,
            rating,
            today,
            true,
            has_consent,
        )?;
    }
    if rng.random::<f64>() < 0.03 {
        review(
            w,
            rng,
            id,
            dob,
            details.ehcp,
            rating,
            today,
            false,
            has_consent,
        )?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn review(
    w: &mut Writer,
    rng: &mut ChaCha8Rng,
    person_id: i64,
    dob: NaiveDate,
    ehcp: bool,
    rating: Rating,
    today: NaiveDate,
    finished: bool,
    has_consent: bool,
) -> Result<()> {
    let held_on = if finished {
        days_ago(today, rng.random_range(5..200))
    } else {
        today
    };
    let review_type = if rating == Rating::Blue {
        ReviewType::InpatientRoutine
    } else {
        ReviewType::Community
    };
    let kind = suggest_kind(dob, ehcp, held_on);
    let rid = reviews::create(
        w,
        person_id,
        kind,
        review_type,
        held_on,
        Some("Virtual (Teams)"),
        true,
    )?;
    reviews::add_panel_member(
        w,
        rid,
        PanelRole::Chair,
        pick(rng, &["Sunita Rao", "Gareth Price"]),
        Some("ICB"),
    )?;
    reviews::add_panel_member(
        w,
        rid,
        PanelRole::ClinicalExpert,
        pick(rng, &["Dr Ola Bright", "Dr Kim Lau"]),
        Some("Independent"),
    )?;
    if finished {
        reviews::add_panel_member(
            w,
            rid,
            PanelRole::ExpertByExperience,
            pick(rng, &["Jamie Cole", "Ruth Akers"]),
            Some("Independent"),
        )?;
        // A CETR also has education and social care (fixed names keep the random sequence).
        if kind == ReviewKind::Cetr {
            reviews::add_panel_member(
                w,
                rid,
                PanelRole::Education,
                "Priya Shah",
                Some("SEND team"),
            )?;
            reviews::add_panel_member(
                w,
                rid,
                PanelRole::SocialCare,
                "Tom Edwards",
                Some("Children's social care"),
            )?;
        }
    }
    let answered = if finished { 4 } else { rng.random_range(0..3) };
    for (q, text) in FINDINGS.iter().enumerate().take(answered) {
        reviews::set_findings(w, rid, q as u8 + 1, text)?;
    }
    if !finished {
        return Ok(());
    }
    if !has_consent {
        w.tx().execute("UPDATE review SET consent_note = 'consent form requested; best-interests meeting booked' WHERE id = ?1", [rid])?;
    }
    for _ in 0..rng.random_range(1..4) {
        let (owner, org) = pick(rng, OWNERS);
        // Due dates straddle today so some actions are overdue.
        let due = held_on
            .checked_add_days(Days::new(rng.random_range(7..120)))
            .unwrap_or(today);
        let q = rng.random_range(1..=QUESTIONS.len() as u8);
        reviews::add_recommendation(
            w,
            rid,
            Some(q),
            pick(rng, ACTION_TEXTS),
            owner,
            org,
            Some(due),
        )?;
    }
    let proposed = (rating != Rating::Blue).then_some(rating);
    reviews::set_outcome(
        w,
        rid,
        Some(rating != Rating::Blue),
        proposed,
        "agreed by the panel",
    )?;
    let version = reviews::get(w.tx(), rid)?.version;
    reviews::finalise(w, rid, version)?;
    Ok(())
}
