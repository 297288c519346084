//! The `page` suite: the SVG inlined in HTML pages, in headless Chromium (driven by
//! playwright-core from npm, tests/clients/page.js). A page's own CSS (six frameworks from npm)
//! must change nothing in the figure: every element's computed style and box (relative to the
//! figure) and every pixel of the figure's box equal those on a plain page. The same file twice
//! with the first copy hidden keeps its arrowheads; renders of one file with different options,
//! side by side, each draw as they do alone.

use crate::need;
use crate::support;
use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const SUITE: &str = "page";

/// The frameworks: name, npm package, stylesheet within it.
const FRAMEWORKS: [(&str, &str, &str); 6] = [
    ("bootstrap", "bootstrap", "dist/css/bootstrap.min.css"),
    ("bulma", "bulma", "css/bulma.min.css"),
    ("tailwind-preflight", "tailwindcss", "preflight.css"),
    ("pico", "@picocss/pico", "css/pico.min.css"),
    ("water", "water.css", "out/water.min.css"),
    ("simple", "simpledotcss", "simple.min.css"),
];

/// Samples with every kind of mark between them: touch-point badges, links, notes, fail and
/// wait points, flows with both ends marked.
const SAMPLES: [&str; 3] = ["hotel", "airline", "clinic"];

/// Chromium and the npm packages, or `None` after a visible skip.
fn programs() -> Option<PathBuf> {
    let chromium = need::program(
        SUITE,
        &["chromium", "chromium-browser"],
        "apt-get install chromium",
    )?;
    need::npm_package(SUITE, "playwright-core")?;
    for (_, package, _) in FRAMEWORKS {
        need::npm_package(SUITE, package)?;
    }
    Some(chromium)
}

