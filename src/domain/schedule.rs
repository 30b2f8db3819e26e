//! When a person's next date falls: the one schedule every screen, report and the store use.
//!
//! Every person on the register gets a register review (discussed at the DSR meeting) at a cadence
//! set by their rating, and, where policy asks for one, a C(E)TR due date. Only a finalised C(E)TR
//! of the right type with the required panel satisfies a C(E)TR due date; an emergency meeting
//! (LAEP for children, blue light for adults) never does.

use super::calendar::Holidays;
use super::policy::{Interval, PolicyIntervals};
use super::rating::Rating;
use super::review::{PanelRole, ReviewKind, ReviewType, missing_panel_roles, suggest_kind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Ward security level of an admission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Security {
    None,
    Low,
    Medium,
    High,
}

impl Security {
    pub const ALL: [Security; 4] = [
        Security::None,
        Security::Low,
        Security::Medium,
        Security::High,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Security::None => "none",
            Security::Low => "low",
            Security::Medium => "medium",
            Security::High => "high",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|x| x.code() == s.trim().to_ascii_lowercase())
    }
    pub fn is_secure(self) -> bool {
        self != Security::None
    }
}

/// A meeting about the person as the schedule sees it: any C(E)TR or emergency meeting, draft or final.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    pub held_on: NaiveDate,
    pub kind: ReviewKind,
    pub review_type: ReviewType,
    pub finalised: bool,
    /// Roles of the named panel members.
    pub panel: Vec<PanelRole>,
    /// Roles whose absence the review recorded with a reason.
    pub waived: Vec<PanelRole>,
}

/// True when the meeting is a C(E)TR that can satisfy a due date: finalised, not an emergency
/// meeting, held by `today`, with the required panel.
pub fn counts_as_cetr(m: &Meeting, today: NaiveDate) -> bool {
    m.finalised
        && m.review_type.is_cetr()
        && m.held_on <= today
        && missing_panel_roles(m.kind, m.review_type, &m.panel, &m.waived).is_empty()
}

/// Which held review types satisfy a due review of type `due`: any inpatient C(E)TR after an
/// admission, a community or on-request one outside hospital.
pub fn satisfies(due: ReviewType, held: ReviewType) -> bool {
    use ReviewType::*;
    match due {
        Community => matches!(held, Community | OnRequest),
        PostAdmission | InpatientRoutine => {
            matches!(held, PostAdmission | InpatientRoutine | OnRequest)
        }
        OnRequest => held == OnRequest,
        Emergency => false,
    }
}

/// A hospital episode: transfers between hospitals keep one episode, so it starts at the first
/// admission; the security is the current ward's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Episode {
    pub admitted_on: NaiveDate,
    pub security: Security,
    /// The end of the person's previous episode, if any: a community review before it was not in
    /// the run-up to this one.
    pub previous_discharge: Option<NaiveDate>,
}

/// Everything the schedule needs to know about a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleInput<'a> {
    pub date_of_birth: NaiveDate,
    pub ehcp: bool,
    pub rating: Rating,
    pub rating_since: NaiveDate,
    pub added_on: NaiveDate,
    pub episode: Option<Episode>,
    pub meetings: &'a [Meeting],
    /// When the person was last discussed at the DSR meeting.
    pub last_discussed: Option<NaiveDate>,
}

/// A C(E)TR due and when; `kind` is the kind whose clock set the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueReview {
    pub review_type: ReviewType,
    pub kind: ReviewKind,
    pub due: NaiveDate,
}

impl DueReview {
    /// Overdue when the due date has passed; a review due today is not yet overdue.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.due < today
    }
}

/// What comes next for a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub review: Option<DueReview>,
    pub register_review: NaiveDate,
    /// RED with the community C(E)TR still to hold: prompt staff to consider an emergency meeting
    /// (LAEP for children, blue light for adults) if the review cannot happen in time.
    pub consider_emergency_meeting: bool,
}

/// The next thing due for a person: always present.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextDate {
    Review(DueReview),
    RegisterReview(NaiveDate),
}

impl NextDate {
    pub fn due(self) -> NaiveDate {
        match self {
            NextDate::Review(r) => r.due,
            NextDate::RegisterReview(d) => d,
        }
    }
}

impl Schedule {
    /// The earlier of the C(E)TR and the register review; a C(E)TR wins a tie, as it is the
    /// safety-critical one.
    pub fn next(&self) -> NextDate {
        match self.review {
            Some(r) if r.due <= self.register_review => NextDate::Review(r),
            _ => NextDate::RegisterReview(self.register_review),
        }
    }
}

