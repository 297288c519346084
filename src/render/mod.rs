//! Rendering: a [`Layout`] becomes SVG bytes. `svg.rs` writes the document (the one place user
//! text is escaped) and `css.rs` the `<style>` block built from the theme's palette. Render only
//! reads the layout and the palette; it never measures or wraps text.
//! Uses `layout`, `theme` and `geom`.

mod css;
mod digest;
pub mod raster;
mod svg;

use crate::layout::Layout;
use crate::theme::Theme;

pub use svg::{escape, fmt_num};

/// The SVG document for `layout`, coloured by `theme`'s palette. The same layout and theme give
/// byte-identical output.
pub fn svg(layout: &Layout, theme: &Theme) -> String {
    svg::document(layout, theme)
}
