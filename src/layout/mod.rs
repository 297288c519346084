//! Layout: a validated [`Blueprint`] becomes a [`Layout`], plain positioned data that render only
//! reads. Text arrives measured and wrapped, with baselines; boxes carry their `data-*` ids.
//! Uses `model`, `theme` (font sizes and metrics only), `geom` and `text`.
//!
//! The stages, one file each: `cells.rs` builds the item cards, `grid.rs` sizes columns, lanes and
//! headers, `route.rs` routes the flows in the gutters, `decor.rs` adds the zone lines, phases,
//! emotion curve and legend. [`layout`] chains them; [`layout_cut`] lays out a cut blueprint
//! with stand-ins for what its stubs reach (`stubs.rs`).

mod cells;
mod decor;
mod grid;
mod route;
mod stubs;
#[cfg(test)]
pub(crate) mod testkit;
#[cfg(test)]
mod tests;
/// The hotel example of format.md, built in Rust (test builds only).
#[cfg(test)]
pub(crate) fn tests_hotel() -> Blueprint {
    tests::hotel()
}
/// Named blueprints to render and look at (test builds only).
#[cfg(test)]
pub(crate) fn tests_gallery() -> Vec<(String, Blueprint)> {
    tests::gallery()
}

use crate::geom::{Point, Rect, Size};
use crate::model::{Blueprint, FlowStyle, Touchpoint, Zone, ZoneLine};
use crate::text::{Line, Measure, Weight};
use crate::theme::{Metrics, Theme};
use serde::Serialize;
use std::sync::Arc;

/// One wrapped line of text, positioned.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TextLine {
    /// The words of the line.
    pub text: String,
    /// Left edge of the line (px); every line is written start-anchored.
    pub x: f64,
    /// Baseline (px).
    pub y: f64,
    /// Measured width (px).
    pub width: f64,
}

/// A block of lines in one font size and weight.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Text {
    /// Font size in px.
    pub size: f64,
    /// Bold (true) or regular.
    pub bold: bool,
    /// The lines, top to bottom.
    pub lines: Vec<TextLine>,
    /// The box the lines were laid out in: `x`, top, widest line, lines × line height.
    pub rect: Rect,
}

impl Text {
    /// True when there is no line.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The block moved by `dx, dy`.
    pub(crate) fn translate(&mut self, dx: f64, dy: f64) {
        self.rect = self.rect.translate(dx, dy);
        for l in &mut self.lines {
            l.x += dx;
            l.y += dy;
        }
    }
}

/// The whole positioned diagram, in SVG user units (1 = 1 px at 1x).
#[derive(Clone, Debug, Serialize)]
pub struct Layout {
    /// Size of the drawing, margins included.
    pub size: Size,
    /// The title as written (for `<title>`).
    pub title_text: String,
    /// The subtitle as written (for `<desc>`).
    pub subtitle_text: Option<String>,
    /// The title, wrapped.
    pub title: Text,
    /// The subtitle, wrapped (empty when none).
    pub subtitle: Text,
    /// Lane bands, top to bottom.
    pub lanes: Vec<LaneBand>,
    /// Columns with their step headers, left to right.
    pub columns: Vec<Column>,
    /// Phase bands above the step headers.
    pub phases: Vec<PhaseBand>,
    /// Item cards, in model order.
    pub items: Vec<ItemBox>,
    /// The zone lines that have lanes on both sides.
    pub zone_lines: Vec<ZoneRule>,
    /// Flow arrows, in model order.
    pub flows: Vec<FlowPath>,
    /// The emotion curve, when any step has an emotion.
    pub emotion: Option<EmotionCurve>,
    /// The legend, when the diagram uses any mark.
    pub legend: Option<Legend>,
    /// Corner radius of cards and bands (px).
    pub radius: f64,
    /// Arrowhead length (px).
    pub arrow: f64,
    /// In a cut: a header per stand-in column (one per omitted run of steps a stub reaches).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stub_columns: Vec<Column>,
    /// In a cut: a band per stand-in lane (one per omitted run of lanes a stub reaches).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stub_lanes: Vec<LaneBand>,
    /// In a cut: the stand-ins for the outside ends of stubs, `id`, `step` and `lane` naming
    /// the outside item, its step and its lane.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stubs: Vec<ItemBox>,
}

