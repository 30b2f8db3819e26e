//! The terminal user interface: ratatui on crossterm, one synchronous loop that draws only when
//! something changed. Panes own their state; only their `handle_key` code calls the store.

pub mod actions;
pub mod app;
pub mod dashboard;
pub mod help;
mod keeper;
pub mod keymap;
pub mod palette;
pub mod pane;
pub mod privacy;
pub mod register;
pub mod reviews;
pub mod rule_text;
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
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind,
};
use ratatui::crossterm::execute;
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::store::Store;
use crate::user_state::{self, StateFile};
use keeper::Keeper;

pub struct Options {
    pub demo: bool,
    pub today: NaiveDate,
    pub theme: theme::Theme,
    /// Shown on the first screen (a problem in the settings file).
    pub notice: Option<String>,
    /// Start in privacy mode.
    pub privacy: bool,
    /// The name "mine" means until the user sets one in the Actions pane.
    pub display_name: Option<String>,
    /// Clicks select rows and the wheel scrolls. Off by default: capturing the mouse takes the
    /// terminal's own text selection (copying) away.
    pub mouse: bool,
    /// The settings file, named in help.
    pub settings_path: Option<std::path::PathBuf>,
    /// Return to where this user left the register last time (a per-user setting).
    pub resume: bool,
}

/// How often the loop wakes without input, to notice other users' changes.
const TICK: Duration = Duration::from_millis(500);

pub fn run(store: Store, options: Options) -> Result<()> {
    let signals = Signals::install()?;
    let file = user_state::default_dir().map(|d| StateFile::new(&d, store.path(), store.user()));
    let (kept, unreadable) = match file.as_ref().map(StateFile::load) {
        Some(Ok(kept)) => (kept, None),
        Some(Err(e)) => (
            user_state::Kept::default(),
            Some(format!(
                "Where you left off cannot be read ({e:#}): starting afresh"
            )),
        ),
        None => (user_state::Kept::default(), None),
    };
    let keeper = Arc::new(Keeper::new(file));
    watch_for_stuck_hangup(Arc::clone(&signals.quit), Arc::clone(&keeper));
    let mut app = App::new(store, options.today, options.theme, options.demo);
    app.follow_calendar(Box::new(crate::clock::today));
    app.set_privacy(options.privacy);
    app.set_display_name(options.display_name);
    app.set_settings_path(options.settings_path.as_deref());
    if let Some(notice) = options.notice.or(unreadable) {
        app.show_problem(notice);
    }
    let mut terminal = ratatui::init();
    // ratatui::init does not enable bracketed paste; a failure here only loses paste-as-one-event.
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    if options.mouse {
        let _ = execute!(std::io::stdout(), EnableMouseCapture);
    }
    // First frame from the top of the register (tens of milliseconds even at 100,000 people), then
    // the whole register; keys typed meanwhile wait in the terminal and are handled after.
    app.preview_active();
    let first = terminal.draw(|f| app.render(f)).map(|_| ());
    let result = first
        .wrap_err("cannot draw to the terminal")
        .and_then(|()| {
            app.load_active();
            app.resume(kept, options.resume);
            let session = Session {
                signals: &signals,
                keeper: &keeper,
                mouse: options.mouse,
                resume: options.resume,
            };
            event_loop(&mut terminal, &mut app, &session)
        });
    app.flush();
    // Leaving without the user asking to (a hang-up, a terminal gone) keeps what they typed.
    keeper.update(app.leaving(!app.should_quit(), options.resume));
    let kept = keeper.keep();
    restore_terminal();
    if let Err(e) = kept {
        // Everything in the register is saved; only the way back to this place is not.
        // A full or closed stderr must not turn a clean exit into a panic.
        let _ = writeln!(
            std::io::stderr(),
            "dsr: where you left off was not kept for next time: {e:#}"
        );
    }
    result
}

/// What the loop needs besides the app and the terminal.
struct Session<'a> {
    signals: &'a Signals,
    keeper: &'a Keeper,
    mouse: bool,
    resume: bool,
}

/// Signals the loop acts on, each a flag the loop checks between events.
struct Signals {
    /// SIGHUP (SSH dropped), SIGTERM (shutdown), SIGINT and SIGQUIT (sent from outside; in raw
    /// mode Ctrl-C and Ctrl-\ arrive as keys): flush, restore the terminal, leave.
    quit: Arc<AtomicBool>,
    /// SIGTSTP from outside (`kill -TSTP`): suspend as Ctrl-Z does.
    stop: Arc<AtomicBool>,
    /// SIGCONT: whoever stopped us may have left the terminal in cooked mode; take it back.
    resumed: Arc<AtomicBool>,
}

