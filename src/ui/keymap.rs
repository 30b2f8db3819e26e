//! Key bindings as data: each pane lists its bindings once, and that one list feeds both the help
//! overlay and the hint bar, so hints never drift from what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// As shown to the user, e.g. "j/↓".
    pub keys: &'static str,
    pub desc: &'static str,
    /// Shown in the one-line hint bar as well as in help.
    pub hint: bool,
}

pub const fn bind(keys: &'static str, desc: &'static str) -> Binding {
    Binding {
        keys,
        desc,
        hint: false,
    }
}

pub const fn hint(keys: &'static str, desc: &'static str) -> Binding {
    Binding {
        keys,
        desc,
        hint: true,
    }
}

/// Keys that work everywhere unless a text field has focus.
pub const GLOBAL: &[Binding] = &[
    hint(
        "1 2 3 4",
        "switch pane: Register, Reviews, Actions, Dashboard",
    ),
    bind("Tab / Shift-Tab", "next / previous pane"),
    hint("?", "help: every key of this pane"),
    hint("q", "quit"),
    bind("Ctrl-C", "quit (always)"),
];

pub fn is_ctrl(key: &KeyEvent, c: char) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char(c)
}

/// Cursor movement shared by every list: j/k and arrows, g/G, Home/End, PgUp/PgDn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
}

pub const MOTION_BINDINGS: &[Binding] = &[
    hint("j/k ↑/↓", "move"),
    bind("g/G Home/End", "first / last"),
    bind("PgUp/PgDn", "page up / down"),
];

pub fn motion(key: &KeyEvent) -> Option<Motion> {
    if key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return None;
    }
    Some(match key.code {
        KeyCode::Char('j') | KeyCode::Down => Motion::Down,
        KeyCode::Char('k') | KeyCode::Up => Motion::Up,
        KeyCode::Char('g') | KeyCode::Home => Motion::Top,
        KeyCode::Char('G') | KeyCode::End => Motion::Bottom,
        KeyCode::PageDown => Motion::PageDown,
        KeyCode::PageUp => Motion::PageUp,
        _ => return None,
    })
}

/// Apply a motion to a selection in a list of `len` rows with `page` rows visible.
pub fn apply_motion(selected: usize, len: usize, page: usize, m: Motion) -> usize {
    if len == 0 {
        return 0;
    }
    let last = len - 1;
    let page = page.max(1);
    match m {
        Motion::Up => selected.saturating_sub(1),
        Motion::Down => (selected + 1).min(last),
        Motion::PageUp => selected.saturating_sub(page),
        Motion::PageDown => (selected + page).min(last),
        Motion::Top => 0,
        Motion::Bottom => last,
    }
}

/// The first row to show so that `selected` is visible in a window of `page` rows over `len`.
/// When the selection leaves the window, the window jumps by half a page rather than one row:
/// scrolling one row repaints every row (about 1.8 KiB at 80x24), so jumping keeps nine moves in
/// ten at the cost of two repainted rows (under 300 bytes) for users on slow links.
pub fn scroll_offset(selected: usize, offset: usize, page: usize, len: usize) -> usize {
    let page = page.max(1);
    let last_start = len.saturating_sub(page);
    let offset = if selected < offset {
        selected.saturating_sub(page / 2)
    } else if selected >= offset + page {
        (selected + 1 + page / 2).saturating_sub(page)
    } else {
        offset
    };
    offset.min(last_start)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Rule (speed budget): the window stays put while the selection is inside it, jumps half a
    // page when it leaves, and never shows past the end of the list.
    #[test]
    fn scroll_offset_jumps_half_pages() {
        assert_eq!(scroll_offset(5, 0, 20, 100), 0);
        assert_eq!(scroll_offset(20, 0, 20, 100), 11);
        assert_eq!(scroll_offset(21, 11, 20, 100), 11);
        assert_eq!(scroll_offset(10, 11, 20, 100), 0);
        assert_eq!(scroll_offset(99, 0, 20, 100), 80);
        assert_eq!(scroll_offset(3, 50, 20, 10), 0);
        assert_eq!(scroll_offset(0, 0, 0, 0), 0);
    }

    #[test]
    fn motions_clamp() {
        assert_eq!(apply_motion(0, 10, 5, Motion::Up), 0);
        assert_eq!(apply_motion(9, 10, 5, Motion::Down), 9);
        assert_eq!(apply_motion(2, 10, 5, Motion::PageDown), 7);
        assert_eq!(apply_motion(8, 10, 5, Motion::PageDown), 9);
        assert_eq!(apply_motion(3, 10, 5, Motion::Bottom), 9);
        assert_eq!(apply_motion(3, 0, 5, Motion::Bottom), 0);
    }
}
