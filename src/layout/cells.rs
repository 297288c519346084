//! Item cards: the natural width of an item's content, and the card built at its column's width
//! (text, fail and wait rows, note), positioned at the origin until the grid places it.
//! Uses `model`, `theme` and the layout's `Typeset`.

use super::contract::{CardMore, Continues, ItemBox, Mark, MarkGlyph, Text};
use super::insight;
use super::typeset::Typeset;
use crate::geom::{Point, Rect};
use crate::model::{Blueprint, Impact, Item, ItemId, MarkKind, Status};
use crate::text::Line;
use crate::theme::Fonts;
use std::borrow::Cow;
use std::sync::Arc;

/// An item's card with nothing wrapped: how wide it is, and its text's lines, kept for the card
/// when its column is wide enough for them.
pub(super) struct Natural {
    /// Width of the card, padding included.
    pub width: f64,
    /// The item text's lines, and the least width they stay the same from
    /// ([`crate::text::Measure::wrap_needing`]).
    text: (Vec<Line>, f64),
}

/// The words beside a fail marker: the cause, and for a high or medium impact (format 1.1) the
/// word after it, so the weight is never told by colour alone (low: an outlined marker).
fn fail_words(it: &Item) -> Option<Cow<'_, str>> {
    let cause = it.fail.as_ref()?.value.as_str();
    let word = match it.impact() {
        Some(i @ (Impact::High | Impact::Medium)) => i.key(),
        _ => return Some(Cow::Borrowed(cause)),
    };
    Some(if cause.is_empty() {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(format!("{cause} · {word}"))
    })
}

/// The card of `id` with nothing wrapped.
pub(super) fn natural(bp: &Blueprint, id: ItemId, ts: &Typeset, f: &Fonts) -> Natural {
    let it = bp.item(id);
    let m = ts.m;
    let marker = 2.0 * m.mark_radius + m.mark_gap;
    let text = ts.unwrapped(&it.text.value, f.item, false);
    let mut w = text.0.iter().map(|l| l.width).fold(0.0, f64::max);
    if let Some(c) = fail_words(it) {
        w = w.max(marker + ts.natural(&c, f.mark, false));
    }
    if let Some(c) = &it.wait {
        w = w.max(marker + ts.natural(&c.value, f.mark, false));
    }
    if let Some(n) = &it.note {
        w = w.max(m.mark_gap + ts.natural(&n.value, f.note, false));
    }
    if let Some(o) = it.details.as_ref().and_then(|d| d.owner.as_ref()) {
        w = w.max(ts.natural(&o.value, f.note, false));
    }
    if !bp.variants.is_empty() {
        w = w.max(super::variants::natural(
            &super::variants::ids(bp, id),
            ts,
            f,
        ));
    }
    let (left, right) = chevron_room(it, m);
    w = w.max(insight::natural_width(bp, it, ts, f));
    Natural {
        width: w + 2.0 * m.item_pad_x + left + right,
        text,
    }
}

/// The room a "continues" chevron takes inside each side of a card a cut clipped (format 1.1
/// `until`): its disc and a gap before the words.
fn chevron_room(it: &Item, m: &crate::theme::Metrics) -> (f64, f64) {
    let room = 2.0 * m.mark_radius + m.mark_gap;
    match it.until() {
        Some(u) => (
            if u.clipped[0] { room } else { 0.0 },
            if u.clipped[1] { room } else { 0.0 },
        ),
        None => (0.0, 0.0),
    }
}

/// The ids of a blueprint's steps and lanes, one shared string each, for its cards.
pub(super) struct Names {
    steps: Vec<Arc<str>>,
    lanes: Vec<Arc<str>>,
}

impl Names {
    pub(super) fn new(bp: &Blueprint) -> Names {
        Names {
            steps: bp
                .steps
                .iter()
                .map(|s| s.id.value.as_str().into())
                .collect(),
            lanes: bp
                .lanes
                .iter()
                .map(|l| l.id.value.as_str().into())
                .collect(),
        }
    }
}

