//! The Dashboard pane: figures against independent queries, render tests at 80x24 (text
//! and cell styles), scrolling, monochrome, and the README screenshots.

mod support;

use support::screen::{draw, find, fixed_demo_store, text};

use chrono::NaiveDate;
use dsr::store::Store;
use dsr::store::dashboard::dashboard;
use dsr::ui::app::App;
use dsr::ui::pane::PaneId;
use dsr::ui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};
use std::path::{Path, PathBuf};
use support::svg::{buffer_to_svg, check_or_update};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

/// A demo register of 300 people (seed 7) at a fixed relative path, so the status bar is the same
/// on every machine.
fn demo_store(name: &str) -> Store {
    fixed_demo_store("reports-ui", name, 300, today())
}

fn dashboard_app(name: &str, theme: Theme) -> App {
    let store = demo_store(name);
    let mut app = App::new(store, today(), theme, false);
    app.load_active();
    key(&mut app, KeyCode::Char('4'));
    assert_eq!(app.active(), PaneId::Dashboard);
    app
}

fn key(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn shot(name: &str, buf: &Buffer) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("screenshots")
        .join(format!("{name}.svg"));
    check_or_update(&path, &buffer_to_svg(buf));
}

fn count(store: &Store, sql: &str) -> u64 {
    store
        .conn()
        .query_row(sql, [], |r| r.get::<_, i64>(0))
        .expect("count") as u64
}

// Every figure against a query of its own.
#[test]
fn figures_match_independent_queries() {
    let store = demo_store("figures");
    let d = dashboard(store.conn(), today()).expect("dashboard");
    let people = count(
        &store,
        "SELECT count(*) FROM person WHERE removed_on IS NULL",
    );
    assert_eq!(d.ratings_now.iter().sum::<u64>(), people);
    assert_eq!(
        d.ratings_now[0],
        count(&store, "SELECT count(*) FROM person WHERE rating = 'BLUE'")
    );
    assert_eq!(d.ratings_by_month.len(), 12);
    assert_eq!(
        d.ratings_by_month.last().map(|(_, c)| *c),
        Some(d.ratings_now)
    );
    // Each month end against the plain "last change recorded with an effective date on or before
    // the day" query, person by person.
    for (end, counts) in &d.ratings_by_month {
        let e = end.to_string();
        for (i, code) in ["BLUE", "RED", "AMBER", "GREEN"].iter().enumerate() {
            let n: i64 = store
                .conn()
                .query_row(
                    "SELECT count(*) FROM person p WHERE p.added_on <= ?1
                       AND (p.removed_on IS NULL OR p.removed_on > ?1)
                       AND (SELECT to_rating FROM rating_change WHERE person_id = p.id AND effective <= ?1
                            ORDER BY id DESC LIMIT 1) = ?2",
                    [&e, &code.to_string()],
                    |r| r.get(0),
                )
                .expect("count");
            assert_eq!(counts[i], n as u64, "{code} at {e}");
        }
    }
    // A year ago fewer people had joined the demo register.
    let first: u64 = d.ratings_by_month[0].1.iter().sum();
    assert_eq!(
        first,
        count(
            &store,
            "SELECT count(*) FROM person WHERE added_on <= '2025-12-31'"
        )
    );
    let admitted: u64 = d
        .flows
        .iter()
        .map(|f| f.admitted_planned + f.admitted_unplanned)
        .sum();
    assert_eq!(
        admitted,
        count(
            &store,
            "SELECT count(*) FROM admission WHERE admitted_on >= '2025-12-01' AND transfer_from IS NULL"
        )
    );
    assert_eq!(
        d.flows.iter().map(|f| f.admitted_planned).sum::<u64>(),
        count(
            &store,
            "SELECT count(*) FROM admission WHERE admitted_on >= '2025-12-01' AND planned AND transfer_from IS NULL"
        )
    );
    assert_eq!(
        d.flows.iter().map(|f| f.discharged).sum::<u64>(),
        count(
            &store,
            "SELECT count(*) FROM admission a WHERE discharged_on >= '2025-12-01'
             AND NOT EXISTS (SELECT 1 FROM admission n WHERE n.transfer_from = a.id)"
        )
    );
    assert_eq!(
        d.stay_bands.iter().sum::<u64>(),
        count(
            &store,
            "SELECT count(*) FROM admission WHERE discharged_on IS NULL"
        )
    );
    assert_eq!(
        d.longest_stay_days as u64,
        count(
            &store,
            "SELECT CAST(max(julianday('2026-11-24') - julianday(admitted_on)) AS INTEGER) FROM admission WHERE discharged_on IS NULL"
        )
    );
    let (all, children) = d.journey.totals();
    assert_eq!(
        all.admissions,
        count(
            &store,
            "SELECT count(*) FROM admission WHERE admitted_on >= '2025-12-01' AND transfer_from IS NULL"
        )
    );
    assert!(all.with_review + all.not_known <= all.admissions);
    assert!(children.admissions <= all.admissions);
    assert_eq!(
        d.reviews_overdue.iter().map(|(_, n)| n).sum::<u64>(),
        count(
            &store,
            "SELECT count(*) FROM person WHERE removed_on IS NULL AND next_review_due < '2026-11-24'"
        )
    );
    assert_eq!(
        d.actions_overdue.iter().map(|(_, n)| n).sum::<u64>(),
        count(
            &store,
            "SELECT count(*) FROM action WHERE status NOT IN ('done', 'cancelled') AND due < '2026-11-24'"
        )
    );
    assert!(
        d.actions_overdue.windows(2).all(|w| w[0].1 >= w[1].1),
        "most first"
    );
    assert_eq!(
        d.caseloads.iter().map(|(_, n)| n).sum::<u64>(),
        count(
            &store,
            "SELECT count(*) FROM person WHERE keyworker IS NOT NULL"
        )
    );
    assert_eq!(
        d.children_without_keyworker,
        count(
            &store,
            "SELECT count(*) FROM person WHERE keyworker IS NULL AND date_of_birth > '2008-11-24'"
        )
    );
}

