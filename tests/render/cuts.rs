//! `blueprint render` cuts through the binary (docs/cuts.md): `--steps`, `--phase`, `--lanes`,
//! their combinations, stubs and their stand-ins in the SVG, errors for cuts that do not fit
//! (exit 1) or do not parse (exit 2), `--split-phases` file sets, and batches where some inputs
//! fail. The golden SVGs of cuts are checked in golden.rs with the samples'.

use crate::support::*;
use predicates::prelude::*;
use std::collections::BTreeSet;

/// The values of `attr` on `<g>`s (or `<path>`s) with `class`, in document order.
fn attrs(doc: &roxmltree::Document, class: &str, attr: &str) -> Vec<String> {
    with_class(doc, class)
        .into_iter()
        .filter_map(|n| n.attribute(attr).map(str::to_string))
        .collect()
}

/// The words of the lines under `n` (its `<tspan>`s), joined by spaces.
fn words(n: roxmltree::Node) -> String {
    n.descendants()
        .filter(|d| d.has_tag_name("tspan"))
        .filter_map(|d| d.text())
        .collect::<Vec<_>>()
        .join(" ")
}

fn desc(doc: &roxmltree::Document) -> String {
    doc.descendants()
        .find(|n| n.has_tag_name("desc"))
        .and_then(|n| n.text())
        .unwrap_or_default()
        .to_string()
}

/// Every flow's ends are drawn: an `.item` or, for a stub, a `.stub` stand-in; a stub has
/// exactly one end outside, named by `data-to-step` or `data-from-step`.
fn flows_end_on_drawn_boxes(doc: &roxmltree::Document) {
    let items: BTreeSet<String> = attrs(doc, "item", "data-id").into_iter().collect();
    let stand_ins: BTreeSet<String> = attrs(doc, "stub", "data-id").into_iter().collect();
    for f in with_class(doc, "flow") {
        let (from, to) = (
            f.attribute("data-from").expect("data-from"),
            f.attribute("data-to").expect("data-to"),
        );
        let class = f.attribute("class").unwrap_or("");
        if class.split_whitespace().any(|c| c == "stub") {
            let out_to = f.attribute("data-to-step").is_some();
            let out_from = f.attribute("data-from-step").is_some();
            assert!(out_to != out_from, "a stub names one outside step: {class}");
            let (inside, outside) = if out_to { (from, to) } else { (to, from) };
            assert!(
                items.contains(inside),
                "stub's inside end {inside} is an item"
            );
            assert!(
                stand_ins.contains(outside),
                "stub's outside end {outside} is a stand-in"
            );
        } else {
            assert!(items.contains(from) && items.contains(to), "{from} > {to}");
        }
    }
}

#[test]
fn a_phase_cut_draws_its_steps_phase_and_emotion_only_and_says_so() {
    let svg = render_svg(&sample("hotel"), &["--phase", "stay"]);
    let doc = check_svg(&svg);
    let steps = attrs(&doc, "step", "data-step");
    assert_eq!(steps, ["settle", "room-service", "sleep", "breakfast"]);
    assert_eq!(attrs(&doc, "phase", "data-phase"), ["stay"]);
    assert_eq!(attrs(&doc, "emotion-point", "data-step"), steps);
    for s in attrs(&doc, "item", "data-step") {
        assert!(steps.contains(&s), "item of step {s} drawn");
    }
    assert_eq!(desc(&doc), "Stay: steps 4–7 of 10");
    assert_eq!(attrs(&doc, "lane", "data-lane").len(), 5);
    assert!(with_class(&doc, "stub").is_empty());
    flows_end_on_drawn_boxes(&doc);
}

