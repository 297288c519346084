//! PNG and PDF, both made from the very SVG we write, so every format shows the same drawing.
//!
//! The SVG is parsed once by usvg with a font database that holds only the bundled Inter
//! Regular and Bold, loaded from bytes: system fonts are never looked at, so a PNG is
//! byte-identical on every machine that runs the same build, and every generic family
//! (`sans-serif`, and through it `'Helvetica Neue'`, `Helvetica`, `Arial`) is Inter.
//! resvg draws the PNG (encoded with pHYs set to the chosen DPI); krilla with krilla-svg writes
//! the PDF: vector, Inter embedded as subsets, text selectable. krilla was chosen over svg2pdf
//! 0.13 because svg2pdf wrote different bytes run to run once two fonts were used; a test renders
//! twice and compares. The PDF's title, subject and language are read from the SVG's `<title>`,
//! `<desc>` and `xml:lang`, from the same XML parse usvg draws from; it carries no date.
//! Versions are pinned exactly in Cargo.toml: output bytes change between resvg versions. Uses
//! `limits` and the font files `text.rs` bundles.

use std::sync::Arc;

use resvg::tiny_skia;
use resvg::usvg;
use usvg::{fontdb, roxmltree};

use crate::limits::MAX_RASTER_PIXELS;

/// CSS px per inch. A PNG at N dpi is drawn at [`Export::scale`](crate::Export::scale) =
/// N / 96: 96 dpi is scale 1, the SVG's own size.
pub const PX_PER_INCH: f64 = 96.0;
/// PDF points per SVG px (72 pt per inch, 96 px per inch), so a PDF page of the diagram's own
/// size has the same physical size a browser gives the SVG.
const PT_PER_PX: f64 = 72.0 / PX_PER_INCH;
/// Margin on the A4 and Letter pages, in pt (half an inch, 12.7 mm).
const PAGE_MARGIN_PT: f64 = 36.0;
/// Longest side of a PDF page, in pt. PDF 1.7 (Annex C) names 14,400 units (200 in) as the
/// implementation limit readers such as Acrobat keep; a larger diagram is scaled down to it
/// on a `fit` page, which loses nothing since the drawing is vector.
const MAX_PAGE_PT: f64 = 14_400.0;

/// The family name inside the bundled TTFs.
const FAMILY: &str = "Inter";

/// The size of a PDF page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Page {
    /// The diagram's own size (1 px = 0.75 pt), scaled down only past 14,400 pt (default).
    #[default]
    Fit,
    /// A4 landscape (297 × 210 mm), the diagram centred and scaled to fit inside a half-inch
    /// margin.
    A4,
    /// US Letter landscape (11 × 8.5 in), the diagram centred and scaled to fit inside a
    /// half-inch margin.
    Letter,
}

/// The pixel size of the PNG of an SVG of `width` × `height` px at `scale` (rounded up, at
/// least 1 px each way), or an error when the scale is not a positive number or the image
/// would exceed [`MAX_RASTER_PIXELS`].
pub(crate) fn png_size(width: f64, height: f64, scale: f64) -> Result<(u32, u32), String> {
    if !(scale.is_finite() && scale > 0.0) {
        return Err(format!("the scale must be a positive number, not {scale}"));
    }
    let w = (width * scale).ceil().max(1.0);
    let h = (height * scale).ceil().max(1.0);
    if w * h > MAX_RASTER_PIXELS as f64 {
        return Err(format!(
            "the PNG would be {w}×{h} px ({:.1} megapixels), over the limit of {} megapixels; \
             use a smaller --scale or --dpi",
            w * h / 1e6,
            MAX_RASTER_PIXELS / 1_000_000
        ));
    }
    // Both are at most MAX_RASTER_PIXELS here, so they fit in a u32.
    Ok((w as u32, h as u32))
}

