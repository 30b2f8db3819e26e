//! Reading the file: decoding, the header's columns, and every row's cells with where it is.

use super::{Cell, ImportOutcome};
use crate::domain::import::{Field, field_for_header};
use std::collections::HashMap;

/// Where a row is: its spreadsheet row (the header is row 1) and the file line it starts on. They
/// differ once a quoted cell spans lines, and people open these files in a spreadsheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Loc {
    pub(super) row: u64,
    pub(super) line: u64,
}

impl Loc {
    /// Before the rows are read (the header, or an undecodable file), row and line are one.
    pub(super) fn line(line: u64) -> Loc {
        Loc { row: line, line }
    }
}

impl std::fmt::Display for Loc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.row == self.line {
            write!(f, "line {}", self.line)
        } else {
            write!(f, "row {} (file line {})", self.row, self.line)
        }
    }
}

pub(super) fn problem(at: Loc, column: Option<&str>, message: impl std::fmt::Display) -> String {
    match column {
        Some(c) => format!("{at}, column {c}: {message}"),
        None => format!("{at}: {message}"),
    }
}

/// Decode the file: UTF-8 with or without a byte-order mark.
fn decode(bytes: &[u8]) -> Result<&str, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        problem(
            Loc::line(line as u64),
            None,
            "the file is not UTF-8 text: in Excel use Save As > \"CSV UTF-8 (Comma delimited)\"",
        )
    })
}

/// The header's fields and every non-blank row's cells, keyed by field; problems with the file
/// itself go to `out`. `None` when nothing can be read past the header.
pub(super) fn read_rows(
    bytes: &[u8],
    out: &mut ImportOutcome,
) -> Option<Vec<(Loc, HashMap<Field, Cell>)>> {
    let text = match decode(bytes) {
        Ok(t) => t,
        Err(p) => {
            out.problems.push(p);
            return None;
        }
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    // Line numbers as a text editor shows them (a quoted field may span lines).
    let newlines: Vec<usize> = text
        .bytes()
        .enumerate()
        .filter(|(_, b)| *b == b'\n')
        .map(|(i, _)| i)
        .collect();
    let raw = text.as_bytes();
    let loc_at = |pos: &csv::Position| {
        // A record's position may point at the end of the line before it.
        let mut b = pos.byte() as usize;
        while b < raw.len() && matches!(raw[b], b'\r' | b'\n') {
            b += 1;
        }
        Loc {
            row: pos.record() + 1,
            line: newlines.partition_point(|i| *i < b) as u64 + 1,
        }
    };
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => {
            out.problems.push(problem(Loc::line(1), None, e));
            return None;
        }
        None => {
            out.problems.push(problem(
                Loc::line(1),
                None,
                "the file is empty: it needs a header row",
            ));
            return None;
        }
    };
    let headers: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    let mut columns: Vec<Option<Field>> = Vec::with_capacity(headers.len());
    let mut seen: HashMap<Field, String> = HashMap::new();
    for h in &headers {
        let f = field_for_header(h);
        match f {
            Some(f) => {
                if let Some(first) = seen.get(&f) {
                    out.problems.push(problem(
                        Loc::line(1),
                        Some(h),
                        format!("holds the same field as column {first}; keep one of them"),
                    ));
                } else {
                    seen.insert(f, h.clone());
                }
            }
            None if !h.is_empty() => out.ignored_columns.push(h.clone()),
            None => {}
        }
        columns.push(f);
    }
    if !seen.contains_key(&Field::NhsNumber) && !seen.contains_key(&Field::LocalId) {
        out.problems.push(problem(
            Loc::line(1),
            None,
            "no NHS number or local id column: rows could not be matched to people on the register (expected a header such as \"NHS number\", \"NHS No\" or \"Local id\")",
        ));
        return None;
    }

    // Read every row into cells keyed by field.
    let mut rows: Vec<(Loc, HashMap<Field, Cell>)> = Vec::new();
    for rec in records {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(loc_at).unwrap_or(Loc::line(0));
                out.problems.push(problem(line, None, e));
                continue;
            }
        };
        let line = rec.position().map(loc_at).unwrap_or(Loc::line(0));
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        out.rows += 1;
        if rec.len() != headers.len() {
            out.problems.push(problem(
                line,
                None,
                format!(
                    "has {} fields but the header has {}: look for a stray comma or an unclosed quote",
                    rec.len(),
                    headers.len()
                ),
            ));
            continue;
        }
        let mut cells = HashMap::new();
        for ((value, field), h) in rec.iter().zip(&columns).zip(&headers) {
            if let Some(f) = field
                && seen.get(f) == Some(h)
            {
                cells.insert(
                    *f,
                    Cell {
                        header: h.clone(),
                        value: if *f == Field::Notes {
                            crate::text::clean_input_multiline(value)
                        } else {
                            crate::text::clean_input(value)
                        }
                        .trim()
                        .to_string(),
                    },
                );
            }
        }
        rows.push((line, cells));
    }
    Some(rows)
}
