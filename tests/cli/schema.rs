//! `blueprint schema`: the JSON Schema it prints holds the format's top-level keys, every sample
//! validates against it, and it rejects what `check` rejects in the simple cases.

use crate::support::*;

#[test]
fn schema_has_the_top_level_properties_and_every_sample_validates() {
    let out = bin().arg("schema").output().expect("run");
    assert!(out.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON schema");
    let props = schema["properties"].as_object().expect("properties");
    for key in [
        "version",
        "title",
        "subtitle",
        "phases",
        "lanes",
        "steps",
        "flows",
        "customer_path",
    ] {
        assert!(props.contains_key(key), "schema lacks {key}");
    }
    assert_eq!(schema["required"], serde_json::json!(["title", "steps"]));
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    // The samples, and the variants' test blueprint (format 1.1 `variants:`, `variant`, a
    // duration per variant).
    let mut files = samples();
    files.push(root().join("tests/golden/cuts/saas-onboarding.yaml"));
    for s in files {
        let json = yaml_to_json(&std::fs::read_to_string(&s).expect("read"));
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", s.display());
    }
    // And the schema rejects what check rejects, for the simple cases.
    for bad in [
        "title: T\nsteps: [{id: 'a b', customer: x}]\n",
        "title: T\nsteps: [{id: a, emotion: 9}]\n",
        "title: T\ntitel: U\nsteps: [{id: a}]\n",
        // Without `lanes:`, a key that is neither a step field nor a standard lane.
        "title: T\nsteps: [{id: a, custmer: x}]\n",
        // An empty variant list.
        "title: T\nvariants: [{id: v}]\nsteps: [{id: a, variant: []}]\n",
    ] {
        assert!(!validator.is_valid(&yaml_to_json(bad)), "{bad}");
    }
    // With `lanes:`, the file's own lane ids are keys too.
    let own = "title: T\nlanes: [{id: guests, zone: customer}]\nsteps: [{id: a, guests: x}]\n";
    assert!(validator.is_valid(&yaml_to_json(own)), "{own}");
}

#[test]
fn the_schema_offers_the_standard_lanes_at_a_step() {
    let out = bin().arg("schema").output().expect("run");
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON schema");
    let step = &schema["properties"]["steps"]["items"]["properties"];
    for lane in ["evidence", "customer", "onstage", "backstage", "support"] {
        assert_eq!(step[lane]["$ref"], "#/$defs/cell", "{lane}: {step}");
    }
}

/// YAML → JSON through the YAML library the crate reads with (its own reader is internal).
fn yaml_to_json(text: &str) -> serde_json::Value {
    serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("YAML: {e}\n{text}"))
}
