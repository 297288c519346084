//! The `cli` test binary: the command line and its diagnostics, through the built `blueprint`
//! executable (`assert_cmd`). One of three integration-test binaries (`cli`, `render`,
//! `properties`): each links the whole library once, so tests join a module here rather than
//! adding a `tests/*.rs` of their own. Run alone with `cargo test --test cli`.

#[path = "../support/mod.rs"]
mod support;

mod check;
mod commands;
mod conventions;
mod curves;
mod docs;
mod format11;
mod insight;
mod lsp;
mod output;
mod schema;
mod serve;
mod shell;
mod variants;
mod spans;

/// A small valid blueprint.
const VALID: &str = "title: T\nsteps:\n  - id: a\n    customer: Arrive\n";
