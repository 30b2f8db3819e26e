//! Store tests for every register write the Register pane makes: each change lands with its
//! audit rows, refusals write nothing, and the one-row refresh sees the change.

mod support;

use chrono::NaiveDate;
use dsr::domain::nhs_number::NhsNumber;
use dsr::domain::person::{PersonDetails, Setting};
use dsr::domain::rating::Rating;
use dsr::domain::schedule::Security;
use dsr::store::admissions::{self, NewAdmission};
use dsr::store::people;
use dsr::store::{Store, StoreError};
use support::people::nhs_number;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn today() -> NaiveDate {
    d("2026-11-24")
}

fn details(nhs: Option<&str>, given: &str, family: &str) -> PersonDetails {
    PersonDetails {
        nhs_number: nhs.and_then(nhs_number),
        given_name: given.into(),
        family_name: family.into(),
        ehcp: true,
        setting: Some(Setting::FamilyHome),
        keyworker: Some("Sam Patel".into()),
        referral_date: Some(d("2026-10-30")),
        referral_route: Some("school".into()),
        referrer: Some("SENCo".into()),
        ..support::people::details(d("2011-03-04"))
    }
}

fn store(dir: &tempfile::TempDir) -> Store {
    Store::open(&dir.path().join("r.db"), "tester").expect("open store")
}

/// (field, old, new, by_user) audit rows for one entity, oldest first.
fn audit(
    store: &Store,
    entity: &str,
    id: i64,
) -> Vec<(String, Option<String>, Option<String>, String)> {
    let mut stmt = store
        .conn()
        .prepare("SELECT field, old, new, by_user FROM audit WHERE entity = ?1 AND entity_id = ?2 ORDER BY id")
        .expect("prepare");
    stmt.query_map(rusqlite::params![entity, id], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })
    .expect("query")
    .collect::<Result<Vec<_>, _>>()
    .expect("rows")
}

fn has(
    rows: &[(String, Option<String>, Option<String>, String)],
    field: &str,
    old: Option<&str>,
    new: Option<&str>,
) -> bool {
    rows.iter().any(|(f, o, n, u)| {
        f == field && o.as_deref() == old && n.as_deref() == new && u == "tester"
    })
}

fn audit_count(store: &Store) -> i64 {
    store.count("audit").expect("count")
}

fn add(store: &mut Store, nhs: Option<&str>, given: &str, first: Rating) -> i64 {
    store
        .write(|w| {
            people::add_person(
                w,
                &details(nhs, given, "Okafor"),
                first,
                "referral accepted",
                today(),
            )
        })
        .expect("add person")
}

fn version(store: &Store, id: i64) -> i64 {
    people::person(store.conn(), id).expect("person").version
}

fn admission() -> NewAdmission {
    NewAdmission {
        hospital: "Riverside Unit".into(),
        ward_type: "CAMHS tier 4".into(),
        security: Security::Low,
        legal_status: "MHA section 2".into(),
        planned: false,
        out_of_area: true,
        distance_km: Some(80),
        admitted_on: d("2026-11-10"),
        planned_discharge: None,
        notifiable_reason: String::new(),
        no_community_review_reason: "crisis over a weekend".into(),
    }
}

// Add: the record, its criteria, its first rating and an audit row for every field.
#[test]
fn add_person_writes_record_first_rating_and_audit() {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = store(&dir);
    let id = add(&mut s, Some("9990000018"), "Ada", Rating::Amber);
    let rec = people::person(s.conn(), id).expect("person");
    assert_eq!(rec.rating, Rating::Amber);
    assert_eq!(rec.details.criteria, ["breakdown_risk"]);
    let history = people::rating_history(s.conn(), id).expect("history");
    assert_eq!(history.len(), 1);
    assert_eq!((history[0].from, history[0].to), (None, Rating::Amber));
    assert_eq!(history[0].reason, "referral accepted");
    let a = audit(&s, "person", id);
    assert!(has(&a, "created", None, Some("Okafor, Ada")), "{a:?}");
    assert!(has(&a, "nhs_number", None, Some("9990000018")));
    assert!(has(&a, "criteria", None, Some("breakdown_risk")));
    let row = people::register_row_by_id(s.conn(), id, today())
        .expect("row")
        .expect("present");
    assert_eq!(row.rating, Rating::Amber);
}

