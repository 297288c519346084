//! The layout's contract: the plain, positioned data that [`super::layout`] makes and render only
//! reads (style.md §3). Every text block arrives wrapped, with baselines; every box carries its
//! `data-*` ids; numbers are f64 in SVG user units (1 = 1 px at 1x). It derives `Serialize`:
//! golden tests store it as JSON, and the SVG's id prefix hashes it.
//!
//! [`Layout::texts`] walks every text block the SVG draws: what needs the drawn text (the font
//! subsets, whether anything is italic) reads it there, never by field names.
//! Uses `model` (the kinds of things drawn) and `geom`.

use crate::geom::{Point, Rect, Size};
use crate::model::{FlowStyle, Impact, LaneKind, MarkKind, Status, Touchpoint, Zone, ZoneLine};
use serde::Serialize;
use std::iter::once;
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
    /// The next line goes on with no space between them in the text (a word cut for width,
    /// CJK): joined back without one where the words are read whole (`aria-label`). Left out
    /// of the serialized form when false, so the documents' prefixes (a hash of it) stay as
    /// they were wherever no line is joined.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub joined: bool,
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
    /// Format 1.1: the kind and note of the flows that have either (kept beside
    /// [`Layout::flows`], one per flow at most, by index).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub flow_more: Vec<FlowMore>,
    /// In a variant cut (format 1.1 `--variant`): the variant's id. Not drawn (the subtitle
    /// names the variant by its label), but hashed into the id prefix: two variants' cuts that
    /// draw alike still get prefixes of their own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    /// Format 1.1: the plain rule over the insight zone's lanes, labelled "Insights".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub insight_rule: Option<InsightRule>,
    /// Format 1.1, `render --notes`: the flows' notes, numbered on their arrows and listed
    /// under the legend (empty without `--notes`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<FlowNote>,
    /// True when `render --notes` numbered the notes (even none): it salts the id prefix, as
    /// the other options that change a document do.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub notes_numbered: bool,
    /// Format 1.1: the phases' loops back (`loops_to`), arcs above the phase bands.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub loops: Vec<LoopArc>,
}

/// The plain rule that sets the insight zone (format 1.1) off from the blueprint above it.
#[derive(Clone, Debug, Serialize)]
pub struct InsightRule {
    /// Its height.
    pub y: f64,
    /// Left end.
    pub x0: f64,
    /// Right end.
    pub x1: f64,
    /// "Insights", just above it in the label gutter.
    pub label: Text,
}

/// A flow's note with `render --notes`: its number on the arrow and its line under the legend.
#[derive(Clone, Debug, Serialize)]
pub struct FlowNote {
    /// The flow's index in [`Layout::flows`].
    pub index: usize,
    /// The number, from 1, in flow order.
    pub number: usize,
    /// Centre of the numbered disc on the arrow.
    pub at: Point,
    /// Its radius.
    pub r: f64,
    /// The number on the disc.
    pub glyph: Text,
    /// "N. the note", wrapped, under the legend.
    pub text: Text,
}

/// What format 1.1's insight keys add to a card: its lane's kind, its tags, its touch point,
/// its map.
#[derive(Clone, Debug, Default, Serialize)]
pub struct CardInsight {
    /// The lane's kind (`kind-KIND`, `data-kind`), and where its glyph is centred.
    pub kind: Option<(LaneKind, Point)>,
    /// A pain card's warm tint, under its words.
    pub tint: Option<Rect>,
    /// The glyphs' radius.
    pub r: f64,
    /// The tag chips at the card's foot, in the order written.
    pub tags: Vec<TagChip>,
    /// The touch-point badge on the card's corner.
    pub touchpoint: Option<Badge>,
    /// The "continues in" glyph after the words.
    pub map: Option<MapGlyph>,
}

/// A tag's chip on a card.
#[derive(Clone, Debug, Serialize)]
pub struct TagChip {
    /// The tag id (`data-tag`, and the words on the chip).
    pub id: String,
    /// The tag's place among the declared tags: its colour (`tag-N`).
    pub slot: usize,
    /// The chip.
    pub rect: Rect,
    /// The id, centred on it.
    pub text: Text,
}

