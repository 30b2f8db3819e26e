//! The Reviews pane: drafts first, then finished reviews. (The wizard arrives with its issue.)

use super::keymap::{self, Binding, MOTION_BINDINGS};
use super::pane::{Ctx, Outcome, Pane, View};
use super::sanitize::clean;
use crate::domain::dates::uk;
use crate::domain::review::ReviewStatus;
use crate::store::reviews::{self, ReviewRow};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Row, Table};

#[derive(Default)]
pub struct ReviewsPane {
    rows: Vec<ReviewRow>,
    selected: usize,
    offset: usize,
    page: usize,
}

impl ReviewsPane {
    /// Start a draft review for a person (from the register's `R`).
    pub fn start_review(&mut self, person_id: i64, ctx: &mut Ctx) {
        ctx.info(format!(
            "The review wizard for person {person_id} is not built yet"
        ));
    }
}

impl Pane for ReviewsPane {
    fn load(&mut self, ctx: &mut Ctx) -> crate::store::Result<()> {
        let mut rows = reviews::all(ctx.store.conn())?;
        rows.sort_by(|a, b| {
            (
                a.status != ReviewStatus::Draft,
                std::cmp::Reverse(a.held_on),
            )
                .cmp(&(
                    b.status != ReviewStatus::Draft,
                    std::cmp::Reverse(b.held_on),
                ))
        });
        self.rows = rows;
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
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
            .map(|(i, r)| {
                let row = Row::new(vec![
                    r.status.code().to_string(),
                    uk(r.held_on),
                    r.kind.code().to_string(),
                    r.review_type.label().to_string(),
                    clean(&r.person_name).into_owned(),
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
                Constraint::Length(6),
                Constraint::Length(10),
                Constraint::Length(4),
                Constraint::Length(22),
                Constraint::Fill(1),
            ],
        )
        .header(Row::new(["Status", "Date", "Kind", "Type", "Person"]).style(t.header()))
        .block(Block::default().borders(Borders::TOP).title(Span::styled(
            format!(" Reviews: {} ", self.rows.len()),
            t.title(),
        )));
        frame.render_widget(table, area);
    }

    fn bindings(&self) -> Vec<Binding> {
        MOTION_BINDINGS.to_vec()
    }
}