/// Renders `svg` as a PNG at `scale` (1 = one pixel per SVG px). `background`, as RGBA, replaces
/// the colour of the diagram's background rectangle (alpha 0 for transparent); `None` keeps the
/// theme's. The PNG records its DPI (96 × scale) in a pHYs chunk so slide tools place it at the
/// diagram's intended size.
pub(crate) fn png(svg: &str, scale: f64, background: Option<[u8; 4]>) -> Result<Vec<u8>, String> {
    let tree = parse(svg, background)?;
    let size = tree.size();
    let (w, h) = png_size(f64::from(size.width()), f64::from(size.height()), scale)?;
    let mut pixmap = tiny_skia::Pixmap::new(w, h)
        .ok_or_else(|| format!("cannot allocate a {w}×{h} px image"))?;
    let s = scale as f32;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(s, s),
        &mut pixmap.as_mut(),
    );
    encode_png(&pixmap, scale)
}

/// Renders `svg` as a one-page vector PDF with its fonts embedded as subsets.
pub(crate) fn pdf(svg: &str, page: Page) -> Result<Vec<u8>, String> {
    use krilla::geom::{Size, Transform};
    use krilla_svg::{SurfaceExt, SvgSettings};

    let xml = xml(svg)?;
    let info = Info::of(&xml);
    let tree = tree(&xml, None)?;
    let (dw, dh) = (
        f64::from(tree.size().width()),
        f64::from(tree.size().height()),
    );
    let (page_w, page_h, margin) = match page {
        Page::Fit => {
            let k = PT_PER_PX.min(MAX_PAGE_PT / dw).min(MAX_PAGE_PT / dh);
            (dw * k, dh * k, 0.0)
        }
        // ISO 216: 297 × 210 mm; 1 mm = 72 / 25.4 pt.
        Page::A4 => (297.0 * 72.0 / 25.4, 210.0 * 72.0 / 25.4, PAGE_MARGIN_PT),
        Page::Letter => (11.0 * 72.0, 8.5 * 72.0, PAGE_MARGIN_PT),
    };
    let k = ((page_w - 2.0 * margin) / dw).min((page_h - 2.0 * margin) / dh);
    let (w, h) = (dw * k, dh * k);
    let (x, y) = ((page_w - w) / 2.0, (page_h - h) / 2.0);
    let bad = || format!("cannot make a PDF page of {page_w:.1} × {page_h:.1} pt");
    let page_size = Size::from_wh(page_w as f32, page_h as f32).ok_or_else(bad)?;
    let draw_size = Size::from_wh(w as f32, h as f32).ok_or_else(bad)?;

    let mut document = krilla::Document::new_with(krilla::SerializeSettings {
        // No XMP packet: it would only repeat the document information dictionary, which is
        // what PDF 1.7 readers show.
        xmp_metadata: false,
        ..Default::default()
    });
    document.set_metadata(info.metadata());
    let mut pdf_page = document.start_page_with(krilla::page::PageSettings::new(page_size));
    let mut surface = pdf_page.surface();
    surface.push_transform(&Transform::from_translate(x as f32, y as f32));
    surface
        .draw_svg(&tree, draw_size, SvgSettings::default())
        .ok_or("krilla could not draw the SVG")?;
    surface.pop();
    surface.finish();
    pdf_page.finish();
    document
        .finish()
        .map_err(|e| format!("cannot write the PDF: {e:?}"))
}

