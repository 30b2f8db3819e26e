//! Render tests of the app frame on ratatui's TestBackend: title, status and hint bars, help
//! overlay, pane switching, monochrome theme, and that register text never reaches the terminal raw.

mod support;

use support::screen::{draw, find, text};

use chrono::NaiveDate;
use dsr::domain::nhs_number::NhsNumber;
use dsr::domain::person::{Diagnosis, PersonDetails};
use dsr::domain::rating::Rating;
use dsr::store::{Store, people};
use dsr::ui::app::App;
use dsr::ui::pane::PaneId;
use dsr::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

fn person(given: &str, family: &str, nhs: &str) -> PersonDetails {
    PersonDetails {
        nhs_number: NhsNumber::parse(nhs).ok(),
        given_name: given.into(),
        family_name: family.into(),
        diagnosis: Diagnosis::Autism,
        keyworker: Some("Jo\u{7}Hartley".into()),
        criteria: vec!["yot".into()],
        ..support::people::details(NaiveDate::from_ymd_opt(2012, 1, 5).expect("date"))
    }
}

fn app(dir: &tempfile::TempDir, theme: Theme, demo: bool) -> App {
    let mut store = Store::open(&dir.path().join("r.db"), "tester").expect("open");
    store
        .write(|w| {
            people::add_person(
                w,
                &person("Evil\u{1b}[2J", "Name", "9990000018"),
                Rating::Red,
                "crisis",
                today(),
            )?;
            people::add_person(
                w,
                &person("Gail", "Green", "9990000026"),
                Rating::Green,
                "settled",
                today(),
            )?;
            Ok(())
        })
        .expect("seed");
    let mut app = App::new(store, today(), theme, demo);
    app.load_active();
    app
}

fn press(app: &mut App, c: KeyCode) {
    app.on_key(KeyEvent::new(c, KeyModifiers::NONE));
}

// Rule: register text passes one sanitising function; control characters never reach the terminal.
#[test]
fn control_characters_in_names_are_shown_as_placeholders() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app(&dir, Theme::colour(), false);
    let buf = draw(&mut app, 80, 24);
    let screen = text(&buf);
    assert!(screen.contains("Name, Evil\u{FFFD}[2J"), "{screen}");
    assert!(screen.contains("Jo\u{FFFD}Hartley"), "{screen}");
    assert!(
        buf.content()
            .iter()
            .all(|c| !c.symbol().chars().any(|ch| ch.is_control())),
        "raw control character in the buffer"
    );
}

// Rule: ratings show colour and letter; with NO_COLOR the letter remains and no colour is used.
#[test]
fn ratings_have_colour_and_letter_and_mono_has_no_colour() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut colour = app(&dir, Theme::colour(), false);
    let buf = draw(&mut colour, 80, 24);
    let (x, y) = find(&buf, " R ").expect("RED badge");
    assert_eq!(buf[(x + 1, y)].bg, Color::Red);
    let dir2 = tempfile::tempdir().expect("tempdir");
    let mut mono = app(&dir2, Theme::mono(), false);
    let buf = draw(&mut mono, 80, 24);
    assert!(find(&buf, " R ").is_some() && find(&buf, " G ").is_some());
    for cell in buf.content() {
        assert!(
            matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset),
            "colour used in mono theme: {cell:?}"
        );
    }
    // The selected row still stands out without colour.
    let (_, y) = find(&buf, "Name, Evil").expect("first row");
    assert!(buf[(10, y)].modifier.contains(Modifier::REVERSED));
}

// Rule: title bar says DEMO; status bar shows file, counts by rating and the user.
#[test]
fn title_and_status_bars() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app(&dir, Theme::mono(), true);
    let screen = text(&draw(&mut app, 80, 24));
    let lines: Vec<&str> = screen.lines().collect();
    assert!(
        lines[0].contains("DEMO")
            && lines[0].contains("1 Register")
            && lines[0].contains("3 Actions"),
        "{}",
        lines[0]
    );
    let status = lines[22];
    assert!(
        status.contains(" B 0") && status.contains(" R 1") && status.contains(" G 1"),
        "{status}"
    );
    assert!(
        status.contains("tester") && status.contains("r.db"),
        "{status}"
    );
    assert!(
        lines[23].contains("q quit") || lines[23].contains("move"),
        "hint bar: {}",
        lines[23]
    );
}

// Rule: ? lists every key of the current pane; 1 2 3 and Tab switch panes; q quits.
#[test]
fn help_overlay_and_pane_switching() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app(&dir, Theme::mono(), false);
    press(&mut app, KeyCode::Char('?'));
    let screen = text(&draw(&mut app, 80, 24));
    assert!(screen.contains("Keys: Register"), "{screen}");
    // The global keys come after the pane's: the end of the help shows them.
    press(&mut app, KeyCode::End);
    let screen = text(&draw(&mut app, 80, 24));
    assert!(
        screen.contains("quit") && screen.contains("switch pane"),
        "{screen}"
    );
    press(&mut app, KeyCode::Esc);
    assert!(!text(&draw(&mut app, 80, 24)).contains("Keys: Register"));
    press(&mut app, KeyCode::Char('3'));
    assert!(
        text(&draw(&mut app, 80, 24)).contains("actions"),
        "actions pane shown"
    );
    press(&mut app, KeyCode::Tab);
    assert!(
        text(&draw(&mut app, 80, 24)).contains("On the register now"),
        "Tab goes on to the dashboard"
    );
    press(&mut app, KeyCode::Tab);
    assert!(
        text(&draw(&mut app, 80, 24)).contains("Register:"),
        "Tab wraps to the register"
    );
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::BackTab);
    assert!(
        text(&draw(&mut app, 80, 24)).contains("Reviews"),
        "Shift-Tab goes back"
    );
    assert!(!app.should_quit());
    press(&mut app, KeyCode::Char('q'));
    assert!(app.should_quit());
}

