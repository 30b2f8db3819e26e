//! A form's values as plain data, to keep typed input across a hang-up and put it back into the
//! same form next time. Items are named by their field key, choices by their label.

use super::{Form, Item};
use crate::user_state::FieldValue;

impl<K: Copy + PartialEq + std::fmt::Debug> Form<K> {
    /// Every item's value, named by its key.
    pub fn values(&self) -> Vec<(String, FieldValue)> {
        self.keys
            .iter()
            .zip(&self.items)
            .map(|(k, item)| (format!("{k:?}"), value_of(item)))
            .collect()
    }

    /// Put kept values back, item by item; a name or label this form no longer has is skipped.
    pub fn restore(&mut self, values: &[(String, FieldValue)]) {
        for (k, item) in self.keys.iter().zip(self.items.iter_mut()) {
            let name = format!("{k:?}");
            if let Some((_, v)) = values.iter().find(|(n, _)| *n == name) {
                set_value(item, v);
            }
        }
    }
}

fn value_of(item: &Item) -> FieldValue {
    match item {
        Item::Text(f) => FieldValue::Text(f.value().to_string()),
        Item::Choice(c) => FieldValue::Choice(c.selected_label().map(str::to_string)),
        Item::Checks(c) => FieldValue::Checks(
            c.ticked()
                .into_iter()
                .filter_map(|i| c.options.get(i).cloned())
                .collect(),
        ),
    }
}

fn set_value(item: &mut Item, v: &FieldValue) {
    match (item, v) {
        (Item::Text(f), FieldValue::Text(t)) => f.set_value(t),
        (Item::Choice(c), FieldValue::Choice(label)) => {
            let at = label
                .as_ref()
                .map(|l| c.options.iter().position(|o| o == l));
            match at {
                None => c.select(None),
                Some(Some(i)) => c.select(Some(i)),
                Some(None) => {}
            }
        }
        (Item::Checks(c), FieldValue::Checks(labels)) => {
            for (t, o) in c.ticked.iter_mut().zip(&c.options) {
                *t = labels.contains(o);
            }
        }
        _ => {}
    }
}
