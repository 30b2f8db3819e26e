//! What a user can do in the C(E)TR wizard, and the key table of each of its modes.

use crate::ui::keymap::{Keymap, Table, actions};

actions! {
    pub enum WizardAction {
        NextStep = "next-step", "next step";
        PreviousStep = "previous-step", "previous step";
        NextField = "next-field", "next field";
        PreviousField = "previous-field", "previous field";
        Save = "save", "save (saving is automatic)";
        Close = "close", "back to the reviews list";
        FieldDown = "field-down", "next field";
        FieldUp = "field-up", "previous field";
        GoToStep = "go-to-step", "go to step number";
        Activate = "activate", "edit / choose / press";
        ChangeNext = "change-next", "next value";
        ChangePrevious = "change-previous", "previous value";
        WeekLater = "week-later", "date: a week later";
        WeekEarlier = "week-earlier", "date: a week earlier";
        AddRow = "add", "add a panel member / recommendation / addendum";
        RemoveRow = "remove", "remove this panel member / recommendation";
        LeaveField = "leave-field", "leave the field";
        Note = "note", "write a note on this line of enquiry or principle";
        FieldDone = "field-done", "next field (a new line in the findings)";
    }
}

/// The wizard's modes, most modal first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `g` was pressed: digits pick the step.
    Jump,
    /// Writing an addendum to a final review.
    Addendum,
    /// A text field has the keys.
    Text,
    /// Moving between fields and changing choices.
    Fields,
}

#[derive(Debug, Clone)]
pub struct Keys {
    /// Keys that work while moving between fields and while typing.
    pub always: Keymap<WizardAction>,
    pub fields: Keymap<WizardAction>,
    pub text: Keymap<WizardAction>,
}

impl Default for Keys {
    fn default() -> Keys {
        use WizardAction::*;
        Keys {
            always: Keymap::new("wizard")
                .on(&["ctrl-n", "pgdn"], NextStep)
                .hint(1)
                .on(&["ctrl-p", "pgup"], PreviousStep)
                .join("next / previous step")
                .on(&["tab"], NextField)
                .hint(1)
                .on(&["shift-tab"], PreviousField)
                .on(&["ctrl-s"], Save),
            fields: Keymap::new("wizard.fields")
                .on(&["enter"], Activate)
                .hint(1)
                .on(&["space", "right", "l"], ChangeNext)
                .hint(2)
                .on(&["left", "h"], ChangePrevious)
                .join("change")
                .on(&["+"], WeekLater)
                .on(&["-"], WeekEarlier)
                .join("date: a week later / earlier")
                .on(&["j", "down"], FieldDown)
                .on(&["k", "up"], FieldUp)
                .join("next / previous field")
                .on(&["g"], GoToStep)
                .hint(2)
                .on(&["]"], NextStep)
                .on(&["["], PreviousStep)
                .join("next / previous step")
                .on(&["n"], Note)
                .hint(3)
                .on(&["a"], AddRow)
                .on(&["d", "del"], RemoveRow)
                .on(&["esc"], Close)
                .hint(1),
            text: Keymap::new("wizard.text")
                .on(&["esc"], LeaveField)
                .hint(1)
                .on(&["enter"], FieldDone),
        }
    }
}

impl Keys {
    pub fn tables(&self) -> Vec<&dyn Table> {
        vec![&self.always, &self.fields, &self.text]
    }
    pub fn tables_mut(&mut self) -> Vec<&mut dyn Table> {
        vec![&mut self.always, &mut self.fields, &mut self.text]
    }
}
