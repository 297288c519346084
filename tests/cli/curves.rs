//! Format 1.1's several emotion curves (`curves:`) and phase loops (`loops_to`, `loop_label`)
//! through the binary: their errors, and the drawing found in the SVG by the contract's
//! classes and attributes (docs/design.md, "The SVG contract").

use crate::support::*;

/// Two curves (customer and staff) and a loyalty loop.
const CURVES: &str = include_str!("curves-and-loop.yaml");

/// The codes of `text` checked, and the help of each diagnostic.
fn check_text(text: &str) -> (Vec<String>, Vec<String>) {
    let d = tempdir();
    let f = write(d.path(), "c.yaml", text);
    let (_, found, doc) = check_json(&f);
    let helps = doc["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["help"].as_str().unwrap_or("").to_string())
        .collect();
    (codes(&found).iter().map(|c| c.to_string()).collect(), helps)
}

fn class_has(n: &roxmltree::Node<'_, '_>, class: &str) -> bool {
    n.attribute("class")
        .is_some_and(|c| c.split(' ').any(|x| x == class))
}

/// The words of every `<text>` under `n` with class `class`.
fn texts(n: roxmltree::Node<'_, '_>, class: &str) -> Vec<String> {
    n.descendants()
        .filter(|t| t.tag_name().name() == "text" && class_has(t, class))
        .map(|t| {
            t.descendants()
                .filter(|x| x.is_text())
                .filter_map(|x| x.text())
                .collect::<String>()
        })
        .collect()
}

/// A curve group's line.
fn line<'a, 'i>(g: roxmltree::Node<'a, 'i>) -> roxmltree::Node<'a, 'i> {
    g.descendants()
        .find(|n| class_has(n, "line"))
        .expect("the curve's line")
}

/// Each curve is a `g.emotion.curve-K` with `data-curve` and `data-lane`; its own point shape
/// (circles, then squares), dash pattern and name; a step without a score on a curve is a gap
/// in that curve alone; one legend entry per curve.
#[test]
fn each_curve_has_its_own_group_line_shape_name_and_legend_entry() {
    let d = tempdir();
    let svg = render_svg(&write(d.path(), "c.yaml", CURVES), &[]);
    let doc = check_svg(&svg);
    let groups: Vec<_> = doc
        .descendants()
        .filter(|n| n.attribute("data-curve").is_some())
        .collect();
    let ids: Vec<_> = groups.iter().map(|g| g.attribute("data-curve")).collect();
    assert_eq!(ids, [Some("guest"), Some("clerk")]);
    let lanes: Vec<_> = groups.iter().map(|g| g.attribute("data-lane")).collect();
    assert_eq!(lanes, [Some("customer"), Some("onstage")]);
    for (k, g) in groups.iter().enumerate() {
        assert!(class_has(g, "emotion") && class_has(g, &format!("curve-{}", k + 1)));
    }
    let points = |g: &roxmltree::Node<'_, '_>| -> Vec<(String, String)> {
        g.descendants()
            .filter(|n| n.attribute("data-step").is_some())
            .map(|n| {
                (
                    n.tag_name().name().to_string(),
                    n.attribute("data-step").unwrap_or("").to_string(),
                )
            })
            .collect()
    };
    let guest = points(&groups[0]);
    let clerk = points(&groups[1]);
    assert!(guest.iter().all(|(tag, _)| tag == "circle"), "{guest:?}");
    assert!(clerk.iter().all(|(tag, _)| tag == "polygon"), "{clerk:?}");
    let steps = |p: &[(String, String)]| p.iter().map(|x| x.1.clone()).collect::<Vec<_>>();
    // The guest has words but no score at `review`; the clerk no emotion at `room`.
    assert_eq!(steps(&guest), ["book", "arrive", "room", "checkout"]);
    assert_eq!(steps(&clerk), ["book", "arrive", "checkout", "review"]);
    let subpaths = |g| line(g).attribute("d").unwrap_or("").matches('M').count();
    assert_eq!(subpaths(groups[0]), 1);
    assert_eq!(subpaths(groups[1]), 2, "the clerk's line has a gap at room");
    // Told apart by more than colour: the dash patterns differ too (presentation attributes).
    let dash = |g| line(g).attribute("stroke-dasharray").map(str::to_string);
    assert_ne!(dash(groups[0]), dash(groups[1]));
    assert_eq!(texts(groups[0], "curve-name"), ["Business guest"]);
    assert_eq!(texts(groups[1], "curve-name"), ["Desk clerk"]);
    let legend: Vec<_> = doc
        .descendants()
        .filter(|n| class_has(n, "legend-entry"))
        .filter_map(|n| n.attribute("data-mark"))
        .filter(|m| m.starts_with("curve-") || *m == "emotion")
        .collect();
    assert_eq!(legend, ["curve-1", "curve-2"]);
    // Not only the customer's: the band's title says "Emotion".
    let scale = doc
        .descendants()
        .find(|n| class_has(n, "scale"))
        .expect("g.scale");
    let title: String = scale
        .descendants()
        .find(|n| n.tag_name().name() == "text")
        .map(|t| {
            t.descendants()
                .filter(|x| x.is_text())
                .filter_map(|x| x.text())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(title, "Emotion");
}

/// The curves' names after the last column never overlap, even when the curves end at one
/// level.
#[test]
fn curve_names_stack_clear_of_each_other() {
    let d = tempdir();
    let text = "version: 1.1\ntitle: T\ncurves:\n  - { id: a, label: First curve }\n  - { id: b, label: Second curve }\n  - { id: c, label: Third curve with a long name that wraps }\nsteps:\n  - id: s\n    emotion: { a: 3, b: 3, c: 3 }\n    customer: x\n";
    let svg = render_svg(&write(d.path(), "n.yaml", text), &[]);
    let doc = check_svg(&svg);
    let mut spans: Vec<(f64, f64)> = doc
        .descendants()
        .filter(|n| class_has(n, "curve-name"))
        .map(|n| {
            let ys: Vec<f64> = n
                .descendants()
                .filter_map(|t| t.attribute("y"))
                .filter_map(|y| y.parse().ok())
                .collect();
            let lo = ys.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = ys.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            (lo, hi)
        })
        .collect();
    assert_eq!(spans.len(), 3);
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    for w in spans.windows(2) {
        // Baselines: the next name's first line is at least a line below the last line above.
        assert!(w[1].0 - w[0].1 >= 12.0, "{spans:?}");
    }
}

/// The loop: an arc from the looping phase's end back to the target's start, above the phase
/// bands, its arrowhead at the target, its label on it.
#[test]
fn the_loyalty_loop_is_an_arc_above_the_phases_with_its_label() {
    let d = tempdir();
    let svg = render_svg(&write(d.path(), "c.yaml", CURVES), &[]);
    let doc = check_svg(&svg);
    let lp = doc
        .descendants()
        .find(|n| class_has(n, "phase-loop"))
        .expect("g.phase-loop");
    assert_eq!(lp.attribute("data-phase"), Some("post"));
    assert_eq!(lp.attribute("data-loops-to"), Some("pre"));
    assert!(lp.descendants().any(|n| class_has(&n, "loop-arc")));
    assert!(lp.descendants().any(|n| class_has(&n, "arrowhead")));
    let label: Vec<String> = lp
        .descendants()
        .filter(|n| n.tag_name().name() == "text")
        .map(|t| {
            t.descendants()
                .filter(|x| x.is_text())
                .filter_map(|x| x.text())
                .collect()
        })
        .collect();
    assert_eq!(label, ["Loyalty loop"]);
    // The label's box lies above every phase band.
    let num = |n: &roxmltree::Node<'_, '_>, a: &str| -> f64 {
        n.attribute(a).and_then(|v| v.parse().ok()).expect(a)
    };
    let bx = lp
        .descendants()
        .find(|n| n.tag_name().name() == "rect")
        .expect("label box");
    let band_top = doc
        .descendants()
        .filter(|n| class_has(n, "phase"))
        .filter_map(|g| g.descendants().find(|r| r.tag_name().name() == "rect"))
        .map(|r| num(&r, "y"))
        .fold(f64::INFINITY, f64::min);
    assert!(num(&bx, "y") + num(&bx, "height") < band_top, "{svg}");
    // The arc ends where the target band starts (its left part), after starting at the
    // looping phase's right part.
    let d_attr = lp
        .descendants()
        .find(|n| class_has(n, "loop-arc"))
        .and_then(|n| n.attribute("d"))
        .expect("d");
    let nums: Vec<f64> = d_attr
        .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .filter_map(|s| s.parse().ok())
        .collect();
    let (start_x, end_x) = (nums[0], nums[nums.len() - 2]);
    assert!(
        start_x > end_x,
        "from the end of post back to pre: {d_attr}"
    );
}

/// A cut that leaves out one end of a loop drops its arc; one that keeps both keeps it.
#[test]
fn a_cut_without_one_end_drops_the_loop() {
    let d = tempdir();
    let f = write(d.path(), "c.yaml", CURVES);
    let loops = |args: &[&str]| {
        let svg = render_svg(&f, args);
        svg.matches("class=\"phase-loop\"").count()
    };
    assert_eq!(loops(&[]), 1);
    assert_eq!(loops(&["--phase", "stay"]), 0);
    assert_eq!(loops(&["--phase", "post"]), 0);
    assert_eq!(loops(&["--phase", "pre", "--phase", "post"]), 1);
}

/// Every error of curves and loops, with did-you-mean where an id is close.
#[test]
fn curve_and_loop_errors_have_their_codes() {
    let two = "version: 1.1\ntitle: T\ncurves:\n  - { id: guest, label: Guest, lane: customer }\n  - { id: clerk, label: Clerk }\nsteps:\n";
    for (steps, code, help) in [
        (
            "  - { id: a, customer: x, emotion: 3 }\n",
            "ambiguous-emotion",
            "guest: 3",
        ),
        (
            "  - { id: a, customer: x, emotion: { score: 3 } }\n",
            "ambiguous-emotion",
            "the curves are",
        ),
        (
            "  - { id: a, customer: x, emotion: { guets: 3 } }\n",
            "unknown-ref",
            "did you mean `guest`?",
        ),
        (
            "  - { id: a, customer: x, emotion: { guest: 6 } }\n",
            "emotion-out-of-range",
            "",
        ),
        (
            "  - { id: a, customer: x, emotion: { guest: { score: 2, lable: x } } }\n",
            "unknown-key",
            "did you mean `label`?",
        ),
    ] {
        let (codes, helps) = check_text(&format!("{two}{steps}"));
        assert_eq!(codes, [code], "{steps}");
        assert!(helps[0].contains(help), "{steps}: {helps:?}");
    }
    // Exactly one curve: the plain forms name it.
    let one = "version: 1.1\ntitle: T\ncurves: [{ id: guest, label: Guest }]\nsteps:\n  - { id: a, emotion: 3, customer: x }\n  - { id: b, emotion: { score: 2, label: Low }, customer: y }\n";
    assert_eq!(check_text(one).0, Vec::<String>::new());
    for (curves, code, help) in [
        (
            "[{ id: score, label: S }]",
            "reserved-curve-id",
            "choose another id",
        ),
        (
            "[{ id: g, label: G, lane: custmer }]",
            "unknown-ref",
            "did you mean `customer`?",
        ),
        ("[{ id: g }]", "missing-key", "label"),
        ("[]", "empty-list", ""),
    ] {
        let text = format!(
            "version: 1.1\ntitle: T\ncurves: {curves}\nsteps:\n  - {{ id: a, customer: x }}\n"
        );
        let (codes, helps) = check_text(&text);
        assert_eq!(codes, [code], "{curves}");
        assert!(helps[0].contains(help), "{curves}: {helps:?}");
    }
    let v1 =
        "version: 1\ntitle: T\ncurves: [{ id: g, label: G }]\nsteps:\n  - { id: a, customer: x }\n";
    assert_eq!(check_text(v1).0, ["needs-version"]);
    let phases = |ps: &str| {
        format!(
            "version: 1.1\ntitle: T\nphases:\n{ps}steps:\n  - {{ id: a, phase: pre, customer: x }}\n  - {{ id: b, phase: post, customer: y }}\n"
        )
    };
    for (ps, code, help) in [
        (
            "  - { id: pre, loops_to: post }\n  - { id: post }\n",
            "loop-forward",
            "earlier phase",
        ),
        (
            "  - { id: pre }\n  - { id: post, loops_to: pree }\n",
            "unknown-ref",
            "did you mean `pre`?",
        ),
        (
            "  - { id: pre }\n  - { id: post, loop_label: Again }\n",
            "loop-label-without-loop",
            "loops_to",
        ),
    ] {
        let (codes, helps) = check_text(&phases(ps));
        assert_eq!(codes, [code], "{ps}");
        assert!(helps[0].contains(help), "{ps}: {helps:?}");
    }
    // A phase may loop to itself; all errors come in one run.
    let ok = phases("  - { id: pre }\n  - { id: post, loops_to: post, loop_label: Again }\n");
    assert_eq!(check_text(&ok).0, Vec::<String>::new());
    let many = format!(
        "{two}  - {{ id: a, customer: x, emotion: 3 }}\n  - {{ id: b, customer: y, emotion: {{ nobody: 3 }} }}\n"
    );
    assert_eq!(check_text(&many).0, ["ambiguous-emotion", "unknown-ref"]);
}

/// `curves` holds at most `MAX_CURVES` curves: that many pass, one more is `limit-exceeded`.
#[test]
fn curves_are_limited_on_both_sides_of_the_limit() {
    let max = blueprint::limits::MAX_CURVES;
    for (n, code) in [(max, None), (max + 1, Some("limit-exceeded"))] {
        let curves: Vec<String> = (0..n)
            .map(|i| format!("{{ id: c{i}, label: C{i} }}"))
            .collect();
        let scores: Vec<String> = (0..n).map(|i| format!("c{i}: {}", i % 5 + 1)).collect();
        let text = format!(
            "version: 1.1\ntitle: T\ncurves: [{}]\nsteps:\n  - {{ id: a, emotion: {{ {} }}, customer: x }}\n",
            curves.join(", "),
            scores.join(", ")
        );
        let (codes, _) = check_text(&text);
        assert_eq!(codes.first().map(String::as_str), code, "{n} curves");
    }
    // Five curves render, each with its own point shape.
    let d = tempdir();
    let curves: Vec<String> = (0..max)
        .map(|i| format!("{{ id: c{i}, label: C{i} }}"))
        .collect();
    let scores: Vec<String> = (0..max).map(|i| format!("c{i}: {}", i % 5 + 1)).collect();
    let text = format!(
        "version: 1.1\ntitle: T\ncurves: [{}]\nsteps:\n  - {{ id: a, emotion: {{ {} }}, customer: x }}\n",
        curves.join(", "),
        scores.join(", ")
    );
    let svg = render_svg(&write(d.path(), "five.yaml", text), &[]);
    let doc = check_svg(&svg);
    let shapes: Vec<String> = doc
        .descendants()
        .filter(|n| n.attribute("data-step").is_some() && class_has(n, "emotion-point"))
        .map(|n| {
            // A polygon's corners about their mean, so shapes at different heights compare.
            let pts: Vec<(f64, f64)> = n
                .attribute("points")
                .unwrap_or("")
                .split(' ')
                .filter_map(|p| p.split_once(','))
                .filter_map(|(x, y)| Some((x.parse().ok()?, y.parse().ok()?)))
                .collect();
            let k = pts.len().max(1) as f64;
            let (mx, my) = pts
                .iter()
                .fold((0.0, 0.0), |a, p| (a.0 + p.0 / k, a.1 + p.1 / k));
            let corners: Vec<String> = pts
                .iter()
                .map(|p| format!("{:.0},{:.0}", p.0 - mx, p.1 - my))
                .collect();
            format!("{} {}", n.tag_name().name(), corners.join(" "))
        })
        .collect();
    assert_eq!(shapes.len(), max);
    let mut distinct = shapes.clone();
    distinct.sort();
    distinct.dedup();
    // Circle, square, triangle, diamond, triangle pointing down.
    assert_eq!(distinct.len(), max, "{shapes:?}");
}

/// A curve's `variant` ties it to those variants: the legend says which, a `--variant` cut
/// draws only its own variant's curves (and their feelings), and an unknown one is
/// `unknown-ref`.
#[test]
fn a_curves_variant_keeps_it_to_that_variants_cut() {
    let text = "version: 1.1\ntitle: T\n\
        variants: [{ id: ss, label: Self-serve }, { id: en, label: Enterprise }]\n\
        curves: [{ id: guest, label: Guest }, { id: admin, label: IT admin, variant: en }]\n\
        steps:\n  - { id: a, emotion: { guest: 3, admin: 2 }, customer: x }\n\
        \x20 - { id: b, emotion: { guest: 4, admin: 4 }, customer: { text: y, variant: ss } }\n";
    let d = tempdir();
    let f = write(d.path(), "v.yaml", text);
    let curves = |args: &[&str]| -> (Vec<String>, String) {
        let svg = render_svg(&f, args);
        let doc = roxmltree::Document::parse(&svg).expect("svg");
        let ids = doc
            .descendants()
            .filter_map(|n| n.attribute("data-curve"))
            .map(str::to_string)
            .collect();
        (ids, svg.clone())
    };
    let (all, svg) = curves(&[]);
    assert_eq!(all, ["guest", "admin"]);
    assert!(
        svg.contains("Emotion: IT admin (Enterprise)"),
        "the legend says which"
    );
    let (ss, _) = curves(&["--variant", "ss"]);
    assert_eq!(ss, ["guest"], "the self-serve cut has no IT admin curve");
    let (en, _) = curves(&["--variant", "en"]);
    assert_eq!(en, ["guest", "admin"]);
    let (errors, _) = check_text(&text.replace("variant: en }", "variant: enterprise }"));
    assert!(errors.iter().any(|e| e == "unknown-ref"), "{errors:?}");
}
