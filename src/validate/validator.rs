//! The [`Validator`]: where a validation records its problems, and the readers of one value
//! (text, an id, one of a set of words, a boolean, a list) or of a mapping's known keys
//! ([`Fields`]), each reporting what is wrong with it. Uses keys.

use super::keys::{self, Key};
use crate::diag::{Diagnostic, Diagnostics, quote};
use crate::limits;
use crate::parse::{Node, Value};
use crate::span::{Source, Span, Spanned};
use foldhash::{HashMap, HashMapExt};
use std::borrow::Cow;

/// The hint of every count limit a blueprint can reach.
pub(super) const SPLIT_THE_FILE: &str = "split the blueprint into several files";

/// The known keys of one mapping, each with its key and value node, after the duplicate and
/// unknown-key checks: a slot per key of its table, so that reading the fields of each step
/// and item builds no map.
pub(super) struct Fields<'n> {
    table: &'static [Key],
    slots: [Option<(&'n Node, &'n Node)>; MAX_TABLE_KEYS],
}

/// Room for the keys of the largest table in `keys.rs` (checked when compiling).
const MAX_TABLE_KEYS: usize = 20;
const _: () = {
    let tables = [
        keys::TOP,
        keys::PHASE,
        keys::LANE,
        keys::STEP,
        keys::ITEM,
        keys::FLOW,
        keys::EMOTION,
        keys::FAIL,
        keys::VARIANT,
        keys::TAG,
        keys::CURVE,
    ];
    let mut i = 0;
    while i < tables.len() {
        assert!(tables[i].len() <= MAX_TABLE_KEYS);
        i += 1;
    }
};

/// From this many entries on, a mapping's duplicate keys are found through a hash map; below,
/// by comparing with the keys before (a step or an item has a handful).
const DUPLICATES_BY_MAP_FROM: usize = 16;

impl<'n> Fields<'n> {
    /// The key and value written for `name`, a key of the table.
    pub(super) fn get(&self, name: &str) -> Option<&(&'n Node, &'n Node)> {
        let i = self.table.iter().position(|k| k.name == name)?;
        self.slots[i].as_ref()
    }
}

/// One validation under way: the source it reads and the problems found so far.
pub(super) struct Validator<'s> {
    source: &'s Source,
    /// The problems found so far, in the order found.
    pub(super) diags: Diagnostics,
    /// What did-you-mean may still cost in characters compared (keeps thousands of bad
    /// references, and long ids, near-linear).
    suggestions: keys::SuggestionBudget,
    /// Where each step read so far wrote its `phase:` value (a step without one: `None`), in
    /// step order, for the phase checks' labels.
    pub(super) phase_values: Vec<Option<Span>>,
    /// Where the file says `version: 1`, if it does: then the keys and value forms format 1.1
    /// added are errors (`needs-version`).
    pub(super) version_1: Option<Span>,
    /// True when the file says `version: 1.1` (not merely leaves the version out): then a lane
    /// may not take the id of a step field 1.1 added.
    pub(super) said_1_1: bool,
    /// The step fields of format 1.1 that a lane of the same id shadows (`shadowed-step-field`):
    /// in steps, such a key fills the lane.
    pub(super) shadowed: Vec<&'static str>,
    /// The ids of the variants declared (format 1.1 `variants:`), in order: what steps' and
    /// items' `variant` and a duration's keys may name.
    pub(super) variant_ids: Vec<String>,
    /// True when `variants:`, or a variant's id, could not be read: a reference to a variant
    /// not found is then not reported (the declaration's error says what is wrong).
    pub(super) variants_broken: bool,
    /// Each item's `until` as written, resolved once every step is read (it may name a later
    /// step): the item and the step id.
    pub(super) untils: Vec<(crate::model::ItemId, crate::span::Spanned<String>)>,
    /// The declared tags' ids (format 1.1 `tags:`), for items' `tags`.
    pub(super) tag_ids: Vec<String>,
    /// Which declared tags an item names (for `unused-tag`).
    pub(super) tags_used: Vec<bool>,
}

