//! Reading a team's own words for an inclusion criterion ("Living in a 52-week residential
//! placement", "known to YOT", "sectioned") as one of the register's criteria. An exact code or label
//! wins; then a known synonym; then the criterion whose words cover most of the cell's words. Two
//! criteria that fit about as well are ambiguous, and the importer refuses the cell rather than guess.

use super::normalise;

/// Team wording seen on registers, per criterion code, beyond the code and label themselves.
pub const SYNONYMS: &[(&str, &[&str])] = &[
    (
        "inpatient_now",
        &[
            "inpatient",
            "in hospital",
            "currently in hospital",
            "admitted",
            "current inpatient",
        ],
    ),
    (
        "previous_inpatient",
        &[
            "previous admission",
            "history of admission",
            "past admission",
            "former inpatient",
        ],
    ),
    (
        "placement_52_week",
        &[
            "52 week placement",
            "52-week",
            "residential school",
            "residential placement",
        ],
    ),
    (
        "criminal_justice",
        &[
            "criminal justice",
            "police",
            "forensic",
            "probation",
            "offending",
            "court",
        ],
    ),
    ("yot", &["youth offending", "youth justice", "YOS", "YOT"]),
    (
        "specialist_services",
        &[
            "challenging behaviour",
            "behaviour that challenges",
            "specialist team",
            "PBS team",
        ],
    ),
    (
        "mha_dols",
        &[
            "sectioned",
            "section",
            "mental health act",
            "deprivation of liberty",
            "DoLS",
            "MHA",
        ],
    ),
    (
        "breakdown_risk",
        &[
            "family breakdown",
            "placement breakdown",
            "carer breakdown",
            "at risk of breakdown",
        ],
    ),
    (
        "crisis_presentation",
        &[
            "crisis",
            "A&E",
            "emergency department",
            "ED attendance",
            "A and E",
        ],
    ),
    (
        "recent_discharge",
        &[
            "recently discharged",
            "discharged",
            "step down",
            "post discharge",
        ],
    ),
];

/// Words that carry no meaning for matching.
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "or", "and", "to", "for", "with", "from", "on", "at", "by", "is",
    "are", "be", "being", "has", "have", "their", "his", "her", "they", "them", "any", "under",
    "using", "known", "person", "young", "child", "adult",
];

/// A cell's words must be this well covered by a criterion's vocabulary...
const MIN_COVER: f64 = 0.5;
/// ...and better than the next criterion by this much, or the cell is ambiguous.
const MIN_LEAD: f64 = 0.25;

/// How a cell was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CriterionMatch {
    /// The code or the label, in any case or spacing.
    Exact(String),
    /// A synonym or the words of the label: the importer lists it for a person to check.
    ByMeaning(String),
    /// Several criteria fit about as well: these codes, best first.
    Ambiguous(Vec<String>),
    Unknown,
}

/// Lower case, with a rough English suffix strip so "discharged" and "discharge" meet.
fn stem(word: &str) -> String {
    let w = word.to_lowercase();
    for suffix in ["ing", "ed", "ly", "es", "s", "e"] {
        if let Some(root) = w.strip_suffix(suffix)
            && root.chars().count() >= 4
        {
            return root.to_string();
        }
    }
    w
}

/// Meaningful words: split on anything but letters, digits and `&` (so "A&E" stays one word).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '&'))
        .map(|w| w.replace('&', ""))
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(&w.to_lowercase().as_str()))
        .map(|w| stem(&w))
        .collect()
}

fn synonyms(code: &str) -> &'static [&'static str] {
    SYNONYMS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(&[], |(_, s)| s)
}

/// Read one cell (one criterion) against the lookup's (code, label) rows.
pub fn match_criterion(cell: &str, lookup: &[(String, String)]) -> CriterionMatch {
    let n = normalise(cell);
    if let Some((code, _)) = lookup
        .iter()
        .find(|(code, label)| normalise(code) == n || normalise(label) == n)
    {
        return CriterionMatch::Exact(code.clone());
    }
    let by_synonym: Vec<&String> = lookup
        .iter()
        .filter(|(code, _)| synonyms(code).iter().any(|s| normalise(s) == n))
        .map(|(code, _)| code)
        .collect();
    if let [code] = by_synonym.as_slice() {
        return CriterionMatch::ByMeaning((*code).clone());
    }
    let cell_words = words(cell);
    if cell_words.is_empty() {
        return CriterionMatch::Unknown;
    }
    let mut scored: Vec<(f64, &String)> = lookup
        .iter()
        .map(|(code, label)| {
            let mut vocabulary = words(&code.replace('_', " "));
            vocabulary.extend(words(label));
            for s in synonyms(code) {
                vocabulary.extend(words(s));
            }
            let covered = cell_words.iter().filter(|w| vocabulary.contains(w)).count();
            (covered as f64 / cell_words.len() as f64, code)
        })
        .filter(|(score, _)| *score >= MIN_COVER)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    match scored.as_slice() {
        [] => CriterionMatch::Unknown,
        [(_, code)] => CriterionMatch::ByMeaning((*code).clone()),
        [(best, code), (next, _), ..] if best - next >= MIN_LEAD => {
            CriterionMatch::ByMeaning((*code).clone())
        }
        close => CriterionMatch::Ambiguous(
            close
                .iter()
                .take_while(|(s, _)| close[0].0 - s < MIN_LEAD)
                .map(|(_, c)| (*c).clone())
                .collect(),
        ),
    }
}
