//! The one sanitiser. Register text is typed, pasted and imported by people and spreadsheets, and
//! it leaves through a terminal, CSV, JSON and Markdown. Nothing in it may act on a terminal (ESC,
//! BEL, NUL, C1 controls), disguise itself (bidi overrides) or hide (zero-width marks).
//!
//! - On the way in, [`clean_input`] and [`clean_input_multiline`] drop controls, bidi overrides and
//!   zero-width spaces; joiners and direction marks stay, as scripts and emoji need them.
//! - For drawing, [`clean`] and [`clean_multiline`] replace anything a terminal would act on or
//!   not show with [`PLACEHOLDER`], so every character shown takes the columns [`width`] says.
//! - Every byte a command writes passes [`SafeWriter`], which replaces controls and overrides.
//! - [`markdown`] escapes text for a Markdown document.
//! - [`wrap`] breaks cleaned text into lines that fit a width, for messages that must be read whole.

use std::borrow::Cow;
use std::io::Write;
use unicode_width::UnicodeWidthStr;

/// Shown in place of each control character or invisible mark.
pub const PLACEHOLDER: char = '\u{FFFD}';

/// Characters that reorder the text around them, so what is shown is not what is stored.
fn is_override(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters a terminal shows as nothing, or as a line break, shifting what follows.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{2060}'..='\u{2064}'
            | '\u{FEFF}'
    )
}

/// C0 and C1 controls, DEL, and bidi overrides: what must never reach a terminal raw.
fn is_dangerous(c: char) -> bool {
    c.is_control() || is_override(c)
}

fn is_unsafe_to_show(c: char) -> bool {
    is_dangerous(c) || is_invisible(c)
}

fn replace_where(text: &str, bad: impl Fn(char) -> bool) -> Cow<'_, str> {
    if text.chars().any(&bad) {
        Cow::Owned(
            text.chars()
                .map(|c| if bad(c) { PLACEHOLDER } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    }
}

/// For drawing one line: every control, override or invisible mark becomes [`PLACEHOLDER`].
pub fn clean(text: &str) -> Cow<'_, str> {
    replace_where(text, is_unsafe_to_show)
}

/// For drawing multi-line fields: as [`clean`], keeping newlines.
pub fn clean_multiline(text: &str) -> Cow<'_, str> {
    replace_where(text, |c| c != '\n' && is_unsafe_to_show(c))
}

/// Zero-width spaces and the like: never needed in a name or a note, and they make two strings
/// that look the same compare different.
fn is_droppable(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// Text typed, pasted or imported into a one-line field: tabs and line breaks become spaces;
/// controls, overrides and zero-width spaces are dropped.
pub fn clean_input(text: &str) -> Cow<'_, str> {
    let bad = |c: char| is_dangerous(c) || is_droppable(c) || matches!(c, '\u{2028}' | '\u{2029}');
    if !text.chars().any(bad) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter_map(|c| match c {
                '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}' => Some(' '),
                c if bad(c) => None,
                c => Some(c),
            })
            .collect(),
    )
}

/// As [`clean_input`] for notes and findings: line breaks (CRLF, CR, U+2028/9) become `\n`.
pub fn clean_input_multiline(text: &str) -> Cow<'_, str> {
    let bad = |c: char| {
        (c != '\n' && is_dangerous(c)) || is_droppable(c) || matches!(c, '\u{2028}' | '\u{2029}')
    };
    if !text.chars().any(bad) {
        return Cow::Borrowed(text);
    }
    let unified = text.replace("\r\n", "\n");
    Cow::Owned(
        unified
            .chars()
            .filter_map(|c| match c {
                '\r' | '\u{2028}' | '\u{2029}' => Some('\n'),
                '\t' => Some(' '),
                c if bad(c) => None,
                c => Some(c),
            })
            .collect(),
    )
}

/// Columns the terminal gives `text` once cleaned (wide characters take two, marks none).
pub fn width(text: &str) -> usize {
    clean(text).width()
}

/// Cleaned and cut to at most `max` columns, with an ellipsis when cut.
pub fn truncate(text: &str, max: usize) -> String {
    let text = clean(text);
    if text.width() <= max {
        return text.into_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        used += w;
        out.push(c);
    }
    if max > 0 {
        out.push('…');
    }
    out
}

