//! A vertical form of items: text fields, one-of choices and tick lists. The form owns focus and
//! scrolling; the caller owns validation (it is told which item the user just left) and saving.
//!
//! Keys: `Tab`/`↓` next item, `Shift-Tab`/`↑` previous (inside a tick list `↑`/`↓` move between
//! its lines first), `Enter` submit, `Esc` cancel. Choices: `←`/`→`/`Space` cycle, a letter jumps
//! to the next option starting with it. Tick lists: `Space` or `x` ticks the line under the cursor,
//! digits `1`–`9` tick line N.

use super::field::{Field, FieldKey, error_lines};
use super::keys::FormAction;
use crate::domain::dates::DateError;
use crate::ui::keymap::keys;
use crate::ui::sanitize::clean;
use crate::ui::theme::Theme;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Pick one of a fixed list of options (or none, when `optional`).
#[derive(Debug, Clone)]
pub struct Choice {
    label: String,
    options: Vec<String>,
    selected: Option<usize>,
    initial: Option<usize>,
    optional: bool,
    error: Option<String>,
}

impl Choice {
    /// A required choice starting on the first option.
    pub fn new<S: AsRef<str>>(label: impl Into<String>, options: &[S]) -> Choice {
        let options: Vec<String> = options.iter().map(|s| s.as_ref().to_string()).collect();
        let selected = (!options.is_empty()).then_some(0);
        Choice {
            label: label.into(),
            options,
            selected,
            initial: selected,
            optional: false,
            error: None,
        }
    }

    /// Allow "not recorded" (shown as `—`), and start there.
    pub fn optional(mut self) -> Choice {
        self.optional = true;
        self.selected = None;
        self.initial = None;
        self
    }

    /// Start on this option index (ignored when out of range).
    pub fn with_selected(mut self, index: Option<usize>) -> Choice {
        if index.is_none_or(|i| i < self.options.len()) && (index.is_some() || self.optional) {
            self.selected = index;
            self.initial = index;
        }
        self
    }

    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    pub fn selected_label(&self) -> Option<&str> {
        self.selected
            .and_then(|i| self.options.get(i))
            .map(String::as_str)
    }

    pub fn select(&mut self, index: Option<usize>) {
        if index.is_none_or(|i| i < self.options.len()) && (index.is_some() || self.optional) {
            self.selected = index;
        }
    }

    fn cycle(&mut self, forward: bool) {
        let n = self.options.len();
        if n == 0 {
            return;
        }
        // Positions 0..n are options; position n is "none" when optional.
        let slots = n + usize::from(self.optional);
        let pos = self.selected.unwrap_or(n);
        let next = if forward {
            (pos + 1) % slots
        } else {
            (pos + slots - 1) % slots
        };
        self.selected = (next < n).then_some(next);
    }

    fn jump(&mut self, c: char) -> bool {
        let n = self.options.len();
        let start = self.selected.map_or(0, |i| i + 1);
        let c = c.to_lowercase().next().unwrap_or(c);
        let hit = (0..n).map(|k| (start + k) % n).find(|i| {
            self.options[*i]
                .chars()
                .next()
                .and_then(|f| f.to_lowercase().next())
                == Some(c)
        });
        if let Some(i) = hit {
            self.selected = Some(i);
        }
        hit.is_some()
    }

    fn handle_key(&mut self, key: KeyEvent) -> FieldKey {
        let before = self.selected;
        match key.code {
            KeyCode::Left => self.cycle(false),
            KeyCode::Right | KeyCode::Char(' ') => self.cycle(true),
            KeyCode::Char(c) if c.is_alphanumeric() => {
                self.jump(c);
            }
            KeyCode::Backspace | KeyCode::Delete if self.optional => self.selected = None,
            _ => return FieldKey::NotMine,
        }
        if self.selected != before {
            FieldKey::Changed
        } else {
            FieldKey::Moved
        }
    }
}

