//! Tracks for the runs of flows: which runs share a track and in which order tracks stand.
//!
//! A gutter's vertical runs are ordered the way ELK's orthogonal router (after Sander's
//! hyperedge routing) orders the segments of a routing channel: for every two runs whose spans
//! overlap, count the crossings each order would make (a run's end that turns towards the other
//! run, at a height inside the other's span, crosses it; two ends at about one height that turn
//! towards each other would overlap, which counts far more), and keep the cheaper order as a
//! dependency. Cycles are broken by a depth-first search, and each run then takes the first
//! track right of every overlapping run before it in that order (longest path, so runs that do
//! not overlap share tracks). The pairs are found with a sweep, so the work is linear in the
//! overlapping pairs; a gutter whose pairs would pass the layout's budget
//! (`limits::MAX_TRACK_ORDER_PAIRS`) is coloured greedily instead (fewest tracks, any order).
//! Channel runs are coloured greedily (interval colouring, optimal in tracks).
//! Uses nothing but `std` and `limits`.

use std::cmp::{Ordering, Reverse};
use std::collections::{BTreeSet, BinaryHeap};

/// A span to colour: `lo..=hi` on the channel's axis, owned by flow `flow`'s run `run`, in
/// gutter or channel `group` (spans are coloured a group at a time).
pub(super) struct Span {
    pub group: usize,
    pub lo: f64,
    pub hi: f64,
    pub flow: usize,
    pub run: u8,
    /// A gutter run's own extent (`lo..hi` keep room for its label beyond it) and where its
    /// ends turn: height, and whether the horizontal there heads right. Empty for channel runs.
    pub own: (f64, f64),
    pub ends: [(f64, bool); 2],
    /// For a run that loops out of a column and back into it, how much longer than its own
    /// extent it may grow before it reads as a detour (twice the gap between its cards plus
    /// 80 px, less its extent: flowcheck's measure); infinite for any other run.
    pub slack: f64,
    /// How far the run pushes the next track out: a spacing, or its label's half width and
    /// clearance when it has one (a label stands centred on its run).
    pub push: f64,
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

/// Greedy interval colouring (optimal for intervals), with room kept from one group of spans
/// to the next.
#[derive(Default)]
pub(super) struct Colouring {
    active: BinaryHeap<Reverse<(Key, usize)>>,
    free: BTreeSet<usize>,
    /// The track of each span of the last call, in the order the spans were sorted to.
    pub tracks: Vec<usize>,
}

impl Colouring {
    /// Sorts `spans` and gives each a track (in `self.tracks`); returns the track count. Spans
    /// closer than `gap` count as overlapping. Deterministic: ties break on flow index.
    pub(super) fn colour(&mut self, spans: &mut [Span], gap: f64) -> usize {
        spans.sort_by(|a, b| {
            a.lo.total_cmp(&b.lo)
                .then(a.hi.total_cmp(&b.hi))
                .then(a.flow.cmp(&b.flow))
                .then(a.run.cmp(&b.run))
        });
        let (active, free) = (&mut self.active, &mut self.free);
        active.clear();
        free.clear();
        self.tracks.clear();
        let mut count = 0;
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
            self.tracks.push(t);
        }
        count
    }
}

/// Spans sorted by group, then as [`Colouring::colour`] sorts them: each group is then one
/// run of the slice, which its colouring finds already in order.
pub(super) fn sort_by_group(spans: &mut [Span]) {
    spans.sort_unstable_by(|a, b| {
        a.group
            .cmp(&b.group)
            .then(a.lo.total_cmp(&b.lo))
            .then(a.hi.total_cmp(&b.hi))
            .then(a.flow.cmp(&b.flow))
            .then(a.run.cmp(&b.run))
    });
}

/// What two ends turning towards each other at about one height cost, in crossings: such ends
/// would draw one horizontal line over the other.
const CONFLICT: u32 = 16;

