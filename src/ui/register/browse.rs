//! The register's browsing modes: the list, the person card, the search field and the filter
//! chord (`f` then a key). Each reads its key table and does the action in [`RegisterPane::perform`].

use super::keys::RegisterAction;
use super::keyworker::KeyworkerPicker;
use super::list::Filters;
use super::{Asking, Dialog, RegisterPane};
use crate::domain::rating::Rating;
use crate::store::{consent, reviews, timeline};
use crate::ui::keymap::{self, Motion};
use crate::ui::pane::{Ctx, Outcome, Request};
use crate::ui::widgets::Confirm;
use crate::ui::widgets::{Field, FieldKey};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

impl RegisterPane {
    pub(super) fn search_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Outcome {
        match keymap::keys().register.search.action(&key) {
            Some(RegisterAction::ClearSearch) => {
                self.search = None;
                self.keep_selection(|l| l.set_query(""));
                return Outcome::Consumed;
            }
            Some(RegisterAction::SearchOpen) => {
                self.search = None;
                return self.open_card(ctx);
            }
            Some(RegisterAction::SearchKeep) => {
                self.search = None;
                return Outcome::Consumed;
            }
            _ => {}
        }
        // Letters are the query here, so only the motions on keys that type nothing move.
        if !matches!(key.code, KeyCode::Char(_))
            && let Some(m) = keymap::motion(&key)
        {
            self.selected = keymap::apply_motion(self.selected, self.list.len(), self.page, m);
            return Outcome::Consumed;
        }
        let Some(field) = self.search.as_mut() else {
            return Outcome::Ignored;
        };
        if field.handle_key(key) == FieldKey::Changed {
            let q = field.value().to_string();
            self.set_query(&q);
        }
        Outcome::Consumed
    }

    /// The key after `f`: any key ends the chord; the filter keys change the filters.
    pub(super) fn filter_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Outcome {
        self.filter_chord = false;
        match keymap::keys().register.filter.action(&key) {
            Some(a) => self.apply_filter(a, ctx),
            None => Outcome::Consumed,
        }
    }

    /// Change the filters as a filter action asks (from the chord or the command palette).
    fn apply_filter(&mut self, a: RegisterAction, ctx: &mut Ctx) -> Outcome {
        let mut f = self.list.filters().clone();
        let rating = |r: Rating, f: &mut Filters| f.toggle_rating(r);
        match a {
            RegisterAction::FilterBlue => rating(Rating::Blue, &mut f),
            RegisterAction::FilterRed => rating(Rating::Red, &mut f),
            RegisterAction::FilterAmber => rating(Rating::Amber, &mut f),
            RegisterAction::FilterGreen => rating(Rating::Green, &mut f),
            RegisterAction::FilterKeyworker => {
                if f.keyworker.is_some() {
                    f.keyworker = None;
                } else {
                    let names = self.list.keyworkers();
                    let start = self
                        .selected_row()
                        .and_then(|r| r.keyworker)
                        .and_then(|k| names.iter().position(|(n, _)| *n == k))
                        .unwrap_or(0);
                    self.dialog = Some(Dialog::Keyworker(KeyworkerPicker {
                        names,
                        selected: start,
                    }));
                    return Outcome::Consumed;
                }
            }
            RegisterAction::FilterOverdue => f.overdue_review ^= true,
            RegisterAction::FilterTurning18 => f.transition ^= true,
            RegisterAction::FilterToComplete => f.to_complete ^= true,
            RegisterAction::FilterArchived => f.archived ^= true,
            RegisterAction::FilterConsent => {
                f.consent_to_ask = match f.consent_to_ask {
                    Some(_) => None,
                    None => match consent::people_to_ask(ctx.store.conn(), ctx.today) {
                        Ok(ids) => Some(std::sync::Arc::new(ids)),
                        Err(e) => {
                            ctx.error(e.to_string());
                            return Outcome::Consumed;
                        }
                    },
                }
            }
            RegisterAction::FilterClear => f = Filters::default(),
            _ => return Outcome::Consumed,
        }
        self.keep_selection(|l| l.set_filters(f));
        Outcome::Consumed
    }

