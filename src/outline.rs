//! The outline of a blueprint as written, for editors: its phases, lanes, steps, items and flow
//! ends, each with the span of its id, read from the YAML tree alone. Unlike [`crate::check`] it
//! needs no valid blueprint (a file with an unknown flow end or a duplicate id still has an
//! outline), so a language server can go to a definition, rename an id or complete a reference
//! while the file is still wrong. Ids are compared as written; nothing is resolved to an index.
//! Uses span, diag, parse, validate (the key tables).

use crate::diag::Diagnostics;
use crate::parse::{Node, Value};
use crate::span::{Source, Span, Spanned};
use crate::validate::keys;

/// A phase: its id and label.
#[derive(Clone, Debug, PartialEq)]
pub struct PhaseDef {
    /// The id, its span the id's characters (without quotes).
    pub id: Spanned<String>,
    /// The label, if written.
    pub label: Option<Spanned<String>>,
    /// The whole phase mapping.
    pub span: Span,
}

/// An item of a cell: its own id and its text.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemDef {
    /// The item's own `id`, if written.
    pub id: Option<Spanned<String>>,
    /// The words on the card (empty when the item has no text).
    pub text: String,
    /// The item as written (a string or a mapping).
    pub span: Span,
}

/// A cell of a step: the lane key and the items under it.
#[derive(Clone, Debug, PartialEq)]
pub struct CellDef {
    /// The lane key as written in the step.
    pub lane: Spanned<String>,
    /// The items, in cell order.
    pub items: Vec<ItemDef>,
}

/// A step: id, label, phase reference and cells.
#[derive(Clone, Debug, PartialEq)]
pub struct StepDef {
    /// The id.
    pub id: Spanned<String>,
    /// The label, if written.
    pub label: Option<Spanned<String>>,
    /// The `phase:` value, a reference to a phase id.
    pub phase: Option<Spanned<String>>,
    /// The cells, in the order written.
    pub cells: Vec<CellDef>,
    /// The whole step mapping.
    pub span: Span,
}

/// A flow: its two ends as written.
#[derive(Clone, Debug, PartialEq)]
pub struct FlowDef {
    /// The `from:` reference.
    pub from: Option<Spanned<String>>,
    /// The `to:` reference.
    pub to: Option<Spanned<String>>,
    /// The whole flow mapping.
    pub span: Span,
}

/// What an outline knows of a blueprint.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outline {
    /// The phases, in file order.
    pub phases: Vec<PhaseDef>,
    /// The lane ids: those of `lanes:`, else the five standard ones (with empty spans).
    pub lanes: Vec<Spanned<String>>,
    /// The steps, left to right.
    pub steps: Vec<StepDef>,
    /// The written flows.
    pub flows: Vec<FlowDef>,
}

/// Something an id names: a phase, a step, or an item (step, cell, index in the cell).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// `phases[i]`.
    Phase(usize),
    /// `steps[i]`.
    Step(usize),
    /// `steps[s].cells[c].items[i]`.
    Item(usize, usize, usize),
}

/// A place in the text that names a [`Target`]: the definition of its id, or a reference to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    /// What is named.
    pub target: Target,
    /// The characters of the id (for `STEP.LANE.N`, those of `STEP`, or the whole reference
    /// when it names an item).
    pub span: Span,
    /// True for the definition, false for a reference.
    pub definition: bool,
    /// True when the span holds the target's id (false for an item named `STEP.LANE.N`).
    pub by_id: bool,
}

impl Outline {
    /// The outline of `source`, or the YAML reader's diagnostics when it is not YAML.
    pub fn of(source: &Source) -> Result<Outline, Diagnostics> {
        let root = crate::parse::parse(source)?;
        Ok(read(source, &root))
    }

