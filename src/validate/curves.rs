//! Several emotion curves (format 1.1 `curves:`): the declared curves, each tied to a lane by
//! id, and a step's `emotion` read against them: a mapping from curve id to a score or
//! `{score, label}`, or the plain forms when exactly one curve is declared. Uses validator,
//! keys, lanes.

use super::keys;
use super::lanes::LaneSet;
use super::validator::{Validator, duplicate};
use crate::diag::{Diagnostic, quote};
use crate::limits;
use crate::model::{Curve, Feeling};
use crate::parse::{Node, Value};

/// The keys of the plain mapping form (`{score, label}`): no curve may take them as its id,
/// or `emotion: {score: 3}` could mean either.
const RESERVED: [&str; 2] = ["score", "label"];

impl Validator<'_> {
    /// `curves:`, checked against the lanes; at most [`limits::MAX_CURVES`].
    pub(super) fn curves(&mut self, node: &Node, lanes: &LaneSet) -> Vec<Curve> {
        let mut curves: Vec<Curve> = Vec::new();
        let Some(list) = self.list(node, "`curves`", usize::MAX, "MAX_CURVES") else {
            return curves;
        };
        if list.is_empty() {
            let d = Diagnostic::error("empty-list", "`curves` lists no curve")
                .with_label(node.span, "empty")
                .with_help(
                    "declare at least one curve, or remove `curves:` for the one customer curve",
                );
            self.error(d);
        }
        if list.len() > limits::MAX_CURVES {
            self.limit(
                node.span,
                format!(
                    "`curves` has {} entries; the limit is {} (MAX_CURVES)",
                    list.len(),
                    limits::MAX_CURVES
                ),
                "too many curves",
                "more than five lines in one band cannot be told apart: split the blueprint, or \
                 keep the curves that matter most",
            );
            return curves;
        }
        let lane_ids: Vec<&str> = lanes.lanes.iter().map(|l| l.id.value.as_str()).collect();
        for n in list {
            let Some((f, _)) = self.fields(n, keys::CURVE, "a curve", false) else {
                continue;
            };
            let id = f.get("id").and_then(|(_, v)| self.id(v, "the curve id"));
            let label = f
                .get("label")
                .and_then(|(_, v)| self.required_text(v, "the curve label"));
            let lane = f.get("lane").and_then(|(_, v)| {
                let name = self.text(v, "the curve's lane")?;
                if lanes.unreadable || lanes.by_id.contains_key(&name.value) {
                    return Some(name);
                }
                if lanes.broken.contains(&name.value) {
                    return None;
                }
                let fallback = format!("the lanes are: {}", lane_ids.join(", "));
                let help = self.help_for(&name.value, &lane_ids, fallback);
                let d = Diagnostic::error(
                    "unknown-ref",
                    format!("unknown lane {} in a curve", quote(&name.value)),
                )
                .with_label(v.span, "no lane has this id")
                .with_help(help);
                self.error(d);
                None
            });
            let variants = f
                .get("variant")
                .and_then(|(_, v)| self.variant_refs(v, "the curve's `variant`"))
                .unwrap_or_default();
            let Some(id) = id else { continue };
            if RESERVED.contains(&id.value.as_str()) {
                let d = Diagnostic::error(
                    "reserved-curve-id",
                    format!("a curve cannot be called {}", quote(&id.value)),
                )
                .with_label(id.span, "reserved by `emotion: {score, label}`")
                .with_help("choose another id and keep the wording in `label`");
                self.error(d);
                continue;
            }
            if let Some(first) = curves.iter().find(|c| c.id.value == id.value) {
                let d = duplicate(&id, first.id.span, "curve id");
                self.error(d);
                continue;
            }
            let Some(label) = label else { continue };
            curves.push(Curve {
                id,
                label,
                lane,
                variants,
            });
        }
        curves
    }

    /// A step's `emotion` with `curves:` declared: the feeling on each curve, indexed as
    /// `curves`. The plain forms (a score, `{score, label}`) name the one curve when there is
    /// one, and are `ambiguous-emotion` when there are several.
    pub(super) fn feelings(&mut self, v: &Node, curves: &[Curve]) -> Vec<Feeling> {
        let mut out = vec![Feeling::default(); curves.len()];
        let plain = match &v.value {
            Value::Map(entries) => entries
                .iter()
                .any(|(k, _)| RESERVED.contains(&self.key_text(k).as_ref())),
            _ => true,
        };
        if plain {
            if curves.len() == 1 {
                out[0] = self.feeling(v);
            } else if !curves.is_empty() {
                let ids: Vec<&str> = curves.iter().map(|c| c.id.value.as_str()).collect();
                let example = format!("{}: 3", ids[0]);
                let d = Diagnostic::error(
                    "ambiguous-emotion",
                    format!(
                        "this emotion names no curve, and the blueprint declares {}",
                        curves.len()
                    ),
                )
                .with_label(v.span, "which curve?")
                .with_help(format!(
                    "write a mapping from curve id to the score or `{{score, label}}`, \
                     e.g. `emotion: {{ {example} }}`; the curves are: {}",
                    ids.join(", ")
                ));
                self.error(d);
            }
            return out;
        }
        let Value::Map(entries) = &v.value else {
            return out;
        };
        let ids: Vec<&str> = curves.iter().map(|c| c.id.value.as_str()).collect();
        let mut seen: Vec<(usize, crate::span::Span)> = Vec::new();
        for (k, val) in entries {
            let name = self.key_text(k);
            let Some(i) = ids.iter().position(|c| *c == name) else {
                let fallback = format!("the curves are: {}", ids.join(", "));
                let help = self.help_for(&name, &ids, fallback);
                let d = Diagnostic::error(
                    "unknown-ref",
                    format!("unknown curve {} in `emotion`", quote(&name)),
                )
                .with_label(k.span, "no curve has this id")
                .with_help(help);
                self.error(d);
                continue;
            };
            if let Some(&(_, first)) = seen.iter().find(|(j, _)| *j == i) {
                let d = Diagnostic::error(
                    "duplicate-key",
                    format!("duplicate key {} in an emotion", quote(&name)),
                )
                .with_label(k.span, "written again here")
                .with_other(first, "first written here")
                .with_help("a key may appear once in a mapping; remove or merge one of them");
                self.error(d);
                continue;
            }
            seen.push((i, k.span));
            if val.value != Value::Null {
                out[i] = self.feeling(val);
            }
        }
        out
    }

    /// One curve's feeling: a score, or `{score, label}`.
    fn feeling(&mut self, v: &Node) -> Feeling {
        let (score, label) = match &v.value {
            Value::Map(_) => self.emotion_words(v),
            _ => (self.emotion(v), None),
        };
        Feeling { score, label }
    }
}