#[test]
fn steps_by_number_by_id_and_open_ranges() {
    let hotel = sample("hotel");
    let by_number = render_svg(&hotel, &["--steps", "4..7"]);
    assert_eq!(
        by_number,
        render_svg(&hotel, &["--steps", "settle..breakfast"])
    );
    let doc = check_svg(&by_number);
    assert_eq!(desc(&doc), "Steps 4–7 of 10");
    let open = render_svg(&hotel, &["--steps", "..2,9.."]);
    let doc = check_svg(&open);
    assert_eq!(
        attrs(&doc, "step", "data-step"),
        ["arrive", "check-in", "leave", "review"]
    );
    // The customer path joins the kept steps across the left-out ones.
    let path: Vec<(String, String)> = with_class(&doc, "customer-path")
        .into_iter()
        .map(|f| {
            (
                f.attribute("data-from").unwrap_or("").to_string(),
                f.attribute("data-to").unwrap_or("").to_string(),
            )
        })
        .collect();
    assert!(
        path.iter()
            .any(|(a, b)| a == "give-name" && b.starts_with("leave.")),
        "{path:?}"
    );
    // The same cut written twice gives the same bytes.
    assert_eq!(
        open,
        render_svg(&hotel, &["--steps", "..2", "--steps", "9.."])
    );
}

#[test]
fn a_lane_cut_keeps_its_lanes_their_zone_line_and_a_legend_of_what_is_shown() {
    let svg = render_svg(&sample("clinic"), &["--lanes", "customer,onstage"]);
    let doc = check_svg(&svg);
    assert_eq!(attrs(&doc, "lane", "data-lane"), ["customer", "onstage"]);
    for l in attrs(&doc, "item", "data-lane") {
        assert!(l == "customer" || l == "onstage", "item in lane {l}");
    }
    // The line of interaction between the kept lanes; the flows into backstage and support
    // end on stand-ins in a band below onstage, which the line of visibility separates.
    assert_eq!(with_class(&doc, "line-of-interaction").len(), 1);
    assert_eq!(
        attrs(&doc, "stub-lanes", "data-lanes"),
        ["backstage,support"]
    );
    let band = |class: &str, attr: &str, id: &str| {
        let g = with_class(&doc, class)
            .into_iter()
            .find(|g| g.attribute(attr) == Some(id))
            .expect("band");
        Bx::of(first_rect(g).expect("rect"))
    };
    let onstage = band("lane", "data-lane", "onstage");
    let others = band("stub-lanes", "data-lanes", "backstage,support");
    let y = |class: &str| -> Vec<f64> {
        with_class(&doc, class)
            .into_iter()
            .filter_map(|l| l.attribute("y1")?.parse().ok())
            .collect()
    };
    assert_eq!(y("line-of-visibility"), [onstage.y + onstage.h]);
    assert!((others.y - (onstage.y + onstage.h)).abs() < 0.01);
    assert!(y("line-of-internal-interaction").is_empty());
    // The legend lists a mark only when a drawn item has it.
    let marks = attrs(&doc, "legend-entry", "data-mark");
    let has = |class: &str| !with_class(&doc, class).is_empty();
    for (mark, class) in [
        ("fail", "fail-point"),
        ("wait", "wait-point"),
        ("note", "note"),
    ] {
        assert_eq!(marks.contains(&mark.to_string()), has(class), "{mark}");
    }
    assert!(desc(&doc).ends_with("2 of 5 lanes"), "{}", desc(&doc));
    flows_end_on_drawn_boxes(&doc);
}

