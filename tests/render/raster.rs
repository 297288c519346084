//! PNG and PDF through the binary: every sample renders to both; the bytes are the same run to
//! run; the PNG's pixel size follows `--scale` / `--dpi` and its background `--background`; the
//! PDF has one page of the asked size with Inter embedded, and the blueprint's title, subtitle,
//! language and creator in its document information (checked with poppler's `pdfinfo` too when
//! it is installed); a failed render writes nothing.

use crate::support::{bin, render_stdout, root, sample, samples, tempdir, write};
use predicates::prelude::*;

/// Width and height from a PNG's IHDR chunk (bytes 16..24, big-endian).
fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&png[12..16], b"IHDR");
    let be = |i: usize| u32::from_be_bytes([png[i], png[i + 1], png[i + 2], png[i + 3]]);
    (be(16), be(20))
}

/// The RGBA of one pixel.
fn pixel(png: &[u8], x: u32, y: u32) -> [u8; 4] {
    let p = resvg::tiny_skia::Pixmap::decode_png(png).expect("PNG decodes");
    let c = p.pixel(x, y).expect("pixel inside").demultiply();
    [c.red(), c.green(), c.blue(), c.alpha()]
}

/// The `width` and `height` of the golden SVG of sample `name`.
fn svg_size(name: &str) -> (f64, f64) {
    let svg = std::fs::read_to_string(root().join("samples").join(format!("{name}.svg")))
        .expect("golden SVG");
    let doc = roxmltree::Document::parse(&svg).expect("SVG parses");
    let attr = |a: &str| -> f64 {
        doc.root_element()
            .attribute(a)
            .expect("size attribute")
            .parse()
            .expect("number")
    };
    (attr("width"), attr("height"))
}

/// Checks the facts every PDF we write must have; returns it as (lossy) text.
fn check_pdf(pdf: &[u8]) -> String {
    assert!(pdf.starts_with(b"%PDF-"), "PDF header");
    let text = String::from_utf8_lossy(pdf).into_owned();
    // pdf-writer writes `/Type/Page` (no space); `/Type/Pages` is the page tree, not a page.
    let text_nospace = text.replace("/Type /", "/Type/");
    let pages =
        text_nospace.matches("/Type/Page").count() - text_nospace.matches("/Type/Pages").count();
    assert_eq!(pages, 1, "one page");
    assert!(
        text.contains("/FontFile2") || text.contains("/FontFile3"),
        "a font program is embedded"
    );
    // Subsets are named `ABCDEF+Family`.
    assert!(text.contains("+Inter"), "an Inter subset is embedded");
    assert!(
        text.contains("/ToUnicode"),
        "text maps back to Unicode (selectable)"
    );
    text
}

#[test]
fn every_sample_renders_to_png_and_pdf() {
    let d = tempdir();
    bin()
        .args(["render", "--format", "png,pdf", "--out-dir"])
        .arg(d.path())
        .args(samples())
        .assert()
        .success();
    for s in samples() {
        let name = s.file_stem().expect("stem").to_string_lossy().into_owned();
        let png = std::fs::read(d.path().join(format!("{name}.png"))).expect("PNG written");
        let (w, h) = svg_size(&name);
        assert_eq!(
            png_size(&png),
            ((w * 2.0).ceil() as u32, (h * 2.0).ceil() as u32),
            "{name}: default scale 2"
        );
        // The default background is the theme's, opaque.
        assert_eq!(pixel(&png, 0, 0), [255, 255, 255, 255], "{name}");
        let pdf = std::fs::read(d.path().join(format!("{name}.pdf"))).expect("PDF written");
        check_pdf(&pdf);
        assert!(
            !d.path().join(format!("{name}.svg")).exists(),
            "only the asked formats"
        );
    }
}

