//! Links the `blueprint` binary as a position-dependent executable on Linux.
//!
//! A position-independent one (Rust's default) has ~9,600 relative relocations that the dynamic
//! loader applies at every start, copying the pages they land on: 0.4–0.5 ms of a 2 ms render
//! of a small blueprint, measured (docs/performance.md). Only the executable's own image loses
//! address randomisation; the heap, the stacks and the shared libraries keep it
//! (docs/security.md). `BLUEPRINT_PIE=1` at build time keeps the default.

fn main() {
    println!("cargo:rerun-if-env-changed=BLUEPRINT_PIE");
    let linux = std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux");
    let pie = std::env::var("BLUEPRINT_PIE").is_ok_and(|v| v == "1");
    if linux && !pie {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
