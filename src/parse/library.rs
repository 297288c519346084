//! The library's reader: serde-saphyr deserialising any YAML into [`Node`]s through a visitor
//! wrapped in its `Spanned`, with the budget from `limits` enforced by serde-saphyr while it
//! parses (refusing alias bombs and deep nesting before anything big is built). It reads every
//! text the fast scanner does not (`fast.rs`): anchors and aliases, merge keys, tags, block and
//! multi-line scalars, escapes, BOM and CR line ends, and every error. Errors become our
//! diagnostics here, in our own words: no message naming the library's options or types reaches
//! a user, only the YAML parser's syntax messages.

use super::node::{Node, Value};
use crate::diag::{Diagnostic, Diagnostics};
use crate::limits;
use crate::span::{Source, Span};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Error as E;
use std::fmt;

/// Reads `source` whole, or the diagnostic saying why it cannot.
pub(super) fn read(source: &Source) -> Result<Node, Diagnostics> {
    let text = source.text();
    let mut alias_limits = serde_saphyr::options::AliasLimits::default();
    alias_limits.max_total_replayed_events = limits::MAX_ALIAS_REPLAY;
    alias_limits.max_replay_stack_depth = limits::MAX_DEPTH;
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: limits::MAX_DEPTH,
            max_nodes: limits::MAX_NODES,
            max_aliases: limits::MAX_ALIASES,
            max_documents: 1,
            // The replay cap (MAX_ALIAS_REPLAY) bounds amplification exactly; a ratio heuristic
            // would also refuse honest files that reuse one anchor many times.
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
        // Tags are never acted on (docs/security.md): `!!binary "…"` is the text written, not
        // its base64 decoded (which let a quoted value smuggle other text past a reviewer, and
        // failed on text that is not base64 of UTF-8).
        ignore_binary_tag_for_string: true,
    };
    match serde_saphyr::from_str_with_options::<Option<SNode>>(text, options) {
        Ok(Some(node)) => Ok(node.0),
        Ok(None) => Ok(null_document(text)),
        Err(e) => Err(Diagnostics::one(yaml_error(source, &e))),
    }
}

/// A document that is null (empty, only comments, `~`): `Null` at the first thing that is
/// neither blank nor a comment.
fn null_document(text: &str) -> Node {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
        if !t.is_empty() && !t.starts_with('#') {
            let at = (at + line.len() - t.len()).min(text.len());
            return Node {
                value: Value::Null,
                span: Span::new(at, at),
            };
        }
        at += line.len();
    }
    Node {
        value: Value::Null,
        span: Span::new(0, 0),
    }
}

/// Turns the library's error into our diagnostic, at its location.
fn yaml_error(source: &Source, e: &E) -> Diagnostic {
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
    let label = match code {
        "multiple-documents" => "a second document starts here",
        "limit-exceeded" => "limit reached here",
        _ => "here",
    };
    Diagnostic::error(code, message)
        .with_label(Span::new(offset, offset), label)
        .with_help(help)
}

/// The parser reports a tab in indentation at the token before it; find the tab itself in the
/// indentation of this line or the next two.
fn tab_near(source: &Source, offset: usize) -> Option<usize> {
    let (line, _) = source.line_col(offset as u32);
    (line..line + 3).find_map(|l| {
        let text = source.line_text(l);
        let indent = text.len() - text.trim_start_matches([' ', '\t', '-']).len();
        text[..indent]
            .find('\t')
            .map(|i| source.offset_of(l, 1) + i)
    })
}

