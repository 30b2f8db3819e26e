//! Returns and exports on a fixed-seed demo register with DSR_TODAY=2026-11-24: the
//! report's counts against independent queries, the column contract, owner-only files, and the
//! pseudonymised export.

use chrono::NaiveDate;
use dsr::domain::returns::{month_period, week_period};
use dsr::report::returns::{self, MONTHLY_COLUMNS, WEEKLY_COLUMNS};
use dsr::store::Store;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const TODAY: &str = "2026-11-24";

fn today() -> NaiveDate {
    d(TODAY)
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_dsr"))
}

fn dsr(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(bin());
    c.args(args)
        .env("DSR_TODAY", TODAY)
        .env_remove("DSR_PSEUDONYM_KEY");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run dsr")
}

fn demo(dir: &Path, people: usize) -> PathBuf {
    let db = dir.join("register.db");
    let out = dsr(
        &[
            "demo",
            "--db",
            db.to_str().expect("utf-8"),
            "--people",
            &people.to_string(),
            "--seed",
            "7",
        ],
        &[],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    db
}

fn count(store: &Store, sql: &str, params: &[&dyn rusqlite::ToSql]) -> usize {
    store
        .conn()
        .query_row(sql, params, |r| r.get::<_, i64>(0))
        .expect("count") as usize
}

#[test]
fn monthly_counts_match_independent_queries() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo(dir.path(), 300);
    let store = Store::open(&db, "t").expect("open");
    for month in ["2026-10", "2026-06", "2026-11"] {
        let p = month_period(month, today()).expect("period");
        let ret = returns::monthly(&store, p, today()).expect("monthly");
        // Children and young people: under 18 on the 1st (born after the 1st, 18 years back), or
        // under 25 with an EHCP; on the register at some point of the month.
        let start = p.start.to_string();
        let cut = p.cut.to_string();
        let cyp = "FROM person p WHERE p.added_on <= ?2 AND (p.removed_on IS NULL OR p.removed_on >= ?1)
                   AND p.date_of_birth <= ?2
                   AND (p.date_of_birth > date(?1, '-18 years') OR (p.ehcp AND p.date_of_birth > date(?1, '-25 years')))";
        let expected = count(&store, &format!("SELECT count(*) {cyp}"), &[&start, &cut]);
        assert!(
            expected > 10,
            "{month}: the demo should hold children ({expected})"
        );
        assert_eq!(ret.rows.len(), expected, "{month}");
        let admissions = count(
            &store,
            &format!(
                "SELECT count(*) FROM admission a WHERE a.admitted_on BETWEEN ?1 AND ?2 AND a.person_id IN (SELECT p.id {cyp})"
            ),
            &[&start, &cut],
        );
        assert_eq!(
            ret.rows
                .iter()
                .map(|r| r.admissions_in_month)
                .sum::<usize>(),
            admissions,
            "{month}"
        );
        let discharges = count(
            &store,
            &format!(
                "SELECT count(*) FROM admission a WHERE a.discharged_on BETWEEN ?1 AND ?2 AND a.person_id IN (SELECT p.id {cyp})"
            ),
            &[&start, &cut],
        );
        assert_eq!(
            ret.rows
                .iter()
                .map(|r| r.discharges_in_month)
                .sum::<usize>(),
            discharges,
            "{month}"
        );
        let changes = count(
            &store,
            &format!(
                "SELECT count(*) FROM rating_change c WHERE c.effective BETWEEN ?1 AND ?2 AND c.person_id IN (SELECT p.id {cyp})"
            ),
            &[&start, &cut],
        );
        assert_eq!(
            ret.rows
                .iter()
                .map(|r| r.rating_changes_in_month)
                .sum::<usize>(),
            changes,
            "{month}"
        );
        let in_hospital = count(
            &store,
            &format!(
                "SELECT count(*) FROM admission a WHERE a.admitted_on <= ?2 AND (a.discharged_on IS NULL OR a.discharged_on > ?2) AND a.person_id IN (SELECT p.id {cyp})"
            ),
            &[&start, &cut],
        );
        assert_eq!(
            ret.rows
                .iter()
                .filter(|r| r.in_hospital_at_month_end)
                .count(),
            in_hospital,
            "{month}"
        );
    }
    // The current month is cut at today, so its ratings are the ratings held now.
    let p = month_period("2026-11", today()).expect("period");
    let ret = returns::monthly(&store, p, today()).expect("monthly");
    for row in &ret.rows {
        let now: String = store
            .conn()
            .query_row(
                "SELECT rating FROM person WHERE id = ?1",
                [row.person_id],
                |r| r.get(0),
            )
            .expect("rating");
        assert_eq!(
            row.rating_at_month_end.map(|r| r.code().to_string()),
            Some(now)
        );
        let stored: Option<String> = store
            .conn()
            .query_row(
                "SELECT next_review_due FROM person WHERE id = ?1",
                [row.person_id],
                |r| r.get(0),
            )
            .expect("due");
        assert_eq!(
            row.next_review_due.map(|d| d.to_string()),
            stored,
            "person {}",
            row.person_id
        );
    }
}

