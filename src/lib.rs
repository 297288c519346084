//! `blueprint`: service blueprints written in YAML, checked and rendered to SVG, PNG and PDF.
//!
//! The pipeline, one module per stage: parse → validate → (cut) → layout → render → write; `cut`
//! keeps part of a validated blueprint for a slide. A module may use the ones listed above it,
//! never those below.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod limits;
pub mod parallel;
pub mod span;
pub mod diag;
pub mod parse;
pub mod model;
pub mod validate;
pub mod schema;
pub mod cut;
pub mod theme;
pub mod geom;
pub mod text;
pub mod layout;
pub mod render;
pub mod write;
#[cfg(test)]
mod tidy;

use diag::{Checked, Diagnostic, Diagnostics};
use model::Blueprint;
use span::{Source, Span};

/// Decodes a file's bytes into a [`Source`]. UTF-8 only (a BOM is allowed): UTF-16 gets a
/// diagnostic that says to save as UTF-8, and invalid UTF-8 is reported at the first bad byte,
/// never silently replaced. On error the returned `Source` holds the readable part, so the
/// diagnostic can be shown in context.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<Source, (Source, Diagnostics)> {
    let utf16 = bytes.starts_with(&[0xff, 0xfe])
        || bytes.starts_with(&[0xfe, 0xff])
        || (bytes.len() >= 4 && (bytes[0] == 0 || bytes[1] == 0) && bytes[..4].contains(&0));
    if utf16 {
        let d = Diagnostic::error(
            "not-utf8",
            "the file is UTF-16; blueprints are read as UTF-8",
        )
        .with_label(Span::new(0, 0), "UTF-16 byte order mark or NUL bytes here")
        .with_help("save the file as UTF-8 (in most editors: File → Save with encoding → UTF-8)");
        return Err((Source::new(name, ""), Diagnostics::one(d)));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Source::new(name, text)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bad = e.as_bytes()[at];
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let d = Diagnostic::error(
                "not-utf8",
                format!("the file is not valid UTF-8: byte 0x{bad:02x} at offset {at}"),
            )
            .with_label(Span::new(at, at + 3), "invalid byte here")
            .with_help(
                "save the file as UTF-8; other encodings (Latin-1, Windows-1252) are not read",
            );
            Err((Source::new(name, text), Diagnostics::one(d)))
        }
    }
}

/// Parses and validates `source`: the blueprint and its warnings, or every error and warning.
pub fn check(source: &Source) -> Result<Checked<Blueprint>, Diagnostics> {
    let root = parse::parse(source)?;
    let checked = validate::validate(source, &root);
    // Freeing a big tree (a node per key and value) is a few per cent of a render: done on
    // another thread while layout starts.
    let big = checked
        .as_ref()
        .is_ok_and(|c| c.value.items.len() >= parallel::DISCARD_ELSEWHERE_FROM);
    parallel::discard(root, big);
    checked
}

/// What `render` needs besides the source.
#[derive(Debug)]
pub struct Options {
    /// Colours, fonts and spacing: `Some` (the command line's `--theme`) wins over the
    /// blueprint's own `theme:`; with neither, `light`.
    pub theme: Option<theme::Theme>,
    /// The text measurer (bundled Inter, plus any fallback font).
    pub measure: text::Measure,
    /// Embed in the SVG a subset of each bundled font weight the text uses, as an `@font-face`,
    /// so browsers draw the fonts the text was measured with (default `true`). Only the
    /// bundled Inter is embedded, never a fallback font.
    pub embed_font: bool,
    /// Text as `<text>` (default) or as glyph outlines ([`TextMode::Paths`]).
    pub text: TextMode,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            theme: None,
            measure: text::Measure::default(),
            embed_font: true,
            text: TextMode::Text,
        }
    }
}

pub use render::TextMode;

/// Parses, validates, lays out and renders `source` as an SVG document, entirely in memory.
/// Returns the SVG and the warnings, or every error.
pub fn render(source: &Source, options: &Options) -> Result<Checked<String>, Diagnostics> {
    let checked = check(source)?;
    let svg = render_cut(&checked.value, &cut::Cut::default(), options)?;
    Ok(Checked {
        value: svg.value.into_string(),
        warnings: checked.warnings,
    })
}

/// Lays out and renders a cut of a checked blueprint (see [`cut::apply`]) as an SVG document:
/// the kept part, with its stubs drawn to stand-ins at the cut's edge. Returns the SVG and the
/// cut's warnings, or the problems with the cut (an unknown phase, a step out of range, ...).
/// The document comes in the pieces it was written in ([`render::Document`]), to be written
/// out without copying them together.
pub fn render_cut(
    bp: &Blueprint,
    cut: &cut::Cut,
    options: &Options,
) -> Result<Checked<render::Document>, Diagnostics> {
    let drawn = render_for(bp, cut, options, &[Format::Svg])?;
    Ok(Checked {
        value: drawn.value.svg,
        warnings: drawn.warnings,
    })
}

/// The SVGs of one render ([`render_for`]).
#[derive(Debug)]
pub struct Drawn {
    /// The SVG asked for; when no SVG is, the one PNG and PDF are drawn from.
    pub svg: render::Document,
    /// The SVG PNG and PDF are drawn from, when it is not `svg`.
    pub raster: Option<render::Document>,
}

