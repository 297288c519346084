//! The command line where scripts and CI put it (issue 18, "CI and the shell"): a cut's default
//! output name, standard output kept for the figure, `--out-dir` made when missing, summaries
//! that agree with the exit code, the JSON and GitHub reports, colour, and where diagnostics
//! point. Each test fails on the code before the fix it names.

use crate::VALID;
use crate::support::*;
use predicates::prelude::*;

/// The file names in `dir`, sorted.
fn names(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// A cut written beside its input is named after the cut, as `--split-phases` names its
/// figures: `render --phase stay hotel.yaml` once replaced `hotel.svg` with the cut.
#[test]
fn a_cut_never_takes_the_whole_figures_name() {
    let d = tempdir();
    let input = write(
        d.path(),
        "hotel.yaml",
        std::fs::read(sample("hotel")).expect("read"),
    );
    let whole = write(d.path(), "hotel.svg", "the whole figure");
    for (args, name) in [
        (&["--phase", "stay"][..], "hotel-stay.svg"),
        (&["--phase", "Stay"], "hotel-stay.svg"),
        (
            &["--phase", "arrival,departure"],
            "hotel-arrival-departure.svg",
        ),
        (&["--steps", "3..9"], "hotel-steps-3-9.svg"),
        (&["--steps", "5..,..2"], "hotel-steps-5-last_first-2.svg"),
        (
            &["--steps", "check-in..luggage,7"],
            "hotel-steps-check-in-luggage_7.svg",
        ),
        (
            &["--lanes", "customer,onstage"],
            "hotel-lanes-customer-onstage.svg",
        ),
        (
            &["--phase", "stay", "--steps", "5..6", "--lanes", "customer"],
            "hotel-stay-steps-5-6-lanes-customer.svg",
        ),
    ] {
        bin()
            .arg("render")
            .args(args)
            .arg(&input)
            .assert()
            .success();
        let out = d.path().join(name);
        check_svg(
            &std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("{args:?}: {name}: {e}")),
        );
        std::fs::remove_file(&out).expect("rm");
        assert_eq!(
            std::fs::read(&whole).expect("whole"),
            b"the whole figure",
            "{args:?}"
        );
    }
    // In --out-dir, and in each format, the same names.
    let out = d.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    bin()
        .args([
            "render",
            "--phase",
            "stay",
            "--format",
            "svg,png",
            "--out-dir",
        ])
        .arg(&out)
        .arg(&input)
        .assert()
        .success();
    assert_eq!(names(&out), ["hotel-stay.png", "hotel-stay.svg"]);
    // -o still names the one output.
    let o = d.path().join("slide.svg");
    bin()
        .args(["render", "--phase", "stay", "-o"])
        .arg(&o)
        .arg(&input)
        .assert()
        .success();
    assert!(o.exists());
}

/// A valid blueprint with one warning (`empty-step`).
const WARNS: &str = "title: T\nsteps:\n  - id: a\n    customer: x\n  - id: b\n";

