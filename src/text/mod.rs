//! Text measurement and line wrapping with the bundled Inter 4.001 fonts (`assets/`, OFL-1.1).
//!
//! Widths come from shaping with rustybuzz (the shaper resvg uses, so measured and rasterised
//! widths agree) and from the fonts' unkerned advances via ttf-parser; the larger of the two is
//! used so a viewer that skips kerning still fits. Line breaks follow Unicode UAX #14
//! (`unicode-linebreak`); a word wider than the line is cut between grapheme clusters
//! (`unicode-segmentation`). Widths are cached per segment; a wrapped line's width is the sum of
//! its segments' where Inter's GSUB/GPOS rules provably cannot act across the spaces between
//! them (worked out from the fonts' tables by `facts`, in tests, and kept in `space-facts.txt`;
//! see `SpaceFacts`), and the line shaped whole otherwise. Words of plain Latin characters
//! (ASCII letters but `x`, digits, most punctuation, Latin-1's letters, typographic quotes) are
//! not shaped at all: their widths are summed from a table of each character and
//! each kerned pair that rustybuzz gave (`plain-widths.bin`, see `PLAIN_WIDTHS`), which is
//! exact for them because no other rule of default shaping can act.
//! Layout measures and wraps; render never does. Uses nothing else in the crate.

// foldhash: several times faster than SipHash on short words, and still seeded per process,
// so text an input controls cannot be made to collide.
use foldhash::HashMap;
use std::collections::{BTreeSet, HashSet};
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use rustybuzz::ttf_parser::GlyphId;
use rustybuzz::{Direction, Face, Script, ShapePlan, UnicodeBuffer};
use unicode_linebreak::{BreakOpportunity, linebreaks};
use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

/// Inter Regular 4.001, static instance (from `@expo-google-fonts/inter` 0.4.2).
pub(crate) static REGULAR_TTF: &[u8] = include_bytes!("../../assets/Inter-Regular.ttf");
/// Inter Bold 4.001, static instance (from `@expo-google-fonts/inter` 0.4.2).
pub(crate) static BOLD_TTF: &[u8] = include_bytes!("../../assets/Inter-Bold.ttf");

/// Line height as a multiple of the font size. Inter's own ascent + descent is about 1.21 em;
/// 1.3 leaves room for accents on capitals and descenders without lines touching, and is a
/// round number a reader of the SVG can check.
const LINE_HEIGHT_EM: f64 = 1.3;

/// Assumed width, in em, of a grapheme no font has, by kind. Conservative on purpose: a viewer
/// will draw these with some system fallback font we cannot see, and overestimating only costs
/// a little white space while underestimating makes text overflow its box.
const MISSING_EMOJI_EM: f64 = 1.25;
/// See [`MISSING_EMOJI_EM`]: East Asian Wide and Fullwidth characters are 1 em in every CJK font.
const MISSING_WIDE_EM: f64 = 1.0;
/// See [`MISSING_EMOJI_EM`]: anything else (Arabic, Hebrew, Devanagari, …).
const MISSING_OTHER_EM: f64 = 0.6;

/// Strings longer than this (bytes) are measured but not cached: they are lines or huge words,
/// seldom measured twice, and would only crowd out the short segments that repeat.
const CACHE_MAX_KEY: usize = 256;
/// Entries per weight before the width cache is emptied. Bounds memory for a huge input (a few
/// MB at most) while a typical blueprint's distinct words fit many times over.
const CACHE_MAX_ENTRIES: usize = 16_384;

/// Font weight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Weight {
    /// Inter Regular.
    Regular,
    /// Inter Bold.
    Bold,
}

/// One wrapped line and its measured width.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// The text of the line (no trailing break, no trailing white space).
    pub text: String,
    /// Its width in px at the size it was wrapped for; always equal to
    /// [`Measure::width`] of `text`.
    pub width: f64,
}

/// Measures and wraps text with the bundled font.
///
/// Widths are cached per instance (per string segment, in em, so one cache serves every size),
/// together with shaping plans and the set of characters no font had. That state sits behind a
/// `Mutex` rather than a `RefCell` so a `Measure` is `Send + Sync` and can be shared by
/// reference across threads; the lock is uncontended (layout's second thread measures with a
/// [`Measure::fork`] of its own) and costs nanoseconds.
#[derive(Default)]
pub struct Measure {
    /// Extra font tried for graphemes Inter lacks (checked to parse in [`Measure::with_fallback`]).
    fallback: Option<Arc<[u8]>>,
    state: Mutex<State>,
}

impl fmt::Debug for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Not the font bytes: hundreds of KB of numbers help nobody reading a debug dump.
        f.debug_struct("Measure")
            .field("fallback_bytes", &self.fallback.as_ref().map(|b| b.len()))
            .finish_non_exhaustive()
    }
}

/// Which font a run of text is shaped with (part of the shaping-plan cache key), and so the
/// font a [`PlacedGlyph`] is drawn from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FontKey {
    /// Inter Regular.
    Regular,
    /// Inter Bold.
    Bold,
    /// The fallback font of [`Measure::with_fallback`].
    Fallback,
}

/// One glyph of a line as [`Measure::glyphs`] places it: the same shaping as measurement.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlacedGlyph {
    /// The font to draw it from.
    pub font: FontKey,
    /// Its glyph id in that font.
    pub id: u16,
    /// Its origin in em from the start of the line on the baseline, x to the right, y up.
    pub x: f64,
    /// See `x`.
    pub y: f64,
}

/// One segment of a glyph outline, in em from the glyph's origin, y up (the font's own axes).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Segment {
    /// Start a contour at (x, y).
    Move(f64, f64),
    /// A straight line to (x, y).
    Line(f64, f64),
    /// A quadratic curve through control point (x1, y1) to (x, y).
    Quad(f64, f64, f64, f64),
    /// A cubic curve through (x1, y1) and (x2, y2) to (x, y).
    Cubic(f64, f64, f64, f64, f64, f64),
    /// Close the contour.
    Close,
}

/// What is known about the width of one string, in em.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Metrics {
    /// Shaped advance sum (kerning and substitutions applied), plus estimates for graphemes no
    /// font has.
    shaped: f64,
    /// Unkerned advance sum of each character's nominal glyph, plus the same estimates.
    nominal: f64,
    /// Every run was shaped with Inter as Latin (or as Latin for want of any script), and no
    /// glyph is one a rule matching a space may change ([`SpaceFacts::across`]): the condition
    /// for adding the metrics of pieces instead of shaping them together
    /// (see `Wrapper::line_width`).
    summable: bool,
    /// No glyph is kerned against a following space ([`SpaceFacts::before`]).
    spaces_apart: bool,
}

impl Metrics {
    fn em(self) -> f64 {
        self.shaped.max(self.nominal)
    }

    /// The metrics of two strings side by side, when they provably shape apart as together.
    fn then(self, next: Metrics) -> Metrics {
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
struct State {
    /// Metrics of strings measured at [`Weight::Regular`].
    regular: HashMap<Box<str>, Metrics>,
    /// Metrics of strings measured at [`Weight::Bold`].
    bold: HashMap<Box<str>, Metrics>,
    /// Shaping plans are slow to build (the rustybuzz docs say so), so build one per font,
    /// direction and script.
    plans: HashMap<(FontKey, Direction, Script), ShapePlan>,
    /// Characters seen that neither Inter nor the fallback font has.
    missing: BTreeSet<char>,
    /// Reused between shaping calls to avoid reallocating.
    buffer: Option<UnicodeBuffer>,
    /// Reused between [`Measure::wrap`] calls: a paragraph's UAX #14 segments, and its pieces.
    segments: Vec<(usize, usize)>,
    pieces: Vec<Piece>,
    /// The metrics of one space, by weight: what follows nearly every word, asked for without
    /// hashing.
    space: [Option<Metrics>; 2],
}

/// The two bundled faces as the shaper needs them, parsed on first use and kept for the life
/// of the process. Building them (rustybuzz reads the layout tables) costs about 0.05 ms;
/// plain text needs only [`light`].
struct Inter {
    regular: Face<'static>,
    bold: Face<'static>,
}

impl Inter {
    fn face(&self, weight: Weight) -> &Face<'static> {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }
}

fn inter() -> &'static Inter {
    static INTER: OnceLock<Inter> = OnceLock::new();
    INTER.get_or_init(|| Inter {
        // The bytes are compiled in and a test parses them, so failure here is a build defect,
        // not something any input can cause.
        regular: Face::from_slice(REGULAR_TTF, 0).expect("bundled Inter-Regular.ttf parses"),
        bold: Face::from_slice(BOLD_TTF, 0).expect("bundled Inter-Bold.ttf parses"),
    })
}

/// A bundled face read for its metrics and character map alone, and its [`SpaceFacts`]: all
/// that measuring plain text (from [`PLAIN_WIDTHS`]) and placing lines need.
struct Light {
    face: rustybuzz::ttf_parser::Face<'static>,
    weight: Weight,
    /// For each character of [`PLAIN_WIDTHS`] by index, whether its glyph is in
    /// [`SpaceFacts::across`] (bit 0) and in [`SpaceFacts::before`] (bit 1), as written in
    /// [`SPACE_FACTS`]; `None` when the face has no facts.
    flags: Option<&'static [u8]>,
    facts: OnceLock<Option<SpaceFacts>>,
}

impl Light {
    /// [`SpaceFacts`] of the face, read the first time text beyond the plain table is
    /// measured; none when the face has no flags (the two come from the same file).
    fn facts(&'static self) -> Option<&'static SpaceFacts> {
        self.facts
            .get_or_init(|| self.flags.and_then(|_| SpaceFacts::bundled(self.weight)))
            .as_ref()
    }
}

fn light(weight: Weight) -> &'static Light {
    static LIGHT: [OnceLock<Light>; 2] = [OnceLock::new(), OnceLock::new()];
    LIGHT[weight as usize].get_or_init(|| {
        let bytes = match weight {
            Weight::Regular => REGULAR_TTF,
            Weight::Bold => BOLD_TTF,
        };
        Light {
            // Compiled in and parsed by a test, as for [`inter`].
            face: rustybuzz::ttf_parser::Face::parse(bytes, 0).expect("bundled Inter parses"),
            weight,
            flags: SpaceFacts::bundled_flags(weight),
            facts: OnceLock::new(),
        }
    })
}

impl Measure {
    /// A measurer over the bundled fonts.
    pub fn new() -> Measure {
        Measure::default()
    }