#[test]
fn png_bytes_repeat_and_size_follows_scale_and_dpi() {
    let input = sample("servuction");
    let (w, h) = svg_size("servuction");
    let a = render_stdout(&input, &["--format", "png"]);
    let b = render_stdout(&input, &["--format", "png"]);
    assert!(a == b, "same input, same PNG bytes");
    assert_eq!(
        png_size(&a),
        ((w * 2.0).ceil() as u32, (h * 2.0).ceil() as u32)
    );
    let one = render_stdout(&input, &["--format", "png", "--scale", "1"]);
    assert_eq!(png_size(&one), (w.ceil() as u32, h.ceil() as u32));
    let odd = render_stdout(&input, &["--format", "png", "--scale", "1.5"]);
    assert_eq!(
        png_size(&odd),
        ((w * 1.5).ceil() as u32, (h * 1.5).ceil() as u32)
    );
    // 96 dpi is scale 1, so 192 dpi is the default scale 2, byte for byte.
    let dpi = render_stdout(&input, &["--format", "png", "--dpi", "192"]);
    assert!(dpi == a, "--dpi 192 is --scale 2");
    bin()
        .arg("render")
        .arg(&input)
        .args(["-o", "-", "--format", "png", "--scale", "2", "--dpi", "96"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
    for bad in ["0", "-1", "nan", "inf", "x"] {
        bin()
            .arg("render")
            .arg(&input)
            .args(["-o", "-", "--format", "png", "--scale", bad])
            .assert()
            .code(2);
    }
}

#[test]
fn png_background_is_the_themes_or_the_asked_one() {
    let input = sample("servuction");
    let png = |args: &[&str]| {
        let mut all = vec!["--format", "png", "--scale", "1"];
        all.extend_from_slice(args);
        render_stdout(&input, &all)
    };
    assert_eq!(pixel(&png(&[]), 0, 0), [255, 255, 255, 255]);
    assert_eq!(
        pixel(&png(&["--theme", "dark"]), 0, 0),
        [0x0d, 0x11, 0x17, 255]
    );
    assert_eq!(pixel(&png(&["--background", "transparent"]), 0, 0)[3], 0);
    assert_eq!(
        pixel(&png(&["--theme", "dark", "--background", "white"]), 0, 0),
        [255, 255, 255, 255]
    );
    assert_eq!(
        pixel(&png(&["--background", "#123456"]), 0, 0),
        [0x12, 0x34, 0x56, 255]
    );
    for bad in ["red", "#12345", "#12345g", "123456"] {
        bin()
            .arg("render")
            .arg(&input)
            .args(["-o", "-", "--format", "png", "--background", bad])
            .assert()
            .code(2);
    }
}

#[test]
fn pdf_bytes_repeat_with_one_page_and_inter_embedded() {
    let input = sample("hotel");
    let a = render_stdout(&input, &["--format", "pdf"]);
    let b = render_stdout(&input, &["--format", "pdf"]);
    assert!(a == b, "same input, same PDF bytes");
    let text = check_pdf(&a);
    // Both weights are used (titles and lane labels are bold).
    assert!(text.contains("+Inter-Regular"), "Regular");
    assert!(text.contains("+Inter-Bold"), "Bold");
    // The diagram's own size: 1 px = 0.75 pt.
    let (w, h) = svg_size("hotel");
    let got = media_box(&text);
    assert!(close(got, (w * 0.75, h * 0.75)), "{got:?}");
}

/// The first index of `needle` in `hay` at or after `from`.
fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// The body of the object the trailer's `key` (`/Info`, `/Root`) refers to: the bytes between
/// `N 0 obj` and `endobj`.
fn trailer_object<'p>(pdf: &'p [u8], key: &str) -> &'p [u8] {
    let trailer = find(pdf, b"trailer", 0).expect("a trailer");
    let at = find(pdf, key.as_bytes(), trailer).unwrap_or_else(|| panic!("{key} in the trailer"));
    let rest = &pdf[at + key.len()..];
    let n: String = String::from_utf8_lossy(rest)
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let head = format!("\n{n} 0 obj");
    let start = find(pdf, head.as_bytes(), 0).unwrap_or_else(|| panic!("object {n}"));
    let end = find(pdf, b"endobj", start).expect("endobj");
    &pdf[start + head.len()..end]
}

