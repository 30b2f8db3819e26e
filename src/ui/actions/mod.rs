//! The Actions pane: where a commissioner spends Monday morning. Every action across the register,
//! overdue first (most days overdue at the top), then due within 7 days, then the rest; filters and
//! search; triage keys on the selection or on several marked with Space; `u` undoes the last step.

mod dialog;
mod draft;
pub mod keys;
pub mod list;
mod view;

use super::keymap::{self, Binding};
use super::pane::{Applied, Ctx, Outcome, Pane, Request, View};
use super::widgets::{ConfirmEvent, Field, FieldKey, FormEvent};
use crate::domain::rating::Rating;
use crate::domain::triage::{self, ActionState, Change};
use crate::store::actions::{self, ActionEvent, ActionRow};
use crate::store::changes::Changes;
use crate::store::settings;
use dialog::{ActionField, Dialog, Submit, described};
use keys::{ActionsAction, Mode};
use list::{ActionList, Filter};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use std::collections::BTreeSet;

/// One triage step as undo needs it: each action's state before, and its version after.
#[derive(Debug, Clone)]
struct UndoStep {
    label: String,
    items: Vec<(i64, ActionState, i64)>,
}

/// The detail view of one action with its history.
struct Detail {
    id: i64,
    history: Vec<ActionEvent>,
    scroll: usize,
}

#[derive(Default)]
pub struct ActionsPane {
    list: ActionList,
    filter: Filter,
    selected: usize,
    offset: usize,
    page: usize,
    /// Actions marked with Space, by id.
    marked: BTreeSet<i64>,
    undo: Vec<UndoStep>,
    dialog: Option<Dialog>,
    detail: Option<Detail>,
    /// The `/` search field while it has focus.
    search: Option<Field>,
    /// The owner name the "mine" filter uses (per-user setting).
    my_owner: Option<String>,
    /// The settings file's name for "mine", used until the register holds one for this user.
    default_owner: Option<String>,
    loaded: bool,
    /// Done and cancelled actions are held (read when a view first needs them).
    has_closed: bool,
}

impl ActionsPane {
    /// The name "mine" means until the user sets one with M (from the settings file).
    pub fn set_default_owner(&mut self, name: Option<String>) {
        self.default_owner = name;
    }

    pub(super) fn selected_row(&self) -> Option<&ActionRow> {
        self.list.at(self.selected)
    }

    /// The actions a triage key applies to: the marked ones, else the selected one.
    fn targets(&self) -> Vec<i64> {
        if let Some(d) = &self.detail {
            vec![d.id]
        } else if self.marked.is_empty() {
            self.selected_row().map(|a| vec![a.id]).unwrap_or_default()
        } else {
            self.marked.iter().copied().collect()
        }
    }

    /// Read the done and cancelled actions the first time a view needs them.
    fn ensure_closed(&mut self, ctx: &mut Ctx) {
        if self.has_closed || !self.filter.view.needs_closed() {
            return;
        }
        match actions::closed(ctx.store.conn()) {
            Ok(rows) => {
                self.list.extend(rows);
                self.has_closed = true;
            }
            Err(e) => ctx.error(e.to_string()),
        }
    }

    /// Re-filter, keeping the selection on `keep` if it is still shown, else on the same position.
    fn refilter(&mut self, keep: Option<i64>) {
        self.list.apply(&self.filter);
        self.selected = keep
            .and_then(|id| self.list.position(id))
            .unwrap_or(self.selected)
            .min(self.list.len().saturating_sub(1));
    }

    fn selected_id(&self) -> Option<i64> {
        self.selected_row().map(|a| a.id)
    }

    fn open_detail(&mut self, ctx: &mut Ctx) {
        let Some(id) = self.selected_id() else { return };
        match actions::history(ctx.store.conn(), id) {
            Ok(history) => {
                self.detail = Some(Detail {
                    id,
                    history,
                    scroll: 0,
                })
            }
            Err(e) => ctx.error(e.to_string()),
        }
    }

    fn refresh_detail(&mut self, ctx: &mut Ctx) {
        if let Some(d) = &mut self.detail {
            match actions::history(ctx.store.conn(), d.id) {
                Ok(h) => d.history = h,
                Err(e) => ctx.error(e.to_string()),
            }
        }
    }

