//! The touch-point badge: a shape per category (circle, diamond, square, triangle, told apart
//! without colour) with its letter; on step headers, on cards (format 1.1) and in the legend.
//! Uses `layout` and the element writer.

use super::num::fmt_num;
use super::xml::W;
use crate::geom::Point;
use crate::layout::Badge;
use crate::model::Touchpoint;

/// A badge: its shape and its letter.
pub(super) fn badge(w: &mut W<'_>, b: &Badge) {
    let class = format!("badge badge-{}", b.kind.key());
    shape(w, &class, b.kind, b.center, b.radius);
    w.text("badge-letter", &b.letter);
}

/// The badge shape of a category: circle, diamond, square, triangle (tell apart without colour).
pub(super) fn shape(w: &mut W<'_>, class: &str, kind: Touchpoint, c: Point, r: f64) {
    let poly = |pts: &[(f64, f64)]| {
        pts.iter()
            .map(|(x, y)| format!("{},{}", fmt_num(c.x + x * r), fmt_num(c.y + y * r)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    match kind {
        Touchpoint::Brand => w.circle(class, c, r, &[]),
        Touchpoint::Partner => w.empty(
            "polygon",
            &[
                ("class", class),
                (
                    "points",
                    &poly(&[(0.0, -1.15), (1.15, 0.0), (0.0, 1.15), (-1.15, 0.0)]),
                ),
            ],
        ),
        Touchpoint::Customer => w.empty(
            "polygon",
            &[
                ("class", class),
                (
                    "points",
                    &poly(&[(-0.9, -0.9), (0.9, -0.9), (0.9, 0.9), (-0.9, 0.9)]),
                ),
            ],
        ),
        Touchpoint::Social => w.empty(
            "polygon",
            &[
                ("class", class),
                ("points", &poly(&[(0.0, -1.2), (1.1, 0.85), (-1.1, 0.85)])),
            ],
        ),
    }
}
