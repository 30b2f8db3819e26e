//! The settings file's `date_format`, through the real binary in a pseudo-terminal: the form it
//! names is the one on screen, and a value it does not know is named on the first screen while
//! dates keep their default form.

mod support;

use std::path::Path;
use std::time::Duration;
use support::cli::{TODAY, bin, demo_db};
use support::pty::Tui;

const WAIT: Duration = Duration::from_secs(20);

fn launch(dir: &Path, settings: &str) -> Tui {
    let db = demo_db(dir, 10);
    let config = dir.join("config.toml");
    std::fs::write(&config, settings).expect("settings file");
    let state = dir.join("state");
    Tui::spawn(
        &bin(),
        &[
            "--db",
            db.to_str().expect("utf-8 path"),
            "--user",
            "e2e",
            "--config",
            config.to_str().expect("utf-8 path"),
        ],
        &[
            ("DSR_TODAY", TODAY),
            ("NO_COLOR", "1"),
            ("XDG_STATE_HOME", state.to_str().expect("utf-8 path")),
        ],
        80,
        24,
    )
}

/// Whether `screen` holds text of the shape `pattern`, where `d` stands for any digit.
fn has_date(screen: &str, pattern: &str) -> bool {
    let chars: Vec<char> = screen.chars().collect();
    let want: Vec<char> = pattern.chars().collect();
    chars.windows(want.len()).any(|w| {
        w.iter().zip(&want).all(|(c, p)| {
            if *p == 'd' {
                c.is_ascii_digit()
            } else {
                c == p
            }
        })
    })
}

#[test]
fn the_settings_file_chooses_how_dates_are_shown() {
    let dir = tempfile::tempdir().expect("dir");
    let mut tui = launch(dir.path(), "date_format = \"yyyy-mm-dd\"\n");
    tui.wait_for("Register", WAIT).expect("register shown");
    tui.keys("3");
    tui.wait_until(WAIT, |s| s.contains("Due") && has_date(s, "dddd-dd-dd"))
        .expect("the due dates in ISO form");
    assert!(!has_date(&tui.screen(), "dd/dd/"), "{}", tui.screen());
    tui.keys("q");
    assert!(tui.wait_exit(WAIT).expect("exits").success());
}

#[test]
fn an_unknown_date_format_is_named_and_the_default_form_kept() {
    let dir = tempfile::tempdir().expect("dir");
    let mut tui = launch(dir.path(), "date_format = \"mm/dd/yyyy\"\n");
    tui.wait_for("date_format", WAIT)
        .expect("the problem is named on the first screen");
    tui.keys("3");
    tui.wait_until(WAIT, |s| s.contains("Due") && has_date(s, "dd/dd/"))
        .expect("dd/mm/yy kept");
    tui.keys("q");
    assert!(tui.wait_exit(WAIT).expect("exits").success());
}
