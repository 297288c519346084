//! Variants (format 1.1): the top-level `variants:` list, the `variant` of steps and items (an
//! id or a list of ids, read into a [`Variants`] set), a step's `duration` per variant, and,
//! once the blueprint is read, the variants nothing names (`unused-variant`) and the flows
//! whose ends share no variant (`flow-across-variants`). Uses validator, keys.

use super::keys;
use super::validator::{Validator, duplicate};
use crate::diag::{Diagnostic, quote};
use crate::limits;
use crate::model::{Flow, Item, ItemId, Step, Variant, Variants};
use crate::parse::{Node, Value};
use crate::span::Spanned;

/// With variants, the automatic customer path is each variant's own, drawn together: every
/// variant's customer items joined in order, each pair once. Two neighbouring items that share
/// no variant (a self-serve step and the enterprise one beside it) are never joined; each is
/// joined to the next item of its own path instead. `flows` holds the plain path
/// ([`super::flows::customer_path`]), which this replaces.
pub(super) fn customer_paths(n: usize, steps: &[Step], items: &[Item], flows: &mut Vec<Flow>) {
    let Some(first) = flows.iter().find(|f| f.customer_path) else {
        return;
    };
    let (span, lane) = (first.span, items[first.from.0 as usize].lane);
    flows.retain(|f| !f.customer_path);
    let written: std::collections::HashSet<(ItemId, ItemId)> = flows
        .iter()
        .flat_map(|f| [(f.from, f.to), (f.to, f.from)])
        .collect();
    let mut pairs: Vec<(ItemId, ItemId)> = Vec::new();
    for v in 0..n {
        let path: Vec<ItemId> = (0..items.len())
            .map(|i| ItemId(i as u32))
            .filter(|&i| {
                let it = &items[i.0 as usize];
                it.lane == lane
                    && it
                        .own_variants()
                        .and(steps[it.step.0 as usize].variants)
                        .is_some_and(|s| s.contains(v))
            })
            .collect();
        for p in path.windows(2) {
            let pair = (p[0], p[1]);
            if !written.contains(&pair) && !pairs.contains(&pair) {
                pairs.push(pair);
            }
        }
    }
    pairs.sort();
    flows.extend(pairs.into_iter().map(|(from, to)| Flow {
        from,
        to,
        label: None,
        style: crate::model::FlowStyle::Solid,
        both: false,
        customer_path: true,
        needs: false,
        note: None,
        span,
    }));
}

