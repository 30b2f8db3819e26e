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
