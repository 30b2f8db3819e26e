//! What the settings change on screen: themes (every theme's selected row readable, high contrast
//! without faint text), privacy mode, the settings file's name for "mine"; and the SVG screenshots
//! pinned to their grid, with the README screenshots of the themes and privacy mode.

mod support;

use support::screen::{draw, fixed_demo_store, text};

use chrono::NaiveDate;
use dsr::ui::app::App;
use dsr::ui::theme::{Theme, ThemeName};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier, Style};
use std::path::{Path, PathBuf};
use support::svg::{buffer_to_svg, check_or_update};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

/// A 60-person demo register (seed 7) at a fixed relative path, so the status bar is the same on
/// every machine.
fn demo_app(name: &str, theme: Theme) -> App {
    let store = fixed_demo_store("screenshots-ui", name, 60, today());
    let mut app = App::new(store, today(), theme, false);
    app.load_active();
    app
}

fn shot(name: &str, buf: &Buffer) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("screenshots")
        .join(format!("{name}.svg"));
    check_or_update(&path, &buffer_to_svg(buf));
}

/// Every `<text>` of a screenshot carries a `textLength` of exactly its cells, so no font can make
/// a run wider or narrower than the grid.
#[test]
fn svg_text_runs_are_pinned_to_their_cells() {
    let mut buf = Buffer::empty(ratatui::layout::Rect::new(0, 0, 30, 2));
    buf.set_string(0, 0, "Abbott, Amara", Style::new().fg(Color::Red));
    buf.set_string(14, 0, "999 000 0018", Style::new());
    buf.set_string(
        2,
        1,
        "a < b & 名前",
        Style::new().add_modifier(Modifier::BOLD),
    );
    let svg = buffer_to_svg(&buf);
    let mut runs = 0;
    for element in svg.split("<text ").skip(1) {
        let attr = |name: &str| {
            let start = element
                .find(&format!("{name}=\""))
                .map(|i| i + name.len() + 2);
            start.and_then(|s| element[s..].split('"').next())
        };
        let length: f64 = attr("textLength")
            .unwrap_or_else(|| panic!("run without textLength: {element}"))
            .parse()
            .expect("number");
        assert_eq!(attr("lengthAdjust"), Some("spacingAndGlyphs"), "{element}");
        let body = element
            .split_once('>')
            .and_then(|(_, rest)| rest.split_once("</text>"))
            .map(|(b, _)| b.replace("&lt;", "<").replace("&amp;", "&"))
            .expect("text body");
        let cells: usize = body
            .chars()
            .map(|c| if c == '名' || c == '前' { 2 } else { 1 })
            .sum();
        assert!(
            (length - cells as f64 * 8.4).abs() < 0.01,
            "{body:?} spans {cells} cells but textLength is {length}"
        );
        runs += 1;
    }
    assert!(runs >= 4, "{svg}");
}

/// What the terminal shows in a cell: its colours after reverse video, None for the terminal's
/// own default.
fn shown(buf: &Buffer, x: u16, y: u16) -> (Option<Color>, Option<Color>) {
    let c = &buf[(x, y)];
    let some = |c: Color| (c != Color::Reset).then_some(c);
    let (fg, bg) = (some(c.fg), some(c.bg));
    if c.modifier.contains(Modifier::REVERSED) {
        (bg, fg)
    } else {
        (fg, bg)
    }
}

/// The selected row of the register, in every theme, shows every character in a colour other than
/// its background (the Acts column's "-" used to be grey on a grey selection bar).
#[test]
fn the_selected_row_is_readable_in_every_theme() {
    for name in ThemeName::ALL {
        let mut app = demo_app(&format!("selected-{}", name.name()), Theme { name });
        let buf = draw(&mut app, 100, 24);
        let y = (0..buf.area.height)
            .skip(1)
            .find(|y| buf[(5, *y)].modifier.contains(Modifier::REVERSED))
            .unwrap_or_else(|| panic!("{name:?}: no selected row"));
        for x in 0..buf.area.width {
            if buf[(x, y)].symbol().trim().is_empty() {
                continue;
            }
            let (fg, bg) = shown(&buf, x, y);
            // Both None is the terminal's own text on its own background.
            assert!(
                fg != bg || fg.is_none(),
                "{name:?}: {:?} at column {x} is {fg:?} on {bg:?}",
                buf[(x, y)].symbol()
            );
        }
    }
}

/// High contrast has no faint text at all, and its screenshot is in the README.
#[test]
fn high_contrast_has_no_faint_text_and_writes_its_screenshot() {
    let mut app = demo_app("high-contrast", Theme::high_contrast());
    let buf = draw(&mut app, 100, 26);
    assert!(text(&buf).contains("Register: 60 people"));
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            assert!(
                c.fg != Color::DarkGray && !c.modifier.contains(Modifier::DIM),
                "faint text at {x},{y}: {c:?}"
            );
        }
    }
    shot("register-high-contrast", &buf);
}

fn press(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

/// Everything privacy mode must hide on this register: each person's family name (as a word), full
/// name both ways round, and NHS number run together and grouped.
fn secrets(path: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).expect("open");
    let mut stmt = conn
        .prepare("SELECT given_name, family_name, nhs_number FROM person")
        .expect("query");
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })
        .expect("rows")
        .collect::<Result<Vec<_>, _>>()
        .expect("read");
    let mut out = Vec::new();
    for (given, family, nhs) in rows {
        out.push(format!("{family}, {given}"));
        out.push(format!("{given} {family}"));
        out.push(family);
        if let Some(n) = nhs {
            out.push(format!("{} {} {}", &n[..3], &n[3..6], &n[6..]));
            out.push(n);
        }
    }
    out
}

