//! Files that leave the register: exports (and, later, returns and imports).

pub mod actions;
pub mod export;