/// Tick any number of lines (e.g. inclusion criteria).
#[derive(Debug, Clone)]
pub struct Checks {
    label: String,
    options: Vec<String>,
    ticked: Vec<bool>,
    initial: Vec<bool>,
    cursor: usize,
    error: Option<String>,
}

impl Checks {
    pub fn new<S: AsRef<str>>(label: impl Into<String>, options: &[S]) -> Checks {
        let options: Vec<String> = options.iter().map(|s| s.as_ref().to_string()).collect();
        let ticked = vec![false; options.len()];
        Checks {
            label: label.into(),
            initial: ticked.clone(),
            ticked,
            options,
            cursor: 0,
            error: None,
        }
    }

    /// Start with these lines ticked (unchanged for dirtiness).
    pub fn with_ticked(mut self, ticked: &[usize]) -> Checks {
        for i in ticked {
            if let Some(t) = self.ticked.get_mut(*i) {
                *t = true;
            }
        }
        self.initial = self.ticked.clone();
        self
    }

    /// Indices of ticked lines, in order.
    pub fn ticked(&self) -> Vec<usize> {
        (0..self.ticked.len()).filter(|i| self.ticked[*i]).collect()
    }

    pub fn toggle(&mut self, i: usize) {
        if let Some(t) = self.ticked.get_mut(i) {
            *t = !*t;
        }
    }

    fn handle_key(&mut self, key: KeyEvent) -> FieldKey {
        match key.code {
            KeyCode::Up if self.cursor > 0 => {
                self.cursor -= 1;
                FieldKey::Moved
            }
            KeyCode::Down if self.cursor + 1 < self.options.len() => {
                self.cursor += 1;
                FieldKey::Moved
            }
            KeyCode::Char(' ') | KeyCode::Char('x') => {
                self.toggle(self.cursor);
                FieldKey::Changed
            }
            KeyCode::Char(c @ '1'..='9') => {
                let i = c as usize - '1' as usize;
                if i < self.options.len() {
                    self.cursor = i;
                    self.toggle(i);
                    FieldKey::Changed
                } else {
                    FieldKey::Moved
                }
            }
            _ => FieldKey::NotMine,
        }
    }
}

/// One line (or block) of a form.
#[derive(Debug)]
pub enum Item {
    Text(Box<Field>),
    Choice(Choice),
    Checks(Checks),
}

impl Item {
    pub fn text(f: Field) -> Item {
        Item::Text(Box::new(f))
    }
    pub fn choice(c: Choice) -> Item {
        Item::Choice(c)
    }
    pub fn checks(c: Checks) -> Item {
        Item::Checks(c)
    }

    pub fn label(&self) -> &str {
        match self {
            Item::Text(f) => f.label(),
            Item::Choice(c) => &c.label,
            Item::Checks(c) => &c.label,
        }
    }

    pub fn error(&self) -> Option<&str> {
        match self {
            Item::Text(f) => f.error(),
            Item::Choice(c) => c.error.as_deref(),
            Item::Checks(c) => c.error.as_deref(),
        }
    }

    pub fn set_error(&mut self, e: Option<String>) {
        match self {
            Item::Text(f) => f.set_error(e),
            Item::Choice(c) => c.error = e,
            Item::Checks(c) => c.error = e,
        }
    }

    /// Changed since the form was built.
    pub fn is_dirty(&self) -> bool {
        match self {
            Item::Text(f) => f.is_dirty(),
            Item::Choice(c) => c.selected != c.initial,
            Item::Checks(c) => c.ticked != c.initial,
        }
    }

    /// Rows the item takes `width` columns wide: its own, and its error's wrapped lines.
    pub fn height(&self, width: u16) -> u16 {
        let err = super::field::error_height(self.error(), width);
        match self {
            Item::Text(_) | Item::Choice(_) => 1 + err,
            Item::Checks(c) => 1 + c.options.len() as u16 + err,
        }
    }

