//! Decorations around the grid: the three zone lines and the legend of the marks the diagram
//! uses (the emotion curve is `emotion.rs`). Uses `model`, `theme`, `geom` and the
//! grid's positions.

use super::contract::{FlowPath, ItemBox, Legend, LegendEntry, LegendKind, ZoneRule};
use super::grid::Grid;
use super::typeset::Typeset;
use crate::geom::Rect;
use crate::model::{Blueprint, FlowStyle, Impact, LaneKind, MarkKind, Status, Touchpoint};
use crate::theme::Fonts;
use std::borrow::Cow;

/// The zone lines that have lanes on both sides, each at the boundary of its zones' bands, its
/// label just above it in the label gutter.
pub(super) fn zone_lines(bp: &Blueprint, g: &Grid, ts: &Typeset, f: &Fonts) -> Vec<ZoneRule> {
    let m = ts.m;
    let (x0, x1) = g.lanes_x();
    (0..bp.lanes.len())
        .filter_map(|j| {
            let kind = bp.zone_below(j)?;
            let y = g.lanes[j].rect.bottom();
            let lh = ts.line_height(f.zone_line);
            let label = ts.block(
                kind.label(),
                f.zone_line,
                false,
                g.label_w,
                x0 + m.lane_label_pad,
                y - lh - m.lane_pad / 2.0,
            );
            Some(ZoneRule {
                kind,
                y,
                x0,
                x1,
                label,
            })
        })
        .collect()
}

