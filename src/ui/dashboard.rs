//! The Dashboard pane (`4`): the figures a DSR meeting asks for, as charts. All figures come from
//! `store::dashboard::dashboard` (a dozen aggregate queries, run when the pane loads), so drawing a
//! frame touches no data beyond a few dozen numbers.

mod journey;
pub mod keys;

use super::keymap::{self, Binding};
use super::pane::{Ctx, Outcome, Pane, View};
use super::sanitize::clean;
use super::theme::Theme;
use crate::domain::rating::Rating;
use crate::domain::returns::STAY_BANDS;
use crate::domain::review::ReviewType;
use crate::store::dashboard::{self, Dashboard};
use keys::DashboardAction;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, LineGauge, Paragraph, Sparkline};

/// Rows of panels, each with its height; the pane scrolls when they do not all fit.
const ROWS: [u16; 6] = [6, 7, 8, 12, 9, 8];

#[derive(Default)]
pub struct DashboardPane {
    data: Option<Dashboard>,
    /// First line shown of the panels drawn one under another.
    offset: u16,
    max_offset: u16,
    page: u16,
}

impl DashboardPane {
    pub fn data(&self) -> Option<&Dashboard> {
        self.data.as_ref()
    }
}

fn block<'a>(title: String, t: Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(t.dim())
        .title(Span::styled(format!(" {title} "), t.title()))
}

/// A chart colour, or plain text in monochrome.
fn fg(t: Theme, c: Color) -> Style {
    t.fg(c)
}

/// The admissions chart's three series (unplanned, planned, discharged) each fill their bars
/// with their own pattern, so they read apart without colour: monochrome, colour blindness, a
/// grey projector.
const FLOW_SERIES: [(&str, Color, &str); 3] = [
    ("█", Color::Red, "unplanned"),
    ("▒", Color::Yellow, "planned"),
    ("░", Color::Green, "discharged"),
];

fn review_type_label(code: &str) -> String {
    ReviewType::parse(code)
        .map(|t| t.label().to_string())
        .unwrap_or_else(|| code.to_string())
}

/// A horizontal bar chart of labelled counts (labels cleaned and cut to `label_width`).
fn ranked_bars<'a>(
    items: &[(String, u64)],
    rows: usize,
    label_width: usize,
    style: Style,
    t: Theme,
) -> BarChart<'a> {
    let bars: Vec<Bar> = items
        .iter()
        .take(rows)
        .map(|(label, n)| {
            let label: String = clean(label).chars().take(label_width).collect();
            Bar::default()
                .value(*n)
                .label(Line::from(label))
                .text_value(n.to_string())
                .style(style)
                .value_style(value_style(t))
        })
        .collect();
    BarChart::default()
        .direction(Direction::Horizontal)
        .data(BarGroup::default().bars(&bars))
        .bar_width(1)
        .bar_gap(0)
}

/// Refill the full cells of each flow bar with its series' pattern. The chart draws groups of three
/// bars of `width` cells, one cell apart, from the left edge; the bottom row holds the month labels.
fn pattern_flow_bars(buf: &mut Buffer, area: Rect, groups: usize, width: u16) {
    let full = ratatui::symbols::bar::FULL;
    let group = FLOW_SERIES.len() as u16 * width + 1;
    for g in 0..groups as u16 {
        for (k, (pattern, _, _)) in FLOW_SERIES.iter().enumerate() {
            let x0 = area.x + g * group + k as u16 * width;
            for x in x0..(x0 + width).min(area.right()) {
                for y in area.y..area.bottom().saturating_sub(1) {
                    let cell = &mut buf[(x, y)];
                    if cell.symbol() == full {
                        cell.set_symbol(pattern);
                    }
                }
            }
        }
    }
}

