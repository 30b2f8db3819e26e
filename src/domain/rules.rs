//! The register's safety rules for ratings and admissions, each in one place, each failing with a
//! typed violation that names the rule and the field, so a screen can word it and focus the field.

use super::age::age_on;
use super::dates::uk;
use super::rating::Rating;
use chrono::NaiveDate;
use std::fmt;

/// The field a violation concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleField {
    Rating,
    Reason,
    Hospital,
    WardType,
    LegalStatus,
    AdmissionDate,
    PlannedDischarge,
    DischargeDate,
    TransferDate,
    ResolvedDate,
    Record,
}

/// Admissions that are notifiable and need a confirmation with a reason before they are recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notifiable {
    ChildOnAdultWard,
    DolsUnder18,
}

impl Notifiable {
    pub fn label(self) -> &'static str {
        match self {
            Notifiable::ChildOnAdultWard => "a child on an adult ward",
            Notifiable::DolsUnder18 => "DoLS for someone under 18",
        }
    }
}

/// A broken rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleViolation {
    ReasonRequired,
    /// Re-rating to the rating the person already has would restart its clock.
    SameRating(Rating),
    /// BLUE follows from an admission and only from one.
    BlueNeedsAdmission,
    InHospitalStaysBlue,
    HospitalRequired,
    AlreadyInHospital,
    NotInHospital,
    AdmissionBeforeBirth {
        born: NaiveDate,
    },
    DateInFuture(RuleField),
    AdmissionOverlaps {
        admitted_on: NaiveDate,
        discharged_on: Option<NaiveDate>,
    },
    PlannedDischargeBeforeAdmission,
    BeforeAdmission {
        field: RuleField,
        admitted_on: NaiveDate,
    },
    SameHospital,
    ResolvedBeforeRaised {
        raised_on: NaiveDate,
    },
    ArchiveInpatient,
    /// The review's meeting came before the current rating was set: staff choose whether to apply
    /// the review's rating as of today or keep the newer one.
    ReviewOlderThanRating {
        rating: Rating,
        since: NaiveDate,
    },
    /// A notifiable admission goes ahead only with a reason given.
    ConfirmNotifiable(Vec<Notifiable>),
    /// An admission with no community C(E)TR in its run-up goes ahead only with a reason given.
    ExplainNoCommunityReview,
}

impl RuleViolation {
    pub fn field(&self) -> RuleField {
        use RuleViolation::*;
        match self {
            ReasonRequired | ConfirmNotifiable(_) | ExplainNoCommunityReview => RuleField::Reason,
            SameRating(_) | BlueNeedsAdmission | InHospitalStaysBlue => RuleField::Rating,
            ReviewOlderThanRating { .. } => RuleField::Rating,
            HospitalRequired | SameHospital => RuleField::Hospital,
            AlreadyInHospital | NotInHospital | ArchiveInpatient => RuleField::Record,
            AdmissionBeforeBirth { .. } | AdmissionOverlaps { .. } => RuleField::AdmissionDate,
            DateInFuture(f) | BeforeAdmission { field: f, .. } => *f,
            PlannedDischargeBeforeAdmission => RuleField::PlannedDischarge,
            ResolvedBeforeRaised { .. } => RuleField::ResolvedDate,
        }
    }
}

