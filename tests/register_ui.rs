//! Render tests of the Register pane on ratatui's TestBackend, drawn through the real app on a
//! fixed-seed demo register on a fixed date: the table (all four ratings, colour and monochrome,
//! 80x24 and 200x60, narrow widths), search, filters, the person card, the add form with errors,
//! the re-rate dialog. Also writes the README screenshots (screenshots/register-*.svg).

mod support;

use support::screen::{draw, find, fixed_demo_store, lines, text};

use chrono::NaiveDate;
use dsr::store::Store;
use dsr::ui::app::App;
use dsr::ui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};
use std::path::Path;
use support::svg::{buffer_to_svg, check_or_update};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

/// A demo register of 60 people (seed 7) at a fixed relative path, so the status bar (which shows
/// the file) is the same on every machine. Each test uses its own file.
fn demo_app(name: &str, theme: Theme) -> App {
    let store = fixed_demo_store("register-ui", name, 60, today());
    let mut app = App::new(store, today(), theme, false);
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

fn shot(name: &str, buf: &Buffer) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("screenshots")
        .join(format!("{name}.svg"));
    check_or_update(&path, &buffer_to_svg(buf));
}

/// Rows of the table whose first cells hold a rating badge " X ".
fn badge_rows(buf: &Buffer, letter: char) -> Vec<u16> {
    // The last two rows are the status and hint bars (the status bar has badges too).
    (0..buf.area.height.saturating_sub(2))
        .filter(|y| {
            buf[(0, *y)].symbol() == " "
                && buf[(1, *y)].symbol() == letter.to_string()
                && buf[(2, *y)].symbol() == " "
        })
        .collect()
}

// Issue 4: ratings show as colour AND letter; all four appear; header counts them; overdue marked.
#[test]
fn register_colour_shows_all_four_ratings_and_writes_screenshot() {
    let mut app = demo_app("colour", Theme::colour());
    let buf = draw(&mut app, 100, 30);
    let screen = text(&buf);
    assert!(screen.contains("Register: 60 people"), "{screen}");
    assert!(screen.contains("sort: severity"), "{screen}");
    for (letter, bg) in [
        ('B', Color::Blue),
        ('R', Color::Red),
        ('A', Color::Yellow),
        ('G', Color::Green),
    ] {
        // Severity order puts G below the first screenful: jump to the end for it.
        let rows = badge_rows(&buf, letter);
        let y = match rows.first() {
            Some(y) => *y,
            None => {
                continue;
            }
        };
        assert_eq!(buf[(1, y)].bg, bg, "{letter} badge colour");
        assert!(buf[(1, y)].modifier.contains(Modifier::BOLD));
    }
    assert!(!badge_rows(&buf, 'B').is_empty() && !badge_rows(&buf, 'R').is_empty());
    // Header line counts shown people per rating, with badges.
    let header = &lines(&buf)[1];
    assert!(
        header.contains(" B 4") && header.contains(" G 36"),
        "{header}"
    );
    // Overdue reviews carry a marker and the warning colour.
    let (x, y) = find(&buf, "!12/11/2026").expect("overdue review date");
    assert_eq!(buf[(x, y)].fg, Color::Red);
    shot("register-list", &buf);
    key(&mut app, KeyCode::Char('G'));
    let end = draw(&mut app, 100, 30);
    let y = *badge_rows(&end, 'G')
        .first()
        .expect("GREEN rows at the end");
    assert_eq!(end[(1, y)].bg, Color::Green);
    assert!(!badge_rows(&end, 'A').is_empty() || !badge_rows(&end, 'G').is_empty());
}

// Issue 4: readable with NO_COLOR: letters remain, no colour anywhere, selection by reverse video.
#[test]
fn register_mono_has_letters_and_no_colour_and_writes_screenshot() {
    let mut app = demo_app("mono", Theme::mono());
    let buf = draw(&mut app, 100, 30);
    for cell in buf.content() {
        assert!(
            cell.fg == Color::Reset && cell.bg == Color::Reset,
            "colour in mono theme: {cell:?}"
        );
    }
    assert!(!badge_rows(&buf, 'B').is_empty() && !badge_rows(&buf, 'R').is_empty());
    assert!(!badge_rows(&buf, 'A').is_empty());
    let (_, y) = find(&buf, "Knightchurch, David").expect("first row");
    assert!(
        buf[(10, y)].modifier.contains(Modifier::REVERSED),
        "selection"
    );
    // Urgent ratings stand out without colour.
    let r = badge_rows(&buf, 'R')[0];
    assert!(buf[(1, r)].modifier.contains(Modifier::BOLD));
    shot("register-list-mono", &buf);
    key(&mut app, KeyCode::Char('G'));
    let end = draw(&mut app, 100, 30);
    assert!(!badge_rows(&end, 'G').is_empty(), "GREEN by its letter");
}

