//! Rules for reading a team's spreadsheet: which header means which field (case-insensitive, with
//! common synonyms), and how each cell is read and checked. Pure: no files, no SQL, `today` injected.

use super::dates::{check_date_of_birth, parse_date, uk};
use super::nhs_number::NhsNumber;
use super::person::{Diagnosis, Setting};
use super::rating::Rating;
use chrono::NaiveDate;
use criteria::CriterionMatch;

pub mod criteria;

/// The fields an import file may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    NhsNumber,
    LocalId,
    GivenName,
    FamilyName,
    PreferredName,
    DateOfBirth,
    Sex,
    GenderIdentity,
    Ethnicity,
    Diagnosis,
    Ehcp,
    GpPractice,
    LocalAuthority,
    Setting,
    Keyworker,
    CareCoordinator,
    Rating,
    Criteria,
    Notes,
    Hospital,
    AdmittedOn,
}

/// Each field with the header names it answers to. Headers are compared with everything but letters
/// and digits removed, in lower case, so "NHS No.", "nhs_no" and "NHS  NO" are all "nhsno".
pub const SYNONYMS: &[(Field, &[&str])] = &[
    (
        Field::NhsNumber,
        &["NHS number", "NHS No", "NHS", "NHS num", "NHS no."],
    ),
    (
        Field::LocalId,
        &[
            "local id",
            "local ref",
            "local reference",
            "register id",
            "DSR id",
            "client id",
        ],
    ),
    (
        Field::GivenName,
        &[
            "given name",
            "first name",
            "forename",
            "forenames",
            "christian name",
        ],
    ),
    (Field::FamilyName, &["family name", "surname", "last name"]),
    (
        Field::PreferredName,
        &["preferred name", "known as", "nickname"],
    ),
    (
        Field::DateOfBirth,
        &["date of birth", "DOB", "D.O.B.", "birth date", "birthdate"],
    ),
    (Field::Sex, &["sex"]),
    (Field::GenderIdentity, &["gender identity", "gender"]),
    (
        Field::Ethnicity,
        &["ethnicity", "ethnic group", "ethnic origin"],
    ),
    (
        Field::Diagnosis,
        &[
            "diagnosis",
            "LD/autism",
            "LD or autism",
            "LD autism",
            "condition",
        ],
    ),
    (Field::Ehcp, &["EHCP", "EHC plan", "has EHCP"]),
    (Field::GpPractice, &["GP practice", "GP", "GP surgery"]),
    (Field::LocalAuthority, &["local authority", "LA", "council"]),
    (
        Field::Setting,
        &[
            "setting",
            "current setting",
            "placement",
            "accommodation",
            "living situation",
        ],
    ),
    (Field::Keyworker, &["keyworker", "key worker"]),
    (
        Field::CareCoordinator,
        &["care coordinator", "care co-ordinator", "CCO"],
    ),
    (
        Field::Rating,
        &[
            "rating",
            "RAG",
            "status",
            "RAG rating",
            "RAG status",
            "risk rating",
            "DSR rating",
        ],
    ),
    (
        Field::Criteria,
        &[
            "criteria",
            "inclusion criteria",
            "criterion",
            "reason for inclusion",
        ],
    ),
    (Field::Notes, &["notes", "comments"]),
    (
        Field::Hospital,
        &["hospital", "hospital name", "inpatient unit"],
    ),
    (
        Field::AdmittedOn,
        &["admission date", "admitted", "admitted on", "date admitted"],
    ),
];

impl Field {
    /// How the field is named in messages when the file has no column for it.
    pub fn name(self) -> &'static str {
        SYNONYMS
            .iter()
            .find(|(f, _)| *f == self)
            .map(|(_, names)| names[0])
            .unwrap_or("?")
    }
}

fn normalise(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The field a header names, if any. The exporter's own column names (`nhs_number`, `given_name`,
/// ...) normalise to synonyms too, so an export reads back in.
pub fn field_for_header(header: &str) -> Option<Field> {
    let h = normalise(header);
    if h.is_empty() {
        return None;
    }
    SYNONYMS
        .iter()
        .find(|(_, names)| names.iter().any(|n| normalise(n) == h))
        .map(|(f, _)| *f)
}

/// A problem with one cell (or, with `column: None`, with the whole row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellProblem {
    pub column: Option<String>,
    pub message: String,
}

