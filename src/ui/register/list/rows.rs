//! The rows the register list holds: numbers and dates inline, and every piece of text stored
//! once however many people share it (a keyworker with 300 people, a review type, a common family
//! name). A whole register of 100,000 people then costs about 80 bytes a person rather than a
//! heap string per field; a full [`RegisterRow`] is built only for a row a frame shows or a key
//! acts on.

use crate::domain::nhs_number::NhsNumber;
use crate::domain::person::Setting;
use crate::domain::rating::Rating;
use crate::store::people::RegisterRow;
use chrono::NaiveDate;
use string_interner::{DefaultStringInterner, DefaultSymbol};

/// A piece of text held by [`Texts`]. Equal texts have equal symbols, so comparing two rows'
/// names compares two numbers.
pub(super) type Text = DefaultSymbol;

/// Every text the list holds, each once. A text a patch replaced stays until the next full load
/// rebuilds the list; edits are few beside the register, so that costs little.
#[derive(Default)]
pub(super) struct Texts(DefaultStringInterner);

impl Texts {
    fn intern(&mut self, s: &str) -> Text {
        self.0.get_or_intern(s)
    }

    pub(super) fn get(&self, t: Text) -> &str {
        // Every symbol a row holds came from this interner, so it always resolves.
        self.0.resolve(t).unwrap_or_default()
    }

    /// The symbol of a text some row holds, if any does.
    pub(super) fn find(&self, s: &str) -> Option<Text> {
        self.0.get(s)
    }
}

/// NHS number absent: no ten-digit number reaches it.
const NO_NHS: u64 = u64::MAX;

/// One person as the list holds them; see [`RegisterRow`] for what each field means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Lean {
    pub(super) id: i64,
    version: i64,
    /// The NHS number's ten digits as a number (leading zeros come back when it is shown).
    nhs: u64,
    pub(super) given: Text,
    pub(super) family: Text,
    pub(super) preferred: Option<Text>,
    pub(super) local_id: Option<Text>,
    pub(super) keyworker: Option<Text>,
    review_type: Option<Text>,
    pub(super) date_of_birth: NaiveDate,
    pub(super) next_review_due: Option<NaiveDate>,
    register_review_due: Option<NaiveDate>,
    open_actions: u32,
    overdue_actions: u32,
    pub(super) rating: Rating,
    setting: Option<Setting>,
    ehcp: bool,
    pub(super) archived: bool,
    pub(super) admission_to_complete: bool,
}

impl Lean {
    /// The NHS number's ten digits, written into `out`.
    pub(super) fn nhs_digits_into(&self, out: &mut String) -> bool {
        use std::fmt::Write;
        self.nhs != NO_NHS && write!(out, "{:010}", self.nhs).is_ok()
    }
}

impl Texts {
    /// A row in lean form, its texts added to the store.
    pub(super) fn lean(&mut self, r: RegisterRow) -> Lean {
        let mut opt = |s: Option<String>| s.map(|s| self.intern(&s));
        let (preferred, local_id) = (opt(r.preferred_name), opt(r.local_id));
        let (keyworker, review_type) = (opt(r.keyworker), opt(r.next_review_type));
        Lean {
            id: r.id,
            version: r.version,
            nhs: r
                .nhs_number
                .and_then(|n| n.digits().parse().ok())
                .unwrap_or(NO_NHS),
            given: self.intern(&r.given_name),
            family: self.intern(&r.family_name),
            preferred,
            local_id,
            keyworker,
            review_type,
            date_of_birth: r.date_of_birth,
            next_review_due: r.next_review_due,
            register_review_due: r.register_review_due,
            open_actions: r.open_actions,
            overdue_actions: r.overdue_actions,
            rating: r.rating,
            setting: r.setting,
            ehcp: r.ehcp,
            archived: r.archived,
            admission_to_complete: r.admission_to_complete,
        }
    }

    /// The whole row back, for a row on screen or acted on.
    pub(super) fn full(&self, l: &Lean) -> RegisterRow {
        let text = |t: Option<Text>| t.map(|t| self.get(t).to_string());
        RegisterRow {
            id: l.id,
            nhs_number: (l.nhs != NO_NHS)
                .then(|| NhsNumber::from_stored(format!("{:010}", l.nhs)))
                .flatten(),
            local_id: text(l.local_id),
            given_name: self.get(l.given).to_string(),
            family_name: self.get(l.family).to_string(),
            preferred_name: text(l.preferred),
            date_of_birth: l.date_of_birth,
            ehcp: l.ehcp,
            rating: l.rating,
            keyworker: text(l.keyworker),
            setting: l.setting,
            next_review_due: l.next_review_due,
            next_review_type: text(l.review_type),
            register_review_due: l.register_review_due,
            open_actions: l.open_actions,
            overdue_actions: l.overdue_actions,
            archived: l.archived,
            version: l.version,
            admission_to_complete: l.admission_to_complete,
        }
    }
}

/// Rows on their way into the list: a load pushes them one at a time as the store reads them,
/// so the register is never held twice (once as full rows, once lean).
#[derive(Default)]
pub struct Rows {
    pub(super) rows: Vec<Lean>,
    pub(super) texts: Texts,
}

impl Rows {
    pub fn push(&mut self, row: RegisterRow) {
        let lean = self.texts.lean(row);
        self.rows.push(lean);
    }

    /// Give back the room grown for rows that never came; call once every row is in.
    pub(super) fn shrink(&mut self) {
        self.rows.shrink_to_fit();
        self.texts.0.shrink_to_fit();
    }
}

impl FromIterator<RegisterRow> for Rows {
    fn from_iter<I: IntoIterator<Item = RegisterRow>>(iter: I) -> Rows {
        let mut rows = Rows::default();
        for r in iter {
            rows.push(r);
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(nhs: Option<&str>) -> RegisterRow {
        RegisterRow {
            id: 7,
            nhs_number: nhs.and_then(|n| NhsNumber::parse(n).ok()),
            local_id: Some("DSR00007".into()),
            given_name: "Zoë".into(),
            family_name: "O'Neill".into(),
            preferred_name: None,
            date_of_birth: NaiveDate::from_ymd_opt(2009, 3, 1).expect("date"),
            ehcp: true,
            rating: Rating::Amber,
            keyworker: Some("Sam Patel".into()),
            setting: Some(Setting::SupportedLiving),
            next_review_due: NaiveDate::from_ymd_opt(2026, 12, 1),
            next_review_type: Some("Community C(E)TR".into()),
            register_review_due: None,
            open_actions: 3,
            overdue_actions: 1,
            archived: false,
            version: 12,
            admission_to_complete: true,
        }
    }

    // A row shown from the lean list must be exactly the row the store read, or the screen
    // would show a person's details wrongly.
    #[test]
    fn a_row_comes_back_exactly_as_it_went_in() {
        let mut texts = Texts::default();
        for nhs in [Some("9434765919"), Some("0000000000"), None] {
            let r = row(nhs);
            let lean = texts.lean(r.clone());
            assert_eq!(texts.full(&lean), r);
        }
    }

    #[test]
    fn shared_texts_are_held_once() {
        let mut rows = Rows::default();
        rows.push(row(None));
        rows.push(row(None));
        assert_eq!(rows.rows[0].keyworker, rows.rows[1].keyworker);
        assert_eq!(rows.texts.0.len(), 5);
    }
}