impl Drawn {
    /// The SVG that PNG and PDF are drawn from.
    pub fn for_raster(&self) -> &render::Document {
        self.raster.as_ref().unwrap_or(&self.svg)
    }
}

/// [`render_cut`] for `formats`: the SVG as `options` ask, when SVG is one of them, and when
/// PNG or PDF is ([`export`]), the SVG they are drawn from, both from one layout. That one has
/// `<text>` (a PDF keeps its text selectable), no embedded fonts (resvg and krilla skip
/// `@font-face` and take the bundled fonts by name), and italics slanted by the SVG itself
/// ([`render::SvgOptions::slant_italics`]); so the SVG asked for serves for PNG and PDF too
/// only when it has `<text>` and no italics.
pub fn render_for(
    bp: &Blueprint,
    cut: &cut::Cut,
    options: &Options,
    formats: &[Format],
) -> Result<Checked<Drawn>, Diagnostics> {
    let theme = resolve_theme(options.theme.as_ref(), bp);
    let (layout, warnings) = cut_layout(bp, cut, &theme, &options.measure)?;
    let asked = render::SvgOptions {
        embed_font: options.embed_font,
        text: options.text,
        slant_italics: false,
        measure: &options.measure,
    };
    let raster = render::SvgOptions {
        embed_font: false,
        text: TextMode::Text,
        slant_italics: true,
        measure: &options.measure,
    };
    let wants_svg = formats.contains(&Format::Svg);
    let wants_raster = formats.iter().any(|f| *f != Format::Svg);
    let svg = render::svg(&layout, &theme, if wants_svg { &asked } else { &raster });
    let apart = wants_svg
        && wants_raster
        && (options.text != TextMode::Text || render::has_italics(&layout));
    let raster = apart.then(|| render::svg(&layout, &theme, &raster));
    let big = layout.items.len() >= parallel::DISCARD_ELSEWHERE_FROM;
    parallel::discard(layout, big);
    Ok(Checked {
        value: Drawn { svg, raster },
        warnings,
    })
}

/// The layout of a cut of `bp` (the whole of it when `cut` is empty), and the cut's warnings.
fn cut_layout(
    bp: &Blueprint,
    cut: &cut::Cut,
    theme: &theme::Theme,
    measure: &text::Measure,
) -> Result<(layout::Layout, Diagnostics), Diagnostics> {
    Ok(if cut.is_empty() {
        (layout::layout(bp, theme, measure), Diagnostics::default())
    } else {
        let cutout = cut::apply(bp, cut)?;
        let layout = layout::layout_cut(&cutout.value, theme, measure);
        (layout, cutout.warnings)
    })
}

/// The theme a blueprint is drawn in: `given` (from the command line) if any, else the
/// blueprint's `theme:`, else `light`.
pub fn resolve_theme<'t>(
    given: Option<&'t theme::Theme>,
    blueprint: &Blueprint,
) -> std::borrow::Cow<'t, theme::Theme> {
    use std::borrow::Cow;
    match given {
        Some(t) => Cow::Borrowed(t),
        None => Cow::Owned(
            blueprint
                .theme
                .as_ref()
                .and_then(|name| theme::Theme::named(&name.value))
                .unwrap_or_default(),
        ),
    }
}

pub use render::raster::Page;

/// An output file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// The SVG document `render` writes.
    Svg,
    /// A raster image of that SVG (resvg, bundled fonts only).
    Png,
    /// A one-page vector PDF of that SVG (krilla, fonts embedded as subsets).
    Pdf,
}

impl Format {
    /// Every format, in the order a batch writes them.
    pub const ALL: [Format; 3] = [Format::Svg, Format::Png, Format::Pdf];

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
        }
    }

    /// The format a file name's extension names (`svg`, `png`, `pdf`, any case), if any.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Format::ALL.into_iter().find(|f| f.extension() == ext)
    }
}

/// How PNG and PDF are made from the SVG.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Export {
    /// PNG pixels per SVG px (default 2; 1 = 96 dpi).
    pub scale: f64,
    /// PNG background as RGBA, replacing the theme's; `None` (default) keeps the theme's.
    pub background: Option<[u8; 4]>,
    /// PDF page size (default: the diagram's own size).
    pub page: Page,
}

impl Default for Export {
    fn default() -> Self {
        Export {
            scale: 2.0,
            background: None,
            page: Page::Fit,
        }
    }
}

/// The bytes of `svg` (as returned by [`render()`]) in `format`. The SVG is returned as is,
/// borrowed (not copied: at 1000 steps it is 2 MB); PNG and PDF are drawn from it. Errors (a
/// PNG over `limits::MAX_RASTER_PIXELS`, say) are one sentence.
pub fn export<'s>(
    svg: &'s str,
    format: Format,
    export: &Export,
) -> Result<std::borrow::Cow<'s, [u8]>, String> {
    use std::borrow::Cow;
    match format {
        Format::Svg => Ok(Cow::Borrowed(svg.as_bytes())),
        Format::Png => render::raster::png(svg, export.scale, export.background).map(Cow::Owned),
        Format::Pdf => render::raster::pdf(svg, export.page).map(Cow::Owned),
    }
}
