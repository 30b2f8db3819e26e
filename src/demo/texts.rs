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
// Every finished review answers all four questions, so at 100,000 people each character here
// is some 200,000 bytes of the register file: the findings stay short.
pub(super) const FINDINGS: [&str; 4] = [
    "No safeguarding concerns.",
    "Care plan person centred.",
    "Discharge plan drafted.",
    "Funding agreed.",
];
pub(super) const DONE_NOTES: &[&str] = &["done as planned", "confirmed by phone", ""];
pub(super) const EVIDENCE: &[&str] = &["letter on file", "provider's email", "meeting minutes", ""];
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
