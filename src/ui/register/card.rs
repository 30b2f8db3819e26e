//! The person card: everything about one person on one scrolling page. Loaded once when opened
//! (a handful of small queries) and reloaded after a write to that person.

use crate::domain::action::{ActionStatus, days_overdue};
use crate::domain::age::age_on;
use crate::domain::dates::uk;
use crate::domain::review::{is_transition, suggest_kind};
use crate::store::actions::{self, ActionRow};
use crate::store::admissions::{self, Admission, Barrier};
use crate::store::consent::{self, ConsentRow};
use crate::store::people::{self, PersonRecord, RatingChange};
use crate::store::reviews::{self, ReviewRow};
use crate::store::schedule::{self, RegisterReview};
use crate::store::timeline::AuditLine;
use crate::ui::pane::View;
use crate::ui::sanitize::clean;
use crate::ui::theme::rating_badge;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Padding, Paragraph, Wrap};
use rusqlite::Connection;

pub struct Card {
    pub person: PersonRecord,
    pub history: Vec<RatingChange>,
    pub admissions: Vec<Admission>,
    /// Barriers to discharge on any of the admissions.
    pub barriers: Vec<Barrier>,
    /// Each time the person was discussed at the DSR meeting, oldest first.
    pub register_reviews: Vec<RegisterReview>,
    pub reviews: Vec<ReviewRow>,
    pub actions: Vec<ActionRow>,
    /// Consent records, oldest decision first.
    pub consents: Vec<ConsentRow>,
    /// (code, label) of every criterion, to show labels rather than codes.
    pub criteria_labels: Vec<(String, String)>,
    pub scroll: u16,
    /// The person's timeline from the audit trail, shown instead of the card while open (`h`).
    pub trail: Option<Vec<AuditLine>>,
    /// Lines the card had when last drawn, to stop scrolling past the end.
    lines: u16,
    page: u16,
}

impl Card {
    pub fn load(conn: &Connection, id: i64) -> crate::store::Result<Card> {
        Ok(Card {
            person: people::person(conn, id)?,
            history: people::rating_history(conn, id)?,
            admissions: admissions::admissions_of(conn, id)?,
            barriers: admissions::barriers_of_person(conn, id)?,
            register_reviews: schedule::register_reviews_of(conn, id)?,
            reviews: reviews::of_person(conn, id)?,
            actions: actions::of_person(conn, id)?,
            consents: consent::consents_of(conn, id)?,
            criteria_labels: people::criteria_lookup(conn)?,
            scroll: 0,
            trail: None,
            lines: 0,
            page: 1,
        })
    }

    /// Show the timeline (or, with `None`, the card again) from its top.
    pub fn show_trail(&mut self, trail: Option<Vec<AuditLine>>) {
        self.trail = trail;
        self.scroll = 0;
    }

    pub fn id(&self) -> i64 {
        self.person.id
    }

    pub fn in_hospital(&self) -> bool {
        self.admissions.iter().any(|a| a.discharged_on.is_none())
    }

    pub fn scroll_by(&mut self, delta: i32) {
        let max = self.lines.saturating_sub(self.page);
        let next = (i32::from(self.scroll) + delta).clamp(0, i32::from(max));
        self.scroll = next as u16;
    }

    pub fn scroll_page(&mut self, down: bool) {
        let p = i32::from(self.page.saturating_sub(1).max(1));
        self.scroll_by(if down { p } else { -p });
    }

    pub fn scroll_to(&mut self, end: bool) {
        self.scroll = if end {
            self.lines.saturating_sub(self.page)
        } else {
            0
        };
    }

