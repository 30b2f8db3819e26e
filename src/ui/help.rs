//! The `?` overlay: every key of the current pane, from the same list as the hint bar.

use super::keymap::{Binding, Keymap, actions};
use super::pane::View;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

actions! {
    /// Keys of the `?` overlay.
    pub enum HelpAction {
        Close = "close", "close this help";
    }
}

pub fn table() -> Keymap<HelpAction> {
    Keymap::new("help").on(&["esc", "?", "q", "enter"], HelpAction::Close)
}

pub fn render(
    frame: &mut Frame,
    view: &View,
    pane: &str,
    note: Option<&str>,
    bindings: &[Binding],
) {
    let t = view.theme;
    // Keys are padded to the widest, so the box fits the widest key plus the widest description.
    let labels: Vec<String> = bindings.iter().map(Binding::label).collect();
    let widest_keys = labels.iter().map(|l| l.chars().count()).max();
    let widest_desc = bindings.iter().map(|b| b.desc.chars().count()).max();
    let width = (widest_keys.unwrap_or(4) + widest_desc.unwrap_or(20) + 6).clamp(30, 76) as u16;
    // The note wraps inside the box: a few lines at most.
    let note_lines = note.map_or(0, |n| {
        n.chars().count() / (width as usize).saturating_sub(4).max(1) + 2
    });
    let height = (bindings.len() as u16 + 4 + note_lines as u16).min(frame.area().height);
    let [area] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(frame.area());
    let [area] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let key_width = widest_keys.unwrap_or(4);
    let mut lines: Vec<Line> = note
        .map(|n| vec![Line::raw(format!(" {n}")), Line::raw("")])
        .unwrap_or_default();
    lines.extend(bindings.iter().zip(&labels).map(|(b, label)| {
        Line::from(vec![
            Span::styled(format!(" {label:<key_width$}  "), t.key()),
            Span::raw(b.desc),
        ])
    }));
    lines.push(Line::from(Span::styled(
        " Esc or ? closes this help",
        t.dim(),
    )));
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .title(format!(" Keys: {pane} ")),
        ),
        area,
    );
}