/// The card of `id`, `width` wide, its top-left corner at the origin; `natural` is its
/// [`natural`] card, whose text lines are taken when they fit.
pub(super) fn card(
    bp: &Blueprint,
    id: ItemId,
    ts: &Typeset,
    f: &Fonts,
    width: f64,
    names: &Names,
    natural: Natural,
) -> ItemBox {
    let it = bp.item(id);
    let m = ts.m;
    // A card a cut clipped keeps room for its "continues" chevron on each clipped side.
    let (left, right) = chevron_room(it, m);
    let inner = width - 2.0 * m.item_pad_x - left - right;
    let x = m.item_pad_x + left;
    let mut y = m.item_pad_y;
    // The variants the card exists in (format 1.1), when not all: a row of badges on top.
    let ids = if bp.variants.is_empty() {
        Vec::new()
    } else {
        super::variants::ids(bp, id)
    };
    // The glyphs on the top edge (the lane kind's, the touch-point badge, the star and detour)
    // reach below it; the row of variant pills, drawn from the content's very top, starts below
    // them (issue 17: the thinking bubble sat on its "board" pill).
    let top_glyph = bp.lane(it.lane).kind.is_some()
        || it.details.as_ref().is_some_and(|d| {
            d.touchpoint.is_some()
                || d.marks
                    .iter()
                    .any(|mk| matches!(mk.value, MarkKind::MomentOfTruth | MarkKind::Workaround))
        });
    let pills_y = if top_glyph {
        y.max(m.mark_radius * super::contract::GLYPH_REACH + 0.5 + m.mark_gap / 2.0)
    } else {
        y
    };
    let (badges, below) = super::variants::badges(&ids, ts, f, x, pills_y, inner);
    if !badges.is_empty() {
        y = below + m.mark_gap;
    }
    let lines = ts.lines_keeping(natural.text, &it.text.value, f.item, false, inner);
    let text = ts.block_of(lines, f.item, false, x, y);
    y += text.rect.h;
    // The "continues in" glyph of a `map` (format 1.1) after the words.
    let map = insight::map_glyph(it, &text, ts, f, x, inner).map(|(g, bottom)| {
        y = y.max(bottom);
        g
    });
    // A fail point's cause is bold, a wait's length regular: measured in the weight it is drawn in.
    let row = |cause: &str, bold: bool, glyph: &str, y: &mut f64| {
        *y += m.mark_gap;
        let r = m.mark_radius;
        let t = ts.block(
            cause,
            f.mark,
            bold,
            inner - 2.0 * r - m.mark_gap,
            x + 2.0 * r + m.mark_gap,
            *y,
        );
        let first = ts.line_height(f.mark);
        let cy = *y + first.max(2.0 * r) / 2.0;
        // The marker sits on the first line's middle; the row is as tall as the taller of both.
        let mut t = t;
        let shift = (cy - first / 2.0) - *y;
        t.translate(0.0, shift);
        let glyph = if glyph.is_empty() {
            Text {
                size: f.badge,
                bold: true,
                ..Text::default()
            }
        } else {
            let mut g = ts.centered(glyph, f.badge, true, 2.0 * r, x + r, 0.0);
            g.translate(0.0, cy - g.rect.h / 2.0);
            g
        };
        *y = (cy + r).max(t.rect.bottom());
        Mark {
            center: Point::new(x + r, cy),
            radius: r,
            glyph,
            text: t,
        }
    };
    let fail = fail_words(it).map(|c| Box::new(row(&c, true, "F", &mut y)));
    let wait = it
        .wait
        .as_ref()
        .map(|c| Box::new(row(&c.value, false, "", &mut y)));
    let note = match &it.note {
        Some(n) => {
            y += m.mark_gap;
            let t = ts.block(
                &n.value,
                f.note,
                false,
                inner - m.mark_gap,
                x + m.mark_gap,
                y,
            );
            y += t.rect.h;
            t
        }
        None => Text {
            size: f.note,
            ..Text::default()
        },
    };
    // The owner (format 1.1): a muted caption at the card's foot.
    let owner = match it.details.as_ref().and_then(|d| d.owner.as_ref()) {
        Some(o) => {
            y += m.mark_gap;
            let t = ts.block(&o.value, f.note, false, inner, x, y);
            y += t.rect.h;
            t
        }
        None => Text {
            size: f.note,
            ..Text::default()
        },
    };
    let chips = insight::chips(bp, it, ts, f, x, inner, &mut y);
    y += m.item_pad_y;
    // Never narrower than a line: a word the wrapper could not break still fits its card.
    let widest = [&text, &note, &owner]
        .iter()
        .map(|t| t.rect.right())
        .chain(
            fail.iter()
                .chain(wait.iter())
                .map(|mk| mk.text.rect.right()),
        )
        .chain(chips.iter().map(|c| c.rect.right()))
        .chain(map.iter().map(|g| g.rect.right()))
        .fold(0.0, f64::max);
    let w = width.max(widest + m.item_pad_x + right);
    let none = crate::model::ItemDetails::default();
    let more = match (&it.details, badges.is_empty()) {
        (None, true) => None,
        (d, _) => {
            let d = d.as_deref().unwrap_or(&none);
            let mut more = more(d, owner, Rect::new(0.0, 0.0, w, y), ts, f);
            more.variants = badges;
            Some(Box::new(more))
        }
    };
    let insight = insight::finish(bp, it, ts, f, Rect::new(0.0, 0.0, w, y), chips, map);
    ItemBox {
        more,
        insight,
        id: bp.item_ref(id),
        step: Arc::clone(&names.steps[it.step.0 as usize]),
        lane: Arc::clone(&names.lanes[it.lane.0 as usize]),
        zone: bp.lane(it.lane).zone,
        rect: Rect::new(0.0, 0.0, w, y),
        text,
        fail,
        fail_impact: it.impact(),
        wait,
        note,
        link: it.link.as_ref().map(|l| l.value.clone()),
    }
}

