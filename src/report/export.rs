//! `dsr export`: the whole register as JSON (nested per person) or CSV (one row per person).
//! Field names are a stable contract documented in README.md.

pub mod pseudonymised;

use super::csv_out::CsvOut;
use crate::domain::action::ActionStatus;
use crate::domain::age::age_on;
use crate::domain::consent::{ConsentRecord, Decision, Scope, scope_state};
use crate::domain::review::ReviewStatus;
use crate::store::actions::{self, ActionEvent, ActionRow};
use crate::store::admissions::{self, Admission};
use crate::store::people::{self, PersonRecord, RatingChange};
use crate::store::requests::{self, Request};
use crate::store::reviews::{self, ReviewDetails, ReviewRow};
use crate::store::{Result, Store, consent, journey, migrations, reports};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;

#[derive(Serialize)]
pub struct RegisterExport {
    pub schema_version: i64,
    pub exported_on: NaiveDate,
    pub people: Vec<PersonExport>,
}

#[derive(Serialize)]
pub struct PersonExport {
    pub id: i64,
    pub nhs_number: Option<String>,
    pub local_id: Option<String>,
    pub given_name: String,
    pub family_name: String,
    pub preferred_name: Option<String>,
    pub date_of_birth: NaiveDate,
    pub age: u32,
    pub diagnosis: &'static str,
    pub ehcp: bool,
    pub setting: Option<&'static str>,
    pub keyworker: Option<String>,
    pub care_coordinator: Option<String>,
    pub consent: Vec<ConsentExport>,
    /// What the consent records mean on the export day, per scope: `given`, `missing`, ...
    pub consent_status: ConsentStatusExport,
    pub rating: &'static str,
    pub rating_since: NaiveDate,
    pub next_review_due: Option<NaiveDate>,
    pub next_review_type: Option<String>,
    pub added_on: NaiveDate,
    pub removed_on: Option<NaiveDate>,
    pub removed_reason: Option<String>,
    pub criteria: Vec<String>,
    /// The type of advocacy the person receives (a code of the advocacy lookup).
    pub advocacy: Option<String>,
    pub rating_history: Vec<RatingChange>,
    pub admissions: Vec<Admission>,
    /// Requests for a C(E)TR and their decisions, oldest first.
    pub requests: Vec<RequestExport>,
    pub reviews: Vec<ReviewExport>,
    pub actions: Vec<ActionExport>,
}

#[derive(Serialize)]
pub struct RequestExport {
    pub id: i64,
    pub requested_on: NaiveDate,
    pub requested_by: &'static str,
    pub requester: String,
    pub reason: String,
    pub outcome: Option<&'static str>,
    pub decided_on: Option<NaiveDate>,
    pub decided_by: Option<String>,
    pub decision_reason: Option<String>,
    pub review_id: Option<i64>,
}

impl From<Request> for RequestExport {
    fn from(r: Request) -> Self {
        RequestExport {
            id: r.id,
            requested_on: r.requested_on,
            requested_by: r.requested_by.code(),
            requester: r.requester,
            reason: r.reason,
            outcome: r.outcome.map(|o| o.code()),
            decided_on: r.decided_on,
            decided_by: r.decided_by,
            decision_reason: r.decision_reason,
            review_id: r.review_id,
        }
    }
}

#[derive(Serialize)]
pub struct ConsentExport {
    pub giver: &'static str,
    pub giver_name: Option<String>,
    pub capacity_assessed_on: Option<NaiveDate>,
    pub basis: &'static str,
    pub decided_on: NaiveDate,
    pub scopes: Vec<&'static str>,
    pub share_with: Vec<String>,
    pub status: &'static str,
    pub withdrawn_on: Option<NaiveDate>,
    pub recorded_by: String,
}

impl From<ConsentRecord> for ConsentExport {
    fn from(c: ConsentRecord) -> Self {
        ConsentExport {
            giver: c.giver.code(),
            giver_name: c.giver_name,
            capacity_assessed_on: c.capacity_assessed_on,
            basis: c.basis.code(),
            decided_on: c.decided_on,
            scopes: c.scopes.iter().map(|s| s.code()).collect(),
            share_with: c.share_with,
            status: c.decision.code(),
            withdrawn_on: match c.decision {
                Decision::Withdrawn(on) => Some(on),
                Decision::Given | Decision::Declined => None,
            },
            recorded_by: c.recorded_by,
        }
    }
}

#[derive(Serialize, Clone, Copy)]
pub struct ConsentStatusExport {
    pub register: &'static str,
    pub review: &'static str,
    pub sharing: &'static str,
}

impl ConsentStatusExport {
    fn of(records: &[ConsentRecord], dob: NaiveDate, today: NaiveDate) -> Self {
        let word = |s| scope_state(records, dob, today, s).word();
        ConsentStatusExport {
            register: word(Scope::Register),
            review: word(Scope::Review),
            sharing: word(Scope::Sharing),
        }
    }
}