/// The text string after `/key` in a dictionary: a literal `(...)` (with its backslash escapes)
/// or a hex `<FEFF...>` in UTF-16BE, decoded; `None` when the key is absent.
fn text_string(dict: &[u8], key: &str) -> Option<String> {
    let at = find(dict, format!("/{key}").as_bytes(), 0)? + key.len() + 1;
    let rest = &dict[at..];
    let rest = &rest[rest.iter().position(|b| !b.is_ascii_whitespace())?..];
    match rest[0] {
        b'(' => {
            let (mut out, mut depth, mut i) = (Vec::new(), 0, 1);
            loop {
                match rest[i] {
                    b'\\' => {
                        i += 1;
                        match rest[i] {
                            b'n' => out.push(b'\n'),
                            b'r' => out.push(b'\r'),
                            b't' => out.push(b'\t'),
                            b'b' => out.push(8),
                            b'f' => out.push(12),
                            d @ b'0'..=b'7' => {
                                let mut v = u32::from(d - b'0');
                                while i + 1 < rest.len() && (b'0'..=b'7').contains(&rest[i + 1]) {
                                    i += 1;
                                    v = v * 8 + u32::from(rest[i] - b'0');
                                }
                                out.push(v as u8);
                            }
                            b'\n' => {}
                            c => out.push(c),
                        }
                    }
                    b'(' => {
                        depth += 1;
                        out.push(b'(');
                    }
                    b')' if depth == 0 => break,
                    b')' => {
                        depth -= 1;
                        out.push(b')');
                    }
                    c => out.push(c),
                }
                i += 1;
            }
            // pdf-writer writes a literal only for printable ASCII, where PDFDocEncoding is ASCII.
            assert!(out.iter().all(u8::is_ascii), "{out:?}");
            Some(String::from_utf8(out).expect("ASCII"))
        }
        b'<' => {
            let end = rest.iter().position(|&b| b == b'>').expect(">");
            let hex: Vec<u8> = rest[1..end]
                .iter()
                .copied()
                .filter(|b| !b.is_ascii_whitespace())
                .collect();
            let bytes: Vec<u8> = hex
                .chunks(2)
                .map(|h| u8::from_str_radix(std::str::from_utf8(h).expect("hex"), 16).expect("hex"))
                .collect();
            assert_eq!(
                &bytes[..2],
                [0xFE, 0xFF],
                "UTF-16BE with its byte order mark"
            );
            let units = bytes[2..]
                .chunks(2)
                .map(|u| u16::from_be_bytes([u[0], u[1]]));
            Some(
                char::decode_utf16(units)
                    .collect::<Result<String, _>>()
                    .expect("valid UTF-16"),
            )
        }
        c => panic!("/{key} is not a string: starts with {:?}", c as char),
    }
}

/// `pdfinfo`'s field `key` (`Title`, `Creator`, ...) for `pdf`, or `None` when poppler-utils'
/// pdfinfo is not installed, which is said on stderr: the check is skipped, visibly.
fn pdfinfo(pdf: &[u8], keys: &[&str]) -> Option<Vec<String>> {
    let d = tempdir();
    let path = d.path().join("x.pdf");
    std::fs::write(&path, pdf).expect("write PDF");
    let out = match std::process::Command::new("pdfinfo")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .output()
    {
        Ok(out) => out,
        Err(e) => {
            // Straight to stderr, not through `eprintln!`, which the test harness captures.
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "skipped: the pdfinfo check (poppler-utils) cannot run: {e}"
            );
            return None;
        }
    };
    assert!(out.status.success(), "pdfinfo reads the PDF");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let field = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{key}:")))
            .unwrap_or_else(|| panic!("pdfinfo shows {key}: {text}"))
            .trim_start()
            .to_owned()
    };
    Some(keys.iter().map(|k| field(k)).collect())
}

