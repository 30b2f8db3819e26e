//! The Register pane: the whole register by keyboard. One row per person, most severe first;
//! search-as-you-type, filters and sorts over rows held in memory (see [`list`]); the person card;
//! add / edit, re-rate, admit, discharge and remove-from-register dialogs. After a write only the
//! changed row is re-read from the store.

pub mod card;
pub mod dialogs;
pub mod keys;
pub mod list;
pub mod person_form;

use super::keymap::{self, Binding, Motion};
use super::pane::{Ctx, Outcome, Pane, Request, View};
use super::sanitize::clean;
use super::theme::rating_badge;
use super::widgets::{Confirm, ConfirmEvent, Field, FieldKey, FormEvent, form_modal};
use crate::domain::age::age_on;
use crate::domain::dates::uk;
use crate::domain::rating::Rating;
use crate::domain::review::suggest_kind;
use crate::store::StoreError;
use crate::store::people::{self, RegisterRow};
use card::Card;
use dialogs::{DialogKey, FormDialog, FormSave, KeyworkerPicker, Rerate, Target};
use keys::{Mode, RegisterAction};
use list::{Filters, RegisterList};
use person_form::PersonForm;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

enum Dialog {
    Person(Box<PersonForm>),
    Rerate(Box<Rerate>),
    Form(Box<FormDialog>),
    Keyworker(KeyworkerPicker),
}

enum Asking {
    /// Close the open dialog, losing what was typed.
    Discard,
    /// Put an archived person back on the register.
    Restore(Target),
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

    pub fn selected_row(&self) -> Option<&RegisterRow> {
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
        e.to_string()
    }

    fn open_card(&mut self, ctx: &mut Ctx) -> Outcome {
        let Some(id) = self.selected_row().map(|r| r.id) else {
            return Outcome::Consumed;
        };
        match Card::load(ctx.store.conn(), id) {
            Ok(c) => self.card = Some(c),
            Err(e) => ctx.error(e.to_string()),
        }
        Outcome::Consumed
    }

    fn open_add(&mut self, ctx: &mut Ctx) -> Outcome {
        self.dialog = Some(Dialog::Person(Box::new(PersonForm::new(
            None,
            &self.criteria,
            ctx.today,
        ))));
        Outcome::Consumed
    }

    fn open_edit(&mut self, ctx: &mut Ctx) -> Outcome {
        let Some(t) = self.target(ctx) else {
            return Outcome::Consumed;
        };
        match people::person(ctx.store.conn(), t.id) {
            Ok(rec) => {
                self.dialog = Some(Dialog::Person(Box::new(PersonForm::new(
                    Some(&rec),
                    &self.criteria,
                    ctx.today,
                ))))
            }
            Err(e) => ctx.error(e.to_string()),
        }
        Outcome::Consumed
    }

    fn open_target_dialog(&mut self, action: RegisterAction, ctx: &mut Ctx) -> Outcome {
        let Some(t) = self.target(ctx) else {
            return Outcome::Consumed;
        };
        let archived = self
            .card
            .as_ref()
            .map(|c| c.person.removed_on.is_some())
            .unwrap_or_else(|| self.selected_row().is_some_and(|r| r.archived));
        if archived && action != RegisterAction::Archive {
            ctx.error(format!(
                "{} is not on the register (archived): restore them first with x",
                t.name
            ));
            return Outcome::Consumed;
        }
        self.dialog = match action {
            RegisterAction::Rerate => Some(Dialog::Rerate(Box::new(Rerate::new(t)))),
            RegisterAction::Admit if t.in_hospital => {
                ctx.error(format!(
                    "{} is already in hospital: record the discharge with o",
                    t.name
                ));
                None
            }
            RegisterAction::Admit => Some(Dialog::Form(Box::new(FormDialog::admit(t, ctx.today)))),
            RegisterAction::Discharge if !t.in_hospital => {
                ctx.error(format!("{} has no open admission to discharge", t.name));
                None
            }
            RegisterAction::Discharge => {
                Some(Dialog::Form(Box::new(FormDialog::discharge(t, ctx.today))))
            }
            RegisterAction::Archive if archived => {
                self.confirm = Some((
                    Confirm::new(format!("Put {} back on the register?", t.name)),
                    Asking::Restore(t),
                ));
                None
            }
            RegisterAction::Archive => Some(Dialog::Form(Box::new(FormDialog::archive(t)))),
            _ => None,
        };
        Outcome::Consumed
    }

