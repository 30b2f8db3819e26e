//! Colours and emphasis, in three themes. Default and high-contrast use only the 16 named ANSI
//! colours, so they read the same on a 16-colour terminal as on a true-colour one; monochrome uses
//! no colour at all: emphasis comes from reverse, bold and underline, and ratings from their letters.
//!
//! A selected row is drawn reversed in every theme: reversing swaps each cell's own foreground and
//! background, so every cell keeps the contrast it had unselected (a grey "-" on a grey selection
//! bar, or a red warning on a red one, cannot happen).

use crate::domain::rating::Rating;
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeName {
    Default,
    HighContrast,
    Monochrome,
}

impl ThemeName {
    pub const ALL: [ThemeName; 3] = [
        ThemeName::Default,
        ThemeName::HighContrast,
        ThemeName::Monochrome,
    ];

    /// The name used in the settings file and the command palette.
    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Default => "default",
            ThemeName::HighContrast => "high-contrast",
            ThemeName::Monochrome => "monochrome",
        }
    }

    pub fn parse(s: &str) -> Option<ThemeName> {
        ThemeName::ALL.into_iter().find(|t| t.name() == s)
    }

    /// The next theme, for a "change theme" command.
    pub fn next(self) -> ThemeName {
        let i = ThemeName::ALL.iter().position(|t| *t == self).unwrap_or(0);
        ThemeName::ALL[(i + 1) % ThemeName::ALL.len()]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub name: ThemeName,
}

/// Whether the environment asks for no colour: `NO_COLOR` set to anything non-empty
/// (no-color.org), or a terminal that cannot show colour (`TERM=dumb`).
pub fn env_forbids_colour(no_color: Option<&str>, term: Option<&str>) -> bool {
    no_color.is_some_and(|v| !v.is_empty()) || term == Some("dumb")
}

impl Theme {
    /// The chosen theme, unless the environment forbids colour, which always wins: someone who set
    /// `NO_COLOR` or runs on a dumb terminal gets monochrome whatever the settings file says.
    pub fn choose(chosen: Option<ThemeName>, forbids_colour: bool) -> Theme {
        if forbids_colour {
            return Theme::mono();
        }
        Theme {
            name: chosen.unwrap_or(ThemeName::Default),
        }
    }

    /// The chosen theme, or monochrome when the process environment forbids colour.
    pub fn from_env(chosen: Option<ThemeName>) -> Theme {
        let no_color = std::env::var("NO_COLOR").ok();
        let term = std::env::var("TERM").ok();
        Theme::choose(
            chosen,
            env_forbids_colour(no_color.as_deref(), term.as_deref()),
        )
    }
    pub fn mono() -> Theme {
        Theme {
            name: ThemeName::Monochrome,
        }
    }
    pub fn colour() -> Theme {
        Theme {
            name: ThemeName::Default,
        }
    }
    pub fn high_contrast() -> Theme {
        Theme {
            name: ThemeName::HighContrast,
        }
    }

    pub fn has_colour(self) -> bool {
        self.name != ThemeName::Monochrome
    }
    fn high(self) -> bool {
        self.name == ThemeName::HighContrast
    }

