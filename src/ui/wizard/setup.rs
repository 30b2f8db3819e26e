//! Step 1: kind, type, date, place, and the consent check that gates "ready" (the domain's
//! review-consent rule, shown with the person's consent records).

use super::Field;
use super::data::ReviewData;
use super::form::Item;
use crate::domain::age::birthday;
use crate::domain::consent::ScopeState;
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
    let state = &d.review_consent;
    out.push(Item::Info(Line::from(if state.is_given() {
        Span::styled("  ✓ Consent to the review: given", t.ok())
    } else {
        let when = match state {
            ScopeState::Declined(on) | ScopeState::Withdrawn(on) | ScopeState::Expired(on) => {
                format!(" on {}", uk(*on))
            }
            ScopeState::Given | ScopeState::Missing(_) => String::new(),
        };
        Span::styled(
            format!("  ⚠ Consent to the review: {}{when}", state.word()),
            t.warning(),
        )
    })));
    if let ScopeState::Missing(needed) = state {
        for n in needed {
            out.push(Item::Info(Line::from(Span::styled(
                format!("    ask for {n}"),
                t.warning(),
            ))));
        }
    }
    for c in &d.consents {
        out.push(Item::Info(Line::from(Span::styled(
            format!("    {}", crate::ui::sanitize::clean(&c.record.describe())),
            t.dim(),
        ))));
    }
    if !state.is_given() {
        out.push(Item::Info(Line::from(Span::styled(
            "    Record it on the card (c), or give a reason to go ahead without it:",
            t.dim(),
        ))));
    }
    out.push(Item::field_of(
        Field::ConsentNote,
        "Reason / note",
        r.consent_note.clone().unwrap_or_default(),
    ));
    let allowed = d.may_be_ready();
    let ready = match (r.ready, allowed) {
        (true, _) => "yes",
        (false, true) => "no",
        (false, false) => "no (blocked: consent)",
    };
    let item = Item::field_of(Field::Ready, "Ready: papers may be circulated", ready);
    out.push(if allowed {
        item
    } else {
        item.styled(t.warning())
    });
    out
}