    /// The step whose id is `id`.
    pub fn step(&self, id: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.id.value == id)
    }

    /// The phase whose id is `id`.
    pub fn phase(&self, id: &str) -> Option<usize> {
        self.phases.iter().position(|p| p.id.value == id)
    }

    /// The item with its own id `id`.
    pub fn item(&self, id: &str) -> Option<Target> {
        self.items()
            .find(|(_, it)| it.id.as_ref().is_some_and(|i| i.value == id))
            .map(|(t, _)| t)
    }

    /// Every item, with its place.
    pub fn items(&self) -> impl Iterator<Item = (Target, &ItemDef)> {
        self.steps.iter().enumerate().flat_map(|(s, step)| {
            step.cells.iter().enumerate().flat_map(move |(c, cell)| {
                (cell.items.iter().enumerate()).map(move |(i, it)| (Target::Item(s, c, i), it))
            })
        })
    }

    /// The item definition of `Target::Item`.
    pub fn item_def(&self, t: Target) -> Option<&ItemDef> {
        let Target::Item(s, c, i) = t else {
            return None;
        };
        self.steps.get(s)?.cells.get(c)?.items.get(i)
    }

    /// What a flow end names, as `check` would resolve it: an item id, `STEP.LANE` (a cell of
    /// one item) or `STEP.LANE.N`; a bare step id names the step.
    pub fn resolve(&self, reference: &str) -> Option<Target> {
        let parts: Vec<&str> = reference.split('.').collect();
        match parts.as_slice() {
            [id] => self.item(id).or_else(|| self.step(id).map(Target::Step)),
            [step, lane, rest @ ..] if rest.len() <= 1 => {
                let s = self.step(step)?;
                let c = self.steps[s]
                    .cells
                    .iter()
                    .position(|c| c.lane.value == *lane)?;
                let n = self.steps[s].cells[c].items.len();
                let i = match rest {
                    [] if n == 1 => 0,
                    [] => return None,
                    [k] => k.parse::<usize>().ok().filter(|&k| k >= 1 && k <= n)? - 1,
                    _ => return None,
                };
                Some(Target::Item(s, c, i))
            }
            _ => None,
        }
    }

    /// Every mention of every id, definitions first within each kind, in file order otherwise.
    pub fn mentions(&self) -> Vec<Mention> {
        let mut out = Vec::new();
        let def = |target, span| Mention {
            target,
            span,
            definition: true,
            by_id: true,
        };
        for (p, phase) in self.phases.iter().enumerate() {
            out.push(def(Target::Phase(p), phase.id.span));
        }
        for (s, step) in self.steps.iter().enumerate() {
            out.push(def(Target::Step(s), step.id.span));
            if let Some(phase) = &step.phase
                && let Some(p) = self.phase(&phase.value)
            {
                out.push(Mention {
                    target: Target::Phase(p),
                    span: phase.span,
                    definition: false,
                    by_id: true,
                });
            }
        }
        for (t, item) in self.items() {
            if let Some(id) = &item.id {
                out.push(def(t, id.span));
            }
        }
        for end in self.flows.iter().flat_map(|f| [&f.from, &f.to]).flatten() {
            out.extend(self.reference(end));
        }
        out
    }

    /// The mentions a flow end holds: the item it names (the whole reference) and, for
    /// `STEP.LANE` and `STEP.LANE.N`, the step (its first part).
    fn reference(&self, end: &Spanned<String>) -> Vec<Mention> {
        let mut out = Vec::new();
        let r = |target, span, by_id| Mention {
            target,
            span,
            definition: false,
            by_id,
        };
        let named = self.resolve(&end.value);
        if let Some((step, _)) = end.value.split_once('.') {
            // The step's part is its first bytes only when the reference is written as its
            // value (no escapes, not folded over lines): else it is no place to rename.
            let verbatim = end.span.len() == end.value.len();
            if let Some(s) = self.step(step).filter(|_| verbatim) {
                let len = u32::try_from(step.len()).unwrap_or(0);
                let span = Span {
                    start: end.span.start,
                    end: end.span.start + len,
                };
                out.push(r(Target::Step(s), span, true));
            }
            if let Some(t) = named {
                out.push(r(t, end.span, false));
            }
        } else if let Some(t) = named {
            out.push(r(t, end.span, true));
        }
        out
    }

    /// The mention at byte `offset` (the innermost: `STEP` within `STEP.LANE` before the item).
    pub fn mention_at(&self, offset: u32) -> Option<Mention> {
        self.mentions()
            .into_iter()
            .filter(|m| m.span.start <= offset && offset <= m.span.end)
            .min_by_key(|m| m.span.len())
    }

    /// The places to change when `target` is renamed: its definition and every reference that
    /// names it by its id (an item named `STEP.LANE.N` keeps that name: only the step part is a
    /// use of the step's id).
    pub fn renames(&self, target: Target) -> Vec<Span> {
        let mut spans: Vec<Span> = self
            .mentions()
            .into_iter()
            .filter(|m| m.target == target && m.by_id)
            .map(|m| m.span)
            .collect();
        spans.sort();
        spans.dedup();
        spans
    }
}

