//! Store tests for the C(E)TR journey around the meeting, on real SQLite files: the request log,
//! the CETR panel (education, social care, attendance), key lines of enquiry per template and
//! their versions, the report and family plan sent, advocacy, and the report's rating.

mod support;

use chrono::NaiveDate;
use dsr::domain::consent::{self as consent_rules, ConsentBasis, ConsentRecord, Giver, Scope};
use dsr::domain::journey::Attendance;
use dsr::domain::person::{PersonDetails, Setting};
use dsr::domain::rating::Rating;
use dsr::domain::request::{RequestOutcome, RequestedBy};
use dsr::domain::review::{PanelRole, ReviewKind, ReviewType};
use dsr::domain::schedule::Security;
use dsr::report::review::{Format, report};
use dsr::store::admissions::{self, NewAdmission};
use dsr::store::people;
use dsr::store::requests::{self, Decision, NewRequest};
use dsr::store::reviews::{self, Attendee, PanelText, Paper, PrincipleKind, RecText, ReviewText};
use dsr::store::{Store, StoreError, consent, journey};
use support::people::nhs_number;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn today() -> NaiveDate {
    d("2026-11-24")
}

fn details(nhs: &str, given: &str, born: &str) -> PersonDetails {
    PersonDetails {
        nhs_number: nhs_number(nhs),
        given_name: given.into(),
        ehcp: true,
        setting: Some(Setting::FamilyHome),
        ..support::people::details(d(born))
    }
}

fn store(dir: &tempfile::TempDir) -> Store {
    Store::open(&dir.path().join("r.db"), "tester").expect("open store")
}

/// Add a person with consent to the register and reviews from everyone their age asks for.
fn add(store: &mut Store, nhs: &str, born: &str, rating: Rating) -> i64 {
    let id = store
        .write(|w| people::add_person(w, &details(nhs, "Ada", born), rating, "referral", today()))
        .expect("add person");
    let on = d("2026-11-01");
    let age = dsr::domain::age::age_on(d(born), on);
    let mut givers = Vec::new();
    if age < 18 {
        givers.push(Giver::ParentalResponsibility);
    }
    if age >= 16 {
        givers.push(Giver::Person);
    }
    for giver in givers {
        let record = ConsentRecord {
            giver,
            giver_name: (giver != Giver::Person).then(|| "Grace Okafor".to_string()),
            capacity_assessed_on: None,
            basis: ConsentBasis::Form,
            decided_on: on,
            scopes: vec![Scope::Register, Scope::Review],
            share_with: vec![],
            decision: consent_rules::Decision::Given,
            recorded_by: "tester".into(),
        };
        store
            .write(|w| consent::record_consent(w, id, &record, today()))
            .expect("record consent");
    }
    id
}

fn start(store: &mut Store, person: i64, kind: ReviewKind, t: ReviewType, on: NaiveDate) -> i64 {
    store
        .write(|w| reviews::create(w, person, kind, t, on, Some("Town hall"), false))
        .expect("create review")
}

/// The core panel, findings for the four questions, an outcome, a proposed rating with its
/// reason, and one complete recommendation.
fn complete_core(store: &mut Store, id: i64, proposed: Rating) {
    store
        .write(|w| {
            for q in 1..=4 {
                reviews::set_findings(w, id, q, "Discussed with the family.")?;
            }
            reviews::set_community_needs_met(w, id, Some(true))?;
            for (role, name) in [
                (PanelRole::Chair, "Sunita Rao"),
                (PanelRole::ClinicalExpert, "Dr Kim Lau"),
                (PanelRole::ExpertByExperience, "Ruth Akers"),
            ] {
                let m = reviews::add_panel_slot(w, id, role)?;
                reviews::set_panel_text(w, m, PanelText::Name, name)?;
            }
            reviews::set_proposed_rating(w, id, Some(proposed))?;
            reviews::set_text(w, id, ReviewText::RatingReason, "agreed by the panel")?;
            let r = reviews::add_recommendation_slot(w, id, Some(1), today())?;
            reviews::set_recommendation_text(
                w,
                r,
                RecText::Text,
                "Update the crisis plan",
                today(),
            )?;
            reviews::set_recommendation_text(w, r, RecText::Owner, "Sam Jones", today())?;
            reviews::set_recommendation_text(w, r, RecText::Due, "+2w", today())?;
            Ok(())
        })
        .expect("complete the review");
}

