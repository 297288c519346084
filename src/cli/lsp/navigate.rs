//! Hover, go to definition, references, rename and document symbols, all from a document's
//! outline: what the id or reference under the cursor names, and every place that names it.

use super::lines::Lines;
use blueprint::outline::{Mention, Outline, Target};
use blueprint::span::Span;
use lsp_types::{
    DocumentSymbol, Hover, HoverContents, Location, MarkupContent, MarkupKind, Position, Range,
    SymbolKind, TextEdit, Uri, WorkspaceEdit,
};

/// A document as the requests here read it.
pub struct View<'d> {
    pub uri: &'d Uri,
    pub text: &'d str,
    pub lines: &'d Lines,
    pub outline: &'d Outline,
}

impl View<'_> {
    fn range(&self, span: Span) -> Range {
        self.lines.range(self.text, span)
    }

    fn at(&self, pos: Position) -> Option<Mention> {
        let offset = self.lines.offset(self.text, pos);
        self.outline.mention_at(u32::try_from(offset).ok()?)
    }

    /// Where the target's id is defined: a phase's or step's id, an item's own id or else the
    /// item as written.
    fn definition_span(&self, t: Target) -> Option<Span> {
        let o = self.outline;
        Some(match t {
            Target::Phase(p) => o.phases.get(p)?.id.span,
            Target::Step(s) => o.steps.get(s)?.id.span,
            t => {
                let item = o.item_def(t)?;
                item.id.as_ref().map_or(item.span, |i| i.span)
            }
        })
    }

    /// What the id or reference at `pos` names, in Markdown.
    pub fn hover(&self, pos: Position) -> Option<Hover> {
        let m = self.at(pos)?;
        let o = self.outline;
        let text = match m.target {
            Target::Phase(p) => {
                let phase = &o.phases[p];
                let steps: Vec<&str> = (o.steps.iter())
                    .filter(|s| s.phase.as_ref().is_some_and(|r| r.value == phase.id.value))
                    .map(|s| s.id.value.as_str())
                    .collect();
                let label = phase
                    .label
                    .as_ref()
                    .map_or(String::new(), |l| format!(": {}", l.value));
                format!(
                    "phase `{}`{label}\n\n{} step(s): {}",
                    phase.id.value,
                    steps.len(),
                    steps.join(", ")
                )
            }
            Target::Step(s) => {
                let step = &o.steps[s];
                let label = step
                    .label
                    .as_ref()
                    .map_or(String::new(), |l| format!(": {}", l.value));
                let cells: Vec<String> = (step.cells.iter())
                    .filter(|c| !c.items.is_empty())
                    .map(|c| format!("{} ({})", c.lane.value, c.items.len()))
                    .collect();
                format!(
                    "step `{}`{label}\n\nlanes: {}",
                    step.id.value,
                    cells.join(", ")
                )
            }
            Target::Item(s, c, i) => {
                let (step, cell) = (&o.steps[s], &o.steps[s].cells[c]);
                let item = &cell.items[i];
                let id = item
                    .id
                    .as_ref()
                    .map_or(String::new(), |id| format!(", id `{}`", id.value));
                format!(
                    "**{}**\n\nitem {} of {} in step `{}`, lane `{}`{id}",
                    item.text.trim(),
                    i + 1,
                    cell.items.len(),
                    step.id.value,
                    cell.lane.value
                )
            }
        };
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: text.trim_end().to_string(),
            }),
            range: Some(self.range(m.span)),
        })
    }

    /// Where the id or reference at `pos` is defined.
    pub fn definition(&self, pos: Position) -> Option<Location> {
        let m = self.at(pos)?;
        let span = self.definition_span(m.target)?;
        Some(Location::new(self.uri.clone(), self.range(span)))
    }

    /// Every mention of what is at `pos`, its definition if `declaration`.
    pub fn references(&self, pos: Position, declaration: bool) -> Vec<Location> {
        let Some(m) = self.at(pos) else {
            return Vec::new();
        };
        let mut spans: Vec<Span> = (self.outline.mentions().into_iter())
            .filter(|x| x.target == m.target && (declaration || !x.definition))
            .map(|x| x.span)
            .collect();
        spans.sort();
        spans.dedup();
        (spans.into_iter())
            .map(|s| Location::new(self.uri.clone(), self.range(s)))
            .collect()
    }

    /// The id at `pos` that a rename would change, with its current text; `None` when the
    /// cursor is on no id (an item named `STEP.LANE.N` has no id to rename).
    pub fn rename_target(&self, pos: Position) -> Option<(Target, Range, String)> {
        let m = self.at(pos)?;
        if !m.by_id {
            return None;
        }
        let span = m.span;
        let old = self.text.get(span.start as usize..span.end as usize)?;
        Some((m.target, self.range(span), old.to_string()))
    }

    /// The edit that renames what is at `pos` to `new`, or why it cannot.
    // `WorkspaceEdit::changes` is keyed by `Uri`, which caches parts of itself in cells; the map
    // is built once here and never changed, so its keys' hashes cannot go stale.
    #[allow(clippy::mutable_key_type)]
    pub fn rename(&self, pos: Position, new: &str) -> Result<WorkspaceEdit, String> {
        let (target, _, old) = self
            .rename_target(pos)
            .ok_or("there is no step, item or phase id here")?;
        let valid = !new.is_empty()
            && new
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if !valid {
            return Err(format!(
                "`{new}` is not an id: use letters, digits, `_` and `-`"
            ));
        }
        let o = self.outline;
        let taken = match target {
            Target::Phase(_) => o.phase(new).is_some(),
            _ => o.step(new).is_some() || o.item(new).is_some(),
        };
        if taken && new != old {
            return Err(format!("`{new}` is already an id in this blueprint"));
        }
        let edits: Vec<TextEdit> = (o.renames(target).into_iter())
            .map(|s| TextEdit::new(self.range(s), new.to_string()))
            .collect();
        let changes = std::iter::once((self.uri.clone(), edits)).collect();
        Ok(WorkspaceEdit::new(changes))
    }

    /// The phases, then the steps, each with its label.
    pub fn symbols(&self) -> Vec<DocumentSymbol> {
        let o = self.outline;
        let phases = o.phases.iter().map(|p| {
            let label = p.label.as_ref().map(|l| l.value.clone());
            self.symbol(&p.id.value, label, SymbolKind::NAMESPACE, p.span, p.id.span)
        });
        let steps = o.steps.iter().map(|s| {
            let label = s.label.as_ref().map(|l| l.value.clone());
            self.symbol(&s.id.value, label, SymbolKind::EVENT, s.span, s.id.span)
        });
        phases.chain(steps).collect()
    }

    fn symbol(
        &self,
        name: &str,
        detail: Option<String>,
        kind: SymbolKind,
        whole: Span,
        id: Span,
    ) -> DocumentSymbol {
        #[allow(deprecated)] // `deprecated` is a required field of the struct, itself deprecated
        DocumentSymbol {
            name: name.to_string(),
            detail,
            kind,
            tags: None,
            deprecated: None,
            range: self.range(whole),
            selection_range: self.range(id),
            children: None,
        }
    }
}
