//! The dashboard's C(E)TR journey panels: community C(E)TR before admission against NHS England's
//! standard (children, per month), post-admission reviews and reports on time, requests waiting and
//! review outcomes. Every figure has a dim line under it saying how it is counted.

use super::super::theme::Theme;
use crate::domain::returns::COMMUNITY_BEFORE_ADMISSION_STANDARD;
use crate::domain::review::ReviewType;
use crate::store::dashboard::journey::{JourneyFigures, OnTime, Tally};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// `3 of 4 (75%)`, or `none` with nothing to count.
fn share(t: Tally) -> String {
    match t.percent() {
        Some(p) => format!("{} of {} ({p}%)", t.with_review, t.admissions),
        None => "no admissions".to_string(),
    }
}

/// Green when the standard is met, amber below it; plain with nothing to count.
fn standard_style(t: Tally, theme: Theme) -> Style {
    match t.percent() {
        Some(p) if p >= COMMUNITY_BEFORE_ADMISSION_STANDARD => theme.ok(),
        Some(_) => theme.warning(),
        None => Style::default(),
    }
}

fn how(text: String, t: Theme) -> Line<'static> {
    Line::from(Span::styled(format!("  {text}"), t.dim()))
}

/// The share of children's admissions with a community C(E)TR before, for the gauge.
pub fn children_ratio(j: &JourneyFigures) -> f64 {
    let (_, children) = j.totals();
    if children.admissions == 0 {
        0.0
    } else {
        children.with_review as f64 / children.admissions as f64
    }
}

/// The measure's headline, its gauge row (left empty for the caller to draw) and how it is counted.
pub fn before_admission_lines(j: &JourneyFigures, t: Theme) -> Vec<Line<'static>> {
    let (all, children) = j.totals();
    vec![
        Line::from(vec![
            Span::raw("Children: community C(E)TR before admission "),
            Span::styled(share(children), standard_style(children, t)),
            Span::raw(format!(", standard {COMMUNITY_BEFORE_ADMISSION_STANDARD}%")),
        ]),
        Line::default(),
        Line::from(format!(
            "All ages: {}, {} not known (joined on or after admission)",
            share(all),
            all.not_known
        )),
        how(
            format!(
                "community C(E)TR finished, full panel, within {} before; no transfers",
                j.run_up
            ),
            t,
        ),
    ]
}

/// `N of M on time (L late, [U still unsent, ]P waiting)`.
fn on_time(label: &str, o: OnTime, unsent: Option<u64>, waiting: &str, t: Theme) -> Line<'static> {
    let style = if o.late > 0 { t.warning() } else { t.ok() };
    let unsent = unsent
        .map(|n| format!("{n} still unsent, "))
        .unwrap_or_default();
    Line::from(vec![
        Span::raw(format!("{label}: ")),
        Span::styled(format!("{} of {}", o.on_time, o.judged()), style),
        Span::raw(format!(
            " on time ({} late, {unsent}{} {waiting})",
            o.late, o.pending
        )),
    ])
}

/// Post-admission reviews, reports and requests, each with how it is counted.
pub fn journey_lines(j: &JourneyFigures, t: Theme) -> Vec<Line<'static>> {
    vec![
        on_time(
            "Post-admission reviews",
            j.post_admission,
            None,
            "not yet due",
            t,
        ),
        how(
            format!(
                "admissions in 12 months; {} needed none (C(E)TR before, or left first)",
                j.post_admission.not_needed
            ),
            t,
        ),
        on_time(
            "Reports sent",
            j.reports,
            Some(j.reports_unsent),
            "still in time",
            t,
        ),
        how(
            format!(
                "reviews finished in 12 months: report and family plan sent within {}",
                j.report_due
            ),
            t,
        ),
        Line::from(vec![
            Span::raw("Requests waiting for a decision: "),
            Span::raw(j.requests_waiting.to_string()),
            Span::raw(", "),
            Span::styled(
                format!("{} past the target", j.requests_overdue),
                if j.requests_overdue > 0 {
                    t.warning()
                } else {
                    t.ok()
                },
            ),
        ]),
        how(
            format!(
                "open requests of people on the register; decision target {}",
                j.request_target
            ),
            t,
        ),
    ]
}

/// Children's admissions per month with a community C(E)TR before, in two columns of six.
pub fn month_lines(j: &JourneyFigures, t: Theme) -> Vec<Line<'static>> {
    let cell = |i: usize| -> Vec<Span<'static>> {
        let Some(m) = j.before_admission.get(i) else {
            return Vec::new();
        };
        let label = chrono::NaiveDate::parse_from_str(&format!("{}-01", m.month), "%Y-%m-%d")
            .map(|d| d.format("%b").to_string())
            .unwrap_or_else(|_| m.month.clone());
        let figure = match m.children.percent() {
            Some(p) => format!("{}/{} {p}%", m.children.with_review, m.children.admissions),
            None => "-".to_string(),
        };
        vec![
            Span::raw(format!("{label} ")),
            Span::styled(format!("{figure:<10}"), standard_style(m.children, t)),
        ]
    };
    let half = j.before_admission.len().div_ceil(2);
    let mut lines: Vec<Line<'static>> = (0..half)
        .map(|i| {
            let mut spans = cell(i);
            spans.push(Span::raw(" "));
            spans.extend(cell(i + half));
            Line::from(spans)
        })
        .collect();
    lines.push(how("with / all children admitted".into(), t));
    lines
}

/// Finished reviews per type by what the meeting found.
pub fn outcome_lines(j: &JourneyFigures, t: Theme) -> Vec<Line<'static>> {
    let mut lines: Vec<Line<'static>> = j
        .outcomes
        .iter()
        .map(|o| {
            let label = ReviewType::parse(&o.review_type)
                .map(|r| r.label().to_string())
                .unwrap_or_else(|| o.review_type.clone());
            let label: String = crate::ui::sanitize::clean(&label)
                .chars()
                .take(14)
                .collect();
            Line::from(format!(
                "{label:<14} {:>4} yes {:>4} no {:>3} ?",
                o.needs_met_in_community, o.needs_not_met, o.not_recorded
            ))
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::from("No reviews finished in 12 months"));
    }
    lines.push(how(
        "needs met in the community? ? = not recorded".into(),
        t,
    ));
    lines
}
