//! Typesetting for layout: text wrapped by `text`'s measurer at the theme's sizes, placed as
//! [`Text`] blocks with baselines. Every stage that places words goes through [`Typeset`].
//! Uses `text`, `theme` (metrics) and the contract's text types.

use super::contract::{Badge, Text, TextLine};
use crate::geom::{Point, Rect};
use crate::model::Touchpoint;
use crate::text::{Line, Measure, Weight};
use crate::theme::{Fonts, Metrics};

/// Wraps and positions text with the theme's sizes and line metrics.
pub(crate) struct Typeset<'a> {
    pub measure: &'a Measure,
    pub m: &'a Metrics,
}

impl Typeset<'_> {
    /// Line height at `size` (the font's, from `text`).
    pub(crate) fn line_height(&self, size: f64) -> f64 {
        Measure::line_height(size)
    }

    /// Width of the widest explicit line of `text`, unwrapped.
    pub(crate) fn natural(&self, text: &str, size: f64, bold: bool) -> f64 {
        // Wrapping at an infinite width breaks only where the text does, and measures each line
        // as `block` will draw it, from the cached widths of its words where that is exact.
        self.measure
            .wrap(text, size, weight(bold), f64::INFINITY)
            .iter()
            .map(|l| l.width)
            .fold(0.0, f64::max)
    }

    /// The lines of `text` unwrapped, and the least width they stay the same from.
    pub(crate) fn unwrapped(&self, text: &str, size: f64, bold: bool) -> (Vec<Line>, f64) {
        self.measure
            .wrap_needing(text, size, weight(bold), f64::INFINITY)
    }

    /// `text` wrapped at `max_width` (at least one em).
    pub(crate) fn lines(&self, text: &str, size: f64, bold: bool, max_width: f64) -> Vec<Line> {
        self.measure
            .wrap(text, size, weight(bold), max_width.max(size))
    }

    /// [`Typeset::lines`], but the lines of `unwrapped` (what [`Typeset::unwrapped`] gave for
    /// `text`) when `max_width` is at least the width they need: wrapping would give them again.
    pub(crate) fn lines_keeping(
        &self,
        unwrapped: (Vec<Line>, f64),
        text: &str,
        size: f64,
        bold: bool,
        max_width: f64,
    ) -> Vec<Line> {
        let (lines, needed) = unwrapped;
        if max_width.max(size) >= needed {
            lines
        } else {
            self.lines(text, size, bold, max_width)
        }
    }

    /// `text` wrapped at `max_width`, its top-left corner at `x, top`.
    pub(crate) fn block(
        &self,
        text: &str,
        size: f64,
        bold: bool,
        max_width: f64,
        x: f64,
        top: f64,
    ) -> Text {
        self.block_of(self.lines(text, size, bold, max_width), size, bold, x, top)
    }

    /// `text` wrapped at `max_width` into as few lines as there, each as short as that allows:
    /// the narrowest width that keeps the line count (found by halving; line counts only fall
    /// as the width grows), so a wrapped label does not end in one lone word. At the origin.
    pub(crate) fn balanced(&self, text: &str, size: f64, bold: bool, max_width: f64) -> Text {
        let lines = self.lines(text, size, bold, max_width);
        let n = lines.len();
        if n < 2 {
            return self.block_of(lines, size, bold, 0.0, 0.0);
        }
        let (mut lo, mut hi, mut best) = (max_width / n as f64, max_width, lines);
        for _ in 0..12 {
            let mid = (lo + hi) / 2.0;
            let l = self.lines(text, size, bold, mid);
            if l.len() <= n {
                (hi, best) = (mid, l);
            } else {
                lo = mid;
            }
        }
        self.block_of(best, size, bold, 0.0, 0.0)
    }

    /// Wrapped `lines` of one block, its top-left corner at `x, top`.
    pub(crate) fn block_of(
        &self,
        lines: Vec<Line>,
        size: f64,
        bold: bool,
        x: f64,
        top: f64,
    ) -> Text {
        let lh = self.line_height(size);
        let (ascent, descent) = (Measure::ascent(size), Measure::descent(size));
        let half_leading = (lh - ascent - descent) / 2.0;
        let lines: Vec<TextLine> = lines
            .into_iter()
            .enumerate()
            .map(|(i, l)| TextLine {
                text: l.text,
                x,
                y: top + i as f64 * lh + half_leading + ascent,
                width: l.width,
                joined: l.joined,
            })
            .collect();
        let w = lines.iter().map(|l| l.width).fold(0.0, f64::max);
        let h = lines.len() as f64 * lh;
        Text {
            size,
            bold,
            lines,
            rect: Rect::new(x, top, w, h),
        }
    }

    /// A touch-point badge of `kind` centred at `center`, radius `r`: its shape and its
    /// letter (the step header's and a card's corner, format 1.1).
    pub(super) fn badge(&self, kind: Touchpoint, center: Point, r: f64, f: &Fonts) -> Badge {
        let mut letter = self.centered(
            &kind.key()[..1].to_uppercase(),
            f.badge,
            true,
            2.0 * r,
            center.x,
            0.0,
        );
        letter.translate(0.0, center.y - letter.rect.h / 2.0);
        Badge {
            kind,
            center,
            radius: r,
            letter,
        }
    }

    /// Like [`Typeset::block`], each line centred on `cx`.
    pub(crate) fn centered(
        &self,
        text: &str,
        size: f64,
        bold: bool,
        max_width: f64,
        cx: f64,
        top: f64,
    ) -> Text {
        let mut t = self.block(text, size, bold, max_width, cx, top);
        for l in &mut t.lines {
            l.x = cx - l.width / 2.0;
        }
        t.rect.x = cx - t.rect.w / 2.0;
        t
    }
}

fn weight(bold: bool) -> Weight {
    if bold { Weight::Bold } else { Weight::Regular }
}
