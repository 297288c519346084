//! Flow routing in the gutters. A hand-off between two cards of one column with no card between
//! them is drawn straight down the column instead ([`super::handoff`]). Every other flow leaves
//! its source card from the side facing the other end (a flow forward leaves right and enters
//! left, one backward the reverse), runs vertically in a column gutter (the space between two
//! columns, which no card ever enters), and, when its ends are more than one column apart,
//! crosses to the target's gutter in a lane channel (a strip under a lane's cards, which spans
//! the full width and holds no card). So no segment can cross a card, and no box scan is needed.
//!
//! Each flow gets its own track in every gutter and channel it uses, so no two arrows run on top
//! of each other: a gutter's tracks are ordered to cross least ([`super::tracks::order`], linear
//! in the overlapping pairs of runs, within `limits::MAX_TRACK_ORDER_PAIRS`), a channel's are
//! coloured (flows whose spans do not overlap share one). Ports on a card side stand two track
//! spacings apart ([`super::ports`]). The plan is made on the abstract grid before coordinates
//! exist (gutter widths and channel heights depend on the track counts); a flow with a label
//! that stays in one gutter keeps a window on its run that no other flow's stub crosses
//! ([`ports::Window`]); [`Plan::place_labels`]
//! then puts each flow label on one of its runs at a height where no line comes within a
//! clearance of it and no lane border crosses it, and spaces the tracks apart only where a label
//! stands beside another line or label, so labels at different heights share the same room;
//! gutters take widths in steps of two spacings (a steady rhythm); [`realize`] turns the plan
//! into points once the grid is placed. Label placement compares each candidate height of a
//! label with the lines of its own gutter only, O(S²) per label among S lines, within a total
//! budget (`limits::MAX_LABEL_SEARCH_WORK`) past which labels take their run's middle.
//! Uses `model`, `theme` metrics, `geom` and the grid's positions.

use super::contract::{FlowLabel, FlowPath, ItemBox, Text};
use super::grid::{Grid, Room, Stack};
use super::handoff::{self, Beside, Handoff};
use super::ports::{self, FlowPlan, LabelRoom, Side, first_port, separate_stubs};
use super::tracks::{self, Colouring, Span, sort_by_group};
use crate::geom::{Point, Rect};
use crate::model::Blueprint;
use crate::theme::Metrics;
use std::cmp::Ordering;

/// The routes of all flows, and the room they need.
pub(super) struct Plan {
    flows: Vec<FlowPlan>,
    /// Centre of each line track, from its gutter's left edge, per gutter.
    track_off: Vec<Vec<f64>>,
    /// Width of each gutter.
    widths: Vec<f64>,
    /// Tracks in each lane's channel.
    channel_tracks: Vec<usize>,
    /// Room at the bottom of each lane for hand-off labels.
    strips: Vec<f64>,
    /// Cards whose side had no room to keep two stubs a spacing apart, or a stub off a label's
    /// window ([`separate_stubs`]).
    pub(super) cramped: Vec<usize>,
}

impl Plan {
    /// The room the plan needs, for [`super::grid::place`]: the width of each gutter (its
    /// tracks and the labels beside them, plus padding, at least the theme's minimum) and the
    /// tracks of each lane's channel.
    pub(crate) fn room(&self) -> Room<'_> {
        Room {
            gutter_w: &self.widths,
            channel_tracks: &self.channel_tracks,
            label_strip: &self.strips,
        }
    }

    /// Centre of track `t` of gutter `g`, once the grid is placed.
    fn track_x(&self, grid: &Grid, g: usize, t: usize) -> f64 {
        grid.gutter_x[g] + self.track_off[g][t]
    }

    /// Tracks packed at the theme's spacing, centred in gutters at least `gutter_min` wide.
    fn pack_tracks(&mut self, counts: &[usize], m: &Metrics) {
        self.track_off.clear();
        self.widths.clear();
        for &n in counts {
            let lines = n as f64 * m.track_spacing;
            let w = rhythm(lines + 2.0 * m.gutter_pad, m);
            let start = (w - lines) / 2.0;
            self.track_off.push(
                (0..n)
                    .map(|t| start + (t as f64 + 0.5) * m.track_spacing)
                    .collect(),
            );
            self.widths.push(w);
        }
    }
}

