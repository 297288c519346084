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
    /// Render blueprints to SVG (exit 0 all written, 1 a blueprint has errors, 2 I/O error).
    ///
    /// Each file is parsed, validated, laid out and rendered in memory, then written atomically;
    /// on any error nothing is written and an existing output stays as it was.
    Render {
        /// Blueprint files (`-` reads standard input).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output file for a single input (`-` writes to standard output). Default: the input's
        /// name with `.svg`, beside it.
        #[arg(short, long, conflicts_with = "out_dir")]
        output: Option<PathBuf>,
        /// Directory for the outputs of several inputs (each `NAME.svg`).
        #[arg(long)]
        out_dir: Option<PathBuf>,
        /// Colour theme.
        #[arg(long, value_enum, default_value_t = ThemeName::Light)]
        theme: ThemeName,
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
enum ThemeName {
    /// Light background, tinted zones (default).
    Light,
    /// Dark background, for dark slides.
    Dark,
    /// Greyscale-safe, for print.
    Print,
}

impl ThemeName {
    fn theme(self) -> blueprint::theme::Theme {
        match self {
            ThemeName::Light => blueprint::theme::Theme::light(),
            ThemeName::Dark => blueprint::theme::Theme::dark(),
            ThemeName::Print => blueprint::theme::Theme::print(),
        }
    }
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
        Command::Render {
            files,
            output,
            out_dir,
            theme,
            format,
            deny,
        } => render(&files, output, out_dir, theme, format, deny.is_some()),
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
    // The name is shown in reports and JSON: a file name must not drive the terminal or forge
    // a CI log line.
    let name = diag::escape_line(&path.to_string_lossy());
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
    let mut unreadable = Vec::new();
    for path in files {
        let (source, diags) = match check_one(path) {
            Ok(x) => x,
            Err(Failure::Io(msg)) => {
                eprintln!("error: {msg}");
                unreadable.push(serde_json::json!({ "file": diag::escape_line(&path.to_string_lossy()), "message": msg }));
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
                "unreadable": unreadable,
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

/// Stack of each render worker thread: as large as the main thread's usual 8 MiB, and more, so
/// the deepest YAML the parser accepts cannot overflow it in any build.
const WORKER_STACK_BYTES: usize = 32 << 20;

/// Where the SVG of `input` goes.
fn output_path(input: &Path, output: &Option<PathBuf>, out_dir: &Option<PathBuf>) -> PathBuf {
    if let Some(o) = output {
        return o.clone();
    }
    if input.as_os_str() == "-" {
        return match out_dir {
            Some(d) => d.join("stdin.svg"),
            None => PathBuf::from("-"),
        };
    }
    let name = input.with_extension("svg");
    match out_dir {
        Some(d) => d.join(name.file_name().unwrap_or_default()),
        None => name,
    }
}

/// True when `a` and `b` name the same existing file (or the same path).
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// The outcome of rendering one input, printed in input order.
struct Rendered {
    source: Option<Source>,
    diags: Diagnostics,
    io_error: Option<String>,
    missing_glyphs: Vec<char>,
    failed: bool,
}

fn render_one(input: &Path, out: &Path, theme: ThemeName, deny_warnings: bool) -> Rendered {
    let mut r = Rendered {
        source: None,
        diags: Diagnostics::default(),
        io_error: None,
        missing_glyphs: Vec::new(),
        failed: true,
    };
    let (name, bytes) = match read_input(input) {
        Ok(x) => x,
        Err(Failure::Io(m)) => {
            r.io_error = Some(m);
            return r;
        }
        Err(Failure::Usage(e)) => {
            r.io_error = Some(e.to_string());
            return r;
        }
    };
    let source = match blueprint::decode(&name, bytes) {
        Ok(s) => s,
        Err((s, d)) => {
            r.source = Some(s);
            r.diags = d;
            return r;
        }
    };
    let options = blueprint::Options {
        theme: theme.theme(),
        measure: blueprint::text::Measure::new(),
    };
    match blueprint::render(&source, &options) {
        Ok(checked) => {
            r.diags = checked.warnings;
            r.missing_glyphs = options.measure.missing_glyphs();
            if deny_warnings && !r.diags.0.is_empty() {
                r.source = Some(source);
                return r;
            }
            match blueprint::write::atomic(out, checked.value.as_bytes()) {
                Ok(()) => r.failed = false,
                Err(m) => r.io_error = Some(m),
            }
        }
        Err(d) => r.diags = d,
    }
    r.source = Some(source);
    r
}

fn render(
    files: &[PathBuf],
    output: Option<PathBuf>,
    out_dir: Option<PathBuf>,
    theme: ThemeName,
    format: Format,
    deny_warnings: bool,
) -> Result<Outcome, Failure> {
    use clap::CommandFactory;
    if files.len() > 1 && output.is_some() {
        return Err(Failure::Usage(Cli::command().error(
            clap::error::ErrorKind::ArgumentConflict,
            "-o/--output takes one input; use --out-dir for several",
        )));
    }
    if let Some(d) = &out_dir
        && !d.is_dir()
    {
        return Err(Failure::Io(format!("{}: no such directory", d.display())));
    }
    let jobs: Vec<(PathBuf, PathBuf)> = files
        .iter()
        .map(|f| (f.clone(), output_path(f, &output, &out_dir)))
        .collect();
    for (input, out) in &jobs {
        if input.as_os_str() != "-" && same_file(input, out) {
            return Err(Failure::Io(format!(
                "{}: the output would overwrite the input; choose another -o",
                out.display()
            )));
        }
    }
    // Files are independent: render them on all cores, report in input order.
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs.len());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<Rendered>>> =
        jobs.iter().map(|_| std::sync::Mutex::new(None)).collect();
    let work = || {
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some((input, out)) = jobs.get(i) else {
                break;
            };
            let r = render_one(input, out, theme, deny_warnings);
            if let Ok(mut slot) = results[i].lock() {
                *slot = Some(r);
            }
        }
    };
    std::thread::scope(|s| {
        let mut spawned = 0;
        for _ in 0..workers {
            // The YAML parser recurses once per nesting level (capped at MAX_DEPTH); a spawned
            // thread's default 2 MiB stack is too small for that cap in a debug build.
            let t = std::thread::Builder::new()
                .stack_size(WORKER_STACK_BYTES)
                .spawn_scoped(s, work);
            spawned += usize::from(t.is_ok());
        }
        if spawned == 0 {
            work();
        }
    });
    let mut json = Vec::new();
    let (mut invalid, mut io_failed, mut written) = (0, 0, 0);
    for (slot, (input, out)) in results.into_iter().zip(&jobs) {
        let Some(r) = slot.into_inner().ok().flatten() else {
            continue;
        };
        if let Some(m) = &r.io_error {
            eprintln!("error: {m}");
            io_failed += 1;
            continue;
        }
        if let Some(source) = &r.source {
            match format {
                Format::Human if !r.diags.0.is_empty() => {
                    eprint!("{}", diag::render_human(source, &r.diags, human_style()))
                }
                Format::Human => {}
                Format::Json => json.extend(diag::to_json(source, &r.diags)),
                Format::Github => write_stdout(diag::to_github(source, &r.diags).as_bytes())?,
            }
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
        if r.failed {
            invalid += 1;
        } else {
            written += 1;
            if files.len() > 1 && format == Format::Human {
                eprintln!("wrote {}", diag::escape_line(&out.to_string_lossy()));
            }
        }
    }
    if format == Format::Json {
        let doc = serde_json::json!({
            "files": files.len(),
            "written": written,
            "diagnostics": json,
        });
        let text = serde_json::to_string_pretty(&doc).unwrap_or_default();
        // With -o -, stdout carries the SVG; the report then goes to stderr.
        if jobs.iter().any(|(_, o)| o.as_os_str() == "-") {
            eprintln!("{text}");
        } else {
            write_stdout(format!("{text}\n").as_bytes())?;
        }
    }
    if files.len() > 1 && format == Format::Human {
        eprintln!(
            "{written} written, {invalid} invalid, {io_failed} unreadable or unwritable, of {} file(s)",
            files.len()
        );
    }
    if io_failed > 0 {
        return Err(Failure::Io(format!(
            "{io_failed} file(s) could not be read or written"
        )));
    }
    Ok(if invalid > 0 {
        Outcome::Invalid
    } else {
        Outcome::Success
    })
}
