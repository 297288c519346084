//! Rendering: a [`Layout`] becomes SVG bytes, and the SVG becomes PNG and PDF. One file per job:
//! `svg.rs` writes the document through `xml.rs`'s element writer (the one place user text is
//! escaped) with every number in `num.rs`'s format, `arrow.rs` the arrowheads, `css.rs` the
//! `<style>` block built from the theme's palette, `look.rs` the same looks as each element's
//! presentation attributes (read back from that stylesheet), `outline.rs` text as glyph outlines,
//! `font.rs` the embedded font subsets, `digest.rs` the hash behind the id prefix, `raster.rs` PNG
//! and PDF. Render reads the layout and the palette; it never measures or wraps text, though
//! outlined text is shaped again, by `text`, to place its glyphs.
//!
//! Public: [`svg`] with its [`SvgOptions`], and the [`Document`] it returns; PNG and PDF are
//! made by [`crate::export`]. The writers are internal.
//! Uses `layout`, `theme`, `text` and `geom`.

mod arrow;
mod badge;
mod css;
mod digest;
mod document;
mod font;
mod insight;
mod look;
mod num;
mod options;
mod outline;
pub(crate) mod raster;
mod svg;
mod xml;

pub use document::Document;
pub use options::{SvgOptions, TextMode};

use crate::layout::Layout;
use crate::theme::Theme;

/// The SVG document for `layout`, coloured by `theme`'s palette. The same layout, theme and
/// options give byte-identical output.
pub fn svg(layout: &Layout, theme: &Theme, options: &SvgOptions<'_>) -> Document {
    svg::document(layout, theme, options)
}

/// Whether `layout` has italic text ([`crate::layout::TextPart::italic`]), which
/// [`SvgOptions::slant_italics`] writes otherwise.
pub(crate) fn has_italics(layout: &Layout) -> bool {
    layout
        .texts()
        .any(|t| t.part.italic() && !t.text.is_empty())
}
