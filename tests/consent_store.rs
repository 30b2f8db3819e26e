//! Consent records on real register files: several per person, checked by age when recorded,
//! withdrawn without being rewritten, audited, carried over from the single consent of older
//! registers, and enforced where a person's information leaves the register.

mod support;

use chrono::NaiveDate;
use dsr::domain::consent::{
    ConsentBasis, ConsentRecord, Decision, Giver, Needed, Scope, ScopeState,
};
use dsr::domain::person::PersonDetails;
use dsr::domain::rating::Rating;
use dsr::store::{Store, consent, people};
use support::people::{details, nhs_number};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn today() -> NaiveDate {
    d("2026-11-24")
}

fn person(store: &mut Store, nhs: &str, born: &str) -> i64 {
    let details = PersonDetails {
        nhs_number: nhs_number(nhs),
        ..details(d(born))
    };
    store
        .write(|w| people::add_person(w, &details, Rating::Amber, "referral", today()))
        .expect("add person")
}

fn record(giver: Giver, on: &str, scopes: &[Scope]) -> ConsentRecord {
    ConsentRecord {
        giver,
        giver_name: (giver != Giver::Person).then(|| "Grace Okafor".to_string()),
        capacity_assessed_on: (giver == Giver::BestInterests).then(|| d(on)),
        basis: ConsentBasis::Form,
        decided_on: d(on),
        scopes: scopes.to_vec(),
        share_with: if scopes.contains(&Scope::Sharing) {
            vec!["Northshire Council".into(), "Eastborough School".into()]
        } else {
            vec![]
        },
        decision: Decision::Given,
        recorded_by: "ignored: the store records who wrote it".into(),
    }
}

fn open(dir: &tempfile::TempDir) -> Store {
    Store::open(&dir.path().join("r.db"), "tester").expect("open store")
}

// Hazard: a parent's consent recorded for an adult; the register must say why and stay untouched.
#[test]
fn parental_consent_for_an_adult_is_refused_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = open(&dir);
    let id = person(&mut store, "9990000018", "1968-05-02");
    let audit_before = store.count("audit").expect("count");
    let err = store
        .write(|w| {
            consent::record_consent(
                w,
                id,
                &record(
                    Giver::ParentalResponsibility,
                    "2026-11-01",
                    &[Scope::Register],
                ),
                today(),
            )
        })
        .expect_err("refused");
    assert!(err.to_string().contains("only for under-18s"), "{err}");
    assert_eq!(store.count("consent").expect("count"), 0);
    assert_eq!(store.count("audit").expect("count"), audit_before);
}

// Hazard: only one consent could be kept, so a 16-year-old's own form replaced the parent's.
#[test]
fn a_sixteen_year_old_has_both_the_parents_and_their_own_consent() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = open(&dir);
    let id = person(&mut store, "9990000026", "2010-02-01");
    let all = [Scope::Register, Scope::Review, Scope::Sharing];
    store
        .write(|w| {
            consent::record_consent(
                w,
                id,
                &record(Giver::ParentalResponsibility, "2026-11-01", &all),
                today(),
            )
        })
        .expect("parent");
    assert_eq!(
        consent::scope_state_of(store.conn(), id, Scope::Review, today()).expect("state"),
        ScopeState::Missing(vec![Needed::YoungPerson])
    );
    let own = store
        .write(|w| {
            consent::record_consent(w, id, &record(Giver::Person, "2026-11-02", &all), today())
        })
        .expect("own");
    let rows = consent::consents_of(store.conn(), id).expect("rows");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1].id, own);
    assert_eq!(rows[1].record.recorded_by, "tester");
    assert_eq!(
        rows[0].record.share_with,
        ["Northshire Council", "Eastborough School"]
    );
    for scope in all {
        assert!(
            consent::scope_state_of(store.conn(), id, scope, today())
                .expect("state")
                .is_given()
        );
    }
    let audited: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM audit WHERE entity = 'consent' AND entity_id = ?1",
            [own],
            |r| r.get(0),
        )
        .expect("audit");
    assert!(audited >= 5, "{audited} audit rows");
    // The person's timeline shows the consent rows.
    let trail = dsr::store::timeline::of_person(store.conn(), id, None).expect("timeline");
    assert!(trail.iter().any(|l| l.entity == "consent"));
}

// Hazard: a withdrawal rewrote (or lost) what had been agreed.
#[test]
fn withdrawing_keeps_the_record_and_refuses_a_stale_or_second_withdrawal() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = open(&dir);
    let id = person(&mut store, "9990000034", "1990-01-01");
    store
        .write(|w| {
            consent::record_consent(
                w,
                id,
                &record(
                    Giver::Person,
                    "2026-01-10",
                    &[Scope::Register, Scope::Sharing],
                ),
                today(),
            )
        })
        .expect("record");
    let row = consent::consents_of(store.conn(), id)
        .expect("rows")
        .remove(0);
    store
        .write(|w| consent::withdraw_consent(w, row.id, row.version, d("2026-11-20"), today()))
        .expect("withdraw");
    let after = consent::consents_of(store.conn(), id)
        .expect("rows")
        .remove(0);
    assert_eq!(after.record.decision, Decision::Withdrawn(d("2026-11-20")));
    assert_eq!(after.record.decided_on, d("2026-01-10"));
    assert_eq!(
        consent::scope_state_of(store.conn(), id, Scope::Sharing, today()).expect("state"),
        ScopeState::Withdrawn(d("2026-11-20"))
    );
    let stale = store
        .write(|w| consent::withdraw_consent(w, row.id, row.version, d("2026-11-21"), today()))
        .expect_err("stale");
    assert!(stale.to_string().contains("consent record"), "{stale}");
    let again = store
        .write(|w| consent::withdraw_consent(w, after.id, after.version, d("2026-11-21"), today()))
        .expect_err("already withdrawn");
    assert!(
        again.to_string().contains("only consent that was given"),
        "{again}"
    );
    let future = store
        .write(|w| consent::withdraw_consent(w, after.id, after.version, d("2026-12-01"), today()));
    assert!(future.is_err());
}

// Hazard: the action list for partner organisations named people who had not agreed to share.
#[test]
fn action_lists_withhold_the_names_of_people_without_consent_to_share() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = open(&dir);
    let shares = person(&mut store, "9990000042", "1990-01-01");
    let private = person(&mut store, "9990000050", "1991-01-01");
    store
        .write(|w| {
            consent::record_consent(
                w,
                shares,
                &record(Giver::Person, "2026-01-10", &[Scope::Sharing]),
                today(),
            )
        })
        .expect("record");
    let sharing = consent::people_with(store.conn(), Scope::Sharing, today()).expect("sharing");
    assert!(sharing.contains(&shares) && !sharing.contains(&private));
    let line = |person_id: i64| dsr::report::actions::ActionLine {
        id: person_id,
        person_id,
        person: "Okafor, Ada".into(),
        rating: "AMBER",
        text: "Call the family".into(),
        owner: "Jo Hartley".into(),
        organisation: "Northshire Council".into(),
        due: today(),
        status: "open",
        overdue: false,
        days_overdue: 0,
        review_id: None,
        question: None,
        completed_on: None,
        evidence: None,
    };
    let out = dsr::report::actions::withhold_names(vec![line(shares), line(private)], &sharing);
    assert_eq!(out[0].person, "Okafor, Ada");
    assert_eq!(out[1].person, dsr::report::actions::NAME_WITHHELD);
    let to_ask = consent::people_to_ask(store.conn(), today()).expect("to ask");
    assert!(to_ask.contains(&shares) && to_ask.contains(&private));
}