    fn handle_key(&mut self, key: KeyEvent) -> FieldKey {
        match self {
            Item::Text(f) => f.handle_key(key),
            Item::Choice(c) => c.handle_key(key),
            Item::Checks(c) => c.handle_key(key),
        }
    }
}

/// What a key did to a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormEvent<K> {
    /// This item's value changed (validate as you type if you like).
    Changed(K),
    /// Focus moved away from this item (validate on leaving).
    Left(K),
    /// Enter: the caller validates everything and saves, or shows errors.
    Submit,
    /// Esc: the caller closes, asking first when [`Form::is_dirty`].
    Cancel,
    /// The form used the key and nothing else needs doing.
    Consumed,
    /// Not a form key (e.g. Ctrl-chords): the caller may use it.
    Ignored,
}

/// A form whose items are named by a key type `K` (an enum of the dialog's fields), so code
/// says `form.text(Admit::Hospital)`, never a position that shifts when a field is added.
#[derive(Debug)]
pub struct Form<K> {
    keys: Vec<K>,
    items: Vec<Item>,
    focus: usize,
    scroll: u16,
}

impl<K: Copy + PartialEq + std::fmt::Debug> Form<K> {
    pub fn new(items: Vec<(K, Item)>) -> Form<K> {
        let (keys, items) = items.into_iter().unzip();
        Form {
            keys,
            items,
            focus: 0,
            scroll: 0,
        }
    }

    fn index(&self, k: K) -> Option<usize> {
        self.keys.iter().position(|x| *x == k)
    }

    /// The keys of the items, top to bottom.
    pub fn keys(&self) -> &[K] {
        &self.keys
    }

    pub fn items(&self) -> &[Item] {
        &self.items
    }

    pub fn item(&self, k: K) -> Option<&Item> {
        self.index(k).and_then(|i| self.items.get(i))
    }

    pub fn item_mut(&mut self, k: K) -> Option<&mut Item> {
        self.index(k).and_then(|i| self.items.get_mut(i))
    }

    /// The text of field `k` (panics in debug if `k` is not a text field of this form; empty
    /// otherwise, so a wiring mistake never crashes a user's session).
    pub fn text(&self, k: K) -> &str {
        match self.item(k) {
            Some(Item::Text(f)) => f.value(),
            _ => {
                debug_assert!(false, "form item {k:?} is not a text field");
                ""
            }
        }
    }

    /// The date in field `k` (see [`Field::date_value`]): `None` when blank or not a field.
    pub fn date(&self, k: K, today: NaiveDate) -> Option<Result<NaiveDate, DateError>> {
        match self.item(k) {
            Some(Item::Text(f)) => f.date_value(today),
            _ => None,
        }
    }

    pub fn field_mut(&mut self, k: K) -> Option<&mut Field> {
        match self.item_mut(k) {
            Some(Item::Text(f)) => Some(f.as_mut()),
            _ => None,
        }
    }

    pub fn choice(&self, k: K) -> Option<&Choice> {
        match self.item(k) {
            Some(Item::Choice(c)) => Some(c),
            _ => None,
        }
    }

    pub fn choice_mut(&mut self, k: K) -> Option<&mut Choice> {
        match self.item_mut(k) {
            Some(Item::Choice(c)) => Some(c),
            _ => None,
        }
    }

    pub fn checks(&self, k: K) -> Option<&Checks> {
        match self.item(k) {
            Some(Item::Checks(c)) => Some(c),
            _ => None,
        }
    }

    pub fn set_error(&mut self, k: K, error: Option<String>) {
        if let Some(it) = self.item_mut(k) {
            it.set_error(error);
        }
    }

    pub fn clear_errors(&mut self) {
        for it in &mut self.items {
            it.set_error(None);
        }
    }