/// An HTML page around `body`, with `css` stylesheets linked, in the way a documentation page
/// puts a figure: a heading, a paragraph, the figure inside the framework's usual containers.
fn page(dir: &Path, name: &str, css: &[PathBuf], body: &str) -> PathBuf {
    let mut html = String::from("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">");
    for c in css {
        let _ = write!(
            html,
            "<link rel=\"stylesheet\" href=\"file://{}\">",
            c.display()
        );
    }
    let _ = write!(
        html,
        "</head><body><main class=\"container content\"><h1 class=\"title\">A service</h1>\
         <p class=\"subtitle\">How it runs.</p>{body}</main></body></html>"
    );
    support::write(dir, name, html)
}

/// The SVG of `sample` rendered with `args`, the XML declaration (if any) left out for inlining.
fn svg(sample: &str, args: &[&str]) -> String {
    support::render_svg(&support::sample(sample), args)
}

/// `svg` in a box of its own, placed absolutely at a whole pixel, the `i`th down the page: a
/// figure's pixels depend on where it sits to a fraction of a pixel.
fn placed(i: usize, svg: &str) -> String {
    placed_as(&format!("r{i}"), i, svg)
}

/// [`placed`], with `id` at slot `slot`.
fn placed_as(id: &str, slot: usize, svg: &str) -> String {
    format!(
        "<div id=\"{id}\" style=\"position:absolute;left:16px;top:{}px\">{svg}</div>",
        320 + 1200 * slot
    )
}

struct Comparison {
    name: String,
    page: PathBuf,
    figure: String,
    reference: PathBuf,
    reference_figure: String,
}

/// Runs page.js on `comparisons`; one JSON report per comparison.
fn run(chromium: &Path, dir: &Path, comparisons: &[Comparison]) -> Vec<Value> {
    let profile = dir.join("profile");
    let list: Vec<Value> = comparisons
        .iter()
        .map(|c| {
            serde_json::json!({
                "name": c.name, "page": c.page, "figure": c.figure,
                "reference": c.reference, "reference_figure": c.reference_figure,
            })
        })
        .collect();
    let config = serde_json::json!({
        "chromium": chromium, "profile": profile, "comparisons": list,
    });
    need::node_reports("page.js", dir, &config)
}

/// Fails listing every comparison with a difference, after printing every report.
fn assert_same(reports: &[Value]) {
    let mut failed = Vec::new();
    for r in reports {
        eprintln!("page: {r}");
        if r["differences"] != 0 || r["pixels"]["off"] != 0 {
            failed.push(r.to_string());
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn a_pages_css_changes_nothing_in_the_figure() {
    let Some(chromium) = programs() else { return };
    let dir = support::tempdir();
    let node_modules = need::node_modules();
    let mut comparisons = Vec::new();
    for sample in SAMPLES {
        // Pinned to one place in the viewport, below the heading, whatever the framework's containers and
        // headings: Chromium's pixels of one drawing differ with where on the page it sits.
        let figure = format!(
            "<figure style=\"position:fixed;left:16px;top:240px;margin:0;padding:0\">{}</figure>",
            svg(sample, &[])
        );
        let plain = page(dir.path(), &format!("{sample}-plain.html"), &[], &figure);
        for (name, package, css) in FRAMEWORKS {
            let css = node_modules.join(package).join(css);
            let styled = page(
                dir.path(),
                &format!("{sample}-{name}.html"),
                &[css],
                &figure,
            );
            comparisons.push(Comparison {
                name: format!("{sample} in {name}"),
                page: styled,
                figure: "figure > svg".into(),
                reference: plain.clone(),
                reference_figure: "figure > svg".into(),
            });
        }
    }
    assert_same(&run(&chromium, dir.path(), &comparisons));
}

#[test]
fn a_hidden_copy_and_other_renders_change_nothing_in_a_figure() {
    let Some(chromium) = programs() else { return };
    let dir = support::tempdir();
    let mut comparisons = Vec::new();
    // The same file twice, the first copy hidden (a tab, a collapsed panel).
    let one = svg("airline", &[]);
    let alone = page(
        dir.path(),
        "alone.html",
        &[],
        &format!("<div id=\"shown\">{one}</div>"),
    );
    let twice = page(
        dir.path(),
        "twice.html",
        &[],
        &format!("<div style=\"display:none\">{one}</div><div id=\"shown\">{one}</div>"),
    );
    comparisons.push(Comparison {
        name: "airline, its hidden copy before it".into(),
        page: twice,
        figure: "#shown > svg".into(),
        reference: alone.clone(),
        reference_figure: "#shown > svg".into(),
    });
    // One file rendered with different options, side by side: each as it is alone.
    let options: [&[&str]; 5] = [
        &[],
        &["--no-embed-font"],
        &["--text-as-paths"],
        &["--theme", "dark"],
        &["--theme", "dark", "--no-embed-font"],
    ];
    let renders: Vec<String> = options.iter().map(|o| svg("hotel", o)).collect();
    let all: String = renders
        .iter()
        .enumerate()
        .map(|(i, s)| placed(i, s))
        .collect();
    let together = page(dir.path(), "together.html", &[], &all);
    for (i, (s, o)) in renders.iter().zip(options).enumerate() {
        let own = page(dir.path(), &format!("render-{i}.html"), &[], &placed(i, s));
        comparisons.push(Comparison {
            name: format!("hotel {o:?} beside the others"),
            page: together.clone(),
            figure: format!("#r{i} > svg"),
            reference: own.clone(),
            reference_figure: format!("#r{i} > svg"),
        });
        // First: a later stylesheet wins a tie.
        let mut first = placed(i, s);
        for (j, other) in renders.iter().enumerate() {
            first.push_str(&placed_as(&format!("o{j}"), renders.len() + j, other));
        }
        comparisons.push(Comparison {
            name: format!("hotel {o:?} before the others"),
            page: page(dir.path(), &format!("first-{i}.html"), &[], &first),
            figure: format!("#r{i} > svg"),
            reference: own,
            reference_figure: format!("#r{i} > svg"),
        });
    }
    assert_same(&run(&chromium, dir.path(), &comparisons));
}
