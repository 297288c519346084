//! The SVG document: one pass over the [`Layout`], in model order, through the element writer
//! ([`W`]). The cards are written first, on two threads for a big diagram, since the id prefix
//! hashes them; then the head and stylesheet, the bands, headers and lanes before the cards, and
//! the flows, their labels and the legend after them, while the font subsets are made.
//! Uses `layout`, `theme` (via `css.rs`) and `geom`.

use super::badge::{badge, shape};
use super::document::Document;
use super::look::{self, Rules};
use super::num::fmt_num;
use super::options::{SvgOptions, TextMode};
use super::outline::Style;
use super::xml::{W, escape, path_d, push_point, push_polyline};
use super::{arrow, css, digest, font, insight};
use crate::geom::Point;
use crate::layout::{ItemBox, Layout, LegendEntry, LegendKind, Mark, Text};
use crate::model::{FlowStyle, Impact, MarkKind, Zone};
use crate::theme::Theme;
use marks::{mark, mark_glyph};
use std::fmt::Write as _;

/// Room reserved per card when the document's buffer is made (a card with text and one
/// fail point writes about 300 bytes; pages reserved but never written cost nothing).
const CARD_BYTES: usize = 1024;

/// Notes, the zone lines' labels and the stand-ins' words (`.note`, `.zone-rule text` and
/// `.stub .words` in the stylesheet; [`crate::layout::TextPart::italic`]).
const ITALIC: Style = Style {
    underline: false,
    italic: true,
};

/// The vertical rule that marks a note, on an item and in the legend alike.
fn note_rule(w: &mut W<'_>, x: f64, y1: f64, y2: f64) {
    let (x, y1, y2) = (fmt_num(x), fmt_num(y1), fmt_num(y2));
    w.empty(
        "line",
        &[
            ("class", "note-rule"),
            ("x1", &x),
            ("y1", &y1),
            ("x2", &x),
            ("y2", &y2),
        ],
    );
}

/// The whole document.
pub(super) fn document(l: &Layout, theme: &Theme, opts: &SvgOptions<'_>) -> Document {
    document_split(l, theme, opts, crate::parallel::TWO_THREADS_FROM)
}

/// The document's stylesheet for the root id `root` ([`css::document`]).
fn stylesheet(l: &Layout, root: &str, theme: &Theme, opts: &css::Options<'_>) -> String {
    css::document(root, theme, opts, l)
}

/// The rules each writer dresses its elements by (`look.rs`): the stylesheet's, parsed back,
/// with the root's class standing for the prefix the cards are written before.
struct Looks {
    rules: Rules,
    /// With [`TextMode::Paths`], the rules for the cards as text, whose bytes the prefix
    /// hashes.
    as_text: Option<Rules>,
    /// The document's stylesheet with [`look::ROOT`] for its prefix: made and parsed once,
    /// it is the document's own once the prefix replaces that (theme data never holds it).
    css: String,
}

impl Looks {
    fn new(l: &Layout, theme: &Theme, opts: &SvgOptions<'_>) -> Looks {
        let sheet = |embedded_family, paths| {
            let opts = css::Options {
                embedded_family,
                paths,
            };
            stylesheet(l, look::ROOT, theme, &opts)
        };
        let paths = opts.text == TextMode::Paths;
        let family = embeds(opts).then(|| font::embedded_family(look::ROOT));
        let css = sheet(family.as_deref(), paths);
        Looks {
            rules: Rules::parse(&css),
            as_text: paths.then(|| Rules::parse(&sheet(None, false))),
            css,
        }
    }

    /// The document's stylesheet, for the prefix `p`.
    fn stylesheet(&self, p: &str) -> String {
        self.css.replace(look::ROOT, p)
    }
}

