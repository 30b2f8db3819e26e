//! The Reviews pane in the whole app: leaving the wizard goes back to where the review was
//! started from, and a draft can be discarded with a reason.

mod support;

use support::screen::{draw, lines, text};

use chrono::NaiveDate;
use dsr::ui::app::App;
use dsr::ui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

fn demo_app(name: &str) -> App {
    let store = support::screen::fixed_demo_store("reviews_ui", name, 60, today());
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

/// The pane's rows, without the status and hint bars (which carry the last message).
fn pane(app: &mut App) -> Vec<String> {
    let mut rows = lines(&draw(app, 80, 24));
    rows.truncate(rows.len() - 2);
    rows
}

/// Start a review with `R` (confirming the new draft), then leave the wizard with Esc until it
/// has closed.
fn start_and_leave(app: &mut App) {
    key(app, KeyCode::Char('R'));
    if text(&draw(app, 80, 24)).contains("Start a new C(E)TR draft") {
        key(app, KeyCode::Char('y'));
    }
    let wizard = text(&draw(app, 80, 24));
    assert!(wizard.contains("Step 1/11"), "the wizard opened:\n{wizard}");
    for _ in 0..3 {
        if !text(&draw(app, 80, 24)).contains("Step 1/11") {
            break;
        }
        key(app, KeyCode::Esc);
    }
}

#[test]
fn esc_from_the_wizard_returns_to_the_register_row_it_was_started_from() {
    let mut app = demo_app("esc_row");
    for _ in 0..5 {
        key(&mut app, KeyCode::Char('j'));
    }
    let before = pane(&mut app);
    start_and_leave(&mut app);
    assert_eq!(pane(&mut app), before, "back on the same register row");
}

#[test]
fn esc_from_the_wizard_returns_to_the_card_it_was_started_from() {
    let mut app = demo_app("esc_card");
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Enter);
    let card = text(&draw(&mut app, 80, 24));
    start_and_leave(&mut app);
    let after = text(&draw(&mut app, 80, 24));
    // The same person's card (its reviews now list the new draft).
    let title = |s: &str| s.lines().nth(1).map(str::to_string);
    assert!(card.contains("Person card:"), "{card}");
    assert_eq!(title(&after), title(&card), "{after}");
}

#[test]
fn esc_from_a_review_opened_in_the_reviews_pane_returns_to_its_list() {
    let mut app = demo_app("esc_list");
    key(&mut app, KeyCode::Char('2'));
    let list = pane(&mut app);
    assert!(
        list.iter().any(|l| l.contains("DRAFT")),
        "{}",
        list.join("\n")
    );
    key(&mut app, KeyCode::Enter);
    assert!(text(&draw(&mut app, 80, 24)).contains("/11"));
    for _ in 0..3 {
        key(&mut app, KeyCode::Esc);
    }
    let after = pane(&mut app);
    assert!(
        after[1..].iter().any(|l| l.contains("Reviews:")),
        "{}",
        after.join("\n")
    );
}

/// The drafts filter's rows as text.
fn draft_rows(app: &mut App) -> Vec<String> {
    pane(app)
        .into_iter()
        .filter(|l| l.contains("DRAFT"))
        .collect()
}

#[test]
fn x_discards_a_draft_with_a_reason_and_it_leaves_the_list() {
    let mut app = demo_app("discard");
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Char('f'));
    key(&mut app, KeyCode::Char('f'));
    let drafts = draft_rows(&mut app);
    assert!(!drafts.is_empty(), "the demo has drafts");
    let first = drafts[0].clone();

    // Esc keeps the draft.
    key(&mut app, KeyCode::Char('x'));
    let dialog = text(&draw(&mut app, 80, 24));
    assert!(dialog.contains("Discard draft"), "{dialog}");
    key(&mut app, KeyCode::Esc);
    assert_eq!(draft_rows(&mut app), drafts);

    // A reason is required.
    key(&mut app, KeyCode::Char('x'));
    key(&mut app, KeyCode::Enter);
    let refused = text(&draw(&mut app, 80, 24));
    assert!(refused.contains("say why"), "{refused}");
    // A pasted reason goes into the dialog, as typing does.
    app.on_paste("started for the");
    typ(&mut app, " wrong person");
    let typed = text(&draw(&mut app, 80, 24));
    assert!(
        typed.contains("started for the wrong person"),
        "the pasted words are in the reason:\n{typed}"
    );
    key(&mut app, KeyCode::Enter);
    let done = text(&draw(&mut app, 80, 24));
    assert!(done.contains("Discarded draft review"), "{done}");
    let left = draft_rows(&mut app);
    assert_eq!(left.len(), drafts.len() - 1, "{done}");
    assert!(
        !left.contains(&first),
        "the discarded draft left the list:\n{done}"
    );
}

#[test]
fn x_on_a_row_that_is_not_a_draft_says_what_it_needs() {
    let mut app = demo_app("discard_not_draft");
    key(&mut app, KeyCode::Char('2'));
    for _ in 0..5 {
        key(&mut app, KeyCode::Char('f'));
    }
    key(&mut app, KeyCode::Char('x'));
    let screen = text(&draw(&mut app, 80, 24));
    assert!(screen.contains("choose a DRAFT row"), "{screen}");
}
