//! Render tests for the review wizard and the Reviews pane: every step at 80×24 and at 120×40, on a
//! fixed-seed demo register and a fixed date, asserting on text and on cell styles. Two steps are
//! also kept as SVG screenshots for the README.

mod support;

use support::screen::{find, text};

use chrono::NaiveDate;
use dsr::demo::{self, DemoSpec};
use dsr::store::Store;
use dsr::ui::pane::{Ctx, Flash, Pane, View};
use dsr::ui::reviews::ReviewsPane;
use dsr::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Modifier;
use std::path::Path;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

struct Harness {
    _dir: tempfile::TempDir,
    store: Store,
    pane: ReviewsPane,
    flash: Option<Flash>,
    theme: Theme,
}

impl Harness {
    fn new(theme: Theme) -> Harness {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(&dir.path().join("r.db"), "tester").expect("open");
        demo::generate(
            &mut store,
            DemoSpec {
                people: 60,
                seed: 7,
                today: today(),
            },
            |_| {},
        )
        .expect("demo");
        let mut h = Harness {
            _dir: dir,
            store,
            pane: ReviewsPane::default(),
            flash: None,
            theme,
        };
        h.with(|pane, ctx| pane.load(ctx)).expect("load");
        h
    }

    /// Run `f` with the pane and a context, as the app does.
    fn with<R>(&mut self, f: impl FnOnce(&mut ReviewsPane, &mut Ctx) -> R) -> R {
        let mut ctx = Ctx {
            store: &mut self.store,
            today: today(),
            theme: self.theme,
            flash: &mut self.flash,
        };
        f(&mut self.pane, &mut ctx)
    }

    /// Start a review for a community person (not in hospital) with no draft yet.
    fn start(&mut self) -> i64 {
        let pid: i64 = self
            .store
            .conn()
            .query_row(
                "SELECT id FROM person WHERE rating = 'AMBER' AND removed_on IS NULL
                 AND date_of_birth > '2008-11-24'
                 AND NOT EXISTS (SELECT 1 FROM review r WHERE r.person_id = person.id AND r.status = 'draft')
                 ORDER BY id LIMIT 1",
                [],
                |r| r.get(0),
            )
            .expect("an AMBER child (a CETR)");
        self.with(|pane, ctx| pane.start_review(pid, ctx));
        self.pane.wizard().expect("wizard open").review_id()
    }

