//! Coming back: on launch the app returns to where this user left the register (pane, filters,
//! selection, open card) and offers back what they were in the middle of: typed input a hang-up
//! cut short, and the draft review they had open or last started. On leaving it says what to
//! keep for next time.

use super::App;
use crate::store::reviews::{self, DraftToResume};
use crate::ui::keymap::{Binding, keys};
use crate::ui::pane::{Ctx, Flash, PaneId, View};
use crate::ui::widgets::keys::FormAction;
use crate::ui::widgets::modal;
use crate::user_state::{FieldValue, Kept, KeptDraft, Leaving, Place, TypedDraft};
use chrono::{DateTime, Local, NaiveDate, Utc};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// Something the user was in the middle of, offered back on launch.
#[derive(Debug, Clone)]
pub enum Offer {
    /// Typed input in a form or dialog when a session was cut off.
    Typed(KeptDraft),
    /// A draft review: the one open when they left, else the latest they started.
    Review(DraftToResume),
}

impl App {
    /// On launch, with what was kept for this user on this register: return to their place
    /// (when `return_to_place`, the per-user setting), then offer back typed input, then the
    /// draft review they were in or last started.
    pub fn resume(&mut self, kept: Kept, return_to_place: bool) {
        if return_to_place && let Some(p) = &kept.place {
            self.return_to(p);
        }
        // The latest first: the one most likely to be wanted.
        self.offers
            .extend(kept.drafts.into_iter().rev().map(Offer::Typed));
        let left_open = kept.place.and_then(|p| p.review);
        match reviews::draft_to_resume(self.store.conn(), self.store.user(), left_open) {
            Ok(Some(r)) => self.offers.push(Offer::Review(r)),
            Ok(None) => {}
            Err(e) => self.flash = Some(Flash::Error(e.to_string())),
        }
    }

    /// The offer on show, if any.
    pub fn offer(&self) -> Option<&Offer> {
        self.offers.first()
    }

    fn return_to(&mut self, p: &Place) {
        let mut ctx = Ctx {
            store: &mut self.store,
            today: self.today,
            theme: self.theme,
            flash: &mut self.flash,
        };
        self.register.return_to(&p.register, &mut ctx);
        if let Some(pane) = PaneId::ALL.into_iter().find(|id| id.title() == p.pane) {
            self.show(pane);
        }
    }

    /// What this session leaves for the next: where it is (when `keep_place`), the typed input
    /// of an open form when it was `cut_off` (a hang-up, not the user quitting), and the kept
    /// drafts it took back or discarded.
    pub fn leaving(&self, cut_off: bool, keep_place: bool) -> Leaving {
        Leaving {
            place: keep_place.then(|| Place {
                pane: self.active.title().to_string(),
                register: self.register.place(),
                review: self.reviews.wizard().map(|w| w.review_id()),
            }),
            draft: cut_off.then(|| self.pane().typed_draft()).flatten(),
            taken: self.taken.clone(),
        }
    }

    /// A key while an offer shows: Enter takes it, Esc declines it (a typed draft is then
    /// discarded) and shows the next; any other key leaves them all for the next launch and goes
    /// on to do what it does. True when the key was used here.
    pub(super) fn offer_key(&mut self, key: &KeyEvent) -> bool {
        let Some(offer) = self.offers.first().cloned() else {
            return false;
        };
        match keys().widgets.form.action(key) {
            Some(FormAction::Submit) => {
                // The user is busy with what they took: the rest wait for the next launch
                // rather than cover it (Enter in a reopened form must save the form).
                self.offers.clear();
                self.take_offer(offer);
                true
            }
            Some(FormAction::Cancel) => {
                self.offers.remove(0);
                if let Offer::Typed(k) = offer {
                    self.taken.push(k.file);
                    self.flash = Some(Flash::Info(format!(
                        "Discarded what you typed in \"{}\"",
                        k.draft.title
                    )));
                }
                true
            }
            _ => {
                self.offers.clear();
                false
            }
        }
    }

