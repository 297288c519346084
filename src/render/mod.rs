//! Rendering: a [`Layout`] becomes SVG bytes. `svg.rs` writes the document (the one place user
//! text is escaped), `css.rs` the `<style>` block built from the theme's palette, and `font.rs`
//! the embedded font subsets. Render reads the layout and the palette; it never measures or
//! wraps text, though outlined text is shaped again, by `text`, to place its glyphs.
//! Uses `layout`, `theme`, `text` and `geom`.

mod css;
mod digest;
mod font;
pub mod raster;
mod svg;

use crate::layout::Layout;
use crate::text::Measure;
use crate::theme::Theme;

pub use svg::{Num, escape, fmt_num};

/// How the SVG carries its text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TextMode {
    /// `<text>` elements: selectable, searchable, restylable (default).
    #[default]
    Text,
    /// Glyph outlines as `<path>`s, placed by the same shaping as measurement, for viewers that
    /// ignore web fonts; the words stay in `aria-label`s, but are not selectable.
    Paths,
}

/// How the SVG is written, beyond the layout and the palette.
#[derive(Clone, Copy, Debug)]
pub struct SvgOptions<'a> {
    /// Embed a subset of each bundled weight the text uses as an `@font-face` (only with
    /// [`TextMode::Text`]; paths need no font).
    pub embed_font: bool,
    /// Text as `<text>` or as outlines.
    pub text: TextMode,
    /// Italic text (notes, the zone lines' labels, stand-ins) slanted by a `transform` of its
    /// own rather than left to `font-style: italic`: for the SVG that PNG and PDF are drawn
    /// from. Browsers slant the upright face for an italic they lack (no italic face is
    /// bundled); resvg and krilla draw it upright (linebender/resvg#297). The slant is the
    /// outlines' ([`TextMode::Paths`]), so PNG, PDF and outlines agree. Only with
    /// [`TextMode::Text`].
    pub slant_italics: bool,
    /// The measurer that laid the text out: [`TextMode::Paths`] shapes with it again (its
    /// fallback font included) to place the glyphs.
    pub measure: &'a Measure,
}

/// The SVG document for `layout`, coloured by `theme`'s palette. The same layout, theme and
/// options give byte-identical output.
pub fn svg(layout: &Layout, theme: &Theme, options: &SvgOptions<'_>) -> Document {
    svg::document(layout, theme, options)
}

/// Whether `layout` has italic text, which [`SvgOptions::slant_italics`] writes otherwise.
pub fn has_italics(layout: &Layout) -> bool {
    svg::has_italics(layout)
}

/// An SVG document as it was written: its text in pieces, in order. The pieces are made on
/// different threads (the font subsets, the two halves of the cards), and are written out as
/// they are rather than first copied into one string (at 1,000 steps that copy was 1 MB of
/// fresh memory and a 2 MB move).
#[derive(Clone, Debug, Default)]
pub struct Document {
    parts: Vec<String>,
}

impl Document {
    /// The pieces, in order; their concatenation is the document.
    pub fn parts(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().map(String::as_str)
    }

    /// The document's length in bytes.
    pub fn len(&self) -> usize {
        self.parts.iter().map(String::len).sum()
    }

    /// Whether the document is empty (it never is when [`svg`] made it).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The document as one string.
    pub fn into_string(self) -> String {
        self.parts.concat()
    }

    /// The pieces as bytes, for [`crate::write::atomic_parts`].
    pub fn byte_parts(&self) -> Vec<&[u8]> {
        self.parts.iter().map(String::as_bytes).collect()
    }

    pub(crate) fn from_parts(parts: Vec<String>) -> Document {
        Document {
            parts: parts.into_iter().filter(|p| !p.is_empty()).collect(),
        }
    }
}

impl std::fmt::Display for Document {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.parts.iter().try_for_each(|p| f.write_str(p))
    }
}