    /// The first item with an error.
    pub fn first_error(&self) -> Option<K> {
        let i = self.items.iter().position(|i| i.error().is_some())?;
        self.keys.get(i).copied()
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|i| i.error().is_some()).count()
    }

    /// The focused item (none only in a form without items).
    pub fn focus(&self) -> Option<K> {
        self.keys.get(self.focus).copied()
    }

    pub fn set_focus(&mut self, k: K) {
        if let Some(i) = self.index(k) {
            self.leave(self.focus);
            self.focus = i;
        }
    }

    /// After a refused save: the cursor goes to the first item in error, its text selected so
    /// typing replaces the wrong value. Returns that item.
    pub fn focus_first_error(&mut self) -> Option<K> {
        let k = self.first_error()?;
        self.set_focus(k);
        self.select_focused();
        Some(k)
    }

    /// Put a refusal on one item and the cursor there (see [`Form::focus_first_error`]).
    pub fn refuse(&mut self, k: K, message: impl Into<String>) {
        self.set_error(k, Some(message.into()));
        self.set_focus(k);
        self.select_focused();
    }

    fn select_focused(&mut self) {
        if let Some(Item::Text(f)) = self.items.get_mut(self.focus) {
            f.select_all();
        }
    }

    fn leave(&mut self, i: usize) {
        if let Some(Item::Text(f)) = self.items.get_mut(i) {
            f.unselect();
        }
    }

    /// Anything changed since the form was built.
    pub fn is_dirty(&self) -> bool {
        self.items.iter().any(Item::is_dirty)
    }

    /// Rows the whole form needs `width` columns wide (dialogs size themselves from this).
    pub fn height(&self, width: u16) -> u16 {
        self.items.iter().map(|i| i.height(width)).sum()
    }

    /// Width of the label column: the longest label plus a marker and a gap.
    pub fn label_width(&self) -> u16 {
        self.items
            .iter()
            .filter(|i| !matches!(i, Item::Checks(_)))
            .map(|i| i.label().chars().count() as u16 + 3)
            .max()
            .unwrap_or(10)
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> FormEvent<K> {
        if key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
            && !matches!(self.items.get(self.focus), Some(Item::Text(_)))
        {
            return FormEvent::Ignored;
        }
        let action = keys().widgets.form.action(&key);
        match action {
            Some(FormAction::Cancel) => return FormEvent::Cancel,
            Some(FormAction::Submit) => return FormEvent::Submit,
            _ => {}
        }
        // The focused item has the first say on the other keys (a tick list moves with ↑/↓).
        let focus = self.focus;
        let (Some(item), Some(k)) = (self.items.get_mut(focus), self.keys.get(focus).copied())
        else {
            return FormEvent::Ignored;
        };
        match item.handle_key(key) {
            FieldKey::Changed => FormEvent::Changed(k),
            FieldKey::Moved => FormEvent::Consumed,
            FieldKey::NotMine => match action {
                Some(FormAction::Next) => self.move_focus(true),
                Some(FormAction::Previous) => self.move_focus(false),
                _ => FormEvent::Ignored,
            },
        }
    }

    /// Paste into the focused text field.
    pub fn handle_paste(&mut self, text: &str) -> FormEvent<K> {
        let Some(k) = self.focus() else {
            return FormEvent::Ignored;
        };
        match self.items.get_mut(self.focus) {
            Some(Item::Text(f)) => {
                if f.paste(text) {
                    FormEvent::Changed(k)
                } else {
                    FormEvent::Consumed
                }
            }
            _ => FormEvent::Ignored,
        }
    }

    fn move_focus(&mut self, forward: bool) -> FormEvent<K> {
        let n = self.items.len();
        let Some(left) = self.focus() else {
            return FormEvent::Consumed;
        };
        let from = self.focus;
        self.leave(from);
        self.focus = if forward {
            (from + 1) % n
        } else {
            (from + n - 1) % n
        };
        // Entered by Tab or an arrow: a pre-filled value is selected, so typing replaces it.
        self.select_focused();
        FormEvent::Left(left)
    }

    /// Draw the items top to bottom, scrolled so the focused item is in view.
    pub fn render(&mut self, frame: &mut Frame, area: Rect, theme: Theme) {
        let heights: Vec<u16> = self.items.iter().map(|i| i.height(area.width)).collect();
        let top: u16 = heights[..self.focus.min(heights.len())].iter().sum();
        let focus_h = heights.get(self.focus).copied().unwrap_or(1);
        if top < self.scroll {
            self.scroll = top;
        } else if top + focus_h > self.scroll + area.height {
            self.scroll = (top + focus_h).saturating_sub(area.height);
        }
        let label_width = self.label_width();
        let mut y: i32 = -(i32::from(self.scroll));
        for (i, item) in self.items.iter_mut().enumerate() {
            let h = heights[i];
            let start = y;
            y += i32::from(h);
            if start < 0 {
                continue;
            }
            if start >= i32::from(area.height) {
                break;
            }
            let rect = Rect {
                x: area.x,
                y: area.y + start as u16,
                width: area.width,
                height: h.min(area.height - start as u16),
            };
            let focused = i == self.focus;
            match item {
                Item::Text(f) => f.render(frame, rect, label_width, focused, theme),
                Item::Choice(c) => render_choice(frame, rect, c, label_width, focused, theme),
                Item::Checks(c) => render_checks(frame, rect, c, focused, theme),
            }
        }
    }
}

