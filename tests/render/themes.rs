//! Themes, end to end: every sample in every built-in theme to SVG, PNG and PDF; the contrast of
//! every text as actually drawn (its fill from the SVG's own stylesheet, the fill under it from
//! the shapes painted before it), checked against WCAG and against the pairs the theme data
//! declares (`Theme::pairs`), so that list cannot fall behind the drawing; the non-colour cues
//! of touch points; the `theme:` key and `--theme` (names and theme files).

use crate::support::*;
use blueprint::theme::{Color, PairKind, Theme};
use predicates::prelude::*;
use std::collections::{BTreeSet, HashMap};

fn theme(name: &str) -> Theme {
    Theme::named(name).expect("built-in")
}

fn render_lib(text: &str, theme: Option<Theme>) -> String {
    let src = blueprint::decode("t.yaml", text.as_bytes().to_vec())
        .unwrap_or_else(|(_, d)| panic!("{d:?}"));
    let options = blueprint::Options {
        theme,
        ..Default::default()
    };
    blueprint::render(&src, &options)
        .unwrap_or_else(|d| panic!("{d:?}"))
        .value
}

#[test]
fn every_sample_renders_to_svg_png_and_pdf_in_every_theme() {
    for name in THEMES {
        let d = tempdir();
        bin()
            .args([
                "render",
                "--theme",
                name,
                "--format",
                "svg,png,pdf",
                "--scale",
                "1",
            ])
            .arg("--out-dir")
            .arg(d.path())
            .args(samples())
            .assert()
            .success();
        for s in samples() {
            let stem = s.file_stem().expect("stem").to_string_lossy().into_owned();
            let svg = std::fs::read_to_string(d.path().join(format!("{stem}.svg"))).expect("svg");
            let doc = check_svg(&svg);
            let width: f64 = doc
                .root_element()
                .attribute("width")
                .expect("w")
                .parse()
                .expect("n");
            let png = std::fs::read(d.path().join(format!("{stem}.png"))).expect("png");
            assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{stem} {name}");
            let png_w = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
            assert_eq!(png_w, width.ceil() as u32, "{stem} {name}: scale 1");
            let pdf = std::fs::read(d.path().join(format!("{stem}.pdf"))).expect("pdf");
            assert!(pdf.starts_with(b"%PDF-"), "{stem} {name}");
            assert!(
                pdf.windows(5).rev().take(64).any(|w| w == b"%%EOF"),
                "{stem} {name}: complete PDF"
            );
        }
    }
}

/// One rule of the SVG's stylesheet: its selector as compounds (root scope dropped), its
/// specificity, its position, and its declarations.
struct Rule {
    compounds: Vec<(Option<String>, Vec<String>)>,
    specificity: (usize, usize),
    order: usize,
    decls: HashMap<String, String>,
}

fn stylesheet(doc: &roxmltree::Document) -> Vec<Rule> {
    let css = doc
        .descendants()
        .find(|n| n.has_tag_name("style"))
        .and_then(|n| n.text())
        .expect("style");
    let mut rules = Vec::new();
    for (order, r) in css.split('}').filter(|r| !r.trim().is_empty()).enumerate() {
        let (sels, body) = r.split_once('{').expect("rule");
        let decls: HashMap<String, String> = body
            .split(';')
            .filter_map(|d| d.split_once(':'))
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .collect();
        for sel in sels.split(',') {
            // `.bp-… X Y`: the root class scopes every rule; the rest is descendant compounds.
            let compounds: Vec<(Option<String>, Vec<String>)> = sel
                .split_whitespace()
                .skip(1)
                .map(|c| {
                    let mut parts = c.split('.');
                    let tag = parts.next().filter(|t| !t.is_empty()).map(String::from);
                    (tag, parts.map(String::from).collect())
                })
                .collect();
            let classes: usize = compounds.iter().map(|c| c.1.len()).sum::<usize>() + 1;
            let tags = compounds.iter().filter(|c| c.0.is_some()).count();
            rules.push(Rule {
                compounds,
                specificity: (classes, tags),
                order,
                decls: decls.clone(),
            });
        }
    }
    rules
}

fn compound_matches(n: roxmltree::Node, (tag, classes): &(Option<String>, Vec<String>)) -> bool {
    let own: Vec<&str> = n
        .attribute("class")
        .unwrap_or("")
        .split_whitespace()
        .collect();
    tag.as_ref().is_none_or(|t| n.tag_name().name() == t)
        && classes.iter().all(|c| own.contains(&c.as_str()))
}