/// The cards of a document, written first: they need no prefix, and the prefix needs them.
struct Cards {
    /// The cards as SVG, in two pieces (made on two threads).
    svg: [String; 2],
    /// The per-diagram prefix of classes and ids: a hash of the theme's name, of the layout
    /// but its cards ([`super::digest`]), of the options that change the document, and of
    /// each card as written, so it depends on the content only (never on time, paths or a counter, nor on which thread wrote what) and
    /// two diagrams on one page do not clash.
    prefix: String,
    /// The characters the whole document draws as text, in each weight, when it embeds the
    /// fonts' subsets (else none).
    used: font::Used,
}

/// Whether the document embeds the fonts' subsets: only text as `<text>` needs them.
fn embeds(opts: &SvgOptions<'_>) -> bool {
    opts.embed_font && opts.text == TextMode::Text
}

/// The cards `items` as SVG, the hash of each card's bytes, and the characters they draw (when
/// the fonts are embedded). The hashes are of the cards as text: outlines would give the same
/// drawing another prefix.
fn some_cards(
    opts: &SvgOptions<'_>,
    looks: &Looks,
    items: &[ItemBox],
    radius: f64,
) -> (String, Vec<u64>, font::Used) {
    let mut w = W::new(opts, &looks.rules, CARD_BYTES * items.len());
    let as_text = SvgOptions {
        text: TextMode::Text,
        ..*opts
    };
    let mut text = looks
        .as_text
        .as_ref()
        .map(|rules| W::new(&as_text, rules, CARD_BYTES));
    let mut hashes = Vec::with_capacity(items.len());
    let gather = embeds(opts);
    let mut used = font::Used::default();
    for it in items {
        let start = w.out.len();
        item(&mut w, it, radius);
        let bytes = match &mut text {
            Some(t) => {
                t.out.clear();
                item(t, it, radius);
                t.out.as_bytes()
            }
            None => &w.out.as_bytes()[start..],
        };
        hashes.push(digest::Digest::of_bytes(bytes));
        if gather {
            used.add_texts(it.texts());
        }
    }
    (w.out, hashes, used)
}

/// The cards of `l` and what follows from them; on two threads when `two`, the second taking
/// the larger share while this one hashes the rest of the layout (walking the cards field by
/// field cost as much as writing a third of them) and gathers the characters drawn outside
/// the cards.
fn cards(l: &Layout, theme: &Theme, opts: &SvgOptions<'_>, looks: &Looks, two: bool) -> Cards {
    let n = l.items.len();
    let (first, second) = l.items.split_at(if two { n * 2 / 5 } else { n });
    let ((mut digest, mut used, (a, hashes_a, used_a)), (b, hashes_b, used_b)) =
        crate::parallel::both(
            || {
                let mut d = digest::Digest::new();
                // The theme is part of the content: the same blueprint in light and dark on one
                // page must not share ids or have one stylesheet restyle the other.
                d.value(&theme.name);
                d.value(l);
                // And every option that changes the document: the same file with and without
                // its fonts embedded, as text and as outlines, side by side on one page, must
                // not share a font family or have one's stylesheet restyle the other (issue
                // 18). Fed only when not the default, so a default render keeps its prefix.
                for (set, what) in [
                    (!opts.embed_font, "no-embed-font"),
                    (opts.text == TextMode::Paths, "text-as-paths"),
                    (opts.slant_italics, "slant-italics"),
                ] {
                    if set {
                        d.value(what);
                    }
                }
                let mut used = font::Used::default();
                if embeds(opts) {
                    used.add_texts(l.texts_but_items());
                }
                (d, used, some_cards(opts, looks, first, l.radius))
            },
            || some_cards(opts, looks, second, l.radius),
            two,
        );
    digest.value(&[hashes_a, hashes_b].concat());
    used.absorb(used_a);
    used.absorb(used_b);
    Cards {
        svg: [a, b],
        prefix: opts.id_prefix.map_or_else(
            || format!("bp-{:012x}", digest.finish() >> 16),
            String::from,
        ),
        used,
    }
}

