//! Drawing a step: the header, the progress rail, and the step's items laid out top to bottom,
//! scrolled so the focused field is always in view. Views only read the wizard's state.

use super::{Field, FieldKind, Step, Wizard};
use crate::text::truncate;
use crate::ui::pane::View;
use crate::ui::sanitize::{clean, clean_multiline};
use crate::ui::theme::{Theme, rating_badge};
use crate::ui::widgets::wrap::wrap_line;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// One thing on a step's screen.
pub enum Item {
    Heading(String),
    /// A line of information (already styled).
    Info(Line<'static>),
    Field {
        field: Field,
        label: String,
        /// The value as shown when not being edited.
        value: String,
        style: Style,
    },
}

impl Item {
    pub fn field(&self) -> Option<Field> {
        match self {
            Item::Field { field, .. } => Some(*field),
            _ => None,
        }
    }
    pub fn field_of(field: Field, label: impl Into<String>, value: impl Into<String>) -> Item {
        Item::Field {
            field,
            label: label.into(),
            value: value.into(),
            style: Style::new(),
        }
    }
    pub fn styled(self, s: Style) -> Item {
        match self {
            Item::Field {
                field,
                label,
                value,
                ..
            } => Item::Field {
                field,
                label,
                value,
                style: s,
            },
            other => other,
        }
    }
}

/// Rows an item takes `width` columns wide: the findings editor grows to half the space; a
/// focused note gets three; a line of information wraps (a finalise blocker is read whole).
fn height(item: &Item, focused: bool, room: u16, width: u16) -> u16 {
    match item {
        Item::Field { field, .. } => match field.kind() {
            FieldKind::Multi => (room / 2).max(6),
            FieldKind::Note if focused => 3,
            _ => 1,
        },
        Item::Info(line) => info_lines(line, width).len() as u16,
        Item::Heading(_) => 1,
    }
}

/// A line of information wrapped to `width`, its later lines under the text after its bullet.
fn info_lines(line: &Line, width: u16) -> Vec<Line<'static>> {
    let text = line.to_string();
    let lead = text.len() - text.trim_start().len();
    let bullet = text.trim_start().starts_with("• ");
    wrap_line(line, width, lead + if bullet { 2 } else { 0 })
}