#[test]
fn weekly_counts_match_independent_queries() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo(dir.path(), 300);
    let store = Store::open(&db, "t").expect("open");
    for sunday in ["2026-11-22", "2026-11-29", "2026-08-02"] {
        let p = week_period(d(sunday), today()).expect("week");
        let ret = returns::weekly(&store, p, today()).expect("weekly");
        let start = p.start.to_string();
        let cut = p.cut.to_string();
        let open_at_cut = count(
            &store,
            "SELECT count(*) FROM admission WHERE admitted_on <= ?1 AND (discharged_on IS NULL OR discharged_on > ?1)",
            &[&cut],
        );
        let left_in_week = count(
            &store,
            "SELECT count(*) FROM admission WHERE discharged_on BETWEEN ?1 AND ?2",
            &[&start, &cut],
        );
        assert!(open_at_cut > 5, "{sunday}: demo inpatients {open_at_cut}");
        assert_eq!(
            ret.rows.iter().filter(|r| r.in_hospital_at_cut).count(),
            open_at_cut,
            "{sunday}"
        );
        assert_eq!(ret.rows.len(), open_at_cut + left_in_week, "{sunday}");
        let admitted_in_week = count(
            &store,
            "SELECT count(*) FROM admission WHERE admitted_on BETWEEN ?1 AND ?2",
            &[&start, &cut],
        );
        assert_eq!(
            ret.rows
                .iter()
                .filter(|r| r.changes_since_last_cut.contains("admitted "))
                .count(),
            admitted_in_week,
            "{sunday}"
        );
        for r in &ret.rows {
            assert_eq!(
                r.length_of_stay_days,
                (r.discharged_on.unwrap_or(p.cut) - r.admitted_on).num_days(),
            );
            assert_eq!(
                r.review_overdue,
                r.next_review_due.is_some_and(|due| due < p.cut)
            );
        }
    }
    // This week's cut is today: everyone BLUE now is in it, in hospital.
    let p = week_period(d("2026-11-29"), today()).expect("week");
    let ret = returns::weekly(&store, p, today()).expect("weekly");
    let blue = count(
        &store,
        "SELECT count(*) FROM person WHERE rating = 'BLUE'",
        &[],
    );
    assert_eq!(
        ret.rows.iter().filter(|r| r.in_hospital_at_cut).count(),
        blue
    );
}

fn csv_header(bytes: &[u8]) -> Vec<String> {
    let mut r = csv::Reader::from_reader(bytes);
    r.headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect()
}