/// The width a gutter that needs `need` gets: the theme's minimum, or past it the next step of
/// two track spacings, so gutters come in a few widths (a steady rhythm) and each is still as
/// wide as its tracks and labels need.
fn rhythm(need: f64, m: &Metrics) -> f64 {
    let unit = 2.0 * m.track_spacing;
    m.gutter_min
        + ((need - m.gutter_min).max(0.0) / unit - 1e-9)
            .ceil()
            .max(0.0)
            * unit
}

/// Plans every flow of `bp`. `items` are the cards (sizes only) and `spread` those grown for an
/// earlier plan's `cramped` (their ports spread over their sides), `stack` their offsets in
/// their lanes, `labels` each flow's wrapped label (a labelled run keeps room on its track for
/// it).
pub(super) fn plan(
    bp: &Blueprint,
    (items, spread): (&[ItemBox], &[bool]),
    stack: &Stack,
    labels: &[Option<Text>],
    hand: &[Option<Handoff>],
    ends: &[ports::Ends],
    m: &Metrics,
) -> Plan {
    let n = bp.steps.len();
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
        .zip(hand)
        .zip(ends)
        .map(|((f, &hand), &(from_side, to_side, g1, g2))| {
            let (a, b) = (f.from.0 as usize, f.to.0 as usize);
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
                label_on_g2: false,
                label_y: 0.0,
                hand,
            }
        })
        .collect();

    // Ports: each card side spreads its ends, ordered by where each end's run heads, so runs
    // leaving one side do not cross each other there. One list sorted by side, then by that
    // order, instead of a list per card side (most of which are empty).
    // (card side, heading, flow, is from)
    let mut ends: Vec<(usize, f64, usize, bool)> = Vec::with_capacity(2 * bp.flows.len());
    let slot = |i: usize, s: Side| i * 2 + usize::from(s == Side::Right);
    for (k, (f, p)) in bp.flows.iter().zip(&flows).enumerate() {
        if p.hand.is_some() {
            continue;
        }
        let (a, b) = (f.from.0 as usize, f.to.0 as usize);
        let centre = |i: usize| item_y(i) + items[i].rect.h / 2.0;
        let (ka, kb) = match p.channel {
            Some(l) => (channel_y(l), channel_y(l)),
            None => (centre(b), centre(a)),
        };
        ends.push((slot(a, p.from_side), ka, k, true));
        ends.push((slot(b, p.to_side), kb, k, false));
    }
    ends.sort_unstable_by(|x, y| {
        x.0.cmp(&y.0)
            .then(x.1.total_cmp(&y.1))
            .then(x.2.cmp(&y.2))
            .then(x.3.cmp(&y.3))
    });
    for list in ends.chunk_by(|x, y| x.0 == y.0) {
        let card = &items[list[0].0 / 2];
        let h = card.rect.h;
        let n = list.len();
        // The first port is level with the card's first line, so cards in a row (whose first
        // lines align) link with straight arrows; the others follow at an even spacing below it,
        // or spread over the whole side when that is too tight.
        let first = first_port(card).min(h / 2.0);
        let room = h - first - m.item_pad_y / 2.0;
        // Two spacings between ports; a labelled flow that stays in one gutter (often drawn
        // straight, so its label can only stand at its port's height) keeps its label's half
        // height and a clearance from each neighbour.
        let half = |fi: usize| match (&labels[fi], flows[fi].channel) {
            (Some(t), None) => t.rect.h / 2.0 + m.flow_label_pad,
            _ => 0.0,
        };
        let mut at = Vec::with_capacity(n);
        let mut y = first;
        for (k, e) in list.iter().enumerate() {
            if k > 0 {
                let hh = half(list[k - 1].2) + half(e.2);
                let gap = if hh > 0.0 {
                    hh + handoff::label_clear(m)
                } else {
                    0.0
                };
                y += gap.max(2.0 * m.track_spacing);
            }
            at.push(y);
        }
        let step = if n > 1 {
            (room / (n - 1) as f64).min(2.0 * m.track_spacing)
        } else {
            0.0
        };
        let fits = y - first <= room + 1e-9;
        let anchored = n == 1 || step >= m.track_spacing / 2.0;
        for (k, &(_, _, fi, is_from)) in list.iter().enumerate() {
            // A card grown because its ports had no room left (`Plan::cramped`) spreads them
            // over the whole side, keeping their proportions: else the ports stand where they
            // stood and the growth opens room only below them, which a stub often cannot reach
            // (its run would meet another on its track), so no growth would ever resolve it.
            let off = if fits && spread.get(list[0].0 / 2) == Some(&true) && y > first {
                first + (at[k] - first) * room / (y - first)
            } else if fits {
                at[k]
            } else if anchored {
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

    // Vertical runs, per gutter. Labels take no track of their own: `place_labels` puts them
    // on their runs once real heights are known, and widens a gutter only where labels stack.
    let mut runs: Vec<Span> = Vec::with_capacity(2 * bp.flows.len());
    for (k, (f, p)) in bp.flows.iter().zip(&flows).enumerate() {
        if p.hand.is_some() {
            continue;
        }
        let ya = item_y(f.from.0 as usize) + p.from_port;
        let yb = item_y(f.to.0 as usize) + p.to_port;
        let first_end = p.channel.map_or(yb, channel_y);
        // A labelled run keeps its track free for a label's height beyond each end, so no
        // other run on its track (and no label on one) can stand where its label may go.
        let reach = labels[k]
            .as_ref()
            .map_or(0.0, |t| t.rect.h + 2.0 * m.flow_label_pad + m.track_spacing);
        // Where each end's horizontal heads: towards the card's side, or along the channel.
        let into = p.to_side == Side::Left;
        let on = match p.channel {
            Some(_) => p.g2 > p.g1,
            None => into,
        };
        // A loop out of the column and back: flowcheck's detour limit, less its extent.
        let slack = match p.from_side == p.to_side {
            true => {
                let (a, b) = (f.from.0 as usize, f.to.0 as usize);
                let (ta, tb) = (item_y(a), item_y(b));
                let gap = (tb - ta - items[a].rect.h)
                    .max(ta - tb - items[b].rect.h)
                    .max(0.0);
                2.0 * gap + 80.0 - (ya - yb).abs()
            }
            false => f64::INFINITY,
        };
        let push = labels[k].as_ref().map_or(m.track_spacing, |t| {
            t.rect.w / 2.0 + m.flow_label_pad + handoff::label_clear(m)
        });
        runs.push(Span {
            group: p.g1,
            lo: ya.min(first_end) - reach,
            hi: ya.max(first_end) + reach,
            flow: k,
            run: 0,
            own: (ya.min(first_end), ya.max(first_end)),
            ends: [(ya, p.from_side == Side::Left), (first_end, on)],
            slack,
            push,
        });
        if let Some(l) = p.channel {
            let c = channel_y(l);
            runs.push(Span {
                group: p.g2,
                lo: c.min(yb) - reach,
                hi: c.max(yb) + reach,
                flow: k,
                run: 1,
                own: (c.min(yb), c.max(yb)),
                ends: [(c, p.g1 > p.g2), (yb, into)],
                slack: f64::INFINITY,
                push,
            });
        }
    }
    let mut colouring = Colouring::default();
    let mut counts = vec![0; n + 1];
    sort_by_group(&mut runs);
    let mut budget = crate::limits::MAX_TRACK_ORDER_PAIRS;
    for spans in runs.chunk_by_mut(|a, b| a.group == b.group) {
        let ordered = tracks::order(spans, m.track_spacing, m.track_spacing, &mut budget);
        let (tracks, count) = match ordered {
            Some(o) => o,
            None => {
                let c = colouring.colour(spans, m.track_spacing);
                (std::mem::take(&mut colouring.tracks), c)
            }
        };
        counts[spans[0].group] = count;
        for (s, &t) in spans.iter().zip(&tracks) {
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
    }

    // Whether flow `k`'s end (`is_from`) may move to height `y`: its run then overlaps no
    // other run on its track (with the room kept for labels), as the colouring made sure.
    let reach = |k: usize| {
        labels[k]
            .as_ref()
            .map_or(0.0, |t| t.rect.h + 2.0 * m.flow_label_pad + m.track_spacing)
    };
    let run_of = |k: usize, from_end: bool, flows: &[FlowPlan]| {
        let (f, p) = (&bp.flows[k], &flows[k]);
        let ya = item_y(f.from.0 as usize) + p.from_port;
        let yb = item_y(f.to.0 as usize) + p.to_port;
        match (p.channel, from_end) {
            (Some(l), true) => ((p.g1, p.t1), ya, channel_y(l)),
            (Some(l), false) => ((p.g2, p.t2), yb, channel_y(l)),
            (None, true) => ((p.g1, p.t1), ya, yb),
            (None, false) => ((p.g1, p.t1), yb, ya),
        }
    };
    let mut on_track: std::collections::HashMap<(usize, usize), Vec<(usize, bool)>> =
        Default::default();
    for (k, p) in flows.iter().enumerate() {
        if p.hand.is_none() {
            on_track.entry((p.g1, p.t1)).or_default().push((k, true));
            if p.channel.is_some() {
                on_track.entry((p.g2, p.t2)).or_default().push((k, false));
            }
        }
    }
    let room = |k: usize, is_from: bool, y: f64, flows: &[FlowPlan]| {
        let (at, _, end) = run_of(k, is_from, flows);
        let (lo, hi) = (y.min(end) - reach(k), y.max(end) + reach(k));
        on_track.get(&at).is_none_or(|v| {
            v.iter().filter(|o| o.0 != k).all(|&(o, from_end)| {
                let (_, a, b) = run_of(o, from_end, flows);
                let gap = m.track_spacing + reach(o);
                a.max(b) + gap < lo || a.min(b) - gap > hi
            })
        })
    };
    // Each labelled flow that stays in one gutter keeps a window on its run clear of the other
    // flows' stubs ([`ports::Window`]), inside its source's or target's lane band.
    let half: Vec<f64> = labels
        .iter()
        .zip(&flows)
        .map(|(t, p)| match (t, p.channel) {
            (Some(t), None) => t.rect.h / 2.0 + m.flow_label_pad + handoff::label_clear(m),
            _ => 0.0,
        })
        .collect();
    let band = |i: usize| {
        let l = lane(i);
        (
            lane_top[l],
            lane_top[l] + stack.lane_content[l] + 2.0 * m.lane_pad,
        )
    };
    let room_for_labels = LabelRoom {
        half: &half,
        band: &band,
    };
    let cramped = separate_stubs(bp, items, &mut flows, &item_y, (&room, &room_for_labels), m);

    // Horizontal runs, per lane channel, on the gutter index axis (touching counts as overlap).
    let mut across: Vec<Span> = flows
        .iter()
        .enumerate()
        .filter_map(|(k, p)| {
            let l = p.channel.filter(|_| p.hand.is_none())?;
            Some(Span {
                group: l,
                lo: p.g1.min(p.g2) as f64,
                hi: p.g1.max(p.g2) as f64,
                flow: k,
                run: 2,
                own: (0.0, 0.0),
                ends: [(0.0, false); 2],
                slack: f64::INFINITY,
                push: m.track_spacing,
            })
        })
        .collect();
    let mut channel_tracks = vec![0; bp.lanes.len()];
    sort_by_group(&mut across);
    for spans in across.chunk_by_mut(|a, b| a.group == b.group) {
        channel_tracks[spans[0].group] = colouring.colour(spans, 0.5);
        for (s, &t) in spans.iter().zip(&colouring.tracks) {
            flows[s.flow].ht = t;
        }
    }
    let label_h = |k: usize| {
        labels[k]
            .as_ref()
            .map(|t| t.rect.h + 2.0 * m.flow_label_pad)
    };
    let mut plan = Plan {
        flows,
        track_off: Vec::new(),
        widths: Vec::new(),
        channel_tracks,
        strips: handoff::label_strips(bp, hand, label_h, m),
        cramped,
    };
    plan.pack_tracks(&counts, m);
    plan
}

/// Height of channel track `t` of lane `l`'s channel.
fn channel_y(grid: &Grid, l: usize, t: usize, m: &Metrics) -> f64 {
    grid.channel_top[l] + m.track_spacing * (t as f64 + 0.5)
}

/// Where a horizontal segment starts or ends across a gutter, in left-to-right order.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
enum End {
    Left,
    Track(usize),
    Right,
}

/// Everything a label in one gutter must keep clear of.
#[derive(Default)]
struct GutterLines {
    /// Vertical runs: flow, track, top, bottom.
    runs: Vec<(usize, usize, f64, f64)>,
    /// Horizontal segments: flow (`usize::MAX` for a zone line), height, left and right end.
    hsegs: Vec<(usize, f64, End, End)>,
}

/// A label position's cost, compared in field order: crossings, labels beside it, own corners
/// covered, which run (`g1` first), distance from the run's middle.
struct Cost(usize, usize, usize, usize, f64);

impl Cost {
    fn less(&self, o: &Cost) -> bool {
        (self.0, self.1, self.2, self.3)
            .cmp(&(o.0, o.1, o.2, o.3))
            .then(self.4.total_cmp(&o.4))
            == Ordering::Less
    }
}

/// A label placed in a gutter: flow, track, centre height, half height, half width (box).
#[derive(Clone, Copy)]
struct Placed {
    flow: usize,
    track: usize,
    y: f64,
    hh: f64,
    hw: f64,
}

impl Placed {
    fn overlaps_y(&self, lo: f64, hi: f64, clear: f64) -> bool {
        lo < self.y + self.hh + clear && hi > self.y - self.hh - clear
    }
}

impl Plan {
    /// Puts every flow label on one of its flow's vertical runs, at a height where no other line
    /// crosses its track and, where it can, where no other label of the gutter stands. Then sets
    /// each gutter's track positions and width: tracks stay packed at the theme's spacing except
    /// where a label needs room beside it, so labels at different heights share the same room
    /// (interval packing of label boxes, not of whole flows). `grid` must have the final heights
    /// (its widths do not matter); `item_y` is the top of each card in it.
    pub(crate) fn place_labels(
        &mut self,
        bp: &Blueprint,
        grid: &Grid,
        item_y: &[f64],
        labels: &[Option<Text>],
        m: &Metrics,
    ) {
        let ng = self.widths.len();
        let mut geo: Vec<GutterLines> = (0..ng).map(|_| GutterLines::default()).collect();
        // Each flow's own vertical runs (top, bottom): on `g1`, then on `g2` if it has a channel.
        let mut own: Vec<[(f64, f64); 2]> = vec![[(0.0, 0.0); 2]; bp.flows.len()];
        for (k, (f, p)) in bp.flows.iter().zip(&self.flows).enumerate() {
            if p.hand.is_some() {
                continue;
            }
            let ya = item_y[f.from.0 as usize] + p.from_port;
            let yb = item_y[f.to.0 as usize] + p.to_port;
            let (t1, t2) = (End::Track(p.t1), End::Track(p.t2));
            let from = if p.from_side == Side::Right {
                (End::Left, t1)
            } else {
                (t1, End::Right)
            };
            geo[p.g1].hsegs.push((k, ya, from.0, from.1));
            match p.channel {
                Some(l) => {
                    let cy = channel_y(grid, l, p.ht, m);
                    own[k] = [(ya.min(cy), ya.max(cy)), (cy.min(yb), cy.max(yb))];
                    geo[p.g1].runs.push((k, p.t1, own[k][0].0, own[k][0].1));
                    geo[p.g2].runs.push((k, p.t2, own[k][1].0, own[k][1].1));
                    let (lo, hi) = (p.g1.min(p.g2), p.g1.max(p.g2));
                    for g in &mut geo[lo + 1..hi] {
                        g.hsegs.push((k, cy, End::Left, End::Right));
                    }
                    if p.g2 > p.g1 {
                        geo[p.g1].hsegs.push((k, cy, t1, End::Right));
                        geo[p.g2].hsegs.push((k, cy, End::Left, t2));
                    } else {
                        geo[p.g1].hsegs.push((k, cy, End::Left, t1));
                        geo[p.g2].hsegs.push((k, cy, t2, End::Right));
                    }
                }
                None => {
                    own[k][0] = (ya.min(yb), ya.max(yb));
                    geo[p.g1].runs.push((k, p.t1, own[k][0].0, own[k][0].1));
                }
            }
            let to = if p.to_side == Side::Left {
                (t2, End::Right)
            } else {
                (End::Left, t2)
            };
            geo[p.g2].hsegs.push((k, yb, to.0, to.1));
        }
        // Lane borders (zone lines among them) and the lanes' outer edges: a label stays inside
        // one lane band, clear of every border.
        for (j, lane) in grid.lanes.iter().enumerate() {
            let edges = if j == 0 {
                vec![lane.rect.y, lane.rect.bottom()]
            } else {
                vec![lane.rect.bottom()]
            };
            for y in edges {
                for g in &mut geo {
                    g.hsegs.push((usize::MAX, y, End::Left, End::Right));
                }
            }
        }

        // Heights: each label in turn, on the run and at the height that cost least. The search
        // compares each candidate height with every line and label of the gutter, so its work
        // grows with the square of a gutter's crowd; past the budget, labels sit at the middle
        // of their first run (still on their own track, so the widths below keep them apart).
        let clear = handoff::label_clear(m);
        let mut placed: Vec<Vec<Placed>> = vec![Vec::new(); ng];
        let mut budget = crate::limits::MAX_LABEL_SEARCH_WORK;
        for (k, label) in labels.iter().enumerate() {
            let Some(t) = label else { continue };
            if self.flows[k].hand.is_some() {
                continue;
            }
            let (hh, hw) = (
                t.rect.h / 2.0 + m.flow_label_pad,
                t.rect.w / 2.0 + m.flow_label_pad,
            );
            let p = &self.flows[k];
            let mut runs = vec![(p.g1, p.t1, false)];
            if p.channel.is_some() {
                runs.push((p.g2, p.t2, true));
            }
            let mut best: Option<(Cost, usize, bool, f64)> = None;
            for (pref, &(g, tr, on_g2)) in runs.iter().enumerate() {
                let gl = &geo[g];
                let (lo, hi) = own[k][usize::from(on_g2)];
                let mid = (lo + hi) / 2.0;
                let crowd = gl.hsegs.len() + gl.runs.len() + placed[g].len();
                let work = crowd * (2 * crowd + 3);
                if work > budget {
                    if best.is_none() {
                        best = Some((Cost(0, 0, 0, pref, 0.0), g, on_g2, mid));
                    }
                    continue;
                }
                budget -= work;
                let cost = |c: f64| {
                    // Clear of lines across the label by more than flowcheck's 6 px, so it does
                    // not seem to hang on them.
                    let (y0, y1) = (c - hh - clear, c + hh + clear);
                    let inside = |y: f64| y > y0 && y < y1;
                    let here = End::Track(tr);
                    let hard = gl
                        .hsegs
                        .iter()
                        .filter(|h| h.0 != k && h.2 <= here && here <= h.3 && inside(h.1))
                        .count()
                        + gl.runs
                            .iter()
                            .filter(|r| r.0 != k && r.1 == tr && r.2 < y1 && r.3 > y0)
                            .count()
                        + placed[g]
                            .iter()
                            .filter(|q| q.track == tr && q.overlaps_y(c - hh, c + hh, clear))
                            .count();
                    let stacked = placed[g]
                        .iter()
                        .filter(|q| q.overlaps_y(c - hh, c + hh, clear))
                        .count();
                    let corners = gl.hsegs.iter().filter(|h| h.0 == k && inside(h.1)).count();
                    (hard, stacked, corners, (c - mid).abs())
                };
                let off = handoff::LABEL_OFF;
                // Its ends too: where `plan` kept a window clear for it when its run has no
                // other (`ports::Window`).
                let mut cands = vec![
                    mid,
                    lo,
                    hi,
                    lo + hh + clear,
                    hi - hh - clear,
                    lo - hh - off,
                    hi + hh + off,
                ];
                let edges = gl
                    .hsegs
                    .iter()
                    .map(|h| (h.1, h.1))
                    .chain(gl.runs.iter().filter(|r| r.1 == tr).map(|r| (r.2, r.3)))
                    .chain(
                        placed[g]
                            .iter()
                            .map(|q| (q.y - q.hh - clear, q.y + q.hh + clear)),
                    );
                for (a, b) in edges {
                    cands.push(a - hh - clear - 1e-3);
                    cands.push(b + hh + clear + 1e-3);
                }
                // When nothing on the run is clear, the label may slide off its end, as far as
                // standing just beyond it (the track is kept free that far by `plan`).
                for c in cands {
                    let c = c.clamp(lo - hh - off, hi + hh + off);
                    let (hard, stacked, corners, dist) = cost(c);
                    let hard = 2 * hard + usize::from(c < lo || c > hi);
                    let key = Cost(hard, stacked, corners, pref, dist);
                    if best.as_ref().is_none_or(|(bk, ..)| key.less(bk)) {
                        best = Some((key, g, on_g2, c));
                    }
                }
            }
            if let Some((_, g, on_g2, c)) = best {
                let tr = if on_g2 { p.t2 } else { p.t1 };
                placed[g].push(Placed {
                    flow: k,
                    track: tr,
                    y: c,
                    hh,
                    hw,
                });
                let p = &mut self.flows[k];
                p.label_on_g2 = on_g2;
                p.label_y = c - grid.lanes_top;
            }
        }

        // Widths: track positions left to right, each as far left as every label allows.
        for (g, gl) in geo.iter().enumerate() {
            let n = self.track_off[g].len();
            if n == 0 {
                continue;
            }
            let labs = &placed[g];
            // What stands on each track, for the labels beside it: runs and segment ends.
            let mut marks: Vec<Vec<(usize, f64, f64)>> = vec![Vec::new(); n];
            for &(k, t, lo, hi) in &gl.runs {
                marks[t].push((k, lo, hi));
            }
            for &(k, y, a, b) in &gl.hsegs {
                for e in [a, b] {
                    if let End::Track(t) = e {
                        marks[t].push((k, y, y));
                    }
                }
            }
            // Labels by track. Tracks stand at least a spacing apart, left to right, so a label
            // can push only the tracks within its own width (plus the widest label's) of its
            // own: the scans below stop there, which keeps a gutter of many tracks linear.
            let mut on: Vec<Vec<&Placed>> = vec![Vec::new(); n];
            for q in labs {
                on[q.track].push(q);
            }
            let widest = labs.iter().map(|q| q.hw).fold(0.0f64, f64::max);
            // A label keeps from the gutter's sides, where cards show glyphs on their edges (an
            // entry or exit, a mark on a corner), the glyph's reach and then the room its own
            // words have: at the bare padding it ran into an exit glyph.
            let edge = m
                .gutter_pad
                .max(m.mark_radius * super::contract::GLYPH_REACH + m.flow_label_pad);
            let reach = |w: f64| (w / m.track_spacing).ceil() as usize + 1;
            let mut x = vec![0.0f64; n];
            for t in 0..n {
                let mut v = m.gutter_pad + m.track_spacing / 2.0;
                if t > 0 {
                    v = v.max(x[t - 1] + m.track_spacing);
                }
                for q in &on[t] {
                    v = v.max(edge + q.hw);
                    // A label on `t` must start after what stands on an earlier track `s`.
                    for s in t.saturating_sub(reach(q.hw + clear))..t {
                        if marks[s]
                            .iter()
                            .any(|&(k, lo, hi)| k != q.flow && q.overlaps_y(lo, hi, clear))
                        {
                            v = v.max(x[s] + q.hw + clear);
                        }
                    }
                }
                // A label on an earlier track `s` must end before what stands on `t`; two labels
                // must not meet.
                let from = t.saturating_sub(reach(2.0 * widest + clear));
                for s in from..t {
                    for q in &on[s] {
                        if marks[t]
                            .iter()
                            .any(|&(k, lo, hi)| k != q.flow && q.overlaps_y(lo, hi, clear))
                        {
                            v = v.max(x[s] + q.hw + clear);
                        }
                        for r in &on[t] {
                            if r.overlaps_y(q.y - q.hh, q.y + q.hh, clear) {
                                v = v.max(x[s] + q.hw + r.hw + clear);
                            }
                        }
                    }
                }
                x[t] = v;
            }
            let mut w = x[n - 1] + m.track_spacing / 2.0 + m.gutter_pad;
            for q in labs {
                w = w.max(x[q.track] + q.hw + edge);
            }
            let width = rhythm(w, m);
            let shift = (width - w) / 2.0;
            self.track_off[g] = x.into_iter().map(|v| v + shift).collect();
            self.widths[g] = width;
        }
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
    let mut out = Vec::with_capacity(bp.flows.len());
    for ((f, p), label) in bp.flows.iter().zip(&plan.flows).zip(labels) {
        if let Some(h) = &p.hand {
            out.push(hand_off(bp, f, h, grid, items, label, m));
            continue;
        }
        let (a, b) = (&items[f.from.0 as usize].rect, &items[f.to.0 as usize].rect);
        let edge = |r: &Rect, s: Side| if s == Side::Right { r.right() } else { r.x };
        let start = Point::new(edge(a, p.from_side), a.y + p.from_port);
        let end = Point::new(edge(b, p.to_side), b.y + p.to_port);
        let x1 = plan.track_x(grid, p.g1, p.t1);
        let mut pts = vec![start, Point::new(x1, start.y)];
        match p.channel {
            Some(l) => {
                let cy = channel_y(grid, l, p.ht, m);
                let x2 = plan.track_x(grid, p.g2, p.t2);
                pts.extend([
                    Point::new(x1, cy),
                    Point::new(x2, cy),
                    Point::new(x2, end.y),
                ]);
            }
            None => pts.push(Point::new(x1, end.y)),
        }
        pts.push(end);
        let label = label.map(|mut t| {
            let pad = m.flow_label_pad;
            let cx = if p.label_on_g2 {
                plan.track_x(grid, p.g2, p.t2)
            } else {
                x1
            };
            let cy = grid.lanes_top + p.label_y;
            t.translate(
                cx - t.rect.w / 2.0 - t.rect.x,
                cy - t.rect.h / 2.0 - t.rect.y,
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
        // The cards already carry the items' names (`Blueprint::item_ref`): copied, not rebuilt.
        out.push(FlowPath {
            from: items[f.from.0 as usize].id.clone(),
            to: items[f.to.0 as usize].id.clone(),
            points: simplify(pts),
            style: f.style,
            both: f.both,
            customer_path: f.customer_path,
            label,
            stub: None,
        });
    }
    out
}

/// A hand-off as points: one vertical segment from the facing edge of one card to the facing
/// edge of the other, in its slot; its label beside it in the gap (stacked cards) or in the
/// upper lane's label strip (cards in two lanes).
fn hand_off(
    bp: &Blueprint,
    f: &crate::model::Flow,
    h: &Handoff,
    grid: &Grid,
    items: &[ItemBox],
    label: Option<Text>,
    m: &Metrics,
) -> FlowPath {
    let (up, low) = (&items[h.upper].rect, &items[h.lower].rect);
    let c = bp.items[h.upper].step.0 as usize;
    let x = grid.col_x[c] + h.x_offset(grid.col_w[c], m);
    let (top, bottom) = (Point::new(x, up.bottom()), Point::new(x, low.y));
    let points = if h.down {
        vec![top, bottom]
    } else {
        vec![bottom, top]
    };
    let label = label.map(|mut t| {
        let pad = m.flow_label_pad;
        let (bw, bh) = (t.rect.w + 2.0 * pad, t.rect.h + 2.0 * pad);
        let cy = if h.in_cell(bp) {
            (up.bottom() + low.y) / 2.0
        } else {
            grid.strip_top[bp.items[h.upper].lane.0 as usize] + handoff::label_clear(m) + bh / 2.0
        };
        let cx = match h.beside {
            Beside::On => x,
            Beside::Left => x - handoff::LABEL_OFF - bw / 2.0,
            Beside::Right => x + handoff::LABEL_OFF + bw / 2.0,
        };
        t.translate(
            cx - t.rect.w / 2.0 - t.rect.x,
            cy - t.rect.h / 2.0 - t.rect.y,
        );
        FlowLabel {
            rect: Rect::new(t.rect.x - pad, t.rect.y - pad, bw, bh),
            text: t,
        }
    });
    FlowPath {
        from: items[f.from.0 as usize].id.clone(),
        to: items[f.to.0 as usize].id.clone(),
        points,
        style: f.style,
        both: f.both,
        customer_path: f.customer_path,
        label,
        stub: None,
    }
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
