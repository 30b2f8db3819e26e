//! The register as the pane lists it: every row in memory, filtered, sorted and searched without
//! touching the store. Built for 100,000 people: filters and sorts work on precomputed integer keys,
//! and search-as-you-type narrows the previous matches when the query only grew.

use crate::domain::age::age_on;
use crate::domain::rating::Rating;
use crate::domain::review::is_transition;
use crate::store::people::RegisterRow;
use chrono::NaiveDate;
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher, Utf32String};
use std::time::{Duration, Instant};

/// Which people are listed. No rating ticked means every rating.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub ratings: [bool; 4],
    pub keyworker: Option<String>,
    pub overdue_review: bool,
    pub transition: bool,
    /// List people removed from the register instead of those on it.
    pub archived: bool,
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
        out
    }

    fn keeps(&self, r: &RegisterRow, today: NaiveDate) -> bool {
        if r.archived != self.archived {
            return false;
        }
        if self.ratings.iter().any(|on| *on) && !self.ratings[r.rating as usize] {
            return false;
        }
        if let Some(k) = &self.keyworker
            && r.keyworker.as_deref() != Some(k.as_str())
        {
            return false;
        }
        if self.overdue_review && r.next_review_due.is_none_or(|d| d >= today) {
            return false;
        }
        if self.transition && !is_transition(r.date_of_birth, today) {
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

/// What search matches: names, preferred name, NHS number (digits) and local id.
fn haystack(r: &RegisterRow) -> Utf32String {
    let mut s = String::with_capacity(64);
    s.push_str(&r.family_name);
    s.push(' ');
    s.push_str(&r.given_name);
    if let Some(p) = &r.preferred_name {
        s.push(' ');
        s.push_str(p);
    }
    if let Some(n) = &r.nhs_number {
        s.push(' ');
        s.push_str(n.digits());
    }
    if let Some(l) = &r.local_id {
        s.push(' ');
        s.push_str(l);
    }
    Utf32String::from(s)
}

/// A typed query as match atoms. Words are fuzzy; a query of digits and spaces is one NHS-number
/// atom with the spaces removed, so "943 476" finds 9434765919. Nothing is special syntax.
fn atoms(query: &str) -> Vec<Atom> {
    let q = query.trim();
    if q.is_empty() {
        return Vec::new();
    }
    let digits_only = q.chars().all(|c| c.is_ascii_digit() || c == ' ');
    let words: Vec<String> = if digits_only {
        vec![q.replace(' ', "")]
    } else {
        q.split_whitespace().map(str::to_string).collect()
    };
    words
        .iter()
        .map(|w| {
            let kind = if w.chars().all(|c| c.is_ascii_digit()) {
                AtomKind::Substring
            } else {
                AtomKind::Fuzzy
            };
            Atom::new(w, CaseMatching::Ignore, Normalization::Smart, kind, false)
        })
        .collect()
}

pub struct RegisterList {
    rows: Vec<RegisterRow>,
    hay: Vec<Utf32String>,
    /// Position of each row in name order (family, given, id), for cheap sorting.
    name_rank: Vec<u32>,
    filters: Filters,
    sort: SortKey,
    today: NaiveDate,
    /// Rows passing the filters, in sort order.
    base: Vec<u32>,
    query: String,
    /// Rows shown: `base`, or the search matches best first.
    shown: Vec<u32>,
    /// Matches of `query` in base order with their scores, to narrow on the next keystroke.
    matches: Vec<(u32, u32)>,
    matcher: Matcher,
    /// People on the register (not archived) per rating, kept current by `rebuild`.
    counts: [usize; 4],
    /// Time the last query change took to filter (for the benchmark; never asserted).
    pub last_search: Duration,
}

impl Default for RegisterList {
    fn default() -> Self {
        RegisterList {
            rows: Vec::new(),
            hay: Vec::new(),
            name_rank: Vec::new(),
            filters: Filters::default(),
            sort: SortKey::default(),
            today: NaiveDate::MIN,
            base: Vec::new(),
            query: String::new(),
            shown: Vec::new(),
            matches: Vec::new(),
            matcher: Matcher::new(Config::DEFAULT),
            counts: [0; 4],
            last_search: Duration::ZERO,
        }
    }
}

impl RegisterList {
    /// Replace every row (after a load) and rebuild the view.
    pub fn set_rows(&mut self, rows: Vec<RegisterRow>, today: NaiveDate) {
        self.hay = rows.iter().map(haystack).collect();
        self.rows = rows;
        self.today = today;
        self.rank_names();
        self.rebuild();
    }

    /// Replace or add one row (after a write), keeping everything else.
    pub fn patch(&mut self, row: RegisterRow) {
        let hay = haystack(&row);
        match self.rows.iter().position(|r| r.id == row.id) {
            Some(i) => {
                let renamed = self.rows[i].family_name != row.family_name
                    || self.rows[i].given_name != row.given_name;
                self.rows[i] = row;
                self.hay[i] = hay;
                if renamed {
                    self.rank_names();
                }
            }
            None => {
                self.rows.push(row);
                self.hay.push(hay);
                self.rank_names();
            }
        }
        self.rebuild();
    }

    fn rank_names(&mut self) {
        let rows = &self.rows;
        let mut order: Vec<u32> = (0..rows.len() as u32).collect();
        order.sort_by(|a, b| {
            let (a, b) = (&rows[*a as usize], &rows[*b as usize]);
            (&a.family_name, &a.given_name, a.id).cmp(&(&b.family_name, &b.given_name, b.id))
        });
        self.name_rank = vec![0; rows.len()];
        for (rank, i) in order.into_iter().enumerate() {
            self.name_rank[i as usize] = rank as u32;
        }
    }

    pub fn rows(&self) -> &[RegisterRow] {
        &self.rows
    }

    pub fn filters(&self) -> &Filters {
        &self.filters
    }

    pub fn set_filters(&mut self, f: Filters) {
        self.filters = f;
        self.rebuild();
    }

    pub fn sort(&self) -> SortKey {
        self.sort
    }

    pub fn set_sort(&mut self, s: SortKey) {
        self.sort = s;
        self.rebuild();
    }

    pub fn query(&self) -> &str {
        &self.query
    }

    /// Rows shown, in order.
    pub fn len(&self) -> usize {
        self.shown.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    /// The row at display position `pos`.
    pub fn get(&self, pos: usize) -> Option<&RegisterRow> {
        self.shown.get(pos).map(|i| &self.rows[*i as usize])
    }

    /// Display position of a person, if shown.
    pub fn position_of(&self, id: i64) -> Option<usize> {
        self.shown
            .iter()
            .position(|i| self.rows[*i as usize].id == id)
    }

    /// Rows shown per rating (B, R, A, G).
    pub fn shown_counts(&self) -> [usize; 4] {
        let mut c = [0; 4];
        for i in &self.shown {
            c[self.rows[*i as usize].rating as usize] += 1;
        }
        c
    }

    /// People on the register (not archived) per rating.
    pub fn register_counts(&self) -> [usize; 4] {
        self.counts
    }

    /// Keyworkers of people on the register with their caseloads, busiest first.
    pub fn keyworkers(&self) -> Vec<(String, usize)> {
        let mut m: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for r in self.rows.iter().filter(|r| !r.archived) {
            if let Some(k) = r.keyworker.as_deref() {
                *m.entry(k).or_default() += 1;
            }
        }
        let mut v: Vec<(String, usize)> = m.into_iter().map(|(k, n)| (k.to_string(), n)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v
    }

    /// Re-filter and re-sort everything (filters, sort or rows changed), then re-run the query.
    fn rebuild(&mut self) {
        self.counts = [0; 4];
        for r in self.rows.iter().filter(|r| !r.archived) {
            self.counts[r.rating as usize] += 1;
        }
        let today = self.today;
        let rows = &self.rows;
        let filters = &self.filters;
        let mut base: Vec<u32> = (0..rows.len() as u32)
            .filter(|i| filters.keeps(&rows[*i as usize], today))
            .collect();
        let rank = &self.name_rank;
        match self.sort {
            SortKey::Severity => base.sort_unstable_by_key(|i| {
                let r = &rows[*i as usize];
                (
                    r.rating,
                    r.next_review_due.unwrap_or(NaiveDate::MAX),
                    rank[*i as usize],
                )
            }),
            SortKey::Name => base.sort_unstable_by_key(|i| rank[*i as usize]),
            SortKey::Due => base.sort_unstable_by_key(|i| {
                let r = &rows[*i as usize];
                (
                    r.next_review_due.unwrap_or(NaiveDate::MAX),
                    rank[*i as usize],
                )
            }),
            SortKey::Age => base.sort_unstable_by_key(|i| {
                let r = &rows[*i as usize];
                (
                    std::cmp::Reverse(r.date_of_birth),
                    age_on(r.date_of_birth, today),
                    rank[*i as usize],
                )
            }),
        }
        self.base = base;
        let q = std::mem::take(&mut self.query);
        self.matches.clear();
        self.run_query(q, false);
    }

    /// Set the search text. When it only grew, the previous matches are narrowed instead of
    /// searching everyone again.
    pub fn set_query(&mut self, query: &str) {
        let narrowing = !self.query.trim().is_empty()
            && query.starts_with(self.query.as_str())
            && digit_mode(query) == digit_mode(&self.query);
        self.run_query(query.to_string(), narrowing);
    }

    fn run_query(&mut self, query: String, narrowing: bool) {
        let started = Instant::now();
        let atoms = atoms(&query);
        self.query = query;
        if atoms.is_empty() {
            self.matches.clear();
            self.shown = self.base.clone();
            self.last_search = started.elapsed();
            return;
        }
        let candidates: Vec<u32> = if narrowing {
            self.matches.iter().map(|(i, _)| *i).collect()
        } else {
            self.base.clone()
        };
        let mut matches = Vec::with_capacity(candidates.len().min(4096));
        for i in candidates {
            let hay = self.hay[i as usize].slice(..);
            let mut total = 0u32;
            let mut all = true;
            for a in &atoms {
                match a.score(hay, &mut self.matcher) {
                    Some(s) => total += u32::from(s),
                    None => {
                        all = false;
                        break;
                    }
                }
            }
            if all {
                matches.push((i, total));
            }
        }
        let mut ranked = matches.clone();
        // Stable: equal scores keep the chosen sort order.
        ranked.sort_by_key(|m| std::cmp::Reverse(m.1));
        self.shown = ranked.into_iter().map(|(i, _)| i).collect();
        self.matches = matches;
        self.last_search = started.elapsed();
    }
}

fn digit_mode(q: &str) -> bool {
    let q = q.trim();
    !q.is_empty() && q.chars().all(|c| c.is_ascii_digit() || c == ' ')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::NhsNumber;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn row(id: i64, family: &str, given: &str, rating: Rating, nhs: &str) -> RegisterRow {
        RegisterRow {
            id,
            nhs_number: NhsNumber::parse(nhs).ok(),
            local_id: Some(format!("DSR{id:05}")),
            given_name: given.into(),
            family_name: family.into(),
            preferred_name: None,
            date_of_birth: d("2010-01-01"),
            ehcp: false,
            rating,
            keyworker: Some(if id % 2 == 0 { "Sam" } else { "Jo" }.into()),
            setting: None,
            next_review_due: Some(d("2026-12-01")),
            next_review_type: None,
            open_actions: 0,
            overdue_actions: 0,
            archived: false,
            version: 1,
        }
    }

    fn list() -> RegisterList {
        let mut l = RegisterList::default();
        let mut archived = row(5, "Gone", "Pat", Rating::Green, "9990000107");
        archived.archived = true;
        let mut overdue = row(4, "Okafor", "Chidi", Rating::Amber, "9990000093");
        overdue.next_review_due = Some(d("2026-11-01"));
        overdue.preferred_name = Some("Chi".into());
        l.set_rows(
            vec![
                row(1, "Smith", "Ann", Rating::Green, "9990000018"),
                row(2, "Smyth", "Bob", Rating::Red, "9990000026"),
                row(3, "Jones", "Cara", Rating::Blue, "9434765919"),
                overdue,
                archived,
            ],
            d("2026-11-24"),
        );
        l
    }

    fn ids(l: &RegisterList) -> Vec<i64> {
        (0..l.len())
            .filter_map(|p| l.get(p))
            .map(|r| r.id)
            .collect()
    }

    // Rule (issue 4): most severe first; archived people hidden by default.
    #[test]
    fn severity_order_hides_archived() {
        let l = list();
        assert_eq!(ids(&l), [3, 2, 4, 1]);
        assert_eq!(l.register_counts(), [1, 1, 1, 1]);
    }

    // Rule (issue 4): search over names, preferred name, NHS number with or without spaces, local id.
    #[test]
    fn search_fields_and_ranking() {
        let mut l = list();
        l.set_query("smith");
        assert_eq!(ids(&l)[0], 1, "exact name ranks first");
        l.set_query("943 476 5919");
        assert_eq!(ids(&l), [3]);
        l.set_query("9434765919");
        assert_eq!(ids(&l), [3]);
        l.set_query("chi");
        assert_eq!(ids(&l)[0], 4);
        l.set_query("DSR00002");
        assert_eq!(ids(&l), [2]);
        l.set_query("ann smi");
        assert_eq!(ids(&l), [1]);
        l.set_query("");
        assert_eq!(ids(&l), [3, 2, 4, 1]);
    }

    // Narrowing the previous matches must give what a fresh search gives.
    #[test]
    fn incremental_search_equals_fresh_search() {
        let mut a = list();
        for q in ["s", "sm", "smy", "smyt"] {
            a.set_query(q);
        }
        let mut b = list();
        b.set_query("smyt");
        assert_eq!(ids(&a), ids(&b));
        assert_eq!(ids(&a), [2]);
        a.set_query("sm");
        assert_eq!(ids(&a).len(), 2, "deleting a letter widens again");
    }

    #[test]
    fn filters_and_sorts() {
        let mut l = list();
        let mut f = Filters::default();
        f.toggle_rating(Rating::Red);
        f.toggle_rating(Rating::Green);
        l.set_filters(f.clone());
        assert_eq!(ids(&l), [2, 1]);
        f.toggle_rating(Rating::Red);
        l.set_filters(f);
        assert_eq!(ids(&l), [1]);
        l.set_filters(Filters {
            overdue_review: true,
            ..Filters::default()
        });
        assert_eq!(ids(&l), [4]);
        l.set_filters(Filters {
            keyworker: Some("Sam".into()),
            ..Filters::default()
        });
        assert_eq!(ids(&l), [2, 4]);
        l.set_filters(Filters {
            archived: true,
            ..Filters::default()
        });
        assert_eq!(ids(&l), [5]);
        l.set_filters(Filters::default());
        l.set_sort(SortKey::Name);
        assert_eq!(ids(&l), [3, 4, 1, 2]);
        l.set_sort(SortKey::Due);
        assert_eq!(ids(&l)[0], 4);
    }

    #[test]
    fn patch_replaces_one_row() {
        let mut l = list();
        let mut r = l.rows()[0].clone();
        r.rating = Rating::Red;
        r.family_name = "Aardvark".into();
        l.patch(r);
        assert_eq!(ids(&l), [3, 1, 2, 4]);
        l.patch(row(9, "New", "Person", Rating::Green, "9990000115"));
        assert_eq!(l.len(), 5);
    }
}
