//! `blueprint`: service blueprints written in YAML, checked and rendered to SVG, PNG and PDF.
//!
//! # The pipeline
//!
//! One module per stage; each stage returns its result with any warnings
//! ([`Checked`]), or every problem it found ([`Diagnostics`]),
//! never just the first:
//!
//! 1. [`decode`]: a file's bytes become a [`Source`], its UTF-8 text.
//! 2. [`check`]: the source is parsed and validated into a [`Blueprint`], the
//!    model: plain data, with every reference resolved to an index.
//! 3. [`cut::apply`] (optional): part of a blueprint (steps, phases, lanes) as a blueprint of its
//!    own, with stubs for the flows that leave it; [`cut::split_phases`] makes one per phase.
//! 4. [`layout::layout`] (or [`layout::layout_cut`]): the blueprint becomes a
//!    [`Layout`](layout::Layout), positioned plain data: text measured and wrapped, boxes
//!    placed, flows routed, in SVG px, with the sizes of a [`Theme`](theme::Theme).
//! 5. [`render::svg`]: the layout becomes an SVG [`Document`](render::Document), coloured by the
//!    theme's palette.
//! 6. [`export`]: the SVG becomes PNG or PDF bytes.
//! 7. [`write::atomic`]: bytes go to a file, all or nothing.
//!
//! [`render()`] runs stages 2 to 5 on a source; [`render_cut`] and [`render_for`] run 3 to 5 on a
//! checked blueprint. [`Options`] says how (theme, text measurer, fonts, text as paths) and
//! [`Export`] how PNG and PDF are made. The same input and options always give the same bytes.
//!
//! # Example
//!
//! ```
//! use blueprint::diag::{Severity, Style, render_human};
//!
//! let yaml = "
//! title: Hotel check-in
//! steps:
//!   - id: arrive
//!     customer: Arrive at the hotel
//!     onstage: Greet and take bags
//!   - id: check-in
//!     customer: Give name
//!     onstage: { text: Find the booking, fail: Booking not found }
//!   - id: wait
//! ";
//! let source = blueprint::decode("hotel.yaml", yaml.as_bytes().to_vec()).expect("UTF-8");
//!
//! // `check` gives the model and its warnings, or every error and warning.
//! let checked = blueprint::check(&source).expect("no errors");
//! assert_eq!(checked.value.steps.len(), 3);
//! for w in &checked.warnings.0 {
//!     assert_eq!(w.severity, Severity::Warning);
//!     let (line, col) = source.line_col(w.label.span.start);
//!     println!("{}:{line}:{col}: {} ({})", source.name(), w.message, w.code);
//! }
//! assert_eq!(checked.warnings.0[0].code, "empty-step"); // step `wait` has no items
//!
//! // `render` does the same checks, then lays out and draws the SVG.
//! let svg = blueprint::render(&source, &blueprint::Options::default()).expect("no errors");
//! assert!(svg.value.starts_with("<svg"));
//!
//! // A blueprint with errors gives every one of them, each with its span in the source.
//! let bad = blueprint::decode("bad.yaml", b"title: Hotel\nstesp: []\n".to_vec()).expect("UTF-8");
//! let errors = blueprint::check(&bad).expect_err("errors");
//! assert!(errors.has_errors());
//! assert!(errors.0.iter().any(|d| d.code == "unknown-key"));
//! // Printed as `blueprint check` prints them (or as JSON: `diag::to_json`).
//! let text = render_human(&bad, &errors, Style::Plain);
//! assert!(text.contains("did you mean `steps`?"));
//! ```
//!
//! # What is public
//!
//! The stages' entry points, the model, the layout, the diagnostics and the options are public.
//! How each stage does its work (the YAML readers, the validator, the layout's phases, the SVG
//! writer, the text measurer's tables, the threads) is private to the crate, and may change in
//! any release.
//!
//! Inside the crate, a module may use the ones declared above it, never those below.

#![forbid(unsafe_code)]
#![warn(missing_docs)]
// Every `pub` item is reachable from the crate root: what is not public is `pub(crate)`, so the
// public API is exactly what `cargo doc` shows.
#![warn(unreachable_pub)]

pub mod limits;
mod parallel;
pub mod span;
mod marks;
pub mod diag;
mod parse;
pub mod model;
pub mod validate;
pub mod outline;
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

/// Parses and validates `source`: the blueprint and its warnings, or every error and warning
/// (sorted by position). The YAML reader recurses once per nesting level: call it on a thread
/// with [`STACK_BYTES`] of stack (a main thread's usual 8 MiB is plenty).
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
    /// The SVG's id prefix, instead of the one derived from the content
    /// ([`render::SvgOptions::id_prefix`]).
    pub id_prefix: Option<String>,
    /// Number the flows' notes on their arrows and list them under the legend (`render
    /// --notes`, format 1.1).
    pub notes: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            theme: None,
            measure: text::Measure::default(),
            embed_font: true,
            text: TextMode::Text,
            id_prefix: None,
            notes: false,
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
    if let Some(m) = drawn.value.refused {
        let d = diag::Diagnostic::error("limit-exceeded", m)
            .with_label(bp.title.span, "this blueprint")
            .with_help("draw the text as text, or cut the blueprint into parts");
        return Err(Diagnostics::one(d));
    }
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
    /// What drawing it as PNG or PDF would take, read from the layout: checked by
    /// [`raster_fits`] before the SVG is parsed into a tree, which is where the memory goes.
    pub work: RasterWork,
    /// Why the SVG asked for was not made (then `svg` is empty): its text as glyph outlines
    /// would pass [`limits::MAX_OUTLINE_TEXT_BYTES`]. PNG and PDF are still drawn.
    pub refused: Option<String>,
}

