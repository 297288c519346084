//! SVG writer tests: escaping, number format, the contract of svg-output.md, determinism.

use super::*;
use crate::layout::testkit::build;
use crate::layout::{self, Layout};
use crate::render::has_italics;
use crate::render::outline::{OBLIQUE, push_command};
use crate::render::xml::SHEAR;
use crate::text::Measure;

/// Plain text, no embedded font: what most of these tests look at, and quicker.
fn plain(measure: &Measure) -> crate::render::SvgOptions<'_> {
    crate::render::SvgOptions {
        embed_font: false,
        text: TextMode::Text,
        slant_italics: false,
        id_prefix: None,
        measure,
    }
}

fn render(bp: &crate::model::Blueprint) -> (Layout, String) {
    let theme = Theme::light();
    let m = Measure::new();
    let l = layout::layout(bp, &theme, &m);
    let s = crate::render::svg(&l, &theme, &plain(&m)).into_string();
    (l, s)
}

#[test]
fn numbers_have_one_format() {
    assert_eq!(fmt_num(0.0), "0");
    assert_eq!(fmt_num(-0.0), "0");
    assert_eq!(fmt_num(-0.001), "0");
    assert_eq!(fmt_num(1.5), "1.5");
    assert_eq!(fmt_num(2.0), "2");
    assert_eq!(fmt_num(1.0 / 3.0), "0.33");
    assert_eq!(fmt_num(-12.345), "-12.35");
    assert_eq!(fmt_num(1e21), "1000000000000000000000");
    assert_eq!(fmt_num(f64::NAN), "0");
    assert_eq!(fmt_num(f64::INFINITY), "0");
    assert_eq!(fmt_num(10.0), "10");
}

/// The integer formatting of `fmt_num` against the float formatting it replaced, on values of
/// every magnitude a drawing has (and rounding ties).
#[test]
fn numbers_match_float_formatting() {
    fn reference(x: f64) -> String {
        let r = if x.abs() < 1e12 {
            (x * 100.0).round() / 100.0
        } else {
            x.round()
        };
        let mut s = format!("{r:.2}");
        if s.contains('.') {
            while s.ends_with('0') {
                s.pop();
            }
            if s.ends_with('.') {
                s.pop();
            }
        }
        if s == "-0" { "0".to_string() } else { s }
    }
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for i in 0..200_000u64 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let unit = (state >> 11) as f64 / (1u64 << 53) as f64;
        let scale = 10f64.powi((i % 16) as i32 - 3);
        let x = (unit - 0.5) * 2.0 * scale;
        let tie = (i as f64 - 100_000.0) / 200.0 + 0.005;
        for v in [x, tie, -tie] {
            assert_eq!(fmt_num(v), reference(v), "{v:?}");
        }
    }
}

#[test]
fn escaping_covers_markup_quotes_cdata_end_and_bad_characters() {
    let mut s = String::new();
    escape("a<b & \"c\" 'd' ]]> e\u{0}\u{1b}\u{FFFE}\tf\n", &mut s);
    assert_eq!(
        s,
        "a&lt;b &amp; &quot;c&quot; &apos;d&apos; ]]&gt; e&#9;f&#10;"
    );
}

#[test]
fn escaping_matches_a_character_by_character_reference_on_every_code_point() {
    fn reference(s: &str) -> String {
        let mut out = String::new();
        for c in s.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&apos;"),
                '\t' => out.push_str("&#9;"),
                '\n' => out.push_str("&#10;"),
                '\r' => out.push_str("&#13;"),
                c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
                c => out.push(c),
            }
        }
        out
    }
    // Every code point, each between two letters so that runs start and end everywhere.
    let all: String = (0..=0x10FFFFu32)
        .filter_map(char::from_u32)
        .flat_map(|c| [c, 'x'])
        .collect();
    let mut s = String::new();
    escape(&all, &mut s);
    assert_eq!(s, reference(&all));
}

