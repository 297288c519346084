//! `blueprint render` through the binary: the SVG contract on every sample and theme, geometry
//! read back from the SVG, determinism, and output safety (atomic write, no clobbering, no
//! litter, paths named in errors).

mod common;

use common::*;
use predicates::prelude::*;
use std::path::Path;

fn render_to_string(input: &Path, theme: &str) -> String {
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

#[test]
fn every_sample_in_every_theme_meets_the_svg_contract() {
    for sample in samples() {
        let text = std::fs::read_to_string(&sample).expect("read");
        for theme in blueprint::validate::keys::THEMES {
            let svg = render_to_string(&sample, theme);
            let doc = check_svg(&svg);
            let name = sample.display();
            // Every element the contract names exists.
            for class in ["lane", "step", "item", "flow", "legend"] {
                assert!(
                    !with_class(&doc, class).is_empty(),
                    "{name} {theme}: no .{class}"
                );
            }
            if text.contains("phases:") {
                assert!(!with_class(&doc, "phase").is_empty(), "{name}: no .phase");
            }
            if text.contains("fail:") {
                assert!(
                    !with_class(&doc, "fail-point").is_empty(),
                    "{name}: no .fail-point"
                );
            }
            if text.contains("wait:") {
                assert!(
                    !with_class(&doc, "wait-point").is_empty(),
                    "{name}: no .wait-point"
                );
            }
            if text.contains("emotion:") {
                assert!(
                    !with_class(&doc, "emotion").is_empty(),
                    "{name}: no .emotion"
                );
            }
            // The title is the blueprint's title, and user ids never become `id` attributes.
            let title = doc
                .descendants()
                .find(|n| n.has_tag_name("title"))
                .expect("title");
            assert!(title.text().is_some_and(|t| !t.is_empty()));
            for n in doc.descendants() {
                if let Some(id) = n.attribute("id") {
                    assert!(id.starts_with("bp-"), "{name}: unprefixed id {id}");
                }
            }
            for item in with_class(&doc, "item") {
                for a in ["data-id", "data-step", "data-lane"] {
                    assert!(item.attribute(a).is_some(), "{name}: item without {a}");
                }
            }
            for f in with_class(&doc, "flow") {
                if f.has_tag_name("path") {
                    assert!(f.attribute("data-from").is_some() && f.attribute("data-to").is_some());
                }
            }
        }
    }
}

#[test]
fn item_boxes_never_overlap_and_sit_in_their_lane() {
    for sample in samples() {
        let svg = render_to_string(&sample, "light");
        let doc = check_svg(&svg);
        let lanes: Vec<(String, Bx)> = with_class(&doc, "lane")
            .into_iter()
            .filter(|n| n.has_tag_name("g"))
            .map(|g| {
                (
                    g.attribute("data-lane").unwrap_or("").to_string(),
                    Bx::of(first_rect(g).expect("lane band")),
                )
            })
            .collect();
        let items: Vec<(String, Bx)> = with_class(&doc, "item")
            .into_iter()
            .filter(|n| n.has_tag_name("g"))
            .map(|g| {
                (
                    g.attribute("data-lane").unwrap_or("").to_string(),
                    Bx::of(first_rect(g).expect("card")),
                )
            })
            .collect();
        assert!(!items.is_empty());
        for (i, (lane, b)) in items.iter().enumerate() {
            let band = &lanes
                .iter()
                .find(|(l, _)| l == lane)
                .expect("item's lane exists")
                .1;
            assert!(
                b.y >= band.y - 0.01 && b.y + b.h <= band.y + band.h + 0.01,
                "{}: item outside lane {lane}",
                sample.display()
            );
            for (_, o) in &items[i + 1..] {
                assert!(!b.overlaps(o), "{}: {b:?} overlaps {o:?}", sample.display());
            }
        }
    }
}

#[test]
fn same_input_same_bytes() {
    let sample = root().join("samples/hotel.yaml");
    assert_eq!(
        render_to_string(&sample, "light"),
        render_to_string(&sample, "light")
    );
}

/// Compares `svg` with the golden file `golden`: under `BLESS=1` rewrites it; otherwise, when
/// they differ, writes the new output beside it (`NAME.got.svg`) and records it in `stale`.
fn compare_golden(golden: &std::path::Path, svg: &str, stale: &mut Vec<String>) {
    if std::env::var_os("BLESS").is_some_and(|v| v == "1") {
        if let Some(dir) = golden.parent() {
            std::fs::create_dir_all(dir).expect("mkdir");
        }
        std::fs::write(golden, svg).expect("bless");
        return;
    }
    match std::fs::read_to_string(golden) {
        Ok(want) if want == svg => {}
        _ => {
            let got = golden.with_extension("got.svg");
            std::fs::write(&got, svg).expect("write got");
            stale.push(format!(
                "{} is stale; new output in {}",
                golden.display(),
                got.display()
            ));
        }
    }
}

#[test]
fn sample_goldens_are_current() {
    // `BLESS=1 cargo test --test render` rewrites samples/NAME.svg after an intended change.
    let mut stale = Vec::new();
    for sample in samples() {
        let svg = render_to_string(&sample, "light");
        compare_golden(&sample.with_extension("svg"), &svg, &mut stale);
    }
    assert!(
        stale.is_empty(),
        "{}\nrun BLESS=1 cargo test --test render",
        stale.join("\n")
    );
}

/// Cuts kept as golden files (docs/cuts.md): a phase (no stubs), a phase with stubs to a
/// stand-in column, and a phase and lanes with stubs to a stand-in lane band.
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
];

