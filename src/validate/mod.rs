//! Raw node tree → `Blueprint`. Every rule of format version 1 is checked here; each problem is
//! recorded with its span and the walk goes on, so one run reports every error, in source order.
//! `keys.rs` holds the key tables, `refs.rs` the id index and reference resolution.
//! Uses parse, model, diag, limits.

pub mod keys;
mod refs;

use crate::diag::{Checked, Diagnostic, Diagnostics, quote};
use crate::limits;
use crate::model::{
    Blueprint, Emotion, Flow, FlowStyle, Item, ItemId, Lane, LaneId, Phase, PhaseId, Step, StepId,
    Touchpoint, Zone,
};
use crate::parse::{Node, Value};
use crate::span::{Source, Span, Spanned};
use foldhash::{HashMap, HashMapExt};
use keys::Key;
use std::borrow::Cow;

/// Validates the parsed `root` of `source` into a blueprint, or returns every error (and
/// warning) found.
pub fn validate(source: &Source, root: &Node) -> Result<Checked<Blueprint>, Diagnostics> {
    let mut v = Validator {
        source,
        diags: Diagnostics::default(),
        suggestion_budget: limits::MAX_SUGGESTION_WORK,
    };
    let bp = v.blueprint(root);
    let mut diags = v.diags;
    diags.sort();
    if diags.0.len() > limits::MAX_DIAGNOSTICS {
        let dropped = diags.0.len() - limits::MAX_DIAGNOSTICS;
        diags.0.truncate(limits::MAX_DIAGNOSTICS);
        // Placed at the last problem shown, so it reads as where the report stops.
        let last = diags.0.last().map_or(Span::default(), |d| d.label.span);
        diags.push(
            Diagnostic::error(
                "limit-exceeded",
                format!(
                    "{dropped} more problems not shown (MAX_DIAGNOSTICS = {})",
                    limits::MAX_DIAGNOSTICS
                ),
            )
            .with_label(last, "the report stops after this one")
            .with_help("fix these first; the rest are reported on the next run"),
        );
    }
    match bp {
        Some(bp) if !diags.has_errors() => Ok(Checked {
            value: bp,
            warnings: diags,
        }),
        _ => Err(diags),
    }
}

/// The hint of every count limit a blueprint can reach.
const SPLIT_THE_FILE: &str = "split the blueprint into several files";

/// The known keys of one mapping, each with its key and value node, after the duplicate and
/// unknown-key checks: a slot per key of its table, so that reading the fields of each step
/// and item builds no map.
struct Fields<'n> {
    table: &'static [Key],
    slots: [Option<(&'n Node, &'n Node)>; MAX_TABLE_KEYS],
}

/// Room for the keys of the largest table in `keys.rs` (checked when compiling).
const MAX_TABLE_KEYS: usize = 12;
const _: () = {
    let tables = [
        keys::TOP,
        keys::PHASE,
        keys::LANE,
        keys::STEP,
        keys::ITEM,
        keys::FLOW,
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
    fn get(&self, name: &str) -> Option<&(&'n Node, &'n Node)> {
        let i = self.table.iter().position(|k| k.name == name)?;
        self.slots[i].as_ref()
    }
}

struct Validator<'s> {
    source: &'s Source,
    diags: Diagnostics,
    /// How many did-you-mean comparisons are still allowed (keeps thousands of bad references
    /// near-linear).
    suggestion_budget: usize,
}

/// Lanes as read, before steps name them.
struct LaneSet {
    lanes: Vec<Lane>,
    by_id: HashMap<String, LaneId>,
    /// Ids of lanes that were reported as broken: steps naming them get no second error.
    broken: std::collections::HashSet<String>,
    /// True when `lanes:` itself could not be read: no lane key in a step is reported.
    unreadable: bool,
}

