//! The steps: each step's fields, and its cells, one per lane, with their items (text, or a
//! mapping with id, fail and wait points, note and link). Step and item ids go into the id
//! index as they are read. Uses validator, lanes, refs, keys.

use super::keys;
use super::lanes::LaneSet;
use super::refs;
use super::validator::{SPLIT_THE_FILE, Validator};
use crate::diag::{Diagnostic, quote};
use crate::limits;
use crate::model::{
    Emotion, Impact, Item, ItemId, LaneId, Phase, PhaseId, Step, StepId, Touchpoint,
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
            let (emotion, emotion_label) = match f.get("emotion") {
                Some((_, v)) if matches!(v.value, Value::Map(_)) => self.emotion_words(v),
                Some((_, v)) => (self.emotion(v), None),
                None => (None, None),
            };
            let duration = match f.get("duration") {
                Some((_, v)) if matches!(v.value, Value::Map(_)) => {
                    self.not_yet(v.span, "a duration per variant");
                    None
                }
                d => self.opt_text(d.map(|x| x.1), "the duration"),
            };
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
                let d = Diagnostic::warning(
                    "empty-step",
                    format!("step {} has no items in any lane", quote(&id.value)),
                )
                .with_label(id.span, "empty column")
                .with_help("add what happens in this step to at least one lane");
                self.error(d);
            }
            self.phase_values.push(f.get("phase").map(|(_, v)| v.span));
            steps.push(Step {
                id,
                label,
                phase,
                touchpoint,
                emotion,
                emotion_label,
                duration,
                cells,
                span: n.span,
            });
        }
        (steps, items)
    }

    /// `emotion: {score, label}` (format 1.1; either key alone).
    fn emotion_words(&mut self, v: &Node) -> (Option<Spanned<Emotion>>, Option<Spanned<String>>) {
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
            details: None,
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
