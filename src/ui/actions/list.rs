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
mod tests {
    use super::*;
    use crate::domain::action::ActionStatus;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn row(id: i64, due: &str, status: ActionStatus, owner: &str, rating: Rating) -> ActionRow {
        ActionRow {
            id,
            person_id: id % 3,
            person_name: format!("Person {}", id % 3),
            person_rating: rating,
            review_id: None,
            question: None,
            text: format!("Action number {id}"),
            owner: owner.into(),
            organisation: "ICB".into(),
            due: d(due),
            status,
            completed_on: None,
            evidence: None,
            created_at: String::new(),
            version: 1,
        }
    }

    fn list() -> ActionList {
        let mut l = ActionList::default();
        l.set_rows(
            vec![
                row(
                    1,
                    "2026-12-20",
                    ActionStatus::Open,
                    "Jo Hartley",
                    Rating::Green,
                ),
                row(
                    2,
                    "2026-11-20",
                    ActionStatus::Open,
                    "Sunita Rao",
                    Rating::Red,
                ),
                row(
                    3,
                    "2026-10-01",
                    ActionStatus::Escalated,
                    "Jo Hartley",
                    Rating::Amber,
                ),
                row(
                    4,
                    "2026-11-24",
                    ActionStatus::InProgress,
                    "jo hartley",
                    Rating::Red,
                ),
                row(
                    5,
                    "2026-09-01",
                    ActionStatus::Done,
                    "Jo Hartley",
                    Rating::Red,
                ),
            ],
            d("2026-11-24"),
        );
        l
    }

    fn ids(l: &ActionList) -> Vec<i64> {
        l.window(0, 100).map(|(_, a)| a.id).collect()
    }

    // Rule: overdue first, the RED person's before the AMBER person's longer-overdue one, then due
    // this week, then the rest; closed actions only in the done view.
    #[test]
    fn open_view_in_triage_order_with_counts() {
        let mut l = list();
        l.apply(&Filter::default());
        assert_eq!(ids(&l), [2, 3, 4, 1]);
        assert_eq!(
            l.counts(),
            Counts {
                overdue: 2,
                this_week: 1,
                open: 4
            }
        );
        l.apply(&Filter {
            view: ViewKind::Done,
            ..Filter::default()
        });
        assert_eq!(ids(&l), [5]);
        l.apply(&Filter {
            view: ViewKind::ThisWeek,
            ..Filter::default()
        });
        assert_eq!(ids(&l), [4], "due today is due this week");
    }

    // Rule: filters by owner (any case), rating, person, and search over text and owner.
    #[test]
    fn filters_and_search() {
        let mut l = list();
        let f = Filter {
            owner: Some("Jo Hartley".into()),
            ..Filter::default()
        };
        l.apply(&f);
        assert_eq!(ids(&l), [3, 4, 1]);
        assert_eq!(l.counts().overdue, 1, "counts follow the filters");
        l.apply(&Filter {
            rating: Some(Rating::Red),
            ..Filter::default()
        });
        assert_eq!(ids(&l), [2, 4]);
        l.apply(&Filter {
            search: "sunita".into(),
            ..Filter::default()
        });
        assert_eq!(ids(&l), [2]);
        l.apply(&Filter {
            search: "number 1".into(),
            view: ViewKind::All,
            ..Filter::default()
        });
        assert_eq!(ids(&l), [1]);
        l.apply(&Filter {
            person: Some((0, "Person 0".into())),
            ..Filter::default()
        });
        assert_eq!(ids(&l), [3]);
    }

    // A triage step patches one row and the order follows it.
    #[test]
    fn patch_moves_a_row() {
        let mut l = list();
        let mut moved = row(
            3,
            "2027-01-10",
            ActionStatus::Open,
            "Jo Hartley",
            Rating::Amber,
        );
        moved.version = 2;
        l.patch(vec![moved]);
        l.apply(&Filter::default());
        assert_eq!(ids(&l), [2, 4, 1, 3]);
        assert_eq!(l.position(3), Some(3));
        assert_eq!(l.by_id(3).map(|a| a.version), Some(2));
        // A new action (largest id) slots into its place.
        l.patch(vec![row(
            9,
            "2026-11-22",
            ActionStatus::Open,
            "Ann",
            Rating::Blue,
        )]);
        l.apply(&Filter::default());
        assert_eq!(
            ids(&l),
            [9, 2, 4, 1, 3],
            "a BLUE person's overdue action first"
        );
        assert_eq!(l.by_id(9).map(|a| a.owner.as_str()), Some("Ann"));
        // Rows read later (closed ones) merge in; a fresher copy of a held row wins.
        let mut fresher = row(
            5,
            "2026-09-01",
            ActionStatus::Done,
            "Jo Hartley",
            Rating::Red,
        );
        fresher.version = 7;
        l.extend(vec![
            fresher,
            row(6, "2026-01-01", ActionStatus::Cancelled, "B", Rating::Red),
        ]);
        l.apply(&Filter {
            view: ViewKind::Done,
            ..Filter::default()
        });
        assert_eq!(ids(&l), [6, 5]);
        assert_eq!(l.by_id(5).map(|a| a.version), Some(7));
    }
}