// Issue 4: at 80x24 nothing overlaps: every column keeps its header position and full values.
#[test]
fn register_80x24_columns_do_not_overlap() {
    let mut app = demo_app("narrow", Theme::mono());
    let buf = draw(&mut app, 80, 24);
    let l = lines(&buf);
    let header = &l[2];
    let cols: Vec<usize> = [
        "Name",
        "NHS number",
        "Age",
        "Kind",
        "Keyworker",
        "Next review",
        "Acts",
    ]
    .iter()
    .map(|h| {
        header
            .find(h)
            .unwrap_or_else(|| panic!("{h} in {header:?}"))
    })
    .collect();
    assert!(cols.windows(2).all(|w| w[0] < w[1]), "{header}");
    for row in &l[3..21] {
        let chars: Vec<char> = row.chars().collect();
        let nhs: String = chars[cols[1]..cols[1] + 12].iter().collect();
        assert!(
            nhs.starts_with("999 ") && nhs.chars().filter(|c| *c == ' ').count() == 2,
            "NHS number whole in {row:?}"
        );
        let due: String = chars[cols[5]..cols[5] + 11].iter().collect();
        assert!(
            due.trim() == "-" || due.trim_start_matches('!').trim().len() == 10,
            "review date whole in {row:?}"
        );
    }
    // Below 80×24 the screen says what to do instead of cropping columns and keys away.
    for (w, h) in [(79, 24), (80, 23), (64, 20), (50, 20)] {
        let screen = text(&draw(&mut app, w, h));
        assert!(
            screen.contains("at least 80×24") && screen.contains(&format!("window is {w}×{h}")),
            "{screen}"
        );
        assert!(!screen.contains("NHS number"), "{screen}");
    }
}

// Issue 4: a large terminal shows the setting column and more rows.
#[test]
fn register_200x60_shows_setting_and_fills_the_height() {
    let mut app = demo_app("wide", Theme::colour());
    let buf = draw(&mut app, 200, 60);
    let l = lines(&buf);
    assert!(
        l[2].contains("Setting") && l[2].contains("Keyworker"),
        "{}",
        l[2]
    );
    let rows = ['B', 'R', 'A', 'G']
        .iter()
        .map(|c| badge_rows(&buf, *c).len())
        .sum::<usize>();
    assert_eq!(
        rows,
        60 - 5,
        "every row that fits is drawn (60 less title, header, column header, bars)"
    );
    for letter in ['B', 'R', 'A', 'G'] {
        assert!(!badge_rows(&buf, letter).is_empty(), "{letter} visible");
    }
}

// Issue 4 key contract: / then text selects the best match; Enter opens its card; Esc back to the row.
#[test]
fn search_selects_best_match_and_card_returns_to_same_row() {
    let mut app = demo_app("search", Theme::mono());
    key(&mut app, KeyCode::Char('/'));
    typ(&mut app, "todgate o");
    let buf = draw(&mut app, 80, 24);
    let screen = text(&buf);
    assert!(
        screen.contains("/todgate o") && screen.contains("found"),
        "{screen}"
    );
    let (_, y) = find(&buf, "Todgate, Owen").expect("match");
    assert!(
        buf[(10, y)].modifier.contains(Modifier::REVERSED),
        "best match selected"
    );
    // NHS number typed with spaces.
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('/'));
    typ(&mut app, "999 000 2096");
    let screen = text(&draw(&mut app, 80, 24));
    assert!(
        screen.contains("1 found") && screen.contains("Todgate, Owen"),
        "{screen}"
    );
    key(&mut app, KeyCode::Enter);
    let screen = text(&draw(&mut app, 80, 24));
    assert!(screen.contains("Person card: Todgate, Owen"), "{screen}");
    key(&mut app, KeyCode::Esc);
    let buf = draw(&mut app, 80, 24);
    let (_, y) = find(&buf, "Todgate, Owen").expect("back on the list");
    assert!(
        buf[(10, y)].modifier.contains(Modifier::REVERSED),
        "same row"
    );
    // Esc clears the search.
    key(&mut app, KeyCode::Esc);
    assert!(text(&draw(&mut app, 80, 24)).contains("Register: 60 people"));
}