    fn dialog_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Outcome {
        let Some(dialog) = self.dialog.as_mut() else {
            return Outcome::Ignored;
        };
        match dialog {
            Dialog::Keyworker(p) => match p.handle_key(key) {
                DialogKey::Stay => {}
                DialogKey::Cancel => self.dialog = None,
                DialogKey::Save => {
                    let chosen = p.chosen();
                    self.dialog = None;
                    let mut f = self.list.filters().clone();
                    f.keyworker = chosen;
                    self.keep_selection(|l| l.set_filters(f));
                }
            },
            Dialog::Rerate(d) => match d.handle_key(key) {
                DialogKey::Stay => {}
                DialogKey::Cancel => {
                    if d.reason.is_empty() {
                        self.dialog = None;
                    } else {
                        self.ask_discard();
                    }
                }
                DialogKey::Save => {
                    let (t, to, reason) = (d.target.clone(), d.pick, d.reason.value().to_string());
                    let Some(to) = to else {
                        return Outcome::Consumed;
                    };
                    let today = ctx.today;
                    let res = ctx
                        .store
                        .write(|w| people::rerate(w, t.id, t.version, to, &reason, today, None));
                    return match res {
                        Ok(()) => {
                            self.dialog = None;
                            self.written(
                                t.id,
                                ctx,
                                format!("{} is now {}: saved with your reason", t.name, to.code()),
                            )
                        }
                        Err(e) => {
                            let msg = self.refused(t.id, ctx, &e);
                            if let Some(Dialog::Rerate(d)) = self.dialog.as_mut() {
                                d.error = Some(msg);
                            }
                            Outcome::Consumed
                        }
                    };
                }
            },
            Dialog::Form(d) => match d.form.handle_key(key) {
                FormEvent::Left(i) => d.check(i, ctx.today),
                FormEvent::Changed(i) => {
                    if d.form.item(i).and_then(|it| it.error()).is_some() {
                        d.check(i, ctx.today);
                    }
                }
                FormEvent::Cancel => {
                    if d.form.is_dirty() {
                        self.ask_discard();
                    } else {
                        self.dialog = None;
                    }
                }
                FormEvent::Submit => {
                    let Some(save) = d.validate(ctx.today) else {
                        return Outcome::Consumed;
                    };
                    let t = d.target.clone();
                    let res = ctx.store.write(|w| match &save {
                        FormSave::Admit(a, reason) => {
                            people::admit(w, t.id, t.version, a, reason).map(|_| ())
                        }
                        FormSave::Discharge {
                            on,
                            destination,
                            setting,
                            rating,
                            reason,
                        } => people::discharge(
                            w,
                            t.id,
                            t.version,
                            *on,
                            destination,
                            *setting,
                            *rating,
                            reason,
                        ),
                        FormSave::Archive(reason) => {
                            people::archive(w, t.id, t.version, reason, ctx.today)
                        }
                    });
                    let done = match &save {
                        FormSave::Admit(a, _) => format!(
                            "{} admitted to {} on {}: now BLUE",
                            t.name,
                            a.hospital,
                            uk(a.admitted_on)
                        ),
                        FormSave::Discharge { rating, on, .. } => format!(
                            "{} discharged on {}: now {}",
                            t.name,
                            uk(*on),
                            rating.code()
                        ),
                        FormSave::Archive(_) => format!(
                            "{} removed from the register (f x shows archived people)",
                            t.name
                        ),
                    };
                    return match res {
                        Ok(()) => {
                            self.dialog = None;
                            if matches!(save, FormSave::Archive(_)) {
                                self.card = None;
                            }
                            self.written(t.id, ctx, done)
                        }
                        Err(e) => {
                            let msg = self.refused(t.id, ctx, &e);
                            if let Some(Dialog::Form(d)) = self.dialog.as_mut() {
                                d.message = Some(format!("not saved: {msg}"));
                            }
                            Outcome::Consumed
                        }
                    };
                }
                FormEvent::Consumed | FormEvent::Ignored => {}
            },
            Dialog::Person(p) => match p.form.handle_key(key) {
                FormEvent::Left(i) => {
                    p.check(i, ctx.today);
                    if i == person_form::NHS {
                        duplicate_hint(p, ctx);
                    }
                }
                FormEvent::Changed(i) => p.recheck_while_typing(i, ctx.today),
                FormEvent::Cancel => {
                    if p.form.is_dirty() {
                        self.ask_discard();
                    } else {
                        self.dialog = None;
                    }
                }
                FormEvent::Submit => {
                    let user = ctx.store.user().to_string();
                    let Some((details, first, reason)) = p.validate(ctx.today, &user) else {
                        return Outcome::Consumed;
                    };
                    let today = ctx.today;
                    let editing = p.editing;
                    let res = ctx.store.write(|w| match editing {
                        Some((id, version)) => {
                            people::update_person(w, id, version, &details, today).map(|_| id)
                        }
                        None => people::add_person(w, &details, first, &reason, today),
                    });
                    return match res {
                        Ok(id) => {
                            self.dialog = None;
                            if editing.is_none() {
                                // Show the new person even when filters or a search would hide them.
                                self.list.set_filters(Filters::default());
                                self.list.set_query("");
                            }
                            let msg = if editing.is_some() {
                                format!("Saved the changes to {}", details.display_name())
                            } else {
                                format!(
                                    "Added {} to the register as {}",
                                    details.display_name(),
                                    first.code()
                                )
                            };
                            self.written(id, ctx, msg)
                        }
                        Err(e) => {
                            let msg = match editing {
                                Some((id, _)) => self.refused(id, ctx, &e),
                                None => e.to_string(),
                            };
                            if let Some(Dialog::Person(p)) = self.dialog.as_mut() {
                                p.show_store_error(msg);
                            }
                            Outcome::Consumed
                        }
                    };
                }
                FormEvent::Consumed | FormEvent::Ignored => {}
            },
        }
        Outcome::Consumed
    }

