//! The register search: folded haystacks, needles, and the tier a row matches a needle in.

use super::rows::{Lean, Texts};
use crate::store::people::RegisterRow;

/// Lower-case, with common Latin accents folded, so "zoe" finds "Zoë".
fn fold_into(out: &mut String, text: &str) {
    for c in text.chars() {
        let c = match c {
            'à'..='å' | 'À'..='Å' => 'a',
            'è'..='ë' | 'È'..='Ë' => 'e',
            'ì'..='ï' | 'Ì'..='Ï' => 'i',
            'ò'..='ö' | 'ø' | 'Ò'..='Ö' | 'Ø' => 'o',
            'ù'..='ü' | 'Ù'..='Ü' => 'u',
            'ç' | 'Ç' => 'c',
            'ñ' | 'Ñ' => 'n',
            'ý' | 'ÿ' | 'Ý' => 'y',
            c => c,
        };
        out.extend(c.to_lowercase());
    }
}

/// What search matches: names, preferred name, NHS number (digits) and local id, folded.
pub(super) fn haystack_into(out: &mut String, texts: &Texts, r: &Lean) {
    fold_into(out, texts.get(r.family));
    out.push(' ');
    fold_into(out, texts.get(r.given));
    if let Some(p) = r.preferred {
        out.push(' ');
        fold_into(out, texts.get(p));
    }
    out.push(' ');
    if !r.nhs_digits_into(out) {
        out.pop();
    }
    if let Some(l) = r.local_id {
        out.push(' ');
        fold_into(out, texts.get(l));
    }
}

/// A field search reads that a row of the list shows only in part (the preferred name, at the end
/// of a name the column may cut) or not at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unseen {
    PreferredName,
    NhsNumber,
    LocalId,
}

impl Unseen {
    pub fn label(self) -> &'static str {
        match self {
            Unseen::PreferredName => "preferred name",
            Unseen::NhsNumber => "NHS number",
            Unseen::LocalId => "local id",
        }
    }
}

/// Why a row matched a query when the list may not show what matched: the fields that alone
/// match some word of the query no shown name matches. Empty when the family and given names
/// (and the NHS number, when `nhs_shown`) explain the match. Worked out only for the rows on
/// screen, so it costs nothing per keystroke over the whole register.
pub fn unseen_match(row: &RegisterRow, query: &str, nhs_shown: bool) -> Vec<Unseen> {
    let needles = needles(query);
    if needles.is_empty() {
        return Vec::new();
    }
    let mut shown = String::new();
    fold_into(&mut shown, &row.family_name);
    shown.push(' ');
    fold_into(&mut shown, &row.given_name);
    let nhs = row.nhs_number.as_ref().map(|n| n.digits());
    if nhs_shown && let Some(n) = nhs {
        shown.push(' ');
        shown.push_str(n);
    }
    let mut unseen: Vec<(Unseen, String)> = Vec::new();
    if let Some(p) = &row.preferred_name {
        let mut text = String::new();
        fold_into(&mut text, p);
        unseen.push((Unseen::PreferredName, text));
    }
    if !nhs_shown && let Some(n) = nhs {
        unseen.push((Unseen::NhsNumber, n.to_string()));
    }
    if let Some(l) = &row.local_id {
        let mut text = String::new();
        fold_into(&mut text, l);
        unseen.push((Unseen::LocalId, text));
    }
    let mut why = Vec::new();
    for needle in needles.iter().filter(|n| !matches(&shown, n)) {
        for (field, text) in &unseen {
            if matches(text, needle) && !why.contains(field) {
                why.push(*field);
            }
        }
    }
    why
}

fn matches(hay: &str, needle: &Needle) -> bool {
    let h = hay.as_bytes();
    tier(h, masks(h), &word_starts(h), needle).is_some()
}

fn bit(b: u8) -> u64 {
    match b {
        b'a'..=b'z' => 1 << (b - b'a'),
        b'0'..=b'9' => 1 << (26 + b - b'0'),
        _ => 1 << 63,
    }
}

/// (characters present, characters that start a word) of a folded haystack, as bit sets: a cheap
/// first test that rejects most rows before any scanning.
pub(super) fn masks(hay: &[u8]) -> (u64, u64) {
    let mut all = 0;
    let mut start = 0;
    let mut at_start = true;
    for &b in hay {
        all |= bit(b);
        if at_start {
            start |= bit(b);
        }
        at_start = is_separator(b);
    }
    (all, start)
}

