pub mod pty;
pub mod svg;
