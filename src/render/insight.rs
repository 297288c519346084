//! Drawing format 1.1's insight parts: a card's kind glyph and pain tint, its tag chips, its
//! touch-point badge and its linked "continues in" glyph; the plain rule over the insight zone;
//! their legend symbols; and their stylesheet rules (the chips' colours among them).
//! Uses `layout`, `theme`, the element writer and `badge`.

use super::badge::badge;
use super::num::fmt_num;
use super::xml::W;
use crate::geom::{Point, Rect};
use crate::layout::{ItemBox, Layout, LegendEntry, LegendKind};
use crate::model::{LaneKind, Zone};
use crate::theme::{Color, Palette, Theme};

/// The class and `data-*` attributes the insight parts add to a card's `g.item`.
pub(super) fn item_attrs<'a>(
    it: &'a ItemBox,
    class: &mut String,
    attrs: &mut Vec<(&'a str, &'a str)>,
) {
    let Some(c) = &it.insight else { return };
    if let Some((k, _)) = c.kind {
        class.push_str(" kind-");
        class.push_str(k.key());
        attrs.push(("data-kind", k.key()));
    }
    if let Some(b) = &c.touchpoint {
        attrs.push(("data-touchpoint", b.kind.key()));
    }
    if let Some(m) = &c.map {
        attrs.push(("data-map", &m.path));
    }
}

/// What goes under a card's words: a pain card's warm tint.
pub(super) fn under(w: &mut W<'_>, it: &ItemBox, radius: f64) {
    if let Some(t) = it.insight.as_ref().and_then(|c| c.tint) {
        w.rect("kind-tint", &t, radius);
    }
}

/// What goes over a card, outside its own link (an `<a>` may not hold another): the kind's
/// glyph, the tag chips, the touch-point badge and the map's linked glyph.
pub(super) fn over(w: &mut W<'_>, it: &ItemBox) {
    let Some(c) = &it.insight else { return };
    if let Some((k, at)) = c.kind {
        kind_glyph(w, k, at, c.r);
    }
    if !c.tags.is_empty() {
        w.open("g", &[("class", "tags")], false);
        for chip in &c.tags {
            let class = format!("tag-chip tag-{}", chip.slot);
            w.open("g", &[("class", &class), ("data-tag", &chip.id)], false);
            // A pill on one line; a chip whose id wraps keeps the one-line chip's corners, so
            // its words stay clear of them.
            let lines = chip.text.lines.len().max(1) as f64;
            let one_line = chip.rect.h - chip.text.rect.h * (lines - 1.0) / lines;
            w.rect("chip", &chip.rect, one_line / 2.0);
            w.text("tag-id", &chip.text);
            w.end("g");
        }
        w.end("g");
    }
    if let Some(b) = &c.touchpoint {
        w.open("g", &[("class", "card-badge")], false);
        badge(w, b);
        w.end("g");
    }
    if let Some(m) = &c.map {
        let href = map_href(&m.path);
        w.open("a", &[("class", "map-link"), ("href", &href)], false);
        w.open("title", &[], false);
        super::xml::escape(&format!("Continues in {}", m.path), &mut w.out);
        w.end("title");
        map_glyph(w, &m.rect);
        w.end("a");
    }
}

/// `path` with a `.yaml` or `.yml` file name rewritten to `.svg`, the figure `render` writes
/// beside each blueprint, so a folder rendered together links up. (PNG and PDF are drawn
/// through usvg, which keeps no link, so the SVG is the only output the link is in.)
pub(crate) fn map_href(path: &str) -> String {
    let (file, fragment) = match path.split_once('#') {
        Some((f, id)) => (f, Some(id)),
        None => (path, None),
    };
    let lower = file.to_ascii_lowercase();
    let stem = [".yaml", ".yml"]
        .iter()
        .find(|e| lower.ends_with(*e))
        .map(|e| &file[..file.len() - e.len()]);
    let mut out = match stem {
        Some(s) => format!("{s}.svg"),
        None => file.to_string(),
    };
    if let Some(id) = fragment {
        out.push('#');
        out.push_str(id);
    }
    out
}

