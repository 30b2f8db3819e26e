//! End-to-end harness: run the real binary inside a pseudo-terminal and
//! look at what it draws through a `vt100` terminal emulator.
//!
//! Self-contained (only the `portable-pty`, `vt100` and `tempfile` crates), meant to be
//! used from integration tests as `mod support;` + `support::pty::Tui`.
//! Failures that are the test's own fault (cannot open a PTY, cannot spawn)
//! panic with a clear message: in a test that *is* the report.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// Pause after typing so the app gets a chance to read and redraw before the
/// next input; tests should still synchronise with `wait_for`, not sleeps.
const TYPE_PAUSE: Duration = Duration::from_millis(20);
/// crossterm decides "lone Esc" vs "start of an escape sequence" by whether
/// more bytes are available in the same read, so Esc must travel alone.
const ESC_PAUSE: Duration = Duration::from_millis(50);
/// How often `wait_exit` re-checks the child (there is no blocking wait
/// with a timeout for a child process in std).
const POLL: Duration = Duration::from_millis(10);
/// After the child exits, how long to wait at most for the reader thread to
/// drain the last output (a grandchild holding the PTY open must not hang us).
const DRAIN_GRACE: Duration = Duration::from_secs(1);

/// A key that is not plain text. Encodings are the xterm ones that crossterm
/// parses (normal cursor-key mode).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Enter,
    Esc,
    Tab,
    BackTab,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    Insert,
    Delete,
    Backspace,
    CtrlC,
    /// Ctrl + a letter (case-insensitive) or one of `@ [ \ ] ^ _ space`.
    Ctrl(char),
    /// Function key F1..=F12.
    F(u8),
}

impl Key {
    /// The bytes a terminal sends for this key.
    pub fn bytes(self) -> Vec<u8> {
        let s: &[u8] = match self {
            Key::Enter => b"\r",
            Key::Esc => b"\x1b",
            Key::Tab => b"\t",
            Key::BackTab => b"\x1b[Z",
            Key::Up => b"\x1b[A",
            Key::Down => b"\x1b[B",
            Key::Right => b"\x1b[C",
            Key::Left => b"\x1b[D",
            Key::Home => b"\x1b[H",
            Key::End => b"\x1b[F",
            Key::Insert => b"\x1b[2~",
            Key::Delete => b"\x1b[3~",
            Key::PageUp => b"\x1b[5~",
            Key::PageDown => b"\x1b[6~",
            Key::Backspace => b"\x7f",
            Key::CtrlC => b"\x03",
            Key::Ctrl(c) => return vec![ctrl_byte(c)],
            Key::F(n) => return function_key(n).into_bytes(),
        };
        s.to_vec()
    }
}

fn ctrl_byte(c: char) -> u8 {
    match c {
        ' ' | '@' => 0,
        c if c.is_ascii_alphabetic() => c.to_ascii_lowercase() as u8 - b'a' + 1,
        '[' | '\\' | ']' | '^' | '_' => c as u8 - b'@',
        other => panic!("Key::Ctrl({other:?}) has no control-character encoding"),
    }
}

fn function_key(n: u8) -> String {
    // F1-F4 are SS3 sequences, F5+ are CSI n ~ with historical gaps.
    let code = match n {
        1..=4 => return format!("\x1bO{}", (b'P' + n - 1) as char),
        5 => 15,
        6 => 17,
        7 => 18,
        8 => 19,
        9 => 20,
        10 => 21,
        11 => 23,
        12 => 24,
        other => panic!("Key::F({other}) is not supported (F1..=F12)"),
    };
    format!("\x1b[{code}~")
}

/// What the reader thread shares with the test thread.
struct State {
    parser: vt100::Parser,
    bytes: usize,
    /// The PTY reported EOF/error: the app (and anything holding the PTY) is gone.
    eof: bool,
}

struct Shared {
    state: Mutex<State>,
    /// Signalled whenever output arrives or EOF is reached, so waiting is
    /// prompt without busy polling.
    changed: Condvar,
}

