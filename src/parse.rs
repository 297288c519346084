//! YAML text → a raw tree of spanned nodes. Two readers: `fast.rs` reads the block-style
//! subset nearly every blueprint is written in straight into nodes; anything else (and every
//! error) is read by the YAML library itself, serde-saphyr (`library.rs`), which also enforces
//! the budget from `limits` while it parses. Both give the same tree for a text the fast reader
//! accepts (the differential tests in `parse/tests.rs`). This module and its children are the
//! only place that names the YAML crate (why serde-saphyr: docs/design.md). Types are not
//! interpreted here beyond YAML's own scalars: a plain `no` arrives as `Bool(false)` with its
//! span, and validation recovers the text written.
//! Uses span, diag, limits.

mod fast;
mod library;
mod node;
#[cfg(test)]
mod tests;

pub(crate) use node::{Node, Value};

use crate::diag::{Diagnostic, Diagnostics};
use crate::limits;
use crate::span::{Source, Span};

/// Parses `source` into a node tree, or the diagnostics saying why it cannot.
pub(crate) fn parse(source: &Source) -> Result<Node, Diagnostics> {
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
    match fast::read(text) {
        Some(node) => Ok(node),
        None => library::read(source),
    }
}