    fn key(&mut self, code: KeyCode) {
        self.key_mod(code, KeyModifiers::NONE);
    }
    fn key_mod(&mut self, code: KeyCode, m: KeyModifiers) {
        self.with(|pane, ctx| pane.handle_key(KeyEvent::new(code, m), ctx));
    }
    fn ctrl(&mut self, c: char) {
        self.key_mod(KeyCode::Char(c), KeyModifiers::CONTROL);
    }
    fn typed(&mut self, s: &str) {
        for c in s.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    fn render(&mut self, w: u16, h: u16) -> Buffer {
        let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        let view = View {
            today: today(),
            theme: self.theme,
            privacy: false,
        };
        term.draw(|f| {
            let area = f.area();
            self.pane.render(f, area, &view)
        })
        .expect("draw");
        term.backend().buffer().clone()
    }
}

/// What each step must show (at both sizes).
const EXPECT: [&str; 11] = [
    "Consent",
    "Who is on the panel",
    "Documents received",
    "Question 1: Is the person safe?",
    "Question 2: Are they getting good care",
    "Question 3: What are their plans",
    "Question 4: Can care and treatment",
    "How well does the care reflect",
    "Proposed new rating",
    "Recommendations",
    "Finalise: apply the rating",
];

#[test]
fn every_step_renders_at_80x24_and_large() {
    let mut h = Harness::new(Theme::mono());
    h.start();
    for (step, want) in EXPECT.iter().enumerate() {
        for (w, hgt) in [(80, 20), (120, 40)] {
            let buf = h.render(w, hgt);
            let screen = text(&buf);
            assert!(
                screen.contains(want),
                "step {}: {want:?} missing at {w}x{hgt}:\n{screen}",
                step + 1
            );
            let rail = format!("Step {}", step + 1);
            assert!(
                screen.contains(&rail),
                "step {} rail missing at {w}x{hgt}:\n{screen}",
                step + 1
            );
        }
        h.ctrl('n');
    }
}

#[test]
fn question_step_focuses_findings_and_shows_typing() {
    let mut h = Harness::new(Theme::colour());
    h.start();
    for _ in 0..3 {
        h.key(KeyCode::PageDown);
    }
    assert!(
        h.pane.captures_text(),
        "findings editor takes the keys on a question step"
    );
    h.typed("Safe at home; q and j are text here");
    let buf = h.render(80, 20);
    let screen = text(&buf);
    assert!(
        screen.contains("Safe at home; q and j are text here"),
        "{screen}"
    );
    // The editor's border is highlighted while editing; Esc leaves the field.
    let (x, y) = find(&buf, "Findings").expect("findings title");
    assert!(
        buf[(x, y)].modifier.contains(Modifier::BOLD),
        "focused title is bold"
    );
    h.key(KeyCode::Esc);
    assert!(!h.pane.captures_text(), "Esc leaves the field");
    // The KLOE list is there with judgements.
    assert!(screen.contains("Safeguarding"), "{screen}");
    assert!(screen.contains("not covered"), "{screen}");
}

#[test]
fn rail_marks_incomplete_steps_and_the_current_one() {
    let mut h = Harness::new(Theme::colour());
    h.start();
    let buf = h.render(80, 20);
    let (x, y) = find(&buf, " 1✓")
        .or_else(|| find(&buf, " 1•"))
        .expect("current step marker");
    assert!(
        buf[(x + 1, y)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED),
        "current step highlighted"
    );
    let wide = h.render(120, 40);
    let screen = text(&wide);
    assert!(
        screen.contains("Steps"),
        "wide screens get a rail column:\n{screen}"
    );
    assert!(screen.contains("11 Finalise"), "{screen}");
    // Steps still to do are marked in red; Q1 has no findings yet.
    let (x, y) = find(&wide, "•  4 Q1 Safe").expect("Q1 in the rail");
    assert_eq!(wide[(x, y)].fg, ratatui::style::Color::Red);
}

#[test]
fn consent_warning_blocks_ready() {
    let mut h = Harness::new(Theme::colour());
    let id = h.start();
    let pid: i64 = h
        .store
        .conn()
        .query_row("SELECT person_id FROM review WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .expect("person");
    h.store
        .conn()
        .execute("DELETE FROM consent WHERE person_id = ?1", [pid])
        .expect("clear consent");
    // Reopen so the wizard sees the change.
    h.key(KeyCode::Esc);
    h.with(|pane, ctx| pane.open(id, ctx));
    let buf = h.render(80, 24);
    let screen = text(&buf);
    assert!(
        screen.contains("Consent to the review: missing"),
        "{screen}"
    );
    let (x, y) = find(&buf, "Consent to the review: missing").expect("warning");
    assert_eq!(buf[(x, y)].fg, ratatui::style::Color::Red);
    assert!(
        screen.contains("ask for consent from someone with parental"),
        "{screen}"
    );
    assert!(screen.contains("no (blocked: consent)"), "{screen}");
}

#[test]
fn reviews_list_puts_drafts_first_then_due_then_finished() {
    let mut h = Harness::new(Theme::mono());
    let buf = h.render(100, 90);
    let screen = text(&buf);
    let rows: Vec<&str> = screen
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    let rank = |l: &str| {
        // Rows start with the review id (blank for requests and people due).
        let l = l
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start();
        if l.contains("asked by") {
            -1
        } else if l.starts_with("DRAFT") {
            0
        } else if l.starts_with("OVERDUE") || l.starts_with("due") {
            1
        } else if l.starts_with("REPORT") {
            2
        } else if l.starts_with("final") {
            3
        } else {
            9
        }
    };
    let ranks: Vec<i32> = rows.iter().map(|l| rank(l)).collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{screen}");
    assert!(ranks.contains(&0) && ranks.contains(&3), "{screen}");
}

/// Log a request for the first GREEN person not yet with a draft, dated `on`.
fn log_request(h: &mut Harness, on: &str) -> i64 {
    use dsr::domain::request::RequestedBy;
    use dsr::store::requests::{self, NewRequest};
    let pid: i64 = h
        .store
        .conn()
        .query_row(
            "SELECT id FROM person p WHERE rating = 'GREEN' AND removed_on IS NULL
             AND NOT EXISTS (SELECT 1 FROM review r WHERE r.person_id = p.id AND r.status = 'draft')
             AND NOT EXISTS (SELECT 1 FROM review_request q WHERE q.person_id = p.id)
             ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("a GREEN person");
    let new = NewRequest {
        person_id: pid,
        requested_on: NaiveDate::parse_from_str(on, "%Y-%m-%d").expect("date"),
        requested_by: RequestedBy::Family,
        requester: "Father".into(),
        reason: "worried about school exclusion".into(),
    };
    h.store
        .write(|w| requests::add(w, &new, today()))
        .expect("request");
    pid
}

// Open requests come above drafts (the overdue one first), and overdue reports are listed.
#[test]
fn reviews_list_shows_requests_first_and_overdue_reports() {
    let mut h = Harness::new(Theme::mono());
    log_request(&mut h, "2026-10-01");
    log_request(&mut h, "2026-11-20");
    h.with(|pane, ctx| pane.load(ctx)).expect("reload");
    let screen = text(&h.render(100, 90));
    // Past the review id column (blank for requests).
    let rows: Vec<&str> = screen
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            l.trim_start_matches(|c: char| c.is_ascii_digit())
                .trim_start()
        })
        .collect();
    let requests = rows.iter().take_while(|l| l.contains("asked by")).count();
    assert!(rows[requests].starts_with("DRAFT"), "{screen}");
    let mine: Vec<&&str> = rows[..requests]
        .iter()
        .filter(|l| l.contains("asked by family"))
        .collect();
    assert!(
        mine.iter().any(|l| l.starts_with("OVERDUE 01/10/2026")),
        "past the 4-week target: {screen}"
    );
    assert!(
        mine.iter().any(|l| l.starts_with("REQUEST 20/11/2026")),
        "{screen}"
    );
    assert!(rows.iter().any(|l| l.starts_with("REPORT")), "{screen}");
}

// `R` on a request books its review (the decision recorded, linked to the new draft) and opens it.
#[test]
fn r_on_a_request_starts_its_review() {
    let mut h = Harness::new(Theme::mono());
    let pid = log_request(&mut h, "2026-10-01");
    h.with(|pane, ctx| pane.load(ctx)).expect("reload");
    h.key(KeyCode::Char('R'));
    let w = h.pane.wizard().expect("the wizard opened");
    let review = w.review_id();
    let q = dsr::store::requests::of_person(h.store.conn(), pid).expect("log");
    assert_eq!(
        q[0].outcome,
        Some(dsr::domain::request::RequestOutcome::ReviewBooked)
    );
    assert_eq!(q[0].review_id, Some(review));
    assert_eq!(q[0].decided_by.as_deref(), Some("tester"));
    let r = dsr::store::reviews::get(h.store.conn(), review).expect("review");
    assert_eq!(r.review_type, dsr::domain::review::ReviewType::OnRequest);
    assert_eq!(r.person_id, pid);
}

// `s` on an overdue report records what went out; the row then says what is still unsent.
#[test]
fn s_records_the_report_sent() {
    let mut h = Harness::new(Theme::mono());
    for _ in 0..4 {
        h.key(KeyCode::Char('f'));
    }
    let screen = text(&h.render(100, 30));
    assert!(screen.contains("overdue reports"), "{screen}");
    h.key(KeyCode::Char('s'));
    let screen = text(&h.render(100, 30));
    assert!(
        screen.contains("Sent on") && screen.contains("24/11/2026"),
        "{screen}"
    );
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.typed("everyone who took part");
    h.key(KeyCode::Enter);
    let screen = text(&h.render(100, 30));
    assert!(!screen.contains("Sent on"), "the dialog closed: {screen}");
    let rows: Vec<&str> = screen.lines().skip(2).collect();
    assert!(rows[0].contains("family plan unsent"), "{screen}");
}

#[test]
fn screenshots() {
    let mut h = Harness::new(Theme::colour());
    h.start();
    for _ in 0..3 {
        h.ctrl('n');
    }
    h.typed("Lives at home with mum. No safeguarding concerns this month.");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Char(' ')); // safeguarding: assured
    h.key(KeyCode::Char('n')); // its note
    h.typed("Social worker confirmed");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Char(' '));
    h.key(KeyCode::Char(' ')); // restrictive practice: concern
    h.key(KeyCode::BackTab);
    h.key(KeyCode::BackTab);
    h.key(KeyCode::BackTab);
    h.key(KeyCode::BackTab);
    h.key(KeyCode::Enter);
    h.typed("The crisis plan was updated after the A&E visit in October");
    let buf = h.render(80, 20);
    let screen = text(&buf);
    assert!(screen.contains("A&E visit in October"), "{screen}");
    assert!(screen.contains("Social worker confirmed"), "{screen}");
    support::svg::check_or_update(
        Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/screenshots/wizard-question.svg"
        )),
        &support::svg::buffer_to_svg(&buf),
    );
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('g'));
    h.typed("9");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char(' ')); // needs met: yes
    h.key(KeyCode::Tab);
    h.key(KeyCode::Char(' ')); // proposed: GREEN
    h.key(KeyCode::Tab);
    h.typed("Crisis plan in place; mum well supported; no A&E visits since October");
    let buf = h.render(120, 30);
    let screen = text(&buf);
    assert!(screen.contains("GREEN (was AMBER)"), "{screen}");
    support::svg::check_or_update(
        Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/screenshots/wizard-outcome.svg"
        )),
        &support::svg::buffer_to_svg(&buf),
    );
    h.key(KeyCode::Esc);
    h.key(KeyCode::Esc);
    let buf = h.render(100, 20);
    support::svg::check_or_update(
        Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/screenshots/wizard-reviews.svg"
        )),
        &support::svg::buffer_to_svg(&buf),
    );
}

