//! Ports: where flows meet the sides of their cards. A flow's plan on the abstract grid
//! ([`FlowPlan`]), the room each card side needs for its ports ([`grow_for_ports`], before the
//! cells stack), and the last touch once tracks are known ([`separate_stubs`]): two short runs
//! from the cards on both sides of a gutter that would run along each other are pulled a track
//! spacing apart, beside where they are or at the nearest free place on their card side; where a
//! side has none left, layout grows the card and plans again. Uses `model`, `theme` metrics and
//! the hand-offs of `handoff.rs`.

use super::contract::{ItemBox, Text};
use super::handoff::{self, Handoff};
use super::spans;
use crate::model::Blueprint;
use crate::theme::Metrics;

/// The side of a card a flow leaves or enters by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Side {
    Left,
    Right,
}

/// One flow's route on the abstract grid.
#[derive(Clone, Debug)]
pub(super) struct FlowPlan {
    pub(super) from_side: Side,
    pub(super) to_side: Side,
    /// Gutter of the first vertical run (next to the source) and of the last (next to the target).
    pub(super) g1: usize,
    pub(super) g2: usize,
    /// The lane whose channel carries the horizontal run, when `g1 != g2`.
    pub(super) channel: Option<usize>,
    /// Tracks in `g1`, `g2` and the channel.
    pub(super) t1: usize,
    pub(super) t2: usize,
    pub(super) ht: usize,
    /// Port offsets from the top of the source and target cards.
    pub(super) from_port: f64,
    pub(super) to_port: f64,
    /// Where the label goes, once placed: on the run in `g2` (true) or `g1` (false), its centre
    /// this far below the top of the first lane.
    pub(super) label_on_g2: bool,
    pub(super) label_y: f64,
    /// Drawn as a hand-off down the column instead ([`super::handoff`]): none of the above
    /// applies.
    pub(super) hand: Option<Handoff>,
}

/// Most ports a card side is grown for: past it, ports share the side more tightly instead of
/// the card growing without end (thousands of flows between two cards).
const MOST_PORTS_GROWN_FOR: usize = 32;

/// The first port's offset from the top of `card`: level with its first line of text.
pub(super) fn first_port(card: &ItemBox) -> f64 {
    match card.text.lines.first() {
        Some(_) => {
            let lh = card.text.rect.h / card.text.lines.len() as f64;
            card.text.rect.y - card.rect.y + lh / 2.0
        }
        None => card.rect.h / 2.0,
    }
}

/// Makes each card tall enough for the ports on its sides to stand two track spacings apart
/// (below the first, which is level with its first line), before the cells stack them: ports
/// at most one spacing apart would read as one line, and two leave room for
/// `separate_stubs` to move a port by up to one. Hand-offs use
/// the top and bottom edges and take no side port.
pub(super) fn grow_for_ports(
    bp: &Blueprint,
    hand: &[Option<Handoff>],
    ends: &[Ends],
    labels: &[Option<Text>],
    items: &mut [ItemBox],
    m: &Metrics,
) {
    // Per card side: ports, and the extra room labelled one-gutter flows keep (see `plan`).
    let mut count = vec![[(0usize, 0.0f64); 2]; items.len()];
    for (((f, h), t), &(from_side, to_side, g1, g2)) in
        bp.flows.iter().zip(hand).zip(labels).zip(ends)
    {
        if h.is_some() {
            continue;
        }
        let (a, b) = (f.from.0 as usize, f.to.0 as usize);
        // What the label adds to the (at most two) gaps beside its port over two spacings:
        // half of each gap's excess when both neighbours are labelled, more than its excess when
        // one is (see `plan`).
        let extra = match t {
            Some(t) if g1 == g2 => {
                let hh = t.rect.h / 2.0 + m.flow_label_pad;
                2.0 * (hh + handoff::label_clear(m) / 2.0 - m.track_spacing).max(0.0)
            }
            _ => 0.0,
        };
        // Right side is 1.
        for (i, side) in [(a, from_side == Side::Right), (b, to_side == Side::Right)] {
            let c = &mut count[i][usize::from(side)];
            c.0 += 1;
            c.1 += extra;
        }
    }
    for (card, c) in items.iter_mut().zip(&count) {
        for &(n, extra) in c {
            let n = n.min(MOST_PORTS_GROWN_FOR);
            if n > 1 {
                let step = 2.0 * m.track_spacing;
                let need = first_port(card) + (n - 1) as f64 * step + extra + m.item_pad_y / 2.0;
                card.rect.h = card.rect.h.max(need);
            }
        }
    }
}