fn finalise(store: &mut Store, id: i64) {
    let version = reviews::get(store.conn(), id).expect("review").version;
    store
        .write(|w| reviews::finalise(w, id, version, None, today()))
        .expect("finalise");
}

fn audit_rows(store: &Store) -> i64 {
    store.count("audit").expect("count")
}

#[test]
fn request_log_records_who_asked_and_the_decision() {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = store(&dir);
    let pid = add(&mut s, "9990000018", "2012-05-01", Rating::Amber);
    let new = NewRequest {
        person_id: pid,
        requested_on: d("2026-10-20"),
        requested_by: RequestedBy::Family,
        requester: "Mother".into(),
        reason: "more crises at school".into(),
    };
    let id = s
        .write(|w| requests::add(w, &new, today()))
        .expect("log request");
    let open = requests::open(s.conn()).expect("open");
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].requested_by, RequestedBy::Family);
    assert_eq!(open[0].reason, "more crises at school");

    // Declining without a reason is refused and changes nothing.
    let before = audit_rows(&s);
    let declined = Decision {
        outcome: RequestOutcome::Declined,
        decided_on: d("2026-11-02"),
        decided_by: "Jo Hartley".into(),
        reason: " ".into(),
        review_id: None,
    };
    let err = s
        .write(|w| requests::decide(w, id, 1, &declined, today()))
        .expect_err("no reason");
    assert!(
        matches!(err, StoreError::Invalid(ref m) if m.contains("reason")),
        "{err}"
    );
    assert_eq!(audit_rows(&s), before);
    assert!(requests::get(s.conn(), id).expect("get").outcome.is_none());

    let review = start(
        &mut s,
        pid,
        ReviewKind::Cetr,
        ReviewType::OnRequest,
        today(),
    );
    let booked = Decision {
        outcome: RequestOutcome::ReviewBooked,
        decided_on: d("2026-11-02"),
        decided_by: "Jo Hartley".into(),
        reason: String::new(),
        review_id: Some(review),
    };
    s.write(|w| requests::decide(w, id, 1, &booked, today()))
        .expect("decide");
    let got = requests::get(s.conn(), id).expect("get");
    assert_eq!(got.outcome, Some(RequestOutcome::ReviewBooked));
    assert_eq!(got.decided_by.as_deref(), Some("Jo Hartley"));
    assert_eq!(got.review_id, Some(review));
    assert!(requests::open(s.conn()).expect("open").is_empty());
    // A decided request stays decided.
    let again = s.write(|w| requests::decide(w, id, 2, &booked, today()));
    assert!(matches!(again, Err(StoreError::Invalid(_))));
    assert_eq!(requests::of_person(s.conn(), pid).expect("log").len(), 1);
}

// Hazard: a request waits unanswered past the local target and nobody sees it.
#[test]
fn request_waiting_past_the_policy_target_is_overdue() {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = store(&dir);
    let pid = add(&mut s, "9990000018", "2012-05-01", Rating::Amber);
    for on in ["2026-10-20", "2026-11-20"] {
        let new = NewRequest {
            person_id: pid,
            requested_on: d(on),
            requested_by: RequestedBy::Professional,
            requester: "CAMHS".into(),
            reason: "risk rising".into(),
        };
        s.write(|w| requests::add(w, &new, today())).expect("add");
    }
    let policy = journey::journey_policy(s.conn()).expect("policy");
    let overdue: Vec<NaiveDate> = requests::open(s.conn())
        .expect("open")
        .into_iter()
        .filter(|r| policy.request_overdue(r.requested_on, r.outcome.is_some(), today()))
        .map(|r| r.requested_on)
        .collect();
    assert_eq!(overdue, vec![d("2026-10-20")]);
    // The target is an editable policy row with its source.
    let source: String = s
        .conn()
        .query_row(
            "SELECT source FROM policy_interval WHERE key = 'request_decision'",
            [],
            |r| r.get(0),
        )
        .expect("policy row");
    assert!(source.contains("4 weeks"), "{source}");
    // A future-dated request is refused.
    let future = NewRequest {
        person_id: pid,
        requested_on: d("2026-12-01"),
        requested_by: RequestedBy::Person,
        requester: String::new(),
        reason: String::new(),
    };
    assert!(s.write(|w| requests::add(w, &future, today())).is_err());
}

