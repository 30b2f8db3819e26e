//! Step 3: the document checklist (papers at least 24 hours before the meeting).

use super::Field;
use super::data::ReviewData;
use super::form::Item;
use crate::ui::theme::Theme;
use ratatui::text::{Line, Span};

pub fn items(d: &ReviewData, t: &Theme) -> Vec<Item> {
    let got = d.documents.iter().filter(|x| x.received).count();
    let mut out = vec![
        Item::Heading(format!(
            "Documents received: {got} of {}",
            d.documents.len()
        )),
        Item::Info(Line::from(Span::styled(
            "  Space or Enter ticks a document as received",
            t.dim(),
        ))),
    ];
    for (i, doc) in d.documents.iter().enumerate() {
        let item = Item::field_of(
            Field::Document(i),
            doc.label.clone(),
            if doc.received {
                "✓ received"
            } else {
                "  missing"
            },
        );
        out.push(if doc.received {
            item.styled(t.ok())
        } else {
            item.styled(t.warning())
        });
    }
    out
}