/// Cleaned and broken into lines of at most `max` columns: at its own line breaks, at spaces
/// where it can, inside a word only when the word alone is wider than a line. `indent` starts
/// every line after the first, so a message under a marker (`⚠ `) keeps its left edge. Always at
/// least one line.
pub fn wrap(text: &str, max: usize, indent: &str) -> Vec<String> {
    let max = max.max(width(indent) + 1);
    let mut out = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let first = if i == 0 { "" } else { indent };
        let options = textwrap::Options::new(max)
            .initial_indent(first)
            .subsequent_indent(indent);
        out.extend(
            textwrap::wrap(&clean(line), options)
                .into_iter()
                .map(Cow::into_owned),
        );
    }
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

/// Escape text so a Markdown renderer shows it as typed: no headings, lists, links, images, code
/// or HTML (`<script>`, `<img onerror>`) made from what someone wrote. Line breaks are kept.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let body = line.trim_start_matches(' ');
        out.push_str(&line[..line.len() - body.len()]);
        // A line that starts like a block (heading, list, quote, rule, numbered item) is escaped.
        let digits = body.chars().take_while(char::is_ascii_digit).count();
        // `#` and `*` are escaped everywhere below and `>` becomes an entity; these three only
        // mean something at the start of a line.
        if body.starts_with(['-', '+', '=']) {
            out.push('\\');
        }
        for (at, c) in body.char_indices() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' => {
                    out.push('\\');
                    out.push(c);
                }
                '.' | ')' if digits > 0 && at == digits => {
                    out.push('\\');
                    out.push(c);
                }
                c => out.push(c),
            }
        }
    }
    out
}

/// A writer that passes text through but replaces controls and bidi overrides with
/// [`PLACEHOLDER`]; line feeds, tabs and CRLF line ends pass. Every command's output goes through
/// it, so nothing in the register can reach a terminal as an escape sequence, whatever the format.
pub struct SafeWriter<W: Write> {
    inner: W,
    /// Bytes of a UTF-8 character split across two writes, or a CR waiting for its LF.
    pending: Vec<u8>,
}

impl<W: Write> SafeWriter<W> {
    pub fn new(inner: W) -> Self {
        SafeWriter {
            inner,
            pending: Vec::new(),
        }
    }

    pub fn into_inner(mut self) -> std::io::Result<W> {
        self.flush_pending()?;
        Ok(self.inner)
    }

    pub fn get_mut(&mut self) -> &mut W {
        &mut self.inner
    }

    /// Whatever is left at the end (a lone CR, a cut character) is not text: a placeholder.
    fn flush_pending(&mut self) -> std::io::Result<()> {
        if !self.pending.is_empty() {
            self.pending.clear();
            let mut buf = [0u8; 4];
            self.inner
                .write_all(PLACEHOLDER.encode_utf8(&mut buf).as_bytes())?;
        }
        Ok(())
    }

    fn emit(&mut self, data: &[u8]) -> std::io::Result<()> {
        // Printable ASCII, line feeds and tabs (nearly every byte of a return or an export) pass
        // as they are, without decoding character by character.
        if data
            .iter()
            .all(|b| matches!(b, b' '..=b'~' | b'\n' | b'\t'))
        {
            return self.inner.write_all(data);
        }
        let mut clean = Vec::with_capacity(data.len());
        let mut rest = data;
        let mut buf = [0u8; 4];
        while !rest.is_empty() {
            let (good, bad_len) = match std::str::from_utf8(rest) {
                Ok(s) => (s, 0),
                Err(e) => {
                    let good = std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or_default();
                    match e.error_len() {
                        Some(n) => (good, n),
                        None => {
                            // An incomplete character at the end: wait for the next write.
                            self.pending = rest[e.valid_up_to()..].to_vec();
                            (good, usize::MAX)
                        }
                    }
                }
            };
            let mut chars = good.chars().peekable();
            while let Some(c) = chars.next() {
                let keep = match c {
                    '\n' | '\t' => true,
                    '\r' => match chars.peek() {
                        Some('\n') => true,
                        Some(_) => false,
                        None if bad_len == 0 => {
                            // CR at the very end of this write: decide when the next byte comes.
                            self.pending = vec![b'\r'];
                            continue;
                        }
                        None => false,
                    },
                    c => !is_dangerous(c),
                };
                let c = if keep { c } else { PLACEHOLDER };
                clean.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
            if bad_len == usize::MAX {
                break;
            }
            if bad_len > 0 {
                clean.extend_from_slice(PLACEHOLDER.encode_utf8(&mut buf).as_bytes());
            }
            rest = &rest[good.len() + bad_len..];
        }
        self.inner.write_all(&clean)
    }
}

impl<W: Write> Write for SafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.pending.is_empty() {
            self.emit(buf)?;
        } else {
            let mut joined = std::mem::take(&mut self.pending);
            joined.extend_from_slice(buf);
            self.emit(&joined)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests;
