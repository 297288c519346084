//! Layout (issue 4).
