//! Output planning: which formats a run writes, where each input's outputs go (`-o`,
//! `--out-dir`, or beside the input), and the checks that can refuse a run before any input
//! is read (an output over its input, two inputs onto one output, binary bytes to a terminal).

use super::args::usage;
use super::outcome::Failure;
use blueprint::diag;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// Where a run's outputs go, and in which formats.
pub struct Outputs {
    /// The formats written for each figure, in order.
    pub formats: Vec<blueprint::Format>,
    pub dest: Dest,
    /// Some output goes to standard output (so a JSON report goes to standard error).
    pub to_stdout: bool,
}

/// Plans the outputs of `files`: `formats` as `--format` gave them, `output` and `out_dir` as
/// `-o` and `--out-dir`, `split` under `--split-phases` (figure names come from the files, so
/// fewer checks can be made up front). A usage or I/O failure refuses the whole run.
pub fn outputs(
    files: &[PathBuf],
    output: Option<PathBuf>,
    out_dir: Option<PathBuf>,
    formats: &[blueprint::Format],
    split: bool,
) -> Result<Outputs, Failure> {
    let usage = |msg: String| Failure::Usage(usage(clap::error::ErrorKind::ArgumentConflict, msg));
    if files.len() > 1 && output.is_some() {
        return Err(usage(
            "-o/--output takes one input; use --out-dir for several".into(),
        ));
    }
    if split && out_dir.is_none() && files.iter().any(|f| f.as_os_str() == "-") {
        return Err(usage(
            "--split-phases writes one file per phase; with standard input, give --out-dir".into(),
        ));
    }
    let formats = output_formats(formats, &output).map_err(usage)?;
    // A missing --out-dir is made once the run is sure to write ([`Dest::make_out_dir`]).
    if let Some(d) = &out_dir
        && d.exists()
        && !d.is_dir()
    {
        return Err(Failure::Io(format!(
            "--out-dir {}: exists and is not a directory",
            d.display()
        )));
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
    // other's output, silently and in whichever order the workers finish: refused before any
    // input is read. Figure names come from the files: [`Claims`] sees them again once read.
    if !split {
        let mut claims = Claims::default();
        for input in files {
            claims.claim(dest.path(input, formats[0], None), input, None)?;
        }
    }
    let to_stdout = !split
        && files.iter().any(|f| {
            formats
                .iter()
                .any(|&fmt| dest.path(f, fmt, None).as_os_str() == "-")
        });
    Ok(Outputs {
        formats,
        dest,
        to_stdout,
    })
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
pub struct Dest {
    output: Option<PathBuf>,
    out_dir: Option<PathBuf>,
}

impl Dest {
    /// Makes `--out-dir`, with its parents, when it is missing (`--out-dir build/` on a fresh
    /// checkout).
    pub fn make_out_dir(&self) -> Result<(), Failure> {
        match &self.out_dir {
            Some(d) => std::fs::create_dir_all(d)
                .map_err(|e| Failure::Io(format!("--out-dir {}: {e}", d.display()))),
            None => Ok(()),
        }
    }

    /// Where the `format` output of `input` goes; `figure` (a phase id under `--split-phases`,
    /// a cut's [`cut_name`]) is added to the name: `NAME-FIGURE.EXT`.
    pub fn path(&self, input: &Path, format: blueprint::Format, figure: Option<&str>) -> PathBuf {
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

/// What a cut adds to its outputs' default names (`NAME-CUT.EXT`), so that a cut never takes the
/// whole figure's name: `variant-` and the variant's id (format 1.1); the phases by id, as `--split-phases` names its figures (`stay`,
/// `arrival-departure`); then `steps-` and the ranges as written, bounds joined by `-`, an open
/// end `first` or `last`, ranges joined by `_` (`steps-3-9`, `steps-5-last`, `steps-1-3_7`);
/// then `lanes-` and the lanes (`lanes-customer-onstage`). Only `A-Z a-z 0-9 _ -` are kept,
/// anything else becomes `-`. `None` for no cut.
pub fn cut_name(bp: &blueprint::model::Blueprint, cut: &blueprint::cut::Cut) -> Option<String> {
    use blueprint::cut::StepRef;
    let mut parts: Vec<String> = Vec::new();
    if let Some(v) = &cut.variant {
        parts.push(format!("variant-{v}"));
    }
    for name in &cut.phases {
        // Found as the cut finds it, by id, else by label ignoring case; named by its id.
        let lower = name.to_lowercase();
        let phase = bp.phases.iter().find(|p| p.id.value == *name).or_else(|| {
            bp.phases
                .iter()
                .find(|p| p.label.value.to_lowercase() == lower)
        });
        parts.push(phase.map_or_else(|| name.clone(), |p| p.id.value.clone()));
    }
    if !cut.steps.is_empty() {
        let bound = |b: &Option<StepRef>, open: &str| match b {
            Some(StepRef::Number(n)) => n.to_string(),
            Some(StepRef::Id(id)) => id.clone(),
            None => open.to_string(),
        };
        let ranges: Vec<String> = cut
            .steps
            .iter()
            .map(|r| {
                let from = bound(&r.from, "first");
                if r.text.contains("..") {
                    format!("{from}-{}", bound(&r.to, "last"))
                } else {
                    from
                }
            })
            .collect();
        parts.push(format!("steps-{}", ranges.join("_")));
    }
    if !cut.lanes.is_empty() {
        parts.push(format!("lanes-{}", cut.lanes.join("-")));
    }
    if parts.is_empty() {
        return None;
    }
    let name = parts.join("-");
    Some(
        name.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                    c
                } else {
                    '-'
                }
            })
            .collect(),
    )
}

/// Every output path of a run, with the input and figure it is the output of: the one check
/// that no two outputs of one run share a path (two inputs with one name, two figures of
/// different inputs whose names meet, as `a.yaml`'s phase `b-c` and `a-b.yaml`'s phase `c` in
/// `a-b-c.svg`). A clash refuses the run before anything is written.
#[derive(Default)]
pub struct Claims {
    /// Each output, as [`claim_key`] spells it, with the first input and figure to claim it.
    taken: std::collections::HashMap<PathBuf, (PathBuf, Option<String>)>,
}

impl Claims {
    /// Claims `out` for `figure` of `input`; a usage error naming both sources and the path
    /// when another input or figure has it already. The same input named twice is no clash.
    pub fn claim(
        &mut self,
        out: PathBuf,
        input: &Path,
        figure: Option<&str>,
    ) -> Result<(), Failure> {
        if out.as_os_str() == "-" {
            return Ok(());
        }
        let key = claim_key(&out);
        if let Some((first, first_figure)) = self.taken.get(&key) {
            if same_file(first, input) && first_figure.as_deref() == figure {
                return Ok(());
            }
            let source = |input: &Path, figure: Option<&str>| {
                let name = diag::escape_line(&input.to_string_lossy());
                match figure {
                    Some(f) => format!("{name} (figure {})", diag::escape_line(f)),
                    None => name,
                }
            };
            return Err(Failure::Usage(usage(
                clap::error::ErrorKind::ArgumentConflict,
                format!(
                    "{} and {} would both be written to {}; nothing was written. Rename one, or \
                     render them into different --out-dir directories",
                    source(first, first_figure.as_deref()),
                    source(input, figure),
                    diag::escape_line(&out.to_string_lossy()),
                ),
            )));
        }
        self.taken
            .insert(key, (input.to_path_buf(), figure.map(str::to_string)));
        Ok(())
    }
}

/// `out` spelled one way for every way of writing it (`x.svg`, `./x.svg`, `dir/../x.svg`):
/// its directory resolved when it exists, else made absolute; the file need not exist.
fn claim_key(out: &Path) -> PathBuf {
    let name = out.file_name().unwrap_or_default();
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let dir = dir
        .canonicalize()
        .or_else(|_| std::path::absolute(dir))
        .unwrap_or_else(|_| dir.to_path_buf());
    dir.join(name)
}

/// True when `a` and `b` name the same existing file (or the same path).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}
