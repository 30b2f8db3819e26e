//! The title bar (panes, DEMO), status bar (file, counts by rating, user, messages) and hint bar.

use super::keymap::{Binding, Rank};
use super::pane::{Flash, PaneId, View};
use super::sanitize::clean;
use super::theme::rating_badge;
use crate::domain::rating::Rating;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn title_bar(
    frame: &mut Frame,
    area: Rect,
    view: &View,
    active: PaneId,
    demo: bool,
    privacy: bool,
) {
    let t = view.theme;
    let mut spans = vec![Span::styled(" dsr ", t.title())];
    if demo {
        spans.push(Span::styled(" DEMO ", t.error()));
        spans.push(Span::raw(" "));
    }
    if privacy {
        spans.push(Span::styled(" PRIVACY ", t.error()));
        spans.push(Span::raw(" "));
    }
    for (i, p) in PaneId::ALL.iter().enumerate() {
        let label = format!(" {} {} ", i + 1, p.title());
        let style = if *p == active {
            t.active_tab()
        } else {
            Style::new()
        };
        spans.push(Span::styled(label, style));
    }
    spans.push(Span::styled(
        format!("  {}", view.today.format("%a %d %b %Y")),
        t.dim(),
    ));
    frame.render_widget(Paragraph::new(Line::from(spans)).style(t.bar()), area);
}

/// A message's lines in the status bar `width` columns wide, after a space at its left edge.
fn flash_lines(flash: &Flash, width: u16) -> Vec<String> {
    let text = match flash {
        Flash::Info(m) | Flash::Error(m) => m,
    };
    crate::text::wrap(text, usize::from(width.saturating_sub(1)), "")
}

/// Rows the status bar takes: one, or as many as the message needs to be read whole, up to a
/// quarter of the screen (the rest of the message waits for `more`, see [`status_bar`]).
pub fn status_height(flash: Option<&Flash>, screen: Rect) -> u16 {
    let most = (screen.height / 4).max(1);
    flash.map_or(1, |f| {
        (flash_lines(f, screen.width).len() as u16).clamp(1, most)
    })
}

/// The file, counts by rating and user; or, after a keystroke, its message wrapped over as many
/// rows as `area` has. A message longer than that ends its last row with `…` rather than hiding
/// its end silently.
pub fn status_bar(
    frame: &mut Frame,
    area: Rect,
    view: &View,
    file: &str,
    counts: [usize; 4],
    user: &str,
    flash: Option<&Flash>,
) {
    let t = view.theme;
    if let Some(flash) = flash {
        let style = match flash {
            Flash::Info(_) => t.ok().add_modifier(Modifier::BOLD),
            Flash::Error(_) => t.error(),
        };
        let mut lines = flash_lines(flash, area.width);
        let rows = usize::from(area.height.max(1));
        if lines.len() > rows {
            lines.truncate(rows);
            if let Some(last) = lines.last_mut() {
                *last = crate::text::truncate(
                    &format!("{last} …"),
                    usize::from(area.width).saturating_sub(1),
                );
            }
        }
        let lines: Vec<Line> = lines
            .into_iter()
            .map(|l| Line::styled(format!(" {l}"), style))
            .collect();
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let mut spans = Vec::new();
    for (r, n) in Rating::ALL.iter().zip(counts) {
        spans.push(Span::styled(rating_badge(*r), t.rating(*r)));
        spans.push(Span::raw(format!("{n:<5}")));
    }
    spans.push(Span::styled(format!(" {} ", clean(user)), t.dim()));
    let used: usize = spans.iter().map(|s| s.width()).sum();
    let room = (area.width as usize).saturating_sub(used + 1);
    let file = clean(file);
    let shown: String = if file.chars().count() > room {
        let tail: String = file
            .chars()
            .rev()
            .take(room.saturating_sub(1))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        format!("…{tail}")
    } else {
        file.into_owned()
    };
    spans.push(Span::styled(shown, t.dim()));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// One row of hints from the mode's table: `?` and `q` always; when the row is too narrow, the
/// least important hints give way first, and the rest keep the table's order.
pub fn hint_bar(frame: &mut Frame, area: Rect, view: &View, bindings: &[Binding]) {
    let t = view.theme;
    let shown: Vec<(usize, String, Rank)> = bindings
        .iter()
        .enumerate()
        .filter_map(|(i, b)| b.hint.map(|r| (i, b.short(), r)))
        .collect();
    let width = |keys: &str, desc: &str| keys.chars().count() + desc.chars().count() + 3;
    let mut by_rank: Vec<usize> = (0..shown.len()).collect();
    by_rank.sort_by_key(|i| shown[*i].2);
    let mut keep = vec![false; shown.len()];
    let mut used = 0usize;
    for i in by_rank {
        let (b, keys, _) = &shown[i];
        let w = width(keys, bindings[*b].desc);
        if used + w <= area.width as usize {
            used += w;
            keep[i] = true;
        }
    }
    let mut spans = Vec::new();
    for ((b, keys, _), _) in shown.iter().zip(&keep).filter(|(_, k)| **k) {
        spans.push(Span::styled(format!(" {keys}"), t.key()));
        spans.push(Span::raw(format!(" {} ", bindings[*b].desc)));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(t.dim()), area);
}

/// The whole screen when the terminal is smaller than the layout needs: short lines, so they
/// fit the smallest window.
pub fn too_small(frame: &mut Frame, view: &View, width: u16, height: u16) {
    let area = frame.area();
    let lines = vec![
        Line::from(format!("This window is {}×{}.", area.width, area.height)),
        Line::from(format!("dsr needs at least {width}×{height}:")),
        Line::from("make the window larger"),
        Line::from("(or the font smaller)."),
        Line::from("q quits."),
    ];
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: true })
            .style(view.theme.warning()),
        area,
    );
}
