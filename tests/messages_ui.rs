//! Readable at 80×24: every message a dialog or the status bar shows is on screen whole, wrapped
//! rather than cut at the border (the NHS number check, consent, rating descriptions, a stale
//! record, a busy register, re-date and undo refusals, finalise blockers), and every dialog names
//! whom it acts on. Render tests on ratatui's TestBackend, driven through the real App with keys.

mod support;

use support::screen::{draw, find, fixed_demo_store, lines};

use chrono::NaiveDate;
use dsr::domain::{NhsNumber, Rating};
use dsr::store::{Store, people};
use dsr::ui::app::App;
use dsr::ui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;
use std::time::Duration;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

fn path(name: &str) -> PathBuf {
    PathBuf::from(format!("target/messages-ui/{name}.db"))
}

/// A demo register of 60 people; writes give up after a short wait on another user's lock, so a
/// busy register is reported at once.
fn demo_app(name: &str) -> App {
    let store = fixed_demo_store("messages-ui", name, 60, today());
    store
        .set_busy_timeout(Duration::from_millis(50))
        .expect("busy timeout");
    let mut app = App::new(store, today(), Theme::mono(), false);
    app.load_active();
    app
}

fn key(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn typ(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// The text inside the box whose top border holds `title` (the lowest such, as a question is
/// drawn over the dialog it was asked from), its borders cut off, so the pane drawn either side
/// of it does not mix in.
fn boxed(buf: &Buffer, title: &str) -> Vec<String> {
    let (x, y) = (0..buf.area.height)
        .rev()
        .find_map(|y| {
            let row: Vec<&str> = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
            let line = row.concat();
            let at = line.find(title)?;
            // The cell of the byte where the title starts.
            let mut bytes = 0;
            let x = row.iter().position(|s| {
                bytes += s.len();
                bytes > at
            })?;
            Some((x as u16, y))
        })
        .unwrap_or_else(|| panic!("no box titled {title:?}"));
    let cell = |x: u16, y: u16| buf[(x, y)].symbol().to_string();
    let left = (0..x)
        .rev()
        .find(|c| cell(*c, y) == "┌")
        .expect("left corner");
    let right = (x..buf.area.width)
        .find(|c| cell(*c, y) == "┐")
        .expect("right corner");
    (y + 1..buf.area.height)
        .take_while(|r| cell(left, *r) != "└")
        .map(|r| (left + 1..right).map(|c| cell(c, r)).collect())
        .collect()
}

/// The words of `text`, one space apart, however it was wrapped.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn assert_whole(shown: &[String], message: &str) {
    let screen = words(&shown.join(" "));
    assert!(
        screen.contains(&words(message)),
        "not whole on screen: {message:?}\n{}",
        shown.join("\n")
    );
}

/// Open the re-rate dialog for the demo's Yusuf Bagshaw.
fn rerate_yusuf(app: &mut App) {
    key(app, KeyCode::Char('/'));
    typ(app, "bagshaw yusuf");
    key(app, KeyCode::Tab);
    key(app, KeyCode::Char('r'));
}

#[test]
fn rerate_dialog_shows_every_rating_description_whole_at_80x24() {
    let mut app = demo_app("rerate");
    rerate_yusuf(&mut app);
    let shown = boxed(&draw(&mut app, 80, 24), "Change rating");
    for r in Rating::ALL {
        assert_whole(&shown, r.meaning());
    }
    assert_whole(
        &shown,
        "press b, r, a or g to choose the new rating; Esc cancels",
    );
}

#[test]
fn a_stale_record_refusal_is_whole_in_the_dialog_at_80x24() {
    let mut app = demo_app("stale");
    rerate_yusuf(&mut app);
    let mut other = Store::open(&path("stale"), "someone else").expect("second connection");
    let (id, _) = yusuf(&other);
    let before = people::person(other.conn(), id).expect("person");
    let to = if before.rating == Rating::Amber {
        Rating::Red
    } else {
        Rating::Amber
    };
    other
        .write(|w| people::rerate(w, id, before.version, to, "phone call", today(), None))
        .expect("the other user's change");
    key(&mut app, KeyCode::Char('g'));
    typ(&mut app, "settled");
    key(&mut app, KeyCode::Enter);
    let shown = boxed(&draw(&mut app, 80, 24), "Change rating");
    assert_whole(
        &shown,
        "was changed by someone else since you opened it; nothing was saved. Reload it (Esc, \
         then reopen) and make your change again",
    );
}

#[test]
fn the_nhs_number_check_is_whole_in_the_add_form_at_80x24() {
    let mut app = demo_app("nhs");
    key(&mut app, KeyCode::Char('a'));
    typ(&mut app, "943 476 5918");
    key(&mut app, KeyCode::Tab);
    let shown = boxed(&draw(&mut app, 80, 24), "Add a person");
    assert_whole(
        &shown,
        "not a valid NHS number: check digit should be 9, not 8; check the digits",
    );
}

/// The first action in the Actions pane, marked done, then the register locked by someone else.
fn done_then_locked(app: &mut App, name: &str) -> rusqlite::Connection {
    key(app, KeyCode::Char('3'));
    key(app, KeyCode::Char('d'));
    key(app, KeyCode::Enter);
    let lock = rusqlite::Connection::open(path(name)).expect("second connection");
    lock.execute_batch("BEGIN IMMEDIATE")
        .expect("hold the lock");
    lock
}

const BUSY: &str = "the register is busy: another user or process holds a lock on it. Nothing \
                    was saved; try again in a moment";

#[test]
fn an_undo_refused_on_a_busy_register_is_whole_in_the_status_bar_at_80x24() {
    let mut app = demo_app("undo-busy");
    let _lock = done_then_locked(&mut app, "undo-busy");
    key(&mut app, KeyCode::Char('u'));
    let buf = draw(&mut app, 80, 24);
    let rows = lines(&buf);
    assert_whole(&rows[18..23], BUSY);
    assert!(rows[18..23].iter().any(|r| r.contains(" cannot undo ")));
    assert!(
        rows[23].contains('?') && rows[23].contains('q'),
        "the hint bar stays on the last row: {}",
        rows[23]
    );
}

#[test]
fn a_redate_refused_on_a_busy_register_is_whole_in_the_dialog_at_80x24() {
    let mut app = demo_app("redate-busy");
    let _lock = done_then_locked(&mut app, "redate-busy");
    key(&mut app, KeyCode::Char('t'));
    typ(&mut app, "+2w");
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "the family asked to meet after the holidays");
    key(&mut app, KeyCode::Enter);
    let shown = boxed(&draw(&mut app, 80, 24), "Re-date");
    assert_whole(&shown, BUSY);
}

