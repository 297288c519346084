//! TODO(#4)
