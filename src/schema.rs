//! The JSON Schema of format version 1.1 (which a version 1 file also meets), built from the key tables in `validate/keys.rs` — the
//! same tables validation checks against — so the schema cannot drift from the parser.
//! Uses validate and model (the standard lanes).

use crate::model::Zone;
use crate::validate::keys::{self, Key, Kind};
use serde_json::{Map, Value, json};

/// The schema's `$id`.
pub const SCHEMA_ID: &str = "https://blueprint.dev/schema/v1.json";

/// The JSON Schema (draft 2020-12) of a blueprint file.
pub fn schema() -> Value {
    let mut root = object(keys::TOP, false);
    let obj = root.as_object_mut().expect("object schema");
    obj.insert(
        "$schema".into(),
        json!("https://json-schema.org/draft/2020-12/schema"),
    );
    obj.insert("$id".into(), json!(SCHEMA_ID));
    obj.insert(
        "title".into(),
        json!("Service blueprint (blueprint format version 1.1)"),
    );
    // A file without `lanes:` has the five standard lanes and no other: there, a step key that
    // is neither a step field nor a standard lane is an error (`unknown-key`), and the schema
    // says so too. With `lanes:` the lane ids are the file's own, which a schema cannot read,
    // so a step stays open to any id-like key.
    let mut closed = Map::new();
    for k in keys::STEP
        .iter()
        .map(|k| k.name)
        .chain(Zone::ALL.map(Zone::key))
    {
        closed.insert(k.into(), json!(true));
    }
    obj.insert(
        "if".into(),
        json!({ "required": ["lanes"], "properties": { "lanes": { "type": "array" } } }),
    );
    obj.insert(
        "else".into(),
        json!({ "properties": { "steps": { "items": {
            "properties": closed, "additionalProperties": false
        } } } }),
    );
    obj.insert("$defs".into(), json!({
        "id": { "anyOf": [
            { "type": "string", "pattern": "^[A-Za-z0-9_-]+$" },
            { "type": "integer", "minimum": 0 }
        ] },
        "text": { "type": ["string", "number", "boolean"], "description": "Text; a plain number or boolean is read as the text written." },
        "item": object(keys::ITEM, false),
        "cell": {
            "description": "A cell: a string (one item), a list of strings and/or item mappings, or an item mapping.",
            "anyOf": [
                { "$ref": "#/$defs/text" },
                { "type": "null" },
                { "$ref": "#/$defs/item" },
                { "type": "array", "items": { "anyOf": [ { "$ref": "#/$defs/text" }, { "$ref": "#/$defs/item" } ] } }
            ]
        }
    }));
    root
}

/// The schema of a mapping whose keys are `table`; `open` lets other keys through (lanes in
/// steps), and lists the standard lanes among its properties.
fn object(table: &[Key], open: bool) -> Value {
    let mut props = Map::new();
    // Keys of 1.1 not drawn yet are refused by validation, so the schema leaves them out too.
    for k in table.iter().filter(|k| !matches!(k.kind, Kind::NotYet)) {
        let mut v = kind(k.kind);
        if !k.required {
            // An optional key left empty (`subtitle:`) means the key is absent.
            v = json!({ "anyOf": [v, { "type": "null" }] });
        }
        if let Some(o) = v.as_object_mut() {
            o.insert("description".into(), json!(k.doc));
        }
        props.insert(k.name.into(), v);
    }
    if open {
        // The standard lanes as properties of their own, so an editor offers them at a step
        // (yaml-language-server completes `properties`, never `additionalProperties`).
        for z in Zone::ALL {
            let (lane, label) = (z.key(), z.default_label());
            props.insert(
                lane.into(),
                json!({ "$ref": "#/$defs/cell", "description": format!(
                    "The step's cell in the standard lane `{lane}` ({label}); with `lanes:`, only if it declares `{lane}`."
                ) }),
            );
        }
    }
    let required: Vec<&str> = table
        .iter()
        .filter(|k| k.required)
        .map(|k| k.name)
        .collect();
    let mut o = Map::new();
    o.insert("type".into(), json!("object"));
    o.insert("properties".into(), Value::Object(props));
    o.insert("required".into(), json!(required));
    if open {
        o.insert(
            "additionalProperties".into(),
            json!({ "$ref": "#/$defs/cell" }),
        );
        o.insert(
            "propertyNames".into(),
            json!({ "pattern": "^[A-Za-z0-9_-]+$" }),
        );
    } else {
        o.insert("additionalProperties".into(), json!(false));
    }
    Value::Object(o)
}

