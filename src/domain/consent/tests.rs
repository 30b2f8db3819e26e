use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}
const TODAY: &str = "2026-11-30";

/// Born so as to be `age` on TODAY (birthday in the spring).
fn born(age: i32) -> NaiveDate {
    d(&format!("{}-03-15", 2026 - age))
}

fn rec(giver: Giver, on: &str, scopes: &[Scope], decision: Decision) -> ConsentRecord {
    ConsentRecord {
        giver,
        giver_name: (giver != Giver::Person).then(|| "Sam Carer".to_string()),
        capacity_assessed_on: (giver == Giver::BestInterests).then(|| d(on)),
        basis: ConsentBasis::Form,
        decided_on: d(on),
        scopes: scopes.to_vec(),
        share_with: if scopes.contains(&Scope::Sharing) {
            vec!["Northshire Council".into()]
        } else {
            vec![]
        },
        decision,
        recorded_by: "Jo Hartley".into(),
    }
}

const ALL: &[Scope] = &[Scope::Register, Scope::Review, Scope::Sharing];

fn state(records: &[ConsentRecord], age: i32, scope: Scope) -> ScopeState {
    scope_state(records, born(age), d(TODAY), scope)
}

// Hazard: a parent's consent accepted for an adult (one demo adult born in 1968).
#[test]
fn parental_consent_is_refused_for_an_adult() {
    let r = rec(
        Giver::ParentalResponsibility,
        "2026-11-01",
        ALL,
        Decision::Given,
    );
    let problems = check_record(&r, born(58), d(TODAY));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].field, "giver");
    assert!(problems[0].message.contains("only for under-18s"));
    assert!(check_record(&r, born(12), d(TODAY)).is_empty());
}

// Hazard: a parent's consent given for a child kept counting after the person turned 18.
#[test]
fn parental_consent_expires_at_eighteen() {
    let r = rec(
        Giver::ParentalResponsibility,
        "2024-01-10",
        ALL,
        Decision::Given,
    );
    let dob = born(19);
    for scope in Scope::ALL {
        assert_eq!(
            scope_state(std::slice::from_ref(&r), dob, d(TODAY), *scope),
            ScopeState::Expired(birthday(dob, 18))
        );
    }
    assert!(needs_asking(std::slice::from_ref(&r), dob, d(TODAY)));
    // The adult's own consent replaces it.
    let own = rec(Giver::Person, "2026-06-01", ALL, Decision::Given);
    assert_eq!(state(&[r, own], 19, Scope::Review), ScopeState::Given);
}

// Hazard: a 16-year-old's register entry and review went ahead on the parent's form alone.
#[test]
fn sixteen_and_seventeen_need_the_young_persons_own_consent_as_well() {
    for age in [16, 17] {
        let parent = rec(
            Giver::ParentalResponsibility,
            "2026-10-01",
            ALL,
            Decision::Given,
        );
        assert_eq!(
            state(std::slice::from_ref(&parent), age, Scope::Review),
            ScopeState::Missing(vec![Needed::YoungPerson])
        );
        let own = rec(Giver::Person, "2026-10-02", ALL, Decision::Given);
        assert_eq!(
            state(std::slice::from_ref(&own), age, Scope::Review),
            ScopeState::Missing(vec![Needed::ParentalResponsibility])
        );
        assert_eq!(state(&[parent, own], age, Scope::Review), ScopeState::Given);
    }
}

// A 16- or 17-year-old who lacks capacity: a best-interests decision stands for their own voice.
#[test]
fn best_interests_stands_for_a_young_person_lacking_capacity() {
    let parent = rec(
        Giver::ParentalResponsibility,
        "2026-10-01",
        ALL,
        Decision::Given,
    );
    let bi = rec(Giver::BestInterests, "2026-10-05", ALL, Decision::Given);
    assert!(check_record(&bi, born(16), d(TODAY)).is_empty());
    assert_eq!(state(&[parent, bi], 16, Scope::Review), ScopeState::Given);
}

// Hazard: a best-interests decision recorded for a 12-year-old, where the Mental Capacity Act does
// not apply and a parent must decide.
#[test]
fn best_interests_is_refused_under_sixteen() {
    let bi = rec(Giver::BestInterests, "2026-10-05", ALL, Decision::Given);
    let problems = check_record(&bi, born(12), d(TODAY));
    assert!(
        problems
            .iter()
            .any(|p| p.field == "giver" && p.message.contains("from 16")),
        "{problems:?}"
    );
}

// Hazard: a best-interests decision with no capacity assessment behind it.
#[test]
fn best_interests_needs_the_capacity_assessment_date() {
    let mut bi = rec(Giver::BestInterests, "2026-10-05", ALL, Decision::Given);
    bi.capacity_assessed_on = None;
    let fields: Vec<_> = check_record(&bi, born(40), d(TODAY))
        .iter()
        .map(|p| p.field)
        .collect();
    assert_eq!(fields, ["capacity_assessed_on"]);
    bi.capacity_assessed_on = Some(d("2026-10-06"));
    assert_eq!(
        check_record(&bi, born(40), d(TODAY))[0].field,
        "capacity_assessed_on"
    );
    bi.capacity_assessed_on = Some(d("2026-09-30"));
    bi.giver_name = None;
    assert_eq!(check_record(&bi, born(40), d(TODAY))[0].field, "giver_name");
}

