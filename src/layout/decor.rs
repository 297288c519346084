//! Decorations around the grid: the three zone lines, the emotion curve on its 1–5 scale, and the
//! legend of the marks the diagram uses. Uses `model`, `theme`, `geom` and the
//! grid's positions.

use super::contract::{
    Cubic, EmotionCurve, EmotionPoint, FlowPath, ItemBox, Legend, LegendEntry, LegendKind, Level,
    ZoneRule,
};
use super::grid::Grid;
use super::typeset::Typeset;
use crate::geom::{Point, Rect};
use crate::model::{Blueprint, FlowStyle, Touchpoint};
use crate::theme::Fonts;

/// The zone lines that have lanes on both sides, each at the boundary of its zones' bands, its
/// label just above it in the label gutter.
pub(super) fn zone_lines(bp: &Blueprint, g: &Grid, ts: &Typeset, f: &Fonts) -> Vec<ZoneRule> {
    let m = ts.m;
    let (x0, x1) = g.lanes_x();
    (0..bp.lanes.len())
        .filter_map(|j| {
            let kind = bp.zone_below(j)?;
            let y = g.lanes[j].rect.bottom();
            let lh = ts.line_height(f.zone_line);
            let label = ts.block(
                kind.label(),
                f.zone_line,
                false,
                g.label_w,
                x0 + m.lane_label_pad,
                y - lh - m.lane_pad / 2.0,
            );
            Some(ZoneRule {
                kind,
                y,
                x0,
                x1,
                label,
            })
        })
        .collect()
}

/// The emotion curve: a point per step with an emotion, joined by a monotone cubic (it never
/// overshoots, so it stays on the scale), with the scale's levels labelled 1–5 and its ends in
/// words ("very negative", "very positive").
pub(super) fn emotion(bp: &Blueprint, g: &Grid, ts: &Typeset, f: &Fonts) -> Option<EmotionCurve> {
    let band = g.emotion_band?;
    let m = ts.m;
    let (y5, y1) = (band.y + m.lane_pad, band.bottom() - m.lane_pad);
    let level_y = |v: u8| y1 - (f64::from(v) - 1.0) / 4.0 * (y1 - y5);
    let right = g.label_x + g.label_w - m.lane_label_pad;
    let room = g.label_w - 2.0 * m.lane_label_pad;
    // The ends of the scale say what they mean, in the gutter beside their digit (the title sits
    // at the middle level, clear of them), when the words fit there on one line.
    let words = |v: u8| {
        let end = match v {
            1 => "very negative ",
            5 => "very positive ",
            _ => "",
        };
        let t = format!("{end}{v}");
        if ts.natural(&t, f.scale, false) <= room {
            t
        } else {
            v.to_string()
        }
    };
    let levels: Vec<Level> = (1..=5u8)
        .map(|v| {
            let mut label = ts.block(&words(v), f.scale, false, g.label_w, 0.0, 0.0);
            label.translate(right - label.rect.w, level_y(v) - label.rect.h / 2.0);
            for l in &mut label.lines {
                l.x = right - l.width;
            }
            Level {
                value: v,
                y: level_y(v),
                label,
            }
        })
        .collect();
    let digits = levels[1..4]
        .iter()
        .map(|l| l.label.rect.w)
        .fold(0.0, f64::max);
    let mut title = ts.block(
        "Customer emotion",
        f.lane,
        true,
        g.label_w - 2.0 * m.lane_label_pad - digits - m.phase_gap,
        g.label_x + m.lane_label_pad,
        0.0,
    );
    title.translate(0.0, band.cy() - title.rect.h / 2.0);
    // A title too tall to pass between the end words is kept clear of them instead.
    let ends = levels[0].label.rect.w.max(levels[4].label.rect.w);
    if title.rect.y < levels[4].label.rect.bottom() || title.rect.bottom() > levels[0].label.rect.y
    {
        title = ts.block(
            "Customer emotion",
            f.lane,
            true,
            room - ends - m.phase_gap,
            g.label_x + m.lane_label_pad,
            0.0,
        );
        title.translate(0.0, band.cy() - title.rect.h / 2.0);
    }
    let points: Vec<EmotionPoint> = bp
        .steps
        .iter()
        .enumerate()
        .filter_map(|(c, s)| {
            let v = s.emotion.as_ref()?.value.get();
            Some(EmotionPoint {
                step: s.id.value.clone(),
                value: v,
                at: Point::new(g.col_x[c] + g.col_w[c] / 2.0, level_y(v)),
                radius: m.emotion_point,
            })
        })
        .collect();
    let pts: Vec<Point> = points.iter().map(|p| p.at).collect();
    Some(EmotionCurve {
        band,
        title,
        levels,
        points,
        curve: monotone(&pts),
    })
}

