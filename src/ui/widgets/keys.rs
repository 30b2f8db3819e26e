//! Key tables of the shared widgets: yes/no questions, forms, pick-one lists and text editing.

use crate::ui::keymap::{Binding, Keymap, Table, actions};

actions! {
    /// A yes/no question.
    pub enum Answer {
        Yes = "yes", "yes";
        No = "no", "no";
    }
}

actions! {
    /// A form dialog. Keys not listed here go to the focused field.
    pub enum FormAction {
        Submit = "save", "save";
        Cancel = "cancel", "cancel (asks before discarding)";
        Next = "next-field", "next field";
        Previous = "previous-field", "previous field";
    }
}

actions! {
    /// Editing keys every text field shares (dialog fields, searches, the wizard's editors and
    /// the addendum box), so a key means one thing wherever the cursor is.
    pub enum TextEdit {
        ClearLine = "clear-line", "clear the line";
        Undo = "undo", "undo typing";
        Redo = "redo", "redo typing";
    }
}

actions! {
    /// A list to pick one entry from.
    pub enum Pick {
        Choose = "choose", "choose";
        Cancel = "cancel", "cancel";
    }
}

#[derive(Debug, Clone)]
pub struct Keys {
    pub confirm: Keymap<Answer>,
    pub form: Keymap<FormAction>,
    pub pick: Keymap<Pick>,
    pub text: Keymap<TextEdit>,
}

impl Default for Keys {
    fn default() -> Keys {
        Keys {
            confirm: Keymap::new("confirm")
                .on(&["y", "Y"], Answer::Yes)
                .hint(1)
                .on(&["n", "N", "esc"], Answer::No)
                .hint(1),
            form: Keymap::new("form")
                .on(&["tab", "down"], FormAction::Next)
                .hint(1)
                .on(&["shift-tab", "up"], FormAction::Previous)
                .join("next / previous field")
                .note("←/→ Space", "choose; Space or 1-9 ticks")
                .hint(3)
                .on(&["enter"], FormAction::Submit)
                .hint(1)
                .on(&["esc"], FormAction::Cancel)
                .hint(1),
            pick: Keymap::new("pick")
                .on(&["enter"], Pick::Choose)
                .hint(1)
                .on(&["esc"], Pick::Cancel)
                .hint(1),
            // Ctrl-U clears as in every shell and browser address bar; undo cannot be Ctrl-Z
            // (suspend) nor an Alt chord (lost over SSH), so it takes Ctrl-Y, redo Ctrl-R.
            text: Keymap::new("text")
                .on(&["ctrl-u"], TextEdit::ClearLine)
                .hint(3)
                .on(&["ctrl-y"], TextEdit::Undo)
                .hint(3)
                .on(&["ctrl-r"], TextEdit::Redo)
                .join("undo / redo typing"),
        }
    }
}

impl Keys {
    /// What a form dialog's hint bar and help show: moving, saving, and the text-editing keys.
    pub fn form_bindings(&self) -> Vec<Binding> {
        let mut b = self.form.bindings();
        b.extend(self.text.bindings());
        b
    }

    pub fn tables(&self) -> Vec<&dyn Table> {
        vec![&self.confirm, &self.form, &self.pick, &self.text]
    }
    pub fn tables_mut(&mut self) -> Vec<&mut dyn Table> {
        vec![
            &mut self.confirm,
            &mut self.form,
            &mut self.pick,
            &mut self.text,
        ]
    }
}