    /// A measurer that shapes graphemes Inter lacks (CJK, Arabic, emoji, …) with the font in
    /// `font_bytes` (TrueType/OpenType; the first face of a collection), for both weights.
    /// Graphemes neither font has still get the conservative width estimate.
    ///
    /// # Errors
    /// A message if `font_bytes` is not a font rustybuzz can parse.
    pub fn with_fallback(font_bytes: Vec<u8>) -> Result<Measure, String> {
        match Face::from_slice(&font_bytes, 0) {
            Some(face) if face.units_per_em() > 0 => {}
            Some(_) => return Err("fallback font has no units-per-em".to_string()),
            None => {
                return Err("fallback font could not be parsed as TrueType/OpenType".to_string());
            }
        }
        Ok(Measure {
            fallback: Some(font_bytes.into()),
            state: Mutex::default(),
        })
    }

    /// Distance from the baseline up to Inter's ascender line at `size` px (about 0.97 em).
    pub fn ascent(size: f64) -> f64 {
        let f = &light(Weight::Regular).face;
        f64::from(f.ascender()) / f64::from(f.units_per_em()) * clean_size(size)
    }

    /// Distance from the baseline down to Inter's descender line at `size` px, as a positive
    /// number (about 0.24 em).
    pub fn descent(size: f64) -> f64 {
        let f = &light(Weight::Regular).face;
        -f64::from(f.descender()) / f64::from(f.units_per_em()) * clean_size(size)
    }

    /// Baseline-to-baseline distance for wrapped lines at `size` px: 1.3 × `size`, a little
    /// more than Inter's ascent + descent (about 1.21 em) so stacked lines never touch.
    pub fn line_height(size: f64) -> f64 {
        LINE_HEIGHT_EM * clean_size(size)
    }

    /// The distinct characters measured so far (by this instance) that neither Inter nor the
    /// fallback font has, in code-point order, so the caller can warn once. Control characters
    /// and default-ignorable ones (joiners, variation selectors) are never listed: they are not
    /// meant to be drawn.
    pub fn missing_glyphs(&self) -> Vec<char> {
        self.lock().missing.iter().copied().collect()
    }

    /// A measurer with the same fonts and empty caches, for another thread: it measures
    /// exactly as this one does (widths are a function of the text), without sharing a lock.
    /// [`Measure::absorb`] takes back what it learnt that the caller reports.
    pub fn fork(&self) -> Measure {
        Measure {
            fallback: self.fallback.clone(),
            state: Mutex::default(),
        }
    }

    /// Adds the characters `other` (a [`Measure::fork`]) found no font for to this one's.
    pub fn absorb(&self, other: Measure) {
        let theirs = other.state.into_inner().unwrap_or_else(|e| e.into_inner());
        self.lock().missing.extend(theirs.missing);
    }

    /// Width of `text` on one line at `size` px: the larger of its shaped width (kerning and
    /// contextual alternates applied) and the sum of its unkerned advances. Line breaks inside
    /// `text` are not interpreted (control characters measure as a space). A negative or
    /// non-finite `size` measures as 0.
    pub fn width(&self, text: &str, size: f64, weight: Weight) -> f64 {
        let mut st = self.lock();
        self.metrics(&mut st, text, weight).em() * clean_size(size)
    }

    /// `text` broken into lines no wider than `max_width` px: at UAX #14 break opportunities,
    /// and at every mandatory break (`\n`, `\r\n`, U+2028, …). A word wider than `max_width` on
    /// its own starts a new line and is cut between grapheme clusters; only a single grapheme
    /// wider than `max_width` can make a line exceed it. Text stays in logical order (no bidi
    /// reordering).
    ///
    /// White space at the start and end of `text` is dropped, so empty or whitespace-only
    /// `text` gives an empty `Vec`. Inside, an empty paragraph (`"a\n\nb"`) gives an empty
    /// line, indentation after a newline is kept, and white space at a line's end is neither
    /// kept nor counted. A NaN `max_width` counts as 0 (one grapheme per line).
    pub fn wrap(&self, text: &str, size: f64, weight: Weight, max_width: f64) -> Vec<Line> {
        self.wrap_needing(text, size, weight, max_width).0
    }

    /// [`Measure::wrap`], and the least width from which wrapping `text` gives these same
    /// lines: the largest width the wrapper compared with `max_width` on the way (each word
    /// alone, each line as it grew, each line's measured width). With `max_width` infinite,
    /// that is the width from which the text needs no wrap, and its lines can be kept for any
    /// width at least that (layout measures every card unwrapped first, then wraps it at its
    /// column's width).
    pub fn wrap_needing(
        &self,
        text: &str,
        size: f64,
        weight: Weight,
        max_width: f64,
    ) -> (Vec<Line>, f64) {
        let size = clean_size(size);
        let max = if max_width.is_nan() { 0.0 } else { max_width };
        let text = text.trim();
        let mut lines = Vec::new();
        if text.is_empty() {
            return (lines, 0.0);
        }
        let mut st = self.lock();
        let mut segments = std::mem::take(&mut st.segments);
        segments.clear();
        let mut wrapper = Wrapper {
            m: self,
            st: &mut st,
            text,
            size,
            weight,
            max,
            needed: 0.0,
            lines: &mut lines,
        };
        let mut start = 0;
        for (end, kind) in linebreaks(text) {
            segments.push((start, end));
            start = end;
            if kind == BreakOpportunity::Mandatory {
                wrapper.paragraph(&segments);
                segments.clear();
            }
        }
        // UAX #14 always ends with a mandatory break, but don't rely on it for correctness.
        if start < text.len() {
            segments.push((start, text.len()));
        }
        if !segments.is_empty() {
            wrapper.paragraph(&segments);
        }
        let needed = wrapper.needed;
        st.segments = segments;
        (lines, needed)
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock can at worst leave a cache missing an entry or a
        // plan; every entry it does hold is complete, so a poisoned lock is safe to reuse.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Metrics of `text`, from the cache when possible.
    fn metrics(&self, st: &mut State, text: &str, weight: Weight) -> Metrics {
        if text.is_empty() {
            return Metrics {
                summable: true,
                spaces_apart: true,
                ..Metrics::default()
            };
        }
        if text == " " {
            if let Some(m) = st.space[weight as usize] {
                return m;
            }
            let m = self.measure(st, text, weight);
            st.space[weight as usize] = Some(m);
            return m;
        }
        let cacheable = text.len() <= CACHE_MAX_KEY;
        if cacheable {
            let map = match weight {
                Weight::Regular => &st.regular,
                Weight::Bold => &st.bold,
            };
            if let Some(&w) = map.get(text) {
                return w;
            }
        }
        let w = self.measure(st, text, weight);
        if cacheable {
            let map = match weight {
                Weight::Regular => &mut st.regular,
                Weight::Bold => &mut st.bold,
            };
            if map.len() >= CACHE_MAX_ENTRIES {
                map.clear();
            }
            map.insert(text.into(), w);
        }
        w
    }

    /// Metrics of `text`, computed: the text is cut into runs of graphemes by which font has
    /// them (Inter, else the fallback, else none), font runs are shaped, and graphemes no font
    /// has get an estimate.
    fn measure(&self, st: &mut State, text: &str, weight: Weight) -> Metrics {
        let bundled = light(weight);
        let flags = bundled.flags;
        // Plain text is one Inter run, shaped as Latin: what the loop below would find, from
        // the table instead of the shaper (and the facts of its glyphs from the table too;
        // without facts, every glyph counts as reacting to spaces).
        if let Some((s, n, bits)) = plain_measure(text, weight, flags.unwrap_or(&[])) {
            let upem = f64::from(bundled.face.units_per_em().max(1));
            return Metrics {
                shaped: s as f64 / upem,
                nominal: n as f64 / upem,
                summable: flags.is_some() && bits & 1 == 0,
                spaces_apart: flags.is_some() && bits & 2 == 0,
            };
        }
        let facts = bundled.facts();
        let inter = inter();
        let (primary, primary_key) = match weight {
            Weight::Regular => (&inter.regular, FontKey::Regular),
            Weight::Bold => (&inter.bold, FontKey::Bold),
        };
        // Parsed only when Inter lacks something: with no fallback or no exotic text the bytes
        // are never touched. Re-parsing per uncached segment costs microseconds and avoids a
        // self-referential struct (a Face borrows its bytes).
        let mut fallback: Option<Option<Face<'_>>> = None;

        let space_em = primary
            .glyph_index(' ')
            .and_then(|g| primary.glyph_hor_advance(g))
            .map_or(0.25, |a| f64::from(a) / f64::from(primary.units_per_em()));

        let mut shaped = 0.0;
        let mut nominal = 0.0;
        let mut latin = true;
        let (mut across, mut before) = (facts.is_none(), facts.is_none());
        if let Some(f) = facts {
            for g in text.chars().filter_map(|c| primary.glyph_index(c)) {
                across |= f.across.contains(&g.0);
                before |= f.before.contains(&g.0);
            }
        }
        // The run being collected: (start byte, font), where Some(false) is Inter and
        // Some(true) the fallback.
        let mut run: Option<(usize, bool)> = None;

        for (at, g) in text.grapheme_indices(true) {
            let class = self.classify(primary, &mut fallback, g);
            // Close the open run if this grapheme does not continue it.
            if let Some((start, fb)) = run {
                if class != Class::Font(fb) {
                    let face = if fb {
                        fallback.as_ref().and_then(Option::as_ref)
                    } else {
                        Some(primary)
                    };
                    if let Some(face) = face {
                        let key = if fb { FontKey::Fallback } else { primary_key };
                        let (s, n, l) = shape_run(st, key, face, &text[start..at]);
                        shaped += s;
                        nominal += n;
                        latin &= l && !fb;
                    }
                    run = None;
                }
            }
            match class {
                Class::Font(fb) => {
                    if run.is_none() {
                        run = Some((at, fb));
                    }
                }
                Class::Control => {
                    shaped += space_em;
                    nominal += space_em;
                }
                Class::Missing => {
                    let est = missing_estimate(primary, g);
                    shaped += est;
                    nominal += est;
                    st.missing.extend(
                        g.chars()
                            .filter(|&c| !c.is_control() && !is_default_ignorable(c))
                            .filter(|&c| primary.glyph_index(c).is_none()),
                    );
                }
            }
        }
        if let Some((start, fb)) = run {
            let face = if fb {
                fallback.as_ref().and_then(Option::as_ref)
            } else {
                Some(primary)
            };
            if let Some(face) = face {
                let key = if fb { FontKey::Fallback } else { primary_key };
                let (s, n, l) = shape_run(st, key, face, &text[start..]);
                shaped += s;
                nominal += n;
                latin &= l && !fb;
            }
        }
        Metrics {
            shaped,
            nominal,
            summable: latin && !across,
            spaces_apart: !before,
        }
    }
}

impl Measure {
    /// How grapheme `g` is measured and drawn. `fallback` is the parsed fallback face, parsed
    /// here on first need (`None` inside when there is none or it does not parse).
    fn classify<'a>(
        &'a self,
        primary: &Face<'_>,
        fallback: &mut Option<Option<Face<'a>>>,
        g: &str,
    ) -> Class {
        if g.chars().all(char::is_control) {
            Class::Control
        } else if covers(primary, g) {
            Class::Font(false)
        } else {
            let fb = fallback.get_or_insert_with(|| {
                self.fallback
                    .as_deref()
                    .and_then(|bytes| Face::from_slice(bytes, 0))
            });
            match fb {
                Some(face) if covers(face, g) => Class::Font(true),
                _ => Class::Missing,
            }
        }
    }

