//! Layout: a validated [`Blueprint`] becomes a [`Layout`], plain positioned data that render only
//! reads. Text arrives measured and wrapped, with baselines; boxes carry their `data-*` ids.
//! Uses `model`, `theme` (font sizes and metrics only), `geom` and `text`.
//!
//! The contract, the data render reads, is `contract.rs` (re-exported here); `typeset.rs` wraps
//! and places text for every stage. The stages, one file each: `cells.rs` builds the item cards,
//! `grid.rs` sizes columns, lanes and headers and places the phase row, `handoff.rs` finds the
//! flows drawn straight down a column, `spans.rs` stacks and widens the cards that span steps
//! (format 1.1 `until`), `route.rs` routes the others in the gutters (with `ports.rs`, where
//! flows meet card sides, and `tracks.rs`, the order of a gutter's tracks), `emotion.rs` sizes
//! the emotion band and draws its curves, `loops.rs` the phases' loops above the phase row,
//! `decor.rs` adds the zone lines and legend. This file is the orchestrator: [`layout`] chains
//! the stages; [`layout_cut`] lays out a
//! cut blueprint with stand-ins for what its stubs reach (`stubs.rs`).

mod cells;
mod contract;
mod decor;
mod emotion;
mod loops;
mod grid;
mod handoff;
mod insight;
mod notes;
mod ports;
mod route;
mod spans;
mod tracks;
mod stubs;
mod typeset;
mod variants;
#[cfg(test)]
pub(crate) mod testkit;
#[cfg(test)]
pub(crate) mod testgen;
#[cfg(test)]
mod tests;
/// The hotel example of format.md, built in Rust (test builds only).
#[cfg(test)]
pub(crate) fn tests_hotel() -> Blueprint {
    tests::hotel()
}
/// The format 1.1 insight blueprint of the CLI tests (test builds only).
#[cfg(test)]
pub(crate) fn tests_insight() -> Blueprint {
    tests::insight()
}
/// Named blueprints to render and look at (test builds only).
#[cfg(test)]
pub(crate) fn tests_gallery() -> Vec<(String, Blueprint)> {
    tests::gallery()
}

pub use contract::{
    Badge, CardInsight, CardMore, Column, Continues, Cubic, CurveLine, DrawnText, EmotionCurve,
    EmotionLabel, EmotionPoint, EmotionRun, FlowLabel, FlowMore, FlowNote, FlowPath, GLYPH_REACH,
    InsightRule, ItemBox, LaneBand, Layout, Legend, LegendEntry, LegendKind, Level, LoopArc,
    MapGlyph, Mark, MarkGlyph, PhaseBand, StubEnd, TagChip, Text, TextLine, TextPart, VariantBadge,
    ZoneRule,
};
pub use notes::number_notes;

use crate::geom::Size;
use crate::model::Blueprint;
use crate::text::Measure;
use crate::theme::Theme;
use typeset::Typeset;

/// Lays out `bp` with `theme`'s sizes and metrics, measuring text with `measure`. Pure: the same
/// inputs give the same `Layout`.
pub fn layout(bp: &Blueprint, theme: &Theme, measure: &Measure) -> Layout {
    place(bp, false, theme, measure)
}

/// Lays out a cut blueprint and its stubs: each stub is drawn as an arrow to (or from) a
/// stand-in card where its outside end lies, in the column of that end's step if the cut kept
/// it, else in a stand-in column where the omitted steps were; likewise for lanes. Without
/// stubs, the same as [`layout`].
pub fn layout_cut(cut: &crate::cut::Cutout, theme: &Theme, measure: &Measure) -> Layout {
    let mut l = if cut.stubs.is_empty() {
        layout(&cut.blueprint, theme, measure)
    } else {
        let ghosts = stubs::Ghosts::new(&cut.blueprint, &cut.stubs);
        let mut l = place(&ghosts.bp, ghosts.any(), theme, measure);
        ghosts.split(&mut l);
        l
    };
    l.variant = cut.variant.clone();
    l
}