    fn take_offer(&mut self, offer: Offer) {
        match offer {
            Offer::Typed(KeptDraft { file, draft: d }) => {
                self.taken.push(file);
                let pane = PaneId::ALL
                    .into_iter()
                    .find(|id| id.title() == d.pane)
                    .unwrap_or(PaneId::Register);
                self.show(pane);
                let (p, mut ctx) = self.split();
                let done = p.restore_draft(&d, &mut ctx);
                self.flash = Some(match done {
                    Ok(()) => Flash::Info(format!(
                        "Put back what you typed at {}: check it, then save",
                        self.stamp(d.saved_at)
                    )),
                    // Nothing typed is lost even then: the message carries it.
                    Err(why) => Flash::Error(format!("{why}. You had typed: {}", typed(&d))),
                });
            }
            Offer::Review(r) => {
                self.show(PaneId::Reviews);
                let mut ctx = Ctx {
                    store: &mut self.store,
                    today: self.today,
                    theme: self.theme,
                    flash: &mut self.flash,
                };
                self.reviews.open(r.id, &mut ctx);
            }
        }
    }

    fn stamp(&self, at: DateTime<Utc>) -> String {
        short_stamp(at.with_timezone(&Local), self.today)
    }

    /// The offer's keys, for the hint bar.
    pub(super) fn offer_bindings(&self) -> Vec<Binding> {
        let form = &keys().widgets.form;
        let row = |a: FormAction, desc: &'static str| Binding {
            keys: vec![form.keys_of(a)],
            note: None,
            desc,
            hint: Some(1),
        };
        let decline = match self.offers.first() {
            Some(Offer::Typed(_)) => "discard it",
            _ => "not now",
        };
        vec![
            row(FormAction::Submit, "take it back"),
            row(FormAction::Cancel, decline),
            Binding {
                keys: Vec::new(),
                note: Some("any other key"),
                desc: "later",
                hint: Some(1),
            },
        ]
    }

    /// The offer on show, in a box over the pane.
    pub(super) fn render_offer(&self, frame: &mut Frame, body: Rect, view: &View) {
        let Some(offer) = self.offers.first() else {
            return;
        };
        let t = view.theme;
        let form = &keys().widgets.form;
        let key = |a| {
            form.keys_of(a)
                .first()
                .map_or_else(String::new, ToString::to_string)
        };
        let (title, what, decline) = match offer {
            Offer::Typed(k) => (
                format!(" Kept from {} ", self.stamp(k.draft.saved_at)),
                format!(
                    "Your session was cut off while \"{}\" was open with typing in it.",
                    k.draft.title
                ),
                "discards it",
            ),
            Offer::Review(r) => (
                " Carry on where you were? ".to_string(),
                format!(
                    "Draft {} for {} open since {}.",
                    r.kind,
                    r.person_name,
                    stored_stamp(&r.created_at, self.today)
                ),
                "not now",
            ),
        };
        let take = match offer {
            Offer::Typed(_) => " to put it back   ",
            Offer::Review(_) => " to resume   ",
        };
        let lines = vec![
            Line::raw(what),
            Line::raw(""),
            Line::from(vec![
                Span::styled(key(FormAction::Submit), t.key()),
                Span::raw(take),
                Span::styled(key(FormAction::Cancel), t.key()),
                Span::raw(format!(" {decline}   any other key: later")),
            ]),
        ];
        let width = body.width.saturating_sub(4).min(76);
        let height = 6;
        let inner = modal(frame, body, width, height, &title, t);
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
    }
}

/// A time as staff read it: the local time when it is today, else the date too.
fn short_stamp(local: DateTime<Local>, today: NaiveDate) -> String {
    if local.date_naive() == today {
        local.format("%H:%M").to_string()
    } else {
        local.format("%d/%m/%Y %H:%M").to_string()
    }
}

/// A time the store wrote (RFC 3339), as `short_stamp` shows it.
fn stored_stamp(stored: &str, today: NaiveDate) -> String {
    match DateTime::parse_from_rfc3339(stored) {
        Ok(t) => short_stamp(t.with_timezone(&Local), today),
        // Not a time the store wrote: show it as it is rather than hide it.
        Err(_) => stored.to_string(),
    }
}

/// What a draft held, in a line: "Given name: Ada; Family name: Lovelace".
fn typed(d: &TypedDraft) -> String {
    d.values
        .iter()
        .filter_map(|(name, v)| {
            let shown = match v {
                FieldValue::Text(t) if !t.trim().is_empty() => t.clone(),
                FieldValue::Choice(Some(c)) => c.clone(),
                FieldValue::Checks(c) if !c.is_empty() => c.join(", "),
                _ => return None,
            };
            Some(format!("{name}: {shown}"))
        })
        .collect::<Vec<_>>()
        .join("; ")
}
