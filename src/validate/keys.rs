//! The known keys of every mapping in format version 1, with their types and meaning. One table
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
    /// A link: an http, https or mailto URL.
    Link,
    /// A list of mappings described by the table.
    List(&'static [Key]),
    /// A cell: a string, a list of strings and item mappings, or an item mapping.
    Cell,
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
}

const fn key(name: &'static str, kind: Kind, required: bool, doc: &'static str) -> Key {
    Key {
        name,
        kind,
        required,
        doc,
    }
}

/// The zone names.
pub const ZONES: &[&str] = &["evidence", "customer", "onstage", "backstage", "support"];
/// The touch-point categories.
pub const TOUCHPOINTS: &[&str] = &["brand", "partner", "customer", "social"];
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
        Kind::Enum(ZONES),
        false,
        "The zone the lane belongs to; required for a lane whose id is not a standard key.",
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
    key("fail", Kind::Text, false, "A fail point, with its cause."),
    key("wait", Kind::Text, false, "A wait point, with its length."),
    key("note", Kind::Text, false, "A note shown under the text."),
    key("link", Kind::Link, false, "An http, https or mailto link."),
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
        Kind::Int(1, 5),
        false,
        "The customer's emotion: 1 (very negative) to 5 (very positive).",
    ),
    key(
        "duration",
        Kind::Text,
        false,
        "Free text shown under the header.",
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
];

/// Top-level keys.
pub const TOP: &[Key] = &[
    key(
        "version",
        Kind::Int(1, 1),
        false,
        "Format version; only 1 is accepted.",
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