/// The font database: the bundled Inter faces only, every generic family mapped to Inter.
/// Built once; parsing the faces costs about a millisecond.
fn fonts() -> Arc<fontdb::Database> {
    static DB: std::sync::OnceLock<Arc<fontdb::Database>> = std::sync::OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_font_data(crate::text::REGULAR_TTF.to_vec());
        db.load_font_data(crate::text::BOLD_TTF.to_vec());
        db.set_sans_serif_family(FAMILY);
        db.set_serif_family(FAMILY);
        db.set_monospace_family(FAMILY);
        db.set_cursive_family(FAMILY);
        db.set_fantasy_family(FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// Parses `svg` with the bundled fonts only: [`xml`], then [`tree`].
fn parse(svg: &str, background: Option<[u8; 4]>) -> Result<usvg::Tree, String> {
    tree(&xml(svg)?, background)
}

/// Parses `svg` as XML exactly as `usvg::Tree::from_str` does (a DTD allowed, for entities), so
/// the PDF can read its title from the same parse the drawing is made from.
fn xml(svg: &str) -> Result<roxmltree::Document<'_>, String> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(svg, options)
        .map_err(|e| format!("cannot read the SVG: {}", usvg::Error::ParsingFailed(e)))
}

/// The drawing of a parsed SVG, with the bundled fonts only. External files are never read: our
/// SVG references none, and a renderer that follows `href`s to disk is a way to read files it
/// should not.
fn tree(xml: &roxmltree::Document<'_>, background: Option<[u8; 4]>) -> Result<usvg::Tree, String> {
    let options = usvg::Options {
        font_family: FAMILY.into(),
        fontdb: fonts(),
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        // Our SVG fills `rect.background` through a scoped class rule; `!important` in an
        // injected sheet beats it (usvg follows CSS: important user rules win).
        style_sheet: background.map(|[r, g, b, a]| {
            format!(
                ".background{{fill:#{r:02x}{g:02x}{b:02x} !important;fill-opacity:{} !important}}",
                f64::from(a) / 255.0
            )
        }),
        ..usvg::Options::default()
    };
    usvg::Tree::from_xmltree(xml, &options).map_err(|e| format!("cannot read the SVG: {e}"))
}

/// The PDF's creator: the tool that made the document.
const CREATOR: &str = concat!("blueprint ", env!("CARGO_PKG_VERSION"));
/// The PDF's producer: the library that wrote the PDF, at the version Cargo.toml pins exactly
/// (a unit test keeps the two in step).
const PRODUCER: &str = "krilla 0.8.2";
/// The PDF's language when the SVG declares none: `und`, "undetermined" (ISO 639-2, valid in
/// BCP 47). The format has no language key and a blueprint's text can be in any language, so
/// claiming `en` would make a screen reader read a German title with an English voice; `und`
/// says we do not know, and readers then use their own default.
const UNKNOWN_LANGUAGE: &str = "und";

const SVG_NS: &str = "http://www.w3.org/2000/svg";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// What the PDF's document information says, read from the SVG it is drawn from: one
/// document, one source of truth, so the PDF's title is the SVG's `<title>`, which is the
/// blueprint's `title`, and its subject the `<desc>`, the `subtitle`.
#[derive(Debug, PartialEq)]
struct Info {
    /// The root `<svg>`'s first `<title>` child (the SVG's document title), if any.
    title: Option<String>,
    /// The root `<svg>`'s first `<desc>` child, if any.
    subject: Option<String>,
    /// The root's `xml:lang` (or `lang`), else [`UNKNOWN_LANGUAGE`].
    language: String,
}

impl Info {
    fn of(xml: &roxmltree::Document<'_>) -> Info {
        let root = xml.root_element();
        let child = |name: &str| {
            root.children()
                .find(|n| n.has_tag_name((SVG_NS, name)))
                .map(text_of)
                .filter(|t| !t.is_empty())
        };
        let language = root
            .attribute((XML_NS, "lang"))
            .or_else(|| root.attribute("lang"))
            .map(|l| l.trim_ascii())
            .filter(|l| !l.is_empty())
            .unwrap_or(UNKNOWN_LANGUAGE);
        Info {
            title: child("title"),
            subject: child("desc"),
            language: language.to_owned(),
        }
    }

    /// The metadata krilla writes as the document information dictionary (`/Title`,
    /// `/Subject`, `/Creator`, `/Producer`) and the catalog's `/Lang`. No dates: the same SVG
    /// gives the same bytes.
    fn metadata(self) -> krilla::metadata::Metadata {
        let mut m = krilla::metadata::Metadata::new()
            .creator(CREATOR.to_owned())
            .producer(PRODUCER.to_owned())
            .language(self.language);
        if let Some(title) = self.title {
            m = m.title(title);
        }
        if let Some(subject) = self.subject {
            m = m.description(subject);
        }
        m
    }
}

/// The text of an element (entities and character references resolved by the parser, CDATA
/// included), with ASCII whitespace stripped at the ends and collapsed inside, as a browser
/// makes `document.title` of `<title>`: a title written over two YAML lines is one line in a
/// viewer's title bar. Every other character, non-breaking spaces and bidi controls included,
/// is kept as written.
fn text_of(node: roxmltree::Node<'_, '_>) -> String {
    let mut raw = String::new();
    for t in node.descendants().filter(|n| n.is_text()) {
        raw.push_str(t.text().unwrap_or_default());
    }
    let mut out = String::with_capacity(raw.len());
    for word in raw.split_ascii_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Encodes `pixmap` as an 8-bit RGBA PNG with straight alpha and its DPI recorded.
fn encode_png(pixmap: &tiny_skia::Pixmap, scale: f64) -> Result<Vec<u8>, String> {
    let mut rgba = Vec::with_capacity(pixmap.data().len());
    for p in pixmap.pixels() {
        let c = p.demultiply();
        rgba.extend_from_slice(&[c.red(), c.green(), c.blue(), c.alpha()]);
    }
    let mut out = Vec::new();
    {
        let mut encoder = ::png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
        encoder.set_color(::png::ColorType::Rgba);
        encoder.set_depth(::png::BitDepth::Eight);
        // Pixels per metre: DPI / 0.0254.
        let ppm = (PX_PER_INCH * scale / 0.0254).round() as u32;
        encoder.set_pixel_dims(Some(::png::PixelDimensions {
            xppu: ppm,
            yppu: ppm,
            unit: ::png::Unit::Meter,
        }));
        let mut writer = encoder
            .write_header()
            .map_err(|e| format!("cannot encode the PNG: {e}"))?;
        writer
            .write_image_data(&rgba)
            .map_err(|e| format!("cannot encode the PNG: {e}"))?;
        writer
            .finish()
            .map_err(|e| format!("cannot encode the PNG: {e}"))?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20" width="40" height="20"><style>.x .background{fill:#ff0000}</style><g class="x"><rect class="background" x="0" y="0" width="40" height="20"/><text x="2" y="14" style="font-family:Arial">Hi</text></g></svg>"##;

    fn pixel(png: &[u8], x: u32, y: u32) -> [u8; 4] {
        let p = tiny_skia::Pixmap::decode_png(png).unwrap();
        let c = p.pixel(x, y).unwrap().demultiply();
        [c.red(), c.green(), c.blue(), c.alpha()]
    }

    #[test]
    fn size_rounds_up_and_the_pixel_cap_is_exact() {
        assert_eq!(png_size(40.0, 20.0, 2.0), Ok((80, 40)));
        assert_eq!(png_size(10.2, 0.1, 1.0), Ok((11, 1)));
        let side = (MAX_RASTER_PIXELS as f64).sqrt();
        assert!(png_size(side, side, 1.0).is_ok());
        let e = png_size(side + 1.0, side, 1.0).unwrap_err();
        assert!(e.contains("megapixels"), "{e}");
        assert!(png_size(40.0, 20.0, 0.0).is_err());
        assert!(png_size(40.0, 20.0, f64::NAN).is_err());
    }

    #[test]
    fn background_is_kept_replaced_or_cleared() {
        assert_eq!(pixel(&png(SVG, 1.0, None).unwrap(), 0, 0), [255, 0, 0, 255]);
        let white = png(SVG, 1.0, Some([255, 255, 255, 255])).unwrap();
        assert_eq!(pixel(&white, 0, 0), [255, 255, 255, 255]);
        let clear = png(SVG, 1.0, Some([0, 0, 0, 0])).unwrap();
        assert_eq!(pixel(&clear, 0, 0)[3], 0);
    }

    #[test]
    fn named_and_generic_families_resolve_to_inter() {
        let tree = parse(SVG, None).unwrap();
        let mut found = false;
        fn walk(g: &usvg::Group, found: &mut bool) {
            for n in g.children() {
                match n {
                    usvg::Node::Group(g) => walk(g, found),
                    usvg::Node::Text(t) => {
                        *found |= t.layouted().iter().any(|s| !s.positioned_glyphs.is_empty())
                    }
                    _ => {}
                }
            }
        }
        walk(tree.root(), &mut found);
        assert!(found, "text drawn with glyphs");
        assert_eq!(tree.fontdb().len(), 2, "only the bundled faces");
    }

    fn info(svg: &str) -> Info {
        Info::of(&xml(svg).unwrap())
    }

    #[test]
    fn info_is_the_svgs_title_desc_and_language_as_written() {
        let svg = "<svg xmlns='http://www.w3.org/2000/svg' xml:lang='de-CH'>\
                   <title id='t'>\n  Fish &amp; Chips &lt;&quot;q&quot;&gt; &apos;n&apos; (a\\b)\
                   \t<![CDATA[&raw;]]> caf&#233; &#x202B;\u{5e9}\u{5dc}&#x202C; \u{1F600}\u{a0}x\n</title>\
                   <desc>One\r\n  night</desc><g><title>not the document's</title></g></svg>";
        assert_eq!(
            info(svg),
            Info {
                title: Some(
                    "Fish & Chips <\"q\"> 'n' (a\\b) &raw; caf\u{e9} \u{202b}\u{5e9}\u{5dc}\u{202c} \
                     \u{1F600}\u{a0}x"
                        .into()
                ),
                subject: Some("One night".into()),
                language: "de-CH".into(),
            }
        );
        // `lang` when there is no `xml:lang`; none, or an empty one, is "undetermined".
        let lang =
            info("<svg xmlns='http://www.w3.org/2000/svg' lang=' fr '><title>T</title></svg>");
        assert_eq!(lang.language, "fr");
        let none = info("<svg xmlns='http://www.w3.org/2000/svg'><g><title>T</title></g></svg>");
        assert_eq!(
            none,
            Info {
                title: None,
                subject: None,
                language: UNKNOWN_LANGUAGE.into()
            }
        );
        let empty =
            info("<svg xmlns='http://www.w3.org/2000/svg' xml:lang=''><title> </title></svg>");
        assert_eq!((empty.title, empty.language.as_str()), (None, "und"));
        // U+001B delimits a language tag inside a PDF text string; it cannot reach one, since
        // XML has no way to write it.
        assert!(xml("<svg xmlns='http://www.w3.org/2000/svg'><title>&#27;</title></svg>").is_err());
        assert!(
            xml("<svg xmlns='http://www.w3.org/2000/svg'><title>\u{1b}</title></svg>").is_err()
        );
    }

    #[test]
    fn producer_names_the_pinned_krilla() {
        let pin = PRODUCER.strip_prefix("krilla ").unwrap();
        let manifest = include_str!("../../Cargo.toml");
        assert!(
            manifest.contains(&format!("krilla = {{ version = \"={pin}\"")),
            "Cargo.toml pins krilla {pin}"
        );
    }

    #[test]
    fn pdf_pages_have_the_asked_size() {
        let fit = String::from_utf8_lossy(&pdf(SVG, Page::Fit).unwrap()).into_owned();
        assert!(fit.contains("/MediaBox[0 0 30 15]"), "{fit}");
        let a4 = String::from_utf8_lossy(&pdf(SVG, Page::A4).unwrap()).into_owned();
        assert!(a4.contains("/MediaBox[0 0 841.88"), "{a4}");
    }
}
