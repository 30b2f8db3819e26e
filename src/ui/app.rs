//! The app: routes keys (help overlay → active pane → global keys), owns the panes and the store,
//! and draws the frame: title bar, pane, status bar, hint bar.

mod commands;
mod refresh;
mod resume;

pub use resume::Offer;

use super::actions::ActionsPane;
use super::dashboard::DashboardPane;
use super::help::Help;
use super::keymap::{self, Binding, Global, Key};
use super::palette::Palette;
use super::pane::{Ctx, Flash, Outcome, Pane, PaneId, Request, View};
use super::privacy::{self, Masker};
use super::register::RegisterPane;
use super::reviews::ReviewsPane;
use super::status;
use super::theme::Theme;
use super::widgets::{Confirm, ConfirmEvent};
use crate::store::changes;
use crate::store::{Store, names};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;

pub struct App {
    store: Store,
    today: NaiveDate,
    theme: Theme,
    demo: bool,
    active: PaneId,
    register: RegisterPane,
    reviews: ReviewsPane,
    actions: ActionsPane,
    dashboard: DashboardPane,
    /// Panes whose data is older than the register's.
    stale: [bool; PaneId::ALL.len()],
    /// Panes that have loaded their data once. A pane loads when first shown (the register at
    /// once), so lists nobody looks at cost no memory.
    loaded: [bool; PaneId::ALL.len()],
    /// Stale from others' commits: reload when shown, not while idle, so a colleague's steady
    /// writing does not keep every open app reloading hidden panes.
    deferred: [bool; PaneId::ALL.len()],
    /// The `?` overlay, while open.
    help: Option<Help>,
    /// The settings file, named in help.
    settings_path: Option<String>,
    /// The `:` command palette, while open.
    palette: Option<Palette>,
    /// Where the palette writes review reports: where dsr was started, as `-o FILE` would.
    export_dir: std::path::PathBuf,
    /// Ctrl-C with typed text open: "quit and lose it?"
    quit_confirm: Option<Confirm>,
    flash: Option<Flash>,
    /// Privacy mode: on when it holds the names to hide.
    privacy: Option<Masker>,
    /// Where the last frame drew the pane and its selected row, for mouse clicks.
    body: Rect,
    selected_y: Option<u16>,
    quit: bool,
    /// SQLite's data_version: changes when another connection commits.
    seen_data_version: i64,
    /// The last change-log entry this app has applied.
    seen_change: i64,
    /// Where today comes from once the app runs: the calendar, so today moves on at midnight.
    calendar: Option<Box<dyn Fn() -> NaiveDate>>,
    /// What the user was in the middle of last time, offered back on launch, first on show.
    offers: Vec<Offer>,
    /// Kept drafts taken back or discarded: their files go when the session ends.
    taken: Vec<std::path::PathBuf>,
}

impl App {
    pub fn new(store: Store, today: NaiveDate, theme: Theme, demo: bool) -> App {
        let seen_data_version = store.data_version().unwrap_or(0);
        let seen_change = changes::latest(store.conn()).unwrap_or(0);
        App {
            store,
            today,
            theme,
            demo,
            active: PaneId::Register,
            register: RegisterPane::default(),
            reviews: ReviewsPane::default(),
            actions: ActionsPane::default(),
            dashboard: DashboardPane::default(),
            stale: [true; PaneId::ALL.len()],
            loaded: [false; PaneId::ALL.len()],
            deferred: [false; PaneId::ALL.len()],
            help: None,
            settings_path: None,
            palette: None,
            export_dir: std::path::PathBuf::from("."),
            quit_confirm: None,
            flash: None,
            privacy: None,
            body: Rect::default(),
            selected_y: None,
            quit: false,
            seen_data_version,
            seen_change,
            calendar: None,
            offers: Vec::new(),
            taken: Vec::new(),
        }
    }

    /// Turn privacy mode on or off. Turning it on reads every person's names; if that fails the
    /// mode still comes on (NHS numbers are hidden regardless) and the problem is shown.
    pub fn set_privacy(&mut self, on: bool) {
        self.privacy = on.then(|| self.load_masker());
    }

    /// The settings file, for help to name.
    pub fn set_settings_path(&mut self, path: Option<&std::path::Path>) {
        self.settings_path = path.map(|p| p.display().to_string());
    }

    /// Where the command palette writes review reports (default: the current directory).
    pub fn set_export_dir(&mut self, dir: std::path::PathBuf) {
        self.export_dir = dir;
    }

