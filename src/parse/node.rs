//! The raw tree both readers build: a YAML value with its byte span, nothing interpreted beyond
//! YAML's own scalars. A module of its own so that `fast.rs` and `library.rs` share it without
//! importing their parent.

use crate::span::Span;

/// A YAML value.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
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
pub(crate) struct Node {
    /// The value.
    pub value: Value,
    /// Its span in the source (for a node reached through an alias: the alias).
    pub span: Span,
}

impl Node {
    /// A short name of the node's type for messages ("a string", "a list", ...).
    pub(crate) fn kind(&self) -> &'static str {
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
