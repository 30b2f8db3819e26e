use super::*;

#[test]
fn possible_duplicate_same_birth_date_similar_name() {
    // Slips, spellings, short forms, punctuation and swapped names are flagged.
    assert!(similar_names("Thomas", "Smith", "Thomas", "Smyth"));
    assert!(similar_names("Tom", "Smith", "Thomas", "Smith"));
    assert!(similar_names("Jo", "O'Neil", "Joanne", "ONeil"));
    assert!(similar_names("Aisha", "Khan", "Khan", "Aisha"));
    assert!(similar_names("Katherine", "Brown", "Kathryn", "Browne"));
    // Different people stay apart.
    assert!(!similar_names("Thomas", "Smith", "Amira", "Smith"));
    assert!(!similar_names("Thomas", "Smith", "Thomas", "Okafor"));
    assert!(!similar_names("", "Smith", "", "Smith"));
}

#[test]
fn test_range_number_warns_only_on_a_live_register() {
    let test = NhsNumber::parse("9990000018").expect("valid");
    let real = NhsNumber::parse("9434765919").expect("valid");
    assert!(test_number_on_live_register(Some(&test), false));
    assert!(!test_number_on_live_register(Some(&test), true));
    assert!(!test_number_on_live_register(Some(&real), false));
    assert!(!test_number_on_live_register(None, false));
}