/// The family name as a whole word (a name inside a longer word is not that name).
fn shows(screen: &str, secret: &str) -> bool {
    screen.match_indices(secret).any(|(i, _)| {
        let before = screen[..i].chars().next_back();
        let after = screen[i + secret.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Privacy mode, for projecting in a meeting: no person's name or NHS number anywhere on screen
/// in any pane, with the mode named in the title bar and the login and path hidden too.
#[test]
fn privacy_mode_shows_no_name_or_nhs_number_in_any_pane() {
    let mut app = demo_app("privacy", Theme::colour());
    let path = PathBuf::from("target/screenshots-ui/privacy.db");
    let secrets = secrets(&path);
    assert!(secrets.len() > 100);
    press(&mut app, KeyCode::Char('P'));
    assert!(app.privacy());
    // Any key clears the "Privacy on" message, so the status bar shows the login and path.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Up);

    let mut screens: Vec<(&str, Buffer)> = Vec::new();
    let first = draw(&mut app, 100, 26);
    shot("register-privacy", &first);
    screens.push(("register", first));
    press(&mut app, KeyCode::Enter);
    screens.push(("card", draw(&mut app, 100, 40)));
    press(&mut app, KeyCode::Char('?'));
    screens.push(("help", draw(&mut app, 100, 40)));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    for (name, key) in [("reviews", '2'), ("actions", '3'), ("dashboard", '4')] {
        press(&mut app, KeyCode::Char(key));
        screens.push((name, draw(&mut app, 160, 50)));
    }
    // A review in the wizard: start one for the first person on the register.
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('R'));
    press(&mut app, KeyCode::Char('y'));
    screens.push(("wizard", draw(&mut app, 120, 40)));

    for (pane, buf) in &screens {
        let screen = text(buf);
        assert!(
            screen.contains(" PRIVACY "),
            "{pane}: no PRIVACY badge\n{screen}"
        );
        // The status bar (second row from the bottom) holds the login and the register's path.
        let status = screen.lines().nth_back(1).unwrap_or_default();
        assert!(
            status.contains(" S. ") && status.contains("…/privacy.db"),
            "{pane}: {status}"
        );
        assert!(
            !status.contains("screenshot") && !status.contains("target/"),
            "{pane}: {status}"
        );
        for s in &secrets {
            assert!(!shows(&screen, s), "{pane}: {s:?} on screen\n{screen}");
        }
    }
    let wizard = text(&screens.last().expect("wizard").1);
    assert!(
        wizard.contains("Question") || wizard.contains("Consent"),
        "{wizard}"
    );

    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('P'));
    assert!(!app.privacy());
    let screen = text(&draw(&mut app, 100, 26));
    assert!(!screen.contains(" PRIVACY "), "{screen}");
    assert!(secrets.iter().any(|s| shows(&screen, s)), "{screen}");
}

/// The settings file's display name is what "mine" filters by until the user sets one with M.
#[test]
fn the_settings_display_name_is_mine_until_one_is_set() {
    let mut app = demo_app("mine", Theme::mono());
    app.set_display_name(Some("Paul Greaves".into()));
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('m'));
    let screen = text(&draw(&mut app, 120, 30));
    assert!(screen.contains("mine (Paul Greaves)"), "{screen}");
}

/// The row drawn as the selection (reverse video across the name column).
fn selected_y(buf: &Buffer) -> Option<u16> {
    (2..buf.area.height).find(|y| buf[(10, *y)].modifier.contains(Modifier::REVERSED))
}

/// With the mouse on, a click on a row selects it and the wheel moves the selection, in any pane
/// that lists rows.
#[test]
fn a_click_selects_the_row_and_the_wheel_scrolls() {
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mouse = |kind, row| MouseEvent {
        kind,
        column: 20,
        row,
        modifiers: KeyModifiers::NONE,
    };
    for pane in ['1', '3'] {
        let mut app = demo_app(&format!("mouse-{pane}"), Theme::colour());
        press(&mut app, KeyCode::Char(pane));
        let before = selected_y(&draw(&mut app, 120, 30)).expect("a selected row");
        app.on_mouse(mouse(MouseEventKind::Down(MouseButton::Left), before + 5));
        assert_eq!(
            selected_y(&draw(&mut app, 120, 30)),
            Some(before + 5),
            "pane {pane}"
        );
        app.on_mouse(mouse(MouseEventKind::ScrollDown, 0));
        assert_eq!(
            selected_y(&draw(&mut app, 120, 30)),
            Some(before + 6),
            "pane {pane}"
        );
        app.on_mouse(mouse(MouseEventKind::Down(MouseButton::Left), before + 2));
        assert_eq!(
            selected_y(&draw(&mut app, 120, 30)),
            Some(before + 2),
            "pane {pane}"
        );
        app.on_mouse(mouse(MouseEventKind::ScrollUp, 0));
        assert_eq!(
            selected_y(&draw(&mut app, 120, 30)),
            Some(before + 1),
            "pane {pane}"
        );
        // The title bar is not a row: clicking it leaves the selection alone.
        app.on_mouse(mouse(MouseEventKind::Down(MouseButton::Left), 0));
        assert_eq!(
            selected_y(&draw(&mut app, 120, 30)),
            Some(before + 1),
            "pane {pane}"
        );
    }
}
