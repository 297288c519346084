//! The `<style>` block: class rules built from the theme's palette, every selector scoped under the
//! diagram's own root id so two diagrams can share one HTML page, and a guard that keeps a page's
//! own CSS out of the figure ([`guard`]). Uses `theme` (palette, strokes and font family).

use crate::model::Zone;
use crate::theme::Theme;

/// How the document carries its text, as far as the stylesheet cares.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Options<'a> {
    /// The family name of the embedded fonts, put first in the `font-family` list.
    pub embedded_family: Option<&'a str>,
    /// Text is drawn as glyph outlines in `<g class="... text">` groups: rules written for the
    /// `text` element select the class `.text` instead, and no font is named.
    pub paths: bool,
}

/// Appends one rule, every selector of `sel` scoped under the root id `root`; in paths mode a
/// `text` element selector becomes the class `.text` the outlines carry. The id, not the root's
/// class of the same name, so that every rule outranks a page's class selectors (a framework's
/// `.card`, `.title`, `.badge:empty`) and the [`guard`].
fn scoped_rule(s: &mut String, root: &str, opts: &Options<'_>, sel: &str, body: &str) {
    let text = if opts.paths { ".text" } else { "text" };
    for (i, x) in sel.split(',').enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push('#');
        s.push_str(root);
        let mut parts = x.split_whitespace().peekable();
        if parts.peek().is_none() {
            s.push(' ');
        }
        for t in parts {
            s.push(' ');
            s.push_str(if t == "text" { text } else { t });
        }
    }
    s.push('{');
    s.push_str(body);
    s.push('}');
}

/// What keeps an HTML page's own CSS out of the figure (issue 18): a page's rules reach an
/// inlined SVG's elements through their generic class names and by inheritance (Bootstrap's
/// `.card` sets `height` and collapses every card, `.badge:empty` hides the touch-point badges,
/// Bulma's `.title` enlarges the title, `a { text-decoration: underline }` underlines a linked
/// card's note, a page's `font-size` or `letter-spacing` reaches text that sets none).
///
/// - Every element below the root: `all: revert-layer`, under the root's id, so it outranks any
///   class selector a framework has. That rolls every property back past all unlayered rules,
///   the page's included, to the browser's defaults and the element's presentation attributes
///   (`x`, `height`, `font-size`, `fill`, ...). The figure's own rules are scoped the same way
///   plus a selector of their own, so they outrank the guard and still apply; a user who means
///   to restyle the figure writes `#ID .card{...}` or `!important`.
/// - The root: what its children would inherit from the page, set to the initial values; its
///   width its own (Bulma's `svg { width: auto }` would size it anew), its height following
///   its width, so a page's `max-width: 100%` still shrinks it to a column, undistorted.
///   Where the figure sits (display, margins, vertical alignment) stays the page's.
///
/// In `@supports`, so a browser without `revert-layer` skips it whole, and so do resvg and krilla
/// (usvg's CSS parser skips at-rules): PNG and PDF do not change.
fn guard(s: &mut String, root: &str) {
    s.push_str("@supports (all:revert-layer){#");
    s.push_str(root);
    s.push_str(
        "{color:#000;fill:#000;fill-opacity:1;fill-rule:nonzero;stroke:none;stroke-width:1px;\
         stroke-opacity:1;stroke-dasharray:none;stroke-dashoffset:0;stroke-linecap:butt;\
         stroke-linejoin:miter;stroke-miterlimit:4;paint-order:normal;\
         font:400 16px/normal sans-serif;font-feature-settings:normal;\
         font-variation-settings:normal;font-kerning:auto;font-optical-sizing:auto;\
         letter-spacing:normal;word-spacing:normal;text-transform:none;text-rendering:auto;\
         text-shadow:none;text-anchor:start;dominant-baseline:auto;white-space:normal;\
         writing-mode:horizontal-tb;visibility:visible;text-decoration:none;cursor:auto;\
         pointer-events:auto;-webkit-font-smoothing:auto;-moz-osx-font-smoothing:auto;text-size-adjust:auto;\
         width:revert-layer;height:auto}#",
    );
    s.push_str(root);
    s.push_str(" *{all:revert-layer}}");
}

