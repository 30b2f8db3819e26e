//! The C(E)TR wizard: eleven steps walked live in the meeting. Every change is committed to SQLite
//! (with the step, field and cursor) before the screen shows it, so a `kill -9`, a dropped SSH
//! session or a closed laptop loses nothing that was on screen.
//!
//! One file per step group builds that step's items (headings, notes and fields); `form` lays them
//! out and draws them; this file owns focus, keys and the writes.

mod data;
mod documents;
mod form;
pub mod keys;
mod outcome;
mod panel;
mod principles;
mod questions;
mod recommendations;
mod setup;
mod summary;

pub use data::ReviewData;

use super::keymap::{self, Binding};
use super::pane::{Ctx, Outcome, Request, View};
use super::widgets::keys::FormAction;
use crate::domain::dates::uk;
use crate::domain::rating::Rating;
use crate::domain::review::{KloeJudgement, PanelRole, Reflection, ReviewKind, ReviewType};
use crate::store::reviews::{self, PanelText, PrincipleKind, RecText, ReviewText};
use crate::store::{Result as StoreResult, Writer};
use chrono::{Days, NaiveDate};
use form::Item;
use keys::{Mode, WizardAction};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

/// The steps, in order (issue 5; domain.md "Reviews").
pub const STEPS: [&str; 11] = [
    "Setup and consent",
    "Panel",
    "Documents",
    "Q1 Is the person safe?",
    "Q2 Good care and treatment?",
    "Q3 Plans for the future?",
    "Q4 Care at home and in the community?",
    "Principles",
    "Outcome and rating",
    "Recommendations",
    "Summary and finalise",
];

/// Short rail labels.
pub const STEP_SHORT: [&str; 11] = [
    "Setup",
    "Panel",
    "Docs",
    "Q1 Safe",
    "Q2 Care",
    "Q3 Future",
    "Q4 Home",
    "Principles",
    "Outcome",
    "Actions",
    "Finalise",
];

pub const SUMMARY_STEP: usize = 10;

/// Every editable thing on a step. Rows are named by their store id, so focus survives reloads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Kind,
    Type,
    HeldOn,
    Place,
    Virtual,
    ConsentNote,
    Ready,
    PanelRole(i64),
    PanelName(i64),
    PanelOrg(i64),
    AddPanel,
    Document(usize),
    Findings(u8),
    Judgement(i64),
    KloeNote(i64),
    Reflection(PrincipleKind, u8),
    PrincipleNote(PrincipleKind, u8),
    NeedsMet,
    Proposed,
    RatingReason,
    OutcomeNotes,
    RecText(i64),
    RecQuestion(i64),
    RecOwner(i64),
    RecOrg(i64),
    RecDue(i64),
    AddRec,
    Finalise,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// One line; Enter moves on.
    Line,
    /// A note that wraps; Enter moves on.
    Note,
    /// The findings editor: many lines, Enter starts a new line.
    Multi,
    /// Cycles through values with Space / ← →.
    Choice,
    /// A date moved with ← → (a day) and + - (a week).
    Date,
    /// Does something on Enter.
    Button,
}

impl FieldKind {
    pub fn is_text(self) -> bool {
        matches!(self, FieldKind::Line | FieldKind::Note | FieldKind::Multi)
    }
}

impl Field {
    pub fn kind(self) -> FieldKind {
        use Field::*;
        match self {
            Place | PanelName(_) | PanelOrg(_) | RecOwner(_) | RecOrg(_) | RecDue(_) => {
                FieldKind::Line
            }
            ConsentNote | KloeNote(_) | PrincipleNote(..) | RatingReason | OutcomeNotes
            | RecText(_) => FieldKind::Note,
            Findings(_) => FieldKind::Multi,
            HeldOn => FieldKind::Date,
            AddPanel | AddRec | Finalise => FieldKind::Button,
            Kind | Type | Virtual | Ready | PanelRole(_) | Document(_) | Judgement(_)
            | Reflection(..) | NeedsMet | Proposed | RecQuestion(_) => FieldKind::Choice,
        }
    }
}

/// The text editor of the focused field (only one exists at a time).
struct Editor {
    field: Field,
    area: TextArea<'static>,
}

