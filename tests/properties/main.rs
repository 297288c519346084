//! The `properties` test binary: what must hold for every input, however broken, hostile or
//! big. Hostile files and generated attacks under a timeout and a memory cap, every limit on
//! both sides, seeded mutations of the samples. One of three integration-test binaries (`cli`,
//! `render`, `properties`): each links the whole library once, so tests join a module here
//! rather than adding a `tests/*.rs` of their own. Run alone with `cargo test --test properties`.

#[path = "../support/mod.rs"]
mod support;

mod gate;
// Runs the binary under `sh` and `ulimit`.
#[cfg(unix)]
mod hostile;
mod limits;
mod mutation;
