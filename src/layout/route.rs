//! Flow routing in the gutters. Every flow leaves its source card from a side, runs vertically in
//! a column gutter (the space between two columns, which no card ever enters), and, when its ends
//! are more than one column apart, crosses to the target's gutter in a lane channel (a strip under
//! a lane's cards, which spans the full width and holds no card). So no segment can cross a card,
//! and no box scan is needed: routing is O(F log F) for F flows.
//!
//! Each flow gets its own track in every gutter and channel it uses (interval colouring: flows
//! whose spans do not overlap may share one), so no two arrows run on top of each other. The plan
//! is made on the abstract grid before coordinates exist (gutter widths and channel heights depend
//! on the track counts); [`realize`] turns it into points once the grid is placed.
//! Uses `model`, `theme` metrics, `geom` and the grid's positions.

use super::grid::{Grid, Stack};
use super::{FlowLabel, FlowPath, ItemBox, Text};
use crate::geom::{Point, Rect};
use crate::model::Blueprint;
use crate::theme::Metrics;
use std::cmp::{Ordering, Reverse};
use std::collections::{BTreeSet, BinaryHeap};

/// The side of a card a flow leaves or enters by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Left,
    Right,
}

/// One flow's route on the abstract grid.
#[derive(Clone, Debug)]
struct FlowPlan {
    from_side: Side,
    to_side: Side,
    /// Gutter of the first vertical run (next to the source) and of the last (next to the target).
    g1: usize,
    g2: usize,
    /// The lane whose channel carries the horizontal run, when `g1 != g2`.
    channel: Option<usize>,
    /// Tracks in `g1`, `g2` and the channel.
    t1: usize,
    t2: usize,
    ht: usize,
    /// Port offsets from the top of the source and target cards.
    from_port: f64,
    to_port: f64,
}

/// The routes of all flows, and the room they need.
pub(super) struct Plan {
    flows: Vec<FlowPlan>,
    /// Width of each track, per gutter (a labelled flow's track is as wide as its label).
    slots: Vec<Vec<f64>>,
    /// Tracks in each lane's channel.
    pub channel_tracks: Vec<usize>,
}

impl Plan {
    /// Width of gutter `g`: its tracks plus padding, at least the theme's minimum.
    pub fn gutter_width(&self, g: usize, m: &Metrics) -> f64 {
        let tracks: f64 = self.slots[g].iter().sum();
        (tracks + 2.0 * m.gutter_pad).max(m.gutter_min)
    }

    /// Centre of track `t` of gutter `g`, once the grid is placed.
    fn track_x(&self, grid: &Grid, g: usize, t: usize) -> f64 {
        let slots = &self.slots[g];
        let total: f64 = slots.iter().sum();
        let start = grid.gutter_x[g] + (grid.gutter_w[g] - total) / 2.0;
        start + slots[..t].iter().sum::<f64>() + slots[t] / 2.0
    }
}

/// A span to colour: `lo..=hi` on the channel's axis, owned by flow `flow`'s run `run`.
struct Span {
    lo: f64,
    hi: f64,
    flow: usize,
    run: u8,
    width: f64,
}