impl Editor {
    fn new(
        field: Field,
        text: &str,
        cursor: Option<(usize, usize)>,
        t: &super::theme::Theme,
    ) -> Self {
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(if field.kind() == FieldKind::Line {
            WrapMode::None
        } else {
            WrapMode::WordOrGlyph
        });
        area.set_cursor_line_style(Style::default());
        area.set_cursor_style(
            t.selected()
                .add_modifier(ratatui::style::Modifier::REVERSED),
        );
        area.set_max_histories(500);
        match cursor {
            Some((row, col)) => area.move_cursor(CursorMove::Jump(
                u16::try_from(row).unwrap_or(u16::MAX),
                u16::try_from(col).unwrap_or(u16::MAX),
            )),
            None => area.move_cursor(CursorMove::Bottom),
        }
        if cursor.is_none() {
            area.move_cursor(CursorMove::End);
        }
        Editor { field, area }
    }
    fn text(&self) -> String {
        self.area.lines().join("\n")
    }
    fn cursor(&self) -> (usize, usize) {
        let c = self.area.cursor();
        (c.0, c.1)
    }
}

pub struct Wizard {
    pub data: ReviewData,
    step: usize,
    focus: usize,
    /// A text field has focus and keys go into it (Esc leaves it).
    editing: bool,
    editor: Option<Editor>,
    /// `g` then a step number.
    jump: Option<String>,
    /// First Enter on Finalise asks; the second does it.
    confirm_finalise: bool,
    /// Composing an addendum to a final review.
    addendum: Option<TextArea<'static>>,
    scroll: u16,
    today: NaiveDate,
    closed: bool,
    /// Finalising changed the register (rating, actions): other panes must reload.
    register_changed: bool,
}

