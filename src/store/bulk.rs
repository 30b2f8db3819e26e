//! Loading a whole register at once (the demo generator): rows go in through cached prepared
//! statements inside the caller's one transaction, stored exactly as the everyday writes store
//! them, but without their per-field audit rows: the caller writes one audit entry for the load.
//! A loader that knows each person's next dates passes them in; [`finish`] works out the rest.

use super::actions::{created_reason, history_entry};
use super::admissions::NewAdmission;
use super::consent::scopes_code;
use super::people::{columns, iso};
use super::schedule::backfill;
use super::{Result, Store, StoreError, Writer};
use crate::domain::consent::{ConsentRecord, Decision};
use crate::domain::journey::Attendance;
use crate::domain::kloe::KloeTemplate;
use crate::domain::person::PersonDetails;
use crate::domain::rating::Rating;
use crate::domain::request::{RequestOutcome, RequestedBy};
use crate::domain::review::{PanelRole, ReviewKind, ReviewType};
use crate::domain::schedule::Schedule;
use crate::domain::triage::{ActionState, Change};
use chrono::NaiveDate;
use rusqlite::params;

/// A person as they stand after their history: current rating (since when), setting and joining
/// date; their next dates when the loader has worked them out from the rows it writes (else
/// [`finish`] does), and the type of advocacy they receive when known.
pub struct PersonNow<'a> {
    pub details: &'a PersonDetails,
    pub rating: Rating,
    pub rating_since: NaiveDate,
    pub added_on: NaiveDate,
    pub next: Option<&'a Schedule>,
    pub advocacy: Option<&'a str>,
}

pub fn person(w: &Writer, p: &PersonNow) -> Result<i64> {
    let cols = columns(p.details);
    let names: Vec<&str> = cols.iter().map(|(c, _)| *c).collect();
    let marks: Vec<String> = (1..=cols.len() + 7).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT INTO person ({}, rating, rating_since, added_on, next_review_due, next_review_type,
             register_review_due, advocacy)
         VALUES ({})",
        names.join(", "),
        marks.join(", ")
    );
    let mut values: Vec<Option<String>> = cols.into_iter().map(|(_, v)| v).collect();
    let review = p.next.and_then(|s| s.review);
    values.extend([
        Some(p.rating.code().to_string()),
        Some(iso(p.rating_since)),
        Some(iso(p.added_on)),
        review.map(|r| iso(r.due)),
        review.map(|r| r.review_type.code().to_string()),
        p.next.map(|s| iso(s.register_review)),
        p.advocacy.map(str::to_string),
    ]);
    w.tx.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(values.iter()))?;
    let id = w.tx.last_insert_rowid();
    let mut criteria = w.tx.prepare_cached(
        "INSERT OR IGNORE INTO person_criterion (person_id, code) VALUES (?1, ?2)",
    )?;
    for code in &p.details.criteria {
        criteria.execute(params![id, code])?;
    }
    Ok(id)
}

/// One consent record as it stands (given, declined or already withdrawn).
pub fn consent(w: &Writer, person_id: i64, c: &ConsentRecord) -> Result<()> {
    let share_with = serde_json::to_string(&c.share_with)
        .map_err(|e| StoreError::Invalid(format!("organisations could not be stored: {e}")))?;
    let withdrawn_on = match c.decision {
        Decision::Withdrawn(on) => Some(iso(on)),
        Decision::Given | Decision::Declined => None,
    };
    w.tx.prepare_cached(
        "INSERT INTO consent (person_id, giver, giver_name, capacity_assessed_on, basis, decided_on,
             scopes, share_with, status, withdrawn_on, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        person_id,
        c.giver.code(),
        c.giver_name,
        c.capacity_assessed_on.map(iso),
        c.basis.code(),
        iso(c.decided_on),
        scopes_code(&c.scopes),
        share_with,
        c.decision.code(),
        withdrawn_on,
        c.recorded_by,
        w.at(),
    ])?;
    Ok(())
}

