//! Format 1.1 variants through the binary: `variants:`, step and item `variant`, a duration per
//! variant, their errors and warnings, the badges and legend of the whole figure, and the
//! variant cut (`render --variant ID`), each found in the SVG by the contract's classes and
//! attributes (docs/design.md, "The SVG contract"). The blueprint is
//! tests/golden/cuts/saas-onboarding.yaml: a self-serve (`ss`) and an enterprise (`en`) path.

use crate::support::*;
use predicates::prelude::*;

fn saas() -> std::path::PathBuf {
    root().join("tests/golden/cuts/saas-onboarding.yaml")
}

/// The `data-variant` of each element of `class` that has one, by its `data-id` (items) or
/// `data-step` (steps).
fn variants_of(doc: &roxmltree::Document<'_>, class: &str, key: &str) -> Vec<(String, String)> {
    with_class(doc, class)
        .into_iter()
        .filter_map(|n| {
            Some((
                n.attribute(key)?.to_string(),
                n.attribute("data-variant")?.to_string(),
            ))
        })
        .collect()
}

fn legend_variants(doc: &roxmltree::Document<'_>) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.attribute("data-mark") == Some("variant"))
        .map(words)
        .collect()
}

#[test]
fn the_whole_figure_badges_cards_marks_steps_and_joins_durations() {
    let svg = render_svg(&saas(), &[]);
    let doc = check_svg(&svg);
    let items = variants_of(&doc, "item", "data-id");
    for (id, v) in [
        ("checklist", "ss"),
        ("kickoff", "en"),
        ("demo-call", "en"),
        ("trial.customer.1", "ss"),
        ("invite.backstage.1", "en"),
    ] {
        assert!(
            items.contains(&(id.to_string(), v.to_string())),
            "{id} {v}: {items:?}"
        );
    }
    // A card in every variant has no badge and no data-variant.
    assert!(!items.iter().any(|(id, _)| id == "discover.customer.1"));
    // One badge per card of a variant, with the variant's id as its words.
    let badges = texts_with_class(&doc, "variant-badge");
    let on_cards = badges.len() - legend_variants(&doc).len();
    assert_eq!(on_cards, items.len(), "{badges:?}");
    let steps = variants_of(&doc, "step", "data-step");
    assert_eq!(
        steps,
        [
            ("trial".to_string(), "ss".to_string()),
            ("demo".to_string(), "en".to_string())
        ]
    );
    let durations = texts_with_class(&doc, "duration");
    assert!(
        durations.iter().any(|d| d == "ss 5 min · en 1–2 weeks"),
        "{durations:?}"
    );
    // The legend maps each badge to its label, in declaration order.
    assert_eq!(legend_variants(&doc), ["ss Self-serve", "en Enterprise"]);
}

#[test]
fn the_legend_lists_variants_only_when_a_badge_is_drawn() {
    let d = tempdir();
    // Variants named by durations alone draw no badge.
    let f = write(
        d.path(),
        "d.yaml",
        "version: 1.1\ntitle: T\nvariants:\n  - { id: a, label: Path A }\n  - { id: b }\nsteps:\n  - id: s\n    duration: { a: 1 day, b: 2 days }\n    customer: Arrive\n",
    );
    let svg = render_svg(&f, &[]);
    let doc = check_svg(&svg);
    assert!(legend_variants(&doc).is_empty());
    assert!(texts_with_class(&doc, "variant-badge").is_empty());
    assert_eq!(texts_with_class(&doc, "duration"), ["a 1 day · b 2 days"]);
    // A version 1 sample: none.
    let svg = render_svg(&sample("hotel"), &[]);
    assert!(!svg.contains("variant"));
}

