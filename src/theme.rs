//! Themes as data: a named palette and stroke widths (read only by `render`), font sizes and
//! metrics (spacing, read only by `layout`). Built-ins: `light` (the default), `dark`, `print` and
//! `high-contrast`; `file.rs` reads a custom theme file over one of them, `color.rs` holds the
//! colour type and the measures (contrast, colour difference, colour-blind simulation), and
//! `checks.rs` says which text is drawn on which fill, so every theme's contrast can be checked.
//! Uses `validate` (the theme names and the key machinery), `parse`, `diag` and `span` (theme
//! files).
//!
//! Every tuning number of the drawing lives here with its reason, so layout code holds no spacing
//! literals and render code no colour literals (style.md §4).

mod checks;
pub mod color;
mod file;

pub use checks::{Pair, PairKind};
pub use color::{Color, Vision, rgb};
pub use file::{FONTS, MIN_FONT};
use serde::Serialize;

/// The least CIEDE2000 difference between two colours that tell categories apart (the four
/// touch-point colours, the five zones' card borders), under normal vision and under simulated
/// protanopia, deuteranopia and tritanopia. 12 is well past "just noticeable" (about 1) and past
/// the 10 usually taken as "a different colour" for patches, with margin for small marks.
pub const MIN_CATEGORY_DIFFERENCE: f64 = 12.0;

/// A complete visual theme.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Theme {
    /// The theme's name: a built-in's (`light`, `dark`, `print`, `high-contrast`), or for a
    /// theme file its base's and a hash of its colours and sizes (`dark+3f2a…`), so the SVG's
    /// id prefix, which hashes the name, tells them apart.
    pub name: String,
    /// Colours, as CSS colour strings. Only `render` reads them.
    pub palette: Palette,
    /// Font family and sizes in px. Layout measures with the sizes; render writes them.
    pub fonts: Fonts,
    /// Spacing in px. Only `layout` reads them.
    pub metrics: Metrics,
    /// Stroke widths and dash patterns in px. Only `render` reads them (as class rules, so a
    /// user's CSS may change them without moving anything).
    pub strokes: Strokes,
}

/// Stroke widths and dash patterns, in px: part of the visual language, not of the geometry.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Strokes {
    /// Card border.
    pub card: f64,
    /// Flow arrows.
    pub flow: f64,
    /// The automatic customer path (a little heavier than other flows).
    pub customer_path: f64,
    /// Dashed flows: dash and gap.
    pub flow_dash: [f64; 2],
    /// The three zone lines.
    pub zone_line: f64,
    /// Zone lines: dash and gap (longer than a dashed flow's, so the two never look alike).
    pub zone_line_dash: [f64; 2],
    /// The faint rule between two lanes of one zone.
    pub lane_rule: f64,
    /// The hands of the wait-point clock.
    pub clock_hands: f64,
    /// The bar beside a note.
    pub note_rule: f64,
    /// The box behind a flow label.
    pub flow_label: f64,
    /// The emotion scale's grid lines.
    pub emotion_grid: f64,
    /// The emotion curve.
    pub emotion: f64,
    /// The ring of an emotion point.
    pub emotion_point: f64,
}

/// The colours of one zone: its lane band, its cards and their border.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ZoneColors {
    /// Lane band background.
    pub band: Color,
    /// Lane label gutter background (a little stronger than the band).
    pub label: Color,
    /// Card fill.
    pub card: Color,
    /// Card border and accent.
    pub accent: Color,
}

/// Named colour slots (CSS colour strings). Render turns them into `<style>` class rules.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Palette {
    /// Page background.
    pub background: Color,
    /// Body text.
    pub text: Color,
    /// Secondary text (subtitle, durations, notes, scale labels).
    pub muted: Color,
    /// Zones, in [`crate::model::Zone::ALL`] order.
    pub zones: [ZoneColors; 5],
    /// Step header fill.
    pub header_fill: Color,
    /// Step header border.
    pub header_stroke: Color,
    /// Phase band fill.
    pub phase_fill: Color,
    /// Phase band text.
    pub phase_text: Color,
    /// The three zone lines and their labels.
    pub zone_line: Color,
    /// Flow arrows.
    pub flow: Color,
    /// The automatic customer path.
    pub customer_path: Color,
    /// Background behind flow labels.
    pub flow_label_fill: Color,
    /// Fail point marker and cause text.
    pub fail: Color,
    /// Wait point marker and length text.
    pub wait: Color,
    /// Text drawn on a filled marker (the "F", the clock hands, badge letters).
    pub on_mark: Color,
    /// Linked item text.
    pub link: Color,
    /// Touch-point badge colours: brand, partner, customer, social.
    pub touchpoints: [Color; 4],
    /// Emotion band background.
    pub emotion_fill: Color,
    /// Emotion scale grid lines.
    pub emotion_grid: Color,
    /// Emotion curve and points.
    pub emotion: Color,
    /// Legend border.
    pub legend_stroke: Color,
}

