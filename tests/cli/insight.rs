//! Format 1.1's insight keys through the binary: lane `kind` and the `insight` zone, `tags`, an
//! item's `touchpoint` and `map`, and `render --notes`; each found in the SVG by the classes and
//! attributes docs/design.md names, and each error by its code.

use crate::support::*;
use roxmltree::Node;

/// The blueprint that uses them all (also rendered in every theme to look at).
const INSIGHT: &str = include_str!("insight.yaml");

fn class_has(n: &Node, class: &str) -> bool {
    n.attribute("class")
        .is_some_and(|c| c.split_whitespace().any(|x| x == class))
}

/// The drawn words under `n` (its `<tspan>`s' text, in order).
fn words(n: &Node) -> String {
    n.descendants()
        .filter(|t| t.is_text() && t.parent().is_some_and(|p| p.tag_name().name() == "tspan"))
        .filter_map(|t| t.text())
        .collect::<Vec<_>>()
        .join("")
}

fn item<'a>(doc: &'a roxmltree::Document<'a>, id: &str) -> Node<'a, 'a> {
    doc.descendants()
        .find(|n| class_has(n, "item") && n.attribute("data-id") == Some(id))
        .unwrap_or_else(|| panic!("no item {id}"))
}

fn card_box(n: Node) -> Bx {
    Bx::of(
        n.descendants()
            .find(|r| class_has(r, "card"))
            .expect("the card's rect"),
    )
}

fn inside(inner: &Bx, outer: &Bx) -> bool {
    inner.x >= outer.x - 0.01
        && inner.y >= outer.y - 0.01
        && inner.x + inner.w <= outer.x + outer.w + 0.01
        && inner.y + inner.h <= outer.y + outer.h + 0.01
}

fn legend_marks(doc: &roxmltree::Document) -> Vec<String> {
    doc.descendants()
        .filter(|n| class_has(n, "legend-entry"))
        .filter_map(|n| n.attribute("data-mark").map(str::to_string))
        .collect()
}

#[test]
fn lane_kinds_style_their_cards_and_the_insight_zone_sits_below_a_plain_rule() {
    let d = tempdir();
    let svg = render_svg(&write(d.path(), "i.yaml", INSIGHT), &[]);
    let doc = check_svg(&svg);
    for (id, kind) in [
        ("book.thoughts.1", "thinking"),
        ("book.feelings.1", "feeling"),
        ("book.pains.1", "pain"),
        ("arrive.ideas.1", "opportunity"),
        ("book.kpi.1", "metric"),
        ("book.rules.1", "policy"),
    ] {
        let it = item(&doc, id);
        assert_eq!(it.attribute("data-kind"), Some(kind), "{id}");
        assert!(class_has(&it, &format!("kind-{kind}")), "{id}");
        assert!(class_has(&it, "zone-insight"), "{id}");
        let glyph = it
            .descendants()
            .find(|n| class_has(n, "kind-glyph"))
            .expect("a glyph");
        assert_eq!(glyph.attribute("data-kind"), Some(kind));
        // Only a pain card is tinted: its words sit on the tint.
        let tint = it.descendants().find(|n| class_has(n, "kind-tint"));
        assert_eq!(tint.is_some(), kind == "pain", "{id}");
    }
    let marks = legend_marks(&doc);
    for k in [
        "thinking",
        "feeling",
        "pain",
        "opportunity",
        "metric",
        "policy",
    ] {
        assert!(marks.contains(&format!("kind-{k}")), "{marks:?}");
    }
    // The rule: one, labelled "Insights", at the top of the first insight lane, below support;
    // not one of the three zone lines.
    let rules = with_class(&doc, "insight-rule");
    assert_eq!(rules.len(), 1);
    assert_eq!(words(&rules[0]), "Insights");
    let line = rules[0]
        .children()
        .find(|n| n.tag_name().name() == "line")
        .expect("a line");
    let y: f64 = line.attribute("y1").unwrap().parse().unwrap();
    let band = |lane: &str| {
        let g = doc
            .descendants()
            .find(|n| class_has(n, "lane") && n.attribute("data-lane") == Some(lane))
            .expect("lane");
        Bx::of(first_rect(g).expect("band"))
    };
    assert!((band("thoughts").y - y).abs() < 0.01, "rule at {y}");
    assert!(band("support").y < band("thoughts").y);
    let zone_rules: Vec<String> = with_class(&doc, "zone-rule").iter().map(words).collect();
    assert!(
        !zone_rules.iter().any(|w| w.contains("Insight")),
        "{zone_rules:?}"
    );
    assert_eq!(
        zone_rules.len(),
        2,
        "interaction and visibility; no internal-interaction line over the insights: {zone_rules:?}"
    );
    // The customer path stays on the customer lane; a flow into an insight lane is drawn.
    let path: Vec<Node> = with_class(&doc, "customer-path")
        .into_iter()
        .filter(|n| class_has(n, "flow"))
        .collect();
    assert!(!path.is_empty());
    for f in path {
        for end in ["data-from", "data-to"] {
            assert!(f.attribute(end).unwrap().ends_with(".customer.1"), "{f:?}");
        }
    }
    assert!(
        doc.descendants()
            .any(|n| class_has(&n, "flow") && n.attribute("data-to") == Some("arrive.pains.1"))
    );
}

