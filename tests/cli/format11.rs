//! Format 1.1 through the binary: the versions, the compatibility rule (a v1 file renders to the
//! same bytes whatever version it says), the parts of 1.1 not drawn yet refused, and a
//! blueprint using every addition drawn, each found in the SVG by the contract's classes and
//! attributes (docs/design.md, "The SVG contract").

use crate::support::*;

#[test]
fn a_v1_sample_renders_to_the_same_bytes_as_version_1_1_and_without_version() {
    let d = tempdir();
    for name in ["hotel", "airline"] {
        // The samples as they were in version 1 (the samples themselves now use 1.1).
        let v1 = root().join("tests/golden/v1").join(format!("{name}.yaml"));
        let text = std::fs::read_to_string(v1).expect("v1 sample");
        let body: String = text
            .lines()
            .filter(|l| !l.starts_with("version:"))
            .map(|l| format!("{l}\n"))
            .collect();
        let bare = render_svg(&write(d.path(), "bare.yaml", &body), &[]);
        for version in ["1", "1.1"] {
            let with = write(d.path(), "v.yaml", format!("version: {version}\n{body}"));
            assert!(
                render_svg(&with, &[]) == bare,
                "{name} with version {version} renders differently"
            );
        }
    }
}

/// Every top-level key 1.1 added gets one `needs-version` in a version 1 file: not one from the
/// top level and another from the key's own reader.
#[test]
fn a_version_1_files_top_level_1_1_keys_are_each_reported_once() {
    let d = tempdir();
    let f = write(
        d.path(),
        "v1.yaml",
        "version: 1\ntitle: T\ntags: [{id: t}]\ncurves: [{id: g, label: G}]\n\
         variants: [{id: a}]\nsteps: [{id: s, customer: x}]\n",
    );
    let (code, found, _) = check_json(&f);
    assert_eq!(code, 1);
    let lines: Vec<(u64, &str)> = found
        .iter()
        .filter(|x| x.0 == "error")
        .map(|x| (x.1, x.3.as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            (3, "needs-version"),
            (4, "needs-version"),
            (5, "needs-version")
        ]
    );
}

#[test]
fn versions_other_than_1_and_1_1_are_refused() {
    let d = tempdir();
    for (version, code) in [
        ("1", None),
        ("1.1", None),
        ("1.2", Some("unsupported-version")),
        ("2", Some("unsupported-version")),
        ("\"1.1\"", Some("wrong-type")),
    ] {
        let f = write(
            d.path(),
            "v.yaml",
            format!("version: {version}\n{}", crate::VALID),
        );
        let (_, found, _) = check_json(&f);
        assert_eq!(codes(&found).first().copied(), code, "version {version}");
    }
}

/// A blueprint using every addition of format 1.1 this version draws.
pub const EVERYTHING: &str = r#"version: 1.1
title: Job application
phases:
  - { id: apply, label: Apply, description: "Finding the job and sending the form" }
lanes:
  - { id: customer, label: Maya, description: "Solo founder, moderate tech comfort" }
  - { id: onstage }
  - { id: backstage }
steps:
  - id: find
    phase: apply
    emotion: { score: 4 }
    customer: Finds the job ad
  - id: fill-form
    phase: apply
    emotion: { score: 2, label: "Tedium, growing frustration" }
    customer:
      text: Fills out the application form
      fail: { cause: Session times out and wipes entries, impact: high }
      marks: [moment-of-truth, entry, exit, branch, optional, workaround]
      status: observed
      source: Interviews, March, 6 applicants
      owner: Careers site team
      meta: { cognitive-load: high, channels: [web, email] }
    onstage:
      text: Recruiter reads it
      fail: { impact: low }
      status: assumed
    backstage: { text: New form flow, status: proposed }
  - id: decide
    customer: Invited
    onstage: Rejected
flows:
  - { from: fill-form.customer, to: decide.onstage }
  - { from: fill-form.onstage, to: decide.onstage, kind: needs, note: The hash is recomputed on every edit }
"#;