#[test]
fn commands_write_documented_columns_owner_only() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo(dir.path(), 60);
    let db = db.to_str().expect("utf-8");
    let out = dsr(
        &["report", "monthly", "--month", "2026-10", "--db", db],
        &[],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(csv_header(&out.stdout), MONTHLY_COLUMNS);
    let file = dir.path().join("weekly.json");
    let out = dsr(
        &[
            "report",
            "weekly",
            "--week-ending",
            "22/11/2026",
            "--format",
            "json",
            "-o",
            file.to_str().expect("p"),
            "--db",
            db,
        ],
        &[],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).expect("read")).expect("json");
    assert_eq!(json["return"], "weekly");
    assert_eq!(json["cut"], "2026-11-22");
    let keys: Vec<&str> = json["rows"][0]
        .as_object()
        .expect("a row")
        .keys()
        .map(String::as_str)
        .collect();
    let mut sorted = WEEKLY_COLUMNS.to_vec();
    sorted.sort();
    let mut keys_sorted = keys.clone();
    keys_sorted.sort();
    assert_eq!(keys_sorted, sorted);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let out = dsr(
        &[
            "report",
            "weekly",
            "--week-ending",
            "2026-11-24",
            "--db",
            db,
        ],
        &[],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("use 2026-11-22 or 2026-11-29"));
    let out = dsr(
        &["report", "monthly", "--month", "2027-01", "--db", db],
        &[],
    );
    assert!(!out.status.success());
}