    fn ask_discard(&mut self) {
        self.confirm = Some((
            Confirm::new("Discard what you typed in this form?"),
            Asking::Discard,
        ));
    }

    fn confirm_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Outcome {
        let Some((c, _)) = &self.confirm else {
            return Outcome::Ignored;
        };
        match c.handle_key(key) {
            ConfirmEvent::Pending => Outcome::Consumed,
            ConfirmEvent::No => {
                self.confirm = None;
                Outcome::Consumed
            }
            ConfirmEvent::Yes => match self.confirm.take().map(|(_, a)| a) {
                Some(Asking::Discard) => {
                    self.dialog = None;
                    Outcome::Consumed
                }
                Some(Asking::Restore(t)) => {
                    match ctx.store.write(|w| people::restore(w, t.id, t.version)) {
                        Ok(()) => {
                            self.written(t.id, ctx, format!("{} is back on the register", t.name))
                        }
                        Err(e) => {
                            let msg = self.refused(t.id, ctx, &e);
                            ctx.error(msg);
                            Outcome::Consumed
                        }
                    }
                }
                None => Outcome::Consumed,
            },
        }
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

    fn search_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Outcome {
        match keymap::keys().register.search.action(&key) {
            Some(RegisterAction::ClearSearch) => {
                self.search = None;
                self.keep_selection(|l| l.set_query(""));
                return Outcome::Consumed;
            }
            Some(RegisterAction::SearchOpen) => {
                self.search = None;
                return self.open_card(ctx);
            }
            Some(RegisterAction::SearchKeep) => {
                self.search = None;
                return Outcome::Consumed;
            }
            _ => {}
        }
        // Letters are the query here, so only the motions on keys that type nothing move.
        if !matches!(key.code, KeyCode::Char(_))
            && let Some(m) = keymap::motion(&key)
        {
            self.selected = keymap::apply_motion(self.selected, self.list.len(), self.page, m);
            return Outcome::Consumed;
        }
        let Some(field) = self.search.as_mut() else {
            return Outcome::Ignored;
        };
        if field.handle_key(key) == FieldKey::Changed {
            let q = field.value().to_string();
            self.set_query(&q);
        }
        Outcome::Consumed
    }

    /// The key after `f`: any key ends the chord; the filter keys change the filters.
    fn filter_key(&mut self, key: KeyEvent) -> Outcome {
        self.filter_chord = false;
        let mut f = self.list.filters().clone();
        let rating = |r: Rating, f: &mut Filters| f.toggle_rating(r);
        match keymap::keys().register.filter.action(&key) {
            Some(RegisterAction::FilterBlue) => rating(Rating::Blue, &mut f),
            Some(RegisterAction::FilterRed) => rating(Rating::Red, &mut f),
            Some(RegisterAction::FilterAmber) => rating(Rating::Amber, &mut f),
            Some(RegisterAction::FilterGreen) => rating(Rating::Green, &mut f),
            Some(RegisterAction::FilterKeyworker) => {
                if f.keyworker.is_some() {
                    f.keyworker = None;
                } else {
                    let names = self.list.keyworkers();
                    let start = self
                        .selected_row()
                        .and_then(|r| r.keyworker.as_deref())
                        .and_then(|k| names.iter().position(|(n, _)| n == k))
                        .unwrap_or(0);
                    self.dialog = Some(Dialog::Keyworker(KeyworkerPicker {
                        names,
                        selected: start,
                    }));
                    return Outcome::Consumed;
                }
            }
            Some(RegisterAction::FilterOverdue) => f.overdue_review ^= true,
            Some(RegisterAction::FilterTurning18) => f.transition ^= true,
            Some(RegisterAction::FilterArchived) => f.archived ^= true,
            Some(RegisterAction::FilterClear) => f = Filters::default(),
            _ => return Outcome::Consumed,
        }
        self.keep_selection(|l| l.set_filters(f));
        Outcome::Consumed
    }

    fn card_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Outcome {
        let Some(card) = self.card.as_mut() else {
            return Outcome::Ignored;
        };
        if let Some(m) = keymap::motion(&key) {
            match m {
                Motion::Down => card.scroll_by(1),
                Motion::Up => card.scroll_by(-1),
                Motion::PageDown => card.scroll_page(true),
                Motion::PageUp => card.scroll_page(false),
                Motion::Top => card.scroll_to(false),
                Motion::Bottom => card.scroll_to(true),
            }
            return Outcome::Consumed;
        }
        match keymap::keys().register.card.action(&key) {
            Some(a) => self.perform(a, ctx),
            None => Outcome::Ignored,
        }
    }

    fn list_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Outcome {
        if let Some(m) = keymap::motion(&key) {
            self.selected = keymap::apply_motion(self.selected, self.list.len(), self.page, m);
            return Outcome::Consumed;
        }
        match keymap::keys().register.list.action(&key) {
            Some(a) => self.perform(a, ctx),
            None => Outcome::Ignored,
        }
    }

    /// Do what a list or card action asks, on the selected person (or the open card's).
    pub fn perform(&mut self, a: RegisterAction, ctx: &mut Ctx) -> Outcome {
        use RegisterAction::*;
        match a {
            Search => {
                self.search = Some(
                    Field::new("/")
                        .with_value(self.list.query())
                        .with_placeholder("name, NHS number or local id"),
                );
                Outcome::Consumed
            }
            ClearSearch if !self.list.query().is_empty() => {
                self.keep_selection(|l| l.set_query(""));
                Outcome::Consumed
            }
            ClearSearch => Outcome::Ignored,
            OpenCard => self.open_card(ctx),
            CloseCard => {
                if let Some(id) = self.card.take().map(|c| c.id())
                    && let Some(p) = self.list.position_of(id)
                {
                    self.selected = p;
                }
                Outcome::Consumed
            }
            CardPage => {
                if let Some(card) = self.card.as_mut() {
                    card.scroll_page(true);
                }
                Outcome::Consumed
            }
            Filter => {
                self.filter_chord = true;
                Outcome::Consumed
            }
            Sort => {
                let next = self.list.sort().next();
                self.keep_selection(|l| l.set_sort(next));
                ctx.info(format!("Sorted by {}", next.label()));
                Outcome::Consumed
            }
            Add => self.open_add(ctx),
            Edit => self.open_edit(ctx),
            Rerate | Admit | Discharge | Archive => self.open_target_dialog(a, ctx),
            StartReview => {
                let person_id = match &self.card {
                    Some(c) => Some(c.id()),
                    None => self.selected_row().map(|r| r.id),
                };
                match person_id {
                    Some(person_id) => Outcome::Request(Request::StartReview { person_id }),
                    None => Outcome::Consumed,
                }
            }
            SearchOpen | SearchKeep | FilterBlue | FilterRed | FilterAmber | FilterGreen
            | FilterKeyworker | FilterOverdue | FilterTurning18 | FilterArchived | FilterClear
            | FilterCancel => Outcome::Ignored,
        }
    }

    fn header_line(&self, view: &View) -> Line<'static> {
        let t = view.theme;
        if let Some(counts) = self.loading {
            let total: usize = counts.iter().sum();
            return Line::from(Span::styled(
                format!(" Register: loading {total} people… "),
                t.title(),
            ));
        }
        let counts = self.list.shown_counts();
        let mut spans = vec![Span::styled(
            format!(
                " Register: {} {} ",
                self.list.len(),
                if self.list.len() == 1 {
                    "person"
                } else {
                    "people"
                }
            ),
            t.title(),
        )];
        for (r, n) in Rating::ALL.iter().zip(counts) {
            spans.push(Span::styled(rating_badge(*r), t.rating(*r)));
            spans.push(Span::raw(format!("{n} ")));
        }
        let filters = self.list.filters().describe();
        if !filters.is_empty() {
            spans.push(Span::styled(
                format!(" filter: {} ", clean(&filters.join(", "))),
                t.warning(),
            ));
        }
        spans.push(Span::styled(
            format!(" sort: {}", self.list.sort().label()),
            t.dim(),
        ));
        if self.filter_chord {
            spans.push(Span::styled("  f… b/r/a/g k o t x c", t.key()));
        }
        Line::from(spans)
    }

