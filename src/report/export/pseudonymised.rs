//! The register with nothing that names a person, for analysts and commissioners.
//!
//! What goes (following the ICO's anonymisation guidance: remove direct identifiers, then reduce
//! the detail of indirect ones): names, the local id and every internal record id (each is replaced
//! by a keyed pseudonym, so records still link to each other and across exports made with the same
//! key); the exact date of birth (year and month, or only an age band); exact event dates (coarsened
//! to the month, or shifted by a per-person offset that keeps intervals, or kept, by option); the
//! hospital's name (its ward type, security and whether it is in area instead); staff names; and all
//! free text, which can name anyone, unless `--include-free-text` asks for it.

use super::{ConsentStatusExport, RegisterExport, open_actions};
use crate::domain::age::age_band;
use crate::report::csv_out::CsvOut;
use crate::report::pseudonymise::PseudonymKey;
use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;
use std::io::Write;

/// How much of the date of birth is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum BirthDetail {
    /// Year and month (`2011-04`) as well as the age band.
    #[default]
    Month,
    /// Only the age band (`11-15`).
    Band,
}

/// How event dates (ratings, admissions, reviews, actions) are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum DateDetail {
    /// Year and month only (`2026-03`): monthly figures still add up.
    #[default]
    Month,
    /// Every date of a person moved by the same keyed offset of 1 to 28 days, either way, so
    /// intervals (length of stay, days to review) stay exact but no date matches the record.
    Shift,
    /// The dates as recorded.
    Exact,
}

/// What a pseudonymised export keeps; the defaults keep the least.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub birth: BirthDetail,
    pub dates: DateDetail,
    pub free_text: bool,
}

#[derive(Serialize)]
pub struct PseudonymisedExport {
    pub schema_version: i64,
    pub exported_on: NaiveDate,
    pub pseudonymised: bool,
    pub dates: &'static str,
    pub people: Vec<PseudonymisedPerson>,
}

#[derive(Serialize)]
pub struct PseudonymisedPerson {
    pub pseudonym: String,
    pub age_band: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_month: Option<String>,
    pub diagnosis: &'static str,
    pub ehcp: bool,
    pub setting: Option<&'static str>,
    pub keyworker_assigned: bool,
    pub consent_status: ConsentStatusExport,
    pub rating: &'static str,
    pub rating_since: String,
    pub next_review_due: Option<String>,
    pub next_review_type: Option<String>,
    pub added_on: String,
    pub removed_on: Option<String>,
    pub criteria: Vec<String>,
    pub rating_history: Vec<PseudonymisedRatingChange>,
    pub admissions: Vec<PseudonymisedAdmission>,
    pub reviews: Vec<PseudonymisedReview>,
    pub actions: Vec<PseudonymisedAction>,
}

#[derive(Serialize)]
pub struct PseudonymisedRatingChange {
    pub effective: String,
    pub from: Option<&'static str>,
    pub to: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Serialize)]
pub struct PseudonymisedAdmission {
    pub admission: String,
    /// The admission this one continues after a transfer, by its pseudonym.
    pub transfer_from: Option<String>,
    /// The hospital generalised: ward type, security and whether it is out of area.
    pub ward_type: String,
    pub security: &'static str,
    pub out_of_area: bool,
    pub distance_band: Option<&'static str>,
    pub legal_status: String,
    pub planned: bool,
    pub admitted_on: String,
    pub planned_discharge: Option<String>,
    pub discharged_on: Option<String>,
    pub length_of_stay_days: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub free_text: Option<AdmissionText>,
}

#[derive(Serialize)]
pub struct AdmissionText {
    pub hospital: String,
    pub barriers: Option<String>,
    pub discharge_destination: Option<String>,
    pub no_community_review_reason: Option<String>,
    pub notifiable_reason: Option<String>,
}

