//! The fonts embedded in the SVG: for each weight the document's text uses, a subset of the
//! bundled Inter face holding the characters written in that weight, as an `@font-face` rule
//! whose source is a WOFF2 `data:` URL. A browser then draws the text with the very font it was
//! measured with, whatever fonts its machine has.
//!
//! Every subset holds all of printable ASCII (U+0020–U+007E) and whatever other characters the
//! text of that weight uses. Text in ASCII alone, nearly every blueprint, gets a face made once,
//! when the fonts were bundled (`ascii-regular.woff2.b64`, `ascii-bold.woff2.b64`, at Brotli's
//! best quality, kept in base64 as the `data:` URL writes them; a test regenerates them): no
//! subsetting or encoding at render time, the same font bytes for
//! every such diagram whatever its labels say, and an SVG whose text can be edited afterwards
//! (in a browser's devtools, an editor) with any ASCII character.
//!
//! Other subsets are made by `skera` (HarfBuzz's hb-subset ported to Rust): it keeps `cmap`,
//! the metrics and the `GSUB`/`GPOS` lookups of HarfBuzz's default feature list (`kern`,
//! `calt`, `liga`, `ccmp`, `locl`, mark positioning, ...), closed over substitutions, so a
//! browser shapes the text as rustybuzz measured it (kerning, Inter's `->` arrow). They are
//! keyed by characters only, not by the glyphs shaped. WOFF2 is `ttf2woff2` at Brotli quality 0
//! at render time: a few per cent larger than quality 5 at a fraction of the time (see
//! docs/design.md). Both are pure Rust, single threaded and pinned, so the bytes repeat.
//! Uses the font files `text.rs` bundles.

use std::collections::BTreeSet;

use base64::Engine;
use read_fonts::FontRef;
use read_fonts::collections::IntSet;
use read_fonts::types::{NameId, Tag};
use skera::{DEFAULT_DROP_TABLES, DEFAULT_LAYOUT_FEATURES, Plan, SubsetFlags, subset_font};

use crate::layout::DrawnText;
use crate::text::{BOLD_TTF, REGULAR_TTF, Weight};

/// The family name of the embedded fonts of a diagram whose root has id `root`: the diagram's
/// own, so an SVG inlined in an HTML page (where `@font-face` rules are global) neither
/// replaces the page's own Inter with a subset nor has its subset replaced by another
/// diagram's.
pub(super) fn embedded_family(root: &str) -> String {
    format!("{root}-inter")
}

/// Brotli quality of the WOFF2 encoding. Quality 5 took about 1 ms per weight and quality 11
/// about 35 ms for 6 % fewer bytes; quality 1 saved 2 ms of a 200-step render for 1.7 KB more
/// on the hotel sample, and quality 0 (one pass, a smaller hash table) another 0.3–0.4 ms of
/// every render for 0.6 KB more (docs/design.md).
const BROTLI_QUALITY: u8 = 0;

/// Brotli quality of the bundled ASCII faces: made once, so the smallest (about 20 % smaller
/// than quality 0). Only the test that makes them uses it.
#[cfg(test)]
const BUNDLED_QUALITY: u8 = 11;

/// The characters every embedded face holds: printable ASCII.
const PRINTABLE_ASCII: std::ops::RangeInclusive<u32> = 0x20..=0x7e;

/// For each weight, the face of [`PRINTABLE_ASCII`] as WOFF2 in base64, made from the bundled
/// fonts by [`subset`] and [`BUNDLED_QUALITY`] (the test `bundled_ascii_faces_are_the_fonts_subset`
/// checks, and with `BLESS=1` rewrites, them). Kept encoded: base64 of the two faces was 0.19 M
/// instructions of every render, 7 % of a 12-step one.
static ASCII_FACES: [&str; 2] = [
    include_str!("ascii-regular.woff2.b64"),
    include_str!("ascii-bold.woff2.b64"),
];

/// `name` records kept: the five naming records and version HarfBuzz keeps by default
/// (0–6: copyright, family, subfamily, unique id, full name, version, PostScript name), and
/// the licence description and URL (13, 14), so the subset still says it is under the OFL.
const NAME_IDS: [u16; 9] = [0, 1, 2, 3, 4, 5, 6, 13, 14];

/// The characters drawn in each weight, as the layout's text walk lists them
/// ([`crate::layout::Layout::texts`]).
#[derive(Debug, Default, PartialEq)]
pub(super) struct Used {
    /// ASCII characters as a bit set: nearly all text, and cheaper than a tree per character.
    ascii: [u128; 2],
    other: [BTreeSet<char>; 2],
}

impl Used {
    /// Records every character of `text`, drawn in `weight`.
    pub(crate) fn add(&mut self, text: &str, weight: Weight) {
        let w = weight as usize;
        for c in text.chars() {
            if c.is_ascii() {
                self.ascii[w] |= 1 << (c as u32);
            } else {
                self.other[w].insert(c);
            }
        }
    }

