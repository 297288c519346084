//! Cuts: part of a blueprint shown on its own, as on a slide: some steps (`--steps 3..9`), some
//! phases (`--phase purchase`), some lanes (`--lanes customer,onstage`), or one figure per phase
//! ([`split_phases`]). [`apply`] takes a validated [`Blueprint`] and a [`Cut`] and returns the
//! cut blueprint, itself a valid `Blueprint` of the kept steps, lanes, items and flows, and the
//! [`Stub`]s: flows with one end outside the cut, each saying where that end is, which layout
//! draws as arrows to stand-ins at the cut's edge. A stage between validate and layout.
//!
//! What a cut keeps: the steps every step selection keeps (`--steps` and `--phase` each narrow
//! it; within one flag, the ranges or phases add up), and the lanes `--lanes` names (all when
//! absent). Items are kept where both their step and lane are. A flow with both ends kept stays;
//! with one end kept it becomes a stub; with none it is dropped. The automatic customer path is
//! drawn again over the kept customer items, so it joins the kept steps across an omitted run
//! and never becomes a stub. Phases keep their kept steps; the subtitle says what the cut is.
//! Uses `model`, `diag`, `span` and `validate::keys` (did-you-mean).

use crate::diag::{Checked, Diagnostic, Diagnostics, quote};
use crate::model::{
    Blueprint, Flow, Item, ItemId, Lane, LaneId, Phase, PhaseId, Step, StepId, Zone,
};
use crate::span::{Span, Spanned};
use crate::validate::keys::{SuggestionBudget, did_you_mean};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Errors collected while resolving a cut against one blueprint.
struct Resolver<'b> {
    bp: &'b Blueprint,
    diags: Diagnostics,
    /// What did-you-mean may still cost: thousands of unknown ids against thousands of steps
    /// stop suggesting, not running.
    suggestions: SuggestionBudget,
    /// Every step's id, in order, and its index: filled by `steps` when `--steps` names ids, so
    /// each id is found in constant time.
    step_ids: Vec<&'b str>,
    step_index: HashMap<&'b str, usize>,
}

