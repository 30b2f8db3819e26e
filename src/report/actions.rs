//! `dsr actions`: the action list as it goes into an email or a meeting pack, in triage order
//! (overdue first, most days overdue at the top). Field names are a contract documented in README.md.

use super::csv_out::CsvOut;
use crate::domain::action::{Urgency, days_overdue, triage_order, urgency};
use crate::store::actions::ActionRow;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashSet;
use std::io::Write;

/// Which actions to list.
#[derive(Debug, Clone, Default)]
pub struct ActionQuery {
    /// Only overdue actions.
    pub overdue: bool,
    /// Only this owner (case-insensitive, surrounding spaces ignored).
    pub owner: Option<String>,
    /// Include done and cancelled actions.
    pub include_closed: bool,
}

#[derive(Debug, Serialize)]
pub struct ActionLine {
    pub id: i64,
    pub person_id: i64,
    pub person: String,
    pub rating: &'static str,
    pub text: String,
    pub owner: String,
    pub organisation: String,
    pub due: NaiveDate,
    pub status: &'static str,
    pub overdue: bool,
    pub days_overdue: i64,
    pub review_id: Option<i64>,
    pub question: Option<u8>,
    pub completed_on: Option<NaiveDate>,
    pub evidence: Option<String>,
}

/// What an action list says instead of the name of someone who has not agreed to share.
pub const NAME_WITHHELD: &str = "(name withheld: no consent to share)";

/// Leave out the name of everyone not in `sharing` (the people whose consent to share is given):
/// the list goes to owners in other organisations. The record number stays so the team can look
/// the person up in the register.
pub fn withhold_names(lines: Vec<ActionLine>, sharing: &HashSet<i64>) -> Vec<ActionLine> {
    lines
        .into_iter()
        .map(|l| {
            if sharing.contains(&l.person_id) {
                l
            } else {
                ActionLine {
                    person: NAME_WITHHELD.to_string(),
                    ..l
                }
            }
        })
        .collect()
}

pub fn select(rows: Vec<ActionRow>, q: &ActionQuery, today: NaiveDate) -> Vec<ActionLine> {
    let owner = q.owner.as_deref().map(|o| o.trim().to_lowercase());
    let mut rows: Vec<ActionRow> = rows
        .into_iter()
        .filter(|a| q.include_closed || !a.status.is_closed())
        .filter(|a| !q.overdue || urgency(a.status, a.due, today) == Urgency::Overdue)
        .filter(|a| {
            owner
                .as_deref()
                .is_none_or(|o| a.owner.trim().to_lowercase() == o)
        })
        .collect();
    rows.sort_by(|a, b| {
        triage_order(
            (a.status, a.due, a.person_rating),
            (b.status, b.due, b.person_rating),
            today,
        )
        .then(a.id.cmp(&b.id))
    });
    rows.into_iter()
        .map(|a| {
            let late = days_overdue(a.status, a.due, today);
            ActionLine {
                id: a.id,
                person_id: a.person_id,
                person: a.person_name,
                rating: a.person_rating.code(),
                text: a.text,
                owner: a.owner,
                organisation: a.organisation,
                due: a.due,
                status: a.status.code(),
                overdue: late > 0,
                days_overdue: late,
                review_id: a.review_id,
                question: a.question,
                completed_on: a.completed_on,
                evidence: a.evidence,
            }
        })
        .collect()
}

pub fn write_json(lines: &[ActionLine], out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, lines)?;
    writeln!(out)
}

pub fn write_csv(lines: &[ActionLine], out: &mut dyn Write) -> csv::Result<()> {
    let mut w = CsvOut::new(
        out,
        &[
            "id",
            "person_id",
            "person",
            "rating",
            "text",
            "owner",
            "organisation",
            "due",
            "status",
            "days_overdue",
            "review_id",
            "question",
            "completed_on",
            "evidence",
        ],
    )?;
    let opt = |v: Option<String>| v.unwrap_or_default();
    for a in lines {
        w.row([
            a.id.to_string(),
            a.person_id.to_string(),
            a.person.clone(),
            a.rating.to_string(),
            a.text.clone(),
            a.owner.clone(),
            a.organisation.clone(),
            a.due.to_string(),
            a.status.to_string(),
            a.days_overdue.to_string(),
            opt(a.review_id.map(|r| r.to_string())),
            opt(a.question.map(|r| r.to_string())),
            opt(a.completed_on.map(|d| d.to_string())),
            a.evidence.clone().unwrap_or_default(),
        ])?;
    }
    w.finish()
}
