//! Pure rules and types of the register. Nothing here touches the terminal, the clock or SQL:
//! every date-dependent rule takes `today` as an argument.

pub mod action;
pub mod age;
pub mod calendar;
pub mod consent;
pub mod dates;
pub mod finalise;
pub mod identity;
pub mod import;
pub mod journey;
pub mod kloe;
pub mod lookups;
pub mod nhs_number;
pub mod person;
pub mod plain;
pub mod policy;
pub mod rating;
pub mod request;
pub mod returns;
pub mod review;
pub mod rules;
pub mod schedule;
pub mod triage;

pub use action::ActionStatus;
pub use nhs_number::NhsNumber;
pub use rating::Rating;
pub use review::{ReviewKind, ReviewStatus, ReviewType};