#[test]
fn dashboard_80x24_shows_charts_and_scrolls_and_writes_screenshot() {
    let mut app = dashboard_app("dash-80", Theme::colour());
    let buf = draw(&mut app, 80, 24);
    let screen = text(&buf);
    for needle in [
        "4 Dashboard",
        "On the register now: 300",
        "Ratings by month since Dec 25",
        "12 months:",
        "inpatients, longest",
        "Reviews overdue:",
        "more below: j",
    ] {
        assert!(screen.contains(needle), "{needle:?} missing:\n{screen}");
    }
    // The pane's tab is highlighted in the title bar.
    let (x, y) = find(&buf, "4 Dashboard").expect("tab");
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    // Rating letters in the trend carry the rating's colours.
    let (x, y) = find(&buf, "Ratings by month").expect("trend");
    let letter_row = (y + 1..y + 5)
        .find(|row| buf[(x.saturating_sub(1), *row)].symbol() == "B")
        .or_else(|| {
            (y + 1..y + 5).find(|row| {
                (0..80).any(|c| buf[(c, *row)].symbol() == "B" && buf[(c, *row)].bg == Color::Blue)
            })
        });
    assert!(
        letter_row.is_some(),
        "a BLUE letter badge in the trend:\n{screen}"
    );
    // Admission bars: some cell drawn in red (unplanned) below the flows title.
    let (_, fy) = find(&buf, "12 months:").expect("flows");
    let red = (fy..fy + 6).any(|row| {
        (0..80).any(|c| buf[(c, row)].fg == Color::Red && buf[(c, row)].symbol() != " ")
    });
    assert!(red, "unplanned admissions drawn in red");
    shot("dashboard", &buf);

    key(&mut app, KeyCode::Char('G'));
    let buf = draw(&mut app, 80, 24);
    let screen = text(&buf);
    assert!(
        screen.contains("Actions overdue by organisation:"),
        "{screen}"
    );
    assert!(screen.contains("Keyworker caseloads"), "{screen}");
    assert!(!screen.contains("more below"), "{screen}");
    assert!(screen.contains("more above"), "{screen}");
    // The hint bar lists the pane's keys.
    assert!(screen.contains("refresh"), "{screen}");
}

#[test]
fn dashboard_wide_shows_everything_and_mono_has_no_colour() {
    let mut app = dashboard_app("dash-wide", Theme::colour());
    let buf = draw(&mut app, 110, 54);
    let screen = text(&buf);
    assert!(
        screen.contains("Actions overdue by organisation:"),
        "{screen}"
    );
    assert!(!screen.contains("more below"), "{screen}");
    shot("dashboard-wide", &buf);

    let mut app = dashboard_app("dash-mono", Theme::mono());
    let buf = draw(&mut app, 80, 24);
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            assert!(
                matches!(c.fg, Color::Reset) && matches!(c.bg, Color::Reset),
                "colour at {x},{y}: {c:?}"
            );
        }
    }
    // Rating values still read: the count and the word are in the bar text.
    let screen = text(&buf);
    assert!(
        screen.contains("BLUE") && screen.contains("GREEN"),
        "{screen}"
    );
    // The title bar is reversed; the active tab is the one part of it that is not.
    let (x, y) = find(&buf, "4 Dashboard").expect("tab");
    assert!(!buf[(x, y)].modifier.contains(Modifier::REVERSED));
    let (x, y) = find(&buf, "1 Register").expect("tab");
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
}

// Without colour the three admissions series still read apart: each fills its bars with the
// pattern its legend shows.
#[test]
fn admissions_bars_read_apart_without_colour() {
    let mut app = dashboard_app("dash-patterns", Theme::mono());
    let buf = draw(&mut app, 110, 36);
    let screen = text(&buf);
    for legend in ["█ unplanned", "▒ planned", "░ discharged"] {
        assert!(screen.contains(legend), "{legend:?} missing:\n{screen}");
    }
    for pattern in ["█", "▒", "░"] {
        assert!(
            screen.matches(pattern).count() > 2,
            "no {pattern} bars:\n{screen}"
        );
    }
}

// End to end: the real binary in a pseudo-terminal shows the dashboard on `4` and scrolls on `G`.
#[test]
fn pty_key_4_opens_the_dashboard() {
    use std::process::Command;
    use std::time::Duration;
    use support::pty::Tui;
    let wait = Duration::from_secs(20);
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_dsr"));
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("register.db");
    let status = Command::new(&bin)
        .args(["demo", "--db"])
        .arg(&db)
        .args(["--people", "60", "--seed", "7"])
        .env("DSR_TODAY", "2026-11-24")
        .status()
        .expect("run dsr demo");
    assert!(status.success());
    let db = db.to_str().expect("utf-8 path");
    let mut tui = Tui::spawn(
        &bin,
        &["--db", db],
        &[("DSR_TODAY", "2026-11-24"), ("NO_COLOR", "1")],
        80,
        24,
    );
    tui.wait_for("Register", wait).expect("register shown");
    tui.keys("4");
    tui.wait_for("On the register now: 60", wait)
        .expect("dashboard shown");
    tui.keys("G");
    tui.wait_for("Keyworker caseloads", wait)
        .expect("scrolled to the bottom");
    tui.keys("q");
    let status = tui.wait_exit(wait).expect("exits");
    assert!(status.success(), "exit status {status:?}");
}
