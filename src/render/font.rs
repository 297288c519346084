//! The fonts embedded in the SVG: for each weight the document's text uses, a subset of the
//! bundled Inter face holding the characters written in that weight, as an `@font-face` rule
//! whose source is a WOFF2 `data:` URL. A browser then draws the text with the very font it was
//! measured with, whatever fonts its machine has.
//!
//! The subset is made by `skera` (HarfBuzz's hb-subset ported to Rust): it keeps `cmap`, the
//! metrics and the `GSUB`/`GPOS` lookups of HarfBuzz's default feature list (`kern`, `calt`,
//! `liga`, `ccmp`, `locl`, mark positioning, ...), closed over substitutions, so a browser
//! shapes the text as rustybuzz measured it (kerning, Inter's `->` arrow). It is keyed by the
//! characters only, not by the glyphs shaped, so editing a label leaves the font bytes alone
//! unless a new character appears. WOFF2 is `ttf2woff2` at Brotli quality 0: a few per cent
//! larger than quality 5 at a fraction of the time (see docs/design.md). Both are pure Rust, single
//! threaded and pinned, so the bytes repeat.
//! Uses the font files `text.rs` bundles.

use std::collections::BTreeSet;

use base64::Engine;
use read_fonts::FontRef;
use read_fonts::collections::IntSet;
use read_fonts::types::{NameId, Tag};
use skera::{DEFAULT_DROP_TABLES, DEFAULT_LAYOUT_FEATURES, Plan, SubsetFlags, subset_font};

use crate::text::{BOLD_TTF, REGULAR_TTF, Weight};

/// Brotli quality of the WOFF2 encoding. Quality 5 took about 1 ms per weight and quality 11
/// about 35 ms for 6 % fewer bytes; quality 1 saved 2 ms of a 200-step render for 1.7 KB more
/// on the hotel sample, and quality 0 (one pass, a smaller hash table) another 0.3–0.4 ms of
/// every render for 0.6 KB more (docs/design.md).
const BROTLI_QUALITY: u8 = 0;

/// `name` records kept: the five naming records and version HarfBuzz keeps by default
/// (0–6: copyright, family, subfamily, unique id, full name, version, PostScript name), and
/// the licence description and URL (13, 14), so the subset still says it is under the OFL.
const NAME_IDS: [u16; 9] = [0, 1, 2, 3, 4, 5, 6, 13, 14];

/// The characters written in each weight, as the SVG writer meets them.
#[derive(Default)]
pub(super) struct Used {
    /// ASCII characters as a bit set: nearly all text, and cheaper than a tree per character.
    ascii: [u128; 2],
    other: [BTreeSet<char>; 2],
}

impl Used {
    /// Records every character of `text`, drawn in `weight`.
    pub fn add(&mut self, text: &str, weight: Weight) {
        let w = weight as usize;
        for c in text.chars() {
            if c.is_ascii() {
                self.ascii[w] |= 1 << (c as u32);
            } else {
                self.other[w].insert(c);
            }
        }
    }

    /// The characters used in `weight`, as code points.
    fn unicodes(&self, weight: Weight) -> IntSet<u32> {
        let w = weight as usize;
        let ascii = (0..128u32).filter(|&c| self.ascii[w] & (1 << c) != 0);
        ascii
            .chain(self.other[w].iter().map(|&c| u32::from(c)))
            .collect()
    }

    fn is_empty(&self, weight: Weight) -> bool {
        let w = weight as usize;
        self.ascii[w] == 0 && self.other[w].is_empty()
    }
}

/// One `@font-face` rule per weight used, each on its own line, naming the family `family`.
/// A weight whose subset cannot be made (never seen with the bundled fonts; a test subsets
/// every character they map) is left out, and its text falls back to the rest of the
/// `font-family` list.
pub(super) fn faces(family: &str, used: &Used) -> String {
    let mut out = String::new();
    for (weight, css_weight, bytes) in [
        (Weight::Regular, 400, REGULAR_TTF),
        (Weight::Bold, 700, BOLD_TTF),
    ] {
        if used.is_empty(weight) {
            continue;
        }
        let Some(woff2) = subset(bytes, &used.unicodes(weight)).and_then(|ttf| woff2(&ttf)) else {
            continue;
        };
        out.push_str("@font-face{font-family:'");
        out.push_str(family);
        out.push_str("';font-style:normal;font-weight:");
        out.push_str(&css_weight.to_string());
        out.push_str(";src:url(data:font/woff2;base64,");
        base64::engine::general_purpose::STANDARD.encode_string(&woff2, &mut out);
        out.push_str(") format('woff2')}\n");
    }
    out
}

/// A TrueType subset of `font` with the glyphs of `unicodes` and whatever its default layout
/// features can substitute them with.
pub(super) fn subset(font: &[u8], unicodes: &IntSet<u32>) -> Option<Vec<u8>> {
    let font = FontRef::new(font).ok()?;
    let drop_tables: IntSet<Tag> = DEFAULT_DROP_TABLES.iter().copied().collect();
    let mut scripts = IntSet::<Tag>::empty();
    scripts.invert();
    let features: IntSet<Tag> = DEFAULT_LAYOUT_FEATURES.iter().copied().collect();
    let names: IntSet<NameId> = NAME_IDS.iter().map(|&n| NameId::new(n)).collect();
    let mut languages = IntSet::<u16>::empty();
    // English (United States), the language of Inter's name records.
    languages.insert(0x0409);
    let plan = Plan::new(
        &IntSet::empty(),
        unicodes,
        &font,
        SubsetFlags::default(),
        &drop_tables,
        &scripts,
        &features,
        &names,
        &languages,
    );
    subset_font(&font, &plan).ok()
}

/// `ttf` as WOFF2 (tables stored untransformed, then Brotli; single-threaded, so deterministic).
fn woff2(ttf: &[u8]) -> Option<Vec<u8>> {
    ttf2woff2::encode(ttf, BROTLI_QUALITY.into()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_inter_maps_subsets_and_keeps_its_glyph() {
        for bytes in [REGULAR_TTF, BOLD_TTF] {
            let face = rustybuzz::ttf_parser::Face::parse(bytes, 0).expect("bundled font");
            let mut all = Vec::new();
            for t in face.tables().cmap.into_iter().flat_map(|c| c.subtables) {
                if t.is_unicode() {
                    t.codepoints(|c| all.push(c));
                }
            }
            all.sort_unstable();
            all.dedup();
            let unicodes: IntSet<u32> = all.iter().copied().collect();
            let sub = subset(bytes, &unicodes).expect("subset");
            let sub = rustybuzz::ttf_parser::Face::parse(&sub, 0).expect("subset parses");
            for c in all.iter().filter_map(|&c| char::from_u32(c)) {
                assert!(sub.glyph_index(c).is_some(), "{c:?} lost");
            }
        }
    }

    #[test]
    fn faces_are_one_per_weight_used_and_repeat_byte_for_byte() {
        let mut used = Used::default();
        used.add("Check in -> é", Weight::Regular);
        let one = faces("bp-x-inter", &used);
        assert_eq!(one.lines().count(), 1);
        assert!(one.contains("font-weight:400"));
        used.add("Arrive", Weight::Bold);
        let two = faces("bp-x-inter", &used);
        assert_eq!(two.lines().count(), 2);
        assert!(two.contains("font-weight:700"));
        assert_eq!(two, faces("bp-x-inter", &used));
        assert!(faces("bp-x-inter", &Used::default()).is_empty());
    }
}