    fn render_table(&mut self, frame: &mut Frame, area: Rect, view: &View) {
        let t = view.theme;
        self.page = (area.height.saturating_sub(1) as usize).max(1);
        self.offset = keymap::scroll_offset(self.selected, self.offset, self.page, self.list.len());
        let w = area.width;
        let show_setting = w >= 110;
        let show_kind = w >= 72;
        let show_acts = w >= 66;
        let show_nhs = w >= 56;
        let mut widths = vec![Constraint::Length(3), Constraint::Fill(3)];
        let mut header = vec!["", "Name"];
        if show_nhs {
            widths.push(Constraint::Length(12));
            header.push("NHS number");
        }
        widths.push(Constraint::Length(3));
        header.push("Age");
        if show_kind {
            widths.push(Constraint::Length(4));
            header.push("Kind");
        }
        widths.push(Constraint::Fill(2));
        header.push("Keyworker");
        if show_setting {
            widths.push(Constraint::Fill(2));
            header.push("Setting");
        }
        widths.push(Constraint::Length(11));
        header.push("Next review");
        if show_acts {
            widths.push(Constraint::Length(6));
            header.push("Acts");
        }
        let mut rows = Vec::with_capacity(self.page);
        for pos in self.offset..(self.offset + self.page).min(self.list.len()) {
            let Some(r) = self.list.get(pos) else { break };
            let due = match r.next_review_due {
                Some(d) if d < view.today => Span::styled(format!("!{}", uk(d)), t.warning()),
                Some(d) => Span::raw(format!(" {}", uk(d))),
                None => Span::styled(" -".to_string(), t.dim()),
            };
            let mut name = clean(&r.display_name()).into_owned();
            if r.archived {
                name.insert_str(0, "(archived) ");
            }
            let mut cells = vec![
                Cell::from(Span::styled(rating_badge(r.rating), t.rating(r.rating))),
                Cell::from(name),
            ];
            if show_nhs {
                cells.push(Cell::from(
                    r.nhs_number
                        .as_ref()
                        .map(|n| n.to_string())
                        .unwrap_or_else(|| "-".into()),
                ));
            }
            cells.push(Cell::from(age_on(r.date_of_birth, view.today).to_string()));
            if show_kind {
                cells.push(Cell::from(
                    suggest_kind(r.date_of_birth, r.ehcp, view.today).code(),
                ));
            }
            cells.push(Cell::from(
                clean(r.keyworker.as_deref().unwrap_or("-")).into_owned(),
            ));
            if show_setting {
                cells.push(Cell::from(r.setting.map(|s| s.label()).unwrap_or("-")));
            }
            cells.push(Cell::from(Line::from(due)));
            if show_acts {
                let acts = match (r.open_actions, r.overdue_actions) {
                    (0, _) => Line::styled(" -", t.dim()),
                    (n, 0) => Line::raw(format!(" {n}")),
                    (n, late) => Line::from(vec![
                        Span::raw(format!(" {n} ")),
                        Span::styled(format!("!{late}"), t.warning()),
                    ]),
                };
                cells.push(Cell::from(acts));
            }
            let row = Row::new(cells);
            rows.push(if pos == self.selected {
                row.style(t.selected())
            } else {
                row
            });
        }
        let table = Table::new(rows, widths)
            .header(Row::new(header).style(t.header()))
            .column_spacing(1);
        frame.render_widget(table, area);
        if self.list.is_empty() && area.height > 1 {
            let msg = if self.list.rows().is_empty() {
                "  The register is empty. Press a to add someone."
            } else {
                "  No one matches. Esc clears the search; f c clears the filters."
            };
            frame.render_widget(
                Line::styled(msg, t.dim()),
                Rect {
                    y: area.y + 1,
                    height: 1,
                    ..area
                },
            );
        }
    }
}

