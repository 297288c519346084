//! Fonts in the SVG, through the binary: by default a subset of each Inter weight the text uses
//! is embedded as an `@font-face` (decoded here with an independent WOFF2 decoder and checked to
//! map every character drawn in its weight); `--no-embed-font` leaves it out; `--text-as-paths`
//! has no `<text>` but the same elements, classes, data attributes and geometry otherwise, and
//! looks like the text it replaces. Every mode repeats byte for byte, and PNG and PDF do not
//! change with the font in the SVG.

use crate::support::*;
use base64::Engine;
use rustybuzz::ttf_parser;
use std::collections::{BTreeMap, BTreeSet};

/// The text of the `<style>` element.
fn style(doc: &roxmltree::Document) -> String {
    doc.descendants()
        .find(|n| n.has_tag_name("style"))
        .and_then(|n| n.text())
        .unwrap_or_default()
        .to_string()
}

/// The `@font-face` rules: (family, weight, decoded font bytes).
fn faces(css: &str) -> Vec<(String, u16, Vec<u8>)> {
    css.split("@font-face{")
        .skip(1)
        .map(|rule| {
            let body = &rule[..rule.find('}').expect("rule ends")];
            let field = |name: &str| -> &str {
                let at = body.find(&format!("{name}:")).expect(name) + name.len() + 1;
                body[at..].split(';').next().unwrap_or("")
            };
            let family = field("font-family").trim_matches('\'').to_string();
            let weight: u16 = field("font-weight").parse().expect("numeric weight");
            let data = body
                .split("base64,")
                .nth(1)
                .and_then(|s| s.split(')').next())
                .expect("data URL");
            let woff2 = base64::engine::general_purpose::STANDARD
                .decode(data)
                .expect("base64");
            assert_eq!(&woff2[..4], b"wOF2", "WOFF2 signature");
            let ttf = wuff::decompress_woff2(&woff2).expect("WOFF2 decodes");
            (family, weight, ttf)
        })
        .collect()
}

/// The characters drawn in each weight (400 or 700), from the `<text>` elements.
fn chars_by_weight(doc: &roxmltree::Document) -> BTreeMap<u16, BTreeSet<char>> {
    let mut m: BTreeMap<u16, BTreeSet<char>> = BTreeMap::new();
    for t in doc.descendants().filter(|n| n.has_tag_name("text")) {
        let w = match t.attribute("font-weight") {
            Some("700") => 700,
            None => 400,
            Some(other) => panic!("font-weight {other} has no embedded face"),
        };
        let text: String = t.descendants().filter_map(|n| n.text()).collect();
        m.entry(w).or_default().extend(text.chars());
    }
    m
}

/// The family the stylesheet gives `text`: the first of its `font-family` list.
fn first_family(css: &str) -> String {
    let at = css.find("text{font-family:").expect("family rule") + "text{font-family:".len();
    css[at..]
        .split([',', '}'])
        .next()
        .unwrap_or("")
        .trim()
        .trim_matches('\'')
        .to_string()
}

#[test]
fn by_default_each_weight_used_is_embedded_and_maps_every_character_drawn() {
    let inter = [
        (
            400,
            include_bytes!("../../assets/Inter-Regular.ttf").as_slice(),
        ),
        (
            700,
            include_bytes!("../../assets/Inter-Bold.ttf").as_slice(),
        ),
    ];
    // Hostile-ish text too: accents, an arrow Inter's `calt` substitutes, CJK it lacks.
    let d = tempdir();
    let extra = write(
        d.path(),
        "extra.yaml",
        "title: Café -> Straße\nsteps:\n  - id: a\n    label: Ärger 2 x 3\n    customer: \"Wait ... 東京 — done\"\n",
    );
    for input in samples().into_iter().chain([extra]) {
        let svg = render_svg(&input, &[]);
        let doc = check_svg(&svg);
        let css = style(&doc);
        let faces = faces(&css);
        let used = chars_by_weight(&doc);
        let weights: Vec<u16> = faces.iter().map(|f| f.1).collect();
        assert_eq!(
            weights,
            used.keys().copied().collect::<Vec<_>>(),
            "{}: one @font-face per weight used",
            input.display()
        );
        for (family, weight, ttf) in &faces {
            assert_eq!(*family, first_family(&css), "the family the text asks for");
            let face = ttf_parser::Face::parse(ttf, 0).expect("embedded font parses");
            let full = inter.iter().find(|i| i.0 == *weight).expect("weight").1;
            let full = ttf_parser::Face::parse(full, 0).expect("bundled font");
            // All of printable ASCII, used or not: text edited later still has its glyphs.
            for c in ' '..='~' {
                assert!(
                    face.glyph_index(c).is_some(),
                    "{}: {c:?} missing from the {weight} face",
                    input.display()
                );
            }
            for &c in &used[weight] {
                if full.glyph_index(c).is_some() {
                    assert!(
                        face.glyph_index(c).is_some(),
                        "{}: {c:?} missing from the {weight} subset",
                        input.display()
                    );
                }
            }
            // A subset, with GSUB/GPOS kept for the shaping browsers do.
            assert!(face.number_of_glyphs() < full.number_of_glyphs() / 4);
            assert!(face.tables().gpos.is_some() && face.tables().gsub.is_some());
        }
    }
}

