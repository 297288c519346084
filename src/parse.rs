//! YAML text → a raw tree of spanned nodes. This module (with `parse/front.rs`) is the only
//! place that names the YAML crates: granit-parser's events, read through serde-saphyr's
//! re-export, are turned into nodes directly, resolving scalars as serde-saphyr does (why these
//! crates, and why events rather than serde: docs/design.md). It enforces the budget from
//! `limits`, and keeps every key and value with its byte span, so validation can point at
//! anything. Types are not interpreted here beyond YAML's own scalars: a plain `no` arrives as
//! `Bool(false)` with its span, and validation recovers the text written.
//! Uses span, diag, limits.

mod fast;
mod front;
#[cfg(test)]
mod serde_path;
mod split;
#[cfg(test)]
mod tests;

use crate::diag::{Diagnostic, Diagnostics};
use crate::limits;
use crate::span::{Source, Span};
use front::{Breach, Kind, Pos, YamlError};

/// A YAML value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `~`, `null` or nothing.
    Null,
    /// `true` / `false` (and YAML 1.1 spellings such as `no`, `on`).
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A float (also integers beyond `i64`).
    Float(f64),
    /// A string.
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in source order, duplicates kept (validation reports them).
    Map(Vec<(Node, Node)>),
}

/// A YAML node and where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Its span in the source (for a node reached through an alias: the alias).
    pub span: Span,
}

impl Node {
    /// A short name of the node's type for messages ("a string", "a list", ...).
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// Parses `source` into a node tree, or the diagnostics saying why it cannot.
pub fn parse(source: &Source) -> Result<Node, Diagnostics> {
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
    // A big text is read in parts on two threads when it can be (`split.rs`), else whole.
    let read = match split::read(text, split::SPLIT_FROM) {
        Some(node) => Ok(Some(node)),
        None => front::read(text),
    };
    match read {
        Ok(Some(node)) => Ok(node),
        Ok(None) => Ok(null_document(text)),
        Err(e) => Err(Diagnostics::one(yaml_error(source, &e))),
    }
}

/// A document that is null (empty, only comments, `~`): `Null` at the first thing that is
/// neither blank nor a comment.
fn null_document(text: &str) -> Node {
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
    Node {
        value: Value::Null,
        span: Span::new(at, at),
    }
}

/// Turns a YAML error into our diagnostic, at its location.
fn yaml_error(source: &Source, e: &YamlError) -> Diagnostic {
    let offset = match e.pos() {
        Some(Pos::Byte(offset)) => offset,
        Some(Pos::LineCol(line, column)) => source.offset_of(line, column),
        None => 0,
    };
    let (code, message, help) = describe(&e.kind);
    let offset = if message.contains("tab") {
        tab_near(source, offset).unwrap_or(offset)
    } else {
        offset
    };
    Diagnostic::error(code, message)
        .with_label(Span::new(offset, offset), label_for(code))
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

fn label_for(code: &str) -> &'static str {
    match code {
        "multiple-documents" => "a second document starts here",
        "limit-exceeded" => "limit reached here",
        _ => "here",
    }
}

/// Our code, message and hint for a YAML error: budget breaches name the limit they hit.
fn describe(kind: &Kind) -> (&'static str, String, String) {
    let limit = |what: String, name: &str| {
        (
            "limit-exceeded",
            what,
            format!(
                "this is a safety limit ({name}); docs/security.md lists the limits and how to raise them"
            ),
        )
    };
    match kind {
        Kind::Budget(breach) => match breach {
            Breach::Documents => (
                "multiple-documents",
                "the file holds more than one YAML document".to_string(),
                "a blueprint file holds exactly one document: remove the `---` line and what follows, or split it into files".to_string(),
            ),
            Breach::Depth => limit(format!("the YAML nests deeper than {} levels", limits::MAX_DEPTH), "MAX_DEPTH"),
            Breach::Nodes | Breach::Events => limit(format!("the YAML has more than {} nodes", limits::MAX_NODES), "MAX_NODES"),
            Breach::ScalarBytes => limit(
                format!(
                    "the YAML holds more than {} bytes of text, counting what aliases repeat",
                    limits::MAX_TOTAL_TEXT_BYTES
                ),
                "MAX_TOTAL_TEXT_BYTES",
            ),
            Breach::Aliases => limit(format!("the YAML uses more than {} aliases", limits::MAX_ALIASES), "MAX_ALIASES"),
            Breach::Anchors
            | Breach::MergeKeys
            | Breach::Unbalanced
            | Breach::RecordedAnchorEvents
            | Breach::RecordedAnchorBytes => limit(
                "the YAML exceeds the parser's budget".to_string(),
                "the YAML budget",
            ),
        },
        Kind::ReplayLimit => limit(
            format!("aliases expand to more than {} YAML events", limits::MAX_ALIAS_REPLAY),
            "MAX_ALIAS_REPLAY",
        ),
        Kind::ReplayDepth => limit(
            format!("aliases nest deeper than {} levels", limits::MAX_DEPTH),
            "MAX_DEPTH",
        ),
        _ => {
            let full = escape_controls(&kind.message());
            // The position is in the label; keep only the message before any " at line …".
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
