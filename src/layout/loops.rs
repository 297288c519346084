//! The phases' loops back (format 1.1 `loops_to`, `loop_label`): each an arc above the phase
//! bands, from the looping phase's end up, across and down to the target's start, where its
//! arrowhead is; its label on a box over the arc's top. Every loop has a level of its own, the
//! narrowest lowest, so arcs nest and never run along one another; the row above the phase
//! bands is as tall as the levels. Uses `model`, `theme` (fonts) and `geom`.

use super::contract::{FlowLabel, LoopArc, PhaseBand, Text};
use super::typeset::Typeset;
use crate::geom::{Point, Rect};
use crate::model::Blueprint;
use crate::theme::Fonts;

/// One loop as measured: its ends' x, its label (wrapped, at the origin) and its level's height.
struct Measured<'a> {
    phase: &'a str,
    to: &'a str,
    x0: f64,
    x1: f64,
    label: Option<Text>,
    h: f64,
}

/// The loops whose two phases both have bands, measured, lowest level first.
fn measure<'a>(
    bp: &'a Blueprint,
    bands: &[PhaseBand],
    ts: &Typeset,
    f: &Fonts,
) -> Vec<Measured<'a>> {
    let m = ts.m;
    let band = |id: &str| bands.iter().find(|b| b.id == id).map(|b| b.rect);
    let mut out: Vec<Measured<'a>> = bp
        .phases
        .iter()
        .filter_map(|p| {
            let lb = p.loop_back.as_ref()?;
            let target = &bp.phases[lb.to.value.0 as usize];
            let (from, to) = (band(&p.id.value)?, band(&target.id.value)?);
            // Inside the bands' ends, clear of their rounded corners.
            let inset = 2.0 * m.header_pad;
            let (x0, x1) = (to.x + inset, from.right() - inset);
            let w = (x1 - x0 - 2.0 * (m.flow_label_pad + radius(ts))).max(1.0);
            let label = lb
                .label
                .as_ref()
                .map(|l| ts.centered(&l.value, f.flow_label, false, w, (x0 + x1) / 2.0, 0.0));
            let text_h = label
                .as_ref()
                .map_or(ts.line_height(f.flow_label), |t| t.rect.h);
            Some(Measured {
                phase: &p.id.value,
                to: &target.id.value,
                x0,
                x1,
                label,
                h: text_h + 2.0 * m.flow_label_pad,
            })
        })
        .collect();
    // Narrowest lowest: an arc inside another's span stays under it.
    out.sort_by(|a, b| (a.x1 - a.x0).total_cmp(&(b.x1 - b.x0)));
    out
}

/// The radius of an arc's upper corners.
fn radius(ts: &Typeset) -> f64 {
    ts.m.header_pad
}

/// The height of the row of loops above the phase bands (0 when there is none).
pub(super) fn height(bp: &Blueprint, bands: &[PhaseBand], ts: &Typeset, f: &Fonts) -> f64 {
    let levels = measure(bp, bands, ts, f);
    if levels.is_empty() {
        return 0.0;
    }
    levels.iter().map(|l| l.h + ts.m.phase_gap).sum::<f64>() + ts.m.arrow
}

/// The arcs over `bands` (already placed, below the row [`height`] made room for).
pub(super) fn arcs(bp: &Blueprint, bands: &[PhaseBand], ts: &Typeset, f: &Fonts) -> Vec<LoopArc> {
    let m = ts.m;
    let Some(top) = bands.iter().map(|b| b.rect.y).reduce(f64::min) else {
        return Vec::new();
    };
    // The arrowheads come down into the bands' top edge; the lowest level starts above them.
    let mut floor = top - m.arrow;
    measure(bp, bands, ts, f)
        .into_iter()
        .map(|l| {
            let y = floor - m.phase_gap - l.h / 2.0;
            floor -= m.phase_gap + l.h;
            let label = l.label.map(|mut text| {
                text.translate(0.0, y - text.rect.h / 2.0);
                let pad = m.flow_label_pad;
                FlowLabel {
                    rect: Rect::new(
                        text.rect.x - pad,
                        text.rect.y - pad,
                        text.rect.w + 2.0 * pad,
                        text.rect.h + 2.0 * pad,
                    ),
                    text,
                }
            });
            LoopArc {
                phase: l.phase.to_string(),
                to: l.to.to_string(),
                corners: [
                    Point::new(l.x1, top),
                    Point::new(l.x1, y),
                    Point::new(l.x0, y),
                    Point::new(l.x0, top),
                ],
                radius: radius(ts),
                label,
            }
        })
        .collect()
}
