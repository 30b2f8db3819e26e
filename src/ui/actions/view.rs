//! Drawing the Actions pane: header counts, the triage table (only visible rows), the detail view
//! with history, the search line and dialogs. Reads state only.

use super::ActionsPane;
use crate::domain::action::{ActionStatus, days_overdue};
use crate::domain::dates::uk;
use crate::store::actions::{ActionEvent, ActionRow};
use crate::ui::pane::View;
use crate::ui::sanitize::clean;
use crate::ui::theme::{Theme, rating_badge};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

/// Wide layouts spell out status, organisation and source.
const WIDE: u16 = 110;

pub(super) fn render(p: &mut ActionsPane, frame: &mut Frame, area: Rect, view: &View) {
    let t = view.theme;
    let search_open = p.search.is_some() || !p.filter.search.is_empty();
    let [main, search] = Layout::vertical([
        Constraint::Min(2),
        Constraint::Length(u16::from(search_open)),
    ])
    .areas(area);
    if let Some(id) = p.detail.as_ref().map(|d| d.id) {
        match p.list.by_id(id) {
            Some(a) => render_detail(p, a, frame, main, view),
            None => frame.render_widget(Paragraph::new("This action is no longer listed."), main),
        }
    } else {
        render_table(p, frame, main, view);
    }
    if search_open {
        match &mut p.search {
            Some(field) => field.render(frame, search, 2, true, t),
            None => frame.render_widget(
                Line::from(vec![
                    Span::styled(" /", t.key()),
                    Span::raw(clean(&p.filter.search).into_owned()),
                    Span::styled("   (/ edits, Esc clears)", t.dim()),
                ]),
                search,
            ),
        }
    }
    if let Some(d) = &mut p.dialog {
        d.render(frame, area, t);
    }
}

fn header(p: &ActionsPane, t: Theme) -> Line<'static> {
    let c = p.list.counts();
    let mut spans = vec![
        Span::styled(" Actions ", t.title()),
        Span::styled(
            format!("{} overdue", c.overdue),
            if c.overdue > 0 {
                t.warning()
            } else {
                Style::new()
            },
        ),
        Span::raw(format!(
            " · {} due this week · {} open ",
            c.this_week, c.open
        )),
        Span::styled(format!("[{}] ", p.filter.view.label()), t.focus()),
    ];
    for chip in p.filter.chips() {
        spans.push(Span::styled(format!("[{}] ", clean(&chip)), t.key()));
    }
    if !p.marked.is_empty() {
        spans.push(Span::styled(
            format!("{} marked ", p.marked.len()),
            t.selected(),
        ));
    }
    Line::from(spans)
}

fn status_text(s: ActionStatus, wide: bool) -> &'static str {
    if wide {
        return s.label();
    }
    match s {
        ActionStatus::Open => "open",
        ActionStatus::InProgress => "prog",
        ActionStatus::Escalated => "ESC",
        ActionStatus::Done => "done",
        ActionStatus::Cancelled => "canc",
    }
}

fn source(a: &ActionRow, wide: bool) -> String {
    match (a.review_id, a.question, wide) {
        (Some(r), Some(q), true) => format!("review {r} Q{q}"),
        (Some(r), None, true) => format!("review {r}"),
        (Some(r), Some(q), false) => format!("R{r} Q{q}"),
        (Some(r), None, false) => format!("R{r}"),
        (None, _, true) => "by hand".into(),
        (None, _, false) => "-".into(),
    }
}

/// The "late" cell: `!12d` when overdue (readable without colour), `today` when due today.
fn late_cell(a: &ActionRow, today: NaiveDate, t: Theme) -> Span<'static> {
    let late = days_overdue(a.status, a.due, today);
    if late > 0 {
        Span::styled(format!("!{late}d"), t.warning())
    } else if !a.status.is_closed() && a.due == today {
        Span::styled("today", t.key())
    } else {
        Span::raw("")
    }
}