/// What format 1.1 adds to the card `card` (at the origin): the marks' glyphs on its edges and
/// corners (on the border, half outside, so they cover none of its text), the "?" of an assumed
/// card on its bottom-right corner, the owner caption, the tooltip and the metadata.
fn more(
    d: &crate::model::ItemDetails,
    owner: Text,
    card: Rect,
    ts: &Typeset,
    f: &Fonts,
) -> CardMore {
    let r = ts.m.mark_radius;
    // The corner glyphs stand in from the top-right corner, the star first.
    let mut corner = card.right() - r - ts.m.item_pad_x / 2.0;
    let mid = card.y + (card.h / 2.0).min(ts.line_height(f.item) / 2.0 + ts.m.item_pad_y);
    let marks = d
        .marks
        .iter()
        .map(|mk| {
            let at = match mk.value {
                MarkKind::MomentOfTruth | MarkKind::Workaround => {
                    let p = Point::new(corner, card.y);
                    corner -= 2.0 * r + ts.m.mark_gap;
                    p
                }
                // Outside the edge, in the gutter, clear of the card's words.
                MarkKind::Entry => Point::new(card.x - 0.6 * r, mid),
                MarkKind::Exit => Point::new(card.right() + 0.6 * r, mid),
                MarkKind::Branch => {
                    Point::new(card.right(), card.bottom() - r - ts.m.item_pad_y / 2.0)
                }
                MarkKind::Optional => Point::new(card.cx(), card.cy()),
            };
            MarkGlyph {
                kind: mk.value,
                at,
                r,
            }
        })
        .collect();
    let status = d.status.as_ref().map(|s| s.value);
    let status_glyph = (status == Some(Status::Assumed)).then(|| {
        let center = Point::new(card.right() - r - ts.m.item_pad_x / 2.0, card.bottom());
        let mut glyph = ts.centered("?", f.badge, true, 2.0 * r, center.x, 0.0);
        glyph.translate(0.0, center.y - glyph.rect.h / 2.0);
        Mark {
            center,
            radius: r,
            glyph,
            text: Text::default(),
        }
    });
    let tint = (status == Some(Status::Proposed)).then(|| {
        let inset = ts.m.item_radius.min(card.h / 2.0);
        Rect::new(
            card.x + 1.0,
            card.y + inset,
            ts.m.item_pad_x / 2.0,
            card.h - 2.0 * inset,
        )
    });
    let mut title = Vec::new();
    if let Some(s) = &d.source {
        title.push(format!("Source: {}", s.value));
    }
    let meta: Vec<(String, String)> = d
        .meta
        .iter()
        .map(|(k, v)| (k.clone(), v.join(", ")))
        .collect();
    for (k, v) in &meta {
        title.push(format!("{k}: {v}"));
    }
    let until = d.until.as_ref();
    CardMore {
        marks,
        status,
        tint,
        status_glyph,
        owner,
        title,
        meta,
        variants: Vec::new(),
        until: until.map(|u| u.id.value.clone()),
        // Placed on the card's edges once it is stretched (`spans::stretch`).
        continues: until.map_or_else(Vec::new, |u| {
            let chevron = |after| Continues {
                after,
                at: Point::new(0.0, mid),
                r,
            };
            u.clipped
                .iter()
                .zip([false, true])
                .filter(|(c, _)| **c)
                .map(|(_, after)| chevron(after))
                .collect()
        }),
    }
}

/// Moves a card and everything on it by `dx, dy`.
pub(super) fn translate(b: &mut ItemBox, dx: f64, dy: f64) {
    insight::translate(b, dx, dy);
    b.rect = b.rect.translate(dx, dy);
    b.text.translate(dx, dy);
    b.note.translate(dx, dy);
    if let Some(more) = &mut b.more {
        more.owner.translate(dx, dy);
        if let Some(t) = &mut more.tint {
            *t = t.translate(dx, dy);
        }
        for g in &mut more.marks {
            g.at = Point::new(g.at.x + dx, g.at.y + dy);
        }
        for c in &mut more.continues {
            c.at = Point::new(c.at.x + dx, c.at.y + dy);
        }
        if let Some(s) = &mut more.status_glyph {
            s.center = Point::new(s.center.x + dx, s.center.y + dy);
            s.glyph.translate(dx, dy);
        }
        for b in &mut more.variants {
            b.rect = b.rect.translate(dx, dy);
            b.text.translate(dx, dy);
        }
    }
    for mk in b.fail.iter_mut().chain(b.wait.iter_mut()) {
        mk.center = Point::new(mk.center.x + dx, mk.center.y + dy);
        mk.glyph.translate(dx, dy);
        mk.text.translate(dx, dy);
    }
}