/// Font family and sizes, in px.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fonts {
    /// CSS font-family list: the bundled family first, then narrower fallbacks.
    pub family: &'static str,
    /// Title (bold).
    pub title: f64,
    /// Subtitle.
    pub subtitle: f64,
    /// Phase labels (bold).
    pub phase: f64,
    /// Step header labels (bold).
    pub header: f64,
    /// Step durations.
    pub duration: f64,
    /// Lane labels (bold).
    pub lane: f64,
    /// Item text.
    pub item: f64,
    /// Fail cause and wait length.
    pub mark: f64,
    /// Item notes.
    pub note: f64,
    /// Letters in markers and badges (bold).
    pub badge: f64,
    /// Flow labels.
    pub flow_label: f64,
    /// Zone line labels.
    pub zone_line: f64,
    /// Emotion scale labels.
    pub scale: f64,
    /// Legend entries.
    pub legend: f64,
}

/// Spacing, in px (1 = 1 px at 1x). Layout reads nothing else.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Metrics {
    /// Empty space around the whole diagram.
    pub margin: f64,
    /// Space between the subtitle (or title) and the diagram.
    pub title_gap: f64,
    /// Narrowest title wrap width, so a one-column diagram keeps a readable title.
    pub title_min_width: f64,
    /// Lane label gutter: narrowest and widest.
    pub lane_label_min: f64,
    /// See `lane_label_min`.
    pub lane_label_max: f64,
    /// Padding inside the lane label gutter.
    pub lane_label_pad: f64,
    /// Narrowest item card (also an empty column's width).
    pub item_min_width: f64,
    /// Widest item card before its text wraps.
    pub item_max_width: f64,
    /// Horizontal padding inside a card.
    pub item_pad_x: f64,
    /// Vertical padding inside a card.
    pub item_pad_y: f64,
    /// Space between cards stacked in one cell.
    pub item_gap: f64,
    /// Card corner radius.
    pub item_radius: f64,
    /// Space between a card's text and its fail/wait/note rows.
    pub mark_gap: f64,
    /// Radius of the fail and wait markers.
    pub mark_radius: f64,
    /// Space above and below the cards of a lane.
    pub lane_pad: f64,
    /// Lowest lane content height.
    pub lane_min_height: f64,
    /// Narrowest column gutter (no arrow passes).
    pub gutter_min: f64,
    /// Space between a gutter's edge and its first arrow track.
    pub gutter_pad: f64,
    /// Distance between two arrow tracks.
    pub track_spacing: f64,
    /// Space between a lane's cards and its horizontal arrow channel.
    pub channel_gap: f64,
    /// Padding inside a step header and a phase band.
    pub header_pad: f64,
    /// Space between header rows and the bands below them.
    pub header_gap: f64,
    /// Touch-point badge radius.
    pub badge_radius: f64,
    /// Gap between phase bands (and between a badge and its label).
    pub phase_gap: f64,
    /// Height of the emotion scale (from 1 to 5).
    pub emotion_height: f64,
    /// Radius of an emotion point.
    pub emotion_point: f64,
    /// Widest flow label before it wraps.
    pub flow_label_max: f64,
    /// Padding around a flow label's text.
    pub flow_label_pad: f64,
    /// Arrowhead length.
    pub arrow: f64,
    /// Space above the legend.
    pub legend_gap: f64,
    /// Legend symbol width (line symbols) and height.
    pub legend_symbol: f64,
    /// Space between legend entries.
    pub legend_spacing: f64,
    /// Padding inside the legend box.
    pub legend_pad: f64,
}

