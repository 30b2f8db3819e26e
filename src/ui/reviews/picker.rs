//! `n` in the Reviews pane: choose whom to start a review for, by typing part of their name.

use super::{Entry, ReviewsPane};
use crate::domain::rating::Rating;
use crate::store::reviews;
use crate::ui::keymap;
use crate::ui::pane::{Ctx, Outcome, View};
use crate::ui::sanitize::clean;
use crate::ui::theme::rating_badge;
use crate::ui::widgets::keys::Pick;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// `n`: choose whom to start a review for, by typing part of their name.
pub(super) struct Picker {
    people: Vec<(i64, String, Rating)>,
    query: String,
    /// Indices into `people` matching the query (at most `PICKER_ROWS`).
    matches: Vec<usize>,
    selected: usize,
    /// The user changed the prefilled name (what a hang-up would lose).
    typed: bool,
}

const PICKER_ROWS: usize = 8;

impl Picker {
    fn refilter(&mut self) {
        let q = self.query.to_lowercase();
        self.matches = self
            .people
            .iter()
            .enumerate()
            .filter(|(_, (_, name, _))| q.is_empty() || name.to_lowercase().contains(&q))
            .map(|(i, _)| i)
            .take(PICKER_ROWS)
            .collect();
        self.selected = self.selected.min(self.matches.len().saturating_sub(1));
    }
    fn chosen(&self) -> Option<i64> {
        self.matches
            .get(self.selected)
            .and_then(|i| self.people.get(*i))
            .map(|p| p.0)
    }
}

impl ReviewsPane {
    /// Open the person picker, prefilled with the selected row's person.
    pub(super) fn open_picker(&mut self, ctx: &mut Ctx) {
        match reviews::person_names(ctx.store.conn()) {
            Ok(people) => {
                let query = self
                    .selected_entry()
                    .map(|e| e.person_name().to_string())
                    .unwrap_or_default();
                let mut p = Picker {
                    people,
                    query,
                    matches: Vec::new(),
                    selected: 0,
                    typed: false,
                };
                p.refilter();
                // The selected row's person comes first among namesakes.
                if let Some(pid) = self.selected_entry().map(Entry::person_id)
                    && let Some(pos) = p.matches.iter().position(|i| p.people[*i].0 == pid)
                {
                    p.selected = pos;
                }
                self.picker = Some(p);
            }
            Err(e) => ctx.error(e.to_string()),
        }
    }

    /// The name typed in the picker, when the user typed one.
    pub(super) fn picker_query(&self) -> Option<&str> {
        self.picker
            .as_ref()
            .filter(|p| p.typed && !p.query.is_empty())
            .map(|p| p.query.as_str())
    }

    /// Open the picker with `query` typed in it.
    pub(super) fn restore_picker(&mut self, query: &str, ctx: &mut Ctx) -> bool {
        self.open_picker(ctx);
        let Some(p) = self.picker.as_mut() else {
            return false;
        };
        p.query = query.to_string();
        p.typed = true;
        p.selected = 0;
        p.refilter();
        true
    }

    pub(super) fn picker_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Outcome {
        let Some(p) = self.picker.as_mut() else {
            return Outcome::Consumed;
        };
        let k = keymap::keys();
        match k.widgets.pick.action(&key) {
            Some(Pick::Cancel) => self.picker = None,
            Some(Pick::Choose) => {
                let chosen = p.chosen();
                self.picker = None;
                match chosen {
                    Some(pid) => self.start_review(pid, ctx),
                    None => ctx.error("Nobody matches: type part of a name"),
                }
            }
            None => match key.code {
                // Letters are the name here, so only the arrow keys move.
                KeyCode::Down | KeyCode::Up => {
                    if let Some(m) = k.motion.action(&key) {
                        p.selected = keymap::apply_motion(p.selected, p.matches.len(), 1, m);
                    }
                }
                KeyCode::Backspace => {
                    p.query.pop();
                    p.typed = true;
                    p.refilter();
                }
                KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                    p.query.push(c);
                    p.typed = true;
                    p.selected = 0;
                    p.refilter();
                }
                _ => {}
            },
        }
        Outcome::Consumed
    }

    pub(super) fn render_picker(&self, frame: &mut Frame, area: Rect, view: &View) {
        let Some(p) = &self.picker else { return };
        let t = view.theme;
        let inner = crate::ui::widgets::dialog::modal(
            frame,
            area,
            60,
            PICKER_ROWS as u16 + 4,
            " Start a review for… ",
            t,
        );
        let mut lines = vec![
            Line::from(vec![
                Span::styled("Name: ", t.header()),
                Span::styled(format!("{}_", clean(&p.query)), t.focus()),
            ]),
            Line::from(""),
        ];
        for (row, i) in p.matches.iter().enumerate() {
            let (_, name, rating) = &p.people[*i];
            let style = if row == p.selected {
                t.selected()
            } else {
                ratatui::style::Style::new()
            };
            lines.push(Line::from(vec![
                Span::styled(rating_badge(*rating), t.rating(*rating)),
                Span::styled(format!(" {}", clean(name)), style),
            ]));
        }
        if p.matches.is_empty() {
            lines.push(Line::from(Span::styled("Nobody matches", t.dim())));
        }
        frame.render_widget(ratatui::widgets::Paragraph::new(lines), inner);
    }
}
