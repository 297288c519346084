//! A spanning card's parts of the SVG (format 1.1 `until`): the `data-until` attribute, and in a
//! cut the "continues" chevron on each side where the card goes on past the cut's edge, a
//! double chevron pointing out of the card on a background disc inside its edge (shape, not colour: it reads in
//! every theme and in print).

use crate::geom::Point;
use crate::layout::Continues;
use crate::render::num::fmt_num;
use crate::render::xml::W;

/// Draws `c` as `<g class="continues" data-side="before|after">`.
pub(super) fn chevron(w: &mut W<'_>, c: &Continues) {
    let side = if c.after { "after" } else { "before" };
    w.open("g", &[("class", "continues"), ("data-side", side)], false);
    w.circle("mark-bg", c.at, c.r * crate::layout::GLYPH_REACH, &[]);
    // Two chevrons pointing away from the card: right on its right edge, left on its left.
    let dir = if c.after { 1.0 } else { -1.0 };
    let n = fmt_num;
    let (x, y, r) = (c.at.x, c.at.y, c.r);
    let mut d = String::new();
    for off in [-0.45, 0.15] {
        let x0 = x + dir * off * r;
        d.push_str(&format!(
            "M{} {}L{} {}L{} {}",
            n(x0),
            n(y - 0.55 * r),
            n(x0 + dir * 0.4 * r),
            n(y),
            n(x0),
            n(y + 0.55 * r)
        ));
    }
    w.empty("path", &[("class", "stroke"), ("d", &d)]);
    w.end("g");
}

/// The legend's symbol for the chevron: one pointing right, centred at `at`.
pub(super) fn legend(w: &mut W<'_>, at: Point, r: f64) {
    chevron(w, &Continues { after: true, at, r });
}
