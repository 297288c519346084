//! The validated blueprint: lanes (already in zone order), steps, items, flows and phases, with
//! every reference resolved to an index. Pure, owned data with no YAML types; every value that
//! came from the file keeps its span so later stages can point at it. Uses `span`.

use crate::span::{Span, Spanned};
use serde::Serialize;

/// Index of a step in [`Blueprint::steps`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct StepId(pub u32);
/// Index of a lane in [`Blueprint::lanes`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct LaneId(pub u32);
/// Index of an item in [`Blueprint::items`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct ItemId(pub u32);
/// Index of a phase in [`Blueprint::phases`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct PhaseId(pub u32);

/// The five zones of a service blueprint, top to bottom.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Zone {
    /// Physical evidence the customer sees.
    Evidence,
    /// What the customer does.
    Customer,
    /// Visible contact-employee actions.
    Onstage,
    /// Invisible contact-employee actions.
    Backstage,
    /// Support processes.
    Support,
    /// Insights (format 1.1): thinking, feeling, pains, opportunities, metrics, policies, below
    /// support after a plain rule. Not in [`Zone::ALL`] (not a standard lane, no palette of its
    /// own: it borrows the evidence zone's colours).
    Insight,
}

impl Zone {
    /// All zones, top to bottom.
    pub const ALL: [Zone; 5] = [
        Zone::Evidence,
        Zone::Customer,
        Zone::Onstage,
        Zone::Backstage,
        Zone::Support,
    ];

    /// The zone's key as written in the format.
    pub fn key(self) -> &'static str {
        match self {
            Zone::Evidence => "evidence",
            Zone::Customer => "customer",
            Zone::Onstage => "onstage",
            Zone::Backstage => "backstage",
            Zone::Support => "support",
            Zone::Insight => "insight",
        }
    }

    /// The zone named `key`, if any.
    pub fn from_key(key: &str) -> Option<Zone> {
        Zone::ALL.into_iter().find(|z| z.key() == key)
    }

    /// The label of the standard lane of this zone.
    pub fn default_label(self) -> &'static str {
        match self {
            Zone::Evidence => "Physical evidence",
            Zone::Customer => "Customer actions",
            Zone::Onstage => "Onstage contact employee actions",
            Zone::Backstage => "Backstage contact employee actions",
            Zone::Support => "Support processes",
            Zone::Insight => "Insights",
        }
    }
}

/// The three lines of a blueprint, each between two adjacent zones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ZoneLine {
    /// Between customer and onstage.
    Interaction,
    /// Between onstage and backstage.
    Visibility,
    /// Between backstage and support.
    InternalInteraction,
}

impl ZoneLine {
    /// All three, top to bottom.
    pub const ALL: [ZoneLine; 3] = [
        ZoneLine::Interaction,
        ZoneLine::Visibility,
        ZoneLine::InternalInteraction,
    ];

    /// The zones above and below the line.
    pub fn zones(self) -> (Zone, Zone) {
        match self {
            ZoneLine::Interaction => (Zone::Customer, Zone::Onstage),
            ZoneLine::Visibility => (Zone::Onstage, Zone::Backstage),
            ZoneLine::InternalInteraction => (Zone::Backstage, Zone::Support),
        }
    }

    /// The line's printed name.
    pub fn label(self) -> &'static str {
        match self {
            ZoneLine::Interaction => "Line of interaction",
            ZoneLine::Visibility => "Line of visibility",
            ZoneLine::InternalInteraction => "Line of internal interaction",
        }
    }

    /// The SVG class of the line.
    pub fn class(self) -> &'static str {
        match self {
            ZoneLine::Interaction => "line-of-interaction",
            ZoneLine::Visibility => "line-of-visibility",
            ZoneLine::InternalInteraction => "line-of-internal-interaction",
        }
    }
}

/// Who owns a touch point (Lemon & Verhoef 2016).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Touchpoint {
    /// Designed and controlled by the firm.
    Brand,
    /// Designed or run with partners.
    Partner,
    /// The customer's own action.
    Customer,
    /// Other customers, peers, independent sources.
    Social,
}