impl fmt::Display for RuleViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use RuleViolation::*;
        match self {
            ReasonRequired => f.write_str("a reason is required"),
            SameRating(r) => write!(
                f,
                "the person is already {r}: nothing changed, and the {r} clock keeps running from when it was set"
            ),
            BlueNeedsAdmission => {
                f.write_str("BLUE means in hospital: record an admission, which makes the person BLUE")
            }
            InHospitalStaysBlue => f.write_str(
                "this person is in hospital, so stays BLUE: record the discharge to change the rating",
            ),
            HospitalRequired => f.write_str("the hospital's name is required"),
            AlreadyInHospital => f.write_str(
                "this person is already in hospital: record a transfer, or the discharge first",
            ),
            NotInHospital => f.write_str("this person has no open admission"),
            AdmissionBeforeBirth { born } => {
                write!(f, "the admission date is before the date of birth {}", uk(*born))
            }
            DateInFuture(_) => f.write_str("the date is in the future: record it when it happens"),
            AdmissionOverlaps {
                admitted_on,
                discharged_on,
            } => match discharged_on {
                Some(out) => write!(
                    f,
                    "this overlaps the stay from {} to {}: admissions cannot overlap",
                    uk(*admitted_on),
                    uk(*out)
                ),
                None => write!(
                    f,
                    "this overlaps the stay that began {}: admissions cannot overlap",
                    uk(*admitted_on)
                ),
            },
            PlannedDischargeBeforeAdmission => {
                f.write_str("the planned discharge date is before the admission date")
            }
            BeforeAdmission { admitted_on, .. } => write!(
                f,
                "the date is before the admission date {}",
                uk(*admitted_on)
            ),
            SameHospital => f.write_str("a transfer needs a different hospital or ward"),
            ResolvedBeforeRaised { raised_on } => write!(
                f,
                "the resolved date is before the barrier was raised ({})",
                uk(*raised_on)
            ),
            ReviewOlderThanRating { rating, since } => write!(
                f,
                "the meeting was held before the current rating ({rating} since {}): apply the review's rating as of today, or keep the newer rating",
                uk(*since)
            ),
            ArchiveInpatient => f.write_str(
                "this person is in hospital: record the discharge before removing them from the register",
            ),
            ConfirmNotifiable(what) => {
                let names: Vec<&str> = what.iter().map(|n| n.label()).collect();
                write!(
                    f,
                    "this admission is notifiable ({}): confirm it with a reason",
                    names.join("; ")
                )
            }
            ExplainNoCommunityReview => f.write_str(
                "no community C(E)TR was held before this admission: say why (each such admission gets a root-cause review)",
            ),
        }
    }
}

impl std::error::Error for RuleViolation {}

fn required(reason: &str) -> Result<(), RuleViolation> {
    if reason.trim().is_empty() {
        Err(RuleViolation::ReasonRequired)
    } else {
        Ok(())
    }
}

/// BLUE exactly when in hospital: the one statement of that rule.
pub fn check_rating_fits(rating: Rating, in_hospital: bool) -> Result<(), RuleViolation> {
    match (rating, in_hospital) {
        (Rating::Blue, false) => Err(RuleViolation::BlueNeedsAdmission),
        (r, true) if r != Rating::Blue => Err(RuleViolation::InHospitalStaysBlue),
        _ => Ok(()),
    }
}

/// A re-rating by hand: a reason, a different rating, and BLUE exactly when in hospital.
pub fn check_rerate(
    from: Rating,
    to: Rating,
    in_hospital: bool,
    reason: &str,
) -> Result<(), RuleViolation> {
    check_rating_fits(to, in_hospital)?;
    if from == to {
        return Err(RuleViolation::SameRating(to));
    }
    required(reason)
}

/// What to do with the rating a finalised review proposes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewRating {
    /// Nothing to change: no rating proposed, or the same as now (its clock keeps running).
    Unchanged,
    /// Apply from this date.
    Apply(Rating, NaiveDate),
    /// The meeting was held before the current rating was set: staff must choose.
    AskOlderReview,
}

/// Staff's answer when a review is older than the current rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OlderReviewChoice {
    /// Apply the review's rating now, as of today.
    ApplyToday,
    /// Keep the newer rating.
    KeepNewer,
}

impl OlderReviewChoice {
    pub fn code(self) -> &'static str {
        match self {
            OlderReviewChoice::ApplyToday => "applied today",
            OlderReviewChoice::KeepNewer => "kept the newer rating",
        }
    }
}

/// The rating a review's finalising leads to. A review never backdates over a newer rating.
pub fn review_rating(
    proposed: Option<Rating>,
    held_on: NaiveDate,
    current: Rating,
    current_since: NaiveDate,
    choice: Option<OlderReviewChoice>,
    today: NaiveDate,
) -> ReviewRating {
    let Some(new) = proposed.filter(|r| *r != current) else {
        return ReviewRating::Unchanged;
    };
    if held_on >= current_since {
        return ReviewRating::Apply(new, held_on);
    }
    match choice {
        None => ReviewRating::AskOlderReview,
        Some(OlderReviewChoice::ApplyToday) => ReviewRating::Apply(new, today),
        Some(OlderReviewChoice::KeepNewer) => ReviewRating::Unchanged,
    }
}

