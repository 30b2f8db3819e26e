//! The Reviews pane: requests awaiting a decision first, then drafts, then people due or overdue
//! a review by the policy schedule, then reports and family plans overdue, then finished reviews;
//! `/` searches and `f` filters. Enter opens a review in the wizard; `R` on a request starts the
//! review it asked for; `s` records a report or family plan sent.

mod discard;
mod draft;
pub mod keys;
mod picker;
mod sent;
mod table;

use super::keymap::{self, Binding};
use super::pane::{Applied, Ctx, Outcome, Pane, PaneId, Request, View};
use super::widgets::{Confirm, ConfirmEvent};
use super::wizard::Wizard;
use crate::domain::request::RequestOutcome;
use crate::domain::review::{ReviewStatus, ReviewType, suggest_kind, suggest_type};
use crate::store::changes::Changes;
use crate::store::reviews::{self, DueRow, OverdueReport, ReviewRow};
use crate::store::{journey, people, requests};
use chrono::{Days, NaiveDate};
use keys::{Mode, ReviewsAction};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

/// How far ahead the "due" section looks.
pub const DUE_HORIZON_DAYS: u64 = 28;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    #[default]
    All,
    Requests,
    Drafts,
    Due,
    Reports,
    Finished,
}

impl Filter {
    fn next(self) -> Filter {
        match self {
            Filter::All => Filter::Requests,
            Filter::Requests => Filter::Drafts,
            Filter::Drafts => Filter::Due,
            Filter::Due => Filter::Reports,
            Filter::Reports => Filter::Finished,
            Filter::Finished => Filter::All,
        }
    }
    fn label(self) -> &'static str {
        match self {
            Filter::All => "all",
            Filter::Requests => "requests",
            Filter::Drafts => "drafts",
            Filter::Due => "due",
            Filter::Reports => "overdue reports",
            Filter::Finished => "finished",
        }
    }
}

pub enum Entry {
    /// A request awaiting a decision; `true` when it has waited past the policy target.
    Request(Box<requests::Request>, bool),
    Review(Box<ReviewRow>),
    Due(DueRow),
    ReportDue(OverdueReport),
}

impl Entry {
    fn person_id(&self) -> i64 {
        match self {
            Entry::Request(q, _) => q.person_id,
            Entry::Review(r) => r.person_id,
            Entry::Due(d) => d.person_id,
            Entry::ReportDue(o) => o.person_id,
        }
    }
    fn person_name(&self) -> &str {
        match self {
            Entry::Request(q, _) => &q.person_name,
            Entry::Review(r) => &r.person_name,
            Entry::Due(d) => &d.person_name,
            Entry::ReportDue(o) => &o.person_name,
        }
    }
    fn section(&self) -> Filter {
        match self {
            Entry::Review(r) if r.status == ReviewStatus::Draft => Filter::Drafts,
            Entry::Review(_) => Filter::Finished,
            Entry::Due(_) => Filter::Due,
            Entry::Request(..) => Filter::Requests,
            Entry::ReportDue(_) => Filter::Reports,
        }
    }
}

#[derive(Default)]
pub struct ReviewsPane {
    entries: Vec<Entry>,
    /// Indices into `entries` after filter and search, in display order.
    shown: Vec<usize>,
    selected: usize,
    offset: usize,
    page: usize,
    filter: Filter,
    search: String,
    searching: bool,
    wizard: Option<Wizard>,
    today: Option<NaiveDate>,
    picker: Option<picker::Picker>,
    sent: Option<sent::SentDialog>,
    discard: Option<discard::DiscardDialog>,
    /// Asking before a due row's Enter creates a draft: the person it is for.
    confirm_start: Option<(Confirm, i64)>,
    /// The pane the open review was started from (a register row or card, or another pane via
    /// the palette): leaving the wizard goes back there, not to this list.
    came_from: Option<PaneId>,
}

