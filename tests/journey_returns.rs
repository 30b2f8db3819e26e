//! The journey columns of the returns and the journey figures of the dashboard on a small register
//! built so every value is known by hand (today 2026-11-24):
//!
//! - Ada Adams, 14, autism: community CETR (full panel) 1 October, needs not met; admitted
//!   unplanned 10 November, 45 km away; a housing barrier open, a funding one resolved; IMHA.
//! - Ben Brown, 15, learning disability: an emergency meeting 20 October; admitted planned 2 November
//!   with no community CETR, 12 km; transferred 5 November; post-admission CETR 6 November (due
//!   9 November: 5 working days).
//! - Cara Clark, adult: admitted 1 October, no review since (due 29 October).
//! - Dan Davies, 13: admitted 1 November, joined the register 3 November, discharged 4 November.
//! - Eve Evans, 20 with an EHCP, residential care: community CETR 15 September (needs met), a CETR
//!   on request 20 November.
//! - Fay Fox, adult: admitted 20 November, 80 km away (due 18 December).
//! - Gil Gray, adult: admitted 2 March, discharged 1 April, archived 1 June; a stay keyed after that.

mod support;

use chrono::NaiveDate;
use dsr::domain::journey::Attendance;
use dsr::domain::kloe::KloeTemplate;
use dsr::domain::person::{Diagnosis, PersonDetails, Setting};
use dsr::domain::rating::Rating;
use dsr::domain::request::{RequestOutcome, RequestedBy};
use dsr::domain::returns::{month_period, week_period};
use dsr::domain::review::{PanelRole, ReviewKind, ReviewType};
use dsr::domain::schedule::Security;
use dsr::report::returns;
use dsr::store::admissions::{self, NewAdmission, Transfer};
use dsr::store::bulk::{self, NewReview, PersonNow, ReviewJourney};
use dsr::store::dashboard::dashboard;
use dsr::store::dashboard::journey::{OnTime, Tally};
use dsr::store::{Store, Writer, people};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn today() -> NaiveDate {
    d("2026-11-24")
}

fn details(given: &str, family: &str, born: &str, diagnosis: Diagnosis) -> PersonDetails {
    PersonDetails {
        given_name: given.into(),
        family_name: family.into(),
        diagnosis,
        setting: Some(Setting::FamilyHome),
        criteria: vec![],
        ..support::people::details(d(born))
    }
}

fn person(w: &Writer, p: PersonDetails, rating: Rating, added: &str) -> i64 {
    bulk::person(
        w,
        &PersonNow {
            details: &p,
            rating,
            rating_since: d(added),
            added_on: d(added),
            next: None,
            advocacy: None,
        },
    )
    .expect("person")
}

fn stay(on: &str, planned: bool, km: Option<i64>) -> NewAdmission {
    NewAdmission {
        hospital: "Riverside Unit".into(),
        ward_type: "CAMHS inpatient".into(),
        security: Security::None,
        legal_status: "MHA section 2".into(),
        planned,
        out_of_area: km.is_some_and(|k| k > 40),
        distance_km: km,
        admitted_on: d(on),
        planned_discharge: None,
        notifiable_reason: String::new(),
        no_community_review_reason: String::new(),
    }
}

/// A finished review with its full panel (education and social care too for a CETR).
fn review(
    w: &Writer,
    person: i64,
    kind: ReviewKind,
    t: ReviewType,
    on: &str,
    met: Option<bool>,
) -> i64 {
    let id = bulk::review(
        w,
        &NewReview {
            person_id: person,
            kind,
            review_type: t,
            held_on: d(on),
            place: "Town hall",
            final_: true,
            consent_note: None,
            community_needs_met: met,
            proposed: None,
            rating_reason: None,
            started_by: "Sunita Rao",
        },
    )
    .expect("review");
    let roles: &[PanelRole] = if t == ReviewType::Emergency {
        &[PanelRole::Chair]
    } else if kind == ReviewKind::Cetr {
        &[
            PanelRole::Chair,
            PanelRole::ClinicalExpert,
            PanelRole::ExpertByExperience,
            PanelRole::Education,
            PanelRole::SocialCare,
        ]
    } else {
        &PanelRole::REQUIRED
    };
    for role in roles {
        bulk::panel_member(w, id, *role, "Sam Jones", "ICB").expect("panel");
    }
    id
}