/// A lane band spanning the full width, with its label in the left gutter.
#[derive(Clone, Debug, Serialize)]
pub struct LaneBand {
    /// The lane id (`data-lane`).
    pub id: String,
    /// Its zone (the band's tint).
    pub zone: Zone,
    /// The band.
    pub rect: Rect,
    /// The label gutter part of the band.
    pub label_rect: Rect,
    /// The label, wrapped.
    pub label: Text,
}

/// A step's column and its header.
#[derive(Clone, Debug, Serialize)]
pub struct Column {
    /// The step id (`data-step`).
    pub id: String,
    /// The column's x-extent over the lanes (all its cards share it), from the first lane's
    /// top to the last lane's bottom.
    pub rect: Rect,
    /// The header box.
    pub header: Rect,
    /// The header label (bold), wrapped.
    pub label: Text,
    /// The duration under the label (empty when none).
    pub duration: Text,
    /// The touch-point badge.
    pub badge: Option<Badge>,
}

/// A touch-point badge: shape, colour and letter by category.
#[derive(Clone, Debug, Serialize)]
pub struct Badge {
    /// The category.
    pub kind: Touchpoint,
    /// Centre of the shape.
    pub center: Point,
    /// Radius of the shape.
    pub radius: f64,
    /// The letter, centred on the shape.
    pub letter: Text,
}

/// A phase band above its steps' headers.
#[derive(Clone, Debug, Serialize)]
pub struct PhaseBand {
    /// The phase id (`data-phase`).
    pub id: String,
    /// The band.
    pub rect: Rect,
    /// The label, centred.
    pub label: Text,
}

/// One item card.
#[derive(Clone, Debug, Serialize)]
pub struct ItemBox {
    /// `data-id`: the item's own id, else `STEP.LANE.N`.
    pub id: String,
    /// `data-step`: shared by every card of the step (one allocation per step, not per card).
    pub step: Arc<str>,
    /// `data-lane`: shared likewise.
    pub lane: Arc<str>,
    /// The card's zone (its tint).
    pub zone: Zone,
    /// The card.
    pub rect: Rect,
    /// The item's words.
    pub text: Text,
    /// The fail point: a marker and its cause.
    pub fail: Option<Box<Mark>>,
    /// The wait point: a marker and its length.
    pub wait: Option<Box<Mark>>,
    /// The note, under the text (empty when none).
    pub note: Text,
    /// The link target, drawn as `<a href>` around the card.
    pub link: Option<String>,
}

/// A round marker with text beside it (fail and wait points).
#[derive(Clone, Debug, Serialize)]
pub struct Mark {
    /// Centre of the marker.
    pub center: Point,
    /// Its radius.
    pub radius: f64,
    /// The letter or glyph drawn on the marker (empty for a drawn clock).
    pub glyph: Text,
    /// The cause or length, beside the marker.
    pub text: Text,
}

/// One of the three zone lines, spanning the lanes.
#[derive(Clone, Debug, Serialize)]
pub struct ZoneRule {
    /// Which line.
    pub kind: ZoneLine,
    /// Its height.
    pub y: f64,
    /// Left end.
    pub x0: f64,
    /// Right end.
    pub x1: f64,
    /// Its printed name, just above it in the label gutter.
    pub label: Text,
}

/// A routed flow arrow.
#[derive(Clone, Debug, Serialize)]
pub struct FlowPath {
    /// `data-from`.
    pub from: String,
    /// `data-to`.
    pub to: String,
    /// The orthogonal polyline, from the source card's edge to the target card's edge.
    pub points: Vec<Point>,
    /// Solid or dashed.
    pub style: FlowStyle,
    /// Arrowheads at both ends.
    pub both: bool,
    /// One of the automatic customer-path arrows.
    pub customer_path: bool,
    /// The label on its background box.
    pub label: Option<FlowLabel>,
    /// In a cut, for a flow with one end outside it: that end (the flow's `from` or `to` is
    /// then a stand-in in [`Layout::stubs`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stub: Option<StubEnd>,
}

/// The end of a flow outside a cut.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StubEnd {
    /// True when the flow leaves the cut (its `to` is outside).
    pub outgoing: bool,
    /// The outside item's step id.
    pub step: String,
    /// The outside item's lane id.
    pub lane: String,
}

/// A flow's label and the background box behind it.
#[derive(Clone, Debug, Serialize)]
pub struct FlowLabel {
    /// The background box.
    pub rect: Rect,
    /// The words.
    pub text: Text,
}