    /// Start a triage dialog (or, for in progress, apply at once).
    fn triage_key(&mut self, action: ActionsAction, ctx: &mut Ctx) -> Outcome {
        let targets = self.targets();
        if targets.is_empty() {
            ctx.error("no action selected");
            return Outcome::Consumed;
        }
        let dialog = match action {
            ActionsAction::Done => Dialog::done(targets),
            ActionsAction::Escalate => Dialog::escalate(targets),
            ActionsAction::Redate => Dialog::redate(targets),
            ActionsAction::Cancel => Dialog::cancel(targets),
            ActionsAction::Reassign => {
                let (owner, org) = targets
                    .first()
                    .and_then(|id| self.list.by_id(*id))
                    .map(|a| (a.owner.clone(), a.organisation.clone()))
                    .unwrap_or_default();
                Dialog::reassign(targets, &owner, &org)
            }
            ActionsAction::InProgress => {
                return self.apply(
                    ctx,
                    targets,
                    Change::InProgress {
                        note: String::new(),
                    },
                );
            }
            _ => return Outcome::Ignored,
        };
        let rows: Vec<&ActionRow> = dialog
            .targets
            .iter()
            .filter_map(|id| self.list.by_id(*id))
            .collect();
        self.dialog = Some(dialog.about(&rows));
        Outcome::Consumed
    }

    /// Write one triage step to every target in one transaction, then patch the rows in memory.
    fn apply(&mut self, ctx: &mut Ctx, targets: Vec<i64>, change: Change) -> Outcome {
        let mut befores = Vec::new();
        for id in &targets {
            match self.list.by_id(*id) {
                Some(a) => befores.push((a.id, a.version, a.state())),
                None => {
                    ctx.error(format!("action {id} is no longer listed; reload with 3"));
                    return Outcome::Consumed;
                }
            }
        }
        let result = ctx.store.write(|w| {
            befores
                .iter()
                .map(|(id, version, _)| actions::triage(w, *id, *version, &change))
                .collect::<crate::store::Result<Vec<_>>>()
        });
        match result {
            Ok(rows) => {
                let label = change.label();
                self.undo.push(UndoStep {
                    label: label.to_string(),
                    items: befores
                        .into_iter()
                        .zip(&rows)
                        .map(|((id, _, before), after)| (id, before, after.version))
                        .collect(),
                });
                let n = rows.len();
                let detail = match &change {
                    Change::Redate { due, .. } => {
                        format!(" to {}", crate::domain::dates::uk(*due))
                    }
                    Change::Reassign { owner, .. } => format!(" to {owner}"),
                    _ => String::new(),
                };
                let keep = self.selected_id().filter(|_| self.detail.is_some());
                self.list.patch(rows);
                self.refilter(keep);
                self.marked.clear();
                self.dialog = None;
                self.refresh_detail(ctx);
                let what = if n == 1 {
                    "1 action".to_string()
                } else {
                    format!("{n} actions")
                };
                ctx.info(format!("{label} {what}{detail} (u undoes)"));
                Outcome::Request(Request::DataChanged)
            }
            Err(e) => {
                match &mut self.dialog {
                    Some(d) => d.error = Some(e.to_string()),
                    None => ctx.error(e.to_string()),
                }
                Outcome::Consumed
            }
        }
    }

    fn undo_last(&mut self, ctx: &mut Ctx) -> Outcome {
        let Some(step) = self.undo.pop() else {
            ctx.info("nothing to undo in this session");
            return Outcome::Consumed;
        };
        let result = ctx.store.write(|w| {
            step.items
                .iter()
                .map(|(id, before, version)| actions::undo(w, *id, *version, before, &step.label))
                .collect::<crate::store::Result<Vec<_>>>()
        });
        match result {
            Ok(rows) => {
                let what = described(&step.label, &rows);
                let first = rows.first().map(|a| a.id);
                self.list.patch(rows);
                self.refilter(first);
                let shown = self.select_undone(first, ctx);
                self.refresh_detail(ctx);
                ctx.info(format!(
                    "Undid: {what}{shown}; the undo is kept in its history (Enter shows it)"
                ));
                Outcome::Request(Request::DataChanged)
            }
            Err(e) => {
                ctx.error(format!("cannot undo {}: {e}", step.label));
                Outcome::Consumed
            }
        }
    }