/// f64 with a total order, for the heap.
#[derive(PartialEq)]
struct Key(f64);
impl Eq for Key {}
impl PartialOrd for Key {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Key {
    fn cmp(&self, o: &Self) -> Ordering {
        self.0.total_cmp(&o.0)
    }
}

/// Greedy interval colouring (optimal for intervals): returns each span's track and the track
/// count. Spans closer than `gap` count as overlapping. Deterministic: ties break on flow index.
fn colour(spans: &mut [Span], gap: f64) -> (Vec<usize>, usize) {
    spans.sort_by(|a, b| {
        a.lo.total_cmp(&b.lo)
            .then(a.hi.total_cmp(&b.hi))
            .then(a.flow.cmp(&b.flow))
            .then(a.run.cmp(&b.run))
    });
    let mut active: BinaryHeap<Reverse<(Key, usize)>> = BinaryHeap::new();
    let mut free = BTreeSet::new();
    let mut count = 0;
    let mut out = Vec::with_capacity(spans.len());
    for s in spans.iter() {
        while let Some(Reverse((Key(end), t))) = active.peek() {
            if *end + gap < s.lo {
                free.insert(*t);
                active.pop();
            } else {
                break;
            }
        }
        let t = match free.pop_first() {
            Some(t) => t,
            None => {
                count += 1;
                count - 1
            }
        };
        active.push(Reverse((Key(s.hi), t)));
        out.push(t);
    }
    (out, count)
}

/// Plans every flow of `bp`. `items` are the cards (sizes only), `stack` their offsets in their
/// lanes, `labels` each flow's wrapped label.
pub(super) fn plan(
    bp: &Blueprint,
    items: &[ItemBox],
    stack: &Stack,
    labels: &[Option<Text>],
    m: &Metrics,
) -> Plan {
    let n = bp.steps.len();
    let col = |i: usize| bp.items[i].step.0 as usize;
    let lane = |i: usize| bp.items[i].lane.0 as usize;

    // Provisional heights: the real ones only add channel and strip room between lanes, which
    // keeps every order below, and order is all the colouring needs.
    let mut lane_top = Vec::with_capacity(bp.lanes.len());
    let mut y = 0.0;
    for h in &stack.lane_content {
        lane_top.push(y);
        y += h + 2.0 * m.lane_pad + m.track_spacing;
    }
    let channel_y =
        |l: usize| lane_top[l] + m.lane_pad + stack.lane_content[l] + m.track_spacing / 2.0;
    let item_y = |i: usize| lane_top[lane(i)] + m.lane_pad + stack.item_top[i];

    let mut flows: Vec<FlowPlan> = bp
        .flows
        .iter()
        .map(|f| {
            let (a, b) = (f.from.0 as usize, f.to.0 as usize);
            let (ca, cb) = (col(a), col(b));
            let (from_side, to_side, g1, g2) = match cb.cmp(&ca) {
                Ordering::Equal => (Side::Right, Side::Right, ca + 1, ca + 1),
                Ordering::Greater => (Side::Right, Side::Left, ca + 1, cb),
                Ordering::Less => (Side::Left, Side::Right, ca, cb + 1),
            };
            let channel = (g1 != g2).then(|| lane(a).min(lane(b)));
            FlowPlan {
                from_side,
                to_side,
                g1,
                g2,
                channel,
                t1: 0,
                t2: 0,
                ht: 0,
                from_port: 0.0,
                to_port: 0.0,
            }
        })
        .collect();

    // Ports: each card side spreads its ends, ordered by where each end's run heads, so runs
    // leaving one side do not cross each other there.
    let mut ends: Vec<Vec<(f64, usize, bool)>> = vec![Vec::new(); items.len() * 2];
    let slot = |i: usize, s: Side| i * 2 + usize::from(s == Side::Right);
    for (k, (f, p)) in bp.flows.iter().zip(&flows).enumerate() {
        let (a, b) = (f.from.0 as usize, f.to.0 as usize);
        let centre = |i: usize| item_y(i) + items[i].rect.h / 2.0;
        let (ka, kb) = match p.channel {
            Some(l) => (channel_y(l), channel_y(l)),
            None => (centre(b), centre(a)),
        };
        ends[slot(a, p.from_side)].push((ka, k, true));
        ends[slot(b, p.to_side)].push((kb, k, false));
    }
    for (s, list) in ends.iter_mut().enumerate() {
        if list.is_empty() {
            continue;
        }
        list.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
        let card = &items[s / 2];
        let h = card.rect.h;
        let n = list.len();
        // The first port is level with the card's first line, so cards in a row (whose first
        // lines align) link with straight arrows; the others follow at an even spacing below it,
        // or spread over the whole side when that is too tight.
        let first = match card.text.lines.first() {
            Some(_) => {
                let lh = card.text.rect.h / card.text.lines.len() as f64;
                (card.text.rect.y - card.rect.y + lh / 2.0).min(h / 2.0)
            }
            None => h / 2.0,
        };
        let room = h - first - m.item_pad_y / 2.0;
        let step = if n > 1 {
            (room / (n - 1) as f64).min(2.0 * m.track_spacing)
        } else {
            0.0
        };
        let anchored = n == 1 || step >= m.track_spacing / 2.0;
        for (k, &(_, fi, is_from)) in list.iter().enumerate() {
            let off = if anchored {
                first + k as f64 * step
            } else {
                h * (k + 1) as f64 / (n + 1) as f64
            };
            if is_from {
                flows[fi].from_port = off;
            } else {
                flows[fi].to_port = off;
            }
        }
    }

    // Vertical runs, per gutter.
    let mut gutters: Vec<Vec<Span>> = (0..=n).map(|_| Vec::new()).collect();
    for (k, (f, p)) in bp.flows.iter().zip(&flows).enumerate() {
        let ya = item_y(f.from.0 as usize) + p.from_port;
        let yb = item_y(f.to.0 as usize) + p.to_port;
        let first_end = p.channel.map_or(yb, channel_y);
        let (mut lo, mut hi) = (ya.min(first_end), ya.max(first_end));
        let mut width = m.track_spacing;
        if let Some(t) = &labels[k] {
            let mid = (lo + hi) / 2.0;
            let half = t.rect.h / 2.0 + m.flow_label_pad;
            lo = lo.min(mid - half);
            hi = hi.max(mid + half);
            width += t.rect.w + 2.0 * m.flow_label_pad;
        }
        gutters[p.g1].push(Span {
            lo,
            hi,
            flow: k,
            run: 0,
            width,
        });
        if let Some(l) = p.channel {
            let c = channel_y(l);
            gutters[p.g2].push(Span {
                lo: c.min(yb),
                hi: c.max(yb),
                flow: k,
                run: 1,
                width: m.track_spacing,
            });
        }
    }
    let mut slots = Vec::with_capacity(n + 1);
    for spans in &mut gutters {
        let (tracks, count) = colour(spans, m.track_spacing);
        let mut widths = vec![0.0f64; count];
        for (s, &t) in spans.iter().zip(&tracks) {
            widths[t] = widths[t].max(s.width);
            let p = &mut flows[s.flow];
            if s.run == 0 {
                p.t1 = t;
                if p.channel.is_none() {
                    p.t2 = t;
                }
            } else {
                p.t2 = t;
            }
        }
        slots.push(widths);
    }

    separate_stubs(bp, items, &mut flows, &item_y, m);

    // Horizontal runs, per lane channel, on the gutter index axis (touching counts as overlap).
    let mut channels: Vec<Vec<Span>> = (0..bp.lanes.len()).map(|_| Vec::new()).collect();
    for (k, p) in flows.iter().enumerate() {
        if let Some(l) = p.channel {
            let (lo, hi) = (p.g1.min(p.g2) as f64, p.g1.max(p.g2) as f64);
            channels[l].push(Span {
                lo,
                hi,
                flow: k,
                run: 2,
                width: 0.0,
            });
        }
    }
    let mut channel_tracks = vec![0; bp.lanes.len()];
    for (l, spans) in channels.iter_mut().enumerate() {
        let (tracks, count) = colour(spans, 0.5);
        channel_tracks[l] = count;
        for (s, &t) in spans.iter().zip(&tracks) {
            flows[s.flow].ht = t;
        }
    }
    Plan {
        flows,
        slots,
        channel_tracks,
    }
}

/// Two short runs from the cards on both sides of a gutter to their tracks can meet at the same
/// height (the cards are in one lane and their ports line up) and then overlap when the left
/// card's track lies right of the right card's track. Such a pair is pulled apart by moving one
/// port half a track spacing towards its card's middle; that stays clear of every other run,
/// since colouring kept a full spacing between runs that share a track. The end moved is one
/// whose flow bends anyway, so straight arrows stay straight.
fn separate_stubs(
    bp: &Blueprint,
    items: &[ItemBox],
    flows: &mut [FlowPlan],
    item_y: &dyn Fn(usize) -> f64,
    m: &Metrics,
) {
    // (gutter, y, faces right (card left of the gutter), flow, is_from, track)
    let mut stubs: Vec<(usize, f64, bool, usize, bool, usize)> = Vec::new();
    for (k, (f, p)) in bp.flows.iter().zip(flows.iter()).enumerate() {
        let (a, b) = (f.from.0 as usize, f.to.0 as usize);
        stubs.push((
            p.g1,
            item_y(a) + p.from_port,
            p.from_side == Side::Right,
            k,
            true,
            p.t1,
        ));
        stubs.push((
            p.g2,
            item_y(b) + p.to_port,
            p.to_side == Side::Right,
            k,
            false,
            p.t2,
        ));
    }
    stubs.sort_by(|x, y| {
        x.0.cmp(&y.0)
            .then(x.1.total_cmp(&y.1))
            .then(x.3.cmp(&y.3))
            .then(x.4.cmp(&y.4))
    });
    let straight = |k: usize, flows: &[FlowPlan]| {
        let f = &bp.flows[k];
        let p = &flows[k];
        p.channel.is_none()
            && (item_y(f.from.0 as usize) + p.from_port - item_y(f.to.0 as usize) - p.to_port).abs()
                < 1e-6
    };
    let mut i = 0;
    while i < stubs.len() {
        let mut j = i + 1;
        while j < stubs.len() && stubs[j].0 == stubs[i].0 && (stubs[j].1 - stubs[i].1).abs() < 1e-6
        {
            j += 1;
        }
        let group = &stubs[i..j];
        for l in group.iter().filter(|s| s.2) {
            for r in group.iter().filter(|s| !s.2) {
                if l.3 == r.3 || l.5 <= r.5 {
                    continue;
                }
                let (k, is_from) = if straight(l.3, flows) {
                    (r.3, r.4)
                } else {
                    (l.3, l.4)
                };
                let f = &bp.flows[k];
                let card = &items[if is_from { f.from.0 } else { f.to.0 } as usize];
                let p = &mut flows[k];
                let port = if is_from {
                    &mut p.from_port
                } else {
                    &mut p.to_port
                };
                let shift = m.track_spacing / 2.0;
                *port += if *port < card.rect.h / 2.0 {
                    shift
                } else {
                    -shift
                };
            }
        }
        i = j;
    }
}

/// The flows as points, once the grid is placed and `items` are at their final positions.
pub(super) fn realize(
    bp: &Blueprint,
    plan: &Plan,
    grid: &Grid,
    items: &[ItemBox],
    labels: Vec<Option<Text>>,
    m: &Metrics,
) -> Vec<FlowPath> {
    // Heights of the zone lines, which labels keep off.
    let rules: Vec<f64> = (0..bp.lanes.len())
        .filter(|&j| super::grid::zone_below(bp, j).is_some())
        .map(|j| grid.lanes[j].rect.bottom())
        .collect();
    // First the points of every flow, then the labels, which also keep off the horizontal runs
    // of the other flows in their gutter.
    let mut runs: Vec<(Vec<Point>, f64, f64)> = Vec::with_capacity(bp.flows.len());
    let mut by_gutter: Vec<Vec<usize>> = vec![Vec::new(); plan.slots.len()];
    for (k, (f, p)) in bp.flows.iter().zip(&plan.flows).enumerate() {
        let (a, b) = (&items[f.from.0 as usize].rect, &items[f.to.0 as usize].rect);
        let edge = |r: &Rect, s: Side| if s == Side::Right { r.right() } else { r.x };
        let start = Point::new(edge(a, p.from_side), a.y + p.from_port);
        let end = Point::new(edge(b, p.to_side), b.y + p.to_port);
        let x1 = plan.track_x(grid, p.g1, p.t1);
        let mut pts = vec![start, Point::new(x1, start.y)];
        let first_end = match p.channel {
            Some(l) => {
                let cy = grid.channel_top[l] + m.track_spacing * (p.ht as f64 + 0.5);
                let x2 = plan.track_x(grid, p.g2, p.t2);
                pts.extend([
                    Point::new(x1, cy),
                    Point::new(x2, cy),
                    Point::new(x2, end.y),
                ]);
                cy
            }
            None => {
                pts.push(Point::new(x1, end.y));
                end.y
            }
        };
        pts.push(end);
        by_gutter[p.g1].push(k);
        if p.g2 != p.g1 {
            by_gutter[p.g2].push(k);
        }
        runs.push((simplify(pts), start.y, first_end));
    }
    let mut out = Vec::with_capacity(bp.flows.len());
    for (k, ((f, p), label)) in bp.flows.iter().zip(&plan.flows).zip(labels).enumerate() {
        let (_, y0, y1) = runs[k];
        let x1 = plan.track_x(grid, p.g1, p.t1);
        let label = label.map(|mut t| {
            let pad = m.flow_label_pad;
            let (lx0, lx1) = (x1 - t.rect.w / 2.0 - pad, x1 + t.rect.w / 2.0 + pad);
            let mut avoid = rules.clone();
            for &o in by_gutter[p.g1].iter().filter(|&&o| o != k) {
                for w in runs[o].0.windows(2) {
                    let horizontal = (w[0].y - w[1].y).abs() < 1e-9;
                    if horizontal && w[0].x.min(w[1].x) < lx1 && w[0].x.max(w[1].x) > lx0 {
                        avoid.push(w[0].y);
                    }
                }
            }
            // Half a track of clearance above and below, so a line does not graze the box.
            let mid = label_centre(y0, y1, t.rect.h + 2.0 * pad + m.track_spacing, &avoid);
            t.translate(
                x1 - t.rect.w / 2.0 - t.rect.x,
                mid - t.rect.h / 2.0 - t.rect.y,
            );
            FlowLabel {
                rect: Rect::new(
                    t.rect.x - pad,
                    t.rect.y - pad,
                    t.rect.w + 2.0 * pad,
                    t.rect.h + 2.0 * pad,
                ),
                text: t,
            }
        });
        out.push(FlowPath {
            from: bp.item_ref(f.from),
            to: bp.item_ref(f.to),
            points: runs[k].0.clone(),
            style: f.style,
            both: f.both,
            customer_path: f.customer_path,
            label,
        });
    }
    out
}

/// Where a label of height `h` goes on the vertical run `y0..y1`: its middle, unless that puts
/// the label on a zone line (a dashed rule at a height in `rules`); then just above or below the
/// line, if that is still on the run.
fn label_centre(y0: f64, y1: f64, h: f64, rules: &[f64]) -> f64 {
    let (lo, hi) = (y0.min(y1), y0.max(y1));
    let mid = (lo + hi) / 2.0;
    let hits = |c: f64| rules.iter().any(|&r| r > c - h / 2.0 && r < c + h / 2.0);
    if !hits(mid) {
        return mid;
    }
    let mut best = mid;
    let mut dist = f64::INFINITY;
    for &r in rules {
        for c in [r - h / 2.0, r + h / 2.0] {
            if c >= lo && c <= hi && !hits(c) && (c - mid).abs() < dist {
                best = c;
                dist = (c - mid).abs();
            }
        }
    }
    best
}

/// Drops repeated points and the middle of three collinear ones.
fn simplify(pts: Vec<Point>) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(pts.len());
    for p in pts {
        if out
            .last()
            .is_some_and(|q| (q.x - p.x).abs() < 1e-9 && (q.y - p.y).abs() < 1e-9)
        {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let same_x = (a.x - b.x).abs() < 1e-9 && (b.x - p.x).abs() < 1e-9;
            let same_y = (a.y - b.y).abs() < 1e-9 && (b.y - p.y).abs() < 1e-9;
            if same_x || same_y {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(lo: f64, hi: f64, flow: usize) -> Span {
        Span {
            lo,
            hi,
            flow,
            run: 0,
            width: 0.0,
        }
    }

    #[test]
    fn colouring_reuses_tracks_only_for_disjoint_spans() {
        let mut s = vec![
            span(0.0, 10.0, 0),
            span(5.0, 20.0, 1),
            span(30.0, 40.0, 2),
            span(12.0, 13.0, 3),
        ];
        let (t, n) = colour(&mut s, 1.0);
        assert_eq!(n, 2);
        for i in 0..s.len() {
            for j in i + 1..s.len() {
                if s[i].lo <= s[j].hi + 1.0 && s[j].lo <= s[i].hi + 1.0 {
                    assert_ne!(t[i], t[j], "{i} and {j} overlap");
                }
            }
        }
    }

    #[test]
    fn labels_keep_off_zone_lines() {
        assert_eq!(label_centre(0.0, 100.0, 20.0, &[]), 50.0);
        let c = label_centre(0.0, 100.0, 20.0, &[55.0]);
        assert!(c == 45.0 || c == 65.0, "{c}");
        // No room on the run: stays in the middle.
        assert_eq!(label_centre(0.0, 10.0, 20.0, &[5.0]), 5.0);
    }

    #[test]
    fn simplify_drops_collinear_points() {
        let p = |x, y| Point::new(x, y);
        let s = simplify(vec![
            p(0.0, 0.0),
            p(5.0, 0.0),
            p(5.0, 0.0),
            p(5.0, 0.0),
            p(9.0, 0.0),
            p(9.0, 3.0),
        ]);
        assert_eq!(s, vec![p(0.0, 0.0), p(9.0, 0.0), p(9.0, 3.0)]);
    }
}