// Issue 4: f then a rating letter toggles; active filters shown in the header; f c clears.
#[test]
fn filters_toggle_and_show_in_header() {
    let mut app = demo_app("filters", Theme::mono());
    typ(&mut app, "fr");
    let buf = draw(&mut app, 80, 24);
    let screen = text(&buf);
    assert!(
        screen.contains("Register: 7 people") && screen.contains("filter: R"),
        "{screen}"
    );
    assert!(badge_rows(&buf, 'B').is_empty() && !badge_rows(&buf, 'R').is_empty());
    typ(&mut app, "fb");
    let screen = text(&draw(&mut app, 80, 24));
    assert!(
        screen.contains("Register: 11 people") && screen.contains("filter: B R"),
        "{screen}"
    );
    typ(&mut app, "fo");
    let screen = text(&draw(&mut app, 80, 24));
    assert!(screen.contains("filter: B R, overdue"), "{screen}");
    typ(&mut app, "fc");
    let screen = text(&draw(&mut app, 80, 24));
    assert!(
        screen.contains("Register: 60 people") && !screen.contains("filter:"),
        "{screen}"
    );
    typ(&mut app, "s");
    assert!(text(&draw(&mut app, 80, 24)).contains("sort: name"));
}

// Issue 4: the card shows identity, consent, keyworker, rating timeline with reasons, admissions
// with length of stay, reviews and open actions.
#[test]
fn person_card_shows_the_whole_record_and_writes_screenshot() {
    let mut app = demo_app("card", Theme::colour());
    key(&mut app, KeyCode::Char('/'));
    typ(&mut app, "todgate owen");
    key(&mut app, KeyCode::Enter);
    let buf = draw(&mut app, 100, 40);
    let screen = text(&buf);
    for needle in [
        "Person card: Todgate, Owen",
        "NHS number: 999 000 2096",
        "Consent:",
        "Keyworker: Paul Greaves",
        "Inclusion criteria",
        "Rating history (newest first)",
        "Admissions",
        "days",
        "Reviews",
        "Open actions (",
    ] {
        assert!(screen.contains(needle), "{needle:?} missing:\n{screen}");
    }
    let (x, y) = find(&buf, "Open actions").expect("section");
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
    shot("register-card", &buf);
}

// Issue 4: the add form validates as you go: Mod 11 names the expected digit, names and criteria
// are required, and nothing is written until it is valid; Esc asks before discarding.
#[test]
fn add_form_shows_errors_and_writes_screenshot() {
    let mut app = demo_app("form", Theme::colour());
    key(&mut app, KeyCode::Char('a'));
    typ(&mut app, "943 476 5918");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "31/12/2027");
    key(&mut app, KeyCode::Enter);
    let buf = draw(&mut app, 100, 40);
    let screen = text(&buf);
    for needle in [
        "Add a person to the register",
        "check digit should be 9, not 8",
        "given name is required",
        "family name is required",
        "is in the future",
        "fields to fix before saving",
    ] {
        assert!(screen.contains(needle), "{needle:?} missing:\n{screen}");
    }
    let (x, y) = find(&buf, "check digit should be 9").expect("error");
    assert_eq!(buf[(x, y)].fg, Color::Red, "errors use the warning style");
    shot("register-form", &buf);
    // Scroll down to the criteria: their error is there too.
    for _ in 0..30 {
        key(&mut app, KeyCode::Tab);
        if text(&draw(&mut app, 100, 40)).contains("tick at least one") {
            break;
        }
    }
    assert!(text(&draw(&mut app, 100, 40)).contains("tick at least one inclusion criterion"));
    // Esc asks first; n keeps the form; y discards.
    key(&mut app, KeyCode::Esc);
    assert!(text(&draw(&mut app, 100, 40)).contains("Discard what you typed"));
    key(&mut app, KeyCode::Char('n'));
    assert!(text(&draw(&mut app, 100, 40)).contains("Add a person"));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('y'));
    let screen = text(&draw(&mut app, 100, 40));
    assert!(!screen.contains("Add a person") && screen.contains("Register: 60 people"));
}

