//! The command-line side of the C(E)TR journey: the request log, the key lines of enquiry
//! lookup, the report sent, advocacy. Each write returns the line to print.

use super::csv_out::CsvOut;
use crate::cli::{KloeCommand, RequestCommand};
use crate::domain::dates::{parse_date, uk};
use crate::domain::journey::JourneyPolicy;
use crate::domain::request::{RequestOutcome, RequestedBy};
use crate::store::requests::{self, Decision, NewRequest, Request};
use crate::store::reviews::{self, Paper};
use crate::store::{Result, Store, StoreError, journey};
use chrono::NaiveDate;
use serde::Serialize;
use std::io::Write;

fn date_or_today(flag: &str, given: Option<&str>, today: NaiveDate) -> Result<NaiveDate> {
    match given {
        None => Ok(today),
        Some(s) => parse_date(s, today).map_err(|e| StoreError::Invalid(format!("{flag}: {e}"))),
    }
}

/// Log a request or record a decision; returns what happened, for the terminal.
pub fn request_write(store: &mut Store, cmd: &RequestCommand, today: NaiveDate) -> Result<String> {
    match cmd {
        RequestCommand::Add {
            person,
            by,
            requester,
            reason,
            on,
        } => {
            let requested_by = RequestedBy::parse(by).ok_or_else(|| {
                StoreError::Invalid(format!(
                    "--by {by:?}: say who asked: person, family or professional"
                ))
            })?;
            let new = NewRequest {
                person_id: *person,
                requested_on: date_or_today("--on", on.as_deref(), today)?,
                requested_by,
                requester: requester.clone(),
                reason: reason.clone(),
            };
            let id = store.write(|w| requests::add(w, &new, today))?;
            let due = journey::journey_policy(store.conn())?.decision_due(new.requested_on);
            Ok(format!(
                "request {id} logged; a decision is due by {}",
                uk(due)
            ))
        }
        RequestCommand::Decide {
            id,
            outcome,
            by,
            reason,
            on,
            review,
        } => {
            let outcome = RequestOutcome::parse(outcome).ok_or_else(|| {
                StoreError::Invalid(format!(
                    "--outcome {outcome:?}: use booked, emergency or declined"
                ))
            })?;
            let d = Decision {
                outcome,
                decided_on: date_or_today("--on", on.as_deref(), today)?,
                decided_by: by.clone(),
                reason: reason.clone(),
                review_id: *review,
            };
            let version = requests::get(store.conn(), *id)?.version;
            store.write(|w| requests::decide(w, *id, version, &d, today))?;
            Ok(format!("request {id}: {}", outcome.label()))
        }
        RequestCommand::List { .. } => Err(StoreError::Invalid(
            "listing writes nothing: use request_lines".into(),
        )),
    }
}

/// One request as listed: the log plus when its decision is due and whether that has passed.
#[derive(Debug, Clone, Serialize)]
pub struct RequestLine {
    #[serde(flatten)]
    pub request: Request,
    pub decision_due: NaiveDate,
    pub overdue: bool,
}

pub fn request_lines(
    all: Vec<Request>,
    open_only: bool,
    policy: &JourneyPolicy,
    today: NaiveDate,
) -> Vec<RequestLine> {
    all.into_iter()
        .filter(|r| !open_only || r.outcome.is_none())
        .map(|r| RequestLine {
            decision_due: policy.decision_due(r.requested_on),
            overdue: policy.request_overdue(r.requested_on, r.outcome.is_some(), today),
            request: r,
        })
        .collect()
}

pub fn write_requests_json(lines: &[RequestLine], out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, lines)?;
    writeln!(out)
}

pub fn write_requests_csv(lines: &[RequestLine], out: &mut dyn Write) -> csv::Result<()> {
    let mut w = CsvOut::new(
        out,
        &[
            "id",
            "person_id",
            "person",
            "requested_on",
            "requested_by",
            "requester",
            "reason",
            "decision_due",
            "overdue",
            "outcome",
            "decided_on",
            "decided_by",
            "decision_reason",
            "review_id",
        ],
    )?;
    for l in lines {
        let r = &l.request;
        w.row([
            r.id.to_string(),
            r.person_id.to_string(),
            r.person_name.clone(),
            r.requested_on.to_string(),
            r.requested_by.code().to_string(),
            r.requester.clone(),
            r.reason.clone(),
            l.decision_due.to_string(),
            if l.overdue { "yes" } else { "no" }.to_string(),
            r.outcome.map(|o| o.code()).unwrap_or_default().to_string(),
            r.decided_on.map(|d| d.to_string()).unwrap_or_default(),
            r.decided_by.clone().unwrap_or_default(),
            r.decision_reason.clone().unwrap_or_default(),
            r.review_id.map(|i| i.to_string()).unwrap_or_default(),
        ])?;
    }
    w.finish()
}

/// Record that a report or family plan was sent.
pub fn review_sent(
    store: &mut Store,
    id: i64,
    family: bool,
    to: &str,
    on: Option<&str>,
    today: NaiveDate,
) -> Result<String> {
    let paper = if family {
        Paper::FamilyPlan
    } else {
        Paper::Report
    };
    let on = date_or_today("--on", on, today)?;
    store.write(|w| reviews::set_sent(w, id, paper, on, to, today))?;
    Ok(format!("review {id}: {} sent {}", paper.label(), uk(on)))
}

/// Reword a line of enquiry, or list the lookup (id, template, question, text, source).
pub fn kloes(store: &mut Store, cmd: Option<&KloeCommand>) -> Result<String> {
    match cmd {
        Some(KloeCommand::Reword { id, text, source }) => {
            let new = store.write(|w| reviews::reword_kloe(w, *id, text, source))?;
            Ok(format!("line {id} retired; its new wording is line {new}"))
        }
        None => {
            let mut out = String::new();
            for k in reviews::kloe_lookup(store.conn())?
                .iter()
                .filter(|k| k.active)
            {
                out.push_str(&format!(
                    "{:>4}  {:<16} Q{}  {}  [{}]\n",
                    k.id, k.template, k.question, k.text, k.source
                ));
            }
            Ok(out.trim_end().to_string())
        }
    }
}

/// Record the type of advocacy a person receives.
pub fn advocacy(store: &mut Store, person: i64, code: &str) -> Result<String> {
    store.write(|w| journey::set_advocacy(w, person, code))?;
    let label = crate::domain::journey::advocacy_label(code).unwrap_or(code);
    Ok(format!("person {person}: advocacy {label}"))
}