#[derive(Serialize)]
pub struct ReviewExport {
    pub id: i64,
    pub kind: &'static str,
    #[serde(rename = "type")]
    pub review_type: &'static str,
    pub status: &'static str,
    pub held_on: NaiveDate,
    pub findings: [String; 4],
    pub proposed_rating: Option<&'static str>,
    pub rating_reason: Option<String>,
    pub community_needs_met: Option<bool>,
    pub finalised_at: Option<String>,
    /// A draft discarded with a reason: when, by whom and why (null otherwise).
    pub discarded_at: Option<String>,
    pub discarded_by: Option<String>,
    pub discard_reason: Option<String>,
    pub place: Option<String>,
    #[serde(rename = "virtual")]
    pub virtual_meeting: bool,
    pub consent_note: Option<String>,
    pub ready: bool,
    pub outcome_notes: Option<String>,
    /// Whether the person, and their family or carers, took part: `attended`, `contributed`
    /// (another way) or `declined`.
    pub person_attendance: Option<&'static str>,
    pub family_attendance: Option<&'static str>,
    pub report_sent_on: Option<NaiveDate>,
    pub report_sent_to: Option<String>,
    pub family_plan_sent_on: Option<NaiveDate>,
    pub family_plan_sent_to: Option<String>,
    #[serde(flatten)]
    pub details: ReviewDetails,
}

#[derive(Serialize)]
pub struct ActionExport {
    pub id: i64,
    pub text: String,
    pub owner: String,
    pub organisation: String,
    pub due: NaiveDate,
    pub status: &'static str,
    pub review_id: Option<i64>,
    pub question: Option<u8>,
    pub completed_on: Option<NaiveDate>,
    pub evidence: Option<String>,
    /// Every change with who, when and why (kind, from, to, reason), oldest first.
    pub history: Vec<ActionEvent>,
}

fn group<T>(items: Vec<T>, key: impl Fn(&T) -> i64) -> HashMap<i64, Vec<T>> {
    let mut out: HashMap<i64, Vec<T>> = HashMap::new();
    for item in items {
        out.entry(key(&item)).or_default().push(item);
    }
    out
}

/// Build the whole register in memory with one query per table (no per-person queries).
pub fn build(store: &Store, today: NaiveDate) -> Result<RegisterExport> {
    build_since(store, today, None)
}