/// Two short runs from the cards on both sides of a gutter to their tracks can meet at about
/// one height (the cards are in one lane and their ports line up) and then run side by side
/// when the left card's track lies right of the right card's track (track order avoids this
/// where it can, `tracks::order`). Such a pair is pulled a track spacing apart by moving one
/// port away from the other. The end moved is one whose flow bends anyway, so straight arrows
/// stay straight. Returns the cards of the pairs that could not be pulled a full spacing apart
/// (their sides had no room left): layout grows them and plans again.
pub(super) fn separate_stubs(
    bp: &Blueprint,
    items: &[ItemBox],
    flows: &mut [FlowPlan],
    item_y: &dyn Fn(usize) -> f64,
    room: &Room,
    m: &Metrics,
) -> Vec<usize> {
    // The ports on each card side, so a moved port keeps a spacing from its neighbours.
    let mut sides: Sides = Default::default();
    for (k, (f, p)) in bp.flows.iter().zip(flows.iter()).enumerate() {
        if p.hand.is_none() {
            let from = (f.from.0 as usize, p.from_side == Side::Right);
            sides.entry(from).or_default().push((2 * k, p.from_port));
            let to = (f.to.0 as usize, p.to_side == Side::Right);
            sides.entry(to).or_default().push((2 * k + 1, p.to_port));
        }
    }
    // A moved port can meet another stub: a few passes settle it (each moves only ports that
    // still meet one).
    let mut cramped = Vec::new();
    for _ in 0..4 {
        cramped.clear();
        if !separate_pass(
            bp,
            items,
            flows,
            (item_y, room),
            &mut sides,
            &mut cramped,
            m,
        ) {
            break;
        }
    }
    cramped.sort_unstable();
    cramped.dedup();
    cramped
}

/// Whether flow `k`'s end (`is_from`) may move to a height: its run would then overlap no other
/// run on its track.
pub(super) type Room<'a> = dyn Fn(usize, bool, f64, &[FlowPlan]) -> bool + 'a;

/// A card's end of a flow in a gutter: (gutter, height, faces right (the card is left of the
/// gutter), flow, is from, track).
type Stub = (usize, f64, bool, usize, bool, usize);

/// The ports on each card side (item, right side): (flow × 2 + is-to, offset).
type Sides = std::collections::HashMap<(usize, bool), Vec<(usize, f64)>>;

/// One pass of [`separate_stubs`]; true when it moved a port. The cards of pairs it could not
/// pull a full spacing apart go to `cramped`.
fn separate_pass(
    bp: &Blueprint,
    items: &[ItemBox],
    flows: &mut [FlowPlan],
    (item_y, room): (&dyn Fn(usize) -> f64, &Room),
    sides: &mut Sides,
    cramped: &mut Vec<usize>,
    m: &Metrics,
) -> bool {
    let mut moved = false;
    let mut stubs: Vec<Stub> = Vec::new();
    for (k, (f, p)) in bp.flows.iter().zip(flows.iter()).enumerate() {
        if p.hand.is_some() {
            continue;
        }
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
    let near = m.track_spacing - 1e-6;
    for i in 0..stubs.len() {
        for j in i + 1..stubs.len() {
            let (a, b) = (stubs[i], stubs[j]);
            if b.0 != a.0 || b.1 - a.1 >= near {
                break;
            }
            let (l, r) = match (a.2, b.2) {
                (true, false) => (a, b),
                (false, true) => (b, a),
                _ => continue,
            };
            if l.3 == r.3 || l.5 <= r.5 {
                continue;
            }
            // The end whose flow bends anyway first, so straight arrows stay straight; the
            // other when the first has no free room on its card side.
            let ends = if straight(l.3, flows) {
                [((r.3, r.4, r.1), l.1), ((l.3, l.4, l.1), r.1)]
            } else {
                [((l.3, l.4, l.1), r.1), ((r.3, r.4, r.1), l.1)]
            };
            // A full spacing where the card side has room; else half of one (the lines then
            // run closer than a spacing, but never on top of each other).
            'find: for gap in [m.track_spacing, m.track_spacing / 2.0] {
                for ((k, is_from, y), other) in ends {
                    let me = if k == l.3 { l } else { r };
                    let around = (me, &stubs[..], item_y, room);
                    if move_port(
                        (bp, items),
                        flows,
                        sides,
                        (k, is_from, y),
                        other,
                        around,
                        gap,
                    ) {
                        moved = true;
                        break 'find;
                    }
                }
                if gap == m.track_spacing {
                    let card = |s: Stub| {
                        let f = &bp.flows[s.3];
                        (if s.4 { f.from.0 } else { f.to.0 }) as usize
                    };
                    cramped.extend([card(l), card(r)]);
                }
            }
        }
    }
    moved
}

