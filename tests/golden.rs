//! Golden files. Each `tests/golden/errors/NAME.yaml` (a blueprint) and
//! `tests/golden/themes/NAME.yaml` (a theme file, checked with `--theme`) lists its expected
//! diagnostics at the top (`# expect: error 7:12 unknown-key`): the run must report exactly
//! those, in that order; and its rendered human report must equal `NAME.txt`.
//! `BLESS=1 cargo test --test golden` rewrites the `.txt` files; a mismatch writes
//! `NAME.got.txt` (gitignored) and fails, and so does an expected file with no input.

mod common;

use common::*;
use std::path::{Path, PathBuf};

fn bless() -> bool {
    std::env::var_os("BLESS").is_some_and(|v| v == "1")
}

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("golden dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().ends_with(ext) && !p.to_string_lossy().contains(".got."))
        .collect();
    v.sort();
    v
}

/// Compares `got` with the file `expected`, or rewrites it under BLESS=1. Returns a failure
/// message.
fn compare(expected: &Path, got: &str) -> Option<String> {
    let got_path = expected.with_extension(format!(
        "got.{}",
        expected
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("txt")
    ));
    if bless() {
        std::fs::write(expected, got).expect("bless");
        let _ = std::fs::remove_file(&got_path);
        return None;
    }
    match std::fs::read_to_string(expected) {
        Ok(want) if want == got => {
            let _ = std::fs::remove_file(&got_path);
            None
        }
        Ok(_) => {
            std::fs::write(&got_path, got).expect("write got");
            Some(format!(
                "{} differs; see {}",
                expected.display(),
                got_path.display()
            ))
        }
        Err(_) => {
            std::fs::write(&got_path, got).expect("write got");
            Some(format!(
                "{} is missing (run BLESS=1 cargo test --test golden); got {}",
                expected.display(),
                got_path.display()
            ))
        }
    }
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
        if let Some(f) = compare(&input.with_extension("txt"), &report) {
            failures.push(f);
        }
    }
    for txt in files(dir, ".txt") {
        if !txt.with_extension("yaml").exists() {
            failures.push(format!("{} has no input", txt.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
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
