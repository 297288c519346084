//! One input's run: read and check it ([`check`]), or read, check and name its figures
//! ([`prepare`]: the run's output paths are known, and checked, before any is written), then
//! cut, lay out, render and write each in each format ([`render`]). Prints nothing: what happened comes
//! back as a value for `report`, so a batch's workers never interleave their output.

use super::io::read_input;
use super::plan::{Dest, cut_name, same_file};
use super::settings::{Plan, RenderSettings};
use blueprint::cut::Cut;
use blueprint::diag::Diagnostics;
use blueprint::span::Source;
use std::path::{Path, PathBuf};

/// Parses and validates one file: its source and diagnostics (errors or warnings), or a
/// message saying why it could not be read.
pub fn check(path: &Path) -> Result<(Source, Diagnostics), String> {
    let (name, bytes) = read_input(path)?;
    let source = match blueprint::decode(&name, bytes) {
        Ok(s) => s,
        Err((s, d)) => return Ok((s, d)),
    };
    let diags = match blueprint::check(&source) {
        Ok(checked) => checked.warnings,
        Err(d) => d,
    };
    Ok((source, diags))
}

/// The outcome of rendering one input, printed in input order.
pub struct Rendered {
    pub source: Option<Source>,
    pub diags: Diagnostics,
    /// The input could not be read, or an output could not be made or written (one message
    /// each, naming the path).
    pub io_errors: Vec<String>,
    /// The outputs written, with their format.
    pub written: Vec<(blueprint::Format, PathBuf)>,
    pub missing_glyphs: Vec<char>,
    /// The blueprint has errors, or the cut does not fit it (or warnings under `--deny
    /// warnings`): nothing written.
    pub invalid: bool,
}

/// One input read, checked and cut into named figures, not drawn yet: the names of its outputs
/// are known here, so a run can refuse two outputs with one path before writing any.
pub struct Prepared {
    r: Rendered,
    /// The blueprint and its figures (name suffix, cut); `None` when nothing is to be drawn
    /// (unreadable, invalid, or a `--split-phases` that finds no phase).
    figures: Option<(blueprint::model::Blueprint, Vec<NamedCut>)>,
}

/// A figure to make: its name suffix (a phase when split, else the cut's, if any) and its cut.
type NamedCut = (Option<String>, Cut);

impl Prepared {
    /// Every output this input is to write, with the figure it is of, in the order written.
    pub fn outputs(
        &self,
        input: &Path,
        formats: &[blueprint::Format],
        dest: &Dest,
    ) -> Vec<(PathBuf, Option<String>)> {
        let Some((_, cuts)) = &self.figures else {
            return Vec::new();
        };
        cuts.iter()
            .flat_map(|(figure, _)| {
                formats
                    .iter()
                    .map(move |&f| (dest.path(input, f, figure.as_deref()), figure.clone()))
            })
            .collect()
    }
}

/// Reads and checks `input` and names its figures (one, or one per phase), drawing nothing.
pub fn prepare(input: &Path, settings: &RenderSettings) -> Prepared {
    let mut p = Prepared {
        r: Rendered {
            source: None,
            diags: Diagnostics::default(),
            io_errors: Vec::new(),
            written: Vec::new(),
            missing_glyphs: Vec::new(),
            invalid: false,
        },
        figures: None,
    };
    let r = &mut p.r;
    let (name, bytes) = match read_input(input) {
        Ok(x) => x,
        Err(m) => {
            r.io_errors.push(m);
            return p;
        }
    };
    let source = match blueprint::decode(&name, bytes) {
        Ok(s) => s,
        Err((s, d)) => {
            r.source = Some(s);
            r.diags = d;
            r.invalid = true;
            return p;
        }
    };
    let checked = blueprint::check(&source);
    r.source = Some(source);
    let checked = match checked {
        Ok(c) => c,
        Err(d) => {
            r.diags = d;
            r.invalid = true;
            return p;
        }
    };
    r.diags = checked.warnings;
    let bp = checked.value;
    let cuts: Vec<NamedCut> = match &settings.plan {
        Plan::One(cut) => vec![(cut_name(&bp, cut), cut.clone())],
        Plan::SplitPhases(lanes, variant) => match blueprint::cut::split_phases(&bp, lanes) {
            Ok(c) => {
                r.diags.0.extend(c.warnings.0);
                // Named as `--phase` would name the same cut, lanes included, so two runs
                // never write different figures to one name. With a variant, a phase none of
                // whose steps is in it has no figure.
                c.value
                    .into_iter()
                    .map(|(_, cut)| blueprint::cut::Cut {
                        variant: variant.clone(),
                        ..cut
                    })
                    .filter(|cut| blueprint::cut::phases_in_variant(&bp, cut))
                    .map(|cut| (cut_name(&bp, &cut), cut))
                    .collect()
            }
            Err(d) => {
                r.diags.0.extend(d.0);
                r.invalid = true;
                return p;
            }
        },
    };
    p.figures = Some((bp, cuts));
    p
}

