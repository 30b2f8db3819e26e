//! The register as the pane lists it: every row in memory, filtered, sorted and searched without
//! touching the store. Built for 100,000 people: rows are held lean (see [`rows`]), filters and
//! sorts work on precomputed integer keys, and search-as-you-type narrows the previous matches
//! when the query only grew.

use crate::store::people::RegisterRow;
use chrono::NaiveDate;
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use std::time::{Duration, Instant};

mod filters;
mod rows;
mod search;
pub use filters::{Filters, SortKey};
use filters::{SortPlace, sort_place};
pub use rows::Rows;
use rows::{Lean, Texts};
use search::{Needle, WordStarts, digit_mode, haystack_into, masks, needles, tier, word_starts};
pub use search::{Unseen, unseen_match};

/// Below this many matches, results are ranked by nucleo's fuzzy score within each tier; above it,
/// by tier and the chosen sort (the user is still typing, and scoring 100,000 rows costs a frame).
const RANK_LIMIT: usize = 5_000;

/// From this many candidates, `filter` visits rows in storage order rather than display order.
const SEQUENTIAL_FROM: usize = 20_000;

/// Queries remembered while typing, so deleting a letter shows the earlier result at once.
const QUERY_CACHE: usize = 40;

pub struct RegisterList {
    /// In id order, so a person is found by binary search.
    rows: Vec<Lean>,
    texts: Texts,
    /// Folded search text of every row, end to end; `spans[i]` is row i's part.
    hay: String,
    /// Bytes of `hay` no span points at any more (rows replaced since the last load).
    garbage: usize,
    spans: Vec<(u32, u32)>,
    /// Per row: characters present and characters starting a word, as bit sets.
    row_masks: Vec<(u64, u64)>,
    row_words: Vec<WordStarts>,
    /// Each row's rating as a byte, for counting shown rows cheaply.
    ratings: Vec<u8>,
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
    /// Earlier queries of this typing session and their matches (row, tier) in base order.
    cache: Vec<(String, Vec<(u32, u8)>)>,
    matcher: Matcher,
    /// People on the register (not archived) per rating, kept current by `rebuild`.
    counts: [usize; 4],
    /// Shown rows per rating, kept current with `shown`.
    shown_counts: [usize; 4],
    /// Time the last query change took to filter (for the benchmark; never asserted).
    pub last_search: Duration,
}

impl Default for RegisterList {
    fn default() -> Self {
        RegisterList {
            rows: Vec::new(),
            texts: Texts::default(),
            hay: String::new(),
            garbage: 0,
            spans: Vec::new(),
            row_masks: Vec::new(),
            row_words: Vec::new(),
            ratings: Vec::new(),
            name_rank: Vec::new(),
            filters: Filters::default(),
            sort: SortKey::default(),
            today: NaiveDate::MIN,
            base: Vec::new(),
            query: String::new(),
            shown: Vec::new(),
            cache: Vec::new(),
            matcher: Matcher::new(Config::DEFAULT),
            counts: [0; 4],
            shown_counts: [0; 4],
            last_search: Duration::ZERO,
        }
    }
}

impl RegisterList {
    /// Replace every row (after a load) and rebuild the view.
    pub fn set_rows(&mut self, mut rows: Rows, today: NaiveDate) {
        rows.shrink();
        let Rows {
            rows: mut lean,
            texts,
        } = rows;
        // Patches find people by binary search on id (the first page arrives in display order).
        if !lean.is_sorted_by_key(|r| r.id) {
            lean.sort_unstable_by_key(|r| r.id);
        }
        self.rows = lean;
        self.texts = texts;
        self.hay = String::new();
        self.spans = Vec::with_capacity(self.rows.len());
        self.row_masks = Vec::with_capacity(self.rows.len());
        self.row_words = Vec::with_capacity(self.rows.len());
        for r in &self.rows {
            let start = self.hay.len();
            haystack_into(&mut self.hay, &self.texts, r);
            self.spans.push((start as u32, self.hay.len() as u32));
            let h = &self.hay.as_bytes()[start..];
            self.row_masks.push(masks(h));
            self.row_words.push(word_starts(h));
        }
        self.hay.shrink_to_fit();
        self.garbage = 0;
        self.ratings.clear();
        self.today = today;
        self.rank_names();
        self.rebuild();
    }

    /// Replace or add one row (after a write), keeping everything else.
    pub fn patch(&mut self, row: RegisterRow) {
        self.patch_many(vec![row], &[]);
    }