#[test]
fn a_variant_cut_keeps_its_own_and_the_common_part_without_badges() {
    let svg = render_svg(&saas(), &["--variant", "en"]);
    let doc = check_svg(&svg);
    let words = texts_with_class(&doc, "words");
    for kept in [
        "Finds the product through a colleague",
        "Books a demo",
        "Kick-off call with the onboarding manager",
        "SSO and SCIM set up by IT",
        "Workspace templates",
    ] {
        assert!(words.iter().any(|w| w == kept), "{kept} kept: {words:?}");
    }
    for gone in [
        "Starts a free trial",
        "Follows the in-app checklist",
        "Provisions a trial workspace",
    ] {
        assert!(!words.iter().any(|w| w == gone), "{gone} left out");
    }
    assert!(texts_with_class(&doc, "variant-badge").is_empty());
    assert!(!svg.contains("data-variant"));
    assert!(legend_variants(&doc).is_empty());
    // Each step's duration is this variant's; the subtitle names the variant.
    assert_eq!(
        texts_with_class(&doc, "duration")
            .into_iter()
            .filter(|d| !d.is_empty())
            .collect::<Vec<_>>(),
        ["1–2 weeks", "1–2 weeks", "3 days"]
    );
    assert_eq!(texts_with_class(&doc, "subtitle"), ["Enterprise"]);
    let steps: Vec<&str> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("step"))
        .filter_map(|n| n.attribute("data-step"))
        .collect();
    assert_eq!(steps, ["discover", "demo", "configure", "invite"]);
    // Composed with a phase cut: both named.
    let svg = render_svg(&saas(), &["--variant", "ss", "--phase", "setup"]);
    let doc = check_svg(&svg);
    assert_eq!(
        texts_with_class(&doc, "subtitle"),
        ["Self-serve · Set up: steps 3–4 of 4"]
    );
}

#[test]
fn an_unknown_variant_is_an_error_with_a_did_you_mean() {
    bin()
        .arg("render")
        .arg(saas())
        .args(["-o", "-", "--variant", "enterprise"])
        .env("NO_COLOR", "1")
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            predicate::str::contains("cut-unknown-variant")
                .and(predicate::str::contains("variant ids: ss, en")),
        );
    bin()
        .arg("render")
        .arg(saas())
        .args(["-o", "-", "--variant", "EN"])
        .env("NO_COLOR", "1")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("did you mean `en`?"));
}

#[test]
fn a_variant_cut_is_named_after_the_variant_without_o() {
    let d = tempdir();
    let f = d.path().join("saas.yaml");
    std::fs::copy(saas(), &f).expect("copy");
    bin()
        .arg("render")
        .arg(&f)
        .args(["--variant", "ss"])
        .assert()
        .success();
    assert!(d.path().join("saas-variant-ss.svg").exists());
    assert!(!d.path().join("saas.svg").exists());
}

#[test]
fn two_variants_that_draw_alike_get_prefixes_of_their_own() {
    let d = tempdir();
    // Two variants with one label and nothing of their own: their cuts draw the same.
    let f = write(
        d.path(),
        "same.yaml",
        "version: 1.1\ntitle: T\nvariants:\n  - { id: a, label: Same }\n  - { id: b, label: Same }\nsteps:\n  - id: s\n    customer: Arrive\n",
    );
    let prefix = |svg: &str| -> String {
        let doc = check_svg(svg);
        doc.root_element().attribute("id").expect("id").to_string()
    };
    let (a, b) = (
        render_svg(&f, &["--variant", "a"]),
        render_svg(&f, &["--variant", "b"]),
    );
    assert_ne!(prefix(&a), prefix(&b));
    assert_ne!(prefix(&a), prefix(&render_svg(&f, &[])));
}

#[test]
fn every_error_and_warning_of_variants_comes_in_one_run() {
    let d = tempdir();
    let f = write(
        d.path(),
        "bad.yaml",
        r#"version: 1.1
title: Coffee to go
variants:
  - { id: counter, label: At the counter }
  - { id: app, label: Order ahead in the app }
  - { id: drive, label: Drive-through }
steps:
  - id: order
    variant: [cuonter]
    duration: { counter: 3 min, ap: 1 min }
    customer:
      - { id: app-order, text: Order in the app, variant: app }
      - { text: Order, variant: [] }
  - id: collect
    customer: { id: pick-up, text: Pick up at the counter, variant: counter }
flows:
  - { from: app-order, to: pick-up }
"#,
    );
    let (code, found, json) = check_json(&f);
    assert_eq!(code, 1);
    assert_eq!(
        codes(&found),
        [
            "unused-variant",
            "unknown-ref",
            "unknown-ref",
            "empty-list",
            "flow-across-variants"
        ]
    );
    let helps: Vec<&str> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["help"].as_str())
        .collect();
    assert!(helps.contains(&"did you mean `counter`?"), "{helps:?}");
    assert!(helps.contains(&"did you mean `app`?"), "{helps:?}");
}