/// Our code, message and hint for a YAML error. Budget breaches name the limit they hit; the
/// parser's syntax messages are passed on; every other message is ours, so none of the
/// library's own advice (its option and function names) reaches a user.
fn describe(e: &E) -> (&'static str, String, String) {
    use serde_saphyr::budget::BudgetBreach as B;
    let limit = |what: String, name: &str| {
        let help = format!(
            "this is a safety limit ({name}); docs/security.md lists the limits and how to raise them"
        );
        ("limit-exceeded", what, help)
    };
    let depth = || {
        let what = format!("the YAML nests deeper than {} levels", limits::MAX_DEPTH);
        limit(what, "MAX_DEPTH")
    };
    let syntax = |message: &str| {
        let help = if message.contains("tab") {
            "YAML indents with spaces only: replace the tabs with spaces"
        } else if message.contains("unknown anchor") {
            "an alias `*name` must follow its anchor `&name`"
        } else {
            "fix the YAML here; quote text that holds `: `, ` #`, or starts with a special character"
        };
        ("yaml-syntax", escape_controls(message), help.to_string())
    };
    match e {
        // An error inside a value reached through an alias: the inner error, at the alias.
        E::AliasError { error, .. } => describe(error),
        E::Budget { breach, .. } => match breach {
            B::Documents { .. } => multiple_documents(),
            B::Depth { .. } => depth(),
            B::Nodes { .. } | B::Events { .. } => limit(
                format!("the YAML has more than {} nodes", limits::MAX_NODES),
                "MAX_NODES",
            ),
            B::ScalarBytes { .. } => limit(
                format!(
                    "the YAML holds more than {} bytes of text, counting what aliases repeat",
                    limits::MAX_TOTAL_TEXT_BYTES
                ),
                "MAX_TOTAL_TEXT_BYTES",
            ),
            B::Aliases { .. } => limit(
                format!("the YAML uses more than {} aliases", limits::MAX_ALIASES),
                "MAX_ALIASES",
            ),
            _ => limit(
                "the YAML exceeds the parser's budget".to_string(),
                "the YAML budget",
            ),
        },
        E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayCounterOverflow { .. } => limit(
            format!(
                "aliases expand to more than {} YAML events",
                limits::MAX_ALIAS_REPLAY
            ),
            "MAX_ALIAS_REPLAY",
        ),
        E::AliasReplayStackDepthExceeded { .. } => limit(
            format!("aliases nest deeper than {} levels", limits::MAX_DEPTH),
            "MAX_DEPTH",
        ),
        E::MultipleDocuments { .. } => multiple_documents(),
        // The YAML parser's own message (granit-parser: "mapping values are not allowed in this
        // context", ...).
        E::ExternalMessage { msg, .. } if msg.contains("recursion limit") => depth(),
        E::ExternalMessage { msg, .. } => syntax(msg),
        E::UnknownAnchor { .. } => syntax("alias references unknown anchor"),
        E::Eof { .. } => syntax("unexpected end of input"),
        E::RecursiveReferencesRequireWeakTypes { .. } => {
            syntax("an alias names the node it is part of")
        }
        E::MergeValueNotMapOrSeqOfMaps { .. } => {
            syntax("YAML merge value must be mapping or sequence of mappings")
        }
        E::UnsupportedTag { tag, .. } => syntax(&format!("unsupported tag `{tag}`")),
        E::UnsupportedIncludeForm { .. } => syntax("`!include` is not supported"),
        E::InvalidBinaryBase64 { .. } => syntax("invalid !!binary base64"),
        E::BinaryNotUtf8 { .. } => syntax("the !!binary value does not decode to UTF-8 text"),
        E::TaggedScalarCannotDeserializeIntoString { .. } => {
            syntax("a value with this tag cannot be read as text")
        }
        E::InvalidScalar { ty, .. } => syntax(match *ty {
            "boolean" => "invalid boolean",
            "floating point" => "invalid floating point",
            _ => "invalid integer",
        }),
        // Nothing else arises from reading any YAML into a tree with our options; should a
        // later version of the library add an error, it still gets our words, not its own.
        _ => syntax("this YAML cannot be read"),
    }
}

fn multiple_documents() -> (&'static str, String, String) {
    (
        "multiple-documents",
        "the file holds more than one YAML document".to_string(),
        "a blueprint file holds exactly one document: remove the `---` line and what follows, or split it into files".to_string(),
    )
}

/// Control characters (and line/paragraph separators) in a message, escaped as Rust does.
fn escape_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if ch.is_control() || matches!(ch, '\u{2028}' | '\u{2029}') {
            out.extend(ch.escape_debug());
        } else {
            out.push(ch);
        }
    }
    out
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
    /// Integers beyond `i64` are floats (serde-saphyr reads any number into 64 bits).
    fn visit_u64<E>(self, v: u64) -> Result<Raw, E> {
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