#[test]
fn under_sixteen_a_parents_consent_is_enough() {
    let parent = rec(
        Giver::ParentalResponsibility,
        "2026-10-01",
        ALL,
        Decision::Given,
    );
    assert_eq!(
        state(&[], 12, Scope::Register),
        ScopeState::Missing(vec![Needed::ParentalResponsibility])
    );
    assert_eq!(state(&[parent], 12, Scope::Register), ScopeState::Given);
}

// Hazard: papers circulated for someone whose consent covered only the register.
#[test]
fn each_scope_is_decided_on_its_own() {
    let register_only = rec(
        Giver::Person,
        "2026-10-01",
        &[Scope::Register],
        Decision::Given,
    );
    let s = summary(&[register_only], born(30), d(TODAY));
    assert_eq!(s[0], (Scope::Register, ScopeState::Given));
    assert_eq!(
        s[1],
        (Scope::Review, ScopeState::Missing(vec![Needed::Person]))
    );
    assert_eq!(
        s[2],
        (Scope::Sharing, ScopeState::Missing(vec![Needed::Person]))
    );
}

// Hazard: a withdrawal was overwritten by an older record of consent still on file.
#[test]
fn a_withdrawal_wins_over_older_consent() {
    let old = rec(Giver::Person, "2025-01-10", ALL, Decision::Given);
    let mut withdrawn = rec(
        Giver::Person,
        "2025-06-01",
        &[Scope::Sharing],
        Decision::Given,
    );
    withdrawn.decision = Decision::Withdrawn(d("2026-03-03"));
    let records = [old, withdrawn];
    assert_eq!(
        state(&records, 30, Scope::Sharing),
        ScopeState::Withdrawn(d("2026-03-03"))
    );
    assert_eq!(state(&records, 30, Scope::Review), ScopeState::Given);
    // A new decision after the withdrawal counts.
    let again = rec(
        Giver::Person,
        "2026-05-01",
        &[Scope::Sharing],
        Decision::Given,
    );
    let records = [records[0].clone(), records[1].clone(), again];
    assert_eq!(state(&records, 30, Scope::Sharing), ScopeState::Given);
}

// Hazard: a parent's consent hid the young person's own refusal.
#[test]
fn a_young_persons_refusal_is_respected_even_with_a_parents_consent() {
    let parent = rec(
        Giver::ParentalResponsibility,
        "2026-10-01",
        ALL,
        Decision::Given,
    );
    let own = rec(
        Giver::Person,
        "2026-10-02",
        &[Scope::Sharing],
        Decision::Declined,
    );
    let records = [parent, own];
    assert_eq!(
        state(&records, 17, Scope::Sharing),
        ScopeState::Declined(d("2026-10-02"))
    );
    assert_eq!(
        state(&records, 13, Scope::Sharing),
        ScopeState::Declined(d("2026-10-02"))
    );
}

#[test]
fn future_decisions_do_not_count_yet() {
    let later = rec(Giver::Person, "2026-12-05", ALL, Decision::Given);
    assert!(state(std::slice::from_ref(&later), 30, Scope::Review).needs_asking());
    assert_eq!(
        check_record(&later, born(30), d(TODAY))[0].field,
        "decided_on"
    );
}

#[test]
fn sharing_needs_named_organisations() {
    let mut r = rec(
        Giver::Person,
        "2026-10-01",
        &[Scope::Sharing],
        Decision::Given,
    );
    r.share_with.clear();
    assert_eq!(check_record(&r, born(30), d(TODAY))[0].field, "share_with");
    r.share_with = vec!["Eastborough School".into(), "Northshire Council".into()];
    assert_eq!(
        sharing_organisations(&[r], d(TODAY)),
        ["Eastborough School", "Northshire Council"]
    );
}

// Hazard: a note let a review go ahead after the person said no.
#[test]
fn a_reason_lets_a_review_go_ahead_only_when_consent_is_missing_not_refused() {
    let missing = ScopeState::Missing(vec![Needed::Person]);
    assert!(review_consent_gap(&missing, false).is_some());
    assert!(review_consent_gap(&missing, true).is_none());
    assert!(review_consent_gap(&ScopeState::Expired(d("2026-01-01")), true).is_none());
    let declined = ScopeState::Declined(d("2026-10-01"));
    let gap = review_consent_gap(&declined, true).expect("refusal blocks");
    assert!(gap.to_string().contains("declined on 1 Oct 2026"), "{gap}");
    assert!(review_consent_gap(&ScopeState::Given, false).is_none());
}

#[test]
fn missing_says_who_to_ask() {
    let s = state(&[], 17, Scope::Review);
    let text = s.to_string();
    assert!(text.contains("parental responsibility"), "{text}");
    assert!(text.contains("young person's own consent"), "{text}");
    let gap = review_consent_gap(&s, false).expect("gap");
    assert!(gap.to_string().contains("card (c)"), "{gap}");
}

#[test]
fn a_record_reads_in_words() {
    let mut r = rec(
        Giver::ParentalResponsibility,
        "2026-03-03",
        ALL,
        Decision::Given,
    );
    assert_eq!(
        r.describe(),
        "given by Sam Carer (someone with parental responsibility), signed consent form, 3 Mar 2026: Register, C(E)TR, sharing with Northshire Council; recorded by Jo Hartley"
    );
    r.decision = Decision::Withdrawn(d("2026-05-01"));
    assert!(
        r.describe()
            .starts_with("withdrawn on 1 May 2026 (given by Sam Carer")
    );
}
