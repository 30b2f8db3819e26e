//! Files that leave or enter the register: exports, the NHS England returns, and imports.

pub mod actions;
pub mod audit;
pub mod csv_out;
pub mod export;
pub mod import;
pub mod journey;
pub mod output;
pub mod pseudonymise;
pub mod returns;
pub mod review;