impl Touchpoint {
    /// All categories, in legend order.
    pub const ALL: [Touchpoint; 4] = [
        Touchpoint::Brand,
        Touchpoint::Partner,
        Touchpoint::Customer,
        Touchpoint::Social,
    ];

    /// The key as written in the format.
    pub fn key(self) -> &'static str {
        match self {
            Touchpoint::Brand => "brand",
            Touchpoint::Partner => "partner",
            Touchpoint::Customer => "customer",
            Touchpoint::Social => "social",
        }
    }

    /// The category named `key`, if any.
    pub fn from_key(key: &str) -> Option<Touchpoint> {
        Touchpoint::ALL.into_iter().find(|t| t.key() == key)
    }

    /// Legend text.
    pub fn label(self) -> &'static str {
        match self {
            Touchpoint::Brand => "Brand-owned",
            Touchpoint::Partner => "Partner-owned",
            Touchpoint::Customer => "Customer-owned",
            Touchpoint::Social => "Social / external",
        }
    }
}

/// The customer's emotion at a step: 1 (very negative) to 5 (very positive).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Emotion(u8);

impl Emotion {
    /// `value` if it lies in 1..=5.
    pub fn new(value: i64) -> Option<Emotion> {
        (1..=5).contains(&value).then_some(Emotion(value as u8))
    }

    /// The score, 1..=5.
    pub fn get(self) -> u8 {
        self.0
    }
}

/// How much a fail point matters (format 1.1 `fail: {impact}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Impact {
    /// Drawn outlined.
    Low,
    /// Drawn filled amber, with the word "medium".
    Medium,
    /// Drawn filled red, with the word "high".
    High,
}

impl Impact {
    /// All impacts, in legend order (the weightiest first).
    pub const ALL: [Impact; 3] = [Impact::High, Impact::Medium, Impact::Low];

    /// The word as written in the format (and in `data-impact`).
    pub fn key(self) -> &'static str {
        match self {
            Impact::Low => "low",
            Impact::Medium => "medium",
            Impact::High => "high",
        }
    }

    /// The impact named `key`, if any.
    pub fn from_key(key: &str) -> Option<Impact> {
        Impact::ALL.into_iter().find(|i| i.key() == key)
    }
}

/// A mark on an item (format 1.1 `marks`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MarkKind {
    /// A moment of truth: a star in the card's top-right corner.
    MomentOfTruth,
    /// Where the journey is entered: a bar-and-arrow on the card's left edge.
    Entry,
    /// Where the journey is left: a bar-and-arrow on the card's right edge.
    Exit,
    /// A branch point: a diamond where the outgoing flows leave.
    Branch,
    /// An optional step: a dashed card border.
    Optional,
    /// A workaround: a detour glyph.
    Workaround,
}

impl MarkKind {
    /// All marks, in legend order.
    pub const ALL: [MarkKind; 6] = [
        MarkKind::MomentOfTruth,
        MarkKind::Entry,
        MarkKind::Exit,
        MarkKind::Branch,
        MarkKind::Optional,
        MarkKind::Workaround,
    ];

    /// The word as written (and in `data-mark`).
    pub fn key(self) -> &'static str {
        match self {
            MarkKind::MomentOfTruth => "moment-of-truth",
            MarkKind::Entry => "entry",
            MarkKind::Exit => "exit",
            MarkKind::Branch => "branch",
            MarkKind::Optional => "optional",
            MarkKind::Workaround => "workaround",
        }
    }

    /// The mark named `key`, if any.
    pub fn from_key(key: &str) -> Option<MarkKind> {
        MarkKind::ALL.into_iter().find(|m| m.key() == key)
    }

    /// Legend text.
    pub fn label(self) -> &'static str {
        match self {
            MarkKind::MomentOfTruth => "Moment of truth",
            MarkKind::Entry => "Entry point",
            MarkKind::Exit => "Exit point",
            MarkKind::Branch => "Branch point",
            MarkKind::Optional => "Optional (dashed border)",
            MarkKind::Workaround => "Workaround",
        }
    }
}

