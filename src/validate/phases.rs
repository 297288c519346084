//! The phases: `phases:` read, and once the steps are known, each phase's run of steps (which
//! must be consecutive). Uses validator, keys.

use super::keys;
use super::validator::{Validator, duplicate};
use crate::diag::{Diagnostic, quote};
use crate::limits;
use crate::model::{Phase, Step, StepId};
use crate::parse::Node;
use crate::span::Span;
use foldhash::{HashMap, HashMapExt};

impl Validator<'_> {
    pub(super) fn phases(&mut self, node: &Node) -> Vec<Phase> {
        let mut phases: Vec<Phase> = Vec::new();
        // Index of ids already seen, so thousands of phases stay linear.
        let mut seen: HashMap<String, Span> = HashMap::new();
        let Some(list) = self.list(node, "`phases`", limits::MAX_STEPS, "MAX_STEPS") else {
            return phases;
        };
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
            phases.push(Phase {
                id,
                label,
                description,
                steps: None,
            });
        }
        phases
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