/// The legend at `x, top`, wrapping its entries at `max_w`; `None` when no mark is used.
#[allow(clippy::too_many_arguments)]
pub(super) fn legend(
    bp: &Blueprint,
    items: &[ItemBox],
    flows: &[FlowPath],
    emotion: bool,
    needs: &[usize],
    stand_ins: bool,
    ts: &Typeset,
    f: &Fonts,
    x: f64,
    top: f64,
    max_w: f64,
) -> Option<Legend> {
    let m = ts.m;
    let mut kinds = Vec::new();
    for tp in Touchpoint::ALL {
        // A card's own badge (format 1.1) is the step header's, explained once.
        let on_card = || {
            items.iter().any(|i| {
                i.insight
                    .as_ref()
                    .is_some_and(|c| c.touchpoint.as_ref().is_some_and(|b| b.kind == tp))
            })
        };
        if bp
            .steps
            .iter()
            .any(|s| s.touchpoint.as_ref().is_some_and(|t| t.value == tp))
            || on_card()
        {
            kinds.push(LegendKind::Touchpoint(tp));
        }
    }
    let uses = |k: LegendKind, used: bool, kinds: &mut Vec<LegendKind>| {
        if used {
            kinds.push(k)
        }
    };
    // The plain fail point only where one without an impact is drawn: with impacts alone its
    // swatch (the high impact's red disc) would explain a look the figure does not have.
    uses(
        LegendKind::Fail,
        items
            .iter()
            .any(|i| i.fail.is_some() && i.fail_impact.is_none()),
        &mut kinds,
    );
    // Each impact used (format 1.1), after the plain fail point.
    for i in Impact::ALL {
        uses(
            LegendKind::FailImpact(i),
            items.iter().any(|it| it.fail_impact == Some(i)),
            &mut kinds,
        );
    }
    // The marks and statuses used (format 1.1).
    for mk in MarkKind::ALL {
        uses(
            LegendKind::Mark(mk),
            items.iter().any(|it| {
                it.more
                    .as_ref()
                    .is_some_and(|m| m.marks.iter().any(|g| g.kind == mk))
            }),
            &mut kinds,
        );
    }
    for s in Status::ALL {
        uses(
            LegendKind::Status(s),
            items
                .iter()
                .any(|it| it.more.as_ref().is_some_and(|m| m.status == Some(s))),
            &mut kinds,
        );
    }
    uses(
        LegendKind::Wait,
        items.iter().any(|i| i.wait.is_some()),
        &mut kinds,
    );
    uses(
        LegendKind::Note,
        items.iter().any(|i| !i.note.is_empty()),
        &mut kinds,
    );
    uses(
        LegendKind::Link,
        items.iter().any(|i| i.link.is_some()),
        &mut kinds,
    );
    let drawn = flows.iter().filter(|f| !f.customer_path);
    uses(
        LegendKind::Flow,
        drawn.clone().any(|f| f.style == FlowStyle::Solid),
        &mut kinds,
    );
    uses(
        LegendKind::DashedFlow,
        // A dependency (format 1.1) is dashed too, but has an entry of its own.
        flows
            .iter()
            .enumerate()
            .any(|(i, f)| !f.customer_path && f.style == FlowStyle::Dashed && !needs.contains(&i)),
        &mut kinds,
    );
    uses(
        LegendKind::BothFlow,
        drawn.clone().any(|f| f.both),
        &mut kinds,
    );
    uses(
        LegendKind::CustomerPath,
        flows.iter().any(|f| f.customer_path),
        &mut kinds,
    );
    uses(LegendKind::NeedsFlow, !needs.is_empty(), &mut kinds);
    if bp.curves.is_empty() {
        uses(LegendKind::Emotion, emotion, &mut kinds);
    } else if emotion {
        // One entry per declared curve (format 1.1): its line, dash and point shape.
        kinds.extend((0..bp.curves.len()).map(|k| LegendKind::Curve(k as u8)));
    }
    uses(LegendKind::Stub, stand_ins, &mut kinds);
    // The variants whose badges are drawn (format 1.1), in declaration order.
    for (i, v) in bp.variants.iter().enumerate() {
        let drawn = items.iter().any(|it| {
            it.more
                .as_ref()
                .is_some_and(|m| m.variants.iter().any(|b| b.id == v.id.value))
        });
        uses(LegendKind::Variant(i as u8), drawn, &mut kinds);
    }
    uses(
        LegendKind::Continues,
        items
            .iter()
            .any(|i| i.more.as_ref().is_some_and(|m| !m.continues.is_empty())),
        &mut kinds,
    );
    // Format 1.1: the lane kinds with cards, the "continues in" glyph, the tags on cards.
    let insight = || items.iter().filter_map(|i| i.insight.as_deref());
    for k in LaneKind::ALL {
        uses(
            LegendKind::LaneKind(k),
            insight().any(|c| c.kind.is_some_and(|(x, _)| x == k)),
            &mut kinds,
        );
    }
    uses(
        LegendKind::Map,
        insight().any(|c| c.map.is_some()),
        &mut kinds,
    );
    for i in 0..bp.tags.len() {
        uses(
            LegendKind::Tag(i as u32),
            insight().any(|c| c.tags.iter().any(|t| t.slot == i)),
            &mut kinds,
        );
    }
    if kinds.is_empty() {
        return None;
    }
    let lh = ts.line_height(f.legend);
    let row_h = lh.max(2.0 * m.badge_radius);
    let (x0, y0) = (x + m.legend_pad, top + m.legend_pad);
    let (mut cx, mut cy, mut widest) = (x0, y0, 0.0f64);
    let mut entries = Vec::with_capacity(kinds.len());
    for k in kinds {
        // A variant's symbol is its badge, as wide as its id; its words are its label.
        let variant = match k {
            LegendKind::Variant(i) => bp.variants.get(usize::from(i)),
            _ => None,
        };
        let pill = variant.map(|v| super::variants::legend_glyph(&v.id.value, ts, f));
        let sw = match k {
            LegendKind::Variant(_) => pill.as_ref().map_or(0.0, |p| p.0),
            LegendKind::Flow
            | LegendKind::DashedFlow
            | LegendKind::BothFlow
            | LegendKind::NeedsFlow
            | LegendKind::CustomerPath
            | LegendKind::Emotion
            | LegendKind::Curve(_)
            | LegendKind::Stub => m.legend_symbol,
            // A tag's symbol is its chip: the id on it.
            LegendKind::Tag(i) => ts.natural(tag_id(bp, i), f.badge, true) + 2.0 * m.mark_gap / 1.5,
            _ => 2.0 * m.badge_radius,
        };
        let label = ts.block(&legend_words(bp, k), f.legend, false, max_w, 0.0, 0.0);
        let w = sw + m.phase_gap + label.rect.w;
        if cx > x0 && cx + w > x + max_w - m.legend_pad {
            cx = x0;
            cy += row_h + m.phase_gap;
        }
        let symbol = Rect::new(
            cx,
            cy + (row_h - 2.0 * m.badge_radius) / 2.0,
            sw,
            2.0 * m.badge_radius,
        );
        let letter = match k {
            LegendKind::Touchpoint(t) => t.key()[..1].to_uppercase(),
            LegendKind::Fail | LegendKind::FailImpact(_) => "F".to_string(),
            LegendKind::Tag(i) => tag_id(bp, i).to_string(),
            _ => String::new(),
        };
        let mut glyph = match pill {
            Some((_, mut id)) => {
                id.translate(symbol.cx() - id.rect.w / 2.0, 0.0);
                id
            }
            None => ts.centered(&letter, f.badge, true, symbol.w.max(1.0), symbol.cx(), 0.0),
        };
        glyph.translate(0.0, symbol.cy() - glyph.rect.h / 2.0);
        let mut label = label;
        label.translate(cx + sw + m.phase_gap, cy + (row_h - label.rect.h) / 2.0);
        cx += w;
        widest = widest.max(cx);
        cx += m.legend_spacing;
        entries.push(LegendEntry {
            kind: k,
            symbol,
            glyph,
            label,
        });
    }
    let rect = Rect::new(
        x,
        top,
        widest - x + m.legend_pad,
        cy + row_h + m.legend_pad - top,
    );
    Some(Legend { rect, entries })
}

