//! Styled lines wrapped to a width, for messages that must be read whole (a finalise blocker, a
//! rating's description): the words break as [`crate::text::wrap`] breaks them, and each keeps
//! the style it had.

use crate::text::clean;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// `line` cleaned and broken into lines of at most `width` columns; lines after the first start
/// with `indent` spaces, so a bullet's text keeps its left edge. Always at least one line.
pub fn wrap_line(line: &Line, width: u16, indent: usize) -> Vec<Line<'static>> {
    let styled: Vec<(char, Style)> = line
        .spans
        .iter()
        .flat_map(|s| {
            let style = line.style.patch(s.style);
            clean(&s.content)
                .chars()
                .map(move |c| (c, style))
                .collect::<Vec<_>>()
        })
        .collect();
    let plain: String = styled.iter().map(|(c, _)| *c).collect();
    let pad = " ".repeat(indent);
    let rows = crate::text::wrap(&plain, usize::from(width), &pad);
    // Every character wrapped comes from the line, in order (breaks only drop spaces), so each
    // finds its style by walking the line forward.
    let mut from = 0;
    rows.iter()
        .enumerate()
        .map(|(i, row)| {
            let mut spans: Vec<Span<'static>> = Vec::new();
            let body = match row.strip_prefix(pad.as_str()) {
                Some(rest) if i > 0 => {
                    spans.push(Span::raw(pad.clone()));
                    rest
                }
                _ => row.as_str(),
            };
            for c in body.chars() {
                while styled.get(from).is_some_and(|(s, _)| *s != c) {
                    from += 1;
                }
                let style = styled.get(from).map_or(line.style, |(_, s)| *s);
                from += 1;
                match spans.last_mut() {
                    Some(last) if last.style == style => last.content.to_mut().push(c),
                    _ => spans.push(Span::styled(c.to_string(), style)),
                }
            }
            Line::from(spans)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Color;

    #[test]
    fn wrapped_words_keep_their_styles_and_indent() {
        let warn = Style::new().fg(Color::Yellow);
        let dim = Style::new().fg(Color::DarkGray);
        let line = Line::from(vec![
            Span::styled("  • the independent clinical expert is not named", warn),
            Span::styled("  (step 2 Panel: g2)", dim),
        ]);
        let rows = wrap_line(&line, 30, 4);
        let text: Vec<String> = rows.iter().map(|l| l.to_string()).collect();
        assert!(text.iter().all(|l| l.chars().count() <= 30), "{text:?}");
        assert!(text[0].starts_with("  • the"), "{text:?}");
        assert!(text[1..].iter().all(|l| l.starts_with("    ")), "{text:?}");
        let words: Vec<&str> = text.iter().flat_map(|l| l.split_whitespace()).collect();
        assert_eq!(
            words.join(" "),
            "• the independent clinical expert is not named (step 2 Panel: g2)"
        );
        let styled_as = |word: &str| {
            rows.iter()
                .flat_map(|l| l.spans.iter())
                .find(|s| s.content.contains(word))
                .map(|s| s.style)
        };
        assert_eq!(styled_as("expert"), Some(warn));
        assert_eq!(styled_as("g2)"), Some(dim));
    }
}