    /// Replace or add these rows and drop the people in `gone` (another user's changes). Rows
    /// that did not change cost nothing; returns whether any did. Edits that keep everyone's name
    /// order (the usual case) re-place only the changed rows; new, removed or renamed people
    /// rebuild the view once.
    pub fn patch_many(&mut self, changed: Vec<RegisterRow>, gone: &[i64]) -> bool {
        let changed: Vec<Lean> = changed.into_iter().map(|r| self.texts.lean(r)).collect();
        let in_place = gone.is_empty()
            && changed.iter().all(|row| {
                self.rows
                    .binary_search_by_key(&row.id, |r| r.id)
                    .is_ok_and(|i| {
                        let old = &self.rows[i];
                        old.family == row.family && old.given == row.given
                    })
            });
        if in_place {
            return self.patch_in_place(changed);
        }
        let mut renamed = false;
        let mut any = false;
        for id in gone {
            if let Ok(i) = self.rows.binary_search_by_key(id, |r| r.id) {
                let (a, b) = self.spans[i];
                self.garbage += (b - a) as usize;
                self.rows.remove(i);
                self.spans.remove(i);
                self.row_masks.remove(i);
                self.row_words.remove(i);
                renamed = true;
                any = true;
            }
        }
        for row in changed {
            match self.rows.binary_search_by_key(&row.id, |r| r.id) {
                Ok(i) if self.rows[i] == row => {}
                Ok(i) => {
                    renamed |= self.rows[i].family != row.family || self.rows[i].given != row.given;
                    self.replace(i, row);
                    any = true;
                }
                // Rows stay in id order, so a person is found by binary search.
                Err(i) => {
                    let (span, row_masks, row_words) = self.index_text(&row);
                    self.rows.insert(i, row);
                    self.spans.insert(i, span);
                    self.row_masks.insert(i, row_masks);
                    self.row_words.insert(i, row_words);
                    renamed = true;
                    any = true;
                }
            }
        }
        if !any {
            return false;
        }
        self.compact();
        self.ratings.clear();
        if renamed {
            self.rank_names();
        }
        self.rebuild();
        true
    }

    /// Replace rows whose people keep their place in name order: each changed row leaves the
    /// sorted view and, if the filters keep it, goes back in where its sort key now falls.
    fn patch_in_place(&mut self, changed: Vec<Lean>) -> bool {
        let mut any = false;
        for row in changed {
            let Ok(i) = self.rows.binary_search_by_key(&row.id, |r| r.id) else {
                continue;
            };
            if self.rows[i] == row {
                continue;
            }
            any = true;
            let at = i as u32;
            let old = self.key_of(at);
            if let Ok(p) = self.base.binary_search_by_key(&old, |j| self.key_of(*j)) {
                self.base.remove(p);
            }
            self.count(i, -1);
            self.replace(i, row);
            self.count(i, 1);
            if let Some(r) = self.ratings.get_mut(i) {
                *r = self.rows[i].rating as u8;
            }
            if self
                .filters
                .prepare(&self.texts, self.today)
                .keeps(&self.rows[i])
            {
                let new = self.key_of(at);
                let p = self.base.partition_point(|j| self.key_of(*j) < new);
                self.base.insert(p, at);
            }
        }
        if !any {
            return false;
        }
        self.compact();
        self.requery();
        true
    }

    /// Add (`by` 1) or take away (-1) row `i` from the register counts.
    fn count(&mut self, i: usize, by: isize) {
        let r = &self.rows[i];
        if !r.archived {
            let c = &mut self.counts[r.rating as usize];
            *c = c.saturating_add_signed(by);
        }
    }

    /// Search text for a row, appended to the buffer (the text it replaces stays, unused, until
    /// `compact` reclaims it).
    fn index_text(&mut self, row: &Lean) -> ((u32, u32), (u64, u64), WordStarts) {
        let start = self.hay.len() as u32;
        haystack_into(&mut self.hay, &self.texts, row);
        let span = (start, self.hay.len() as u32);
        let h = &self.hay.as_bytes()[start as usize..];
        (span, masks(h), word_starts(h))
    }

    fn replace(&mut self, i: usize, row: Lean) {
        let (span, row_masks, row_words) = self.index_text(&row);
        let (a, b) = self.spans[i];
        self.garbage += (b - a) as usize;
        self.rows[i] = row;
        self.spans[i] = span;
        self.row_masks[i] = row_masks;
        self.row_words[i] = row_words;
    }

    /// Row `i`'s place in the chosen sort.
    fn key_of(&self, i: u32) -> SortPlace {
        sort_place(
            self.sort,
            &self.rows[i as usize],
            self.name_rank[i as usize],
        )
    }

    /// Once replaced rows' text is half the search buffer, rewrite the buffer from the rows.
    fn compact(&mut self) {
        if self.garbage * 2 < self.hay.len() {
            return;
        }
        let mut hay = String::with_capacity(self.hay.len() - self.garbage);
        for (span, r) in self.spans.iter_mut().zip(&self.rows) {
            let start = hay.len() as u32;
            haystack_into(&mut hay, &self.texts, r);
            *span = (start, hay.len() as u32);
        }
        self.hay = hay;
        self.garbage = 0;
    }

