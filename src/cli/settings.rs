//! What the arguments mean for a run: `--theme` resolved to a built-in or a theme file read and
//! checked, and the [`RenderSettings`] every render of a run shares (theme, PNG and PDF export,
//! font embedding, text mode, `--deny`, and the figures to cut from each input).

use super::args::{CutArgs, OutputFormat, PageName, RenderArgs, usage};
use super::io::read_input;
use super::outcome::Failure;
use blueprint::cut::Cut;
use blueprint::diag::{self, Diagnostics};
use blueprint::span::Source;
use blueprint::theme::Theme;
use blueprint::{Export, Page};
use std::path::Path;

/// What every render in a run shares.
pub struct RenderSettings {
    /// `--theme`, winning over each blueprint's `theme:`.
    pub theme: Option<Theme>,
    pub export: Export,
    /// Embed the font subsets in the SVG output.
    pub embed_font: bool,
    /// The SVG output's text: `<text>` or outlines.
    pub text: blueprint::TextMode,
    /// `--id-prefix`.
    pub id_prefix: Option<String>,
    /// `--notes`: flow notes numbered on their arrows and listed under the legend.
    pub notes: bool,
    pub deny_warnings: bool,
    pub plan: Plan,
    /// A symbolic link at an output path: refused, or followed (`--follow-symlinks`).
    pub links: blueprint::write::Links,
}

impl RenderSettings {
    /// The settings `args` ask for, with `theme` already resolved ([`theme_arg`]).
    pub fn new(args: &RenderArgs, theme: Option<Theme>) -> RenderSettings {
        RenderSettings {
            theme,
            export: Export {
                scale: args
                    .dpi
                    .map_or(args.scale.unwrap_or(2.0), |d| d / blueprint::PX_PER_INCH),
                background: args.background,
                page: match args.page {
                    PageName::Fit => Page::Fit,
                    PageName::A4 => Page::A4,
                    PageName::Letter => Page::Letter,
                },
            },
            embed_font: !args.no_embed_font,
            text: if args.text_as_paths {
                blueprint::TextMode::Paths
            } else {
                blueprint::TextMode::Text
            },
            id_prefix: args.id_prefix.clone(),
            notes: args.notes,
            deny_warnings: args.deny.is_some(),
            plan: plan(&args.cut),
            links: if args.follow_symlinks {
                blueprint::write::Links::Follow
            } else {
                blueprint::write::Links::Refuse
            },
        }
    }
}

/// What each input becomes.
pub enum Plan {
    /// One figure, cut as given (an empty cut keeps everything).
    One(Cut),
    /// One figure per phase, each also cut to these lanes and (format 1.1) this variant.
    SplitPhases(Vec<String>, Option<String>),
}

/// The figures to make of each input: one uncut or cut, or one per phase.
fn plan(cut: &CutArgs) -> Plan {
    if cut.split_phases {
        Plan::SplitPhases(cut.lanes.clone(), cut.variant.clone())
    } else {
        Plan::One(Cut {
            steps: cut.steps.clone(),
            phases: cut.phase.clone(),
            lanes: cut.lanes.clone(),
            variant: cut.variant.clone(),
        })
    }
}

/// The library's format for each `--format`, in the order given.
pub fn formats(formats: &[OutputFormat]) -> Vec<blueprint::Format> {
    formats
        .iter()
        .map(|f| match f {
            OutputFormat::Svg => blueprint::Format::Svg,
            OutputFormat::Png => blueprint::Format::Png,
            OutputFormat::Pdf => blueprint::Format::Pdf,
        })
        .collect()
}

/// `--theme`: a built-in theme, or a theme file read and checked.
pub struct ThemeArg {
    /// The theme, when it could be made (a theme file with errors gives none).
    pub theme: Option<Theme>,
    /// A theme file's source and diagnostics, reported like a blueprint's.
    pub report: Option<(Source, Diagnostics)>,
}

/// Reads `--theme`: a built-in name is that theme; a value with a path separator or a `.yaml` /
/// `.yml` ending is a theme file; anything else is a usage error with a did-you-mean. A file
/// named like a built-in is read only when written as a path (`./dark`).
pub fn theme_arg(value: &str) -> Result<ThemeArg, Failure> {
    use blueprint::validate::keys::{SuggestionBudget, THEMES, did_you_mean};
    if let Some(theme) = Theme::named(value) {
        return Ok(ThemeArg {
            theme: Some(theme),
            report: None,
        });
    }
    let lower = value.to_ascii_lowercase();
    let is_path = value.contains(['/', std::path::MAIN_SEPARATOR])
        || lower.ends_with(".yaml")
        || lower.ends_with(".yml");
    if !is_path {
        let hint = match did_you_mean(
            value,
            THEMES.iter().copied(),
            &mut SuggestionBudget::default(),
        ) {
            Some(s) => format!("did you mean `{s}`? "),
            None => String::new(),
        };
        let msg = format!(
            "unknown theme {}: {hint}the built-in themes are {}; a theme file's name ends in \
             .yaml or .yml",
            diag::quote(value),
            THEMES.join(", ")
        );
        return Err(Failure::Usage(usage(
            clap::error::ErrorKind::InvalidValue,
            msg,
        )));
    }
    let (name, bytes) = read_input(Path::new(value)).map_err(Failure::Io)?;
    let (source, diags, theme) = match blueprint::decode(&name, bytes) {
        Ok(source) => match Theme::from_file(&source) {
            Ok(checked) => (source, checked.warnings, Some(checked.value)),
            Err(d) => (source, d, None),
        },
        Err((source, d)) => (source, d, None),
    };
    Ok(ThemeArg {
        theme,
        report: Some((source, diags)),
    })
}
