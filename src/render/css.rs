//! The `<style>` block: class rules built from the theme's palette, every selector scoped under the
//! diagram's own root class so two diagrams can share one HTML page and a user's CSS can override
//! any rule. Uses `theme` (palette and font family only).

use crate::model::Zone;
use crate::theme::Theme;
use std::fmt::Write;

/// Stroke widths and dash patterns: part of the visual language, not of the geometry, so they
/// live with the class rules (a user's CSS may change them without moving anything).
const STROKE_CARD: &str = "1.25";
const STROKE_FLOW: &str = "1.5";
const STROKE_CUSTOMER_PATH: &str = "2";
const STROKE_EMOTION: &str = "2.5";
const DASH_FLOW: &str = "5 4";
const DASH_ZONE_LINE: &str = "7 5";
const STROKE_ZONE_LINE: &str = "1.5";

/// The stylesheet for a diagram whose root has class `root`.
pub(super) fn stylesheet(root: &str, theme: &Theme) -> String {
    let p = &theme.palette;
    let mut s = String::new();
    let mut rule = |sel: &str, body: String| {
        let scoped: Vec<String> = sel
            .split(',')
            .map(|x| format!(".{root} {}", x.trim()))
            .collect();
        let _ = write!(s, "{}{{{body}}}", scoped.join(","));
    };
    s_root(&mut rule, root, theme);
    rule(".background", format!("fill:{}", p.background));
    rule("text", format!("fill:{}", p.text));
    rule(
        ".subtitle,.duration,.scale text",
        format!("fill:{}", p.muted),
    );
    rule(".phase rect", format!("fill:{}", p.phase_fill));
    rule(".phase text", format!("fill:{}", p.phase_text));
    rule(
        ".step .header",
        format!("fill:{};stroke:{}", p.header_fill, p.header_stroke),
    );
    for (k, c) in ["brand", "partner", "customer", "social"]
        .iter()
        .zip(p.touchpoints)
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
            format!("stroke:{};stroke-width:1;stroke-opacity:0.4", c.accent),
        );
        rule(
            &format!(".lane.zone-{k} .label-bg"),
            format!("fill:{}", c.label),
        );
        rule(
            &format!(".item.zone-{k} .card"),
            format!(
                "fill:{};stroke:{};stroke-width:{STROKE_CARD}",
                c.card, c.accent
            ),
        );
    }
    rule(".fail-point circle", format!("fill:{}", p.fail));
    rule(
        ".fail-point .cause",
        format!("fill:{};font-weight:600", p.fail),
    );
    rule(".wait-point circle", format!("fill:{}", p.wait));
    rule(
        ".wait-point .hands",
        format!(
            "fill:none;stroke:{};stroke-width:1.5;stroke-linecap:round",
            p.on_mark
        ),
    );
    rule(".wait-point .length", format!("fill:{}", p.wait));
    rule(".note", format!("fill:{};font-style:italic", p.muted));
    rule(".note-rule", format!("stroke:{};stroke-width:2", p.muted));
    rule(
        "a .words",
        format!("fill:{};text-decoration:underline", p.link),
    );
    rule(
        ".zone-rule line",
        format!(
            "stroke:{};stroke-width:{STROKE_ZONE_LINE};stroke-dasharray:{DASH_ZONE_LINE}",
            p.zone_line
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
            "fill:none;stroke:{};stroke-width:{STROKE_FLOW};stroke-linejoin:round",
            p.flow
        ),
    );
    rule(
        ".flow.customer-path,.swatch-flow.customer-path",
        format!(
            "stroke:{};stroke-width:{STROKE_CUSTOMER_PATH}",
            p.customer_path
        ),
    );
    rule(
        ".flow.dashed,.swatch-flow.dashed",
        format!("stroke-dasharray:{DASH_FLOW}"),
    );
    rule(".arrowhead", format!("fill:{}", p.flow));
    rule(".arrowhead.cp", format!("fill:{}", p.customer_path));
    rule(
        ".flow-label rect",
        format!(
            "fill:{};stroke:{};stroke-width:0.75",
            p.flow_label_fill, p.header_stroke
        ),
    );
    rule(".flow-label text", format!("fill:{}", p.text));
    rule(".emotion-band .plot", format!("fill:{}", p.emotion_fill));
    rule(
        ".emotion-band line",
        format!("stroke:{};stroke-width:1", p.emotion_grid),
    );
    rule(
        ".emotion path,.emotion-key path",
        format!(
            "fill:none;stroke:{};stroke-width:{STROKE_EMOTION};stroke-linecap:round",
            p.emotion
        ),
    );
    rule(
        ".emotion circle,.emotion-key circle",
        format!("fill:{};stroke:{};stroke-width:2", p.background, p.emotion),
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

fn s_root(rule: &mut impl FnMut(&str, String), _root: &str, theme: &Theme) {
    // The root itself: `.{root} ` + "" would select descendants only, so the family is set on
    // every text instead (same effect, and still overridable).
    rule("text", format!("font-family:{}", theme.fonts.family));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_scoped_and_has_no_stray_braces() {
        let css = stylesheet("bp-123", &Theme::light());
        for r in css.split('}').filter(|r| !r.is_empty()) {
            let (sel, body) = r.split_once('{').expect("rule");
            assert!(!body.contains('{'));
            for s in sel.split(',') {
                assert!(s.starts_with(".bp-123 "), "unscoped selector {s}");
            }
        }
        assert!(css.contains("font-family:Inter, 'Helvetica Neue', Helvetica, Arial, sans-serif"));
    }
}