/// `render --lanes insight` keeps the insight zone's lanes, as a zone key keeps its zone's.
#[test]
fn a_cut_to_the_insight_zone_keeps_its_lanes() {
    let d = tempdir();
    let f = write(d.path(), "i.yaml", INSIGHT);
    let svg = render_svg(&f, &["--lanes", "insight"]);
    let doc = check_svg(&svg);
    let lanes: Vec<&str> = doc
        .descendants()
        .filter(|n| class_has(n, "lane"))
        .filter_map(|n| n.attribute("data-lane"))
        .collect();
    assert_eq!(
        lanes,
        ["thoughts", "feelings", "pains", "ideas", "kpi", "rules"]
    );
}

#[test]
fn tags_are_chips_with_their_ids_inside_the_card_and_the_legend_maps_them() {
    let d = tempdir();
    let svg = render_svg(&write(d.path(), "i.yaml", INSIGHT), &[]);
    let doc = check_svg(&svg);
    let it = item(&doc, "arrive.customer.1");
    let card = card_box(it);
    let chips: Vec<Node> = it
        .descendants()
        .filter(|n| class_has(n, "tag-chip"))
        .collect();
    let ids: Vec<&str> = chips
        .iter()
        .filter_map(|c| c.attribute("data-tag"))
        .collect();
    assert_eq!(ids, ["sense", "act", "feel"]);
    let mut colours = Vec::new();
    for (c, slot) in chips.iter().zip(["tag-0", "tag-3", "tag-1"]) {
        // Its own colour (a class per declared tag) and always its text.
        assert!(class_has(c, slot), "{c:?}");
        assert_eq!(words(c), c.attribute("data-tag").unwrap());
        let chip = Bx::of(first_rect(*c).expect("chip"));
        assert!(inside(&chip, &card), "chip {chip:?} outside card {card:?}");
        colours.push(
            first_rect(*c)
                .unwrap()
                .attribute("stroke")
                .map(str::to_string),
        );
    }
    colours.dedup();
    assert_eq!(colours.len(), 3, "each tag its own colour: {colours:?}");
    let entries: Vec<String> = doc
        .descendants()
        .filter(|n| class_has(n, "legend-entry") && n.attribute("data-mark") == Some("tag"))
        .map(|n| words(&n))
        .collect();
    assert_eq!(
        entries,
        [
            "senseSensory (sense)",
            "feelAffective (feel)",
            "thinkCognitive (think)",
            "actPhysical (act)"
        ]
    );
}

#[test]
fn chips_wrap_to_the_card_and_the_card_grows_to_fit() {
    let d = tempdir();
    let tags: Vec<String> = (0..8)
        .map(|i| format!("  - {{ id: tag-number-{i} }}\n"))
        .collect();
    let ids: Vec<String> = (0..8).map(|i| format!("tag-number-{i}")).collect();
    let f = write(
        d.path(),
        "wrap.yaml",
        format!(
            "version: 1.1\ntitle: T\ntags:\n{}steps:\n  - id: a\n    customer: {{ text: Short, tags: [{}] }}\n    onstage: Short\n",
            tags.concat(),
            ids.join(", ")
        ),
    );
    let svg = render_svg(&f, &[]);
    let doc = check_svg(&svg);
    let it = item(&doc, "a.customer.1");
    let card = card_box(it);
    let plain = card_box(item(&doc, "a.onstage.1"));
    let chips: Vec<Bx> = it
        .descendants()
        .filter(|n| class_has(n, "tag-chip"))
        .map(|c| Bx::of(first_rect(c).unwrap()))
        .collect();
    assert_eq!(chips.len(), 8);
    let rows = {
        let mut ys: Vec<i64> = chips.iter().map(|c| c.y.round() as i64).collect();
        ys.dedup();
        ys.len()
    };
    assert!(rows >= 2, "eight chips wrap: {rows} row(s)");
    for c in &chips {
        assert!(inside(c, &card), "{c:?} outside {card:?}");
    }
    for (i, a) in chips.iter().enumerate() {
        for b in &chips[i + 1..] {
            assert!(!a.overlaps(b), "{a:?} overlaps {b:?}");
        }
    }
    assert!(
        card.h > plain.h + 20.0,
        "the card grew: {} vs {}",
        card.h,
        plain.h
    );
}