    fn criterion_label<'a>(&'a self, code: &'a str) -> &'a str {
        self.criteria_labels
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, l)| l.as_str())
            .unwrap_or(code)
    }

    pub fn lines(&self, view: &View) -> Vec<Line<'static>> {
        let t = view.theme;
        let today = view.today;
        let p = &self.person;
        let d = &p.details;
        let c = |s: &str| clean(s).into_owned();
        let opt = |s: &Option<String>| s.as_deref().map(c).unwrap_or_else(|| "—".into());
        let label = |s: &str| Span::styled(format!("{s}: "), t.dim());
        let head = |s: &str| Line::from(Span::styled(s.to_string(), t.header()));
        let mut out: Vec<Line<'static>> = Vec::new();

        // Identity and rating.
        let mut title = vec![
            Span::styled(rating_badge(p.rating), t.rating(p.rating)),
            Span::raw(" "),
            Span::styled(c(&d.display_name()), t.title()),
            Span::raw(format!(
                "  {} since {}",
                p.rating.code(),
                uk(p.rating_since)
            )),
        ];
        if let Some(removed) = p.removed_on {
            title.push(Span::styled(
                format!(
                    "  REMOVED {} ({})",
                    uk(removed),
                    c(p.removed_reason.as_deref().unwrap_or(""))
                ),
                t.error(),
            ));
        }
        out.push(Line::from(title));
        out.push(Line::from(Span::styled(
            format!("    {}", p.rating.meaning()),
            t.dim(),
        )));
        let age = age_on(d.date_of_birth, today);
        let mut ident = vec![
            label("NHS number"),
            Span::raw(
                d.nhs_number
                    .as_ref()
                    .map(|n| n.to_string())
                    .unwrap_or_else(|| "not recorded".into()),
            ),
            Span::raw("   "),
            label("Local id"),
            Span::raw(opt(&d.local_id)),
            Span::raw("   "),
            label("Born"),
            Span::raw(format!(
                "{} (age {age}, {})",
                uk(d.date_of_birth),
                suggest_kind(d.date_of_birth, d.ehcp, today).code()
            )),
        ];
        if is_transition(d.date_of_birth, today) {
            ident.push(Span::styled("  turning 18 soon", t.warning()));
        }
        out.push(Line::from(ident));
        out.push(Line::from(vec![
            label("Diagnosis"),
            Span::raw(d.diagnosis.label()),
            Span::raw("   "),
            label("EHCP"),
            Span::raw(if d.ehcp { "yes" } else { "no" }),
            Span::raw("   "),
            label("Sex / gender"),
            Span::raw(format!("{} / {}", opt(&d.sex), opt(&d.gender_identity))),
            Span::raw("   "),
            label("Ethnicity"),
            Span::raw(opt(&d.ethnicity)),
        ]));
        out.push(Line::from(vec![
            label("Setting"),
            Span::raw(d.setting.map(|s| s.label()).unwrap_or("—")),
            Span::raw("   "),
            label("Keyworker"),
            Span::raw(opt(&d.keyworker)),
            Span::raw("   "),
            label("Care coordinator"),
            Span::raw(opt(&d.care_coordinator)),
        ]));
        out.push(Line::from(vec![
            label("GP practice"),
            Span::raw(opt(&d.gp_practice)),
            Span::raw("   "),
            label("Local authority"),
            Span::raw(opt(&d.local_authority)),
            Span::raw("   "),
            label("Added"),
            Span::raw(uk(p.added_on)),
        ]));
        out.push(self.consent_glance(view));
        if let Some(obj) = d.objection_to_reporting {
            out.push(Line::from(vec![
                label("Objects to national reporting"),
                Span::styled(format!("since {}", uk(obj)), t.warning()),
            ]));
        }
        if d.referral_date.is_some() || d.referrer.is_some() {
            out.push(Line::from(vec![
                label("Referral"),
                Span::raw(format!(
                    "{} via {} by {}",
                    d.referral_date.map(uk).unwrap_or_else(|| "—".into()),
                    opt(&d.referral_route),
                    opt(&d.referrer)
                )),
            ]));
        }
        out.extend(super::card_safety::next_dates(self, view));

        out.push(Line::raw(""));
        out.push(head("Inclusion criteria"));
        if d.criteria.is_empty() {
            out.push(Line::styled("  none recorded", t.warning()));
        }
        for code in &d.criteria {
            out.push(Line::raw(format!("  • {}", c(self.criterion_label(code)))));
        }

        out.push(Line::raw(""));
        out.push(head("Rating history (newest first)"));
        for h in self.history.iter().rev() {
            let from = h.from.map(|r| r.letter().to_string());
            out.push(Line::from(vec![
                Span::raw(format!("  {}  ", uk(h.effective))),
                match h.from {
                    Some(f) => Span::styled(rating_badge(f), t.rating(f)),
                    None => Span::raw("new"),
                },
                Span::raw(if from.is_some() { "→" } else { " " }),
                Span::styled(rating_badge(h.to), t.rating(h.to)),
                Span::styled(format!("  {}  ", c(&h.by_user)), t.dim()),
                Span::raw(c(&h.reason)),
            ]));
        }

        out.push(Line::raw(""));
        out.push(head("Admissions"));
        out.extend(super::card_safety::stays(self, view));

        out.push(Line::raw(""));
        out.push(head("Reviews"));
        if self.reviews.is_empty() {
            out.push(Line::styled("  none yet (R starts one)", t.dim()));
        }
        for r in &self.reviews {
            let mut spans = vec![Span::raw(format!(
                "  {}  {} {} — {}",
                uk(r.held_on),
                r.kind.code(),
                r.review_type.label(),
                r.status.code()
            ))];
            if let Some(why) = &r.discard_reason {
                spans.push(Span::styled(format!(": {}", clean(why)), t.dim()));
            }
            if let Some(pr) = r.proposed_rating {
                spans.push(Span::raw("  proposed "));
                spans.push(Span::styled(rating_badge(pr), t.rating(pr)));
            }
            out.push(Line::from(spans));
        }

        out.push(Line::raw(""));
        let open: Vec<&ActionRow> = self
            .actions
            .iter()
            .filter(|a| !a.status.is_closed())
            .collect();
        out.push(head(&format!("Open actions ({})", open.len())));
        if open.is_empty() {
            out.push(Line::styled("  none", t.dim()));
        }
        for a in open {
            let late = days_overdue(a.status, a.due, today);
            let due = if late > 0 {
                Span::styled(format!("  {} !{late}d ", uk(a.due)), t.warning())
            } else {
                Span::raw(format!("  {} ", uk(a.due)))
            };
            let status = if a.status == ActionStatus::Open {
                String::new()
            } else {
                format!("[{}] ", a.status.label())
            };
            out.push(Line::from(vec![
                due,
                Span::raw(format!(" {status}{}", c(&a.text))),
                Span::styled(format!(" — {}", c(&a.owner)), t.dim()),
            ]));
        }
        out.extend(self.consent_records(view));
        if let Some(n) = &d.notes {
            out.push(Line::raw(""));
            out.push(head("Notes"));
            for l in clean(n).lines() {
                out.push(Line::raw(format!("  {l}")));
            }
        }
        out
    }

    pub fn render(&mut self, frame: &mut Frame, area: Rect, view: &View) {
        let t = view.theme;
        let name = self.person.details.display_name();
        let (lines, title) = match &self.trail {
            Some(trail) => (super::timeline::lines(trail, &name, view), "Timeline"),
            None => (self.lines(view), "Person card"),
        };
        let block = Block::default()
            .borders(Borders::TOP)
            .padding(Padding::horizontal(1))
            .title(Span::styled(
                format!(" {title}: {} ", clean(&name)),
                t.title(),
            ));
        let inner = block.inner(area);
        let width = usize::from(inner.width.max(1));
        // Wrapped height, estimated (word wrap may add a line now and then: allow two spare).
        let wrapped: usize = lines.iter().map(|l| l.width().div_ceil(width).max(1)).sum();
        let para = Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block);
        self.page = inner.height.max(1);
        self.lines = (wrapped + 2) as u16;
        self.scroll = self.scroll.min(self.lines.saturating_sub(self.page));
        frame.render_widget(para.scroll((self.scroll, 0)), area);
    }
}