/// The emotion curve on its 1–5 scale.
#[derive(Clone, Debug, Serialize)]
pub struct EmotionCurve {
    /// The band the scale occupies (over the columns).
    pub band: Rect,
    /// The band's label in the left gutter.
    pub title: Text,
    /// Scale levels 1..=5: value, height, label.
    pub levels: Vec<Level>,
    /// One point per step with an emotion.
    pub points: Vec<EmotionPoint>,
    /// The smooth curve from the first point: one cubic segment per following point.
    pub curve: Vec<Cubic>,
}

/// One level of the emotion scale.
#[derive(Clone, Debug, Serialize)]
pub struct Level {
    /// 1..=5.
    pub value: u8,
    /// Height of the grid line.
    pub y: f64,
    /// The label left of the band.
    pub label: Text,
}

/// A step's emotion.
#[derive(Clone, Debug, Serialize)]
pub struct EmotionPoint {
    /// `data-step`.
    pub step: String,
    /// 1..=5.
    pub value: u8,
    /// Where it is drawn.
    pub at: Point,
    /// Radius of the dot.
    pub radius: f64,
}

/// A cubic Bézier segment from the previous point.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Cubic {
    /// First control point.
    pub c1: Point,
    /// Second control point.
    pub c2: Point,
    /// End point.
    pub to: Point,
}

/// The legend box.
#[derive(Clone, Debug, Serialize)]
pub struct Legend {
    /// Its box.
    pub rect: Rect,
    /// One entry per mark the diagram uses.
    pub entries: Vec<LegendEntry>,
}

/// What a legend entry explains.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LegendKind {
    /// A touch-point badge.
    Touchpoint(Touchpoint),
    /// Fail point marker.
    Fail,
    /// Wait point marker.
    Wait,
    /// A note under an item.
    Note,
    /// A linked item.
    Link,
    /// A solid flow.
    Flow,
    /// A dashed flow.
    DashedFlow,
    /// A two-headed flow.
    BothFlow,
    /// The automatic customer path.
    CustomerPath,
    /// The emotion curve.
    Emotion,
    /// A stand-in for an item outside a cut.
    Stub,
}

/// One legend entry: a symbol and its words.
#[derive(Clone, Debug, Serialize)]
pub struct LegendEntry {
    /// What it explains.
    pub kind: LegendKind,
    /// Where the symbol is drawn.
    pub symbol: Rect,
    /// The letter on the symbol (touch-point badges, the fail marker); empty otherwise.
    pub glyph: Text,
    /// The words.
    pub label: Text,
}

/// Wraps and positions text with the theme's sizes and line metrics.
pub(crate) struct Typeset<'a> {
    pub measure: &'a Measure,
    pub m: &'a Metrics,
}