fn label_span(label: &str, width: u16, focused: bool, error: bool, theme: Theme) -> Span<'static> {
    let marker = if focused { "▸" } else { " " };
    let style = match (focused, error) {
        (true, _) => theme.focus(),
        (false, true) => theme.warning(),
        _ => Style::new(),
    };
    Span::styled(
        format!(
            "{marker}{label:<w$}",
            w = (width as usize).saturating_sub(1)
        ),
        style,
    )
}

fn render_choice(
    frame: &mut Frame,
    rect: Rect,
    c: &Choice,
    label_width: u16,
    focused: bool,
    theme: Theme,
) {
    let value = c.selected_label().unwrap_or("—");
    let value_style = if focused {
        theme.selected()
    } else {
        Style::new()
    };
    let line = Line::from(vec![
        label_span(&c.label, label_width, focused, c.error.is_some(), theme),
        Span::styled(clean(value).into_owned(), value_style),
        Span::styled(if focused { "  ◂ ←/→ ▸" } else { "" }, theme.dim()),
    ]);
    frame.render_widget(line, Rect { height: 1, ..rect });
    error_lines(rect, 1, c.error.as_deref(), frame, theme);
}

fn render_checks(frame: &mut Frame, rect: Rect, c: &Checks, focused: bool, theme: Theme) {
    let head = Line::from(vec![label_span(
        &c.label,
        rect.width,
        focused,
        c.error.is_some(),
        theme,
    )]);
    frame.render_widget(head, Rect { height: 1, ..rect });
    for (i, opt) in c.options.iter().enumerate() {
        let row = 1 + i as u16;
        if row >= rect.height {
            break;
        }
        let tick = if c.ticked[i] { "[x]" } else { "[ ]" };
        let style = if focused && i == c.cursor {
            theme.selected()
        } else {
            Style::new()
        };
        let num = if i < 9 {
            format!("{}", i + 1)
        } else {
            " ".into()
        };
        frame.render_widget(
            Line::from(vec![
                Span::styled(format!("   {num} "), theme.dim()),
                Span::styled(format!("{tick} {}", clean(opt)), style),
            ]),
            Rect {
                y: rect.y + row,
                height: 1,
                ..rect
            },
        );
    }
    error_lines(
        rect,
        1 + c.options.len() as u16,
        c.error.as_deref(),
        frame,
        theme,
    );
}

mod draft;
#[cfg(test)]
mod tests;