/// How sure a card is (format 1.1 `status`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Seen in research: drawn as in version 1.
    Observed,
    /// Believed, not yet checked: a dashed border and a "?" corner glyph.
    Assumed,
    /// A design, not yet real: a dotted border and a light tint.
    Proposed,
}

impl Status {
    /// All statuses, in legend order.
    pub const ALL: [Status; 3] = [Status::Observed, Status::Assumed, Status::Proposed];

    /// The word as written (and in `data-status`).
    pub fn key(self) -> &'static str {
        match self {
            Status::Observed => "observed",
            Status::Assumed => "assumed",
            Status::Proposed => "proposed",
        }
    }

    /// The status named `key`, if any.
    pub fn from_key(key: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.key() == key)
    }

    /// Legend text.
    pub fn label(self) -> &'static str {
        match self {
            Status::Observed => "Observed",
            Status::Assumed => "Assumed (dashed, ?)",
            Status::Proposed => "Proposed (dotted, tinted)",
        }
    }
}

/// What a lane's row holds (format 1.1 lane `kind`): each kind has a card style and glyph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LaneKind {
    /// What the customer thinks: a thought-bubble glyph.
    Thinking,
    /// What the customer feels: a heart glyph.
    Feeling,
    /// A pain point: a warm tint and a "!" glyph.
    Pain,
    /// An opportunity: a light-bulb glyph.
    Opportunity,
    /// A measure: a bar-chart glyph.
    Metric,
    /// A rule or policy: a document glyph.
    Policy,
}

impl LaneKind {
    /// All kinds, in legend order.
    pub const ALL: [LaneKind; 6] = [
        LaneKind::Thinking,
        LaneKind::Feeling,
        LaneKind::Pain,
        LaneKind::Opportunity,
        LaneKind::Metric,
        LaneKind::Policy,
    ];

    /// The word as written (and in `data-kind`).
    pub fn key(self) -> &'static str {
        match self {
            LaneKind::Thinking => "thinking",
            LaneKind::Feeling => "feeling",
            LaneKind::Pain => "pain",
            LaneKind::Opportunity => "opportunity",
            LaneKind::Metric => "metric",
            LaneKind::Policy => "policy",
        }
    }

    /// The kind named `key`, if any.
    pub fn from_key(key: &str) -> Option<LaneKind> {
        LaneKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// Legend text.
    pub fn label(self) -> &'static str {
        match self {
            LaneKind::Thinking => "Thinking",
            LaneKind::Feeling => "Feeling",
            LaneKind::Pain => "Pain point (tinted, !)",
            LaneKind::Opportunity => "Opportunity",
            LaneKind::Metric => "Metric",
            LaneKind::Policy => "Policy or rule",
        }
    }
}

/// A declared tag (format 1.1 top-level `tags:`).
#[derive(Clone, Debug, Serialize)]
pub struct Tag {
    /// The id, unique among tags (its own namespace); drawn on the chips.
    pub id: Spanned<String>,
    /// What it means, in the legend.
    pub label: Spanned<String>,
}

