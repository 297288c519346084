//! Which colour is drawn on which, for every theme: each text against the fill it sits on, each
//! mark that carries meaning against what surrounds it, and each border and line against the
//! fill it sits on. This mirrors `render` (css.rs names
//! the fills, svg.rs and layout put the text on them); `tests/render/themes.rs` renders every sample in
//! every theme and checks that each text it finds in the SVG, with the fill under it, is one of
//! these pairs, so the list cannot silently fall behind the drawing.

use super::color::Color;
use super::types::Theme;
use crate::model::{Touchpoint, Zone, ZoneLine};

/// True when a zone line runs along the bottom of `z`'s lanes (its label sits in their gutter).
fn line_below(z: Zone) -> bool {
    ZoneLine::ALL.iter().any(|l| l.zones().0 == z)
}

/// What is drawn: text in a size and weight, or a graphic (a line, a border, a marker).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PairKind {
    /// Text of `size` px, bold or not.
    Text {
        /// Font size in px.
        size: f64,
        /// Weight 700.
        bold: bool,
    },
    /// A mark that carries meaning: an arrow, a zone line, a marker, a card's border.
    Graphic,
}

/// One colour drawn on another.
#[derive(Clone, Debug, PartialEq)]
pub struct Pair {
    /// What and where, for messages: "item text on a customer card".
    pub what: String,
    /// The theme file key of the foreground (`palette.text`), for diagnostics.
    pub fg_key: String,
    /// The theme file key of the background.
    pub bg_key: String,
    /// The foreground colour.
    pub fg: Color,
    /// The colour it is drawn on.
    pub bg: Color,
    /// Text or graphic.
    pub kind: PairKind,
}

impl Pair {
    /// The WCAG 2.x contrast ratio.
    pub fn ratio(&self) -> f64 {
        self.fg.contrast(self.bg)
    }

    /// WCAG "large text": at least 18 pt (24 px), or 14 pt (18.67 px) bold.
    pub fn large(&self) -> bool {
        match self.kind {
            PairKind::Text { size, bold } => size >= 24.0 || (bold && size >= 14.0 * 4.0 / 3.0),
            PairKind::Graphic => false,
        }
    }

    /// The least ratio WCAG asks for: level AA (4.5:1 text, 3:1 large text, 3:1 graphics,
    /// SC 1.4.3 and 1.4.11), or AAA (7:1 text, 4.5:1 large text; graphics stay at 3:1, AAA
    /// has no stricter graphics criterion).
    pub fn required(&self, aaa: bool) -> f64 {
        match (self.kind, self.large(), aaa) {
            (PairKind::Graphic, _, _) => 3.0,
            (_, false, false) => 4.5,
            (_, true, false) => 3.0,
            (_, false, true) => 7.0,
            (_, true, true) => 4.5,
        }
    }
}

/// A pain card's tint (format 1.1 lane `kind: pain`): the wait (amber) colour over the card
/// at this opacity, under the card's words.
pub const PAIN_TINT_OPACITY: f64 = 0.16;

