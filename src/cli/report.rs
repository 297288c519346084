//! Everything a run prints about its inputs: each file's diagnostics in the chosen
//! `--message-format` (human via miette on standard error, GitHub annotations on standard output,
//! JSON gathered into one document printed at the end) — [`Report::diagnostics`] is the one
//! place that prints them — and the lines and summaries around them.

use super::args::{ColorChoice, MessageFormat};
use super::file::Rendered;
use super::io::write_stdout;
use super::outcome::Failure;
use blueprint::diag::{self, Diagnostics, Style};
use blueprint::span::Source;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// A run's report, in one format.
pub struct Report {
    format: MessageFormat,
    /// Every diagnostic so far, in JSON, for the document printed at the end.
    json: Vec<serde_json::Value>,
    /// The files that could not be read, in JSON (`check` prints them in its document).
    unreadable: Vec<serde_json::Value>,
    /// Standard output carries a rendered output (`-o -`): every report goes to standard error.
    stdout_busy: bool,
    /// The human report's colour: `--color`.
    color: ColorChoice,
}

/// What `check` found, for its summary.
pub struct CheckCounts {
    /// Files named, the theme file included.
    pub files: usize,
    /// Files read.
    pub read: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Some file could not be read.
    pub unreadable: bool,
    /// `--deny warnings`: a warning fails the check.
    pub deny_warnings: bool,
}

/// What `render` did, for its summary.
#[derive(Default)]
pub struct RenderCounts {
    /// Inputs whose every output was written.
    pub written: usize,
    /// Inputs with errors (nothing written).
    pub invalid: usize,
    /// Inputs that could not be read, or some output of which could not be written.
    pub io_failed: usize,
    /// Every output written, with its format.
    pub outputs: Vec<(blueprint::Format, PathBuf)>,
}

impl Report {
    /// An empty report in `format`.
    pub fn new(format: MessageFormat) -> Report {
        Report {
            format,
            json: Vec::new(),
            unreadable: Vec::new(),
            stdout_busy: false,
            color: ColorChoice::Auto,
        }
    }

    /// The same report, coloured as `--color` says.
    pub fn color(self, color: ColorChoice) -> Report {
        Report { color, ..self }
    }

    /// The same report, kept off standard output when `busy` (it carries a rendered output):
    /// GitHub annotations and the JSON document go to standard error instead.
    pub fn stdout_busy(self, busy: bool) -> Report {
        Report {
            stdout_busy: busy,
            ..self
        }
    }

    /// Prints `text` where the report's machine-readable output goes: standard output, or
    /// standard error when standard output carries a rendered output.
    fn print_out(&self, text: &str) -> Result<(), Failure> {
        if self.stdout_busy {
            eprint!("{text}");
            Ok(())
        } else {
            write_stdout(text.as_bytes())
        }
    }

    /// Prints `diags` of `source`: human at once on standard error, GitHub annotations at once
    /// on standard output (standard error when it carries a rendered output), JSON kept for the
    /// document at the end.
    pub fn diagnostics(&mut self, source: &Source, diags: &Diagnostics) -> Result<(), Failure> {
        match self.format {
            MessageFormat::Human if !diags.0.is_empty() => {
                eprint!(
                    "{}",
                    diag::render_human(source, diags, human_style(self.color))
                )
            }
            MessageFormat::Human => {}
            MessageFormat::Json => self.json.extend(diag::to_json(source, diags)),
            MessageFormat::Github => self.print_out(&diag::to_github(source, diags))?,
        }
        Ok(())
    }

    /// Reports that `path` could not be read (`message` says why): in every format on standard
    /// error, and as an annotation on the file (GitHub) or in the JSON document.
    pub fn unreadable(&mut self, path: &Path, message: &str) -> Result<(), Failure> {
        eprintln!("error: {}", diag::escape_line(message));
        let file = diag::escape_line(&path.to_string_lossy());
        if self.format == MessageFormat::Github {
            self.print_out(&diag::to_github_unreadable(&file, message))?;
        }
        self.unreadable.push(serde_json::json!({
            "file": file,
            "message": message,
        }));
        Ok(())
    }

    /// Prints a JSON document, pretty: on standard output, or on standard error when standard
    /// output carries a rendered output (`-o -`).
    fn print_json(&self, doc: &serde_json::Value) -> Result<(), Failure> {
        let text = serde_json::to_string_pretty(doc).unwrap_or_default();
        self.print_out(&format!("{text}\n"))
    }

    /// Ends `check`: its summary line (human) or its document (JSON).
    pub fn check_summary(self, counts: &CheckCounts) -> Result<(), Failure> {
        let CheckCounts {
            files,
            read,
            errors,
            warnings,
            unreadable,
            deny_warnings,
        } = *counts;
        match self.format {
            MessageFormat::Json => {
                let doc = serde_json::json!({
                    "files": files,
                    "errors": errors,
                    "warnings": warnings,
                    "unreadable": self.unreadable,
                    "diagnostics": self.json,
                });
                self.print_json(&doc)?;
            }
            MessageFormat::Human => {
                // The word agrees with the exit code.
                let status = if errors > 0 || unreadable {
                    "failed"
                } else if deny_warnings && warnings > 0 {
                    "failed (warnings are denied)"
                } else {
                    "ok"
                };
                // As many files as JSON's `files`: every one named, read or not.
                let unread = files - read;
                let unread = if unread > 0 {
                    format!(", {unread} unreadable")
                } else {
                    String::new()
                };
                eprintln!(
                    "{status}: {files} file(s) checked{unread}, {errors} error(s), {warnings} \
                     warning(s)"
                );
            }
            MessageFormat::Github => {}
        }
        Ok(())
    }