impl Resolver<'_> {
    /// Where cut diagnostics point: the first of `spans` that is not empty, else the title.
    fn anchor(&self, spans: impl IntoIterator<Item = Span>) -> Span {
        spans
            .into_iter()
            .find(|s| s.end > s.start)
            .unwrap_or(self.bp.title.span)
    }

    fn help(&mut self, word: &str, candidates: &[&str], list: &str) -> String {
        let shown: Vec<&str> = candidates.iter().take(12).copied().collect();
        let more = if candidates.len() > shown.len() {
            ", …"
        } else {
            ""
        };
        let all = format!("{list}: {}{more}", shown.join(", "));
        match did_you_mean(word, candidates.iter().copied(), &mut self.suggestions) {
            Some(s) => format!("did you mean `{s}`? ({all})"),
            None => all,
        }
    }

    /// The 0-based index of `r`, or a diagnostic.
    fn step(&mut self, r: &StepRef, range: &StepRange) -> Option<usize> {
        let n = self.bp.steps.len();
        match r {
            StepRef::Number(k) => {
                if (*k as usize) <= n {
                    return Some(*k as usize - 1);
                }
                let last = self.bp.steps.last().map(|s| s.id.span);
                let d = Diagnostic::error(
                    "cut-step-out-of-range",
                    format!(
                        "--steps {}: step {k} is out of range; this blueprint has {n} step{}",
                        range.text,
                        if n == 1 { "" } else { "s" }
                    ),
                )
                .with_label(
                    self.anchor(last),
                    format!("step {n}, the last ({})", self.bp.steps[n - 1].id.value),
                )
                .with_help(format!(
                    "steps are counted from 1 to {n}, left to right; or name them by id"
                ));
                self.diags.push_bounded(d);
                None
            }
            StepRef::Id(id) => {
                if self.step_ids.is_empty() {
                    self.step_ids = self.bp.steps.iter().map(|s| s.id.value.as_str()).collect();
                    for (i, s) in self.step_ids.iter().enumerate().rev() {
                        self.step_index.insert(s, i);
                    }
                }
                if let Some(&i) = self.step_index.get(id.as_str()) {
                    return Some(i);
                }
                let ids = std::mem::take(&mut self.step_ids);
                let help =
                    self.help(id, &ids, "step ids") + "; or count steps from 1, left to right";
                self.step_ids = ids;
                let d = Diagnostic::error(
                    "cut-unknown-step",
                    format!("--steps {}: no step has the id {}", range.text, quote(id)),
                )
                .with_label(
                    self.anchor(self.bp.steps.first().map(|s| s.id.span)),
                    "the steps start here",
                )
                .with_help(help);
                self.diags.push_bounded(d);
                None
            }
        }
    }

    /// The steps of `--steps`, as a mask.
    fn steps(&mut self, ranges: &[StepRange]) -> Option<Vec<bool>> {
        let n = self.bp.steps.len();
        let mut keep = vec![false; n];
        let mut ok = true;
        for r in ranges {
            let lo = match &r.from {
                Some(b) => self.step(b, r),
                None => Some(0),
            };
            let hi = match &r.to {
                // One step (`4`) is reported once.
                Some(b) if r.from.as_ref() == Some(b) => lo,
                Some(b) => self.step(b, r),
                None => Some(n - 1),
            };
            let (Some(lo), Some(hi)) = (lo, hi) else {
                ok = false;
                continue;
            };
            if lo > hi {
                let d = Diagnostic::error(
                    "cut-empty",
                    format!(
                        "--steps {}: the range selects no step; {} is step {} and {} is step {}",
                        r.text,
                        self.bp.steps[lo].id.value,
                        lo + 1,
                        self.bp.steps[hi].id.value,
                        hi + 1
                    ),
                )
                .with_label(
                    self.anchor([self.bp.steps[lo].id.span]),
                    format!("step {}", lo + 1),
                )
                .with_other(self.bp.steps[hi].id.span, format!("step {}", hi + 1))
                .with_help(format!(
                    "write the earlier step first: {}..{}",
                    self.bp.steps[hi].id.value, self.bp.steps[lo].id.value
                ));
                self.diags.push_bounded(d);
                ok = false;
                continue;
            }
            keep[lo..=hi].iter_mut().for_each(|k| *k = true);
        }
        ok.then_some(keep)
    }

    /// The phase named `name`: by id, else by label (case-insensitive).
    fn phase(&mut self, name: &str) -> Option<PhaseId> {
        let ps = &self.bp.phases;
        let lower = name.to_lowercase();
        let by_label: Vec<usize> = (0..ps.len())
            .filter(|&i| ps[i].label.value.to_lowercase() == lower)
            .collect();
        let found = ps
            .iter()
            .position(|p| p.id.value == name)
            .or_else(|| (by_label.len() == 1).then(|| by_label[0]));
        if let Some(i) = found {
            return Some(PhaseId(i as u32));
        }
        let d = if by_label.len() > 1 {
            // Two phases share the label: say so and name them by id, which is unique.
            let ids: Vec<String> = by_label.iter().map(|&i| quote(&ps[i].id.value)).collect();
            let mut d = Diagnostic::error(
                "cut-unknown-phase",
                format!(
                    "--phase {}: {} phases have this label; name one by its id",
                    quote(name),
                    by_label.len()
                ),
            )
            .with_label(ps[by_label[0]].label.span, "this phase has the label")
            .with_help(format!("the phases' ids: {}", ids.join(", ")));
            for &i in &by_label[1..] {
                d = d.with_other(ps[i].label.span, "and so has this one");
            }
            d
        } else if ps.is_empty() {
            Diagnostic::error(
                "cut-unknown-phase",
                format!("--phase {}: this blueprint has no phases", quote(name)),
            )
            .with_label(self.bp.title.span, "no `phases:` in this blueprint")
            .with_help("cut by step instead: --steps 3..9 or --steps checkin..checkout")
        } else {
            let ids: Vec<&str> = ps.iter().map(|p| p.id.value.as_str()).collect();
            let help = self.help(name, &ids, "phase ids");
            Diagnostic::error(
                "cut-unknown-phase",
                format!("--phase {}: no phase has this id or label", quote(name)),
            )
            .with_label(
                self.anchor(ps.first().map(|p| p.id.span)),
                "the phases start here",
            )
            .with_help(help)
        };
        self.diags.push_bounded(d);
        None
    }

    /// The steps of the phases named, as a mask, and the phases, in blueprint order.
    fn phases(&mut self, names: &[String]) -> Option<(Vec<bool>, Vec<PhaseId>)> {
        let mut keep = vec![false; self.bp.steps.len()];
        let mut ids = Vec::new();
        let mut ok = true;
        for name in names {
            let Some(p) = self.phase(name) else {
                ok = false;
                continue;
            };
            if !ids.contains(&p) {
                ids.push(p);
            }
            let phase = &self.bp.phases[p.0 as usize];
            match phase.steps {
                Some((a, b)) => keep[a.0 as usize..=b.0 as usize]
                    .iter_mut()
                    .for_each(|k| *k = true),
                None => {
                    let d = Diagnostic::error(
                        "cut-empty",
                        format!("--phase {}: no step is in this phase", quote(name)),
                    )
                    .with_label(phase.id.span, "no step names this phase")
                    .with_help("give steps `phase: ID` to put them in it");
                    self.diags.push_bounded(d);
                    ok = false;
                }
            }
        }
        ids.sort();
        ok.then_some((keep, ids))
    }

    /// The lanes named (lane ids, else zone keys), as a mask.
    fn lanes(&mut self, names: &[String]) -> Option<Vec<bool>> {
        let lanes = &self.bp.lanes;
        let mut keep = vec![false; lanes.len()];
        let mut ok = true;
        for name in names {
            if let Some(i) = lanes.iter().position(|l| &l.id.value == name) {
                keep[i] = true;
                continue;
            }
            // The zone keys, and format 1.1's `insight` (not a standard lane's zone).
            let zone = Zone::from_key(name).or((name == "insight").then_some(Zone::Insight));
            if let Some(z) = zone {
                let mut any = false;
                for (i, l) in lanes.iter().enumerate() {
                    if l.zone == z {
                        keep[i] = true;
                        any = true;
                    }
                }
                if any {
                    continue;
                }
            }
            let mut words: Vec<&str> = lanes.iter().map(|l| l.id.value.as_str()).collect();
            let ids = words.join(", ");
            for z in Zone::ALL.into_iter().chain([Zone::Insight]) {
                if lanes.iter().any(|l| l.zone == z) && !words.contains(&z.key()) {
                    words.push(z.key());
                }
            }
            let help = match did_you_mean(name, words.iter().copied(), &mut self.suggestions) {
                Some(s) => format!("did you mean `{s}`? (lane ids: {ids}; or a zone)"),
                None => format!(
                    "lane ids: {ids}; or a zone (evidence, customer, onstage, backstage, support) for all its lanes"
                ),
            };
            let what = if zone.is_some() {
                "this blueprint has no lane in that zone"
            } else {
                "no lane has this id, and it is not a zone"
            };
            // Without a `lanes:` key the standard lanes have no place in the file.
            let first = lanes.first().map(|l| l.id.span).filter(|s| s.end > s.start);
            let label = match first {
                Some(_) => "the lanes start here",
                None => "no `lanes:` key: the five standard lanes",
            };
            let d = Diagnostic::error(
                "cut-unknown-lane",
                format!("--lanes {}: {what}", quote(name)),
            )
            .with_label(self.anchor(first), label)
            .with_help(help);
            self.diags.push_bounded(d);
            ok = false;
        }
        ok.then_some(keep)
    }
}