/// Yes/no as spreadsheets write it.
pub fn parse_yes_no(s: &str) -> Result<bool, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "y" | "yes" | "true" | "1" | "x" => Ok(true),
        "n" | "no" | "false" | "0" | "" => Ok(false),
        other => Err(format!("{other:?} is not yes or no")),
    }
}

pub fn parse_diagnosis(s: &str) -> Result<Diagnosis, String> {
    if let Some(d) = Diagnosis::parse(s) {
        return Ok(d);
    }
    let n = normalise(s);
    let ld = ["ld", "learningdisability", "learningdisabilities"];
    let autism = ["autism", "asd", "autistic", "asc"];
    let both = [
        "ldandautism",
        "ldautism",
        "autismandld",
        "autismld",
        "bothldandautism",
    ];
    if ld.contains(&n.as_str()) {
        Ok(Diagnosis::LearningDisability)
    } else if autism.contains(&n.as_str()) {
        Ok(Diagnosis::Autism)
    } else if both.contains(&n.as_str()) {
        Ok(Diagnosis::Both)
    } else {
        Err(format!(
            "unknown diagnosis {:?}: use LD, autism or both",
            s.trim()
        ))
    }
}

pub fn parse_setting(s: &str) -> Result<Setting, String> {
    if let Some(v) = Setting::parse(s) {
        return Ok(v);
    }
    let n = normalise(s);
    Ok(match n.as_str() {
        "home" | "familyhome" | "withfamily" | "parents" => Setting::FamilyHome,
        "52week" | "52weekplacement" | "residentialschool" | "52weekresidential" => {
            Setting::Placement52Week
        }
        "supportedliving" => Setting::SupportedLiving,
        "residential" | "residentialhome" | "carehome" => Setting::ResidentialCare,
        "hospital" | "inpatient" => Setting::Hospital,
        _ => {
            return Err(format!(
                "unknown setting {:?}: use family home, 52-week placement, supported living, residential care, hospital or other",
                s.trim()
            ));
        }
    })
}

/// The criteria in one cell, and which of them were read by meaning rather than by code or label
/// (the dry run lists those, "'Living in a 52-week residential placement' -> placement_52_week").
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CriteriaRead {
    /// Sorted, without repeats.
    pub codes: Vec<String>,
    /// (the cell's words, the code they were read as), in cell order.
    pub by_meaning: Vec<(String, String)>,
}

/// Criteria as codes, labels or a team's own words (see [`criteria::match_criterion`]), separated by
/// `;`, `,` or `|`. `lookup` is (code, label). An unknown or ambiguous part refuses the cell.
pub fn parse_criteria(s: &str, lookup: &[(String, String)]) -> Result<CriteriaRead, String> {
    let mut out = CriteriaRead::default();
    for part in s
        .split([';', ',', '|'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        match criteria::match_criterion(part, lookup) {
            CriterionMatch::Exact(code) => out.codes.push(code),
            CriterionMatch::ByMeaning(code) => {
                out.by_meaning.push((part.to_string(), code.clone()));
                out.codes.push(code);
            }
            CriterionMatch::Ambiguous(codes) => {
                return Err(format!(
                    "{part:?} could mean any of {}: write the code you mean",
                    codes.join(", ")
                ));
            }
            CriterionMatch::Unknown => {
                return Err(format!(
                    "unknown inclusion criterion {part:?}: use codes such as {}",
                    lookup
                        .iter()
                        .take(4)
                        .map(|(c, _)| c.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
    }
    out.codes.sort();
    out.codes.dedup();
    Ok(out)
}

pub fn parse_nhs(s: &str) -> Result<NhsNumber, String> {
    NhsNumber::parse(s).map_err(|e| format!("{:?}: {e}", s.trim()))
}

pub fn parse_rating(s: &str) -> Result<Rating, String> {
    s.parse::<Rating>().map_err(|e| e.to_string())
}

pub fn parse_dob(s: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let d = parse_date(s, today).map_err(|e| e.to_string())?;
    check_date_of_birth(d, today).map_err(|e| e.to_string())?;
    Ok(d)
}

pub fn parse_plain_date(s: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let d = parse_date(s, today).map_err(|e| e.to_string())?;
    if d > today {
        return Err(format!("{} is in the future", uk(d)));
    }
    Ok(d)
}

#[cfg(test)]
mod tests;