// Issue 4 key contract: r, then b/r/a/g picks and moves to the reason, Enter saves; the row and the
// header counts change at once.
#[test]
fn rerate_dialog_saves_and_the_row_updates() {
    let mut app = demo_app("rerate", Theme::mono());
    key(&mut app, KeyCode::Char('/'));
    typ(&mut app, "bagshaw yusuf");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('r'));
    let screen = text(&draw(&mut app, 80, 24));
    assert!(
        screen.contains("Change rating") && screen.contains("press b, r, a or g"),
        "{screen}"
    );
    key(&mut app, KeyCode::Char('b'));
    let screen = text(&draw(&mut app, 80, 24));
    assert!(screen.contains("record an admission with i"), "{screen}");
    key(&mut app, KeyCode::Char('g'));
    key(&mut app, KeyCode::Enter);
    assert!(text(&draw(&mut app, 80, 24)).contains("a reason is required"));
    typ(&mut app, "settled with new package");
    key(&mut app, KeyCode::Enter);
    let buf = draw(&mut app, 80, 24);
    let screen = text(&buf);
    assert!(screen.contains("is now GREEN"), "{screen}");
    let (_, y) = find(&buf, "Bagshaw, Yusuf").expect("row");
    assert_eq!(buf[(1, y)].symbol(), "G");
    assert!(lines(&buf)[1].contains(" G 1"), "{}", lines(&buf)[1]);
    // The help overlay lists the pane's keys from the same bindings as the hint bar.
    key(&mut app, KeyCode::Esc);
    let buf = draw(&mut app, 80, 24);
    let status = &lines(&buf)[22];
    assert!(
        status.contains(" R 7 ") && status.contains(" G 37 "),
        "{status}"
    );
    key(&mut app, KeyCode::Char('?'));
    let screen = text(&draw(&mut app, 80, 40));
    for k in [
        "re-rate",
        "record an admission",
        "remove from register",
        "start a C(E)TR",
    ] {
        assert!(screen.contains(k), "{k} in help:\n{screen}");
    }
}

// Issue 4: admit (i) makes BLUE; discharge (o) offers RED; remove (x) archives with a reason and
// f x shows archived people, where x restores. Each shows at once in the row and the counts.
#[test]
fn admit_discharge_archive_and_restore_through_dialogs() {
    let mut app = demo_app("lifecycle", Theme::mono());
    key(&mut app, KeyCode::Char('/'));
    typ(&mut app, "bagshaw yusuf");
    key(&mut app, KeyCode::Tab);
    // Discharge without an admission is refused with a reason.
    key(&mut app, KeyCode::Char('o'));
    assert!(text(&draw(&mut app, 100, 30)).contains("no open admission"));
    key(&mut app, KeyCode::Char('i'));
    let screen = text(&draw(&mut app, 100, 30));
    assert!(
        screen.contains("Record an admission") && screen.contains("Ward type"),
        "{screen}"
    );
    key(&mut app, KeyCode::Enter);
    assert!(text(&draw(&mut app, 100, 30)).contains("the hospital's name is required"));
    typ(&mut app, "Riverside Unit");
    key(&mut app, KeyCode::Enter);
    // No community C(E)TR before this admission: the dialog asks why, on that field.
    let screen = text(&draw(&mut app, 100, 30));
    assert!(
        screen.contains("▸No community C(E)TR: why") && screen.contains("say why"),
        "{screen}"
    );
    typ(&mut app, "crisis at night, no time for a review");
    key(&mut app, KeyCode::Enter);
    let buf = draw(&mut app, 100, 30);
    assert!(
        text(&buf).contains("admitted to Riverside Unit"),
        "{}",
        text(&buf)
    );
    let (_, y) = find(&buf, "Bagshaw, Yusuf").expect("row");
    assert_eq!(buf[(1, y)].symbol(), "B");
    // The card shows the open admission with its length of stay.
    key(&mut app, KeyCode::Enter);
    let screen = text(&draw(&mut app, 100, 40));
    assert!(
        screen.contains("still in hospital (0 days so far)"),
        "{screen}"
    );
    assert!(screen.contains("Riverside Unit"), "{screen}");
    // Discharge from the card: RED is offered first.
    key(&mut app, KeyCode::Char('o'));
    let screen = text(&draw(&mut app, 100, 40));
    assert!(
        screen.contains("Record the discharge") && screen.contains("RED"),
        "{screen}"
    );
    key(&mut app, KeyCode::Enter);
    let screen = text(&draw(&mut app, 100, 40));
    assert!(
        screen.contains("discharged on 24/11/2026: now RED"),
        "{screen}"
    );
    assert!(
        screen.contains("B → R") || screen.contains(" B → R "),
        "{screen}"
    );
    // Remove from the register: a reason is required; the card closes and the row disappears.
    key(&mut app, KeyCode::Char('x'));
    key(&mut app, KeyCode::Enter);
    assert!(text(&draw(&mut app, 100, 40)).contains("a reason is required"));
    typ(&mut app, "moved out of area");
    key(&mut app, KeyCode::Enter);
    let screen = text(&draw(&mut app, 100, 40));
    assert!(screen.contains("removed from the register"), "{screen}");
    key(&mut app, KeyCode::Esc);
    let screen = text(&draw(&mut app, 100, 40));
    assert!(
        screen.contains("Register: 59 people") && !screen.contains("Bagshaw, Yusuf"),
        "{screen}"
    );
    typ(&mut app, "fx");
    let screen = text(&draw(&mut app, 100, 40));
    assert!(
        screen.contains("filter: ARCHIVED") && screen.contains("(archived) Bagshaw, Yusuf"),
        "{screen}"
    );
    key(&mut app, KeyCode::Char('x'));
    assert!(text(&draw(&mut app, 100, 40)).contains("Put Bagshaw, Yusuf back on the register?"));
    key(&mut app, KeyCode::Char('y'));
    typ(&mut app, "fx");
    let screen = text(&draw(&mut app, 100, 40));
    assert!(
        screen.contains("Register: 60 people") && screen.contains("Bagshaw, Yusuf"),
        "{screen}"
    );
}

