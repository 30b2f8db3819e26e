//! The register's RAG+B rating of risk of admission to a mental health hospital.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Declared most severe first, so the derived `Ord` sorts B, R, A, G.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Rating {
    Blue,
    Red,
    Amber,
    Green,
}

impl Rating {
    pub const ALL: [Rating; 4] = [Rating::Blue, Rating::Red, Rating::Amber, Rating::Green];

    /// Stored and exported form.
    pub fn code(self) -> &'static str {
        match self {
            Rating::Blue => "BLUE",
            Rating::Red => "RED",
            Rating::Amber => "AMBER",
            Rating::Green => "GREEN",
        }
    }

    /// Shown beside the colour so the rating reads without colour.
    pub fn letter(self) -> char {
        match self {
            Rating::Blue => 'B',
            Rating::Red => 'R',
            Rating::Amber => 'A',
            Rating::Green => 'G',
        }
    }

    /// The colour the national guidance names the rating after.
    pub fn colour_name(self) -> &'static str {
        match self {
            Rating::Blue => "blue",
            Rating::Red => "red",
            Rating::Amber => "amber",
            Rating::Green => "green",
        }
    }

    /// National wording, paraphrased (DSR policy, "Ratings").
    pub fn meaning(self) -> &'static str {
        match self {
            Rating::Blue => "currently an inpatient in a mental health hospital",
            Rating::Red => {
                "immediate risk of admission: in crisis; risks are not, or cannot be, managed in the community"
            }
            Rating::Amber => {
                "would be at immediate risk without urgent intervention (e.g. high risk of becoming unwell, of family or placement breakdown)"
            }
            Rating::Green => {
                "some risks that could lead to admission, currently managed well in the community"
            }
        }
    }

    /// Suggested follow-up (policy default, DSR policy).
    pub fn follow_up(self) -> &'static str {
        match self {
            Rating::Blue => "inpatient C(E)TR cycle; plan for discharge",
            Rating::Red => {
                "community C(E)TR urgently, or an emergency meeting (LAEP for children, blue light for adults)"
            }
            Rating::Amber => "multi-agency review; consider a community C(E)TR",
            Rating::Green => "routine register review",
        }
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRating(pub String);

impl fmt::Display for UnknownRating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown rating {:?}: use BLUE, RED, AMBER or GREEN (or B, R, A, G)",
            self.0
        )
    }
}

impl std::error::Error for UnknownRating {}

impl FromStr for Rating {
    type Err = UnknownRating;

    /// Words or letters in any case, as spreadsheets hold them.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_uppercase().as_str() {
            "B" | "BLUE" => Ok(Rating::Blue),
            "R" | "RED" => Ok(Rating::Red),
            "A" | "AMBER" => Ok(Rating::Amber),
            "G" | "GREEN" => Ok(Rating::Green),
            _ => Err(UnknownRating(s.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Rule: severity order is BLUE, RED, AMBER, GREEN.
    #[test]
    fn ordering_is_by_severity() {
        let mut v = vec![Rating::Green, Rating::Amber, Rating::Blue, Rating::Red];
        v.sort();
        assert_eq!(v, Rating::ALL.to_vec());
    }

    // Rule: every rating has a distinct letter so it reads without colour.
    #[test]
    fn letters_are_distinct() {
        let letters: String = Rating::ALL.iter().map(|r| r.letter()).collect();
        assert_eq!(letters, "BRAG");
    }

    // Rule: ratings arrive as words or letters in any case.
    #[test]
    fn parses_words_and_letters_any_case() {
        assert_eq!("red".parse(), Ok(Rating::Red));
        assert_eq!(" a ".parse(), Ok(Rating::Amber));
        assert_eq!("Green".parse(), Ok(Rating::Green));
        assert_eq!("b".parse(), Ok(Rating::Blue));
        assert!(
            "purple"
                .parse::<Rating>()
                .unwrap_err()
                .to_string()
                .contains("BLUE, RED, AMBER or GREEN")
        );
    }

    // Rule: BLUE means inpatient; meanings come from the national wording.
    #[test]
    fn meanings() {
        assert!(Rating::Blue.meaning().contains("inpatient"));
        assert!(Rating::Red.meaning().contains("immediate risk"));
        assert_eq!(Rating::Amber.colour_name(), "amber");
    }
}