/// The whole stylesheet of a diagram whose root has id `root`: the rules, the stand-ins' when
/// it has some (`stubs`) and format 1.1's when it draws some of that (`format_1_1`).
pub(super) fn document(
    root: &str,
    theme: &Theme,
    opts: &Options<'_>,
    l: &crate::layout::Layout,
) -> String {
    let mut s = stylesheet(root, theme, opts);
    if !l.stubs.is_empty() {
        s.push_str(&stub_stylesheet(root, theme, opts));
    }
    // Each part of format 1.1 adds its rules only when drawn: other figures keep their bytes.
    if l.uses_format_1_1() {
        s.push_str(&format_1_1_stylesheet(root, theme, opts, l));
        if l.uses_spans() {
            s.push_str(&spans_stylesheet(root, theme, opts));
        }
    }
    if l.uses_insight() {
        s.push_str(&insight_stylesheet(root, theme, opts));
    }
    if l.uses_curves_or_loops() {
        s.push_str(&curves_stylesheet(root, theme, opts));
    }
    s
}

/// The stylesheet for a diagram whose root has id `root`.
pub(super) fn stylesheet(root: &str, theme: &Theme, opts: &Options<'_>) -> String {
    let p = &theme.palette;
    let st = &theme.strokes;
    let dash = |d: [f64; 2]| format!("{} {}", d[0], d[1]);
    let mut s = String::new();
    guard(&mut s, root);
    let mut rule = |sel: &str, body: String| scoped_rule(&mut s, root, opts, sel, &body);
    if !opts.paths {
        s_root(&mut rule, theme, opts.embedded_family);
    }
    rule(".background", format!("fill:{}", p.background));
    rule("text", format!("fill:{}", p.text));
    rule(
        ".subtitle,.duration,.scale text",
        format!("fill:{}", p.muted),
    );
    rule(
        ".phase rect",
        format!(
            "fill:{};stroke:{};stroke-width:{}",
            p.phase_fill, p.phase_stroke, st.phase
        ),
    );
    rule(".phase text", format!("fill:{}", p.phase_text));
    rule(
        ".step .header",
        format!("fill:{};stroke:{}", p.header_fill, p.header_stroke),
    );
    for (k, c) in ["brand", "partner", "customer", "social"]
        .iter()
        .zip(&p.touchpoints)
    {
        rule(&format!(".badge-{k}"), format!("fill:{c}"));
    }
    rule(
        ".badge-letter,.fail-point .glyph",
        format!("fill:{}", p.on_mark),
    );
    for (z, c) in Zone::ALL.iter().zip(&p.zones) {
        let k = z.key();
        rule(&format!(".lane.zone-{k} .band"), format!("fill:{}", c.band));
        rule(
            &format!(".lane-rule.zone-{k}"),
            // Full strength: a lane's edge is a boundary like a card's (3:1, WCAG 1.4.11).
            format!("stroke:{};stroke-width:{}", c.accent, st.lane_rule),
        );
        rule(
            &format!(".lane.zone-{k} .label-bg"),
            format!("fill:{}", c.label),
        );
        rule(
            &format!(".item.zone-{k} .card"),
            format!(
                "fill:{};stroke:{};stroke-width:{}",
                c.card, c.accent, st.card
            ),
        );
    }
    rule(".fail-point circle", format!("fill:{}", p.fail));
    // Bold through the layout's `font-weight="700"`, the weight it was measured in; a CSS
    // weight here would override that attribute and draw what was never measured.
    rule(".fail-point .cause", format!("fill:{}", p.fail));
    rule(".wait-point circle", format!("fill:{}", p.wait));
    rule(
        ".wait-point .hands",
        format!(
            "fill:none;stroke:{};stroke-width:{};stroke-linecap:round",
            p.on_mark, st.clock_hands
        ),
    );
    rule(".wait-point .length", format!("fill:{}", p.wait));
    rule(".note", format!("fill:{};font-style:italic", p.muted));
    rule(
        ".note-rule",
        format!("stroke:{};stroke-width:{}", p.muted, st.note_rule),
    );
    rule(
        "a .words",
        format!("fill:{};text-decoration:underline", p.link),
    );
    rule(
        ".zone-rule line",
        format!(
            "stroke:{};stroke-width:{};stroke-dasharray:{}",
            p.zone_line,
            st.zone_line,
            dash(st.zone_line_dash)
        ),
    );
    rule(
        ".zone-rule text",
        format!("fill:{};font-style:italic", p.zone_line),
    );
    // Legend swatches share the flows' look but not their class, so `.flow` selects only real
    // arrows (the SVG contract: every `.flow` has data-from and data-to).
    rule(
        ".flow,.swatch-flow",
        format!(
            "fill:none;stroke:{};stroke-width:{};stroke-linejoin:round",
            p.flow, st.flow
        ),
    );
    rule(
        ".flow.customer-path,.swatch-flow.customer-path",
        format!(
            "stroke:{};stroke-width:{}",
            p.customer_path, st.customer_path
        ),
    );
    if !st.customer_path_dash.is_empty() {
        let d: Vec<String> = st.customer_path_dash.iter().map(f64::to_string).collect();
        rule(
            ".flow.customer-path,.swatch-flow.customer-path",
            format!("stroke-dasharray:{}", d.join(" ")),
        );
    }
    rule(
        ".flow.dashed,.swatch-flow.dashed",
        format!("stroke-dasharray:{}", dash(st.flow_dash)),
    );
    rule(".arrowhead", format!("fill:{}", p.flow));
    rule(".arrowhead.cp", format!("fill:{}", p.customer_path));
    rule(
        ".flow-label rect",
        format!(
            "fill:{};stroke:{};stroke-width:{}",
            p.flow_label_fill, p.header_stroke, st.flow_label
        ),
    );
    rule(".flow-label text", format!("fill:{}", p.text));
    rule(".emotion-band .plot", format!("fill:{}", p.emotion_fill));
    rule(
        ".emotion-band line",
        format!("stroke:{};stroke-width:{}", p.emotion_grid, st.emotion_grid),
    );
    rule(
        ".emotion path,.emotion-key path",
        format!(
            "fill:none;stroke:{};stroke-width:{};stroke-linecap:round",
            p.emotion, st.emotion
        ),
    );
    rule(
        ".emotion circle,.emotion-key circle",
        format!(
            "fill:{};stroke:{};stroke-width:{}",
            p.background, p.emotion, st.emotion_point
        ),
    );
    rule(
        ".legend .legend-box",
        format!("fill:{};stroke:{}", p.background, p.legend_stroke),
    );
    rule(
        ".legend .link-label",
        format!("fill:{};text-decoration:underline", p.link),
    );
    rule(
        ".legend .swatch",
        format!("fill:{};stroke:{}", p.zones[1].card, p.zones[1].accent),
    );
    s
}