/// [`document`], on two threads from `two_threads_from` items on.
fn document_split(
    l: &Layout,
    theme: &Theme,
    opts: &SvgOptions<'_>,
    two_threads_from: usize,
) -> Document {
    let embed = embeds(opts);
    let two = l.items.len() >= two_threads_from;
    let looks = Looks::new(l, theme, opts);
    let Cards { svg, prefix, used } = cards(l, theme, opts, &looks, two);
    let family = font::embedded_family(&prefix);
    // The rest is written on two threads too: up to the cards on this one, after them on the
    // other. Font subsets for text beyond ASCII (as much work as the body of 200 steps) are
    // made on one more; ASCII text takes the bundled faces.
    let ((head, before), (after, faces)) = crate::parallel::both(
        || body(l, opts, &looks, &prefix),
        || {
            crate::parallel::both(
                || tail(l, opts, &looks.rules),
                || embed.then(|| font::faces(&family, &used)),
                embed && used.needs_subset(),
            )
        },
        two,
    );
    // The `@font-face` rules go first in the `<style>` element, where the head ends; the cards
    // after the lanes. (`from_parts` drops the empty pieces: no faces, no second share.)
    let [cards_a, cards_b] = svg;
    let parts = [
        Some(head),
        faces,
        Some(before),
        Some(cards_a),
        Some(cards_b),
        Some(after),
    ];
    Document::from_parts(parts.into_iter().flatten().collect())
}

