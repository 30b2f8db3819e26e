//! The Actions pane's list: every action held once in memory in triage order, and the filters
//! (view, owner, organisation, person, rating, "mine", search) that pick which are shown.
//! Typing in search only walks the pre-sorted order (no sort, no query per keystroke).

use crate::domain::action::{TriageKey, Urgency, triage_key};
use crate::domain::rating::Rating;
use crate::store::actions::ActionRow;
use chrono::NaiveDate;
use std::collections::HashMap;

/// Which actions by urgency: the first filter the pane cycles through with `f`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ViewKind {
    /// Every open action (overdue, due this week, later).
    #[default]
    Open,
    Overdue,
    ThisWeek,
    /// Done and cancelled.
    Done,
    /// Everything, open and closed.
    All,
}

impl ViewKind {
    pub const CYCLE: [ViewKind; 5] = [
        ViewKind::Open,
        ViewKind::Overdue,
        ViewKind::ThisWeek,
        ViewKind::Done,
        ViewKind::All,
    ];
    pub fn label(self) -> &'static str {
        match self {
            ViewKind::Open => "open",
            ViewKind::Overdue => "overdue",
            ViewKind::ThisWeek => "due this week",
            ViewKind::Done => "done/cancelled",
            ViewKind::All => "all",
        }
    }
    pub fn next(self) -> ViewKind {
        let i = Self::CYCLE.iter().position(|v| *v == self).unwrap_or(0);
        Self::CYCLE[(i + 1) % Self::CYCLE.len()]
    }
    /// Whether this view shows done and cancelled actions (which are read only when needed).
    pub fn needs_closed(self) -> bool {
        matches!(self, ViewKind::Done | ViewKind::All)
    }
    fn admits(self, u: Urgency) -> bool {
        match self {
            ViewKind::Open => u != Urgency::Closed,
            ViewKind::Overdue => u == Urgency::Overdue,
            ViewKind::ThisWeek => u == Urgency::DueThisWeek,
            ViewKind::Done => u == Urgency::Closed,
            ViewKind::All => true,
        }
    }
}

/// Everything that narrows the list. Text comparisons ignore case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub view: ViewKind,
    pub owner: Option<String>,
    pub organisation: Option<String>,
    pub person: Option<(i64, String)>,
    pub rating: Option<Rating>,
    /// Only actions owned by the user's configured owner name.
    pub mine: Option<String>,
    /// Lower-case search over the action's text, owner and organisation.
    pub search: String,
}

impl Filter {
    /// Anything beyond the view is narrowing the list.
    pub fn is_narrowed(&self) -> bool {
        self.owner.is_some()
            || self.organisation.is_some()
            || self.person.is_some()
            || self.rating.is_some()
            || self.mine.is_some()
            || !self.search.is_empty()
    }

    /// The chips shown in the header, e.g. ["owner Jo Hartley", "/advocacy"].
    pub fn chips(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(m) = &self.mine {
            out.push(format!("mine ({m})"));
        }
        if let Some(o) = &self.owner {
            out.push(format!("owner {o}"));
        }
        if let Some(o) = &self.organisation {
            out.push(format!("org {o}"));
        }
        if let Some((_, p)) = &self.person {
            out.push(format!("person {p}"));
        }
        if let Some(r) = self.rating {
            out.push(format!("rating {}", r.code()));
        }
        if !self.search.is_empty() {
            out.push(format!("/{}", self.search));
        }
        out
    }
}

/// Counts for the header, over the actions the non-view filters admit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub overdue: usize,
    pub this_week: usize,
    pub open: usize,
}

/// The fields filters compare, packed small so a filter pass over 100,000 actions stays in cache:
/// owner and organisation as interned lower-case names.
#[derive(Debug, Clone, Copy)]
struct Facets {
    person_id: i64,
    owner: u32,
    organisation: u32,
    rating: Rating,
}

/// Lower-case, trimmed names to small numbers.
#[derive(Default)]
struct Names(HashMap<String, u32>);

impl Names {
    fn intern(&mut self, s: &str) -> u32 {
        let k = s.trim().to_lowercase();
        let n = self.0.len() as u32;
        *self.0.entry(k).or_insert(n)
    }
    /// The number of a name, or `u32::MAX` (matches nothing) when no action has it.
    fn facets(&mut self, a: &ActionRow) -> Facets {
        Facets {
            person_id: a.person_id,
            owner: self.intern(&a.owner),
            organisation: self.intern(&a.organisation),
            rating: a.person_rating,
        }
    }
    fn find(&self, s: &str) -> u32 {
        self.0
            .get(&s.trim().to_lowercase())
            .copied()
            .unwrap_or(u32::MAX)
    }
}

/// Where a row sorts: the domain's triage key, then id so equal keys keep a stable order.
type SortKey = (TriageKey, i64);

#[derive(Default)]
pub struct ActionList {
    /// Every action, in ascending id order (the store's order; new actions have the largest ids).
    rows: Vec<ActionRow>,
    /// Lower-case "text owner organisation" per row, for search; built on the first search.
    hay: Vec<String>,
    /// Sort key per row (valid for `today`).
    keys: Vec<SortKey>,
    facets: Vec<Facets>,
    names: Names,
    /// All row indices in triage order.
    order: Vec<usize>,
    /// Row indices shown, in display order.
    shown: Vec<usize>,
    counts: Counts,
    today: Option<NaiveDate>,
}