#[test]
fn pdf_metadata_names_the_blueprint_its_creator_and_language() {
    let input = sample("hotel");
    let yaml = std::fs::read_to_string(&input).expect("sample");
    let value = |key: &str| {
        yaml.lines()
            .find_map(|l| l.strip_prefix(&format!("{key}: ")))
            .map(|v| v.split(" #").next().expect("value").trim().to_owned())
            .unwrap_or_else(|| panic!("hotel.yaml has {key}"))
    };
    let (title, subtitle) = (value("title"), value("subtitle"));
    let a = render_stdout(&input, &["--format", "pdf"]);
    let b = render_stdout(&input, &["--format", "pdf"]);
    assert!(a == b, "same input, same PDF bytes, metadata included");
    let info = trailer_object(&a, "/Info");
    let creator = format!("blueprint {}", env!("CARGO_PKG_VERSION"));
    assert_eq!(text_string(info, "Title").as_deref(), Some(title.as_str()));
    assert_eq!(
        text_string(info, "Subject").as_deref(),
        Some(subtitle.as_str())
    );
    assert_eq!(text_string(info, "Creator"), Some(creator.clone()));
    let producer = text_string(info, "Producer").expect("a producer");
    assert!(producer.starts_with("krilla 0."), "{producer}");
    // No date, so the bytes repeat; the format has no language, so it is "undetermined".
    assert_eq!(text_string(info, "CreationDate"), None);
    assert_eq!(text_string(info, "ModDate"), None);
    let catalog = trailer_object(&a, "/Root");
    assert!(find(catalog, b"/Type/Catalog", 0).is_some(), "the catalog");
    assert_eq!(text_string(catalog, "Lang").as_deref(), Some("und"));
    if let Some(got) = pdfinfo(&a, &["Title", "Subject", "Creator"]) {
        assert_eq!(got, [title, subtitle, creator]);
    }
}

#[test]
fn pdf_title_comes_out_as_the_user_wrote_it() {
    let d = tempdir();
    // Each: the YAML's title and subtitle values, and the title and subject expected, written
    // as a literal string (ASCII) and as UTF-16 (the rest).
    let cases = [
        (
            r#""Fish & Chips <\"q\"> 'n' (a\\b) ((x) 100%""#,
            r#""Two\n  lines""#,
            "Fish & Chips <\"q\"> 'n' (a\\b) ((x) 100%",
            "Two lines",
        ),
        (
            r#""Caf\u00e9 \u202B\u05E9\u05DC\u05D5\u05DD\u202C \u2067\u0639\u0631\u0628\u064A\u2069 \u200F! \U0001F600 \u4E2D\u00A0x""#,
            r#""&amp; stays &amp;""#,
            "Caf\u{e9} \u{202b}\u{5e9}\u{5dc}\u{5d5}\u{5dd}\u{202c} \u{2067}\u{639}\u{631}\u{628}\u{64a}\u{2069} \
             \u{200f}! \u{1F600} \u{4e2d}\u{a0}x",
            "&amp; stays &amp;",
        ),
    ];
    for (i, (title, subtitle, want_title, want_subject)) in cases.into_iter().enumerate() {
        let input = write(
            d.path(),
            &format!("t{i}.yaml"),
            format!(
                "title: {title}\nsubtitle: {subtitle}\nsteps: [{{id: a, customer: x, onstage: y}}]\n"
            ),
        );
        let pdf = render_stdout(&input, &["--format", "pdf"]);
        let info = trailer_object(&pdf, "/Info");
        assert_eq!(
            text_string(info, "Title").as_deref(),
            Some(want_title),
            "{title}"
        );
        assert_eq!(text_string(info, "Subject").as_deref(), Some(want_subject));
        if let Some(got) = pdfinfo(&pdf, &["Title", "Subject"]) {
            assert_eq!(got, [want_title, want_subject]);
        }
    }
}

#[test]
fn pdf_language_is_the_svgs_own() {
    // Through the library: an SVG that declares its language gives the PDF that language.
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" xml:lang="de" width="10" height="10"><title>Übernachtung</title><rect width="10" height="10"/></svg>"#;
    let pdf = blueprint::export(svg, blueprint::Format::Pdf, &blueprint::Export::default())
        .expect("PDF")
        .into_owned();
    assert_eq!(
        text_string(trailer_object(&pdf, "/Root"), "Lang").as_deref(),
        Some("de")
    );
    assert_eq!(
        text_string(trailer_object(&pdf, "/Info"), "Title").as_deref(),
        Some("Übernachtung")
    );
}

