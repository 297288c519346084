//! Helpers shared by the three integration-test binaries (`cli`, `render`, `properties`, each
//! pulling this in with `#[path = "../support/mod.rs"] mod support;`): run the built binary,
//! write temp inputs, read JSON diagnostics back, check the SVG contract, and (in [`golden`]) the
//! one golden-file comparer. Not every binary uses every helper, hence `dead_code`.
#![allow(dead_code)]

pub mod golden;
pub mod serve;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The built-in theme names. The one deep library path the helpers name, so that a change in
/// the library's module visibility is mended here.
#[allow(unused_imports)]
pub use blueprint::validate::keys::THEMES;

/// Renders `input` with `args` to standard output and returns the bytes; panics (with the
/// diagnostics) unless it succeeds.
pub fn render_stdout(input: &Path, args: &[&str]) -> Vec<u8> {
    let out = bin()
        .arg("render")
        .arg(input)
        .args(["-o", "-"])
        .args(args)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// [`render_stdout`] for an SVG.
pub fn render_svg(input: &Path, args: &[&str]) -> String {
    String::from_utf8(render_stdout(input, args)).expect("UTF-8 SVG")
}

/// Renders `input` in the built-in `theme` to an SVG on standard output (`render --theme THEME
/// -o - INPUT`); panics (with the diagnostics) unless it succeeds.
pub fn render_in_theme(input: &Path, theme: &str) -> String {
    let out = bin()
        .args(["render", "--theme", theme, "-o", "-"])
        .arg(input)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}: {}",
        input.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 SVG")
}

/// The `blueprint` binary, ready to run.
pub fn bin() -> Command {
    let mut c = Command::cargo_bin("blueprint").expect("binary built");
    // Colour as on a pipe whatever the environment running the tests says (issue 18's
    // `FORCE_COLOR` and `CLICOLOR_FORCE` would colour every report).
    for var in ["NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE"] {
        c.env_remove(var);
    }
    c.timeout(std::time::Duration::from_secs(60));
    c
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `samples/*.yaml`, sorted.
pub fn samples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("samples"))
        .expect("samples dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    v.sort();
    v
}

/// `samples/NAME.yaml`.
pub fn sample(name: &str) -> PathBuf {
    root().join("samples").join(format!("{name}.yaml"))
}

/// A fresh temporary directory.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

/// Writes `bytes` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

/// One diagnostic as (severity, line, column, code without prefix).
pub type Found = (String, u64, u64, String);

/// Runs `check --format json` on `path`: exit code and diagnostics.
pub fn check_json(path: &Path) -> (i32, Vec<Found>, serde_json::Value) {
    check_json_with(&[], path)
}

/// Runs `check --format json ARGS... PATH` (`ARGS` = `["--theme"]` checks a theme file): exit
/// code and diagnostics.
pub fn check_json_with(args: &[&str], path: &Path) -> (i32, Vec<Found>, serde_json::Value) {
    let out = bin()
        .args(["check", "--format", "json"])
        .args(args)
        .arg(path)
        .output()
        .expect("run");
    let code = out.status.code().expect("exit code, not a signal");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "JSON output: {e}\nstdout: {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let found = doc["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .map(|d| {
            (
                d["severity"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
                d["code"]
                    .as_str()
                    .unwrap_or("")
                    .trim_start_matches("blueprint::")
                    .to_string(),
            )
        })
        .collect();
    (code, found, doc)
}

/// The codes in a diagnostics list.
pub fn codes(found: &[Found]) -> Vec<&str> {
    found.iter().map(|f| f.3.as_str()).collect()
}

/// Parses `svg` as XML (panics with the error if it is not well-formed) and checks the parts of
/// the SVG contract that hold for every document.
pub fn check_svg(svg: &str) -> roxmltree::Document<'_> {
    let doc =
        roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not well-formed XML: {e}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    for attr in ["viewBox", "width", "height", "aria-labelledby"] {
        assert!(root.attribute(attr).is_some(), "root lacks {attr}");
    }
    assert_eq!(root.attribute("role"), Some("img"));
    for n in doc.descendants() {
        let name = n.tag_name().name();
        assert!(
            !matches!(
                name,
                "script" | "foreignObject" | "iframe" | "image" | "use"
            ),
            "forbidden element {name}"
        );
        for a in n.attributes() {
            assert!(
                !a.name().to_ascii_lowercase().starts_with("on"),
                "event attribute {}",
                a.name()
            );
            let v = a.value();
            if matches!(
                a.name(),
                "x" | "y"
                    | "width"
                    | "height"
                    | "d"
                    | "viewBox"
                    | "cx"
                    | "cy"
                    | "r"
                    | "x1"
                    | "x2"
                    | "y1"
                    | "y2"
                    | "points"
                    | "transform"
            ) {
                assert!(
                    !v.contains("NaN") && !v.contains("inf") && !v.contains('e'),
                    "bad number in {}={v}",
                    a.name()
                );
                assert!(
                    !v.contains("-0 ") && !v.ends_with("-0"),
                    "negative zero in {}={v}",
                    a.name()
                );
            }
            if a.name() == "href" {
                let l = v.trim().to_ascii_lowercase();
                assert!(
                    l.starts_with("http:")
                        || l.starts_with("https:")
                        || l.starts_with("mailto:")
                        || l.starts_with('#')
                        // A relative path with no scheme: a format 1.1 `map` link.
                        || (!l.contains(':') && !l.starts_with('/') && !l.contains('\\')),
                    "unsafe href {v}"
                );
            }
        }
        if name == "text" {
            for c in n.children() {
                assert!(
                    !(c.is_text() && c.text().is_some_and(|t| t.trim().is_empty())),
                    "whitespace between <text> and its <tspan>s"
                );
            }
        }
    }
    doc
}

/// An axis-aligned box read back from an SVG `<rect>`.
#[derive(Clone, Copy, Debug)]
pub struct Bx {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Bx {
    pub fn of(rect: roxmltree::Node) -> Bx {
        let n = |a: &str| {
            rect.attribute(a)
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        Bx {
            x: n("x"),
            y: n("y"),
            w: n("width"),
            h: n("height"),
        }
    }
    pub fn overlaps(&self, o: &Bx) -> bool {
        self.x < o.x + o.w - 0.01
            && o.x < self.x + self.w - 0.01
            && self.y < o.y + o.h - 0.01
            && o.y < self.y + self.h - 0.01
    }
}

/// The first `<rect>` under a node.
pub fn first_rect<'a>(n: roxmltree::Node<'a, 'a>) -> Option<roxmltree::Node<'a, 'a>> {
    n.descendants().find(|d| d.tag_name().name() == "rect")
}

/// The words under a node: its text nodes, trimmed, the empty ones left out, joined by spaces.
pub fn words(n: roxmltree::Node<'_, '_>) -> String {
    n.descendants()
        .filter_map(|t| t.is_text().then(|| t.text()).flatten())
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The [`words`] of each element whose class list contains `class`.
pub fn texts_with_class(doc: &roxmltree::Document<'_>, class: &str) -> Vec<String> {
    with_class(doc, class).into_iter().map(words).collect()
}

/// Elements whose class list contains `class`.
pub fn with_class<'a>(
    doc: &'a roxmltree::Document<'a>,
    class: &str,
) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| {
            n.attribute("class")
                .is_some_and(|c| c.split_whitespace().any(|x| x == class))
        })
        .collect()
}