    /// Records every character of `texts`, each block in its own weight.
    pub(crate) fn add_texts<'a>(&mut self, texts: impl IntoIterator<Item = DrawnText<'a>>) {
        for t in texts {
            let weight = if t.text.bold {
                Weight::Bold
            } else {
                Weight::Regular
            };
            for l in &t.text.lines {
                self.add(&l.text, weight);
            }
        }
    }

    /// Adds the characters of `other`.
    pub(crate) fn absorb(&mut self, other: Used) {
        for (w, (ascii, set)) in other.ascii.into_iter().zip(other.other).enumerate() {
            self.ascii[w] |= ascii;
            self.other[w].extend(set);
        }
    }

    /// The characters `weight`'s face holds: printable ASCII, and the others used in it.
    fn unicodes(&self, weight: Weight) -> IntSet<u32> {
        let w = weight as usize;
        let ascii = (0..128u32).filter(|&c| self.ascii[w] & (1 << c) != 0);
        PRINTABLE_ASCII
            .chain(ascii)
            .chain(self.other[w].iter().map(|&c| u32::from(c)))
            .collect()
    }

    /// Whether `weight`'s text is ASCII alone, so the bundled face holds all of it.
    fn is_ascii(&self, weight: Weight) -> bool {
        self.other[weight as usize].is_empty()
    }

    /// Whether [`faces`] has a subset to make (text beyond ASCII), rather than only bundled
    /// faces to copy: work worth a thread.
    pub(crate) fn needs_subset(&self) -> bool {
        !(self.is_ascii(Weight::Regular) && self.is_ascii(Weight::Bold))
    }

    fn is_empty(&self, weight: Weight) -> bool {
        let w = weight as usize;
        self.ascii[w] == 0 && self.other[w].is_empty()
    }
}

/// The bundled weights: which, its CSS `font-weight`, its TrueType bytes.
const WEIGHTS: [(Weight, &str, &[u8]); 2] = [
    (Weight::Regular, "400", REGULAR_TTF),
    (Weight::Bold, "700", BOLD_TTF),
];

/// One `@font-face` rule per weight used, each on its own line, naming the family `family`.
/// A weight whose subset cannot be made (never seen with the bundled fonts; a test subsets
/// every character they map) is left out, and its text falls back to the rest of the
/// `font-family` list.
pub(super) fn faces(family: &str, used: &Used) -> String {
    let mut out = String::new();
    for (weight, css_weight, bytes) in WEIGHTS {
        if used.is_empty(weight) {
            continue;
        }
        let made = if used.is_ascii(weight) {
            None
        } else {
            let subset = subset(bytes, &used.unicodes(weight));
            let Some(woff2) = subset.and_then(|t| woff2(&t, BROTLI_QUALITY)) else {
                continue;
            };
            Some(woff2)
        };
        out.push_str("@font-face{font-family:'");
        out.push_str(family);
        out.push_str("';font-style:normal;font-weight:");
        out.push_str(css_weight);
        out.push_str(";src:url(data:font/woff2;base64,");
        match made {
            Some(woff2) => base64::engine::general_purpose::STANDARD.encode_string(woff2, &mut out),
            None => out.push_str(ASCII_FACES[weight as usize]),
        }
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

/// `ttf` as WOFF2 (tables stored untransformed, then Brotli at `quality`; single-threaded, so
/// deterministic).
fn woff2(ttf: &[u8], quality: u8) -> Option<Vec<u8>> {
    ttf2woff2::encode(ttf, quality.into()).ok()
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

    /// The bundled ASCII faces are what [`subset`] makes of the bundled fonts today; with
    /// `BLESS=1` this rewrites them (after a font, skera or ttf2woff2 update).
    #[test]
    fn bundled_ascii_faces_are_the_fonts_subset() {
        let ascii: IntSet<u32> = PRINTABLE_ASCII.collect();
        for (weight, _, bytes) in WEIGHTS {
            let made = subset(bytes, &ascii)
                .and_then(|ttf| woff2(&ttf, BUNDLED_QUALITY))
                .expect("the ASCII subset");
            let made = base64::engine::general_purpose::STANDARD.encode(made);
            let name = ["ascii-regular.woff2.b64", "ascii-bold.woff2.b64"][weight as usize];
            if std::env::var_os("BLESS").is_some_and(|v| v == "1") {
                let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("src/render")
                    .join(name);
                std::fs::write(path, &made).expect("write the bundled face");
            } else {
                assert!(
                    made == ASCII_FACES[weight as usize],
                    "src/render/{name} is stale: BLESS=1 cargo test --lib render::font"
                );
            }
        }
    }

    #[test]
    fn every_face_holds_all_printable_ascii_and_the_characters_used() {
        let mut used = Used::default();
        used.add("Wait", Weight::Regular);
        used.add("Café → done", Weight::Bold);
        let css = faces("bp-x-inter", &used);
        let engine = base64::engine::general_purpose::STANDARD;
        let mut lines = css.lines();
        for (extra, line) in [("", lines.next()), ("é→", lines.next())] {
            let line = line.expect("a face per weight");
            let b64 = line
                .split("base64,")
                .nth(1)
                .and_then(|rest| rest.split(')').next())
                .expect("a data URL");
            let woff2 = engine.decode(b64).expect("base64");
            let ttf = wuff::decompress_woff2(&woff2).expect("WOFF2");
            let face = rustybuzz::ttf_parser::Face::parse(&ttf, 0).expect("the face parses");
            for c in (' '..='~').chain(extra.chars()) {
                assert!(face.glyph_index(c).is_some(), "{c:?} missing");
            }
        }
        // ASCII alone: the bundled face, whatever the words.
        let mut other = Used::default();
        other.add("Check in", Weight::Regular);
        let regular = css.lines().next().expect("Regular");
        assert_eq!(faces("bp-x-inter", &other).lines().next(), Some(regular));
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
