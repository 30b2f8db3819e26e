//! Colours and emphasis. With `NO_COLOR` (or a monochrome terminal) the theme uses no colour at all:
//! emphasis comes from reverse, bold and underline, and ratings from their letters.

use crate::domain::rating::Rating;
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub colour: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty (no-color.org).
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { colour: !no_color }
    }
    pub fn mono() -> Theme {
        Theme { colour: false }
    }
    pub fn colour() -> Theme {
        Theme { colour: true }
    }

    fn fg(self, c: Color) -> Style {
        if self.colour {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// The rating badge: coloured block with its letter; in monochrome, the letter in reverse for
    /// the two urgent ratings so they still stand out.
    pub fn rating(self, r: Rating) -> Style {
        if self.colour {
            let (bg, fg) = match r {
                Rating::Blue => (Color::Blue, Color::White),
                Rating::Red => (Color::Red, Color::White),
                Rating::Amber => (Color::Yellow, Color::Black),
                Rating::Green => (Color::Green, Color::Black),
            };
            Style::new().bg(bg).fg(fg).add_modifier(Modifier::BOLD)
        } else {
            match r {
                Rating::Blue | Rating::Red => {
                    Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
                }
                _ => Style::new(),
            }
        }
    }

    pub fn selected(self) -> Style {
        if self.colour {
            Style::new()
                .bg(Color::DarkGray)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }
    pub fn title(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn header(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
    pub fn dim(self) -> Style {
        if self.colour {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }
    pub fn warning(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn ok(self) -> Style {
        self.fg(Color::Green)
    }
    pub fn key(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    pub fn bar(self) -> Style {
        if self.colour {
            Style::new().bg(Color::Indexed(236)).fg(Color::White)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }
    pub fn focus(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn error(self) -> Style {
        if self.colour {
            Style::new().fg(Color::White).bg(Color::Red)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }
}

/// The rating as a 3-cell badge " R " (letter always present, so it reads without colour).
pub fn rating_badge(r: Rating) -> String {
    format!(" {} ", r.letter())
}