/// The rules for a cut's stand-ins, added only to a diagram that has them (so every uncut
/// diagram's stylesheet stays as it was): dashed, unfilled, muted, so they read as "elsewhere",
/// not as cards.
pub(super) fn stub_stylesheet(root: &str, theme: &Theme, opts: &Options<'_>) -> String {
    let p = &theme.palette;
    let st = &theme.strokes;
    let dash = |d: [f64; 2]| format!("{} {}", d[0], d[1]);
    let mut s = String::new();
    let mut rule = |sel: &str, body: String| scoped_rule(&mut s, root, opts, sel, &body);
    rule(
        ".stub .card,.swatch-stub .swatch",
        format!(
            "fill:{};stroke:{};stroke-width:{};stroke-dasharray:{}",
            p.background,
            p.muted,
            st.card,
            dash(st.flow_dash)
        ),
    );
    rule(
        ".stub .words",
        format!("fill:{};font-style:italic", p.muted),
    );
    rule(
        ".stub-steps .header",
        format!(
            "fill:{};stroke:{};stroke-dasharray:{}",
            p.background,
            p.header_stroke,
            dash(st.flow_dash)
        ),
    );
    rule(
        ".stub-steps text,.stub-lanes text",
        format!("fill:{}", p.muted),
    );
    rule(
        ".stub-lanes .band,.stub-lanes .label-bg",
        format!("fill:{}", p.background),
    );
    s
}

/// The rules for spanning cards' "continues" chevrons (format 1.1 `until`), added only to a
/// diagram that has a spanning card (so other 1.1 diagrams' stylesheets stay as they were):
/// drawn as the marks are, a dark glyph on a background disc.
pub(super) fn spans_stylesheet(root: &str, theme: &Theme, opts: &Options<'_>) -> String {
    let p = &theme.palette;
    let mut s = String::new();
    scoped_rule(
        &mut s,
        root,
        opts,
        ".continues .mark-bg",
        &format!("fill:{};stroke:{};stroke-width:1", p.background, p.muted),
    );
    scoped_rule(
        &mut s,
        root,
        opts,
        ".continues .stroke",
        &format!(
            "fill:none;stroke:{};stroke-width:1.5;stroke-linecap:round;stroke-linejoin:round",
            p.text
        ),
    );
    s
}

