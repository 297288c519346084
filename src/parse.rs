//! Parsing (in progress).
