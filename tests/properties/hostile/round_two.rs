//! Hostile input, round two (issue 19): the newer surfaces (cuts, themes, outputs, signals,
//! echoed arguments, rasters). One test per class, named `class_N_…` after the list,
//! each through the real binary under the suite's timeout and an address-space cap of
//! [`ONE_GB_KB`], the most any accepted input may need.

use super::{exclusive, run_capped_at};
use crate::support;
use std::ffi::OsStr;

/// The memory promise of round two: the largest accepted input of each kind stays under 1 GB.
const ONE_GB_KB: u32 = 1_048_576;

/// Class 1: did-you-mean is paid for in characters compared, for blueprints and for cuts. A
/// dozen 10,000-character ids with as many near-miss references, and 12,000 unknown `--steps`
/// ids on a 10,000-step blueprint, both answer within the timeout; every unknown id is still
/// reported (the cut's up to the one diagnostic cap).
#[test]
fn class_1_did_you_mean_work_is_counted_in_characters() {
    let _alone = exclusive();
    let d = support::tempdir();
    let ids: Vec<String> = (0..12)
        .map(|i| format!("a{i:02}{}", "x".repeat(9_997)))
        .collect();
    let mut s = String::from("title: T\nsteps:\n");
    for id in &ids {
        s.push_str(&format!("  - id: {id}\n    customer: c\n"));
    }
    s.push_str("flows:\n");
    for id in &ids {
        let near = format!("{}y{}", &id[..id.len() - 1], "z".repeat(100));
        s.push_str(&format!(
            "  - {{from: {near}.customer, to: {}.customer}}\n",
            ids[0]
        ));
    }
    let long = support::write(d.path(), "long-ids.yaml", &s);
    let r = run_capped_at(
        ONE_GB_KB,
        "check",
        &[
            OsStr::new("check"),
            OsStr::new("--format"),
            OsStr::new("json"),
            long.as_os_str(),
        ],
        None,
    );
    eprintln!("long ids ({} bytes): check {:.2?}", s.len(), r.elapsed);
    assert!(r.fatal().is_empty(), "{}", r.fatal().join("\n"));
    assert_eq!(r.code, Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&r.stdout).expect("json");
    assert_eq!(doc["errors"], 12, "{doc}");

    let mut big = String::from("title: T\nsteps:\n");
    for i in 0..10_000 {
        big.push_str(&format!("  - id: step{i}\n    customer: c\n"));
    }
    let big = support::write(d.path(), "big.yaml", &big);
    let unknown: Vec<String> = (0..12_000).map(|i| format!("st{i}")).collect();
    let steps = unknown.join(",");
    let r = run_capped_at(
        ONE_GB_KB,
        "render",
        &[
            OsStr::new("render"),
            big.as_os_str(),
            OsStr::new("--steps"),
            OsStr::new(&steps),
            OsStr::new("-o"),
            OsStr::new("-"),
        ],
        None,
    );
    eprintln!("12,000 unknown --steps ids: render {:.2?}", r.elapsed);
    assert!(r.fatal().is_empty(), "{}", r.fatal().join("\n"));
    assert_eq!(r.code, Some(1), "{}", r.stderr_text());
    let err = r.stderr_text();
    assert!(
        err.contains("no step has the id"),
        "{}",
        &err[..err.len().min(2000)]
    );
    assert!(
        err.contains("MAX_DIAGNOSTICS"),
        "the cut's report is capped"
    );
}