/// Each addition is found in the SVG by its class or attribute (docs/design.md, "The SVG
/// contract"), not by what the code calls it.
#[test]
fn every_addition_is_drawn_and_findable_in_the_svg() {
    let d = tempdir();
    let svg = render_svg(&write(d.path(), "all.yaml", EVERYTHING), &[]);
    let doc = check_svg(&svg);
    let texts_of = |class: &str| texts_with_class(&doc, class);
    let lane = texts_of("lane-description");
    assert_eq!(lane.len(), 1, "{lane:?}");
    assert!(lane[0].contains("Solo founder"), "{lane:?}");
    let lane_group = doc
        .descendants()
        .find(|n| n.attribute("data-lane") == Some("customer"))
        .expect("lane group");
    assert!(
        lane_group
            .descendants()
            .any(|n| n.attribute("class") == Some("lane-description")),
        "the lane description sits in its lane's group"
    );
    let phase = texts_of("phase-description");
    assert_eq!(phase, ["Finding the job and sending the form"]);
    // The feeling in words, inside the emotion band.
    let words = texts_of("emotion-label");
    assert_eq!(words.join(" "), "Tedium, growing frustration");
    // Fail impact: on the card's g.fail-point, the word after the cause, and in the legend.
    let impacts: Vec<&str> = doc
        .descendants()
        .filter(|n| {
            n.attribute("class")
                .is_some_and(|c| c.split(' ').any(|c| c == "fail-point"))
        })
        .filter(|n| n.ancestors().any(|a| a.attribute("data-id").is_some()))
        .filter_map(|n| n.attribute("data-impact"))
        .collect();
    assert_eq!(impacts, ["high", "low"]);
    let causes = texts_of("cause");
    assert!(
        causes.iter().any(|c| c.ends_with("entries · high")),
        "the word follows the cause: {causes:?}"
    );
    for key in ["fail-high", "fail-low"] {
        assert!(
            doc.descendants()
                .any(|n| n.attribute("class") == Some("legend-entry")
                    && n.attribute("data-mark") == Some(key)),
            "legend lists {key}"
        );
    }
    assert!(
        !svg.contains("data-mark=\"fail-medium\""),
        "only impacts used"
    );
    // Marks: one g.marks per marked card, one data-mark child per mark; the legend lists each.
    let card = doc
        .descendants()
        .find(|n| n.attribute("data-id") == Some("fill-form.customer.1"))
        .expect("the marked card");
    let marks = card
        .descendants()
        .find(|n| n.attribute("class") == Some("marks"))
        .expect("g.marks");
    let kinds: Vec<&str> = marks
        .children()
        .filter_map(|n| n.attribute("data-mark"))
        .collect();
    assert_eq!(
        kinds,
        [
            "moment-of-truth",
            "entry",
            "exit",
            "branch",
            "optional",
            "workaround"
        ]
    );
    // Status, source, owner and meta.
    assert_eq!(card.attribute("data-status"), Some("observed"));
    assert_eq!(card.attribute("data-meta-cognitive-load"), Some("high"));
    assert_eq!(card.attribute("data-meta-channels"), Some("web, email"));
    let title: String = card
        .children()
        .find(|n| n.tag_name().name() == "title")
        .and_then(|t| t.text())
        .unwrap_or("")
        .to_string();
    assert!(
        title.contains("Source: Interviews, March, 6 applicants"),
        "{title}"
    );
    assert!(title.contains("cognitive-load: high"), "{title}");
    assert_eq!(texts_of("owner"), ["Careers site team"]);
    let statuses: Vec<&str> = doc
        .descendants()
        .filter(|n| n.attribute("data-id").is_some())
        .filter_map(|n| n.attribute("data-status"))
        .collect();
    assert_eq!(statuses, ["observed", "assumed", "proposed"]);
    let glyphs: Vec<String> = texts_of("status-glyph")
        .iter()
        .map(|t| t.trim().to_string())
        .collect();
    assert_eq!(glyphs, ["?"], "the assumed card has its ?");
    for key in [
        "moment-of-truth",
        "entry",
        "exit",
        "branch",
        "optional",
        "workaround",
        "status-observed",
        "status-assumed",
        "status-proposed",
    ] {
        assert!(
            doc.descendants()
                .any(|n| n.attribute("class") == Some("legend-entry")
                    && n.attribute("data-mark") == Some(key)),
            "legend lists {key}"
        );
    }
    // A dependency: dashed, an open arrowhead, the note in the path's <title>, a legend entry.
    let needs = doc
        .descendants()
        .find(|n| {
            n.attribute("class")
                .is_some_and(|c| c.split(' ').any(|c| c == "needs"))
                && n.tag_name().name() == "path"
        })
        .expect("the needs flow");
    assert!(needs.attribute("class").unwrap_or("").contains("dashed"));
    // Its arrowhead is the path after it (arrowheads are paths, not markers): the open one.
    let head = needs
        .next_sibling_element()
        .expect("an arrowhead after the flow");
    assert_eq!(
        head.attribute("class"),
        Some("arrowhead open"),
        "open arrowhead"
    );
    assert!(
        !head.attribute("d").unwrap_or("").contains('z'),
        "an open arrowhead is not closed"
    );
    let note = needs
        .children()
        .find(|n| n.tag_name().name() == "title")
        .and_then(|t| t.text());
    assert_eq!(note, Some("The hash is recomputed on every edit"));
    assert!(
        doc.descendants()
            .any(|n| n.attribute("class") == Some("legend-entry")
                && n.attribute("data-mark") == Some("needs-flow")),
        "legend lists the dependency"
    );
    let band = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("emotion-band"))
        .expect("emotion band");
    assert!(
        band.descendants()
            .any(|n| n.attribute("class") == Some("emotion-label")),
        "the words sit in the emotion band"
    );
}

