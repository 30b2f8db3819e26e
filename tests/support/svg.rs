//! Render a ratatui `Buffer` as a standalone SVG "terminal screenshot", and
//! compare it against a checked-in file (golden test).
//!
//! Self-contained (only the `ratatui` crate). Output is deterministic: the
//! same buffer always gives byte-identical SVG, so files can be diffed in git.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::style::{Color, Modifier};
use ratatui::text::Span;

/// Cell geometry in tenths of a pixel, so coordinates are exact integers
/// (8.4 px would accumulate float noise like 25.200000000000003).
const CELL_W10: u32 = 84;
const CELL_H10: u32 = 170;
/// Baseline offset inside a cell, for font-size 14 in a 17 px line.
const BASELINE10: u32 = 130;
const FONT_SIZE: u32 = 14;
const FONT_FAMILY: &str =
    "ui-monospace, 'Cascadia Mono', 'DejaVu Sans Mono', Menlo, Consolas, monospace";

/// Theme: default colours used for `Color::Reset`.
const DEFAULT_FG: Rgb = Rgb(0xcd, 0xd6, 0xf4);
const DEFAULT_BG: Rgb = Rgb(0x1e, 0x1e, 0x2e);

/// ANSI 0-15 (Catppuccin-Mocha-like, with distinguishable bright variants).
const ANSI: [Rgb; 16] = [
    Rgb(0x45, 0x47, 0x5a), // black
    Rgb(0xf3, 0x8b, 0xa8), // red
    Rgb(0xa6, 0xe3, 0xa1), // green
    Rgb(0xf9, 0xe2, 0xaf), // yellow
    Rgb(0x89, 0xb4, 0xfa), // blue
    Rgb(0xcb, 0xa6, 0xf7), // magenta
    Rgb(0x94, 0xe2, 0xd5), // cyan
    Rgb(0xba, 0xc2, 0xde), // white (ratatui Gray)
    Rgb(0x6c, 0x70, 0x86), // bright black (ratatui DarkGray)
    Rgb(0xff, 0xa5, 0xbd), // bright red
    Rgb(0xc1, 0xf5, 0xbc), // bright green
    Rgb(0xff, 0xef, 0xc7), // bright yellow
    Rgb(0xa9, 0xc9, 0xff), // bright blue
    Rgb(0xdd, 0xc3, 0xff), // bright magenta
    Rgb(0xb2, 0xf1, 0xe6), // bright cyan
    Rgb(0xff, 0xff, 0xff), // bright white (ratatui White)
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rgb(u8, u8, u8);

impl Rgb {
    fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Halfway towards `other`: how DIM is drawn (no opacity tricks, so the
    /// colour in the file is the colour you see).
    fn mix(self, other: Rgb) -> Rgb {
        let m = |a: u8, b: u8| ((u16::from(a) + u16::from(b)) / 2) as u8;
        Rgb(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2))
    }
}

fn resolve(c: Color, default: Rgb) -> Rgb {
    match c {
        Color::Reset => default,
        Color::Black => ANSI[0],
        Color::Red => ANSI[1],
        Color::Green => ANSI[2],
        Color::Yellow => ANSI[3],
        Color::Blue => ANSI[4],
        Color::Magenta => ANSI[5],
        Color::Cyan => ANSI[6],
        Color::Gray => ANSI[7],
        Color::DarkGray => ANSI[8],
        Color::LightRed => ANSI[9],
        Color::LightGreen => ANSI[10],
        Color::LightYellow => ANSI[11],
        Color::LightBlue => ANSI[12],
        Color::LightMagenta => ANSI[13],
        Color::LightCyan => ANSI[14],
        Color::White => ANSI[15],
        Color::Rgb(r, g, b) => Rgb(r, g, b),
        Color::Indexed(i) => indexed(i),
    }
}

/// The xterm 256-colour palette.
fn indexed(i: u8) -> Rgb {
    match i {
        0..=15 => ANSI[usize::from(i)],
        16..=231 => {
            let level = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
            let n = i - 16;
            Rgb(level(n / 36), level((n / 6) % 6), level(n % 6))
        }
        232..=255 => {
            let v = 8 + (i - 232) * 10;
            Rgb(v, v, v)
        }
    }
}

/// What a glyph looks like once colours are resolved and modifiers applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TextStyle {
    fg: Rgb,
    bold: bool,
    italic: bool,
    underline: bool,
    strike: bool,
}

/// One drawn cell position (a wide glyph covers `width` columns).
struct Glyph<'a> {
    x: u16,
    width: u16,
    symbol: &'a str,
    bg: Rgb,
    /// None when nothing is visible (hidden text, or a skip cell whose
    /// content is drawn by something outside the buffer).
    style: Option<TextStyle>,
}