/// Moves the port of flow `k`'s end (`is_from`, at height `y`) `gap` away from a stub at
/// `other`: away from it, else past it to its far side, wherever that keeps `gap` from the other
/// ports of its card side and from stubs it would run along, and stays on the card. False when
/// neither place is free.
fn move_port(
    (bp, items): (&Blueprint, &[ItemBox]),
    flows: &mut [FlowPlan],
    sides: &mut Sides,
    (k, is_from, y): (usize, bool, f64),
    other: f64,
    (me_stub, stubs, item_y, room): (Stub, &[Stub], &dyn Fn(usize) -> f64, &Room),
    gap: f64,
) -> bool {
    let f = &bp.flows[k];
    let i = if is_from { f.from.0 } else { f.to.0 } as usize;
    let card = &items[i];
    let p = &flows[k];
    let (port, side) = if is_from {
        (p.from_port, p.from_side == Side::Right)
    } else {
        (p.to_port, p.to_side == Side::Right)
    };
    let up = if (y - other).abs() > 1e-6 {
        y < other
    } else {
        port >= card.rect.h / 2.0
    };
    let dy = (y - other).abs();
    let need = gap - dy;
    let (lo, hi) = (gap / 2.0, card.rect.h - gap / 2.0);
    let me = 2 * k + usize::from(!is_from);
    let Some(list) = sides.get_mut(&(i, side)) else {
        return false;
    };
    // Nor next to a stub from the gutter's other side that it would run along (at that stub's
    // height now: this pass may have moved it).
    let now = |s: &Stub| {
        let (g, q) = (&bp.flows[s.3], &flows[s.3]);
        if s.4 {
            item_y(g.from.0 as usize) + q.from_port
        } else {
            item_y(g.to.0 as usize) + q.to_port
        }
    };
    let clash = |v: f64| {
        stubs.iter().any(|s| {
            s.0 == me_stub.0
                && s.2 != me_stub.2
                && s.3 != k
                && (if me_stub.2 {
                    me_stub.5 > s.5
                } else {
                    s.5 > me_stub.5
                })
                && (now(s) - item_y(i) - v).abs() < gap - 1e-6
        })
    };
    let free = |v: f64| {
        (lo..=hi).contains(&v)
            && !clash(v)
            && list
                .iter()
                .all(|&(o, w)| o == me || (w - v).abs() >= gap - 1e-6)
    };
    let sign = if up { -1.0 } else { 1.0 };
    let mut new = [port + sign * need, port - sign * (need + 2.0 * dy)]
        .into_iter()
        .find(|&v| free(v));
    // Neither next to where it is: the nearest free place on the side, a spacing from every
    // port and stub that bounds one, where its run still has its track to itself.
    if new.is_none() {
        let mut cands = vec![lo, hi];
        for &(o, w) in list.iter() {
            if o != me {
                cands.extend([w - gap, w + gap]);
            }
        }
        for s in stubs
            .iter()
            .filter(|s| s.0 == me_stub.0 && s.2 != me_stub.2)
        {
            let w = now(s) - item_y(i);
            cands.extend([w - gap, w + gap]);
        }
        cands.sort_by(|a, b| (a - port).abs().total_cmp(&(b - port).abs()));
        new = cands
            .into_iter()
            .find(|&v| free(v) && room(k, is_from, item_y(i) + v, flows));
    }
    let Some(v) = new else { return false };
    for e in list.iter_mut().filter(|e| e.0 == me) {
        e.1 = v;
    }
    let p = &mut flows[k];
    if is_from {
        p.from_port = v;
    } else {
        p.to_port = v;
    }
    true
}

/// The sides a flow leaves and enters by, and its first and last gutter ([`sides`]).
pub(super) type Ends = (Side, Side, usize, usize);

