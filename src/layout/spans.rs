//! Spanning cards (format 1.1 `until`): one card from its item's column to its `until` column,
//! in its lane. Within a lane, spanning cards stand in rows at the top of the lane's content,
//! each row holding spans that do not overlap (interval partitioning: the lowest free row, with
//! a heap, O(S log S) for S spans); the single-step cards of a column stack below the lowest row
//! a span covering that column takes (a sweep over the columns, O(C + S log S) per lane with
//! spans). Nothing walks the steps a span covers one by one, so a span over 10,000 steps costs
//! what one over two does: widths come from prefix sums, coverage from sorted runs.
//!
//! A spanning card's text is wrapped to its full width as it will be at the least: its columns
//! and the theme's narrowest gutters between them ([`wrap_width`]); the card is then stretched to
//! the real union of its columns once the grid is placed ([`stretch`]), which is never narrower.
//! Flows attach to the side of the card facing the other end ([`sides`]).
//! Uses `model`, `theme` metrics and the layout's contract.

use super::contract::ItemBox;
use super::ports::Side;
use crate::geom::Point;
use crate::model::{Blueprint, MarkKind};
use crate::theme::Metrics;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

/// The first and last column of item `i` (equal for a single-step card).
pub(super) fn cols(bp: &Blueprint, i: usize) -> (usize, usize) {
    let it = &bp.items[i];
    (it.step.0 as usize, it.last_step().0 as usize)
}

/// True when item `i` spans more than one column.
pub(super) fn spans(bp: &Blueprint, i: usize) -> bool {
    let (s, u) = cols(bp, i);
    u > s
}

/// The sides a flow from `a` to `b` leaves and enters by, and its first and last gutter. A flow
/// forward (every column of `b` after every column of `a`) leaves `a`'s right side and enters
/// `b`'s left; one backward the reverse; two cards of one column use their right sides. So a
/// flow meets a spanning card at the end of the card nearest the other end: where the span
/// starts for what leads into it, where it ends for what follows it, as a timeline bar is read.
/// A single-step card in a column the span covers meets it at the span's nearer end: both left
/// sides when the card's column is nearer the span's first (a short run down the gutter before
/// it), both right sides otherwise. Flows stay in the gutters; a spanning card takes no
/// hand-off down a column (`handoff::find`).
pub(super) fn sides(bp: &Blueprint, a: usize, b: usize) -> (Side, Side, usize, usize) {
    let ((sa, ua), (sb, ub)) = (cols(bp, a), cols(bp, b));
    if ua < sb {
        return (Side::Right, Side::Left, ua + 1, sb);
    }
    if ub < sa {
        return (Side::Left, Side::Right, sa, ub + 1);
    }
    // Overlapping: one card of one column each, or a span over the other's column.
    let near_start = match (sa < ua, sb < ub) {
        (true, false) => sb - sa <= ua - sb,
        (false, true) => sa - sb <= ub - sa,
        _ => false,
    };
    if near_start {
        (Side::Left, Side::Left, sa, sb)
    } else {
        (Side::Right, Side::Right, ua + 1, ub + 1)
    }
}

/// Running sums of column widths: the width of columns `s..=u` in O(1).
pub(super) struct Prefix(Vec<f64>);

impl Prefix {
    pub(super) fn new(widths: &[f64]) -> Prefix {
        let mut v = Vec::with_capacity(widths.len() + 1);
        v.push(0.0);
        let mut sum = 0.0;
        for w in widths {
            sum += w;
            v.push(sum);
        }
        Prefix(v)
    }

    fn of(&self, s: usize, u: usize) -> f64 {
        self.0[u + 1] - self.0[s]
    }
}

/// The least width of a card over columns `s..=u`: the columns and the narrowest gutters
/// between them (the theme's `gutter_min`; a gutter is never narrower).
pub(super) fn wrap_width(prefix: &Prefix, s: usize, u: usize, m: &Metrics) -> f64 {
    prefix.of(s, u) + (u - s) as f64 * m.gutter_min
}

/// Which columns of each lane spanning cards cover, from the blueprint alone: per lane, the
/// covered runs merged and sorted, asked by binary search.
pub(super) struct Coverage {
    runs: Vec<Vec<(usize, usize)>>,
}

impl Coverage {
    pub(super) fn new(bp: &Blueprint) -> Coverage {
        let mut runs: Vec<Vec<(usize, usize)>> = vec![Vec::new(); bp.lanes.len()];
        // Items come in step order: each lane's spans arrive sorted by their first column.
        for i in 0..bp.items.len() {
            if !spans(bp, i) {
                continue;
            }
            let (s, u) = cols(bp, i);
            let lane = &mut runs[bp.items[i].lane.0 as usize];
            match lane.last_mut() {
                Some(last) if s <= last.1 + 1 => last.1 = last.1.max(u),
                _ => lane.push((s, u)),
            }
        }
        Coverage { runs }
    }

    /// True when a spanning card of lane `l` covers column `c`.
    pub(super) fn covers(&self, l: usize, c: usize) -> bool {
        let runs = &self.runs[l];
        let k = runs.partition_point(|r| r.1 < c);
        runs.get(k).is_some_and(|r| r.0 <= c)
    }

    /// True when no lane has a spanning card.
    pub(super) fn is_empty(&self) -> bool {
        self.runs.iter().all(Vec::is_empty)
    }
}

