//! Plane geometry in SVG user units (1 = 1 px at 1x): `Point`, `Size`, `Rect`, and the overlap
//! and crossing tests the layout and the tests use. Uses nothing else in the crate.

use serde::Serialize;

/// A point.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Point {
    /// Horizontal position, growing rightwards.
    pub x: f64,
    /// Vertical position, growing downwards.
    pub y: f64,
}

impl Point {
    /// The point `x, y`.
    pub fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }
}

/// A width and a height.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Size {
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

/// An axis-aligned rectangle.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width (never negative).
    pub w: f64,
    /// Height (never negative).
    pub h: f64,
}

impl Rect {
    /// The rectangle at `x, y` of size `w × h`.
    pub fn new(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect { x, y, w, h }
    }
    /// Right edge.
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
    /// Bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
    /// Horizontal centre.
    pub fn cx(&self) -> f64 {
        self.x + self.w / 2.0
    }
    /// Vertical centre.
    pub fn cy(&self) -> f64 {
        self.y + self.h / 2.0
    }
    /// The rectangle moved by `dx, dy`.
    pub fn translate(&self, dx: f64, dy: f64) -> Rect {
        Rect::new(self.x + dx, self.y + dy, self.w, self.h)
    }
    /// True when the interiors of the two rectangles overlap (touching edges do not).
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.right() && o.x < self.right() && self.y < o.bottom() && o.y < self.bottom()
    }
    /// True when `o` lies inside `self` (edges may touch), with `eps` tolerance.
    pub fn contains_rect(&self, o: &Rect, eps: f64) -> bool {
        o.x >= self.x - eps
            && o.y >= self.y - eps
            && o.right() <= self.right() + eps
            && o.bottom() <= self.bottom() + eps
    }
    /// True when the axis-aligned segment `a`–`b` passes through the interior of `self`.
    pub fn crossed_by(&self, a: Point, b: Point) -> bool {
        let (x0, x1) = (a.x.min(b.x), a.x.max(b.x));
        let (y0, y1) = (a.y.min(b.y), a.y.max(b.y));
        x0 < self.right() && x1 > self.x && y0 < self.bottom() && y1 > self.y
    }
}

/// True when every segment of the polyline is horizontal or vertical (within `eps`).
pub fn is_orthogonal(points: &[Point], eps: f64) -> bool {
    points
        .windows(2)
        .all(|w| (w[0].x - w[1].x).abs() <= eps || (w[0].y - w[1].y).abs() <= eps)
}

/// Distance from `p` to the nearest point of `r` (0 inside or on the edge).
pub fn distance_to_rect(p: Point, r: &Rect) -> f64 {
    let dx = (r.x - p.x).max(0.0).max(p.x - r.right());
    let dy = (r.y - p.y).max(0.0).max(p.y - r.bottom());
    (dx * dx + dy * dy).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crossing_and_overlap() {
        let r = Rect::new(10.0, 10.0, 10.0, 10.0);
        assert!(r.crossed_by(Point::new(0.0, 15.0), Point::new(30.0, 15.0)));
        assert!(
            !r.crossed_by(Point::new(0.0, 10.0), Point::new(30.0, 10.0)),
            "edge only"
        );
        assert!(!r.overlaps(&Rect::new(20.0, 10.0, 5.0, 5.0)), "touching");
        assert!(r.overlaps(&Rect::new(19.0, 19.0, 5.0, 5.0)));
        assert_eq!(distance_to_rect(Point::new(25.0, 15.0), &r), 5.0);
        assert!(is_orthogonal(
            &[
                Point::new(0.0, 0.0),
                Point::new(0.0, 5.0),
                Point::new(3.0, 5.0)
            ],
            0.0
        ));
        assert!(!is_orthogonal(
            &[Point::new(0.0, 0.0), Point::new(1.0, 5.0)],
            0.0
        ));
    }
}