/// One word of a query, folded. A word with a digit in it (an NHS number, a local id such as
/// DSR04217) matches as a substring only: ids are typed exactly, and letters-in-order over digits
/// only finds noise ("dsr0" would match every name with d, s and r and any 0 in its NHS number).
pub(super) struct Needle {
    pub(super) text: String,
    pub(super) has_digit: bool,
    /// Characters the needle holds (see [`masks`]).
    pub(super) mask: u64,
}

/// A typed query as needles. A query of digits, spaces and dashes is one NHS-number needle with
/// them removed, so "943 476" and "943-476-5919" find 9434765919; otherwise each word is a
/// needle, and a comma separates words as a space does, so a name typed the way the list shows
/// it ("Griffiths, Usman" or "Griffiths,Usman") finds the person. No special syntax.
pub(super) fn needles(query: &str) -> Vec<Needle> {
    let q = query.trim();
    if q.is_empty() {
        return Vec::new();
    }
    let words: Vec<String> = if digit_mode(q) {
        vec![q.replace([' ', '-'], "")]
    } else {
        q.split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    words
        .into_iter()
        .map(|w| {
            let mut text = String::new();
            fold_into(&mut text, &w);
            Needle {
                has_digit: text.bytes().any(|b| b.is_ascii_digit()),
                mask: text.bytes().fold(0, |m, b| m | bit(b)),
                text,
            }
        })
        .collect()
}

fn is_separator(b: u8) -> bool {
    matches!(b, b' ' | b'-' | b'\'' | b'.' | b',')
}

/// Where the words of a row's haystack start (byte offsets), for tier-0 checks without scanning.
/// `NO_WORD` fills unused slots; a row with more words, or longer than 254 bytes, is marked by
/// `OVERFLOW` in the last slot and scanned instead.
pub(super) type WordStarts = [u8; 8];
const NO_WORD: u8 = 255;
const OVERFLOW: u8 = 254;

pub(super) fn word_starts(hay: &[u8]) -> WordStarts {
    let mut out = [NO_WORD; 8];
    let mut n = 0;
    let mut at_start = true;
    for (i, &b) in hay.iter().enumerate() {
        if at_start && !is_separator(b) {
            if n == out.len() || i >= usize::from(OVERFLOW) {
                out[7] = OVERFLOW;
                return out;
            }
            out[n] = i as u8;
            n += 1;
        }
        at_start = is_separator(b);
    }
    out
}

/// How well one needle matches a folded haystack: 0 a word starts with it, 1 it appears inside a
/// word, 2 its letters appear in order (fuzzy); `None` no match.
pub(super) fn tier(
    hay: &[u8],
    (all, start): (u64, u64),
    words: &WordStarts,
    needle: &Needle,
) -> Option<u8> {
    if all & needle.mask != needle.mask {
        return None;
    }
    let n = needle.text.as_bytes();
    if n.is_empty() {
        return Some(0);
    }
    if let [one] = n
        && one.is_ascii_alphanumeric()
    {
        // One letter or digit: present is a match; starting a word is the best kind.
        return Some(if start & needle.mask != 0 { 0 } else { 1 });
    }
    if words[7] == OVERFLOW {
        let mut inside = false;
        for (pos, w) in hay.windows(n.len()).enumerate() {
            if w[0] == n[0] && w == n {
                if pos == 0 || is_separator(hay[pos - 1]) {
                    return Some(0);
                }
                inside = true;
            }
        }
        if inside {
            return Some(1);
        }
    } else {
        if words.iter().take_while(|w| **w != NO_WORD).any(|w| {
            let h = &hay[usize::from(*w)..];
            h.first() == n.first() && h.starts_with(n)
        }) {
            return Some(0);
        }
        if hay.windows(n.len()).any(|w| w[0] == n[0] && w == n) {
            return Some(1);
        }
    }
    if needle.has_digit {
        return None;
    }
    let mut rest = hay.iter();
    n.iter().all(|c| rest.any(|h| h == c)).then_some(2)
}

pub(super) fn digit_mode(q: &str) -> bool {
    let q = q.trim();
    q.chars().any(|c| c.is_ascii_digit())
        && q.chars()
            .all(|c| c.is_ascii_digit() || c == ' ' || c == '-')
}
