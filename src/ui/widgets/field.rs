//! A labelled single-line text field built on `ratatui-textarea`: editing keys (←/→, Home/End,
//! Backspace/Delete, Ctrl-A/E/K/W, and the shared text table's clear-line, undo and redo) stay in
//! the field; keys that move between
//! fields or close a dialog (Enter, Tab, Esc, ↑/↓) are left to the caller.
//!
//! Draws as `label  [text.......]` on one row, with the field's error (if any) on the row below.

use super::super::sanitize::{PLACEHOLDER, clean};
use super::super::theme::Theme;
use super::keys::TextEdit;
use crate::domain::dates::{DateError, TYPED_FORMS, YearDirection, parse_typed_date};
use crate::ui::keymap::keys;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui_textarea::TextArea;

/// What a key did to a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKey {
    /// The text changed.
    Changed,
    /// The key was an editing key that did not change the text (e.g. cursor movement).
    Moved,
    /// Not a key for the field: Enter, Tab, Esc, ↑/↓ and so on. The caller decides.
    NotMine,
}

pub struct Field {
    label: String,
    text: TextArea<'static>,
    initial: String,
    error: Option<String>,
    max_chars: usize,
    /// A date field, and which way from today it looks (see [`Field::date`]).
    date: Option<YearDirection>,
}

impl std::fmt::Debug for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Field")
            .field("label", &self.label)
            .field("value", &self.value())
            .field("error", &self.error)
            .finish()
    }
}

impl Field {
    /// An empty field with this label.
    pub fn new(label: impl Into<String>) -> Field {
        let mut text = TextArea::default();
        text.set_cursor_line_style(Style::new());
        Field {
            label: label.into(),
            text,
            initial: String::new(),
            error: None,
            max_chars: 200,
            date: None,
        }
    }

    /// The one date field every dialog uses: it takes every form the domain's date parser
    /// takes (`dd/mm/yyyy`, `today`, `+2w`, `-3d`, `fri`...), says so in its placeholder, and
    /// reads weekdays and two-digit years `direction` from today (ahead for a planned or due
    /// date, behind for something that happened).
    pub fn date(label: impl Into<String>, direction: YearDirection) -> Field {
        let mut f = Field::new(label)
            .with_placeholder(TYPED_FORMS)
            .with_max_chars(24);
        f.date = Some(direction);
        f
    }

    /// The date typed, read by the domain's parser: `None` when blank. A field that is not a
    /// date field reads as a past date.
    pub fn date_value(&self, today: NaiveDate) -> Option<Result<NaiveDate, DateError>> {
        let direction = self.date.unwrap_or(YearDirection::Behind);
        (!self.is_empty()).then(|| parse_typed_date(self.value(), today, direction))
    }

    /// Start with this value (counts as unchanged for [`Field::is_dirty`]). Control characters
    /// from the register are replaced with a visible placeholder so they are never drawn raw.
    pub fn with_value(mut self, value: &str) -> Field {
        self.set_value(value);
        self.initial = self.value().to_string();
        self
    }

    /// Grey text shown while the field is empty, e.g. "dd/mm/yyyy".
    pub fn with_placeholder(mut self, hint: &str) -> Field {
        self.text.set_placeholder_text(hint.to_string());
        self
    }

    /// Longest text accepted (default 200 characters); longer typing or pasting is cut.
    pub fn with_max_chars(mut self, n: usize) -> Field {
        self.max_chars = n;
        self
    }

    pub fn label(&self) -> &str {
        &self.label
    }

    /// The text as typed (untrimmed).
    pub fn value(&self) -> &str {
        self.text.lines().first().map(String::as_str).unwrap_or("")
    }

    /// The text trimmed, or `None` when blank: what optional fields store.
    pub fn optional(&self) -> Option<String> {
        let v = self.value().trim();
        (!v.is_empty()).then(|| v.to_string())
    }

    /// Replace the text (cursor at the end). Newlines become spaces; controls become placeholders.
    pub fn set_value(&mut self, value: &str) {
        let one_line: String = value.replace(['\n', '\r', '\t'], " ");
        let safe: String = clean(&one_line).chars().take(self.max_chars).collect();
        let mut text = TextArea::new(vec![safe]);
        text.set_cursor_line_style(Style::new());
        text.set_placeholder_text(self.text.placeholder_text().to_string());
        text.move_cursor(ratatui_textarea::CursorMove::End);
        self.text = text;
    }

    pub fn is_empty(&self) -> bool {
        self.value().trim().is_empty()
    }

    /// Changed since created (or since [`Field::mark_clean`]).
    pub fn is_dirty(&self) -> bool {
        self.value() != self.initial
    }

    pub fn mark_clean(&mut self) {
        self.initial = self.value().to_string();
    }

    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    pub fn set_error(&mut self, error: Option<String>) {
        self.error = error;
    }

    /// Rows needed to draw `width` columns wide: 1, and the error's lines below it.
    pub fn height(&self, width: u16) -> u16 {
        1 + error_height(self.error.as_deref(), width)
    }