#[test]
#[ignore = "prints screens for eyeballing: cargo test --test wizard_render dump -- --ignored --nocapture"]
fn dump() {
    let mut h = Harness::new(Theme::mono());
    println!("{}", text(&h.render(80, 20)));
    h.start();
    for _ in 0..11 {
        println!("{}", text(&h.render(80, 20)));
        h.ctrl('n');
    }
    h.key(KeyCode::Char('g'));
    h.typed("4");
    h.key(KeyCode::Enter);
    println!("{}", text(&h.render(120, 40)));
}

#[test]
#[ignore = "prints the whole app for eyeballing: cargo test --test wizard_render dump_app -- --ignored --nocapture"]
fn dump_app() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("r.db"), "tester").expect("open");
    demo::generate(
        &mut store,
        DemoSpec {
            people: 60,
            seed: 7,
            today: today(),
        },
        |_| {},
    )
    .expect("demo");
    let mut app = dsr::ui::app::App::new(store, today(), Theme::mono(), false);
    app.load_active();
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let k = |app: &mut dsr::ui::app::App, code: KeyCode, m: KeyModifiers| {
        app.on_key(KeyEvent::new(code, m))
    };
    k(&mut app, KeyCode::Char('G'), KeyModifiers::NONE);
    k(&mut app, KeyCode::Char('R'), KeyModifiers::NONE);
    k(&mut app, KeyCode::Char('y'), KeyModifiers::NONE);
    term.draw(|f| app.render(f)).expect("draw");
    println!("{}", text(term.backend().buffer()));
    for _ in 0..3 {
        k(&mut app, KeyCode::Char('n'), KeyModifiers::CONTROL);
    }
    for c in "Typing here".chars() {
        k(&mut app, KeyCode::Char(c), KeyModifiers::NONE);
    }
    term.draw(|f| app.render(f)).expect("draw");
    println!("{}", text(term.backend().buffer()));
    k(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    k(&mut app, KeyCode::Char('?'), KeyModifiers::NONE);
    term.draw(|f| app.render(f)).expect("draw");
    println!("{}", text(term.backend().buffer()));
}