#[test]
fn flows_leaving_the_cut_are_stubs_that_say_where_they_go() {
    let svg = render_svg(&sample("online-order"), &["--phase", "purchase"]);
    let doc = check_svg(&svg);
    let stubs: Vec<_> = with_class(&doc, "flow")
        .into_iter()
        .filter(|f| f.attribute("class").is_some_and(|c| c.contains("stub")))
        .collect();
    assert!(!stubs.is_empty(), "a stub");
    let to_step = stubs[0].attribute("data-to-step").expect("data-to-step");
    // The stand-in names that step, and stands in a column for the left-out steps.
    let stand_in = with_class(&doc, "stub")
        .into_iter()
        .find(|g| g.has_tag_name("g") && g.attribute("data-step") == Some(to_step))
        .expect("a stand-in for that step");
    let text = words(stand_in);
    assert!(
        text.starts_with("to ") && text.contains("(step\u{a0}7)"),
        "{text}"
    );
    assert_eq!(words(with_class(&doc, "stub-steps")[0]), "Steps 7–12");
    assert!(attrs(&doc, "legend-entry", "data-mark").contains(&"stub".to_string()));
    flows_end_on_drawn_boxes(&doc);
    // Stand-ins are not items and overlap none.
    let boxes: Vec<Bx> = with_class(&doc, "item")
        .into_iter()
        .chain(
            with_class(&doc, "stub")
                .into_iter()
                .filter(|n| n.has_tag_name("g")),
        )
        .map(|g| Bx::of(first_rect(g).expect("card")))
        .collect();
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            assert!(!a.overlaps(b), "{a:?} overlaps {b:?}");
        }
    }
}

#[test]
fn cuts_combine_phase_and_lanes_with_stand_in_lanes() {
    let svg = render_svg(
        &sample("hotel"),
        &["--phase", "arrival", "--lanes", "customer,onstage"],
    );
    let doc = check_svg(&svg);
    assert_eq!(
        attrs(&doc, "step", "data-step"),
        ["arrive", "check-in", "luggage"]
    );
    assert_eq!(attrs(&doc, "lane", "data-lane"), ["customer", "onstage"]);
    assert_eq!(
        attrs(&doc, "stub-lanes", "data-lanes"),
        ["backstage,support"]
    );
    assert_eq!(desc(&doc), "Arrival: steps 1–3 of 10 · 2 of 5 lanes");
    // Registration's flows to the backstage and support lanes are stubs, in their steps.
    let stubbed: BTreeSet<String> = attrs(&doc, "stub", "data-id").into_iter().collect();
    for id in ["room-status", "card-terminal", "deliver-bags"] {
        assert!(stubbed.contains(id), "{id} stubbed: {stubbed:?}");
    }
    for s in attrs(&doc, "stub", "data-step") {
        assert!(["arrive", "check-in", "luggage"].contains(&s.as_str()));
    }
    flows_end_on_drawn_boxes(&doc);
}

#[test]
fn cuts_that_do_not_fit_the_file_are_its_diagnostics_exit_1() {
    let hotel = sample("hotel");
    for (args, code, hint) in [
        (
            &["--phase", "stya"][..],
            "cut-unknown-phase",
            "did you mean `stay`?",
        ),
        (&["--steps", "3..11"], "cut-step-out-of-range", "10 steps"),
        (&["--steps", "chek-in"], "cut-unknown-step", "`check-in`"),
        (&["--lanes", "onstgae"], "cut-unknown-lane", "`onstage`"),
        (&["--steps", "leave..arrive"], "cut-empty", "arrive..leave"),
        (
            &["--phase", "departure", "--steps", "1..2"],
            "cut-empty",
            "in common",
        ),
    ] {
        let d = tempdir();
        let out = d.path().join("x.svg");
        bin()
            .env("NO_COLOR", "1")
            .arg("render")
            .arg(&hotel)
            .arg("-o")
            .arg(&out)
            .args(args)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(format!("blueprint::{code}")))
            .stderr(predicate::str::contains(hint))
            .stderr(predicate::str::contains("hotel.yaml:"));
        assert!(!out.exists(), "{args:?} wrote nothing");
    }
    // The JSON report carries the code and the place in the file.
    let out = bin()
        .args([
            "render",
            "--message-format",
            "json",
            "-o",
            "-",
            "--phase",
            "nope",
        ])
        .arg(&hotel)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stderr).expect("JSON on stderr");
    assert_eq!(
        doc["diagnostics"][0]["code"],
        "blueprint::cut-unknown-phase"
    );
    assert!(doc["diagnostics"][0]["line"].as_u64().unwrap_or(0) > 1);
}