#[test]
fn the_schema_takes_the_1_1_additions_and_refuses_what_is_not_drawn_yet() {
    let out = bin().arg("schema").output().expect("run");
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON schema");
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let json = |t: &str| -> serde_json::Value { serde_saphyr::from_str(t).expect("YAML") };
    let errors: Vec<String> = [EVERYTHING, EVERYTHING_ELSE]
        .iter()
        .flat_map(|t| {
            validator
                .iter_errors(&json(t))
                .map(|e| format!("{e} at {}", e.instance_path()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    for bad in [
        "title: T\nphases: [{id: p, loop_to: p}]\nsteps: [{id: a}]\n",
        "title: T\nlanes: [{id: customer, kind: pains}]\nsteps: [{id: a}]\n",
        "title: T\nsteps: [{id: a}]\nflows: [{from: a.customer, to: a.onstage, kind: need}]\n",
        "version: 1.2\ntitle: T\nsteps: [{id: a}]\n",
    ] {
        assert!(!validator.is_valid(&json(bad)), "{bad}");
    }
}

/// A step whose emotion is words alone has no point: the curve has a gap there.
#[test]
fn emotion_words_without_a_score_leave_a_gap_in_the_curve() {
    let d = tempdir();
    let f = write(
        d.path(),
        "gap.yaml",
        "title: T\nsteps:\n  - id: a\n    emotion: 4\n    customer: x\n  - id: b\n    emotion: { label: Unsure }\n    customer: y\n  - id: c\n    emotion: { score: 2 }\n    customer: z\n",
    );
    let svg = render_svg(&f, &[]);
    let doc = check_svg(&svg);
    let points: Vec<&str> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("emotion-point"))
        .filter_map(|n| n.attribute("data-step"))
        .collect();
    assert_eq!(points, ["a", "c"]);
    let path = doc.descendants().find(|n| {
        n.tag_name().name() == "path"
            && n.parent().and_then(|p| p.attribute("class")) == Some("emotion")
    });
    assert!(path.is_none(), "no line joins a and c across b");
    assert!(svg.contains(">Unsure<"), "the words are drawn");
}

/// `fail: true` is still a fail point whose cause is the text "true" (no reinterpretation),
/// and `fail: {}` a fail point whose cause is not stated.
#[test]
fn fail_keeps_its_v1_meaning_and_takes_an_empty_mapping() {
    let d = tempdir();
    let f = write(
        d.path(),
        "f.yaml",
        "title: T\nsteps:\n  - id: a\n    customer: { text: x, fail: true }\n    onstage: { text: y, fail: {} }\n",
    );
    let svg = render_svg(&f, &[]);
    let doc = check_svg(&svg);
    let fails: Vec<String> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("fail-point"))
        .filter(|n| n.ancestors().any(|a| a.attribute("data-id").is_some()))
        .map(|n| {
            n.descendants()
                .filter(|t| t.attribute("class") == Some("cause"))
                .flat_map(|t| t.descendants().filter(|x| x.is_text()))
                .filter_map(|x| x.text())
                .collect::<String>()
        })
        .collect();
    assert_eq!(fails, ["true", ""], "{svg}");
}

/// `meta` holds at most `MAX_META_KEYS` keys: that many pass, one more is `limit-exceeded`.
#[test]
fn meta_keys_are_limited_on_both_sides_of_the_limit() {
    let max = blueprint::limits::MAX_META_KEYS;
    let d = tempdir();
    for (n, code) in [(max, None), (max + 1, Some("limit-exceeded"))] {
        let keys: Vec<String> = (0..n).map(|i| format!("k{i}: v")).collect();
        let f = write(
            d.path(),
            "m.yaml",
            format!(
                "title: T\nsteps:\n  - id: a\n    customer: {{ text: x, meta: {{ {} }} }}\n",
                keys.join(", ")
            ),
        );
        let (_, found, _) = check_json(&f);
        assert_eq!(codes(&found).first().copied(), code, "{n} keys");
    }
}

/// Every addition of format 1.1 at once: descriptions, feelings in words, fail impact, marks,
/// status, source, owner, metadata and dependencies (as in [`EVERYTHING`]), and loops, lane kinds
/// and the insight zone, several curves, tags, an item's touch point and map, a spanning card,
/// variants and a duration per variant, and notes numbered with `--notes`.
pub const EVERYTHING_ELSE: &str = r#"version: 1.1
title: Spa day
tags:
  - { id: sense, label: Sensory (sense) }
  - { id: relate, label: Social identity (relate) }
curves:
  - { id: guest, label: Guest, lane: customer }
  - { id: host, label: Host, lane: onstage }
variants:
  - { id: ss, label: Self-serve }
  - { id: en, label: Enterprise }
phases:
  - { id: pre, label: Pre-purchase, description: "From the gift to the booking" }
  - { id: post, label: Post-purchase, loops_to: pre, loop_label: Loyalty loop }
lanes:
  - { id: customer, description: "A first-time guest" }
  - { id: onstage }
  - { id: support }
  - { id: pains, label: Pain points, zone: insight, kind: pain }
steps:
  - id: book
    phase: pre
    duration: { ss: 5 min, en: 1–2 weeks }
    emotion: { guest: { score: 3, label: Curious }, host: 4 }
    customer:
      text: Books a treatment
      tags: [sense, relate]
      touchpoint: social
      map: booking.yaml
      fail: { cause: The voucher code is refused, impact: high }
      marks: [moment-of-truth, entry, exit, branch, optional, workaround]
      status: observed
      source: Guest interviews
      owner: Front desk
      meta: { channel: web }
    support: { text: Booking system, until: visit }
    pains: The voucher code is refused
  - id: trial
    phase: pre
    variant: ss
    customer: { text: Tries the app, variant: ss }
  - id: visit
    phase: post
    emotion: { guest: 5, host: 4 }
    customer: { text: Enjoys the massage, status: assumed }
    onstage: { text: Therapist asks about pressure, status: proposed }
flows:
  - { from: book.customer, to: book.support, note: Sent at once }
  - { from: book.customer, to: visit.onstage, kind: needs }
"#;

/// Every addition of format 1.1, all in [`EVERYTHING_ELSE`], is found in the SVG by the classes and
/// attributes (docs/design.md), with `--notes` on.
#[test]
fn every_addition_at_once_is_drawn_and_findable_in_the_svg() {
    let d = tempdir();
    let svg = render_svg(&write(d.path(), "else.yaml", EVERYTHING_ELSE), &["--notes"]);
    let doc = check_svg(&svg);
    let has_class = |n: &roxmltree::Node<'_, '_>, class: &str| {
        n.attribute("class")
            .is_some_and(|c| c.split(' ').any(|c| c == class))
    };
    let find = |class: &str| doc.descendants().filter(|n| has_class(n, class)).count();
    let item = |id: &str| {
        doc.descendants()
            .find(|n| n.attribute("data-id") == Some(id))
            .unwrap_or_else(|| panic!("item {id}"))
    };
    // The loyalty loop.
    let lp = doc
        .descendants()
        .find(|n| has_class(n, "phase-loop"))
        .expect("g.phase-loop");
    assert_eq!(lp.attribute("data-phase"), Some("post"));
    assert_eq!(lp.attribute("data-loops-to"), Some("pre"));
    assert!(lp.descendants().any(|n| has_class(&n, "loop-arc")));
    assert!(lp.descendants().any(|n| has_class(&n, "loop-label")));
    // The insight zone, its rule and the pain card's kind.
    assert_eq!(find("insight-rule"), 1);
    let pain = item("book.pains.1");
    assert_eq!(pain.attribute("data-kind"), Some("pain"));
    assert!(pain.descendants().any(|n| has_class(&n, "kind-glyph")));
    // Two curves, each its group, its name and its words.
    let curves: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("data-curve"))
        .collect();
    assert_eq!(curves, ["guest", "host"]);
    assert_eq!(find("curve-name"), 2);
    assert_eq!(find("emotion-label"), 1);
    // Tags, the touch point and the map on the booking card.
    let booking = item("book.customer.1");
    let tags: Vec<&str> = booking
        .descendants()
        .filter(|n| has_class(n, "tag-chip"))
        .filter_map(|n| n.attribute("data-tag"))
        .collect();
    assert_eq!(tags, ["sense", "relate"]);
    assert_eq!(booking.attribute("data-touchpoint"), Some("social"));
    assert_eq!(booking.attribute("data-map"), Some("booking.yaml"));
    let link = doc
        .descendants()
        .find(|n| has_class(n, "map-link"))
        .expect("a.map-link");
    assert_eq!(
        link.attribute(("http://www.w3.org/1999/xlink", "href"))
            .or(link.attribute("href")),
        Some("booking.svg")
    );
    // The spanning card.
    assert_eq!(
        item("book.support.1").attribute("data-until"),
        Some("visit")
    );
    // Variants: the step, the card and its badge, the duration per variant.
    assert!(
        doc.descendants()
            .any(|n| has_class(&n, "step") && n.attribute("data-variant") == Some("ss"))
    );
    let tries = item("trial.customer.1");
    assert_eq!(tries.attribute("data-variant"), Some("ss"));
    assert!(tries.descendants().any(|n| has_class(&n, "variant-badge")));
    assert!(
        svg.contains("ss 5 min · en 1–2 weeks"),
        "the durations per variant"
    );
    // The note, numbered on its arrow and listed under the legend.
    assert_eq!(find("note-mark"), 1);
    assert_eq!(find("flow-note"), 1);
    // And the first slice's additions, in the same figure.
    assert_eq!(find("lane-description"), 1);
    assert_eq!(find("phase-description"), 1);
    let fail = booking
        .descendants()
        .find(|n| has_class(n, "fail-point"))
        .expect("g.fail-point");
    assert_eq!(fail.attribute("data-impact"), Some("high"));
    let marks: Vec<&str> = booking
        .descendants()
        .find(|n| has_class(n, "marks"))
        .expect("g.marks")
        .children()
        .filter_map(|n| n.attribute("data-mark"))
        .collect();
    assert_eq!(marks.len(), 6, "{marks:?}");
    assert_eq!(booking.attribute("data-status"), Some("observed"));
    assert_eq!(booking.attribute("data-meta-channel"), Some("web"));
    assert_eq!(find("owner"), 1);
    let statuses: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("data-status"))
        .collect();
    assert_eq!(statuses, ["observed", "assumed", "proposed"]);
    assert!(
        doc.descendants()
            .any(|n| has_class(&n, "needs") && n.has_tag_name("path")),
        "the dependency"
    );
    // Each addition's legend entry.
    for key in ["kind-pain", "tag", "map", "variant", "curve-1", "curve-2"] {
        assert!(
            doc.descendants()
                .any(|n| has_class(&n, "legend-entry") && n.attribute("data-mark") == Some(key)),
            "legend lists {key}"
        );
    }
}

