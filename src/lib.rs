//! `blueprint`: service blueprints written in YAML, checked and rendered to SVG.
//!
//! The pipeline, one module per stage: parse → validate → layout → render → write.
//! A module may use the ones listed above it, never those below.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod diag;
pub mod geom;
pub mod layout;
pub mod limits;
pub mod model;
pub mod parse;
pub mod render;
pub mod schema;
pub mod span;
pub mod text;
pub mod theme;
pub mod validate;
pub mod write;