#[test]
fn pseudonymised_export_has_no_names_and_stable_hashes() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo(dir.path(), 60);
    let db = db.to_str().expect("utf-8");
    let key = dir.path().join("key");
    std::fs::write(&key, "0123456789abcdef0123456789abcdef\n").expect("key");
    let key = key.to_str().expect("p");
    let refused = dsr(
        &["export", "--format", "csv", "--pseudonymise", "--db", db],
        &[],
    );
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--key-file"));
    assert!(refused.stdout.is_empty());

    let plain = dsr(&["export", "--format", "json", "--db", db], &[]);
    let plain: serde_json::Value = serde_json::from_slice(&plain.stdout).expect("json");
    let out_file = dir.path().join("p.json");
    let run = |env: &[(&str, &str)], args: &[&str]| {
        let out = dsr(
            &[
                &["export", "--format", "json", "--pseudonymise", "--db", db],
                args,
            ]
            .concat(),
            env,
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let a = run(&[], &["--key-file", key]);
    let b = run(
        &[("DSR_PSEUDONYM_KEY", "0123456789abcdef0123456789abcdef")],
        &[],
    );
    assert_eq!(a, b, "the same key gives the same export");
    let other = run(
        &[("DSR_PSEUDONYM_KEY", "another key, long enough to use")],
        &[],
    );
    let text = String::from_utf8_lossy(&a);
    for person in plain["people"].as_array().expect("people") {
        for field in ["nhs_number", "family_name", "date_of_birth", "local_id"] {
            let v = person[field].as_str().expect("string");
            assert!(!text.contains(v), "{field} {v} leaked");
        }
    }
    let a: serde_json::Value = serde_json::from_slice(&a).expect("json");
    let other: serde_json::Value = serde_json::from_slice(&other).expect("json");
    assert_eq!(a["people"].as_array().map(Vec::len), Some(60));
    assert_ne!(a["people"][0]["pseudonym"], other["people"][0]["pseudonym"]);
    assert!(a["people"][0]["age_band"].is_string());
    assert!(a["people"][0].get("date_of_birth").is_none());
    // CSV and -o: owner-only file, same pseudonyms.
    let out = dsr(
        &[
            "export",
            "--format",
            "csv",
            "--pseudonymise",
            "--key-file",
            key,
            "-o",
            out_file.to_str().expect("p"),
            "--db",
            db,
        ],
        &[],
    );
    assert!(out.status.success());
    let csv_text = std::fs::read_to_string(&out_file).expect("read");
    assert!(csv_text.starts_with("pseudonym,age_band,"));
    assert!(csv_text.contains(a["people"][0]["pseudonym"].as_str().expect("p")));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out_file)
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn export_since_keeps_people_changed_on_or_after_the_date() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo(dir.path(), 30);
    // Back-date every audit and rating row, then change one person: only they are "since".
    {
        let store = Store::open(&db, "t").expect("open");
        store
            .conn()
            .execute_batch(
                "DROP TRIGGER audit_no_update;
                 UPDATE audit SET at = '2020-01-01T00:00:00Z';
                 UPDATE rating_change SET at = '2020-01-01T00:00:00Z';
                 UPDATE action_event SET at = '2020-01-01T00:00:00Z';",
            )
            .expect("back-date");
    }
    let mut store = Store::open(&db, "t").expect("open");
    let p = dsr::store::people::person(store.conn(), 5).expect("person");
    let mut details = p.details.clone();
    details.notes = Some("changed".into());
    store
        .write(|w| dsr::store::people::update_person(w, 5, p.version, &details, today()))
        .expect("update");
    let since =
        dsr::store::reports::people_changed_since(store.conn(), d("2021-01-01")).expect("q");
    assert_eq!(since, vec![5]);
    let all = dsr::store::reports::people_changed_since(store.conn(), d("2019-12-31")).expect("q");
    assert_eq!(all.len(), 30);
    let out = dsr(
        &[
            "export",
            "--format",
            "csv",
            "--since",
            "01/01/2021",
            "--db",
            db.to_str().expect("p"),
        ],
        &[],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut r = csv::Reader::from_reader(&out.stdout[..]);
    let ids: Vec<String> = r
        .records()
        .map(|r| r.expect("row")[0].to_string())
        .collect();
    assert_eq!(ids, vec!["5".to_string()]);
}

// Information governance: someone who objected to national reporting stays in both returns (they
// are still counted) as a marked row without NHS number, local id, name or date of birth.
#[test]
fn objection_to_reporting_keeps_the_row_and_leaves_identifiers_out() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo(dir.path(), 300);
    let store = Store::open(&db, "tester").expect("open");
    let pid: i64 = store
        .conn()
        .query_row(
            "SELECT a.person_id FROM admission a JOIN person p ON p.id = a.person_id
             WHERE a.discharged_on IS NULL AND p.date_of_birth > '2009-01-01' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("a child in hospital");
    drop(store);
    rusqlite::Connection::open(&db)
        .and_then(|c| {
            c.execute(
                "UPDATE person SET objection_date = '2026-10-01' WHERE id = ?1",
                [pid],
            )
        })
        .expect("record the objection");
    let store = Store::open(&db, "tester").expect("open");
    let weekly = returns::weekly(
        &store,
        week_period(d("2026-11-29"), today()).expect("week"),
        today(),
    )
    .expect("weekly");
    let monthly = returns::monthly(
        &store,
        month_period("2026-11", today()).expect("month"),
        today(),
    )
    .expect("monthly");
    let w: Vec<_> = weekly.rows.iter().filter(|r| r.person_id == pid).collect();
    let m: Vec<_> = monthly.rows.iter().filter(|r| r.person_id == pid).collect();
    assert_eq!((w.len(), m.len()), (1, 1), "the rows are kept");
    assert!(w[0].identifiers_withheld && m[0].identifiers_withheld);
    for (nhs, local, family, given, dob) in [
        (
            &w[0].nhs_number,
            &w[0].local_id,
            &w[0].family_name,
            &w[0].given_name,
            w[0].date_of_birth,
        ),
        (
            &m[0].nhs_number,
            &m[0].local_id,
            &m[0].family_name,
            &m[0].given_name,
            m[0].date_of_birth,
        ),
    ] {
        assert_eq!(
            (nhs, local, family.as_str(), given.as_str(), dob),
            (&None, &None, "", "", None)
        );
    }
    assert!(
        weekly
            .rows
            .iter()
            .filter(|r| r.person_id != pid)
            .all(|r| !r.identifiers_withheld && r.date_of_birth.is_some()),
        "everyone else is reported as before"
    );
}

/// Every string in `v` found under one of `keys`, at any depth.
fn strings_under(v: &serde_json::Value, keys: &[&str], out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, child) in map {
                if keys.contains(&k.as_str()) {
                    let mut leaf = |s: &serde_json::Value| {
                        if let Some(s) = s.as_str() {
                            out.push(s.to_string());
                        }
                    };
                    match child {
                        serde_json::Value::Array(items) => items.iter().for_each(&mut leaf),
                        other => leaf(other),
                    }
                }
                strings_under(child, keys, out);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| strings_under(i, keys, out)),
        _ => {}
    }
}