#[test]
fn finalise_blockers_are_whole_on_the_summary_at_80x24() {
    let mut app = demo_app("blockers");
    key(&mut app, KeyCode::Char('R'));
    key(&mut app, KeyCode::Char('y'));
    key(&mut app, KeyCode::Char('g'));
    typ(&mut app, "11");
    key(&mut app, KeyCode::Enter);
    let rows = lines(&draw(&mut app, 80, 24));
    let start = rows
        .iter()
        .position(|r| r.contains("Before finalising"))
        .unwrap_or_else(|| panic!("no blockers listed:\n{}", rows.join("\n")));
    let blockers: Vec<&String> = rows[start + 1..]
        .iter()
        .take_while(|r| !r.contains("Finalise"))
        .collect();
    assert!(!blockers.is_empty(), "{}", rows.join("\n"));
    for row in &blockers {
        assert!(
            !row.trim_end().ends_with('…'),
            "a blocker is cut: {}",
            rows.join("\n")
        );
    }
    // Every blocker ends by naming the step that puts it right.
    let listed = words(
        &blockers
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    );
    let bullets = listed.matches('•').count();
    assert!(
        bullets > 0 && listed.matches("(step").count() == bullets,
        "{listed}"
    );
}
/// The demo's Yusuf Bagshaw: id and date of birth.
fn yusuf(store: &Store) -> (i64, NaiveDate) {
    let nhs = NhsNumber::parse("9990002312").expect("nhs");
    let (id, _) = people::person_with_nhs_number(store.conn(), &nhs, None)
        .expect("lookup")
        .expect("Yusuf");
    let p = people::person(store.conn(), id).expect("person");
    (id, p.details.date_of_birth)
}