/// What format 1.1 adds to an item, boxed apart (most items have none of it).
#[derive(Clone, Debug, Default, Serialize)]
pub struct ItemDetails {
    /// How much the fail point matters.
    pub impact: Option<Spanned<Impact>>,
    /// The marks, each once, in the order written.
    pub marks: Vec<Spanned<MarkKind>>,
    /// How sure the card is.
    pub status: Option<Spanned<Status>>,
    /// Where the card's evidence comes from (in the card's `<title>`).
    pub source: Option<Spanned<String>>,
    /// Who owns it (a muted caption at the card's foot).
    pub owner: Option<Spanned<String>>,
    /// Metadata, not drawn: each key and its values (in `data-meta-KEY` and the `<title>`).
    pub meta: Vec<(String, Vec<String>)>,
    /// The variants the item belongs to (format 1.1 `variant`); [`Variants::ALL`] when none is
    /// named.
    #[serde(skip_serializing_if = "Variants::is_all")]
    pub variants: Variants,
    /// Where a spanning card ends (`until`).
    pub until: Option<Until>,
    /// The tags, as indices into [`Blueprint::tags`], each once, in the order written.
    pub tags: Vec<Spanned<u32>>,
    /// Who owns the card's touch point: the step header's badge, on the card's corner.
    pub touchpoint: Option<Spanned<Touchpoint>>,
    /// The blueprint or figure the card continues in (a checked relative path, never read).
    pub map: Option<Spanned<String>>,
}

/// A path or state of one service (format 1.1 `variants:`), such as "as is" and "to be", or
/// "self-serve" and "enterprise".
#[derive(Clone, Debug, Serialize)]
pub struct Variant {
    /// The id, unique among variants: named by steps' and items' `variant`, drawn on badges.
    pub id: Spanned<String>,
    /// The label; the id when none was given.
    pub label: Spanned<String>,
}

/// A set of variants, by their index in [`Blueprint::variants`] (at most
/// [`crate::limits::MAX_VARIANTS`], so a bit each). The empty set stands for every variant: a
/// step or item that names none belongs to all of them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Variants(pub u16);

impl Variants {
    /// Every variant (nothing named).
    pub const ALL: Variants = Variants(0);

    /// True when it stands for every variant.
    pub fn is_all(&self) -> bool {
        self.0 == 0
    }

    /// True when variant `i` is in the set.
    pub fn contains(self, i: usize) -> bool {
        self.is_all() || (i < 16 && self.0 & (1 << i) != 0)
    }

    /// The set and `other` both: [`Variants::ALL`] is the whole. `None` when they share no
    /// variant.
    pub fn and(self, other: Variants) -> Option<Variants> {
        match (self.is_all(), other.is_all()) {
            (true, _) => Some(other),
            (_, true) => Some(self),
            _ => Some(Variants(self.0 & other.0)).filter(|v| v.0 != 0),
        }
    }

    /// The indices named, lowest first (none for [`Variants::ALL`]).
    pub fn indices(self) -> impl Iterator<Item = usize> {
        (0..16).filter(move |i| self.0 & (1 << i) != 0)
    }
}

/// The end of a spanning card (format 1.1 `until`): one card from its item's step to this one.
#[derive(Clone, Debug, Serialize)]
pub struct Until {
    /// The last step the card covers, at or after the item's own (in a cut: the last kept one).
    pub step: StepId,
    /// The `until` step id as written (`data-until`), kept when a cut leaves that step out.
    pub id: Spanned<String>,
    /// A cut left out steps the card covers before its first column and after its last: the
    /// card goes on past the cut's edge on that side (a "continues" chevron).
    pub clipped: [bool; 2],
}

/// How a flow's line is drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FlowStyle {
    /// A solid line (default).
    #[default]
    Solid,
    /// A dashed line.
    Dashed,
}

/// A journey stage: a run of consecutive steps.
#[derive(Clone, Debug, Serialize)]
pub struct Phase {
    /// The id, unique among phases.
    pub id: Spanned<String>,
    /// The label; the id when none was given.
    pub label: Spanned<String>,
    /// A summary drawn under the label (format 1.1).
    pub description: Option<Spanned<String>>,
    /// First and last step of the phase (inclusive), `None` when no step names it.
    pub steps: Option<(StepId, StepId)>,
    /// The loop back to a phase at or before this one (format 1.1 `loops_to`, `loop_label`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub loop_back: Option<Box<LoopBack>>,
}

/// A phase's loop back to an earlier phase (or itself): the loyalty loop, drawn as an arc above
/// the phase band from the phase's end back to the target's start.
#[derive(Clone, Debug, Serialize)]
pub struct LoopBack {
    /// The phase the arc returns to (at or before the phase that loops), and where it is named.
    pub to: Spanned<PhaseId>,
    /// The words on the arc.
    pub label: Option<Spanned<String>>,
}

