//! The variant cut (`render --variant ID`, format 1.1): the blueprint as one variant of the
//! service has it. The steps and items of other variants are left out, and so are the flows
//! that touch them: an item of another variant is not outside the figure but absent from this
//! service, so those flows are dropped, never stubs. What is kept carries no variant (no
//! badges, no `data-variant`), each step's duration is that variant's, and the customer path is
//! drawn again over the kept customer items. The step, phase and lane cuts then apply to this
//! blueprint, as to any (`cut::apply` does both): `--steps` counts the variant's own columns.

use super::path::{customer_path, items_of_lane};
use super::types::{Cut, Cutout};
use crate::diag::{Checked, Diagnostic, Diagnostics, quote};
use crate::model::{Blueprint, Flow, Item, ItemId, Phase, PhaseId, Step, StepId, Variants};
use crate::span::{Span, Spanned};
use crate::validate::keys::{SuggestionBudget, did_you_mean};

/// The index of the variant `id` names, or a `cut-unknown-variant` error with a did-you-mean.
fn resolve(bp: &Blueprint, id: &str) -> Result<usize, Diagnostics> {
    let vs = &bp.variants;
    if let Some(i) = vs.iter().position(|v| v.id.value == id) {
        return Ok(i);
    }
    Err(Diagnostics::one(if vs.is_empty() {
        Diagnostic::error(
            "cut-unknown-variant",
            format!("--variant {}: this blueprint has no variants", quote(id)),
        )
        .with_label(bp.title.span, "no `variants:` in this blueprint")
        .with_help("declare the variants under `variants:` (format 1.1), or leave out --variant")
    } else {
        let ids: Vec<&str> = vs.iter().map(|v| v.id.value.as_str()).collect();
        let all = format!("variant ids: {}", ids.join(", "));
        let mut budget = SuggestionBudget::default();
        let help = match did_you_mean(id, ids.iter().copied(), &mut budget) {
            Some(s) => format!("did you mean `{s}`? ({all})"),
            None => all,
        };
        Diagnostic::error(
            "cut-unknown-variant",
            format!("--variant {}: no variant has this id", quote(id)),
        )
        .with_label(vs[0].id.span, "the variants start here")
        .with_help(help)
    }))
}

/// The blueprint as the variant `id` has it (subtitle taken off, for the rest of the cut to
/// say what it keeps) and the variant's index; or why there is none: an unknown id, or a
/// variant no step is in.
pub(super) fn project_named(bp: &Blueprint, id: &str) -> Result<(Blueprint, usize), Diagnostics> {
    let v = resolve(bp, id)?;
    let mut projected = project(bp, v);
    if projected.steps.is_empty() {
        let d = Diagnostic::error(
            "cut-empty",
            format!("--variant {}: no step is in this variant", quote(id)),
        )
        .with_label(bp.variants[v].id.span, "no step is in this variant")
        .with_help("give the variant's steps no `variant` (every variant) or name it in theirs");
        return Err(Diagnostics::one(d));
    }
    projected.subtitle = None;
    Ok((projected, v))
}

/// `out`, the rest of a cut applied to variant `v`'s blueprint, named: the subtitle is the
/// variant's label, before what the rest of the cut says (`Enterprise · Set up: step 2 of 2`),
/// and the cutout knows its variant (the id prefix hashes it).
pub(super) fn named(bp: &Blueprint, v: usize, mut out: Checked<Cutout>) -> Checked<Cutout> {
    let label = &bp.variants[v].label.value;
    let b = &mut out.value.blueprint;
    let text = match b.subtitle.as_ref().filter(|s| !s.value.is_empty()) {
        Some(s) => format!("{label} · {}", s.value),
        None => label.clone(),
    };
    let mut span: Span = bp.subtitle.as_ref().map_or(bp.title.span, |s| s.span);
    if span.end <= span.start {
        span = bp.title.span;
    }
    b.subtitle = Some(Spanned::new(text, span));
    out.value.variant = Some(bp.variants[v].id.value.clone());
    out
}

