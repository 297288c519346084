//! `blueprint check`: checks a `--theme` file, then each file in the order given, and reports
//! every problem; invalid with errors, or with warnings under `--deny warnings`.

use super::args::CheckArgs;
use super::outcome::{Failure, Outcome};
use super::report::{CheckCounts, Report};
use super::settings::theme_arg;
use super::{batch, file};
use blueprint::diag::Diagnostics;

/// Runs `check` as `args` ask.
pub fn run(args: CheckArgs) -> Result<Outcome, Failure> {
    // Parsed where render parses (batch::one): a small main stack cannot hold the parser's
    // recursion in every build.
    let theme = args
        .theme
        .as_deref()
        .map(|t| batch::one(&t, |t| theme_arg(t)))
        .transpose()?;
    let theme = theme.and_then(|t| t.report);
    let deny_warnings = args.deny.is_some();
    let mut report = Report::new(args.format).color(args.color);
    let mut counts = CheckCounts {
        files: args.files.len() + usize::from(theme.is_some()),
        read: 0,
        errors: 0,
        warnings: 0,
        unreadable: false,
        deny_warnings,
    };
    let mut failed = false;
    // Counts one file's diagnostics; true when they fail the check.
    let mut count = |diags: &Diagnostics| {
        let (e, w) = diags.counts();
        counts.read += 1;
        counts.errors += e;
        counts.warnings += w;
        e > 0 || (deny_warnings && w > 0)
    };
    if let Some((source, diags)) = &theme {
        failed |= count(diags);
        report.diagnostics(source, diags)?;
    }
    let mut io_error = None;
    for path in &args.files {
        match batch::one(path, |p| file::check(p)) {
            Ok((source, diags)) => {
                failed |= count(&diags);
                report.diagnostics(&source, &diags)?;
            }
            Err(msg) => {
                report.unreadable(path, &msg)?;
                io_error = Some(msg);
            }
        }
    }
    counts.unreadable = io_error.is_some();
    report.check_summary(&counts)?;
    if let Some(msg) = io_error {
        return Err(Failure::Io(format!(
            "could not read every file (last: {msg})"
        )));
    }
    Ok(if failed {
        Outcome::Invalid
    } else {
        Outcome::Success
    })
}
