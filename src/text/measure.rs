//! Measuring: [`Measure`] gives the width of a string in a weight and size, the larger of its
//! shaped width (rustybuzz, the shaper resvg uses, so measured and rasterised widths agree;
//! kerning and contextual alternates applied) and the sum of its unkerned advances (so a viewer
//! that skips kerning still fits). Plain Latin words are summed from the plain-width table
//! instead of shaped; graphemes Inter lacks go to the fallback font, else get a conservative
//! estimate and are reported. Widths are cached per string, in em.
//! Uses the bundled fonts, the plain-width table, the space facts and the caches.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use rustybuzz::{Face, Script, ShapePlan};
use unicode_segmentation::UnicodeSegmentation;

use super::cache::{Metrics, State};
use super::fonts::{BOLD_TTF, FontKey, REGULAR_TTF, Weight, inter};
use super::plain::plain_measure;
use super::space::SpaceFacts;

/// Line height as a multiple of the font size. Inter's own ascent + descent is about 1.21 em;
/// 1.3 leaves room for accents on capitals and descenders without lines touching, and is a
/// round number a reader of the SVG can check.
pub(super) const LINE_HEIGHT_EM: f64 = 1.3;

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

/// Measures and wraps text with the bundled font.
///
/// Widths are cached per instance (per string segment, in em, so one cache serves every size),
/// together with shaping plans and the set of characters no font had. That state sits behind a
/// `Mutex` rather than a `RefCell` so a `Measure` is `Send + Sync` and can be shared by
/// reference across threads; the lock is uncontended (layout's second thread measures with a
/// fork of its own) and costs nanoseconds.
#[derive(Default)]
pub struct Measure {
    /// Extra font tried for graphemes Inter lacks (checked to parse in [`Measure::with_fallback`]).
    pub(super) fallback: Option<Arc<[u8]>>,
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

/// A bundled face read for its metrics and character map alone, and its [`SpaceFacts`]: all
/// that measuring plain text (from [`PLAIN_WIDTHS`]) and placing lines need.
pub(super) struct Light {
    pub(super) face: rustybuzz::ttf_parser::Face<'static>,
    pub(super) weight: Weight,
    /// For each character of [`PLAIN_WIDTHS`] by index, whether its glyph is in
    /// [`SpaceFacts::across`] (bit 0) and in [`SpaceFacts::before`] (bit 1), as written in
    /// [`SPACE_FACTS`]; `None` when the face has no facts.
    pub(super) flags: Option<&'static [u8]>,
    pub(super) facts: OnceLock<Option<SpaceFacts>>,
}

impl Light {
    /// [`SpaceFacts`] of the face, read the first time text beyond the plain table is
    /// measured; none when the face has no flags (the two come from the same file).
    pub(super) fn facts(&'static self) -> Option<&'static SpaceFacts> {
        self.facts
            .get_or_init(|| self.flags.and_then(|_| SpaceFacts::bundled(self.weight)))
            .as_ref()
    }
}

pub(super) fn light(weight: Weight) -> &'static Light {
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
    pub(crate) fn ascent(size: f64) -> f64 {
        let f = &light(Weight::Regular).face;
        f64::from(f.ascender()) / f64::from(f.units_per_em()) * clean_size(size)
    }

    /// Distance from the baseline down to Inter's descender line at `size` px, as a positive
    /// number (about 0.24 em).
    pub(crate) fn descent(size: f64) -> f64 {
        let f = &light(Weight::Regular).face;
        -f64::from(f.descender()) / f64::from(f.units_per_em()) * clean_size(size)
    }

