//! Drawing the register list: the header with counts, filters and sort; the search row; the
//! table, whose columns give way as the terminal narrows.

use super::RegisterPane;
use super::list::{Unseen, unseen_match};
use crate::domain::age::age_on;
use crate::domain::dates::uk;
use crate::domain::rating::Rating;
use crate::domain::review::suggest_kind;
use crate::text;
use crate::ui::keymap;
use crate::ui::pane::View;
use crate::ui::sanitize::clean;
use crate::ui::theme::{Theme, rating_badge};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

impl RegisterPane {
    /// The list: header, search row (while searching or filtered by a query), then the table.
    pub(super) fn render_list(&mut self, frame: &mut Frame, area: Rect, view: &View) {
        let t = view.theme;
        frame.render_widget(
            Paragraph::new(self.header_line(view)).style(Style::new()),
            Rect { height: 1, ..area },
        );
        let mut table = Rect {
            y: area.y + 1,
            height: area.height - 1,
            ..area
        };
        let query = self.list.query().to_string();
        if self.search.is_some() || !query.is_empty() {
            let row = Rect { height: 1, ..table };
            let matches = format!(" {} found ", self.list.len());
            let mw = matches.chars().count() as u16;
            match self.search.as_mut() {
                Some(f) => f.render(
                    frame,
                    Rect {
                        width: row.width.saturating_sub(mw),
                        ..row
                    },
                    2,
                    true,
                    t,
                ),
                None => frame.render_widget(
                    Line::from(vec![
                        Span::styled(" /", t.key()),
                        Span::raw(clean(&query).into_owned()),
                        Span::styled("   (Esc clears, / edits)", t.dim()),
                    ]),
                    row,
                ),
            }
            frame.render_widget(
                Span::styled(matches, t.dim()),
                Rect {
                    x: row.x + row.width.saturating_sub(mw),
                    width: mw.min(row.width),
                    ..row
                },
            );
            table.y += 1;
            table.height = table.height.saturating_sub(1);
        }
        self.render_table(frame, table, view);
    }