// Rule: a duplicate NHS number is refused, naming the existing record; nothing is written.
#[test]
fn duplicate_nhs_number_refused_with_name_and_lookup_finds_holder() {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = store(&dir);
    let id = add(&mut s, Some("9434765919"), "Ada", Rating::Green);
    let before = audit_count(&s);
    let err = s
        .write(|w| {
            people::add_person(
                w,
                &details(Some("943 476 5919"), "Other", "Person"),
                Rating::Green,
                "x",
                today(),
            )
        })
        .expect_err("duplicate refused");
    assert!(matches!(err, StoreError::Duplicate(_)));
    let msg = err.to_string();
    assert!(
        msg.contains("Okafor, Ada") && msg.contains(&id.to_string()),
        "{msg}"
    );
    assert_eq!(
        audit_count(&s),
        before,
        "a refused write leaves no audit rows"
    );
    assert_eq!(s.count("person").expect("count"), 1);
    let n = NhsNumber::parse("9434765919").expect("nhs");
    assert_eq!(
        people::person_with_nhs_number(s.conn(), &n, None).expect("lookup"),
        Some((id, "Okafor, Ada".to_string()))
    );
    assert_eq!(
        people::person_with_nhs_number(s.conn(), &n, Some(id)).expect("lookup"),
        None,
        "editing the holder is not a clash"
    );
}

// Rule (DSR policy): at least one criterion; names required; date of birth not in the future.
#[test]
fn add_refuses_invalid_details() {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = store(&dir);
    let mut p = details(None, "Ada", "Okafor");
    p.criteria.clear();
    let err = s
        .write(|w| people::add_person(w, &p, Rating::Green, "x", today()))
        .expect_err("no criteria");
    assert!(err.to_string().contains("inclusion criterion"), "{err}");
    let mut p = details(None, "Ada", "Okafor");
    p.date_of_birth = d("2027-01-01");
    let err = s
        .write(|w| people::add_person(w, &p, Rating::Green, "x", today()))
        .expect_err("future dob");
    assert!(err.to_string().contains("future"), "{err}");
    assert_eq!(s.count("person").expect("count"), 0);
    assert_eq!(audit_count(&s), 0);
}

// Edit: only changed fields are written and audited with old and new values; version moves on.
#[test]
fn update_person_audits_changed_fields_only() {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = store(&dir);
    let id = add(&mut s, None, "Ada", Rating::Green);
    let v = version(&s, id);
    let mut p = details(None, "Adaeze", "Okafor");
    p.keyworker = Some("Jo Hartley".into());
    p.criteria = vec!["breakdown_risk".into(), "yot".into()];
    let before = audit_count(&s);
    s.write(|w| people::update_person(w, id, v, &p, today()))
        .expect("update");
    let a = audit(&s, "person", id);
    assert!(has(&a, "given_name", Some("Ada"), Some("Adaeze")), "{a:?}");
    assert!(has(&a, "keyworker", Some("Sam Patel"), Some("Jo Hartley")));
    assert!(has(
        &a,
        "criteria",
        Some("breakdown_risk"),
        Some("breakdown_risk,yot")
    ));
    assert_eq!(
        audit_count(&s) - before,
        3,
        "three fields changed, three rows"
    );
    assert_eq!(version(&s, id), v + 1);
    // The old version is now stale: refused, naming the person.
    let err = s
        .write(|w| people::update_person(w, id, v, &p, today()))
        .expect_err("stale");
    assert!(matches!(err, StoreError::Stale { .. }));
    assert!(err.to_string().contains("Okafor, Adaeze"), "{err}");
}

// Rule (DSR policy): every rating change records old, new, reason, who; history is appended.
#[test]
fn rerate_appends_history_and_audits() {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = store(&dir);
    let id = add(&mut s, None, "Ada", Rating::Green);
    let v = version(&s, id);
    s.write(|w| {
        people::rerate(
            w,
            id,
            v,
            Rating::Red,
            "  placement breaking down  ",
            today(),
            None,
        )
    })
    .expect("rerate");
    let h = people::rating_history(s.conn(), id).expect("history");
    assert_eq!(h.len(), 2);
    assert_eq!(h[0].to, Rating::Green, "first entry untouched");
    assert_eq!((h[1].from, h[1].to), (Some(Rating::Green), Rating::Red));
    assert_eq!(h[1].reason, "placement breaking down");
    assert_eq!(h[1].by_user, "tester");
    assert!(has(
        &audit(&s, "person", id),
        "rating",
        Some("GREEN"),
        Some("RED")
    ));
    // A reason is mandatory; BLUE only through an admission.
    let v = version(&s, id);
    let before = audit_count(&s);
    for (to, reason, needle) in [
        (Rating::Amber, "  ", "reason is required"),
        (Rating::Blue, "in hospital", "record an admission"),
    ] {
        let err = s
            .write(|w| people::rerate(w, id, v, to, reason, today(), None))
            .expect_err("refused");
        assert!(err.to_string().contains(needle), "{err}");
    }
    assert_eq!(audit_count(&s), before);
    assert_eq!(people::rating_history(s.conn(), id).expect("h").len(), 2);
}

