//! `blueprint check` through the binary: exit codes, the human, JSON and GitHub reports,
//! standard input, encodings, BOM and CRLF positions, YAML edge cases. Each test uses its own
//! temporary directory.

use crate::VALID;
use crate::support::*;
use predicates::prelude::*;

#[test]
fn every_sample_checks_clean() {
    let samples = samples();
    assert!(samples.len() >= 6, "at least six samples");
    for s in samples {
        let (code, found, _) = check_json(&s);
        assert_eq!(code, 0, "{}: {found:?}", s.display());
        assert!(found.is_empty(), "{}: {found:?}", s.display());
    }
}

#[test]
fn check_many_files_at_once() {
    bin()
        .arg("check")
        .args(samples())
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "{} file(s) checked, 0 error(s)",
            samples().len()
        )));
}

#[test]
fn exit_codes() {
    let d = tempdir();
    let good = write(d.path(), "good.yaml", VALID);
    let bad = write(d.path(), "bad.yaml", "title: T\nsteps: []\n");
    let warn = write(
        d.path(),
        "warn.yaml",
        "title: T\nsteps:\n  - id: a\n    customer: x\n  - id: b\n",
    );
    bin().arg("check").arg(&good).assert().code(0);
    bin().arg("check").arg(&bad).assert().code(1);
    bin().arg("check").arg(&warn).assert().code(0);
    bin()
        .args(["check", "--deny", "warnings"])
        .arg(&warn)
        .assert()
        .code(1);
    // One invalid file among valid ones still fails the run.
    bin().arg("check").arg(&good).arg(&bad).assert().code(1);
    // Usage and I/O errors: 2, naming the path.
    bin()
        .arg("check")
        .arg(d.path().join("missing.yaml"))
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("missing.yaml").and(predicate::str::contains("no such file")),
        );
    bin()
        .arg("check")
        .arg(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a directory"));
    bin().arg("check").assert().code(2);
    bin()
        .args(["check", "--format", "xml"])
        .arg(&good)
        .assert()
        .code(2);
    bin().arg("frobnicate").assert().code(2);
    bin().arg("--help").assert().code(0);
}

#[test]
fn reads_standard_input() {
    bin()
        .args(["check", "-"])
        .write_stdin(VALID)
        .assert()
        .success();
    bin()
        .args(["check", "--format", "json", "-"])
        .write_stdin("title: T\nsteps: 3\n")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"file\": \"<stdin>\""));
}

#[test]
fn human_report_is_plain_off_a_terminal_and_names_the_place() {
    let d = tempdir();
    let f = write(
        d.path(),
        "t.yaml",
        "title: T\nsteps:\n  - id: a\n    onstgae: Greet\n",
    );
    bin().arg("check").arg(&f).assert().code(1).stderr(
        predicate::str::contains("blueprint::unknown-key")
            .and(predicate::str::contains("t.yaml:4:5"))
            .and(predicate::str::contains("did you mean `onstage`?"))
            .and(predicate::str::contains("\u{1b}[").not()),
    );
}

#[test]
fn json_and_github_carry_the_same_facts() {
    let d = tempdir();
    let f = write(
        d.path(),
        "t.yaml",
        "title: T\nsteps:\n  - id: a\n    emotion: 9\n    customer: x\n",
    );
    let (code, found, doc) = check_json(&f);
    assert_eq!(code, 1);
    assert_eq!(
        found,
        vec![("error".into(), 4, 14, "emotion-out-of-range".into())]
    );
    let d0 = &doc["diagnostics"][0];
    assert_eq!(d0["end_line"], 4);
    assert_eq!(d0["end_column"], 15);
    assert!(d0["help"].as_str().is_some_and(|h| !h.is_empty()));
    assert!(
        d0["labels"][0]["text"]
            .as_str()
            .is_some_and(|t| !t.is_empty())
    );
    assert_eq!(doc["errors"], 1);
    let out = bin()
        .args(["check", "--format", "github"])
        .arg(&f)
        .output()
        .expect("run");
    let text = String::from_utf8(out.stdout).expect("utf8");
    assert!(
        text.starts_with("::error file=")
            && text.contains(
                ",line=4,col=14,endLine=4,endColumn=15,title=blueprint%3A%3Aemotion-out-of-range::"
            ),
        "{text}"
    );
    assert_eq!(text.lines().count(), 1, "one line per diagnostic: {text}");
}

#[test]
fn every_error_in_one_run_in_source_order() {
    let d = tempdir();
    let f = write(
        d.path(),
        "t.yaml",
        "titel: T\nsteps:\n  - id: a\n    emotion: 0\n    touchpoint: web\n  - id: a\n    customer: x\nflows:\n  - {from: a.customer, to: zz}\n",
    );
    let (code, found, _) = check_json(&f);
    assert_eq!(code, 1);
    let got: Vec<(u64, u64, &str)> = found.iter().map(|f| (f.1, f.2, f.3.as_str())).collect();
    assert_eq!(
        got,
        vec![
            (1, 1, "missing-key"),
            (1, 1, "unknown-key"),
            (3, 9, "empty-step"),
            (4, 14, "emotion-out-of-range"),
            (5, 17, "unknown-touchpoint"),
            (6, 9, "duplicate-id"),
            (9, 12, "unknown-ref"),
            (9, 28, "unknown-ref"),
        ]
    );
}

