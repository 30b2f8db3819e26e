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
mod tests;