/// On leaving the NHS number field: say at once if someone already has that number.
fn duplicate_hint(p: &mut PersonForm, ctx: &Ctx) {
    let v = p.form.text(person_form::NHS).to_string();
    let Ok(n) = crate::domain::NhsNumber::parse(&v) else {
        return;
    };
    let except = p.editing.map(|(id, _)| id);
    if let Ok(Some((id, name))) = people::person_with_nhs_number(ctx.store.conn(), &n, except) {
        p.form.set_error(
            person_form::NHS,
            Some(format!(
                "NHS number {n} is already on the register for {name} (record {id})"
            )),
        );
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
        self.list.set_rows(rows, today);
        self.loading = Some(counts);
        Ok(true)
    }

    fn load(&mut self, ctx: &mut Ctx) -> crate::store::Result<()> {
        self.loading = None;
        let rows = people::register_rows(ctx.store.conn(), ctx.today)?;
        self.criteria = people::criteria_lookup(ctx.store.conn())?;
        let today = ctx.today;
        self.keep_selection(|l| l.set_rows(rows, today));
        if let Some(id) = self.card.as_ref().map(Card::id) {
            self.card = Card::load(ctx.store.conn(), id).ok();
        }
        Ok(())
    }

    fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Outcome {
        match self.mode() {
            Mode::Confirm => self.confirm_key(key, ctx),
            Mode::Dialog => self.dialog_key(key, ctx),
            Mode::Search => self.search_key(key, ctx),
            Mode::Filter => self.filter_key(key),
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
        if let Some(card) = self.card.as_mut() {
            card.render(frame, area, view);
        } else {
            frame.render_widget(
                Paragraph::new(self.header_line(view)).style(Style::new()),
                Rect { height: 1, ..area },
            );
            let mut table = Rect {
                y: area.y + 1,
                height: area.height - 1,
                ..area
            };
            let query = self.list.query().to_string();
            if self.search.is_some() || !query.is_empty() {
                let row = Rect { height: 1, ..table };
                let matches = format!(" {} found ", self.list.len());
                let mw = matches.chars().count() as u16;
                match self.search.as_mut() {
                    Some(f) => f.render(
                        frame,
                        Rect {
                            width: row.width.saturating_sub(mw),
                            ..row
                        },
                        2,
                        true,
                        t,
                    ),
                    None => frame.render_widget(
                        Line::from(vec![
                            Span::styled(" /", t.key()),
                            Span::raw(clean(&query).into_owned()),
                            Span::styled("   (Esc clears, / edits)", t.dim()),
                        ]),
                        row,
                    ),
                }
                frame.render_widget(
                    Span::styled(matches, t.dim()),
                    Rect {
                        x: row.x + row.width.saturating_sub(mw),
                        width: mw.min(row.width),
                        ..row
                    },
                );
                table.y += 1;
                table.height = table.height.saturating_sub(1);
            }
            self.render_table(frame, table, view);
        }
        match self.dialog.as_mut() {
            Some(Dialog::Person(p)) => {
                form_modal(
                    frame,
                    area,
                    96,
                    area.height,
                    p.title(),
                    &mut p.form,
                    p.message.as_deref(),
                    "Enter saves · Tab next · ←/→ choose · Space ticks · Esc cancels",
                    t,
                );
            }
            Some(Dialog::Rerate(d)) => d.render(frame, area, view),
            Some(Dialog::Form(d)) => d.render(frame, area, view),
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
                _ => k.widgets.form.bindings(),
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