// A write on a record someone else changed meanwhile is refused, naming the record; reopening works.
#[test]
fn stale_rerate_is_refused_and_reopening_uses_the_new_version() {
    let mut app = demo_app("stale", Theme::mono());
    key(&mut app, KeyCode::Char('/'));
    typ(&mut app, "bagshaw yusuf");
    key(&mut app, KeyCode::Enter);
    // Another user changes the same person.
    let mut other = Store::open(Path::new("target/register-ui/stale.db"), "someone else")
        .expect("second connection");
    let id = dsr::store::people::person_with_nhs_number(
        other.conn(),
        &dsr::domain::NhsNumber::parse("9990002312").expect("nhs"),
        None,
    )
    .expect("lookup")
    .expect("Yusuf")
    .0;
    let before = dsr::store::people::person(other.conn(), id).expect("person");
    let (v, to) = (
        before.version,
        // A real change (re-rating to the same rating is refused).
        if before.rating == dsr::domain::Rating::Amber {
            dsr::domain::Rating::Red
        } else {
            dsr::domain::Rating::Amber
        },
    );
    other
        .write(|w| dsr::store::people::rerate(w, id, v, to, "phone call", today(), None))
        .expect("other user's change");
    key(&mut app, KeyCode::Char('r'));
    key(&mut app, KeyCode::Char('g'));
    typ(&mut app, "settled");
    key(&mut app, KeyCode::Enter);
    let screen = text(&draw(&mut app, 100, 30));
    assert!(screen.contains("changed by someone else"), "{screen}");
    assert!(screen.contains("Bagshaw, Yusuf"), "{screen}");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('y'));
    key(&mut app, KeyCode::Char('r'));
    key(&mut app, KeyCode::Char('g'));
    typ(&mut app, "settled");
    key(&mut app, KeyCode::Enter);
    let screen = text(&draw(&mut app, 100, 30));
    assert!(screen.contains("is now GREEN"), "{screen}");
}

