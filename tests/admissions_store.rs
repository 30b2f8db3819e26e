//! Store tests for the clinical-safety rules on real SQLite files: hospital episodes (transfers,
//! discharge back to the setting before), refusals that write nothing, and the next dates the
//! store keeps for everyone on the register.

mod support;

use chrono::NaiveDate;
use dsr::domain::person::{PersonDetails, Setting};
use dsr::domain::rating::Rating;
use dsr::domain::rules::{Notifiable, RuleViolation};
use dsr::domain::schedule::Security;
use dsr::store::admissions::{self, NewAdmission, Transfer};
use dsr::store::{Store, StoreError, people, schedule};
use support::people::details;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn today() -> NaiveDate {
    d("2026-11-24")
}

fn setup(born: &str) -> (tempfile::TempDir, Store, i64) {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = Store::open(&dir.path().join("r.db"), "tester").expect("open");
    let id = s
        .write(|w| {
            people::add_person(
                w,
                &PersonDetails {
                    setting: Some(Setting::SupportedLiving),
                    ..details(d(born))
                },
                Rating::Amber,
                "referral",
                d("2026-01-05"),
            )
        })
        .expect("add");
    (dir, s, id)
}

fn version(s: &Store, id: i64) -> i64 {
    people::person(s.conn(), id).expect("person").version
}

fn admission(on: &str, ward: &str) -> NewAdmission {
    NewAdmission {
        hospital: "Riverside Unit".into(),
        ward_type: ward.into(),
        security: Security::None,
        legal_status: "MHA section 2".into(),
        planned: false,
        out_of_area: false,
        distance_km: None,
        admitted_on: d(on),
        planned_discharge: None,
        notifiable_reason: String::new(),
        no_community_review_reason: "crisis at night".into(),
    }
}

fn admit(s: &mut Store, id: i64, a: &NewAdmission) -> Result<i64, StoreError> {
    let v = version(s, id);
    s.write(|w| admissions::admit(w, id, v, a, "", today()))
}

// Hazard: a transfer recorded as a discharge showed the person RED while still an inpatient,
// restarted the length of stay and demanded a new post-admission review.
#[test]
fn transfer_keeps_one_episode_blue_with_continuous_length_of_stay() {
    let (_dir, mut s, id) = setup("1990-05-01");
    admit(
        &mut s,
        id,
        &admission("2026-10-01", "Assessment and treatment"),
    )
    .expect("admit");
    let due_before = people::person(s.conn(), id).expect("p").next_review_due;
    let v = version(&s, id);
    s.write(|w| {
        admissions::transfer(
            w,
            id,
            v,
            &Transfer {
                on: d("2026-11-01"),
                hospital: "Hilltop PICU".into(),
                ward_type: "PICU".into(),
                security: Security::Low,
                legal_status: "MHA section 3".into(),
                notifiable_reason: String::new(),
            },
            today(),
        )
    })
    .expect("transfer");
    let p = people::person(s.conn(), id).expect("p");
    assert_eq!(p.rating, Rating::Blue, "BLUE throughout");
    assert_eq!(
        p.next_review_due, due_before,
        "no new post-admission review"
    );
    let stays = admissions::admissions_of(s.conn(), id).expect("stays");
    assert_eq!(stays.len(), 2, "the transfer is in the history");
    assert!(stays[0].ended_by_transfer(&stays));
    let open = admissions::open_admission(s.conn(), id)
        .expect("q")
        .expect("still in");
    assert_eq!(open.hospital, "Hilltop PICU");
    assert_eq!(open.episode_start, d("2026-10-01"));
    assert_eq!(open.length_of_stay(today()), 54, "length of stay runs on");
    let history = people::rating_history(s.conn(), id).expect("history");
    assert_eq!(
        history.iter().filter(|c| c.to == Rating::Blue).count(),
        1,
        "no rating change at the transfer"
    );
}

