//! The built-in themes: `light` (the default), `dark`, `print` and `high-contrast`, every tuning
//! number of the drawing with its reason. Uses the theme's types and colours.

use super::color::rgb;
use super::types::{Fonts, Metrics, Palette, Strokes, Theme, ZoneColors};

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
                        // Border 3:1 on its lane and its label gutter (was 2.8:1, #8c959f).
                        accent: rgb(0x7d8590),
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
                        // 3.7:1 on its gutter, 4.0:1 on its lane (was 2.4:1 and 2.6:1, #d9891c); a little
                        // more orange than amber, to stay 12 CIEDE2000 from onstage green for
                        // protanopes.
                        accent: rgb(0xb46700),
                    },
                    ZoneColors {
                        band: rgb(0xf4f0fc),
                        label: rgb(0xe7ddfa),
                        card: rgb(0xffffff),
                        accent: rgb(0x6b4aba),
                    },
                ],
                header_fill: rgb(0xf6f8fa),
                // Header boxes, flow-label boxes and the legend: 3.7:1 on the page (was 1.45:1).
                header_stroke: rgb(0x7d8590),
                // Phases group the steps; a faint band with a thin edge and dark grey words, so
                // they read as a frame, quieter than the cards (they were near-black bars).
                phase_fill: rgb(0xeaeef2),
                phase_text: rgb(0x424a53),
                phase_stroke: rgb(0x848d97),
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
                legend_stroke: rgb(0x7d8590),
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
                // The header box is shown by its edge: 4.1:1 on the page (its fill is 1.09:1,
                // the edge was 1.55:1, #30363d).
                header_stroke: rgb(0x6e7681),
                // A dark band with a grey edge and light grey words, quieter than the cards
                // (it was a near-white bar, the brightest thing on the page).
                phase_fill: rgb(0x161b22),
                phase_text: rgb(0xb1bac4),
                phase_stroke: rgb(0x656c76),
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
                legend_stroke: rgb(0x6e7681),
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
                // A light grey band with a mid-grey edge: black bars were the loudest ink.
                phase_fill: rgb(0xf0f0f0),
                phase_text: rgb(0x333333),
                phase_stroke: rgb(0x767676),
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
            // Every flow is black: the customer path is a heavier dash-dot, unlike a dashed
            // flow (5 4) or a zone line (7 5), so it is told apart by more than its width.
            strokes: Strokes {
                customer_path: 2.5,
                customer_path_dash: vec![12.0, 3.0, 2.0, 3.0],
                // The rule between two lanes of one zone is black here like every line: a
                // hairline, so it does not read as a zone line (1.5 px, dashed).
                lane_rule: 0.75,
                ..Theme::standard_strokes()
            },
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
                // A light grey band with a thin black edge and black words (18:1): quieter than
                // the 2 px card borders, still AAA.
                phase_fill: rgb(0xf0f0f0),
                phase_text: rgb(0x000000),
                phase_stroke: rgb(0x000000),
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
                phase: 1.0,
                flow: 2.0,
                customer_path: 3.0,
                customer_path_dash: Vec::new(),
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
            phase: 1.0,
            flow: 1.5,
            customer_path: 2.0,
            customer_path_dash: Vec::new(),
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
            // An empty lane says "no contact here"; it needs room for its label, not a card's.
            empty_lane_height: 16.0,
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
            flow_label_pad: 4.0,
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