// Hazard: a child's review is finalised with nobody from education or social care.
#[test]
fn cetr_needs_education_and_social_care_or_a_recorded_reason() {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = store(&dir);
    let pid = add(&mut s, "9990000018", "2012-05-01", Rating::Amber);
    let id = start(
        &mut s,
        pid,
        ReviewKind::Cetr,
        ReviewType::Community,
        today(),
    );
    complete_core(&mut s, id, Rating::Amber);
    let blockers = reviews::finalise_blockers(s.conn(), id, today()).expect("blockers");
    assert!(
        blockers.iter().any(|b| b.to_string().contains("education")),
        "{blockers:?}"
    );
    assert!(
        blockers
            .iter()
            .any(|b| b.to_string().contains("social care")),
        "{blockers:?}"
    );
    let version = reviews::get(s.conn(), id).expect("review").version;
    assert!(
        s.write(|w| reviews::finalise(w, id, version, None, today()))
            .is_err()
    );

    // The core panel cannot be excused.
    let err = s.write(|w| reviews::set_panel_waiver(w, id, PanelRole::Chair, "busy"));
    assert!(matches!(err, Err(StoreError::Invalid(_))));
    s.write(|w| {
        let m = reviews::add_panel_slot(w, id, PanelRole::Education)?;
        reviews::set_panel_text(w, m, PanelText::Name, "Priya Shah (SENCo)")?;
        reviews::set_panel_waiver(
            w,
            id,
            PanelRole::SocialCare,
            "social worker off sick; views sent",
        )
    })
    .expect("education named, social care excused");
    assert!(
        reviews::finalise_blockers(s.conn(), id, today())
            .expect("blockers")
            .is_empty()
    );
    let data = reviews::ReviewData::load(s.conn(), id, today()).expect("load");
    assert_eq!(data.panel_waivers.len(), 1);
    finalise(&mut s, id);

    // An adult's CTR needs neither.
    let adult = add(&mut s, "9990000026", "1990-05-01", Rating::Amber);
    let ctr = start(
        &mut s,
        adult,
        ReviewKind::Ctr,
        ReviewType::Community,
        today(),
    );
    complete_core(&mut s, ctr, Rating::Amber);
    assert!(
        reviews::finalise_blockers(s.conn(), ctr, today())
            .expect("blockers")
            .is_empty()
    );
}

#[test]
fn attendance_of_person_and_family_is_recorded_and_audited() {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = store(&dir);
    let pid = add(&mut s, "9990000018", "2012-05-01", Rating::Amber);
    let id = start(
        &mut s,
        pid,
        ReviewKind::Cetr,
        ReviewType::Community,
        today(),
    );
    s.write(|w| {
        reviews::set_attendance(
            w,
            id,
            Attendee::Person,
            Some(Attendance::ContributedOtherWay),
        )?;
        reviews::set_attendance(w, id, Attendee::Family, Some(Attendance::Attended))
    })
    .expect("attendance");
    let r = reviews::get(s.conn(), id).expect("review");
    assert_eq!(r.person_attendance, Some(Attendance::ContributedOtherWay));
    assert_eq!(r.family_attendance, Some(Attendance::Attended));
    let audited: i64 = s
        .conn()
        .query_row(
            "SELECT count(*) FROM audit WHERE entity = 'review' AND entity_id = ?1
             AND field IN ('person_attendance', 'family_attendance')",
            [id],
            |r| r.get(0),
        )
        .expect("audit");
    assert_eq!(audited, 2);
}

fn kloe_texts(s: &Store, id: i64) -> Vec<String> {
    reviews::kloes(s.conn(), id)
        .expect("kloes")
        .into_iter()
        .map(|k| k.text)
        .collect()
}