    /// Select the action an undo restored. When the filters now hide it (say a cancelled action
    /// undone in the done view) they give way to the view of every action, so the user sees
    /// what changed; returns what the message should add about that.
    fn select_undone(&mut self, id: Option<i64>, ctx: &mut Ctx) -> &'static str {
        let Some(id) = id else { return "" };
        if self.list.position(id).is_some() {
            return "";
        }
        self.filter = Filter {
            view: list::ViewKind::All,
            ..Filter::default()
        };
        self.ensure_closed(ctx);
        self.refilter(Some(id));
        " (showing all actions, so it is in view)"
    }

    fn handle_dialog(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Outcome {
        let Some(d) = &mut self.dialog else {
            return Outcome::Ignored;
        };
        if let Some(c) = &d.confirm {
            match c.handle_key(key) {
                ConfirmEvent::Yes => {
                    d.confirm_past(ctx.today);
                    return self.submit_dialog(ctx);
                }
                ConfirmEvent::No => d.confirm = None,
                ConfirmEvent::Pending => {}
            }
            return Outcome::Consumed;
        }
        match d.form.handle_key(key) {
            FormEvent::Cancel => self.dialog = None,
            FormEvent::Submit => return self.submit_dialog(ctx),
            FormEvent::Changed(ActionField::Person) => {
                match actions::find_people(ctx.store.conn(), d.form.text(ActionField::Person), 5) {
                    Ok(m) => d.matches = m,
                    Err(e) => d.error = Some(e.to_string()),
                }
            }
            _ => {}
        }
        Outcome::Consumed
    }

    fn submit_dialog(&mut self, ctx: &mut Ctx) -> Outcome {
        let Some(d) = &mut self.dialog else {
            return Outcome::Consumed;
        };
        let Some(submit) = d.submit(ctx.today) else {
            return Outcome::Consumed;
        };
        match submit {
            Submit::Triage(change) => {
                let targets = d.targets.clone();
                // The domain's refusal, checked on the listed state first, lands on the field it
                // is about with the cursor there, so the next keys correct that field.
                let refusal = targets.iter().find_map(|id| {
                    let a = self.list.by_id(*id)?;
                    triage::apply(&a.state(), &change)
                        .err()
                        .map(|e| (a.what(), e))
                });
                if let Some((what, e)) = refusal {
                    if let Some(d) = &mut self.dialog {
                        d.refuse(&what, e);
                    }
                    return Outcome::Consumed;
                }
                self.apply(ctx, targets, change)
            }
            Submit::Add(new) => {
                let result = ctx.store.write(|w| {
                    let id = actions::create(w, &new)?;
                    actions::get(w.tx(), id)
                });
                match result {
                    Ok(row) => {
                        let id = row.id;
                        self.list.patch(vec![row]);
                        self.dialog = None;
                        self.refilter(Some(id));
                        ctx.info(format!("added action {id}"));
                        Outcome::Request(Request::DataChanged)
                    }
                    Err(e) => {
                        d.error = Some(e.to_string());
                        Outcome::Consumed
                    }
                }
            }
            Submit::MyName(name) => {
                match ctx
                    .store
                    .write(|w| settings::set(w, settings::MY_OWNER_NAME, &name))
                {
                    Ok(()) => {
                        self.dialog = None;
                        self.my_owner = (!name.is_empty()).then_some(name.clone());
                        self.filter.mine = self.my_owner.clone();
                        let keep = self.selected_id();
                        self.refilter(keep);
                        if name.is_empty() {
                            ctx.info("cleared your owner name");
                        } else {
                            ctx.info(format!("showing actions owned by {name} (m toggles)"));
                        }
                    }
                    Err(e) => d.error = Some(e.to_string()),
                }
                Outcome::Consumed
            }
        }
    }

    fn handle_search(&mut self, key: KeyEvent) -> Outcome {
        let Some(field) = &mut self.search else {
            return Outcome::Ignored;
        };
        match field.handle_key(key) {
            FieldKey::Changed => {
                self.filter.search = field.value().trim().to_lowercase();
                self.selected = 0;
                self.refilter(None);
            }
            FieldKey::Moved => {}
            FieldKey::NotMine => match keymap::keys().actions.search.action(&key) {
                Some(ActionsAction::SearchKeep) => self.search = None,
                Some(ActionsAction::SearchClear) => {
                    self.search = None;
                    self.filter.search.clear();
                    let keep = self.selected_id();
                    self.refilter(keep);
                }
                _ => {}
            },
        }
        Outcome::Consumed
    }

    fn toggle_filter(&mut self, action: ActionsAction, ctx: &mut Ctx) -> Outcome {
        let keep = self.selected_id();
        let sel = self.selected_row().cloned();
        match action {
            ActionsAction::View => {
                self.filter.view = self.filter.view.next();
                self.ensure_closed(ctx);
                self.selected = 0;
                self.refilter(None);
                ctx.info(format!("showing {} actions", self.filter.view.label()));
                return Outcome::Consumed;
            }
            ActionsAction::ByOwner => {
                self.filter.owner = match (&self.filter.owner, sel) {
                    (None, Some(a)) => Some(a.owner),
                    _ => None,
                }
            }
            ActionsAction::ByOrganisation => {
                self.filter.organisation = match (&self.filter.organisation, sel) {
                    (None, Some(a)) => Some(a.organisation),
                    _ => None,
                }
            }
            ActionsAction::ByPerson => {
                self.filter.person = match (&self.filter.person, sel) {
                    (None, Some(a)) => Some((a.person_id, a.person_name)),
                    _ => None,
                }
            }
            ActionsAction::ByRating => {
                self.filter.rating = match self.filter.rating {
                    None => Some(Rating::Blue),
                    Some(r) => Rating::ALL
                        .iter()
                        .position(|x| *x == r)
                        .and_then(|i| Rating::ALL.get(i + 1).copied()),
                }
            }
            ActionsAction::Mine => {
                if self.filter.mine.is_some() {
                    self.filter.mine = None;
                } else if self.my_owner.is_some() {
                    self.filter.mine = self.my_owner.clone();
                } else {
                    self.dialog = Some(Dialog::my_name(None));
                    return Outcome::Consumed;
                }
            }
            _ => return Outcome::Ignored,
        }
        self.refilter(keep);
        Outcome::Consumed
    }

    /// The mode that gets the keys.
    fn mode(&self) -> Mode {
        if self.dialog.is_some() {
            Mode::Dialog
        } else if self.search.is_some() {
            Mode::Search
        } else if self.detail.is_some() {
            Mode::Detail
        } else {
            Mode::List
        }
    }

    /// Do what a list or detail action asks, on the marked actions or the selected one.
    pub fn perform(&mut self, a: ActionsAction, ctx: &mut Ctx) -> Outcome {
        use ActionsAction::*;
        match a {
            Mark => {
                if let Some(id) = self.selected_id() {
                    if !self.marked.remove(&id) {
                        self.marked.insert(id);
                    }
                    self.selected = (self.selected + 1).min(self.list.len().saturating_sub(1));
                }
                Outcome::Consumed
            }
            Done | Escalate | Redate | Cancel | Reassign | InProgress => self.triage_key(a, ctx),
            Undo => self.undo_last(ctx),
            Detail => {
                self.open_detail(ctx);
                Outcome::Consumed
            }
            CloseDetail => {
                self.detail = None;
                Outcome::Consumed
            }
            HistoryDown => {
                if let Some(d) = self.detail.as_mut() {
                    d.scroll = (d.scroll + 1).min(d.history.len().saturating_sub(1));
                }
                Outcome::Consumed
            }
            HistoryUp => {
                if let Some(d) = self.detail.as_mut() {
                    d.scroll = d.scroll.saturating_sub(1);
                }
                Outcome::Consumed
            }
            Add => {
                let person = self
                    .selected_row()
                    .map(|a| (a.person_id, a.person_name.clone()));
                let mut d = Dialog::add(person.clone());
                if let Some((_, name)) = person
                    && let Ok(m) = actions::find_people(ctx.store.conn(), &name, 5)
                {
                    d.matches = m;
                }
                self.dialog = Some(d);
                Outcome::Consumed
            }
            SetMine => {
                self.dialog = Some(Dialog::my_name(self.my_owner.as_deref()));
                Outcome::Consumed
            }
            Search => {
                self.search = Some(Field::new("/").with_value(&self.filter.search));
                Outcome::Consumed
            }
            View | ByOwner | ByOrganisation | ByPerson | ByRating | Mine => {
                self.toggle_filter(a, ctx)
            }
            Clear => {
                if !self.marked.is_empty() {
                    self.marked.clear();
                    ctx.info("marks cleared");
                } else if self.filter.is_narrowed() || self.filter.view != Default::default() {
                    let keep = self.selected_id();
                    self.filter = Filter::default();
                    self.refilter(keep);
                    ctx.info("filters cleared");
                }
                Outcome::Consumed
            }
            SearchKeep | SearchClear => Outcome::Ignored,
        }
    }
}