/// Issue 17, looked at in every theme: the glyphs half outside a card's edges (the star on its
/// top, an assumed card's "?" on its bottom) were drawn over each other when the cards were
/// stacked in one cell, and 4 px from the lane's edge. Each glyph's disc now keeps clear of
/// every other card and glyph, and inside its lane.
#[test]
fn edge_glyphs_of_stacked_cards_stay_apart_and_inside_their_lane() {
    let d = tempdir();
    let f = write(
        d.path(),
        "stack.yaml",
        "version: 1.1\ntitle: Stacked marks\nsteps:\n  - id: a\n    customer: Order\n    onstage:\n\
         \x20     - { text: Take the order at the counter, status: assumed }\n\
         \x20     - { text: Bring the tray, marks: moment-of-truth }\n\
         \x20     - { text: Clear the table, marks: [workaround], touchpoint: brand }\n\
         \x20 - id: b\n    customer: Pay\n    onstage:\n\
         \x20     - { text: Take payment, marks: [moment-of-truth], status: assumed }\n",
    );
    let num = |n: roxmltree::Node<'_, '_>, a: &str| -> f64 {
        n.attribute(a).and_then(|v| v.parse().ok()).expect(a)
    };
    for theme in ["light", "dark", "print", "high-contrast"] {
        let svg = render_svg(&f, &["--theme", theme]);
        let doc = check_svg(&svg);
        let lanes: Vec<(String, f64, f64)> = with_class(&doc, "lane")
            .into_iter()
            .filter(|n| n.tag_name().name() == "g")
            .map(|g| {
                let band = first_rect(g).expect("band");
                let y = num(band, "y");
                (
                    g.attribute("data-lane").expect("lane").to_string(),
                    y,
                    y + num(band, "height"),
                )
            })
            .collect();
        // Per card: its rect, its lane, and the discs of the glyphs on its edges.
        let mut cards = Vec::new();
        for g in with_class(&doc, "item") {
            let card = with_class(&doc, "card")
                .into_iter()
                .find(|c| c.ancestors().any(|a| a == g))
                .expect("card");
            let (x, y, w, h) = (
                num(card, "x"),
                num(card, "y"),
                num(card, "width"),
                num(card, "height"),
            );
            let discs: Vec<(f64, f64, f64)> = g
                .descendants()
                .filter(|n| n.tag_name().name() == "circle")
                .filter(|c| {
                    let cy = num(*c, "cy");
                    (cy - y).abs() < 0.01 || (cy - (y + h)).abs() < 0.01
                })
                .map(|c| (num(c, "cx"), num(c, "cy"), num(c, "r")))
                .collect();
            cards.push((
                g.attribute("data-id").expect("id").to_string(),
                g.attribute("data-lane").expect("lane").to_string(),
                (x, y, w, h),
                discs,
            ));
        }
        assert_eq!(
            cards.iter().map(|c| c.3.len()).sum::<usize>(),
            6,
            "{theme}: two stars, two \"?\", a detour and a badge"
        );
        for (id, lane, _, discs) in &cards {
            let (_, top, bottom) = lanes.iter().find(|l| &l.0 == lane).expect("its lane");
            for &(_, cy, r) in discs {
                assert!(
                    cy - r >= top + 4.0 && cy + r <= bottom - 4.0,
                    "{theme}: a glyph of {id} at {cy} (r {r}) is not inside {lane} ({top}..{bottom})"
                );
            }
        }
        for (a, _, _, discs) in &cards {
            for (b, _, (x, y, w, h), other) in &cards {
                if a == b {
                    continue;
                }
                for &(cx, cy, r) in discs {
                    let near_x = cx.clamp(*x, x + w);
                    let near_y = cy.clamp(*y, y + h);
                    assert!(
                        (cx - near_x).hypot(cy - near_y) >= r + 2.0,
                        "{theme}: a glyph of {a} touches the card {b}"
                    );
                    for &(ox, oy, or) in other {
                        assert!(
                            (cx - ox).hypot(cy - oy) >= r + or + 2.0,
                            "{theme}: glyphs of {a} and {b} meet"
                        );
                    }
                }
            }
        }
    }
}