// Hazard: after a discharge the person's setting stayed "Hospital".
#[test]
fn discharge_returns_the_setting_before_admission() {
    let (_dir, mut s, id) = setup("1990-05-01");
    admit(
        &mut s,
        id,
        &admission("2026-10-01", "Assessment and treatment"),
    )
    .expect("admit");
    assert_eq!(
        people::person(s.conn(), id).expect("p").details.setting,
        Some(Setting::Hospital)
    );
    let v = version(&s, id);
    s.write(|w| {
        admissions::discharge(
            w,
            id,
            v,
            d("2026-11-20"),
            "Supported living",
            None,
            Rating::Red,
            "RED for 14 days",
            today(),
        )
    })
    .expect("discharge");
    assert_eq!(
        people::person(s.conn(), id).expect("p").details.setting,
        Some(Setting::SupportedLiving)
    );
}

// Hazard: an inpatient archived, overlapping stays, and an unconfirmed child on an adult ward,
// each accepted without a word; every refusal leaves the register untouched.
#[test]
fn unsafe_admissions_and_archiving_an_inpatient_are_refused_writing_nothing() {
    let (_dir, mut s, id) = setup("2012-06-01");
    let audit = |s: &Store| s.count("audit").expect("count");
    let before = audit(&s);
    let err = admit(&mut s, id, &admission("2026-10-01", "Acute adult")).expect_err("notifiable");
    assert!(matches!(
        err,
        StoreError::Rule(RuleViolation::ConfirmNotifiable(ref n)) if n == &vec![Notifiable::ChildOnAdultWard]
    ));
    let mut a = admission("2026-10-01", "Acute adult");
    a.no_community_review_reason.clear();
    a.notifiable_reason = "no CAMHS bed in the region".into();
    let err = admit(&mut s, id, &a).expect_err("why no community review");
    assert!(matches!(
        err,
        StoreError::Rule(RuleViolation::ExplainNoCommunityReview)
    ));
    assert_eq!(audit(&s), before, "refusals write nothing");
    a.no_community_review_reason = "crisis at night".into();
    admit(&mut s, id, &a).expect("confirmed");
    let open = admissions::open_admission(s.conn(), id)
        .expect("q")
        .expect("in");
    assert_eq!(
        open.notifiable_reason.as_deref(),
        Some("no CAMHS bed in the region")
    );
    assert_eq!(
        open.no_community_review_reason.as_deref(),
        Some("crisis at night")
    );
    let v = version(&s, id);
    let err = s
        .write(|w| people::archive(w, id, v, "moved away", today()))
        .expect_err("inpatient");
    assert!(matches!(
        err,
        StoreError::Rule(RuleViolation::ArchiveInpatient)
    ));
    let v = version(&s, id);
    s.write(|w| {
        admissions::discharge(
            w,
            id,
            v,
            d("2026-10-20"),
            "Family home",
            None,
            Rating::Red,
            "RED for 14 days",
            today(),
        )
    })
    .expect("discharge");
    let err = admit(&mut s, id, &admission("2026-10-10", "CAMHS tier 4")).expect_err("overlap");
    assert!(matches!(
        err,
        StoreError::Rule(RuleViolation::AdmissionOverlaps { .. })
    ));
}

// Hazard: AMBER and GREEN people had no next date; discussing someone must move it on.
#[test]
fn everyone_has_a_register_review_date_and_discussing_moves_it() {
    let (_dir, mut s, id) = setup("1990-05-01");
    let p = people::person(s.conn(), id).expect("p");
    assert_eq!(
        p.register_review_due,
        Some(d("2026-02-05")),
        "AMBER monthly"
    );
    s.write(|w| schedule::record_register_review(w, id, today(), "discussed, plan stands"))
        .expect("discussed");
    let p = people::person(s.conn(), id).expect("p");
    assert_eq!(p.register_review_due, Some(d("2026-12-24")));
    let notes = schedule::register_reviews_of(s.conn(), id).expect("notes");
    assert_eq!(notes[0].note, "discussed, plan stands");
}
