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
