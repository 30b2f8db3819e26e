//! Render tests of the clinical-safety screens, through the real app on a fixed-seed demo register
//! on a fixed date: "discussed today" from the row and the card, every next date on the card,
//! transfer / edit admission / barriers to discharge from the card, what an admission asked
//! (no community C(E)TR before it, a notifiable placement) shown on the card, the setting before
//! admission offered at discharge, and the emergency-meeting prompt on re-rating to RED.

mod support;

use chrono::NaiveDate;
use dsr::domain::age::age_on;
use dsr::domain::rating::Rating;
use dsr::store::people::{self, RegisterRow};
use dsr::store::{Store, admissions, reviews, schedule};
use dsr::ui::app::App;
use dsr::ui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;
use support::screen::{draw, fixed_demo_store, text};

const DIR: &str = "clinical-safety-ui";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

/// The demo register and the first person on it that `pick` accepts.
fn demo(name: &str, pick: impl Fn(&RegisterRow, &Store) -> bool) -> (App, RegisterRow) {
    let store = fixed_demo_store(DIR, name, 60, today());
    let rows = people::register_rows(store.conn(), today()).expect("rows");
    let row = rows
        .into_iter()
        .find(|r| !r.archived && pick(r, &store))
        .expect("a demo person who fits");
    let mut app = App::new(store, today(), Theme::mono(), false);
    app.load_active();
    (app, row)
}

/// A second connection on the same register, to check what the screens wrote.
fn reopen(name: &str) -> Store {
    let path = PathBuf::from("target").join(DIR).join(format!("{name}.db"));
    Store::open(&path, "checker").expect("reopen")
}

