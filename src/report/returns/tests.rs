use super::*;

fn header_of<R: Serialize>(row: &R) -> Vec<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.serialize(row).expect("serialise");
    let bytes = w.into_inner().expect("bytes");
    let mut r = csv::Reader::from_reader(&bytes[..]);
    r.headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect()
}

// Rule (README contract): the documented column lists are exactly the serialised fields, in order.
#[test]
fn column_lists_match_the_rows() {
    let d = NaiveDate::from_ymd_opt(2026, 10, 1).expect("date");
    let m = MonthlyRow {
        month: "2026-10".into(),
        person_id: 1,
        nhs_number: None,
        local_id: None,
        family_name: String::new(),
        given_name: String::new(),
        date_of_birth: Some(d),
        age_at_month_end: 0,
        ehcp: false,
        added_on: d,
        removed_on: None,
        rating_at_month_end: None,
        rating_changes_in_month: 0,
        rating_changes: String::new(),
        keyworker: None,
        last_review_date: None,
        last_review_type: None,
        next_review_due: None,
        next_review_type: None,
        next_review_overdue: false,
        in_hospital_at_month_end: false,
        admissions_in_month: 0,
        admission_dates: String::new(),
        discharges_in_month: 0,
        discharge_dates: String::new(),
        identifiers_withheld: false,
        admission_planned: String::new(),
        community_cetr_before_admission: String::new(),
        latest_review_outcome: None,
        diagnosis: String::new(),
        setting: None,
    };
    assert_eq!(header_of(&m), MONTHLY_COLUMNS);
    let w = WeeklyRow {
        week_ending: d,
        person_id: 1,
        nhs_number: None,
        local_id: None,
        family_name: String::new(),
        given_name: String::new(),
        date_of_birth: Some(d),
        age_at_cut: 0,
        admission_id: 1,
        hospital: String::new(),
        ward_type: String::new(),
        security: "none",
        legal_status: String::new(),
        planned: false,
        out_of_area: false,
        admitted_on: d,
        length_of_stay_days: 0,
        planned_discharge: None,
        in_hospital_at_cut: true,
        discharged_on: None,
        discharge_destination: None,
        last_review_date: None,
        last_review_type: None,
        next_review_due: None,
        next_review_type: None,
        review_overdue: false,
        changes_since_last_cut: String::new(),
        identifiers_withheld: false,
        distance_from_home_km: None,
        barriers_to_discharge: String::new(),
        post_admission_review_on_time: "yes",
        advocacy: None,
    };
    assert_eq!(header_of(&w), WEEKLY_COLUMNS);
}