fn sent(w: &Writer, id: i64, report: Option<&str>, plan: Option<&str>) {
    bulk::review_journey(
        w,
        id,
        &ReviewJourney {
            template: KloeTemplate::ChildCommunity,
            person_attendance: Attendance::Attended,
            family_attendance: Attendance::Attended,
            report_sent: report.map(|on| (d(on), "everyone")),
            family_plan_sent: plan.map(|on| (d(on), "family")),
        },
    )
    .expect("papers");
}

struct Ids {
    ada: i64,
    ben: i64,
    gil: i64,
}

fn register(dir: &tempfile::TempDir) -> (Store, Ids) {
    let mut s = Store::open(&dir.path().join("r.db"), "tester").expect("open");
    let ids = s
        .write(|w| {
            let ada = person(
                w,
                details("Ada", "Adams", "2012-03-01", Diagnosis::Autism),
                Rating::Blue,
                "2025-01-06",
            );
            let a = review(
                w,
                ada,
                ReviewKind::Cetr,
                ReviewType::Community,
                "2026-10-01",
                Some(false),
            );
            sent(w, a, Some("2026-10-10"), Some("2026-10-12"));
            bulk::admission(w, ada, &stay("2026-11-10", false, Some(45)), None)?;
            bulk::advocacy(w, ada, "imha")?;
            bulk::request(w, ada, d("2026-10-01"), RequestedBy::Family, "crises", None)?;

            let ben = person(
                w,
                details("Ben", "Brown", "2011-06-15", Diagnosis::LearningDisability),
                Rating::Blue,
                "2025-02-01",
            );
            let e = review(
                w,
                ben,
                ReviewKind::Cetr,
                ReviewType::Emergency,
                "2026-10-20",
                None,
            );
            sent(w, e, None, None);
            bulk::admission(w, ben, &stay("2026-11-02", true, Some(12)), None)?;
            let p = review(
                w,
                ben,
                ReviewKind::Cetr,
                ReviewType::PostAdmission,
                "2026-11-06",
                Some(false),
            );
            sent(w, p, None, None);

            let cara = person(
                w,
                details("Cara", "Clark", "1990-05-01", Diagnosis::Both),
                Rating::Blue,
                "2025-01-06",
            );
            bulk::admission(w, cara, &stay("2026-10-01", false, None), None)?;
            bulk::advocacy(w, cara, "none")?;

            let dan = person(
                w,
                details("Dan", "Davies", "2013-01-20", Diagnosis::LearningDisability),
                Rating::Amber,
                "2026-11-03",
            );
            bulk::admission(
                w,
                dan,
                &stay("2026-11-01", false, None),
                Some((d("2026-11-04"), "family home")),
            )?;
            bulk::request(
                w,
                dan,
                d("2026-11-03"),
                RequestedBy::Professional,
                "after discharge",
                Some((RequestOutcome::ReviewBooked, d("2026-11-05"), "Jo Hartley")),
            )?;

            let mut eve_details = details("Eve", "Evans", "2006-02-10", Diagnosis::Autism);
            eve_details.ehcp = true;
            eve_details.setting = Some(Setting::ResidentialCare);
            let eve = person(w, eve_details, Rating::Amber, "2025-03-01");
            let c = review(
                w,
                eve,
                ReviewKind::Cetr,
                ReviewType::Community,
                "2026-09-15",
                Some(true),
            );
            sent(w, c, Some("2026-10-05"), Some("2026-09-20"));
            let r = review(
                w,
                eve,
                ReviewKind::Cetr,
                ReviewType::OnRequest,
                "2026-11-20",
                Some(true),
            );
            sent(w, r, None, None);
            bulk::request(
                w,
                eve,
                d("2026-11-20"),
                RequestedBy::Person,
                "worried",
                None,
            )?;

            let fay = person(
                w,
                details("Fay", "Fox", "1985-01-01", Diagnosis::Autism),
                Rating::Blue,
                "2025-01-01",
            );
            bulk::admission(w, fay, &stay("2026-11-20", false, Some(80)), None)?;

            let gil = person(
                w,
                details("Gil", "Gray", "1980-07-07", Diagnosis::Autism),
                Rating::Green,
                "2025-01-01",
            );
            bulk::admission(
                w,
                gil,
                &stay("2026-03-02", false, None),
                Some((d("2026-04-01"), "home")),
            )?;
            bulk::request(
                w,
                gil,
                d("2026-05-01"),
                RequestedBy::Family,
                "before leaving",
                None,
            )?;
            bulk::finish(w, "test register")?;
            Ok(Ids { ada, ben, gil })
        })
        .expect("build the register");
    // Through the everyday writes: the transfer, the barriers, archiving.
    let ben_version = people::person(s.conn(), ids.ben).expect("ben").version;
    s.write(|w| {
        admissions::transfer(
            w,
            ids.ben,
            ben_version,
            &Transfer {
                on: d("2026-11-05"),
                hospital: "Hilltop Hospital".into(),
                ward_type: "CAMHS inpatient".into(),
                security: Security::None,
                legal_status: "MHA section 2".into(),
                notifiable_reason: String::new(),
            },
            today(),
        )
    })
    .expect("transfer");
    let ada_stay = admissions::open_admission(s.conn(), ids.ada)
        .expect("read")
        .expect("in hospital")
        .id;
    s.write(|w| {
        admissions::add_barrier(w, ada_stay, "funding", d("2026-11-12"), "")?;
        let resolved = admissions::add_barrier(w, ada_stay, "assessment", d("2026-11-12"), "")?;
        admissions::resolve_barrier(w, resolved, d("2026-11-20"))?;
        admissions::add_barrier(w, ada_stay, "housing", d("2026-11-13"), "")?;
        // Raised after the weekly cut: not in that return.
        admissions::add_barrier(w, ada_stay, "provider", d("2026-11-23"), "")?;
        Ok(())
    })
    .expect("barriers");
    let gil_version = people::person(s.conn(), ids.gil).expect("gil").version;
    s.write(|w| people::archive(w, ids.gil, gil_version, "moved away", d("2026-06-01")))
        .expect("archive");
    // A stay keyed against the archived record afterwards (say, from a spreadsheet): he was
    // no longer on the register, so no figure counts it.
    s.write(|w| {
        bulk::admission(
            w,
            ids.gil,
            &stay("2026-07-01", false, None),
            Some((d("2026-07-10"), "home")),
        )
    })
    .expect("late stay");
    (s, ids)
}

