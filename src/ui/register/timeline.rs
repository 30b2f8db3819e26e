//! A person's timeline on the card (`h`): every change to their record, admissions, reviews,
//! actions and requests, and every time someone opened them, newest first, from the audit trail.

use crate::store::timeline::AuditLine;
use crate::ui::pane::View;
use crate::ui::sanitize::clean;
use ratatui::text::{Line, Span};

/// Longest stretch of an old or new value shown on one line; the rest is in `dsr audit`.
const VALUE_CHARS: usize = 60;

fn short(text: &str) -> String {
    let one_line: String = clean(text)
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    if one_line.chars().count() > VALUE_CHARS {
        let cut: String = one_line.chars().take(VALUE_CHARS - 1).collect();
        format!("{cut}…")
    } else {
        one_line
    }
}

/// `2026-11-24T10:15:42Z` as `24/11/2026 10:15` (UTC, as the trail keeps it; the date in the
/// form the settings chose).
fn when(at: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(at) {
        Ok(t) => format!(
            "{} {}",
            crate::domain::dates::uk(t.date_naive()),
            t.format("%H:%M")
        ),
        Err(_) => clean(at).into_owned(),
    }
}

/// What the row says happened, in words.
fn what(l: &AuditLine) -> String {
    let record = match l.entity.as_str() {
        "person" => String::new(),
        other => format!("{} {} ", other.replace('_', " "), l.entity_id),
    };
    if l.kind == "access" {
        return match l.entity.as_str() {
            "person" => format!("opened the {}", clean(&l.field)),
            _ => format!("opened {}", record.trim_end()),
        };
    }
    let value = |v: &Option<String>| v.as_deref().map_or("(none)".to_string(), short);
    format!(
        "{record}{}: {} → {}",
        clean(&l.field),
        value(&l.old),
        value(&l.new)
    )
}

pub fn lines(trail: &[AuditLine], name: &str, view: &View) -> Vec<Line<'static>> {
    let t = view.theme;
    let mut out = vec![Line::from(Span::styled(
        format!("Timeline of {} (newest first; times UTC)", clean(name)),
        t.header(),
    ))];
    if trail.is_empty() {
        out.push(Line::styled("  nothing recorded", t.dim()));
    }
    for l in trail {
        let who = match &l.os_user {
            Some(os) if os != &l.by_user => format!("{} ({})", clean(&l.by_user), clean(os)),
            _ => clean(&l.by_user).into_owned(),
        };
        let style = if l.kind == "access" {
            t.dim()
        } else {
            ratatui::style::Style::new()
        };
        out.push(Line::from(vec![
            Span::raw(format!("  {}  ", when(&l.at))),
            Span::styled(format!("{who}  "), t.dim()),
            Span::styled(what(l), style),
        ]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(
        kind: &str,
        entity: &str,
        field: &str,
        old: Option<&str>,
        new: Option<&str>,
    ) -> AuditLine {
        AuditLine {
            id: 1,
            at: "2026-11-24T10:15:42Z".into(),
            by_user: "Jo".into(),
            os_user: Some("jhartley".into()),
            kind: kind.into(),
            entity: entity.into(),
            entity_id: 7,
            person_id: Some(3),
            field: field.into(),
            old: old.map(Into::into),
            new: new.map(Into::into),
        }
    }

    #[test]
    fn rows_read_as_what_happened() {
        assert_eq!(
            what(&row(
                "change",
                "person",
                "rating",
                Some("AMBER"),
                Some("RED")
            )),
            "rating: AMBER → RED"
        );
        assert_eq!(
            what(&row("access", "review", "review", None, None)),
            "opened review 7"
        );
        assert_eq!(
            what(&row("access", "person", "card", None, None)),
            "opened the card"
        );
        let long = "x".repeat(100);
        assert!(what(&row("change", "review", "q1.findings", None, Some(&long))).ends_with('…'));
        assert_eq!(when("2026-11-24T10:15:42Z"), "24/11/2026 10:15");
    }

    #[test]
    fn control_characters_in_values_never_reach_the_terminal() {
        let w = what(&row(
            "change",
            "person",
            "notes",
            None,
            Some("a\u{1b}[2Jb\nc"),
        ));
        assert!(!w.chars().any(|c| c.is_control()), "{w:?}");
    }
}
