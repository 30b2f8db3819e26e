//! `dsr report monthly|weekly`: the NHS England returns (seed 004: monthly for each child or young
//! person, weekly for everyone in hospital). Columns are a contract documented in README.md.

use super::csv_out::CsvOut;
use crate::domain::calendar::Holidays;
use crate::domain::policy::PolicyIntervals;
use crate::domain::rating::Rating;
use crate::domain::returns::{
    BeforeAdmission, EpisodeFacts, Period, age_at, community_cetr_before_admission,
    is_child_or_young_person, post_admission_review, review_outcome_code, withholds_identifiers,
};
use crate::domain::review::{PanelRole, ReviewKind, ReviewType};
use crate::domain::rules::length_of_stay;
use crate::domain::schedule::{DueReview, Episode, Meeting, ScheduleInput, Security, schedule};
use crate::store::admissions::Admission;
use crate::store::reports;
use crate::store::schedule::{holidays, policy_intervals};
use crate::store::{Result, Store};
use chrono::{Months, NaiveDate};
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;

/// One row of the monthly return: a child or young person on the register at any point in the month.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MonthlyRow {
    pub month: String,
    pub person_id: i64,
    pub nhs_number: Option<String>,
    pub local_id: Option<String>,
    pub family_name: String,
    pub given_name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub age_at_month_end: u32,
    pub ehcp: bool,
    pub added_on: NaiveDate,
    pub removed_on: Option<NaiveDate>,
    pub rating_at_month_end: Option<Rating>,
    pub rating_changes_in_month: usize,
    pub rating_changes: String,
    pub keyworker: Option<String>,
    pub last_review_date: Option<NaiveDate>,
    pub last_review_type: Option<&'static str>,
    pub next_review_due: Option<NaiveDate>,
    pub next_review_type: Option<&'static str>,
    pub next_review_overdue: bool,
    pub in_hospital_at_month_end: bool,
    pub admissions_in_month: usize,
    pub admission_dates: String,
    pub discharges_in_month: usize,
    pub discharge_dates: String,
    /// The person objected to national reporting: their identifiers are left out.
    pub identifiers_withheld: bool,
    /// `planned` or `unplanned` for each admission of `admission_dates`, in that order.
    pub admission_planned: String,
    /// `yes`, `no` or `not_known` for each admission of `admission_dates`, in that order.
    pub community_cetr_before_admission: String,
    pub latest_review_outcome: Option<&'static str>,
    pub diagnosis: String,
    pub setting: Option<String>,
}

/// One row of the weekly return: an admission open at any point of the week.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct WeeklyRow {
    pub week_ending: NaiveDate,
    pub person_id: i64,
    pub nhs_number: Option<String>,
    pub local_id: Option<String>,
    pub family_name: String,
    pub given_name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub age_at_cut: u32,
    pub admission_id: i64,
    pub hospital: String,
    pub ward_type: String,
    pub security: &'static str,
    pub legal_status: String,
    pub planned: bool,
    pub out_of_area: bool,
    pub admitted_on: NaiveDate,
    pub length_of_stay_days: i64,
    pub planned_discharge: Option<NaiveDate>,
    pub in_hospital_at_cut: bool,
    pub discharged_on: Option<NaiveDate>,
    pub discharge_destination: Option<String>,
    pub last_review_date: Option<NaiveDate>,
    pub last_review_type: Option<&'static str>,
    pub next_review_due: Option<NaiveDate>,
    pub next_review_type: Option<&'static str>,
    pub review_overdue: bool,
    pub changes_since_last_cut: String,
    /// The person objected to national reporting: their identifiers are left out.
    pub identifiers_withheld: bool,
    pub distance_from_home_km: Option<i64>,
    /// Codes of the barriers to discharge open at the cut, `;`-separated.
    pub barriers_to_discharge: String,
    pub post_admission_review_on_time: &'static str,
    pub advocacy: Option<String>,
}

/// A return with its period, as written to JSON (CSV holds the rows only).
#[derive(Debug, Serialize)]
pub struct Return<R> {
    #[serde(rename = "return")]
    pub kind: &'static str,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    /// The figures are "as at" the end of this day.
    pub cut: NaiveDate,
    pub generated_on: NaiveDate,
    pub rows: Vec<R>,
}

fn dates(list: impl Iterator<Item = NaiveDate>) -> String {
    list.map(|d| d.to_string()).collect::<Vec<_>>().join(";")
}

fn joined<'a>(list: impl Iterator<Item = &'a str>) -> String {
    list.collect::<Vec<_>>().join(";")
}