/// The "continues in" glyph in `r`: a page with an arrow leaving it to the right.
fn map_glyph(w: &mut W<'_>, r: &Rect) {
    let n = fmt_num;
    let s = r.w;
    let (x, y) = (r.x, r.y);
    let d = format!(
        "M{} {}H{}V{}H{}V{}M{} {}H{}M{} {}L{} {}L{} {}",
        n(x + 0.55 * s),
        n(y + 0.1 * s),
        n(x + 0.1 * s),
        n(y + 0.9 * s),
        n(x + 0.55 * s),
        n(y + 0.7 * s),
        n(x + 0.35 * s),
        n(y + 0.5 * s),
        n(x + 0.95 * s),
        n(x + 0.75 * s),
        n(y + 0.3 * s),
        n(x + 0.95 * s),
        n(y + 0.5 * s),
        n(x + 0.75 * s),
        n(y + 0.7 * s),
    );
    w.open("g", &[("class", "map-glyph")], false);
    w.rect("hit", r, 0.0);
    w.empty("path", &[("d", &d)]);
    w.end("g");
}

/// A lane kind's glyph on a background disc: shape, not colour, tells the kinds apart.
fn kind_glyph(w: &mut W<'_>, k: LaneKind, c: Point, r: f64) {
    let n = fmt_num;
    let (x, y) = (c.x, c.y);
    w.open(
        "g",
        &[("class", "kind-glyph"), ("data-kind", k.key())],
        false,
    );
    w.circle("kind-bg", c, r * crate::layout::GLYPH_REACH, &[]);
    let d = match k {
        // "!": a bar and a dot.
        LaneKind::Pain => format!(
            "M{} {}V{}M{} {}V{}",
            n(x),
            n(y - 0.6 * r),
            n(y + 0.15 * r),
            n(x),
            n(y + 0.5 * r),
            n(y + 0.55 * r)
        ),
        // A bulb on a two-line base.
        LaneKind::Opportunity => format!(
            "M{} {}A{} {} 0 1 1 {} {}M{} {}H{}M{} {}H{}",
            n(x - 0.25 * r),
            n(y + 0.2 * r),
            n(0.45 * r),
            n(0.45 * r),
            n(x + 0.25 * r),
            n(y + 0.2 * r),
            n(x - 0.25 * r),
            n(y + 0.42 * r),
            n(x + 0.25 * r),
            n(x - 0.15 * r),
            n(y + 0.62 * r),
            n(x + 0.15 * r)
        ),
        // A thought bubble: a cloud and two trailing dots.
        LaneKind::Thinking => format!(
            "M{} {}A{} {} 0 1 1 {} {}Z M{} {}V{}M{} {}V{}",
            n(x - 0.45 * r),
            n(y - 0.1 * r),
            n(0.5 * r),
            n(0.35 * r),
            n(x - 0.45 * r),
            n(y - 0.09 * r),
            n(x - 0.3 * r),
            n(y + 0.4 * r),
            n(y + 0.42 * r),
            n(x - 0.55 * r),
            n(y + 0.65 * r),
            n(y + 0.67 * r)
        ),
        // A heart.
        LaneKind::Feeling => format!(
            "M{} {}C{} {} {} {} {} {}C{} {} {} {} {} {}Z",
            n(x),
            n(y + 0.6 * r),
            n(x - 0.9 * r),
            n(y),
            n(x - 0.45 * r),
            n(y - 0.75 * r),
            n(x),
            n(y - 0.25 * r),
            n(x + 0.45 * r),
            n(y - 0.75 * r),
            n(x + 0.9 * r),
            n(y),
            n(x),
            n(y + 0.6 * r)
        ),
        // Three rising bars.
        LaneKind::Metric => format!(
            "M{} {}V{}M{} {}V{}M{} {}V{}",
            n(x - 0.45 * r),
            n(y + 0.55 * r),
            n(y + 0.1 * r),
            n(x),
            n(y + 0.55 * r),
            n(y - 0.2 * r),
            n(x + 0.45 * r),
            n(y + 0.55 * r),
            n(y - 0.55 * r)
        ),
        // A page with lines of text.
        LaneKind::Policy => format!(
            "M{} {}H{}V{}H{}Z M{} {}H{}M{} {}H{}",
            n(x - 0.45 * r),
            n(y - 0.6 * r),
            n(x + 0.45 * r),
            n(y + 0.6 * r),
            n(x - 0.45 * r),
            n(x - 0.2 * r),
            n(y - 0.2 * r),
            n(x + 0.2 * r),
            n(x - 0.2 * r),
            n(y + 0.2 * r),
            n(x + 0.2 * r)
        ),
    };
    w.empty("path", &[("class", "stroke"), ("d", &d)]);
    w.end("g");
}

/// The plain rule over the insight zone and its label.
pub(super) fn rule(w: &mut W<'_>, l: &Layout) {
    let Some(r) = &l.insight_rule else { return };
    w.open("g", &[("class", "insight-rule")], false);
    let (x1, x2, y) = (fmt_num(r.x0), fmt_num(r.x1), fmt_num(r.y));
    w.empty("line", &[("x1", &x1), ("y1", &y), ("x2", &x2), ("y2", &y)]);
    w.text_styled(
        "",
        &r.label,
        super::outline::Style {
            underline: false,
            italic: true,
        },
    );
    w.end("g");
}

