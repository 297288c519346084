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
