use super::*;

// Rule: the same key gives the same pseudonym; another key gives another.
#[test]
fn stable_per_key() {
    let a = PseudonymKey::new(b"0123456789abcdef0123\n").expect("key");
    let a2 = PseudonymKey::new(b"0123456789abcdef0123").expect("key");
    let b = PseudonymKey::new(b"fedcba9876543210fedc").expect("key");
    let p = a.pseudonym("nhs", "9990000018");
    assert_eq!(p.len(), 32);
    assert_eq!(p, a2.pseudonym("nhs", "9990000018"));
    assert_ne!(p, b.pseudonym("nhs", "9990000018"));
    assert_ne!(p, a.pseudonym("nhs", "9990000026"));
    assert_ne!(p, a.pseudonym("local", "9990000018"));
    assert!(!p.contains("999"));
}

// Rule: refuse without a key, and refuse a guessable one.
#[test]
fn refuses_missing_or_short_keys() {
    assert!(
        PseudonymKey::load(None, None)
            .unwrap_err()
            .contains("--key-file")
    );
    assert!(PseudonymKey::load(None, Some(String::new())).is_err());
    assert!(
        PseudonymKey::new(b"short")
            .unwrap_err()
            .contains("too short")
    );
    assert!(PseudonymKey::load(None, Some("x".repeat(20))).is_ok());
}
