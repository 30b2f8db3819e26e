//! The C(E)TR wizard: eleven steps walked live in the meeting. Every change is committed to SQLite
//! (with the step, field and cursor) before the screen shows it, so a `kill -9`, a dropped SSH
//! session or a closed laptop loses nothing that was on screen.
//!
//! One file per step group builds that step's items (headings, notes and fields); `form` lays them
//! out and draws them; `step` names the steps; `field` what can have focus; `input` the keys;
//! `edit` the writes; this file owns the state, focus and position.

mod data;
mod documents;
mod edit;
mod field;
mod form;
mod input;
pub mod keys;
mod outcome;
mod panel;
mod principles;
mod questions;
mod recommendations;
mod setup;
pub mod step;
mod summary;

pub use data::ReviewData;
use field::Editor;
pub use field::{Field, FieldKind};
pub use step::Step;

use super::pane::{Ctx, View};
use super::widgets::Confirm;
use crate::domain::dates::uk;
use crate::store::reviews::{self, LeaseHolder};
use crate::store::{Result as StoreResult, Writer};
use chrono::NaiveDate;
use form::Item;
use keys::Mode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

pub struct Wizard {
    pub data: ReviewData,
    step: Step,
    focus: usize,
    /// A text field has focus and keys go into it (Esc leaves it).
    editing: bool,
    editor: Option<Editor>,
    /// Someone else's session is editing the focused text field: it is read-only here.
    held: Option<LeaseHolder>,
    /// This session holds a field lease (given up when focus leaves text fields or the review).
    leased: bool,
    /// `g` then a step number.
    jump: Option<String>,
    /// First Enter on Finalise asks; the second does it.
    confirm_finalise: bool,
    /// Composing an addendum to a final review.
    addendum: Option<TextArea<'static>>,
    /// Finalising found the meeting older than the current rating: `a` applies the review's
    /// rating as of today, `k` keeps the newer one.
    older_review: bool,
    /// Esc in a non-empty addendum: "discard it?"
    discard_addendum: Option<Confirm>,
    scroll: u16,
    today: NaiveDate,
    closed: bool,
    /// Finalising changed the register (rating, actions): other panes must reload.
    register_changed: bool,
    /// An empty note opened with the note key; it folds away again when left empty.
    open_note: Option<Field>,
}

impl Wizard {
    /// Open a review where it was left: same step, field and cursor.
    pub fn open(ctx: &mut Ctx, review_id: i64) -> StoreResult<Wizard> {
        let data = ReviewData::load(ctx.store.conn(), review_id, ctx.today)?;
        let step = Step::from_index(usize::try_from(data.review.current_step).unwrap_or(0));
        let field = usize::try_from(data.review.current_field).unwrap_or(0);
        let cursor = (
            usize::try_from(data.review.cursor_row).unwrap_or(0),
            usize::try_from(data.review.cursor_col).unwrap_or(0),
        );
        let mut w = Wizard {
            data,
            step,
            focus: 0,
            editing: false,
            editor: None,
            held: None,
            leased: false,
            jump: None,
            confirm_finalise: false,
            addendum: None,
            older_review: false,
            discard_addendum: None,
            scroll: 0,
            today: ctx.today,
            closed: false,
            register_changed: false,
            open_note: None,
        };
        let n = w.fields().len();
        w.focus = field.min(n.saturating_sub(1));
        w.enter_field(Some(cursor), ctx);
        Ok(w)
    }

    pub fn review_id(&self) -> i64 {
        self.data.review.id
    }
    pub fn step(&self) -> Step {
        self.step
    }
    pub fn closed(&self) -> bool {
        self.closed
    }
    pub fn take_register_changed(&mut self) -> bool {
        std::mem::take(&mut self.register_changed)
    }
    pub fn read_only(&self) -> bool {
        self.data.is_final()
    }
    pub fn captures_text(&self) -> bool {
        self.mode() != Mode::Fields
    }

    /// The items of the current step.
    fn items(&self, t: &super::theme::Theme) -> Vec<Item> {
        let d = &self.data;
        match self.step {
            Step::Setup => setup::items(d, t),
            Step::Panel => panel::items(d, t),
            Step::Documents => documents::items(d, t),
            Step::Safe | Step::Care | Step::Future | Step::Home => {
                questions::items(d, self.step.question().unwrap_or(1), t, self.open_note)
            }
            Step::Principles => principles::items(d, t, self.open_note),
            Step::Outcome => outcome::items(d, t),
            Step::Recommendations => recommendations::items(d, t),
            Step::Summary => summary::items(d, t, self.confirm_finalise),
        }
    }