    /// Select the whole text, so the next typed character replaces it and Backspace empties it
    /// (what every form does to a field entered with Tab). Any cursor key drops the selection.
    pub fn select_all(&mut self) {
        if !self.value().is_empty() {
            self.text.select_all();
        }
    }

    /// Drop a selection, leaving the cursor where it was.
    pub fn unselect(&mut self) {
        self.text.cancel_selection();
    }

    pub fn is_selected(&self) -> bool {
        self.text.is_selecting()
    }

    /// Feed one key press. See [`FieldKey`] for what comes back.
    pub fn handle_key(&mut self, key: KeyEvent) -> FieldKey {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if key.modifiers.contains(KeyModifiers::ALT) {
            return FieldKey::NotMine;
        }
        if let Some(a) = keys().widgets.text.action(&key) {
            return if edit_text(&mut self.text, a) {
                FieldKey::Changed
            } else {
                FieldKey::Moved
            };
        }
        let editing = match key.code {
            KeyCode::Char(c) if ctrl => matches!(c, 'a' | 'e' | 'k' | 'w' | 'h'),
            KeyCode::Char(c) => {
                if c.is_control() || c == PLACEHOLDER {
                    return FieldKey::Moved;
                }
                if self.value().chars().count() >= self.max_chars {
                    return FieldKey::Moved;
                }
                true
            }
            KeyCode::Backspace
            | KeyCode::Delete
            | KeyCode::Left
            | KeyCode::Right
            | KeyCode::Home
            | KeyCode::End => true,
            _ => false,
        };
        if !editing {
            return FieldKey::NotMine;
        }
        let before = self.value().to_string();
        if matches!(
            (key.code, ctrl),
            (KeyCode::Char('a' | 'e'), true) | (KeyCode::Home | KeyCode::End, _)
        ) {
            // A cursor move with a selection would extend it; these keys only move.
            self.text.cancel_selection();
        }
        match (key.code, ctrl) {
            // Emacs-style line keys; textarea's own bindings differ slightly, so map them here.
            (KeyCode::Char('a'), true) | (KeyCode::Home, _) => {
                self.text.move_cursor(ratatui_textarea::CursorMove::Head)
            }
            (KeyCode::Char('e'), true) | (KeyCode::End, _) => {
                self.text.move_cursor(ratatui_textarea::CursorMove::End)
            }
            (KeyCode::Char('k'), true) => {
                self.text.delete_line_by_end();
            }
            (KeyCode::Char('w'), true) => {
                self.text.delete_word();
            }
            _ => {
                self.text.input(key);
            }
        }
        if self.value() != before {
            FieldKey::Changed
        } else {
            FieldKey::Moved
        }
    }

    /// Insert pasted text at the cursor, as one line. Returns true when the text changed.
    pub fn paste(&mut self, text: &str) -> bool {
        let one_line = text.replace(['\n', '\r', '\t'], " ");
        let room = self.max_chars.saturating_sub(self.value().chars().count());
        let safe: String = clean(one_line.trim_end()).chars().take(room).collect();
        !safe.is_empty() && self.text.insert_str(safe)
    }

    /// Draw `label` (padded to `label_width`) then the text; the error, if any, on the next row.
    /// A focused field shows its cursor and an emphasised label.
    pub fn render(
        &mut self,
        frame: &mut Frame,
        area: Rect,
        label_width: u16,
        focused: bool,
        theme: Theme,
    ) {
        if area.height == 0 || area.width == 0 {
            return;
        }
        let label_width = label_width.min(area.width / 2);
        let label_style = match (focused, self.error.is_some()) {
            (true, _) => theme.focus(),
            (false, true) => theme.warning(),
            (false, false) => Style::new(),
        };
        let marker = if focused { "▸" } else { " " };
        let label = format!("{marker}{}", self.label);
        frame.render_widget(
            Paragraph::new(Span::styled(label, label_style)),
            Rect {
                width: label_width,
                height: 1,
                ..area
            },
        );
        let input = Rect {
            x: area.x + label_width,
            y: area.y,
            width: area.width - label_width,
            height: 1,
        };
        let field_style = theme.field();
        self.text.set_style(field_style);
        self.text.set_placeholder_style(theme.dim());
        self.text.set_selection_style(if focused {
            theme.selected()
        } else {
            field_style
        });
        self.text.set_cursor_style(if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            field_style
        });
        // The textarea styles only its text; paint the whole input so an empty field is visible.
        frame.buffer_mut().set_style(input, field_style);
        frame.render_widget(&self.text, input);
        error_lines(area, 1, self.error.as_deref(), frame, theme);
    }
}

/// A field's error, wrapped under it: `⚠` and the whole message, never cut at the border.
fn wrapped_error(error: &str, width: u16) -> Vec<String> {
    crate::text::wrap(&format!("  ⚠ {error}"), usize::from(width), "    ")
}

/// Rows an item's error takes `width` columns wide (none without one).
pub(super) fn error_height(error: Option<&str>, width: u16) -> u16 {
    error.map_or(0, |e| wrapped_error(e, width).len() as u16)
}

