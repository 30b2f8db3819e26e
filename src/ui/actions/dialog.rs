//! The Actions pane's dialogs (done, escalate, reassign, re-date, cancel, add, "my owner name"),
//! built from the shared form widgets. Each validates its fields and yields what to write.

use crate::domain::dates::{YearDirection, parse_due_date, uk};
use crate::domain::triage::{Change, Part, TriageError, past_due_needs_confirmation};
use crate::store::actions::{ActionRow, NewAction, PersonMatch};
use crate::ui::sanitize::clean;
use crate::ui::theme::{Theme, rating_badge};
use crate::ui::widgets::dialog::footer;
use crate::ui::widgets::{Confirm, Field, Form, Item, modal};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::borrow::Borrow;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogKind {
    Done,
    Escalate,
    Reassign,
    Redate,
    Cancel,
    Add,
    MyName,
}

/// The fields of the Actions pane's dialogs (each dialog has some of them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionField {
    Note,
    Evidence,
    Owner,
    Organisation,
    Reason,
    NewDate,
    Person,
    Action,
    Due,
    MyName,
}

use ActionField as F;

/// What a valid dialog asks the pane to write.
#[derive(Debug, Clone)]
pub enum Submit {
    Triage(Change),
    Add(NewAction),
    MyName(String),
}

/// What a step acts on, after its `label`: the action's words and whose it is ("Re-date 'Book
/// OT assessment' for Smith, Alex"), and how many more when it is several. Titles and the undo
/// message use it.
pub fn described<R: Borrow<ActionRow>>(label: &str, rows: &[R]) -> String {
    let Some(first) = rows.first().map(Borrow::borrow) else {
        return label.to_string();
    };
    let one = format!(
        "'{}' for {}",
        crate::text::truncate(&first.text, 40),
        clean(&first.person_name)
    );
    match rows.len() {
        1 => format!("{label} {one}"),
        n => format!("{label} {n} actions ({one} and {} more)", n - 1),
    }
}

pub struct Dialog {
    pub kind: DialogKind,
    /// The actions (or person) it acts on, for the title: "'Book OT assessment' for Smith, Alex".
    subject: Option<String>,
    pub form: Form<ActionField>,
    /// The actions a triage dialog applies to (the marked ones, or the selected one).
    pub targets: Vec<i64>,
    /// "The date is in the past: re-date anyway?" while asking.
    pub confirm: Option<Confirm>,
    /// A past date the user has confirmed.
    confirmed_past: Option<NaiveDate>,
    /// People matching the add dialog's person field, best first.
    pub matches: Vec<PersonMatch>,
    /// The add dialog's prefilled person (id, text): used while the field still holds that text.
    preset: Option<(i64, String)>,
    /// A message for the whole dialog (e.g. a store error).
    pub error: Option<String>,
}

impl Dialog {
    fn new(kind: DialogKind, items: Vec<(ActionField, Item)>, targets: Vec<i64>) -> Dialog {
        Dialog {
            kind,
            subject: None,
            form: Form::new(items),
            targets,
            confirm: None,
            confirmed_past: None,
            matches: Vec::new(),
            preset: None,
            error: None,
        }
    }

    pub fn done(targets: Vec<i64>) -> Dialog {
        let items = vec![
            (
                F::Note,
                Item::text(Field::new("Note").with_placeholder("optional: how it was done")),
            ),
            (
                F::Evidence,
                Item::text(
                    Field::new("Evidence").with_placeholder("optional: letter, email, minutes"),
                ),
            ),
        ];
        Dialog::new(DialogKind::Done, items, targets)
    }

    pub fn escalate(targets: Vec<i64>) -> Dialog {
        let items = vec![(
            F::Note,
            Item::text(Field::new("Note").with_placeholder("required: why, and to whom")),
        )];
        Dialog::new(DialogKind::Escalate, items, targets)
    }

    pub fn reassign(targets: Vec<i64>, owner: &str, organisation: &str) -> Dialog {
        let items = vec![
            (F::Owner, Item::text(Field::new("Owner").with_value(owner))),
            (
                F::Organisation,
                Item::text(Field::new("Organisation").with_value(organisation)),
            ),
            (
                F::Reason,
                Item::text(Field::new("Reason").with_placeholder("optional")),
            ),
        ];
        Dialog::new(DialogKind::Reassign, items, targets)
    }

    pub fn redate(targets: Vec<i64>) -> Dialog {
        let items = vec![
            (
                F::NewDate,
                Item::text(Field::date("New date", YearDirection::Ahead)),
            ),
            (
                F::Reason,
                Item::text(Field::new("Reason").with_placeholder("required: why it moves")),
            ),
        ];
        Dialog::new(DialogKind::Redate, items, targets)
    }

    pub fn cancel(targets: Vec<i64>) -> Dialog {
        let items = vec![(
            F::Reason,
            Item::text(
                Field::new("Reason").with_placeholder("required: why it is no longer needed"),
            ),
        )];
        Dialog::new(DialogKind::Cancel, items, targets)
    }

