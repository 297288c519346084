//! Themes as data: a named palette and stroke widths (read only by `render`), font sizes and
//! metrics (spacing, read only by `layout`). One file per job: `types.rs` holds [`Theme`] and its
//! parts, `builtin.rs` the built-ins (`light`, the default, `dark`, `print` and
//! `high-contrast`), `file.rs` reads a custom theme file over one of them, `color.rs` holds the
//! colour type and its WCAG contrast, and `checks.rs` says which text is drawn on which fill, so
//! every theme's contrast can be checked. The colour-difference measures the built-ins are
//! tested with (colour-blind simulation, CIEDE2000) are in `vision.rs`, a test module.
//! Uses `validate` (the theme names and the key machinery), `parse`, `diag` and `span` (theme
//! files).
//!
//! Every tuning number of the drawing lives in `builtin.rs` with its reason, so layout code holds no spacing
//! literals and render code no colour literals (style.md §4).

mod builtin;
mod checks;
mod color;
mod file;
mod types;
#[cfg(test)]
mod vision;

pub use checks::{PAIN_TINT_OPACITY, Pair, PairKind};
pub use color::{Color, rgb};
pub use types::{Fonts, Metrics, Palette, Strokes, Theme, ZoneColors};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::keys::THEMES;
    use file::{FONTS, MIN_FONT};
    use vision::{MIN_CATEGORY_DIFFERENCE, Vision};

    fn built_ins() -> Vec<Theme> {
        THEMES
            .iter()
            .map(|n| Theme::named(n).expect("built-in"))
            .collect()
    }

    #[test]
    fn built_ins_are_found_by_name() {
        for name in THEMES {
            assert_eq!(Theme::named(name).map(|t| t.name), Some(name.to_string()));
        }
        assert!(Theme::named("neon").is_none());
        assert_eq!(Theme::default().name, "light");
    }

    /// WCAG 2.x, SC 1.4.3 and 1.4.11: every text at 4.5:1 (3:1 when large) and every mark that
    /// carries meaning at 3:1 against what it is drawn on; `high-contrast` at AAA, 7:1 (4.5:1
    /// large), with card borders at 4.5:1. The pairs come from the theme data, so a new theme
    /// is covered by adding its name to `THEMES`.
    #[test]
    fn every_theme_meets_wcag_contrast() {
        for t in built_ins() {
            let aaa = t.name == "high-contrast";
            let problems: Vec<String> = t
                .contrast_problems(aaa)
                .iter()
                .map(|(p, need)| {
                    format!(
                        "{} on {} is {:.2}:1, needs {need}:1 ({})",
                        p.fg,
                        p.bg,
                        p.ratio(),
                        p.what
                    )
                })
                .collect();
            assert!(problems.is_empty(), "{}:\n{}", t.name, problems.join("\n"));
            let text_min = t
                .pairs()
                .iter()
                .filter(|p| matches!(p.kind, PairKind::Text { .. }))
                .map(Pair::ratio)
                .fold(f64::INFINITY, f64::min);
            assert!(
                text_min >= if aaa { 7.0 } else { 4.5 },
                "{}: {text_min}",
                t.name
            );
        }
        for p in Theme::high_contrast().border_pairs() {
            assert!(
                p.ratio() >= 4.5,
                "high-contrast: {} is {:.2}:1",
                p.what,
                p.ratio()
            );
        }
    }

    /// Every card border, step header box, lane line (the rule between two lanes of one
    /// zone, the zone lines), phase band edge, flow line and box edge reaches 3:1 against the
    /// fill it sits on (WCAG 1.4.11), in every built-in theme; and each of those kinds is
    /// checked (the list names them all).
    #[test]
    fn every_border_and_line_reaches_3_to_1_on_what_it_sits_on() {
        for t in built_ins() {
            let lines: Vec<Pair> = t
                .pairs()
                .into_iter()
                .filter(|p| p.kind == PairKind::Graphic)
                .collect();
            for kind in [
                "a card's border on a lane in the backstage zone",
                "a step header's border on the page",
                "a phase band's border on the page",
                "the rule between two lanes of the evidence zone, across their label gutter",
                "a zone line across the label gutter of a lane in the onstage zone",
                "a flow arrow over a lane in the support zone",
                "the customer path over the customer lane",
                "a flow label's box over a lane in the evidence zone",
            ] {
                assert!(
                    lines.iter().any(|p| p.what == kind),
                    "{}: no {kind}",
                    t.name
                );
            }
            let low: Vec<String> = lines
                .iter()
                .filter(|p| p.ratio() < 3.0)
                .map(|p| format!("{} ({} on {}): {:.2}:1", p.what, p.fg, p.bg, p.ratio()))
                .collect();
            assert!(low.is_empty(), "{}:\n{}", t.name, low.join("\n"));
        }
    }

    /// Phase bands frame the steps and stay quieter than the content: a faint tint on the page
    /// (not a block of ink), an edge no heavier than a card's, words no stronger than a card's.
    #[test]
    fn phase_bands_are_quieter_than_the_cards() {
        for t in built_ins() {
            let p = &t.palette;
            let tint = p.phase_fill.contrast(p.background);
            assert!(
                tint <= 1.25,
                "{}: phase band {tint:.2}:1 on the page",
                t.name
            );
            assert!(t.strokes.phase <= t.strokes.card, "{}", t.name);
            let words = p.phase_text.contrast(p.phase_fill);
            let card = p.text.contrast(p.zones[1].card);
            assert!(
                words <= card,
                "{}: phase words {words:.2}:1, card words {card:.2}:1",
                t.name
            );
        }
    }

    /// In `print` every flow is black: the customer path has a dash pattern of its own, unlike
    /// a dashed flow's and a zone line's, so it differs by more than its width.
    #[test]
    fn print_customer_path_differs_by_its_dash() {
        let s = Theme::print().strokes;
        assert!(!s.customer_path_dash.is_empty());
        assert_ne!(s.customer_path_dash, s.flow_dash.to_vec());
        assert_ne!(s.customer_path_dash, s.zone_line_dash.to_vec());
        for t in built_ins() {
            let same_ink = t.palette.customer_path == t.palette.flow;
            assert!(
                !same_ink || !t.strokes.customer_path_dash.is_empty(),
                "{}",
                t.name
            );
        }
    }

    /// Touch-point colours and zone colours (card borders) either all differ by at least
    /// [`MIN_CATEGORY_DIFFERENCE`] (CIEDE2000) under normal vision and simulated protanopia,
    /// deuteranopia and tritanopia, or are all the same, leaving the categories to the
    /// non-colour cues every theme has (badge shape and letter, lane labels, zone lines;
    /// `tests/render/themes.rs` checks those in the SVG).
    #[test]
    fn category_colours_stay_apart_for_colour_blind_readers() {
        for t in built_ins() {
            let p = &t.palette;
            let accents: Vec<Color> = p.zones.iter().map(|z| z.accent).collect();
            for (what, set) in [("touch points", p.touchpoints.to_vec()), ("zones", accents)] {
                if set.iter().all(|c| *c == set[0]) {
                    continue;
                }
                let (d, vision, a, b) = vision::min_difference(&set).expect("two colours");
                assert!(
                    d >= MIN_CATEGORY_DIFFERENCE,
                    "{} {what}: {} and {} differ by only {d:.1} under {}",
                    t.name,
                    set[a],
                    set[b],
                    vision.name()
                );
            }
        }
    }

    /// Zones are told apart by their labels and, between most of them, by a labelled zone
    /// line; where no line runs (physical evidence above customer actions) the two gutters
    /// must differ visibly, under every vision: CIEDE2000 at least 5 (large areas side by side).
    #[test]
    fn zones_without_a_line_between_them_have_different_gutters() {
        use crate::model::{Zone, ZoneLine};
        for t in built_ins() {
            for pair in Zone::ALL.windows(2) {
                if ZoneLine::ALL
                    .iter()
                    .any(|l| l.zones() == (pair[0], pair[1]))
                {
                    continue;
                }
                let [a, b] = [pair[0], pair[1]].map(|z| t.palette.zones[z as usize].label);
                let (d, v, _, _) = vision::min_difference(&[a, b]).expect("two");
                assert!(
                    d >= 5.0,
                    "{}: {a} and {b} differ by {d:.1} under {}",
                    t.name,
                    v.name()
                );
            }
        }
    }

    #[test]
    fn print_is_greyscale_and_colour_carries_nothing() {
        let t = Theme::print();
        let json = serde_json::to_value(&t.palette).expect("palette");
        let mut colours = Vec::new();
        collect_strings(&json, &mut colours);
        assert!(colours.len() > 20);
        for c in colours {
            assert!(
                Color::parse(&c).expect("colour").is_grey(),
                "print uses {c}"
            );
        }
        assert!(
            t.palette
                .touchpoints
                .iter()
                .all(|c| *c == t.palette.touchpoints[0])
        );
    }

    fn collect_strings(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(a) => a.iter().for_each(|x| collect_strings(x, out)),
            serde_json::Value::Object(o) => o.values().for_each(|x| collect_strings(x, out)),
            _ => {}
        }
    }

    /// The theme-file keys reach every colour slot and font size, and the keys the contrast
    /// pairs name are real, so a `low-contrast` warning always points at a key one can write.
    #[test]
    fn theme_file_keys_cover_the_palette_and_fonts() {
        let mut t = Theme::light();
        let json = serde_json::to_value(&t.palette).expect("palette");
        let mut colours = Vec::new();
        collect_strings(&json, &mut colours);
        let mut keys: Vec<String> = file::PALETTE.iter().map(|k| k.to_string()).collect();
        for z in crate::model::Zone::ALL {
            for part in ["band", "label", "card", "accent"] {
                keys.push(format!("zones.{}.{part}", z.key()));
            }
        }
        for tp in crate::model::Touchpoint::ALL {
            keys.push(format!("touchpoints.{}", tp.key()));
        }
        assert_eq!(keys.len(), colours.len(), "one key per colour slot");
        for (i, k) in keys.iter().enumerate() {
            // Give each slot a distinct colour through its key; all must land in different slots.
            *t.palette
                .slot_mut(k)
                .unwrap_or_else(|| panic!("no slot {k}")) = rgb(i as u32 + 1);
        }
        let mut after = Vec::new();
        collect_strings(
            &serde_json::to_value(&t.palette).expect("palette"),
            &mut after,
        );
        after.sort();
        after.dedup();
        assert_eq!(after.len(), keys.len(), "every key sets its own slot");
        for p in t.pairs().iter().chain(&t.border_pairs()) {
            assert!(
                keys.contains(&p.fg_key) && keys.contains(&p.bg_key),
                "{p:?}"
            );
        }
        for t in built_ins() {
            let mut fonts = t.fonts.clone();
            for (k, max) in FONTS {
                let size = *fonts.size_mut(k).unwrap_or_else(|| panic!("no size {k}"));
                assert!((MIN_FONT..=*max).contains(&size), "{} {k} = {size}", t.name);
            }
        }
    }

    /// `cargo test --lib theme_figures -- --ignored --nocapture`: the least contrast and colour
    /// difference of each built-in (the figures docs/themes.md quotes).
    #[test]
    #[ignore]
    fn theme_figures() {
        for t in built_ins() {
            let min = |text: bool| {
                t.pairs()
                    .into_iter()
                    .filter(|p| matches!(p.kind, PairKind::Text { .. }) == text)
                    .min_by(|a, b| a.ratio().total_cmp(&b.ratio()))
                    .expect("pairs")
            };
            let (tx, gr) = (min(true), min(false));
            println!(
                "{:14} text {:.2}:1 ({}), graphics {:.2}:1 ({})",
                t.name,
                tx.ratio(),
                tx.what,
                gr.ratio(),
                gr.what
            );
            let accents: Vec<Color> = t.palette.zones.iter().map(|z| z.accent).collect();
            for (what, set) in [
                ("touch points", t.palette.touchpoints.to_vec()),
                ("zones", accents),
            ] {
                for v in Vision::ALL {
                    let d = vision::min_difference_under(&set, v).map_or(0.0, |x| x.0);
                    print!("  {what} {}: {d:.1}", v.name());
                }
                println!();
            }
        }
    }
}