/// The size of the work of drawing one layout as PNG or PDF, known before any of it is done.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RasterWork {
    /// The diagram's width and height in SVG px.
    pub width: f64,
    /// See `width`.
    pub height: f64,
    /// Bytes of text drawn (every line of every block): resvg and krilla turn each glyph into
    /// outlines, about 1 KB of memory per byte of text.
    pub text_bytes: usize,
}

/// Whether drawing `work` in `format` stays within [`limits::MAX_RASTER_PIXELS`] (PNG) and
/// [`limits::MAX_RASTER_TEXT_BYTES`] (PNG and PDF): checked from the layout, before the SVG is
/// parsed into a tree, so a refusal costs nothing and the largest accepted drawing stays under
/// 1 GB. The error is one sentence naming the limit.
pub fn raster_fits(work: &RasterWork, format: Format, export: &Export) -> Result<(), String> {
    if format == Format::Svg {
        return Ok(());
    }
    if format == Format::Png {
        render::raster::png_size(work.width, work.height, export.scale)?;
    }
    if work.text_bytes > limits::MAX_RASTER_TEXT_BYTES {
        return Err(format!(
            "the {} would draw {} bytes of text, over the limit of {} (MAX_RASTER_TEXT_BYTES); \
             render it as SVG, or cut it into parts (--steps, --split-phases)",
            format.extension().to_uppercase(),
            work.text_bytes,
            limits::MAX_RASTER_TEXT_BYTES
        ));
    }
    Ok(())
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
    let (mut layout, warnings) = cut_layout(bp, cut, &theme, &options.measure)?;
    if options.notes {
        layout::number_notes(&mut layout, &theme, &options.measure);
    }
    let asked = render::SvgOptions {
        embed_font: options.embed_font,
        text: options.text,
        slant_italics: false,
        id_prefix: options.id_prefix.as_deref(),
        measure: &options.measure,
    };
    let raster = render::SvgOptions {
        embed_font: false,
        text: TextMode::Text,
        slant_italics: true,
        id_prefix: options.id_prefix.as_deref(),
        measure: &options.measure,
    };
    let wants_svg = formats.contains(&Format::Svg);
    let wants_raster = formats.iter().any(|f| *f != Format::Svg);
    let work = RasterWork {
        width: layout.size.w,
        height: layout.size.h,
        text_bytes: layout
            .texts()
            .flat_map(|t| &t.text.lines)
            .map(|l| l.text.len())
            .sum(),
    };
    // Outlines cost about 250 bytes of SVG per byte of text: refused before they are made.
    let refused = (wants_svg
        && options.text == TextMode::Paths
        && work.text_bytes > limits::MAX_OUTLINE_TEXT_BYTES)
        .then(|| {
            format!(
                "--text-as-paths would draw {} bytes of text as outlines, over the limit of {} \
                 (MAX_OUTLINE_TEXT_BYTES); draw it as text, or cut it into parts",
                work.text_bytes,
                limits::MAX_OUTLINE_TEXT_BYTES
            )
        });
    let svg = match (&refused, wants_svg) {
        (Some(_), _) => render::Document::default(),
        (None, true) => render::svg(&layout, &theme, &asked),
        (None, false) => render::svg(&layout, &theme, &raster),
    };
    let apart = wants_svg
        && wants_raster
        && (options.text != TextMode::Text || render::has_italics(&layout));
    let raster = apart.then(|| render::svg(&layout, &theme, &raster));
    let big = layout.items.len() >= parallel::DISCARD_ELSEWHERE_FROM;
    parallel::discard(layout, big);
    Ok(Checked {
        value: Drawn {
            svg,
            raster,
            work,
            refused,
        },
        warnings,
    })
}

/// Stack to give a thread that runs [`check`], [`render()`] or [`theme::Theme::from_file`]: the
/// YAML reader recurses once per nesting level, up to [`limits::MAX_DEPTH`], and a spawned
/// thread's default 2 MiB is too little for that in a debug build. 32 MiB; the deepest input
/// accepted needed about 0.3 MiB in a release build and 2 to 4 MiB in a debug one.
pub const STACK_BYTES: usize = parallel::DEEP_STACK_BYTES;

/// Drops `value`, something made from a blueprint of `items` items (the blueprint, its layout,
/// its SVG): from a few hundred items on, on a freeing thread of its own, so the caller goes on
/// at once; else here. Freeing a big blueprint's many small allocations is a few per cent of a
/// render, which [`check`] and [`render_for`] save the same way. The freeing thread is started
/// by the first such call and lives as long as the process.
pub fn discard<T: Send + 'static>(value: T, items: usize) {
    parallel::discard(value, items >= parallel::DISCARD_ELSEWHERE_FROM);
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

pub use render::raster::{PX_PER_INCH, Page};

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