    /// A foreground colour (a chart series, say), or plain text in monochrome.
    pub fn fg(self, c: Color) -> Style {
        if self.has_colour() {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// The rating badge: coloured block with its letter; in monochrome, the letter in bold
    /// underline for the two urgent ratings so they still stand out.
    pub fn rating(self, r: Rating) -> Style {
        if self.has_colour() {
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

    /// The rating's own colour, for charts.
    pub fn rating_colour(self, r: Rating) -> Style {
        self.fg(match r {
            Rating::Blue => Color::Blue,
            Rating::Red => Color::Red,
            Rating::Amber => Color::Yellow,
            Rating::Green => Color::Green,
        })
    }

    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
    pub fn title(self) -> Style {
        let c = if self.high() {
            Color::White
        } else {
            Color::Cyan
        };
        self.fg(c).add_modifier(Modifier::BOLD)
    }
    pub fn header(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
    /// Secondary text. High contrast keeps it at full strength: nothing there may be faint.
    pub fn dim(self) -> Style {
        match self.name {
            ThemeName::Default => Style::new().fg(Color::DarkGray),
            ThemeName::HighContrast | ThemeName::Monochrome => Style::new(),
        }
    }
    pub fn warning(self) -> Style {
        let c = if self.high() {
            Color::LightRed
        } else {
            Color::Red
        };
        self.fg(c).add_modifier(Modifier::BOLD)
    }
    pub fn ok(self) -> Style {
        let c = if self.high() {
            Color::LightGreen
        } else {
            Color::Green
        };
        self.fg(c)
    }
    pub fn key(self) -> Style {
        let c = if self.high() {
            Color::LightYellow
        } else {
            Color::Yellow
        };
        self.fg(c).add_modifier(Modifier::BOLD)
    }
    /// The title bar.
    pub fn bar(self) -> Style {
        match self.name {
            // The active pane's tab is reversed within it, so the bar itself stays dark.
            ThemeName::Default | ThemeName::HighContrast => {
                Style::new().bg(Color::Black).fg(Color::White)
            }
            ThemeName::Monochrome => Style::new().add_modifier(Modifier::REVERSED),
        }
    }
    /// The active pane's tab in the title bar: the opposite of the bar, so it stands out in every
    /// theme (monochrome's bar is itself reversed, so there the tab is the one part that is not).
    pub fn active_tab(self) -> Style {
        match self.name {
            ThemeName::Monochrome => Style::new()
                .remove_modifier(Modifier::REVERSED)
                .add_modifier(Modifier::BOLD),
            ThemeName::Default | ThemeName::HighContrast => self.selected(),
        }
    }
    pub fn focus(self) -> Style {
        let c = if self.high() {
            Color::LightCyan
        } else {
            Color::Cyan
        };
        self.fg(c).add_modifier(Modifier::BOLD)
    }
    pub fn error(self) -> Style {
        if self.has_colour() {
            Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }
    /// A text input: underlined in every theme, which needs no background colour to show where
    /// the field is (a 16-colour terminal has no shade between black and grey).
    pub fn field(self) -> Style {
        Style::new().add_modifier(Modifier::UNDERLINED)
    }
}

/// The rating as a 3-cell badge " R " (letter always present, so it reads without colour).
pub fn rating_badge(r: Rating) -> String {
    format!(" {} ", r.letter())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_or_a_dumb_terminal_forces_monochrome_over_the_settings() {
        assert!(env_forbids_colour(Some("1"), Some("xterm-256color")));
        assert!(env_forbids_colour(None, Some("dumb")));
        assert!(!env_forbids_colour(Some(""), Some("xterm")));
        assert!(!env_forbids_colour(None, None));
        let high = Some(ThemeName::HighContrast);
        assert_eq!(Theme::choose(high, true), Theme::mono());
        assert_eq!(Theme::choose(high, false), Theme::high_contrast());
        assert_eq!(Theme::choose(None, false), Theme::colour());
    }

    /// A 16-colour terminal shows only the named ANSI colours; anything else (RGB, the 256-colour
    /// cube) comes out as a different colour or none.
    #[test]
    fn every_theme_uses_only_the_sixteen_named_colours() {
        let named = |c: Option<Color>| !matches!(c, Some(Color::Rgb(..) | Color::Indexed(_)));
        for name in ThemeName::ALL {
            let t = Theme { name };
            let mut styles = vec![
                t.selected(),
                t.title(),
                t.header(),
                t.dim(),
                t.warning(),
                t.ok(),
                t.key(),
                t.bar(),
                t.focus(),
                t.error(),
                t.field(),
            ];
            styles.extend(Rating::ALL.map(|r| t.rating(r)));
            styles.extend(Rating::ALL.map(|r| t.rating_colour(r)));
            for s in styles {
                assert!(named(s.fg) && named(s.bg), "{name:?}: {s:?}");
                if name == ThemeName::Monochrome {
                    assert_eq!((s.fg, s.bg), (None, None), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn the_selected_row_reverses_so_every_cell_keeps_its_contrast() {
        for name in ThemeName::ALL {
            let s = Theme { name }.selected();
            assert!(s.add_modifier.contains(Modifier::REVERSED), "{name:?}");
            assert_eq!((s.fg, s.bg), (None, None), "{name:?}");
        }
    }

    #[test]
    fn the_active_tab_is_the_opposite_of_the_title_bar() {
        for name in ThemeName::ALL {
            let t = Theme { name };
            let on_bar = t.bar().patch(t.active_tab());
            assert_ne!(
                on_bar.add_modifier.contains(Modifier::REVERSED),
                t.bar().add_modifier.contains(Modifier::REVERSED),
                "{name:?}"
            );
        }
    }

    #[test]
    fn theme_names_round_trip() {
        for t in ThemeName::ALL {
            assert_eq!(ThemeName::parse(t.name()), Some(t));
        }
        assert_eq!(ThemeName::parse("pink"), None);
        assert_eq!(ThemeName::Monochrome.next(), ThemeName::Default);
    }
}