#[test]
fn no_embed_font_leaves_the_font_out_and_nothing_else() {
    let without = render_svg(&sample("hotel"), &["--no-embed-font"]);
    let css = style(&check_svg(&without));
    assert!(!css.contains("@font-face"));
    assert_eq!(first_family(&css), "Inter");
    // The default output less its @font-face rules and the embedded family's name.
    let mut with = render_svg(&sample("hotel"), &[]);
    let family = first_family(&style(&check_svg(&with)));
    while let Some(start) = with.find("@font-face{") {
        let end = start + with[start..].find("}\n").expect("one rule a line") + 2;
        with.replace_range(start..end, "");
    }
    // Its id prefix is its own (issue 18: side by side on one page, the two must not restyle
    // each other), so the default's is read as the other's.
    let with = with.replace(&format!("'{family}', "), "");
    assert_ne!(prefix(&with), prefix(&without));
    assert_eq!(with.replace(&prefix(&with), &prefix(&without)), without);
}

/// The SVG's id prefix: its root's class.
fn prefix(svg: &str) -> String {
    let doc = roxmltree::Document::parse(svg).expect("svg");
    doc.root_element()
        .attribute("class")
        .expect("class")
        .to_string()
}

/// Every element but text, as (tag, attributes), in document order; `<text>` and its group
/// counterpart as ("TEXT", class, words).
fn structure(doc: &roxmltree::Document) -> Vec<String> {
    let mut v = Vec::new();
    for n in doc.descendants().filter(|n| n.is_element()) {
        let name = n.tag_name().name();
        if name == "text" {
            let words: Vec<String> = n
                .children()
                .map(|t| t.text().unwrap_or("").to_string())
                .collect();
            // Lines joined as the outlines' `aria-label` joins them: by a space where the text
            // had one; a line ending in a hyphen (a break after it) or cut inside a word goes
            // on without one. The tspans do not say which, so spaces are left out of both.
            v.push(format!(
                "TEXT {:?} {:?}",
                n.attribute("class").unwrap_or(""),
                words.concat().replace(' ', "")
            ));
            continue;
        }
        if name == "tspan" || name == "style" {
            continue;
        }
        let in_outline = n
            .ancestors()
            .any(|a| a.attribute("aria-label").is_some() && a.has_tag_name("g"));
        if let Some(label) = n.attribute("aria-label").filter(|_| name == "g") {
            let class = n.attribute("class").unwrap_or("");
            let class = class.strip_suffix(" text").unwrap_or("").to_string();
            let class = if n.attribute("class") == Some("text") {
                String::new()
            } else {
                class
            };
            v.push(format!("TEXT {class:?} {:?}", label.replace(' ', "")));
            continue;
        }
        if in_outline {
            continue;
        }
        // The text's `font-family` (a presentation attribute on the root, inherited by every
        // `<text>`) has no text to dress in outlines.
        let attrs: Vec<String> = n
            .attributes()
            .filter(|a| a.name() != "font-family")
            .map(|a| format!("{}={:?}", a.name(), a.value()))
            .collect();
        v.push(format!("{name} {}", attrs.join(" ")));
    }
    v
}

