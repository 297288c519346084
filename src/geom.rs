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