/// Issue 17, looked at cut by phase: hotel's departure has one fail point, of medium impact,
/// yet its legend also explained the plain fail point, a red disc drawn nowhere on it. The
/// plain entry is listed only when a fail point without an impact is drawn.
#[test]
fn the_legend_explains_the_plain_fail_point_only_when_one_is_drawn() {
    let entries = |svg: &str| -> Vec<String> {
        let doc = check_svg(svg);
        with_class(&doc, "legend-entry")
            .iter()
            .filter_map(|n| n.attribute("data-mark").map(str::to_string))
            .collect()
    };
    let departure = entries(&render_svg(&sample("hotel"), &["--phase", "departure"]));
    assert!(
        departure.iter().any(|e| e == "fail-medium"),
        "{departure:?}"
    );
    assert!(!departure.iter().any(|e| e == "fail"), "{departure:?}");
    let d = tempdir();
    let plain = write(
        d.path(),
        "plain.yaml",
        "version: 1.1\ntitle: T\nsteps:\n  - id: a\n    customer: { text: Pay, fail: Card declined }\n\
         \x20   onstage: { text: Refund, fail: { cause: Slow, impact: low } }\n",
    );
    let both = entries(&render_svg(&plain, &[]));
    assert!(
        both.iter().any(|e| e == "fail") && both.iter().any(|e| e == "fail-low"),
        "{both:?}"
    );
}

