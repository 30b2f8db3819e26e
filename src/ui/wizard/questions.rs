//! Steps 4 to 7: the four questions. Findings first (the editor takes the typing as soon as the
//! step opens), then each key line of enquiry with its judgement and a note.

use super::Field;
use super::data::ReviewData;
use super::form::Item;
use crate::domain::review::{KloeJudgement, QUESTIONS};
use crate::ui::theme::Theme;

pub fn items(d: &ReviewData, q: u8, t: &Theme) -> Vec<Item> {
    let qi = usize::from(q) - 1;
    let mut out = vec![
        Item::Heading(format!("Question {q}: {}", QUESTIONS[qi])),
        Item::field_of(
            Field::Findings(q),
            "Findings (Enter: new line, Ctrl-U: undo, Tab: next field)",
            d.findings[qi].clone(),
        ),
        Item::Heading("Key lines of enquiry (Space: assured / concern / not covered)".into()),
    ];
    for k in d.kloes.iter().filter(|k| k.question == q) {
        let style = match k.judgement {
            KloeJudgement::Assured => t.ok(),
            KloeJudgement::Concern => t.warning(),
            KloeJudgement::NotCovered => t.dim(),
        };
        out.push(
            Item::field_of(
                Field::Judgement(k.kloe_id),
                k.text.clone(),
                k.judgement.label(),
            )
            .styled(style),
        );
        out.push(Item::field_of(
            Field::KloeNote(k.kloe_id),
            "  note",
            k.note.clone(),
        ));
    }
    out
}
