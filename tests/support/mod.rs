pub mod cli;
pub mod people;
pub mod pty;
pub mod screen;
pub mod svg;