impl ReviewsPane {
    /// Start a C(E)TR for a person from another pane (the register's `R`, the palette): leaving
    /// the wizard returns to `from`, where the user was.
    pub fn start_review_from(&mut self, person_id: i64, from: PaneId, ctx: &mut Ctx) {
        self.start_review(person_id, ctx);
        if self.wizard.is_some() && from != PaneId::Reviews {
            self.came_from = Some(from);
        }
    }

    /// Start a C(E)TR for a person (`n` here): kind and type suggested from age, EHCP and the
    /// policy schedule. A draft already open for the person is resumed instead.
    pub fn start_review(&mut self, person_id: i64, ctx: &mut Ctx) {
        let id = match reviews::draft_of_person(ctx.store.conn(), person_id) {
            Ok(Some(id)) => {
                ctx.info("This person already has a draft review: resuming it");
                id
            }
            Ok(None) => match self.create(person_id, ctx) {
                Ok(id) => id,
                Err(e) => {
                    ctx.error(e.to_string());
                    return;
                }
            },
            Err(e) => {
                ctx.error(e.to_string());
                return;
            }
        };
        self.open(id, ctx);
    }

    fn create(&mut self, person_id: i64, ctx: &mut Ctx) -> crate::store::Result<i64> {
        let conn = ctx.store.conn();
        let person = people::person(conn, person_id)?;
        let in_hospital = people::open_admission(conn, person_id)?.is_some();
        let kind = suggest_kind(person.details.date_of_birth, person.details.ehcp, ctx.today);
        let rtype = suggest_type(person.next_review_type.as_deref(), in_hospital);
        let today = ctx.today;
        ctx.store
            .write(|w| reviews::create(w, person_id, kind, rtype, today, None, false))
    }

    /// Open a review in the wizard where it was left.
    pub fn open(&mut self, review_id: i64, ctx: &mut Ctx) {
        // Reads are audited too: a review that cannot be recorded as opened is not shown.
        match ctx
            .store
            .record_access("review", review_id, "review")
            .and_then(|()| Wizard::open(ctx, review_id))
        {
            Ok(w) => {
                self.wizard = Some(w);
                self.came_from = None;
            }
            Err(e) => ctx.error(e.to_string()),
        }
    }

    pub fn wizard(&self) -> Option<&Wizard> {
        self.wizard.as_ref()
    }

    /// Leave the wizard for the list (the command palette runs list actions there). Every
    /// keystroke is already saved; this writes the position too.
    pub fn close_wizard(&mut self, ctx: &mut Ctx) {
        self.came_from = None;
        if let Some(mut w) = self.wizard.take() {
            w.flush(ctx);
            self.reload_or_say(ctx);
        }
    }

    /// The review open in the wizard, else the selected one (drafts and due rows have no
    /// report yet): its id and whom it is for.
    pub fn review_in_hand(&self) -> Option<(i64, String)> {
        if let Some(w) = &self.wizard {
            return Some((w.review_id(), w.data.review.person_name.clone()));
        }
        match self.selected_entry()? {
            Entry::Review(r) => Some((r.id, r.person_name.clone())),
            Entry::ReportDue(o) => Some((o.review_id, o.person_name.clone())),
            Entry::Request(..) | Entry::Due(_) => None,
        }
    }

    /// Reload after a change the user made here; a failed read is said in the status bar (the
    /// change itself is already saved).
    fn reload_or_say(&mut self, ctx: &mut Ctx) {
        if let Err(e) = self.reload_list(ctx) {
            ctx.error(e.to_string());
        }
    }

