//! Triage of an action: the changes a commissioner makes while chasing, each checked against the rules
//! (DSR policy "Actions": every change keeps its reason; re-dating must give one) before it is stored.

use super::action::ActionStatus;
use chrono::NaiveDate;
use std::fmt;

/// The fields of an action that triage can change: what undo restores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionState {
    pub status: ActionStatus,
    pub due: NaiveDate,
    pub owner: String,
    pub organisation: String,
    pub completed_on: Option<NaiveDate>,
    pub evidence: Option<String>,
}

/// One triage step on one action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Mark done on `on`, with an optional completion note and evidence.
    Done {
        on: NaiveDate,
        note: String,
        evidence: String,
    },
    InProgress {
        note: String,
    },
    /// Chase it up the line: a note saying why is required.
    Escalate {
        note: String,
    },
    Reassign {
        owner: String,
        organisation: String,
        reason: String,
    },
    /// A new due date; the reason is required.
    Redate {
        due: NaiveDate,
        reason: String,
    },
    Cancel {
        reason: String,
    },
    /// Put back the state before an earlier step (`what` names that step).
    Undo {
        restore: ActionState,
        what: String,
    },
}

/// The part of a change a refusal is about, so a form can put the message on that field and
/// the cursor there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Note,
    Reason,
    Owner,
    Date,
}

/// Why a change was refused, and which part of it (none when it is the action's state).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriageError(pub String, pub Option<Part>);

impl fmt::Display for TriageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TriageError {}

impl Change {
    /// The history kind recorded in `action_event.kind`.
    pub fn kind(&self) -> &'static str {
        match self {
            Change::Done { .. } => "done",
            Change::InProgress { .. } => "in_progress",
            Change::Escalate { .. } => "escalated",
            Change::Reassign { .. } => "reassigned",
            Change::Redate { .. } => "redated",
            Change::Cancel { .. } => "cancelled",
            Change::Undo { .. } => "undo",
        }
    }

    /// Past-tense wording for messages: "marked done", "re-dated".
    pub fn label(&self) -> &'static str {
        match self {
            Change::Done { .. } => "marked done",
            Change::InProgress { .. } => "marked in progress",
            Change::Escalate { .. } => "escalated",
            Change::Reassign { .. } => "reassigned",
            Change::Redate { .. } => "re-dated",
            Change::Cancel { .. } => "cancelled",
            Change::Undo { .. } => "undone",
        }
    }

    /// The reason or note kept with the history entry (None when empty).
    pub fn reason(&self) -> Option<String> {
        let r = match self {
            Change::Done { note, .. } | Change::InProgress { note } | Change::Escalate { note } => {
                note.trim().to_string()
            }
            Change::Reassign { reason, .. }
            | Change::Redate { reason, .. }
            | Change::Cancel { reason } => reason.trim().to_string(),
            Change::Undo { what, .. } => format!("undo of: {}", what.trim()),
        };
        (!r.is_empty()).then_some(r)
    }
}

fn required(value: &str, what: &str, part: Part) -> Result<(), TriageError> {
    if value.trim().is_empty() {
        Err(TriageError(format!("{what} is required"), Some(part)))
    } else {
        Ok(())
    }
}

fn open_only(before: &ActionState, verb: &str) -> Result<(), TriageError> {
    if before.status.is_closed() {
        Err(TriageError(
            format!(
                "this action is already {}: it cannot be {verb} (u undoes a recent step)",
                before.status.label()
            ),
            None,
        ))
    } else {
        Ok(())
    }
}

/// Apply a change to an action's state, or say why it is not allowed.
/// Rules: closed (done/cancelled) actions take no further triage except undo; escalating,
/// re-dating and cancelling need a reason; reassigning needs a named owner who differs;
/// re-dating needs a different date. Undo puts every field back as it was.
pub fn apply(before: &ActionState, change: &Change) -> Result<ActionState, TriageError> {
    let mut after = before.clone();
    match change {
        Change::Done { on, evidence, .. } => {
            open_only(before, "marked done")?;
            after.status = ActionStatus::Done;
            after.completed_on = Some(*on);
            let evidence = evidence.trim();
            after.evidence = (!evidence.is_empty()).then(|| evidence.to_string());
        }
        Change::InProgress { .. } => {
            open_only(before, "marked in progress")?;
            if before.status == ActionStatus::InProgress {
                return Err(TriageError(
                    "this action is already in progress".into(),
                    None,
                ));
            }
            after.status = ActionStatus::InProgress;
        }
        Change::Escalate { note } => {
            open_only(before, "escalated")?;
            required(note, "a note saying why it is escalated", Part::Note)?;
            after.status = ActionStatus::Escalated;
        }
        Change::Reassign {
            owner,
            organisation,
            ..
        } => {
            open_only(before, "reassigned")?;
            required(owner, "a named owner", Part::Owner)?;
            let (owner, organisation) = (owner.trim(), organisation.trim());
            if owner == before.owner && organisation == before.organisation {
                return Err(TriageError(
                    format!(
                        "{owner} already owns this action: give a different owner or organisation"
                    ),
                    Some(Part::Owner),
                ));
            }
            after.owner = owner.to_string();
            after.organisation = organisation.to_string();
        }
        Change::Redate { due, reason } => {
            open_only(before, "re-dated")?;
            required(reason, "a reason for the new date", Part::Reason)?;
            if *due == before.due {
                return Err(TriageError(
                    "the new date is the same as the current one: give another date".into(),
                    Some(Part::Date),
                ));
            }
            after.due = *due;
        }
        Change::Cancel { reason } => {
            open_only(before, "cancelled")?;
            required(reason, "a reason for cancelling", Part::Reason)?;
            after.status = ActionStatus::Cancelled;
        }
        Change::Undo { restore, .. } => {
            if restore == before {
                return Err(TriageError(
                    "nothing to undo: the action is unchanged".into(),
                    None,
                ));
            }
            after = restore.clone();
        }
    }
    Ok(after)
}

/// Whether a due date (a re-date, a new action, a recommendation) needs the user to confirm it:
/// a date before today is overdue the moment it is saved, usually a slip.
pub fn past_due_needs_confirmation(due: NaiveDate, today: NaiveDate) -> bool {
    due < today
}

#[cfg(test)]
mod tests;
