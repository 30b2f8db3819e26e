//! Which people the register lists and in what order.

use super::rows::{Lean, Text, Texts};
use crate::domain::rating::Rating;
use crate::domain::review::is_transition;
use chrono::{Datelike, NaiveDate};

/// Which people are listed. No rating ticked means every rating.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub ratings: [bool; 4],
    pub keyworker: Option<String>,
    pub overdue_review: bool,
    pub transition: bool,
    /// List people removed from the register instead of those on it.
    pub archived: bool,
    /// Only people with an admission still to complete (imported from a BLUE rating alone).
    pub to_complete: bool,
    /// Only the people whose consent is missing or expired for some scope (worked out by the
    /// domain's consent rule when the filter is turned on, and again after each change).
    pub consent_to_ask: Option<std::sync::Arc<std::collections::HashSet<i64>>>,
}

impl Filters {
    pub fn toggle_rating(&mut self, r: Rating) {
        self.ratings[r as usize] ^= true;
    }

    pub fn is_default(&self) -> bool {
        *self == Filters::default()
    }

    /// Short words for the header, e.g. ["R A", "overdue review", "keyworker Sam Patel"].
    pub fn describe(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.archived {
            out.push("ARCHIVED".to_string());
        }
        if self.ratings.iter().any(|on| *on) {
            let letters: Vec<String> = Rating::ALL
                .iter()
                .filter(|r| self.ratings[**r as usize])
                .map(|r| r.letter().to_string())
                .collect();
            out.push(letters.join(" "));
        }
        if let Some(k) = &self.keyworker {
            out.push(format!("keyworker {k}"));
        }
        if self.overdue_review {
            out.push("overdue".into());
        }
        if self.transition {
            out.push("turning 18".into());
        }
        if self.to_complete {
            out.push("admission to complete".into());
        }
        if self.consent_to_ask.is_some() {
            out.push("consent missing or expired".into());
        }
        out
    }

    /// The filters ready to test rows against `texts`: the keyworker's name becomes the symbol
    /// rows hold, so testing 100,000 rows compares numbers.
    pub(super) fn prepare<'a>(&'a self, texts: &Texts, today: NaiveDate) -> Keep<'a> {
        Keep {
            filters: self,
            keyworker: self.keyworker.as_deref().map(|k| texts.find(k)),
            today,
        }
    }
}

/// [`Filters`] prepared to test rows.
pub(super) struct Keep<'a> {
    filters: &'a Filters,
    /// The keyworker filtered on: `Some(None)` when no row holds that name.
    keyworker: Option<Option<Text>>,
    today: NaiveDate,
}

impl Keep<'_> {
    pub(super) fn keeps(&self, r: &Lean) -> bool {
        let f = self.filters;
        if r.archived != f.archived {
            return false;
        }
        if f.ratings.iter().any(|on| *on) && !f.ratings[r.rating as usize] {
            return false;
        }
        if let Some(k) = self.keyworker
            && (k.is_none() || r.keyworker != k)
        {
            return false;
        }
        if f.overdue_review && r.next_review_due.is_none_or(|d| d >= self.today) {
            return false;
        }
        if f.transition && !is_transition(r.date_of_birth, self.today) {
            return false;
        }
        if f.to_complete && !r.admission_to_complete {
            return false;
        }
        if let Some(ids) = &f.consent_to_ask
            && !ids.contains(&r.id)
        {
            return false;
        }
        true
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// Most severe rating first, then soonest review, then name.
    #[default]
    Severity,
    Name,
    /// Soonest (most overdue) review first; no review due last.
    Due,
    /// Youngest first.
    Age,
}

impl SortKey {
    pub fn next(self) -> SortKey {
        match self {
            SortKey::Severity => SortKey::Name,
            SortKey::Name => SortKey::Due,
            SortKey::Due => SortKey::Age,
            SortKey::Age => SortKey::Severity,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            SortKey::Severity => "severity",
            SortKey::Name => "name",
            SortKey::Due => "review due",
            SortKey::Age => "age",
        }
    }
}

/// Where a row sorts: unique per row, since name order (family, given, id) settles every tie, so a
/// re-placed row lands exactly where a full sort would put it.
pub(super) type SortPlace = (u8, i32, u32);

pub(super) fn sort_place(sort: SortKey, r: &Lean, name_rank: u32) -> SortPlace {
    let due = r
        .next_review_due
        .unwrap_or(NaiveDate::MAX)
        .num_days_from_ce();
    match sort {
        SortKey::Severity => (r.rating as u8, due, name_rank),
        SortKey::Name => (0, 0, name_rank),
        SortKey::Due => (0, due, name_rank),
        // Youngest first: the later birth date first.
        SortKey::Age => (0, -r.date_of_birth.num_days_from_ce(), name_rank),
    }
}
