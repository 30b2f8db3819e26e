//! The `?` help scrolls to its last row in a small window, finds rows with `/`, and names the
//! settings file.

mod support;

use chrono::NaiveDate;
use dsr::ui::help::Help;
use dsr::ui::keymap::{Binding, keys};
use dsr::ui::pane::View;
use dsr::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::screen::text;

fn press(h: &mut Help, code: KeyCode) -> bool {
    h.handle_key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// The register list's keys, then the global ones, as the app shows them.
fn bindings() -> Vec<Binding> {
    let k = keys();
    let mut b = k.motion.bindings();
    b.extend(k.register.list.bindings());
    b.extend(k.global.bindings());
    b
}

fn draw(h: &mut Help, w: u16, rows: u16) -> String {
    let view = View {
        today: NaiveDate::from_ymd_opt(2026, 11, 24).expect("date"),
        theme: Theme::mono(),
        privacy: false,
    };
    let mut t = Terminal::new(TestBackend::new(w, rows)).expect("terminal");
    t.draw(|f| {
        h.render(
            f,
            &view,
            "Register",
            None,
            &bindings(),
            Some("/home/jo/.config/dsr/config.toml"),
        )
    })
    .expect("draw");
    text(t.backend().buffer())
}

#[test]
fn help_at_60x20_reaches_its_last_row() {
    let last = bindings().last().expect("rows").desc;
    let mut h = Help::default();
    let first = draw(&mut h, 60, 20);
    assert!(first.contains("more)"), "says there is more:\n{first}");
    assert!(!first.contains("config.toml"), "{first}");
    press(&mut h, KeyCode::End);
    let end = draw(&mut h, 60, 20);
    assert!(end.contains(last), "{last:?} not reachable:\n{end}");
    assert!(end.contains("config.toml"), "settings file named:\n{end}");
    assert!(end.contains("(end)"), "{end}");
    // Page by page from the top reaches it too.
    press(&mut h, KeyCode::Home);
    draw(&mut h, 60, 20);
    for _ in 0..10 {
        press(&mut h, KeyCode::PageDown);
        draw(&mut h, 60, 20);
    }
    assert!(draw(&mut h, 60, 20).contains(last));
    assert!(press(&mut h, KeyCode::Esc), "Esc closes");
}

#[test]
fn slash_finds_the_rows_that_mention_a_word() {
    let mut h = Help::default();
    press(&mut h, KeyCode::Char('/'));
    for c in "theme".chars() {
        assert!(!press(&mut h, KeyCode::Char(c)), "typing never closes");
    }
    let s = draw(&mut h, 60, 20);
    assert!(s.contains("next colour theme"), "{s}");
    assert!(!s.contains("re-rate"), "{s}");
    press(&mut h, KeyCode::Esc);
    let s = draw(&mut h, 60, 20);
    assert!(s.contains("re-rate"), "Esc in the search clears it:\n{s}");
}