/// One emotion curve of several (format 1.1 `curves:`): whose feelings it follows.
#[derive(Clone, Debug, Serialize)]
pub struct Curve {
    /// The id, used as a key in steps' `emotion` mappings.
    pub id: Spanned<String>,
    /// The name drawn at the curve's right end and in the legend.
    pub label: Spanned<String>,
    /// The lane whose actor feels it, by id (already checked).
    pub lane: Option<Spanned<String>>,
    /// The variants the curve belongs to (`variant`); [`Variants::ALL`] when none is named.
    #[serde(skip_serializing_if = "Variants::is_all")]
    pub variants: Variants,
}

/// A step's feeling on one curve: a score, words, or both (format 1.1).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Feeling {
    /// 1..=5; none is a gap in the curve.
    pub score: Option<Spanned<Emotion>>,
    /// The feeling in words, beside the point.
    pub label: Option<Spanned<String>>,
}

/// A swimlane.
#[derive(Clone, Debug, Serialize)]
pub struct Lane {
    /// The id, used as a key in steps.
    pub id: Spanned<String>,
    /// The label shown in the left gutter.
    pub label: Spanned<String>,
    /// The zone the lane belongs to.
    pub zone: Zone,
    /// Who or what the lane is, drawn under the label (format 1.1).
    pub description: Option<Spanned<String>>,
    /// What kind of journey row it is (format 1.1 `kind`): its cards' style.
    pub kind: Option<Spanned<LaneKind>>,
}

/// A column of the blueprint.
#[derive(Clone, Debug, Serialize)]
pub struct Step {
    /// The id, unique among steps and item ids.
    pub id: Spanned<String>,
    /// The column header, if given.
    pub label: Option<Spanned<String>>,
    /// The phase the step belongs to.
    pub phase: Option<PhaseId>,
    /// The touch-point category.
    pub touchpoint: Option<Spanned<Touchpoint>>,
    /// The customer's emotion.
    pub emotion: Option<Spanned<Emotion>>,
    /// The feeling in words (format 1.1 `emotion: {label}`), drawn beside the point.
    pub emotion_label: Option<Spanned<String>>,
    /// With `curves:` declared (format 1.1), the feeling on each curve, indexed as
    /// [`Blueprint::curves`] (then `emotion` and `emotion_label` are `None`); else empty.
    pub feelings: Vec<Feeling>,
    /// Free-text duration shown under the header.
    pub duration: Option<Spanned<String>>,
    /// A duration per variant (format 1.1 `duration: {VARIANT: text}`), in the order written,
    /// each with its variant's index in [`Blueprint::variants`]; then `duration` is what the
    /// whole figure shows, each variant's id and text (`ss 5 min · en 1–2 weeks`), and a
    /// variant's cut shows its own.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub durations: Vec<(usize, Spanned<String>)>,
    /// The variants the whole column exists in (format 1.1 `variant`); [`Variants::ALL`] when
    /// none is named.
    #[serde(skip_serializing_if = "Variants::is_all")]
    pub variants: Variants,
    /// The items of each lane's cell, indexed by [`LaneId`]; each list in cell order.
    pub cells: Vec<Vec<ItemId>>,
    /// The span of the whole step mapping.
    pub span: Span,
}

impl Item {
    /// The fail point's impact, if stated.
    pub fn impact(&self) -> Option<Impact> {
        self.details.as_ref()?.impact.as_ref().map(|i| i.value)
    }

    /// The variants the item belongs to as written on it ([`Variants::ALL`] when none); its
    /// step's variants narrow it further ([`Blueprint::variants_of`]).
    pub fn own_variants(&self) -> Variants {
        self.details.as_ref().map_or(Variants::ALL, |d| d.variants)
    }