impl Shared {
    /// A panicking test thread must not turn every later access into a
    /// second panic; the state is plain data, so a poisoned lock is usable.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

type Writer = Arc<Mutex<Box<dyn Write + Send>>>;

/// A running program in a PTY plus a live emulation of its screen.
pub struct Tui {
    child: Box<dyn Child + Send + Sync>,
    /// Kept so the PTY stays open and can be resized.
    master: Box<dyn MasterPty + Send>,
    writer: Writer,
    shared: Arc<Shared>,
    reader: Option<JoinHandle<()>>,
    exit: Option<ExitStatus>,
    /// The app's own state directory, removed with it.
    _state: Option<tempfile::TempDir>,
}

impl Tui {
    /// Spawn `program` with `args` in a `cols`x`rows` PTY. The environment is
    /// inherited from the test process, plus `TERM=xterm-256color`, plus `env`
    /// (which wins). The working directory is the test's current directory.
    pub fn spawn(program: &Path, args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Tui {
        let size = PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pair = native_pty_system()
            .openpty(size)
            .unwrap_or_else(|e| panic!("cannot open a PTY: {e:#}"));

        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        // portable-pty defaults the child's cwd to $HOME, not ours.
        if let Ok(cwd) = std::env::current_dir() {
            cmd.cwd(cwd);
        }
        cmd.env("TERM", "xterm-256color");
        // Each run gets its own per-user state directory unless the test names one: where one
        // test left a register (or typing it cut off) must not greet the next.
        let state = (!env.iter().any(|(k, _)| *k == "XDG_STATE_HOME")).then(|| {
            tempfile::tempdir().unwrap_or_else(|e| panic!("cannot make a state directory: {e}"))
        });
        if let Some(d) = &state {
            cmd.env("XDG_STATE_HOME", d.path());
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair
            .slave
            .spawn_command(cmd)
            .unwrap_or_else(|e| panic!("cannot spawn {}: {e:#}", program.display()));
        // Our copy of the slave end must be closed, or the reader never sees
        // EOF when the child exits.
        drop(pair.slave);

        let reader = pair
            .master
            .try_clone_reader()
            .unwrap_or_else(|e| panic!("cannot clone PTY reader: {e:#}"));
        let writer: Writer = Arc::new(Mutex::new(
            pair.master
                .take_writer()
                .unwrap_or_else(|e| panic!("cannot take PTY writer: {e:#}")),
        ));
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                parser: vt100::Parser::new(rows, cols, 0),
                bytes: 0,
                eof: false,
            }),
            changed: Condvar::new(),
        });
        let handle = {
            let shared = Arc::clone(&shared);
            let writer = Arc::clone(&writer);
            thread::Builder::new()
                .name("pty-reader".into())
                .spawn(move || read_loop(reader, &shared, &writer))
                .unwrap_or_else(|e| panic!("cannot start PTY reader thread: {e}"))
        };