#[test]
fn the_possible_duplicate_question_is_whole_at_80x24() {
    let mut app = demo_app("duplicate");
    let other = Store::open(&path("duplicate"), "someone else").expect("second connection");
    let (id, born) = yusuf(&other);
    key(&mut app, KeyCode::Char('a'));
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "Yusef");
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "Bagshaw");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    typ(&mut app, &born.format("%d/%m/%Y").to_string());
    for _ in 0..40 {
        if lines(&draw(&mut app, 80, 24))
            .iter()
            .any(|r| r.contains("▸Inclusion criteria"))
        {
            break;
        }
        key(&mut app, KeyCode::Tab);
    }
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Enter);
    let shown = boxed(&draw(&mut app, 80, 24), "Add a person to the register");
    assert_whole(
        &shown,
        &format!(
            "Same date of birth, similar name: Bagshaw, Yusuf (record {id}). Same person? Add anyway?"
        ),
    );
}

// Every dialog names whom it acts on: a colleague projecting the register in a meeting must see
// which person's rating or which action is about to change.
#[test]
fn dialogs_name_the_person_they_act_on() {
    let mut app = demo_app("titles-register");
    rerate_yusuf(&mut app);
    assert!(find(&draw(&mut app, 80, 24), "Change rating: Bagshaw, Yusuf").is_some());
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('e'));
    assert!(find(&draw(&mut app, 80, 24), "Edit person: Bagshaw, Yusuf").is_some());
    typ(&mut app, "x");
    key(&mut app, KeyCode::Esc);
    let buf = draw(&mut app, 80, 24);
    let question = boxed(&buf, "Edit person: Bagshaw, Yusuf");
    assert_whole(&question, "Discard what you typed in this form?");
}

#[test]
fn action_dialogs_name_the_action_and_the_person() {
    let mut app = demo_app("titles-actions");
    key(&mut app, KeyCode::Char('3'));
    let rows = lines(&draw(&mut app, 80, 24));
    let strip_at = rows
        .iter()
        .position(|l| l.contains("Selected action"))
        .expect("strip");
    // The strip's first line is the selected action's text (cut to 40 in a title).
    let text = rows[strip_at + 1].trim().to_string();
    let start: String = text.chars().take(30).collect();
    key(&mut app, KeyCode::Char('t'));
    let title = lines(&draw(&mut app, 80, 24))
        .into_iter()
        .find(|l| l.contains("Re-date '"))
        .expect("the re-date dialog's title");
    assert!(
        title.contains(&start) && title.contains("' for "),
        "{title}"
    );
    // The past-date question keeps the dialog's title.
    typ(&mut app, "01/01/2026");
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "typo check");
    key(&mut app, KeyCode::Enter);
    let question = boxed(&draw(&mut app, 80, 24), "Re-date '");
    assert_whole(
        &question,
        "01/01/2026 is in the past: re-date to it anyway?",
    );
    key(&mut app, KeyCode::Char('n'));
    key(&mut app, KeyCode::Esc);
    // Several marked: how many, and the first of them.
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char('d'));
    assert!(
        find(&draw(&mut app, 80, 24), "Mark done 2 actions ('").is_some(),
        "{}",
        lines(&draw(&mut app, 80, 24)).join("\n")
    );
}

#[test]
fn a_consent_refusal_is_whole_in_the_consent_dialog_at_80x24() {
    let mut app = demo_app("consent");
    key(&mut app, KeyCode::Char('/'));
    typ(&mut app, "bagshaw yusuf");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('c'));
    key(&mut app, KeyCode::Enter);
    let shown = boxed(&draw(&mut app, 80, 24), "Consent: Bagshaw, Yusuf");
    assert_whole(
        &shown,
        "choose who gave (or declined) consent (←/→): the person, someone with parental \
         responsibility, or a best-interests decision",
    );
}
