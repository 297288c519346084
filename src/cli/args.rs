//! The command line as clap reads it: the subcommands, their options, and the value parsers of
//! `--scale`, `--dpi` and `--background`. Only what was typed, checked for form; what it means
//! for a run is worked out in `settings` and `plan`. Also [`usage`], the one way a later check
//! reports a usage error in clap's words.

use blueprint::cut::StepRange;
use clap::{Parser, Subcommand, ValueEnum};

// The whole command line. (No `///` on it: clap would show that as the long help.)
#[derive(Parser)]
#[command(
    name = "blueprint",
    version,
    about = "Service blueprints from YAML: check them, print their schema, render them"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

// The subcommands, each run by its module of `cli` (each variant's `///` is its help). One is
// made per process, so `render`'s many options are kept inline rather than boxed.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
pub enum Command {
    /// Check blueprint files and report every problem (exit 0 valid, 1 invalid, 2 I/O error).
    Check(CheckArgs),
    /// Render blueprints to SVG, PNG or PDF (exit 0 all written, 1 a blueprint has errors or a
    /// cut does not fit it, 2 usage or I/O error, or an image over the size limit).
    ///
    /// Each file is parsed, validated, laid out and rendered in memory, then written atomically;
    /// on any error nothing is written and an existing output stays as it was. PNG and PDF are
    /// drawn from the same SVG, with the bundled Inter fonts only.
    Render(Box<RenderArgs>),
    /// Print the JSON Schema of the blueprint format (version 1.1).
    Schema,
    /// Print the completion script for SHELL to standard output (for bash:
    /// `blueprint completions bash > ~/.local/share/bash-completion/completions/blueprint`).
    Completions(CompletionsArgs),
    /// Print the manual page, blueprint(1) in roff with every subcommand and option, to
    /// standard output (`blueprint man > ~/.local/share/man/man1/blueprint.1`).
    Man,
    /// Run the language server (LSP 3.17) on standard input and output, for an editor: the
    /// diagnostics of `check` as you type, completion, hover, go to definition, rename of ids,
    /// and the phases and steps as symbols (README.md shows the set-up for common editors).
    Lsp,
    /// Preview blueprints in the browser, live: each file (or every `*.yaml` and `*.yml` in a
    /// directory) gets a page with its figure, theme and cut controls and downloads, updated
    /// when the file is saved; an invalid save shows its problems and keeps the last good
    /// figure. Prints the base URL first; runs until stopped (Ctrl-C).
    Serve(ServeArgs),
}

/// The options of `serve`.
#[derive(clap::Args)]
pub struct ServeArgs {
    /// Blueprint files, or directories to search for them.
    #[arg(required = true)]
    pub paths: Vec<std::path::PathBuf>,
    /// The port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 8787)]
    pub port: u16,
    /// The address to listen on. Only this machine can connect to the default; another
    /// address lets others on the network see the blueprints.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: std::net::IpAddr,
}