    /// Where the card ends when it spans steps (format 1.1 `until`).
    pub fn until(&self) -> Option<&Until> {
        self.details.as_ref()?.until.as_ref()
    }

    /// The last step the card covers: its `until` step, else its own.
    pub fn last_step(&self) -> StepId {
        self.until().map_or(self.step, |u| u.step)
    }

    /// True when the card covers more than its own step.
    pub fn spans(&self) -> bool {
        self.last_step() > self.step
    }

    /// True when the item carries mark `m`.
    pub fn has_mark(&self, m: MarkKind) -> bool {
        self.details
            .as_ref()
            .is_some_and(|d| d.marks.iter().any(|x| x.value == m))
    }
}

impl Phase {
    /// Points the loop back (format 1.1) at its target's new index in `map` (old index →
    /// new), or drops it when the target is gone: in a cut, an arc to a phase left out would
    /// point at nothing.
    pub fn renumber_loop(&mut self, map: &[Option<PhaseId>]) {
        self.loop_back = self.loop_back.take().and_then(|mut lb| {
            lb.to.value = map.get(lb.to.value.0 as usize).copied().flatten()?;
            Some(lb)
        });
    }
}

impl Step {
    /// The header text: the label, else the id.
    pub fn title(&self) -> &str {
        self.label.as_ref().unwrap_or(&self.id).value.as_str()
    }
}

/// One card in a cell.
#[derive(Clone, Debug, Serialize)]
pub struct Item {
    /// The step (column).
    pub step: StepId,
    /// The lane (row).
    pub lane: LaneId,
    /// 1-based position in its cell.
    pub index: u32,
    /// The item's own id, if given. (The optional parts are boxed: most items have none of
    /// them, and a blueprint holds thousands of items; an item is 96 bytes instead of 216.)
    pub id: Option<Box<Spanned<String>>>,
    /// The words on the card.
    pub text: Spanned<String>,
    /// A fail point and its cause (empty for `fail: {}`, a cause not stated).
    pub fail: Option<Box<Spanned<String>>>,
    /// A wait point and its length.
    pub wait: Option<Box<Spanned<String>>>,
    /// A note shown under the text.
    pub note: Option<Box<Spanned<String>>>,
    /// A link (http, https or mailto; already checked).
    pub link: Option<Box<Spanned<String>>>,
    /// What format 1.1 adds (fail impact, ...), when any of it is written.
    pub details: Option<Box<ItemDetails>>,
    /// The span of the item as written (string or mapping).
    pub span: Span,
}

/// An arrow between two items.
#[derive(Clone, Debug, Serialize)]
pub struct Flow {
    /// Where the arrow starts.
    pub from: ItemId,
    /// Where it points.
    pub to: ItemId,
    /// Text on the arrow.
    pub label: Option<Spanned<String>>,
    /// Solid or dashed.
    pub style: FlowStyle,
    /// Arrowheads at both ends.
    pub both: bool,
    /// True for the arrows of the automatic customer path.
    pub customer_path: bool,
    /// A dependency (format 1.1 `kind: needs`), not a trigger: an open arrowhead.
    pub needs: bool,
    /// A note on the arrow (format 1.1), in the path's `<title>`.
    pub note: Option<Box<Spanned<String>>>,
    /// The span of the flow as written (the `customer_path` key for automatic ones).
    pub span: Span,
}

/// A validated service blueprint. Lanes are in zone order; references are indices.
#[derive(Clone, Debug, Serialize)]
pub struct Blueprint {
    /// The title (required).
    pub title: Spanned<String>,
    /// The subtitle.
    pub subtitle: Option<Spanned<String>>,
    /// Journey stages, in file order.
    pub phases: Vec<Phase>,
    /// Lanes, top to bottom (zone order, then list order).
    pub lanes: Vec<Lane>,
    /// Steps, left to right.
    pub steps: Vec<Step>,
    /// Every item, in step order, then lane order, then cell order.
    pub items: Vec<Item>,
    /// Flows written in the file, then the automatic customer path (`customer_path: true`).
    pub flows: Vec<Flow>,
    /// The built-in theme the file asks for (`theme:`), one of `validate::keys::THEMES`; a
    /// theme given to `render` (`--theme`) wins over it.
    pub theme: Option<Spanned<String>>,
    /// The variants declared (format 1.1 `variants:`), in file order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<Variant>,
    /// The declared tags (format 1.1), in file order.
    pub tags: Vec<Tag>,
    /// The emotion curves declared (format 1.1 `curves:`); empty: the one customer curve of
    /// version 1, read from each step's `emotion`.
    pub curves: Vec<Curve>,
}