#[derive(Serialize)]
pub struct PseudonymisedReview {
    pub review: String,
    pub kind: &'static str,
    #[serde(rename = "type")]
    pub review_type: &'static str,
    pub status: &'static str,
    pub held_on: String,
    pub proposed_rating: Option<&'static str>,
    pub community_needs_met: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub free_text: Option<ReviewText>,
}

#[derive(Serialize)]
pub struct ReviewText {
    pub findings: [String; 4],
    pub rating_reason: Option<String>,
    pub outcome_notes: Option<String>,
}

#[derive(Serialize)]
pub struct PseudonymisedAction {
    pub action: String,
    pub review: Option<String>,
    pub organisation: String,
    pub due: String,
    pub status: &'static str,
    pub question: Option<u8>,
    pub completed_on: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// Writes one person's dates at the chosen detail, with that person's own shift.
struct DateWriter {
    detail: DateDetail,
    shift: Duration,
}

impl DateWriter {
    fn new(detail: DateDetail, key: &PseudonymKey, pseudonym: &str) -> DateWriter {
        let digest = key.pseudonym("date-shift", pseudonym);
        let n = u64::from_str_radix(&digest[..8], 16).unwrap_or(0);
        // 1..=28 days, earlier or later: never zero, so no shifted date equals the recorded one.
        let days = (n % 28) as i64 + 1;
        let days = if n & (1 << 31) == 0 { days } else { -days };
        DateWriter {
            detail,
            shift: Duration::days(days),
        }
    }

    fn write(&self, d: NaiveDate) -> String {
        match self.detail {
            DateDetail::Month => format!("{:04}-{:02}", d.year(), d.month()),
            DateDetail::Shift => (d + self.shift).to_string(),
            DateDetail::Exact => d.to_string(),
        }
    }

    fn opt(&self, d: Option<NaiveDate>) -> Option<String> {
        d.map(|d| self.write(d))
    }
}

fn distance_band(km: i64) -> &'static str {
    match km {
        ..=19 => "under 20 km",
        20..=49 => "20-49 km",
        50..=99 => "50-99 km",
        _ => "100 km or more",
    }
}