fn value_style(t: Theme) -> Style {
    if t.has_colour() {
        Style::new().fg(Color::Black).bg(Color::Gray)
    } else {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
}

impl DashboardPane {
    fn ratings_now(&self, d: &Dashboard, buf: &mut Buffer, area: Rect, t: Theme) {
        let total: u64 = d.ratings_now.iter().sum();
        let b = block(format!("On the register now: {total}"), t);
        let inner = b.inner(area);
        ratatui::widgets::Widget::render(b, area, buf);
        let bars: Vec<Bar> = Rating::ALL
            .iter()
            .map(|r| {
                let n = d.ratings_now[*r as usize];
                Bar::default()
                    .value(n)
                    .label(Line::from(r.letter().to_string()))
                    .text_value(format!("{n} {}", r.code()))
                    .style(t.rating_colour(*r))
                    .value_style(t.rating(*r))
            })
            .collect();
        let chart = BarChart::default()
            .direction(Direction::Horizontal)
            .data(BarGroup::default().bars(&bars))
            .bar_width(1)
            .bar_gap(0);
        ratatui::widgets::Widget::render(chart, inner, buf);
    }

    fn ratings_trend(&self, d: &Dashboard, buf: &mut Buffer, area: Rect, t: Theme) {
        let first = d
            .ratings_by_month
            .first()
            .map(|(m, _)| m.format("%b %y").to_string())
            .unwrap_or_default();
        let b = block(format!("Ratings by month since {first}"), t);
        let inner = b.inner(area);
        ratatui::widgets::Widget::render(b, area, buf);
        for (i, r) in Rating::ALL.iter().enumerate() {
            if i as u16 >= inner.height {
                break;
            }
            let row = Rect {
                y: inner.y + i as u16,
                height: 1,
                ..inner
            };
            let [label, spark, value] = Layout::horizontal([
                Constraint::Length(2),
                Constraint::Fill(1),
                Constraint::Length(12),
            ])
            .areas(row);
            let series: Vec<u64> = d.ratings_by_month.iter().map(|(_, c)| c[i]).collect();
            let first = series.first().copied().unwrap_or(0);
            let last = series.last().copied().unwrap_or(0);
            buf.set_span(
                label.x,
                label.y,
                &Span::styled(r.letter().to_string(), t.rating(*r)),
                1,
            );
            let max = series.iter().copied().max().unwrap_or(0).max(1);
            ratatui::widgets::Widget::render(
                Sparkline::default()
                    .data(&series)
                    .max(max)
                    .style(t.rating_colour(*r)),
                spark,
                buf,
            );
            let change = last as i64 - first as i64;
            buf.set_span(
                value.x,
                value.y,
                &Span::raw(format!("{last:>5} ({change:+})")),
                value.width,
            );
        }
    }

    fn flows(&self, d: &Dashboard, buf: &mut Buffer, area: Rect, t: Theme) {
        let adm: u64 = d
            .flows
            .iter()
            .map(|f| f.admitted_planned + f.admitted_unplanned)
            .sum();
        let unplanned: u64 = d.flows.iter().map(|f| f.admitted_unplanned).sum();
        let out: u64 = d.flows.iter().map(|f| f.discharged).sum();
        let b = block(
            format!("12 months: {adm} admissions ({unplanned} unplanned), {out} discharges"),
            t,
        )
        .title_bottom(Line::from(
            FLOW_SERIES
                .iter()
                .map(|(pattern, colour, label)| {
                    Span::styled(format!(" {pattern} {label} "), fg(t, *colour))
                })
                .chain([Span::styled("(bars in that order) ", t.dim())])
                .collect::<Vec<_>>(),
        ));
        let inner = b.inner(area);
        ratatui::widgets::Widget::render(b, area, buf);
        let width = (inner.width / 12).saturating_sub(1) / 3;
        let groups: Vec<BarGroup> = d
            .flows
            .iter()
            .map(|f| {
                let month =
                    chrono::NaiveDate::parse_from_str(&format!("{}-01", f.month), "%Y-%m-%d")
                        .map(|m| m.format("%b").to_string())
                        .unwrap_or_default();
                // Counts inside the bars only when the bars are wide enough to read them.
                let bar = |n: u64, c: Color| {
                    Bar::default()
                        .value(n)
                        .text_value(if width >= 2 && n < 100 {
                            n.to_string()
                        } else {
                            String::new()
                        })
                        .style(fg(t, c))
                        .value_style(value_style(t))
                };
                let counts = [f.admitted_unplanned, f.admitted_planned, f.discharged];
                let bars: Vec<Bar> = counts
                    .iter()
                    .zip(FLOW_SERIES)
                    .map(|(n, (_, colour, _))| bar(*n, colour))
                    .collect();
                BarGroup::default().label(Line::from(month)).bars(&bars)
            })
            .collect();
        let mut chart = BarChart::default()
            .bar_width(width.max(1))
            .bar_gap(0)
            .group_gap(1)
            .label_style(t.dim());
        for g in groups {
            chart = chart.data(g);
        }
        ratatui::widgets::Widget::render(chart, inner, buf);
        pattern_flow_bars(buf, inner, d.flows.len(), width.max(1));
    }

    fn stays(&self, d: &Dashboard, buf: &mut Buffer, area: Rect, t: Theme) {
        let n: u64 = d.stay_bands.iter().sum();
        let b = block(
            format!("Stay: {n} inpatients, longest {}d", d.longest_stay_days),
            t,
        );
        let inner = b.inner(area);
        ratatui::widgets::Widget::render(b, area, buf);
        let items: Vec<(String, u64)> = STAY_BANDS
            .iter()
            .zip(&d.stay_bands)
            .map(|((_, label), n)| (label.to_string(), *n))
            .collect();
        let chart = ranked_bars(&items, items.len(), 6, fg(t, Color::Blue), t);
        ratatui::widgets::Widget::render(chart, inner, buf);
    }

    fn reviews(&self, d: &Dashboard, buf: &mut Buffer, area: Rect, t: Theme) {
        let overdue: u64 = d.reviews_overdue.iter().map(|(_, n)| n).sum();
        let b = block("Reviews".into(), t);
        let inner = b.inner(area);
        ratatui::widgets::Widget::render(b, area, buf);
        let mut lines = vec![
            Line::from(vec![
                Span::raw("Reviews overdue: "),
                Span::styled(
                    overdue.to_string(),
                    if overdue > 0 { t.warning() } else { t.ok() },
                ),
            ]),
            Line::from(Span::styled("  next C(E)TR due before today", t.dim())),
        ];
        for (code, n) in &d.reviews_overdue {
            lines.push(Line::from(format!(
                "  {:<28}{n:>5}",
                review_type_label(code)
            )));
        }
        ratatui::widgets::Widget::render(Paragraph::new(lines), inner, buf);
    }

    /// Community C(E)TR before admission with its gauge, then the rest of the journey.
    fn journey(&self, d: &Dashboard, buf: &mut Buffer, area: Rect, t: Theme) {
        let b = block("C(E)TR journey, last 12 months".into(), t);
        let inner = b.inner(area);
        ratatui::widgets::Widget::render(b, area, buf);
        let mut lines = journey::before_admission_lines(&d.journey, t);
        lines.extend(journey::journey_lines(&d.journey, t));
        ratatui::widgets::Widget::render(
            Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }),
            inner,
            buf,
        );
        if inner.height > 1 {
            let gauge_area = Rect {
                y: inner.y + 1,
                height: 1,
                ..inner
            };
            ratatui::widgets::Widget::render(
                LineGauge::default()
                    .ratio(journey::children_ratio(&d.journey).clamp(0.0, 1.0))
                    .filled_style(fg(t, Color::Green).add_modifier(Modifier::BOLD))
                    .unfilled_style(t.dim()),
                gauge_area,
                buf,
            );
        }
    }

    fn before_admission_months(&self, d: &Dashboard, buf: &mut Buffer, area: Rect, t: Theme) {
        let b = block("Children: community C(E)TR before".into(), t);
        let inner = b.inner(area);
        ratatui::widgets::Widget::render(b, area, buf);
        ratatui::widgets::Widget::render(
            Paragraph::new(journey::month_lines(&d.journey, t))
                .wrap(ratatui::widgets::Wrap { trim: false }),
            inner,
            buf,
        );
    }

    fn outcomes(&self, d: &Dashboard, buf: &mut Buffer, area: Rect, t: Theme) {
        let b = block("Review outcomes, last 12 months".into(), t);
        let inner = b.inner(area);
        ratatui::widgets::Widget::render(b, area, buf);
        ratatui::widgets::Widget::render(
            Paragraph::new(journey::outcome_lines(&d.journey, t))
                .wrap(ratatui::widgets::Wrap { trim: false }),
            inner,
            buf,
        );
    }

    fn actions(&self, d: &Dashboard, buf: &mut Buffer, area: Rect, t: Theme) {
        let total: u64 = d.actions_overdue.iter().map(|(_, n)| n).sum();
        let b = block(format!("Actions overdue by organisation: {total}"), t);
        let inner = b.inner(area);
        ratatui::widgets::Widget::render(b, area, buf);
        let chart = ranked_bars(
            &d.actions_overdue,
            inner.height as usize,
            16,
            fg(t, Color::Red),
            t,
        );
        ratatui::widgets::Widget::render(chart, inner, buf);
    }

    fn caseloads(&self, d: &Dashboard, buf: &mut Buffer, area: Rect, t: Theme) {
        let b = block(
            format!(
                "Keyworker caseloads ({} children without one)",
                d.children_without_keyworker
            ),
            t,
        );
        let inner = b.inner(area);
        ratatui::widgets::Widget::render(b, area, buf);
        let chart = ranked_bars(
            &d.caseloads,
            inner.height as usize,
            14,
            fg(t, Color::Cyan),
            t,
        );
        ratatui::widgets::Widget::render(chart, inner, buf);
    }

    fn render_row(&self, row: usize, d: &Dashboard, buf: &mut Buffer, area: Rect, t: Theme) {
        let halves = |area: Rect| -> [Rect; 2] {
            Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(area)
        };
        match row {
            0 => {
                let [l, r] = halves(area);
                self.ratings_now(d, buf, l, t);
                self.ratings_trend(d, buf, r, t);
            }
            1 => self.flows(d, buf, area, t),
            2 => {
                let [l, r] = halves(area);
                self.stays(d, buf, l, t);
                self.reviews(d, buf, r, t);
            }
            3 => self.journey(d, buf, area, t),
            4 => {
                let [l, r] = halves(area);
                self.before_admission_months(d, buf, l, t);
                self.outcomes(d, buf, r, t);
            }
            _ => {
                let [l, r] = halves(area);
                self.actions(d, buf, l, t);
                self.caseloads(d, buf, r, t);
            }
        }
    }
}