fn rule_matches(n: roxmltree::Node, rule: &Rule) -> bool {
    let Some((last, rest)) = rule.compounds.split_last() else {
        return false;
    };
    if !compound_matches(n, last) {
        return false;
    }
    let mut ancestors = n.ancestors().skip(1).filter(|a| a.is_element());
    rest.iter()
        .rev()
        .all(|c| ancestors.by_ref().any(|a| compound_matches(a, c)))
}

/// The cascaded value of `prop` for `n`: the most specific matching rule, the later on a tie.
fn computed(n: roxmltree::Node, rules: &[Rule], prop: &str) -> Option<String> {
    rules
        .iter()
        .filter(|r| r.decls.contains_key(prop) && rule_matches(n, r))
        .max_by_key(|r| (r.specificity, r.order))
        .map(|r| r.decls[prop].clone())
}

/// A filled shape and whether it contains a point.
enum Shape {
    Rect(f64, f64, f64, f64),
    Circle(f64, f64, f64),
    Polygon(Vec<(f64, f64)>),
}

impl Shape {
    fn of(n: roxmltree::Node) -> Option<Shape> {
        let a = |k: &str| {
            n.attribute(k)
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        match n.tag_name().name() {
            "rect" => Some(Shape::Rect(a("x"), a("y"), a("width"), a("height"))),
            "circle" => Some(Shape::Circle(a("cx"), a("cy"), a("r"))),
            "polygon" => Some(Shape::Polygon(
                n.attribute("points")?
                    .split_whitespace()
                    .filter_map(|p| {
                        let (x, y) = p.split_once(',')?;
                        Some((x.parse().ok()?, y.parse().ok()?))
                    })
                    .collect(),
            )),
            _ => None,
        }
    }

    fn contains(&self, (px, py): (f64, f64)) -> bool {
        match self {
            Shape::Rect(x, y, w, h) => px >= *x && px <= x + w && py >= *y && py <= y + h,
            Shape::Circle(cx, cy, r) => (px - cx).hypot(py - cy) <= *r,
            Shape::Polygon(pts) => {
                let mut inside = false;
                let mut j = pts.len() - 1;
                for i in 0..pts.len() {
                    let ((xi, yi), (xj, yj)) = (pts[i], pts[j]);
                    if (yi > py) != (yj > py) && px < (xj - xi) * (py - yi) / (yj - yi) + xi {
                        inside = !inside;
                    }
                    j = i;
                }
                inside
            }
        }
    }
}

/// Every text of `svg` as (fill, fill under it, size, bold, class), each line sampled a little
/// inside its start, at mid x-height.
fn drawn_text(svg: &str) -> Vec<(Color, Color, f64, bool, String)> {
    let doc = roxmltree::Document::parse(svg).expect("svg");
    let rules = stylesheet(&doc);
    let mut painted: Vec<(Shape, Color)> = Vec::new();
    let mut out = Vec::new();
    for n in doc.descendants().filter(|n| n.is_element()) {
        if n.ancestors().any(|a| a.has_tag_name("defs")) {
            continue;
        }
        let name = n.tag_name().name();
        if let Some(shape) = Shape::of(n) {
            let fill = computed(n, &rules, "fill").unwrap_or_else(|| {
                panic!("a {name} with no fill rule: {:?}", n.attribute("class"))
            });
            if fill != "none" {
                let mut c = Color::parse(&fill).expect("fill colour");
                // A translucent fill (a pain card's tint) is what it makes of what is under it.
                let alpha = computed(n, &rules, "fill-opacity")
                    .and_then(|a| a.parse::<f64>().ok())
                    .unwrap_or(1.0);
                if alpha < 1.0
                    && let Shape::Rect(x, y, w, h) = shape
                    && let Some(under) = painted
                        .iter()
                        .rev()
                        .find(|(s, _)| s.contains((x + w / 2.0, y + h / 2.0)))
                        .map(|(_, c)| *c)
                {
                    c = c.over(under, alpha);
                }
                painted.push((shape, c));
            }
        } else if name == "text" {
            let fill = computed(n, &rules, "fill").expect("text fill");
            let fg = Color::parse(&fill).expect("text colour");
            let size: f64 = n
                .attribute("font-size")
                .expect("size")
                .parse()
                .expect("number");
            let bold = n.attribute("font-weight") == Some("700");
            for t in n.children().filter(|c| c.has_tag_name("tspan")) {
                let a = |k: &str| t.attribute(k).expect("x/y").parse::<f64>().expect("number");
                let at = (a("x") + 0.3 * size, a("y") - 0.35 * size);
                let bg = painted
                    .iter()
                    .rev()
                    .find(|(s, _)| s.contains(at))
                    .map(|(_, c)| *c)
                    .expect("something under every text");
                let class = n
                    .ancestors()
                    .filter_map(|a| a.attribute("class"))
                    .collect::<Vec<_>>()
                    .join(" < ");
                out.push((fg, bg, size, bold, class));
            }
        }
    }
    out
}

/// The real check behind `Theme::pairs`: each text in each sample, in each theme, has the
/// contrast WCAG asks for (AA; AAA for `high-contrast`) against the fill it is drawn on, and
/// that colour pair is one the theme declares, so the unit tests of the theme data (and the
/// `low-contrast` check of theme files) see every pair that is really drawn. Colours are
/// compared, not names: two slots of one colour are one pair here.
#[test]
fn every_text_as_drawn_meets_wcag_and_is_a_declared_pair() {
    for name in THEMES {
        let t = theme(name);
        let aaa = *name == "high-contrast";
        let declared: BTreeSet<(String, String)> = t
            .pairs()
            .iter()
            .filter(|p| matches!(p.kind, PairKind::Text { .. }))
            .map(|p| (p.fg.to_string(), p.bg.to_string()))
            .collect();
        let mut seen = BTreeSet::new();
        for sample in samples() {
            let text = std::fs::read_to_string(&sample).expect("read");
            let svg = render_lib(&text, Some(t.clone()));
            for (fg, bg, size, bold, class) in drawn_text(&svg) {
                let key = (fg.to_string(), bg.to_string());
                assert!(
                    declared.contains(&key),
                    "{name} {}: text {fg} on {bg} ({class}) is not a pair Theme::pairs declares",
                    sample.display()
                );
                let large = size >= 24.0 || (bold && size >= 14.0 * 4.0 / 3.0);
                let need = match (aaa, large) {
                    (false, false) | (true, true) => 4.5,
                    (false, true) => 3.0,
                    (true, false) => 7.0,
                };
                let ratio = fg.contrast(bg);
                assert!(
                    ratio >= need,
                    "{name} {}: {fg} on {bg} is {ratio:.2}:1, needs {need}:1 ({class})",
                    sample.display()
                );
                seen.insert(key);
            }
        }
        // And the other way: the samples between them draw every declared pair, so the list
        // holds nothing the drawing does not do.
        let undrawn: Vec<_> = declared.difference(&seen).collect();
        assert!(
            undrawn.is_empty(),
            "{name}: declared but never drawn: {undrawn:?}"
        );
    }
}

/// Touch points never rely on colour alone: each category has its own shape and letter, in
/// every theme (in `print` the four share one colour, so these are the only cues).
#[test]
fn touch_points_differ_by_shape_and_letter_in_every_theme() {
    let yaml = "title: T\nsteps:\n".to_string()
        + &["brand", "partner", "customer", "social"]
            .iter()
            .map(|t| format!("  - id: {t}\n    touchpoint: {t}\n    customer: {t}\n"))
            .collect::<String>();
    for name in THEMES {
        let svg = render_lib(&yaml, Some(theme(name)));
        let doc = check_svg(&svg);
        let mut cues = BTreeSet::new();
        for step in with_class(&doc, "step") {
            let badge = step
                .descendants()
                .find(|n| {
                    n.attribute("class")
                        .is_some_and(|c| c.starts_with("badge "))
                })
                .expect("badge");
            // The shape, as its element and its points relative to the first.
            let shape = match badge.attribute("points") {
                Some(p) => {
                    let pts: Vec<(f64, f64)> = p
                        .split_whitespace()
                        .filter_map(|x| x.split_once(','))
                        .map(|(a, b)| (a.parse().unwrap_or(0.0), b.parse().unwrap_or(0.0)))
                        .collect();
                    let (x0, y0) = pts[0];
                    format!(
                        "{:?}",
                        pts.iter()
                            .map(|(x, y)| ((x - x0).round() as i64, (y - y0).round() as i64))
                            .collect::<Vec<_>>()
                    )
                }
                None => badge.tag_name().name().to_string(),
            };
            let letter = step
                .descendants()
                .find(|n| n.attribute("class") == Some("badge-letter"))
                .and_then(|n| n.descendants().find_map(|c| c.text()))
                .expect("letter")
                .to_string();
            cues.insert((shape.clone(), letter.clone()));
            assert!(!letter.trim().is_empty());
        }
        let shapes: BTreeSet<&String> = cues.iter().map(|c| &c.0).collect();
        let letters: BTreeSet<&String> = cues.iter().map(|c| &c.1).collect();
        assert_eq!((shapes.len(), letters.len()), (4, 4), "{name}: {cues:?}");
    }
}

/// Zones never rely on colour alone either: every lane is labelled and the zone lines are drawn
/// and labelled, in every theme.
#[test]
fn zones_are_labelled_in_every_theme() {
    let text = std::fs::read_to_string(root().join("samples/hotel.yaml")).expect("read");
    for name in THEMES {
        let svg = render_lib(&text, Some(theme(name)));
        let doc = check_svg(&svg);
        for lane in with_class(&doc, "lane") {
            assert!(
                lane.descendants().any(|n| n.has_tag_name("text")),
                "{name}: unlabelled lane"
            );
        }
        let rules = with_class(&doc, "zone-rule");
        assert_eq!(rules.len(), 3, "{name}");
        for r in rules {
            assert!(r.descendants().any(|n| n.has_tag_name("tspan")), "{name}");
        }
    }
}

fn background_of(svg: &str) -> String {
    let i = svg.find(" .background{fill:").expect("background rule") + 18;
    svg[i..i + 7].to_string()
}

const KEYED: &str = "title: T\ntheme: dark\nsteps:\n  - id: a\n    customer: Hi\n";

#[test]
fn the_theme_key_applies_and_the_command_line_wins() {
    assert_eq!(background_of(&render_lib(KEYED, None)), "#0d1117");
    assert_eq!(
        background_of(&render_lib(&KEYED.replace("theme: dark\n", ""), None)),
        "#ffffff"
    );
    assert_eq!(
        background_of(&render_lib(KEYED, Some(Theme::high_contrast()))),
        "#ffffff"
    );
    let d = tempdir();
    let input = write(d.path(), "k.yaml", KEYED);
    let out = bin()
        .args(["render", "--theme", "print", "-o", "-"])
        .arg(&input)
        .output()
        .expect("run");
    assert!(out.status.success());
    assert_eq!(
        background_of(&String::from_utf8_lossy(&out.stdout)),
        "#ffffff"
    );
    // The schema knows the key and its names.
    let schema = blueprint::schema::schema();
    let theme = &schema["properties"]["theme"]["anyOf"][0]["enum"];
    assert_eq!(theme, &serde_json::json!(THEMES));
}

#[test]
fn a_theme_file_overrides_its_base_and_gets_its_own_prefix() {
    let d = tempdir();
    let file = write(
        d.path(),
        "brand.yaml",
        "extends: dark\npalette:\n  customer_path: \"#ffa657\"\nfonts:\n  item: 15\n",
    );
    let input = write(d.path(), "k.yaml", KEYED.replace("theme: dark\n", ""));
    let run = |args: &[&str]| render_svg(&input, args);
    let custom = run(&["--theme", file.to_str().expect("path")]);
    let dark = run(&["--theme", "dark"]);
    assert_eq!(background_of(&custom), "#0d1117", "the base's colours");
    assert!(custom.contains("stroke:#ffa657"), "the file's colour");
    assert!(custom.contains("font-size=\"15\""), "the file's size");
    let class = |s: &str| s.split("class=\"").nth(1).map(|c| c[..15].to_string());
    assert_ne!(
        class(&custom),
        class(&dark),
        "a custom theme gets its own id prefix"
    );
}

#[test]
fn a_theme_file_with_errors_renders_nothing_and_warnings_pass_unless_denied() {
    let d = tempdir();
    let bad = write(d.path(), "bad.yaml", "palette:\n  text: #222222\n");
    let low = write(d.path(), "low.yaml", "palette:\n  text: \"#bbbbbb\"\n");
    let input = write(d.path(), "k.yaml", KEYED);
    let out = d.path().join("k.svg");
    bin()
        .args(["render", "--theme"])
        .arg(&bad)
        .arg(&input)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("blueprint::invalid-color"))
        .stderr(predicate::str::contains("nothing rendered"));
    assert!(!out.exists());
    bin()
        .args(["render", "--deny", "warnings", "--theme"])
        .arg(&low)
        .arg(&input)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("blueprint::low-contrast"));
    assert!(!out.exists());
    bin()
        .args(["render", "--theme"])
        .arg(&low)
        .arg(&input)
        .assert()
        .success()
        .stderr(predicate::str::contains("blueprint::low-contrast"));
    assert!(out.exists());
    // `check --theme` reports the theme file with the blueprints, in one JSON document.
    let json = bin()
        .args(["check", "--format", "json", "--theme"])
        .arg(&low)
        .arg(&input)
        .output()
        .expect("run");
    assert!(json.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(doc["files"], 2);
    assert_eq!(doc["warnings"], 1);
    assert_eq!(doc["diagnostics"][0]["code"], "blueprint::low-contrast");
}