/// Keystroke → committed → frame drawn, through the real pane code. Printed, never asserted.
#[test]
fn keystroke_to_frame_cost() {
    let mut h = Harness::new(Theme::colour());
    h.start();
    for _ in 0..3 {
        h.ctrl('n');
    }
    let n = 300u32;
    let started = std::time::Instant::now();
    for i in 0..n {
        h.key(KeyCode::Char(if i % 6 == 5 { ' ' } else { 'x' }));
        h.render(80, 20);
    }
    let per = started.elapsed() / n;
    println!(
        "wizard: {per:?} per keystroke including the SQLite commit, reload and an 80x20 frame"
    );
    let typed: String = h.pane.wizard().expect("open").data.findings[0].clone();
    assert_eq!(typed.chars().count(), n as usize);
}

#[test]
fn panel_and_recommendation_rows_are_typed_in_place() {
    let mut h = Harness::new(Theme::colour());
    let id = h.start();
    h.key(KeyCode::Char('g'));
    h.typed("2");
    h.key(KeyCode::Enter);
    for name in ["Sunita Rao", "Dr Kim Lau", "Ruth Akers"] {
        h.key(KeyCode::Char('a'));
        h.typed(name);
        h.key(KeyCode::Esc);
    }
    // A CETR also needs education and social care: the step says so, and `a` offers them next.
    let screen = text(&h.render(80, 20));
    assert!(
        screen.contains("Still needed: Education, Social care"),
        "{screen}"
    );
    for name in ["Priya Shah", "Tom Edwards"] {
        h.key(KeyCode::Char('a'));
        h.typed(name);
        h.key(KeyCode::Esc);
    }
    let screen = text(&h.render(80, 20));
    assert!(
        screen.contains("Everyone the panel needs is named"),
        "{screen}"
    );
    assert!(screen.contains("Social care"), "{screen}");
    // d removes the member under the cursor.
    h.key(KeyCode::Char('d'));
    let screen = text(&h.render(80, 24));
    assert!(screen.contains("Still needed: Social care"), "{screen}");
    // ... or the review records why nobody from social care could come.
    assert!(screen.contains("Why no social care?"), "{screen}");
    assert!(
        screen.contains("The person") && screen.contains("not recorded"),
        "{screen}"
    );
    h.key(KeyCode::Char('g'));
    h.typed("10");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('a'));
    h.typed("Book a SALT assessment");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.typed("Sam Jones");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    // Replace the default due date with something that is not a date yet.
    for _ in 0..10 {
        h.key(KeyCode::Backspace);
    }
    h.typed("next");
    let buf = h.render(80, 24);
    let screen = text(&buf);
    assert!(screen.contains("not a date yet"), "{screen}");
    let (x, y) = find(&buf, "not a date yet").expect("warning");
    assert_eq!(buf[(x, y)].fg, ratatui::style::Color::Red);
    for _ in 0..4 {
        h.key(KeyCode::Backspace);
    }
    h.typed("+2w");
    let screen = text(&h.render(80, 24));
    assert!(screen.contains("due 08/12/2026"), "{screen}");
    let recs = dsr::store::reviews::recommendations(h.store.conn(), id).expect("recs");
    assert_eq!(recs[0].text, "Book a SALT assessment");
    assert_eq!(recs[0].owner, "Sam Jones");
    assert_eq!(recs[0].due_text, "+2w");
}