fn kind(k: Kind) -> Value {
    match k {
        Kind::Text => json!({ "$ref": "#/$defs/text" }),
        Kind::Id => json!({ "$ref": "#/$defs/id" }),
        Kind::Int(min, max) => json!({ "type": "integer", "minimum": min, "maximum": max }),
        Kind::Bool => json!({ "type": "boolean" }),
        Kind::Enum(words) => json!({ "enum": words }),
        Kind::ItemRef => json!({ "anyOf": [
            { "type": "string", "pattern": "^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+(\\.[1-9][0-9]*)?)?$" },
            { "type": "integer", "minimum": 0 }
        ] }),
        Kind::PhaseRef | Kind::StepRef => json!({ "$ref": "#/$defs/id" }),
        Kind::Link => json!({
            "type": "string",
            "pattern": "^\\s*([Hh][Tt][Tt][Pp][Ss]?|[Mm][Aa][Ii][Ll][Tt][Oo]):"
        }),
        Kind::Cell => json!({ "$ref": "#/$defs/cell" }),
        Kind::Version => json!({ "enum": [1, 1.1] }),
        Kind::Words(words) => json!({ "anyOf": [
            { "enum": words },
            { "type": "array", "items": { "enum": words } }
        ] }),
        Kind::Meta => json!({
            "type": "object",
            "propertyNames": { "pattern": "^[a-z][a-z0-9-]*$" },
            "maxProperties": crate::limits::MAX_META_KEYS,
            "additionalProperties": { "anyOf": [
                { "$ref": "#/$defs/text" },
                { "type": "array", "items": { "$ref": "#/$defs/text" } }
            ] }
        }),
        Kind::Feeling(min, max, table) => {
            let one = json!({ "anyOf": [
                { "type": "integer", "minimum": min, "maximum": max },
                object(table, false)
            ] });
            json!({ "anyOf": [
                one.clone(),
                {
                    "type": "object",
                    "propertyNames": { "pattern": "^[A-Za-z0-9_-]+$" },
                    "additionalProperties": one
                }
            ] })
        }
        Kind::TextOrMap(table) => json!({ "anyOf": [
            { "$ref": "#/$defs/text" },
            object(table, false)
        ] }),
        Kind::VariantRefs => json!({ "anyOf": [
            { "$ref": "#/$defs/id" },
            { "type": "array", "minItems": 1, "items": { "$ref": "#/$defs/id" } }
        ] }),
        Kind::TextPerVariant => json!({ "anyOf": [
            { "$ref": "#/$defs/text" },
            {
                "type": "object",
                "propertyNames": { "pattern": "^[A-Za-z0-9_-]+$" },
                "additionalProperties": { "$ref": "#/$defs/text" }
            }
        ] }),
        Kind::MapRef => json!({
            "type": "string",
            "pattern": "^(?![/\\\\])(?!.*//)[^:\\\\]*\\.([Yy][Aa]?[Mm][Ll]|[Ss][Vv][Gg]|[Pp][Nn][Gg]|[Pp][Dd][Ff]|[Hh][Tt][Mm][Ll])(#[^#]*)?$"
        }),
        Kind::TagRefs => json!({ "anyOf": [
            { "$ref": "#/$defs/id" },
            { "type": "array", "items": { "$ref": "#/$defs/id" } }
        ] }),
        Kind::NotYet => json!(false),
        Kind::List(table) => {
            // Steps carry lanes as extra keys; every other list is closed.
            let open = std::ptr::eq(table, keys::STEP);
            json!({ "type": "array", "items": object(table, open) })
        }
    }
}