    pub(super) fn card_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Outcome {
        let Some(card) = self.card.as_mut() else {
            return Outcome::Ignored;
        };
        if let Some(m) = keymap::motion(&key) {
            match m {
                Motion::Down => card.scroll_by(1),
                Motion::Up => card.scroll_by(-1),
                Motion::PageDown => card.scroll_page(true),
                Motion::PageUp => card.scroll_page(false),
                Motion::Top => card.scroll_to(false),
                Motion::Bottom => card.scroll_to(true),
            }
            return Outcome::Consumed;
        }
        match keymap::keys().register.card.action(&key) {
            Some(a) => self.perform(a, ctx),
            None => Outcome::Ignored,
        }
    }

    pub(super) fn list_key(&mut self, key: KeyEvent, ctx: &mut Ctx) -> Outcome {
        if let Some(m) = keymap::motion(&key) {
            self.selected = keymap::apply_motion(self.selected, self.list.len(), self.page, m);
            return Outcome::Consumed;
        }
        match keymap::keys().register.list.action(&key) {
            Some(a) => self.perform(a, ctx),
            None => Outcome::Ignored,
        }
    }

    /// Do what a list or card action asks, on the selected person (or the open card's).
    pub fn perform(&mut self, a: RegisterAction, ctx: &mut Ctx) -> Outcome {
        use RegisterAction::*;
        match a {
            Search => {
                self.search = Some(
                    Field::new("/")
                        .with_value(self.list.query())
                        .with_placeholder("name, NHS number or local id"),
                );
                Outcome::Consumed
            }
            ClearSearch if !self.list.query().is_empty() => {
                self.keep_selection(|l| l.set_query(""));
                Outcome::Consumed
            }
            ClearSearch => Outcome::Ignored,
            OpenCard => self.open_card(ctx),
            CloseCard if self.card.as_ref().is_some_and(|c| c.trail.is_some()) => {
                if let Some(card) = self.card.as_mut() {
                    card.show_trail(None);
                }
                Outcome::Consumed
            }
            History => {
                if let Some(card) = self.card.as_mut() {
                    if card.trail.is_some() {
                        card.show_trail(None);
                    } else {
                        match timeline::of_person(ctx.store.conn(), card.id(), None) {
                            Ok(t) => card.show_trail(Some(t)),
                            Err(e) => ctx.error(e.to_string()),
                        }
                    }
                }
                Outcome::Consumed
            }
            CloseCard => {
                if let Some(id) = self.card.take().map(|c| c.id())
                    && let Some(p) = self.list.position_of(id)
                {
                    self.selected = p;
                }
                Outcome::Consumed
            }
            CardPage => {
                if let Some(card) = self.card.as_mut() {
                    card.scroll_page(true);
                }
                Outcome::Consumed
            }
            Filter => {
                self.filter_chord = true;
                Outcome::Consumed
            }
            Sort => {
                let next = self.list.sort().next();
                self.keep_selection(|l| l.set_sort(next));
                ctx.info(format!("Sorted by {}", next.label()));
                Outcome::Consumed
            }
            Add => self.open_add(ctx),
            Edit => self.open_edit(ctx),
            Rerate | Admit | Discharge | Archive | Discussed => self.open_target_dialog(a, ctx),
            Transfer | EditAdmission | AddBarrier | ResolveBarrier => self.open_stay_dialog(a, ctx),
            Consent => self.open_consent(ctx),
            StartReview => {
                let person = match &self.card {
                    Some(c) => Some((c.id(), c.person.details.display_name())),
                    None => self.selected_row().map(|r| (r.id, r.display_name())),
                };
                let Some((person_id, name)) = person else {
                    return Outcome::Consumed;
                };
                // A draft already open is resumed (nothing is created); a new one is a record
                // others see, so ask first.
                match reviews::draft_of_person(ctx.store.conn(), person_id) {
                    Ok(Some(_)) => Outcome::Request(Request::StartReview { person_id }),
                    Ok(None) => {
                        self.confirm = Some((
                            Confirm::new(format!(
                                "Start a new C(E)TR draft for {name}, dated today?"
                            ))
                            .titled(&format!("Start a C(E)TR: {name}")),
                            Asking::StartReview(person_id),
                        ));
                        Outcome::Consumed
                    }
                    Err(e) => {
                        ctx.error(e.to_string());
                        Outcome::Consumed
                    }
                }
            }
            FilterBlue | FilterRed | FilterAmber | FilterGreen | FilterKeyworker
            | FilterOverdue | FilterTurning18 | FilterToComplete | FilterArchived
            | FilterConsent | FilterClear => self.apply_filter(a, ctx),
            SearchOpen | SearchKeep | FilterCancel => Outcome::Ignored,
        }
    }
}