#[test]
fn final_review_is_read_only_and_takes_addenda() {
    let mut h = Harness::new(Theme::mono());
    let id = h.start();
    h.store
        .write(|w| {
            use dsr::domain::review::PanelRole;
            use dsr::store::reviews::{self, PanelText, ReviewText};
            for (role, name) in [
                (PanelRole::Chair, "Sunita Rao"),
                (PanelRole::ClinicalExpert, "Dr Kim Lau"),
                (PanelRole::ExpertByExperience, "Ruth Akers"),
                (PanelRole::Education, "Priya Shah"),
                (PanelRole::SocialCare, "Tom Edwards"),
            ] {
                let m = reviews::add_panel_slot(w, id, role)?;
                reviews::set_panel_text(w, m, PanelText::Name, name)?;
            }
            for q in 1..=4 {
                reviews::set_findings(w, id, q, "Discussed with the family.")?;
            }
            reviews::set_outcome(
                w,
                id,
                Some(true),
                Some(dsr::domain::Rating::Amber),
                "stable with the current plan",
            )?;
            reviews::set_text(
                w,
                id,
                ReviewText::ConsentNote,
                "best-interests meeting held",
            )
        })
        .expect("fill in");
    h.key(KeyCode::Char('g'));
    h.typed("11");
    h.key(KeyCode::Enter);
    let screen = text(&h.render(80, 24));
    assert!(screen.contains("Ready to finalise"), "{screen}");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Enter);
    let screen = text(&h.render(80, 24));
    assert!(screen.contains("FINAL: read-only"), "{screen}");
    // The line wraps where the finalising time leaves it.
    let words = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("a adds a dated addendum"), "{screen}");
    // Edits are refused on any step.
    h.key(KeyCode::Char('g'));
    h.typed("4");
    h.key(KeyCode::Enter);
    assert!(
        !h.pane.captures_text(),
        "a final review does not take typing"
    );
    h.key(KeyCode::Char('x'));
    let f = dsr::store::reviews::findings(h.store.conn(), id).expect("findings");
    assert_eq!(f[0], "Discussed with the family.", "unchanged");
    h.key(KeyCode::Char('g'));
    h.typed("11");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('a'));
    assert!(h.pane.captures_text(), "composing an addendum takes typing");
    h.typed("Q1 findings: the visit was in September, not October");
    h.key(KeyCode::Enter);
    let screen = text(&h.render(100, 30));
    assert!(screen.contains("Addenda: 1"), "{screen}");
    assert!(screen.contains("visit was in September"), "{screen}");
}

