//! Keeping up with others: on the idle tick the app picks up other users' commits (each loaded
//! pane patches what it holds or reloads), and moves today on at midnight.

use super::App;
use crate::store::changes::{self, Changes};
use crate::ui::pane::{Applied, Flash, PaneId};

impl App {
    /// Idle tick: pick up other users' commits. Returns true when the screen needs redrawing.
    pub fn tick(&mut self) -> bool {
        // The fields this session is editing stay leased to it while it is alive. A missed beat
        // (a busy register) costs nothing: the next keystroke claims its field again.
        let _ = self.store.keep_leases_alive();
        // After midnight due dates, ages and overdue marks move: every pane reloads, once a day.
        if let Some(today) = self
            .calendar
            .as_ref()
            .map(|c| c())
            .filter(|d| *d != self.today)
        {
            self.today = today;
            self.stale = [true; PaneId::ALL.len()];
            if !self.pane().loads_on_demand() {
                self.load_active();
            }
            return true;
        }
        let Ok(v) = self.store.data_version() else {
            return false;
        };
        if v == self.seen_data_version || self.pane().captures_text() {
            // Idle: bring one hidden pane the user has already seen up to date, so switching
            // back to it is instant even on a register of 100,000 people (loading its rows can
            // take a few hundred milliseconds). The register is always wanted; a pane never
            // shown waits until it is, so its rows take no memory.
            let idle_load = PaneId::ALL.into_iter().find(|p| {
                let i = p.index();
                self.stale[i]
                    && !self.deferred[i]
                    && (self.loaded[i] || *p == PaneId::Register)
                    && !self.pane_ref(*p).loads_on_demand()
            });
            if let Some(id) = idle_load {
                self.load(id);
            }
            return false;
        }
        self.seen_data_version = v;
        match changes::since(self.store.conn(), self.seen_change) {
            Ok(c) => {
                self.seen_change = c.upto;
                self.others_changed(&c)
            }
            Err(e) => {
                self.flash = Some(Flash::Error(e.to_string()));
                true
            }
        }
    }

    /// Others committed `changes`: each loaded pane patches what it holds or becomes stale; the
    /// active pane reloads at once, hidden ones when shown. A commit that the log does not list
    /// (a keystroke in someone's review draft, a setting) costs nothing more.
    fn others_changed(&mut self, changes: &Changes) -> bool {
        if changes.is_empty() {
            return false;
        }
        if changes.touches(&["person"]) {
            self.refresh_privacy();
        }
        let mut redraw = false;
        for id in PaneId::ALL {
            let i = id.index();
            if self.stale[i] {
                continue;
            }
            let (pane, mut ctx) = self.split_for(id);
            let applied = pane.apply_changes(changes, &mut ctx);
            match applied {
                Ok(Applied::Unaffected) => {}
                Ok(Applied::Patched) => redraw |= id == self.active,
                Ok(Applied::Reload) => {
                    self.stale[i] = true;
                    self.deferred[i] = id != self.active;
                    if id == self.active {
                        redraw = true;
                        if self.pane().loads_on_demand() {
                            self.flash = Some(Flash::Info(
                                "The register changed: press r to refresh these figures".into(),
                            ));
                        } else {
                            self.load_active();
                        }
                    }
                }
                Err(e) => {
                    self.stale[i] = true;
                    self.flash = Some(Flash::Error(e.to_string()));
                    redraw = true;
                }
            }
        }
        redraw
    }
}