    /// Add an action by hand; `person` (id, name) prefills the person field (the selected row's).
    pub fn add(person: Option<(i64, String)>) -> Dialog {
        let name = person.as_ref().map(|p| p.1.clone()).unwrap_or_default();
        let items = vec![
            (
                F::Person,
                Item::text(
                    Field::new("Person")
                        .with_value(&name)
                        .with_placeholder("name, local id or NHS number"),
                ),
            ),
            (F::Action, Item::text(Field::new("Action"))),
            (F::Owner, Item::text(Field::new("Owner"))),
            (F::Organisation, Item::text(Field::new("Organisation"))),
            (F::Due, Item::text(Field::date("Due", YearDirection::Ahead))),
        ];
        let mut d = Dialog::new(DialogKind::Add, items, Vec::new());
        d.preset = person;
        d.form.set_focus(F::Action);
        d
    }

    pub fn my_name(current: Option<&str>) -> Dialog {
        let items = vec![(
            F::MyName,
            Item::text(
                Field::new("My owner name")
                    .with_value(current.unwrap_or(""))
                    .with_placeholder("as actions name you, e.g. Sunita Rao"),
            ),
        )];
        Dialog::new(DialogKind::MyName, items, Vec::new())
    }

    /// Name the actions a triage dialog acts on in its title (and any question it asks).
    pub fn about(mut self, rows: &[&ActionRow]) -> Dialog {
        self.subject = Some(described(self.verb(), rows));
        self
    }

