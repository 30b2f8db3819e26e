//! What an update changes, in words, for the dry run.

use crate::domain::person::PersonDetails;

/// "field: old -> new" for every imported field that differs.
pub(super) fn field_changes(a: &PersonDetails, b: &PersonDetails) -> Vec<String> {
    fn show(v: Option<&str>) -> String {
        match v {
            Some(s) if !s.is_empty() => format!("{s:?}"),
            _ => "(blank)".to_string(),
        }
    }
    let mut out = Vec::new();
    let mut cmp = |name: &str, x: Option<String>, y: Option<String>| {
        if x != y {
            out.push(format!(
                "{name}: {} -> {}",
                show(x.as_deref()),
                show(y.as_deref())
            ));
        }
    };
    cmp(
        "NHS number",
        a.nhs_number.as_ref().map(|n| n.to_string()),
        b.nhs_number.as_ref().map(|n| n.to_string()),
    );
    cmp("local id", a.local_id.clone(), b.local_id.clone());
    cmp(
        "given name",
        Some(a.given_name.clone()),
        Some(b.given_name.clone()),
    );
    cmp(
        "family name",
        Some(a.family_name.clone()),
        Some(b.family_name.clone()),
    );
    cmp(
        "preferred name",
        a.preferred_name.clone(),
        b.preferred_name.clone(),
    );
    cmp(
        "date of birth",
        Some(a.date_of_birth.to_string()),
        Some(b.date_of_birth.to_string()),
    );
    cmp("sex", a.sex.clone(), b.sex.clone());
    cmp(
        "gender identity",
        a.gender_identity.clone(),
        b.gender_identity.clone(),
    );
    cmp("ethnicity", a.ethnicity.clone(), b.ethnicity.clone());
    cmp(
        "diagnosis",
        Some(a.diagnosis.code().into()),
        Some(b.diagnosis.code().into()),
    );
    cmp(
        "EHCP",
        Some(if a.ehcp { "yes" } else { "no" }.into()),
        Some(if b.ehcp { "yes" } else { "no" }.into()),
    );
    cmp("GP practice", a.gp_practice.clone(), b.gp_practice.clone());
    cmp(
        "local authority",
        a.local_authority.clone(),
        b.local_authority.clone(),
    );
    cmp(
        "setting",
        a.setting.map(|s| s.code().into()),
        b.setting.map(|s| s.code().into()),
    );
    cmp("keyworker", a.keyworker.clone(), b.keyworker.clone());
    cmp(
        "care coordinator",
        a.care_coordinator.clone(),
        b.care_coordinator.clone(),
    );
    cmp("notes", a.notes.clone(), b.notes.clone());
    cmp(
        "criteria",
        Some(a.criteria.join(",")),
        Some(b.criteria.join(",")),
    );
    out
}
