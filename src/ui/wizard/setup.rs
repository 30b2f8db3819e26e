//! Step 1: kind, type, date, place, and the consent check that gates "ready".

use super::Field;
use super::data::ReviewData;
use super::form::Item;
use crate::domain::age::birthday;
use crate::domain::dates::uk;
use crate::domain::review::{is_transition, suggest_kind};
use crate::ui::theme::Theme;
use ratatui::text::{Line, Span};

pub fn items(d: &ReviewData, t: &Theme) -> Vec<Item> {
    let r = &d.review;
    let p = &d.person.details;
    let suggested = suggest_kind(p.date_of_birth, p.ehcp, r.held_on);
    let kind_note = if suggested == r.kind {
        "(suggested from age and EHCP)"
    } else {
        "(changed from the suggestion)"
    };
    let mut out = vec![
        Item::Heading(format!("{} for {}", r.kind.title(), p.display_name())),
        Item::field_of(Field::Kind, format!("Kind {kind_note}"), r.kind.code()),
        Item::field_of(Field::Type, "Type", r.review_type.label()),
        Item::field_of(Field::HeldOn, "Date (← → a day, + - a week)", uk(r.held_on)),
        Item::field_of(Field::Place, "Place", r.place.clone().unwrap_or_default()),
        Item::field_of(
            Field::Virtual,
            "Virtual meeting",
            if r.virtual_meeting { "yes" } else { "no" },
        ),
    ];
    if is_transition(p.date_of_birth, r.held_on) {
        out.push(Item::Info(Line::from(Span::styled(
            format!(
                "  Turns 18 on {}: plan the move to adult services (transition)",
                uk(birthday(p.date_of_birth, 18))
            ),
            t.warning(),
        ))));
    }
    out.push(Item::Heading("Consent".into()));
    match &p.consent {
        Some(c) => out.push(Item::Info(Line::from(vec![
            Span::styled("  ✓ Consent recorded: ", t.ok()),
            Span::raw(format!(
                "{}, {} by {}",
                c.basis.label(),
                uk(c.date),
                crate::ui::sanitize::clean(&c.recorded_by)
            )),
        ]))),
        None => {
            out.push(Item::Info(Line::from(Span::styled(
                "  ⚠ No consent recorded: the panel must not read the papers, and the review cannot be marked ready.",
                t.warning(),
            ))));
            out.push(Item::Info(Line::from(Span::styled(
                "    Record consent on the person's record, or give the reason it could not be given:",
                t.dim(),
            ))));
        }
    }
    out.push(Item::field_of(
        Field::ConsentNote,
        "Reason / note",
        r.consent_note.clone().unwrap_or_default(),
    ));
    let ready = if r.ready {
        "yes"
    } else if d.has_consent() {
        "no"
    } else {
        "no (blocked: no consent)"
    };
    let item = Item::field_of(Field::Ready, "Ready: papers may be circulated", ready);
    out.push(if d.has_consent() {
        item
    } else {
        item.styled(t.warning())
    });
    out
}
