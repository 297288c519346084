//! The phases: `phases:` read, and once the steps are known, each phase's run of steps (which
//! must be consecutive); each phase's loop back (`loops_to`, format 1.1), which must name a
//! phase at or before it. Uses validator, keys.

use super::keys;
use super::validator::{Validator, duplicate};
use crate::diag::{Diagnostic, quote};
use crate::limits;
use crate::model::{LoopBack, Phase, PhaseId, Step, StepId};
use crate::parse::Node;
use crate::span::{Span, Spanned};
use foldhash::{HashMap, HashMapExt};

impl Validator<'_> {
    pub(super) fn phases(&mut self, node: &Node) -> Vec<Phase> {
        let mut phases: Vec<Phase> = Vec::new();
        // Index of ids already seen, so thousands of phases stay linear.
        let mut seen: HashMap<String, Span> = HashMap::new();
        let Some(list) = self.list(node, "`phases`", limits::MAX_STEPS, "MAX_STEPS") else {
            return phases;
        };
        // Each phase's `loops_to` (the phase's index, the target's id), resolved once every id
        // is known.
        let mut loops: Vec<(usize, Spanned<String>, Option<Spanned<String>>)> = Vec::new();
        for n in list {
            let Some((f, _)) = self.fields(n, keys::PHASE, "a phase", false) else {
                continue;
            };
            let Some(id) = f.get("id").and_then(|(_, v)| self.id(v, "the phase id")) else {
                continue;
            };
            if let Some(&first) = seen.get(&id.value) {
                let d = duplicate(&id, first, "phase id");
                self.error(d);
                continue;
            }
            seen.insert(id.value.clone(), id.span);
            let label = self
                .opt_text(f.get("label").map(|x| x.1), "the phase label")
                .unwrap_or_else(|| id.clone());
            let description =
                self.opt_text(f.get("description").map(|x| x.1), "the phase description");
            let to = f
                .get("loops_to")
                .and_then(|(_, v)| self.id(v, "the phase `loops_to`"));
            let loop_label = self.opt_text(f.get("loop_label").map(|x| x.1), "the loop label");
            match (to, loop_label) {
                (Some(to), label) => loops.push((phases.len(), to, label)),
                (None, Some(label)) if f.get("loops_to").is_none() => {
                    let d = Diagnostic::error(
                        "loop-label-without-loop",
                        format!(
                            "phase {} has a `loop_label` but no `loops_to`",
                            quote(&id.value)
                        ),
                    )
                    .with_label(label.span, "labels no loop")
                    .with_help(
                        "add `loops_to:` with the phase the loop returns to, or remove the label",
                    );
                    self.error(d);
                }
                _ => {}
            }
            phases.push(Phase {
                id,
                label,
                description,
                steps: None,
                loop_back: None,
            });
        }
        let owned: Vec<String> = phases.iter().map(|p| p.id.value.clone()).collect();
        let ids: Vec<&str> = owned.iter().map(String::as_str).collect();
        for (i, to, label) in loops {
            match ids.iter().position(|p| *p == to.value) {
                Some(j) => {
                    phases[i].loop_back = Some(Box::new(LoopBack {
                        to: Spanned::new(PhaseId(j as u32), to.span),
                        label,
                    }));
                }
                None => {
                    let fallback = format!("the phases are: {}", ids.join(", "));
                    let help = self.help_for(&to.value, &ids, fallback);
                    let d = Diagnostic::error(
                        "unknown-ref",
                        format!("unknown phase {} in `loops_to`", quote(&to.value)),
                    )
                    .with_label(to.span, "no phase has this id")
                    .with_help(help);
                    self.error(d);
                }
            }
        }
        phases
    }

    /// Reports each loop that goes forward: `loops_to` names a phase drawn after this one (by
    /// their first steps; by their order in `phases:` when either has none).
    pub(super) fn loops_forward(&mut self, phases: &[Phase]) {
        for (i, p) in phases.iter().enumerate() {
            let Some(lb) = &p.loop_back else { continue };
            let j = lb.to.value.0 as usize;
            let target = &phases[j];
            let forward = match (p.steps, target.steps) {
                (Some((a, _)), Some((b, _))) => b > a,
                _ => j > i,
            };
            if forward {
                let d = Diagnostic::error(
                    "loop-forward",
                    format!(
                        "phase {} loops forward, to phase {}",
                        quote(&p.id.value),
                        quote(&target.id.value)
                    ),
                )
                .with_label(lb.to.span, "this phase comes later")
                .with_other(target.id.span, "declared here")
                .with_help(
                    "a loop returns to a phase at or before its own (post-purchase back to \
                     pre-purchase); name an earlier phase",
                );
                self.error(d);
            }
        }
    }

    /// Records each phase's step range and reports phases whose steps are not consecutive.
    pub(super) fn phase_runs(&mut self, steps: &[Step], phases: &mut [Phase]) {
        let mut last_seen: Vec<Option<usize>> = vec![None; phases.len()];
        for (i, s) in steps.iter().enumerate() {
            let Some(p) = s.phase else { continue };
            let p = p.0 as usize;
            if let Some(prev) = last_seen[p]
                && prev + 1 != i
                && !s.id.value.is_empty()
            {
                // The labels are on the values to change: this step's `phase:`, and the one of
                // the step in between (its id when it has none).
                let phase_value = |i: usize| self.phase_values.get(i).copied().flatten();
                let here = phase_value(i).unwrap_or(s.id.span);
                let phase_id = phases[p].id.value.clone();
                let gap = &steps[prev + 1];
                let (gap_span, gap_text) = match (gap.phase, phase_value(prev + 1)) {
                    (Some(g), Some(span)) => (
                        span,
                        format!(
                            "but step {} of phase {} comes between",
                            quote(&gap.id.value),
                            quote(&phases[g.0 as usize].id.value)
                        ),
                    ),
                    _ => (
                        gap.id.span,
                        format!("but step {} comes between", quote(&gap.id.value)),
                    ),
                };
                let d = Diagnostic::error(
                    "phase-not-consecutive",
                    format!(
                        "the steps of phase {} are not consecutive",
                        quote(&phase_id)
                    ),
                )
                .with_label(
                    here,
                    format!(
                        "step {} is in phase {}",
                        quote(&s.id.value),
                        quote(&phase_id)
                    ),
                )
                .with_other(gap_span, gap_text)
                .with_help(
                    "a phase is a run of adjacent steps: give this step another phase, or move \
                     it next to the others of its phase",
                );
                self.error(d);
            }
            last_seen[p] = Some(i);
            let sid = StepId(i as u32);
            let range = &mut phases[p].steps;
            *range = Some(match *range {
                Some((a, _)) => (a, sid),
                None => (sid, sid),
            });
        }
    }
}
