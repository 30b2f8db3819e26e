//! Reading a rendered ratatui buffer in render tests: the app drawn to a TestBackend, its rows as
//! text, and where a piece of text sits (to check that cell's colour or modifier).
#![allow(dead_code)]

use chrono::NaiveDate;
use dsr::demo::{DemoSpec, generate};
use dsr::store::Store;
use dsr::ui::app::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// Draw the whole app on a `w`×`h` test terminal.
pub fn draw(app: &mut App, w: u16, h: u16) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| app.render(f)).expect("draw");
    t.backend().buffer().clone()
}

/// Each row of the buffer as text.
pub fn lines(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height)
        .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

/// The whole buffer as text, rows joined by newlines.
pub fn text(buf: &Buffer) -> String {
    lines(buf).join("\n")
}

/// Column and row of the first cell of `needle`. Columns count cells, so text after a wide
/// character still maps to the right cell.
pub fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    (0..buf.area.height).find_map(|y| {
        let mut line = String::new();
        let mut cell_of_byte = Vec::new();
        for x in 0..buf.area.width {
            let symbol = buf[(x, y)].symbol();
            cell_of_byte.extend(std::iter::repeat_n(x, symbol.len()));
            line.push_str(symbol);
        }
        line.find(needle).map(|b| (cell_of_byte[b], y))
    })
}

/// A fixed-seed demo register of `people` at a fixed relative path (`target/DIR/NAME.db`), so the
/// status bar, which shows the file, is the same on every machine. Each test uses its own file.
pub fn fixed_demo_store(dir: &str, name: &str, people: usize, today: NaiveDate) -> Store {
    let dir = std::path::PathBuf::from("target").join(dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join(format!("{name}.db"));
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
    }
    let mut store = Store::open(&path, "screenshot").expect("open");
    generate(
        &mut store,
        DemoSpec {
            people,
            seed: 7,
            today,
        },
        |_| {},
    )
    .expect("demo register");
    store
}