    fn reload_list(&mut self, ctx: &mut Ctx) -> crate::store::Result<()> {
        self.today = Some(ctx.today);
        let conn = ctx.store.conn();
        let mut rows = reviews::all(conn)?;
        // A discarded draft is kept on the person's record, not in any list of work.
        rows.retain(|r| r.status != ReviewStatus::Discarded);
        rows.sort_by(|a, b| {
            (
                a.status != ReviewStatus::Draft,
                std::cmp::Reverse(a.held_on),
                std::cmp::Reverse(a.id),
            )
                .cmp(&(
                    b.status != ReviewStatus::Draft,
                    std::cmp::Reverse(b.held_on),
                    std::cmp::Reverse(b.id),
                ))
        });
        let horizon = ctx
            .today
            .checked_add_days(Days::new(DUE_HORIZON_DAYS))
            .unwrap_or(ctx.today);
        let due = reviews::due_people(conn, horizon)?;
        let policy = journey::journey_policy(conn)?;
        let waiting = requests::open(conn)?.into_iter().map(|q| {
            let overdue = policy.request_overdue(q.requested_on, false, ctx.today);
            Entry::Request(Box::new(q), overdue)
        });
        let late = reviews::overdue_reports(conn, &policy, ctx.today)?;
        let (drafts, finished): (Vec<_>, Vec<_>) = rows
            .into_iter()
            .partition(|r| r.status == ReviewStatus::Draft);
        self.entries = waiting
            .chain(drafts.into_iter().map(|r| Entry::Review(Box::new(r))))
            .chain(due.into_iter().map(Entry::Due))
            .chain(late.into_iter().map(Entry::ReportDue))
            .chain(finished.into_iter().map(|r| Entry::Review(Box::new(r))))
            .collect();
        self.rebuild();
        Ok(())
    }

    fn rebuild(&mut self) {
        let needle = self.search.to_lowercase();
        self.shown = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| self.filter == Filter::All || e.section() == self.filter)
            .filter(|(_, e)| needle.is_empty() || e.person_name().to_lowercase().contains(&needle))
            .map(|(i, _)| i)
            .collect();
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
    }

    fn selected_entry(&self) -> Option<&Entry> {
        self.shown
            .get(self.selected)
            .and_then(|i| self.entries.get(*i))
    }

    fn search_key(&mut self, key: KeyEvent) -> Outcome {
        match keymap::keys().reviews.search.action(&key) {
            Some(ReviewsAction::SearchClear) => {
                self.search.clear();
                self.searching = false;
            }
            Some(ReviewsAction::SearchKeep) => self.searching = false,
            _ => match key.code {
                KeyCode::Backspace => {
                    self.search.pop();
                }
                KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                    self.search.push(c)
                }
                _ => {}
            },
        }
        self.selected = 0;
        self.rebuild();
        Outcome::Consumed
    }

    /// `R` on a request: book the review it asked for (the decision is recorded as "review
    /// booked" by the current user today, linked to the new draft) and open it.
    fn start_requested(&mut self, ctx: &mut Ctx) {
        let Some(Entry::Request(q, _)) = self.selected_entry() else {
            ctx.error("R starts the review a request asked for: choose a request first");
            return;
        };
        let (request_id, version, person_id) = (q.id, q.version, q.person_id);
        let conn = ctx.store.conn();
        let existing = match reviews::draft_of_person(conn, person_id) {
            Ok(d) => d,
            Err(e) => {
                ctx.error(e.to_string());
                return;
            }
        };
        let person = match people::person(conn, person_id) {
            Ok(p) => p,
            Err(e) => {
                ctx.error(e.to_string());
                return;
            }
        };
        let kind = suggest_kind(person.details.date_of_birth, person.details.ehcp, ctx.today);
        let (today, user) = (ctx.today, ctx.store.user().to_string());
        let done = ctx.store.write(|w| {
            let review_id = match existing {
                Some(id) => id,
                None => reviews::create(
                    w,
                    person_id,
                    kind,
                    ReviewType::OnRequest,
                    today,
                    None,
                    false,
                )?,
            };
            let decision = requests::Decision {
                outcome: RequestOutcome::ReviewBooked,
                decided_on: today,
                decided_by: user,
                reason: String::new(),
                review_id: Some(review_id),
            };
            requests::decide(w, request_id, version, &decision, today)?;
            Ok(review_id)
        });
        match done {
            Ok(id) => {
                ctx.info("Request decided: review booked");
                self.open(id, ctx);
            }
            Err(e) => ctx.error(e.to_string()),
        }
    }

    /// The mode that gets the keys.
    fn mode(&self) -> Mode {
        if self.wizard.is_some() {
            Mode::Wizard
        } else if self.confirm_start.is_some() {
            Mode::Confirm
        } else if self.sent.is_some() {
            Mode::Sent
        } else if self.discard.is_some() {
            Mode::Discard
        } else if self.picker.is_some() {
            Mode::Picker
        } else if self.searching {
            Mode::Search
        } else {
            Mode::List
        }
    }

    /// Do what a list action asks.
    pub fn perform(&mut self, a: ReviewsAction, ctx: &mut Ctx) -> Outcome {
        match a {
            ReviewsAction::Open => match self.selected_entry() {
                Some(Entry::Review(r)) => {
                    let id = r.id;
                    self.open(id, ctx);
                }
                Some(Entry::ReportDue(o)) => {
                    let id = o.review_id;
                    self.open(id, ctx);
                }
                Some(Entry::Due(d)) => {
                    let (pid, name) = (d.person_id, d.person_name.clone());
                    self.ask_to_start(pid, &name, ctx);
                }
                Some(Entry::Request(..)) => self.start_requested(ctx),
                None => {}
            },
            ReviewsAction::StartRequest => self.start_requested(ctx),
            ReviewsAction::Sent => self.open_sent(ctx),
            ReviewsAction::Discard => self.open_discard(ctx),
            ReviewsAction::New => self.open_picker(ctx),
            ReviewsAction::Search => self.searching = true,
            ReviewsAction::Filter => {
                self.filter = self.filter.next();
                self.selected = 0;
                self.rebuild();
                ctx.info(format!("Showing {} reviews", self.filter.label()));
            }
            ReviewsAction::SearchKeep | ReviewsAction::SearchClear => return Outcome::Ignored,
        }
        Outcome::Consumed
    }
}

