pub mod pty;
pub mod screen;
pub mod svg;
