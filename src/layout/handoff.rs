//! Hand-offs down (or up) a column: a flow between two cards of one column with no card between
//! them is drawn as one vertical segment from the facing edge of one to the facing edge of the
//! other, as a designer draws it, instead of a loop out to the gutter and back into a side.
//!
//! The cards of a column are ordered top to bottom (lane, then place in the cell), so "no card
//! between" is "next to each other in that order", found from the blueprint alone before any
//! size exists. The flows of one such gap share the lower edge of the upper card and the upper
//! edge of the lower one: they get spread ports (slots) across the column's middle, at twice the
//! track spacing where the column allows, never closer than the track spacing. A gap holds as
//! many flows as the narrowest column allows; any beyond that, and labelled ones beyond the two
//! outer slots (a label stands beside the outer side of its run, or on it when it is alone),
//! keep the gutter route. Stacked cards of one cell get a gap tall enough for an arrowhead, or
//! for the label when the hand-off has one; hand-offs between lanes put their labels in a strip
//! at the bottom of the upper lane (see `grid::place`), so a label never sits on a lane border.
//! Uses `model` and `theme` metrics.

use super::spans;
use crate::model::Blueprint;
use crate::theme::Metrics;

/// Where a hand-off's label stands, across its run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Beside {
    /// Centred on the run (the gap's only flow).
    On,
    /// Left of the run (the leftmost slot).
    Left,
    /// Right of the run (the rightmost slot).
    Right,
}

/// One flow drawn as a hand-off.
#[derive(Clone, Copy, Debug)]
pub(super) struct Handoff {
    /// The upper and the lower card (item indices).
    pub upper: usize,
    pub lower: usize,
    /// The flow runs downwards (from `upper` to `lower`).
    pub down: bool,
    /// Its slot in the gap, of `slots`.
    pub slot: usize,
    pub slots: usize,
    /// Where its label goes.
    pub beside: Beside,
}

impl Handoff {
    /// Both cards are in one cell (the gap is inside the cell, not across lanes).
    pub(super) fn in_cell(&self, bp: &Blueprint) -> bool {
        bp.items[self.upper].lane == bp.items[self.lower].lane
    }

    /// The distance between two neighbouring slots in a column `w` wide.
    fn step(slots: usize, w: f64, m: &Metrics) -> f64 {
        if slots < 2 {
            return 0.0;
        }
        let room = w - 2.0 * inset(m);
        (room / (slots - 1) as f64).min(2.0 * m.track_spacing)
    }

    /// The run's offset from the left edge of a column `w` wide.
    pub(super) fn x_offset(&self, w: f64, m: &Metrics) -> f64 {
        let s = Self::step(self.slots, w, m);
        w / 2.0 + (self.slot as f64 - (self.slots as f64 - 1.0) / 2.0) * s
    }

    /// The widest label (box included) that fits beside the run in a column `w` wide.
    pub(super) fn label_room(&self, w: f64, m: &Metrics) -> f64 {
        let x = self.x_offset(w, m);
        match self.beside {
            Beside::On => w - 2.0 * inset(m),
            Beside::Left => x - LABEL_OFF - inset(m),
            Beside::Right => w - x - LABEL_OFF - inset(m),
        }
    }
}

/// How far a label's box stands from its own run when it stands beside it.
pub(super) const LABEL_OFF: f64 = 2.0;

/// Room kept free between a column's edge and its outermost hand-off (the card's rounded corner).
fn inset(m: &Metrics) -> f64 {
    m.item_radius + m.track_spacing / 2.0
}

/// Clearance kept between a label and any other line (flowcheck's 6 px, with room to spare).
pub(super) fn label_clear(m: &Metrics) -> f64 {
    m.track_spacing * 0.75 + 0.5
}

