//! Command line: the subcommands and their options (clap), and running them. Library code knows
//! no flags; this module reads files, calls the stages and prints what they return.

use blueprint::diag::{self, Diagnostics, Style};
use blueprint::span::Source;
use blueprint::{Export, Page};
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
        /// Output format of the diagnostics (also `--message-format`, as for `render`).
        #[arg(long, alias = "message-format", value_enum, default_value_t = MessageFormat::Human)]
        format: MessageFormat,
        /// Treat warnings as errors (`--deny warnings`).
        #[arg(long, value_enum)]
        deny: Option<Deny>,
    },
    /// Render blueprints to SVG, PNG or PDF (exit 0 all written, 1 a blueprint has errors, 2
    /// usage or I/O error, or an image over the size limit).
    ///
    /// Each file is parsed, validated, laid out and rendered in memory, then written atomically;
    /// on any error nothing is written and an existing output stays as it was. PNG and PDF are
    /// drawn from the same SVG, with the bundled Inter fonts only.
    Render {
        /// Blueprint files (`-` reads standard input).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output file for a single input (`-` writes to standard output); its extension
        /// (`.svg`, `.png`, `.pdf`) picks the format. Default: the input's name with the
        /// format's extension, beside it.
        #[arg(short, long, conflicts_with = "out_dir")]
        output: Option<PathBuf>,
        /// Directory for the outputs of several inputs (each `NAME.svg`, `NAME.png`, ...).
        #[arg(long)]
        out_dir: Option<PathBuf>,
        /// Output formats, comma-separated (`--format svg,png,pdf` writes all three per input).
        /// Default: from the extension of `-o`, else svg.
        #[arg(long = "format", value_enum, value_delimiter = ',')]
        formats: Vec<OutputFormat>,
        /// PNG pixels per SVG px [default: 2].
        #[arg(long, value_parser = positive_number, conflicts_with = "dpi")]
        scale: Option<f64>,
        /// PNG resolution in dots per inch; 96 dpi is scale 1, the SVG's own size.
        #[arg(long, value_parser = positive_number)]
        dpi: Option<f64>,
        /// PNG background: `white`, `transparent` or `#rrggbb` [default: the theme's, opaque].
        #[arg(long, value_parser = background)]
        background: Option<[u8; 4]>,
        /// PDF page: `fit` (the diagram's own size), or `a4` / `letter` landscape with
        /// half-inch margins, the diagram scaled to fit.
        #[arg(long, value_enum, default_value_t = PageName::Fit)]
        page: PageName,
        /// Leave the embedded font out of the SVG. By default the SVG carries a subset of each
        /// Inter weight its text uses (15-20 KB in all for a typical diagram), so browsers draw
        /// the exact font it was measured with; without it they use the `font-family` list
        /// (Inter if installed, else Helvetica or Arial). PNG and PDF always use the bundled
        /// fonts.
        #[arg(long)]
        no_embed_font: bool,
        /// Draw the SVG's text as glyph outlines, for slide tools that ignore web fonts: it
        /// looks the same everywhere but cannot be selected or searched (the words stay in
        /// `aria-label`s). PNG and PDF are still drawn from text.
        #[arg(long)]
        text_as_paths: bool,
        /// Colour theme.
        #[arg(long, value_enum, default_value_t = ThemeName::Light)]
        theme: ThemeName,
        /// Output format of the diagnostics.
        #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
        message_format: MessageFormat,
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
enum OutputFormat {
    /// SVG, the document itself.
    Svg,
    /// PNG, drawn from the SVG.
    Png,
    /// PDF, vector, drawn from the SVG.
    Pdf,
}

impl OutputFormat {
    fn format(self) -> blueprint::Format {
        match self {
            OutputFormat::Svg => blueprint::Format::Svg,
            OutputFormat::Png => blueprint::Format::Png,
            OutputFormat::Pdf => blueprint::Format::Pdf,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum PageName {
    /// The diagram's own size.
    Fit,
    /// A4 landscape.
    A4,
    /// US Letter landscape.
    Letter,
}

/// `--scale` and `--dpi`: a finite number above zero.
fn positive_number(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 => Ok(v),
        _ => Err(format!("expected a number above 0, got {s:?}")),
    }
}

/// `--background`: `white`, `transparent` or `#rrggbb`, as RGBA.
fn background(s: &str) -> Result<[u8; 4], String> {
    match s {
        "white" => return Ok([255, 255, 255, 255]),
        "transparent" => return Ok([0, 0, 0, 0]),
        _ => {}
    }
    let hex = s.strip_prefix('#').unwrap_or("");
    let channel = |i: usize| {
        hex.get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
    };
    match (hex.len(), channel(0), channel(2), channel(4)) {
        (6, Some(r), Some(g), Some(b)) => Ok([r, g, b, 255]),
        _ => Err(format!("expected white, transparent or #rrggbb, got {s:?}")),
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum MessageFormat {
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
            formats,
            scale,
            dpi,
            background,
            page,
            no_embed_font,
            text_as_paths,
            theme,
            message_format,
            deny,
        } => {
            let export = Export {
                scale: dpi.map_or(scale.unwrap_or(2.0), |d| {
                    d / blueprint::render::raster::PX_PER_INCH
                }),
                background,
                page: match page {
                    PageName::Fit => Page::Fit,
                    PageName::A4 => Page::A4,
                    PageName::Letter => Page::Letter,
                },
            };
            let formats: Vec<blueprint::Format> = formats.iter().map(|f| f.format()).collect();
            let settings = RenderSettings {
                theme,
                export,
                embed_font: !no_embed_font,
                text: if text_as_paths {
                    blueprint::TextMode::Paths
                } else {
                    blueprint::TextMode::Text
                },
                deny_warnings: deny.is_some(),
            };
            render(&files, output, out_dir, &formats, &settings, message_format)
        }
        Command::Schema => {
            let schema = blueprint::schema::schema();
            let text = serde_json::to_string_pretty(&schema).unwrap_or_default();
            write_stdout(format!("{text}\n").as_bytes())?;
            Ok(Outcome::Success)
        }
    }
}

/// Reads `path` (`-` is standard input) as bytes, with a size cap.
fn read_input(path: &Path) -> Result<(String, Vec<u8>), String> {
    // The name is shown in reports and JSON: a file name must not drive the terminal or forge
    // a CI log line.
    let name = diag::escape_line(&path.to_string_lossy());
    let limit = blueprint::limits::MAX_INPUT_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    let result = if path.as_os_str() == "-" {
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes)
    } else {
        if path.is_dir() {
            return Err(format!("{name}: is a directory, not a blueprint file"));
        }
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes))
    };
    result.map_err(|e| format!("{name}: {}", io_reason(&e)))?;
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
    let (name, bytes) = read_input(path).map_err(Failure::Io)?;
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

fn check(
    files: &[PathBuf],
    format: MessageFormat,
    deny_warnings: bool,
) -> Result<Outcome, Failure> {
    let mut json = Vec::new();
    let mut failed = false;
    let mut io_error = None;
    let (mut n_err, mut n_warn, mut n_read) = (0, 0, 0);
    let mut unreadable = Vec::new();
    for path in files {
        let (source, diags) = match check_one(path) {
            Ok(x) => x,
            Err(Failure::Io(msg)) => {
                eprintln!("error: {}", diag::escape_line(&msg));
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
            MessageFormat::Human => {
                if !diags.0.is_empty() {
                    eprint!("{}", diag::render_human(&source, &diags, human_style()));
                }
            }
            MessageFormat::Json => json.extend(diag::to_json(&source, &diags)),
            MessageFormat::Github => write_stdout(diag::to_github(&source, &diags).as_bytes())?,
        }
    }
    match format {
        MessageFormat::Json => {
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
        MessageFormat::Human => {
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
        MessageFormat::Github => {}
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

/// What every render in a run shares.
struct RenderSettings {
    theme: ThemeName,
    export: Export,
    /// Embed the font subsets in the SVG output.
    embed_font: bool,
    /// The SVG output's text: `<text>` or outlines.
    text: blueprint::TextMode,
    deny_warnings: bool,
}

/// The formats a run writes: `--format`, else the one `-o`'s extension names, else SVG. `-o`
/// names one file, so it takes one format, and an extension that names another format than
/// `--format` is refused rather than guessed at.
fn output_formats(
    formats: &[blueprint::Format],
    output: &Option<PathBuf>,
) -> Result<Vec<blueprint::Format>, String> {
    let mut chosen: Vec<blueprint::Format> = Vec::new();
    for f in formats {
        if !chosen.contains(f) {
            chosen.push(*f);
        }
    }
    let Some(o) = output else {
        if chosen.is_empty() {
            chosen.push(blueprint::Format::Svg);
        }
        return Ok(chosen);
    };
    let named = blueprint::Format::from_path(o);
    match (chosen.as_slice(), named) {
        ([], Some(f)) => Ok(vec![f]),
        ([], None) => Ok(vec![blueprint::Format::Svg]),
        ([f], Some(n)) if *f != n => Err(format!(
            "-o {} names a {} file but --format asks for {}",
            o.display(),
            n.extension(),
            f.extension()
        )),
        ([f], _) => Ok(vec![*f]),
        _ => Err(
            "-o/--output names one file; for several formats drop -o (outputs go beside \
                  the input) or use --out-dir"
                .into(),
        ),
    }
}

/// Where the `format` output of `input` goes.
fn output_path(
    input: &Path,
    format: blueprint::Format,
    output: &Option<PathBuf>,
    out_dir: &Option<PathBuf>,
) -> PathBuf {
    if let Some(o) = output {
        return o.clone();
    }
    let ext = format.extension();
    if input.as_os_str() == "-" {
        return match out_dir {
            Some(d) => d.join(format!("stdin.{ext}")),
            None => PathBuf::from("-"),
        };
    }
    let name = input.with_extension(ext);
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
    /// The input could not be read, or an output could not be made or written (one message
    /// each, naming the path).
    io_errors: Vec<String>,
    /// The outputs written.
    written: Vec<PathBuf>,
    missing_glyphs: Vec<char>,
    /// The blueprint has errors (or warnings under `--deny warnings`): nothing written.
    invalid: bool,
}

/// Renders `input` once to SVG and writes each of `outputs` from it; one output failing (a
/// PNG over the pixel limit, say) does not stop the others.
fn render_one(
    input: &Path,
    outputs: &[(blueprint::Format, PathBuf)],
    settings: &RenderSettings,
) -> Rendered {
    let mut r = Rendered {
        source: None,
        diags: Diagnostics::default(),
        io_errors: Vec::new(),
        written: Vec::new(),
        missing_glyphs: Vec::new(),
        invalid: false,
    };
    let (name, bytes) = match read_input(input) {
        Ok(x) => x,
        Err(m) => {
            r.io_errors.push(m);
            return r;
        }
    };
    let source = match blueprint::decode(&name, bytes) {
        Ok(s) => s,
        Err((s, d)) => {
            r.source = Some(s);
            r.diags = d;
            r.invalid = true;
            return r;
        }
    };
    // PNG and PDF are drawn from an SVG with real text (resvg and krilla skip `@font-face` and
    // use the bundled fonts by name; a PDF keeps its text selectable). So: the SVG output as
    // asked; for PNG/PDF alone, text without the font, which they would not read; and only
    // for outlines plus PNG/PDF, a second, text SVG.
    let wants_svg = outputs.iter().any(|(f, _)| *f == blueprint::Format::Svg);
    let wants_raster = outputs.iter().any(|(f, _)| *f != blueprint::Format::Svg);
    let options = blueprint::Options {
        theme: settings.theme.theme(),
        measure: blueprint::text::Measure::new(),
        embed_font: settings.embed_font && wants_svg,
        text: if wants_svg {
            settings.text
        } else {
            blueprint::TextMode::Text
        },
    };
    match blueprint::render(&source, &options) {
        Ok(checked) => {
            r.diags = checked.warnings;
            r.missing_glyphs = options.measure.missing_glyphs();
            let text_svg = if wants_raster && options.text != blueprint::TextMode::Text {
                let text = blueprint::Options {
                    embed_font: false,
                    text: blueprint::TextMode::Text,
                    ..options
                };
                blueprint::render(&source, &text).map(|c| c.value).ok()
            } else {
                None
            };
            if settings.deny_warnings && !r.diags.0.is_empty() {
                r.invalid = true;
            } else {
                for (format, out) in outputs {
                    let svg = match format {
                        blueprint::Format::Svg => &checked.value,
                        _ => text_svg.as_ref().unwrap_or(&checked.value),
                    };
                    let written = blueprint::export(svg, *format, &settings.export)
                        .map_err(|m| format!("{}: {m}", out.display()))
                        .and_then(|bytes| blueprint::write::atomic(out, &bytes));
                    match written {
                        Ok(()) => r.written.push(out.clone()),
                        Err(m) => r.io_errors.push(m),
                    }
                }
            }
        }
        Err(d) => {
            r.diags = d;
            r.invalid = true;
        }
    }
    r.source = Some(source);
    r
}

fn render(
    files: &[PathBuf],
    output: Option<PathBuf>,
    out_dir: Option<PathBuf>,
    formats: &[blueprint::Format],
    settings: &RenderSettings,
    format: MessageFormat,
) -> Result<Outcome, Failure> {
    use clap::CommandFactory;
    let usage = |msg: String| {
        Failure::Usage(Cli::command().error(clap::error::ErrorKind::ArgumentConflict, msg))
    };
    if files.len() > 1 && output.is_some() {
        return Err(usage(
            "-o/--output takes one input; use --out-dir for several".into(),
        ));
    }
    let formats = output_formats(formats, &output).map_err(usage)?;
    if let Some(d) = &out_dir
        && !d.is_dir()
    {
        return Err(Failure::Io(format!("{}: no such directory", d.display())));
    }
    let jobs: Vec<(PathBuf, Vec<(blueprint::Format, PathBuf)>)> = files
        .iter()
        .map(|f| {
            let outs = formats
                .iter()
                .map(|&fmt| (fmt, output_path(f, fmt, &output, &out_dir)))
                .collect();
            (f.clone(), outs)
        })
        .collect();
    for (input, outs) in &jobs {
        for (fmt, out) in outs {
            if input.as_os_str() != "-" && same_file(input, out) {
                return Err(Failure::Io(format!(
                    "{}: the output would overwrite the input; choose another -o",
                    out.display()
                )));
            }
            // PNG or PDF bytes would only garble a terminal.
            if out.as_os_str() == "-"
                && *fmt != blueprint::Format::Svg
                && std::io::stdout().is_terminal()
            {
                return Err(usage(format!(
                    "refusing to write {} bytes to a terminal; redirect standard output or \
                     give -o FILE",
                    fmt.extension().to_uppercase()
                )));
            }
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
            let Some((input, outs)) = jobs.get(i) else {
                break;
            };
            let r = render_one(input, outs, settings);
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
    let many = jobs.len() * formats.len() > 1;
    let mut json = Vec::new();
    let (mut invalid, mut io_failed, mut written) = (0, 0, 0);
    for (slot, (input, _)) in results.into_iter().zip(&jobs) {
        let Some(r) = slot.into_inner().ok().flatten() else {
            continue;
        };
        if let Some(source) = &r.source {
            match format {
                MessageFormat::Human if !r.diags.0.is_empty() => {
                    eprint!("{}", diag::render_human(source, &r.diags, human_style()))
                }
                MessageFormat::Human => {}
                MessageFormat::Json => json.extend(diag::to_json(source, &r.diags)),
                MessageFormat::Github => {
                    write_stdout(diag::to_github(source, &r.diags).as_bytes())?
                }
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
        for m in &r.io_errors {
            eprintln!("error: {}", diag::escape_line(m));
        }
        if many && format == MessageFormat::Human {
            for out in &r.written {
                eprintln!("wrote {}", diag::escape_line(&out.to_string_lossy()));
            }
        }
        if !r.io_errors.is_empty() {
            io_failed += 1;
        } else if r.invalid {
            invalid += 1;
        } else {
            written += 1;
        }
    }
    if format == MessageFormat::Json {
        let doc = serde_json::json!({
            "files": files.len(),
            "written": written,
            "diagnostics": json,
        });
        let text = serde_json::to_string_pretty(&doc).unwrap_or_default();
        // With -o -, stdout carries the output; the report then goes to stderr.
        if jobs
            .iter()
            .any(|(_, outs)| outs.iter().any(|(_, o)| o.as_os_str() == "-"))
        {
            eprintln!("{text}");
        } else {
            write_stdout(format!("{text}\n").as_bytes())?;
        }
    }
    if files.len() > 1 && format == MessageFormat::Human {
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
