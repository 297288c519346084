//! Golden files, all compared through the one comparer in `support/golden.rs`:
//! - each `samples/NAME.yaml` rendered (light theme) must equal `samples/NAME.svg`;
//! - the cuts in [`CUT_GOLDENS`] must equal `tests/golden/cuts/NAME.svg`;
//! - each `tests/golden/v1/NAME.yaml` (a sample as it was in format 1) must equal `NAME.svg`;
//! - each `tests/golden/errors/NAME.yaml` (a blueprint) and `tests/golden/themes/NAME.yaml` (a
//!   theme file, checked with `--theme`) lists its expected diagnostics at the top
//!   (`# expect: error 7:12 unknown-key`): the run must report exactly those, in that order; and
//!   its rendered human report must equal `NAME.txt`.
//!
//! `BLESS=1 cargo test --test render` rewrites them all; a mismatch writes `NAME.got.EXT`
//! (gitignored) and fails, and so does an expected file with no input.

use crate::support::golden::{assert_none, compare};
use crate::support::*;
use std::path::{Path, PathBuf};

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("golden dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().ends_with(ext) && !p.to_string_lossy().contains(".got."))
        .collect();
    v.sort();
    v
}

#[test]
fn sample_goldens_are_current() {
    let stale: Vec<String> = samples()
        .iter()
        .filter_map(|sample| {
            let svg = render_in_theme(sample, "light");
            compare(&sample.with_extension("svg"), &svg)
        })
        .chain(
            files(&root().join("samples"), ".svg")
                .into_iter()
                .filter(|svg| !svg.with_extension("yaml").exists())
                .map(|svg| format!("{} has no input", svg.display())),
        )
        .collect();
    assert_none(&stale);
}

/// Format 1.1 only adds (format-1.1.md, compatibility rule 1): the samples as they were in
/// version 1, kept in `tests/golden/v1/` after the samples moved to 1.1, must still render to
/// their version 1 bytes. Only a deliberate change to what every blueprint looks like (routing,
/// spacing) may rebless them, never a 1.1 feature.
#[test]
fn version_1_goldens_are_current() {
    let dir = root().join("tests/golden/v1");
    let inputs = files(&dir, ".yaml");
    assert!(inputs.len() >= 5, "the version 1 samples are kept");
    let mut stale = Vec::new();
    for input in &inputs {
        let text = std::fs::read_to_string(input).expect("read v1 sample");
        assert!(
            text.lines().any(|l| l == "version: 1"),
            "{} says `version: 1`",
            input.display()
        );
        stale.extend(compare(
            &input.with_extension("svg"),
            &render_in_theme(input, "light"),
        ));
    }
    for svg in files(&dir, ".svg") {
        if !svg.with_extension("yaml").exists() {
            stale.push(format!("{} has no input", svg.display()));
        }
    }
    assert_none(&stale);
}

/// Cuts kept as golden files (docs/cuts.md): a phase (no stubs), a phase with stubs to a
/// stand-in column, a phase and lanes with stubs to a stand-in lane band, and (format 1.1)
/// variant cuts of tests/golden/cuts/saas-onboarding.yaml (a sample name ending in `.yaml` is
/// a path from the repository's root), alone and with a phase.
const CUT_GOLDENS: &[(&str, &str, &[&str])] = &[
    ("hotel-stay", "hotel", &["--phase", "stay"]),
    (
        "online-order-purchase",
        "online-order",
        &["--phase", "purchase"],
    ),
    (
        "hotel-arrival-customer-onstage",
        "hotel",
        &["--phase", "arrival", "--lanes", "customer,onstage"],
    ),
    (
        "saas-onboarding-variant-en",
        "tests/golden/cuts/saas-onboarding.yaml",
        &["--variant", "en"],
    ),
    (
        "saas-onboarding-variant-ss-setup",
        "tests/golden/cuts/saas-onboarding.yaml",
        &["--variant", "ss", "--phase", "setup"],
    ),
];

#[test]
fn cut_goldens_are_current() {
    let dir = root().join("tests/golden/cuts");
    let mut stale = Vec::new();
    for (name, sample_name, args) in CUT_GOLDENS {
        let input = if sample_name.ends_with(".yaml") {
            root().join(sample_name)
        } else {
            sample(sample_name)
        };
        let svg = render_svg(&input, args);
        check_svg(&svg);
        stale.extend(compare(&dir.join(format!("{name}.svg")), &svg));
    }
    // And no golden cut without its entry above.
    for svg in files(&dir, ".svg") {
        let stem = svg.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if !CUT_GOLDENS.iter().any(|(name, _, _)| *name == stem) {
            stale.push(format!("{} is no cut in CUT_GOLDENS", svg.display()));
        }
    }
    assert_none(&stale);
}

