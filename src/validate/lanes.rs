//! The lanes: `lanes:` read into a [`LaneSet`] in zone order, or the five standard lanes.
//! Uses validator, keys.

use super::keys;
use super::validator::{Validator, duplicate};
use crate::diag::{Diagnostic, quote};
use crate::limits;
use crate::model::{Lane, LaneId, LaneKind, Zone};
use crate::parse::{Node, Value};
use crate::span::{Span, Spanned};
use foldhash::HashMap;

/// Lanes as read, before steps name them.
pub(super) struct LaneSet {
    pub(super) lanes: Vec<Lane>,
    pub(super) by_id: HashMap<String, LaneId>,
    /// Ids of lanes that were reported as broken: steps naming them get no second error.
    pub(super) broken: std::collections::HashSet<String>,
    /// True when `lanes:` itself could not be read: no lane key in a step is reported.
    pub(super) unreadable: bool,
}

impl Validator<'_> {
    pub(super) fn lanes(&mut self, node: &Node) -> LaneSet {
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
                let field = keys::STEP.iter().find(|k| k.name == id.value);
                if let Some(field) = field.filter(|k| k.since_1_1 && !self.said_1_1) {
                    // A v1 file keeps its meaning: the lane wins over the field 1.1 added.
                    let d = Diagnostic::warning(
                        "shadowed-step-field",
                        format!(
                            "lane {} takes the id of the step field `{}` of format 1.1",
                            quote(&id.value),
                            field.name
                        ),
                    )
                    .with_label(id.span, "steps' key of this name fills the lane")
                    .with_help("rename the lane (keep the wording in `label`) to use the field");
                    self.error(d);
                    self.shadowed.push(field.name);
                } else if field.is_some() {
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
                    Some((_, v)) if self.scalar_text(v) == "insight" => {
                        // Format 1.1's zone: a version 1 file may not name it.
                        if !self.needs_1_1(v.span, "the zone `insight`") {
                            continue;
                        }
                        Some(Zone::Insight)
                    }
                    Some((_, v)) => self
                        .word(v, "the zone", keys::LANE_ZONES, "unknown-zone")
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
                                keys::LANE_ZONES.join(", ")
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
                let description =
                    self.opt_text(f.get("description").map(|x| x.1), "the lane description");
                let kind = f.get("kind").and_then(|(_, v)| {
                    let w = self.word(v, "the lane kind", keys::LANE_KINDS, "unknown-kind")?;
                    LaneKind::from_key(&w.value).map(|k| Spanned::new(k, w.span))
                });
                lanes.push(Lane {
                    id,
                    label,
                    zone,
                    description,
                    kind,
                });
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
}

/// The five standard lanes.
pub(super) fn default_lanes() -> LaneSet {
    let lanes: Vec<Lane> = Zone::ALL
        .iter()
        .map(|z| Lane {
            id: Spanned::new(z.key().to_string(), Span::default()),
            label: Spanned::new(z.default_label().to_string(), Span::default()),
            zone: *z,
            description: None,
            kind: None,
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
