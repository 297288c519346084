//! Schema (in progress).
