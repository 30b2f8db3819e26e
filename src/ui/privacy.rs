//! Privacy mode, for projecting the screen in a meeting: people's names become their initials and
//! NHS numbers show only their last three digits, everywhere on screen.
//!
//! It works on the finished frame, after every pane, dialog and overlay has drawn, so it is the
//! one place that decides what is hidden: a name in free text (a rating reason, an action, a
//! finding), a new widget or a message cannot slip past it. Names are matched against every name
//! the register holds for a person; a staff member who shares one loses it too, which is the safe
//! way to be wrong.

use ratatui::buffer::Buffer;
use std::collections::BTreeSet;

/// What a hidden digit is drawn as.
const HIDDEN_DIGIT: char = '•';

#[derive(Debug, Clone, Default)]
pub struct Masker {
    /// Sorted, so a name cut short by a dialog's border is found by its beginning.
    names: BTreeSet<String>,
}

impl Masker {
    /// From the names people have on the register (given, family, preferred), as stored.
    pub fn new(names: impl IntoIterator<Item = String>) -> Masker {
        let mut set = BTreeSet::new();
        for name in names {
            // "Mary Ann" hides as two names; "Smith-Jones" hides whole, and each part on its own.
            for word in name.split_whitespace() {
                let word = word.trim_matches(|c: char| !c.is_alphanumeric());
                if word.chars().count() < 2 {
                    continue;
                }
                set.insert(word.to_string());
                for part in word.split('-').filter(|p| p.chars().count() >= 2) {
                    set.insert(part.to_string());
                }
            }
        }
        Masker { names: set }
    }

    fn is_name(&self, token: &str) -> bool {
        let bare = token
            .strip_suffix("'s")
            .or_else(|| token.strip_suffix("’s"))
            .unwrap_or(token);
        self.names.contains(bare)
    }

    /// A word cut short where a dialog's border or a column's `…` overlaps it ("Woodfiel│") is
    /// still part of a name: hide it when a name begins with it.
    fn is_cut_name(&self, token: &str) -> bool {
        self.names
            .range::<str, _>((std::ops::Bound::Included(token), std::ops::Bound::Unbounded))
            .next()
            .is_some_and(|n| n.starts_with(token))
    }

    /// Mask every row of a drawn frame in place, keeping each cell's style.
    pub fn mask_buffer(&self, buf: &mut Buffer) {
        let area = buf.area;
        for y in area.top()..area.bottom() {
            // One char per cell; a cell holding anything else (a wide glyph, a combining
            // sequence, the blank after a wide glyph) breaks words and numbers.
            let row: Vec<char> = (area.left()..area.right())
                .map(|x| {
                    let mut chars = buf[(x, y)].symbol().chars();
                    match (chars.next(), chars.next()) {
                        (Some(c), None) => c,
                        _ => '\0',
                    }
                })
                .collect();
            let masked = self.mask_cells(&row);
            for (i, (old, new)) in row.iter().zip(&masked).enumerate() {
                if old != new {
                    let x = area.left() + i as u16;
                    buf[(x, y)].set_char(*new);
                }
            }
        }
    }

    /// One row of cells, masked: the same number of cells, so nothing else on the row moves.
    pub fn mask_cells(&self, row: &[char]) -> Vec<char> {
        let mut out = row.to_vec();
        mask_nhs_numbers(&mut out);
        self.mask_names(&mut out);
        out
    }

    /// A run of names ("Dixon, Alex", "Alex Dixon") becomes its initials ("D., A.", "A. D."),
    /// padded with blanks to the run's width.
    fn mask_names(&self, cells: &mut [char]) {
        let mut i = 0;
        while i < cells.len() {
            let Some(end) = self.name_at(cells, i) else {
                i = next_word(cells, i);
                continue;
            };
            let mut replacement: Vec<char> = vec![initial(cells[i]), '.'];
            let mut run_end = end;
            // Further names joined by a space or ", " belong to the same run.
            loop {
                let sep = if cells[run_end..].starts_with(&[',', ' ']) {
                    2
                } else if cells[run_end..].starts_with(&[' ']) {
                    1
                } else {
                    break;
                };
                let Some(next_end) = self.name_at(cells, run_end + sep) else {
                    break;
                };
                replacement.extend_from_slice(&cells[run_end..run_end + sep]);
                replacement.push(initial(cells[run_end + sep]));
                replacement.push('.');
                run_end = next_end;
            }
            replacement.resize(run_end - i, ' ');
            cells[i..run_end].copy_from_slice(&replacement[..run_end - i]);
            i = run_end;
        }
    }

    /// The end of the name that starts at `i`, if a word starts there and is a name.
    fn name_at(&self, cells: &[char], i: usize) -> Option<usize> {
        let starts_word = cells.get(i).is_some_and(|c| c.is_alphabetic())
            && (i == 0 || !is_word_char(cells[i - 1]));
        if !starts_word {
            return None;
        }
        let mut end = i;
        while end < cells.len() && is_word_char(cells[end]) {
            end += 1;
        }
        // A trailing hyphen or apostrophe is punctuation, not part of the name.
        while end > i && matches!(cells[end - 1], '-' | '\'' | '’') {
            end -= 1;
        }
        let token: String = cells[i..end].iter().collect();
        let cut = cells.get(end).is_some_and(|c| is_cut_mark(*c));
        // Two initials fit in a one-letter name's cells only if there is none.
        (end - i >= 2 && (self.is_name(&token) || (cut && self.is_cut_name(&token)))).then_some(end)
    }
}