// Rule (speed budget): the first frame is drawn from the top of the register before the whole
// register loads, with true counts; the full load then replaces it without moving the top rows.
#[test]
fn first_frame_from_first_page_then_full_load() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("big.db"), "tester").expect("open");
    let spec = dsr::demo::DemoSpec {
        people: 260,
        seed: 3,
        today: today(),
    };
    dsr::demo::generate(&mut store, spec, |_| {}).expect("demo");
    let counts = people::rating_counts(store.conn()).expect("counts");
    let mut app = App::new(store, today(), Theme::mono(), false);
    app.preview_active();
    let preview = text(&draw(&mut app, 80, 24));
    assert!(
        preview.contains("Register: loading 260 people"),
        "{preview}"
    );
    let status = preview.lines().nth(22).expect("status line").to_string();
    assert!(
        status.contains(&format!(" B {}", counts[0]))
            && status.contains(&format!(" G {}", counts[3])),
        "{status}"
    );
    app.load_active();
    let loaded = text(&draw(&mut app, 80, 24));
    assert!(loaded.contains("Register: 260 people"), "{loaded}");
    let rows = |s: &str| {
        s.lines()
            .skip(3)
            .take(10)
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        rows(&preview),
        rows(&loaded),
        "top rows unchanged by the full load"
    );
}

// Rule (speed budget): a cursor move sends under 1 KiB to the terminal (only the two changed rows).
#[test]
fn cursor_move_sends_under_one_kib() {
    use ratatui::backend::CrosstermBackend;
    #[derive(Clone, Default)]
    struct Sink(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);
    impl std::io::Write for Sink {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("r.db"), "tester").expect("open");
    let spec = dsr::demo::DemoSpec {
        people: 100,
        seed: 3,
        today: today(),
    };
    dsr::demo::generate(&mut store, spec, |_| {}).expect("demo");
    let mut app = App::new(store, today(), Theme::colour(), false);
    app.load_active();
    let sink = Sink::default();
    let viewport = ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 80, 24));
    let mut t = Terminal::with_options(
        CrosstermBackend::new(sink.clone()),
        ratatui::TerminalOptions { viewport },
    )
    .expect("terminal");
    t.draw(|f| app.render(f)).expect("draw");
    let mut sent = Vec::new();
    for key in [KeyCode::Char('j'), KeyCode::Down]
        .repeat(30)
        .into_iter()
        .chain([KeyCode::Char('k'); 10])
    {
        sink.0.borrow_mut().clear();
        press(&mut app, key);
        t.draw(|f| app.render(f)).expect("draw");
        sent.push(sink.0.borrow().len());
    }
    // Moves inside the window repaint two rows; leaving it jumps half a page (one repaint of the
    // table), so the big frames are rare.
    let big = sent.iter().filter(|n| **n >= 1024).count();
    assert!(sent.iter().all(|n| *n > 0), "{sent:?}");
    assert!(big * 8 <= sent.len(), "too many full repaints: {sent:?}");
    assert!(sent.iter().sum::<usize>() / sent.len() < 1024, "{sent:?}");
}

// Rule (memory budget): a pane loads its rows when first shown, so lists nobody opens take no
// memory; the register loads at start, and a pane once seen is kept current while idle.
#[test]
fn a_pane_loads_only_when_first_shown() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app(&dir, Theme::mono(), false);
    for _ in 0..5 {
        assert!(
            !app.tick(),
            "an idle tick with no outside change needs no redraw"
        );
    }
    assert!(app.is_loaded(PaneId::Register));
    for hidden in [PaneId::Reviews, PaneId::Actions, PaneId::Dashboard] {
        assert!(!app.is_loaded(hidden), "{hidden:?} loaded before shown");
    }
    press(&mut app, KeyCode::Char('2'));
    assert!(app.is_loaded(PaneId::Reviews));
    press(&mut app, KeyCode::Char('1'));
    for _ in 0..5 {
        app.tick();
    }
    assert!(!app.is_loaded(PaneId::Actions));
    press(&mut app, KeyCode::Char('3'));
    assert!(app.is_loaded(PaneId::Actions));
    assert!(!app.is_loaded(PaneId::Dashboard));
}

// Rule (due dates): an app left open overnight moves its today on at midnight, so overdue marks
// and ages are never a day behind; a day with no change of date costs nothing.
#[test]
fn today_moves_forward_at_midnight() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app(&dir, Theme::mono(), false);
    app.follow_calendar(Box::new(today));
    assert!(!app.tick(), "same day: nothing to redraw");
    let tomorrow = today().succ_opt().expect("date");
    app.follow_calendar(Box::new(move || tomorrow));
    assert!(app.tick(), "a new day redraws");
    assert_eq!(app.today(), tomorrow);
    assert!(!app.tick(), "once");
}