/// The options of `check`.
#[derive(clap::Args)]
pub struct CheckArgs {
    /// Files to check (`-` reads standard input).
    #[arg(required_unless_present = "theme")]
    pub files: Vec<std::path::PathBuf>,
    /// Also check this theme: a built-in name, or a theme file (`.yaml`/`.yml`), whose
    /// problems are reported like a blueprint's.
    #[arg(long, value_name = "NAME|FILE")]
    pub theme: Option<String>,
    /// Output format of the diagnostics (also `--message-format`, as for `render`).
    #[arg(long, alias = "message-format", value_enum, default_value_t = MessageFormat::Human)]
    pub format: MessageFormat,
    /// Treat warnings as errors (`--deny warnings`).
    #[arg(long, value_enum)]
    pub deny: Option<Deny>,
    /// Colour in the human report: `always`, `never`, or `auto` (as for `render`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// The options of `completions`.
#[derive(clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// The options of `render`.
#[derive(clap::Args)]
pub struct RenderArgs {
    /// Blueprint files (`-` reads standard input).
    #[arg(required = true)]
    pub files: Vec<std::path::PathBuf>,
    /// Output file for a single input (`-` writes to standard output); its extension
    /// (`.svg`, `.png`, `.pdf`) picks the format. Default: the input's name with the
    /// format's extension, beside it.
    #[arg(short, long, conflicts_with = "out_dir")]
    pub output: Option<std::path::PathBuf>,
    /// Directory for the outputs of several inputs (each `NAME.svg`, `NAME.png`, ...).
    #[arg(long)]
    pub out_dir: Option<std::path::PathBuf>,
    /// Output formats, comma-separated (`--format svg,png,pdf` writes all three per input).
    /// Default: from the extension of `-o`, else svg.
    #[arg(long = "format", value_enum, value_delimiter = ',')]
    pub formats: Vec<OutputFormat>,
    /// PNG pixels per SVG px [default: 2].
    #[arg(long, value_parser = positive_number, conflicts_with = "dpi")]
    pub scale: Option<f64>,
    /// PNG resolution in dots per inch; 96 dpi is scale 1, the SVG's own size.
    #[arg(long, value_parser = positive_number)]
    pub dpi: Option<f64>,
    /// PNG background: `white`, `transparent` or `#rrggbb` [default: the theme's, opaque].
    #[arg(long, value_parser = background)]
    pub background: Option<[u8; 4]>,
    /// PDF page: `fit` (the diagram's own size), or `a4` / `letter` landscape with
    /// half-inch margins, the diagram scaled to fit.
    #[arg(long, value_enum, default_value_t = PageName::Fit)]
    pub page: PageName,
    /// Theme: `light`, `dark`, `print`, `high-contrast`, or a theme file (`.yaml`/`.yml`,
    /// see docs/themes.md). Wins over the blueprint's own `theme:` [default: the
    /// blueprint's, else light].
    #[arg(long, value_name = "NAME|FILE")]
    pub theme: Option<String>,
    /// Leave the embedded font out of the SVG. By default the SVG carries a subset of each
    /// Inter weight its text uses, with all of printable ASCII (about 35 KB in all for a
    /// typical diagram), so browsers draw the exact font it was measured with; without it
    /// they use the `font-family` list (Inter if installed, else Helvetica or Arial). PNG
    /// and PDF always use the bundled fonts.
    #[arg(long)]
    pub no_embed_font: bool,
    /// Draw the SVG's text as glyph outlines, for slide tools that ignore web fonts: it
    /// looks the same everywhere but cannot be selected or searched (the words stay in
    /// `aria-label`s). PNG and PDF are still drawn from text.
    #[arg(long)]
    pub text_as_paths: bool,
    /// The SVG's id prefix (its root's id and class, and the start of every id in it), instead
    /// of one derived from its content and options: for CSS that names the figure
    /// (`#hotel .card`), or two copies of one figure on a page that must not share ids. Letters,
    /// digits, `-` and `_`, starting with a letter; every figure of the run gets it.
    #[arg(long, value_name = "PREFIX", value_parser = id_prefix)]
    pub id_prefix: Option<String>,
    /// Write through a symbolic link at an output path, replacing the file it names. Without
    /// it such a link is refused (a link committed where an output goes could make a CI
    /// render overwrite a file anywhere); a loop of links is refused either way.
    #[arg(long)]
    pub follow_symlinks: bool,
    /// Output format of the diagnostics.
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    pub message_format: MessageFormat,
    /// Treat warnings as errors (`--deny warnings`).
    #[arg(long, value_enum)]
    pub deny: Option<Deny>,
    /// Colour in the human report: `always`, `never`, or `auto`: none when `NO_COLOR` is set,
    /// else always when `CLICOLOR_FORCE` or `FORCE_COLOR` is set (and not `0`), else on a
    /// terminal.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Number the flows' notes on their arrows and list them under the legend, in the order
    /// the flows are written (format 1.1).
    #[arg(long)]
    pub notes: bool,
    #[command(flatten)]
    pub cut: CutArgs,
}

/// Cutting a blueprint down to fit a slide (docs/cuts.md).
#[derive(clap::Args)]
#[command(next_help_heading = "Cut to fit a slide (docs/cuts.md)")]
pub struct CutArgs {
    /// Render only these steps: 1-based positions as you count the columns, or step ids;
    /// `A..B` includes both ends, `A..` and `..B` run to the last and from the first step;
    /// several separated by commas (`3..9`, `checkin..checkout`, `1..3,7`). Flows to steps
    /// outside are drawn as stubs that say where they go.
    #[arg(long, value_name = "RANGES", value_delimiter = ',', value_parser = StepRange::parse)]
    pub steps: Vec<StepRange>,
    /// Render only the steps of these phases, by id or label; repeat it or separate with
    /// commas. With --steps, only steps both select.
    #[arg(long, alias = "phases", value_name = "PHASE", value_delimiter = ',')]
    pub phase: Vec<String>,
    /// Render only these lanes, by lane id, or a zone key (`evidence`, `customer`, `onstage`,
    /// `backstage`, `support`, `insight`) for every lane of that zone; comma-separated.
    #[arg(long, alias = "lane", value_name = "LANES", value_delimiter = ',')]
    pub lanes: Vec<String>,
    /// Write one figure per phase, `NAME-PHASE.EXT` (beside the input or in --out-dir), each
    /// cut to that phase (and to --lanes); steps in no phase are in no figure (a warning).
    #[arg(long, conflicts_with_all = ["steps", "phase", "output"])]
    pub split_phases: bool,
    /// Render one variant of the service (format 1.1 `variants:`), by id: the steps and items
    /// of every variant plus this one's, without variant badges, each step's duration this
    /// variant's; the subtitle names it. Cut first: --steps then counts its columns.
    #[arg(long, value_name = "ID")]
    pub variant: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// SVG, the document itself.
    Svg,
    /// PNG, drawn from the SVG.
    Png,
    /// PDF, vector, drawn from the SVG.
    Pdf,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PageName {
    /// The diagram's own size.
    Fit,
    /// A4 landscape.
    A4,
    /// US Letter landscape.
    Letter,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    /// miette's graphical report (colour as --color says).
    Human,
    /// One JSON document with every diagnostic.
    Json,
    /// GitHub Actions annotations (`::error file=…`).
    Github,
}

/// `--color`: whether the human report is coloured.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// `NO_COLOR` set: no colour; else `CLICOLOR_FORCE` or `FORCE_COLOR` set and not `0`:
    /// colour; else colour on a terminal.
    Auto,
    /// Colour, whatever the environment says.
    Always,
    /// No colour, whatever the environment says.
    Never,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    /// Warnings fail the check.
    Warnings,
}

/// `--scale` and `--dpi`: a finite number above zero.
fn positive_number(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 => Ok(v),
        _ => Err(format!("expected a number above 0, got {s:?}")),
    }
}

