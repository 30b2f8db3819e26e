//! Where the user left the register list (filters, sort, search, selection, open card), to
//! return them there next time.

use super::RegisterPane;
use super::list::{Filters, SortKey};
use crate::ui::pane::Ctx;
use crate::user_state::RegisterPlace;

impl RegisterPane {
    pub fn place(&self) -> RegisterPlace {
        let f = self.list.filters();
        RegisterPlace {
            query: self.list.query().to_string(),
            ratings: f.ratings,
            keyworker: f.keyworker.clone(),
            overdue_review: f.overdue_review,
            transition: f.transition,
            archived: f.archived,
            to_complete: f.to_complete,
            consent: f.consent_to_ask.is_some(),
            sort: self.list.sort().label().to_string(),
            selected: self.selected_row().map(|r| r.id),
            card: self.card.as_ref().map(|c| c.id()),
        }
    }

    /// Back to `p`. Who needs asking for consent is worked out again, as turning the filter on
    /// does; a person no longer listed leaves the selection at the top.
    pub fn return_to(&mut self, p: &RegisterPlace, ctx: &mut Ctx) {
        let consent_to_ask = if p.consent {
            match crate::store::consent::people_to_ask(ctx.store.conn(), ctx.today) {
                Ok(ids) => Some(std::sync::Arc::new(ids)),
                Err(e) => {
                    ctx.error(e.to_string());
                    None
                }
            }
        } else {
            None
        };
        self.list.set_filters(Filters {
            ratings: p.ratings,
            keyworker: p.keyworker.clone(),
            overdue_review: p.overdue_review,
            transition: p.transition,
            archived: p.archived,
            to_complete: p.to_complete,
            consent_to_ask,
        });
        let mut sort = SortKey::default();
        while sort.label() != p.sort && sort.next() != SortKey::default() {
            sort = sort.next();
        }
        if sort.label() == p.sort {
            self.list.set_sort(sort);
        }
        self.list.set_query(&p.query);
        self.selected = p
            .selected
            .and_then(|id| self.list.position_of(id))
            .unwrap_or(0);
        if let Some(id) = p.card {
            self.open_person(id, ctx);
        }
    }
}