    /// The name "mine" means in the Actions pane until the user sets one there.
    pub fn set_display_name(&mut self, name: Option<String>) {
        self.actions.set_default_owner(name);
    }

    pub fn privacy(&self) -> bool {
        self.privacy.is_some()
    }

    fn load_masker(&mut self) -> Masker {
        match names::person_names(self.store.conn()) {
            Ok(n) => Masker::new(n),
            Err(e) => {
                self.flash = Some(Flash::Error(format!(
                    "Privacy mode cannot read the names to hide ({e}): names may show"
                )));
                Masker::default()
            }
        }
    }

    /// After any change to the register, privacy mode learns the names now on it.
    fn refresh_privacy(&mut self) {
        if self.privacy.is_some() {
            self.privacy = Some(self.load_masker());
        }
    }

    /// Show a problem in the status bar (until the next key), e.g. a bad settings file.
    pub fn show_problem(&mut self, message: String) {
        self.flash = Some(Flash::Error(message));
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Panes whose rows are older than the register (they reload when idle or when shown).
    pub fn stale_panes(&self) -> usize {
        self.stale.iter().filter(|s| **s).count()
    }

    /// Whether a pane has loaded its data (panes load when first shown).
    pub fn is_loaded(&self, pane: PaneId) -> bool {
        self.loaded[pane.index()]
    }

    /// Read today from `calendar` on every idle tick from now on (the app is built with a fixed
    /// today, which tests and screenshots keep).
    pub fn follow_calendar(&mut self, calendar: Box<dyn Fn() -> NaiveDate>) {
        self.calendar = Some(calendar);
    }

    pub fn today(&self) -> NaiveDate {
        self.today
    }

    pub fn active(&self) -> PaneId {
        self.active
    }

    /// The Register pane (for tests and benchmarks).
    pub fn register(&self) -> &RegisterPane {
        &self.register
    }

    fn split(&mut self) -> (&mut dyn Pane, Ctx<'_>) {
        self.split_for(self.active)
    }

    fn split_for(&mut self, id: PaneId) -> (&mut dyn Pane, Ctx<'_>) {
        let ctx = Ctx {
            store: &mut self.store,
            today: self.today,
            theme: self.theme,
            flash: &mut self.flash,
        };
        let pane: &mut dyn Pane = match id {
            PaneId::Register => &mut self.register,
            PaneId::Reviews => &mut self.reviews,
            PaneId::Actions => &mut self.actions,
            PaneId::Dashboard => &mut self.dashboard,
        };
        (pane, ctx)
    }

    fn pane(&self) -> &dyn Pane {
        self.pane_ref(self.active)
    }

    fn pane_ref(&self, id: PaneId) -> &dyn Pane {
        match id {
            PaneId::Register => &self.register,
            PaneId::Reviews => &self.reviews,
            PaneId::Actions => &self.actions,
            PaneId::Dashboard => &self.dashboard,
        }
    }

    /// Load the active pane if its data is stale.
    pub fn load_active(&mut self) {
        self.load(self.active);
    }

    fn load(&mut self, id: PaneId) {
        let i = id.index();
        if !self.stale[i] {
            return;
        }
        let (pane, mut ctx) = self.split_for(id);
        match pane.load(&mut ctx) {
            Ok(()) => {
                self.stale[i] = false;
                self.loaded[i] = true;
                self.deferred[i] = false;
            }
            Err(e) => self.flash = Some(Flash::Error(e.to_string())),
        }
    }

    /// Prepare the active pane's first frame cheaply; the full load follows with `load_active`.
    pub fn preview_active(&mut self) {
        let (pane, mut ctx) = self.split();
        if let Err(e) = pane.preview(&mut ctx) {
            self.flash = Some(Flash::Error(e.to_string()));
        }
    }

    pub fn show(&mut self, pane: PaneId) {
        self.active = pane;
        self.help = None;
        self.load_active();
    }

    fn cycle(&mut self, forward: bool) {
        let n = PaneId::ALL.len();
        let i = self.active.index();
        let next = if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        };
        self.show(PaneId::ALL[next]);
    }

