//! The `?` overlay: every key of the current pane, from the same list as the hint bar. It
//! scrolls (a 60×20 window cannot show a pane's keys at once), `/` narrows it to the rows that
//! mention a word, and it names the settings file where keys can be rebound.

use super::keymap::{Binding, Keymap, actions};
use super::pane::View;
use super::sanitize::clean;
use super::widgets::{Field, FieldKey};
use crate::text::wrap;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

actions! {
    /// Keys of the `?` overlay.
    pub enum HelpAction {
        Close = "close", "close this help";
        Down = "down", "scroll down";
        Up = "up", "scroll up";
        PageDown = "page-down", "page down";
        PageUp = "page-up", "page up";
        Top = "top", "first";
        Bottom = "bottom", "last";
        Search = "search", "find a key or a word";
    }
}

pub fn table() -> Keymap<HelpAction> {
    use HelpAction::*;
    Keymap::new("help")
        .on(&["esc", "?", "q", "enter"], Close)
        .on(&["j", "down"], Down)
        .on(&["k", "up"], Up)
        .join("scroll")
        .on(&["pgdn", "space"], PageDown)
        .on(&["pgup"], PageUp)
        .join("page down / up")
        .on(&["g", "home"], Top)
        .on(&["G", "end"], Bottom)
        .join("first / last")
        .on(&["/"], Search)
}

/// The overlay's state while it is open.
#[derive(Default)]
pub struct Help {
    /// First line shown.
    scroll: usize,
    /// Lines that fit, from the last frame (paging moves by this much).
    page: usize,
    /// The `/` field while typing a search.
    search: Option<Field>,
    query: String,
    /// A jump to the end waits for the frame to know how many lines there are.
    to_end: bool,
}

impl Help {
    /// Feed a key; true when the help should close.
    pub fn handle_key(&mut self, key: KeyEvent) -> bool {
        if let Some(f) = self.search.as_mut() {
            match key.code {
                ratatui::crossterm::event::KeyCode::Enter => self.search = None,
                ratatui::crossterm::event::KeyCode::Esc => {
                    self.search = None;
                    self.query.clear();
                }
                _ => {
                    if f.handle_key(key) == FieldKey::Changed {
                        self.query = f.value().to_string();
                        self.scroll = 0;
                    }
                }
            }
            return false;
        }
        let page = self.page.max(1);
        match super::keymap::keys().help.action(&key) {
            Some(HelpAction::Close) => return true,
            Some(HelpAction::Down) => self.scroll += 1,
            Some(HelpAction::Up) => self.scroll = self.scroll.saturating_sub(1),
            Some(HelpAction::PageDown) => self.scroll += page,
            Some(HelpAction::PageUp) => self.scroll = self.scroll.saturating_sub(page),
            Some(HelpAction::Top) => self.scroll = 0,
            Some(HelpAction::Bottom) => self.to_end = true,
            Some(HelpAction::Search) => {
                self.search = Some(Field::new("/").with_value(&self.query));
            }
            None => {}
        }
        false
    }

    /// Is a search being typed (every key is text)?
    pub fn typing(&self) -> bool {
        self.search.is_some()
    }

    pub fn render(
        &mut self,
        frame: &mut Frame,
        view: &View,
        pane: &str,
        note: Option<&str>,
        bindings: &[Binding],
        settings: Option<&str>,
    ) {
        let t = view.theme;
        let area = frame.area();
        let width = area.width.saturating_sub(4).min(76);
        let inner_width = usize::from(width.saturating_sub(2));
        let q = self.query.to_lowercase();
        let rows: Vec<(String, &Binding)> = bindings
            .iter()
            .map(|b| (b.label(), b))
            .filter(|(label, b)| {
                q.is_empty()
                    || label.to_lowercase().contains(&q)
                    || b.desc.to_lowercase().contains(&q)
            })
            .collect();
        let key_width = rows
            .iter()
            .map(|(l, _)| l.chars().count())
            .max()
            .unwrap_or(4)
            .min(inner_width / 3);
        let mut lines: Vec<Line> = Vec::new();
        if let Some(n) = note.filter(|_| q.is_empty()) {
            lines.extend(
                wrap(n, inner_width.saturating_sub(1), "")
                    .into_iter()
                    .map(|l| Line::raw(format!(" {l}"))),
            );
            lines.push(Line::raw(""));
        }
        let desc_width = inner_width.saturating_sub(key_width + 3).max(10);
        for (label, b) in &rows {
            for (i, part) in wrap(b.desc, desc_width, "").into_iter().enumerate() {
                let keys = if i == 0 { label.as_str() } else { "" };
                lines.push(Line::from(vec![
                    Span::styled(format!(" {keys:<key_width$}  "), t.key()),
                    Span::raw(part),
                ]));
            }
        }
        if rows.is_empty() {
            lines.push(Line::styled(
                format!(" Nothing mentions \"{}\"", clean(&self.query)),
                t.dim(),
            ));
        }
        if let Some(path) = settings.filter(|_| q.is_empty()) {
            lines.push(Line::raw(""));
            for l in wrap(
                &format!("Keys can be rebound in the settings file: {path}"),
                inner_width.saturating_sub(1),
                "",
            ) {
                lines.push(Line::styled(format!(" {}", clean(&l)), t.dim()));
            }
        }
        // Borders, the search line and the footer.
        let chrome = 4;
        let height = (lines.len() as u16 + chrome).min(area.height);
        let [area] = Layout::horizontal([Constraint::Length(width)])
            .flex(Flex::Center)
            .areas(area);
        let [area] = Layout::vertical([Constraint::Length(height)])
            .flex(Flex::Center)
            .areas(area);
        let page = usize::from(height.saturating_sub(chrome)).max(1);
        self.page = page;
        let last = lines.len().saturating_sub(page);
        if std::mem::take(&mut self.to_end) {
            self.scroll = last;
        }
        self.scroll = self.scroll.min(last);
        frame.render_widget(Clear, area);
        let block = Block::default()
            .borders(Borders::ALL)
            .title(format!(" Keys: {pane} "));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if inner.height < 2 {
            return;
        }
        let search_row = Rect { height: 1, ..inner };
        match self.search.as_mut() {
            Some(f) => f.render(frame, search_row, 2, true, t),
            None if !self.query.is_empty() => frame.render_widget(
                Line::from(vec![
                    Span::styled(" /", t.key()),
                    Span::raw(clean(&self.query).into_owned()),
                    Span::styled("  (/ edits, Esc in the search clears it)", t.dim()),
                ]),
                search_row,
            ),
            None => frame.render_widget(
                Span::styled(" / finds a key or a word", t.dim()),
                search_row,
            ),
        }
        let body = Rect {
            y: inner.y + 1,
            height: inner.height.saturating_sub(2),
            ..inner
        };
        let shown: Vec<Line> = lines.into_iter().skip(self.scroll).take(page).collect();
        let total_more = last.saturating_sub(self.scroll);
        frame.render_widget(Paragraph::new(shown), body);
        let foot = Rect {
            y: inner.y + inner.height - 1,
            height: 1,
            ..inner
        };
        let position = if last == 0 {
            String::new()
        } else if total_more == 0 {
            "(end) · ".to_string()
        } else {
            format!("(↓ {total_more} more) · ")
        };
        frame.render_widget(
            Span::styled(
                format!(" {position}↑/↓ PgUp/PgDn Home/End · Esc closes"),
                t.dim(),
            ),
            foot,
        );
    }
}
