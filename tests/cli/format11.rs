//! Format 1.1 through the binary: the versions, the compatibility rule (a v1 file renders to the
//! same bytes whatever version it says), the parts of 1.1 not drawn yet refused, and a
//! blueprint using every addition drawn, each found in the SVG by the contract's classes and
//! attributes (docs/design.md, "The SVG contract").

use crate::support::*;
use predicates::prelude::*;

#[test]
fn a_v1_sample_renders_to_the_same_bytes_as_version_1_1_and_without_version() {
    let d = tempdir();
    for name in ["hotel", "airline"] {
        let text = std::fs::read_to_string(sample(name)).expect("sample");
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

#[test]
fn render_notes_and_variant_are_refused_as_not_yet_supported() {
    let d = tempdir();
    let f = write(d.path(), "a.yaml", crate::VALID);
    for args in [&["--notes"][..], &["--variant", "to-be"][..]] {
        bin()
            .arg("render")
            .arg(&f)
            .args(["-o", "-"])
            .args(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("not-yet-supported"));
    }
}
