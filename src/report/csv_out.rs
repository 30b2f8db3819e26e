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
}

impl<W: Write> CsvOut<W> {
    /// A writer whose first row is `header`.
    pub fn new(out: W, header: &[&str]) -> csv::Result<Self> {
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(out);
        w.write_record(header)?;
        Ok(CsvOut { w })
    }

    /// One row of cells, each made spreadsheet-safe.
    pub fn row<I, S>(&mut self, cells: I) -> csv::Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let safe: Vec<String> = cells
            .into_iter()
            .map(|c| spreadsheet_safe(c.as_ref()).into_owned())
            .collect();
        self.w.write_record(&safe)
    }

    /// One row from a serialisable struct (its fields in order), each cell made spreadsheet-safe.
    pub fn serialize<R: Serialize>(&mut self, row: &R) -> csv::Result<()> {
        // The csv crate turns the struct into cells; reading them back lets every cell pass the
        // same check as `row`, whatever type the field had.
        let mut scratch = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::new());
        scratch.serialize(row)?;
        let bytes = scratch
            .into_inner()
            .map_err(|e| csv::Error::from(e.into_error()))?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&bytes[..]);
        for record in reader.records() {
            self.row(record?.iter())?;
        }
        Ok(())
    }

    pub fn finish(mut self) -> csv::Result<()> {
        self.w.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests;
