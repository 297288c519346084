//! `--split-phases`: one cut per phase that has steps, each named by its phase. Uses the cut's
//! types, `model` and `diag`.

use super::types::Cut;
use crate::diag::{Checked, Diagnostic, Diagnostics};
use crate::model::{Blueprint, Step};

/// One cut per phase that has steps, named by the phase id, for `--split-phases`; `lanes` is
/// kept in each. Warns about steps in no phase (they are in no figure); an error when no phase
/// has a step.
pub fn split_phases(
    bp: &Blueprint,
    lanes: &[String],
) -> Result<Checked<Vec<(String, Cut)>>, Diagnostics> {
    let cuts: Vec<(String, Cut)> = bp
        .phases
        .iter()
        .filter(|p| p.steps.is_some())
        .map(|p| {
            (
                p.id.value.clone(),
                Cut {
                    steps: Vec::new(),
                    phases: vec![p.id.value.clone()],
                    lanes: lanes.to_vec(),
                    ..Cut::default()
                },
            )
        })
        .collect();
    if cuts.is_empty() {
        let d = Diagnostic::error(
            "cut-empty",
            if bp.phases.is_empty() {
                "--split-phases: this blueprint has no phases"
            } else {
                "--split-phases: no step is in any phase"
            },
        )
        .with_label(
            bp.phases.first().map_or(bp.title.span, |p| p.id.span),
            "nothing to split",
        )
        .with_help("give steps `phase: ID`, or cut by step: --steps 3..9");
        return Err(Diagnostics::one(d));
    }
    // One file per phase, each written and synced: bounded before any is drawn.
    if cuts.len() > crate::limits::MAX_SPLIT_FIGURES {
        let d = Diagnostic::error(
            "limit-exceeded",
            format!(
                "--split-phases would write {} figures, over the limit of {} \
                 (MAX_SPLIT_FIGURES)",
                cuts.len(),
                crate::limits::MAX_SPLIT_FIGURES
            ),
        )
        .with_label(
            bp.phases
                .get(crate::limits::MAX_SPLIT_FIGURES)
                .map_or(bp.title.span, |p| p.id.span),
            "one phase too many",
        )
        .with_help("cut the phases you need with --phase ID, a few at a time");
        return Err(Diagnostics::one(d));
    }
    let mut warnings = Diagnostics::default();
    let loose: Vec<&Step> = bp.steps.iter().filter(|s| s.phase.is_none()).collect();
    if let Some(first) = loose.first() {
        let names: Vec<&str> = loose.iter().take(8).map(|s| s.id.value.as_str()).collect();
        let more = if loose.len() > names.len() {
            ", …"
        } else {
            ""
        };
        warnings.push(
            Diagnostic::warning(
                "cut-steps-left-out",
                format!(
                    "--split-phases: {} in no phase {} in no figure ({}{more})",
                    if loose.len() == 1 {
                        "1 step".to_string()
                    } else {
                        format!("{} steps", loose.len())
                    },
                    if loose.len() == 1 { "is" } else { "are" },
                    names.join(", ")
                ),
            )
            .with_label(first.id.span, "in no phase")
            .with_help("give these steps a `phase:`, or render them with --steps"),
        );
    }
    Ok(Checked {
        value: cuts,
        warnings,
    })
}
