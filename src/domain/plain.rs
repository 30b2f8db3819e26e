//! Plain English for the family action plan (seed 004: the family gets a plain-English plan):
//! abbreviations spelled out on first use, dates in words, ratings without jargon.

use super::rating::Rating;
use chrono::NaiveDate;

/// Abbreviations staff write in recommendations, and what they mean.
pub const GLOSSARY: &[(&str, &str)] = &[
    ("A&E", "accident and emergency"),
    ("AMHP", "approved mental health professional"),
    ("ASD", "autism"),
    (
        "CAMHS",
        "children and young people's mental health services",
    ),
    ("CETR", "Care, Education and Treatment Review"),
    ("CLDT", "community learning disability team"),
    ("CPA", "care programme approach meeting"),
    ("CTR", "Care and Treatment Review"),
    ("DoLS", "Deprivation of Liberty Safeguards"),
    ("DSR", "Dynamic Support Register"),
    ("EHCP", "Education, Health and Care plan"),
    ("GP", "family doctor"),
    ("ICB", "the local NHS (Integrated Care Board)"),
    ("IMCA", "independent mental capacity advocate"),
    ("IMHA", "independent mental health advocate"),
    ("LA", "the council"),
    (
        "LAEP",
        "emergency meeting for a child (Local Area Emergency Protocol)",
    ),
    ("LD", "learning disability"),
    ("MDT", "team meeting of the professionals involved"),
    ("MHA", "Mental Health Act"),
    ("NHS", "National Health Service"),
    ("OT", "occupational therapist"),
    ("PBS", "positive behaviour support"),
    ("PICU", "psychiatric intensive care unit"),
    ("SALT", "speech and language therapist"),
    ("SENCO", "special educational needs coordinator at school"),
    (
        "STOMP",
        "the national programme to stop the over-use of medicines",
    ),
    ("YOT", "youth offending team"),
];

fn meaning(word: &str) -> Option<&'static str> {
    GLOSSARY
        .iter()
        .find(|(abbr, _)| *abbr == word)
        .map(|(_, m)| *m)
}

/// Spell out each known abbreviation the first time it appears in the plan: "PBS" becomes
/// "PBS (positive behaviour support)". `seen` carries what was explained earlier in the plan.
pub fn explain(text: &str, seen: &mut Vec<&'static str>) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String, seen: &mut Vec<&'static str>| {
        out.push_str(word);
        if let Some((abbr, m)) = GLOSSARY.iter().find(|(a, _)| *a == word.as_str())
            && !seen.contains(abbr)
        {
            seen.push(abbr);
            out.push_str(&format!(" ({m})"));
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() || c == '&' {
            word.push(c);
        } else {
            flush(&mut word, &mut out, seen);
            out.push(c);
        }
    }
    flush(&mut word, &mut out, seen);
    out
}

/// Words of two or more capitals (or known mixed-case abbreviations) that the glossary does
/// not explain: the family plan should have none.
pub fn unexplained(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '&'))
        .filter(|w| {
            let caps = w.chars().filter(|c| c.is_ascii_uppercase()).count();
            caps >= 2 && w.chars().all(|c| c.is_ascii_uppercase() || c == '&')
        })
        .filter(|w| meaning(w).is_none())
        .map(str::to_string)
        .collect()
}

/// "Tuesday 8 December 2026".
pub fn date_in_words(d: NaiveDate) -> String {
    d.format("%A %-d %B %Y").to_string()
}

/// What a rating means, for the person and family.
pub fn rating_for_family(r: Rating, name: &str) -> String {
    match r {
        Rating::Green => format!(
            "There are some worries, but {name} is being supported well at home and in the community."
        ),
        Rating::Amber => format!("{name} needs extra help now, so that things do not get worse."),
        Rating::Red => format!(
            "{name} needs urgent help now. Everyone is working to keep {name} out of hospital."
        ),
        Rating::Blue => format!("{name} is in hospital at the moment."),
    }
}

#[cfg(test)]
mod tests;