/// The id of the declared tag `i`.
fn tag_id(bp: &Blueprint, i: u32) -> &str {
    bp.tags.get(i as usize).map_or("", |t| t.id.value.as_str())
}

/// The words of legend entry `k`: a tag's declared label, else [`legend_text`].
fn legend_words(bp: &Blueprint, k: LegendKind) -> Cow<'_, str> {
    match k {
        LegendKind::Tag(i) => Cow::Borrowed(
            bp.tags
                .get(i as usize)
                .map_or("", |t| t.label.value.as_str()),
        ),
        // A curve of some variants only says which (a variant cut keeps only its own).
        LegendKind::Curve(c) => Cow::Owned(match bp.curves.get(usize::from(c)) {
            Some(c) if !c.variants.is_all() => {
                let of: Vec<&str> = c
                    .variants
                    .indices()
                    .filter_map(|i| bp.variants.get(i))
                    .map(|v| v.label.value.as_str())
                    .collect();
                format!("Emotion: {} ({})", c.label.value, of.join(", "))
            }
            Some(c) => format!("Emotion: {}", c.label.value),
            None => "Emotion: ".to_string(),
        }),
        // A variant's words are its label.
        LegendKind::Variant(i) => Cow::Borrowed(
            bp.variants
                .get(usize::from(i))
                .map_or("", |v| v.label.value.as_str()),
        ),
        _ => Cow::Borrowed(legend_text(k)),
    }
}

fn legend_text(k: LegendKind) -> &'static str {
    match k {
        LegendKind::LaneKind(lk) => lk.label(),
        LegendKind::Map => "Continues in another figure (linked)",
        LegendKind::Tag(_) => "",
        LegendKind::Touchpoint(t) => t.label(),
        LegendKind::Fail => "Fail point (cause)",
        LegendKind::FailImpact(Impact::High) => "High-impact fail point",
        LegendKind::FailImpact(Impact::Medium) => "Medium-impact fail point",
        LegendKind::FailImpact(Impact::Low) => "Low-impact fail point (outlined)",
        LegendKind::Wait => "Wait point (length)",
        LegendKind::Note => "Note",
        LegendKind::Link => "Linked item",
        LegendKind::Flow => "Flow",
        LegendKind::DashedFlow => "Flow (dashed)",
        LegendKind::BothFlow => "Two-way flow",
        LegendKind::CustomerPath => "Customer path",
        LegendKind::Emotion => "Customer emotion, 1 (very negative) to 5 (very positive)",
        LegendKind::Curve(_) => "Emotion",
        LegendKind::Stub => "Outside this cut",
        LegendKind::Continues => "Continues past this cut",
        LegendKind::Mark(m) => m.label(),
        LegendKind::Status(s) => s.label(),
        LegendKind::NeedsFlow => "Dependency (needs)",
        // Its words are the variant's label, from the blueprint.
        LegendKind::Variant(_) => "",
    }
}
