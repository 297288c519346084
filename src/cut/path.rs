//! The automatic customer path of a cut, drawn again over the kept customer items. Uses
//! `model` and `span`.

use crate::model::{Blueprint, Flow, FlowStyle, ItemId, Variants};
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

/// [`customer_path`] for a blueprint of `n` variants (format 1.1): each variant's own path (the
/// items of `path` in it, by `of`), drawn together, never joining two items that share no
/// variant; without variants, the plain path.
pub(super) fn customer_paths(
    path: &[ItemId],
    n: usize,
    of: impl Fn(ItemId) -> Option<Variants>,
    span: Span,
    flows: &mut Vec<Flow>,
) {
    if n == 0 {
        return customer_path(path, span, flows);
    }
    for v in 0..n {
        let own: Vec<ItemId> = path
            .iter()
            .copied()
            .filter(|&i| of(i).is_some_and(|s| s.contains(v)))
            .collect();
        // The pairs drawn for an earlier variant are flows by now: not drawn twice.
        customer_path(&own, span, flows);
    }
}