impl DashboardPane {
    pub fn perform(&mut self, a: DashboardAction, ctx: &mut Ctx) -> Outcome {
        match a {
            DashboardAction::Refresh => {
                match self.load(ctx) {
                    Ok(()) => ctx.info("Dashboard refreshed"),
                    Err(e) => ctx.error(e.to_string()),
                }
                Outcome::Consumed
            }
        }
    }
}

impl Pane for DashboardPane {
    fn loads_on_demand(&self) -> bool {
        true
    }

    fn load(&mut self, ctx: &mut Ctx) -> crate::store::Result<()> {
        self.data = Some(dashboard::dashboard(ctx.store.conn(), ctx.today)?);
        Ok(())
    }

    fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Outcome {
        if let Some(m) = keymap::motion(&key) {
            self.offset = keymap::apply_motion(
                self.offset.into(),
                usize::from(self.max_offset) + 1,
                self.page.into(),
                m,
            ) as u16;
            return Outcome::Consumed;
        }
        match keymap::keys().dashboard.main.action(&key) {
            Some(a) => self.perform(a, ctx),
            None => Outcome::Ignored,
        }
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, view: &View) {
        let t = view.theme;
        let Some(d) = self.data.as_ref() else {
            frame.render_widget(Paragraph::new("Loading the dashboard..."), area);
            return;
        };
        // Draw every panel row into an off-screen buffer, then copy the visible window: the pane
        // scrolls by lines, and panels are never squeezed below the height they need.
        let total: u16 = ROWS.iter().sum();
        let full = Rect::new(0, 0, area.width, total);
        let mut canvas = Buffer::empty(full);
        let mut y = 0;
        for (row, h) in ROWS.iter().enumerate() {
            self.render_row(row, d, &mut canvas, Rect::new(0, y, area.width, *h), t);
            y += h;
        }
        self.page = area.height;
        self.max_offset = total.saturating_sub(area.height);
        self.offset = self.offset.min(self.max_offset);
        let buf = frame.buffer_mut();
        for dy in 0..area.height.min(total) {
            for dx in 0..area.width {
                buf[(area.x + dx, area.y + dy)] = canvas[(dx, self.offset + dy)].clone();
            }
        }
        let more = match (self.offset > 0, self.offset < self.max_offset) {
            (true, true) => " more: j/k ",
            (true, false) => " more above: k ",
            (false, true) => " more below: j ",
            (false, false) => "",
        };
        if !more.is_empty() && area.width as usize > more.len() + 2 {
            let x = area.right() - more.chars().count() as u16 - 1;
            let y = area.y + area.height.min(total) - 1;
            buf.set_span(x, y, &Span::styled(more, t.key()), more.len() as u16);
        }
    }

    fn bindings(&self) -> Vec<Binding> {
        let k = keymap::keys();
        let mut b = k.motion.bindings();
        b.extend(k.dashboard.main.bindings());
        b
    }
}
