//! Step 11: what was recorded, what still blocks finalising, and the Finalise button. A final
//! review shows its addenda instead (corrections, dated and audited).

use super::data::ReviewData;
use super::form::Item;
use super::{Field, Step};
use crate::domain::review::{KloeJudgement, QUESTION_SHORT};
use crate::ui::theme::Theme;
use ratatui::text::{Line, Span};

pub fn items(d: &ReviewData, t: &Theme, confirm: bool) -> Vec<Item> {
    let r = &d.review;
    let mut out = vec![Item::Heading("Summary".into())];
    let named = d.panel.iter().filter(|m| !m.name.trim().is_empty()).count();
    out.push(Item::Info(Line::from(format!(
        "  Panel: {named} named · documents received: {} of {}",
        d.documents.iter().filter(|x| x.received).count(),
        d.documents.len()
    ))));
    for (i, name) in QUESTION_SHORT.iter().enumerate() {
        let words = d.findings[i].split_whitespace().count();
        let concerns = d
            .kloes
            .iter()
            .filter(|k| usize::from(k.question) == i + 1 && k.judgement == KloeJudgement::Concern)
            .count();
        out.push(Item::Info(Line::from(format!(
            "  Q{} {name}: {words} words of findings, {concerns} concern(s)",
            i + 1
        ))));
    }
    let rating = match r.proposed_rating {
        Some(p) if p != d.person.rating => {
            format!("{} → {}", d.person.rating.code(), p.code())
        }
        Some(p) => format!("{} (no change)", p.code()),
        None => format!("{} (no new rating proposed)", d.person.rating.code()),
    };
    out.push(Item::Info(Line::from(format!("  Rating: {rating}"))));
    out.push(Item::Info(Line::from(format!(
        "  Recommendations becoming actions: {}",
        d.recs.len()
    ))));
    if d.is_final() {
        out.push(Item::Info(Line::from(Span::styled(
            format!(
                "  Finalised {} by {}: read-only. a adds a dated addendum.",
                r.finalised_at.as_deref().unwrap_or("?"),
                crate::ui::sanitize::clean(r.finalised_by.as_deref().unwrap_or("?"))
            ),
            t.ok(),
        ))));
        out.push(Item::Heading(format!("Addenda: {}", d.addenda.len())));
        for a in &d.addenda {
            out.push(Item::Info(Line::from(vec![
                Span::styled(
                    format!(
                        "  {} {}: ",
                        crate::ui::when::local_stamp(&a.at),
                        crate::ui::sanitize::clean(&a.by_user)
                    ),
                    t.dim(),
                ),
                Span::raw(crate::ui::sanitize::clean(&a.text).into_owned()),
            ])));
        }
        return out;
    }
    let todo: Vec<&str> = d
        .incomplete()
        .iter()
        .enumerate()
        .take(10)
        .filter(|(_, x)| **x)
        .map(|(i, _)| Step::from_index(i).short())
        .collect();
    if !todo.is_empty() {
        out.push(Item::Info(Line::from(Span::styled(
            format!("  Not complete (allowed): {}", todo.join(", ")),
            t.dim(),
        ))));
    }
    if d.blockers.is_empty() {
        out.push(Item::Info(Line::from(Span::styled(
            "  ✓ Ready to finalise",
            t.ok(),
        ))));
    } else {
        out.push(Item::Heading("Before finalising:".into()));
        for b in &d.blockers {
            let step = Step::of_section(b.section());
            out.push(Item::Info(Line::from(vec![
                Span::styled(format!("  • {b}"), t.warning()),
                Span::styled(
                    format!(
                        "  (step {} {}: g{})",
                        step.number(),
                        step.short(),
                        step.number()
                    ),
                    t.dim(),
                ),
            ])));
        }
    }
    let label = if confirm {
        "Press Enter again to finalise (locks the review)"
    } else {
        "Finalise: apply the rating, create the actions, lock"
    };
    out.push(Item::field_of(Field::Finalise, label, "Finalise"));
    out
}
