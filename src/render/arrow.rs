//! Arrowheads drawn as paths of their own, beside the line they end, rather than as `<marker>`s:
//! a marker is found by id, and in an HTML page an id resolves to its first element in the whole
//! page. With the same SVG twice on a page and the first copy hidden (a tab, a collapsed panel),
//! Chromium finds the hidden copy's marker and draws no arrowhead in the visible one (issue 18);
//! slide tools' importers draw markers wrong too. Each head is the triangle the markers drew:
//! `size` long and `size` wide, its tip on the line's end, pointing along the last segment.
//! Uses `geom` and the number format.

use super::num::{fmt_num, written};
use crate::geom::Point;

/// The arrowhead at the end of `points` (at both ends when `both`, the start's pointing back
/// along the first segment), as path data; empty for a line with no length. An `open` head is
/// the triangle's two sides without its base (drawn stroked, not filled).
pub(super) fn heads(points: &[Point], size: f64, both: bool, open: bool) -> String {
    let mut d = String::new();
    for (tip, from) in ends(points, both).into_iter().flatten() {
        head(&mut d, tip, from, size, open);
    }
    d
}

/// Where the heads of a line through `points` go: the tip and the point the line comes from
/// at its end, and at its start when `both`; none at an end without length.
pub(super) fn ends(points: &[Point], both: bool) -> [Option<(Point, Point)>; 2] {
    // From the points as the line's path data has them, so the head sits where a marker on
    // that path sat: PNG and PDF keep their pixels. Only the points a head needs are
    // rounded (lazily, as the search reaches them), by arithmetic: formatting each and
    // parsing it back cost a quarter of a 1,000-step render's arrowheads.
    let written = |p: &Point| Point::new(written(p.x), written(p.y));
    [
        last_segment(points.iter().rev().map(written)),
        both.then(|| last_segment(points.iter().map(written)))
            .flatten(),
    ]
}

/// The first point of `points` and the next one apart from it: the tip and where the line
/// comes from.
fn last_segment(mut points: impl Iterator<Item = Point>) -> Option<(Point, Point)> {
    let tip = points.next()?;
    let from = points.find(|p| (p.x - tip.x).hypot(p.y - tip.y) > 1e-9)?;
    Some((tip, from))
}

/// One triangle: tip at `tip`, base `size` back towards `from`, `size` wide; without its base
/// when `open`.
pub(super) fn head(d: &mut String, tip: Point, from: Point, size: f64, open: bool) {
    let (dx, dy) = (tip.x - from.x, tip.y - from.y);
    let len = dx.hypot(dy);
    let (ux, uy) = (dx / len, dy / len);
    let (bx, by) = (tip.x - ux * size, tip.y - uy * size);
    let (nx, ny) = (-uy * size / 2.0, ux * size / 2.0);
    for (i, (x, y)) in [(bx - nx, by - ny), (tip.x, tip.y), (bx + nx, by + ny)]
        .into_iter()
        .enumerate()
    {
        d.push(if i == 0 { 'M' } else { 'L' });
        d.push_str(&fmt_num(x));
        d.push(' ');
        d.push_str(&fmt_num(y));
    }
    if !open {
        d.push('z');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_head_points_along_the_last_segment_from_the_end() {
        let line = [
            Point::new(0.0, 0.0),
            Point::new(10.0, 0.0),
            Point::new(10.0, 20.0),
        ];
        assert_eq!(heads(&line, 8.0, false, false), "M14 12L10 20L6 12z");
        assert_eq!(heads(&line, 8.0, false, true), "M14 12L10 20L6 12");
        assert_eq!(
            heads(&line, 8.0, true, false),
            "M14 12L10 20L6 12zM8 4L0 0L8 -4z"
        );
    }

    #[test]
    fn a_line_without_length_gets_no_head() {
        let p = Point::new(3.0, 4.0);
        assert_eq!(heads(&[p, p], 8.0, true, false), "");
        assert_eq!(heads(&[], 8.0, true, false), "");
    }
}