/// The document up to its cards, `p` being its prefix, without its `@font-face` rules: the head
/// (up to the opening `<style>` tag, where the rules go), and the rest.
fn body(l: &Layout, opts: &SvgOptions<'_>, looks: &Looks, p: &str) -> (String, String) {
    let rules = &looks.rules;
    let mut w = W::new(opts, rules, 1024);
    // The stylesheet holds only theme data and base64 (no `<` or `&`), so it needs no CDATA.
    let stylesheet = looks.stylesheet(p);
    let (width, height) = (fmt_num(l.size.w), fmt_num(l.size.h));
    let view = format!("0 0 {width} {height}");
    let (title_id, desc_id) = (format!("{p}-title"), format!("{p}-desc"));
    let labelled = if l.subtitle_text.is_some() {
        format!("{title_id} {desc_id}")
    } else {
        title_id.clone()
    };
    w.start(
        "svg",
        &[
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("id", p),
            ("class", p),
            ("viewBox", &view),
            ("width", &width),
            ("height", &height),
            ("role", "img"),
            ("aria-labelledby", &labelled),
        ],
    );
    // The text's font family, inherited: the named families only, since a viewer that reads
    // no stylesheet reads no `@font-face` either (look.rs).
    w.out.push_str(&rules.root());
    w.out.push_str(">\n");
    w.open("title", &[("id", &title_id)], false);
    escape(&l.title_text, &mut w.out);
    w.end("title");
    if let Some(s) = &l.subtitle_text {
        w.open("desc", &[("id", &desc_id)], false);
        escape(s, &mut w.out);
        w.end("desc");
    }
    w.open("style", &[], false);
    let head = std::mem::replace(
        &mut w.out,
        String::with_capacity(4096 + 512 * l.columns.len()),
    );
    w.out.push_str(&stylesheet);
    w.end("style");
    // Everything drawn is in one group with a class, so that LibreOffice, whose SVG import
    // matches a rule only when it names every classed ancestor and ignores compound selectors
    // (`.flow.customer-path`), applies none of the stylesheet's rules, half of which it would
    // get wrong, and draws from the presentation attributes alone. Not a part of the look:
    // written around the writer's element chains.
    let _ = writeln!(w.out, "<g class=\"{p}-figure\">");

    w.rect(
        "background",
        &crate::geom::Rect::new(0.0, 0.0, l.size.w, l.size.h),
        0.0,
    );
    w.text("title", &l.title);
    w.text("subtitle", &l.subtitle);

    for ph in &l.phases {
        w.open("g", &[("class", "phase"), ("data-phase", &ph.id)], false);
        w.rect("band", &ph.rect, l.radius);
        w.text("", &ph.label);
        w.text("phase-description", &ph.description);
        w.end("g");
    }
    curves::loops(&mut w, l);
    for c in &l.columns {
        let mut attrs = vec![("class", "step"), ("data-step", c.id.as_str())];
        attrs.extend(c.variant.as_deref().map(|v| ("data-variant", v)));
        w.open("g", &attrs, false);
        w.rect("header", &c.header, l.radius);
        if let Some(b) = &c.badge {
            badge(&mut w, b);
        }
        w.text("", &c.label);
        w.text("duration", &c.duration);
        w.end("g");
    }
    for c in &l.stub_columns {
        w.open(
            "g",
            &[("class", "stub-steps"), ("data-steps", &c.id)],
            false,
        );
        w.rect("header", &c.header, l.radius);
        w.text("", &c.label);
        w.end("g");
    }
    for lane in &l.stub_lanes {
        w.open(
            "g",
            &[("class", "stub-lanes"), ("data-lanes", &lane.id)],
            false,
        );
        w.rect("band", &lane.rect, 0.0);
        w.rect("label-bg", &lane.label_rect, 0.0);
        w.text("", &lane.label);
        w.end("g");
    }
    for lane in &l.lanes {
        let class = format!("lane zone-{}", lane.zone.key());
        w.open("g", &[("class", &class), ("data-lane", &lane.id)], false);
        w.rect("band", &lane.rect, 0.0);
        w.rect("label-bg", &lane.label_rect, 0.0);
        w.text("", &lane.label);
        w.text("lane-description", &lane.description);
        w.end("g");
    }
    // A hairline between lanes of one zone, whose bands share a tint (zone boundaries have
    // their labelled lines, or a change of tint).
    for pair in l.lanes.windows(2) {
        if pair[0].zone == pair[1].zone {
            let r = &pair[1].rect;
            let (x1, x2, y) = (fmt_num(r.x), fmt_num(r.right()), fmt_num(r.y));
            let class = format!("lane-rule zone-{}", pair[1].zone.key());
            w.empty(
                "line",
                &[
                    ("class", &class),
                    ("x1", &x1),
                    ("y1", &y),
                    ("x2", &x2),
                    ("y2", &y),
                ],
            );
        }
    }
    if let Some(e) = &l.emotion {
        w.open("g", &[("class", "emotion-band")], false);
        w.rect("plot", &e.band, l.radius);
        for lv in &e.levels {
            let (x1, x2, y) = (fmt_num(e.band.x), fmt_num(e.band.right()), fmt_num(lv.y));
            w.empty("line", &[("x1", &x1), ("y1", &y), ("x2", &x2), ("y2", &y)]);
        }
        w.open("g", &[("class", "scale")], false);
        w.text("", &e.title);
        for lv in &e.levels {
            w.text("", &lv.label);
        }
        w.end("g");
        // The feelings in words (format 1.1), under the curve drawn later.
        for words in e
            .labels
            .iter()
            .chain(e.curves.iter().flat_map(|c| &c.labels))
        {
            w.text_styled("emotion-label", &words.text, ITALIC);
        }
        w.end("g");
    }
    for z in &l.zone_lines {
        w.open("g", &[("class", "zone-rule")], false);
        let (x1, x2, y) = (fmt_num(z.x0), fmt_num(z.x1), fmt_num(z.y));
        w.empty(
            "line",
            &[
                ("class", z.kind.class()),
                ("x1", &x1),
                ("y1", &y),
                ("x2", &x2),
                ("y2", &y),
            ],
        );
        w.text_styled("", &z.label, ITALIC);
        w.end("g");
    }
    insight::rule(&mut w, l);
    if let Some(e) = l.emotion.as_ref().filter(|e| !e.curves.is_empty()) {
        curves::curves(&mut w, &e.curves);
    }
    if let Some(e) = l.emotion.as_ref().filter(|e| e.curves.is_empty()) {
        w.open("g", &[("class", "emotion")], false);
        // One path; each run of neighbouring scored steps is a subpath of its own, so a step
        // without a score is a gap in the line.
        if !e.runs.is_empty() {
            let segments: usize = e.runs.iter().map(|r| r.curve.len() + 1).sum();
            let mut d = String::with_capacity(16 + 48 * segments);
            for r in &e.runs {
                push_point(&mut d, 'M', r.start);
                for c in &r.curve {
                    push_point(&mut d, 'C', c.c1);
                    push_point(&mut d, ' ', c.c2);
                    push_point(&mut d, ' ', c.to);
                }
            }
            w.empty("path", &[("d", &d)]);
        }
        for pt in &e.points {
            let v = pt.value.to_string();
            w.circle(
                "emotion-point",
                pt.at,
                pt.radius,
                &[("data-step", &pt.step), ("data-emotion", &v)],
            );
        }
        w.end("g");
    }
    (head, w.out)
}