// Hazard: the wrong questions are asked (a discharge date in a community review; adult services
// transition for an adult), and rewording the lookup rewrites what a finished review asked.
#[test]
fn lines_of_enquiry_follow_the_template_and_keep_their_wording() {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = store(&dir);
    let adult = add(&mut s, "9990000026", "1990-05-01", Rating::Amber);
    let ctr = start(
        &mut s,
        adult,
        ReviewKind::Ctr,
        ReviewType::Community,
        today(),
    );
    let asked = kloe_texts(&s, ctr);
    assert!(
        !asked
            .iter()
            .any(|t| t.contains("Discharge plan with a date"))
    );
    assert!(
        !asked
            .iter()
            .any(|t| t.contains("Transition to adult services"))
    );
    assert!(asked.iter().any(|t| t.contains("STOMP")));

    let child = add(&mut s, "9990000018", "2012-05-01", Rating::Amber);
    let version = people::person(s.conn(), child).expect("person").version;
    let admission = NewAdmission {
        hospital: "Riverside Unit".into(),
        ward_type: "CAMHS tier 4".into(),
        security: Security::None,
        legal_status: "MHA section 2".into(),
        planned: false,
        out_of_area: true,
        distance_km: Some(80),
        admitted_on: d("2026-11-10"),
        planned_discharge: None,
        notifiable_reason: String::new(),
        no_community_review_reason: "crisis over a weekend".into(),
    };
    s.write(|w| admissions::admit(w, child, version, &admission, "admitted", today()))
        .expect("admit");
    let cetr = start(
        &mut s,
        child,
        ReviewKind::Cetr,
        ReviewType::OnRequest,
        today(),
    );
    let asked = kloe_texts(&s, cetr);
    assert!(asked.iter().any(|t| t == "Discharge plan with a date"));
    assert!(
        asked
            .iter()
            .any(|t| t.contains("Transition to adult services"))
    );

    // Finish the adult review, then reword one of its lines in the lookup.
    complete_core(&mut s, ctr, Rating::Amber);
    finalise(&mut s, ctr);
    let before = kloe_texts(&s, ctr);
    let line = reviews::kloe_lookup(s.conn())
        .expect("lookup")
        .into_iter()
        .find(|k| k.active && k.template == "adult_community" && k.text.contains("Crisis support"))
        .expect("adult community line");
    s.write(|w| {
        reviews::reword_kloe(
            w,
            line.id,
            "Crisis support at home, day and night",
            "local edit",
        )
    })
    .expect("reword");
    assert_eq!(
        kloe_texts(&s, ctr),
        before,
        "a finished review keeps its wording"
    );
    assert_eq!(
        reviews::get(s.conn(), ctr)
            .expect("review")
            .kloe_template
            .map(|t| t.code()),
        Some("adult_community")
    );
    let next = start(
        &mut s,
        adult,
        ReviewKind::Ctr,
        ReviewType::Community,
        today(),
    );
    let asked = kloe_texts(&s, next);
    assert!(
        asked
            .iter()
            .any(|t| t == "Crisis support at home, day and night")
    );
    assert!(
        !asked
            .iter()
            .any(|t| t == "Crisis support available at home")
    );
    // Rewording needs a source.
    assert!(
        s.write(|w| reviews::reword_kloe(w, line.id + 1, "x", " "))
            .is_err()
    );
}

// "I" statements are offered in every review, the ninth in full.
#[test]
fn i_statements_are_offered_in_an_adult_review_too() {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = store(&dir);
    let adult = add(&mut s, "9990000026", "1990-05-01", Rating::Amber);
    let ctr = start(
        &mut s,
        adult,
        ReviewKind::Ctr,
        ReviewType::Community,
        today(),
    );
    let statements: Vec<_> = reviews::principles(s.conn(), ctr)
        .expect("principles")
        .into_iter()
        .filter(|p| p.kind == PrincipleKind::IStatement)
        .collect();
    assert_eq!(statements.len(), 9);
    assert!(
        statements[8]
            .text
            .contains("because my health needs cannot be met in the community")
    );
}

// Hazard: the family's action plan never goes out and nobody chases it.
#[test]
fn report_and_family_plan_sent_clear_the_overdue_list() {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = store(&dir);
    let pid = add(&mut s, "9990000026", "1990-05-01", Rating::Amber);
    let held = d("2026-11-02");
    let id = start(&mut s, pid, ReviewKind::Ctr, ReviewType::Community, held);
    let early = s.write(|w| reviews::set_sent(w, id, Paper::Report, held, "panel", today()));
    assert!(matches!(early, Err(StoreError::Invalid(ref m)) if m.contains("draft")));
    complete_core(&mut s, id, Rating::Amber);
    finalise(&mut s, id);
    let policy = journey::journey_policy(s.conn()).expect("policy");
    assert_eq!(policy.report_due(held), d("2026-11-16"));
    let overdue = reviews::overdue_reports(s.conn(), &policy, today()).expect("overdue");
    assert_eq!(overdue.len(), 1);
    assert_eq!(overdue[0].due, d("2026-11-16"));
    // Not overdue on the due day itself.
    assert!(
        reviews::overdue_reports(s.conn(), &policy, d("2026-11-16"))
            .expect("o")
            .is_empty()
    );

    let future =
        s.write(|w| reviews::set_sent(w, id, Paper::Report, d("2026-12-01"), "panel", today()));
    assert!(future.is_err());
    let nobody =
        s.write(|w| reviews::set_sent(w, id, Paper::Report, d("2026-11-10"), " ", today()));
    assert!(nobody.is_err());
    s.write(|w| {
        reviews::set_sent(
            w,
            id,
            Paper::Report,
            d("2026-11-10"),
            "everyone who took part",
            today(),
        )
    })
    .expect("report sent");
    assert_eq!(
        reviews::overdue_reports(s.conn(), &policy, today())
            .expect("o")
            .len(),
        1
    );
    s.write(|w| {
        reviews::set_sent(
            w,
            id,
            Paper::FamilyPlan,
            d("2026-11-12"),
            "Ada and her mother",
            today(),
        )
    })
    .expect("plan sent");
    assert!(
        reviews::overdue_reports(s.conn(), &policy, today())
            .expect("o")
            .is_empty()
    );
    let r = reviews::get(s.conn(), id).expect("review");
    assert_eq!(r.report_sent_on, Some(d("2026-11-10")));
    assert_eq!(r.family_plan_sent_to.as_deref(), Some("Ada and her mother"));
}