#[test]
fn hostile_text_survives_as_text() {
    let evil = "<script>alert('x')</script> & \"q\" ]]> \u{7}bell";
    let item = format!("{evil}|id=x1|link=https://e.com/?a=1&b=\"2\"|fail={evil}");
    let bp = build(
        evil,
        &["customer"],
        &[(
            "s1",
            &format!("label={evil}"),
            &[("customer", &[item.as_str()])],
        )],
        &[],
        false,
    );
    let (_, svg) = render(&bp);
    assert!(!svg.contains("<script"));
    let doc = roxmltree::Document::parse(&svg).expect("well-formed");
    let title = doc.descendants().find(|n| n.has_tag_name("title")).unwrap();
    assert_eq!(title.text(), Some(evil.replace('\u{7}', "").as_str()));
    let a = doc.descendants().find(|n| n.has_tag_name("a")).unwrap();
    assert_eq!(a.attribute("href"), Some("https://e.com/?a=1&b=\"2\""));
}

#[test]
fn contract_of_svg_output_holds() {
    let bp = crate::layout::tests_hotel();
    let (l, svg) = render(&bp);
    let doc = roxmltree::Document::parse(&svg).expect("well-formed");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    for a in ["viewBox", "width", "height"] {
        assert!(root.attribute(a).is_some(), "{a}");
    }
    assert_eq!(root.attribute("role"), Some("img"));
    let prefix = root.attribute("class").unwrap();
    let labelled = root.attribute("aria-labelledby").unwrap();
    let title = doc.descendants().find(|n| n.has_tag_name("title")).unwrap();
    assert!(
        labelled
            .split(' ')
            .any(|id| Some(id) == title.attribute("id"))
    );
    assert_eq!(title.text(), Some("Hotel overnight stay"));
    // Generated ids only, all prefixed.
    for n in doc.descendants().filter(|n| n.attribute("id").is_some()) {
        assert!(
            n.attribute("id").unwrap().starts_with(prefix),
            "{:?}",
            n.attribute("id")
        );
    }
    let with = |class: &str| {
        doc.descendants()
            .filter(move |n| {
                n.attribute("class")
                    .is_some_and(|c| c.split(' ').any(|x| x == class))
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(with("lane").len(), bp.lanes.len());
    assert_eq!(with("step").len(), bp.steps.len());
    assert_eq!(with("phase").len(), 3);
    assert_eq!(with("item").len(), bp.items.len());
    assert_eq!(
        with("fail-point")
            .iter()
            .filter(|n| n
                .parent()
                .unwrap()
                .attribute("class")
                .unwrap()
                .contains("item"))
            .count(),
        1
    );
    assert_eq!(
        with("wait-point")
            .iter()
            .filter(|n| n
                .parent()
                .unwrap()
                .attribute("class")
                .unwrap()
                .contains("item"))
            .count(),
        1
    );
    for c in [
        "line-of-interaction",
        "line-of-visibility",
        "line-of-internal-interaction",
        "customer-path",
        "legend",
    ] {
        assert!(!with(c).is_empty(), "{c}");
    }
    let flows: Vec<_> = with("flow")
        .into_iter()
        .filter(|n| n.attribute("data-from").is_some())
        .collect();
    assert_eq!(flows.len(), bp.flows.len());
    let emotion = with("emotion");
    assert_eq!(emotion.len(), 1);
    assert_eq!(
        emotion[0]
            .children()
            .filter(|n| n.attribute("data-step").is_some())
            .count(),
        4
    );
    // Items: data attributes and the first rect is the box.
    for (g, b) in with("item").iter().zip(&l.items) {
        assert_eq!(g.attribute("data-id"), Some(b.id.as_str()));
        assert_eq!(g.attribute("data-step"), Some(&*b.step));
        assert_eq!(g.attribute("data-lane"), Some(&*b.lane));
        let r = g.descendants().find(|n| n.has_tag_name("rect")).unwrap();
        assert_eq!(r.attribute("x"), Some(fmt_num(b.rect.x).as_str()));
        assert_eq!(r.attribute("width"), Some(fmt_num(b.rect.w).as_str()));
    }
    assert!(
        with("item")
            .iter()
            .any(|g| g.attribute("data-id") == Some("registration"))
    );
    assert!(
        with("item")
            .iter()
            .any(|g| g.attribute("data-id") == Some("arrive.evidence.2"))
    );
    // Lanes: first rect is the band.
    for (g, lane) in with("lane").iter().zip(&l.lanes) {
        let r = g.children().find(|n| n.has_tag_name("rect")).unwrap();
        assert_eq!(r.attribute("y"), Some(fmt_num(lane.rect.y).as_str()));
    }
    // No whitespace between <text> and its tspans.
    for t in doc.descendants().filter(|n| n.has_tag_name("text")) {
        for c in t.children() {
            assert!(
                c.has_tag_name("tspan"),
                "stray node in <text>: {:?}",
                c.text()
            );
        }
    }
    assert!(!svg.contains("foreignObject") && !svg.contains("<script") && !svg.contains("xlink"));
    assert!(
        !svg.contains("NaN")
            && !svg.contains("-0 ")
            && !svg.contains("e+")
            && !svg.contains("\"-0\"")
    );
}

#[test]
fn output_is_byte_identical_and_prefix_follows_content() {
    let bp = crate::layout::tests_hotel();
    let (_, a) = render(&bp);
    let (_, b) = render(&bp);
    assert_eq!(a, b);
    let other = build(
        "Other",
        &["customer"],
        &[("a", "", &[("customer", &["x"])])],
        &[],
        false,
    );
    let (_, c) = render(&other);
    let class = |s: &str| {
        roxmltree::Document::parse(s)
            .unwrap()
            .root_element()
            .attribute("class")
            .unwrap()
            .to_string()
    };
    assert_ne!(class(&a), class(&c));
}

#[test]
fn every_theme_renders_well_formed() {
    let bp = crate::layout::tests_hotel();
    for name in crate::validate::keys::THEMES {
        let theme = Theme::named(name).unwrap();
        let m = Measure::new();
        let l = layout::layout(&bp, &theme, &m);
        let s = crate::render::svg(&l, &theme, &plain(&m)).into_string();
        roxmltree::Document::parse(&s).expect("well-formed");
    }
}

/// The SVG of `l` with its `<style>` block cut out, and the PNG of each (scale 1, resvg).
fn with_and_without_style(l: &Layout, theme: &Theme, opts: &SvgOptions<'_>) -> [Vec<u8>; 2] {
    let svg = crate::render::svg(l, theme, opts).into_string();
    let (from, to) = (svg.find("<style>").unwrap(), svg.find("</style>").unwrap());
    let bare = format!("{}{}", &svg[..from], &svg[to + "</style>".len()..]);
    [svg, bare].map(|s| crate::render::raster::png(&s, 1.0, None).expect("PNG"))
}

/// Issue 18: every element carries its look as presentation attributes, the very values of the
/// stylesheet, for viewers that read no CSS or half of it. So the SVG without its `<style>`
/// draws (in resvg) exactly what the whole SVG draws, byte for byte: every sample and a cut of
/// each (stand-ins, stubs), in every theme (the attributes are the theme's), as text and as
/// outlines. Without the attributes it drew every shape black.
#[test]
fn presentation_attributes_alone_draw_what_the_stylesheet_draws() {
    let m = Measure::new();
    for (name, bp) in crate::layout::tests_gallery() {
        for theme_name in crate::validate::keys::THEMES {
            let theme = Theme::named(theme_name).unwrap();
            let mut layouts = vec![layout::layout(&bp, &theme, &m)];
            let cut = crate::cut::Cut {
                phases: bp
                    .phases
                    .iter()
                    .take(1)
                    .map(|p| p.id.value.clone())
                    .collect(),
                ..Default::default()
            };
            if let Ok(cutout) = crate::cut::apply(&bp, &cut) {
                layouts.push(layout::layout_cut(&cutout.value, &theme, &m));
            }
            for (i, l) in layouts.iter().enumerate() {
                let modes: &[TextMode] = if *theme_name == "light" {
                    &[TextMode::Text, TextMode::Paths]
                } else {
                    &[TextMode::Text]
                };
                for &text in modes {
                    let opts = SvgOptions {
                        embed_font: true,
                        text,
                        slant_italics: true,
                        measure: &m,
                        id_prefix: None,
                    };
                    let [whole, bare] = with_and_without_style(l, &theme, &opts);
                    assert!(
                        whole == bare,
                        "{name} (cut {i}) in {theme_name}, {text:?}: the attributes alone draw \
                         another PNG"
                    );
                }
            }
        }
    }
}

/// The look on the elements is the theme's: `--theme dark` writes dark values.
#[test]
fn presentation_attributes_follow_the_theme() {
    let bp = crate::layout::tests_hotel();
    let m = Measure::new();
    for theme_name in crate::validate::keys::THEMES {
        let theme = Theme::named(theme_name).unwrap();
        let l = layout::layout(&bp, &theme, &m);
        let s = crate::render::svg(&l, &theme, &plain(&m)).into_string();
        let doc = roxmltree::Document::parse(&s).expect("well-formed");
        let first = |class: &str| {
            doc.descendants()
                .find(|n| n.attribute("class") == Some(class))
                .unwrap_or_else(|| panic!("no .{class}"))
        };
        let p = &theme.palette;
        assert_eq!(
            first("background").attribute("fill"),
            Some(p.background.to_string().as_str())
        );
        assert_eq!(
            first("flow").attribute("stroke"),
            Some(p.flow.to_string().as_str()),
            "{theme_name}"
        );
        assert_eq!(first("flow").attribute("fill"), Some("none"));
        // Arrowheads are paths of their own (arrow.rs), dressed like any element.
        assert_eq!(
            first("arrowhead").attribute("fill"),
            Some(p.flow.to_string().as_str())
        );
        assert_eq!(
            first("arrowhead cp").attribute("fill"),
            Some(p.customer_path.to_string().as_str())
        );
        assert_eq!(first("note").attribute("font-style"), Some("italic"));
        assert_eq!(
            doc.root_element().attribute("font-family"),
            Some(theme.fonts.family.to_string().as_str())
        );
        // The stylesheet stays, so a page's or a user's CSS still wins.
        assert!(s.contains(&format!("{{fill:{}}}", p.background)));
    }
}

/// `BP_DUMP=DIR cargo test --lib dump_` writes the test blueprints' SVGs to DIR to look at.
#[test]
fn dump_for_looking() {
    let Ok(dir) = std::env::var("BP_DUMP") else {
        return;
    };
    for (name, bp) in crate::layout::tests_gallery() {
        for theme in crate::validate::keys::THEMES {
            let t = Theme::named(theme).unwrap();
            let m = Measure::new();
            let l = layout::layout(&bp, &t, &m);
            std::fs::write(
                format!("{dir}/{name}-{theme}.svg"),
                crate::render::svg(&l, &t, &plain(&m)).into_string(),
            )
            .unwrap();
        }
    }
}

#[test]
fn path_numbers_are_hundredths_written_as_fmt_num_writes_them() {
    let mut d = String::new();
    push_command(&mut d, 'M', &[12345, -50]);
    push_command(&mut d, 'l', &[0, 7, -1, 120]);
    push_command(&mut d, 'h', &[-100]);
    assert_eq!(d, "M123.45-0.5l0 0.07-0.01 1.2h-1");
    for h in [-123456, -5, 0, 1, 10, 99, 100, 250_000] {
        let mut one = String::new();
        push_command(&mut one, 'h', &[h]);
        assert_eq!(one[1..], fmt_num(h as f64 / 100.0));
    }
}

#[test]
fn text_as_paths_writes_no_text_and_keeps_the_words() {
    let bp = crate::layout::tests_hotel();
    let theme = Theme::light();
    let m = Measure::new();
    let l = layout::layout(&bp, &theme, &m);
    let opts = crate::render::SvgOptions {
        embed_font: true,
        text: TextMode::Paths,
        slant_italics: false,
        id_prefix: None,
        measure: &m,
    };
    let s = crate::render::svg(&l, &theme, &opts).into_string();
    let doc = roxmltree::Document::parse(&s).expect("well-formed");
    assert!(!doc.descendants().any(|n| n.has_tag_name("text")));
    assert!(!s.contains("@font-face"), "outlines need no font");
    let labels: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("aria-label"))
        .collect();
    assert!(labels.contains(&l.title.lines[0].text.as_str()));
    assert_eq!(
        s,
        crate::render::svg(&l, &theme, &opts).into_string(),
        "repeats"
    );
}

#[test]
fn cards_written_on_two_threads_are_the_cards_written_on_one() {
    // 90 items with a fail point, a note and a link each, in text and in outline mode.
    let texts: Vec<String> = (0..45)
        .map(|i| {
            format!(
                "Card {i} says <&> {}|fail=Lost {i}|note=N{i}|link=https://e.com/{i}",
                "words ".repeat(i % 5)
            )
        })
        .collect();
    let cells: Vec<[&str; 1]> = texts.iter().map(|t| [t.as_str()]).collect();
    let lanes: Vec<[(&str, &[&str]); 2]> = cells
        .iter()
        .map(|c| [("customer", &c[..]), ("onstage", &c[..])])
        .collect();
    let ids: Vec<String> = (0..45).map(|i| format!("s{i}")).collect();
    let steps: Vec<crate::layout::testkit::StepSpec> = ids
        .iter()
        .zip(&lanes)
        .map(|(id, l)| (id.as_str(), "", &l[..]))
        .collect();
    let bp = build("Split", &["customer", "onstage"], &steps, &[], false);
    let theme = Theme::light();
    let m = Measure::new();
    let l = layout::layout(&bp, &theme, &m);
    assert!(l.items.len() >= crate::parallel::TWO_THREADS_FROM);
    for text in [TextMode::Text, TextMode::Paths] {
        let opts = crate::render::SvgOptions {
            embed_font: true,
            text,
            slant_italics: false,
            id_prefix: None,
            measure: &m,
        };
        let one = document_split(&l, &theme, &opts, usize::MAX).into_string();
        let two = document_split(&l, &theme, &opts, 2).into_string();
        assert_eq!(one, two, "{text:?}");
        assert_eq!(one.matches("class=\"item ").count(), 90, "{text:?}");
        // In pieces (head, fonts, body, the other share of the cards, rest), the same text.
        let doc = document_split(&l, &theme, &opts, 2);
        assert_eq!(doc.len(), two.len());
        assert_eq!(doc.to_string(), two);
        assert_eq!(doc.parts().collect::<String>(), two);
        assert!(doc.parts().count() >= 4, "{}", doc.parts().count());
    }
}

/// Every `<text>` of `svg`, as what the walk gives for it: whether it is bold, whether it is
/// slanted (with [`SvgOptions::slant_italics`], an italic `<text>` has a transform), and its
/// lines.
fn drawn_in_svg(svg: &str) -> Vec<(bool, bool, Vec<String>)> {
    let doc = roxmltree::Document::parse(svg).expect("well-formed");
    let mut out: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|t| {
            let lines = t
                .children()
                .map(|s| s.text().unwrap_or("").to_string())
                .collect();
            let bold = t.attribute("font-weight") == Some("700");
            (bold, t.attribute("transform").is_some(), lines)
        })
        .collect();
    out.sort();
    out
}

/// The text blocks the walk lists for `l` that draw something, as [`drawn_in_svg`] reads them
/// back: each line as the SVG carries it (characters XML cannot carry are dropped).
fn drawn_in_walk(l: &Layout) -> Vec<(bool, bool, Vec<String>)> {
    let carried = |s: &str| {
        let mut e = String::new();
        escape(s, &mut e);
        roxmltree::Document::parse(&format!("<t>{e}</t>"))
            .expect("escaped text parses")
            .root_element()
            .text()
            .unwrap_or("")
            .to_string()
    };
    let mut out: Vec<_> = l
        .texts()
        .filter(|t| !t.text.is_empty())
        .map(|t| {
            let lines = t.text.lines.iter().map(|x| carried(&x.text)).collect();
            (t.text.bold, t.part.italic(), lines)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn the_text_walk_is_every_text_the_svg_draws_and_the_fonts_hold_it() {
    // Every sample whole, each of its phases, its first lanes (stubs to stand-in lanes and
    // columns), the built hotel, and a blueprint with characters beyond ASCII in every kind of
    // text: the `<text>`s of the SVG are exactly the blocks `Layout::texts` lists, italic ones
    // exactly its italic parts, and the fonts embedded hold exactly their characters.
    let yaml = "version: 1\ntitle: Überblick — Café\nsubtitle: Straße ½\n\
        phases:\n  - { id: p, label: Phase α }\n\
        lanes:\n  - { id: customer, label: Kunde ✓ }\n  - { id: onstage }\n\
        steps:\n  - id: a\n    label: Ankunft é\n    phase: p\n    emotion: 2\n    touchpoint: brand\n\
        \x20   duration: 5 Min ø\n\
        \x20   customer:\n      text: Grüße 東京\n      fail: Fehlschlag ø\n      wait: 5 Min ⌛\n      note: Notiz ñ\n\
        \x20     link: https://example.com/ü\n\
        \x20   onstage: Begrüßung ß\n\
        \x20 - id: b\n    label: Zweiter ü\n    phase: p\n    emotion: 1\n    customer: Weiter ¿\n\
        flows:\n  - { from: a.customer, to: b.customer, label: Fluss ç }\n";
    let src = crate::span::Source::new("t.yaml", yaml);
    let beyond = crate::check(&src).unwrap_or_else(|d| panic!("{d:?}")).value;
    let mut blueprints = crate::layout::tests_gallery();
    blueprints.push(("beyond-ascii".to_string(), beyond));
    let insight = crate::layout::tests_insight();
    blueprints.push(("insight".to_string(), insight.clone()));
    // Format 1.1's curves (words, names) and a phase loop (its label).
    let curves = crate::span::Source::new(
        "c.yaml",
        include_str!("../../../tests/cli/curves-and-loop.yaml"),
    );
    let curves = crate::check(&curves)
        .unwrap_or_else(|d| panic!("{d:?}"))
        .value;
    blueprints.push(("curves-and-loop".to_string(), curves));
    let theme = Theme::light();
    let m = Measure::new();
    let mut layouts = Vec::new();
    for (name, bp) in &blueprints {
        layouts.push((name.clone(), layout::layout(bp, &theme, &m)));
        let mut cuts: Vec<crate::cut::Cut> = bp
            .phases
            .iter()
            .map(|p| crate::cut::Cut {
                phases: vec![p.id.value.clone()],
                ..Default::default()
            })
            .collect();
        if bp.lanes.len() > 2 {
            cuts.push(crate::cut::Cut {
                lanes: bp.lanes[..2].iter().map(|l| l.id.value.clone()).collect(),
                ..Default::default()
            });
        }
        for cut in cuts {
            let Ok(cutout) = crate::cut::apply(bp, &cut) else {
                continue;
            };
            let l = layout::layout_cut(&cutout.value, &theme, &m);
            layouts.push((format!("{name} cut {:?} {:?}", cut.phases, cut.lanes), l));
        }
    }
    let mut noted = layout::layout(&insight, &theme, &m);
    layout::number_notes(&mut noted, &theme, &m);
    layouts.push(("insight --notes".to_string(), noted));
    let mut stubs = 0;
    for (name, l) in &layouts {
        stubs += l.stubs.len();
        let opts = crate::render::SvgOptions {
            embed_font: true,
            text: TextMode::Text,
            slant_italics: true,
            id_prefix: None,
            measure: &m,
        };
        let svg = crate::render::svg(l, &theme, &opts).into_string();
        let (in_svg, in_walk) = (drawn_in_svg(&svg), drawn_in_walk(l));
        let missed: Vec<_> = in_svg.iter().filter(|t| !in_walk.contains(t)).collect();
        let extra: Vec<_> = in_walk.iter().filter(|t| !in_svg.contains(t)).collect();
        assert!(
            in_svg == in_walk,
            "{name}: the walk misses {missed:?} and lists {extra:?}, which no <text> draws \
             (as bold, italic, lines; {} <text>s, {} blocks walked)",
            in_svg.len(),
            in_walk.len()
        );
        assert_eq!(
            has_italics(l),
            in_svg.iter().any(|t| t.1),
            "{name}: has_italics"
        );
        // The font subsets: the characters the document gathers, on one thread and on two.
        for two in [false, true] {
            let mut used = crate::render::font::Used::default();
            for (bold, _, lines) in &in_svg {
                let weight = if *bold {
                    crate::text::Weight::Bold
                } else {
                    crate::text::Weight::Regular
                };
                lines.iter().for_each(|line| used.add(line, weight));
            }
            let cards = cards(l, &theme, &opts, &Looks::new(l, &theme, &opts), two);
            assert_eq!(
                cards.used, used,
                "{name}: the fonts' characters, two threads: {two}"
            );
        }
        assert!(!in_svg.is_empty(), "{name}");
    }
    assert!(stubs > 0, "some cut has stand-ins");
    assert!(layouts.len() > 20, "{}", layouts.len());
}

#[test]
fn the_prefix_follows_a_cards_words() {
    let mut bp = crate::layout::tests_hotel();
    let (_, a) = render(&bp);
    let item = &mut bp.items[3];
    item.text.value = item
        .text
        .value
        .replace(|c: char| c.is_ascii_lowercase(), "x");
    let (_, b) = render(&bp);
    let class = |s: &str| s[s.find("class=\"bp-").unwrap()..][7..22].to_string();
    assert_ne!(class(&a), class(&b));
}

#[test]
fn slanted_italics_keep_each_lines_start_and_slant_only_italics() {
    // The hotel has notes (two lines or more) and zone lines with labels.
    let bp = crate::layout::tests_hotel();
    let theme = Theme::light();
    let m = Measure::new();
    let l = layout::layout(&bp, &theme, &m);
    assert!(has_italics(&l));
    let slanted = crate::render::SvgOptions {
        slant_italics: true,
        id_prefix: None,
        ..plain(&m)
    };
    let (a, b) = (
        crate::render::svg(&l, &theme, &plain(&m)).into_string(),
        crate::render::svg(&l, &theme, &slanted).into_string(),
    );
    assert!(
        !a.contains(" transform="),
        "the SVG for viewers leaves it to CSS"
    );
    let (a, b) = (
        roxmltree::Document::parse(&a).expect("well-formed"),
        roxmltree::Document::parse(&b).expect("well-formed"),
    );
    // Each `<text>`: whether it is italic, whether it has a transform, and its lines' x, y.
    type Block = (bool, bool, Vec<(f64, f64)>);
    let texts = |d: &roxmltree::Document<'_>| -> Vec<Block> {
        d.descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|t| {
                let italic = t.attribute("class") == Some("note")
                    || t.parent().and_then(|p| p.attribute("class")) == Some("zone-rule");
                let lines = t
                    .children()
                    .map(|s| {
                        let at = |k: &str| s.attribute(k).expect(k).parse::<f64>().expect(k);
                        (at("x"), at("y"))
                    })
                    .collect();
                (italic, t.attribute("transform").is_some(), lines)
            })
            .collect()
    };
    let (a, b) = (texts(&a), texts(&b));
    assert_eq!(a.len(), b.len());
    let mut slanted_lines = 0;
    for ((italic, _, upright), (_, transformed, lines)) in a.iter().zip(&b) {
        assert_eq!(italic, transformed, "only italics are slanted");
        for (&(x0, y0), &(x, y)) in upright.iter().zip(lines) {
            assert_eq!(y, y0);
            // Sheared back by the transform, each line starts where it was laid out.
            let sheared = if *transformed { x - OBLIQUE * y } else { x };
            assert!((sheared - x0).abs() <= 0.011, "{sheared} against {x0}");
            slanted_lines += usize::from(*transformed);
        }
    }
    assert!(slanted_lines >= 4, "{slanted_lines}");
    assert_eq!(
        SHEAR,
        format!(" transform=\"matrix(1 0 -{OBLIQUE} 1 0 0)\"")
    );
}

/// The item classes written from a table are the zone's key after `item zone-`, as the
/// stylesheet's `.item.zone-KEY` rules select them.
#[test]
fn an_items_class_names_its_zone() {
    for z in Zone::ALL {
        assert_eq!(zone_item_class(z), ["item zone-", z.key()].concat());
    }
}

/// The stylesheet is made and parsed once, with `look::ROOT` standing for the prefix, and
/// given the prefix after the cards: that is the very stylesheet made for the prefix, in every
/// theme, with and without embedded fonts, as text and as outlines, for every sample (format
/// 1.1 among them) and its cut (stand-ins).
#[test]
fn the_stylesheet_made_once_is_the_one_made_for_the_prefix() {
    let m = Measure::new();
    let blueprints: Vec<crate::model::Blueprint> = crate::layout::tests_gallery()
        .into_iter()
        .map(|(_, bp)| bp)
        .collect();
    let (mut stubs, mut v11) = (false, false);
    for bp in &blueprints {
        for theme_name in crate::validate::keys::THEMES {
            let theme = Theme::named(theme_name).unwrap();
            let mut layouts = vec![layout::layout(bp, &theme, &m)];
            let cut = crate::cut::Cut {
                phases: bp
                    .phases
                    .iter()
                    .take(1)
                    .map(|p| p.id.value.clone())
                    .collect(),
                ..Default::default()
            };
            if let Ok(cutout) = crate::cut::apply(bp, &cut) {
                layouts.push(layout::layout_cut(&cutout.value, &theme, &m));
            }
            for l in &layouts {
                for (embed_font, text) in [
                    (true, TextMode::Text),
                    (false, TextMode::Text),
                    (true, TextMode::Paths),
                ] {
                    let opts = SvgOptions {
                        embed_font,
                        text,
                        ..plain(&m)
                    };
                    let looks = Looks::new(l, &theme, &opts);
                    for p in ["bp-0123456789ab", "my-figure"] {
                        let family = super::super::font::embedded_family(p);
                        let direct = stylesheet(
                            l,
                            p,
                            &theme,
                            &css::Options {
                                embedded_family: embeds(&opts).then_some(family.as_str()),
                                paths: text == TextMode::Paths,
                            },
                        );
                        assert_eq!(looks.stylesheet(p), direct, "{theme_name}");
                        stubs |= !l.stubs.is_empty();
                        v11 |= l.uses_format_1_1();
                    }
                }
            }
        }
    }
    assert!(
        stubs && v11,
        "stand-ins checked: {stubs}, format 1.1 checked: {v11}"
    );
}