impl Typeset<'_> {
    /// Line height at `size` (the font's, from `text`).
    pub fn line_height(&self, size: f64) -> f64 {
        Measure::line_height(size)
    }

    /// Width of the widest explicit line of `text`, unwrapped.
    pub fn natural(&self, text: &str, size: f64, bold: bool) -> f64 {
        // Wrapping at an infinite width breaks only where the text does, and measures each line
        // as `block` will draw it, from the cached widths of its words where that is exact.
        self.measure
            .wrap(text, size, weight(bold), f64::INFINITY)
            .iter()
            .map(|l| l.width)
            .fold(0.0, f64::max)
    }

    /// The lines of `text` unwrapped, and the least width they stay the same from.
    pub(crate) fn unwrapped(&self, text: &str, size: f64, bold: bool) -> (Vec<Line>, f64) {
        self.measure
            .wrap_needing(text, size, weight(bold), f64::INFINITY)
    }

    /// `text` wrapped at `max_width` (at least one em).
    pub(crate) fn lines(&self, text: &str, size: f64, bold: bool, max_width: f64) -> Vec<Line> {
        self.measure
            .wrap(text, size, weight(bold), max_width.max(size))
    }

    /// [`Typeset::lines`], but the lines of `unwrapped` (what [`Typeset::unwrapped`] gave for
    /// `text`) when `max_width` is at least the width they need: wrapping would give them again.
    pub(crate) fn lines_keeping(
        &self,
        unwrapped: (Vec<Line>, f64),
        text: &str,
        size: f64,
        bold: bool,
        max_width: f64,
    ) -> Vec<Line> {
        let (lines, needed) = unwrapped;
        if max_width.max(size) >= needed {
            lines
        } else {
            self.lines(text, size, bold, max_width)
        }
    }

    /// `text` wrapped at `max_width`, its top-left corner at `x, top`.
    pub fn block(
        &self,
        text: &str,
        size: f64,
        bold: bool,
        max_width: f64,
        x: f64,
        top: f64,
    ) -> Text {
        self.block_of(self.lines(text, size, bold, max_width), size, bold, x, top)
    }

    /// Wrapped `lines` of one block, its top-left corner at `x, top`.
    pub(crate) fn block_of(
        &self,
        lines: Vec<Line>,
        size: f64,
        bold: bool,
        x: f64,
        top: f64,
    ) -> Text {
        let lh = self.line_height(size);
        let (ascent, descent) = (Measure::ascent(size), Measure::descent(size));
        let half_leading = (lh - ascent - descent) / 2.0;
        let lines: Vec<TextLine> = lines
            .into_iter()
            .enumerate()
            .map(|(i, l)| TextLine {
                text: l.text,
                x,
                y: top + i as f64 * lh + half_leading + ascent,
                width: l.width,
            })
            .collect();
        let w = lines.iter().map(|l| l.width).fold(0.0, f64::max);
        let h = lines.len() as f64 * lh;
        Text {
            size,
            bold,
            lines,
            rect: Rect::new(x, top, w, h),
        }
    }

    /// Like [`Typeset::block`], each line centred on `cx`.
    pub fn centered(
        &self,
        text: &str,
        size: f64,
        bold: bool,
        max_width: f64,
        cx: f64,
        top: f64,
    ) -> Text {
        let mut t = self.block(text, size, bold, max_width, cx, top);
        for l in &mut t.lines {
            l.x = cx - l.width / 2.0;
        }
        t.rect.x = cx - t.rect.w / 2.0;
        t
    }
}

fn weight(bold: bool) -> Weight {
    if bold { Weight::Bold } else { Weight::Regular }
}

/// Lays out `bp` with `theme`'s sizes and metrics, measuring text with `measure`. Pure: the same
/// inputs give the same `Layout`.
pub fn layout(bp: &Blueprint, theme: &Theme, measure: &Measure) -> Layout {
    place(bp, false, theme, measure)
}

/// Lays out a cut blueprint and its stubs: each stub is drawn as an arrow to (or from) a
/// stand-in card where its outside end lies, in the column of that end's step if the cut kept
/// it, else in a stand-in column where the omitted steps were; likewise for lanes. Without
/// stubs, the same as [`layout`].
pub fn layout_cut(cut: &crate::cut::Cutout, theme: &Theme, measure: &Measure) -> Layout {
    if cut.stubs.is_empty() {
        return layout(&cut.blueprint, theme, measure);
    }
    let ghosts = stubs::Ghosts::new(&cut.blueprint, &cut.stubs);
    let mut l = place(&ghosts.bp, ghosts.any(), theme, measure);
    ghosts.split(&mut l);
    l
}

/// The width of each column and every item's card at its column's width. Wrapping text is
/// most of layout's work and each card is independent, so the items from `split` on are done
/// on another thread with its own measurer ([`Measure::fork`]). Widths are a function of the
/// text alone, so the result is the same as on one thread.
fn cards(
    bp: &Blueprint,
    ts: &Typeset,
    f: &crate::theme::Fonts,
    split: usize,
) -> (Vec<f64>, Vec<ItemBox>) {
    let n = bp.items.len();
    let split = split.min(n);
    let fork = ts.measure.fork();
    let other = Typeset {
        measure: &fork,
        m: ts.m,
    };
    let id = |i: usize| crate::model::ItemId(i as u32);
    // Each thread keeps its half of the unwrapped cards for its half of the wrapped ones. The
    // first half of the wrapped cards is collected into a vector with room for all `n`, so the
    // second half is moved in once instead of the first being copied into a larger one.
    let naturals = |ts: &Typeset, from: usize, to: usize| {
        let mut v = Vec::with_capacity(to - from);
        v.extend((from..to).map(|i| cells::natural(bp, id(i), ts, f)));
        v
    };
    let (first, second) = crate::parallel::both(
        || naturals(ts, 0, split),
        || naturals(&other, split, n),
        split < n,
    );
    let all = first.iter().chain(&second).map(|nat| nat.width);
    let widths = grid::column_widths(bp, ts, f, all);
    let names = cells::Names::new(bp);
    let cards = |ts: &Typeset, from: usize, room: usize, naturals: Vec<cells::Natural>| {
        let mut v = Vec::with_capacity(room);
        v.extend((from..).zip(naturals).map(|(i, nat)| {
            let width = widths[bp.items[i].step.0 as usize];
            cells::card(bp, id(i), ts, f, width, &names, nat)
        }));
        v
    };
    let (mut items, rest) = crate::parallel::both(
        || cards(ts, 0, n, first),
        || cards(&other, split, 0, second),
        split < n,
    );
    items.extend(rest);
    ts.measure.absorb(fork);
    (widths, items)
}

