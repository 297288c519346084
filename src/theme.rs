//! Themes as data: a named palette and stroke widths (read only by `render`), font sizes and
//! metrics (spacing, read only by `layout`). Built-ins: `light` (the default), `dark` and `print`.
//! Uses nothing else in the crate.
//!
//! Every tuning number of the drawing lives here with its reason, so layout code holds no spacing
//! literals and render code no colour literals (style.md §4).

use serde::Serialize;

/// A complete visual theme.
#[derive(Clone, Debug, Serialize)]
pub struct Theme {
    /// The theme's name (`light`, `dark`, `print`).
    pub name: &'static str,
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
#[derive(Clone, Debug, Serialize)]
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
#[derive(Clone, Debug, Serialize)]
pub struct ZoneColors {
    /// Lane band background.
    pub band: &'static str,
    /// Lane label gutter background (a little stronger than the band).
    pub label: &'static str,
    /// Card fill.
    pub card: &'static str,
    /// Card border and accent.
    pub accent: &'static str,
}

/// Named colour slots (CSS colour strings). Render turns them into `<style>` class rules.
#[derive(Clone, Debug, Serialize)]
pub struct Palette {
    /// Page background.
    pub background: &'static str,
    /// Body text.
    pub text: &'static str,
    /// Secondary text (subtitle, durations, notes, scale labels).
    pub muted: &'static str,
    /// Zones, in [`crate::model::Zone::ALL`] order.
    pub zones: [ZoneColors; 5],
    /// Step header fill.
    pub header_fill: &'static str,
    /// Step header border.
    pub header_stroke: &'static str,
    /// Phase band fill.
    pub phase_fill: &'static str,
    /// Phase band text.
    pub phase_text: &'static str,
    /// The three zone lines and their labels.
    pub zone_line: &'static str,
    /// Flow arrows.
    pub flow: &'static str,
    /// The automatic customer path.
    pub customer_path: &'static str,
    /// Background behind flow labels.
    pub flow_label_fill: &'static str,
    /// Fail point marker and cause text.
    pub fail: &'static str,
    /// Wait point marker and length text.
    pub wait: &'static str,
    /// Text drawn on a filled marker (the "F", the clock hands, badge letters).
    pub on_mark: &'static str,
    /// Linked item text.
    pub link: &'static str,
    /// Touch-point badge colours: brand, partner, customer, social.
    pub touchpoints: [&'static str; 4],
    /// Emotion band background.
    pub emotion_fill: &'static str,
    /// Emotion scale grid lines.
    pub emotion_grid: &'static str,
    /// Emotion curve and points.
    pub emotion: &'static str,
    /// Legend border.
    pub legend_stroke: &'static str,
}

/// Font family and sizes, in px.
#[derive(Clone, Debug, Serialize)]
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
#[derive(Clone, Debug, Serialize)]
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
    /// The built-in theme called `name`, if any.
    pub fn named(name: &str) -> Option<Theme> {
        match name {
            "light" => Some(Theme::light()),
            "dark" => Some(Theme::dark()),
            "print" => Some(Theme::print()),
            _ => None,
        }
    }

    /// The default theme: light bands, white cards, one accent colour per zone.
    pub fn light() -> Theme {
        Theme {
            name: "light",
            palette: Palette {
                background: "#ffffff",
                text: "#1f2328",
                muted: "#57606a",
                zones: [
                    ZoneColors {
                        band: "#f5f6f8",
                        label: "#e9ebef",
                        card: "#ffffff",
                        accent: "#8c959f",
                    },
                    ZoneColors {
                        band: "#eef5ff",
                        label: "#dcebff",
                        card: "#ffffff",
                        accent: "#3b7ddd",
                    },
                    ZoneColors {
                        band: "#edf8f1",
                        label: "#d8f0e1",
                        card: "#ffffff",
                        accent: "#2a9d5c",
                    },
                    ZoneColors {
                        band: "#fff6e9",
                        label: "#fdebcf",
                        card: "#ffffff",
                        accent: "#d9891c",
                    },
                    ZoneColors {
                        band: "#f4f0fc",
                        label: "#e7ddfa",
                        card: "#ffffff",
                        accent: "#8057d6",
                    },
                ],
                header_fill: "#f6f8fa",
                header_stroke: "#d0d7de",
                phase_fill: "#2d333b",
                phase_text: "#ffffff",
                zone_line: "#4b5563",
                flow: "#59636e",
                customer_path: "#2f6fd0",
                flow_label_fill: "#ffffff",
                fail: "#cf222e",
                wait: "#b35c00",
                on_mark: "#ffffff",
                link: "#0969da",
                touchpoints: ["#1f6feb", "#bc4c00", "#1a7f37", "#8250df"],
                emotion_fill: "#fdf7fa",
                emotion_grid: "#e6dce2",
                emotion: "#c2185b",
                legend_stroke: "#d0d7de",
            },
            fonts: Theme::standard_fonts(),
            metrics: Theme::standard_metrics(),
            strokes: Theme::standard_strokes(),
        }
    }