impl<'s> Validator<'s> {
    /// A validation of `source`, with no problem found yet.
    pub(super) fn new(source: &'s Source) -> Self {
        Validator {
            source,
            diags: Diagnostics::default(),
            suggestions: keys::SuggestionBudget::default(),
            phase_values: Vec::new(),
            version_1: None,
            said_1_1: false,
            shadowed: Vec::new(),
            variant_ids: Vec::new(),
            variants_broken: false,
            untils: Vec::new(),
            tag_ids: Vec::new(),
            tags_used: Vec::new(),
        }
    }

    /// Reports `what` (a key or a value form of format 1.1, written at `span`) when the file
    /// says `version: 1`; true when the file may use it.
    pub(super) fn needs_1_1(&mut self, span: Span, what: &str) -> bool {
        let Some(version) = self.version_1 else {
            return true;
        };
        let d = Diagnostic::error(
            "needs-version",
            format!("{what} is part of format version 1.1, but the file says version 1"),
        )
        .with_label(span, "a format 1.1 addition")
        .with_other(version, "the file says version 1 here")
        .with_help("write `version: 1.1`");
        self.error(d);
        false
    }

    /// Reports `what`, a part of format 1.1 written at `span` that this version of blueprint
    /// does not draw yet: refused rather than dropped, so no figure silently loses it.
    pub(super) fn not_yet(&mut self, span: Span, what: &str) {
        let d = Diagnostic::error(
            "not-yet-supported",
            format!(
                "{what} is part of format 1.1 that this version of blueprint does not draw yet"
            ),
        )
        .with_label(span, "not drawn yet")
        .with_help(
            "remove it for now, or keep the words in a `note`; docs/format.md lists what is drawn",
        );
        self.error(d);
    }

    pub(super) fn error(&mut self, d: Diagnostic) {
        self.diags.push_bounded(d);
    }