// Reads are audited: opening a card writes an access row (who, when, which person).
#[test]
fn opening_a_card_records_an_access_row() {
    let mut app = demo_app("access", Theme::mono());
    key(&mut app, KeyCode::Char('/'));
    typ(&mut app, "999 000 2096");
    key(&mut app, KeyCode::Enter);
    assert!(text(&draw(&mut app, 80, 24)).contains("Person card: Todgate, Owen"));
    let conn = rusqlite::Connection::open("target/register-ui/access.db").expect("open");
    let (by, field, nhs): (String, String, String) = conn
        .query_row(
            "SELECT a.by_user, a.field, p.nhs_number FROM audit a JOIN person p ON p.id = a.entity_id
             WHERE a.kind = 'access' AND a.entity = 'person'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("one access row");
    assert_eq!(
        (by.as_str(), field.as_str(), nhs.as_str()),
        ("screenshot", "card", "9990002096")
    );
}

// `h` on the card shows the person's timeline (who opened it, what changed), newest first.
#[test]
fn h_on_the_card_shows_the_timeline_and_h_goes_back() {
    let mut app = demo_app("timeline", Theme::mono());
    key(&mut app, KeyCode::Char('/'));
    typ(&mut app, "999 000 2096");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('h'));
    let screen = text(&draw(&mut app, 100, 30));
    assert!(screen.contains("Timeline: Todgate, Owen"), "{screen}");
    assert!(screen.contains("opened the card"), "{screen}");
    key(&mut app, KeyCode::Char('h'));
    let screen = text(&draw(&mut app, 100, 30));
    assert!(screen.contains("Person card: "), "{screen}");
    key(&mut app, KeyCode::Char('h'));
    key(&mut app, KeyCode::Esc);
    assert!(text(&draw(&mut app, 100, 30)).contains("Person card: "));
}

// An admission imported from a BLUE rating alone: the `f i` filter finds the person and the card
// says what is still to be recorded.
#[test]
fn an_admission_to_complete_is_filtered_and_flagged_on_the_card() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::open(&dir.path().join("r.db"), "tester").expect("open");
    let file = b"NHS No,Surname,First name,DOB,RAG,Diagnosis,Criteria\n\
9990000018,Abbott,Amara,03/04/2012,B,ld,yot\n9990000026,Baker,Ben,04/05/2011,G,ld,yot\n";
    let options = dsr::report::import::ImportOptions {
        commit: true,
        source_name: "team.csv".into(),
        ..Default::default()
    };
    let out =
        dsr::report::import::import_bytes(&mut store, file, &options, today()).expect("import");
    assert!(out.committed, "{:?}", out.problems);
    let mut app = App::new(store, today(), Theme::mono(), false);
    app.load_active();
    typ(&mut app, "fi");
    let screen = text(&draw(&mut app, 100, 30));
    assert!(
        screen.contains("Register: 1 people") || screen.contains("Register: 1 person"),
        "{screen}"
    );
    assert!(
        screen.contains("admission to complete") && screen.contains("Abbott"),
        "{screen}"
    );
    key(&mut app, KeyCode::Enter);
    let screen = text(&draw(&mut app, 120, 50));
    assert!(
        screen.contains(
            "! TO COMPLETE: BLUE in team.csv without the hospital and the admission date"
        ),
        "{screen}"
    );
}

// Hazard: a row found through something the list does not show (a local id, or an NHS number
// while privacy mode hides it) looks like a wrong match. The row says what matched, in full on a
// wide screen and in short at 80, and the name gives way rather than the reason.
#[test]
fn a_row_found_by_a_hidden_field_says_what_matched() {
    let store = fixed_demo_store("register-ui", "unseen", 60, today());
    let rows = dsr::store::people::register_rows(store.conn(), today()).expect("rows");
    let todgate = rows
        .iter()
        .find(|r| r.family_name == "Todgate")
        .expect("demo person");
    let local_id = todgate.local_id.clone().expect("local id");
    let nhs = todgate
        .nhs_number
        .as_ref()
        .expect("nhs")
        .digits()
        .to_string();
    let mut app = App::new(store, today(), Theme::mono(), false);
    app.load_active();
    key(&mut app, KeyCode::Char('/'));
    typ(&mut app, &local_id);
    let screen = text(&draw(&mut app, 160, 30));
    assert!(
        screen.contains("Todgate, Owen · matched local id"),
        "{screen}"
    );
    let screen = text(&draw(&mut app, 80, 24));
    assert!(screen.contains("· local id"), "{screen}");
    assert!(screen.contains("Todgate"), "the name stays: {screen}");
    // Searching by the shown name needs no note.
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('/'));
    typ(&mut app, "Todgate, Owen");
    let screen = text(&draw(&mut app, 120, 30));
    assert!(!screen.contains("matched"), "{screen}");
    // The NHS number is its own column until privacy mode cuts it to three digits.
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('/'));
    typ(&mut app, &nhs);
    let screen = text(&draw(&mut app, 120, 30));
    assert!(!screen.contains("matched"), "{screen}");
    app.set_privacy(true);
    let screen = text(&draw(&mut app, 160, 30));
    assert!(screen.contains("· matched NHS number"), "{screen}");
    assert!(
        !screen.contains(&nhs),
        "privacy keeps the number hidden: {screen}"
    );
}
