//! The `editor` suite: `blueprint schema` in yaml-language-server (npm), the language server
//! behind VS Code's and many editors' YAML support, driven over stdio LSP by
//! tests/clients/editor.js. At a step it completes the standard lane keys; in a file without
//! `lanes:` it flags a step key that is neither a step field nor a standard lane (`custmer:`);
//! a file's own declared lanes are not flagged.

use crate::need;
use crate::support;
use serde_json::{Value, json};

const SUITE: &str = "editor";

#[test]
fn the_schema_completes_lane_keys_and_flags_unknown_ones_in_yaml_language_server() {
    if need::npm_package(SUITE, "yaml-language-server").is_none() {
        return;
    }
    let dir = support::tempdir();
    let out = support::bin().arg("schema").output().expect("run");
    assert!(out.status.success());
    let schema = support::write(dir.path(), "blueprint.schema.json", &out.stdout);
    let documents = [
        // The cursor on the step's empty line: what may go there.
        (
            "complete",
            "title: T\nsteps:\n  - id: a\n    \n",
            vec![[3, 4]],
        ),
        (
            "typo",
            "title: T\nsteps:\n  - id: a\n    custmer: x\n",
            vec![],
        ),
        (
            "declared",
            "title: T\nlanes:\n  - id: guests\n    zone: customer\nsteps:\n  - id: a\n    guests: x\n",
            vec![],
        ),
    ];
    let documents: Vec<Value> = documents
        .iter()
        .map(|(name, text, positions)| {
            let path = support::write(dir.path(), &format!("{name}.yaml"), text);
            json!({ "name": name, "path": path, "text": text, "positions": positions })
        })
        .collect();
    let config = json!({ "schema": schema, "documents": documents });
    let reports = need::node_reports("editor.js", dir.path(), &config);
    for r in &reports {
        eprintln!("editor: {r}");
    }
    let [complete, typo, declared] = &reports[..] else {
        panic!("three reports: {reports:?}")
    };
    let offered = complete["completions"][0].as_array().expect("a list");
    for lane in ["evidence", "customer", "onstage", "backstage", "support"] {
        assert!(
            offered.contains(&json!(lane)),
            "{lane} not offered: {offered:?}"
        );
    }
    assert_eq!(complete["diagnostics"], json!([]));
    let flagged = typo["diagnostics"].as_array().expect("a list");
    assert!(
        flagged
            .iter()
            .any(|d| d["line"] == 3 && d["message"].as_str().is_some_and(|m| m.contains("custmer"))),
        "custmer: not flagged: {flagged:?}"
    );
    assert_eq!(
        declared["diagnostics"],
        json!([]),
        "a declared lane is flagged"
    );
}
