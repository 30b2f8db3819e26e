//! Modal boxes: a centred, bordered, cleared area to draw a dialog in, and a yes/no question.

use super::keys::Answer;
use crate::text::{truncate, wrap};
use crate::ui::keymap::keys;
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// A `width` × `height` rectangle centred in `area`, shrunk to fit.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [r] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(area);
    let [r] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(r);
    r
}

/// Clear a centred box of `width` × `height` (border included) inside `area`, draw its border
/// and `title`, and return the inside to draw the dialog's content in.
pub fn modal(
    frame: &mut Frame,
    area: Rect,
    width: u16,
    height: u16,
    title: &str,
    theme: Theme,
) -> Rect {
    let outer = centered(area, width, height);
    frame.render_widget(Clear, outer);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus())
        .title(Span::styled(
            truncate(title, usize::from(outer.width.saturating_sub(2))),
            theme.title(),
        ));
    let inner = block.inner(outer);
    frame.render_widget(block, outer);
    inner
}

/// A form in a modal box `width` wide, tall enough for the form, its errors and the footer (or
/// `min_height`, if taller): the last problem, if any, then the keys that work. Every line wraps,
/// so a message is read whole, never cut at the border.
#[allow(clippy::too_many_arguments)]
pub fn form_modal<K: Copy + PartialEq + std::fmt::Debug>(
    frame: &mut Frame,
    area: Rect,
    width: u16,
    min_height: u16,
    title: &str,
    form: &mut super::form::Form<K>,
    problem: Option<&str>,
    keys: &str,
    theme: Theme,
) {
    let inner_width = width.min(area.width).saturating_sub(2);
    let foot = footer(problem, keys, inner_width, theme);
    let foot_h = foot.len() as u16;
    // Borders, and a blank row each side of the footer's space.
    let needed = form.height(inner_width) + foot_h + 4;
    let inner = modal(frame, area, width, needed.max(min_height), title, theme);
    let foot_h = foot_h.min(inner.height);
    form.render(
        frame,
        Rect {
            height: inner.height - foot_h,
            ..inner
        },
        theme,
    );
    frame.render_widget(
        Paragraph::new(foot),
        Rect {
            y: inner.y + inner.height - foot_h,
            height: foot_h,
            ..inner
        },
    );
}

/// A dialog's last lines, wrapped to `width`: the problem (if any), then the keys that work.
pub fn footer(problem: Option<&str>, keys: &str, width: u16, theme: Theme) -> Vec<Line<'static>> {
    let width = usize::from(width);
    let mut lines = Vec::new();
    if let Some(m) = problem {
        lines.extend(
            wrap(&format!("⚠ {m}"), width, "  ")
                .into_iter()
                .map(|l| Line::styled(l, theme.warning())),
        );
    }
    lines.extend(
        wrap(keys, width, "")
            .into_iter()
            .map(|l| Line::styled(l, theme.dim())),
    );
    lines
}

/// What a key did to a yes/no question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmEvent {
    Yes,
    No,
    /// Any other key: still asking.
    Pending,
}

/// "Discard your changes? y/n": `y` answers yes; `n` or `Esc` answers no.
#[derive(Debug, Clone)]
pub struct Confirm {
    pub question: String,
    /// What the question is about, in the border: the dialog it was asked from, which names the
    /// person or action.
    title: String,
}

impl Confirm {
    pub fn new(question: impl Into<String>) -> Confirm {
        Confirm {
            question: question.into(),
            title: " Are you sure? ".into(),
        }
    }

    /// Asked from a dialog: its title (naming the person or action) goes on this box too.
    /// (An empty title keeps "Are you sure?".)
    pub fn titled(mut self, title: &str) -> Confirm {
        if !title.trim().is_empty() {
            self.title = format!(" {} ", title.trim());
        }
        self
    }

    pub fn handle_key(&self, key: KeyEvent) -> ConfirmEvent {
        match keys().widgets.confirm.action(&key) {
            Some(Answer::Yes) => ConfirmEvent::Yes,
            Some(Answer::No) => ConfirmEvent::No,
            None => ConfirmEvent::Pending,
        }
    }

    /// Draw centred in `area`, tall enough for the whole question.
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: Theme) {
        let widest = crate::text::width(&self.question).max(crate::text::width(&self.title));
        let width = (widest as u16 + 4).clamp(30, 70).min(area.width);
        let question = wrap(&self.question, usize::from(width.saturating_sub(2)), "");
        let height = question.len() as u16 + 4;
        let inner = modal(frame, area, width, height, &self.title, theme);
        let mut text: Vec<Line> = question.into_iter().map(Line::from).collect();
        text.push(Line::raw(""));
        text.push(Line::from(vec![
            Span::styled("y", theme.key()),
            Span::raw(" yes   "),
            Span::styled("n", theme.key()),
            Span::raw("/"),
            Span::styled("Esc", theme.key()),
            Span::raw(" no"),
        ]));
        frame.render_widget(Paragraph::new(text), inner);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    #[test]
    fn confirm_answers() {
        let c = Confirm::new("Discard?");
        let k = |c| KeyEvent::new(c, KeyModifiers::NONE);
        assert_eq!(c.handle_key(k(KeyCode::Char('y'))), ConfirmEvent::Yes);
        assert_eq!(c.handle_key(k(KeyCode::Esc)), ConfirmEvent::No);
        assert_eq!(c.handle_key(k(KeyCode::Char('q'))), ConfirmEvent::Pending);
        assert_eq!(
            centered(Rect::new(0, 0, 80, 24), 40, 10),
            Rect::new(20, 7, 40, 10)
        );
        assert_eq!(
            centered(Rect::new(0, 0, 20, 5), 40, 10),
            Rect::new(0, 0, 20, 5)
        );
    }
}