/// The outline read from the tree; anything not shaped as a blueprint is skipped.
fn read(source: &Source, root: &Node) -> Outline {
    let mut out = Outline {
        lanes: keys::ZONES
            .iter()
            .map(|z| Spanned::new((*z).to_string(), Span::default()))
            .collect(),
        ..Outline::default()
    };
    let Value::Map(top) = &root.value else {
        return out;
    };
    for (k, v) in top {
        match key(k) {
            Some("phases") => {
                for p in seq(v) {
                    if let Some(id) = field(p, "id").and_then(|n| text(source, n)) {
                        let label = field(p, "label").and_then(|n| text(source, n));
                        out.phases.push(PhaseDef {
                            id,
                            label,
                            span: p.span,
                        });
                    }
                }
            }
            Some("lanes") => {
                out.lanes = seq(v)
                    .filter_map(|l| field(l, "id").and_then(|n| text(source, n)))
                    .collect();
            }
            Some("steps") => out.steps = seq(v).filter_map(|s| step(source, s)).collect(),
            Some("flows") => {
                out.flows = seq(v)
                    .filter(|f| matches!(f.value, Value::Map(_)))
                    .map(|f| FlowDef {
                        from: field(f, "from").and_then(|n| text(source, n)),
                        to: field(f, "to").and_then(|n| text(source, n)),
                        span: f.span,
                    })
                    .collect();
            }
            _ => {}
        }
    }
    out
}

fn step(source: &Source, node: &Node) -> Option<StepDef> {
    let Value::Map(pairs) = &node.value else {
        return None;
    };
    let id = field(node, "id").and_then(|n| text(source, n))?;
    let mut cells = Vec::new();
    for (k, v) in pairs {
        let Some(name) = key(k) else { continue };
        if keys::STEP.iter().any(|f| f.name == name) {
            continue;
        }
        let items = match &v.value {
            Value::Seq(list) => list.iter().map(|n| item(source, n)).collect(),
            Value::Null => Vec::new(),
            _ => vec![item(source, v)],
        };
        let lane = Spanned::new(name.to_string(), k.span);
        cells.push(CellDef { lane, items });
    }
    Some(StepDef {
        id,
        label: field(node, "label").and_then(|n| text(source, n)),
        phase: field(node, "phase").and_then(|n| text(source, n)),
        cells,
        span: node.span,
    })
}

fn item(source: &Source, node: &Node) -> ItemDef {
    let (id, text_node) = match node.value {
        Value::Map(_) => (
            field(node, "id").and_then(|n| text(source, n)),
            field(node, "text"),
        ),
        _ => (None, Some(node)),
    };
    ItemDef {
        id,
        text: text_node
            .and_then(|n| text(source, n))
            .map(|t| t.value)
            .unwrap_or_default(),
        span: node.span,
    }
}

/// The key's text, when it is a string.
fn key(node: &Node) -> Option<&str> {
    match &node.value {
        Value::Str(s) => Some(s),
        _ => None,
    }
}