    fn verb(&self) -> &'static str {
        match self.kind {
            DialogKind::Done => "Mark done",
            DialogKind::Escalate => "Escalate",
            DialogKind::Reassign => "Reassign",
            DialogKind::Redate => "Re-date",
            DialogKind::Cancel => "Cancel",
            DialogKind::Add => "Add an action",
            DialogKind::MyName => "Whose actions are mine?",
        }
    }

    pub fn title(&self) -> String {
        let verb = self.verb();
        match (&self.subject, self.kind, &self.preset) {
            (Some(s), _, _) => format!(" {s} "),
            (None, DialogKind::Add, Some((_, name))) => format!(" {verb} for {} ", clean(name)),
            (None, DialogKind::Add | DialogKind::MyName, _) => format!(" {verb} "),
            (None, _, _) => match self.targets.len() {
                1 => format!(" {verb} action "),
                n => format!(" {verb} {n} actions "),
            },
        }
    }

    /// The user answered yes to the past-date question.
    pub fn confirm_past(&mut self, today: NaiveDate) {
        self.confirm = None;
        let field = if self.kind == DialogKind::Add {
            F::Due
        } else {
            F::NewDate
        };
        if let Ok(d) = parse_due_date(self.form.text(field), today) {
            self.confirmed_past = Some(d);
        }
    }

    /// Check every field; on success say what to write. Errors are set on the fields.
    pub fn submit(&mut self, today: NaiveDate) -> Option<Submit> {
        self.form.clear_errors();
        self.error = None;
        let required = |form: &mut Form<ActionField>, i: ActionField, what: &str| {
            let v = form.text(i).trim().to_string();
            if v.is_empty() {
                form.set_error(i, Some(format!("{what} is required")));
            }
            v
        };
        let out = match self.kind {
            DialogKind::Done => Some(Submit::Triage(Change::Done {
                on: today,
                note: self.form.text(F::Note).trim().into(),
                evidence: self.form.text(F::Evidence).trim().into(),
            })),
            DialogKind::Escalate => {
                let note = required(&mut self.form, F::Note, "a note saying why");
                Some(Submit::Triage(Change::Escalate { note }))
            }
            DialogKind::Cancel => {
                let reason = required(&mut self.form, F::Reason, "a reason");
                Some(Submit::Triage(Change::Cancel { reason }))
            }
            DialogKind::Reassign => {
                let owner = required(&mut self.form, F::Owner, "a named owner");
                Some(Submit::Triage(Change::Reassign {
                    owner,
                    organisation: self.form.text(F::Organisation).trim().into(),
                    reason: self.form.text(F::Reason).trim().into(),
                }))
            }
            DialogKind::Redate => {
                let due = self.date(F::NewDate, today);
                let reason = required(&mut self.form, F::Reason, "a reason for the new date");
                match due {
                    Some(due) if self.form.error_count() == 0 => {
                        if past_due_needs_confirmation(due, today)
                            && self.confirmed_past != Some(due)
                        {
                            self.confirm = Some(
                                Confirm::new(format!(
                                    "{} is in the past: re-date to it anyway?",
                                    uk(due)
                                ))
                                .titled(&self.title()),
                            );
                            return None;
                        }
                        Some(Submit::Triage(Change::Redate { due, reason }))
                    }
                    _ => None,
                }
            }
            DialogKind::Add => {
                let person = self.person();
                let text = required(&mut self.form, F::Action, "the action");
                let owner = required(&mut self.form, F::Owner, "a named owner");
                let due = self.date(F::Due, today);
                match (person, due) {
                    (Some(_), Some(due))
                        if self.form.error_count() == 0
                            && past_due_needs_confirmation(due, today)
                            && self.confirmed_past != Some(due) =>
                    {
                        self.confirm = Some(
                            Confirm::new(format!(
                                "{} is in the past: add the action already overdue?",
                                uk(due)
                            ))
                            .titled(&self.title()),
                        );
                        return None;
                    }
                    (Some(person_id), Some(due)) => Some(Submit::Add(NewAction {
                        person_id,
                        review_id: None,
                        question: None,
                        text,
                        owner,
                        organisation: self.form.text(F::Organisation).trim().into(),
                        due,
                    })),
                    _ => None,
                }
            }
            DialogKind::MyName => Some(Submit::MyName(self.form.text(F::MyName).trim().into())),
        };
        if self.form.focus_first_error().is_some() {
            return None;
        }
        out
    }

    /// A triage rule refused the change for `what` (an action): the message goes on the field
    /// it is about, with the cursor there, else under the form.
    pub fn refuse(&mut self, what: &str, e: TriageError) {
        let field = match e.1 {
            Some(Part::Date) => F::NewDate,
            Some(Part::Reason) => F::Reason,
            Some(Part::Owner) => F::Owner,
            Some(Part::Note) => F::Note,
            None => {
                self.error = Some(format!("{what}: {e}"));
                return;
            }
        };
        if self.form.item(field).is_some() {
            let msg = if self.targets.len() > 1 {
                format!("{what}: {e}")
            } else {
                e.to_string()
            };
            self.form.refuse(field, msg);
        } else {
            self.error = Some(format!("{what}: {e}"));
        }
    }

    fn date(&mut self, i: ActionField, today: NaiveDate) -> Option<NaiveDate> {
        match parse_due_date(self.form.text(i), today) {
            Ok(d) => Some(d),
            Err(e) => {
                self.form.set_error(i, Some(e.0));
                None
            }
        }
    }

    /// The person the add dialog's person field names: the only match, or an exact one.
    fn person(&mut self) -> Option<i64> {
        if let Some((id, text)) = &self.preset
            && self.form.text(F::Person) == text
        {
            return Some(*id);
        }
        let typed = self.form.text(F::Person).trim().to_lowercase();
        let exact = self.matches.iter().find(|m| {
            m.name.to_lowercase() == typed
                || m.local_id.as_deref().map(str::to_lowercase).as_deref() == Some(typed.as_str())
        });
        let found = match (exact, self.matches.as_slice()) {
            (Some(m), _) => Some(m.id),
            (None, [only]) => Some(only.id),
            _ => None,
        };
        if found.is_none() {
            let msg = match self.matches.len() {
                0 if typed.is_empty() => "a person is required".to_string(),
                0 => "nobody on the register matches: try a local id or NHS number".to_string(),
                _ => "several people match: type more of the name, or their local id".to_string(),
            };
            self.form.set_error(F::Person, Some(msg));
        }
        found
    }

    /// Rows needed inside the border `width` columns wide: the form, the person matches, a
    /// blank row and the footer (a whole-dialog message, then the keys).
    fn inner_height(&self, width: u16, footer: u16) -> u16 {
        let matches = if self.kind == DialogKind::Add {
            self.matches.len().min(4) as u16 + 1
        } else {
            0
        };
        self.form.height(width) + matches + 1 + footer
    }

    pub fn render(&mut self, frame: &mut Frame, area: Rect, theme: Theme) {
        let width = 66.min(area.width);
        let inner_width = width.saturating_sub(2);
        let foot = footer(
            self.error.as_deref(),
            "Enter save · Tab next field · Esc cancel",
            inner_width,
            theme,
        );
        let foot_h = foot.len() as u16;
        let inner = modal(
            frame,
            area,
            width,
            self.inner_height(inner_width, foot_h) + 2,
            &self.title(),
            theme,
        );
        let form_h = self.form.height(inner.width).min(inner.height);
        self.form.render(
            frame,
            Rect {
                height: form_h,
                ..inner
            },
            theme,
        );
        let mut lines: Vec<Line> = Vec::new();
        if self.kind == DialogKind::Add {
            if self.matches.is_empty() && self.preset.is_none() {
                lines.push(Line::from(Span::styled(
                    "  no person matched yet",
                    theme.dim(),
                )));
            }
            for m in self.matches.iter().take(4) {
                lines.push(Line::from(vec![
                    Span::raw("  "),
                    Span::styled(rating_badge(m.rating), theme.rating(m.rating)),
                    Span::raw(format!(
                        " {} {}",
                        clean(&m.name),
                        clean(m.local_id.as_deref().unwrap_or(""))
                    )),
                ]));
            }
        }
        lines.push(Line::raw(""));
        lines.extend(foot);
        let rest = Rect {
            y: inner.y + form_h,
            height: inner.height.saturating_sub(form_h),
            ..inner
        };
        frame.render_widget(Paragraph::new(lines), rest);
        if let Some(c) = &self.confirm {
            c.render(frame, area, theme);
        }
    }
}