/// The "continues in" glyph of a card's `map`, linked.
#[derive(Clone, Debug, Serialize)]
pub struct MapGlyph {
    /// The path as written (render rewrites `.yaml`/`.yml` to the extension it writes).
    pub path: String,
    /// The glyph's box.
    pub rect: Rect,
}

/// A phase's loop back to an earlier phase (format 1.1 `loops_to`): an arc above the phase
/// bands from the phase's end back to the target's start, its arrowhead at the target.
#[derive(Clone, Debug, Serialize)]
pub struct LoopArc {
    /// The phase that loops (`data-phase`).
    pub phase: String,
    /// The phase it returns to (`data-loops-to`).
    pub to: String,
    /// The arc's corners: up from the phase's band, across, down to the target's band (the
    /// arrowhead's tip is the last).
    pub corners: [Point; 4],
    /// The radius of the two upper corners.
    pub radius: f64,
    /// The words on the arc (`loop_label`), on a box over its top.
    pub label: Option<FlowLabel>,
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
    /// The description under the label, wrapped (empty when none: format 1.1). Left out of
    /// the serialized layout when empty, so a version 1 diagram's id prefix stays as it was.
    #[serde(skip_serializing_if = "Text::is_empty")]
    pub description: Text,
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
    /// The ids of the variants the whole column exists in, joined by spaces, when not all
    /// (format 1.1 step `variant`): its `data-variant`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
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
    /// The description under the label, centred and wrapped to the band (empty when none; then
    /// not serialized, as [`LaneBand::description`]).
    #[serde(skip_serializing_if = "Text::is_empty")]
    pub description: Text,
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
    /// The fail point's impact (format 1.1): `data-impact`, and how its marker is drawn. (Every
    /// 1.1 field is left out of the serialized layout when unused: a cut's stand-in cards are
    /// in the id prefix's walk, which must stay as it was for a version 1 diagram.)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fail_impact: Option<Impact>,
    /// The wait point: a marker and its length.
    pub wait: Option<Box<Mark>>,
    /// The note, under the text (empty when none).
    pub note: Text,
    /// The link target, drawn as `<a href>` around the card.
    pub link: Option<String>,
    /// What format 1.1 adds to a card (marks, status, owner, tooltip, metadata), when any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub more: Option<Box<CardMore>>,
    /// What format 1.1's kind, tags, touchpoint and map add to a card, when any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub insight: Option<Box<CardInsight>>,
}

/// What format 1.1 adds to a card.
#[derive(Clone, Debug, Default, Serialize)]
pub struct CardMore {
    /// The marks' glyphs (`g.marks`, one child per mark, `data-mark`).
    pub marks: Vec<MarkGlyph>,
    /// The evidence status (`data-status`; assumed dashed, proposed dotted and tinted).
    pub status: Option<Status>,
    /// The light tint of a proposed card: a strip inside its left edge, under no text.
    pub tint: Option<Rect>,
    /// The "?" of an assumed card, on its corner.
    pub status_glyph: Option<Mark>,
    /// The owner, a muted caption at the card's foot (empty when none).
    pub owner: Text,
    /// The card's tooltip lines (`<title>`): its source and metadata.
    pub title: Vec<String>,
    /// Metadata: `data-meta-KEY` and its values joined.
    pub meta: Vec<(String, String)>,
    /// The badges of the variants the card exists in, when not all (format 1.1): a row at its
    /// top; their ids, joined by spaces, are its `data-variant`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<VariantBadge>,
    /// A spanning card's `until` step id as written (`data-until`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// In a cut, a "continues" chevron on each side where the spanning card goes on past the
    /// cut's edge (`g.continues`, `data-side`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub continues: Vec<Continues>,
}

/// A variant badge on a card (format 1.1): an outlined pill with the variant's id.
#[derive(Clone, Debug, Serialize)]
pub struct VariantBadge {
    /// The variant's id (`data-variant`).
    pub id: String,
    /// The pill.
    pub rect: Rect,
    /// The id, bold.
    pub text: Text,
}

/// A "continues" chevron on the edge of a spanning card a cut clipped.
#[derive(Clone, Debug, Serialize)]
pub struct Continues {
    /// True on the right edge (the card goes on after the cut), false on the left.
    pub after: bool,
    /// Where the chevron is centred (on the edge, at the card's first line).
    pub at: Point,
    /// Its half height.
    pub r: f64,
}