impl ReviewsPane {
    /// Enter on a due row: creating a draft is a record others see, so ask first (a draft
    /// already open is resumed without asking; it creates nothing).
    fn ask_to_start(&mut self, person_id: i64, name: &str, ctx: &mut Ctx) {
        match reviews::draft_of_person(ctx.store.conn(), person_id) {
            Ok(Some(_)) => self.start_review(person_id, ctx),
            Ok(None) => {
                self.confirm_start = Some((
                    Confirm::new(format!("Start a new C(E)TR draft for {name}, dated today?"))
                        .titled(&format!("Start a C(E)TR: {name}")),
                    person_id,
                ))
            }
            Err(e) => ctx.error(e.to_string()),
        }
    }

    fn wizard_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Outcome {
        let Some(w) = self.wizard.as_mut() else {
            return Outcome::Ignored;
        };
        let out = w.handle_key(key, ctx);
        let changed = w.take_register_changed();
        if w.closed() {
            self.wizard = None;
            self.reload_or_say(ctx);
            return Outcome::Request(match self.came_from.take() {
                Some(from) => Request::Return(from),
                None => Request::DataChanged,
            });
        }
        if changed {
            return Outcome::Request(Request::DataChanged);
        }
        out
    }
}

impl Pane for ReviewsPane {
    /// Reviews, people due one, requests and reports: another user's change elsewhere leaves the list as it is.
    fn apply_changes(
        &mut self,
        changes: &Changes,
        _ctx: &mut Ctx,
    ) -> crate::store::Result<Applied> {
        Ok(
            if changes.touches(&["person", "review", "review_request", "admission"]) {
                Applied::Reload
            } else {
                Applied::Unaffected
            },
        )
    }

    fn load(&mut self, ctx: &mut Ctx) -> crate::store::Result<()> {
        if let Some(w) = self.wizard.as_mut() {
            // Another user changed something: show it, staying on the same step. The list is
            // reloaded when the wizard closes, not on every commit during the meeting.
            if !w.captures_text() {
                let step = w.step();
                let mut fresh = Wizard::open(ctx, w.review_id())?;
                if fresh.step() != step {
                    fresh.go_to_step(step, ctx);
                }
                *w = fresh;
            }
            return Ok(());
        }
        self.reload_list(ctx)
    }

    fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Outcome {
        match self.mode() {
            Mode::Wizard => self.wizard_key(key, ctx),
            Mode::Confirm => {
                if let Some((c, pid)) = &self.confirm_start {
                    let pid = *pid;
                    match c.handle_key(key) {
                        ConfirmEvent::Yes => {
                            self.confirm_start = None;
                            self.start_review(pid, ctx);
                        }
                        ConfirmEvent::No => self.confirm_start = None,
                        ConfirmEvent::Pending => {}
                    }
                }
                Outcome::Consumed
            }
            Mode::Picker => self.picker_key(key, ctx),
            Mode::Sent => self.sent_key(key, ctx),
            Mode::Discard => self.discard_key(key, ctx),
            Mode::Search => self.search_key(key),
            Mode::List => {
                let k = keymap::keys();
                if let Some(m) = k.motion.action(&key) {
                    self.selected =
                        keymap::apply_motion(self.selected, self.shown.len(), self.page, m);
                    return Outcome::Consumed;
                }
                match k.reviews.list.action(&key) {
                    Some(a) => self.perform(a, ctx),
                    None => Outcome::Ignored,
                }
            }
        }
    }

    fn handle_paste(&mut self, text: &str, ctx: &mut Ctx) -> Outcome {
        if let Some(w) = self.wizard.as_mut() {
            return w.handle_paste(text, ctx);
        }
        // The open dialog takes the paste (their forms have different field types).
        if let Some(d) = self.sent.as_mut() {
            d.form.handle_paste(text);
            return Outcome::Consumed;
        }
        if let Some(d) = self.discard.as_mut() {
            d.form.handle_paste(text);
            return Outcome::Consumed;
        }
        if !self.searching {
            return Outcome::Ignored;
        }
        self.search.push_str(text.lines().next().unwrap_or(""));
        self.rebuild();
        Outcome::Consumed
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, view: &View) {
        if let Some(w) = self.wizard.as_mut() {
            w.render(frame, area, view);
            return;
        }
        self.render_list(frame, area, view);
        if let Some((c, _)) = &self.confirm_start {
            c.render(frame, area, view.theme);
        }
    }

    fn bindings(&self) -> Vec<Binding> {
        let k = keymap::keys();
        match self.mode() {
            Mode::Wizard => self
                .wizard
                .as_ref()
                .map(Wizard::bindings)
                .unwrap_or_default(),
            Mode::Picker => {
                let mut b = k.motion.bindings();
                b.truncate(1);
                b.extend(k.widgets.pick.bindings());
                b
            }
            Mode::Search => k.reviews.search.bindings(),
            Mode::Sent | Mode::Discard => k.widgets.form_bindings(),
            Mode::Confirm => k.widgets.confirm.bindings(),
            Mode::List => {
                let mut b = k.motion.bindings();
                b.extend(k.reviews.list.bindings());
                b
            }
        }
    }

    fn flush(&mut self, ctx: &mut Ctx) {
        if let Some(w) = self.wizard.as_mut() {
            w.flush(ctx);
        }
    }

    fn unsaved(&self) -> Option<String> {
        match &self.wizard {
            Some(w) => w.unsaved(),
            None => self.sent_unsaved().or_else(|| self.discard_unsaved()),
        }
    }

    fn typed_draft(&self) -> Option<crate::user_state::TypedDraft> {
        self.draft()
    }

    fn restore_draft(
        &mut self,
        draft: &crate::user_state::TypedDraft,
        ctx: &mut Ctx,
    ) -> Result<(), String> {
        self.restore(draft, ctx)
    }

    fn captures_text(&self) -> bool {
        match self.mode() {
            Mode::Wizard => self.wizard.as_ref().is_some_and(Wizard::captures_text),
            Mode::Picker | Mode::Search | Mode::Sent | Mode::Discard | Mode::Confirm => true,
            Mode::List => false,
        }
    }
}
