//! Stand-ins for what a cut left out. Each stub's outside end becomes a card of its own, in the
//! column of its step when that step is kept, else in an extra column standing where the omitted
//! run of steps was ("Steps 10–30"); likewise in its lane, or an extra lane where the omitted
//! lanes were. Then the stub is an ordinary flow between two cards, so the routing that keeps
//! flows off cards and flow labels apart draws it too, with the same guarantees. [`Ghosts::split`]
//! moves the extra columns, lanes and cards out of the layout's contract lists (`columns`, `lanes`,
//! `items`) into its `stub_*` lists, and marks the stub flows. Uses `cut` and `model`.

use super::contract::{Layout, StubEnd};
use crate::cut::{Place, Stub};
use crate::model::{Blueprint, Flow, Item, ItemId, Lane, LaneId, Phase, Step, StepId, Zone};
use crate::span::{Span, Spanned};
use std::collections::BTreeMap;

/// A cut blueprint with its stand-ins added, and what is what in it.
pub(super) struct Ghosts {
    /// The blueprint to lay out: the cut's, plus the extra columns, lanes, cards and flows.
    pub bp: Blueprint,
    /// Per step of `bp`: the ids of the omitted run it stands for (`None`: a kept step).
    gap_steps: Vec<Option<String>>,
    /// Per lane of `bp`: likewise.
    gap_lanes: Vec<Option<String>>,
    /// Per item of `bp`: the outside step and lane ids of a stand-in (`None`: a kept item).
    stand_ins: Vec<Option<(String, String)>>,
    /// Per flow of `bp`: the stub's outside end (`None`: a kept flow).
    ends: Vec<Option<StubEnd>>,
}

/// Kept things and stand-ins along one axis, in drawing order.
#[derive(Clone, Copy)]
enum Slot<'a> {
    Kept(usize),
    Gap(&'a str, &'a str),
}

/// The slots of an axis of `n` kept things, with the gaps `stubs` reach inserted where they lie,
/// and the new index of each kept thing and each gap (by its `at`).
fn slots<'a>(
    n: usize,
    places: impl Iterator<Item = &'a Place>,
) -> (Vec<Slot<'a>>, Vec<usize>, BTreeMap<u32, usize>) {
    let mut gaps: BTreeMap<u32, (&str, &str)> = BTreeMap::new();
    for p in places {
        if let Place::Gap { at, name, ids } = p {
            gaps.entry(*at).or_insert((name.as_str(), ids.as_str()));
        }
    }
    let mut out = Vec::with_capacity(n + gaps.len());
    let mut kept = Vec::with_capacity(n);
    let mut gap_at = BTreeMap::new();
    for i in 0..=n {
        if let Some(&(name, ids)) = gaps.get(&(i as u32)) {
            gap_at.insert(i as u32, out.len());
            out.push(Slot::Gap(name, ids));
        }
        if i < n {
            kept.push(out.len());
            out.push(Slot::Kept(i));
        }
    }
    (out, kept, gap_at)
}