/// The width of each column and every item's card at its column's width. Wrapping text is
/// most of layout's work and each card is independent, so the items from `split` on are done
/// on another thread with its own measurer ([`Measure::fork`]). Widths are a function of the
/// text alone, so the result is the same as on one thread. `widen` may widen columns (for the
/// labels of hand-offs) before any card is wrapped.
fn cards(
    bp: &Blueprint,
    ts: &Typeset,
    f: &crate::theme::Fonts,
    split: usize,
    widen: impl FnOnce(&mut [f64]),
) -> (Vec<f64>, Vec<ItemBox>) {
    let n = bp.items.len();
    let split = split.min(n);
    let fork = ts.measure.fork();
    let other = Typeset {
        measure: &fork,
        m: ts.m,
    };
    let id = |i: usize| crate::model::ItemId(i as u32);
    // Each thread keeps its half of the unwrapped cards for its half of the wrapped ones. The
    // first half of the wrapped cards is collected into a vector with room for all `n`, so the
    // second half is moved in once instead of the first being copied into a larger one.
    let naturals = |ts: &Typeset, from: usize, to: usize| {
        let mut v = Vec::with_capacity(to - from);
        v.extend((from..to).map(|i| cells::natural(bp, id(i), ts, f)));
        v
    };
    let (first, second) = crate::parallel::both(
        || naturals(ts, 0, split),
        || naturals(&other, split, n),
        split < n,
    );
    let all = first.iter().chain(&second).map(|nat| nat.width);
    let mut widths = grid::column_widths(bp, ts, f, all);
    widen(&mut widths);
    let names = cells::Names::new(bp);
    // A spanning card is wrapped to its columns and the narrowest gutters between them.
    let prefix = spans::Prefix::new(&widths);
    let cards = |ts: &Typeset, from: usize, room: usize, naturals: Vec<cells::Natural>| {
        let mut v = Vec::with_capacity(room);
        v.extend((from..).zip(naturals).map(|(i, nat)| {
            let width = match spans::cols(bp, i) {
                (s, u) if u > s => spans::wrap_width(&prefix, s, u, ts.m),
                (s, _) => widths[s],
            };
            cells::card(bp, id(i), ts, f, width, &names, nat)
        }));
        v
    };
    let (mut items, rest) = crate::parallel::both(
        || cards(ts, 0, n, first),
        || cards(&other, split, 0, second),
        split < n,
    );
    items.extend(rest);
    ts.measure.absorb(fork);
    (widths, items)
}