#[test]
fn monthly_return_journey_columns_by_hand() {
    let dir = tempfile::tempdir().expect("dir");
    let (s, _) = register(&dir);
    let ret = returns::monthly(
        &s,
        month_period("2026-11", today()).expect("month"),
        today(),
    )
    .expect("monthly");
    let got: Vec<_> = ret
        .rows
        .iter()
        .map(|r| {
            (
                r.family_name.as_str(),
                r.admissions_in_month,
                r.admission_dates.as_str(),
                r.discharge_dates.as_str(),
                r.admission_planned.as_str(),
                r.community_cetr_before_admission.as_str(),
                r.latest_review_outcome,
                r.diagnosis.as_str(),
                r.setting.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            // A community CETR in the run-up.
            (
                "Adams",
                1,
                "2026-11-10",
                "",
                "unplanned",
                "yes",
                Some("needs_not_met_in_community"),
                "autism",
                Some("hospital")
            ),
            // The emergency meeting does not count; the transfer is neither an admission nor a
            // discharge.
            (
                "Brown",
                1,
                "2026-11-02",
                "",
                "planned",
                "no",
                Some("needs_not_met_in_community"),
                "ld",
                Some("hospital")
            ),
            // Joined the register after the admission: not known.
            (
                "Davies",
                1,
                "2026-11-01",
                "2026-11-04",
                "unplanned",
                "not_known",
                None,
                "ld",
                Some("family_home")
            ),
            // The latest review is the one on request.
            (
                "Evans",
                0,
                "",
                "",
                "",
                "",
                Some("needs_met_in_community"),
                "autism",
                Some("residential_care")
            ),
        ]
    );
}

#[test]
fn weekly_return_journey_columns_by_hand() {
    let dir = tempfile::tempdir().expect("dir");
    let (s, _) = register(&dir);
    let ret = returns::weekly(
        &s,
        week_period(d("2026-11-22"), today()).expect("week"),
        today(),
    )
    .expect("weekly");
    let got: Vec<_> = ret
        .rows
        .iter()
        .map(|r| {
            (
                r.family_name.as_str(),
                r.admitted_on.to_string(),
                r.distance_from_home_km,
                r.barriers_to_discharge.as_str(),
                r.post_admission_review_on_time,
                r.advocacy.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            // Due 29 October, never held.
            (
                "Clark",
                "2026-10-01".to_string(),
                None,
                "",
                "no",
                Some("none")
            ),
            // After the transfer: the episode began 2 November; held 6 November, due 9 November.
            ("Brown", "2026-11-05".to_string(), Some(12), "", "yes", None),
            // Barriers open at the cut, oldest first; a community CETR before: none needed.
            (
                "Adams",
                "2026-11-10".to_string(),
                Some(45),
                "funding;housing",
                "not_needed",
                Some("imha")
            ),
            // Due 18 December.
            (
                "Fox",
                "2026-11-20".to_string(),
                Some(80),
                "",
                "not_yet_due",
                None
            ),
        ]
    );
}

// The week of Ben's transfer: one episode across two hospitals, reported as a move.
#[test]
fn weekly_return_reports_a_transfer_as_a_move() {
    let dir = tempfile::tempdir().expect("dir");
    let (s, _) = register(&dir);
    let ret = returns::weekly(
        &s,
        week_period(d("2026-11-08"), today()).expect("week"),
        today(),
    )
    .expect("weekly");
    let ben: Vec<_> = ret
        .rows
        .iter()
        .filter(|r| r.family_name == "Brown")
        .map(|r| {
            (
                r.hospital.as_str(),
                r.in_hospital_at_cut,
                r.discharged_on,
                r.discharge_destination.as_deref(),
                r.length_of_stay_days,
                r.changes_since_last_cut.as_str(),
                r.post_admission_review_on_time,
            )
        })
        .collect();
    assert_eq!(
        ben,
        vec![
            (
                "Riverside Unit",
                false,
                None,
                None,
                3,
                "admitted 2026-11-02; transferred out 2026-11-05; review post_admission held 2026-11-06",
                "yes"
            ),
            (
                "Hilltop Hospital",
                true,
                None,
                None,
                6,
                "transferred in 2026-11-05; review post_admission held 2026-11-06",
                "yes"
            ),
        ]
    );
}

#[test]
fn dashboard_journey_figures_by_hand() {
    let dir = tempfile::tempdir().expect("dir");
    let (s, _) = register(&dir);
    let dash = dashboard(s.conn(), today()).expect("dashboard");
    let j = &dash.journey;
    let month = |m: &str| {
        j.before_admission
            .iter()
            .find(|x| x.month == m)
            .expect("month")
            .clone()
    };
    let tally = |admissions, with_review, not_known| Tally {
        admissions,
        with_review,
        not_known,
    };
    // November: Ada (yes), Ben (no), Dan (not known), Fay (no, adult); October: Cara; March: Gil.
    assert_eq!(month("2026-11").all, tally(4, 1, 1));
    assert_eq!(month("2026-11").children, tally(3, 1, 1));
    assert_eq!(month("2026-10").all, tally(1, 0, 0));
    assert_eq!(month("2026-10").children, tally(0, 0, 0));
    assert_eq!(month("2026-03").all, tally(1, 0, 0));
    assert_eq!(month("2026-07").all, tally(0, 0, 0), "after archiving");
    let (all, children) = j.totals();
    assert_eq!((all, children), (tally(6, 1, 1), tally(3, 1, 1)));
    assert_eq!(children.percent(), Some(33));
    assert_eq!(j.run_up, "6 months");
    // Ben on time; Cara and Gil late; Fay not yet due; Ada (review before) and Dan (left first)
    // needed none.
    assert_eq!(
        j.post_admission,
        OnTime {
            on_time: 1,
            late: 2,
            pending: 1,
            not_needed: 2
        }
    );
    // Ada's papers on time; Eve's report late, Ben's two unsent past the due day; Eve's review on
    // request still in time.
    assert_eq!(
        j.reports,
        OnTime {
            on_time: 1,
            late: 3,
            pending: 1,
            not_needed: 0
        }
    );
    assert_eq!(j.reports_unsent, 2, "Ben's two");
    assert_eq!(j.report_due, "14 days");
    let outcomes: Vec<_> = j
        .outcomes
        .iter()
        .map(|o| {
            (
                o.review_type.as_str(),
                o.needs_met_in_community,
                o.needs_not_met,
                o.not_recorded,
            )
        })
        .collect();
    assert_eq!(
        outcomes,
        vec![
            ("community", 1, 1, 0),
            ("emergency", 0, 0, 1),
            ("post_admission", 0, 1, 0),
            ("on_request", 1, 0, 0),
        ]
    );
    // Ada's (past 4 weeks) and Eve's; Dan's is decided, Gil's archived.
    assert_eq!((j.requests_waiting, j.requests_overdue), (2, 1));
    // Flows: transfers and the stay keyed after archiving left out; Gil's earlier stay counts.
    let flow = |m: &str| {
        let f = dash.flows.iter().find(|f| f.month == m).expect("month");
        (f.admitted_unplanned, f.admitted_planned, f.discharged)
    };
    assert_eq!(flow("2026-11"), (3, 1, 1));
    assert_eq!(flow("2026-10"), (1, 0, 0));
    assert_eq!(flow("2026-03"), (1, 0, 0));
    assert_eq!(flow("2026-04"), (0, 0, 1));
    assert_eq!(flow("2026-07"), (0, 0, 0));
}

// The export carries the journey records: requests and their decisions, who took part, when the
// papers went out, and advocacy; the CSV (one row per person) follows the latest finished review.
#[test]
fn export_carries_requests_attendance_papers_and_advocacy() {
    use dsr::report::export;
    let dir = tempfile::tempdir().expect("dir");
    let (s, ids) = register(&dir);
    let data = export::build(&s, today()).expect("export");
    let mut json = Vec::new();
    export::write_json(&data, &mut json).expect("json");
    let json: serde_json::Value = serde_json::from_slice(&json).expect("parse");
    let ada = json["people"]
        .as_array()
        .expect("people")
        .iter()
        .find(|p| p["id"] == ids.ada)
        .expect("Ada");
    assert_eq!(ada["advocacy"], "imha");
    assert_eq!(ada["requests"][0]["requested_on"], "2026-10-01");
    assert_eq!(ada["requests"][0]["requested_by"], "family");
    assert_eq!(ada["requests"][0]["outcome"], serde_json::Value::Null);
    let review = &ada["reviews"][0];
    assert_eq!(review["person_attendance"], "attended");
    assert_eq!(review["family_attendance"], "attended");
    assert_eq!(review["report_sent_on"], "2026-10-10");
    assert_eq!(review["report_sent_to"], "everyone");
    assert_eq!(review["family_plan_sent_on"], "2026-10-12");
    assert_eq!(review["family_plan_sent_to"], "family");

    let mut csv_bytes = Vec::new();
    export::write_csv(&data, &mut csv_bytes).expect("csv");
    let mut r = csv::Reader::from_reader(&csv_bytes[..]);
    let header: Vec<String> = r
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let rows: Vec<csv::StringRecord> = r.records().collect::<Result<_, _>>().expect("rows");
    let row_of = |family: &str| {
        rows.iter()
            .find(|row| &row[col("family_name")] == family)
            .expect(family)
            .clone()
    };
    let journey = |row: &csv::StringRecord| -> Vec<String> {
        [
            "advocacy",
            "requests_open",
            "last_request_on",
            "last_review_held_on",
            "person_attendance",
            "family_attendance",
            "report_sent_on",
            "family_plan_sent_on",
        ]
        .iter()
        .map(|c| row[col(c)].to_string())
        .collect()
    };
    assert_eq!(
        journey(&row_of("Adams")),
        [
            "imha",
            "1",
            "2026-10-01",
            "2026-10-01",
            "attended",
            "attended",
            "2026-10-10",
            "2026-10-12"
        ]
    );
    // Eve's latest finished review is the one on request, its papers not yet out.
    assert_eq!(
        journey(&row_of("Evans")),
        [
            "",
            "1",
            "2026-11-20",
            "2026-11-20",
            "attended",
            "attended",
            "",
            ""
        ]
    );
    // Dan's request was decided.
    assert_eq!(journey(&row_of("Davies"))[..3], ["", "0", "2026-11-03"]);
}
