//! Drawing the Reviews list: one row per request, draft, person due, overdue report or finished
//! review, with the id the review commands take and the kind on every row.

use super::{Entry, Filter, ReviewsPane};
use crate::domain::dates::uk;
use crate::domain::review::{ReviewStatus, suggest_kind};
use crate::ui::keymap;
use crate::ui::pane::View;
use crate::ui::sanitize::clean;
use crate::ui::theme::rating_badge;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Row, Table};

impl ReviewsPane {
    pub(super) fn render_list(&mut self, frame: &mut Frame, area: Rect, view: &View) {
        let t = view.theme;
        self.page = (area.height.saturating_sub(2) as usize).max(1);
        self.offset =
            keymap::scroll_offset(self.selected, self.offset, self.page, self.shown.len());
        let today = view.today;
        let rows: Vec<Row> = self
            .shown
            .iter()
            .enumerate()
            .skip(self.offset)
            .take(self.page)
            .map(|(pos, i)| {
                let row = match &self.entries[*i] {
                    Entry::Request(q, overdue) => {
                        let (status, style) = if *overdue {
                            ("OVERDUE", t.warning())
                        } else {
                            ("REQUEST", t.focus())
                        };
                        Row::new(vec![
                            Cell::from(""),
                            Cell::from(Span::styled(status, style)),
                            Cell::from(uk(q.requested_on)),
                            Cell::from("-"),
                            Cell::from(format!("asked by {}", q.requested_by.label())),
                            Cell::from(clean(&q.person_name).into_owned()),
                        ])
                    }
                    Entry::ReportDue(o) => {
                        let what = match (o.report_sent, o.family_plan_sent) {
                            (false, false) => "report + family plan",
                            (true, false) => "family plan unsent",
                            _ => "report unsent",
                        };
                        Row::new(vec![
                            Cell::from(o.review_id.to_string()),
                            Cell::from(Span::styled("REPORT", t.warning())),
                            Cell::from(uk(o.due)),
                            Cell::from(o.kind.code()),
                            Cell::from(what),
                            Cell::from(clean(&o.person_name).into_owned()),
                        ])
                    }
                    Entry::Review(r) => {
                        let (status, style) = match r.status {
                            ReviewStatus::Draft => ("DRAFT", t.focus()),
                            ReviewStatus::Final => ("final", t.dim()),
                            ReviewStatus::Discarded => ("discard", t.dim()),
                        };
                        Row::new(vec![
                            Cell::from(r.id.to_string()),
                            Cell::from(Span::styled(status, style)),
                            Cell::from(uk(r.held_on)),
                            Cell::from(r.kind.code()),
                            Cell::from(r.review_type.label()),
                            Cell::from(clean(&r.person_name).into_owned()),
                        ])
                    }
                    Entry::Due(d) => {
                        let (status, style) = if d.due < today {
                            ("OVERDUE", t.warning())
                        } else {
                            ("due", Default::default())
                        };
                        // Not held yet: the kind it would be, as `R` suggests it.
                        let kind = suggest_kind(d.date_of_birth, d.ehcp, d.due.max(today));
                        Row::new(vec![
                            Cell::from(""),
                            Cell::from(Span::styled(status, style)),
                            Cell::from(uk(d.due)),
                            Cell::from(kind.code()),
                            Cell::from(d.review_type.map_or("-", |x| x.label())),
                            Cell::from(Line::from(vec![
                                Span::styled(rating_badge(d.rating), t.rating(d.rating)),
                                Span::raw(format!(" {}", clean(&d.person_name))),
                            ])),
                        ])
                    }
                };
                if pos == self.selected {
                    row.style(t.selected())
                } else {
                    row
                }
            })
            .collect();
        let mut title = format!(" Reviews: {} ", self.shown.len());
        if self.filter != Filter::All {
            title.push_str(&format!("· {} ", self.filter.label()));
        }
        if self.searching || !self.search.is_empty() {
            title.push_str(&format!(
                "· search: {}{} ",
                clean(&self.search),
                if self.searching { "_" } else { "" }
            ));
        }
        let table = Table::new(
            rows,
            [
                // The id `dsr review export` and `dsr review report` take.
                Constraint::Length(5),
                Constraint::Length(7),
                Constraint::Length(crate::domain::dates::display_format().width()),
                Constraint::Length(4),
                Constraint::Length(22),
                Constraint::Fill(1),
            ],
        )
        .header(Row::new(["Id", "Status", "Date", "Kind", "Type", "Person"]).style(t.header()))
        .column_spacing(1)
        .block(
            Block::default()
                .borders(Borders::TOP)
                .title(Span::styled(title, t.title())),
        );
        frame.render_widget(table, area);
        self.render_picker(frame, area, view);
        self.render_sent(frame, area, view);
        self.render_discard(frame, area, view);
        if self.shown.is_empty() {
            let msg = Line::from(Span::styled(
                "  No reviews here. Press R on a person in the register to start one.",
                t.dim(),
            ));
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
}