#[test]
fn the_theme_argument_is_a_name_or_a_yaml_path() {
    let d = tempdir();
    let input = write(d.path(), "k.yaml", KEYED);
    bin()
        .args(["render", "--theme", "hight-contrast"])
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `high-contrast`?"));
    bin()
        .args(["render", "--theme", "missing.yaml"])
        .arg(&input)
        .current_dir(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.yaml: no such file"));
    // A built-in name is the built-in even beside a file of that name.
    write(d.path(), "dark", "palette: [not, a, theme]\n");
    bin()
        .args(["render", "--theme", "dark", "k.yaml", "-o", "-"])
        .current_dir(d.path())
        .assert()
        .success();
}

/// Every card border, step header box, phase band edge and rule between two lanes, with the
/// stroke the SVG's own stylesheet gives it, reaches 3:1 against the fill it sits on (the page
/// for headers and phases, its lane's band for cards and rules), at full opacity, in every
/// sample and built-in theme (WCAG 1.4.11). Flows and zone lines are held to it by
/// `Theme::pairs`.
#[test]
fn borders_and_lane_lines_reach_3_to_1_as_drawn() {
    for name in THEMES {
        for s in samples() {
            let svg = render_in_theme(&s, name);
            let doc = check_svg(&svg);
            let rules = stylesheet(&doc);
            let colour = |n: roxmltree::Node, prop: &str| {
                let v = computed(n, &rules, prop).unwrap_or_else(|| panic!("no {prop}"));
                Color::parse(&v).unwrap_or_else(|e| panic!("{v}: {e}"))
            };
            let page = colour(with_class(&doc, "background")[0], "fill");
            let band = |lane: &str| {
                let g = doc
                    .descendants()
                    .find(|n| {
                        n.attribute("data-lane") == Some(lane)
                            && n.attribute("class").is_some_and(|c| c.starts_with("lane "))
                    })
                    .expect("lane");
                colour(first_rect(g).expect("band"), "fill")
            };
            let mut checked = 0;
            let mut check = |what: &str, n: roxmltree::Node, under: Color| {
                for p in ["opacity", "stroke-opacity"] {
                    assert!(computed(n, &rules, p).is_none(), "{what}: {p}");
                }
                let r = colour(n, "stroke").contrast(under);
                assert!(r >= 3.0, "{} {name}: {what} {r:.2}:1", s.display());
                checked += 1;
            };
            for g in with_class(&doc, "step") {
                check("step header", first_rect(g).expect("header"), page);
            }
            for g in with_class(&doc, "phase") {
                check("phase band", first_rect(g).expect("band"), page);
            }
            for g in with_class(&doc, "item") {
                let lane = g.attribute("data-lane").expect("lane");
                check("card", first_rect(g).expect("card"), band(lane));
            }
            for l in with_class(&doc, "lane-rule") {
                // The rule lies on the top edge of the lower lane's band, over its tint.
                let y = l.attribute("y1").expect("y");
                let lower = doc
                    .descendants()
                    .filter(|n| n.attribute("class").is_some_and(|c| c.starts_with("lane ")))
                    .find(|g| first_rect(*g).and_then(|r| r.attribute("y")) == Some(y))
                    .expect("lane below the rule");
                let under = colour(first_rect(lower).expect("band"), "fill");
                check("lane rule", l, under);
            }
            assert!(checked > 0);
        }
    }
}
