//! Key tables of the shared widgets: yes/no questions, forms, and pick-one lists.

use crate::ui::keymap::{Keymap, Table, actions};

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
        }
    }
}

impl Keys {
    pub fn tables(&self) -> Vec<&dyn Table> {
        vec![&self.confirm, &self.form, &self.pick]
    }
    pub fn tables_mut(&mut self) -> Vec<&mut dyn Table> {
        vec![&mut self.confirm, &mut self.form, &mut self.pick]
    }
}