#[test]
fn malformed_cuts_are_usage_errors_exit_2_before_any_file_is_read() {
    for args in [
        &["--steps", "9..3"][..],
        &["--steps", "3-9"],
        &["--steps", "0"],
        &["--steps", "a b"],
        &["--split-phases", "-o", "x.svg"],
        &["--split-phases", "--phase", "stay"],
        &["--split-phases", "--steps", "1..2"],
    ] {
        bin()
            .arg("render")
            .arg("no-such-file.yaml")
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("no-such-file").not());
    }
    bin()
        .args(["render", "--steps", "3-9", "x.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("3..9"));
    bin()
        .args(["render", "-", "--split-phases"])
        .write_stdin("title: T\nsteps: [{id: a, customer: x}]\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--out-dir"));
}

#[test]
fn split_phases_writes_one_figure_per_phase_in_every_format() {
    let d = tempdir();
    bin()
        .env("NO_COLOR", "1")
        .args(["render", "--split-phases", "--format", "svg,png"])
        .arg(sample("hotel"))
        .arg("--out-dir")
        .arg(d.path())
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "1 written, 0 invalid, 0 unreadable or unwritable, of 1 file(s); 6 outputs (3 svg, 3 png)",
        ));
    let names: BTreeSet<String> = std::fs::read_dir(d.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    let want: BTreeSet<String> = ["arrival", "stay", "departure"]
        .iter()
        .flat_map(|p| ["svg", "png"].map(|e| format!("hotel-{p}.{e}")))
        .collect();
    assert_eq!(names, want);
    for phase in ["arrival", "stay", "departure"] {
        let svg =
            std::fs::read_to_string(d.path().join(format!("hotel-{phase}.svg"))).expect("figure");
        let doc = check_svg(&svg);
        assert_eq!(attrs(&doc, "phase", "data-phase"), [phase]);
        let png = std::fs::read(d.path().join(format!("hotel-{phase}.png"))).expect("png");
        assert!(png.starts_with(b"\x89PNG"));
    }
    // Beside the input by default, with --lanes in each figure.
    let d = tempdir();
    let input = write(
        d.path(),
        "trip.yaml",
        std::fs::read(sample("hotel")).expect("read"),
    );
    bin()
        .args(["render", "--split-phases", "--lanes", "customer"])
        .arg(&input)
        .assert()
        .success();
    // Named as `--phase stay --lanes customer` names the same cut, never as the phase alone.
    assert!(!d.path().join("trip-stay.svg").exists());
    let doc_text =
        std::fs::read_to_string(d.path().join("trip-stay-lanes-customer.svg")).expect("beside");
    let doc = check_svg(&doc_text);
    assert_eq!(attrs(&doc, "lane", "data-lane"), ["customer"]);
}

#[test]
fn split_phases_warns_about_steps_in_no_phase() {
    let d = tempdir();
    let input = write(
        d.path(),
        "loose.yaml",
        "title: T\nphases: [{id: one}]\nsteps:\n  - {id: a, phase: one, customer: x}\n  - {id: b, customer: y}\n",
    );
    bin()
        .env("NO_COLOR", "1")
        .args(["render", "--split-phases"])
        .arg(&input)
        .assert()
        .success()
        .stderr(predicate::str::contains("blueprint::cut-steps-left-out"))
        .stderr(predicate::str::contains("(b)"));
    assert!(d.path().join("loose-one.svg").exists());
    std::fs::remove_file(d.path().join("loose-one.svg")).expect("rm");
    bin()
        .args(["render", "--split-phases", "--deny", "warnings"])
        .arg(&input)
        .assert()
        .code(1);
    assert!(!d.path().join("loose-one.svg").exists());
}