/// `render --notes`: each note's numbered disc on its arrow (`g.note-mark`, `data-note`, and
/// the flow's `data-from`/`data-to`) and its line under the legend (`g.flow-note`), note by
/// note, in a `g.notes`.
pub(super) fn notes(w: &mut W<'_>, l: &Layout) {
    if l.notes.is_empty() {
        return;
    }
    w.open("g", &[("class", "notes")], false);
    for n in &l.notes {
        let number = n.number.to_string();
        let (from, to) = l
            .flows
            .get(n.index)
            .map_or(("", ""), |f| (f.from.as_str(), f.to.as_str()));
        w.open(
            "g",
            &[
                ("class", "note-mark"),
                ("data-note", &number),
                ("data-from", from),
                ("data-to", to),
            ],
            false,
        );
        w.circle("", n.at, n.r, &[]);
        w.text("", &n.glyph);
        w.end("g");
        w.open(
            "g",
            &[("class", "flow-note"), ("data-note", &number)],
            false,
        );
        w.text("", &n.text);
        w.end("g");
    }
    w.end("g");
}

/// The `data-mark` of an insight legend entry, or `None` for the others.
pub(super) fn legend_key(k: LegendKind) -> Option<&'static str> {
    match k {
        LegendKind::LaneKind(lk) => Some(match lk {
            LaneKind::Thinking => "kind-thinking",
            LaneKind::Feeling => "kind-feeling",
            LaneKind::Pain => "kind-pain",
            LaneKind::Opportunity => "kind-opportunity",
            LaneKind::Metric => "kind-metric",
            LaneKind::Policy => "kind-policy",
        }),
        LegendKind::Tag(_) => Some("tag"),
        LegendKind::Map => Some("map"),
        _ => None,
    }
}

/// The symbol of an insight legend entry; false for the others (drawn by the caller).
pub(super) fn legend_symbol(w: &mut W<'_>, e: &LegendEntry, radius: f64) -> bool {
    let s = &e.symbol;
    let (c, r) = (Point::new(s.cx(), s.cy()), s.h / 2.0);
    match e.kind {
        LegendKind::LaneKind(k) => {
            // A small card of the kind, its glyph on the corner as on the cards.
            let class = format!("swatch-kind zone-insight kind-{}", k.key());
            w.open("g", &[("class", &class)], false);
            w.rect("swatch card", s, radius / 2.0);
            if k == LaneKind::Pain {
                w.rect("kind-tint", s, radius / 2.0);
            }
            kind_glyph(w, k, c, r * 0.8);
            w.end("g");
        }
        LegendKind::Tag(i) => {
            let class = format!("tag-chip tag-{i}");
            w.open("g", &[("class", &class)], false);
            w.rect("chip", s, s.h / 2.0);
            w.text("tag-id", &e.glyph);
            w.end("g");
        }
        LegendKind::Map => {
            let side = s.h * 0.8;
            map_glyph(
                w,
                &Rect::new(c.x - side / 2.0, c.y - side / 2.0, side, side),
            );
        }
        _ => return false,
    }
    true
}

/// The colours tag chips take, in order (the `i`-th declared tag has colour `i` modulo their
/// number): the palette's marker and accent colours that stand out 3:1 from the page and from
/// every zone's cards, each once. The chip's words are the page's text on the page's
/// background, so its id is read whatever the colour.
pub(crate) fn chip_colours(p: &Palette) -> Vec<Color> {
    let candidates = p
        .touchpoints
        .iter()
        .chain([&p.fail, &p.wait, &p.link, &p.emotion, &p.customer_path])
        .chain(p.zones.iter().map(|z| &z.accent))
        .chain([&p.flow, &p.text]);
    let mut out: Vec<Color> = Vec::new();
    for c in candidates {
        let stands_out =
            c.contrast(p.background) >= 3.0 && p.zones.iter().all(|z| c.contrast(z.card) >= 3.0);
        if stands_out && !out.contains(c) {
            out.push(*c);
        }
    }
    out
}

use crate::theme::PAIN_TINT_OPACITY;