    /// Route a key: Ctrl-C, then the help overlay, then the active pane, then global keys.
    pub fn on_key(&mut self, key: KeyEvent) {
        let k = keymap::keys();
        let global = k.global.action(&key);
        if global == Some(Global::ForceQuit) {
            // Staff on Windows terminals press Ctrl-C to copy: ask before losing typed text.
            // Asked already, a second Ctrl-C leaves, so there is always a way out.
            match self.pane().unsaved() {
                Some(what) if self.quit_confirm.is_none() => {
                    self.quit_confirm = Some(Confirm::new(format!("Quit and lose {what}?")));
                }
                _ => self.quit = true,
            }
            return;
        }
        if self.offer_key(&key) {
            return;
        }
        if let Some(c) = &self.quit_confirm {
            match c.handle_key(key) {
                ConfirmEvent::Yes => self.quit = true,
                ConfirmEvent::No => self.quit_confirm = None,
                ConfirmEvent::Pending => {}
            }
            return;
        }
        if let Some(h) = self.help.as_mut() {
            if h.handle_key(key) {
                self.help = None;
            }
            return;
        }
        self.flash = None;
        if self.palette.is_some() {
            self.palette_key(key);
            return;
        }
        let (pane, mut ctx) = self.split();
        let outcome = pane.handle_key(key, &mut ctx);
        match outcome {
            Outcome::Consumed => {}
            Outcome::Request(r) => self.request(r),
            Outcome::Ignored => {
                if let Some(g) = global {
                    self.perform(g);
                }
            }
        }
    }

    /// The mouse, when the settings turn it on: the wheel moves the selection as ↑/↓ do, and a
    /// click on a row selects it. Every list draws its selected row in reverse video, so the last
    /// frame says where the selection is, and a click becomes the ↑/↓ presses that reach the row:
    /// every pane gets the mouse through the keys it already has.
    pub fn on_mouse(&mut self, m: MouseEvent) {
        let arrow = |code| KeyEvent::new(code, KeyModifiers::NONE);
        match m.kind {
            MouseEventKind::ScrollDown => self.on_key(arrow(KeyCode::Down)),
            MouseEventKind::ScrollUp => self.on_key(arrow(KeyCode::Up)),
            MouseEventKind::Down(MouseButton::Left) => {
                let inside = self
                    .body
                    .contains(ratatui::layout::Position::new(m.column, m.row));
                if let (true, Some(from)) = (inside, self.selected_y) {
                    let code = if m.row > from {
                        KeyCode::Down
                    } else {
                        KeyCode::Up
                    };
                    for _ in 0..m.row.abs_diff(from) {
                        self.on_key(arrow(code));
                    }
                }
            }
            _ => {}
        }
    }

    pub fn on_paste(&mut self, text: &str) {
        if self.palette.is_some() {
            self.palette_paste(text);
            return;
        }
        let (pane, mut ctx) = self.split();
        if let Outcome::Request(r) = pane.handle_paste(text, &mut ctx) {
            self.request(r);
        }
    }

    /// Do what a global action asks.
    pub fn perform(&mut self, g: Global) {
        match g {
            Global::Quit | Global::ForceQuit => self.quit = true,
            Global::Help => self.help = Some(Help::default()),
            Global::Palette => self.open_palette(),
            Global::Register => self.show(PaneId::Register),
            Global::Reviews => self.show(PaneId::Reviews),
            Global::Actions => self.show(PaneId::Actions),
            Global::Dashboard => self.show(PaneId::Dashboard),
            Global::NextPane => self.cycle(true),
            Global::PrevPane => self.cycle(false),
            Global::Privacy => {
                self.set_privacy(self.privacy.is_none());
                self.flash = Some(Flash::Info(if self.privacy.is_some() {
                    "Privacy on: initials and the last 3 NHS digits only (P again to show them)"
                        .into()
                } else {
                    "Privacy off: full names and NHS numbers show".into()
                }));
            }
            Global::Theme => {
                self.theme = Theme {
                    name: self.theme.name.next(),
                };
                self.flash = Some(Flash::Info(format!("Theme: {}", self.theme.name.name())));
            }
        }
    }

    fn request(&mut self, r: Request) {
        match r {
            Request::Quit => self.quit = true,
            Request::Show(p) => self.show(p),
            Request::DataChanged => self.data_changed(),
            Request::Return(p) => {
                self.data_changed();
                self.show(p);
            }
            Request::StartReview { person_id } => {
                let from = self.active;
                self.data_changed();
                self.show(PaneId::Reviews);
                let ctx = &mut Ctx {
                    store: &mut self.store,
                    today: self.today,
                    theme: self.theme,
                    flash: &mut self.flash,
                };
                self.reviews.start_review_from(person_id, from, ctx);
            }
        }
    }

