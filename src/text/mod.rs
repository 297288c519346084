//! Text measurement and line wrapping with the bundled Inter 4.001 fonts (`assets/`, OFL-1.1).
//!
//! Widths come from shaping with rustybuzz (the shaper resvg uses, so measured and rasterised
//! widths agree) and from the fonts' unkerned advances via ttf-parser; the larger of the two is
//! used so a viewer that skips kerning still fits. Line breaks follow Unicode UAX #14
//! (`unicode-linebreak`); a word wider than the line is cut between grapheme clusters
//! (`unicode-segmentation`). Widths are cached per segment; a wrapped line's width is the sum of
//! its segments' where Inter's GSUB/GPOS rules provably cannot act across the spaces between
//! them (worked out from the fonts' tables by `facts`, in tests, and kept in `space-facts.txt`;
//! see `SpaceFacts`), and the line shaped whole otherwise. Words of plain Latin characters
//! (ASCII letters but `x`, digits, most punctuation, Latin-1's letters, typographic quotes) are
//! not shaped at all: their widths are summed from a table of each character and
//! each kerned pair that rustybuzz gave (`plain-widths.bin`, see `PLAIN_WIDTHS`), which is
//! exact for them because no other rule of default shaping can act.
//! Layout measures and wraps; render never does.
//!
//! Public: [`Measure`], the measurer a render is given ([`crate::Options::measure`]), with the
//! fonts it uses and the characters it found no glyph for. How it measures is internal.
//!
//! One file per job: `fonts.rs` (the bundled faces), `measure.rs` (widths, with `cache.rs`, what
//! a measurer keeps), `plain.rs` (the plain-width table), `space.rs` (the space facts),
//! `wrap.rs` (line breaking) and `glyphs.rs` (glyph outlines, for text drawn as paths).
//! Uses nothing else in the crate.

mod cache;
#[cfg(test)]
mod facts;
mod fonts;
mod glyphs;
mod measure;
mod plain;
mod space;
#[cfg(test)]
mod tests;
mod wrap;

pub(crate) use fonts::{BOLD_TTF, REGULAR_TTF};
pub(crate) use fonts::{FontKey, Weight};
pub(crate) use glyphs::Segment;
pub use measure::Measure;
pub(crate) use wrap::Line;
