//! The `fit` suite: no text overflows its box in Chromium (issue 17's "no text overflows in
//! Chromium"). Layout measures every text with rustybuzz over the bundled Inter; a browser
//! shapes it again with the font it really uses, the embedded subset or, with
//! `--no-embed-font`, an installed Inter (`.ci/clients` installs `fonts-inter`). Every sample,
//! whole in the four themes and cut by each phase, in both text modes that a browser shapes
//! (`--text-as-paths` draws outlines, which nothing reshapes), is loaded as a standalone SVG in
//! headless Chromium (driven by playwright-core from npm, tests/clients/fit.js), and every text
//! whose group starts with a `<rect>` must lie within that rect, line by line, to 0.5 px.

use crate::need;
use crate::support;
use std::path::Path;

const SUITE: &str = "fit";

/// The phases of a sample, from its YAML (`phases:` then `- id: X` or `- {id: X, …}` items).
fn phases(yaml: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut inside = false;
    for line in yaml.lines() {
        if !line.starts_with(' ') && !line.is_empty() {
            inside = line.starts_with("phases:");
            continue;
        }
        if inside {
            if let Some(rest) = line.trim_start().strip_prefix("- ") {
                let rest = rest.trim_start_matches('{').trim();
                if let Some(id) = rest.strip_prefix("id:") {
                    let id = id.split([',', '}']).next().unwrap_or("").trim();
                    ids.push(id.trim_matches('"').to_string());
                }
            }
        }
    }
    ids
}

#[test]
fn no_text_overflows_its_box_in_chromium() {
    let Some(chromium) = need::program(
        SUITE,
        &["chromium", "chromium-browser"],
        "apt-get install chromium",
    ) else {
        return;
    };
    if need::npm_package(SUITE, "playwright-core").is_none() {
        return;
    }
    let dir = support::tempdir();
    let mut figures = Vec::new();
    let mut add = |name: String, input: &Path, args: &[&str]| {
        let svg = support::render_svg(input, args);
        let file = support::write(dir.path(), &format!("{}.svg", figures.len()), svg);
        figures.push(serde_json::json!({ "name": name, "file": file }));
    };
    for input in support::samples() {
        let sample = input.file_stem().unwrap().to_string_lossy().to_string();
        for mode in [&[][..], &["--no-embed-font"][..]] {
            for theme in ["light", "dark", "print", "high-contrast"] {
                let mut args = vec!["--theme", theme];
                args.extend_from_slice(mode);
                add(format!("{sample} {args:?}"), &input, &args);
            }
            let yaml = std::fs::read_to_string(&input).expect("sample");
            for phase in phases(&yaml) {
                let mut args = vec!["--phase", phase.as_str()];
                args.extend_from_slice(mode);
                add(format!("{sample} {args:?}"), &input, &args);
            }
        }
    }
    assert!(figures.len() >= 100, "{} figures", figures.len());
    let config = serde_json::json!({
        "chromium": chromium, "profile": dir.path().join("profile"), "figures": figures,
    });
    let reports = need::node_reports("fit.js", dir.path(), &config);
    assert_eq!(reports.len(), figures.len(), "one report per figure");
    let mut failed = Vec::new();
    let mut texts = 0;
    for r in &reports {
        texts += r["texts"].as_u64().unwrap_or(0);
        let over = r["overflows"].as_array().map_or(0, Vec::len);
        if over > 0 || r["texts"] == 0 {
            failed.push(format!("{}: {}", r["name"], r["overflows"]));
        }
    }
    eprintln!(
        "fit: {} figures, {texts} texts in boxes, {} with a text past its box",
        reports.len(),
        failed.len()
    );
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