/// Renders each figure of a [`prepare`]d `input` to SVG and writes it in each of `formats`;
/// one output failing (a PNG over the pixel limit, say) does not stop the others. A cut that
/// does not fit the blueprint is reported like the blueprint's own errors, and nothing of the
/// input is written. Each figure is drawn, written and dropped before the next is drawn, so
/// `--split-phases` holds one figure at a time (20,000 phases held all 20,000 until the end).
pub fn render(
    input: &Path,
    prepared: Prepared,
    formats: &[blueprint::Format],
    dest: &Dest,
    settings: &RenderSettings,
) -> Rendered {
    let Prepared { mut r, figures: f } = prepared;
    let Some((bp, cuts)) = f else {
        return r;
    };
    let items = bp.items.len();
    if !cuts_fit(&bp, &cuts, settings, &mut r) {
        r.invalid = true;
        blueprint::discard(bp, items);
        return r;
    }
    // The SVG as asked, and for PNG and PDF the SVG they are drawn from when it differs
    // (`render_for`), from one layout.
    let options = blueprint::Options {
        theme: settings.theme.clone(),
        measure: blueprint::text::Measure::new(),
        embed_font: settings.embed_font,
        text: settings.text,
        id_prefix: settings.id_prefix.clone(),
        notes: settings.notes,
    };
    for (figure, cut) in cuts {
        match blueprint::render_for(&bp, &cut, &options, formats) {
            Ok(drawn) => {
                r.diags.0.extend(drawn.warnings.0);
                write_figure(
                    input,
                    figure.as_deref(),
                    &drawn.value,
                    formats,
                    dest,
                    settings,
                    &mut r,
                );
                blueprint::discard(drawn.value, items);
            }
            // Checked by `cuts_fit` already; should it fail anyway, nothing more is drawn.
            Err(d) => {
                r.diags.0.extend(d.0);
                r.diags.cap();
                r.invalid = true;
                break;
            }
        }
    }
    r.missing_glyphs = options.measure.missing_glyphs();
    blueprint::discard(bp, items);
    r
}

/// Whether every cut fits `bp` and, under `--deny warnings`, nothing warns: checked before any
/// figure is drawn, so that nothing of the input is written when one does not. The problems go
/// to `r.diags`. One figure is checked as it is drawn; several are cut here first (a cut is a
/// fraction of drawing it), their warnings kept only when they fail the input.
fn cuts_fit(
    bp: &blueprint::model::Blueprint,
    cuts: &[NamedCut],
    settings: &RenderSettings,
    r: &mut Rendered,
) -> bool {
    let mut warnings = Diagnostics::default();
    if cuts.len() > 1 || settings.deny_warnings {
        for (_, cut) in cuts {
            match blueprint::cut::apply(bp, cut) {
                Ok(c) => warnings.0.extend(c.warnings.0),
                // Every figure shares the lanes, the only part of a split cut that can fail:
                // the first figure's problems are all there are.
                Err(d) => {
                    r.diags.0.extend(d.0);
                    // The blueprint's warnings and the cut's errors, capped as one list.
                    r.diags.cap();
                    return false;
                }
            }
        }
    }
    if settings.deny_warnings && !(r.diags.0.is_empty() && warnings.0.is_empty()) {
        r.diags.0.extend(warnings.0);
        return false;
    }
    true
}

/// Writes one drawn figure of `input` in each of `formats`, recording what was written and
/// what failed in `r`.
fn write_figure(
    input: &Path,
    figure: Option<&str>,
    drawn: &blueprint::Drawn,
    formats: &[blueprint::Format],
    dest: &Dest,
    settings: &RenderSettings,
    r: &mut Rendered,
) {
    // The whole text for PNG and PDF, joined once for both.
    let mut whole: Option<String> = None;
    for &format in formats {
        let svg = match format {
            blueprint::Format::Svg => &drawn.svg,
            _ => drawn.for_raster(),
        };
        let out = dest.path(input, format, figure);
        if input.as_os_str() != "-" && same_file(input, &out) {
            r.io_errors.push(format!(
                "{}: the output would overwrite the input",
                out.display()
            ));
            continue;
        }
        // The SVG goes out in the pieces it was written in; PNG and PDF are drawn from the
        // whole text, once the layout says they fit.
        let written = match format {
            blueprint::Format::Svg => match &drawn.refused {
                Some(m) => Err(format!("{}: {m}", out.display())),
                None => blueprint::write::atomic_parts(&out, &svg.byte_parts(), settings.links),
            },
            _ => blueprint::raster_fits(&drawn.work, format, &settings.export)
                .and_then(|()| {
                    blueprint::export(
                        whole.get_or_insert_with(|| svg.to_string()),
                        format,
                        &settings.export,
                    )
                })
                .map_err(|m| format!("{}: {m}", out.display()))
                .and_then(|bytes| blueprint::write::atomic(&out, &bytes, settings.links)),
        };
        match written {
            Ok(()) => r.written.push((format, out)),
            Err(m) => r.io_errors.push(m),
        }
    }
}
