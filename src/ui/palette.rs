//! The `:` command palette, as in k9s and VS Code: type a few letters of what you want and run it
//! with Enter. It offers every action of every pane with the key that does it (both read from the
//! key tables, so the palette can never offer a key that does something else), the themes, the
//! review report of the review in hand, and the people on the register by name or NHS number.
//!
//! Commands are ranked by nucleo's fuzzy score (the matcher the register's search already uses:
//! one scoring for the whole app, and it is built for ranking short labels as you type).

use super::dashboard::keys::DashboardAction;
use super::keymap::{Action, Global, Key, Keymap, Keymaps, actions};
use super::pane::View;
use super::register::keys::RegisterAction;
use super::reviews::keys::ReviewsAction;
use super::sanitize::clean;
use super::theme::ThemeName;
use super::widgets::{Field, FieldKey, dialog};
use crate::ui::actions::keys::ActionsAction;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

actions! {
    /// Keys of the command palette (everything else types into its search line).
    pub enum PaletteAction {
        Run = "run", "run the highlighted command";
        Down = "down", "next";
        Up = "up", "previous";
        Close = "close", "close the palette";
    }
}

pub fn table() -> Keymap<PaletteAction> {
    use PaletteAction::*;
    Keymap::new("palette")
        .note("type", "find a command, a pane or a person")
        .hint(1)
        .on(&["enter"], Run)
        .hint(1)
        .on(&["down", "ctrl-n"], Down)
        .hint(2)
        .on(&["up", "ctrl-p"], Up)
        .join("move")
        .on(&["esc"], Close)
        .hint(1)
}

/// What a palette line does when run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Global(Global),
    Theme(ThemeName),
    Register(RegisterAction),
    Reviews(ReviewsAction),
    Actions(ActionsAction),
    Dashboard(DashboardAction),
    /// Open this person's card.
    OpenPerson(i64),
    /// Start (or resume) a C(E)TR for this person.
    ReviewPerson(i64),
    /// Write this review's report to a file, as `dsr review export` does.
    ExportReview(i64),
}

/// One line of the palette: what it says, the key that does the same outside the palette.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub label: String,
    pub keys: String,
    pub command: Command,
}

impl Item {
    fn new(label: String, keys: String, command: Command) -> Item {
        Item {
            label,
            keys,
            command,
        }
    }
}

/// What a key in the palette led to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaletteEvent {
    Pending,
    /// The search text changed: the app offers the people it now finds.
    Changed,
    Run(Command),
    Close,
}

/// The first keys of an action as help shows them ("r", "Ctrl-N").
fn first_key(keys: &[Key]) -> Option<String> {
    keys.first().map(Key::to_string)
}

/// Esc means "back" in the mode it is bound in: undoing where you are makes no sense from the
/// palette, which Esc closes.
fn is_back(keys: &[Key]) -> bool {
    keys.first().is_some_and(|k| k.to_string() == "Esc")
}

/// Every action of `tables` (the first table binding an action gives its key), as palette lines,
/// each labelled with where it works ("Register", "Register card"). `prefix` is what comes before
/// the key: a chord's first key (the register's `f` before a filter key) or the view it needs.
fn lines_of<A: Action>(
    out: &mut Vec<Item>,
    tables: &[(&Keymap<A>, &str, Option<String>)],
    command: impl Fn(A) -> Command,
) {
    let mut seen: Vec<A> = Vec::new();
    for (table, place, prefix) in tables {
        for (action, keys) in table.bound() {
            if seen.contains(&action) || is_back(&keys) {
                continue;
            }
            let Some(key) = first_key(&keys) else {
                continue;
            };
            seen.push(action);
            let key = match prefix {
                Some(p) => format!("{p} {key}"),
                None => key,
            };
            out.push(Item::new(
                format!("{place}: {}", action.desc()),
                key,
                command(action),
            ));
        }
    }
}

/// Every command the palette offers whatever is on screen, in the order an empty search lists
/// them: going somewhere, then each pane's actions, then the themes.
pub fn commands(k: &Keymaps) -> Vec<Item> {
    let mut out = Vec::new();
    for (g, keys) in k.global.bound() {
        if matches!(g, Global::ForceQuit | Global::Palette) {
            continue;
        }
        if let Some(key) = first_key(&keys) {
            out.push(Item::new(g.desc().to_string(), key, Command::Global(g)));
        }
    }
    let filter_key = first_key(&k.register.list.keys_of(RegisterAction::Filter));
    lines_of(
        &mut out,
        &[
            (&k.register.list, "Register", None),
            (&k.register.filter, "Register filter", filter_key),
            (&k.register.card, "Register card", Some("card:".into())),
        ],
        Command::Register,
    );
    lines_of(
        &mut out,
        &[(&k.reviews.list, "Reviews", None)],
        Command::Reviews,
    );
    lines_of(
        &mut out,
        &[
            (&k.actions.list, "Actions", None),
            (&k.actions.detail, "Actions detail", Some("detail:".into())),
        ],
        Command::Actions,
    );
    lines_of(
        &mut out,
        &[(&k.dashboard.main, "Dashboard", None)],
        Command::Dashboard,
    );
    let theme_key = first_key(&k.global.keys_of(Global::Theme)).unwrap_or_default();
    for t in ThemeName::ALL {
        out.push(Item::new(
            format!("theme: {}", t.name()),
            theme_key.clone(),
            Command::Theme(t),
        ));
    }
    out
}

/// Lines shown at once (the box grows to this many where the terminal allows).
const MAX_ROWS: u16 = 14;

