//! The `:` command palette on a demo register (TestBackend): it runs an action of each pane,
//! opens a person found by name or NHS number, and writes a review report.

mod support;

use chrono::NaiveDate;
use dsr::ui::app::App;
use dsr::ui::pane::PaneId;
use dsr::ui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::screen::{draw, fixed_demo_store, text};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

fn app(name: &str) -> App {
    themed(name, Theme::mono())
}

fn themed(name: &str, theme: Theme) -> App {
    let store = fixed_demo_store("palette-ui", name, 60, today());
    let mut app = App::new(store, today(), theme, false);
    app.load_active();
    app
}

fn key(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// `:`, the text, Enter; the screen after.
fn run(app: &mut App, what: &str) -> String {
    typed(app, ":");
    assert!(
        text(&draw(app, 100, 30)).contains("Command palette"),
        "palette not open"
    );
    typed(app, what);
    key(app, KeyCode::Enter);
    text(&draw(app, 100, 30))
}

#[test]
fn palette_runs_an_action_of_each_pane() {
    let mut app = app("each-pane");
    let s = run(&mut app, "register re-rate");
    assert!(s.contains("Change rating"), "{s}");
    key(&mut app, KeyCode::Esc);

    let s = run(&mut app, "reviews new review");
    assert_eq!(app.active(), PaneId::Reviews);
    assert!(s.contains("Start a review for"), "{s}");
    key(&mut app, KeyCode::Esc);

    let s = run(&mut app, "set my owner name");
    assert_eq!(app.active(), PaneId::Actions);
    assert!(s.to_lowercase().contains("owner name"), "{s}");
    key(&mut app, KeyCode::Esc);

    let s = run(&mut app, "dashboard refresh");
    assert_eq!(app.active(), PaneId::Dashboard);
    assert!(s.contains("Dashboard refreshed"), "{s}");

    let s = run(&mut app, "privacy");
    assert!(app.privacy(), "{s}");
    assert!(s.contains("PRIVACY"), "{s}");

    run(&mut app, "show the register");
    assert_eq!(app.active(), PaneId::Register);
    let s = run(&mut app, "filter toggle red");
    assert!(s.contains("filter: R"), "{s}");
}

#[test]
fn palette_jumps_to_a_person_by_name_or_nhs_number() {
    let mut app = app("person");
    let row = app.register().list().get(3).expect("a fourth person");
    let (family, given) = (row.family_name.clone(), row.given_name.clone());
    let nhs = row
        .nhs_number
        .clone()
        .expect("demo people have NHS numbers");
    let s = run(&mut app, &format!("{family}, {given}"));
    assert!(app.register().card_open(), "{s}");
    assert!(s.contains(&family), "{s}");
    key(&mut app, KeyCode::Esc);
    let dashed = format!(
        "{}-{}-{}",
        &nhs.digits()[..3],
        &nhs.digits()[3..6],
        &nhs.digits()[6..]
    );
    let s = run(&mut app, &dashed);
    assert!(app.register().card_open(), "{s}");
    assert!(s.contains(&nhs.to_string()), "{s}");
}

#[test]
fn palette_writes_the_report_of_the_selected_review() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = app("export");
    app.set_export_dir(dir.path().to_path_buf());
    typed(&mut app, "2");
    // The filter cycles all → requests → drafts → due → overdue reports → finished.
    typed(&mut app, "fffff");
    let s = run(&mut app, "export the review report");
    let written: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(written.len(), 1, "{s}");
    assert!(written[0].starts_with("review-"), "{written:?}");
    assert!(s.contains("dsr review export"), "{s}");
    // A second run refuses to replace the file and says how.
    let s = run(&mut app, "export the review report");
    assert!(s.contains("--force"), "{s}");
}

// Privacy mode: a dialog drawn over the list cuts names short ("Woodfiel│"); the cut
// beginnings must be hidden too.
#[test]
fn privacy_hides_names_the_palette_cuts_short() {
    let mut app = app("privacy");
    app.set_privacy(true);
    typed(&mut app, ":");
    let s = text(&draw(&mut app, 100, 30));
    assert!(s.contains("Command palette"), "{s}");
    let list = app.register().list();
    for r in (0..list.len()).filter_map(|i| list.get(i)) {
        for name in [&r.family_name, &r.given_name] {
            let start: String = name.chars().take(6).collect();
            if start.chars().count() == 6 {
                assert!(!s.contains(&start), "{start:?} shows:\n{s}");
            }
        }
    }
}

// The README's screenshot of the palette, at 80×24: a few letters typed, the key of each line.
#[test]
fn screenshot_palette() {
    let mut app = themed("screenshot", Theme::colour());
    typed(&mut app, ":rate");
    let buf = draw(&mut app, 80, 24);
    assert!(text(&buf).contains("Register: re-rate"), "{}", text(&buf));
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots/palette.svg");
    support::svg::check_or_update(&path, &support::svg::buffer_to_svg(&buf));
}