#[test]
fn an_items_touchpoint_is_the_step_headers_badge_on_the_cards_corner() {
    let d = tempdir();
    let svg = render_svg(&write(d.path(), "i.yaml", INSIGHT), &[]);
    let doc = check_svg(&svg);
    for (id, tp, letter) in [
        ("book.customer.1", "brand", "B"),
        ("arrive.customer.1", "customer", "C"),
        ("arrive.onstage.1", "partner", "P"),
    ] {
        let it = item(&doc, id);
        assert_eq!(it.attribute("data-touchpoint"), Some(tp));
        let badge = it
            .descendants()
            .find(|n| class_has(n, "card-badge"))
            .expect("a badge");
        assert!(
            badge
                .descendants()
                .any(|n| class_has(&n, &format!("badge-{tp}"))),
            "{id}"
        );
        assert_eq!(words(&badge), letter);
    }
    let marks = legend_marks(&doc);
    for tp in ["brand", "partner", "customer"] {
        assert!(marks.iter().any(|m| m == tp), "{marks:?}");
    }
}

#[test]
fn a_map_is_a_linked_glyph_after_the_words_with_yaml_rewritten_to_svg() {
    let d = tempdir();
    let svg = render_svg(&write(d.path(), "i.yaml", INSIGHT), &[]);
    let doc = check_svg(&svg);
    for (id, written, href) in [
        (
            "book.customer.1",
            "booking-journey.yaml",
            "booking-journey.svg",
        ),
        (
            "arrive.onstage.1",
            "desk/checkin.svg#step-2",
            "desk/checkin.svg#step-2",
        ),
    ] {
        let it = item(&doc, id);
        assert_eq!(it.attribute("data-map"), Some(written));
        let a = it
            .descendants()
            .find(|n| class_has(n, "map-link"))
            .expect("a link");
        assert_eq!(a.tag_name().name(), "a");
        assert_eq!(a.attribute("href"), Some(href));
        // Never inside the card's own link: an <a> may not hold another.
        assert!(!a.ancestors().skip(1).any(|n| n.tag_name().name() == "a"));
        let glyph = Bx::of(first_rect(a).expect("glyph box"));
        assert!(inside(&glyph, &card_box(it)), "{id}");
    }
    assert!(legend_marks(&doc).iter().any(|m| m == "map"));
}

#[test]
fn render_notes_numbers_the_notes_on_their_arrows_and_lists_them_under_the_legend() {
    let d = tempdir();
    let f = write(d.path(), "i.yaml", INSIGHT);
    let plain = render_svg(&f, &[]);
    let svg = render_svg(&f, &["--notes"]);
    let doc = check_svg(&svg);
    let marks: Vec<(String, String, String)> = with_class(&doc, "note-mark")
        .iter()
        .map(|n| {
            (
                n.attribute("data-note").unwrap().to_string(),
                n.attribute("data-from").unwrap().to_string(),
                words(n),
            )
        })
        .collect();
    assert_eq!(
        marks,
        [
            ("1".into(), "book.support.1".into(), "1".into()),
            ("2".into(), "arrive.pains.1".into(), "2".into()),
        ]
    );
    let listed: Vec<String> = with_class(&doc, "flow-note").iter().map(words).collect();
    assert_eq!(
        listed,
        ["1. The hold expires silently", "2. Seen on 4 of 5 mornings"]
    );
    let legend = Bx::of(first_rect(with_class(&doc, "legend")[0]).unwrap());
    for n in with_class(&doc, "flow-note") {
        let y: f64 = n
            .descendants()
            .find(|t| t.tag_name().name() == "tspan")
            .and_then(|t| t.attribute("y"))
            .unwrap()
            .parse()
            .unwrap();
        assert!(y > legend.y + legend.h, "under the legend");
    }
    // Without --notes nothing of it is drawn; the option salts the ids.
    let plain_doc = check_svg(&plain);
    assert!(with_class(&plain_doc, "notes").is_empty());
    let prefix =
        |doc: &roxmltree::Document| doc.root_element().attribute("id").unwrap().to_string();
    assert_ne!(prefix(&doc), prefix(&plain_doc));
    let none = write(d.path(), "v.yaml", crate::VALID);
    let a = render_svg(&none, &[]);
    let b = render_svg(&none, &["--notes"]);
    assert_ne!(a, b, "--notes salts the ids even with no note");
    assert_eq!(
        a.replace(&prefix(&check_svg(&a)), "P"),
        b.replace(&prefix(&check_svg(&b)), "P"),
        "and changes nothing else"
    );
}

