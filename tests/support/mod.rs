pub mod cli;
pub mod pty;
pub mod screen;
pub mod svg;