impl Blueprint {
    /// The item `id`.
    pub fn item(&self, id: ItemId) -> &Item {
        &self.items[id.0 as usize]
    }

    /// The step `id`.
    pub fn step(&self, id: StepId) -> &Step {
        &self.steps[id.0 as usize]
    }

    /// The lane `id`.
    pub fn lane(&self, id: LaneId) -> &Lane {
        &self.lanes[id.0 as usize]
    }

    /// The zone line drawn under lane `j`, if any: where the zone changes, the top-most of the
    /// three lines whose zones bracket the change. With every zone present that is the line
    /// between the two zones; where a zone has no lane, the line still separates what lies on
    /// either side (the servuction model's contact personnel over organisation and systems,
    /// with no backstage lane, keeps its line of visibility). Each line appears at most once.
    pub fn zone_below(&self, j: usize) -> Option<ZoneLine> {
        let (a, b) = (self.lanes.get(j)?.zone, self.lanes.get(j + 1)?.zone);
        // The insight zone is set off by a plain rule of its own, not one of the three lines.
        if b == Zone::Insight {
            return None;
        }
        ZoneLine::ALL.into_iter().find(|z| {
            let (upper, lower) = z.zones();
            a <= upper && lower <= b
        })
    }

    /// The variants item `id` exists in: its own and its step's; `None` when they share none.
    pub fn variants_of(&self, id: ItemId) -> Option<Variants> {
        let it = self.item(id);
        it.own_variants().and(self.step(it.step).variants)
    }

    /// The ids of the variants in `set`, in declaration order (none for [`Variants::ALL`]).
    pub fn variant_ids(&self, set: Variants) -> Vec<&str> {
        set.indices()
            .filter_map(|i| self.variants.get(i).map(|v| v.id.value.as_str()))
            .collect()
    }

    /// The name of an item in `data-*` attributes: its own id, else `STEP.LANE.N`.
    pub fn item_ref(&self, id: ItemId) -> String {
        let item = self.item(id);
        if let Some(own) = &item.id {
            return own.value.clone();
        }
        // Not `format!`, which costs about 1,200 instructions here: layout names every item
        // and both ends of every flow.
        let (step, lane) = (
            &self.step(item.step).id.value,
            &self.lane(item.lane).id.value,
        );
        let mut digits = itoa::Buffer::new();
        [step.as_str(), ".", lane, ".", digits.format(item.index)].concat()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn item_refs_name_the_cell_and_the_place_in_it() {
        let evidence: Vec<String> = (1..=12).map(|i| format!("sign {i}")).collect();
        let text = format!(
            "version: 1\ntitle: T\nsteps:\n  - id: s1\n    evidence: [{}]\n    customer: {{ id: own, text: Walk in }}\n",
            evidence.join(", ")
        );
        let source = crate::span::Source::new("t.yaml", text);
        let bp = crate::check(&source).expect("valid").value;
        let refs: Vec<String> = (0..bp.items.len())
            .map(|i| bp.item_ref(super::ItemId(i as u32)))
            .collect();
        assert_eq!(refs.len(), 13);
        assert_eq!(refs[0], "s1.evidence.1");
        assert_eq!(refs[9], "s1.evidence.10");
        assert_eq!(refs[11], "s1.evidence.12");
        assert!(refs.contains(&"own".to_string()), "{refs:?}");
    }
}
