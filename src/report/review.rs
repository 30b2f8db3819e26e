//! `dsr review export`: the review report (for everyone who took part) and the plain-English
//! action plan for the person and family, as Markdown or plain text.

use crate::domain::dates::uk;
use crate::domain::journey::Attendance;
use crate::domain::plain::{date_in_words, explain, rating_for_family};
use crate::domain::review::{KloeJudgement, PanelRole, QUESTIONS, Reflection};
use crate::store::reviews::{PrincipleKind, ReviewData};
use crate::text::markdown;
use crate::ui::when::local_stamp;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Text,
}

/// A small document builder that writes Markdown or underlined plain text.
struct Doc {
    md: bool,
    out: String,
}

impl Doc {
    fn new(format: Format) -> Doc {
        Doc {
            md: format == Format::Markdown,
            out: String::new(),
        }
    }
    /// Text as the document shows it: in Markdown, escaped, so nothing typed in the review becomes
    /// a heading, link, image or HTML in the rendered report.
    fn text<'a>(&self, s: &'a str) -> std::borrow::Cow<'a, str> {
        if self.md {
            std::borrow::Cow::Owned(markdown(s))
        } else {
            std::borrow::Cow::Borrowed(s)
        }
    }
    fn h1(&mut self, s: &str) {
        if self.md {
            self.out.push_str(&format!("# {}\n\n", self.text(s)));
        } else {
            let n = s.chars().count();
            self.out.push_str(&format!("{s}\n{}\n\n", "=".repeat(n)));
        }
    }
    fn h2(&mut self, s: &str) {
        if self.md {
            self.out.push_str(&format!("## {}\n\n", self.text(s)));
        } else {
            let n = s.chars().count();
            self.out.push_str(&format!("{s}\n{}\n\n", "-".repeat(n)));
        }
    }
    fn h3(&mut self, s: &str) {
        if self.md {
            self.out.push_str(&format!("### {}\n\n", self.text(s)));
        } else {
            self.out.push_str(&format!("{s}\n\n"));
        }
    }
    fn para(&mut self, s: &str) {
        let s = self.text(s.trim_end()).into_owned();
        self.out.push_str(&s);
        self.out.push_str("\n\n");
    }
    fn kv(&mut self, k: &str, v: &str) {
        if self.md {
            self.out.push_str(&format!("- **{k}:** {}\n", self.text(v)));
        } else {
            self.out.push_str(&format!("  {k}: {v}\n"));
        }
    }
    fn bullet(&mut self, s: &str) {
        let indent = if self.md { "  " } else { "    " };
        let body = self
            .text(s.trim_end())
            .replace('\n', &format!("\n{indent}"));
        if self.md {
            self.out.push_str(&format!("- {body}\n"));
        } else {
            self.out.push_str(&format!("  - {body}\n"));
        }
    }
    fn numbered(&mut self, n: usize, s: &str) {
        let body = self.text(s.trim_end()).replace('\n', "\n   ");
        if self.md {
            self.out.push_str(&format!("{n}. {body}\n"));
        } else {
            self.out
                .push_str(&format!("  {n}. {body}\n").replace("\n   ", "\n     "));
        }
    }
    fn end_list(&mut self) {
        self.out.push('\n');
    }
}

fn or_dash(s: Option<&str>) -> &str {
    match s {
        Some(x) if !x.trim().is_empty() => x,
        _ => "-",
    }
}

