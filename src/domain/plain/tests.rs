use super::*;

// Rule (seed 004, DSR policy "Report and action plan"): the family plan explains abbreviations.
#[test]
fn abbreviations_are_spelled_out_once() {
    let mut seen = Vec::new();
    let a = explain("Update the PBS plan with the SALT.", &mut seen);
    assert_eq!(
        a,
        "Update the PBS (positive behaviour support) plan with the SALT (speech and language therapist)."
    );
    let b = explain("Share the PBS plan.", &mut seen);
    assert_eq!(b, "Share the PBS plan.", "explained only the first time");
}

#[test]
fn unknown_capitals_are_reported() {
    assert_eq!(unexplained("Ask the QZX team and the GP"), vec!["QZX"]);
    assert!(unexplained("Sam will call on Friday").is_empty());
    assert!(unexplained("A&E visit").is_empty());
}

#[test]
fn dates_read_as_words() {
    let d = NaiveDate::from_ymd_opt(2026, 12, 8).expect("date");
    assert_eq!(date_in_words(d), "Tuesday 8 December 2026");
}

#[test]
fn family_rating_text_has_no_colour_jargon() {
    for r in Rating::ALL {
        let s = rating_for_family(r, "Sam");
        assert!(!s.contains(r.code()), "{s}");
        assert!(unexplained(&s).is_empty(), "{s}");
    }
}