/// The `# expect:` lines of a fixture as (severity, line, column, code).
fn expectations(text: &str) -> Vec<Found> {
    text.lines()
        .filter_map(|l| l.trim_start_matches('\u{feff}').strip_prefix("# expect: "))
        .map(|l| {
            let parts: Vec<&str> = l.split_whitespace().collect();
            assert_eq!(parts.len(), 3, "bad expect line: {l}");
            let (line, col) = parts[1].split_once(':').expect("LINE:COL");
            (
                parts[0].to_string(),
                line.parse().expect("line"),
                col.parse().expect("column"),
                parts[2].to_string(),
            )
        })
        .collect()
}

/// Runs every fixture of `dir` through `check` (`theme`: as `--theme FILE`, a theme file) and
/// compares its diagnostics with its `# expect:` lines and its human report with `NAME.txt`.
fn run_fixtures(dir: &Path, theme: bool, at_least: usize) {
    let mut failures = Vec::new();
    let inputs = files(dir, ".yaml");
    assert!(inputs.len() >= at_least, "fixtures present");
    for input in &inputs {
        let text = std::fs::read_to_string(input).expect("read fixture");
        let want = expectations(&text);
        let (code, found, _) = if theme {
            check_json_with(&["--theme"], input)
        } else {
            check_json(input)
        };
        let want_code = if want.iter().any(|w| w.0 == "error") {
            1
        } else {
            0
        };
        if found != want || code != want_code {
            failures.push(format!(
                "{}: exit {code} (want {want_code})\n  want {want:?}\n  got  {found:?}",
                input.display()
            ));
        }
        // The human report, from the repository root so paths are relative and stable.
        let rel = input.strip_prefix(root()).expect("under root");
        let mut cmd = bin();
        cmd.current_dir(root()).env("NO_COLOR", "1").arg("check");
        if theme {
            cmd.arg("--theme");
        }
        let out = cmd.arg(rel).output().expect("run");
        let report = String::from_utf8(out.stderr).expect("utf8 report");
        failures.extend(compare(&input.with_extension("txt"), &report));
    }
    for txt in files(dir, ".txt") {
        if !txt.with_extension("yaml").exists() {
            failures.push(format!("{} has no input", txt.display()));
        }
    }
    assert_none(&failures);
}

#[test]
fn error_fixtures_report_exactly_what_they_expect() {
    run_fixtures(&root().join("tests/golden/errors"), false, 40);
}

/// `tests/golden/themes/*.yaml` are theme files (`check --theme FILE`), with the same
/// `# expect:` lines and `.txt` reports.
#[test]
fn theme_file_fixtures_report_exactly_what_they_expect() {
    run_fixtures(&root().join("tests/golden/themes"), true, 8);
}

#[test]
fn every_code_is_documented_and_every_documented_code_exists() {
    let doc = std::fs::read_to_string(root().join("docs/diagnostics.md")).expect("docs");
    for code in blueprint::diag::CODES {
        assert!(
            doc.contains(&format!("### `blueprint::{code}`")),
            "docs/diagnostics.md has no section for {code}"
        );
    }
    for line in doc.lines() {
        if let Some(rest) = line.strip_prefix("### `blueprint::") {
            let code = rest.trim_end_matches('`');
            assert!(
                blueprint::diag::CODES.contains(&code),
                "documented code {code} does not exist"
            );
        }
    }
}

/// The comparer fails on a stale or missing golden, naming the file, where the new output went
/// and the command that rewrites it; on a match it passes and tidies the `.got` file away.
#[test]
fn the_golden_comparer_bites() {
    use crate::support::golden::{BLESS_COMMAND, bless, got_path};
    let d = tempdir();
    let golden = write(d.path(), "x.svg", "<svg>old</svg>\n");
    let got = got_path(&golden);
    assert_eq!(got, d.path().join("x.got.svg"));
    let message = compare(&golden, "<svg>new</svg>\n");
    if bless() {
        // Under BLESS=1 the golden is rewritten instead.
        assert_eq!(message, None);
        assert_eq!(
            std::fs::read_to_string(&golden).unwrap(),
            "<svg>new</svg>\n"
        );
        return;
    }
    let message = message.expect("a stale golden fails");
    for part in [
        &golden.display().to_string(),
        &got.display().to_string(),
        BLESS_COMMAND,
    ] {
        assert!(message.contains(part), "{message:?} names {part}");
    }
    assert_eq!(std::fs::read_to_string(&got).unwrap(), "<svg>new</svg>\n");
    let missing = compare(&d.path().join("y.svg"), "<svg/>").expect("a missing golden fails");
    assert!(missing.contains("is missing"), "{missing}");
    assert_eq!(compare(&golden, "<svg>old</svg>\n"), None);
    assert!(!got.exists(), "the .got file goes once the golden matches");
    assert_eq!(
        std::fs::read_to_string(&golden).unwrap(),
        "<svg>old</svg>\n"
    );
}
