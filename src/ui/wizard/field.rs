//! What can have focus on a wizard step: every editable thing, named by its store id so focus
//! survives reloads, its kind (how keys change it), and the text editor of a focused text field.

use crate::store::reviews::PrincipleKind;
use ratatui::style::Style;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

/// Every editable thing on a step. Rows are named by their store id, so focus survives reloads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Kind,
    Type,
    HeldOn,
    Place,
    Virtual,
    ConsentNote,
    Ready,
    PanelRole(i64),
    PanelName(i64),
    PanelOrg(i64),
    AddPanel,
    /// Why a CETR went without education or social care.
    Waiver(crate::domain::review::PanelRole),
    PersonAttendance,
    FamilyAttendance,
    Document(usize),
    Findings(u8),
    Judgement(i64),
    KloeNote(i64),
    Reflection(PrincipleKind, u8),
    PrincipleNote(PrincipleKind, u8),
    NeedsMet,
    Proposed,
    RatingReason,
    OutcomeNotes,
    RecText(i64),
    RecQuestion(i64),
    RecOwner(i64),
    RecOrg(i64),
    RecDue(i64),
    AddRec,
    Finalise,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// One line; Enter moves on.
    Line,
    /// A note that wraps; Enter moves on.
    Note,
    /// The findings editor: many lines, Enter starts a new line.
    Multi,
    /// Cycles through values with Space / ← →.
    Choice,
    /// A date moved with ← → (a day) and + - (a week).
    Date,
    /// Does something on Enter.
    Button,
}

impl FieldKind {
    pub fn is_text(self) -> bool {
        matches!(self, FieldKind::Line | FieldKind::Note | FieldKind::Multi)
    }
}

impl Field {
    /// The note under a judgement or principle row.
    pub fn note_of(self) -> Option<Field> {
        match self {
            Field::Judgement(k) => Some(Field::KloeNote(k)),
            Field::Reflection(kind, n) => Some(Field::PrincipleNote(kind, n)),
            _ => None,
        }
    }

    /// The judgement or principle row a note belongs to.
    pub fn row_of(self) -> Option<Field> {
        match self {
            Field::KloeNote(k) => Some(Field::Judgement(k)),
            Field::PrincipleNote(kind, n) => Some(Field::Reflection(kind, n)),
            _ => None,
        }
    }

    /// The name a field lease is held under: the same field on every screen (rows by store id).
    pub fn lease_key(self) -> String {
        format!("{self:?}")
    }

    pub fn kind(self) -> FieldKind {
        use Field::*;
        match self {
            Place | PanelName(_) | PanelOrg(_) | RecOwner(_) | RecOrg(_) | RecDue(_) => {
                FieldKind::Line
            }
            ConsentNote | KloeNote(_) | PrincipleNote(..) | RatingReason | OutcomeNotes
            | RecText(_) | Waiver(_) => FieldKind::Note,
            Findings(_) => FieldKind::Multi,
            HeldOn => FieldKind::Date,
            AddPanel | AddRec | Finalise => FieldKind::Button,
            Kind | Type | Virtual | Ready | PanelRole(_) | Document(_) | Judgement(_)
            | Reflection(..) | NeedsMet | Proposed | RecQuestion(_) | PersonAttendance
            | FamilyAttendance => FieldKind::Choice,
        }
    }
}

/// The text editor of the focused field (only one exists at a time).
pub(super) struct Editor {
    pub(super) field: Field,
    pub(super) area: TextArea<'static>,
}

impl Editor {
    pub(super) fn new(
        field: Field,
        text: &str,
        cursor: Option<(usize, usize)>,
        t: &crate::ui::theme::Theme,
    ) -> Self {
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(if field.kind() == FieldKind::Line {
            WrapMode::None
        } else {
            WrapMode::WordOrGlyph
        });
        area.set_cursor_line_style(Style::default());
        area.set_cursor_style(
            t.selected()
                .add_modifier(ratatui::style::Modifier::REVERSED),
        );
        area.set_selection_style(t.selected());
        area.set_max_histories(500);
        match cursor {
            Some((row, col)) => area.move_cursor(CursorMove::Jump(
                u16::try_from(row).unwrap_or(u16::MAX),
                u16::try_from(col).unwrap_or(u16::MAX),
            )),
            None => area.move_cursor(CursorMove::Bottom),
        }
        if cursor.is_none() {
            area.move_cursor(CursorMove::End);
        }
        Editor { field, area }
    }
    pub(super) fn text(&self) -> String {
        self.area.lines().join("\n")
    }
    pub(super) fn cursor(&self) -> (usize, usize) {
        let c = self.area.cursor();
        (c.0, c.1)
    }
}
