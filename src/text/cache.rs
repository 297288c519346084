//! What a measurer keeps: [`Metrics`], what is known about the width of one string, and
//! [`State`], the caches of one `Measure` (metrics by string, shaping plans, the characters no
//! font has) and the buffers reused between calls, among them the wrapper's [`Piece`]s.
//! Uses the fonts' [`FontKey`].

// foldhash: several times faster than SipHash on short words, and still seeded per process,
// so text an input controls cannot be made to collide.
use foldhash::HashMap;
use rustybuzz::{Direction, Script, ShapePlan, UnicodeBuffer};
use std::collections::BTreeSet;

use super::fonts::FontKey;

/// What is known about the width of one string, in em.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct Metrics {
    /// Shaped advance sum (kerning and substitutions applied), plus estimates for graphemes no
    /// font has.
    pub(super) shaped: f64,
    /// Unkerned advance sum of each character's nominal glyph, plus the same estimates.
    pub(super) nominal: f64,
    /// Every run was shaped with Inter as Latin (or as Latin for want of any script), and no
    /// glyph is one a rule matching a space may change ([`SpaceFacts::across`]): the condition
    /// for adding the metrics of pieces instead of shaping them together
    /// (see `Wrapper::line_width`).
    pub(super) summable: bool,
    /// No glyph is kerned against a following space ([`SpaceFacts::before`]).
    pub(super) spaces_apart: bool,
}

impl Metrics {
    pub(super) fn em(self) -> f64 {
        self.shaped.max(self.nominal)
    }

    /// The metrics of two strings side by side, when they provably shape apart as together.
    pub(super) fn then(self, next: Metrics) -> Metrics {
        Metrics {
            shaped: self.shaped + next.shaped,
            nominal: self.nominal + next.nominal,
            summable: self.summable && next.summable,
            spaces_apart: self.spaces_apart && next.spaces_apart,
        }
    }
}

/// Mutable per-instance caches.
#[derive(Default)]
pub(super) struct State {
    /// Metrics of strings measured at [`Weight::Regular`].
    pub(super) regular: HashMap<Box<str>, Metrics>,
    /// Metrics of strings measured at [`Weight::Bold`].
    pub(super) bold: HashMap<Box<str>, Metrics>,
    /// Shaping plans are slow to build (the rustybuzz docs say so), so build one per font,
    /// direction and script.
    pub(super) plans: HashMap<(FontKey, Direction, Script), ShapePlan>,
    /// Characters seen that neither Inter nor the fallback font has.
    pub(super) missing: BTreeSet<char>,
    /// Reused between shaping calls to avoid reallocating.
    pub(super) buffer: Option<UnicodeBuffer>,
    /// Reused between [`Measure::wrap`] calls: a paragraph's UAX #14 segments, and its pieces.
    pub(super) segments: Vec<(usize, usize)>,
    pub(super) pieces: Vec<Piece>,
    /// The metrics of one space, by weight: what follows nearly every word, asked for without
    /// hashing.
    pub(super) space: [Option<Metrics>; 2],
}

/// A unit the greedy line filler places: a UAX #14 segment, or one grapheme of a segment too
/// wide for a line on its own. Byte offsets into the trimmed text.
pub(super) struct Piece {
    pub(super) start: usize,
    /// End of the drawn part (before trailing white space).
    pub(super) content_end: usize,
    /// Metrics of `start..content_end`.
    pub(super) content: Metrics,
    /// Metrics including trailing white space (what a following piece is placed after).
    pub(super) full: Metrics,
    /// First grapheme of an over-long word: it starts a line, as CSS `overflow-wrap:
    /// break-word` does, rather than being split across the end of the previous line.
    pub(super) starts_long_word: bool,
}
