//! Hostile strings through every input and every output: escape sequences (clear screen, OSC 8
//! links, OSC 52 clipboard), BEL, NUL, C1 controls, bidi overrides, zero-width marks, spreadsheet
//! formulas and Markdown/HTML. Nothing may reach standard output raw, run in a spreadsheet, or
//! render as markup.

use crate::support::cli::{TODAY, bin, demo_db};
use std::path::Path;
use std::process::Command;

/// What an attacker types into names and notes.
const HOSTILE: &[&str] = &[
    "\u{1b}[2J\u{1b}[H",
    "\u{1b}]8;;https://evil.example\u{7}link\u{1b}]8;;\u{7}",
    "\u{1b}]52;c;cm0gLXJmIH4K\u{7}",
    "bell\u{7}nul\u{0}",
    "c1\u{9b}31m\u{9d}0;title\u{9c}",
    "bidi\u{202E}fdp.exe\u{2066}",
];

const FORMULAS: &[&str] = &[
    "=HYPERLINK(\"http://x\",\"y\")",
    "+cmd|' /C calc'!A0",
    "@SUM(A1:A9)",
];

fn plant(db: &Path) {
    let conn = rusqlite::Connection::open(db).expect("open");
    let nasty = HOSTILE.concat();
    let set = |sql: &str, value: &str| {
        conn.execute(sql, [value]).expect(sql);
    };
    set(
        "UPDATE person SET given_name = ?1 WHERE id = (SELECT min(id) FROM person)",
        &format!("Ann{nasty}"),
    );
    set("UPDATE person SET family_name = ?1", FORMULAS[0]);
    set(
        "UPDATE person SET keyworker = ?1",
        &format!("{}{nasty}", FORMULAS[1]),
    );
    set(
        "UPDATE action SET text = ?1",
        &format!("{}{nasty}", FORMULAS[2]),
    );
    set(
        "UPDATE action SET owner = ?1",
        &format!("{}{nasty}", FORMULAS[0]),
    );
    set(
        "UPDATE review_answer SET findings = ?1",
        &format!(
            "# Heading\n<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n[click](javascript:alert(1)){nasty}"
        ),
    );
    set(
        "UPDATE review_recommendation SET text = ?1",
        &format!("![x](javascript:y) {nasty}"),
    );
    set(
        "UPDATE review_panel SET name = ?1",
        &format!("<b>Chair</b>{nasty}"),
    );
}

/// No control character other than line feed, carriage return before it, and tab; no C1; no
/// bidi override.
fn assert_inert(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for (i, c) in text.char_indices() {
        let ok = match c {
            '\n' | '\t' => true,
            '\r' => text[i + 1..].starts_with('\n'),
            c => !c.is_control() && !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'),
        };
        assert!(
            ok,
            "{what}: raw {:?} at byte {i}: {:?}",
            c,
            &text[i.saturating_sub(20)..(i + 20).min(text.len())]
        );
    }
}

fn run(db: &Path, args: &[&str], user: &str) -> std::process::Output {
    Command::new(bin())
        .args(args)
        .arg("--db")
        .arg(db)
        .args(["--user", user])
        .env("DSR_TODAY", TODAY)
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("run dsr")
}

#[test]
fn hostile_text_never_reaches_standard_output_raw() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo_db(dir.path(), 30);
    plant(&db);
    // Arguments cannot hold NUL; everything else goes into --user.
    let user = format!("mallory{}", HOSTILE.concat()).replace('\0', "");
    for args in [
        &["export", "--format", "csv"][..],
        &["export", "--format", "json"],
        &["report", "monthly", "--month", "2026-10"],
        &[
            "report", "monthly", "--month", "2026-10", "--format", "json",
        ],
        &["report", "weekly", "--week-ending", "2026-11-22"],
        &["review", "export", "1"],
        &["review", "export", "1", "--format", "txt"],
        &["review", "export", "1", "--family"],
        &["actions", "--format", "csv", "--all"],
        &["actions", "--format", "json", "--all"],
        &["check"],
    ] {
        let out = run(&db, args, &user);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_inert(&format!("{args:?} stdout"), &out.stdout);
        assert_inert(&format!("{args:?} stderr"), &out.stderr);
    }
}

#[test]
fn every_csv_neutralises_spreadsheet_formulas() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo_db(dir.path(), 30);
    plant(&db);
    for args in [
        &["export", "--format", "csv"][..],
        &["report", "monthly", "--month", "2026-10"],
        &["report", "weekly", "--week-ending", "2026-11-22"],
        &["actions", "--format", "csv", "--all"],
    ] {
        let out = run(&db, args, "tester");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut reader = csv::Reader::from_reader(&out.stdout[..]);
        let mut cells = 0;
        for record in reader.records() {
            for cell in record.expect("csv").iter() {
                cells += 1;
                assert!(
                    !(cell.starts_with(['=', '+', '@'])
                        || cell.starts_with('-') && cell.parse::<f64>().is_err()),
                    "{args:?}: formula cell {cell:?}"
                );
            }
        }
        assert!(cells > 0, "{args:?} wrote rows");
    }
}

#[test]
fn review_markdown_escapes_html_links_and_headings() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo_db(dir.path(), 30);
    plant(&db);
    for args in [
        &["review", "export", "1"][..],
        &["review", "export", "1", "--family"],
    ] {
        let out = run(&db, args, "tester");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let md = String::from_utf8(out.stdout).expect("utf-8");
        for bad in ["<script", "<img", "<b>", "\n# Heading"] {
            assert!(!md.contains(bad), "{args:?} passes {bad:?} through:\n{md}");
        }
        for (at, _) in md.match_indices("](") {
            assert!(md[..at].ends_with('\\'), "{args:?} makes a link:\n{md}");
        }
    }
}

#[test]
fn import_and_user_names_are_cleaned_on_the_way_in() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo_db(dir.path(), 5);
    let file = dir.path().join("people.csv");
    std::fs::write(
        &file,
        "NHS number,Given name,Family name,Date of birth,Diagnosis,Rating,Criteria,Notes\n\
         9990000018,\"Amara\u{1b}[2J\u{200B}\",\"Abbott\u{9b}\u{202E}\",01/02/2010,autism,amber,breakdown_risk,\"line one\r\nline\u{7} two\"\n",
    )
    .expect("write csv");
    let out = Command::new(bin())
        .args(["import", "--commit"])
        .arg(&file)
        .arg("--db")
        .arg(&db)
        .args(["--user", "mal\u{1b}]52;c;eA==\u{7}lory"])
        .env("DSR_TODAY", TODAY)
        .output()
        .expect("import");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let conn = rusqlite::Connection::open(&db).expect("open");
    let (given, family, notes): (String, String, String) = conn
        .query_row(
            "SELECT given_name, family_name, notes FROM person WHERE nhs_number = '9990000018'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("imported person");
    assert_eq!((given.as_str(), family.as_str()), ("Amara[2J", "Abbott"));
    assert_eq!(notes, "line one\nline two");
    let users: Vec<String> = conn
        .prepare("SELECT DISTINCT by_user FROM audit")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert!(
        users.contains(&"mal]52;c;eA==lory".to_string()),
        "{users:?}"
    );
}
