//! Drawing uses the one sanitiser in [`crate::text`]: every piece of register text passes
//! [`clean`] before it is drawn, so a name holding an escape sequence, a control character or an
//! invisible mark is shown as a visible placeholder, never sent raw.

pub use crate::text::{PLACEHOLDER, clean, clean_multiline};