    fn fields(&self) -> Vec<Field> {
        self.items(&super::theme::Theme::mono())
            .iter()
            .filter_map(Item::field)
            .collect()
    }

    pub fn focused(&self) -> Option<Field> {
        self.fields().get(self.focus).copied()
    }

    /// Whether each step still lacks something (for the progress rail).
    pub fn incomplete(&self) -> [bool; Step::COUNT] {
        self.data.incomplete()
    }

    /// Focus landed on a field: text fields open their editor and take keys.
    fn enter_field(&mut self, cursor: Option<(usize, usize)>, ctx: &mut Ctx) {
        self.end_editing(ctx);
        self.editor = None;
        self.editing = false;
        self.confirm_finalise = false;
        self.held = None;
        let field = self.focused().filter(|f| f.kind().is_text());
        match field {
            Some(f) if !self.read_only() && !ctx.store.is_read_only() => self.claim(f, ctx),
            _ => self.release(ctx),
        }
        if let Some(field) = field
            && self.held.is_none()
        {
            // Whoever edited the field last may have been someone else: start from what is stored.
            self.reload(ctx);
            let text = self.data.text_of(field);
            self.editor = Some(Editor::new(field, &text, cursor, &ctx.theme));
            self.editing = !self.read_only();
        }
        self.save_position(ctx);
    }

    /// Lease the text field about to be edited; when someone else is editing it, say who and
    /// keep it read-only here (nothing typed can overwrite theirs).
    fn claim(&mut self, field: Field, ctx: &mut Ctx) {
        let (id, key) = (self.review_id(), field.lease_key());
        match ctx.store.write(|w| reviews::claim_field(w, id, &key)) {
            Ok(None) => self.leased = true,
            Ok(Some(h)) => {
                ctx.info(format!(
                    "{}: read-only for you until they move on (Enter tries again)",
                    held_note(&h)
                ));
                self.held = Some(h);
            }
            Err(e) => ctx.error(e.to_string()),
        }
    }

    /// Give up this session's field lease, if it holds one.
    fn release(&mut self, ctx: &mut Ctx) {
        if std::mem::take(&mut self.leased)
            && let Err(e) = ctx.store.write(|w| reviews::release_fields(w))
        {
            ctx.error(e.to_string());
        }
    }

    /// Who is editing the focused field instead of this session, if anyone.
    pub fn held(&self) -> Option<&LeaseHolder> {
        self.held.as_ref()
    }

    fn cursor(&self) -> (usize, usize) {
        self.editor.as_ref().map_or((0, 0), Editor::cursor)
    }

    /// The field lost focus: what was typed in it reaches the audit trail as one change.
    fn end_editing(&mut self, ctx: &mut Ctx) {
        if self.editor.is_some()
            && let Err(e) = ctx.store.end_editing()
        {
            ctx.error(e.to_string());
        }
    }

    fn save_position(&mut self, ctx: &mut Ctx) {
        if self.read_only() {
            return;
        }
        let (id, step, focus, cursor) = (
            self.review_id(),
            self.step.index(),
            self.focus,
            self.cursor(),
        );
        if let Err(e) = ctx
            .store
            .write(|w| reviews::save_position(w, id, step, focus, cursor))
        {
            ctx.error(e.to_string());
        }
    }

    pub fn go_to_step(&mut self, step: Step, ctx: &mut Ctx) {
        self.step = step;
        self.open_note = None;
        self.focus = 0;
        self.scroll = 0;
        self.jump = None;
        self.reload(ctx);
        self.enter_field(None, ctx);
    }

    fn move_focus(&mut self, delta: isize, ctx: &mut Ctx) {
        let fields = self.fields();
        let n = fields.len();
        if n == 0 {
            return;
        }
        let next = (self.focus as isize + delta).clamp(0, n as isize - 1) as usize;
        if next != self.focus || self.editor.is_none() {
            self.focus_on(fields[next], ctx);
        }
    }

