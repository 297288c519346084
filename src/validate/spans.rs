//! Spanning cards (format 1.1 `until`): each item's `until` resolved to a step once every step
//! is read (it names a later one), checked to lie at or after the item's own step, and the
//! `empty-step` warning, which a step covered by a spanning card does not get.
//! Uses validator, refs.

use super::refs;
use super::validator::Validator;
use crate::diag::{Diagnostic, quote};
use crate::model::{Item, Step, StepId, Until};

impl Validator<'_> {
    /// Resolves the `until` of every item read ([`Validator::untils`]): `unknown-ref` (with
    /// did-you-mean over the step ids), `span-backwards`, warning `span-single-step`.
    pub(super) fn spans(&mut self, steps: &[Step], items: &mut [Item], ids: &refs::Ids) {
        let untils = std::mem::take(&mut self.untils);
        if untils.is_empty() {
            return;
        }
        let names: Vec<&str> = steps.iter().map(|s| s.id.value.as_str()).collect();
        for (item_no, written) in untils {
            let item = &mut items[item_no.0 as usize];
            let own = &steps[item.step.0 as usize].id;
            let step = match ids.step(&written.value) {
                Ok(s) => s,
                Err(is_item) => {
                    let (msg, label) = if is_item {
                        (
                            format!("{} is an item, not a step", quote(&written.value)),
                            "`until` names a step id",
                        )
                    } else {
                        (
                            format!("unknown step {}", quote(&written.value)),
                            "no step has this id",
                        )
                    };
                    let fallback = format!("the steps are: {}", refs::short_list(&names));
                    let help = self.help_for(&written.value, &names, fallback);
                    let d = Diagnostic::error("unknown-ref", msg)
                        .with_label(written.span, label)
                        .with_help(help);
                    self.error(d);
                    continue;
                }
            };
            if step < item.step {
                let d = Diagnostic::error(
                    "span-backwards",
                    format!(
                        "the card runs until step {}, which comes before its own step {}",
                        quote(&written.value),
                        quote(&own.value)
                    ),
                )
                .with_label(written.span, "an earlier step")
                .with_other(own.span, "the item's own step")
                .with_help(format!(
                    "a spanning card starts at its own step: move it to step {} and write \
                     `until: {}`",
                    quote(&written.value),
                    own.value
                ));
                self.error(d);
                continue;
            }
            if step == item.step {
                let d = Diagnostic::warning(
                    "span-single-step",
                    format!(
                        "`until` names the item's own step {}: the card spans one step",
                        quote(&own.value)
                    ),
                )
                .with_label(written.span, "its own step")
                .with_help("name a later step, or remove `until`");
                self.error(d);
            }
            item.details.get_or_insert_with(Default::default).until = Some(Until {
                step,
                id: written,
                clipped: [false, false],
            });
        }
    }

    /// Warns of each step of `empty` (steps with no items) that no spanning card covers.
    /// Linear: the spans are added up over the steps with a difference array, not walked.
    pub(super) fn empty_steps(&mut self, steps: &[Step], items: &[Item], empty: &[StepId]) {
        if empty.is_empty() {
            return;
        }
        let mut starts = vec![0i64; steps.len() + 1];
        for it in items.iter().filter(|it| it.spans()) {
            starts[it.step.0 as usize] += 1;
            starts[it.last_step().0 as usize + 1] -= 1;
        }
        let mut covered = Vec::with_capacity(steps.len());
        let mut open = 0;
        for d in &starts[..steps.len()] {
            open += d;
            covered.push(open > 0);
        }
        for s in empty {
            if covered[s.0 as usize] {
                continue;
            }
            let id = &steps[s.0 as usize].id;
            let d = Diagnostic::warning(
                "empty-step",
                format!("step {} has no items in any lane", quote(&id.value)),
            )
            .with_label(id.span, "empty column")
            .with_help("add what happens in this step to at least one lane");
            self.error(d);
        }
    }
}
