//! NHS number: 10 digits, Mod 11 check digit (NHS Data Dictionary), shown 3-3-4.

use std::fmt;

/// A validated NHS number, stored as its 10 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NhsNumber(String);

/// What is wrong with a typed NHS number, worded for the person typing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NhsNumberError {
    NotDigits { found: char },
    WrongLength { digits: usize },
    AllSameDigit,
    NoValidCheckDigit,
    CheckDigit { expected: u8, found: u8 },
}

impl fmt::Display for NhsNumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotDigits { found } => write!(
                f,
                "NHS number may only hold digits and spaces, found {:?}",
                found.escape_default().to_string()
            ),
            Self::WrongLength { digits } => {
                write!(f, "NHS number needs 10 digits, found {digits}")
            }
            Self::AllSameDigit => write!(f, "NHS number cannot be one digit repeated"),
            Self::NoValidCheckDigit => write!(
                f,
                "not a valid NHS number: no check digit fits the first nine digits; check them"
            ),
            Self::CheckDigit { expected, found } => write!(
                f,
                "not a valid NHS number: check digit should be {expected}, not {found}; check the digits"
            ),
        }
    }
}

impl std::error::Error for NhsNumberError {}

/// The Mod 11 check digit for the first nine digits, or `None` when the remainder
/// makes the number impossible (check value 10).
pub fn check_digit(first_nine: &[u8; 9]) -> Option<u8> {
    let sum: u32 = first_nine
        .iter()
        .zip((2..=10).rev())
        .map(|(d, w)| u32::from(*d) * w)
        .sum();
    match 11 - (sum % 11) {
        11 => Some(0),
        10 => None,
        c => Some(c as u8),
    }
}

impl NhsNumber {
    /// Parse a typed number; spaces (and hyphens, as some letters print them) are ignored.
    pub fn parse(input: &str) -> Result<Self, NhsNumberError> {
        let mut digits = Vec::with_capacity(10);
        for c in input.trim().chars() {
            match c {
                '0'..='9' => digits.push(c as u8 - b'0'),
                ' ' | '-' => {}
                other => return Err(NhsNumberError::NotDigits { found: other }),
            }
        }
        if digits.len() != 10 {
            return Err(NhsNumberError::WrongLength {
                digits: digits.len(),
            });
        }
        if digits.iter().all(|d| *d == digits[0]) {
            return Err(NhsNumberError::AllSameDigit);
        }
        let mut first = [0u8; 9];
        first.copy_from_slice(&digits[..9]);
        let expected = check_digit(&first).ok_or(NhsNumberError::NoValidCheckDigit)?;
        if expected != digits[9] {
            return Err(NhsNumberError::CheckDigit {
                expected,
                found: digits[9],
            });
        }
        Ok(Self(digits.iter().map(|d| char::from(b'0' + d)).collect()))
    }

    /// Complete nine digits with their check digit; `None` when no check digit fits.
    pub fn from_first_nine(first_nine: u32) -> Option<Self> {
        if first_nine > 999_999_999 {
            return None;
        }
        let text = format!("{first_nine:09}");
        let mut first = [0u8; 9];
        for (slot, b) in first.iter_mut().zip(text.bytes()) {
            *slot = b - b'0';
        }
        let check = check_digit(&first)?;
        Self::parse(&format!("{text}{check}")).ok()
    }

    /// Accept a number the store wrote (already validated on the way in) without re-running the
    /// check: loading a register of 100,000 people should not pay for 100,000 Mod 11 checks.
    pub fn from_stored(digits: String) -> Option<Self> {
        (digits.len() == 10 && digits.bytes().all(|b| b.is_ascii_digit())).then_some(Self(digits))
    }

    /// The ten digits with no spaces, as stored and exported.
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// The range 999 000 0000 – 999 999 9999 is never issued, so it is safe for demo and test data.
    pub fn is_test_range(&self) -> bool {
        self.0.starts_with("999")
    }
}

impl serde::Serialize for NhsNumber {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for NhsNumber {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        NhsNumber::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl fmt::Display for NhsNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", &self.0[..3], &self.0[3..6], &self.0[6..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Rule (DSR policy, "NHS number"): the published valid examples pass Mod 11.
    #[test]
    fn valid_examples_parse() {
        for n in [
            "9434765919",
            "9434765870",
            "4857773457",
            "9876543210",
            "9990000018",
            "9990000026",
        ] {
            assert!(NhsNumber::parse(n).is_ok(), "{n} should be valid");
        }
    }

    // Rule: spaces are allowed when typing; display is 3-3-4.
    #[test]
    fn parses_with_spaces_and_displays_3_3_4() {
        let n = NhsNumber::parse(" 999 000 0018 ").expect("valid");
        assert_eq!(n.digits(), "9990000018");
        assert_eq!(n.to_string(), "999 000 0018");
    }

    // Rule: check value 10 means the number is invalid (1234567890).
    #[test]
    fn check_value_ten_is_invalid() {
        assert_eq!(
            NhsNumber::parse("1234567890"),
            Err(NhsNumberError::NoValidCheckDigit)
        );
    }

    // Rule: the check digit must equal digit 10, and the message names the expected digit.
    #[test]
    fn wrong_check_digit_names_expected() {
        let err = NhsNumber::parse("9434765918").expect_err("invalid");
        assert_eq!(
            err,
            NhsNumberError::CheckDigit {
                expected: 9,
                found: 8
            }
        );
        assert!(err.to_string().contains("check digit should be 9"));
        assert_eq!(
            NhsNumber::parse("4857773456"),
            Err(NhsNumberError::CheckDigit {
                expected: 7,
                found: 6
            })
        );
    }

    // Rule: all-same-digit numbers such as 0000000000 are rejected even though Mod 11 passes.
    #[test]
    fn all_same_digit_rejected() {
        assert_eq!(
            NhsNumber::parse("0000000000"),
            Err(NhsNumberError::AllSameDigit)
        );
        assert_eq!(
            NhsNumber::parse("1111111111"),
            Err(NhsNumberError::AllSameDigit)
        );
    }

    // Rule: exactly 10 digits; letters are named in the message.
    #[test]
    fn length_and_characters() {
        assert_eq!(
            NhsNumber::parse("99900000"),
            Err(NhsNumberError::WrongLength { digits: 8 })
        );
        assert!(matches!(
            NhsNumber::parse("99900000a8"),
            Err(NhsNumberError::NotDigits { found: 'a' })
        ));
        assert_eq!(
            NhsNumber::parse(""),
            Err(NhsNumberError::WrongLength { digits: 0 })
        );
    }

    // Rule (11 means 0): a remainder of 0 gives check digit 0.
    #[test]
    fn check_eleven_means_zero() {
        // 999000004: weights sum = 9*10+9*9+9*8+4*2 = 251, 251 % 11 = 9 -> check 2; search one with check 0.
        let n = (0..1000)
            .filter_map(|i| NhsNumber::from_first_nine(999_000_000 + i))
            .find(|n| n.digits().ends_with('0'))
            .expect("some number in range has check digit 0");
        assert!(NhsNumber::parse(n.digits()).is_ok());
    }

    // Rule: demo numbers come from the 999 test range and complete with a valid check digit.
    #[test]
    fn from_first_nine_completes_test_range() {
        let n = NhsNumber::from_first_nine(999_000_001).expect("has a check digit");
        assert_eq!(n.digits(), "9990000018");
        assert!(n.is_test_range());
        assert!(
            !NhsNumber::parse("9434765919")
                .expect("valid")
                .is_test_range()
        );
    }
}
