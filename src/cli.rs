//! Command line: the subcommands and their options (clap), and running them. Library code knows
//! no flags; this module reads files, calls the stages and prints what they return.

use blueprint::cut::{Cut, StepRange};
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
        #[arg(required_unless_present = "theme")]
        files: Vec<PathBuf>,
        /// Also check this theme: a built-in name, or a theme file (`.yaml`/`.yml`), whose
        /// problems are reported like a blueprint's.
        #[arg(long, value_name = "NAME|FILE")]
        theme: Option<String>,
        /// Output format of the diagnostics (also `--message-format`, as for `render`).
        #[arg(long, alias = "message-format", value_enum, default_value_t = MessageFormat::Human)]
        format: MessageFormat,
        /// Treat warnings as errors (`--deny warnings`).
        #[arg(long, value_enum)]
        deny: Option<Deny>,
    },
    /// Render blueprints to SVG, PNG or PDF (exit 0 all written, 1 a blueprint has errors or a
    /// cut does not fit it, 2 usage or I/O error, or an image over the size limit).
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
        /// Theme: `light`, `dark`, `print`, `high-contrast`, or a theme file (`.yaml`/`.yml`,
        /// see docs/themes.md). Wins over the blueprint's own `theme:` [default: the
        /// blueprint's, else light].
        #[arg(long, value_name = "NAME|FILE")]
        theme: Option<String>,
        /// Leave the embedded font out of the SVG. By default the SVG carries a subset of each
        /// Inter weight its text uses, with all of printable ASCII (about 35 KB in all for a
        /// typical diagram), so browsers draw the exact font it was measured with; without it
        /// they use the `font-family` list (Inter if installed, else Helvetica or Arial). PNG
        /// and PDF always use the bundled fonts.
        #[arg(long)]
        no_embed_font: bool,
        /// Draw the SVG's text as glyph outlines, for slide tools that ignore web fonts: it
        /// looks the same everywhere but cannot be selected or searched (the words stay in
        /// `aria-label`s). PNG and PDF are still drawn from text.
        #[arg(long)]
        text_as_paths: bool,
        /// Output format of the diagnostics.
        #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
        message_format: MessageFormat,
        /// Treat warnings as errors (`--deny warnings`).
        #[arg(long, value_enum)]
        deny: Option<Deny>,
        #[command(flatten)]
        cut: CutArgs,
    },
    /// Print the JSON Schema of the blueprint format (version 1).
    Schema,
}

/// Cutting a blueprint down to fit a slide (docs/cuts.md).
#[derive(clap::Args)]
#[command(next_help_heading = "Cut to fit a slide (docs/cuts.md)")]
struct CutArgs {
    /// Render only these steps: 1-based positions as you count the columns, or step ids;
    /// `A..B` includes both ends, `A..` and `..B` run to the last and from the first step;
    /// several separated by commas (`3..9`, `checkin..checkout`, `1..3,7`). Flows to steps
    /// outside are drawn as stubs that say where they go.
    #[arg(long, value_name = "RANGES", value_delimiter = ',', value_parser = StepRange::parse)]
    steps: Vec<StepRange>,
    /// Render only the steps of these phases, by id or label; repeat it or separate with
    /// commas. With --steps, only steps both select.
    #[arg(long, alias = "phases", value_name = "PHASE", value_delimiter = ',')]
    phase: Vec<String>,
    /// Render only these lanes, by lane id, or a zone key (`evidence`, `customer`, `onstage`,
    /// `backstage`, `support`) for every lane of that zone; comma-separated.
    #[arg(long, alias = "lane", value_name = "LANES", value_delimiter = ',')]
    lanes: Vec<String>,
    /// Write one figure per phase, `NAME-PHASE.EXT` (beside the input or in --out-dir), each
    /// cut to that phase (and to --lanes); steps in no phase are in no figure (a warning).
    #[arg(long, conflicts_with_all = ["steps", "phase", "output"])]
    split_phases: bool,
}

impl CutArgs {
    /// The figures to make of each input: one uncut or cut (suffix `None`), or one per phase.
    fn plan(&self) -> Plan {
        if self.split_phases {
            Plan::SplitPhases(self.lanes.clone())
        } else {
            Plan::One(Cut {
                steps: self.steps.clone(),
                phases: self.phase.clone(),
                lanes: self.lanes.clone(),
            })
        }
    }
}

/// What each input becomes.
enum Plan {
    /// One figure, cut as given (an empty cut keeps everything).
    One(Cut),
    /// One figure per phase, each also cut to these lanes.
    SplitPhases(Vec<String>),
}

/// `--theme`: a built-in theme, or a theme file read and checked.
struct ThemeArg {
    /// The theme, when it could be made (a theme file with errors gives none).
    theme: Option<blueprint::theme::Theme>,
    /// A theme file's source and diagnostics, reported like a blueprint's.
    report: Option<(Source, Diagnostics)>,
}

