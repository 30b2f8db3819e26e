//! Consent as the DSR policy has it: several records per person, each from one voice (the person,
//! someone with parental responsibility, or a best-interests decision), for one or more scopes
//! (the register, the C(E)TR, sharing with named organisations), given, declined or later withdrawn.
//!
//! What the records mean today is decided here, once, for every scope: the card, the register
//! filter, "ready", finalising and the exports all ask [`scope_state`].
//!
//! Who must be heard depends on age on the day asked:
//! - under 16: someone with parental responsibility (the Mental Capacity Act starts at 16, so no
//!   best-interests decision; a child's own refusal is still respected);
//! - 16 and 17: someone with parental responsibility *and* the young person (their own consent, or a
//!   best-interests decision when they lack capacity): the consent forms of "Homes not hospitals"
//!   are completed by parents and by young people;
//! - 18 and over: the person, or a best-interests decision. Consent by parental responsibility
//!   ends at the 18th birthday: a parent's consent given for a child is then *expired*.
//!
//! There is no expiry by time: the DSR policy names none, and consent in law stands until it is
//! withdrawn; an expiry the policy does not ask for would block reviews and sharing for no reason.
//! The only expiry is the age rule above.

use super::age::{age_on, birthday};
use super::person::coded_enum;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

coded_enum!(
    /// Whose decision a consent record holds.
    Giver {
        Person = "person" / "The person",
        ParentalResponsibility = "parental" / "Someone with parental responsibility",
        BestInterests = "best_interests" / "Best-interests decision (lacks capacity)",
    }
);

coded_enum!(
    /// How the decision was given and where it can be checked.
    ConsentBasis {
        Form = "form" / "Signed consent form",
        Verbal = "verbal" / "Verbal, noted at the time",
        DecisionRecord = "decision_record" / "Best-interests decision record",
        Earlier = "earlier" / "Recorded before consent records (check the form)",
    }
);

coded_enum!(
    /// What a consent record covers.
    Scope {
        Register = "register" / "Register",
        Review = "review" / "C(E)TR",
        Sharing = "sharing" / "Sharing",
    }
);

/// The bases staff choose from; `Earlier` only describes consents carried over from the time a
/// person had a single consent field.
pub const CHOOSABLE_BASES: &[ConsentBasis] = &[
    ConsentBasis::Form,
    ConsentBasis::Verbal,
    ConsentBasis::DecisionRecord,
];

/// The decision a record holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    Given,
    Declined,
    /// Given, then withdrawn on this date.
    Withdrawn(NaiveDate),
}

impl Decision {
    pub fn code(self) -> &'static str {
        match self {
            Decision::Given => "given",
            Decision::Declined => "declined",
            Decision::Withdrawn(_) => "withdrawn",
        }
    }
}

/// One consent record as staff enter it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentRecord {
    pub giver: Giver,
    /// The parent or carer who gave it, or who made the best-interests decision.
    pub giver_name: Option<String>,
    /// When capacity was assessed (a best-interests decision only).
    pub capacity_assessed_on: Option<NaiveDate>,
    pub basis: ConsentBasis,
    pub decided_on: NaiveDate,
    pub scopes: Vec<Scope>,
    /// Organisations the person agreed their information may be shared with.
    pub share_with: Vec<String>,
    pub decision: Decision,
    pub recorded_by: String,
}

impl ConsentRecord {
    pub fn covers(&self, scope: Scope) -> bool {
        self.scopes.contains(&scope)
    }