/// `--id-prefix`: an id and a CSS class name as they are written, unescaped: a letter, then
/// letters, digits, `-` and `_`, at most 64.
fn id_prefix(s: &str) -> Result<String, String> {
    let ok = s.len() <= 64
        && s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'));
    if ok {
        Ok(s.to_string())
    } else {
        Err(format!(
            "expected a letter, then letters, digits, `-` or `_` (at most 64), got {s:?}"
        ))
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

/// A usage error found after parsing (an unknown theme, `-o` with several inputs), worded and
/// printed by clap like the ones it finds itself. The message is one line, escaped as
/// diagnostics are, so a value quoted in it (a path, an argument) cannot start a line of its
/// own or drive the terminal.
pub fn usage(kind: clap::error::ErrorKind, msg: String) -> clap::Error {
    use clap::CommandFactory;
    Cli::command().error(kind, blueprint::diag::escape_line(&msg))
}

/// Parses the command line. Clap's own errors (an unknown argument, a bad value) echo what was
/// typed as it was typed, so a newline in `-o` could forge a `::error` line in a CI log and an
/// escape sequence would reach the terminal. On an error, the arguments (the program's name
/// too: clap shows it in the usage line) are escaped as diagnostics are and parsed again, and
/// that error is the one returned: the same error, its values escaped.
pub fn parse() -> Result<Cli, clap::Error> {
    let raw: Vec<std::ffi::OsString> = std::env::args_os().collect();
    Cli::try_parse_from(&raw).map_err(|e| escaped(e, &raw))
}

/// `e`, found parsing `raw`, with every argument it may echo escaped.
fn escaped(e: clap::Error, raw: &[std::ffi::OsString]) -> clap::Error {
    let safe: Vec<std::ffi::OsString> = raw
        .iter()
        .map(|a| blueprint::diag::escape_line(&a.to_string_lossy()).into())
        .collect();
    if safe == raw {
        return e;
    }
    match Cli::try_parse_from(&safe) {
        Err(again) if again.kind() == e.kind() => again,
        // Escaping changed what parses (rare): clap's first line alone, escaped.
        _ => {
            let text = e.render().to_string();
            let first = text.lines().next().unwrap_or_default();
            usage(e.kind(), first.trim_start_matches("error: ").to_string())
        }
    }
}