/// `4–9`, `4`, `1–3, 7` for the kept positions of `keep` (1-based).
fn runs(keep: &[bool]) -> (Vec<(usize, usize)>, String) {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (i, &k) in keep.iter().enumerate() {
        if !k {
            continue;
        }
        match out.last_mut() {
            Some((_, b)) if *b + 1 == i => *b = i,
            _ => out.push((i, i)),
        }
    }
    let text = out
        .iter()
        .map(|&(a, b)| {
            if a == b {
                format!("{}", a + 1)
            } else {
                format!("{}–{}", a + 1, b + 1)
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    (out, text)
}

/// The subtitle of a cut: "Purchase: steps 4–6 of 12 · 2 of 7 lanes".
fn describe(
    bp: &Blueprint,
    phases: &[PhaseId],
    keep_steps: &[bool],
    keep_lanes: &[bool],
) -> String {
    let mut parts = Vec::new();
    let kept_steps = keep_steps.iter().filter(|&&k| k).count();
    if kept_steps < keep_steps.len() {
        let (r, text) = runs(keep_steps);
        let word = if r.len() == 1 && r[0].0 == r[0].1 {
            "step"
        } else {
            "steps"
        };
        parts.push(format!("{word} {text} of {}", keep_steps.len()));
    }
    let kept_lanes = keep_lanes.iter().filter(|&&k| k).count();
    if kept_lanes < keep_lanes.len() {
        parts.push(format!("{kept_lanes} of {} lanes", keep_lanes.len()));
    }
    let mut text = parts.join(" · ");
    if let Some(c) = text.chars().next() {
        text = c.to_uppercase().chain(text.chars().skip(1)).collect();
    }
    if phases.is_empty() {
        return text;
    }
    let labels: Vec<&str> = phases
        .iter()
        .map(|p| bp.phases[p.0 as usize].label.value.as_str())
        .collect();
    let labels = labels.join(", ");
    if text.is_empty() {
        labels
    } else {
        // After the phase names the steps part is not a sentence start.
        let mut chars = text.chars();
        let first = chars.next().map(|c| c.to_lowercase().collect::<String>());
        format!("{labels}: {}{}", first.unwrap_or_default(), chars.as_str())
    }
}

/// Applies `cut` to `bp`: the kept part and its stubs, or every problem with the cut (unknown
/// phase, step or lane with a did-you-mean, a step out of range, a cut that keeps nothing).
pub fn apply(bp: &Blueprint, cut: &Cut) -> Result<Checked<Cutout>, Diagnostics> {
    // A variant first: the rest of the cut applies to its blueprint.
    if let Some(id) = &cut.variant {
        let (projected, v) = variant::project_named(bp, id)?;
        let rest = Cut {
            variant: None,
            ..cut.clone()
        };
        let out = if rest.is_empty() {
            Checked {
                value: Cutout {
                    blueprint: projected,
                    stubs: Vec::new(),
                    variant: None,
                },
                warnings: Diagnostics::default(),
            }
        } else {
            apply(&projected, &rest)?
        };
        return Ok(variant::named(bp, v, out));
    }
    let mut r = Resolver {
        bp,
        diags: Diagnostics::default(),
        suggestions: SuggestionBudget::default(),
        step_ids: Vec::new(),
        step_index: HashMap::new(),
    };
    let all_steps = vec![true; bp.steps.len()];
    let by_steps = if cut.steps.is_empty() {
        Some(all_steps.clone())
    } else {
        r.steps(&cut.steps)
    };
    let by_phases = if cut.phases.is_empty() {
        Some((all_steps.clone(), Vec::new()))
    } else {
        r.phases(&cut.phases)
    };
    let lanes = if cut.lanes.is_empty() {
        Some(vec![true; bp.lanes.len()])
    } else {
        r.lanes(&cut.lanes)
    };
    let (Some(a), Some((b, phase_ids)), Some(keep_lanes)) = (by_steps, by_phases, lanes) else {
        // Thousands of unknown `--steps` ids stop where a blueprint's problems stop.
        r.diags.cap();
        return Err(r.diags);
    };
    let keep_steps: Vec<bool> = a.iter().zip(&b).map(|(x, y)| *x && *y).collect();
    if !keep_steps.contains(&true) {
        let d = Diagnostic::error(
            "cut-empty",
            "the cut keeps no step: --steps and --phase have no step in common",
        )
        .with_label(
            r.anchor(bp.steps.first().map(|s| s.id.span)),
            "the steps start here",
        )
        .with_help("--steps counts every step of the blueprint from 1, not the phase's steps");
        return Err(Diagnostics::one(d));
    }
    Ok(Checked {
        value: keep(bp, &keep_steps, &keep_lanes, &phase_ids),
        warnings: Diagnostics::default(),
    })
}

/// The cut of `bp` to the masks, with its stubs.
fn keep(bp: &Blueprint, keep_steps: &[bool], keep_lanes: &[bool], phases: &[PhaseId]) -> Cutout {
    if !keep_steps.contains(&false) && !keep_lanes.contains(&false) {
        return Cutout {
            blueprint: bp.clone(),
            stubs: Vec::new(),
            variant: None,
        };
    }
    // Old index → new, for steps, lanes, phases and items.
    let remap = |mask: &[bool]| -> Vec<Option<u32>> {
        let mut n = 0;
        mask.iter()
            .map(|&k| {
                k.then(|| {
                    n += 1;
                    n - 1
                })
            })
            .collect()
    };
    let step_map = remap(keep_steps);
    let lane_map = remap(keep_lanes);
    let mut phase_map = vec![None; bp.phases.len()];
    let mut new_phases: Vec<Phase> = Vec::new();
    for (i, p) in bp.phases.iter().enumerate() {
        let Some((a, b)) = p.steps else { continue };
        let kept: Vec<u32> = (a.0..=b.0).filter_map(|s| step_map[s as usize]).collect();
        if let (Some(&lo), Some(&hi)) = (kept.first(), kept.last()) {
            phase_map[i] = Some(PhaseId(new_phases.len() as u32));
            new_phases.push(Phase {
                steps: Some((StepId(lo), StepId(hi))),
                ..p.clone()
            });
        }
    }
    for p in &mut new_phases {
        p.renumber_loop(&phase_map);
    }
    let lanes: Vec<Lane> = bp
        .lanes
        .iter()
        .zip(keep_lanes)
        .filter(|(_, k)| **k)
        .map(|(l, _)| l.clone())
        .collect();
    let mut item_map: Vec<Option<ItemId>> = vec![None; bp.items.len()];
    let mut items: Vec<Item> = Vec::new();
    let mut steps: Vec<Step> = Vec::new();
    let spans = spans::Spans::new(bp, keep_steps, keep_lanes); // format 1.1 `until`
    for (si, s) in bp.steps.iter().enumerate() {
        let Some(ns) = step_map[si] else { continue };
        let mut cells = Vec::with_capacity(lanes.len());
        for (li, cell) in s.cells.iter().enumerate() {
            let Some(nl) = lane_map[li] else { continue };
            let mut new_cell = Vec::with_capacity(cell.len());
            // Spanning cards from left-out steps that reach this one start here, first.
            let arriving = spans.arriving.get(&(si, li)).map_or(&[][..], Vec::as_slice);
            for &old in arriving.iter().chain(cell) {
                let id = ItemId(items.len() as u32);
                item_map[old.0 as usize] = Some(id);
                let mut item = Item {
                    step: StepId(ns),
                    lane: LaneId(nl),
                    ..bp.item(old).clone()
                };
                spans.clip(bp, old, &mut item, &step_map);
                items.push(item);
                new_cell.push(id);
            }
            cells.push(new_cell);
        }
        steps.push(Step {
            phase: s.phase.and_then(|p| phase_map[p.0 as usize]),
            cells,
            ..s.clone()
        });
    }

    // Where each omitted step and lane lies: the run of omitted ones it belongs to.
    type Namer<'a> = &'a dyn Fn(usize, usize) -> (String, String);
    let gaps = |mask: &[bool], name: Namer| -> Vec<Option<Place>> {
        let mut out = vec![None; mask.len()];
        let mut i = 0;
        let mut kept = 0u32;
        while i < mask.len() {
            if mask[i] {
                kept += 1;
                i += 1;
                continue;
            }
            let start = i;
            while i < mask.len() && !mask[i] {
                i += 1;
            }
            let (name, ids) = name(start, i - 1);
            let place = Place::Gap {
                at: kept,
                name,
                ids,
            };
            for o in &mut out[start..i] {
                *o = Some(place.clone());
            }
        }
        out
    };
    let step_gap = gaps(keep_steps, &|a, b| {
        let id = |i: usize| bp.steps[i].id.value.as_str();
        if a == b {
            (format!("Step {}", a + 1), id(a).to_string())
        } else {
            (
                format!("Steps {}–{}", a + 1, b + 1),
                format!("{}..{}", id(a), id(b)),
            )
        }
    });
    let lane_gap = gaps(keep_lanes, &|a, b| {
        let ids: Vec<&str> = bp.lanes[a..=b]
            .iter()
            .map(|l| l.id.value.as_str())
            .collect();
        let name = if a == b {
            bp.lanes[a].label.value.clone()
        } else {
            "Other lanes".to_string()
        };
        (name, ids.join(","))
    });

    // Flows: kept, stubbed or dropped; the customer path is drawn again below.
    let mut flows: Vec<Flow> = Vec::new();
    let mut stubs: Vec<Stub> = Vec::new();
    // The outside item of each stub, in the blueprint.
    let mut others: Vec<ItemId> = Vec::new();
    let mut path_span = None;
    for f in &bp.flows {
        if f.customer_path {
            path_span.get_or_insert(f.span);
            continue;
        }
        let (a, b) = (item_map[f.from.0 as usize], item_map[f.to.0 as usize]);
        let outside = |old: ItemId| {
            let it = bp.item(old);
            let (s, l) = (it.step.0 as usize, it.lane.0 as usize);
            Outside {
                item: bp.item_ref(old),
                step: bp.steps[s].id.value.clone(),
                lane: bp.lanes[l].id.value.clone(),
                zone: bp.lanes[l].zone,
                column: step_gap[s]
                    .clone()
                    .unwrap_or(Place::Kept(step_map[s].unwrap_or(0))),
                row: lane_gap[l]
                    .clone()
                    .unwrap_or(Place::Kept(lane_map[l].unwrap_or(0))),
                order: (it.step.0, it.lane.0, it.index),
                text: String::new(),
            }
        };
        let stub = |inside: ItemId, outgoing: bool, other: ItemId| Stub {
            inside,
            outgoing,
            outside: outside(other),
            label: f.label.clone(),
            style: f.style,
            both: f.both,
        };
        match (a, b) {
            (Some(from), Some(to)) => flows.push(Flow {
                from,
                to,
                ..f.clone()
            }),
            (Some(from), None) => {
                stubs.push(stub(from, true, f.to));
                others.push(f.to);
            }
            (None, Some(to)) => {
                stubs.push(stub(to, false, f.from));
                others.push(f.from);
            }
            (None, None) => {}
        }
    }
    if let Some(span) = path_span {
        // With variants, each variant's own path, as validate draws it in the whole figure.
        let of = |i: ItemId| {
            let it = &items[i.0 as usize];
            it.own_variants().and(steps[it.step.0 as usize].variants)
        };
        let path = items_of_lane(bp, &item_map);
        path::customer_paths(&path, bp.variants.len(), of, span, &mut flows);
    }

    // The words on each stand-in: where its item is (the step when the step is cut, the lane
    // when the lane is cut and its band stands for several), led by "to" or "from" when every
    // stub of it runs one way. Stand-ins that would read alike in one place add their item's
    // words, and so does one whose place says it all (a cut lane of its own, a kept step).
    let mut ways: BTreeMap<&str, (bool, bool)> = BTreeMap::new();
    for s in &stubs {
        let w = ways.entry(s.outside.item.as_str()).or_default();
        w.0 |= s.outgoing || s.both;
        w.1 |= !s.outgoing || s.both;
    }
    let wheres: Vec<String> = stubs
        .iter()
        .map(|s| {
            let o = &s.outside;
            let mut parts = Vec::new();
            let si = o.order.0 as usize;
            if matches!(o.column, Place::Gap { .. }) {
                // A no-break space keeps "(step 12)" on one line.
                parts.push(format!("{} (step\u{a0}{})", bp.steps[si].title(), si + 1));
            }
            if let Place::Gap { name, .. } = &o.row {
                let label = &bp.lanes[o.order.1 as usize].label.value;
                if name != label {
                    parts.push(label.clone());
                }
            }
            parts.join(", ")
        })
        .collect();
    let mut alike: BTreeMap<(&Place, &Place, &str), HashSet<&str>> = BTreeMap::new();
    for (s, w) in stubs.iter().zip(&wheres) {
        let o = &s.outside;
        alike
            .entry((&o.column, &o.row, w.as_str()))
            .or_default()
            .insert(o.item.as_str());
    }
    let texts: Vec<String> = stubs
        .iter()
        .zip(&wheres)
        .zip(&others)
        .map(|((s, w), &other)| {
            let o = &s.outside;
            let words = &bp.item(other).text.value;
            let text = if w.is_empty() {
                words.clone()
            } else if alike[&(&o.column, &o.row, w.as_str())].len() > 1 {
                format!("{w}: {words}")
            } else {
                w.clone()
            };
            let lead = match ways.get(o.item.as_str()) {
                Some((true, false)) => "to ",
                Some((false, true)) => "from ",
                _ => "",
            };
            format!("{lead}{text}")
        })
        .collect();
    for (s, text) in stubs.iter_mut().zip(texts) {
        s.outside.text = text;
    }

    let mut subtitle_span = bp.subtitle.as_ref().map_or(bp.title.span, |s| s.span);
    if subtitle_span.end <= subtitle_span.start {
        subtitle_span = bp.title.span;
    }
    let blueprint = Blueprint {
        title: bp.title.clone(),
        subtitle: Some(Spanned::new(
            describe(bp, phases, keep_steps, keep_lanes),
            subtitle_span,
        )),
        phases: new_phases,
        lanes,
        steps,
        items,
        flows,
        theme: bp.theme.clone(),
        variants: bp.variants.clone(),
        tags: bp.tags.clone(),
        curves: bp.curves.clone(),
    };
    Cutout {
        blueprint,
        stubs,
        variant: None,
    }
}

mod path;
mod split;
mod types;
mod variant;

use path::items_of_lane;
pub use split::split_phases;
pub use types::{Cut, Cutout, Outside, Place, StepRange, StepRef, Stub};
pub use variant::phases_in_variant;

mod spans;
#[cfg(test)]
mod tests;