    fn rank_names(&mut self) {
        self.ratings.clear();
        let (rows, texts) = (&self.rows, &self.texts);
        let mut order: Vec<u32> = (0..rows.len() as u32).collect();
        order.sort_by(|a, b| {
            let (a, b) = (&rows[*a as usize], &rows[*b as usize]);
            (texts.get(a.family), texts.get(a.given), a.id).cmp(&(
                texts.get(b.family),
                texts.get(b.given),
                b.id,
            ))
        });
        self.name_rank = vec![0; rows.len()];
        for (rank, i) in order.into_iter().enumerate() {
            self.name_rank[i as usize] = rank as u32;
        }
    }

    /// People the list holds, whatever the filters and search show.
    pub fn total(&self) -> usize {
        self.rows.len()
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
    pub fn get(&self, pos: usize) -> Option<RegisterRow> {
        self.shown
            .get(pos)
            .map(|i| self.texts.full(&self.rows[*i as usize]))
    }

    /// Display position of a person, if shown.
    pub fn position_of(&self, id: i64) -> Option<usize> {
        self.shown
            .iter()
            .position(|i| self.rows[*i as usize].id == id)
    }

    /// Rows shown per rating (B, R, A, G).
    pub fn shown_counts(&self) -> [usize; 4] {
        self.shown_counts
    }

    fn count_shown(&mut self) {
        // A compact copy of the ratings: reading them from the rows themselves would touch one
        // cache line per person.
        if self.ratings.len() != self.rows.len() {
            self.ratings = self.rows.iter().map(|r| r.rating as u8).collect();
        }
        let mut c = [0; 4];
        for i in &self.shown {
            c[usize::from(self.ratings[*i as usize] & 3)] += 1;
        }
        self.shown_counts = c;
    }

    /// People on the register (not archived) per rating.
    pub fn register_counts(&self) -> [usize; 4] {
        self.counts
    }

    /// Keyworkers of people on the register with their caseloads, busiest first.
    pub fn keyworkers(&self) -> Vec<(String, usize)> {
        let mut m = std::collections::HashMap::<_, usize>::new();
        for r in self.rows.iter().filter(|r| !r.archived) {
            if let Some(k) = r.keyworker {
                *m.entry(k).or_default() += 1;
            }
        }
        let mut v: Vec<(String, usize)> = m
            .into_iter()
            .map(|(k, n)| (self.texts.get(k).to_string(), n))
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v
    }

    /// Re-filter and re-sort everything (filters, sort or rows changed), then re-run the query.
    fn rebuild(&mut self) {
        self.counts = [0; 4];
        for r in self.rows.iter().filter(|r| !r.archived) {
            self.counts[r.rating as usize] += 1;
        }
        let rows = &self.rows;
        let keep = self.filters.prepare(&self.texts, self.today);
        let mut base: Vec<u32> = (0..rows.len() as u32)
            .filter(|i| keep.keeps(&rows[*i as usize]))
            .collect();
        let (sort, rank) = (self.sort, &self.name_rank);
        base.sort_unstable_by_key(|i| sort_place(sort, &rows[*i as usize], rank[*i as usize]));
        self.base = base;
        self.requery();
    }

    /// Re-run the search over the current view (its earlier matches no longer hold).
    fn requery(&mut self) {
        let q = std::mem::take(&mut self.query);
        self.cache.clear();
        self.set_query(&q);
    }

    /// Set the search text. When it only grew, the previous matches are narrowed; when it
    /// shrank back to an earlier query, that query's matches are reused.
    pub fn set_query(&mut self, query: &str) {
        let started = Instant::now();
        self.query = query.to_string();
        let q = query.trim();
        let needles = needles(q);
        if needles.is_empty() {
            self.cache.clear();
            self.shown = self.base.clone();
            self.count_shown();
            self.last_search = started.elapsed();
            return;
        }
        while self
            .cache
            .last()
            .is_some_and(|(c, _)| !(q.starts_with(c.as_str()) && digit_mode(c) == digit_mode(q)))
        {
            self.cache.pop();
        }
        // The matches go into the cache once ranked, not copied: at 100,000 people a copy
        // costs a good part of a keystroke's budget.
        let matches = match self.cache.last() {
            Some((c, _)) if c == q => self.cache.pop().map(|(_, m)| m).unwrap_or_default(),
            Some((_, m)) => self.filter(m.iter().map(|(i, _)| *i), m.len(), &needles),
            None => self.filter(self.base.iter().copied(), self.base.len(), &needles),
        };
        self.shown = self.rank(&matches, q);
        if self.cache.len() >= QUERY_CACHE {
            self.cache.remove(0);
        }
        self.cache.push((q.to_string(), matches));
        self.count_shown();
        self.last_search = started.elapsed();
    }

    /// The best `limit` people for a search over the whole register, whatever the filters
    /// show (the command palette's "jump to a person"); the list itself is left as it is.
    /// Letters merely in order (the fuzzy tier) are left out: among commands they are noise.
    pub fn find(&self, query: &str, limit: usize) -> Vec<RegisterRow> {
        let needles = needles(query);
        if needles.is_empty() {
            return Vec::new();
        }
        let most = u8::try_from(needles.len()).unwrap_or(u8::MAX);
        let mut found: Vec<(u8, u32, u32)> = (0..self.rows.len() as u32)
            .filter_map(|i| {
                self.row_tier(i, &needles)
                    .filter(|t| *t <= most)
                    .map(|t| (t, self.name_rank[i as usize], i))
            })
            .collect();
        if found.len() > limit {
            found.select_nth_unstable(limit);
            found.truncate(limit);
        }
        found.sort_unstable();
        found
            .into_iter()
            .map(|(_, _, i)| self.texts.full(&self.rows[i as usize]))
            .collect()
    }

    /// Candidates (in base order) that every needle matches, with their summed tiers.
    fn filter(
        &self,
        candidates: impl Iterator<Item = u32> + Clone,
        count: usize,
        needles: &[Needle],
    ) -> Vec<(u32, u8)> {
        const NONE: u8 = u8::MAX;
        const CANDIDATE: u8 = u8::MAX - 1;
        if count < SEQUENTIAL_FROM {
            return candidates
                .filter_map(|i| self.row_tier(i, needles).map(|t| (i, t)))
                .collect();
        }
        // Many candidates: visit them in storage order (the search data streams through the
        // cache instead of being fetched row by row in display order), then list in display order.
        let mut tiers = vec![NONE; self.rows.len()];
        for i in candidates.clone() {
            tiers[i as usize] = CANDIDATE;
        }
        for (i, t) in tiers.iter_mut().enumerate() {
            if *t == CANDIDATE {
                *t = self.row_tier(i as u32, needles).unwrap_or(NONE);
            }
        }
        candidates
            .filter_map(|i| {
                let t = tiers[i as usize];
                (t != NONE).then_some((i, t))
            })
            .collect()
    }

    /// Summed tiers of every needle for row `i`, or `None` when a needle does not match.
    fn row_tier(&self, i: u32, needles: &[Needle]) -> Option<u8> {
        let m = self.row_masks[i as usize];
        let need = needles.iter().fold(0, |acc, n| acc | n.mask);
        if m.0 & need != need {
            return None;
        }
        let (a, b) = self.spans[i as usize];
        let h = &self.hay.as_bytes()[a as usize..b as usize];
        let words = &self.row_words[i as usize];
        let mut total = 0u8;
        for n in needles {
            total = total.saturating_add(tier(h, m, words, n)?);
        }
        // Keep clear of the marker values `filter` uses.
        Some(total.min(u8::MAX - 2))
    }

    /// Best first: by tier; within a tier by nucleo's fuzzy score when there are few enough
    /// matches to score in a keystroke; ties keep the chosen sort order.
    fn rank(&mut self, matches: &[(u32, u8)], q: &str) -> Vec<u32> {
        if matches.len() > RANK_LIMIT {
            // Counting sort by tier: stable, linear.
            let max = matches.iter().map(|m| m.1).max().unwrap_or(0);
            let mut out = Vec::with_capacity(matches.len());
            for t in 0..=max {
                out.extend(matches.iter().filter(|m| m.1 == t).map(|m| m.0));
            }
            return out;
        }
        let atoms: Vec<Atom> = needles(q)
            .iter()
            .map(|n| {
                let kind = if n.has_digit {
                    AtomKind::Substring
                } else {
                    AtomKind::Fuzzy
                };
                Atom::new(
                    &n.text,
                    CaseMatching::Ignore,
                    Normalization::Smart,
                    kind,
                    false,
                )
            })
            .collect();
        let mut buf = Vec::new();
        let mut scored: Vec<(u32, u8, u32)> = matches
            .iter()
            .map(|&(i, t)| {
                let (a, b) = self.spans[i as usize];
                let text = &self.hay[a as usize..b as usize];
                let h = Utf32Str::new(text, &mut buf);
                let score: u32 = atoms
                    .iter()
                    .map(|at| u32::from(at.score(h, &mut self.matcher).unwrap_or(0)))
                    .sum();
                (i, t, score)
            })
            .collect();
        scored.sort_by_key(|(_, t, s)| (*t, std::cmp::Reverse(*s)));
        scored.into_iter().map(|(i, _, _)| i).collect()
    }
}

#[cfg(test)]
mod tests;
