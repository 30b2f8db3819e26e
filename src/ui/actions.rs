//! The Actions pane: open actions, overdue first (most days overdue at the top).

use super::keymap::{self, Binding, MOTION_BINDINGS};
use super::pane::{Ctx, Outcome, Pane, View};
use super::sanitize::clean;
use super::theme::rating_badge;
use crate::domain::action::{days_overdue, triage_order};
use crate::domain::dates::uk;
use crate::store::actions::{self, ActionRow};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Cell, Row, Table};

#[derive(Default)]
pub struct ActionsPane {
    rows: Vec<ActionRow>,
    selected: usize,
    offset: usize,
    page: usize,
}

impl Pane for ActionsPane {
    fn load(&mut self, ctx: &mut Ctx) -> crate::store::Result<()> {
        let mut rows: Vec<ActionRow> = actions::all(ctx.store.conn())?
            .into_iter()
            .filter(|a| !a.status.is_closed())
            .collect();
        rows.sort_by(|a, b| triage_order((a.status, a.due), (b.status, b.due), ctx.today));
        self.rows = rows;
        self.selected = 0;
        Ok(())
    }

    fn handle_key(&mut self, key: KeyEvent, _ctx: &mut Ctx) -> Outcome {
        if let Some(m) = keymap::motion(&key) {
            self.selected = keymap::apply_motion(self.selected, self.rows.len(), self.page, m);
            return Outcome::Consumed;
        }
        Outcome::Ignored
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, view: &View) {
        let t = view.theme;
        self.page = (area.height.saturating_sub(2) as usize).max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + self.page {
            self.offset = self.selected + 1 - self.page;
        }
        let rows: Vec<Row> = self
            .rows
            .iter()
            .enumerate()
            .skip(self.offset)
            .take(self.page)
            .map(|(i, a)| {
                let late = days_overdue(a.status, a.due, view.today);
                let late = if late > 0 {
                    Span::styled(format!("!{late}d"), t.warning())
                } else {
                    Span::raw("")
                };
                let row = Row::new(vec![
                    Cell::from(Span::styled(
                        rating_badge(a.person_rating),
                        t.rating(a.person_rating),
                    )),
                    Cell::from(clean(&a.person_name).into_owned()),
                    Cell::from(clean(&a.text).into_owned()),
                    Cell::from(clean(&a.owner).into_owned()),
                    Cell::from(uk(a.due)),
                    Cell::from(late),
                ]);
                if i == self.selected {
                    row.style(t.selected())
                } else {
                    row
                }
            })
            .collect();
        let table = Table::new(
            rows,
            [
                Constraint::Length(3),
                Constraint::Fill(2),
                Constraint::Fill(3),
                Constraint::Fill(2),
                Constraint::Length(10),
                Constraint::Length(6),
            ],
        )
        .header(Row::new(["", "Person", "Action", "Owner", "Due", "Late"]).style(t.header()))
        .block(Block::default().borders(Borders::TOP).title(Span::styled(
            format!(" Open actions: {} ", self.rows.len()),
            t.title(),
        )));
        frame.render_widget(table, area);
    }

    fn bindings(&self) -> Vec<Binding> {
        MOTION_BINDINGS.to_vec()
    }
}