#[test]
fn text_as_paths_keeps_every_element_class_data_attribute_and_position() {
    for input in samples() {
        let text = render_svg(&input, &["--no-embed-font"]);
        let paths = render_svg(&input, &["--text-as-paths"]);
        // Each with an id prefix of its own (issue 18), compared as if they had one.
        assert_ne!(prefix(&text), prefix(&paths));
        let paths = paths.replace(&prefix(&paths), &prefix(&text));
        let (td, pd) = (check_svg(&text), check_svg(&paths));
        assert!(
            !pd.descendants()
                .any(|n| n.has_tag_name("text") || n.has_tag_name("tspan")),
            "{}: no <text> left",
            input.display()
        );
        assert!(!style(&pd).contains("@font-face"), "outlines need no font");
        assert_eq!(structure(&td), structure(&pd), "{}", input.display());
        // Each outline group has a path per line, made of absolute moves and relative commands.
        for g in pd
            .descendants()
            .filter(|n| n.has_tag_name("g") && n.attribute("aria-label").is_some())
        {
            let paths: Vec<_> = g.children().filter(|c| c.has_tag_name("path")).collect();
            assert!(
                !paths.is_empty(),
                "{:?} drew nothing",
                g.attribute("aria-label")
            );
            for p in paths {
                let d = p.attribute("d").expect("d");
                assert!(d.starts_with('M'), "{d}");
            }
        }
    }
}

#[test]
fn outlines_draw_where_the_text_does() {
    // The outlines' bounding box hugs the measured line: from its x to about x + width, and
    // from above the baseline to just below it.
    let svg = render_svg(&sample("hotel"), &["--text-as-paths"]);
    let doc = check_svg(&svg);
    let text = render_svg(&sample("hotel"), &["--no-embed-font"]);
    let td = check_svg(&text);
    let lines: Vec<(f64, f64)> = td
        .descendants()
        .filter(|n| n.has_tag_name("tspan"))
        .map(|t| {
            let n = |a: &str| t.attribute(a).unwrap().parse::<f64>().unwrap();
            (n("x"), n("y"))
        })
        .collect();
    let paths: Vec<&str> = doc
        .descendants()
        .filter(|n| {
            n.has_tag_name("path")
                && n.parent()
                    .is_some_and(|p| p.attribute("aria-label").is_some())
        })
        .map(|n| n.attribute("d").unwrap())
        .collect();
    assert_eq!(lines.len(), paths.len(), "one path per line");
    for ((x, y), d) in lines.iter().zip(&paths) {
        // The first absolute move of the line: the first glyph's first point.
        let first: Vec<f64> = d[1..]
            .split(|c: char| c.is_ascii_alphabetic())
            .next()
            .unwrap()
            .split(' ')
            .map(|v| v.parse().unwrap())
            .collect();
        assert!(
            (first[0] - x).abs() < 12.0 && (first[1] - y).abs() < 20.0,
            "{d} starts far from ({x}, {y})"
        );
    }
}

#[test]
fn every_mode_repeats_byte_for_byte() {
    for args in [&[][..], &["--no-embed-font"][..], &["--text-as-paths"][..]] {
        let input = sample("airline");
        assert!(
            render_svg(&input, args) == render_svg(&input, args),
            "{args:?}"
        );
    }
}

#[test]
fn png_and_pdf_do_not_change_with_the_font_in_the_svg() {
    let opts = |embed_font, text| blueprint::Options {
        embed_font,
        text,
        ..blueprint::Options::default()
    };
    let src = std::fs::read(sample("clinic")).unwrap();
    let source = blueprint::decode("clinic.yaml", src).ok().unwrap();
    let with = blueprint::render(&source, &opts(true, blueprint::TextMode::Text))
        .ok()
        .unwrap()
        .value;
    let without = blueprint::render(&source, &opts(false, blueprint::TextMode::Text))
        .ok()
        .unwrap()
        .value;
    assert_ne!(with, without);
    let export = blueprint::Export {
        scale: 1.0,
        ..blueprint::Export::default()
    };
    for format in [blueprint::Format::Png, blueprint::Format::Pdf] {
        let a = blueprint::export(&with, format, &export).unwrap();
        let b = blueprint::export(&without, format, &export).unwrap();
        assert!(a == b, "{format:?} differs with the font embedded");
    }
}