impl Theme {
    /// The built-in theme called `name` (one of [`crate::validate::keys::THEMES`]), if any.
    pub fn named(name: &str) -> Option<Theme> {
        match name {
            "light" => Some(Theme::light()),
            "dark" => Some(Theme::dark()),
            "print" => Some(Theme::print()),
            "high-contrast" => Some(Theme::high_contrast()),
            _ => None,
        }
    }

    /// The default theme: light bands, white cards, one accent colour per zone.
    pub fn light() -> Theme {
        Theme {
            name: "light".into(),
            palette: Palette {
                background: rgb(0xffffff),
                text: rgb(0x1f2328),
                muted: rgb(0x57606a),
                zones: [
                    ZoneColors {
                        band: rgb(0xf5f6f8),
                        label: rgb(0xe9ebef),
                        card: rgb(0xffffff),
                        accent: rgb(0x8c959f),
                    },
                    ZoneColors {
                        band: rgb(0xeef5ff),
                        label: rgb(0xdcebff),
                        card: rgb(0xffffff),
                        accent: rgb(0x3c82ee),
                    },
                    ZoneColors {
                        band: rgb(0xedf8f1),
                        label: rgb(0xd8f0e1),
                        card: rgb(0xffffff),
                        accent: rgb(0x199159),
                    },
                    ZoneColors {
                        band: rgb(0xfff6e9),
                        label: rgb(0xfdebcf),
                        card: rgb(0xffffff),
                        accent: rgb(0xd9891c),
                    },
                    ZoneColors {
                        band: rgb(0xf4f0fc),
                        label: rgb(0xe7ddfa),
                        card: rgb(0xffffff),
                        accent: rgb(0x6b4aba),
                    },
                ],
                header_fill: rgb(0xf6f8fa),
                header_stroke: rgb(0xd0d7de),
                phase_fill: rgb(0x2d333b),
                phase_text: rgb(0xffffff),
                zone_line: rgb(0x4b5563),
                flow: rgb(0x59636e),
                customer_path: rgb(0x2f6fd0),
                flow_label_fill: rgb(0xffffff),
                fail: rgb(0xcf222e),
                wait: rgb(0xb35c00),
                on_mark: rgb(0xffffff),
                link: rgb(0x0969da),
                touchpoints: [rgb(0x1f6feb), rgb(0xbc4c00), rgb(0x237758), rgb(0x5332a1)],
                emotion_fill: rgb(0xfdf7fa),
                emotion_grid: rgb(0xe6dce2),
                emotion: rgb(0xc2185b),
                legend_stroke: rgb(0xd0d7de),
            },
            fonts: Theme::standard_fonts(),
            metrics: Theme::standard_metrics(),
            strokes: Theme::standard_strokes(),
        }
    }

    /// Light text on dark bands, for dark slides and dark-mode pages.
    pub fn dark() -> Theme {
        Theme {
            name: "dark".into(),
            palette: Palette {
                background: rgb(0x0d1117),
                text: rgb(0xe6edf3),
                muted: rgb(0x9198a1),
                zones: [
                    ZoneColors {
                        band: rgb(0x161b22),
                        label: rgb(0x1f252d),
                        card: rgb(0x0d1117),
                        accent: rgb(0x6e7681),
                    },
                    ZoneColors {
                        band: rgb(0x0f1d33),
                        label: rgb(0x16294a),
                        card: rgb(0x0d1117),
                        accent: rgb(0x5b85b1),
                    },
                    ZoneColors {
                        band: rgb(0x0e2419),
                        label: rgb(0x143323),
                        card: rgb(0x0d1117),
                        accent: rgb(0x4bb580),
                    },
                    ZoneColors {
                        band: rgb(0x2a1d0b),
                        label: rgb(0x3a2810),
                        card: rgb(0x0d1117),
                        accent: rgb(0xe3a03b),
                    },
                    ZoneColors {
                        band: rgb(0x1d1530),
                        label: rgb(0x291d45),
                        card: rgb(0x0d1117),
                        accent: rgb(0xa984ff),
                    },
                ],
                header_fill: rgb(0x161b22),
                header_stroke: rgb(0x30363d),
                phase_fill: rgb(0xe6edf3),
                phase_text: rgb(0x0d1117),
                zone_line: rgb(0x9198a1),
                flow: rgb(0x9198a1),
                customer_path: rgb(0x58a6ff),
                flow_label_fill: rgb(0x0d1117),
                fail: rgb(0xff6b6b),
                wait: rgb(0xe3a03b),
                on_mark: rgb(0x0d1117),
                link: rgb(0x58a6ff),
                touchpoints: [rgb(0x3994ff), rgb(0xf0883e), rgb(0x4fca84), rgb(0xd4b8ff)],
                emotion_fill: rgb(0x1a1320),
                emotion_grid: rgb(0x3a2c38),
                emotion: rgb(0xf778ba),
                legend_stroke: rgb(0x30363d),
            },
            fonts: Theme::standard_fonts(),
            metrics: Theme::standard_metrics(),
            strokes: Theme::standard_strokes(),
        }
    }

