//! Rules of the NHS England returns and the dashboard figures: reporting periods, who counts as a
//! child or young person, and what "a review before admission" means. Pure: dates come in as values.

use super::age::age_on;
use super::calendar::Holidays;
use super::policy::PolicyIntervals;
use super::review::{ReviewKind, ReviewType, suggest_kind};
use super::schedule::{
    Meeting, community_review_before_admission, counts_as_cetr, post_admission_due, satisfies,
};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::Serialize;

/// A reporting period: both ends inclusive. `cut` is the date the figures are taken "as at":
/// the last day of the period, or today when the period has not finished yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub cut: NaiveDate,
}

/// `YYYY-MM` → the calendar month (seed 004 / DSR policy: the national cut is midnight on the last
/// day of the month). A month that has not started yet is refused; the current month is "so far".
pub fn month_period(text: &str, today: NaiveDate) -> Result<Period, String> {
    let bad = || format!("{text:?} is not a month: use YYYY-MM, e.g. 2026-10");
    let (y, m) = text.trim().split_once('-').ok_or_else(bad)?;
    let (year, month): (i32, u32) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    let start = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(bad)?;
    let end = start
        .checked_add_months(Months::new(1))
        .and_then(|d| d.pred_opt())
        .ok_or_else(bad)?;
    if start > today {
        return Err(format!(
            "{} has not started yet (today is {today}); choose a month up to {}",
            text.trim(),
            today.format("%Y-%m")
        ));
    }
    Ok(Period {
        start,
        end,
        cut: end.min(today),
    })
}

/// The week ending on Sunday `end` (the national weekly cut is Sunday midnight): Monday to Sunday.
/// Any other weekday is refused with the Sundays either side, so a typo cannot shift the week.
pub fn week_period(end: NaiveDate, today: NaiveDate) -> Result<Period, String> {
    if end.weekday() != Weekday::Sun {
        let back = end.weekday().num_days_from_monday() + 1;
        let before = end - Days::new(back.into());
        let after = before + Days::new(7);
        return Err(format!(
            "{end} is a {}; the weekly cut is on Sundays: use {before} or {after}",
            end.format("%A")
        ));
    }
    let start = end - Days::new(6);
    if start > today {
        return Err(format!(
            "the week ending {end} has not started yet (today is {today})"
        ));
    }
    Ok(Period {
        start,
        end,
        cut: end.min(today),
    })
}

/// Whether a return leaves out a person's identifiers (NHS number, local id, name, date of birth).
/// Someone who objected to national reporting is still counted, as a marked row without them; the
/// objection holds for every return made after it is recorded, whatever period the return covers.
pub fn withholds_identifiers(objection: Option<NaiveDate>) -> bool {
    objection.is_some()
}

/// The monthly return covers children and young people: anyone who is under 18, or under 25 with an
/// EHCP, on any day of the month — the same line that makes their review a CETR (DSR policy).
/// Being that age on the first day of the month is enough (they may turn 18 or 25 during it).
pub fn is_child_or_young_person(dob: NaiveDate, ehcp: bool, period: &Period) -> bool {
    dob <= period.end && suggest_kind(dob, ehcp, period.start.max(dob)) == ReviewKind::Cetr
}

/// Review types that count towards the "community C(E)TR before admission" measure NHS England
/// holds areas to: only a community C(E)TR. An emergency meeting is not a C(E)TR, and a review on
/// request, though it spares the person a post-admission review in the schedule, would inflate the
/// measure.
pub fn counts_as_pre_admission(t: ReviewType) -> bool {
    t == ReviewType::Community
}

/// Whether a community C(E)TR preceded an admission, as the returns and the dashboard report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BeforeAdmission {
    Yes,
    No,
    /// No community C(E)TR is recorded, and the person joined the register only on or after the
    /// admission day: one may have been held before the register knew them.
    NotKnown,
}

impl BeforeAdmission {
    pub fn code(self) -> &'static str {
        match self {
            BeforeAdmission::Yes => "yes",
            BeforeAdmission::No => "no",
            BeforeAdmission::NotKnown => "not_known",
        }
    }
}

/// The facts about one hospital episode that the journey measures read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EpisodeFacts {
    /// The first admission of the episode (a transfer between hospitals does not start one).
    pub admitted_on: NaiveDate,
    /// The end of the person's previous episode, if any.
    pub previous_discharge: Option<NaiveDate>,
    /// When the episode ended by discharge (not by a transfer), if it has.
    pub left_hospital: Option<NaiveDate>,
    pub date_of_birth: NaiveDate,
    pub ehcp: bool,
    pub added_to_register: NaiveDate,
}

impl EpisodeFacts {
    /// A child's admission for NHS England's standard: on a CETR (under 18, or under 25 with an
    /// EHCP) on the admission day.
    pub fn is_child(&self) -> bool {
        suggest_kind(self.date_of_birth, self.ehcp, self.admitted_on) == ReviewKind::Cetr
    }
}