fn key(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn typ(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn screen(app: &mut App) -> String {
    text(&draw(app, 160, 50))
}

/// Search for the person and open their card.
fn open_card(app: &mut App, r: &RegisterRow) {
    key(app, KeyCode::Char('/'));
    typ(
        app,
        &format!("{} {}", r.family_name, r.given_name).to_lowercase(),
    );
    key(app, KeyCode::Enter);
    let s = screen(app);
    assert!(s.contains("Person card: "), "{s}");
}

/// Search for the person and leave the list on their row.
fn select_row(app: &mut App, r: &RegisterRow) {
    key(app, KeyCode::Char('/'));
    typ(
        app,
        &format!("{} {}", r.family_name, r.given_name).to_lowercase(),
    );
    key(app, KeyCode::Tab);
}

fn in_hospital(r: &RegisterRow, s: &Store) -> bool {
    people::open_admission(s.conn(), r.id)
        .expect("admission")
        .is_some()
}

#[test]
fn discussed_today_from_the_row_and_the_card_moves_the_register_review_on() {
    let (mut app, who) = demo("discussed", |r, _| r.rating == Rating::Green);
    let due_before = who
        .register_review_due
        .expect("everyone has a register review");
    // From the list row: one key, a note, Enter.
    select_row(&mut app, &who);
    key(&mut app, KeyCode::Char('d'));
    let s = screen(&mut app);
    assert!(s.contains("Discussed at the DSR meeting today"), "{s}");
    typ(&mut app, "stable at home, no change");
    key(&mut app, KeyCode::Enter);
    let s = screen(&mut app);
    assert!(s.contains("the next register review moves on"), "{s}");
    let check = reopen("discussed");
    let held = schedule::register_reviews_of(check.conn(), who.id).expect("reviews");
    let today_s: Vec<_> = held.iter().filter(|r| r.discussed_on == today()).collect();
    assert_eq!(today_s.len(), 1, "{held:?}");
    assert_eq!(today_s[0].note, "stable at home, no change");
    let after = people::person(check.conn(), who.id).expect("person");
    let due_after = after.register_review_due.expect("due");
    assert!(
        due_after > today() && due_after >= due_before,
        "{due_after}"
    );
    let audited: i64 = check
        .conn()
        .query_row(
            "SELECT count(*) FROM audit WHERE entity = 'register_review' AND by_user = 'screenshot'",
            [],
            |r| r.get(0),
        )
        .expect("audit");
    assert_eq!(audited, 1, "the register review is audited");
    // The card names every next date and what it is, and the last discussion with its note.
    key(&mut app, KeyCode::Enter);
    let s = screen(&mut app);
    assert!(s.contains("Next C(E)TR: "), "{s}");
    assert!(
        s.contains(&format!(
            "Next register review: discussion at the DSR meeting due {}",
            dsr::domain::dates::uk(due_after)
        )),
        "{s}"
    );
    assert!(
        s.contains("last discussed 24/11/2026 by screenshot: stable at home, no change"),
        "{s}"
    );
    // And from the card too.
    key(&mut app, KeyCode::Char('d'));
    key(&mut app, KeyCode::Enter);
    assert!(screen(&mut app).contains("the next register review moves on"));
    let held_now =
        schedule::register_reviews_of(reopen("discussed").conn(), who.id).expect("reviews");
    assert_eq!(held_now.len(), held.len() + 1);
}

#[test]
fn transfer_edit_and_barriers_from_the_card_keep_one_blue_stay() {
    let (mut app, who) = demo("stay", in_hospital);
    let check = reopen("stay");
    let before = people::open_admission(check.conn(), who.id)
        .expect("read")
        .expect("open stay");
    open_card(&mut app, &who);
    let s = screen(&mut app);
    assert!(
        s.contains("t transfer"),
        "the card offers the stay's keys: {s}"
    );
    // Transfer: a hospital is required; then one stay, still BLUE, counted from the first day.
    key(&mut app, KeyCode::Char('t'));
    let s = screen(&mut app);
    assert!(s.contains("Transfer to another hospital"), "{s}");
    key(&mut app, KeyCode::Enter);
    assert!(screen(&mut app).contains("the hospital's name is required"));
    typ(&mut app, "Hillside Hospital");
    key(&mut app, KeyCode::Enter);
    let s = screen(&mut app);
    assert!(s.contains("the same stay, still BLUE"), "{s}");
    assert!(
        s.contains("then transferred to Hillside Hospital"),
        "the transfer is in the history: {s}"
    );
    assert!(
        s.contains(&format!(
            "since {}",
            dsr::domain::dates::uk(before.episode_start)
        )),
        "length of stay runs from the first admission: {s}"
    );
    let p = people::person(check.conn(), who.id).expect("person");
    assert_eq!(p.rating, Rating::Blue);
    let now = people::open_admission(check.conn(), who.id)
        .expect("read")
        .expect("open stay");
    assert_eq!(now.hospital, "Hillside Hospital");
    assert_eq!(now.episode_start, before.episode_start);
    // Edit the admission: planned discharge date, audited.
    key(&mut app, KeyCode::Char('w'));
    let s = screen(&mut app);
    assert!(s.contains("Edit the admission"), "{s}");
    for _ in 0..3 {
        key(&mut app, KeyCode::Tab);
    }
    typ(&mut app, "31/01/27");
    key(&mut app, KeyCode::Enter);
    let s = screen(&mut app);
    assert!(s.contains("planned discharge 31/01/2027"), "{s}");
    // A barrier to discharge from the lookup, with its date raised; then resolved with a date.
    key(&mut app, KeyCode::Char('B'));
    assert!(screen(&mut app).contains("no open barrier to discharge"));
    key(&mut app, KeyCode::Char('b'));
    let s = screen(&mut app);
    assert!(
        s.contains("Add a barrier to discharge") && s.contains("Raised on"),
        "{s}"
    );
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "housing team asked");
    key(&mut app, KeyCode::Enter);
    let s = screen(&mut app);
    assert!(s.contains("Barriers to discharge:"), "{s}");
    assert!(
        s.contains("Awaiting a care provider (raised 24/11/2026) — housing team asked open"),
        "{s}"
    );
    key(&mut app, KeyCode::Char('B'));
    key(&mut app, KeyCode::Enter);
    let s = screen(&mut app);
    assert!(s.contains("resolved 24/11/2026"), "{s}");
    let barriers = admissions::barriers_of_person(check.conn(), who.id).expect("barriers");
    assert!(
        barriers
            .iter()
            .any(|b| b.code == "provider" && b.resolved_on == Some(today()))
    );
}

#[test]
fn child_on_an_adult_ward_needs_a_reason_and_is_flagged_on_the_card() {
    let (mut app, who) = demo("notifiable", |r, s| {
        age_on(r.date_of_birth, today()) < 18 && !in_hospital(r, s)
    });
    open_card(&mut app, &who);
    key(&mut app, KeyCode::Char('i'));
    typ(&mut app, "Moorside Acute");
    key(&mut app, KeyCode::Tab);
    // Ward type: the adult acute ward.
    key(&mut app, KeyCode::Char('a'));
    key(&mut app, KeyCode::Char('a'));
    let s = screen(&mut app);
    assert!(s.contains("Acute adult"), "{s}");
    key(&mut app, KeyCode::Enter);
    let s = screen(&mut app);
    assert!(
        s.contains("notifiable (a child on an adult ward)") && s.contains("▸Notifiable: reason"),
        "the dialog asks for the reason on its field: {s}"
    );
    typ(&mut app, "no CAMHS bed in the region; NHS England told");
    key(&mut app, KeyCode::Enter);
    let mut s = screen(&mut app);
    if s.contains("say why") {
        typ(&mut app, "crisis overnight");
        key(&mut app, KeyCode::Enter);
        s = screen(&mut app);
    }
    assert!(s.contains("admitted to Moorside Acute"), "{s}");
    assert!(
        s.contains(
            "⚠ NOTIFIABLE: a child on an adult ward: no CAMHS bed in the region; NHS England told"
        ),
        "{s}"
    );
}

#[test]
fn admission_without_a_community_review_shows_its_reason_on_the_card() {
    let (mut app, who) = demo("no-community", |r, s| {
        age_on(r.date_of_birth, today()) >= 18
            && !in_hospital(r, s)
            && reviews::of_person(s.conn(), r.id)
                .expect("reviews")
                .is_empty()
    });
    open_card(&mut app, &who);
    key(&mut app, KeyCode::Char('i'));
    typ(&mut app, "Riverside Unit");
    key(&mut app, KeyCode::Enter);
    let s = screen(&mut app);
    assert!(s.contains("▸No community C(E)TR: why"), "{s}");
    typ(&mut app, "crisis at night, no time for a review");
    key(&mut app, KeyCode::Enter);
    let s = screen(&mut app);
    assert!(
        s.contains("⚠ no community C(E)TR before admission: crisis at night, no time for a review"),
        "{s}"
    );
}

#[test]
fn discharge_offers_back_the_setting_before_admission() {
    let (mut app, who) = demo("setting", |r, s| {
        !in_hospital(r, s) && r.setting.is_some_and(|x| x.label() != "Hospital")
    });
    let was = who.setting.expect("setting").label();
    open_card(&mut app, &who);
    key(&mut app, KeyCode::Char('i'));
    typ(&mut app, "Riverside Unit");
    for _ in 0..10 {
        key(&mut app, KeyCode::Tab);
    }
    typ(&mut app, "crisis");
    key(&mut app, KeyCode::Enter);
    let mut s = screen(&mut app);
    if s.contains("▸Notifiable") {
        typ(&mut app, "no other bed");
        key(&mut app, KeyCode::Enter);
        s = screen(&mut app);
    }
    assert!(s.contains("admitted to Riverside Unit"), "{s}");
    key(&mut app, KeyCode::Char('o'));
    let s = screen(&mut app);
    assert!(
        s.contains(&format!("New setting (before: {was})")),
        "the discharge offers the setting before: {s}"
    );
}

#[test]
fn rerate_to_red_prompts_to_consider_an_emergency_meeting() {
    let (mut app, who) = demo("red", |r, _| {
        r.rating == Rating::Amber && age_on(r.date_of_birth, today()) >= 25
    });
    open_card(&mut app, &who);
    key(&mut app, KeyCode::Char('r'));
    key(&mut app, KeyCode::Char('r'));
    typ(&mut app, "placement breaking down");
    key(&mut app, KeyCode::Enter);
    let s = screen(&mut app);
    assert!(
        s.contains("is RED: community CTR due urgently")
            && s.contains("consider a Blue light meeting"),
        "{s}"
    );
    // No: nothing is started; the card says what to consider while the review is awaited.
    key(&mut app, KeyCode::Char('n'));
    let s = screen(&mut app);
    assert!(
        s.contains("If the community CTR cannot be held in time, consider a Blue light meeting"),
        "{s}"
    );
}

#[test]
fn past_due_date_asks_before_adding_an_action() {
    let (mut app, _) = demo("past-due", |_, _| true);
    let check = reopen("past-due");
    let count = || -> i64 {
        check
            .conn()
            .query_row("SELECT count(*) FROM action", [], |r| r.get(0))
            .expect("count")
    };
    let before = count();
    key(&mut app, KeyCode::Char('3'));
    key(&mut app, KeyCode::Char('a'));
    typ(&mut app, "Book a carer's assessment");
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "Zed Example");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "31/10/2026");
    key(&mut app, KeyCode::Enter);
    let s = screen(&mut app);
    assert!(
        s.contains("31/10/2026 is in the past: add the action already overdue?"),
        "{s}"
    );
    // No: back to the form, nothing written; yes: saved as typed.
    key(&mut app, KeyCode::Char('n'));
    assert!(screen(&mut app).contains("Add an action"));
    assert_eq!(count(), before);
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('y'));
    assert!(screen(&mut app).contains("added action"));
    assert_eq!(count(), before + 1);
}
