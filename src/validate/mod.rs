//! Raw node tree → `Blueprint`. Every rule of format version 1 is checked here; each problem is
//! recorded with its span and the walk goes on, so one run reports every error, in source order.
//! A crate user reaches validation through [`crate::check`]; what is public here is [`keys`],
//! the tables of every mapping's keys (for did-you-mean, the schema, an editor's completion).
//! This file holds the entry point and the top-level mapping; the parts, each used only by
//! those listed after it: `keys` (the key tables), `validator` (where problems are recorded,
//! and the readers of one value or mapping), `lanes`, `phases`, `refs` (the id index and
//! reference resolution), `insight` (tags, an item's touchpoint and map), `curves` (several
//! emotion curves), `steps` (steps, their cells and items), `spans` (items' `until`), `flows`,
//! `variants` (format 1.1's variants: the list, the references to it and the checks across the
//! blueprint).
//! Uses parse, model, diag, limits.

mod curves;
mod flows;
mod insight;
pub mod keys;
mod lanes;
mod phases;
mod refs;
mod spans;
mod steps;
mod validator;
mod variants;

use crate::diag::{Checked, Diagnostic, Diagnostics, quote};
use crate::model::Blueprint;
use crate::parse::{Node, Value};
use crate::span::{Source, Span};
use validator::Validator;

/// Validates the parsed `root` of `source` into a blueprint, or returns every error (and
/// warning) found.
pub(crate) fn validate(source: &Source, root: &Node) -> Result<Checked<Blueprint>, Diagnostics> {
    let mut v = Validator::new(source);
    let bp = v.blueprint(root);
    let mut diags = v.diags;
    diags.sort();
    diags.cap();
    match bp {
        Some(bp) if !diags.has_errors() => Ok(Checked {
            value: bp,
            warnings: diags,
        }),
        _ => Err(diags),
    }
}

impl Validator<'_> {
    /// `version:`: 1 or 1.1 (unquoted numbers); a file that says 1 is held to format 1.
    fn version(&mut self, v: &Node) {
        let number = matches!(v.value, Value::Int(_) | Value::Float(_)) && !self.quoted(v);
        if !number {
            self.wrong_type(v, "`version`", "1 or 1.1");
            return;
        }
        match self.scalar_text(v).as_str() {
            "1" => self.version_1 = Some(v.span),
            "1.1" => self.said_1_1 = true,
            written => {
                let d = Diagnostic::error(
                    "unsupported-version",
                    format!("format version {} is not supported", quote(written)),
                )
                .with_label(v.span, "this tool reads versions 1 and 1.1")
                .with_help("write `version: 1.1` (or `version: 1`), or leave the key out");
                self.error(d);
            }
        }
    }

    /// The top-level mapping: each part read in turn (phases, lanes, steps, flows), then the
    /// blueprint, unless something it cannot do without is missing.
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
            self.version(v);
        }
        // The top level's own keys were read before its version was: held to it now.
        for key in keys::TOP.iter().filter(|k| k.since_1_1) {
            if let Some((k, _)) = f.get(key.name) {
                self.needs_1_1(
                    k.span,
                    &format!("the key {} in the blueprint", quote(key.name)),
                );
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
            None => lanes::default_lanes(),
        };
        let theme = f
            .get("theme")
            .and_then(|(_, v)| self.word(v, "the theme", keys::THEMES, "unknown-theme"));
        let customer_path = match f.get("customer_path") {
            Some((k, v)) => self.bool(v, "`customer_path`").map(|b| (b, k.span)),
            None => Some((true, Span::default())),
        };
        // Variants before steps: steps and items name them.
        let variants = f
            .get("variants")
            .map_or_else(Vec::new, |(_, v)| self.variants(v));
        let tags = f.get("tags").map_or_else(Vec::new, |(_, v)| self.tags(v));
        // In a version 1 file `curves` was reported above (`needs-version`) and is not read.
        let curves = match f.get("curves") {
            Some((_, v)) if self.version_1.is_none() => self.curves(v, &lanes),
            _ => Vec::new(),
        };
        let mut ids = refs::Ids::default();
        let (steps, items) = match f.get("steps") {
            Some((_, v)) => self.steps(v, &lanes, &phases, &curves, &mut ids),
            None => (Vec::new(), Vec::new()),
        };
        let mut phases = phases;
        self.phase_runs(&steps, &mut phases);
        self.loops_forward(&phases);
        let mut flows = match f.get("flows") {
            Some((_, v)) => self.flows(v, &steps, &lanes, &items, &ids),
            None => Vec::new(),
        };
        if let Some((true, span)) = customer_path {
            flows::customer_path(&lanes.lanes, &items, span, &mut flows);
            if !variants.is_empty() {
                variants::customer_paths(variants.len(), &steps, &items, &mut flows);
            }
        }
        self.branches(&items, &flows);
        self.variant_checks(&variants, (&steps, &items, &flows), &curves);
        self.unused_tags(&tags);
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
            variants,
            tags,
            curves,
        })
    }
}
