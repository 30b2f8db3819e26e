//! Every piece of register text passes through [`clean`] before it is drawn, so a name holding an
//! escape sequence or control character is shown as a visible placeholder, never sent raw.

use std::borrow::Cow;

/// Shown in place of each control character.
pub const PLACEHOLDER: char = '\u{FFFD}';

fn is_unsafe(c: char) -> bool {
    // C0 and C1 controls (ESC, BEL, CSI...), DEL, and bidi overrides that can disguise text.
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

pub fn clean(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_unsafe) {
        Cow::Owned(
            text.chars()
                .map(|c| if is_unsafe(c) { PLACEHOLDER } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    }
}

/// For multi-line fields: keeps newlines, cleans the rest.
pub fn clean_multiline(text: &str) -> Cow<'_, str> {
    if text.chars().any(|c| c != '\n' && is_unsafe(c)) {
        Cow::Owned(
            text.chars()
                .map(|c| {
                    if c != '\n' && is_unsafe(c) {
                        PLACEHOLDER
                    } else {
                        c
                    }
                })
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_placeholders() {
        assert_eq!(clean("Ann\u{1b}[2JBell"), "Ann\u{FFFD}[2JBell");
        assert_eq!(clean("a\u{7}b\u{9b}c\u{7f}"), "a\u{FFFD}b\u{FFFD}c\u{FFFD}");
        assert_eq!(clean("tab\there"), "tab\u{FFFD}here");
        assert_eq!(clean("evil\u{202E}txt"), "evil\u{FFFD}txt");
    }

    #[test]
    fn ordinary_text_is_borrowed() {
        assert!(matches!(clean("Zoë O'Brien-Ng"), Cow::Borrowed(_)));
        assert_eq!(
            clean_multiline("line 1\nline\u{1b}2"),
            "line 1\nline\u{FFFD}2"
        );
    }
}