    /// Baseline-to-baseline distance for wrapped lines at `size` px: 1.3 × `size`, a little
    /// more than Inter's ascent + descent (about 1.21 em) so stacked lines never touch.
    pub(crate) fn line_height(size: f64) -> f64 {
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
    pub(crate) fn fork(&self) -> Measure {
        Measure {
            fallback: self.fallback.clone(),
            state: Mutex::default(),
        }
    }

    /// Adds the characters `other` (a [`Measure::fork`]) found no font for to this one's.
    pub(crate) fn absorb(&self, other: Measure) {
        let theirs = other.state.into_inner().unwrap_or_else(|e| e.into_inner());
        self.lock().missing.extend(theirs.missing);
    }

    /// Width of `text` on one line at `size` px: the larger of its shaped width (kerning and
    /// contextual alternates applied) and the sum of its unkerned advances. Line breaks inside
    /// `text` are not interpreted (control characters measure as a space). A negative or
    /// non-finite `size` measures as 0. (Layout measures through [`Measure::wrap`]; this is for
    /// the tests.)
    #[cfg(test)]
    pub(crate) fn width(&self, text: &str, size: f64, weight: Weight) -> f64 {
        let mut st = self.lock();
        self.metrics(&mut st, text, weight).em() * clean_size(size)
    }

    pub(super) fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock can at worst leave a cache missing an entry or a
        // plan; every entry it does hold is complete, so a poisoned lock is safe to reuse.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Metrics of `text`, from the cache when possible.
    pub(super) fn metrics(&self, st: &mut State, text: &str, weight: Weight) -> Metrics {
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
    pub(super) fn measure(&self, st: &mut State, text: &str, weight: Weight) -> Metrics {
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

    /// How grapheme `g` is measured and drawn. `fallback` is the parsed fallback face, parsed
    /// here on first need (`None` inside when there is none or it does not parse).
    pub(super) fn classify<'a>(
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
}

/// How one grapheme is measured.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
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
pub(super) fn covers(face: &Face<'_>, g: &str) -> bool {
    g.chars()
        .all(|c| is_default_ignorable(c) || face.glyph_index(c).is_some())
}

/// Shapes `run` (one font, non-empty) with the cached plan for its font, direction and script,
/// and hands the glyphs to `f`.
pub(super) fn with_shaped<R>(
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
pub(super) fn shape_run(
    st: &mut State,
    key: FontKey,
    face: &Face<'_>,
    run: &str,
) -> (f64, f64, bool) {
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
pub(super) fn shaped_units(
    st: &mut State,
    key: FontKey,
    face: &Face<'_>,
    run: &str,
) -> (i64, bool) {
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

/// Estimated width in em of grapheme `g`, which no font has: by the kind of character (emoji,
/// East Asian wide, other), but never less than the unkerned advance of the characters of it
/// that Inter does have; and each combining mark Inter lacks adds a `.notdef` box, as the
/// bundled fonts draw it (PNG, PDF, outlines): a letter with eight marks Inter lacks is the
/// letter and eight boxes side by side (measured as one estimate, the boxes ran over the next
/// card and its arrow).
pub(super) fn missing_estimate(primary: &Face<'_>, g: &str) -> f64 {
    let upem = f64::from(primary.units_per_em().max(1));
    let known: f64 = g
        .chars()
        .filter_map(|c| primary.glyph_index(c))
        .filter_map(|gid| primary.glyph_hor_advance(gid))
        .map(f64::from)
        .sum::<f64>()
        / upem;
    let notdef = primary
        .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(0))
        .map_or(0.0, f64::from)
        / upem;
    // Marks only: an emoji sequence (joined by ZWJ) is one picture in a browser, and sized
    // by its kind below.
    let lacking = crate::marks::marks(g)
        .filter(|&(_, c)| primary.glyph_index(c).is_none() && !is_default_ignorable(c))
        .count();
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
    kind.max(known) + lacking as f64 * notdef
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
pub(super) fn is_default_ignorable(c: char) -> bool {
    matches!(u32::from(c),
        0x00AD | 0x034F | 0x061C | 0x115F..=0x1160 | 0x17B4..=0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8 | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
        | 0xE0000..=0xE0FFF)
}

/// A size usable for arithmetic: negative, NaN and infinite sizes become 0 rather than
/// spreading NaN or infinity into the layout.
pub(super) fn clean_size(size: f64) -> f64 {
    if size.is_finite() && size > 0.0 {
        size
    } else {
        0.0
    }
}