impl Wizard {
    /// Open a review where it was left: same step, field and cursor.
    pub fn open(ctx: &mut Ctx, review_id: i64) -> StoreResult<Wizard> {
        let data = ReviewData::load(ctx.store.conn(), review_id)?;
        let step = usize::try_from(data.review.current_step)
            .unwrap_or(0)
            .min(STEPS.len() - 1);
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
            jump: None,
            confirm_finalise: false,
            addendum: None,
            scroll: 0,
            today: ctx.today,
            closed: false,
            register_changed: false,
        };
        let n = w.fields().len();
        w.focus = field.min(n.saturating_sub(1));
        w.enter_field(Some(cursor), ctx);
        Ok(w)
    }

    pub fn review_id(&self) -> i64 {
        self.data.review.id
    }
    pub fn step(&self) -> usize {
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
            0 => setup::items(d, t),
            1 => panel::items(d, t),
            2 => documents::items(d, t),
            3..=6 => questions::items(d, self.step as u8 - 2, t),
            7 => principles::items(d, t),
            8 => outcome::items(d, t),
            9 => recommendations::items(d, t),
            _ => summary::items(d, t, self.confirm_finalise),
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
    pub fn incomplete(&self) -> [bool; 11] {
        self.data.incomplete()
    }

    /// Focus landed on a field: text fields open their editor and take keys.
    fn enter_field(&mut self, cursor: Option<(usize, usize)>, ctx: &mut Ctx) {
        self.end_editing(ctx);
        self.editor = None;
        self.editing = false;
        self.confirm_finalise = false;
        let Some(field) = self.focused() else {
            self.save_position(ctx);
            return;
        };
        if field.kind().is_text() {
            let text = self.data.text_of(field);
            self.editor = Some(Editor::new(field, &text, cursor, &ctx.theme));
            self.editing = !self.read_only();
        }
        self.save_position(ctx);
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
        let (id, step, focus, cursor) = (self.review_id(), self.step, self.focus, self.cursor());
        if let Err(e) = ctx
            .store
            .write(|w| reviews::save_position(w, id, step, focus, cursor))
        {
            ctx.error(e.to_string());
        }
    }

    pub fn go_to_step(&mut self, step: usize, ctx: &mut Ctx) {
        self.step = step.min(STEPS.len() - 1);
        self.focus = 0;
        self.scroll = 0;
        self.jump = None;
        self.reload(ctx);
        self.enter_field(None, ctx);
    }

    fn move_focus(&mut self, delta: isize, ctx: &mut Ctx) {
        let n = self.fields().len();
        if n == 0 {
            return;
        }
        let next = (self.focus as isize + delta).clamp(0, n as isize - 1) as usize;
        if next != self.focus || self.editor.is_none() {
            self.focus = next;
            self.enter_field(None, ctx);
        }
    }

    fn reload(&mut self, ctx: &mut Ctx) {
        match ReviewData::load(ctx.store.conn(), self.review_id()) {
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
        let (id, step, focus, cursor) = (self.review_id(), self.step, self.focus, self.cursor());
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

    pub fn handle_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Outcome {
        if let Some(buf) = self.jump.as_mut() {
            // Typed digits, not actions: the step number.
            match key.code {
                KeyCode::Char(c) if c.is_ascii_digit() && buf.len() < 2 => buf.push(c),
                KeyCode::Backspace => {
                    buf.pop();
                }
                KeyCode::Enter => {
                    let n: usize = buf.parse().unwrap_or(0);
                    self.jump = None;
                    if (1..=STEPS.len()).contains(&n) {
                        self.go_to_step(n - 1, ctx);
                    } else {
                        ctx.error(format!(
                            "There is no step {n}: steps are 1 to {}",
                            STEPS.len()
                        ));
                    }
                }
                _ => self.jump = None,
            }
            return Outcome::Consumed;
        }
        if self.addendum.is_some() {
            return self.addendum_key(key, ctx);
        }
        let k = keymap::keys();
        if let Some(a) = k.wizard.always.action(&key) {
            return self.perform(a, ctx);
        }
        if self.mode() == Mode::Text {
            return self.text_key(key, ctx);
        }
        match k.wizard.fields.action(&key) {
            Some(a) => self.perform(a, ctx),
            None => Outcome::Ignored,
        }
    }

    /// The mode that gets the keys.
    fn mode(&self) -> Mode {
        if self.jump.is_some() {
            Mode::Jump
        } else if self.addendum.is_some() {
            Mode::Addendum
        } else if self.editing && self.editor.is_some() {
            Mode::Text
        } else {
            Mode::Fields
        }
    }

    pub fn handle_paste(&mut self, text: &str, ctx: &mut Ctx) -> Outcome {
        if let Some(a) = self.addendum.as_mut() {
            a.insert_str(text);
            return Outcome::Consumed;
        }
        if !self.editing {
            return Outcome::Consumed;
        }
        let Some(ed) = self.editor.as_mut() else {
            return Outcome::Consumed;
        };
        let text = if ed.field.kind() == FieldKind::Multi {
            text.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            text.replace(['\r', '\n'], " ")
        };
        if ed.area.insert_str(text) {
            self.commit_text(ctx);
        }
        Outcome::Consumed
    }

    fn text_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Outcome {
        let Some(ed) = self.editor.as_mut() else {
            return Outcome::Consumed;
        };
        let before = ed.cursor();
        let changed = match keymap::keys().wizard.text.action(&key) {
            Some(WizardAction::LeaveField) => {
                self.editing = false;
                return Outcome::Consumed;
            }
            Some(WizardAction::FieldDone) if ed.field.kind() != FieldKind::Multi => {
                self.move_focus(1, ctx);
                return Outcome::Consumed;
            }
            Some(WizardAction::Undo) => ed.area.undo(),
            Some(WizardAction::Redo) => ed.area.redo(),
            _ => ed.area.input(key),
        };
        if changed {
            self.commit_text(ctx);
        } else if ed.cursor() != before {
            self.save_position(ctx);
        }
        Outcome::Consumed
    }

    /// Write the editor's text to its field (with the cursor) before the frame is drawn. If the
    /// write fails the edit is undone, so the screen never shows what was not saved.
    fn commit_text(&mut self, ctx: &mut Ctx) {
        let Some(ed) = self.editor.as_ref() else {
            return;
        };
        let (field, text, today) = (ed.field, ed.text(), self.today);
        let d = &self.data;
        let id = d.review.id;
        let ok = self.write(ctx, move |w| write_text(w, id, field, &text, today));
        if !ok && let Some(ed) = self.editor.as_mut() {
            ed.area.undo();
        }
    }

    /// Do what a wizard action asks.
    fn perform(&mut self, a: WizardAction, ctx: &mut Ctx) -> Outcome {
        use WizardAction::*;
        let field = self.focused();
        match a {
            NextStep => self.go_to_step((self.step + 1).min(STEPS.len() - 1), ctx),
            PreviousStep => self.go_to_step(self.step.saturating_sub(1), ctx),
            NextField | FieldDown => self.move_focus(1, ctx),
            PreviousField | FieldUp => self.move_focus(-1, ctx),
            Save => {
                self.save_position(ctx);
                ctx.info("Saved. (Every change is saved as you type.)");
            }
            Close => {
                self.closed = true;
                return Outcome::Request(Request::DataChanged);
            }
            GoToStep => self.jump = Some(String::new()),
            AddRow if self.read_only() && self.step == SUMMARY_STEP => {
                let mut ta = TextArea::default();
                ta.set_wrap_mode(WrapMode::WordOrGlyph);
                ta.set_cursor_line_style(Style::default());
                ta.set_placeholder_text(
                    "Type the correction; Enter adds it with today's date, Esc cancels",
                );
                self.addendum = Some(ta);
            }
            AddRow => self.add_row(ctx),
            RemoveRow => self.delete_row(ctx),
            Activate => match field.map(Field::kind) {
                Some(k) if k.is_text() => {
                    if self.read_only() {
                        ctx.error("This review is final and read-only: add a dated addendum on the summary step (a)");
                    } else {
                        self.editing = true;
                    }
                }
                Some(FieldKind::Button) => self.press(ctx),
                Some(FieldKind::Choice) => self.change(1, ctx),
                _ => {}
            },
            ChangeNext => self.change(1, ctx),
            ChangePrevious => self.change(-1, ctx),
            WeekLater => self.change(7, ctx),
            WeekEarlier => self.change(-7, ctx),
            LeaveField | FieldDone | Undo | Redo => return Outcome::Ignored,
        }
        Outcome::Consumed
    }

    fn addendum_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Outcome {
        let Some(ta) = self.addendum.as_mut() else {
            return Outcome::Consumed;
        };
        match keymap::keys().widgets.form.action(&key) {
            Some(FormAction::Cancel) => self.addendum = None,
            Some(FormAction::Submit) => {
                let text = ta.lines().join("\n");
                let id = self.review_id();
                match ctx.store.write(|w| reviews::add_addendum(w, id, &text)) {
                    Ok(_) => {
                        self.addendum = None;
                        ctx.info("Addendum added, dated today and recorded in the audit trail");
                        self.reload(ctx);
                        return Outcome::Request(Request::DataChanged);
                    }
                    Err(e) => ctx.error(e.to_string()),
                }
            }
            _ => {
                ta.input(key);
            }
        }
        Outcome::Consumed
    }

    /// Space / arrows / + - on a choice or date field.
    fn change(&mut self, delta: i64, ctx: &mut Ctx) {
        let Some(field) = self.focused() else { return };
        let d = &self.data;
        let id = d.review.id;
        let fwd = delta > 0;
        let ok = match field {
            Field::Kind => {
                let k = match d.review.kind {
                    ReviewKind::Cetr => ReviewKind::Ctr,
                    ReviewKind::Ctr => ReviewKind::Cetr,
                };
                self.write(ctx, |w| reviews::set_kind(w, id, k))
            }
            Field::Type => {
                let t = cycle(&ReviewType::ALL, d.review.review_type, fwd);
                self.write(ctx, |w| reviews::set_type(w, id, t))
            }
            Field::HeldOn => {
                let on = if delta >= 0 {
                    d.review
                        .held_on
                        .checked_add_days(Days::new(delta.unsigned_abs()))
                } else {
                    d.review
                        .held_on
                        .checked_sub_days(Days::new(delta.unsigned_abs()))
                };
                let on = on.unwrap_or(d.review.held_on);
                self.write(ctx, |w| reviews::set_held_on(w, id, on))
            }
            Field::Virtual => {
                let v = !d.review.virtual_meeting;
                self.write(ctx, |w| reviews::set_virtual(w, id, v))
            }
            Field::Ready => {
                let v = !d.review.ready;
                self.write(ctx, |w| reviews::set_ready(w, id, v))
            }
            Field::PanelRole(m) => {
                let Some(cur) = d.panel.iter().find(|p| p.id == m).map(|p| p.role) else {
                    return;
                };
                let r = cycle(&PanelRole::ALL, cur, fwd);
                self.write(ctx, |w| reviews::set_panel_role(w, m, r))
            }
            Field::Document(i) => {
                let Some(doc) = d.documents.get(i).cloned() else {
                    return;
                };
                self.write(ctx, |w| {
                    reviews::set_document(w, id, &doc.code, &doc.label, !doc.received)
                })
            }
            Field::Judgement(k) => {
                let Some(cur) = d.kloes.iter().find(|x| x.kloe_id == k).map(|x| x.judgement) else {
                    return;
                };
                let j = cycle(&KloeJudgement::ALL, cur, fwd);
                self.write(ctx, |w| reviews::set_kloe_judgement(w, id, k, j))
            }
            Field::Reflection(kind, n) => {
                let Some(cur) = d
                    .principles
                    .iter()
                    .find(|p| p.kind == kind && p.number == n)
                    .map(|p| p.reflection)
                else {
                    return;
                };
                let r = cycle(&Reflection::ALL, cur, fwd);
                self.write(ctx, |w| reviews::set_reflection(w, id, kind, n, r))
            }
            Field::NeedsMet => {
                let v = cycle(
                    &[None, Some(true), Some(false)],
                    d.review.community_needs_met,
                    fwd,
                );
                self.write(ctx, |w| reviews::set_community_needs_met(w, id, v))
            }
            Field::Proposed => {
                let options = [
                    None,
                    Some(Rating::Green),
                    Some(Rating::Amber),
                    Some(Rating::Red),
                    Some(Rating::Blue),
                ];
                let v = cycle(&options, d.review.proposed_rating, fwd);
                self.write(ctx, |w| reviews::set_proposed_rating(w, id, v))
            }
            Field::RecQuestion(r) => {
                let Some(cur) = d.recs.iter().find(|x| x.id == r).map(|x| x.question) else {
                    return;
                };
                let q = cycle(&[None, Some(1), Some(2), Some(3), Some(4)], cur, fwd);
                self.write(ctx, |w| reviews::set_recommendation_question(w, r, q))
            }
            _ => return,
        };
        let _ = ok;
    }

    fn press(&mut self, ctx: &mut Ctx) {
        match self.focused() {
            Some(Field::AddPanel | Field::AddRec) => self.add_row(ctx),
            Some(Field::Finalise) => self.finalise(ctx),
            _ => {}
        }
    }

    /// `a` on the panel or recommendations step: a new row, focused on its first text field.
    fn add_row(&mut self, ctx: &mut Ctx) {
        let id = self.review_id();
        let today = self.today;
        let target = match self.step {
            1 => {
                let role = self.data.next_missing_role();
                let mut new_id = 0;
                if self.write(ctx, |w| {
                    new_id = reviews::add_panel_slot(w, id, role)?;
                    Ok(())
                }) {
                    Some(Field::PanelName(new_id))
                } else {
                    None
                }
            }
            9 => {
                let mut new_id = 0;
                if self.write(ctx, |w| {
                    new_id = reviews::add_recommendation_slot(w, id, None, today)?;
                    Ok(())
                }) {
                    Some(Field::RecText(new_id))
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some(f) = target {
            self.focus_field(f, ctx);
        }
    }

    fn focus_field(&mut self, f: Field, ctx: &mut Ctx) {
        if let Some(i) = self.fields().iter().position(|x| *x == f) {
            self.focus = i;
            self.enter_field(None, ctx);
        }
    }

    /// `d` on a panel member or recommendation removes that row (drafts only).
    fn delete_row(&mut self, ctx: &mut Ctx) {
        let ok = match self.focused() {
            Some(Field::PanelRole(m) | Field::PanelName(m) | Field::PanelOrg(m)) => {
                self.write(ctx, |w| reviews::remove_panel_member(w, m))
            }
            Some(
                Field::RecText(r)
                | Field::RecQuestion(r)
                | Field::RecOwner(r)
                | Field::RecOrg(r)
                | Field::RecDue(r),
            ) => self.write(ctx, |w| reviews::remove_recommendation(w, r)),
            _ => return,
        };
        if ok {
            let n = self.fields().len();
            self.focus = self.focus.min(n.saturating_sub(1));
            self.enter_field(None, ctx);
            ctx.info("Removed");
        }
    }

    fn finalise(&mut self, ctx: &mut Ctx) {
        if self.read_only() {
            ctx.error("This review is already final");
            return;
        }
        if !self.data.blockers.is_empty() {
            ctx.error(format!(
                "Cannot finalise yet: {}",
                self.data.blockers.join("; ")
            ));
            return;
        }
        if !self.confirm_finalise {
            self.confirm_finalise = true;
            ctx.info("Press Enter again to finalise: the rating changes, actions are created and the review locks");
            return;
        }
        self.confirm_finalise = false;
        let (id, version) = (self.review_id(), self.data.review.version);
        match ctx.store.write(|w| reviews::finalise(w, id, version)) {
            Ok(actions) => {
                ctx.info(format!(
                    "Review finalised: {} action(s) created; the review is now read-only",
                    actions.len()
                ));
                self.reload(ctx);
                self.editor = None;
                self.editing = false;
                self.register_changed = true;
            }
            Err(e) => {
                ctx.error(e.to_string());
                self.reload(ctx);
            }
        }
    }

    pub fn flush(&mut self, ctx: &mut Ctx) {
        self.end_editing(ctx);
        self.save_position(ctx);
    }

    pub fn bindings(&self) -> Vec<Binding> {
        let k = keymap::keys();
        match self.mode() {
            Mode::Jump => vec![Binding {
                keys: Vec::new(),
                note: Some("1-11 Enter"),
                desc: "go to that step",
                hint: Some(1),
            }],
            Mode::Addendum => {
                let mut b = k.widgets.form.bindings();
                b.retain(|r| r.note.is_none() && r.keys.len() == 1);
                b
            }
            Mode::Text => {
                let mut b = k.wizard.always.bindings();
                b.extend(k.wizard.text.bindings());
                b
            }
            Mode::Fields => {
                let mut b = k.wizard.always.bindings();
                b.extend(k.wizard.fields.bindings());
                b
            }
        }
    }

    pub fn render(&mut self, frame: &mut Frame, area: Rect, view: &View) {
        form::render(self, frame, area, view);
    }
}

/// The next or previous value in a list (wrapping).
fn cycle<T: Copy + PartialEq>(all: &[T], cur: T, forward: bool) -> T {
    let n = all.len();
    let i = all.iter().position(|x| *x == cur).unwrap_or(0);
    let j = if forward {
        (i + 1) % n
    } else {
        (i + n - 1) % n
    };
    all[j]
}

/// Save the text of one field of review `id`.
fn write_text(
    w: &mut Writer,
    id: i64,
    field: Field,
    text: &str,
    today: NaiveDate,
) -> StoreResult<()> {
    match field {
        Field::Place => reviews::set_text(w, id, ReviewText::Place, text),
        Field::ConsentNote => reviews::set_text(w, id, ReviewText::ConsentNote, text),
        Field::RatingReason => reviews::set_text(w, id, ReviewText::RatingReason, text),
        Field::OutcomeNotes => reviews::set_text(w, id, ReviewText::OutcomeNotes, text),
        Field::PanelName(m) => reviews::set_panel_text(w, m, PanelText::Name, text),
        Field::PanelOrg(m) => reviews::set_panel_text(w, m, PanelText::Organisation, text),
        Field::Findings(q) => reviews::set_findings(w, id, q, text),
        Field::KloeNote(k) => reviews::set_kloe_note(w, id, k, text),
        Field::PrincipleNote(kind, n) => reviews::set_principle_note(w, id, kind, n, text),
        Field::RecText(r) => reviews::set_recommendation_text(w, r, RecText::Text, text, today),
        Field::RecOwner(r) => reviews::set_recommendation_text(w, r, RecText::Owner, text, today),
        Field::RecOrg(r) => {
            reviews::set_recommendation_text(w, r, RecText::Organisation, text, today)
        }
        Field::RecDue(r) => reviews::set_recommendation_text(w, r, RecText::Due, text, today),
        _ => Ok(()),
    }
}

/// A date for display, or a dash.
pub(crate) fn show_date(d: Option<NaiveDate>) -> String {
    d.map(uk).unwrap_or_else(|| "-".into())
}
