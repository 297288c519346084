//! The known keys of every mapping in format versions 1 and 1.1, with their types and meaning. One table
//! per mapping drives validation (unknown keys, did-you-mean), and the JSON Schema
//! ([`crate::schema`]), so the two cannot drift; an editor can complete keys and values from
//! them. Also the did-you-mean matcher and its budget. Uses limits.

use crate::limits;

/// What a key's value must be.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    /// Free text (a string; a plain number or boolean is taken as the text written).
    Text,
    /// An id matching `[A-Za-z0-9_-]+`.
    Id,
    /// An integer in `min..=max`.
    Int(i64, i64),
    /// `true` or `false`.
    Bool,
    /// One of these words.
    Enum(&'static [&'static str]),
    /// A reference to an item: `STEP.LANE`, `STEP.LANE.N` or an item id.
    ItemRef,
    /// A reference to a phase id.
    PhaseRef,
    /// A reference to a step id (format 1.1 item `until`).
    StepRef,
    /// A link: an http, https or mailto URL.
    Link,
    /// A list of mappings described by the table.
    List(&'static [Key]),
    /// A cell: a string, a list of strings and item mappings, or an item mapping.
    Cell,
    /// The format version: `1` or `1.1`.
    Version,
    /// One of these words, or a list of them.
    Words(&'static [&'static str]),
    /// A mapping of `[a-z][a-z0-9-]*` keys to text or lists of text (item `meta`).
    Meta,
    /// An emotion: an integer in `min..=max`, or (format 1.1) a mapping described by the table,
    /// or (with `curves:`) a mapping from curve id to either.
    Feeling(i64, i64, &'static [Key]),
    /// Free text, or (format 1.1) a mapping described by the table (`{}` allowed).
    TextOrMap(&'static [Key]),
    /// (Format 1.1) a variant id declared under `variants:`, or a non-empty list of them.
    VariantRefs,
    /// Free text, or (format 1.1) a mapping from variant ids declared under `variants:` to
    /// text (step `duration`).
    TextPerVariant,
    /// A relative path to another blueprint or figure (format 1.1 item `map`).
    MapRef,
    /// A tag id or a list of them (format 1.1 item `tags`).
    TagRefs,
    /// A key of format 1.1 that this version of blueprint does not draw yet: refused with
    /// `not-yet-supported`, and left out of the schema.
    NotYet,
}

/// A key of a mapping.
#[derive(Clone, Copy, Debug)]
pub struct Key {
    /// The key as written.
    pub name: &'static str,
    /// What its value must be.
    pub kind: Kind,
    /// Whether it must be present.
    pub required: bool,
    /// One line for the schema and docs.
    pub doc: &'static str,
    /// True for a key format 1.1 added: a file that says `version: 1` may not use it.
    pub since_1_1: bool,
}

const fn key(name: &'static str, kind: Kind, required: bool, doc: &'static str) -> Key {
    Key {
        name,
        kind,
        required,
        doc,
        since_1_1: false,
    }
}

/// An optional key format 1.1 added.
const fn key11(name: &'static str, kind: Kind, doc: &'static str) -> Key {
    Key {
        name,
        kind,
        required: false,
        doc,
        since_1_1: true,
    }
}

/// A key of format 1.1 not drawn yet (see [`Kind::NotYet`]); `doc` says what it will be. Every
/// key of 1.1 is drawn now; kept for the additions to come (`blueprint diff`), so that a key
/// is never silently left out of a figure.
#[allow(dead_code)]
const fn not_yet(name: &'static str, doc: &'static str) -> Key {
    key11(name, Kind::NotYet, doc)
}

/// The zone names.
pub const ZONES: &[&str] = &["evidence", "customer", "onstage", "backstage", "support"];
/// The zones a lane may name: the five standard ones, and (format 1.1) `insight`.
pub const LANE_ZONES: &[&str] = &[
    "evidence",
    "customer",
    "onstage",
    "backstage",
    "support",
    "insight",
];
/// The kinds of a lane (format 1.1).
pub const LANE_KINDS: &[&str] = &[
    "thinking",
    "feeling",
    "pain",
    "opportunity",
    "metric",
    "policy",
];
/// The touch-point categories.
pub const TOUCHPOINTS: &[&str] = &["brand", "partner", "customer", "social"];
/// The flow kinds (format 1.1).
pub const FLOW_KINDS: &[&str] = &["trigger", "needs"];
/// The flow styles.
pub const STYLES: &[&str] = &["solid", "dashed"];
/// The built-in themes (`theme.rs` has one for each name; a test checks both ways).
pub const THEMES: &[&str] = &["light", "dark", "print", "high-contrast"];
/// Link schemes accepted.
pub const LINK_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// Keys of a phase.
pub const PHASE: &[Key] = &[
    key(
        "id",
        Kind::Id,
        true,
        "Unique phase id, named by steps' `phase`.",
    ),
    key(
        "label",
        Kind::Text,
        false,
        "Shown in the phase band; defaults to the id.",
    ),
    key11(
        "description",
        Kind::Text,
        "A summary under the phase label, wrapped to the phase's width (1.1).",
    ),
    key11(
        "loops_to",
        Kind::PhaseRef,
        "A phase at or before this one: an arc above the phase band from this phase's end back to its start (the loyalty loop).",
    ),
    key11(
        "loop_label",
        Kind::Text,
        "The words on the loop arc (only with `loops_to`).",
    ),
];

/// Keys of a lane.
pub const LANE: &[Key] = &[
    key(
        "id",
        Kind::Id,
        true,
        "Lane id, used as a key in steps. A standard key (evidence, customer, onstage, backstage, support) takes that lane's zone and label.",
    ),
    key("label", Kind::Text, false, "Shown in the left gutter."),
    key(
        "zone",
        Kind::Enum(LANE_ZONES),
        false,
        "The zone the lane belongs to; required for a lane whose id is not a standard key. `insight` (1.1): below support, after a plain rule.",
    ),
    key11(
        "description",
        Kind::Text,
        "Who or what the lane is, under its label in the left gutter (1.1).",
    ),
    key11(
        "kind",
        Kind::Enum(LANE_KINDS),
        "A journey row: thinking, feeling, pain, opportunity, metric or policy; its cards' style and glyph.",
    ),
];

/// Keys of an item mapping.
pub const ITEM: &[Key] = &[
    key("text", Kind::Text, true, "The words on the card."),
    key(
        "id",
        Kind::Id,
        false,
        "Lets flows name the item directly; unique across steps and items.",
    ),
    key(
        "fail",
        Kind::TextOrMap(FAIL),
        false,
        "A fail point, with its cause; or (1.1) `{cause, impact}`, either alone, or `{}`.",
    ),
    key("wait", Kind::Text, false, "A wait point, with its length."),
    key("note", Kind::Text, false, "A note shown under the text."),
    key("link", Kind::Link, false, "An http, https or mailto link."),
    key11(
        "marks",
        Kind::Words(MARKS),
        "A mark or a list: moment-of-truth, entry, exit, branch, optional, workaround.",
    ),
    key11(
        "status",
        Kind::Enum(STATUSES),
        "observed (solid border), assumed (dashed, \"?\") or proposed (dotted, tinted).",
    ),
    key11(
        "source",
        Kind::Text,
        "Where the evidence comes from; in the card's tooltip.",
    ),
    key11(
        "owner",
        Kind::Text,
        "Who owns it; a muted caption at the card's foot.",
    ),
    key11(
        "meta",
        Kind::Meta,
        "Metadata for tools, not drawn: keys [a-z][a-z0-9-]*, values text or lists of text, at most 32 keys.",
    ),
    key11(
        "touchpoint",
        Kind::Enum(TOUCHPOINTS),
        "Who owns the item's touch point: brand, partner, customer or social; the badge on the card's corner.",
    ),
    key11(
        "map",
        Kind::MapRef,
        "A relative path to the blueprint or figure this item continues in (.yaml, .yml, .svg, .png, .pdf, .html, optionally #ID); a linked glyph, never read.",
    ),
    key11(
        "tags",
        Kind::TagRefs,
        "A tag id or a list, from the declared `tags:`; chips at the card's foot.",
    ),
    key11(
        "variant",
        Kind::VariantRefs,
        "A variant id or a list: the card exists only in those variants, and shows a badge.",
    ),
    key11(
        "until",
        Kind::StepRef,
        "A step id at or after the item's own: one card spanning the steps from its own to that one.",
    ),
];

/// The marks of an item.
pub const MARKS: &[&str] = &[
    "moment-of-truth",
    "entry",
    "exit",
    "branch",
    "optional",
    "workaround",
];
/// The evidence statuses of an item.
pub const STATUSES: &[&str] = &["observed", "assumed", "proposed"];

/// The impacts of a fail point.
pub const IMPACTS: &[&str] = &["low", "medium", "high"];

/// Keys of an item's `fail` written as a mapping (1.1); either alone, or none (`{}`: a fail
/// point whose cause is not stated).
pub const FAIL: &[Key] = &[
    key11("cause", Kind::Text, "What goes wrong."),
    key11(
        "impact",
        Kind::Enum(IMPACTS),
        "low (outlined marker), medium (amber) or high (red, and the word \"high\").",
    ),
];

/// Keys of a step's `emotion` written as a mapping (1.1); either alone is allowed.
pub const EMOTION: &[Key] = &[
    key11(
        "score",
        Kind::Int(1, 5),
        "1 (very negative) to 5 (very positive); without it the curve has a gap here.",
    ),
    key11(
        "label",
        Kind::Text,
        "The feeling in words, drawn in small italic beside the point.",
    ),
];

/// Keys of a declared emotion curve (1.1 `curves:`).
pub const CURVE: &[Key] = &[
    key(
        "id",
        Kind::Id,
        true,
        "Unique curve id, a key of the steps' `emotion` mappings (not `score` or `label`).",
    ),
    key(
        "label",
        Kind::Text,
        true,
        "Whose feelings the curve follows: drawn at its right end and in the legend.",
    ),
    key(
        "lane",
        Kind::Text,
        false,
        "The lane whose actor feels it, by id.",
    ),
    key(
        "variant",
        Kind::VariantRefs,
        false,
        "A variant id or a list: the curve belongs to those variants (a `--variant` cut draws only its own).",
    ),
];

/// Fields of a step (every other key of a step names a lane).
pub const STEP: &[Key] = &[
    key("id", Kind::Id, true, "Unique among steps and item ids."),
    key(
        "label",
        Kind::Text,
        false,
        "The column header; defaults to the id.",
    ),
    key(
        "phase",
        Kind::PhaseRef,
        false,
        "The phase the step belongs to.",
    ),
    key(
        "touchpoint",
        Kind::Enum(TOUCHPOINTS),
        false,
        "Who owns the touch point: brand, partner, customer or social.",
    ),
    key(
        "emotion",
        Kind::Feeling(1, 5, EMOTION),
        false,
        "The customer's emotion: 1 (very negative) to 5 (very positive), or (1.1) `{score, label}`, or (1.1, with `curves:`) a mapping from curve id to either.",
    ),
    key(
        "duration",
        Kind::TextPerVariant,
        false,
        "Free text shown under the header; or (1.1) a mapping from variant id to text.",
    ),
    key11(
        "variant",
        Kind::VariantRefs,
        "A variant id or a list: the whole column exists only in those variants.",
    ),
];

/// Keys of a variant (format 1.1 `variants:`).
pub const VARIANT: &[Key] = &[
    key(
        "id",
        Kind::Id,
        true,
        "Unique variant id, named by steps' and items' `variant`, and drawn on their badges.",
    ),
    key(
        "label",
        Kind::Text,
        false,
        "The variant's name, in the legend and a variant cut's subtitle; defaults to the id.",
    ),
];

/// Keys of a declared tag (format 1.1 top-level `tags:`).
pub const TAG: &[Key] = &[
    key11(
        "id",
        Kind::Id,
        "The tag id, written on the chips; unique among tags.",
    ),
    key11(
        "label",
        Kind::Text,
        "What the tag means, in the legend; defaults to the id.",
    ),
];

/// Keys of a flow.
pub const FLOW: &[Key] = &[
    key(
        "from",
        Kind::ItemRef,
        true,
        "The item the arrow starts at: STEP.LANE, STEP.LANE.N (1-based) or an item id.",
    ),
    key("to", Kind::ItemRef, true, "The item the arrow points to."),
    key("label", Kind::Text, false, "Text on the arrow."),
    key(
        "style",
        Kind::Enum(STYLES),
        false,
        "solid (default) or dashed.",
    ),
    key("both", Kind::Bool, false, "Arrowheads at both ends."),
    key11(
        "kind",
        Kind::Enum(FLOW_KINDS),
        "trigger (default) or needs: a dependency, dashed with an open arrowhead (an explicit `style` wins).",
    ),
    key11("note", Kind::Text, "A note on the arrow, in its tooltip."),
];

/// Top-level keys.
pub const TOP: &[Key] = &[
    key(
        "version",
        Kind::Version,
        false,
        "Format version: 1 or 1.1; a file without it is read as 1.1.",
    ),
    key("title", Kind::Text, true, "The blueprint's title."),
    key("subtitle", Kind::Text, false, "A line under the title."),
    key(
        "phases",
        Kind::List(PHASE),
        false,
        "Journey stages, each a run of consecutive steps.",
    ),
    key(
        "lanes",
        Kind::List(LANE),
        false,
        "Replaces the five standard lanes.",
    ),
    key(
        "steps",
        Kind::List(STEP),
        true,
        "The columns, left to right; at least one.",
    ),
    key("flows", Kind::List(FLOW), false, "Arrows between items."),
    key(
        "customer_path",
        Kind::Bool,
        false,
        "Arrows along consecutive customer items (default true).",
    ),
    key(
        "theme",
        Kind::Enum(THEMES),
        false,
        "The built-in theme to render with: light (default), dark, print or high-contrast; `--theme` on the command line wins.",
    ),
    key11(
        "tags",
        Kind::List(TAG),
        "A declared vocabulary of card tags, `{id, label}` each, at most 16.",
    ),
    key11(
        "curves",
        Kind::List(CURVE),
        "Several emotion curves (at most 5): each step's `emotion` then maps curve ids to scores.",
    ),
    key11(
        "variants",
        Kind::List(VARIANT),
        "Paths or states of one service (as is / to be, self-serve / enterprise); at most 16.",
    ),
];

/// What a file's did-you-mean suggestions may still cost, in characters compared
/// ([`limits::MAX_SUGGESTION_WORK`]). Each suggestion is charged before it is computed, so a
/// file of long ids and many bad references stops suggesting, not running.
#[derive(Debug)]
pub struct SuggestionBudget(usize);

impl Default for SuggestionBudget {
    fn default() -> Self {
        SuggestionBudget(limits::MAX_SUGGESTION_WORK)
    }
}

impl SuggestionBudget {
    /// Takes `cost` from what is left, or says it is not there (and takes nothing).
    fn spend(&mut self, cost: usize) -> bool {
        match self.0.checked_sub(cost) {
            Some(left) => {
                self.0 = left;
                true
            }
            None => false,
        }
    }
}

/// The candidate closest to `word`, if one is close enough to be a likely typo and the budget
/// pays for finding it. Every candidate looked at costs its length; every one compared costs
/// the product of both lengths (the edit-distance table's cells, which are also its memory).
/// When the budget runs out the answer is `None`: a suggestion is a courtesy, never worth more.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    budget: &mut SuggestionBudget,
) -> Option<&'a str> {
    if !budget.spend(word.len()) {
        return None;
    }
    let lower = word.to_lowercase();
    let n = lower.chars().count();
    let max = (n / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    let mut buf = String::new();
    for c in candidates {
        if c.len().abs_diff(word.len()) > max * 4 {
            continue;
        }
        if !budget.spend(c.len()) {
            return None;
        }
        if c.chars().count().abs_diff(n) > max {
            continue;
        }
        buf.clear();
        buf.extend(c.chars().flat_map(char::to_lowercase));
        let d = if buf == lower {
            0
        } else {
            if !budget.spend(n.saturating_mul(buf.chars().count())) {
                return None;
            }
            strsim::damerau_levenshtein(&lower, &buf)
        };
        if d <= max && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, c));
            if d == 0 {
                break;
            }
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_words_only() {
        assert_eq!(
            did_you_mean(
                "onstgae",
                ["customer", "onstage"],
                &mut SuggestionBudget::default()
            ),
            Some("onstage")
        );
        assert_eq!(
            did_you_mean(
                "Title",
                ["title", "steps"],
                &mut SuggestionBudget::default()
            ),
            Some("title")
        );
        assert_eq!(
            did_you_mean("zzz", ["title", "steps"], &mut SuggestionBudget::default()),
            None
        );
        assert_eq!(
            did_you_mean("flow", ["flows"], &mut SuggestionBudget::default()),
            Some("flows")
        );
    }

    #[test]
    fn the_budget_counts_characters_compared() {
        // Two 3,000-character words cost 9 million cells: more than is left after the first
        // comparison, so the second gets no suggestion, and the budget is checked before.
        let a = "a".repeat(3_000);
        let b = format!("{}b", "a".repeat(2_999));
        let mut budget = SuggestionBudget::default();
        assert_eq!(
            did_you_mean(&b, [a.as_str()], &mut budget),
            Some(a.as_str())
        );
        let cost = limits::MAX_SUGGESTION_WORK - budget.0;
        assert!(cost >= 9_000_000, "{cost}");
        let mut small = SuggestionBudget(cost - 1);
        assert_eq!(did_you_mean(&b, [a.as_str()], &mut small), None);
        let mut exact = SuggestionBudget(cost);
        assert_eq!(did_you_mean(&b, [a.as_str()], &mut exact), Some(a.as_str()));
    }
}