/// "Community C(E)TR before admission": the schedule's run-up rule (a finished community C(E)TR
/// with its full panel, before the admission day, within the editable run-up window, after any
/// previous discharge), counting community C(E)TRs only.
pub fn community_cetr_before_admission(
    e: &EpisodeFacts,
    meetings: &[Meeting],
    policy: &PolicyIntervals,
    holidays: &Holidays,
    cut: NaiveDate,
) -> BeforeAdmission {
    let community: Vec<Meeting> = meetings
        .iter()
        .filter(|m| counts_as_pre_admission(m.review_type))
        .cloned()
        .collect();
    let held = community_review_before_admission(
        &community,
        e.admitted_on,
        e.previous_discharge,
        policy,
        holidays,
        cut,
    );
    match held {
        Some(_) => BeforeAdmission::Yes,
        None if e.added_to_register >= e.admitted_on => BeforeAdmission::NotKnown,
        None => BeforeAdmission::No,
    }
}

/// Whether an episode's post-admission review was held on time, as at `cut`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PostAdmissionReview {
    /// A community C(E)TR (or one on request) was held in the run-up, or the person left hospital
    /// before the review fell due.
    NotNeeded,
    OnTime,
    /// Held after its due day, or still not held after it.
    Late,
    /// Not held yet, and not yet due.
    NotYetDue,
}

impl PostAdmissionReview {
    pub fn code(self) -> &'static str {
        match self {
            PostAdmissionReview::NotNeeded => "not_needed",
            PostAdmissionReview::OnTime => "yes",
            PostAdmissionReview::Late => "no",
            PostAdmissionReview::NotYetDue => "not_yet_due",
        }
    }
}

/// The post-admission review of an episode, judged by the schedule's own rules: needed only when
/// no C(E)TR satisfying a community review was held in the run-up; due by the post-admission
/// interval of the person's review kind on the admission day; satisfied by the first finished
/// C(E)TR of a fitting type, with its full panel, held in hospital from the admission day.
pub fn post_admission_review(
    e: &EpisodeFacts,
    meetings: &[Meeting],
    policy: &PolicyIntervals,
    holidays: &Holidays,
    cut: NaiveDate,
) -> PostAdmissionReview {
    let before = community_review_before_admission(
        meetings,
        e.admitted_on,
        e.previous_discharge,
        policy,
        holidays,
        cut,
    );
    if before.is_some() {
        return PostAdmissionReview::NotNeeded;
    }
    let kind = suggest_kind(e.date_of_birth, e.ehcp, e.admitted_on);
    let due = post_admission_due(kind, e.admitted_on, policy, holidays);
    let held = meetings
        .iter()
        .filter(|m| counts_as_cetr(m, cut) && satisfies(ReviewType::PostAdmission, m.review_type))
        .map(|m| m.held_on)
        .filter(|on| *on >= e.admitted_on && e.left_hospital.is_none_or(|out| *on <= out))
        .min();
    match (held, e.left_hospital) {
        (Some(on), _) if on <= due => PostAdmissionReview::OnTime,
        (Some(_), _) => PostAdmissionReview::Late,
        (None, Some(out)) if out <= due => PostAdmissionReview::NotNeeded,
        (None, _) if cut > due => PostAdmissionReview::Late,
        (None, _) => PostAdmissionReview::NotYetDue,
    }
}

/// The outcome of a finished review as the returns and the dashboard report it: whether the
/// meeting found the person's needs can be met in the community.
pub fn review_outcome_code(community_needs_met: Option<bool>) -> Option<&'static str> {
    community_needs_met.map(|met| {
        if met {
            "needs_met_in_community"
        } else {
            "needs_not_met_in_community"
        }
    })
}

/// NHS England's standard: a community C(E)TR before at least this share (percent) of admissions.
pub const COMMUNITY_BEFORE_ADMISSION_STANDARD: u64 = 90;

/// The last day of each of the `n` months ending with the month holding `today`, oldest first;
/// the current month's entry is `today` itself (figures "so far").
pub fn month_ends(today: NaiveDate, n: u32) -> Vec<NaiveDate> {
    let first = today.with_day(1).unwrap_or(today);
    (0..n)
        .rev()
        .filter_map(|back| {
            let start = first.checked_sub_months(Months::new(back))?;
            let end = start.checked_add_months(Months::new(1))?.pred_opt()?;
            Some(end.min(today))
        })
        .collect()
}

/// Length-of-stay bands for the dashboard (upper bounds in days, exclusive) and their labels.
pub const STAY_BANDS: [(i64, &str); 6] = [
    (31, "<1m"),
    (92, "1-3m"),
    (183, "3-6m"),
    (365, "6-12m"),
    (730, "1-2y"),
    (i64::MAX, "2y+"),
];

pub fn stay_band(days: i64) -> usize {
    STAY_BANDS
        .iter()
        .position(|(upper, _)| days < *upper)
        .unwrap_or(STAY_BANDS.len() - 1)
}

/// Age in whole years on the cut date, for returns.
pub fn age_at(dob: NaiveDate, cut: NaiveDate) -> u32 {
    age_on(dob, cut)
}

#[cfg(test)]
mod tests;