/// The rules for what format 1.1 adds, added only to a diagram that draws some of it (so every
/// version 1 diagram's stylesheet stays as it was, byte for byte).
pub(super) fn format_1_1_stylesheet(
    root: &str,
    theme: &Theme,
    opts: &Options<'_>,
    l: &crate::layout::Layout,
) -> String {
    let p = &theme.palette;
    let mut s = String::new();
    let mut rule = |sel: &str, body: String| scoped_rule(&mut s, root, opts, sel, &body);
    rule(
        ".lane-description,.phase .phase-description",
        format!("fill:{}", p.muted),
    );
    // Fail impact: medium filled amber, low outlined (the marker's letter then in the fail
    // colour); high as a plain fail point. The words on the card say high and medium too.
    rule(
        ".fail-point.impact-medium circle",
        format!("fill:{}", p.wait),
    );
    rule(
        ".fail-point.impact-low circle",
        format!(
            "fill:{};stroke:{};stroke-width:{}",
            p.background, p.fail, theme.strokes.card
        ),
    );
    rule(".fail-point.impact-low .glyph", format!("fill:{}", p.fail));
    rule(
        ".fail-point.impact-medium .cause",
        format!("fill:{}", p.wait),
    );
    // Marks: dark glyphs on a background disc (shape, not colour, tells them apart).
    rule(
        ".marks .mark-bg",
        format!("fill:{};stroke:{};stroke-width:1", p.background, p.muted),
    );
    rule(
        ".marks .stroke",
        format!(
            "fill:none;stroke:{};stroke-width:1.5;stroke-linecap:round;stroke-linejoin:round",
            p.text
        ),
    );
    rule(".marks .star,.marks .diamond", format!("fill:{}", p.text));
    rule(".mark-optional .card", "stroke-dasharray:5 3".to_string());
    // Status: assumed dashed with a "?", proposed dotted and tinted; the owner muted.
    rule(".status-assumed .card", "stroke-dasharray:6 3".to_string());
    rule(
        ".status-proposed .card",
        "stroke-dasharray:1.5 3;stroke-linecap:round".to_string(),
    );
    // The tint is a strip along the card's left edge, under no text, so every text keeps
    // the card's own background (and its checked contrast).
    for (z, c) in Zone::ALL.iter().zip(&p.zones) {
        rule(
            &format!(".item.zone-{} .status-tint", z.key()),
            format!("fill:{}", c.accent),
        );
    }
    rule(".status-tint", "fill-opacity:0.3".to_string());
    rule(
        ".status-glyph circle",
        format!("fill:{};stroke:{};stroke-width:1", p.background, p.text),
    );
    rule(".status-glyph .glyph", format!("fill:{}", p.text));
    rule(".owner", format!("fill:{}", p.muted));
    rule(
        ".arrowhead.open",
        format!(
            "fill:none;stroke:{};stroke-width:1.5;stroke-linejoin:round",
            p.flow
        ),
    );
    rule(
        ".emotion-label",
        format!("fill:{};font-style:italic", p.muted),
    );
    // Variant badges, when drawn (so no other figure's stylesheet changes): an outlined pill
    // (no fill: the card's or the page's shows through, so the id keeps the contrast checked
    // for card text) and the id in the text colour.
    if l.items
        .iter()
        .any(|i| i.more.as_ref().is_some_and(|m| !m.variants.is_empty()))
    {
        rule(
            ".variant-badge .pill",
            format!("fill:none;stroke:{};stroke-width:1", p.muted),
        );
        rule(".variant-badge .variant-id", format!("fill:{}", p.text));
    }
    s
}

/// The rules for format 1.1's insight parts (lane kinds and the insight zone, tags, card
/// badges, maps, numbered notes), added only to a diagram that draws some of them.
pub(super) fn insight_stylesheet(root: &str, theme: &Theme, opts: &Options<'_>) -> String {
    let mut s = String::new();
    let mut rule = |sel: &str, body: String| scoped_rule(&mut s, root, opts, sel, &body);
    super::insight::css(&mut rule, theme);
    s
}

