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
        let (text, style) = match flash {
            Flash::Info(m) => (m.as_str(), t.ok().add_modifier(Modifier::BOLD)),
            Flash::Error(m) => (m.as_str(), t.error()),
        };
        frame.render_widget(
            Paragraph::new(Span::styled(format!(" {}", clean(text)), style)),
            area,
        );
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