    /// Greys only, for black-and-white printing; marks stay distinct by shape and letter.
    pub fn print() -> Theme {
        // Gutters alternate two greys, so the one zone boundary without a zone line (physical
        // evidence / customer actions) still shows in greyscale.
        let grey = |label: u32| ZoneColors {
            band: rgb(0xffffff),
            label: rgb(label),
            card: rgb(0xffffff),
            accent: rgb(0x000000),
        };
        Theme {
            name: "print".into(),
            palette: Palette {
                background: rgb(0xffffff),
                text: rgb(0x000000),
                muted: rgb(0x444444),
                zones: [
                    grey(0xf0f0f0),
                    grey(0xd9d9d9),
                    grey(0xf0f0f0),
                    grey(0xd9d9d9),
                    grey(0xf0f0f0),
                ],
                header_fill: rgb(0xffffff),
                header_stroke: rgb(0x000000),
                phase_fill: rgb(0x000000),
                phase_text: rgb(0xffffff),
                zone_line: rgb(0x000000),
                flow: rgb(0x000000),
                customer_path: rgb(0x000000),
                flow_label_fill: rgb(0xffffff),
                fail: rgb(0x000000),
                wait: rgb(0x444444),
                on_mark: rgb(0xffffff),
                link: rgb(0x000000),
                touchpoints: [rgb(0x000000); 4],
                emotion_fill: rgb(0xffffff),
                emotion_grid: rgb(0xcccccc),
                emotion: rgb(0x000000),
                legend_stroke: rgb(0x000000),
            },
            fonts: Theme::standard_fonts(),
            metrics: Theme::standard_metrics(),
            strokes: Theme::standard_strokes(),
        }
    }

    /// Black on white at AAA contrast (7:1 for all text), for low vision and glare: heavier
    /// strokes, dark saturated zone borders, and every small size a step larger. Zones keep a
    /// faint tint on their bands and a stronger one in the label gutter; cards stay white, so
    /// text never sits on a tint darker than the gutter's.
    pub fn high_contrast() -> Theme {
        let zone = |band: u32, label: u32, accent: u32| ZoneColors {
            band: rgb(band),
            label: rgb(label),
            card: rgb(0xffffff),
            accent: rgb(accent),
        };
        Theme {
            name: "high-contrast".into(),
            palette: Palette {
                background: rgb(0xffffff),
                text: rgb(0x000000),
                muted: rgb(0x333333),
                zones: [
                    zone(0xf6f6f6, 0xe4e4e4, 0x555555),
                    zone(0xf1f4ff, 0xdbe3ff, 0x2049fa),
                    zone(0xeff7ef, 0xd6ecd8, 0x367d48),
                    zone(0xfcf3ea, 0xf3dfcb, 0x692a03),
                    zone(0xf6f0fa, 0xe6d9f0, 0x3e134a),
                ],
                header_fill: rgb(0xffffff),
                header_stroke: rgb(0x000000),
                phase_fill: rgb(0x000000),
                phase_text: rgb(0xffffff),
                zone_line: rgb(0x000000),
                flow: rgb(0x000000),
                customer_path: rgb(0x1537d6),
                flow_label_fill: rgb(0xffffff),
                fail: rgb(0xb00020),
                wait: rgb(0x7a4100),
                on_mark: rgb(0xffffff),
                link: rgb(0x0030b3),
                touchpoints: [rgb(0x112dea), rgb(0x541900), rgb(0x156047), rgb(0x401760)],
                emotion_fill: rgb(0xfdf3f8),
                emotion_grid: rgb(0xb8a9b1),
                emotion: rgb(0x9c0058),
                legend_stroke: rgb(0x000000),
            },
            fonts: Fonts {
                title: 26.0,
                subtitle: 16.0,
                phase: 14.0,
                header: 15.0,
                duration: 13.0,
                lane: 14.0,
                item: 14.0,
                mark: 13.0,
                note: 12.5,
                badge: 11.0,
                flow_label: 12.0,
                zone_line: 12.0,
                scale: 12.0,
                legend: 13.0,
                ..Theme::standard_fonts()
            },
            metrics: Metrics {
                // Room for the larger letters in badges and the wider card text.
                badge_radius: 10.0,
                item_max_width: 240.0,
                ..Theme::standard_metrics()
            },
            strokes: Strokes {
                card: 2.0,
                flow: 2.0,
                customer_path: 3.0,
                flow_dash: [6.0, 4.0],
                zone_line: 2.0,
                zone_line_dash: [9.0, 5.0],
                lane_rule: 1.5,
                clock_hands: 2.0,
                note_rule: 3.0,
                flow_label: 1.5,
                emotion_grid: 1.0,
                emotion: 3.0,
                emotion_point: 2.5,
            },
        }
    }

