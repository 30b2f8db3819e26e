//! What a user can do in the Register pane, and the key table of each of its modes.

use crate::ui::keymap::{Keymap, Table, actions};

actions! {
    pub enum RegisterAction {
        Search = "search", "search";
        OpenCard = "open-card", "card";
        CloseCard = "close-card", "back to the register";
        CardPage = "card-page-down", "page down";
        History = "history", "timeline: every change and who opened the record (again: back)";
        Filter = "filter", "filter: b/r/a/g rating, k keyworker, o overdue, t turning 18, i admission to complete, n consent, x archived, c clear";
        Rerate = "rerate", "re-rate";
        Add = "add", "add";
        Edit = "edit", "edit the person";
        Sort = "sort", "sort: severity → name → review due → age";
        Admit = "admit", "record an admission (makes BLUE)";
        Discharge = "discharge", "record the discharge (offers RED)";
        Archive = "archive", "remove from register (or restore, when showing archived)";
        StartReview = "start-review", "start a C(E)TR for this person";
        Discussed = "discussed", "discussed at today's DSR meeting, with a note";
        Transfer = "transfer", "transfer to another hospital (one stay, stays BLUE)";
        EditAdmission = "edit-admission", "edit the admission: ward, security, legal status, planned discharge";
        AddBarrier = "add-barrier", "add a barrier to discharge";
        ResolveBarrier = "resolve-barrier", "resolve a barrier to discharge";
        Consent = "consent", "consent: record a decision or withdraw one";
        ClearSearch = "clear-search", "clear the search";
        SearchOpen = "search-open", "open the best match";
        SearchKeep = "search-keep", "keep the search, back to the list";
        FilterBlue = "filter-blue", "toggle BLUE";
        FilterRed = "filter-red", "toggle RED";
        FilterAmber = "filter-amber", "toggle AMBER";
        FilterGreen = "filter-green", "toggle GREEN";
        FilterKeyworker = "filter-keyworker", "keyworker";
        FilterOverdue = "filter-overdue", "overdue review";
        FilterTurning18 = "filter-turning-18", "turning 18 soon";
        FilterToComplete = "filter-to-complete", "admission details to complete";
        FilterArchived = "filter-archived", "archived people";
        FilterConsent = "filter-consent", "consent missing or expired";
        FilterClear = "filter-clear", "clear filters";
        FilterCancel = "filter-cancel", "cancel";
    }
}

/// The register's modes, most modal first: the first that applies gets the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A yes/no question over everything.
    Confirm,
    /// A dialog (add/edit, re-rate, admit, discharge, remove, keyworker picker).
    Dialog,
    /// Typing a search.
    Search,
    /// `f` was pressed: the next key picks a filter.
    Filter,
    /// The person card.
    Card,
    List,
}

#[derive(Debug, Clone)]
pub struct Keys {
    pub list: Keymap<RegisterAction>,
    pub card: Keymap<RegisterAction>,
    pub search: Keymap<RegisterAction>,
    pub filter: Keymap<RegisterAction>,
}

impl Default for Keys {
    fn default() -> Keys {
        use RegisterAction::*;
        Keys {
            list: Keymap::new("register")
                .on(&["/"], Search)
                .hint(1)
                .on(&["enter"], OpenCard)
                .hint(1)
                .on(&["f"], Filter)
                .hint(2)
                .on(&["r"], Rerate)
                .hint(2)
                .on(&["a"], Add)
                .hint(2)
                .on(&["e"], Edit)
                .on(&["s"], Sort)
                .on(&["i"], Admit)
                .on(&["o"], Discharge)
                .join("record an admission (BLUE) / the discharge (RED)")
                .on(&["x"], Archive)
                .on(&["R"], StartReview)
                .on(&["d"], Discussed)
                .on(&["esc"], ClearSearch),
            card: Keymap::new("register.card")
                .on(&["esc", "backspace", "left"], CloseCard)
                .hint(1)
                .on(&["h"], History)
                .hint(2)
                .note("j/k ↑/↓ PgUp/PgDn", "scroll")
                .hint(2)
                .on(&["space"], CardPage)
                .on(&["r"], Rerate)
                .hint(2)
                .on(&["e"], Edit)
                .hint(2)
                .on(&["i"], Admit)
                .on(&["o"], Discharge)
                .join("admit / discharge")
                .on(&["x"], Archive)
                .on(&["R"], StartReview)
                .hint(2)
                .on(&["d"], Discussed)
                .hint(2)
                .on(&["t"], Transfer)
                .on(&["w"], EditAdmission)
                .on(&["b"], AddBarrier)
                .on(&["B"], ResolveBarrier)
                .on(&["c"], Consent)
                .hint(2),
            search: Keymap::new("register.search")
                .note("type", "search as you type")
                .hint(1)
                .note("↑/↓", "move")
                .hint(2)
                .on(&["enter"], SearchOpen)
                .hint(1)
                .on(&["tab"], SearchKeep)
                .hint(2)
                .on(&["esc"], ClearSearch)
                .hint(1),
            filter: Keymap::new("register.filter")
                .on(&["b"], FilterBlue)
                .hint(1)
                .on(&["r"], FilterRed)
                .join("toggle a rating")
                .on(&["a"], FilterAmber)
                .join("toggle a rating")
                .on(&["g"], FilterGreen)
                .join("toggle a rating")
                .on(&["k"], FilterKeyworker)
                .hint(1)
                .on(&["o"], FilterOverdue)
                .hint(1)
                .on(&["t"], FilterTurning18)
                .hint(1)
                .on(&["i"], FilterToComplete)
                .hint(2)
                .on(&["x"], FilterArchived)
                .hint(1)
                .on(&["n"], FilterConsent)
                .hint(1)
                .on(&["c"], FilterClear)
                .hint(1)
                .on(&["esc"], FilterCancel),
        }
    }
}

impl Keys {
    pub fn tables(&self) -> Vec<&dyn Table> {
        vec![&self.list, &self.card, &self.search, &self.filter]
    }
    pub fn tables_mut(&mut self) -> Vec<&mut dyn Table> {
        vec![
            &mut self.list,
            &mut self.card,
            &mut self.search,
            &mut self.filter,
        ]
    }
}
