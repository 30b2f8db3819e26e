//! Step 9: can needs be met in the community, and the proposed new rating with its reason.

use super::Field;
use super::data::ReviewData;
use super::form::Item;
use crate::domain::rules::check_rating_fits;
use crate::ui::rule_text::rule_message;
use crate::ui::theme::Theme;
use ratatui::text::{Line, Span};

pub fn items(d: &ReviewData, t: &Theme) -> Vec<Item> {
    let r = &d.review;
    let current = d.person.rating;
    let met = match r.community_needs_met {
        None => "not decided",
        Some(true) => "yes",
        Some(false) => "no",
    };
    let proposed = match r.proposed_rating {
        None => "not chosen".to_string(),
        Some(p) if p == current => format!("{} (no change)", p.code()),
        Some(p) => format!("{} (was {})", p.code(), current.code()),
    };
    let mut out = vec![
        Item::Heading("Outcome".into()),
        Item::field_of(
            Field::NeedsMet,
            "Can the person's needs be met in the community?",
            met,
        ),
        Item::Info(Line::from(vec![
            Span::raw("  Current rating: "),
            Span::styled(format!(" {} ", current.code()), t.rating(current)),
            Span::styled(format!("  {}", current.meaning()), t.dim()),
        ])),
    ];
    let prop = Item::field_of(Field::Proposed, "Proposed new rating", proposed);
    out.push(match r.proposed_rating {
        Some(p) => prop.styled(t.rating(p)),
        None => prop,
    });
    if let Some(p) = r.proposed_rating {
        out.push(Item::Info(Line::from(Span::styled(
            format!("  {}: {}", p.code(), p.meaning()),
            t.dim(),
        ))));
        if let Err(v) = check_rating_fits(p, d.in_hospital) {
            out.push(Item::Info(Line::from(Span::styled(
                format!("  ⚠ {}", rule_message(&v)),
                t.warning(),
            ))));
        }
    }
    out.push(Item::field_of(
        Field::RatingReason,
        "Reason for rating",
        r.rating_reason.clone().unwrap_or_default(),
    ));
    out.push(Item::field_of(
        Field::OutcomeNotes,
        "Outcome notes",
        r.outcome_notes.clone().unwrap_or_default(),
    ));
    out
}
