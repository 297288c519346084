//! The steps: each step's fields, and its cells, one per lane, with their items (text, or a
//! mapping with id, fail and wait points, note and link). Step and item ids go into the id
//! index as they are read. Uses validator, lanes, refs, keys.

use super::keys;
use super::lanes::LaneSet;
use super::refs;
use super::validator::{Fields, SPLIT_THE_FILE, Validator};
use crate::diag::{Diagnostic, quote};
use crate::limits;
use crate::model::{
    Curve, Emotion, Impact, Item, ItemDetails, ItemId, LaneId, MarkKind, Phase, PhaseId, Status,
    Step, StepId, Touchpoint,
};
use crate::parse::{Node, Value};
use crate::span::Spanned;
use foldhash::HashMap;

impl Validator<'_> {
    pub(super) fn steps(
        &mut self,
        node: &Node,
        lanes: &LaneSet,
        phases: &[Phase],
        curves: &[Curve],
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
        // Steps with no items: empty unless a spanning card covers them (known at the end).
        let mut empty: Vec<StepId> = Vec::new();
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
            let mut feelings = Vec::new();
            let (emotion, emotion_label) = match f.get("emotion") {
                // With `curves:` declared, the feelings are per curve (format 1.1).
                Some((_, v)) if !curves.is_empty() => {
                    feelings = self.feelings(v, curves);
                    (None, None)
                }
                None if !curves.is_empty() => {
                    feelings = vec![Default::default(); curves.len()];
                    (None, None)
                }
                Some((_, v)) if matches!(v.value, Value::Map(_)) => self.emotion_words(v),
                Some((_, v)) => (self.emotion(v), None),
                None => (None, None),
            };
            let (duration, durations) = match f.get("duration") {
                Some((_, v)) if matches!(v.value, Value::Map(_)) => {
                    let each = self.durations(v);
                    (self.durations_shown(&each, v.span), each)
                }
                d => (self.opt_text(d.map(|x| x.1), "the duration"), Vec::new()),
            };
            let variants = f
                .get("variant")
                .and_then(|(_, v)| self.variant_refs(v, "the step's `variant`"))
                .unwrap_or_default();
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
                    if keys::STEP.iter().any(|k| k.name == name) {
                        self.not_yet(k.span, &format!("the key {} in a step", quote(name)));
                        continue;
                    }
                    let mut cands: Vec<&str> = keys::STEP
                        .iter()
                        .filter(|k| !matches!(k.kind, keys::Kind::NotYet))
                        .map(|k| k.name)
                        .collect();
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
                empty.push(step_no);
            }
            self.phase_values.push(f.get("phase").map(|(_, v)| v.span));
            steps.push(Step {
                id,
                label,
                phase,
                touchpoint,
                emotion,
                emotion_label,
                feelings,
                duration,
                durations,
                variants,
                cells,
                span: n.span,
            });
        }
        self.spans(&steps, &mut items, ids);
        self.empty_steps(&steps, &items, &empty);
        (steps, items)
    }

    /// `emotion: {score, label}` (format 1.1; either key alone).
    pub(super) fn emotion_words(
        &mut self,
        v: &Node,
    ) -> (Option<Spanned<Emotion>>, Option<Spanned<String>>) {
        if !self.needs_1_1(v.span, "`emotion` as a mapping") {
            return (None, None);
        }
        let Some((f, _)) = self.fields(v, keys::EMOTION, "an emotion", false) else {
            return (None, None);
        };
        let score = f.get("score").and_then(|(_, s)| self.emotion(s));
        let label = self.opt_text(f.get("label").map(|x| x.1), "the emotion label");
        (score, label)
    }

    pub(super) fn emotion(&mut self, v: &Node) -> Option<Spanned<Emotion>> {
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
            details: None,
            span: node.span,
        };
        let mut until = None;
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
            match f.get("fail") {
                Some((_, v)) if matches!(v.value, Value::Map(_)) => self.fail(v, &mut item),
                fail => {
                    item.fail = self
                        .opt_text(fail.map(|x| x.1), "the fail point")
                        .map(Box::new)
                }
            }
            item.wait = self
                .opt_text(f.get("wait").map(|x| x.1), "the wait point")
                .map(Box::new);
            item.note = self
                .opt_text(f.get("note").map(|x| x.1), "the note")
                .map(Box::new);
            item.link = f.get("link").and_then(|(_, v)| self.link(v)).map(Box::new);
            self.item_details(&f, &mut item);
            until = f
                .get("until")
                .and_then(|(_, v)| self.opt_text(Some(v), "`until`"));
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
        if let Some(u) = until {
            self.untils.push((item_no, u));
        }
        items.push(item);
    }

    /// The item keys format 1.1 added beside `fail`: marks, status and source, owner, meta.
    fn item_details(&mut self, f: &Fields<'_>, item: &mut Item) {
        let mut d: ItemDetails = item.details.take().map(|b| *b).unwrap_or_default();
        if let Some((_, v)) = f.get("marks") {
            d.marks = self.marks(v);
        }
        d.status = f.get("status").and_then(|(_, v)| {
            let w = self.word(v, "the status", keys::STATUSES, "unknown-status")?;
            Status::from_key(&w.value).map(|s| Spanned::new(s, w.span))
        });
        d.source = self.opt_text(f.get("source").map(|x| x.1), "the source");
        d.owner = self.opt_text(f.get("owner").map(|x| x.1), "the owner");
        if let Some((_, v)) = f.get("meta") {
            d.meta = self.meta(v);
        }
        if let Some((_, v)) = f.get("variant") {
            d.variants = self
                .variant_refs(v, "the item's `variant`")
                .unwrap_or_default();
        }
        self.item_insight(f, &mut d);
        if let (Some(s), None) = (&d.status, &d.source)
            && s.value == Status::Observed
        {
            let w = Diagnostic::warning(
                "observed-without-source",
                "the item is marked observed but names no source",
            )
            .with_label(s.span, "observed where?")
            .with_help("add `source:` (the interviews, logs or documents it was seen in)");
            self.error(w);
        }
        let used = d.impact.is_some()
            || !d.marks.is_empty()
            || d.status.is_some()
            || d.source.is_some()
            || d.owner.is_some()
            || !d.meta.is_empty()
            || !d.variants.is_all()
            || !d.tags.is_empty()
            || d.touchpoint.is_some()
            || d.map.is_some();
        if used {
            item.details = Some(Box::new(d));
        }
    }

    /// `marks`: a word or a list of words, each once.
    fn marks(&mut self, v: &Node) -> Vec<Spanned<MarkKind>> {
        let nodes: &[Node] = match &v.value {
            Value::Seq(list) => list,
            _ => std::slice::from_ref(v),
        };
        let mut marks: Vec<Spanned<MarkKind>> = Vec::new();
        for n in nodes {
            let Some(w) = self.word(n, "the mark", keys::MARKS, "unknown-mark") else {
                continue;
            };
            let Some(m) = MarkKind::from_key(&w.value) else {
                continue;
            };
            if let Some(first) = marks.iter().find(|x| x.value == m) {
                let d = Diagnostic::warning(
                    "duplicate-mark",
                    format!("the mark {} is written twice", quote(m.key())),
                )
                .with_label(w.span, "written again here")
                .with_other(first.span, "first written here")
                .with_help("a mark is drawn once: remove the second");
                self.error(d);
                continue;
            }
            marks.push(Spanned::new(m, w.span));
        }
        marks
    }

    /// `meta`: keys `[a-z][a-z0-9-]*`, values text or lists of text, at most
    /// [`limits::MAX_META_KEYS`] keys.
    fn meta(&mut self, v: &Node) -> Vec<(String, Vec<String>)> {
        let Value::Map(entries) = &v.value else {
            self.wrong_type(v, "`meta`", "a mapping");
            return Vec::new();
        };
        if entries.len() > limits::MAX_META_KEYS {
            self.limit(
                v.span,
                format!(
                    "`meta` has {} keys; the limit is {} (MAX_META_KEYS)",
                    entries.len(),
                    limits::MAX_META_KEYS
                ),
                "too many keys",
                "keep the metadata tools need; the rest belongs in the research files",
            );
            return Vec::new();
        }
        let mut out: Vec<(String, Vec<String>)> = Vec::new();
        for (k, val) in entries {
            let key = self.key_text(k).into_owned();
            let valid = key.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
                && key
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !valid {
                let d = Diagnostic::error(
                    "invalid-meta-key",
                    format!("the meta key {} is not a valid key", quote(&key)),
                )
                .with_label(k.span, "keys use a-z, 0-9 and `-`, starting with a letter")
                .with_help(format!("try {}", quote(&meta_key(&key))));
                self.error(d);
                continue;
            }
            if out.iter().any(|(x, _)| *x == key) {
                let d = Diagnostic::error(
                    "duplicate-key",
                    format!("duplicate key {} in `meta`", quote(&key)),
                )
                .with_label(k.span, "written again here")
                .with_help("a key may appear once in a mapping; remove or merge one of them");
                self.error(d);
                continue;
            }
            let values = match &val.value {
                Value::Null => Vec::new(),
                Value::Seq(list) => list
                    .iter()
                    .filter_map(|n| self.text(n, "a meta value").map(|t| t.value))
                    .collect(),
                _ => self
                    .text(val, "a meta value")
                    .map(|t| vec![t.value])
                    .unwrap_or_default(),
            };
            out.push((key, values));
        }
        out
    }

    /// `fail: {cause, impact}` (format 1.1; either alone, or `{}`: a cause not stated).
    fn fail(&mut self, v: &Node, item: &mut Item) {
        if !self.needs_1_1(v.span, "`fail` as a mapping") {
            return;
        }
        let Some((f, _)) = self.fields(v, keys::FAIL, "a fail point", false) else {
            return;
        };
        let cause = self
            .opt_text(f.get("cause").map(|x| x.1), "the fail cause")
            .unwrap_or_else(|| Spanned::new(String::new(), v.span));
        let impact = f.get("impact").and_then(|(_, i)| {
            let w = self.word(i, "the fail impact", keys::IMPACTS, "unknown-impact")?;
            Impact::from_key(&w.value).map(|x| Spanned::new(x, w.span))
        });
        item.fail = Some(Box::new(cause));
        if impact.is_some() {
            item.details.get_or_insert_with(Default::default).impact = impact;
        }
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
}

/// A valid meta key close to `s`: lower case, other characters `-`, a leading letter.
fn meta_key(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| match c.to_ascii_lowercase() {
            c @ ('a'..='z' | '0'..='9') => c,
            _ => '-',
        })
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_lowercase()) {
        out.insert(0, 'k');
    }
    out
}