fn cell_width(cell: &Cell) -> u16 {
    match cell.diff_option {
        CellDiffOption::ForcedWidth(w) => w.get(),
        // Span::width is ratatui's own unicode-width measure of a string.
        _ => u16::try_from(Span::raw(cell.symbol()).width()).unwrap_or(1),
    }
}

#[allow(deprecated)] // `skip` is the pre-0.30.1 spelling of CellDiffOption::Skip
fn is_skip(cell: &Cell) -> bool {
    matches!(cell.diff_option, CellDiffOption::Skip)
        || (cell.skip && matches!(cell.diff_option, CellDiffOption::None))
}

fn glyph(x: u16, cell: &Cell) -> Glyph<'_> {
    let m = cell.modifier;
    let mut fg = resolve(cell.fg, DEFAULT_FG);
    let mut bg = resolve(cell.bg, DEFAULT_BG);
    if m.contains(Modifier::REVERSED) {
        std::mem::swap(&mut fg, &mut bg);
    }
    if m.contains(Modifier::DIM) {
        fg = fg.mix(bg);
    }
    let visible = !is_skip(cell) && !m.contains(Modifier::HIDDEN);
    Glyph {
        x,
        // Zero-width symbols still occupy their cell in the grid.
        width: cell_width(cell).max(1),
        symbol: cell.symbol(),
        bg,
        style: visible.then_some(TextStyle {
            fg,
            bold: m.contains(Modifier::BOLD),
            italic: m.contains(Modifier::ITALIC),
            underline: m.contains(Modifier::UNDERLINED),
            strike: m.contains(Modifier::CROSSED_OUT),
        }),
    }
}

/// The glyphs of one row, with the cells hidden under wide glyphs dropped
/// (same rule as ratatui's own diff: a width-n symbol covers n-1 cells).
fn row_glyphs(buf: &Buffer, y: u16) -> Vec<Glyph<'_>> {
    let area = buf.area;
    let mut out = Vec::with_capacity(usize::from(area.width));
    let mut x = 0u16;
    while x < area.width {
        let Some(cell) = buf.cell((area.x + x, area.y + y)) else {
            break;
        };
        let mut g = glyph(x, cell);
        // A wide glyph at the right edge is clipped to the buffer.
        g.width = g.width.min(area.width - x);
        x += g.width;
        out.push(g);
    }
    out
}

/// A glyph that draws nothing (a blank without underline/strike-through, or
/// invisible text), so it may join any text run as a space.
fn is_plain_blank(g: &Glyph) -> bool {
    match g.style {
        None => true,
        Some(s) => g.symbol.trim().is_empty() && !s.underline && !s.strike,
    }
}

/// Render `buf` as an SVG terminal screenshot.
pub fn buffer_to_svg(buf: &Buffer) -> String {
    let cols = u32::from(buf.area.width);
    let rows = u32::from(buf.area.height);
    let w = tenths(cols * CELL_W10);
    let h = tenths(rows * CELL_H10);

    let mut rects = String::new();
    let mut texts = String::new();
    for y in 0..buf.area.height {
        let glyphs = row_glyphs(buf, y);
        background_runs(&glyphs, u32::from(y), &mut rects);
        text_runs(&glyphs, u32::from(y), &mut texts);
    }

    let mut svg = String::new();
    // Writing to a String cannot fail.
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
         viewBox=\"0 0 {w} {h}\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"{bg}\"/>\n\
         <g shape-rendering=\"crispEdges\">\n{rects}</g>\n\
         <g font-family=\"{FONT_FAMILY}\" font-size=\"{FONT_SIZE}\">\n{texts}</g>\n\
         </svg>\n",
        bg = DEFAULT_BG.hex(),
    );
    svg
}

/// One `<rect>` per run of equal non-default background.
fn background_runs(glyphs: &[Glyph], y: u32, out: &mut String) {
    let mut i = 0;
    while i < glyphs.len() {
        let bg = glyphs[i].bg;
        let start = u32::from(glyphs[i].x);
        let mut end = start;
        while i < glyphs.len() && glyphs[i].bg == bg {
            end = u32::from(glyphs[i].x + glyphs[i].width);
            i += 1;
        }
        if bg != DEFAULT_BG {
            let _ = writeln!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
                tenths(start * CELL_W10),
                tenths(y * CELL_H10),
                tenths((end - start) * CELL_W10),
                tenths(CELL_H10),
                bg.hex(),
            );
        }
    }
}

