//! Render tests of the Actions pane on ratatui's TestBackend (80×24 unless noted), driven through the
//! real App with key events, plus the screenshots in screenshots/actions-*.svg.

mod support;

use support::screen::{draw, find, lines};

use chrono::NaiveDate;
use dsr::demo::{self, DemoSpec};
use dsr::store::{Store, actions};
use dsr::ui::app::App;
use dsr::ui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};
use std::path::{Path, PathBuf};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

/// A fresh demo register at a path relative to the package root, so the status bar (which shows
/// the file) is the same on every machine and screenshots stay stable.
fn demo_store(name: &str, people: usize) -> Store {
    let path = PathBuf::from(format!("target/tmp/{name}.db"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let mut store = Store::open(&path, "tester").expect("open");
    demo::generate(
        &mut store,
        DemoSpec {
            people,
            seed: 7,
            today: today(),
        },
        |_| {},
    )
    .expect("demo");
    store
}

fn app(name: &str, theme: Theme) -> App {
    let mut app = App::new(demo_store(name, 60), today(), theme, true);
    app.load_active();
    press(&mut app, KeyCode::Char('3'));
    app
}

fn press(app: &mut App, c: KeyCode) {
    app.on_key(KeyEvent::new(c, KeyModifiers::NONE));
}

fn typ(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// The list's rows on an 80×24 screen: under the header, above the selected action's strip.
fn list_rows(screen: &[String]) -> &[String] {
    let end = screen
        .iter()
        .position(|l| l.contains("Selected action"))
        .unwrap_or(21);
    &screen[3..end]
}

fn shot(buf: &Buffer, name: &str) {
    support::svg::check_or_update(
        Path::new(&format!("screenshots/{name}.svg")),
        &support::svg::buffer_to_svg(buf),
    );
}

// Issue 6: `3` opens the pane with the most overdue action selected; overdue rows show a marker and
// their days overdue without colour; header counts overdue / due this week / open.
#[test]
fn overdue_first_and_readable_in_mono() {
    let mut app = app("actions-mono", Theme::mono());
    let buf = draw(&mut app, 80, 24);
    let screen = lines(&buf);
    let header = &screen[1];
    assert!(
        header.contains("overdue") && header.contains("due this week") && header.contains("open"),
        "{header}"
    );
    // Row 3 is the first action: selected (reverse video), with "!<days>d".
    let first = &screen[3];
    let days: Vec<i64> = list_rows(&screen)
        .iter()
        .filter_map(|l| {
            let i = l.find('!')?;
            l[i + 1..].split('d').next()?.trim().parse().ok()
        })
        .collect();
    assert!(
        days.len() >= 5,
        "overdue rows on the first screen:\n{}",
        screen.join("\n")
    );
    // Among overdue rows the person's risk comes first, then the most days overdue.
    let risk_days: Vec<(usize, i64)> = list_rows(&screen)
        .iter()
        .filter_map(|l| {
            let i = l.find('!')?;
            let days = l[i + 1..].split('d').next()?.trim().parse().ok()?;
            let risk = ['B', 'R', 'A', 'G']
                .iter()
                .position(|c| l.split_whitespace().any(|w| w == c.to_string()))?;
            Some((risk, days))
        })
        .collect();
    assert_eq!(
        risk_days.len(),
        days.len(),
        "every overdue row shows its rating"
    );
    assert!(
        risk_days
            .windows(2)
            .all(|w| w[0].0 < w[1].0 || (w[0].0 == w[1].0 && w[0].1 >= w[1].1)),
        "risk, then most days overdue: {risk_days:?}\n{}",
        screen.join("\n")
    );
    assert!(first.contains(&format!("!{}d", days[0])), "{first}");
    assert!(
        buf[(10, 3)].modifier.contains(Modifier::REVERSED),
        "first row selected"
    );
    let (x, y) = find(&buf, &format!("!{}d", days[0])).expect("marker");
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
    for cell in buf.content() {
        assert!(
            matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset),
            "colour used in mono theme: {cell:?}"
        );
    }
    // The same overdue rows agree with the store's count.
    let overdue = header
        .split(" overdue")
        .next()
        .and_then(|s| s.rsplit(' ').next())
        .and_then(|n| n.parse::<usize>().ok())
        .expect("overdue count");
    assert!(overdue >= days.len());
}

// Overdue days are red and bold in colour; ratings keep their letter.
#[test]
fn colour_overdue_and_screenshot() {
    let mut app = app("actions-colour", Theme::colour());
    let buf = draw(&mut app, 80, 24);
    let screen = lines(&buf);
    let i = screen[3]
        .find('!')
        .expect("overdue marker on the first row");
    let x = screen[3][..i].chars().count() as u16;
    assert_eq!(buf[(x, 3)].fg, Color::Red);
    shot(&buf, "actions-overdue");
    let wide = draw(&mut app, 130, 30);
    assert!(find(&wide, "Organisation").is_some());
    shot(&wide, "actions-wide");
}

// Issue 6: Space marks, `t` re-dates all marked (date, Tab, reason, Enter), `u` undoes the step;
// a past date asks for confirmation; the dialog refuses a missing reason.
#[test]
fn mark_redate_and_undo() {
    let mut app = app("actions-redate", Theme::colour());
    let before = lines(&draw(&mut app, 80, 24));
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Char(' '));
    let buf = draw(&mut app, 80, 24);
    assert!(lines(&buf)[1].contains("2 marked"), "{}", lines(&buf)[1]);
    assert!(lines(&buf)[3].starts_with('*') && lines(&buf)[4].starts_with('*'));
    press(&mut app, KeyCode::Char('t'));
    typ(&mut app, "+2w");
    press(&mut app, KeyCode::Enter);
    let buf = draw(&mut app, 80, 24);
    let text = lines(&buf).join("\n");
    assert!(
        text.contains("Re-date 2 actions") && text.contains("reason for the new date is required"),
        "{text}"
    );
    // The missing field has focus now.
    typ(&mut app, "provider asked for two weeks");
    shot(&draw(&mut app, 80, 24), "actions-redate");
    press(&mut app, KeyCode::Enter);
    let after = lines(&draw(&mut app, 80, 24));
    assert!(
        after[22].contains("re-dated 2 actions to 08/12/2026"),
        "{}",
        after[22]
    );
    assert_ne!(before[3], after[3], "the re-dated rows left the top");
    // Undo restores both and says so.
    press(&mut app, KeyCode::Char('u'));
    let undone = lines(&draw(&mut app, 80, 24));
    let status = undone[20..23].join("\n");
    assert!(status.contains("Undid: re-dated 2 actions"), "{status}");
    assert_eq!(before[4], undone[4]);
    // A past date asks first; n goes back to the form.
    press(&mut app, KeyCode::Char('t'));
    typ(&mut app, "01/01/2026");
    press(&mut app, KeyCode::Tab);
    typ(&mut app, "typo check");
    press(&mut app, KeyCode::Enter);
    let text = lines(&draw(&mut app, 80, 24)).join("\n");
    assert!(text.contains("01/01/2026 is in the past"), "{text}");
    press(&mut app, KeyCode::Char('n'));
    let text = lines(&draw(&mut app, 80, 24)).join("\n");
    assert!(
        !text.contains("is in the past") && text.contains("Re-date '"),
        "{text}"
    );
    press(&mut app, KeyCode::Esc);
    // An invalid date says why.
    press(&mut app, KeyCode::Char('t'));
    typ(&mut app, "31/02/2027");
    press(&mut app, KeyCode::Enter);
    let text = lines(&draw(&mut app, 80, 24)).join("\n");
    assert!(text.contains("February 2027 has no day 31"), "{text}");
}

// Issue 6: `d` then Enter marks done; Enter opens the detail view with the history.
#[test]
fn done_and_detail_history() {
    let mut app = app("actions-detail", Theme::mono());
    let first = lines(&draw(&mut app, 80, 24))[3].clone();
    press(&mut app, KeyCode::Char('d'));
    typ(&mut app, "advocate allocated");
    press(&mut app, KeyCode::Tab);
    typ(&mut app, "email 20/11");
    press(&mut app, KeyCode::Enter);
    let screen = lines(&draw(&mut app, 80, 24));
    assert!(
        screen[22].contains("marked done 1 action"),
        "{}",
        screen[22]
    );
    assert_ne!(screen[3], first, "done actions leave the open view");
    press(&mut app, KeyCode::Char('u'));
    press(&mut app, KeyCode::Enter);
    let text = lines(&draw(&mut app, 100, 30)).join("\n");
    assert!(
        text.contains("History (3 entries"),
        "created, done, undo:\n{text}"
    );
    assert!(
        text.contains("created") && text.contains("done") && text.contains("undo"),
        "{text}"
    );
    assert!(text.contains("advocate allocated"), "{text}");
    press(&mut app, KeyCode::Esc);
    let text = lines(&draw(&mut app, 80, 24)).join("\n");
    assert!(
        text.contains("Person") && text.contains("Selected action"),
        "back to the list"
    );
}

// Issue 6: filters (view, owner, search) narrow the list and the counts follow.
#[test]
fn filters_and_search() {
    let mut app = app("actions-filter", Theme::mono());
    press(&mut app, KeyCode::Char('f')); // overdue only
    let screen = lines(&draw(&mut app, 80, 24));
    assert!(screen[1].contains("[overdue]"), "{}", screen[1]);
    assert!(
        list_rows(&screen)
            .iter()
            .filter(|l| !l.trim().is_empty())
            .all(|l| l.contains('!'))
    );
    press(&mut app, KeyCode::Char('o')); // this owner only
    let screen = lines(&draw(&mut app, 80, 24));
    assert!(screen[1].contains("[owner "), "{}", screen[1]);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('/'));
    typ(&mut app, "advocacy");
    press(&mut app, KeyCode::Enter);
    let screen = lines(&draw(&mut app, 80, 24));
    let rows: Vec<_> = list_rows(&screen)
        .iter()
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|l| l.contains("advoc") || l.contains("Refer")),
        "{rows:?}"
    );
    assert!(screen[1].contains("[/advocacy]"), "{}", screen[1]);
}