#[test]
fn terminal_escapes_in_user_text_are_shown_escaped() {
    let d = tempdir();
    let f = write(
        d.path(),
        "t.yaml",
        "title: T\nsteps:\n  - id: a\n    \"x\\e[2J\\u202e\": Greet\n",
    );
    let out = bin().arg("check").arg(&f).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).expect("utf8");
    assert!(!err.contains('\u{1b}'), "raw ESC in: {err:?}");
    assert!(!err.contains('\u{202e}'), "raw bidi override in: {err:?}");
    assert!(err.contains("\\u{1b}[2J"), "{err}");
    // A raw ESC in the source line itself is escaped in the snippet too.
    let g = write(
        d.path(),
        "g.yaml",
        "title: \"T\"\u{1b}[31m oops\nsteps: 3\n",
    );
    let out = bin().arg("check").arg(&g).output().expect("run");
    let err = String::from_utf8(out.stderr).expect("utf8");
    assert!(!err.contains('\u{1b}'), "raw ESC in: {err:?}");
}

#[test]
fn no_color_is_honoured_and_colour_never_reaches_a_pipe() {
    let d = tempdir();
    let f = write(d.path(), "t.yaml", "title: T\nsteps: 3\n");
    for env in [Some("1"), None] {
        let mut c = bin();
        if let Some(v) = env {
            c.env("NO_COLOR", v);
        }
        let out = c.arg("check").arg(&f).output().expect("run");
        assert!(!String::from_utf8_lossy(&out.stderr).contains('\u{1b}'));
    }
}

#[test]
fn bom_and_crlf_keep_positions_right() {
    let d = tempdir();
    let f = write(
        d.path(),
        "t.yaml",
        "\u{feff}title: T\r\nsteps:\r\n  - id: a\r\n    emotion: 6\r\n    customer: x\r\n",
    );
    let (code, found, _) = check_json(&f);
    assert_eq!(code, 1);
    assert_eq!(
        found,
        vec![("error".into(), 4, 14, "emotion-out-of-range".into())]
    );
    let ok = write(
        d.path(),
        "ok.yaml",
        format!("\u{feff}{}", VALID.replace('\n', "\r\n")),
    );
    assert_eq!(check_json(&ok).0, 0);
}

#[test]
fn encodings_other_than_utf8_are_named() {
    let d = tempdir();
    let latin1 = write(d.path(), "l.yaml", b"title: T\nsteps:\n  - id: caf\xe9\n");
    let (code, found, doc) = check_json(&latin1);
    assert_eq!(code, 1);
    assert_eq!(found, vec![("error".into(), 3, 12, "not-utf8".into())]);
    assert!(
        doc["diagnostics"][0]["message"]
            .as_str()
            .unwrap_or("")
            .contains("0xe9")
    );
    let mut utf16 = vec![0xff, 0xfe];
    for c in VALID.encode_utf16() {
        utf16.extend(c.to_le_bytes());
    }
    let u = write(d.path(), "u.yaml", utf16);
    let (code, found, doc) = check_json(&u);
    assert_eq!(code, 1);
    assert_eq!(codes(&found), ["not-utf8"]);
    assert!(
        doc["diagnostics"][0]["help"]
            .as_str()
            .unwrap_or("")
            .contains("UTF-8")
    );
}

#[test]
fn yaml_edge_cases() {
    let d = tempdir();
    let cases: &[(&str, &str, &[&str])] = &[
        ("empty", "", &["missing-key", "missing-key"]),
        ("null", "~\n", &["missing-key", "missing-key"]),
        (
            "comment-only",
            "# nothing\n",
            &["missing-key", "missing-key"],
        ),
        ("list-root", "- a\n", &["wrong-type"]),
        (
            "two-docs",
            "title: T\nsteps: [{id: a, customer: x}]\n---\ntitle: U\n",
            &["multiple-documents"],
        ),
        (
            "dup-key",
            "title: T\ntitle: U\nsteps: [{id: a, customer: x}]\n",
            &["duplicate-key"],
        ),
        ("syntax", "title: [T\n", &["yaml-syntax"]),
        ("tabs", "title: T\nsteps:\n\t- id: a\n", &["yaml-syntax"]),
        // YAML 1.1 surprises are the text written.
        (
            "yaml11",
            "title: no\nsubtitle: on\nsteps:\n  - id: '012'\n    label: 012\n    duration: 1:30\n    customer: yes\n",
            &[],
        ),
        // Tags are never acted on.
        (
            "tags",
            "title: !!str T\nsteps: [{id: a, customer: !custom x}]\n",
            &[],
        ),
        (
            "aliases",
            "title: T\nsteps:\n  - &s {id: a, customer: x}\n  - {id: b, customer: *s}\n",
            &["missing-key", "unknown-key"],
        ),
        (
            "small-alias",
            "title: &t Hotel\nsubtitle: *t\nsteps: [{id: a, customer: *t}]\n",
            &[],
        ),
    ];
    for (name, text, want) in cases {
        let f = write(d.path(), &format!("{name}.yaml"), text);
        let (code, found, _) = check_json(&f);
        assert_eq!(codes(&found), *want, "{name}");
        assert_eq!(code, if want.is_empty() { 0 } else { 1 }, "{name}");
    }
}

#[test]
fn duplicate_key_labels_both_places() {
    let d = tempdir();
    let f = write(
        d.path(),
        "t.yaml",
        "title: T\nsteps: [{id: a, customer: x}]\ntitle: U\n",
    );
    let (_, found, doc) = check_json(&f);
    assert_eq!(found, vec![("error".into(), 3, 1, "duplicate-key".into())]);
    let labels = doc["diagnostics"][0]["labels"].as_array().expect("labels");
    assert_eq!(labels.len(), 2);
    assert_eq!(labels[1]["line"], 1);
}
