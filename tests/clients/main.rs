//! The `clients` test binary: the figure and the tool in programs nobody here wrote (browsers,
//! slide tools, SVG libraries, editors' language clients). Each suite asks [`need`] for the
//! programs it drives; under plain `cargo test` a missing one skips the suite with a visible
//! message, so the README's test command passes on a fresh machine; `.ci/run` installs them
//! (`.ci/clients`) and sets `BLUEPRINT_CLIENTS=required`, which turns a missing program into a
//! failure. Run alone with `cargo test --test clients`.

#[path = "../support/mod.rs"]
mod support;

mod fit;
mod flowcheck;
mod need;
mod editor;
mod page;
mod preview;
mod viewers;