/// The rows of spanning cards in each lane: each spanning card's top (in its lane's content
/// area), and where the single-step cards of each column start below them.
pub(super) struct Rows {
    /// Per lane that has spanning cards, per column: the top of its first single-step card.
    cell_top: BTreeMap<usize, Vec<f64>>,
    /// Per lane: the bottom of its span rows (0 without any).
    pub bottom: Vec<f64>,
}

impl Rows {
    /// Where the single-step cards of column `c` in lane `l` start.
    pub(super) fn cell_top(&self, l: usize, c: usize) -> f64 {
        self.cell_top.get(&l).map_or(0.0, |v| v[c])
    }
}

/// Stacks the spanning cards of `bp` (sizes in `items`) in rows, `gap` apart, writing their tops
/// into `item_top`.
pub(super) fn rows(bp: &Blueprint, items: &[ItemBox], gap: f64, item_top: &mut [f64]) -> Rows {
    let n = bp.steps.len();
    let mut by_lane: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..bp.items.len() {
        if spans(bp, i) {
            by_lane
                .entry(bp.items[i].lane.0 as usize)
                .or_default()
                .push(i);
        }
    }
    let mut out = Rows {
        cell_top: BTreeMap::new(),
        bottom: vec![0.0; bp.lanes.len()],
    };
    for (l, list) in by_lane {
        // Interval partitioning: spans in order of their first column (items come in step
        // order); each takes the lowest row free by then.
        let mut row_of = Vec::with_capacity(list.len());
        let mut busy: BinaryHeap<Reverse<(usize, usize)>> = BinaryHeap::new(); // (last col, row)
        let mut free: BinaryHeap<Reverse<usize>> = BinaryHeap::new();
        let mut rows = 0;
        for &i in &list {
            let (s, u) = cols(bp, i);
            while let Some(&Reverse((end, r))) = busy.peek() {
                if end >= s {
                    break;
                }
                busy.pop();
                free.push(Reverse(r));
            }
            let r = match free.pop() {
                Some(Reverse(r)) => r,
                None => {
                    rows += 1;
                    rows - 1
                }
            };
            busy.push(Reverse((u, r)));
            row_of.push(r);
        }
        let mut height = vec![0.0f64; rows];
        for (&i, &r) in list.iter().zip(&row_of) {
            height[r] = height[r].max(items[i].rect.h);
        }
        let mut top = Vec::with_capacity(rows);
        let mut y = 0.0;
        for h in &height {
            top.push(y);
            y += h + gap;
        }
        for (&i, &r) in list.iter().zip(&row_of) {
            item_top[i] = top[r];
        }
        out.bottom[l] = y - gap;
        // Sweep the columns: the deepest row open over each gives where its cells start.
        let mut opens: Vec<Vec<usize>> = vec![Vec::new(); n + 1];
        let mut closes: Vec<Vec<usize>> = vec![Vec::new(); n + 1];
        for (&i, &r) in list.iter().zip(&row_of) {
            let (s, u) = cols(bp, i);
            opens[s].push(r);
            closes[u + 1].push(r);
        }
        let mut open: BTreeMap<usize, usize> = BTreeMap::new();
        let mut cells = Vec::with_capacity(n);
        for c in 0..n {
            for r in &closes[c] {
                if let Some(k) = open.get_mut(r) {
                    *k -= 1;
                    if *k == 0 {
                        open.remove(r);
                    }
                }
            }
            for &r in &opens[c] {
                *open.entry(r).or_default() += 1;
            }
            cells.push(
                open.last_key_value()
                    .map_or(0.0, |(&r, _)| top[r] + height[r] + gap),
            );
        }
        out.cell_top.insert(l, cells);
    }
    out
}

/// Widens each spanning card to the union of its columns as placed (`col_x`, `col_w`), moving
/// what stands on its right edge with it.
pub(super) fn stretch(
    bp: &Blueprint,
    items: &mut [ItemBox],
    col_x: &[f64],
    col_w: &[f64],
    pad_x: f64,
) {
    for (i, b) in items.iter_mut().enumerate() {
        // A cut's chevrons stand on the clipped edges (of a card the cut may leave one column).
        if let Some(more) = &mut b.more {
            for c in &mut more.continues {
                // Inside the edge, in the room the words left for it (`cells::card`).
                let inset = pad_x + c.r;
                let x = if c.after {
                    b.rect.right() - inset
                } else {
                    b.rect.x + inset
                };
                c.at = Point::new(x, c.at.y);
            }
        }
        if !spans(bp, i) {
            continue;
        }
        let (s, u) = cols(bp, i);
        let w = col_x[u] + col_w[u] - col_x[s];
        let dw = w - b.rect.w;
        b.rect.w = w;
        if let Some(more) = &mut b.more {
            for g in &mut more.marks {
                let dx = match g.kind {
                    MarkKind::Entry => 0.0,
                    MarkKind::Optional => dw / 2.0,
                    _ => dw,
                };
                g.at = Point::new(g.at.x + dx, g.at.y);
            }
            for c in more.continues.iter_mut().filter(|c| c.after) {
                c.at = Point::new(c.at.x + dw, c.at.y);
            }
            if let Some(sg) = &mut more.status_glyph {
                sg.center = Point::new(sg.center.x + dw, sg.center.y);
                sg.glyph.translate(dw, 0.0);
            }
        }
    }
}
