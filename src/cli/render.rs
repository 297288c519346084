//! `blueprint render`: resolves the settings and plans the outputs, renders every input in the
//! batch, then reports each in input order; invalid when a blueprint (or a cut of it) has
//! errors, an I/O failure when an input could not be read or an output not written.

use super::args::RenderArgs;
use super::batch;
use super::file::{self, Rendered};
use super::outcome::{Failure, Outcome};
use super::plan;
use super::report::{RenderCounts, Report};
use super::settings::{self, Plan, RenderSettings, ThemeArg, theme_arg};
use std::sync::Mutex;

/// Runs `render` as `args` ask.
pub fn run(args: RenderArgs) -> Result<Outcome, Failure> {
    // The outputs are planned first: one on standard output sends every report to standard
    // error, the theme file's included.
    let formats = settings::formats(&args.formats);
    let split = args.cut.split_phases;
    let outputs = plan::outputs(
        &args.files,
        args.output.clone(),
        args.out_dir.clone(),
        &formats,
        split,
    )?;
    let mut report = Report::new(args.message_format)
        .stdout_busy(outputs.to_stdout)
        .color(args.color);
    let deny_warnings = args.deny.is_some();
    // A theme file is read once and reported before any blueprint.
    let theme = match args
        .theme
        .as_deref()
        .map(|t| batch::one(&t, |t| theme_arg(t)))
        .transpose()?
    {
        Some(ThemeArg {
            theme,
            report: Some((source, diags)),
        }) => {
            report.diagnostics(&source, &diags)?;
            if diags.has_errors() || (deny_warnings && !diags.0.is_empty()) {
                report.theme_unusable(args.files.len())?;
                return Ok(Outcome::Invalid);
            }
            theme
        }
        Some(t) => t.theme,
        None => None,
    };
    let settings = RenderSettings::new(&args, theme);
    debug_assert_eq!(split, matches!(settings.plan, Plan::SplitPhases(..)));
    let files = args.files;
    // Each input read, checked and its figures named, then every output path claimed once:
    // two outputs of the run on one path refuse the run before anything is written.
    let prepared = batch::run(&files, |input| file::prepare(input, &settings));
    let mut claims = plan::Claims::default();
    for (p, input) in prepared.iter().zip(&files) {
        let Some(p) = p else { continue };
        for (out, figure) in p.outputs(input, &outputs.formats, &outputs.dest) {
            claims.claim(out, input, figure.as_deref())?;
        }
    }
    outputs.dest.make_out_dir()?;
    let jobs: Vec<(&std::path::PathBuf, Mutex<Option<file::Prepared>>)> = files
        .iter()
        .zip(prepared)
        .map(|(input, p)| (input, Mutex::new(p)))
        .collect();
    let results = batch::run(&jobs, |(input, p)| {
        let p = p.lock().ok().and_then(|mut p| p.take())?;
        Some(file::render(
            input,
            p,
            &outputs.formats,
            &outputs.dest,
            &settings,
        ))
    });
    let many = split || files.len() * outputs.formats.len() > 1;
    let mut counts = RenderCounts::default();
    for (r, input) in results.into_iter().zip(&files) {
        let Some(r) = r.flatten() else {
            continue;
        };
        report.rendered(input, &r, many)?;
        count(&mut counts, r);
    }
    report.render_summary(files.len(), &counts, many)?;
    if counts.io_failed > 0 {
        return Err(Failure::Io(format!(
            "{} file(s) could not be read or written",
            counts.io_failed
        )));
    }
    Ok(if counts.invalid > 0 {
        Outcome::Invalid
    } else {
        Outcome::Success
    })
}

/// Adds one input's outcome to `counts`.
fn count(counts: &mut RenderCounts, r: Rendered) {
    if !r.io_errors.is_empty() {
        counts.io_failed += 1;
    } else if r.invalid {
        counts.invalid += 1;
    } else {
        counts.written += 1;
    }
    counts.outputs.extend(r.written);
}