#[test]
fn a_batch_renders_every_input_a_cut_fits_and_exits_1_for_the_rest() {
    let d = tempdir();
    let out = d.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    let broken = write(d.path(), "broken.yaml", "title: T\nsteps: 3\n");
    let flat = write(
        d.path(),
        "flat.yaml",
        "title: T\nsteps: [{id: a, customer: x}]\n",
    );
    // --split-phases over samples, a broken file and one without phases.
    let mut cmd = bin();
    cmd.env("NO_COLOR", "1")
        .args([
            "render",
            "--split-phases",
            "--format",
            "svg,pdf",
            "--out-dir",
        ])
        .arg(&out)
        .arg(sample("hotel"))
        .arg(&broken)
        .arg(sample("clinic"))
        .arg(&flat);
    cmd.assert()
        .code(1)
        .stderr(predicate::str::contains("blueprint::cut-empty"))
        .stderr(predicate::str::contains(
            "2 written, 2 invalid, 0 unreadable or unwritable, of 4 file(s); 12 outputs (6 svg, 6 pdf)",
        ));
    for f in [
        "hotel-arrival.svg",
        "hotel-departure.pdf",
        "clinic-at-clinic.svg",
        "clinic-after-visit.pdf",
    ] {
        assert!(out.join(f).exists(), "{f}");
    }
    let names: Vec<String> = std::fs::read_dir(&out)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| n.starts_with("hotel-") || n.starts_with("clinic-")),
        "{names:?}"
    );

    // A phase cut across files: those that have the phase are written.
    let out2 = d.path().join("out2");
    std::fs::create_dir(&out2).expect("mkdir");
    bin()
        .env("NO_COLOR", "1")
        .args(["render", "--phase", "arrival", "--out-dir"])
        .arg(&out2)
        .arg(sample("hotel"))
        .arg(sample("online-order"))
        .arg(sample("ski-resort"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("blueprint::cut-unknown-phase"))
        .stderr(predicate::str::contains("2 written, 1 invalid"));
    assert!(
        out2.join("hotel-arrival.svg").exists() && out2.join("ski-resort-arrival.svg").exists()
    );
    assert!(!out2.join("online-order-arrival.svg").exists());
}

/// Issue 17, looked at cut by phase: a phase band spans half of the gutter beside each of its
/// end columns, so at the figure's end, over a gutter widened for the tracks of flows, it ran
/// 35 px past its last header (airline's departure airport) and 9 px before its first. At the
/// figure's ends it now stands out past its headers alike, cut or whole.
#[test]
fn phase_bands_stand_out_past_their_headers_alike_at_the_figures_ends() {
    let num = |n: roxmltree::Node<'_, '_>, a: &str| -> f64 {
        n.attribute(a).and_then(|v| v.parse().ok()).expect(a)
    };
    for (name, args) in [
        ("airline", vec!["--phase", "departure-airport"]),
        ("clinic", vec!["--phase", "at-clinic"]),
        ("airline", vec![]),
        ("online-order", vec![]),
    ] {
        let svg = render_svg(&sample(name), &args);
        let doc = check_svg(&svg);
        let extent = |class: &str| {
            with_class(&doc, class)
                .into_iter()
                .filter_map(|g| first_rect(g))
                .map(|r| (num(r, "x"), num(r, "x") + num(r, "width")))
                .fold((f64::MAX, f64::MIN), |a, b| (a.0.min(b.0), a.1.max(b.1)))
        };
        let (p0, p1) = extent("phase");
        // The steps' own headers (a cut's stand-in columns are `.stub-step`, not `.step`).
        let (h0, h1) = extent("step");
        assert!(
            ((h0 - p0) - (p1 - h1)).abs() < 0.01,
            "{name} {args:?}: the phases stand out {} px before the first header, {} px after the last",
            h0 - p0,
            p1 - h1
        );
    }
}