/// What a return knows about a person at its cut.
struct AtCut {
    date_of_birth: NaiveDate,
    ehcp: bool,
    rating: Rating,
    rating_since: NaiveDate,
    admission: Option<(NaiveDate, Security)>,
    /// The latest finalised review held by the cut (finalising requires the panel).
    last_review: Option<(NaiveDate, ReviewType)>,
}

/// The C(E)TR due at the cut, by the one schedule.
fn due_at_cut(
    p: &AtCut,
    policy: &PolicyIntervals,
    holidays: &Holidays,
    cut: NaiveDate,
) -> Option<DueReview> {
    let meetings: Vec<Meeting> = p
        .last_review
        .map(|(held_on, review_type)| Meeting {
            held_on,
            kind: ReviewKind::Ctr,
            review_type,
            finalised: true,
            panel: PanelRole::REQUIRED.to_vec(),
            waived: Vec::new(),
        })
        .into_iter()
        .collect();
    let input = ScheduleInput {
        date_of_birth: p.date_of_birth,
        ehcp: p.ehcp,
        rating: p.rating,
        rating_since: p.rating_since,
        added_on: p.rating_since,
        episode: p.admission.map(|(admitted_on, security)| Episode {
            admitted_on,
            security,
            previous_discharge: None,
        }),
        meetings: &meetings,
        last_discussed: None,
    };
    schedule(&input, policy, holidays, cut).review
}