/// One hospital stay as the admission rules see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stay {
    pub admitted_on: NaiveDate,
    pub discharged_on: Option<NaiveDate>,
}

/// Length of stay in days, up to discharge or `today`; measured from the episode's first
/// admission, so a transfer between hospitals does not restart it.
pub fn length_of_stay(
    episode_start: NaiveDate,
    discharged_on: Option<NaiveDate>,
    today: NaiveDate,
) -> i64 {
    (discharged_on.unwrap_or(today) - episode_start)
        .num_days()
        .max(0)
}

/// A new admission: not before birth, not in the future, not overlapping another stay, a
/// hospital named, planned discharge not before admission.
pub fn check_admission(
    born: NaiveDate,
    stays: &[Stay],
    hospital: &str,
    admitted_on: NaiveDate,
    planned_discharge: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(), RuleViolation> {
    if stays.iter().any(|s| s.discharged_on.is_none()) {
        return Err(RuleViolation::AlreadyInHospital);
    }
    if hospital.trim().is_empty() {
        return Err(RuleViolation::HospitalRequired);
    }
    if admitted_on < born {
        return Err(RuleViolation::AdmissionBeforeBirth { born });
    }
    if admitted_on > today {
        return Err(RuleViolation::DateInFuture(RuleField::AdmissionDate));
    }
    // Readmission on the day of discharge is allowed; anything earlier overlaps.
    if let Some(s) = stays
        .iter()
        .find(|s| s.discharged_on.is_none_or(|out| out > admitted_on))
    {
        return Err(RuleViolation::AdmissionOverlaps {
            admitted_on: s.admitted_on,
            discharged_on: s.discharged_on,
        });
    }
    if planned_discharge.is_some_and(|d| d < admitted_on) {
        return Err(RuleViolation::PlannedDischargeBeforeAdmission);
    }
    Ok(())
}

/// A discharge or transfer date: not before the current admission, not in the future.
pub fn check_leaving(
    field: RuleField,
    on: NaiveDate,
    admitted_on: NaiveDate,
    today: NaiveDate,
) -> Result<(), RuleViolation> {
    if on < admitted_on {
        return Err(RuleViolation::BeforeAdmission { field, admitted_on });
    }
    if on > today {
        return Err(RuleViolation::DateInFuture(field));
    }
    Ok(())
}

/// Archiving is refused while the person is in hospital: they would drop off the due list while
/// staying in the weekly return.
pub fn check_archive(in_hospital: bool, reason: &str) -> Result<(), RuleViolation> {
    if in_hospital {
        return Err(RuleViolation::ArchiveInpatient);
    }
    required(reason)
}

/// Wards that are not children's wards: anything but CAMHS.
pub fn is_adult_ward(ward_type: &str) -> bool {
    !ward_type.to_ascii_uppercase().contains("CAMHS")
}

/// What makes this admission notifiable: a child on an adult ward, or DoLS (an adults' framework)
/// for someone under 18.
pub fn notifiable(
    born: NaiveDate,
    ward_type: &str,
    legal_status: &str,
    admitted_on: NaiveDate,
) -> Vec<Notifiable> {
    let child = age_on(born, admitted_on) < 18;
    let mut out = Vec::new();
    if child && is_adult_ward(ward_type) {
        out.push(Notifiable::ChildOnAdultWard);
    }
    if child && legal_status.trim().eq_ignore_ascii_case("DoLS") {
        out.push(Notifiable::DolsUnder18);
    }
    out
}

/// Notifiable admissions need a reason; admissions without a community C(E)TR in their run-up
/// need one too. Returns the first missing confirmation.
pub fn check_confirmations(
    notifiable: &[Notifiable],
    notifiable_reason: &str,
    had_community_review: bool,
    no_review_reason: &str,
) -> Result<(), RuleViolation> {
    if !notifiable.is_empty() && notifiable_reason.trim().is_empty() {
        return Err(RuleViolation::ConfirmNotifiable(notifiable.to_vec()));
    }
    if !had_community_review && no_review_reason.trim().is_empty() {
        return Err(RuleViolation::ExplainNoCommunityReview);
    }
    Ok(())
}

#[cfg(test)]
mod tests;