// Issue 6: `a` adds an action linked to a person; "mine" uses the configured owner name.
#[test]
fn add_action_and_mine() {
    let mut app = app("actions-add", Theme::mono());
    press(&mut app, KeyCode::Char('a'));
    shot(&draw(&mut app, 80, 24), "actions-add");
    typ(&mut app, "Book a carer's assessment");
    press(&mut app, KeyCode::Tab);
    typ(&mut app, "Zed Example");
    press(&mut app, KeyCode::Tab);
    typ(&mut app, "Adult social care");
    press(&mut app, KeyCode::Tab);
    typ(&mut app, "+10d");
    press(&mut app, KeyCode::Enter);
    let screen = lines(&draw(&mut app, 80, 24));
    assert!(screen[22].contains("added action"), "{}", screen[22]);
    press(&mut app, KeyCode::Char('M'));
    typ(&mut app, "Zed Example");
    press(&mut app, KeyCode::Enter);
    let screen = lines(&draw(&mut app, 80, 24));
    assert!(screen[1].contains("mine (Zed Example)"), "{}", screen[1]);
    let rows: Vec<_> = list_rows(&screen)
        .iter()
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].contains("Book a carer"), "{rows:?}");
}

// At 80 columns the action's text was cut at 22 characters: now it takes the room the person and
// owner columns leave, and a strip under the list shows the selected action whole, with its
// person, owner, due date, status and source.
#[test]
fn the_selected_action_reads_whole_at_80x24() {
    let mut app = app("actions-strip", Theme::mono());
    let rows = {
        let store = Store::open(Path::new("target/tmp/actions-strip.db"), "reader").expect("open");
        actions::all(store.conn()).expect("rows")
    };
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    for _ in 0..3 {
        let screen = lines(&draw(&mut app, 80, 24));
        let head = &screen[2];
        let (action, owner) = (head.find("Action"), head.find("Owner"));
        let text_width = owner.zip(action).map_or(0, |(o, a)| o - a - 1);
        assert!(
            text_width >= 30,
            "the action column is {text_width} wide:\n{head}"
        );
        let strip_at = screen
            .iter()
            .position(|l| l.contains("Selected action"))
            .expect("the strip");
        let strip = words(&screen[strip_at + 1..22].join(" "));
        let shown = rows.iter().find(|a| {
            strip.contains(&words(&a.text))
                && strip.contains(&words(&a.person_name))
                && strip.contains(&words(&a.owner))
                && strip.contains(&format!("due {}", a.due.format("%d/%m/%Y")))
                && strip.contains(a.status.label())
        });
        assert!(
            shown.is_some(),
            "the selected action whole:\n{}",
            screen.join("\n")
        );
        press(&mut app, KeyCode::Down);
    }
}

// The pane draws only visible rows; its model stays fast on a large register.
#[test]
fn store_rows_match_the_cli_order() {
    let store = demo_store("actions-order", 60);
    let rows = actions::all(store.conn()).expect("rows");
    let lines = dsr::report::actions::select(
        rows,
        &dsr::report::actions::ActionQuery {
            overdue: true,
            ..Default::default()
        },
        today(),
    );
    // Among overdue actions the person's risk comes first, then the most days overdue.
    let risk = |l: &dsr::report::actions::ActionLine| {
        l.rating.parse::<dsr::domain::Rating>().expect("rating")
    };
    assert!(lines.windows(2).all(|w| {
        risk(&w[0]) < risk(&w[1])
            || (risk(&w[0]) == risk(&w[1]) && w[0].days_overdue >= w[1].days_overdue)
    }));
    assert!(lines.iter().all(|l| l.overdue));
}