/// What format 1.1 adds to the flow [`Layout::flows`]`[index]`: its kind and its note.
#[derive(Clone, Debug, Serialize)]
pub struct FlowMore {
    /// The flow's index in [`Layout::flows`].
    pub index: usize,
    /// A dependency: an open arrowhead.
    pub needs: bool,
    /// The note, in the path's `<title>`.
    pub note: Option<String>,
}

/// How far a round glyph on a card's edge (a mark, a lane kind, a "continues" chevron) reaches
/// from its centre, in radii: render draws its backing disc this much larger than the glyph,
/// and layout keeps that disc clear of other cards ([`MarkGlyph::r`] is the glyph's radius).
pub const GLYPH_REACH: f64 = 1.15;

/// One mark's glyph on a card.
#[derive(Clone, Debug, Serialize)]
pub struct MarkGlyph {
    /// Which mark.
    pub kind: MarkKind,
    /// Where its glyph is centred (for `optional`, the card's centre: its glyph is the border).
    pub at: Point,
    /// Its radius.
    pub r: f64,
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
    /// The scale levels the scores span, lowest first (all of 1..=5 only when both ends are
    /// scored): value, height, label.
    pub levels: Vec<Level>,
    /// One point per step with an emotion.
    pub points: Vec<EmotionPoint>,
    /// The line, in runs: one per stretch of two or more neighbouring scored steps. A step
    /// without a score ends a run, so the line never passes over it (a lone scored step is
    /// its dot alone).
    pub runs: Vec<EmotionRun>,
    /// The feelings in words (format 1.1), one per step that has one; left out of the
    /// serialized layout when there is none, so a version 1 diagram's id prefix stays.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<EmotionLabel>,
    /// The declared curves (format 1.1 `curves:`), each with its points, runs and words (then
    /// `points`, `runs` and `labels` above are empty); empty without `curves:`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub curves: Vec<CurveLine>,
}

/// One declared emotion curve (format 1.1): drawn in its own colour, dash pattern and point
/// shape (by `index`), named at its right end.
#[derive(Clone, Debug, Serialize)]
pub struct CurveLine {
    /// `data-curve`.
    pub id: String,
    /// Its place among the curves, 0-based: which colour, dash pattern and point shape.
    pub index: usize,
    /// The lane whose actor feels it (`data-lane`), if the curve names one.
    pub lane: Option<String>,
    /// One point per step with a score on this curve.
    pub points: Vec<EmotionPoint>,
    /// The line, in runs (a step without a score is a gap, as in [`EmotionCurve::runs`]).
    pub runs: Vec<EmotionRun>,
    /// The feelings in words on this curve.
    pub labels: Vec<EmotionLabel>,
    /// The curve's name, after the last column (stacked clear of the other curves' names).
    pub end: Text,
    /// The centre of the point shape drawn before the name.
    pub end_symbol: Point,
    /// The radius of its point shapes.
    pub radius: f64,
}

/// A step's feeling in words, beside its point (or centred in its column when it has no score).
#[derive(Clone, Debug, Serialize)]
pub struct EmotionLabel {
    /// `data-step`.
    pub step: String,
    /// The words, wrapped inside the band.
    pub text: Text,
}