    /// ↓/↑: the next or previous row, passing over the notes under judgement and principle
    /// rows (a note opens with the note key, never by moving down).
    fn move_row(&mut self, delta: isize, ctx: &mut Ctx) {
        let fields = self.fields();
        let mut i = self.focus as isize;
        loop {
            i += delta.signum();
            match usize::try_from(i).ok().and_then(|j| fields.get(j)) {
                None => return,
                Some(f) if f.row_of().is_some() => continue,
                Some(f) => {
                    self.focus_on(*f, ctx);
                    return;
                }
            }
        }
    }

    /// Focus `target`, folding away an opened note left empty (the list shrinks, so the
    /// position is found again by name).
    fn focus_on(&mut self, target: Field, ctx: &mut Ctx) {
        if let Some(open) = self.open_note
            && open != target
            && self.data.text_of(open).is_empty()
        {
            self.open_note = None;
        }
        let fields = self.fields();
        self.focus = fields.iter().position(|f| *f == target).unwrap_or(0);
        self.enter_field(None, ctx);
    }

    /// The note key on a judgement or principle row: open its note and type in it.
    fn open_note(&mut self, ctx: &mut Ctx) {
        let Some(note) = self.focused().and_then(Field::note_of) else {
            ctx.info("Notes belong to key lines of enquiry and principles: move to one first");
            return;
        };
        if self.read_only() {
            ctx.error(
                "This review is final and read-only: add a dated addendum on the summary step (a)",
            );
            return;
        }
        self.open_note = Some(note);
        self.focus_on(note, ctx);
    }

    /// Esc in a note: an empty one folds away and the row it belongs to has the cursor again.
    fn leave_note(&mut self, ctx: &mut Ctx) -> bool {
        let Some(ed) = self.editor.as_ref() else {
            return false;
        };
        let Some(row) = ed.field.row_of() else {
            return false;
        };
        if !ed.text().trim().is_empty() {
            return false;
        }
        self.open_note = None;
        self.focus_on(row, ctx);
        true
    }

    fn reload(&mut self, ctx: &mut Ctx) {
        match ReviewData::load(ctx.store.conn(), self.review_id(), ctx.today) {
            Ok(d) => self.data = d,
            Err(e) => ctx.error(e.to_string()),
        }
    }

    /// Run one change and the new position in one transaction, then reload what the screen shows.
    fn write(&mut self, ctx: &mut Ctx, f: impl FnOnce(&mut Writer) -> StoreResult<()>) -> bool {
        if self.read_only() {
            ctx.error(
                "This review is final and read-only: add a dated addendum on the summary step (a)",
            );
            return false;
        }
        let (id, step, focus, cursor) = (
            self.review_id(),
            self.step.index(),
            self.focus,
            self.cursor(),
        );
        let result = ctx.store.write(|w| {
            f(w)?;
            reviews::save_position(w, id, step, focus, cursor)
        });
        let ok = match result {
            Ok(()) => true,
            Err(e) => {
                ctx.error(e.to_string());
                false
            }
        };
        self.reload(ctx);
        ok
    }

    pub fn flush(&mut self, ctx: &mut Ctx) {
        self.end_editing(ctx);
        self.save_position(ctx);
        self.release(ctx);
    }

    pub fn render(&mut self, frame: &mut Frame, area: Rect, view: &View) {
        form::render(self, frame, area, view);
        if let Some(c) = &self.discard_addendum {
            c.render(frame, area, view.theme);
        }
    }

    /// Typed text quitting would lose: the wizard saves every field as it is typed, all but an
    /// addendum that has not been added yet.
    pub fn unsaved(&self) -> Option<String> {
        self.addendum
            .as_ref()
            .filter(|a| a.lines().iter().any(|l| !l.trim().is_empty()))
            .map(|_| "the addendum you are writing".to_string())
    }
}

/// "Being edited by NAME since HH:MM".
pub(crate) fn held_note(h: &LeaseHolder) -> String {
    format!(
        "Being edited by {} since {}",
        crate::text::clean(&h.who),
        crate::store::time_of_day(&h.since)
    )
}

/// A date for display, or a dash.
pub(crate) fn show_date(d: Option<NaiveDate>) -> String {
    d.map(uk).unwrap_or_else(|| "-".into())
}