/// The stylesheet rules of the insight parts.
pub(super) fn css(rule: &mut impl FnMut(&str, String), theme: &Theme) {
    let p = &theme.palette;
    // The insight zone borrows the evidence zone's colours (checked like every zone's).
    let ev = &p.zones[0];
    let k = Zone::Insight.key();
    rule(
        &format!(".lane.zone-{k} .band"),
        format!("fill:{}", ev.band),
    );
    rule(
        &format!(".lane-rule.zone-{k}"),
        format!(
            "stroke:{};stroke-width:{}",
            ev.accent, theme.strokes.lane_rule
        ),
    );
    rule(
        &format!(".lane.zone-{k} .label-bg"),
        format!("fill:{}", ev.label),
    );
    // The legend's kind swatches are small insight cards (not `.item`s: the SVG contract's
    // items are the blueprint's cards).
    rule(
        &format!(".item.zone-{k} .card,.swatch-kind.zone-{k} .card"),
        format!(
            "fill:{};stroke:{};stroke-width:{}",
            ev.card, ev.accent, theme.strokes.card
        ),
    );
    rule(
        ".insight-rule line",
        format!(
            "stroke:{};stroke-width:{}",
            p.zone_line, theme.strokes.zone_line
        ),
    );
    rule(
        ".insight-rule text",
        format!("fill:{};font-style:italic", p.zone_line),
    );
    rule(
        ".kind-tint",
        format!("fill:{};fill-opacity:{PAIN_TINT_OPACITY}", p.wait),
    );
    rule(
        ".kind-glyph .kind-bg",
        format!("fill:{};stroke:{};stroke-width:1", p.background, p.muted),
    );
    rule(
        ".kind-glyph .stroke",
        format!(
            "fill:none;stroke:{};stroke-width:1.5;stroke-linecap:round;stroke-linejoin:round",
            p.text
        ),
    );
    rule(
        ".kind-pain .kind-glyph .kind-bg",
        format!("stroke:{};stroke-width:1.5", p.wait),
    );
    rule(".tag-chip .tag-id", format!("fill:{}", p.text));
    for (i, c) in chip_colours(p)
        .iter()
        .cycle()
        .take(crate::limits::MAX_TAGS)
        .enumerate()
    {
        rule(
            &format!(".tag-chip.tag-{i} .chip"),
            format!("fill:{};stroke:{c};stroke-width:1.5", p.background),
        );
    }
    rule(
        ".note-mark circle",
        format!("fill:{};stroke:{};stroke-width:1.5", p.background, p.flow),
    );
    rule(
        ".note-mark text,.flow-note text",
        format!("fill:{}", p.text),
    );
    rule(".map-glyph .hit", "fill:transparent".to_string());
    rule(
        ".map-glyph path",
        format!(
            "fill:none;stroke:{};stroke-width:1.5;stroke-linecap:round;stroke-linejoin:round",
            p.link
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_maps_link_to_the_svg_written_beside_them() {
        assert_eq!(map_href("interview.yaml"), "interview.svg");
        assert_eq!(map_href("parts/pay.YML#refund"), "parts/pay.svg#refund");
        assert_eq!(map_href("figure.png"), "figure.png");
        assert_eq!(map_href("page.html#top"), "page.html#top");
    }

    #[test]
    fn chip_colours_stand_out_from_page_and_cards_in_every_theme() {
        for name in crate::validate::keys::THEMES {
            let t = Theme::named(name).expect("theme");
            let p = &t.palette;
            let colours = chip_colours(p);
            // The print theme is greyscale: its chips share two greys (their ids tell them
            // apart, as everywhere); the others have a hue for each of several tags.
            let least = if *name == "print" { 2 } else { 4 };
            assert!(colours.len() >= least, "{name}: {}", colours.len());
            for c in &colours {
                assert!(c.contrast(p.background) >= 3.0, "{name}");
                for z in &p.zones {
                    assert!(c.contrast(z.card) >= 3.0, "{name}");
                }
            }
        }
    }

    #[test]
    fn a_pain_cards_words_keep_their_contrast_on_the_tint() {
        for name in crate::validate::keys::THEMES {
            let t = Theme::named(name).expect("theme");
            let p = &t.palette;
            // Blended in sRGB, as viewers composite `fill-opacity`.
            let a = PAIN_TINT_OPACITY;
            let mix = |c: u8, w: u8| (f64::from(c) * (1.0 - a) + f64::from(w) * a).round() as u8;
            for z in &p.zones {
                let card = z.card;
                let tinted = Color {
                    r: mix(card.r, p.wait.r),
                    g: mix(card.g, p.wait.g),
                    b: mix(card.b, p.wait.b),
                };
                let before = p.text.contrast(card);
                let after = p.text.contrast(tinted);
                assert!(
                    after >= 4.5_f64.min(before),
                    "{name}: {after} (untinted {before})"
                );
            }
        }
    }
}