/// The arrowheads of a line through `points` ([`arrow::ends`], [`arrow::head`]), in the flows' colour or the
/// customer path's (`cp`).
fn arrowheads(w: &mut W<'_>, points: &[Point], size: f64, both: bool, head: Head) {
    let ends = arrow::ends(points, both);
    if ends.iter().all(Option::is_none) {
        return;
    }
    // Three points of two numbers each, a head: room for two without growing.
    let mut d = String::with_capacity(96);
    for (tip, from) in ends.into_iter().flatten() {
        arrow::head(&mut d, tip, from, size, head == Head::Open);
    }
    let class = match head {
        Head::Plain => "arrowhead",
        Head::CustomerPath => "arrowhead cp",
        Head::Open => "arrowhead open",
    };
    w.path(class, &d);
}

/// Which arrowhead a line ends in: a flow's filled triangle, the customer path's, or the open
/// chevron of a dependency (format 1.1's `kind: needs`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Head {
    Plain,
    CustomerPath,
    Open,
}

/// The document after its cards: the stand-ins of a cut, the flows, their
/// labels and the legend.
fn tail(l: &Layout, opts: &SvgOptions<'_>, rules: &Rules) -> String {
    let mut w = W::new(opts, rules, 4096 + 512 * l.flows.len());
    // Stand-ins for the outside ends of a cut's stubs: not items (the SVG contract's `.item`s
    // are the blueprint's own), so they have a class of their own.
    for s in &l.stubs {
        w.open(
            "g",
            &[
                ("class", "stub"),
                ("data-id", &s.id),
                ("data-step", &s.step),
                ("data-lane", &s.lane),
            ],
            false,
        );
        w.rect("card", &s.rect, l.radius);
        w.text_styled("words", &s.text, ITALIC);
        w.end("g");
    }
    // Format 1.1: each flow's kind and note, by index.
    let mut more = vec![
        None;
        if l.flow_more.is_empty() {
            0
        } else {
            l.flows.len()
        }
    ];
    for fm in &l.flow_more {
        if let Some(slot) = more.get_mut(fm.index) {
            *slot = Some(fm);
        }
    }
    for (i, f) in l.flows.iter().enumerate() {
        let fm = more.get(i).copied().flatten();
        let mut class = String::from("flow");
        if f.customer_path {
            class.push_str(" customer-path");
        }
        if f.style == FlowStyle::Dashed {
            class.push_str(" dashed");
        }
        if f.stub.is_some() {
            class.push_str(" stub");
        }
        let needs = fm.is_some_and(|m| m.needs);
        if needs {
            class.push_str(" needs");
        }
        // As `W::empty` writes it, but the path data straight into the document: it is only
        // letters, digits, `-`, `.` and spaces, with nothing to escape.
        w.start(
            "path",
            &[
                ("class", &class),
                ("data-from", &f.from),
                ("data-to", &f.to),
            ],
        );
        w.out.push_str(" d=\"");
        push_polyline(&mut w.out, &f.points);
        w.out.push('"');
        // A stub names the step of its end outside the cut.
        if let Some(s) = &f.stub {
            let name = if s.outgoing {
                "data-to-step"
            } else {
                "data-from-step"
            };
            w.attr(name, &s.step);
        }
        match fm.and_then(|m| m.note.as_deref()) {
            Some(note) => {
                w.out.push('>');
                w.open("title", &[], false);
                escape(note, &mut w.out);
                w.end("title");
                w.out.push_str("</path>\n");
            }
            None => w.out.push_str("/>\n"),
        }
        let head = if f.customer_path {
            Head::CustomerPath
        } else if needs {
            Head::Open
        } else {
            Head::Plain
        };
        arrowheads(&mut w, &f.points, l.arrow, f.both, head);
    }
    // Labels last, so their background covers any arrow that crosses them.
    for f in &l.flows {
        if let Some(lb) = &f.label {
            w.open(
                "g",
                &[
                    ("class", "flow-label"),
                    ("data-from", &f.from),
                    ("data-to", &f.to),
                ],
                false,
            );
            w.rect("", &lb.rect, lb.rect.h.min(l.radius));
            w.text("", &lb.text);
            w.end("g");
        }
    }
    if let Some(lg) = &l.legend {
        w.open("g", &[("class", "legend")], false);
        w.rect("legend-box", &lg.rect, l.radius);
        for e in &lg.entries {
            legend_entry(&mut w, e, l);
        }
        w.end("g");
    }
    insight::notes(&mut w, l);
    w.out.push_str("</g>\n");
    w.end("svg");
    w.out
}

