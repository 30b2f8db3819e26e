//! Step 2: the panel. The chair, independent clinical expert and expert by experience are required;
//! a CETR also needs education and social care (or a recorded reason why not).

use super::Field;
use super::data::ReviewData;
use super::form::Item;
use crate::domain::journey::Attendance;
use crate::domain::review::{PanelRole, ReviewKind};
use crate::ui::theme::Theme;
use ratatui::text::{Line, Span};

pub fn items(d: &ReviewData, t: &Theme) -> Vec<Item> {
    let mut out = vec![Item::Heading("Who is on the panel".into())];
    let missing = d.missing_roles();
    if missing.is_empty() {
        out.push(Item::Info(Line::from(Span::styled(
            "  ✓ Everyone the panel needs is named",
            t.ok(),
        ))));
    } else {
        let names: Vec<&str> = missing.iter().map(|r| r.label()).collect();
        out.push(Item::Info(Line::from(Span::styled(
            format!("  Still needed: {}", names.join(", ")),
            t.warning(),
        ))));
    }
    for (i, m) in d.panel.iter().enumerate() {
        out.push(Item::field_of(
            Field::PanelRole(m.id),
            format!("{}. Role", i + 1),
            m.role.label(),
        ));
        out.push(Item::field_of(
            Field::PanelName(m.id),
            "  Name",
            m.name.clone(),
        ));
        out.push(Item::field_of(
            Field::PanelOrg(m.id),
            "  Organisation",
            m.organisation.clone().unwrap_or_default(),
        ));
    }
    if !d.is_final() {
        let role = d.next_missing_role();
        out.push(Item::field_of(
            Field::AddPanel,
            "Add a panel member (a)",
            format!("add {}", role.label().to_lowercase()),
        ));
        out.push(Item::Info(Line::from(Span::styled(
            "  d removes the member under the cursor; Space changes a role",
            t.dim(),
        ))));
    }
    // A CETR may go ahead without education or social care only with the reason recorded.
    if d.review.kind == ReviewKind::Cetr {
        for role in PanelRole::REQUIRED_CETR {
            let named = d
                .panel
                .iter()
                .any(|m| m.role == role && !m.name.trim().is_empty());
            let excused = d.panel_waivers.iter().any(|(r, _)| *r == role);
            if !named || excused {
                out.push(Item::field_of(
                    Field::Waiver(role),
                    format!("Why no {}?", role.label().to_lowercase()),
                    d.text_of(Field::Waiver(role)),
                ));
            }
        }
    }
    out.push(Item::Heading("Who took part".into()));
    let took_part = |a: Option<Attendance>| a.map_or("not recorded", |a| a.label());
    out.push(Item::field_of(
        Field::PersonAttendance,
        "The person",
        took_part(d.review.person_attendance),
    ));
    out.push(Item::field_of(
        Field::FamilyAttendance,
        "Family / carers",
        took_part(d.review.family_attendance),
    ));
    out
}
