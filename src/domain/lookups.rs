//! Starter rows for the editable lookup tables, each with the source it was drawn from.
//! The store seeds these once; staff may edit them afterwards.

/// (code, label, source)
pub const CRITERIA: [(&str, &str, &str); 10] = [
    (
        "inpatient_now",
        "Currently in a mental health hospital",
        "national criteria (seed 002)",
    ),
    (
        "previous_inpatient",
        "Previous mental health hospital stay",
        "national criteria (seed 002)",
    ),
    (
        "placement_52_week",
        "Living in a 52-week residential social care or education placement",
        "national criteria (seed 002)",
    ),
    (
        "criminal_justice",
        "Involved with youth or criminal justice",
        "national criteria (seed 002)",
    ),
    (
        "yot",
        "Receiving youth offending team services",
        "national criteria (seed 002)",
    ),
    (
        "specialist_services",
        "Referred to or using specialised challenging-behaviour services",
        "national criteria (seed 002)",
    ),
    (
        "mha_dols",
        "Subject to the Mental Health Act and/or DoLS",
        "national criteria (seed 002)",
    ),
    (
        "breakdown_risk",
        "Risk of family or placement breakdown",
        "local page (seed 002)",
    ),
    (
        "crisis_presentation",
        "Crisis presentation (A&E in the last month)",
        "local page (seed 002)",
    ),
    (
        "recent_discharge",
        "Recently discharged from hospital",
        "local page (seed 002)",
    ),
];

/// Key lines of enquiry per question (1–4): (question, text). Marked as a starter set.
pub const KLOE_SOURCE: &str = "starter set (design): edit to match the national templates";
pub const KLOES: [(u8, &str); 18] = [
    (1, "Safeguarding: concerns raised and how they were handled"),
    (1, "Restrictive practice: restraint, seclusion, segregation"),
    (1, "Risk assessment and crisis plan are current"),
    (1, "Physical health and medication (including STOMP)"),
    (2, "Care plan is person centred and followed"),
    (2, "Communication needs are met"),
    (2, "Positive behaviour support plan in place"),
    (2, "Advocacy (IMHA / IMCA / independent) offered"),
    (2, "Family involvement in care"),
    (3, "Education, training or occupation"),
    (3, "Discharge plan with a date"),
    (3, "Transition to adult services planned"),
    (3, "Person's own goals and hopes recorded"),
    (4, "Housing and accommodation options"),
    (4, "Community support and provider identified"),
    (4, "Crisis support available at home"),
    (4, "Funding agreed (health, social care, education)"),
    (4, "Barriers to discharge and who will resolve them"),
];

/// Per-review document checklist (DSR policy, "Preparation"): (code, label).
pub const DOCUMENTS: [(&str, &str); 8] = [
    ("planner_consent", "Planner with consent form"),
    ("previous_report", "Previous review report and action plan"),
    ("risk_assessment", "Risk assessments"),
    ("care_plan", "Care plans"),
    ("ehcp", "EHCP (children and young people)"),
    ("pbs_plan", "Positive behaviour support plan"),
    ("medication", "Medication chart"),
    ("crisis_plan", "Crisis plan"),
];

pub const WARD_TYPES: [&str; 7] = [
    "CAMHS tier 4",
    "Assessment and treatment",
    "PICU",
    "Acute adult",
    "Forensic",
    "Rehabilitation",
    "Other",
];

pub const LEGAL_STATUSES: [&str; 6] = [
    "Informal",
    "MHA section 2",
    "MHA section 3",
    "MHA section 37/41",
    "DoLS",
    "Other",
];

pub const DISCHARGE_DESTINATIONS: [&str; 6] = [
    "Family home",
    "Supported living",
    "Residential care",
    "52-week placement",
    "Another hospital",
    "Other",
];

/// Where the barriers-to-discharge starter list comes from.
pub const DISCHARGE_BARRIER_SOURCE: &str = "starter set drawn from the delayed-discharge reasons of the national inpatient collection (Assuring Transformation); edit to match local returns";

/// Barriers to discharge: (code, label), an editable lookup.
pub const DISCHARGE_BARRIERS: [(&str, &str); 9] = [
    ("housing", "No suitable accommodation identified"),
    ("provider", "Awaiting a care provider"),
    ("funding", "Funding not agreed"),
    ("assessment", "Awaiting a social care or health assessment"),
    (
        "legal",
        "Awaiting a tribunal, court or Ministry of Justice decision",
    ),
    ("clinical", "Not yet clinically ready for discharge"),
    ("family", "Family or carer disagreement with the plan"),
    ("adaptations", "Awaiting adaptations or equipment"),
    ("other", "Other"),
];
