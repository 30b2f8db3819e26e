//! Drawing the Actions pane: header counts, the triage table (only visible rows) with a strip
//! for the selected action, the detail view with history, the search line and dialogs. Reads
//! state only.

use super::ActionsPane;
use crate::domain::action::{ActionStatus, days_overdue};
use crate::domain::dates::uk;
use crate::store::actions::{ActionEvent, ActionRow};
use crate::text::truncate;
use crate::ui::pane::View;
use crate::ui::sanitize::clean;
use crate::ui::theme::{Theme, rating_badge};
use crate::ui::widgets::wrap::wrap_line;
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

/// Where the action came from: spelled out (the strip, the detail) or short (the table).
fn source(a: &ActionRow, spelled: bool) -> String {
    match (a.review_id, a.question, spelled) {
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

/// The most columns a side column takes before it gives way to the action's text, narrow and
/// wide: person, owner, organisation.
const NARROW_CAPS: [u16; 3] = [13, 11, 0];
const WIDE_CAPS: [u16; 3] = [18, 14, 14];

/// Widths of the table's columns `width` wide. The person, owner and organisation take what
/// their longest visible text needs, up to a cap; the action takes the rest, so at 80 columns it
/// gets the room the side columns do not use. Narrow screens fold the late marker into the due
/// column and leave the source to the strip below.
fn column_widths(width: u16, wide: bool, needs: [u16; 3]) -> Vec<u16> {
    let caps = if wide { WIDE_CAPS } else { NARROW_CAPS };
    let [person, owner, org] = [0, 1, 2].map(|i| needs[i].clamp(6, 6.max(caps[i])));
    let mut w = vec![1, 3, person, 0, owner];
    let dates = crate::domain::dates::display_format();
    if wide {
        w.extend([org, dates.width(), 5, 11, 7]);
    } else {
        w.extend([dates.short_width(), 4]);
    }
    let gaps = w.len() as u16 - 1;
    let used: u16 = w.iter().sum::<u16>() + gaps;
    w[3] = width.saturating_sub(used).max(10);
    w
}

/// The due cell on a narrow screen: `!12d` when overdue (the date is in the strip), `today`,
/// or the date.
fn narrow_due(a: &ActionRow, today: NaiveDate, t: Theme) -> Span<'static> {
    match late_cell(a, today, t) {
        s if !s.content.is_empty() => s,
        _ => Span::raw(crate::domain::dates::display_format().short(a.due)),
    }
}

fn render_table(p: &mut ActionsPane, frame: &mut Frame, area: Rect, view: &View) {
    let t = view.theme;
    let wide = area.width >= WIDE;
    let strip = p
        .selected_row()
        .map(|a| strip_lines(a, area.width, view))
        .unwrap_or_default();
    let [area, strip_area] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(if strip.is_empty() {
            0
        } else {
            strip.len() as u16 + 1
        }),
    ])
    .areas(area);
    let block = Block::default().borders(Borders::TOP).title(header(p, t));
    p.page = (area.height.saturating_sub(2) as usize).max(1);
    p.offset = crate::ui::keymap::scroll_offset(p.selected, p.offset, p.page, p.list.len());
    let need = |f: fn(&ActionRow) -> &str| {
        p.list
            .window(p.offset, p.page)
            .map(|(_, a)| crate::text::width(f(a)) as u16)
            .max()
            .unwrap_or(0)
    };
    let needs = [
        need(|a| &a.person_name),
        need(|a| &a.owner),
        need(|a| &a.organisation),
    ];
    let widths = column_widths(area.width, wide, needs);
    let cut = |text: &str, col: usize| truncate(text, usize::from(widths[col]));
    let rows: Vec<Row> = p
        .list
        .window(p.offset, p.page)
        .map(|(pos, a)| {
            let marked = p.marked.contains(&a.id);
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
                Cell::from(cut(&a.person_name, 2)),
                Cell::from(cut(&a.text, 3)),
                Cell::from(cut(&a.owner, 4)),
            ];
            if wide {
                cells.extend([
                    Cell::from(cut(&a.organisation, 5)),
                    Cell::from(uk(a.due)),
                    Cell::from(late_cell(a, view.today, t)),
                ]);
            } else {
                cells.push(Cell::from(narrow_due(a, view.today, t)));
            }
            cells.push(Cell::from(Span::styled(
                status_text(a.status, wide),
                status_style,
            )));
            if wide {
                cells.push(Cell::from(source(a, false)));
            }
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
    let head = if wide {
        vec![
            "",
            "",
            "Person",
            "Action",
            "Owner",
            "Organisation",
            "Due",
            "Late",
            "Status",
            "Source",
        ]
    } else {
        vec!["", "", "Person", "Action", "Owner", "Due", "Stat"]
    };
    let table = Table::new(rows, widths.iter().map(|w| Constraint::Length(*w)))
        .header(Row::new(head).style(t.header()))
        .column_spacing(1)
        .block(block);
    frame.render_widget(table, area);
    if !strip.is_empty() {
        let block = Block::default()
            .borders(Borders::TOP)
            .border_style(t.dim())
            .title(Span::styled(" Selected action ", t.dim()));
        frame.render_widget(Paragraph::new(strip).block(block), strip_area);
    }
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

/// The most rows the strip takes, so the list keeps most of an 80×24 screen.
const STRIP_ROWS: usize = 4;

/// The selected action whole, under the list: its full text, then person, owner, due, status
/// and source, wrapped to `width` (a long text ends in `…` past the strip's rows).
fn strip_lines(a: &ActionRow, width: u16, view: &View) -> Vec<Line<'static>> {
    let t = view.theme;
    let late = days_overdue(a.status, a.due, view.today);
    let due = if late > 0 {
        Span::styled(
            format!(
                "due {}, {late} day{} overdue",
                uk(a.due),
                if late == 1 { "" } else { "s" }
            ),
            t.warning(),
        )
    } else {
        Span::raw(format!("due {}", uk(a.due)))
    };
    let owner = if a.organisation.trim().is_empty() {
        a.owner.clone()
    } else {
        format!("{}, {}", a.owner, a.organisation)
    };
    let sep = || Span::styled(" · ", t.dim());
    let facts = Line::from(vec![
        Span::raw(" "),
        Span::styled(rating_badge(a.person_rating), t.rating(a.person_rating)),
        Span::raw(format!(" {}", a.person_name)),
        sep(),
        Span::raw(format!("owner {owner}")),
        sep(),
        due,
        sep(),
        Span::raw(a.status.label()),
        sep(),
        Span::raw(source(a, true)),
    ]);
    let text = Line::from(Span::styled(
        format!(" {}", a.text),
        Style::new().add_modifier(Modifier::BOLD),
    ));
    let facts = wrap_line(&facts, width, 1);
    let room = STRIP_ROWS.saturating_sub(facts.len()).max(1);
    let mut text = wrap_line(&text, width, 1);
    if text.len() > room {
        text.truncate(room);
        if let Some(last) = text.last_mut() {
            let shown = last.to_string();
            *last = Line::styled(
                truncate(&format!("{shown} …"), usize::from(width)),
                Style::new().add_modifier(Modifier::BOLD),
            );
        }
    }
    text.into_iter().chain(facts).collect()
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
    // Due dates are kept as ISO text; on screen they read like every other date.
    let value = |v: &String| {
        chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").map_or_else(|_| v.clone(), uk)
    };
    let change = match (&e.from_value, &e.to_value) {
        (Some(f), Some(t)) => format!("{} → {}", value(f), value(t)),
        (None, Some(t)) => value(t),
        (Some(f), None) => value(f),
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