/// Strip a built export down to its pseudonymised form.
pub fn pseudonymise(
    export: RegisterExport,
    key: &PseudonymKey,
    options: Options,
) -> PseudonymisedExport {
    let today = export.exported_on;
    let text = |s: String| options.free_text.then_some(s);
    let people = export
        .people
        .into_iter()
        .map(|p| {
            let pseudonym = match (&p.nhs_number, &p.local_id) {
                (Some(n), _) => key.pseudonym("nhs", n),
                (None, Some(l)) => key.pseudonym("local", l),
                (None, None) => key.pseudonym("record", &p.id.to_string()),
            };
            let dates = DateWriter::new(options.dates, key, &pseudonym);
            let admission_ref = |id: i64| key.pseudonym("admission", &id.to_string());
            let review_ref = |id: i64| key.pseudonym("review", &id.to_string());
            PseudonymisedPerson {
                age_band: age_band(p.age),
                birth_month: (options.birth == BirthDetail::Month).then(|| {
                    format!(
                        "{:04}-{:02}",
                        p.date_of_birth.year(),
                        p.date_of_birth.month()
                    )
                }),
                diagnosis: p.diagnosis,
                ehcp: p.ehcp,
                setting: p.setting,
                keyworker_assigned: p.keyworker.is_some(),
                consent_status: p.consent_status,
                rating: p.rating,
                rating_since: dates.write(p.rating_since),
                next_review_due: dates.opt(p.next_review_due),
                next_review_type: p.next_review_type,
                added_on: dates.write(p.added_on),
                removed_on: dates.opt(p.removed_on),
                criteria: p.criteria,
                rating_history: p
                    .rating_history
                    .into_iter()
                    .map(|c| PseudonymisedRatingChange {
                        effective: dates.write(c.effective),
                        from: c.from.map(|r| r.code()),
                        to: c.to.code(),
                        reason: text(c.reason),
                    })
                    .collect(),
                admissions: p
                    .admissions
                    .into_iter()
                    .map(|a| PseudonymisedAdmission {
                        admission: admission_ref(a.id),
                        transfer_from: a.transfer_from.map(admission_ref),
                        length_of_stay_days: a.length_of_stay(today),
                        ward_type: a.ward_type,
                        security: a.security.code(),
                        out_of_area: a.out_of_area,
                        distance_band: a.distance_km.map(distance_band),
                        legal_status: a.legal_status,
                        planned: a.planned,
                        admitted_on: dates.write(a.admitted_on),
                        planned_discharge: dates.opt(a.planned_discharge),
                        discharged_on: dates.opt(a.discharged_on),
                        free_text: options.free_text.then_some(AdmissionText {
                            hospital: a.hospital,
                            barriers: a.barriers,
                            discharge_destination: a.discharge_destination,
                            no_community_review_reason: a.no_community_review_reason,
                            notifiable_reason: a.notifiable_reason,
                        }),
                    })
                    .collect(),
                reviews: p
                    .reviews
                    .into_iter()
                    .map(|r| PseudonymisedReview {
                        review: review_ref(r.id),
                        kind: r.kind,
                        review_type: r.review_type,
                        status: r.status,
                        held_on: dates.write(r.held_on),
                        proposed_rating: r.proposed_rating,
                        community_needs_met: r.community_needs_met,
                        free_text: options.free_text.then_some(ReviewText {
                            findings: r.findings,
                            rating_reason: r.rating_reason,
                            outcome_notes: r.outcome_notes,
                        }),
                    })
                    .collect(),
                actions: p
                    .actions
                    .into_iter()
                    .map(|a| PseudonymisedAction {
                        action: key.pseudonym("action", &a.id.to_string()),
                        review: a.review_id.map(review_ref),
                        organisation: a.organisation,
                        due: dates.write(a.due),
                        status: a.status,
                        question: a.question,
                        completed_on: dates.opt(a.completed_on),
                        text: text(a.text),
                    })
                    .collect(),
                pseudonym,
            }
        })
        .collect();
    PseudonymisedExport {
        schema_version: export.schema_version,
        exported_on: export.exported_on,
        pseudonymised: true,
        dates: match options.dates {
            DateDetail::Month => "month",
            DateDetail::Shift => "shifted",
            DateDetail::Exact => "exact",
        },
        people,
    }
}

pub fn write_json(export: &PseudonymisedExport, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, export)?;
    writeln!(out)
}

/// One row per person, as the plain CSV but with nothing that names them.
pub fn write_csv(export: &PseudonymisedExport, out: &mut dyn Write) -> csv::Result<()> {
    let mut w = CsvOut::new(
        out,
        &[
            "pseudonym",
            "age_band",
            "birth_month",
            "diagnosis",
            "ehcp",
            "setting",
            "keyworker_assigned",
            "rating",
            "rating_since",
            "next_review_due",
            "next_review_type",
            "criteria",
            "open_actions",
            "removed_on",
        ],
    )?;
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
    for p in &export.people {
        let open = open_actions(p.actions.iter().map(|a| a.status));
        w.row([
            p.pseudonym.clone(),
            p.age_band.to_string(),
            p.birth_month.clone().unwrap_or_default(),
            p.diagnosis.to_string(),
            yes_no(p.ehcp),
            p.setting.unwrap_or_default().to_string(),
            yes_no(p.keyworker_assigned),
            p.rating.to_string(),
            p.rating_since.clone(),
            p.next_review_due.clone().unwrap_or_default(),
            p.next_review_type.clone().unwrap_or_default(),
            p.criteria.join(";"),
            open.to_string(),
            p.removed_on.clone().unwrap_or_default(),
        ])?;
    }
    w.finish()
}
