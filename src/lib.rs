//! `dsr`: a Dynamic Support Register and C(E)TR wizard for the terminal.
//!
//! Layers: `domain` (pure rules) ← `store` (SQLite) ← `ui` (ratatui) and `report` (files);
//! `cli` parses arguments, `commands` carries each one out and `main` dispatches between them.

pub mod cli;
pub mod clock;
pub mod commands;
pub mod config;
pub mod demo;
pub mod domain;
pub mod report;
pub mod store;
pub mod text;
pub mod ui;
pub mod user_state;
