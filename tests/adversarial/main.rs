//! The register attacked the way a hostile or unlucky world would: outputs aimed at the register, a
//! link or someone's file; text full of escape sequences; full disks; two staff in one draft; a
//! suspended terminal. Each module holds the cases for one kind of attack.

#[path = "../support/mod.rs"]
mod support;

mod cli;
mod drafts;
#[cfg(unix)]
mod files;
mod import;
mod output;
mod screen;
mod signals;
mod text;