/// Issue 17, looked at in every theme: an insight card's kind glyph (and a touch-point badge or
/// star) hangs 8.5 px into the card from its top edge, and the row of variant pills started
/// 8 px down: the thinking bubble sat on its "board" pill. The pills now start below every
/// glyph on the card's top edge.
#[test]
fn variant_pills_start_below_the_glyphs_on_the_cards_top_edge() {
    let d = tempdir();
    let f = write(
        d.path(),
        "pills.yaml",
        "version: 1.1\ntitle: Pills\nvariants:\n  - { id: board, label: Job board }\n\
         \x20 - { id: referral, label: Referral }\n\
         lanes:\n  - { id: customer, label: Customer }\n  - { id: thinking, label: Thinking, zone: insight, kind: thinking }\n\
         steps:\n  - id: a\n    variant: board\n    customer: { text: Fills the form, touchpoint: brand }\n\
         \x20   thinking: Why type my CV again?\n\
         \x20 - id: b\n    variant: referral\n    customer: { text: Sends the CV, marks: moment-of-truth }\n",
    );
    let num = |n: roxmltree::Node<'_, '_>, a: &str| -> f64 {
        n.attribute(a).and_then(|v| v.parse().ok()).expect(a)
    };
    for theme in ["light", "high-contrast"] {
        let svg = render_svg(&f, &["--theme", theme]);
        let doc = check_svg(&svg);
        let mut checked = 0;
        for item in with_class(&doc, "item") {
            let card = first_rect(item).expect("card");
            let top = num(card, "y");
            // The lowest point of the discs centred on the card's top edge.
            let reach = item
                .descendants()
                .filter(|n| matches!(n.tag_name().name(), "circle" | "polygon"))
                .filter_map(|n| match n.tag_name().name() {
                    "circle" if (num(n, "cy") - top).abs() < 0.01 => Some(top + num(n, "r")),
                    "polygon" => n
                        .attribute("points")
                        .expect("points")
                        .split([' ', ','])
                        .filter_map(|v| v.parse::<f64>().ok())
                        .skip(1)
                        .step_by(2)
                        .reduce(f64::max)
                        .filter(|&b| b < top + 20.0),
                    _ => None,
                })
                .fold(f64::NAN, f64::max);
            for pill in with_class(&doc, "pill") {
                if !pill.ancestors().any(|a| a == item) || reach.is_nan() {
                    continue;
                }
                assert!(
                    num(pill, "y") >= reach + 2.0,
                    "{theme}: {}: pill at {} under a glyph reaching {reach}",
                    item.attribute("data-id").unwrap_or("?"),
                    num(pill, "y")
                );
                checked += 1;
            }
        }
        assert_eq!(
            checked, 3,
            "{theme}: three cards with pills and a top glyph"
        );
    }
}

