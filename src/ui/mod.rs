//! The terminal user interface: ratatui on crossterm, one synchronous loop that draws only when
//! something changed. Panes own their state; only their `handle_key` code calls the store.

pub mod actions;
pub mod app;
pub mod dashboard;
pub mod help;
pub mod keymap;
pub mod pane;
pub mod register;
pub mod reviews;
pub mod sanitize;
pub mod status;
pub mod theme;
pub mod when;
pub mod widgets;
pub mod wizard;

use app::App;
use chrono::NaiveDate;
use color_eyre::eyre::{Result, WrapErr};
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind,
};
use ratatui::crossterm::execute;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::store::Store;

pub struct Options {
    pub demo: bool,
    pub today: NaiveDate,
    pub theme: theme::Theme,
    /// Shown on the first screen (a problem in the settings file).
    pub notice: Option<String>,
}

/// How often the loop wakes without input, to notice other users' changes.
const TICK: Duration = Duration::from_millis(500);

pub fn run(store: Store, options: Options) -> Result<()> {
    // A dropped SSH session sends SIGHUP; a shutdown sends SIGTERM. Either sets the flag, and the
    // loop flushes and leaves cleanly instead of dying mid-write.
    let hangup = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGHUP, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register(sig, Arc::clone(&hangup))
            .wrap_err("cannot install signal handlers")?;
    }
    watch_for_stuck_hangup(Arc::clone(&hangup));
    let mut app = App::new(store, options.today, options.theme, options.demo);
    if let Some(notice) = options.notice {
        app.show_problem(notice);
    }
    let mut terminal = ratatui::init();
    // ratatui::init does not enable bracketed paste; a failure here only loses paste-as-one-event.
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    // First frame from the top of the register (tens of milliseconds even at 100,000 people), then
    // the whole register; keys typed meanwhile wait in the terminal and are handled after.
    app.preview_active();
    let first = terminal.draw(|f| app.render(f)).map(|_| ());
    let result = first
        .wrap_err("cannot draw to the terminal")
        .and_then(|()| {
            app.load_active();
            event_loop(&mut terminal, &mut app, &hangup)
        });
    app.flush();
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    result
}

/// How long after a hangup the loop may take to leave on its own.
const HANGUP_GRACE: Duration = Duration::from_secs(2);

/// When the terminal vanishes (tmux killed, SSH dropped) crossterm can spin inside `read` on a
/// tty that returns end-of-file, never coming back to the loop that checks the hangup flag; the
/// process would then burn a core forever. Every change is committed to SQLite before it is shown,
/// so once the grace period has passed, exiting here loses nothing.
fn watch_for_stuck_hangup(hangup: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        while !hangup.load(Ordering::Relaxed) {
            std::thread::sleep(TICK);
        }
        std::thread::sleep(HANGUP_GRACE);
        std::process::exit(0);
    });
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    hangup: &AtomicBool,
) -> Result<()> {
    let mut dirty = true;
    while !app.should_quit() {
        if hangup.load(Ordering::Relaxed) {
            return Ok(());
        }
        if dirty {
            terminal
                .draw(|f| app.render(f))
                .wrap_err("cannot draw to the terminal")?;
            dirty = false;
        }
        if event::poll(TICK).wrap_err("cannot read the terminal")? {
            match event::read().wrap_err("cannot read the terminal")? {
                Event::Key(key) if key.kind == KeyEventKind::Press => app.on_key(key),
                Event::Paste(text) => app.on_paste(&crate::text::clean_input_multiline(&text)),
                Event::Resize(..) => {}
                _ => continue,
            }
            dirty = true;
        } else {
            dirty = app.tick();
        }
    }
    Ok(())
}
