//! Step 10: recommendations. Each becomes an action (owner, organisation, due date, question)
//! when the review is finalised.

use super::data::ReviewData;
use super::form::Item;
use super::{Field, show_date};
use crate::ui::theme::Theme;
use ratatui::text::{Line, Span};

pub fn items(d: &ReviewData, t: &Theme) -> Vec<Item> {
    let mut out = vec![Item::Heading(format!(
        "Recommendations: {} (each becomes an action with a named owner and a due date)",
        d.recs.len()
    ))];
    for (i, rec) in d.recs.iter().enumerate() {
        out.push(Item::field_of(
            Field::RecText(rec.id),
            format!("{}. What", i + 1),
            rec.text.clone(),
        ));
        out.push(Item::field_of(
            Field::RecQuestion(rec.id),
            "  From question",
            rec.question.map_or("none".into(), |q| format!("Q{q}")),
        ));
        out.push(Item::field_of(
            Field::RecOwner(rec.id),
            "  Owner",
            rec.owner.clone(),
        ));
        out.push(Item::field_of(
            Field::RecOrg(rec.id),
            "  Organisation",
            rec.organisation.clone(),
        ));
        let due = Item::field_of(Field::RecDue(rec.id), "  Due", rec.due_text.clone());
        out.push(if rec.due.is_none() {
            due.styled(t.warning())
        } else {
            due
        });
        let reads = match rec.due {
            Some(d) => Span::styled(format!("    due {}", show_date(Some(d))), t.dim()),
            None => Span::styled(
                "    not a date yet: try 31/12/2026, +2w, +1m or fri",
                t.warning(),
            ),
        };
        out.push(Item::Info(Line::from(reads)));
    }
    if !d.is_final() {
        out.push(Item::field_of(
            Field::AddRec,
            "Add a recommendation (a)",
            "add",
        ));
        out.push(Item::Info(Line::from(Span::styled(
            "  d removes the recommendation under the cursor",
            t.dim(),
        ))));
    }
    out
}
