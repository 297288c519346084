//! Text as glyph outlines (`--text-as-paths`): each line's glyphs placed by the shaping that
//! measured it (`Measure::glyphs`), each glyph's outline converted once per font size and slant
//! into relative path data in hundredths of a px, and what CSS cannot give paths drawn too: the
//! underline of linked words and the slant of italics.
//! Uses `text` (shaping, outlines), the layout's text lines and the number format.

use super::num::{Num, hundredths};
use crate::layout::TextLine;
use crate::text::{FontKey, Measure, Segment, Weight};
use std::collections::HashMap;

/// How the stylesheet dresses a text block beyond colour and weight: what outlines must draw
/// themselves. (`<text>` gets it from the class rules.)
#[derive(Clone, Copy, Default)]
pub(super) struct Style {
    /// `text-decoration: underline`.
    pub(super) underline: bool,
    /// `font-style: italic`. No italic face is bundled, so browsers slant the regular one.
    pub(super) italic: bool,
}

/// The slant of outlined italic text, as a horizontal shift per unit of height: tan 14°, the
/// angle CSS gives `oblique` and Chromium gives an italic it synthesises from an upright face.
pub(super) const OBLIQUE: f64 = 0.25;

/// Glyph outlines already converted, by font, glyph, font size (its bits) and slant.
#[derive(Default)]
pub(super) struct Outlines {
    glyphs: HashMap<(FontKey, u16, u64, bool), GlyphPath>,
}

impl Outlines {
    /// Path data for one line: each glyph placed by the shaping that measured the line (with
    /// `measure`, the measurer that laid it out), and the underline as resvg draws it.
    pub(super) fn line(
        &mut self,
        measure: &Measure,
        l: &TextLine,
        size: f64,
        weight: Weight,
        style: Style,
    ) -> String {
        let (glyphs, advance) = measure.glyphs(&l.text, weight);
        let mut d = String::new();
        let (x0, y0) = (hundredths(l.x), hundredths(l.y));
        let slant = if style.italic { OBLIQUE } else { 0.0 };
        for g in glyphs {
            let path = self
                .glyphs
                .entry((g.font, g.id, size.to_bits(), style.italic))
                .or_insert_with(|| GlyphPath::new(&measure.outline(g.font, g.id), size, slant));
            if path.tail.is_empty() {
                continue;
            }
            let x = x0 + hundredths(g.x * size) + path.start.0;
            let y = y0 - hundredths(g.y * size) + path.start.1;
            push_command(&mut d, 'M', &[x, y]);
            d.push_str(&path.tail);
        }
        if style.underline && advance > 0.0 {
            let (below, thickness) = Measure::underline(weight);
            let (w, t) = (
                hundredths(advance * size),
                hundredths(thickness * size).max(1),
            );
            let top = y0 + hundredths(below * size) - t / 2;
            push_command(&mut d, 'M', &[x0, top]);
            push_command(&mut d, 'h', &[w]);
            push_command(&mut d, 'v', &[t]);
            push_command(&mut d, 'h', &[-w]);
            d.push('z');
        }
        d
    }
}

/// One glyph's outline at one font size, in hundredths of a px (y down): where its first
/// contour starts, relative to the glyph's origin, and the rest as relative path data from
/// there. Rounded once, in the glyph's own frame, so every copy of a glyph is the same shape.
struct GlyphPath {
    start: (i64, i64),
    tail: String,
}

impl GlyphPath {
    /// The outline `segments` (em, y up) at `size` px, slanted by `slant` (0 for upright).
    fn new(segments: &[Segment], size: f64, slant: f64) -> GlyphPath {
        let h = |x: f64, y: f64| (hundredths((x + slant * y) * size), hundredths(-y * size));
        let mut start = None;
        let mut tail = String::new();
        // Current point, the start of the current contour, and the control point of the
        // previous segment if it was a quadratic curve (TrueType outlines are chains of them
        // whose on-curve points are mostly midpoints: `t` writes those with half the numbers).
        let (mut cur, mut first) = ((0, 0), (0, 0));
        let mut control: Option<(i64, i64)> = None;
        for s in segments {
            let mut next_control = None;
            match *s {
                Segment::Move(x, y) => {
                    let p = h(x, y);
                    if start.is_none() {
                        start = Some(p);
                    } else {
                        push_command(&mut tail, 'm', &[p.0 - cur.0, p.1 - cur.1]);
                    }
                    (cur, first) = (p, p);
                }
                Segment::Line(x, y) => {
                    let p = h(x, y);
                    match (p.0 - cur.0, p.1 - cur.1) {
                        (0, 0) => {}
                        (dx, 0) => push_command(&mut tail, 'h', &[dx]),
                        (0, dy) => push_command(&mut tail, 'v', &[dy]),
                        (dx, dy) => push_command(&mut tail, 'l', &[dx, dy]),
                    }
                    cur = p;
                }
                Segment::Quad(x1, y1, x, y) => {
                    let (c, p) = (h(x1, y1), h(x, y));
                    // The mirror of the last control point, as a viewer computes it for `t`;
                    // within a hundredth of this one's, it is this one, rounded differently.
                    let mirrored = control
                        .map(|k| (2 * cur.0 - k.0, 2 * cur.1 - k.1))
                        .filter(|m| (m.0 - c.0).abs() <= 1 && (m.1 - c.1).abs() <= 1);
                    if let Some(m) = mirrored {
                        push_command(&mut tail, 't', &[p.0 - cur.0, p.1 - cur.1]);
                        next_control = Some(m);
                    } else {
                        let r = [c.0 - cur.0, c.1 - cur.1, p.0 - cur.0, p.1 - cur.1];
                        push_command(&mut tail, 'q', &r);
                        next_control = Some(c);
                    }
                    cur = p;
                }
                Segment::Cubic(x1, y1, x2, y2, x, y) => {
                    let (c1, c2, p) = (h(x1, y1), h(x2, y2), h(x, y));
                    let r = [
                        c1.0 - cur.0,
                        c1.1 - cur.1,
                        c2.0 - cur.0,
                        c2.1 - cur.1,
                        p.0 - cur.0,
                        p.1 - cur.1,
                    ];
                    push_command(&mut tail, 'c', &r);
                    cur = p;
                }
                Segment::Close => {
                    tail.push('z');
                    cur = first;
                }
            }
            control = next_control;
        }
        match start {
            Some(start) => GlyphPath { start, tail },
            None => GlyphPath {
                start: (0, 0),
                tail: String::new(),
            },
        }
    }
}

/// Appends path command `cmd` with `args` in hundredths, written as [`fmt_num`] would write
/// them, separated by a space or by the minus sign of a negative number.
pub(super) fn push_command(out: &mut String, cmd: char, args: &[i64]) {
    out.push(cmd);
    for (i, &h) in args.iter().enumerate() {
        if h >= 0 && i > 0 {
            out.push(' ');
        }
        out.push_str(&Num::hundredths(h));
    }
}