#[test]
fn insight_keys_report_their_errors_with_did_you_mean() {
    let d = tempdir();
    let f = write(
        d.path(),
        "bad.yaml",
        r#"version: 1.1
title: T
tags:
  - { id: sense, label: Sensory }
  - { id: spare, label: Unused }
  - { id: sense, label: Again }
lanes:
  - { id: customer }
  - { id: pains, zone: insight, kind: pian }
  - { id: notes, zone: insigth }
steps:
  - id: a
    customer: { text: x, tags: [sens], touchpoint: brnad, map: "https://example.com/a.yaml" }
    pains: { text: y, tags: sense, map: "a\\b.yaml" }
"#,
    );
    let (code, found, doc) = check_json(&f);
    assert_eq!(code, 1);
    let mut got = codes(&found);
    got.sort();
    assert_eq!(
        got,
        [
            "duplicate-id",
            "invalid-map",
            "invalid-map",
            "unknown-kind",
            "unknown-ref",
            "unknown-touchpoint",
            "unknown-zone",
            "unused-tag",
        ]
    );
    let text = doc.to_string();
    for hint in [
        "did you mean `pain`?",
        "did you mean `insight`?",
        "did you mean `sense`?",
        "did you mean `brand`?",
    ] {
        assert!(text.contains(hint), "{hint} in {text}");
    }
}

#[test]
fn a_version_1_file_may_not_use_the_insight_keys() {
    let d = tempdir();
    for (body, what) in [
        (
            "lanes:\n  - { id: customer }\n  - { id: i, zone: insight }\nsteps:\n  - { id: a, customer: x }\n",
            "zone",
        ),
        (
            "lanes:\n  - { id: customer, kind: pain }\nsteps:\n  - { id: a, customer: x }\n",
            "kind",
        ),
        (
            "tags: [{ id: t }]\nsteps:\n  - { id: a, customer: { text: x, tags: t } }\n",
            "tags",
        ),
        (
            "steps:\n  - { id: a, customer: { text: x, touchpoint: brand } }\n",
            "touchpoint",
        ),
        (
            "steps:\n  - { id: a, customer: { text: x, map: b.yaml } }\n",
            "map",
        ),
    ] {
        let f = write(d.path(), "v1.yaml", format!("version: 1\ntitle: T\n{body}"));
        let (_, found, _) = check_json(&f);
        assert!(
            codes(&found).contains(&"needs-version"),
            "{what}: {found:?}"
        );
    }
}

/// At most `MAX_TAGS` tags: that many pass, one more is `limit-exceeded`.
#[test]
fn tags_are_limited_on_both_sides_of_the_limit() {
    let max = blueprint::limits::MAX_TAGS;
    let d = tempdir();
    for (n, code) in [(max, None), (max + 1, Some("limit-exceeded"))] {
        let tags: Vec<String> = (0..n).map(|i| format!("{{ id: t{i} }}")).collect();
        let used: Vec<String> = (0..n).map(|i| format!("t{i}")).collect();
        let f = write(
            d.path(),
            "t.yaml",
            format!(
                "version: 1.1\ntitle: T\ntags: [{}]\nsteps:\n  - id: a\n    customer: {{ text: x, tags: [{}] }}\n",
                tags.join(", "),
                used.join(", ")
            ),
        );
        let (_, found, _) = check_json(&f);
        assert_eq!(codes(&found).first().copied(), code, "{n} tags: {found:?}");
    }
}
