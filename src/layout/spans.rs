//! Spanning cards (format 1.1 `until`): one card from its item's column to its `until` column,
//! in its lane. Within a lane, spanning cards stand in rows at the top of the lane's content,
//! each row holding spans that do not overlap (interval partitioning: the lowest free row below
//! the open spans that hold the new one, O(S log S + S·k) for S spans, k open at once: k rows
//! are drawn anyway); the single-step cards of a column stack below the lowest row
//! a span covering that column takes (a sweep over the columns, O(C + S log S) per lane with
//! spans). Nothing walks the steps a span covers one by one, so a span over 10,000 steps costs
//! what one over two does: widths come from prefix sums, coverage from sorted runs.
//!
//! A spanning card's text is wrapped to its full width as it will be at the least: its columns
//! and the theme's narrowest gutters between them ([`wrap_width`]); the card is then stretched to
//! the real union of its columns once the grid is placed ([`stretch`]), which is never narrower.
//! Flows attach to the side of the card facing the other end (`ports::sides`).
//! Uses `model`, `theme` metrics and the layout's contract.

use super::contract::ItemBox;
use crate::geom::Point;
use crate::model::{Blueprint, MarkKind};
use crate::theme::Metrics;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap};

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
/// into `item_top`; `over` is how far each card's edge glyphs reach above and below it
/// ([`ItemBox::overhang`]), kept out of the gap.
pub(super) fn rows(
    bp: &Blueprint,
    items: &[ItemBox],
    over: &[(f64, f64)],
    gap: f64,
    item_top: &mut [f64],
) -> Rows {
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
    for (l, mut list) in by_lane {
        // Interval partitioning: spans in order of their first column, the longer first; each
        // takes the lowest row free by then below every open span that holds it. So a span
        // inside another stands below it, and a flow's run from the lane's channel up to the
        // inner one never crosses the outer one (see `ports::sides`).
        list.sort_by_key(|&i| {
            let (s, u) = cols(bp, i);
            (s, Reverse(u))
        });
        let mut row_of = Vec::with_capacity(list.len());
        let mut busy: BinaryHeap<Reverse<(usize, usize)>> = BinaryHeap::new(); // (last col, row)
        let mut open: BTreeSet<(usize, usize)> = BTreeSet::new(); // the same, by last column
        let mut free: BTreeSet<usize> = BTreeSet::new();
        let mut rows = 0;
        for &i in &list {
            let (s, u) = cols(bp, i);
            while let Some(&Reverse((end, r))) = busy.peek() {
                if end >= s {
                    break;
                }
                busy.pop();
                open.remove(&(end, r));
                free.insert(r);
            }
            // The open spans that hold this one end at or after it (they began no later).
            let below = open.range((u, 0)..).map(|&(_, r)| r + 1).max().unwrap_or(0);
            let r = match free.range(below..).next().copied() {
                Some(r) => {
                    free.remove(&r);
                    r
                }
                None => {
                    rows += 1;
                    rows - 1
                }
            };
            busy.push(Reverse((u, r)));
            open.insert((u, r));
            row_of.push(r);
        }
        let mut height = vec![0.0f64; rows];
        let (mut above, mut below) = (vec![0.0f64; rows], vec![0.0f64; rows]);
        for (&i, &r) in list.iter().zip(&row_of) {
            height[r] = height[r].max(items[i].rect.h);
            above[r] = above[r].max(over[i].0);
            below[r] = below[r].max(over[i].1);
        }
        // A row's glyphs reach into the gap above and below it; the first row's top ones are
        // the lane's business (`grid::stack`).
        let mut top = Vec::with_capacity(rows);
        let mut y = 0.0;
        for r in 0..rows {
            if r > 0 {
                y += above[r];
            }
            top.push(y);
            y += height[r] + below[r] + gap;
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
                    .map_or(0.0, |(&r, _)| top[r] + height[r] + below[r] + gap),
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

#[cfg(test)]
mod tests {
    use crate::layout::testkit::{build, check_geometry};
    use crate::layout::{Layout, layout};
    use crate::text::Measure;
    use crate::theme::Theme;

    fn lay(bp: &crate::model::Blueprint) -> Layout {
        layout(bp, &Theme::light(), &Measure::new())
    }

    /// Spans in one lane stack in rows, a span inside another below it, and the cells of the
    /// columns they cover below the lowest row over them; uncovered cells stay at the top.
    #[test]
    fn stacked_spans_take_rows_and_cells_stand_below_them() {
        let bp = build(
            "S",
            &["customer", "onstage"],
            &[
                (
                    "s0",
                    "",
                    &[("customer", &["a"]), ("onstage", &["Long|until=s3"])],
                ),
                ("s1", "", &[("onstage", &["Inner|until=s2", "below both"])]),
                ("s2", "", &[("customer", &["c"])]),
                ("s3", "", &[("onstage", &["Next|until=s4"])]),
                ("s4", "", &[("onstage", &["after"])]),
                ("s5", "", &[("onstage", &["free"])]),
            ],
            &["s0.customer > s0.onstage", "s1.onstage.2 > s3.onstage"],
            false,
        );
        let l = lay(&bp);
        check_geometry(&bp, &l);
        let card = |id: &str| l.items.iter().find(|i| i.id == id).expect("card").rect;
        let (long, inner, next) = (
            card("s0.onstage.1"),
            card("s1.onstage.1"),
            card("s3.onstage.1"),
        );
        assert!(
            inner.y >= long.bottom(),
            "the inner span stands below the outer one"
        );
        assert!(next.y >= long.bottom(), "overlapping spans take two rows");
        assert!(
            card("s1.onstage.2").y >= inner.bottom(),
            "cells below the spans over them"
        );
        assert!(card("s4.onstage.1").y >= next.bottom());
        assert!(
            (card("s5.onstage.1").y - long.y).abs() < 1e-9,
            "an uncovered cell at the top"
        );
        let cols = &l.columns;
        assert!((long.x - cols[0].rect.x).abs() < 1e-9);
        assert!((long.right() - cols[3].rect.right()).abs() < 1e-9);
    }

    /// A span over 10,000 steps and a hundred spans of a hundred steps under it: the layout
    /// stays linear in the steps (prefix sums and sorted runs, nothing per covered step).
    #[test]
    fn spans_over_ten_thousand_steps_lay_out_in_linear_time() {
        let n = 10_000;
        let ids: Vec<String> = (0..n).map(|i| format!("s{i}")).collect();
        let texts: Vec<String> = (0..n)
            .map(|i| match i {
                0 => format!("The whole journey|until=s{}", n - 1),
                _ if i % 100 == 1 => format!("Stretch {i}|until=s{}", (i + 99).min(n - 1)),
                _ => String::new(),
            })
            .collect();
        let cells: Vec<Vec<(&str, Vec<&str>)>> = (0..n)
            .map(|i| {
                let mut c = vec![("customer", vec!["Step"])];
                if !texts[i].is_empty() {
                    c.push(("onstage", vec![texts[i].as_str()]));
                }
                c
            })
            .collect();
        let refs: Vec<Vec<(&str, &[&str])>> = cells
            .iter()
            .map(|row| row.iter().map(|(l, c)| (*l, c.as_slice())).collect())
            .collect();
        let specs: Vec<crate::layout::testkit::StepSpec> = ids
            .iter()
            .zip(&refs)
            .map(|(id, c)| (id.as_str(), "", c.as_slice()))
            .collect();
        let bp = build("Long", &["customer", "onstage"], &specs, &[], false);
        let t = std::time::Instant::now();
        let l = lay(&bp);
        eprintln!("{n} steps, {} spans: {:?}", 1 + n / 100, t.elapsed());
        let whole = l
            .items
            .iter()
            .find(|i| i.id == "s0.onstage.1")
            .expect("span")
            .rect;
        assert!((whole.right() - l.columns[n - 1].rect.right()).abs() < 1e-6);
        let stretch = l
            .items
            .iter()
            .find(|i| i.id == "s101.onstage.1")
            .expect("span")
            .rect;
        assert!(stretch.y >= whole.bottom());
    }
}
