//! Ids and references: the one index of step and item ids (unique across both), resolution of
//! `STEP.LANE`, `STEP.LANE.N` and item-id references to `ItemId`s, and the link-scheme rule.
//! Uses validator, lanes, keys.

use super::lanes::LaneSet;
use super::validator::Validator;
use crate::diag::{Diagnostic, quote};
use crate::model::{Item, ItemId, Step, StepId};
use crate::parse::Node;
use crate::span::{Span, Spanned};
use foldhash::HashMap;

/// What an id names.
#[derive(Clone, Copy)]
enum Target {
    Step(StepId),
    Item(ItemId),
}

/// Step and item ids, unique across both.
#[derive(Default)]
pub(super) struct Ids {
    map: HashMap<String, (Span, Target)>,
    /// All item ids, in file order, for did-you-mean.
    item_names: Vec<String>,
}

impl Ids {
    fn add(&mut self, v: &mut Validator, id: &Spanned<String>, t: Target) {
        if let Some((first, _)) = self.map.get(&id.value) {
            let d = Diagnostic::error("duplicate-id", format!("duplicate id {}", quote(&id.value)))
                .with_label(id.span, "used again here")
                .with_other(*first, "first used here")
                .with_help("ids must be unique across steps and items: rename one of them");
            v.error(d);
            return;
        }
        self.map.insert(id.value.clone(), (id.span, t));
    }

    pub(super) fn add_step(&mut self, v: &mut Validator, id: &Spanned<String>, s: StepId) {
        self.add(v, id, Target::Step(s));
    }

    /// The step `name` names: `Ok` with its index, `Err(true)` when it is an item's id,
    /// `Err(false)` when nothing has that id.
    pub(super) fn step(&self, name: &str) -> Result<StepId, bool> {
        match self.map.get(name) {
            Some((_, Target::Step(s))) => Ok(*s),
            Some((_, Target::Item(_))) => Err(true),
            None => Err(false),
        }
    }

    pub(super) fn add_item(&mut self, v: &mut Validator, id: &Spanned<String>, i: ItemId) {
        self.item_names.push(id.value.clone());
        self.add(v, id, Target::Item(i));
    }
}

/// Resolves item references against the steps, lanes and ids of one blueprint.
pub(super) struct Resolver<'a> {
    steps: &'a [Step],
    lanes: &'a LaneSet,
    ids: &'a Ids,
    step_names: Vec<&'a str>,
    lane_names: Vec<&'a str>,
}

impl<'a> Resolver<'a> {
    pub(super) fn new(
        steps: &'a [Step],
        lanes: &'a LaneSet,
        _items: &'a [Item],
        ids: &'a Ids,
    ) -> Self {
        Resolver {
            steps,
            lanes,
            ids,
            step_names: steps.iter().map(|s| s.id.value.as_str()).collect(),
            lane_names: lanes.lanes.iter().map(|l| l.id.value.as_str()).collect(),
        }
    }