#[test]
fn outlines_look_like_the_text_they_replace() {
    // Drawn by resvg at 1x: the text SVG with the bundled fonts, the outline SVG as paths. resvg
    // keeps italics upright where outlines slant them as browsers do, so the blueprint has no
    // notes and the zone lines (with their italic labels) are cut from both.
    let d = tempdir();
    let input = write(
        d.path(),
        "plain.yaml",
        "title: Outlines -> text\nsubtitle: Kerning AVAWAY, accents é ü, digits 0123456789\nsteps:\n  - id: arrive\n    label: Arrive\n    duration: 5 min\n    customer: { text: Drive up and park, fail: Gate broken, link: \"https://example.com\" }\n  - id: check-in\n    customer: [Check in, Pay 2 x 3 nights]\n",
    );
    let png = |args: &[&str]| -> Vec<u8> {
        let mut svg = render_svg(&input, args);
        while let Some(start) = svg.find("<g class=\"zone-rule\">") {
            // The group and the groups inside it.
            let (mut depth, mut at) = (0, start);
            loop {
                let open = svg[at..].find("<g ").map(|i| i + at);
                let close = svg[at..].find("</g>").map(|i| i + at).expect("group ends");
                match open {
                    Some(o) if o < close => (depth, at) = (depth + 1, o + 3),
                    _ => (depth, at) = (depth - 1, close + 4),
                }
                if depth == 0 {
                    break;
                }
            }
            svg.replace_range(start..at, "");
        }
        let export = blueprint::Export {
            scale: 1.0,
            ..blueprint::Export::default()
        };
        blueprint::export(&svg, blueprint::Format::Png, &export)
            .expect("PNG")
            .into_owned()
    };
    let a = resvg::tiny_skia::Pixmap::decode_png(&png(&["--no-embed-font"])).unwrap();
    let b = resvg::tiny_skia::Pixmap::decode_png(&png(&["--text-as-paths"])).unwrap();
    assert_eq!((a.width(), a.height()), (b.width(), b.height()));
    let (mut inked, mut differ) = (0usize, 0usize);
    for (p, q) in a.pixels().iter().zip(b.pixels()) {
        let (p, q) = (p.demultiply(), q.demultiply());
        let channels = [
            (p.red(), q.red()),
            (p.green(), q.green()),
            (p.blue(), q.blue()),
        ];
        let delta = channels
            .iter()
            .map(|(x, y)| x.abs_diff(*y))
            .max()
            .unwrap_or(0);
        inked += usize::from(p.red() < 200 || q.red() < 200);
        differ += usize::from(delta > 64);
    }
    // Anti-aliasing of the same shapes differs at the edges only.
    assert!(
        differ * 100 <= inked,
        "{differ} of {inked} inked pixels differ by more than a quarter"
    );
}

#[test]
fn text_as_paths_still_gives_png_and_pdf_drawn_from_text() {
    let input = sample("servuction");
    let d = tempdir();
    let out = |name: &str, args: &[&str]| -> Vec<u8> {
        let path = d.path().join(name);
        bin()
            .arg("render")
            .arg(&input)
            .arg("-o")
            .arg(&path)
            .args(args)
            .assert()
            .success();
        std::fs::read(path).unwrap()
    };
    assert!(out("a.png", &[]) == out("b.png", &["--text-as-paths"]));
    assert!(out("a.pdf", &[]) == out("b.pdf", &["--text-as-paths"]));
    // Both formats at once: the SVG outlined, the PDF from text.
    bin()
        .arg("render")
        .arg(&input)
        .args(["--format", "svg,pdf", "--text-as-paths", "--out-dir"])
        .arg(d.path())
        .assert()
        .success();
    let svg = std::fs::read_to_string(d.path().join("servuction.svg")).unwrap();
    assert!(!svg.contains("<text"));
    assert!(std::fs::read(d.path().join("servuction.pdf")).unwrap() == out("c.pdf", &[]));
}
