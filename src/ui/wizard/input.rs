//! The wizard's keys: each mode reads its key table and does the action; text fields and the
//! addendum box take the other keys as text.

use super::keys::{Mode, WizardAction};
use super::{Field, FieldKind, Step, Wizard};
use crate::domain::rules::OlderReviewChoice;
use crate::store::reviews;
use crate::ui::keymap::{self, Binding};
use crate::ui::pane::{Ctx, Outcome, Request};
use crate::ui::widgets::field::edit_text;
use crate::ui::widgets::keys::FormAction;
use crate::ui::widgets::{Confirm, ConfirmEvent};
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::style::Style;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

impl Wizard {
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
                    match Step::numbered(n) {
                        Some(step) => self.go_to_step(step, ctx),
                        None => ctx.error(format!(
                            "There is no step {n}: steps are 1 to {}",
                            Step::COUNT
                        )),
                    }
                }
                _ => self.jump = None,
            }
            return Outcome::Consumed;
        }
        if self.older_review {
            // The answer to one question, not an action: a applies, k keeps, anything else waits.
            self.older_review = false;
            match key.code {
                KeyCode::Char('a') => self.write_final(Some(OlderReviewChoice::ApplyToday), ctx),
                KeyCode::Char('k') => self.write_final(Some(OlderReviewChoice::KeepNewer), ctx),
                _ => ctx.info("Not finalised: the review stays a draft"),
            }
            return Outcome::Consumed;
        }
        if let Some(c) = &self.discard_addendum {
            match c.handle_key(key) {
                ConfirmEvent::Yes => {
                    self.discard_addendum = None;
                    self.addendum = None;
                }
                ConfirmEvent::No => self.discard_addendum = None,
                ConfirmEvent::Pending => {}
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
    pub(super) fn mode(&self) -> Mode {
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

    pub(super) fn text_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Outcome {
        let Some(ed) = self.editor.as_mut() else {
            return Outcome::Consumed;
        };
        let before = ed.cursor();
        if let Some(a) = keymap::keys().widgets.text.action(&key) {
            if edit_text(&mut ed.area, a) {
                self.commit_text(ctx);
            }
            return Outcome::Consumed;
        }
        let changed = match keymap::keys().wizard.text.action(&key) {
            Some(WizardAction::LeaveField) => {
                if !self.leave_note(ctx) {
                    self.editing = false;
                }
                return Outcome::Consumed;
            }
            Some(WizardAction::FieldDone) if ed.field.kind() != FieldKind::Multi => {
                self.move_focus(1, ctx);
                return Outcome::Consumed;
            }
            _ => ed.area.input(key),
        };
        if changed {
            self.commit_text(ctx);
        } else if ed.cursor() != before {
            self.save_position(ctx);
        }
        Outcome::Consumed
    }

    /// Do what a wizard action asks.
    pub(super) fn perform(&mut self, a: WizardAction, ctx: &mut Ctx) -> Outcome {
        use WizardAction::*;
        let field = self.focused();
        match a {
            NextStep => self.go_to_step(self.step.next(), ctx),
            PreviousStep => self.go_to_step(self.step.previous(), ctx),
            NextField => {
                self.move_focus(1, ctx);
                self.select_line_field();
            }
            PreviousField => {
                self.move_focus(-1, ctx);
                self.select_line_field();
            }
            FieldDown => self.move_row(1, ctx),
            FieldUp => self.move_row(-1, ctx),
            Note => self.open_note(ctx),
            Save => {
                self.save_position(ctx);
                ctx.info("Saved. (Every change is saved as you type.)");
            }
            Close => {
                self.release(ctx);
                self.closed = true;
                return Outcome::Request(Request::DataChanged);
            }
            GoToStep => self.jump = Some(String::new()),
            AddRow if self.read_only() && self.step == Step::Summary => {
                self.start_addendum(Vec::new());
            }
            AddRow => self.add_row(ctx),
            RemoveRow => self.delete_row(ctx),
            Activate => match field.map(Field::kind) {
                Some(k) if k.is_text() => {
                    if self.held.is_some() {
                        self.enter_field(None, ctx);
                    } else if self.read_only() {
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
            LeaveField | FieldDone => return Outcome::Ignored,
        }
        Outcome::Consumed
    }

    /// A one-line field entered with Tab has its value selected, so typing replaces it as in
    /// any form; notes and findings keep their text and the cursor at the end.
    fn select_line_field(&mut self) {
        if let Some(ed) = self.editor.as_mut()
            && self.editing
            && ed.field.kind() == FieldKind::Line
            && !ed.text().is_empty()
        {
            ed.area.select_all();
        }
    }

    fn start_addendum(&mut self, lines: Vec<String>) {
        let mut ta = TextArea::new(lines);
        ta.set_wrap_mode(WrapMode::WordOrGlyph);
        ta.set_cursor_line_style(Style::default());
        ta.set_placeholder_text(
            "Type the correction; Enter adds it with today's date, Esc cancels",
        );
        ta.move_cursor(CursorMove::Bottom);
        ta.move_cursor(CursorMove::End);
        self.addendum = Some(ta);
    }

    /// The addendum being written, when it holds text (what a hang-up would lose).
    pub fn addendum_text(&self) -> Option<String> {
        self.unsaved()?;
        self.addendum.as_ref().map(|a| a.lines().join("\n"))
    }

    /// Open the addendum box again on the summary step, refilled with `text`; Err says why it
    /// cannot be (the review is no longer final, so an addendum is not how it is corrected).
    pub fn restore_addendum(&mut self, text: &str, ctx: &mut Ctx) -> Result<(), String> {
        if !self.read_only() {
            return Err(format!(
                "review {} is not final, so it takes no addendum",
                self.review_id()
            ));
        }
        self.go_to_step(Step::Summary, ctx);
        self.start_addendum(text.lines().map(str::to_string).collect());
        Ok(())
    }

    pub(super) fn addendum_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Outcome {
        let Some(ta) = self.addendum.as_mut() else {
            return Outcome::Consumed;
        };
        match keymap::keys().widgets.form.action(&key) {
            Some(FormAction::Cancel) => {
                if self.unsaved().is_some() {
                    self.discard_addendum = Some(Confirm::new(
                        "Discard the addendum you are writing? It has not been added.",
                    ));
                } else {
                    self.addendum = None;
                }
            }
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
            _ => match keymap::keys().widgets.text.action(&key) {
                Some(a) => {
                    edit_text(ta, a);
                }
                None => {
                    ta.input(key);
                }
            },
        }
        Outcome::Consumed
    }

    pub fn bindings(&self) -> Vec<Binding> {
        let k = keymap::keys();
        if self.discard_addendum.is_some() {
            return k.widgets.confirm.bindings();
        }
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
                b.extend(k.widgets.text.bindings());
                b
            }
            Mode::Text => {
                let mut b = k.wizard.always.bindings();
                b.extend(k.wizard.text.bindings());
                b.extend(k.widgets.text.bindings());
                b
            }
            Mode::Fields => {
                let mut b = k.wizard.always.bindings();
                b.extend(k.wizard.fields.bindings());
                b
            }
        }
    }
}