    /// The glyphs `text` is drawn with on one line, placed by the shaping that measures it
    /// (same fonts, runs, plans and features), and the line's drawn advance in em (the shaped
    /// width: what a viewer's pen moves, so `width` is never less). A grapheme no font has is
    /// Inter's `.notdef` box, as resvg draws it, advanced by the width measurement assumed;
    /// control characters advance by a space and draw nothing. Runs stay in logical order.
    pub fn glyphs(&self, text: &str, weight: Weight) -> (Vec<PlacedGlyph>, f64) {
        let inter = inter();
        let (primary, primary_key) = match weight {
            Weight::Regular => (&inter.regular, FontKey::Regular),
            Weight::Bold => (&inter.bold, FontKey::Bold),
        };
        let space_em = primary
            .glyph_index(' ')
            .and_then(|g| primary.glyph_hor_advance(g))
            .map_or(0.25, |a| f64::from(a) / f64::from(primary.units_per_em()));
        // Classified first, so the fallback face (parsed on first need) is only read after.
        let mut fallback: Option<Option<Face<'_>>> = None;
        let classes: Vec<(usize, &str, Class)> = text
            .grapheme_indices(true)
            .map(|(at, g)| (at, g, self.classify(primary, &mut fallback, g)))
            .collect();
        let mut st = self.lock();
        let mut out = Vec::new();
        let mut pen = 0.0;
        let mut place = |out: &mut Vec<PlacedGlyph>, pen: &mut f64, fb: bool, run: &str| {
            let face = if fb {
                fallback.as_ref().and_then(Option::as_ref)
            } else {
                Some(primary)
            };
            let Some(face) = face else { return };
            let key = if fb { FontKey::Fallback } else { primary_key };
            let upem = f64::from(face.units_per_em().max(1));
            with_shaped(&mut st, key, face, run, |glyphs, _| {
                for (info, pos) in glyphs.glyph_infos().iter().zip(glyphs.glyph_positions()) {
                    // As measured: a `.notdef` inside a font run adds no width, so it is not
                    // drawn either.
                    let Ok(id) = u16::try_from(info.glyph_id) else {
                        continue;
                    };
                    if id == 0 {
                        continue;
                    }
                    out.push(PlacedGlyph {
                        font: key,
                        id,
                        x: *pen + f64::from(pos.x_offset) / upem,
                        y: f64::from(pos.y_offset) / upem,
                    });
                    *pen += f64::from(pos.x_advance) / upem;
                }
            });
        };
        let mut run: Option<(usize, bool)> = None;
        for &(at, g, class) in &classes {
            if let Some((start, fb)) = run
                && class != Class::Font(fb)
            {
                place(&mut out, &mut pen, fb, &text[start..at]);
                run = None;
            }
            match class {
                Class::Font(fb) => {
                    if run.is_none() {
                        run = Some((at, fb));
                    }
                }
                Class::Control => pen += space_em,
                Class::Missing => {
                    out.push(PlacedGlyph {
                        font: primary_key,
                        id: 0,
                        x: pen,
                        y: 0.0,
                    });
                    pen += missing_estimate(primary, g);
                }
            }
        }
        if let Some((start, fb)) = run {
            place(&mut out, &mut pen, fb, &text[start..]);
        }
        (out, pen)
    }

    /// The outline of glyph `id` of `font`, in em from its origin, y up; empty for a glyph
    /// with no outline (a space) or a font this measurer does not have.
    pub fn outline(&self, font: FontKey, id: u16) -> Vec<Segment> {
        let inter = inter();
        let fallback;
        let face = match font {
            FontKey::Regular => &inter.regular,
            FontKey::Bold => &inter.bold,
            FontKey::Fallback => {
                fallback = self
                    .fallback
                    .as_deref()
                    .and_then(|bytes| Face::from_slice(bytes, 0));
                match &fallback {
                    Some(f) => f,
                    None => return Vec::new(),
                }
            }
        };
        struct Outline {
            k: f64,
            segments: Vec<Segment>,
        }
        impl rustybuzz::ttf_parser::OutlineBuilder for Outline {
            fn move_to(&mut self, x: f32, y: f32) {
                let k = self.k;
                self.segments
                    .push(Segment::Move(f64::from(x) * k, f64::from(y) * k));
            }
            fn line_to(&mut self, x: f32, y: f32) {
                let k = self.k;
                self.segments
                    .push(Segment::Line(f64::from(x) * k, f64::from(y) * k));
            }
            fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
                let k = self.k;
                let f = |v: f32| f64::from(v) * k;
                self.segments.push(Segment::Quad(f(x1), f(y1), f(x), f(y)));
            }
            fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
                let k = self.k;
                let f = |v: f32| f64::from(v) * k;
                self.segments
                    .push(Segment::Cubic(f(x1), f(y1), f(x2), f(y2), f(x), f(y)));
            }
            fn close(&mut self) {
                self.segments.push(Segment::Close);
            }
        }
        let mut o = Outline {
            k: 1.0 / f64::from(face.units_per_em().max(1)),
            segments: Vec::new(),
        };
        face.outline_glyph(GlyphId(id), &mut o);
        o.segments
    }

    /// Where an underline goes under text in `weight`, as resvg draws `text-decoration`: its
    /// centre's distance below the baseline and its thickness, both in em (from the font's
    /// `post` table).
    pub fn underline(weight: Weight) -> (f64, f64) {
        let f = &light(weight).face;
        let upem = f64::from(f.units_per_em().max(1));
        match f.underline_metrics() {
            Some(m) if m.thickness > 0 => {
                (-f64::from(m.position) / upem, f64::from(m.thickness) / upem)
            }
            _ => (1.0 / 9.0, 1.0 / 12.0),
        }
    }
}

/// How one grapheme is measured.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Shaped with Inter (`false`) or the fallback font (`true`).
    Font(bool),
    /// Tabs, newlines and other C0/C1 controls: measured as a space, as SVG viewers turn them
    /// into spaces or drop them.
    Control,
    /// No font has it: estimated.
    Missing,
}

/// Whether `face` has a glyph for every character of grapheme `g` that needs one.
/// Default-ignorable characters need none: the shaper hides them when the font lacks them.
fn covers(face: &Face<'_>, g: &str) -> bool {
    g.chars()
        .all(|c| is_default_ignorable(c) || face.glyph_index(c).is_some())
}

/// Shapes `run` (one font, non-empty) with the cached plan for its font, direction and script,
/// and hands the glyphs to `f`.
fn with_shaped<R>(
    st: &mut State,
    key: FontKey,
    face: &Face<'_>,
    run: &str,
    f: impl FnOnce(&rustybuzz::GlyphBuffer, Script) -> R,
) -> R {
    let mut buf = st.buffer.take().unwrap_or_default();
    buf.clear();
    buf.push_str(run);
    buf.guess_segment_properties();
    // A run of only digits and punctuation has no script of its own; a browser or resvg would
    // give it the script of the text around it, which for Inter (a Latin font) is Latin. Fixing
    // it also keeps the plan key and the buffer in agreement, which rustybuzz asserts.
    if buf.script() == rustybuzz::script::UNKNOWN {
        buf.set_script(rustybuzz::script::LATIN);
    }
    let (dir, script) = (buf.direction(), buf.script());
    let plan = st.plans.entry((key, dir, script)).or_insert_with(|| {
        // Default features, so `calt` is on: Inter then draws `->` as an arrow, and so do
        // browsers and resvg, which apply `calt` too. A viewer that does no shaping draws the
        // two nominal glyphs instead; the unkerned sum in `shape_run` covers that case, and the
        // max of the two covers both.
        ShapePlan::new(face, dir, Some(script), None, &[])
    });
    let glyphs = rustybuzz::shape_with_plan(face, plan, buf);
    let r = f(&glyphs, script);
    st.buffer = Some(glyphs.clear());
    r
}

/// Shapes `run` (one font, non-empty) and returns (shaped width, unkerned width) in em, and
/// whether it was shaped as Latin.
fn shape_run(st: &mut State, key: FontKey, face: &Face<'_>, run: &str) -> (f64, f64, bool) {
    let upem = f64::from(face.units_per_em().max(1));
    let (shaped, latin) = shaped_units(st, key, face, run);
    // What a viewer that skips kerning and substitution draws: each character's nominal glyph
    // at its advance from `hmtx`. Ignorables are hidden by shapers, so they add nothing here.
    let nominal: i64 = run
        .chars()
        .filter(|&c| !is_default_ignorable(c))
        .filter_map(|c| face.glyph_index(c))
        .filter_map(|g| face.glyph_hor_advance(g))
        .map(i64::from)
        .sum();
    (shaped as f64 / upem, nominal as f64 / upem, latin)
}

/// Shapes `run` (one font, non-empty): the sum of its glyphs' advances in font units (`.notdef`
/// left out), and whether it was shaped as Latin.
fn shaped_units(st: &mut State, key: FontKey, face: &Face<'_>, run: &str) -> (i64, bool) {
    with_shaped(st, key, face, run, |glyphs, script| {
        let shaped: i64 = glyphs
            .glyph_infos()
            .iter()
            .zip(glyphs.glyph_positions())
            .filter(|(info, _)| info.glyph_id != 0)
            .map(|(_, pos)| i64::from(pos.x_advance))
            .sum();
        (shaped, script == rustybuzz::script::LATIN)
    })
}