fn field<'n>(node: &'n Node, name: &str) -> Option<&'n Node> {
    let Value::Map(pairs) = &node.value else {
        return None;
    };
    pairs
        .iter()
        .find(|(k, _)| key(k) == Some(name))
        .map(|(_, v)| v)
}

fn seq(node: &Node) -> impl Iterator<Item = &Node> {
    match &node.value {
        Value::Seq(list) => list.iter(),
        _ => [].iter(),
    }
}

/// A scalar's text and the span of its characters: a quoted scalar's quotes are left out, and
/// a plain number or boolean is the text written (as validation reads it).
fn text(source: &Source, node: &Node) -> Option<Spanned<String>> {
    let written = source.slice(node.span);
    let value = match &node.value {
        Value::Str(s) => s.clone(),
        Value::Bool(_) | Value::Int(_) | Value::Float(_) => written.trim().to_string(),
        _ => return None,
    };
    let quoted = written.len() >= 2
        && (written.starts_with('"') && written.ends_with('"')
            || written.starts_with('\'') && written.ends_with('\''));
    let span = if quoted {
        Span {
            start: node.span.start + 1,
            end: node.span.end - 1,
        }
    } else {
        node.span
    };
    Some(Spanned::new(value, span))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "title: T\nphases:\n  - id: buy\nsteps:\n  - id: a\n    phase: buy\n    customer: Arrive\n    onstage: [Greet, { id: bags, text: Take bags }]\n  - id: \"b\"\n    customer: Leave\nflows:\n  - from: a.customer\n    to: bags\n  - from: a.onstage.1\n    to: b.customer\n";

    fn outline() -> (Source, Outline) {
        let source = Source::new("t.yaml", TEXT);
        let o = Outline::of(&source).expect("YAML");
        (source, o)
    }

    #[test]
    fn reads_ids_and_references_with_their_spans() {
        let (source, o) = outline();
        assert_eq!(o.phases[0].id.value, "buy");
        assert_eq!(o.steps.len(), 2);
        assert_eq!(source.slice(o.steps[1].id.span), "b");
        assert_eq!(o.steps[0].cells[1].items[1].text, "Take bags");
        assert_eq!(o.resolve("bags"), Some(Target::Item(0, 1, 1)));
        assert_eq!(o.resolve("a.onstage"), None, "two items: ambiguous");
        assert_eq!(o.resolve("a.onstage.1"), Some(Target::Item(0, 1, 0)));
        assert_eq!(o.resolve("b"), Some(Target::Step(1)));
    }

    #[test]
    fn renames_cover_definitions_and_references() {
        let (source, o) = outline();
        let texts = |t| {
            o.renames(t)
                .into_iter()
                .map(|s| (s.start, source.slice(s).to_string()))
                .collect::<Vec<_>>()
        };
        let a = texts(Target::Step(0));
        assert_eq!(a.len(), 3, "{a:?}");
        assert!(a.iter().all(|(_, t)| t == "a"));
        assert_eq!(texts(Target::Item(0, 1, 1)).len(), 2);
        assert_eq!(texts(Target::Phase(0)).len(), 2);
        let at = TEXT.find("a.onstage.1").unwrap() as u32;
        assert_eq!(o.mention_at(at).map(|m| m.target), Some(Target::Step(0)));
        assert_eq!(
            o.mention_at(at + 4).map(|m| m.target),
            Some(Target::Item(0, 1, 0))
        );
    }

    #[test]
    fn an_escaped_reference_is_followed_but_not_renamed_in_part() {
        let text = format!("{TEXT}  - from: \"a\\x2eonsta\\x67e.1\"\n    to: bags\n");
        let source = Source::new("t.yaml", text.as_str());
        let o = Outline::of(&source).expect("YAML");
        let end = o.flows[2].from.as_ref().expect("from");
        assert_eq!(end.value, "a.onstage.1");
        assert_eq!(o.resolve(&end.value), Some(Target::Item(0, 1, 0)));
        assert_eq!(
            o.renames(Target::Step(0)).len(),
            3,
            "the escaped one is left"
        );
    }
}