pub fn render(w: &mut Wizard, frame: &mut Frame, area: Rect, view: &View) {
    let t = view.theme;
    let wide = area.width >= 110;
    let (rail_area, main) = if wide {
        let [r, m] = Layout::horizontal([Constraint::Length(26), Constraint::Fill(1)]).areas(area);
        (Some(r), m)
    } else {
        (None, area)
    };
    let [head, rail_line, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(main);
    render_header(w, frame, head, &t);
    let incomplete = w.incomplete();
    if let Some(r) = rail_area {
        render_rail(w.review_id(), w.step, &incomplete, frame, r, &t);
        let title = format!(
            " Step {} of {}: {}",
            w.step.number(),
            Step::COUNT,
            w.step.title()
        );
        frame.render_widget(Paragraph::new(Span::styled(title, t.title())), rail_line);
    } else {
        render_compact_rail(w, &incomplete, frame, rail_line, &t);
    }
    let body = Rect {
        x: body.x + 1,
        width: body.width.saturating_sub(2),
        ..body
    };
    if let Some(ta) = &w.addendum {
        let block = Block::default().borders(Borders::ALL).title(Span::styled(
            " New addendum (Enter adds, Esc cancels) ",
            t.focus(),
        ));
        let inner = block.inner(body);
        frame.render_widget(block, body);
        frame.render_widget(ta, inner);
        return;
    }
    render_items(w, frame, body, &t);
}

fn render_header(w: &Wizard, frame: &mut Frame, area: Rect, t: &Theme) {
    let d = &w.data;
    let r = &d.review;
    let mut spans = vec![
        Span::styled(rating_badge(d.person.rating), t.rating(d.person.rating)),
        Span::styled(
            format!(" {} ", clean(&d.person.details.display_name())),
            Style::new().add_modifier(Modifier::BOLD),
        ),
        Span::raw(format!(
            "· {} · {} · {} ",
            r.kind.code(),
            r.review_type.label(),
            crate::domain::dates::uk(r.held_on)
        )),
    ];
    if d.is_final() {
        spans.push(Span::styled(" FINAL: read-only ", t.error()));
    } else {
        spans.push(Span::styled("draft, saved as you type", t.dim()));
    }
    if let Some(j) = &w.jump {
        spans = vec![
            Span::styled(" Go to step (1-11), Enter: ", t.focus()),
            Span::styled(format!("{j}_"), t.selected()),
        ];
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// One line: "Step 4/11 Q1 Safe" then the step numbers, unfinished ones marked.
fn render_compact_rail(
    w: &Wizard,
    incomplete: &[bool; 11],
    frame: &mut Frame,
    area: Rect,
    t: &Theme,
) {
    let mut spans = vec![Span::styled(
        format!(
            "Step {}/{} {:<10}",
            w.step.number(),
            Step::COUNT,
            w.step.short()
        ),
        t.title(),
    )];
    for (i, todo) in incomplete.iter().enumerate() {
        let mark = if *todo { "•" } else { "✓" };
        let style = if i == w.step.index() {
            t.selected()
        } else if *todo {
            t.warning()
        } else {
            t.ok()
        };
        spans.push(Span::raw(" "));
        spans.push(Span::styled(format!("{}{mark}", i + 1), style));
    }
    // The id `dsr review export` takes, where the line has room for it.
    spans.push(Span::styled(format!("  review {}", w.review_id()), t.dim()));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn render_rail(
    review_id: i64,
    step: Step,
    incomplete: &[bool; Step::COUNT],
    frame: &mut Frame,
    area: Rect,
    t: &Theme,
) {
    let mut lines = vec![Line::from(Span::styled(" Steps", t.header()))];
    for (i, s) in Step::ALL.iter().enumerate() {
        let name = s.short();
        let mark = if incomplete[i] { "•" } else { "✓" };
        let mark_style = if incomplete[i] { t.warning() } else { t.ok() };
        let style = if *s == step {
            t.selected()
        } else {
            Style::new()
        };
        lines.push(Line::from(vec![
            Span::styled(format!(" {mark} "), mark_style),
            Span::styled(format!("{:>2} {:<18}", i + 1, name), style),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(" • still to do", t.dim())));
    lines.push(Line::from(Span::styled(" g + number: jump", t.dim())));
    lines.push(Line::from(Span::styled(
        format!(" review {review_id}"),
        t.dim(),
    )));
    frame.render_widget(
        Paragraph::new(lines).block(Block::default().borders(Borders::RIGHT)),
        area,
    );
}

fn render_items(w: &mut Wizard, frame: &mut Frame, area: Rect, t: &Theme) {
    let items = w.items(t);
    let focused = w.focused();
    let total: u16 = items
        .iter()
        .map(|i| {
            let focus = i.field().is_some() && i.field() == focused;
            height(i, focus, area.height, area.width)
        })
        .sum();
    // When it does not all fit, the last row says how much more there is.
    let room = if total > area.height {
        area.height.saturating_sub(1)
    } else {
        area.height
    };
    // Positions of every item.
    let mut tops = Vec::with_capacity(items.len());
    let mut y: u16 = 0;
    let mut focus_span = (0u16, 1u16);
    for item in &items {
        let is_focus = item.field().is_some() && item.field() == focused;
        let h = height(item, is_focus, room, area.width);
        if is_focus {
            focus_span = (y, h);
        }
        tops.push((y, h));
        y = y.saturating_add(h);
    }
    // Keep the focused field in view, with the line above it (its heading or label) if there is room.
    let (ftop, fh) = focus_span;
    if ftop < w.scroll.saturating_add(1) {
        w.scroll = ftop.saturating_sub(1);
    } else if ftop + fh > w.scroll + room {
        w.scroll = (ftop + fh).saturating_sub(room);
    }
    if y <= room {
        w.scroll = 0;
    }
    for (item, (top, h)) in items.iter().zip(tops) {
        if top < w.scroll || top + h > w.scroll + room {
            continue;
        }
        let rect = Rect {
            x: area.x,
            y: area.y + top - w.scroll,
            width: area.width,
            height: h,
        };
        let is_focus = item.field().is_some() && item.field() == focused;
        draw_item(w, item, is_focus, frame, rect, t);
    }
    if y > room {
        let below = y.saturating_sub(w.scroll + room);
        let more = match (w.scroll > 0, below > 0) {
            (true, true) => format!(
                "  ↑↓ more above and below ({} of {} rows)",
                w.scroll + room,
                y
            ),
            (false, true) => format!("  ↓ more below ({} of {} rows)", room, y),
            _ => format!("  ↑ more above ({} rows)", y),
        };
        let r = Rect {
            y: area.y + area.height.saturating_sub(1),
            height: 1,
            ..area
        };
        frame.render_widget(Paragraph::new(Span::styled(more, t.dim())), r);
    }
}

fn draw_item(w: &Wizard, item: &Item, focus: bool, frame: &mut Frame, rect: Rect, t: &Theme) {
    match item {
        Item::Heading(s) => frame.render_widget(
            Paragraph::new(Span::styled(clean(s).into_owned(), t.header())),
            rect,
        ),
        Item::Info(line) => frame.render_widget(Paragraph::new(info_lines(line, rect.width)), rect),
        Item::Field {
            field,
            label,
            value,
            style,
        } => {
            let editor = w
                .editor
                .as_ref()
                .filter(|e| focus && e.field == *field)
                .map(|e| &e.area);
            let label_style = if focus { t.selected() } else { Style::new() };
            match field.kind() {
                FieldKind::Multi => {
                    let title_style = if focus { t.focus() } else { t.header() };
                    let held = w
                        .held()
                        .filter(|_| focus)
                        .map(|h| format!(" ({})", super::held_note(h)));
                    let mut block = Block::default().borders(Borders::ALL).title(Span::styled(
                        format!(" {label}{} ", held.unwrap_or_default()),
                        title_style,
                    ));
                    if focus && w.editing {
                        block = block.border_style(t.focus());
                    }
                    let inner = block.inner(rect);
                    frame.render_widget(block, rect);
                    match editor {
                        Some(ta) => frame.render_widget(ta, inner),
                        None => {
                            let text = clean_multiline(value).into_owned();
                            let p = if text.is_empty() {
                                Paragraph::new(Span::styled("(nothing written yet)", t.dim()))
                            } else {
                                Paragraph::new(text).wrap(Wrap { trim: false })
                            };
                            frame.render_widget(p, inner);
                        }
                    }
                }
                FieldKind::Line | FieldKind::Note => {
                    let lw = (rect.width / 3).clamp(10, 24);
                    let [l, v] = Layout::horizontal([Constraint::Length(lw), Constraint::Fill(1)])
                        .areas(rect);
                    let marker = if focus && w.editing { "✎ " } else { "  " };
                    frame.render_widget(
                        Paragraph::new(Span::styled(
                            truncate(&format!("{marker}{label}"), lw as usize - 1),
                            label_style,
                        )),
                        l,
                    );
                    match editor {
                        Some(ta) if focus => frame.render_widget(ta, v),
                        _ => {
                            let mut text = clean(&value.replace('\n', " ")).into_owned();
                            if let Some(h) = w.held().filter(|_| focus) {
                                text = format!("[{}] {text}", super::held_note(h));
                            }
                            let span = if text.is_empty() {
                                Span::styled("-", t.dim())
                            } else {
                                Span::styled(truncate(&text, v.width as usize), *style)
                            };
                            frame.render_widget(Paragraph::new(span), v);
                        }
                    }
                }
                FieldKind::Choice | FieldKind::Date | FieldKind::Button => {
                    let shown = if field.kind() == FieldKind::Button {
                        format!("[ {value} ]")
                    } else {
                        format!("‹ {value} ›")
                    };
                    let vw = (crate::text::width(&shown) as u16 + 1).min(rect.width / 2);
                    let [l, v] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(vw)])
                        .areas(rect);
                    let marker = if focus { "▸ " } else { "  " };
                    frame.render_widget(
                        Paragraph::new(Span::styled(
                            truncate(&format!("{marker}{}", clean(label)), l.width as usize),
                            label_style,
                        )),
                        l,
                    );
                    let vstyle = if focus {
                        style.add_modifier(Modifier::BOLD | Modifier::REVERSED)
                    } else {
                        *style
                    };
                    frame.render_widget(
                        Paragraph::new(Span::styled(truncate(&shown, vw as usize), vstyle)),
                        v,
                    );
                }
            }
        }
    }
}
