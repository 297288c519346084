//! Test helpers: build a [`Blueprint`] from compact tuples, and check the geometry rules of
//! `svg-output.md` on a [`Layout`]. Test builds only.

use super::Layout;
use crate::geom::{Point, Rect, distance_to_rect, is_orthogonal};
use crate::model::*;
use crate::span::{Span, Spanned};
use crate::text::{Measure, Weight};

fn sp<T>(v: T) -> Spanned<T> {
    Spanned::new(v, Span::default())
}

/// A step: id, `key=value;...` meta (`label`, `tp`, `em`, `dur`, `phase`), cells as
/// `(lane, [item, ...])`; an item is `text|fail=..|wait=..|note=..|link=..|id=..|until=STEP`.
pub(crate) type StepSpec<'a> = (&'a str, &'a str, &'a [(&'a str, &'a [&'a str])]);

/// Builds a blueprint. `lanes` are lane ids (a standard key, or `id:zone`); `flows` are
/// `FROM > TO` with optional `|label=..`, `|dashed`, `|both`; references as in the format.
pub(crate) fn build(
    title: &str,
    lanes: &[&str],
    steps: &[StepSpec],
    flows: &[&str],
    customer_path: bool,
) -> Blueprint {
    let mut lanes: Vec<Lane> = lanes
        .iter()
        .map(|l| {
            let (id, zone) = match l.split_once(':') {
                Some((id, z)) => (id, Zone::from_key(z).expect("zone")),
                None => (*l, Zone::from_key(l).expect("standard lane")),
            };
            let label = if Zone::from_key(id).is_some() {
                zone.default_label().to_string()
            } else {
                id.to_string()
            };
            Lane {
                id: sp(id.to_string()),
                label: sp(label),
                zone,
                description: None,
                kind: None,
            }
        })
        .collect();
    lanes.sort_by_key(|l| l.zone);
    let lane_of = |id: &str| {
        lanes
            .iter()
            .position(|l| l.label.value == id || l.id.value == id)
            .expect("lane") as u32
    };
    let mut bp = Blueprint {
        title: sp(title.to_string()),
        subtitle: None,
        phases: vec![],
        lanes: lanes.clone(),
        steps: vec![],
        items: vec![],
        flows: vec![],
        theme: None,
        variants: vec![],
        tags: vec![],
        curves: Vec::new(),
    };
    for (si, (id, meta, cells)) in steps.iter().enumerate() {
        let mut step = Step {
            id: sp(id.to_string()),
            label: None,
            phase: None,
            touchpoint: None,
            emotion: None,
            emotion_label: None,
            feelings: Vec::new(),
            duration: None,
            durations: vec![],
            variants: Default::default(),
            cells: vec![vec![]; lanes.len()],
            span: Span::default(),
        };
        for kv in meta.split(';').filter(|s| !s.is_empty()) {
            let (k, v) = kv.split_once('=').expect("key=value");
            match k {
                "label" => step.label = Some(sp(v.to_string())),
                "tp" => step.touchpoint = Some(sp(Touchpoint::from_key(v).expect("touchpoint"))),
                "em" => {
                    step.emotion = Some(sp(Emotion::new(v.parse().expect("int")).expect("1..5")))
                }
                "dur" => step.duration = Some(sp(v.to_string())),
                "phase" => {
                    let p = match bp.phases.iter().position(|p| p.id.value == v) {
                        Some(p) => p,
                        None => {
                            bp.phases.push(Phase {
                                id: sp(v.to_string()),
                                label: sp(v.to_string()),
                                description: None,
                                steps: None,
                                loop_back: None,
                            });
                            bp.phases.len() - 1
                        }
                    };
                    let s = StepId(si as u32);
                    let ph = &mut bp.phases[p];
                    ph.steps = Some(ph.steps.map_or((s, s), |(a, _)| (a, s)));
                    step.phase = Some(PhaseId(p as u32));
                }
                _ => panic!("unknown meta {k}"),
            }
        }
        bp.steps.push(step);
        for (lane, texts) in cells.iter() {
            let l = lane_of(lane);
            for (k, t) in texts.iter().enumerate() {
                let mut parts = t.split('|');
                let mut item = Item {
                    step: StepId(si as u32),
                    lane: LaneId(l),
                    index: k as u32 + 1,
                    id: None,
                    text: sp(parts.next().unwrap_or_default().to_string()),
                    fail: None,
                    wait: None,
                    note: None,
                    link: None,
                    details: None,
                    span: Span::default(),
                };
                for p in parts {
                    let (k, text) = p.split_once('=').expect("key=value");
                    let v = Some(Box::new(sp(text.to_string())));
                    match k {
                        "fail" => item.fail = v,
                        "wait" => item.wait = v,
                        "note" => item.note = v,
                        "link" => item.link = v,
                        "id" => item.id = v,
                        // Resolved below, once every step exists.
                        "until" => {
                            item.details.get_or_insert_with(Default::default).until = Some(Until {
                                step: StepId(u32::MAX),
                                id: sp(text.to_string()),
                                clipped: [false, false],
                            })
                        }
                        _ => panic!("unknown item key {k}"),
                    }
                }
                let iid = ItemId(bp.items.len() as u32);
                bp.items.push(item);
                bp.steps[si].cells[l as usize].push(iid);
            }
        }
    }
    let step_ids: Vec<String> = bp.steps.iter().map(|s| s.id.value.clone()).collect();
    for it in &mut bp.items {
        if let Some(u) = it.details.as_mut().and_then(|d| d.until.as_mut()) {
            let at = step_ids
                .iter()
                .position(|s| *s == u.id.value)
                .expect("until step");
            assert!(at >= it.step.0 as usize, "until before the item's step");
            u.step = StepId(at as u32);
        }
    }
    // Items in step, lane, cell order, as validate produces them.
    let mut order: Vec<ItemId> = Vec::new();
    for s in &bp.steps {
        for cell in &s.cells {
            order.extend(cell.iter().copied());
        }
    }
    let old = std::mem::take(&mut bp.items);
    let mut remap = vec![ItemId(0); old.len()];
    for (new, o) in order.iter().enumerate() {
        remap[o.0 as usize] = ItemId(new as u32);
        bp.items.push(old[o.0 as usize].clone());
    }
    for s in &mut bp.steps {
        for cell in &mut s.cells {
            for id in cell.iter_mut() {
                *id = remap[id.0 as usize];
            }
        }
    }
    for f in flows {
        let mut parts = f.split('|');
        let (a, b) = parts.next().unwrap().split_once('>').expect("FROM > TO");
        let mut flow = Flow {
            from: find(&bp, a.trim()),
            to: find(&bp, b.trim()),
            label: None,
            style: FlowStyle::Solid,
            both: false,
            customer_path: false,
            needs: false,
            note: None,
            span: Span::default(),
        };
        for p in parts {
            match p.split_once('=') {
                Some(("label", v)) => flow.label = Some(sp(v.to_string())),
                _ if p == "dashed" => flow.style = FlowStyle::Dashed,
                _ if p == "both" => flow.both = true,
                _ => panic!("unknown flow option {p}"),
            }
        }
        bp.flows.push(flow);
    }
    if customer_path {
        let customer: Vec<ItemId> = (0..bp.items.len() as u32)
            .map(ItemId)
            .filter(|&i| {
                bp.lane(bp.item(i).lane).zone == Zone::Customer
                    && bp.lane(bp.item(i).lane).id.value == "customer"
            })
            .collect();
        for w in customer.windows(2) {
            bp.flows.push(Flow {
                from: w[0],
                to: w[1],
                label: None,
                style: FlowStyle::Solid,
                both: false,
                customer_path: true,
                needs: false,
                note: None,
                span: Span::default(),
            });
        }
    }
    bp
}

fn find(bp: &Blueprint, r: &str) -> ItemId {
    (0..bp.items.len() as u32)
        .map(ItemId)
        .find(|&i| {
            let it = bp.item(i);
            let short = format!(
                "{}.{}",
                bp.step(it.step).id.value,
                bp.lane(it.lane).id.value
            );
            bp.item_ref(i) == r || (short == r && it.index == 1)
        })
        .unwrap_or_else(|| panic!("no item {r}"))
}

/// Asserts every geometry rule of svg-output.md on `l`, built from `bp`.
pub(crate) fn check_geometry(bp: &Blueprint, l: &Layout) {
    let eps = 1e-6;
    let measure = Measure::new();
    assert_eq!(l.items.len(), bp.items.len());
    // Cards: no overlap (sweep by x so large layouts stay fast), inside lane band and column.
    let mut order: Vec<usize> = (0..l.items.len()).collect();
    order.sort_by(|&a, &b| l.items[a].rect.x.total_cmp(&l.items[b].rect.x));
    for (k, &a) in order.iter().enumerate() {
        for &b in &order[k + 1..] {
            if l.items[b].rect.x >= l.items[a].rect.right() {
                break;
            }
            assert!(
                !l.items[a].rect.overlaps(&l.items[b].rect),
                "{} overlaps {}",
                l.items[a].id,
                l.items[b].id
            );
        }
    }
    // The glyphs half outside a card's top and bottom edges (star, "?", badges) stay inside its
    // lane and off every other card and its glyphs (issue 17: a "?" over the star below it).
    let reach = |i: usize| {
        let (up, down) = l.items[i].overhang();
        let r = l.items[i].rect;
        Rect::new(r.x, r.y - up, r.w, r.h + up + down)
    };
    for (k, &a) in order.iter().enumerate() {
        for &b in &order[k + 1..] {
            if l.items[b].rect.x >= l.items[a].rect.right() {
                break;
            }
            assert!(
                !reach(a).overlaps(&reach(b)),
                "the edge glyphs of {} and {} meet",
                l.items[a].id,
                l.items[b].id
            );
        }
    }
    for (i, it) in bp.items.iter().enumerate() {
        let lane = &l.lanes[it.lane.0 as usize].rect;
        let r = reach(i);
        assert!(
            r.y >= lane.y - eps && r.bottom() <= lane.bottom() + eps,
            "an edge glyph of {} outside its lane",
            l.items[i].id
        );
    }
    for (i, b) in l.items.iter().enumerate() {
        let it = &bp.items[i];
        let lane = &l.lanes[it.lane.0 as usize];
        let col = &l.columns[it.step.0 as usize];
        // A spanning card lies on the union of its columns: from its first one's left edge to
        // its last one's right edge.
        let last = &l.columns[it.last_step().0 as usize];
        assert!(
            b.rect.y >= lane.rect.y - eps && b.rect.bottom() <= lane.rect.bottom() + eps,
            "{} outside its lane",
            b.id
        );
        assert!(
            (b.rect.x - col.rect.x).abs() < eps && (b.rect.right() - last.rect.right()).abs() < eps,
            "{} not on its columns' x-extent",
            b.id
        );
        assert_eq!(b.id, bp.item_ref(crate::model::ItemId(i as u32)));
        // Every line fits its card, measured again here.
        let texts = [&b.text, &b.note]
            .into_iter()
            .chain(b.fail.iter().chain(b.wait.iter()).map(|m| &m.text));
        for t in texts {
            for line in &t.lines {
                let w = measure.width(
                    &line.text,
                    t.size,
                    if t.bold {
                        Weight::Bold
                    } else {
                        Weight::Regular
                    },
                );
                assert!(
                    line.x >= b.rect.x - eps && line.x + w <= b.rect.right() + eps,
                    "line {:?} of {} overflows",
                    line.text,
                    b.id
                );
                assert!(
                    line.y > b.rect.y && line.y < b.rect.bottom(),
                    "baseline of {:?} outside {}",
                    line.text,
                    b.id
                );
            }
        }
    }
    // Every other text inside its box.
    let fits = |t: &super::Text, r: &Rect, what: &str| {
        for line in &t.lines {
            let w = measure.width(
                &line.text,
                t.size,
                if t.bold {
                    Weight::Bold
                } else {
                    Weight::Regular
                },
            );
            assert!(
                line.x >= r.x - eps
                    && line.x + w <= r.right() + eps
                    && line.y > r.y
                    && line.y < r.bottom(),
                "{what}: line {:?} outside {r:?}",
                line.text
            );
        }
    };
    for c in &l.columns {
        fits(&c.label, &c.header, &c.id);
        fits(&c.duration, &c.header, &c.id);
    }
    for lane in &l.lanes {
        fits(&lane.label, &lane.label_rect, &lane.id);
    }
    for p in &l.phases {
        fits(&p.label, &p.rect, &p.id);
    }
    for f in &l.flows {
        if let Some(lb) = &f.label {
            fits(&lb.text, &lb.rect, "flow label");
        }
    }
    // Zone lines between their zones' bands.
    for z in &l.zone_lines {
        let (za, zb) = z.kind.zones();
        for lane in &l.lanes {
            if lane.zone <= za {
                assert!(
                    lane.rect.bottom() <= z.y + eps,
                    "{:?} below {:?}",
                    lane.id,
                    z.kind
                );
            }
            if lane.zone >= zb {
                assert!(lane.rect.y >= z.y - eps, "{:?} above {:?}", lane.id, z.kind);
            }
        }
    }
    check_labels(l, false);
    check_stand_ins(l);
    // Flows: orthogonal, from next to the source to next to the target, crossing no other card.
    // Cards are indexed by column so each segment is tested against the columns it spans only.
    // A cut's stubs follow the blueprint's flows; one of their ends is a stand-in.
    let near = 1.0;
    let n = l.items.len();
    let boxes: Vec<&super::ItemBox> = l.items.iter().chain(&l.stubs).collect();
    let by_id: std::collections::HashMap<&str, usize> = boxes
        .iter()
        .enumerate()
        .map(|(i, b)| (b.id.as_str(), i))
        .collect();
    assert_eq!(by_id.len(), boxes.len(), "card and stand-in ids are unique");
    assert!(l.flows.len() >= bp.flows.len());
    for (k, f) in l.flows.iter().enumerate() {
        let (a, b) = match bp.flows.get(k) {
            Some(model) => {
                assert!(f.stub.is_none(), "flow {k} is the blueprint's, not a stub");
                (model.from.0 as usize, model.to.0 as usize)
            }
            None => {
                let end = f
                    .stub
                    .as_ref()
                    .expect("flows after the blueprint's are stubs");
                let (a, b) = (by_id[f.from.as_str()], by_id[f.to.as_str()]);
                let (inside, outside) = if end.outgoing { (a, b) } else { (b, a) };
                assert!(inside < n, "stub {k}'s inside end is a card");
                assert!(outside >= n, "stub {k}'s outside end is a stand-in");
                assert_eq!(
                    (&*boxes[outside].step, &*boxes[outside].lane),
                    (end.step.as_str(), end.lane.as_str())
                );
                (a, b)
            }
        };
        assert!(f.points.len() >= 2);
        assert!(
            is_orthogonal(&f.points, eps),
            "flow {k} not orthogonal: {:?}",
            f.points
        );
        assert!(
            distance_to_rect(f.points[0], &boxes[a].rect) <= near,
            "flow {k} starts away from {}",
            f.from
        );
        assert!(
            distance_to_rect(*f.points.last().unwrap(), &boxes[b].rect) <= near,
            "flow {k} ends away from {}",
            f.to
        );
        assert_eq!((&f.from, &f.to), (&boxes[a].id, &boxes[b].id));
        for w in f.points.windows(2) {
            let stand_ins = l.stubs.iter().enumerate().map(|(i, s)| (n + i, s.rect));
            for (i, item) in crossing_candidates(l, w[0], w[1])
                .into_iter()
                .chain(stand_ins)
            {
                // A spanning card bridges the gutters between its columns, where flows run: a
                // vertical run in one of them may cross it (svg-output.md).
                let bridged = i < n
                    && bp.items[i].spans()
                    && (w[0].x - w[1].x).abs() < eps
                    && !l
                        .columns
                        .iter()
                        .any(|c| w[0].x >= c.rect.x - eps && w[0].x <= c.rect.right() + eps);
                if i != a && i != b && !bridged {
                    assert!(
                        !item.crossed_by(w[0], w[1]),
                        "flow {k} ({} > {}) crosses {}",
                        f.from,
                        f.to,
                        boxes[i].id
                    );
                }
            }
            // Its own ends: the segment may touch them, not pass through.
            for i in [a, b] {
                assert!(
                    !boxes[i].rect.crossed_by(w[0], w[1]),
                    "flow {k} passes through its own end {}",
                    boxes[i].id
                );
            }
        }
    }
}

/// A cut's stand-ins: each on a column's x-extent (a kept step's or a stand-in column's) and
/// inside a lane band (kept or stand-in) vertically, overlapping no card and no other stand-in,
/// its words inside it; stand-in headers and lane labels inside their boxes.
fn check_stand_ins(l: &Layout) {
    let eps = 1e-6;
    let measure = Measure::new();
    for c in &l.stub_columns {
        fits_in(&measure, &c.label, &c.header, &c.id);
    }
    for lane in &l.stub_lanes {
        fits_in(&measure, &lane.label, &lane.label_rect, &lane.id);
    }
    for (i, s) in l.stubs.iter().enumerate() {
        assert!(
            l.columns
                .iter()
                .chain(&l.stub_columns)
                .any(|c| (s.rect.x - c.rect.x).abs() < eps && (s.rect.w - c.rect.w).abs() < eps),
            "stand-in {} not on a column's x-extent",
            s.id
        );
        assert!(
            l.lanes
                .iter()
                .chain(&l.stub_lanes)
                .any(|b| s.rect.y >= b.rect.y - eps && s.rect.bottom() <= b.rect.bottom() + eps),
            "stand-in {} outside every lane band",
            s.id
        );
        for o in l.items.iter().chain(&l.stubs[i + 1..]) {
            assert!(
                !s.rect.overlaps(&o.rect),
                "stand-in {} overlaps {}",
                s.id,
                o.id
            );
        }
        fits_in(&measure, &s.text, &s.rect, &s.id);
    }
}

/// Asserts every line of `t` lies inside `r`, measured again here.
fn fits_in(measure: &Measure, t: &super::Text, r: &Rect, what: &str) {
    let eps = 1e-6;
    for line in &t.lines {
        let w = measure.width(
            &line.text,
            t.size,
            if t.bold {
                Weight::Bold
            } else {
                Weight::Regular
            },
        );
        assert!(
            line.x >= r.x - eps
                && line.x + w <= r.right() + eps
                && line.y > r.y
                && line.y < r.bottom(),
            "{what}: line {:?} outside {r:?}",
            line.text
        );
    }
}

/// Asserts flow labels are clear: no two label boxes overlap, and no vertical run of another
/// flow passes through a label box (both hold by construction). With `horizontals`, channel runs
/// of other flows (one passing through the label's gutter included) must not either: layout
/// keeps labels off them whenever the label's run has a clear height, which real diagrams do but
/// generated ones with twenty tracks in a gutter need not. A label's own line runs through it by
/// design. The stubs between a card and its track are exempt: ports on a crowded card side can
/// sit closer than a label is tall, so a label at a card (always, on a straight flow) cannot
/// always clear them; layout avoids them where it can.
pub(crate) fn check_labels(l: &Layout, horizontals: bool) {
    let boxes: Vec<(usize, Rect)> = l
        .flows
        .iter()
        .enumerate()
        .filter_map(|(k, f)| f.label.as_ref().map(|lb| (k, lb.rect)))
        .collect();
    for (i, (a, ra)) in boxes.iter().enumerate() {
        for (b, rb) in &boxes[i + 1..] {
            assert!(
                !ra.overlaps(rb),
                "labels of flows {a} and {b} overlap: {ra:?} {rb:?}"
            );
        }
    }
    for &(k, r) in &boxes {
        for (o, f) in l.flows.iter().enumerate() {
            if o == k {
                continue;
            }
            let last = f.points.len() - 2;
            for (i, w) in f.points.windows(2).enumerate() {
                let horizontal = (w[0].y - w[1].y).abs() < 1e-9;
                if i == 0 || i == last || (horizontal && !horizontals) {
                    continue;
                }
                assert!(
                    !r.crossed_by(w[0], w[1]),
                    "flow {o} ({} > {}) passes through the label of flow {k} at {r:?}: {:?} {:?}",
                    f.from,
                    f.to,
                    w[0],
                    w[1]
                );
            }
        }
    }
}

/// Cards in the columns whose x-extent the segment touches.
fn crossing_candidates(l: &Layout, p: Point, q: Point) -> Vec<(usize, Rect)> {
    let (x0, x1) = (p.x.min(q.x), p.x.max(q.x));
    let first = l.columns.partition_point(|c| c.rect.right() < x0);
    let mut cols = Vec::new();
    for c in &l.columns[first..] {
        if c.rect.x > x1 {
            break;
        }
        cols.push(c.id.as_str());
    }
    // A spanning card (wider than its first column) is a candidate wherever its x-range is.
    let first_w = |b: &super::ItemBox| {
        l.columns
            .iter()
            .find(|c| *c.id == *b.step)
            .map_or(0.0, |c| c.rect.w)
    };
    l.items
        .iter()
        .enumerate()
        .filter(|(_, b)| {
            cols.contains(&&*b.step)
                || (b.rect.w > first_w(b) + 1e-6 && b.rect.x <= x1 && b.rect.right() >= x0)
        })
        .map(|(i, b)| (i, b.rect))
        .collect()
}

/// Asserts no two flows share a segment (run on top of each other).
pub(crate) fn check_no_shared_segments(l: &Layout) {
    let eps = 1e-6;
    let segs: Vec<(usize, Point, Point)> = l
        .flows
        .iter()
        .enumerate()
        .flat_map(|(k, f)| f.points.windows(2).map(move |w| (k, w[0], w[1])))
        .collect();
    for (i, &(fa, a0, a1)) in segs.iter().enumerate() {
        for &(fb, b0, b1) in &segs[i + 1..] {
            if fa == fb {
                continue;
            }
            let horiz = |p: Point, q: Point| (p.y - q.y).abs() < eps;
            let overlap = |a0: f64, a1: f64, b0: f64, b1: f64| {
                a0.min(a1).max(b0.min(b1)) < a0.max(a1).min(b0.max(b1)) - eps
            };
            if horiz(a0, a1) && horiz(b0, b1) && (a0.y - b0.y).abs() < eps {
                assert!(
                    !overlap(a0.x, a1.x, b0.x, b1.x),
                    "flows {fa} and {fb} share a horizontal run at y={}",
                    a0.y
                );
            }
            if !horiz(a0, a1) && !horiz(b0, b1) && (a0.x - b0.x).abs() < eps {
                assert!(
                    !overlap(a0.y, a1.y, b0.y, b1.y),
                    "flows {fa} and {fb} share a vertical run at x={}",
                    a0.x
                );
            }
        }
    }
}

/// Asserts the hard rules of the blueprint convention on a layout, as a reader (and
/// `flowcheck.py`) sees them: a hand-off between two cards of one column with no card between
/// them is one vertical segment (unless its gap holds more flows than a column has room for, or
/// more than two labelled ones); parallel segments of different flows that run side by side for
/// more than 8 px stand at least 8 px apart; no flow point lies outside the lane bands; no other
/// flow comes within 6 px of a flow label's box, and each label lies inside one lane band and off
/// every zone line, off every glyph on a card's edge. Only the `rules` named (`sideways`,
/// `close`, `outside`, `crowded`, `border`, `zone`, `glyph`) are checked.
pub(crate) fn check_flow_rules(bp: &Blueprint, l: &Layout, rules: &[&str]) {
    let mut bad = flow_rule_breaches(bp, l);
    bad.retain(|b| rules.iter().any(|r| b.starts_with(r)));
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// The breaches of [`check_flow_rules`], one line each, starting with the rule's name.
pub(crate) fn flow_rule_breaches(bp: &Blueprint, l: &Layout) -> Vec<String> {
    let mut bad = Vec::new();
    macro_rules! rule {
        ($ok:expr, $($fmt:tt)*) => {
            if !{ $ok } {
                bad.push(format!($($fmt)*));
            }
        };
    }
    let eps = 1e-6;
    let boxes: Vec<Rect> = l.items.iter().chain(&l.stubs).map(|b| b.rect).collect();
    // Hand-offs: neighbours in a column's top-to-bottom order, judged on the drawn cards.
    let mut load: std::collections::HashMap<(usize, usize), (usize, usize)> = Default::default();
    for f in &bp.flows {
        let (a, b) = (f.from.0 as usize, f.to.0 as usize);
        let e = load.entry((a.min(b), a.max(b))).or_default();
        e.0 += 1;
        e.1 += usize::from(f.label.is_some());
    }
    for (k, f) in bp.flows.iter().enumerate() {
        let (a, b) = (f.from.0 as usize, f.to.0 as usize);
        let (ra, rb) = (l.items[a].rect, l.items[b].rect);
        // A spanning card (format 1.1) takes no hand-off: it spans more than the column.
        if (ra.x - rb.x).abs() > eps || bp.items[a].spans() || bp.items[b].spans() {
            continue;
        }
        let (lo, hi) = if ra.y < rb.y {
            (ra.bottom(), rb.y)
        } else {
            (rb.bottom(), ra.y)
        };
        let between = boxes.iter().any(|r| {
            r.x <= ra.x + eps
                && r.right() >= ra.right() - eps
                && r.y < hi - eps
                && r.bottom() > lo + eps
        });
        // The gap's load: every flow between this pair of cards (either way) shares it.
        let (n, labelled) = load[&(a.min(b), a.max(b))];
        if between || n > 10 || labelled > 2 {
            continue;
        }
        let p = &l.flows[k].points;
        rule!(
            p.len() == 2 && (p[0].x - p[1].x).abs() < eps,
            "sideways: flow {k} ({} > {}) is a hand-off down its column but drawn as {p:?}",
            l.flows[k].from,
            l.flows[k].to
        );
    }
    // Segments of every flow, vertical or horizontal.
    let segs: Vec<(usize, bool, Point, Point)> = l
        .flows
        .iter()
        .enumerate()
        .flat_map(|(k, f)| {
            f.points
                .windows(2)
                .filter(|w| (w[0].x - w[1].x).abs() + (w[0].y - w[1].y).abs() > 0.5)
                .map(move |w| (k, (w[0].x - w[1].x).abs() < eps, w[0], w[1]))
        })
        .collect();
    for (i, &(ka, va, a0, a1)) in segs.iter().enumerate() {
        for &(kb, vb, b0, b1) in &segs[i + 1..] {
            if ka == kb || va != vb {
                continue;
            }
            let along = |p: Point| if va { p.y } else { p.x };
            let across = |p: Point| if va { p.x } else { p.y };
            let lo = along(a0).min(along(a1)).max(along(b0).min(along(b1)));
            let hi = along(a0).max(along(a1)).min(along(b0).max(along(b1)));
            let d = (across(a0) - across(b0)).abs();
            rule!(
                hi - lo <= 8.0 || d >= 8.0 - eps,
                "close: flows {ka} and {kb} run {d} px apart for {} px: {a0:?} {a1:?} / {b0:?} {b1:?}",
                hi - lo
            );
        }
    }
    // Inside the lane bands.
    let bands: Vec<Rect> = l
        .lanes
        .iter()
        .chain(&l.stub_lanes)
        .map(|b| b.rect)
        .collect();
    if let (Some(x0), Some(x1), Some(y0), Some(y1)) = (
        bands.iter().map(|r| r.x).reduce(f64::min),
        bands.iter().map(|r| r.right()).reduce(f64::max),
        bands.iter().map(|r| r.y).reduce(f64::min),
        bands.iter().map(|r| r.bottom()).reduce(f64::max),
    ) {
        for f in &l.flows {
            for p in &f.points {
                rule!(
                    p.x >= x0 - eps && p.x <= x1 + eps && p.y >= y0 - eps && p.y <= y1 + eps,
                    "outside: flow {} > {} leaves the lanes at {p:?}",
                    f.from,
                    f.to
                );
            }
        }
    }
    // Labels off the glyphs on cards' edges (an exit glyph under "word of mouth" in spa-day,
    // issue 17): each glyph's backing disc, with its outline.
    let discs: Vec<(Point, f64)> = l
        .items
        .iter()
        .filter_map(|it| it.more.as_ref())
        .flat_map(|more| &more.marks)
        .filter(|g| g.kind != MarkKind::Optional)
        .map(|g| (g.at, g.r * super::contract::GLYPH_REACH + 0.5))
        .collect();
    for f in &l.flows {
        let Some(lb) = &f.label else { continue };
        for &(c, r) in &discs {
            rule!(
                distance_to_rect(c, &lb.rect) >= r - eps,
                "glyph: the label of {} > {} covers a card's glyph at {c:?}",
                f.from,
                f.to
            );
        }
    }
    // Labels: clear of other flows, in one lane, off the zone lines.
    for (k, f) in l.flows.iter().enumerate() {
        let Some(lb) = &f.label else { continue };
        let r = lb.rect;
        for &(o, _, p, q) in &segs {
            if o == k {
                continue;
            }
            let dx = (r.x - p.x.max(q.x)).max(p.x.min(q.x) - r.right()).max(0.0);
            let dy = (r.y - p.y.max(q.y)).max(p.y.min(q.y) - r.bottom()).max(0.0);
            rule!(
                dx.hypot(dy) >= 6.0 - eps,
                "crowded: flow {o} ({} > {}) passes {} px from the label of flow {k} ({} > {}) at {r:?}: {p:?} {q:?} / {:?}",
                l.flows[o].from,
                l.flows[o].to,
                dx.hypot(dy),
                f.from,
                f.to,
                f.points
            );
        }
        rule!(
            bands
                .iter()
                .any(|b| r.y >= b.y - eps && r.bottom() <= b.bottom() + eps),
            "border: the label of flow {k} ({} > {}) is on a lane border: {r:?}",
            f.from,
            f.to
        );
        for z in &l.zone_lines {
            rule!(
                z.y <= r.y + eps || z.y >= r.bottom() - eps,
                "zone: the label of flow {k} is on a zone line"
            );
        }
    }
    bad
}