fn render_table(p: &mut ActionsPane, frame: &mut Frame, area: Rect, view: &View) {
    let t = view.theme;
    let wide = area.width >= WIDE;
    let block = Block::default().borders(Borders::TOP).title(header(p, t));
    p.page = (area.height.saturating_sub(2) as usize).max(1);
    p.offset = crate::ui::keymap::scroll_offset(p.selected, p.offset, p.page, p.list.len());
    let rows: Vec<Row> = p
        .list
        .window(p.offset, p.page)
        .map(|(pos, a)| {
            let marked = p.marked.contains(&a.id);
            let due = if wide {
                uk(a.due)
            } else {
                a.due.format("%d/%m/%y").to_string()
            };
            // Narrow screens show the owner; the organisation has its own column when wide.
            let owner = clean(&a.owner).into_owned();
            let status_style = match a.status {
                ActionStatus::Escalated => t.warning(),
                s if s.is_closed() => t.dim(),
                _ => Style::new(),
            };
            let mut cells = vec![
                Cell::from(if marked { "*" } else { " " }),
                Cell::from(Span::styled(
                    rating_badge(a.person_rating),
                    t.rating(a.person_rating),
                )),
                Cell::from(clean(&a.person_name).into_owned()),
                Cell::from(clean(&a.text).into_owned()),
                Cell::from(owner),
            ];
            if wide {
                cells.push(Cell::from(clean(&a.organisation).into_owned()));
            }
            cells.extend([
                Cell::from(due),
                Cell::from(late_cell(a, view.today, t)),
                Cell::from(Span::styled(status_text(a.status, wide), status_style)),
                Cell::from(source(a, wide)),
            ]);
            let mut style = Style::new();
            if marked {
                style = style.add_modifier(Modifier::BOLD);
            }
            if pos == p.selected {
                style = style.patch(t.selected());
            }
            Row::new(cells).style(style)
        })
        .collect();
    let mut widths = vec![
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Fill(2),
        Constraint::Fill(4),
        Constraint::Fill(2),
    ];
    let mut head = vec!["", "", "Person", "Action", "Owner"];
    if wide {
        widths.push(Constraint::Fill(2));
        head.push("Organisation");
    }
    widths.extend([
        Constraint::Length(if wide { 10 } else { 8 }),
        Constraint::Length(5),
        Constraint::Length(if wide { 11 } else { 4 }),
        Constraint::Length(if wide { 12 } else { 7 }),
    ]);
    head.extend(["Due", "Late", "Status", "Source"]);
    let table = Table::new(rows, widths)
        .header(Row::new(head).style(t.header()))
        .column_spacing(1)
        .block(block);
    frame.render_widget(table, area);
    if p.list.is_empty() && area.height > 2 {
        let msg = if p.list.total() == 0 && p.has_closed {
            "  No actions yet: finished reviews create them, or press a to add one."
        } else if p.list.total() == 0 {
            "  No open actions: f shows done ones; a adds one."
        } else {
            "  No actions match: f changes the view, Esc clears the filters."
        };
        frame.render_widget(
            Line::from(Span::styled(msg, t.dim())),
            Rect {
                y: area.y + 2,
                height: 1,
                ..area
            },
        );
    }
}

fn field<'a>(label: &'a str, value: Vec<Span<'a>>, t: Theme) -> Line<'a> {
    let mut spans = vec![Span::styled(
        format!(" {label:<13}"),
        t.header().remove_modifier(Modifier::UNDERLINED),
    )];
    spans.extend(value);
    Line::from(spans)
}

fn event_line(e: &ActionEvent) -> String {
    let at = crate::ui::when::local_stamp(&e.at);
    let change = match (&e.from_value, &e.to_value) {
        (Some(f), Some(t)) => format!("{f} → {t}"),
        (None, Some(t)) => t.clone(),
        (Some(f), None) => f.clone(),
        (None, None) => String::new(),
    };
    let reason = e
        .reason
        .as_deref()
        .map(|r| format!("  “{r}”"))
        .unwrap_or_default();
    clean(&format!(
        "{at}  {:<10} {:<11} {change}{reason}",
        e.by_user, e.kind
    ))
    .into_owned()
}

fn render_detail(p: &ActionsPane, a: &ActionRow, frame: &mut Frame, area: Rect, view: &View) {
    let t = view.theme;
    let Some(d) = &p.detail else { return };
    let late = days_overdue(a.status, a.due, view.today);
    let mut due = vec![Span::raw(uk(a.due))];
    if late > 0 {
        due.push(Span::styled(format!("  !{late} days overdue"), t.warning()));
    }
    let mut lines = vec![
        field(
            "Person",
            vec![
                Span::styled(rating_badge(a.person_rating), t.rating(a.person_rating)),
                Span::raw(format!(" {}", clean(&a.person_name))),
            ],
            t,
        ),
        field("Action", vec![Span::raw(clean(&a.text).into_owned())], t),
        field(
            "Owner",
            vec![Span::raw(format!(
                "{} ({})",
                clean(&a.owner),
                clean(&a.organisation)
            ))],
            t,
        ),
        field("Due", due, t),
        field("Status", vec![Span::raw(a.status.label())], t),
        field("Source", vec![Span::raw(source(a, true))], t),
    ];
    if let Some(c) = a.completed_on {
        lines.push(field("Completed", vec![Span::raw(uk(c))], t));
    }
    if let Some(e) = &a.evidence {
        lines.push(field("Evidence", vec![Span::raw(clean(e).into_owned())], t));
    }
    lines.push(Line::raw(""));
    let n = d.history.len();
    lines.push(Line::from(Span::styled(
        format!(
            " History ({n} {}, oldest first)",
            if n == 1 { "entry" } else { "entries" }
        ),
        t.header(),
    )));
    for e in d.history.iter().skip(d.scroll) {
        lines.push(Line::raw(format!(" {}", event_line(e))));
    }
    let block = Block::default()
        .borders(Borders::TOP)
        .title(Span::styled(format!(" Action {} ", a.id), t.title()));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}