#[test]
fn n_opens_a_person_picker_that_starts_the_review() {
    let mut h = Harness::new(Theme::colour());
    h.key(KeyCode::Char('n'));
    assert!(h.pane.captures_text(), "the picker takes typing");
    for _ in 0..40 {
        h.key(KeyCode::Backspace);
    }
    let (pid, name): (i64, String) = h
        .store
        .conn()
        .query_row(
            "SELECT id, family_name || ', ' || given_name FROM person p WHERE removed_on IS NULL
             AND NOT EXISTS (SELECT 1 FROM review r WHERE r.person_id = p.id)
             ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("a person with no review");
    h.typed(&name);
    let screen = text(&h.render(80, 20));
    assert!(screen.contains("Start a review for"), "{screen}");
    assert!(screen.contains(&name), "{screen}");
    h.key(KeyCode::Enter);
    let w = h.pane.wizard().expect("wizard opened");
    assert_eq!(w.data.person.id, pid);
    assert_eq!(w.step(), dsr::ui::wizard::Step::Setup);
}

/// The whole app at 80×24 (title, pane, status and hint bars) on every step: the step fits, the
/// hint bar offers the step keys, and `q` in the findings editor is text, not quit.
#[test]
fn whole_app_at_80x24_on_every_step() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("r.db"), "tester").expect("open");
    demo::generate(
        &mut store,
        DemoSpec {
            people: 60,
            seed: 7,
            today: today(),
        },
        |_| {},
    )
    .expect("demo");
    let mut app = dsr::ui::app::App::new(store, today(), Theme::mono(), false);
    app.load_active();
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let key = |app: &mut dsr::ui::app::App, code: KeyCode, m: KeyModifiers| {
        app.on_key(KeyEvent::new(code, m))
    };
    key(&mut app, KeyCode::Char('G'), KeyModifiers::NONE);
    key(&mut app, KeyCode::Char('R'), KeyModifiers::NONE);
    key(&mut app, KeyCode::Char('y'), KeyModifiers::NONE);
    for (step, want) in EXPECT.iter().enumerate() {
        term.draw(|f| app.render(f)).expect("draw");
        let screen = text(term.backend().buffer());
        assert!(screen.contains(want), "step {}:\n{screen}", step + 1);
        assert!(
            screen.contains(&format!("Step {}/11", step + 1)),
            "{screen}"
        );
        let hints = screen.lines().last().unwrap_or("");
        assert!(hints.contains("Ctrl-N/P"), "hint bar: {hints}");
        if step == 3 {
            key(&mut app, KeyCode::Char('q'), KeyModifiers::NONE);
            assert!(!app.should_quit(), "q is text in the findings editor");
            key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
            key(&mut app, KeyCode::Char('?'), KeyModifiers::NONE);
            term.draw(|f| app.render(f)).expect("draw");
            let help = text(term.backend().buffer());
            assert!(help.contains("go to step number"), "{help}");
            assert!(
                !help.contains("next / previous pane"),
                "Tab is the wizard's here:\n{help}"
            );
            key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
        }
        key(&mut app, KeyCode::Char('n'), KeyModifiers::CONTROL);
    }
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    key(&mut app, KeyCode::Char('q'), KeyModifiers::NONE);
    assert!(app.should_quit(), "q quits once no text field has focus");
}