/// As [`build`], keeping only people with a change on or after `since` (by the audit trail).
pub fn build_since(
    store: &Store,
    today: NaiveDate,
    since: Option<NaiveDate>,
) -> Result<RegisterExport> {
    let conn = store.conn();
    let keep: Option<std::collections::HashSet<i64>> = since
        .map(|d| reports::people_changed_since(conn, d))
        .transpose()?
        .map(|ids| ids.into_iter().collect());
    let mut history = group(people::all_rating_changes(conn)?, |r| r.person_id);
    let mut admissions = group(admissions::all_admissions(conn)?, |a| a.person_id);
    let mut review_rows = group(reviews::all(conn)?, |r: &ReviewRow| r.person_id);
    let mut action_rows = group(actions::all(conn)?, |a: &ActionRow| a.person_id);
    let mut action_events = group(actions::all_events(conn)?, |e: &ActionEvent| e.action_id);
    let mut all_findings = reviews::all_findings(conn)?;
    let mut all_details = reviews::all_details(conn)?;
    let mut all_requests = group(requests::all(conn)?, |q: &Request| q.person_id);
    let mut advocacy = journey::all_advocacy(conn)?;
    let mut all_consents = consent::all_consents(conn)?;
    let people = people::all_people(conn)?
        .into_iter()
        .filter(|p| keep.as_ref().is_none_or(|k| k.contains(&p.id)))
        .map(|p: PersonRecord| {
            let d = p.details;
            let consents = all_consents.remove(&p.id).unwrap_or_default();
            PersonExport {
                id: p.id,
                nhs_number: d.nhs_number.as_ref().map(|n| n.digits().to_string()),
                local_id: d.local_id,
                given_name: d.given_name,
                family_name: d.family_name,
                preferred_name: d.preferred_name,
                date_of_birth: d.date_of_birth,
                age: age_on(d.date_of_birth, today),
                diagnosis: d.diagnosis.code(),
                ehcp: d.ehcp,
                setting: d.setting.map(|s| s.code()),
                keyworker: d.keyworker,
                care_coordinator: d.care_coordinator,
                consent_status: ConsentStatusExport::of(&consents, d.date_of_birth, today),
                consent: consents.into_iter().map(ConsentExport::from).collect(),
                rating: p.rating.code(),
                rating_since: p.rating_since,
                next_review_due: p.next_review_due,
                next_review_type: p.next_review_type,
                added_on: p.added_on,
                removed_on: p.removed_on,
                removed_reason: p.removed_reason,
                criteria: d.criteria,
                advocacy: advocacy.remove(&p.id),
                rating_history: history.remove(&p.id).unwrap_or_default(),
                admissions: admissions.remove(&p.id).unwrap_or_default(),
                requests: all_requests
                    .remove(&p.id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(RequestExport::from)
                    .collect(),
                reviews: review_rows
                    .remove(&p.id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|r| ReviewExport {
                        id: r.id,
                        kind: r.kind.code(),
                        review_type: r.review_type.code(),
                        status: r.status.code(),
                        held_on: r.held_on,
                        findings: all_findings.remove(&r.id).unwrap_or_default(),
                        proposed_rating: r.proposed_rating.map(|x| x.code()),
                        rating_reason: r.rating_reason,
                        community_needs_met: r.community_needs_met,
                        finalised_at: r.finalised_at,
                        discarded_at: r.discarded_at,
                        discarded_by: r.discarded_by,
                        discard_reason: r.discard_reason,
                        place: r.place,
                        virtual_meeting: r.virtual_meeting,
                        consent_note: r.consent_note,
                        ready: r.ready,
                        outcome_notes: r.outcome_notes,
                        person_attendance: r.person_attendance.map(|a| a.code()),
                        family_attendance: r.family_attendance.map(|a| a.code()),
                        report_sent_on: r.report_sent_on,
                        report_sent_to: r.report_sent_to,
                        family_plan_sent_on: r.family_plan_sent_on,
                        family_plan_sent_to: r.family_plan_sent_to,
                        details: all_details.remove(&r.id).unwrap_or_default(),
                    })
                    .collect(),
                actions: action_rows
                    .remove(&p.id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|a| ActionExport {
                        id: a.id,
                        text: a.text,
                        owner: a.owner,
                        organisation: a.organisation,
                        due: a.due,
                        status: a.status.code(),
                        review_id: a.review_id,
                        question: a.question,
                        completed_on: a.completed_on,
                        evidence: a.evidence,
                        history: action_events.remove(&a.id).unwrap_or_default(),
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(RegisterExport {
        schema_version: migrations::SCHEMA_VERSION,
        exported_on: today,
        people,
    })
}

/// How many of these stored statuses are still open (not done or cancelled).
pub(super) fn open_actions<'a>(statuses: impl Iterator<Item = &'a str>) -> usize {
    statuses
        .filter(|s| ActionStatus::parse(s).is_some_and(|st| !st.is_closed()))
        .count()
}

pub fn write_json(export: &RegisterExport, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, export)?;
    writeln!(out)
}

/// One row per person: the flat view spreadsheets expect. Nested history stays in JSON.
pub fn write_csv(export: &RegisterExport, out: &mut dyn Write) -> csv::Result<()> {
    let mut w = CsvOut::new(
        out,
        &[
            "id",
            "nhs_number",
            "local_id",
            "given_name",
            "family_name",
            "preferred_name",
            "date_of_birth",
            "age",
            "diagnosis",
            "ehcp",
            "setting",
            "keyworker",
            "rating",
            "rating_since",
            "next_review_due",
            "next_review_type",
            "criteria",
            "open_actions",
            "removed_on",
            "advocacy",
            "requests_open",
            "last_request_on",
            "last_review_held_on",
            "person_attendance",
            "family_attendance",
            "report_sent_on",
            "family_plan_sent_on",
        ],
    )?;
    let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    for p in &export.people {
        let open = open_actions(p.actions.iter().map(|a| a.status));
        // The journey columns follow the latest finished review (by the day it was held).
        let last = p
            .reviews
            .iter()
            .filter(|r| r.status == ReviewStatus::Final.code())
            .max_by_key(|r| (r.held_on, r.id));
        w.row([
            p.id.to_string(),
            p.nhs_number.clone().unwrap_or_default(),
            p.local_id.clone().unwrap_or_default(),
            p.given_name.clone(),
            p.family_name.clone(),
            p.preferred_name.clone().unwrap_or_default(),
            p.date_of_birth.to_string(),
            p.age.to_string(),
            p.diagnosis.to_string(),
            if p.ehcp { "yes" } else { "no" }.to_string(),
            p.setting.unwrap_or_default().to_string(),
            p.keyworker.clone().unwrap_or_default(),
            p.rating.to_string(),
            p.rating_since.to_string(),
            p.next_review_due.map(|d| d.to_string()).unwrap_or_default(),
            p.next_review_type.clone().unwrap_or_default(),
            p.criteria.join(";"),
            open.to_string(),
            p.removed_on.map(|d| d.to_string()).unwrap_or_default(),
            p.advocacy.clone().unwrap_or_default(),
            p.requests
                .iter()
                .filter(|q| q.outcome.is_none())
                .count()
                .to_string(),
            day(p.requests.iter().map(|q| q.requested_on).max()),
            day(last.map(|r| r.held_on)),
            last.and_then(|r| r.person_attendance)
                .unwrap_or_default()
                .to_string(),
            last.and_then(|r| r.family_attendance)
                .unwrap_or_default()
                .to_string(),
            day(last.and_then(|r| r.report_sent_on)),
            day(last.and_then(|r| r.family_plan_sent_on)),
        ])?;
    }
    w.finish()
}