/// Widths of text made only of "plain" Latin characters, which shape as the sum of their parts:
/// [`facts::plain_glyphs`] finds the glyphs of [`TABLE_CHARS`] that no rule of default shaping
/// starts on except pair kerning and single adjustments, and a test writes, per weight, which
/// of those characters are plain and what rustybuzz gives for each shaped alone and for each
/// pair (`BLESS=1 cargo test --lib text::facts`). A word's shaped width is then its characters'
/// widths plus its adjacent pairs' kerning, with no shaping: rustybuzz spends about 25,000
/// instructions on even a short word, mostly running its lookups over it.
/// Layout per weight (little-endian): a 256-bit mask of plain characters by table index (four
/// `u64`s); [`TABLE_CHARS`] `i16` shaped widths alone; as many `i16` nominal advances; and
/// [`TABLE_CHARS`]² `i16` kernings of (first, second).
static PLAIN_WIDTHS: &[u8] = include_bytes!("plain-widths.bin");

/// The characters of [`PLAIN_WIDTHS`], by index: printable ASCII (U+0020 to U+007E), Latin-1's
/// (U+00A0 to U+00FF, but the soft hyphen U+00AD, which shapers hide), then these
/// typographic marks.
const TABLE_EXTRA: [char; 9] = ['–', '—', '‘', '’', '“', '”', '…', '•', '€'];
/// How many characters [`PLAIN_WIDTHS`] covers.
const TABLE_CHARS: usize = 95 + 95 + TABLE_EXTRA.len();
/// Bytes of [`PLAIN_WIDTHS`] per weight.
const TABLE_WEIGHT_BYTES: usize = 32 + 4 * TABLE_CHARS + 2 * TABLE_CHARS * TABLE_CHARS;

/// The index of `c` in [`PLAIN_WIDTHS`], if it has one.
fn table_index(c: char) -> Option<usize> {
    let u = c as usize;
    match u {
        0x20..=0x7e => Some(u - 0x20),
        0xa0..=0xac => Some(95 + u - 0xa0),
        0xae..=0xff => Some(95 + u - 0xa1),
        _ => TABLE_EXTRA.iter().position(|&e| e == c).map(|k| 190 + k),
    }
}

/// The character of index `i` of [`PLAIN_WIDTHS`]: the inverse of [`table_index`].
#[cfg(test)]
fn table_char(i: usize) -> char {
    let u = match i {
        0..95 => 0x20 + i,
        95..108 => 0xa0 + i - 95,
        108..190 => 0xa1 + i - 95,
        _ => return TABLE_EXTRA[i - 190],
    };
    char::from_u32(u as u32).unwrap_or(' ')
}

/// The shaped and nominal widths of `text`, in font units, if every character of it is plain
/// in `weight` (see [`PLAIN_WIDTHS`]): what [`shaped_units`] and the nominal sum give for it,
/// without shaping.
#[cfg(test)]
fn plain_units(text: &str, weight: Weight) -> Option<(i64, i64)> {
    plain_measure(text, weight, &[]).map(|(shaped, sum, _)| (shaped, sum))
}

/// [`plain_units`], and the low two bits of `flags` (by table index; none when empty) of
/// every character or'ed together.
fn plain_measure(text: &str, weight: Weight, flags: &[u8]) -> Option<(i64, i64, u8)> {
    let w = weight as usize;
    let table = PLAIN_WIDTHS.get(w * TABLE_WEIGHT_BYTES..(w + 1) * TABLE_WEIGHT_BYTES)?;
    let at = |k: usize| i64::from(i16::from_le_bytes([table[k], table[k + 1]]));
    let plain = |i: usize| (table[i / 8] >> (i % 8)) & 1 == 1;
    let (alone, nominal, kern) = (32, 32 + 2 * TABLE_CHARS, 32 + 4 * TABLE_CHARS);
    let (mut shaped, mut sum, mut bits) = (0, 0, 0);
    let mut prev: Option<usize> = None;
    for c in text.chars() {
        let i = table_index(c).filter(|&i| plain(i))?;
        bits |= flags.get(i).map_or(0, |b| b & 3);
        shaped += at(alone + 2 * i);
        sum += at(nominal + 2 * i);
        if let Some(p) = prev {
            shaped += at(kern + 2 * (p * TABLE_CHARS + i));
        }
        prev = Some(i);
    }
    prev.map(|_| (shaped, sum, bits))
}

/// Estimated width in em of grapheme `g`, which no font has: by the kind of character (emoji,
/// East Asian wide, other), but never less than the unkerned advance of the characters of it
/// that Inter does have (a base letter with a mark Inter lacks).
fn missing_estimate(primary: &Face<'_>, g: &str) -> f64 {
    let upem = f64::from(primary.units_per_em().max(1));
    let known: f64 = g
        .chars()
        .filter_map(|c| primary.glyph_index(c))
        .filter_map(|gid| primary.glyph_hor_advance(gid))
        .map(f64::from)
        .sum::<f64>()
        / upem;
    let kind = if g.chars().any(is_emoji_like) {
        MISSING_EMOJI_EM
    } else if g
        .chars()
        .find(|&c| primary.glyph_index(c).is_none() && !is_default_ignorable(c))
        .is_some_and(is_wide)
    {
        MISSING_WIDE_EM
    } else {
        MISSING_OTHER_EM
    };
    kind.max(known)
}

/// Approximately Extended_Pictographic, plus the emoji-only helpers (regional indicators,
/// VS16, keycap). Only used to size glyphs no font has, so coarse blocks are fine.
fn is_emoji_like(c: char) -> bool {
    matches!(u32::from(c),
        0x00A9 | 0x00AE | 0x203C | 0x2049 | 0x2122 | 0x2139 | 0x20E3 | 0x24C2 | 0x3030
        | 0x303D | 0x3297 | 0x3299 | 0xFE0F
        | 0x2190..=0x21FF | 0x2300..=0x23FF | 0x25A0..=0x25FF | 0x2600..=0x27BF
        | 0x2900..=0x297F | 0x2B00..=0x2BFF | 0x1F000..=0x1FAFF | 0x1FC00..=0x1FFFD)
}

/// Approximately East_Asian_Width = Wide or Fullwidth (outside the emoji blocks).
fn is_wide(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xA960..=0xA97F | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF | 0xFE10..=0xFE19 | 0xFE30..=0xFE6F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x16FE0..=0x16FE4 | 0x17000..=0x18CFF | 0x1B000..=0x1B2FF
        | 0x20000..=0x2FFFD | 0x30000..=0x3FFFD)
}

/// Unicode Default_Ignorable_Code_Point (joiners, bidi controls, variation selectors, …).
fn is_default_ignorable(c: char) -> bool {
    matches!(u32::from(c),
        0x00AD | 0x034F | 0x061C | 0x115F..=0x1160 | 0x17B4..=0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8 | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
        | 0xE0000..=0xE0FFF)
}