/// The class of an item's group without format 1.1's additions: one string per zone, not one
/// made per card.
fn zone_item_class(zone: Zone) -> &'static str {
    match zone {
        Zone::Evidence => "item zone-evidence",
        Zone::Customer => "item zone-customer",
        Zone::Onstage => "item zone-onstage",
        Zone::Backstage => "item zone-backstage",
        Zone::Support => "item zone-support",
        Zone::Insight => "item zone-insight",
    }
}

fn item(w: &mut W<'_>, it: &ItemBox, radius: f64) {
    let ids = [
        ("data-id", &*it.id),
        ("data-step", &*it.step),
        ("data-lane", &*it.lane),
    ];
    if it.more.is_none() && it.insight.is_none() {
        // Most cards: the attributes on the stack (a vector grown for the class was two
        // allocations a card).
        let [a, b, c] = ids;
        w.open("g", &[("class", zone_item_class(it.zone)), a, b, c], false);
    } else {
        // Format 1.1: the status and the optional mark restyle the border (classes), the
        // status and the metadata are attributes too.
        let mut class = zone_item_class(it.zone).to_string();
        let (meta_names, variant): (Vec<String>, String) = match &it.more {
            Some(more) => (
                more.meta
                    .iter()
                    .map(|(k, _)| format!("data-meta-{k}"))
                    .collect(),
                variants::ids(&more.variants),
            ),
            None => (Vec::new(), String::new()),
        };
        let mut attrs: Vec<(&str, &str)> = ids.to_vec();
        if let Some(more) = &it.more {
            if let Some(s) = more.status {
                class.push_str(" status-");
                class.push_str(s.key());
                attrs.push(("data-status", s.key()));
            }
            if more.marks.iter().any(|g| g.kind == MarkKind::Optional) {
                class.push_str(" mark-optional");
            }
            for (name, (_, v)) in meta_names.iter().zip(&more.meta) {
                attrs.push((name, v));
            }
            if !variant.is_empty() {
                attrs.push(("data-variant", &variant));
            }
            if let Some(u) = &more.until {
                attrs.push(("data-until", u));
            }
        }
        insight::item_attrs(it, &mut class, &mut attrs);
        attrs.insert(0, ("class", &class));
        w.open("g", &attrs, false);
    }
    if let Some(more) = it.more.as_ref().filter(|m| !m.title.is_empty()) {
        w.open("title", &[], false);
        escape(&more.title.join("\n"), &mut w.out);
        w.end("title");
    }
    if let Some(href) = &it.link {
        w.open("a", &[("href", href)], false);
    }
    w.rect("card", &it.rect, radius);
    insight::under(w, it, radius);
    if let Some(tint) = it.more.as_ref().and_then(|m| m.tint) {
        w.rect("status-tint", &tint, 0.0);
    }
    // A linked item's words are underlined (`a .words` in the stylesheet).
    let link = Style {
        underline: it.link.is_some(),
        italic: false,
    };
    w.text_styled("words", &it.text, link);
    if let Some(f) = &it.fail {
        match it.fail_impact {
            // The impact (format 1.1) as a class for the stylesheet and as `data-impact`.
            Some(i) => {
                let class = ["fail-point impact-", i.key()].concat();
                mark(w, &class, f, false, "cause", &[("data-impact", i.key())]);
            }
            None => mark(w, "fail-point", f, false, "cause", &[]),
        }
    }
    if let Some(wt) = &it.wait {
        mark(w, "wait-point", wt, true, "length", &[]);
    }
    if !it.note.is_empty() {
        let r = &it.note.rect;
        note_rule(w, r.x - it.note.size / 2.0, r.y, r.bottom());
        w.text_styled("note", &it.note, ITALIC);
    }
    if let Some(more) = &it.more {
        w.text("owner", &more.owner);
        if !more.marks.is_empty() {
            w.open("g", &[("class", "marks")], false);
            for g in &more.marks {
                mark_glyph(w, g.kind, g.at, g.r, &it.rect);
            }
            w.end("g");
        }
        for c in &more.continues {
            continues::chevron(w, c);
        }
        if let Some(s) = &more.status_glyph {
            w.open("g", &[("class", "status-glyph")], false);
            w.circle("", s.center, s.radius, &[]);
            w.text("glyph", &s.glyph);
            w.end("g");
        }
        variants::badges(w, &more.variants);
    }
    if it.link.is_some() {
        w.end("a");
    }
    insight::over(w, it);
    w.end("g");
}

