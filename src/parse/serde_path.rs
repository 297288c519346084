//! The YAML front end parse.rs used before `front.rs`: serde-saphyr deserialising into a
//! `Spanned` visitor. Kept for the differential tests only (`parse/tests.rs`), which check the
//! event front end gives the same nodes, spans and diagnostics.

use super::{Node, Value, label_for, tab_near};
use crate::diag::{Diagnostic, Diagnostics};
use crate::limits;
use crate::span::{Source, Span};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// Parses `source` into a node tree, or the diagnostics saying why it cannot.
pub(super) fn parse(source: &Source) -> Result<Node, Diagnostics> {
    let text = source.text();
    if text.len() > limits::MAX_INPUT_BYTES {
        return Err(Diagnostics::one(
            Diagnostic::error(
                "input-too-large",
                format!(
                    "the file is larger than {} bytes (MAX_INPUT_BYTES)",
                    limits::MAX_INPUT_BYTES
                ),
            )
            .with_label(Span::new(0, 0), "file starts here")
            .with_help("split the blueprint, or raise limits::MAX_INPUT_BYTES and rebuild"),
        ));
    }
    let mut alias_limits = serde_saphyr::options::AliasLimits::default();
    alias_limits.max_total_replayed_events = limits::MAX_ALIAS_REPLAY;
    alias_limits.max_replay_stack_depth = limits::MAX_DEPTH;
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: limits::MAX_DEPTH,
            max_nodes: limits::MAX_NODES,
            max_aliases: limits::MAX_ALIASES,
            max_documents: 1,
            // The replay cap (MAX_ALIAS_REPLAY) bounds amplification exactly; a ratio heuristic would
            // also refuse honest files that reuse one anchor many times.
            enforce_alias_anchor_ratio: false,
            // Events are nodes plus collection ends; the node cap is the one that binds.
            max_events: 4 * limits::MAX_NODES,
            max_total_scalar_bytes: limits::MAX_TOTAL_TEXT_BYTES,
        },
        alias_limits: alias_limits,
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::PassThrough,
        // `.nan` or `1e400` where text is expected is the text written: let the value through
        // and let validation decide (the source span recovers the spelling).
        non_finite_float_policy: serde_saphyr::NonFiniteFloatPolicy::PassThrough,
        with_snippet: false,
    };
    let result: Result<Option<SNode>, _> = serde_saphyr::from_str_with_options(text, options);
    match result {
        Ok(Some(node)) => Ok(node.0),
        Ok(None) => {
            // Point at the first thing that is neither blank nor a comment (`~`, `null`).
            let mut at = 0;
            let mut found = false;
            for line in text.split_inclusive('\n') {
                let t = line.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
                if !t.is_empty() && !t.starts_with('#') {
                    at += line.len() - t.len();
                    found = true;
                    break;
                }
                at += line.len();
            }
            let at = if found { at.min(text.len()) } else { 0 };
            Ok(Node {
                value: Value::Null,
                span: Span::new(at, at),
            })
        }
        Err(e) => Err(Diagnostics::one(yaml_error(source, &e))),
    }
}

/// Turns the YAML crate's error into our diagnostic, at its location.
fn yaml_error(source: &Source, e: &serde_saphyr::Error) -> Diagnostic {
    let loc = e.location();
    let offset = loc
        .and_then(|l| l.span().byte_offset())
        .map(|o| o as usize)
        .or_else(|| loc.map(|l| source.offset_of(l.line() as usize, l.column() as usize)))
        .unwrap_or(0);
    let (code, message, help) = describe(e);
    let offset = if message.contains("tab") {
        tab_near(source, offset).unwrap_or(offset)
    } else {
        offset
    };
    Diagnostic::error(code, message)
        .with_label(Span::new(offset, offset), label_for(code))
        .with_help(help)
}