/// The hand-offs of `bp`, one entry per flow; `widths` are the columns' card widths (the least
/// they will be). `label_w` gives the box width a flow's label needs beside its run (its widest
/// word, padded; `None` without a label): a column where a labelled hand-off would have less
/// room than that is widened to give it, so a label is never squeezed to a character a line.
pub(super) fn find(
    bp: &Blueprint,
    widths: &mut [f64],
    label_w: impl Fn(usize) -> Option<f64>,
    m: &Metrics,
) -> Vec<Option<Handoff>> {
    // Each card's place in its column, top to bottom. A spanning card (format 1.1) is no
    // hand-off's end: it stands in a row above its lane's cells, over several columns.
    let cover = spans::Coverage::new(bp);
    let mut pos = vec![0usize; bp.items.len()];
    for step in &bp.steps {
        let mut k = 0;
        for cell in &step.cells {
            for id in cell {
                if bp.items[id.0 as usize].spans() {
                    continue;
                }
                pos[id.0 as usize] = k;
                k += 1;
            }
        }
    }
    // Between two cards of neighbouring lanes' cells may stand a spanning card of a lane below
    // the upper one, over the column: then no straight hand-off.
    let span_between = |a: usize, b: usize| {
        if cover.is_empty() {
            return false;
        }
        let (la, lb) = (bp.items[a].lane.0 as usize, bp.items[b].lane.0 as usize);
        let c = bp.items[a].step.0 as usize;
        (la.min(lb) + 1..=la.max(lb)).any(|l| cover.covers(l, c))
    };
    // Candidates, grouped by gap (the upper card names it), in flow order within a gap.
    let mut cands: Vec<(usize, usize)> = bp
        .flows
        .iter()
        .enumerate()
        .filter_map(|(k, f)| {
            let (a, b) = (f.from.0 as usize, f.to.0 as usize);
            let same = bp.items[a].step == bp.items[b].step
                && !bp.items[a].spans()
                && !bp.items[b].spans();
            (same && pos[a].abs_diff(pos[b]) == 1 && !span_between(a, b))
                .then(|| (if pos[a] < pos[b] { a } else { b }, k))
        })
        .collect();
    cands.sort_unstable();
    let mut out = vec![None; bp.flows.len()];
    for gap in cands.chunk_by(|x, y| x.0 == y.0) {
        let upper = gap[0].0;
        let c = bp.items[upper].step.0 as usize;
        let w = widths[c];
        let cap = ((w - 2.0 * inset(m)) / m.track_spacing).floor().max(0.0) as usize + 1;
        // Labelled flows take the outer slots, two at most; the others fill in between.
        let (mut lab, mut plain): (Vec<usize>, Vec<usize>) =
            gap.iter().map(|g| g.1).partition(|&k| label_w(k).is_some());
        lab.truncate(2);
        plain.truncate(cap.saturating_sub(lab.len()));
        let mut order: Vec<usize> = Vec::with_capacity(lab.len() + plain.len());
        order.extend(lab.first());
        order.extend(&plain);
        order.extend(lab.get(1));
        let slots = order.len();
        // Room for the widest label: on its run when alone, else beside the outer slots, which
        // stand two track spacings apart once the column is that wide.
        let need = lab.iter().filter_map(|&k| label_w(k)).fold(0.0, f64::max);
        if need > 0.0 {
            let want = if slots == 1 {
                need + 2.0 * inset(m)
            } else {
                2.0 * (need + LABEL_OFF + inset(m)) + (slots - 1) as f64 * 2.0 * m.track_spacing
            };
            // A hair more, so the label's words fit the room computed back from it.
            widths[c] = widths[c].max(want + 0.5);
        }
        for (slot, &k) in order.iter().enumerate() {
            let f = &bp.flows[k];
            let a = f.from.0 as usize;
            let lower = if a == upper { f.to.0 as usize } else { a };
            let beside = if slots == 1 {
                Beside::On
            } else if slot == 0 {
                Beside::Left
            } else {
                Beside::Right
            };
            out[k] = Some(Handoff {
                upper,
                lower,
                down: a == upper,
                slot,
                slots,
                beside,
            });
        }
    }
    out
}

/// The least gap above each card: stacked cards joined by a hand-off keep room for its
/// arrowhead, or for its label (`label_h`, box included) and the clearance around it.
pub(super) fn gaps_above(
    bp: &Blueprint,
    hand: &[Option<Handoff>],
    label_h: impl Fn(usize) -> Option<f64>,
    m: &Metrics,
) -> Vec<f64> {
    let mut gap = vec![m.item_gap; bp.items.len()];
    for (k, h) in hand.iter().enumerate() {
        let Some(h) = h else { continue };
        if !h.in_cell(bp) {
            continue;
        }
        let need = match label_h(k) {
            Some(lh) => lh + 2.0 * label_clear(m),
            None => m.arrow + m.item_gap,
        };
        gap[h.lower] = gap[h.lower].max(need);
    }
    gap
}

/// The room each lane keeps at its bottom for the labels of hand-offs that leave it downwards
/// (or arrive in it from below) across a lane border.
pub(super) fn label_strips(
    bp: &Blueprint,
    hand: &[Option<Handoff>],
    label_h: impl Fn(usize) -> Option<f64>,
    m: &Metrics,
) -> Vec<f64> {
    let mut strip = vec![0.0f64; bp.lanes.len()];
    for (k, h) in hand.iter().enumerate() {
        let (Some(h), Some(lh)) = (h, label_h(k)) else {
            continue;
        };
        if h.in_cell(bp) {
            continue;
        }
        let l = bp.items[h.upper].lane.0 as usize;
        strip[l] = strip[l].max(lh + 2.0 * label_clear(m));
    }
    strip
}