/// The review report: everything recorded, in the order of the meeting.
pub fn report(d: &ReviewData, format: Format) -> String {
    let r = &d.review;
    let p = &d.person.details;
    let mut doc = Doc::new(format);
    doc.h1(&format!("{}: {}", r.kind.title(), p.display_name()));
    doc.kv("Review", &format!("{} (id {})", r.kind.code(), r.id));
    doc.kv("Type", r.review_type.label());
    if let Some(t) = r.kloe_template {
        doc.kv("Key lines of enquiry", &format!("{} template", t.label()));
    }
    doc.kv("Date", &uk(r.held_on));
    let place = match (r.place.as_deref(), r.virtual_meeting) {
        (Some(pl), true) if pl.to_lowercase().contains("virtual") => pl.to_string(),
        (Some(pl), true) if !pl.trim().is_empty() => format!("{pl} (virtual meeting)"),
        (_, true) => "virtual".into(),
        (pl, false) => or_dash(pl).to_string(),
    };
    doc.kv("Place", &place);
    doc.kv(
        "Status",
        &match (&r.finalised_at, &r.finalised_by, &r.discarded_at) {
            (Some(at), Some(by), _) => format!("final, {} by {by}", local_stamp(at)),
            (_, _, Some(at)) => format!(
                "DISCARDED draft, {} by {}: {}",
                local_stamp(at),
                or_dash(r.discarded_by.as_deref()),
                or_dash(r.discard_reason.as_deref())
            ),
            _ => "DRAFT (not finalised)".into(),
        },
    );
    doc.kv(
        "NHS number",
        &p.nhs_number.as_ref().map_or("-".into(), |n| n.to_string()),
    );
    doc.kv("Date of birth", &uk(p.date_of_birth));
    // The rating this review set, not the person's rating today: a report read later must say
    // what the panel decided then.
    let set = match (d.is_final(), r.proposed_rating) {
        (true, Some(x)) => x.code().to_string(),
        (true, None) => "no new rating proposed".into(),
        (false, Some(x)) => format!("{} proposed (not yet set: draft)", x.code()),
        (false, None) => "none proposed yet".into(),
    };
    doc.kv("Rating set by this review", &set);
    if d.is_final() {
        let sent = |on: Option<chrono::NaiveDate>, to: Option<&str>| match on {
            Some(on) => format!("sent {} to {}", uk(on), or_dash(to)),
            None => "not sent yet".into(),
        };
        doc.kv(
            "Report",
            &sent(r.report_sent_on, r.report_sent_to.as_deref()),
        );
        doc.kv(
            "Family action plan",
            &sent(r.family_plan_sent_on, r.family_plan_sent_to.as_deref()),
        );
    }
    doc.end_list();

    doc.h2("Consent");
    doc.para(&format!("Consent to the review: {}.", d.review_consent));
    if !d.consents.is_empty() {
        for c in &d.consents {
            doc.bullet(&c.record.describe());
        }
        doc.end_list();
    }
    if let Some(note) = r.consent_note.as_deref().filter(|n| !n.trim().is_empty()) {
        doc.para(&format!("Reason / note: {note}"));
    }

    doc.h2("Panel");
    for m in &d.panel {
        let org = m
            .organisation
            .as_deref()
            .filter(|o| !o.trim().is_empty())
            .map(|o| format!(", {o}"))
            .unwrap_or_default();
        doc.bullet(&format!("{}: {}{org}", m.role.label(), m.name));
    }
    for (role, reason) in &d.panel_waivers {
        doc.bullet(&format!(
            "{}: could not take part ({})",
            role.label(),
            reason.trim()
        ));
    }
    let took_part = |a: Option<Attendance>| a.map_or("not recorded", |a| a.label());
    doc.bullet(&format!("The person: {}", took_part(r.person_attendance)));
    doc.bullet(&format!(
        "Family / carers: {}",
        took_part(r.family_attendance)
    ));
    doc.end_list();

    doc.h2("Documents");
    for x in &d.documents {
        doc.bullet(&format!(
            "[{}] {}",
            if x.received { "x" } else { " " },
            x.label
        ));
    }
    doc.end_list();

    for (i, q) in QUESTIONS.iter().enumerate() {
        doc.h2(&format!("Question {}: {q}", i + 1));
        let f = d.findings[i].trim();
        doc.para(if f.is_empty() {
            "(no findings recorded)"
        } else {
            f
        });
        let kloes: Vec<_> = d
            .kloes
            .iter()
            .filter(|k| usize::from(k.question) == i + 1)
            .filter(|k| k.judgement != KloeJudgement::NotCovered || !k.note.trim().is_empty())
            .collect();
        if !kloes.is_empty() {
            doc.h3("Key lines of enquiry");
            for k in kloes {
                let note = if k.note.trim().is_empty() {
                    String::new()
                } else {
                    format!(": {}", k.note.trim())
                };
                doc.bullet(&format!("{} ({}){note}", k.text, k.judgement.label()));
            }
            doc.end_list();
        }
    }

    doc.h2("Principles");
    for kind in [PrincipleKind::Principle, PrincipleKind::IStatement] {
        let rows: Vec<_> = d
            .principles
            .iter()
            .filter(|x| x.kind == kind)
            .filter(|x| {
                kind == PrincipleKind::Principle
                    || x.reflection != Reflection::NotDiscussed
                    || !x.note.trim().is_empty()
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        if kind == PrincipleKind::IStatement {
            doc.h3("\"I\" statements");
        }
        for x in rows {
            let note = if x.note.trim().is_empty() {
                String::new()
            } else {
                format!(": {}", x.note.trim())
            };
            doc.numbered(
                usize::from(x.number),
                &format!("{} ({}){note}", x.text, x.reflection.label()),
            );
        }
        doc.end_list();
    }

    doc.h2("Outcome");
    doc.kv(
        "Needs can be met in the community",
        match r.community_needs_met {
            Some(true) => "yes",
            Some(false) => "no",
            None => "not decided",
        },
    );
    doc.kv(
        "Proposed rating",
        r.proposed_rating.map_or("none proposed", |x| x.code()),
    );
    doc.kv("Reason", or_dash(r.rating_reason.as_deref()));
    doc.kv("Notes", or_dash(r.outcome_notes.as_deref()));
    doc.end_list();

    doc.h2("Recommendations and actions");
    if d.recs.is_empty() {
        doc.para("None.");
    }
    for (i, x) in d.recs.iter().enumerate() {
        let q = x
            .question
            .map(|q| format!(" (question {q})"))
            .unwrap_or_default();
        let action = x
            .action_id
            .map(|a| format!("; action {a}"))
            .unwrap_or_default();
        doc.numbered(
            i + 1,
            &format!(
                "{}{q}\nOwner: {}{}; due {}{action}",
                x.text.trim(),
                or_dash(Some(&x.owner)),
                if x.organisation.trim().is_empty() {
                    String::new()
                } else {
                    format!(", {}", x.organisation.trim())
                },
                x.due
                    .map_or_else(|| or_dash(Some(&x.due_text)).to_string(), uk),
            ),
        );
    }
    doc.end_list();

    if !d.addenda.is_empty() {
        doc.h2("Addenda");
        for a in &d.addenda {
            doc.bullet(&format!(
                "{} by {}: {}",
                local_stamp(&a.at),
                a.by_user,
                a.text.trim()
            ));
        }
        doc.end_list();
    }
    doc.out.trim_end().to_string() + "\n"
}

fn role_for_family(role: PanelRole) -> &'static str {
    match role {
        PanelRole::Chair => "led the meeting",
        PanelRole::ClinicalExpert => {
            "independent clinical expert: a doctor, nurse or therapist from outside the team"
        }
        PanelRole::ExpertByExperience => {
            "expert by experience: someone who has used these services, or cared for someone who has"
        }
        PanelRole::Education => {
            "from education: school, college or the local authority's SEND team"
        }
        PanelRole::SocialCare => "from social care",
        PanelRole::EducationOrSocialCare => "from education or social care",
        PanelRole::Pharmacist => "pharmacist: an expert in medicines",
        PanelRole::Person => "the person the meeting was about",
        PanelRole::Family => "family or carer",
        PanelRole::Professional => "a professional who supports",
        PanelRole::Other => "also took part",
    }
}

/// The plain-English action plan for the person and family: short sentences, who will do what by
/// when, and every abbreviation spelled out.
pub fn family_plan(d: &ReviewData, format: Format) -> String {
    let r = &d.review;
    let p = &d.person.details;
    let name = p
        .preferred_name
        .as_deref()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or(&p.given_name)
        .to_string();
    let mut seen = Vec::new();
    let mut doc = Doc::new(format);
    doc.h1(&format!("Action plan for {name}"));
    let kind = r.kind.title();
    doc.para(&format!(
        "This plan comes from the meeting about {name}'s care on {}.",
        date_in_words(r.held_on)
    ));
    let education = if r.kind == crate::domain::review::ReviewKind::Cetr {
        ", education"
    } else {
        ""
    };
    doc.para(&format!(
        "The meeting is called a {kind}. It checks that {name} is safe and gets good care{education} and support. It also looks at plans for the future, and at how {name} can be supported at home."
    ));

    doc.h2("What the meeting decided");
    match r.community_needs_met {
        Some(true) => doc.para(&format!(
            "The meeting agreed that {name} can be supported at home and in the community. A stay in hospital is not needed."
        )),
        Some(false) => doc.para(&format!(
            "The meeting thinks {name}'s needs cannot be met at home right now. The plan below says what will happen next."
        )),
        None => {}
    }
    let rating = r.proposed_rating.unwrap_or(d.person.rating);
    doc.para(&rating_for_family(rating, &name));

    doc.h2("Who will do what, and by when");
    if d.recs.is_empty() {
        doc.para("The meeting did not ask anyone to do anything new.");
    }
    for (i, x) in d.recs.iter().enumerate() {
        let what = explain(x.text.trim().trim_end_matches('.'), &mut seen);
        let who = if x.organisation.trim().is_empty() {
            x.owner.trim().to_string()
        } else {
            format!(
                "{}, {}",
                x.owner.trim(),
                explain(x.organisation.trim(), &mut seen)
            )
        };
        let when = x
            .due
            .map_or_else(|| "a date still to be agreed".to_string(), date_in_words);
        doc.numbered(i + 1, &format!("{what}.\nWho: {who}.\nBy: {when}."));
    }
    doc.end_list();

    doc.h2("Who was at the meeting");
    for m in d.panel.iter().filter(|m| !m.name.trim().is_empty()) {
        doc.bullet(&format!("{}: {}.", m.name.trim(), role_for_family(m.role)));
    }
    doc.end_list();

    doc.h2("If you are worried");
    let contact = p
        .keyworker
        .as_deref()
        .filter(|k| !k.trim().is_empty())
        .map(|k| format!("{k}, {name}'s keyworker"))
        .or_else(|| {
            d.panel
                .iter()
                .find(|m| m.role == PanelRole::Chair && !m.name.trim().is_empty())
                .map(|m| format!("{}, who led the meeting", m.name.trim()))
        })
        .unwrap_or_else(|| "the person who led the meeting".into());
    doc.para(&format!(
        "If something on this plan has not happened by the date given, or if things get worse, please contact {contact}."
    ));
    doc.para("You can ask for another review at any time.");
    doc.out.trim_end().to_string() + "\n"
}
