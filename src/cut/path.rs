//! The automatic customer path of a cut, drawn again over the kept customer items. Uses
//! `model` and `span`.

use crate::model::{Blueprint, Flow, FlowStyle, ItemId};
use crate::span::Span;
use std::collections::HashSet;

/// The kept items of the customer path's lane (the lane of the first customer-path arrow in
/// `bp`), in order.
pub(super) fn items_of_lane(bp: &Blueprint, item_map: &[Option<ItemId>]) -> Vec<ItemId> {
    let Some(first) = bp.flows.iter().find(|f| f.customer_path) else {
        return Vec::new();
    };
    let lane = bp.item(first.from).lane;
    bp.items
        .iter()
        .enumerate()
        .filter(|(_, it)| it.lane == lane)
        .filter_map(|(i, _)| item_map[i])
        .collect()
}

/// The customer path over the kept items `path`, as validate draws it: consecutive items
/// joined, except pairs a written flow already joins.
pub(super) fn customer_path(path: &[ItemId], span: Span, flows: &mut Vec<Flow>) {
    let written: HashSet<(ItemId, ItemId)> = flows
        .iter()
        .flat_map(|f| [(f.from, f.to), (f.to, f.from)])
        .collect();
    for pair in path.windows(2) {
        if written.contains(&(pair[0], pair[1])) {
            continue;
        }
        flows.push(Flow {
            from: pair[0],
            to: pair[1],
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
