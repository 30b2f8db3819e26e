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

fn register_cadence(rating: Rating, policy: &PolicyIntervals) -> Interval {
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
                let interval = match kind {
                    ReviewKind::Cetr => policy.post_admission_child,
                    ReviewKind::Ctr => policy.post_admission_adult,
                };
                Some(DueReview {
                    review_type: ReviewType::PostAdmission,
                    kind,
                    due: interval.after(ep.admitted_on, holidays),
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
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }
    const FULL: [PanelRole; 3] = PanelRole::REQUIRED;
    const TODAY: &str = "2026-11-30";

    fn meeting(on: &str, t: ReviewType) -> Meeting {
        Meeting {
            held_on: d(on),
            kind: ReviewKind::Ctr,
            review_type: t,
            finalised: true,
            panel: FULL.to_vec(),
            waived: vec![],
        }
    }
    fn person<'a>(
        dob: &str,
        rating: Rating,
        since: &str,
        meetings: &'a [Meeting],
    ) -> ScheduleInput<'a> {
        ScheduleInput {
            date_of_birth: d(dob),
            ehcp: false,
            rating,
            rating_since: d(since),
            added_on: d("2025-01-06"),
            episode: None,
            meetings,
            last_discussed: None,
        }
    }
    fn inpatient<'a>(
        dob: &str,
        admitted: &str,
        security: Security,
        meetings: &'a [Meeting],
    ) -> ScheduleInput<'a> {
        ScheduleInput {
            episode: Some(Episode {
                admitted_on: d(admitted),
                security,
                previous_discharge: None,
            }),
            ..person(dob, Rating::Blue, admitted, meetings)
        }
    }
    fn run(input: &ScheduleInput) -> Schedule {
        schedule(
            input,
            &PolicyIntervals::default(),
            &Holidays::england(),
            d(TODAY),
        )
    }
    fn due(input: &ScheduleInput) -> DueReview {
        run(input).review.expect("a C(E)TR is due")
    }

    // Hazard: a LAEP / blue light meeting the day after admission cleared the post-admission CETR.
    #[test]
    fn emergency_meeting_never_satisfies_post_admission_review() {
        let mut laep = meeting("2026-11-03", ReviewType::Emergency);
        laep.panel = vec![PanelRole::Chair];
        let ms = [laep.clone()];
        let child = inpatient("2012-05-01", "2026-11-02", Security::None, &ms);
        assert_eq!(due(&child).review_type, ReviewType::PostAdmission);
        // Even with a full panel it is not a C(E)TR.
        laep.panel = FULL.to_vec();
        assert!(!counts_as_cetr(&laep, d(TODAY)));
    }

    // Hazard: an emergency meeting while RED cleared the urgent community C(E)TR.
    #[test]
    fn emergency_meeting_never_satisfies_red_community_review() {
        let ms = [meeting("2026-11-10", ReviewType::Emergency)];
        let p = person("1990-01-01", Rating::Red, "2026-11-09", &ms);
        let s = run(&p);
        assert_eq!(s.review.map(|r| r.review_type), Some(ReviewType::Community));
        assert!(s.consider_emergency_meeting);
    }

    // Hazard: a future-dated, unfinished or short-panel review cleared a RED person's review.
    #[test]
    fn future_draft_or_short_panel_review_never_satisfies_a_due_date() {
        let future = meeting("2027-02-28", ReviewType::Community);
        let mut draft = meeting("2026-11-20", ReviewType::Community);
        draft.finalised = false;
        let mut short = meeting("2026-11-20", ReviewType::Community);
        short.panel = vec![PanelRole::Chair];
        for m in [future, draft, short] {
            let ms = [m];
            let p = person("1990-01-01", Rating::Red, "2026-11-09", &ms);
            assert_eq!(due(&p).due, d("2026-11-23"), "{:?}", ms[0]);
        }
    }

    // Hazard: a review of the wrong type (a community review after admission) cleared a due one.
    #[test]
    fn community_review_after_admission_does_not_satisfy_inpatient_review() {
        let ms = [meeting("2026-11-05", ReviewType::Community)];
        let p = inpatient("1990-01-01", "2026-11-02", Security::None, &ms);
        assert_eq!(due(&p).review_type, ReviewType::PostAdmission);
    }

    // Hazard: AMBER and GREEN people, and RED people after their review, had no next date at all.
    #[test]
    fn every_rating_has_a_next_date() {
        let ms = [meeting("2026-11-16", ReviewType::Community)];
        for (rating, expect) in [
            (Rating::Red, "2025-01-13"),
            (Rating::Amber, "2025-02-06"),
            (Rating::Green, "2025-04-06"),
        ] {
            let p = person("1990-01-01", rating, "2026-11-09", &ms);
            let s = run(&p);
            assert_eq!(s.register_review, d(expect), "{rating}");
            assert_eq!(s.next().due(), d(expect), "{rating}");
        }
        let mut green = person("1990-01-01", Rating::Green, "2026-11-09", &ms);
        green.last_discussed = Some(d("2026-11-25"));
        assert_eq!(
            run(&green).next(),
            NextDate::RegisterReview(d("2027-02-25"))
        );
    }

    // Hazard: the RED clock restarting or vanishing after the first community review.
    #[test]
    fn red_community_review_due_urgently_then_weekly_register_review() {
        let none: [Meeting; 0] = [];
        let mut p = person("1990-01-01", Rating::Red, "2026-11-09", &none);
        p.last_discussed = Some(d("2026-11-27"));
        let s = run(&p);
        assert_eq!(
            s.next(),
            NextDate::Review(DueReview {
                review_type: ReviewType::Community,
                kind: ReviewKind::Ctr,
                due: d("2026-11-23")
            })
        );
        let ms = [meeting("2026-11-20", ReviewType::Community)];
        p.meetings = &ms;
        let s = run(&p);
        assert_eq!(s.review, None);
        assert!(!s.consider_emergency_meeting);
        assert_eq!(s.next(), NextDate::RegisterReview(d("2026-12-04")));
    }

    // Hazard: a child's post-admission CETR given 14 calendar days instead of 5 working days.
    #[test]
    fn child_post_admission_review_within_five_working_days() {
        // Admitted Wednesday 23 Dec 2026: Christmas, Boxing Day (substitute) and New Year skipped.
        let p = inpatient("2012-05-01", "2026-12-23", Security::None, &[]);
        assert_eq!(due(&p).due, d("2027-01-04"));
        assert_eq!(due(&p).kind, ReviewKind::Cetr);
        let adult = inpatient("1990-01-01", "2026-11-02", Security::Low, &[]);
        assert_eq!(due(&adult).due, d("2026-11-30"));
    }

    // Hazard: a post-admission review demanded although a community C(E)TR came before admission.
    #[test]
    fn no_post_admission_review_after_a_community_review_before_admission() {
        let ms = [meeting("2026-10-20", ReviewType::Community)];
        let p = inpatient("1990-01-01", "2026-11-02", Security::None, &ms);
        assert_eq!(
            due(&p),
            DueReview {
                review_type: ReviewType::InpatientRoutine,
                kind: ReviewKind::Ctr,
                due: d("2027-04-20")
            }
        );
        // Too long before (more than 6 months), or before an earlier discharge: not in the run-up.
        let old = [meeting("2026-04-01", ReviewType::Community)];
        let p = inpatient("1990-01-01", "2026-11-02", Security::None, &old);
        assert_eq!(due(&p).review_type, ReviewType::PostAdmission);
        let mut p = inpatient("1990-01-01", "2026-11-02", Security::None, &ms);
        p.episode = p.episode.map(|e| Episode {
            previous_discharge: Some(d("2026-10-25")),
            ..e
        });
        assert_eq!(due(&p).review_type, ReviewType::PostAdmission);
    }

    // Hazard: a 19-year-old with an EHCP got a CETR but the adult 28-day clock.
    #[test]
    fn ehcp_young_adult_on_cetr_gets_cetr_clocks() {
        let mut p = inpatient("2007-06-01", "2026-11-02", Security::Medium, &[]);
        p.ehcp = true;
        let first = due(&p);
        assert_eq!(first.kind, ReviewKind::Cetr);
        assert_eq!(first.due, d("2026-11-09"));
        let ms = [meeting("2026-11-06", ReviewType::PostAdmission)];
        p.meetings = &ms;
        assert_eq!(
            due(&p),
            DueReview {
                review_type: ReviewType::InpatientRoutine,
                kind: ReviewKind::Cetr,
                due: d("2027-02-06")
            }
        );
    }

    // Rule (policy default): inpatient routine every 3 months child, 6 adult, 12 adult secure.
    #[test]
    fn inpatient_routine_cycles() {
        let ms = [meeting("2026-02-10", ReviewType::PostAdmission)];
        let cases = [
            ("2012-01-01", Security::None, "2026-05-10"),
            ("1990-01-01", Security::None, "2026-08-10"),
            ("1990-01-01", Security::Medium, "2027-02-10"),
            ("2012-01-01", Security::High, "2026-05-10"),
        ];
        for (dob, sec, expect) in cases {
            let p = inpatient(dob, "2026-01-01", sec, &ms);
            assert_eq!(due(&p).due, d(expect), "{dob} {sec:?}");
        }
    }

    // Hazard: a review held before this admission counted as its post-admission review.
    #[test]
    fn review_before_an_earlier_discharge_does_not_count() {
        let ms = [meeting("2026-06-01", ReviewType::InpatientRoutine)];
        let p = inpatient("1990-01-01", "2026-11-02", Security::None, &ms);
        assert_eq!(due(&p).review_type, ReviewType::PostAdmission);
    }

    // Rule: overdue means the due date is before today; due today is not overdue.
    #[test]
    fn overdue_boundary() {
        let due = DueReview {
            review_type: ReviewType::Community,
            kind: ReviewKind::Ctr,
            due: d("2026-11-24"),
        };
        assert!(!due.is_overdue(d("2026-11-24")));
        assert!(due.is_overdue(d("2026-11-25")));
    }
}
