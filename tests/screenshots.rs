//! Themes as a person sees them (every theme's selected row readable, high contrast without faint
//! text), the SVG screenshots pinned to their grid, and the README screenshots of the themes.

mod support;

use support::screen::{draw, text};

use chrono::NaiveDate;
use dsr::demo::{DemoSpec, generate};
use dsr::store::Store;
use dsr::ui::app::App;
use dsr::ui::theme::{Theme, ThemeName};
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};
use std::path::{Path, PathBuf};
use support::svg::{buffer_to_svg, check_or_update};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

/// A 60-person demo register (seed 7) at a fixed relative path, so the status bar is the same on
/// every machine.
fn demo_app(name: &str, theme: Theme) -> App {
    let dir = PathBuf::from("target/screenshots-ui");
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join(format!("{name}.db"));
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
    }
    let mut store = Store::open(&path, "screenshot").expect("open");
    generate(
        &mut store,
        DemoSpec {
            people: 60,
            seed: 7,
            today: today(),
        },
        |_| {},
    )
    .expect("demo register");
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