/// [`layout`], with a legend entry for stand-ins when `stand_ins`.
fn place(bp: &Blueprint, stand_ins: bool, theme: &Theme, measure: &Measure) -> Layout {
    let ts = Typeset {
        measure,
        m: &theme.metrics,
    };
    let f = &theme.fonts;
    let m = &theme.metrics;

    // 1. Columns: widths from content, then every card of a column wrapped at that width.
    let n = bp.items.len();
    let two = n >= crate::parallel::TWO_THREADS_FROM;
    let (widths, mut items) = cards(bp, &ts, f, if two { n / 2 } else { n });

    // 2. Cells stack their cards: offsets inside each lane's content area.
    let stack = grid::stack(bp, &mut items, &widths, &ts, f);

    // 3. Flows are planned on the abstract grid; the plan sizes gutters and channels.
    let labels: Vec<Option<Text>> = bp
        .flows
        .iter()
        .map(|fl| {
            fl.label
                .as_ref()
                .map(|l| ts.block(&l.value, f.flow_label, false, m.flow_label_max, 0.0, 0.0))
        })
        .collect();
    let mut plan = route::plan(bp, &items, &stack, &labels, m);

    // 4. Labels go where they fit on their runs, which needs the real heights: a first placement
    //    gives them (heights below the title do not depend on gutter widths, only shift with
    //    the title's wrapping, so labels are kept relative to the first lane's top).
    //    Without labels, the gutters keep the tracks as `plan` packed them.
    let lane_labels = grid::lane_labels(bp, &ts, f);
    if labels.iter().any(Option::is_some) {
        let g0 = grid::place(bp, &ts, theme, &stack, &plan, lane_labels.clone());
        let item_y: Vec<f64> = (0..items.len())
            .map(|i| g0.item_origin(bp, i, &stack).1)
            .collect();
        plan.place_labels(bp, &g0, &item_y, &labels, m);
    }

    // 5. Place everything.
    let mut g = grid::place(bp, &ts, theme, &stack, &plan, lane_labels);
    for (i, it) in items.iter_mut().enumerate() {
        let (dx, dy) = g.item_origin(bp, i, &stack);
        cells::translate(it, dx, dy);
    }
    let flows = route::realize(bp, &plan, &g, &items, labels, m);

    let zone_lines = decor::zone_lines(bp, &g, &ts, f);
    let phases = std::mem::take(&mut g.phases);
    let emotion = decor::emotion(bp, &g, &ts, f);
    let mut bottom = g.lanes_bottom;
    let legend = decor::legend(
        bp,
        &items,
        &flows,
        emotion.is_some(),
        stand_ins,
        &ts,
        f,
        m.margin,
        bottom + m.legend_gap,
        g.width - 2.0 * m.margin,
    );
    if let Some(l) = &legend {
        bottom = l.rect.bottom();
        g.width = g.width.max(l.rect.right() + m.margin);
    }
    Layout {
        size: Size {
            w: g.width,
            h: bottom + m.margin,
        },
        title_text: bp.title.value.clone(),
        subtitle_text: bp.subtitle.as_ref().map(|s| s.value.clone()),
        title: std::mem::take(&mut g.title),
        subtitle: std::mem::take(&mut g.subtitle),
        lanes: std::mem::take(&mut g.lanes),
        columns: std::mem::take(&mut g.columns),
        phases,
        items,
        zone_lines,
        flows,
        emotion,
        legend,
        radius: m.item_radius,
        arrow: m.arrow,
        stub_columns: Vec::new(),
        stub_lanes: Vec::new(),
        stubs: Vec::new(),
    }
}