fn legend_entry(w: &mut W<'_>, e: &LegendEntry, l: &Layout) {
    if let Some(key) = insight::legend_key(e.kind) {
        w.open("g", &[("class", "legend-entry"), ("data-mark", key)], false);
        insight::legend_symbol(w, e, l.radius);
        w.text("", &e.label);
        w.end("g");
        return;
    }
    let key = match e.kind {
        LegendKind::Touchpoint(t) => t.key(),
        LegendKind::Fail => "fail",
        LegendKind::FailImpact(i) => match i {
            Impact::High => "fail-high",
            Impact::Medium => "fail-medium",
            Impact::Low => "fail-low",
        },
        LegendKind::Wait => "wait",
        LegendKind::Note => "note",
        LegendKind::Link => "link",
        LegendKind::Flow => "flow",
        LegendKind::DashedFlow => "dashed-flow",
        LegendKind::BothFlow => "both-flow",
        LegendKind::CustomerPath => "customer-path",
        LegendKind::Emotion => "emotion",
        LegendKind::Curve(k) => {
            ["curve-1", "curve-2", "curve-3", "curve-4", "curve-5"][k as usize % 5]
        }
        LegendKind::Stub => "stub",
        LegendKind::Continues => "continues",
        LegendKind::NeedsFlow => "needs-flow",
        LegendKind::Variant(_) => "variant",
        LegendKind::Mark(m) => m.key(),
        LegendKind::Status(s) => match s {
            crate::model::Status::Observed => "status-observed",
            crate::model::Status::Assumed => "status-assumed",
            crate::model::Status::Proposed => "status-proposed",
        },
        LegendKind::LaneKind(_) | LegendKind::Tag(_) | LegendKind::Map => "",
    };
    w.open("g", &[("class", "legend-entry"), ("data-mark", key)], false);
    let s = &e.symbol;
    let (c, r) = (Point::new(s.cx(), s.cy()), s.h / 2.0);
    let line = |w: &mut W<'_>, class: &str, head: Head, both: bool| {
        let points = [Point::new(s.x, s.cy()), Point::new(s.right(), s.cy())];
        w.empty("path", &[("class", class), ("d", &path_d(&points))]);
        arrowheads(w, &points, l.arrow, both, head);
    };
    match e.kind {
        LegendKind::Touchpoint(t) => {
            shape(w, &format!("badge badge-{}", t.key()), t, c, r);
            w.text("badge-letter", &e.glyph);
        }
        LegendKind::Mark(MarkKind::Optional) => {
            w.open("g", &[("class", "swatch-status mark-optional")], false);
            w.rect("swatch card", s, l.radius / 2.0);
            w.end("g");
        }
        LegendKind::Mark(mk) => {
            w.open("g", &[("class", "marks")], false);
            mark_glyph(w, mk, c, r * 0.8, s);
            w.end("g");
        }
        LegendKind::Status(st) => {
            let class = ["swatch-status status-", st.key()].concat();
            w.open("g", &[("class", &class)], false);
            w.rect("swatch card", s, l.radius / 2.0);
            w.end("g");
        }
        LegendKind::FailImpact(i) => {
            let class = ["fail-point impact-", i.key()].concat();
            w.open("g", &[("class", &class), ("data-impact", i.key())], false);
            w.circle("", c, r * 0.8, &[]);
            w.text("glyph", &e.glyph);
            w.end("g");
        }
        LegendKind::Fail => {
            w.open("g", &[("class", "fail-point")], false);
            w.circle("", c, r * 0.8, &[]);
            w.text("glyph", &e.glyph);
            w.end("g");
        }
        LegendKind::Wait => {
            let m = Mark {
                center: c,
                radius: r * 0.8,
                glyph: Text::default(),
                text: Text::default(),
            };
            mark(w, "wait-point", &m, true, "length", &[]);
        }
        LegendKind::Note => {
            note_rule(w, c.x, s.y, s.bottom());
        }
        LegendKind::Link => {
            w.open("g", &[("class", "swatch-link")], false);
            w.rect("swatch", s, l.radius / 2.0);
            w.end("g");
        }
        LegendKind::Flow => line(w, "swatch-flow", Head::Plain, false),
        LegendKind::DashedFlow => line(w, "swatch-flow dashed", Head::Plain, false),
        LegendKind::BothFlow => line(w, "swatch-flow", Head::Plain, true),
        LegendKind::NeedsFlow => line(w, "swatch-flow dashed needs", Head::Open, false),
        LegendKind::CustomerPath => line(w, "swatch-flow customer-path", Head::CustomerPath, false),
        LegendKind::Stub => {
            w.open("g", &[("class", "swatch-stub")], false);
            w.rect("swatch", s, l.radius / 2.0);
            w.end("g");
        }
        LegendKind::Variant(_) => variants::legend_symbol(w, e),
        LegendKind::Continues => continues::legend(w, c, r * 0.8),
        LegendKind::LaneKind(_) | LegendKind::Tag(_) | LegendKind::Map => {}
        LegendKind::Curve(k) => curves::swatch(w, k as usize, s),
        LegendKind::Emotion => {
            w.open("g", &[("class", "emotion-key")], false);
            let d = path_d(&[Point::new(s.x, s.cy()), Point::new(s.right(), s.cy())]);
            w.empty("path", &[("d", &d)]);
            w.circle("", c, r / 2.0, &[]);
            w.end("g");
        }
    }
    // The link swatch's label is underlined (`.legend .link-label` in the stylesheet).
    let link = e.kind == LegendKind::Link;
    let style = Style {
        underline: link,
        italic: false,
    };
    w.text_styled(if link { "link-label" } else { "" }, &e.label, style);
    w.end("g");
}

mod variants;

mod continues;
mod curves;
mod marks;
#[cfg(test)]
mod tests;
