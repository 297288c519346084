//! Ports: where flows meet the sides of their cards. A flow's plan on the abstract grid
//! ([`FlowPlan`]), the room each card side needs for its ports ([`grow_for_ports`], before the
//! cells stack), and the last touch once tracks are known ([`separate_stubs`]): two short runs
//! from the cards on both sides of a gutter that would run along each other are pulled a track
//! spacing apart, beside where they are or at the nearest free place on their card side; where a
//! side has none left, layout grows the card, spreads its ports over the side and plans again
//! (`route::plan`). The same touch keeps a window open
//! for the label of each flow that stays in one gutter ([`Window`]): the stubs of other flows
//! that cross its run there are moved off it, as edge labels are obstacles to the routes in
//! ELK's and Graphviz's layered layouts. Uses `model`, `theme` metrics and the hand-offs of
//! `handoff.rs`.

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
/// stay straight. Then each labelled flow that stays in one gutter takes a window on its run
/// and the stubs crossing it move off ([`Window`]), and moved ports keep clear of the windows.
/// Returns the cards of the pairs that could not be pulled a full spacing apart, and of the
/// stubs that found no place off a window (their sides had no room left): layout grows them,
/// spreads their ports over their sides (so stubs stand apart and runs lengthen) and plans
/// again.
pub(super) fn separate_stubs(
    bp: &Blueprint,
    items: &[ItemBox],
    flows: &mut [FlowPlan],
    item_y: &dyn Fn(usize) -> f64,
    (room, labels): (&Room, &LabelRoom),
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
    // A moved port can meet another stub or a label's window: a few passes settle it (each
    // moves only ports that still meet one).
    let mut cramped = Vec::new();
    let mut windows: Windows = Vec::new();
    let mut budget = crate::limits::MAX_LABEL_SEARCH_WORK;
    for _ in 0..4 {
        cramped.clear();
        let apart = separate_pass(
            bp,
            items,
            flows,
            (item_y, room, &windows),
            &mut sides,
            &mut cramped,
            m,
        );
        let open = window_pass(
            (bp, items, flows),
            (item_y, room, labels),
            &mut sides,
            (&mut windows, &mut budget),
            &mut cramped,
            m,
        );
        if !apart && !open {
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

/// What [`separate_stubs`] needs to keep label windows: each flow's window half height (its
/// label's half height, padding and clearance; 0 for a flow with no label or more than one
/// gutter) and the band (top, bottom) of each card's lane, which a window stays inside.
pub(super) struct LabelRoom<'a> {
    pub(super) half: &'a [f64],
    pub(super) band: &'a dyn Fn(usize) -> (f64, f64),
}

/// The height where the label of a flow that stays in one gutter will stand clear: on its run
/// (gutter `g`, track `t`), the window `half` above and below `y` that no other flow's stub
/// crosses once [`separate_stubs`] is done. A stub crosses the track when it comes from the left
/// to a track right of it, or from the right to one left of it; stubs that stop short of it
/// stay clear of the label too, as the label's room beside its track keeps them
/// (`route::Plan::place_labels`).
#[derive(Clone, Copy, Debug)]
pub(super) struct Window {
    flow: usize,
    g: usize,
    t: usize,
    y: f64,
    half: f64,
}

impl Window {
    /// Whether `s`, a stub of another flow, crosses the window's track (at any height).
    fn crosses_track(&self, s: &Stub) -> bool {
        s.0 == self.g && s.3 != self.flow && if s.2 { s.5 > self.t } else { s.5 < self.t }
    }

    /// Whether `s`, a stub of another flow, crosses the window at height `y`.
    fn crossed_by(&self, s: &Stub, y: f64) -> bool {
        self.crosses_track(s) && (y - self.y).abs() < self.half
    }
}

/// The margin a window keeps beyond its label's reach, and a stub beyond a window's edge, so
/// each is clear of the other for certain.
const PAST: f64 = 1e-3;

/// Every card's end of every flow routed in the gutters, sorted by gutter, then height.
fn stubs_of(bp: &Blueprint, flows: &[FlowPlan], item_y: &dyn Fn(usize) -> f64) -> Vec<Stub> {
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
    stubs
}

/// One pass of label windows; true when it moved a port. The flows with a window size
/// (`labels.half`) take their windows one after another, shortest run first (it has the least
/// choice): each the window on its run, inside its source's or target's lane, that the fewest
/// stubs of other flows cross now (nearest its run's middle among equals, where its label looks
/// best). Those stubs are then moved off it to the nearest free place on their card sides, clear
/// of every window taken so far, and the cards of those that find none go to `cramped` (layout
/// grows them and plans again). So each window is clear at the end of the pass, but for those
/// cards. Each choice looks at the stubs of its gutter, within `budget` (charged), past which
/// runs keep no window.
fn window_pass(
    (bp, items, flows): (&Blueprint, &[ItemBox], &mut [FlowPlan]),
    (item_y, room, labels): (&dyn Fn(usize) -> f64, &Room, &LabelRoom),
    sides: &mut Sides,
    (windows, budget): (&mut Windows, &mut usize),
    cramped: &mut Vec<usize>,
    m: &Metrics,
) -> bool {
    let stubs = stubs_of(bp, flows, item_y);
    // A stub's height now (a move may have moved it).
    let now = |s: &Stub, flows: &[FlowPlan]| {
        let (f, q) = (&bp.flows[s.3], &flows[s.3]);
        if s.4 {
            item_y(f.from.0 as usize) + q.from_port
        } else {
            item_y(f.to.0 as usize) + q.to_port
        }
    };
    let ends = |k: usize, flows: &[FlowPlan]| {
        let (f, p) = (&bp.flows[k], &flows[k]);
        (
            item_y(f.from.0 as usize) + p.from_port,
            item_y(f.to.0 as usize) + p.to_port,
        )
    };
    let mut order: Vec<(f64, usize)> = (0..bp.flows.len())
        .filter(|&k| {
            let p = &flows[k];
            labels.half[k] > 0.0 && p.hand.is_none() && p.channel.is_none()
        })
        .map(|k| {
            let (ya, yb) = ends(k, flows);
            ((ya - yb).abs(), k)
        })
        .collect();
    order.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
    windows.iter_mut().for_each(Vec::clear);
    let mut moved = false;
    for (_, k) in order {
        let p = &flows[k];
        let (a, b) = (bp.flows[k].from.0 as usize, bp.flows[k].to.0 as usize);
        let (ya, yb) = ends(k, flows);
        let (lo, hi) = (ya.min(yb), ya.max(yb));
        // A hair wider than the label needs, so the label's own search (on heights that differ
        // from these by the lanes' offsets, rounded differently) finds it clear.
        let half = labels.half[k] + PAST;
        let w = Window {
            flow: k,
            g: p.g1,
            t: p.t1,
            y: 0.0,
            half,
        };
        // The stubs of the gutter, and the heights of those that cross the run's track.
        let from = stubs.partition_point(|s| s.0 < w.g);
        let to = stubs.partition_point(|s| s.0 <= w.g);
        let gutter = &stubs[from..to];
        // A scan of them, a sort of those crossing, and two searches of those for each height
        // tried: about 8 units a stub for each doubling of their number.
        let work = 8 * (gutter.len() + 1) * (usize::BITS - gutter.len().leading_zeros()) as usize;
        if work > *budget {
            continue;
        }
        *budget -= work;
        let mut ys: Vec<f64> = gutter
            .iter()
            .filter(|s| w.crosses_track(s))
            .map(|s| now(s, flows))
            .collect();
        ys.sort_by(f64::total_cmp);
        let count =
            |c: f64| ys.partition_point(|&y| y < c + half) - ys.partition_point(|&y| y <= c - half);
        let banded = |c: f64| {
            [a, b].iter().any(|&i| {
                let (top, bottom) = (labels.band)(i);
                c - half >= top && c + half <= bottom
            })
        };
        let mid = (lo + hi) / 2.0;
        let edges = ys.iter().flat_map(|&y| [y - half - PAST, y + half + PAST]);
        let best = [mid, ya, yb]
            .into_iter()
            .chain(edges)
            .filter(|&c| c >= lo && c <= hi && banded(c))
            .map(|c| (count(c), (c - mid).abs(), c))
            .min_by(|x, y| x.0.cmp(&y.0).then(x.1.total_cmp(&y.1)));
        let Some((n, _, c)) = best else { continue };
        let w = Window { y: c, ..w };
        if windows.len() <= w.g {
            windows.resize_with(w.g + 1, Vec::new);
        }
        windows[w.g].push(w);
        if n == 0 {
            continue;
        }
        for s in gutter {
            let y = now(s, flows);
            if !w.crossed_by(s, y) {
                continue;
            }
            let f = &bp.flows[s.3];
            let card = (if s.4 { f.from.0 } else { f.to.0 }) as usize;
            // A move compares each place it may take with every port, stub and window it may
            // meet: charged before, so a gutter of thousands of flows keeps its stubs.
            let ws = &windows[w.g][..];
            let n = gutter.len() + ws.len() + sides.get(&(card, s.2)).map_or(0, Vec::len) + 2;
            if 2 * n * n > *budget {
                continue;
            }
            *budget -= 2 * n * n;
            let around = (*s, gutter, item_y, room, ws);
            let end = (s.3, s.4, y);
            let away = (w.y, w.half + PAST);
            if move_port(
                (bp, items),
                flows,
                sides,
                end,
                away,
                around,
                m.track_spacing,
            ) {
                moved = true;
            } else {
                cramped.push(card);
            }
        }
    }
    moved
}

/// What a moved port keeps clear of: its own stub, the stubs (at least its gutter's), the
/// cards' tops, whether a run keeps its track ([`Room`]) and the label windows of its gutter.
type Around<'a> = (
    Stub,
    &'a [Stub],
    &'a dyn Fn(usize) -> f64,
    &'a Room<'a>,
    &'a [Window],
);

/// The label windows taken, per gutter.
type Windows = Vec<Vec<Window>>;

/// The ports on each card side (item, right side): (flow × 2 + is-to, offset).
type Sides = std::collections::HashMap<(usize, bool), Vec<(usize, f64)>>;

/// One pass of [`separate_stubs`]; true when it moved a port. The cards of pairs it could not
/// pull a full spacing apart go to `cramped`.
fn separate_pass(
    bp: &Blueprint,
    items: &[ItemBox],
    flows: &mut [FlowPlan],
    (item_y, room, windows): (&dyn Fn(usize) -> f64, &Room, &Windows),
    sides: &mut Sides,
    cramped: &mut Vec<usize>,
    m: &Metrics,
) -> bool {
    let mut moved = false;
    let stubs = stubs_of(bp, flows, item_y);
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
                    let ws = windows.get(me.0).map_or(&[][..], Vec::as_slice);
                    let around = (me, &stubs[..], item_y, room, ws);
                    if move_port(
                        (bp, items),
                        flows,
                        sides,
                        (k, is_from, y),
                        (other, gap),
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

/// Moves the port of flow `k`'s end (`is_from`, at height `y`) `away` from a stub (or the
/// middle of a label window) at `other`: away from it, else past it to its far side, else to the
/// nearest free place on its card side, wherever that keeps `gap` from the other ports of its
/// card side and from stubs it would run along, crosses no label window, leaves its run its
/// track, and stays on the card. False when no place is free.
fn move_port(
    (bp, items): (&Blueprint, &[ItemBox]),
    flows: &mut [FlowPlan],
    sides: &mut Sides,
    (k, is_from, y): (usize, bool, f64),
    (other, away): (f64, f64),
    around: Around,
    gap: f64,
) -> bool {
    let (me_stub, stubs, item_y, room, windows) = around;
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
    let need = away - dy;
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
    let crosses = |v: f64| {
        windows
            .iter()
            .any(|w| w.crossed_by(&me_stub, item_y(i) + v))
    };
    let free = |v: f64| {
        (lo..=hi).contains(&v)
            && !clash(v)
            && !crosses(v)
            && list
                .iter()
                .all(|&(o, w)| o == me || (w - v).abs() >= gap - 1e-6)
            && room(k, is_from, item_y(i) + v, flows)
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
        for w in windows {
            let c = w.y - item_y(i);
            cands.extend([c - w.half - PAST, c + w.half + PAST]);
        }
        cands.sort_by(|a, b| (a - port).abs().total_cmp(&(b - port).abs()));
        new = cands.into_iter().find(|&v| free(v));
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
