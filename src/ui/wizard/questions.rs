//! Steps 4 to 7: the four questions. Findings first (the editor takes the typing as soon as the
//! step opens), then each key line of enquiry with its judgement and a note.

use super::Field;
use super::data::ReviewData;
use super::form::Item;
use crate::domain::review::{KloeJudgement, QUESTIONS};
use crate::ui::keymap::keys;
use crate::ui::theme::Theme;
use crate::ui::widgets::keys::TextEdit;

/// A line's note shows when it holds text or `open` is it (opened with the note key).
pub fn items(d: &ReviewData, q: u8, t: &Theme, open: Option<Field>) -> Vec<Item> {
    let qi = usize::from(q) - 1;
    let mut out = vec![
        Item::Heading(format!("Question {q}: {}", QUESTIONS[qi])),
        Item::field_of(Field::Findings(q), findings_label(), d.findings[qi].clone()),
        Item::Heading(
            "Key lines of enquiry (Space: assured / concern / not covered; n: note)".into(),
        ),
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
        let note = Field::KloeNote(k.kloe_id);
        if !k.note.is_empty() || open == Some(note) {
            out.push(Item::field_of(note, "  note", k.note.clone()));
        }
    }
    out
}

/// The findings label names the undo key the table binds, so it stays true after a rebind.
fn findings_label() -> String {
    let undo = keys()
        .widgets
        .text
        .keys_of(TextEdit::Undo)
        .first()
        .map_or_else(|| "-".to_string(), ToString::to_string);
    format!("Findings (Enter: new line, {undo}: undo, Tab: next field)")
}