/// Our code, message and hint for a YAML error: budget breaches name the limit they hit.
fn describe(e: &serde_saphyr::Error) -> (&'static str, String, String) {
    use serde_saphyr::budget::BudgetBreach as B;
    let limit = |what: String, name: &str| {
        (
            "limit-exceeded",
            what,
            format!(
                "this is a safety limit ({name}); docs/security.md lists the limits and how to raise them"
            ),
        )
    };
    let inner = match e {
        serde_saphyr::Error::AliasError { error, .. } => error.as_ref(),
        other => other,
    };
    match inner {
        serde_saphyr::Error::Budget { breach, .. } => match breach {
            B::Documents { .. } => (
                "multiple-documents",
                "the file holds more than one YAML document".to_string(),
                "a blueprint file holds exactly one document: remove the `---` line and what follows, or split it into files".to_string(),
            ),
            B::Depth { .. } => limit(format!("the YAML nests deeper than {} levels", limits::MAX_DEPTH), "MAX_DEPTH"),
            B::Nodes { .. } | B::Events { .. } => limit(format!("the YAML has more than {} nodes", limits::MAX_NODES), "MAX_NODES"),
            B::ScalarBytes { .. } => limit(
                format!(
                    "the YAML holds more than {} bytes of text, counting what aliases repeat",
                    limits::MAX_TOTAL_TEXT_BYTES
                ),
                "MAX_TOTAL_TEXT_BYTES",
            ),
            B::Aliases { .. } => limit(format!("the YAML uses more than {} aliases", limits::MAX_ALIASES), "MAX_ALIASES"),
            _ => limit(
                "the YAML exceeds the parser's budget".to_string(),
                "the YAML budget",
            ),
        },
        serde_saphyr::Error::AliasReplayLimitExceeded { .. }
        | serde_saphyr::Error::AliasExpansionLimitExceeded { .. } => limit(
            format!("aliases expand to more than {} YAML events", limits::MAX_ALIAS_REPLAY),
            "MAX_ALIAS_REPLAY",
        ),
        serde_saphyr::Error::AliasReplayStackDepthExceeded { .. } => limit(
            format!("aliases nest deeper than {} levels", limits::MAX_DEPTH),
            "MAX_DEPTH",
        ),
        _ => {
            let full = inner.without_snippet().to_string();
            // The position is in the label; drop the crate's own " at line …" tail.
            let message = full.split(" at line ").next().unwrap_or(&full).trim().to_string();
            if message.contains("recursion limit") {
                return limit(
                    format!("the YAML nests deeper than {} levels", limits::MAX_DEPTH),
                    "MAX_DEPTH",
                );
            }
            let help = if message.contains("tab") {
                "YAML indents with spaces only: replace the tabs with spaces"
            } else if message.contains("unknown anchor") || message.contains("Unknown anchor") {
                "an alias `*name` must follow its anchor `&name`"
            } else {
                "fix the YAML here; quote text that holds `: `, ` #`, or starts with a special character"
            };
            ("yaml-syntax", message, help.to_string())
        }
    }
}

/// A node as deserialized: our visitor records the span serde-saphyr reports.
struct SNode(Node);

impl<'de> de::Deserialize<'de> for SNode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s: serde_saphyr::Spanned<Raw> = serde_saphyr::Spanned::deserialize(d)?;
        let span = s.referenced.span();
        let start = span.byte_offset().unwrap_or(0) as usize;
        let len = span.byte_len().unwrap_or(0) as usize;
        Ok(SNode(Node {
            value: s.value.0,
            span: Span::new(start, start + len),
        }))
    }
}

/// A value without its own span (the `Spanned` wrapper adds it).
struct Raw(Value);

impl<'de> de::Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw(Value::Null))
    }
    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw(Value::Null))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
        d.deserialize_any(RawVisitor)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw(Value::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw(Value::Int(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Raw, E> {
        Ok(Raw(
            i64::try_from(v).map_or(Value::Float(v as f64), Value::Int)
        ))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Raw, E> {
        Ok(Raw(
            i64::try_from(v).map_or(Value::Float(v as f64), Value::Int)
        ))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Raw, E> {
        Ok(Raw(
            i64::try_from(v).map_or(Value::Float(v as f64), Value::Int)
        ))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Raw, E> {
        Ok(Raw(Value::Float(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw(Value::Str(v.to_string())))
    }
    fn visit_string<E>(self, v: String) -> Result<Raw, E> {
        Ok(Raw(Value::Str(v)))
    }
    fn visit_char<E>(self, v: char) -> Result<Raw, E> {
        Ok(Raw(Value::Str(v.to_string())))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Raw, E> {
        Ok(Raw(Value::Str(String::from_utf8_lossy(v).into_owned())))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(SNode(n)) = seq.next_element()? {
            items.push(n);
        }
        Ok(Raw(Value::Seq(items)))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some(SNode(k)) = map.next_key()? {
            let SNode(v) = map.next_value()?;
            entries.push((k, v));
        }
        Ok(Raw(Value::Map(entries)))
    }
}
