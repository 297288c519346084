//! Spanning cards (format 1.1 `until`) through the binary: the errors and warnings with their
//! places, a covered step not reported empty, and the card found in the SVG by its contract
//! (`data-until`, its x-range over the union of its columns; in a cut, a "continues" chevron
//! on each clipped side).

use crate::support::*;

/// Every `until` problem of a file in one run, each at the `until` value.
#[test]
fn until_errors_and_warnings_come_in_one_run_at_their_values() {
    let d = tempdir();
    let f = write(
        d.path(),
        "bad.yaml",
        "version: 1.1
title: Spans
steps:
  - id: enrol
    customer: Signs up
    support: { text: Reminders, until: d240 }
  - id: visit
    customer: { text: Clinic visit, until: enrol }
    onstage: { text: Nurse, until: visit }
    backstage: { id: rec, text: Record }
  - id: d240
    customer: { text: Birth, until: visti }
    onstage: { text: Call, until: rec }
",
    );
    let (code, found, doc) = check_json(&f);
    assert_eq!(code, 1, "{doc}");
    let at: Vec<(u64, u64, &str)> = found.iter().map(|x| (x.1, x.2, x.3.as_str())).collect();
    assert_eq!(
        at,
        [
            (8, 44, "span-backwards"),
            (9, 36, "span-single-step"),
            (12, 37, "unknown-ref"),
            (13, 35, "unknown-ref"),
        ],
        "{doc}"
    );
    let text = doc.to_string();
    assert!(text.contains("did you mean `visit`?"), "{text}");
    assert!(text.contains("is an item, not a step"), "{text}");
    assert!(text.contains("the item's own step"), "{text}");
}

/// A step a span covers is not empty; one it does not cover still is. `until` is format 1.1.
#[test]
fn a_covered_step_is_not_empty_and_until_needs_version_1_1() {
    let d = tempdir();
    let body = "title: T
steps:
  - id: a
    customer: { text: Long wait, until: c }
  - id: b
  - id: c
    customer: Done
  - id: e
";
    let f = write(d.path(), "ok.yaml", format!("version: 1.1\n{body}"));
    let (code, found, _) = check_json(&f);
    assert_eq!(code, 0);
    let empty: Vec<u64> = found
        .iter()
        .filter(|x| x.3 == "empty-step")
        .map(|x| x.1)
        .collect();
    assert_eq!(empty, [9], "only step e is empty: {found:?}");
    let v1 = write(d.path(), "v1.yaml", format!("version: 1\n{body}"));
    let (code, found, _) = check_json(&v1);
    assert_eq!(code, 1);
    assert!(codes(&found).contains(&"needs-version"), "{found:?}");
}

/// The maternal-health blueprint of the contract's example: spans in three lanes, two of them
/// overlapping in one lane's rows, one across the phase boundary.
const MATERNAL: &str = include_str!("spans.yaml");

/// Each column's x-range in the SVG (its header box), by step id.
fn columns(doc: &roxmltree::Document) -> std::collections::HashMap<String, (f64, f64)> {
    with_class(doc, "step")
        .into_iter()
        .filter_map(|g| {
            let r = Bx::of(first_rect(g)?);
            Some((g.attribute("data-step")?.to_string(), (r.x, r.x + r.w)))
        })
        .collect()
}

/// Every card with `data-until`, found by walking the SVG: its card's x-range.
fn spanning(doc: &roxmltree::Document) -> Vec<(String, String, String, Bx)> {
    with_class(doc, "item")
        .into_iter()
        .filter_map(|g| {
            let until = g.attribute("data-until")?;
            let card = g
                .children()
                .find(|n| n.attribute("class") == Some("card"))?;
            Some((
                g.attribute("data-id")?.to_string(),
                g.attribute("data-step")?.to_string(),
                until.to_string(),
                Bx::of(card),
            ))
        })
        .collect()
}

/// A spanning card's x-range is the union of its columns: from its step's left edge to its
/// `until` step's right edge; no card overlaps another.
#[test]
fn a_spanning_card_covers_the_union_of_its_columns() {
    let d = tempdir();
    let svg = render_svg(&write(d.path(), "m.yaml", MATERNAL), &[]);
    let doc = check_svg(&svg);
    let cols = columns(&doc);
    let spans = spanning(&doc);
    assert_eq!(spans.len(), 5, "{spans:?}");
    for (id, step, until, r) in &spans {
        let (x0, x1) = (cols[step].0, cols[until].1);
        assert!(
            (r.x - x0).abs() < 0.01 && (r.x + r.w - x1).abs() < 0.01,
            "{id}: card {:?} on {step}..{until} = {x0}..{x1}",
            (r.x, r.x + r.w)
        );
    }
    let cards: Vec<Bx> = with_class(&doc, "card").into_iter().map(Bx::of).collect();
    for (i, a) in cards.iter().enumerate() {
        for b in &cards[i + 1..] {
            assert!(!a.overlaps(b), "{a:?} overlaps {b:?}");
        }
    }
    assert!(
        with_class(&doc, "continues").is_empty(),
        "no chevron (and no legend entry for one) outside a cut"
    );
}

/// Cut by phase through the middle of a span: the card keeps its name and `data-until`, lies on
/// the kept columns it covers, and has a "continues" chevron on the clipped side only.
#[test]
fn a_cut_clips_a_span_with_a_chevron_on_the_clipped_side() {
    let d = tempdir();
    let f = write(d.path(), "m.yaml", MATERNAL);
    for (phase, side, first, last) in [
        ("pregnancy", "after", "d120", "d240"),
        ("infancy", "before", "birth", "birth"),
    ] {
        let svg = render_svg(&f, &["--phase", phase]);
        let doc = check_svg(&svg);
        let cols = columns(&doc);
        let g = with_class(&doc, "item")
            .into_iter()
            .find(|g| g.attribute("data-id") == Some("d120.onstage.1"))
            .unwrap_or_else(|| panic!("the check-up span in the {phase} cut"));
        assert_eq!(g.attribute("data-until"), Some("birth"), "{phase}");
        let chevrons: Vec<&str> = g
            .children()
            .filter(|n| n.attribute("class") == Some("continues"))
            .filter_map(|n| n.attribute("data-side"))
            .collect();
        assert_eq!(chevrons, [side], "{phase}");
        let legend = with_class(&doc, "legend-entry")
            .into_iter()
            .filter(|e| e.attribute("data-mark") == Some("continues"))
            .count();
        assert_eq!(legend, 1, "{phase}: the legend explains the chevron");
        let card = Bx::of(first_rect(g).expect("card"));
        assert!(
            (card.x - cols[first].0).abs() < 0.01 && (card.x + card.w - cols[last].1).abs() < 0.01,
            "{phase}: {card:?}"
        );
    }
}