/// [`sides`] of every flow, with the loops between two cards of one column (a card between
/// them, so no hand-off down the column) spread over the column's two gutters: each loop, the
/// shortest first, takes the side where its two cards already hold fewer ports (a loop's
/// counting twice), the right on a tie. Several loops on one side nest, and every port more on
/// a card side pushes the outer loops further out and their ends further apart (a detour); on
/// both sides each nests in fewer. Counting ports per card side keeps this linear.
pub(super) fn all_sides(bp: &Blueprint, hand: &[Option<Handoff>]) -> Vec<Ends> {
    let mut ends: Vec<Ends> = bp
        .flows
        .iter()
        .map(|f| sides(bp, f.from.0 as usize, f.to.0 as usize))
        .collect();
    let one_col = |i: usize| {
        let (s, u) = spans::cols(bp, i);
        (s == u).then_some(s)
    };
    // (lanes apart, flow) of each loop; ports per card side (right is 1) of every other flow.
    let mut loops = Vec::new();
    let mut ports = vec![[0usize; 2]; bp.items.len()];
    for (k, (f, h)) in bp.flows.iter().zip(hand).enumerate() {
        if h.is_some() {
            continue;
        }
        let (a, b) = (f.from.0 as usize, f.to.0 as usize);
        if one_col(a).is_some() && one_col(a) == one_col(b) {
            let lanes = bp.items[a].lane.0.abs_diff(bp.items[b].lane.0);
            loops.push((lanes, k));
            continue;
        }
        let (fs, ts, _, _) = ends[k];
        ports[a][usize::from(fs == Side::Right)] += 1;
        ports[b][usize::from(ts == Side::Right)] += 1;
    }
    loops.sort_unstable();
    for (_, k) in loops {
        let (a, b) = (bp.flows[k].from.0 as usize, bp.flows[k].to.0 as usize);
        let load = |s: usize| ports[a][s] + ports[b][s];
        let side = if load(0) < load(1) { 0 } else { 1 };
        // A loop weighs twice: its port spreads the side, and it nests every later loop there.
        ports[a][side] += 2;
        ports[b][side] += 2;
        if side == 0 {
            let c = bp.items[a].step.0 as usize;
            ends[k] = (Side::Left, Side::Left, c, c);
        }
    }
    ends
}

/// The sides a flow from `a` to `b` leaves and enters by, and its first and last gutter. A flow
/// forward (every column of `b` after every column of `a`) leaves `a`'s right side and enters
/// `b`'s left; one backward the reverse; two cards of one column use their right sides (or
/// their left ones, [`all_sides`]). So a
/// flow meets a spanning card at the end of the card nearest the other end: where the span
/// starts for what leads into it, where it ends for what follows it, as a timeline bar is read.
/// A single-step card in a column the span covers meets it at the span's nearer end: both left
/// sides when the card's column is nearer the span's first (a short run down the gutter before
/// it), both right sides otherwise. Flows stay in the gutters; a spanning card takes no
/// hand-off down a column (`handoff::find`).
pub(super) fn sides(bp: &Blueprint, a: usize, b: usize) -> (Side, Side, usize, usize) {
    let ((sa, ua), (sb, ub)) = (spans::cols(bp, a), spans::cols(bp, b));
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
        (true, true) => return both_span(sa, ua, sb, ub),
        (false, false) => false,
    };
    if near_start {
        (Side::Left, Side::Left, sa, sb)
    } else {
        (Side::Right, Side::Right, ua + 1, ub + 1)
    }
}

/// [`sides`] for two overlapping spanning cards: the first pair of sides whose gutters lie
/// outside the other card (a gutter between two of a card's columns runs under it, and the
/// run to the other end would cross the card it leaves); when one card holds the other, both
/// right sides.
fn both_span(sa: usize, ua: usize, sb: usize, ub: usize) -> (Side, Side, usize, usize) {
    let gutter = |side, s: usize, u: usize| if side == Side::Right { u + 1 } else { s };
    let inside = |g: usize, s: usize, u: usize| s < g && g <= u;
    for (x, y) in [
        (Side::Right, Side::Right),
        (Side::Left, Side::Left),
        (Side::Left, Side::Right),
        (Side::Right, Side::Left),
    ] {
        let (ga, gb) = (gutter(x, sa, ua), gutter(y, sb, ub));
        if !inside(ga, sb, ub) && !inside(gb, sa, ua) {
            return (x, y, ga, gb);
        }
    }
    (Side::Right, Side::Right, ua + 1, ub + 1)
}
