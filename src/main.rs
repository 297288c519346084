//! The `blueprint` binary.
fn main() {}
