//! Glyph outlines, for text drawn as paths: [`Measure::glyphs`] places a line's glyphs by the
//! very shaping that measured it, [`Measure::outline`] gives a glyph's outline in em, and
//! [`Measure::underline`] where an underline goes. Uses the measurer and the fonts.

use rustybuzz::Face;
use rustybuzz::ttf_parser::GlyphId;
use unicode_segmentation::UnicodeSegmentation;

use super::fonts::{FontKey, Weight, inter};
use super::measure::{Class, Measure, light, missing_estimate, with_shaped};

/// One glyph of a line as [`Measure::glyphs`] places it: the same shaping as measurement.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct PlacedGlyph {
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
pub(crate) enum Segment {
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

impl Measure {
    /// The glyphs `text` is drawn with on one line, placed by the shaping that measures it
    /// (same fonts, runs, plans and features), and the line's drawn advance in em (the shaped
    /// width: what a viewer's pen moves, so `width` is never less). A grapheme no font has is
    /// Inter's `.notdef` box, as resvg draws it, advanced by the width measurement assumed;
    /// control characters advance by a space and draw nothing. Runs stay in logical order.
    pub(crate) fn glyphs(&self, text: &str, weight: Weight) -> (Vec<PlacedGlyph>, f64) {
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
    pub(crate) fn outline(&self, font: FontKey, id: u16) -> Vec<Segment> {
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
    pub(crate) fn underline(weight: Weight) -> (f64, f64) {
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