/// One stretch of the emotion line, through neighbouring scored steps.
#[derive(Clone, Debug, Serialize)]
pub struct EmotionRun {
    /// Its first point.
    pub start: Point,
    /// One cubic segment per following point.
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
    /// A declared emotion curve (format 1.1), by its place among the curves.
    Curve(u8),
    /// A fail point of this impact (format 1.1).
    FailImpact(Impact),
    /// A mark on cards (format 1.1).
    Mark(MarkKind),
    /// A card status (format 1.1).
    Status(Status),
    /// A dependency flow (format 1.1 `kind: needs`).
    NeedsFlow,
    /// The cards of a lane of this kind (format 1.1).
    LaneKind(LaneKind),
    /// A declared tag, by its place among the tags (format 1.1): its chip and its label.
    Tag(u32),
    /// A card that continues in another figure (format 1.1 `map`).
    Map,
    /// A stand-in for an item outside a cut.
    Stub,
    /// A variant's badge (format 1.1), by the variant's index in the blueprint.
    Variant(u8),
    /// A spanning card's "continues" chevron where a cut clipped it (format 1.1 `until`).
    Continues,
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

impl LegendKind {
    /// Whether its symbol carries a letter or glyph ([`LegendEntry::glyph`]): the touch-point
    /// badges and the fail marker.
    pub fn has_glyph(self) -> bool {
        matches!(
            self,
            LegendKind::Touchpoint(_)
                | LegendKind::Fail
                | LegendKind::FailImpact(_)
                | LegendKind::Variant(_)
                | LegendKind::Tag(_)
        )
    }
}

/// Which part of the diagram a drawn text block is: the class the stylesheet sets it by, and so
/// whether it is italic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TextPart {
    /// [`Layout::title`].
    Title,
    /// [`Layout::subtitle`].
    Subtitle,
    /// A [`PhaseBand`]'s label.
    Phase,
    /// A [`PhaseBand`]'s description (format 1.1).
    PhaseDescription,
    /// A phase loop's label (format 1.1).
    LoopLabel,
    /// A step header's label ([`Column::label`]).
    Step,
    /// A step header's duration.
    Duration,
    /// A touch-point badge's letter.
    Badge,
    /// The label of a stand-in column of a cut ([`Layout::stub_columns`]).
    StubSteps,
    /// The label of a stand-in lane of a cut ([`Layout::stub_lanes`]).
    StubLanes,
    /// A lane's label.
    Lane,
    /// A lane's description (format 1.1).
    LaneDescription,
    /// The emotion scale's label.
    EmotionTitle,
    /// A step's feeling in words (format 1.1).
    EmotionLabel,
    /// A declared curve's name at its right end (format 1.1).
    CurveName,
    /// A level of the emotion scale.
    EmotionLevel,
    /// A zone line's label.
    ZoneLine,
    /// A card's words.
    Words,
    /// A fail point's marker letter.
    FailGlyph,
    /// A fail point's cause.
    FailCause,
    /// A wait point's marker glyph (empty: the clock is drawn).
    WaitGlyph,
    /// A wait point's length.
    WaitLength,
    /// A card's note.
    Note,
    /// A card's owner (format 1.1).
    Owner,
    /// A tag chip's id on a card (format 1.1).
    Tag,
    /// The label of the rule over the insight zone (format 1.1).
    InsightRule,
    /// A flow note's number on its arrow (`render --notes`).
    NoteNumber,
    /// A flow note under the legend (`render --notes`).
    FlowNote,
    /// The "?" of an assumed card (format 1.1).
    StatusGlyph,
    /// The words of a stand-in of a cut ([`Layout::stubs`]).
    Stub,
    /// A variant badge's id (format 1.1).
    VariantBadge,
    /// A flow's label.
    FlowLabel,
    /// The letter on a legend symbol ([`LegendKind::has_glyph`]).
    LegendGlyph,
    /// A legend entry's words.
    LegendLabel,
}

impl TextPart {
    /// Whether the stylesheet sets it in italic (`.note`, `.zone-rule text`, `.stub .words`).
    /// No italic face is bundled: browsers slant the upright one, and the SVG that PNG and PDF
    /// are drawn from slants it itself.
    pub fn italic(self) -> bool {
        matches!(
            self,
            TextPart::Note
                | TextPart::ZoneLine
                | TextPart::Stub
                | TextPart::EmotionLabel
                | TextPart::InsightRule
        )
    }
}

/// A text block as the SVG draws it: which part of the diagram it is, and the block (its size,
/// weight and lines).
#[derive(Clone, Copy, Debug)]
pub struct DrawnText<'a> {
    /// Which part of the diagram.
    pub part: TextPart,
    /// The block; drawn as nothing when it has no line.
    pub text: &'a Text,
}

fn drawn(part: TextPart, text: &Text) -> DrawnText<'_> {
    DrawnText { part, text }
}

impl Layout {
    /// True when the layout draws something format 1.1 added (its stylesheet rules are then
    /// added; a version 1 diagram's stay as they were).
    pub fn uses_format_1_1(&self) -> bool {
        self.lanes.iter().any(|l| !l.description.is_empty())
            || self.emotion.as_ref().is_some_and(|e| !e.labels.is_empty())
            || !self.flow_more.is_empty()
            || self
                .items
                .iter()
                .any(|i| i.fail_impact.is_some() || i.more.is_some())
            || self.phases.iter().any(|p| !p.description.is_empty())
            || self.columns.iter().any(|c| c.variant.is_some())
            || self.uses_insight()
            || self.uses_curves_or_loops()
    }

