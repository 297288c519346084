//! The `render` test binary: what `blueprint render` draws. The SVG contract and geometry, every
//! golden file, cuts, fonts, PNG and PDF, themes. One of three integration-test binaries (`cli`,
//! `render`, `properties`): each links the whole library once, so tests join a module here
//! rather than adding a `tests/*.rs` of their own.
//!
//! Every golden file is compared in golden.rs through `support/golden.rs`, so after an intended
//! change to the output one command rewrites them all: `BLESS=1 cargo test --test render`.

#[path = "../support/mod.rs"]
mod support;

mod cuts;
mod emotion;
mod fonts;
mod golden;
mod raster;
mod svg;
mod themes;