/// One entry of a person's rating history.
pub fn rating_change(
    w: &Writer,
    person_id: i64,
    from: Option<Rating>,
    to: Rating,
    reason: &str,
    effective: NaiveDate,
) -> Result<()> {
    w.tx.prepare_cached(
        "INSERT INTO rating_change (person_id, at, effective, by_user, from_rating, to_rating, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        person_id,
        w.at(),
        iso(effective),
        w.user(),
        from.map(|r| r.code()),
        to.code(),
        reason
    ])?;
    Ok(())
}

/// An admission, open or (with `discharged`: date and destination) closed.
pub fn admission(
    w: &Writer,
    person_id: i64,
    a: &NewAdmission,
    discharged: Option<(NaiveDate, &str)>,
) -> Result<()> {
    w.tx.prepare_cached(
        "INSERT INTO admission (person_id, hospital, ward_type, security, legal_status, planned, out_of_area,
             distance_km, admitted_on, planned_discharge, discharged_on, discharge_destination)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        person_id,
        a.hospital.trim(),
        a.ward_type,
        a.security.code(),
        a.legal_status,
        a.planned,
        a.out_of_area,
        a.distance_km,
        iso(a.admitted_on),
        a.planned_discharge.map(iso),
        discharged.map(|d| iso(d.0)),
        discharged.map(|d| d.1),
    ])?;
    Ok(())
}

/// A review as finalising (or a draft in progress) leaves it.
pub struct NewReview<'a> {
    pub person_id: i64,
    pub kind: ReviewKind,
    pub review_type: ReviewType,
    pub held_on: NaiveDate,
    pub place: &'a str,
    pub final_: bool,
    pub consent_note: Option<&'a str>,
    pub community_needs_met: Option<bool>,
    pub proposed: Option<Rating>,
    pub rating_reason: Option<&'a str>,
    /// Who started (and, when final, finalised) it: a generated register names its fictional
    /// chair, so no real login appears to have a draft of its own waiting.
    pub started_by: &'a str,
}

pub fn review(w: &Writer, r: &NewReview) -> Result<i64> {
    let finalised = r.final_.then(|| (w.at(), r.started_by));
    w.tx.prepare_cached(
        "INSERT INTO review (person_id, kind, type, status, held_on, place, virtual, consent_note,
             community_needs_met, proposed_rating, rating_reason, created_at, created_by,
             finalised_at, finalised_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        r.person_id,
        r.kind.code(),
        r.review_type.code(),
        if r.final_ { "final" } else { "draft" },
        iso(r.held_on),
        r.place,
        r.consent_note,
        r.community_needs_met,
        r.proposed.map(|p| p.code()),
        r.rating_reason,
        w.at(),
        r.started_by,
        finalised.map(|f| f.0),
        finalised.map(|f| f.1),
    ])?;
    Ok(w.tx.last_insert_rowid())
}

