//! Command line: the subcommands and their options (clap), and running them. Library code knows
//! no flags; this module reads files, calls the stages and prints what they return.

use blueprint::diag::{self, Diagnostics, Style};
use blueprint::span::Source;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

/// What a run came to (main turns it into an exit code).
pub enum Outcome {
    /// Everything valid / written.
    Success,
    /// At least one blueprint has errors (or warnings under `--deny warnings`).
    Invalid,
}

/// Why a run could not do its job.
pub enum Failure {
    /// Bad arguments (or help/version, which clap reports the same way).
    Usage(clap::Error),
    /// A file could not be read or written.
    Io(String),
}

#[derive(Parser)]
#[command(
    name = "blueprint",
    version,
    about = "Service blueprints from YAML: check them, print their schema, render them"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check blueprint files and report every problem (exit 0 valid, 1 invalid, 2 I/O error).
    Check {
        /// Files to check (`-` reads standard input).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format of the diagnostics.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Treat warnings as errors (`--deny warnings`).
        #[arg(long, value_enum)]
        deny: Option<Deny>,
    },
    /// Print the JSON Schema of the blueprint format (version 1).
    Schema,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// miette's graphical report (colour on a terminal unless NO_COLOR is set).
    Human,
    /// One JSON document with every diagnostic.
    Json,
    /// GitHub Actions annotations (`::error file=…`).
    Github,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Deny {
    /// Warnings fail the check.
    Warnings,
}

/// Parses the arguments and runs the command.
pub fn run() -> Result<Outcome, Failure> {
    let cli = Cli::try_parse().map_err(Failure::Usage)?;
    match cli.command {
        Command::Check {
            files,
            format,
            deny,
        } => check(&files, format, deny.is_some()),
        Command::Schema => {
            let schema = blueprint::schema::schema();
            let text = serde_json::to_string_pretty(&schema).unwrap_or_default();
            write_stdout(format!("{text}\n").as_bytes())?;
            Ok(Outcome::Success)
        }
    }
}

/// Reads `path` (`-` is standard input) as bytes, with a size cap.
fn read_input(path: &Path) -> Result<(String, Vec<u8>), Failure> {
    let name = path.to_string_lossy().into_owned();
    let limit = blueprint::limits::MAX_INPUT_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    let result = if path.as_os_str() == "-" {
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes)
    } else {
        if path.is_dir() {
            return Err(Failure::Io(format!(
                "{name}: is a directory, not a blueprint file"
            )));
        }
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes))
    };
    result.map_err(|e| Failure::Io(format!("{name}: {}", io_reason(&e))))?;
    Ok((
        if path.as_os_str() == "-" {
            "<stdin>".into()
        } else {
            name
        },
        bytes,
    ))
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

fn write_stdout(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`| head`) is not a failure of ours.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Io(format!("standard output: {e}"))),
    }
}

/// The diagnostics style for standard error.
fn human_style() -> Style {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if !no_color && std::io::stderr().is_terminal() {
        Style::Color
    } else {
        Style::Plain
    }
}

/// Parses and validates one file: its source and diagnostics (errors or warnings).
fn check_one(path: &Path) -> Result<(Source, Diagnostics), Failure> {
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

fn check(files: &[PathBuf], format: Format, deny_warnings: bool) -> Result<Outcome, Failure> {
    let mut json = Vec::new();
    let mut failed = false;
    let mut io_error = None;
    let (mut n_err, mut n_warn, mut n_read) = (0, 0, 0);
    for path in files {
        let (source, diags) = match check_one(path) {
            Ok(x) => x,
            Err(Failure::Io(msg)) => {
                eprintln!("error: {msg}");
                io_error = Some(msg);
                continue;
            }
            Err(e) => return Err(e),
        };
        n_read += 1;
        let (e, w) = diags.counts();
        n_err += e;
        n_warn += w;
        failed |= e > 0 || (deny_warnings && w > 0);
        match format {
            Format::Human => {
                if !diags.0.is_empty() {
                    eprint!("{}", diag::render_human(&source, &diags, human_style()));
                }
            }
            Format::Json => json.extend(diag::to_json(&source, &diags)),
            Format::Github => write_stdout(diag::to_github(&source, &diags).as_bytes())?,
        }
    }
    match format {
        Format::Json => {
            let doc = serde_json::json!({
                "files": files.len(),
                "errors": n_err,
                "warnings": n_warn,
                "diagnostics": json,
            });
            let text = serde_json::to_string_pretty(&doc).unwrap_or_default();
            write_stdout(format!("{text}\n").as_bytes())?;
        }
        Format::Human => {
            let status = if n_err > 0 || io_error.is_some() {
                "failed"
            } else {
                "ok"
            };
            let unread = files.len() - n_read;
            let unread = if unread > 0 {
                format!(", {unread} unreadable")
            } else {
                String::new()
            };
            eprintln!(
                "{status}: {n_read} file(s) checked{unread}, {n_err} error(s), {n_warn} warning(s)"
            );
        }
        Format::Github => {}
    }
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