/// With the figure on standard output, the diagnostics go to standard error in every format:
/// GitHub annotations once followed `</svg>` on standard output.
#[test]
fn diagnostics_never_share_standard_output_with_the_figure() {
    let d = tempdir();
    let input = write(d.path(), "w.yaml", WARNS);
    for format in ["github", "json", "human"] {
        let out = bin()
            .args(["render", "-o", "-", "--message-format", format])
            .arg(&input)
            .output()
            .expect("run");
        assert!(out.status.success(), "{format}: {out:?}");
        let svg = std::str::from_utf8(&out.stdout).expect("utf8");
        check_svg(svg);
        assert!(svg.ends_with("</svg>\n"), "{format}: {svg}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("empty-step"), "{format}: {err}");
        match format {
            "github" => assert!(err.contains("::warning file="), "{err}"),
            "json" => {
                let doc: serde_json::Value = serde_json::from_str(&err).expect("JSON on stderr");
                assert_eq!(doc["diagnostics"][0]["code"], "blueprint::empty-step");
            }
            _ => {}
        }
    }
    // Standard input to standard output (no -o), the same.
    let out = bin()
        .args(["render", "-", "--message-format", "github"])
        .write_stdin(WARNS)
        .output()
        .expect("run");
    check_svg(std::str::from_utf8(&out.stdout).expect("utf8"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("::warning file=<stdin>"));
    // Written to a file, the annotations stay on standard output, where CI reads them.
    bin()
        .args(["render", "--message-format", "github", "-o"])
        .arg(d.path().join("w.svg"))
        .arg(&input)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("::warning file="));
}

/// `--out-dir` is made, with its parents, when missing (README's `--out-dir build/` on a fresh
/// checkout); a file in its place is an error that says so.
#[test]
fn out_dir_is_made_when_missing() {
    let d = tempdir();
    write(d.path(), "a.yaml", VALID);
    write(d.path(), "b.yaml", VALID);
    bin()
        .current_dir(d.path())
        .args(["render", "a.yaml", "b.yaml", "--out-dir", "build/slides/"])
        .assert()
        .success();
    assert_eq!(names(&d.path().join("build/slides")), ["a.svg", "b.svg"]);
    // Again, into the directory now there.
    bin()
        .current_dir(d.path())
        .args(["render", "a.yaml", "--out-dir", "build/slides"])
        .assert()
        .success();
    write(d.path(), "taken", "a file");
    bin()
        .current_dir(d.path())
        .args(["render", "a.yaml", "--out-dir", "taken"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "taken: exists and is not a directory",
        ));
    assert_eq!(
        std::fs::read(d.path().join("taken")).expect("file"),
        b"a file"
    );
}

/// Under `--deny warnings` a run that fails on warnings says so: `check` once summed it up as
/// `ok: …` and exited 1, and `render` said nothing after the warnings.
#[test]
fn the_summary_agrees_with_the_exit_code_under_deny_warnings() {
    let d = tempdir();
    let input = write(d.path(), "w.yaml", WARNS);
    bin()
        .env("NO_COLOR", "1")
        .args(["check", "--deny", "warnings"])
        .arg(&input)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "failed (warnings are denied): 1 file(s) checked, 0 error(s), 1 warning(s)",
        ))
        .stderr(predicate::str::contains("ok:").not());
    // Without --deny, the same file is ok.
    bin()
        .env("NO_COLOR", "1")
        .arg("check")
        .arg(&input)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("ok: 1 file(s) checked"));
    bin()
        .env("NO_COLOR", "1")
        .args(["render", "--deny", "warnings"])
        .arg(&input)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "nothing written: warnings are denied (--deny warnings)",
        ));
    assert!(!d.path().join("w.svg").exists());
}

/// The JSON reports: `files` counts as the human summary does, an unreadable file is listed
/// under `unreadable` (by `render` too) and annotated in the GitHub format, and every key of
/// either document is documented in docs/diagnostics.md.
#[test]
fn json_and_github_reports_agree_and_are_documented() {
    let d = tempdir();
    let good = write(d.path(), "good.yaml", VALID);
    let missing = d.path().join("missing.yaml");
    let (code, _, doc) = check_json_with(&[good.to_str().expect("utf8")], &missing);
    assert_eq!(code, 2);
    assert_eq!(doc["files"], 2, "{doc}");
    assert_eq!(doc["unreadable"].as_array().map(Vec::len), Some(1), "{doc}");
    let unread = &doc["unreadable"][0];
    assert!(
        unread["file"]
            .as_str()
            .is_some_and(|f| f.ends_with("missing.yaml")),
        "{doc}"
    );
    assert!(
        unread["message"]
            .as_str()
            .is_some_and(|m| m.contains("no such file")),
        "{doc}"
    );
    // The human summary counts the same two files.
    bin()
        .env("NO_COLOR", "1")
        .arg("check")
        .arg(&good)
        .arg(&missing)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "failed: 2 file(s) checked, 1 unreadable",
        ));
    // GitHub: an annotation on the unreadable file, for check and render.
    for cmd in [["check", "--format"], ["render", "--message-format"]] {
        bin()
            .args(cmd)
            .arg("github")
            .arg(&missing)
            .assert()
            .code(2)
            .stdout(predicate::str::starts_with("::error file="))
            .stdout(predicate::str::contains("missing.yaml::"))
            .stdout(predicate::str::contains("no such file"));
    }
    // render's document lists it too.
    let out = bin()
        .args(["render", "--message-format", "json", "--out-dir"])
        .arg(d.path().join("out"))
        .arg(&good)
        .arg(&missing)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let render: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(render["files"], 2, "{render}");
    assert_eq!(render["written"], 1, "{render}");
    assert!(
        render["unreadable"][0]["file"]
            .as_str()
            .is_some_and(|f| f.ends_with("missing.yaml"))
    );
    // Every key, at the top and in a diagnostic, is documented.
    let docs = std::fs::read_to_string(root().join("docs/diagnostics.md")).expect("docs");
    let (_, _, warned) = check_json(&write(d.path(), "w.yaml", WARNS));
    let keys = |v: &serde_json::Value| -> Vec<String> {
        v.as_object()
            .map_or_else(Vec::new, |o| o.keys().cloned().collect())
    };
    let mut all = keys(&doc);
    all.extend(keys(&render));
    all.extend(keys(&warned["diagnostics"][0]));
    all.extend(keys(&warned["diagnostics"][0]["labels"][0]));
    all.extend(keys(unread));
    for k in all {
        assert!(
            docs.contains(&format!("`{k}`")),
            "docs/diagnostics.md does not document `{k}`"
        );
    }
}