    /// The record in words, for the card, the wizard and the review report:
    /// `given by Sam Carer (someone with parental responsibility), signed consent form, 3 Mar 2026:
    /// register, C(E)TR, sharing with Northshire Council; recorded by Jo Hartley`.
    pub fn describe(&self) -> String {
        let day = |d: NaiveDate| d.format("%-d %b %Y").to_string();
        let decision = match self.decision {
            Decision::Given => "given".to_string(),
            Decision::Declined => "declined".to_string(),
            Decision::Withdrawn(on) => format!("withdrawn on {} (given", day(on)),
        };
        let who = match (self.giver, self.giver_name.as_deref()) {
            (Giver::Person, _) => "the person".to_string(),
            (Giver::ParentalResponsibility, Some(n)) => {
                format!("{n} (someone with parental responsibility)")
            }
            (Giver::BestInterests, Some(n)) => format!("a best-interests decision by {n}"),
            (g, None) => g.label().to_lowercase(),
        };
        let capacity = self
            .capacity_assessed_on
            .map(|c| format!(" (capacity assessed {})", day(c)))
            .unwrap_or_default();
        let scopes: Vec<String> = self
            .scopes
            .iter()
            .map(|s| match s {
                Scope::Sharing if !self.share_with.is_empty() => {
                    format!("sharing with {}", self.share_with.join(", "))
                }
                s => s.label().to_string(),
            })
            .collect();
        let close = if matches!(self.decision, Decision::Withdrawn(_)) {
            ")"
        } else {
            ""
        };
        format!(
            "{decision} by {who}{capacity}, {}, {}{close}: {}; recorded by {}",
            self.basis.label().to_lowercase(),
            day(self.decided_on),
            scopes.join(", "),
            self.recorded_by
        )
    }

    /// The date this record last changed what it says: the withdrawal, else the decision.
    fn as_of(&self) -> NaiveDate {
        match self.decision {
            Decision::Withdrawn(on) => on,
            _ => self.decided_on,
        }
    }
}

/// Whose voice a record is: a best-interests decision stands in for the person's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Voice {
    Own,
    Parent,
}

fn voice(g: Giver) -> Voice {
    match g {
        Giver::Person | Giver::BestInterests => Voice::Own,
        Giver::ParentalResponsibility => Voice::Parent,
    }
}

/// Someone whose consent is still to be asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needed {
    /// The person themselves (or a best-interests decision if they lack capacity).
    Person,
    /// The young person's own consent, asked as well as the parent's at 16 and 17.
    YoungPerson,
    ParentalResponsibility,
}

impl fmt::Display for Needed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Needed::Person => {
                "the person's own consent (or a best-interests decision if they lack capacity)"
            }
            Needed::YoungPerson => {
                "the young person's own consent as well (asked at 16 and 17; a best-interests decision if they lack capacity)"
            }
            Needed::ParentalResponsibility => "consent from someone with parental responsibility",
        })
    }
}

/// What the records mean today for one scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScopeState {
    Given,
    /// Nobody (or not everyone who must be) has been asked yet.
    Missing(Vec<Needed>),
    Declined(NaiveDate),
    Withdrawn(NaiveDate),
    /// A parent's consent that ended at the person's 18th birthday.
    Expired(NaiveDate),
}

impl ScopeState {
    pub fn is_given(&self) -> bool {
        *self == ScopeState::Given
    }

    /// Short form for the card and lists: `given`, `missing`, `declined 3 Mar 2026`, ...
    pub fn word(&self) -> &'static str {
        match self {
            ScopeState::Given => "given",
            ScopeState::Missing(_) => "missing",
            ScopeState::Declined(_) => "declined",
            ScopeState::Withdrawn(_) => "withdrawn",
            ScopeState::Expired(_) => "expired",
        }
    }

    /// Missing or expired: nobody has decided for the person as they are now, so someone should ask.
    pub fn needs_asking(&self) -> bool {
        matches!(self, ScopeState::Missing(_) | ScopeState::Expired(_))
    }
}

impl fmt::Display for ScopeState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let day = |d: &NaiveDate| d.format("%-d %b %Y").to_string();
        match self {
            ScopeState::Given => f.write_str("given"),
            ScopeState::Missing(needed) if needed.is_empty() => f.write_str("missing"),
            ScopeState::Missing(needed) => {
                let list: Vec<String> = needed.iter().map(ToString::to_string).collect();
                write!(f, "missing: {}", list.join(", and "))
            }
            ScopeState::Declined(on) => write!(f, "declined on {}", day(on)),
            ScopeState::Withdrawn(on) => write!(f, "withdrawn on {}", day(on)),
            ScopeState::Expired(on) => write!(
                f,
                "expired on {} (consent by parental responsibility ends at 18: ask the person)",
                day(on)
            ),
        }
    }
}