// The panel step records why social care is absent and who took part, and then says nothing is
// missing.
#[test]
fn panel_step_takes_a_reason_and_attendance() {
    let mut h = Harness::new(Theme::mono());
    let id = h.start();
    h.store
        .write(|w| {
            use dsr::domain::review::PanelRole;
            use dsr::store::reviews::{self, PanelText};
            for (role, name) in [
                (PanelRole::Chair, "Sunita Rao"),
                (PanelRole::ClinicalExpert, "Dr Kim Lau"),
                (PanelRole::ExpertByExperience, "Ruth Akers"),
                (PanelRole::Education, "Priya Shah"),
            ] {
                let m = reviews::add_panel_slot(w, id, role)?;
                reviews::set_panel_text(w, m, PanelText::Name, name)?;
            }
            Ok(())
        })
        .expect("panel");
    h.with(|pane, ctx| pane.load(ctx)).expect("reload");
    h.key(KeyCode::Char('g'));
    h.typed("2");
    h.key(KeyCode::Enter);
    let screen = text(&h.render(80, 30));
    assert!(screen.contains("Still needed: Social care"), "{screen}");
    // Tab to the reason (after the four members' three fields each and the add button), type it.
    for _ in 0..13 {
        h.key(KeyCode::Tab);
    }
    h.typed("social worker ill; sent views");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Char(' '));
    let screen = text(&h.render(80, 30));
    assert!(
        screen.contains("Everyone the panel needs is named"),
        "{screen}"
    );
    assert!(screen.contains("attended"), "{screen}");
    let r = dsr::store::reviews::get(h.store.conn(), id).expect("review");
    assert_eq!(
        r.person_attendance,
        Some(dsr::domain::journey::Attendance::Attended)
    );
    let waivers = dsr::store::reviews::panel_waivers(h.store.conn(), id).expect("waivers");
    assert_eq!(waivers[0].1, "social worker ill; sent views");
}

// A one-line field entered with Tab has its value selected: typing replaces it, as in any form.
#[test]
fn tab_into_a_filled_line_field_then_typing_replaces_it() {
    let mut h = Harness::new(Theme::mono());
    let id = h.start();
    for _ in 0..3 {
        h.key(KeyCode::Tab);
    }
    h.typed("Leeds");
    h.key(KeyCode::Tab);
    h.key(KeyCode::BackTab);
    h.typed("York");
    let place: String = h
        .store
        .conn()
        .query_row("SELECT place FROM review WHERE id = ?1", [id], |r| r.get(0))
        .expect("place");
    assert_eq!(place, "York");
}

// ↓ on the key lines of enquiry moves row to row, never into a note; `n` opens the row's note,
// and Esc on an empty note folds it away with the cursor back on its row.
#[test]
fn down_moves_row_to_row_and_notes_open_with_n() {
    use dsr::ui::wizard::Field;
    let mut h = Harness::new(Theme::mono());
    h.start();
    h.key(KeyCode::Char('g'));
    h.typed("4");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Esc); // leave the findings editor
    let focused = |h: &Harness| h.pane.wizard().and_then(|w| w.focused());
    h.key(KeyCode::Down);
    let first = focused(&h);
    assert!(matches!(first, Some(Field::Judgement(_))), "{first:?}");
    h.key(KeyCode::Down);
    let second = focused(&h);
    assert!(
        matches!(second, Some(Field::Judgement(_))) && second != first,
        "↓ reaches the next line, not a note: {second:?}"
    );
    h.key(KeyCode::Up);
    assert_eq!(focused(&h), first);
    let notes = |h: &mut Harness| text(&h.render(100, 60)).matches("  note").count();
    let before = notes(&mut h);
    h.key(KeyCode::Char('n'));
    let Some(Field::KloeNote(_)) = focused(&h) else {
        panic!("n opens the note: {:?}", focused(&h));
    };
    assert_eq!(notes(&mut h), before + 1, "the opened note shows");
    h.key(KeyCode::Esc);
    assert_eq!(
        focused(&h),
        first,
        "Esc on an empty note returns to its row"
    );
    assert_eq!(notes(&mut h), before, "an empty note folds away");
    // A note with text stays, and ↓ still passes over it.
    h.key(KeyCode::Char('n'));
    h.typed("mum worried about nights");
    h.key(KeyCode::Esc);
    assert_eq!(notes(&mut h), before + 1, "a written note stays");
    h.key(KeyCode::Down);
    assert_eq!(focused(&h), second, "↓ passes over a written note too");
}

