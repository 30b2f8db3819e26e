//! After the meeting: when the review report and the family's action plan went out, and to whom.

use super::draft::set_value;
use super::{Result, StoreError, Writer, bad, get};
use crate::domain::journey::{JourneyPolicy, ReportSent};
use crate::domain::review::{ReviewKind, ReviewStatus};
use crate::store::people::{date, iso, opt_date};
use chrono::NaiveDate;
use rusqlite::Connection;
use rusqlite::types::Value;
use serde::Serialize;

/// Which paper went out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    /// The review report, to everyone who took part.
    Report,
    /// The plain-English action plan, to the person and family.
    FamilyPlan,
}

impl Paper {
    pub fn label(self) -> &'static str {
        match self {
            Paper::Report => "review report",
            Paper::FamilyPlan => "family action plan",
        }
    }
}

/// Record that the report or the family plan was sent on `on` to `to`. Only a final review has a
/// report to send; `today` bounds the date (a paper cannot be sent in the future).
pub fn set_sent(
    w: &mut Writer,
    review_id: i64,
    paper: Paper,
    on: NaiveDate,
    to: &str,
    today: NaiveDate,
) -> Result<()> {
    let review = get(&w.tx, review_id)?;
    if review.status != ReviewStatus::Final {
        return Err(StoreError::Invalid(format!(
            "review {review_id} is still a draft: finalise it before recording that its {} went out",
            paper.label()
        )));
    }
    if on < review.held_on || on > today {
        return Err(StoreError::Invalid(format!(
            "the {} cannot have been sent on {}: give a date between the meeting ({}) and today",
            paper.label(),
            crate::domain::dates::uk(on),
            crate::domain::dates::uk(review.held_on)
        )));
    }
    let to = to.trim();
    if to.is_empty() {
        return Err(StoreError::Invalid(format!(
            "say who the {} was sent to",
            paper.label()
        )));
    }
    let (on_col, to_col) = match paper {
        Paper::Report => ("report_sent_on", "report_sent_to"),
        Paper::FamilyPlan => ("family_plan_sent_on", "family_plan_sent_to"),
    };
    set_value(
        w,
        review_id,
        "review",
        review_id,
        on_col,
        Value::Text(iso(on)),
        on_col,
    )?;
    set_value(
        w,
        review_id,
        "review",
        review_id,
        to_col,
        Value::Text(to.into()),
        to_col,
    )
}

/// A final review whose report or family plan is still unsent after its due day.
#[derive(Debug, Clone, Serialize)]
pub struct OverdueReport {
    pub review_id: i64,
    pub person_id: i64,
    pub person_name: String,
    pub kind: ReviewKind,
    pub held_on: NaiveDate,
    pub due: NaiveDate,
    pub report_sent: bool,
    pub family_plan_sent: bool,
}

/// Final reviews of people still on the register whose papers are overdue, oldest first.
pub fn overdue_reports(
    conn: &Connection,
    policy: &JourneyPolicy,
    today: NaiveDate,
) -> Result<Vec<OverdueReport>> {
    let rows: Vec<(OverdueReport, ReportSent)> = super::super::collect(
        conn,
        "SELECT r.id, r.person_id, p.family_name || ', ' || p.given_name, r.kind, r.held_on,
                r.report_sent_on, r.family_plan_sent_on
         FROM review r JOIN person p ON p.id = r.person_id
         WHERE r.status = 'final' AND (r.report_sent_on IS NULL OR r.family_plan_sent_on IS NULL)
           AND p.removed_on IS NULL
         ORDER BY r.held_on, r.id",
        [],
        |r| {
            let kind: String = r.get(3)?;
            let held_on = date(&r.get::<_, String>(4)?)?;
            let sent = ReportSent {
                report: opt_date(r.get(5)?)?,
                family_plan: opt_date(r.get(6)?)?,
            };
            Ok((
                OverdueReport {
                    review_id: r.get(0)?,
                    person_id: r.get(1)?,
                    person_name: r.get(2)?,
                    kind: ReviewKind::parse(&kind).ok_or_else(|| bad("review kind", &kind))?,
                    held_on,
                    due: policy.report_due(held_on),
                    report_sent: sent.report.is_some(),
                    family_plan_sent: sent.family_plan.is_some(),
                },
                sent,
            ))
        },
    )?;
    let out = rows
        .into_iter()
        .filter(|(o, sent)| policy.report_overdue(o.held_on, *sent, today))
        .map(|(o, _)| o)
        .collect();
    Ok(out)
}