    fn suggest<'a>(&mut self, word: &str, candidates: &[&'a str]) -> Option<&'a str> {
        keys::did_you_mean(word, candidates.iter().copied(), &mut self.suggestions)
    }

    /// A help text with a did-you-mean, else `fallback`.
    pub(super) fn help_for(&mut self, word: &str, candidates: &[&str], fallback: String) -> String {
        match self.suggest(word, candidates) {
            Some(s) => format!("did you mean `{s}`?"),
            None => fallback,
        }
    }

    /// Reports a count or size over one of `limits` at `span`.
    pub(super) fn limit(&mut self, span: Span, message: String, label: &str, help: &str) {
        let d = Diagnostic::error("limit-exceeded", message)
            .with_label(span, label)
            .with_help(help);
        self.error(d);
    }

    pub(super) fn wrong_type(&mut self, node: &Node, what: &str, expected: &str) {
        let found = if self.quoted(node) && !matches!(node.value, Value::Seq(_) | Value::Map(_)) {
            "quoted text"
        } else {
            node.kind()
        };
        let d = Diagnostic::error(
            "wrong-type",
            format!("{what} must be {expected}, found {}", found),
        )
        .with_label(node.span, format!("expected {expected}"));
        self.error(d);
    }

    /// Checks a mapping's keys against `table` (plus `extra` keys the caller handles), reports
    /// duplicates and unknown keys, and returns the known ones. `what` names the mapping.
    pub(super) fn fields<'n>(
        &mut self,
        node: &'n Node,
        table: &'static [Key],
        what: &str,
        allow_unknown: bool,
    ) -> Option<(Fields<'n>, Vec<(&'n Node, &'n Node)>)> {
        let Value::Map(entries) = &node.value else {
            self.wrong_type(node, what, "a mapping");
            return None;
        };
        let mut fields = Fields {
            table,
            slots: [None; MAX_TABLE_KEYS],
        };
        // The keys read so far and where: in a list when the mapping is small, else in a map.
        let small = entries.len() < DUPLICATES_BY_MAP_FROM;
        let mut listed: Vec<(Cow<'n, str>, Span)> =
            Vec::with_capacity(if small { entries.len() } else { 0 });
        let mut mapped: HashMap<Cow<'n, str>, Span> = HashMap::new();
        let mut rest = Vec::new();
        for (k, v) in entries {
            let name = self.key_text(k);
            let first = if small {
                listed.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
            } else {
                mapped.get(&name).copied()
            };
            if let Some(first) = first {
                let d = Diagnostic::error(
                    "duplicate-key",
                    format!("duplicate key {} in {what}", quote(&name)),
                )
                .with_label(k.span, "written again here")
                .with_other(first, "first written here")
                .with_help("a key may appear once in a mapping; remove or merge one of them");
                self.error(d);
                continue;
            }
            if small {
                listed.push((name.clone(), k.span));
            } else {
                mapped.insert(name.clone(), k.span);
            }
            match table.iter().position(|key| key.name == name) {
                // An optional key with no value (`subtitle:` or `~`) is the same as no key.
                Some(i) if v.value == Value::Null && !table[i].required => {}
                // A step's key may still name a lane (a v1 lane may take a 1.1 field's id):
                // the caller decides.
                Some(i)
                    if allow_unknown
                        && (matches!(table[i].kind, keys::Kind::NotYet)
                            || self.shadowed.contains(&table[i].name)) =>
                {
                    rest.push((k, v))
                }
                Some(i) if matches!(table[i].kind, keys::Kind::NotYet) => {
                    self.not_yet(k.span, &format!("the key {} in {what}", quote(&name)));
                }
                Some(i) => {
                    if table[i].since_1_1 {
                        self.needs_1_1(k.span, &format!("the key {} in {what}", quote(&name)));
                    }
                    fields.slots[i] = Some((k, v));
                }
                None if allow_unknown => rest.push((k, v)),
                None => {
                    let names: Vec<&str> = table
                        .iter()
                        .filter(|k| !matches!(k.kind, keys::Kind::NotYet))
                        .map(|k| k.name)
                        .collect();
                    let list = names.join(", ");
                    let (label, help) = if v.value == Value::Null && self.after_flow_comma(k.span) {
                        (
                            "not a key: the text before it ended at the comma",
                            format!(
                                "in `{{ … }}` a comma ends a value: if `{name}` belongs to the \
                                 text before it, put that whole text in quotes \
                                 (`key: \"…, {name}\"`)"
                            ),
                        )
                    } else {
                        let help =
                            self.help_for(&name, &names, format!("the keys of {what} are: {list}"));
                        ("not a known key", help)
                    };
                    let d = Diagnostic::error(
                        "unknown-key",
                        format!("unknown key {} in {what}", quote(&name)),
                    )
                    .with_label(k.span, label)
                    .with_help(help);
                    self.error(d);
                }
            }
        }
        for (key, slot) in table.iter().zip(&fields.slots) {
            if key.required && slot.is_none() {
                let d = Diagnostic::error("missing-key", format!("{what} has no `{}`", key.name))
                    .with_label(
                        Span::new(node.span.start as usize, node.span.start as usize),
                        format!("`{}` is required here", key.name),
                    )
                    .with_help(format!("add `{}:` ({})", key.name, key.doc));
                self.error(d);
            }
        }
        Some((fields, rest))
    }

    /// Whether the key at `span` was written between commas of a flow mapping with no `:` after
    /// it (`{ text: Signs, prices, hours }`): the user meant one text with commas in it, and
    /// YAML read the words after each comma as keys without values.
    fn after_flow_comma(&self, span: Span) -> bool {
        let text = self.source.text();
        let (start, end) = (span.start as usize, span.end as usize);
        let (Some(before), Some(after)) = (text.get(..start), text.get(end..)) else {
            return false;
        };
        let before = before.trim_end_matches([' ', '\t']);
        let after = after.trim_start_matches([' ', '\t']);
        before.ends_with(',') && (after.starts_with(',') || after.starts_with('}'))
    }

    /// [`Validator::scalar_text`] of a mapping key, borrowed when it is a plain string (as
    /// nearly every key is): keys are read for every mapping of every step.
    pub(super) fn key_text<'n>(&self, node: &'n Node) -> Cow<'n, str> {
        match &node.value {
            Value::Str(s) if !self.tagged(node) => Cow::Borrowed(s),
            _ => Cow::Owned(self.scalar_text(node)),
        }
    }

    /// The text of a scalar as written: strings as they are, plain numbers and booleans as the
    /// source spelled them (so `no` stays "no" and `012` stays "012").
    pub(super) fn scalar_text(&self, node: &Node) -> String {
        let written = self.source.slice(node.span).trim();
        // Tags are never acted on: a tagged plain scalar is the text written after the tag
        // (`!!binary aGk=` stays "aGk=", not its decoding).
        if self.tagged(node)
            && !written.is_empty()
            && !written.starts_with(['"', '\'', '*', '[', '{'])
            && !matches!(node.value, Value::Seq(_) | Value::Map(_))
        {
            return written.to_string();
        }
        match &node.value {
            Value::Str(s) => s.clone(),
            Value::Null => String::new(),
            Value::Bool(_) | Value::Int(_) | Value::Float(_) => {
                if written.is_empty() || written.starts_with('*') {
                    match &node.value {
                        Value::Bool(b) => b.to_string(),
                        Value::Int(i) => i.to_string(),
                        Value::Float(f) => f.to_string(),
                        _ => String::new(),
                    }
                } else {
                    written.to_string()
                }
            }
            Value::Seq(_) | Value::Map(_) => String::new(),
        }
    }

    /// True when a tag (`!!int`, `!custom`) stands before the node in the source.
    fn tagged(&self, node: &Node) -> bool {
        let before =
            &self.source.text()[..(node.span.start as usize).min(self.source.text().len())];
        let before = before.trim_end_matches([' ', '\t']);
        // Nearly every node follows a delimiter (`key: value`, `- item`, a line start), so
        // there is no token before it; this is asked for every key and value.
        if matches!(
            before.as_bytes().last(),
            None | Some(b'\n' | b'\r' | b',' | b'[' | b'{' | b':' | b'-')
        ) {
            return false;
        }
        let token = before
            .rsplit([' ', '\t', '\n', '\r', ',', '[', '{', ':', '-'])
            .next()
            .unwrap_or("");
        token.starts_with('!')
    }

    /// True when the node was written quoted: a quoted value is text, whatever its tag says.
    pub(super) fn quoted(&self, node: &Node) -> bool {
        self.source
            .slice(node.span)
            .trim_start()
            .starts_with(['"', '\''])
    }

    /// A text value (`what` names it in messages). Scalars of any YAML type are taken as the text
    /// written; lists and mappings are errors. Characters XML cannot carry become U+FFFD, with a
    /// warning.
    pub(super) fn text(&mut self, node: &Node, what: &str) -> Option<Spanned<String>> {
        if matches!(node.value, Value::Seq(_) | Value::Map(_)) {
            self.wrong_type(node, what, "text");
            return None;
        }
        let mut s = self.scalar_text(node);
        // Nearly all text is ASCII: then its length is its count of characters, and its bytes
        // can be checked one by one.
        let (chars, unfit) = if s.is_ascii() {
            (s.len(), s.bytes().any(|b| not_xml_char(char::from(b))))
        } else {
            (s.chars().count(), s.chars().any(not_xml_char))
        };
        if chars > limits::MAX_TEXT_CHARS {
            self.limit(
                node.span,
                format!(
                    "{what} is {chars} characters long; the limit is {} (MAX_TEXT_CHARS)",
                    limits::MAX_TEXT_CHARS
                ),
                "too long",
                "shorten the text; a diagram card is read at a glance",
            );
            return None;
        }
        if unfit {
            s = s
                .chars()
                .map(|c| if not_xml_char(c) { '\u{fffd}' } else { c })
                .collect();
            let d = Diagnostic::warning(
                "invalid-character",
                format!("{what} holds control characters that an SVG cannot carry; they are shown as U+FFFD"),
            )
            .with_label(node.span, "control character in here")
            .with_help("remove the control characters (for example \\0 or \\e escapes)");
            self.error(d);
        }
        let extra = crate::marks::excess(&s);
        if extra > 0 {
            let d = Diagnostic::warning(
                "combining-marks",
                format!(
                    "{what} stacks more than {} combining marks on one character \
                     (MAX_MARKS_PER_GRAPHEME); {extra} are left out of the drawing",
                    limits::MAX_MARKS_PER_GRAPHEME
                ),
            )
            .with_label(node.span, "marks piled up in here")
            .with_help("the text keeps them; draw fewer marks, or write the text without them");
            self.error(d);
        }
        Some(Spanned::new(s, node.span))
    }

    /// Text that must say something: empty or blank text is an error.
    pub(super) fn required_text(&mut self, node: &Node, what: &str) -> Option<Spanned<String>> {
        let t = self.text(node, what)?;
        if t.value.trim().is_empty() {
            let d = Diagnostic::error("empty-text", format!("{what} is empty"))
                .with_label(node.span, "write something here")
                .with_help(
                    "an empty card or title says nothing: write the words, or remove the entry",
                );
            self.error(d);
            return None;
        }
        Some(t)
    }

    /// Optional text: null means absent.
    pub(super) fn opt_text(&mut self, node: Option<&Node>, what: &str) -> Option<Spanned<String>> {
        let node = node?;
        if node.value == Value::Null {
            return None;
        }
        self.text(node, what)
    }

    /// An id: text matching `[A-Za-z0-9_-]+`.
    pub(super) fn id(&mut self, node: &Node, what: &str) -> Option<Spanned<String>> {
        let t = self.text(node, what)?;
        if t.value.is_empty()
            || !t
                .value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            let d = Diagnostic::error(
                "invalid-id",
                format!("{what} {} is not a valid id", quote(&t.value)),
            )
            .with_label(node.span, "ids use only A-Z, a-z, 0-9, `_` and `-`")
            .with_help(format!("try {}", quote(&suggest_id(&t.value))));
            self.error(d);
            return None;
        }
        Some(t)
    }

    pub(super) fn bool(&mut self, node: &Node, what: &str) -> Option<bool> {
        match node.value {
            Value::Bool(b) if !self.quoted(node) => Some(b),
            _ => {
                self.wrong_type(node, what, "true or false");
                None
            }
        }
    }

    /// One of `words`; `code` names the diagnostic.
    pub(super) fn word(
        &mut self,
        node: &Node,
        what: &str,
        words: &[&str],
        code: &'static str,
    ) -> Option<Spanned<String>> {
        let t = self.text(node, what)?;
        if words.contains(&t.value.as_str()) {
            return Some(t);
        }
        let list = words.join(", ");
        let help = self.help_for(&t.value, words, format!("use one of: {list}"));
        let d = Diagnostic::error(
            code,
            format!("{what} {} is not one of {list}", quote(&t.value)),
        )
        .with_label(node.span, "unknown value")
        .with_help(help);
        self.error(d);
        None
    }

    /// A list; `max` caps its length.
    pub(super) fn list<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        max: usize,
        limit: &str,
    ) -> Option<&'n [Node]> {
        match &node.value {
            Value::Seq(items) => {
                if items.len() > max {
                    self.limit(
                        node.span,
                        format!(
                            "{what} has {} entries; the limit is {max} ({limit})",
                            items.len()
                        ),
                        "too many entries",
                        SPLIT_THE_FILE,
                    );
                    return None;
                }
                Some(items)
            }
            Value::Null => Some(&[]),
            _ => {
                self.wrong_type(node, what, "a list");
                None
            }
        }
    }
}

/// An id written twice (`what` names its kind), at `id` and at `first`.
pub(super) fn duplicate(id: &Spanned<String>, first: Span, what: &str) -> Diagnostic {
    Diagnostic::error(
        "duplicate-id",
        format!("duplicate {what} {}", quote(&id.value)),
    )
    .with_label(id.span, "used again here")
    .with_other(first, "first used here")
    .with_help("ids must be unique: rename one of them")
}

/// Characters XML 1.0 cannot carry (surrogates cannot occur in a Rust string).
fn not_xml_char(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// A valid id close to `s`: invalid characters become `-`.
fn suggest_id(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if out.is_empty() {
        out.push_str("step-1");
    }
    out
}