    fn standard_fonts() -> Fonts {
        Fonts {
            // Inter is what layout measures with; the fallbacks are narrower than Inter, so text
            // stays inside its box in viewers without it (issue 4: DejaVu Sans would overflow).
            family: "Inter, 'Helvetica Neue', Helvetica, Arial, sans-serif",
            title: 24.0,
            subtitle: 15.0,
            phase: 13.0,
            header: 14.0,
            duration: 12.0,
            lane: 13.0,
            item: 13.0,
            mark: 12.0,
            note: 11.5,
            badge: 10.0,
            flow_label: 11.0,
            zone_line: 11.0,
            scale: 11.0,
            legend: 12.0,
        }
    }

    fn standard_strokes() -> Strokes {
        Strokes {
            card: 1.25,
            flow: 1.5,
            customer_path: 2.0,
            flow_dash: [5.0, 4.0],
            zone_line: 1.5,
            zone_line_dash: [7.0, 5.0],
            lane_rule: 1.0,
            clock_hands: 1.5,
            note_rule: 2.0,
            flow_label: 0.75,
            emotion_grid: 1.0,
            emotion: 2.5,
            emotion_point: 2.0,
        }
    }

    fn standard_metrics() -> Metrics {
        Metrics {
            margin: 24.0,
            title_gap: 18.0,
            title_min_width: 480.0,
            lane_label_min: 130.0,
            lane_label_max: 170.0,
            lane_label_pad: 12.0,
            // 120..220 px cards: short steps stay narrow, long ones wrap instead of towering.
            item_min_width: 120.0,
            item_max_width: 220.0,
            item_pad_x: 10.0,
            item_pad_y: 8.0,
            item_gap: 8.0,
            item_radius: 6.0,
            mark_gap: 6.0,
            mark_radius: 7.0,
            lane_pad: 12.0,
            lane_min_height: 40.0,
            gutter_min: 28.0,
            gutter_pad: 8.0,
            track_spacing: 8.0,
            channel_gap: 6.0,
            header_pad: 8.0,
            header_gap: 10.0,
            badge_radius: 9.0,
            phase_gap: 6.0,
            emotion_height: 84.0,
            emotion_point: 4.5,
            flow_label_max: 96.0,
            flow_label_pad: 3.0,
            arrow: 7.0,
            legend_gap: 20.0,
            legend_symbol: 26.0,
            legend_spacing: 20.0,
            legend_pad: 10.0,
        }
    }
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::light()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::keys::THEMES;

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
                let (d, vision, a, b) = color::min_difference(&set).expect("two colours");
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
                let (d, v, _, _) = color::min_difference(&[a, b]).expect("two");
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
                    let d = color::min_difference_under(&set, v).map_or(0.0, |x| x.0);
                    print!("  {what} {}: {d:.1}", v.name());
                }
                println!();
            }
        }
    }
}
