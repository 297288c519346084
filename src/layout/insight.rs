//! Format 1.1's insight parts of a card and of the grid: the lane kind's glyph and a pain card's
//! tint, the tag chips at the card's foot, the touch-point badge on its corner, the "continues
//! in" glyph after its words (`map`), and the plain rule over the insight zone.
//! Uses `model`, `theme` (sizes) and the layout's `Typeset` and `Grid`.

use super::contract::{CardInsight, InsightRule, ItemBox, MapGlyph, TagChip, Text};
use super::grid::Grid;
use super::typeset::Typeset;
use crate::geom::{Point, Rect};
use crate::model::{Blueprint, Item, LaneKind, Zone};
use crate::theme::Fonts;

/// Room inside a chip, left and right of its words.
fn chip_pad(ts: &Typeset) -> f64 {
    ts.m.mark_gap / 1.5
}

/// The side of the "continues in" glyph.
fn map_side(ts: &Typeset, f: &Fonts) -> f64 {
    (ts.line_height(f.item) * 0.75).round()
}

/// The tags of `it`, as (id, place among the declared tags).
fn tags<'a>(bp: &'a Blueprint, it: &'a Item) -> impl Iterator<Item = (&'a str, usize)> + 'a {
    it.details.iter().flat_map(move |d| {
        d.tags.iter().filter_map(move |t| {
            let i = t.value as usize;
            bp.tags.get(i).map(|tag| (tag.id.value.as_str(), i))
        })
    })
}

/// The width the card's chips need unwrapped (the widest chip): a card is never narrower.
pub(super) fn natural_width(bp: &Blueprint, it: &Item, ts: &Typeset, f: &Fonts) -> f64 {
    tags(bp, it)
        .map(|(id, _)| ts.natural(id, f.note, false) + 2.0 * chip_pad(ts))
        .fold(0.0, f64::max)
}

/// The map glyph of `it` after its words `text` (the last line's end when there is room in
/// `x..x + inner`, else a line of its own under the words), and the words' new bottom.
pub(super) fn map_glyph(
    it: &Item,
    text: &Text,
    ts: &Typeset,
    f: &Fonts,
    x: f64,
    inner: f64,
) -> Option<(MapGlyph, f64)> {
    let path = it.details.as_ref()?.map.as_ref()?.value.clone();
    let side = map_side(ts, f);
    let lh = ts.line_height(f.item);
    let gap = ts.m.mark_gap / 2.0;
    let (end, top) = match text.lines.last() {
        Some(l) => (l.x + l.width + gap, text.rect.bottom() - lh),
        None => (x, text.rect.y),
    };
    let (gx, line_top, bottom) = if end + side <= x + inner {
        (end, top, text.rect.bottom())
    } else {
        (x, text.rect.bottom(), text.rect.bottom() + lh)
    };
    let rect = Rect::new(gx, line_top + (lh - side) / 2.0, side, side);
    Some((MapGlyph { path, rect }, bottom))
}

/// The chips of `it`'s tags from `*y` down, wrapped to `inner` from `x`; `*y` moves past them.
pub(super) fn chips(
    bp: &Blueprint,
    it: &Item,
    ts: &Typeset,
    f: &Fonts,
    x: f64,
    inner: f64,
    y: &mut f64,
) -> Vec<TagChip> {
    let pad = chip_pad(ts);
    let gap = ts.m.mark_gap / 2.0;
    let mut out: Vec<TagChip> = Vec::new();
    let (mut cx, mut row_top, mut row_bottom) = (x, *y + ts.m.mark_gap, *y + ts.m.mark_gap);
    for (id, slot) in tags(bp, it) {
        let text = ts.block(id, f.note, false, inner - 2.0 * pad, 0.0, 0.0);
        let (w, h) = (text.rect.w + 2.0 * pad, text.rect.h + 2.0);
        if cx > x && cx + w > x + inner {
            cx = x;
            row_top = row_bottom + gap;
        }
        let rect = Rect::new(cx, row_top, w, h);
        let mut text = text;
        text.translate(cx + pad, row_top + 1.0);
        row_bottom = row_bottom.max(rect.bottom());
        cx += w + gap;
        out.push(TagChip {
            id: id.to_string(),
            slot,
            rect,
            text,
        });
    }
    if !out.is_empty() {
        *y = row_bottom;
    }
    out
}

/// The card's insight parts, once its box `card` (at the origin) is known: the kind's glyph on
/// the top-left corner (a pain card's tint under its words), the touch-point badge beside it
/// (on the corner when there is no kind); with `tags` and `map` from above. `None` when the card has none of them.
pub(super) fn finish(
    bp: &Blueprint,
    it: &Item,
    ts: &Typeset,
    f: &Fonts,
    card: Rect,
    tags: Vec<TagChip>,
    map: Option<MapGlyph>,
) -> Option<Box<CardInsight>> {
    let kind = bp.lane(it.lane).kind.as_ref().map(|k| k.value);
    let touchpoint = it.details.as_ref().and_then(|d| d.touchpoint.as_ref());
    if kind.is_none() && touchpoint.is_none() && tags.is_empty() && map.is_none() {
        return None;
    }
    let r = ts.m.mark_radius;
    let left = card.x + r + ts.m.item_pad_x / 2.0;
    // Both on the top edge, half outside, over no words: the kind first, then the badge.
    let badge_x = if kind.is_some() {
        left + 2.0 * r + ts.m.mark_gap
    } else {
        left
    };
    let badge = touchpoint.map(|tp| ts.badge(tp.value, Point::new(badge_x, card.y), r, f));
    Some(Box::new(CardInsight {
        kind: kind.map(|k| (k, Point::new(left, card.y))),
        tint: (kind == Some(LaneKind::Pain)).then_some(card),
        r,
        tags,
        touchpoint: badge,
        map,
    }))
}

/// Moves a card's insight parts by `dx, dy`.
pub(super) fn translate(b: &mut ItemBox, dx: f64, dy: f64) {
    let Some(c) = &mut b.insight else { return };
    let at = |p: Point| Point::new(p.x + dx, p.y + dy);
    if let Some((_, p)) = &mut c.kind {
        *p = at(*p);
    }
    if let Some(t) = &mut c.tint {
        *t = t.translate(dx, dy);
    }
    for chip in &mut c.tags {
        chip.rect = chip.rect.translate(dx, dy);
        chip.text.translate(dx, dy);
    }
    if let Some(badge) = &mut c.touchpoint {
        badge.center = at(badge.center);
        badge.letter.translate(dx, dy);
    }
    if let Some(m) = &mut c.map {
        m.rect = m.rect.translate(dx, dy);
    }
}

/// The plain rule over the first lane of the insight zone, labelled "Insights" just above it
/// in the label gutter (as the zone lines are); `None` when no lane is an insight lane, or
/// when one is the top lane (nothing above to set it off from).
pub(super) fn rule(bp: &Blueprint, g: &Grid, ts: &Typeset, f: &Fonts) -> Option<InsightRule> {
    let j = bp.lanes.iter().position(|l| l.zone == Zone::Insight)?;
    if j == 0 {
        return None;
    }
    let (x0, x1) = g.lanes_x();
    let y = g.lanes[j].rect.y;
    let lh = ts.line_height(f.zone_line);
    let label = ts.block(
        Zone::Insight.default_label(),
        f.zone_line,
        false,
        g.label_w,
        x0 + ts.m.lane_label_pad,
        y - lh - ts.m.lane_pad / 2.0,
    );
    Some(InsightRule { y, x0, x1, label })
}
