//! The types of a cut: what to keep ([`Cut`], with its step ranges), and what a cut gives
//! ([`Cutout`]: the kept blueprint and its [`Stub`]s, each end outside saying where it is).
//! Uses `model` and `span`.

use crate::model::{Blueprint, FlowStyle, ItemId, Zone};
use crate::span::Spanned;

/// A bound of a step range: a 1-based position, as users count columns, or a step id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepRef {
    /// The step at this 1-based position.
    Number(u32),
    /// The step with this id.
    Id(String),
}

/// `A`, `A..B`, `A..` or `..B`: the steps from `A` to `B`, both included; an open end runs to
/// the first or last step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepRange {
    /// First step (`None`: the first of the blueprint).
    pub from: Option<StepRef>,
    /// Last step (`None`: the last of the blueprint).
    pub to: Option<StepRef>,
    /// As written, for messages.
    pub text: String,
}

impl StepRange {
    /// Parses one range as written after `--steps` (the flag splits its value at commas first).
    /// Only the syntax is checked here; whether the steps exist depends on the blueprint. A
    /// token of digits only is a position; anything else must look like an id.
    pub fn parse(s: &str) -> Result<StepRange, String> {
        let text = s.trim();
        let bound = |b: &str| -> Result<Option<StepRef>, String> {
            let b = b.trim();
            if b.is_empty() {
                return Ok(None);
            }
            if b.bytes().all(|c| c.is_ascii_digit()) {
                return match b.parse::<u32>() {
                    Ok(0) => Err("steps are counted from 1 (the first column is 1)".into()),
                    Ok(n) => Ok(Some(StepRef::Number(n))),
                    Err(_) => Err(format!("{b} is not a step number")),
                };
            }
            let id_like = b
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_');
            if !id_like {
                return Err(format!(
                    "{b:?} is neither a step number nor a step id; write ranges as 3..9 or \
                     checkin..checkout, several separated by commas"
                ));
            }
            // `3-9` is a valid id, but almost surely meant as a range.
            if let Some((a, z)) = b.split_once('-')
                && !a.is_empty()
                && !z.is_empty()
                && a.bytes().chain(z.bytes()).all(|c| c.is_ascii_digit())
            {
                return Err(format!("write a range of steps with two dots: {a}..{z}"));
            }
            Ok(Some(StepRef::Id(b.to_string())))
        };
        if text.is_empty() {
            return Err("an empty step range; write 3..9, 4, 5.., ..6 or checkin..checkout".into());
        }
        let (from, to) = match text.split_once("..") {
            Some((a, z)) => (bound(a)?, bound(z)?),
            None => {
                let b = bound(text)?;
                (b.clone(), b)
            }
        };
        if let (Some(StepRef::Number(a)), Some(StepRef::Number(z))) = (&from, &to)
            && a > z
        {
            return Err(format!(
                "a range runs from the lower step to the higher: {z}..{a}"
            ));
        }
        Ok(StepRange {
            from,
            to,
            text: text.to_string(),
        })
    }
}

/// What to keep. Empty lists keep everything of their kind.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cut {
    /// Step ranges (`--steps`), added up.
    pub steps: Vec<StepRange>,
    /// Phases by id or label (`--phase`), added up.
    pub phases: Vec<String>,
    /// Lanes by lane id, or zone key for every lane of a zone (`--lanes`).
    pub lanes: Vec<String>,
    /// One variant by id (`--variant`, format 1.1), cut first (`cut/variant.rs`).
    pub variant: Option<String>,
}

impl Cut {
    /// True when the cut keeps everything.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
            && self.phases.is_empty()
            && self.lanes.is_empty()
            && self.variant.is_none()
    }
}

/// Where an outside end lies, along one axis (columns or lanes), relative to the cut.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    /// On a kept step or lane: its index in the cut blueprint.
    Kept(u32),
    /// In an omitted run, which lies just before the kept step or lane `at` (the number of
    /// kept ones before it: `at` = count means after the last).
    Gap {
        /// Kept steps or lanes before the run.
        at: u32,
        /// What a stand-in for the run is called ("Steps 10–30", "Other lanes").
        name: String,
        /// The ids of the run: `FIRST..LAST` for steps (`ID` for one), `ID,ID` for lanes.
        ids: String,
    },
}

/// The end of a stub outside the cut.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outside {
    /// The item's name in `data-*` attributes (its own id, else `STEP.LANE.N`).
    pub item: String,
    /// Its step's id.
    pub step: String,
    /// Its lane's id.
    pub lane: String,
    /// Its lane's zone.
    pub zone: Zone,
    /// Its step, column-wise.
    pub column: Place,
    /// Its lane, row-wise.
    pub row: Place,
    /// Sort key among stand-ins sharing a cell: step, lane and cell position in the blueprint.
    pub order: (u32, u32, u32),
    /// The words on its stand-in: where it is ("to Check-out (step 12)"), the same for every
    /// stub of this item.
    pub text: String,
}

/// A flow with one end in the cut and the other outside.
#[derive(Clone, Debug)]
pub struct Stub {
    /// The end inside the cut: an item of the cut blueprint.
    pub inside: ItemId,
    /// True when the flow leaves the cut (the inside end is its `from`).
    pub outgoing: bool,
    /// The other end.
    pub outside: Outside,
    /// The flow's label.
    pub label: Option<Spanned<String>>,
    /// Solid or dashed.
    pub style: FlowStyle,
    /// Arrowheads at both ends.
    pub both: bool,
}

/// A cut blueprint and its stubs.
#[derive(Clone, Debug)]
pub struct Cutout {
    /// The kept part, a valid blueprint; its subtitle says what the cut is.
    pub blueprint: Blueprint,
    /// Flows leaving or entering the cut, in flow order.
    pub stubs: Vec<Stub>,
    /// The variant cut to (`--variant`, format 1.1): its id.
    pub variant: Option<String>,
}
