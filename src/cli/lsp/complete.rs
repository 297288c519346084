//! Completion: keys from the format's key tables (`validate::keys`, the tables validation and
//! the schema use) and the lanes the blueprint has, enum values, phase ids at `phase:`, and item
//! references at a flow's `from:` and `to:` from the blueprint's outline.

use super::context::{Mapping, Place};
use blueprint::outline::Outline;
use blueprint::validate::keys::{self, Key, Kind};
use lsp_types::{CompletionItem, CompletionItemKind};

/// The completions at `place`; `outline` is the latest one read (perhaps of an earlier text,
/// when the current one is not YAML).
pub fn items(place: &Place, outline: Option<&Outline>) -> Vec<CompletionItem> {
    match place {
        Place::Key { mapping, present } => keys_of(*mapping, outline)
            .into_iter()
            .filter(|i| !present.contains(&i.label))
            .collect(),
        Place::Value { mapping, key } => values(*mapping, key, outline),
    }
}

fn table(mapping: Mapping) -> &'static [Key] {
    match mapping {
        Mapping::Top => keys::TOP,
        Mapping::Phase => keys::PHASE,
        Mapping::Lane => keys::LANE,
        Mapping::Step => keys::STEP,
        Mapping::Item => keys::ITEM,
        Mapping::Flow => keys::FLOW,
    }
}

fn keys_of(mapping: Mapping, outline: Option<&Outline>) -> Vec<CompletionItem> {
    // Format 1.1's keys not drawn yet are refused (`not-yet-supported`): never offered.
    let mut out: Vec<CompletionItem> = table(mapping)
        .iter()
        .filter(|k| !matches!(k.kind, Kind::NotYet))
        .map(|k| CompletionItem {
            label: k.name.to_string(),
            kind: Some(CompletionItemKind::PROPERTY),
            detail: Some(k.doc.to_string()),
            insert_text: Some(format!("{}:", k.name)),
            ..CompletionItem::default()
        })
        .collect();
    if mapping == Mapping::Step {
        let standard: Vec<String> = keys::ZONES.iter().map(|z| z.to_string()).collect();
        let lanes = outline.map_or(standard, |o| {
            o.lanes.iter().map(|l| l.value.clone()).collect()
        });
        out.extend(lanes.into_iter().map(|lane| CompletionItem {
            insert_text: Some(format!("{lane}:")),
            label: lane,
            kind: Some(CompletionItemKind::FIELD),
            detail: Some("lane".to_string()),
            ..CompletionItem::default()
        }));
    }
    out
}

fn values(mapping: Mapping, key: &str, outline: Option<&Outline>) -> Vec<CompletionItem> {
    let Some(k) = table(mapping).iter().find(|k| k.name == key) else {
        return Vec::new();
    };
    let simple = |label: String, kind| CompletionItem {
        label,
        kind: Some(kind),
        ..CompletionItem::default()
    };
    match k.kind {
        Kind::Enum(words) => words
            .iter()
            .map(|w| simple(w.to_string(), CompletionItemKind::ENUM_MEMBER))
            .collect(),
        Kind::Bool => ["true", "false"]
            .iter()
            .map(|w| simple(w.to_string(), CompletionItemKind::VALUE))
            .collect(),
        Kind::Int(lo, hi) => (lo..=hi)
            .map(|n| simple(n.to_string(), CompletionItemKind::VALUE))
            .collect(),
        Kind::PhaseRef => outline.map_or_else(Vec::new, |o| {
            o.phases
                .iter()
                .map(|p| CompletionItem {
                    label: p.id.value.clone(),
                    kind: Some(CompletionItemKind::REFERENCE),
                    detail: p.label.as_ref().map(|l| l.value.clone()),
                    ..CompletionItem::default()
                })
                .collect()
        }),
        Kind::StepRef => outline.map_or_else(Vec::new, |o| {
            o.steps
                .iter()
                .map(|s| CompletionItem {
                    label: s.id.value.clone(),
                    kind: Some(CompletionItemKind::REFERENCE),
                    detail: s.label.as_ref().map(|l| l.value.clone()),
                    ..CompletionItem::default()
                })
                .collect()
        }),
        Kind::ItemRef => outline.map_or_else(Vec::new, references),
        _ => Vec::new(),
    }
}

/// Every name a flow end can use: each item's own id, and `STEP.LANE` for a cell of one item
/// or `STEP.LANE.N` for each item of a fuller one, in file order, with the item's text.
fn references(o: &Outline) -> Vec<CompletionItem> {
    let mut out = Vec::new();
    let item = |label: String, text: &str| CompletionItem {
        label,
        kind: Some(CompletionItemKind::REFERENCE),
        detail: Some(text.to_string()),
        ..CompletionItem::default()
    };
    for step in &o.steps {
        for cell in &step.cells {
            let one = cell.items.len() == 1;
            for (n, it) in cell.items.iter().enumerate() {
                if let Some(id) = &it.id {
                    out.push(item(id.value.clone(), &it.text));
                }
                let name = if one {
                    format!("{}.{}", step.id.value, cell.lane.value)
                } else {
                    format!("{}.{}.{}", step.id.value, cell.lane.value, n + 1)
                };
                out.push(item(name, &it.text));
            }
        }
    }
    out
}