#[test]
fn cut_goldens_are_current() {
    // `BLESS=1 cargo test --test render` rewrites tests/golden/cuts/NAME.svg too.
    let dir = root().join("tests/golden/cuts");
    let mut stale = Vec::new();
    for (name, sample, args) in CUT_GOLDENS {
        let svg = render_svg(&root().join("samples").join(format!("{sample}.yaml")), args);
        check_svg(&svg);
        compare_golden(&dir.join(format!("{name}.svg")), &svg, &mut stale);
    }
    assert!(
        stale.is_empty(),
        "{}\nrun BLESS=1 cargo test --test render",
        stale.join("\n")
    );
}

#[test]
fn default_output_is_beside_the_input() {
    let d = tempdir();
    let input = write(
        d.path(),
        "trip.yaml",
        std::fs::read(root().join("samples/hotel.yaml")).expect("read"),
    );
    bin().arg("render").arg(&input).assert().success();
    let out = d.path().join("trip.svg");
    check_svg(&std::fs::read_to_string(&out).expect("trip.svg written"));
}

#[test]
fn a_failed_render_leaves_the_existing_output_intact_and_no_litter() {
    let d = tempdir();
    let input = write(
        d.path(),
        "bad.yaml",
        "title: T\nsteps:\n  - id: a\n    emotion: 9\n",
    );
    let out = write(d.path(), "bad.svg", "precious bytes");
    bin()
        .arg("render")
        .arg(&input)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("emotion-out-of-range"));
    assert_eq!(std::fs::read(&out).expect("still there"), b"precious bytes");
    let names: Vec<String> = std::fs::read_dir(d.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no temp litter: {names:?}");
    // With no previous output, none appears.
    let input2 = write(d.path(), "bad2.yaml", "title: T\nsteps: 3\n");
    bin().arg("render").arg(&input2).assert().code(1);
    assert!(!d.path().join("bad2.svg").exists());
}

#[test]
fn output_paths_that_cannot_work_are_refused_with_the_path() {
    let d = tempdir();
    let input = write(
        d.path(),
        "b.yaml",
        "title: T\nsteps: [{id: a, customer: x}]\n",
    );
    bin()
        .arg("render")
        .arg(&input)
        .arg("-o")
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("overwrite the input"));
    assert_eq!(
        std::fs::read_to_string(&input).expect("input"),
        "title: T\nsteps: [{id: a, customer: x}]\n"
    );
    bin()
        .arg("render")
        .arg(&input)
        .arg("-o")
        .arg(d.path().join("missing/x.svg"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not exist"));
    bin()
        .arg("render")
        .arg(&input)
        .arg("-o")
        .arg(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a directory"));
    bin()
        .arg("render")
        .arg(d.path().join("nope.yaml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nope.yaml"));
    bin()
        .arg("render")
        .arg(&input)
        .arg(&input)
        .arg("-o")
        .arg("x.svg")
        .assert()
        .code(2);
}

#[test]
fn batch_renders_every_file_and_one_failure_does_not_stop_the_others() {
    let d = tempdir();
    let out = d.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    let bad = write(d.path(), "broken.yaml", "title: T\nsteps: 3\n");
    let mut cmd = bin();
    cmd.arg("render")
        .arg("--out-dir")
        .arg(&out)
        .args(samples())
        .arg(&bad);
    cmd.assert()
        .code(1)
        .stderr(predicate::str::contains("6 written, 1 invalid"));
    for s in samples() {
        let name = s.with_extension("svg");
        let p = out.join(name.file_name().expect("name"));
        check_svg(&std::fs::read_to_string(&p).expect("written"));
    }
    assert!(!out.join("broken.svg").exists());
}

#[test]
fn stdin_to_stdout() {
    let out = bin()
        .args(["render", "-", "-o", "-"])
        .write_stdin("title: T\nsteps: [{id: a, customer: x, onstage: y}]\n")
        .output()
        .expect("run");
    assert!(out.status.success());
    check_svg(std::str::from_utf8(&out.stdout).expect("utf8"));
}

#[test]
fn hostile_text_is_escaped_and_links_are_safe() {
    let d = tempdir();
    let input = write(
        d.path(),
        "x.yaml",
        "title: \"<script>alert(1)</script> & ]]> \\\" '\"\nsubtitle: \"</desc><svg onload=alert(1)>\"\nsteps:\n  - id: a\n    label: \"<b>&amp;</b>\"\n    customer:\n      text: \"x\\0y <img src=x onerror=alert(1)>\"\n      id: a-1\n      link: \"https://example.com/?a=1&b=<2>\\\"\"\n      note: \"]]><!--\"\n",
    );
    let svg = render_svg(&input, &[]);
    let doc = check_svg(&svg);
    assert!(!svg.contains("<script"));
    assert!(!svg.contains("<img"));
    assert!(!svg.contains('\0'));
    let title = doc
        .descendants()
        .find(|n| n.has_tag_name("title"))
        .expect("title");
    assert_eq!(title.text(), Some("<script>alert(1)</script> & ]]> \" '"));
    let a = doc
        .descendants()
        .find(|n| n.has_tag_name("a"))
        .expect("link");
    assert_eq!(
        a.attribute("href"),
        Some("https://example.com/?a=1&b=<2>\"")
    );
}