/// `bp` as variant `v` (an index into its variants) has it; the subtitle is left as it was.
fn project(bp: &Blueprint, v: usize) -> Blueprint {
    let mut item_map: Vec<Option<ItemId>> = vec![None; bp.items.len()];
    let mut items: Vec<Item> = Vec::new();
    let mut steps: Vec<Step> = Vec::new();
    // Each kept step's new index, for the phases' runs.
    let mut step_map: Vec<Option<u32>> = vec![None; bp.steps.len()];
    for (si, s) in bp.steps.iter().enumerate() {
        if !s.variants.contains(v) {
            continue;
        }
        let ns = StepId(steps.len() as u32);
        step_map[si] = Some(ns.0);
        let cells = s
            .cells
            .iter()
            .map(|cell| {
                cell.iter()
                    .filter(|&&old| bp.item(old).own_variants().contains(v))
                    .map(|&old| {
                        let id = ItemId(items.len() as u32);
                        item_map[old.0 as usize] = Some(id);
                        let mut it = bp.item(old).clone();
                        it.step = ns;
                        // Its `index` stays: the item keeps its name (`STEP.LANE.N`) of the
                        // whole blueprint. Every kept item is in this variant: no badge.
                        if let Some(d) = &mut it.details {
                            d.variants = Variants::ALL;
                        }
                        items.push(it);
                        id
                    })
                    .collect()
            })
            .collect();
        let duration = match s.durations.iter().find(|(i, _)| *i == v) {
            Some((_, text)) => Some(text.clone()),
            None if s.durations.is_empty() => s.duration.clone(),
            None => None,
        };
        // The feelings on the curves this variant keeps (each step's are indexed as the curves).
        let feelings = s
            .feelings
            .iter()
            .zip(&bp.curves)
            .filter(|(_, c)| c.variants.contains(v))
            .map(|(f, _)| f.clone())
            .collect();
        steps.push(Step {
            duration,
            durations: Vec::new(),
            variants: Variants::ALL,
            cells,
            feelings,
            ..s.clone()
        });
    }
    let mut phases: Vec<Phase> = Vec::with_capacity(bp.phases.len());
    let mut phase_map: Vec<Option<PhaseId>> = vec![None; bp.phases.len()];
    for (i, p) in bp.phases.iter().enumerate() {
        let kept: Vec<u32> = p
            .steps
            .map(|(a, b)| (a.0..=b.0).filter_map(|s| step_map[s as usize]).collect())
            .unwrap_or_default();
        // A phase none of whose steps is in the variant stays declared, with no step (as a
        // phase no step names): `--phase` then says so.
        phase_map[i] = Some(PhaseId(phases.len() as u32));
        phases.push(Phase {
            steps: kept
                .first()
                .zip(kept.last())
                .map(|(&a, &b)| (StepId(a), StepId(b))),
            ..p.clone()
        });
    }
    for s in &mut steps {
        s.phase = s.phase.and_then(|p| phase_map[p.0 as usize]);
    }
    let mut flows: Vec<Flow> = Vec::new();
    let mut path_span = None;
    for f in &bp.flows {
        if f.customer_path {
            path_span.get_or_insert(f.span);
            continue;
        }
        if let (Some(from), Some(to)) = (item_map[f.from.0 as usize], item_map[f.to.0 as usize]) {
            flows.push(Flow {
                from,
                to,
                ..f.clone()
            });
        }
    }
    if let Some(span) = path_span {
        customer_path(&items_of_lane(bp, &item_map), span, &mut flows);
    }
    Blueprint {
        title: bp.title.clone(),
        subtitle: bp.subtitle.clone(),
        phases,
        lanes: bp.lanes.clone(),
        steps,
        items,
        flows,
        theme: bp.theme.clone(),
        variants: bp.variants.clone(),
        tags: bp.tags.clone(),
        // A curve of another variant is not drawn; the kept ones belong to this one.
        curves: bp
            .curves
            .iter()
            .filter(|c| c.variants.contains(v))
            .map(|c| crate::model::Curve {
                variants: Variants::ALL,
                ..c.clone()
            })
            .collect(),
    }
}

/// Whether every phase `cut` names by id has a step in its variant (true without a variant, or
/// when the variant or a phase is unknown: `cut::apply` then says what is wrong). For
/// `--split-phases --variant`: a phase with no step in the variant has no figure.
pub fn phases_in_variant(bp: &Blueprint, cut: &Cut) -> bool {
    let Some(v) = cut
        .variant
        .as_ref()
        .and_then(|id| bp.variants.iter().position(|x| x.id.value == *id))
    else {
        return true;
    };
    cut.phases.iter().all(|name| {
        bp.phases
            .iter()
            .find(|p| p.id.value == *name)
            .and_then(|p| p.steps)
            .is_none_or(|(a, b)| (a.0..=b.0).any(|s| bp.steps[s as usize].variants.contains(v)))
    })
}