pub fn panel_member(
    w: &Writer,
    review_id: i64,
    role: PanelRole,
    name: &str,
    organisation: &str,
) -> Result<()> {
    w.tx.prepare_cached(
        "INSERT INTO review_panel (review_id, role, name, organisation) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![review_id, role.code(), name, organisation])?;
    Ok(())
}

pub fn findings(w: &Writer, review_id: i64, question: u8, text: &str) -> Result<()> {
    w.tx.prepare_cached(
        "INSERT INTO review_answer (review_id, question, findings) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![review_id, question, text])?;
    Ok(())
}

/// A recommendation of a finished review with the action it became, and that action's history:
/// created, then each triage step in `steps`, applied by the same rules staff triage with.
pub struct NewAction<'a> {
    pub person_id: i64,
    pub review_id: i64,
    pub question: u8,
    pub text: &'a str,
    pub owner: &'a str,
    pub organisation: &'a str,
    pub due: NaiveDate,
}

pub fn action(w: &Writer, a: &NewAction, steps: &[Change]) -> Result<()> {
    let mut state = ActionState {
        status: crate::domain::action::ActionStatus::Open,
        due: a.due,
        owner: a.owner.to_string(),
        organisation: a.organisation.to_string(),
        completed_on: None,
        evidence: None,
    };
    let mut history: Vec<(&str, Option<String>, String, Option<String>)> = vec![(
        "created",
        None,
        iso(a.due),
        Some(created_reason(Some(a.review_id))),
    )];
    for change in steps {
        let after = crate::domain::triage::apply(&state, change)
            .map_err(|e| super::StoreError::Invalid(e.to_string()))?;
        let (from, to, reason) = history_entry(&state, &after, change);
        history.push((change.kind(), Some(from), to, reason));
        state = after;
    }
    w.tx.prepare_cached(
        "INSERT INTO action (person_id, review_id, question, text, owner, organisation, due, status,
             completed_on, evidence, created_at, created_by, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        a.person_id,
        a.review_id,
        a.question,
        a.text,
        state.owner,
        state.organisation,
        iso(state.due),
        state.status.code(),
        state.completed_on.map(iso),
        state.evidence,
        w.at(),
        w.user(),
        1 + steps.len() as i64,
    ])?;
    let action_id = w.tx.last_insert_rowid();
    w.tx.prepare_cached(
        "INSERT INTO review_recommendation (review_id, question, text, owner, organisation, due, due_text, action_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        a.review_id,
        a.question,
        a.text,
        a.owner,
        a.organisation,
        iso(a.due),
        crate::domain::dates::uk(a.due),
        action_id
    ])?;
    let mut event = w.tx.prepare_cached(
        "INSERT INTO action_event (action_id, at, by_user, kind, from_value, to_value, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (kind, from, to, reason) in history {
        event.execute(params![action_id, w.at(), w.user(), kind, from, to, reason])?;
    }
    Ok(())
}

/// The change log's triggers and the secondary indexes, set aside while a load runs (see
/// [`start`]).
pub struct Paused {
    indexes: Vec<String>,
    triggers: Vec<String>,
}