#[test]
fn a_version_1_file_may_not_use_variants() {
    let d = tempdir();
    let f = write(
        d.path(),
        "v1.yaml",
        "version: 1\ntitle: T\nvariants:\n  - { id: a }\nsteps:\n  - id: s\n    variant: a\n    duration: { a: 1 day }\n    customer: { text: Arrive, variant: a }\n",
    );
    let (_, found, _) = check_json(&f);
    assert_eq!(
        codes(&found),
        [
            "needs-version",
            "needs-version",
            "needs-version",
            "needs-version"
        ]
    );
}

/// `variants:` holds at most `MAX_VARIANTS` entries: that many pass, one more is
/// `limit-exceeded`.
#[test]
fn variants_hold_at_most_max_variants() {
    let max = blueprint::limits::MAX_VARIANTS;
    let d = tempdir();
    for (n, ok) in [(max, true), (max + 1, false)] {
        let list: String = (0..n).map(|i| format!("  - {{ id: v{i} }}\n")).collect();
        let all: Vec<String> = (0..n).map(|i| format!("v{i}")).collect();
        let f = write(
            d.path(),
            "many.yaml",
            format!(
                "version: 1.1\ntitle: T\nvariants:\n{list}steps:\n  - id: s\n    customer: {{ text: Arrive, variant: [{}] }}\n",
                all.join(", ")
            ),
        );
        let (code, found, _) = check_json(&f);
        if ok {
            assert_eq!((code, codes(&found)), (0, vec![]), "{n} variants");
            // And every one of them is drawn as a badge, wrapped inside its card.
            let svg = render_svg(&f, &[]);
            let doc = check_svg(&svg);
            assert_eq!(texts_with_class(&doc, "variant-badge").len(), 2 * n);
        } else {
            assert_eq!(codes(&found), ["limit-exceeded"], "{n} variants");
        }
    }
}

/// A step cut of the whole figure draws each variant's customer path, as the whole figure
/// does: the self-serve trial and the enterprise demo beside it are never joined.
#[test]
fn a_step_cut_keeps_each_variants_customer_path() {
    let svg = render_svg(&saas(), &["--steps", "1..4"]);
    let doc = check_svg(&svg);
    let path: Vec<(&str, &str)> = doc
        .descendants()
        .filter(|n| {
            n.attribute("class")
                .is_some_and(|c| c.split(' ').any(|c| c == "customer-path"))
        })
        .filter_map(|n| Some((n.attribute("data-from")?, n.attribute("data-to")?)))
        .collect();
    for pair in [
        ("discover.customer.1", "trial.customer.1"),
        ("discover.customer.1", "demo.customer.1"),
        ("trial.customer.1", "checklist"),
        ("demo.customer.1", "kickoff"),
    ] {
        assert!(path.contains(&pair), "{pair:?} in {path:?}");
    }
    assert!(
        !path.contains(&("trial.customer.1", "demo.customer.1")),
        "{path:?}"
    );
    assert!(!path.contains(&("checklist", "kickoff")), "{path:?}");
}

/// `--split-phases --variant`: one figure per phase of that variant, each named after both.
#[test]
fn split_phases_with_a_variant_cuts_each_figure_to_it() {
    let d = tempdir();
    let out = d.path().join("out");
    bin()
        .arg("render")
        .arg(saas())
        .args(["--split-phases", "--variant", "ss", "--out-dir"])
        .arg(&out)
        .assert()
        .success();
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .expect("out dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "saas-onboarding-variant-ss-setup.svg",
            "saas-onboarding-variant-ss-sign-up.svg"
        ]
    );
    let svg = std::fs::read_to_string(out.join("saas-onboarding-variant-ss-sign-up.svg"))
        .expect("figure");
    let doc = check_svg(&svg);
    assert_eq!(
        texts_with_class(&doc, "subtitle"),
        ["Self-serve · Sign up: steps 1–2 of 4"]
    );
}
