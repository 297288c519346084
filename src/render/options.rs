//! How the SVG is written, beyond the layout and the palette: [`SvgOptions`] and its
//! [`TextMode`]. Uses `text` (the measurer outlines are shaped with).

use crate::text::Measure;

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
    /// The id prefix as given (`--id-prefix`): the root's id and class and the start of every
    /// id in the document, instead of the one derived from the content. Checked by the caller:
    /// letters, digits, `-` and `_`, starting with a letter.
    pub id_prefix: Option<&'a str>,
    /// The measurer that laid the text out: [`TextMode::Paths`] shapes with it again (its
    /// fallback font included) to place the glyphs.
    pub measure: &'a Measure,
}