/// The monthly return for `period` (see `domain::returns::month_period`).
pub fn monthly(store: &Store, period: Period, today: NaiveDate) -> Result<Return<MonthlyRow>> {
    let conn = store.conn();
    let policy = policy_intervals(conn)?;
    let holidays = holidays(conn)?;
    // Nobody 25 or over on the first of the month can be a child or young person.
    let born_after = period
        .start
        .checked_sub_months(Months::new(25 * 12 + 1))
        .unwrap_or(NaiveDate::MIN);
    let people = reports::people_in_period(conn, period.start, period.cut, born_after)?;
    let mut changes = reports::rating_changes_in(conn, period.start, period.cut)?;
    let mut admissions = reports::admissions_touching(conn, period.start, period.cut)?;
    let (episodes, meetings) = reports::episodes_begun(conn, period.start, period.cut)?;
    let before_admission: HashMap<i64, BeforeAdmission> = episodes
        .iter()
        .map(|e| {
            let held = meetings.get(&e.person_id).map(Vec::as_slice).unwrap_or(&[]);
            let judged =
                community_cetr_before_admission(&e.facts, held, &policy, &holidays, period.cut);
            (e.admission_id, judged)
        })
        .collect();
    let month = period.start.format("%Y-%m").to_string();
    let in_period = |d: NaiveDate| d >= period.start && d <= period.cut;
    let rows = people
        .into_iter()
        .filter(|p| is_child_or_young_person(p.date_of_birth, p.ehcp, &period))
        .map(|p| {
            let changed = changes.remove(&p.id).unwrap_or_default();
            let stays = admissions.remove(&p.id).unwrap_or_default();
            let rating_at = p.rating_at_cut.map(|(r, _)| r);
            let due = p.rating_at_cut.and_then(|(rating, since)| {
                due_at_cut(
                    &AtCut {
                        date_of_birth: p.date_of_birth,
                        ehcp: p.ehcp,
                        rating,
                        rating_since: since,
                        admission: p.in_hospital_at_cut,
                        last_review: p.last_review,
                    },
                    &policy,
                    &holidays,
                    period.cut,
                )
            });
            // A transfer between hospitals is neither an admission nor a discharge.
            let admitted: Vec<&Admission> = stays
                .iter()
                .filter(|a| a.transfer_from.is_none() && in_period(a.admitted_on))
                .collect();
            let discharged: Vec<NaiveDate> = stays
                .iter()
                .filter(|a| !stays.iter().any(|b| b.transfer_from == Some(a.id)))
                .filter_map(|a| a.discharged_on)
                .filter(|d| in_period(*d))
                .collect();
            let setting = if p.in_hospital_at_cut.is_some() {
                Some("hospital".to_string())
            } else if p.setting.as_deref() == Some("hospital") {
                p.setting_before_now
            } else {
                p.setting
            };
            let withheld = withholds_identifiers(p.objection_date);
            let kept = |v: String| if withheld { String::new() } else { v };
            MonthlyRow {
                month: month.clone(),
                person_id: p.id,
                nhs_number: p.nhs_number.filter(|_| !withheld),
                local_id: p.local_id.filter(|_| !withheld),
                family_name: kept(p.family_name),
                given_name: kept(p.given_name),
                date_of_birth: Some(p.date_of_birth).filter(|_| !withheld),
                age_at_month_end: age_at(p.date_of_birth, period.cut),
                ehcp: p.ehcp,
                added_on: p.added_on,
                removed_on: p.removed_on,
                rating_at_month_end: rating_at,
                rating_changes_in_month: changed.len(),
                rating_changes: changed
                    .iter()
                    .map(|c| {
                        format!(
                            "{} {}->{}",
                            c.effective,
                            c.from.map(|r| r.code()).unwrap_or("new"),
                            c.to.code()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(";"),
                keyworker: p.keyworker,
                last_review_date: p.last_review.map(|(on, _)| on),
                last_review_type: p.last_review.map(|(_, t)| t.code()),
                next_review_due: due.map(|d| d.due),
                next_review_type: due.map(|d| d.review_type.code()),
                next_review_overdue: due.is_some_and(|d| d.is_overdue(period.cut)),
                in_hospital_at_month_end: p.in_hospital_at_cut.is_some(),
                admissions_in_month: admitted.len(),
                admission_dates: dates(admitted.iter().map(|a| a.admitted_on)),
                discharges_in_month: discharged.len(),
                discharge_dates: dates(discharged.into_iter()),
                identifiers_withheld: withheld,
                admission_planned: joined(
                    admitted
                        .iter()
                        .map(|a| if a.planned { "planned" } else { "unplanned" }),
                ),
                community_cetr_before_admission: joined(admitted.iter().map(|a| {
                    before_admission
                        .get(&a.id)
                        .copied()
                        .unwrap_or(BeforeAdmission::NotKnown)
                        .code()
                })),
                latest_review_outcome: review_outcome_code(p.last_review_outcome),
                diagnosis: p.diagnosis,
                setting,
            }
        })
        .collect();
    Ok(Return {
        kind: "monthly",
        period_start: period.start,
        period_end: period.end,
        cut: period.cut,
        generated_on: today,
        rows,
    })
}

/// The weekly return for the week ending on a Sunday (see `domain::returns::week_period`).
pub fn weekly(store: &Store, period: Period, today: NaiveDate) -> Result<Return<WeeklyRow>> {
    let conn = store.conn();
    let policy = policy_intervals(conn)?;
    let holidays = holidays(conn)?;
    let inpatients = reports::inpatients_in_week(conn, period.start, period.cut)?;
    let reviews = reports::reviews_held_in(conn, period.start, period.cut)?;
    let edits = reports::admission_edits_in(conn, period.start, period.cut)?;
    let meetings = reports::meetings_of_inpatients(conn, period.start, period.cut)?;
    let barriers = reports::barriers_open_at(conn, period.start, period.cut)?;
    let in_week = |d: NaiveDate| d >= period.start && d <= period.cut;
    let rows = inpatients
        .into_iter()
        .map(|w| {
            let a = w.admission;
            let still_in = a.discharged_on.is_none_or(|d| d > period.cut);
            let due = still_in
                .then(|| {
                    due_at_cut(
                        &AtCut {
                            date_of_birth: w.date_of_birth,
                            ehcp: w.ehcp,
                            rating: Rating::Blue,
                            rating_since: a.episode_start,
                            admission: Some((a.episode_start, a.security)),
                            last_review: w.last_review,
                        },
                        &policy,
                        &holidays,
                        period.cut,
                    )
                })
                .flatten();
            let mut changed = Vec::new();
            // A transfer between hospitals continues the episode: it is reported as a move, never
            // as an admission or a discharge.
            if in_week(a.admitted_on) {
                changed.push(match a.transfer_from {
                    Some(_) => format!("transferred in {}", a.admitted_on),
                    None => format!("admitted {}", a.admitted_on),
                });
            }
            if let Some(out) = a.discharged_on.filter(|d| in_week(*d)) {
                changed.push(match a.discharge_destination.as_deref() {
                    _ if w.ended_by_transfer => format!("transferred out {out}"),
                    Some(dest) if !dest.is_empty() => format!("discharged {out} to {dest}"),
                    _ => format!("discharged {out}"),
                });
            }
            let discharged = (!w.ended_by_transfer)
                .then_some(a.discharged_on)
                .flatten()
                .filter(|d| *d <= period.cut);
            for (on, t) in reviews.get(&a.person_id).into_iter().flatten() {
                if *on >= a.admitted_on {
                    changed.push(format!("review {} held {on}", t.code()));
                }
            }
            changed.extend(edits.get(&a.id).into_iter().flatten().cloned());
            let episode = EpisodeFacts {
                admitted_on: a.episode_start,
                previous_discharge: w.previous_discharge,
                left_hospital: a
                    .discharged_on
                    .filter(|out| !w.ended_by_transfer && *out <= period.cut),
                date_of_birth: w.date_of_birth,
                ehcp: w.ehcp,
                added_to_register: w.added_on,
            };
            let held = meetings.get(&a.person_id).map(Vec::as_slice).unwrap_or(&[]);
            let post_admission =
                post_admission_review(&episode, held, &policy, &holidays, period.cut);
            let open_barriers = barriers.get(&a.id).map(|b| b.join(";")).unwrap_or_default();
            let withheld = withholds_identifiers(w.objection_date);
            let kept = |v: String| if withheld { String::new() } else { v };
            WeeklyRow {
                week_ending: period.end,
                person_id: a.person_id,
                nhs_number: w.nhs_number.filter(|_| !withheld),
                local_id: w.local_id.filter(|_| !withheld),
                family_name: kept(w.family_name),
                given_name: kept(w.given_name),
                date_of_birth: Some(w.date_of_birth).filter(|_| !withheld),
                age_at_cut: age_at(w.date_of_birth, period.cut),
                admission_id: a.id,
                hospital: a.hospital,
                ward_type: a.ward_type,
                security: a.security.code(),
                legal_status: a.legal_status,
                planned: a.planned,
                out_of_area: a.out_of_area,
                admitted_on: a.admitted_on,
                length_of_stay_days: length_of_stay(
                    a.episode_start,
                    a.discharged_on.filter(|out| *out < period.cut),
                    period.cut,
                ),
                planned_discharge: a.planned_discharge,
                in_hospital_at_cut: still_in,
                discharged_on: discharged,
                discharge_destination: a.discharge_destination.filter(|_| discharged.is_some()),
                last_review_date: w.last_review.map(|(on, _)| on),
                last_review_type: w.last_review.map(|(_, t)| t.code()),
                next_review_due: due.map(|d| d.due),
                next_review_type: due.map(|d| d.review_type.code()),
                review_overdue: due.is_some_and(|d| d.is_overdue(period.cut)),
                changes_since_last_cut: if changed.is_empty() {
                    "no change".to_string()
                } else {
                    changed.join("; ")
                },
                identifiers_withheld: withheld,
                distance_from_home_km: a.distance_km,
                barriers_to_discharge: open_barriers,
                post_admission_review_on_time: post_admission.code(),
                advocacy: w.advocacy,
            }
        })
        .collect();
    Ok(Return {
        kind: "weekly",
        period_start: period.start,
        period_end: period.end,
        cut: period.cut,
        generated_on: today,
        rows,
    })
}

pub fn write_json<R: Serialize>(ret: &Return<R>, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, ret)?;
    writeln!(out)
}

/// CSV with a header row; an empty return still writes its header so spreadsheets line up.
pub fn write_csv<R: Serialize>(
    ret: &Return<R>,
    header: &[&str],
    out: &mut dyn Write,
) -> csv::Result<()> {
    let mut w = CsvOut::new(out, header)?;
    for row in &ret.rows {
        w.serialize(row)?;
    }
    w.finish()
}

/// Column names of the monthly CSV, in order (the serialised field names).
pub const MONTHLY_COLUMNS: &[&str] = &[
    "month",
    "person_id",
    "nhs_number",
    "local_id",
    "family_name",
    "given_name",
    "date_of_birth",
    "age_at_month_end",
    "ehcp",
    "added_on",
    "removed_on",
    "rating_at_month_end",
    "rating_changes_in_month",
    "rating_changes",
    "keyworker",
    "last_review_date",
    "last_review_type",
    "next_review_due",
    "next_review_type",
    "next_review_overdue",
    "in_hospital_at_month_end",
    "admissions_in_month",
    "admission_dates",
    "discharges_in_month",
    "discharge_dates",
    "identifiers_withheld",
    "admission_planned",
    "community_cetr_before_admission",
    "latest_review_outcome",
    "diagnosis",
    "setting",
];

pub const WEEKLY_COLUMNS: &[&str] = &[
    "week_ending",
    "person_id",
    "nhs_number",
    "local_id",
    "family_name",
    "given_name",
    "date_of_birth",
    "age_at_cut",
    "admission_id",
    "hospital",
    "ward_type",
    "security",
    "legal_status",
    "planned",
    "out_of_area",
    "admitted_on",
    "length_of_stay_days",
    "planned_discharge",
    "in_hospital_at_cut",
    "discharged_on",
    "discharge_destination",
    "last_review_date",
    "last_review_type",
    "next_review_due",
    "next_review_type",
    "review_overdue",
    "changes_since_last_cut",
    "identifiers_withheld",
    "distance_from_home_km",
    "barriers_to_discharge",
    "post_admission_review_on_time",
    "advocacy",
];

#[cfg(test)]
mod tests;