impl Theme {
    /// Every colour pair the drawing puts on screen, text first. Pairs repeat when two texts
    /// share colours; callers that report should deduplicate by `(fg, bg)`.
    pub fn pairs(&self) -> Vec<Pair> {
        let p = &self.palette;
        let f = &self.fonts;
        let mut v = Vec::new();
        let mut text = |what: String, fg: (&str, Color), bg: (&str, Color), size: f64, bold| {
            v.push(Pair {
                what,
                fg_key: fg.0.to_string(),
                bg_key: bg.0.to_string(),
                fg: fg.1,
                bg: bg.1,
                kind: PairKind::Text { size, bold },
            });
        };
        let page = ("background", p.background);
        let header = ("header_fill", p.header_fill);
        text("the title".into(), ("text", p.text), page, f.title, true);
        text(
            "the subtitle".into(),
            ("muted", p.muted),
            page,
            f.subtitle,
            false,
        );
        text(
            "a phase label".into(),
            ("phase_text", p.phase_text),
            ("phase_fill", p.phase_fill),
            f.phase,
            true,
        );
        text(
            "a step label".into(),
            ("text", p.text),
            header,
            f.header,
            true,
        );
        text(
            "a step duration".into(),
            ("muted", p.muted),
            header,
            f.duration,
            false,
        );
        for (t, &c) in Touchpoint::ALL.iter().zip(&p.touchpoints) {
            let key = format!("touchpoints.{}", t.key());
            text(
                format!("the letter on a {} touch-point badge", t.key()),
                ("on_mark", p.on_mark),
                (&key, c),
                f.badge,
                true,
            );
        }
        text(
            "the letter on a fail point".into(),
            ("on_mark", p.on_mark),
            ("fail", p.fail),
            f.badge,
            true,
        );
        // The emotion scale's title and digits, in the gutter on the page.
        text(
            "the emotion scale's title".into(),
            ("muted", p.muted),
            page,
            f.lane,
            true,
        );
        text(
            "an emotion scale label".into(),
            ("muted", p.muted),
            page,
            f.scale,
            false,
        );
        for (z, c) in Zone::ALL.iter().zip(&p.zones) {
            let k = z.key();
            let label = format!("zones.{k}.label");
            let card = format!("zones.{k}.card");
            text(
                format!("a lane label in the {k} zone"),
                ("text", p.text),
                (&label, c.label),
                f.lane,
                true,
            );
            // Format 1.1: "Insights" labels the rule over the insight zone in the gutter of
            // the lane above it: a support lane, as the zone comes after support. (Without a
            // support lane it is another zone's gutter; those pairs are the zone line labels'.)
            if *z == Zone::Support {
                text(
                    format!("the insight rule's label in the gutter of a lane in the {k} zone"),
                    ("zone_line", p.zone_line),
                    (&label, c.label),
                    f.zone_line,
                    false,
                );
            }
            // Zone lines are labelled in the gutter of the lane above them.
            if line_below(*z) {
                text(
                    format!("a zone line's label in the gutter of a lane in the {k} zone"),
                    ("zone_line", p.zone_line),
                    (&label, c.label),
                    f.zone_line,
                    false,
                );
            }
            text(
                format!("item text on a card in the {k} zone"),
                ("text", p.text),
                (&card, c.card),
                f.item,
                false,
            );
            text(
                format!("a linked item on a card in the {k} zone"),
                ("link", p.link),
                (&card, c.card),
                f.item,
                false,
            );
            text(
                format!("a fail cause on a card in the {k} zone"),
                ("fail", p.fail),
                (&card, c.card),
                f.mark,
                false,
            );
            text(
                format!("a wait length on a card in the {k} zone"),
                ("wait", p.wait),
                (&card, c.card),
                f.mark,
                false,
            );
            text(
                format!("a note on a card in the {k} zone"),
                ("muted", p.muted),
                (&card, c.card),
                f.note,
                false,
            );
            // Format 1.1: a lane's description under its label.
            text(
                format!("a lane description in the {k} zone"),
                ("muted", p.muted),
                (&label, c.label),
                f.duration,
                false,
            );
        }
        // Format 1.1: a phase's description, a step's emotion in words, the letter on a
        // medium-impact fail point.
        text(
            "a phase description".into(),
            ("muted", p.muted),
            ("phase_fill", p.phase_fill),
            f.duration,
            false,
        );
        text(
            "an emotion in words".into(),
            ("muted", p.muted),
            ("emotion_fill", p.emotion_fill),
            f.note,
            false,
        );
        // Format 1.1: the insight zone's cards take the evidence zone's colours; a pain card's
        // words lie on its tint.
        let insight_card = p.zones[0].card;
        text(
            "item text on a pain card's tint (format 1.1 lane kind)".into(),
            ("text", p.text),
            (
                "zones.evidence.card",
                p.wait.over(insight_card, PAIN_TINT_OPACITY),
            ),
            f.item,
            false,
        );
        text(
            "a curve's name at its right end (format 1.1 curves)".into(),
            ("text", p.text),
            ("emotion_fill", p.emotion_fill),
            f.note,
            false,
        );
        text(
            "the letter on a medium-impact fail point".into(),
            ("on_mark", p.on_mark),
            ("wait", p.wait),
            f.badge,
            true,
        );
        text(
            "a flow label".into(),
            ("text", p.text),
            ("flow_label_fill", p.flow_label_fill),
            f.flow_label,
            false,
        );
        text(
            "a legend entry".into(),
            ("text", p.text),
            page,
            f.legend,
            false,
        );
        text(
            "the legend's linked-item entry".into(),
            ("link", p.link),
            page,
            f.legend,
            false,
        );

        let mut graphic = |what: String, fg: (&str, Color), bg: (&str, Color)| {
            v.push(Pair {
                what,
                fg_key: fg.0.to_string(),
                bg_key: bg.0.to_string(),
                fg: fg.1,
                bg: bg.1,
                kind: PairKind::Graphic,
            });
        };
        for (z, c) in Zone::ALL.iter().zip(&p.zones) {
            let k = z.key();
            let band = format!("zones.{k}.band");
            graphic(
                format!("a flow arrow over a lane in the {k} zone"),
                ("flow", p.flow),
                (&band, c.band),
            );
            if *z == Zone::Customer {
                graphic(
                    "the customer path over the customer lane".into(),
                    ("customer_path", p.customer_path),
                    (&band, c.band),
                );
            }
            if *z != Zone::Evidence {
                graphic(
                    format!("a zone line beside a lane in the {k} zone"),
                    ("zone_line", p.zone_line),
                    (&band, c.band),
                );
            }
            let card = format!("zones.{k}.card");
            graphic(
                format!("the fail marker on a card in the {k} zone"),
                ("fail", p.fail),
                (&card, c.card),
            );
            graphic(
                format!("the wait marker on a card in the {k} zone"),
                ("wait", p.wait),
                (&card, c.card),
            );
        }
        graphic(
            "the clock hands on a wait marker".into(),
            ("on_mark", p.on_mark),
            ("wait", p.wait),
        );
        for (t, &c) in Touchpoint::ALL.iter().zip(&p.touchpoints) {
            graphic(
                format!("a {} touch-point badge on its step header", t.key()),
                (&format!("touchpoints.{}", t.key()), c),
                header,
            );
        }
        graphic(
            "the emotion curve on its band".into(),
            ("emotion", p.emotion),
            ("emotion_fill", p.emotion_fill),
        );
        v.extend(self.line_pairs());
        v
    }

