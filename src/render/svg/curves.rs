//! The declared emotion curves (format 1.1 `curves:`) and the phases' loops: each curve a
//! `<g class="emotion curve-K" data-curve>` with its line (`.line`), a point shape per scored
//! step and its name after the last column; its legend swatch; each loop a
//! `<g class="phase-loop">` with its arc, arrowhead and label. Colours and dash patterns are
//! the stylesheet's (`css::curves_stylesheet`); the shapes are drawn here, so no curve is
//! told from another by colour alone. Uses the element writer and `arrow`.

use super::super::arrow;
use super::super::num::fmt_num;
use super::super::xml::{W, push_point};
use crate::geom::{Point, Rect};
use crate::layout::{CurveLine, EmotionRun, Layout, LoopArc};

/// The point shape of curve `index`: circle, square, triangle, diamond, triangle pointing down.
/// A step's point is an `.emotion-point` (`extra` its `data-step`, `data-emotion`); the copy
/// beside the curve's name and in the legend a `.curve-mark`, so that every `.emotion-point` is
/// a scored step's (the SVG contract).
pub(super) fn point_shape(w: &mut W<'_>, index: usize, c: Point, r: f64, extra: &[(&str, &str)]) {
    let point = !extra.is_empty();
    let corners: &[(f64, f64)] = match index % 5 {
        0 => {
            w.circle(
                if point { "emotion-point" } else { "curve-mark" },
                c,
                r,
                extra,
            );
            return;
        }
        1 => &[(-0.9, -0.9), (0.9, -0.9), (0.9, 0.9), (-0.9, 0.9)],
        2 => &[(0.0, -1.25), (1.15, 0.8), (-1.15, 0.8)],
        3 => &[(0.0, -1.25), (1.25, 0.0), (0.0, 1.25), (-1.25, 0.0)],
        _ => &[(0.0, 1.25), (1.15, -0.8), (-1.15, -0.8)],
    };
    let points = corners
        .iter()
        .map(|(x, y)| format!("{},{}", fmt_num(c.x + x * r), fmt_num(c.y + y * r)))
        .collect::<Vec<_>>()
        .join(" ");
    let mut attrs = vec![
        (
            "class",
            if point {
                "emotion-point shape"
            } else {
                "curve-mark shape"
            },
        ),
        ("points", points.as_str()),
    ];
    attrs.extend_from_slice(extra);
    w.empty("polygon", &attrs);
}

/// The class that gives curve `index` its colour and dash pattern.
pub(super) fn class(index: usize) -> String {
    format!("curve-{}", index % 5 + 1)
}

/// The runs as one path's data: each run a subpath, so a step without a score is a gap.
fn runs_d(runs: &[EmotionRun]) -> String {
    let mut d = String::new();
    for r in runs {
        push_point(&mut d, 'M', r.start);
        for c in &r.curve {
            push_point(&mut d, 'C', c.c1);
            push_point(&mut d, ' ', c.c2);
            push_point(&mut d, ' ', c.to);
        }
    }
    d
}

/// Every declared curve, after the one-curve group of version 1.
pub(super) fn curves(w: &mut W<'_>, curves: &[CurveLine]) {
    for c in curves {
        let class = ["emotion ", &class(c.index)].concat();
        let mut attrs = vec![("class", class.as_str()), ("data-curve", c.id.as_str())];
        if let Some(lane) = &c.lane {
            attrs.push(("data-lane", lane));
        }
        w.open("g", &attrs, false);
        if !c.runs.is_empty() {
            w.empty("path", &[("class", "line"), ("d", &runs_d(&c.runs))]);
        }
        for pt in &c.points {
            let v = pt.value.to_string();
            point_shape(
                w,
                c.index,
                pt.at,
                pt.radius,
                &[("data-step", &pt.step), ("data-emotion", &v)],
            );
        }
        point_shape(w, c.index, c.end_symbol, c.radius, &[]);
        w.text("curve-name", &c.end);
        w.end("g");
    }
}

/// A curve's legend swatch: a stretch of its line with its point shape on it.
pub(super) fn swatch(w: &mut W<'_>, index: usize, s: &Rect) {
    let class = ["emotion-key ", &class(index)].concat();
    w.open("g", &[("class", &class)], false);
    let mut d = String::new();
    push_point(&mut d, 'M', Point::new(s.x, s.cy()));
    push_point(&mut d, 'L', Point::new(s.right(), s.cy()));
    w.empty("path", &[("class", "line"), ("d", &d)]);
    point_shape(w, index, Point::new(s.cx(), s.cy()), s.h / 4.0, &[]);
    w.end("g");
}

/// The phases' loops, after the phase bands.
pub(super) fn loops(w: &mut W<'_>, l: &Layout) {
    for lp in &l.loops {
        loop_arc(w, lp, l.arrow, l.radius);
    }
}

fn loop_arc(w: &mut W<'_>, lp: &LoopArc, arrow_size: f64, radius: f64) {
    w.open(
        "g",
        &[
            ("class", "phase-loop"),
            ("data-phase", &lp.phase),
            ("data-loops-to", &lp.to),
        ],
        false,
    );
    let [a, b, c, e] = lp.corners;
    let r = lp.radius.min((a.x - e.x).abs() / 2.0).max(0.0);
    // Up from the phase's end, round the corner, across, round, down to the target.
    let mut d = String::new();
    push_point(&mut d, 'M', a);
    push_point(&mut d, 'L', Point::new(b.x, b.y + r));
    push_point(&mut d, 'Q', b);
    push_point(&mut d, ' ', Point::new(b.x - r, b.y));
    push_point(&mut d, 'L', Point::new(c.x + r, c.y));
    push_point(&mut d, 'Q', c);
    push_point(&mut d, ' ', Point::new(c.x, c.y + r));
    push_point(&mut d, 'L', e);
    w.empty("path", &[("class", "loop-arc"), ("d", &d)]);
    let head = arrow::heads(&[Point::new(c.x, c.y + r), e], arrow_size, false, false);
    if !head.is_empty() {
        w.empty("path", &[("class", "arrowhead"), ("d", &head)]);
    }
    if let Some(lb) = &lp.label {
        w.open("g", &[("class", "loop-label")], false);
        w.rect("", &lb.rect, radius / 2.0);
        w.text("", &lb.text);
        w.end("g");
    }
    w.end("g");
}