impl Pane for ActionsPane {
    /// Actions and the people they are for: another user's change elsewhere leaves the list as it is.
    fn apply_changes(
        &mut self,
        changes: &Changes,
        _ctx: &mut Ctx,
    ) -> crate::store::Result<Applied> {
        Ok(if changes.touches(&["action", "person"]) {
            Applied::Reload
        } else {
            Applied::Unaffected
        })
    }

    fn load(&mut self, ctx: &mut Ctx) -> crate::store::Result<()> {
        let keep = self.selected_id().filter(|_| self.loaded);
        self.my_owner = settings::get(ctx.store.conn(), ctx.store.user(), settings::MY_OWNER_NAME)?
            .or_else(|| self.default_owner.clone());
        if self.filter.mine.is_some() {
            self.filter.mine = self.my_owner.clone();
        }
        self.list
            .set_rows(actions::all(ctx.store.conn())?, ctx.today);
        if !self.loaded {
            // First show: the most overdue action is selected.
            self.selected = 0;
        }
        self.refilter(keep);
        self.marked.retain(|id| self.list.by_id(*id).is_some());
        self.loaded = true;
        if let Some(d) = &self.detail
            && self.list.by_id(d.id).is_none()
        {
            self.detail = None;
        }
        self.refresh_detail(ctx);
        Ok(())
    }

    fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Outcome {
        let k = keymap::keys();
        match self.mode() {
            Mode::Dialog => self.handle_dialog(key, ctx),
            Mode::Search => self.handle_search(key),
            Mode::Detail => match k.actions.detail.action(&key) {
                Some(a) => self.perform(a, ctx),
                None => Outcome::Ignored,
            },
            Mode::List => {
                if let Some(m) = k.motion.action(&key) {
                    self.selected =
                        keymap::apply_motion(self.selected, self.list.len(), self.page, m);
                    return Outcome::Consumed;
                }
                match k.actions.list.action(&key) {
                    Some(a) => self.perform(a, ctx),
                    None => Outcome::Ignored,
                }
            }
        }
    }

    fn handle_paste(&mut self, text: &str, ctx: &mut Ctx) -> Outcome {
        if let Some(d) = &mut self.dialog {
            if let FormEvent::Changed(ActionField::Person) = d.form.handle_paste(text)
                && let Ok(m) =
                    actions::find_people(ctx.store.conn(), d.form.text(ActionField::Person), 5)
            {
                d.matches = m;
            }
            return Outcome::Consumed;
        }
        if let Some(field) = &mut self.search {
            if field.paste(text) {
                self.filter.search = field.value().trim().to_lowercase();
                self.refilter(None);
            }
            return Outcome::Consumed;
        }
        Outcome::Ignored
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, view: &View) {
        view::render(self, frame, area, view);
    }

    fn bindings(&self) -> Vec<Binding> {
        let k = keymap::keys();
        match self.mode() {
            Mode::Dialog => k.widgets.form_bindings(),
            Mode::Search => k.actions.search.bindings(),
            Mode::Detail => k.actions.detail.bindings(),
            Mode::List => {
                let mut b = k.motion.bindings();
                b.extend(k.actions.list.bindings());
                b
            }
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

    fn unsaved(&self) -> Option<String> {
        self.dialog
            .as_ref()
            .filter(|d| d.form.is_dirty())
            .map(|d| format!("what you typed in \"{}\"", d.title().trim()))
    }

    fn captures_text(&self) -> bool {
        matches!(self.mode(), Mode::Dialog | Mode::Search)
    }
}
