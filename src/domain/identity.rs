//! Is this the same person twice? Two records with the same date of birth and names that differ
//! only by a slip, a spelling or a short form are shown to staff before a second record is added,
//! because a split record splits the person's history: their reviews, ratings and due dates.

use super::nhs_number::NhsNumber;

/// Lower-case letters only, so "O'Neil", "o neil" and "ONEIL" compare equal.
fn letters(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

/// `short`'s letters appear in order in `long` ("tom" in "thomas", "jo" in "joanne").
fn in_order(short: &str, long: &str) -> bool {
    let mut rest = long.chars();
    short.chars().all(|c| rest.any(|l| l == c))
}

/// One name close to another: equal; a short form of it (same first letter, its letters in
/// order: "Tom" and "Thomas"); a spelling of it (same first letter, Jaro-Winkler similarity of at
/// least [`SPELLING`]: "Kathryn" and "Katherine"); or a typing slip (at most one letter apart in a
/// short name, two in a longer one: "Smyth" and "Smith").
fn close(a: &str, b: &str) -> bool {
    let (a, b) = (letters(a), letters(b));
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if short.is_empty() {
        return false;
    }
    let same_start = a.chars().next() == b.chars().next();
    let slips = if short.chars().count() < 4 { 1 } else { 2 };
    a == b
        || (same_start && short.chars().count() >= 2 && in_order(short, long))
        || (same_start && strsim::jaro_winkler(&a, &b) >= SPELLING)
        || strsim::levenshtein(&a, &b) <= slips
}

/// How alike two spellings of a name must be (Jaro-Winkler, 0 to 1) to be the same name.
const SPELLING: f64 = 0.88;

/// Could (`given`, `family`) name the same person as (`other_given`, `other_family`)? Given and
/// family names swapped also count (a common slip on forms).
pub fn similar_names(given: &str, family: &str, other_given: &str, other_family: &str) -> bool {
    (close(family, other_family) && close(given, other_given))
        || (close(family, other_given) && close(given, other_family))
}

/// An NHS number from the never-issued test range on a register that is not a demo: almost
/// certainly demo data typed into a live register, or a made-up number.
pub fn test_number_on_live_register(nhs: Option<&NhsNumber>, is_demo: bool) -> bool {
    !is_demo && nhs.is_some_and(NhsNumber::is_test_range)
}

#[cfg(test)]
mod tests;