    /// True when a card spans steps (format 1.1 `until`): the chevrons' stylesheet rules are
    /// then added.
    pub fn uses_spans(&self) -> bool {
        self.items
            .iter()
            .any(|i| i.more.as_ref().is_some_and(|m| m.until.is_some()))
    }

    /// True when the layout draws a part of format 1.1's insight keys (a lane kind, the insight
    /// zone, a tag, a card's touch point or map, a numbered note): their stylesheet rules are
    /// then added.
    pub fn uses_insight(&self) -> bool {
        self.insight_rule.is_some()
            || !self.notes.is_empty()
            || self.lanes.iter().any(|l| l.zone == Zone::Insight)
            || self.items.iter().any(|i| i.insight.is_some())
    }

    /// True when the layout draws declared emotion curves or phase loops (format 1.1): their
    /// stylesheet rules are then added.
    pub fn uses_curves_or_loops(&self) -> bool {
        self.emotion.as_ref().is_some_and(|e| !e.curves.is_empty()) || !self.loops.is_empty()
    }

    /// Every text block the SVG draws, in the order it draws them: what comes before the cards,
    /// the cards ([`ItemBox::texts`]), then the rest. Blocks with no line are included; they draw nothing. A text field
    /// added to the contract is drawn by render and listed here: a test renders every sample
    /// and cut and checks that the `<text>`s of the SVG are exactly these blocks.
    pub fn texts(&self) -> impl Iterator<Item = DrawnText<'_>> {
        self.texts_before_items()
            .chain(self.items.iter().flat_map(ItemBox::texts))
            .chain(self.texts_after_items())
    }

    /// [`Layout::texts`] without the cards' (render writes the cards on threads of their own,
    /// and gathers their text as it writes them).
    pub(crate) fn texts_but_items(&self) -> impl Iterator<Item = DrawnText<'_>> {
        self.texts_before_items().chain(self.texts_after_items())
    }

    /// The titles, the phase and step headers, the lanes, the emotion scale and the zone lines.
    fn texts_before_items(&self) -> impl Iterator<Item = DrawnText<'_>> {
        [
            drawn(TextPart::Title, &self.title),
            drawn(TextPart::Subtitle, &self.subtitle),
        ]
        .into_iter()
        .chain(self.phases.iter().flat_map(|p| {
            [
                drawn(TextPart::Phase, &p.label),
                drawn(TextPart::PhaseDescription, &p.description),
            ]
        }))
        .chain(
            self.loops
                .iter()
                .filter_map(|l| l.label.as_ref())
                .map(|lb| drawn(TextPart::LoopLabel, &lb.text)),
        )
        .chain(self.columns.iter().flat_map(|c| {
            let badge = c.badge.iter().map(|b| drawn(TextPart::Badge, &b.letter));
            badge.chain([
                drawn(TextPart::Step, &c.label),
                drawn(TextPart::Duration, &c.duration),
            ])
        }))
        .chain(
            self.stub_columns
                .iter()
                .map(|c| drawn(TextPart::StubSteps, &c.label)),
        )
        .chain(
            self.stub_lanes
                .iter()
                .map(|l| drawn(TextPart::StubLanes, &l.label)),
        )
        .chain(self.lanes.iter().flat_map(|l| {
            [
                drawn(TextPart::Lane, &l.label),
                drawn(TextPart::LaneDescription, &l.description),
            ]
        }))
        .chain(self.emotion.iter().flat_map(|e| {
            let levels = e.levels.iter();
            let words = e
                .labels
                .iter()
                .chain(e.curves.iter().flat_map(|c| &c.labels));
            once(drawn(TextPart::EmotionTitle, &e.title))
                .chain(levels.map(|lv| drawn(TextPart::EmotionLevel, &lv.label)))
                .chain(words.map(|w| drawn(TextPart::EmotionLabel, &w.text)))
        }))
        .chain(
            self.zone_lines
                .iter()
                .map(|z| drawn(TextPart::ZoneLine, &z.label)),
        )
        .chain(
            self.insight_rule
                .iter()
                .map(|r| drawn(TextPart::InsightRule, &r.label)),
        )
        .chain(
            self.emotion
                .iter()
                .flat_map(|e| &e.curves)
                .map(|c| drawn(TextPart::CurveName, &c.end)),
        )
    }

    /// The stand-ins of a cut, the flow labels and the legend.
    fn texts_after_items(&self) -> impl Iterator<Item = DrawnText<'_>> {
        let flows = self.flows.iter().filter_map(|f| f.label.as_ref());
        let legend = self.legend.iter().flat_map(|lg| &lg.entries);
        self.stubs
            .iter()
            .map(|s| drawn(TextPart::Stub, &s.text))
            .chain(flows.map(|lb| drawn(TextPart::FlowLabel, &lb.text)))
            .chain(legend.flat_map(|e| {
                let glyph = e
                    .kind
                    .has_glyph()
                    .then(|| drawn(TextPart::LegendGlyph, &e.glyph));
                glyph
                    .into_iter()
                    .chain(once(drawn(TextPart::LegendLabel, &e.label)))
            }))
            .chain(self.notes.iter().flat_map(|n| {
                [
                    drawn(TextPart::NoteNumber, &n.glyph),
                    drawn(TextPart::FlowNote, &n.text),
                ]
            }))
    }
}

