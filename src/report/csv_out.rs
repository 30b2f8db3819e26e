//! The one CSV writer every command uses. CSV files are opened in spreadsheets, which run a cell
//! starting with `=`, `+`, `-` or `@` as a formula (`=HYPERLINK(...)`, `+cmd|...`): such text gets a
//! leading apostrophe, so a register export can never execute anything. Numbers (`-3`) are left
//! alone; they are data, not formulas.

use serde::Serialize;
use std::io::Write;

/// Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or CR first) gets a leading
/// apostrophe.
pub fn spreadsheet_safe(text: &str) -> std::borrow::Cow<'_, str> {
    let risky = matches!(
        text.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    );
    if risky && text.parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

pub struct CsvOut<W: Write> {
    w: csv::Writer<W>,
    /// Serialised rows not yet checked and written (see [`CsvOut::serialize`]).
    pending: csv::Writer<Vec<u8>>,
    pending_rows: usize,
}

/// Serialised rows are checked this many at a time: setting up the reader that splits them into
/// cells costs more than a row, so doing it per row made a 100,000-row return take seconds.
const BATCH: usize = 1024;

fn scratch() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new())
}

impl<W: Write> CsvOut<W> {
    /// A writer whose first row is `header`.
    pub fn new(out: W, header: &[&str]) -> csv::Result<Self> {
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(out);
        w.write_record(header)?;
        Ok(CsvOut {
            w,
            pending: scratch(),
            pending_rows: 0,
        })
    }

    /// One row of cells, each made spreadsheet-safe.
    pub fn row<I, S>(&mut self, cells: I) -> csv::Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.drain()?;
        self.write_safe(cells)
    }

    fn write_safe<I, S>(&mut self, cells: I) -> csv::Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for c in cells {
            self.w
                .write_field(spreadsheet_safe(c.as_ref()).as_bytes())?;
        }
        // An empty record ends the one the fields above built.
        self.w.write_record(None::<&[u8]>)
    }

    /// One row from a serialisable struct (its fields in order), each cell made spreadsheet-safe.
    pub fn serialize<R: Serialize>(&mut self, row: &R) -> csv::Result<()> {
        // The csv crate turns the struct into cells; reading them back lets every cell pass the
        // same check as `row`, whatever type the field had.
        self.pending.serialize(row)?;
        self.pending_rows += 1;
        if self.pending_rows >= BATCH {
            self.drain()?;
        }
        Ok(())
    }

    /// Check and write the serialised rows waiting, in order.
    fn drain(&mut self) -> csv::Result<()> {
        if self.pending_rows == 0 {
            return Ok(());
        }
        self.pending_rows = 0;
        let bytes = std::mem::replace(&mut self.pending, scratch())
            .into_inner()
            .map_err(|e| csv::Error::from(e.into_error()))?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(&bytes[..]);
        for record in reader.records() {
            self.write_safe(record?.iter())?;
        }
        Ok(())
    }

    pub fn finish(mut self) -> csv::Result<()> {
        self.drain()?;
        self.w.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests;