    /// Ends a render whose theme file has errors (or warnings under `--deny warnings`), after
    /// its diagnostics: nothing is rendered of `files` inputs.
    pub fn theme_unusable(self, files: usize) -> Result<(), Failure> {
        match self.format {
            MessageFormat::Human => eprintln!("the theme file is not usable: nothing rendered"),
            MessageFormat::Json => {
                let doc = serde_json::json!({
                    "files": files,
                    "written": 0,
                    "outputs": [],
                    "unreadable": [],
                    "diagnostics": self.json,
                });
                self.print_json(&doc)?;
            }
            MessageFormat::Github => {}
        }
        Ok(())
    }

    /// Reports one rendered `input`: its diagnostics, glyphs the font lacks, the outputs that
    /// failed, and (human, when the run writes `many` outputs) those written.
    pub fn rendered(&mut self, input: &Path, r: &Rendered, many: bool) -> Result<(), Failure> {
        if let Some(source) = &r.source {
            self.diagnostics(source, &r.diags)?;
        }
        if !r.missing_glyphs.is_empty() {
            let sample: String = r.missing_glyphs.iter().take(12).collect();
            eprintln!(
                "warning: {}: the bundled font has no glyph for {} character(s) ({}{}); their widths are estimated",
                diag::escape_line(&input.to_string_lossy()),
                r.missing_glyphs.len(),
                diag::quote(&sample),
                if r.missing_glyphs.len() > 12 {
                    " …"
                } else {
                    ""
                }
            );
        }
        for m in &r.io_errors {
            // No source: the input itself could not be read.
            if r.source.is_none() {
                self.unreadable(input, m)?;
            } else {
                eprintln!("error: {}", diag::escape_line(m));
            }
        }
        // Invalid with warnings only: `--deny warnings` failed it, which the warnings alone
        // do not say.
        if r.invalid && !r.diags.has_errors() && self.format == MessageFormat::Human {
            eprintln!(
                "error: {}: nothing written: warnings are denied (--deny warnings)",
                diag::escape_line(&input.to_string_lossy())
            );
        }
        if many && self.format == MessageFormat::Human {
            for (_, out) in &r.written {
                eprintln!("wrote {}", diag::escape_line(&out.to_string_lossy()));
            }
        }
        Ok(())
    }

    /// Ends `render` of `files` inputs: its document (JSON; on standard error when an output
    /// went to standard output), or its summary line (human, when the run writes `many`
    /// outputs).
    pub fn render_summary(
        self,
        files: usize,
        counts: &RenderCounts,
        many: bool,
    ) -> Result<(), Failure> {
        if self.format == MessageFormat::Json {
            let doc = serde_json::json!({
                "files": files,
                "written": counts.written,
                "outputs": counts.outputs
                    .iter()
                    .map(|(_, p)| diag::escape_line(&p.to_string_lossy()))
                    .collect::<Vec<_>>(),
                "unreadable": self.unreadable,
                "diagnostics": self.json,
            });
            self.print_json(&doc)?;
        }
        if many && self.format == MessageFormat::Human {
            eprintln!(
                "{} written, {} invalid, {} unreadable or unwritable, of {files} file(s); {}",
                counts.written,
                counts.invalid,
                counts.io_failed,
                output_counts(&counts.outputs)
            );
        }
        Ok(())
    }
}

/// The diagnostics style for standard error. `--color always` or `never` wins; under `auto`,
/// `NO_COLOR` (set and not empty) means none, then `CLICOLOR_FORCE` or `FORCE_COLOR` (set, not
/// empty and not `0`) means colour, as CI logs that show colour set them; else colour on a
/// terminal only.
fn human_style(choice: ColorChoice) -> Style {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    let forced = |name: &str| set(name) && std::env::var_os(name).is_some_and(|v| v != "0");
    let color = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if set("NO_COLOR") => false,
        ColorChoice::Auto if forced("CLICOLOR_FORCE") || forced("FORCE_COLOR") => true,
        ColorChoice::Auto => std::io::stderr().is_terminal(),
    };
    if color { Style::Color } else { Style::Plain }
}

/// The outputs written, by format: `12 outputs (6 svg, 6 png)`, `no output`.
fn output_counts(outputs: &[(blueprint::Format, PathBuf)]) -> String {
    if outputs.is_empty() {
        return "no output".into();
    }
    let per: Vec<String> = blueprint::Format::ALL
        .iter()
        .map(|f| (f, outputs.iter().filter(|(g, _)| g == f).count()))
        .filter(|(_, n)| *n > 0)
        .map(|(f, n)| format!("{n} {}", f.extension()))
        .collect();
    let n = outputs.len();
    format!(
        "{n} output{} ({})",
        if n == 1 { "" } else { "s" },
        per.join(", ")
    )
}