impl Signals {
    fn install() -> Result<Signals> {
        use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
        let signals = Signals {
            quit: Arc::new(AtomicBool::new(false)),
            stop: Arc::new(AtomicBool::new(false)),
            resumed: Arc::new(AtomicBool::new(false)),
        };
        let flags = [
            (SIGHUP, &signals.quit),
            (SIGTERM, &signals.quit),
            (SIGINT, &signals.quit),
            (SIGQUIT, &signals.quit),
            (SIGTSTP, &signals.stop),
            (SIGCONT, &signals.resumed),
        ];
        for (sig, flag) in flags {
            signal_hook::flag::register(sig, Arc::clone(flag))
                .wrap_err("cannot install signal handlers")?;
        }
        Ok(signals)
    }
}

/// Give the terminal back as the shell expects it: no raw mode, main screen, cursor shown, no
/// bracketed paste. Safe to call more than once.
fn restore_terminal() {
    let _ = execute!(
        std::io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture
    );
    ratatui::restore();
}

/// Take the terminal again after a stop: raw mode, alternate screen, paste, and a full redraw
/// (the screen may hold the shell's output by now).
fn reclaim_terminal(terminal: &mut ratatui::DefaultTerminal, mouse: bool) -> Result<()> {
    ratatui::crossterm::terminal::enable_raw_mode().wrap_err("cannot take the terminal back")?;
    execute!(
        std::io::stdout(),
        ratatui::crossterm::terminal::EnterAlternateScreen,
        EnableBracketedPaste
    )
    .wrap_err("cannot take the terminal back")?;
    if mouse {
        execute!(std::io::stdout(), EnableMouseCapture)
            .wrap_err("cannot take the terminal back")?;
    }
    terminal.clear().wrap_err("cannot redraw the terminal")
}

/// Ctrl-Z: restore the terminal, stop as any program does on SIGTSTP, and on `fg` take the
/// terminal back and redraw. Everything typed is already in SQLite, so nothing is at stake.
fn suspend(terminal: &mut ratatui::DefaultTerminal, signals: &Signals, mouse: bool) -> Result<()> {
    restore_terminal();
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)
        .wrap_err("cannot suspend")?;
    // Running again (SIGCONT): the flag it set is this resume.
    signals.resumed.store(false, Ordering::Relaxed);
    reclaim_terminal(terminal, mouse)
}

fn is_suspend_key(key: &event::KeyEvent) -> bool {
    key.code == event::KeyCode::Char('z') && key.modifiers == event::KeyModifiers::CONTROL
}

/// How long after a hangup the loop may take to leave on its own.
const HANGUP_GRACE: Duration = Duration::from_secs(2);

/// When the terminal vanishes (tmux killed, SSH dropped) crossterm can spin inside `read` on a
/// tty that returns end-of-file, never coming back to the loop that checks the hangup flag; the
/// process would then burn a core forever. Every change is committed to SQLite before it is shown,
/// and typing in an open form is kept in the user's state file, so exiting here loses nothing.
fn watch_for_stuck_hangup(quit: Arc<AtomicBool>, keeper: Arc<Keeper>) {
    std::thread::spawn(move || {
        while !quit.load(Ordering::Relaxed) {
            std::thread::sleep(TICK);
        }
        std::thread::sleep(HANGUP_GRACE);
        // Typing in an open form is not in SQLite yet: keep it as of the last key.
        let _ = keeper.keep();
        // The terminal may still be there (SIGTERM, SIGINT): leave it usable, not raw and blank.
        restore_terminal();
        std::process::exit(0);
    });
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    session: &Session,
) -> Result<()> {
    let Session {
        signals,
        keeper,
        mouse,
        resume,
    } = *session;
    let mut dirty = true;
    while !app.should_quit() {
        if signals.quit.load(Ordering::Relaxed) {
            return Ok(());
        }
        if signals.stop.swap(false, Ordering::Relaxed) {
            suspend(terminal, signals, mouse)?;
            dirty = true;
        }
        if signals.resumed.swap(false, Ordering::Relaxed) {
            reclaim_terminal(terminal, mouse)?;
            dirty = true;
        }
        if dirty {
            terminal
                .draw(|f| app.render(f))
                .wrap_err("cannot draw to the terminal")?;
            dirty = false;
        }
        if event::poll(TICK).wrap_err("cannot read the terminal")? {
            match event::read().wrap_err("cannot read the terminal")? {
                Event::Key(key) if key.kind == KeyEventKind::Press && is_suspend_key(&key) => {
                    suspend(terminal, signals, mouse)?
                }
                Event::Key(key) if key.kind == KeyEventKind::Press => app.on_key(key),
                Event::Mouse(m) if mouse => app.on_mouse(m),
                Event::Paste(text) => app.on_paste(&crate::text::clean_input_multiline(&text)),
                Event::Resize(..) => {}
                _ => continue,
            }
            keeper.update(app.leaving(true, resume));
            dirty = true;
        } else {
            dirty = app.tick();
        }
    }
    Ok(())
}