/// The latest decision of one voice for one scope, as known today.
fn latest(
    records: &[ConsentRecord],
    scope: Scope,
    v: Voice,
    today: NaiveDate,
) -> Option<&ConsentRecord> {
    records
        .iter()
        .filter(|r| r.covers(scope) && voice(r.giver) == v && r.decided_on <= today)
        .max_by_key(|r| r.as_of().min(today))
}

/// What `records` mean today for `scope`, for someone born on `dob`.
///
/// A refusal by anyone who was asked wins (declined or withdrawn, the most recent one); then a
/// parent's consent that ended at 18; then whoever still has to be asked; else consent is given.
pub fn scope_state(
    records: &[ConsentRecord],
    dob: NaiveDate,
    today: NaiveDate,
    scope: Scope,
) -> ScopeState {
    let age = age_on(dob, today);
    let own = latest(records, scope, Voice::Own, today);
    // A parent's say ends at 18: their records no longer count, whatever they said.
    let parent = (age < 18)
        .then(|| latest(records, scope, Voice::Parent, today))
        .flatten();
    let refusal = [own, parent]
        .into_iter()
        .flatten()
        .filter_map(|r| match r.decision {
            Decision::Declined => Some(ScopeState::Declined(r.decided_on)),
            Decision::Withdrawn(on) => Some(ScopeState::Withdrawn(on)),
            Decision::Given => None,
        })
        .max_by_key(|s| match s {
            ScopeState::Declined(d) | ScopeState::Withdrawn(d) => *d,
            _ => NaiveDate::MIN,
        });
    if let Some(refused) = refusal {
        return refused;
    }
    let mut needed = Vec::new();
    match age {
        0..=15 => {
            if parent.is_none() {
                needed.push(Needed::ParentalResponsibility);
            }
        }
        16..=17 => {
            if parent.is_none() {
                needed.push(Needed::ParentalResponsibility);
            }
            if own.is_none() {
                needed.push(Needed::YoungPerson);
            }
        }
        _ => {
            if own.is_none() {
                let adult = birthday(dob, 18);
                let lapsed = latest(records, scope, Voice::Parent, today)
                    .is_some_and(|r| r.decision == Decision::Given);
                if lapsed {
                    return ScopeState::Expired(adult);
                }
                needed.push(Needed::Person);
            }
        }
    }
    if needed.is_empty() {
        ScopeState::Given
    } else {
        ScopeState::Missing(needed)
    }
}

/// Every scope's state today, in [`Scope::ALL`] order.
pub fn summary(
    records: &[ConsentRecord],
    dob: NaiveDate,
    today: NaiveDate,
) -> Vec<(Scope, ScopeState)> {
    Scope::ALL
        .iter()
        .map(|s| (*s, scope_state(records, dob, today, *s)))
        .collect()
}

/// Whether any scope is missing or expired (the register's "consent missing or expired" filter).
pub fn needs_asking(records: &[ConsentRecord], dob: NaiveDate, today: NaiveDate) -> bool {
    summary(records, dob, today)
        .iter()
        .any(|(_, s)| s.needs_asking())
}

/// Organisations a person agreed to share with today (from given records covering sharing).
pub fn sharing_organisations(records: &[ConsentRecord], today: NaiveDate) -> Vec<String> {
    let mut out: Vec<String> = records
        .iter()
        .filter(|r| {
            r.covers(Scope::Sharing) && r.decision == Decision::Given && r.decided_on <= today
        })
        .flat_map(|r| r.share_with.iter().cloned())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Why a review may not go ahead on its consent: what the panel would be missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewConsentGap(pub ScopeState);

impl fmt::Display for ReviewConsentGap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            ScopeState::Declined(_) | ScopeState::Withdrawn(_) => write!(
                f,
                "consent to the review was {}: the panel must not read the papers; record a new decision on the person's card (a best-interests decision if they lack capacity)",
                self.0
            ),
            state => write!(
                f,
                "consent to the review is {state}; record it on the person's card (c), or give the reason to go ahead without it (e.g. a best-interests meeting booked) in step 1"
            ),
        }
    }
}

