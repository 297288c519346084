//! Variant badges (format 1.1) as SVG: on a card, `<g class="variant-badges">` holding one
//! `<g class="variant-badge" data-variant="ID">` per variant (an outlined pill and the id); in
//! the legend, the same pill beside the variant's label. Uses the element writer.

use crate::layout::{LegendEntry, VariantBadge};
use crate::render::xml::W;

/// The ids of `badges`, joined by spaces: a card's `data-variant`.
pub(super) fn ids(badges: &[VariantBadge]) -> String {
    let ids: Vec<&str> = badges.iter().map(|b| b.id.as_str()).collect();
    ids.join(" ")
}

/// A card's badges, if any.
pub(super) fn badges(w: &mut W<'_>, badges: &[VariantBadge]) {
    if badges.is_empty() {
        return;
    }
    w.open("g", &[("class", "variant-badges")], false);
    for b in badges {
        w.open(
            "g",
            &[("class", "variant-badge"), ("data-variant", &b.id)],
            false,
        );
        // Round ends on one line; a wrapped id keeps rounded corners, not an oval.
        w.rect("pill", &b.rect, (b.rect.h / 2.0).min(b.text.size * 0.8));
        w.text("variant-id", &b.text);
        w.end("g");
    }
    w.end("g");
}

/// A legend entry's symbol for a variant: its badge, the id (the entry's glyph) in a pill.
pub(super) fn legend_symbol(w: &mut W<'_>, e: &LegendEntry) {
    let s = &e.symbol;
    let h = e.glyph.rect.h + 3.0;
    let pill = crate::geom::Rect::new(s.x, s.cy() - h / 2.0, s.w, h);
    w.open("g", &[("class", "variant-badge")], false);
    w.rect("pill", &pill, h / 2.0);
    w.text("variant-id", &e.glyph);
    w.end("g");
}