/// Issue 17, looked at in every theme: the dependency's legend entry had a swatch 18 px long
/// beside the other lines' 26 px (it was left out of the line swatches when it was added), and
/// the only label in lower case. Every line swatch is one length, every label capitalised.
#[test]
fn the_legends_line_swatches_are_one_length_and_its_labels_capitalised() {
    let svg = render_svg(&sample("job-application"), &[]);
    let doc = check_svg(&svg);
    let mut lengths = Vec::new();
    for e in with_class(&doc, "legend-entry") {
        let mark = e.attribute("data-mark").unwrap_or("");
        let label: String = e
            .children()
            .filter(|n| n.tag_name().name() == "text")
            .flat_map(|t| {
                t.descendants()
                    .filter(|n| n.is_text())
                    .filter_map(|n| n.text())
            })
            .collect();
        assert!(
            label.chars().next().is_some_and(char::is_uppercase),
            "{mark}: {label:?}"
        );
        if let Some(line) = e.children().find(|n| {
            n.attribute("class")
                .is_some_and(|c| c.split_whitespace().any(|x| x == "swatch-flow"))
        }) {
            let d = line.attribute("d").expect("d");
            let xs: Vec<f64> = d
                .split(['M', 'L', ' '])
                .filter_map(|v| v.parse().ok())
                .step_by(2)
                .collect();
            lengths.push((mark.to_string(), xs[1] - xs[0]));
        }
    }
    assert!(lengths.iter().any(|l| l.0 == "needs-flow"), "{lengths:?}");
    assert!(
        lengths.iter().all(|l| (l.1 - lengths[0].1).abs() < 0.01),
        "{lengths:?}"
    );
}