impl<'s> Validator<'s> {
    fn error(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    fn suggest<'a>(&mut self, word: &str, candidates: &[&'a str]) -> Option<&'a str> {
        if candidates.len() > self.suggestion_budget {
            return None;
        }
        self.suggestion_budget -= candidates.len();
        keys::did_you_mean(word, candidates.iter().copied())
    }

    /// A help text with a did-you-mean, else `fallback`.
    fn help_for(&mut self, word: &str, candidates: &[&str], fallback: String) -> String {
        match self.suggest(word, candidates) {
            Some(s) => format!("did you mean `{s}`?"),
            None => fallback,
        }
    }

    /// Reports a count or size over one of `limits` at `span`.
    fn limit(&mut self, span: Span, message: String, label: &str, help: &str) {
        let d = Diagnostic::error("limit-exceeded", message)
            .with_label(span, label)
            .with_help(help);
        self.error(d);
    }

    fn wrong_type(&mut self, node: &Node, what: &str, expected: &str) {
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
    fn fields<'n>(
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
                Some(i) => fields.slots[i] = Some((k, v)),
                None if allow_unknown => rest.push((k, v)),
                None => {
                    let names: Vec<&str> = table.iter().map(|k| k.name).collect();
                    let list = names.join(", ");
                    let help =
                        self.help_for(&name, &names, format!("the keys of {what} are: {list}"));
                    let d = Diagnostic::error(
                        "unknown-key",
                        format!("unknown key {} in {what}", quote(&name)),
                    )
                    .with_label(k.span, "not a known key")
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

    /// [`Validator::scalar_text`] of a mapping key, borrowed when it is a plain string (as
    /// nearly every key is): keys are read for every mapping of every step.
    fn key_text<'n>(&self, node: &'n Node) -> Cow<'n, str> {
        match &node.value {
            Value::Str(s) if !self.tagged(node) => Cow::Borrowed(s),
            _ => Cow::Owned(self.scalar_text(node)),
        }
    }

    /// The text of a scalar as written: strings as they are, plain numbers and booleans as the
    /// source spelled them (so `no` stays "no" and `012` stays "012").
    fn scalar_text(&self, node: &Node) -> String {
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
    fn quoted(&self, node: &Node) -> bool {
        self.source
            .slice(node.span)
            .trim_start()
            .starts_with(['"', '\''])
    }

    /// A text value (`what` names it in messages). Scalars of any YAML type are taken as the text
    /// written; lists and mappings are errors. Characters XML cannot carry become U+FFFD, with a
    /// warning.
    fn text(&mut self, node: &Node, what: &str) -> Option<Spanned<String>> {
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
        Some(Spanned::new(s, node.span))
    }

    /// Text that must say something: empty or blank text is an error.
    fn required_text(&mut self, node: &Node, what: &str) -> Option<Spanned<String>> {
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
    fn opt_text(&mut self, node: Option<&Node>, what: &str) -> Option<Spanned<String>> {
        let node = node?;
        if node.value == Value::Null {
            return None;
        }
        self.text(node, what)
    }

    /// An id: text matching `[A-Za-z0-9_-]+`.
    fn id(&mut self, node: &Node, what: &str) -> Option<Spanned<String>> {
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

    fn bool(&mut self, node: &Node, what: &str) -> Option<bool> {
        match node.value {
            Value::Bool(b) if !self.quoted(node) => Some(b),
            _ => {
                self.wrong_type(node, what, "true or false");
                None
            }
        }
    }

    /// One of `words`; `code` names the diagnostic.
    fn word(
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
    fn list<'n>(
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

    fn blueprint(&mut self, root: &Node) -> Option<Blueprint> {
        if root.value == Value::Null {
            for key in keys::TOP.iter().filter(|k| k.required) {
                let d = Diagnostic::error(
                    "missing-key",
                    format!("the blueprint has no `{}`", key.name),
                )
                .with_label(root.span, format!("`{}` is required", key.name))
                .with_help(format!("add `{}:` ({})", key.name, key.doc));
                self.error(d);
            }
            return None;
        }
        let (f, _) = self.fields(root, keys::TOP, "the blueprint", false)?;
        if let Some((_, v)) = f.get("version") {
            if !matches!(v.value, Value::Int(_)) || self.quoted(v) {
                self.wrong_type(v, "`version`", "the integer 1");
            } else if v.value != Value::Int(1) {
                let written = self.scalar_text(v);
                let d = Diagnostic::error(
                    "unsupported-version",
                    format!("format version {} is not supported", quote(&written)),
                )
                .with_label(v.span, "this tool reads version 1")
                .with_help("write `version: 1`, or leave the key out");
                self.error(d);
            }
        }
        let title = match f.get("title") {
            Some((_, v)) if v.value == Value::Null => {
                let d = Diagnostic::error("missing-key", "the blueprint's `title` is empty")
                    .with_label(v.span, "a title is required")
                    .with_help("write the blueprint's name after `title:`");
                self.error(d);
                None
            }
            Some((_, v)) => self.required_text(v, "the title"),
            None => None,
        };
        let subtitle = self.opt_text(f.get("subtitle").map(|x| x.1), "the subtitle");
        let phases = f
            .get("phases")
            .map_or_else(Vec::new, |(_, v)| self.phases(v));
        let lanes = match f.get("lanes") {
            Some((_, v)) => self.lanes(v),
            None => default_lanes(),
        };
        let theme = f
            .get("theme")
            .and_then(|(_, v)| self.word(v, "the theme", keys::THEMES, "unknown-theme"));
        let customer_path = match f.get("customer_path") {
            Some((k, v)) => self.bool(v, "`customer_path`").map(|b| (b, k.span)),
            None => Some((true, Span::default())),
        };
        let mut ids = refs::Ids::default();
        let (steps, items) = match f.get("steps") {
            Some((_, v)) => self.steps(v, &lanes, &phases, &mut ids),
            None => (Vec::new(), Vec::new()),
        };
        let mut phases = phases;
        self.phase_runs(&steps, &mut phases);
        let mut flows = match f.get("flows") {
            Some((_, v)) => self.flows(v, &steps, &lanes, &items, &ids),
            None => Vec::new(),
        };
        if let Some((true, span)) = customer_path {
            refs::customer_path(&lanes.lanes, &items, span, &mut flows);
        }
        let title = title?;
        if steps.is_empty() {
            return None;
        }
        Some(Blueprint {
            title,
            subtitle,
            phases,
            lanes: lanes.lanes,
            steps,
            items,
            flows,
            theme,
        })
    }

    fn phases(&mut self, node: &Node) -> Vec<Phase> {
        let mut phases: Vec<Phase> = Vec::new();
        // Index of ids already seen, so thousands of phases stay linear.
        let mut seen: HashMap<String, Span> = HashMap::new();
        let Some(list) = self.list(node, "`phases`", limits::MAX_STEPS, "MAX_STEPS") else {
            return phases;
        };
        for n in list {
            let Some((f, _)) = self.fields(n, keys::PHASE, "a phase", false) else {
                continue;
            };
            let Some(id) = f.get("id").and_then(|(_, v)| self.id(v, "the phase id")) else {
                continue;
            };
            if let Some(&first) = seen.get(&id.value) {
                let d = duplicate(&id, first, "phase id");
                self.error(d);
                continue;
            }
            seen.insert(id.value.clone(), id.span);
            let label = self
                .opt_text(f.get("label").map(|x| x.1), "the phase label")
                .unwrap_or_else(|| id.clone());
            phases.push(Phase {
                id,
                label,
                steps: None,
            });
        }
        phases
    }

    fn lanes(&mut self, node: &Node) -> LaneSet {
        let mut lanes: Vec<Lane> = Vec::new();
        let mut broken = std::collections::HashSet::new();
        let list = self.list(node, "`lanes`", limits::MAX_LANES, "MAX_LANES");
        let unreadable = list.is_none();
        if let Some(list) = list {
            if list.is_empty() {
                let d = Diagnostic::error("empty-list", "`lanes` lists no lane")
                    .with_label(node.span, "empty")
                    .with_help(
                        "list at least one lane, or remove `lanes:` to get the five standard lanes",
                    );
                self.error(d);
            }
            for n in list {
                if let Value::Map(entries) = &n.value {
                    // Remember the id as written, so a lane that fails below does not make every
                    // step that names it fail again.
                    for (k, v) in entries {
                        if self.scalar_text(k) == "id" {
                            broken.insert(self.scalar_text(v));
                        }
                    }
                }
                let Some((f, _)) = self.fields(n, keys::LANE, "a lane", false) else {
                    continue;
                };
                let Some(id) = f.get("id").and_then(|(_, v)| self.id(v, "the lane id")) else {
                    continue;
                };
                if let Some(first) = lanes.iter().find(|l| l.id.value == id.value) {
                    let d = duplicate(&id, first.id.span, "lane id");
                    self.error(d);
                    continue;
                }
                if keys::STEP.iter().any(|k| k.name == id.value) {
                    let d = Diagnostic::error(
                        "reserved-lane-id",
                        format!(
                            "a lane cannot be called {}: steps use that key for a field",
                            quote(&id.value)
                        ),
                    )
                    .with_label(id.span, "reserved by steps")
                    .with_help("choose another id and keep the wording in `label`");
                    self.error(d);
                    continue;
                }
                let standard = Zone::from_key(&id.value);
                let zone = match f.get("zone") {
                    Some((_, v)) => self
                        .word(v, "the zone", keys::ZONES, "unknown-zone")
                        .and_then(|z| Zone::from_key(&z.value)),
                    None => {
                        if standard.is_none() {
                            let d = Diagnostic::error(
                                "missing-zone",
                                format!(
                                    "lane {} is not a standard lane and names no zone",
                                    quote(&id.value)
                                ),
                            )
                            .with_label(id.span, "add `zone:` to this lane")
                            .with_help(format!(
                                "add `zone:` with one of: {}",
                                keys::ZONES.join(", ")
                            ));
                            self.error(d);
                        }
                        standard
                    }
                };
                let Some(zone) = zone else { continue };
                let label = match self.opt_text(f.get("label").map(|x| x.1), "the lane label") {
                    Some(l) => l,
                    None => Spanned::new(
                        standard.map_or(id.value.clone(), |z| z.default_label().to_string()),
                        id.span,
                    ),
                };
                broken.remove(&id.value);
                lanes.push(Lane { id, label, zone });
            }
        }
        // Zone order, list order within a zone (a stable sort).
        lanes.sort_by_key(|l| l.zone);
        let by_id = lanes
            .iter()
            .enumerate()
            .map(|(i, l)| (l.id.value.clone(), LaneId(i as u32)))
            .collect();
        LaneSet {
            lanes,
            by_id,
            broken,
            unreadable,
        }
    }

    fn steps(
        &mut self,
        node: &Node,
        lanes: &LaneSet,
        phases: &[Phase],
        ids: &mut refs::Ids,
    ) -> (Vec<Step>, Vec<Item>) {
        let Some(list) = self.list(node, "`steps`", limits::MAX_STEPS, "MAX_STEPS") else {
            return (Vec::new(), Vec::new());
        };
        // Room for every step, and for an item per key of each step (a few more than there are,
        // counting `id` and the like; a lane holding a list needs more): growing these by
        // doubling copied each item several times, into fresh pages each time.
        let mut steps = Vec::with_capacity(list.len());
        let keys: usize = list
            .iter()
            .map(|s| match &s.value {
                Value::Map(entries) => entries.len(),
                _ => 0,
            })
            .sum();
        let mut items: Vec<Item> = Vec::with_capacity(keys);
        if list.is_empty() {
            let d = Diagnostic::error("empty-list", "`steps` lists no step")
                .with_label(node.span, "empty")
                .with_help("a blueprint needs at least one step (a column)");
            self.error(d);
        }
        let lane_ids: Vec<&str> = lanes.lanes.iter().map(|l| l.id.value.as_str()).collect();
        let phase_ids: Vec<&str> = phases.iter().map(|p| p.id.value.as_str()).collect();
        let phase_index: HashMap<&str, PhaseId> = phase_ids
            .iter()
            .enumerate()
            .map(|(i, p)| (*p, PhaseId(i as u32)))
            .collect();
        for n in list {
            let Some((f, rest)) = self.fields(n, keys::STEP, "a step", true) else {
                continue;
            };
            let id = f.get("id").and_then(|(_, v)| self.id(v, "the step id"));
            let label = self.opt_text(f.get("label").map(|x| x.1), "the step label");
            let phase = match f.get("phase") {
                Some((_, v)) if v.value != Value::Null => {
                    let name = self.scalar_text(v);
                    match phase_index.get(name.as_str()) {
                        Some(&i) => Some(i),
                        None => {
                            let fallback = if phase_ids.is_empty() {
                                "declare the phase under `phases:` first".to_string()
                            } else {
                                format!("the phases are: {}", phase_ids.join(", "))
                            };
                            let help = self.help_for(&name, &phase_ids, fallback);
                            let d = Diagnostic::error(
                                "unknown-ref",
                                format!("unknown phase {}", quote(&name)),
                            )
                            .with_label(v.span, "no phase has this id")
                            .with_help(help);
                            self.error(d);
                            None
                        }
                    }
                }
                _ => None,
            };
            let touchpoint = f.get("touchpoint").and_then(|(_, v)| {
                let w = self.word(v, "the touchpoint", keys::TOUCHPOINTS, "unknown-touchpoint")?;
                Touchpoint::from_key(&w.value).map(|t| Spanned::new(t, w.span))
            });
            let emotion = f.get("emotion").and_then(|(_, v)| self.emotion(v));
            let duration = self.opt_text(f.get("duration").map(|x| x.1), "the duration");
            let step_no = StepId(steps.len() as u32);
            let mut cells = vec![Vec::new(); lanes.lanes.len()];
            // Whether any lane key holds something (even something invalid): only a step with
            // none is empty; a step whose items failed already has its errors.
            let mut any_item = false;
            for (k, v) in rest {
                let name = self.key_text(k);
                let name = name.as_ref();
                any_item |= !matches!(&v.value, Value::Null)
                    && !matches!(&v.value, Value::Seq(l) if l.is_empty());
                if lanes.unreadable || lanes.broken.contains(name) {
                    continue;
                }
                let Some(&lane) = lanes.by_id.get(name) else {
                    let mut cands: Vec<&str> = keys::STEP.iter().map(|k| k.name).collect();
                    cands.extend(lane_ids.iter().copied());
                    let fallback = format!("the lanes are: {}", lane_ids.join(", "));
                    let help = self.help_for(name, &cands, fallback);
                    let d = Diagnostic::error(
                        "unknown-key",
                        format!("{} is neither a lane nor a step field", quote(name)),
                    )
                    .with_label(k.span, "unknown lane or field")
                    .with_help(help);
                    self.error(d);
                    continue;
                };
                let before = items.len();
                self.cell(v, step_no, lane, &mut items, ids);
                if items.len() > limits::MAX_ITEMS {
                    self.limit(
                        v.span,
                        format!(
                            "the blueprint has more than {} items (MAX_ITEMS)",
                            limits::MAX_ITEMS
                        ),
                        "limit reached here",
                        SPLIT_THE_FILE,
                    );
                    items.truncate(before);
                    return (steps, items);
                }
                cells[lane.0 as usize] = (before..items.len()).map(|i| ItemId(i as u32)).collect();
            }
            // A step whose id is bad is kept under an empty id, so item and step indices stay
            // aligned; the id error already makes the file invalid.
            let id = match id {
                Some(id) => {
                    ids.add_step(self, &id, step_no);
                    id
                }
                None => Spanned::new(String::new(), n.span),
            };
            if !any_item && !id.value.is_empty() {
                let d = Diagnostic::warning(
                    "empty-step",
                    format!("step {} has no items in any lane", quote(&id.value)),
                )
                .with_label(id.span, "empty column")
                .with_help("add what happens in this step to at least one lane");
                self.error(d);
            }
            steps.push(Step {
                id,
                label,
                phase,
                touchpoint,
                emotion,
                duration,
                cells,
                span: n.span,
            });
        }
        (steps, items)
    }

    fn emotion(&mut self, v: &Node) -> Option<Spanned<Emotion>> {
        if !matches!(v.value, Value::Int(_) | Value::Float(_)) || self.quoted(v) {
            self.wrong_type(v, "`emotion`", "an integer from 1 to 5");
            return None;
        }
        let value = match v.value {
            Value::Int(i) => Emotion::new(i),
            _ => None,
        };
        if value.is_none() {
            let written = self.scalar_text(v);
            let d = Diagnostic::error(
                "emotion-out-of-range",
                format!("emotion {} is not an integer from 1 to 5", quote(&written)),
            )
            .with_label(v.span, "expected 1, 2, 3, 4 or 5")
            .with_help("1 is very negative, 3 neutral, 5 very positive");
            self.error(d);
        }
        value.map(|e| Spanned::new(e, v.span))
    }

    /// Reads one cell's items into `items`.
    fn cell(
        &mut self,
        node: &Node,
        step: StepId,
        lane: LaneId,
        items: &mut Vec<Item>,
        ids: &mut refs::Ids,
    ) {
        match &node.value {
            Value::Null => {}
            Value::Seq(list) => {
                for n in list {
                    if matches!(n.value, Value::Seq(_)) {
                        self.wrong_type(n, "an entry of a cell list", "text or an item mapping");
                        continue;
                    }
                    self.item(n, step, lane, items, ids);
                }
            }
            _ => self.item(node, step, lane, items, ids),
        }
    }

    fn item(
        &mut self,
        node: &Node,
        step: StepId,
        lane: LaneId,
        items: &mut Vec<Item>,
        ids: &mut refs::Ids,
    ) {
        let index = items
            .iter()
            .rev()
            .take_while(|i| i.step == step && i.lane == lane)
            .count() as u32
            + 1;
        let mut item = Item {
            step,
            lane,
            index,
            id: None,
            text: Spanned::new(String::new(), node.span),
            fail: None,
            wait: None,
            note: None,
            link: None,
            span: node.span,
        };
        if let Value::Map(_) = node.value {
            let Some((f, _)) = self.fields(node, keys::ITEM, "an item", false) else {
                return;
            };
            let Some(text) = f
                .get("text")
                .and_then(|(_, v)| self.required_text(v, "the item text"))
            else {
                return;
            };
            item.text = text;
            if let Some((_, v)) = f.get("id") {
                item.id = self.id(v, "the item id").map(Box::new);
            }
            item.fail = self
                .opt_text(f.get("fail").map(|x| x.1), "the fail point")
                .map(Box::new);
            item.wait = self
                .opt_text(f.get("wait").map(|x| x.1), "the wait point")
                .map(Box::new);
            item.note = self
                .opt_text(f.get("note").map(|x| x.1), "the note")
                .map(Box::new);
            item.link = f.get("link").and_then(|(_, v)| self.link(v)).map(Box::new);
        } else {
            let Some(text) = self.required_text(node, "the item text") else {
                return;
            };
            item.text = text;
        }
        let item_no = ItemId(items.len() as u32);
        if let Some(id) = &item.id {
            ids.add_item(self, id, item_no);
        }
        items.push(item);
    }

    fn link(&mut self, v: &Node) -> Option<Spanned<String>> {
        let t = self.text(v, "the link")?;
        match refs::link_scheme(&t.value) {
            Ok(()) => Some(t),
            Err(why) => {
                let d =
                    Diagnostic::error("invalid-link", format!("link {} {why}", quote(&t.value)))
                        .with_label(v.span, "only http, https and mailto links are allowed")
                        .with_help("write a full https:// (or mailto:) address");
                self.error(d);
                None
            }
        }
    }

    /// Records each phase's step range and reports phases whose steps are not consecutive.
    fn phase_runs(&mut self, steps: &[Step], phases: &mut [Phase]) {
        let mut last_seen: Vec<Option<usize>> = vec![None; phases.len()];
        for (i, s) in steps.iter().enumerate() {
            let Some(p) = s.phase else { continue };
            let p = p.0 as usize;
            if let Some(prev) = last_seen[p]
                && prev + 1 != i
                && !s.id.value.is_empty()
            {
                let here = s.span;
                let phase_id = phases[p].id.value.clone();
                let gap = &steps[prev + 1];
                let d = Diagnostic::error(
                    "phase-not-consecutive",
                    format!("the steps of phase {} are not consecutive", quote(&phase_id)),
                )
                .with_label(Span::new(here.start as usize, here.start as usize), format!("step {} is in phase {}", quote(&s.id.value), quote(&phase_id)))
                .with_other(gap.id.span, format!("but step {} comes between", quote(&gap.id.value)))
                .with_help("a phase is a run of adjacent steps: move this step next to the others of its phase");
                self.error(d);
            }
            last_seen[p] = Some(i);
            let sid = StepId(i as u32);
            let range = &mut phases[p].steps;
            *range = Some(match *range {
                Some((a, _)) => (a, sid),
                None => (sid, sid),
            });
        }
    }

    fn flows(
        &mut self,
        node: &Node,
        steps: &[Step],
        lanes: &LaneSet,
        items: &[Item],
        ids: &refs::Ids,
    ) -> Vec<Flow> {
        let mut flows = Vec::new();
        let Some(list) = self.list(node, "`flows`", limits::MAX_FLOWS, "MAX_FLOWS") else {
            return flows;
        };
        let resolver = refs::Resolver::new(steps, lanes, items, ids);
        for n in list {
            let Some((f, _)) = self.fields(n, keys::FLOW, "a flow", false) else {
                continue;
            };
            let from = f.get("from").and_then(|(_, v)| resolver.resolve(self, v));
            let to = f.get("to").and_then(|(_, v)| resolver.resolve(self, v));
            let label = self.opt_text(f.get("label").map(|x| x.1), "the flow label");
            let style = f
                .get("style")
                .and_then(|(_, v)| self.word(v, "the flow style", keys::STYLES, "unknown-style"))
                .map_or(FlowStyle::Solid, |s| {
                    if s.value == "dashed" {
                        FlowStyle::Dashed
                    } else {
                        FlowStyle::Solid
                    }
                });
            let both = f
                .get("both")
                .and_then(|(_, v)| self.bool(v, "`both`"))
                .unwrap_or(false);
            let (Some(from), Some(to)) = (from, to) else {
                continue;
            };
            if from == to {
                // Both keys were read, or there would be no `from` and `to`.
                if let (Some((_, fv)), Some((_, tv))) = (f.get("from"), f.get("to")) {
                    let d =
                        Diagnostic::error("self-flow", "a flow cannot go from an item to itself")
                            .with_label(tv.span, "this is the same item…")
                            .with_other(fv.span, "…as this")
                            .with_help("point `to` at another item");
                    self.error(d);
                }
                continue;
            }
            flows.push(Flow {
                from,
                to,
                label,
                style,
                both,
                customer_path: false,
                span: n.span,
            });
        }
        flows
    }
}

/// The five standard lanes.
fn default_lanes() -> LaneSet {
    let lanes: Vec<Lane> = Zone::ALL
        .iter()
        .map(|z| Lane {
            id: Spanned::new(z.key().to_string(), Span::default()),
            label: Spanned::new(z.default_label().to_string(), Span::default()),
            zone: *z,
        })
        .collect();
    let by_id = lanes
        .iter()
        .enumerate()
        .map(|(i, l)| (l.id.value.clone(), LaneId(i as u32)))
        .collect();
    LaneSet {
        lanes,
        by_id,
        broken: Default::default(),
        unreadable: false,
    }
}

fn duplicate(id: &Spanned<String>, first: Span, what: &str) -> Diagnostic {
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
