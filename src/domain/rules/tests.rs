use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}
const TODAY: &str = "2026-11-30";

// Hazard: RED -> RED restarted the RED clock and moved an overdue review into the future.
#[test]
fn rerate_to_the_same_rating_is_refused() {
    assert_eq!(
        check_rerate(Rating::Red, Rating::Red, false, "still in crisis"),
        Err(RuleViolation::SameRating(Rating::Red))
    );
    assert_eq!(
        check_rerate(Rating::Red, Rating::Amber, false, "settled"),
        Ok(())
    );
    assert_eq!(
        check_rerate(Rating::Red, Rating::Amber, false, " "),
        Err(RuleViolation::ReasonRequired)
    );
}

// Hazard: a person shown RED while still an inpatient, or BLUE while at home.
#[test]
fn blue_exactly_when_in_hospital() {
    assert_eq!(
        check_rating_fits(Rating::Blue, false),
        Err(RuleViolation::BlueNeedsAdmission)
    );
    assert_eq!(
        check_rating_fits(Rating::Red, true),
        Err(RuleViolation::InHospitalStaysBlue)
    );
    assert_eq!(check_rating_fits(Rating::Blue, true), Ok(()));
    assert_eq!(check_rating_fits(Rating::Green, false), Ok(()));
    assert_eq!(
        RuleViolation::InHospitalStaysBlue.field(),
        RuleField::Rating
    );
}

// Hazard: a review held 1 Oct, finalised 24 Nov, overwrote a GREEN given on 20 Nov.
#[test]
fn older_review_never_overwrites_a_newer_rating_silently() {
    let (held, since, today) = (d("2026-10-01"), d("2026-11-20"), d("2026-11-24"));
    let ask = review_rating(Some(Rating::Red), held, Rating::Green, since, None, today);
    assert_eq!(ask, ReviewRating::AskOlderReview);
    assert_eq!(
        review_rating(
            Some(Rating::Red),
            held,
            Rating::Green,
            since,
            Some(OlderReviewChoice::ApplyToday),
            today
        ),
        ReviewRating::Apply(Rating::Red, today)
    );
    assert_eq!(
        review_rating(
            Some(Rating::Red),
            held,
            Rating::Green,
            since,
            Some(OlderReviewChoice::KeepNewer),
            today
        ),
        ReviewRating::Unchanged
    );
    // A review after the rating applies as of its meeting date; the same rating changes nothing.
    assert_eq!(
        review_rating(
            Some(Rating::Amber),
            d("2026-11-21"),
            Rating::Green,
            since,
            None,
            today
        ),
        ReviewRating::Apply(Rating::Amber, d("2026-11-21"))
    );
    assert_eq!(
        review_rating(Some(Rating::Green), held, Rating::Green, since, None, today),
        ReviewRating::Unchanged
    );
}

// Hazard: overlapping admissions accepted; an admission before birth.
#[test]
fn overlapping_or_prebirth_admissions_are_refused() {
    let born = d("2010-01-01");
    let t = d(TODAY);
    let stays = [Stay {
        admitted_on: d("2026-03-01"),
        discharged_on: Some(d("2026-06-01")),
    }];
    assert!(matches!(
        check_admission(born, &stays, "St Elsewhere", d("2026-05-01"), None, t),
        Err(RuleViolation::AdmissionOverlaps { .. })
    ));
    // Back-dated to before an earlier stay also overlaps it.
    assert!(matches!(
        check_admission(born, &stays, "St Elsewhere", d("2026-01-01"), None, t),
        Err(RuleViolation::AdmissionOverlaps { .. })
    ));
    assert_eq!(
        check_admission(born, &stays, "St Elsewhere", d("2026-06-01"), None, t),
        Ok(())
    );
    assert_eq!(
        check_admission(born, &[], "St Elsewhere", d("2009-12-31"), None, t),
        Err(RuleViolation::AdmissionBeforeBirth { born })
    );
    let open = [Stay {
        admitted_on: d("2026-11-01"),
        discharged_on: None,
    }];
    assert_eq!(
        check_admission(born, &open, "St Elsewhere", d("2026-11-20"), None, t),
        Err(RuleViolation::AlreadyInHospital)
    );
    assert_eq!(
        check_admission(born, &[], "St Elsewhere", d("2026-12-20"), None, t),
        Err(RuleViolation::DateInFuture(RuleField::AdmissionDate))
    );
}

// Hazard: an inpatient archived drops off the due list while staying in the weekly return.
#[test]
fn archiving_an_inpatient_is_refused() {
    assert_eq!(
        check_archive(true, "moved away"),
        Err(RuleViolation::ArchiveInpatient)
    );
    assert_eq!(check_archive(false, "moved away"), Ok(()));
}

// Hazard: a 14-year-old admitted to an adult acute ward under DoLS with no warning.
#[test]
fn child_on_adult_ward_or_dols_under_18_needs_confirmation() {
    let flags = notifiable(d("2012-06-01"), "Acute adult", "DoLS", d(TODAY));
    assert_eq!(
        flags,
        vec![Notifiable::ChildOnAdultWard, Notifiable::DolsUnder18]
    );
    assert!(notifiable(d("2012-06-01"), "CAMHS tier 4", "MHA section 2", d(TODAY)).is_empty());
    assert!(notifiable(d("1990-06-01"), "Acute adult", "DoLS", d(TODAY)).is_empty());
    assert_eq!(
        check_confirmations(&flags, "", true, ""),
        Err(RuleViolation::ConfirmNotifiable(flags.clone()))
    );
    assert_eq!(
        check_confirmations(&flags, "no CAMHS bed", true, ""),
        Ok(())
    );
}

// Hazard: an admission with no community C(E)TR before it passes without a root-cause note.
#[test]
fn admission_without_community_review_asks_why() {
    assert_eq!(
        check_confirmations(&[], "", false, ""),
        Err(RuleViolation::ExplainNoCommunityReview)
    );
    assert_eq!(
        check_confirmations(&[], "", false, "crisis at night"),
        Ok(())
    );
}

// Hazard: length of stay computed two ways, restarting at a transfer.
#[test]
fn length_of_stay_runs_from_the_episode_start() {
    assert_eq!(length_of_stay(d("2026-11-01"), None, d(TODAY)), 29);
    assert_eq!(
        length_of_stay(d("2026-11-01"), Some(d("2026-11-11")), d(TODAY)),
        10
    );
    assert_eq!(length_of_stay(d("2026-12-01"), None, d(TODAY)), 0);
}

// Hazard: a discharge or transfer dated before the admission or in the future.
#[test]
fn leaving_dates_within_the_stay() {
    let a = d("2026-11-01");
    assert_eq!(
        check_leaving(RuleField::TransferDate, d("2026-10-01"), a, d(TODAY)),
        Err(RuleViolation::BeforeAdmission {
            field: RuleField::TransferDate,
            admitted_on: a
        })
    );
    assert_eq!(
        check_leaving(RuleField::DischargeDate, d("2026-12-01"), a, d(TODAY)),
        Err(RuleViolation::DateInFuture(RuleField::DischargeDate))
    );
    assert_eq!(
        check_leaving(RuleField::DischargeDate, a, a, d(TODAY)),
        Ok(())
    );
}
