//! The Register pane: one row per person, most severe rating first. Holds the whole register in
//! memory as compact rows and draws only the visible window, so 100,000 people scroll instantly.

use super::keymap::{self, Binding, MOTION_BINDINGS, hint};
use super::pane::{Ctx, Outcome, Pane, View};
use super::sanitize::clean;
use super::theme::rating_badge;
use crate::domain::age::age_on;
use crate::domain::dates::uk;
use crate::domain::rating::Rating;
use crate::domain::review::suggest_kind;
use crate::store::people::{self, RegisterRow};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Row, Table};

#[derive(Default)]
pub struct RegisterPane {
    rows: Vec<RegisterRow>,
    /// Indices into `rows` of the people shown, in display order.
    shown: Vec<usize>,
    selected: usize,
    offset: usize,
    page: usize,
    counts: [usize; 4],
}

impl RegisterPane {
    /// People on the register (archived excluded) per rating, in B, R, A, G order.
    pub fn rating_counts(&self) -> [usize; 4] {
        self.counts
    }

    pub fn selected_row(&self) -> Option<&RegisterRow> {
        self.shown
            .get(self.selected)
            .and_then(|i| self.rows.get(*i))
    }

    fn rebuild(&mut self) {
        let keep = self.selected_row().map(|r| r.id);
        self.counts = [0; 4];
        for r in self.rows.iter().filter(|r| !r.archived) {
            self.counts[r.rating as usize] += 1;
        }
        let rows = &self.rows;
        self.shown = (0..rows.len()).filter(|i| !rows[*i].archived).collect();
        self.shown.sort_by(|a, b| {
            let (a, b) = (&rows[*a], &rows[*b]);
            (a.rating, &a.family_name, &a.given_name, a.id).cmp(&(
                b.rating,
                &b.family_name,
                &b.given_name,
                b.id,
            ))
        });
        self.selected = keep
            .and_then(|id| self.shown.iter().position(|i| self.rows[*i].id == id))
            .unwrap_or(0)
            .min(self.shown.len().saturating_sub(1));
    }
}

impl Pane for RegisterPane {
    fn load(&mut self, ctx: &mut Ctx) -> crate::store::Result<()> {
        self.rows = people::register_rows(ctx.store.conn(), ctx.today)?;
        self.rebuild();
        Ok(())
    }

    fn handle_key(&mut self, key: KeyEvent, _ctx: &mut Ctx) -> Outcome {
        if let Some(m) = keymap::motion(&key) {
            self.selected = keymap::apply_motion(self.selected, self.shown.len(), self.page, m);
            return Outcome::Consumed;
        }
        match key.code {
            KeyCode::Char('R') => match self.selected_row() {
                Some(r) => Outcome::Request(super::pane::Request::StartReview { person_id: r.id }),
                None => Outcome::Consumed,
            },
            _ => Outcome::Ignored,
        }
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, view: &View) {
        let t = view.theme;
        let title = format!(" Register: {} people ", self.shown.len());
        let block = Block::default()
            .borders(Borders::TOP)
            .title(Span::styled(title, t.title()));
        let inner_height = area.height.saturating_sub(2) as usize; // top border + header
        self.page = inner_height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + self.page {
            self.offset = self.selected + 1 - self.page;
        }
        let wide = area.width >= 100;
        let rows: Vec<Row> = self
            .shown
            .iter()
            .enumerate()
            .skip(self.offset)
            .take(self.page)
            .map(|(pos, i)| {
                let r = &self.rows[*i];
                let due = match r.next_review_due {
                    Some(d) if d < view.today => Span::styled(format!("!{}", uk(d)), t.warning()),
                    Some(d) => Span::raw(format!(" {}", uk(d))),
                    None => Span::styled(" -".to_string(), t.dim()),
                };
                let mut cells = vec![
                    Cell::from(Span::styled(rating_badge(r.rating), t.rating(r.rating))),
                    Cell::from(clean(&r.display_name()).into_owned()),
                    Cell::from(
                        r.nhs_number
                            .as_ref()
                            .map(|n| n.to_string())
                            .unwrap_or_else(|| "-".into()),
                    ),
                    Cell::from(age_on(r.date_of_birth, view.today).to_string()),
                    Cell::from(suggest_kind(r.date_of_birth, r.ehcp, view.today).code()),
                    Cell::from(clean(r.keyworker.as_deref().unwrap_or("-")).into_owned()),
                    Cell::from(Line::from(due)),
                ];
                if wide {
                    cells.push(Cell::from(r.setting.map(|s| s.label()).unwrap_or("-")));
                }
                let row = Row::new(cells);
                if pos == self.selected {
                    row.style(t.selected())
                } else {
                    row
                }
            })
            .collect();
        let mut widths = vec![
            Constraint::Length(3),
            Constraint::Fill(3),
            Constraint::Length(12),
            Constraint::Length(3),
            Constraint::Length(4),
            Constraint::Fill(2),
            Constraint::Length(11),
        ];
        let mut header = vec![
            "",
            "Name",
            "NHS number",
            "Age",
            "Kind",
            "Keyworker",
            "Next review",
        ];
        if wide {
            widths.push(Constraint::Fill(2));
            header.push("Setting");
        }
        let table = Table::new(rows, widths)
            .header(Row::new(header).style(t.header()))
            .column_spacing(1)
            .block(block);
        frame.render_widget(table, area);
        if self.shown.is_empty() {
            let msg = Line::from(Span::styled("  The register is empty.", t.dim()));
            frame.render_widget(
                msg,
                Rect {
                    y: area.y + 2,
                    height: 1,
                    ..area
                },
            );
        }
    }

    fn bindings(&self) -> Vec<Binding> {
        let mut b = MOTION_BINDINGS.to_vec();
        b.push(hint("R", "start a C(E)TR for this person"));
        b
    }
}

/// Ratings index the counts array in severity order.
impl From<Rating> for usize {
    fn from(r: Rating) -> usize {
        r as usize
    }
}