/// Keys anywhere in the document that look like internal record ids.
fn id_keys(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, child) in map {
                if k == "id" || k.ends_with("_id") {
                    out.push(k.clone());
                }
                id_keys(child, out);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| id_keys(i, out)),
        _ => {}
    }
}

/// A whole-word occurrence, so a short surname does not match inside a code.
fn contains_word(text: &str, word: &str) -> bool {
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    text.match_indices(word).any(|(i, _)| {
        boundary(text[..i].chars().next_back()) && boundary(text[i + word.len()..].chars().next())
    })
}

/// UK postcode shape: outward code (A9, A99, AA9, AA99, A9A, AA9A), optional space, 9AA.
fn postcode_like(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let outward = |w: &str| {
        let b = w.as_bytes();
        (2..=4).contains(&b.len())
            && b[0].is_ascii_uppercase()
            && b.iter().any(u8::is_ascii_digit)
            && b.iter()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    };
    let inward = |w: &str| {
        let b = w.as_bytes();
        b.len() == 3 && b[0].is_ascii_digit() && b[1..].iter().all(u8::is_ascii_uppercase)
    };
    words
        .windows(2)
        .find_map(|p| (outward(p[0]) && inward(p[1])).then(|| format!("{} {}", p[0], p[1])))
}

#[test]
fn pseudonymised_export_leaks_no_identifier_name_date_of_birth_id_or_note() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo(dir.path(), 120);
    let db = db.to_str().expect("utf-8");
    let plain = dsr(&["export", "--format", "json", "--db", db], &[]);
    assert!(plain.status.success());
    let plain: serde_json::Value = serde_json::from_slice(&plain.stdout).expect("json");

    // Identifiers and free text: every one of these must be absent from the pseudonymised files.
    let mut secrets = Vec::new();
    strings_under(
        &plain,
        &[
            "nhs_number",
            "local_id",
            "date_of_birth",
            "hospital",
            "text",
            "reason",
            "rating_reason",
            "outcome_notes",
            "findings",
            "barriers",
            "evidence",
            "place",
            "consent_note",
            "discharge_destination",
            "no_community_review_reason",
            "notifiable_reason",
            "note",
            "keyworker",
            "care_coordinator",
            "owner",
            "by_user",
            "recorded_by",
            "name",
        ],
        &mut secrets,
    );
    // A free-text field may hold a word that is also a lookup value kept on purpose ("Other").
    let mut coded = Vec::new();
    strings_under(
        &plain,
        &[
            "legal_status",
            "ward_type",
            "organisation",
            "setting",
            "diagnosis",
            "status",
        ],
        &mut coded,
    );
    let secrets: Vec<String> = secrets
        .into_iter()
        .filter(|s| s.trim().len() >= 4 && !coded.contains(s))
        .collect();
    let mut names = Vec::new();
    strings_under(
        &plain,
        &["given_name", "family_name", "preferred_name"],
        &mut names,
    );
    let mut dates_of_birth = Vec::new();
    strings_under(&plain, &["date_of_birth"], &mut dates_of_birth);
    let mut ids = Vec::new();
    id_keys(&plain, &mut ids);
    assert!(
        secrets.len() > 200 && names.len() > 200 && !ids.is_empty(),
        "the demo has data to leak"
    );

    let key = dir.path().join("key");
    std::fs::write(&key, "0123456789abcdef0123456789abcdef\n").expect("key");
    for format in ["json", "csv"] {
        for dates in ["month", "shift", "exact"] {
            let out = dsr(
                &[
                    "export",
                    "--format",
                    format,
                    "--pseudonymise",
                    "--dates",
                    dates,
                    "--key-file",
                    key.to_str().expect("p"),
                    "--db",
                    db,
                ],
                &[],
            );
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let text = String::from_utf8_lossy(&out.stdout);
            let leaks: Vec<&String> = secrets
                .iter()
                .filter(|s| text.contains(s.as_str()))
                .collect();
            assert!(leaks.is_empty(), "{format}/{dates}: leaked {leaks:?}");
            let leaks: Vec<&String> = names.iter().filter(|n| contains_word(&text, n)).collect();
            assert!(leaks.is_empty(), "{format}/{dates}: names leaked {leaks:?}");
            for dob in &dates_of_birth {
                let (y, rest) = dob.split_at(4);
                let uk = format!("{}/{}/{y}", &rest[4..6], &rest[1..3]);
                assert!(
                    !text.contains(dob.as_str()) && !text.contains(&uk),
                    "date of birth {dob}"
                );
            }
            assert_eq!(postcode_like(&text), None, "{format}/{dates}: a postcode");
            if format == "json" {
                let v: serde_json::Value = serde_json::from_str(&text).expect("json");
                let mut keys = Vec::new();
                id_keys(&v, &mut keys);
                assert!(keys.is_empty(), "internal ids in the export: {keys:?}");
                assert_eq!(v["people"].as_array().map(Vec::len), Some(120));
            }
        }
    }
}