impl Ghosts {
    /// `bp` (a cut blueprint) with a stand-in per outside end of `stubs`.
    pub(crate) fn new(bp: &Blueprint, stubs: &[Stub]) -> Ghosts {
        let (cols, col_of, col_gap) =
            slots(bp.steps.len(), stubs.iter().map(|s| &s.outside.column));
        let (rows, row_of, row_gap) = slots(bp.lanes.len(), stubs.iter().map(|s| &s.outside.row));
        let place = |p: &Place, kept: &[usize], gap: &BTreeMap<u32, usize>| match p {
            Place::Kept(i) => kept[*i as usize],
            Place::Gap { at, .. } => gap[at],
        };

        // One stand-in per outside item, in its cell, cells ordered as in the blueprint.
        let mut stand_in_of: BTreeMap<&str, usize> = BTreeMap::new();
        let mut stand_ins: Vec<&Stub> = Vec::new();
        for s in stubs {
            stand_in_of.entry(&s.outside.item).or_insert_with(|| {
                stand_ins.push(s);
                stand_ins.len() - 1
            });
        }
        let mut cells: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
        for (k, s) in stand_ins.iter().enumerate() {
            let o = &s.outside;
            let cell = (
                place(&o.column, &col_of, &col_gap),
                place(&o.row, &row_of, &row_gap),
            );
            cells.entry(cell).or_default().push(k);
        }
        for list in cells.values_mut() {
            list.sort_by_key(|&k| stand_ins[k].outside.order);
        }

        let lanes: Vec<Lane> = rows
            .iter()
            .enumerate()
            .map(|(r, slot)| match *slot {
                Slot::Kept(l) => bp.lanes[l].clone(),
                // The zone of its top-most stand-in: zone order holds (the left-out lanes lay
                // between their kept neighbours), and the zone lines are drawn where they are,
                // on either side of the band.
                Slot::Gap(name, ids) => {
                    let zone = cells
                        .iter()
                        .filter(|((_, row), _)| *row == r)
                        .flat_map(|(_, list)| list.iter().map(|&k| stand_ins[k].outside.zone))
                        .min()
                        .unwrap_or(Zone::Customer);
                    Lane {
                        id: Spanned::new(ids.to_string(), Span::default()),
                        label: Spanned::new(name.to_string(), Span::default()),
                        zone,
                        description: None,
                        kind: None,
                    }
                }
            })
            .collect();

        let mut items: Vec<Item> = Vec::new();
        let mut item_of = vec![ItemId(0); bp.items.len()];
        let mut ghost_item = vec![ItemId(0); stand_ins.len()];
        let mut ghost_info = Vec::new();
        let mut steps: Vec<Step> = Vec::with_capacity(cols.len());
        for (c, slot) in cols.iter().enumerate() {
            let mut step = match *slot {
                Slot::Kept(s) => Step {
                    cells: Vec::new(),
                    ..bp.steps[s].clone()
                },
                Slot::Gap(name, ids) => Step {
                    id: Spanned::new(ids.to_string(), Span::default()),
                    label: Some(Spanned::new(name.to_string(), Span::default())),
                    phase: None,
                    touchpoint: None,
                    emotion: None,
                    emotion_label: None,
                    feelings: Vec::new(),
                    duration: None,
                    durations: Vec::new(),
                    variants: Default::default(),
                    cells: Vec::new(),
                    span: Span::default(),
                },
            };
            for (r, row) in rows.iter().enumerate() {
                let mut cell = Vec::new();
                if let (Slot::Kept(s), Slot::Kept(l)) = (slot, row) {
                    for &old in &bp.steps[*s].cells[*l] {
                        let id = ItemId(items.len() as u32);
                        item_of[old.0 as usize] = id;
                        let mut item = Item {
                            step: StepId(c as u32),
                            lane: LaneId(r as u32),
                            ..bp.item(old).clone()
                        };
                        // A spanning card ends in its last step's column, stand-ins inserted.
                        if let Some(u) = item.details.as_mut().and_then(|d| d.until.as_mut()) {
                            u.step = StepId(col_of[u.step.0 as usize] as u32);
                        }
                        items.push(item);
                        ghost_info.push(None);
                        cell.push(id);
                    }
                }
                for &k in cells.get(&(c, r)).map_or(&[][..], Vec::as_slice) {
                    let o = &stand_ins[k].outside;
                    let id = ItemId(items.len() as u32);
                    ghost_item[k] = id;
                    items.push(Item {
                        step: StepId(c as u32),
                        lane: LaneId(r as u32),
                        index: cell.len() as u32 + 1,
                        id: Some(Box::new(Spanned::new(o.item.clone(), Span::default()))),
                        text: Spanned::new(o.text.clone(), Span::default()),
                        fail: None,
                        wait: None,
                        note: None,
                        link: None,
                        details: None,
                        span: Span::default(),
                    });
                    ghost_info.push(Some((o.step.clone(), o.lane.clone())));
                    cell.push(id);
                }
                step.cells.push(cell);
            }
            steps.push(step);
        }

        let phases: Vec<Phase> = bp
            .phases
            .iter()
            .map(|p| Phase {
                steps: p.steps.map(|(a, b)| {
                    (
                        StepId(col_of[a.0 as usize] as u32),
                        StepId(col_of[b.0 as usize] as u32),
                    )
                }),
                ..p.clone()
            })
            .collect();
        let mut flows: Vec<Flow> = bp
            .flows
            .iter()
            .map(|f| Flow {
                from: item_of[f.from.0 as usize],
                to: item_of[f.to.0 as usize],
                ..f.clone()
            })
            .collect();
        let mut ends = vec![None; flows.len()];
        for s in stubs {
            let inside = item_of[s.inside.0 as usize];
            let ghost = ghost_item[stand_in_of[s.outside.item.as_str()]];
            let (from, to) = if s.outgoing {
                (inside, ghost)
            } else {
                (ghost, inside)
            };
            flows.push(Flow {
                from,
                to,
                label: s.label.clone(),
                style: s.style,
                both: s.both,
                customer_path: false,
                needs: false,
                note: None,
                span: Span::default(),
            });
            ends.push(Some(StubEnd {
                outgoing: s.outgoing,
                step: s.outside.step.clone(),
                lane: s.outside.lane.clone(),
            }));
        }
        let gap_ids = |slots: &[Slot]| -> Vec<Option<String>> {
            slots
                .iter()
                .map(|s| match s {
                    Slot::Kept(_) => None,
                    Slot::Gap(_, ids) => Some(ids.to_string()),
                })
                .collect()
        };
        Ghosts {
            gap_steps: gap_ids(&cols),
            gap_lanes: gap_ids(&rows),
            stand_ins: ghost_info,
            ends,
            bp: Blueprint {
                title: bp.title.clone(),
                subtitle: bp.subtitle.clone(),
                phases,
                lanes,
                steps,
                items,
                flows,
                theme: bp.theme.clone(),
                variants: bp.variants.clone(),
                tags: bp.tags.clone(),
                curves: bp.curves.clone(),
            },
        }
    }

    /// True when there is any stand-in.
    pub(crate) fn any(&self) -> bool {
        self.ends.iter().any(Option::is_some)
    }

    /// Moves the stand-ins of `l` (laid out from `self.bp`) to its `stub_*` lists.
    pub(crate) fn split(&self, l: &mut Layout) {
        let columns = std::mem::take(&mut l.columns);
        for (c, gap) in columns.into_iter().zip(&self.gap_steps) {
            match gap {
                None => l.columns.push(c),
                Some(_) => l.stub_columns.push(c),
            }
        }
        let lanes = std::mem::take(&mut l.lanes);
        for (b, gap) in lanes.into_iter().zip(&self.gap_lanes) {
            match gap {
                None => l.lanes.push(b),
                Some(_) => l.stub_lanes.push(b),
            }
        }
        let items = std::mem::take(&mut l.items);
        for (mut b, info) in items.into_iter().zip(&self.stand_ins) {
            match info {
                None => l.items.push(b),
                Some((step, lane)) => {
                    b.step = step.as_str().into();
                    b.lane = lane.as_str().into();
                    l.stubs.push(b);
                }
            }
        }
        for (f, end) in l.flows.iter_mut().zip(&self.ends) {
            f.stub = end.clone();
        }
    }
}