/// Begin a load into a register nobody else has open. The change log's triggers are set aside
/// until [`Paused::resume`], so a load of 100,000 people does not also write (and prune) a log
/// entry per row that no open app is waiting to read. So are the secondary indexes: built once
/// from the loaded rows they cost a sort each, where keeping them current row by row costs a
/// search per row per index and leaves their pages part-filled. Unique ones are checked when
/// they are rebuilt, so a load that breaks one fails whole.
pub fn start(w: &Writer) -> Result<Paused> {
    let set_aside = |kind: &str, like: &str| -> Result<Vec<String>> {
        let found: Vec<(String, String)> = super::collect(
            &w.tx,
            "SELECT name, sql FROM sqlite_master
             WHERE type = ?1 AND sql IS NOT NULL AND name LIKE ?2 ESCAPE '\\'",
            params![kind, like],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        for (name, _) in &found {
            w.tx.execute_batch(&format!("DROP {kind} \"{name}\""))?;
        }
        Ok(found.into_iter().map(|(_, sql)| sql).collect())
    };
    Ok(Paused {
        triggers: set_aside("trigger", "change\\_log\\_%")?,
        indexes: set_aside("index", "%")?,
    })
}

impl Paused {
    /// Rebuild the indexes and put the change log's triggers back, before [`finish`]: its work on
    /// anyone loaded without next dates reads through the indexes.
    pub fn resume(self, w: &Writer) -> Result<()> {
        for sql in self.indexes.into_iter().chain(self.triggers) {
            w.tx.execute_batch(&sql)?;
        }
        Ok(())
    }
}

/// Work out the next dates of everyone loaded without them, as the everyday writes keep them,
/// and record the load itself as one audit entry: `what` says what was loaded, the writer says
/// who and when.
pub fn finish(w: &Writer, what: &str) -> Result<()> {
    backfill(w)?;
    w.audit("register", 0, "generated", None, Some(what))
}

/// Run `load` on a register file that nobody else can open yet and that is thrown away if the
/// load fails (one built beside its target): its one big transaction keeps its undo journal in
/// memory rather than writing every page twice (to the write-ahead log, then the file), with a
/// page cache large enough to hold the working set. The file is back in write-ahead-log mode, as
/// every register is, before this returns.
pub fn unseen<T>(store: &mut Store, load: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
    let cache: i64 = store
        .conn
        .query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    store.conn.execute_batch("PRAGMA journal_mode = MEMORY")?;
    // In KiB when negative: 64 MiB.
    store.conn.pragma_update(None, "cache_size", -65_536)?;
    let out = load(store);
    store.conn.pragma_update(None, "cache_size", cache)?;
    // The switch drops the connection's copy of the schema; reading it back now keeps the next
    // statement (a checkpoint, say) from finding it still being read.
    store
        .conn
        .execute_batch("PRAGMA journal_mode = WAL; SELECT count(*) FROM sqlite_schema;")?;
    out
}

/// What happened around a finished review: the lines of enquiry it was asked (its template's, as
/// finalising keeps them), who took part, and when the papers went out.
pub struct ReviewJourney<'a> {
    pub template: KloeTemplate,
    pub person_attendance: Attendance,
    pub family_attendance: Attendance,
    pub report_sent: Option<(NaiveDate, &'a str)>,
    pub family_plan_sent: Option<(NaiveDate, &'a str)>,
}

pub fn review_journey(w: &Writer, review_id: i64, j: &ReviewJourney) -> Result<()> {
    w.tx.prepare_cached(
        "INSERT OR IGNORE INTO review_kloe (review_id, kloe_id)
         SELECT ?1, id FROM kloe WHERE active = 1 AND template = ?2",
    )?
    .execute(params![review_id, j.template.code()])?;
    w.tx.prepare_cached(
        "UPDATE review SET kloe_template = ?2, person_attendance = ?3, family_attendance = ?4,
                report_sent_on = ?5, report_sent_to = ?6, family_plan_sent_on = ?7,
                family_plan_sent_to = ?8
         WHERE id = ?1",
    )?
    .execute(params![
        review_id,
        j.template.code(),
        j.person_attendance.code(),
        j.family_attendance.code(),
        j.report_sent.map(|(on, _)| iso(on)),
        j.report_sent.map(|(_, to)| to),
        j.family_plan_sent.map(|(on, _)| iso(on)),
        j.family_plan_sent.map(|(_, to)| to),
    ])?;
    Ok(())
}

/// A request for a review, decided (`outcome` with its day and decider) or still waiting.
pub fn request(
    w: &Writer,
    person_id: i64,
    requested_on: NaiveDate,
    by: RequestedBy,
    reason: &str,
    decided: Option<(RequestOutcome, NaiveDate, &str)>,
) -> Result<()> {
    w.tx.prepare_cached(
        "INSERT INTO review_request (person_id, requested_on, requested_by, reason, outcome,
             decided_on, decided_by, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        person_id,
        iso(requested_on),
        by.code(),
        reason,
        decided.map(|(o, _, _)| o.code()),
        decided.map(|(_, on, _)| iso(on)),
        decided.map(|(_, _, by)| by),
        w.at(),
        w.user(),
    ])?;
    Ok(())
}

/// The type of advocacy a person receives (a code of the advocacy lookup).
pub fn advocacy(w: &Writer, person_id: i64, code: &str) -> Result<()> {
    w.tx.prepare_cached("UPDATE person SET advocacy = ?1 WHERE id = ?2")?
        .execute(params![code, person_id])?;
    Ok(())
}

/// One "discussed at the DSR meeting" entry, as the register's `d` key records it.
pub fn register_review(w: &Writer, person_id: i64, on: NaiveDate, note: &str) -> Result<()> {
    w.tx.prepare_cached(
        "INSERT INTO register_review (person_id, discussed_on, note, at, by_user) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![person_id, iso(on), note, w.at(), w.user()])?;
    Ok(())
}