        Tui {
            child,
            master: pair.master,
            writer,
            shared,
            reader: Some(handle),
            exit: None,
            _state: state,
        }
    }

    /// Write raw bytes to the app's input.
    pub fn send(&mut self, bytes: &[u8]) {
        write_all(&self.writer, bytes)
            .unwrap_or_else(|e| panic!("writing to the PTY failed: {e}\n{}", self.dump()));
    }

    /// Type `text`, then pause briefly.
    pub fn keys(&mut self, text: &str) {
        self.send(text.as_bytes());
        thread::sleep(TYPE_PAUSE);
    }

    /// Press one key, then pause briefly. Esc is isolated by pauses on both
    /// sides so crossterm does not merge it with neighbouring input into an
    /// Alt-key or escape sequence.
    pub fn key(&mut self, k: Key) {
        if k == Key::Esc {
            thread::sleep(ESC_PAUSE);
            self.send(b"\x1b");
            thread::sleep(ESC_PAUSE);
        } else {
            self.send(&k.bytes());
            thread::sleep(TYPE_PAUSE);
        }
    }

    /// Current screen as text: every row (trailing blanks trimmed), joined with `\n`.
    pub fn screen(&self) -> String {
        screen_text(self.shared.lock().parser.screen())
    }

    /// Inspect the emulated screen directly (colours, attributes, cursor).
    pub fn with_screen<R>(&self, f: impl FnOnce(&vt100::Screen) -> R) -> R {
        f(self.shared.lock().parser.screen())
    }

    /// Wait until the screen contains `needle`. The error carries a screen dump.
    pub fn wait_for(&self, needle: &str, timeout: Duration) -> Result<(), String> {
        self.wait_until(timeout, |s| s.contains(needle))
            .map_err(|screen| {
                format!("timed out after {timeout:?} waiting for {needle:?}\n{screen}")
            })
    }

    /// Wait until the screen no longer contains `needle`.
    pub fn wait_for_gone(&self, needle: &str, timeout: Duration) -> Result<(), String> {
        self.wait_until(timeout, |s| !s.contains(needle))
            .map_err(|screen| {
                format!("timed out after {timeout:?} waiting for {needle:?} to disappear\n{screen}")
            })
    }

    /// Wait until `pred(screen text)` holds; on timeout returns the framed screen dump.
    pub fn wait_until(
        &self,
        timeout: Duration,
        mut pred: impl FnMut(&str) -> bool,
    ) -> Result<(), String> {
        let deadline = Instant::now() + timeout;
        let mut st = self.shared.lock();
        loop {
            let text = screen_text(st.parser.screen());
            if pred(&text) {
                return Ok(());
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(frame(&text, st.eof));
            }
            // After EOF nothing changes any more, but keep honouring the
            // timeout rather than failing early: the result is the same and
            // the rule "every wait runs until its timeout" stays simple.
            st = self
                .shared
                .changed
                .wait_timeout(st, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// Wait for the child to exit, then (briefly) for its last output to be
    /// parsed so `screen()` shows the final state.
    pub fn wait_exit(&mut self, timeout: Duration) -> Result<ExitStatus, String> {
        let deadline = Instant::now() + timeout;
        let status = loop {
            if let Some(s) = self.try_exit() {
                break s;
            }
            if Instant::now() >= deadline {
                return Err(format!(
                    "child did not exit within {timeout:?}\n{}",
                    self.dump()
                ));
            }
            thread::sleep(POLL);
        };
        self.wait_eof(DRAIN_GRACE);
        Ok(status)
    }

    /// SIGKILL the child (like `kill -9`) and reap it. No-op if it already exited.
    pub fn kill_hard(&mut self) {
        if self.try_exit().is_some() {
            return;
        }
        // `ChildKiller::kill` in portable-pty sends SIGHUP (which an app may
        // catch). On unix the child is a `std::process::Child`, whose own
        // `kill` is SIGKILL. (downcast-rs methods exist on plain `dyn Child`
        // only, hence the coercion dropping `+ Send + Sync`.)
        let child: &mut dyn Child = &mut *self.child;
        match child.downcast_mut::<std::process::Child>() {
            Some(c) => {
                let _ = std::process::Child::kill(c);
            }
            None => {
                let _ = child.kill();
            }
        }
        // Reap so no zombie is left and `pid()` semantics stay clear.
        let deadline = Instant::now() + Duration::from_secs(5);
        while self.try_exit().is_none() && Instant::now() < deadline {
            thread::sleep(POLL);
        }
    }

    /// Resize the PTY (the app gets SIGWINCH) and the emulated screen.
    ///
    /// crossterm installs its SIGWINCH handler only on the app's first
    /// `event::read`/`poll`, which can be after its first frame is visible:
    /// a resize sent before then is silently lost (SIGWINCH is ignored by
    /// default). Let the app settle first.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.shared.lock().parser.screen_mut().set_size(rows, cols);
        let size = PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        self.master
            .resize(size)
            .unwrap_or_else(|e| panic!("resizing the PTY failed: {e:#}"));
    }

    /// OS process id of the child (None once reaped on some platforms).
    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// Total bytes the app has written to the terminal so far.
    pub fn bytes_received(&self) -> usize {
        self.shared.lock().bytes
    }

    /// The exit status, if the child has exited (cached once seen).
    fn try_exit(&mut self) -> Option<ExitStatus> {
        if self.exit.is_none() {
            // An error here means the child is not ours to wait for any more;
            // treat it as still unknown and let the caller's timeout decide.
            self.exit = self.child.try_wait().ok().flatten();
        }
        self.exit.clone()
    }

    fn wait_eof(&self, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        let mut st = self.shared.lock();
        while !st.eof {
            let now = Instant::now();
            if now >= deadline {
                return;
            }
            st = self
                .shared
                .changed
                .wait_timeout(st, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    fn dump(&self) -> String {
        let st = self.shared.lock();
        frame(&screen_text(st.parser.screen()), st.eof)
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        self.kill_hard();
        // The reader thread ends on EOF, which follows the child's death
        // unless a grandchild still holds the PTY; never block on that.
        if let Some(h) = self.reader.take()
            && h.is_finished()
        {
            let _ = h.join();
        }
    }
}

fn write_all(writer: &Writer, bytes: &[u8]) -> std::io::Result<()> {
    let mut w = writer.lock().unwrap_or_else(|e| e.into_inner());
    w.write_all(bytes)?;
    w.flush()
}

/// Terminal queries an app may block on at startup, and our answers.
/// vt100 only parses output; it never replies, so without this an app that
/// asks for the cursor position (crossterm `cursor::position`, inline
/// viewports) or probes features (`supports_keyboard_enhancement`) stalls.
const QUERIES: &[&[u8]] = &[b"\x1b[6n", b"\x1b[c", b"\x1b[0c"];
const LONGEST_QUERY: usize = 4;

fn read_loop(mut reader: Box<dyn Read + Send>, shared: &Shared, writer: &Writer) {
    let mut buf = [0u8; 8192];
    // Last few bytes of the previous chunk, so a query split across two
    // reads is still recognised.
    let mut tail: Vec<u8> = Vec::new();
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            // portable-pty maps the usual EIO-at-hangup to Ok(0); anything
            // else is just as final for us.
            Err(_) => break,
        };
        let chunk = &buf[..n];
        let replies = {
            let mut st = shared.lock();
            st.parser.process(chunk);
            st.bytes += n;
            answer_queries(&tail, chunk, st.parser.screen())
        };
        shared.changed.notify_all();
        if !replies.is_empty() {
            // The app may already be gone; nothing useful to do on error.
            let _ = write_all(writer, &replies);
        }
        tail.extend_from_slice(chunk);
        let keep = tail.len().saturating_sub(LONGEST_QUERY - 1);
        tail.drain(..keep);
    }
    shared.lock().eof = true;
    shared.changed.notify_all();
}

/// Replies for every query that ends inside `chunk`. The cursor position
/// reported is the one after the whole chunk was processed, which is exact
/// for the usual "write query, block for the answer" pattern.
fn answer_queries(tail: &[u8], chunk: &[u8], screen: &vt100::Screen) -> Vec<u8> {
    let mut hay = tail.to_vec();
    hay.extend_from_slice(chunk);
    let mut out = Vec::new();
    for end in tail.len() + 1..=hay.len() {
        for q in QUERIES {
            if hay[..end].ends_with(q) {
                if q == b"\x1b[6n" {
                    let (row, col) = screen.cursor_position();
                    out.extend_from_slice(format!("\x1b[{};{}R", row + 1, col + 1).as_bytes());
                } else {
                    // "VT100 with advanced video option": enough for crossterm.
                    out.extend_from_slice(b"\x1b[?1;2c");
                }
            }
        }
    }
    out
}

/// Rows right-trimmed: vt100 keeps spaces the app explicitly wrote (e.g.
/// ratatui blanking a deleted char) but not never-written cells, so untrimmed
/// text would depend on drawing history rather than on what is visible.
fn screen_text(screen: &vt100::Screen) -> String {
    let (_, cols) = screen.size();
    screen
        .rows(0, cols)
        .map(|r| r.trim_end().to_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

fn frame(text: &str, eof: bool) -> String {
    let state = if eof { " (PTY closed)" } else { "" };
    format!("----- screen{state} -----\n{text}\n----- end screen -----")
}