#[test]
fn pseudonymised_dates_shift_by_one_offset_per_person_and_free_text_only_on_request() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo(dir.path(), 40);
    let db = db.to_str().expect("utf-8");
    let key = dir.path().join("key");
    std::fs::write(&key, "0123456789abcdef0123456789abcdef\n").expect("key");
    let export = |extra: &[&str]| -> serde_json::Value {
        let args = [
            &[
                "export",
                "--format",
                "json",
                "--pseudonymise",
                "--key-file",
                key.to_str().expect("p"),
                "--db",
                db,
            ][..],
            extra,
        ]
        .concat();
        let out = dsr(&args, &[]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("json")
    };
    let exact = export(&["--dates", "exact", "--birth", "band"]);
    let shifted = export(&["--dates", "shift"]);
    let month = export(&[]);
    let day = |v: &serde_json::Value| {
        chrono::NaiveDate::parse_from_str(v.as_str().expect("date"), "%Y-%m-%d").expect("date")
    };
    let mut checked = 0;
    for ((e, s), m) in exact["people"]
        .as_array()
        .expect("people")
        .iter()
        .zip(shifted["people"].as_array().expect("people"))
        .zip(month["people"].as_array().expect("people"))
    {
        assert_eq!(e["pseudonym"], s["pseudonym"]);
        assert!(
            e.get("birth_month").is_none(),
            "--birth band keeps only the age band"
        );
        assert_eq!(m["birth_month"].as_str().map(str::len), Some(7));
        // One offset per person: the same for their rating date and every admission date.
        let offset = day(&s["rating_since"]) - day(&e["rating_since"]);
        assert!(offset.num_days() != 0 && offset.num_days().abs() <= 28);
        for (ea, sa) in e["admissions"]
            .as_array()
            .expect("a")
            .iter()
            .zip(s["admissions"].as_array().expect("a"))
        {
            assert_eq!(day(&sa["admitted_on"]) - day(&ea["admitted_on"]), offset);
            checked += 1;
        }
        assert_eq!(
            m["rating_since"].as_str().map(str::len),
            Some(7),
            "month detail is YYYY-MM"
        );
        assert!(
            e["reviews"]
                .as_array()
                .expect("r")
                .iter()
                .all(|r| r.get("free_text").is_none())
        );
    }
    assert!(checked > 0, "the demo has admissions to compare");
    let with_text = export(&["--include-free-text"]);
    let reviews: Vec<&serde_json::Value> = with_text["people"]
        .as_array()
        .expect("people")
        .iter()
        .flat_map(|p| p["reviews"].as_array().expect("r"))
        .collect();
    assert!(
        reviews
            .iter()
            .any(|r| r["free_text"]["findings"].is_array())
    );
}
