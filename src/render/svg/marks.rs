//! The marks on a card and in the legend: the fail and wait points (a disc, its glyph and its
//! words) and format 1.1's mark glyphs (moment of truth, entry, exit, branch, workaround).

use crate::geom::Point;
use crate::layout::Mark;
use crate::model::MarkKind;
use crate::render::num::fmt_num;
use crate::render::xml::W;

pub(super) fn mark(
    w: &mut W<'_>,
    class: &str,
    m: &Mark,
    clock: bool,
    text_class: &str,
    extra: &[(&str, &str)],
) {
    let mut attrs = vec![("class", class)];
    attrs.extend_from_slice(extra);
    w.open("g", &attrs, false);
    w.circle("", m.center, m.radius, &[]);
    if clock {
        // Clock hands: to twelve and to three o'clock, proportional to the marker.
        let (c, r) = (m.center, m.radius);
        let d = format!(
            "M{} {}L{} {}L{} {}",
            fmt_num(c.x),
            fmt_num(c.y - 0.6 * r),
            fmt_num(c.x),
            fmt_num(c.y),
            fmt_num(c.x + 0.45 * r),
            fmt_num(c.y)
        );
        w.empty("path", &[("class", "hands"), ("d", &d)]);
    }
    w.text("glyph", &m.glyph);
    w.text(text_class, &m.text);
    w.end("g");
}

/// One mark's glyph (format 1.1), a `<g data-mark>` child of `g.marks`, centred at `c` with
/// radius `r`; `card` is the card (the optional mark's glyph is its dashed border, drawn by
/// the stylesheet, so its child is empty).
pub(super) fn mark_glyph(
    w: &mut W<'_>,
    kind: MarkKind,
    c: Point,
    r: f64,
    card: &crate::geom::Rect,
) {
    let _ = card;
    w.open("g", &[("data-mark", kind.key())], false);
    let n = fmt_num;
    let (x, y) = (c.x, c.y);
    let d = match kind {
        MarkKind::MomentOfTruth => {
            // A five-pointed star, point up.
            let mut d = String::new();
            for k in 0..10 {
                let a = std::f64::consts::PI * (k as f64) / 5.0 - std::f64::consts::FRAC_PI_2;
                let rr = if k % 2 == 0 { r } else { 0.45 * r };
                let cmd = if k == 0 { 'M' } else { 'L' };
                d.push_str(&format!(
                    "{cmd}{} {}",
                    n(x + rr * a.cos()),
                    n(y + rr * a.sin())
                ));
            }
            d.push('Z');
            Some(("star", d))
        }
        MarkKind::Branch => Some((
            "diamond",
            format!(
                "M{} {}L{} {}L{} {}L{} {}Z",
                n(x),
                n(y - r),
                n(x + r),
                n(y),
                n(x),
                n(y + r),
                n(x - r),
                n(y)
            ),
        )),
        MarkKind::Entry => Some((
            "stroke",
            format!(
                "M{} {}V{}M{} {}H{}M{} {}L{} {}L{} {}",
                n(x - r),
                n(y - 0.8 * r),
                n(y + 0.8 * r),
                n(x - r),
                n(y),
                n(x),
                n(x - 0.45 * r),
                n(y - 0.4 * r),
                n(x),
                n(y),
                n(x - 0.45 * r),
                n(y + 0.4 * r)
            ),
        )),
        MarkKind::Exit => Some((
            "stroke",
            format!(
                "M{} {}H{}M{} {}V{}M{} {}L{} {}L{} {}",
                n(x),
                n(y),
                n(x + r),
                n(x + r),
                n(y - 0.8 * r),
                n(y + 0.8 * r),
                n(x + 0.5 * r),
                n(y - 0.4 * r),
                n(x + 0.95 * r),
                n(y),
                n(x + 0.5 * r),
                n(y + 0.4 * r)
            ),
        )),
        MarkKind::Workaround => Some((
            "stroke",
            // A detour: up, across and down again, with an arrowhead.
            format!(
                "M{} {}V{}H{}V{}M{} {}L{} {}L{} {}",
                n(x - 0.6 * r),
                n(y + 0.5 * r),
                n(y - 0.4 * r),
                n(x + 0.6 * r),
                n(y + 0.5 * r),
                n(x + 0.25 * r),
                n(y + 0.15 * r),
                n(x + 0.6 * r),
                n(y + 0.55 * r),
                n(x + 0.95 * r),
                n(y + 0.15 * r)
            ),
        )),
        MarkKind::Optional => None,
    };
    if let Some((class, d)) = d {
        if class != "diamond" {
            w.circle("mark-bg", c, r * crate::layout::GLYPH_REACH, &[]);
        }
        w.empty("path", &[("class", class), ("d", &d)]);
    }
    w.end("g");
}