    /// The item `node` names, or a diagnostic saying why it names none.
    pub(super) fn resolve(&self, v: &mut Validator, node: &Node) -> Option<ItemId> {
        if matches!(
            node.value,
            crate::parse::Value::Seq(_) | crate::parse::Value::Map(_)
        ) {
            v.wrong_type(
                node,
                "a flow end",
                "a reference such as STEP.LANE, STEP.LANE.N or an item id",
            );
            return None;
        }
        let r = v.scalar_text(node);
        let span = node.span;
        let parts: Vec<&str> = r.split('.').collect();
        let unknown = |v: &mut Validator, msg: String, label: &str, help: String| {
            let d = Diagnostic::error("unknown-ref", msg)
                .with_label(span, label.to_string())
                .with_help(help);
            v.error(d);
            None
        };
        match parts.as_slice() {
            [id] => match self.ids.map.get(*id) {
                Some((_, Target::Item(i))) => Some(*i),
                Some((_, Target::Step(s))) => {
                    let step = &self.steps[s.0 as usize];
                    let lanes: Vec<&str> = step
                        .cells
                        .iter()
                        .enumerate()
                        .filter(|(_, c)| !c.is_empty())
                        .map(|(l, _)| self.lane_names[l])
                        .collect();
                    let example = lanes.first().map_or("customer", |l| l);
                    unknown(
                        v,
                        format!("{} names a step, not an item", quote(id)),
                        "a step",
                        format!("name the item as STEP.LANE, for example `{id}.{example}`"),
                    )
                }
                None => {
                    let mut cands: Vec<&str> =
                        self.ids.item_names.iter().map(String::as_str).collect();
                    cands.extend(self.step_names.iter().copied());
                    let help = v.help_for(
                        id,
                        &cands,
                        "name an item as STEP.LANE, STEP.LANE.N (1-based) or by its own `id`"
                            .into(),
                    );
                    unknown(
                        v,
                        format!("no item has the id {}", quote(id)),
                        "unknown item",
                        help,
                    )
                }
            },
            [step, lane] | [step, lane, _] => {
                let Some(&(_, Target::Step(s))) = self.ids.map.get(*step) else {
                    let help = v.help_for(
                        step,
                        &self.step_names,
                        format!("the steps are: {}", short_list(&self.step_names)),
                    );
                    return unknown(
                        v,
                        format!("unknown step {} in {}", quote(step), quote(&r)),
                        "no step has this id",
                        help,
                    );
                };
                let Some(&l) = self.lanes.by_id.get(*lane) else {
                    let help = v.help_for(
                        lane,
                        &self.lane_names,
                        format!("the lanes are: {}", self.lane_names.join(", ")),
                    );
                    return unknown(
                        v,
                        format!("unknown lane {} in {}", quote(lane), quote(&r)),
                        "no lane has this id",
                        help,
                    );
                };
                let cell = &self.steps[s.0 as usize].cells[l.0 as usize];
                if let [_, _, n] = parts.as_slice() {
                    // Plain decimal digits only: `+1` and `01` are not indexes.
                    let digits = !n.is_empty()
                        && n.bytes().all(|b| b.is_ascii_digit())
                        && !n.starts_with('0');
                    let index = digits
                        .then(|| n.parse::<usize>().ok())
                        .flatten()
                        .filter(|&i| i >= 1 && i <= cell.len());
                    match index {
                        Some(i) => Some(cell[i - 1]),
                        None => {
                            let d = Diagnostic::error(
                                "index-out-of-range",
                                format!(
                                    "{} asks for item {} of a cell that holds {}",
                                    quote(&r),
                                    quote(n),
                                    cell.len()
                                ),
                            )
                            .with_label(
                                span,
                                format!("cell {step}.{lane} has {} item(s)", cell.len()),
                            )
                            .with_help(if cell.is_empty() {
                                "this cell is empty: point at another cell".to_string()
                            } else {
                                format!("items are numbered from 1 to {}", cell.len())
                            });
                            v.error(d);
                            None
                        }
                    }
                } else {
                    match cell.len() {
                        1 => Some(cell[0]),
                        0 => unknown(
                            v,
                            format!("cell {} is empty", quote(&r)),
                            "no item in this cell",
                            format!(
                                "step {step} has nothing in lane {lane}: point at another cell"
                            ),
                        ),
                        n => {
                            let d = Diagnostic::error(
                                "ambiguous-ref",
                                format!("{} could be any of {n} items", quote(&r)),
                            )
                            .with_label(span, format!("this cell holds {n} items"))
                            .with_help(format!(
                                "write `{r}.1` … `{r}.{n}`, or give the item an `id` and use it"
                            ));
                            v.error(d);
                            None
                        }
                    }
                }
            }
            _ => unknown(
                v,
                format!("{} is not a reference", quote(&r)),
                "not STEP.LANE, STEP.LANE.N or an item id",
                "name an item as STEP.LANE, STEP.LANE.N (1-based) or by its own `id`".into(),
            ),
        }
    }
}

pub(super) fn short_list(names: &[&str]) -> String {
    if names.len() <= 12 {
        names.join(", ")
    } else {
        format!("{}, … ({} in all)", names[..12].join(", "), names.len())
    }
}

/// Checks a link's scheme the way a browser reads it: leading and trailing whitespace and
/// control characters stripped, tabs and newlines removed anywhere, case folded. Only http,
/// https and mailto pass.
pub(super) fn link_scheme(link: &str) -> Result<(), &'static str> {
    let cleaned: String = link
        .trim_matches(|c: char| c <= ' ' || c.is_whitespace())
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let Some(colon) = cleaned.find(':') else {
        return Err("has no scheme (write it in full, such as https://…)");
    };
    let scheme = &cleaned[..colon];
    if scheme.contains(['/', '?', '#']) {
        return Err("has no scheme (write it in full, such as https://…)");
    }
    let scheme = scheme.to_ascii_lowercase();
    if super::keys::LINK_SCHEMES.contains(&scheme.as_str()) {
        Ok(())
    } else {
        Err("uses a scheme other than http, https or mailto")
    }
}

#[cfg(test)]
mod tests {
    use super::link_scheme;

    #[test]
    fn link_schemes_after_browser_normalisation() {
        assert!(link_scheme("https://example.com").is_ok());
        assert!(link_scheme("  HTTPS://example.com").is_ok());
        assert!(link_scheme("mailto:a@b.c").is_ok());
        assert!(link_scheme("java\tscript:alert(1)").is_err());
        assert!(link_scheme("\u{1}javascript:alert(1)").is_err());
        assert!(link_scheme("JavaScript:alert(1)").is_err());
        assert!(link_scheme("data:text/html,x").is_err());
        assert!(link_scheme("//evil.com").is_err());
        assert!(link_scheme("example.com/a:b").is_err());
        assert!(link_scheme("file:///etc/passwd").is_err());
    }
}
