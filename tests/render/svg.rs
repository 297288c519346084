//! `blueprint render` through the binary: the SVG contract on every sample and theme, geometry
//! read back from the SVG, determinism, and hostile text escaped. (The golden SVGs are in
//! golden.rs; where output goes and what a failed render leaves, in the `cli` binary's
//! output.rs.)

use crate::support::*;

#[test]
fn every_sample_in_every_theme_meets_the_svg_contract() {
    for sample in samples() {
        let text = std::fs::read_to_string(&sample).expect("read");
        for theme in THEMES {
            let svg = render_in_theme(&sample, theme);
            let doc = check_svg(&svg);
            let name = sample.display();
            // Every element the contract names exists.
            for class in ["lane", "step", "item", "flow", "legend"] {
                assert!(
                    !with_class(&doc, class).is_empty(),
                    "{name} {theme}: no .{class}"
                );
            }
            if text.contains("phases:") {
                assert!(!with_class(&doc, "phase").is_empty(), "{name}: no .phase");
            }
            if text.contains("fail:") {
                assert!(
                    !with_class(&doc, "fail-point").is_empty(),
                    "{name}: no .fail-point"
                );
            }
            if text.contains("wait:") {
                assert!(
                    !with_class(&doc, "wait-point").is_empty(),
                    "{name}: no .wait-point"
                );
            }
            if text.contains("emotion:") {
                assert!(
                    !with_class(&doc, "emotion").is_empty(),
                    "{name}: no .emotion"
                );
            }
            // The title is the blueprint's title, and user ids never become `id` attributes.
            let title = doc
                .descendants()
                .find(|n| n.has_tag_name("title"))
                .expect("title");
            assert!(title.text().is_some_and(|t| !t.is_empty()));
            for n in doc.descendants() {
                if let Some(id) = n.attribute("id") {
                    assert!(id.starts_with("bp-"), "{name}: unprefixed id {id}");
                }
            }
            for item in with_class(&doc, "item") {
                for a in ["data-id", "data-step", "data-lane"] {
                    assert!(item.attribute(a).is_some(), "{name}: item without {a}");
                }
            }
            for f in with_class(&doc, "flow") {
                if f.has_tag_name("path") {
                    assert!(f.attribute("data-from").is_some() && f.attribute("data-to").is_some());
                }
            }
        }
    }
}

#[test]
fn item_boxes_never_overlap_and_sit_in_their_lane() {
    for sample in samples() {
        let svg = render_in_theme(&sample, "light");
        let doc = check_svg(&svg);
        let lanes: Vec<(String, Bx)> = with_class(&doc, "lane")
            .into_iter()
            .filter(|n| n.has_tag_name("g"))
            .map(|g| {
                (
                    g.attribute("data-lane").unwrap_or("").to_string(),
                    Bx::of(first_rect(g).expect("lane band")),
                )
            })
            .collect();
        let items: Vec<(String, Bx)> = with_class(&doc, "item")
            .into_iter()
            .filter(|n| n.has_tag_name("g"))
            .map(|g| {
                (
                    g.attribute("data-lane").unwrap_or("").to_string(),
                    Bx::of(first_rect(g).expect("card")),
                )
            })
            .collect();
        assert!(!items.is_empty());
        for (i, (lane, b)) in items.iter().enumerate() {
            let band = &lanes
                .iter()
                .find(|(l, _)| l == lane)
                .expect("item's lane exists")
                .1;
            assert!(
                b.y >= band.y - 0.01 && b.y + b.h <= band.y + band.h + 0.01,
                "{}: item outside lane {lane}",
                sample.display()
            );
            for (_, o) in &items[i + 1..] {
                assert!(!b.overlaps(o), "{}: {b:?} overlaps {o:?}", sample.display());
            }
        }
    }
}

#[test]
fn same_input_same_bytes() {
    let sample = root().join("samples/hotel.yaml");
    assert_eq!(
        render_in_theme(&sample, "light"),
        render_in_theme(&sample, "light")
    );
}

#[test]
fn hostile_text_is_escaped_and_links_are_safe() {
    let d = tempdir();
    let input = write(
        d.path(),
        "x.yaml",
        "title: \"<script>alert(1)</script> & ]]> \\\" '\"\nsubtitle: \"</desc><svg onload=alert(1)>\"\nsteps:\n  - id: a\n    label: \"<b>&amp;</b>\"\n    customer:\n      text: \"x\\0y <img src=x onerror=alert(1)>\"\n      id: a-1\n      link: \"https://example.com/?a=1&b=<2>\\\"\"\n      note: \"]]><!--\"\n",
    );
    let svg = render_svg(&input, &[]);
    let doc = check_svg(&svg);
    assert!(!svg.contains("<script"));
    assert!(!svg.contains("<img"));
    assert!(!svg.contains('\0'));
    let title = doc
        .descendants()
        .find(|n| n.has_tag_name("title"))
        .expect("title");
    assert_eq!(title.text(), Some("<script>alert(1)</script> & ]]> \" '"));
    let a = doc
        .descendants()
        .find(|n| n.has_tag_name("a"))
        .expect("link");
    assert_eq!(
        a.attribute("href"),
        Some("https://example.com/?a=1&b=<2>\"")
    );
}
