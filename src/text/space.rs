//! Which glyphs of the bundled faces shape differently depending on the text across a space
//! ([`SpaceFacts`]): where none does, a line's width is the sum of its words' cached widths.
//! Worked out from the fonts' GSUB/GPOS tables by the test in `facts.rs` and kept in
//! `space-facts.txt`, so a process reads the result instead of spending 4 ms on the analysis.
//! Uses the fonts' [`Weight`] and the plain-width table's character list.

use super::fonts::Weight;
use super::plain::TABLE_CHARS;
use std::collections::HashSet;

/// Which glyphs of a face shape differently depending on text across a space.
pub(super) struct SpaceFacts {
    /// Glyphs that a GSUB or GPOS rule matching a space glyph may substitute or move.
    pub(super) across: HashSet<u16>,
    /// Glyphs kerned against a following space.
    pub(super) before: HashSet<u16>,
}

/// The [`SpaceFacts`] of the bundled faces, as `facts::space_facts` works them out from the
/// fonts' tables; a test keeps this file in step with the fonts. Per weight, the line
/// `WEIGHT plain:` holds a digit per character of [`PLAIN_WIDTHS`] (1 if its glyph is in
/// `across`, plus 2 if in `before`), and `WEIGHT across:` and `WEIGHT before:` the glyph ids;
/// a weight without all three lines has no facts (every line is shaped whole).
pub(super) static SPACE_FACTS: &str = include_str!("space-facts.txt");

impl SpaceFacts {
    /// The line of [`SPACE_FACTS`] that holds `set` for `weight`, after its key.
    pub(super) fn line(weight: Weight, set: &str) -> Option<&'static str> {
        let name = match weight {
            Weight::Regular => "regular",
            Weight::Bold => "bold",
        };
        SPACE_FACTS.lines().find_map(|line| {
            let (key, rest) = line.split_once(": ").or_else(|| {
                // A set with no glyphs ends at the colon.
                line.strip_suffix(':').map(|key| (key, ""))
            })?;
            (key.split_once(' ') == Some((name, set))).then_some(rest)
        })
    }

    /// The `plain` digits of a bundled face: read at start-up, since plain text, most of any
    /// blueprint, is measured from them and the width table alone (working them out from the
    /// glyph sets and the character map took 0.33 M instructions, about 30 µs, per run).
    pub(super) fn bundled_flags(weight: Weight) -> Option<&'static [u8]> {
        let flags = SpaceFacts::line(weight, "plain")?.as_bytes();
        let known = |set| SpaceFacts::line(weight, set).is_some();
        let well_formed =
            flags.len() == TABLE_CHARS && flags.iter().all(|b| (b'0'..=b'3').contains(b));
        (well_formed && known("across") && known("before")).then_some(flags)
    }

    /// The glyph sets of a bundled face, read from [`SPACE_FACTS`].
    pub(super) fn bundled(weight: Weight) -> Option<SpaceFacts> {
        let set = |name| {
            SpaceFacts::line(weight, name).map(|glyphs| {
                glyphs
                    .split_whitespace()
                    .filter_map(|g| g.parse().ok())
                    .collect()
            })
        };
        Some(SpaceFacts {
            across: set("across")?,
            before: set("before")?,
        })
    }
}
