//! What a theme is made of: [`Theme`] and its parts, the palette (colours, read only by
//! `render`), the fonts (family and sizes: layout measures with them, render writes them), the
//! metrics (spacing, read only by `layout`) and the strokes. Plain data; the built-ins are in
//! `builtin.rs`, theme files are read by `file.rs`. Uses the colour type.

use super::color::Color;
use serde::Serialize;

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
    /// Phase band border: lighter than a card's, so the phases stay quieter than the content.
    pub phase: f64,
    /// Flow arrows.
    pub flow: f64,
    /// The automatic customer path (a little heavier than other flows).
    pub customer_path: f64,
    /// The customer path's dash pattern, empty for a solid line: `print`, where every flow is
    /// black, tells it apart by a dash-dot unlike any other line's, not by width alone.
    pub customer_path_dash: Vec<f64>,
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
    /// Phase band border (the band's fill is a faint tint; its edge is what shows it).
    pub phase_stroke: Color,
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
    /// Content height of a lane with no card: a small minimum, room for a one-line label (a
    /// lane with cards is as tall as its tallest cell, an empty one need not be).
    pub empty_lane_height: f64,
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
    /// Height of the full emotion scale (from 1 to 5); a band shows only the levels its scores
    /// span, a quarter of this apart.
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