// A recommendation due before today would become an overdue action the moment the review is
// finalised: the first Enter on Finalise names it and asks again; nothing is created until then.
#[test]
fn past_due_recommendation_asks_before_finalising() {
    let mut h = Harness::new(Theme::mono());
    let id = h.start();
    let past = NaiveDate::from_ymd_opt(2026, 10, 31).expect("date");
    h.store
        .write(|w| {
            use dsr::domain::review::PanelRole;
            use dsr::store::reviews::{self, PanelText, ReviewText};
            for (role, name) in [
                (PanelRole::Chair, "Sunita Rao"),
                (PanelRole::ClinicalExpert, "Dr Kim Lau"),
                (PanelRole::ExpertByExperience, "Ruth Akers"),
                (PanelRole::Education, "Priya Shah"),
                (PanelRole::SocialCare, "Tom Edwards"),
            ] {
                let m = reviews::add_panel_slot(w, id, role)?;
                reviews::set_panel_text(w, m, PanelText::Name, name)?;
            }
            for q in 1..=4 {
                reviews::set_findings(w, id, q, "Discussed with the family.")?;
            }
            reviews::set_outcome(
                w,
                id,
                Some(true),
                Some(dsr::domain::Rating::Amber),
                "stable with the current plan",
            )?;
            reviews::add_recommendation(
                w,
                id,
                Some(1),
                "Refer to advocacy",
                "Sam Jones",
                "CLDT",
                Some(past),
            )?;
            reviews::set_text(
                w,
                id,
                ReviewText::ConsentNote,
                "best-interests meeting held",
            )
        })
        .expect("fill in");
    h.key(KeyCode::Char('g'));
    h.typed("11");
    h.key(KeyCode::Enter);
    assert!(text(&h.render(80, 24)).contains("Ready to finalise"));
    h.key(KeyCode::Enter);
    match &h.flash {
        Some(Flash::Error(m)) => assert!(
            m.contains("due in the past (31/10/2026)") && m.contains("press Enter again"),
            "{m}"
        ),
        other => panic!("expected the past-due question, got {other:?}"),
    }
    let finals: i64 = h
        .store
        .conn()
        .query_row(
            "SELECT count(*) FROM review WHERE id = ?1 AND status = 'final'",
            [id],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(finals, 0, "nothing finalised yet");
    h.key(KeyCode::Enter);
    assert!(text(&h.render(80, 24)).contains("FINAL: read-only"));
}

// The Kind column says CETR or CTR on every row that has one (people due included: the kind
// the review would be), and each review shows the id `dsr review export` takes.
#[test]
fn reviews_list_shows_kind_and_review_ids() {
    let mut h = Harness::new(Theme::mono());
    let screen = text(&h.render(100, 90));
    let mut due = 0;
    for l in screen.lines().skip(2) {
        let cols: Vec<&str> = l.split_whitespace().collect();
        let Some(i) = cols
            .iter()
            .position(|c| ["due", "OVERDUE", "DRAFT", "final", "REPORT"].contains(c))
        else {
            continue;
        };
        if l.contains("asked by") {
            continue;
        }
        let kind = cols.get(i + 2).copied().unwrap_or("");
        assert!(kind == "CETR" || kind == "CTR", "Kind column: {l}");
        if ["due", "OVERDUE"].contains(&cols[i]) {
            due += 1;
        } else {
            let id: i64 = cols[0]
                .parse()
                .unwrap_or_else(|_| panic!("review id first: {l}"));
            let held: i64 = h
                .store
                .conn()
                .query_row("SELECT count(*) FROM review WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .expect("count");
            assert_eq!(held, 1, "{l}");
        }
    }
    assert!(due > 0, "{screen}");
}