/// The C(E)TR clocks run by the kind of review the person gets, so the review kind rule and the
/// clock can never disagree.
fn kind_on(input: &ScheduleInput, on: NaiveDate) -> ReviewKind {
    suggest_kind(input.date_of_birth, input.ehcp, on)
}

/// The date of the community C(E)TR held in the run-up to an admission on `admitted_on`, if any.
pub fn community_review_before_admission(
    meetings: &[Meeting],
    admitted_on: NaiveDate,
    previous_discharge: Option<NaiveDate>,
    policy: &PolicyIntervals,
    holidays: &Holidays,
    today: NaiveDate,
) -> Option<NaiveDate> {
    meetings
        .iter()
        .filter(|m| counts_as_cetr(m, today) && satisfies(ReviewType::Community, m.review_type))
        .map(|m| m.held_on)
        // Strictly before: on the day of admission the person is in hospital, where a community
        // review does not fit.
        .filter(|held| *held < admitted_on)
        .filter(|held| policy.community_before_admission.after(*held, holidays) >= admitted_on)
        .filter(|held| previous_discharge.is_none_or(|out| *held >= out))
        .max()
}

/// When the post-admission review of an episode that began on `admitted_on` is due, by the kind
/// of review the person had on that day.
pub fn post_admission_due(
    kind: ReviewKind,
    admitted_on: NaiveDate,
    policy: &PolicyIntervals,
    holidays: &Holidays,
) -> NaiveDate {
    let interval = match kind {
        ReviewKind::Cetr => policy.post_admission_child,
        ReviewKind::Ctr => policy.post_admission_adult,
    };
    interval.after(admitted_on, holidays)
}

/// How often someone with this rating is discussed at the DSR meeting (local practice, editable).
pub fn register_cadence(rating: Rating, policy: &PolicyIntervals) -> Interval {
    match rating {
        Rating::Blue => policy.register_blue,
        Rating::Red => policy.register_red,
        Rating::Amber => policy.register_amber,
        Rating::Green => policy.register_green,
    }
}

/// The schedule: one pure function, so every screen and report shows the same dates.
pub fn schedule(
    input: &ScheduleInput,
    policy: &PolicyIntervals,
    holidays: &Holidays,
    today: NaiveDate,
) -> Schedule {
    let last_held = |due: ReviewType, since: NaiveDate| {
        input
            .meetings
            .iter()
            .filter(|m| counts_as_cetr(m, today) && satisfies(due, m.review_type))
            .map(|m| m.held_on)
            .filter(|held| *held >= since)
            .max()
    };
    let mut consider_emergency_meeting = false;
    let review = if let Some(ep) = input.episode {
        let before = community_review_before_admission(
            input.meetings,
            ep.admitted_on,
            ep.previous_discharge,
            policy,
            holidays,
            today,
        );
        match last_held(ReviewType::InpatientRoutine, ep.admitted_on).or(before) {
            None => {
                let kind = kind_on(input, ep.admitted_on);
                Some(DueReview {
                    review_type: ReviewType::PostAdmission,
                    kind,
                    due: post_admission_due(kind, ep.admitted_on, policy, holidays),
                })
            }
            Some(last) => {
                let kind = kind_on(input, last);
                let interval = match kind {
                    ReviewKind::Cetr => policy.inpatient_child,
                    ReviewKind::Ctr if ep.security.is_secure() => policy.inpatient_adult_secure,
                    ReviewKind::Ctr => policy.inpatient_adult,
                };
                Some(DueReview {
                    review_type: ReviewType::InpatientRoutine,
                    kind,
                    due: interval.after(last, holidays),
                })
            }
        }
    } else if input.rating == Rating::Red
        && last_held(ReviewType::Community, input.rating_since).is_none()
    {
        consider_emergency_meeting = true;
        Some(DueReview {
            review_type: ReviewType::Community,
            kind: kind_on(input, input.rating_since),
            due: policy.community_red.after(input.rating_since, holidays),
        })
    } else {
        None
    };
    let discussed_from = input.last_discussed.unwrap_or(input.added_on);
    Schedule {
        review,
        register_review: register_cadence(input.rating, policy).after(discussed_from, holidays),
        consider_emergency_meeting,
    }
}

#[cfg(test)]
mod tests;