/// Where drawing cuts a word short: a box-drawing border or an ellipsis.
fn is_cut_mark(c: char) -> bool {
    matches!(c, '\u{2500}'..='\u{257F}' | '…')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '\'' | '’')
}

fn initial(c: char) -> char {
    c.to_uppercase().next().unwrap_or(c)
}

/// Where the search for the next word resumes after position `i`.
fn next_word(cells: &[char], i: usize) -> usize {
    let mut j = i + 1;
    if is_word_char(cells[i]) {
        while j < cells.len() && is_word_char(cells[j]) {
            j += 1;
        }
    }
    j
}

/// An NHS number (10 digits, run together or grouped 3-3-4 by spaces or hyphens) keeps only its
/// last three digits: `999 000 1545` becomes `••• ••• •545`.
fn mask_nhs_numbers(cells: &mut [char]) {
    let mut i = 0;
    while i < cells.len() {
        let starts = cells[i].is_ascii_digit() && (i == 0 || !cells[i - 1].is_ascii_digit());
        if !starts {
            i += 1;
            continue;
        }
        match nhs_number_at(cells, i) {
            Some(len) => {
                let mut digits = 0;
                for c in &mut cells[i..i + len] {
                    if c.is_ascii_digit() {
                        digits += 1;
                        if digits <= 7 {
                            *c = HIDDEN_DIGIT;
                        }
                    }
                }
                i += len;
            }
            None => i += 1,
        }
    }
}

/// The length of the NHS number starting at `i`, if one does: ten digits not part of a longer
/// number, either run together or as 3-3-4 with one separator.
fn nhs_number_at(cells: &[char], i: usize) -> Option<usize> {
    let digit = |k: usize| cells.get(k).is_some_and(|c| c.is_ascii_digit());
    let ends_at = |k: usize| !digit(k);
    if (i..i + 10).all(digit) && ends_at(i + 10) {
        return Some(10);
    }
    let sep = *cells.get(i + 3)?;
    let grouped = matches!(sep, ' ' | '-')
        && (i..i + 3).all(digit)
        && (i + 4..i + 7).all(digit)
        && cells.get(i + 7) == Some(&sep)
        && (i + 8..i + 12).all(digit)
        && ends_at(i + 12);
    grouped.then_some(12)
}

/// Only the file's name: the directories above it name the member of staff and often the team.
pub fn file_name_only(path: &std::path::Path) -> String {
    match path.file_name() {
        Some(name) => format!("…/{}", name.to_string_lossy()),
        None => "…".to_string(),
    }
}

/// A login or other name as initials: `jo.hartley` becomes `J.H.`.
pub fn initials(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric())
        .filter_map(|w| w.chars().next())
        .map(|c| format!("{}.", initial(c)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(m: &Masker, s: &str) -> String {
        let row: Vec<char> = s.chars().collect();
        m.mask_cells(&row).into_iter().collect()
    }

    fn masker() -> Masker {
        Masker::new(
            [
                "Alex",
                "Dixon",
                "Isla",
                "Foster",
                "Isl",
                "Smith-Jones",
                "Mary Ann",
                "Will",
            ]
            .map(String::from),
        )
    }

    #[test]
    fn names_become_initials_in_the_same_width() {
        let m = masker();
        let cases = [
            ("Dixon, Alex   63", "D., A.        63"),
            ("Person card: Alex Dixon", "Person card: A. D.     "),
            ("Foster, Isla (Isl)", "F., I.       (I. )"),
            ("call Alex's GP", "call A.     GP"),
            ("Smith-Jones, Mary", "S., M.           "),
            ("Jones", "J.   "),
            ("Brown", "Brown"),
            ("Alexander Dixonby", "Alexander Dixonby"),
            ("willow Will", "willow W.  "),
            // Cut short by a dialog drawn over the list, or by a narrow column.
            ("Smith-Jo│", "S.      │"),
            ("Dix…", "D. …"),
            ("Brow│", "Brow│"),
        ];
        for (input, want) in cases {
            let got = masked(&m, input);
            assert_eq!(got, want, "{input:?}");
            assert_eq!(got.chars().count(), input.chars().count());
        }
    }

    #[test]
    fn nhs_numbers_keep_only_their_last_three_digits() {
        let m = Masker::default();
        let cases = [
            ("999 000 1545 63", "••• ••• •545 63"),
            ("nhs 9990001545.", "nhs •••••••545."),
            ("999-001-7824", "•••-•••-•824"),
            ("12345678901", "12345678901"),
            ("999 000 154", "999 000 154"),
            ("Register: 60 people", "Register: 60 people"),
            ("24/11/2026", "24/11/2026"),
        ];
        for (input, want) in cases {
            assert_eq!(masked(&m, input), want, "{input:?}");
        }
    }

    #[test]
    fn the_buffer_keeps_each_cells_style() {
        use ratatui::layout::Rect;
        use ratatui::style::{Color, Style};
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 1));
        buf.set_string(0, 0, "Dixon, Alex", Style::new().fg(Color::Red));
        masker().mask_buffer(&mut buf);
        let row: String = (0..20).map(|x| buf[(x, 0)].symbol().to_string()).collect();
        assert_eq!(row, "D., A.              ");
        assert_eq!(buf[(0, 0)].fg, Color::Red);
    }

    #[test]
    fn logins_become_initials() {
        assert_eq!(initials("jo.hartley"), "J.H.");
        assert_eq!(initials("screenshot"), "S.");
        assert_eq!(initials(""), "");
    }
}