    /// Our own write: every pane but the active one reloads when next shown. (Our own commits
    /// leave `data_version` as it is: only other connections' commits move it.)
    fn data_changed(&mut self) {
        for (i, stale) in self.stale.iter_mut().enumerate() {
            *stale = i != self.active.index();
        }
        self.refresh_privacy();
    }

    pub fn flush(&mut self) {
        let mut ctx = Ctx {
            store: &mut self.store,
            today: self.today,
            theme: self.theme,
            flash: &mut self.flash,
        };
        self.register.flush(&mut ctx);
        self.reviews.flush(&mut ctx);
        self.actions.flush(&mut ctx);
    }

    /// The keys of the active pane's mode, then the global keys it leaves free.
    fn bindings(&self) -> Vec<Binding> {
        if self.quit_confirm.is_some() {
            return keymap::keys().widgets.confirm.bindings();
        }
        if self.palette.is_some() {
            return keymap::keys().palette.bindings();
        }
        if !self.offers.is_empty() {
            return self.offer_bindings();
        }
        let mut b = self.pane().bindings();
        if !self.pane().captures_text() {
            // A global key the pane binds itself (the wizard's Tab) is not offered as global.
            let taken: Vec<Key> = b
                .iter()
                .flat_map(|r| r.keys.iter().flatten().copied())
                .collect();
            b.extend(
                keymap::keys()
                    .global
                    .bindings()
                    .into_iter()
                    .filter(|g| !taken.iter().any(|k| g.binds(k))),
            );
        }
        b
    }

    pub fn render(&mut self, frame: &mut Frame) {
        let view = View {
            today: self.today,
            theme: self.theme,
            privacy: self.privacy.is_some(),
        };
        if too_small(frame.area()) {
            status::too_small(frame, &view, MIN_WIDTH, MIN_HEIGHT);
            return;
        }
        // A message takes the rows it needs to be read whole; the pane gives them up until the
        // next key clears it.
        let status_rows = status::status_height(self.flash.as_ref(), frame.area());
        let [title, body, status_area, hints] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(3),
            Constraint::Length(status_rows),
            Constraint::Length(1),
        ])
        .areas(frame.area());
        status::title_bar(
            frame,
            title,
            &view,
            self.active,
            self.demo,
            self.privacy.is_some(),
        );
        match self.active {
            PaneId::Register => self.register.render(frame, body, &view),
            PaneId::Reviews => self.reviews.render(frame, body, &view),
            PaneId::Actions => self.actions.render(frame, body, &view),
            PaneId::Dashboard => self.dashboard.render(frame, body, &view),
        }
        let counts = self.register.rating_counts();
        // The login and the register's path name the member of staff and often the team.
        let (file, user) = match self.privacy {
            Some(_) => (
                privacy::file_name_only(self.store.path()),
                privacy::initials(self.store.user()),
            ),
            None => (
                self.store.path().display().to_string(),
                self.store.user().to_string(),
            ),
        };
        let file = if self.store.is_read_only() {
            format!("READ-ONLY {file}")
        } else {
            file
        };
        status::status_bar(
            frame,
            status_area,
            &view,
            &file,
            counts,
            &user,
            self.flash.as_ref(),
        );
        let bindings = self.bindings();
        status::hint_bar(frame, hints, &view, &bindings);
        if let Some(h) = self.help.as_mut() {
            h.render(
                frame,
                &view,
                self.active.title(),
                self.active.help_note(),
                &bindings,
                self.settings_path.as_deref(),
            );
        }
        self.body = body;
        self.selected_y = selected_row(frame.buffer_mut(), body);
        if let Some(p) = self.palette.as_mut() {
            p.render(frame, body, &view);
        }
        self.render_offer(frame, body, &view);
        if let Some(c) = &self.quit_confirm {
            c.render(frame, body, self.theme);
        }
        // Last, over everything drawn: the one place privacy mode hides names and numbers.
        if let Some(m) = &self.privacy {
            m.mask_buffer(frame.buffer_mut());
        }
    }
}

/// The row of `area` drawn as the selection: reverse video across most of its width.
fn selected_row(buf: &ratatui::buffer::Buffer, area: Rect) -> Option<u16> {
    (area.top()..area.bottom()).find(|y| {
        let reversed = (area.left()..area.right())
            .filter(|x| buf[(*x, *y)].modifier.contains(Modifier::REVERSED))
            .count();
        reversed * 2 > usize::from(area.width)
    })
}

/// The smallest terminal every screen is laid out for (a case manager's 80×24 SSH window).
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Below the size the screens are laid out for, a cropped screen hides columns and keys
/// without saying so: show what to do instead.
fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}
