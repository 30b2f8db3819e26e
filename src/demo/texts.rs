//! The fixed words a demo register draws from: staff, places, action texts and notes.

pub(super) const KEYWORKERS: &[&str] = &[
    "Jo Hartley",
    "Sunita Rao",
    "Mark Ellis",
    "Claire Dunn",
    "Femi Adeyemi",
    "Rachel Stone",
    "Tom Whitby",
    "Nadia Karim",
    "Paul Greaves",
    "Hannah Lowe",
    "Gareth Price",
    "Ifeoma Obi",
];
pub(super) const HOSPITALS: &[&str] = &[
    "Riverside Unit",
    "Oakwood Hospital",
    "Larkfield Centre",
    "St Brannock's",
    "Meadowbank House",
    "Hollins Park Unit",
];
pub(super) const OWNERS: &[(&str, &str)] = &[
    ("Jo Hartley", "Keyworker service"),
    ("Sunita Rao", "ICB commissioning"),
    ("Mark Ellis", "Children's social care"),
    ("Claire Dunn", "Community LD team"),
    ("Dr Amir Shah", "CAMHS"),
    ("Lucy Fenwick", "SEND team"),
    ("Priya Natt", "Adult social care"),
    ("Dr Helen Moss", "Inpatient provider"),
];
pub(super) const ACTION_TEXTS: &[&str] = &[
    "Arrange a sensory assessment by an occupational therapist",
    "Review medication with the psychiatrist (STOMP)",
    "Update the crisis plan and share it with the family",
    "Identify a supported living provider near the family home",
    "Refer to independent advocacy",
    "Convene a multi-agency meeting on the placement",
    "Agree funding for the community package",
    "Write a positive behaviour support plan",
    "Confirm the school place for September",
    "Set a planned discharge date and share it with the family",
    "Offer a carer's assessment to the parents",
    "Arrange short breaks with a specialist provider",
];
pub(super) const FINDINGS: [&str; 4] = [
    "No safeguarding concerns. Restrictive practice reduced.",
    "Care plan person centred; medication reviewed.",
    "Wants to live near family; discharge plan drafted.",
    "Community package possible with funding agreed.",
];
pub(super) const DONE_NOTES: &[&str] = &[
    "completed as planned",
    "confirmed at the follow-up call",
    "",
];
pub(super) const EVIDENCE: &[&str] = &[
    "letter on file",
    "email from the provider",
    "minutes of the multi-agency meeting",
    "",
];
pub(super) const ESCALATION_NOTES: &[&str] = &[
    "no reply from the provider after three reminders",
    "funding panel deferred twice: raised with the head of commissioning",
    "placement at risk: raised at the weekly DSR meeting",
];
pub(super) const REDATE_REASONS: &[&str] = &[
    "provider asked for two more weeks",
    "waiting for the funding panel",
    "family asked to wait until after the school holidays",
];