/// The page size from the PDF's `/MediaBox[0 0 W H]`, in pt.
fn media_box(pdf: &str) -> (f64, f64) {
    let at = pdf.find("/MediaBox").expect("a MediaBox") + "/MediaBox".len();
    let inner = &pdf[at..];
    let inner = &inner[inner.find('[').expect("[") + 1..inner.find(']').expect("]")];
    let n: Vec<f64> = inner
        .split_whitespace()
        .map(|x| x.parse().expect("number"))
        .collect();
    assert_eq!(n.len(), 4, "{inner}");
    (n[2] - n[0], n[3] - n[1])
}

fn close(a: (f64, f64), b: (f64, f64)) -> bool {
    (a.0 - b.0).abs() < 0.01 && (a.1 - b.1).abs() < 0.01
}

#[test]
fn pdf_pages_a4_and_letter_are_landscape() {
    let input = sample("clinic");
    let a4 = check_pdf(&render_stdout(&input, &["--format", "pdf", "--page", "a4"]));
    let got = media_box(&a4);
    assert!(close(got, (841.89, 595.28)), "A4: {got:?}");
    let letter = check_pdf(&render_stdout(
        &input,
        &["--format", "pdf", "--page", "letter"],
    ));
    let got = media_box(&letter);
    assert!(close(got, (792.0, 612.0)), "Letter: {got:?}");
}