impl Validator<'_> {
    /// `variants:`, at most [`limits::MAX_VARIANTS`]; their ids are kept for the steps' and
    /// items' references.
    pub(super) fn variants(&mut self, node: &Node) -> Vec<Variant> {
        let mut out: Vec<Variant> = Vec::new();
        let Some(list) = self.list(node, "`variants`", limits::MAX_VARIANTS, "MAX_VARIANTS") else {
            // Unreadable: references to it are not reported again.
            self.variants_broken = true;
            return out;
        };
        for n in list {
            let Some((f, _)) = self.fields(n, keys::VARIANT, "a variant", false) else {
                continue;
            };
            let Some(id) = f.get("id").and_then(|(_, v)| self.id(v, "the variant id")) else {
                self.variants_broken = true;
                continue;
            };
            if let Some(first) = out.iter().find(|v| v.id.value == id.value) {
                let d = duplicate(&id, first.id.span, "variant id");
                self.error(d);
                continue;
            }
            let label = self
                .opt_text(f.get("label").map(|x| x.1), "the variant label")
                .unwrap_or_else(|| id.clone());
            out.push(Variant { id, label });
        }
        self.variant_ids = out.iter().map(|v| v.id.value.clone()).collect();
        out
    }

    /// The index of the declared variant `v` names, or an `unknown-ref` error (with a
    /// did-you-mean) at `v`.
    fn variant_index(&mut self, v: &Node, what: &str) -> Option<usize> {
        let name = self.id(v, what)?;
        if let Some(i) = self.variant_ids.iter().position(|x| *x == name.value) {
            return Some(i);
        }
        if self.variants_broken {
            return None;
        }
        let ids: Vec<String> = self.variant_ids.clone();
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let fallback = if refs.is_empty() {
            "declare it under `variants:` first (`variants: [{ id: ..., label: ... }]`)".to_string()
        } else {
            format!("the variants are: {}", refs.join(", "))
        };
        let help = self.help_for(&name.value, &refs, fallback);
        let d = Diagnostic::error(
            "unknown-ref",
            format!("unknown variant {}", quote(&name.value)),
        )
        .with_label(v.span, "no variant has this id")
        .with_help(help);
        self.error(d);
        None
    }

    /// A step's or item's `variant`: an id or a non-empty list of ids, each declared. `None`
    /// (nothing kept) when the list is empty or names nothing declared.
    pub(super) fn variant_refs(&mut self, v: &Node, what: &str) -> Option<Variants> {
        let nodes: &[Node] = match &v.value {
            Value::Seq(list) => list,
            Value::Map(_) => {
                self.wrong_type(v, what, "a variant id or a list of them");
                return None;
            }
            _ => std::slice::from_ref(v),
        };
        if nodes.is_empty() {
            let d = Diagnostic::error("empty-list", format!("{what} lists no variant"))
                .with_label(v.span, "empty")
                .with_help(
                    "name at least one variant, or remove the key: without it, it is in every variant",
                );
            self.error(d);
            return None;
        }
        let mut set = 0u16;
        let mut all_known = true;
        for n in nodes {
            match self.variant_index(n, "a variant id") {
                Some(i) => set |= 1 << i,
                None => all_known = false,
            }
        }
        (all_known && set != 0).then_some(Variants(set))
    }

    /// `duration: {VARIANT: text, ...}` (format 1.1): each key a declared variant, in the order
    /// written.
    pub(super) fn durations(&mut self, v: &Node) -> Vec<(usize, Spanned<String>)> {
        if !self.needs_1_1(v.span, "`duration` as a mapping") {
            return Vec::new();
        }
        let Value::Map(entries) = &v.value else {
            return Vec::new();
        };
        let mut out: Vec<(usize, Spanned<String>)> = Vec::new();
        for (k, val) in entries {
            let Some(i) = self.variant_index(k, "a duration's variant") else {
                continue;
            };
            if out.iter().any(|(x, _)| *x == i) {
                let d = Diagnostic::error(
                    "duplicate-key",
                    format!(
                        "duplicate key {} in the duration",
                        quote(&self.variant_ids[i])
                    ),
                )
                .with_label(k.span, "written again here")
                .with_help("a variant has one duration: remove or merge one of them");
                self.error(d);
                continue;
            }
            if let Some(t) = self.opt_text(Some(val), "the duration") {
                out.push((i, t));
            }
        }
        out
    }

    /// The line a step's durations per variant draw under its header in the whole figure:
    /// each variant's id and text, joined by " · " (`ss 5 min · en 1–2 weeks`).
    pub(super) fn durations_shown(
        &self,
        each: &[(usize, Spanned<String>)],
        span: crate::span::Span,
    ) -> Option<Spanned<String>> {
        let parts: Vec<String> = each
            .iter()
            .map(|(i, t)| format!("{} {}", self.variant_ids[*i], t.value))
            .collect();
        (!parts.is_empty()).then(|| Spanned::new(parts.join(" · "), span))
    }

    /// Once everything is read: the declared variants no step, item or duration names
    /// (`unused-variant`), and the written flows whose two ends share no variant
    /// (`flow-across-variants`).
    pub(super) fn variant_checks(
        &mut self,
        variants: &[Variant],
        (steps, items, flows): (&[Step], &[Item], &[Flow]),
        curves: &[crate::model::Curve],
    ) {
        if variants.is_empty() {
            return;
        }
        let mut named = curves.iter().fold(0u16, |n, c| n | c.variants.0);
        for s in steps {
            named |= s.variants.0;
            for (i, _) in &s.durations {
                named |= 1 << i;
            }
        }
        for it in items {
            named |= it.own_variants().0;
        }
        for (i, v) in variants.iter().enumerate() {
            if named & (1 << i) == 0 {
                let d = Diagnostic::warning(
                    "unused-variant",
                    format!(
                        "variant {} is named by no step, item or duration",
                        quote(&v.id.value)
                    ),
                )
                .with_label(v.id.span, "declared here, used nowhere")
                .with_help(format!(
                    "give the steps or items of this variant `variant: {}`, or remove it",
                    v.id.value
                ));
                self.error(d);
            }
        }
        let of = |id: crate::model::ItemId| -> Option<Variants> {
            let it = items.get(id.0 as usize)?;
            it.own_variants()
                .and(steps.get(it.step.0 as usize)?.variants)
        };
        let name = |set: Option<Variants>| -> String {
            match set {
                Some(s) if !s.is_all() => s
                    .indices()
                    .filter_map(|i| variants.get(i).map(|v| v.id.value.as_str()))
                    .collect::<Vec<_>>()
                    .join(", "),
                Some(_) => "every variant".to_string(),
                None => "no variant".to_string(),
            }
        };
        for f in flows.iter().filter(|f| !f.customer_path) {
            let (a, b) = (of(f.from), of(f.to));
            let shared = match (a, b) {
                (Some(a), Some(b)) => a.and(b),
                _ => None,
            };
            if shared.is_some() {
                continue;
            }
            let d = Diagnostic::warning(
                "flow-across-variants",
                format!(
                    "this flow joins an item of {} to an item of {}: no variant has both",
                    name(a),
                    name(b)
                ),
            )
            .with_label(f.span, "drawn in no variant cut")
            .with_help(
                "point the flow at an item of the same variant, or give one end the other's \
                 variant too",
            );
            self.error(d);
        }
    }
}