/// Characters UAX #14 treats as mandatory breaks; they end a paragraph and are not drawn.
fn is_break_char(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// A size usable for arithmetic: negative, NaN and infinite sizes become 0 rather than
/// spreading NaN or infinity into the layout.
fn clean_size(size: f64) -> f64 {
    if size.is_finite() && size > 0.0 {
        size
    } else {
        0.0
    }
}

/// Which glyphs of a face shape differently depending on text across a space.
struct SpaceFacts {
    /// Glyphs that a GSUB or GPOS rule matching a space glyph may substitute or move.
    across: HashSet<u16>,
    /// Glyphs kerned against a following space.
    before: HashSet<u16>,
}

/// The [`SpaceFacts`] of the bundled faces, as `facts::space_facts` works them out from the
/// fonts' tables; a test keeps this file in step with the fonts. Per weight, the line
/// `WEIGHT plain:` holds a digit per character of [`PLAIN_WIDTHS`] (1 if its glyph is in
/// `across`, plus 2 if in `before`), and `WEIGHT across:` and `WEIGHT before:` the glyph ids;
/// a weight without all three lines has no facts (every line is shaped whole).
static SPACE_FACTS: &str = include_str!("space-facts.txt");

impl SpaceFacts {
    /// The line of [`SPACE_FACTS`] that holds `set` for `weight`, after its key.
    fn line(weight: Weight, set: &str) -> Option<&'static str> {
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
    fn bundled_flags(weight: Weight) -> Option<&'static [u8]> {
        let flags = SpaceFacts::line(weight, "plain")?.as_bytes();
        let known = |set| SpaceFacts::line(weight, set).is_some();
        let well_formed =
            flags.len() == TABLE_CHARS && flags.iter().all(|b| (b'0'..=b'3').contains(b));
        (well_formed && known("across") && known("before")).then_some(flags)
    }

    /// The glyph sets of a bundled face, read from [`SPACE_FACTS`].
    fn bundled(weight: Weight) -> Option<SpaceFacts> {
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

#[cfg(test)]
mod facts;

/// A unit the greedy line filler places: a UAX #14 segment, or one grapheme of a segment too
/// wide for a line on its own. Byte offsets into the trimmed text.
struct Piece {
    start: usize,
    /// End of the drawn part (before trailing white space).
    content_end: usize,
    /// Metrics of `start..content_end`.
    content: Metrics,
    /// Metrics including trailing white space (what a following piece is placed after).
    full: Metrics,
    /// First grapheme of an over-long word: it starts a line, as CSS `overflow-wrap:
    /// break-word` does, rather than being split across the end of the previous line.
    starts_long_word: bool,
}

/// The state of one [`Measure::wrap`] call.
struct Wrapper<'a> {
    m: &'a Measure,
    st: &'a mut State,
    text: &'a str,
    size: f64,
    weight: Weight,
    max: f64,
    /// The largest width compared with `max` so far ([`Measure::wrap_needing`]).
    needed: f64,
    lines: &'a mut Vec<Line>,
}

impl Wrapper<'_> {
    fn metrics(&mut self, s: &str) -> Metrics {
        self.m.metrics(self.st, s, self.weight)
    }

    /// Metrics of `whole`: `content` (whose metrics are given) followed by white space
    /// `trailing`. Spaces are added on rather than shaped again with the word, which would
    /// double the shaping of distinct words, when no glyph of the word reacts to a following
    /// space (see [`SpaceFacts`]).
    fn with_trailing(&mut self, content: Metrics, trailing: &str, whole: &str) -> Metrics {
        if trailing.is_empty() {
            return content;
        }
        if content.summable && content.spaces_apart && trailing.bytes().all(|b| b == b' ') {
            content.then(self.metrics(trailing))
        } else {
            self.metrics(whole)
        }
    }

    /// Wraps one paragraph: the UAX #14 segments up to and including a mandatory break.
    fn paragraph(&mut self, segments: &[(usize, usize)]) {
        let text = self.text;
        let size = self.size;
        let mut pieces = std::mem::take(&mut self.st.pieces);
        pieces.clear();
        for &(start, end) in segments {
            let seg = text[start..end].trim_end_matches(is_break_char);
            let content_text = seg.trim_end();
            let content = self.metrics(content_text);
            let full = self.with_trailing(content, &seg[content_text.len()..], seg);
            self.needed = self.needed.max(content.em() * size);
            if content.em() * size <= self.max {
                pieces.push(Piece {
                    start,
                    content_end: start + content_text.len(),
                    content,
                    full,
                    starts_long_word: false,
                });
                continue;
            }
            // Too wide alone: one piece per grapheme, each measured (and cached) on its own so
            // a 3,000-character word costs one shaping per distinct grapheme, not per prefix.
            let mut graphemes = content_text.grapheme_indices(true).peekable();
            let mut first = true;
            while let Some((at, g)) = graphemes.next() {
                let gs = start + at;
                let content = self.metrics(g);
                let full = if graphemes.peek().is_none() {
                    self.with_trailing(
                        content,
                        &seg[content_text.len()..],
                        &text[gs..start + seg.len()],
                    )
                } else {
                    content
                };
                pieces.push(Piece {
                    start: gs,
                    content_end: gs + g.len(),
                    content,
                    full,
                    starts_long_word: first,
                });
                first = false;
            }
        }

        let emitted_before = self.lines.len();
        let mut i = 0;
        while i < pieces.len() {
            // After a soft wrap, white space left at the start of a line is dropped (it was
            // "trailing" for the line before); at the paragraph start it is indentation.
            if i > 0 {
                while i < pieces.len() && pieces[i].content_end == pieces[i].start {
                    i += 1;
                }
                if i == pieces.len() {
                    break;
                }
            }
            let first = i;
            // Greedy by the sum of cached piece widths...
            let mut acc = pieces[first].full.em() * size;
            let mut j = first + 1;
            while j < pieces.len() {
                let p = &pieces[j];
                if p.starts_long_word || acc + p.content.em() * size > self.max {
                    break;
                }
                self.needed = self.needed.max(acc + p.content.em() * size);
                acc += p.full.em() * size;
                j += 1;
            }
            // ...then checked against the width of the whole line, since kerning and
            // contextual forms across piece boundaries can make it differ. Give back pieces
            // until it fits; a single piece always stays (it can only be too wide if it is one
            // grapheme wider than the line).
            let (line, width) = loop {
                let line = text[pieces[first].start..pieces[j - 1].content_end].trim_end();
                let width = self.line_width(&pieces[first..j], line) * size;
                self.needed = self.needed.max(width);
                if width <= self.max || j - 1 == first {
                    break (line, width);
                }
                j -= 1;
            };
            if !line.is_empty() {
                self.lines.push(Line {
                    text: line.to_string(),
                    width,
                });
            }
            i = j;
        }
        if self.lines.len() == emitted_before {
            // An empty paragraph (between two newlines) still takes a line.
            self.lines.push(Line {
                text: String::new(),
                width: 0.0,
            });
        }
        self.st.pieces = pieces;
    }

    /// Width in em of `line`, the text of `pieces` without trailing white space: what
    /// [`Measure::width`] gives for it.
    ///
    /// Shaping every line again would cost as much as shaping all the text once more (about
    /// 1 µs a byte; 0.1 s for 10,000 words). So when the line provably shapes as its pieces
    /// did apart, their cached metrics are added instead. That holds when every run is Latin
    /// in Inter (one shaping plan throughout), and every boundary between pieces either
    /// follows a space, with no glyph in the line that a rule matching a space may change
    /// (see [`SpaceFacts`]), or touches a grapheme no run includes (missing or control), which
    /// splits runs the same way in both cases. Otherwise the line is shaped.
    fn line_width(&mut self, pieces: &[Piece], line: &str) -> f64 {
        let Some(last) = pieces.last() else {
            return 0.0;
        };
        if pieces.len() == 1 && last.content_end > last.start {
            // The line is the piece's content, already measured.
            return last.content.em();
        }
        // A trailing white-space-only piece moves the trimmed end before its start.
        let simple = last.content_end > last.start
            && pieces.iter().enumerate().all(|(k, p)| {
                let m = if k + 1 == pieces.len() {
                    p.content
                } else {
                    p.full
                };
                m.summable && (k == 0 || self.boundary_is_inert(p.start))
            });
        if !simple {
            return self.metrics(line).em();
        }
        let mut sum = Metrics::default();
        for (k, p) in pieces.iter().enumerate() {
            sum = sum.then(if k + 1 == pieces.len() {
                p.content
            } else {
                p.full
            });
        }
        sum.em()
    }

    /// Whether shaping across byte offset `at` (a piece boundary) gives the same glyphs and
    /// advances as shaping the two sides apart. See [`Wrapper::line_width`].
    fn boundary_is_inert(&self, at: usize) -> bool {
        let text = self.text;
        // ASCII around the boundary: each side's grapheme is one character (only CR LF joins
        // two ASCII characters, and only what is not ASCII joins one), so no segmenting.
        let b = text.as_bytes();
        let alone = |i: usize, next: Option<&u8>, prev: Option<&u8>| {
            b.get(i).is_some_and(u8::is_ascii)
                && next.is_none_or(|&n| n.is_ascii() && !(b[i] == b'\r' && n == b'\n'))
                && prev.is_none_or(|&p| p.is_ascii() && !(p == b'\r' && b[i] == b'\n'))
        };
        if at > 0
            && alone(at - 1, b.get(at), at.checked_sub(2).and_then(|k| b.get(k)))
            && alone(at, b.get(at + 1), b.get(at - 1))
        {
            let primary = &light(self.weight).face;
            let unshaped =
                |c: u8| c.is_ascii_control() || primary.glyph_index(char::from(c)).is_none();
            return b[at - 1] == b' ' || unshaped(b[at - 1]) || unshaped(b[at]);
        }
        self.boundary_is_inert_by_graphemes(at)
    }

    /// [`Wrapper::boundary_is_inert`] for any text, by grapheme segmentation.
    fn boundary_is_inert_by_graphemes(&self, at: usize) -> bool {
        let text = self.text;
        let mut cursor = GraphemeCursor::new(at, text.len(), true);
        if cursor.is_boundary(text, 0) != Ok(true) {
            // A combining mark after a space, say: the shaper sees one cluster.
            return false;
        }
        let primary = inter().face(self.weight);
        let unshaped = |g: Option<&str>| {
            g.is_some_and(|g| g.chars().all(char::is_control) || !covers(primary, g))
        };
        let before = text[..at].graphemes(true).next_back();
        let after = text[at..].graphemes(true).next();
        before == Some(" ") || unshaped(before) || unshaped(after)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIZE: f64 = 14.0;

    fn m() -> Measure {
        Measure::new()
    }

    #[test]
    fn bundled_fonts_parse_and_are_inter_4_001() {
        let inter = inter();
        for face in [&inter.regular, &inter.bold] {
            let version = face
                .names()
                .into_iter()
                .filter(|n| n.name_id == rustybuzz::ttf_parser::name_id::VERSION)
                .find_map(|n| n.to_string());
            assert_eq!(version.as_deref(), Some("Version 4.001;git-66647c0bb"));
        }
        assert!(inter.regular.glyph_index('A').is_some());
    }

    #[test]
    fn hello_width_is_plausible_and_scales_with_size() {
        let m = m();
        let w = m.width("Hello", SIZE, Weight::Regular);
        // Inter "Hello" is about 2.4 em; a stub (0.6 em per char = 42 px) would fail.
        assert!(w > 30.0 && w < 38.0, "{w}");
        let w2 = m.width("Hello", 2.0 * SIZE, Weight::Regular);
        assert!((w2 - 2.0 * w).abs() < 1e-9);
        assert!(m.width("Hello", SIZE, Weight::Bold) > w);
        assert_eq!(m.width("", SIZE, Weight::Regular), 0.0);
    }

    #[test]
    fn width_is_max_of_shaped_and_unkerned() {
        let m = m();
        let inter = inter();
        let mut st = State::default();
        for s in ["AV", "To", "Hello", "->", "Wave", "office"] {
            let (shaped, nominal, _) = shape_run(&mut st, FontKey::Regular, &inter.regular, s);
            let w = m.width(s, 1.0, Weight::Regular);
            assert!(
                (w - shaped.max(nominal)).abs() < 1e-12,
                "{s}: {w} {shaped} {nominal}"
            );
        }
        // "AV" is kerned tighter than its unkerned advances, so the unkerned sum wins.
        let (shaped, nominal, _) = shape_run(&mut st, FontKey::Regular, &inter.regular, "AV");
        assert!(shaped < nominal, "AV kerning: {shaped} vs {nominal}");
        let a = m.width("A", SIZE, Weight::Regular);
        let v = m.width("V", SIZE, Weight::Regular);
        assert!((m.width("AV", SIZE, Weight::Regular) - (a + v)).abs() < 1e-9);
    }

    /// Characters that Inter's rules around spaces may change, per [`space_facts`].
    fn sensitive(weight: Weight) -> impl Fn(char) -> bool {
        let inter = inter();
        let face = inter.face(weight);
        let facts = light(weight).facts();
        move |c| {
            face.glyph_index(c).is_some_and(|g| {
                facts.is_none_or(|f| f.across.contains(&g.0) || f.before.contains(&g.0))
            })
        }
    }

    #[test]
    fn plain_table_facts_are_the_glyph_sets() {
        for i in 0..TABLE_CHARS {
            assert_eq!(table_index(table_char(i)), Some(i), "{i}");
        }
        for weight in [Weight::Regular, Weight::Bold] {
            let face = inter().face(weight);
            let f = light(weight)
                .facts()
                .expect("Inter's spaces are analysable");
            let flags = light(weight)
                .flags
                .expect("the facts come with their flags");
            let flagged = flags.iter().filter(|&&b| b != b'0').count();
            assert!(flagged > 0, "{weight:?}: some plain character is sensitive");
            assert_eq!(flags.len(), TABLE_CHARS);
            for (i, &flag) in flags.iter().enumerate() {
                let want = face.glyph_index(table_char(i)).map_or(0, |g| {
                    u8::from(f.across.contains(&g.0)) | u8::from(f.before.contains(&g.0)) << 1
                });
                assert_eq!(flag - b'0', want, "{:?} {weight:?}", table_char(i));
            }
        }
    }

    #[test]
    fn space_facts_of_inter() {
        for weight in [Weight::Regular, Weight::Bold] {
            let sensitive = sensitive(weight);
            // Inter's `calt` turns "2 x 3" into a multiplication sign and raises "*", "-" and
            // ":" between capitals or digits, across the spaces: those must be caught, and the
            // fraction slash, around which `frac` acts...
            for c in "x*-:\u{2044}".chars() {
                assert!(sensitive(c), "{c:?} {weight:?}");
            }
            // Bold kerns ", " and ". " tighter, so a word ending in them is shaped with its
            // trailing space rather than added to it.
            if weight == Weight::Bold {
                let face = inter().face(weight);
                let facts = light(weight)
                    .facts()
                    .expect("Inter's spaces are analysable");
                for c in ",.".chars() {
                    let g = face.glyph_index(c).map(|g| g.0);
                    assert!(g.is_some_and(|g| facts.before.contains(&g)), "{c:?}");
                }
            }
            // ...while plain text keeps the fast path, digits included: the rules that name
            // them across a space also need one of the characters above. (Reading every lookup
            // rather than those of default features made digits sensitive through `frac`.)
            for c in ('a'..='w')
                .chain('0'..='9')
                .chain('A'..='Z')
                .chain(" éèàüöäßçñ'!?/&".chars())
            {
                assert!(!sensitive(c), "{c:?} {weight:?}");
            }
        }
    }

    /// Deterministic pseudo-random numbers for generated test text (xorshift).
    fn xorshift(mut seed: u64) -> impl FnMut() -> usize {
        move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as usize
        }
    }

    /// The plain-widths table gives what shaping gives: for random strings of plain characters,
    /// for every triple a b c whose (b, c) is kerned (a pair rule that also moved its second
    /// glyph would skip that kerning in the triple), for the words of every sample, and for
    /// French, German and Spanish words.
    #[test]
    fn plain_widths_are_what_shaping_gives() {
        let inter = inter();
        let mut samples = String::new();
        for e in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/samples")).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "yaml") {
                samples.push_str(&std::fs::read_to_string(p).unwrap());
            }
        }
        for (weight, key) in [
            (Weight::Regular, FontKey::Regular),
            (Weight::Bold, FontKey::Bold),
        ] {
            let face = inter.face(weight);
            let plain: Vec<char> = (' '..='\u{ff}')
                .chain(TABLE_EXTRA)
                .filter(|c| plain_units(&c.to_string(), weight).is_some())
                .collect();
            // Letters but x, digits, space, most punctuation, Latin-1's letters, quotes.
            assert!(plain.len() > 170, "{weight:?}: {}", plain.len());
            for c in "aiqzAZ09 .,'&éèàçüößñÉÀ’“”…€".chars() {
                assert!(plain.contains(&c), "{c:?}");
            }
            let mut st = State::default();
            let mut check = |text: &str| {
                let Some((shaped, nominal)) = plain_units(text, weight) else {
                    return;
                };
                let upem = f64::from(face.units_per_em());
                let (want_shaped, want_nominal, latin) = shape_run(&mut st, key, face, text);
                assert!(latin, "{text:?} {weight:?}");
                assert_eq!(shaped as f64 / upem, want_shaped, "{text:?} {weight:?}");
                assert_eq!(nominal as f64 / upem, want_nominal, "{text:?} {weight:?}");
            };
            let mut next = xorshift(0x9e37_79b9_7f4a_7c15);
            for _ in 0..3000 {
                let len = 1 + next() % 40;
                let text: String = (0..len).map(|_| plain[next() % plain.len()]).collect();
                check(&text);
            }
            let kern = |x: char, y: char| {
                let both = plain_units(&format!("{x}{y}"), weight).unwrap().0;
                both - plain_units(&x.to_string(), weight).unwrap().0
                    - plain_units(&y.to_string(), weight).unwrap().0
            };
            for &b in &plain {
                let after: Vec<char> = plain.iter().copied().filter(|&c| kern(b, c) != 0).collect();
                for chunk in plain.chunks(8) {
                    let mut text = String::new();
                    for &a in chunk {
                        for &c in &after {
                            text.extend([a, b, c]);
                        }
                    }
                    check(&text);
                }
            }
            for word in samples.split(|c: char| !plain.contains(&c)) {
                check(word);
            }
            for text in [
                "L’accueil à la réception : où l’on vérifie la réservation",
                "Größere Wartezeit für Gäste an der Rezeption, Übergabe des Schlüssels",
                "Señalización de la estación, ¿dónde está el andén? «Billetes»",
            ] {
                check(text);
                let words: Vec<&str> = text.split(' ').collect();
                // Every word but the colon takes the table.
                let slow: Vec<&&str> = words
                    .iter()
                    .filter(|w| plain_units(w, weight).is_none())
                    .collect();
                assert!(slow.len() <= 1, "{text:?}: {slow:?}");
                words.into_iter().for_each(&mut check);
            }
        }
    }

    /// The ASCII shortcut of `Wrapper::boundary_is_inert` agrees with grapheme segmentation
    /// at every boundary of text mixing ASCII with CR LF, controls, combining marks, ZWJ and a
    /// prepended mark.
    #[test]
    fn ascii_boundaries_agree_with_graphemes() {
        let alphabet: Vec<&str> = vec![
            "a",
            "b",
            " ",
            " ",
            "x",
            "-",
            "\r",
            "\n",
            "\t",
            "\u{7f}",
            "\u{301}",
            "\u{200d}",
            "\u{600}",
            "é",
            "\u{1f600}",
            "1",
            ".",
        ];
        let m = m();
        let mut st = State::default();
        let mut next = xorshift(0x2545_f491_4f6c_dd1d);
        for _ in 0..4000 {
            let len = 1 + next() % 12;
            let text: String = (0..len)
                .map(|_| alphabet[next() % alphabet.len()])
                .collect();
            for weight in [Weight::Regular, Weight::Bold] {
                let mut lines = Vec::new();
                let w = Wrapper {
                    m: &m,
                    st: &mut st,
                    text: &text,
                    size: SIZE,
                    weight,
                    max: f64::INFINITY,
                    needed: 0.0,
                    lines: &mut lines,
                };
                for at in (1..text.len()).filter(|&at| text.is_char_boundary(at)) {
                    assert_eq!(
                        w.boundary_is_inert(at),
                        w.boundary_is_inert_by_graphemes(at),
                        "{text:?} at {at}"
                    );
                }
            }
        }
    }

    /// The premise of `Wrapper::line_width` and `Wrapper::with_trailing`: a line summed from
    /// its pieces has the width of the line shaped whole. Every pair x␣y and y␣x of the
    /// characters that are not sensitive, in both orders, and lines with sensitive ones.
    #[test]
    fn summed_line_widths_match_shaping_the_line() {
        let m = m();
        let chars: Vec<char> = ('!'..='~')
            .chain("ÀÉÎÕÜßàçéñöøœłŁ«»‘’“”–—…•→←€ﬁ".chars())
            .collect();
        for weight in [Weight::Regular, Weight::Bold] {
            let sensitive = sensitive(weight);
            let plain: Vec<char> = chars.iter().copied().filter(|&c| !sensitive(c)).collect();
            assert!(plain.len() > 80, "{}", plain.len());
            for &x in &plain {
                let mut text = String::new();
                for &y in &plain {
                    text.push_str(&format!("{x} {y}  "));
                }
                let lines = m.wrap(&text, SIZE, weight, f64::INFINITY);
                assert_eq!(lines.len(), 1);
                // A fresh measurer, so the width cannot come from the first one's cache.
                let direct = Measure::new().width(&lines[0].text, SIZE, weight);
                assert_eq!(lines[0].width, direct, "{x:?} {weight:?}");
            }
            for text in [
                "2 x 3",
                "a 2 x 3 b",
                "! * !",
                "A * B",
                "10 : 30",
                "a -> b",
                "x 1 x",
                "a, b. c… d",
            ] {
                let lines = m.wrap(text, SIZE, weight, f64::INFINITY);
                let direct = Measure::new().width(text, SIZE, weight);
                assert_eq!(lines[0].width, direct, "{text:?} {weight:?}");
            }
        }
    }

    #[test]
    fn missing_glyphs_are_estimated_and_reported() {
        let m = m();
        let cjk = "お客様";
        assert!((m.width(cjk, SIZE, Weight::Regular) - 3.0 * SIZE).abs() < 1e-9);
        // One grapheme (family ZWJ sequence) is one emoji wide, not one per code point.
        let family = "👩\u{200D}👩\u{200D}👧";
        assert!((m.width(family, SIZE, Weight::Regular) - 1.25 * SIZE).abs() < 1e-9);
        let arabic = "مرحبا";
        assert!((m.width(arabic, SIZE, Weight::Regular) - 5.0 * 0.6 * SIZE).abs() < 1e-9);
        let missing = m.missing_glyphs();
        for c in "お客様👩👧مرحبا".chars() {
            assert!(missing.contains(&c), "{c:?} not reported");
        }
        // Joiners are not glyphs to draw; letters Inter has are not missing.
        assert!(!missing.contains(&'\u{200D}'));
        assert!(!missing.contains(&'H'));
        let mut sorted = missing.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(missing, sorted);
        assert!(Measure::new().missing_glyphs().is_empty());
    }

    /// A minimal TrueType font (cmap, head, hhea, hmtx, maxp; no outlines) mapping each
    /// character of `glyphs` to its own glyph with the given advance, at 1000 units per em.
    fn tiny_font(glyphs: &[(char, u16)]) -> Vec<u8> {
        fn be(out: &mut Vec<u8>, values: &[u32], width: usize) {
            for v in values {
                out.extend_from_slice(&v.to_be_bytes()[4 - width..]);
            }
        }
        let num_glyphs = glyphs.len() as u32 + 1;
        let mut cmap = Vec::new();
        be(&mut cmap, &[0, 1, 3, 10], 2);
        be(&mut cmap, &[12], 4);
        be(&mut cmap, &[12, 0], 2);
        be(
            &mut cmap,
            &[16 + 12 * glyphs.len() as u32, 0, glyphs.len() as u32],
            4,
        );
        let mut sorted: Vec<(u32, u32)> = glyphs
            .iter()
            .enumerate()
            .map(|(i, &(c, _))| (c as u32, i as u32 + 1))
            .collect();
        sorted.sort_unstable();
        for (c, g) in sorted {
            be(&mut cmap, &[c, c, g], 4);
        }
        let mut head = Vec::new();
        be(&mut head, &[1, 0], 2);
        be(&mut head, &[0x0001_0000, 0, 0x5F0F_3CF5], 4);
        be(&mut head, &[0, 1000], 2);
        be(&mut head, &[0, 0, 0, 0], 4); // created, modified
        be(&mut head, &[0, 0, 0, 0, 0, 8, 2, 0, 0], 2);
        let mut hhea = Vec::new();
        be(
            &mut hhea,
            &[
                1, 0, 800, 0xFF38, 0, 1100, 0, 0, 1100, 1, 0, 0, 0, 0, 0, 0, 0,
            ],
            2,
        );
        be(&mut hhea, &[num_glyphs], 2);
        let mut hmtx = Vec::new();
        be(&mut hmtx, &[500, 0], 2);
        for &(_, advance) in glyphs {
            be(&mut hmtx, &[u32::from(advance), 0], 2);
        }
        let mut maxp = Vec::new();
        be(&mut maxp, &[0x0000_5000], 4);
        be(&mut maxp, &[num_glyphs], 2);
        let tables = [
            (b"cmap", cmap),
            (b"head", head),
            (b"hhea", hhea),
            (b"hmtx", hmtx),
            (b"maxp", maxp),
        ];
        let mut font = Vec::new();
        be(&mut font, &[0x0001_0000], 4);
        be(&mut font, &[tables.len() as u32, 64, 2, 16], 2);
        let mut offset = 12 + 16 * tables.len() as u32;
        let mut body = Vec::new();
        for (tag, data) in &tables {
            font.extend_from_slice(*tag);
            be(&mut font, &[0, offset, data.len() as u32], 4);
            body.extend_from_slice(data);
            while body.len() % 4 != 0 {
                body.push(0);
            }
            offset = 12 + 16 * tables.len() as u32 + body.len() as u32;
        }
        font.extend(body);
        font
    }

    #[test]
    fn fallback_font_is_used_for_glyphs_inter_lacks() {
        assert!(Measure::with_fallback(b"not a font".to_vec()).is_err());
        assert!(Measure::with_fallback(Vec::new()).is_err());
        let font = tiny_font(&[('\u{5D0}', 500), ('😀', 1100)]);
        let m = Measure::with_fallback(font).unwrap();
        let plain = Measure::new();
        for weight in [Weight::Regular, Weight::Bold] {
            // From the fallback's advances, not the 0.6 em / 1.25 em estimates.
            assert_eq!(m.width("\u{5D0}\u{5D0}", SIZE, weight), 2.0 * 0.5 * SIZE);
            assert_eq!(
                plain.width("\u{5D0}\u{5D0}", SIZE, weight),
                2.0 * 0.6 * SIZE
            );
            assert_eq!(m.width("😀", SIZE, weight), 1.1 * SIZE);
            // Mixed with Inter text, each part from its own font.
            let hi = plain.width("Hi ", SIZE, weight);
            assert!((m.width("Hi \u{5D0}", SIZE, weight) - (hi + 0.5 * SIZE)).abs() < 1e-9);
        }
        assert!(m.missing_glyphs().is_empty(), "{:?}", m.missing_glyphs());
        // Neither font has bet: estimated and reported.
        assert_eq!(m.width("\u{5D1}", SIZE, Weight::Regular), 0.6 * SIZE);
        assert_eq!(m.missing_glyphs(), ['\u{5D1}']);
        let lines = m.wrap(
            "\u{5D0}\u{5D0} \u{5D0}\u{5D0}",
            SIZE,
            Weight::Regular,
            1.5 * SIZE,
        );
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].width, SIZE);
    }

    #[test]
    fn vertical_metrics() {
        let a = Measure::ascent(SIZE);
        let d = Measure::descent(SIZE);
        assert!(a > 0.9 * SIZE && a < 1.0 * SIZE, "{a}");
        assert!(d > 0.2 * SIZE && d < 0.3 * SIZE, "{d}");
        assert!(Measure::line_height(SIZE) > a + d);
        assert_eq!(Measure::line_height(f64::NAN), 0.0);
    }

    const SAMPLES: &[&str] = &[
        "Check in at the front desk",
        "The guest checks in at the front desk and receives a key card -> room",
        "お客様がチェックインする",
        "Guest 😀 arrives 👩\u{200D}👩\u{200D}👧 with family 🇯🇵 flags",
        "العميل يصل إلى مكتب الاستقبال",
        "mixed עברית and English text",
        "e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}",
        "\u{301}\u{301} lone marks \u{0}\u{7}\t and \u{FFFD} controls",
        "AVAVAVAVAVAVAVAVAV To To To Wa Wa Wa",
        "supercalifragilisticexpialidocious-and-hyphenated/with/slashes",
    ];

    fn check_wrap(m: &Measure, s: &str, weight: Weight, max: f64) -> Vec<Line> {
        let lines = m.wrap(s, SIZE, weight, max);
        for l in &lines {
            let single = l.text.graphemes(true).count() == 1;
            assert!(
                l.width <= max || single,
                "{s:?} at {max}: {:?} is {} wide",
                l.text,
                l.width
            );
            let direct = m.width(&l.text, SIZE, weight);
            assert!(
                (l.width - direct).abs() <= 1e-9 * direct,
                "{:?}: {} vs {direct}",
                l.text,
                l.width
            );
            assert_eq!(l.text, l.text.trim_end(), "trailing space kept");
            assert!(!l.text.contains('\n'));
        }
        // Nothing but white space is lost and nothing is reordered.
        let joined: String = lines.iter().flat_map(|l| l.text.chars()).collect();
        let squeeze = |x: &str| x.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert_eq!(squeeze(&joined), squeeze(s), "{s:?} at {max}");
        lines
    }

    #[test]
    fn wrap_never_exceeds_max_width() {
        let m = m();
        let long_word: String = "abcdefghij".repeat(300);
        let medium_word = long_word[..300].to_string();
        let mut samples: Vec<&str> = SAMPLES.to_vec();
        samples.push(&medium_word);
        for s in samples {
            for weight in [Weight::Regular, Weight::Bold] {
                let mut max = 1.0;
                while max < 600.0 {
                    check_wrap(&m, s, weight, max);
                    max *= 1.17;
                }
            }
        }
        // The 3,000-character word: fewer widths, as each costs a full shaping in a debug build.
        for max in [0.5, 7.0, 33.3, 120.0, 599.0] {
            check_wrap(&m, &long_word, Weight::Regular, max);
        }
    }

    #[test]
    fn unwrapped_lines_are_the_lines_at_any_width_they_need() {
        // Layout keeps a card's unwrapped lines when its column is at least as wide as
        // `wrap_needing` says: wrapping there must give exactly them.
        let m = m();
        let mut samples: Vec<String> = SAMPLES.iter().map(|s| s.to_string()).collect();
        samples.push("Two paragraphs\nof text, the second one longer than the first".into());
        samples.push("AV  To\n\n  Wa  -- x\u{2014}y (a) [b] {c} a:b a@b".into());
        let mut reused = 0;
        for s in &samples {
            for weight in [Weight::Regular, Weight::Bold] {
                let (lines, needed) = m.wrap_needing(s, SIZE, weight, f64::INFINITY);
                assert!(needed.is_finite(), "{s:?}");
                let widest = lines.iter().map(|l| l.width).fold(0.0, f64::max);
                assert!(needed >= widest, "{s:?}: {needed} < {widest}");
                for max in [needed, needed * 1.0001, needed + 1.0, needed * 2.0] {
                    assert_eq!(m.wrap(s, SIZE, weight, max), lines, "{s:?} at {max}");
                    reused += 1;
                }
                // Just below, the text may wrap differently, and usually does.
                let below = m.wrap(s, SIZE, weight, needed * 0.999);
                if lines.len() == 1 && s.contains(' ') && !s.contains('\n') {
                    assert!(below.len() > 1, "{s:?} still fits below {needed}");
                }
            }
        }
        assert!(reused > 0);
    }

    #[test]
    fn wrap_fills_lines_greedily() {
        let m = m();
        let s = "one two three four five six seven eight nine ten";
        for max in [40.0, 80.0, 120.0, 200.0] {
            let lines = check_wrap(&m, s, Weight::Regular, max);
            // Each line but the last could not have taken the next word.
            for pair in lines.windows(2) {
                let next_word = pair[1].text.split(' ').next().unwrap_or("");
                let longer = format!("{} {}", pair[0].text, next_word);
                assert!(
                    m.width(&longer, SIZE, Weight::Regular) > max,
                    "{longer:?} fits {max}"
                );
            }
        }
        let one = m.wrap(s, SIZE, Weight::Regular, f64::INFINITY);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].text, s);
    }

    #[test]
    fn cjk_breaks_between_characters() {
        let m = m();
        let s = "お客様がチェックインする";
        let lines = check_wrap(&m, s, Weight::Regular, 3.5 * SIZE);
        assert!(lines.len() >= 4, "{lines:?}");
        assert!(lines.iter().all(|l| l.text.chars().count() <= 3));
        // UAX #14 keeps the small ッ with the character before it.
        assert!(lines.iter().all(|l| !l.text.starts_with('ッ')), "{lines:?}");
    }

    #[test]
    fn mandatory_breaks_are_honoured() {
        let m = m();
        let texts = |v: Vec<Line>| v.into_iter().map(|l| l.text).collect::<Vec<_>>();
        assert_eq!(
            texts(m.wrap("a\nb", SIZE, Weight::Regular, 1e6)),
            ["a", "b"]
        );
        assert_eq!(
            texts(m.wrap("a\r\nb\u{2028}c", SIZE, Weight::Regular, 1e6)),
            ["a", "b", "c"]
        );
        assert_eq!(
            texts(m.wrap("a\n\nb\n", SIZE, Weight::Regular, 1e6)),
            ["a", "", "b"]
        );
        assert_eq!(
            texts(m.wrap("a   \n  b", SIZE, Weight::Regular, 1e6)),
            ["a", "  b"]
        );
        assert!(m.wrap("", SIZE, Weight::Regular, 100.0).is_empty());
        assert!(m.wrap(" \n\t \n", SIZE, Weight::Regular, 100.0).is_empty());
    }

    #[test]
    fn trailing_spaces_are_not_counted() {
        let m = m();
        let word = m.width("Check", SIZE, Weight::Regular);
        let lines = m.wrap("Check    in", SIZE, Weight::Regular, word + 1.0);
        assert_eq!(lines[0].text, "Check");
        assert_eq!(lines[0].width, word);
        assert_eq!(lines[1].text, "in");
    }

    #[test]
    fn long_word_breaks_at_graphemes() {
        let m = m();
        let s = "e\u{301}".repeat(40);
        let lines = check_wrap(&m, &s, Weight::Regular, 50.0);
        assert!(lines.len() > 3);
        for l in &lines {
            assert!(
                l.text.starts_with('e') && l.text.ends_with('\u{301}'),
                "{:?}",
                l.text
            );
        }
        // A long word starts its own line rather than finishing the previous one.
        let lines = check_wrap(&m, &format!("Hi {}", "x".repeat(50)), Weight::Regular, 80.0);
        assert_eq!(lines[0].text, "Hi");
        // A grapheme wider than the line is alone on its line.
        let lines = check_wrap(&m, "WWW", Weight::Bold, 1.0);
        assert_eq!(lines.len(), 3);
    }

    #[test]
    fn no_panic_on_odd_input() {
        let m = m();
        let odd = [
            "\u{301}",
            "\u{0}",
            "\u{FFFD}\u{FFFD}",
            "\u{200D}",
            "\u{FE0F}",
            "\u{202E}abc\u{202C}",
            "a\u{0}b\u{1F}c\u{7F}d\u{9F}",
            "\r\r\n\n\u{85}",
            "\u{E0001}\u{E0041}",
            "\u{10FFFF}\u{F8FF}",
        ];
        for s in odd {
            for max in [f64::NAN, -1.0, 0.0, 5.0, 1e9, f64::INFINITY] {
                for size in [f64::NAN, -3.0, 0.0, SIZE, f64::INFINITY] {
                    let lines = m.wrap(s, size, Weight::Regular, max);
                    for l in lines {
                        assert!(l.width.is_finite());
                    }
                    assert!(m.width(s, size, Weight::Bold).is_finite());
                }
            }
        }
    }

    #[test]
    fn deterministic_and_cache_independent() {
        let long: String = "lorem ipsum dolor sit amet ".repeat(200);
        let a = Measure::new();
        let first: Vec<_> = SAMPLES
            .iter()
            .map(|s| a.wrap(s, SIZE, Weight::Regular, 90.0))
            .collect();
        let again: Vec<_> = SAMPLES
            .iter()
            .map(|s| a.wrap(s, SIZE, Weight::Regular, 90.0))
            .collect();
        let fresh: Vec<_> = SAMPLES
            .iter()
            .map(|s| Measure::new().wrap(s, SIZE, Weight::Regular, 90.0))
            .collect();
        assert_eq!(first, again);
        assert_eq!(first, fresh);
        assert_eq!(
            a.wrap(&long, SIZE, Weight::Bold, 150.0),
            Measure::new().wrap(&long, SIZE, Weight::Bold, 150.0)
        );
    }

    #[test]
    fn glyphs_are_placed_by_the_shaping_that_measures() {
        let m = m();
        for (text, weight) in [
            ("AVAWAY Tokyo", Weight::Regular),
            ("Check in -> 2 x 3", Weight::Bold),
            ("tab\there", Weight::Regular),
            ("東京 e\u{301}", Weight::Regular),
        ] {
            let (glyphs, advance) = m.glyphs(text, weight);
            // The pen ends where the shaped width says, and the width is never less.
            let st_shaped = {
                let mut st = m.lock();
                m.measure(&mut st, text, weight).shaped
            };
            assert!(
                (advance - st_shaped).abs() < 1e-9,
                "{text}: {advance} {st_shaped}"
            );
            assert!(m.width(text, 1.0, weight) >= advance - 1e-9);
            // Left to right, from the line's start.
            assert!(glyphs.windows(2).all(|w| w[0].x <= w[1].x + 1e-9), "{text}");
            assert!(glyphs.first().is_some_and(|g| g.x.abs() < 0.2), "{text}");
        }
        // Kerning moves the V closer to the A than their advances would.
        let (g, _) = m.glyphs("AV", Weight::Regular);
        let face = &inter().regular;
        let a = f64::from(face.glyph_hor_advance(GlyphId(g[0].id)).unwrap());
        assert!(g[1].x < a / f64::from(face.units_per_em()));
        // `calt` draws `->` as one arrow glyph, as measured.
        let (g, _) = m.glyphs("->", Weight::Regular);
        assert_eq!(g.len(), 1, "{g:?}");
        // A character no font has is a .notdef box; a tab only moves the pen.
        let (g, _) = m.glyphs("東", Weight::Regular);
        assert_eq!(g.iter().map(|g| g.id).collect::<Vec<_>>(), [0]);
        assert!(m.glyphs("\t", Weight::Regular).0.is_empty());
    }

    #[test]
    fn outlines_are_in_em_and_spaces_have_none() {
        let m = m();
        let (g, _) = m.glyphs("H ", Weight::Bold);
        let h = m.outline(g[0].font, g[0].id);
        assert!(matches!(h.first(), Some(Segment::Move(..))));
        assert!(h.contains(&Segment::Close));
        // Inter's cap height is about 0.73 em.
        let top = h
            .iter()
            .filter_map(|s| match *s {
                Segment::Move(_, y) | Segment::Line(_, y) => Some(y),
                _ => None,
            })
            .fold(0.0, f64::max);
        assert!((0.6..0.8).contains(&top), "{top}");
        let space = inter().bold.glyph_index(' ').unwrap();
        assert!(m.outline(FontKey::Bold, space.0).is_empty());
        assert!(
            m.outline(FontKey::Fallback, 1).is_empty(),
            "no fallback font"
        );
        let (below, thickness) = Measure::underline(Weight::Regular);
        assert!(below > 0.0 && below < 0.3 && thickness > 0.0 && thickness < 0.15);
    }

    #[test]
    fn measure_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Measure>();
    }

    /// Timing, not a check: `cargo test --release --lib text::tests::timing -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn timing() {
        use std::time::Instant;
        let m = m();
        let t = Instant::now();
        let _ = (light(Weight::Regular).facts(), light(Weight::Bold).facts());
        println!("space analysis of both faces: {:?}", t.elapsed());
        for weight in [Weight::Regular, Weight::Bold] {
            let sensitive = sensitive(weight);
            let list: String = (' '..='~')
                .chain('\u{A0}'..='\u{17F}')
                .filter(|&c| sensitive(c))
                .collect();
            println!("  {weight:?}: sensitive Latin-1/Extended-A characters: {list:?}");
        }
        println!(
            "'Check in at the front desk' @14: regular {:.3} px, bold {:.3} px",
            m.width("Check in at the front desk", 14.0, Weight::Regular),
            m.width("Check in at the front desk", 14.0, Weight::Bold)
        );
        let mut st = State::default();
        for s in ["Hello", "AV", "->"] {
            let x = m.measure(&mut st, s, Weight::Regular);
            println!(
                "{s:?} @14 regular: shaped {:.3} px, unkerned {:.3} px",
                x.shaped * 14.0,
                x.nominal * 14.0
            );
        }
        let word: String = "abcdefghij".repeat(300);
        let t = Instant::now();
        let n = m.wrap(&word, SIZE, Weight::Regular, 120.0).len();
        println!("3,000-char word: {n} lines in {:?}", t.elapsed());
        let words = [
            "service",
            "blueprint",
            "customer",
            "frontstage",
            "backstage",
            "support",
            "process",
            "evidence",
            "line",
            "of",
            "interaction",
            "visibility",
            "the",
            "a",
        ];
        let para: String = (0..10_000)
            .map(|i| words[(i * 7 + i / 3) % words.len()])
            .collect::<Vec<_>>()
            .join(" ");
        let t = Instant::now();
        let n = m.wrap(&para, SIZE, Weight::Regular, 200.0).len();
        println!(
            "10,000-word paragraph (cold): {n} lines in {:?}",
            t.elapsed()
        );
        let t = Instant::now();
        let n = m.wrap(&para, SIZE, Weight::Regular, 200.0).len();
        println!(
            "10,000-word paragraph (warm): {n} lines in {:?}",
            t.elapsed()
        );
        // Pseudo-random words from a 200-word vocabulary: lines almost never repeat.
        let suffixes = [
            "", "s", "ed", "ing", "er", "ly", "al", "ment", "ness", "ful",
        ];
        let vocab: Vec<String> = (0..200)
            .map(|i| {
                format!(
                    "{}{}",
                    words[i % words.len()],
                    suffixes[(i / words.len()) % suffixes.len()]
                )
            })
            .collect();
        let mut seed: u64 = 1;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        let natural: Vec<&str> = (0..10_000)
            .map(|_| vocab[next() % vocab.len()].as_str())
            .collect();
        let natural = natural.join(" ");
        let t = Instant::now();
        let n = Measure::new()
            .wrap(&natural, SIZE, Weight::Regular, 200.0)
            .len();
        println!(
            "10,000 words, 200-word vocabulary, fresh Measure: {n} lines in {:?}",
            t.elapsed()
        );
        // The same with a comma after every 8th word and a number every 20th: Bold kerns ", "
        // against the space (Regular does not), and digits sum like letters since the space
        // analysis reads only default features.
        let prose: Vec<String> = natural
            .split(' ')
            .enumerate()
            .map(|(i, w)| match (i % 8, i % 20) {
                (_, 0) => format!("{w} {i}"),
                (7, _) => format!("{w},"),
                _ => w.to_string(),
            })
            .collect();
        let prose = prose.join(" ");
        let t = Instant::now();
        let n = Measure::new()
            .wrap(&prose, SIZE, Weight::Regular, 200.0)
            .len();
        println!(
            "10,000 words with punctuation and numbers, fresh Measure: {n} lines in {:?}",
            t.elapsed()
        );
        let distinct: String = (0..10_000)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        let t = Instant::now();
        let n = Measure::new()
            .wrap(&distinct, SIZE, Weight::Regular, 200.0)
            .len();
        println!("10,000 distinct words: {n} lines in {:?}", t.elapsed());
    }
}
