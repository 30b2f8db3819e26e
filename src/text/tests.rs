use super::*;

#[test]
fn escape_sequences_become_placeholders() {
    assert_eq!(clean("Ann\u{1b}[2JBell"), "Ann\u{FFFD}[2JBell");
    assert_eq!(clean("a\u{7}b\u{9b}c\u{7f}"), "a\u{FFFD}b\u{FFFD}c\u{FFFD}");
    assert_eq!(clean("tab\there"), "tab\u{FFFD}here");
    assert_eq!(clean("evil\u{202E}txt"), "evil\u{FFFD}txt");
}

#[test]
fn invisible_marks_are_shown_and_measured() {
    for mark in [
        '\u{200B}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{061C}', '\u{2028}',
    ] {
        let s = format!("Ann{mark}Bell");
        assert_eq!(clean(&s), "Ann\u{FFFD}Bell", "{:?}", mark);
        assert_eq!(width(&s), 8);
    }
    // An emoji family is drawn as its people, each two columns, with the joiners shown.
    assert_eq!(width("👨\u{200D}👩\u{200D}👧"), 8);
    assert_eq!(width("日本"), 4);
}

#[test]
fn ordinary_text_is_borrowed() {
    assert!(matches!(clean("Zoë O'Brien-Ng"), Cow::Borrowed(_)));
    assert!(matches!(clean_input("Zoë O'Brien-Ng"), Cow::Borrowed(_)));
    assert_eq!(
        clean_multiline("line 1\nline\u{1b}2"),
        "line 1\nline\u{FFFD}2"
    );
}

#[test]
fn input_drops_controls_and_keeps_script_joiners() {
    assert_eq!(
        clean_input("Ann\u{1b}]52;c;aGk=\u{7}Bell"),
        "Ann]52;c;aGk=Bell"
    );
    assert_eq!(clean_input("a\tb\nc\u{0}d\u{9b}e"), "a b cde");
    assert_eq!(clean_input("Ann\u{200B}\u{202E}Bell"), "AnnBell");
    assert_eq!(clean_input("می\u{200C}خواهم"), "می\u{200C}خواهم");
    assert_eq!(
        clean_input_multiline("one\r\ntwo\rthree\u{2028}four\u{1b}"),
        "one\ntwo\nthree\nfour"
    );
}

#[test]
fn truncate_counts_columns_not_characters() {
    assert_eq!(truncate("日本語テキスト", 7), "日本語…");
    assert_eq!(truncate("short", 7), "short");
    assert_eq!(truncate("a\u{1b}b", 7), "a\u{FFFD}b");
}

#[test]
fn markdown_cannot_make_html_links_or_headings() {
    assert_eq!(
        markdown("<script>alert(1)</script>"),
        "&lt;script&gt;alert(1)&lt;/script&gt;"
    );
    assert_eq!(
        markdown("[click](javascript:alert(1))"),
        "\\[click\\](javascript:alert(1))"
    );
    assert_eq!(
        markdown("# Heading\n- item\n1. one"),
        "\\# Heading\n\\- item\n1\\. one"
    );
    assert_eq!(markdown("![x](y)"), "!\\[x\\](y)");
    assert_eq!(markdown("Smith & Jones"), "Smith &amp; Jones");
    assert_eq!(markdown("plain text, 3 items."), "plain text, 3 items.");
}

fn through_writer(chunks: &[&[u8]]) -> String {
    let mut w = SafeWriter::new(Vec::new());
    for c in chunks {
        w.write_all(c).expect("write");
    }
    String::from_utf8(w.into_inner().expect("finish")).expect("utf-8")
}

#[test]
fn writer_replaces_controls_even_split_across_writes() {
    assert_eq!(
        through_writer(&[b"a\x1b[2J\x07b\r\nc\n"]),
        "a\u{FFFD}[2J\u{FFFD}b\r\nc\n"
    );
    // U+009B (C1 CSI) is two bytes in UTF-8; split between writes it is still caught.
    assert_eq!(through_writer(&[b"x\xc2", b"\x9by"]), "x\u{FFFD}y");
    assert_eq!(through_writer(&[b"a\r", b"\nb\r", b"c"]), "a\r\nb\u{FFFD}c");
    assert_eq!(through_writer(&["é\u{202E}".as_bytes()]), "é\u{FFFD}");
    assert_eq!(through_writer(&[b"bad \xff byte"]), "bad \u{FFFD} byte");
}

#[test]
fn wrap_keeps_every_word_of_a_long_message_within_the_width() {
    let msg =
        "this record was changed by someone else since you opened it: Esc, then open it again";
    let lines = wrap(msg, 30, "  ");
    assert!(lines.len() > 1);
    assert!(lines.iter().all(|l| width(l) <= 30), "{lines:?}");
    assert!(lines[1..].iter().all(|l| l.starts_with("  ")), "{lines:?}");
    let words: Vec<&str> = lines.iter().flat_map(|l| l.split_whitespace()).collect();
    assert_eq!(words.join(" "), msg);
}

#[test]
fn wrap_breaks_a_word_wider_than_the_line_and_never_draws_controls() {
    let lines = wrap("ab\u{1b}[2Jcdefghijkl", 5, "");
    assert!(lines.iter().all(|l| width(l) <= 5), "{lines:?}");
    assert!(lines.concat().contains(PLACEHOLDER));
    assert!(!lines.concat().contains('\u{1b}'));
    assert_eq!(wrap("", 10, ""), vec![String::new()]);
}

#[test]
fn wrap_starts_a_new_line_at_each_line_break() {
    assert_eq!(
        wrap("not saved:\nthe register is busy", 40, "  "),
        vec![
            "not saved:".to_string(),
            "  the register is busy".to_string()
        ]
    );
}
