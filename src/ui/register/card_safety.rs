//! The card's safety lines: every next date with what it is, and the hospital stays with what
//! was asked at admission (no community C(E)TR before it, notifiable placements) and the barriers
//! to discharge.

use super::card::Card;
use crate::domain::dates::uk;
use crate::domain::rating::Rating;
use crate::domain::review::{ReviewType, suggest_kind};
use crate::domain::rules::notifiable;
use crate::store::admissions::Admission;
use crate::ui::pane::View;
use crate::ui::sanitize::clean;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

fn c(s: &str) -> String {
    clean(s).into_owned()
}

/// The next C(E)TR (with its type and kind) and the next register review, each dated and marked
/// when overdue; the last discussion at the DSR meeting; and, for a RED person still waiting for
/// their community C(E)TR, the emergency meeting to consider.
pub fn next_dates(card: &Card, view: &View) -> Vec<Line<'static>> {
    let (t, today) = (view.theme, view.today);
    let p = &card.person;
    let label = |s: &str| Span::styled(format!("{s}: "), t.dim());
    let dated = |what: String, due: chrono::NaiveDate| {
        if due < today {
            Span::styled(
                format!(
                    "{what} due {} — OVERDUE by {} days",
                    uk(due),
                    (today - due).num_days()
                ),
                t.warning(),
            )
        } else {
            Span::raw(format!("{what} due {}", uk(due)))
        }
    };
    let kind = suggest_kind(p.details.date_of_birth, p.details.ehcp, today);
    let review_type = p.next_review_type.as_deref().and_then(ReviewType::parse);
    let mut out = vec![Line::from(vec![
        label("Next C(E)TR"),
        match (p.next_review_due, review_type) {
            (Some(due), Some(rt)) => dated(format!("{} {}", rt.label(), kind.code()), due),
            (Some(due), None) => dated(kind.code().to_string(), due),
            (None, _) => Span::styled(
                "none due by policy (the register review below keeps them in view)",
                t.dim(),
            ),
        },
    ])];
    let last = card.register_reviews.last();
    let mut register = vec![
        label("Next register review"),
        match p.register_review_due {
            Some(due) => dated("discussion at the DSR meeting".into(), due),
            None => Span::styled("not yet worked out", t.warning()),
        },
    ];
    register.push(Span::styled(
        match last {
            Some(r) if r.note.trim().is_empty() => {
                format!(
                    "  (last discussed {} by {})",
                    uk(r.discussed_on),
                    c(&r.by_user)
                )
            }
            Some(r) => format!(
                "  (last discussed {} by {}: {})",
                uk(r.discussed_on),
                c(&r.by_user),
                c(&r.note)
            ),
            None => "  (not yet discussed; d records it)".into(),
        },
        t.dim(),
    ));
    out.push(Line::from(register));
    if p.rating == Rating::Red && review_type == Some(ReviewType::Community) {
        out.push(Line::from(Span::styled(
            format!(
                "  If the community {} cannot be held in time, consider a {} (it is not a C(E)TR).",
                kind.code(),
                ReviewType::Emergency.meeting_name(kind)
            ),
            t.warning(),
        )));
    }
    out
}

/// Each stay, newest first: dates and length of stay (continuous across transfers), the ward,
/// what was asked at admission, and the barriers to discharge raised during it.
pub fn stays(card: &Card, view: &View) -> Vec<Line<'static>> {
    let t = view.theme;
    let mut out = Vec::new();
    if card.admissions.is_empty() {
        out.push(Line::styled("  none", t.dim()));
    }
    for a in card.admissions.iter().rev() {
        out.extend(stay(card, a, view));
    }
    if card.in_hospital() {
        out.push(Line::styled(
            "  t transfer · w edit ward, security, legal status, planned discharge · b add a barrier · B resolve one",
            t.dim(),
        ));
    }
    out
}

fn stay(card: &Card, a: &Admission, view: &View) -> Vec<Line<'static>> {
    let (t, today) = (view.theme, view.today);
    let stay = a.length_of_stay(today);
    let transferred = a.ended_by_transfer(&card.admissions);
    let period = match a.discharged_on {
        Some(out) if transferred => format!(
            "{} – {} at this hospital, then {}",
            uk(a.admitted_on),
            uk(out),
            c(a.discharge_destination.as_deref().unwrap_or("transferred"))
        ),
        Some(out) => format!(
            "{} – {} ({stay} days) → {}",
            uk(a.admitted_on),
            uk(out),
            c(a.discharge_destination.as_deref().unwrap_or("—"))
        ),
        None => format!(
            "{} – still in hospital ({stay} days so far{})",
            uk(a.admitted_on),
            if a.episode_start < a.admitted_on {
                format!(", since {}", uk(a.episode_start))
            } else {
                String::new()
            }
        ),
    };
    let style = if a.discharged_on.is_none() {
        t.rating(Rating::Blue)
    } else {
        Style::new()
    };
    let mut out = vec![Line::from(vec![
        Span::raw("  "),
        Span::styled(period, style),
    ])];
    out.push(Line::raw(format!(
        "     {} · {} · {} security · {} · {} · {}{}",
        c(&a.hospital),
        c(&a.ward_type),
        a.security.code(),
        c(&a.legal_status),
        if a.planned { "planned" } else { "unplanned" },
        if a.out_of_area {
            match a.distance_km {
                Some(km) => format!("out of area ({km} km)"),
                None => "out of area".into(),
            }
        } else {
            "in area".into()
        },
        match a.planned_discharge {
            Some(d) if a.discharged_on.is_none() => format!(" · planned discharge {}", uk(d)),
            _ => String::new(),
        }
    )));
    if let Some(what) = &a.to_complete {
        out.push(Line::styled(
            format!("     ! TO COMPLETE: {}", c(what)),
            t.warning(),
        ));
    }
    if let Some(why) = &a.no_community_review_reason {
        out.push(Line::from(vec![
            Span::styled("     ⚠ no community C(E)TR before admission: ", t.warning()),
            Span::raw(c(why)),
        ]));
    }
    let flags = notifiable(
        card.person.details.date_of_birth,
        &a.ward_type,
        &a.legal_status,
        a.admitted_on,
    );
    if !flags.is_empty() {
        let what: Vec<&str> = flags.iter().map(|f| f.label()).collect();
        out.push(Line::from(vec![
            Span::styled(
                format!("     ⚠ NOTIFIABLE: {}: ", what.join("; ")),
                t.error(),
            ),
            Span::raw(
                a.notifiable_reason
                    .as_deref()
                    .map(c)
                    .unwrap_or_else(|| "no reason recorded".into()),
            ),
        ]));
    }
    let barriers: Vec<_> = card
        .barriers
        .iter()
        .filter(|b| b.admission_id == a.id)
        .collect();
    if !barriers.is_empty() {
        out.push(Line::styled("     Barriers to discharge:", t.dim()));
    }
    for b in barriers {
        let state = match b.resolved_on {
            Some(d) => Span::styled(format!(" resolved {}", uk(d)), t.dim()),
            None => Span::styled(" open", t.warning()),
        };
        let note = if b.note.is_empty() {
            String::new()
        } else {
            format!(" — {}", c(&b.note))
        };
        out.push(Line::from(vec![
            Span::raw(format!(
                "       • {} (raised {}){note}",
                c(&b.label),
                uk(b.raised_on)
            )),
            state,
        ]));
    }
    out
}