/// One `<text>` per run of same-styled single-width glyphs, each with a forced
/// `textLength` of its cells. Plain blanks join whatever run they are in (their
/// colour is invisible), and are trimmed off the run's ends. Wide glyphs get their
/// own element, so fonts whose CJK advance is not exactly two cells cannot shift
/// the rest of the row.
fn text_runs(glyphs: &[Glyph], y: u32, out: &mut String) {
    let mut i = 0;
    while i < glyphs.len() {
        // Skip to the next glyph that draws something.
        let Some(style) = glyphs[i].style.filter(|_| !is_plain_blank(&glyphs[i])) else {
            i += 1;
            continue;
        };
        let start = glyphs[i].x;
        if glyphs[i].width > 1 {
            emit_text(out, start, y, glyphs[i].width, style, glyphs[i].symbol);
            i += 1;
            continue;
        }
        let mut text = String::new();
        let mut end = i; // index one past the last non-blank glyph of the run
        let mut j = i;
        while j < glyphs.len() && glyphs[j].width == 1 {
            let g = &glyphs[j];
            if is_plain_blank(g) {
                j += 1;
                continue;
            }
            if g.style != Some(style) {
                break;
            }
            // Blanks between the previous glyph and this one, then this one.
            for b in &glyphs[end..j] {
                push_symbol(&mut text, b.symbol, true);
            }
            push_symbol(&mut text, g.symbol, false);
            j += 1;
            end = j;
        }
        let width = glyphs[end - 1].x + glyphs[end - 1].width - start;
        emit_text(out, start, y, width, style, &text);
        i = end;
    }
}

/// Append `symbol` XML-escaped; blanks become one space per cell.
fn push_symbol(text: &mut String, symbol: &str, blank: bool) {
    if blank || symbol.is_empty() {
        text.push(' ');
        return;
    }
    for ch in symbol.chars() {
        match ch {
            '&' => text.push_str("&amp;"),
            '<' => text.push_str("&lt;"),
            '>' => text.push_str("&gt;"),
            '"' => text.push_str("&quot;"),
            // Control characters are not allowed in XML 1.0 at all.
            c if c.is_control() => text.push('\u{fffd}'),
            c => text.push(c),
        }
    }
}

fn emit_text(out: &mut String, x: u16, y: u32, width: u16, s: TextStyle, text: &str) {
    let _ = write!(
        out,
        "<text xml:space=\"preserve\" x=\"{}\" y=\"{}\" fill=\"{}\"",
        tenths(u32::from(x) * CELL_W10),
        tenths(y * CELL_H10 + BASELINE10),
        s.fg.hex(),
    );
    // Every run is pinned to its cells: the viewer's font may be any monospace (or not monospace
    // at all), and without a fixed length a font a little wider than the grid pushes the end of
    // each run into the next column, so columns drift and labels run into bars.
    let _ = write!(
        out,
        " textLength=\"{}\" lengthAdjust=\"spacingAndGlyphs\"",
        tenths(u32::from(width) * CELL_W10)
    );
    if s.bold {
        out.push_str(" font-weight=\"bold\"");
    }
    if s.italic {
        out.push_str(" font-style=\"italic\"");
    }
    match (s.underline, s.strike) {
        (true, true) => out.push_str(" text-decoration=\"underline line-through\""),
        (true, false) => out.push_str(" text-decoration=\"underline\""),
        (false, true) => out.push_str(" text-decoration=\"line-through\""),
        (false, false) => {}
    }
    let _ = writeln!(out, ">{text}</text>");
}

/// Format a length given in tenths of a pixel: 168 -> "16.8", 170 -> "17".
fn tenths(v: u32) -> String {
    match (v / 10, v % 10) {
        (whole, 0) => whole.to_string(),
        (whole, frac) => format!("{whole}.{frac}"),
    }
}

/// Golden-file check. With `DSR_UPDATE_SCREENSHOTS=1` (re)write `path`;
/// otherwise panic if it is missing or differs from `svg`.
pub fn check_or_update(path: &Path, svg: &str) {
    let update = std::env::var("DSR_UPDATE_SCREENSHOTS").is_ok_and(|v| v == "1");
    let hint = "run DSR_UPDATE_SCREENSHOTS=1 cargo test to regenerate";
    let current = std::fs::read_to_string(path);
    if update {
        // Rewrite only on change, so unchanged files keep their mtime.
        if current.as_deref().ok() != Some(svg) {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)
                    .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
            }
            std::fs::write(path, svg)
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        }
        return;
    }
    match current {
        Ok(old) if old == svg => {}
        Ok(old) => {
            let line = old
                .lines()
                .zip(svg.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| old.lines().count().min(svg.lines().count()))
                + 1;
            panic!(
                "screenshot {} is stale (first difference at line {line}); {hint}",
                path.display()
            );
        }
        Err(e) => panic!("screenshot {} is missing ({e}); {hint}", path.display()),
    }
}