/// The one rule for "ready" and finalising: the review scope must be given. When it is missing
/// or expired, a recorded reason lets the review go ahead; a refusal never can be overridden by a
/// note (only by a new decision, such as a best-interests decision).
pub fn review_consent_gap(state: &ScopeState, reason_given: bool) -> Option<ReviewConsentGap> {
    match state {
        ScopeState::Given => None,
        ScopeState::Missing(_) | ScopeState::Expired(_) if reason_given => None,
        other => Some(ReviewConsentGap(other.clone())),
    }
}

/// Why an export that names the person (a review report, a family plan, a list of actions) may
/// not leave the register: their consent to share is not given. `None` when it is.
pub fn sharing_refusal(state: &ScopeState) -> Option<String> {
    (!state.is_given()).then(|| {
        format!(
            "consent to share is {state}; record consent to share, naming the organisations, on the person's card (c) first"
        )
    })
}

/// A rule a new or changed consent record breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentProblem {
    pub field: &'static str,
    pub message: String,
}

/// Check a record before it is stored, for someone born on `dob`.
pub fn check_record(r: &ConsentRecord, dob: NaiveDate, today: NaiveDate) -> Vec<ConsentProblem> {
    let mut out = Vec::new();
    let mut need = |ok: bool, field: &'static str, message: String| {
        if !ok {
            out.push(ConsentProblem { field, message });
        }
    };
    let age = age_on(dob, r.decided_on);
    need(
        r.decided_on <= today,
        "decided_on",
        "the date of the decision is in the future: record consent once it is given".into(),
    );
    need(
        r.decided_on >= dob,
        "decided_on",
        "the date of the decision is before the person was born".into(),
    );
    need(
        !r.scopes.is_empty(),
        "scopes",
        "tick what the decision covers: register, C(E)TR or sharing".into(),
    );
    need(
        !r.covers(Scope::Sharing) || r.decision != Decision::Given || !r.share_with.is_empty(),
        "share_with",
        "name the organisations information may be shared with".into(),
    );
    need(
        r.giver != Giver::ParentalResponsibility || age < 18,
        "giver",
        format!(
            "the person was {age} on that date: consent by parental responsibility is only for under-18s; record the person's own consent or a best-interests decision"
        ),
    );
    need(
        r.giver != Giver::BestInterests || age >= 16,
        "giver",
        format!(
            "the child was {age} on that date: the Mental Capacity Act (best interests) applies from 16; record consent from someone with parental responsibility"
        ),
    );
    need(
        r.giver == Giver::Person
            || r.giver_name
                .as_deref()
                .is_some_and(|n| !n.trim().is_empty()),
        "giver_name",
        "name who gave consent (the parent or carer) or who made the best-interests decision"
            .into(),
    );
    match (r.giver, r.capacity_assessed_on) {
        (Giver::BestInterests, None) => need(
            false,
            "capacity_assessed_on",
            "a best-interests decision needs the date capacity was assessed".into(),
        ),
        (Giver::BestInterests, Some(on)) => need(
            on <= r.decided_on,
            "capacity_assessed_on",
            "capacity must be assessed on or before the best-interests decision".into(),
        ),
        (_, Some(_)) => need(
            false,
            "capacity_assessed_on",
            "a capacity assessment date belongs only to a best-interests decision".into(),
        ),
        (_, None) => {}
    }
    if let Decision::Withdrawn(on) = r.decision {
        need(
            on >= r.decided_on && on <= today,
            "withdrawn_on",
            "the withdrawal date must fall between the decision and today".into(),
        );
    }
    out
}

#[cfg(test)]
mod tests;