    /// Light text on dark bands, for dark slides and dark-mode pages.
    pub fn dark() -> Theme {
        Theme {
            name: "dark",
            palette: Palette {
                background: "#0d1117",
                text: "#e6edf3",
                muted: "#9198a1",
                zones: [
                    ZoneColors {
                        band: "#161b22",
                        label: "#1f252d",
                        card: "#0d1117",
                        accent: "#6e7681",
                    },
                    ZoneColors {
                        band: "#0f1d33",
                        label: "#16294a",
                        card: "#0d1117",
                        accent: "#4c8ee8",
                    },
                    ZoneColors {
                        band: "#0e2419",
                        label: "#143323",
                        card: "#0d1117",
                        accent: "#3fb56f",
                    },
                    ZoneColors {
                        band: "#2a1d0b",
                        label: "#3a2810",
                        card: "#0d1117",
                        accent: "#e3a03b",
                    },
                    ZoneColors {
                        band: "#1d1530",
                        label: "#291d45",
                        card: "#0d1117",
                        accent: "#a27ff0",
                    },
                ],
                header_fill: "#161b22",
                header_stroke: "#30363d",
                phase_fill: "#e6edf3",
                phase_text: "#0d1117",
                zone_line: "#9198a1",
                flow: "#9198a1",
                customer_path: "#58a6ff",
                flow_label_fill: "#0d1117",
                fail: "#ff6b6b",
                wait: "#e3a03b",
                on_mark: "#0d1117",
                link: "#58a6ff",
                touchpoints: ["#58a6ff", "#f0883e", "#3fb950", "#bc8cff"],
                emotion_fill: "#1a1320",
                emotion_grid: "#3a2c38",
                emotion: "#f778ba",
                legend_stroke: "#30363d",
            },
            fonts: Theme::standard_fonts(),
            metrics: Theme::standard_metrics(),
            strokes: Theme::standard_strokes(),
        }
    }

    /// Greys only, for black-and-white printing; marks stay distinct by shape and letter.
    pub fn print() -> Theme {
        let grey = ZoneColors {
            band: "#ffffff",
            label: "#f0f0f0",
            card: "#ffffff",
            accent: "#000000",
        };
        Theme {
            name: "print",
            palette: Palette {
                background: "#ffffff",
                text: "#000000",
                muted: "#444444",
                zones: [grey.clone(), grey.clone(), grey.clone(), grey.clone(), grey],
                header_fill: "#ffffff",
                header_stroke: "#000000",
                phase_fill: "#000000",
                phase_text: "#ffffff",
                zone_line: "#000000",
                flow: "#000000",
                customer_path: "#000000",
                flow_label_fill: "#ffffff",
                fail: "#000000",
                wait: "#444444",
                on_mark: "#ffffff",
                link: "#000000",
                touchpoints: ["#000000", "#444444", "#666666", "#222222"],
                emotion_fill: "#ffffff",
                emotion_grid: "#cccccc",
                emotion: "#000000",
                legend_stroke: "#000000",
            },
            fonts: Theme::standard_fonts(),
            metrics: Theme::standard_metrics(),
            strokes: Theme::standard_strokes(),
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

    #[test]
    fn built_ins_are_found_by_name() {
        for name in ["light", "dark", "print"] {
            assert_eq!(Theme::named(name).map(|t| t.name), Some(name));
        }
        assert!(Theme::named("neon").is_none());
        assert_eq!(Theme::default().name, "light");
    }
}