/// `--color` wins over the environment; under `auto`, `NO_COLOR` wins over `CLICOLOR_FORCE` and
/// `FORCE_COLOR` (set, not `0`), which win over the terminal test (a pipe here: no colour).
#[test]
fn color_follows_the_flag_then_no_color_then_the_force_variables() {
    let d = tempdir();
    let bad = write(d.path(), "bad.yaml", "title: T\nsteps: []\n");
    let coloured = |env: &[(&str, &str)], args: &[&str]| {
        let mut c = bin();
        for (k, v) in env {
            c.env(k, v);
        }
        let out = c.arg("check").args(args).arg(&bad).output().expect("run");
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(err.contains("empty-list"), "{err}");
        err.contains('\u{1b}')
    };
    for (env, args, want) in [
        (&[][..], &[][..], false),
        (&[], &["--color", "always"], true),
        (&[], &["--color", "auto"], false),
        (&[("FORCE_COLOR", "1")], &[], true),
        (&[("CLICOLOR_FORCE", "1")], &[], true),
        (&[("FORCE_COLOR", "0")], &[], false),
        (&[("FORCE_COLOR", "")], &[], false),
        (&[("CLICOLOR_FORCE", "0")], &[], false),
        (&[("NO_COLOR", "1"), ("FORCE_COLOR", "1")], &[], false),
        (&[("NO_COLOR", "")], &["--color", "always"], true),
        (&[("NO_COLOR", "1")], &["--color", "always"], true),
        (&[("FORCE_COLOR", "1")], &["--color", "never"], false),
    ] {
        assert_eq!(coloured(env, args), want, "{env:?} {args:?}");
    }
    // render takes it too.
    bin()
        .args(["render", "--color", "always"])
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("\u{1b}["));
}

/// `phase-not-consecutive` points at the `phase:` value to change (once a zero-width mark at the
/// step's first line), and the other label at the `phase:` of the step in between.
#[test]
fn phase_not_consecutive_points_at_the_phase_value() {
    let d = tempdir();
    let input = write(
        d.path(),
        "coffee.yaml",
        "title: Coffee to go\nphases:\n  - id: order\n  - id: pay\nsteps:\n  - id: choose\n    \
         phase: order\n    customer: Choose a drink\n  - id: pay\n    phase: pay\n    customer: \
         Pay\n  - id: add-cake\n    phase: order\n    customer: Add a cake\n",
    );
    let (code, found, doc) = check_json(&input);
    assert_eq!(code, 1);
    assert_eq!(
        found,
        [("error".into(), 13, 12, "phase-not-consecutive".into())]
    );
    let d0 = &doc["diagnostics"][0];
    assert_eq!(
        (&d0["end_line"], &d0["end_column"]),
        (&13.into(), &17.into()),
        "{d0}"
    );
    let other = &d0["labels"][1];
    assert_eq!(
        (&other["line"], &other["column"]),
        (&10.into(), &12.into()),
        "{d0}"
    );
    bin()
        .env("NO_COLOR", "1")
        .arg("check")
        .arg(&input)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("coffee.yaml:13:12]"));
}

/// On a source line cropped for width, the header's `line:column` counts from the line's real
/// start, as JSON does (it once counted from the crop).
#[test]
fn a_cropped_line_keeps_its_real_column_in_the_header() {
    let d = tempdir();
    let text = format!(
        "title: T\nsteps:\n  - {{id: a, customer: \"{}\", emotion: 9}}\n",
        "x".repeat(200)
    );
    let input = write(d.path(), "long.yaml", &text);
    let (code, found, _) = check_json(&input);
    assert_eq!(code, 1);
    let (_, line, column, ref c) = found[0];
    assert_eq!(c, "emotion-out-of-range");
    assert!(column > 200, "{found:?}");
    bin()
        .env("NO_COLOR", "1")
        .arg("check")
        .arg(&input)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("…"))
        .stderr(predicate::str::contains(format!(
            "long.yaml:{line}:{column}]"
        )));
}
