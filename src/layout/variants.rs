//! Variant badges (format 1.1): a card that exists only in some variants of the service (its
//! own `variant`, or its step's) carries a row of small outlined pills at its top, each the
//! variant's id in bold; the legend maps each id drawn to its variant's label. Uses `model`,
//! `theme` and the layout's `Typeset`.

use super::contract::{Text, VariantBadge};
use super::typeset::Typeset;
use crate::geom::Rect;
use crate::model::{Blueprint, ItemId};
use crate::theme::Fonts;

/// Room between a pill's border and its id, across and up and down (px).
const PAD_X: f64 = 4.0;
const PAD_Y: f64 = 1.5;

/// The ids of the variants item `id` exists in, when not all: its own and its step's (its
/// own alone when they share none, so the card still says what it was given).
pub(super) fn ids(bp: &Blueprint, id: ItemId) -> Vec<&str> {
    let set = bp
        .variants_of(id)
        .unwrap_or_else(|| bp.item(id).own_variants());
    bp.variant_ids(set)
}

/// The width of the badge row with nothing wrapped.
pub(super) fn natural(ids: &[&str], ts: &Typeset, f: &Fonts) -> f64 {
    let gap = ts.m.mark_gap;
    ids.iter()
        .map(|id| ts.natural(id, f.badge, true) + 2.0 * PAD_X + gap)
        .sum::<f64>()
        - gap
}

/// The badges of `ids` in rows from `x, y`, wrapped at `inner` wide; and the bottom of the
/// last row (`y` when there is none).
pub(super) fn badges(
    ids: &[&str],
    ts: &Typeset,
    f: &Fonts,
    x: f64,
    y: f64,
    inner: f64,
) -> (Vec<VariantBadge>, f64) {
    let gap = ts.m.mark_gap;
    let (mut cx, mut cy, mut bottom) = (x, y, y);
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        // An id longer than the card wraps inside its pill, never past the card.
        let mut text = ts.block(id, f.badge, true, (inner - 2.0 * PAD_X).max(1.0), 0.0, 0.0);
        let (w, h) = (text.rect.w + 2.0 * PAD_X, text.rect.h + 2.0 * PAD_Y);
        if cx > x && cx + w > x + inner {
            cx = x;
            cy = bottom + gap / 2.0;
        }
        text.translate(cx + PAD_X, cy + PAD_Y);
        out.push(VariantBadge {
            id: (*id).to_string(),
            rect: Rect::new(cx, cy, w, h),
            text,
        });
        bottom = bottom.max(cy + h);
        cx += w + gap;
    }
    (out, bottom)
}

/// A legend symbol's pill: the id's text centred in `symbol` (made as wide as the id needs).
pub(super) fn legend_glyph(id: &str, ts: &Typeset, f: &Fonts) -> (f64, Text) {
    let text = ts.block(id, f.badge, true, f64::MAX, 0.0, 0.0);
    (text.rect.w + 2.0 * PAD_X, text)
}