/// [`layout`], with a legend entry for stand-ins when `stand_ins`.
fn place(bp: &Blueprint, stand_ins: bool, theme: &Theme, measure: &Measure) -> Layout {
    let ts = Typeset {
        measure,
        m: &theme.metrics,
    };
    let f = &theme.fonts;
    let m = &theme.metrics;

    // 1. Columns: widths from content, then every card of a column wrapped at that width.
    //    Hand-offs down a column are found from the blueprint and those widths, and widen a
    //    column where a label beside its run would have less room than its widest word.
    let n = bp.items.len();
    let two = n >= crate::parallel::TWO_THREADS_FROM;
    let mut hand = Vec::new();
    let word = |k: usize| {
        bp.flows[k].label.as_ref().map(|l| {
            let widest = l
                .value
                .split_whitespace()
                .map(|w| ts.natural(w, f.flow_label, false))
                .fold(0.0, f64::max);
            widest.min(m.flow_label_max) + 2.0 * m.flow_label_pad
        })
    };
    let (widths, mut items) = cards(bp, &ts, f, if two { n / 2 } else { n }, |w| {
        hand = handoff::find(bp, w, word, m);
    });

    // 2. Hand-off labels wrap to the room beside their run, the others' to the theme's width.
    //    Cells then stack their cards (offsets inside each lane's content area), stacked
    //    hand-offs with room for an arrow.
    //    A flow that loops out of a column and back into it pays twice for every px its label
    //    widens the gutter (a loop a track further out reads as a detour): its label wraps
    //    narrower, to its widest word or half the theme's width, standing taller on its run
    //    (on two lines at most).
    let same_column = |fl: &crate::model::Flow| {
        bp.items[fl.from.0 as usize].step == bp.items[fl.to.0 as usize].step
    };
    let labels: Vec<Option<Text>> = bp
        .flows
        .iter()
        .zip(&hand)
        .enumerate()
        .map(|(k, (fl, h))| {
            let room = h.map_or(m.flow_label_max, |h| {
                let w = widths[bp.items[h.upper].step.0 as usize];
                (h.label_room(w, m) - 2.0 * m.flow_label_pad).min(m.flow_label_max)
            });
            let block = |l: &crate::span::Spanned<String>, room: f64| {
                ts.block(&l.value, f.flow_label, false, room.max(1.0), 0.0, 0.0)
            };
            fl.label.as_ref().map(|l| match word(k) {
                Some(w) if h.is_none() && same_column(fl) => {
                    let narrow = (w - 2.0 * m.flow_label_pad).max(m.flow_label_max / 2.0);
                    let t = block(l, room.min(narrow));
                    // Two lines at most: a taller label finds no clear height in a short lane.
                    if t.lines.len() <= 2 {
                        t
                    } else {
                        block(l, room)
                    }
                }
                _ => block(l, room),
            })
        })
        .collect();
    let label_h = |k: usize| {
        labels[k]
            .as_ref()
            .map(|t| t.rect.h + 2.0 * m.flow_label_pad)
    };
    let gaps = handoff::gaps_above(bp, &hand, label_h, m);
    let ends = ports::all_sides(bp, &hand);
    ports::grow_for_ports(bp, &hand, &ends, &labels, &mut items, m);
    let mut stack = grid::stack(bp, &mut items, &widths, &gaps, &ts, f);

    // 3. Flows are planned on the abstract grid; the plan sizes gutters and channels. Where two
    //    stubs across a gutter could not be pulled a spacing apart, their cards had no room
    //    left on that side: they grow by a spacing and the flows are planned again (a few
    //    rounds at most; rare, and never in the samples). A grown card spreads its ports over
    //    its side (`spread`), so the runs between them lengthen and the stubs stand apart.
    let mut spread = vec![false; items.len()];
    let mut plan = route::plan(bp, (&items, &spread), &stack, &labels, &hand, &ends, m);
    for _ in 0..3 {
        if plan.cramped.is_empty() {
            break;
        }
        for &i in &plan.cramped {
            items[i].rect.h += m.track_spacing;
            spread[i] = true;
        }
        stack = grid::stack(bp, &mut items, &widths, &gaps, &ts, f);
        plan = route::plan(bp, (&items, &spread), &stack, &labels, &hand, &ends, m);
    }

    // 4. Labels go where they fit on their runs, which needs the real heights: a first placement
    //    gives them (heights below the title do not depend on gutter widths, only shift with
    //    the title's wrapping, so labels are kept relative to the first lane's top).
    //    Without labels, the gutters keep the tracks as `plan` packed them.
    let lane_labels = grid::lane_labels(bp, &ts, f);
    let emotion_h = emotion::band_size(bp, &ts, f, lane_labels.0, &stack.col_w);
    if labels.iter().any(Option::is_some) {
        let g0 = grid::place(
            bp,
            &ts,
            theme,
            &stack,
            plan.room(),
            lane_labels.clone(),
            emotion_h,
        );
        let item_y: Vec<f64> = (0..items.len())
            .map(|i| g0.item_origin(bp, i, &stack).1)
            .collect();
        plan.place_labels(bp, &g0, &item_y, &labels, m);
    }

    // 5. Place everything.
    let mut g = grid::place(bp, &ts, theme, &stack, plan.room(), lane_labels, emotion_h);
    for (i, it) in items.iter_mut().enumerate() {
        let (dx, dy) = g.item_origin(bp, i, &stack);
        cells::translate(it, dx, dy);
    }
    spans::stretch(bp, &mut items, &g.col_x, &g.col_w, m.item_pad_x);
    let flows = route::realize(bp, &plan, &g, &items, labels, m);
    for (c, s) in g.columns.iter_mut().zip(&bp.steps) {
        if !s.variants.is_all() {
            c.variant = Some(bp.variant_ids(s.variants).join(" "));
        }
    }

    // Routing gives one path per flow, in order: the kind and note go beside them.
    let flow_more: Vec<FlowMore> = bp
        .flows
        .iter()
        .enumerate()
        .filter(|(_, fl)| fl.needs || fl.note.is_some())
        .map(|(index, fl)| FlowMore {
            index,
            needs: fl.needs,
            note: fl.note.as_ref().map(|n| n.value.clone()),
        })
        .collect();
    let zone_lines = decor::zone_lines(bp, &g, &ts, f);
    let insight_rule = insight::rule(bp, &g, &ts, f);
    let loops = loops::arcs(bp, &g.phases, &ts, f);
    let phases = std::mem::take(&mut g.phases);
    let emotion = emotion::curve(bp, &g, &ts, f);
    let mut bottom = g.lanes_bottom;
    let legend = decor::legend(
        bp,
        &items,
        &flows,
        emotion.is_some(),
        &flow_more
            .iter()
            .filter(|fm| fm.needs)
            .map(|fm| fm.index)
            .collect::<Vec<_>>(),
        stand_ins,
        &ts,
        f,
        m.margin,
        bottom + m.legend_gap,
        g.width - 2.0 * m.margin,
    );
    if let Some(l) = &legend {
        bottom = l.rect.bottom();
        g.width = g.width.max(l.rect.right() + m.margin);
    }
    Layout {
        size: Size {
            w: g.width,
            h: bottom + m.margin,
        },
        title_text: bp.title.value.clone(),
        subtitle_text: bp.subtitle.as_ref().map(|s| s.value.clone()),
        title: std::mem::take(&mut g.title),
        subtitle: std::mem::take(&mut g.subtitle),
        lanes: std::mem::take(&mut g.lanes),
        columns: std::mem::take(&mut g.columns),
        phases,
        items,
        zone_lines,
        flows,
        emotion,
        legend,
        radius: m.item_radius,
        arrow: m.arrow,
        stub_columns: Vec::new(),
        stub_lanes: Vec::new(),
        stubs: Vec::new(),
        flow_more,
        variant: None,
        insight_rule,
        notes: Vec::new(),
        notes_numbered: false,
        loops,
    }
}