// Hazard: a report read later shows today's rating as if the panel had set it.
#[test]
fn review_report_shows_the_rating_the_review_set() {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = store(&dir);
    let pid = add(&mut s, "9990000026", "1990-05-01", Rating::Red);
    // Held on the day the person was rated RED, so its rating applies without asking.
    let id = start(&mut s, pid, ReviewKind::Ctr, ReviewType::Community, today());
    complete_core(&mut s, id, Rating::Amber);
    finalise(&mut s, id);
    let version = people::person(s.conn(), pid).expect("person").version;
    s.write(|w| people::rerate(w, pid, version, Rating::Green, "settled", today(), None))
        .expect("rerate");
    let text = report(
        &reviews::ReviewData::load(s.conn(), id, today()).expect("load"),
        Format::Text,
    );
    assert!(text.contains("Rating set by this review: AMBER"), "{text}");
    assert!(!text.contains("GREEN"), "{text}");
    assert!(
        !text.contains("T0") && !text.contains('Z'),
        "local dates only: {text}"
    );
}

#[test]
fn advocacy_is_recorded_from_the_lookup() {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = store(&dir);
    let pid = add(&mut s, "9990000026", "1990-05-01", Rating::Amber);
    assert_eq!(journey::advocacy(s.conn(), pid).expect("advocacy"), None);
    s.write(|w| journey::set_advocacy(w, pid, "imha"))
        .expect("set");
    assert_eq!(
        journey::advocacy(s.conn(), pid).expect("a").as_deref(),
        Some("imha")
    );
    let err = s.write(|w| journey::set_advocacy(w, pid, "psychic"));
    assert!(matches!(err, Err(StoreError::Invalid(ref m)) if m.contains("imca")));
}

// Hazard: reviews on request (or emergency meetings) inflating the community-C(E)TR-before-
// admission measure NHS England holds areas to. Two adults admitted: one after a community CTR
// (counts), one after a CTR on request (does not): 1 of 2.
#[test]
fn dashboard_counts_only_community_reviews_before_admission() {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = store(&dir);
    let admit_after = |s: &mut Store, nhs: &str, t: ReviewType| {
        let pid = add(s, nhs, "1990-05-01", Rating::Red);
        let id = start(s, pid, ReviewKind::Ctr, t, d("2026-10-01"));
        complete_core(s, id, Rating::Red);
        finalise(s, id);
        let version = people::person(s.conn(), pid).expect("person").version;
        let a = NewAdmission {
            hospital: "Riverside Unit".into(),
            ward_type: "Assessment and treatment".into(),
            security: Security::None,
            legal_status: "MHA section 2".into(),
            planned: false,
            out_of_area: false,
            distance_km: None,
            admitted_on: d("2026-11-10"),
            planned_discharge: None,
            notifiable_reason: String::new(),
            no_community_review_reason: if t == ReviewType::Community {
                String::new()
            } else {
                "crisis over a weekend".into()
            },
        };
        s.write(|w| admissions::admit(w, pid, version, &a, "admitted", today()))
            .expect("admit");
    };
    admit_after(&mut s, "9990000018", ReviewType::Community);
    admit_after(&mut s, "9990000026", ReviewType::OnRequest);
    let dash = dsr::store::dashboard::dashboard(s.conn(), today()).expect("dashboard");
    let (all, _) = dash.journey.totals();
    assert_eq!((all.with_review, all.admissions), (1, 2));
}
