//! Step 8: the eight principles and the nine "I" statements, offered in every review.

use super::Field;
use super::data::ReviewData;
use super::form::Item;
use crate::domain::review::Reflection;
use crate::store::reviews::PrincipleKind;
use crate::ui::theme::Theme;

/// A row's note shows when it holds text or `open` is it (opened with the note key).
pub fn items(d: &ReviewData, t: &Theme, open: Option<Field>) -> Vec<Item> {
    let mut out = vec![Item::Heading(
        "How well does the care reflect each principle? (Space changes; n: note)".into(),
    )];
    for p in &d.principles {
        if p.kind == PrincipleKind::IStatement && p.number == 1 {
            out.push(Item::Heading("The nine \"I\" statements (optional)".into()));
        }
        let style = match p.reflection {
            Reflection::Well => t.ok(),
            Reflection::Partly => Default::default(),
            Reflection::NotReflected => t.warning(),
            Reflection::NotDiscussed => t.dim(),
        };
        out.push(
            Item::field_of(
                Field::Reflection(p.kind, p.number),
                format!("{}. {}", p.number, p.text),
                p.reflection.label(),
            )
            .styled(style),
        );
        let note = Field::PrincipleNote(p.kind, p.number);
        if !p.note.is_empty() || open == Some(note) {
            out.push(Item::field_of(note, "  note", p.note.clone()));
        }
    }
    out
}
