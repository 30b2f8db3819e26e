//! The `date_format` setting: with "d mmm yyyy" installed (as the app does from the settings
//! file), every date on every screen shows in that form and none as dd/mm/yyyy, and a date field
//! pre-filled in that form saves. One test per process, as the form is chosen once per run.

mod support;

use support::screen::{draw, fixed_demo_store, text};

use chrono::NaiveDate;
use dsr::domain::dates::{DateFormat, install_display_format};
use dsr::ui::app::App;
use dsr::ui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

fn key(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

/// Where a dd/mm/yy(yy) date sits on the screen, if anywhere.
fn slashed_date(screen: &str) -> Option<String> {
    let chars: Vec<char> = screen.chars().collect();
    chars.windows(8).find_map(|w| {
        let digit = |i: usize| w[i].is_ascii_digit();
        (digit(0) && digit(1) && w[2] == '/' && digit(3) && digit(4) && w[5] == '/' && digit(6))
            .then(|| w.iter().collect())
    })
}

fn shows_only_the_chosen_form(app: &mut App, w: u16, h: u16, what: &str) -> String {
    let screen = text(&draw(app, w, h));
    assert_eq!(slashed_date(&screen), None, "{what}:\n{screen}");
    screen
}

#[test]
fn every_screen_shows_dates_in_the_chosen_form() {
    assert!(install_display_format(DateFormat::DayMonthName));
    let store = fixed_demo_store("date_format_ui", "d_mmm_yyyy", 60, today());
    let mut app = App::new(store, today(), Theme::mono(), false);
    app.load_active();

    let register = shows_only_the_chosen_form(&mut app, 120, 30, "register");
    assert!(register.contains("Tue 24 Nov 2026"), "{register}");
    assert!(
        register.contains(" 2027") || register.contains(" 2026"),
        "{register}"
    );
    key(&mut app, KeyCode::Enter);
    let card = shows_only_the_chosen_form(&mut app, 120, 40, "card");
    assert!(card.contains(" Nov 20") || card.contains(" 20"), "{card}");
    key(&mut app, KeyCode::Char('h'));
    shows_only_the_chosen_form(&mut app, 120, 40, "timeline");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);

    key(&mut app, KeyCode::Char('2'));
    let reviews = shows_only_the_chosen_form(&mut app, 120, 30, "reviews");
    assert!(reviews.contains(" 2026"), "{reviews}");
    // The drafts, then the first one opened.
    key(&mut app, KeyCode::Char('f'));
    key(&mut app, KeyCode::Char('f'));
    key(&mut app, KeyCode::Enter);
    shows_only_the_chosen_form(&mut app, 120, 30, "wizard");
    for _ in 0..3 {
        key(&mut app, KeyCode::Esc);
    }

    key(&mut app, KeyCode::Char('3'));
    shows_only_the_chosen_form(&mut app, 80, 24, "actions at 80 columns");
    shows_only_the_chosen_form(&mut app, 130, 30, "actions, wide");
    key(&mut app, KeyCode::Enter);
    let detail = shows_only_the_chosen_form(&mut app, 130, 30, "action detail");
    assert!(
        !detail.contains("-11-2") && detail.contains("created"),
        "{detail}"
    );
    key(&mut app, KeyCode::Esc);

    // A re-date dialog pre-filled... none is: type the date in the chosen form and it saves.
    key(&mut app, KeyCode::Char('t'));
    for c in "3 Feb 2027".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Tab);
    for c in "provider asked".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Enter);
    let saved = shows_only_the_chosen_form(&mut app, 130, 30, "after re-dating");
    assert!(saved.contains("re-dated 1 action to 3 Feb 2027"), "{saved}");
}
