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
    /// The measurer that laid the text out: [`TextMode::Paths`] shapes with it again (its
    /// fallback font included) to place the glyphs.
    pub measure: &'a Measure,
}

/// The SVG document for `layout`, coloured by `theme`'s palette. The same layout, theme and
/// options give byte-identical output.
pub fn svg(layout: &Layout, theme: &Theme, options: &SvgOptions<'_>) -> String {
    svg::document(layout, theme, options)
}
