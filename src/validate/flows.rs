//! The flows: each written flow's ends resolved to items, and the automatic customer path.
//! Uses validator, lanes, refs, keys.

use super::keys;
use super::lanes::LaneSet;
use super::refs;
use super::validator::Validator;
use crate::diag::Diagnostic;
use crate::limits;
use crate::model::{Flow, FlowStyle, Item, ItemId, Lane, MarkKind, Step, Zone};
use crate::parse::Node;
use crate::span::Span;

impl Validator<'_> {
    pub(super) fn flows(
        &mut self,
        node: &Node,
        steps: &[Step],
        lanes: &LaneSet,
        items: &[Item],
        ids: &refs::Ids,
    ) -> Vec<Flow> {
        let mut flows = Vec::new();
        let Some(list) = self.list(node, "`flows`", limits::MAX_FLOWS, "MAX_FLOWS") else {
            return flows;
        };
        let resolver = refs::Resolver::new(steps, lanes, items, ids);
        for n in list {
            let Some((f, _)) = self.fields(n, keys::FLOW, "a flow", false) else {
                continue;
            };
            let from = f.get("from").and_then(|(_, v)| resolver.resolve(self, v));
            let to = f.get("to").and_then(|(_, v)| resolver.resolve(self, v));
            let label = self.opt_text(f.get("label").map(|x| x.1), "the flow label");
            let style = f
                .get("style")
                .and_then(|(_, v)| self.word(v, "the flow style", keys::STYLES, "unknown-style"))
                .map_or(FlowStyle::Solid, |s| {
                    if s.value == "dashed" {
                        FlowStyle::Dashed
                    } else {
                        FlowStyle::Solid
                    }
                });
            // Format 1.1: a dependency is dashed unless `style` says otherwise.
            let needs = f
                .get("kind")
                .and_then(|(_, v)| self.word(v, "the flow kind", keys::FLOW_KINDS, "unknown-kind"))
                .is_some_and(|k| k.value == "needs");
            let style = if needs && f.get("style").is_none() {
                FlowStyle::Dashed
            } else {
                style
            };
            let note = self
                .opt_text(f.get("note").map(|x| x.1), "the flow note")
                .map(Box::new);
            let both = f
                .get("both")
                .and_then(|(_, v)| self.bool(v, "`both`"))
                .unwrap_or(false);
            let (Some(from), Some(to)) = (from, to) else {
                continue;
            };
            if from == to {
                // Both keys were read, or there would be no `from` and `to`.
                if let (Some((_, fv)), Some((_, tv))) = (f.get("from"), f.get("to")) {
                    let d =
                        Diagnostic::error("self-flow", "a flow cannot go from an item to itself")
                            .with_label(tv.span, "this is the same item…")
                            .with_other(fv.span, "…as this")
                            .with_help("point `to` at another item");
                    self.error(d);
                }
                continue;
            }
            flows.push(Flow {
                from,
                to,
                label,
                style,
                both,
                customer_path: false,
                needs,
                note,
                span: n.span,
            });
        }
        flows
    }
}

/// Adds the automatic customer path: arrows between consecutive items of the customer lane
/// (the lane `customer`, else the first lane of the customer zone), in step order, skipping
/// pairs a written flow already joins.
pub(super) fn customer_path(lanes: &[Lane], items: &[Item], span: Span, flows: &mut Vec<Flow>) {
    let lane = lanes
        .iter()
        .position(|l| l.id.value == "customer")
        .or_else(|| lanes.iter().position(|l| l.zone == Zone::Customer));
    let Some(lane) = lane else { return };
    let written: std::collections::HashSet<(ItemId, ItemId)> = flows
        .iter()
        .flat_map(|f| [(f.from, f.to), (f.to, f.from)])
        .collect();
    let path: Vec<ItemId> = items
        .iter()
        .enumerate()
        .filter(|(_, it)| it.lane.0 as usize == lane)
        .map(|(i, _)| ItemId(i as u32))
        .collect();
    for pair in path.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        if written.contains(&(from, to)) {
            continue;
        }
        flows.push(Flow {
            from,
            to,
            label: None,
            style: FlowStyle::Solid,
            both: false,
            customer_path: true,
            needs: false,
            note: None,
            span,
        });
    }
}

impl Validator<'_> {
    /// Warns of each item marked `branch` with fewer than two outgoing flows (a two-way flow
    /// leaves from both its ends).
    pub(super) fn branches(&mut self, items: &[Item], flows: &[Flow]) {
        for (i, it) in items.iter().enumerate() {
            let Some(mark) = it
                .details
                .as_ref()
                .and_then(|d| d.marks.iter().find(|m| m.value == MarkKind::Branch))
            else {
                continue;
            };
            let id = ItemId(i as u32);
            let out = flows
                .iter()
                .filter(|f| f.from == id || (f.both && f.to == id))
                .count();
            if out < 2 {
                let d = Diagnostic::warning(
                    "branch-without-branches",
                    format!("the item is marked `branch` but {out} flow(s) leave it"),
                )
                .with_label(mark.span, "a branch needs two outgoing flows or more")
                .with_help("add the flows to each path it branches into, or remove the mark");
                self.error(d);
            }
        }
    }
}