/// Fritsch–Butland monotone cubic through `p` (x strictly increasing): between two points the
/// curve stays within their y range.
fn monotone(p: &[Point]) -> Vec<Cubic> {
    if p.len() < 2 {
        return Vec::new();
    }
    let d: Vec<f64> = p
        .windows(2)
        .map(|w| (w[1].y - w[0].y) / (w[1].x - w[0].x))
        .collect();
    let mut t = vec![0.0; p.len()];
    t[0] = d[0];
    t[p.len() - 1] = d[d.len() - 1];
    for i in 1..p.len() - 1 {
        t[i] = if d[i - 1] * d[i] <= 0.0 {
            0.0
        } else {
            2.0 / (1.0 / d[i - 1] + 1.0 / d[i])
        };
    }
    // End tangents are halved so a two-point curve does not leave its span.
    if p.len() > 2 {
        t[0] = if d[0] * t[1] <= 0.0 { 0.0 } else { d[0] / 2.0 };
        let k = p.len() - 1;
        t[k] = if d[k - 1] * t[k - 1] <= 0.0 {
            0.0
        } else {
            d[k - 1] / 2.0
        };
    }
    p.windows(2)
        .enumerate()
        .map(|(i, w)| {
            let dx = (w[1].x - w[0].x) / 3.0;
            Cubic {
                c1: Point::new(w[0].x + dx, w[0].y + t[i] * dx),
                c2: Point::new(w[1].x - dx, w[1].y - t[i + 1] * dx),
                to: w[1],
            }
        })
        .collect()
}