    /// The edges and lines that show where things are, each against the fill it sits on, at
    /// 3:1 (WCAG 1.4.11): card borders on their lane; the rule between two lanes of one zone on
    /// their band and label gutter; zone lines across the label gutters; step header boxes,
    /// phase bands and the legend on the page; flow label boxes on each lane. (Flows and the
    /// customer path over each lane are in [`Theme::pairs`] with the other marks.)
    pub fn line_pairs(&self) -> Vec<Pair> {
        let p = &self.palette;
        let mut v = Vec::new();
        let mut line = |what: String, fg: (&str, Color), bg: (&str, Color)| {
            v.push(Pair {
                what,
                fg_key: fg.0.to_string(),
                bg_key: bg.0.to_string(),
                fg: fg.1,
                bg: bg.1,
                kind: PairKind::Graphic,
            });
        };
        let page = ("background", p.background);
        line(
            "a step header's border on the page".into(),
            ("header_stroke", p.header_stroke),
            page,
        );
        line(
            "a phase band's border on the page".into(),
            ("phase_stroke", p.phase_stroke),
            page,
        );
        line(
            "the legend's border on the page".into(),
            ("legend_stroke", p.legend_stroke),
            page,
        );
        for (z, c) in Zone::ALL.iter().zip(&p.zones) {
            let k = z.key();
            let (band, label) = (format!("zones.{k}.band"), format!("zones.{k}.label"));
            let accent = (format!("zones.{k}.accent"), c.accent);
            line(
                format!("a card's border on a lane in the {k} zone"),
                (&accent.0, accent.1),
                (&band, c.band),
            );
            line(
                format!("the rule between two lanes of the {k} zone, across their label gutter"),
                (&accent.0, accent.1),
                (&label, c.label),
            );
            if *z != Zone::Evidence {
                line(
                    format!("a zone line across the label gutter of a lane in the {k} zone"),
                    ("zone_line", p.zone_line),
                    (&label, c.label),
                );
            }
            line(
                format!("a variant badge's outline on a card in the {k} zone (format 1.1)"),
                ("muted", p.muted),
                (&format!("zones.{k}.card"), c.card),
            );
            line(
                format!("a flow label's box over a lane in the {k} zone"),
                ("header_stroke", p.header_stroke),
                (&band, c.band),
            );
        }
        // Format 1.1: the declared curves after the first (drawn in the touch-point colours,
        // `css::curves_stylesheet`) on the emotion band, and the phases' loop arcs on the page.
        for (t, &c) in Touchpoint::ALL.iter().zip(&p.touchpoints) {
            line(
                format!("an emotion curve in the {} colour on its band", t.key()),
                (&format!("touchpoints.{}", t.key()), c),
                ("emotion_fill", p.emotion_fill),
            );
        }
        line(
            "a phase loop's arc on the page".into(),
            ("flow", p.flow),
            page,
        );
        v
    }

    /// The card borders against their lane bands: a graphic pair per zone. Every theme holds
    /// them to 3:1 ([`Theme::line_pairs`]); `high-contrast`, which promises strong borders, to
    /// 4.5:1 here.
    pub fn border_pairs(&self) -> Vec<Pair> {
        let p = &self.palette;
        Zone::ALL
            .iter()
            .zip(&p.zones)
            .map(|(z, c)| Pair {
                what: format!("a card's border on its lane in the {} zone", z.key()),
                fg_key: format!("zones.{}.accent", z.key()),
                bg_key: format!("zones.{}.band", z.key()),
                fg: c.accent,
                bg: c.band,
                kind: PairKind::Graphic,
            })
            .collect()
    }
}