impl ItemBox {
    /// How far the glyphs on a card's top and bottom edges reach past it, `(above, below)` in
    /// px: the star, detour, lane-kind glyph and touch-point badge sit half outside its top
    /// edge, an assumed card's "?" half outside its bottom edge. The stack keeps them clear of
    /// the card above or below and inside the lane (issue 17: a "?" was drawn over the star of
    /// the card under it).
    pub(crate) fn overhang(&self) -> (f64, f64) {
        let (top, bottom) = (self.rect.y, self.rect.bottom());
        let mut reach = (0.0f64, 0.0f64);
        // Each glyph's backing disc, with its 1 px outline.
        let mut disc = |c: Point, r: f64| {
            let r = r * GLYPH_REACH + 0.5;
            reach.0 = reach.0.max(top - (c.y - r));
            reach.1 = reach.1.max(c.y + r - bottom);
        };
        if let Some(more) = &self.more {
            for g in &more.marks {
                // The optional mark's glyph is the card's own border.
                if g.kind != MarkKind::Optional {
                    disc(g.at, g.r);
                }
            }
            if let Some(s) = &more.status_glyph {
                disc(s.center, s.radius);
            }
        }
        if let Some(ins) = &self.insight {
            if let Some((_, at)) = ins.kind {
                disc(at, ins.r);
            }
            if let Some(badge) = &ins.touchpoint {
                disc(badge.center, badge.radius);
            }
        }
        reach
    }

    /// The text blocks of a card, as the SVG draws them: its words, its fail and wait points'
    /// glyphs and words, its note. (A stand-in of a cut, also an `ItemBox`, draws its words
    /// alone: [`Layout::texts`] lists it as a [`TextPart::Stub`].)
    pub fn texts(&self) -> impl Iterator<Item = DrawnText<'_>> {
        let fail = self.fail.iter().flat_map(|m| {
            [
                drawn(TextPart::FailGlyph, &m.glyph),
                drawn(TextPart::FailCause, &m.text),
            ]
        });
        let wait = self.wait.iter().flat_map(|m| {
            [
                drawn(TextPart::WaitGlyph, &m.glyph),
                drawn(TextPart::WaitLength, &m.text),
            ]
        });
        once(drawn(TextPart::Words, &self.text))
            .chain(fail)
            .chain(wait)
            .chain(once(drawn(TextPart::Note, &self.note)))
            .chain(self.more.iter().flat_map(|m| {
                once(drawn(TextPart::Owner, &m.owner))
                    .chain(
                        m.status_glyph
                            .iter()
                            .map(|g| drawn(TextPart::StatusGlyph, &g.glyph)),
                    )
                    .chain(
                        m.variants
                            .iter()
                            .map(|b| drawn(TextPart::VariantBadge, &b.text)),
                    )
            }))
            .chain(self.insight.iter().flat_map(|c| {
                let tags = c.tags.iter().map(|t| drawn(TextPart::Tag, &t.text));
                let badge = c
                    .touchpoint
                    .iter()
                    .map(|b| drawn(TextPart::Badge, &b.letter));
                tags.chain(badge)
            }))
    }
}
