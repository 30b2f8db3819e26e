//! Reusable input widgets for dialogs and forms, shared by every pane.
//!
//! - [`field::Field`]: a labelled single-line text field (on `ratatui-textarea`) with an error line.
//! - [`form::Form`]: a vertical list of [`form::Item`]s (text fields, one-of choices, tick lists)
//!   with focus, `Tab`/`Shift-Tab`/`↑`/`↓` movement, scrolling, and per-item errors.
//! - [`dialog`]: a centred modal box ([`dialog::modal`]) and a yes/no [`dialog::Confirm`].
//! - [`wrap::wrap_line`]: a styled line wrapped to a width, so a message is never cut at a border.
//!
//! A typical dialog keeps a `Form` in the pane's state, feeds it keys while open, validates the
//! item the user just left (see [`form::FormEvent::Left`]), and draws it inside `dialog::modal`:
//!
//! ```ignore
//! let mut form = Form::new(vec![
//!     Item::text(Field::new("Owner")),
//!     Item::choice(Choice::new("Status", &["open", "done"])),
//! ]);
//! match form.handle_key(key) {
//!     FormEvent::Submit => { /* validate all, then write through ctx.store */ }
//!     FormEvent::Cancel if form.is_dirty() => { /* ask with dialog::Confirm */ }
//!     FormEvent::Left(i) => { /* check item i, form.set_error(i, ...) */ }
//!     _ => {}
//! }
//! // in render:
//! let inner = dialog::modal(frame, area, 60, form.height(58) + 2, " Edit action ", theme);
//! form.render(frame, inner, theme);
//! ```

pub mod dialog;
pub mod field;
pub mod form;
pub mod keys;
pub mod wrap;

pub use dialog::{Confirm, ConfirmEvent, form_modal, modal};
pub use field::{Field, FieldKey};
pub use form::{Checks, Choice, Form, FormEvent, Item};