pub struct Palette {
    input: Field,
    commands: Vec<Item>,
    /// Lines that depend on what is on screen (the review in hand), before the commands.
    context: Vec<Item>,
    /// People found for the current search, best first.
    people: Vec<Item>,
    shown: Vec<Item>,
    selected: usize,
    offset: usize,
    matcher: Matcher,
}

impl Palette {
    pub fn new(commands: Vec<Item>, context: Vec<Item>) -> Palette {
        let mut p = Palette {
            input: Field::new(":").with_placeholder("a command, a pane, a name or NHS number"),
            commands,
            context,
            people: Vec::new(),
            shown: Vec::new(),
            selected: 0,
            offset: 0,
            matcher: Matcher::new(Config::DEFAULT),
        };
        p.refilter();
        p
    }

    pub fn query(&self) -> &str {
        self.input.value()
    }

    /// The lines shown, best first.
    pub fn shown(&self) -> &[Item] {
        &self.shown
    }

    /// The people the app found for the current search (each as a few lines).
    pub fn set_people(&mut self, people: Vec<Item>) {
        self.people = people;
        self.refilter();
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> PaletteEvent {
        match super::keymap::keys().palette.action(&key) {
            Some(PaletteAction::Close) => return PaletteEvent::Close,
            Some(PaletteAction::Run) => {
                return match self.shown.get(self.selected) {
                    Some(item) => PaletteEvent::Run(item.command),
                    None => PaletteEvent::Pending,
                };
            }
            Some(PaletteAction::Down) => {
                self.selected = (self.selected + 1).min(self.shown.len().saturating_sub(1));
                return PaletteEvent::Pending;
            }
            Some(PaletteAction::Up) => {
                self.selected = self.selected.saturating_sub(1);
                return PaletteEvent::Pending;
            }
            None => {}
        }
        if self.input.handle_key(key) == FieldKey::Changed {
            self.refilter();
            return PaletteEvent::Changed;
        }
        PaletteEvent::Pending
    }

    pub fn handle_paste(&mut self, text: &str) -> PaletteEvent {
        if self.input.paste(text) {
            self.refilter();
            return PaletteEvent::Changed;
        }
        PaletteEvent::Pending
    }

    /// Rank every line against the search by fuzzy score, people and commands together. A person
    /// the register's search found but the fuzzy score misses (an NHS number typed with dashes)
    /// still comes first: that search knows NHS numbers, and someone typing one wants the person.
    fn refilter(&mut self) {
        self.selected = 0;
        self.offset = 0;
        let q = self.input.value().trim();
        if q.is_empty() {
            self.shown = self.context.iter().chain(&self.commands).cloned().collect();
            return;
        }
        let pattern = Pattern::parse(q, CaseMatching::Ignore, Normalization::Smart);
        let mut buf = Vec::new();
        let matcher = &mut self.matcher;
        let mut score = |item: &Item| {
            let text = format!("{} {}", item.label, item.keys);
            pattern.score(Utf32Str::new(&text, &mut buf), matcher)
        };
        let mut scored: Vec<(u32, &Item)> = self
            .people
            .iter()
            .map(|p| (score(p).unwrap_or(u32::MAX), p))
            .collect();
        scored.extend(
            self.context
                .iter()
                .chain(&self.commands)
                .filter_map(|item| score(item).map(|s| (s, item))),
        );
        // Stable: equal scores keep people, then the table order.
        scored.sort_by_key(|(s, _)| std::cmp::Reverse(*s));
        self.shown = scored.into_iter().map(|(_, i)| i.clone()).collect();
    }

    pub fn render(&mut self, frame: &mut Frame, area: Rect, view: &View) {
        let t = view.theme;
        let width = area.width.saturating_sub(4).min(76);
        let rows = MAX_ROWS.min(area.height.saturating_sub(6)).max(1);
        let inner = dialog::modal(frame, area, width, rows + 4, " Command palette ", t);
        if inner.height < 3 {
            return;
        }
        self.input
            .render(frame, Rect { height: 1, ..inner }, 2, true, t);
        let list = Rect {
            y: inner.y + 2,
            height: inner.height.saturating_sub(3),
            ..inner
        };
        let page = usize::from(list.height);
        self.offset =
            super::keymap::scroll_offset(self.selected, self.offset, page, self.shown.len());
        let key_width = 12usize;
        let label_width = usize::from(list.width).saturating_sub(key_width + 2);
        for (i, item) in self.shown.iter().enumerate().skip(self.offset).take(page) {
            let label: String = clean(&item.label).chars().take(label_width).collect();
            let line = Line::from(vec![
                Span::raw(format!(" {label:<label_width$}")),
                Span::styled(format!("{:>key_width$} ", item.keys), t.key()),
            ]);
            let style = if i == self.selected {
                t.selected()
            } else {
                ratatui::style::Style::new()
            };
            frame.render_widget(
                line.style(style),
                Rect {
                    y: list.y + (i - self.offset) as u16,
                    height: 1,
                    ..list
                },
            );
        }
        if self.shown.is_empty() {
            frame.render_widget(
                Span::styled(" Nothing matches: try fewer letters", t.dim()),
                Rect { height: 1, ..list },
            );
        }
        let foot = Rect {
            y: inner.y + inner.height - 1,
            height: 1,
            ..inner
        };
        frame.render_widget(
            Span::styled(" Enter runs · ↑/↓ choose · Esc closes", t.dim()),
            foot,
        );
    }
}

#[cfg(test)]
mod tests;
