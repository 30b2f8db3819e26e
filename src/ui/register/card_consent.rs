//! The card's consent: one line with each scope at a glance, and the records behind it.

use super::card::Card;
use crate::domain::consent::{ConsentRecord, ScopeState, summary};
use crate::ui::pane::View;
use crate::ui::sanitize::clean;
use ratatui::text::{Line, Span};

impl Card {
    fn consent_records_only(&self) -> Vec<ConsentRecord> {
        self.consents.iter().map(|c| c.record.clone()).collect()
    }

    /// `Consent: Register ✓ given · C(E)TR ⚠ missing · Sharing ✗ withdrawn 3 Mar 2026`.
    pub(super) fn consent_glance(&self, view: &View) -> Line<'static> {
        let t = view.theme;
        let dob = self.person.details.date_of_birth;
        let mut spans = vec![Span::styled("Consent: ", t.dim())];
        for (i, (scope, state)) in summary(&self.consent_records_only(), dob, view.today)
            .into_iter()
            .enumerate()
        {
            if i > 0 {
                spans.push(Span::styled(" · ", t.dim()));
            }
            let (mark, style) = match &state {
                ScopeState::Given => ("✓", t.ok()),
                ScopeState::Missing(_) | ScopeState::Expired(_) => ("⚠", t.warning()),
                ScopeState::Declined(_) | ScopeState::Withdrawn(_) => ("✗", t.error()),
            };
            let when = match &state {
                ScopeState::Declined(d) | ScopeState::Withdrawn(d) | ScopeState::Expired(d) => {
                    format!(" {}", crate::domain::dates::uk(*d))
                }
                _ => String::new(),
            };
            spans.push(Span::raw(format!("{} ", scope.label())));
            spans.push(Span::styled(
                format!("{mark} {}{when}", state.word()),
                style,
            ));
        }
        Line::from(spans)
    }

    /// The records themselves, and what is still to ask, under their own heading.
    pub(super) fn consent_records(&self, view: &View) -> Vec<Line<'static>> {
        let t = view.theme;
        let mut out = vec![
            Line::raw(""),
            Line::from(Span::styled(
                "Consent records (c records or withdraws)",
                t.header(),
            )),
        ];
        if self.consents.is_empty() {
            out.push(Line::styled("  none recorded", t.warning()));
        }
        for c in &self.consents {
            out.push(Line::raw(format!("  • {}", clean(&c.record.describe()))));
        }
        let dob = self.person.details.date_of_birth;
        for (scope, state) in summary(&self.consent_records_only(), dob, view.today) {
            if !state.is_given() {
                out.push(Line::styled(
                    format!("  {}: {state}", scope.label()),
                    t.warning(),
                ));
            }
        }
        out
    }
}
