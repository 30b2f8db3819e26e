//! What a user can do in the Reviews list, and the key table of each of its modes. The wizard
//! has its own (see the wizard's keys).

use crate::ui::keymap::{Keymap, Table, actions};

actions! {
    pub enum ReviewsAction {
        Open = "open", "open the review / start the due one";
        New = "new", "new review: choose the person";
        StartRequest = "start-request", "start the review a request asked for (records it booked)";
        Sent = "sent", "record a report or family plan sent";
        Discard = "discard", "discard a draft, with a reason (kept, not deleted)";
        Search = "search", "search by name";
        Filter = "filter", "filter: all, drafts, due, finished";
        SearchKeep = "search-keep", "keep the search";
        SearchClear = "search-clear", "clear the search";
    }
}

/// The Reviews pane's modes, most modal first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A review is open in the wizard: it gets every key.
    Wizard,
    /// "Start a new draft for this person?"
    Confirm,
    /// Recording a report or family plan sent.
    Sent,
    /// Giving the reason a draft is discarded.
    Discard,
    /// Choosing whom to start a review for.
    Picker,
    Search,
    List,
}

#[derive(Debug, Clone)]
pub struct Keys {
    pub list: Keymap<ReviewsAction>,
    pub search: Keymap<ReviewsAction>,
}

impl Default for Keys {
    fn default() -> Keys {
        use ReviewsAction::*;
        Keys {
            list: Keymap::new("reviews")
                .on(&["enter"], Open)
                .hint(1)
                .on(&["n"], New)
                .hint(1)
                .on(&["R"], StartRequest)
                .hint(2)
                .on(&["s"], Sent)
                .hint(3)
                .on(&["x"], Discard)
                .hint(3)
                .on(&["/"], Search)
                .hint(2)
                .on(&["f"], Filter)
                .hint(2)
                .note("R (register)", "start a review from the register"),
            search: Keymap::new("reviews.search")
                .on(&["enter"], SearchKeep)
                .hint(1)
                .on(&["esc"], SearchClear)
                .hint(1),
        }
    }
}

impl Keys {
    pub fn tables(&self) -> Vec<&dyn Table> {
        vec![&self.list, &self.search]
    }
    pub fn tables_mut(&mut self) -> Vec<&mut dyn Table> {
        vec![&mut self.list, &mut self.search]
    }
}
