//! What a user can do on the Dashboard (besides scrolling with the list motions).

use crate::ui::keymap::{Keymap, Table, actions};

actions! {
    pub enum DashboardAction {
        Refresh = "refresh", "refresh";
    }
}

#[derive(Debug, Clone)]
pub struct Keys {
    pub main: Keymap<DashboardAction>,
}

impl Default for Keys {
    fn default() -> Keys {
        Keys {
            main: Keymap::new("dashboard")
                .on(&["r"], DashboardAction::Refresh)
                .hint(1),
        }
    }
}

impl Keys {
    pub fn tables(&self) -> Vec<&dyn Table> {
        vec![&self.main]
    }
    pub fn tables_mut(&mut self) -> Vec<&mut dyn Table> {
        vec![&mut self.main]
    }
}
