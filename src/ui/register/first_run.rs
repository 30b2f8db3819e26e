//! What a register with nobody on it shows: the three ways to begin, each with its key or
//! command, so a new user is never left looking at an empty table.

use super::keys::RegisterAction;
use crate::ui::keymap::{self, Global};
use crate::ui::pane::View;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Width of the key column: the longest command plus a gap.
const KEY_WIDTH: usize = 22;

/// Draw the first steps in `area` (where the table would be).
pub(super) fn render(frame: &mut Frame, area: Rect, view: &View) {
    let t = view.theme;
    // Keys as the user's settings bind them (any may have been rebound).
    let k = keymap::keys();
    let first = |keys: Vec<keymap::Key>| keys.first().map(ToString::to_string);
    let add = first(k.register.list.keys_of(RegisterAction::Add)).unwrap_or_default();
    let help = first(k.global.keys_of(Global::Help)).unwrap_or_default();
    let palette = first(k.global.keys_of(Global::Palette)).unwrap_or_default();
    let quit = first(k.global.keys_of(Global::Quit)).unwrap_or_default();
    let steps: [(String, Vec<String>); 3] = [
        (
            add,
            vec![
                "Add a person: the form checks each field as you go,".into(),
                "and asks for their consent next.".into(),
            ],
        ),
        (
            "dsr import FILE.csv".into(),
            vec![
                "Import people from a spreadsheet you keep already:".into(),
                format!("{quit} to quit, then run it in the shell. It is a dry run"),
                "that changes nothing until you add --commit.".into(),
            ],
        ),
        (
            "dsr --demo".into(),
            vec![
                "Look around first: a demo register of fictional".into(),
                format!("people, kept apart from this one ({quit}, then run it)."),
            ],
        ),
    ];
    let mut lines = vec![
        Line::raw(""),
        Line::styled("  The register is empty. What to do first:", t.title()),
        Line::raw(""),
    ];
    for (key, words) in steps {
        for (i, w) in words.iter().enumerate() {
            let first = if i == 0 { key.as_str() } else { "" };
            lines.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(format!("{first:<KEY_WIDTH$}"), t.key()),
                Span::raw(w.clone()),
            ]));
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::from(vec![
        Span::raw("  "),
        Span::styled(help, t.key()),
        Span::styled(" every key   ", t.dim()),
        Span::styled(palette, t.key()),
        Span::styled(" command palette   ", t.dim()),
        Span::styled(quit, t.key()),
        Span::styled(" quit", t.dim()),
    ]));
    frame.render_widget(Paragraph::new(lines), area);
}