    fn header_line(&self, view: &View) -> Line<'static> {
        let t = view.theme;
        if let Some(counts) = self.loading {
            let total: usize = counts.iter().sum();
            return Line::from(Span::styled(
                format!(" Register: loading {total} people… "),
                t.title(),
            ));
        }
        let counts = self.list.shown_counts();
        let mut spans = vec![Span::styled(
            format!(
                " Register: {} {} ",
                self.list.len(),
                if self.list.len() == 1 {
                    "person"
                } else {
                    "people"
                }
            ),
            t.title(),
        )];
        for (r, n) in Rating::ALL.iter().zip(counts) {
            spans.push(Span::styled(rating_badge(*r), t.rating(*r)));
            spans.push(Span::raw(format!("{n} ")));
        }
        let filters = self.list.filters().describe();
        if !filters.is_empty() {
            spans.push(Span::styled(
                format!(" filter: {} ", clean(&filters.join(", "))),
                t.warning(),
            ));
        }
        spans.push(Span::styled(
            format!(" sort: {}", self.list.sort().label()),
            t.dim(),
        ));
        if self.filter_chord {
            spans.push(Span::styled("  f… b/r/a/g k o t x c", t.key()));
        }
        Line::from(spans)
    }

    fn render_table(&mut self, frame: &mut Frame, area: Rect, view: &View) {
        if self.list.total() == 0 && self.loading.is_none() {
            return super::first_run::render(frame, area, view);
        }
        let t = view.theme;
        self.page = (area.height.saturating_sub(1) as usize).max(1);
        self.offset = keymap::scroll_offset(self.selected, self.offset, self.page, self.list.len());
        let w = area.width;
        let show_setting = w >= 110;
        let show_kind = w >= 72;
        let show_acts = w >= 66;
        let show_nhs = w >= 56;
        let mut widths = vec![Constraint::Length(3), Constraint::Fill(3)];
        let mut header = vec!["", "Name"];
        if show_nhs {
            widths.push(Constraint::Length(12));
            header.push("NHS number");
        }
        widths.push(Constraint::Length(3));
        header.push("Age");
        if show_kind {
            widths.push(Constraint::Length(4));
            header.push("Kind");
        }
        widths.push(Constraint::Fill(2));
        header.push("Keyworker");
        if show_setting {
            widths.push(Constraint::Fill(2));
            header.push("Setting");
        }
        // A mark (`!` overdue) before the date.
        widths.push(Constraint::Length(
            1 + crate::domain::dates::display_format().width(),
        ));
        header.push("Next review");
        if show_acts {
            widths.push(Constraint::Length(6));
            header.push("Acts");
        }
        // The Name column's width, as the table will lay it out, so a match note always fits.
        let name_width = Layout::horizontal(widths.clone())
            .spacing(1)
            .split(area)
            .get(1)
            .map_or(0, |r| usize::from(r.width));
        let nhs_shown = show_nhs && !view.privacy;
        let mut rows = Vec::with_capacity(self.page);
        for pos in self.offset..(self.offset + self.page).min(self.list.len()) {
            let Some(r) = self.list.get(pos) else { break };
            let due = match r.next_review_due {
                Some(d) if d < view.today => Span::styled(format!("!{}", uk(d)), t.warning()),
                Some(d) => Span::raw(format!(" {}", uk(d))),
                None => Span::styled(" -".to_string(), t.dim()),
            };
            let mut name = clean(&r.display_name()).into_owned();
            if r.archived {
                name.insert_str(0, "(archived) ");
            }
            let mut cells = vec![
                Cell::from(Span::styled(rating_badge(r.rating), t.rating(r.rating))),
                Cell::from(name_cell(
                    name,
                    &unseen_match(&r, self.list.query(), nhs_shown),
                    name_width,
                    t,
                )),
            ];
            if show_nhs {
                cells.push(Cell::from(
                    r.nhs_number
                        .as_ref()
                        .map(|n| n.to_string())
                        .unwrap_or_else(|| "-".into()),
                ));
            }
            cells.push(Cell::from(age_on(r.date_of_birth, view.today).to_string()));
            if show_kind {
                cells.push(Cell::from(
                    suggest_kind(r.date_of_birth, r.ehcp, view.today).code(),
                ));
            }
            cells.push(Cell::from(
                clean(r.keyworker.as_deref().unwrap_or("-")).into_owned(),
            ));
            if show_setting {
                cells.push(Cell::from(r.setting.map(|s| s.label()).unwrap_or("-")));
            }
            cells.push(Cell::from(Line::from(due)));
            if show_acts {
                let acts = match (r.open_actions, r.overdue_actions) {
                    (0, _) => Line::styled(" -", t.dim()),
                    (n, 0) => Line::raw(format!(" {n}")),
                    (n, late) => Line::from(vec![
                        Span::raw(format!(" {n} ")),
                        Span::styled(format!("!{late}"), t.warning()),
                    ]),
                };
                cells.push(Cell::from(acts));
            }
            let row = Row::new(cells);
            rows.push(if pos == self.selected {
                row.style(t.selected())
            } else {
                row
            });
        }
        let table = Table::new(rows, widths)
            .header(Row::new(header).style(t.header()))
            .column_spacing(1);
        frame.render_widget(table, area);
        if self.list.is_empty() && area.height > 1 {
            frame.render_widget(
                Line::styled(
                    "  No one matches. Esc clears the search; f c clears the filters.",
                    t.dim(),
                ),
                Rect {
                    y: area.y + 1,
                    height: 1,
                    ..area
                },
            );
        }
    }
}

/// A row's name, then why it matched when what matched is not on screen ("· matched local id"),
/// cut from the name's end rather than the reason's; the shorter "· local id" when the column is
/// too narrow for both.
fn name_cell(name: String, why: &[Unseen], width: usize, t: Theme) -> Line<'static> {
    let name_fits = text::width(&name) <= width;
    let labels: Vec<&str> = why
        .iter()
        // A preferred name is drawn in brackets at the end of the name: seen unless cut.
        .filter(|u| !(name_fits && **u == Unseen::PreferredName))
        .map(|u| u.label())
        .collect();
    if labels.is_empty() {
        return Line::raw(name);
    }
    let labels = labels.join(", ");
    let long = format!(" · matched {labels}");
    let note =
        if text::width(&name) + text::width(&long) <= width || text::width(&long) * 2 <= width {
            long
        } else {
            format!(" · {labels}")
        };
    let room = width.saturating_sub(text::width(&note));
    Line::from(vec![
        Span::raw(text::truncate(&name, room)),
        Span::styled(note, t.dim()),
    ])
}