// Rule (DSR policy): an admission makes the person BLUE; discharge asks for a new rating.
#[test]
fn admit_then_discharge_with_red_offered() {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = store(&dir);
    let id = add(&mut s, None, "Ada", Rating::Amber);
    let v = version(&s, id);
    let adm = s
        .write(|w| admissions::admit(w, id, v, &admission(), "", today()))
        .expect("admit");
    let rec = people::person(s.conn(), id).expect("person");
    assert_eq!(rec.rating, Rating::Blue);
    assert_eq!(rec.details.setting, Some(Setting::Hospital));
    assert!(has(
        &audit(&s, "admission", adm),
        "created",
        None,
        Some("Riverside Unit on 2026-11-10")
    ));
    let pa = audit(&s, "person", id);
    assert!(has(&pa, "rating", Some("AMBER"), Some("BLUE")));
    assert!(has(&pa, "setting", Some("family_home"), Some("hospital")));
    let open = people::open_admission(s.conn(), id)
        .expect("q")
        .expect("open admission");
    assert_eq!(open.length_of_stay(today()), 14);
    // Admitting twice is refused.
    let v = version(&s, id);
    let err = s
        .write(|w| admissions::admit(w, id, v, &admission(), "", today()))
        .expect_err("already in");
    assert!(err.to_string().contains("already in hospital"), "{err}");
    // Discharge: date and destination recorded, RED with a reason.
    s.write(|w| {
        admissions::discharge(
            w,
            id,
            v,
            today(),
            "Family home",
            Some(Setting::FamilyHome),
            Rating::Red,
            "discharged: RED for 14 days",
            today(),
        )
    })
    .expect("discharge");
    let rec = people::person(s.conn(), id).expect("person");
    assert_eq!(rec.rating, Rating::Red);
    let a = audit(&s, "admission", adm);
    assert!(has(&a, "discharged_on", None, Some("2026-11-24")), "{a:?}");
    assert!(has(&a, "discharge_destination", None, Some("Family home")));
    let all = admissions::admissions_of(s.conn(), id).expect("admissions");
    assert_eq!(all[0].length_of_stay(today()), 14);
    assert!(people::open_admission(s.conn(), id).expect("q").is_none());
    let h = people::rating_history(s.conn(), id).expect("history");
    assert_eq!(
        h.last().map(|c| (c.from, c.to)),
        Some((Some(Rating::Blue), Rating::Red))
    );
}

#[test]
fn admission_and_discharge_refusals_write_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = store(&dir);
    let id = add(&mut s, None, "Ada", Rating::Amber);
    let v = version(&s, id);
    let before = audit_count(&s);
    let mut early = admission();
    early.admitted_on = d("2001-01-01");
    let err = s
        .write(|w| admissions::admit(w, id, v, &early, "", today()))
        .expect_err("before birth");
    assert!(
        err.to_string().contains("before the date of birth"),
        "{err}"
    );
    let err = s
        .write(|w| {
            admissions::discharge(w, id, v, today(), "Home", None, Rating::Red, "r", today())
        })
        .expect_err("no admission");
    assert!(err.to_string().contains("no open admission"), "{err}");
    assert_eq!(audit_count(&s), before);
}

// Rule (DSR policy): removal archives with a reason; nothing is deleted; restore brings them back.
#[test]
fn archive_and_restore_keep_the_record_and_audit() {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = store(&dir);
    let id = add(&mut s, None, "Ada", Rating::Green);
    let v = version(&s, id);
    let err = s
        .write(|w| people::archive(w, id, v, " ", today()))
        .expect_err("reason needed");
    assert!(err.to_string().contains("reason"), "{err}");
    s.write(|w| people::archive(w, id, v, "moved out of area", today()))
        .expect("archive");
    let rec = people::person(s.conn(), id).expect("still there");
    assert_eq!(rec.removed_on, Some(today()));
    assert_eq!(rec.removed_reason.as_deref(), Some("moved out of area"));
    let row = people::register_row_by_id(s.conn(), id, today())
        .expect("row")
        .expect("present");
    assert!(row.archived);
    let a = audit(&s, "person", id);
    assert!(has(&a, "removed_on", None, Some("2026-11-24")));
    assert!(has(&a, "removed_reason", None, Some("moved out of area")));
    let v = version(&s, id);
    let err = s
        .write(|w| people::archive(w, id, v, "again", today()))
        .expect_err("twice");
    assert!(err.to_string().contains("already removed"), "{err}");
    s.write(|w| people::restore(w, id, v)).expect("restore");
    let rec = people::person(s.conn(), id).expect("person");
    assert_eq!((rec.removed_on, rec.removed_reason), (None, None));
    let a = audit(&s, "person", id);
    assert!(has(&a, "removed_on", Some("2026-11-24"), None));
    assert!(has(&a, "removed_reason", Some("moved out of area"), None));
    let v = version(&s, id);
    let err = s
        .write(|w| people::restore(w, id, v))
        .expect_err("not archived");
    assert!(err.to_string().contains("nothing to restore"), "{err}");
    assert_eq!(s.count("person").expect("count"), 1, "nothing ever deleted");
}
