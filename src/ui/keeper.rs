//! What the session leaves for the next one, written once on the way out by whichever path gets
//! there first: the loop when it ends, or the hang-up watchdog when the loop is stuck on a
//! vanished terminal. The loop refreshes it after every event, so the watchdog always has the
//! typing up to the last key.

use crate::user_state::{Leaving, StateFile};
use std::sync::Mutex;

pub struct Keeper {
    file: Option<StateFile>,
    /// The latest state, and whether it has been written (then nothing more is).
    last: Mutex<(Option<Leaving>, bool)>,
}

impl Keeper {
    /// `file`: None when there is nowhere to keep anything (no home directory).
    pub fn new(file: Option<StateFile>) -> Keeper {
        Keeper {
            file,
            last: Mutex::new((None, false)),
        }
    }

    /// What leaving now would keep.
    pub fn update(&self, state: Leaving) {
        // A poisoned lock only means another thread panicked mid-update; the data is whole.
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        last.0 = Some(state);
    }

    /// Write the latest state, once. Err names what could not be written.
    pub fn keep(&self) -> color_eyre::Result<()> {
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        if last.1 {
            return Ok(());
        }
        last.1 = true;
        let (Some(f), Some(l)) = (&self.file, &last.0) else {
            return Ok(());
        };
        // The new draft first: whatever fails after it, the typing is safe.
        let draft = l
            .draft
            .as_ref()
            .map_or(Ok(()), |d| f.keep_draft(d).map(|_| ()));
        let place = f.save_place(l.place.as_ref());
        let taken = l.taken.iter().try_for_each(|t| f.drop_draft(t));
        draft.and(place).and(taken)
    }
}
