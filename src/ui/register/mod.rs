//! The Register pane: the whole register by keyboard. One row per person, most severe first;
//! search-as-you-type, filters and sorts over rows held in memory (see [`list`]); the person card;
//! add / edit, re-rate, admit, discharge and remove-from-register dialogs. After a write only the
//! changed row is re-read from the store.
//!
//! Split along the pane's modes: `browse` (list, card, search, filter keys), `modal` (dialogs
//! and questions), `view` (drawing the list); this file holds the state and what they share.

mod browse;
pub mod card;
mod card_consent;
mod card_safety;
pub mod consent_dialog;
pub mod dialogs;
mod draft;
mod first_run;
pub mod keys;
mod keyworker;
pub mod list;
mod modal;
pub mod person_form;
mod person_save;
mod place;
pub mod stay;
mod timeline;
mod view;

use super::keymap::{self, Binding};
use super::pane::{Applied, Ctx, Outcome, Pane, Request, View};
use super::rule_text::error_message;
use super::widgets::{Confirm, Field, form_modal};
use crate::domain::rating::Rating;
use crate::store::StoreError;
use crate::store::changes::Changes;
use crate::store::people::{self, RegisterRow};
use card::Card;
use dialogs::{FormDialog, Rerate, Target};
use keys::Mode;
use keyworker::KeyworkerPicker;
use list::RegisterList;
use person_form::PersonForm;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use stay::StayDialog;

enum Dialog {
    Person(Box<PersonForm>),
    Consent(Box<consent_dialog::ConsentDialog>),
    Rerate(Box<Rerate>),
    Form(Box<FormDialog>),
    Stay(Box<StayDialog>),
    Keyworker(KeyworkerPicker),
}

enum Asking {
    /// Close the open dialog, losing what was typed.
    Discard,
    /// Put an archived person back on the register.
    Restore(Target),
    /// Create a C(E)TR draft for this person.
    StartReview(i64),
    /// Save the person form although it may be a duplicate or carries a test-range NHS number.
    SaveDespiteIdentity,
}

#[derive(Default)]
pub struct RegisterPane {
    list: RegisterList,
    selected: usize,
    offset: usize,
    page: usize,
    /// The search field while the user is typing a query.
    search: Option<Field>,
    /// `f` was pressed: the next key picks a filter.
    filter_chord: bool,
    card: Option<Card>,
    dialog: Option<Dialog>,
    confirm: Option<(Confirm, Asking)>,
    criteria: Vec<(String, String)>,
    /// While only the first page is loaded: true counts per rating for the header and status bar.
    loading: Option<[usize; 4]>,
}

/// Rows read for the first frame: more than any terminal shows at once.
const PREVIEW_ROWS: usize = 200;

impl RegisterPane {
    /// People on the register (archived excluded) per rating, in B, R, A, G order.
    pub fn rating_counts(&self) -> [usize; 4] {
        self.loading.unwrap_or_else(|| self.list.register_counts())
    }

    pub fn selected_row(&self) -> Option<RegisterRow> {
        self.list.get(self.selected)
    }

    /// The list model (for tests and benchmarks).
    pub fn list(&self) -> &RegisterList {
        &self.list
    }

    pub fn list_mut(&mut self) -> &mut RegisterList {
        &mut self.list
    }

    /// Is the person card open?
    pub fn card_open(&self) -> bool {
        self.card.is_some()
    }

    fn keep_selection<T>(&mut self, f: impl FnOnce(&mut RegisterList) -> T) -> T {
        let keep = self.selected_row().map(|r| r.id);
        let out = f(&mut self.list);
        self.selected = keep
            .and_then(|id| self.list.position_of(id))
            .unwrap_or(self.selected)
            .min(self.list.len().saturating_sub(1));
        out
    }

    fn set_query(&mut self, q: &str) {
        self.list.set_query(q);
        // Search selects the best match.
        self.selected = 0;
    }

    fn target(&self, ctx: &Ctx) -> Option<Target> {
        if let Some(c) = &self.card {
            return Some(Target {
                id: c.id(),
                version: c.person.version,
                name: c.person.details.display_name(),
                rating: c.person.rating,
                in_hospital: c.in_hospital(),
            });
        }
        let r = self.selected_row()?;
        let in_hospital = people::open_admission(ctx.store.conn(), r.id)
            .map(|a| a.is_some())
            .unwrap_or(r.rating == Rating::Blue);
        Some(Target {
            id: r.id,
            version: r.version,
            name: r.display_name(),
            rating: r.rating,
            in_hospital,
        })
    }

