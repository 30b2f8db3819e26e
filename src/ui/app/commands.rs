//! The command palette's side of the app: what it offers for what is on screen, and running a
//! chosen line through the same `perform` code the keys use.

use super::App;
use crate::report::output::OutputFile;
use crate::store::reviews::ReviewData;
use crate::ui::keymap;
use crate::ui::palette::{self, Command, Item, Palette, PaletteEvent};
use crate::ui::pane::{Ctx, Flash, Outcome, PaneId};
use crate::ui::theme::Theme;
use ratatui::crossterm::event::KeyEvent;

/// People offered for a search: enough to pick from, few enough to leave room for commands.
const PEOPLE: usize = 3;

impl App {
    pub(super) fn open_palette(&mut self) {
        let mut context = Vec::new();
        if let Some((id, name)) = self.reviews.review_in_hand() {
            context.push(Item {
                label: format!("export the review report: {name} (review {id})"),
                keys: String::new(),
                command: Command::ExportReview(id),
            });
        }
        self.palette = Some(Palette::new(palette::commands(keymap::keys()), context));
    }

    pub(super) fn palette_key(&mut self, key: KeyEvent) {
        let Some(p) = self.palette.as_mut() else {
            return;
        };
        let event = p.handle_key(key);
        self.palette_event(event);
    }

    pub(super) fn palette_paste(&mut self, text: &str) {
        if let Some(p) = self.palette.as_mut() {
            let event = p.handle_paste(text);
            self.palette_event(event);
        }
    }

    fn palette_event(&mut self, event: PaletteEvent) {
        match event {
            PaletteEvent::Pending => {}
            PaletteEvent::Close => self.palette = None,
            PaletteEvent::Changed => {
                let people = self.people_for_palette();
                if let Some(p) = self.palette.as_mut() {
                    p.set_people(people);
                }
            }
            PaletteEvent::Run(c) => {
                self.palette = None;
                self.run(c);
            }
        }
    }

    /// The people the register's own search finds for the palette's text (so names, preferred
    /// names and NHS numbers match exactly as `/` matches them), each to open or to review.
    fn people_for_palette(&self) -> Vec<Item> {
        let Some(q) = self.palette.as_ref().map(|p| p.query().trim().to_string()) else {
            return Vec::new();
        };
        if q.chars().count() < 2 {
            return Vec::new();
        }
        let card_key = keymap::keys()
            .register
            .list
            .keys_of(crate::ui::register::keys::RegisterAction::OpenCard);
        let review_key = keymap::keys()
            .register
            .list
            .keys_of(crate::ui::register::keys::RegisterAction::StartReview);
        let show = |k: &[keymap::Key]| k.first().map(|k| k.to_string()).unwrap_or_default();
        let mut out = Vec::new();
        for r in self.register.list().find(&q, PEOPLE) {
            let who = match &r.nhs_number {
                Some(n) => format!("{}, {} · {n}", r.family_name, r.given_name),
                None => format!("{}, {}", r.family_name, r.given_name),
            };
            out.push(Item {
                label: format!("open {who}"),
                keys: show(&card_key),
                command: Command::OpenPerson(r.id),
            });
            out.push(Item {
                label: format!("start a C(E)TR for {who}"),
                keys: show(&review_key),
                command: Command::ReviewPerson(r.id),
            });
        }
        out
    }

    /// Run a palette line: go to its pane, put the pane in the mode its key works in (the key
    /// tables say which), and do what that key does.
    pub fn run(&mut self, c: Command) {
        let k = keymap::keys();
        let outcome = match c {
            Command::Global(g) => {
                self.perform(g);
                Outcome::Consumed
            }
            Command::Theme(name) => {
                self.theme = Theme { name };
                self.flash = Some(Flash::Info(format!("Theme: {}", name.name())));
                Outcome::Consumed
            }
            Command::Register(a) => {
                self.show(PaneId::Register);
                let on_card = !k.register.card.keys_of(a).is_empty();
                let on_list = !k.register.list.keys_of(a).is_empty()
                    || !k.register.filter.keys_of(a).is_empty();
                if self.register.card_open() && !on_card {
                    self.register.close_card();
                }
                let mut ctx = Ctx {
                    store: &mut self.store,
                    today: self.today,
                    theme: self.theme,
                    flash: &mut self.flash,
                };
                if !self.register.card_open() && !on_list {
                    self.register.perform(
                        crate::ui::register::keys::RegisterAction::OpenCard,
                        &mut ctx,
                    );
                }
                self.register.perform(a, &mut ctx)
            }
            Command::Reviews(a) => {
                self.show(PaneId::Reviews);
                let mut ctx = Ctx {
                    store: &mut self.store,
                    today: self.today,
                    theme: self.theme,
                    flash: &mut self.flash,
                };
                self.reviews.close_wizard(&mut ctx);
                self.reviews.perform(a, &mut ctx)
            }
            Command::Actions(a) => {
                self.show(PaneId::Actions);
                let in_detail = !k.actions.detail.keys_of(a).is_empty();
                let mut ctx = Ctx {
                    store: &mut self.store,
                    today: self.today,
                    theme: self.theme,
                    flash: &mut self.flash,
                };
                if !in_detail {
                    self.actions.perform(
                        crate::ui::actions::keys::ActionsAction::CloseDetail,
                        &mut ctx,
                    );
                }
                self.actions.perform(a, &mut ctx)
            }
            Command::Dashboard(a) => {
                self.show(PaneId::Dashboard);
                let mut ctx = Ctx {
                    store: &mut self.store,
                    today: self.today,
                    theme: self.theme,
                    flash: &mut self.flash,
                };
                self.dashboard.perform(a, &mut ctx)
            }
            Command::OpenPerson(id) | Command::ReviewPerson(id) => {
                self.show(PaneId::Register);
                let mut ctx = Ctx {
                    store: &mut self.store,
                    today: self.today,
                    theme: self.theme,
                    flash: &mut self.flash,
                };
                self.register.open_person(id, &mut ctx);
                match c {
                    Command::ReviewPerson(_) if self.register.card_open() => self.register.perform(
                        crate::ui::register::keys::RegisterAction::StartReview,
                        &mut ctx,
                    ),
                    _ => Outcome::Consumed,
                }
            }
            Command::ExportReview(id) => {
                self.export_review(id);
                Outcome::Consumed
            }
        };
        if let Outcome::Request(r) = outcome {
            self.request(r);
        }
    }

    /// Write a review's report beside where dsr was started, with the code `dsr review export`
    /// uses, and say which command does the same (for the family plan or another format).
    fn export_review(&mut self, id: i64) {
        let name = format!("review-{id}.md");
        let file = self.export_dir.join(&name);
        let command = format!("dsr review export {id} -o {name}");
        if file.exists() {
            self.flash = Some(Flash::Error(format!(
                "{name} is there already: `{command} --force` in a shell replaces it"
            )));
            return;
        }
        let written = ReviewData::load(self.store.conn(), id, self.today)
            .map_err(|e| e.to_string())
            .and_then(|data| {
                let text =
                    crate::report::review::report(&data, crate::report::review::Format::Markdown);
                let mut out = OutputFile::create(&file, false, &[self.store.path()])
                    .map_err(|e| e.to_string())?;
                std::io::Write::write_all(&mut out, text.as_bytes())
                    .and_then(|()| out.finish())
                    .map_err(|e| e.to_string())
            });
        self.flash = Some(match written {
            Ok(()) => Flash::Info(format!(
                "Wrote {name}, as `{command}` does (add --family for the family plan)"
            )),
            Err(e) => Flash::Error(format!("{name} not written: {e}")),
        });
    }
}