/// Crossings (and conflicts) when `a` stands left of `b`: `a`'s ends that head right inside
/// `b`'s span, `b`'s that head left inside `a`'s, and ends facing each other within `near`.
fn cost(a: &Span, b: &Span, near: f64) -> u32 {
    let inside = |y: f64, s: &Span| y > s.own.0 + 1e-6 && y < s.own.1 - 1e-6;
    let mut c = 0;
    for &(y, right) in &a.ends {
        if right && inside(y, b) {
            c += 1;
        }
        if right {
            for &(z, r) in &b.ends {
                if !r && (y - z).abs() < near {
                    c += CONFLICT;
                }
            }
        }
    }
    for &(y, right) in &b.ends {
        if !right && inside(y, a) {
            c += 1;
        }
    }
    c
}

/// Tracks for one gutter's runs, ordered to cross as little as they can (see the module doc).
/// `spans` must be sorted as [`Colouring::colour`] sorts them; spans closer than `gap` overlap,
/// and ends closer than `near` conflict. Returns the track of each span, in `spans`' order, and
/// the track count; `None` when the overlapping pairs would pass `budget` (which is charged).
pub(super) fn order(
    spans: &[Span],
    gap: f64,
    near: f64,
    budget: &mut usize,
) -> Option<(Vec<usize>, usize)> {
    let n = spans.len();
    // Overlapping pairs, by sweep (sorted by `lo`, so `j` overlaps `i` until one starts past it).
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for i in 0..n {
        for j in i + 1..n {
            if spans[j].lo > spans[i].hi + gap {
                break;
            }
            if pairs.len() >= *budget {
                return None;
            }
            pairs.push((i, j));
        }
    }
    *budget -= pairs.len();
    // Dependencies: an edge u -> v when u should stand left of v.
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut overl: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(i, j) in &pairs {
        let (ij, ji) = (
            cost(&spans[i], &spans[j], near),
            cost(&spans[j], &spans[i], near),
        );
        // At equal cost, the run with more ends heading left stands left: its lines stay short.
        // Between two runs whose ends all head one way (loops back into one column), the order
        // that leaves the least slack greatest stands: each px the inner run pushes the outer
        // one out lengthens that loop by two, and past its slack it reads as a detour.
        let pull = |s: &Span| s.ends.iter().filter(|e| !e.1).count();
        let (pi, pj) = (pull(&spans[i]), pull(&spans[j]));
        // Inside, a run keeps its slack; outside, it loses twice what the inner one pushes.
        let (a, b) = (&spans[i], &spans[j]);
        let j_in = a.slack.min(b.slack - 2.0 * a.push) < b.slack.min(a.slack - 2.0 * b.push);
        let tie = match (pi, pj) {
            _ if pj != pi => pj > pi,
            (2, 2) => j_in,
            (0, 0) => {
                !j_in && a.slack.min(b.slack - 2.0 * a.push) > b.slack.min(a.slack - 2.0 * b.push)
            }
            _ => false,
        };
        if ji < ij || (ji == ij && tie) {
            out[j].push(i);
        } else {
            out[i].push(j);
        }
        overl[i].push(j);
        overl[j].push(i);
    }
    // A topological order of the dependencies with cycles broken: reverse postorder of an
    // iterative depth-first search (edges back to the stack are dropped).
    let mut state = vec![0u8; n]; // 0 new, 1 on the stack, 2 done
    let mut post: Vec<usize> = Vec::with_capacity(n);
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if state[root] != 0 {
            continue;
        }
        state[root] = 1;
        stack.push((root, 0));
        while let Some(top) = stack.last_mut() {
            let (v, next) = *top;
            if let Some(&w) = out[v].get(next) {
                top.1 += 1;
                if state[w] == 0 {
                    state[w] = 1;
                    stack.push((w, 0));
                }
            } else {
                state[v] = 2;
                post.push(v);
                stack.pop();
            }
        }
    }
    // Each run takes the first track right of every overlapping run placed before it.
    let mut track = vec![usize::MAX; n];
    let mut count = 0;
    for &v in post.iter().rev() {
        let t = overl[v]
            .iter()
            .filter(|&&u| track[u] != usize::MAX)
            .map(|&u| track[u] + 1)
            .max()
            .unwrap_or(0);
        track[v] = t;
        count = count.max(t + 1);
    }
    // That packs every run left, next to the cards its ends turn to when they head left. A run
    // whose ends all head right (a loop into the column on the gutter's right) then moves as far
    // right as the runs right of it let it, next to its own cards: left, it would loop out past
    // the gutter's other tracks and back, a detour. Rightmost first (`post` order), so each
    // overlapping run right of it is already where it stays.
    for &v in &post {
        if spans[v].ends.iter().all(|e| e.1) {
            track[v] = overl[v]
                .iter()
                .filter(|&&u| track[u] > track[v])
                .map(|&u| track[u] - 1)
                .min()
                .unwrap_or(count - 1);
        }
    }
    Some((track, count))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(lo: f64, hi: f64, flow: usize) -> Span {
        Span {
            group: 0,
            lo,
            hi,
            flow,
            run: 0,
            own: (lo, hi),
            ends: [(lo, false), (hi, true)],
            slack: f64::INFINITY,
            push: 8.0,
        }
    }

    /// A gutter run from `lo` to `hi` whose ends turn as `ends` say.
    fn run(lo: f64, hi: f64, flow: usize, ends: [(f64, bool); 2]) -> Span {
        Span {
            ends,
            ..span(lo, hi, flow)
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
        // A colouring that has coloured another group first gives the same as a fresh one.
        let mut c = Colouring::default();
        let mut other = vec![span(0.0, 100.0, 7), span(1.0, 2.0, 8), span(3.0, 4.0, 9)];
        assert_eq!(c.colour(&mut other, 1.0), 3);
        let n = c.colour(&mut s, 1.0);
        let t = c.tracks.clone();
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
    fn order_keeps_overlapping_runs_apart_and_uncrossed() {
        // A long run from a card on the left to one on the right, and a short one inside its
        // span whose both ends head right: left of the long one, both ends would cross it.
        let spans = vec![
            run(0.0, 50.0, 0, [(0.0, false), (50.0, true)]),
            run(5.0, 10.0, 1, [(5.0, true), (10.0, true)]),
            run(60.0, 70.0, 2, [(60.0, false), (70.0, true)]),
        ];
        let mut budget = 100;
        let (t, n) = order(&spans, 1.0, 8.0, &mut budget).unwrap();
        assert_eq!(n, 2);
        assert!(t[0] < t[1], "{t:?}");
        assert_eq!(t[2], 0, "a run apart shares a track");
        let mut none = 0;
        assert!(order(&spans, 1.0, 8.0, &mut none).is_none());
    }

    #[test]
    fn a_loop_into_the_right_column_stands_next_to_it() {
        // Two runs overlapping each other take two tracks; a loop below them, into the column
        // on the right (both ends head right), overlaps neither. Packed left it would loop out
        // past both tracks and back: it takes the rightmost track instead.
        let spans = vec![
            run(0.0, 50.0, 0, [(0.0, false), (50.0, true)]),
            run(10.0, 60.0, 1, [(10.0, false), (60.0, true)]),
            run(80.0, 120.0, 2, [(80.0, true), (120.0, true)]),
            run(90.0, 110.0, 3, [(90.0, true), (110.0, true)]),
        ];
        let mut budget = 100;
        let (t, n) = order(&spans, 1.0, 8.0, &mut budget).unwrap();
        assert_eq!(n, 2);
        // The two loops nest, the inner (shorter) one nearest the column.
        assert_eq!((t[2], t[3]), (0, 1), "{t:?}");
        let lone = vec![
            run(0.0, 50.0, 0, [(0.0, false), (50.0, true)]),
            run(10.0, 60.0, 1, [(10.0, false), (60.0, true)]),
            run(90.0, 110.0, 3, [(90.0, true), (110.0, true)]),
        ];
        let (t, _) = order(&lone, 1.0, 8.0, &mut budget).unwrap();
        assert_eq!(t[2], 1, "{t:?}");
    }
}