    /// After a write to person `id`: re-read that one row, keep it selected, refresh the card.
    fn written(&mut self, id: i64, ctx: &mut Ctx, msg: String) -> Outcome {
        self.refresh_consent_filter(ctx);
        match people::register_row_by_id(ctx.store.conn(), id, ctx.today) {
            Ok(Some(row)) => {
                self.list.patch(row);
                if let Some(p) = self.list.position_of(id) {
                    self.selected = p;
                }
            }
            Ok(None) => {}
            Err(e) => ctx.error(e.to_string()),
        }
        if self.card.as_ref().is_some_and(|c| c.id() == id) {
            match Card::load(ctx.store.conn(), id) {
                Ok(mut c) => {
                    c.scroll = self.card.as_ref().map_or(0, |c| c.scroll);
                    self.card = Some(c);
                }
                Err(e) => ctx.error(e.to_string()),
            }
        }
        ctx.info(msg);
        Outcome::Request(Request::DataChanged)
    }

    /// The consent filter lists who needed asking when it was turned on; a write may change that.
    fn refresh_consent_filter(&mut self, ctx: &mut Ctx) {
        if self.list.filters().consent_to_ask.is_none() {
            return;
        }
        match crate::store::consent::people_to_ask(ctx.store.conn(), ctx.today) {
            Ok(ids) => {
                let mut f = self.list.filters().clone();
                f.consent_to_ask = Some(std::sync::Arc::new(ids));
                self.keep_selection(|l| l.set_filters(f));
            }
            Err(e) => ctx.error(e.to_string()),
        }
    }

    /// A refused write: re-read the row (so a retry uses the current version) and say why.
    fn refused(&mut self, id: i64, ctx: &mut Ctx, e: &StoreError) -> String {
        if matches!(e, StoreError::Stale { .. }) {
            if let Ok(Some(row)) = people::register_row_by_id(ctx.store.conn(), id, ctx.today) {
                self.list.patch(row);
            }
            if self.card.as_ref().is_some_and(|c| c.id() == id)
                && let Ok(mut c) = Card::load(ctx.store.conn(), id)
            {
                c.scroll = self.card.as_ref().map_or(0, |c| c.scroll);
                self.card = Some(c);
            }
        }
        error_message(e)
    }

    fn open_card(&mut self, ctx: &mut Ctx) -> Outcome {
        match self.selected_row().map(|r| r.id) {
            Some(id) => self.open_card_of(id, ctx),
            None => Outcome::Consumed,
        }
    }

    /// Open a person's card from elsewhere (the command palette), selecting their row when the
    /// list shows it.
    pub fn open_person(&mut self, id: i64, ctx: &mut Ctx) {
        self.card = None;
        if let Some(p) = self.list.position_of(id) {
            self.selected = p;
        }
        self.open_card_of(id, ctx);
    }

    /// Back to the list (the command palette runs list actions there).
    pub fn close_card(&mut self) {
        self.card = None;
    }

    fn open_card_of(&mut self, id: i64, ctx: &mut Ctx) -> Outcome {
        // Reads are audited too: a card that cannot be recorded as opened is not shown.
        match ctx
            .store
            .record_access("person", id, "card")
            .and_then(|()| Card::load(ctx.store.conn(), id))
        {
            Ok(c) => self.card = Some(c),
            Err(e) => ctx.error(e.to_string()),
        }
        Outcome::Consumed
    }

    /// The mode that gets the keys: a question over a dialog over a search, and so on.
    fn mode(&self) -> Mode {
        if self.confirm.is_some() {
            Mode::Confirm
        } else if self.dialog.is_some() {
            Mode::Dialog
        } else if self.search.is_some() {
            Mode::Search
        } else if self.filter_chord {
            Mode::Filter
        } else if self.card.is_some() {
            Mode::Card
        } else {
            Mode::List
        }
    }
}

impl Pane for RegisterPane {
    fn preview(&mut self, ctx: &mut Ctx) -> crate::store::Result<bool> {
        let rows = people::register_first_page(ctx.store.conn(), ctx.today, PREVIEW_ROWS)?;
        let counts = people::rating_counts(ctx.store.conn())?;
        if rows.len() < PREVIEW_ROWS {
            return self.load(ctx).map(|_| false);
        }
        let today = ctx.today;
        self.list.set_rows(rows.into_iter().collect(), today);
        self.loading = Some(counts);
        Ok(true)
    }

    fn load(&mut self, ctx: &mut Ctx) -> crate::store::Result<()> {
        self.loading = None;
        let mut rows = list::Rows::default();
        people::each_register_row(ctx.store.conn(), ctx.today, |r| rows.push(r))?;
        self.criteria = people::criteria_lookup(ctx.store.conn())?;
        let today = ctx.today;
        self.keep_selection(|l| l.set_rows(rows, today));
        if let Some(id) = self.card.as_ref().map(Card::id) {
            self.card = Card::load(ctx.store.conn(), id).ok();
        }
        Ok(())
    }

