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
