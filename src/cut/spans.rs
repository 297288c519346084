//! Spanning cards (format 1.1 `until`) in a cut: kept where their lane and any step they cover
//! are, from the first kept step they cover to the last, with the sides the cut clipped.

use crate::model::{Blueprint, Item, ItemId, StepId};
use crate::span::Spanned;
use std::collections::HashMap;

/// Spanning cards (format 1.1 `until`) in a cut: each is kept when its lane and any step it
/// covers are, from the first kept step it covers to the last, clipped where the cut left out
/// its first or last step (the card then carries a "continues" chevron on that side).
pub(super) struct Spans {
    /// The first kept step at or after each step (`None` past the last kept one).
    next_kept: Vec<Option<usize>>,
    /// The last kept step at or before each step.
    prev_kept: Vec<Option<usize>>,
    /// The spanning cards whose own step is left out, by the kept step and lane they start
    /// at in the cut, in blueprint order.
    pub(super) arriving: HashMap<(usize, usize), Vec<ItemId>>,
}

impl Spans {
    pub(super) fn new(bp: &Blueprint, keep_steps: &[bool], keep_lanes: &[bool]) -> Spans {
        let n = keep_steps.len();
        let mut next_kept = vec![None; n];
        let mut next = None;
        for i in (0..n).rev() {
            if keep_steps[i] {
                next = Some(i);
            }
            next_kept[i] = next;
        }
        let mut prev_kept = vec![None; n];
        let mut prev = None;
        for i in 0..n {
            if keep_steps[i] {
                prev = Some(i);
            }
            prev_kept[i] = prev;
        }
        let mut arriving: HashMap<(usize, usize), Vec<ItemId>> = HashMap::new();
        for (i, it) in bp.items.iter().enumerate() {
            let (s, u, l) = (
                it.step.0 as usize,
                it.last_step().0 as usize,
                it.lane.0 as usize,
            );
            if keep_steps[s] || !keep_lanes[l] {
                continue;
            }
            if let Some(first) = next_kept[s].filter(|&f| f <= u) {
                arriving
                    .entry((first, l))
                    .or_default()
                    .push(ItemId(i as u32));
            }
        }
        Spans {
            next_kept,
            prev_kept,
            arriving,
        }
    }

    /// `item` (the cut's copy of `old`) ends at the last kept step it covers; a card moved to a
    /// later first step keeps its name as its id (`data-id` and flows name it as before).
    pub(super) fn clip(
        &self,
        bp: &Blueprint,
        old: ItemId,
        item: &mut Item,
        step_map: &[Option<u32>],
    ) {
        let it = bp.item(old);
        let Some(until) = it.until() else { return };
        let (s, u) = (it.step.0 as usize, until.step.0 as usize);
        let before = self.next_kept[s] != Some(s);
        let last = self.prev_kept[u].unwrap_or(s);
        if before && item.id.is_none() {
            item.id = Some(Box::new(Spanned::new(bp.item_ref(old), it.text.span)));
        }
        if let Some(d) = &mut item.details
            && let Some(until) = &mut d.until
        {
            until.step = StepId(step_map[last].unwrap_or(0));
            until.clipped = [before, last != u];
        }
    }
}
