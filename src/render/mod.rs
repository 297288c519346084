//! Rendering (issue 4).
