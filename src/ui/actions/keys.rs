//! What a user can do in the Actions pane, and the key table of each of its modes.

use crate::ui::keymap::{Keymap, Table, actions};

actions! {
    pub enum ActionsAction {
        Mark = "mark", "mark";
        Done = "done", "done";
        Redate = "redate", "re-date";
        Undo = "undo", "undo";
        InProgress = "in-progress", "in progress (note required)";
        Escalate = "escalate", "escalate (note required)";
        Reassign = "reassign", "reassign (reason required)";
        Cancel = "cancel", "cancel (reason required)";
        Detail = "detail", "detail";
        CloseDetail = "close-detail", "back to the list";
        HistoryDown = "history-down", "scroll the history down";
        HistoryUp = "history-up", "scroll the history up";
        Search = "search", "search";
        View = "view", "view: open/overdue/week/done/all";
        Mine = "mine", "mine";
        SetMine = "set-mine", "set my owner name";
        ByOwner = "filter-owner", "this owner";
        ByOrganisation = "filter-organisation", "this organisation";
        ByPerson = "filter-person", "this person";
        ByRating = "filter-rating", "next rating";
        Add = "add", "add an action for a person";
        Clear = "clear", "clear marks, then filters";
        SearchKeep = "search-keep", "keep the search and go back to the list";
        SearchClear = "search-clear", "clear the search";
    }
}

/// The Actions pane's modes, most modal first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A triage, add or "my name" dialog (with its own yes/no question).
    Dialog,
    Search,
    /// One action with its history.
    Detail,
    List,
}

#[derive(Debug, Clone)]
pub struct Keys {
    pub list: Keymap<ActionsAction>,
    pub detail: Keymap<ActionsAction>,
    pub search: Keymap<ActionsAction>,
}

/// Triage and filter keys work on the list and in the detail view alike.
fn triage(k: Keymap<ActionsAction>) -> Keymap<ActionsAction> {
    use ActionsAction::*;
    k.on(&["d"], Done)
        .hint(1)
        .on(&["t"], Redate)
        .hint(1)
        .on(&["u"], Undo)
        .hint(2)
        .on(&["p"], InProgress)
        .on(&["e"], Escalate)
        .join("in progress / escalate (note required)")
        .on(&["r"], Reassign)
        .on(&["x"], Cancel)
        .join("reassign / cancel (reason required)")
}

fn filters(k: Keymap<ActionsAction>) -> Keymap<ActionsAction> {
    use ActionsAction::*;
    k.on(&["m"], Mine)
        .on(&["M"], SetMine)
        .join("mine / set my owner name")
        .on(&["o"], ByOwner)
        .on(&["O"], ByOrganisation)
        .join("this owner / org / person; rating")
        .on(&["P"], ByPerson)
        .join("this owner / org / person; rating")
        .on(&["c"], ByRating)
        .join("this owner / org / person; rating")
        .on(&["a"], Add)
}

impl Default for Keys {
    fn default() -> Keys {
        use ActionsAction::*;
        let list = triage(Keymap::new("actions").on(&["space"], Mark).hint(2))
            .on(&["enter"], Detail)
            .hint(1)
            .on(&["/"], Search)
            .hint(1)
            .on(&["f"], View)
            .hint(2);
        let list = filters(list).on(&["esc"], Clear);
        let detail = Keymap::new("actions.detail")
            .on(&["esc", "enter", "backspace"], CloseDetail)
            .hint(1)
            .on(&["j", "down"], HistoryDown)
            .on(&["k", "up"], HistoryUp)
            .join("scroll the history");
        Keys {
            list,
            detail: filters(triage(detail)),
            search: Keymap::new("actions.search")
                .on(&["enter", "down", "tab"], SearchKeep)
                .hint(1)
                .on(&["esc"], SearchClear)
                .hint(1),
        }
    }
}

impl Keys {
    pub fn tables(&self) -> Vec<&dyn Table> {
        vec![&self.list, &self.detail, &self.search]
    }
    pub fn tables_mut(&mut self) -> Vec<&mut dyn Table> {
        vec![&mut self.list, &mut self.detail, &mut self.search]
    }
}