    /// Re-read only the people others changed; the card follows when it shows one of them.
    fn apply_changes(&mut self, changes: &Changes, ctx: &mut Ctx) -> crate::store::Result<Applied> {
        if changes.everything || self.loading.is_some() {
            return Ok(Applied::Reload);
        }
        let mut rows = Vec::with_capacity(changes.people.len());
        let mut gone = Vec::new();
        for id in &changes.people {
            match people::register_row_by_id(ctx.store.conn(), *id, ctx.today)? {
                Some(row) => rows.push(row),
                None => gone.push(*id),
            }
        }
        let listed = self.keep_selection(|l| l.patch_many(rows, &gone));
        let card = self
            .card
            .as_ref()
            .map(Card::id)
            .filter(|id| changes.people.binary_search(id).is_ok());
        if let Some(id) = card {
            let scroll = self.card.as_ref().map_or(0, |c| c.scroll);
            let mut c = Card::load(ctx.store.conn(), id)?;
            c.scroll = scroll;
            self.card = Some(c);
        }
        Ok(if listed || card.is_some() {
            Applied::Patched
        } else {
            Applied::Unaffected
        })
    }

    fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Outcome {
        match self.mode() {
            Mode::Confirm => self.confirm_key(key, ctx),
            Mode::Dialog => self.dialog_key(key, ctx),
            Mode::Search => self.search_key(key, ctx),
            Mode::Filter => self.filter_key(key, ctx),
            Mode::Card => self.card_key(key, ctx),
            Mode::List => self.list_key(key, ctx),
        }
    }

    fn handle_paste(&mut self, text: &str, _ctx: &mut Ctx) -> Outcome {
        if self.confirm.is_some() {
            return Outcome::Consumed;
        }
        match self.dialog.as_mut() {
            Some(Dialog::Person(p)) => {
                p.form.handle_paste(text);
                return Outcome::Consumed;
            }
            Some(Dialog::Form(d)) => {
                d.form.handle_paste(text);
                return Outcome::Consumed;
            }
            Some(Dialog::Stay(d)) => {
                d.form.handle_paste(text);
                return Outcome::Consumed;
            }
            Some(Dialog::Consent(d)) => {
                d.form.handle_paste(text);
                return Outcome::Consumed;
            }
            Some(Dialog::Rerate(d)) => {
                if d.pick.is_some() {
                    d.reason.paste(text);
                }
                return Outcome::Consumed;
            }
            Some(Dialog::Keyworker(_)) => return Outcome::Consumed,
            None => {}
        }
        if let Some(f) = self.search.as_mut() {
            if f.paste(text) {
                let q = f.value().to_string();
                self.set_query(&q);
            }
            return Outcome::Consumed;
        }
        Outcome::Ignored
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, view: &View) {
        let t = view.theme;
        if area.height < 3 {
            return;
        }
        match self.card.as_mut() {
            Some(card) => card.render(frame, area, view),
            None => self.render_list(frame, area, view),
        }
        match self.dialog.as_mut() {
            Some(Dialog::Person(p)) => {
                form_modal(
                    frame,
                    area,
                    96,
                    area.height,
                    &p.title(),
                    &mut p.form,
                    p.message.as_deref(),
                    "Enter saves · Tab next · ←/→ choose · Space ticks · Esc cancels",
                    t,
                );
            }
            Some(Dialog::Rerate(d)) => d.render(frame, area, view),
            Some(Dialog::Form(d)) => d.render(frame, area, view),
            Some(Dialog::Stay(d)) => d.render(frame, area, view),
            Some(Dialog::Consent(d)) => d.render(frame, area, view),
            Some(Dialog::Keyworker(p)) => p.render(frame, area, view),
            None => {}
        }
        if let Some((c, _)) = &self.confirm {
            c.render(frame, area, t);
        }
    }

    fn bindings(&self) -> Vec<Binding> {
        let k = keymap::keys();
        match self.mode() {
            Mode::Confirm => k.widgets.confirm.bindings(),
            Mode::Dialog => match &self.dialog {
                Some(Dialog::Rerate(_)) => dialogs::rerate_bindings(),
                Some(Dialog::Keyworker(_)) => {
                    let mut b = k.motion.bindings();
                    b.truncate(1);
                    b.extend(k.widgets.pick.bindings());
                    b
                }
                _ => k.widgets.form_bindings(),
            },
            Mode::Search => k.register.search.bindings(),
            Mode::Filter => k.register.filter.bindings(),
            Mode::Card => k.register.card.bindings(),
            Mode::List => {
                let mut b = k.motion.bindings();
                b.extend(k.register.list.bindings());
                b
            }
        }
    }

    fn unsaved(&self) -> Option<String> {
        self.typed_title()
            .map(|title| format!("what you typed in \"{title}\""))
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
        self.mode() != Mode::Card && self.mode() != Mode::List
    }
}

/// Ratings index the counts array in severity order.
impl From<Rating> for usize {
    fn from(r: Rating) -> usize {
        r as usize
    }
}