/// Draw an item's error from `row` of `rect` down, as far as the rect goes.
pub(super) fn error_lines(
    rect: Rect,
    row: u16,
    error: Option<&str>,
    frame: &mut Frame,
    theme: Theme,
) {
    let Some(e) = error else { return };
    for (i, line) in wrapped_error(e, rect.width).into_iter().enumerate() {
        let y = row + i as u16;
        if y >= rect.height {
            break;
        }
        frame.render_widget(
            Line::from(Span::styled(line, theme.warning())),
            Rect {
                y: rect.y + y,
                height: 1,
                ..rect
            },
        );
    }
}

/// Do a shared text-editing action on any text area; true when the text changed. Clearing
/// removes the cursor's whole line (not just up to the cursor), and can itself be undone.
pub fn edit_text(area: &mut TextArea<'static>, a: TextEdit) -> bool {
    match a {
        TextEdit::ClearLine => {
            area.cancel_selection();
            area.move_cursor(ratatui_textarea::CursorMove::Head);
            // On an empty line, deleting "to the end" would join the next line onto it.
            let empty = area
                .lines()
                .get(area.cursor().0)
                .is_none_or(|l| l.is_empty());
            !empty && area.delete_line_by_end()
        }
        TextEdit::Undo => area.undo(),
        TextEdit::Redo => area.redo(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(f: &mut Field, code: KeyCode) -> FieldKey {
        f.handle_key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn typing_editing_and_navigation_keys() {
        let mut f = Field::new("Name");
        for c in "Alx".chars() {
            assert_eq!(press(&mut f, KeyCode::Char(c)), FieldKey::Changed);
        }
        assert_eq!(press(&mut f, KeyCode::Left), FieldKey::Moved);
        press(&mut f, KeyCode::Char('e'));
        assert_eq!(f.value(), "Alex");
        assert!(f.is_dirty());
        assert_eq!(press(&mut f, KeyCode::Enter), FieldKey::NotMine);
        assert_eq!(press(&mut f, KeyCode::Tab), FieldKey::NotMine);
        assert_eq!(press(&mut f, KeyCode::Esc), FieldKey::NotMine);
        assert_eq!(press(&mut f, KeyCode::Up), FieldKey::NotMine);
        assert_eq!(f.value(), "Alex", "Enter never adds a line");
        press(&mut f, KeyCode::End);
        press(&mut f, KeyCode::Backspace);
        assert_eq!(f.value(), "Ale");
    }

    fn ctrl(f: &mut Field, c: char) -> FieldKey {
        f.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
    }

    #[test]
    fn ctrl_u_clears_the_whole_line_wherever_the_cursor_is_and_ctrl_y_undoes_it() {
        let mut f = Field::new("Reason").with_value("moved by the ward");
        press(&mut f, KeyCode::Home);
        press(&mut f, KeyCode::Right);
        assert_eq!(ctrl(&mut f, 'u'), FieldKey::Changed);
        assert_eq!(
            f.value(),
            "",
            "Ctrl-U clears the line, not just up to the cursor"
        );
        assert_eq!(ctrl(&mut f, 'y'), FieldKey::Changed);
        assert_eq!(f.value(), "moved by the ward", "Ctrl-Y undoes the clear");
        assert_eq!(ctrl(&mut f, 'r'), FieldKey::Changed);
        assert_eq!(f.value(), "", "Ctrl-R redoes it");
        assert_eq!(ctrl(&mut f, 'u'), FieldKey::Moved, "nothing left to clear");
    }

    #[test]
    fn a_selected_field_is_replaced_by_typing_and_kept_by_cursor_keys() {
        let mut f = Field::new("Owner").with_value("Sunita Rao");
        f.select_all();
        assert!(f.is_selected());
        press(&mut f, KeyCode::Char('K'));
        assert_eq!(f.value(), "K", "typing replaces the selected text");
        let mut g = Field::new("Owner").with_value("Sunita Rao");
        g.select_all();
        press(&mut g, KeyCode::End);
        assert!(!g.is_selected());
        press(&mut g, KeyCode::Char('!'));
        assert_eq!(
            g.value(),
            "Sunita Rao!",
            "End keeps the text and types after it"
        );
        let mut h = Field::new("Owner").with_value("Sunita Rao");
        h.select_all();
        press(&mut h, KeyCode::Backspace);
        assert_eq!(h.value(), "", "Backspace empties a selected field");
    }

    #[test]
    fn paste_is_one_line_and_cleaned_and_capped() {
        let mut f = Field::new("Reason").with_max_chars(12);
        assert!(f.paste("line one\nline\u{1b}two and more"));
        assert_eq!(f.value(), "line one lin");
        let g = Field::new("x").with_value("a\u{1b}[2Jb");
        assert_eq!(g.value(), "a\u{FFFD}[2Jb");
        assert!(!g.is_dirty());
        assert_eq!(g.optional(), Some("a\u{FFFD}[2Jb".into()));
        assert_eq!(Field::new("y").with_value("  ").optional(), None);
    }
}