/// The rules of the declared emotion curves and the phases' loops (format 1.1), added only
/// when a figure draws either, so other figures' stylesheets stay as they were.
pub(super) fn curves_stylesheet(root: &str, theme: &Theme, opts: &Options<'_>) -> String {
    let p = &theme.palette;
    let mut s = String::new();
    let mut rule = |sel: &str, body: String| scoped_rule(&mut s, root, opts, sel, &body);
    // Declared curves: each its colour and dash pattern (a line of its own even in print,
    // where every colour is black) and, drawn by svg.rs, its point shape.
    let st = &theme.strokes;
    for (k, (color, dash)) in curve_looks(theme).into_iter().enumerate() {
        let c = k + 1;
        rule(
            &format!(".curve-{c} .line"),
            format!("stroke:{color};stroke-dasharray:{dash}"),
        );
        rule(
            &format!(".curve-{c} .emotion-point,.curve-{c} .curve-mark"),
            format!("stroke:{color}"),
        );
    }
    rule(
        ".emotion-point.shape,.curve-mark.shape",
        format!(
            "fill:{};stroke-width:{};stroke-linejoin:round",
            p.background, st.emotion_point
        ),
    );
    rule(".curve-name", format!("fill:{}", p.text));
    // A curve's name sits in its `g.emotion`: as outlines its glyphs are paths, which the
    // curve line's `.emotion path` would stroke and leave unfilled.
    rule(".curve-name path", format!("fill:{};stroke:none", p.text));
    // The phases' loops: a flow-coloured arc, its label on a box as a flow's.
    rule(
        ".loop-arc",
        format!("fill:none;stroke:{};stroke-width:{}", p.flow, st.flow),
    );
    rule(
        ".loop-label rect",
        format!(
            "fill:{};stroke:{};stroke-width:{}",
            p.flow_label_fill, p.header_stroke, st.flow_label
        ),
    );
    rule(".loop-label text", format!("fill:{}", p.text));
    s
}

/// Each declared curve's colour and dash pattern, in curve order: the theme's emotion colour
/// solid first, then the touch-point colours, each with a dash pattern of its own.
pub(crate) fn curve_looks(theme: &Theme) -> [(String, &'static str); 5] {
    let p = &theme.palette;
    let t = &p.touchpoints;
    [
        (p.emotion.to_string(), "none"),
        (t[0].to_string(), "7 4"),
        (t[2].to_string(), "1 4"),
        (t[1].to_string(), "10 3 2 3"),
        (t[3].to_string(), "3 3"),
    ]
}

fn s_root(rule: &mut impl FnMut(&str, String), theme: &Theme, embedded: Option<&str>) {
    // The root itself: `.{root} ` + "" would select descendants only, so the family is set on
    // every text instead (same effect, and still overridable). The embedded subsets come
    // first; the named families stay for the characters they lack and for viewers that ignore
    // `@font-face` (resvg and krilla among them, which find Inter by name).
    let family = match embedded {
        Some(f) => format!("'{f}', {}", theme.fonts.family),
        None => theme.fonts.family.to_string(),
    };
    rule("text", format!("font-family:{family}"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_scoped_and_has_no_stray_braces() {
        let css = stylesheet("bp-123", &Theme::light(), &Options::default())
            + &stub_stylesheet("bp-123", &Theme::light(), &Options::default());
        let guard = "#bp-123 *{all:revert-layer}}";
        let (guard_block, css) = css.split_at(css.find(guard).expect("the guard") + guard.len());
        assert!(guard_block.starts_with("@supports (all:revert-layer){#bp-123{"));
        for r in css.split('}').filter(|r| !r.is_empty()) {
            let (sel, body) = r.split_once('{').expect("rule");
            assert!(!body.contains('{'));
            for s in sel.split(',') {
                assert!(s.starts_with("#bp-123 "), "unscoped selector {s}");
            }
        }
        assert!(css.contains("font-family:Inter, 'Helvetica Neue', Helvetica, Arial, sans-serif"));
    }

    #[test]
    fn the_embedded_family_comes_first_and_paths_select_the_text_class() {
        let theme = Theme::light();
        let embedded = Options {
            embedded_family: Some("bp-123-inter"),
            paths: false,
        };
        let css = stylesheet("bp-123", &theme, &embedded);
        assert!(css.contains("#bp-123 text{font-family:'bp-123-inter', Inter, "));
        let paths = Options {
            embedded_family: None,
            paths: true,
        };
        let css = stylesheet("bp-123", &theme, &paths);
        assert!(!css.contains("font-family"));
        assert!(css.contains("#bp-123 .phase .text{"), "{css}");
        assert!(!css.split(['{', '}', ',', ' ']).any(|t| t == "text"));
    }
}
