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
        Plan::SplitPhases(lanes) => match blueprint::cut::split_phases(&bp, lanes) {
            Ok(c) => {
                r.diags.0.extend(c.warnings.0);
                // Named as `--phase` would name the same cut, lanes included, so two runs
                // never write different figures to one name.
                c.value
                    .into_iter()
                    .map(|(_, cut)| (cut_name(&bp, &cut), cut))
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
/// input is written.
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
    let figures = figures(bp, cuts, settings, formats, &mut r);
    let Some((figures, items)) = figures else {
        r.invalid = true;
        return r;
    };
    if settings.deny_warnings && !r.diags.0.is_empty() {
        r.invalid = true;
        return r;
    }
    for (figure, drawn) in &figures {
        // The whole text for PNG and PDF, joined once for both.
        let mut whole: Option<String> = None;
        for &format in formats {
            let svg = match format {
                blueprint::Format::Svg => &drawn.svg,
                _ => drawn.for_raster(),
            };
            let out = dest.path(input, format, figure.as_deref());
            if input.as_os_str() != "-" && same_file(input, &out) {
                r.io_errors.push(format!(
                    "{}: the output would overwrite the input",
                    out.display()
                ));
                continue;
            }
            // The SVG goes out in the pieces it was written in; PNG and PDF are drawn from
            // the whole text.
            let written = match format {
                blueprint::Format::Svg => {
                    blueprint::write::atomic_parts(&out, &svg.byte_parts(), settings.links)
                }
                // Checked from the layout before the SVG is joined and parsed.
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
    blueprint::discard(figures, items);
    r
}

/// Each figure of `source`: its name suffix (a phase when split, else the cut's, if any) and
/// its SVGs.
type Figure = (Option<String>, blueprint::Drawn);

/// The SVG of each of the figures `cuts` of `bp`, and the blueprint's number of items (which
/// decides where [`blueprint::discard`] frees what was made from it); `None` when a cut has
/// errors (they, and any warnings, go to `r.diags`).
fn figures(
    bp: blueprint::model::Blueprint,
    cuts: Vec<NamedCut>,
    settings: &RenderSettings,
    formats: &[blueprint::Format],
    r: &mut Rendered,
) -> Option<(Vec<Figure>, usize)> {
    // The SVG as asked, and for PNG and PDF the SVG they are drawn from when it differs
    // (`render_for`), from one layout.
    let options = blueprint::Options {
        theme: settings.theme.clone(),
        measure: blueprint::text::Measure::new(),
        embed_font: settings.embed_font,
        text: settings.text,
    };
    let mut figures = Vec::with_capacity(cuts.len());
    for (figure, cut) in cuts {
        let drawn = blueprint::render_for(&bp, &cut, &options, formats);
        match drawn {
            Ok(drawn) => {
                r.diags.0.extend(drawn.warnings.0);
                figures.push((figure, drawn.value));
            }
            // Every figure shares the lanes, the only part of a split cut that can fail: the
            // first figure's problems are all there are.
            Err(d) => {
                r.diags.0.extend(d.0);
                // The blueprint's warnings and the cut's errors, capped as one list.
                r.diags.cap();
                return None;
            }
        }
    }
    r.missing_glyphs = options.measure.missing_glyphs();
    let items = bp.items.len();
    blueprint::discard(bp, items);
    Some((figures, items))
}
