//! Hostile and invisible text on the screen: drawn through the real app on ratatui's TestBackend,
//! nothing raw reaches a cell, invisible marks are shown, and wide text keeps the columns.

use crate::support::screen::{draw, find, lines};
use chrono::NaiveDate;
use dsr::demo::{DemoSpec, generate};
use dsr::store::Store;
use dsr::ui::app::App;
use dsr::ui::theme::Theme;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

fn app_with_names(dir: &std::path::Path, names: &[(&str, &str)]) -> App {
    let path = dir.join("screen.db");
    let mut store = Store::open(&path, "tester").expect("open");
    generate(
        &mut store,
        DemoSpec {
            people: names.len(),
            seed: 7,
            today: today(),
        },
        |_| {},
    )
    .expect("demo");
    let conn = rusqlite::Connection::open(&path).expect("open");
    for (i, (given, family)) in names.iter().enumerate() {
        conn.execute(
            "UPDATE person SET given_name = ?1, family_name = ?2, rating = 'AMBER' WHERE id = ?3",
            rusqlite::params![given, family, i as i64 + 1],
        )
        .expect("rename");
    }
    let mut app = App::new(store, today(), Theme::mono(), false);
    app.load_active();
    app
}

fn invisible_or_control(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200B}'..='\u{200F}' | '\u{2028}' | '\u{2029}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2060}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
        )
}

#[test]
fn invisible_marks_are_shown_and_columns_stay_aligned() {
    let dir = tempfile::tempdir().expect("dir");
    let mut app = app_with_names(
        dir.path(),
        &[
            ("Plain", "Aaaa"),
            ("Zw\u{200B}sp\u{200D}j", "Abbb"),
            ("Lrm\u{200E}Rlm\u{200F}Alm\u{061C}", "Accc"),
            ("Line\u{2028}sep", "Addd"),
            ("Esc\u{1b}[2J\u{9b}", "Aeee"),
            ("👨\u{200D}👩\u{200D}👧", "Afff"),
        ],
    );
    let buf = draw(&mut app, 100, 24);
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let symbol = buf[(x, y)].symbol();
            assert!(
                !symbol.chars().any(invisible_or_control),
                "cell ({x},{y}) holds {symbol:?}:\n{}",
                lines(&buf).join("\n")
            );
        }
    }
    let shown = lines(&buf).join("\n");
    assert!(shown.contains("Zw\u{FFFD}sp\u{FFFD}j"), "{shown}");
    // Every row's NHS number starts in the same column, whatever the name held.
    let columns: Vec<u16> = ["Aaaa", "Abbb", "Accc", "Addd", "Aeee", "Afff"]
        .iter()
        .map(|family| {
            let (_, y) = find(&buf, family).unwrap_or_else(|| panic!("{family} shown:\n{shown}"));
            let row: Vec<&str> = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
            find_in_row(&row, "999 000")
                .unwrap_or_else(|| panic!("NHS number on the {family} row:\n{shown}"))
        })
        .collect();
    assert!(
        columns.windows(2).all(|w| w[0] == w[1]),
        "{columns:?}\n{shown}"
    );
}

fn find_in_row(row: &[&str], needle: &str) -> Option<u16> {
    let line: String = row.concat();
    let byte = line.find(needle)?;
    let mut seen = 0;
    row.iter()
        .position(|s| {
            seen += s.len();
            seen > byte
        })
        .map(|x| x as u16)
}