fn hay(a: &ActionRow) -> String {
    let mut h = String::with_capacity(a.text.len() + a.owner.len() + a.organisation.len() + 2);
    for part in [&a.text, &a.owner, &a.organisation] {
        h.push_str(&part.to_lowercase());
        h.push(' ');
    }
    h
}

fn key(a: &ActionRow, today: NaiveDate) -> SortKey {
    (triage_key(a.status, a.due, a.person_rating, today), a.id)
}

impl ActionList {
    /// Hold `rows` (in ascending id order, as the store returns them) for `today`.
    pub fn set_rows(&mut self, mut rows: Vec<ActionRow>, today: NaiveDate) {
        if !rows.is_sorted_by_key(|a| a.id) {
            rows.sort_unstable_by_key(|a| a.id);
        }
        self.today = Some(today);
        self.hay.clear();
        self.keys = rows.iter().map(|a| key(a, today)).collect();
        self.names = Names::default();
        self.facets = rows.iter().map(|a| self.names.facets(a)).collect();
        self.rows = rows;
        let keys = &self.keys;
        self.order = (0..keys.len()).collect();
        self.order.sort_unstable_by_key(|i| keys[*i]);
    }

    fn index(&self, id: i64) -> Option<usize> {
        self.rows.binary_search_by_key(&id, |a| a.id).ok()
    }

    /// Add rows not held yet (e.g. the closed actions, read when a view first needs them).
    pub fn extend(&mut self, more: Vec<ActionRow>) {
        let Some(today) = self.today else { return };
        // The newly read rows come first so that, for an id held twice, the fresher copy is kept.
        let mut rows = more;
        rows.append(&mut self.rows);
        rows.sort_by_key(|a| a.id);
        rows.dedup_by_key(|a| a.id);
        self.set_rows(rows, today);
    }

    /// Replace rows that changed (after a triage step) or add new ones, moving each to its place in
    /// the triage order without re-sorting everything.
    pub fn patch(&mut self, changed: Vec<ActionRow>) {
        let Some(today) = self.today else { return };
        for a in changed {
            let k = key(&a, today);
            let i = match self.index(a.id) {
                Some(i) => {
                    let old = self.keys[i];
                    if let Ok(pos) = self.order.binary_search_by_key(&old, |j| self.keys[*j]) {
                        self.order.remove(pos);
                    }
                    if !self.hay.is_empty() {
                        self.hay[i] = hay(&a);
                    }
                    self.facets[i] = self.names.facets(&a);
                    self.rows[i] = a;
                    self.keys[i] = k;
                    i
                }
                None => {
                    // New actions have the largest id so far, which keeps `rows` in id order.
                    if !self.hay.is_empty() {
                        self.hay.push(hay(&a));
                    }
                    self.facets.push(self.names.facets(&a));
                    self.rows.push(a);
                    self.keys.push(k);
                    if !self.rows.is_sorted_by_key(|r| r.id) {
                        let rows = std::mem::take(&mut self.rows);
                        self.set_rows(rows, today);
                        continue;
                    }
                    self.rows.len() - 1
                }
            };
            let pos = self.order.partition_point(|j| self.keys[*j] < k);
            self.order.insert(pos, i);
        }
    }

    /// Recompute which rows are shown and the header counts.
    pub fn apply(&mut self, f: &Filter) {
        if !f.search.is_empty() && self.hay.len() != self.rows.len() {
            self.hay = self.rows.iter().map(hay).collect();
        }
        self.shown.clear();
        self.counts = Counts::default();
        let want = |name: &Option<String>| name.as_deref().map(|n| self.names.find(n));
        let (owner, mine, org) = (want(&f.owner), want(&f.mine), want(&f.organisation));
        let person = f.person.as_ref().map(|p| p.0);
        for &i in &self.order {
            let x = &self.facets[i];
            let admitted = owner.is_none_or(|o| o == x.owner)
                && mine.is_none_or(|o| o == x.owner)
                && org.is_none_or(|o| o == x.organisation)
                && person.is_none_or(|p| p == x.person_id)
                && f.rating.is_none_or(|r| r == x.rating)
                && (f.search.is_empty() || self.hay[i].contains(&f.search));
            if !admitted {
                continue;
            }
            let u = self.keys[i].0.0;
            match u {
                Urgency::Overdue => self.counts.overdue += 1,
                Urgency::DueThisWeek => self.counts.this_week += 1,
                _ => {}
            }
            if u != Urgency::Closed {
                self.counts.open += 1;
            }
            if f.view.admits(u) {
                self.shown.push(i);
            }
        }
    }

    pub fn len(&self) -> usize {
        self.shown.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    pub fn total(&self) -> usize {
        self.rows.len()
    }

    pub fn counts(&self) -> Counts {
        self.counts
    }

    /// The shown row at display position `pos`.
    pub fn at(&self, pos: usize) -> Option<&ActionRow> {
        self.shown.get(pos).map(|i| &self.rows[*i])
    }

    pub fn by_id(&self, id: i64) -> Option<&ActionRow> {
        self.index(id).map(|i| &self.rows[i])
    }

    /// Display position of an action, if shown.
    pub fn position(&self, id: i64) -> Option<usize> {
        let i = self.index(id)?;
        self.shown.iter().position(|s| *s == i)
    }

    /// Shown rows from `start`, at most `n`, with their display positions.
    pub fn window(&self, start: usize, n: usize) -> impl Iterator<Item = (usize, &ActionRow)> {
        self.shown
            .iter()
            .enumerate()
            .skip(start)
            .take(n)
            .map(|(pos, i)| (pos, &self.rows[*i]))
    }
}

#[cfg(test)]
mod tests;