/// Reads `--theme`: a built-in name is that theme; a value with a path separator or a `.yaml` /
/// `.yml` ending is a theme file; anything else is a usage error with a did-you-mean. A file
/// named like a built-in is read only when written as a path (`./dark`).
fn theme_arg(value: &str) -> Result<ThemeArg, Failure> {
    use blueprint::theme::Theme;
    use blueprint::validate::keys::{THEMES, did_you_mean};
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
        use clap::CommandFactory;
        let hint = match did_you_mean(value, THEMES.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? "),
            None => String::new(),
        };
        let msg = format!(
            "unknown theme {}: {hint}the built-in themes are {}; a theme file's name ends in \
             .yaml or .yml",
            diag::quote(value),
            THEMES.join(", ")
        );
        return Err(Failure::Usage(
            Cli::command().error(clap::error::ErrorKind::InvalidValue, msg),
        ));
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

/// Prints `diags` of `source` in `format` (JSON is gathered into `json`, printed by the caller).
fn emit(
    source: &Source,
    diags: &Diagnostics,
    format: MessageFormat,
    json: &mut Vec<serde_json::Value>,
) -> Result<(), Failure> {
    match format {
        MessageFormat::Human if !diags.0.is_empty() => {
            eprint!("{}", diag::render_human(source, diags, human_style()))
        }
        MessageFormat::Human => {}
        MessageFormat::Json => json.extend(diag::to_json(source, diags)),
        MessageFormat::Github => write_stdout(diag::to_github(source, diags).as_bytes())?,
    }
    Ok(())
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
            theme,
            format,
            deny,
        } => {
            let theme = theme.as_deref().map(theme_arg).transpose()?;
            check(&files, theme.and_then(|t| t.report), format, deny.is_some())
        }
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
            cut,
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
            // A theme file is read once and reported before any blueprint.
            let mut theme_json = Vec::new();
            let theme = match theme.as_deref().map(theme_arg).transpose()? {
                Some(ThemeArg {
                    theme,
                    report: Some((source, diags)),
                }) => {
                    emit(&source, &diags, message_format, &mut theme_json)?;
                    if diags.has_errors() || (deny.is_some() && !diags.0.is_empty()) {
                        return theme_unusable(theme_json, files.len(), message_format);
                    }
                    theme
                }
                Some(t) => t.theme,
                None => None,
            };
            let settings = RenderSettings {
                theme,
                theme_json,
                export,
                embed_font: !no_embed_font,
                text: if text_as_paths {
                    blueprint::TextMode::Paths
                } else {
                    blueprint::TextMode::Text
                },
                deny_warnings: deny.is_some(),
                plan: cut.plan(),
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
        std::fs::File::open(path).and_then(|f| {
            // Room for the whole file up front: one read instead of a dozen doubling ones.
            let size = f.metadata().map_or(0, |m| m.len().min(limit));
            bytes.reserve_exact(usize::try_from(size).unwrap_or(0) + 1);
            f.take(limit).read_to_end(&mut bytes)
        })
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

/// Ends a render whose theme file has errors (or warnings under `--deny warnings`), after its
/// diagnostics were printed: nothing is rendered, exit 1.
fn theme_unusable(
    json: Vec<serde_json::Value>,
    files: usize,
    format: MessageFormat,
) -> Result<Outcome, Failure> {
    match format {
        MessageFormat::Human => eprintln!("the theme file is not usable: nothing rendered"),
        MessageFormat::Json => {
            let doc = serde_json::json!({ "files": files, "written": 0, "diagnostics": json });
            let text = serde_json::to_string_pretty(&doc).unwrap_or_default();
            write_stdout(format!("{text}\n").as_bytes())?;
        }
        MessageFormat::Github => {}
    }
    Ok(Outcome::Invalid)
}

fn check(
    files: &[PathBuf],
    theme: Option<(Source, Diagnostics)>,
    format: MessageFormat,
    deny_warnings: bool,
) -> Result<Outcome, Failure> {
    let mut json = Vec::new();
    let mut failed = false;
    let mut io_error = None;
    let (mut n_err, mut n_warn, mut n_read) = (0, 0, 0);
    let mut unreadable = Vec::new();
    let total = files.len() + usize::from(theme.is_some());
    if let Some((source, diags)) = &theme {
        n_read += 1;
        let (e, w) = diags.counts();
        n_err += e;
        n_warn += w;
        failed |= e > 0 || (deny_warnings && w > 0);
        emit(source, diags, format, &mut json)?;
    }
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
                "files": total,
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
            let unread = total - n_read;
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
const WORKER_STACK_BYTES: usize = blueprint::parallel::DEEP_STACK_BYTES;

/// The main thread's stack limit from which one file is rendered on it rather than on a worker
/// thread (which costs about 0.1 ms to start): the usual 8 MiB. The deepest YAML the parser
/// accepts needs under 128 KiB in a release build and under 512 KiB in a debug one (measured
/// with `ulimit -s`, docs/performance.md).
const MAIN_STACK_BYTES: u64 = 8 << 20;

/// Runs `work` on `workers` threads and waits for them; here if the system refuses them all.
fn spawn_workers(workers: usize, work: &(impl Fn() + Sync)) {
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
}

/// Whether the main thread's stack may grow to [`MAIN_STACK_BYTES`].
fn main_stack_is_deep() -> bool {
    #[cfg(unix)]
    {
        let limit = rustix::process::getrlimit(rustix::process::Resource::Stack);
        limit.current.is_none_or(|bytes| bytes >= MAIN_STACK_BYTES)
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// What every render in a run shares.
struct RenderSettings {
    /// `--theme`, winning over each blueprint's `theme:`.
    theme: Option<blueprint::theme::Theme>,
    /// The theme file's diagnostics in JSON, the first of the run's JSON document.
    theme_json: Vec<serde_json::Value>,
    export: Export,
    /// Embed the font subsets in the SVG output.
    embed_font: bool,
    /// The SVG output's text: `<text>` or outlines.
    text: blueprint::TextMode,
    deny_warnings: bool,
    plan: Plan,
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

/// Where the outputs of a run go: `-o`, `--out-dir`, or beside each input.
struct Dest {
    output: Option<PathBuf>,
    out_dir: Option<PathBuf>,
}

impl Dest {
    /// Where the `format` output of `input` goes; `figure` (a phase id under `--split-phases`)
    /// is added to the name: `NAME-FIGURE.EXT`.
    fn path(&self, input: &Path, format: blueprint::Format, figure: Option<&str>) -> PathBuf {
        if let Some(o) = &self.output {
            return o.clone();
        }
        let ext = format.extension();
        // OS strings throughout: a file name need not be UTF-8 (hostile.rs).
        let mut name = if input.as_os_str() == "-" {
            if self.out_dir.is_none() {
                return PathBuf::from("-");
            }
            std::ffi::OsString::from("stdin")
        } else {
            input.file_stem().unwrap_or_default().to_os_string()
        };
        if let Some(f) = figure {
            name.push("-");
            name.push(f);
        }
        name.push(".");
        name.push(ext);
        match &self.out_dir {
            Some(d) => d.join(name),
            None => input.with_file_name(name),
        }
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
    /// The outputs written, with their format.
    written: Vec<(blueprint::Format, PathBuf)>,
    missing_glyphs: Vec<char>,
    /// The blueprint has errors, or the cut does not fit it (or warnings under `--deny
    /// warnings`): nothing written.
    invalid: bool,
}

/// Renders each figure of `input` (one, or one per phase) to SVG and writes it in each of
/// `formats`; one output failing (a PNG over the pixel limit, say) does not stop the others.
/// A cut that does not fit the blueprint is reported like the blueprint's own errors, and
/// nothing of the input is written.
fn render_one(
    input: &Path,
    formats: &[blueprint::Format],
    dest: &Dest,
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
    let figures = render_figures(&source, settings, formats, &mut r);
    r.source = Some(source);
    let Some((figures, big)) = figures else {
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
                blueprint::Format::Svg => blueprint::write::atomic_parts(&out, &svg.byte_parts()),
                _ => blueprint::export(
                    whole.get_or_insert_with(|| svg.to_string()),
                    format,
                    &settings.export,
                )
                .map_err(|m| format!("{}: {m}", out.display()))
                .and_then(|bytes| blueprint::write::atomic(&out, &bytes)),
            };
            match written {
                Ok(()) => r.written.push((format, out)),
                Err(m) => r.io_errors.push(m),
            }
        }
    }
    blueprint::parallel::discard(figures, big);
    r
}

/// Each figure of `source`: its name suffix (a phase, when split) and its SVGs.
type Figure = (Option<String>, blueprint::Drawn);

/// The SVG of each figure of `source`, named by its phase under `--split-phases`, and whether
/// the blueprint is big enough for its leftovers to be freed elsewhere
/// ([`blueprint::parallel::discard`]); `None` when the blueprint or the cut has errors (they,
/// and any warnings, go to `r.diags`).
fn render_figures(
    source: &Source,
    settings: &RenderSettings,
    formats: &[blueprint::Format],
    r: &mut Rendered,
) -> Option<(Vec<Figure>, bool)> {
    let checked = match blueprint::check(source) {
        Ok(c) => c,
        Err(d) => {
            r.diags = d;
            return None;
        }
    };
    r.diags = checked.warnings;
    let bp = checked.value;
    let cuts: Vec<(Option<String>, Cut)> = match &settings.plan {
        Plan::One(cut) => vec![(None, cut.clone())],
        Plan::SplitPhases(lanes) => match blueprint::cut::split_phases(&bp, lanes) {
            Ok(c) => {
                r.diags.0.extend(c.warnings.0);
                c.value.into_iter().map(|(p, cut)| (Some(p), cut)).collect()
            }
            Err(d) => {
                r.diags.0.extend(d.0);
                return None;
            }
        },
    };
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
                return None;
            }
        }
    }
    r.missing_glyphs = options.measure.missing_glyphs();
    let big = bp.items.len() >= blueprint::parallel::DISCARD_ELSEWHERE_FROM;
    blueprint::parallel::discard(bp, big);
    Some((figures, big))
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
    let split = matches!(settings.plan, Plan::SplitPhases(_));
    if split && out_dir.is_none() && files.iter().any(|f| f.as_os_str() == "-") {
        return Err(usage(
            "--split-phases writes one file per phase; with standard input, give --out-dir".into(),
        ));
    }
    let formats = output_formats(formats, &output).map_err(usage)?;
    if let Some(d) = &out_dir
        && !d.is_dir()
    {
        return Err(Failure::Io(format!("{}: no such directory", d.display())));
    }
    let dest = Dest { output, out_dir };
    // The checks that can be made before reading anything; figure names come from the files.
    for input in files {
        for &fmt in &formats {
            let out = dest.path(input, fmt, None);
            if !split && input.as_os_str() != "-" && same_file(input, &out) {
                return Err(Failure::Io(format!(
                    "{}: the output would overwrite the input; choose another -o",
                    out.display()
                )));
            }
            // PNG or PDF bytes would only garble a terminal.
            if out.as_os_str() == "-"
                && fmt != blueprint::Format::Svg
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
    // Two inputs with one file name (`a/x.yaml b/x.yaml --out-dir out`) would overwrite each
    // other's output, silently and in whichever order the workers finish.
    let mut claimed: std::collections::HashMap<PathBuf, &PathBuf> =
        std::collections::HashMap::new();
    for input in files {
        let out = dest.path(input, formats[0], None);
        if out.as_os_str() == "-" {
            continue;
        }
        if let Some(first) = claimed.get(&out)
            && !same_file(first, input)
        {
            return Err(usage(format!(
                "{} and {} would both be written to {}; render them into different --out-dir \
                 directories",
                diag::escape_line(&first.to_string_lossy()),
                diag::escape_line(&input.to_string_lossy()),
                diag::escape_line(&out.to_string_lossy()),
            )));
        }
        claimed.insert(out, input);
    }
    let to_stdout = !split
        && files.iter().any(|f| {
            formats
                .iter()
                .any(|&fmt| dest.path(f, fmt, None).as_os_str() == "-")
        });
    // Files are independent: render them on all cores, report in input order.
    // (One file needs no count of the cores, which reads the cgroup files.)
    let workers = match files.len() {
        0 | 1 => files.len(),
        n => std::thread::available_parallelism().map_or(1, |c| c.get().min(n)),
    };
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<Rendered>>> =
        files.iter().map(|_| std::sync::Mutex::new(None)).collect();
    let work = || {
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(input) = files.get(i) else {
                break;
            };
            let r = render_one(input, &formats, &dest, settings);
            if let Ok(mut slot) = results[i].lock() {
                *slot = Some(r);
            }
        }
    };
    // One file is rendered here, on the main thread, when its stack is deep enough.
    if workers == 1 && main_stack_is_deep() {
        work();
    } else {
        spawn_workers(workers, &work);
    }
    let many = split || files.len() * formats.len() > 1;
    let mut json = settings.theme_json.clone();
    let (mut invalid, mut io_failed, mut written) = (0, 0, 0);
    let mut outputs: Vec<(blueprint::Format, PathBuf)> = Vec::new();
    for (slot, input) in results.into_iter().zip(files) {
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
            for (_, out) in &r.written {
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
        outputs.extend(r.written);
    }
    if format == MessageFormat::Json {
        let doc = serde_json::json!({
            "files": files.len(),
            "written": written,
            "outputs": outputs
                .iter()
                .map(|(_, p)| diag::escape_line(&p.to_string_lossy()))
                .collect::<Vec<_>>(),
            "diagnostics": json,
        });
        let text = serde_json::to_string_pretty(&doc).unwrap_or_default();
        // With -o -, stdout carries the output; the report then goes to stderr.
        if to_stdout {
            eprintln!("{text}");
        } else {
            write_stdout(format!("{text}\n").as_bytes())?;
        }
    }
    if many && format == MessageFormat::Human {
        eprintln!(
            "{written} written, {invalid} invalid, {io_failed} unreadable or unwritable, of {} \
             file(s); {}",
            files.len(),
            output_counts(&outputs)
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