#[test]
fn format_comes_from_the_extension_or_the_flag() {
    let d = tempdir();
    let input = write(
        d.path(),
        "t.yaml",
        "title: T\nsteps: [{id: a, customer: x, onstage: y}]\n",
    );
    let png = d.path().join("x.PNG");
    bin()
        .arg("render")
        .arg(&input)
        .arg("-o")
        .arg(&png)
        .assert()
        .success();
    png_size(&std::fs::read(&png).expect("PNG"));
    let pdf = d.path().join("x.pdf");
    bin()
        .arg("render")
        .arg(&input)
        .arg("-o")
        .arg(&pdf)
        .assert()
        .success();
    check_pdf(&std::fs::read(&pdf).expect("PDF"));
    // No -o: beside the input, one file per format.
    bin()
        .arg("render")
        .arg(&input)
        .args(["--format", "svg,png,pdf"])
        .assert()
        .success()
        .stderr(predicate::str::contains("wrote"));
    for ext in ["svg", "png", "pdf"] {
        assert!(d.path().join(format!("t.{ext}")).exists(), "t.{ext}");
    }
    // Contradictions are usage errors, and write nothing.
    bin()
        .arg("render")
        .arg(&input)
        .arg("-o")
        .arg(d.path().join("y.png"))
        .args(["--format", "pdf"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--format"));
    bin()
        .arg("render")
        .arg(&input)
        .arg("-o")
        .arg(d.path().join("y.png"))
        .args(["--format", "png,pdf"])
        .assert()
        .code(2);
    assert!(!d.path().join("y.png").exists());
    bin()
        .arg("render")
        .arg(&input)
        .args(["--format", "gif"])
        .assert()
        .code(2);
}

#[test]
fn a_failed_render_writes_no_png_or_pdf_and_keeps_the_old_ones() {
    let d = tempdir();
    let bad = write(
        d.path(),
        "bad.yaml",
        "title: T\nsteps:\n  - id: a\n    emotion: 9\n",
    );
    let old_png = write(d.path(), "bad.png", "precious png");
    bin()
        .arg("render")
        .arg(&bad)
        .args(["--format", "png,pdf"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("emotion-out-of-range"));
    assert_eq!(std::fs::read(&old_png).expect("kept"), b"precious png");
    assert!(!d.path().join("bad.pdf").exists(), "no PDF");
    // An image over the pixel cap is refused with the size, before anything is allocated.
    let good = write(
        d.path(),
        "good.yaml",
        "title: T\nsteps: [{id: a, customer: x, onstage: y}]\n",
    );
    let old = write(d.path(), "good.png", "precious png");
    bin()
        .arg("render")
        .arg(&good)
        .arg("-o")
        .arg(&old)
        .args(["--scale", "1000"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("megapixels"));
    assert_eq!(std::fs::read(&old).expect("kept"), b"precious png");
    let names: Vec<String> = std::fs::read_dir(d.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 4, "no temp litter: {names:?}");
}

/// The mean difference, 0 to 255 a channel, of two RGBA pixmaps of one size over the
/// rectangles `areas` (in pixels).
fn mean_difference(a: &[u8], b: &[u8], areas: &[(u32, u32, u32, u32)]) -> f64 {
    let (a, b) = (
        resvg::tiny_skia::Pixmap::decode_png(a).expect("PNG decodes"),
        resvg::tiny_skia::Pixmap::decode_png(b).expect("PNG decodes"),
    );
    assert_eq!((a.width(), a.height()), (b.width(), b.height()));
    let (mut sum, mut n) = (0.0, 0.0);
    for &(x0, y0, x1, y1) in areas {
        for y in y0..y1.min(a.height()) {
            for x in x0..x1.min(a.width()) {
                let (p, q) = (a.pixel(x, y).expect("in"), b.pixel(x, y).expect("in"));
                sum += f64::from(p.red().abs_diff(q.red()))
                    + f64::from(p.green().abs_diff(q.green()))
                    + f64::from(p.blue().abs_diff(q.blue()));
                n += 3.0;
            }
        }
    }
    sum / n
}

#[test]
fn italics_are_slanted_in_png_and_pdf_as_in_outlines() {
    // resvg and krilla have no italic face to draw `font-style: italic` with and used to draw
    // notes upright; outlines slant them themselves. The PNG must now look like the outlines
    // drawn, and not like the upright text it was.
    let input = sample("hotel");
    let png = |svg: &[u8]| -> Vec<u8> {
        let svg = std::str::from_utf8(svg).expect("UTF-8");
        let export = blueprint::Export {
            scale: 1.0,
            ..Default::default()
        };
        blueprint::export(svg, blueprint::Format::Png, &export)
            .expect("PNG")
            .into_owned()
    };
    let drawn = render_stdout(&input, &["--format", "png", "--scale", "1"]);
    let outlines = png(&render_stdout(&input, &["--text-as-paths"]));
    let svg = render_stdout(&input, &["--format", "svg"]);
    let upright = png(&svg);
    // The notes' lines, from the SVG's `<text class="note">`s: 200 px from each line's start,
    // from the ascender to below the baseline.
    let svg = String::from_utf8(svg).expect("UTF-8");
    let doc = roxmltree::Document::parse(&svg).expect("SVG parses");
    let areas: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text") && n.attribute("class") == Some("note"))
        .flat_map(|t| t.children().filter(|n| n.has_tag_name("tspan")))
        .map(|s| {
            let at = |a: &str| -> u32 { s.attribute(a).expect(a).parse::<f64>().expect(a) as u32 };
            let (x, y) = (at("x"), at("y"));
            (x, y - 12, x + 200, y + 4)
        })
        .collect();
    assert!(areas.len() >= 3, "the hotel's notes: {}", areas.len());
    let like_outlines = mean_difference(&drawn, &outlines, &areas);
    let like_upright = mean_difference(&drawn, &upright, &areas);
    let apart = mean_difference(&outlines, &upright, &areas);
    assert!(
        like_outlines * 4.0 < apart && like_outlines * 4.0 < like_upright,
        "PNG against outlines {like_outlines:.2}, against upright text {like_upright:.2}; \
         outlines against upright {apart:.2}"
    );
    // A PDF is drawn from the same SVG, and its notes stay text.
    let pdf = render_stdout(&input, &["--format", "pdf"]);
    check_pdf(&pdf);
    // Asked for with the SVG, the PNG is the same; the SVG leaves the slant to CSS.
    let d = tempdir();
    bin()
        .args(["render", "--format", "svg,png", "--scale", "1", "--out-dir"])
        .arg(d.path())
        .arg(&input)
        .assert()
        .success();
    let read = |ext: &str| std::fs::read(d.path().join(format!("hotel.{ext}"))).expect(ext);
    assert!(
        read("png") == drawn,
        "the PNG does not depend on the other formats"
    );
    assert_eq!(read("svg"), svg.as_bytes(), "the SVG does not either");
}