/// The legend at `x, top`, wrapping its entries at `max_w`; `None` when no mark is used.
#[allow(clippy::too_many_arguments)]
pub(super) fn legend(
    bp: &Blueprint,
    items: &[ItemBox],
    flows: &[FlowPath],
    emotion: bool,
    stand_ins: bool,
    ts: &Typeset,
    f: &Fonts,
    x: f64,
    top: f64,
    max_w: f64,
) -> Option<Legend> {
    let m = ts.m;
    let mut kinds = Vec::new();
    for tp in Touchpoint::ALL {
        if bp
            .steps
            .iter()
            .any(|s| s.touchpoint.as_ref().is_some_and(|t| t.value == tp))
        {
            kinds.push(LegendKind::Touchpoint(tp));
        }
    }
    let uses = |k: LegendKind, used: bool, kinds: &mut Vec<LegendKind>| {
        if used {
            kinds.push(k)
        }
    };
    uses(
        LegendKind::Fail,
        items.iter().any(|i| i.fail.is_some()),
        &mut kinds,
    );
    uses(
        LegendKind::Wait,
        items.iter().any(|i| i.wait.is_some()),
        &mut kinds,
    );
    uses(
        LegendKind::Note,
        items.iter().any(|i| !i.note.is_empty()),
        &mut kinds,
    );
    uses(
        LegendKind::Link,
        items.iter().any(|i| i.link.is_some()),
        &mut kinds,
    );
    let drawn = flows.iter().filter(|f| !f.customer_path);
    uses(
        LegendKind::Flow,
        drawn.clone().any(|f| f.style == FlowStyle::Solid),
        &mut kinds,
    );
    uses(
        LegendKind::DashedFlow,
        drawn.clone().any(|f| f.style == FlowStyle::Dashed),
        &mut kinds,
    );
    uses(
        LegendKind::BothFlow,
        drawn.clone().any(|f| f.both),
        &mut kinds,
    );
    uses(
        LegendKind::CustomerPath,
        flows.iter().any(|f| f.customer_path),
        &mut kinds,
    );
    uses(LegendKind::Emotion, emotion, &mut kinds);
    uses(LegendKind::Stub, stand_ins, &mut kinds);
    if kinds.is_empty() {
        return None;
    }
    let lh = ts.line_height(f.legend);
    let row_h = lh.max(2.0 * m.badge_radius);
    let (x0, y0) = (x + m.legend_pad, top + m.legend_pad);
    let (mut cx, mut cy, mut widest) = (x0, y0, 0.0f64);
    let mut entries = Vec::with_capacity(kinds.len());
    for k in kinds {
        let sw = match k {
            LegendKind::Flow
            | LegendKind::DashedFlow
            | LegendKind::BothFlow
            | LegendKind::CustomerPath
            | LegendKind::Emotion
            | LegendKind::Stub => m.legend_symbol,
            _ => 2.0 * m.badge_radius,
        };
        let label = ts.block(legend_text(k), f.legend, false, max_w, 0.0, 0.0);
        let w = sw + m.phase_gap + label.rect.w;
        if cx > x0 && cx + w > x + max_w - m.legend_pad {
            cx = x0;
            cy += row_h + m.phase_gap;
        }
        let symbol = Rect::new(
            cx,
            cy + (row_h - 2.0 * m.badge_radius) / 2.0,
            sw,
            2.0 * m.badge_radius,
        );
        let letter = match k {
            LegendKind::Touchpoint(t) => t.key()[..1].to_uppercase(),
            LegendKind::Fail => "F".to_string(),
            _ => String::new(),
        };
        let mut glyph = ts.centered(&letter, f.badge, true, symbol.w, symbol.cx(), 0.0);
        glyph.translate(0.0, symbol.cy() - glyph.rect.h / 2.0);
        let mut label = label;
        label.translate(cx + sw + m.phase_gap, cy + (row_h - label.rect.h) / 2.0);
        cx += w;
        widest = widest.max(cx);
        cx += m.legend_spacing;
        entries.push(LegendEntry {
            kind: k,
            symbol,
            glyph,
            label,
        });
    }
    let rect = Rect::new(
        x,
        top,
        widest - x + m.legend_pad,
        cy + row_h + m.legend_pad - top,
    );
    Some(Legend { rect, entries })
}

fn legend_text(k: LegendKind) -> &'static str {
    match k {
        LegendKind::Touchpoint(t) => t.label(),
        LegendKind::Fail => "Fail point (cause)",
        LegendKind::Wait => "Wait point (length)",
        LegendKind::Note => "Note",
        LegendKind::Link => "Linked item",
        LegendKind::Flow => "Flow",
        LegendKind::DashedFlow => "Flow (dashed)",
        LegendKind::BothFlow => "Two-way flow",
        LegendKind::CustomerPath => "Customer path",
        LegendKind::Emotion => "Customer emotion, 1 (very negative) to 5 (very positive)",
        LegendKind::Stub => "Outside this cut",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monotone_curve_stays_between_its_points() {
        let p = [
            Point::new(0.0, 10.0),
            Point::new(10.0, 50.0),
            Point::new(30.0, 50.0),
            Point::new(40.0, 0.0),
        ];
        let c = monotone(&p);
        assert_eq!(c.len(), 3);
        for (i, s) in c.iter().enumerate() {
            let (lo, hi) = (p[i].y.min(p[i + 1].y), p[i].y.max(p[i + 1].y));
            for q in [s.c1, s.c2] {
                assert!(q.y >= lo - 1e-9 && q.y <= hi + 1e-9, "segment {i}: {q:?}");
            }
        }
    }
}
