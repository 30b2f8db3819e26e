use super::*;

fn k(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum F {
    Name,
    Basis,
    Criteria,
}
use F::*;

fn sample() -> Form<F> {
    Form::new(vec![
        (Name, Item::text(Field::new("Name"))),
        (
            Basis,
            Item::choice(Choice::new(
                "Basis",
                &["informed", "best interests", "parental"],
            )),
        ),
        (
            Criteria,
            Item::checks(Checks::new("Criteria", &["one", "two", "three"])),
        ),
    ])
}

#[test]
fn focus_moves_and_reports_the_item_left() {
    let mut f = sample();
    assert_eq!(
        f.handle_key(k(KeyCode::Char('A'))),
        FormEvent::Changed(Name)
    );
    assert_eq!(f.handle_key(k(KeyCode::Tab)), FormEvent::Left(Name));
    assert_eq!(f.focus(), Some(Basis));
    assert_eq!(f.handle_key(k(KeyCode::Down)), FormEvent::Left(Basis));
    // Inside the tick list ↓ moves between lines until the last one.
    assert_eq!(f.handle_key(k(KeyCode::Down)), FormEvent::Consumed);
    assert_eq!(f.handle_key(k(KeyCode::Down)), FormEvent::Consumed);
    assert_eq!(f.handle_key(k(KeyCode::Down)), FormEvent::Left(Criteria));
    assert_eq!(f.focus(), Some(Name));
    assert_eq!(f.handle_key(k(KeyCode::Enter)), FormEvent::Submit);
    assert_eq!(f.handle_key(k(KeyCode::Esc)), FormEvent::Cancel);
    assert!(f.is_dirty());
}

#[test]
fn choices_cycle_and_jump_and_checks_tick() {
    let mut f = sample();
    f.set_focus(Basis);
    f.handle_key(k(KeyCode::Char('p')));
    assert_eq!(
        f.choice(Basis).and_then(Choice::selected_label),
        Some("parental")
    );
    f.handle_key(k(KeyCode::Right));
    assert_eq!(f.choice(Basis).and_then(Choice::selected), Some(0));
    f.handle_key(k(KeyCode::Left));
    assert_eq!(f.choice(Basis).and_then(Choice::selected), Some(2));
    let mut opt = Choice::new("x", &["a", "b"]).optional();
    assert_eq!(opt.selected(), None);
    opt.cycle(true);
    assert_eq!(opt.selected(), Some(0));
    opt.cycle(false);
    assert_eq!(opt.selected(), None);
    f.set_focus(Criteria);
    f.handle_key(k(KeyCode::Char('3')));
    f.handle_key(k(KeyCode::Char(' ')));
    f.handle_key(k(KeyCode::Char(' ')));
    assert_eq!(f.checks(Criteria).map(Checks::ticked), Some(vec![2]));
    f.set_error(Criteria, Some("tick one".into()));
    assert_eq!(f.first_error(), Some(Criteria));
    assert_eq!(f.height(40), 1 + 1 + 4 + 1);
}

#[test]
fn renders_labels_values_errors_and_focus() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let mut f = sample();
    f.handle_key(k(KeyCode::Char('Z')));
    f.set_error(Name, Some("name is required".into()));
    let mut term = Terminal::new(TestBackend::new(40, 10)).expect("terminal");
    term.draw(|fr| f.render(fr, fr.area(), Theme::mono()))
        .expect("draw");
    let buf = term.backend().buffer().clone();
    let row = |y: u16| -> String { (0..40).map(|x| buf[(x, y)].symbol()).collect() };
    assert!(row(0).starts_with("▸Name"), "{:?}", row(0));
    assert!(row(0).contains('Z'));
    assert!(row(1).contains("⚠ name is required"), "{:?}", row(1));
    assert!(row(2).contains("Basis") && row(2).contains("informed"));
    assert!(row(4).contains("1 [ ] one"), "{:?}", row(4));
    // The focused field's cursor is drawn reversed (visible without colour).
    let cursor_x = row(0)
        .find('Z')
        .map(|b| row(0)[..b].chars().count() as u16 + 1);
    let cursor = buf[(cursor_x.expect("Z on row 0"), 0)].modifier;
    assert!(cursor.contains(ratatui::style::Modifier::REVERSED));
}

// A message cut at the dialog's border hides what to do (the NHS number check names the check
// digit at its end): an error wraps under its item, the form grows by its lines, and every word
// is drawn.
#[test]
fn a_long_error_wraps_under_its_field_and_the_form_grows_to_fit() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let mut f = sample();
    let msg = "9990000019 is not a valid NHS number: its check digit should be 8, so a digit was \
               mistyped; check the number on the referral letter";
    f.set_error(Name, Some(msg.into()));
    let h = f.height(40);
    assert!(h > 1 + 1 + 1 + 4 + 1, "the error takes several rows: {h}");
    let mut term = Terminal::new(TestBackend::new(40, h)).expect("terminal");
    term.draw(|fr| f.render(fr, fr.area(), Theme::mono()))
        .expect("draw");
    let buf = term.backend().buffer().clone();
    let shown: Vec<String> = (0..h)
        .map(|y| (0..40).map(|x| buf[(x, y)].symbol()).collect())
        .collect();
    let words: Vec<&str> = shown.iter().flat_map(|l| l.split_whitespace()).collect();
    assert!(words.join(" ").contains(msg), "{shown:#?}");
    assert!(shown.iter().any(|l| l.contains("1 [ ] one")), "{shown:#?}");
}

// Tab into a pre-filled field selects it: typing replaces the value, as in every form staff
// know, instead of appending to it.
#[test]
fn tab_into_a_prefilled_field_then_typing_replaces_it() {
    let mut f: Form<F> = Form::new(vec![
        (Name, Item::text(Field::new("Name").with_value("Alex"))),
        (
            Basis,
            Item::text(Field::new("Owner").with_value("Sunita Rao")),
        ),
    ]);
    f.handle_key(k(KeyCode::Tab));
    for c in "Kim".chars() {
        f.handle_key(k(KeyCode::Char(c)));
    }
    assert_eq!(f.text(Basis), "Kim");
    f.handle_key(k(KeyCode::BackTab));
    f.handle_key(k(KeyCode::End));
    f.handle_key(k(KeyCode::Char('a')));
    assert_eq!(f.text(Name), "Alexa", "a cursor key keeps the text");
}

// After a refused save the cursor is on the field in error with its text selected, so the
// correction replaces the wrong value and never lands in another field.
#[test]
fn a_refusal_focuses_its_field_with_the_wrong_value_selected() {
    let mut f: Form<F> = Form::new(vec![
        (Name, Item::text(Field::new("Date").with_value("soon"))),
        (Basis, Item::text(Field::new("Reason"))),
    ]);
    f.set_focus(Basis);
    f.set_error(Name, Some("not a date".into()));
    assert_eq!(f.focus_first_error(), Some(Name));
    for c in "+2w".chars() {
        f.handle_key(k(KeyCode::Char(c)));
    }
    assert_eq!(f.text(Name), "+2w");
    assert_eq!(f.text(Basis), "");
}
